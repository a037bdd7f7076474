//! A broker's `MetadataCache`: the partitions' states and topic ids as the controller last told it.

use crate::idxmap::IdxMap;
use std::collections::BTreeSet;
use std::rc::Rc;

use crate::cluster::msg::PartitionState;
use crate::model::{BrokerId, TopicPartition, Uuid};

/// The broker's view of the cluster, refreshed by UpdateMetadata (`MetadataCache`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MetadataCache {
    /// The controller that sent the last update.
    pub controller: Option<BrokerId>,
    /// Its epoch: updates from older controllers are ignored.
    pub controller_epoch: u32,
    /// Live brokers.
    pub live_brokers: BTreeSet<BrokerId>,
    /// Every partition the broker has heard of. Each state behind an `Rc`: a clone of the
    /// cache (every time-machine snapshot clones every broker's) copies pointers, not 64 ×
    /// 1,000 states with their replica lists; an update replaces a state whole (or copies it
    /// on write, `Rc::make_mut`). `Hash`, `Debug` and `==` see through the `Rc`.
    pub partitions: IdxMap<TopicPartition, Rc<PartitionState>>,
    /// KRaft: the active controller and this broker's epoch, where `AlterPartition` goes
    /// (`None` in ZooKeeper mode: ISR changes are ZooKeeper writes).
    pub kraft_route: Option<(u32, u64)>,
    /// KRaft (KIP-841): registered brokers that may not join an ISR — fenced or in
    /// controlled shutdown (`Partition.isReplicaIsrEligible`); empty in ZooKeeper mode.
    pub isr_ineligible: BTreeSet<BrokerId>,
}

impl MetadataCache {
    /// How many partitions of `topic` the cache knows (0 for a topic it does not know): one
    /// range of the map, which orders partitions by topic, then index.
    pub fn partition_count(&self, topic: &str) -> u32 {
        let first = TopicPartition::new(topic, 0);
        let last = TopicPartition::new(first.topic, u32::MAX);
        self.partitions.range(first..=last).count() as u32
    }

    /// Topic ids by name.
    pub fn topic_ids(&self) -> crate::vecmap::VecMap<String, Uuid> {
        self.partitions
            .values()
            .map(|p| (p.tp.topic.to_string(), p.topic_id))
            .collect()
    }

    /// Each partition's leader, if it is alive.
    pub fn leaders(&self) -> IdxMap<TopicPartition, Option<BrokerId>> {
        self.partitions
            .iter()
            .map(|(tp, p)| {
                let leader = p.state.leader.filter(|l| self.live_brokers.contains(l));
                (*tp, leader)
            })
            .collect()
    }
}
