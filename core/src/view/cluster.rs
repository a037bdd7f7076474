//! The cluster diagram: brokers with their replicas, partitions as ZooKeeper records them, messages on the wire.

use crate::cluster::replica::Role;
use crate::cluster::{Cluster, Item};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::Millis;

/// How a replica looks on its broker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplicaLook {
    /// The broker leads this partition.
    Leader,
    /// It follows and is in the ISR.
    InSyncFollower,
    /// It follows but is not in the ISR (or has not joined yet).
    OutOfSyncFollower,
    /// The broker is dead, or has not heard of its role yet.
    Offline,
}

/// One replica chip inside a broker box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaView {
    /// The partition.
    pub tp: TopicPartition,
    /// How to draw it.
    pub look: ReplicaLook,
    /// The leader epoch the broker knows for it.
    pub epoch: Option<u32>,
    /// KRaft: the broker is in the partition's ELR (KIP-966).
    pub elr: bool,
    /// KRaft: the broker is in the partition's LastKnownElr.
    pub last_known_elr: bool,
}

/// One broker box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerView {
    /// `broker.id`.
    pub id: BrokerId,
    /// Running or killed.
    pub alive: bool,
    /// It holds `/controller`.
    pub is_controller: bool,
    /// Registered in `/brokers/ids`.
    pub registered: bool,
    /// For a dead broker whose session ZooKeeper has not expired yet: when it will.
    pub session_expires_at: Option<Millis>,
    /// Its replicas, by partition.
    pub replicas: Vec<ReplicaView>,
    /// Its fetches are slowed by this much (the slow-follower fault).
    pub fetch_delay_ms: Millis,
}

/// A partition as ZooKeeper records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionView {
    /// The partition.
    pub tp: TopicPartition,
    /// Assigned replicas, preferred first.
    pub replicas: Vec<BrokerId>,
    /// Current leader.
    pub leader: Option<BrokerId>,
    /// Leader epoch.
    pub leader_epoch: u32,
    /// In-sync replicas.
    pub isr: Vec<BrokerId>,
    /// KRaft: Eligible Leader Replicas (KIP-966), empty in ZooKeeper mode.
    pub elr: Vec<BrokerId>,
    /// KRaft: LastKnownElr (KIP-966), empty in ZooKeeper mode.
    pub last_known_elr: Vec<BrokerId>,
}

/// A partition's `(ELR, LastKnownElr)` from the metadata image (KRaft mode), else empty.
pub(crate) fn elr_of(cluster: &Cluster, tp: &TopicPartition) -> (Vec<BrokerId>, Vec<BrokerId>) {
    cluster
        .metadata_image()
        .and_then(|i| i.partitions.get(tp))
        .map(|p| (p.eligible_leader_replicas.clone(), p.last_known_elr.clone()))
        .unwrap_or_default()
}

/// A message on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageView {
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// Kafka's name for it.
    pub kind: &'static str,
    /// When it left.
    pub sent_at: Millis,
    /// When it arrives.
    pub arrives_at: Millis,
}

/// Everything the cluster diagram draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterView {
    /// Virtual time.
    pub now: Millis,
    /// Simulation items handled so far (the Step button runs one).
    pub processed: u64,
    /// Brokers by id.
    pub brokers: Vec<BrokerView>,
    /// `/controller`.
    pub controller: Option<BrokerId>,
    /// `/controller_epoch`.
    pub controller_epoch: u32,
    /// `/brokers/ids`.
    pub registered: Vec<BrokerId>,
    /// Every partition, by topic then index.
    pub partitions: Vec<PartitionView>,
    /// Messages in flight, earliest arrival first.
    pub messages: Vec<MessageView>,
    /// The network's message-loss rate, in millionths.
    pub drop_per_million: u32,
    /// The ZooKeeper servers, their leader and the quorum.
    pub ensemble: crate::cluster::ensemble::EnsembleView,
    /// `/consumers/G/offsets/T/P` znodes and their data (the offset as a decimal string, as
    /// Kafka 0.8's consumers wrote it).
    pub zk_offsets: Vec<(String, String)>,
    /// KRaft mode: the controller quorum and the brokers' registrations (`None` in
    /// ZooKeeper mode).
    pub kraft: Option<crate::kraft::view::KraftView>,
}

impl ClusterView {
    /// Takes a snapshot of `cluster`.
    pub fn of(cluster: &Cluster) -> Self {
        let zk = &cluster.zk;
        let mut partitions = Vec::new();
        for (name, t) in cluster.topics_meta() {
            for (&p, replicas) in &t.assignment {
                let s = t.states.get(&p);
                let tp = TopicPartition::new(name.clone(), p);
                let (elr, last_known_elr) = elr_of(cluster, &tp);
                partitions.push(PartitionView {
                    tp,
                    replicas: replicas.clone(),
                    leader: s.and_then(|s| s.leader),
                    leader_epoch: s.map_or(0, |s| s.leader_epoch),
                    isr: s.map(|s| s.isr.clone()).unwrap_or_default(),
                    elr,
                    last_known_elr,
                });
            }
        }
        // Each broker's partitions, in the partitions' order (one pass, not one per broker:
        // 64 brokers × 1,000 partitions made this the view's largest cost).
        let mut hosted: crate::idxmap::IdxMap<BrokerId, Vec<&PartitionView>> =
            crate::idxmap::IdxMap::new();
        for p in &partitions {
            for r in &p.replicas {
                let list = hosted.entry(*r).or_default();
                if list.last().is_none_or(|l| l.tp != p.tp) {
                    list.push(p);
                }
            }
        }
        let brokers = cluster
            .brokers
            .values()
            .map(|b| {
                let replicas = hosted
                    .get(&b.id)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|p| {
                        let mine = b.replica_manager.partitions.get(&p.tp).filter(|_| b.alive);
                        let look = match mine {
                            None => ReplicaLook::Offline,
                            Some(r) if r.role == Role::Leader => ReplicaLook::Leader,
                            Some(_) if p.isr.contains(&b.id) => ReplicaLook::InSyncFollower,
                            Some(_) => ReplicaLook::OutOfSyncFollower,
                        };
                        ReplicaView {
                            tp: p.tp,
                            look,
                            epoch: mine.map(|r| r.leader_epoch),
                            elr: p.elr.contains(&b.id),
                            last_known_elr: p.last_known_elr.contains(&b.id),
                        }
                    })
                    .collect();
                BrokerView {
                    id: b.id,
                    alive: b.alive,
                    is_controller: cluster.controller() == Some(b.id),
                    registered: zk.broker_ids.contains_key(&b.id)
                        || b.kraft.as_ref().is_some_and(|k| k.broker_epoch.is_some()),
                    session_expires_at: if b.alive {
                        None
                    } else {
                        zk.session_deadline(b.id)
                    },
                    replicas,
                    fetch_delay_ms: b.replica_manager.fetch_delay_ms,
                }
            })
            .collect();
        let mut messages: Vec<MessageView> = cluster
            .pending()
            .filter_map(|(at, item)| match item {
                Item::Deliver {
                    from,
                    to,
                    sent_at,
                    msg,
                    ..
                } => Some(MessageView {
                    from: *from,
                    to: *to,
                    kind: msg.kind(),
                    sent_at: *sent_at,
                    arrives_at: at,
                }),
                Item::Timer { .. } => None,
            })
            .collect();
        crate::sort::by(&mut messages, |a, b| {
            (a.arrives_at, a.sent_at, a.from, a.to, a.kind).cmp(&(
                b.arrives_at,
                b.sent_at,
                b.from,
                b.to,
                b.kind,
            ))
        });
        Self {
            now: cluster.now(),
            processed: cluster.processed(),
            brokers,
            controller: cluster.controller(),
            controller_epoch: zk.controller_epoch,
            registered: zk.broker_ids.keys().copied().collect(),
            partitions,
            messages,
            drop_per_million: cluster.faults.drop_per_million,
            ensemble: (&zk.ensemble).into(),
            zk_offsets: zk
                .consumer_offsets
                .iter()
                .flat_map(|(g, offsets)| {
                    offsets.iter().map(move |(tp, o)| {
                        (
                            format!("/consumers/{g}/offsets/{}/{}", tp.topic, tp.partition),
                            o.to_string(),
                        )
                    })
                })
                .collect(),
            kraft: cluster.kraft_view(),
        }
    }
}
