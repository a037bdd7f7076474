//! The messages nodes exchange, and the effects a node's handler asks the runtime to carry out.
//!
//! Handlers never touch the queue or the network: they push [`Effect`]s, and
//! [`crate::cluster::Cluster`] turns them into scheduled deliveries and timers. This keeps
//! each handler a plain function of (state, input) that a unit test can call directly.

// Variant fields are named for what they hold; documenting each would repeat its name.
#![allow(missing_docs)]

use std::collections::{BTreeMap, BTreeSet};

use crate::event::Event;
use crate::model::{BrokerId, LeaderAndIsr, NodeId, TopicPartition, Uuid};
use crate::sim::Millis;

/// A ZooKeeper session id.
pub type SessionId = u64;

/// What ZooKeeper holds for one topic: `/brokers/topics/T` (id and assignment), the
/// partitions' `state` znodes, and `/config/topics/T`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicZnode {
    /// The topic id (KIP-516), stored with the assignment since Kafka 2.8.
    pub id: Uuid,
    /// Replica assignment: partition → brokers, preferred leader first.
    pub assignment: BTreeMap<u32, Vec<BrokerId>>,
    /// Topic config overrides.
    pub configs: BTreeMap<String, String>,
    /// `/brokers/topics/T/partitions/P/state`, once the controller has written it.
    pub states: BTreeMap<u32, LeaderAndIsr>,
}

/// What a newly elected controller reads from ZooKeeper (`initializeControllerContext`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZkSnapshot {
    /// The registered brokers (`/brokers/ids`).
    pub live_brokers: BTreeSet<BrokerId>,
    /// Every topic.
    pub topics: BTreeMap<String, TopicZnode>,
}

/// A request to create a topic (`CreateTopicsRequest` → `AdminZkClient.createTopic`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateTopic {
    /// Topic name.
    pub name: String,
    /// Number of partitions.
    pub partitions: u32,
    /// Replication factor.
    pub replication_factor: u32,
    /// `--config` overrides.
    pub configs: BTreeMap<String, String>,
}

/// One partition in a LeaderAndIsr or UpdateMetadata request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionState {
    /// Which partition.
    pub tp: TopicPartition,
    /// Its topic's id.
    pub topic_id: Uuid,
    /// Assigned replicas.
    pub replicas: Vec<BrokerId>,
    /// Leader, epoch and ISR.
    pub state: LeaderAndIsr,
}

/// Messages between nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// Create a topic's znodes (the broker's `AdminZkClient.createTopic`).
    ZkCreateTopic {
        request: u64,
        client: NodeId,
        topic: CreateTopic,
    },

    // ---- ZooKeeper → broker
    /// The session is open and `/brokers/ids/N` exists.
    ZkRegistered { session: SessionId },
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
    },

    // ---- follower ↔ leader
    /// A follower's replica fetcher asks its leader for every partition it follows there, at
    /// the leader epoch it knows. (The first cut carries no records yet: a fetch keeps the
    /// follower in touch and lets it join the ISR; the replication lab adds offsets and data.)
    Fetch {
        replica: BrokerId,
        fetch: u64,
        partitions: Vec<(TopicPartition, u32)>,
    },
    /// The leader's answer, per partition (`None` is success), after its long poll.
    FetchResponse {
        fetch: u64,
        partitions: FetchResults,
    },

    // ---- admin client ↔ broker
    /// `CreateTopicsRequest`.
    CreateTopics { request: u64, topic: CreateTopic },
    /// `CreateTopicsResponse`: `Ok` or Kafka's error message.
    CreateTopicsResponse {
        request: u64,
        name: String,
        result: Result<(), String>,
    },

    // ---- the network itself
    /// A request came back: its receiver is dead, or not yet serving requests (its socket
    /// refuses connections), or died while holding it. The sender's client treats it as a
    /// disconnect, as Kafka's `NetworkClient` does.
    Undeliverable(Box<Msg>),
}

impl Msg {
    /// True for Kafka requests (answered by brokers that serve requests); these bounce back as
    /// [`Msg::Undeliverable`] when their receiver cannot take them.
    pub fn is_request(&self) -> bool {
        matches!(
            self,
            Msg::LeaderAndIsr { .. }
                | Msg::UpdateMetadata { .. }
                | Msg::Fetch { .. }
                | Msg::CreateTopics { .. }
        )
    }

    /// A short name for drawing and logs (Kafka's API name where there is one).
    pub fn kind(&self) -> &'static str {
        match self {
            Msg::ZkRegisterBroker { .. } => "register",
            Msg::ZkPing { .. } => "ping",
            Msg::ZkCreateController { .. } => "create /controller",
            Msg::ZkWriteStates { .. } => "write state",
            Msg::ZkUpdateIsr { .. } => "update ISR",
            Msg::ZkCreateTopic { .. } => "create topic",
            Msg::ZkRegistered { .. } => "registered",
            Msg::ZkRegisterConflict => "node exists",
            Msg::ZkControllerResult { .. } => "controller?",
            Msg::ZkControllerDeleted => "watch: /controller",
            Msg::ZkBrokersChanged { .. } => "watch: /brokers/ids",
            Msg::ZkTopicCreated { .. } => "watch: /brokers/topics",
            Msg::ZkStatesWritten { .. } => "written",
            Msg::ZkStatesRejected { .. } => "rejected",
            Msg::ZkIsrChanged { .. } => "isr change",
            Msg::ZkUpdateIsrResult { .. } => "isr updated",
            Msg::ZkCreateTopicResult { .. } => "topic created",
            Msg::LeaderAndIsr { .. } => "LeaderAndIsr",
            Msg::UpdateMetadata { .. } => "UpdateMetadata",
            Msg::Fetch { .. } => "Fetch",
            Msg::FetchResponse { .. } => "Fetch response",
            Msg::CreateTopics { .. } => "CreateTopics",
            Msg::CreateTopicsResponse { .. } => "CreateTopics response",
            Msg::Undeliverable(_) => "connection refused",
        }
    }
}

/// A fetch response's per-partition results (`None` is success).
pub type FetchResults = Vec<(TopicPartition, Option<FetchError>)>;

/// Why a leader refused to serve a partition to a follower (Kafka's error names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// `NOT_LEADER_OR_FOLLOWER`: this broker does not lead the partition.
    NotLeaderOrFollower,
    /// `FENCED_LEADER_EPOCH`: the follower's epoch is older than the leader's.
    FencedLeaderEpoch,
    /// `UNKNOWN_LEADER_EPOCH`: the follower's epoch is newer (the leader has not heard yet).
    UnknownLeaderEpoch,
}

impl FetchError {
    /// Kafka's name for the error.
    pub fn name(self) -> &'static str {
        match self {
            FetchError::NotLeaderOrFollower => "NOT_LEADER_OR_FOLLOWER",
            FetchError::FencedLeaderEpoch => "FENCED_LEADER_EPOCH",
            FetchError::UnknownLeaderEpoch => "UNKNOWN_LEADER_EPOCH",
        }
    }
}

/// Timers a node can set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    /// Broker: time to ping ZooKeeper.
    ZkPing,
    /// Broker: retry the registration blocked by an old session.
    RetryRegister,
    /// Broker: a topic creation waited too long for metadata.
    CreateTopicTimeout { request: u64 },
    /// Leader: a fetch with nothing new has waited `replica.fetch.wait.max.ms`; answer it.
    FetchWait { replica: BrokerId, fetch: u64 },
    /// Follower: retry fetching from this leader after `replica.fetch.backoff.ms`.
    FetchBackoff { leader: BrokerId },
    /// Admin client: retry a request after `retry.backoff.ms`.
    AdminRetry { request: u64 },
    /// Controller: the periodic preferred-leader imbalance check.
    LeaderImbalanceCheck,
    /// ZooKeeper: check whether a session has been silent too long.
    SessionCheck { session: SessionId },
}

/// What a handler asks the runtime to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Send `msg` to `to` over the network.
    Send { to: NodeId, msg: Msg },
    /// Fire `timer` on this node after `after` ms.
    SetTimer { after: Millis, timer: Timer },
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
