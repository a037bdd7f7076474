//! `GroupMetadataManager`: the records a group coordinator writes to `__consumer_offsets`
//! (offset commits, `GroupMetadata`), appended through its `CoordinatorLog` and acted on once
//! the high watermark covers them; loading a partition back on becoming its leader, and
//! forgetting it on resigning.

use super::records::{
    GroupMetadataKey, GroupMetadataValue, OffsetCommitKey, OffsetCommitValue, GROUP_METADATA,
};
use super::*;
use crate::idxmap::IdxMap;

/// The key of an offset commit record: `group,topic,partition`.
pub fn offset_key(group: &str, tp: &TopicPartition) -> String {
    OffsetCommitKey {
        group: group.to_string(),
        tp: *tp,
    }
    .to_string()
}

pub(super) fn parse_offset_record(
    key: &str,
    value: &str,
) -> Option<(String, TopicPartition, Offset)> {
    let k = OffsetCommitKey::parse(key)?;
    let v = OffsetCommitValue::parse(value)?;
    Some((k.group, k.tp, v.offset))
}

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
    let state = if g.members.is_empty() {
        GroupState::Empty
    } else {
        GroupState::Stable
    };
    let value = GroupMetadataValue {
        generation: g.generation,
        protocol: g.protocol,
        leader: g.leader.clone(),
        state: state.name().to_string(),
        timestamp: now,
        members: g
            .members_in_order()
            .map(|m| StoredMember {
                member_id: m.member_id.clone(),
                instance_id: m.instance_id.clone(),
                client_id: m.client_id.clone(),
                host: m.host.clone(),
                rebalance_timeout_ms: m.rebalance_timeout_ms,
                session_timeout_ms: m.session_timeout_ms,
                topics: m.topics.clone(),
                assignment: assignment_of(m),
            })
            .collect(),
    };
    value.display(&GroupMetadataKey {
        group: group.to_string(),
    })
}

/// Reads `name1=v1, name2=v2, …` in this order; the last value runs to the end of `s`.
pub(crate) fn fields<'a>(s: &'a str, names: &[&str]) -> Option<Vec<&'a str>> {
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

pub(super) fn parse_list(s: &str) -> Option<Vec<&str>> {
    let inner = s.strip_prefix('[')?.strip_suffix(']')?;
    Some(inner.split(',').filter(|x| !x.is_empty()).collect())
}

pub(super) fn parse_tp(s: &str) -> Option<TopicPartition> {
    let (topic, p) = s.rsplit_once('-')?;
    Some(TopicPartition::new(topic, p.parse().ok()?))
}

/// Reads a GroupMetadata record's value back (`None`: not one, or damaged).
pub fn parse_group_metadata(value: &str) -> Option<StoredGroup> {
    GroupMetadataValue::parse(value)
}

/// The group a `__consumer_offsets` record belongs to (an offset commit or a group record).
pub fn record_group(key: &str, value: &str) -> Option<String> {
    if value.starts_with(GROUP_METADATA) || value.starts_with("ConsumerGroup(") {
        return Some(key.to_string());
    }
    parse_offset_record(key, value).map(|(g, _, _)| g)
}

impl GroupCoordinator {
    pub(super) fn write_offsets(
        &mut self,
        ctx: &mut Ctx<'_>,
        group: &str,
        offsets: IdxMap<TopicPartition, Offset>,
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
                let value = OffsetCommitValue {
                    offset: *o,
                    commit_timestamp: Some(ctx.now),
                };
                (offset_key(group, p), value.to_string())
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
    pub(in crate::cluster) fn append_group_records(
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
                key: Some(key.into()),
                value: value.into(),
                timestamp: ctx.now,
            })
            .collect();
        let (last, hw_moved) = log.append(ctx, &tp, epoch, records);
        self.pending.insert((tp, last), pending);
        if hw_moved {
            self.offset_writes_committed(ctx, &tp, log);
        }
    }

    /// Writes the group's GroupMetadata record (`GroupMetadataManager.storeGroup`).
    pub(super) fn store_group(
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
    pub(in crate::cluster) fn offset_writes_committed(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        log: &mut CoordinatorLog<'_>,
    ) {
        let hw = log.high_watermark(tp);
        for write in crate::cluster::take_covered(&mut self.pending, tp, hw) {
            match write {
                PendingWrite::Commit {
                    client,
                    group,
                    offsets,
                } => {
                    let g = self.groups.entry(group.clone()).or_default();
                    for (p, o) in &offsets {
                        g.offsets.insert(*p, *o);
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

    /// This broker leads a `__consumer_offsets` partition: it reads the commits and the
    /// groups back (`GroupMetadataManager.loadGroupsAndOffsets`): the last GroupMetadata
    /// record of a group wins; its members come back in the stored generation, each with a
    /// fresh session timer, and carry on without a rebalance.
    pub(in crate::cluster) fn load_group_partition(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        log: &CoordinatorLog<'_>,
    ) {
        let mut n = 0;
        let mut stored: crate::vecmap::VecMap<String, StoredGroup> = crate::vecmap::VecMap::new();
        let mut consumer_groups: crate::vecmap::VecMap<String, ConsumerGroup> =
            crate::vecmap::VecMap::new();
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
            tp: *tp,
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
                    crate::cluster::kip848::CONSUMER_SESSION_TIMEOUT_MS,
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
    pub(in crate::cluster) fn unload_group_partition(
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
}
