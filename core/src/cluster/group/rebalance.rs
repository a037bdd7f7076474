//! The classic protocol's rebalance on the coordinator: join phases held until every known
//! member rejoins (`DelayedJoin`, the initial delay), the leader's SyncGroup, session expiry
//! (`DelayedHeartbeat`), members leaving.

use super::*;
use crate::sort::Collect as _;

impl GroupCoordinator {
    /// The GroupMetadata record of `generation` is committed: the group is Stable and every
    /// member waiting in SyncGroup gets its partitions.
    pub(super) fn complete_sync(&mut self, ctx: &mut Ctx<'_>, group: &str, generation: i32) {
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

    pub(super) fn prepare_rebalance(
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
    pub(super) fn maybe_complete_join(
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
        let subscribed: BTreeSet<&String> =
            g.members.values().flat_map(|m| &m.topics).collect_set();
        let counts: BTreeMap<String, u32> = partitions_per_topic
            .into_iter()
            .filter(|(t, _)| subscribed.contains(t))
            .collect_map();
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

    pub(super) fn topic_partition_counts(log: &CoordinatorLog<'_>) -> BTreeMap<String, u32> {
        let mut out: BTreeMap<String, u32> = BTreeMap::new();
        for tp in log.metadata().partitions.keys() {
            *out.entry(tp.topic.to_string()).or_default() += 1;
        }
        out
    }

    #[allow(clippy::too_many_arguments)] // SyncGroup's fields, as the request carries them
    pub(super) fn on_sync(
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

    pub(super) fn remove_member(
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
    pub(in crate::cluster) fn on_group_timer(
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
}
