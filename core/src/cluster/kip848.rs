//! The consumer rebalance protocol of Kafka 4.0 (KIP-848) on the group coordinator: the
//! `ConsumerGroupHeartbeat` API, Kafka's `GroupMetadataManager.consumerGroupHeartbeat` with
//! `TargetAssignmentBuilder` and `CurrentAssignmentBuilder`, simplified.
//!
//! The group has an epoch, bumped when its membership or a subscription changes; the
//! coordinator then computes a new target assignment itself (a server-side assignor,
//! [`crate::server_assignor`]) at that epoch. Each member is reconciled on its own
//! heartbeats: it first keeps its current partitions that stay in its target and is asked to
//! revoke the others (UNREVOKED_PARTITIONS); once a heartbeat shows it no longer owns them it
//! moves to the new epoch and receives its new partitions — each only once its previous owner
//! has released it (UNRELEASED_PARTITIONS until then). There is no global barrier: members not
//! affected keep their partitions and keep consuming.
//!
//! What the lab leaves out: the rebalance timeout on revocations, regular-expression
//! subscriptions, rack-aware assignment, the classic-protocol members that Kafka 4.0 lets
//! into such a group (the lab refuses mixed groups with INCONSISTENT_GROUP_PROTOCOL), and the
//! split into Kafka's five record types (the lab writes one `ConsumerGroup(...)` record per
//! change with the group epoch, the target assignment epoch and every member's subscription,
//! epochs, assigned and pending partitions and target).

// Fields are named for what they hold, as in Kafka's request schemas.
#![allow(missing_docs)]

use crate::idxmap::IdxMap;
use crate::sort::Collect as _;
use std::collections::{BTreeMap, BTreeSet};

use super::coordinator::CoordinatorLog;
use super::group::{GroupCoordinator, GroupResponse, GroupTimer, PendingWrite, OFFSETS_TOPIC};
use super::msg::{Ctx, KafkaError, Msg, Timer};
use crate::event::Event;
use crate::model::{NodeId, TopicPartition};
use crate::server_assignor::{assign, MemberSpec, RemoteAssignor, TopicsMeta};
use crate::sim::Millis;

/// `group.consumer.heartbeat.interval.ms` (Kafka's default).
pub const CONSUMER_HEARTBEAT_INTERVAL_MS: Millis = 5_000;
/// `group.consumer.session.timeout.ms` (Kafka's default).
pub const CONSUMER_SESSION_TIMEOUT_MS: Millis = 45_000;

/// A member's reconciliation state (`MemberState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MemberState {
    /// At the target epoch with everything it should have.
    Stable,
    /// Asked to revoke partitions; stays at its epoch until it does.
    UnrevokedPartitions,
    /// At the target epoch, waiting for partitions other members still hold.
    UnreleasedPartitions,
}

impl MemberState {
    /// Kafka's name.
    pub fn name(self) -> &'static str {
        match self {
            MemberState::Stable => "STABLE",
            MemberState::UnrevokedPartitions => "UNREVOKED_PARTITIONS",
            MemberState::UnreleasedPartitions => "UNRELEASED_PARTITIONS",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [
            MemberState::Stable,
            MemberState::UnrevokedPartitions,
            MemberState::UnreleasedPartitions,
        ]
        .into_iter()
        .find(|m| m.name() == s)
    }
}

/// One member of a consumer-protocol group (`ConsumerGroupMember`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CgMember {
    pub member_id: String,
    pub instance_id: Option<String>,
    pub client_id: String,
    pub host: String,
    pub node: NodeId,
    pub member_epoch: i32,
    pub previous_epoch: i32,
    pub state: MemberState,
    pub topics: BTreeSet<String>,
    pub assignor: Option<RemoteAssignor>,
    pub rebalance_timeout_ms: Millis,
    /// Partitions it may consume now.
    pub assigned: BTreeSet<TopicPartition>,
    /// Partitions it must give up before it moves on.
    pub pending_revocation: BTreeSet<TopicPartition>,
    pub last_heartbeat: Millis,
}

/// A consumer-protocol group (`ConsumerGroup`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ConsumerGroup {
    pub group_epoch: i32,
    pub assignment_epoch: i32,
    pub members: crate::vecmap::VecMap<String, CgMember>,
    /// The target assignment (of `assignment_epoch`).
    pub target: BTreeMap<String, BTreeSet<TopicPartition>>,
}

impl ConsumerGroup {
    /// The assignor in use: the one most members ask for (ties: `uniform` first), `uniform`
    /// when none asks (`group.consumer.assignors`' first).
    pub fn assignor(&self) -> RemoteAssignor {
        let mut votes: BTreeMap<RemoteAssignor, usize> = BTreeMap::new();
        for m in self.members.values() {
            if let Some(a) = m.assignor {
                *votes.entry(a).or_default() += 1;
            }
        }
        votes
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map_or(RemoteAssignor::Uniform, |(a, _)| a)
    }

    /// Kafka's `ConsumerGroupState`.
    pub fn state_name(&self) -> &'static str {
        if self.members.is_empty() {
            "Empty"
        } else if self.assignment_epoch < self.group_epoch {
            "Assigning"
        } else if self
            .members
            .values()
            .any(|m| m.member_epoch != self.assignment_epoch || m.state != MemberState::Stable)
        {
            "Reconciling"
        } else {
            "Stable"
        }
    }

    /// Who holds each partition now (assigned or pending revocation), with that member's epoch.
    fn holders(&self) -> BTreeMap<&TopicPartition, &str> {
        let mut out = BTreeMap::new();
        for m in self.members.values() {
            for tp in m.assigned.iter().chain(&m.pending_revocation) {
                out.insert(tp, m.member_id.as_str());
            }
        }
        out
    }
}

/// A ConsumerGroupHeartbeat answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HeartbeatResult {
    pub member_id: String,
    pub member_epoch: i32,
    pub heartbeat_interval_ms: Millis,
    /// The partitions the member may own now (sent whenever they differ from what it owns).
    pub assignment: Option<Vec<TopicPartition>>,
}

/// The member id a Kafka 4.0 client generates (`Uuid.randomUuid()`), made deterministic: a
/// Kafka Uuid derived from the client id and how many times it started.
pub fn client_member_id(client_id: &str, incarnation: u32) -> String {
    let seed = format!("{client_id}#{incarnation}");
    let a = crate::partitioner::murmur2(seed.as_bytes()) as u32;
    let b = crate::partitioner::murmur2(format!("{seed}!").as_bytes()) as u32;
    let c = crate::partitioner::murmur2(format!("{seed}?").as_bytes()) as u32;
    let d = crate::partitioner::murmur2(format!("{seed}.").as_bytes()) as u32;
    let mut bytes = [0u8; 16];
    for (i, w) in [a, b, c, d].iter().enumerate() {
        bytes[i * 4..i * 4 + 4].copy_from_slice(&w.to_be_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    // Never a text starting with '-' (Kafka avoids those).
    bytes[0] &= 0x7f;
    crate::model::Uuid(bytes).to_string()
}

fn respond(ctx: &mut Ctx<'_>, to: NodeId, request: u64, resp: GroupResponse) {
    ctx.send(to, Msg::GroupResponse { request, resp });
}

fn tps(set: &BTreeSet<TopicPartition>) -> Vec<String> {
    set.iter().map(|t| t.to_string()).collect()
}

/// The fields of a ConsumerGroupHeartbeat request.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HeartbeatRequest {
    pub group: String,
    pub member_id: String,
    /// 0: join; -1: leave; otherwise the epoch the member is at.
    pub member_epoch: i32,
    pub instance_id: Option<String>,
    pub client_id: String,
    pub rebalance_timeout_ms: Millis,
    pub topics: BTreeSet<String>,
    pub assignor: Option<RemoteAssignor>,
    /// What the member owns now.
    pub owned: BTreeSet<TopicPartition>,
}

impl GroupCoordinator {
    fn topics_meta(log: &CoordinatorLog<'_>) -> TopicsMeta {
        let ids = log.metadata().topic_ids();
        let mut out: TopicsMeta = BTreeMap::new();
        for tp in log.metadata().partitions.keys() {
            if tp.topic == OFFSETS_TOPIC || tp.topic == super::txn::TXN_TOPIC {
                continue;
            }
            let id = ids
                .get(tp.topic.as_str())
                .copied()
                .unwrap_or(crate::model::Uuid::ZERO);
            out.entry(tp.topic.to_string()).or_insert((id, 0)).1 += 1;
        }
        out
    }

    /// `ConsumerGroupHeartbeat`.
    pub(super) fn on_consumer_heartbeat(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        req: HeartbeatRequest,
        log: &mut CoordinatorLog<'_>,
    ) {
        let answer = |ctx: &mut Ctx<'_>, r: Result<HeartbeatResult, KafkaError>| {
            respond(ctx, from, request, GroupResponse::ConsumerGroupHeartbeat(r));
        };
        let broker = self.broker;
        let meta = Self::topics_meta(log);
        let now = ctx.now;
        let group = req.group.clone();
        let g = self.groups.entry(group.clone()).or_default();
        if g.consumer.is_none() {
            if !g.members.is_empty() {
                // A classic group with members: Kafka 4.0 could convert it (with
                // group.consumer.migration.policy); the lab refuses mixed groups.
                return answer(ctx, Err(KafkaError::InconsistentGroupProtocol));
            }
            g.consumer = Some(ConsumerGroup::default());
        }
        let cg = g.consumer.as_mut().expect("set above");
        let mut changed = false;
        let mut events: Vec<Event> = Vec::new();
        // Leave.
        if req.member_epoch < 0 {
            if let Some(m) = cg.members.remove(&req.member_id) {
                cg.target.remove(&req.member_id);
                cg.group_epoch += 1;
                events.push(Event::Kip848MemberLeft {
                    broker,
                    group: group.clone(),
                    client: m.client_id,
                    reason: "left the group (heartbeat with member epoch -1)".into(),
                    group_epoch: cg.group_epoch,
                });
                changed = true;
            }
            for e in events {
                ctx.event(e);
            }
            let result = HeartbeatResult {
                member_id: req.member_id.clone(),
                member_epoch: -1,
                heartbeat_interval_ms: CONSUMER_HEARTBEAT_INTERVAL_MS,
                assignment: None,
            };
            let resp = GroupResponse::ConsumerGroupHeartbeat(Ok(result));
            if changed {
                self.store_consumer_group(ctx, &group, vec![(from, request, resp)], log);
            } else {
                respond(ctx, from, request, resp);
            }
            return;
        }
        // Join, or a known member at its epoch.
        if req.member_epoch == 0 {
            if let Some(old) = cg.members.remove(&req.member_id) {
                // Rejoining with epoch 0: it lost everything; it starts again.
                cg.target.remove(&old.member_id);
            }
            cg.members.insert(
                req.member_id.clone(),
                CgMember {
                    member_id: req.member_id.clone(),
                    instance_id: req.instance_id.clone(),
                    client_id: req.client_id.clone(),
                    host: "/127.0.0.1".into(),
                    node: from,
                    member_epoch: 0,
                    previous_epoch: -1,
                    state: MemberState::Stable,
                    topics: req.topics.clone(),
                    assignor: req.assignor,
                    rebalance_timeout_ms: req.rebalance_timeout_ms,
                    assigned: BTreeSet::new(),
                    pending_revocation: BTreeSet::new(),
                    last_heartbeat: now,
                },
            );
            cg.group_epoch += 1;
            changed = true;
            events.push(Event::Kip848MemberJoined {
                broker,
                group: group.clone(),
                client: req.client_id.clone(),
                member: req.member_id.clone(),
                group_epoch: cg.group_epoch,
            });
        } else {
            let Some(m) = cg.members.get(&req.member_id) else {
                return answer(ctx, Err(KafkaError::UnknownMemberId));
            };
            let lost_answer =
                req.member_epoch == m.previous_epoch && req.owned.is_subset(&m.assigned);
            if req.member_epoch != m.member_epoch && !lost_answer {
                return answer(ctx, Err(KafkaError::FencedMemberEpoch));
            }
        }
        let m = cg.members.get_mut(&req.member_id).expect("present");
        m.last_heartbeat = now;
        m.node = from;
        if m.topics != req.topics || m.assignor != req.assignor {
            m.topics = req.topics.clone();
            m.assignor = req.assignor;
            cg.group_epoch += 1;
            changed = true;
        }
        ctx.timer(
            CONSUMER_SESSION_TIMEOUT_MS,
            Timer::Group(GroupTimer::MemberExpiry {
                group: group.clone(),
                member: req.member_id.clone(),
            }),
        );
        // A new target assignment when the group epoch moved past it.
        if cg.assignment_epoch < cg.group_epoch {
            let assignor = cg.assignor();
            let specs: Vec<MemberSpec> = cg
                .members
                .values()
                .map(|m| MemberSpec {
                    member_id: m.member_id.clone(),
                    instance_id: m.instance_id.clone(),
                    topics: m.topics.clone(),
                    assignment: cg.target.get(&m.member_id).cloned().unwrap_or_default(),
                })
                .collect();
            match assign(assignor, &meta, &specs) {
                Ok(target) => {
                    cg.target = target;
                    cg.assignment_epoch = cg.group_epoch;
                    changed = true;
                    events.push(Event::Kip848TargetAssignment {
                        broker,
                        group: group.clone(),
                        epoch: cg.assignment_epoch,
                        assignor: assignor.name().to_string(),
                        assignment: cg
                            .target
                            .iter()
                            .map(|(id, parts)| {
                                let client = cg
                                    .members
                                    .get(id)
                                    .map_or(id.as_str(), |m| m.client_id.as_str());
                                format!("{client}=[{}]", tps(parts).join(","))
                            })
                            .collect(),
                    });
                }
                Err(_) => {
                    // Kafka fails the heartbeat with UNKNOWN_SERVER_ERROR and tries again.
                    for e in events {
                        ctx.event(e);
                    }
                    return answer(ctx, Err(KafkaError::CoordinatorNotAvailable));
                }
            }
        }
        // Reconcile this member (`CurrentAssignmentBuilder`).
        let before = cg.members[&req.member_id].clone();
        let holders: IdxMap<TopicPartition, String> = cg
            .holders()
            .into_iter()
            .map(|(tp, id)| (*tp, id.to_string()))
            .collect::<IdxMap<_, _>>();
        let target = cg.target.get(&req.member_id).cloned().unwrap_or_default();
        let assignment_epoch = cg.assignment_epoch;
        let m = cg.members.get_mut(&req.member_id).expect("present");
        reconcile(m, &target, assignment_epoch, &req.owned, &holders);
        if *m != before {
            changed = true;
        }
        let member_changed = m.member_epoch != before.member_epoch
            || m.state != before.state
            || m.assigned != before.assigned
            || m.pending_revocation != before.pending_revocation
            || req.member_epoch == 0;
        if member_changed {
            let awaiting: BTreeSet<TopicPartition> = target
                .iter()
                .filter(|tp| !m.assigned.contains(*tp))
                .cloned()
                .collect_set();
            events.push(Event::Kip848MemberReconciled {
                broker,
                group: group.clone(),
                client: m.client_id.clone(),
                epoch: m.member_epoch,
                state: m.state.name().to_string(),
                assigned: tps(&m.assigned),
                revoking: tps(&m.pending_revocation),
                awaiting: tps(&awaiting),
            });
        }
        let result = HeartbeatResult {
            member_id: m.member_id.clone(),
            member_epoch: m.member_epoch,
            heartbeat_interval_ms: CONSUMER_HEARTBEAT_INTERVAL_MS,
            assignment: (m.assigned != req.owned || req.member_epoch == 0)
                .then(|| m.assigned.iter().cloned().collect()),
        };
        for e in events {
            ctx.event(e);
        }
        let resp = GroupResponse::ConsumerGroupHeartbeat(Ok(result));
        if changed {
            // The records go first; the answer leaves once they are committed.
            self.store_consumer_group(ctx, &group, vec![(from, request, resp)], log);
        } else {
            respond(ctx, from, request, resp);
        }
    }

    /// A member of a consumer-protocol group missed its session: it is fenced and removed.
    pub(super) fn expire_consumer_member(
        &mut self,
        ctx: &mut Ctx<'_>,
        group: &str,
        member: &str,
        log: &mut CoordinatorLog<'_>,
    ) {
        let broker = self.broker;
        let Some(cg) = self.groups.get_mut(group).and_then(|g| g.consumer.as_mut()) else {
            return;
        };
        let expired = cg
            .members
            .get(member)
            .is_some_and(|m| ctx.now >= m.last_heartbeat + CONSUMER_SESSION_TIMEOUT_MS);
        if !expired {
            return;
        }
        let Some(m) = cg.members.remove(member) else {
            return;
        };
        cg.target.remove(member);
        cg.group_epoch += 1;
        ctx.event(Event::Kip848MemberLeft {
            broker,
            group: group.to_string(),
            client: m.client_id,
            reason: format!(
                "no heartbeat for group.consumer.session.timeout.ms={CONSUMER_SESSION_TIMEOUT_MS}"
            ),
            group_epoch: cg.group_epoch,
        });
        self.store_consumer_group(ctx, group, Vec::new(), log);
    }

    /// Writes the group's record; `answers` leave once it is committed.
    fn store_consumer_group(
        &mut self,
        ctx: &mut Ctx<'_>,
        group: &str,
        answers: Vec<(NodeId, u64, GroupResponse)>,
        log: &mut CoordinatorLog<'_>,
    ) {
        let Some(cg) = self.groups.get(group).and_then(|g| g.consumer.as_ref()) else {
            return;
        };
        let value = consumer_group_value(group, cg);
        self.append_group_records(
            ctx,
            group,
            vec![(group.to_string(), value)],
            PendingWrite::Answers(answers),
            log,
        );
    }
}

/// `CurrentAssignmentBuilder.build` for one member.
fn reconcile(
    m: &mut CgMember,
    target: &BTreeSet<TopicPartition>,
    target_epoch: i32,
    owned: &BTreeSet<TopicPartition>,
    holders: &IdxMap<TopicPartition, String>,
) {
    match m.state {
        MemberState::Stable if m.member_epoch == target_epoch => return,
        MemberState::UnrevokedPartitions => {
            if m.pending_revocation.iter().any(|tp| owned.contains(tp)) {
                return; // still owns partitions it must revoke
            }
            let next = m.member_epoch + 1;
            next_assignment(m, next, target, target_epoch, owned, holders);
            return;
        }
        _ => {}
    }
    let epoch = m.member_epoch;
    next_assignment(m, epoch, target, target_epoch, owned, holders);
}

fn next_assignment(
    m: &mut CgMember,
    epoch: i32,
    target: &BTreeSet<TopicPartition>,
    target_epoch: i32,
    owned: &BTreeSet<TopicPartition>,
    holders: &IdxMap<TopicPartition, String>,
) {
    let keep: BTreeSet<TopicPartition> = m.assigned.intersection(target).cloned().collect_set();
    let revoke: BTreeSet<TopicPartition> = m.assigned.difference(&keep).cloned().collect_set();
    let mut unreleased = false;
    let mut add = BTreeSet::new();
    for tp in target.difference(&keep) {
        match holders.get(tp) {
            Some(h) if h != &m.member_id => unreleased = true,
            _ => {
                add.insert(*tp);
            }
        }
    }
    let set_epoch = |m: &mut CgMember, e: i32| {
        if m.member_epoch != e {
            m.previous_epoch = m.member_epoch;
            m.member_epoch = e;
        }
    };
    if !revoke.is_empty() && revoke.iter().any(|tp| owned.contains(tp)) {
        set_epoch(m, epoch);
        m.state = MemberState::UnrevokedPartitions;
        m.assigned = keep;
        m.pending_revocation = revoke;
    } else {
        let mut assigned = keep;
        assigned.extend(add);
        set_epoch(m, target_epoch);
        m.state = if unreleased {
            MemberState::UnreleasedPartitions
        } else {
            MemberState::Stable
        };
        m.assigned = assigned;
        m.pending_revocation = BTreeSet::new();
    }
}

const CONSUMER_GROUP: &str = "ConsumerGroup(";
const CONSUMER_GROUP_MEMBER: &str = "ConsumerGroupMember(";

fn list(set: &BTreeSet<TopicPartition>) -> String {
    format!("[{}]", tps(set).join(","))
}

/// The value of a consumer-protocol group's record (key: the group id).
pub fn consumer_group_value(group: &str, cg: &ConsumerGroup) -> String {
    let members: Vec<String> = cg
        .members
        .values()
        .map(|m| {
            let topics: Vec<&str> = m.topics.iter().map(String::as_str).collect();
            format!(
                "{CONSUMER_GROUP_MEMBER}memberId={}, instanceId={}, clientId={}, clientHost={}, rebalanceTimeoutMs={}, subscribedTopicNames=[{}], serverAssignor={}, memberEpoch={}, previousMemberEpoch={}, state={}, assignedPartitions={}, partitionsPendingRevocation={}, targetAssignment={})",
                m.member_id,
                m.instance_id.as_deref().unwrap_or("None"),
                m.client_id,
                m.host,
                m.rebalance_timeout_ms,
                topics.join(","),
                m.assignor.map_or("", |a| a.name()),
                m.member_epoch,
                m.previous_epoch,
                m.state.name(),
                list(&m.assigned),
                list(&m.pending_revocation),
                list(&cg.target.get(&m.member_id).cloned().unwrap_or_default()),
            )
        })
        .collect();
    format!(
        "{CONSUMER_GROUP}groupId={group}, groupEpoch={}, targetAssignmentEpoch={}, members=[{}])",
        cg.group_epoch,
        cg.assignment_epoch,
        members.join(", ")
    )
}

fn parse_set(s: &str) -> Option<BTreeSet<TopicPartition>> {
    let inner = s.strip_prefix('[')?.strip_suffix(']')?;
    inner
        .split(',')
        .filter(|x| !x.is_empty())
        .map(|x| {
            let (t, p) = x.rsplit_once('-')?;
            Some(TopicPartition::new(t, p.parse().ok()?))
        })
        .collect()
}

/// Reads a consumer-protocol group's record back (`None`: not one, or damaged).
pub fn parse_consumer_group(value: &str) -> Option<ConsumerGroup> {
    let body = value.strip_prefix(CONSUMER_GROUP)?.strip_suffix(')')?;
    let f = super::group::fields(
        body,
        &["groupId", "groupEpoch", "targetAssignmentEpoch", "members"],
    )?;
    let mut cg = ConsumerGroup {
        group_epoch: f[1].parse().ok()?,
        assignment_epoch: f[2].parse().ok()?,
        ..ConsumerGroup::default()
    };
    let members_text = f[3].strip_prefix('[')?.strip_suffix(']')?;
    if !members_text.is_empty() {
        let inner = members_text
            .strip_prefix(CONSUMER_GROUP_MEMBER)?
            .strip_suffix(')')?;
        for m in inner.split(&format!("), {CONSUMER_GROUP_MEMBER}")) {
            let mf = super::group::fields(
                m,
                &[
                    "memberId",
                    "instanceId",
                    "clientId",
                    "clientHost",
                    "rebalanceTimeoutMs",
                    "subscribedTopicNames",
                    "serverAssignor",
                    "memberEpoch",
                    "previousMemberEpoch",
                    "state",
                    "assignedPartitions",
                    "partitionsPendingRevocation",
                    "targetAssignment",
                ],
            )?;
            let topics = mf[5].strip_prefix('[')?.strip_suffix(']')?;
            let member = CgMember {
                member_id: mf[0].to_string(),
                instance_id: (mf[1] != "None").then(|| mf[1].to_string()),
                client_id: mf[2].to_string(),
                host: mf[3].to_string(),
                node: NodeId::Client(u32::MAX),
                rebalance_timeout_ms: mf[4].parse().ok()?,
                topics: topics
                    .split(',')
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect(),
                assignor: RemoteAssignor::parse(mf[6]),
                member_epoch: mf[7].parse().ok()?,
                previous_epoch: mf[8].parse().ok()?,
                state: MemberState::parse(mf[9])?,
                assigned: parse_set(mf[10])?,
                pending_revocation: parse_set(mf[11])?,
                last_heartbeat: 0,
            };
            cg.target
                .insert(member.member_id.clone(), parse_set(mf[12])?);
            cg.members.insert(member.member_id.clone(), member);
        }
    }
    Some(cg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tp(p: u32) -> TopicPartition {
        TopicPartition::new("t", p)
    }

    fn member(assigned: &[u32]) -> CgMember {
        CgMember {
            member_id: "m".into(),
            instance_id: None,
            client_id: "c".into(),
            host: "/127.0.0.1".into(),
            node: NodeId::Client(1),
            member_epoch: 1,
            previous_epoch: 0,
            state: MemberState::Stable,
            topics: ["t".to_string()].into(),
            assignor: None,
            rebalance_timeout_ms: 300_000,
            assigned: assigned.iter().map(|p| tp(*p)).collect(),
            pending_revocation: BTreeSet::new(),
            last_heartbeat: 0,
        }
    }

    #[test]
    fn revoke_first_then_move_to_the_new_epoch() {
        let mut m = member(&[0, 1]);
        let target: BTreeSet<_> = [tp(0)].into();
        let owned: BTreeSet<_> = [tp(0), tp(1)].into();
        reconcile(&mut m, &target, 2, &owned, &IdxMap::new());
        assert_eq!(m.state, MemberState::UnrevokedPartitions);
        assert_eq!(m.member_epoch, 1);
        assert_eq!(m.pending_revocation, [tp(1)].into());
        // Still owning it: nothing moves.
        reconcile(&mut m, &target, 2, &owned, &IdxMap::new());
        assert_eq!(m.state, MemberState::UnrevokedPartitions);
        // Revoked: epoch 2, stable.
        reconcile(&mut m, &target, 2, &[tp(0)].into(), &IdxMap::new());
        assert_eq!((m.member_epoch, m.state), (2, MemberState::Stable));
        assert_eq!(m.assigned, [tp(0)].into());
    }

    #[test]
    fn a_partition_waits_for_its_previous_owner() {
        let mut m = member(&[]);
        m.member_id = "new".into();
        m.member_epoch = 0;
        let target: BTreeSet<_> = [tp(1), tp(2)].into();
        let holders: IdxMap<_, _> = [(tp(1), "old".to_string())].into();
        reconcile(&mut m, &target, 3, &BTreeSet::new(), &holders);
        assert_eq!(m.state, MemberState::UnreleasedPartitions);
        assert_eq!(m.member_epoch, 3);
        assert_eq!(m.assigned, [tp(2)].into());
        reconcile(&mut m, &target, 3, &[tp(2)].into(), &IdxMap::new());
        assert_eq!(m.state, MemberState::Stable);
        assert_eq!(m.assigned, target);
    }

    #[test]
    fn record_round_trips() {
        let mut cg = ConsumerGroup {
            group_epoch: 3,
            assignment_epoch: 3,
            ..ConsumerGroup::default()
        };
        let mut m = member(&[0]);
        m.pending_revocation = [tp(1)].into();
        m.state = MemberState::UnrevokedPartitions;
        m.assignor = Some(RemoteAssignor::Range);
        cg.target.insert("m".into(), [tp(0)].into());
        cg.members.insert("m".into(), m);
        let v = consumer_group_value("g", &cg);
        let back = parse_consumer_group(&v).expect("parses");
        let mut expected = cg.clone();
        expected.members.get_mut("m").unwrap().node = NodeId::Client(u32::MAX);
        expected.members.get_mut("m").unwrap().last_heartbeat = 0;
        assert_eq!(back, expected);
        assert_eq!(parse_consumer_group("ConsumerGroup(groupId=g)"), None);
    }

    #[test]
    fn member_ids_are_kafka_uuids_and_deterministic() {
        let a = client_member_id("c1", 1);
        assert_eq!(a.len(), 22);
        assert_eq!(a, client_member_id("c1", 1));
        assert_ne!(a, client_member_id("c1", 2));
        assert!(!a.starts_with('-'));
    }
}
