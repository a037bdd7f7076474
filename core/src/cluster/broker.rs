//! A Kafka broker: its ZooKeeper session, its metadata cache, the role it plays for each of its
//! replicas (from the controller's LeaderAndIsr requests), and — on one broker at a time — the
//! controller.
//!
//! A killed broker loses everything held in memory (session, metadata, roles, controllership);
//! the replication lab will add the logs it keeps on disk. A restarted broker registers again
//! and comes back as a follower of every partition it hosts.

use std::collections::{BTreeMap, BTreeSet};

use super::controller::Controller;
use super::msg::{CreateTopic, Ctx, Msg, PartitionState, SessionId, Timer};
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
    /// As leader: followers that fetched but are not yet in the ISR (an update is pending).
    pub joining: BTreeSet<BrokerId>,
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
    /// Topic creations waiting for their leaders to appear in the metadata.
    pending_creates: BTreeMap<u64, (NodeId, String)>,
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
            pending_creates: BTreeMap::new(),
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

    /// Kills the broker: everything in memory is gone.
    pub fn kill(&mut self, ctx: &mut Ctx<'_>) {
        self.alive = false;
        self.session = None;
        self.controller = None;
        self.metadata = MetadataCache::default();
        self.replicas.clear();
        self.pending_creates.clear();
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
                if let Some((client, name)) = self.pending_creates.remove(&request) {
                    ctx.send(
                        client,
                        Msg::CreateTopicsResponse {
                            request,
                            name,
                            result: Err("The request timed out.".into()),
                        },
                    );
                }
            }
            Timer::LeaderImbalanceCheck => {
                if let Some(c) = self.controller.as_mut() {
                    c.on_imbalance_check(ctx, config);
                }
            }
            Timer::SessionCheck { .. } => {}
        }
    }

    /// Handles a message.
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, from: NodeId, msg: Msg, config: &BrokerConfig) {
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
            Msg::ZkStatesWritten { writes, .. } => {
                if let Some(c) = self.controller.as_mut() {
                    c.on_states_written(ctx, writes);
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
                tp,
                replica,
                leader_epoch,
            } => self.on_fetch(ctx, tp, replica, leader_epoch),
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
            if let Some((client, name)) = self.pending_creates.remove(&request) {
                ctx.send(
                    client,
                    Msg::CreateTopicsResponse {
                        request,
                        name,
                        result: Ok(()),
                    },
                );
            }
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
                    },
                );
                if let Some(leader) = s.leader {
                    ctx.event(Event::BecameFollower {
                        broker: self.id,
                        tp: ps.tp.clone(),
                        leader,
                        epoch: s.leader_epoch,
                    });
                    // The replica fetcher starts fetching from the new leader.
                    ctx.send(
                        NodeId::Broker(leader),
                        Msg::Fetch {
                            tp: ps.tp.clone(),
                            replica: self.id,
                            leader_epoch: s.leader_epoch,
                        },
                    );
                }
            }
        }
    }

    /// A follower fetched. In this first cut a follower has nothing to catch up on, so its
    /// first fetch in the current epoch puts it back in the ISR (`maybeExpandIsr`).
    fn on_fetch(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: TopicPartition,
        replica: BrokerId,
        leader_epoch: u32,
    ) {
        let id = self.id;
        let Some(r) = self.replicas.get_mut(&tp) else {
            return;
        };
        if r.role != Role::Leader || r.leader_epoch != leader_epoch || r.isr.contains(&replica) {
            return;
        }
        r.joining.insert(replica);
        let pending_update = r.joining.len() > 1;
        if !pending_update {
            let mut isr = r.isr.clone();
            isr.push(replica);
            let new = LeaderAndIsr {
                leader: Some(id),
                leader_epoch: r.leader_epoch,
                isr,
                controller_epoch: self.metadata.controller_epoch,
                zk_version: r.zk_version,
            };
            ctx.send(
                NodeId::ZooKeeper,
                Msg::ZkUpdateIsr {
                    tp,
                    expected_zk_version: r.zk_version,
                    new,
                },
            );
        }
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
        if r.role != Role::Leader
            || state.leader != Some(id)
            || state.leader_epoch != r.leader_epoch
        {
            // Leadership moved on meanwhile; the controller's LeaderAndIsr will say how.
            r.joining.clear();
            return;
        }
        let before = r.isr.clone();
        r.isr = state.isr.clone();
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
        // Followers still waiting go in with the next conditional update, one at a time.
        if let Some(&next) = r.joining.iter().next() {
            let mut isr = r.isr.clone();
            isr.push(next);
            let new = LeaderAndIsr {
                leader: Some(id),
                leader_epoch: r.leader_epoch,
                isr,
                controller_epoch: self.metadata.controller_epoch,
                zk_version: r.zk_version,
            };
            ctx.send(
                NodeId::ZooKeeper,
                Msg::ZkUpdateIsr {
                    tp,
                    expected_zk_version: r.zk_version,
                    new,
                },
            );
        }
    }
}

/// The ZooKeeper client pings after a third of the session timeout without traffic.
fn ping_interval(config: &BrokerConfig) -> u64 {
    (config.zookeeper_session_timeout_ms / 3).max(1)
}
