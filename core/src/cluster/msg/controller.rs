//! Controller → broker payloads: a partition's state in `LeaderAndIsr` / `UpdateMetadata` (Kafka's `LeaderAndIsrRequest`).

use crate::model::{BrokerId, LeaderAndIsr, TopicPartition, Uuid};

/// One partition in a LeaderAndIsr or UpdateMetadata request.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PartitionState {
    /// Which partition.
    pub tp: TopicPartition,
    /// Its topic's id.
    pub topic_id: Uuid,
    /// Assigned replicas.
    pub replicas: Vec<BrokerId>,
    /// Leader, epoch and ISR.
    pub state: LeaderAndIsr,
    /// The topic's config overrides (`/config/topics/T`), which a broker loads with the log.
    pub configs: crate::vecmap::VecMap<String, String>,
}
