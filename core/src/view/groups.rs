//! The groups tab: each group's members, assignment, committed offsets and lag; consumer clients.

use crate::cluster::Cluster;
use crate::model::{BrokerId, TopicPartition};
use crate::sim::Millis;
use std::collections::BTreeSet;

/// One member of a group, for the consumer view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberRow {
    /// Its client id (what the page draws; a classic member's id is its client id in the lab,
    /// a KIP-848 member's id is a UUID the client made up).
    pub id: String,
    /// Its member epoch (KIP-848 groups only).
    pub epoch: Option<i32>,
    /// Partitions it must give up before it reaches the group's epoch (KIP-848).
    pub revoking: Vec<TopicPartition>,
    /// `group.instance.id` of a static member.
    pub instance_id: Option<String>,
    /// Its partitions.
    pub assignment: Vec<TopicPartition>,
}

/// One partition a group reads: who owns it, what is committed, the lag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LagRow {
    /// The partition.
    pub tp: TopicPartition,
    /// The member that owns it now.
    pub owner: Option<String>,
    /// The committed offset (the next to read).
    pub committed: Option<u64>,
    /// The log end offset consumers can reach (the leader's high watermark).
    pub end: u64,
}

/// One consumer group, for the consumer view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupPanel {
    /// `group.id`.
    pub group: String,
    /// The coordinator broker.
    pub coordinator: BrokerId,
    /// Its `__consumer_offsets` partition.
    pub offsets_partition: u32,
    /// `Empty`, `PreparingRebalance`, `CompletingRebalance`, `Stable`.
    pub state: &'static str,
    /// Generation (a KIP-848 group: its group epoch).
    pub generation: i32,
    /// A KIP-848 group (Kafka 4.0): its group epoch and target assignment epoch.
    pub kip848: Option<(i32, i32)>,
    /// The assignor in use.
    pub assignor: Option<&'static str>,
    /// The group leader (a member id).
    pub leader: Option<String>,
    /// Members in join order.
    pub members: Vec<MemberRow>,
    /// Every partition of the topics its members subscribe to, or it committed.
    pub partitions: Vec<LagRow>,
    /// The last records of its `__consumer_offsets` partition (offset, key, value): offset
    /// commits and its group metadata records.
    pub offset_records: Vec<(u64, String, String)>,
    /// Its znodes `/consumers/G/offsets/T/P` (offsets.storage=zookeeper, Kafka 0.8).
    pub zk_offsets: Vec<(String, u64)>,
    /// Whether its consumers commit into ZooKeeper now (`offsets.storage=zookeeper`).
    pub offsets_in_zookeeper: bool,
}

/// A consumer client, for the consumer view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerRow {
    /// Its client id.
    pub name: String,
    /// Its group.
    pub group: String,
    /// Its state, as the client sees it.
    pub state: &'static str,
    /// Its partitions.
    pub assignment: Vec<TopicPartition>,
    /// Its positions.
    pub positions: Vec<(TopicPartition, u64)>,
    /// Its member epoch, for a KIP-848 consumer.
    pub epoch: Option<i32>,
    /// Its application's poll loop, if one runs (`consumer run`): ms between polls.
    pub running: Option<Millis>,
    /// A crashed consumer its coordinator still counts as a member: (virtual ms until its
    /// session times out, `session.timeout.ms`).
    pub session_left: Option<(Millis, Millis)>,
}

/// Every group a live coordinator knows, and every consumer client.
pub fn groups(cluster: &Cluster) -> (Vec<GroupPanel>, Vec<ConsumerRow>) {
    use crate::cluster::consumer::ConsumerState;
    use crate::cluster::group::{group_partition, LAB_OFFSETS_PARTITIONS, OFFSETS_TOPIC};
    let hw = |tp: &TopicPartition| {
        cluster
            .leader_of(tp)
            .and_then(|l| cluster.brokers.get(&l))
            .and_then(|b| b.replica_manager.partitions.get(tp))
            .map_or(0, |p| p.hw)
    };
    let mut panels = Vec::new();
    for b in cluster.brokers.values().filter(|b| b.alive) {
        for (name, g) in &b.groups.groups {
            let members: Vec<MemberRow> = g
                .members_in_order()
                .map(|m| MemberRow {
                    id: m.member_id.clone(),
                    epoch: None,
                    revoking: Vec::new(),
                    instance_id: m.instance_id.clone(),
                    assignment: m.assignment.clone(),
                })
                .collect();
            let mut topics: BTreeSet<String> = g
                .members
                .values()
                .flat_map(|m| m.topics.iter().cloned())
                .collect();
            if let Some(cg) = &g.consumer {
                topics.extend(cg.members.values().flat_map(|m| m.topics.iter().cloned()));
            }
            topics.extend(g.offsets.keys().map(|tp| tp.topic.to_string()));
            let zk = cluster.zk.consumer_offsets.get(name);
            if let Some(z) = zk {
                topics.extend(z.keys().map(|tp| tp.topic.to_string()));
            }
            let mut partitions = Vec::new();
            for t in &topics {
                let n = cluster
                    .zk
                    .topics
                    .get(t)
                    .map_or(0, |z| z.assignment.len() as u32);
                for p in 0..n {
                    let tp = TopicPartition::new(t.clone(), p);
                    partitions.push(LagRow {
                        owner: members
                            .iter()
                            .find(|m| m.assignment.contains(&tp))
                            .map(|m| m.id.clone()),
                        committed: g
                            .offsets
                            .get(&tp)
                            .or_else(|| zk.and_then(|z| z.get(&tp)))
                            .copied(),
                        end: hw(&tp),
                        tp,
                    });
                }
            }
            let op = group_partition(name, LAB_OFFSETS_PARTITIONS);
            let otp = TopicPartition::new(OFFSETS_TOPIC, op);
            let offset_records = b
                .replica_manager
                .logs
                .get(&otp)
                .map(|log| {
                    log.records()
                        .iter()
                        .filter(|r| {
                            r.key.as_deref().is_some_and(|k| {
                                crate::cluster::group::record_group(k, &r.value).as_deref()
                                    == Some(name.as_str())
                            })
                        })
                        .rev()
                        .take(6)
                        .map(|r| {
                            (
                                r.offset,
                                r.key.as_deref().unwrap_or_default().to_string(),
                                r.value.to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            // A consumer-protocol group (KIP-848): its members, its epoch, its assignor.
            let (state, generation, assignor, members) = match &g.consumer {
                Some(cg) => (
                    cg.state_name(),
                    cg.group_epoch,
                    Some(cg.assignor().name()),
                    cg.members
                        .values()
                        .map(|m| MemberRow {
                            id: m.client_id.clone(),
                            epoch: Some(m.member_epoch),
                            revoking: m.pending_revocation.iter().cloned().collect(),
                            instance_id: m.instance_id.clone(),
                            assignment: m.assigned.iter().cloned().collect(),
                        })
                        .collect(),
                ),
                None => (
                    g.state.name(),
                    g.generation,
                    g.protocol.map(|p| p.name()),
                    members,
                ),
            };
            for row in &mut partitions {
                row.owner = members
                    .iter()
                    .find(|m| m.assignment.contains(&row.tp))
                    .map(|m| m.id.clone());
            }
            panels.push(GroupPanel {
                group: name.clone(),
                coordinator: b.id,
                offsets_partition: op,
                state,
                generation,
                kip848: g
                    .consumer
                    .as_ref()
                    .map(|cg| (cg.group_epoch, cg.assignment_epoch)),
                assignor,
                leader: g.consumer.is_none().then(|| g.leader.clone()).flatten(),
                members,
                partitions,
                offset_records,
                offsets_in_zookeeper: cluster.consumers.values().any(|c| {
                    c.is_alive() && c.config.group == *name && c.config.offsets_in_zookeeper
                }),
                zk_offsets: zk
                    .map(|z| {
                        z.iter()
                            .map(|(tp, o)| {
                                (
                                    format!(
                                        "/consumers/{name}/offsets/{}/{}",
                                        tp.topic, tp.partition
                                    ),
                                    *o,
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            });
        }
    }
    crate::sort::by(&mut panels, |a, b| a.group.cmp(&b.group));
    let consumers = cluster
        .consumers
        .values()
        .map(|c| ConsumerRow {
            name: c.name.clone(),
            group: c.config.group.clone(),
            state: match c.state {
                ConsumerState::FindingCoordinator => "FindingCoordinator",
                ConsumerState::Joining => "Joining",
                ConsumerState::Syncing => "Syncing",
                ConsumerState::Stable => "Stable",
                ConsumerState::Closed => "Closed",
            },
            assignment: c.assignment.clone(),
            positions: c.positions.iter().map(|(tp, o)| (*tp, *o)).collect(),
            epoch: c.is_kip848().then_some(c.generation),
            running: c.app_poll_ms.filter(|_| c.is_alive()),
            session_left: (!c.is_alive())
                .then(|| session_left(cluster, &c.config.group, &c.name))
                .flatten(),
        })
        .collect();
    (panels, consumers)
}

/// How long the coordinator of `group` still keeps client `client` as a member without a
/// heartbeat: (ms left, the session timeout), if it is still a member.
fn session_left(cluster: &Cluster, group: &str, client: &str) -> Option<(Millis, Millis)> {
    let g = cluster.group_coordinator(group)?.groups.groups.get(group)?;
    let now = cluster.now();
    if let Some(m) = g.members.values().find(|m| m.client_id == client) {
        let end = m.last_heartbeat + m.session_timeout_ms;
        return Some((end.saturating_sub(now), m.session_timeout_ms));
    }
    let timeout = crate::cluster::kip848::CONSUMER_SESSION_TIMEOUT_MS;
    g.consumer
        .as_ref()?
        .members
        .values()
        .find(|m| m.client_id == client)
        .map(|m| ((m.last_heartbeat + timeout).saturating_sub(now), timeout))
}
