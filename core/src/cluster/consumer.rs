//! The consumer client as the Java `KafkaConsumer` runs the classic group protocol
//! (`ConsumerCoordinator` over `AbstractCoordinator`): find the coordinator, JoinGroup,
//! SyncGroup (the leader computes the assignment with [`crate::assignor`]), heartbeats, offset
//! commits and fetches, LeaveGroup. The lab's consumer stands for an application that calls
//! `poll()` all the time as far as the group is concerned: it rejoins as soon as its heartbeat
//! hears of a rebalance.
//!
//! Records come as Kafka's `Fetcher` gets them: inside `poll()` ([`Consumer::begin_poll`] …
//! [`Consumer::end_poll`]) the consumer looks up the partitions' leaders (`Metadata`), resets
//! positions it lacks with `ListOffsets` (`auto.offset.reset`), and sends each leader one
//! `Fetch` for all the partitions it reads there and has nothing buffered for
//! (`fetch.min.bytes`, `fetch.max.wait.ms`, `max.partition.fetch.bytes`, `fetch.max.bytes`,
//! the isolation level). Answers go to the fetch buffer (`FetchBuffer`); `poll()` hands out up
//! to `max.poll.records` from it, advancing the positions, and sends the next fetches before
//! it returns (Kafka pipelines). Control batches never reach the application, and under
//! `read_committed` the batches of aborted transactions are skipped with the list the leader
//! sends. Errors: `NOT_LEADER_OR_FOLLOWER` (and a leader that cannot be reached) refresh the
//! metadata and retry after `retry.backoff.ms`; `OFFSET_OUT_OF_RANGE` applies
//! `auto.offset.reset`. Fetched records of a partition the consumer no longer owns are dropped.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::group::{GroupRequest, GroupResponse};
use super::kip848::{client_member_id, HeartbeatRequest, HeartbeatResult};
use super::msg::{
    ConsumerFetch, ConsumerFetchPartition, ConsumerFetched, Ctx, KafkaError, Msg, OffsetSpec, Timer,
};
use crate::assignor::{assign_detailed, AssignorKind};
use crate::event::Event;
use crate::log::{Offset, Record};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::server_assignor::RemoteAssignor;
use crate::sim::Millis;
use crate::storage::batch::Marker;

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
    /// `fetch.min.bytes` (1): the leader answers a fetch once this many bytes are readable…
    pub fetch_min_bytes: u64,
    /// `fetch.max.wait.ms` (500): …or once the fetch has waited this long.
    pub fetch_max_wait_ms: Millis,
    /// `max.partition.fetch.bytes` (1048576).
    pub max_partition_fetch_bytes: u64,
    /// `fetch.max.bytes` (52428800).
    pub fetch_max_bytes: u64,
    /// `request.timeout.ms` (30000).
    pub request_timeout_ms: Millis,
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
            fetch_min_bytes: 1,
            fetch_max_wait_ms: 500,
            max_partition_fetch_bytes: 1_048_576,
            fetch_max_bytes: 52_428_800,
            request_timeout_ms: 30_000,
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
        // Kafka's INT configs, at least 0.
        let int = |v: &str| -> Result<u64, String> {
            let n: i64 = v.trim().parse().map_err(|_| {
                format!("Invalid value {v} for configuration {k}: Not a number of type INT")
            })?;
            if n > i64::from(i32::MAX) || n < i64::from(i32::MIN) {
                return Err(format!(
                    "Invalid value {v} for configuration {k}: Not a number of type INT"
                ));
            }
            u64::try_from(n).map_err(|_| {
                format!("Invalid value {v} for configuration {k}: Value must be at least 0")
            })
        };
        match k {
            "fetch.min.bytes" => self.fetch_min_bytes = int(v)?,
            "fetch.max.wait.ms" => self.fetch_max_wait_ms = int(v)?,
            "max.partition.fetch.bytes" => self.max_partition_fetch_bytes = int(v)?,
            "fetch.max.bytes" => self.fetch_max_bytes = int(v)?,
            "request.timeout.ms" => self.request_timeout_ms = int(v)?,
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

/// A fetch answer waiting in the fetch buffer (Kafka's `CompletedFetch`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletedFetch {
    /// The partition.
    pub tp: TopicPartition,
    /// The position the next record continues from: the fetch's offset, then past each
    /// record handed out. The fetch is stale (dropped) if the partition's position differs.
    pub position: Offset,
    /// The records for the application (control batches, and under `read_committed` the
    /// batches of aborted transactions, already left out).
    pub records: VecDeque<Record>,
    /// The position once every record is handed out: past the last batch fetched.
    pub next_offset: Offset,
}

/// A request a consumer has on the wire to a partition leader or for metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InFlight {
    /// A fetch to a leader: the partitions and the positions asked.
    Fetch(BrokerId, Vec<(TopicPartition, Offset)>),
    /// `ListOffsets` to a leader.
    ListOffsets(BrokerId, Vec<TopicPartition>),
    /// `Metadata` to a bootstrap broker.
    Metadata(BrokerId),
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
    /// The application's own poll loop (`consumer run`): `poll()` every so many virtual ms.
    /// `None`: it polls only when told (`consumer poll`).
    pub app_poll_ms: Option<Millis>,
    /// Bumped at every `consumer run` / `consumer pause` (an older loop's timer is ignored).
    app_run: u32,
    /// Partitions given by the application (`assign()`), not by a group.
    pub manual: bool,
    /// Each partition's leader, as the last `Metadata` answer said.
    pub leaders: BTreeMap<TopicPartition, BrokerId>,
    /// Fetches, `ListOffsets` and `Metadata` on the wire, by request.
    pub in_flight: BTreeMap<u64, InFlight>,
    /// The fetch buffer (`FetchBuffer`): answers in arrival order.
    pub buffer: VecDeque<CompletedFetch>,
    /// The end each partition's last fetch answer reported: the high watermark, or the last
    /// stable offset under `read_committed` (what lag is measured against).
    pub end_offsets: BTreeMap<TopicPartition, Offset>,
    /// Partitions whose position comes from `seekToBeginning` / `seekToEnd` rather than
    /// `auto.offset.reset`.
    seek: BTreeMap<TopicPartition, OffsetSpec>,
    /// Partitions reset after `OFFSET_OUT_OF_RANGE`, with the position refused.
    out_of_range: BTreeMap<TopicPartition, Offset>,
    /// Inside `poll()`: fetches and resets go out only then (and right after, pipelined).
    polling: bool,
    /// What the application's `poll()` throws next (`OffsetOutOfRangeException` with
    /// `auto.offset.reset=none`).
    poll_error: Option<String>,
    /// A `ConsumerFetchRetry` timer is set.
    retry_pending: bool,
    /// Rejoin after this sync (cooperative: partitions were revoked).
    rejoin_after_sync: bool,
    /// The coordinator before the last one was lost (to tell a move from a retry).
    previous_coordinator: Option<BrokerId>,
    /// The ConsumerGroupHeartbeat in flight (KIP-848: one at a time).
    cg_inflight: Option<u64>,
    next_request: u64,
    join_request: Option<u64>,
    /// As group leader, the partition count of each subscribed topic the last assignment was
    /// computed from (`ConsumerCoordinator.assignmentSnapshot`); `None` when not the leader.
    assignment_snapshot: Option<BTreeMap<String, u32>>,
    /// A `metadata.max.age.ms` refresh timer is set.
    metadata_refresh_armed: bool,
}

/// `metadata.max.age.ms` (default 300000): the client refreshes its metadata at least this
/// often, even when nothing failed.
pub const METADATA_MAX_AGE_MS: Millis = 300_000;

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
            app_poll_ms: None,
            app_run: 0,
            manual: false,
            leaders: BTreeMap::new(),
            in_flight: BTreeMap::new(),
            buffer: VecDeque::new(),
            end_offsets: BTreeMap::new(),
            seek: BTreeMap::new(),
            out_of_range: BTreeMap::new(),
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
    fn reset_fetch_state(&mut self) {
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
        positions: BTreeMap<TopicPartition, Offset>,
        seek: BTreeMap<TopicPartition, OffsetSpec>,
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
    fn rejoin_after(&mut self, ctx: &mut Ctx<'_>, e: KafkaError) {
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
                                    .collect(),
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
                            self.positions.entry(tp.clone()).or_insert(o);
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

/// The application's poll loop (`consumer run` / `consumer pause`).
impl Consumer {
    /// Starts the loop `while (running) { records = poll(Duration.ofMillis(every)); … }`: every
    /// `every` virtual ms one `poll()` returns what arrived and the next begins.
    pub fn run_app(&mut self, ctx: &mut Ctx<'_>, every: Millis) {
        self.app_run += 1;
        self.app_poll_ms = Some(every);
        self.stalled = false;
        ctx.timer(0, Timer::ConsumerAppPoll { run: self.app_run });
    }

    /// Stops the loop: the consumer polls only when told again.
    pub fn pause_app(&mut self) {
        self.app_run += 1;
        self.app_poll_ms = None;
        self.polling = false;
    }

    /// One turn of the loop: the `poll()` begun last turn returns its records (handed to the
    /// application, whose sends go to the ledger as read), auto-commit runs when due, and the
    /// next `poll()` begins. A stalled application skips its turns.
    pub fn app_poll(&mut self, ctx: &mut Ctx<'_>, run: u32) -> Vec<crate::log::SendId> {
        let Some(every) = self.app_poll_ms.filter(|_| run == self.app_run) else {
            return Vec::new();
        };
        ctx.timer(every, Timer::ConsumerAppPoll { run });
        if self.stalled || !self.is_alive() {
            return Vec::new();
        }
        let mut read = Vec::new();
        if self.polling {
            if let Ok(records) = self.end_poll(ctx, self.config.max_poll_records) {
                read = records.iter().map(|(_, r)| r.send).collect();
            }
        }
        if !self.is_ready() {
            return read;
        }
        if self.config.enable_auto_commit
            && ctx.now >= self.last_auto_commit + self.config.auto_commit_interval_ms
        {
            self.commit(ctx);
        }
        // An exception from poll() (no reset policy) ends this turn; the loop tries again.
        let _ = self.begin_poll(ctx);
        read
    }
}

/// The fetching side (`Fetcher`, `FetchBuffer`, `OffsetFetcher`).
impl Consumer {
    /// `poll()` begins: the consumer resets the positions it lacks and sends fetches for
    /// what it has nothing buffered for, and goes on doing so as answers come, until
    /// [`Consumer::end_poll`]. `Err` is the exception `poll()` throws.
    pub fn begin_poll(&mut self, ctx: &mut Ctx<'_>) -> Result<(), String> {
        if let Some(e) = self.poll_error.take() {
            return Err(e);
        }
        if let Some(e) = self.undefined_offsets() {
            return Err(e);
        }
        self.polling = true;
        self.progress(ctx);
        Ok(())
    }

    /// `NoOffsetForPartitionException` under `auto.offset.reset=none`.
    fn undefined_offsets(&self) -> Option<String> {
        if !self.is_ready() || self.config.auto_offset_reset != OffsetReset::None {
            return None;
        }
        let missing: Vec<String> = self
            .assignment
            .iter()
            .filter(|tp| !self.positions.contains_key(tp) && !self.seek.contains_key(tp))
            .map(|tp| tp.to_string())
            .collect();
        (!missing.is_empty()).then(|| {
            format!(
                "org.apache.kafka.clients.consumer.NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [{}]",
                missing.join(", ")
            )
        })
    }

    /// True when `poll()` has records to return (or an exception to throw).
    pub fn has_records(&self) -> bool {
        self.poll_error.is_some()
            || self
                .buffer
                .iter()
                .any(|f| !f.records.is_empty() && self.is_current(f))
    }

    /// A buffered answer still applies: its partition is assigned and at its position.
    fn is_current(&self, f: &CompletedFetch) -> bool {
        self.assignment.contains(&f.tp) && self.positions.get(&f.tp) == Some(&f.position)
    }

    /// `poll()` returns: up to `max` records from the fetch buffer, in the order the answers
    /// came, each advancing its partition's position; then the next fetches go out for the
    /// partitions drained (Kafka pipelines them before returning).
    pub fn end_poll(
        &mut self,
        ctx: &mut Ctx<'_>,
        max: usize,
    ) -> Result<Vec<(TopicPartition, Record)>, String> {
        if let Some(e) = self.poll_error.take() {
            self.polling = false;
            return Err(e);
        }
        let out = self.collect(max);
        self.send_fetches(ctx);
        self.polling = false;
        Ok(out)
    }

    /// `collectFetch`: records from the buffer, stale answers dropped.
    fn collect(&mut self, max: usize) -> Vec<(TopicPartition, Record)> {
        let mut out = Vec::new();
        while out.len() < max {
            let Some(mut f) = self.buffer.pop_front() else {
                break;
            };
            if !self.is_current(&f) {
                continue; // revoked, or the position moved (a seek, a reset)
            }
            while out.len() < max {
                let Some(r) = f.records.pop_front() else {
                    break;
                };
                f.position = r.offset + 1;
                out.push((f.tp.clone(), r));
            }
            if f.records.is_empty() {
                self.positions.insert(f.tp.clone(), f.next_offset);
            } else {
                self.positions.insert(f.tp.clone(), f.position);
                self.buffer.push_front(f);
            }
        }
        out
    }

    /// True when every assigned partition is read up to the end its last fetch answer
    /// reported and nothing is left in the buffer (lag 0 as far as the consumer knows).
    pub fn caught_up(&self) -> bool {
        self.is_ready()
            && self.assignment.iter().all(|tp| {
                matches!(
                    (self.positions.get(tp), self.end_offsets.get(tp)),
                    (Some(p), Some(e)) if p >= e
                ) && !self
                    .buffer
                    .iter()
                    .any(|f| &f.tp == tp && !f.records.is_empty())
            })
    }

    /// `seek()`: the next record of `tp` is `offset`; what was buffered for it is dropped.
    pub fn seek(&mut self, tp: &TopicPartition, offset: Offset) {
        self.positions.insert(tp.clone(), offset);
        self.buffer.retain(|f| &f.tp != tp);
    }

    /// What `poll()` does each time it wakes: reset missing positions, then fetch.
    fn progress(&mut self, ctx: &mut Ctx<'_>) {
        if !self.polling || !self.is_ready() || self.poll_error.is_some() {
            return;
        }
        self.reset_offsets(ctx);
        self.send_fetches(ctx);
    }

    /// `resetPositionsIfNeeded`: one `ListOffsets` per leader for the partitions without a
    /// position (`auto.offset.reset`, or a `seekToBeginning` / `seekToEnd`).
    fn reset_offsets(&mut self, ctx: &mut Ctx<'_>) {
        let resetting: BTreeSet<&TopicPartition> = self
            .in_flight
            .values()
            .filter_map(|f| match f {
                InFlight::ListOffsets(_, parts) => Some(parts.iter()),
                _ => None,
            })
            .flatten()
            .collect();
        let mut by_leader: BTreeMap<BrokerId, Vec<(TopicPartition, OffsetSpec)>> = BTreeMap::new();
        let mut unknown = false;
        for tp in &self.assignment {
            if self.positions.contains_key(tp) || resetting.contains(tp) {
                continue;
            }
            let spec = match (self.seek.get(tp), self.config.auto_offset_reset) {
                (Some(&s), _) => s,
                (None, OffsetReset::Earliest) => OffsetSpec::Earliest,
                (None, OffsetReset::Latest) => OffsetSpec::Latest,
                (None, OffsetReset::None) => continue,
            };
            match self.leaders.get(tp) {
                Some(&b) => by_leader.entry(b).or_default().push((tp.clone(), spec)),
                None => unknown = true,
            }
        }
        if unknown {
            self.request_metadata(ctx);
        }
        for (b, partitions) in by_leader {
            let request = self.request();
            let tps = partitions.iter().map(|(tp, _)| tp.clone()).collect();
            self.in_flight
                .insert(request, InFlight::ListOffsets(b, tps));
            ctx.send(
                NodeId::Broker(b),
                Msg::ListOffsets {
                    request,
                    read_committed: self.config.read_committed,
                    partitions,
                },
            );
            ctx.timer(
                self.config.request_timeout_ms,
                Timer::ConsumerRequestTimeout { request },
            );
        }
    }

    /// `sendFetches`: one fetch per leader, for its partitions that have a position, nothing
    /// buffered, and no fetch on the wire to that leader.
    fn send_fetches(&mut self, ctx: &mut Ctx<'_>) {
        if !self.is_ready() {
            return;
        }
        // Answers that no longer apply (revoked, or the position moved) go.
        let (assignment, positions) = (&self.assignment, &self.positions);
        self.buffer
            .retain(|f| assignment.contains(&f.tp) && positions.get(&f.tp) == Some(&f.position));
        let busy: BTreeSet<BrokerId> = self
            .in_flight
            .values()
            .filter_map(|f| match f {
                InFlight::Fetch(b, _) => Some(*b),
                _ => None,
            })
            .collect();
        let mut by_leader: BTreeMap<BrokerId, Vec<(TopicPartition, Offset)>> = BTreeMap::new();
        let mut unknown = false;
        for tp in &self.assignment {
            let Some(&pos) = self.positions.get(tp) else {
                continue;
            };
            if self.buffer.iter().any(|f| &f.tp == tp) {
                continue;
            }
            match self.leaders.get(tp) {
                None => unknown = true,
                Some(b) if busy.contains(b) => {}
                Some(&b) => by_leader.entry(b).or_default().push((tp.clone(), pos)),
            }
        }
        if unknown {
            self.request_metadata(ctx);
        }
        for (b, parts) in by_leader {
            let request = self.request();
            ctx.event(Event::ConsumerFetchSent {
                client: self.name.clone(),
                broker: b,
                partitions: parts.iter().map(|(tp, o)| format!("{tp}@{o}")).collect(),
                min_bytes: self.config.fetch_min_bytes,
                max_wait_ms: self.config.fetch_max_wait_ms,
            });
            let fetch = ConsumerFetch {
                client_id: self.name.clone(),
                min_bytes: self.config.fetch_min_bytes,
                max_wait_ms: self.config.fetch_max_wait_ms,
                max_bytes: self.config.fetch_max_bytes,
                partition_max_bytes: self.config.max_partition_fetch_bytes,
                read_committed: self.config.read_committed,
                partitions: parts
                    .iter()
                    .map(|(tp, o)| ConsumerFetchPartition {
                        tp: tp.clone(),
                        offset: *o,
                    })
                    .collect(),
            };
            ctx.send(NodeId::Broker(b), Msg::ConsumerFetch { request, fetch });
            ctx.timer(
                self.config
                    .request_timeout_ms
                    .saturating_add(self.config.fetch_max_wait_ms),
                Timer::ConsumerRequestTimeout { request },
            );
            self.in_flight.insert(request, InFlight::Fetch(b, parts));
        }
    }

    /// Asks a bootstrap broker for the partitions' leaders, unless a request is on the wire or
    /// the consumer is backing off.
    fn request_metadata(&mut self, ctx: &mut Ctx<'_>) {
        let asking = self
            .in_flight
            .values()
            .any(|f| matches!(f, InFlight::Metadata(_)));
        if asking || self.retry_pending || self.bootstrap.is_empty() {
            return;
        }
        let b = self.bootstrap[self.bootstrap_next % self.bootstrap.len()];
        let request = self.request();
        self.in_flight.insert(request, InFlight::Metadata(b));
        ctx.send(NodeId::Broker(b), Msg::Metadata { request });
        ctx.timer(
            self.config.request_timeout_ms,
            Timer::ConsumerRequestTimeout { request },
        );
    }

    /// Looks again after `retry.backoff.ms`.
    fn schedule_retry(&mut self, ctx: &mut Ctx<'_>) {
        if !self.retry_pending {
            self.retry_pending = true;
            ctx.timer(RETRY_BACKOFF_MS, Timer::ConsumerFetchRetry);
        }
    }

    /// A request to a leader or for metadata failed (its broker is down, or no answer within
    /// `request.timeout.ms`): forget that leader, and look the leaders up again.
    fn request_failed(&mut self, ctx: &mut Ctx<'_>, request: u64) {
        let Some(f) = self.in_flight.remove(&request) else {
            return;
        };
        match f {
            InFlight::Fetch(b, parts) => {
                for (tp, _) in parts {
                    if self.leaders.get(&tp) == Some(&b) {
                        self.leaders.remove(&tp);
                    }
                }
            }
            InFlight::ListOffsets(b, parts) => {
                for tp in parts {
                    if self.leaders.get(&tp) == Some(&b) {
                        self.leaders.remove(&tp);
                    }
                }
            }
            InFlight::Metadata(_) => self.bootstrap_next += 1,
        }
        self.schedule_retry(ctx);
    }

    fn on_metadata_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        partitions: BTreeMap<TopicPartition, Option<BrokerId>>,
    ) {
        if !matches!(self.in_flight.get(&request), Some(InFlight::Metadata(_))) {
            return;
        }
        self.in_flight.remove(&request);
        // ConsumerCoordinator.rejoinNeededOrPending: the leader's assignment snapshot no
        // longer matches the metadata (a topic gained partitions) → requestRejoin.
        let changed = self.assignment_snapshot.as_ref().and_then(|snap| {
            snap.iter().find_map(|(t, &n)| {
                let now = partitions.keys().filter(|tp| &tp.topic == t).count() as u32;
                (now > 0 && now != n).then(|| (t.clone(), n, now))
            })
        });
        for (tp, leader) in partitions {
            match leader {
                Some(b) => self.leaders.insert(tp, b),
                None => self.leaders.remove(&tp),
            };
        }
        if self
            .assignment
            .iter()
            .any(|tp| !self.leaders.contains_key(tp))
        {
            self.schedule_retry(ctx);
        }
        if let Some((topic, from, to)) = changed {
            if self.state == ConsumerState::Stable {
                ctx.event(Event::ConsumerMetadataChanged {
                    consumer: self.name.clone(),
                    group: self.config.group.clone(),
                    topic,
                    from,
                    to,
                });
                self.assignment_snapshot = None;
                self.join(ctx);
                return;
            }
        }
        self.progress(ctx);
    }

    fn on_list_offsets_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        results: Vec<(TopicPartition, Result<Offset, KafkaError>)>,
    ) {
        if !matches!(
            self.in_flight.get(&request),
            Some(InFlight::ListOffsets(..))
        ) {
            return;
        }
        self.in_flight.remove(&request);
        let mut retry = false;
        for (tp, result) in results {
            if !self.assignment.contains(&tp) || self.positions.contains_key(&tp) {
                continue;
            }
            match result {
                Ok(offset) => {
                    self.positions.insert(tp.clone(), offset);
                    let from = self.out_of_range.remove(&tp);
                    if self.seek.remove(&tp).is_none() {
                        ctx.event(Event::ConsumerOffsetReset {
                            client: self.name.clone(),
                            tp,
                            policy: self.config.auto_offset_reset.name().into(),
                            offset,
                            out_of_range: from,
                        });
                    }
                }
                Err(_) => {
                    self.leaders.remove(&tp);
                    retry = true;
                }
            }
        }
        if retry {
            self.schedule_retry(ctx);
        }
        self.progress(ctx);
    }

    fn on_fetch_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        partitions: Vec<ConsumerFetched>,
    ) {
        let Some(InFlight::Fetch(_, asked)) = self.in_flight.get(&request).cloned() else {
            return;
        };
        self.in_flight.remove(&request);
        let mut retry = false;
        for part in partitions {
            let Some(&(_, offset)) = asked.iter().find(|(tp, _)| *tp == part.tp) else {
                continue;
            };
            // Revoked meanwhile, or the position moved: the answer no longer applies.
            if !self.assignment.contains(&part.tp) || self.positions.get(&part.tp) != Some(&offset)
            {
                continue;
            }
            match part.error {
                None => {
                    let end = if self.config.read_committed {
                        part.last_stable_offset
                    } else {
                        part.hw
                    };
                    self.end_offsets.insert(part.tp.clone(), end);
                    let (records, next) = self.visible(offset, &part);
                    if records.is_empty() {
                        // Only control batches or aborted ones: nothing for the application,
                        // the position moves past them.
                        if next > offset {
                            self.positions.insert(part.tp.clone(), next);
                        }
                    } else {
                        self.buffer.push_back(CompletedFetch {
                            tp: part.tp,
                            position: offset,
                            records,
                            next_offset: next,
                        });
                    }
                }
                Some(KafkaError::OffsetOutOfRange) => {
                    if self.config.auto_offset_reset == OffsetReset::None {
                        self.poll_error = Some(format!(
                            "org.apache.kafka.clients.consumer.OffsetOutOfRangeException: Fetch position FetchPosition{{offset={offset}}} is out of range for partition {}",
                            part.tp
                        ));
                    } else {
                        self.positions.remove(&part.tp);
                        self.out_of_range.insert(part.tp, offset);
                    }
                }
                Some(_) => {
                    // NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION: the metadata is stale.
                    self.leaders.remove(&part.tp);
                    retry = true;
                }
            }
        }
        if retry {
            self.schedule_retry(ctx);
        }
        self.progress(ctx);
    }

    /// The application's records of one partition's answer, and the position after it
    /// (`CompletedFetch.nextFetchedBatch`): control batches are skipped; under
    /// `read_committed` a transactional batch is skipped while its producer has an aborted
    /// transaction open at that offset (from the leader's list), until the ABORT marker.
    fn visible(&self, offset: Offset, part: &ConsumerFetched) -> (VecDeque<Record>, Offset) {
        let mut aborted = part.aborted.clone();
        aborted.sort_by_key(|&(_, first)| first);
        let mut pending = aborted.into_iter().peekable();
        let mut aborted_producers: BTreeSet<i64> = BTreeSet::new();
        let mut out = VecDeque::new();
        let mut next = offset;
        for batch in part.records.chunk_by(|a, b| a.batch == b.batch) {
            let (first, last) = (&batch[0], &batch[batch.len() - 1]);
            next = next.max(last.offset + 1);
            if self.config.read_committed && first.producer.id >= 0 {
                while let Some((pid, _)) = pending.next_if(|&(_, o)| o <= last.offset) {
                    aborted_producers.insert(pid);
                }
                match first.control {
                    Some((Marker::Abort, _)) => {
                        aborted_producers.remove(&first.producer.id);
                    }
                    None if first.producer.transactional
                        && aborted_producers.contains(&first.producer.id) =>
                    {
                        continue;
                    }
                    _ => {}
                }
            }
            if first.control.is_some() {
                continue;
            }
            out.extend(batch.iter().filter(|r| r.offset >= offset).cloned());
        }
        (out, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::msg::Effect;
    use crate::sim::SimRng;
    use crate::storage::batch::ProducerFields;

    fn tp(p: u32) -> TopicPartition {
        TopicPartition::new("orders", p)
    }

    fn record(offset: Offset, producer: ProducerFields, control: Option<Marker>) -> Record {
        Record {
            offset,
            epoch: 0,
            batch: offset,
            send: offset + 100,
            key: None,
            value: format!("v{offset}"),
            timestamp: 0,
            producer,
            control: control.map(|m| (m, 0)),
        }
    }

    fn fetched(p: u32, records: Vec<Record>) -> ConsumerFetched {
        let end = records.last().map_or(0, |r| r.offset + 1);
        ConsumerFetched {
            tp: tp(p),
            error: None,
            records,
            bytes: 100,
            hw: end,
            last_stable_offset: end,
            log_start: 0,
            aborted: Vec::new(),
        }
    }

    fn failed(p: u32, e: KafkaError) -> ConsumerFetched {
        ConsumerFetched {
            error: Some(e),
            ..fetched(p, Vec::new())
        }
    }

    /// Runs `f` on the consumer at `now`; returns its result and effects.
    fn call<R>(
        c: &mut Consumer,
        now: Millis,
        f: impl FnOnce(&mut Consumer, &mut Ctx<'_>) -> R,
    ) -> (R, Vec<Effect>, Vec<Event>) {
        let (mut out, mut events) = (Vec::new(), Vec::new());
        let mut rng = SimRng::new(1);
        let mut ctx = Ctx {
            now,
            out: &mut out,
            events: &mut events,
            rng: &mut rng,
        };
        let r = f(c, &mut ctx);
        (r, out, events)
    }

    /// A fetch sent: (leader, request, partitions and positions).
    type Sent = (BrokerId, u64, Vec<(TopicPartition, Offset)>);

    /// The fetches among the effects.
    fn fetches(effects: &[Effect]) -> Vec<Sent> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Send {
                    to: NodeId::Broker(b),
                    msg: Msg::ConsumerFetch { request, fetch },
                } => Some((
                    *b,
                    *request,
                    fetch
                        .partitions
                        .iter()
                        .map(|p| (p.tp.clone(), p.offset))
                        .collect(),
                )),
                _ => None,
            })
            .collect()
    }

    /// A consumer given `parts` by `assign()`, at the given positions, knowing their leaders.
    fn assigned(parts: &[(u32, Offset, BrokerId)], config: ConsumerConfig) -> Consumer {
        let mut c = Consumer::new(10_000, "c1", vec![1, 2, 3], config);
        let positions = parts.iter().map(|&(p, o, _)| (tp(p), o)).collect();
        call(&mut c, 0, |c, ctx| {
            c.assign(
                ctx,
                parts.iter().map(|&(p, _, _)| tp(p)).collect(),
                positions,
                BTreeMap::new(),
            )
        });
        for &(p, _, b) in parts {
            c.leaders.insert(tp(p), b);
        }
        c
    }

    fn config() -> ConsumerConfig {
        ConsumerConfig::new("g", ["orders".to_string()].into_iter().collect())
    }

    fn values(records: &[(TopicPartition, Record)]) -> Vec<String> {
        records.iter().map(|(_, r)| r.value.clone()).collect()
    }

    #[test]
    fn one_fetch_per_leader_then_records_from_the_buffer() {
        let mut c = assigned(&[(0, 0, 1), (1, 5, 2), (2, 0, 1)], config());
        let (r, out, events) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
        assert_eq!(r, Ok(()));
        let sent = fetches(&out);
        assert_eq!(sent.len(), 2, "one request per leader: {sent:?}");
        assert_eq!(sent[0].0, 1);
        assert_eq!(sent[0].2, [(tp(0), 0), (tp(2), 0)]);
        assert_eq!(sent[1].2, [(tp(1), 5)]);
        assert!(
            matches!(&events[0], Event::ConsumerFetchSent { broker: 1, partitions, min_bytes: 1, max_wait_ms: 500, .. } if partitions == &["orders-0@0", "orders-2@0"])
        );
        // Broker 2 answers first; poll() has records.
        let plain = ProducerFields::NONE;
        call(&mut c, 4, |c, ctx| {
            c.on_message(
                ctx,
                Msg::ConsumerFetchResponse {
                    request: sent[1].1,
                    partitions: vec![fetched(
                        1,
                        vec![record(5, plain, None), record(6, plain, None)],
                    )],
                },
            )
        });
        assert!(c.has_records());
        let (got, out, _) = call(&mut c, 5, |c, ctx| c.end_poll(ctx, 1));
        assert_eq!(
            values(&got.unwrap()),
            ["v5"],
            "max.poll.records caps a poll"
        );
        assert_eq!(c.positions[&tp(1)], 6);
        assert!(
            fetches(&out).is_empty(),
            "orders-1 still has a buffered record; broker 1 is busy"
        );
        let (got, out, _) = call(&mut c, 6, |c, ctx| c.end_poll(ctx, 10));
        assert_eq!(values(&got.unwrap()), ["v6"]);
        assert_eq!(c.positions[&tp(1)], 7);
        // Drained: the next fetch for orders-1 is pipelined before poll() returns.
        assert_eq!(fetches(&out)[0].2, [(tp(1), 7)]);
    }

    #[test]
    fn not_leader_refreshes_the_metadata_then_fetches_from_the_new_leader() {
        let mut c = assigned(&[(0, 3, 1)], config());
        let (_, out, _) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
        let (b, request, _) = fetches(&out)[0].clone();
        assert_eq!(b, 1);
        // Broker 1 is no longer the leader.
        let (_, out, _) = call(&mut c, 3, |c, ctx| {
            c.on_message(
                ctx,
                Msg::ConsumerFetchResponse {
                    request,
                    partitions: vec![failed(0, KafkaError::NotLeaderOrFollower)],
                },
            )
        });
        assert!(!c.leaders.contains_key(&tp(0)));
        assert!(fetches(&out).is_empty());
        assert!(out.contains(&Effect::SetTimer {
            after: RETRY_BACKOFF_MS,
            timer: Timer::ConsumerFetchRetry
        }));
        // After retry.backoff.ms it asks for metadata …
        let (_, out, _) = call(&mut c, 103, |c, ctx| {
            c.on_timer(ctx, Timer::ConsumerFetchRetry)
        });
        let Some(Effect::Send {
            msg: Msg::Metadata { request },
            ..
        }) = out.first()
        else {
            panic!("expected a metadata request: {out:?}");
        };
        // … learns broker 2 leads now, and fetches from it.
        let (_, out, _) = call(&mut c, 106, |c, ctx| {
            c.on_message(
                ctx,
                Msg::MetadataResponse {
                    request: *request,
                    partitions: [(tp(0), Some(2))].into_iter().collect(),
                },
            )
        });
        let (b, request, parts) = fetches(&out)[0].clone();
        assert_eq!((b, parts), (2, vec![(tp(0), 3)]));
        let plain = ProducerFields::NONE;
        call(&mut c, 109, |c, ctx| {
            c.on_message(
                ctx,
                Msg::ConsumerFetchResponse {
                    request,
                    partitions: vec![fetched(0, vec![record(3, plain, None)])],
                },
            )
        });
        let (got, _, _) = call(&mut c, 110, |c, ctx| c.end_poll(ctx, 500));
        assert_eq!(values(&got.unwrap()), ["v3"]);
        assert_eq!(c.positions[&tp(0)], 4);
    }

    #[test]
    fn read_committed_skips_control_records_and_aborted_batches() {
        let txn = |id| ProducerFields {
            id,
            epoch: 0,
            base_sequence: 0,
            transactional: true,
            codec: crate::storage::batch::Codec::None,
        };
        let records = vec![
            record(0, ProducerFields::NONE, None),
            record(1, txn(7), None), // aborted
            record(2, txn(8), None), // committed
            record(3, txn(7), Some(Marker::Abort)),
            record(4, txn(8), Some(Marker::Commit)),
            record(5, txn(7), None), // producer 7's next transaction
        ];
        let mut part = fetched(0, records);
        part.aborted = vec![(7, 1)];
        let mut rc = config();
        rc.read_committed = true;
        let c = assigned(&[(0, 0, 1)], rc);
        let (got, next) = c.visible(0, &part);
        let offsets: Vec<Offset> = got.iter().map(|r| r.offset).collect();
        assert_eq!(offsets, [0, 2, 5]);
        assert_eq!(next, 6);
        let c = assigned(&[(0, 0, 1)], config());
        let (got, _) = c.visible(0, &part);
        let offsets: Vec<Offset> = got.iter().map(|r| r.offset).collect();
        assert_eq!(
            offsets,
            [0, 1, 2, 5],
            "read_uncommitted skips only the markers"
        );
        // Only markers: nothing for the application, but the position moves past them.
        let mut c = assigned(&[(0, 3, 1)], config());
        let (_, out, _) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
        let request = fetches(&out)[0].1;
        let markers = fetched(0, vec![record(3, txn(7), Some(Marker::Abort))]);
        call(&mut c, 3, |c, ctx| {
            c.on_message(
                ctx,
                Msg::ConsumerFetchResponse {
                    request,
                    partitions: vec![markers],
                },
            )
        });
        assert!(!c.has_records());
        assert_eq!(c.positions[&tp(0)], 4);
    }

    #[test]
    fn records_fetched_for_a_revoked_partition_are_dropped() {
        let mut c = assigned(&[(0, 0, 1), (1, 0, 2)], config());
        // A group member rather than assign(): it is about to be told its new assignment.
        c.manual = false;
        c.coordinator = Some(3);
        c.member_id = Some("c1".into());
        c.generation = 1;
        let (_, out, _) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
        let sent = fetches(&out);
        let plain = ProducerFields::NONE;
        for (i, (_, request, _)) in sent.iter().enumerate() {
            call(&mut c, 4, |c, ctx| {
                c.on_message(
                    ctx,
                    Msg::ConsumerFetchResponse {
                        request: *request,
                        partitions: vec![fetched(i as u32, vec![record(0, plain, None)])],
                    },
                )
            });
        }
        assert_eq!(c.buffer.len(), 2);
        // A rebalance takes orders-0 away (cooperative: it keeps orders-1).
        c.state = ConsumerState::Syncing;
        call(&mut c, 5, |c, ctx| {
            c.on_response(ctx, 0, GroupResponse::SyncGroup(Ok(vec![tp(1)])))
        });
        let (got, _, _) = call(&mut c, 6, |c, ctx| c.end_poll(ctx, 500));
        let got = got.unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].0,
            tp(1),
            "orders-0's records never reach the application"
        );
        assert!(!c.positions.contains_key(&tp(0)));
    }

    /// On a whole cluster: a consumer reads through Fetch requests; its leader dies (the fetch
    /// it held fails) and a new one is elected; the old leader comes back and takes the
    /// partition again, so the interim leader answers the held fetch NOT_LEADER_OR_FOLLOWER;
    /// each time the consumer refreshes its metadata and reads on from the new leader.
    #[test]
    fn a_consumer_follows_its_partition_across_leader_changes() {
        use crate::cluster::msg::CreateTopic;
        use crate::cluster::Cluster;
        use crate::config::BrokerConfig;
        use crate::event::FetchAnswer;
        use crate::sim::Network;

        let broker_config = BrokerConfig {
            leader_imbalance_check_interval_ms: 10_000,
            ..BrokerConfig::default()
        };
        let mut cl = Cluster::with_config(3, 5, broker_config, Network::default());
        assert!(cl.run_until(10_000, Cluster::is_settled));
        let req = cl
            .admin_create_topic(CreateTopic {
                name: "orders".into(),
                partitions: 1,
                replication_factor: 3,
                configs: BTreeMap::new(),
            })
            .unwrap();
        cl.run_until(10_000, |c| c.admin_response(req).is_some());
        let p = cl.producer_id("p");
        let produce = |cl: &mut Cluster, v: &str| {
            cl.produce(p, "orders", Some(0), None, v.to_string());
            cl.advance(2_000);
        };
        for v in ["a", "b", "c"] {
            produce(&mut cl, v);
        }
        let n = cl.new_consumer("c", config());
        cl.with_consumer(n, |c, ctx| {
            c.assign(
                ctx,
                vec![tp(0)],
                BTreeMap::new(),
                [(tp(0), OffsetSpec::Earliest)].into_iter().collect(),
            )
        });
        let poll = |cl: &mut Cluster| -> Vec<String> {
            cl.with_consumer(n, |c, ctx| c.begin_poll(ctx))
                .unwrap()
                .unwrap();
            cl.run_until(1_000, |cl| cl.consumers[&n].has_records());
            let got = cl.with_consumer(n, |c, ctx| c.end_poll(ctx, 500)).unwrap();
            values(&got.unwrap())
        };
        assert_eq!(poll(&mut cl), ["a", "b", "c"]);
        let first = cl.leader_of(&tp(0)).unwrap();
        cl.kill_broker(first).unwrap();
        produce(&mut cl, "d");
        cl.advance(10_000);
        let second = cl.leader_of(&tp(0)).unwrap();
        assert_ne!(first, second);
        assert_eq!(poll(&mut cl), ["d"]);
        // Back, the preferred leader takes orders-0 again at the next imbalance check.
        cl.start_broker(first).unwrap();
        cl.advance(30_000);
        assert_eq!(cl.leader_of(&tp(0)), Some(first));
        produce(&mut cl, "e");
        assert_eq!(poll(&mut cl), ["e"]);
        let not_leader = cl.log().iter().any(|l| {
            matches!(&l.event, Event::ConsumerFetchAnswered { broker, answer: FetchAnswer::Error(e), .. }
                if *broker == second && e == "NOT_LEADER_OR_FOLLOWER")
        });
        assert!(not_leader, "the interim leader refused the fetch it held");
        assert_eq!(cl.consumers[&n].positions[&tp(0)], 5);
    }

    #[test]
    fn offset_out_of_range_applies_auto_offset_reset() {
        let mut cfg = config();
        cfg.auto_offset_reset = OffsetReset::Earliest;
        let mut c = assigned(&[(0, 99, 1)], cfg);
        let (_, out, _) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
        let request = fetches(&out)[0].1;
        let (_, out, _) = call(&mut c, 3, |c, ctx| {
            c.on_message(
                ctx,
                Msg::ConsumerFetchResponse {
                    request,
                    partitions: vec![failed(0, KafkaError::OffsetOutOfRange)],
                },
            )
        });
        assert!(!c.positions.contains_key(&tp(0)));
        let Some(Effect::Send {
            to: NodeId::Broker(1),
            msg:
                Msg::ListOffsets {
                    request,
                    partitions,
                    ..
                },
        }) = out.first()
        else {
            panic!("expected ListOffsets: {out:?}");
        };
        assert_eq!(partitions, &[(tp(0), OffsetSpec::Earliest)]);
        let (_, out, events) = call(&mut c, 6, |c, ctx| {
            c.on_message(
                ctx,
                Msg::ListOffsetsResponse {
                    request: *request,
                    results: vec![(tp(0), Ok(40))],
                },
            )
        });
        assert_eq!(c.positions[&tp(0)], 40);
        assert!(matches!(
            &events[0],
            Event::ConsumerOffsetReset {
                offset: 40,
                out_of_range: Some(99),
                ..
            }
        ));
        assert_eq!(
            fetches(&out)[0].2,
            [(tp(0), 40)],
            "and it fetches from there"
        );
        // With auto.offset.reset=none, poll() throws instead.
        let mut cfg = config();
        cfg.auto_offset_reset = OffsetReset::None;
        let mut c = assigned(&[(0, 99, 1)], cfg);
        let (_, out, _) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
        let request = fetches(&out)[0].1;
        call(&mut c, 3, |c, ctx| {
            c.on_message(
                ctx,
                Msg::ConsumerFetchResponse {
                    request,
                    partitions: vec![failed(0, KafkaError::OffsetOutOfRange)],
                },
            )
        });
        assert!(c.has_records(), "poll() wakes to throw");
        let (got, _, _) = call(&mut c, 4, |c, ctx| c.end_poll(ctx, 500));
        assert!(got.unwrap_err().contains("OffsetOutOfRangeException"));
    }
}
