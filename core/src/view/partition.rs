//! The partition detail (replication tab): each replica's log cells, its LEO and the high watermark.

use super::cluster::ReplicaLook;
use crate::cluster::replica::Role;
use crate::cluster::{Cluster, Item};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::Millis;

/// One record cell of a replica's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordCell {
    /// Its offset.
    pub offset: u64,
    /// The leader epoch it was written in.
    pub epoch: u32,
    /// The ledger's send id.
    pub send: crate::log::SendId,
    /// Its value.
    pub value: String,
    /// The send was acknowledged and is missing from the leader's log.
    pub lost: bool,
    /// The send is in the leader's log more than once.
    pub duplicated: bool,
}

/// One replica's row in the partition view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaRow {
    /// The broker.
    pub broker: BrokerId,
    /// Running or dead.
    pub alive: bool,
    /// How to draw it (leader, in-sync follower, …).
    pub look: ReplicaLook,
    /// In the ISR, as ZooKeeper says.
    pub in_isr: bool,
    /// The leader epoch it knows.
    pub epoch: Option<u32>,
    /// Log end offset.
    pub leo: u64,
    /// High watermark.
    pub hw: u64,
    /// Its records (the last [`MAX_CELLS`] of them), oldest first.
    pub records: Vec<RecordCell>,
    /// A fetch between it and its leader is on the wire.
    pub fetching: bool,
    /// Its fetches are slowed by this much (the slow-follower fault).
    pub fetch_delay_ms: Millis,
}

/// Most record cells drawn per replica.
pub const MAX_CELLS: usize = 40;

/// A partition's replicas, for the replication view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionDetail {
    /// The partition.
    pub tp: TopicPartition,
    /// Leader (ZooKeeper's state).
    pub leader: Option<BrokerId>,
    /// Leader epoch.
    pub leader_epoch: u32,
    /// ISR.
    pub isr: Vec<BrokerId>,
    /// KRaft: ELR (KIP-966), empty in ZooKeeper mode.
    pub elr: Vec<BrokerId>,
    /// KRaft: LastKnownElr, empty in ZooKeeper mode.
    pub last_known_elr: Vec<BrokerId>,
    /// One row per assigned replica.
    pub replicas: Vec<ReplicaRow>,
}

impl PartitionDetail {
    /// The detail of `tp`, or `None` if it does not exist.
    pub fn of(cluster: &Cluster, tp: &TopicPartition) -> Option<Self> {
        let t = cluster.topics_meta().get(tp.topic.as_str())?;
        let assigned = t.assignment.get(&tp.partition)?;
        let state = t.states.get(&tp.partition);
        let statuses = cluster.ledger_status_of(tp);
        let flags: std::collections::BTreeMap<crate::log::SendId, (bool, bool)> = statuses
            .iter()
            .map(|s| (s.entry.id, (s.lost, s.duplicated)))
            .collect();
        let fetching: std::collections::BTreeSet<BrokerId> = cluster
            .pending()
            .filter_map(|(_, item)| match item {
                Item::Deliver { from, to, msg, .. } => {
                    let carries = match msg {
                        crate::cluster::msg::Msg::Fetch { partitions, .. } => {
                            partitions.iter().any(|p| &p.tp == tp)
                        }
                        crate::cluster::msg::Msg::FetchResponse { partitions, .. } => {
                            partitions.iter().any(|p| &p.tp == tp)
                        }
                        _ => false,
                    };
                    carries.then_some(match (from, to) {
                        (NodeId::Broker(f), _) if Some(*f) != state.and_then(|s| s.leader) => *f,
                        (_, NodeId::Broker(t)) => *t,
                        _ => 0,
                    })
                }
                _ => None,
            })
            .collect();
        let leader = state.and_then(|s| s.leader);
        let isr = state.map(|s| s.isr.clone()).unwrap_or_default();
        let replicas = assigned
            .iter()
            .map(|&b| {
                let broker = &cluster.brokers[&b];
                let log = broker.replica_manager.logs.get(tp);
                let leo = log.map_or(0, |l| l.leo());
                let part = broker
                    .replica_manager
                    .partitions
                    .get(tp)
                    .filter(|_| broker.alive);
                let hw = match part {
                    Some(p) => p.hw,
                    None => broker
                        .replica_manager
                        .hw_checkpoint
                        .get(tp)
                        .copied()
                        .unwrap_or(0)
                        .min(leo),
                };
                let look = match part {
                    None => ReplicaLook::Offline,
                    Some(p) if p.role == Role::Leader => ReplicaLook::Leader,
                    Some(_) if isr.contains(&b) => ReplicaLook::InSyncFollower,
                    Some(_) => ReplicaLook::OutOfSyncFollower,
                };
                let records = log
                    .map(|l| {
                        let all = l.records();
                        let skip = all.len().saturating_sub(MAX_CELLS);
                        all[skip..]
                            .iter()
                            .map(|r| {
                                let (lost, duplicated) =
                                    flags.get(&r.send).copied().unwrap_or_default();
                                RecordCell {
                                    offset: r.offset,
                                    epoch: r.epoch,
                                    send: r.send,
                                    value: r.value.to_string(),
                                    lost,
                                    duplicated,
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                ReplicaRow {
                    broker: b,
                    alive: broker.alive,
                    look,
                    in_isr: isr.contains(&b),
                    epoch: part.map(|p| p.leader_epoch),
                    leo,
                    hw,
                    records,
                    fetching: fetching.contains(&b),
                    fetch_delay_ms: broker.replica_manager.fetch_delay_ms,
                }
            })
            .collect();
        let (elr, last_known_elr) = super::cluster::elr_of(cluster, tp);
        Some(Self {
            tp: *tp,
            leader,
            leader_epoch: state.map_or(0, |s| s.leader_epoch),
            isr,
            elr,
            last_known_elr,
            replicas,
        })
    }
}
