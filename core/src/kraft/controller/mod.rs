//! `QuorumController` (Kafka 4.1, `metadata/src/main/java/org/apache/kafka/controller/`):
//! the controller on a controller node. Every controller replays the committed metadata log
//! into its image; the one whose `KafkaRaftClient` leads is the active controller: it
//! serves the brokers' requests by writing records, and answers each request once its
//! records are committed (the high watermark passed them).
//!
//! Its managers, by Kafka's names: `ClusterControlManager` (registrations, fencing),
//! `BrokerHeartbeatManager` (sessions), `ReplicationControlManager` (topics, partitions,
//! `AlterPartition`, leader elections on fencing and unfencing), `FeatureControlManager`
//! (the bootstrap `FeatureLevelRecord`s), `ProducerIdControlManager`.

#![allow(missing_docs)]

pub mod admin;
mod cluster_control;
pub mod placement;
mod replication_control;
#[cfg(test)]
mod tests;

use crate::idxmap::IdxMap;

use crate::cluster::msg::{CreateTopic, Ctx, KafkaError, Msg, Timer};
use crate::event::Event;
use crate::kraft::image::{state_of, MetadataImage};
use crate::kraft::partition_change::{
    alter_partition, apply, generate_leader_and_isr_update, BrokerChange,
};
use crate::kraft::raft::{QuorumConfig, RaftClient};
use crate::kraft::records::{
    MetadataEntry, MetadataRecord, PartitionChangeRecord, PartitionRecord, RegisterBrokerRecord,
    NO_LEADER,
};
use crate::kraft::KraftTimer;
use crate::model::{BrokerId, LeaderAndIsr, NodeId, TopicPartition, Uuid};
use crate::sim::Millis;

/// The controller settings the lab models (4.1 defaults, `KRaftConfigs` /
/// `MetadataLogConfig`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ControllerConfig {
    /// `broker.heartbeat.interval.ms`.
    pub broker_heartbeat_interval_ms: Millis,
    /// `broker.session.timeout.ms`.
    pub broker_session_timeout_ms: Millis,
    /// `metadata.max.idle.interval.ms`: a `NoOpRecord` this often.
    pub metadata_max_idle_interval_ms: Millis,
    /// `eligible.leader.replicas.version` ≥ 1 (on by default for a new 4.1 cluster:
    /// `EligibleLeaderReplicasVersion.LATEST_PRODUCTION = ELRV_1`).
    pub elr: bool,
    /// `auto.leader.rebalance.enable` (default true).
    pub auto_leader_rebalance_enable: bool,
    /// `leader.imbalance.check.interval.seconds` (default 300), in milliseconds.
    pub leader_imbalance_check_interval_ms: Millis,
}

impl Default for ControllerConfig {
    fn default() -> Self {
        Self {
            broker_heartbeat_interval_ms: 2_000,
            broker_session_timeout_ms: 9_000,
            metadata_max_idle_interval_ms: 500,
            elr: true,
            auto_leader_rebalance_enable: true,
            leader_imbalance_check_interval_ms: 300_000,
        }
    }
}

/// What a heartbeat answer tells the broker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HeartbeatReply {
    pub is_fenced: bool,
    pub is_caught_up: bool,
    pub should_shut_down: bool,
}

/// The bootstrap features a fresh 4.1 cluster finalizes (`kafka-storage.sh format` without
/// `--release-version`: each feature's `LATEST_PRODUCTION`), `metadata.version` first.
/// (`share.version` 1 needs `metadata.version` 4.2-IV0, so 4.1 leaves it at 0:
/// `ShareVersion.SV_1`'s bootstrap version.)
pub const BOOTSTRAP_FEATURES: [(&str, i16); 4] = [
    ("metadata.version", 27), // 4.1-IV1
    ("eligible.leader.replicas.version", 1),
    ("group.version", 1),
    ("transaction.version", 2),
];

/// An answer sent once the high watermark passes `offset`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pending {
    pub offset: u64,
    pub to: NodeId,
    pub msg: Msg,
}

/// The active controller's in-memory state (lost on failover; a new one starts fresh).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Active {
    pub epoch: u32,
    /// `BrokerHeartbeatTracker`: when each broker last heartbeated (or registered).
    pub last_contact: IdxMap<BrokerId, Millis>,
    /// `BrokerHeartbeatManager`: each broker's metadata offset from its last heartbeat
    /// (-1 until one came), for `lowestActiveOffset`.
    pub metadata_offset: IdxMap<BrokerId, i64>,
    /// `BrokerHeartbeatState.controlledShutdownOffset`: brokers in controlled shutdown and
    /// the offset its records end at; SHUTDOWN_NOW once every active broker passed it.
    pub controlled_shutdown_offset: IdxMap<BrokerId, u64>,
    /// Answers waiting for their records to commit.
    pub pending: Vec<Pending>,
}

/// One controller node: its raft client and its `QuorumController`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ControllerNode {
    pub id: u32,
    pub alive: bool,
    pub incarnation: u32,
    pub raft: RaftClient,
    pub config: ControllerConfig,
    /// Replayed: the active controller everything it wrote, the others up to the HW.
    pub image: MetadataImage,
    pub active: Option<Active>,
}

impl ControllerNode {
    /// A controller of the quorum `voters`, not started.
    pub fn new(id: u32, voters: Vec<u32>, quorum: QuorumConfig, config: ControllerConfig) -> Self {
        Self {
            id,
            alive: false,
            incarnation: 0,
            raft: RaftClient::voter(id, voters, quorum),
            config,
            image: MetadataImage::default(),
            active: None,
        }
    }

    /// Starts (or restarts) the node: the log and `quorum-state` are on disk.
    pub fn start(&mut self, ctx: &mut Ctx<'_>) {
        self.alive = true;
        self.incarnation += 1;
        self.image = MetadataImage::default();
        self.active = None;
        ctx.event(Event::KraftControllerStarted { node: self.id });
        self.raft.start(ctx);
        self.sync(ctx);
    }

    /// Kills the node.
    pub fn kill(&mut self, ctx: &mut Ctx<'_>) {
        self.alive = false;
        self.raft.kill();
        self.image = MetadataImage::default();
        self.active = None;
        ctx.event(Event::KraftControllerKilled { node: self.id });
    }

    /// `stop-controller`: a clean shutdown (`KafkaRaftClient.shutdown`). As the leader it
    /// resigns and sends `EndQuorumEpoch`; the node stops once it knows a new leader (see
    /// [`RaftClient::shutdown_complete`]).
    pub fn begin_shutdown(&mut self, ctx: &mut Ctx<'_>) {
        if !self.alive || self.raft.shutdown_deadline.is_some() {
            return;
        }
        let epoch = self.raft.epoch;
        let led = self.raft.is_leader();
        let successors = self.raft.begin_shutdown(ctx);
        ctx.event(Event::KraftControllerShuttingDown {
            node: self.id,
            epoch,
            led,
            successors,
        });
        self.sync(ctx);
        self.maybe_stop(ctx);
    }

    /// True while a clean shutdown is under way.
    pub fn shutting_down(&self) -> bool {
        self.alive && self.raft.shutdown_deadline.is_some()
    }

    /// After every step of a clean shutdown: stop once it is complete.
    fn maybe_stop(&mut self, ctx: &mut Ctx<'_>) {
        if !self.alive || !self.raft.shutdown_complete(ctx.now) {
            return;
        }
        let timed_out = self
            .raft
            .shutdown_deadline
            .is_some_and(|d| ctx.now >= d && self.raft.leader().is_none_or(|l| l == self.id));
        self.alive = false;
        self.raft.kill();
        self.image = MetadataImage::default();
        self.active = None;
        ctx.event(Event::KraftControllerStopped {
            node: self.id,
            timed_out,
        });
    }

    /// Handles a message.
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, from: NodeId, msg: Msg) {
        match msg {
            Msg::Vote { .. }
            | Msg::VoteResponse { .. }
            | Msg::BeginQuorumEpoch { .. }
            | Msg::BeginQuorumEpochResponse { .. }
            | Msg::EndQuorumEpoch { .. }
            | Msg::EndQuorumEpochResponse { .. }
            | Msg::RaftFetch { .. }
            | Msg::RaftFetchResponse { .. }
            | Msg::FetchSnapshot { .. }
            | Msg::FetchSnapshotResponse { .. }
            | Msg::Undeliverable(_) => {
                self.raft.on_message(ctx, from, msg);
            }
            other => {
                if self.active.is_none() {
                    not_controller(ctx, from, other, self.raft.leader());
                    return;
                }
                self.on_request(ctx, from, other);
            }
        }
        self.sync(ctx);
        self.maybe_stop(ctx);
    }

    /// Handles a timer.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, timer: Timer) {
        match timer {
            Timer::Raft { gen, timer } => {
                self.raft.on_timer(ctx, gen, timer);
            }
            Timer::Kraft(KraftTimer::ControllerTick { epoch }) => {
                if self.active.as_ref().is_some_and(|a| a.epoch == epoch) {
                    self.tick(ctx);
                    ctx.timer(
                        self.config.metadata_max_idle_interval_ms,
                        Timer::Kraft(KraftTimer::ControllerTick { epoch }),
                    );
                }
            }
            Timer::Kraft(KraftTimer::BalanceLeaders { epoch }) => {
                if self.active.as_ref().is_some_and(|a| a.epoch == epoch) {
                    self.balance_partition_leaders(ctx);
                    self.schedule_balance(ctx, epoch);
                }
            }
            _ => {}
        }
        self.sync(ctx);
        self.maybe_stop(ctx);
    }

    /// After every step: become or stop being the active controller as the raft client
    /// leads or not; replay what is committed; answer what is committed.
    fn sync(&mut self, ctx: &mut Ctx<'_>) {
        let leads = self.raft.is_leader();
        if leads && self.active.is_none() {
            self.activate(ctx);
        } else if !leads && self.active.is_some() {
            // `renounce`: forget the uncommitted state, rebuild from what is committed.
            self.active = None;
            self.image = MetadataImage::default();
        }
        let hw = self.raft.high_watermark;
        if let Some(active) = self.active.as_mut() {
            let (ready, wait): (Vec<Pending>, Vec<Pending>) = std::mem::take(&mut active.pending)
                .into_iter()
                .partition(|p| p.offset < hw);
            active.pending = wait;
            for p in ready {
                ctx.send(p.to, p.msg);
            }
        } else {
            // A snapshot first when the log no longer holds what the image lacks (fetched
            // from the leader, or the latest one after a restart).
            if let Some(snap) = self.raft.snapshot_to_load(self.image.offset) {
                self.image = snap.image();
            }
            let hw = self.raft.high_watermark.min(self.raft.log_end_offset());
            while self.image.offset < hw {
                let Some(e) = self.raft.entry(self.image.offset).cloned() else {
                    break;
                };
                self.image.replay(&e);
            }
        }
    }

    /// `QuorumController.claim`: this node leads. It replays its whole log (what the old
    /// leader wrote is committed by its own `LeaderChange`), gives every registered broker a
    /// fresh session, writes the bootstrap records on a fresh cluster, and starts its
    /// periodic `NoOpRecord`s and session checks.
    fn activate(&mut self, ctx: &mut Ctx<'_>) {
        let epoch = self.raft.epoch;
        // Its latest snapshot, then the log after it.
        self.image = self
            .raft
            .latest_snapshot()
            .map(|s| s.image())
            .unwrap_or_default();
        for e in self.raft.entries_from(self.image.offset) {
            self.image.replay(e);
        }
        // `ClusterControlManager.activate`: every unfenced broker gets a fresh session (a
        // fenced one none: it may register again at once).
        let last_contact = self
            .image
            .brokers
            .iter()
            .filter(|(_, r)| !r.fenced)
            .map(|(&b, _)| (b, ctx.now))
            .collect::<IdxMap<_, _>>();
        let metadata_offset = self
            .image
            .brokers
            .keys()
            .map(|&b| (b, -1))
            .collect::<IdxMap<_, _>>();
        self.active = Some(Active {
            epoch,
            last_contact,
            metadata_offset,
            controlled_shutdown_offset: IdxMap::new(),
            pending: Vec::new(),
        });
        ctx.event(Event::KraftControllerActivated {
            node: self.id,
            epoch,
            offset: self.raft.log_end_offset(),
        });
        if self.image.features.is_empty() {
            let records = BOOTSTRAP_FEATURES
                .iter()
                .map(|(name, level)| MetadataRecord::FeatureLevel {
                    name: (*name).to_string(),
                    feature_level: *level,
                })
                .collect();
            self.write(ctx, records);
        }
        ctx.timer(
            self.config.metadata_max_idle_interval_ms,
            Timer::Kraft(KraftTimer::ControllerTick { epoch }),
        );
        self.schedule_balance(ctx, epoch);
    }

    /// Appends records to the log and replays them at once (the active controller's image
    /// runs ahead of the high watermark). Returns the last offset.
    fn write(&mut self, ctx: &mut Ctx<'_>, records: Vec<MetadataRecord>) -> Option<u64> {
        let start = self.raft.log_end_offset();
        let last = self.raft.append(ctx, records)?;
        let written: Vec<MetadataEntry> = self.raft.entries_from(start).to_vec();
        for e in &written {
            self.image.replay(e);
        }
        Some(last)
    }

    fn answer_at(&mut self, offset: u64, to: NodeId, msg: Msg) {
        if let Some(a) = self.active.as_mut() {
            a.pending.push(Pending { offset, to, msg });
        }
    }

    fn on_request(&mut self, ctx: &mut Ctx<'_>, from: NodeId, msg: Msg) {
        match msg {
            Msg::BrokerRegistration {
                broker,
                incarnation,
                previous_broker_epoch,
            } => self.on_broker_registration(ctx, from, broker, incarnation, previous_broker_epoch),
            Msg::BrokerHeartbeat {
                broker,
                broker_epoch,
                current_metadata_offset,
                want_fence,
                want_shut_down,
            } => self.on_heartbeat(
                ctx,
                from,
                broker,
                broker_epoch,
                current_metadata_offset,
                want_fence,
                want_shut_down,
            ),
            Msg::AlterPartition {
                broker,
                broker_epoch,
                tp,
                leader_epoch,
                partition_epoch,
                new_isr,
            } => self.on_alter_partition(
                ctx,
                from,
                broker,
                broker_epoch,
                tp,
                leader_epoch,
                partition_epoch,
                new_isr,
            ),
            Msg::CreateTopics { request, topic } => {
                self.on_create_topics(ctx, from, request, topic)
            }
            Msg::AllocateProducerIds {
                broker,
                broker_epoch,
            } => {
                let start = self.image.next_producer_id;
                let next = start + crate::cluster::txn::PRODUCER_ID_BLOCK;
                if let Some(offset) = self.write(
                    ctx,
                    vec![MetadataRecord::ProducerIds {
                        broker_id: broker,
                        broker_epoch,
                        next_producer_id: next,
                    }],
                ) {
                    self.answer_at(
                        offset,
                        from,
                        Msg::AllocateProducerIdsResponse {
                            start: start.max(0) as u64,
                        },
                    );
                }
            }
            Msg::CreatePartitions {
                request,
                topic,
                count,
            } => self.on_create_partitions(ctx, from, request, topic, count),
            Msg::DeleteTopics { request, topic } => {
                self.on_delete_topics(ctx, from, request, topic)
            }
            Msg::AlterConfigs {
                request,
                entity,
                configs,
            } => self.on_alter_configs(ctx, from, request, entity, configs),
            Msg::ElectLeaders {
                request,
                election,
                partitions,
            } => self.on_elect_leaders(ctx, from, request, election, partitions),
            _ => {}
        }
    }
}

/// What the lab's KRaft controller refuses (not modelled yet).
pub const UNSUPPORTED: &str =
    "The lab's KRaft controller does not model this request yet (ZooKeeper mode does).";

/// A request to a controller that is not active: `NOT_CONTROLLER`.
fn not_controller(ctx: &mut Ctx<'_>, from: NodeId, msg: Msg, _leader: Option<u32>) {
    let reply = match msg {
        Msg::BrokerRegistration { .. } => Msg::BrokerRegistrationResponse {
            result: Err(KafkaError::NotController),
        },
        Msg::BrokerHeartbeat { .. } => Msg::BrokerHeartbeatResponse {
            result: Err(KafkaError::NotController),
        },
        Msg::AlterPartition { tp, .. } => Msg::AlterPartitionResponse {
            tp,
            result: Err(KafkaError::NotController),
        },
        Msg::CreateTopics { request, topic } => Msg::CreateTopicsResponse {
            request,
            name: topic.name,
            result: Err("NOT_CONTROLLER".into()),
        },
        Msg::AllocateProducerIds { .. }
        | Msg::CreatePartitions { .. }
        | Msg::DeleteTopics { .. }
        | Msg::AlterConfigs { .. }
        | Msg::ElectLeaders { .. } => Msg::Undeliverable(Box::new(msg)),
        _ => return,
    };
    ctx.send(from, reply);
}

/// The ZooKeeper-shaped state of a partition record (the broker's `PartitionState`).
pub fn leader_and_isr(p: &PartitionRecord) -> LeaderAndIsr {
    state_of(p)
}
