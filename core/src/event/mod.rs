//! What happened in the cluster, as structured data, and its narration in plain words.
//!
//! The core records an [`Event`] whenever something a learner should see happens; the CLI
//! prints them in English, the page in the chosen language. Events are a record of the run,
//! never an input to it: nothing in the simulation reads them back.

// Variant fields are named for what they hold; documenting each would repeat its name.
#![allow(missing_docs)]

mod groups;
mod kraft;
mod producer;
mod replication;
mod storage;
mod transactions;
mod zookeeper;

use crate::i18n::{tr, Lang, T};
use crate::model::{BrokerId, TopicPartition};
use crate::sim::Millis;

/// Why the controller chose a (new) leader.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ElectionReason {
    /// A new partition's first leader (NewPartition → OnlinePartition).
    NewPartition,
    /// The leader went offline (OfflinePartitionLeaderElectionStrategy).
    Offline,
    /// The automatic preferred-leader rebalance (`auto.leader.rebalance.enable`).
    Preferred,
}

/// Why a replica cut its log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TruncationReason {
    /// To where the leader said its last epoch ended (KIP-101, Kafka 0.11+).
    LeaderEpoch,
    /// To its own high watermark (Kafka before 0.11).
    HighWatermark,
    /// To the leader's log end, which was shorter than its own.
    OutOfRange,
    /// Emptied, to start at the leader's log start offset: retention on the leader deleted
    /// the records this replica still needed.
    LogStart,
}

/// Why a leader answered a consumer's fetch when it did.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FetchAnswer {
    /// `fetch.min.bytes` were readable when it arrived.
    AtOnce,
    /// It was held, and enough bytes became readable (`fetch.min.bytes` reached).
    MinBytes,
    /// It was held for `fetch.max.wait.ms`: it gets what there is.
    MaxWait,
    /// A partition was refused (Kafka's error name).
    Error(String),
}

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    /// KRaft: a broker handed out a producer id from a block the active controller gave it
    /// (`AllocateProducerIds` → `ProducerIdsRecord`).
    KraftProducerIdAllocated { broker: BrokerId, producer_id: i64 },
    /// KRaft: a broker stopped after its controlled shutdown.
    KraftBrokerStopped { broker: BrokerId },
    /// KRaft: a broker asked for a controlled shutdown (`stop-broker`).
    KraftControlledShutdown { controller: u32, broker: BrokerId },
    /// KRaft: a broker in controlled shutdown has no leaderships left and every active broker
    /// applied its records: `SHUTDOWN_NOW`, it is fenced and may stop.
    KraftBrokerShutdownNow { controller: u32, broker: BrokerId },
    /// KRaft: the active controller wrote a `RemoveTopicRecord` (topic deletion).
    KraftTopicRemoved { controller: u32, topic: String },
    /// KRaft: the periodic preferred-leader balancing moved `partitions` leaders back.
    KraftLeadersBalanced { controller: u32, partitions: u32 },
    /// KRaft: a broker was killed (no ZooKeeper: the controller fences it after its session).
    KraftBrokerKilled { broker: BrokerId },
    /// KRaft: a broker started.
    KraftBrokerStarted { broker: BrokerId },
    /// KRaft: a controller node was killed.
    KraftControllerKilled { node: u32 },
    /// KRaft: a controller node started.
    KraftControllerStarted { node: u32 },
    /// KRaft: a voter became prospective (KIP-996 pre-vote).
    KraftPreVote { node: u32, epoch: u32 },
    /// KRaft: a voter became a candidate in a bumped epoch.
    KraftCandidate { node: u32, epoch: u32 },
    /// KRaft: a voter won an election.
    KraftLeaderElected {
        node: u32,
        epoch: u32,
        votes: Vec<u32>,
    },
    /// KRaft: a voter follows a leader.
    KraftFollower { node: u32, epoch: u32, leader: u32 },
    /// KRaft: a replica of `__cluster_metadata` truncated a diverging suffix.
    KraftLogTruncated {
        node: u32,
        observer: bool,
        offset: u64,
    },
    /// KRaft: a follower's fetch timeout expired.
    KraftFetchTimeout { node: u32, epoch: u32 },
    /// KRaft (KIP-630): a node wrote a snapshot of its image at `end_offset`.
    KraftSnapshotWritten {
        node: u32,
        observer: bool,
        end_offset: u64,
        epoch: u32,
    },
    /// KRaft: a node's metadata log start moved to `log_start_offset` (older segments and
    /// snapshots deleted).
    KraftMetadataLogCleaned {
        node: u32,
        observer: bool,
        log_start_offset: u64,
    },
    /// KRaft: a node fetched the leader's snapshot (its fetch offset was below the leader's
    /// log start) and replaced its log with it.
    KraftSnapshotFetched {
        node: u32,
        observer: bool,
        end_offset: u64,
        epoch: u32,
        leader: u32,
    },
    /// KRaft: a leader resigned (check-quorum).
    KraftLeaderResigned { node: u32, epoch: u32 },
    /// KRaft: a controller shuts down cleanly; if it `led` `epoch` it resigned and sent
    /// `EndQuorumEpoch` naming `successors` (none: it was the only voter).
    KraftControllerShuttingDown {
        node: u32,
        epoch: u32,
        led: bool,
        successors: Vec<u32>,
    },
    /// KRaft: a follower got the leader's `EndQuorumEpoch`: `place`-th preferred successor,
    /// it starts an election after `backoff_ms`.
    KraftEndQuorumEpoch {
        node: u32,
        leader: u32,
        epoch: u32,
        place: u32,
        backoff_ms: u64,
    },
    /// KRaft: a controller's clean shutdown completed (a new leader known, or it timed out).
    KraftControllerStopped { node: u32, timed_out: bool },
    /// KRaft: a controller became the active controller.
    KraftControllerActivated { node: u32, epoch: u32, offset: u64 },
    /// KRaft: a broker's `RegisterBrokerRecord`.
    KraftBrokerRegistered {
        controller: u32,
        broker: BrokerId,
        broker_epoch: u64,
    },
    /// KRaft: a broker fenced after its session timeout.
    KraftBrokerFenced {
        controller: u32,
        broker: BrokerId,
        session_timeout_ms: Millis,
    },
    /// KRaft: a broker unfenced.
    KraftBrokerUnfenced {
        controller: u32,
        broker: BrokerId,
        metadata_offset: u64,
        register_offset: u64,
    },
    /// KRaft: a `PartitionChangeRecord` (leader / ISR / ELR after it).
    KraftPartitionChanged {
        controller: u32,
        tp: TopicPartition,
        leader: Option<BrokerId>,
        leader_epoch: u32,
        isr: Vec<BrokerId>,
        elr: Vec<BrokerId>,
    },
    /// A user killed the broker (`kill -9`: no controlled shutdown).
    BrokerKilled { broker: BrokerId },
    /// A user started the broker.
    BrokerStarted { broker: BrokerId },
    /// ZooKeeper created `/brokers/ids/N` for the broker's session.
    BrokerRegistered { broker: BrokerId },
    /// The broker's registration failed: an older session still owns `/brokers/ids/N`.
    RegistrationBlocked { broker: BrokerId },
    /// ZooKeeper expired the broker's session and deleted its ephemeral nodes.
    SessionExpired { broker: BrokerId },
    /// `/controller` was deleted (its owner's session expired).
    ControllerGone,
    /// A broker won the race to create `/controller`.
    ControllerElected { broker: BrokerId, epoch: u32 },
    /// Partitions were added to a topic (`/brokers/topics/T` rewritten).
    PartitionsAdded { topic: String, from: u32, to: u32 },
    /// A broker created an internal topic a `FindCoordinator` found missing (ZooKeeper mode:
    /// it wrote the znodes; KRaft: the active controller it asked answered).
    InternalTopicCreated {
        broker: BrokerId,
        topic: String,
        partitions: u32,
        replication_factor: u32,
        kraft: bool,
    },
    /// A topic's znodes were written.
    TopicCreated {
        topic: String,
        partitions: u32,
        replication_factor: u32,
    },
    /// The controller chose a leader.
    LeaderElected {
        tp: TopicPartition,
        controller: BrokerId,
        leader: BrokerId,
        epoch_from: u32,
        epoch_to: u32,
        isr: Vec<BrokerId>,
        reason: ElectionReason,
    },
    /// The controller found no live replica in the ISR.
    PartitionOffline {
        tp: TopicPartition,
        controller: BrokerId,
        isr: Vec<BrokerId>,
    },
    /// The controller removed a dead follower from the ISR.
    IsrShrunk {
        tp: TopicPartition,
        controller: BrokerId,
        broker: BrokerId,
        isr: Vec<BrokerId>,
        epoch_from: u32,
        epoch_to: u32,
    },
    /// The leader added a caught-up follower back to the ISR.
    IsrExpanded {
        tp: TopicPartition,
        leader: BrokerId,
        broker: BrokerId,
        isr: Vec<BrokerId>,
    },
    /// A broker applied a LeaderAndIsr request making it leader.
    BecameLeader {
        broker: BrokerId,
        tp: TopicPartition,
        epoch: u32,
    },
    /// A broker applied a LeaderAndIsr request making it follower.
    BecameFollower {
        broker: BrokerId,
        tp: TopicPartition,
        leader: BrokerId,
        epoch: u32,
    },
    /// ZooKeeper rejected a write from a controller that lost its role.
    StaleControllerFenced { broker: BrokerId, epoch: u32 },
    /// A replication invariant broke (it can, under unsafe settings: the lab shows it).
    InvariantBroken { name: &'static str, detail: String },
    /// A ZooKeeper server (`zooN`) was killed.
    ZkServerKilled { server: u8 },
    /// A ZooKeeper server started again.
    ZkServerStarted { server: u8 },
    /// Fewer than a quorum of ZooKeeper servers are up: the ensemble stops serving.
    ZkQuorumLost { alive: u32, quorum: u32 },
    /// The live ZooKeeper servers (a quorum) elect a leader.
    ZkElectionStarted { alive: u32 },
    /// A ZooKeeper server leads the ensemble (Zab), in a new epoch.
    ZkLeaderElected {
        server: u8,
        epoch: u32,
        zxid: String,
    },
    /// `/admin/delete_topics/T` was created (`kafka-topics.sh --delete`).
    TopicMarkedForDeletion { topic: String },
    /// The controller started deleting a topic: its partitions left the metadata and each
    /// replica's broker was told StopReplica with delete.
    TopicDeletionStarted {
        topic: String,
        controller: BrokerId,
        brokers: Vec<BrokerId>,
    },
    /// A topic's deletion waits: replicas on these dead brokers (ineligible for deletion).
    TopicDeletionIneligible {
        topic: String,
        controller: BrokerId,
        brokers: Vec<BrokerId>,
    },
    /// A broker stopped its replicas of a topic and deleted their logs.
    ReplicasDeleted {
        broker: BrokerId,
        topic: String,
        partitions: usize,
    },
    /// The controller removed `/brokers/topics/T` and `/admin/delete_topics/T`: the topic is gone.
    TopicDeleted { topic: String },
    /// A `/config/...` znode changed (`kafka-configs.sh --alter`).
    ConfigChanged { entity: String, configs: String },
    /// A broker out of touch with ZooKeeper for a whole session timeout gave its session up.
    BrokerLostZkSession { broker: BrokerId },
    /// A replica cut records off the end of its log.
    Truncated {
        broker: BrokerId,
        tp: TopicPartition,
        from: u64,
        to: u64,
        reason: TruncationReason,
    },
    /// A replica's active segment was full (or old): a new segment file began.
    SegmentRolled {
        broker: BrokerId,
        tp: TopicPartition,
        base_offset: u64,
    },
    /// Retention deleted a replica's oldest segments; the log start offset moved.
    SegmentsDeleted {
        broker: BrokerId,
        tp: TopicPartition,
        count: usize,
        bytes: usize,
        by_size: bool,
        log_start: u64,
    },
    /// The leader removed a follower that fell behind from the ISR.
    IsrShrunkByLeader {
        tp: TopicPartition,
        leader: BrokerId,
        broker: BrokerId,
        isr: Vec<BrokerId>,
    },
    /// A consumer whose application stopped polling left its group after
    /// `max.poll.interval.ms`.
    ConsumerPollTimeout {
        consumer: String,
        group: String,
        max_poll_interval_ms: u64,
    },
    /// The group leader's metadata refresh saw a subscribed topic's partition count change
    /// (`ConsumerCoordinator`: the metadata snapshot no longer matches the assignment's).
    ConsumerMetadataChanged {
        consumer: String,
        group: String,
        topic: String,
        from: u32,
        to: u32,
    },
    /// A pre-0.9 consumer wrote its offsets into ZooKeeper (`/consumers/G/offsets/T/P`).
    ZkOffsetsWritten { group: String, offsets: Vec<String> },
    /// A broker gave an idempotent producer its id (`InitProducerId`).
    ProducerIdAllocated { broker: BrokerId, producer_id: i64 },
    /// A leader recognised a retried idempotent batch and acknowledged it without appending.
    DuplicateBatch {
        broker: BrokerId,
        tp: TopicPartition,
        producer_id: i64,
        first_seq: i32,
        last_seq: i32,
        base_offset: u64,
    },
    /// A leader refused an idempotent batch whose sequence does not follow the last one.
    SequenceRejected {
        broker: BrokerId,
        tp: TopicPartition,
        producer_id: i64,
        incoming: i32,
        current: i32,
    },
    /// A producer found its transaction coordinator (FindCoordinator).
    TxnCoordinatorFound {
        client: String,
        transactional_id: String,
        broker: BrokerId,
        partition: u32,
    },
    /// The coordinator gave a transactional id its producer id and a new epoch.
    TxnProducerIdInit {
        broker: BrokerId,
        transactional_id: String,
        producer_id: i64,
        epoch: i16,
    },
    /// A transaction changed state at its coordinator (written to `__transaction_state`).
    TxnStateChanged {
        broker: BrokerId,
        transactional_id: String,
        producer_id: i64,
        epoch: i16,
        from: &'static str,
        to: &'static str,
        partitions: Vec<String>,
    },
    /// A partition leader appended a transaction marker (control batch).
    TxnMarkerWritten {
        broker: BrokerId,
        tp: TopicPartition,
        marker: &'static str,
        producer_id: i64,
        epoch: i16,
        offset: u64,
    },
    /// The coordinator aborted a transaction open longer than its `transaction.timeout.ms`.
    TxnTimedOut {
        broker: BrokerId,
        transactional_id: String,
        producer_id: i64,
        epoch: i16,
        timeout_ms: u64,
    },
    /// A new coordinator read its `__transaction_state` partition.
    TxnCoordinatorLoaded {
        broker: BrokerId,
        tp: TopicPartition,
        coordinator_epoch: u32,
        transactions: usize,
    },
    /// A leader refused a batch whose producer epoch is older than the partition's.
    ProducerFencedByEpoch {
        broker: BrokerId,
        tp: TopicPartition,
        producer_id: i64,
        incoming: i16,
        current: i16,
    },
    /// A group coordinator took a new member into a group.
    GroupMemberJoined {
        broker: BrokerId,
        group: String,
        member: String,
    },
    /// A static member came back while the group was stable: no rebalance.
    GroupStaticRejoin {
        broker: BrokerId,
        group: String,
        member: String,
        generation: i32,
    },
    /// A group started rebalancing (PreparingRebalance).
    GroupRebalanceStarted {
        broker: BrokerId,
        group: String,
        generation: i32,
        reason: String,
    },
    /// A rebalance ended: the leader's assignment is handed out (Stable).
    GroupRebalanceCompleted {
        broker: BrokerId,
        group: String,
        generation: i32,
        leader: String,
        assignment: Vec<String>,
    },
    /// A member was removed from its group.
    GroupMemberRemoved {
        broker: BrokerId,
        group: String,
        member: String,
        reason: String,
    },
    /// Offsets were committed (the coordinator's partition's high watermark covers them).
    GroupOffsetsCommitted {
        broker: BrokerId,
        group: String,
        offsets: Vec<String>,
    },
    /// A broker became a group coordinator for a `__consumer_offsets` partition.
    GroupCoordinatorLoaded {
        broker: BrokerId,
        tp: TopicPartition,
        commits: usize,
    },
    /// A new coordinator rebuilt a group from its GroupMetadata record.
    GroupMetadataLoaded {
        broker: BrokerId,
        group: String,
        generation: i32,
        state: String,
        members: Vec<String>,
    },
    /// A member that lost its coordinator found the new one and carries on in its generation.
    ConsumerCoordinatorMoved {
        client: String,
        broker: BrokerId,
        generation: i32,
    },
    /// KIP-848: a member joined a consumer-protocol group (a heartbeat with epoch 0).
    Kip848MemberJoined {
        broker: BrokerId,
        group: String,
        client: String,
        member: String,
        group_epoch: i32,
    },
    /// KIP-848: a member left or was fenced; the group epoch moves.
    Kip848MemberLeft {
        broker: BrokerId,
        group: String,
        client: String,
        reason: String,
        group_epoch: i32,
    },
    /// KIP-848: the coordinator computed a new target assignment.
    Kip848TargetAssignment {
        broker: BrokerId,
        group: String,
        epoch: i32,
        assignor: String,
        assignment: Vec<String>,
    },
    /// KIP-848: one member moved toward the target assignment.
    Kip848MemberReconciled {
        broker: BrokerId,
        group: String,
        client: String,
        epoch: i32,
        state: String,
        assigned: Vec<String>,
        revoking: Vec<String>,
        awaiting: Vec<String>,
    },
    /// KIP-848: a consumer applied what its heartbeat answer gave it.
    ConsumerReconciled {
        client: String,
        epoch: i32,
        revoked: Vec<String>,
        added: Vec<String>,
        owned: Vec<String>,
    },
    /// A consumer got its assignment: what it keeps, gets and gives up.
    ConsumerAssigned {
        client: String,
        generation: i32,
        assigned: Vec<String>,
        revoked: Vec<String>,
    },
    /// A consumer had no committed offset for a partition (or, with `out_of_range`, its
    /// position was outside the leader's log): `auto.offset.reset` chose one (`ListOffsets`).
    ConsumerOffsetReset {
        client: String,
        tp: TopicPartition,
        policy: String,
        offset: u64,
        out_of_range: Option<u64>,
    },
    /// A consumer sent a Fetch to a partition leader (one per leader, for all the partitions
    /// it reads there: `partition@position`).
    ConsumerFetchSent {
        client: String,
        broker: BrokerId,
        partitions: Vec<String>,
        min_bytes: u64,
        max_wait_ms: u64,
    },
    /// A leader holds a consumer's fetch: fewer than `fetch.min.bytes` are readable.
    ConsumerFetchHeld {
        broker: BrokerId,
        client: String,
        bytes: u64,
        min_bytes: u64,
        max_wait_ms: u64,
    },
    /// A leader answered a consumer's fetch.
    ConsumerFetchAnswered {
        broker: BrokerId,
        client: String,
        records: usize,
        bytes: u64,
        waited_ms: u64,
        min_bytes: u64,
        answer: FetchAnswer,
    },
}

impl Event {
    /// True for the bookkeeping a learner may hide: role changes on each broker, and the
    /// fetches of consumers with the default `fetch.min.bytes=1` (routine long polls; a
    /// consumer that asks for more bytes has its fetches told).
    pub fn is_detail(&self) -> bool {
        match self {
            Event::BecameLeader { .. }
            | Event::BecameFollower { .. }
            | Event::KraftFollower { .. } => true,
            Event::ConsumerFetchSent { min_bytes, .. }
            | Event::ConsumerFetchHeld { min_bytes, .. }
            | Event::ConsumerFetchAnswered { min_bytes, .. } => *min_bytes <= 1,
            _ => false,
        }
    }

    /// The brokers this event is about (for highlighting in the page).
    pub fn brokers(&self) -> Vec<BrokerId> {
        match self {
            Event::BrokerKilled { broker }
            | Event::BrokerStarted { broker }
            | Event::BrokerRegistered { broker }
            | Event::RegistrationBlocked { broker }
            | Event::SessionExpired { broker }
            | Event::ControllerElected { broker, .. }
            | Event::StaleControllerFenced { broker, .. }
            | Event::BecameLeader { broker, .. }
            | Event::BecameFollower { broker, .. }
            | Event::BrokerLostZkSession { broker }
            | Event::Truncated { broker, .. }
            | Event::SegmentRolled { broker, .. }
            | Event::SegmentsDeleted { broker, .. }
            | Event::ProducerIdAllocated { broker, .. }
            | Event::KraftProducerIdAllocated { broker, .. }
            | Event::DuplicateBatch { broker, .. }
            | Event::SequenceRejected { broker, .. }
            | Event::TxnCoordinatorFound { broker, .. }
            | Event::TxnProducerIdInit { broker, .. }
            | Event::TxnStateChanged { broker, .. }
            | Event::TxnMarkerWritten { broker, .. }
            | Event::TxnTimedOut { broker, .. }
            | Event::TxnCoordinatorLoaded { broker, .. }
            | Event::ProducerFencedByEpoch { broker, .. }
            | Event::GroupMemberJoined { broker, .. }
            | Event::GroupStaticRejoin { broker, .. }
            | Event::GroupRebalanceStarted { broker, .. }
            | Event::GroupRebalanceCompleted { broker, .. }
            | Event::GroupMemberRemoved { broker, .. }
            | Event::GroupOffsetsCommitted { broker, .. }
            | Event::GroupCoordinatorLoaded { broker, .. }
            | Event::ConsumerFetchSent { broker, .. }
            | Event::ConsumerFetchHeld { broker, .. }
            | Event::ConsumerFetchAnswered { broker, .. }
            | Event::GroupMetadataLoaded { broker, .. }
            | Event::Kip848MemberJoined { broker, .. }
            | Event::Kip848MemberLeft { broker, .. }
            | Event::Kip848TargetAssignment { broker, .. }
            | Event::Kip848MemberReconciled { broker, .. }
            | Event::ConsumerCoordinatorMoved { broker, .. }
            | Event::InternalTopicCreated { broker, .. } => vec![*broker],
            Event::ConsumerAssigned { .. }
            | Event::ConsumerOffsetReset { .. }
            | Event::ConsumerReconciled { .. } => vec![],
            Event::LeaderElected { leader, .. } => vec![*leader],
            Event::IsrShrunk { broker, .. }
            | Event::IsrExpanded { broker, .. }
            | Event::IsrShrunkByLeader { broker, .. } => vec![*broker],
            Event::ControllerGone
            | Event::TopicCreated { .. }
            | Event::PartitionsAdded { .. }
            | Event::PartitionOffline { .. }
            | Event::ConfigChanged { .. }
            | Event::ZkOffsetsWritten { .. }
            | Event::ConsumerPollTimeout { .. }
            | Event::ConsumerMetadataChanged { .. }
            | Event::InvariantBroken { .. }
            | Event::ZkServerKilled { .. }
            | Event::ZkServerStarted { .. }
            | Event::ZkQuorumLost { .. }
            | Event::ZkElectionStarted { .. }
            | Event::ZkLeaderElected { .. }
            | Event::TopicMarkedForDeletion { .. }
            | Event::TopicDeleted { .. } => vec![],
            Event::TopicDeletionStarted { controller, .. }
            | Event::TopicDeletionIneligible { controller, .. } => vec![*controller],
            Event::ReplicasDeleted { broker, .. } => vec![*broker],
            Event::KraftBrokerKilled { broker }
            | Event::KraftBrokerStarted { broker }
            | Event::KraftBrokerRegistered { broker, .. }
            | Event::KraftBrokerFenced { broker, .. }
            | Event::KraftBrokerUnfenced { broker, .. }
            | Event::KraftControlledShutdown { broker, .. }
            | Event::KraftBrokerShutdownNow { broker, .. }
            | Event::KraftBrokerStopped { broker } => vec![*broker],
            Event::KraftPartitionChanged { leader, .. } => leader.iter().copied().collect(),
            Event::KraftTopicRemoved { .. } | Event::KraftLeadersBalanced { .. } => vec![],
            Event::KraftControllerKilled { .. }
            | Event::KraftControllerStarted { .. }
            | Event::KraftPreVote { .. }
            | Event::KraftCandidate { .. }
            | Event::KraftLeaderElected { .. }
            | Event::KraftFollower { .. }
            | Event::KraftLogTruncated { .. }
            | Event::KraftFetchTimeout { .. }
            | Event::KraftLeaderResigned { .. }
            | Event::KraftControllerShuttingDown { .. }
            | Event::KraftEndQuorumEpoch { .. }
            | Event::KraftControllerStopped { .. }
            | Event::KraftControllerActivated { .. } => vec![],
            Event::KraftSnapshotWritten { node, observer, .. }
            | Event::KraftMetadataLogCleaned { node, observer, .. }
            | Event::KraftSnapshotFetched { node, observer, .. } => {
                if *observer {
                    vec![*node]
                } else {
                    vec![]
                }
            }
        }
    }

    /// The event in plain words.
    pub fn narrate(&self, lang: Lang) -> String {
        zookeeper::narrate(self, lang)
            .or_else(|| replication::narrate(self, lang))
            .or_else(|| storage::narrate(self, lang))
            .or_else(|| producer::narrate(self, lang))
            .or_else(|| transactions::narrate(self, lang))
            .or_else(|| groups::narrate(self, lang))
            .or_else(|| kraft::narrate(self, lang))
            .unwrap_or_else(|| format!("{self:?}"))
    }
}

/// An event with the virtual time it happened at.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Logged {
    /// Virtual time, in milliseconds.
    pub at: Millis,
    /// What happened.
    pub event: Event,
}

impl Logged {
    /// `[   6012 ms] text`, the CLI's line for an event.
    pub fn line(&self, lang: Lang) -> String {
        format!(
            "[{:>7} {}] {}",
            self.at,
            tr(lang, T::Ms, &[]),
            self.event.narrate(lang)
        )
    }
}
