//! The page's state ([`Ui`]): what it shows, the small types its components share, and running
//! a command line as the console would.

use std::cell::RefCell;
use std::rc::Rc;

use kafka_lab::cli::timeline::Outcome;
use kafka_lab::cli::Lab;
use kafka_lab::cluster::invariants::Violation;
use kafka_lab::cluster::producer::ClientVersion;
use kafka_lab::cluster::Delivery;
use kafka_lab::i18n::{Lang, T};
use kafka_lab::ledger::Summary;
use kafka_lab::model::TopicPartition;
use kafka_lab::view::{ClusterView, DataFlow, TxnView};

use super::*;

/// How long (real milliseconds) a message takes to fly across the diagram.
pub const FLIGHT_MS: f64 = 900.0;
/// Most messages drawn in flight at once (at high speed, new ones wait for room: one in flight
/// flies to its end).
pub const MAX_FLIGHTS: usize = 48;
/// Most messages one animation frame starts flying (a reader's action starts up to
/// [`MAX_FLIGHTS`]).
pub const FLIGHTS_PER_FRAME: usize = 8;
/// Slowest and fastest speeds (virtual ms per real ms).
pub const SPEED_RANGE: (f64, f64) = (0.1, 100.0);
/// The command that opens the lab on the notes' first diagram.
pub const DEFAULT_SETUP: &str =
    "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3";

/// An `Rc` compared by identity, so props compare in O(1): a new value means a new `Rc`.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}
impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Shared::new(T::default())
    }
}
impl<T> Shared<T> {
    /// Wraps a value.
    pub fn new(v: T) -> Self {
        Shared(Rc::new(v))
    }
}

/// A message being animated.
#[derive(Clone, Debug, PartialEq)]
pub struct Flight {
    /// The delivery it shows.
    pub delivery: Delivery,
    /// Real time (ms, `performance.now()`) when its animation started.
    pub started: f64,
}

/// One line of the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsoleLine {
    /// The greeting, in the page's language.
    Welcome,
    /// A command as typed (or as a click issued it).
    Input(String),
    /// A line kafka-console-producer.sh read as a record (shown after its `>` prompt).
    Record(String),
    /// Its output.
    Output(String),
    /// Its error.
    Error(String),
}

/// The main pane's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// Notes section 1: the cluster diagram.
    #[default]
    Cluster,
    /// Notes sections 2, 4, 11, 12: replication, acks, HW/LEO, the ledger.
    Replication,
    /// Notes sections 5, 6, 10, 16: segment files, the sparse index, lookups, why Kafka is fast.
    Storage,
    /// Notes sections 2, 3, 12, 19: partitioners, the accumulator and sender, idempotence.
    Producer,
    /// Notes sections 7, 9, 13, 14: consumer groups, assignors, rebalances, offsets, lag.
    Consumers,
}

/// A button's command that failed: shown beside the button that sent it (keyed by its
/// origin, e.g. `consumers/add` or `consumer/c1/poll`), in the lab's words when it knows the
/// cause, with the interpreter's (Kafka's) message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The lab's explanation, if it recognises the error.
    pub hint: Option<T>,
    /// The error as the interpreter gave it (Kafka's text where Kafka has one).
    pub message: String,
}

/// Failures by origin.
pub type Failures = std::collections::BTreeMap<String, Failure>;

/// The lab's words for errors a button commonly meets.
pub fn failure_hint(message: &str) -> Option<T> {
    if message.contains("larger than available brokers")
        || message.contains("does not meet the required replication factor")
        || message.contains("cannot be reached because only")
    {
        Some(T::HintNotEnoughBrokers)
    } else if message.contains("does not exist") || message.contains("Unknown topic") {
        Some(T::HintNoTopic)
    } else if message.contains("is not running") || message.contains("already dead") {
        Some(T::HintNotRunning)
    } else {
        None
    }
}

/// Everything the page shows.
pub struct Ui {
    pub(super) lab: Rc<RefCell<Lab>>,
    /// The cluster, for drawing: replaced only when what it draws changed (its `now` and
    /// `processed` are then those of that moment; [`Ui::now`] and [`Ui::processed`] are live).
    pub view: Shared<ClusterView>,
    /// Virtual time, every frame.
    pub now: kafka_lab::sim::Millis,
    /// Simulation items handled so far, every frame.
    pub processed: u64,
    /// Every event so far.
    pub events: Events,
    /// Messages in flight on the diagram.
    pub flights: Shared<Vec<Flight>>,
    /// The console's lines.
    pub console: Shared<Vec<ConsoleLine>>,
    /// Commands typed, oldest first.
    pub history: Shared<Vec<String>>,
    /// Real time of the last frame.
    pub real_now: f64,
    /// When (page ms) the replication tab's ledger was last checked.
    pub ledger_read_at: f64,
    /// When (page ms) the showing tab's tables were last rebuilt (`tabs::TABLES_EVERY_MS`).
    pub tables_read_at: f64,
    /// When (page ms) the cluster's view was last read (`tabs::VIEW_EVERY_MS`).
    pub view_read_at: f64,
    /// This refresh follows a frame alone (no reader's action): a playing run's tables may
    /// then wait until they are due.
    pub(super) frame_only: bool,
    /// Whether virtual time runs.
    pub playing: bool,
    /// Virtual ms per real ms.
    pub speed: f64,
    /// The page's language.
    pub lang: Lang,
    /// Show every broker's role changes in the event log.
    pub details: bool,
    /// The main pane's tab.
    pub tab: Tab,
    /// The partition the replication tab shows.
    pub selected: Option<TopicPartition>,
    /// The replication tab's data (refreshed only while it shows).
    pub replication: Shared<ReplicationData>,
    /// Broken invariants.
    pub violations: Shared<Vec<Violation>>,
    /// A stream of records, if one runs.
    pub stream: Option<Stream>,
    /// A traced send, if any.
    pub trace: Option<Trace>,
    /// A preset being played.
    pub preset: Option<PresetRun>,
    /// The storage tab's data.
    pub storage: Shared<StorageData>,
    /// The storage tab's why-Kafka-is-fast figures: `storage.fast`, taken one frame after the
    /// disks while a run plays (`Ui::refresh`).
    pub why_fast: Shared<kafka_lab::view::fast::FastView>,
    /// `why_fast` takes `storage.fast` on the next frame.
    pub(super) why_fast_due: bool,
    /// The segment chosen in the storage tab.
    pub segment: Option<SegmentSel>,
    /// The lookup being animated.
    pub lookup: Option<LookupRun>,
    /// The last uploaded file.
    pub upload: Option<Shared<Upload>>,
    /// The producer tab's data.
    pub producer: Shared<ProducerData>,
    /// The consumer tab's data.
    pub consumer: Shared<ConsumerData>,
    /// Each group's total lag over time (sampled while the consumer tab shows).
    pub lag_history: Shared<LagHistory>,
    /// Records sent from the partition-selection panel, newest first.
    pub picks: Shared<Vec<Pick>>,
    /// A load run of the batching panel, if one runs.
    pub load: Option<LoadRun>,
    /// What finished load runs measured, oldest first.
    pub load_results: Shared<Vec<LoadResult>>,
    /// The guided tour (`crate::tour`).
    pub tour: crate::tour::TourState,
    /// Presets started so far (the tour tells a fresh run from an old one).
    pub preset_runs: u64,
    /// Times the KRaft presets asked for the Compare eras view (the cluster tab opens it).
    pub compare_opens: u64,
    /// Buttons whose last command failed, by origin.
    pub failures: Shared<Failures>,
    /// The producer "Inside the producer" shows: the one the user picked, else the last that
    /// sent from the page.
    pub inside: Option<String>,
    /// The list of keyboard shortcuts shows.
    pub shortcuts_open: bool,
    /// The time machine: the timeline's data, forks, links (`state::time`).
    pub tm: TimeState,
    /// The view's partitions, replaced only when they change (the big-cluster overview
    /// panel compares it by pointer).
    pub partitions: Shared<Vec<kafka_lab::view::PartitionView>>,
    /// Fraction of a virtual millisecond carried to the next frame.
    pub(super) carry: f64,
    /// The speed the simulation really runs at, when it cannot keep up with `speed` inside
    /// a frame's time budget (smoothed over frames); `None` when it keeps up.
    pub actual_speed: Option<f64>,
    /// The last delivery already animated.
    pub(super) last_seq: Option<u64>,
    /// Traces started (numbers their producers).
    pub(super) trace_count: u64,
    /// Events handled at the last refresh: fewer now means the lab was reset (`brokers N`,
    /// `seed N`) and counts started again.
    pub(super) last_processed: u64,
}

impl Ui {
    /// A page over `lab`.
    pub fn new(mut lab: Lab, lang: Lang, speed: f64, playing: bool) -> Self {
        lab.set_lang(lang);
        let mut ui = Ui {
            view: Shared::new(ClusterView::of(lab.cluster())),
            now: lab.cluster().now(),
            processed: lab.cluster().processed(),
            events: Events::new(lab.cluster().log()),
            lab: Rc::new(RefCell::new(lab)),
            flights: Shared::new(Vec::new()),
            console: Shared::new(Vec::new()),
            history: Shared::new(Vec::new()),
            real_now: 0.0,
            ledger_read_at: f64::NEG_INFINITY,
            tables_read_at: f64::NEG_INFINITY,
            view_read_at: f64::NEG_INFINITY,
            frame_only: false,
            playing,
            speed: speed.clamp(SPEED_RANGE.0, SPEED_RANGE.1),
            lang,
            details: false,
            tab: Tab::default(),
            selected: None,
            replication: Shared::new(ReplicationData {
                detail: None,
                ledger: Shared::default(),
                summary: Summary::default(),
                partitions: Vec::new(),
            }),
            violations: Shared::new(Vec::new()),
            stream: None,
            trace: None,
            preset: None,
            storage: Shared::new(StorageData {
                disks: Vec::new(),
                detail: None,
                fast: Shared::default(),
                metadata: Vec::new(),
            }),
            why_fast: Shared::default(),
            why_fast_due: false,
            segment: None,
            lookup: None,
            upload: None,
            producer: Shared::new(ProducerData {
                producers: Vec::new(),
                topics: Vec::new(),
                version: ClientVersion::default(),
                txn: TxnView {
                    txns: Vec::new(),
                    partitions: Vec::new(),
                    read_uncommitted: Vec::new(),
                    read_committed: Vec::new(),
                },
            }),
            lag_history: Shared::new(Vec::new()),
            consumer: Shared::new(ConsumerData {
                groups: Vec::new(),
                consumers: Vec::new(),
                topics: Vec::new(),
                timelines: Vec::new(),
                flow: DataFlow::default(),
                blocked: None,
            }),
            picks: Shared::new(Vec::new()),
            load: None,
            load_results: Shared::new(Vec::new()),
            tour: crate::tour::TourState::default(),
            preset_runs: 0,
            compare_opens: 0,
            failures: Shared::new(Failures::new()),
            inside: None,
            shortcuts_open: false,
            tm: TimeState::default(),
            partitions: Shared::new(Vec::new()),
            carry: 0.0,
            actual_speed: None,
            last_seq: None,
            last_processed: 0,
            trace_count: 0,
        };
        ui.console = Shared::new(vec![ConsoleLine::Welcome]);
        ui.skip_past_deliveries();
        ui
    }

    /// The page as it opens: 3 brokers, and topic `orders` (3 partitions, RF 3) created by
    /// running [`DEFAULT_SETUP`] in the console, where the learner sees it.
    pub fn opening(lang: Lang, speed: f64, playing: bool) -> Self {
        let mut ui = Ui::new(Lab::default(), lang, speed, playing);
        ui.exec(DEFAULT_SETUP.to_string());
        ui.refresh();
        ui.skip_past_deliveries();
        ui
    }

    /// The topic kafka-console-producer.sh reads records for, while it reads: the console's
    /// prompt is then `>`.
    pub fn console_topic(&self) -> Option<String> {
        self.lab.borrow().console_topic().map(str::to_string)
    }

    pub(super) fn clone_shell(&self) -> Ui {
        Ui {
            lab: self.lab.clone(),
            view: self.view.clone(),
            now: self.now,
            processed: self.processed,
            events: self.events.clone(),
            flights: self.flights.clone(),
            console: self.console.clone(),
            history: self.history.clone(),
            real_now: self.real_now,
            ledger_read_at: self.ledger_read_at,
            tables_read_at: self.tables_read_at,
            view_read_at: self.view_read_at,
            frame_only: false,
            playing: self.playing,
            speed: self.speed,
            lang: self.lang,
            details: self.details,
            tab: self.tab,
            selected: self.selected,
            replication: self.replication.clone(),
            violations: self.violations.clone(),
            stream: self.stream.clone(),
            trace: self.trace.clone(),
            preset: self.preset.clone(),
            storage: self.storage.clone(),
            why_fast: self.why_fast.clone(),
            why_fast_due: self.why_fast_due,
            segment: self.segment.clone(),
            lookup: self.lookup.clone(),
            upload: self.upload.clone(),
            producer: self.producer.clone(),
            consumer: self.consumer.clone(),
            lag_history: self.lag_history.clone(),
            picks: self.picks.clone(),
            load: self.load.clone(),
            load_results: self.load_results.clone(),
            tour: self.tour.clone(),
            preset_runs: self.preset_runs,
            compare_opens: self.compare_opens,
            failures: self.failures.clone(),
            inside: self.inside.clone(),
            shortcuts_open: self.shortcuts_open,
            tm: self.tm.clone(),
            partitions: self.partitions.clone(),
            carry: self.carry,
            actual_speed: self.actual_speed,
            last_seq: self.last_seq,
            last_processed: self.last_processed,
            trace_count: self.trace_count,
        }
    }

    /// The lab, to read (the tour's checks).
    pub fn lab(&self) -> std::cell::Ref<'_, Lab> {
        self.lab.borrow()
    }

    /// Runs a command the page's drivers send (streams, load runs): not shown in the console
    /// (see [`super::time::quiet`]).
    pub(super) fn exec_quiet(&mut self, line: &str) -> Result<String, String> {
        let result = self.run_line(line).result;
        self.tm.quiet += 1;
        result
    }

    pub(super) fn exec(&mut self, line: String) {
        let _ = self.exec_result(line);
    }

    /// Runs a command as if typed in the console, and returns its result too.
    pub(super) fn exec_result(&mut self, line: String) -> Result<String, String> {
        self.exec_outcome(line).result
    }

    /// Runs a command as if typed in the console, and returns what it did.
    pub(super) fn exec_outcome(&mut self, line: String) -> Outcome {
        let result = self.run_line(&line);
        let mut history = (*self.history).clone();
        if history.last() != Some(&line) && !line.trim().is_empty() {
            history.push(line);
        }
        self.history = Shared::new(history);
        result
    }

    /// Runs a line through [`Lab::run`]: a command given in the past forks (the page notes
    /// the kept branch); a time-machine command typed in the console (`rewind`, `undo`,
    /// `branch K`, `open-link`) that moved the lab back or elsewhere is a jump. The console
    /// shows the line from the core's transcript.
    pub(super) fn run_line(&mut self, line: &str) -> Outcome {
        let (before, branch) = {
            let lab = self.lab.borrow();
            (lab.position(), lab.branch_id())
        };
        let outcome = self.lab.borrow_mut().run(line);
        self.bump();
        if let Some(k) = outcome.forked {
            self.forked(k, branch, before);
        }
        let (after, now_branch) = {
            let lab = self.lab.borrow();
            (lab.position(), lab.branch_id())
        };
        if after < before || now_branch != branch {
            self.jumped();
        }
        outcome
    }
}
