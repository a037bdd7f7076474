//! The guided tour: one stop per section of the notes (1–20) and a first "what is Kafka" stop.
//!
//! Each stop is one plain-data entry ([`Stop`]): its texts (translation keys), the tab it opens,
//! the control it points at (a CSS selector), what it asks the learner to do, how it notices
//! that they did it, and the actions "do it for me" issues. The check is a pure function over a
//! [`Ctx`]: the page's state and the simulation's typed events since the stop was entered —
//! never the interpreter's text. The component (`components/tour.rs`) only draws it; every
//! change goes through [`crate::state::Action::Tour`].
//!
//! A stop's `prepare` puts the cluster in a state where its task can be done (a preset played
//! in an earlier stop replaces topic `orders`, for instance); what it runs is echoed in the
//! console like any click.

use std::collections::BTreeSet;

use kafka_lab::event::{Event, Logged};
use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::log::SendId;
use kafka_lab::sort::Collect as _;

use crate::state::{Action, LookupRun, SegmentSel, Tab, Ui};

/// Stops in the tour: 0 (what is Kafka) and the notes' sections 1–20.
pub const STOPS: usize = 21;

/// Where the progress is kept in the browser (`localStorage`).
pub const STORAGE_KEY: &str = "kafka-lab-tour";

/// One stop of the tour.
pub struct Stop {
    /// Its title.
    pub title: T,
    /// What the section teaches.
    pub body: T,
    /// What the learner is asked to do.
    pub task: T,
    /// What to look at once it is done, and why it happened.
    pub done: T,
    /// The tab it opens.
    pub tab: Tab,
    /// The control to use: CSS selectors tried in order, the first present wins.
    pub target: &'static [&'static str],
    /// The preset its texts name (`{preset}`), if any.
    pub preset: Option<&'static str>,
    /// Whether its outcome needs virtual time to pass: entering it starts the clock.
    pub clock: bool,
    /// Whether the learner did it.
    pub check: fn(&Ctx) -> bool,
    /// Commands that make the task possible, run on entering the stop (usually none).
    pub prepare: fn(&Ui) -> Vec<Action>,
    /// What "do it for me" does.
    pub auto: fn(&Ui) -> Vec<Action>,
}

impl Stop {
    /// A text of this stop in `lang`, with `{preset}` filled in.
    pub fn text(&self, key: T, lang: Lang) -> String {
        let preset = self
            .preset
            .and_then(kafka_lab::presets::preset)
            .map(|p| p.title.get(lang).to_string())
            .unwrap_or_default();
        tr(lang, key, &[("preset", preset)])
    }
}

/// What the page looked like when a stop was entered: checks look only at what came after.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mark {
    /// Events logged then.
    pub events: usize,
    /// Virtual time then.
    pub now: u64,
    /// The last send in the ledger then.
    pub send: Option<SendId>,
    /// The traced send then.
    pub trace: Option<SendId>,
    /// The lookup shown then.
    pub lookup: Option<LookupRun>,
    /// The segment shown then.
    pub segment: Option<SegmentSel>,
    /// Load runs finished then.
    pub loads: usize,
    /// Presets started then.
    pub presets: u64,
}

impl Mark {
    /// The mark of the page as it is.
    pub fn of(ui: &Ui) -> Mark {
        let lab = ui.lab();
        let c = lab.cluster();
        Mark {
            events: c.log().len(),
            now: c.now(),
            send: c.ledger().sends.keys().next_back().copied(),
            trace: ui.trace.as_ref().map(|t| t.send),
            lookup: ui.lookup.clone(),
            segment: ui.segment.clone(),
            loads: ui.load_results.len(),
            presets: ui.preset_runs,
        }
    }
}

/// The tour's state in the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TourState {
    /// The panel shows.
    pub open: bool,
    /// Folded to its title bar.
    pub minimised: bool,
    /// The current stop.
    pub stop: usize,
    /// Stops done.
    pub done: BTreeSet<usize>,
    /// Where the current stop started.
    pub mark: Mark,
    /// Whether a saved progress was found (a first-time visitor has none).
    pub returning: bool,
}

/// What the learner does with the tour.
#[derive(Clone, Debug, PartialEq)]
pub enum TourMsg {
    /// Open the panel (at the current stop).
    Open,
    /// Close it; the simulation stays as it is.
    Close,
    /// Go to stop N (clamped).
    Go(usize),
    /// The next stop.
    Next,
    /// The previous stop.
    Back,
    /// Fold or unfold the panel.
    Minimise(bool),
    /// Run the stop's "do it for me" actions.
    DoIt,
    /// Forget the progress and start again at stop 0.
    Reset,
    /// Progress read back from the browser, and a deep link (`?tour=N`) if any.
    Restore {
        /// The saved progress, if any.
        saved: Option<Progress>,
        /// The stop a `?tour=N` asks for.
        link: Option<usize>,
    },
    /// (internal) Record where the current stop starts.
    Mark,
}

/// What is saved across reloads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The stop last shown.
    pub stop: usize,
    /// Stops done.
    pub done: BTreeSet<usize>,
    /// Whether the panel was open.
    pub open: bool,
}

impl Progress {
    /// `v1;stop;open;0,1,2`.
    pub fn encode(&self) -> String {
        let done: Vec<String> = self.done.iter().map(|d| d.to_string()).collect();
        format!(
            "v1;{};{};{}",
            self.stop,
            u8::from(self.open),
            done.join(",")
        )
    }

    /// Reads [`Progress::encode`]'s text; anything else (missing, corrupt, out of range) is
    /// `None` or dropped, never an error.
    pub fn decode(s: &str) -> Option<Progress> {
        let mut parts = s.trim().split(';');
        if parts.next()? != "v1" {
            return None;
        }
        let stop: usize = parts.next()?.parse().ok()?;
        let open = match parts.next()? {
            "1" => true,
            "0" => false,
            _ => return None,
        };
        let done = parts
            .next()
            .unwrap_or("")
            .split(',')
            .filter_map(|d| d.parse::<usize>().ok())
            .filter(|d| *d < STOPS)
            .collect_set();
        Some(Progress {
            stop: stop.min(STOPS - 1),
            done,
            open,
        })
    }
}

/// The stop a `?tour=N` value asks for: a number is clamped to the last stop, anything else
/// is ignored.
pub fn deep_link(v: &str) -> Option<usize> {
    let n: u64 = v.trim().parse().ok()?;
    Some(usize::try_from(n).unwrap_or(usize::MAX).min(STOPS - 1))
}

/// What a check sees: the page, and the events since the stop started.
pub struct Ctx<'a> {
    /// The page.
    pub ui: &'a Ui,
    /// Where the stop started.
    pub mark: &'a Mark,
    /// Events logged since then.
    pub events: &'a [Logged],
}

impl Ctx<'_> {
    fn any(&self, f: impl Fn(&Event) -> bool) -> bool {
        self.events.iter().any(|l| f(&l.event))
    }

    /// Sends recorded since the mark that match `f`.
    fn sends(&self, f: impl Fn(&kafka_lab::ledger::SendEntry) -> bool) -> usize {
        let lab = self.ui.lab();
        let sends = &lab.cluster().ledger().sends;
        match self.mark.send {
            Some(m) => sends
                .range((std::ops::Bound::Excluded(m), std::ops::Bound::Unbounded))
                .filter(|(_, s)| f(s))
                .count(),
            None => sends.values().filter(|s| f(s)).count(),
        }
    }

    fn preset_done(&self, id: &str) -> bool {
        self.ui.preset_runs > self.mark.presets
            && self
                .ui
                .preset
                .as_ref()
                .is_some_and(|p| p.id == id && p.done())
    }
}

/// Whether the learner did the current stop's task. Pure: the page and its events only.
pub fn check(ui: &Ui, stop: usize, mark: &Mark) -> bool {
    let Some(s) = STOPS_DATA.get(stop) else {
        return false;
    };
    let all = ui.events.all();
    let events = all.get(mark.events.min(all.len())..).unwrap_or(&[]);
    (s.check)(&Ctx { ui, mark, events })
}

/// Called after every change of the page: rebases the mark after a reset of the lab and
/// ticks the current stop once its check passes.
pub fn observe(ui: &mut Ui) {
    if !ui.tour.open || ui.tour.done.contains(&ui.tour.stop) {
        return;
    }
    // A reset (a preset, `brokers N`, `seed N`) starts the log again: all of it is new.
    let (len, now) = {
        let lab = ui.lab();
        (lab.cluster().log().len(), lab.cluster().now())
    };
    if len < ui.tour.mark.events || now < ui.tour.mark.now {
        ui.tour.mark.events = 0;
        ui.tour.mark.now = 0;
        ui.tour.mark.send = None;
    }
    if check(ui, ui.tour.stop, &ui.tour.mark) {
        ui.tour.done.insert(ui.tour.stop);
    }
}

/// Applies a tour message: changes the tour's state, and returns the actions to run next
/// (a tab switch, a stop's preparation or its "do it for me").
pub fn apply(ui: &mut Ui, msg: TourMsg) -> Vec<Action> {
    let t = &mut ui.tour;
    match msg {
        TourMsg::Open => {
            let stop = t.stop;
            return enter(ui, stop);
        }
        TourMsg::Close => t.open = false,
        TourMsg::Go(n) => return enter(ui, n.min(STOPS - 1)),
        TourMsg::Next => {
            let n = (t.stop + 1).min(STOPS - 1);
            return enter(ui, n);
        }
        TourMsg::Back => {
            let n = t.stop.saturating_sub(1);
            return enter(ui, n);
        }
        TourMsg::Minimise(m) => t.minimised = m,
        TourMsg::DoIt => {
            if let Some(s) = STOPS_DATA.get(t.stop) {
                let mut a = Vec::new();
                if s.clock && !ui.playing {
                    a.push(Action::TogglePlay);
                }
                a.extend((s.auto)(ui));
                return a;
            }
        }
        TourMsg::Reset => {
            t.done.clear();
            return enter(ui, 0);
        }
        TourMsg::Restore { saved, link } => {
            t.returning = saved.is_some();
            if let Some(p) = &saved {
                t.done = p.done.clone();
                t.stop = p.stop;
            }
            match (link, saved) {
                (Some(n), _) => return enter(ui, n),
                (None, Some(p)) if p.open => return enter(ui, p.stop),
                _ => {}
            }
        }
        TourMsg::Mark => ui.tour.mark = Mark::of(ui),
    }
    Vec::new()
}

fn enter(ui: &mut Ui, n: usize) -> Vec<Action> {
    let t = &mut ui.tour;
    t.open = true;
    t.minimised = false;
    t.stop = n;
    t.returning = true;
    let s = &STOPS_DATA[n];
    let mut a = vec![Action::SetTab(s.tab)];
    if s.clock && !ui.playing {
        a.push(Action::TogglePlay);
    }
    a.extend((s.prepare)(ui));
    a.push(Action::Tour(TourMsg::Mark));
    a
}

mod stops;
pub use stops::STOPS_DATA;

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;
    use yew::Reducible;

    fn run(mut u: Rc<Ui>, a: Action) -> Rc<Ui> {
        u = u.reduce(a);
        u
    }

    /// Lets virtual time run (frames at ×10) until the stop's check passes or 120 virtual
    /// seconds went by.
    fn until_done(mut u: Rc<Ui>, stop: usize, real: &mut f64) -> (Rc<Ui>, bool) {
        for _ in 0..800 {
            if u.tour.done.contains(&stop) {
                return (u, true);
            }
            *real += 16.0;
            u = run(
                u,
                Action::Frame {
                    now: *real,
                    dt: 16.0,
                },
            );
        }
        let done = u.tour.done.contains(&stop);
        (u, done)
    }

    #[test]
    fn every_stop_is_false_before_and_true_after_its_do_it_for_me() {
        let mut u = Rc::new(Ui::opening(Lang::En, 1.0, true));
        let mut real = 0.0;
        for (stop, data) in STOPS_DATA.iter().enumerate() {
            u = run(u, Action::Tour(TourMsg::Go(stop)));
            assert_eq!(u.tour.stop, stop);
            assert_eq!(u.tab, data.tab, "stop {stop} opens its tab");
            // Time passing alone does not complete it.
            for _ in 0..5 {
                real += 16.0;
                u = run(
                    u,
                    Action::Frame {
                        now: real,
                        dt: 16.0,
                    },
                );
            }
            assert!(
                !check(&u, stop, &u.tour.mark),
                "stop {stop} is done before the learner did anything"
            );
            assert!(!u.tour.done.contains(&stop), "stop {stop} ticked too early");
            u = run(u, Action::Tour(TourMsg::DoIt));
            let (next, done) = until_done(u, stop, &mut real);
            u = next;
            let console: Vec<String> = u
                .console
                .iter()
                .rev()
                .take(12)
                .map(|l| format!("{l:?}"))
                .collect();
            assert!(
                done,
                "stop {stop} not done after do-it-for-me; console: {console:#?}"
            );
        }
        assert_eq!(u.tour.done.len(), STOPS);
    }

    #[test]
    fn progress_round_trips_and_bad_values_are_ignored() {
        let p = Progress {
            stop: 7,
            done: [0, 1, 2, 5].into_iter().collect(),
            open: true,
        };
        assert_eq!(Progress::decode(&p.encode()), Some(p));
        assert_eq!(Progress::decode(""), None);
        assert_eq!(Progress::decode("garbage"), None);
        assert_eq!(Progress::decode("v1;x;1;"), None);
        assert_eq!(Progress::decode("v2;3;1;1,2"), None);
        let clamped = Progress::decode("v1;99;0;1,500,x,3").unwrap();
        assert_eq!(clamped.stop, STOPS - 1);
        assert_eq!(clamped.done, [1, 3].into_iter().collect());
        assert!(!clamped.open);
    }

    #[test]
    fn deep_links_clamp_or_are_ignored() {
        assert_eq!(deep_link("4"), Some(4));
        assert_eq!(deep_link("20"), Some(20));
        assert_eq!(deep_link("999999999999999999999"), None);
        assert_eq!(deep_link("21"), Some(20));
        assert_eq!(deep_link("-1"), None);
        assert_eq!(deep_link("abc"), None);
        assert_eq!(deep_link(""), None);
    }

    #[test]
    fn restore_opens_the_linked_stop_and_keeps_ticks() {
        let mut u = Rc::new(Ui::opening(Lang::En, 1.0, true));
        u = run(
            u,
            Action::Tour(TourMsg::Restore {
                saved: Progress::decode("v1;3;0;0,1,2"),
                link: deep_link("10"),
            }),
        );
        assert!(u.tour.open);
        assert_eq!(u.tour.stop, 10);
        assert_eq!(u.tab, Tab::Storage);
        assert_eq!(u.tour.done, [0, 1, 2].into_iter().collect());
        // Closing leaves the simulation and tab as they are.
        let tab = u.tab;
        u = run(u, Action::Tour(TourMsg::Close));
        assert!(!u.tour.open);
        assert_eq!(u.tab, tab);
        // A first-time visitor: nothing saved, no link — the tour stays closed.
        let mut f = Rc::new(Ui::opening(Lang::En, 1.0, true));
        f = run(
            f,
            Action::Tour(TourMsg::Restore {
                saved: None,
                link: None,
            }),
        );
        assert!(!f.tour.open && !f.tour.returning);
    }

    #[test]
    fn every_stop_has_texts_in_both_languages_and_a_target() {
        for (i, s) in STOPS_DATA.iter().enumerate() {
            for k in [s.title, s.body, s.task, s.done] {
                for lang in [Lang::En, Lang::Zh] {
                    let t = s.text(k, lang);
                    assert!(!t.is_empty() && !t.contains('{'), "stop {i} {k:?}: {t}");
                }
            }
            assert!(!s.target.is_empty());
        }
    }
}
