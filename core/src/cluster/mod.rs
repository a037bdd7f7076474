//! The cluster runtime: ZooKeeper, the brokers and the admin client wired to the simulation
//! kernel.
//!
//! [`Cluster`] owns the clock, the event queue, the generator and every node. It pops the next
//! due item (a message arriving or a timer firing), hands it to the node's handler, and turns
//! the handler's effects into new queue items. Everything that changes the cluster goes
//! through here, so a seed plus the commands applied at given virtual times replays a run.

pub mod assignment;
pub mod broker;
pub mod consumer;
pub mod controller;
pub mod coordinator;
pub mod dynamic_config;
pub mod ensemble;
pub mod group;
pub mod invariants;
pub mod kip848;
pub mod kraft_mode;
pub mod msg;
pub mod ownership;
pub mod producer;
pub mod replica;
pub mod txn;
pub mod zookeeper;

use crate::sort::Collect as _;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

use broker::Broker;
use msg::{ConfigEntity, CreateTopic, Ctx, Effect, Msg, Timer};
use producer::{ClientVersion, Producer, ProducerConfig};
use zookeeper::ZooKeeper;

use crate::config::BrokerConfig;
use crate::event::{Event, Logged};
use crate::ledger::{Ledger, Outcome, SendStatus};
use crate::log::{NewRecord, SendId};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::{EventQueue, Millis, Network, SimRng};

/// The admin client's node id.
pub const ADMIN: NodeId = NodeId::Client(0);
/// Consumers' client numbers start here (producers count from 1).
pub const CONSUMER_BASE: u32 = 10_000;
/// The admin client's `retry.backoff.ms`.
const ADMIN_RETRY_BACKOFF_MS: Millis = 100;

/// Something due at a virtual instant.
#[derive(Clone, Debug)]
pub enum Item {
    /// A message reaches `to`.
    Deliver {
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
        /// When it was sent.
        sent_at: Millis,
        /// The message.
        msg: Msg,
        /// Lost on the way (a cut link, a dropped packet): it never arrives.
        lost: bool,
    },
    /// A timer fires on `node`, if the node is still in the life (`incarnation`) that set it.
    Timer {
        /// The node.
        node: NodeId,
        /// The node's incarnation when it set the timer.
        incarnation: u32,
        /// The timer.
        timer: Timer,
    },
}

/// A message that reached (or, if its receiver was dead, failed to reach) its node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// Position in the run: the value of [`Cluster::processed`] when it was handled.
    pub seq: u64,
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// The message's name ([`Msg::kind`]).
    pub kind: &'static str,
    /// When it was sent.
    pub sent_at: Millis,
    /// When it arrived.
    pub at: Millis,
    /// True if the message was lost: its receiver was dead, or the network lost it.
    pub dropped: bool,
}

/// Faults injected into the network and the brokers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    /// Cut links, by direction: messages from the first node to the second are lost.
    pub cuts: BTreeSet<(NodeId, NodeId)>,
    /// Probability that any message is lost, in millionths.
    pub drop_per_million: u32,
}

impl Faults {
    /// True if messages from `from` to `to` are lost.
    pub fn is_cut(&self, from: NodeId, to: NodeId) -> bool {
        self.cuts.contains(&(from, to))
    }
}

/// An admin request the admin client is waiting on.
#[derive(Clone, Debug, PartialEq, Eq)]
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
        configs: BTreeMap<String, String>,
    },
}

impl AdminRequest {
    fn message(&self, request: u64) -> Msg {
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
        }
    }
}

/// How many recent deliveries the cluster remembers for drawing.
pub const RECENT_DELIVERIES: usize = 256;

/// Why a cluster operation was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClusterError {
    /// No broker has this id.
    NoSuchBroker(BrokerId),
    /// The broker is already dead.
    AlreadyDead(BrokerId),
    /// The broker is already running.
    AlreadyRunning(BrokerId),
    /// No ZooKeeper server has this myid (the ensemble's size).
    NoSuchZk(u8, u8),
    /// The ZooKeeper server is already dead.
    ZkAlreadyDead(u8),
    /// The ZooKeeper server is already running.
    ZkAlreadyRunning(u8),
    /// KRaft: no controller has this id.
    NoSuchController(u32),
    /// KRaft: the controller is already dead.
    ControllerAlreadyDead(u32),
    /// KRaft: the controller is already running.
    ControllerAlreadyRunning(u32),
}

impl std::fmt::Display for ClusterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClusterError::NoSuchBroker(b) => write!(f, "there is no broker {b}"),
            ClusterError::AlreadyDead(b) => write!(f, "broker {b} is already dead"),
            ClusterError::AlreadyRunning(b) => write!(f, "broker {b} is already running"),
            ClusterError::NoSuchZk(z, n) => write!(
                f,
                "there is no ZooKeeper server {z} (the ensemble has zoo1..zoo{n})"
            ),
            ClusterError::ZkAlreadyDead(z) => write!(f, "zoo{z} is already dead"),
            ClusterError::ZkAlreadyRunning(z) => write!(f, "zoo{z} is already running"),
            ClusterError::NoSuchController(c) => write!(f, "there is no controller {c}"),
            ClusterError::ControllerAlreadyDead(c) => write!(f, "controller {c} is already dead"),
            ClusterError::ControllerAlreadyRunning(c) => {
                write!(f, "controller {c} is already running")
            }
        }
    }
}

/// Why a new consumer of a classic or KIP-848 group cannot join right now: typed, so the page
/// can say it next to its button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsumerJoinBlocked {
    /// `__consumer_offsets` does not exist yet and fewer brokers are up than its replication
    /// factor (`offsets.topic.replication.factor`, 3 or the cluster's size): Kafka refuses to
    /// create it, and FindCoordinator answers COORDINATOR_NOT_AVAILABLE.
    OffsetsTopicNeedsBrokers {
        /// The replication factor it needs.
        replication_factor: u32,
        /// Brokers up (registered in ZooKeeper).
        live: Vec<BrokerId>,
        /// Brokers down.
        dead: Vec<BrokerId>,
    },
    /// ZooKeeper has no quorum: no topic can be created.
    ZkNoQuorum,
}

/// A simulated Kafka cluster in ZooKeeper mode.
#[derive(Clone, Debug)]
pub struct Cluster {
    now: Millis,
    queue: EventQueue<Item>,
    rng: SimRng,
    /// The network every message crosses.
    pub net: Network,
    /// Broker settings shared by every broker.
    pub config: BrokerConfig,
    /// ZooKeeper.
    pub zk: ZooKeeper,
    /// Brokers by id.
    pub brokers: BTreeMap<BrokerId, Broker>,
    admin_next_request: u64,
    /// Requests the admin client is still waiting on (kept to retry them).
    admin_pending: BTreeMap<u64, AdminRequest>,
    admin_responses: BTreeMap<u64, Result<(), String>>,
    admin_group_responses: BTreeMap<u64, group::GroupResponse>,
    /// Producer clients, by client number (1 and up; 0 is the admin client).
    pub producers: BTreeMap<u32, Producer>,
    /// Consumer clients, by client number ([`CONSUMER_BASE`] and up).
    pub consumers: BTreeMap<u32, consumer::Consumer>,
    /// The Java client version whose defaults new producers take.
    pub client_version: ClientVersion,
    /// Every record ever sent.
    pub ledger: Ledger,
    /// Faults in force.
    pub faults: Faults,
    /// Invariant violations seen so far (checked after every step).
    pub violations: Vec<invariants::Violation>,
    /// Every consumer's partitions over time (the page's rebalance timeline).
    pub ownership: ownership::OwnershipLog,
    monitor: invariants::Monitor,
    log: Vec<Logged>,
    /// For each entry of `log`, the items handled when it was logged (the timeline's step
    /// back stops just before the item that logged it).
    log_items: Vec<u64>,
    recent: VecDeque<Delivery>,
    /// When the last message on each link arrives: links are FIFO, like TCP connections, so a
    /// later message never overtakes an earlier one however the jitter falls.
    link_clock: BTreeMap<(NodeId, NodeId), Millis>,
    processed: u64,
    dropped: u64,
    /// ZooKeeper mode (the notes' era) or KRaft (Kafka 4.1).
    mode: crate::kraft::MetadataMode,
    /// KRaft: the controller nodes by `node.id` (empty in ZooKeeper mode).
    pub controllers: BTreeMap<u32, crate::kraft::controller::ControllerNode>,
    /// KRaft combined mode: controllers 1..K are brokers 1..K.
    combined: bool,
    /// KRaft: the cluster id the nodes were formatted with.
    cluster_id: crate::model::Uuid,
}

impl Cluster {
    /// A cluster of `brokers` brokers (ids 1..=N), all starting at time 0.
    pub fn new(brokers: u32, seed: u64) -> Self {
        Self::with_config(brokers, seed, BrokerConfig::default(), Network::default())
    }

    /// Like [`Cluster::new`], with explicit broker settings and network.
    pub fn with_config(brokers: u32, seed: u64, config: BrokerConfig, net: Network) -> Self {
        let mut c = Self::unstarted(brokers, seed, config, net);
        for id in 1..=brokers {
            let config = c.config.clone();
            c.with_broker(id, |b, ctx| b.start(ctx, &config));
        }
        c
    }

    /// The nodes, none started yet.
    fn unstarted(brokers: u32, seed: u64, config: BrokerConfig, net: Network) -> Self {
        Self {
            now: 0,
            queue: EventQueue::default(),
            rng: SimRng::new(seed),
            net,
            zk: ZooKeeper::new(config.zookeeper_session_timeout_ms),
            config,
            brokers: (1..=brokers).map(|id| (id, Broker::new(id))).collect_map(),
            admin_next_request: 1,
            admin_pending: BTreeMap::new(),
            admin_responses: BTreeMap::new(),
            admin_group_responses: BTreeMap::new(),
            producers: BTreeMap::new(),
            consumers: BTreeMap::new(),
            client_version: ClientVersion::default(),
            ledger: Ledger::default(),
            faults: Faults::default(),
            violations: Vec::new(),
            ownership: ownership::OwnershipLog::default(),
            monitor: invariants::Monitor::default(),
            log: Vec::new(),
            log_items: Vec::new(),
            recent: VecDeque::with_capacity(RECENT_DELIVERIES),
            link_clock: BTreeMap::new(),
            processed: 0,
            dropped: 0,
            mode: crate::kraft::MetadataMode::ZooKeeper,
            controllers: BTreeMap::new(),
            combined: false,
            cluster_id: crate::model::Uuid::ZERO,
        }
    }

    /// Current virtual time.
    pub fn now(&self) -> Millis {
        self.now
    }

    /// Everything that happened so far.
    pub fn log(&self) -> &[Logged] {
        &self.log
    }

    /// For each entry of [`Cluster::log`], the items handled when it was logged (including
    /// the item that logged it, if an item did).
    pub fn log_items(&self) -> &[u64] {
        &self.log_items
    }

    /// Items handled so far (messages delivered or dropped, timers fired).
    pub fn processed(&self) -> u64 {
        self.processed
    }

    /// The last [`RECENT_DELIVERIES`] messages delivered or dropped, oldest first.
    pub fn recent_deliveries(&self) -> impl Iterator<Item = &Delivery> {
        self.recent.iter()
    }

    /// Messages dropped because their receiver was dead.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Items waiting in the queue.
    pub fn pending(&self) -> impl Iterator<Item = (Millis, &Item)> {
        self.queue.iter().map(|s| (s.at, &s.item))
    }

    /// When the next item is due.
    pub fn next_event_at(&self) -> Option<Millis> {
        self.queue.next_at()
    }

    /// The broker with this id.
    pub fn broker(&self, id: BrokerId) -> Option<&Broker> {
        self.brokers.get(&id)
    }

    /// The active controller, as ZooKeeper's `/controller` says.
    pub fn controller(&self) -> Option<BrokerId> {
        self.zk.controller.map(|(b, _)| b)
    }

    /// The current leader of a partition, as ZooKeeper's state znode says.
    pub fn leader_of(&self, tp: &TopicPartition) -> Option<BrokerId> {
        if self.mode == crate::kraft::MetadataMode::Kraft {
            return self
                .topics_meta()
                .get(&tp.topic)?
                .states
                .get(&tp.partition)?
                .leader;
        }
        self.zk.partition_state(tp)?.leader
    }

    /// Runs every item due up to `now + ms`, then sets the clock there.
    pub fn advance(&mut self, ms: Millis) {
        let until = self.now.saturating_add(ms);
        while let Some(s) = self.queue.pop_due(until) {
            self.now = s.at;
            self.dispatch(s.item);
        }
        self.now = until;
    }

    /// Like [`Cluster::advance`], but stops after `max_items` items. Returns false if it had
    /// to stop early (the clock then stays at the last item run).
    pub fn advance_bounded(&mut self, ms: Millis, max_items: u64) -> bool {
        let until = self.now.saturating_add(ms);
        let start = self.processed;
        while let Some(at) = self.queue.next_at().filter(|&at| at <= until) {
            if self.processed - start >= max_items {
                return false;
            }
            if let Some(s) = self.queue.pop_due(at) {
                self.now = s.at;
                self.dispatch(s.item);
            }
        }
        self.now = until;
        true
    }

    /// Runs the next item only, moving the clock to it. Returns false if nothing is queued.
    pub fn step(&mut self) -> bool {
        match self.queue.pop_due(Millis::MAX) {
            Some(s) => {
                self.now = s.at;
                self.dispatch(s.item);
                true
            }
            None => false,
        }
    }

    /// Runs items until `processed` items have been handled since the start (never past
    /// `at`), then sets the clock to `at`. Replaying a journal uses this to stop exactly where
    /// a command originally ran, even between two items due at the same millisecond.
    pub fn run_to(&mut self, at: Millis, processed: u64) {
        while self.processed < processed {
            match self.queue.pop_due(at) {
                Some(s) => {
                    self.now = s.at;
                    self.dispatch(s.item);
                }
                None => break,
            }
        }
        self.now = self.now.max(at);
    }

    /// Runs items until `done` holds (checked after each item) or `max_ms` have passed.
    /// Returns whether `done` held.
    pub fn run_until(&mut self, max_ms: Millis, mut done: impl FnMut(&Cluster) -> bool) -> bool {
        let deadline = self.now.saturating_add(max_ms);
        loop {
            if done(self) {
                return true;
            }
            match self.queue.pop_due(deadline) {
                Some(s) => {
                    self.now = s.at;
                    self.dispatch(s.item);
                }
                None => {
                    self.now = deadline;
                    return done(self);
                }
            }
        }
    }

    /// True when a controller is elected, every live broker is registered and knows the
    /// controller, and every created partition has had its first leader.
    pub fn is_settled(&self) -> bool {
        if self.mode == crate::kraft::MetadataMode::Kraft {
            return self.kraft_settled();
        }
        let Some(c) = self.controller() else {
            return false;
        };
        self.brokers
            .values()
            .filter(|b| b.alive)
            .all(|b| self.zk.broker_ids.contains_key(&b.id) && b.metadata.controller == Some(c))
            && self
                .zk
                .topics
                .values()
                .all(|t| t.states.len() == t.assignment.len())
    }

    /// Kills a broker (`kill -9`).
    pub fn kill_broker(&mut self, id: BrokerId) -> Result<(), ClusterError> {
        match self.brokers.get(&id) {
            None => Err(ClusterError::NoSuchBroker(id)),
            Some(b) if !b.alive => Err(ClusterError::AlreadyDead(id)),
            Some(_) => {
                self.with_broker(id, |b, ctx| b.kill(ctx));
                if self.combined && self.controllers.contains_key(&id) {
                    self.with_controller(id, |c, ctx| c.kill(ctx));
                }
                Ok(())
            }
        }
    }

    /// Starts a dead broker again.
    pub fn start_broker(&mut self, id: BrokerId) -> Result<(), ClusterError> {
        match self.brokers.get(&id) {
            None => Err(ClusterError::NoSuchBroker(id)),
            Some(b) if b.alive => Err(ClusterError::AlreadyRunning(id)),
            Some(_) => {
                let config = self.config.clone();
                if self.combined && self.controllers.contains_key(&id) {
                    self.with_controller(id, |c, ctx| c.start(ctx));
                }
                self.with_broker(id, |b, ctx| b.start(ctx, &config));
                Ok(())
            }
        }
    }

    /// Gives ZooKeeper an ensemble of `n` servers (call on a fresh cluster, before it runs):
    /// zoo1..zooN, the highest myid leading.
    pub fn set_zookeepers(&mut self, n: u8) {
        self.zk.ensemble = ensemble::Ensemble::new(n);
        if n > 1 {
            let leader = self.zk.ensemble.leader.unwrap_or(n);
            self.log_items.push(self.processed);
            self.log.push(Logged {
                at: self.now,
                event: Event::ZkLeaderElected {
                    server: leader,
                    epoch: self.zk.ensemble.epoch,
                    zxid: "0x0".into(),
                },
            });
        }
    }

    /// Kills ZooKeeper server `myid` (`docker kill zooN`).
    pub fn kill_zk(&mut self, myid: u8) -> Result<(), ClusterError> {
        let n = self.zk.ensemble.servers.len() as u8;
        match self.zk.ensemble.servers.get(&myid) {
            None => Err(ClusterError::NoSuchZk(myid, n)),
            Some(s) if !s.alive => Err(ClusterError::ZkAlreadyDead(myid)),
            Some(_) => {
                self.with_zk(|zk, ctx| zk.kill_server(ctx, myid));
                Ok(())
            }
        }
    }

    /// Starts ZooKeeper server `myid` again.
    pub fn start_zk(&mut self, myid: u8) -> Result<(), ClusterError> {
        let n = self.zk.ensemble.servers.len() as u8;
        match self.zk.ensemble.servers.get(&myid) {
            None => Err(ClusterError::NoSuchZk(myid, n)),
            Some(s) if s.alive => Err(ClusterError::ZkAlreadyRunning(myid)),
            Some(_) => {
                self.with_zk(|zk, ctx| zk.start_server(ctx, myid));
                Ok(())
            }
        }
    }

    fn with_zk(&mut self, f: impl FnOnce(&mut ZooKeeper, &mut Ctx<'_>) -> bool) {
        let (_, out, events) = handle(self.now, &mut self.rng, &mut self.zk, f);
        self.apply(NodeId::ZooKeeper, out, events);
    }

    /// The admin client sends a CreateTopics request to the controller (or, if no live broker
    /// knows one, to the lowest live broker). Returns the request id, or `None` if no broker is
    /// alive to take it.
    pub fn admin_create_topic(&mut self, topic: CreateTopic) -> Option<u64> {
        self.admin_request(AdminRequest::CreateTopic(topic))
    }

    /// The admin client sends a request to the controller (see [`Cluster::admin_create_topic`]).
    pub fn admin_request(&mut self, req: AdminRequest) -> Option<u64> {
        let target = self.admin_target()?;
        let request = self.admin_next_request;
        self.admin_next_request += 1;
        let msg = req.message(request);
        self.admin_pending.insert(request, req);
        self.send(ADMIN, NodeId::Broker(target), msg);
        Some(request)
    }

    /// Kafka 2.x's `kafka-topics.sh --zookeeper --delete`: the tool itself creates
    /// `/admin/delete_topics/T`. Returns the request id to wait on.
    pub fn zk_mark_topic_deletion(&mut self, topic: &str) -> u64 {
        let request = self.admin_next_request;
        self.admin_next_request += 1;
        self.send(
            ADMIN,
            NodeId::ZooKeeper,
            Msg::ZkDeleteTopic {
                request,
                client: ADMIN,
                topic: topic.to_string(),
            },
        );
        request
    }

    /// The admin tool sends a group request (`kafka-consumer-groups.sh --reset-offsets`).
    pub fn admin_send(&mut self, to: NodeId, msg: Msg) {
        self.send(ADMIN, to, msg);
    }

    /// The answer to an admin group request, once it has arrived.
    pub fn admin_group_response(&self, request: u64) -> Option<&group::GroupResponse> {
        self.admin_group_responses.get(&request)
    }

    /// The admin client's answer to `request`, once it has arrived.
    pub fn admin_response(&self, request: u64) -> Option<&Result<(), String>> {
        self.admin_responses.get(&request)
    }

    /// The broker an admin request goes to: the controller, as the live brokers know it.
    fn admin_target(&self) -> Option<BrokerId> {
        if self.mode == crate::kraft::MetadataMode::Kraft {
            // Kafka 4: any broker takes admin requests and forwards them to the controller.
            let mut live = self.brokers.values().filter(|b| b.alive);
            return live
                .clone()
                .find(|b| b.serving)
                .or_else(|| live.next())
                .map(|b| b.id);
        }
        let live: Vec<&Broker> = self.brokers.values().filter(|b| b.alive).collect();
        live.iter()
            .find_map(|b| {
                b.metadata
                    .controller
                    .filter(|c| self.brokers.get(c).is_some_and(|x| x.alive))
            })
            .or_else(|| live.first().map(|b| b.id))
    }

    /// The live broker whose metadata the admin client reads (`leastLoadedNode`): the lowest
    /// live broker id that has received metadata, else the lowest live one.
    pub fn metadata_broker(&self) -> Option<&Broker> {
        let mut live = self.brokers.values().filter(|b| b.alive);
        live.clone()
            .find(|b| b.metadata.controller.is_some())
            .or_else(|| live.next())
    }

    fn send(&mut self, from: NodeId, to: NodeId, msg: Msg) {
        let earliest = self.now + self.net.transit_ms(&mut self.rng);
        let last = self.link_clock.entry((from, to)).or_insert(0);
        let at = earliest.max(*last);
        *last = at;
        let dropped = self.faults.drop_per_million > 0
            && self.rng.below(1_000_000) < u64::from(self.faults.drop_per_million);
        let lost = from != to && (self.faults.is_cut(from, to) || dropped);
        self.queue.push(
            at,
            Item::Deliver {
                from,
                to,
                sent_at: self.now,
                msg,
                lost,
            },
        );
    }

    fn incarnation(&self, node: NodeId) -> u32 {
        match node {
            NodeId::Broker(b) => self.brokers.get(&b).map_or(0, |x| x.incarnation),
            NodeId::Client(c) if c >= CONSUMER_BASE => {
                self.consumers.get(&c).map_or(0, |p| p.incarnation)
            }
            NodeId::Client(c) => self.producers.get(&c).map_or(0, |p| p.incarnation),
            NodeId::ZooKeeper => 0,
            NodeId::Controller(c) => self.controllers.get(&c).map_or(0, |x| x.incarnation),
        }
    }

    fn apply(&mut self, node: NodeId, mut effects: Vec<Effect>, mut events: Vec<Event>) {
        if let NodeId::Broker(id) = node {
            self.observe_page_cache(id, &effects);
            if self.mode == crate::kraft::MetadataMode::Kraft {
                self.kraft_redirect(id, &mut effects, &mut events);
            }
        }
        if let NodeId::Client(id) = node {
            if let Some(c) = self.consumers.get(&id) {
                self.ownership.observe(self.now, id, c);
            }
        }
        for e in events {
            if let Event::TopicDeleted { topic } = &e {
                self.ledger.topic_deleted(topic);
            }
            self.log_items.push(self.processed);
            self.log.push(Logged {
                at: self.now,
                event: e,
            });
        }
        for eff in effects {
            match eff {
                Effect::Send { to, msg } => self.send(node, to, msg),
                Effect::Ledger(note) => self.ledger.apply(note, self.now),
                Effect::SetTimer { after, timer } => {
                    let incarnation = self.incarnation(node);
                    self.queue.push(
                        self.now + after,
                        Item::Timer {
                            node,
                            incarnation,
                            timer,
                        },
                    );
                }
            }
        }
    }

    /// Shows a broker machine's page cache what the step wrote (the partitions it marked
    /// dirty) and what the fetch answers it sends read. Observes only: nothing here changes
    /// what the simulation does.
    fn observe_page_cache(&mut self, id: BrokerId, effects: &[Effect]) {
        let now = self.now;
        let Some(b) = self.brokers.get_mut(&id) else {
            return;
        };
        let cache = &mut b.page_cache;
        if b.replica_manager.dirty_all {
            cache.retain_partitions(&b.replica_manager.logs.keys().collect_set());
            for (tp, log) in &b.replica_manager.logs {
                cache.observe_log(now, tp, log.files());
            }
        } else {
            for tp in &b.replica_manager.dirty {
                if let Some(log) = b.replica_manager.logs.get(tp) {
                    cache.observe_log(now, tp, log.files());
                }
            }
        }
        for eff in effects {
            let Effect::Send { to, msg } = eff else {
                continue;
            };
            let reads: Vec<(&TopicPartition, &[crate::log::Record])> = match msg {
                Msg::FetchResponse { partitions, .. } => partitions
                    .iter()
                    .map(|p| (&p.tp, p.records.as_slice()))
                    .collect(),
                Msg::ConsumerFetchResponse { partitions, .. } => partitions
                    .iter()
                    .map(|p| (&p.tp, p.records.as_slice()))
                    .collect(),
                _ => continue,
            };
            for (tp, records) in reads {
                if let (Some(first), Some(last), Some(log)) = (
                    records.first(),
                    records.last(),
                    b.replica_manager.logs.get(tp),
                ) {
                    cache.read(
                        now,
                        *to,
                        tp,
                        log.files(),
                        first.offset as i64,
                        last.offset as i64,
                    );
                }
            }
        }
    }

    fn with_broker(&mut self, id: BrokerId, f: impl FnOnce(&mut Broker, &mut Ctx<'_>)) {
        if let Some(b) = self.brokers.get_mut(&id) {
            let ((), out, events) = handle(self.now, &mut self.rng, b, f);
            self.apply(NodeId::Broker(id), out, events);
        }
    }

    fn dispatch(&mut self, item: Item) {
        self.processed += 1;
        let (mut out, mut events) = (Vec::new(), Vec::new());
        let node = match item {
            Item::Deliver {
                from,
                to,
                msg,
                sent_at,
                lost,
            } => {
                let alive = match to {
                    NodeId::Broker(id) => self.brokers.get(&id).is_some_and(|b| b.alive),
                    NodeId::Controller(id) => self.controllers.get(&id).is_some_and(|c| c.alive),
                    _ => true,
                };
                if self.recent.len() == RECENT_DELIVERIES {
                    self.recent.pop_front();
                }
                self.recent.push_back(Delivery {
                    seq: self.processed,
                    from,
                    to,
                    kind: msg.kind(),
                    sent_at,
                    at: self.now,
                    dropped: lost || !alive,
                });
                if lost {
                    self.dropped += 1;
                    return;
                }
                let mut ctx = Ctx {
                    now: self.now,
                    out: &mut out,
                    events: &mut events,
                    rng: &mut self.rng,
                };
                match to {
                    NodeId::ZooKeeper => self.zk.on_message(&mut ctx, from, msg),
                    NodeId::Broker(id) => match self.brokers.get_mut(&id) {
                        Some(b) if b.alive => b.on_message(&mut ctx, from, msg, &self.config),
                        _ => {
                            self.dropped += 1;
                            // A dead broker's host refuses the connection: requests bounce.
                            if msg.is_request() {
                                ctx.send(from, Msg::Undeliverable(Box::new(msg)));
                            }
                        }
                    },
                    NodeId::Controller(id) => match self.controllers.get_mut(&id) {
                        Some(c) if c.alive => c.on_message(&mut ctx, from, msg),
                        _ => {
                            self.dropped += 1;
                            if msg.is_request() {
                                ctx.send(from, Msg::Undeliverable(Box::new(msg)));
                            }
                        }
                    },
                    ADMIN => match msg {
                        Msg::CreateTopicsResponse {
                            request, result, ..
                        } => {
                            self.admin_pending.remove(&request);
                            self.admin_responses.insert(request, result);
                        }
                        Msg::AlterConfigsResponse { request } => {
                            self.admin_pending.remove(&request);
                            self.admin_responses.insert(request, Ok(()));
                        }
                        Msg::DeleteTopicsResponse { request, result }
                        | Msg::ZkDeleteTopicResult {
                            request, result, ..
                        } => {
                            self.admin_pending.remove(&request);
                            self.admin_responses.insert(request, result);
                        }
                        Msg::GroupResponse { request, resp } => {
                            self.admin_group_responses.insert(request, resp);
                        }
                        Msg::Undeliverable(inner) => {
                            let request = match *inner {
                                Msg::CreateTopics { request, .. }
                                | Msg::CreatePartitions { request, .. }
                                | Msg::DeleteTopics { request, .. }
                                | Msg::AlterConfigs { request, .. } => Some(request),
                                _ => None,
                            };
                            if let Some(request) = request {
                                // The admin client refreshes its metadata and retries after
                                // `retry.backoff.ms`.
                                ctx.timer(ADMIN_RETRY_BACKOFF_MS, Timer::AdminRetry { request });
                            }
                        }
                        _ => {}
                    },
                    NodeId::Client(c) => {
                        if let Some(p) = self.producers.get_mut(&c) {
                            p.on_message(&mut ctx, msg);
                        } else if let Some(k) = self.consumers.get_mut(&c) {
                            k.on_message(&mut ctx, msg);
                        }
                    }
                }
                to
            }
            Item::Timer {
                node,
                incarnation,
                timer,
            } => {
                // Only the admin client's retries need it (working it out on every timer cost
                // 5% of a failover run).
                let admin_target = if node == ADMIN {
                    self.admin_target()
                } else {
                    None
                };
                let mut ctx = Ctx {
                    now: self.now,
                    out: &mut out,
                    events: &mut events,
                    rng: &mut self.rng,
                };
                match node {
                    NodeId::ZooKeeper => self.zk.on_timer(&mut ctx, timer),
                    NodeId::Controller(id) => {
                        if let Some(c) = self.controllers.get_mut(&id) {
                            if c.alive && c.incarnation == incarnation {
                                c.on_timer(&mut ctx, timer);
                            }
                        }
                    }
                    NodeId::Broker(id) => {
                        if let Some(b) = self.brokers.get_mut(&id) {
                            if b.alive && b.incarnation == incarnation {
                                b.on_timer(&mut ctx, timer, &self.config);
                            }
                        }
                    }
                    ADMIN => {
                        if let Timer::AdminRetry { request } = timer {
                            match (self.admin_pending.get(&request), admin_target) {
                                (Some(req), Some(target)) => {
                                    ctx.send(NodeId::Broker(target), req.message(request))
                                }
                                (Some(_), None) => {
                                    ctx.timer(ADMIN_RETRY_BACKOFF_MS, Timer::AdminRetry { request })
                                }
                                (None, _) => {}
                            }
                        }
                    }
                    NodeId::Client(c) => {
                        if let Some(p) = self.producers.get_mut(&c) {
                            if p.incarnation == incarnation {
                                p.on_timer(&mut ctx, timer);
                            }
                        } else if let Some(k) = self.consumers.get_mut(&c) {
                            if k.incarnation == incarnation {
                                if let Timer::ConsumerAppPoll { run } = timer {
                                    let read = k.app_poll(&mut ctx, run);
                                    self.ledger.read.extend(read);
                                } else {
                                    k.on_timer(&mut ctx, timer);
                                }
                            }
                        }
                    }
                }
                node
            }
        };
        self.apply(node, out, events);
        let (all, dirty) = match node {
            NodeId::Broker(b) => match self.brokers.get_mut(&b) {
                Some(b) => (
                    std::mem::take(&mut b.replica_manager.dirty_all),
                    std::mem::take(&mut b.replica_manager.dirty),
                ),
                None => (false, BTreeSet::new()),
            },
            _ => (false, BTreeSet::new()),
        };
        if !all && dirty.is_empty() && node != NodeId::ZooKeeper {
            return;
        }
        let found = invariants::check(
            &mut self.monitor,
            &self.zk,
            &self.brokers,
            node,
            (!all).then_some(&dirty),
        );
        if !found.is_empty() {
            self.record_violations(found);
        }
    }

    fn record_violations(&mut self, found: Vec<invariants::Violation>) {
        for v in found {
            if !self.violations.contains(&v) {
                self.log_items.push(self.processed);
                self.log.push(Logged {
                    at: self.now,
                    event: Event::InvariantBroken {
                        name: v.name,
                        detail: v.detail.clone(),
                    },
                });
                self.violations.push(v);
            }
        }
    }

    // ---- producers and the ledger

    /// The producer with this `client.id`, created (bootstrapping from every broker, with the
    /// defaults of [`Cluster::client_version`]) if new.
    pub fn producer_id(&mut self, name: &str) -> u32 {
        if let Some((&id, _)) = self.producers.iter().find(|(_, p)| p.name == name) {
            return id;
        }
        let id = self.producers.keys().last().map_or(1, |&k| k + 1);
        let bootstrap: Vec<BrokerId> = self.brokers.keys().copied().collect();
        let config = ProducerConfig::defaults(self.client_version);
        self.producers
            .insert(id, Producer::new(id, name, bootstrap, config));
        id
    }

    /// `producer.send()`: the producer's partitioner picks the partition (unless given), the
    /// send is recorded in the ledger and appended to the producer's accumulator.
    pub fn produce(
        &mut self,
        producer: u32,
        topic: &str,
        partition: Option<u32>,
        key: Option<String>,
        value: impl Into<crate::log::Text>,
    ) -> SendId {
        // ZooKeeper's topics or, in KRaft, the active controller's metadata image.
        let znode = self.topics_meta().get(topic);
        let num_partitions = znode.map_or(1, |t| t.assignment.len() as u32);
        // The partitions with a leader (`leader_of`), for the partitioner: read from the
        // topic's states in one pass, and not at all for an explicit partition.
        let mut available: Vec<u32> = Vec::new();
        if let (None, Some(t)) = (partition, znode) {
            available.reserve_exact(num_partitions as usize);
            for (&p, s) in &t.states {
                if p < num_partitions && s.leader.is_some() {
                    available.push(p);
                }
            }
        }
        // The partitioner runs first: the ledger records the send with its partition.
        let Some((tp, acks)) = self.with_producer(producer, |p, ctx| {
            let partition = partition.unwrap_or_else(|| {
                p.partition(
                    ctx,
                    topic,
                    key.as_deref().map(str::as_bytes),
                    num_partitions,
                    &available,
                )
            });
            (TopicPartition::new(topic, partition), p.config.acks)
        }) else {
            return 0;
        };
        // One copy of the key and value, shared by the ledger, the batch and every replica.
        let key: Option<crate::log::Text> = key.map(Into::into);
        let value: crate::log::Text = value.into();
        let send = self.ledger.open(
            &self.producers[&producer].name,
            tp.clone(),
            key.clone(),
            value.clone(),
            acks,
            self.now,
        );
        let record = NewRecord {
            send,
            key,
            value,
            timestamp: self.now,
        };
        self.with_producer(producer, |p, ctx| p.send(ctx, send, tp, record));
        send
    }

    /// Restarts a producer (a crash and a new instance with the same `client.id`): a new
    /// producer id, and the sends it had no answer for sent again by the application.
    pub fn restart_producer(&mut self, producer: u32) -> Vec<SendId> {
        self.with_producer(producer, |p, ctx| {
            let again = p.restart();
            if p.txn.is_some() {
                // A transactional application starts with initTransactions(): the coordinator
                // bumps the epoch (fencing the old instance) and aborts its open transaction;
                // the records it had no answer for went with that transaction.
                for (_, r) in &again {
                    ctx.out
                        .push(Effect::Ledger(crate::ledger::LedgerNote::Failed {
                            send: r.send,
                            error: msg::KafkaError::TransactionAborted,
                        }));
                }
                p.init_transactions(ctx);
                return Vec::new();
            }
            let sends = again.iter().map(|(_, r)| r.send).collect();
            for (tp, r) in again {
                p.send(ctx, r.send, tp, r);
            }
            sends
        })
        .unwrap_or_default()
    }

    /// Runs `f` on a producer with a handler context, then carries out its effects.
    pub fn with_producer<R>(
        &mut self,
        producer: u32,
        f: impl FnOnce(&mut Producer, &mut Ctx<'_>) -> R,
    ) -> Option<R> {
        let p = self.producers.get_mut(&producer)?;
        let (r, out, events) = handle(self.now, &mut self.rng, p, f);
        self.apply(NodeId::Client(producer), out, events);
        Some(r)
    }

    /// Creates `__transaction_state` if it does not exist yet (a broker does so on the first
    /// FindCoordinator for a transaction): the lab's `transaction.state.log.num.partitions`
    /// (3; Kafka's default is 50), replication factor min(3, brokers). Returns the admin
    /// request if one was sent.
    pub fn ensure_txn_topic(&mut self) -> Option<u64> {
        if self.topics_meta().contains_key(txn::TXN_TOPIC) {
            return None;
        }
        let rf = (self.brokers.len() as u32).clamp(1, 3);
        self.admin_create_topic(CreateTopic {
            name: txn::TXN_TOPIC.to_string(),
            partitions: txn::LAB_TXN_PARTITIONS,
            replication_factor: rf,
            // `transaction.state.log.segment.bytes`.
            configs: [("segment.bytes".to_string(), "104857600".to_string())]
                .into_iter()
                .collect(),
        })
    }

    /// Why a new consumer could not join now (`__consumer_offsets` cannot be created), if so.
    pub fn consumer_join_blocked(&self) -> Option<ConsumerJoinBlocked> {
        if self.topics_meta().contains_key(group::OFFSETS_TOPIC) {
            return None;
        }
        if self.mode == crate::kraft::MetadataMode::Kraft {
            return self.kraft_join_blocked();
        }
        if !self.zk.ensemble.serving() {
            return Some(ConsumerJoinBlocked::ZkNoQuorum);
        }
        let rf = (self.brokers.len() as u32).clamp(1, 3);
        let live: Vec<BrokerId> = self.zk.broker_ids.keys().copied().collect();
        if (live.len() as u32) >= rf {
            return None;
        }
        let dead = self
            .brokers
            .keys()
            .copied()
            .filter(|b| !live.contains(b))
            .collect();
        Some(ConsumerJoinBlocked::OffsetsTopicNeedsBrokers {
            replication_factor: rf,
            live,
            dead,
        })
    }

    /// Creates `__consumer_offsets` if it does not exist yet (a broker does so on the first
    /// FindCoordinator for a group): the lab's `offsets.topic.num.partitions` (5; Kafka's
    /// default is 50), replication factor min(3, brokers). Returns the admin request if one
    /// was sent.
    pub fn ensure_offsets_topic(&mut self) -> Option<u64> {
        if self.topics_meta().contains_key(group::OFFSETS_TOPIC) {
            return None;
        }
        let rf = (self.brokers.len() as u32).clamp(1, 3);
        self.admin_create_topic(CreateTopic {
            name: group::OFFSETS_TOPIC.to_string(),
            partitions: group::LAB_OFFSETS_PARTITIONS,
            replication_factor: rf,
            // `offsets.topic.segment.bytes`, and compaction as Kafka sets it.
            configs: [
                ("segment.bytes".to_string(), "104857600".to_string()),
                ("cleanup.policy".to_string(), "compact".to_string()),
            ]
            .into_iter()
            .collect(),
        })
    }

    /// A draw below `n` from the simulation's generator (for what a tool picks at random,
    /// such as the console consumer's `console-consumer-NNNNN` group).
    pub fn random_below(&mut self, n: u64) -> u64 {
        self.rng.below(n)
    }

    /// The consumer with this client id, if any.
    pub fn consumer_named(&self, name: &str) -> Option<u32> {
        self.consumers
            .iter()
            .find(|(_, c)| c.name == name)
            .map(|(&id, _)| id)
    }

    /// Adds (or, for a known client id, restarts with new configs) a consumer and starts it.
    pub fn start_consumer(&mut self, name: &str, config: consumer::ConsumerConfig) -> u32 {
        let id = self.new_consumer(name, config);
        self.with_consumer(id, |c, ctx| c.start(ctx));
        id
    }

    /// Adds a consumer (or replaces a stopped one with the same client id: the new instance
    /// carries on its incarnation and request numbers), not started. Returns its number.
    pub fn new_consumer(&mut self, name: &str, config: consumer::ConsumerConfig) -> u32 {
        let id = match self.consumer_named(name) {
            Some(id) => id,
            None => self
                .consumers
                .keys()
                .last()
                .map_or(CONSUMER_BASE, |&k| k + 1),
        };
        let bootstrap: Vec<BrokerId> = self.brokers.keys().copied().collect();
        let mut c = consumer::Consumer::new(id, name, bootstrap, config);
        if let Some(old) = self.consumers.get(&id) {
            c.succeed(old);
        }
        self.consumers.insert(id, c);
        id
    }

    /// Runs `f` on a consumer with a handler context, then carries out its effects.
    pub fn with_consumer<R>(
        &mut self,
        id: u32,
        f: impl FnOnce(&mut consumer::Consumer, &mut Ctx<'_>) -> R,
    ) -> Option<R> {
        let c = self.consumers.get_mut(&id)?;
        let (r, out, events) = handle(self.now, &mut self.rng, c, f);
        self.apply(NodeId::Client(id), out, events);
        Some(r)
    }

    /// The group coordinator's view of a group: the live broker leading its partition.
    pub fn group_coordinator(&self, group: &str) -> Option<&Broker> {
        let n = self
            .topics_meta()
            .get(group::OFFSETS_TOPIC)
            .map(|t| t.assignment.len() as u32)?;
        let tp = TopicPartition::new(group::OFFSETS_TOPIC, group::group_partition(group, n));
        self.leader_of(&tp)
            .and_then(|b| self.brokers.get(&b))
            .filter(|b| b.alive)
    }

    /// Produce requests on the wire, by the sends they carry (a fire-and-forget `acks=0`
    /// record is not lost while its request is still travelling).
    pub fn sends_in_flight(&self) -> BTreeSet<SendId> {
        self.queue
            .iter()
            .filter_map(|s| match &s.item {
                Item::Deliver {
                    msg: Msg::Produce { batches, .. },
                    lost: false,
                    ..
                } => Some(
                    batches
                        .iter()
                        .flat_map(|b| b.records.iter().map(|r| r.send)),
                ),
                _ => None,
            })
            .flatten()
            .collect_set()
    }

    /// Where every send is: the ledger's entries checked against the logs.
    pub fn ledger_status(&self) -> Vec<SendStatus> {
        let in_flight = self.sends_in_flight();
        // For each partition: its leader's log and high watermark, and each replica's copies.
        let mut by_tp: BTreeMap<&TopicPartition, Vec<&crate::ledger::SendEntry>> = BTreeMap::new();
        for e in self.ledger.sends.values() {
            by_tp.entry(&e.tp).or_default().push(e);
        }
        let mut out = Vec::with_capacity(self.ledger.sends.len());
        for (tp, entries) in by_tp {
            let leader = self
                .leader_of(tp)
                .and_then(|l| self.brokers.get(&l))
                .filter(|b| b.alive);
            let leader_hw = leader
                .and_then(|b| b.replica_manager.partitions.get(tp))
                .map_or(0, |p| p.hw);
            let mut held: BTreeMap<SendId, BTreeMap<BrokerId, Vec<u64>>> = BTreeMap::new();
            for b in self.brokers.values() {
                if let Some(log) = b.replica_manager.logs.get(tp) {
                    for r in log.records() {
                        held.entry(r.send)
                            .or_default()
                            .entry(b.id)
                            .or_default()
                            .push(r.offset);
                    }
                }
            }
            for e in entries {
                let held_by = held.remove(&e.id).unwrap_or_default();
                let leader_offsets = leader
                    .and_then(|b| held_by.get(&b.id))
                    .cloned()
                    .unwrap_or_default();
                let acked = matches!(e.outcome, Outcome::Acked { .. });
                out.push(SendStatus {
                    committed: leader_offsets.iter().any(|&o| o < leader_hw),
                    read: self.ledger.read.contains(&e.id),
                    lost: acked
                        && !self.ledger.deleted.contains(&e.id)
                        && leader.is_some()
                        && leader_offsets.is_empty()
                        && !in_flight.contains(&e.id),
                    duplicated: leader_offsets.len() > 1,
                    deleted: self.ledger.deleted.contains(&e.id),
                    leader_offsets,
                    held_by,
                    entry: e.clone(),
                });
            }
        }
        crate::sort::by_key(&mut out, |s| s.entry.id);
        out
    }

    /// True when no producer is waiting for an answer.
    pub fn producers_idle(&self) -> bool {
        self.producers.values().all(|p| p.is_idle())
    }

    // ---- faults

    /// Cuts the link between two nodes (both ways).
    pub fn cut(&mut self, a: NodeId, b: NodeId) {
        self.faults.cuts.insert((a, b));
        self.faults.cuts.insert((b, a));
    }

    /// Cuts one direction only: messages from `from` to `to` are lost.
    pub fn cut_one_way(&mut self, from: NodeId, to: NodeId) {
        self.faults.cuts.insert((from, to));
    }

    /// Heals one link, or every link and the drop rate when `None`.
    pub fn heal(&mut self, link: Option<(NodeId, NodeId)>) {
        match link {
            Some((a, b)) => {
                self.faults.cuts.remove(&(a, b));
                self.faults.cuts.remove(&(b, a));
            }
            None => {
                self.faults.cuts.clear();
                self.faults.drop_per_million = 0;
            }
        }
    }

    /// Every node a broker can talk to: ZooKeeper and the other brokers.
    pub fn isolate(&mut self, broker: BrokerId) {
        let me = NodeId::Broker(broker);
        let others: Vec<NodeId> = std::iter::once(NodeId::ZooKeeper)
            .chain(self.controllers.keys().map(|&c| NodeId::Controller(c)))
            .chain(
                self.brokers
                    .keys()
                    .filter(|&&b| b != broker)
                    .map(|&b| NodeId::Broker(b)),
            )
            .chain(self.producers.keys().map(|&c| NodeId::Client(c)))
            .chain(self.consumers.keys().map(|&c| NodeId::Client(c)))
            .chain(std::iter::once(ADMIN))
            .collect();
        for o in others {
            self.cut(me, o);
        }
    }

    /// Cuts a client (producer or consumer) off every broker.
    pub fn isolate_client(&mut self, client: NodeId) {
        let brokers: Vec<NodeId> = self.brokers.keys().map(|&b| NodeId::Broker(b)).collect();
        for b in brokers {
            self.cut(client, b);
        }
    }

    /// Makes a broker's replica fetcher wait `ms` before every fetch (0 restores it).
    pub fn slow_broker(&mut self, broker: BrokerId, ms: Millis) -> Result<(), ClusterError> {
        let b = self
            .brokers
            .get_mut(&broker)
            .ok_or(ClusterError::NoSuchBroker(broker))?;
        b.replica_manager.fetch_delay_ms = ms;
        Ok(())
    }
}

/// Runs a handler on one node's state with a fresh context: its result, and the effects and
/// events it asked for (for `Cluster::apply`).
fn handle<T, R>(
    now: Millis,
    rng: &mut SimRng,
    node: &mut T,
    f: impl FnOnce(&mut T, &mut Ctx<'_>) -> R,
) -> (R, Vec<Effect>, Vec<Event>) {
    let (mut out, mut events) = (Vec::new(), Vec::new());
    let mut ctx = Ctx {
        now,
        out: &mut out,
        events: &mut events,
        rng,
    };
    let r = f(node, &mut ctx);
    (r, out, events)
}

/// Removes and returns, in offset order, the writes pending on `tp` that its high watermark
/// `hw` now covers (a coordinator acts on its `__consumer_offsets` / `__transaction_state`
/// records only once they are replicated).
pub(crate) fn take_covered<V>(
    pending: &mut BTreeMap<(TopicPartition, crate::log::Offset), V>,
    tp: &TopicPartition,
    hw: crate::log::Offset,
) -> Vec<V> {
    let keys: Vec<(TopicPartition, crate::log::Offset)> = pending
        .range((tp.clone(), 0)..(tp.clone(), hw))
        .map(|(k, _)| k.clone())
        .collect();
    keys.into_iter()
        .filter_map(|k| pending.remove(&k))
        .collect()
}
