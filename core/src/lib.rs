//! # Kafka Lab's core
//!
//! A deterministic simulation of an Apache Kafka cluster in virtual time, and the command
//! interpreter that drives it. Pure Rust: no wall clock, no I/O, no web dependencies. The
//! native `kafka-lab` program and the web app both run it.
//!
//! - [`sim`]: the kernel (virtual time, event queue, seeded generator, network).
//! - [`cluster`]: ZooKeeper, brokers, the controller, and the runtime wiring them.
//! - [`cli`]: the command interpreter ([`cli::Lab`]) shared by the CLI, the page and scenarios.
//! - [`view`]: read-only snapshots of the cluster for drawing.
//! - [`event`] and [`i18n`]: what happened, in English and Chinese.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// Collapsing an `if` into a match guard would move side effects (removing a pending request)
// into the guard, where they are easy to miss.
#![allow(clippy::collapsible_match)]

pub mod assignor;
pub mod cli;
pub mod cluster;
pub mod config;
pub mod event;
pub mod event_fold;
pub mod i18n;
pub mod idxmap;
pub mod kraft;
pub mod ledger;
pub mod log;
pub mod model;
pub mod partitioner;
pub mod presets;
pub mod server_assignor;
pub mod sim;
pub mod sort;
pub mod storage;
pub mod trace;
pub mod vecmap;
pub mod view;
