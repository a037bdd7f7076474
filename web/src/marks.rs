//! Where a frame's time goes, as the browser's own user timing (`performance.measure`): with
//! `?marks` in the page's address, each part of a frame — the simulation (`klab:sim`, or
//! `klab:sim+snap` when the time machine took a snapshot in it), the snapshots' refresh
//! (`klab:refresh`, with `klab:view`, `klab:tables`, `klab:ledger`, `klab:events` inside it) and
//! the whole frame's script up to Yew's render (`klab:frame`) — is a measure that Chrome's
//! tracing records (`scripts/bench-frames.mjs` reads them). Off by default: nothing is marked.
//!
//! Also the frame's real-time clock, which the adaptive simulation budget reads
//! (`crate::state::driver`): how long the previous frame's page work (everything after the
//! simulation up to Yew's render) took.

use std::cell::Cell;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    /// When the running frame's callback started (`performance.now()`).
    static FRAME_START: Cell<Option<f64>> = const { Cell::new(None) };
    /// Real ms the running frame spent simulating.
    static SIM_MS: Cell<f64> = const { Cell::new(0.0) };
    /// Real ms the last drawn frame spent outside the simulation (refresh, Yew's render and
    /// DOM writes), smoothed.
    static PAGE_MS: Cell<f64> = const { Cell::new(0.0) };
}

/// Turns the measures on (`?marks`).
pub fn enable() {
    ON.with(|o| o.set(true));
}

/// The page's real clock in ms (`performance.now()`); 0 outside a browser.
pub fn now() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Starts part `name` (a mark of that name).
pub fn start(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if ON.with(Cell::get) {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            p.mark(name).ok();
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

/// Ends part `started` (begun with [`start`]) as a measure named `name`, then forgets the
/// browser's entries (the trace keeps them; the page's buffer would grow with the run).
pub fn end(started: &str, name: &str) {
    #[cfg(target_arch = "wasm32")]
    if ON.with(Cell::get) {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            p.measure_with_start_mark(name, started).ok();
            p.clear_marks_with_mark_name(started);
            p.clear_measures_with_measure_name(name);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (started, name);
}

/// A frame's callback starts now.
pub fn frame_started() {
    FRAME_START.with(|s| s.set(Some(now())));
    SIM_MS.with(|s| s.set(0.0));
    start("klab:frame");
}

/// The running frame simulated for `ms` real ms.
pub fn simulated(ms: f64) {
    SIM_MS.with(|s| s.set(s.get() + ms));
}

/// The frame's render is done (Yew's effects run): returns its whole script time (ms).
pub fn frame_drawn() -> Option<f64> {
    let start = FRAME_START.with(Cell::take)?;
    let took = now() - start;
    let page = (took - SIM_MS.with(Cell::get)).max(0.0);
    // Smoothed a little: one long frame (a table rebuilt) should not starve the next ones.
    PAGE_MS.with(|p| p.set(0.5 * p.get() + 0.5 * page));
    end("klab:frame", "klab:frame");
    Some(took)
}

/// Real ms the recent frames' page work (outside the simulation) took.
pub fn page_ms() -> f64 {
    PAGE_MS.with(Cell::get)
}
