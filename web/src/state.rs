//! The page's state and its reducer: the one place where the simulation is touched.
//!
//! Components receive immutable snapshots ([`Shared`]) and send [`Action`]s; only
//! [`Ui::reduce`] calls into the [`Lab`]. The browser's animation frame is the only real clock:
//! each frame advances virtual time by `speed × elapsed real time`.

use std::cell::RefCell;
use std::rc::Rc;

use kafka_lab::cli::{parse_duration, Lab};
use kafka_lab::cluster::invariants::Violation;
use kafka_lab::cluster::producer::ClientVersion;
use kafka_lab::cluster::Delivery;
use kafka_lab::event::Logged;
use kafka_lab::i18n::{Lang, T};
use kafka_lab::ledger::{summarize, SendStatus, Summary};
use kafka_lab::log::SendId;
use kafka_lab::model::{BrokerId, TopicPartition};
use kafka_lab::partitioner::{murmur2, partition_for_key};
use kafka_lab::presets::{commands, preset};
use kafka_lab::sim::Millis;
use kafka_lab::storage::batch::{decode_log, DecodedBatch, LogFile};
use kafka_lab::storage::segment::{
    lookup_in_file, parse_index, IndexEntry, OffsetLookup, TimeIndexEntry,
};

use crate::components::controls::quote;
use kafka_lab::view::{
    BrokerDisk, ClusterView, ConsumerRow, DataFlow, GroupPanel, PartitionDetail, ProducerPanel,
    RebalanceTimeline, TxnView,
};
use yew::Reducible;

/// How long (real milliseconds) a message takes to fly across the diagram.
pub const FLIGHT_MS: f64 = 900.0;
/// Most messages drawn in flight at once (at high speed the newest win).
pub const MAX_FLIGHTS: usize = 48;
/// Most simulation events one animation frame runs: beyond it the virtual clock falls behind
/// rather than the page freezing.
pub const FRAME_EVENT_BUDGET: u64 = 100_000;
/// Virtual ms between the records of a stream.
pub const STREAM_EVERY_MS: Millis = 250;
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

/// The consumer tab's data (refreshed only while it shows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerData {
    /// Every group a live coordinator knows.
    pub groups: Vec<GroupPanel>,
    /// Every consumer client.
    pub consumers: Vec<ConsumerRow>,
    /// Topics and their partition counts.
    pub topics: Vec<(String, u32)>,
    /// Each group's rebalance timeline (same order as `groups`).
    pub timelines: Vec<RebalanceTimeline>,
    /// Producers → topics → groups.
    pub flow: DataFlow,
    /// Why adding a consumer would fail now (said next to the button).
    pub blocked: Option<kafka_lab::cluster::ConsumerJoinBlocked>,
}

/// The window of the rebalance timeline (virtual ms).
pub const TIMELINE_MS: Millis = 30_000;

/// Total lag per group over virtual time: (time, [(group, lag)]), oldest first.
pub type LagHistory = Vec<(Millis, Vec<(String, u64)>)>;
/// Virtual ms between two lag samples.
pub const LAG_SAMPLE_MS: Millis = 500;
/// Samples kept.
pub const LAG_SAMPLES: usize = 240;

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

/// The producer tab's data (refreshed only while it shows).
#[derive(Clone, Debug, PartialEq)]
pub struct ProducerData {
    /// Every producer.
    pub producers: Vec<ProducerPanel>,
    /// Topics and their partition counts.
    pub topics: Vec<(String, u32)>,
    /// The client version new producers take.
    pub version: ClientVersion,
    /// Transactions on `orders`: coordinators, logs with markers, both isolation levels.
    pub txn: TxnView,
}

/// A segment chosen in the storage view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentSel {
    /// The broker whose disk holds it.
    pub broker: BrokerId,
    /// Its partition.
    pub tp: TopicPartition,
    /// Its base offset.
    pub base: i64,
}

/// The chosen segment's contents.
#[derive(Clone, Debug, PartialEq)]
pub struct SegmentDetail {
    /// Which segment.
    pub sel: SegmentSel,
    /// `.log` size.
    pub size: usize,
    /// Its batches with their records.
    pub batches: Vec<DecodedBatch>,
    /// Its offset index.
    pub index: Vec<IndexEntry>,
    /// Its time index.
    pub time_index: Vec<TimeIndexEntry>,
}

/// A lookup being animated.
#[derive(Clone, Debug, PartialEq)]
pub struct LookupRun {
    /// Where it runs: a broker's replica, or an uploaded file (`None`).
    pub broker: Option<BrokerId>,
    /// Its partition (or the uploaded file's name).
    pub what: String,
    /// The trace.
    pub trace: OffsetLookup,
    /// Real time when it started.
    pub started: f64,
}

/// Milliseconds of real time per lookup step on screen.
pub const LOOKUP_STEP_MS: f64 = 700.0;

impl LookupRun {
    /// Steps in the animation: segment choice, probes, batches, result.
    pub fn total_steps(&self) -> usize {
        2 + self.trace.index.probes.len() + self.trace.scanned.len()
    }
}

/// A real Kafka file given to the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Upload {
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub size: usize,
    /// What was read from it (a `.log`), with records.
    pub log: Option<LogFile>,
    /// Its index entries (an `.index`, or the `.index` uploaded beside the `.log`).
    pub index: Vec<IndexEntry>,
    /// The base offset its name says.
    pub base: i64,
    /// Why it could not be read, if it could not.
    pub error: Option<String>,
}

/// The storage tab's data (refreshed only while it shows).
#[derive(Clone, Debug, PartialEq)]
pub struct StorageData {
    /// Every broker's disk.
    pub disks: Vec<BrokerDisk>,
    /// The chosen segment.
    pub detail: Option<SegmentDetail>,
    /// Why Kafka is fast: page caches, I/O figures, batching, reads (`view::fast`).
    pub fast: kafka_lab::view::fast::FastView,
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
    pub commands: Vec<&'static str>,
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

/// What the replication tab shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplicationData {
    /// The selected partition's replicas.
    pub detail: Option<PartitionDetail>,
    /// Every send, newest last.
    pub ledger: Vec<SendStatus>,
    /// The ledger's totals.
    pub summary: Summary,
    /// Every partition, for the selector.
    pub partitions: Vec<TopicPartition>,
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
    if message.contains("larger than available brokers") {
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
    lab: Rc<RefCell<Lab>>,
    /// The cluster, for drawing.
    pub view: Shared<ClusterView>,
    /// Every event so far.
    pub events: Shared<Vec<Logged>>,
    /// Messages in flight on the diagram.
    pub flights: Shared<Vec<Flight>>,
    /// The console's lines.
    pub console: Shared<Vec<ConsoleLine>>,
    /// Commands typed, oldest first.
    pub history: Shared<Vec<String>>,
    /// Real time of the last frame.
    pub real_now: f64,
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
    /// Buttons whose last command failed, by origin.
    pub failures: Shared<Failures>,
    /// The producer "Inside the producer" shows: the one the user picked, else the last that
    /// sent from the page.
    pub inside: Option<String>,
    /// Fraction of a virtual millisecond carried to the next frame.
    carry: f64,
    /// The last delivery already animated.
    last_seq: Option<u64>,
    /// Traces started (numbers their producers).
    trace_count: u64,
    /// Events handled at the last refresh: fewer now means the lab was reset (`brokers N`,
    /// `seed N`) and counts started again.
    last_processed: u64,
}

/// What can happen to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// An animation frame at real time `now`, `dt` ms after the previous one.
    Frame { now: f64, dt: f64 },
    /// Play or pause.
    TogglePlay,
    /// Run the next simulation item.
    Step,
    /// Set the speed.
    SetSpeed(f64),
    /// Switch language.
    SetLang(Lang),
    /// Show or hide role-change details in the event log.
    ToggleDetails,
    /// Run a command line (typed, or issued by a click).
    Exec(String),
    /// Run a button's command lines (stopping at the first that fails); a failure is kept
    /// under `origin` for the button to show, a success clears it.
    Run { origin: String, lines: Vec<String> },
    /// Show this producer in "Inside the producer".
    Inside(String),
    /// Switch the main pane's tab.
    SetTab(Tab),
    /// Show this partition in the replication tab.
    Select(TopicPartition),
    /// Start (or stop, if one runs) a stream of records.
    ToggleStream { topic: String, acks: String },
    /// Send one record with these `acks` and follow it through the six steps.
    Trace { topic: String, acks: String },
    /// Run the simulation until the traced send reaches its next step.
    TraceNext,
    /// Play a preset from a fresh cluster.
    PlayPreset(&'static str),
    /// Stop the preset.
    StopPreset,
    /// Show a segment's batches and index.
    SelectSegment(SegmentSel),
    /// Look an offset up in a partition (on a broker, or the leader) and animate it.
    Lookup {
        tp: TopicPartition,
        broker: Option<BrokerId>,
        offset: i64,
    },
    /// Clear the lookup on screen (the form refused what was typed).
    ClearLookup,
    /// A file was uploaded (dropped or picked).
    Upload { name: String, bytes: Vec<u8> },
    /// Look an offset up in the uploaded file.
    LookupUpload(i64),
    /// A file too large to read was given.
    UploadRefused { name: String, size: u64 },
    /// Send one record from the partition-selection panel.
    SendPick {
        topic: String,
        key: Option<String>,
        partition: Option<u32>,
        value: String,
    },
    /// Start a load run with these batching settings.
    RunLoad {
        batch_size: usize,
        linger_ms: Millis,
        compression: kafka_lab::storage::batch::Codec,
    },
    /// Forget the load runs' results.
    ClearLoad,
    /// The guided tour.
    Tour(crate::tour::TourMsg),
}

impl Ui {
    /// A page over `lab`.
    pub fn new(mut lab: Lab, lang: Lang, speed: f64, playing: bool) -> Self {
        lab.set_lang(lang);
        let mut ui = Ui {
            view: Shared::new(ClusterView::of(lab.cluster())),
            events: Shared::new(lab.cluster().log().to_vec()),
            lab: Rc::new(RefCell::new(lab)),
            flights: Shared::new(Vec::new()),
            console: Shared::new(Vec::new()),
            history: Shared::new(Vec::new()),
            real_now: 0.0,
            playing,
            speed: speed.clamp(SPEED_RANGE.0, SPEED_RANGE.1),
            lang,
            details: false,
            tab: Tab::default(),
            selected: None,
            replication: Shared::new(ReplicationData {
                detail: None,
                ledger: Vec::new(),
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
                fast: Default::default(),
            }),
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
            failures: Shared::new(Failures::new()),
            inside: None,
            carry: 0.0,
            last_seq: None,
            last_processed: 0,
            trace_count: 0,
        };
        ui.console = Shared::new(vec![ConsoleLine::Welcome]);
        ui.skip_past_deliveries();
        ui
    }

    /// Sends the stream's records due up to virtual time `end`, each at its own instant.
    fn run_stream(&mut self, end: Millis) {
        let Some(mut st) = self.stream.take() else {
            return;
        };
        while st.next_at <= end {
            let now = self.lab.borrow().cluster().now();
            if st.next_at > now {
                self.lab.borrow_mut().advance(st.next_at - now);
            }
            st.sent += 1;
            let line = format!(
                "produce --topic {} --acks {} --async --client-id stream s-{}",
                st.topic, st.acks, st.sent
            );
            if self.exec_quiet(&line).is_err() {
                // The topic went away (a reset): stop.
                return;
            }
            st.next_at += st.every_ms;
        }
        self.stream = Some(st);
    }

    /// Sends the load run's records due up to virtual time `end`; once all are sent and
    /// answered, records what the run measured.
    fn run_load(&mut self, end: Millis) {
        let Some(mut run) = self.load.take() else {
            return;
        };
        while run.remaining > 0 && run.next_at <= end {
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
                return; // the topic went away (a reset): stop
            }
            run.next_at += run.every_ms;
        }
        if run.remaining == 0 {
            let lab = self.lab.borrow();
            let done = lab
                .cluster()
                .producers
                .values()
                .find(|p| p.name == run.client)
                .filter(|p| p.is_idle())
                .map(|p| LoadResult {
                    batch_size: run.batch_size,
                    linger_ms: run.linger_ms,
                    compression: run.compression,
                    bytes_before: p.stats.bytes_uncompressed,
                    bytes_after: p.stats.bytes_compressed,
                    records: p.stats.records_acked,
                    batches: p.stats.batches_sent,
                    requests: p.stats.requests,
                    mean_latency_ms: p.mean_latency_ms(),
                });
            drop(lab);
            if let Some(r) = done {
                let mut all = (*self.load_results).clone();
                all.push(r);
                self.load_results = Shared::new(all);
                return;
            }
        }
        self.load = Some(run);
    }

    /// Messages already delivered are not animated (the start-up's, the setup's).
    fn skip_past_deliveries(&mut self) {
        let lab = self.lab.borrow();
        self.last_seq = lab.cluster().recent_deliveries().last().map(|d| d.seq);
        self.flights = Shared::new(Vec::new());
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

    fn clone_shell(&self) -> Ui {
        Ui {
            lab: self.lab.clone(),
            view: self.view.clone(),
            events: self.events.clone(),
            flights: self.flights.clone(),
            console: self.console.clone(),
            history: self.history.clone(),
            real_now: self.real_now,
            playing: self.playing,
            speed: self.speed,
            lang: self.lang,
            details: self.details,
            tab: self.tab,
            selected: self.selected.clone(),
            replication: self.replication.clone(),
            violations: self.violations.clone(),
            stream: self.stream.clone(),
            trace: self.trace.clone(),
            preset: self.preset.clone(),
            storage: self.storage.clone(),
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
            failures: self.failures.clone(),
            inside: self.inside.clone(),
            carry: self.carry,
            last_seq: self.last_seq,
            last_processed: self.last_processed,
            trace_count: self.trace_count,
        }
    }

    /// The lab, to read (the tour's checks).
    pub fn lab(&self) -> std::cell::Ref<'_, Lab> {
        self.lab.borrow()
    }

    /// Refreshes the snapshots from the lab after it changed.
    fn refresh(&mut self) {
        let lab = self.lab.borrow();
        let c = lab.cluster();
        let view = ClusterView::of(c);
        if *self.view != view {
            self.view = Shared::new(view);
        }
        let log = c.log();
        if self.events.len() != log.len() || self.events.last() != log.last() {
            self.events = Shared::new(log.to_vec());
        }
        if *self.violations != c.violations {
            self.violations = Shared::new(c.violations.clone());
        }
        if self.tab == Tab::Replication {
            let partitions: Vec<TopicPartition> =
                c.zk.topics
                    .iter()
                    .flat_map(|(n, t)| {
                        t.assignment
                            .keys()
                            .map(move |&p| TopicPartition::new(n.clone(), p))
                    })
                    .collect();
            if self
                .selected
                .as_ref()
                .is_none_or(|s| !partitions.contains(s))
            {
                self.selected = partitions.first().cloned();
            }
            let ledger = c.ledger_status();
            let data = ReplicationData {
                detail: self
                    .selected
                    .as_ref()
                    .and_then(|tp| PartitionDetail::of(c, tp)),
                summary: summarize(&ledger),
                ledger,
                partitions,
            };
            if *self.replication != data {
                self.replication = Shared::new(data);
            }
        }
        if self.tab == Tab::Storage {
            let disks = kafka_lab::view::disks(c);
            let detail = self.segment.as_ref().and_then(|sel| {
                let log = c
                    .brokers
                    .get(&sel.broker)?
                    .replica_manager
                    .logs
                    .get(&sel.tp)?;
                let seg = log
                    .files()
                    .segments()
                    .iter()
                    .find(|s| s.base_offset() == sel.base)?;
                Some(SegmentDetail {
                    sel: sel.clone(),
                    size: seg.size(),
                    batches: decode_log(seg.log_bytes(), true).batches,
                    index: seg.index().to_vec(),
                    time_index: seg.time_index().to_vec(),
                })
            });
            let fast = kafka_lab::view::fast::why_fast(c);
            let data = StorageData {
                disks,
                detail,
                fast,
            };
            if *self.storage != data {
                self.storage = Shared::new(data);
            }
        }
        if self.tab == Tab::Producer {
            let data = ProducerData {
                producers: kafka_lab::view::producers(c),
                topics: c
                    .zk
                    .topics
                    .iter()
                    .map(|(n, t)| (n.clone(), t.assignment.len() as u32))
                    .collect(),
                version: c.client_version,
                txn: kafka_lab::view::transactions(c, "orders"),
            };
            if *self.producer != data {
                self.producer = Shared::new(data);
            }
        }
        if self.tab == Tab::Consumers {
            let (groups, consumers) = kafka_lab::view::groups(c);
            let timelines = groups
                .iter()
                .map(|g| kafka_lab::view::rebalance_timeline(c, &g.group, TIMELINE_MS))
                .collect();
            let flow = kafka_lab::view::data_flow(c, &groups);
            let data = ConsumerData {
                blocked: c.consumer_join_blocked(),
                timelines,
                flow,
                groups,
                consumers,
                topics: c
                    .zk
                    .topics
                    .iter()
                    .filter(|(n, _)| !n.starts_with("__"))
                    .map(|(n, t)| (n.clone(), t.assignment.len() as u32))
                    .collect(),
            };
            let now = c.now();
            let due = self
                .lag_history
                .last()
                .is_none_or(|(t, _)| now >= t + LAG_SAMPLE_MS || now < *t);
            if due && !data.groups.is_empty() {
                let sample: Vec<(String, u64)> = data
                    .groups
                    .iter()
                    .map(|g| {
                        let lag = g
                            .partitions
                            .iter()
                            .map(|r| r.end.saturating_sub(r.committed.unwrap_or(0)))
                            .sum();
                        (g.group.clone(), lag)
                    })
                    .collect();
                let mut h = (*self.lag_history).clone();
                if h.last().is_some_and(|(t, _)| now < *t) {
                    h.clear(); // the lab was reset
                }
                h.push((now, sample));
                let excess = h.len().saturating_sub(LAG_SAMPLES);
                h.drain(..excess);
                self.lag_history = Shared::new(h);
            }
            if *self.consumer != data {
                self.consumer = Shared::new(data);
            }
        }
        if let Some(t) = self.trace.as_mut() {
            t.stage = kafka_lab::trace::stage(c, t.send);
        }
        // New deliveries start flying now; old flights land and disappear.
        if c.processed() < self.last_processed {
            self.last_seq = None;
        }
        self.last_processed = c.processed();
        let now = self.real_now;
        let mut flights: Vec<Flight> = self
            .flights
            .iter()
            .filter(|f| now - f.started < FLIGHT_MS)
            .cloned()
            .collect();
        let last = self.last_seq;
        let fresh: Vec<&Delivery> = c
            .recent_deliveries()
            .filter(|d| last.is_none_or(|l| d.seq > l))
            .collect();
        if let Some(d) = fresh.last() {
            self.last_seq = Some(d.seq);
        }
        let skip = fresh.len().saturating_sub(MAX_FLIGHTS);
        flights.extend(fresh.into_iter().skip(skip).map(|d| Flight {
            delivery: d.clone(),
            started: now,
        }));
        let overflow = flights.len().saturating_sub(MAX_FLIGHTS);
        flights.drain(..overflow);
        if flights != *self.flights {
            self.flights = Shared::new(flights);
        }
    }

    /// Runs a command without showing it in the console (streams).
    fn exec_quiet(&mut self, line: &str) -> Result<String, String> {
        self.lab.borrow_mut().execute(line)
    }

    /// Runs the preset's commands up to its next `advance`, which then plays in real time.
    fn run_preset(&mut self) {
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
            let Some(line) = run.commands.get(run.next).copied() else {
                return;
            };
            run.next += 1;
            match line.strip_prefix("advance ").map(parse_duration) {
                Some(Ok(ms)) => {
                    run.waiting_until = Some(now + ms);
                    self.console = Shared::new({
                        let mut c = (*self.console).clone();
                        c.push(ConsoleLine::Input(line.to_string()));
                        c
                    });
                }
                _ => self.exec(line.to_string()),
            }
        }
    }

    fn exec(&mut self, line: String) {
        let _ = self.exec_result(line);
    }

    /// Runs a command as if typed in the console, and returns its result too.
    fn exec_result(&mut self, line: String) -> Result<String, String> {
        let record = self.lab.borrow().console_topic().is_some();
        let result = self.lab.borrow_mut().execute(&line);
        let mut console = (*self.console).clone();
        console.push(if record {
            ConsoleLine::Record(line.clone())
        } else {
            ConsoleLine::Input(line.clone())
        });
        match &result {
            Ok(out) if out.is_empty() => {}
            Ok(out) => console.push(ConsoleLine::Output(out.trim_end().to_string())),
            Err(e) => console.push(ConsoleLine::Error(e.clone())),
        }
        // Keep the console bounded.
        let excess = console.len().saturating_sub(500);
        console.drain(..excess);
        self.console = Shared::new(console);
        let mut history = (*self.history).clone();
        if history.last() != Some(&line) && !line.trim().is_empty() {
            history.push(line);
        }
        self.history = Shared::new(history);
        result
    }
}

/// Reads an uploaded file: a `.log` is decoded (and gets the `.index` uploaded beside it, if
/// any); an `.index` is read and attached to the `.log` of the same name, if that came first.
fn read_upload(ui: &mut Ui, name: &str, bytes: Vec<u8>) -> Upload {
    let size = bytes.len();
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s).to_string();
    let base = stem.parse::<i64>().unwrap_or(0);
    let mut up = Upload {
        name: name.to_string(),
        size,
        log: None,
        index: Vec::new(),
        base,
        error: None,
    };
    if let Err(e) = ui.lab.borrow_mut().upload(name, bytes) {
        up.error = Some(e);
        return up;
    }
    let lab = ui.lab.borrow();
    if name.ends_with(".index") {
        up.index = parse_index(lab.uploaded(name).unwrap_or_default(), base);
        // Attach to the .log uploaded before it.
        if let Some(prev) = ui
            .upload
            .as_ref()
            .filter(|u| u.name == format!("{stem}.log"))
        {
            let mut with = (**prev).clone();
            with.index = up.index;
            return with;
        }
        return up;
    }
    let bytes = lab.uploaded(name).unwrap_or_default();
    let file = decode_log(bytes, true);
    if file.batches.is_empty() {
        up.error = Some(match &file.error {
            Some(e) => format!("{name}: not a Kafka log segment: {e}"),
            None if size >= 12 => format!(
                "{name}: not a Kafka log segment: at byte 8: the first batch says it is {} bytes long, but the file has {size} (a .log file is a sequence of record batches: base offset, length, epoch, magic 2 …)",
                i64::from(i32::from_be_bytes([bytes[8], bytes[9], bytes[10], bytes[11]])) + 12
            ),
            None => format!(
                "{name}: not a Kafka log segment: at byte 0: {size} bytes cannot hold a record batch (a .log file is a sequence of record batches: base offset, length, epoch, magic 2 …)"
            ),
        });
    }
    if let Some(idx) = lab.uploaded(&format!("{stem}.index")) {
        up.index = parse_index(idx, base);
    }
    up.log = Some(file);
    up
}

impl Reducible for Ui {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.clone_shell();
        match action {
            Action::Frame { now, dt } => {
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
                    let end = next.lab.borrow().cluster().now() + whole as u64;
                    next.run_stream(end);
                    next.run_load(end);
                    let left = end.saturating_sub(next.lab.borrow().cluster().now());
                    if left >= 1
                        && !next
                            .lab
                            .borrow_mut()
                            .advance_bounded(left, FRAME_EVENT_BUDGET)
                    {
                        next.carry = 0.0;
                    }
                }
                next.run_preset();
                // Nothing to redraw when paused and nothing is flying.
                let animating = next.lookup.as_ref().is_some_and(|l| {
                    now - l.started < l.total_steps() as f64 * LOOKUP_STEP_MS + 100.0
                });
                if !next.playing && next.flights.is_empty() && next.preset.is_none() && !animating {
                    return self;
                }
            }
            Action::TogglePlay => next.playing = !next.playing,
            Action::Step => {
                next.playing = false;
                next.lab.borrow_mut().step();
            }
            Action::SetSpeed(s) => next.speed = s.clamp(SPEED_RANGE.0, SPEED_RANGE.1),
            Action::SetLang(l) => {
                next.lang = l;
                next.lab.borrow_mut().set_lang(l);
            }
            Action::ToggleDetails => next.details = !next.details,
            Action::Exec(line) => next.exec(line),
            Action::Run { origin, lines } => {
                let mut failed = None;
                for line in lines {
                    if let Err(e) = next.exec_result(line) {
                        failed = Some(e);
                        break;
                    }
                }
                let mut f = (*next.failures).clone();
                match failed {
                    Some(message) => {
                        f.insert(
                            origin,
                            Failure {
                                hint: failure_hint(&message),
                                message,
                            },
                        );
                    }
                    None => {
                        f.remove(&origin);
                    }
                }
                next.failures = Shared::new(f);
            }
            Action::Inside(name) => next.inside = Some(name),
            Action::SetTab(t) => next.tab = t,
            Action::Select(tp) => next.selected = Some(tp),
            Action::SelectSegment(sel) => next.segment = Some(sel),
            Action::Lookup { tp, broker, offset } => {
                let lab = next.lab.borrow();
                let c = lab.cluster();
                let chosen = broker.or_else(|| {
                    c.brokers
                        .values()
                        .find(|b| {
                            b.replica_manager.partitions.get(&tp).is_some_and(|p| {
                                p.role == kafka_lab::cluster::replica::Role::Leader
                            })
                        })
                        .map(|b| b.id)
                });
                let run = chosen.and_then(|b| {
                    let log = c.brokers.get(&b)?.replica_manager.logs.get(&tp)?;
                    Some(LookupRun {
                        broker: Some(b),
                        what: tp.to_string(),
                        trace: log.files().lookup(offset),
                        started: next.real_now,
                    })
                });
                drop(lab);
                if let Some(r) = &run {
                    if let Some(seg) = r.trace.segment {
                        next.segment = Some(SegmentSel {
                            broker: r.broker.unwrap_or_default(),
                            tp: tp.clone(),
                            base: seg,
                        });
                    }
                }
                next.lookup = run;
            }
            Action::ClearLookup => next.lookup = None,
            Action::Upload { name, bytes } => {
                next.upload = Some(Shared::new(read_upload(&mut next, &name, bytes)));
                next.lookup = None;
            }
            Action::SendPick {
                topic,
                key,
                partition,
                value,
            } => {
                let partitions = next
                    .lab
                    .borrow()
                    .cluster()
                    .zk
                    .topics
                    .get(&topic)
                    .map_or(0, |t| t.assignment.len() as u32);
                next.inside = Some("picker".to_string());
                let mut line = format!("produce --topic {topic} --client-id picker");
                if let Some(k) = &key {
                    line += &format!(" --key {}", quote(k));
                }
                if let Some(p) = partition {
                    line += &format!(" --partition {p}");
                }
                line += &format!(" {}", quote(&value));
                let result = next.exec_result(line);
                let landed = result
                    .as_ref()
                    .ok()
                    .and_then(|out| out.lines().next())
                    .and_then(|l| l.split('@').next())
                    .and_then(|tp| tp.rsplit('-').next())
                    .and_then(|p| p.parse::<u32>().ok());
                let version = next.lab.borrow().cluster().client_version;
                let why = match (partition, &key) {
                    (Some(_), _) => "explicit",
                    (None, Some(_)) => "hash",
                    (None, None) if version == ClientVersion::V2_3 => "round-robin",
                    (None, None) => "sticky",
                };
                let pick = Pick {
                    hash: key.as_deref().map(|k| murmur2(k.as_bytes())),
                    partition: landed
                        .or(partition)
                        .or_else(|| {
                            key.as_deref()
                                .map(|k| partition_for_key(k.as_bytes(), partitions))
                        })
                        .unwrap_or(0),
                    key,
                    value,
                    partitions,
                    why,
                    result: match result {
                        Ok(out) => out.lines().next().unwrap_or_default().to_string(),
                        Err(e) => e,
                    },
                };
                let mut picks = vec![pick];
                picks.extend(next.picks.iter().take(7).cloned());
                next.picks = Shared::new(picks);
            }
            Action::RunLoad {
                batch_size,
                linger_ms,
                compression,
            } => {
                let now = next.lab.borrow().cluster().now();
                let n = next.load_results.len() + 1;
                let client = format!("load-{n}-{}", now);
                next.inside = Some(client.clone());
                next.load = Some(LoadRun {
                    client,
                    batch_size,
                    linger_ms,
                    compression,
                    remaining: LOAD_RECORDS,
                    every_ms: LOAD_EVERY_MS,
                    next_at: now,
                    started: now,
                    sent: 0,
                });
                next.playing = true;
            }
            Action::ClearLoad => {
                next.load = None;
                next.load_results = Shared::new(Vec::new());
            }
            Action::UploadRefused { name, size } => {
                next.upload = Some(Shared::new(Upload {
                    error: Some(format!(
                        "{name} is {size} bytes; the lab reads files up to {} bytes",
                        kafka_lab::cli::storage::MAX_FILE_BYTES
                    )),
                    name,
                    size: usize::try_from(size).unwrap_or(usize::MAX),
                    log: None,
                    index: Vec::new(),
                    base: 0,
                }));
            }
            Action::LookupUpload(offset) => {
                if let Some(u) = next.upload.clone() {
                    if let Some(log) = &u.log {
                        next.lookup = Some(LookupRun {
                            broker: None,
                            what: u.name.clone(),
                            trace: lookup_in_file(&log.batches, &u.index, u.base, offset),
                            started: next.real_now,
                        });
                    }
                }
            }
            Action::ToggleStream { topic, acks } => {
                next.inside = Some("stream".to_string());
                next.stream = match next.stream.take() {
                    Some(_) => None,
                    None => Some(Stream {
                        topic,
                        acks,
                        every_ms: STREAM_EVERY_MS,
                        next_at: next.lab.borrow().cluster().now(),
                        sent: 0,
                    }),
                };
            }
            Action::Trace { topic, acks } => {
                next.trace_count += 1;
                let client = format!("tracer-{}", next.trace_count);
                let line = format!(
                    "produce --topic {topic} --acks {acks} --async --client-id {client} traced-{n}",
                    n = next.trace_count
                );
                next.exec(line);
                next.inside = Some(client);
                let send = next
                    .lab
                    .borrow()
                    .cluster()
                    .ledger
                    .sends
                    .keys()
                    .last()
                    .copied();
                next.trace = send.map(|send| Trace {
                    send,
                    stage: Some(1),
                    acks,
                });
                next.playing = false;
            }
            Action::TraceNext => {
                next.playing = false;
                if let Some(t) = next.trace.clone() {
                    let mut lab = next.lab.borrow_mut();
                    for _ in 0..20_000 {
                        if !lab.step() {
                            break;
                        }
                        let s = kafka_lab::trace::stage(lab.cluster(), t.send);
                        if s != t.stage {
                            break;
                        }
                    }
                }
            }
            Action::PlayPreset(id) => {
                if let Some(p) = preset(id) {
                    next.preset_runs += 1;
                    next.stream = None;
                    next.trace = None;
                    next.failures = Shared::new(Failures::new());
                    next.inside = None;
                    next.exec("seed 1".to_string());
                    next.preset = Some(PresetRun {
                        id: p.id,
                        commands: commands(p),
                        next: 0,
                        waiting_until: None,
                    });
                    // The consumer tab plays its presets where it is (groups, lag, data
                    // flow); the others play on the replication tab (the ledger).
                    if next.tab != Tab::Consumers {
                        next.tab = Tab::Replication;
                    }
                    next.selected = None;
                    next.playing = true;
                    next.run_preset();
                }
            }
            Action::StopPreset => next.preset = None,
            Action::Tour(msg) => {
                let then = crate::tour::apply(&mut next, msg);
                next.refresh();
                crate::tour::observe(&mut next);
                return then.into_iter().fold(Rc::new(next), |ui, a| ui.reduce(a));
            }
        }
        next.refresh();
        crate::tour::observe(&mut next);
        Rc::new(next)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ui() -> Rc<Ui> {
        Rc::new(Ui::opening(Lang::En, 1.0, true))
    }

    #[test]
    fn frames_advance_virtual_time_by_speed_and_carry_fractions() {
        let mut u = ui();
        let t0 = u.view.now;
        for i in 0..10 {
            u = u.reduce(Action::Frame {
                now: i as f64 * 16.5,
                dt: 16.5,
            });
        }
        assert_eq!(u.view.now - t0, 165);
        u = u.reduce(Action::SetSpeed(10.0));
        u = u.reduce(Action::Frame {
            now: 200.0,
            dt: 10.0,
        });
        assert_eq!(u.view.now - t0, 265);
        u = u.reduce(Action::TogglePlay);
        let paused = u.view.now;
        u = u.reduce(Action::Frame {
            now: 300.0,
            dt: 100.0,
        });
        assert_eq!(u.view.now, paused);
    }

    #[test]
    fn clicks_and_typing_share_the_interpreter() {
        let mut u = ui();
        u = u.reduce(Action::Exec("kill-broker 2".into()));
        assert!(!u.view.brokers[1].alive);
        assert_eq!(u.console[0], ConsoleLine::Welcome);
        assert_eq!(u.console[1], ConsoleLine::Input(DEFAULT_SETUP.into()));
        assert_eq!(
            u.console[2],
            ConsoleLine::Output("Created topic orders.".into())
        );
        assert_eq!(u.console[3], ConsoleLine::Input("kill-broker 2".into()));
        u = u.reduce(Action::Exec("kill-broker 2".into()));
        assert!(
            matches!(&u.console[u.console.len() - 1], ConsoleLine::Error(e) if e.contains("already dead"))
        );
        assert_eq!(
            *u.history,
            vec![DEFAULT_SETUP.to_string(), "kill-broker 2".to_string()]
        );
    }

    #[test]
    fn deliveries_become_flights_and_land() {
        let mut u = ui();
        assert!(u.flights.is_empty(), "start-up messages are not animated");
        // Two seconds of virtual time bring ZooKeeper pings.
        u = u.reduce(Action::SetSpeed(100.0));
        u = u.reduce(Action::Frame {
            now: 1000.0,
            dt: 30.0,
        });
        assert!(!u.flights.is_empty());
        assert!(u.flights.len() <= MAX_FLIGHTS);
        u = u.reduce(Action::TogglePlay);
        u = u.reduce(Action::Frame {
            now: 1000.0 + FLIGHT_MS + 1.0,
            dt: 16.0,
        });
        assert!(u.flights.is_empty());
    }

    #[test]
    fn a_reset_cluster_animates_its_messages_again() {
        let mut u = ui();
        u = u.reduce(Action::SetSpeed(100.0));
        u = u.reduce(Action::Frame {
            now: 100.0,
            dt: 100.0,
        });
        u = u.reduce(Action::Exec("brokers 5".into()));
        assert_eq!(u.view.brokers.len(), 5);
        // The fresh cluster's start-up messages fly.
        assert!(u
            .flights
            .iter()
            .any(|f| f.delivery.kind == "create /controller"));
    }

    #[test]
    fn a_failing_button_keeps_its_error_under_its_origin_until_it_succeeds() {
        let mut u = ui();
        u = u.reduce(Action::Exec("kill-broker 3".into()));
        u = u.reduce(Action::Exec("advance 10s".into()));
        let add = |u: Rc<Ui>| {
            u.reduce(Action::Run {
                origin: "consumers/add".into(),
                lines: vec!["consumer add --group g --id c1 --topics orders".into()],
            })
        };
        u = add(u);
        let f = &u.failures["consumers/add"];
        assert!(
            f.message
                .contains("Replication factor: 3 larger than available brokers: 2"),
            "{}",
            f.message
        );
        assert_eq!(f.hint, Some(T::HintNotEnoughBrokers));
        // The console shows it too, once.
        let errors = u
            .console
            .iter()
            .filter(|l| matches!(l, ConsoleLine::Error(_)))
            .count();
        assert_eq!(errors, 1);
        u = u.reduce(Action::Exec("start-broker 3".into()));
        u = u.reduce(Action::Exec("advance 10s".into()));
        u = add(u);
        assert!(u.failures.is_empty(), "{:?}", u.failures);
    }

    #[test]
    fn follow_one_record_sends_with_the_chosen_acks_and_is_shown_inside() {
        let mut u = ui();
        u = u.reduce(Action::Trace {
            topic: "orders".into(),
            acks: "1".into(),
        });
        assert!(u.console.iter().any(|l| matches!(l,
            ConsoleLine::Input(s) if s.contains("--acks 1 --async --client-id tracer-1"))));
        assert_eq!(u.inside.as_deref(), Some("tracer-1"));
        u = u.reduce(Action::SendPick {
            topic: "orders".into(),
            key: None,
            partition: Some(0),
            value: String::new(),
        });
        assert_eq!(u.inside.as_deref(), Some("picker"));
        assert_eq!(u.picks[0].value, "");
        assert!(
            u.picks[0].result.starts_with("orders-0@"),
            "{}",
            u.picks[0].result
        );
    }

    #[test]
    fn speed_slider_is_logarithmic() {
        assert_eq!(slider_to_speed(0.0), 1.0);
        assert_eq!(slider_to_speed(1.0), 10.0);
        assert_eq!(slider_to_speed(-1.0), 0.1);
        assert_eq!(slider_to_speed(2.5), 100.0);
        assert!((speed_to_slider(10.0) - 1.0).abs() < 1e-12);
    }
}
