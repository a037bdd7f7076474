//! The simulation driver: the browser's frame clock turned into virtual time, and what the
//! page keeps doing on it — a stream of records, a load run of the batching panel, a preset
//! played line by line, the six-step trace of one send.

use kafka_lab::cli::parse_duration;
use kafka_lab::log::SendId;
use kafka_lab::sim::Millis;

use super::*;

/// Most simulation events one animation frame runs: beyond it the virtual clock falls behind
/// rather than the page freezing.
pub const FRAME_EVENT_BUDGET: u64 = 100_000;
/// Most real time (ms) one animation frame spends running the simulation (frames3: it was a
/// fixed 4 ms, 6 until frames2). A big cluster at a high speed asks for more work than fits in
/// a frame, and then the virtual clock falls behind (the toolbar says at what speed it really
/// runs) instead of frames getting long. With the cores free the simulation used its whole
/// 4 ms every frame — half of issue 15's 8 ms target alone — so it now gets what is left of
/// [`FRAME_WORK_TARGET_MS`] after the recent frames' page work, at most this much.
pub const FRAME_SIM_BUDGET_MS: f64 = 2.0;
/// The least a playing frame simulates for (ms), however long drawing took: virtual time never
/// stops while the run plays.
pub const FRAME_SIM_FLOOR_MS: f64 = 0.5;
/// The budget (ms) while the run falls behind real time (below ×1): the page's frame target gives
/// way so a big cluster still keeps up with the clock at ×1, as it did with the fixed 4 ms
/// budget before frames3 (64 brokers × 1,000 partitions ran at ×0.4–×0.8 at the 0.5 ms floor).
pub const FRAME_SIM_REAL_TIME_MS: f64 = 4.0;
/// The script time (ms) a frame's callback aims at — simulation plus the page's own work
/// (refresh, Yew's render, DOM writes) — leaving style, layout and paint room within 8 ms.
pub const FRAME_WORK_TARGET_MS: f64 = 5.0;
/// The share of the budget a frame that rebuilds a tab's tables (or reads the ledger) gives
/// the simulation: such a frame is the longest of a quarter second, so it simulates little.
pub const TABLE_FRAME_SIM_SHARE: f64 = 0.125;
/// Simulation events run between two looks at the clock.
const SLICE_EVENTS: u64 = 200;

thread_local! {
    /// A fixed budget from the page's `?simbudget=MS`, else `None`: the adaptive one.
    static SIM_BUDGET_MS: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
}

/// Sets a fixed real time a frame may spend running the simulation (`?simbudget=MS`; the tests
/// use a tiny one to see the page fall behind on any machine, the benchmark 4 to compare with
/// the budget before frames3).
pub fn set_sim_budget_ms(ms: f64) {
    if ms.is_finite() && ms >= 0.0 {
        SIM_BUDGET_MS.with(|b| b.set(Some(ms)));
    }
}

/// The real ms this frame may simulate for: the fixed budget, or what the recent frames'
/// page work (`page_ms`) leaves of [`FRAME_WORK_TARGET_MS`], between [`FRAME_SIM_FLOOR_MS`]
/// and [`FRAME_SIM_BUDGET_MS`] — but [`FRAME_SIM_REAL_TIME_MS`] while the run is slower than
/// real time (`behind_real_time`: the speed reached is under ×1).
pub fn sim_budget_ms(page_ms: f64, behind_real_time: bool) -> f64 {
    SIM_BUDGET_MS.with(std::cell::Cell::get).unwrap_or_else(|| {
        let adaptive =
            (FRAME_WORK_TARGET_MS - page_ms).clamp(FRAME_SIM_FLOOR_MS, FRAME_SIM_BUDGET_MS);
        if behind_real_time {
            adaptive.max(FRAME_SIM_REAL_TIME_MS)
        } else {
            adaptive
        }
    })
}

/// The page's real clock in ms (`performance.now()`); 0 outside a browser, where frames have
/// no real-time budget (native tests run every frame to its end).
fn real_clock_ms() -> f64 {
    crate::marks::now()
}
/// Virtual ms between the records of a stream.
pub const STREAM_EVERY_MS: Millis = 250;

/// Where a record sent from the partition-selection panel landed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pick {
    /// Its key.
    pub key: Option<String>,
    /// Its value.
    pub value: String,
    /// The partition it went to.
    pub partition: u32,
    /// Partitions of the topic then.
    pub partitions: u32,
    /// Why: "explicit", "hash" (with murmur2), "round-robin", "sticky".
    pub why: &'static str,
    /// murmur2 of the key (keyed records).
    pub hash: Option<i32>,
    /// The result line (`orders-1@4` or an error).
    pub result: String,
}

/// A load run of the batching panel: records sent at a steady rate by a fresh producer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadRun {
    /// Its producer's client id.
    pub client: String,
    /// `batch.size`.
    pub batch_size: usize,
    /// `linger.ms`.
    pub linger_ms: Millis,
    /// `compression.type`.
    pub compression: kafka_lab::storage::batch::Codec,
    /// Records still to send.
    pub remaining: u32,
    /// Virtual ms between records.
    pub every_ms: Millis,
    /// When the next one goes.
    pub next_at: Millis,
    /// When it started.
    pub started: Millis,
    /// Sent so far.
    pub sent: u32,
}

/// Records a load run sends, and how far apart (virtual ms).
pub const LOAD_RECORDS: u32 = 300;
/// Virtual ms between a load run's records.
pub const LOAD_EVERY_MS: Millis = 1;

/// What a finished load run measured.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadResult {
    /// `batch.size`.
    pub batch_size: usize,
    /// `linger.ms`.
    pub linger_ms: Millis,
    /// `compression.type`.
    pub compression: kafka_lab::storage::batch::Codec,
    /// Bytes of its batches before compression.
    pub bytes_before: u64,
    /// The same batches as written.
    pub bytes_after: u64,
    /// Records acknowledged.
    pub records: u64,
    /// Batches they went in.
    pub batches: u64,
    /// Produce requests.
    pub requests: u64,
    /// Mean ms from send() to acknowledgement.
    pub mean_latency_ms: f64,
}

/// A stream of records the producer panel keeps sending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stream {
    /// Topic.
    pub topic: String,
    /// `acks`.
    pub acks: String,
    /// Virtual ms between records.
    pub every_ms: Millis,
    /// When the next one goes.
    pub next_at: Millis,
    /// Sent so far.
    pub sent: u64,
}

/// The six-step trace of one send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// The send.
    pub send: SendId,
    /// Its stage (1–6), `None` if it failed.
    pub stage: Option<u8>,
    /// The `acks` it was sent with.
    pub acks: String,
}

/// A preset being played.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresetRun {
    /// Which.
    pub id: &'static str,
    /// Its commands.
    pub commands: Vec<String>,
    /// The next command to run.
    pub next: usize,
    /// Letting virtual time pass until here (an `advance` line).
    pub waiting_until: Option<Millis>,
}

impl PresetRun {
    /// True once every command has run.
    pub fn done(&self) -> bool {
        self.next >= self.commands.len() && self.waiting_until.is_none()
    }
}

impl Ui {
    /// One animation frame at real time `now`, `dt` real ms after the previous one: runs the
    /// preset, then (while playing) lets `speed × dt` virtual ms pass, sending the stream's and
    /// load run's records at their instants. False when there is nothing to redraw.
    pub(super) fn frame(&mut self, now: f64, dt: f64) -> bool {
        let next = self;
        next.real_now = now;
        next.run_preset();
        if next.playing {
            let virt = dt.max(0.0) * next.speed + next.carry;
            let mut whole = virt.floor();
            next.carry = virt - whole;
            // A preset's `advance` ends exactly where the script says, as in the CLI.
            if let Some(until) = next.preset.as_ref().and_then(|p| p.waiting_until) {
                let left = until.saturating_sub(next.lab.borrow().cluster().now());
                if whole >= left as f64 {
                    whole = left as f64;
                    next.carry = 0.0;
                }
            }
            let start = next.lab.borrow().cluster().now();
            let mut end = start + whole as u64;
            // A frame that also rebuilds a tab's tables simulates for an eighth of the budget,
            // so it stays about as short as the frames between (virtual time gives way a little).
            let share = if next.tables_due() {
                TABLE_FRAME_SIM_SHARE
            } else {
                1.0
            };
            let sim_start = real_clock_ms();
            let snaps = next.lab.borrow().snapshot_stats().0;
            crate::marks::start("klab:sim");
            let behind_real_time = next.actual_speed.is_some_and(|a| a < 1.0);
            let deadline =
                sim_start + sim_budget_ms(crate::marks::page_ms(), behind_real_time) * share;
            let over = || real_clock_ms() > deadline;
            // Out of time: the virtual clock stops where the work got to.
            if !next.run_stream(end, &over) || !next.run_load(end, &over) {
                end = next.lab.borrow().cluster().now();
                next.carry = 0.0;
            }
            let mut budget = FRAME_EVENT_BUDGET;
            loop {
                let (now, before) = {
                    let lab = next.lab.borrow();
                    (lab.cluster().now(), lab.cluster().processed())
                };
                let left = end.saturating_sub(now);
                if left == 0 {
                    break;
                }
                let slice = budget.min(SLICE_EVENTS);
                let done = next.lab.borrow_mut().advance_bounded(left, slice);
                if done {
                    break;
                }
                budget = budget.saturating_sub(next.lab.borrow().cluster().processed() - before);
                if budget == 0 || over() {
                    next.carry = 0.0;
                    break;
                }
            }
            crate::marks::simulated(real_clock_ms() - sim_start);
            let snapped = next.lab.borrow().snapshot_stats().0 != snaps;
            crate::marks::end(
                "klab:sim",
                if snapped { "klab:sim+snap" } else { "klab:sim" },
            );
            let reached = next.lab.borrow().cluster().now();
            // Smoothed; shown until it is back within 5% of the speed asked for.
            let this_frame = if dt > 0.0 && reached < start + whole as u64 {
                Some((reached - start) as f64 / dt)
            } else {
                None
            };
            next.actual_speed = match (next.actual_speed, this_frame) {
                (None, None) => None,
                (None, Some(f)) => Some(f),
                (Some(a), f) => {
                    let a = 0.9 * a + 0.1 * f.unwrap_or(next.speed);
                    (f.is_some() || a < 0.95 * next.speed).then_some(a)
                }
            };
        } else {
            next.actual_speed = None;
        }
        next.run_preset();
        // Nothing to redraw when paused and nothing is flying.
        let animating = next
            .lookup
            .as_ref()
            .is_some_and(|l| now - l.started < l.total_steps() as f64 * LOOKUP_STEP_MS + 100.0);
        if !next.playing && next.flights.is_empty() && next.preset.is_none() && !animating {
            return false;
        }
        true
    }

    /// Sends the stream's records due up to virtual time `end`, each at its own instant.
    /// Returns false if it ran out of the frame's time (`over`) first.
    pub(super) fn run_stream(&mut self, end: Millis, over: &dyn Fn() -> bool) -> bool {
        let Some(mut st) = self.stream.take() else {
            return true;
        };
        while st.next_at <= end {
            // Up to the record's instant in slices, looking at the clock between them: one
            // stretch of 250 virtual ms on 64 brokers × 1,000 partitions ran past the frame's
            // budget by tens of ms (frames2). Out of time, the record waits for the next frame.
            loop {
                if over() {
                    self.stream = Some(st);
                    return false;
                }
                let now = self.lab.borrow().cluster().now();
                if st.next_at <= now
                    || self
                        .lab
                        .borrow_mut()
                        .advance_bounded(st.next_at - now, SLICE_EVENTS)
                {
                    break;
                }
            }
            st.sent += 1;
            let line = format!(
                "produce --topic {} --acks {} --async --client-id stream s-{}",
                st.topic, st.acks, st.sent
            );
            if self.exec_quiet(&line).is_err() {
                // The topic went away (a reset): stop.
                return true;
            }
            st.next_at += st.every_ms;
        }
        self.stream = Some(st);
        true
    }

    /// Sends the load run's records due up to virtual time `end`; once all are sent and
    /// answered, records what the run measured.
    /// Returns false if it ran out of the frame's time (`over`) first.
    pub(super) fn run_load(&mut self, end: Millis, over: &dyn Fn() -> bool) -> bool {
        let Some(mut run) = self.load.take() else {
            return true;
        };
        while run.remaining > 0 && run.next_at <= end {
            if over() {
                self.load = Some(run);
                return false;
            }
            let now = self.lab.borrow().cluster().now();
            if run.next_at > now {
                self.lab.borrow_mut().advance(run.next_at - now);
            }
            run.sent += 1;
            run.remaining -= 1;
            let line = format!(
                "produce --topic orders --partition 0 --async --client-id {} --producer-property batch.size={} --producer-property linger.ms={} --producer-property compression.type={} load-{}",
                run.client, run.batch_size, run.linger_ms, run.compression.name(), run.sent
            );
            if self.exec_quiet(&line).is_err() {
                return true; // the topic went away (a reset): stop
            }
            run.next_at += run.every_ms;
        }
        if run.remaining == 0 {
            let lab = self.lab.borrow();
            let done = kafka_lab::view::producer_totals(lab.cluster(), &run.client)
                .filter(|p| p.idle)
                .map(|p| LoadResult {
                    batch_size: run.batch_size,
                    linger_ms: run.linger_ms,
                    compression: run.compression,
                    bytes_before: p.stats.bytes_uncompressed,
                    bytes_after: p.stats.bytes_compressed,
                    records: p.stats.records_acked,
                    batches: p.stats.batches_sent,
                    requests: p.stats.requests,
                    mean_latency_ms: p.mean_latency_ms,
                });
            drop(lab);
            if let Some(r) = done {
                let mut all = (*self.load_results).clone();
                all.push(r);
                self.load_results = Shared::new(all);
                return true;
            }
        }
        self.load = Some(run);
        true
    }

    /// Messages already delivered are not animated (the start-up's, the setup's).
    pub(super) fn skip_past_deliveries(&mut self) {
        let lab = self.lab.borrow();
        self.last_seq = lab.cluster().recent_deliveries().last().map(|d| d.seq);
        self.flights = Shared::new(Vec::new());
    }

    /// Runs the preset's commands up to its next `advance`, which then plays in real time.
    pub(super) fn run_preset(&mut self) {
        loop {
            let now = self.lab.borrow().cluster().now();
            let Some(run) = self.preset.as_mut() else {
                return;
            };
            if let Some(until) = run.waiting_until {
                if now < until {
                    return;
                }
                run.waiting_until = None;
            }
            let Some(line) = run.commands.get(run.next).cloned() else {
                return;
            };
            run.next += 1;
            match line.strip_prefix("advance ").map(parse_duration) {
                Some(Ok(ms)) => {
                    run.waiting_until = Some(now + ms);
                    self.page_line(ConsoleLine::Input(line));
                }
                _ => self.exec(line),
            }
        }
    }
}

/// Speed ↔ slider position (log10 scale).
pub fn speed_to_slider(speed: f64) -> f64 {
    speed.clamp(SPEED_RANGE.0, SPEED_RANGE.1).log10()
}

/// Slider position → speed, rounded to two significant digits.
pub fn slider_to_speed(pos: f64) -> f64 {
    let s = 10f64.powf(pos).clamp(SPEED_RANGE.0, SPEED_RANGE.1);
    let mag = 10f64.powf(s.log10().floor() - 1.0);
    (s / mag).round() * mag
}
