//! The messages nodes exchange, and the effects a node's handler asks the runtime to carry out.
//!
//! Handlers never touch the queue or the network: they push [`Effect`]s, and
//! [`crate::cluster::Cluster`] turns them into scheduled deliveries and timers. This keeps
//! each handler a plain function of (state, input) that a unit test can call directly.

// Variant fields are named for what they hold; documenting each would repeat its name.
#![allow(missing_docs)]

mod admin;
mod controller;
mod errors;
mod fetch;
mod kind;
mod produce;
mod zookeeper;

pub use admin::{ConfigEntity, CreateTopic};
pub use controller::PartitionState;
pub use errors::KafkaError;
pub use fetch::{
    ConsumerFetch, ConsumerFetchPartition, ConsumerFetched, FetchPartition, FetchedPartition,
    OffsetSpec,
};
pub use produce::{Acks, ProduceBatch};
pub use zookeeper::{SessionId, TopicZnode, ZkSnapshot};

use crate::idxmap::IdxMap;
use std::collections::BTreeSet;

use crate::event::Event;
use crate::log::Offset;
use crate::model::{BrokerId, LeaderAndIsr, NodeId, TopicPartition, Uuid};
use crate::sim::Millis;

/// Messages between nodes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Msg {
    // ---- broker → ZooKeeper
    /// Open a session and create ephemeral `/brokers/ids/N`.
    ZkRegisterBroker { broker: BrokerId },
    /// Session keep-alive.
    ZkPing { session: SessionId },
    /// Try to create ephemeral `/controller`.
    ZkCreateController {
        session: SessionId,
        broker: BrokerId,
    },
    /// The controller writes partition states; ZooKeeper rejects it unless
    /// `controller_epoch` is current (the controller-epoch fencing of KIP-… / zkVersion check).
    ZkWriteStates {
        controller_epoch: u32,
        /// New states; each one's `zk_version` is the version it expects to replace.
        writes: Vec<(TopicPartition, LeaderAndIsr)>,
    },
    /// A partition leader changes its ISR (ZooKeeper-era `Partition.expandIsr`): a conditional
    /// update that fails unless `expected_zk_version` matches.
    ZkUpdateIsr {
        tp: TopicPartition,
        expected_zk_version: u32,
        new: LeaderAndIsr,
    },
    /// Set a `/config/...` znode (`kafka-configs.sh --alter`); ZooKeeper notifies the brokers.
    ZkSetConfig {
        request: u64,
        client: NodeId,
        entity: ConfigEntity,
        configs: crate::vecmap::VecMap<String, String>,
    },
    /// Add partitions to a topic: rewrite `/brokers/topics/T` with the new partitions'
    /// replicas (the broker's `AdminZkClient.addPartitions`). Answered with
    /// `ZkCreateTopicResult`.
    ZkAddPartitions {
        request: u64,
        client: NodeId,
        topic: String,
        count: u32,
    },
    /// Create a topic's znodes (the broker's `AdminZkClient.createTopic`).
    ZkCreateTopic {
        request: u64,
        client: NodeId,
        topic: CreateTopic,
    },

    // ---- ZooKeeper → broker
    /// The session is open and `/brokers/ids/N` exists.
    ZkRegistered { session: SessionId },
    /// Answer to a ping: the session is alive.
    ZkPong { session: SessionId },
    /// The server refused the connection: the ensemble has no leader (no quorum, or an
    /// election). The session is not expired; the client tries again.
    ZkConnectionLoss,
    /// A `/config/...` znode changed (the `/config/changes` notification).
    ZkConfigChanged {
        entity: ConfigEntity,
        configs: crate::vecmap::VecMap<String, String>,
    },
    /// To the admin client's broker: the config was written.
    ZkSetConfigResult { request: u64, client: NodeId },
    /// `/brokers/ids/N` is still held by an older session of the same broker.
    ZkRegisterConflict,
    /// Result of trying to create `/controller`.
    ZkControllerResult {
        holder: BrokerId,
        epoch: u32,
        /// Present when the asker won: everything it needs to take over.
        snapshot: Option<ZkSnapshot>,
    },
    /// The watch on `/controller` fired: it was deleted.
    ZkControllerDeleted,
    /// To the controller: `/brokers/ids` changed.
    ZkBrokersChanged { live: BTreeSet<BrokerId> },
    /// To the controller: a topic was created.
    ZkTopicCreated { name: String, topic: TopicZnode },
    /// To the controller: the watch on `/brokers/topics/T` fired: partitions were added.
    ZkPartitionsAdded { name: String, topic: TopicZnode },
    /// To the controller: its state write landed.
    ZkStatesWritten {
        writes: Vec<(TopicPartition, LeaderAndIsr)>,
        /// Writes refused because the znode had moved on, with what it holds now.
        conflicts: Vec<(TopicPartition, LeaderAndIsr)>,
    },
    /// To the controller: its write was rejected (a newer controller exists).
    ZkStatesRejected { current_epoch: u32 },
    /// To the controller: a leader changed an ISR (`/isr_change_notification`).
    ZkIsrChanged {
        tp: TopicPartition,
        state: LeaderAndIsr,
    },
    /// To the leader: result of its conditional ISR update.
    ZkUpdateIsrResult {
        tp: TopicPartition,
        accepted: bool,
        state: LeaderAndIsr,
    },
    /// Create `/admin/delete_topics/T` (`AdminZkClient.deleteTopic`, or the 2.x tool's own
    /// `--zookeeper` write when `client` is the admin tool).
    ZkDeleteTopic {
        request: u64,
        client: NodeId,
        topic: String,
    },
    /// To the broker that asked: `Ok`, or Kafka's error message.
    ZkDeleteTopicResult {
        request: u64,
        client: NodeId,
        result: Result<(), String>,
    },
    /// To the controller: the watch on `/admin/delete_topics` fired.
    ZkTopicDeletionMarked { name: String },
    /// From the controller: every replica is gone; delete `/brokers/topics/T` (with its
    /// partition-state znodes) and `/admin/delete_topics/T` (`completeDeleteTopic`).
    ZkRemoveTopic { name: String },
    /// To the broker that asked: result of a topic creation.
    ZkCreateTopicResult {
        request: u64,
        client: NodeId,
        name: String,
        result: Result<(), String>,
    },

    // ---- controller → broker
    /// Become leader or follower of these partitions.
    LeaderAndIsr {
        controller: BrokerId,
        controller_epoch: u32,
        partitions: Vec<PartitionState>,
    },
    /// Refresh the metadata cache.
    UpdateMetadata {
        controller: BrokerId,
        controller_epoch: u32,
        live_brokers: BTreeSet<BrokerId>,
        partitions: Vec<PartitionState>,
        /// Partitions being deleted (sent with leader -2, `LeaderDuringDelete`): the cache
        /// drops them.
        deleted: Vec<TopicPartition>,
    },
    /// `StopReplicaRequest` with `deletePartitions=true`: stop these replicas and delete their
    /// logs.
    StopReplica {
        controller: BrokerId,
        controller_epoch: u32,
        partitions: Vec<TopicPartition>,
    },
    /// `StopReplicaResponse`: the replicas are stopped and their logs deleted.
    StopReplicaResponse { partitions: Vec<TopicPartition> },

    // ---- follower ↔ leader
    /// A follower's replica fetcher asks its leader for every partition it follows there.
    Fetch {
        replica: BrokerId,
        fetch: u64,
        partitions: Vec<FetchPartition>,
    },
    /// The leader's answer (immediately if it has records or an error, else after its long
    /// poll of `replica.fetch.wait.max.ms`).
    FetchResponse {
        fetch: u64,
        partitions: Vec<FetchedPartition>,
    },
    /// A new follower asks where its last epoch ended on the leader (KIP-101), to know where
    /// to truncate.
    OffsetsForLeaderEpoch {
        replica: BrokerId,
        tp: TopicPartition,
        current_epoch: u32,
        epoch: u32,
    },
    /// The leader's answer: the largest epoch it knows up to the one asked, and its end.
    OffsetsForLeaderEpochResponse {
        tp: TopicPartition,
        current_epoch: u32,
        result: Result<Option<(u32, Offset)>, KafkaError>,
    },

    // ---- producers ↔ brokers
    /// `ProduceRequest`: one batch for each of some partitions the receiver leads.
    Produce {
        request: u64,
        batches: Vec<ProduceBatch>,
        acks: Acks,
        timeout_ms: Millis,
    },
    /// `ProduceResponse`: per partition, the base offset, or an error.
    ProduceResponse {
        request: u64,
        results: Vec<(TopicPartition, Result<Offset, KafkaError>)>,
    },
    /// `InitProducerIdRequest`: with a transactional id and `transaction.timeout.ms` for a
    /// transactional producer (sent to its coordinator), without for an idempotent one.
    InitProducerId {
        request: u64,
        transactional_id: Option<(String, Millis)>,
    },
    /// `FindCoordinatorRequest` (key type TRANSACTION).
    FindCoordinator { request: u64, key: String },
    /// `FindCoordinatorResponse`: the coordinator broker.
    FindCoordinatorResponse {
        request: u64,
        result: Result<BrokerId, KafkaError>,
    },
    /// `AddPartitionsToTxnRequest`.
    AddPartitionsToTxn {
        request: u64,
        transactional_id: String,
        producer_id: i64,
        epoch: i16,
        partitions: Vec<TopicPartition>,
    },
    /// `AddPartitionsToTxnResponse`.
    AddPartitionsToTxnResponse {
        request: u64,
        result: Result<(), KafkaError>,
    },
    /// `EndTxnRequest`: commit (true) or abort.
    EndTxn {
        request: u64,
        transactional_id: String,
        producer_id: i64,
        epoch: i16,
        commit: bool,
    },
    /// `EndTxnResponse`.
    EndTxnResponse {
        request: u64,
        result: Result<(), KafkaError>,
    },
    /// `WriteTxnMarkersRequest`, coordinator → partition leader: one marker batch per
    /// partition (answered with a `ProduceResponse`-shaped result per partition).
    WriteTxnMarkers {
        request: u64,
        batches: Vec<ProduceBatch>,
    },
    /// `WriteTxnMarkersResponse`.
    WriteTxnMarkersResponse {
        request: u64,
        results: Vec<(TopicPartition, Result<Offset, KafkaError>)>,
    },
    /// `InitProducerIdResponse`: the producer id and epoch.
    InitProducerIdResponse {
        request: u64,
        result: Result<(i64, i16), KafkaError>,
    },
    /// A broker takes the next block of producer ids from `/latest_producer_id_block`.
    ZkAllocateProducerIds,
    /// ZooKeeper's answer: the first id of the block (blocks of 1000).
    ZkProducerIdBlock { start: i64 },
    /// `MetadataRequest` (all topics).
    Metadata { request: u64 },
    /// `MetadataResponse`: partitions and their leaders, as the broker's cache has them; the
    /// live brokers and the controller id (ZooKeeper mode: the controller broker as the cache
    /// knows it; KRaft: a random unfenced broker, as Kafka 4.1's `getRandomAliveBrokerId`).
    MetadataResponse {
        request: u64,
        partitions: IdxMap<TopicPartition, Option<BrokerId>>,
        brokers: Vec<BrokerId>,
        controller: Option<BrokerId>,
    },

    // ---- admin client ↔ broker
    /// `CreateTopicsRequest`.
    CreateTopics { request: u64, topic: CreateTopic },
    /// `CreatePartitionsRequest`: raise `topic`'s partition count to `count`. Answered with
    /// `CreateTopicsResponse` (the lab's one admin answer).
    CreatePartitions {
        request: u64,
        topic: String,
        count: u32,
    },
    /// `CreateTopicsResponse`: `Ok` or Kafka's error message.
    CreateTopicsResponse {
        request: u64,
        name: String,
        result: Result<(), String>,
    },
    /// `AlterConfigsRequest` (the ZooKeeper-era admin path writes the znode directly).
    AlterConfigs {
        request: u64,
        entity: ConfigEntity,
        configs: crate::vecmap::VecMap<String, String>,
    },
    /// `AlterConfigsResponse`.
    AlterConfigsResponse { request: u64 },
    /// `DeleteTopicsRequest` (one topic).
    DeleteTopics { request: u64, topic: String },
    /// `ElectLeadersRequest` (`kafka-leader-election.sh`; KRaft): `None` is every partition.
    ElectLeaders {
        request: u64,
        election: crate::kraft::controller::admin::ElectionType,
        partitions: Option<Vec<TopicPartition>>,
    },
    /// `ElectLeadersResponse`: each partition's outcome.
    ElectLeadersResponse {
        request: u64,
        results: Vec<(
            TopicPartition,
            crate::kraft::controller::admin::ElectionOutcome,
        )>,
    },
    /// `DeleteTopicsResponse`: `Ok` once `/admin/delete_topics/T` is written, or Kafka's error.
    DeleteTopicsResponse {
        request: u64,
        result: Result<(), String>,
    },

    // ---- consumers and the admin tool ↔ group coordinator
    /// A group protocol or offset request (`FindCoordinator` of a group, `JoinGroup`,
    /// `SyncGroup`, `Heartbeat`, `LeaveGroup`, `OffsetCommit`, `OffsetFetch`).
    Group {
        request: u64,
        req: super::group::GroupRequest,
    },
    /// Its answer.
    GroupResponse {
        request: u64,
        resp: super::group::GroupResponse,
    },

    // ---- consumers ↔ partition leaders
    /// A consumer's `FetchRequest` to a partition leader.
    ConsumerFetch { request: u64, fetch: ConsumerFetch },
    /// Its answer: at once if `fetch.min.bytes` are readable (or on an error), else when
    /// enough arrive or `fetch.max.wait.ms` passes (`DelayedFetch`).
    ConsumerFetchResponse {
        request: u64,
        partitions: Vec<ConsumerFetched>,
    },
    /// `ListOffsetsRequest` (`auto.offset.reset`, `seekToBeginning`, `seekToEnd`).
    ListOffsets {
        request: u64,
        read_committed: bool,
        partitions: Vec<(TopicPartition, OffsetSpec)>,
    },
    /// `ListOffsetsResponse`: per partition, the offset or an error.
    ListOffsetsResponse {
        request: u64,
        results: Vec<(TopicPartition, Result<Offset, KafkaError>)>,
    },

    // ---- pre-0.9 consumers ↔ ZooKeeper (`offsets.storage=zookeeper`)
    /// Writes `/consumers/G/offsets/T/P` for each partition.
    ZkCommitOffsets {
        request: u64,
        group: String,
        offsets: IdxMap<TopicPartition, Offset>,
    },
    /// The znodes are written.
    ZkOffsetsCommitted { request: u64 },
    /// Reads `/consumers/G/offsets/T/P`.
    ZkFetchOffsets {
        request: u64,
        group: String,
        partitions: Vec<TopicPartition>,
    },
    /// What the znodes hold (absent ones left out).
    ZkOffsets {
        request: u64,
        offsets: IdxMap<TopicPartition, Offset>,
    },

    // ---- the network itself
    /// A request came back: its receiver is dead, or not yet serving requests (its socket
    /// refuses connections), or died while holding it. The sender's client treats it as a
    /// disconnect, as Kafka's `NetworkClient` does.
    Undeliverable(Box<Msg>),

    // ---- KRaft (Kafka 4.1): the quorum's RPCs, between controllers (and brokers fetching
    // as observers), and the brokers' requests to the active controller
    /// `Vote` (KIP-595), or a pre-vote (KIP-996, `pre_vote`: the epoch is not bumped yet).
    Vote {
        epoch: u32,
        candidate: u32,
        last_epoch: u32,
        last_offset: u64,
        pre_vote: bool,
    },
    /// The answer to a `Vote`.
    VoteResponse {
        epoch: u32,
        leader: Option<u32>,
        granted: bool,
        pre_vote: bool,
    },
    /// The new leader tells the voters it leads `epoch`.
    BeginQuorumEpoch { epoch: u32, leader: u32 },
    /// The answer to `BeginQuorumEpoch`.
    BeginQuorumEpochResponse { epoch: u32 },
    /// A leader shutting down cleanly resigns `epoch` (KIP-595 `EndQuorumEpoch`): the voters
    /// start an election after a backoff by their place in `preferred_successors` (the
    /// other voters by descending fetch offset).
    EndQuorumEpoch {
        epoch: u32,
        leader: u32,
        preferred_successors: Vec<u32>,
    },
    /// The answer to `EndQuorumEpoch`.
    EndQuorumEpochResponse { epoch: u32 },
    /// A voter or an observer (a broker) fetches `__cluster_metadata` from the leader.
    RaftFetch {
        epoch: u32,
        replica: u32,
        fetch_offset: u64,
        last_fetched_epoch: u32,
    },
    /// The leader's answer: records and its high watermark, a diverging epoch, or an error
    /// naming the current epoch and leader.
    RaftFetchResponse {
        epoch: u32,
        leader: Option<u32>,
        result: crate::kraft::raft::FetchResult,
    },
    /// KIP-630: a follower or observer whose fetch was answered with a snapshot id fetches
    /// that snapshot from the leader.
    FetchSnapshot {
        epoch: u32,
        replica: u32,
        end_offset: u64,
        snapshot_epoch: u32,
    },
    /// The leader's answer: the snapshot (the lab sends it whole), or `None` (not the
    /// leader, another epoch, or `SNAPSHOT_NOT_FOUND`).
    FetchSnapshotResponse {
        epoch: u32,
        leader: Option<u32>,
        snapshot: Option<Box<crate::kraft::raft::RaftSnapshot>>,
    },
    /// A broker registers with the active controller (`BrokerRegistrationRequest`).
    BrokerRegistration {
        broker: BrokerId,
        incarnation: Uuid,
        /// The epoch it saved at its last clean shutdown, -1 if none (`kill -9`).
        previous_broker_epoch: i64,
    },
    /// The controller's answer once the `RegisterBrokerRecord` is committed: the broker
    /// epoch (the record's offset), or an error (`NOT_CONTROLLER`).
    BrokerRegistrationResponse { result: Result<u64, KafkaError> },
    /// A broker's heartbeat (`BrokerHeartbeatRequest`).
    BrokerHeartbeat {
        broker: BrokerId,
        broker_epoch: u64,
        current_metadata_offset: u64,
        want_fence: bool,
        want_shut_down: bool,
    },
    /// The controller's answer.
    BrokerHeartbeatResponse {
        result: Result<crate::kraft::controller::HeartbeatReply, KafkaError>,
    },
    /// A partition leader asks the active controller to change the ISR (`AlterPartition`).
    AlterPartition {
        broker: BrokerId,
        broker_epoch: u64,
        tp: TopicPartition,
        leader_epoch: u32,
        partition_epoch: u32,
        new_isr: Vec<BrokerId>,
    },
    /// The controller's answer once the change is committed: the partition as it now is
    /// (`zk_version` carries the partition epoch), or an error.
    AlterPartitionResponse {
        tp: TopicPartition,
        result: Result<LeaderAndIsr, KafkaError>,
    },
    /// A broker's transaction coordinator asks the active controller for a block of
    /// producer ids (`AllocateProducerIds`, written as a `ProducerIdsRecord`).
    AllocateProducerIds { broker: BrokerId, broker_epoch: u64 },
    /// The block's first id, once committed.
    AllocateProducerIdsResponse { start: u64 },
}

/// Timers a node can set.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Timer {
    /// Broker: time to ping ZooKeeper.
    ZkPing,
    /// ZooKeeper: election round `round` ends; the new leader serves.
    ZkElection { round: u32 },
    /// Broker: retry the registration blocked by an old session.
    RetryRegister,
    /// Broker: a topic creation waited too long for metadata.
    CreateTopicTimeout { request: u64 },
    /// Broker: an internal topic's creation asked on `FindCoordinator` got no answer.
    AutoTopicCreationTimeout { request: u64 },
    /// Leader: a fetch with nothing new has waited `replica.fetch.wait.max.ms`; answer it.
    FetchWait { replica: BrokerId, fetch: u64 },
    /// Follower: retry fetching from this leader after `replica.fetch.backoff.ms`.
    FetchBackoff { leader: BrokerId },
    /// Admin client: a call's retry is due (`retry.backoff.ms`), or its deadline; request 0:
    /// the next metadata attempt.
    AdminRetry { request: u64 },
    /// Leader: a produce with `acks=all` waited `timeout.ms` for the ISR.
    ProduceTimeout {
        client: NodeId,
        request: u64,
        tp: TopicPartition,
        required: Offset,
    },
    /// Leader: the periodic `isr-expiration` check (every `replica.lag.time.max.ms` / 2).
    IsrExpiration,
    /// Broker: write the high watermarks to `replication-offset-checkpoint`.
    HwCheckpoint,
    /// Broker: delete segments past retention (every `log.retention.check.interval.ms`).
    RetentionCheck,
    /// Follower: ask the leader about epochs again after an error.
    RetryTruncation { tp: TopicPartition },
    /// Follower: a slowed broker's fetch leaves after its delay.
    DelayedFetch { leader: BrokerId },
    /// Follower: no answer to a fetch within `replica.socket.timeout.ms`.
    FetchTimeout { leader: BrokerId, fetch: u64 },
    /// Producer: the sender thread wakes (a batch may be ready: linger over, backoff over).
    ProducerWakeup { incarnation: u32 },
    /// Producer: a request waited `request.timeout.ms` for its answer.
    ProducerRequestTimeout { request: u64 },
    /// Controller: the periodic preferred-leader imbalance check.
    LeaderImbalanceCheck,
    /// ZooKeeper: check whether a session has been silent too long.
    SessionCheck { session: SessionId },
    /// Transaction coordinator: look for timed-out transactions
    /// (`transaction.abort.timed.out.transaction.cleanup.interval.ms`).
    TxnTimeoutCheck,
    /// Transaction coordinator: send the markers of transactions still completing again.
    TxnMarkerRetry,
    /// Group coordinator: a join deadline or a member's session check.
    Group(super::group::GroupTimer),
    /// Consumer: time to heartbeat (and to check `max.poll.interval.ms`).
    ConsumerHeartbeat,
    /// Consumer: retry finding the coordinator or joining after `retry.backoff.ms`.
    ConsumerRetry,
    /// Consumer: `max.poll.interval.ms` passed since a stalled application's last poll.
    ConsumerPollTimeout,
    /// Leader: a consumer's fetch has waited `fetch.max.wait.ms`; answer with what there is.
    ConsumerFetchWait { client: NodeId, request: u64 },
    /// Consumer: look up leaders and send fetches again after `retry.backoff.ms`.
    ConsumerFetchRetry,
    /// Consumer (group leader): `metadata.max.age.ms` passed; refresh the metadata to see
    /// whether a subscribed topic's partition count changed.
    ConsumerMetadataMaxAge,
    /// Consumer: a fetch, `ListOffsets` or metadata request waited `request.timeout.ms`.
    ConsumerRequestTimeout { request: u64 },
    /// Consumer: the application's poll loop (`consumer run`) calls `poll()` again; `run`
    /// tells a loop started later from an older one.
    ConsumerAppPoll { run: u32 },
    /// KRaft: a timer of the node's `KafkaRaftClient`, valid only in the state (`gen`) that
    /// set it.
    Raft {
        gen: u64,
        timer: crate::kraft::raft::RaftTimer,
    },
    /// KRaft: the controller's and the broker's periodic work (`NoOpRecord`s, session
    /// checks, heartbeats).
    Kraft(crate::kraft::KraftTimer),
}

/// What a handler asks the runtime to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Send `msg` to `to` over the network.
    Send { to: NodeId, msg: Msg },
    /// Fire `timer` on this node after `after` ms.
    SetTimer { after: Millis, timer: Timer },
    /// A producer's note for the ledger.
    Ledger(crate::ledger::LedgerNote),
}

/// The context a handler runs in: the time, and where its effects and events go.
pub struct Ctx<'a> {
    /// Current virtual time.
    pub now: Millis,
    /// Effects to carry out.
    pub out: &'a mut Vec<Effect>,
    /// Events to record.
    pub events: &'a mut Vec<Event>,
    /// The simulation's generator (e.g. for topic ids and placement).
    pub rng: &'a mut crate::sim::SimRng,
}

#[cfg(test)]
impl Ctx<'_> {
    /// Tests: runs one handler `f` on a fresh context at virtual time `now` (generator seed 1);
    /// its result, the effects it queued and the events it recorded.
    pub(crate) fn test_run<R>(
        now: Millis,
        f: impl FnOnce(&mut Ctx<'_>) -> R,
    ) -> (R, Vec<Effect>, Vec<Event>) {
        let (mut out, mut events, mut rng) = (Vec::new(), Vec::new(), crate::sim::SimRng::new(1));
        let r = f(&mut Ctx {
            now,
            out: &mut out,
            events: &mut events,
            rng: &mut rng,
        });
        (r, out, events)
    }
}

impl Ctx<'_> {
    /// Queue a message.
    pub fn send(&mut self, to: NodeId, msg: Msg) {
        self.out.push(Effect::Send { to, msg });
    }

    /// Queue a timer on the current node.
    pub fn timer(&mut self, after: Millis, timer: Timer) {
        self.out.push(Effect::SetTimer { after, timer });
    }

    /// Record an event.
    pub fn event(&mut self, e: Event) {
        self.events.push(e);
    }
}
