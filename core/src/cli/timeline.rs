//! The time machine: a run is a tape (the journal's commands at their recorded points), and
//! the lab's state may sit anywhere on it.
//!
//! A [`Position`] names a point of the tape: journal entries applied, simulation items
//! handled in the current cluster, virtual time. Seeking restores the nearest snapshot (a
//! clone of the lab's state, taken every few thousand items) at or before the target and runs
//! forward: items are handled in the same order and every command is applied at the same
//! point, so the state is exactly the one the run had there (the simulation is deterministic
//! in its seed and inputs, and the journal's positions say where each input came). Going
//! forward from the past follows the tape; a command given in the past forks: the old future
//! is kept as a branch.
//!
//! Commands that only pass time (`advance`, `step`) are applied as markers when seeking: the
//! items they ran are run again by running to the next point, so the tape can stop in the
//! middle of a long `advance`.

use std::rc::Rc;

use super::args::split_words;
use super::{hints, JournalEntry, Lab};
use crate::event::Event;
use crate::event_fold::EventKind;
use crate::i18n::{tr, Lang, T};
use crate::log::SendId;
use crate::sim::Millis;

#[path = "timeline_branches.rs"]
mod branches;
#[path = "timeline_marks.rs"]
mod marks;
#[path = "timeline_seek.rs"]
mod seek;

/// A point of a run.
///
/// Ordered lexicographically, commands first: after `brokers N` or `seed N` the counts of
/// the new cluster start again, but the command count still orders the points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Journal entries applied.
    pub commands: usize,
    /// Simulation items handled in the current cluster.
    pub processed: u64,
    /// Virtual time, in milliseconds.
    pub at: Millis,
}

/// One line run in the lab, with what it printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranscriptEntry {
    /// Where the run was after the line (read-only lines: where it was typed).
    pub pos: Position,
    /// The line as typed.
    pub line: String,
    /// Its output, or the error line.
    pub result: Result<String, String>,
    /// A record line read by `kafka-console-producer.sh` (prompt `>`), not a command.
    pub record: bool,
}

/// What running a line did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Its output, or one line saying what was wrong.
    pub result: Result<String, String>,
    /// The line was a command given in the past: the old future was kept as this branch.
    pub forked: Option<usize>,
    /// The ledger's sends the command created (where each landed is in the ledger).
    pub sends: Vec<SendId>,
}

/// What a mark on the timeline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    /// A journaled command.
    Command,
    /// A broker was killed.
    BrokerKilled,
    /// A broker (re)started.
    BrokerStarted,
    /// A controller was elected.
    ControllerElected,
    /// A partition leader was elected.
    LeaderElected,
    /// A partition went offline.
    PartitionOffline,
    /// An ISR shrank.
    IsrShrunk,
    /// An ISR grew.
    IsrExpanded,
    /// A replica truncated its log (records may be lost).
    Truncated,
    /// A broker saw a duplicate batch.
    Duplicate,
    /// A consumer group rebalanced.
    Rebalance,
    /// ZooKeeper's quorum changed (server killed/started, quorum lost, leader elected).
    ZkQuorum,
    /// A ZooKeeper session expired.
    SessionExpired,
    /// A checked invariant broke.
    InvariantBroken,
}

/// A mark on the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Just before it happened (seek here to see it happen next).
    pub pos: Position,
    /// Virtual time.
    pub at: Millis,
    /// What it is.
    pub kind: MarkKind,
    /// For an event: the event log's kind (its filter).
    pub class: Option<EventKind>,
    /// For a command: its journal index and line.
    pub command: Option<(usize, String)>,
    /// For an event: the event.
    pub event: Option<Event>,
}

/// A branch of the run, as [`Lab::branches`] lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BranchInfo {
    /// Its id (`branch K`).
    pub id: usize,
    /// The first journal index where it differs from the current branch (its length if it
    /// is a prefix of it).
    pub diverges_at: usize,
    /// Its command at `diverges_at`, if it has one.
    pub first_line: Option<String>,
    /// Commands in its journal.
    pub commands: usize,
    /// Its live point (its present).
    pub live: Position,
    /// Whether it is the current branch.
    pub current: bool,
}

/// A kept branch: everything that belongs to one future.
#[derive(Clone, Debug)]
struct Branch {
    id: usize,
    journal: Vec<JournalEntry>,
    live: Position,
    transcript: Vec<TranscriptEntry>,
    snaps: Vec<Snapshot>,
    marks: MarkCache,
}

/// The state at a point of the tape (a [`Lab`] without its journal and timeline).
#[derive(Clone, Debug)]
struct Snapshot {
    pos: Position,
    lab: Rc<Lab>,
    /// A stand-in for its size: see [`SNAPSHOT_WEIGHT_BUDGET`].
    weight: u64,
}

/// Event marks of the live generation, extended as the live point moves.
#[derive(Clone, Debug, Default)]
struct MarkCache {
    /// The journal index of the `brokers`/`seed` command that started the generation.
    generation: Option<usize>,
    /// Entries of that generation's event log already looked at.
    log_len: usize,
    marks: Vec<Mark>,
}

/// The lab's time machine: branch-level data (not part of the state at a point).
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// `generation`'s cache: the journal entries looked at, and the last reset among them.
    reset_scan: std::cell::Cell<(usize, Option<usize>)>,
    live: Position,
    transcript: Vec<TranscriptEntry>,
    current: usize,
    next_id: usize,
    branches: Vec<Branch>,
    snaps: Vec<Snapshot>,
    snap_every: u64,
    marks: MarkCache,
}

/// Items between two snapshots at first (doubles each time the snapshots are thinned).
pub const SNAPSHOT_EVERY: u64 = 4_000;
/// Items between two snapshots per replica in the cluster, at least (see `snapshot_floor`).
pub const SNAPSHOTS_ITEMS_PER_REPLICA: u64 = 50;
/// The most snapshots kept per branch; past it every other one is dropped.
pub const MAX_SNAPSHOTS: usize = 96;
/// The most weight the snapshots of a branch may have together. A snapshot weighs its event
/// log entries plus twice its ledger's sends plus 1,000 (the records in the brokers' logs
/// grow with the sends); measured, one unit is about 400 bytes of a clone, so this keeps a
/// branch's snapshots near 64 MB however long the run. Past it, every other one is dropped.
pub const SNAPSHOT_WEIGHT_BUDGET: u64 = 160_000;

/// Whether a command line (not a record line) changes the state and so is journaled.
/// Read-only lines never fork and are only kept in the transcript.
pub fn is_journaled(line: &str) -> bool {
    let Ok(words) = split_words(line.trim()) else {
        return false;
    };
    let Some((cmd, rest)) = words.split_first() else {
        return false;
    };
    let has = |f: &str| {
        rest.iter()
            .any(|w| w == f || w.starts_with(&format!("{f}=")))
    };
    match hints::tool_name(cmd) {
        "help"
        | "time"
        | "events"
        | "ledger"
        | "replicas"
        | "ls"
        | "cat"
        | "lookup"
        | "kafka-dump-log.sh"
        | "kafka-dump-log"
        | "kafka-run-class.sh"
        | "kafka-consumer-offset-checker.sh" => false,
        c if TIMELINE_COMMANDS.contains(&c) => false,
        "kafka-topics.sh" | "kafka-topics" => {
            !((has("--describe") || has("--list"))
                && !has("--create")
                && !has("--alter")
                && !has("--delete"))
        }
        "kafka-consumer-groups.sh" | "kafka-consumer-groups" => {
            let reads = has("--describe") || has("--list");
            !reads || has("--reset-offsets") || has("--delete")
        }
        "producer" | "txn" | "consumer" => rest.first().map(String::as_str) != Some("describe"),
        // `--alter` wins over `--describe` only when both are given, which the tool refuses.
        "kafka-configs.sh" | "kafka-configs" => !has("--describe") || has("--alter"),
        "page-cache" => has("--drop") || has("--max-pages"),
        _ => true,
    }
}

/// The time machine's own commands (never journaled).
pub const TIMELINE_COMMANDS: [&str; 8] = [
    "history",
    "rewind",
    "branches",
    "branch",
    "undo",
    "link",
    "open-link",
    "export",
];

/// Whether a journaled command only lets time pass.
fn is_time_command(line: &str) -> bool {
    let mut words = line.split_whitespace();
    matches!(words.next(), Some("advance" | "step"))
}

/// Whether a journaled command starts a fresh cluster.
pub(crate) fn is_reset(line: &str) -> bool {
    let mut words = line.split_whitespace();
    matches!(words.next(), Some("brokers" | "seed"))
}

impl Lab {
    /// Sets up the timeline of a fresh lab: its start is live and the first snapshot.
    pub(super) fn start_timeline(&mut self) {
        self.sync_log(None);
        self.tl.live = self.position();
        self.tl.snap_every = SNAPSHOT_EVERY;
        self.tl.next_id = 1;
        self.tl.marks = MarkCache::default();
        self.extend_marks(None);
        let snap = self.snapshot();
        self.tl.snaps = vec![snap];
    }

    /// Where the state is.
    pub fn position(&self) -> Position {
        Position {
            commands: self.applied,
            processed: self.cluster.processed(),
            at: self.cluster.now(),
        }
    }

    /// The present of the current branch: the furthest point reached.
    pub fn live(&self) -> Position {
        self.tl.live
    }

    /// Whether the state is at the present of its branch.
    pub fn is_live(&self) -> bool {
        self.position() >= self.tl.live
    }

    /// The first point of the run.
    pub fn start(&self) -> Position {
        self.tl.snaps.first().map(|s| s.pos).unwrap_or_default()
    }

    /// Every line run on the current branch (journaled or not), in order. The console shows
    /// the entries with `pos <= position()`.
    pub fn transcript(&self) -> &[TranscriptEntry] {
        &self.tl.transcript
    }

    /// The transcript up to the current position.
    pub fn transcript_to_cursor(&self) -> &[TranscriptEntry] {
        let pos = self.position();
        let n = self.tl.transcript.partition_point(|t| t.pos <= pos);
        &self.tl.transcript[..n]
    }

    /// Snapshots kept for the current branch, and the items between two of them now.
    pub fn snapshot_stats(&self) -> (usize, u64) {
        (self.tl.snaps.len(), self.tl.snap_every)
    }

    /// The id of the current branch.
    pub fn branch_id(&self) -> usize {
        self.tl.current
    }

    /// Runs one line and says what it did. A state-changing command given in the past forks
    /// (the old future is kept as a branch); read-only commands never fork and are not
    /// journaled.
    pub fn run(&mut self, line: &str) -> Outcome {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Outcome {
                result: Ok(String::new()),
                forked: None,
                sends: Vec::new(),
            };
        }
        let record = self.console.is_some();
        if !record {
            if let Some(result) = self.timeline_command(trimmed) {
                let result = result.map_err(|e| hints::localize(&e, self.lang));
                self.note(trimmed, &result, false);
                return Outcome {
                    result,
                    forked: None,
                    sends: Vec::new(),
                };
            }
        }
        if !record && !self.is_live() {
            if let Some(result) = self.replay_time_command(trimmed) {
                self.note(trimmed, &result, false);
                return Outcome {
                    result,
                    forked: None,
                    sends: Vec::new(),
                };
            }
        }
        if !record && !is_journaled(trimmed) {
            let result = self.exec(trimmed);
            self.note(trimmed, &result, false);
            return Outcome {
                result,
                forked: None,
                sends: Vec::new(),
            };
        }
        // In the past, a command that fails without changing anything (a typo, a refused
        // option) must not fork: the state before it is kept to go back to.
        let before = (!self.is_live()).then(|| (self.clone(), self.digest()));
        let forked = self.fork_here();
        let text = if record {
            line.trim_end_matches(['\r', '\n'])
        } else {
            trimmed
        };
        let last_send = self.cluster.ledger.sends.keys().next_back().copied();
        let reset = !record && is_reset(trimmed);
        let mut result = self.journal_and_apply(JournalEntry {
            at: self.cluster.now(),
            processed: self.cluster.processed(),
            line: text.to_string(),
        });
        let sends = if reset {
            Vec::new()
        } else {
            let from = last_send.map_or(0, |s| s + 1);
            self.cluster
                .ledger
                .sends
                .range(from..)
                .map(|(&id, _)| id)
                .collect()
        };
        if let (Err(_), Some((mut saved, digest))) = (&result, before) {
            if self.digest() == digest {
                saved.note(text, &result, record);
                *self = saved;
                return Outcome {
                    result,
                    forked: None,
                    sends: Vec::new(),
                };
            }
        }
        if let Some(k) = forked {
            let note = tr(self.lang, T::TmForked, &[("k", k.to_string())]) + "\n";
            result = match result {
                Ok(out) => Ok(note + &out),
                Err(e) => Err(note + &e),
            };
        }
        Outcome {
            result,
            forked,
            sends,
        }
    }

    /// Appends `e` to the journal at the current point and applies it, noting it in the
    /// transcript.
    pub(super) fn journal_and_apply(&mut self, e: JournalEntry) -> Result<String, String> {
        let record = self.console.is_some();
        let line = e.line.clone();
        self.journal.push(e);
        let i = self.journal.len() - 1;
        let result = self.apply_entry(i, true);
        self.moved();
        self.note(&line, &result, record);
        result
    }

    /// `advance MS` and `step [N]` in the past: time passes along the recorded tape (the
    /// commands recorded on the way run at their points), so they never fork; past live the
    /// run goes on. `None` for other lines.
    fn replay_time_command(&mut self, line: &str) -> Option<Result<String, String>> {
        let words = split_words(line).ok()?;
        let (cmd, rest) = words.split_first()?;
        let log_before = self.cluster.log().len();
        let applied_before = self.applied;
        let result = match (cmd.as_str(), rest) {
            ("advance", [arg]) if arg != "--to" => {
                let ms = match super::parse_duration(arg) {
                    Ok(ms) if ms <= super::MAX_ADVANCE_MS => ms,
                    // The usual errors come from the command itself, which changes nothing.
                    _ => return Some(self.exec(line)),
                };
                if self.tape_advance(ms, self.event_budget) {
                    Ok(String::new())
                } else {
                    Err(self.advance_stopped())
                }
            }
            ("step", []) | ("step", [_]) => {
                let n: u64 = match rest.first().map(|x| x.parse::<u64>()) {
                    None => 1,
                    Some(Ok(n)) if (1..=super::MAX_STEPS).contains(&n) => n,
                    _ => return Some(self.exec(line)),
                };
                let from = self.cluster.now();
                let mut ran = 0;
                while ran < n && self.tape_step() {
                    ran += 1;
                }
                Ok(self.step_summary(n, ran, from))
            }
            _ => return None,
        };
        // What happened on the way, as the command narrates it (a fresh cluster on the way
        // starts its log again).
        let log = self.cluster.log();
        let from = if self.journal[applied_before..self.applied]
            .iter()
            .any(|e| is_reset(&e.line))
        {
            0
        } else {
            log_before.min(log.len())
        };
        let text = super::narration(&log[from..], false, self.lang);
        Some(result.map(|out| out + &text))
    }

    /// Adds a line to the transcript at the current position.
    fn note(&mut self, line: &str, result: &Result<String, String>, record: bool) {
        let pos = self.position();
        let at = self.tl.transcript.partition_point(|t| t.pos <= pos);
        self.tl.transcript.insert(
            at,
            TranscriptEntry {
                pos,
                line: line.to_string(),
                result: result.clone(),
                record,
            },
        );
    }

    /// Applies journal entry `i` at its point. When seeking (`exec_all` false), a command
    /// that only passes time is a marker: running to the next point runs its items.
    fn apply_entry(&mut self, i: usize, exec_all: bool) -> Result<String, String> {
        let e = self.journal[i].clone();
        self.cluster.run_to(e.at, e.processed);
        self.sync_log(None);
        if self.console.is_none() && is_time_command(&e.line) {
            // Its items come after the command: they belong to the next stretch of the tape.
            self.applied = i + 1;
            let r = if exec_all {
                self.exec(&e.line)
            } else {
                Ok(String::new())
            };
            self.sync_log(None);
            return r;
        }
        let before = self.position();
        let r = self.exec(&e.line);
        self.applied = i + 1;
        if is_reset(&e.line) {
            self.log_pos.clear();
        }
        self.sync_log(Some(before));
        r
    }

    /// Gives each new entry of the event log the point just before it: the command's point
    /// for what a command logged, else just before the item that logged it.
    fn sync_log(&mut self, command: Option<Position>) {
        let log = self.cluster.log();
        let items = self.cluster.log_items();
        let now = self.cluster.processed();
        for (i, l) in log.iter().enumerate().skip(self.log_pos.len()) {
            let pos = command.unwrap_or(Position {
                commands: self.applied,
                // (Every log push records its item count; if one ever did not, the entry
                // still gets a point: the current one.)
                processed: items.get(i).map_or(now, |&n| n.saturating_sub(1)),
                at: l.at,
            });
            self.log_pos.push(pos);
        }
    }

    /// After the state moved forward: the live point, the marks and the snapshots follow.
    pub(super) fn moved(&mut self) {
        self.sync_log(None);
        let pos = self.position();
        if pos > self.tl.live {
            let reset = self.generation(self.applied);
            self.tl.live = pos;
            self.extend_marks(reset);
        }
        let last = self.tl.snaps.last().map(|s| s.pos).unwrap_or_default();
        let gap = if pos.processed >= last.processed {
            pos.processed - last.processed
        } else {
            pos.processed
        };
        if pos > last && gap >= self.tl.snap_every.max(self.snapshot_floor()) {
            let snap = self.snapshot();
            self.tl.snaps.push(snap);
            let weight: u64 = self.tl.snaps.iter().map(|s| s.weight).sum();
            if self.tl.snaps.len() > MAX_SNAPSHOTS
                || (weight > SNAPSHOT_WEIGHT_BUDGET && self.tl.snaps.len() > 2)
            {
                // Keep the first; drop every other one after it.
                let mut i = 0;
                self.tl.snaps.retain(|_| {
                    i += 1;
                    i == 1 || i % 2 == 0
                });
                self.tl.snap_every = self.tl.snap_every.saturating_mul(2);
            }
        }
    }

    /// Lets time pass along the tape: commands recorded on the way run at their points;
    /// past live, the run goes on (and live with it).
    pub(super) fn tape_advance(&mut self, ms: Millis, max_items: u64) -> bool {
        let until = self.cluster.now().saturating_add(ms);
        let mut left = max_items;
        while let Some(e) = self.journal.get(self.applied) {
            if e.at > until {
                break;
            }
            let (at, p) = (e.at, e.processed);
            let need = p.saturating_sub(self.cluster.processed());
            if need > left {
                for _ in 0..left {
                    self.cluster.step();
                }
                self.moved();
                return false;
            }
            self.cluster.run_to(at, p);
            left -= need;
            let _ = self.apply_entry(self.applied, false);
            self.moved();
        }
        let now = self.cluster.now();
        let done = self
            .cluster
            .advance_bounded(until.saturating_sub(now), left);
        self.moved();
        done
    }

    /// Runs the next item along the tape (a command recorded before it runs first).
    pub(super) fn tape_step(&mut self) -> bool {
        while let Some(e) = self.journal.get(self.applied) {
            if e.processed != self.cluster.processed() {
                break;
            }
            let _ = self.apply_entry(self.applied, false);
        }
        let r = self.cluster.step();
        self.moved();
        r
    }

    /// Runs to `processed` items, never past `at`, along the tape.
    pub(super) fn tape_run_to(&mut self, at: Millis, processed: u64) {
        while let Some(e) = self.journal.get(self.applied) {
            if e.at > at || e.processed > processed || (e.at, e.processed) == (at, processed) {
                break;
            }
            let (a, p) = (e.at, e.processed);
            self.cluster.run_to(a, p);
            let _ = self.apply_entry(self.applied, false);
        }
        self.cluster.run_to(at, processed);
        self.moved();
    }

    /// Rebuilds a lab from the origin of this one and `entries` (its settings, language and
    /// event budget kept): every command runs again at its point and prints again.
    pub fn rebuild(&self, entries: &[JournalEntry]) -> Lab {
        let mut lab = self.fresh();
        for e in entries {
            lab.cluster.run_to(e.at, e.processed);
            // Replayed commands succeed or fail exactly as they did the first time.
            let _ = lab.journal_and_apply(e.clone());
        }
        lab
    }

    /// A fresh lab at this one's origin, with its settings.
    pub(crate) fn fresh(&self) -> Lab {
        let (brokers, seed) = self.origin;
        let mut lab = Lab::with_zookeepers(brokers, self.origin_zookeepers, seed);
        lab.lang = self.lang;
        lab.event_budget = self.event_budget;
        lab.host_files.reader = self.host_files.reader;
        lab
    }

    /// A stable hash of the whole state at the current point: every broker's logs, ZooKeeper,
    /// the clients, the queue, the random generator, the ledger and the event log. Hashed
    /// through the types' `Hash` (FNV-1a over each value's bytes, lengths as 64 bits), so the
    /// same state gives the same digest natively and in wasm, without formatting the state.
    pub fn digest(&self) -> u64 {
        use std::hash::Hash;
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        self.cluster.hash(&mut h);
        self.seed.hash(&mut h);
        self.brokers.hash(&mut h);
        self.zookeepers.hash(&mut h);
        self.console.hash(&mut h);
        h.0
    }

    /// The time machine's commands in the interpreter; `None` for any other line.
    fn timeline_command(&mut self, line: &str) -> Option<Result<String, String>> {
        let words = split_words(line).ok()?;
        let (cmd, rest) = words.split_first()?;
        if !TIMELINE_COMMANDS.contains(&cmd.as_str()) {
            return None;
        }
        Some(super::timeline_cli::run(self, cmd, rest))
    }

    /// Where the state and each journal entry stand, for `history`.
    pub(crate) fn lang_of(&self) -> Lang {
        self.lang
    }
}

/// FNV-1a, 64 bits: [`Lab::digest`]'s hasher. `usize` values are hashed as `u64` so that a
/// 32-bit wasm and a 64-bit native build agree.
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.write(&(n as u64).to_le_bytes());
    }

    fn write_isize(&mut self, n: isize) {
        self.write(&(n as i64).to_le_bytes());
    }
}
