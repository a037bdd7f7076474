//! Read-only snapshots of the cluster for drawing.
//!
//! The page never holds the simulation's internals: it receives a [`ClusterView`], plain data
//! that compares cheaply, and redraws only when it changed.

#[path = "view_fast.rs"]
pub mod fast;

use crate::cluster::replica::Role;
use crate::cluster::{Cluster, Item};
use crate::sort::Collect as _;
use std::collections::BTreeSet;

use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::Millis;

/// How a replica looks on its broker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplicaLook {
    /// The broker leads this partition.
    Leader,
    /// It follows and is in the ISR.
    InSyncFollower,
    /// It follows but is not in the ISR (or has not joined yet).
    OutOfSyncFollower,
    /// The broker is dead, or has not heard of its role yet.
    Offline,
}

/// One replica chip inside a broker box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaView {
    /// The partition.
    pub tp: TopicPartition,
    /// How to draw it.
    pub look: ReplicaLook,
    /// The leader epoch the broker knows for it.
    pub epoch: Option<u32>,
}

/// One broker box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerView {
    /// `broker.id`.
    pub id: BrokerId,
    /// Running or killed.
    pub alive: bool,
    /// It holds `/controller`.
    pub is_controller: bool,
    /// Registered in `/brokers/ids`.
    pub registered: bool,
    /// For a dead broker whose session ZooKeeper has not expired yet: when it will.
    pub session_expires_at: Option<Millis>,
    /// Its replicas, by partition.
    pub replicas: Vec<ReplicaView>,
    /// Its fetches are slowed by this much (the slow-follower fault).
    pub fetch_delay_ms: Millis,
}

/// A partition as ZooKeeper records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionView {
    /// The partition.
    pub tp: TopicPartition,
    /// Assigned replicas, preferred first.
    pub replicas: Vec<BrokerId>,
    /// Current leader.
    pub leader: Option<BrokerId>,
    /// Leader epoch.
    pub leader_epoch: u32,
    /// In-sync replicas.
    pub isr: Vec<BrokerId>,
}

/// A message on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageView {
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// Kafka's name for it.
    pub kind: &'static str,
    /// When it left.
    pub sent_at: Millis,
    /// When it arrives.
    pub arrives_at: Millis,
}

/// Everything the cluster diagram draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterView {
    /// Virtual time.
    pub now: Millis,
    /// Simulation items handled so far (the Step button runs one).
    pub processed: u64,
    /// Brokers by id.
    pub brokers: Vec<BrokerView>,
    /// `/controller`.
    pub controller: Option<BrokerId>,
    /// `/controller_epoch`.
    pub controller_epoch: u32,
    /// `/brokers/ids`.
    pub registered: Vec<BrokerId>,
    /// Every partition, by topic then index.
    pub partitions: Vec<PartitionView>,
    /// Messages in flight, earliest arrival first.
    pub messages: Vec<MessageView>,
    /// The network's message-loss rate, in millionths.
    pub drop_per_million: u32,
    /// The ZooKeeper servers, their leader and the quorum.
    pub ensemble: crate::cluster::ensemble::EnsembleView,
    /// `/consumers/G/offsets/T/P` znodes and their data (the offset as a decimal string, as
    /// Kafka 0.8's consumers wrote it).
    pub zk_offsets: Vec<(String, String)>,
    /// KRaft mode: the controller quorum and the brokers' registrations (`None` in
    /// ZooKeeper mode).
    pub kraft: Option<crate::kraft::view::KraftView>,
}

impl ClusterView {
    /// Takes a snapshot of `cluster`.
    pub fn of(cluster: &Cluster) -> Self {
        let zk = &cluster.zk;
        let mut partitions = Vec::new();
        for (name, t) in cluster.topics_meta() {
            for (&p, replicas) in &t.assignment {
                let s = t.states.get(&p);
                partitions.push(PartitionView {
                    tp: TopicPartition::new(name.clone(), p),
                    replicas: replicas.clone(),
                    leader: s.and_then(|s| s.leader),
                    leader_epoch: s.map_or(0, |s| s.leader_epoch),
                    isr: s.map(|s| s.isr.clone()).unwrap_or_default(),
                });
            }
        }
        let brokers = cluster
            .brokers
            .values()
            .map(|b| {
                let replicas = partitions
                    .iter()
                    .filter(|p| p.replicas.contains(&b.id))
                    .map(|p| {
                        let mine = b.replica_manager.partitions.get(&p.tp).filter(|_| b.alive);
                        let look = match mine {
                            None => ReplicaLook::Offline,
                            Some(r) if r.role == Role::Leader => ReplicaLook::Leader,
                            Some(_) if p.isr.contains(&b.id) => ReplicaLook::InSyncFollower,
                            Some(_) => ReplicaLook::OutOfSyncFollower,
                        };
                        ReplicaView {
                            tp: p.tp.clone(),
                            look,
                            epoch: mine.map(|r| r.leader_epoch),
                        }
                    })
                    .collect();
                BrokerView {
                    id: b.id,
                    alive: b.alive,
                    is_controller: cluster.controller() == Some(b.id),
                    registered: zk.broker_ids.contains_key(&b.id)
                        || b.kraft.as_ref().is_some_and(|k| k.broker_epoch.is_some()),
                    session_expires_at: if b.alive {
                        None
                    } else {
                        zk.session_deadline(b.id)
                    },
                    replicas,
                    fetch_delay_ms: b.replica_manager.fetch_delay_ms,
                }
            })
            .collect();
        let mut messages: Vec<MessageView> = cluster
            .pending()
            .filter_map(|(at, item)| match item {
                Item::Deliver {
                    from,
                    to,
                    sent_at,
                    msg,
                    ..
                } => Some(MessageView {
                    from: *from,
                    to: *to,
                    kind: msg.kind(),
                    sent_at: *sent_at,
                    arrives_at: at,
                }),
                Item::Timer { .. } => None,
            })
            .collect();
        crate::sort::by(&mut messages, |a, b| {
            (a.arrives_at, a.sent_at, a.from, a.to, a.kind).cmp(&(
                b.arrives_at,
                b.sent_at,
                b.from,
                b.to,
                b.kind,
            ))
        });
        Self {
            now: cluster.now(),
            processed: cluster.processed(),
            brokers,
            controller: cluster.controller(),
            controller_epoch: zk.controller_epoch,
            registered: zk.broker_ids.keys().copied().collect(),
            partitions,
            messages,
            drop_per_million: cluster.faults.drop_per_million,
            ensemble: (&zk.ensemble).into(),
            zk_offsets: zk
                .consumer_offsets
                .iter()
                .flat_map(|(g, offsets)| {
                    offsets.iter().map(move |(tp, o)| {
                        (
                            format!("/consumers/{g}/offsets/{}/{}", tp.topic, tp.partition),
                            o.to_string(),
                        )
                    })
                })
                .collect(),
            kraft: cluster.kraft_view(),
        }
    }
}

/// One record cell of a replica's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordCell {
    /// Its offset.
    pub offset: u64,
    /// The leader epoch it was written in.
    pub epoch: u32,
    /// The ledger's send id.
    pub send: crate::log::SendId,
    /// Its value.
    pub value: String,
    /// The send was acknowledged and is missing from the leader's log.
    pub lost: bool,
    /// The send is in the leader's log more than once.
    pub duplicated: bool,
}

/// One replica's row in the partition view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaRow {
    /// The broker.
    pub broker: BrokerId,
    /// Running or dead.
    pub alive: bool,
    /// How to draw it (leader, in-sync follower, …).
    pub look: ReplicaLook,
    /// In the ISR, as ZooKeeper says.
    pub in_isr: bool,
    /// The leader epoch it knows.
    pub epoch: Option<u32>,
    /// Log end offset.
    pub leo: u64,
    /// High watermark.
    pub hw: u64,
    /// Its records (the last [`MAX_CELLS`] of them), oldest first.
    pub records: Vec<RecordCell>,
    /// A fetch between it and its leader is on the wire.
    pub fetching: bool,
    /// Its fetches are slowed by this much (the slow-follower fault).
    pub fetch_delay_ms: Millis,
}

/// Most record cells drawn per replica.
pub const MAX_CELLS: usize = 40;

/// A partition's replicas, for the replication view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionDetail {
    /// The partition.
    pub tp: TopicPartition,
    /// Leader (ZooKeeper's state).
    pub leader: Option<BrokerId>,
    /// Leader epoch.
    pub leader_epoch: u32,
    /// ISR.
    pub isr: Vec<BrokerId>,
    /// One row per assigned replica.
    pub replicas: Vec<ReplicaRow>,
}

impl PartitionDetail {
    /// The detail of `tp`, or `None` if it does not exist.
    pub fn of(cluster: &Cluster, tp: &TopicPartition) -> Option<Self> {
        let t = cluster.topics_meta().get(&tp.topic)?;
        let assigned = t.assignment.get(&tp.partition)?;
        let state = t.states.get(&tp.partition);
        let statuses = cluster.ledger_status();
        let flags: std::collections::BTreeMap<crate::log::SendId, (bool, bool)> = statuses
            .iter()
            .filter(|s| &s.entry.tp == tp)
            .map(|s| (s.entry.id, (s.lost, s.duplicated)))
            .collect_map();
        let fetching: std::collections::BTreeSet<BrokerId> = cluster
            .pending()
            .filter_map(|(_, item)| match item {
                Item::Deliver { from, to, msg, .. } => {
                    let carries = match msg {
                        crate::cluster::msg::Msg::Fetch { partitions, .. } => {
                            partitions.iter().any(|p| &p.tp == tp)
                        }
                        crate::cluster::msg::Msg::FetchResponse { partitions, .. } => {
                            partitions.iter().any(|p| &p.tp == tp)
                        }
                        _ => false,
                    };
                    carries.then_some(match (from, to) {
                        (NodeId::Broker(f), _) if Some(*f) != state.and_then(|s| s.leader) => *f,
                        (_, NodeId::Broker(t)) => *t,
                        _ => 0,
                    })
                }
                _ => None,
            })
            .collect();
        let leader = state.and_then(|s| s.leader);
        let isr = state.map(|s| s.isr.clone()).unwrap_or_default();
        let replicas = assigned
            .iter()
            .map(|&b| {
                let broker = &cluster.brokers[&b];
                let log = broker.replica_manager.logs.get(tp);
                let leo = log.map_or(0, |l| l.leo());
                let part = broker
                    .replica_manager
                    .partitions
                    .get(tp)
                    .filter(|_| broker.alive);
                let hw = match part {
                    Some(p) => p.hw,
                    None => broker
                        .replica_manager
                        .hw_checkpoint
                        .get(tp)
                        .copied()
                        .unwrap_or(0)
                        .min(leo),
                };
                let look = match part {
                    None => ReplicaLook::Offline,
                    Some(p) if p.role == Role::Leader => ReplicaLook::Leader,
                    Some(_) if isr.contains(&b) => ReplicaLook::InSyncFollower,
                    Some(_) => ReplicaLook::OutOfSyncFollower,
                };
                let records = log
                    .map(|l| {
                        let all = l.records();
                        let skip = all.len().saturating_sub(MAX_CELLS);
                        all[skip..]
                            .iter()
                            .map(|r| {
                                let (lost, duplicated) =
                                    flags.get(&r.send).copied().unwrap_or_default();
                                RecordCell {
                                    offset: r.offset,
                                    epoch: r.epoch,
                                    send: r.send,
                                    value: r.value.to_string(),
                                    lost,
                                    duplicated,
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                ReplicaRow {
                    broker: b,
                    alive: broker.alive,
                    look,
                    in_isr: isr.contains(&b),
                    epoch: part.map(|p| p.leader_epoch),
                    leo,
                    hw,
                    records,
                    fetching: fetching.contains(&b),
                    fetch_delay_ms: broker.replica_manager.fetch_delay_ms,
                }
            })
            .collect();
        Some(Self {
            tp: tp.clone(),
            leader,
            leader_epoch: state.map_or(0, |s| s.leader_epoch),
            isr,
            replicas,
        })
    }
}

/// One segment as the storage view lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentRow {
    /// Base offset (the file names).
    pub base: i64,
    /// Offset after its last record.
    pub next: i64,
    /// `.log` size in bytes.
    pub size: usize,
    /// Batches in it.
    pub batches: usize,
    /// `.index` entries.
    pub index_entries: usize,
    /// `.timeindex` entries.
    pub time_entries: usize,
    /// The segment being written.
    pub active: bool,
}

/// One partition directory on a broker's disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionDisk {
    /// The partition.
    pub tp: TopicPartition,
    /// `leader`, `follower` or `-` (dead or not yet told).
    pub role: &'static str,
    /// Log start offset.
    pub log_start: u64,
    /// Log end offset.
    pub leo: u64,
    /// Its segments, oldest first.
    pub segments: Vec<SegmentRow>,
}

/// One broker's data directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerDisk {
    /// The broker.
    pub id: BrokerId,
    /// Running or killed (its disk stays).
    pub alive: bool,
    /// Its partition directories.
    pub partitions: Vec<PartitionDisk>,
}

/// Every broker's disk, for the storage view.
pub fn disks(cluster: &Cluster) -> Vec<BrokerDisk> {
    cluster
        .brokers
        .values()
        .map(|b| BrokerDisk {
            id: b.id,
            alive: b.alive,
            partitions: b
                .replica_manager
                .logs
                .iter()
                .map(|(tp, log)| {
                    let files = log.files();
                    let active = files.active().base_offset();
                    PartitionDisk {
                        tp: tp.clone(),
                        role: match b.replica_manager.partitions.get(tp).map(|p| p.role) {
                            Some(Role::Leader) if b.alive => "leader",
                            Some(Role::Follower) if b.alive => "follower",
                            _ => "-",
                        },
                        log_start: log.log_start_offset(),
                        leo: log.leo(),
                        segments: files
                            .segments()
                            .iter()
                            .map(|s| SegmentRow {
                                base: s.base_offset(),
                                next: s.next_offset(),
                                size: s.size(),
                                batches: s.batches().len(),
                                index_entries: s.index().len(),
                                time_entries: s.time_index().len(),
                                active: s.base_offset() == active,
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// One batch in a producer's accumulator (or in flight).
#[derive(Clone, Debug, PartialEq)]
pub struct BatchCell {
    /// Records in it.
    pub records: usize,
    /// Its estimated size in bytes.
    pub bytes: usize,
    /// `bytes / batch.size`, at most 1.
    pub fill: f64,
    /// It is being sent again.
    pub retry: bool,
    /// Its base sequence (-1 without idempotence, or before its first send).
    pub base_sequence: i32,
    /// Virtual ms since it was created.
    pub age_ms: Millis,
}

/// One partition's deque in the accumulator.
#[derive(Clone, Debug, PartialEq)]
pub struct DequeRow {
    /// The partition.
    pub tp: TopicPartition,
    /// Its leader, as the producer's metadata says.
    pub leader: Option<BrokerId>,
    /// Its batches, oldest first.
    pub batches: Vec<BatchCell>,
}

/// A produce request awaiting its answer.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestCell {
    /// The broker it went to.
    pub broker: BrokerId,
    /// Its batches.
    pub batches: Vec<(TopicPartition, BatchCell)>,
}

/// A producer, for the producer view.
#[derive(Clone, Debug, PartialEq)]
pub struct ProducerPanel {
    /// `client.id`.
    pub name: String,
    /// The client version whose defaults it has.
    pub version: crate::cluster::producer::ClientVersion,
    /// `acks`.
    pub acks: &'static str,
    /// `enable.idempotence`.
    pub idempotence: bool,
    /// `batch.size`.
    pub batch_size: usize,
    /// `linger.ms`.
    pub linger_ms: Millis,
    /// `max.in.flight.requests.per.connection`.
    pub max_in_flight: usize,
    /// `partitioner.class`.
    pub partitioner: &'static str,
    /// Producer id and epoch.
    pub producer_id: Option<(i64, i16)>,
    /// Next sequence per partition.
    pub sequences: Vec<(TopicPartition, i32)>,
    /// The accumulator.
    pub deques: Vec<DequeRow>,
    /// Requests in flight.
    pub in_flight: Vec<RequestCell>,
    /// Buffer in use and its cap.
    pub buffer: (usize, usize),
    /// Counters.
    pub stats: crate::cluster::producer::ProducerStats,
    /// Mean ack latency (ms).
    pub mean_latency_ms: f64,
}

/// Every producer client, for the producer view.
pub fn producers(cluster: &Cluster) -> Vec<ProducerPanel> {
    let now = cluster.now();
    cluster
        .producers
        .values()
        .map(|p| {
            let c = &p.config;
            let cell = |b: &crate::cluster::producer::ProducerBatch| BatchCell {
                records: b.records.len(),
                bytes: b.bytes,
                fill: (b.bytes as f64 / c.batch_size.max(1) as f64).min(1.0),
                retry: b.attempts > 0,
                base_sequence: b.base_sequence,
                age_ms: now.saturating_sub(b.created),
            };
            ProducerPanel {
                name: p.name.clone(),
                version: c.version,
                acks: c.acks.name(),
                idempotence: c.idempotence,
                batch_size: c.batch_size,
                linger_ms: c.linger_ms,
                max_in_flight: c.max_in_flight,
                partitioner: c.partitioner.class(),
                producer_id: p.producer_id.filter(|_| c.idempotence),
                sequences: p.sequences.iter().map(|(tp, s)| (tp.clone(), *s)).collect(),
                deques: p
                    .accumulator
                    .iter()
                    .map(|(tp, dq)| DequeRow {
                        tp: tp.clone(),
                        leader: p.metadata.get(tp).copied().flatten(),
                        batches: dq
                            .iter()
                            .filter_map(|id| p.batches.get(id))
                            .map(cell)
                            .collect(),
                    })
                    .collect(),
                in_flight: p
                    .in_flight
                    .values()
                    .map(|f| RequestCell {
                        broker: f.broker,
                        batches: f
                            .batches
                            .iter()
                            .filter_map(|id| p.batches.get(id))
                            .map(|b| (b.tp.clone(), cell(b)))
                            .collect(),
                    })
                    .collect(),
                buffer: (p.buffer_used, c.buffer_memory),
                stats: p.stats,
                mean_latency_ms: p.mean_latency_ms(),
            }
        })
        .collect()
}

/// What a record in a partition log is, for the transactions view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TxnCellKind {
    /// Not in a transaction.
    Plain,
    /// In a transaction still open.
    Open,
    /// In a committed transaction.
    Committed,
    /// In an aborted transaction.
    Aborted,
    /// A COMMIT marker (control record).
    CommitMarker,
    /// An ABORT marker (control record).
    AbortMarker,
}

/// One record of a partition, for the transactions view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnCell {
    /// Its offset.
    pub offset: u64,
    /// Its value (empty for markers).
    pub value: String,
    /// What it is.
    pub kind: TxnCellKind,
}

/// One partition's leader log with its high watermark and last stable offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnPartition {
    /// The partition.
    pub tp: TopicPartition,
    /// The leader's records (the last 24).
    pub cells: Vec<TxnCell>,
    /// High watermark.
    pub hw: u64,
    /// Last stable offset.
    pub lso: u64,
}

/// One transactional id as its coordinator knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnRow {
    /// `transactional.id`.
    pub id: String,
    /// The coordinator broker.
    pub coordinator: BrokerId,
    /// Producer id and epoch.
    pub producer: (i64, i16),
    /// Its state's Kafka name (`Ongoing`, `PrepareCommit` …).
    pub state: &'static str,
    /// Partitions in the transaction.
    pub partitions: Vec<TopicPartition>,
}

/// The transactions view of a topic: coordinators' states, each partition's log with its
/// markers, and what a read_uncommitted and a read_committed consumer would read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnView {
    /// Every transactional id a live coordinator knows.
    pub txns: Vec<TxnRow>,
    /// The topic's partitions.
    pub partitions: Vec<TxnPartition>,
    /// Values a read_uncommitted consumer reads from the beginning (up to the HW).
    pub read_uncommitted: Vec<String>,
    /// Values a read_committed consumer reads (up to the LSO, aborted records skipped).
    pub read_committed: Vec<String>,
}

/// The transactions view of `topic`.
pub fn transactions(cluster: &Cluster, topic: &str) -> TxnView {
    let mut txns = Vec::new();
    for b in cluster.brokers.values().filter(|b| b.alive) {
        for (id, m) in &b.txn.txns {
            txns.push(TxnRow {
                id: id.clone(),
                coordinator: b.id,
                producer: (m.producer_id, m.epoch),
                state: m.state.name(),
                partitions: m.partitions.iter().cloned().collect(),
            });
        }
    }
    let mut view = TxnView {
        txns,
        partitions: Vec::new(),
        read_uncommitted: Vec::new(),
        read_committed: Vec::new(),
    };
    let count = cluster
        .topics_meta()
        .get(topic)
        .map_or(0, |t| t.assignment.len() as u32);
    for p in 0..count {
        let tp = TopicPartition::new(topic, p);
        let Some(leader) = cluster.leader_of(&tp).and_then(|l| cluster.brokers.get(&l)) else {
            continue;
        };
        let (Some(log), Some(state)) = (
            leader.replica_manager.logs.get(&tp),
            leader.replica_manager.partitions.get(&tp),
        ) else {
            continue;
        };
        let hw = state.hw;
        let lso = log.last_stable_offset(hw);
        let records = log.records();
        let cells = records
            .iter()
            .skip(records.len().saturating_sub(24))
            .map(|r| {
                let kind = match r.control {
                    Some((crate::storage::batch::Marker::Commit, _)) => TxnCellKind::CommitMarker,
                    Some((crate::storage::batch::Marker::Abort, _)) => TxnCellKind::AbortMarker,
                    None if !r.producer.transactional => TxnCellKind::Plain,
                    None if log.is_aborted(r) => TxnCellKind::Aborted,
                    None if log
                        .ongoing_txns()
                        .get(&r.producer.id)
                        .is_some_and(|&first| r.offset >= first) =>
                    {
                        TxnCellKind::Open
                    }
                    None => TxnCellKind::Committed,
                };
                TxnCell {
                    offset: r.offset,
                    value: if r.control.is_some() {
                        String::new()
                    } else {
                        r.value.to_string()
                    },
                    kind,
                }
            })
            .collect();
        for r in records
            .iter()
            .filter(|r| r.offset < hw && r.control.is_none())
        {
            view.read_uncommitted.push(r.value.to_string());
            if r.offset < lso && !log.is_aborted(r) {
                view.read_committed.push(r.value.to_string());
            }
        }
        view.partitions.push(TxnPartition { tp, cells, hw, lso });
    }
    view
}

/// One member of a group, for the consumer view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberRow {
    /// Its client id (what the page draws; a classic member's id is its client id in the lab,
    /// a KIP-848 member's id is a UUID the client made up).
    pub id: String,
    /// Its member epoch (KIP-848 groups only).
    pub epoch: Option<i32>,
    /// Partitions it must give up before it reaches the group's epoch (KIP-848).
    pub revoking: Vec<TopicPartition>,
    /// `group.instance.id` of a static member.
    pub instance_id: Option<String>,
    /// Its partitions.
    pub assignment: Vec<TopicPartition>,
}

/// One partition a group reads: who owns it, what is committed, the lag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LagRow {
    /// The partition.
    pub tp: TopicPartition,
    /// The member that owns it now.
    pub owner: Option<String>,
    /// The committed offset (the next to read).
    pub committed: Option<u64>,
    /// The log end offset consumers can reach (the leader's high watermark).
    pub end: u64,
}

/// One consumer group, for the consumer view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupPanel {
    /// `group.id`.
    pub group: String,
    /// The coordinator broker.
    pub coordinator: BrokerId,
    /// Its `__consumer_offsets` partition.
    pub offsets_partition: u32,
    /// `Empty`, `PreparingRebalance`, `CompletingRebalance`, `Stable`.
    pub state: &'static str,
    /// Generation (a KIP-848 group: its group epoch).
    pub generation: i32,
    /// A KIP-848 group (Kafka 4.0): its group epoch and target assignment epoch.
    pub kip848: Option<(i32, i32)>,
    /// The assignor in use.
    pub assignor: Option<&'static str>,
    /// The group leader (a member id).
    pub leader: Option<String>,
    /// Members in join order.
    pub members: Vec<MemberRow>,
    /// Every partition of the topics its members subscribe to, or it committed.
    pub partitions: Vec<LagRow>,
    /// The last records of its `__consumer_offsets` partition (offset, key, value): offset
    /// commits and its group metadata records.
    pub offset_records: Vec<(u64, String, String)>,
    /// Its znodes `/consumers/G/offsets/T/P` (offsets.storage=zookeeper, Kafka 0.8).
    pub zk_offsets: Vec<(String, u64)>,
    /// Whether its consumers commit into ZooKeeper now (`offsets.storage=zookeeper`).
    pub offsets_in_zookeeper: bool,
}

/// A consumer client, for the consumer view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerRow {
    /// Its client id.
    pub name: String,
    /// Its group.
    pub group: String,
    /// Its state, as the client sees it.
    pub state: &'static str,
    /// Its partitions.
    pub assignment: Vec<TopicPartition>,
    /// Its positions.
    pub positions: Vec<(TopicPartition, u64)>,
    /// Its member epoch, for a KIP-848 consumer.
    pub epoch: Option<i32>,
    /// Its application's poll loop, if one runs (`consumer run`): ms between polls.
    pub running: Option<Millis>,
    /// A crashed consumer its coordinator still counts as a member: (virtual ms until its
    /// session times out, `session.timeout.ms`).
    pub session_left: Option<(Millis, Millis)>,
}

/// Every group a live coordinator knows, and every consumer client.
pub fn groups(cluster: &Cluster) -> (Vec<GroupPanel>, Vec<ConsumerRow>) {
    use crate::cluster::consumer::ConsumerState;
    use crate::cluster::group::{group_partition, LAB_OFFSETS_PARTITIONS, OFFSETS_TOPIC};
    let hw = |tp: &TopicPartition| {
        cluster
            .leader_of(tp)
            .and_then(|l| cluster.brokers.get(&l))
            .and_then(|b| b.replica_manager.partitions.get(tp))
            .map_or(0, |p| p.hw)
    };
    let mut panels = Vec::new();
    for b in cluster.brokers.values().filter(|b| b.alive) {
        for (name, g) in &b.groups.groups {
            let members: Vec<MemberRow> = g
                .members_in_order()
                .map(|m| MemberRow {
                    id: m.member_id.clone(),
                    epoch: None,
                    revoking: Vec::new(),
                    instance_id: m.instance_id.clone(),
                    assignment: m.assignment.clone(),
                })
                .collect();
            let mut topics: BTreeSet<String> = g
                .members
                .values()
                .flat_map(|m| m.topics.iter().cloned())
                .collect_set();
            if let Some(cg) = &g.consumer {
                topics.extend(cg.members.values().flat_map(|m| m.topics.iter().cloned()));
            }
            topics.extend(g.offsets.keys().map(|tp| tp.topic.clone()));
            let zk = cluster.zk.consumer_offsets.get(name);
            if let Some(z) = zk {
                topics.extend(z.keys().map(|tp| tp.topic.clone()));
            }
            let mut partitions = Vec::new();
            for t in &topics {
                let n = cluster
                    .zk
                    .topics
                    .get(t)
                    .map_or(0, |z| z.assignment.len() as u32);
                for p in 0..n {
                    let tp = TopicPartition::new(t.clone(), p);
                    partitions.push(LagRow {
                        owner: members
                            .iter()
                            .find(|m| m.assignment.contains(&tp))
                            .map(|m| m.id.clone()),
                        committed: g
                            .offsets
                            .get(&tp)
                            .or_else(|| zk.and_then(|z| z.get(&tp)))
                            .copied(),
                        end: hw(&tp),
                        tp,
                    });
                }
            }
            let op = group_partition(name, LAB_OFFSETS_PARTITIONS);
            let otp = TopicPartition::new(OFFSETS_TOPIC, op);
            let offset_records = b
                .replica_manager
                .logs
                .get(&otp)
                .map(|log| {
                    log.records()
                        .iter()
                        .filter(|r| {
                            r.key.as_deref().is_some_and(|k| {
                                crate::cluster::group::record_group(k, &r.value).as_deref()
                                    == Some(name.as_str())
                            })
                        })
                        .rev()
                        .take(6)
                        .map(|r| {
                            (
                                r.offset,
                                r.key.as_deref().unwrap_or_default().to_string(),
                                r.value.to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            // A consumer-protocol group (KIP-848): its members, its epoch, its assignor.
            let (state, generation, assignor, members) = match &g.consumer {
                Some(cg) => (
                    cg.state_name(),
                    cg.group_epoch,
                    Some(cg.assignor().name()),
                    cg.members
                        .values()
                        .map(|m| MemberRow {
                            id: m.client_id.clone(),
                            epoch: Some(m.member_epoch),
                            revoking: m.pending_revocation.iter().cloned().collect(),
                            instance_id: m.instance_id.clone(),
                            assignment: m.assigned.iter().cloned().collect(),
                        })
                        .collect(),
                ),
                None => (
                    g.state.name(),
                    g.generation,
                    g.protocol.map(|p| p.name()),
                    members,
                ),
            };
            for row in &mut partitions {
                row.owner = members
                    .iter()
                    .find(|m| m.assignment.contains(&row.tp))
                    .map(|m| m.id.clone());
            }
            panels.push(GroupPanel {
                group: name.clone(),
                coordinator: b.id,
                offsets_partition: op,
                state,
                generation,
                kip848: g
                    .consumer
                    .as_ref()
                    .map(|cg| (cg.group_epoch, cg.assignment_epoch)),
                assignor,
                leader: g.consumer.is_none().then(|| g.leader.clone()).flatten(),
                members,
                partitions,
                offset_records,
                offsets_in_zookeeper: cluster.consumers.values().any(|c| {
                    c.is_alive() && c.config.group == *name && c.config.offsets_in_zookeeper
                }),
                zk_offsets: zk
                    .map(|z| {
                        z.iter()
                            .map(|(tp, o)| {
                                (
                                    format!(
                                        "/consumers/{name}/offsets/{}/{}",
                                        tp.topic, tp.partition
                                    ),
                                    *o,
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            });
        }
    }
    crate::sort::by(&mut panels, |a, b| a.group.cmp(&b.group));
    let consumers = cluster
        .consumers
        .values()
        .map(|c| ConsumerRow {
            name: c.name.clone(),
            group: c.config.group.clone(),
            state: match c.state {
                ConsumerState::FindingCoordinator => "FindingCoordinator",
                ConsumerState::Joining => "Joining",
                ConsumerState::Syncing => "Syncing",
                ConsumerState::Stable => "Stable",
                ConsumerState::Closed => "Closed",
            },
            assignment: c.assignment.clone(),
            positions: c.positions.iter().map(|(tp, o)| (tp.clone(), *o)).collect(),
            epoch: c.is_kip848().then_some(c.generation),
            running: c.app_poll_ms.filter(|_| c.is_alive()),
            session_left: (!c.is_alive())
                .then(|| session_left(cluster, &c.config.group, &c.name))
                .flatten(),
        })
        .collect();
    (panels, consumers)
}

/// How long the coordinator of `group` still keeps client `client` as a member without a
/// heartbeat: (ms left, the session timeout), if it is still a member.
fn session_left(cluster: &Cluster, group: &str, client: &str) -> Option<(Millis, Millis)> {
    let g = cluster.group_coordinator(group)?.groups.groups.get(group)?;
    let now = cluster.now();
    if let Some(m) = g.members.values().find(|m| m.client_id == client) {
        let end = m.last_heartbeat + m.session_timeout_ms;
        return Some((end.saturating_sub(now), m.session_timeout_ms));
    }
    let timeout = crate::cluster::kip848::CONSUMER_SESSION_TIMEOUT_MS;
    g.consumer
        .as_ref()?
        .members
        .values()
        .find(|m| m.client_id == client)
        .map(|m| ((m.last_heartbeat + timeout).saturating_sub(now), timeout))
}

/// One stretch of a consumer's lane in the rebalance timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneSegment {
    /// From (virtual ms).
    pub from: Millis,
    /// To (virtual ms; the window's end for the current stretch).
    pub to: Millis,
    /// The partitions it held, `orders-0` style.
    pub owned: Vec<String>,
    /// What it was doing.
    pub phase: crate::cluster::ownership::Phase,
}

/// A consumer's lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// Client id.
    pub client: String,
    /// Its stretches inside the window, oldest first.
    pub segments: Vec<LaneSegment>,
}

/// A group's rebalances and its members' partitions over a window of virtual time: eager
/// rebalances show as every lane stopping, cooperative ones as only moved partitions pausing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RebalanceTimeline {
    /// The window's start.
    pub from: Millis,
    /// The window's end (now).
    pub to: Millis,
    /// One lane per consumer of the group, in order of first appearance.
    pub lanes: Vec<Lane>,
    /// Rebalances (start, end if it completed, the generation it produced).
    pub rebalances: Vec<(Millis, Option<Millis>, Option<i32>)>,
}

/// The rebalance timeline of `group` over the last `window` ms.
pub fn rebalance_timeline(cluster: &Cluster, group: &str, window: Millis) -> RebalanceTimeline {
    use crate::cluster::ownership::Phase;
    use crate::event::Event;
    let to = cluster.now();
    let from = to.saturating_sub(window);
    let mut lanes: Vec<Lane> = Vec::new();
    for ch in cluster.ownership.changes().filter(|c| c.group == group) {
        let i = match lanes.iter().position(|l| l.client == ch.client) {
            Some(i) => i,
            None => {
                lanes.push(Lane {
                    client: ch.client.clone(),
                    segments: Vec::new(),
                });
                lanes.len() - 1
            }
        };
        let segs = &mut lanes[i].segments;
        if let Some(last) = segs.last_mut() {
            last.to = ch.at;
        }
        segs.push(LaneSegment {
            from: ch.at,
            to,
            owned: ch.owned.iter().map(|t| t.to_string()).collect(),
            phase: ch.phase,
        });
    }
    for l in &mut lanes {
        l.segments
            .retain(|s| s.to > from && s.phase != Phase::Closed && s.to > s.from);
        for s in &mut l.segments {
            s.from = s.from.max(from);
        }
    }
    lanes.retain(|l| !l.segments.is_empty());
    let mut rebalances: Vec<(Millis, Option<Millis>, Option<i32>)> = Vec::new();
    for e in cluster.log() {
        match &e.event {
            Event::GroupRebalanceStarted { group: g, .. } if g == group => {
                if rebalances.last().is_none_or(|r| r.1.is_some()) {
                    rebalances.push((e.at, None, None));
                }
            }
            Event::GroupRebalanceCompleted {
                group: g,
                generation,
                ..
            } if g == group => match rebalances.last_mut() {
                Some(r) if r.1.is_none() => {
                    r.1 = Some(e.at);
                    r.2 = Some(*generation);
                }
                _ => rebalances.push((e.at, Some(e.at), Some(*generation))),
            },
            _ => {}
        }
    }
    rebalances.retain(|r| r.1.is_none_or(|end| end >= from));
    RebalanceTimeline {
        from,
        to,
        lanes,
        rebalances,
    }
}

/// A producer in the data-flow diagram: how many records it sent to each topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowProducer {
    /// `client.id`.
    pub name: String,
    /// (topic, records sent), by topic.
    pub topics: Vec<(String, usize)>,
}

/// A topic in the data-flow diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowTopic {
    /// Its name.
    pub name: String,
    /// Its partitions.
    pub partitions: u32,
    /// Records readable (the sum of its partitions' high watermarks).
    pub end: u64,
}

/// A consumer group in the data-flow diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowGroup {
    /// `group.id`.
    pub group: String,
    /// Its members (client ids).
    pub members: Vec<String>,
    /// (topic, its lag for this group), by topic.
    pub topics: Vec<(String, u64)>,
}

/// Who writes into which topic and who reads it, with the lag of each reader: the notes'
/// log-collection pipeline (sources → collectors → Kafka → sinks) for whatever runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataFlow {
    /// Producers that sent something.
    pub producers: Vec<FlowProducer>,
    /// Topics (not the internal ones).
    pub topics: Vec<FlowTopic>,
    /// Consumer groups.
    pub groups: Vec<FlowGroup>,
}

/// The data flow of the cluster, with `groups` as [`groups`] gave them.
pub fn data_flow(cluster: &Cluster, groups: &[GroupPanel]) -> DataFlow {
    use std::collections::BTreeMap;
    let mut sent: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for s in cluster.ledger.sends.values() {
        *sent
            .entry(&*s.producer)
            .or_default()
            .entry(s.tp.topic.as_str())
            .or_default() += 1;
    }
    let producers = sent
        .into_iter()
        .map(|(name, t)| FlowProducer {
            name: name.to_string(),
            topics: t.into_iter().map(|(t, n)| (t.to_string(), n)).collect(),
        })
        .collect();
    let topics = cluster
        .topics_meta()
        .iter()
        .filter(|(n, _)| !n.starts_with("__"))
        .map(|(name, t)| FlowTopic {
            name: name.clone(),
            partitions: t.assignment.len() as u32,
            end: t
                .assignment
                .keys()
                .map(|&p| {
                    let tp = TopicPartition::new(name.clone(), p);
                    cluster
                        .leader_of(&tp)
                        .and_then(|l| cluster.brokers.get(&l))
                        .and_then(|b| b.replica_manager.partitions.get(&tp))
                        .map_or(0, |x| x.hw)
                })
                .sum(),
        })
        .collect();
    let groups = groups
        .iter()
        .map(|g| {
            let mut lag: BTreeMap<&str, u64> = BTreeMap::new();
            for r in &g.partitions {
                *lag.entry(r.tp.topic.as_str()).or_default() +=
                    r.end.saturating_sub(r.committed.unwrap_or(0));
            }
            FlowGroup {
                group: g.group.clone(),
                members: g.members.iter().map(|m| m.id.clone()).collect(),
                topics: lag.into_iter().map(|(t, l)| (t.to_string(), l)).collect(),
            }
        })
        .collect();
    DataFlow {
        producers,
        topics,
        groups,
    }
}
