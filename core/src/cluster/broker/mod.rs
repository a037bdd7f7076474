//! A Kafka broker: its ZooKeeper session, its metadata cache and dynamic configs, the admin
//! requests it serves — and, on one broker at a time, the controller. Its managers are their
//! own structs: the replicas (partitions, logs, fetchers, held requests) in
//! [`ReplicaManager`](super::replica::ReplicaManager), the coordinators in
//! [`GroupCoordinator`](super::group::GroupCoordinator) and
//! [`TransactionCoordinator`](super::txn::TransactionCoordinator). The broker routes each
//! message to its manager and hands the replica manager's leadership and high-watermark
//! changes to the coordinators.
//!
//! A killed broker loses everything held in memory (session, metadata, partition roles,
//! fetchers, controllership, requests it was holding) but keeps its disk: its logs and the
//! high watermarks it last checkpointed. A restarted broker registers again and comes back as a
//! follower of every partition it hosts.

mod admin;
mod auto_topic;
mod metadata_cache;
mod zk;

pub use auto_topic::{internal_topic, AutoTopicCreation};
pub use metadata_cache::MetadataCache;
use zk::ping_interval;

use super::controller::Controller;
use super::controller_channel::{ControllerChannel, Registration};
use super::coordinator::CoordinatorLog;
use super::dynamic_config::DynamicConfig;
use super::group::GroupCoordinator;
use super::msg::{ConfigEntity, CreateTopic, Ctx, Msg, PartitionState, SessionId, Timer};
use super::replica::{BrokerView, ReplicaChange, ReplicaManager};
use super::txn::TransactionCoordinator;
use crate::config::BrokerConfig;
use crate::event::Event;
use crate::model::{BrokerId, NodeId, TopicPartition, Uuid};
use crate::sim::Millis;

/// A broker.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
    /// Dynamic broker and topic configs read from ZooKeeper.
    pub configs: DynamicConfig,
    /// The replicas: partitions, logs, replica fetchers, held produce and fetch requests
    /// (Kafka's `ReplicaManager`).
    pub replica_manager: ReplicaManager,
    /// Topic creations waiting for their leaders to appear in the metadata.
    pub(crate) pending_creates: crate::vecmap::VecMap<u64, (NodeId, String)>,
    /// Config changes waiting for ZooKeeper, by request, with the client to answer.
    pub(super) pending_configs: crate::vecmap::VecMap<u64, NodeId>,
    /// The internal topics this broker asked to create on `FindCoordinator`
    /// (`AutoTopicCreationManager`).
    pub auto_topics: AutoTopicCreation,
    /// The transaction coordinator's state.
    pub txn: TransactionCoordinator,
    /// The group coordinator's state (groups of the `__consumer_offsets` partitions it leads).
    pub groups: GroupCoordinator,
    /// The machine's OS page cache (an observer of its log writes and fetch reads; it
    /// survives the Kafka process: see `storage::page_cache`).
    pub page_cache: crate::storage::page_cache::PageCache,
    /// KRaft mode: the broker's lifecycle manager, metadata observer and image (`None` in
    /// ZooKeeper mode).
    pub kraft: Option<Box<crate::kraft::broker::BrokerKraft>>,
}

/// How long a topic creation waits for its leaders (the admin client's `timeout.ms`, 30000).
pub(crate) const CREATE_TOPIC_TIMEOUT_MS: u64 = 30_000;
/// Wait before retrying a registration blocked by an old session, or ZooKeeper out of reach.
const REGISTER_RETRY_MS: u64 = 1_000;

impl Broker {
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
            configs: DynamicConfig::new(id),
            replica_manager: ReplicaManager::new(id),
            pending_creates: crate::vecmap::VecMap::new(),
            pending_configs: crate::vecmap::VecMap::new(),
            auto_topics: AutoTopicCreation::default(),
            txn: TransactionCoordinator::new(id),
            groups: GroupCoordinator::new(id),
            page_cache: Default::default(),
            kraft: None,
        }
    }

    /// What this broker registers with (KRaft's incarnation and saved epoch; ZooKeeper mode
    /// needs the id only).
    pub(crate) fn registration(&self) -> Registration {
        Registration {
            broker: self.id,
            incarnation: self.kraft.as_ref().map_or(Uuid::ZERO, |k| k.incarnation),
            previous_broker_epoch: self.kraft.as_ref().map_or(-1, |k| k.clean_shutdown_epoch),
        }
    }

    /// How this broker reaches the controller now: through ZooKeeper, or in KRaft mode to the
    /// active controller it knows, with its broker epoch.
    pub fn controller_channel(&self) -> ControllerChannel {
        match &self.kraft {
            None => ControllerChannel::ZooKeeper,
            Some(k) => ControllerChannel::Quorum {
                active: k.raft.leader(),
                broker_epoch: k.broker_epoch,
            },
        }
    }

    /// The replica manager, with the broker state it reads (metadata cache, configs) beside it.
    pub(crate) fn split<'a>(
        &'a mut self,
        config: &'a BrokerConfig,
    ) -> (&'a mut ReplicaManager, BrokerView<'a>) {
        let controller = self.controller_channel();
        (
            &mut self.replica_manager,
            BrokerView {
                metadata: &self.metadata,
                configs: &self.configs,
                config,
                controller,
            },
        )
    }

    /// The transaction coordinator, with its narrow access to the replica manager.
    fn txn_split<'a>(
        &'a mut self,
        config: &'a BrokerConfig,
    ) -> (&'a mut TransactionCoordinator, CoordinatorLog<'a>) {
        let view = BrokerView {
            metadata: &self.metadata,
            configs: &self.configs,
            config,
            controller: self.controller_channel(),
        };
        (
            &mut self.txn,
            CoordinatorLog::new(self.id, &mut self.replica_manager, view),
        )
    }

    /// The group coordinator, with its narrow access to the replica manager.
    fn group_split<'a>(
        &'a mut self,
        config: &'a BrokerConfig,
    ) -> (&'a mut GroupCoordinator, CoordinatorLog<'a>) {
        let view = BrokerView {
            metadata: &self.metadata,
            configs: &self.configs,
            config,
            controller: self.controller_channel(),
        };
        (
            &mut self.groups,
            CoordinatorLog::new(self.id, &mut self.replica_manager, view),
        )
    }

    /// Hands the replica manager's leadership and high-watermark changes to the coordinators
    /// (Kafka's `onLeadershipChange` callback and the coordinators' completion of the writes
    /// a high watermark now covers).
    pub(crate) fn route_replica_changes(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig) {
        for change in self.replica_manager.take_changes() {
            match change {
                ReplicaChange::LeaderElected { tp, epoch } => {
                    // `GroupCoordinator.onElection` / `TransactionCoordinator.onElection`.
                    if tp.topic == super::txn::TXN_TOPIC {
                        let (txn, mut log) = self.txn_split(config);
                        txn.load_txn_partition(ctx, &tp, epoch, &mut log);
                    }
                    if tp.topic == super::group::OFFSETS_TOPIC {
                        let (groups, log) = self.group_split(config);
                        groups.load_group_partition(ctx, &tp, &log);
                    }
                }
                ReplicaChange::HighWatermarkAdvanced { tp } => {
                    if tp.topic == super::txn::TXN_TOPIC {
                        let (txn, mut log) = self.txn_split(config);
                        txn.txn_writes_committed(ctx, &tp, &mut log);
                    }
                    if tp.topic == super::group::OFFSETS_TOPIC {
                        let (groups, mut log) = self.group_split(config);
                        groups.offset_writes_committed(ctx, &tp, &mut log);
                    }
                }
            }
        }
    }

    /// The coordinators stop serving a partition this broker no longer leads
    /// (`onResignation`), before its replica becomes a follower.
    fn on_resignation(&mut self, ctx: &mut Ctx<'_>, tp: &TopicPartition, config: &BrokerConfig) {
        if tp.topic == super::txn::TXN_TOPIC {
            let (txn, log) = self.txn_split(config);
            txn.unload_txn_partition(ctx, &log, tp);
        }
        if tp.topic == super::group::OFFSETS_TOPIC {
            let (groups, log) = self.group_split(config);
            groups.unload_group_partition(ctx, tp, &log);
        }
    }

    /// Applies the controller's LeaderAndIsr request (`becomeLeaderOrFollower`).
    pub(crate) fn on_leader_and_isr(
        &mut self,
        ctx: &mut Ctx<'_>,
        controller_epoch: u32,
        partitions: Vec<PartitionState>,
        config: &BrokerConfig,
    ) {
        if controller_epoch < self.metadata.controller_epoch {
            return; // a stale controller's request
        }
        self.metadata.controller_epoch = controller_epoch;
        for ps in partitions {
            if !ps.replicas.contains(&self.id) {
                continue;
            }
            if self.configs.topic_configs.get(ps.tp.topic.as_str()) != Some(&ps.configs) {
                self.set_configs(
                    ConfigEntity::Topic(ps.tp.topic.to_string()),
                    ps.configs.clone(),
                );
            }
            let Some(hw) = self.replica_manager.accept_leader_and_isr(&ps) else {
                continue;
            };
            let tp = ps.tp;
            if ps.state.leader == Some(self.id) {
                self.replica_manager.make_leader(ctx, ps, hw);
                self.route_replica_changes(ctx, config);
                let (rm, view) = self.split(config);
                rm.maybe_increment_hw(ctx, &view, &tp);
                self.route_replica_changes(ctx, config);
            } else {
                self.on_resignation(ctx, &tp, config);
                let (rm, view) = self.split(config);
                rm.make_follower(ctx, &view, ps, hw);
            }
        }
        let (rm, view) = self.split(config);
        rm.fetch_from_all_leaders(ctx, &view);
    }

    /// Leader: a follower fetched (`fetchMessages` from a replica): each partition's fetch
    /// state is updated in turn (the ISR may grow, the high watermark move), then the fetch is
    /// answered or held.
    pub(super) fn on_fetch(
        &mut self,
        ctx: &mut Ctx<'_>,
        replica: BrokerId,
        fetch: u64,
        partitions: Vec<super::msg::FetchPartition>,
        config: &BrokerConfig,
    ) {
        for fp in &partitions {
            let (rm, view) = self.split(config);
            rm.update_follower_fetch_state(ctx, &view, replica, fp);
            self.route_replica_changes(ctx, config);
        }
        let (rm, view) = self.split(config);
        rm.answer_or_hold_fetch(ctx, &view, replica, fetch, partitions);
    }

    /// Leader: a producer's batches, or a coordinator's transaction markers
    /// (`appendRecords`), one partition at a time.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn on_produce(
        &mut self,
        ctx: &mut Ctx<'_>,
        client: NodeId,
        request: u64,
        batches: Vec<super::msg::ProduceBatch>,
        acks: super::msg::Acks,
        timeout_ms: Millis,
        markers: bool,
        config: &BrokerConfig,
    ) {
        self.replica_manager
            .begin_produce(client, request, &batches, acks, markers);
        for batch in batches {
            let (rm, view) = self.split(config);
            rm.append_records(ctx, &view, client, request, batch, acks, timeout_ms);
            self.route_replica_changes(ctx, config);
        }
    }

    /// True if this broker is the active controller.
    pub fn is_controller(&self) -> bool {
        self.controller.is_some()
    }

    /// The value of a broker-level setting that `kafka-configs.sh` may change (see
    /// [`DynamicConfig::broker_config`]).
    pub fn broker_config(&self, name: &str) -> String {
        self.configs.broker_config(name)
    }

    /// The value of a topic config as this broker applies it.
    pub fn topic_config(&self, topic: &str, name: &str) -> String {
        self.configs.topic_config(topic, name)
    }

    /// Replaces the configs of a topic or of the brokers.
    pub fn set_configs(
        &mut self,
        entity: ConfigEntity,
        configs: crate::vecmap::VecMap<String, String>,
    ) {
        self.configs.set_configs(entity, configs);
    }

    /// The topic configs that shape `topic`'s log files, as this broker applies them.
    pub fn segment_config(&self, topic: &str) -> crate::storage::segment::SegmentConfig {
        self.configs.segment_config(topic)
    }

    /// `min.insync.replicas` of `topic`, as this broker applies it.
    pub fn min_insync_replicas(&self, topic: &str) -> usize {
        self.configs.min_insync_replicas(topic)
    }

    /// `replica.lag.time.max.ms` in effect.
    pub fn replica_lag_time_max_ms(&self, config: &BrokerConfig) -> Millis {
        self.configs.replica_lag_time_max_ms(config)
    }

    /// Starts the broker: it connects to ZooKeeper and registers.
    pub fn start(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig) {
        if self.kraft.is_some() {
            return self.start_kraft(ctx, config);
        }
        self.alive = true;
        self.serving = false;
        self.replica_manager.dirty_all = true;
        self.incarnation += 1;
        self.last_zk_contact = ctx.now;
        self.last_register_at = ctx.now;
        ctx.event(Event::BrokerStarted { broker: self.id });
        self.controller_channel()
            .register_broker(ctx, self.registration());
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
            super::replica::retention_check_interval_ms(),
            Timer::RetentionCheck,
        );
    }

    /// Kills the broker: everything in memory is gone, and its open connections close, so the
    /// requests it was holding fail at their senders.
    pub fn kill(&mut self, ctx: &mut Ctx<'_>) {
        self.replica_manager.shutdown(ctx);
        self.txn.kill_txn_coordinator(ctx);
        self.groups.kill_group_coordinator();
        for (&request, (client, name)) in &self.pending_creates {
            let request = Msg::CreateTopics {
                request,
                topic: CreateTopic {
                    name: name.clone(),
                    partitions: 0,
                    replication_factor: 0,
                    configs: crate::vecmap::VecMap::new(),
                },
            };
            ctx.send(*client, Msg::Undeliverable(Box::new(request)));
        }
        self.alive = false;
        self.serving = false;
        self.session = None;
        self.controller = None;
        self.metadata = MetadataCache::default();
        self.configs.clear();
        self.pending_creates.clear();
        self.pending_configs.clear();
        self.auto_topics.clear();
        if let Some(k) = self.kraft.as_mut() {
            let clean = k.shutting_down && k.clean_shutdown_epoch >= 0;
            k.raft.kill();
            k.shutting_down = false;
            if clean {
                ctx.event(Event::KraftBrokerStopped { broker: self.id });
            }
            k.image = Default::default();
            k.broker_epoch = None;
            k.forwarded.clear();
            if !clean {
                ctx.event(Event::KraftBrokerKilled { broker: self.id });
            }
            return;
        }
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
                            self.controller_channel()
                                .register_broker(ctx, self.registration());
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
                            self.controller_channel()
                                .register_broker(ctx, self.registration());
                        }
                    }
                }
            }
            Timer::RetryRegister => {
                if self.session.is_none() {
                    self.controller_channel()
                        .register_broker(ctx, self.registration());
                }
            }
            Timer::CreateTopicTimeout { request } => {
                self.answer_create(ctx, request, Err("The request timed out.".into()));
            }
            Timer::AutoTopicCreationTimeout { request } => self.auto_topic_timed_out(request),
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
            | Timer::RetentionCheck => {
                let (rm, view) = self.split(config);
                rm.on_timer(ctx, &view, timer);
                self.route_replica_changes(ctx, config);
            }
            Timer::TxnTimeoutCheck | Timer::TxnMarkerRetry => {
                let (txn, mut log) = self.txn_split(config);
                txn.on_txn_timer(ctx, timer, &mut log);
            }
            Timer::Group(t) => {
                let (groups, mut log) = self.group_split(config);
                groups.on_group_timer(ctx, t, &mut log);
            }
            Timer::ConsumerFetchWait { client, request } => {
                let (rm, view) = self.split(config);
                rm.on_consumer_fetch_wait(ctx, &view, client, request);
            }
            Timer::ConsumerHeartbeat
            | Timer::ConsumerRetry
            | Timer::ConsumerPollTimeout
            | Timer::ConsumerFetchRetry
            | Timer::ConsumerMetadataMaxAge
            | Timer::ConsumerRequestTimeout { .. }
            | Timer::ConsumerAppPoll { .. } => {}
            Timer::Raft { .. } | Timer::Kraft(_) => self.on_kraft_timer(ctx, timer, config),
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
        let Some(msg) = self.on_auto_topic_message(ctx, from, msg, config) else {
            return;
        };
        let msg = if self.kraft.is_some() {
            match self.on_kraft_message(ctx, from, msg, config) {
                Some(m) => m,
                None => return,
            }
        } else {
            msg
        };
        match msg {
            Msg::Metadata { request } => {
                let (brokers, controller) = self.metadata_brokers_and_controller(request);
                ctx.send(
                    from,
                    Msg::MetadataResponse {
                        request,
                        partitions: self.metadata.leaders(),
                        brokers,
                        controller,
                    },
                );
            }
            Msg::Fetch {
                replica,
                fetch,
                partitions,
            } => self.on_fetch(ctx, replica, fetch, partitions, config),
            Msg::ConsumerFetch { request, fetch } => {
                let (rm, view) = self.split(config);
                rm.on_consumer_fetch(ctx, &view, from, request, fetch);
            }
            Msg::ListOffsets {
                request,
                read_committed,
                partitions,
            } => {
                let (rm, view) = self.split(config);
                rm.on_list_offsets(ctx, &view, from, request, read_committed, partitions);
            }
            Msg::FetchResponse { fetch, partitions } => {
                if let NodeId::Broker(leader) = from {
                    let (rm, view) = self.split(config);
                    rm.on_fetch_response(ctx, &view, leader, fetch, partitions);
                }
            }
            Msg::OffsetsForLeaderEpoch {
                replica,
                tp,
                current_epoch,
                epoch,
            } => self.replica_manager.on_offsets_for_leader_epoch(
                ctx,
                replica,
                tp,
                current_epoch,
                epoch,
            ),
            Msg::OffsetsForLeaderEpochResponse {
                tp,
                current_epoch,
                result,
            } => {
                let (rm, view) = self.split(config);
                rm.on_offsets_for_leader_epoch_response(ctx, &view, tp, current_epoch, result);
            }
            Msg::Produce {
                request,
                batches,
                acks,
                timeout_ms,
            } => self.on_produce(ctx, from, request, batches, acks, timeout_ms, false, config),
            Msg::InitProducerId {
                request,
                transactional_id: None,
            } => {
                let (txn, mut log) = self.txn_split(config);
                txn.on_init_producer_id(ctx, &mut log, from, request);
            }
            Msg::InitProducerId {
                request,
                transactional_id: Some((id, timeout)),
            } => {
                let (txn, mut log) = self.txn_split(config);
                txn.on_init_txn_producer_id(ctx, from, request, id, timeout, &mut log);
            }
            Msg::Group { request, req } => {
                if matches!(req, super::group::GroupRequest::FindCoordinator { .. }) {
                    self.maybe_create_internal_topic(ctx, super::group::OFFSETS_TOPIC, config);
                }
                let (groups, mut log) = self.group_split(config);
                groups.on_group_request(ctx, from, request, req, &mut log);
            }
            Msg::FindCoordinator { request, key } => {
                self.maybe_create_internal_topic(ctx, super::txn::TXN_TOPIC, config);
                let (txn, log) = self.txn_split(config);
                txn.on_find_coordinator(ctx, &log, from, request, &key);
            }
            Msg::AddPartitionsToTxn {
                request,
                transactional_id,
                producer_id,
                epoch,
                partitions,
            } => {
                let (txn, mut log) = self.txn_split(config);
                txn.on_add_partitions_to_txn(
                    ctx,
                    from,
                    request,
                    transactional_id,
                    producer_id,
                    epoch,
                    partitions,
                    &mut log,
                );
            }
            Msg::EndTxn {
                request,
                transactional_id,
                producer_id,
                epoch,
                commit,
            } => {
                let (txn, mut log) = self.txn_split(config);
                txn.on_end_txn(
                    ctx,
                    from,
                    request,
                    transactional_id,
                    producer_id,
                    epoch,
                    commit,
                    &mut log,
                );
            }
            Msg::WriteTxnMarkers { request, batches } => self.on_produce(
                ctx,
                from,
                request,
                batches,
                super::msg::Acks::All,
                30_000,
                true,
                config,
            ),
            Msg::WriteTxnMarkersResponse { request, results } => {
                let (txn, mut log) = self.txn_split(config);
                txn.on_write_txn_markers_response(ctx, request, &results, &mut log);
            }
            Msg::Undeliverable(request) => {
                // A fetch or epoch query to a leader that cannot take it: back off and retry.
                // (The controller's requests to such a broker are superseded when it rejoins.)
                if let NodeId::Broker(leader) = from {
                    match *request {
                        Msg::Fetch { fetch, .. } => {
                            let (rm, view) = self.split(config);
                            rm.on_fetch_failed(ctx, &view, leader, fetch);
                        }
                        Msg::WriteTxnMarkers { request, .. } => {
                            self.txn.on_write_txn_markers_failed(ctx, request)
                        }
                        Msg::OffsetsForLeaderEpoch {
                            tp, current_epoch, ..
                        } => {
                            let (rm, view) = self.split(config);
                            rm.on_offsets_for_leader_epoch_response(
                                ctx,
                                &view,
                                tp,
                                current_epoch,
                                Err(super::msg::KafkaError::NetworkException),
                            );
                        }
                        _ => {}
                    }
                }
            }
            other => self.on_admin_message(ctx, from, other, config),
        }
    }
}
