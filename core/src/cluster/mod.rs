//! The cluster runtime: ZooKeeper, the brokers and the admin client wired to the simulation
//! kernel.
//!
//! [`Cluster`] owns the clock, the event queue, the generator and every node. It pops the next
//! due item (a message arriving or a timer firing), hands it to the node's handler, and turns
//! the handler's effects into new queue items. Everything that changes the cluster goes
//! through here, so a seed plus the commands applied at given virtual times replays a run.

pub mod assignment;
pub mod broker;
pub mod controller;
pub mod msg;
pub mod zookeeper;

use std::collections::{BTreeMap, VecDeque};

use broker::Broker;
use msg::{CreateTopic, Ctx, Effect, Msg, Timer};
use zookeeper::ZooKeeper;

use crate::config::BrokerConfig;
use crate::event::{Event, Logged};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::{EventQueue, Millis, Network, SimRng};

/// The admin client's node id.
pub const ADMIN: NodeId = NodeId::Client(0);
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
    /// True if the receiver was dead and the message was lost.
    pub dropped: bool,
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
}

impl std::fmt::Display for ClusterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClusterError::NoSuchBroker(b) => write!(f, "there is no broker {b}"),
            ClusterError::AlreadyDead(b) => write!(f, "broker {b} is already dead"),
            ClusterError::AlreadyRunning(b) => write!(f, "broker {b} is already running"),
        }
    }
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
    admin_pending: BTreeMap<u64, CreateTopic>,
    admin_responses: BTreeMap<u64, Result<(), String>>,
    log: Vec<Logged>,
    recent: VecDeque<Delivery>,
    /// When the last message on each link arrives: links are FIFO, like TCP connections, so a
    /// later message never overtakes an earlier one however the jitter falls.
    link_clock: BTreeMap<(NodeId, NodeId), Millis>,
    processed: u64,
    dropped: u64,
}

impl Cluster {
    /// A cluster of `brokers` brokers (ids 1..=N), all starting at time 0.
    pub fn new(brokers: u32, seed: u64) -> Self {
        Self::with_config(brokers, seed, BrokerConfig::default(), Network::default())
    }

    /// Like [`Cluster::new`], with explicit broker settings and network.
    pub fn with_config(brokers: u32, seed: u64, config: BrokerConfig, net: Network) -> Self {
        let mut c = Self {
            now: 0,
            queue: EventQueue::default(),
            rng: SimRng::new(seed),
            net,
            zk: ZooKeeper::new(config.zookeeper_session_timeout_ms),
            config,
            brokers: (1..=brokers).map(|id| (id, Broker::new(id))).collect(),
            admin_next_request: 1,
            admin_pending: BTreeMap::new(),
            admin_responses: BTreeMap::new(),
            log: Vec::new(),
            recent: VecDeque::with_capacity(RECENT_DELIVERIES),
            link_clock: BTreeMap::new(),
            processed: 0,
            dropped: 0,
        };
        for id in 1..=brokers {
            c.with_broker(id, |b, ctx| b.start(ctx));
        }
        c
    }

    /// Current virtual time.
    pub fn now(&self) -> Millis {
        self.now
    }

    /// Everything that happened so far.
    pub fn log(&self) -> &[Logged] {
        &self.log
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
                self.with_broker(id, |b, ctx| b.start(ctx));
                Ok(())
            }
        }
    }

    /// The admin client sends a CreateTopics request to the controller (or, if no live broker
    /// knows one, to the lowest live broker). Returns the request id, or `None` if no broker is
    /// alive to take it.
    pub fn admin_create_topic(&mut self, topic: CreateTopic) -> Option<u64> {
        let target = self.admin_target()?;
        let request = self.admin_next_request;
        self.admin_next_request += 1;
        self.send(
            ADMIN,
            NodeId::Broker(target),
            Msg::CreateTopics { request, topic },
        );
        Some(request)
    }

    /// The admin client's answer to `request`, once it has arrived.
    pub fn admin_response(&self, request: u64) -> Option<&Result<(), String>> {
        self.admin_responses.get(&request)
    }

    /// The broker an admin request goes to: the controller, as the live brokers know it.
    fn admin_target(&self) -> Option<BrokerId> {
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
        self.queue.push(
            at,
            Item::Deliver {
                from,
                to,
                sent_at: self.now,
                msg,
            },
        );
    }

    fn incarnation(&self, node: NodeId) -> u32 {
        match node {
            NodeId::Broker(b) => self.brokers.get(&b).map_or(0, |x| x.incarnation),
            _ => 0,
        }
    }

    fn apply(&mut self, node: NodeId, effects: Vec<Effect>, events: Vec<Event>) {
        for e in events {
            self.log.push(Logged {
                at: self.now,
                event: e,
            });
        }
        for eff in effects {
            match eff {
                Effect::Send { to, msg } => self.send(node, to, msg),
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

    fn with_broker(&mut self, id: BrokerId, f: impl FnOnce(&mut Broker, &mut Ctx<'_>)) {
        let (mut out, mut events) = (Vec::new(), Vec::new());
        if let Some(b) = self.brokers.get_mut(&id) {
            let mut ctx = Ctx {
                now: self.now,
                out: &mut out,
                events: &mut events,
                rng: &mut self.rng,
            };
            f(b, &mut ctx);
        }
        self.apply(NodeId::Broker(id), out, events);
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
            } => {
                let alive = match to {
                    NodeId::Broker(id) => self.brokers.get(&id).is_some_and(|b| b.alive),
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
                    dropped: !alive,
                });
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
                    NodeId::Client(_) => match msg {
                        Msg::CreateTopicsResponse {
                            request, result, ..
                        } => {
                            self.admin_pending.remove(&request);
                            self.admin_responses.insert(request, result);
                        }
                        Msg::Undeliverable(inner) => {
                            if let Msg::CreateTopics { request, .. } = *inner {
                                // The admin client refreshes its metadata and retries after
                                // `retry.backoff.ms`.
                                ctx.timer(ADMIN_RETRY_BACKOFF_MS, Timer::AdminRetry { request });
                            }
                        }
                        _ => {}
                    },
                }
                to
            }
            Item::Timer {
                node,
                incarnation,
                timer,
            } => {
                let admin_target = self.admin_target();
                let mut ctx = Ctx {
                    now: self.now,
                    out: &mut out,
                    events: &mut events,
                    rng: &mut self.rng,
                };
                match node {
                    NodeId::ZooKeeper => self.zk.on_timer(&mut ctx, timer),
                    NodeId::Broker(id) => {
                        if let Some(b) = self.brokers.get_mut(&id) {
                            if b.alive && b.incarnation == incarnation {
                                b.on_timer(&mut ctx, timer, &self.config);
                            }
                        }
                    }
                    NodeId::Client(_) => {
                        if let Timer::AdminRetry { request } = timer {
                            if let (Some(topic), Some(target)) =
                                (self.admin_pending.get(&request).cloned(), admin_target)
                            {
                                ctx.send(
                                    NodeId::Broker(target),
                                    Msg::CreateTopics { request, topic },
                                );
                            } else if self.admin_pending.contains_key(&request) {
                                ctx.timer(ADMIN_RETRY_BACKOFF_MS, Timer::AdminRetry { request });
                            }
                        }
                    }
                }
                node
            }
        };
        self.apply(node, out, events);
        #[cfg(debug_assertions)]
        self.check_invariants();
    }

    /// Invariants that must hold after every step (checked in debug builds and tests).
    pub fn check_invariants(&self) {
        for t in self.zk.topics.values() {
            for (p, s) in &t.states {
                let replicas = &t.assignment[p];
                debug_assert!(
                    s.isr.iter().all(|b| replicas.contains(b)),
                    "ISR ⊆ replicas violated for partition {p}: {s:?}"
                );
                debug_assert!(!s.isr.is_empty(), "empty ISR for partition {p}");
                if let Some(l) = s.leader {
                    debug_assert!(s.isr.contains(&l), "leader {l} not in ISR {:?}", s.isr);
                }
            }
        }
        let controllers = self.brokers.values().filter(|b| b.is_controller()).count();
        debug_assert!(controllers <= 1 || self.zk.controller.is_some());
    }
}
