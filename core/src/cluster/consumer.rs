//! The consumer client as the Java `KafkaConsumer` runs the classic group protocol
//! (`ConsumerCoordinator` over `AbstractCoordinator`): find the coordinator, JoinGroup,
//! SyncGroup (the leader computes the assignment with [`crate::assignor`]), heartbeats, offset
//! commits and fetches, LeaveGroup. The lab's consumer stands for an application that calls
//! `poll()` all the time: it rejoins as soon as its heartbeat hears of a rebalance; the records
//! `consumer poll` shows are read by the CLI from the partitions' leaders (see `cli::groups`).

use std::collections::{BTreeMap, BTreeSet};

use super::group::{GroupRequest, GroupResponse};
use super::kip848::{client_member_id, HeartbeatRequest, HeartbeatResult};
use super::msg::{Ctx, KafkaError, Msg, Timer};
use crate::assignor::{assign_detailed, AssignorKind};
use crate::event::Event;
use crate::log::Offset;
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::server_assignor::RemoteAssignor;
use crate::sim::Millis;

/// `retry.backoff.ms`.
const RETRY_BACKOFF_MS: Millis = 100;

/// `auto.offset.reset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetReset {
    /// From the log start.
    Earliest,
    /// From the end (the high watermark, or the LSO under read_committed).
    Latest,
    /// Throw `NoOffsetForPartitionException`.
    None,
}

impl OffsetReset {
    /// The config value.
    pub fn name(self) -> &'static str {
        match self {
            OffsetReset::Earliest => "earliest",
            OffsetReset::Latest => "latest",
            OffsetReset::None => "none",
        }
    }
}

/// `group.protocol`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupProtocol {
    /// `classic`: JoinGroup/SyncGroup, the leader assigns (the default in 3.x and 4.0).
    Classic,
    /// `consumer`: KIP-848, Kafka 4.0: ConsumerGroupHeartbeat, the coordinator assigns.
    Consumer,
}

impl GroupProtocol {
    /// The config value.
    pub fn name(self) -> &'static str {
        match self {
            GroupProtocol::Classic => "classic",
            GroupProtocol::Consumer => "consumer",
        }
    }
}

/// The consumer configs the lab reads (Kafka 3.x defaults).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerConfig {
    /// `group.id`.
    pub group: String,
    /// Subscribed topics.
    pub topics: BTreeSet<String>,
    /// `partition.assignment.strategy` (one assignor).
    pub assignor: AssignorKind,
    /// `group.instance.id`.
    pub instance_id: Option<String>,
    /// `session.timeout.ms` (45000 since Kafka 3.0, KIP-735; 10000 before).
    pub session_timeout_ms: Millis,
    /// `heartbeat.interval.ms` (3000).
    pub heartbeat_interval_ms: Millis,
    /// `max.poll.interval.ms` (300000), also the rebalance timeout.
    pub max_poll_interval_ms: Millis,
    /// `max.poll.records` (500).
    pub max_poll_records: usize,
    /// `auto.offset.reset` (latest).
    pub auto_offset_reset: OffsetReset,
    /// `enable.auto.commit` (true).
    pub enable_auto_commit: bool,
    /// `auto.commit.interval.ms` (5000).
    pub auto_commit_interval_ms: Millis,
    /// `isolation.level=read_committed`.
    pub read_committed: bool,
    /// `offsets.storage=zookeeper` (Kafka 0.8.2's consumer config; offsets in ZooKeeper's
    /// `/consumers/G/offsets/T/P` rather than `__consumer_offsets`).
    pub offsets_in_zookeeper: bool,
    /// `group.protocol` (`classic`).
    pub group_protocol: GroupProtocol,
    /// `group.remote.assignor` (consumer protocol only; none: the broker's default, uniform).
    pub remote_assignor: Option<RemoteAssignor>,
}

impl ConsumerConfig {
    /// Kafka 3.x defaults for a member of `group` subscribed to `topics`.
    pub fn new(group: &str, topics: BTreeSet<String>) -> Self {
        Self {
            group: group.to_string(),
            topics,
            assignor: AssignorKind::Range,
            instance_id: None,
            session_timeout_ms: 45_000,
            heartbeat_interval_ms: 3_000,
            max_poll_interval_ms: 300_000,
            max_poll_records: 500,
            auto_offset_reset: OffsetReset::Latest,
            enable_auto_commit: true,
            auto_commit_interval_ms: 5_000,
            read_committed: false,
            offsets_in_zookeeper: false,
            group_protocol: GroupProtocol::Classic,
            remote_assignor: None,
        }
    }

    /// Sets one `--consumer-property k=v`, with Kafka's complaint for a bad value.
    pub fn set(&mut self, k: &str, v: &str) -> Result<(), String> {
        let num = |v: &str| -> Result<u64, String> {
            v.trim().parse().map_err(|_| {
                format!("Invalid value {v} for configuration {k}: Not a number of type LONG")
            })
        };
        match k {
            "session.timeout.ms" => self.session_timeout_ms = num(v)?.clamp(1, 1_800_000),
            "heartbeat.interval.ms" => self.heartbeat_interval_ms = num(v)?.clamp(1, 1_800_000),
            "max.poll.interval.ms" => self.max_poll_interval_ms = num(v)?.clamp(1, 86_400_000),
            "auto.commit.interval.ms" => self.auto_commit_interval_ms = num(v)?.min(86_400_000),
            "max.poll.records" => {
                let n = num(v)?;
                if n == 0 {
                    return Err(format!("Invalid value {v} for configuration max.poll.records: Value must be at least 1"));
                }
                self.max_poll_records = n.min(100_000) as usize;
            }
            "enable.auto.commit" => {
                self.enable_auto_commit = match v.trim() {
                    "true" => true,
                    "false" => false,
                    _ => return Err(format!("Invalid value {v} for configuration enable.auto.commit: Expected value to be either true or false")),
                }
            }
            "auto.offset.reset" => {
                self.auto_offset_reset = match v.trim() {
                    "earliest" => OffsetReset::Earliest,
                    "latest" => OffsetReset::Latest,
                    "none" => OffsetReset::None,
                    _ => return Err(format!("Invalid value {v} for configuration auto.offset.reset: String must be one of: latest, earliest, none")),
                }
            }
            "isolation.level" => {
                self.read_committed = match v.trim() {
                    "read_committed" => true,
                    "read_uncommitted" => false,
                    _ => return Err(format!("Invalid value {v} for configuration isolation.level: String must be one of: read_committed, read_uncommitted")),
                }
            }
            "offsets.storage" => {
                self.offsets_in_zookeeper = match v.trim() {
                    "zookeeper" => true,
                    "kafka" => false,
                    _ => return Err(format!("Invalid value {v} for configuration offsets.storage: must be zookeeper or kafka (Kafka 0.8.2's consumer)")),
                }
            }
            "partition.assignment.strategy" => {
                self.assignor = AssignorKind::parse(v).ok_or_else(|| {
                    format!("Class {v} cannot be found (partition.assignment.strategy: range, roundrobin, sticky, cooperative-sticky)")
                })?
            }
            "group.instance.id" => self.instance_id = Some(v.trim().to_string()),
            "group.protocol" => {
                self.group_protocol = match v.trim().to_ascii_lowercase().as_str() {
                    "classic" => GroupProtocol::Classic,
                    "consumer" => GroupProtocol::Consumer,
                    _ => return Err(format!("Invalid value {v} for configuration group.protocol: String must be one of (case insensitive): CLASSIC, CONSUMER")),
                }
            }
            "group.remote.assignor" => {
                self.remote_assignor = Some(RemoteAssignor::parse(v).ok_or_else(|| {
                    format!("Invalid value {v} for configuration group.remote.assignor: the brokers' group.consumer.assignors are uniform and range")
                })?)
            }
            other => return Err(format!("The lab's consumer does not know the config {other}")),
        }
        if self.heartbeat_interval_ms >= self.session_timeout_ms {
            return Err("heartbeat.interval.ms must be lower than session.timeout.ms".into());
        }
        Ok(())
    }
}

/// Where a consumer is in the group protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsumerState {
    /// Looking for the coordinator.
    FindingCoordinator,
    /// JoinGroup sent.
    Joining,
    /// SyncGroup sent.
    Syncing,
    /// Has an assignment (and heartbeats).
    Stable,
    /// Left the group or crashed.
    Closed,
}

/// A consumer client.
#[derive(Clone, Debug)]
pub struct Consumer {
    /// Its node number.
    pub id: u32,
    /// Its `client.id` (also its member id in the lab).
    pub name: String,
    /// Configs.
    pub config: ConsumerConfig,
    /// Bumped at every restart (timers of an older life are ignored).
    pub incarnation: u32,
    /// Brokers it bootstraps from.
    pub bootstrap: Vec<BrokerId>,
    bootstrap_next: usize,
    /// The coordinator it talks to.
    pub coordinator: Option<BrokerId>,
    /// The member id the coordinator gave it.
    pub member_id: Option<String>,
    /// The generation of its assignment.
    pub generation: i32,
    /// Where it is.
    pub state: ConsumerState,
    /// Its partitions.
    pub assignment: Vec<TopicPartition>,
    /// The next offset to read of each assigned partition, once known.
    pub positions: BTreeMap<TopicPartition, Offset>,
    /// True once the committed offsets of the assignment were fetched.
    pub offsets_fetched: bool,
    /// Positions as of the last poll (what auto-commit commits).
    pub last_commit_request: Option<u64>,
    /// The answer to the last commit.
    pub last_commit_result: Option<Result<(), KafkaError>>,
    /// When auto-commit last ran.
    pub last_auto_commit: Millis,
    /// The application stopped calling `poll()` (`consumer stall`).
    pub stalled: bool,
    /// Rejoin after this sync (cooperative: partitions were revoked).
    rejoin_after_sync: bool,
    /// The coordinator before the last one was lost (to tell a move from a retry).
    previous_coordinator: Option<BrokerId>,
    /// The ConsumerGroupHeartbeat in flight (KIP-848: one at a time).
    cg_inflight: Option<u64>,
    next_request: u64,
    join_request: Option<u64>,
}

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
            positions: BTreeMap::new(),
            offsets_fetched: false,
            last_commit_request: None,
            last_commit_result: None,
            last_auto_commit: 0,
            stalled: false,
            rejoin_after_sync: false,
            previous_coordinator: None,
            cg_inflight: None,
            next_request: 0,
            join_request: None,
        }
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

    fn request(&mut self) -> u64 {
        self.next_request += 1;
        self.next_request
    }

    fn send(&mut self, ctx: &mut Ctx<'_>, to: BrokerId, req: GroupRequest) -> u64 {
        let request = self.request();
        ctx.send(NodeId::Broker(to), Msg::Group { request, req });
        request
    }

    /// `subscribe()` and the first `poll()`: find the coordinator and join.
    pub fn start(&mut self, ctx: &mut Ctx<'_>) {
        self.incarnation += 1;
        self.state = ConsumerState::FindingCoordinator;
        self.coordinator = None;
        self.generation = -1;
        self.assignment.clear();
        self.positions.clear();
        self.offsets_fetched = false;
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
    }

    /// A crash: it stops without a word; the coordinator notices after `session.timeout.ms`.
    pub fn kill(&mut self) {
        self.state = ConsumerState::Closed;
        self.incarnation += 1;
        self.join_request = None;
        self.cg_inflight = None;
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
    fn leave_group(&mut self, ctx: &mut Ctx<'_>) {
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

    fn find_coordinator(&mut self, ctx: &mut Ctx<'_>) {
        self.state = ConsumerState::FindingCoordinator;
        self.send_find_coordinator(ctx);
    }

    fn send_find_coordinator(&mut self, ctx: &mut Ctx<'_>) {
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
    fn join(&mut self, ctx: &mut Ctx<'_>) {
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
        let offsets: BTreeMap<TopicPartition, Offset> = self
            .positions
            .iter()
            .filter(|(tp, _)| self.assignment.contains(tp))
            .map(|(tp, o)| (tp.clone(), *o))
            .collect();
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
            _ => {}
        }
    }

    /// The coordinator is gone or says it is not the coordinator any more. A member with an
    /// assignment keeps it and keeps consuming (`markCoordinatorUnknown`): it looks the
    /// coordinator up again and heartbeats there in the same generation, no rejoin.
    fn lost_coordinator(&mut self, ctx: &mut Ctx<'_>) {
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
            Msg::Undeliverable(inner) => {
                if let Msg::Group { req, request } = *inner {
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
            }
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

    fn on_response(&mut self, ctx: &mut Ctx<'_>, request: u64, resp: GroupResponse) {
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
                            BTreeMap::new()
                        } else {
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
                            self.assignment.iter().cloned().collect();
                        let new: BTreeSet<TopicPartition> = parts.iter().cloned().collect();
                        let revoked: Vec<String> =
                            old.difference(&new).map(|t| t.to_string()).collect();
                        let assigned: Vec<String> =
                            new.difference(&old).map(|t| t.to_string()).collect();
                        if !revoked.is_empty() && self.config.enable_auto_commit {
                            self.commit(ctx);
                        }
                        self.positions.retain(|tp, _| new.contains(tp));
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
                    Err(KafkaError::UnknownMemberId) => {
                        self.member_id = None;
                        self.join(ctx);
                    }
                    Err(KafkaError::NotCoordinator | KafkaError::CoordinatorNotAvailable) => {
                        self.lost_coordinator(ctx)
                    }
                    Err(_) => self.join(ctx),
                }
            }
            GroupResponse::Heartbeat(r) => {
                if self.state != ConsumerState::Stable {
                    return;
                }
                match r {
                    Ok(()) => {}
                    Err(KafkaError::UnknownMemberId) => {
                        self.member_id = None;
                        self.join(ctx);
                    }
                    Err(KafkaError::NotCoordinator | KafkaError::CoordinatorNotAvailable) => {
                        self.lost_coordinator(ctx)
                    }
                    Err(_) => self.join(ctx),
                }
            }
            GroupResponse::OffsetFetch(r) => {
                if let Ok(offsets) = r {
                    for tp in &self.assignment {
                        if let Some(&o) = offsets.get(tp) {
                            self.positions.entry(tp.clone()).or_insert(o);
                        }
                    }
                    if self.state == ConsumerState::Stable {
                        self.offsets_fetched = true;
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
    fn cg_heartbeat(&mut self, ctx: &mut Ctx<'_>, epoch: i32) {
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
    fn on_cg_heartbeat(&mut self, ctx: &mut Ctx<'_>, r: Result<HeartbeatResult, KafkaError>) {
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
                let old: BTreeSet<TopicPartition> = self.assignment.iter().cloned().collect();
                let new: BTreeSet<TopicPartition> = parts.iter().cloned().collect();
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
