//! KRaft mode (Kafka 4.1): the controller quorum that replaced ZooKeeper.
//!
//! This module is being built (issue 14). The shared vocabulary lives here first so the
//! quorum, the controller, the tools and the page can be written side by side:
//! - [`records`]: the `__cluster_metadata` records as Kafka 4.1 writes them.
//! - [`view`]: what the page draws of the quorum and the brokers' registrations.
//! - [`partition_change`]: `PartitionChangeBuilder` (leader election, ISR, ELR) and
//!   `PartitionRegistration.merge`.
//! - [`serde`]: `__cluster_metadata` as bytes (record batches, `MetadataRecordSerde`).
//! - [`tools`]: the KRaft tools' exact text.
//!
//! Modelled version: Apache Kafka 4.1 (`metadata.version` 4.1-IV1). Names follow Kafka's
//! classes: `KafkaRaftClient` (the quorum), `QuorumController` (the active controller),
//! `PartitionChangeBuilder`, `BrokerHeartbeatManager`, `MetadataImage` / `MetadataDelta`.

mod accessor;
pub mod broker;
pub mod controller;
pub mod image;
pub mod partition_change;
pub mod raft;
pub mod records;
pub mod serde;
pub mod snapshot;
pub mod tools;
pub mod view;

/// The periodic work of KRaft nodes (beside the raft client's own timers).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KraftTimer {
    /// The active controller of `epoch`: a `NoOpRecord` and the session check, every
    /// `metadata.max.idle.interval.ms`.
    ControllerTick {
        /// The raft epoch it was set in (a later epoch's controller ignores it).
        epoch: u32,
    },
    /// A broker's `BrokerLifecycleManager`: register, or heartbeat every
    /// `broker.heartbeat.interval.ms`.
    BrokerLifecycle {
        /// Only the latest scheduled communication counts.
        gen: u64,
    },
    /// The active controller of `epoch`: the preferred-leader balance check, every
    /// `leader.imbalance.check.interval.seconds` (`auto.leader.rebalance.enable`).
    BalanceLeaders {
        /// The raft epoch it was set in.
        epoch: u32,
    },
}

/// How the cluster keeps its metadata: the notes' ZooKeeper era, or KRaft (Kafka 4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetadataMode {
    /// ZooKeeper and a `KafkaController` inside one broker (Kafka ≤ 3.9; the notes).
    #[default]
    ZooKeeper,
    /// A Raft quorum of controllers and `__cluster_metadata` (Kafka ≥ 2.8 preview, 3.3
    /// production, the only mode since 4.0).
    Kraft,
}

/// The first controller's `node.id` when controllers run on their own nodes (Kafka's own
/// test kit, `KafkaClusterTestKit`, numbers them from 3000); in combined mode a node is
/// broker and controller under one `node.id`.
pub const FIRST_CONTROLLER_ID: u32 = 3000;
