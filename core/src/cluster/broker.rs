//! A Kafka broker: its ZooKeeper session, its metadata cache and dynamic configs, the admin
//! requests it serves, its logs on disk — and, on one broker at a time, the controller.
//! Replication (leader and follower sides) is in [`super::replication`].
//!
//! A killed broker loses everything held in memory (session, metadata, partition roles,
//! fetchers, controllership, requests it was holding) but keeps its disk: its logs and the
//! high watermarks it last checkpointed. A restarted broker registers again and comes back as a
//! follower of every partition it hosts.

use std::collections::{BTreeMap, BTreeSet};

use super::controller::Controller;
use super::msg::{ConfigEntity, CreateTopic, Ctx, Msg, PartitionState, SessionId, Timer};
use super::replication::{DelayedProduces, Fetcher, Partition, ProduceWaits};
use crate::config::{BrokerConfig, DYNAMIC_BROKER_CONFIGS};
use crate::event::Event;
use crate::log::{Log, Offset};
use crate::model::{BrokerId, NodeId, TopicPartition, Uuid};
use crate::sim::Millis;

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

    /// Each partition's leader, if it is alive.
    pub fn leaders(&self) -> BTreeMap<TopicPartition, Option<BrokerId>> {
        self.partitions
            .iter()
            .map(|(tp, p)| {
                let leader = p.state.leader.filter(|l| self.live_brokers.contains(l));
                (tp.clone(), leader)
            })
            .collect()
    }
}

/// An `InitProducerId` waiting for an id: client, request, and the transactional id with its
/// timeout for a transactional producer.
pub type PidWaiter = (NodeId, u64, Option<(String, Millis)>);

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
    /// Serving requests: set when the broker first registers after starting, and kept even if
    /// it later loses its ZooKeeper session (a broker cut off from ZooKeeper goes on serving).
    pub serving: bool,
    /// When the broker last asked ZooKeeper to register it.
    last_register_at: Millis,
    /// When the broker last heard from ZooKeeper.
    pub last_zk_contact: Millis,
    /// The controller, when this broker is it.
    pub controller: Option<Controller>,
    /// The metadata cache.
    pub metadata: MetadataCache,
    /// Dynamic broker configs read from ZooKeeper (`/config/brokers/...`). Change them with
    /// [`Broker::set_configs`] (it keeps the segment-config cache right).
    pub dynamic_configs: BTreeMap<ConfigEntity, BTreeMap<String, String>>,
    /// Topic configs (`/config/topics/T`), loaded with the logs and kept up to date; change
    /// them with [`Broker::set_configs`].
    pub topic_configs: BTreeMap<String, BTreeMap<String, String>>,
    /// Each topic's [`SegmentConfig`](crate::storage::segment::SegmentConfig), worked out from
    /// the configs above on first use (every append and fetch needs it).
    segment_configs: SegmentConfigCache,
    /// On disk: the log of every replica this broker has hosted.
    pub logs: BTreeMap<TopicPartition, Log>,
    /// On disk: `replication-offset-checkpoint`, the high watermarks last written.
    pub hw_checkpoint: BTreeMap<TopicPartition, Offset>,
    /// In memory: the broker's role and state for each of its replicas.
    pub partitions: BTreeMap<TopicPartition, Partition>,
    /// Replica fetchers, by leader broker.
    pub fetchers: BTreeMap<BrokerId, Fetcher>,
    /// A fault: every fetch this broker sends waits this long first (a slow follower).
    pub fetch_delay_ms: Millis,
    /// Topic creations waiting for their leaders to appear in the metadata.
    pub(super) pending_creates: BTreeMap<u64, (NodeId, String)>,
    /// Config changes waiting for ZooKeeper, by request, with the client to answer.
    pub(super) pending_configs: BTreeMap<u64, NodeId>,
    /// As leader: fetches held (long poll), by follower and fetch id.
    pub(super) held_fetches: BTreeMap<(BrokerId, u64), Vec<super::msg::FetchPartition>>,
    /// As leader: consumers' fetches held until `fetch.min.bytes` or `fetch.max.wait.ms`
    /// (`DelayedFetch`), by consumer and request.
    pub(super) held_consumer_fetches: BTreeMap<(NodeId, u64), super::fetch::HeldConsumerFetch>,
    /// As leader: `acks=all` produce requests waiting for the ISR, by client and request.
    pub(super) delayed_produces: DelayedProduces,
    /// Produce requests not yet answered: each partition's result, once known.
    pub(super) produce_waits: ProduceWaits,
    /// The producer ids this broker may hand out (`ProducerIdManager`): next, end.
    pub(super) producer_ids: (i64, i64),
    /// A block of producer ids was asked of ZooKeeper.
    pub(super) producer_ids_asked: bool,
    /// `InitProducerId` requests waiting for a block of ids (with the transactional id and
    /// timeout of a transactional producer's).
    pub(super) producer_id_waiters: Vec<PidWaiter>,
    /// The transaction coordinator's state.
    pub txn: super::txn::TxnCoordinator,
    /// The group coordinator's state (groups of the `__consumer_offsets` partitions it leads).
    pub groups: super::group::GroupCoordinator,
    /// `WriteTxnMarkers` requests being served (answered as such, not as produce requests).
    pub(super) marker_waits: BTreeSet<(NodeId, u64)>,
    /// Id of this broker's next fetch request.
    pub(super) next_fetch: u64,
    /// Partitions whose log, high watermark or role changed since the invariants were last
    /// checked (the checks look at these only).
    pub dirty: BTreeSet<TopicPartition>,
    /// Everything changed (the broker started or died).
    pub dirty_all: bool,
    /// The machine's OS page cache (an observer of its log writes and fetch reads; it
    /// survives the Kafka process: see `storage::page_cache`).
    pub page_cache: crate::storage::page_cache::PageCache,
}

/// How long a topic creation waits for its leaders (the admin client's `timeout.ms`, 30000).
const CREATE_TOPIC_TIMEOUT_MS: u64 = 30_000;
/// Wait before retrying a registration blocked by an old session, or ZooKeeper out of reach.
const REGISTER_RETRY_MS: u64 = 1_000;

/// Producer ids a broker takes from ZooKeeper at a time (`ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE`).
pub const PRODUCER_ID_BLOCK: i64 = 1000;

impl Broker {
    /// Answers `InitProducerId` requests from the block of ids, asking ZooKeeper for a block
    /// when there is none (`ZkProducerIdManager`).
    pub(super) fn hand_out_producer_ids(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig) {
        while !self.producer_id_waiters.is_empty() {
            match self.producer_ids {
                (next, end) if next < end => {
                    let (client, request, txn) = self.producer_id_waiters.remove(0);
                    self.producer_ids = (next + 1, end);
                    ctx.event(Event::ProducerIdAllocated {
                        broker: self.id,
                        producer_id: next,
                    });
                    if let Some((id, timeout)) = txn {
                        self.txn_new_producer_id(ctx, client, request, id, timeout, next, config);
                        continue;
                    }
                    ctx.send(
                        client,
                        Msg::InitProducerIdResponse {
                            request,
                            result: Ok((next, 0)),
                        },
                    );
                }
                _ => {
                    if !self.producer_ids_asked {
                        self.producer_ids_asked = true;
                        ctx.send(NodeId::ZooKeeper, Msg::ZkAllocateProducerIds);
                    }
                    return;
                }
            }
        }
    }

    /// A broker that has not started yet.
    pub fn new(id: BrokerId) -> Self {
        Self {
            id,
            alive: false,
            incarnation: 0,
            session: None,
            serving: false,
            last_register_at: 0,
            last_zk_contact: 0,
            controller: None,
            metadata: MetadataCache::default(),
            dynamic_configs: BTreeMap::new(),
            topic_configs: BTreeMap::new(),
            segment_configs: SegmentConfigCache::default(),
            logs: BTreeMap::new(),
            hw_checkpoint: BTreeMap::new(),
            partitions: BTreeMap::new(),
            fetchers: BTreeMap::new(),
            fetch_delay_ms: 0,
            pending_creates: BTreeMap::new(),
            pending_configs: BTreeMap::new(),
            held_fetches: BTreeMap::new(),
            held_consumer_fetches: BTreeMap::new(),
            delayed_produces: BTreeMap::new(),
            produce_waits: BTreeMap::new(),
            producer_ids: (0, 0),
            producer_ids_asked: false,
            producer_id_waiters: Vec::new(),
            txn: super::txn::TxnCoordinator::default(),
            groups: super::group::GroupCoordinator::default(),
            marker_waits: BTreeSet::new(),
            next_fetch: 0,
            dirty: BTreeSet::new(),
            dirty_all: true,
            page_cache: Default::default(),
        }
    }

    /// True if this broker is the active controller.
    pub fn is_controller(&self) -> bool {
        self.controller.is_some()
    }

    /// The value of a broker-level setting that `kafka-configs.sh` may change: this broker's
    /// dynamic config, else the cluster-wide dynamic default, else the static default.
    pub fn broker_config(&self, name: &str) -> String {
        [ConfigEntity::Broker(self.id), ConfigEntity::BrokerDefault]
            .iter()
            .find_map(|e| self.dynamic_configs.get(e)?.get(name).cloned())
            .or_else(|| {
                DYNAMIC_BROKER_CONFIGS
                    .iter()
                    .find(|c| c.name == name)
                    .map(|c| c.default.to_string())
            })
            .unwrap_or_default()
    }

    /// The value of a topic config as this broker applies it: the topic's override, else the
    /// broker's value for the setting of the same name.
    pub fn topic_config(&self, topic: &str, name: &str) -> String {
        self.topic_configs
            .get(topic)
            .and_then(|c| c.get(name).cloned())
            .or_else(|| {
                [ConfigEntity::Broker(self.id), ConfigEntity::BrokerDefault]
                    .iter()
                    .find_map(|e| self.dynamic_configs.get(e)?.get(name).cloned())
            })
            .or_else(|| {
                DYNAMIC_BROKER_CONFIGS
                    .iter()
                    .find(|c| c.name == name)
                    .map(|c| c.default.to_string())
            })
            .or_else(|| crate::config::static_topic_default(name).map(str::to_string))
            .unwrap_or_default()
    }

    /// Replaces the configs of a topic or of the brokers.
    pub fn set_configs(&mut self, entity: ConfigEntity, configs: BTreeMap<String, String>) {
        self.segment_configs.clear();
        match entity {
            ConfigEntity::Topic(t) => {
                self.topic_configs.insert(t, configs);
            }
            other => {
                self.dynamic_configs.insert(other, configs);
            }
        }
    }

    /// The topic configs that shape `topic`'s log files, as this broker applies them.
    pub fn segment_config(&self, topic: &str) -> crate::storage::segment::SegmentConfig {
        self.hot_configs(topic).0
    }

    /// `min.insync.replicas` of `topic`, as this broker applies it.
    pub fn min_insync_replicas(&self, topic: &str) -> usize {
        self.hot_configs(topic).1
    }

    /// The configs read on every append and fetch, worked out once per config change.
    fn hot_configs(&self, topic: &str) -> (crate::storage::segment::SegmentConfig, usize) {
        if let Some(c) = self.segment_configs.0.borrow().get(topic) {
            return *c;
        }
        let c = (
            self.segment_config_uncached(topic),
            self.topic_config(topic, "min.insync.replicas")
                .parse()
                .unwrap_or(1),
        );
        self.segment_configs
            .0
            .borrow_mut()
            .insert(topic.to_string(), c);
        c
    }

    fn segment_config_uncached(&self, topic: &str) -> crate::storage::segment::SegmentConfig {
        use crate::storage::segment::SegmentConfig;
        let d = SegmentConfig::KAFKA;
        let get = |name: &str, default: i64| -> i64 {
            self.topic_config(topic, name).parse().unwrap_or(default)
        };
        SegmentConfig {
            segment_bytes: u32::try_from(get("segment.bytes", i64::from(d.segment_bytes)))
                .unwrap_or(d.segment_bytes),
            segment_ms: get("segment.ms", d.segment_ms),
            index_interval_bytes: u32::try_from(get(
                "index.interval.bytes",
                i64::from(d.index_interval_bytes),
            ))
            .unwrap_or(d.index_interval_bytes),
            segment_index_bytes: u32::try_from(get(
                "segment.index.bytes",
                i64::from(d.segment_index_bytes),
            ))
            .unwrap_or(d.segment_index_bytes),
            retention_ms: get("retention.ms", d.retention_ms),
            retention_bytes: get("retention.bytes", d.retention_bytes),
        }
    }

    /// `replica.lag.time.max.ms` in effect.
    pub fn replica_lag_time_max_ms(&self, config: &BrokerConfig) -> Millis {
        self.broker_config("replica.lag.time.max.ms")
            .parse()
            .unwrap_or(config.replica_lag_time_max_ms)
    }

    /// Starts the broker: it connects to ZooKeeper and registers.
    pub fn start(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig) {
        self.alive = true;
        self.serving = false;
        self.dirty_all = true;
        self.incarnation += 1;
        self.last_zk_contact = ctx.now;
        self.last_register_at = ctx.now;
        ctx.event(Event::BrokerStarted { broker: self.id });
        ctx.send(NodeId::ZooKeeper, Msg::ZkRegisterBroker { broker: self.id });
        ctx.timer(ping_interval(config), Timer::ZkPing);
        ctx.timer(
            config.replica_high_watermark_checkpoint_interval_ms,
            Timer::HwCheckpoint,
        );
        ctx.timer(
            (config.replica_lag_time_max_ms / 2).max(1),
            Timer::IsrExpiration,
        );
        ctx.timer(
            super::replication::retention_check_interval_ms(),
            Timer::RetentionCheck,
        );
    }

    /// Kills the broker: everything in memory is gone, and its open connections close, so the
    /// requests it was holding fail at their senders.
    pub fn kill(&mut self, ctx: &mut Ctx<'_>) {
        for (&(replica, fetch), partitions) in &self.held_fetches {
            let request = Msg::Fetch {
                replica,
                fetch,
                partitions: partitions.clone(),
            };
            ctx.send(
                NodeId::Broker(replica),
                Msg::Undeliverable(Box::new(request)),
            );
        }
        self.bounce_consumer_fetches(ctx);
        for &(client, request) in self.produce_waits.keys() {
            let request = Msg::Produce {
                request,
                batches: Vec::new(),
                acks: super::msg::Acks::All,
                timeout_ms: 0,
            };
            ctx.send(client, Msg::Undeliverable(Box::new(request)));
        }
        for (client, request, txn) in &self.producer_id_waiters {
            ctx.send(
                *client,
                Msg::Undeliverable(Box::new(Msg::InitProducerId {
                    request: *request,
                    transactional_id: txn.clone(),
                })),
            );
        }
        self.kill_txn_coordinator(ctx);
        self.kill_group_coordinator();
        self.marker_waits.clear();
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
        self.serving = false;
        self.dirty_all = true;
        self.session = None;
        self.controller = None;
        self.metadata = MetadataCache::default();
        self.dynamic_configs.clear();
        self.topic_configs.clear();
        self.segment_configs.clear();
        self.partitions.clear();
        self.fetchers.clear();
        self.pending_creates.clear();
        self.pending_configs.clear();
        self.held_fetches.clear();
        self.delayed_produces.clear();
        self.produce_waits.clear();
        self.producer_ids = (0, 0);
        self.producer_ids_asked = false;
        self.producer_id_waiters.clear();
        ctx.event(Event::BrokerKilled { broker: self.id });
    }

    /// Handles a timer.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, timer: Timer, config: &BrokerConfig) {
        match timer {
            Timer::ZkPing => {
                ctx.timer(ping_interval(config), Timer::ZkPing);
                match self.session {
                    Some(session) => {
                        if ctx.now.saturating_sub(self.last_zk_contact)
                            >= config.zookeeper_session_timeout_ms
                        {
                            // Out of touch for a whole session timeout: ZooKeeper has expired
                            // the session. Start over with a new one (and stop being controller).
                            self.session = None;
                            self.controller = None;
                            self.last_register_at = ctx.now;
                            ctx.event(Event::BrokerLostZkSession { broker: self.id });
                            ctx.send(NodeId::ZooKeeper, Msg::ZkRegisterBroker { broker: self.id });
                        } else {
                            ctx.send(NodeId::ZooKeeper, Msg::ZkPing { session });
                        }
                    }
                    None => {
                        // ZooKeeper out of reach while registering: try again now and then.
                        if ctx.now.saturating_sub(self.last_register_at)
                            >= config.zookeeper_session_timeout_ms
                        {
                            self.last_register_at = ctx.now;
                            ctx.send(NodeId::ZooKeeper, Msg::ZkRegisterBroker { broker: self.id });
                        }
                    }
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
            Timer::LeaderImbalanceCheck => {
                if let Some(c) = self.controller.as_mut() {
                    c.on_imbalance_check(ctx, config);
                }
            }
            Timer::FetchWait { .. }
            | Timer::FetchBackoff { .. }
            | Timer::DelayedFetch { .. }
            | Timer::FetchTimeout { .. }
            | Timer::ProduceTimeout { .. }
            | Timer::IsrExpiration
            | Timer::RetryTruncation { .. }
            | Timer::HwCheckpoint
            | Timer::RetentionCheck => self.on_replication_timer(ctx, timer, config),
            Timer::TxnTimeoutCheck | Timer::TxnMarkerRetry => self.on_txn_timer(ctx, timer, config),
            Timer::Group(t) => self.on_group_timer(ctx, t, config),
            Timer::ConsumerFetchWait { client, request } => {
                self.on_consumer_fetch_wait(ctx, client, request)
            }
            Timer::ConsumerHeartbeat
            | Timer::ConsumerRetry
            | Timer::ConsumerPollTimeout
            | Timer::ConsumerFetchRetry
            | Timer::ConsumerMetadataMaxAge
            | Timer::ConsumerRequestTimeout { .. }
            | Timer::ConsumerAppPoll { .. } => {}
            Timer::SessionCheck { .. }
            | Timer::ZkElection { .. }
            | Timer::AdminRetry { .. }
            | Timer::ProducerWakeup { .. }
            | Timer::ProducerRequestTimeout { .. } => {}
        }
    }

    /// Handles a message.
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, from: NodeId, msg: Msg, config: &BrokerConfig) {
        if from == NodeId::ZooKeeper {
            self.last_zk_contact = ctx.now;
        }
        // A starting broker serves requests only once registered in ZooKeeper (KafkaServer
        // enables request processing at the end of its startup); until then its socket
        // refuses connections.
        if msg.is_request() && !self.serving {
            ctx.send(from, Msg::Undeliverable(Box::new(msg)));
            return;
        }
        match msg {
            Msg::ZkRegistered { session } => {
                self.session = Some(session);
                self.serving = true;
                // Every broker tries to become the controller when it starts.
                ctx.send(
                    NodeId::ZooKeeper,
                    Msg::ZkCreateController {
                        session,
                        broker: self.id,
                    },
                );
            }
            Msg::ZkPong { .. } => {}
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
            Msg::ZkTopicCreated { name, topic } | Msg::ZkPartitionsAdded { name, topic } => {
                // New partitions of a topic go the way of a new topic's: NewPartition →
                // OnlinePartition (`KafkaController.processPartitionModifications`).
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
            Msg::ZkConfigChanged { entity, configs } => {
                if let Some(c) = self.controller.as_mut() {
                    c.on_config_changed(ctx, &entity, &configs);
                }
                self.set_configs(entity, configs);
            }
            Msg::ZkSetConfigResult { request, client } => {
                if self.pending_configs.remove(&request).is_some() {
                    ctx.send(client, Msg::AlterConfigsResponse { request });
                }
            }
            Msg::LeaderAndIsr {
                controller_epoch,
                partitions,
                ..
            } => self.on_leader_and_isr(ctx, controller_epoch, partitions, config),
            Msg::UpdateMetadata {
                controller,
                controller_epoch,
                live_brokers,
                partitions,
                deleted,
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
                for tp in &deleted {
                    self.metadata.partitions.remove(tp);
                }
                self.complete_pending_creates(ctx);
            }
            Msg::Metadata { request } => {
                ctx.send(
                    from,
                    Msg::MetadataResponse {
                        request,
                        partitions: self.metadata.leaders(),
                    },
                );
            }
            Msg::Fetch {
                replica,
                fetch,
                partitions,
            } => self.on_fetch(ctx, replica, fetch, partitions, config),
            Msg::ConsumerFetch { request, fetch } => {
                self.on_consumer_fetch(ctx, from, request, fetch)
            }
            Msg::ListOffsets {
                request,
                read_committed,
                partitions,
            } => self.on_list_offsets(ctx, from, request, read_committed, partitions),
            Msg::FetchResponse { fetch, partitions } => {
                if let NodeId::Broker(leader) = from {
                    self.on_fetch_response(ctx, leader, fetch, partitions, config);
                }
            }
            Msg::OffsetsForLeaderEpoch {
                replica,
                tp,
                current_epoch,
                epoch,
            } => self.on_offsets_for_leader_epoch(ctx, replica, tp, current_epoch, epoch),
            Msg::OffsetsForLeaderEpochResponse {
                tp,
                current_epoch,
                result,
            } => self.on_offsets_for_leader_epoch_response(ctx, tp, current_epoch, result, config),
            Msg::Produce {
                request,
                batches,
                acks,
                timeout_ms,
            } => self.on_produce(ctx, from, request, batches, acks, timeout_ms, config),
            Msg::InitProducerId {
                request,
                transactional_id: None,
            } => {
                self.producer_id_waiters.push((from, request, None));
                self.hand_out_producer_ids(ctx, config);
            }
            Msg::InitProducerId {
                request,
                transactional_id: Some((id, timeout)),
            } => self.on_init_txn_producer_id(ctx, from, request, id, timeout, config),
            Msg::ZkProducerIdBlock { start } => {
                self.producer_ids = (start, start + PRODUCER_ID_BLOCK);
                self.producer_ids_asked = false;
                self.hand_out_producer_ids(ctx, config);
            }
            Msg::Group { request, req } => self.on_group_request(ctx, from, request, req, config),
            Msg::FindCoordinator { request, key } => {
                self.on_find_coordinator(ctx, from, request, &key)
            }
            Msg::AddPartitionsToTxn {
                request,
                transactional_id,
                producer_id,
                epoch,
                partitions,
            } => self.on_add_partitions_to_txn(
                ctx,
                from,
                request,
                transactional_id,
                producer_id,
                epoch,
                partitions,
                config,
            ),
            Msg::EndTxn {
                request,
                transactional_id,
                producer_id,
                epoch,
                commit,
            } => self.on_end_txn(
                ctx,
                from,
                request,
                transactional_id,
                producer_id,
                epoch,
                commit,
                config,
            ),
            Msg::WriteTxnMarkers { request, batches } => {
                self.marker_waits.insert((from, request));
                self.on_produce(
                    ctx,
                    from,
                    request,
                    batches,
                    super::msg::Acks::All,
                    30_000,
                    config,
                );
            }
            Msg::WriteTxnMarkersResponse { request, results } => {
                self.on_write_txn_markers_response(ctx, request, &results, config)
            }
            Msg::Undeliverable(request) => {
                // A fetch or epoch query to a leader that cannot take it: back off and retry.
                // (The controller's requests to such a broker are superseded when it rejoins.)
                if let NodeId::Broker(leader) = from {
                    match *request {
                        Msg::Fetch { fetch, .. } => {
                            self.on_fetch_failed(ctx, leader, fetch, config)
                        }
                        Msg::WriteTxnMarkers { request, .. } => {
                            self.on_write_txn_markers_failed(ctx, request)
                        }
                        Msg::OffsetsForLeaderEpoch {
                            tp, current_epoch, ..
                        } => self.on_offsets_for_leader_epoch_response(
                            ctx,
                            tp,
                            current_epoch,
                            Err(super::msg::KafkaError::NetworkException),
                            config,
                        ),
                        _ => {}
                    }
                }
            }
            Msg::ZkUpdateIsrResult {
                tp,
                accepted,
                state,
            } => self.on_update_isr_result(ctx, tp, accepted, state, config),
            Msg::ZkTopicDeletionMarked { name } => {
                if let Some(c) = self.controller.as_mut() {
                    c.on_topic_deletion_marked(ctx, name);
                }
            }
            Msg::StopReplica {
                controller,
                controller_epoch,
                partitions,
            } => {
                if controller_epoch < self.metadata.controller_epoch {
                    return; // from a deposed controller
                }
                self.stop_and_delete_replicas(ctx, &partitions);
                ctx.send(
                    NodeId::Broker(controller),
                    Msg::StopReplicaResponse { partitions },
                );
            }
            Msg::StopReplicaResponse { partitions } => {
                if let (Some(c), NodeId::Broker(b)) = (self.controller.as_mut(), from) {
                    c.on_stop_replica_response(ctx, b, &partitions);
                }
            }
            Msg::DeleteTopics { request, topic } => ctx.send(
                NodeId::ZooKeeper,
                Msg::ZkDeleteTopic {
                    request,
                    client: from,
                    topic,
                },
            ),
            Msg::ZkDeleteTopicResult {
                request,
                client,
                result,
            } => ctx.send(client, Msg::DeleteTopicsResponse { request, result }),
            Msg::CreatePartitions {
                request,
                topic,
                count,
            } => ctx.send(
                NodeId::ZooKeeper,
                Msg::ZkAddPartitions {
                    request,
                    client: from,
                    topic,
                    count,
                },
            ),
            Msg::CreateTopics { request, topic } => ctx.send(
                NodeId::ZooKeeper,
                Msg::ZkCreateTopic {
                    request,
                    client: from,
                    topic,
                },
            ),
            Msg::AlterConfigs {
                request,
                entity,
                configs,
            } => {
                self.pending_configs.insert(request, from);
                ctx.send(
                    NodeId::ZooKeeper,
                    Msg::ZkSetConfig {
                        request,
                        client: from,
                        entity,
                        configs,
                    },
                );
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

    /// StopReplica with delete: the replicas stop (no more fetching, no more serving) and
    /// their logs leave the disk.
    fn stop_and_delete_replicas(&mut self, ctx: &mut Ctx<'_>, tps: &[TopicPartition]) {
        let mut deleted = 0;
        for tp in tps {
            self.partitions.remove(tp);
            for f in self.fetchers.values_mut() {
                f.partitions.remove(tp);
            }
            self.hw_checkpoint.remove(tp);
            self.delayed_produces.remove(tp);
            if self.logs.remove(tp).is_some() {
                deleted += 1;
            }
            self.dirty.insert(tp.clone());
        }
        if let Some(tp) = tps.first() {
            ctx.event(Event::ReplicasDeleted {
                broker: self.id,
                topic: tp.topic.clone(),
                partitions: deleted,
            });
        }
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
                    .filter(|p| &p.tp.topic == name)
                    .peekable();
                parts.peek().is_some() && parts.all(|p| p.state.leader.is_some())
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
}

/// The ZooKeeper client pings after a third of the session timeout without traffic.
fn ping_interval(config: &BrokerConfig) -> u64 {
    (config.zookeeper_session_timeout_ms / 3).max(1)
}

/// A cache that is not part of a broker's state: two brokers differing only in what they have
/// cached are equal.
#[derive(Clone, Debug, Default)]
struct SegmentConfigCache(
    std::cell::RefCell<BTreeMap<String, (crate::storage::segment::SegmentConfig, usize)>>,
);

impl SegmentConfigCache {
    fn clear(&self) {
        self.0.borrow_mut().clear();
    }
}

impl PartialEq for SegmentConfigCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for SegmentConfigCache {}
