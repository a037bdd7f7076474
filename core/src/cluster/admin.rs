//! The admin client (`NodeId::Client(0)`), a node as Kafka's `KafkaAdminClient` is a client.
//!
//! It keeps metadata of its own (`AdminMetadataManager`): it starts from `bootstrap.servers`
//! (every broker of the lab's cluster), sends a `Metadata` request to the least loaded of them
//! it can reach, and keeps the answer — the live brokers and the one named "controller" (the
//! ZooKeeper-era controller broker; in KRaft, Kafka 4.1's `getRandomAliveBrokerId`). Each call
//! is routed from that snapshot by its node provider, as Kafka's calls are:
//! `ControllerNodeProvider` (`CreateTopics`, `DeleteTopics`, `CreatePartitions`,
//! `ElectLeaders`), `LeastLoadedNodeProvider` (topic and default-broker configs, the group
//! coordinator lookup) and `ConstantNodeIdProvider` (a broker's own configs, a group's
//! coordinator once found). A call whose provider has no node asks for a metadata update; a
//! call that bounces off a dead broker (a disconnect) or is told `NOT_CONTROLLER` fails with a
//! retriable error: the metadata is fetched again (`requestUpdate`, the controller cleared)
//! and the call retried after `retry.backoff.ms`, until its deadline
//! (`default.api.timeout.ms`, or the tool's `--timeout`), when it fails with Kafka's
//! `TimeoutException` text. Metadata attempts are `retry.backoff.ms` apart; a snapshot older
//! than `metadata.max.age.ms` is refreshed. A broker that refused a connection is avoided for
//! `reconnect.backoff.ms` (doubling to `reconnect.backoff.max.ms`).
//!
//! The group calls (`kafka-consumer-groups.sh`) look the coordinator up first (`FindCoordinator`
//! to the least loaded broker) and retry the lookup themselves on `COORDINATOR_NOT_AVAILABLE` /
//! `COORDINATOR_LOAD_IN_PROGRESS` / `NOT_COORDINATOR`: Kafka 2.x throws the error and retries
//! the call after `retry.backoff.ms`; since Kafka 3.0 (KIP-699, `AdminApiDriver`) a lookup
//! that found no coordinator is sent again at once (its request state is cleared without a
//! backoff), and other failures back off exponentially (KIP-580: `retry.backoff.ms` doubling
//! to `retry.backoff.max.ms`, ±20% jitter). Which era the client follows is the lab's client
//! version (`client-version`).
//!
//! Each `kafka-*.sh` command is a new admin client, as each tool run is a new JVM
//! ([`Cluster::new_admin_client`]): it bootstraps again, and the calls of a finished command
//! are dropped. The CLI reaches it only through `Cluster::admin_request` and the answers'
//! accessors; the runtime delivers its messages and timers and nothing else (it no longer
//! tells it where a call goes). The internal topics the coordinators need are created by the
//! brokers (`broker::auto_topic`).

use crate::idxmap::IdxMap;
use std::collections::BTreeMap;

use super::broker::Broker;
use super::group::{GroupRequest, GroupResponse};
use super::msg::{ConfigEntity, CreateTopic, Ctx, KafkaError, Msg, Timer};
use super::producer::ClientVersion;
use super::{group, Cluster, ADMIN};
use crate::kraft::controller::admin::{ElectionOutcome, ElectionType};
use crate::log::Offset;
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::Millis;

/// `retry.backoff.ms` (default 100).
pub const RETRY_BACKOFF_MS: Millis = 100;
/// `retry.backoff.max.ms` (default 1000, Kafka 3.7+).
pub const RETRY_BACKOFF_MAX_MS: Millis = 1000;
/// `metadata.max.age.ms` (default 300000).
pub const METADATA_MAX_AGE_MS: Millis = 300_000;
/// `default.api.timeout.ms` (default 60000).
pub const DEFAULT_API_TIMEOUT_MS: Millis = 60_000;
/// `reconnect.backoff.ms` (default 50).
const RECONNECT_BACKOFF_MS: Millis = 50;
/// `reconnect.backoff.max.ms` (default 1000).
const RECONNECT_BACKOFF_MAX_MS: Millis = 1000;
/// The text of `NotControllerException` (`Errors.NOT_CONTROLLER`), as a ZooKeeper-mode broker
/// that is not the controller answers `CreateTopics`, `DeleteTopics` and `CreatePartitions`.
pub const NOT_CONTROLLER: &str = "This is not the correct controller for this cluster.";
/// The timer a metadata attempt waits on (`retry.backoff.ms` since the last one): the admin
/// client's `AdminRetry` with no call.
const METADATA_TIMER: u64 = 0;

/// An admin request the admin client is waiting on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AdminRequest {
    /// `kafka-topics.sh --create`.
    CreateTopic(CreateTopic),
    /// `kafka-topics.sh --alter --partitions N`.
    CreatePartitions {
        /// The topic.
        topic: String,
        /// Its new partition count.
        count: u32,
    },
    /// `kafka-topics.sh --delete` (through the admin client).
    DeleteTopic(String),
    /// `kafka-configs.sh --alter`.
    AlterConfigs {
        /// Whose configs.
        entity: ConfigEntity,
        /// What to add.
        configs: crate::vecmap::VecMap<String, String>,
    },
    /// `kafka-leader-election.sh` (KRaft): `None` is every partition.
    ElectLeaders {
        /// Preferred or unclean.
        election: ElectionType,
        /// Which partitions.
        partitions: Option<Vec<TopicPartition>>,
    },
    /// `describeConsumerGroups`' first step: the group's coordinator (`FindCoordinator`),
    /// answered as [`GroupResponse::FindCoordinator`].
    FindGroupCoordinator {
        /// The group.
        group: String,
    },
    /// `alterConsumerGroupOffsets` (`--reset-offsets --execute`): the coordinator looked up,
    /// then an `OffsetCommit` with no generation, answered as [`GroupResponse::OffsetCommit`].
    CommitGroupOffsets {
        /// The group.
        group: String,
        /// The offsets to commit.
        offsets: IdxMap<TopicPartition, Offset>,
    },
}

/// Where a call goes (Kafka's `NodeProvider`s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Provider {
    /// `ControllerNodeProvider`: the metadata's controller.
    Controller,
    /// `LeastLoadedNodeProvider`.
    LeastLoaded,
    /// `ConstantNodeIdProvider`.
    Node(BrokerId),
}

impl AdminRequest {
    /// The call's name in Kafka's timeout messages (`Call: createTopics`).
    fn call_name(&self, lookup: bool) -> &'static str {
        match self {
            AdminRequest::CreateTopic(_) => "createTopics",
            AdminRequest::CreatePartitions { .. } => "createPartitions",
            AdminRequest::DeleteTopic(_) => "deleteTopics",
            AdminRequest::AlterConfigs { .. } => "incrementalAlterConfigs",
            AdminRequest::ElectLeaders { .. } => "electLeaders",
            AdminRequest::FindGroupCoordinator { .. } => {
                "describeConsumerGroups(api=FIND_COORDINATOR)"
            }
            AdminRequest::CommitGroupOffsets { .. } if lookup => {
                "offsetCommit(api=FIND_COORDINATOR)"
            }
            AdminRequest::CommitGroupOffsets { .. } => "offsetCommit(api=OFFSET_COMMIT)",
        }
    }

    /// The provider of a call that is not a group lookup.
    fn provider(&self, coordinator: Option<BrokerId>) -> Provider {
        match self {
            AdminRequest::CreateTopic(_)
            | AdminRequest::CreatePartitions { .. }
            | AdminRequest::DeleteTopic(_)
            | AdminRequest::ElectLeaders { .. } => Provider::Controller,
            AdminRequest::AlterConfigs {
                entity: ConfigEntity::Broker(b),
                ..
            } => Provider::Node(*b),
            AdminRequest::AlterConfigs { .. } => Provider::LeastLoaded,
            AdminRequest::FindGroupCoordinator { .. } | AdminRequest::CommitGroupOffsets { .. } => {
                coordinator.map_or(Provider::LeastLoaded, Provider::Node)
            }
        }
    }

    /// The request to send; a group call without its coordinator sends the lookup.
    fn message(&self, request: u64, coordinator: Option<BrokerId>) -> Msg {
        match self {
            AdminRequest::CreateTopic(topic) => Msg::CreateTopics {
                request,
                topic: topic.clone(),
            },
            AdminRequest::CreatePartitions { topic, count } => Msg::CreatePartitions {
                request,
                topic: topic.clone(),
                count: *count,
            },
            AdminRequest::DeleteTopic(topic) => Msg::DeleteTopics {
                request,
                topic: topic.clone(),
            },
            AdminRequest::AlterConfigs { entity, configs } => Msg::AlterConfigs {
                request,
                entity: entity.clone(),
                configs: configs.clone(),
            },
            AdminRequest::ElectLeaders {
                election,
                partitions,
            } => Msg::ElectLeaders {
                request,
                election: *election,
                partitions: partitions.clone(),
            },
            AdminRequest::CommitGroupOffsets { group, offsets } if coordinator.is_some() => {
                Msg::Group {
                    request,
                    req: GroupRequest::OffsetCommit {
                        group: group.clone(),
                        generation: -1,
                        member_id: String::new(),
                        offsets: offsets.clone(),
                    },
                }
            }
            AdminRequest::FindGroupCoordinator { group }
            | AdminRequest::CommitGroupOffsets { group, .. } => Msg::Group {
                request,
                req: GroupRequest::FindCoordinator {
                    group: group.clone(),
                },
            },
        }
    }
}

/// One call (Kafka's `Call`): its request, deadline, tries and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Call {
    req: AdminRequest,
    /// `deadlineMs`.
    deadline: Millis,
    /// Failed tries so far (the exponential backoff's exponent).
    tries: u32,
    /// `nextAllowedTryMs`.
    next_try: Millis,
    /// The broker it was sent to, until it answers.
    in_flight: Option<BrokerId>,
    /// A group call's coordinator, once the lookup found it (the fulfilment stage).
    coordinator: Option<BrokerId>,
    /// The time of the retry timer set for it, if one is set.
    timer_at: Option<Millis>,
}

#[path = "admin_metadata.rs"]
mod metadata;
pub use metadata::AdminMetadata;
use metadata::UpdateState;

/// The admin client's state: its calls by request id, its metadata, the answers they got.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AdminClient {
    next_request: u64,
    /// The Kafka version whose client this is (the lab's `client-version`).
    pub version: ClientVersion,
    /// Its metadata.
    pub metadata: AdminMetadata,
    /// Calls still waiting for an answer.
    calls: crate::vecmap::VecMap<u64, Call>,
    responses: crate::vecmap::VecMap<u64, Result<(), String>>,
    group_responses: BTreeMap<u64, group::GroupResponse>,
    /// KRaft: `ElectLeaders` answers by request.
    election_responses: BTreeMap<u64, Vec<(TopicPartition, ElectionOutcome)>>,
    /// A tool run began: its first call starts a new client.
    new_run: NewRun,
}

/// "A new tool run began", set by the CLI before an admin tool runs and taken by its first
/// call. Not state: a read-only run (`--describe`) leaves it set and changes nothing, so it is
/// left out of equality and of the state's digest, as a cache is.
#[derive(Clone, Debug, Default)]
struct NewRun(bool);

impl std::hash::Hash for NewRun {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl PartialEq for NewRun {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for NewRun {}

impl Default for AdminClient {
    fn default() -> Self {
        Self {
            next_request: 1,
            version: ClientVersion::default(),
            metadata: AdminMetadata::default(),
            calls: crate::vecmap::VecMap::new(),
            responses: crate::vecmap::VecMap::new(),
            group_responses: BTreeMap::new(),
            election_responses: BTreeMap::new(),
            new_run: NewRun(false),
        }
    }
}

impl AdminClient {
    fn next_request(&mut self) -> u64 {
        let request = self.next_request;
        self.next_request += 1;
        request
    }

    /// A new client (a new tool run): `bootstrap.servers` and the Kafka version; the calls and
    /// metadata of the previous one are gone (request ids keep counting, so a late answer to
    /// an old call is not taken for a new one's).
    pub fn restart(&mut self, bootstrap: Vec<BrokerId>, version: ClientVersion) {
        self.version = version;
        self.metadata = AdminMetadata {
            bootstrap,
            ..AdminMetadata::default()
        };
        self.calls.clear();
    }

    /// A new call, timing out after `timeout_ms` (`None`: `default.api.timeout.ms`). Returns
    /// its request id.
    pub fn call(
        &mut self,
        ctx: &mut Ctx<'_>,
        req: AdminRequest,
        timeout_ms: Option<Millis>,
    ) -> u64 {
        let request = self.next_request();
        self.calls.insert(
            request,
            Call {
                req,
                deadline: ctx.now + timeout_ms.unwrap_or(DEFAULT_API_TIMEOUT_MS),
                tries: 0,
                next_try: ctx.now,
                in_flight: None,
                coordinator: None,
                timer_at: None,
            },
        );
        self.poll(ctx);
        request
    }

    /// Kafka 2.x's `kafka-topics.sh --zookeeper --delete`: the tool itself creates
    /// `/admin/delete_topics/T`. Returns the request id to wait on.
    pub fn zk_mark_topic_deletion(&mut self, ctx: &mut Ctx<'_>, topic: &str) -> u64 {
        let request = self.next_request();
        ctx.send(
            NodeId::ZooKeeper,
            Msg::ZkDeleteTopic {
                request,
                client: ADMIN,
                topic: topic.to_string(),
            },
        );
        request
    }

    /// `leastLoadedNode`: of the snapshot's brokers (or the bootstrap list) not avoided after
    /// a refused connection, the one with the fewest requests in flight (the lowest id among
    /// equals).
    fn least_loaded(&self, now: Millis) -> Option<BrokerId> {
        let load = |b: BrokerId| {
            let metadata = matches!(self.metadata.state, UpdateState::Pending(_, x) if x == b);
            self.calls
                .values()
                .filter(|c| c.in_flight == Some(b))
                .count()
                + usize::from(metadata)
        };
        self.metadata
            .nodes()
            .iter()
            .copied()
            .filter(|&b| self.metadata.reachable(b, now))
            .min_by_key(|&b| (load(b), b))
    }

    /// `provide()`: the broker a call goes to now, or `None` (then a metadata update is asked).
    fn provide(&mut self, provider: Provider, now: Millis) -> Option<BrokerId> {
        let node = if self.metadata.ready() {
            match provider {
                Provider::Controller => self.metadata.controller,
                Provider::LeastLoaded => self.least_loaded(now),
                Provider::Node(b) => self.metadata.nodes.contains(&b).then_some(b),
            }
        } else {
            None
        };
        if (node.is_none() && provider != Provider::LeastLoaded) || !self.metadata.ready() {
            self.metadata.request_update();
        }
        node
    }

    /// `AdminClientRunnable`'s loop, run after every input: a metadata request if one is due,
    /// the calls whose node is known sent, the others timed out or woken later.
    fn poll(&mut self, ctx: &mut Ctx<'_>) {
        let now = ctx.now;
        let ids: Vec<u64> = self.calls.keys().copied().collect();
        for request in ids {
            let Some(call) = self.calls.get(&request) else {
                continue;
            };
            if call.in_flight.is_some() {
                continue;
            }
            if now > call.deadline {
                self.time_out(request);
                continue;
            }
            if now < call.next_try {
                let at = call.next_try.min(call.deadline + 1);
                self.arm_call_timer(ctx, request, at);
                continue;
            }
            let provider = call.req.provider(call.coordinator);
            match self.provide(provider, now) {
                Some(to) => {
                    let call = self.calls.get_mut(&request).expect("present");
                    call.in_flight = Some(to);
                    ctx.send(
                        NodeId::Broker(to),
                        call.req.message(request, call.coordinator),
                    );
                }
                None => {
                    // Woken by the metadata answer, or at the deadline to time out.
                    let deadline = self.calls.get(&request).map_or(now, |c| c.deadline);
                    self.arm_call_timer(ctx, request, deadline + 1);
                }
            }
        }
        self.maybe_fetch_metadata(ctx);
    }

    /// Sends a `Metadata` request if an update is due and a broker can take it, or sets the
    /// timer for when it can.
    fn maybe_fetch_metadata(&mut self, ctx: &mut Ctx<'_>) {
        let now = ctx.now;
        if self.calls.is_empty() {
            // Nothing to route: Kafka's client refreshes on its own only to keep a snapshot
            // fresh, which no call needs here.
            return;
        }
        let Some(delay) = self.metadata.fetch_delay(now) else {
            return;
        };
        if delay > 0 {
            // Woken only when a call waits for it (a fresh snapshot's expiry is checked when
            // the next call comes).
            let needed = !self.metadata.ready() || self.metadata.state == UpdateState::Requested;
            if needed {
                self.arm_metadata_timer(ctx, now + delay);
            }
            return;
        }
        match self.least_loaded(now) {
            Some(to) => {
                let request = self.next_request();
                self.metadata.state = UpdateState::Pending(request, to);
                self.metadata.last_attempt = Some(now);
                ctx.send(NodeId::Broker(to), Msg::Metadata { request });
            }
            None => {
                // Every broker is avoided after refusing: try again when the first may be back.
                let back = (self.metadata.nodes().iter())
                    .filter_map(|b| self.metadata.unreachable.get(b).map(|&(until, _)| until))
                    .min()
                    .unwrap_or(now + RETRY_BACKOFF_MS);
                self.arm_metadata_timer(ctx, back.max(now + 1));
            }
        }
    }

    fn arm_call_timer(&mut self, ctx: &mut Ctx<'_>, request: u64, at: Millis) {
        let Some(call) = self.calls.get_mut(&request) else {
            return;
        };
        if call.timer_at.is_some_and(|t| t <= at && t >= ctx.now) {
            return;
        }
        call.timer_at = Some(at);
        ctx.timer(at - ctx.now, Timer::AdminRetry { request });
    }

    fn arm_metadata_timer(&mut self, ctx: &mut Ctx<'_>, at: Millis) {
        if self
            .metadata
            .timer_at
            .is_some_and(|t| t <= at && t >= ctx.now)
        {
            return;
        }
        self.metadata.timer_at = Some(at);
        ctx.timer(
            at - ctx.now,
            Timer::AdminRetry {
                request: METADATA_TIMER,
            },
        );
    }

    /// The call's deadline passed while it waited for a node (`handleTimeouts`): Kafka's
    /// `TimeoutException`, as the tools print it.
    fn time_out(&mut self, request: u64) {
        let Some(call) = self.calls.remove(&request) else {
            return;
        };
        let text = match self.version {
            ClientVersion::V2_3 => {
                "org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.".to_string()
            }
            _ => format!(
                "org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: {}",
                call.req.call_name(call.coordinator.is_none())
            ),
        };
        self.responses.insert(request, Err(text));
    }

    /// `Call.fail` with a retriable error: the next try after the backoff (Kafka 2.x:
    /// `retry.backoff.ms`; 3.7+: doubling to `retry.backoff.max.ms` with ±20% jitter), or the
    /// call fails with `error` if its deadline has passed.
    fn retry_later(&mut self, ctx: &mut Ctx<'_>, request: u64, error: &str) {
        let version = self.version;
        let Some(call) = self.calls.get_mut(&request) else {
            return;
        };
        call.in_flight = None;
        let backoff = match version {
            ClientVersion::V2_3 => RETRY_BACKOFF_MS,
            _ => {
                let term = (RETRY_BACKOFF_MS << call.tries.min(10)).min(RETRY_BACKOFF_MAX_MS);
                // ExponentialBackoff: term × a random factor in [0.8, 1.2), capped.
                (term * (800 + ctx.rng.below(400)) / 1000).min(RETRY_BACKOFF_MAX_MS)
            }
        };
        call.tries += 1;
        call.next_try = ctx.now + backoff;
        if ctx.now > call.deadline {
            self.calls.remove(&request);
            self.responses.insert(request, Err(error.to_string()));
        }
    }

    /// An answer reaches the admin client, or one of its requests bounced.
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, from: NodeId, msg: Msg) {
        if let NodeId::Broker(b) = from {
            if !matches!(msg, Msg::Undeliverable(_)) {
                // It answered: a connection works again.
                self.metadata.unreachable.remove(&b);
            }
        }
        match msg {
            Msg::MetadataResponse {
                request,
                brokers,
                controller,
                ..
            } => {
                if matches!(self.metadata.state, UpdateState::Pending(r, _) if r == request) {
                    let m = &mut self.metadata;
                    m.state = UpdateState::Quiescent;
                    if !brokers.is_empty() {
                        m.nodes = brokers;
                    }
                    m.controller = controller;
                    m.last_update = Some(ctx.now);
                }
            }
            Msg::CreateTopicsResponse {
                request, result, ..
            }
            | Msg::DeleteTopicsResponse { request, result } => {
                match result {
                    Err(e) if e == NOT_CONTROLLER => {
                        // `handleNotControllerError`: forget the controller, fetch metadata again,
                        // and retry (`NotControllerException` is retriable).
                        self.metadata.controller = None;
                        self.metadata.request_update();
                        let text = format!("org.apache.kafka.common.errors.NotControllerException: {NOT_CONTROLLER}");
                        self.retry_later(ctx, request, &text);
                    }
                    result => self.finish(request, result),
                }
            }
            Msg::ZkDeleteTopicResult {
                request, result, ..
            } => {
                self.responses.insert(request, result);
            }
            Msg::AlterConfigsResponse { request } => self.finish(request, Ok(())),
            Msg::GroupResponse { request, resp } => self.on_group_response(ctx, request, resp),
            Msg::ElectLeadersResponse { request, results } => {
                if self.calls.remove(&request).is_some() {
                    self.election_responses.insert(request, results);
                }
            }
            Msg::Undeliverable(inner) => {
                let NodeId::Broker(b) = from else {
                    return;
                };
                // A disconnect (`DisconnectException`, retriable): avoid the broker, fetch
                // metadata again, retry the call after the backoff.
                self.metadata.refused(b, ctx.now);
                self.metadata.request_update();
                match *inner {
                    Msg::Metadata { request } => {
                        if matches!(self.metadata.state, UpdateState::Pending(r, _) if r == request)
                        {
                            // `updateFailed`: the calls ask again, after `retry.backoff.ms`.
                            self.metadata.state = UpdateState::Requested;
                        }
                    }
                    other => {
                        if let Some(request) = request_of(&other) {
                            let text = format!("org.apache.kafka.common.errors.DisconnectException: Cancelled {} request with correlation id {request} due to node {b} being disconnected", self.calls.get(&request).map_or("", |c| c.req.call_name(c.coordinator.is_none())));
                            if let Some(call) = self.calls.get_mut(&request) {
                                // After a disconnect a group call looks its coordinator up
                                // again (`AdminApiDriver.onFailure`).
                                call.coordinator = None;
                            }
                            self.retry_later(ctx, request, &text);
                        }
                    }
                }
            }
            _ => {}
        }
        self.poll(ctx);
    }

    /// A call is answered.
    fn finish(&mut self, request: u64, result: Result<(), String>) {
        if self.calls.remove(&request).is_some() {
            self.responses.insert(request, result);
        }
    }

    /// A group call's `FindCoordinator` or `OffsetCommit` answer.
    fn on_group_response(&mut self, ctx: &mut Ctx<'_>, request: u64, resp: GroupResponse) {
        let version = self.version;
        let Some(call) = self.calls.get_mut(&request) else {
            return;
        };
        call.in_flight = None;
        let retriable = |e: KafkaError| {
            matches!(
                e,
                KafkaError::CoordinatorNotAvailable
                    | KafkaError::CoordinatorLoadInProgress
                    | KafkaError::NotCoordinator
            )
        };
        match resp {
            GroupResponse::FindCoordinator(Ok(b)) => {
                if matches!(call.req, AdminRequest::FindGroupCoordinator { .. }) {
                    self.calls.remove(&request);
                    self.group_responses
                        .insert(request, GroupResponse::FindCoordinator(Ok(b)));
                } else {
                    // The fulfilment stage: the commit goes to the coordinator.
                    call.coordinator = Some(b);
                }
            }
            GroupResponse::FindCoordinator(Err(e)) if retriable(e) => {
                let text = format!("org.apache.kafka.common.errors.{}", exception_text(e));
                // Kafka 2.x: `handleGroupRequestError` throws; the call is retried after
                // `retry.backoff.ms`. 3.0+: the lookup's request state is cleared without a
                // backoff and the key looked up again at once (`poll` sends it); past the
                // deadline that lookup times out waiting for a node.
                if version == ClientVersion::V2_3 {
                    self.retry_later(ctx, request, &text);
                }
            }
            GroupResponse::OffsetCommit(Err(e)) if retriable(e) => {
                // The coordinator moved: look it up again (`retryLookup`), at once.
                call.coordinator = None;
            }
            other => {
                self.calls.remove(&request);
                self.group_responses.insert(request, other);
            }
        }
    }

    /// A retry or metadata timer is due.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, timer: Timer) {
        if let Timer::AdminRetry { request } = timer {
            if request == METADATA_TIMER {
                if self.metadata.timer_at == Some(ctx.now) {
                    self.metadata.timer_at = None;
                }
            } else if let Some(c) = self.calls.get_mut(&request) {
                if c.timer_at == Some(ctx.now) {
                    c.timer_at = None;
                }
            }
            self.poll(ctx);
        }
    }

    /// The answer to `request`, once it has arrived (or the call failed in the client).
    pub fn response(&self, request: u64) -> Option<&Result<(), String>> {
        self.responses.get(&request)
    }

    /// The answer to a group request, once it has arrived.
    pub fn group_response(&self, request: u64) -> Option<&group::GroupResponse> {
        self.group_responses.get(&request)
    }

    /// KRaft: the answer to an `ElectLeaders` call, once it has arrived.
    pub fn election_response(&self, request: u64) -> Option<&[(TopicPartition, ElectionOutcome)]> {
        self.election_responses.get(&request).map(Vec::as_slice)
    }

    /// True while `request` is a call still waiting.
    pub fn pending(&self, request: u64) -> bool {
        self.calls.contains_key(&request)
    }
}

/// The request id of an admin request.
fn request_of(msg: &Msg) -> Option<u64> {
    match msg {
        Msg::CreateTopics { request, .. }
        | Msg::CreatePartitions { request, .. }
        | Msg::DeleteTopics { request, .. }
        | Msg::AlterConfigs { request, .. }
        | Msg::ElectLeaders { request, .. }
        | Msg::Group { request, .. } => Some(*request),
        _ => None,
    }
}

/// A coordinator error as Kafka's exception prints it (`Class: message`).
fn exception_text(e: KafkaError) -> &'static str {
    match e {
        KafkaError::CoordinatorNotAvailable => {
            "CoordinatorNotAvailableException: The coordinator is not available."
        }
        KafkaError::CoordinatorLoadInProgress => {
            "CoordinatorLoadInProgressException: The coordinator is loading and hence can't process requests."
        }
        _ => "NotCoordinatorException: This is not the correct coordinator.",
    }
}

/// The CLI's narrow interface to the admin client: a call is made here (the client routes it
/// from its own metadata; the runtime delivers what it sends), its answer read back by
/// request id.
impl Cluster {
    /// A new admin client, as each `kafka-*.sh` run starts one: `bootstrap.servers` is every
    /// broker of the cluster, the version the lab's client version; the previous client's
    /// calls are dropped. Started by the run's first call: a run that makes none (a
    /// `--describe`) changes nothing.
    pub fn new_admin_client(&mut self) {
        self.admin.new_run = NewRun(true);
    }

    /// The admin client sends a CreateTopics request (see [`Cluster::admin_request`]).
    pub fn admin_create_topic(&mut self, topic: CreateTopic) -> Option<u64> {
        self.admin_request(AdminRequest::CreateTopic(topic))
    }

    /// The admin client makes a call with `default.api.timeout.ms`. Returns the request id,
    /// or `None` if no broker of the cluster is alive: the one question the CLI answers
    /// itself (Kafka's tool would wait its whole timeout for a node assignment; the lab
    /// refuses at once rather than run the cluster a minute forward).
    pub fn admin_request(&mut self, req: AdminRequest) -> Option<u64> {
        self.admin_request_with_timeout(req, None)
    }

    /// [`Cluster::admin_request`] with the call's own timeout (a tool's `--timeout`).
    pub fn admin_request_with_timeout(
        &mut self,
        req: AdminRequest,
        timeout_ms: Option<Millis>,
    ) -> Option<u64> {
        if !self.brokers.values().any(|b| b.alive) {
            return None;
        }
        if std::mem::take(&mut self.admin.new_run.0) || self.admin.metadata.bootstrap.is_empty() {
            let bootstrap = self.brokers.keys().copied().collect();
            self.admin.restart(bootstrap, self.client_version);
        }
        Some(self.with_admin(|a, ctx| a.call(ctx, req, timeout_ms)))
    }

    /// Kafka 2.x's `kafka-topics.sh --zookeeper --delete`: the tool writes
    /// `/admin/delete_topics/T` itself. Returns the request id to wait on.
    pub fn zk_mark_topic_deletion(&mut self, topic: &str) -> u64 {
        self.with_admin(|a, ctx| a.zk_mark_topic_deletion(ctx, topic))
    }

    /// Runs `f` on the admin client and delivers what it sends.
    fn with_admin<R>(&mut self, f: impl FnOnce(&mut AdminClient, &mut Ctx<'_>) -> R) -> R {
        let (r, out, events) = super::handle(self.now, &mut self.admin_rng, &mut self.admin, f);
        self.apply(ADMIN, out, events);
        r
    }

    /// KRaft: the answer to an `ElectLeaders` request, once it has arrived.
    pub(crate) fn admin_election_response(
        &self,
        request: u64,
    ) -> Option<&[(TopicPartition, ElectionOutcome)]> {
        self.admin.election_response(request)
    }

    /// The answer to an admin group request, once it has arrived.
    pub(crate) fn admin_group_response(&self, request: u64) -> Option<&group::GroupResponse> {
        self.admin.group_response(request)
    }

    /// The admin client's answer to `request`, once it has arrived (or its failure in the
    /// client: a timeout).
    pub(crate) fn admin_response(&self, request: u64) -> Option<&Result<(), String>> {
        self.admin.response(request)
    }

    /// The live broker whose metadata cache the CLI's read-only tools print (`--describe`,
    /// `--list`): the lowest live broker id that has received metadata, else the lowest live
    /// one. (A shortcut of the lab's: those tools read the cache directly, no call is made.)
    pub(crate) fn metadata_broker(&self) -> Option<&Broker> {
        let mut live = self.brokers.values().filter(|b| b.alive);
        live.clone()
            .find(|b| b.metadata.controller.is_some())
            .or_else(|| live.next())
    }
}

#[cfg(test)]
#[path = "admin_tests.rs"]
mod tests;
