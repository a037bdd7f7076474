//! # Kafka Lab's web app
//!
//! A Yew front end over the `kafka_lab` core: the cluster diagram of the notes' section 1,
//! drawn live; play / pause / step / speed; an event log in English or Chinese; an in-page
//! console running the same commands as the `kafka-lab` program.
//!
//! - [`state`]: the page's state and reducer (the only code that touches the simulation).
//! - [`layout`]: the diagram's geometry (pure, tested natively).
//! - [`components`]: one component per file.
//! - [`panic`]: turns a panic into a visible banner.
#![forbid(unsafe_code)]

pub mod app;
pub mod components;
pub mod keys;
pub mod layout;
pub mod layout_kraft;
pub mod marks;
pub mod panic;
pub mod state;
pub mod text_fit;
pub mod tour;

use wasm_bindgen::prelude::*;

/// Mounts the lab on `#app` (or `<body>`).
pub fn start() {
    panic::install();
    let doc = gloo::utils::document();
    let root = doc
        .get_element_by_id("app")
        .unwrap_or_else(|| gloo::utils::body().into());
    root.set_inner_html("");
    yew::Renderer::<app::App>::with_root_and_props(root, app::AppProps::from_url()).render();
}

/// Runs a script in a fresh lab and returns what `kafka-lab run` would print: the
/// same seed and commands give the same text here as natively (the end-to-end tests compare).
#[wasm_bindgen(js_name = runScript)]
pub fn run_script(script: &str) -> String {
    let mut lab = kafka_lab::cli::Lab::default();
    kafka_lab::cli::run_script(&mut lab, script, false).output
}

/// Frame timings recorded by the page (for `make bench`): `frames total_ms max_ms`.
#[wasm_bindgen(js_name = frameStats)]
pub fn frame_stats() -> String {
    let (n, total, max) = app::frame_stats();
    format!("{n} {total:.3} {max:.3}")
}

/// Panics on purpose, so the end-to-end tests can check that a panic shows the banner
/// instead of leaving a dead page. Harmless: it only breaks the page that calls it.
#[wasm_bindgen(js_name = crashForTest)]
pub fn crash_for_test() {
    panic!("crashForTest() was called: this panic is deliberate");
}
