//! The group coordinator on a broker (Kafka's `GroupCoordinator`, `GroupMetadata`,
//! `MemberMetadata`, `GroupMetadataManager`), classic protocol, ZooKeeper mode.
//!
//! The coordinator of a group is the leader of partition `abs(groupId.hashCode()) % partitions`
//! of the internal topic `__consumer_offsets` (created on first use). A group moves through
//! `Empty → PreparingRebalance → CompletingRebalance → Stable`: JoinGroup requests are held
//! until every known member has joined (or the rebalance timeout passes); the first member is
//! the leader and gets everyone's subscriptions, computes the assignment and hands it over in
//! its SyncGroup. Members heartbeat; one silent for `session.timeout.ms` is removed and the
//! group rebalances. Offset commits are records in the coordinator's partition (key: group,
//! topic, partition) and count once the partition's high watermark covers them; a broker that
//! becomes the leader of such a partition reads the commits back.

// Fields are named for what they hold, as in Kafka's request schemas.
#![allow(missing_docs)]

mod metadata_manager;
mod rebalance;
pub mod records;
#[cfg(test)]
mod tests;

pub(crate) use metadata_manager::fields;
pub use metadata_manager::{group_metadata_value, offset_key, parse_group_metadata, record_group};
pub use records::{StoredGroup, StoredMember};

use crate::idxmap::IdxMap;
use std::collections::{BTreeMap, BTreeSet};

use super::coordinator::CoordinatorLog;
use super::kip848::{parse_consumer_group, ConsumerGroup, HeartbeatRequest, HeartbeatResult};
use super::msg::{Ctx, KafkaError, Msg, Timer};
use crate::assignor::{AssignorKind, Subscription};
use crate::event::Event;
use crate::log::{NewRecord, Offset};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::Millis;

/// The internal topic holding committed offsets.
pub const OFFSETS_TOPIC: &str = "__consumer_offsets";
/// `offsets.topic.num.partitions` in the lab (Kafka's default is 50).
pub const LAB_OFFSETS_PARTITIONS: u32 = 5;
/// Kafka's default `offsets.topic.num.partitions`.
pub const KAFKA_OFFSETS_PARTITIONS: u32 = 50;
/// `group.initial.rebalance.delay.ms` (Kafka's default, 3 s): the first rebalance of an empty
/// group waits this long for more members.
pub const INITIAL_REBALANCE_DELAY_MS: Millis = 3_000;

/// The `__consumer_offsets` partition of a group (`partitionFor`).
pub fn group_partition(group: &str, partitions: u32) -> u32 {
    crate::partitioner::coordinator_partition(group, partitions)
}

/// A group's state (`GroupState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupState {
    /// No members (offsets may remain).
    Empty,
    /// Waiting for the members to (re)join.
    PreparingRebalance,
    /// Joined; waiting for the leader's assignment.
    CompletingRebalance,
    /// Everyone has an assignment.
    Stable,
}

impl GroupState {
    /// Kafka's name.
    pub fn name(self) -> &'static str {
        match self {
            GroupState::Empty => "Empty",
            GroupState::PreparingRebalance => "PreparingRebalance",
            GroupState::CompletingRebalance => "CompletingRebalance",
            GroupState::Stable => "Stable",
        }
    }
}

/// A request of the group protocol (and the offset APIs), from a consumer or the admin tool.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GroupRequest {
    /// `FindCoordinator` (key type GROUP).
    FindCoordinator { group: String },
    /// `JoinGroup`.
    JoinGroup {
        group: String,
        /// `None` for a new member: the coordinator gives it one.
        member_id: Option<String>,
        instance_id: Option<String>,
        client_id: String,
        session_timeout_ms: Millis,
        rebalance_timeout_ms: Millis,
        protocol: AssignorKind,
        topics: BTreeSet<String>,
        owned: Vec<TopicPartition>,
    },
    /// `SyncGroup` (the leader carries everyone's assignment).
    SyncGroup {
        group: String,
        generation: i32,
        member_id: String,
        assignments: BTreeMap<String, Vec<TopicPartition>>,
    },
    /// `Heartbeat`.
    Heartbeat {
        group: String,
        generation: i32,
        member_id: String,
    },
    /// `LeaveGroup`.
    LeaveGroup { group: String, member_id: String },
    /// `OffsetCommit` (generation -1 and no member: the admin tool, on an empty group).
    OffsetCommit {
        group: String,
        generation: i32,
        member_id: String,
        offsets: IdxMap<TopicPartition, Offset>,
    },
    /// `OffsetFetch`.
    OffsetFetch {
        group: String,
        partitions: Vec<TopicPartition>,
    },
    /// `ConsumerGroupHeartbeat` (KIP-848, Kafka 4.0): the consumer protocol's only group RPC.
    ConsumerGroupHeartbeat(HeartbeatRequest),
}

impl GroupRequest {
    /// The group the request is about.
    pub fn group(&self) -> &str {
        match self {
            GroupRequest::FindCoordinator { group }
            | GroupRequest::JoinGroup { group, .. }
            | GroupRequest::SyncGroup { group, .. }
            | GroupRequest::Heartbeat { group, .. }
            | GroupRequest::LeaveGroup { group, .. }
            | GroupRequest::OffsetCommit { group, .. }
            | GroupRequest::OffsetFetch { group, .. } => group,
            GroupRequest::ConsumerGroupHeartbeat(h) => &h.group,
        }
    }

    /// Kafka's API name.
    pub fn kind(&self) -> &'static str {
        match self {
            GroupRequest::FindCoordinator { .. } => "FindCoordinator",
            GroupRequest::JoinGroup { .. } => "JoinGroup",
            GroupRequest::SyncGroup { .. } => "SyncGroup",
            GroupRequest::Heartbeat { .. } => "Heartbeat",
            GroupRequest::LeaveGroup { .. } => "LeaveGroup",
            GroupRequest::OffsetCommit { .. } => "OffsetCommit",
            GroupRequest::OffsetFetch { .. } => "OffsetFetch",
            GroupRequest::ConsumerGroupHeartbeat(_) => "ConsumerGroupHeartbeat",
        }
    }
}

/// A JoinGroup answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JoinResult {
    pub generation: i32,
    pub protocol: AssignorKind,
    pub leader: String,
    pub member_id: String,
    /// For the leader: every member's subscription, in join order; empty for the others.
    pub members: Vec<Subscription>,
    /// For the leader: the partition count of every subscribed topic (the lab hands the
    /// leader's metadata over with the response).
    pub partitions_per_topic: BTreeMap<String, u32>,
}

/// An answer to a [`GroupRequest`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GroupResponse {
    FindCoordinator(Result<BrokerId, KafkaError>),
    JoinGroup(Result<JoinResult, KafkaError>),
    SyncGroup(Result<Vec<TopicPartition>, KafkaError>),
    Heartbeat(Result<(), KafkaError>),
    LeaveGroup(Result<(), KafkaError>),
    OffsetCommit(Result<(), KafkaError>),
    OffsetFetch(Result<IdxMap<TopicPartition, Offset>, KafkaError>),
    ConsumerGroupHeartbeat(Result<HeartbeatResult, KafkaError>),
}

/// Coordinator timers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GroupTimer {
    /// The initial delay or the rebalance timeout of a join phase has passed.
    JoinDeadline { group: String, round: u64 },
    /// A member's session may have expired.
    MemberExpiry { group: String, member: String },
}

/// One member (`MemberMetadata`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Member {
    pub member_id: String,
    pub instance_id: Option<String>,
    pub client_id: String,
    /// `/127.0.0.1` style.
    pub host: String,
    pub node: NodeId,
    pub session_timeout_ms: Millis,
    pub rebalance_timeout_ms: Millis,
    pub protocol: AssignorKind,
    pub topics: BTreeSet<String>,
    pub owned: Vec<TopicPartition>,
    pub assignment: Vec<TopicPartition>,
    pub last_heartbeat: Millis,
    awaiting_join: Option<u64>,
    awaiting_sync: Option<u64>,
}

/// One group (`GroupMetadata`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Group {
    pub state: GroupState,
    pub generation: i32,
    pub protocol: Option<AssignorKind>,
    pub leader: Option<String>,
    /// Members by id.
    pub members: crate::vecmap::VecMap<String, Member>,
    /// Member ids in the order they joined (the JoinGroup response's order).
    pub join_order: Vec<String>,
    /// Committed offsets (the next offset to read).
    pub offsets: IdxMap<TopicPartition, Offset>,
    /// The leader's assignment, waiting for its GroupMetadata record to be committed.
    pub pending_assignment: Option<BTreeMap<String, Vec<TopicPartition>>>,
    /// A group of the consumer protocol (KIP-848, Kafka 4.0): its state lives here and the
    /// classic fields above stay empty (`members`) — only `offsets` is shared.
    pub consumer: Option<ConsumerGroup>,
    /// Bumped at every join phase, so stale deadlines are ignored.
    round: u64,
    next_member: u64,
}

impl Default for Group {
    fn default() -> Self {
        Self::new()
    }
}

impl Group {
    /// A new, empty classic group.
    pub fn new() -> Self {
        Self {
            state: GroupState::Empty,
            generation: 0,
            protocol: None,
            leader: None,
            members: crate::vecmap::VecMap::new(),
            join_order: Vec::new(),
            offsets: IdxMap::new(),
            pending_assignment: None,
            consumer: None,
            round: 0,
            next_member: 1,
        }
    }

    /// Members in join order.
    pub fn members_in_order(&self) -> impl Iterator<Item = &Member> {
        self.join_order.iter().filter_map(|m| self.members.get(m))
    }
}

/// The group coordinator on one broker (`GroupCoordinator`; volatile: lost when the broker
/// dies). Its handlers reach the broker only through a [`CoordinatorLog`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GroupCoordinator {
    /// The broker it runs on.
    pub broker: BrokerId,
    /// Groups whose partition this broker leads.
    pub groups: crate::vecmap::VecMap<String, Group>,
    /// Records waiting for the high watermark: (partition, last offset) → what to do then.
    pending: BTreeMap<(TopicPartition, Offset), PendingWrite>,
}

/// What the coordinator does once the high watermark covers a record it wrote.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum PendingWrite {
    /// Offset commits: record them, answer who asked.
    Commit {
        client: Option<(NodeId, u64)>,
        group: String,
        offsets: IdxMap<TopicPartition, Offset>,
    },
    /// The GroupMetadata record of a completed generation: only now does the group become
    /// Stable and the SyncGroup answers leave (`GroupCoordinator.doSyncGroup`'s store callback).
    Sync { group: String, generation: i32 },
    /// A group metadata record nobody waits for (a group that became Empty).
    Stored,
    /// A consumer-protocol group's record: these answers leave once it is committed.
    Answers(Vec<(NodeId, u64, GroupResponse)>),
}

fn respond(ctx: &mut Ctx<'_>, to: NodeId, request: u64, resp: GroupResponse) {
    ctx.send(to, Msg::GroupResponse { request, resp });
}

impl GroupCoordinator {
    /// The coordinator of a broker that has not started yet.
    pub fn new(broker: BrokerId) -> Self {
        Self {
            broker,
            groups: crate::vecmap::VecMap::new(),
            pending: BTreeMap::new(),
        }
    }

    fn offsets_partitions(log: &CoordinatorLog<'_>) -> u32 {
        log.internal_partitions(OFFSETS_TOPIC)
    }

    fn group_coordinator_partition(
        log: &CoordinatorLog<'_>,
        group: &str,
    ) -> Result<(TopicPartition, u32), KafkaError> {
        log.led_coordinator_partition(OFFSETS_TOPIC, group)
    }

    /// A group request reaches this broker.
    pub(super) fn on_group_request(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        req: GroupRequest,
        log: &mut CoordinatorLog<'_>,
    ) {
        if let GroupRequest::FindCoordinator { group } = &req {
            let result = log.find_coordinator(OFFSETS_TOPIC, group);
            return respond(ctx, from, request, GroupResponse::FindCoordinator(result));
        }
        if let Err(e) = Self::group_coordinator_partition(log, req.group()) {
            let resp = match req {
                GroupRequest::JoinGroup { .. } => GroupResponse::JoinGroup(Err(e)),
                GroupRequest::SyncGroup { .. } => GroupResponse::SyncGroup(Err(e)),
                GroupRequest::Heartbeat { .. } => GroupResponse::Heartbeat(Err(e)),
                GroupRequest::LeaveGroup { .. } => GroupResponse::LeaveGroup(Err(e)),
                GroupRequest::OffsetCommit { .. } => GroupResponse::OffsetCommit(Err(e)),
                GroupRequest::OffsetFetch { .. } => GroupResponse::OffsetFetch(Err(e)),
                GroupRequest::FindCoordinator { .. } => GroupResponse::FindCoordinator(Err(e)),
                GroupRequest::ConsumerGroupHeartbeat(_) => {
                    GroupResponse::ConsumerGroupHeartbeat(Err(e))
                }
            };
            return respond(ctx, from, request, resp);
        }
        match req {
            GroupRequest::FindCoordinator { .. } => {}
            GroupRequest::ConsumerGroupHeartbeat(h) => {
                self.on_consumer_heartbeat(ctx, from, request, h, log);
            }
            GroupRequest::JoinGroup {
                group,
                member_id,
                instance_id,
                client_id,
                session_timeout_ms,
                rebalance_timeout_ms,
                protocol,
                topics,
                owned,
            } => {
                let now = ctx.now;
                let g = self.groups.entry(group.clone()).or_default();
                if let Some(cg) = &g.consumer {
                    if !cg.members.is_empty() {
                        // The group speaks the consumer protocol (KIP-848); the lab refuses
                        // mixed groups.
                        return respond(
                            ctx,
                            from,
                            request,
                            GroupResponse::JoinGroup(Err(KafkaError::InconsistentGroupProtocol)),
                        );
                    }
                    g.consumer = None;
                }
                if let Some(p) = g.protocol {
                    if !g.members.is_empty() && p != protocol {
                        return respond(
                            ctx,
                            from,
                            request,
                            GroupResponse::JoinGroup(Err(KafkaError::InconsistentGroupProtocol)),
                        );
                    }
                }
                // A static member coming back: it takes its old member id.
                let static_id = instance_id.as_ref().and_then(|i| {
                    g.members
                        .values()
                        .find(|m| m.instance_id.as_ref() == Some(i))
                        .map(|m| m.member_id.clone())
                });
                let member_id = match (member_id, static_id) {
                    (_, Some(id)) => id,
                    (Some(id), None) if g.members.contains_key(&id) => id,
                    (Some(_), None) => {
                        return respond(
                            ctx,
                            from,
                            request,
                            GroupResponse::JoinGroup(Err(KafkaError::UnknownMemberId)),
                        )
                    }
                    (None, None) => {
                        // The lab's member ids: the client id, then `client-2`, `client-3` …
                        // while an older member of that name is still in the group (Kafka
                        // appends a UUID: `client-<uuid>`).
                        let mut id = client_id.clone();
                        while g.members.contains_key(&id) {
                            g.next_member += 1;
                            id = format!("{client_id}-{}", g.next_member);
                        }
                        id
                    }
                };
                let known = g.members.get(&member_id).cloned();
                let unchanged = known
                    .as_ref()
                    .is_some_and(|m| m.topics == topics && m.protocol == protocol);
                let m = g
                    .members
                    .entry(member_id.clone())
                    .or_insert_with(|| Member {
                        member_id: member_id.clone(),
                        instance_id: instance_id.clone(),
                        client_id: client_id.clone(),
                        host: "/127.0.0.1".into(),
                        node: from,
                        session_timeout_ms,
                        rebalance_timeout_ms,
                        protocol,
                        topics: topics.clone(),
                        owned: Vec::new(),
                        assignment: Vec::new(),
                        last_heartbeat: now,
                        awaiting_join: None,
                        awaiting_sync: None,
                    });
                m.node = from;
                m.topics = topics;
                m.protocol = protocol;
                m.owned = owned;
                m.session_timeout_ms = session_timeout_ms;
                m.rebalance_timeout_ms = rebalance_timeout_ms;
                m.last_heartbeat = now;
                m.client_id = client_id;
                if !g.join_order.contains(&member_id) {
                    g.join_order.push(member_id.clone());
                }
                let session = m.session_timeout_ms;
                ctx.timer(
                    session,
                    Timer::Group(GroupTimer::MemberExpiry {
                        group: group.clone(),
                        member: member_id.clone(),
                    }),
                );
                // A static member restarting while the group is stable, subscribed as before:
                // it gets the current generation back, no rebalance (KIP-345).
                if g.state == GroupState::Stable && unchanged && instance_id.is_some() {
                    let result = JoinResult {
                        generation: g.generation,
                        protocol,
                        leader: g.leader.clone().unwrap_or_default(),
                        member_id: member_id.clone(),
                        members: Vec::new(),
                        partitions_per_topic: BTreeMap::new(),
                    };
                    ctx.event(Event::GroupStaticRejoin {
                        broker: self.broker,
                        group: group.clone(),
                        member: member_id,
                        generation: g.generation,
                    });
                    return respond(ctx, from, request, GroupResponse::JoinGroup(Ok(result)));
                }
                let m = g.members.get_mut(&member_id).expect("just added");
                m.awaiting_join = Some(request);
                if known.is_none() {
                    ctx.event(Event::GroupMemberJoined {
                        broker: self.broker,
                        group: group.clone(),
                        member: member_id.clone(),
                    });
                }
                match g.state {
                    GroupState::Empty => {
                        self.prepare_rebalance(
                            ctx,
                            &group,
                            "a new member joined an empty group",
                            INITIAL_REBALANCE_DELAY_MS,
                            log,
                        );
                    }
                    GroupState::Stable | GroupState::CompletingRebalance => {
                        let reason = if known.is_some() {
                            "a member rejoined"
                        } else {
                            "a new member joined"
                        };
                        self.prepare_rebalance(ctx, &group, reason, 0, log);
                    }
                    GroupState::PreparingRebalance => {
                        self.maybe_complete_join(ctx, &group, false, log);
                    }
                }
            }
            GroupRequest::SyncGroup {
                group,
                generation,
                member_id,
                assignments,
            } => {
                let result = self.on_sync(
                    ctx,
                    &group,
                    generation,
                    &member_id,
                    request,
                    assignments,
                    log,
                );
                if let Err(e) = result {
                    respond(ctx, from, request, GroupResponse::SyncGroup(Err(e)));
                }
            }
            GroupRequest::Heartbeat {
                group,
                generation,
                member_id,
            } => {
                let now = ctx.now;
                let result = match self.groups.get_mut(&group) {
                    None => Err(KafkaError::UnknownMemberId),
                    Some(g) => match g.members.get_mut(&member_id) {
                        None => Err(KafkaError::UnknownMemberId),
                        Some(m) => {
                            m.last_heartbeat = now;
                            m.node = from;
                            let session = m.session_timeout_ms;
                            ctx.timer(
                                session,
                                Timer::Group(GroupTimer::MemberExpiry {
                                    group: group.clone(),
                                    member: member_id.clone(),
                                }),
                            );
                            if g.state == GroupState::PreparingRebalance {
                                Err(KafkaError::RebalanceInProgress)
                            } else if generation != g.generation {
                                Err(KafkaError::IllegalGeneration)
                            } else {
                                Ok(())
                            }
                        }
                    },
                };
                respond(ctx, from, request, GroupResponse::Heartbeat(result));
            }
            GroupRequest::LeaveGroup { group, member_id } => {
                let known = self
                    .groups
                    .get(&group)
                    .is_some_and(|g| g.members.contains_key(&member_id));
                if known {
                    self.remove_member(ctx, &group, &member_id, "left the group (LeaveGroup)", log);
                    respond(ctx, from, request, GroupResponse::LeaveGroup(Ok(())));
                } else {
                    respond(
                        ctx,
                        from,
                        request,
                        GroupResponse::LeaveGroup(Err(KafkaError::UnknownMemberId)),
                    );
                }
            }
            GroupRequest::OffsetCommit {
                group,
                generation,
                member_id,
                offsets,
            } => {
                let g = self.groups.entry(group.clone()).or_default();
                let check = if let Some(cg) = &g.consumer {
                    // The consumer protocol: the generation is the member epoch.
                    match cg.members.get(&member_id) {
                        None if generation < 0 && cg.members.is_empty() => Ok(()),
                        None => Err(KafkaError::UnknownMemberId),
                        Some(m) if m.member_epoch != generation => {
                            Err(KafkaError::StaleMemberEpoch)
                        }
                        Some(_) => Ok(()),
                    }
                } else if generation < 0 {
                    if g.members.is_empty() {
                        Ok(())
                    } else {
                        Err(KafkaError::UnknownMemberId)
                    }
                } else if !g.members.contains_key(&member_id) {
                    Err(KafkaError::UnknownMemberId)
                } else if g.state == GroupState::PreparingRebalance
                    || g.state == GroupState::CompletingRebalance
                {
                    Err(KafkaError::RebalanceInProgress)
                } else if generation != g.generation {
                    Err(KafkaError::IllegalGeneration)
                } else {
                    Ok(())
                };
                match check {
                    Err(e) => respond(ctx, from, request, GroupResponse::OffsetCommit(Err(e))),
                    Ok(()) => self.write_offsets(ctx, &group, offsets, Some((from, request)), log),
                }
            }
            GroupRequest::OffsetFetch { group, partitions } => {
                let offsets = self
                    .groups
                    .get(&group)
                    .map(|g| {
                        partitions
                            .iter()
                            .filter_map(|tp| g.offsets.get(tp).map(|&o| (*tp, o)))
                            .collect::<IdxMap<_, _>>()
                    })
                    .unwrap_or_default();
                respond(ctx, from, request, GroupResponse::OffsetFetch(Ok(offsets)));
            }
        }
    }

    /// The broker dies: everything the coordinator held is gone.
    pub(super) fn kill_group_coordinator(&mut self) {
        *self = Self::new(self.broker);
    }
}
