//! What happened in the cluster, as structured data, and its narration in plain words.
//!
//! The core records an [`Event`] whenever something a learner should see happens; the CLI
//! prints them in English, the page in the chosen language. Events are a record of the run,
//! never an input to it: nothing in the simulation reads them back.

// Variant fields are named for what they hold; documenting each would repeat its name.
#![allow(missing_docs)]

use crate::i18n::{tr, Lang, T};
use crate::model::{join_ids, BrokerId, TopicPartition};
use crate::sim::Millis;

/// Why the controller chose a (new) leader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ElectionReason {
    /// A new partition's first leader (NewPartition → OnlinePartition).
    NewPartition,
    /// The leader went offline (OfflinePartitionLeaderElectionStrategy).
    Offline,
    /// The automatic preferred-leader rebalance (`auto.leader.rebalance.enable`).
    Preferred,
}

/// Why a replica cut its log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// KRaft: a broker handed out a producer id from a block the active controller gave it
    /// (`AllocateProducerIds` → `ProducerIdsRecord`).
    KraftProducerIdAllocated { broker: BrokerId, producer_id: i64 },
    /// KRaft: a broker stopped after its controlled shutdown.
    KraftBrokerStopped { broker: BrokerId },
    /// KRaft: a broker asked for a controlled shutdown (`stop-broker`).
    KraftControlledShutdown { controller: u32, broker: BrokerId },
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
    /// KRaft: a leader resigned (check-quorum).
    KraftLeaderResigned { node: u32, epoch: u32 },
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

/// A group coordinator's reason (recorded in English) in the reader's language.
fn group_reason(reason: &str, lang: Lang) -> String {
    let key = match reason {
        "a new member joined an empty group" => T::ReasonJoinEmpty,
        "a member rejoined" => T::ReasonRejoined,
        "a new member joined" => T::ReasonJoined,
        "a member left" => T::ReasonLeft,
        "did not rejoin within the rebalance timeout" => T::ReasonNoRejoin,
        "left the group (LeaveGroup)" => T::ReasonLeaveGroup,
        other => {
            if let Some(ms) = other.strip_prefix("no heartbeat for session.timeout.ms=") {
                return tr(lang, T::ReasonSessionTimeout, &[("ms", ms.to_string())]);
            }
            return other.to_string();
        }
    };
    key.get(lang).to_string()
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
            | Event::ConsumerCoordinatorMoved { broker, .. } => vec![*broker],
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
            | Event::KraftControllerActivated { .. } => vec![],
        }
    }

    /// The event in plain words.
    pub fn narrate(&self, lang: Lang) -> String {
        let b = |x: &BrokerId| x.to_string();
        match self {
            Event::BrokerKilled { broker } => tr(lang, T::EvBrokerKilled, &[("broker", b(broker))]),
            Event::BrokerStarted { broker } => {
                tr(lang, T::EvBrokerStarted, &[("broker", b(broker))])
            }
            Event::BrokerRegistered { broker } => {
                tr(lang, T::EvBrokerRegistered, &[("broker", b(broker))])
            }
            Event::RegistrationBlocked { broker } => {
                tr(lang, T::EvRegistrationBlocked, &[("broker", b(broker))])
            }
            Event::SessionExpired { broker } => {
                tr(lang, T::EvSessionExpired, &[("broker", b(broker))])
            }
            Event::ControllerGone => tr(lang, T::EvControllerGone, &[]),
            Event::ControllerElected { broker, epoch } => tr(
                lang,
                T::EvControllerElected,
                &[("broker", b(broker)), ("epoch", epoch.to_string())],
            ),
            Event::PartitionsAdded { topic, from, to } => tr(
                lang,
                T::EvPartitionsAdded,
                &[
                    ("topic", topic.clone()),
                    ("from", from.to_string()),
                    ("to", to.to_string()),
                ],
            ),
            Event::TopicCreated {
                topic,
                partitions,
                replication_factor,
            } => tr(
                lang,
                T::EvTopicCreated,
                &[
                    ("topic", topic.clone()),
                    ("partitions", partitions.to_string()),
                    ("rf", replication_factor.to_string()),
                ],
            ),
            Event::LeaderElected {
                tp,
                controller,
                leader,
                epoch_from,
                epoch_to,
                isr,
                reason,
            } => {
                let key = match reason {
                    ElectionReason::NewPartition => T::EvLeaderElectedNew,
                    ElectionReason::Offline => T::EvLeaderElected,
                    ElectionReason::Preferred => T::EvLeaderPreferred,
                };
                tr(
                    lang,
                    key,
                    &[
                        ("controller", b(controller)),
                        ("leader", b(leader)),
                        ("tp", tp.to_string()),
                        ("from", epoch_from.to_string()),
                        ("to", epoch_to.to_string()),
                        ("isr", join_ids(isr)),
                    ],
                )
            }
            Event::PartitionOffline {
                tp,
                controller,
                isr,
            } => tr(
                lang,
                T::EvPartitionOffline,
                &[
                    ("controller", b(controller)),
                    ("tp", tp.to_string()),
                    ("isr", join_ids(isr)),
                ],
            ),
            Event::IsrShrunk {
                tp,
                controller,
                broker,
                isr,
                epoch_from,
                epoch_to,
            } => tr(
                lang,
                T::EvIsrShrunk,
                &[
                    ("controller", b(controller)),
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("isr", join_ids(isr)),
                    ("from", epoch_from.to_string()),
                    ("to", epoch_to.to_string()),
                ],
            ),
            Event::IsrExpanded {
                tp,
                leader,
                broker,
                isr,
            } => tr(
                lang,
                T::EvIsrExpanded,
                &[
                    ("leader", b(leader)),
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("isr", join_ids(isr)),
                ],
            ),
            Event::BecameLeader { broker, tp, epoch } => tr(
                lang,
                T::EvBecameLeader,
                &[
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("epoch", epoch.to_string()),
                ],
            ),
            Event::BecameFollower {
                broker,
                tp,
                leader,
                epoch,
            } => tr(
                lang,
                T::EvBecameFollower,
                &[
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("leader", b(leader)),
                    ("epoch", epoch.to_string()),
                ],
            ),
            Event::StaleControllerFenced { broker, epoch } => tr(
                lang,
                T::EvStaleControllerFenced,
                &[("broker", b(broker)), ("epoch", epoch.to_string())],
            ),
            Event::ZkServerKilled { server } => {
                tr(lang, T::EvZkServerKilled, &[("server", server.to_string())])
            }
            Event::ZkServerStarted { server } => tr(
                lang,
                T::EvZkServerStarted,
                &[("server", server.to_string())],
            ),
            Event::ZkQuorumLost { alive, quorum } => tr(
                lang,
                T::EvZkQuorumLost,
                &[("alive", alive.to_string()), ("quorum", quorum.to_string())],
            ),
            Event::ZkElectionStarted { alive } => tr(
                lang,
                T::EvZkElectionStarted,
                &[("alive", alive.to_string())],
            ),
            Event::ZkLeaderElected {
                server,
                epoch,
                zxid,
            } => tr(
                lang,
                T::EvZkLeaderElected,
                &[
                    ("server", server.to_string()),
                    ("epoch", epoch.to_string()),
                    ("zxid", zxid.clone()),
                ],
            ),
            Event::TopicMarkedForDeletion { topic } => tr(
                lang,
                T::EvTopicMarkedForDeletion,
                &[("topic", topic.clone())],
            ),
            Event::TopicDeletionStarted {
                topic,
                controller,
                brokers,
            } => tr(
                lang,
                T::EvTopicDeletionStarted,
                &[
                    ("topic", topic.clone()),
                    ("controller", b(controller)),
                    ("brokers", crate::model::join_ids(brokers)),
                ],
            ),
            Event::TopicDeletionIneligible {
                topic,
                controller,
                brokers,
            } => tr(
                lang,
                T::EvTopicDeletionIneligible,
                &[
                    ("topic", topic.clone()),
                    ("controller", b(controller)),
                    ("brokers", crate::model::join_ids(brokers)),
                ],
            ),
            Event::ReplicasDeleted {
                broker,
                topic,
                partitions,
            } => tr(
                lang,
                T::EvReplicasDeleted,
                &[
                    ("broker", b(broker)),
                    ("topic", topic.clone()),
                    ("partitions", partitions.to_string()),
                ],
            ),
            Event::TopicDeleted { topic } => {
                tr(lang, T::EvTopicDeleted, &[("topic", topic.clone())])
            }
            Event::KraftBrokerKilled { broker } => {
                tr(lang, T::EvKraftBrokerKilled, &[("broker", b(broker))])
            }
            Event::KraftBrokerStarted { broker } => {
                tr(lang, T::EvKraftBrokerStarted, &[("broker", b(broker))])
            }
            Event::KraftControllerKilled { node } => tr(
                lang,
                T::EvKraftControllerKilled,
                &[("node", node.to_string())],
            ),
            Event::KraftControllerStarted { node } => tr(
                lang,
                T::EvKraftControllerStarted,
                &[("node", node.to_string())],
            ),
            Event::KraftPreVote { node, epoch } => tr(
                lang,
                T::EvKraftPreVote,
                &[("node", node.to_string()), ("epoch", epoch.to_string())],
            ),
            Event::KraftCandidate { node, epoch } => tr(
                lang,
                T::EvKraftCandidate,
                &[("node", node.to_string()), ("epoch", epoch.to_string())],
            ),
            Event::KraftLeaderElected { node, epoch, votes } => tr(
                lang,
                T::EvKraftLeaderElected,
                &[
                    ("node", node.to_string()),
                    ("epoch", epoch.to_string()),
                    ("votes", join_ids(votes)),
                ],
            ),
            Event::KraftFollower {
                node,
                epoch,
                leader,
            } => tr(
                lang,
                T::EvKraftFollower,
                &[
                    ("node", node.to_string()),
                    ("epoch", epoch.to_string()),
                    ("leader", leader.to_string()),
                ],
            ),
            Event::KraftLogTruncated {
                node,
                observer,
                offset,
            } => tr(
                lang,
                T::EvKraftLogTruncated,
                &[
                    (
                        "node",
                        if *observer {
                            format!("broker {node}")
                        } else {
                            format!("controller {node}")
                        },
                    ),
                    ("offset", offset.to_string()),
                ],
            ),
            Event::KraftFetchTimeout { node, epoch } => tr(
                lang,
                T::EvKraftFetchTimeout,
                &[("node", node.to_string()), ("epoch", epoch.to_string())],
            ),
            Event::KraftLeaderResigned { node, epoch } => tr(
                lang,
                T::EvKraftLeaderResigned,
                &[("node", node.to_string()), ("epoch", epoch.to_string())],
            ),
            Event::KraftControllerActivated {
                node,
                epoch,
                offset,
            } => tr(
                lang,
                T::EvKraftControllerActivated,
                &[
                    ("node", node.to_string()),
                    ("epoch", epoch.to_string()),
                    ("offset", offset.to_string()),
                ],
            ),
            Event::KraftBrokerRegistered {
                controller,
                broker,
                broker_epoch,
            } => tr(
                lang,
                T::EvKraftBrokerRegistered,
                &[
                    ("controller", controller.to_string()),
                    ("broker", b(broker)),
                    ("epoch", broker_epoch.to_string()),
                ],
            ),
            Event::KraftBrokerFenced {
                controller,
                broker,
                session_timeout_ms,
            } => tr(
                lang,
                T::EvKraftBrokerFenced,
                &[
                    ("controller", controller.to_string()),
                    ("broker", b(broker)),
                    ("ms", session_timeout_ms.to_string()),
                ],
            ),
            Event::KraftBrokerStopped { broker } => {
                tr(lang, T::EvKraftBrokerStopped, &[("broker", b(broker))])
            }
            Event::KraftTopicRemoved { controller, topic } => tr(
                lang,
                T::EvKraftTopicRemoved,
                &[
                    ("controller", controller.to_string()),
                    ("topic", topic.clone()),
                ],
            ),
            Event::KraftLeadersBalanced {
                controller,
                partitions,
            } => tr(
                lang,
                T::EvKraftLeadersBalanced,
                &[
                    ("controller", controller.to_string()),
                    ("n", partitions.to_string()),
                ],
            ),
            Event::KraftControlledShutdown { controller, broker } => tr(
                lang,
                T::EvKraftControlledShutdown,
                &[
                    ("controller", controller.to_string()),
                    ("broker", b(broker)),
                ],
            ),
            Event::KraftBrokerUnfenced {
                controller,
                broker,
                metadata_offset,
                register_offset,
            } => tr(
                lang,
                T::EvKraftBrokerUnfenced,
                &[
                    ("controller", controller.to_string()),
                    ("broker", b(broker)),
                    ("offset", metadata_offset.to_string()),
                    ("reg", register_offset.to_string()),
                ],
            ),
            Event::KraftPartitionChanged {
                controller,
                tp,
                leader,
                leader_epoch,
                isr,
                elr,
            } => tr(
                lang,
                T::EvKraftPartitionChanged,
                &[
                    ("controller", controller.to_string()),
                    ("tp", tp.to_string()),
                    ("leader", leader.map_or("-1".to_string(), |l| l.to_string())),
                    ("epoch", leader_epoch.to_string()),
                    ("isr", join_ids(isr)),
                    ("elr", join_ids(elr)),
                ],
            ),
            Event::InvariantBroken { name, detail } => tr(
                lang,
                T::EvInvariantBroken,
                &[("name", name.to_string()), ("detail", detail.clone())],
            ),
            Event::ConfigChanged { entity, configs } => tr(
                lang,
                T::EvConfigChanged,
                &[("entity", entity.clone()), ("configs", configs.clone())],
            ),
            Event::BrokerLostZkSession { broker } => {
                tr(lang, T::EvBrokerLostZkSession, &[("broker", b(broker))])
            }
            Event::ConsumerPollTimeout {
                consumer,
                group,
                max_poll_interval_ms,
            } => tr(
                lang,
                T::EvConsumerPollTimeout,
                &[
                    ("consumer", consumer.clone()),
                    ("group", group.clone()),
                    ("ms", max_poll_interval_ms.to_string()),
                ],
            ),
            Event::ConsumerMetadataChanged {
                consumer,
                group,
                topic,
                from,
                to,
            } => tr(
                lang,
                T::EvConsumerMetadataChanged,
                &[
                    ("consumer", consumer.clone()),
                    ("group", group.clone()),
                    ("topic", topic.clone()),
                    ("from", from.to_string()),
                    ("to", to.to_string()),
                ],
            ),
            Event::ZkOffsetsWritten { group, offsets } => tr(
                lang,
                T::EvZkOffsetsWritten,
                &[("group", group.clone()), ("offsets", offsets.join(", "))],
            ),
            Event::ProducerIdAllocated {
                broker,
                producer_id,
            } => tr(
                lang,
                T::EvProducerIdAllocated,
                &[("broker", b(broker)), ("pid", producer_id.to_string())],
            ),
            Event::KraftProducerIdAllocated {
                broker,
                producer_id,
            } => tr(
                lang,
                T::EvKraftProducerIdAllocated,
                &[("broker", b(broker)), ("pid", producer_id.to_string())],
            ),
            Event::DuplicateBatch {
                broker,
                tp,
                producer_id,
                first_seq,
                last_seq,
                base_offset,
            } => tr(
                lang,
                T::EvDuplicateBatch,
                &[
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("pid", producer_id.to_string()),
                    ("first", first_seq.to_string()),
                    ("last", last_seq.to_string()),
                    ("offset", base_offset.to_string()),
                ],
            ),
            Event::SequenceRejected {
                broker,
                tp,
                producer_id,
                incoming,
                current,
            } => tr(
                lang,
                T::EvSequenceRejected,
                &[
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("pid", producer_id.to_string()),
                    ("incoming", incoming.to_string()),
                    ("current", current.to_string()),
                ],
            ),
            Event::TxnCoordinatorFound {
                client,
                transactional_id,
                broker,
                partition,
            } => tr(
                lang,
                T::EvTxnCoordinatorFound,
                &[
                    ("client", client.clone()),
                    ("txn", transactional_id.clone()),
                    ("broker", b(broker)),
                    ("partition", partition.to_string()),
                ],
            ),
            Event::TxnProducerIdInit {
                broker,
                transactional_id,
                producer_id,
                epoch,
            } => tr(
                lang,
                T::EvTxnProducerIdInit,
                &[
                    ("broker", b(broker)),
                    ("txn", transactional_id.clone()),
                    ("pid", producer_id.to_string()),
                    ("epoch", epoch.to_string()),
                ],
            ),
            Event::TxnStateChanged {
                broker,
                transactional_id,
                producer_id,
                epoch,
                from,
                to,
                partitions,
            } => tr(
                lang,
                T::EvTxnStateChanged,
                &[
                    ("broker", b(broker)),
                    ("txn", transactional_id.clone()),
                    ("pid", producer_id.to_string()),
                    ("epoch", epoch.to_string()),
                    ("from", from.to_string()),
                    ("to", to.to_string()),
                    ("partitions", partitions.join(",")),
                ],
            ),
            Event::TxnMarkerWritten {
                broker,
                tp,
                marker,
                producer_id,
                epoch,
                offset,
            } => tr(
                lang,
                T::EvTxnMarkerWritten,
                &[
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("marker", marker.to_string()),
                    ("pid", producer_id.to_string()),
                    ("epoch", epoch.to_string()),
                    ("offset", offset.to_string()),
                ],
            ),
            Event::TxnTimedOut {
                broker,
                transactional_id,
                producer_id,
                epoch,
                timeout_ms,
            } => tr(
                lang,
                T::EvTxnTimedOut,
                &[
                    ("broker", b(broker)),
                    ("txn", transactional_id.clone()),
                    ("pid", producer_id.to_string()),
                    ("epoch", epoch.to_string()),
                    ("timeout", timeout_ms.to_string()),
                ],
            ),
            Event::TxnCoordinatorLoaded {
                broker,
                tp,
                coordinator_epoch,
                transactions,
            } => tr(
                lang,
                T::EvTxnCoordinatorLoaded,
                &[
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("epoch", coordinator_epoch.to_string()),
                    ("count", transactions.to_string()),
                ],
            ),
            Event::GroupMemberJoined {
                broker,
                group,
                member,
            } => tr(
                lang,
                T::EvGroupMemberJoined,
                &[
                    ("broker", b(broker)),
                    ("group", group.clone()),
                    ("member", member.clone()),
                ],
            ),
            Event::GroupStaticRejoin {
                broker,
                group,
                member,
                generation,
            } => tr(
                lang,
                T::EvGroupStaticRejoin,
                &[
                    ("broker", b(broker)),
                    ("group", group.clone()),
                    ("member", member.clone()),
                    ("generation", generation.to_string()),
                ],
            ),
            Event::GroupRebalanceStarted {
                broker,
                group,
                generation,
                reason,
            } => tr(
                lang,
                T::EvGroupRebalanceStarted,
                &[
                    ("broker", b(broker)),
                    ("group", group.clone()),
                    ("generation", generation.to_string()),
                    ("reason", group_reason(reason, lang)),
                ],
            ),
            Event::GroupRebalanceCompleted {
                broker,
                group,
                generation,
                leader,
                assignment,
            } => tr(
                lang,
                T::EvGroupRebalanceCompleted,
                &[
                    ("broker", b(broker)),
                    ("group", group.clone()),
                    ("generation", generation.to_string()),
                    ("leader", leader.clone()),
                    ("assignment", assignment.join(" ")),
                ],
            ),
            Event::GroupMemberRemoved {
                broker,
                group,
                member,
                reason,
            } => tr(
                lang,
                T::EvGroupMemberRemoved,
                &[
                    ("broker", b(broker)),
                    ("group", group.clone()),
                    ("member", member.clone()),
                    ("reason", group_reason(reason, lang)),
                ],
            ),
            Event::GroupOffsetsCommitted {
                broker,
                group,
                offsets,
            } => tr(
                lang,
                T::EvGroupOffsetsCommitted,
                &[
                    ("broker", b(broker)),
                    ("group", group.clone()),
                    ("offsets", offsets.join(", ")),
                ],
            ),
            Event::GroupCoordinatorLoaded {
                broker,
                tp,
                commits,
            } => tr(
                lang,
                T::EvGroupCoordinatorLoaded,
                &[
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("count", commits.to_string()),
                ],
            ),
            Event::GroupMetadataLoaded {
                broker,
                group,
                generation,
                state,
                members,
            } => tr(
                lang,
                T::EvGroupMetadataLoaded,
                &[
                    ("broker", b(broker)),
                    ("group", group.clone()),
                    ("generation", generation.to_string()),
                    ("state", state.clone()),
                    ("members", format!("[{}]", members.join(","))),
                ],
            ),
            Event::Kip848MemberJoined {
                broker,
                group,
                client,
                member,
                group_epoch,
            } => tr(
                lang,
                T::EvKip848MemberJoined,
                &[
                    ("broker", b(broker)),
                    ("group", group.clone()),
                    ("client", client.clone()),
                    ("member", member.clone()),
                    ("epoch", group_epoch.to_string()),
                ],
            ),
            Event::Kip848MemberLeft {
                broker,
                group,
                client,
                reason,
                group_epoch,
            } => {
                let reason = match reason
                    .strip_prefix("no heartbeat for group.consumer.session.timeout.ms=")
                {
                    Some(ms) => tr(lang, T::Kip848ReasonSession, &[("ms", ms.to_string())]),
                    None => T::Kip848ReasonLeave.get(lang).to_string(),
                };
                tr(
                    lang,
                    T::EvKip848MemberLeft,
                    &[
                        ("broker", b(broker)),
                        ("group", group.clone()),
                        ("client", client.clone()),
                        ("reason", reason),
                        ("epoch", group_epoch.to_string()),
                    ],
                )
            }
            Event::Kip848TargetAssignment {
                broker,
                group,
                epoch,
                assignor,
                assignment,
            } => tr(
                lang,
                T::EvKip848TargetAssignment,
                &[
                    ("broker", b(broker)),
                    ("group", group.clone()),
                    ("epoch", epoch.to_string()),
                    ("assignor", assignor.clone()),
                    ("assignment", assignment.join(" ")),
                ],
            ),
            Event::Kip848MemberReconciled {
                broker,
                group,
                client,
                epoch,
                state,
                assigned,
                revoking,
                awaiting,
            } => {
                let key = match state.as_str() {
                    "UNREVOKED_PARTITIONS" => T::EvKip848Unrevoked,
                    "UNRELEASED_PARTITIONS" => T::EvKip848Unreleased,
                    _ => T::EvKip848Stable,
                };
                tr(
                    lang,
                    key,
                    &[
                        ("broker", b(broker)),
                        ("group", group.clone()),
                        ("client", client.clone()),
                        ("epoch", epoch.to_string()),
                        ("assigned", format!("[{}]", assigned.join(","))),
                        ("revoking", format!("[{}]", revoking.join(","))),
                        ("awaiting", format!("[{}]", awaiting.join(","))),
                    ],
                )
            }
            Event::ConsumerReconciled {
                client,
                epoch,
                revoked,
                added,
                owned,
            } => tr(
                lang,
                // "It kept consuming" only when it kept something.
                if owned.iter().any(|t| !added.contains(t)) {
                    T::EvConsumerReconciled
                } else {
                    T::EvConsumerReconciledFresh
                },
                &[
                    ("client", client.clone()),
                    ("epoch", epoch.to_string()),
                    ("revoked", format!("[{}]", revoked.join(","))),
                    ("added", format!("[{}]", added.join(","))),
                    ("owned", format!("[{}]", owned.join(","))),
                ],
            ),
            Event::ConsumerCoordinatorMoved {
                client,
                broker,
                generation,
            } => tr(
                lang,
                T::EvConsumerCoordinatorMoved,
                &[
                    ("client", client.clone()),
                    ("broker", b(broker)),
                    ("generation", generation.to_string()),
                ],
            ),
            Event::ConsumerAssigned {
                client,
                generation,
                assigned,
                revoked,
            } => tr(
                lang,
                T::EvConsumerAssigned,
                &[
                    ("client", client.clone()),
                    ("generation", generation.to_string()),
                    ("assigned", format!("[{}]", assigned.join(","))),
                    ("revoked", format!("[{}]", revoked.join(","))),
                ],
            ),
            Event::ConsumerOffsetReset {
                client,
                tp,
                policy,
                offset,
                out_of_range,
            } => {
                let mut args = vec![
                    ("client", client.clone()),
                    ("tp", tp.to_string()),
                    ("policy", policy.clone()),
                    ("offset", offset.to_string()),
                ];
                match out_of_range {
                    None => tr(lang, T::EvConsumerOffsetReset, &args),
                    Some(from) => {
                        args.push(("from", from.to_string()));
                        tr(lang, T::EvConsumerOffsetOutOfRange, &args)
                    }
                }
            }
            Event::ConsumerFetchSent {
                client,
                broker,
                partitions,
                min_bytes,
                max_wait_ms,
            } => tr(
                lang,
                T::EvConsumerFetchSent,
                &[
                    ("client", client.clone()),
                    ("broker", b(broker)),
                    ("partitions", partitions.join(", ")),
                    ("min", min_bytes.to_string()),
                    ("wait", max_wait_ms.to_string()),
                ],
            ),
            Event::ConsumerFetchHeld {
                broker,
                client,
                bytes,
                min_bytes,
                max_wait_ms,
            } => tr(
                lang,
                T::EvConsumerFetchHeld,
                &[
                    ("broker", b(broker)),
                    ("client", client.clone()),
                    ("bytes", bytes.to_string()),
                    ("min", min_bytes.to_string()),
                    ("wait", max_wait_ms.to_string()),
                ],
            ),
            Event::ConsumerFetchAnswered {
                broker,
                client,
                records,
                bytes,
                waited_ms,
                min_bytes,
                answer,
            } => {
                let mut args = vec![
                    ("broker", b(broker)),
                    ("client", client.clone()),
                    ("records", records.to_string()),
                    ("bytes", bytes.to_string()),
                    ("waited", waited_ms.to_string()),
                    ("min", min_bytes.to_string()),
                ];
                let key = match answer {
                    FetchAnswer::AtOnce => T::EvConsumerFetchAtOnce,
                    FetchAnswer::MinBytes => T::EvConsumerFetchMinBytes,
                    FetchAnswer::MaxWait => T::EvConsumerFetchMaxWait,
                    FetchAnswer::Error(e) => {
                        args.push(("error", e.clone()));
                        T::EvConsumerFetchError
                    }
                };
                tr(lang, key, &args)
            }
            Event::ProducerFencedByEpoch {
                broker,
                tp,
                producer_id,
                incoming,
                current,
            } => tr(
                lang,
                T::EvProducerFencedByEpoch,
                &[
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("pid", producer_id.to_string()),
                    ("incoming", incoming.to_string()),
                    ("current", current.to_string()),
                ],
            ),
            Event::SegmentRolled {
                broker,
                tp,
                base_offset,
            } => tr(
                lang,
                T::EvSegmentRolled,
                &[
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("file", format!("{base_offset:020}.log")),
                ],
            ),
            Event::SegmentsDeleted {
                broker,
                tp,
                count,
                bytes,
                by_size,
                log_start,
            } => tr(
                lang,
                if *by_size {
                    T::EvSegmentsDeletedSize
                } else {
                    T::EvSegmentsDeletedTime
                },
                &[
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("n", count.to_string()),
                    ("bytes", bytes.to_string()),
                    ("start", log_start.to_string()),
                ],
            ),
            Event::Truncated {
                broker,
                tp,
                from,
                to,
                reason,
            } => {
                let key = match reason {
                    TruncationReason::LeaderEpoch => T::EvTruncatedEpoch,
                    TruncationReason::HighWatermark => T::EvTruncatedHw,
                    TruncationReason::OutOfRange => T::EvTruncatedOutOfRange,
                    TruncationReason::LogStart => T::EvTruncatedLogStart,
                };
                tr(
                    lang,
                    key,
                    &[
                        ("broker", b(broker)),
                        ("tp", tp.to_string()),
                        ("from", from.to_string()),
                        ("to", to.to_string()),
                        ("n", from.saturating_sub(*to).to_string()),
                    ],
                )
            }
            Event::IsrShrunkByLeader {
                tp,
                leader,
                broker,
                isr,
            } => tr(
                lang,
                T::EvIsrShrunkByLeader,
                &[
                    ("leader", b(leader)),
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("isr", join_ids(isr)),
                ],
            ),
        }
    }
}

/// An event with the virtual time it happened at.
#[derive(Clone, Debug, PartialEq, Eq)]
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
