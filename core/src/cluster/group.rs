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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
        offsets: BTreeMap<TopicPartition, Offset>,
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupResponse {
    FindCoordinator(Result<BrokerId, KafkaError>),
    JoinGroup(Result<JoinResult, KafkaError>),
    SyncGroup(Result<Vec<TopicPartition>, KafkaError>),
    Heartbeat(Result<(), KafkaError>),
    LeaveGroup(Result<(), KafkaError>),
    OffsetCommit(Result<(), KafkaError>),
    OffsetFetch(Result<BTreeMap<TopicPartition, Offset>, KafkaError>),
    ConsumerGroupHeartbeat(Result<HeartbeatResult, KafkaError>),
}

/// Coordinator timers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupTimer {
    /// The initial delay or the rebalance timeout of a join phase has passed.
    JoinDeadline { group: String, round: u64 },
    /// A member's session may have expired.
    MemberExpiry { group: String, member: String },
}

/// One member (`MemberMetadata`).
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub state: GroupState,
    pub generation: i32,
    pub protocol: Option<AssignorKind>,
    pub leader: Option<String>,
    /// Members by id.
    pub members: BTreeMap<String, Member>,
    /// Member ids in the order they joined (the JoinGroup response's order).
    pub join_order: Vec<String>,
    /// Committed offsets (the next offset to read).
    pub offsets: BTreeMap<TopicPartition, Offset>,
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
            members: BTreeMap::new(),
            join_order: Vec::new(),
            offsets: BTreeMap::new(),
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupCoordinator {
    /// The broker it runs on.
    pub broker: BrokerId,
    /// Groups whose partition this broker leads.
    pub groups: BTreeMap<String, Group>,
    /// Records waiting for the high watermark: (partition, last offset) → what to do then.
    pending: BTreeMap<(TopicPartition, Offset), PendingWrite>,
}

/// What the coordinator does once the high watermark covers a record it wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum PendingWrite {
    /// Offset commits: record them, answer who asked.
    Commit {
        client: Option<(NodeId, u64)>,
        group: String,
        offsets: BTreeMap<TopicPartition, Offset>,
    },
    /// The GroupMetadata record of a completed generation: only now does the group become
    /// Stable and the SyncGroup answers leave (`GroupCoordinator.doSyncGroup`'s store callback).
    Sync { group: String, generation: i32 },
    /// A group metadata record nobody waits for (a group that became Empty).
    Stored,
    /// A consumer-protocol group's record: these answers leave once it is committed.
    Answers(Vec<(NodeId, u64, GroupResponse)>),
}

/// The key of an offset commit record: `group,topic,partition`.
pub fn offset_key(group: &str, tp: &TopicPartition) -> String {
    format!("{group},{},{}", tp.topic, tp.partition)
}

fn parse_offset_record(key: &str, value: &str) -> Option<(String, TopicPartition, Offset)> {
    let mut parts = key.rsplitn(3, ',');
    let partition: u32 = parts.next()?.parse().ok()?;
    let topic = parts.next()?;
    let group = parts.next()?;
    let offset = value
        .split(' ')
        .find_map(|f| f.strip_prefix("offset="))?
        .parse()
        .ok()?;
    Some((
        group.to_string(),
        TopicPartition::new(topic, partition),
        offset,
    ))
}

/// What a GroupMetadata record says of a group (its value's fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredGroup {
    pub generation: i32,
    pub protocol: Option<AssignorKind>,
    pub leader: Option<String>,
    pub state: String,
    pub timestamp: Millis,
    pub members: Vec<StoredMember>,
}

/// One member in a GroupMetadata record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMember {
    pub member_id: String,
    pub instance_id: Option<String>,
    pub client_id: String,
    pub host: String,
    pub rebalance_timeout_ms: Millis,
    pub session_timeout_ms: Millis,
    pub topics: BTreeSet<String>,
    pub assignment: Vec<TopicPartition>,
}

const GROUP_METADATA: &str = "GroupMetadata(";
const MEMBER_METADATA: &str = "MemberMetadata(";

/// The value of a group's GroupMetadata record (key: the group id), written as Kafka's
/// `GroupMetadataMessageFormatter` prints one (`group::GroupMetadata(...)`): protocol type,
/// generation, protocol (assignor), leader, state and its timestamp, and every member with
/// its timeouts, subscription and assignment. Kafka stores the subscription and assignment as
/// the consumer protocol's bytes; the lab writes them as topic and partition lists.
pub fn group_metadata_value(group: &str, g: &Group, now: Millis) -> String {
    let assignment_of = |m: &Member| -> Vec<TopicPartition> {
        match &g.pending_assignment {
            Some(a) => a.get(&m.member_id).cloned().unwrap_or_default(),
            None => m.assignment.clone(),
        }
    };
    let members: Vec<String> = g
        .members_in_order()
        .map(|m| {
            let topics: Vec<&str> = m.topics.iter().map(String::as_str).collect();
            let parts: Vec<String> = assignment_of(m).iter().map(|t| t.to_string()).collect();
            format!(
                "{MEMBER_METADATA}memberId={}, groupInstanceId={}, clientId={}, clientHost={}, rebalanceTimeoutMs={}, sessionTimeoutMs={}, subscription=[{}], assignment=[{}])",
                m.member_id,
                m.instance_id.as_deref().unwrap_or("None"),
                m.client_id,
                m.host,
                m.rebalance_timeout_ms,
                m.session_timeout_ms,
                topics.join(","),
                parts.join(",")
            )
        })
        .collect();
    let state = if g.members.is_empty() {
        GroupState::Empty
    } else {
        GroupState::Stable
    };
    format!(
        "{GROUP_METADATA}groupId={group}, protocolType=consumer, generation={}, protocol={}, leader={}, currentState={}, currentStateTimestamp={now}, members=[{}])",
        g.generation,
        g.protocol.map_or("", |p| p.name()),
        g.leader.as_deref().unwrap_or(""),
        state.name(),
        members.join(", ")
    )
}

/// Reads `name1=v1, name2=v2, …` in this order; the last value runs to the end of `s`.
pub(super) fn fields<'a>(s: &'a str, names: &[&str]) -> Option<Vec<&'a str>> {
    let mut out = Vec::with_capacity(names.len());
    let mut rest = s;
    for (i, name) in names.iter().enumerate() {
        rest = rest.strip_prefix(name)?.strip_prefix('=')?;
        match names.get(i + 1) {
            Some(next) => {
                let end = rest.find(&format!(", {next}="))?;
                out.push(&rest[..end]);
                rest = &rest[end + 2..];
            }
            None => out.push(rest),
        }
    }
    Some(out)
}

fn parse_list(s: &str) -> Option<Vec<&str>> {
    let inner = s.strip_prefix('[')?.strip_suffix(']')?;
    Some(inner.split(',').filter(|x| !x.is_empty()).collect())
}

fn parse_tp(s: &str) -> Option<TopicPartition> {
    let (topic, p) = s.rsplit_once('-')?;
    Some(TopicPartition::new(topic, p.parse().ok()?))
}

/// Reads a GroupMetadata record's value back (`None`: not one, or damaged).
pub fn parse_group_metadata(value: &str) -> Option<StoredGroup> {
    let body = value.strip_prefix(GROUP_METADATA)?.strip_suffix(')')?;
    let f = fields(
        body,
        &[
            "groupId",
            "protocolType",
            "generation",
            "protocol",
            "leader",
            "currentState",
            "currentStateTimestamp",
            "members",
        ],
    )?;
    let members_text = f[7].strip_prefix('[')?.strip_suffix(']')?;
    let mut members = Vec::new();
    if !members_text.is_empty() {
        let inner = members_text
            .strip_prefix(MEMBER_METADATA)?
            .strip_suffix(')')?;
        for m in inner.split(&format!("), {MEMBER_METADATA}")) {
            let mf = fields(
                m,
                &[
                    "memberId",
                    "groupInstanceId",
                    "clientId",
                    "clientHost",
                    "rebalanceTimeoutMs",
                    "sessionTimeoutMs",
                    "subscription",
                    "assignment",
                ],
            )?;
            let assignment = parse_list(mf[7])?
                .into_iter()
                .map(parse_tp)
                .collect::<Option<Vec<_>>>()?;
            members.push(StoredMember {
                member_id: mf[0].to_string(),
                instance_id: (mf[1] != "None").then(|| mf[1].to_string()),
                client_id: mf[2].to_string(),
                host: mf[3].to_string(),
                rebalance_timeout_ms: mf[4].parse().ok()?,
                session_timeout_ms: mf[5].parse().ok()?,
                topics: parse_list(mf[6])?.into_iter().map(str::to_string).collect(),
                assignment,
            });
        }
    }
    Some(StoredGroup {
        generation: f[2].parse().ok()?,
        protocol: AssignorKind::parse(f[3]),
        leader: (!f[4].is_empty()).then(|| f[4].to_string()),
        state: f[5].to_string(),
        timestamp: f[6].parse().ok()?,
        members,
    })
}

/// The group a `__consumer_offsets` record belongs to (an offset commit or a group record).
pub fn record_group(key: &str, value: &str) -> Option<String> {
    if value.starts_with(GROUP_METADATA) || value.starts_with("ConsumerGroup(") {
        return Some(key.to_string());
    }
    parse_offset_record(key, value).map(|(g, _, _)| g)
}

fn respond(ctx: &mut Ctx<'_>, to: NodeId, request: u64, resp: GroupResponse) {
    ctx.send(to, Msg::GroupResponse { request, resp });
}

impl GroupCoordinator {
    /// The coordinator of a broker that has not started yet.
    pub fn new(broker: BrokerId) -> Self {
        Self {
            broker,
            groups: BTreeMap::new(),
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
                            .filter_map(|tp| g.offsets.get(tp).map(|&o| (tp.clone(), o)))
                            .collect()
                    })
                    .unwrap_or_default();
                respond(ctx, from, request, GroupResponse::OffsetFetch(Ok(offsets)));
            }
        }
    }

    fn write_offsets(
        &mut self,
        ctx: &mut Ctx<'_>,
        group: &str,
        offsets: BTreeMap<TopicPartition, Offset>,
        client: Option<(NodeId, u64)>,
        log: &mut CoordinatorLog<'_>,
    ) {
        if offsets.is_empty() {
            if let Some((c, r)) = client {
                respond(ctx, c, r, GroupResponse::OffsetCommit(Ok(())));
            }
            return;
        }
        let records: Vec<(String, String)> = offsets
            .iter()
            .map(|(p, o)| {
                (
                    offset_key(group, p),
                    format!("offset={o} commitTimestamp={}", ctx.now),
                )
            })
            .collect();
        let pending = PendingWrite::Commit {
            client,
            group: group.to_string(),
            offsets,
        };
        self.append_group_records(ctx, group, records, pending, log);
    }

    /// Appends records to the group's `__consumer_offsets` partition (as its leader); `pending`
    /// is carried out once the high watermark covers them.
    pub(super) fn append_group_records(
        &mut self,
        ctx: &mut Ctx<'_>,
        group: &str,
        records: Vec<(String, String)>,
        pending: PendingWrite,
        log: &mut CoordinatorLog<'_>,
    ) {
        let Ok((tp, epoch)) = Self::group_coordinator_partition(log, group) else {
            return;
        };
        let records: Vec<NewRecord> = records
            .into_iter()
            .map(|(key, value)| NewRecord {
                send: 0,
                key: Some(key),
                value,
                timestamp: ctx.now,
            })
            .collect();
        let (last, hw_moved) = log.append(ctx, &tp, epoch, records);
        self.pending.insert((tp.clone(), last), pending);
        if hw_moved {
            self.offset_writes_committed(ctx, &tp, log);
        }
    }

    /// Writes the group's GroupMetadata record (`GroupMetadataManager.storeGroup`).
    fn store_group(
        &mut self,
        ctx: &mut Ctx<'_>,
        group: &str,
        pending: PendingWrite,
        log: &mut CoordinatorLog<'_>,
    ) {
        let Some(g) = self.groups.get(group) else {
            return;
        };
        let value = group_metadata_value(group, g, ctx.now);
        self.append_group_records(ctx, group, vec![(group.to_string(), value)], pending, log);
    }

    /// A `__consumer_offsets` partition's high watermark moved: the records it covers count now.
    pub(super) fn offset_writes_committed(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        log: &mut CoordinatorLog<'_>,
    ) {
        let hw = log.high_watermark(tp);
        for write in super::take_covered(&mut self.pending, tp, hw) {
            match write {
                PendingWrite::Commit {
                    client,
                    group,
                    offsets,
                } => {
                    let g = self.groups.entry(group.clone()).or_default();
                    for (p, o) in &offsets {
                        g.offsets.insert(p.clone(), *o);
                    }
                    ctx.event(Event::GroupOffsetsCommitted {
                        broker: self.broker,
                        group,
                        offsets: offsets.iter().map(|(p, o)| format!("{p}@{o}")).collect(),
                    });
                    if let Some((c, r)) = client {
                        respond(ctx, c, r, GroupResponse::OffsetCommit(Ok(())));
                    }
                }
                PendingWrite::Sync { group, generation } => {
                    self.complete_sync(ctx, &group, generation);
                }
                PendingWrite::Answers(answers) => {
                    for (to, r, resp) in answers {
                        respond(ctx, to, r, resp);
                    }
                }
                PendingWrite::Stored => {}
            }
        }
    }

    /// The GroupMetadata record of `generation` is committed: the group is Stable and every
    /// member waiting in SyncGroup gets its partitions.
    fn complete_sync(&mut self, ctx: &mut Ctx<'_>, group: &str, generation: i32) {
        let broker = self.broker;
        let Some(g) = self.groups.get_mut(group) else {
            return;
        };
        if g.state != GroupState::CompletingRebalance || g.generation != generation {
            // A rebalance started meanwhile: this generation's assignment is void.
            return;
        }
        let Some(assignments) = g.pending_assignment.take() else {
            return;
        };
        for m in g.members.values_mut() {
            m.assignment = assignments.get(&m.member_id).cloned().unwrap_or_default();
        }
        g.state = GroupState::Stable;
        let assignment: Vec<String> = g
            .members_in_order()
            .map(|m| {
                let parts: Vec<String> = m.assignment.iter().map(|t| t.to_string()).collect();
                format!("{}=[{}]", m.member_id, parts.join(","))
            })
            .collect();
        ctx.event(Event::GroupRebalanceCompleted {
            broker,
            group: group.to_string(),
            generation: g.generation,
            leader: g.leader.clone().unwrap_or_default(),
            assignment,
        });
        for m in g.members.values_mut() {
            if let Some(r) = m.awaiting_sync.take() {
                ctx.send(
                    m.node,
                    Msg::GroupResponse {
                        request: r,
                        resp: GroupResponse::SyncGroup(Ok(m.assignment.clone())),
                    },
                );
            }
        }
    }

    fn prepare_rebalance(
        &mut self,
        ctx: &mut Ctx<'_>,
        group: &str,
        reason: &str,
        delay: Millis,
        log: &mut CoordinatorLog<'_>,
    ) {
        let Some(g) = self.groups.get_mut(group) else {
            return;
        };
        let from = g.state;
        g.state = GroupState::PreparingRebalance;
        g.round += 1;
        g.pending_assignment = None;
        // Members waiting for an assignment learn the rebalance started.
        for m in g.members.values_mut() {
            if let Some(r) = m.awaiting_sync.take() {
                ctx.send(
                    m.node,
                    Msg::GroupResponse {
                        request: r,
                        resp: GroupResponse::SyncGroup(Err(KafkaError::RebalanceInProgress)),
                    },
                );
            }
        }
        let timeout = g
            .members
            .values()
            .map(|m| m.rebalance_timeout_ms)
            .max()
            .unwrap_or(0);
        let wait = if from == GroupState::Empty {
            delay.min(timeout)
        } else {
            timeout
        };
        ctx.event(Event::GroupRebalanceStarted {
            broker: self.broker,
            group: group.to_string(),
            generation: g.generation,
            reason: reason.to_string(),
        });
        ctx.timer(
            wait,
            Timer::Group(GroupTimer::JoinDeadline {
                group: group.to_string(),
                round: g.round,
            }),
        );
        if from != GroupState::Empty {
            self.maybe_complete_join(ctx, group, false, log);
        }
    }

    /// Completes the join phase when every member has joined, or when `deadline` (members
    /// that did not rejoin are removed).
    fn maybe_complete_join(
        &mut self,
        ctx: &mut Ctx<'_>,
        group: &str,
        deadline: bool,
        log: &mut CoordinatorLog<'_>,
    ) {
        let broker = self.broker;
        let partitions_per_topic = Self::topic_partition_counts(log);
        let Some(g) = self.groups.get_mut(group) else {
            return;
        };
        if g.state != GroupState::PreparingRebalance {
            return;
        }
        let all_joined = g.members.values().all(|m| m.awaiting_join.is_some());
        if !all_joined && !deadline {
            return;
        }
        if deadline {
            let gone: Vec<String> = g
                .members
                .values()
                .filter(|m| m.awaiting_join.is_none())
                .map(|m| m.member_id.clone())
                .collect();
            for id in gone {
                g.members.remove(&id);
                g.join_order.retain(|x| x != &id);
                ctx.event(Event::GroupMemberRemoved {
                    broker,
                    group: group.to_string(),
                    member: id,
                    reason: "did not rejoin within the rebalance timeout".into(),
                });
            }
        }
        g.generation += 1;
        if g.members.is_empty() {
            g.state = GroupState::Empty;
            g.protocol = None;
            g.leader = None;
            ctx.event(Event::GroupRebalanceCompleted {
                broker,
                group: group.to_string(),
                generation: g.generation,
                leader: "-".into(),
                assignment: Vec::new(),
            });
            self.store_group(ctx, group, PendingWrite::Stored, log);
            return;
        }
        g.state = GroupState::CompletingRebalance;
        if !g.leader.as_ref().is_some_and(|l| g.members.contains_key(l)) {
            g.leader = g.join_order.first().cloned();
        }
        let leader = g.leader.clone().unwrap_or_default();
        let protocol = g.members[&leader].protocol;
        g.protocol = Some(protocol);
        let subs: Vec<Subscription> = g
            .members_in_order()
            .map(|m| {
                let mut s = Subscription::new(m.member_id.clone(), m.topics.iter().cloned())
                    .with_owned(m.owned.clone(), Some(g.generation - 1));
                s.instance_id = m.instance_id.clone();
                s
            })
            .collect();
        let subscribed: BTreeSet<&String> = g.members.values().flat_map(|m| &m.topics).collect();
        let counts: BTreeMap<String, u32> = partitions_per_topic
            .into_iter()
            .filter(|(t, _)| subscribed.contains(t))
            .collect();
        for m in g.members.values_mut() {
            if let Some(r) = m.awaiting_join.take() {
                let is_leader = m.member_id == leader;
                let result = JoinResult {
                    generation: g.generation,
                    protocol,
                    leader: leader.clone(),
                    member_id: m.member_id.clone(),
                    members: if is_leader { subs.clone() } else { Vec::new() },
                    partitions_per_topic: if is_leader {
                        counts.clone()
                    } else {
                        BTreeMap::new()
                    },
                };
                ctx.send(
                    m.node,
                    Msg::GroupResponse {
                        request: r,
                        resp: GroupResponse::JoinGroup(Ok(result)),
                    },
                );
            }
        }
    }

    fn topic_partition_counts(log: &CoordinatorLog<'_>) -> BTreeMap<String, u32> {
        let mut out: BTreeMap<String, u32> = BTreeMap::new();
        for tp in log.metadata().partitions.keys() {
            *out.entry(tp.topic.clone()).or_default() += 1;
        }
        out
    }

    #[allow(clippy::too_many_arguments)] // SyncGroup's fields, as the request carries them
    fn on_sync(
        &mut self,
        ctx: &mut Ctx<'_>,
        group: &str,
        generation: i32,
        member_id: &str,
        request: u64,
        assignments: BTreeMap<String, Vec<TopicPartition>>,
        log: &mut CoordinatorLog<'_>,
    ) -> Result<(), KafkaError> {
        let g = self
            .groups
            .get_mut(group)
            .ok_or(KafkaError::UnknownMemberId)?;
        if !g.members.contains_key(member_id) {
            return Err(KafkaError::UnknownMemberId);
        }
        if generation != g.generation {
            return Err(KafkaError::IllegalGeneration);
        }
        match g.state {
            GroupState::Empty => Err(KafkaError::UnknownMemberId),
            GroupState::PreparingRebalance => Err(KafkaError::RebalanceInProgress),
            GroupState::Stable => {
                let a = g.members[member_id].assignment.clone();
                let node = g.members[member_id].node;
                respond(ctx, node, request, GroupResponse::SyncGroup(Ok(a)));
                Ok(())
            }
            GroupState::CompletingRebalance => {
                if let Some(m) = g.members.get_mut(member_id) {
                    m.awaiting_sync = Some(request);
                }
                let is_leader = g.leader.as_deref() == Some(member_id);
                if is_leader && g.pending_assignment.is_none() {
                    // The leader's assignment is kept aside and the generation written to
                    // __consumer_offsets first; the answers leave once that record is
                    // committed (`storeGroup`'s callback).
                    g.pending_assignment = Some(assignments);
                    let generation = g.generation;
                    self.store_group(
                        ctx,
                        group,
                        PendingWrite::Sync {
                            group: group.to_string(),
                            generation,
                        },
                        log,
                    );
                }
                Ok(())
            }
        }
    }

    fn remove_member(
        &mut self,
        ctx: &mut Ctx<'_>,
        group: &str,
        member: &str,
        reason: &str,
        log: &mut CoordinatorLog<'_>,
    ) {
        let Some(g) = self.groups.get_mut(group) else {
            return;
        };
        if g.members.remove(member).is_none() {
            return;
        }
        g.join_order.retain(|x| x != member);
        ctx.event(Event::GroupMemberRemoved {
            broker: self.broker,
            group: group.to_string(),
            member: member.to_string(),
            reason: reason.to_string(),
        });
        match g.state {
            GroupState::Stable | GroupState::CompletingRebalance => {
                if g.members.is_empty() {
                    g.state = GroupState::Empty;
                    g.generation += 1;
                    g.protocol = None;
                    g.leader = None;
                    g.pending_assignment = None;
                    self.store_group(ctx, group, PendingWrite::Stored, log);
                } else {
                    self.prepare_rebalance(ctx, group, "a member left", 0, log);
                }
            }
            GroupState::PreparingRebalance => self.maybe_complete_join(ctx, group, false, log),
            GroupState::Empty => {}
        }
    }

    /// Coordinator timers.
    pub(super) fn on_group_timer(
        &mut self,
        ctx: &mut Ctx<'_>,
        timer: GroupTimer,
        log: &mut CoordinatorLog<'_>,
    ) {
        match timer {
            GroupTimer::JoinDeadline { group, round } => {
                let current = self.groups.get(&group).is_some_and(|g| g.round == round);
                if current {
                    self.maybe_complete_join(ctx, &group, true, log);
                }
            }
            GroupTimer::MemberExpiry { group, member } => {
                let consumer_protocol = self
                    .groups
                    .get(&group)
                    .is_some_and(|g| g.consumer.is_some());
                if consumer_protocol {
                    if Self::group_coordinator_partition(log, &group).is_ok() {
                        self.expire_consumer_member(ctx, &group, &member, log);
                    }
                    return;
                }
                let expired = self
                    .groups
                    .get(&group)
                    .and_then(|g| g.members.get(&member))
                    // `MemberMetadata.shouldKeepAlive`: a member waiting for its JoinGroup or
                    // SyncGroup answer is alive (its heartbeats stop while it waits).
                    .is_some_and(|m| {
                        m.awaiting_join.is_none()
                            && m.awaiting_sync.is_none()
                            && ctx.now >= m.last_heartbeat + m.session_timeout_ms
                    });
                if expired && Self::group_coordinator_partition(log, &group).is_ok() {
                    let timeout = self.groups[&group].members[&member].session_timeout_ms;
                    self.remove_member(
                        ctx,
                        &group,
                        &member,
                        &format!("no heartbeat for session.timeout.ms={timeout}"),
                        log,
                    );
                }
            }
        }
    }

    /// This broker leads a `__consumer_offsets` partition: it reads the commits and the
    /// groups back (`GroupMetadataManager.loadGroupsAndOffsets`): the last GroupMetadata
    /// record of a group wins; its members come back in the stored generation, each with a
    /// fresh session timer, and carry on without a rebalance.
    pub(super) fn load_group_partition(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        log: &CoordinatorLog<'_>,
    ) {
        let mut n = 0;
        let mut stored: BTreeMap<String, StoredGroup> = BTreeMap::new();
        let mut consumer_groups: BTreeMap<String, ConsumerGroup> = BTreeMap::new();
        if let Some(log) = log.log(tp) {
            for r in log.records() {
                let Some(key) = r.key.as_deref() else {
                    continue;
                };
                if let Some(sg) = parse_group_metadata(&r.value) {
                    consumer_groups.remove(key);
                    stored.insert(key.to_string(), sg);
                } else if let Some(cg) = parse_consumer_group(&r.value) {
                    stored.remove(key);
                    consumer_groups.insert(key.to_string(), cg);
                } else if let Some((group, p, o)) = parse_offset_record(key, &r.value) {
                    self.groups.entry(group).or_default().offsets.insert(p, o);
                    n += 1;
                }
            }
        }
        ctx.event(Event::GroupCoordinatorLoaded {
            broker: self.broker,
            tp: tp.clone(),
            commits: n,
        });
        for (name, sg) in stored {
            let g = self.groups.entry(name.clone()).or_default();
            g.generation = sg.generation;
            g.protocol = sg.protocol;
            g.leader = sg.leader.clone();
            g.state = if sg.members.is_empty() {
                GroupState::Empty
            } else {
                GroupState::Stable
            };
            g.members.clear();
            g.join_order.clear();
            for m in &sg.members {
                g.join_order.push(m.member_id.clone());
                g.members.insert(
                    m.member_id.clone(),
                    Member {
                        member_id: m.member_id.clone(),
                        instance_id: m.instance_id.clone(),
                        client_id: m.client_id.clone(),
                        host: m.host.clone(),
                        // Unknown until the member speaks to this coordinator.
                        node: NodeId::Client(u32::MAX),
                        session_timeout_ms: m.session_timeout_ms,
                        rebalance_timeout_ms: m.rebalance_timeout_ms,
                        protocol: sg.protocol.unwrap_or(AssignorKind::Range),
                        topics: m.topics.clone(),
                        owned: m.assignment.clone(),
                        assignment: m.assignment.clone(),
                        last_heartbeat: ctx.now,
                        awaiting_join: None,
                        awaiting_sync: None,
                    },
                );
                ctx.timer(
                    m.session_timeout_ms,
                    Timer::Group(GroupTimer::MemberExpiry {
                        group: name.clone(),
                        member: m.member_id.clone(),
                    }),
                );
            }
            ctx.event(Event::GroupMetadataLoaded {
                broker: self.broker,
                group: name,
                generation: sg.generation,
                state: g.state.name().to_string(),
                members: sg.members.iter().map(|m| m.member_id.clone()).collect(),
            });
        }
        for (name, mut cg) in consumer_groups {
            for m in cg.members.values_mut() {
                m.last_heartbeat = ctx.now;
                ctx.timer(
                    super::kip848::CONSUMER_SESSION_TIMEOUT_MS,
                    Timer::Group(GroupTimer::MemberExpiry {
                        group: name.clone(),
                        member: m.member_id.clone(),
                    }),
                );
            }
            ctx.event(Event::GroupMetadataLoaded {
                broker: self.broker,
                group: name.clone(),
                generation: cg.group_epoch,
                state: format!("{} (KIP-848)", cg.state_name()),
                members: cg.members.values().map(|m| m.client_id.clone()).collect(),
            });
            let g = self.groups.entry(name).or_default();
            g.members.clear();
            g.join_order.clear();
            g.state = GroupState::Empty;
            g.consumer = Some(cg);
        }
    }

    /// This broker no longer leads a `__consumer_offsets` partition: its groups are forgotten.
    pub(super) fn unload_group_partition(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        log: &CoordinatorLog<'_>,
    ) {
        let n = Self::offsets_partitions(log);
        let lost: Vec<(TopicPartition, Offset)> = self
            .pending
            .keys()
            .filter(|(t, _)| t == tp)
            .cloned()
            .collect();
        for key in lost {
            match self.pending.remove(&key) {
                Some(PendingWrite::Commit {
                    client: Some((c, r)),
                    ..
                }) => respond(
                    ctx,
                    c,
                    r,
                    GroupResponse::OffsetCommit(Err(KafkaError::NotCoordinator)),
                ),
                Some(PendingWrite::Answers(answers)) => {
                    for (to, r, resp) in answers {
                        if let GroupResponse::ConsumerGroupHeartbeat(_) = resp {
                            respond(
                                ctx,
                                to,
                                r,
                                GroupResponse::ConsumerGroupHeartbeat(Err(
                                    KafkaError::NotCoordinator,
                                )),
                            );
                        }
                    }
                }
                Some(PendingWrite::Sync { group, .. }) => {
                    // The generation's record may not survive: its SyncGroups fail.
                    if let Some(g) = self.groups.get_mut(&group) {
                        for m in g.members.values_mut() {
                            if let Some(r) = m.awaiting_sync.take() {
                                respond(
                                    ctx,
                                    m.node,
                                    r,
                                    GroupResponse::SyncGroup(Err(KafkaError::NotCoordinator)),
                                );
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        self.groups
            .retain(|g, _| n != 0 && group_partition(g, n) != tp.partition);
    }

    /// The broker dies: everything the coordinator held is gone.
    pub(super) fn kill_group_coordinator(&mut self) {
        *self = Self::new(self.broker);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::coordinator::harness::{Harness, Out};

    const ADMIN: NodeId = NodeId::Client(10_000);

    fn commit(h: &mut Harness, c: &mut GroupCoordinator, request: u64, offset: Offset) -> Out {
        let req = GroupRequest::OffsetCommit {
            group: "g".into(),
            generation: -1,
            member_id: String::new(),
            offsets: BTreeMap::from([(TopicPartition::new("orders", 0), offset)]),
        };
        h.call(10, |ctx, log| {
            c.on_group_request(ctx, ADMIN, request, req, log)
        })
    }

    fn response(out: &Out) -> Option<&GroupResponse> {
        out.sent.iter().find_map(|(_, m)| match m {
            Msg::GroupResponse { resp, .. } => Some(resp),
            _ => None,
        })
    }

    #[test]
    fn an_offset_commit_counts_once_written_and_is_read_back_by_a_new_coordinator() {
        let mut h = Harness::leading(OFFSETS_TOPIC, 3);
        let mut c = GroupCoordinator::new(1);
        let out = commit(&mut h, &mut c, 1, 42);
        // A single in-sync replica: the record is committed at once, the answer goes.
        assert_eq!(response(&out), Some(&GroupResponse::OffsetCommit(Ok(()))));
        let tp = TopicPartition::new("orders", 0);
        assert_eq!(c.groups["g"].offsets[&tp], 42);
        let p = TopicPartition::new(OFFSETS_TOPIC, group_partition("g", 3));
        let records = h.rm.logs[&p].records();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].key.as_deref(), Some("g,orders,0"));
        // The broker dies and comes back as leader: the commit is read back from the log.
        c.kill_group_coordinator();
        assert!(c.groups.is_empty());
        let out = h.call(20, |ctx, log| c.load_group_partition(ctx, &p, log));
        assert!(out
            .events
            .iter()
            .any(|e| matches!(e, Event::GroupCoordinatorLoaded { .. })));
        assert_eq!(c.groups["g"].offsets[&tp], 42);
        let req = GroupRequest::OffsetFetch {
            group: "g".into(),
            partitions: vec![tp.clone()],
        };
        let out = h.call(30, |ctx, log| c.on_group_request(ctx, ADMIN, 2, req, log));
        assert_eq!(
            response(&out),
            Some(&GroupResponse::OffsetFetch(Ok(BTreeMap::from([(tp, 42)]))))
        );
    }

    #[test]
    fn a_broker_that_does_not_lead_the_group_partition_is_not_its_coordinator() {
        let mut h = Harness::leading(OFFSETS_TOPIC, 3);
        h.rm.partitions.clear();
        let mut c = GroupCoordinator::new(1);
        let out = commit(&mut h, &mut c, 1, 5);
        assert_eq!(
            response(&out),
            Some(&GroupResponse::OffsetCommit(Err(
                KafkaError::NotCoordinator
            )))
        );
        assert!(c.groups.is_empty());
        // FindCoordinator answers from the metadata cache, leading or not.
        let req = GroupRequest::FindCoordinator { group: "g".into() };
        let out = h.call(10, |ctx, log| c.on_group_request(ctx, ADMIN, 2, req, log));
        assert_eq!(response(&out), Some(&GroupResponse::FindCoordinator(Ok(1))));
    }
    use crate::partitioner::{java_string_hash, kafka_abs};

    #[test]
    fn partition_for_group() {
        assert_eq!(group_partition("polygenelubricants", 50), 0);
        let h = java_string_hash("orders-app");
        assert_eq!(group_partition("orders-app", 5), kafka_abs(h) as u32 % 5);
    }

    #[test]
    fn group_metadata_record_round_trips() {
        let mut g = Group::new();
        g.generation = 4;
        g.protocol = Some(AssignorKind::CooperativeSticky);
        g.leader = Some("c1".into());
        g.state = GroupState::Stable;
        for (id, inst, parts) in [("c1", None, vec![0, 2]), ("c2", Some("host-b"), vec![1])] {
            g.join_order.push(id.to_string());
            g.members.insert(
                id.to_string(),
                Member {
                    member_id: id.to_string(),
                    instance_id: inst.map(str::to_string),
                    client_id: id.to_string(),
                    host: "/127.0.0.1".into(),
                    node: NodeId::Client(7),
                    session_timeout_ms: 45_000,
                    rebalance_timeout_ms: 300_000,
                    protocol: AssignorKind::CooperativeSticky,
                    topics: ["orders".to_string(), "pay-ments".to_string()].into(),
                    owned: Vec::new(),
                    assignment: parts
                        .into_iter()
                        .map(|p| TopicPartition::new("pay-ments", p))
                        .collect(),
                    last_heartbeat: 0,
                    awaiting_join: None,
                    awaiting_sync: None,
                },
            );
        }
        let v = group_metadata_value("g,1", &g, 1234);
        assert!(v.starts_with("GroupMetadata(groupId=g,1, protocolType=consumer, generation=4, protocol=cooperative-sticky, leader=c1, currentState=Stable, currentStateTimestamp=1234, members=[MemberMetadata(memberId=c1, groupInstanceId=None,"), "{v}");
        let s = parse_group_metadata(&v).expect("parses");
        assert_eq!(s.generation, 4);
        assert_eq!(s.protocol, Some(AssignorKind::CooperativeSticky));
        assert_eq!(s.leader.as_deref(), Some("c1"));
        assert_eq!(s.timestamp, 1234);
        assert_eq!(s.members.len(), 2);
        assert_eq!(s.members[1].instance_id.as_deref(), Some("host-b"));
        assert_eq!(
            s.members[0].assignment,
            vec![
                TopicPartition::new("pay-ments", 0),
                TopicPartition::new("pay-ments", 2)
            ]
        );
        assert_eq!(s.members[0].topics.len(), 2);
        assert_eq!(record_group("g,1", &v).as_deref(), Some("g,1"));
        // An empty group: no members, no protocol, no leader.
        let e = group_metadata_value("g", &Group::new(), 0);
        let s = parse_group_metadata(&e).expect("parses");
        assert!(s.members.is_empty() && s.protocol.is_none() && s.leader.is_none());
        // Damaged values are not records, and never panic.
        for bad in [
            "GroupMetadata(",
            "GroupMetadata(groupId=g)",
            &v[..v.len() - 3],
        ] {
            assert_eq!(parse_group_metadata(bad), None, "{bad}");
        }
    }

    #[test]
    fn offset_record_round_trips() {
        let tp = TopicPartition::new("my-topic", 12);
        let k = offset_key("g,1", &tp);
        assert_eq!(
            parse_offset_record(&k, "offset=42 commitTimestamp=7"),
            Some(("g,1".to_string(), tp, 42))
        );
        assert_eq!(parse_offset_record("x", "offset=1"), None);
    }
}
