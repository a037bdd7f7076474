//! The cluster runtime: ZooKeeper, the brokers, the controllers and the clients (producers,
//! consumers, the admin client) wired to the simulation
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
pub mod controller_channel;
pub mod coordinator;
pub mod dynamic_config;
pub mod ensemble;
pub mod group;
pub mod invariants;
pub mod kip848;
pub mod kraft_mode;
pub mod metadata_source;
pub mod msg;
pub mod ownership;
pub mod producer;
pub mod replica;
pub mod txn;
pub mod zookeeper;

mod admin;
mod clients;
mod error;
mod faults;
mod runtime;

pub use admin::{AdminClient, AdminRequest};
pub use error::{ClusterError, ConsumerJoinBlocked};
pub use faults::Faults;

use crate::idxmap::IdxMap;
use std::collections::{BTreeMap, VecDeque};

use broker::Broker;
use msg::{Ctx, Effect, Msg, Timer};
use producer::{ClientVersion, Producer};
use zookeeper::ZooKeeper;

use crate::config::BrokerConfig;
use crate::event::{Event, Logged};
use crate::ledger::Ledger;
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::{EventQueue, Millis, Network, SimRng};

/// The admin client's node id.
pub const ADMIN: NodeId = NodeId::Client(0);
/// Consumers' client numbers start here (producers count from 1).
pub const CONSUMER_BASE: u32 = 10_000;

/// Something due at a virtual instant.
#[derive(Clone, Debug, Hash)]
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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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

/// How many recent deliveries the cluster remembers for drawing.
pub const RECENT_DELIVERIES: usize = 256;

/// A simulated Kafka cluster in ZooKeeper mode.
#[derive(Clone, Debug, Hash)]
pub struct Cluster {
    now: Millis,
    queue: EventQueue<Item>,
    rng: SimRng,
    /// The admin client's own stream: its `Metadata` traffic's network jitter and its retry
    /// backoff's jitter (`cluster::admin`), so that they leave the cluster's random choices
    /// (replica placement, election timeouts, every other message's jitter) where they were.
    admin_rng: SimRng,
    /// The network every message crosses.
    pub(crate) net: Network,
    /// Broker settings shared by every broker.
    pub(crate) config: BrokerConfig,
    /// ZooKeeper.
    pub(crate) zk: ZooKeeper,
    /// Brokers by id.
    pub(crate) brokers: crate::vecmap::VecMap<BrokerId, Broker>,
    /// The admin client (a node: its calls and their answers).
    admin: AdminClient,
    /// Producer clients, by client number (1 and up; 0 is the admin client).
    pub(crate) producers: IdxMap<u32, Producer>,
    /// Consumer clients, by client number ([`CONSUMER_BASE`] and up).
    pub(crate) consumers: IdxMap<u32, consumer::Consumer>,
    /// The Java client version whose defaults new producers take.
    pub(crate) client_version: ClientVersion,
    /// Every record ever sent.
    pub(crate) ledger: Ledger,
    /// Faults in force.
    pub(crate) faults: Faults,
    /// Invariant violations seen so far (checked after every step).
    pub(crate) violations: Vec<invariants::Violation>,
    /// Every consumer's partitions over time (the page's rebalance timeline).
    pub(crate) ownership: ownership::OwnershipLog,
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
    pub(crate) controllers: crate::vecmap::VecMap<u32, crate::kraft::controller::ControllerNode>,
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
    fn unstarted(brokers: u32, seed: u64, mut config: BrokerConfig, net: Network) -> Self {
        // The lab's internal topics take every broker of a smaller cluster (Kafka's 3 would
        // leave a 1- or 2-broker cluster without them).
        let rf = brokers.clamp(1, 3);
        config.offsets_topic_replication_factor = rf;
        config.transaction_state_log_replication_factor = rf;
        config.transaction_state_log_min_isr = config.transaction_state_log_min_isr.min(rf);
        Self {
            now: 0,
            queue: EventQueue::default(),
            rng: SimRng::new(seed),
            admin_rng: SimRng::new(seed ^ 0xAD31_4C1E),
            net,
            zk: ZooKeeper::new(config.zookeeper_session_timeout_ms),
            config,
            brokers: (1..=brokers).map(|id| (id, Broker::new(id))).collect(),
            admin: AdminClient::default(),
            producers: IdxMap::new(),
            consumers: IdxMap::new(),
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
            controllers: crate::vecmap::VecMap::new(),
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
    pub(crate) fn pending(&self) -> impl Iterator<Item = (Millis, &Item)> {
        self.queue.iter().map(|s| (s.at, &s.item))
    }

    /// When the next item is due.
    pub fn next_event_at(&self) -> Option<Millis> {
        self.queue.next_at()
    }

    /// The broker with this id.
    pub(crate) fn broker(&self, id: BrokerId) -> Option<&Broker> {
        self.brokers.get(&id)
    }

    /// The active controller, as ZooKeeper's `/controller` says.
    pub fn controller(&self) -> Option<BrokerId> {
        self.zk.controller.map(|(b, _)| b)
    }

    /// Every broker by id, read-only (the CLI and `crate::view` read them; the page gets views).
    pub(crate) fn brokers(&self) -> &crate::vecmap::VecMap<BrokerId, Broker> {
        &self.brokers
    }

    /// Every send and what its producer was told, read-only.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// KRaft mode's controller nodes by node id, read-only.
    pub(crate) fn controllers(
        &self,
    ) -> &crate::vecmap::VecMap<u32, crate::kraft::controller::ControllerNode> {
        &self.controllers
    }

    /// The client library version new producers and consumers run.
    pub fn client_version(&self) -> ClientVersion {
        self.client_version
    }

    /// The invariant violations seen so far.
    pub fn violations(&self) -> &[invariants::Violation] {
        &self.violations
    }

    /// The current leader of a partition, as the metadata says (ZooKeeper's state znode, or
    /// the KRaft metadata image).
    pub fn leader_of(&self, tp: &TopicPartition) -> Option<BrokerId> {
        self.partition_state(tp)?.leader
    }
}

/// The nodes' state for the integration tests and the benchmark outside this crate
/// (`core/tests`, `core/examples`), which check invariants on Kafka's internals. Not API: the
/// page and the CLI's callers read `crate::view` snapshots; nothing in `web/` calls these.
#[doc(hidden)]
pub mod testing {
    use crate::idxmap::IdxMap;

    use super::{consumer::Consumer, Broker, Cluster, Producer, ZooKeeper};
    use crate::kraft::controller::ControllerNode;
    use crate::model::BrokerId;

    /// Every broker by id.
    pub fn brokers(c: &Cluster) -> &crate::vecmap::VecMap<BrokerId, Broker> {
        &c.brokers
    }

    /// ZooKeeper's data tree.
    pub fn zk(c: &Cluster) -> &ZooKeeper {
        &c.zk
    }

    /// Every producer client by number.
    pub fn producers(c: &Cluster) -> &IdxMap<u32, Producer> {
        &c.producers
    }

    /// Every consumer client by number.
    pub fn consumers(c: &Cluster) -> &IdxMap<u32, Consumer> {
        &c.consumers
    }

    /// KRaft mode's controller nodes by node id.
    pub fn controllers(c: &Cluster) -> &crate::vecmap::VecMap<u32, ControllerNode> {
        &c.controllers
    }

    /// The live broker coordinating `group` (the leader of its `__consumer_offsets` partition).
    pub fn group_coordinator<'a>(c: &'a Cluster, group: &str) -> Option<&'a Broker> {
        c.group_coordinator(group)
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
        .range((*tp, 0)..(*tp, hw))
        .map(|(k, _)| *k)
        .collect();
    keys.into_iter()
        .filter_map(|k| pending.remove(&k))
        .collect()
}
