//! The data-flow diagram: producers → topics → consumer groups, with each reader's lag.

use super::groups::GroupPanel;
use crate::cluster::Cluster;
use crate::model::TopicPartition;

/// A producer in the data-flow diagram: how many records it sent to each topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowProducer {
    /// `client.id`.
    pub name: String,
    /// (topic, records sent), by topic.
    pub topics: Vec<(String, usize)>,
}

/// A topic in the data-flow diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowTopic {
    /// Its name.
    pub name: String,
    /// Its partitions.
    pub partitions: u32,
    /// Records readable (the sum of its partitions' high watermarks).
    pub end: u64,
}

/// A consumer group in the data-flow diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowGroup {
    /// `group.id`.
    pub group: String,
    /// Its members (client ids).
    pub members: Vec<String>,
    /// (topic, its lag for this group), by topic.
    pub topics: Vec<(String, u64)>,
}

/// Who writes into which topic and who reads it, with the lag of each reader: the notes'
/// log-collection pipeline (sources → collectors → Kafka → sinks) for whatever runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataFlow {
    /// Producers that sent something.
    pub producers: Vec<FlowProducer>,
    /// Topics (not the internal ones).
    pub topics: Vec<FlowTopic>,
    /// Consumer groups.
    pub groups: Vec<FlowGroup>,
}

/// The data flow of the cluster, with `groups` as [`groups`](super::groups()) gave them.
pub fn data_flow(cluster: &Cluster, groups: &[GroupPanel]) -> DataFlow {
    use std::collections::BTreeMap;
    let mut sent: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for s in cluster.ledger.sends.values() {
        *sent
            .entry(&*s.producer)
            .or_default()
            .entry(s.tp.topic.as_str())
            .or_default() += 1;
    }
    let producers = sent
        .into_iter()
        .map(|(name, t)| FlowProducer {
            name: name.to_string(),
            topics: t.into_iter().map(|(t, n)| (t.to_string(), n)).collect(),
        })
        .collect();
    let topics = cluster
        .topics_meta()
        .iter()
        .filter(|(n, _)| !n.starts_with("__"))
        .map(|(name, t)| FlowTopic {
            name: name.clone(),
            partitions: t.assignment.len() as u32,
            end: t
                .assignment
                .keys()
                .map(|&p| {
                    let tp = TopicPartition::new(name.clone(), p);
                    cluster
                        .leader_of(&tp)
                        .and_then(|l| cluster.brokers.get(&l))
                        .and_then(|b| b.replica_manager.partitions.get(&tp))
                        .map_or(0, |x| x.hw)
                })
                .sum(),
        })
        .collect();
    let groups = groups
        .iter()
        .map(|g| {
            let mut lag: BTreeMap<&str, u64> = BTreeMap::new();
            for r in &g.partitions {
                *lag.entry(r.tp.topic.as_str()).or_default() +=
                    r.end.saturating_sub(r.committed.unwrap_or(0));
            }
            FlowGroup {
                group: g.group.clone(),
                members: g.members.iter().map(|m| m.id.clone()).collect(),
                topics: lag.into_iter().map(|(t, l)| (t.to_string(), l)).collect(),
            }
        })
        .collect();
    DataFlow {
        producers,
        topics,
        groups,
    }
}
