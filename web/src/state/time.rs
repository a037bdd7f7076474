//! The time machine's page half: the timeline's data, the console read from the core's
//! transcript up to the cursor, what a jump does to the page (its drivers stop, nothing
//! flies), forks, links and the saved run.
//!
//! The core does the travelling (`Lab::seek`, `step_back`, `undo`, `switch_branch`, forks in
//! `Lab::run`); the page only reads where the lab is and redraws every snapshot.

use std::collections::BTreeMap;

use kafka_lab::cli::link::{LinkError, PageState};
use kafka_lab::cli::timeline::{BranchInfo, Mark, Position, TranscriptEntry};
use kafka_lab::cli::Lab;
use kafka_lab::i18n::Lang;

use super::*;

/// Where the page keeps the current run in the browser (`localStorage`): its link.
pub const SAVED_RUN_KEY: &str = "kafka-lab.run";
/// Real ms of play between two saves of the run.
pub const SAVE_EVERY_MS: f64 = 3000.0;
/// Most lines the console keeps.
pub const CONSOLE_LINES: usize = 500;

/// What the timeline draws.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineData {
    /// Where the lab is.
    pub cursor: Position,
    /// The run's present on this branch.
    pub live: Position,
    /// The cursor is at the present.
    pub is_live: bool,
    /// The journal index where the drawn cluster generation starts (after the last
    /// `brokers`/`seed`; 0 if none). A cursor with fewer commands applied is before it.
    pub generation: usize,
    /// Commands and notable events of that generation (`Lab::marks`).
    pub marks: Shared<Vec<Mark>>,
    /// Every branch, the current one included.
    pub branches: Vec<BranchInfo>,
    /// The current branch's id.
    pub branch: usize,
    /// Commands applied (Undo is possible when > 0).
    pub applied: usize,
    /// The virtual time at the track's right end: the later of the live point and the cursor,
    /// read again at most every [`MARKS_EVERY_MS`] while a run plays (with the marks). Its
    /// SVG's `viewBox` is this wide: changing it lays out and paints every mark again, which
    /// on every frame cost a page with a stream a third of its frame.
    pub track_end: kafka_lab::sim::Millis,
}

impl Default for TimelineData {
    fn default() -> Self {
        TimelineData {
            cursor: Position::default(),
            live: Position::default(),
            is_live: true,
            generation: 0,
            marks: Shared::new(Vec::new()),
            branches: Vec::new(),
            branch: 0,
            applied: 0,
            track_end: 1,
        }
    }
}

/// Why a run could not be opened, shown in a banner above the lab (which starts fresh).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    /// A link in the page's address (true) or the run saved in this browser (false).
    pub from_link: bool,
    /// What was wrong.
    pub error: LinkError,
}

/// The page's time-machine state.
#[derive(Clone, Debug, Default)]
pub struct TimeState {
    /// What the timeline draws.
    pub data: Shared<TimelineData>,
    /// The last command given in the past kept the old future as this branch.
    pub forked: Option<usize>,
    /// A run that could not be opened.
    pub banner: Option<Banner>,
    /// The last link made with "Copy link" (the fragment, `#run=…`).
    pub share: Option<String>,
    /// Why the last script given could not be played.
    pub script_error: Option<String>,
    /// Lines the page shows in the console without running them (a preset's `advance`,
    /// which plays on the frame clock), by branch, each at the point it was shown.
    page_lines: Shared<BTreeMap<usize, Vec<(Position, ConsoleLine)>>>,
    /// Bumped by everything that may rewrite the transcript or the branches (a command, a
    /// jump, a fork): the console and the timeline's lists are rebuilt when it moves.
    epoch: u64,
    /// How many of those bumps were the page's own drivers' commands (a stream, a load run).
    pub(super) quiet: u64,
    /// The key the console was last built for.
    console_key: Option<(u64, usize, usize, usize)>,
    /// What the console's lines were last built from — the branch, the transcript entries and
    /// page lines read, the position of the last entry read — and the lines built: when only
    /// more entries came since (a stream journals one every few virtual ms), the new ones are
    /// added to those lines instead of reading the whole transcript again on every frame.
    console_src: Option<ConsoleSource>,
    /// The key the marks and branches were last read for.
    marks_key: Option<(u64, usize, usize, usize)>,
    /// When (page ms) the marks were last read: while a run plays live, they are read again at
    /// most every [`MARKS_EVERY_MS`] — a stream adds a command every few virtual ms, and
    /// reading every mark of the run on every frame grew with the run.
    marks_read_at: f64,
    /// When (page ms) the track's end was last moved (see `TimelineData::track_end`).
    track_read_at: f64,
}

/// How often (page ms) a playing live run's timeline marks are read again.
pub const MARKS_EVERY_MS: f64 = 250.0;

/// See `TimeState::console_src`.
#[derive(Clone, Debug)]
struct ConsoleSource {
    branch: usize,
    entries: usize,
    page: usize,
    last: Option<Position>,
    built: Shared<Vec<ConsoleLine>>,
}

/// Adds the console lines of transcript entries `i..n` and page lines `j..m`, merged in the
/// order they happened (a transcript entry first at the same position).
fn push_console_lines(
    out: &mut Vec<ConsoleLine>,
    t: &[TranscriptEntry],
    page: &[(Position, ConsoleLine)],
    (mut i, n): (usize, usize),
    (mut j, m): (usize, usize),
) {
    while i < n || j < m {
        if j >= m || (i < n && t[i].pos <= page[j].0) {
            let e = &t[i];
            i += 1;
            if !e.record && quiet(&e.line) {
                continue;
            }
            out.push(if e.record {
                ConsoleLine::Record(e.line.clone())
            } else {
                ConsoleLine::Input(e.line.clone())
            });
            match &e.result {
                Ok(o) if o.trim_end().is_empty() => {}
                Ok(o) => out.push(ConsoleLine::Output(o.trim_end().to_string())),
                Err(e) => out.push(ConsoleLine::Error(e.clone())),
            }
        } else {
            out.push(page[j].1.clone());
            j += 1;
        }
    }
}

/// Whether a transcript line was sent by the page's own drivers (a stream, a load run): they
/// are not shown in the console, as before the transcript moved into the core.
pub fn quiet(line: &str) -> bool {
    line.starts_with("produce ")
        && (line.contains(" --client-id stream ") || line.contains(" --client-id load-"))
}

impl Tab {
    /// The tab's name in links (`cluster`, `replication` …).
    pub fn name(self) -> &'static str {
        match self {
            Tab::Cluster => "cluster",
            Tab::Replication => "replication",
            Tab::Storage => "storage",
            Tab::Producer => "producer",
            Tab::Consumers => "consumers",
        }
    }

    /// The tab a link names (unknown names: none).
    pub fn from_name(s: &str) -> Option<Tab> {
        [
            Tab::Cluster,
            Tab::Replication,
            Tab::Storage,
            Tab::Producer,
            Tab::Consumers,
        ]
        .into_iter()
        .find(|t| t.name() == s)
    }
}

/// The journal index after the last `brokers N` / `seed N` (the current cluster generation).
fn generation_start(lab: &Lab) -> usize {
    lab.journal()
        .iter()
        .rposition(|e| {
            matches!(
                e.line.split_whitespace().next(),
                Some("brokers") | Some("seed")
            )
        })
        .map_or(0, |i| i + 1)
}

impl Ui {
    /// Opens the run a link describes (`#run=…`, a whole URL, or the saved run), at its
    /// cursor, on its tab and in its language (`lang` if the link names none, or if
    /// `force_lang`). A bad link gives the page as it opens, with a banner saying why.
    pub fn from_link(
        link: &str,
        from_link: bool,
        lang: Lang,
        force_lang: bool,
        speed: f64,
        playing: bool,
    ) -> Ui {
        match Lab::from_link(link) {
            Ok((lab, page)) => {
                let lang = match page.lang {
                    Some(l) if !force_lang => l,
                    _ => lang,
                };
                let history: Vec<String> = lab.journal().iter().map(|e| e.line.clone()).collect();
                let mut ui = Ui::new(lab, lang, speed, playing);
                if let Some(tab) = page.tab.as_deref().and_then(Tab::from_name) {
                    ui.tab = tab;
                }
                ui.history = Shared::new(history);
                ui.refresh();
                ui.skip_past_deliveries();
                ui
            }
            Err(error) => {
                let mut ui = Ui::opening(lang, speed, playing);
                ui.tm.banner = Some(Banner { from_link, error });
                ui
            }
        }
    }

    /// The page's part of a link: the tab and the language.
    pub fn page_state(&self) -> PageState {
        PageState {
            tab: Some(self.tab.name().to_string()),
            lang: Some(self.lang),
        }
    }

    /// The run as a link fragment (`#run=…`).
    pub fn link(&self) -> String {
        self.lab.borrow().link(&self.page_state())
    }

    /// The run as a `.klab` script.
    pub fn export_script(&self) -> String {
        self.lab.borrow().export_script()
    }

    /// Changes when the run should be saved again: after each command or jump, and every
    /// [`SAVE_EVERY_MS`] of play.
    /// While playing, the page's own drivers' commands do not count (only the reader's and the
    /// time): a stream journals a command every few virtual ms, and making the link (the whole
    /// journal, deflated) on each of them cost a frame its budget as the run grew.
    pub fn save_key(&self) -> (u64, u64, bool) {
        if self.playing {
            let own = self.tm.epoch.wrapping_sub(self.tm.quiet);
            (own, (self.real_now / SAVE_EVERY_MS) as u64, true)
        } else {
            (self.tm.epoch, 0, false)
        }
    }

    /// Something may have rewritten the transcript, the journal or the branches.
    pub(super) fn bump(&mut self) {
        self.tm.epoch += 1;
    }

    /// After the lab jumped (a seek, a step back, undo, a branch switch, an opened link):
    /// the page's drivers stop (their commands are on the tape), nothing flies, the lag
    /// history starts again.
    pub(super) fn jumped(&mut self) {
        self.stream = None;
        self.load = None;
        self.preset = None;
        self.trace = None;
        self.lookup = None;
        self.lag_history = Shared::new(Vec::new());
        // The log after a jump is another branch's or an earlier one: a store of its own.
        self.events = Events::default();
        self.bump();
        self.refresh();
        self.skip_past_deliveries();
    }

    /// A command given in the past kept the old future as branch `k`: the page's own lines
    /// go with it, and the current branch keeps those up to `at`.
    pub(super) fn forked(&mut self, k: usize, branch: usize, at: Position) {
        let mut lines = (*self.tm.page_lines).clone();
        let mine = lines.get(&branch).cloned().unwrap_or_default();
        lines.insert(k, mine.clone());
        lines.insert(branch, mine.into_iter().filter(|(p, _)| *p <= at).collect());
        self.tm.page_lines = Shared::new(lines);
        self.tm.forked = Some(k);
    }

    /// Shows a line in the console without running it (a preset's `advance`).
    pub(super) fn page_line(&mut self, line: ConsoleLine) {
        let (pos, branch) = {
            let lab = self.lab.borrow();
            (lab.position(), lab.branch_id())
        };
        let mut lines = (*self.tm.page_lines).clone();
        lines.entry(branch).or_default().push((pos, line));
        self.tm.page_lines = Shared::new(lines);
    }

    /// Rebuilds the console from the transcript up to the cursor (and the page's own lines),
    /// when either moved.
    pub(super) fn sync_console(&mut self) {
        let lab = self.lab.borrow();
        let pos = lab.position();
        let branch = lab.branch_id();
        let t = lab.transcript();
        let n = t.partition_point(|e| e.pos <= pos);
        let empty = Vec::new();
        let page = self.tm.page_lines.get(&branch).unwrap_or(&empty);
        let m = page.partition_point(|(p, _)| *p <= pos);
        let key = (self.tm.epoch, branch, n, m);
        if self.tm.console_key == Some(key) {
            return;
        }
        let last = n.checked_sub(1).map(|k| t[k].pos);
        // Only more entries on the same branch, the last one read still in place, and the lines
        // shown still those built: extend them.
        let from = self.tm.console_src.as_ref().and_then(|src| {
            (src.branch == branch
                && src.entries <= n
                && src.page <= m
                && src.last == src.entries.checked_sub(1).map(|k| t[k].pos)
                && src.built == self.console)
                .then_some((src.entries, src.page))
        });
        let mut out = match from {
            Some(_) => (*self.console).clone(),
            None => vec![ConsoleLine::Welcome],
        };
        let (i, j) = from.unwrap_or((0, 0));
        push_console_lines(&mut out, t, page, (i, n), (j, m));
        let excess = out.len().saturating_sub(CONSOLE_LINES);
        if excess > 0 {
            out.drain(1..=excess); // the welcome stays
        }
        drop(lab);
        self.tm.console_key = Some(key);
        if *self.console != out {
            self.console = Shared::new(out);
        }
        self.tm.console_src = Some(ConsoleSource {
            branch,
            entries: n,
            page: m,
            last,
            built: self.console.clone(),
        });
    }

    /// The console's lines built afresh from the whole transcript (what the extended lines
    /// must equal).
    #[cfg(test)]
    pub(super) fn console_from_scratch(&mut self) -> Vec<ConsoleLine> {
        let kept = (
            self.tm.console_src.take(),
            self.tm.console_key.take(),
            std::mem::replace(&mut self.console, Shared::new(Vec::new())),
        );
        self.sync_console();
        let fresh = (*self.console).clone();
        (self.tm.console_src, self.tm.console_key, self.console) = kept;
        fresh
    }

    /// Rebuilds the timeline's data: the cursor every time, the marks and branches when the
    /// run's tape changed.
    pub(super) fn sync_timeline(&mut self) {
        let lab = self.lab.borrow();
        let cursor = lab.position();
        let live = lab.live();
        let is_live = lab.is_live();
        let branch = lab.branch_id();
        // The live generation's marks only change while the cursor is live (new events) or
        // when the tape changes (a command, a jump, a fork).
        let logged = if is_live {
            lab.cluster().log().len()
        } else {
            0
        };
        let key = (self.tm.epoch, branch, live.commands, logged);
        // Only forward (same branch, no fewer commands or events) and soon after the last
        // read: keep the marks; anything else (a jump, an undo, a fork, a pause) reads them now.
        let recent = self.playing
            && is_live
            && self.real_now - self.tm.marks_read_at < MARKS_EVERY_MS
            && self
                .tm
                .marks_key
                .is_some_and(|(_, b, c, l)| b == branch && live.commands >= c && logged >= l);
        let fresh = self.tm.marks_key != Some(key) && !recent;
        let (marks, branches, generation) = if fresh {
            let marks = lab.marks();
            (
                if *self.tm.data.marks == marks {
                    self.tm.data.marks.clone()
                } else {
                    Shared::new(marks)
                },
                lab.branches(),
                generation_start(&lab),
            )
        } else {
            (
                self.tm.data.marks.clone(),
                self.tm.data.branches.clone(),
                self.tm.data.generation,
            )
        };
        let end_now = live.at.max(cursor.at).max(1);
        let old_end = self.tm.data.track_end;
        let track_due = fresh
            || !self.playing
            || end_now < old_end
            || self.real_now - self.tm.track_read_at >= MARKS_EVERY_MS;
        let track_end = if track_due { end_now } else { old_end };
        if track_due {
            self.tm.track_read_at = self.real_now;
        }
        let data = TimelineData {
            cursor,
            live,
            is_live,
            generation,
            marks,
            branches,
            branch,
            applied: cursor.commands,
            track_end,
        };
        drop(lab);
        if fresh {
            self.tm.marks_key = Some(key);
            self.tm.marks_read_at = self.real_now;
        }
        if *self.tm.data != data {
            self.tm.data = Shared::new(data);
        }
    }
}

/// The id a played script's run has (it is no preset).
pub const SCRIPT_ID: &str = "script";

/// A script's command lines: blank lines and comments left out.
pub fn script_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

impl Ui {
    /// Replaces the run with `fresh`'s (Reset, a played script), keeping what the user set
    /// up on the page: tab, language, speed, details, the tour.
    pub(super) fn restart(&mut self, mut fresh: Ui) {
        fresh.tab = self.tab;
        fresh.details = self.details;
        fresh.tour = self.tour.clone();
        fresh.real_now = self.real_now;
        fresh.preset_runs = self.preset_runs;
        fresh.compare_opens = self.compare_opens;
        fresh.trace_count = self.trace_count;
        fresh.tm.epoch = self.tm.epoch + 1;
        *self = fresh;
    }
}
