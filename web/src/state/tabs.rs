//! Each tab's data, as plain snapshots rebuilt from the lab by [`Ui::refresh`] (the tabs
//! not showing are refreshed when they show).

use kafka_lab::cluster::producer::ClientVersion;
use kafka_lab::cluster::Delivery;
use kafka_lab::ledger::{summarize, SendStatus, Summary};
use kafka_lab::model::{BrokerId, TopicPartition};
use kafka_lab::sim::Millis;
use kafka_lab::storage::batch::DecodedBatch;
use kafka_lab::storage::segment::{IndexEntry, OffsetLookup, TimeIndexEntry};
use kafka_lab::view::{
    BrokerDisk, ClusterView, ConsumerRow, DataFlow, GroupPanel, PartitionDetail, ProducerPanel,
    RebalanceTimeline, TxnView,
};

use super::*;

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

/// The storage tab's data (refreshed only while it shows).
#[derive(Clone, Debug, PartialEq)]
pub struct StorageData {
    /// Every broker's disk.
    pub disks: Vec<BrokerDisk>,
    /// The chosen segment.
    pub detail: Option<SegmentDetail>,
    /// Why Kafka is fast: page caches, I/O figures, batching, reads (`view::fast`).
    pub fast: Shared<kafka_lab::view::fast::FastView>,
    /// KRaft mode: each controller's metadata directory (kweb2).
    pub metadata: Vec<kafka_lab::view::kraft_disk::MetadataDisk>,
}

/// How often (page ms) a playing run's whole ledger is checked again for the replication tab
/// (on a frame of its own: it reads every send against every log).
pub const LEDGER_EVERY_MS: f64 = 1000.0;

/// How often (page ms) a playing run's tab tables (the replication tab's partition, the
/// storage, producer and consumer tabs' data) are rebuilt after frames alone, faster than
/// real time or on a big cluster ([`Ui::tables_wait`]): 4 times a second. The diagram, the toolbar, the timeline and the event log stay live every frame.
pub const TABLES_EVERY_MS: f64 = 250.0;
/// Page ms between two reads of the cluster's view by frames alone while the cluster logs
/// nothing (frames2; any event or action reads it at once).
pub const VIEW_EVERY_MS: f64 = 100.0;

/// Partitions past which a tab's tables wait for [`TABLES_EVERY_MS`] even at ×1 (64 brokers ×
/// 1,000 partitions spent 21 ms a frame rebuilding the storage tab's 64 disks at ×1).
pub const TABLES_WAIT_PARTITIONS: usize = 500;

/// What the replication tab shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplicationData {
    /// The selected partition's replicas.
    pub detail: Option<PartitionDetail>,
    /// Every send, newest last (read again at most every [`LEDGER_EVERY_MS`] while a run
    /// plays live: checking every send against every log grows with the run).
    pub ledger: Shared<Vec<SendStatus>>,
    /// The ledger's totals.
    pub summary: Summary,
    /// Every partition, for the selector.
    pub partitions: Vec<TopicPartition>,
}

impl Ui {
    /// Whether a playing run's tables may wait for [`TABLES_EVERY_MS`]: faster than real time,
    /// or a big cluster (more than [`TABLES_WAIT_PARTITIONS`] partitions) at any speed. A small
    /// cluster up to real time follows every frame, as a reader can follow it.
    fn tables_wait(&self) -> bool {
        self.speed > 1.0 || self.partitions.len() > TABLES_WAIT_PARTITIONS
    }

    /// Whether this frame's refresh will rebuild the showing tab's tables or the ledger (see
    /// [`TABLES_EVERY_MS`]): the frame clock then gives the simulation less time.
    pub(super) fn tables_due(&self) -> bool {
        let stale = |at: f64, every: f64| self.real_now - at >= every || self.real_now < at;
        self.playing
            && self.tables_wait()
            && self.tab != Tab::Cluster
            && (stale(self.tables_read_at, TABLES_EVERY_MS)
                || (self.tab == Tab::Replication && stale(self.ledger_read_at, LEDGER_EVERY_MS)))
    }

    /// Refreshes the snapshots from the lab after it changed.
    pub(super) fn refresh(&mut self) {
        crate::marks::start("klab:refresh");
        let lab = self.lab.borrow();
        let c = lab.cluster();
        // The clock and the event counter are live every frame (the toolbar reads them from
        // `now` and `processed`); the view is replaced only when what it draws changed, so the
        // diagram and the replication tab are not drawn again on every frame of a steady run.
        // A dead broker's box counts its session down and KRaft boxes show the clock's state:
        // then the view follows the clock.
        self.now = c.now();
        self.processed = c.processed();
        let clocked = self.view.kraft.is_some() || self.view.brokers.iter().any(|b| !b.alive);
        // A frame alone reads the view again when the cluster logged something (elections,
        // ISR changes, kills) or VIEW_EVERY_MS passed: a steady stream changes none of what it
        // draws, and building it (every replica of every broker) was a frame's largest cost
        // outside the simulation and Yew.
        // (frames4) Only what the diagram draws counts: a stream's segment rolls are logged on
        // most frames at ×100 and changed nothing the view holds.
        let view_due = !self.frame_only
            || clocked
            || self
                .events
                .added(c.log())
                .is_none_or(|new| new.iter().any(|l| !draws_nothing(&l.event)))
            || !(self.view_read_at..self.view_read_at + VIEW_EVERY_MS).contains(&self.real_now);
        if view_due {
            crate::marks::start("klab:view");
            self.view_read_at = self.real_now;
            let mut view = ClusterView::of(c);
            // The page draws deliveries as they land (`flights`), never the queue of messages.
            view.messages = Vec::new();
            if *self.partitions != view.partitions {
                self.partitions = Shared::new(view.partitions.clone());
            }
            let clocked = view.kraft.is_some() || view.brokers.iter().any(|b| !b.alive);
            if !clocked {
                (view.now, view.processed) = (self.view.now, self.view.processed);
            }
            if *self.view != view {
                (view.now, view.processed) = (self.now, self.processed);
                self.view = Shared::new(view);
            }
            crate::marks::end("klab:view", "klab:view");
        }
        let log = c.log();
        if !self.events.holds(log) {
            crate::marks::start("klab:events");
            self.events = self.events.follow(log);
            crate::marks::end("klab:events", "klab:events");
        }
        if *self.violations != c.violations() {
            self.violations = Shared::new(c.violations().to_vec());
        }
        // A playing run's tables (not the diagram) are rebuilt at most every
        // TABLES_EVERY_MS of page time after a frame alone: at ×100 nobody reads a table
        // that changes 60 times a second, and rebuilding them (the storage tab's every
        // directory, the replication tab's partition checked against the ledger) was most of
        // those tabs' frame time. A reader's action always rebuilds them at once.
        let frame_tick = self.frame_only;
        let frame_only = std::mem::take(&mut self.frame_only) && self.playing && self.tables_wait();
        let tables_due = !frame_only
            || self.real_now - self.tables_read_at >= TABLES_EVERY_MS
            || self.real_now < self.tables_read_at;
        if tables_due {
            self.tables_read_at = self.real_now;
            crate::marks::start("klab:tables");
        }
        if self.tab == Tab::Replication {
            // The whole ledger is read on a frame of its own (never the same frame as the
            // tables), at most every LEDGER_EVERY_MS while a run plays.
            let ledger_due = !frame_only
                || self.replication.ledger.is_empty()
                || (!tables_due && self.real_now - self.ledger_read_at >= LEDGER_EVERY_MS)
                || self.real_now < self.ledger_read_at;
            if tables_due || ledger_due {
                // From the view (both modes: ZooKeeper's topics or the KRaft metadata image).
                let partitions: Vec<TopicPartition> =
                    self.partitions.iter().map(|p| p.tp).collect();
                if self
                    .selected
                    .as_ref()
                    .is_none_or(|s| !partitions.contains(s))
                {
                    self.selected = partitions.first().cloned();
                }
                let (ledger, summary) = if ledger_due {
                    self.ledger_read_at = self.real_now;
                    crate::marks::start("klab:ledger");
                    let ledger = c.ledger_status();
                    let summary = summarize(&ledger);
                    crate::marks::end("klab:ledger", "klab:ledger");
                    (Shared::new(ledger), summary)
                } else {
                    (self.replication.ledger.clone(), self.replication.summary)
                };
                let detail = if tables_due || self.replication.detail.is_none() {
                    self.selected
                        .as_ref()
                        .and_then(|tp| PartitionDetail::of(c, tp))
                } else {
                    self.replication.detail.clone()
                };
                let data = ReplicationData {
                    detail,
                    summary,
                    ledger,
                    partitions,
                };
                if *self.replication != data {
                    self.replication = Shared::new(data);
                }
            }
        }
        if self.tab == Tab::Storage && tables_due {
            let disks = kafka_lab::view::disks(c);
            let detail = self.segment.as_ref().and_then(|sel| {
                let seg = kafka_lab::view::segment_contents(c, sel.broker, &sel.tp, sel.base)?;
                Some(SegmentDetail {
                    sel: sel.clone(),
                    size: seg.size,
                    batches: seg.batches,
                    index: seg.index,
                    time_index: seg.time_index,
                })
            });
            let fast = kafka_lab::view::fast::why_fast(c);
            let fast = if *self.storage.fast == fast {
                self.storage.fast.clone()
            } else {
                Shared::new(fast)
            };
            let data = StorageData {
                disks,
                detail,
                fast,
                metadata: kafka_lab::view::kraft_disk::metadata_disks(c),
            };
            if *self.storage != data {
                self.storage = Shared::new(data);
            }
        }
        // The why-Kafka-is-fast panel takes the tables' new figures one frame after the disks
        // (frames4): the two were the storage tab's longest frame together.
        if self.tab == Tab::Storage {
            if tables_due && frame_only {
                self.why_fast_due = true;
            } else if tables_due || self.why_fast_due {
                self.why_fast = self.storage.fast.clone();
                self.why_fast_due = false;
            }
        }
        if self.tab == Tab::Producer && tables_due {
            let data = ProducerData {
                producers: kafka_lab::view::producers(c),
                topics: kafka_lab::view::partition_counts(c),
                version: c.client_version(),
                txn: kafka_lab::view::transactions(c, "orders"),
            };
            if *self.producer != data {
                self.producer = Shared::new(data);
            }
        }
        if self.tab == Tab::Consumers && tables_due {
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
                topics: kafka_lab::view::partition_counts(c)
                    .into_iter()
                    .filter(|(n, _)| !n.starts_with("__"))
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
        if tables_due {
            crate::marks::end("klab:tables", "klab:tables");
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
        // Messages in flight fly to the end (each is drawn once and moved by the browser):
        // new ones take the free room, the newest first, and a frame alone starts at most
        // FLIGHTS_PER_FRAME, so at ×100 they start and land a few at a time, not all 48 at once.
        let room = MAX_FLIGHTS.saturating_sub(flights.len());
        let room = if frame_tick {
            room.min(FLIGHTS_PER_FRAME)
        } else {
            room
        };
        // Messages that tell a story (elections, a controller's resignation: the labelled
        // ones) always fly, pushing the oldest out if the layer is full.
        let story = |d: &Delivery| {
            crate::components::diagram::labelled(d.kind)
                || crate::components::kraft_quorum::labelled(d.kind)
        };
        let skip = fresh.len().saturating_sub(room);
        let (old, new) = fresh.split_at(skip);
        flights.extend(old.iter().filter(|d| story(d)).chain(new).map(|d| Flight {
            delivery: (*d).clone(),
            started: now,
        }));
        let overflow = flights.len().saturating_sub(MAX_FLIGHTS);
        flights.drain(..overflow);
        if flights != *self.flights {
            self.flights = Shared::new(flights);
        }
        drop(lab);
        self.sync_console();
        self.sync_timeline();
        crate::marks::end("klab:refresh", "klab:refresh");
    }
}

/// Events that change nothing the cluster's view holds (the diagram, the replication tab's
/// partitions): segment files rolled or deleted, the producers' and consumers' own events
/// (but a 0.8-era group's offsets written to ZooKeeper, which the diagram's ZooKeeper box
/// shows). The view is still read every [`VIEW_EVERY_MS`] whatever was logged.
pub fn draws_nothing(e: &kafka_lab::event::Event) -> bool {
    use kafka_lab::event::Event;
    use kafka_lab::event_fold::EventKind;
    match e {
        Event::SegmentRolled { .. } | Event::SegmentsDeleted { .. } => true,
        Event::ZkOffsetsWritten { .. } => false,
        _ => matches!(e.kind(), EventKind::Producer | EventKind::Groups),
    }
}
