//! The `__cluster_metadata` records as Kafka 4.1 writes them
//! (`metadata/src/main/resources/common/metadata/*.json`), typed. Formatting them the way
//! `kafka-dump-log.sh --cluster-metadata-decoder` prints them is done in the tools module.
//!
//! Kafka's field names are kept (in snake case); -1 / -2 sentinels are kept as Kafka writes
//! them where the tools print them (`Leader: -1` no leader, `-2` no change).
#![allow(missing_docs)] // fields are the JSON schemas' fields, named as Kafka names them

use crate::model::{BrokerId, Uuid};

/// `PartitionChangeRecord.Leader` when the leader does not change.
pub const NO_LEADER_CHANGE: i32 = -2;
/// A leader of -1: the partition has none.
pub const NO_LEADER: i32 = -1;

/// One entry of `__cluster_metadata`: the offset it was written at, the Raft epoch of the
/// leader that wrote it, the leader's (virtual) append time, and the record.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MetadataEntry {
    pub offset: u64,
    pub epoch: u32,
    pub append_time_ms: u64,
    pub record: MetadataRecord,
}

/// The records the lab's controllers write (a subset of Kafka's 4.1 set, by name).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MetadataRecord {
    /// `RegisterBrokerRecord` (type 0): a broker registered (or re-registered with a new
    /// incarnation after a restart).
    RegisterBroker(RegisterBrokerRecord),
    /// `UnregisterBrokerRecord` (type 1).
    UnregisterBroker {
        broker_id: BrokerId,
        broker_epoch: u64,
    },
    /// `TopicRecord` (type 2).
    Topic { name: String, topic_id: Uuid },
    /// `PartitionRecord` (type 3).
    Partition(PartitionRecord),
    /// `ConfigRecord` (type 4): `resource_type` 2 = topic, 4 = broker (`ConfigResource.Type`).
    Config {
        resource_type: i8,
        resource_name: String,
        name: String,
        value: Option<String>,
    },
    /// `PartitionChangeRecord` (type 5).
    PartitionChange(PartitionChangeRecord),
    /// `FenceBrokerRecord` (type 7), written before `metadata.version` 3.3-IV3 only.
    FenceBroker { id: BrokerId, epoch: u64 },
    /// `UnfenceBrokerRecord` (type 8), written before `metadata.version` 3.3-IV3 only.
    UnfenceBroker { id: BrokerId, epoch: u64 },
    /// `RemoveTopicRecord` (type 9).
    RemoveTopic { topic_id: Uuid },
    /// `FeatureLevelRecord` (type 12).
    FeatureLevel { name: String, feature_level: i16 },
    /// `ProducerIdsRecord` (type 15): a block of producer ids handed to a broker.
    ProducerIds {
        broker_id: BrokerId,
        broker_epoch: u64,
        next_producer_id: i64,
    },
    /// `BrokerRegistrationChangeRecord` (type 17): `fenced` is 1 (fenced), -1 (unfenced) or
    /// 0 (no change); `in_controlled_shutdown` 1 or 0.
    BrokerRegistrationChange {
        broker_id: BrokerId,
        broker_epoch: u64,
        fenced: i8,
        in_controlled_shutdown: i8,
    },
    /// `NoOpRecord` (type 20): the active controller writes one every
    /// `metadata.max.idle.interval.ms` (500 ms) so the high watermark keeps moving.
    NoOp,
    /// The `LeaderChangeMessage` control record a new Raft leader writes first.
    LeaderChange {
        leader_id: u32,
        voters: Vec<u32>,
        granting_voters: Vec<u32>,
    },
}

/// `RegisterBrokerRecord`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RegisterBrokerRecord {
    pub broker_id: BrokerId,
    pub incarnation_id: Uuid,
    /// The broker epoch: the offset of this record in the metadata log.
    pub broker_epoch: u64,
    /// `PLAINTEXT://localhost:909N` as (name, host, port).
    pub end_points: Vec<(String, String, u16)>,
    pub rack: Option<String>,
    pub fenced: bool,
    pub in_controlled_shutdown: bool,
    pub log_dirs: Vec<Uuid>,
    /// `Features`: (name, min supported, max supported) as the broker advertises them
    /// (see `tools::features::kafka_41_supported`).
    pub features: Vec<(String, i16, i16)>,
}

/// `PartitionRecord`: a partition as created.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PartitionRecord {
    pub partition_id: u32,
    pub topic_id: Uuid,
    pub replicas: Vec<BrokerId>,
    pub isr: Vec<BrokerId>,
    pub removing_replicas: Vec<BrokerId>,
    pub adding_replicas: Vec<BrokerId>,
    /// -1: none.
    pub leader: i32,
    /// 0 recovered, 1 recovering (`LeaderRecoveryState`).
    pub leader_recovery_state: i8,
    pub leader_epoch: u32,
    pub partition_epoch: u32,
    /// KIP-966.
    pub eligible_leader_replicas: Vec<BrokerId>,
    pub last_known_elr: Vec<BrokerId>,
    /// KIP-858 (version 1+): the log directory of each replica, in `replicas` order
    /// (`DirectoryId.UNASSIGNED`, the zero uuid, until a broker reports one).
    pub directories: Vec<Uuid>,
}

/// `PartitionChangeRecord`: only the fields that change are present (`None`), the leader
/// is [`NO_LEADER_CHANGE`] when it does not change. Applying one bumps the partition epoch;
/// a new leader (or, as `PartitionChangeBuilder` decides, some ISR changes) bumps the
/// leader epoch.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PartitionChangeRecord {
    pub partition_id: u32,
    pub topic_id: Uuid,
    pub isr: Option<Vec<BrokerId>>,
    pub leader: i32,
    pub replicas: Option<Vec<BrokerId>>,
    pub removing_replicas: Option<Vec<BrokerId>>,
    pub adding_replicas: Option<Vec<BrokerId>>,
    /// `None` is Kafka's -1 (no change).
    pub leader_recovery_state: Option<i8>,
    pub directories: Option<Vec<Uuid>>,
    pub eligible_leader_replicas: Option<Vec<BrokerId>>,
    pub last_known_elr: Option<Vec<BrokerId>>,
}

impl PartitionChangeRecord {
    /// A record changing nothing yet (leader [`NO_LEADER_CHANGE`]).
    pub fn new(topic_id: Uuid, partition_id: u32) -> Self {
        Self {
            partition_id,
            topic_id,
            isr: None,
            leader: NO_LEADER_CHANGE,
            replicas: None,
            removing_replicas: None,
            adding_replicas: None,
            leader_recovery_state: None,
            directories: None,
            eligible_leader_replicas: None,
            last_known_elr: None,
        }
    }
}
