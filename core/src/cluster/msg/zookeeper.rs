//! ZooKeeper's side of the wire: sessions, znodes as the brokers and the controller read them (the ZooKeeper era).

use super::admin::ConfigEntity;
use crate::model::{BrokerId, LeaderAndIsr, Uuid};
use std::collections::{BTreeMap, BTreeSet};

/// A ZooKeeper session id.
pub type SessionId = u64;

/// What ZooKeeper holds for one topic: `/brokers/topics/T` (id and assignment), the
/// partitions' `state` znodes, and `/config/topics/T`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TopicZnode {
    /// The topic id (KIP-516), stored with the assignment since Kafka 2.8.
    pub id: Uuid,
    /// Replica assignment: partition → brokers, preferred leader first.
    pub assignment: BTreeMap<u32, Vec<BrokerId>>,
    /// Topic config overrides.
    pub configs: crate::vecmap::VecMap<String, String>,
    /// `/brokers/topics/T/partitions/P/state`, once the controller has written it.
    pub states: crate::vecmap::VecMap<u32, LeaderAndIsr>,
}

/// What a newly elected controller reads from ZooKeeper (`initializeControllerContext`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ZkSnapshot {
    /// The registered brokers (`/brokers/ids`).
    pub live_brokers: BTreeSet<BrokerId>,
    /// Dynamic broker configs (`/config/brokers/...`).
    pub broker_configs: BTreeMap<ConfigEntity, crate::vecmap::VecMap<String, String>>,
    /// Every topic.
    pub topics: crate::vecmap::VecMap<String, TopicZnode>,
    /// `/admin/delete_topics`: topics marked for deletion.
    pub delete_topics: BTreeSet<String>,
}
