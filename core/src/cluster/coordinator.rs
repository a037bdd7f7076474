//! What the group and transaction coordinators use of their broker: Kafka's coordinators
//! reach the `ReplicaManager` only to append to the internal partitions they lead and to read
//! them back, and the metadata cache to find a key's coordinator. [`CoordinatorLog`] is that
//! narrow interface; it points at the replica manager, never the other way.

use crate::idxmap::IdxMap;

use super::broker::MetadataCache;
use super::msg::{Ctx, KafkaError};
use super::replica::{BrokerView, ReplicaChange, ReplicaManager, Role};
use crate::log::{Log, NewRecord, Offset};
use crate::model::{BrokerId, TopicPartition};

/// The partition count of an internal topic, as the metadata cache has it.
pub fn internal_partitions(metadata: &MetadataCache, topic: &str) -> u32 {
    metadata.partition_count(topic)
}

/// The partition of `topic` coordinating `key`, if this broker leads it (else
/// `NOT_COORDINATOR`), with its leader epoch (the coordinator epoch).
pub fn led_coordinator_partition(
    metadata: &MetadataCache,
    replicas: &ReplicaManager,
    topic: &str,
    key: &str,
) -> Result<(TopicPartition, u32), KafkaError> {
    let n = internal_partitions(metadata, topic);
    if n == 0 {
        return Err(KafkaError::CoordinatorNotAvailable);
    }
    let tp = TopicPartition::new(topic, crate::partitioner::coordinator_partition(key, n));
    match replicas.partitions.get(&tp) {
        Some(p) if p.role == Role::Leader => Ok((tp, p.leader_epoch)),
        _ => Err(KafkaError::NotCoordinator),
    }
}

/// `FindCoordinator`'s answer: the leader of the partition of `topic` coordinating `key`, from
/// the metadata cache.
pub fn find_coordinator(
    metadata: &MetadataCache,
    topic: &str,
    key: &str,
) -> Result<BrokerId, KafkaError> {
    let n = internal_partitions(metadata, topic);
    if n == 0 {
        return Err(KafkaError::CoordinatorNotAvailable);
    }
    let tp = TopicPartition::new(topic, crate::partitioner::coordinator_partition(key, n));
    metadata
        .leaders()
        .get(&tp)
        .copied()
        .flatten()
        .ok_or(KafkaError::CoordinatorNotAvailable)
}

/// A coordinator's access to its broker for one request: append to and read its internal
/// partitions, look up coordinators and leaders.
pub struct CoordinatorLog<'a> {
    /// The broker the coordinator runs on.
    pub broker: BrokerId,
    replicas: &'a mut ReplicaManager,
    view: BrokerView<'a>,
}

impl<'a> CoordinatorLog<'a> {
    /// The interface over a broker's replica manager and what it reads.
    pub fn new(broker: BrokerId, replicas: &'a mut ReplicaManager, view: BrokerView<'a>) -> Self {
        Self {
            broker,
            replicas,
            view,
        }
    }

    /// How the broker reaches the controller (for producer-id blocks).
    pub fn controller(&self) -> crate::cluster::controller_channel::ControllerChannel {
        self.view.controller
    }

    /// The partition count of an internal topic.
    pub fn internal_partitions(&self, topic: &str) -> u32 {
        internal_partitions(self.view.metadata, topic)
    }

    /// The partition of `topic` coordinating `key` if this broker leads it, with its epoch.
    pub fn led_coordinator_partition(
        &self,
        topic: &str,
        key: &str,
    ) -> Result<(TopicPartition, u32), KafkaError> {
        led_coordinator_partition(self.view.metadata, self.replicas, topic, key)
    }

    /// The broker coordinating `key` for `topic`, from the metadata cache.
    pub fn find_coordinator(&self, topic: &str, key: &str) -> Result<BrokerId, KafkaError> {
        find_coordinator(self.view.metadata, topic, key)
    }

    /// The broker's metadata cache.
    pub fn metadata(&self) -> &MetadataCache {
        self.view.metadata
    }

    /// Each partition's live leader, from the metadata cache.
    pub fn leaders(&self) -> IdxMap<TopicPartition, Option<BrokerId>> {
        self.view.metadata.leaders()
    }

    /// The high watermark of a partition (0 if this broker has no replica of it).
    pub fn high_watermark(&self, tp: &TopicPartition) -> Offset {
        self.replicas.partitions.get(tp).map_or(0, |p| p.hw)
    }

    /// The log of a partition, to read it back.
    pub fn log(&self, tp: &TopicPartition) -> Option<&Log> {
        self.replicas.logs.get(tp).map(|l| &**l)
    }

    /// What an `acks=-1` append to `tp` checks first (`Partition.appendRecordsToLeader`): the
    /// ISR must have at least `min.insync.replicas` members (for `__transaction_state`,
    /// `transaction.state.log.min.isr`), else `NOT_ENOUGH_REPLICAS`. Both coordinators write
    /// with `acks=-1`; a coordinator checks before it changes its state, so a refused write
    /// leaves it as it was (Kafka resets the pending transition).
    pub fn check_min_isr(&self, tp: &TopicPartition) -> Result<(), KafkaError> {
        let Some(p) = self.replicas.partitions.get(tp) else {
            return Err(KafkaError::NotLeaderOrFollower);
        };
        if p.isr.len() < self.view.min_isr(tp, p.replicas.len()) {
            return Err(KafkaError::NotEnoughReplicas);
        }
        Ok(())
    }

    /// Appends records to an internal partition this broker leads, in leader epoch `epoch`:
    /// the offset of the last one, and whether the high watermark moved (then the caller
    /// completes the writes it now covers).
    pub fn append(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        epoch: u32,
        records: Vec<NewRecord>,
    ) -> (Offset, bool) {
        let last = self
            .replicas
            .append_as_coordinator(ctx, &self.view, tp, epoch, records);
        let mut moved = false;
        for change in self.replicas.take_changes() {
            // An append touches its own partition only.
            debug_assert!(
                matches!(&change, ReplicaChange::HighWatermarkAdvanced { tp: t } if t == tp)
            );
            moved |= matches!(change, ReplicaChange::HighWatermarkAdvanced { .. });
        }
        (last, moved)
    }
}

/// A broker for coordinator tests: broker 1, sole replica and leader of every partition of
/// the internal topics it is given.
#[cfg(test)]
pub(crate) mod harness {
    use super::*;
    use crate::cluster::dynamic_config::DynamicConfig;
    use crate::cluster::msg::{Effect, Msg, PartitionState};
    use crate::config::BrokerConfig;
    use crate::event::Event;
    use crate::model::{LeaderAndIsr, NodeId, Uuid};

    pub struct Harness {
        pub rm: ReplicaManager,
        pub metadata: MetadataCache,
        configs: DynamicConfig,
        config: BrokerConfig,
    }

    /// What one call sent and recorded.
    pub struct Out {
        pub sent: Vec<(NodeId, Msg)>,
        pub events: Vec<Event>,
    }

    impl Harness {
        pub fn leading(topic: &str, partitions: u32) -> Self {
            let mut rm = ReplicaManager::new(1);
            let mut metadata = MetadataCache {
                live_brokers: [1].into(),
                ..MetadataCache::default()
            };
            for p in 0..partitions {
                let ps = PartitionState {
                    tp: TopicPartition::new(topic, p),
                    topic_id: Uuid::ZERO,
                    replicas: vec![1],
                    state: LeaderAndIsr {
                        leader: Some(1),
                        leader_epoch: 0,
                        isr: vec![1],
                        controller_epoch: 1,
                        zk_version: 0,
                    },
                    configs: crate::vecmap::VecMap::new(),
                };
                metadata
                    .partitions
                    .insert(ps.tp, std::rc::Rc::new(ps.clone()));
                let hw = rm.accept_leader_and_isr(&ps).expect("new");
                Ctx::test_run(0, |ctx| rm.make_leader(ctx, ps, hw));
                rm.take_changes();
            }
            Self {
                rm,
                metadata,
                configs: DynamicConfig::new(1),
                config: BrokerConfig::default(),
            }
        }

        /// Calls one coordinator handler at virtual time `now`.
        pub fn call(
            &mut self,
            now: crate::sim::Millis,
            f: impl FnOnce(&mut Ctx<'_>, &mut CoordinatorLog<'_>),
        ) -> Out {
            let view = BrokerView {
                metadata: &self.metadata,
                configs: &self.configs,
                config: &self.config,
                controller: crate::cluster::controller_channel::ControllerChannel::ZooKeeper,
            };
            let mut log = CoordinatorLog::new(1, &mut self.rm, view);
            let ((), out, events) = Ctx::test_run(now, |ctx| f(ctx, &mut log));
            let sent = out
                .into_iter()
                .filter_map(|e| match e {
                    Effect::Send { to, msg } => Some((to, msg)),
                    _ => None,
                })
                .collect();
            Out { sent, events }
        }
    }
}
