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

#[cfg(test)]
mod tests;

use crate::sort::Collect as _;
use std::collections::BTreeMap;

use crate::cluster::assignment::assign_replicas_to_brokers;
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}

impl Default for ControllerConfig {
    fn default() -> Self {
        Self {
            broker_heartbeat_interval_ms: 2_000,
            broker_session_timeout_ms: 9_000,
            metadata_max_idle_interval_ms: 500,
            elr: true,
        }
    }
}

/// What a heartbeat answer tells the broker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub offset: u64,
    pub to: NodeId,
    pub msg: Msg,
}

/// The active controller's in-memory state (lost on failover; a new one starts fresh).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Active {
    pub epoch: u32,
    /// `BrokerHeartbeatManager`: when each broker last heartbeated (or registered).
    pub last_contact: BTreeMap<BrokerId, Millis>,
    /// Answers waiting for their records to commit.
    pub pending: Vec<Pending>,
}

/// One controller node: its raft client and its `QuorumController`.
#[derive(Clone, Debug, PartialEq, Eq)]
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

    /// Handles a message.
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, from: NodeId, msg: Msg) {
        match msg {
            Msg::Vote { .. }
            | Msg::VoteResponse { .. }
            | Msg::BeginQuorumEpoch { .. }
            | Msg::BeginQuorumEpochResponse { .. }
            | Msg::RaftFetch { .. }
            | Msg::RaftFetchResponse { .. }
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
            _ => {}
        }
        self.sync(ctx);
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
            let hw = self.raft.high_watermark.min(self.raft.log_end_offset());
            while self.image.offset < hw {
                let e = self.raft.log[self.image.offset as usize].clone();
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
        self.image = MetadataImage::default();
        for e in &self.raft.log {
            self.image.replay(e);
        }
        let last_contact = self
            .image
            .brokers
            .keys()
            .map(|&b| (b, ctx.now))
            .collect_map();
        self.active = Some(Active {
            epoch,
            last_contact,
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
    }

    /// Appends records to the log and replays them at once (the active controller's image
    /// runs ahead of the high watermark). Returns the last offset.
    fn write(&mut self, ctx: &mut Ctx<'_>, records: Vec<MetadataRecord>) -> Option<u64> {
        let start = self.raft.log_end_offset() as usize;
        let last = self.raft.append(ctx, records)?;
        let written: Vec<MetadataEntry> = self.raft.log[start..].to_vec();
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

    /// Every `metadata.max.idle.interval.ms`: a `NoOpRecord`, and fence brokers whose
    /// session expired (`BrokerHeartbeatManager`, `maybeFenceStaleBroker`).
    fn tick(&mut self, ctx: &mut Ctx<'_>) {
        self.write(ctx, vec![MetadataRecord::NoOp]);
        let timeout = self.config.broker_session_timeout_ms;
        let stale: Vec<BrokerId> = {
            let Some(a) = self.active.as_ref() else {
                return;
            };
            self.image
                .brokers
                .iter()
                .filter(|(b, r)| {
                    !r.fenced
                        && a.last_contact
                            .get(b)
                            .is_none_or(|&t| ctx.now.saturating_sub(t) >= timeout)
                })
                .map(|(&b, _)| b)
                .collect()
        };
        for b in stale {
            ctx.event(Event::KraftBrokerFenced {
                controller: self.id,
                broker: b,
                session_timeout_ms: timeout,
            });
            self.fence(ctx, b);
        }
    }

    /// `ClusterControlManager` + `ReplicationControlManager.handleBrokerFenced`: the broker's
    /// registration changes to fenced, it leaves every ISR, and the partitions it led get a
    /// new leader.
    fn fence(&mut self, ctx: &mut Ctx<'_>, broker: BrokerId) {
        let Some(reg) = self.image.brokers.get(&broker).cloned() else {
            return;
        };
        // The partitions' changes first, then the fencing (`handleBrokerFenced`).
        let mut records = Vec::new();
        let change = BrokerChange {
            broker_to_remove: Some(broker),
            broker_to_add: None,
            broker_with_unclean_shutdown: None,
        };
        for (tp, p) in &self.image.partitions {
            if !p.isr.contains(&broker) && p.leader != broker as i32 {
                continue;
            }
            if let Some(c) = self.partition_update(tp, p, &change) {
                self.note_partition_change(ctx, tp, p, &c);
                records.push(MetadataRecord::PartitionChange(c));
            }
        }
        records.push(MetadataRecord::BrokerRegistrationChange {
            broker_id: broker,
            broker_epoch: reg.epoch,
            fenced: 1,
            in_controlled_shutdown: 0,
        });
        self.write(ctx, records);
    }

    /// `ReplicationControlManager.generateLeaderAndIsrUpdates` for one partition, through
    /// `PartitionChangeBuilder` (active brokers: registered and unfenced; the topic's
    /// `min.insync.replicas` and `unclean.leader.election.enable`; ELR as the finalized
    /// `eligible.leader.replicas.version`).
    fn partition_update(
        &self,
        tp: &TopicPartition,
        p: &PartitionRecord,
        change: &BrokerChange,
    ) -> Option<PartitionChangeRecord> {
        let image = &self.image;
        let is_active = |b: BrokerId| {
            image
                .brokers
                .get(&b)
                .is_some_and(|r| !r.fenced && !r.in_controlled_shutdown)
        };
        let (min_isr, unclean) = self.topic_settings(&tp.topic);
        generate_leader_and_isr_update(p, change, is_active, min_isr, self.elr(), unclean)
    }

    fn elr(&self) -> bool {
        self.config.elr
            && self
                .image
                .features
                .get("eligible.leader.replicas.version")
                .is_some_and(|&l| l >= 1)
    }

    /// The topic's `min.insync.replicas` and `unclean.leader.election.enable` (defaults 1,
    /// false).
    fn topic_settings(&self, topic: &str) -> (usize, bool) {
        let configs = self.image.topics.get(topic).map(|t| &t.configs);
        let min_isr = configs
            .and_then(|c| c.get("min.insync.replicas"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        let unclean = configs
            .and_then(|c| c.get("unclean.leader.election.enable"))
            .is_some_and(|v| v == "true");
        (min_isr, unclean)
    }

    fn note_partition_change(
        &self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        p: &PartitionRecord,
        c: &PartitionChangeRecord,
    ) {
        let mut after = p.clone();
        apply(&mut after, c);
        ctx.event(Event::KraftPartitionChanged {
            controller: self.id,
            tp: tp.clone(),
            leader: (after.leader >= 0).then_some(after.leader as BrokerId),
            leader_epoch: after.leader_epoch,
            isr: after.isr.clone(),
            elr: after.eligible_leader_replicas.clone(),
        });
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
            Msg::CreatePartitions { request, .. } => ctx.send(
                from,
                Msg::CreateTopicsResponse {
                    request,
                    name: String::new(),
                    result: Err(UNSUPPORTED.into()),
                },
            ),
            Msg::DeleteTopics { request, .. } => ctx.send(
                from,
                Msg::DeleteTopicsResponse {
                    request,
                    result: Err(UNSUPPORTED.into()),
                },
            ),
            _ => {}
        }
    }

    fn on_broker_registration(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        broker: BrokerId,
        incarnation: Uuid,
        previous_broker_epoch: i64,
    ) {
        let timeout = self.config.broker_session_timeout_ms;
        if let (Some(r), Some(a)) = (self.image.brokers.get(&broker), self.active.as_ref()) {
            // `ClusterControlManager.registerBroker`: a new incarnation is refused while the
            // old one's session is still valid.
            let valid = !r.fenced
                && a.last_contact
                    .get(&broker)
                    .is_some_and(|&t| ctx.now.saturating_sub(t) < timeout);
            if valid && r.incarnation != incarnation {
                ctx.send(
                    from,
                    Msg::BrokerRegistrationResponse {
                        result: Err(KafkaError::DuplicateBrokerRegistration),
                    },
                );
                return;
            }
        }
        if let Some(a) = self.active.as_mut() {
            a.last_contact.insert(broker, ctx.now);
        }
        if let Some(r) = self.image.brokers.get(&broker) {
            if r.incarnation == incarnation {
                // A retry of the same registration: the same answer once committed.
                let epoch = r.epoch;
                self.answer_at(
                    epoch,
                    from,
                    Msg::BrokerRegistrationResponse { result: Ok(epoch) },
                );
                return;
            }
        }
        // Kafka writes the shutdown's PartitionChangeRecords first, then the registration;
        // the broker epoch is the RegisterBrokerRecord's offset.
        let stored_epoch = self
            .image
            .brokers
            .get(&broker)
            .map_or(-2, |r| r.epoch as i64);
        let mut records = self.shutdown_records(ctx, broker, stored_epoch == previous_broker_epoch);
        let offset = self.raft.log_end_offset() + records.len() as u64;
        let record = RegisterBrokerRecord {
            broker_id: broker,
            incarnation_id: incarnation,
            broker_epoch: offset,
            end_points: vec![("PLAINTEXT".into(), "localhost".into(), 9091 + broker as u16)],
            rack: None,
            fenced: true,
            in_controlled_shutdown: false,
            log_dirs: Vec::new(),
            features: crate::kraft::tools::features::kafka_41_features(0)
                .into_iter()
                .map(|f| (f.name, f.supported_min, f.supported_max))
                .collect(),
        };
        ctx.event(Event::KraftBrokerRegistered {
            controller: self.id,
            broker,
            broker_epoch: offset,
        });
        records.push(MetadataRecord::RegisterBroker(record));
        if let Some(o) = self.write(ctx, records) {
            self.answer_at(
                o,
                from,
                Msg::BrokerRegistrationResponse { result: Ok(offset) },
            );
        }
    }

    /// `ReplicationControlManager.handleBrokerShutdown`, run when a broker registers again:
    /// after an unclean shutdown with ELR on, it leaves every ISR and ELR (its log may have
    /// lost unflushed records: KIP-966); otherwise it is handled as fenced.
    fn shutdown_records(
        &self,
        ctx: &mut Ctx<'_>,
        broker: BrokerId,
        clean: bool,
    ) -> Vec<MetadataRecord> {
        let unclean = self.elr() && !clean;
        let change = if unclean {
            BrokerChange {
                broker_to_remove: None,
                broker_to_add: None,
                broker_with_unclean_shutdown: Some(broker),
            }
        } else {
            BrokerChange {
                broker_to_remove: Some(broker),
                broker_to_add: None,
                broker_with_unclean_shutdown: None,
            }
        };
        let mut records = Vec::new();
        for (tp, p) in &self.image.partitions {
            let involved = p.isr.contains(&broker)
                || (unclean && p.eligible_leader_replicas.contains(&broker));
            if !involved {
                continue;
            }
            if let Some(c) = self.partition_update(tp, p, &change) {
                self.note_partition_change(ctx, tp, p, &c);
                records.push(MetadataRecord::PartitionChange(c));
            }
        }
        records
    }

    #[allow(clippy::too_many_arguments)]
    fn on_heartbeat(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        broker: BrokerId,
        broker_epoch: u64,
        offset: u64,
        want_fence: bool,
        want_shut_down: bool,
    ) {
        let Some(reg) = self.image.brokers.get(&broker).cloned() else {
            ctx.send(
                from,
                Msg::BrokerHeartbeatResponse {
                    result: Err(KafkaError::StaleBrokerEpoch),
                },
            );
            return;
        };
        if reg.epoch != broker_epoch {
            ctx.send(
                from,
                Msg::BrokerHeartbeatResponse {
                    result: Err(KafkaError::StaleBrokerEpoch),
                },
            );
            return;
        }
        if let Some(a) = self.active.as_mut() {
            a.last_contact.insert(broker, ctx.now);
        }
        let hw = self.raft.high_watermark;
        let caught_up = offset + 1 >= hw;
        if want_shut_down && !reg.fenced {
            // Controlled shutdown (`handleBrokerInControlledShutdown`): the broker leaves every
            // ISR and its leaderships move (with ELR, into the ELR below min.insync.replicas);
            // once that is committed it may shut down (`SHUTDOWN_NOW`).
            let mut records = Vec::new();
            if !reg.in_controlled_shutdown {
                ctx.event(Event::KraftControlledShutdown {
                    controller: self.id,
                    broker,
                });
                records.push(MetadataRecord::BrokerRegistrationChange {
                    broker_id: broker,
                    broker_epoch,
                    fenced: 0,
                    in_controlled_shutdown: 1,
                });
            }
            let change = BrokerChange {
                broker_to_remove: Some(broker),
                broker_to_add: None,
                broker_with_unclean_shutdown: None,
            };
            for (tp, p) in &self.image.partitions {
                if !p.isr.contains(&broker) && p.leader != broker as i32 {
                    continue;
                }
                if let Some(c) = self.partition_update(tp, p, &change) {
                    self.note_partition_change(ctx, tp, p, &c);
                    records.push(MetadataRecord::PartitionChange(c));
                }
            }
            if records.is_empty() {
                records.push(MetadataRecord::NoOp);
            }
            if let Some(o) = self.write(ctx, records) {
                self.answer_at(
                    o,
                    from,
                    Msg::BrokerHeartbeatResponse {
                        result: Ok(HeartbeatReply {
                            is_fenced: false,
                            is_caught_up: caught_up,
                            should_shut_down: true,
                        }),
                    },
                );
            }
            return;
        }
        // `BrokerHeartbeatManager.calculateNextBrokerState`: a fenced broker is unfenced once
        // its metadata offset reached its own `RegisterBrokerRecord`.
        if reg.fenced && !want_fence && !want_shut_down && offset >= reg.epoch {
            ctx.event(Event::KraftBrokerUnfenced {
                controller: self.id,
                broker,
                metadata_offset: offset,
                register_offset: reg.epoch,
            });
            let mut records = vec![MetadataRecord::BrokerRegistrationChange {
                broker_id: broker,
                broker_epoch,
                fenced: -1,
                in_controlled_shutdown: 0,
            }];
            // `handleBrokerUnfenced`: partitions without a leader whose ISR has this broker
            // get it as leader.
            // (and, with ELR, those where it is an eligible leader replica).
            let change = BrokerChange {
                broker_to_remove: None,
                broker_to_add: Some(broker),
                broker_with_unclean_shutdown: None,
            };
            for (tp, p) in &self.image.partitions {
                let leaderless = p.leader == NO_LEADER
                    && (p.isr.contains(&broker) || p.replicas.contains(&broker));
                if !leaderless && !p.eligible_leader_replicas.contains(&broker) {
                    continue;
                }
                if let Some(c) = self.partition_update(tp, p, &change) {
                    self.note_partition_change(ctx, tp, p, &c);
                    records.push(MetadataRecord::PartitionChange(c));
                }
            }
            if let Some(o) = self.write(ctx, records) {
                self.answer_at(
                    o,
                    from,
                    Msg::BrokerHeartbeatResponse {
                        result: Ok(HeartbeatReply {
                            is_fenced: false,
                            is_caught_up: caught_up,
                            should_shut_down: false,
                        }),
                    },
                );
            }
            return;
        }
        ctx.send(
            from,
            Msg::BrokerHeartbeatResponse {
                result: Ok(HeartbeatReply {
                    is_fenced: reg.fenced,
                    is_caught_up: caught_up,
                    should_shut_down: false,
                }),
            },
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn on_alter_partition(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        broker: BrokerId,
        broker_epoch: u64,
        tp: TopicPartition,
        leader_epoch: u32,
        partition_epoch: u32,
        new_isr: Vec<BrokerId>,
    ) {
        let reply = |ctx: &mut Ctx<'_>, result| {
            ctx.send(
                from,
                Msg::AlterPartitionResponse {
                    tp: tp.clone(),
                    result,
                },
            )
        };
        if self
            .image
            .brokers
            .get(&broker)
            .is_none_or(|r| r.epoch != broker_epoch)
        {
            return reply(ctx, Err(KafkaError::StaleBrokerEpoch));
        }
        let Some(p) = self.image.partitions.get(&tp).cloned() else {
            return reply(ctx, Err(KafkaError::UnknownTopicOrPartition));
        };
        if p.leader != broker as i32 {
            return reply(ctx, Err(KafkaError::NotLeaderOrFollower));
        }
        if leader_epoch < p.leader_epoch {
            return reply(ctx, Err(KafkaError::FencedLeaderEpoch));
        }
        if partition_epoch != p.partition_epoch {
            return reply(ctx, Err(KafkaError::InvalidUpdateVersion));
        }
        // New ISR members must be unfenced (`INELIGIBLE_REPLICA`).
        if new_isr
            .iter()
            .any(|b| !p.isr.contains(b) && self.image.brokers.get(b).is_none_or(|r| r.fenced))
        {
            return reply(ctx, Err(KafkaError::IneligibleReplica));
        }
        if new_isr == p.isr {
            return reply(ctx, Ok(state_of(&p)));
        }
        let image = &self.image;
        let is_active = |b: BrokerId| {
            image
                .brokers
                .get(&b)
                .is_some_and(|r| !r.fenced && !r.in_controlled_shutdown)
        };
        let (min_isr, unclean) = self.topic_settings(&tp.topic);
        let Some(c) = alter_partition(&p, new_isr, 0, is_active, min_isr, self.elr(), unclean)
        else {
            return reply(ctx, Ok(state_of(&p)));
        };
        let mut after = p.clone();
        apply(&mut after, &c);
        self.note_partition_change(ctx, &tp, &p, &c);
        if let Some(o) = self.write(ctx, vec![MetadataRecord::PartitionChange(c)]) {
            self.answer_at(
                o,
                from,
                Msg::AlterPartitionResponse {
                    tp: tp.clone(),
                    result: Ok(state_of(&after)),
                },
            );
        }
    }

    /// `ReplicationControlManager.createTopics`: a `TopicRecord`, the `ConfigRecord`s and
    /// one `PartitionRecord` per partition (replicas placed as ZooKeeper mode places them,
    /// among the unfenced brokers), answered once committed.
    fn on_create_topics(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        topic: CreateTopic,
    ) {
        let fail = |ctx: &mut Ctx<'_>, e: String| {
            ctx.send(
                from,
                Msg::CreateTopicsResponse {
                    request,
                    name: topic.name.clone(),
                    result: Err(e),
                },
            )
        };
        if self.image.topics.contains_key(&topic.name) {
            return fail(ctx, format!("Topic '{}' already exists.", topic.name));
        }
        let brokers = self.image.unfenced();
        let assignment = match assign_replicas_to_brokers(
            &brokers,
            topic.partitions,
            topic.replication_factor,
            None,
            ctx.rng,
        ) {
            Ok(a) => a,
            Err(e) => return fail(ctx, e.message().to_string()),
        };
        let topic_id = Uuid::random(ctx.rng);
        let mut records = vec![MetadataRecord::Topic {
            name: topic.name.clone(),
            topic_id,
        }];
        for (k, v) in &topic.configs {
            records.push(MetadataRecord::Config {
                resource_type: 2,
                resource_name: topic.name.clone(),
                name: k.clone(),
                value: Some(v.clone()),
            });
        }
        for (&partition_id, replicas) in &assignment {
            records.push(MetadataRecord::Partition(PartitionRecord {
                partition_id,
                topic_id,
                replicas: replicas.clone(),
                isr: replicas.clone(),
                removing_replicas: Vec::new(),
                adding_replicas: Vec::new(),
                leader: replicas[0] as i32,
                leader_recovery_state: 0,
                leader_epoch: 0,
                partition_epoch: 0,
                eligible_leader_replicas: Vec::new(),
                last_known_elr: Vec::new(),
                directories: vec![Uuid::ZERO; replicas.len()],
            }));
        }
        ctx.event(Event::TopicCreated {
            topic: topic.name.clone(),
            partitions: topic.partitions,
            replication_factor: topic.replication_factor,
        });
        if let Some(o) = self.write(ctx, records) {
            self.answer_at(
                o,
                from,
                Msg::CreateTopicsResponse {
                    request,
                    name: topic.name.clone(),
                    result: Ok(()),
                },
            );
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
        Msg::AllocateProducerIds { .. } => Msg::Undeliverable(Box::new(msg)),
        _ => return,
    };
    ctx.send(from, reply);
}

/// The ZooKeeper-shaped state of a partition record (the broker's `PartitionState`).
pub fn leader_and_isr(p: &PartitionRecord) -> LeaderAndIsr {
    state_of(p)
}
