//! `MetadataImage` / `MetadataDelta` (Kafka's `org.apache.kafka.image`): the cluster's
//! metadata as the records of `__cluster_metadata` build it, replayed one entry at a time.
//! Controllers replay it (the active one as it writes, the others up to the high watermark);
//! brokers replay what their observer fetched, up to the high watermark, and act on each
//! change (`ReplicaManager.applyDelta`).

use crate::idxmap::IdxMap;
use std::collections::BTreeMap;

use crate::cluster::msg::TopicZnode;
use crate::kraft::records::{
    MetadataEntry, MetadataRecord, PartitionRecord, RegisterBrokerRecord, NO_LEADER,
};
use crate::model::{BrokerId, LeaderAndIsr, TopicPartition, Uuid};

/// A broker's registration (`BrokerRegistration`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BrokerRegistration {
    /// The broker epoch: the offset of its `RegisterBrokerRecord`.
    pub epoch: u64,
    /// Its incarnation (a new one each start).
    pub incarnation: Uuid,
    /// Fenced: no leaderships, not in any ISR.
    pub fenced: bool,
    /// In controlled shutdown.
    pub in_controlled_shutdown: bool,
    /// Its `RegisterBrokerRecord` (end points, rack, log dirs, features) as registered, with
    /// `fenced` and `in_controlled_shutdown` cleared: a snapshot writes it back with the
    /// current ones (`BrokerRegistration.toRecord`).
    pub record: RegisterBrokerRecord,
}

/// What one replayed entry changed (`MetadataDelta`, one record at a time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A partition was created or changed.
    Partition(TopicPartition),
    /// A broker's registration changed.
    Broker(BrokerId),
    /// A topic's config changed.
    TopicConfig(String),
    /// A broker (or the cluster-wide broker default) config changed.
    BrokerConfig(crate::cluster::msg::ConfigEntity),
    /// A topic was removed (`RemoveTopicRecord`) with these partitions.
    TopicRemoved(Vec<TopicPartition>),
    /// Nothing a broker acts on.
    None,
}

/// The metadata image.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MetadataImage {
    /// Entries replayed: the next offset to replay (Kafka's image "offset" is this − 1).
    pub offset: u64,
    /// Finalized feature levels (`FeatureLevelRecord`).
    pub features: IdxMap<String, i16>,
    /// Registered brokers.
    pub brokers: crate::vecmap::VecMap<BrokerId, BrokerRegistration>,
    /// Topics by name, in the shape the tools read (id, assignment, configs, partition
    /// states; a state's `zk_version` is the partition epoch, `controller_epoch` is 0).
    pub topics: crate::vecmap::VecMap<String, TopicZnode>,
    /// Topic names by id.
    pub topic_names: crate::vecmap::VecMap<Uuid, String>,
    /// Every partition's registration.
    pub partitions: IdxMap<TopicPartition, PartitionRecord>,
    /// The next producer id block's start (`ProducerIdsRecord`).
    pub next_producer_id: i64,
    /// Dynamic broker configs (`ConfigRecord`s of resource type BROKER), by entity.
    pub broker_configs:
        BTreeMap<crate::cluster::msg::ConfigEntity, crate::vecmap::VecMap<String, String>>,
}

impl MetadataImage {
    /// The unfenced registered brokers.
    pub fn unfenced(&self) -> Vec<BrokerId> {
        self.brokers
            .iter()
            .filter(|(_, r)| !r.fenced)
            .map(|(&b, _)| b)
            .collect()
    }

    /// The dynamic configs of an entity as the image has them.
    pub fn configs_of(
        &self,
        entity: &crate::cluster::msg::ConfigEntity,
    ) -> crate::vecmap::VecMap<String, String> {
        match entity {
            crate::cluster::msg::ConfigEntity::Topic(t) => self
                .topics
                .get(t)
                .map(|z| z.configs.clone())
                .unwrap_or_default(),
            other => self.broker_configs.get(other).cloned().unwrap_or_default(),
        }
    }

    /// A partition's registration, by topic id.
    pub fn partition_by_id(&self, topic_id: Uuid, partition: u32) -> Option<&TopicPartition> {
        let name = self.topic_names.get(&topic_id)?;
        self.partitions
            .get_key_value(&TopicPartition::new(name.clone(), partition))
            .map(|(k, _)| k)
    }

    /// Replays one entry.
    pub fn replay(&mut self, entry: &MetadataEntry) -> Change {
        self.offset = entry.offset + 1;
        match &entry.record {
            MetadataRecord::RegisterBroker(r) => {
                self.brokers.insert(
                    r.broker_id,
                    BrokerRegistration {
                        epoch: r.broker_epoch,
                        incarnation: r.incarnation_id,
                        fenced: r.fenced,
                        in_controlled_shutdown: r.in_controlled_shutdown,
                        record: RegisterBrokerRecord {
                            fenced: false,
                            in_controlled_shutdown: false,
                            ..r.clone()
                        },
                    },
                );
                Change::Broker(r.broker_id)
            }
            MetadataRecord::UnregisterBroker { broker_id, .. } => {
                self.brokers.remove(broker_id);
                Change::Broker(*broker_id)
            }
            MetadataRecord::BrokerRegistrationChange {
                broker_id,
                fenced,
                in_controlled_shutdown,
                ..
            } => {
                if let Some(r) = self.brokers.get_mut(broker_id) {
                    match fenced {
                        1 => r.fenced = true,
                        -1 => r.fenced = false,
                        _ => {}
                    }
                    if *in_controlled_shutdown == 1 {
                        r.in_controlled_shutdown = true;
                    }
                }
                Change::Broker(*broker_id)
            }
            MetadataRecord::FenceBroker { id, .. } => {
                if let Some(r) = self.brokers.get_mut(id) {
                    r.fenced = true;
                }
                Change::Broker(*id)
            }
            MetadataRecord::UnfenceBroker { id, .. } => {
                if let Some(r) = self.brokers.get_mut(id) {
                    r.fenced = false;
                }
                Change::Broker(*id)
            }
            MetadataRecord::Topic { name, topic_id } => {
                self.topic_names.insert(*topic_id, name.clone());
                self.topics.insert(
                    name.clone(),
                    TopicZnode {
                        id: *topic_id,
                        assignment: BTreeMap::new(),
                        configs: crate::vecmap::VecMap::new(),
                        states: crate::vecmap::VecMap::new(),
                    },
                );
                Change::None
            }
            MetadataRecord::Partition(p) => {
                let Some(name) = self.topic_names.get(&p.topic_id).cloned() else {
                    return Change::None;
                };
                let tp = TopicPartition::new(name.clone(), p.partition_id);
                if let Some(t) = self.topics.get_mut(&name) {
                    t.assignment.insert(p.partition_id, p.replicas.clone());
                    t.states.insert(p.partition_id, state_of(p));
                }
                self.partitions.insert(tp, p.clone());
                Change::Partition(tp)
            }
            MetadataRecord::PartitionChange(c) => {
                let Some(name) = self.topic_names.get(&c.topic_id).cloned() else {
                    return Change::None;
                };
                let tp = TopicPartition::new(name.clone(), c.partition_id);
                let Some(p) = self.partitions.get_mut(&tp) else {
                    return Change::None;
                };
                crate::kraft::partition_change::apply(p, c);
                if let Some(t) = self.topics.get_mut(&name) {
                    t.assignment.insert(p.partition_id, p.replicas.clone());
                    t.states.insert(p.partition_id, state_of(p));
                }
                Change::Partition(tp)
            }
            MetadataRecord::Config {
                resource_type,
                resource_name,
                name,
                value,
            } => {
                use crate::cluster::msg::ConfigEntity;
                match crate::kraft::controller::admin::config_entity(*resource_type, resource_name)
                {
                    Some(ConfigEntity::Topic(t)) => {
                        let Some(z) = self.topics.get_mut(&t) else {
                            return Change::None;
                        };
                        match value {
                            Some(v) => z.configs.insert(name.clone(), v.clone()),
                            None => z.configs.remove(name),
                        };
                        Change::TopicConfig(t)
                    }
                    Some(entity) => {
                        let c = self.broker_configs.entry(entity.clone()).or_default();
                        match value {
                            Some(v) => c.insert(name.clone(), v.clone()),
                            None => c.remove(name),
                        };
                        if c.is_empty() {
                            self.broker_configs.remove(&entity);
                        }
                        Change::BrokerConfig(entity)
                    }
                    None => Change::None,
                }
            }
            MetadataRecord::RemoveTopic { topic_id } => {
                let Some(name) = self.topic_names.remove(topic_id) else {
                    return Change::None;
                };
                self.topics.remove(&name);
                let gone: Vec<TopicPartition> = self
                    .partitions
                    .keys()
                    .filter(|tp| tp.topic == name)
                    .cloned()
                    .collect();
                self.partitions.retain(|tp, _| tp.topic != name);
                Change::TopicRemoved(gone)
            }
            MetadataRecord::FeatureLevel {
                name,
                feature_level,
            } => {
                self.features.insert(name.clone(), *feature_level);
                Change::None
            }
            MetadataRecord::ProducerIds {
                next_producer_id, ..
            } => {
                self.next_producer_id = *next_producer_id;
                Change::None
            }
            MetadataRecord::NoOp | MetadataRecord::LeaderChange { .. } => Change::None,
        }
    }
}

/// A partition as the ZooKeeper-shaped state the tools and the replica manager read: the
/// partition epoch rides in `zk_version`.
pub fn state_of(p: &PartitionRecord) -> LeaderAndIsr {
    LeaderAndIsr {
        leader: (p.leader != NO_LEADER && p.leader >= 0).then_some(p.leader as BrokerId),
        leader_epoch: p.leader_epoch,
        isr: p.isr.clone(),
        controller_epoch: 0,
        zk_version: p.partition_epoch,
    }
}
