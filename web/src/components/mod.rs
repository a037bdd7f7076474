//! One component per file. Each receives snapshots and callbacks; none holds the simulation.

pub mod broker_box;
pub mod compare_eras;
pub mod console;
pub mod consumers;
pub mod controls;
pub mod diagram;
pub mod el;
pub mod era_switch;
pub mod event_log;
pub mod failure;
pub mod kraft_elr;
pub mod kraft_quorum;
pub mod kraft_tabs;
pub mod overview;
pub mod producer;
pub mod replication;
pub mod shortcuts;
pub mod storage;
pub mod timeline;
pub mod toolbar;
pub mod tour;
pub mod why_fast;
pub mod zk_ensemble;
pub mod zk_offsets;
pub mod zoom;
