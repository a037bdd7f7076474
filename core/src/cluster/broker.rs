//! A Kafka broker: its ZooKeeper session, its metadata cache, the role it plays for each of its
//! replicas (from the controller's LeaderAndIsr requests), and — on one broker at a time — the
//! controller.
//!
//! A killed broker loses everything held in memory (session, metadata, roles, controllership);
//! the replication lab will add the logs it keeps on disk. A restarted broker registers again
//! and comes back as a follower of every partition it hosts.

use std::collections::{BTreeMap, BTreeSet};

use super::controller::Controller;
use super::msg::{
    CreateTopic, Ctx, FetchError, FetchResults, Msg, PartitionState, SessionId, Timer,
};
use crate::config::BrokerConfig;
use crate::event::Event;
use crate::model::{BrokerId, LeaderAndIsr, NodeId, TopicPartition, Uuid};

/// The role a broker plays for one replica.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// It leads the partition.
    Leader,
    /// It follows the leader (or nobody, while the partition is offline).
    Follower,
}

/// What a broker knows about one of its replicas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replica {
    /// Leader or follower.
    pub role: Role,
    /// The leader it knows of.
    pub leader: Option<BrokerId>,
    /// The leader epoch of its last LeaderAndIsr.
    pub leader_epoch: u32,
    /// As leader: the ISR it maintains, and the znode version its next update must match.
    pub isr: Vec<BrokerId>,
    /// As leader: version of the partition's state znode.
    pub zk_version: u32,
    /// As leader: followers that fetched but are not yet in the ISR.
    pub joining: BTreeSet<BrokerId>,
    /// As leader: a conditional ISR update is on its way to ZooKeeper.
    pub isr_update_pending: bool,
}

/// A replica fetcher (`ReplicaFetcherThread`): the partitions this broker follows on one
/// leader, fetched together in one request at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fetcher {
    /// Partitions followed on that leader, with the leader epoch this broker knows.
    pub partitions: BTreeMap<TopicPartition, u32>,
    /// The fetch waiting for its answer.
    pub in_flight: Option<u64>,
    /// Pausing `replica.fetch.backoff.ms` after an error.
    pub backing_off: bool,
}

/// The broker's view of the cluster, refreshed by UpdateMetadata (`MetadataCache`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetadataCache {
    /// The controller that sent the last update.
    pub controller: Option<BrokerId>,
    /// Its epoch: updates from older controllers are ignored.
    pub controller_epoch: u32,
    /// Live brokers.
    pub live_brokers: BTreeSet<BrokerId>,
    /// Every partition the broker has heard of.
    pub partitions: BTreeMap<TopicPartition, PartitionState>,
}

impl MetadataCache {
    /// Topic ids by name.
    pub fn topic_ids(&self) -> BTreeMap<String, Uuid> {
        self.partitions
            .values()
            .map(|p| (p.tp.topic.clone(), p.topic_id))
            .collect()
    }
}

/// A broker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broker {
    /// `broker.id`.
    pub id: BrokerId,
    /// False once killed, until restarted.
    pub alive: bool,
    /// Bumped on every start, so timers set by an earlier life are ignored.
    pub incarnation: u32,
    /// The ZooKeeper session, once registered.
    pub session: Option<SessionId>,
    /// The controller, when this broker is it.
    pub controller: Option<Controller>,
    /// The metadata cache.
    pub metadata: MetadataCache,
    /// Roles of its replicas.
    pub replicas: BTreeMap<TopicPartition, Replica>,
    /// Replica fetchers, by leader broker.
    pub fetchers: BTreeMap<BrokerId, Fetcher>,
    /// Topic creations waiting for their leaders to appear in the metadata.
    pending_creates: BTreeMap<u64, (NodeId, String)>,
    /// As leader: fetches held (long poll) until `replica.fetch.wait.max.ms`, by follower and
    /// fetch id, with the answer they will get.
    held_fetches: BTreeMap<(BrokerId, u64), FetchResults>,
    /// Id of this broker's next fetch request.
    next_fetch: u64,
}

/// How long a topic creation waits for its leaders (the admin client's `timeout.ms`, 30000).
const CREATE_TOPIC_TIMEOUT_MS: u64 = 30_000;
/// Wait before retrying a registration blocked by an old session.
const REGISTER_RETRY_MS: u64 = 1_000;

impl Broker {
    /// A broker that has not started yet.
    pub fn new(id: BrokerId) -> Self {
        Self {
            id,
            alive: false,
            incarnation: 0,
            session: None,
            controller: None,
            metadata: MetadataCache::default(),
            replicas: BTreeMap::new(),
            fetchers: BTreeMap::new(),
            pending_creates: BTreeMap::new(),
            held_fetches: BTreeMap::new(),
            next_fetch: 0,
        }
    }

    /// True if this broker is the active controller.
    pub fn is_controller(&self) -> bool {
        self.controller.is_some()
    }

    /// Starts the broker: it connects to ZooKeeper and registers.
    pub fn start(&mut self, ctx: &mut Ctx<'_>) {
        self.alive = true;
        self.incarnation += 1;
        ctx.event(Event::BrokerStarted { broker: self.id });
        ctx.send(NodeId::ZooKeeper, Msg::ZkRegisterBroker { broker: self.id });
    }

    /// Kills the broker: everything in memory is gone, and its open connections close, so the
    /// fetches it was holding and the creations it was answering fail at their senders.
    pub fn kill(&mut self, ctx: &mut Ctx<'_>) {
        for &(replica, fetch) in self.held_fetches.keys() {
            let request = Msg::Fetch {
                replica,
                fetch,
                partitions: Vec::new(),
            };
            ctx.send(
                NodeId::Broker(replica),
                Msg::Undeliverable(Box::new(request)),
            );
        }
        for (&request, (client, name)) in &self.pending_creates {
            let request = Msg::CreateTopics {
                request,
                topic: CreateTopic {
                    name: name.clone(),
                    partitions: 0,
                    replication_factor: 0,
                    configs: BTreeMap::new(),
                },
            };
            ctx.send(*client, Msg::Undeliverable(Box::new(request)));
        }
        self.alive = false;
        self.session = None;
        self.controller = None;
        self.metadata = MetadataCache::default();
        self.replicas.clear();
        self.fetchers.clear();
        self.pending_creates.clear();
        self.held_fetches.clear();
        ctx.event(Event::BrokerKilled { broker: self.id });
    }

    /// Handles a timer.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, timer: Timer, config: &BrokerConfig) {
        match timer {
            Timer::ZkPing => {
                if let Some(session) = self.session {
                    ctx.send(NodeId::ZooKeeper, Msg::ZkPing { session });
                    ctx.timer(ping_interval(config), Timer::ZkPing);
                }
            }
            Timer::RetryRegister => {
                if self.session.is_none() {
                    ctx.send(NodeId::ZooKeeper, Msg::ZkRegisterBroker { broker: self.id });
                }
            }
            Timer::CreateTopicTimeout { request } => {
                self.answer_create(ctx, request, Err("The request timed out.".into()));
            }
            Timer::FetchWait { replica, fetch } => {
                if let Some(partitions) = self.held_fetches.remove(&(replica, fetch)) {
                    ctx.send(
                        NodeId::Broker(replica),
                        Msg::FetchResponse { fetch, partitions },
                    );
                }
            }
            Timer::FetchBackoff { leader } => {
                if let Some(f) = self.fetchers.get_mut(&leader) {
                    f.backing_off = false;
                }
                self.maybe_fetch(ctx, leader);
            }
            Timer::LeaderImbalanceCheck => {
                if let Some(c) = self.controller.as_mut() {
                    c.on_imbalance_check(ctx, config);
                }
            }
            Timer::SessionCheck { .. } | Timer::AdminRetry { .. } => {}
        }
    }

    /// Handles a message.
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, from: NodeId, msg: Msg, config: &BrokerConfig) {
        // A starting broker serves requests only once registered in ZooKeeper (KafkaServer
        // enables request processing at the end of its startup).
        if msg.is_request() && self.session.is_none() {
            ctx.send(from, Msg::Undeliverable(Box::new(msg)));
            return;
        }
        match msg {
            Msg::ZkRegistered { session } => {
                self.session = Some(session);
                ctx.timer(ping_interval(config), Timer::ZkPing);
                // Every broker tries to become the controller when it starts.
                ctx.send(
                    NodeId::ZooKeeper,
                    Msg::ZkCreateController {
                        session,
                        broker: self.id,
                    },
                );
            }
            Msg::ZkRegisterConflict => ctx.timer(REGISTER_RETRY_MS, Timer::RetryRegister),
            Msg::ZkControllerResult {
                holder,
                epoch,
                snapshot,
            } => match snapshot {
                Some(snap) if holder == self.id => {
                    let mut c = Controller::from_snapshot(self.id, epoch, snap);
                    c.on_failover(ctx, config);
                    self.controller = Some(c);
                }
                // Someone holds /controller. If it is this broker already (its own earlier
                // attempt won), it stays the controller, as `KafkaController.elect` does.
                _ if holder == self.id => {}
                _ => {
                    self.controller = None;
                }
            },
            Msg::ZkControllerDeleted => {
                self.controller = None;
                if let Some(session) = self.session {
                    ctx.send(
                        NodeId::ZooKeeper,
                        Msg::ZkCreateController {
                            session,
                            broker: self.id,
                        },
                    );
                }
            }
            Msg::ZkBrokersChanged { live } => {
                if let Some(c) = self.controller.as_mut() {
                    c.on_brokers_changed(ctx, live);
                }
            }
            Msg::ZkTopicCreated { name, topic } => {
                if let Some(c) = self.controller.as_mut() {
                    c.on_topic_created(ctx, name, topic);
                }
            }
            Msg::ZkStatesWritten { writes, conflicts } => {
                if let Some(c) = self.controller.as_mut() {
                    c.on_states_written(ctx, writes, conflicts);
                }
            }
            Msg::ZkStatesRejected { .. } => {
                // A newer controller exists: resign (`onControllerResignation`).
                self.controller = None;
            }
            Msg::ZkIsrChanged { tp, state } => {
                if let Some(c) = self.controller.as_mut() {
                    c.on_isr_changed(ctx, tp, state);
                }
            }
            Msg::LeaderAndIsr {
                controller_epoch,
                partitions,
                ..
            } => self.on_leader_and_isr(ctx, controller_epoch, partitions),
            Msg::UpdateMetadata {
                controller,
                controller_epoch,
                live_brokers,
                partitions,
            } => {
                if controller_epoch < self.metadata.controller_epoch {
                    return; // from a deposed controller
                }
                self.metadata.controller = Some(controller);
                self.metadata.controller_epoch = controller_epoch;
                self.metadata.live_brokers = live_brokers;
                for p in partitions {
                    self.metadata.partitions.insert(p.tp.clone(), p);
                }
                self.complete_pending_creates(ctx);
            }
            Msg::Fetch {
                replica,
                fetch,
                partitions,
            } => self.on_fetch(ctx, replica, fetch, partitions, config),
            Msg::FetchResponse { fetch, partitions } => {
                if let NodeId::Broker(leader) = from {
                    self.on_fetch_response(ctx, leader, fetch, partitions, config);
                }
            }
            Msg::Undeliverable(request) => {
                // Only fetches wait for an answer here; the controller's requests to a broker
                // that cannot take them are superseded when it rejoins.
                if let (Msg::Fetch { fetch, .. }, NodeId::Broker(leader)) = (*request, from) {
                    self.on_fetch_failed(ctx, leader, fetch, config);
                }
            }
            Msg::ZkUpdateIsrResult {
                tp,
                accepted,
                state,
            } => self.on_update_isr_result(ctx, tp, accepted, state),
            Msg::CreateTopics { request, topic } => {
                self.on_create_topics(ctx, from, request, topic)
            }
            Msg::ZkCreateTopicResult {
                request,
                client,
                name,
                result,
            } => match result {
                Err(e) => ctx.send(
                    client,
                    Msg::CreateTopicsResponse {
                        request,
                        name,
                        result: Err(e),
                    },
                ),
                Ok(()) => {
                    self.pending_creates.insert(request, (client, name));
                    ctx.timer(
                        CREATE_TOPIC_TIMEOUT_MS,
                        Timer::CreateTopicTimeout { request },
                    );
                    self.complete_pending_creates(ctx);
                }
            },
            _ => {}
        }
    }

    fn on_create_topics(
        &mut self,
        ctx: &mut Ctx<'_>,
        client: NodeId,
        request: u64,
        topic: CreateTopic,
    ) {
        ctx.send(
            NodeId::ZooKeeper,
            Msg::ZkCreateTopic {
                request,
                client,
                topic,
            },
        );
    }

    /// Answers creations whose partitions all have a leader in the metadata cache
    /// (`DelayedCreatePartitions`).
    fn complete_pending_creates(&mut self, ctx: &mut Ctx<'_>) {
        let ready: Vec<u64> = self
            .pending_creates
            .iter()
            .filter(|(_, (_, name))| {
                let mut parts = self
                    .metadata
                    .partitions
                    .values()
                    .filter(|p| &p.tp.topic == name);
                let mut any = false;
                let all = parts.all(|p| {
                    any = true;
                    p.state.leader.is_some()
                });
                any && all
            })
            .map(|(&r, _)| r)
            .collect();
        for request in ready {
            self.answer_create(ctx, request, Ok(()));
        }
    }

    /// Answers a pending topic creation, if it is still pending.
    fn answer_create(&mut self, ctx: &mut Ctx<'_>, request: u64, result: Result<(), String>) {
        if let Some((client, name)) = self.pending_creates.remove(&request) {
            ctx.send(
                client,
                Msg::CreateTopicsResponse {
                    request,
                    name,
                    result,
                },
            );
        }
    }

    fn on_leader_and_isr(
        &mut self,
        ctx: &mut Ctx<'_>,
        controller_epoch: u32,
        partitions: Vec<PartitionState>,
    ) {
        if controller_epoch < self.metadata.controller_epoch {
            return; // a stale controller's request
        }
        self.metadata.controller_epoch = controller_epoch;
        for ps in partitions {
            if !ps.replicas.contains(&self.id) {
                continue;
            }
            let current = self.replicas.get(&ps.tp).map(|r| r.leader_epoch);
            // Kafka ignores a LeaderAndIsr whose leader epoch is not newer than the one it has.
            if current.is_some_and(|e| ps.state.leader_epoch <= e) {
                continue;
            }
            let s = &ps.state;
            // Whatever the new role, stop fetching this partition from its old leader.
            for f in self.fetchers.values_mut() {
                f.partitions.remove(&ps.tp);
            }
            if s.leader == Some(self.id) {
                self.replicas.insert(
                    ps.tp.clone(),
                    Replica {
                        role: Role::Leader,
                        leader: s.leader,
                        leader_epoch: s.leader_epoch,
                        isr: s.isr.clone(),
                        zk_version: s.zk_version,
                        joining: BTreeSet::new(),
                        isr_update_pending: false,
                    },
                );
                ctx.event(Event::BecameLeader {
                    broker: self.id,
                    tp: ps.tp.clone(),
                    epoch: s.leader_epoch,
                });
            } else {
                self.replicas.insert(
                    ps.tp.clone(),
                    Replica {
                        role: Role::Follower,
                        leader: s.leader,
                        leader_epoch: s.leader_epoch,
                        isr: Vec::new(),
                        zk_version: s.zk_version,
                        joining: BTreeSet::new(),
                        isr_update_pending: false,
                    },
                );
                if let Some(leader) = s.leader {
                    ctx.event(Event::BecameFollower {
                        broker: self.id,
                        tp: ps.tp.clone(),
                        leader,
                        epoch: s.leader_epoch,
                    });
                    // The replica fetcher for that leader takes the partition on.
                    self.fetchers
                        .entry(leader)
                        .or_default()
                        .partitions
                        .insert(ps.tp.clone(), s.leader_epoch);
                }
            }
        }
        let leaders: Vec<BrokerId> = self.fetchers.keys().copied().collect();
        for leader in leaders {
            self.maybe_fetch(ctx, leader);
        }
    }

    /// Sends the next fetch to `leader` unless one is in flight or the fetcher is backing off;
    /// drops a fetcher left with nothing to fetch.
    fn maybe_fetch(&mut self, ctx: &mut Ctx<'_>, leader: BrokerId) {
        let Some(f) = self.fetchers.get_mut(&leader) else {
            return;
        };
        if f.partitions.is_empty() {
            if f.in_flight.is_none() {
                self.fetchers.remove(&leader);
            }
            return;
        }
        if f.in_flight.is_some() || f.backing_off {
            return;
        }
        let fetch = self.next_fetch;
        self.next_fetch += 1;
        f.in_flight = Some(fetch);
        let partitions = f
            .partitions
            .iter()
            .map(|(tp, &e)| (tp.clone(), e))
            .collect();
        ctx.send(
            NodeId::Broker(leader),
            Msg::Fetch {
                replica: self.id,
                fetch,
                partitions,
            },
        );
    }

    fn on_fetch_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        leader: BrokerId,
        fetch: u64,
        partitions: FetchResults,
        config: &BrokerConfig,
    ) {
        let Some(f) = self.fetchers.get_mut(&leader) else {
            return;
        };
        if f.in_flight != Some(fetch) {
            return; // an answer to a fetch this broker no longer waits for
        }
        if partitions.iter().any(|(_, e)| e.is_some()) {
            // Kafka backs the failed partitions off; the lab pauses the whole fetcher.
            self.on_fetch_failed(ctx, leader, fetch, config);
        } else {
            f.in_flight = None;
            self.maybe_fetch(ctx, leader);
        }
    }

    /// A fetch failed (an error, or the leader could not be reached): pause
    /// `replica.fetch.backoff.ms`, then fetch again.
    fn on_fetch_failed(
        &mut self,
        ctx: &mut Ctx<'_>,
        leader: BrokerId,
        fetch: u64,
        config: &BrokerConfig,
    ) {
        let Some(f) = self.fetchers.get_mut(&leader) else {
            return;
        };
        if f.in_flight != Some(fetch) {
            return;
        }
        f.in_flight = None;
        f.backing_off = true;
        ctx.timer(
            config.replica_fetch_backoff_ms,
            Timer::FetchBackoff { leader },
        );
    }

    /// A follower fetched. Each partition is served if this broker leads it at the follower's
    /// epoch; a caught-up follower outside the ISR joins it (`maybeExpandIsr` — in this first
    /// cut there are no records, so every follower that fetches is caught up). With nothing new
    /// to send, the leader holds the fetch for `replica.fetch.wait.max.ms` (a long poll);
    /// errors are answered at once.
    fn on_fetch(
        &mut self,
        ctx: &mut Ctx<'_>,
        replica: BrokerId,
        fetch: u64,
        partitions: Vec<(TopicPartition, u32)>,
        config: &BrokerConfig,
    ) {
        let mut results = Vec::with_capacity(partitions.len());
        for (tp, epoch) in partitions {
            let error = match self.replicas.get(&tp) {
                Some(r) if r.role == Role::Leader => {
                    if epoch < r.leader_epoch {
                        Some(FetchError::FencedLeaderEpoch)
                    } else if epoch > r.leader_epoch {
                        Some(FetchError::UnknownLeaderEpoch)
                    } else {
                        None
                    }
                }
                _ => Some(FetchError::NotLeaderOrFollower),
            };
            if error.is_none() {
                self.maybe_expand_isr(ctx, &tp, replica);
            }
            results.push((tp, error));
        }
        if results.iter().any(|(_, e)| e.is_some()) {
            ctx.send(
                NodeId::Broker(replica),
                Msg::FetchResponse {
                    fetch,
                    partitions: results,
                },
            );
        } else {
            self.held_fetches.insert((replica, fetch), results);
            ctx.timer(
                config.replica_fetch_wait_max_ms,
                Timer::FetchWait { replica, fetch },
            );
        }
    }

    /// Adds a caught-up follower to the ISR with a conditional ZooKeeper update (the
    /// ZooKeeper-era `Partition.expandIsr`). One update at a time: followers that fetch while
    /// it is on its way go in with the next.
    fn maybe_expand_isr(&mut self, ctx: &mut Ctx<'_>, tp: &TopicPartition, replica: BrokerId) {
        let Some(r) = self.replicas.get_mut(tp) else {
            return;
        };
        if r.isr.contains(&replica) {
            return;
        }
        r.joining.insert(replica);
        self.send_isr_update(ctx, tp);
    }

    fn send_isr_update(&mut self, ctx: &mut Ctx<'_>, tp: &TopicPartition) {
        let (id, controller_epoch) = (self.id, self.metadata.controller_epoch);
        let Some(r) = self.replicas.get_mut(tp) else {
            return;
        };
        if r.isr_update_pending || r.joining.is_empty() || r.role != Role::Leader {
            return;
        }
        let mut isr = r.isr.clone();
        isr.extend(r.joining.iter().filter(|b| !r.isr.contains(b)));
        r.isr_update_pending = true;
        let new = LeaderAndIsr {
            leader: Some(id),
            leader_epoch: r.leader_epoch,
            isr,
            controller_epoch,
            zk_version: r.zk_version,
        };
        ctx.send(
            NodeId::ZooKeeper,
            Msg::ZkUpdateIsr {
                tp: tp.clone(),
                expected_zk_version: r.zk_version,
                new,
            },
        );
    }

    fn on_update_isr_result(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: TopicPartition,
        accepted: bool,
        state: LeaderAndIsr,
    ) {
        let id = self.id;
        let Some(r) = self.replicas.get_mut(&tp) else {
            return;
        };
        r.isr_update_pending = false;
        if r.role != Role::Leader
            || state.leader != Some(id)
            || state.leader_epoch != r.leader_epoch
        {
            // Leadership moved on meanwhile; the controller's LeaderAndIsr will say how.
            return;
        }
        let before = std::mem::replace(&mut r.isr, state.isr.clone());
        r.zk_version = state.zk_version;
        if accepted {
            for &b in state.isr.iter().filter(|b| !before.contains(b)) {
                ctx.event(Event::IsrExpanded {
                    tp: tp.clone(),
                    leader: id,
                    broker: b,
                    isr: state.isr.clone(),
                });
            }
        }
        r.joining.retain(|b| !state.isr.contains(b));
        // Rejected (the controller changed the znode meanwhile), or more followers waiting:
        // try again from the version ZooKeeper has now.
        self.send_isr_update(ctx, &tp);
    }
}

/// The ZooKeeper client pings after a third of the session timeout without traffic.
fn ping_interval(config: &BrokerConfig) -> u64 {
    (config.zookeeper_session_timeout_ms / 3).max(1)
}
