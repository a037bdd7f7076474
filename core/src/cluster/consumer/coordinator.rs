//! The group side (`ConsumerCoordinator` over `AbstractCoordinator`): starting and stopping,
//! FindCoordinator, JoinGroup, SyncGroup (the leader assigns), heartbeats, offset commits
//! and fetches, LeaveGroup, and the KIP-848 `ConsumerGroupHeartbeat` client.

use super::*;
use crate::idxmap::IdxMap;
use crate::sort::Collect as _;

impl Consumer {
    /// A consumer, not started.
    pub fn new(id: u32, name: &str, bootstrap: Vec<BrokerId>, config: ConsumerConfig) -> Self {
        Self {
            id,
            name: name.to_string(),
            config,
            incarnation: 0,
            bootstrap,
            bootstrap_next: 0,
            coordinator: None,
            member_id: None,
            generation: -1,
            state: ConsumerState::Closed,
            assignment: Vec::new(),
            positions: IdxMap::new(),
            offsets_fetched: false,
            last_commit_request: None,
            last_commit_result: None,
            last_auto_commit: 0,
            stalled: false,
            app_poll_ms: None,
            app_run: 0,
            manual: false,
            leaders: IdxMap::new(),
            in_flight: crate::vecmap::VecMap::new(),
            buffer: VecDeque::new(),
            end_offsets: IdxMap::new(),
            seek: IdxMap::new(),
            out_of_range: IdxMap::new(),
            polling: false,
            poll_error: None,
            retry_pending: false,
            rejoin_after_sync: false,
            previous_coordinator: None,
            cg_inflight: None,
            next_request: 0,
            join_request: None,
            assignment_snapshot: None,
            metadata_refresh_armed: false,
        }
    }

    /// A new instance under the same client id carries on the old one's request numbers, so
    /// an answer meant for the old instance is never taken for one of its own.
    pub(crate) fn succeed(&mut self, old: &Consumer) {
        self.incarnation = old.incarnation;
        self.next_request = old.next_request;
    }

    /// Forgets everything about fetching (a start, a crash).
    pub(super) fn reset_fetch_state(&mut self) {
        self.in_flight.clear();
        self.buffer.clear();
        self.end_offsets.clear();
        self.seek.clear();
        self.out_of_range.clear();
        self.polling = false;
        self.poll_error = None;
        self.retry_pending = false;
    }

    /// True while it runs.
    pub fn is_alive(&self) -> bool {
        self.state != ConsumerState::Closed
    }

    /// True when it has an assignment and knows where to read each partition from (or has to
    /// ask `auto.offset.reset`).
    pub fn is_ready(&self) -> bool {
        self.state == ConsumerState::Stable && self.offsets_fetched
    }

    pub(super) fn request(&mut self) -> u64 {
        self.next_request += 1;
        self.next_request
    }

    pub(super) fn send(&mut self, ctx: &mut Ctx<'_>, to: BrokerId, req: GroupRequest) -> u64 {
        let request = self.request();
        ctx.send(NodeId::Broker(to), Msg::Group { request, req });
        request
    }

    /// `subscribe()` and the first `poll()`: find the coordinator and join.
    pub fn start(&mut self, ctx: &mut Ctx<'_>) {
        self.incarnation += 1;
        self.state = ConsumerState::FindingCoordinator;
        self.manual = false;
        self.coordinator = None;
        self.generation = -1;
        self.assignment.clear();
        self.positions.clear();
        self.offsets_fetched = false;
        self.reset_fetch_state();
        self.last_auto_commit = ctx.now;
        self.cg_inflight = None;
        if self.is_kip848() {
            // Kafka 4.0's client makes up its own member id (a UUID); here derived from its
            // client id and restarts, so runs are reproducible.
            self.member_id = Some(client_member_id(&self.name, self.incarnation));
            self.generation = 0;
        }
        self.find_coordinator(ctx);
        ctx.timer(self.config.heartbeat_interval_ms, Timer::ConsumerHeartbeat);
        // A restarted instance carries on its application's poll loop.
        if let Some(every) = self.app_poll_ms {
            self.run_app(ctx, every);
        }
    }

    /// A crash: it stops without a word; the coordinator notices after `session.timeout.ms`.
    pub fn kill(&mut self) {
        self.state = ConsumerState::Closed;
        self.incarnation += 1;
        self.join_request = None;
        self.cg_inflight = None;
        self.reset_fetch_state();
    }

    /// `assign()` (no group): the application names the partitions, with a position for some
    /// (`seek`) and `seekToBeginning` / `seekToEnd` for others.
    pub fn assign(
        &mut self,
        ctx: &mut Ctx<'_>,
        partitions: Vec<TopicPartition>,
        positions: IdxMap<TopicPartition, Offset>,
        seek: IdxMap<TopicPartition, OffsetSpec>,
    ) {
        self.incarnation += 1;
        self.reset_fetch_state();
        self.manual = true;
        self.coordinator = None;
        self.member_id = None;
        self.generation = -1;
        self.state = ConsumerState::Stable;
        self.assignment = partitions;
        self.positions = positions;
        self.seek = seek;
        self.offsets_fetched = true;
        self.last_auto_commit = ctx.now;
    }

    /// The application stops calling `poll()`: after `max.poll.interval.ms` the heartbeat thread
    /// makes the consumer leave the group (`AbstractCoordinator.maybeLeaveGroup`, "consumer poll
    /// timeout has expired").
    pub fn stall(&mut self, ctx: &mut Ctx<'_>) {
        self.stalled = true;
        ctx.timer(self.config.max_poll_interval_ms, Timer::ConsumerPollTimeout);
    }

    /// `close()`: auto-commit (if enabled), then LeaveGroup.
    pub fn leave(&mut self, ctx: &mut Ctx<'_>) {
        if self.config.enable_auto_commit {
            self.commit(ctx);
        }
        self.leave_group(ctx);
    }

    /// Sends LeaveGroup (if it is a member) and stops.
    pub fn leave_group(&mut self, ctx: &mut Ctx<'_>) {
        if self.is_kip848() {
            // KIP-848: a heartbeat with member epoch -1.
            if self.coordinator.is_some() && self.generation > 0 {
                self.cg_heartbeat(ctx, -1);
            }
            return self.kill();
        }
        if let (Some(c), Some(m)) = (self.coordinator, self.member_id.clone()) {
            let group = self.config.group.clone();
            self.send(
                ctx,
                c,
                GroupRequest::LeaveGroup {
                    group,
                    member_id: m,
                },
            );
        }
        self.kill();
    }

    pub(super) fn find_coordinator(&mut self, ctx: &mut Ctx<'_>) {
        self.state = ConsumerState::FindingCoordinator;
        self.send_find_coordinator(ctx);
    }

    pub(super) fn send_find_coordinator(&mut self, ctx: &mut Ctx<'_>) {
        if self.bootstrap.is_empty() {
            return;
        }
        let b = self.bootstrap[self.bootstrap_next % self.bootstrap.len()];
        self.bootstrap_next += 1;
        let group = self.config.group.clone();
        self.send(ctx, b, GroupRequest::FindCoordinator { group });
    }

    /// Starts a (re)join. Eager: every partition is revoked first (committing its position
    /// when auto-commit is on); cooperative: it keeps what it owns and says so.
    pub(super) fn join(&mut self, ctx: &mut Ctx<'_>) {
        let Some(c) = self.coordinator else {
            return self.find_coordinator(ctx);
        };
        if self.is_kip848() {
            self.state = ConsumerState::Joining;
            let epoch = self.generation.max(0);
            return self.cg_heartbeat(ctx, epoch);
        }
        if !self.config.assignor.is_cooperative() && !self.assignment.is_empty() {
            if self.config.enable_auto_commit {
                self.commit(ctx);
            }
            let revoked: Vec<String> = self.assignment.iter().map(|t| t.to_string()).collect();
            ctx.event(Event::ConsumerAssigned {
                client: self.name.clone(),
                generation: self.generation,
                assigned: Vec::new(),
                revoked,
            });
            self.assignment.clear();
            self.positions.clear();
            // Fetched records of revoked partitions never reach the application.
            self.buffer.clear();
        }
        self.state = ConsumerState::Joining;
        self.offsets_fetched = false;
        let req = GroupRequest::JoinGroup {
            group: self.config.group.clone(),
            member_id: self.member_id.clone(),
            instance_id: self.config.instance_id.clone(),
            client_id: self.name.clone(),
            session_timeout_ms: self.config.session_timeout_ms,
            rebalance_timeout_ms: self.config.max_poll_interval_ms,
            protocol: self.config.assignor,
            topics: self.config.topics.clone(),
            owned: self.assignment.clone(),
        };
        self.join_request = Some(self.send(ctx, c, req));
    }

    /// `commitAsync()` of the current positions (the next offsets to read).
    pub fn commit(&mut self, ctx: &mut Ctx<'_>) -> Option<u64> {
        let c = self.coordinator?;
        let offsets: IdxMap<TopicPartition, Offset> = self
            .positions
            .iter()
            .filter(|(tp, _)| self.assignment.contains(tp))
            .map(|(tp, o)| (*tp, *o))
            .collect::<IdxMap<_, _>>();
        if self.config.offsets_in_zookeeper {
            // Kafka 0.8: the consumer writes the znodes itself.
            let request = self.request();
            ctx.send(
                NodeId::ZooKeeper,
                Msg::ZkCommitOffsets {
                    request,
                    group: self.config.group.clone(),
                    offsets,
                },
            );
            self.last_commit_request = Some(request);
            self.last_commit_result = None;
            self.last_auto_commit = ctx.now;
            return Some(request);
        }
        let req = GroupRequest::OffsetCommit {
            group: self.config.group.clone(),
            generation: self.generation,
            member_id: self.member_id.clone().unwrap_or_default(),
            offsets,
        };
        let r = self.send(ctx, c, req);
        self.last_commit_request = Some(r);
        self.last_commit_result = None;
        self.last_auto_commit = ctx.now;
        Some(r)
    }

    /// A timer fires.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, timer: Timer) {
        if !self.is_alive() {
            return;
        }
        match timer {
            Timer::ConsumerHeartbeat if self.is_kip848() => {
                if self.state == ConsumerState::Stable
                    && self.coordinator.is_some()
                    && self.cg_inflight.is_none()
                {
                    let epoch = self.generation;
                    self.cg_heartbeat(ctx, epoch);
                }
                ctx.timer(self.config.heartbeat_interval_ms, Timer::ConsumerHeartbeat);
            }
            Timer::ConsumerHeartbeat => {
                if self.state == ConsumerState::Stable {
                    if let (Some(c), Some(m)) = (self.coordinator, self.member_id.clone()) {
                        let req = GroupRequest::Heartbeat {
                            group: self.config.group.clone(),
                            generation: self.generation,
                            member_id: m,
                        };
                        self.send(ctx, c, req);
                    }
                }
                ctx.timer(self.config.heartbeat_interval_ms, Timer::ConsumerHeartbeat);
            }
            Timer::ConsumerPollTimeout => {
                if self.stalled {
                    ctx.event(crate::event::Event::ConsumerPollTimeout {
                        consumer: self.name.clone(),
                        group: self.config.group.clone(),
                        max_poll_interval_ms: self.config.max_poll_interval_ms,
                    });
                    // Leaves without committing (`maybeLeaveGroup` from the heartbeat thread).
                    self.leave_group(ctx);
                }
            }
            Timer::ConsumerRetry => match self.state {
                ConsumerState::FindingCoordinator => self.find_coordinator(ctx),
                ConsumerState::Joining => self.join(ctx),
                ConsumerState::Stable if self.coordinator.is_none() => {
                    self.send_find_coordinator(ctx)
                }
                _ => {}
            },
            Timer::ConsumerFetchRetry => {
                self.retry_pending = false;
                self.progress(ctx);
            }
            Timer::ConsumerMetadataMaxAge => {
                self.metadata_refresh_armed = false;
                if self.assignment_snapshot.is_some() && self.state == ConsumerState::Stable {
                    self.request_metadata(ctx);
                }
                if self.assignment_snapshot.is_some() && self.state != ConsumerState::Closed {
                    self.metadata_refresh_armed = true;
                    ctx.timer(METADATA_MAX_AGE_MS, Timer::ConsumerMetadataMaxAge);
                }
            }
            Timer::ConsumerRequestTimeout { request } => self.request_failed(ctx, request),
            _ => {}
        }
    }

    /// The coordinator is gone or says it is not the coordinator any more. A member with an
    /// assignment keeps it and keeps consuming (`markCoordinatorUnknown`): it looks the
    /// coordinator up again and heartbeats there in the same generation, no rejoin.
    pub(super) fn lost_coordinator(&mut self, ctx: &mut Ctx<'_>) {
        if self.coordinator.is_some() {
            self.previous_coordinator = self.coordinator;
        }
        self.coordinator = None;
        if self.state != ConsumerState::Stable {
            self.state = ConsumerState::FindingCoordinator;
        }
        ctx.timer(RETRY_BACKOFF_MS, Timer::ConsumerRetry);
    }

    /// A message arrives.
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, msg: Msg) {
        if !self.is_alive() {
            return;
        }
        match msg {
            Msg::Undeliverable(inner) => match *inner {
                Msg::ConsumerFetch { request, .. }
                | Msg::ListOffsets { request, .. }
                | Msg::Metadata { request } => self.request_failed(ctx, request),
                Msg::Group { req, request } => {
                    if self.cg_inflight == Some(request) {
                        self.cg_inflight = None;
                    }
                    if let GroupRequest::OffsetCommit { .. } = req {
                        if self.last_commit_request == Some(request) {
                            self.last_commit_result = Some(Err(KafkaError::NetworkException));
                        }
                    }
                    if !matches!(req, GroupRequest::LeaveGroup { .. }) {
                        self.lost_coordinator(ctx);
                    }
                }
                _ => {}
            },
            Msg::ConsumerFetchResponse {
                request,
                partitions,
            } => self.on_fetch_response(ctx, request, partitions),
            Msg::ListOffsetsResponse { request, results } => {
                self.on_list_offsets_response(ctx, request, results)
            }
            Msg::MetadataResponse {
                request,
                partitions,
                ..
            } => self.on_metadata_response(ctx, request, partitions),
            Msg::GroupResponse { request, resp } => self.on_response(ctx, request, resp),
            Msg::ZkOffsets { request, offsets } => {
                self.on_response(ctx, request, GroupResponse::OffsetFetch(Ok(offsets)))
            }
            Msg::ZkOffsetsCommitted { request } => {
                self.on_response(ctx, request, GroupResponse::OffsetCommit(Ok(())))
            }
            _ => {}
        }
    }

    /// A SyncGroup or Heartbeat refused (`AbstractCoordinator`): an unknown member rejoins as
    /// a new one, a moved coordinator is looked up again, anything else rejoins.
    pub(super) fn rejoin_after(&mut self, ctx: &mut Ctx<'_>, e: KafkaError) {
        match e {
            KafkaError::UnknownMemberId => {
                self.member_id = None;
                self.join(ctx);
            }
            KafkaError::NotCoordinator | KafkaError::CoordinatorNotAvailable => {
                self.lost_coordinator(ctx)
            }
            _ => self.join(ctx),
        }
    }

    pub(super) fn on_response(&mut self, ctx: &mut Ctx<'_>, request: u64, resp: GroupResponse) {
        match resp {
            GroupResponse::FindCoordinator(r) => {
                if self.state == ConsumerState::Stable && self.coordinator.is_none() {
                    // A member that lost its coordinator: same member id, same generation.
                    match r {
                        Ok(b) => {
                            self.coordinator = Some(b);
                            if self.previous_coordinator != Some(b) {
                                self.previous_coordinator = Some(b);
                                ctx.event(Event::ConsumerCoordinatorMoved {
                                    client: self.name.clone(),
                                    broker: b,
                                    generation: self.generation,
                                });
                            }
                        }
                        Err(_) => ctx.timer(RETRY_BACKOFF_MS, Timer::ConsumerRetry),
                    }
                    return;
                }
                if self.state != ConsumerState::FindingCoordinator {
                    return;
                }
                match r {
                    Ok(b) => {
                        self.coordinator = Some(b);
                        self.previous_coordinator = Some(b);
                        self.join(ctx);
                    }
                    Err(_) => ctx.timer(RETRY_BACKOFF_MS, Timer::ConsumerRetry),
                }
            }
            GroupResponse::JoinGroup(r) => {
                if self.join_request != Some(request) || self.state != ConsumerState::Joining {
                    return;
                }
                self.join_request = None;
                match r {
                    Ok(j) => {
                        self.member_id = Some(j.member_id.clone());
                        self.generation = j.generation;
                        let assignments = if j.members.is_empty() {
                            self.assignment_snapshot = None;
                            BTreeMap::new()
                        } else {
                            // The leader remembers the metadata it assigned from and checks
                            // it again at every metadata refresh.
                            self.assignment_snapshot = Some(
                                j.partitions_per_topic
                                    .iter()
                                    .filter(|(t, _)| self.config.topics.contains(*t))
                                    .map(|(t, &n)| (t.clone(), n))
                                    .collect_map(),
                            );
                            if !self.metadata_refresh_armed {
                                self.metadata_refresh_armed = true;
                                ctx.timer(METADATA_MAX_AGE_MS, Timer::ConsumerMetadataMaxAge);
                            }
                            let out =
                                assign_detailed(j.protocol, &j.partitions_per_topic, &j.members);
                            out.assignment
                        };
                        let req = GroupRequest::SyncGroup {
                            group: self.config.group.clone(),
                            generation: j.generation,
                            member_id: j.member_id,
                            assignments,
                        };
                        if let Some(c) = self.coordinator {
                            self.state = ConsumerState::Syncing;
                            self.send(ctx, c, req);
                        }
                    }
                    Err(KafkaError::UnknownMemberId) => {
                        self.member_id = None;
                        ctx.timer(RETRY_BACKOFF_MS, Timer::ConsumerRetry);
                    }
                    // Fatal in the Java client (InconsistentGroupProtocolException).
                    Err(KafkaError::InconsistentGroupProtocol) => self.kill(),
                    Err(KafkaError::NotCoordinator | KafkaError::CoordinatorNotAvailable) => {
                        self.lost_coordinator(ctx)
                    }
                    Err(_) => ctx.timer(RETRY_BACKOFF_MS, Timer::ConsumerRetry),
                }
            }
            GroupResponse::SyncGroup(r) => {
                if self.state != ConsumerState::Syncing {
                    return;
                }
                match r {
                    Ok(parts) => {
                        let old: BTreeSet<TopicPartition> =
                            self.assignment.iter().cloned().collect_set();
                        let new: BTreeSet<TopicPartition> = parts.iter().cloned().collect_set();
                        let revoked: Vec<String> =
                            old.difference(&new).map(|t| t.to_string()).collect();
                        let assigned: Vec<String> =
                            new.difference(&old).map(|t| t.to_string()).collect();
                        if !revoked.is_empty() && self.config.enable_auto_commit {
                            self.commit(ctx);
                        }
                        self.positions.retain(|tp, _| new.contains(tp));
                        self.buffer.retain(|f| new.contains(&f.tp));
                        self.end_offsets.retain(|tp, _| new.contains(tp));
                        self.out_of_range.retain(|tp, _| new.contains(tp));
                        ctx.event(Event::ConsumerAssigned {
                            client: self.name.clone(),
                            generation: self.generation,
                            assigned,
                            revoked: revoked.clone(),
                        });
                        self.assignment = parts;
                        self.state = ConsumerState::Stable;
                        // Cooperative: partitions given up in this round go to their new
                        // owners in a follow-up rebalance.
                        self.rejoin_after_sync =
                            self.config.assignor.is_cooperative() && !revoked.is_empty();
                        let missing: Vec<TopicPartition> = self
                            .assignment
                            .iter()
                            .filter(|tp| !self.positions.contains_key(tp))
                            .cloned()
                            .collect();
                        if self.config.offsets_in_zookeeper {
                            let request = self.request();
                            ctx.send(
                                NodeId::ZooKeeper,
                                Msg::ZkFetchOffsets {
                                    request,
                                    group: self.config.group.clone(),
                                    partitions: missing,
                                },
                            );
                        } else if let Some(c) = self.coordinator {
                            let req = GroupRequest::OffsetFetch {
                                group: self.config.group.clone(),
                                partitions: missing,
                            };
                            self.send(ctx, c, req);
                        }
                        if self.rejoin_after_sync {
                            self.rejoin_after_sync = false;
                            self.join(ctx);
                        }
                    }
                    Err(e) => self.rejoin_after(ctx, e),
                }
            }
            GroupResponse::Heartbeat(r) => {
                if self.state != ConsumerState::Stable {
                    return;
                }
                match r {
                    Ok(()) => {}
                    Err(e) => self.rejoin_after(ctx, e),
                }
            }
            GroupResponse::OffsetFetch(r) => {
                if let Ok(offsets) = r {
                    for tp in &self.assignment {
                        if let Some(&o) = offsets.get(tp) {
                            self.positions.entry(*tp).or_insert(o);
                        }
                    }
                    if self.state == ConsumerState::Stable {
                        self.offsets_fetched = true;
                        self.progress(ctx);
                    }
                }
            }
            GroupResponse::OffsetCommit(r) => {
                if self.last_commit_request == Some(request) {
                    self.last_commit_result = Some(r);
                }
            }
            GroupResponse::LeaveGroup(_) => {}
            GroupResponse::ConsumerGroupHeartbeat(r) => {
                if self.cg_inflight != Some(request) {
                    return;
                }
                self.cg_inflight = None;
                self.on_cg_heartbeat(ctx, r);
            }
        }
    }

    /// True for `group.protocol=consumer` (KIP-848).
    pub fn is_kip848(&self) -> bool {
        self.config.group_protocol == GroupProtocol::Consumer
    }

    /// Sends a ConsumerGroupHeartbeat at `epoch` (0: join, -1: leave) with what it owns.
    pub(super) fn cg_heartbeat(&mut self, ctx: &mut Ctx<'_>, epoch: i32) {
        let (Some(c), Some(member_id)) = (self.coordinator, self.member_id.clone()) else {
            return;
        };
        let req = GroupRequest::ConsumerGroupHeartbeat(HeartbeatRequest {
            group: self.config.group.clone(),
            member_id,
            member_epoch: epoch,
            instance_id: self.config.instance_id.clone(),
            client_id: self.name.clone(),
            rebalance_timeout_ms: self.config.max_poll_interval_ms,
            topics: self.config.topics.clone(),
            assignor: self.config.remote_assignor,
            owned: self.assignment.iter().cloned().collect(),
        });
        let r = self.send(ctx, c, req);
        self.cg_inflight = (epoch >= 0).then_some(r);
    }

    /// A ConsumerGroupHeartbeat answer: a new epoch, maybe partitions to revoke or to take.
    pub(super) fn on_cg_heartbeat(
        &mut self,
        ctx: &mut Ctx<'_>,
        r: Result<HeartbeatResult, KafkaError>,
    ) {
        match r {
            Ok(res) => {
                self.generation = res.member_epoch;
                self.config.heartbeat_interval_ms = res.heartbeat_interval_ms;
                if self.state == ConsumerState::Joining {
                    self.state = ConsumerState::Stable;
                    self.offsets_fetched = true;
                }
                let Some(parts) = res.assignment else {
                    return;
                };
                let old: BTreeSet<TopicPartition> = self.assignment.iter().cloned().collect_set();
                let new: BTreeSet<TopicPartition> = parts.iter().cloned().collect_set();
                let revoked: Vec<TopicPartition> = old.difference(&new).cloned().collect();
                let added: Vec<TopicPartition> = new.difference(&old).cloned().collect();
                if !revoked.is_empty() && self.config.enable_auto_commit {
                    // onPartitionsRevoked: commit what was read of them first.
                    self.commit(ctx);
                }
                self.positions.retain(|tp, _| new.contains(tp));
                self.assignment = parts;
                if revoked.is_empty() && added.is_empty() {
                    return;
                }
                ctx.event(Event::ConsumerReconciled {
                    client: self.name.clone(),
                    epoch: self.generation,
                    revoked: revoked.iter().map(|t| t.to_string()).collect(),
                    added: added.iter().map(|t| t.to_string()).collect(),
                    owned: self.assignment.iter().map(|t| t.to_string()).collect(),
                });
                if !added.is_empty() {
                    self.offsets_fetched = false;
                    if let Some(c) = self.coordinator {
                        let req = GroupRequest::OffsetFetch {
                            group: self.config.group.clone(),
                            partitions: added,
                        };
                        self.send(ctx, c, req);
                    }
                }
                // Acknowledge at once: the next heartbeat carries what it owns now.
                let epoch = self.generation;
                self.cg_heartbeat(ctx, epoch);
            }
            Err(KafkaError::FencedMemberEpoch | KafkaError::UnknownMemberId) => {
                // Fenced: every partition is lost (not committed); rejoin with epoch 0.
                if !self.assignment.is_empty() {
                    ctx.event(Event::ConsumerReconciled {
                        client: self.name.clone(),
                        epoch: 0,
                        revoked: self.assignment.iter().map(|t| t.to_string()).collect(),
                        added: Vec::new(),
                        owned: Vec::new(),
                    });
                }
                self.assignment.clear();
                self.positions.clear();
                self.generation = 0;
                self.state = ConsumerState::Joining;
                self.cg_heartbeat(ctx, 0);
            }
            Err(KafkaError::NotCoordinator | KafkaError::CoordinatorNotAvailable) => {
                self.lost_coordinator(ctx)
            }
            Err(KafkaError::InconsistentGroupProtocol) => self.kill(),
            Err(_) => ctx.timer(RETRY_BACKOFF_MS, Timer::ConsumerRetry),
        }
    }
}
