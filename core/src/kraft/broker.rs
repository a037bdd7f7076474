//! A broker in KRaft mode (Kafka 4.1's `BrokerServer`): its `BrokerLifecycleManager`
//! (register with the active controller, heartbeat every `broker.heartbeat.interval.ms`,
//! fenced until its metadata caught up with its own registration), its observer
//! `KafkaRaftClient` fetching `__cluster_metadata`, and its `MetadataImage`, applied at the
//! high watermark: each delta drives the same `ReplicaManager` as ZooKeeper mode's
//! LeaderAndIsr (`ReplicaManager.applyDelta` → `makeLeader` / `makeFollower`). ISR changes go
//! to the active controller as `AlterPartition`; `CreateTopics` is forwarded to it.

#![allow(missing_docs)]

use crate::cluster::broker::Broker;
use crate::cluster::controller_channel::{ControllerChannel, Heartbeat, Registration};
use crate::cluster::msg::{ConfigEntity, Ctx, KafkaError, Msg, PartitionState, Timer};
use crate::config::BrokerConfig;
use crate::event::Event;
use crate::kraft::controller::ControllerConfig;
use crate::kraft::image::{Change, MetadataImage};
use crate::kraft::raft::{QuorumConfig, RaftClient};
use crate::kraft::KraftTimer;
use crate::model::{BrokerId, NodeId, TopicPartition, Uuid};

/// How often an unregistered broker tries to register (`BrokerLifecycleManager`'s retry).
const REGISTRATION_RETRY_MS: u64 = 100;

/// `BrokerLifecycleManager`'s states (`BrokerState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lifecycle {
    /// Registering, then catching up with the metadata log (heartbeats every 10 ms, asking
    /// to stay fenced).
    Starting,
    /// Caught up: asking to be unfenced.
    Recovery,
    /// Unfenced: a heartbeat every `broker.heartbeat.interval.ms`.
    Running,
}

/// The broker's KRaft side.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BrokerKraft {
    /// The observer that fetches `__cluster_metadata`.
    pub raft: RaftClient,
    /// The image, applied up to the high watermark: its `offset` is the broker's metadata
    /// offset.
    pub image: MetadataImage,
    /// This start's incarnation id.
    pub incarnation: Uuid,
    /// The broker epoch (its `RegisterBrokerRecord`'s offset), once registered.
    pub broker_epoch: Option<u64>,
    /// As the last heartbeat answer said.
    pub fenced: bool,
    pub config: ControllerConfig,
    /// `CreateTopics` forwarded to the controller: request → client.
    pub forwarded: crate::vecmap::VecMap<u64, NodeId>,
    pub lifecycle: Lifecycle,
    /// The latest scheduled communication (older timers are ignored).
    pub lifecycle_gen: u64,
    /// `stop-broker`: asking the controller for a controlled shutdown.
    pub shutting_down: bool,
    /// A heartbeat answer came since the controlled shutdown began.
    pub got_controlled_shutdown_response: bool,
    /// The broker epoch saved by the last clean shutdown (on disk; `-1` after a crash).
    pub clean_shutdown_epoch: i64,
}

impl BrokerKraft {
    /// The KRaft side of broker `id` in a quorum of `voters`.
    pub fn new(
        id: BrokerId,
        voters: Vec<u32>,
        quorum: QuorumConfig,
        config: ControllerConfig,
    ) -> Self {
        Self {
            raft: RaftClient::observer(id, voters, quorum),
            image: MetadataImage::default(),
            incarnation: Uuid::ZERO,
            broker_epoch: None,
            fenced: true,
            config,
            forwarded: crate::vecmap::VecMap::new(),
            lifecycle: Lifecycle::Starting,
            lifecycle_gen: 0,
            shutting_down: false,
            got_controlled_shutdown_response: false,
            clean_shutdown_epoch: -1,
        }
    }

    /// Schedules the next registration or heartbeat in `after` ms (replacing any other).
    pub(crate) fn schedule(&mut self, ctx: &mut Ctx<'_>, after: u64) {
        self.lifecycle_gen += 1;
        ctx.timer(
            after,
            Timer::Kraft(KraftTimer::BrokerLifecycle {
                gen: self.lifecycle_gen,
            }),
        );
    }

    /// The metadata offset the broker has applied (the last offset in its image, as
    /// `currentMetadataOffset`; 0 before any).
    pub fn metadata_offset(&self) -> u64 {
        self.image.offset.saturating_sub(1)
    }
}

impl Broker {
    /// KRaft: starts the broker: its observer fetches the metadata log, it registers.
    pub(crate) fn start_kraft(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig) {
        self.alive = true;
        self.serving = false;
        self.replica_manager.dirty_all = true;
        self.incarnation += 1;
        ctx.event(Event::KraftBrokerStarted { broker: self.id });
        let k = self.kraft.as_mut().expect("kraft");
        k.incarnation = Uuid::random(ctx.rng);
        k.broker_epoch = None;
        k.fenced = true;
        k.image = MetadataImage::default();
        k.forwarded.clear();
        k.lifecycle = Lifecycle::Starting;
        k.raft.start(ctx);
        k.schedule(ctx, REGISTRATION_RETRY_MS);
        ctx.timer(
            config.replica_high_watermark_checkpoint_interval_ms,
            Timer::HwCheckpoint,
        );
        ctx.timer(
            (config.replica_lag_time_max_ms / 2).max(1),
            Timer::IsrExpiration,
        );
        ctx.timer(
            crate::cluster::replica::retention_check_interval_ms(),
            Timer::RetentionCheck,
        );
    }

    /// KRaft: `stop-broker` (a clean shutdown): the broker asks the active controller for a
    /// controlled shutdown in its next heartbeat, sent now.
    pub(crate) fn begin_controlled_shutdown(&mut self, ctx: &mut Ctx<'_>) {
        if let Some(k) = self.kraft.as_mut() {
            k.shutting_down = true;
            k.got_controlled_shutdown_response = false;
            k.schedule(ctx, 0);
        }
    }

    /// KRaft: the lifecycle timer: register, or heartbeat.
    pub(crate) fn on_kraft_timer(
        &mut self,
        ctx: &mut Ctx<'_>,
        timer: Timer,
        config: &BrokerConfig,
    ) {
        let Some(k) = self.kraft.as_mut() else {
            return;
        };
        match timer {
            Timer::Raft { gen, timer } => {
                if k.raft.on_timer(ctx, gen, timer) {
                    self.apply_committed(ctx, config);
                }
            }
            Timer::Kraft(KraftTimer::BrokerLifecycle { gen }) if gen == k.lifecycle_gen => {
                match (k.broker_epoch, k.raft.leader()) {
                    (_, None) => k.schedule(ctx, REGISTRATION_RETRY_MS),
                    (None, Some(l)) => {
                        let channel = ControllerChannel::Quorum {
                            active: Some(l),
                            broker_epoch: None,
                        };
                        channel.register_broker(
                            ctx,
                            Registration {
                                broker: self.id,
                                incarnation: k.incarnation,
                                // Saved by a clean shutdown (`stop-broker`); -1 after a crash
                                // (`kill-broker` is kill -9).
                                previous_broker_epoch: k.clean_shutdown_epoch,
                            },
                        );
                        // Sent again if no answer comes.
                        k.schedule(ctx, 1_000);
                    }
                    (Some(epoch), Some(l)) => {
                        let channel = ControllerChannel::Quorum {
                            active: Some(l),
                            broker_epoch: Some(epoch),
                        };
                        // Also the controlled shutdown's request (`wantShutDown`).
                        channel.heartbeat(
                            ctx,
                            Heartbeat {
                                broker: self.id,
                                metadata_offset: k.metadata_offset(),
                                want_fence: k.lifecycle == Lifecycle::Starting,
                                want_shut_down: k.shutting_down,
                            },
                        );
                        k.schedule(ctx, k.config.broker_heartbeat_interval_ms);
                    }
                }
            }
            _ => {}
        }
    }

    /// KRaft: handles a message the broker's KRaft side owns; gives back the others.
    pub(crate) fn on_kraft_message(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        msg: Msg,
        config: &BrokerConfig,
    ) -> Option<Msg> {
        let k = self.kraft.as_mut()?;
        match msg {
            Msg::RaftFetchResponse { .. } | Msg::FetchSnapshotResponse { .. } => {
                if k.raft.on_message(ctx, from, msg) {
                    self.apply_committed(ctx, config);
                }
            }
            Msg::Undeliverable(inner)
                if matches!(*inner, Msg::RaftFetch { .. } | Msg::FetchSnapshot { .. }) =>
            {
                k.raft.on_message(ctx, from, Msg::Undeliverable(inner));
            }
            Msg::Undeliverable(inner)
                if matches!(
                    *inner,
                    Msg::BrokerRegistration { .. }
                        | Msg::BrokerHeartbeat { .. }
                        | Msg::AllocateProducerIds { .. }
                ) => {}
            Msg::Undeliverable(inner) if matches!(*inner, Msg::CreateTopics { .. }) => {
                if let Msg::CreateTopics { request, .. } = &*inner {
                    if let Some(client) = k.forwarded.remove(request) {
                        ctx.send(client, Msg::Undeliverable(inner));
                    }
                }
            }
            Msg::Undeliverable(inner) if matches!(*inner, Msg::AlterPartition { .. }) => {
                if let Msg::AlterPartition { tp, .. } = *inner {
                    self.alter_partition_failed(ctx, tp, config);
                }
            }
            Msg::BrokerRegistrationResponse { result } => match result {
                Ok(epoch) => {
                    if k.broker_epoch.is_none() {
                        k.broker_epoch = Some(epoch);
                        // The clean-shutdown file is consumed by the start that read it.
                        k.clean_shutdown_epoch = -1;
                        k.schedule(ctx, 0);
                    }
                }
                // The old incarnation's session is still live (also right after a clean
                // shutdown: Kafka 4.1 keeps the last heartbeat's session): try again after
                // `broker.heartbeat.interval.ms` (`scheduleNextCommunicationAfterFailure`).
                Err(KafkaError::DuplicateBrokerRegistration) => {
                    let retry = k.config.broker_heartbeat_interval_ms;
                    k.schedule(ctx, retry)
                }
                Err(_) => k.schedule(ctx, REGISTRATION_RETRY_MS),
            },
            Msg::BrokerHeartbeatResponse { result } => match result {
                Ok(reply) if reply.should_shut_down && k.shutting_down => {
                    // The controller moved everything away: a clean shutdown, its epoch saved.
                    k.clean_shutdown_epoch = k.broker_epoch.map_or(-1, |e| e as i64);
                    self.kill(ctx);
                }
                Ok(reply) if k.shutting_down => {
                    // PENDING_CONTROLLED_SHUTDOWN, still waiting for the active controller:
                    // the first such answer brings the next heartbeat in 50 ms, later ones
                    // wait the interval.
                    k.fenced = reply.is_fenced;
                    let next = if k.got_controlled_shutdown_response {
                        k.config.broker_heartbeat_interval_ms
                    } else {
                        50
                    };
                    k.got_controlled_shutdown_response = true;
                    k.schedule(ctx, next);
                }
                Ok(reply) => {
                    k.fenced = reply.is_fenced;
                    self.metadata.kraft_route = k.raft.leader().zip(k.broker_epoch);
                    // `BrokerLifecycleManager`: STARTING heartbeats every 10 ms until caught
                    // up, RECOVERY asks to be unfenced at once, RUNNING every interval.
                    let next = match k.lifecycle {
                        Lifecycle::Starting if reply.is_caught_up => {
                            k.lifecycle = Lifecycle::Recovery;
                            0
                        }
                        Lifecycle::Starting => 10,
                        Lifecycle::Recovery if !reply.is_fenced => {
                            k.lifecycle = Lifecycle::Running;
                            k.config.broker_heartbeat_interval_ms
                        }
                        Lifecycle::Recovery => 10,
                        Lifecycle::Running => k.config.broker_heartbeat_interval_ms,
                    };
                    k.schedule(ctx, next);
                }
                Err(KafkaError::StaleBrokerEpoch) => {
                    // The controller does not know this registration: register again.
                    k.broker_epoch = None;
                    k.lifecycle = Lifecycle::Starting;
                    k.schedule(ctx, REGISTRATION_RETRY_MS);
                }
                Err(_) => k.schedule(ctx, REGISTRATION_RETRY_MS),
            },
            Msg::AlterPartitionResponse { tp, result } => match result {
                Ok(state) => {
                    let (rm, view) = self.split(config);
                    rm.on_update_isr_result(ctx, &view, tp, true, state);
                    self.route_replica_changes(ctx, config);
                }
                Err(_) => self.alter_partition_failed(ctx, tp, config),
            },
            Msg::AllocateProducerIdsResponse { start } => {
                return Some(Msg::ZkProducerIdBlock {
                    start: start as i64,
                });
            }
            Msg::CreateTopics { request, topic } => {
                if !self.serving {
                    let m = Msg::CreateTopics { request, topic };
                    ctx.send(from, Msg::Undeliverable(Box::new(m)));
                    return None;
                }
                // Kafka 4 brokers forward admin requests to the active controller.
                let channel = ControllerChannel::Quorum {
                    active: k.raft.leader(),
                    broker_epoch: k.broker_epoch,
                };
                if channel.create_topic(ctx, from, request, topic.clone()) {
                    k.forwarded.insert(request, from);
                } else {
                    let m = Msg::CreateTopics { request, topic };
                    ctx.send(from, Msg::Undeliverable(Box::new(m)));
                }
            }
            Msg::CreateTopicsResponse {
                request,
                name,
                result,
            } if matches!(from, NodeId::Controller(_)) => {
                if let Some(client) = k.forwarded.remove(&request) {
                    if result.as_ref().is_err_and(|e| e == "NOT_CONTROLLER") {
                        // The admin client retries elsewhere.
                        let m = Msg::CreateTopics {
                            request,
                            topic: crate::cluster::msg::CreateTopic {
                                name,
                                partitions: 0,
                                replication_factor: 0,
                                configs: crate::vecmap::VecMap::new(),
                            },
                        };
                        ctx.send(client, Msg::Undeliverable(Box::new(m)));
                    } else if result.is_ok() {
                        // Answered once this broker's metadata has the topic's leaders (as
                        // ZooKeeper mode's `DelayedCreatePartitions`), so the next describe
                        // finds it.
                        self.pending_creates.insert(request, (client, name));
                        ctx.timer(
                            crate::cluster::broker::CREATE_TOPIC_TIMEOUT_MS,
                            Timer::CreateTopicTimeout { request },
                        );
                        self.complete_pending_creates(ctx);
                    } else {
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
            }
            m @ (Msg::CreatePartitions { .. }
            | Msg::DeleteTopics { .. }
            | Msg::AlterConfigs { .. }
            | Msg::ElectLeaders { .. }) => {
                // Kafka 4 brokers forward these admin requests to the active controller.
                let request = admin_request_id(&m);
                match k.raft.leader().filter(|_| self.serving) {
                    Some(l) => {
                        k.forwarded.insert(request, from);
                        ctx.send(NodeId::Controller(l), m);
                    }
                    None => ctx.send(from, Msg::Undeliverable(Box::new(m))),
                }
            }
            m @ (Msg::DeleteTopicsResponse { .. }
            | Msg::AlterConfigsResponse { .. }
            | Msg::ElectLeadersResponse { .. })
                if matches!(from, NodeId::Controller(_)) =>
            {
                if let Some(client) = k.forwarded.remove(&admin_request_id(&m)) {
                    ctx.send(client, m);
                }
            }
            Msg::Undeliverable(inner)
                if matches!(
                    *inner,
                    Msg::CreatePartitions { .. }
                        | Msg::DeleteTopics { .. }
                        | Msg::AlterConfigs { .. }
                        | Msg::ElectLeaders { .. }
                ) =>
            {
                if let Some(client) = k.forwarded.remove(&admin_request_id(&inner)) {
                    ctx.send(client, Msg::Undeliverable(inner));
                }
            }
            other => return Some(other),
        }
        None
    }

    /// An `AlterPartition` failed: the leader forgets its pending ISR and tries again on its
    /// next ISR check.
    fn alter_partition_failed(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: TopicPartition,
        config: &BrokerConfig,
    ) {
        let Some(state) = self.metadata.partitions.get(&tp).map(|p| p.state.clone()) else {
            return;
        };
        let (rm, view) = self.split(config);
        rm.on_update_isr_result(ctx, &view, tp, false, state);
        self.route_replica_changes(ctx, config);
    }

    /// Replays what the high watermark covers into the image and applies the delta
    /// (`BrokerMetadataPublisher` → `ReplicaManager.applyDelta`).
    pub(crate) fn apply_committed(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig) {
        let Some(k) = self.kraft.as_mut() else {
            return;
        };
        let hw = k.raft.high_watermark.min(k.raft.log_end_offset());
        let mut changed: Vec<TopicPartition> = Vec::new();
        let mut brokers_changed = false;
        // A snapshot replacing the image (fetched from the leader, or the latest one after a
        // restart) is applied as the delta between the two images, then the log after it.
        let mut from_snapshot: std::collections::VecDeque<Change> = Default::default();
        if let Some(snap) = k.raft.snapshot_to_load(k.image.offset) {
            let image = snap.image();
            from_snapshot = crate::kraft::snapshot::snapshot_changes(&k.image, &image).into();
            k.image = image;
        }
        loop {
            let change = if let Some(c) = from_snapshot.pop_front() {
                c
            } else if k.image.offset < hw {
                let Some(e) = k.raft.entry(k.image.offset).cloned() else {
                    break;
                };
                k.image.replay(&e)
            } else {
                break;
            };
            match change {
                Change::Partition(tp) => {
                    if !changed.contains(&tp) {
                        changed.push(tp)
                    }
                }
                Change::Broker(_) => brokers_changed = true,
                Change::TopicConfig(t) => {
                    // Effective at once: the log and produce paths read this broker's configs.
                    let configs = k.image.topics.get(&t).map(|z| z.configs.clone());
                    if let Some(configs) = configs {
                        for ps in self.metadata.partitions.values_mut() {
                            if ps.tp.topic == t {
                                std::rc::Rc::make_mut(ps).configs = configs.clone();
                            }
                        }
                        self.configs.set_configs(ConfigEntity::Topic(t), configs);
                    }
                }
                Change::BrokerConfig(entity) => {
                    let configs = k.image.configs_of(&entity);
                    self.configs.set_configs(entity, configs);
                }
                Change::TopicRemoved(tps) => {
                    // `ReplicaManager.applyDelta`: the deleted topic's replicas stop and
                    // their logs are deleted.
                    for tp in &tps {
                        self.metadata.partitions.remove(tp);
                    }
                    changed.retain(|c| !tps.contains(c));
                    self.replica_manager.stop_and_delete_replicas(ctx, &tps);
                }
                Change::None => {}
            }
        }
        if changed.is_empty() && !brokers_changed && self.serving {
            return;
        }
        let image = &k.image;
        self.metadata.live_brokers = image.unfenced().into_iter().collect();
        self.metadata.isr_ineligible = image
            .brokers
            .iter()
            .filter(|(_, r)| r.fenced || r.in_controlled_shutdown)
            .map(|(&b, _)| b)
            .collect();
        self.metadata.kraft_route = k.raft.leader().zip(k.broker_epoch);
        let mut states = Vec::new();
        for tp in &changed {
            let Some(p) = image.partitions.get(tp) else {
                continue;
            };
            let ps = PartitionState {
                tp: *tp,
                topic_id: p.topic_id,
                replicas: p.replicas.clone(),
                state: crate::kraft::image::state_of(p),
                configs: image
                    .topics
                    .get(tp.topic.as_str())
                    .map(|t| t.configs.clone())
                    .unwrap_or_default(),
            };
            self.metadata
                .partitions
                .insert(*tp, std::rc::Rc::new(ps.clone()));
            states.push(ps);
        }
        let caught_up = k.broker_epoch.is_some_and(|e| k.image.offset > e);
        if caught_up && !self.serving {
            // `BrokerServer` starts serving once its metadata caught up with its
            // registration.
            self.serving = true;
        }
        // New leader epochs go through makeLeader / makeFollower; a leader whose ISR the
        // controller changed (same leader epoch, newer partition epoch) takes the new ISR.
        let mut new_epochs = Vec::new();
        for ps in states {
            if !ps.replicas.contains(&self.id) {
                continue;
            }
            let current = self.replica_manager.partitions.get(&ps.tp);
            let newer = current.is_none_or(|p| ps.state.leader_epoch > p.leader_epoch);
            if newer {
                new_epochs.push(ps);
            } else if current.is_some_and(|p| {
                p.leader == Some(self.id)
                    && ps.state.leader == Some(self.id)
                    && ps.state.zk_version > p.zk_version
            }) {
                let (rm, view) = self.split(config);
                rm.on_update_isr_result(ctx, &view, ps.tp, false, ps.state.clone());
                self.route_replica_changes(ctx, config);
            }
        }
        if !new_epochs.is_empty() {
            let epoch = self.metadata.controller_epoch;
            self.on_leader_and_isr(ctx, epoch, new_epochs, config);
        }
        if !changed.is_empty() {
            self.complete_pending_creates(ctx);
        }
    }
}

/// The request id of a forwarded admin request or its answer.
fn admin_request_id(m: &Msg) -> u64 {
    match m {
        Msg::CreatePartitions { request, .. }
        | Msg::DeleteTopics { request, .. }
        | Msg::AlterConfigs { request, .. }
        | Msg::ElectLeaders { request, .. }
        | Msg::DeleteTopicsResponse { request, .. }
        | Msg::AlterConfigsResponse { request }
        | Msg::ElectLeadersResponse { request, .. } => *request,
        _ => u64::MAX,
    }
}
