//! Admin API payloads: `CreateTopics` and `IncrementalAlterConfigs` (Kafka's `CreateTopicsRequest`, `AlterConfigsRequest`).

// Variant fields are named for what they hold; documenting each would repeat its name.
#![allow(missing_docs)]

use crate::model::BrokerId;

/// A request to create a topic (`CreateTopicsRequest` → `AdminZkClient.createTopic`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CreateTopic {
    /// Topic name.
    pub name: String,
    /// Number of partitions.
    pub partitions: u32,
    /// Replication factor.
    pub replication_factor: u32,
    /// `--config` overrides.
    pub configs: crate::vecmap::VecMap<String, String>,
}

/// Whose configs a `/config/...` znode holds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConfigEntity {
    /// `/config/topics/T`.
    Topic(String),
    /// `/config/brokers/<default>`: dynamic defaults for every broker.
    BrokerDefault,
    /// `/config/brokers/N`.
    Broker(BrokerId),
}
