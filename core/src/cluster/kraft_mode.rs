//! The runtime's KRaft side: building a cluster of controllers and brokers in KRaft mode,
//! killing and starting controllers, the metadata the admin client reads, and what the page
//! draws of the quorum (`KraftView`). Kept out of the ZooKeeper-mode paths: each entry point
//! is reached only when [`Cluster::mode`] is KRaft.

use super::msg::{Ctx, TopicZnode};
use super::{handle, Cluster, ClusterError};
use crate::config::BrokerConfig;
use crate::kraft::broker::BrokerKraft;
use crate::kraft::controller::{ControllerConfig, ControllerNode};
use crate::kraft::raft::QuorumConfig;
use crate::kraft::view::{BrokerRegistrationView, ControllerNodeView, KraftView, RaftRole};
use crate::kraft::{MetadataMode, FIRST_CONTROLLER_ID};
use crate::model::{BrokerId, NodeId};
use crate::sim::Network;

impl Cluster {
    /// A cluster in KRaft mode (Kafka 4.1): `brokers` brokers (ids 1..=N) and a quorum of
    /// `controllers` controllers — on their own nodes (ids 3000, 3001, …) or, `combined`,
    /// brokers 1..=K are also the controllers (`process.roles=broker,controller`).
    pub fn kraft(brokers: u32, controllers: u32, combined: bool, seed: u64) -> Self {
        Self::kraft_with(
            brokers,
            controllers,
            combined,
            seed,
            Default::default(),
            BrokerConfig::default(),
        )
    }

    /// A KRaft cluster whose every node (controllers and brokers) uses the metadata log
    /// settings `log` (`metadata.log.max.record.bytes.between.snapshots` …) and the
    /// `server.properties` settings `broker_config` (`--override`: the controllers read
    /// `auto.leader.rebalance.enable` and `leader.imbalance.check.interval.seconds` from
    /// it, as `ControllerServer` does).
    pub fn kraft_with(
        brokers: u32,
        controllers: u32,
        combined: bool,
        seed: u64,
        log: crate::kraft::raft::MetadataLogConfig,
        broker_config: BrokerConfig,
    ) -> Self {
        let mut c = Self::unstarted(brokers, seed, broker_config.clone(), Network::default());
        c.mode = MetadataMode::Kraft;
        // `kafka-storage.sh random-uuid`, then `format -t` on every node.
        c.cluster_id = crate::model::Uuid::random(&mut c.rng);
        c.combined = combined;
        let voters: Vec<u32> = if combined {
            (1..=controllers.min(brokers)).collect()
        } else {
            (0..controllers).map(|i| FIRST_CONTROLLER_ID + i).collect()
        };
        let config = ControllerConfig {
            auto_leader_rebalance_enable: broker_config.auto_leader_rebalance_enable,
            leader_imbalance_check_interval_ms: broker_config.leader_imbalance_check_interval_ms,
            ..ControllerConfig::default()
        };
        let quorum = QuorumConfig::default();
        for &v in &voters {
            c.controllers
                .insert(v, ControllerNode::new(v, voters.clone(), quorum, config));
        }
        for (&id, b) in c.brokers.iter_mut() {
            b.kraft = Some(Box::new(BrokerKraft::new(
                id,
                voters.clone(),
                quorum,
                config,
            )));
        }
        for n in c.controllers.values_mut() {
            n.raft.log_config = log;
        }
        for b in c.brokers.values_mut() {
            if let Some(k) = b.kraft.as_mut() {
                k.raft.log_config = log;
            }
        }
        for &v in &voters {
            c.with_controller(v, |n, ctx| n.start(ctx));
        }
        for id in 1..=brokers {
            let config = c.config.clone();
            c.with_broker(id, |b, ctx| b.start(ctx, &config));
        }
        c
    }

    /// The cluster id every node was formatted with (KRaft; zero in ZooKeeper mode, where
    /// the lab does not model `/cluster/id`).
    pub fn cluster_id(&self) -> crate::model::Uuid {
        self.cluster_id
    }

    /// A node's metadata directory id (`directory.id` in its `meta.properties`), derived
    /// from the cluster id and the node.
    pub fn directory_id(&self, node: NodeId) -> crate::model::Uuid {
        let (kind, id) = match node {
            NodeId::Controller(c) => (1u8, c),
            NodeId::Broker(b) => (2, b),
            _ => (3, 0),
        };
        let mut bytes = self.cluster_id.0;
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = b
                .rotate_left(3)
                .wrapping_add(kind)
                .wrapping_add((id >> ((i % 4) * 8)) as u8)
                .wrapping_mul(31);
        }
        crate::model::Uuid(bytes)
    }

    /// A fresh random uuid from the simulation's generator (`kafka-storage.sh random-uuid`).
    pub fn random_uuid(&mut self) -> crate::model::Uuid {
        crate::model::Uuid::random(&mut self.rng)
    }

    /// The metadata image the admin client's tools read: the first serving broker's, else
    /// the most advanced live controller's.
    pub(crate) fn metadata_image(&self) -> Option<&crate::kraft::image::MetadataImage> {
        let live = self.brokers.values().filter(|b| b.alive);
        live.clone()
            .find(|b| b.serving)
            .or_else(|| live.clone().next())
            .and_then(|b| b.kraft.as_ref())
            .map(|k| &k.image)
            .or_else(|| {
                self.controllers
                    .values()
                    .filter(|c| c.alive)
                    .map(|c| &c.image)
                    .max_by_key(|i| i.offset)
            })
    }

    /// ZooKeeper mode or KRaft.
    pub fn mode(&self) -> MetadataMode {
        self.mode
    }

    /// KRaft combined mode (brokers that are also controllers).
    pub fn is_combined(&self) -> bool {
        self.combined
    }

    pub(super) fn with_controller(
        &mut self,
        id: u32,
        f: impl FnOnce(&mut ControllerNode, &mut Ctx<'_>),
    ) {
        if let Some(c) = self.controllers.get_mut(&id) {
            let ((), out, events) = handle(self.now, &mut self.rng, c, f);
            self.apply(NodeId::Controller(id), out, events);
        }
    }

    /// Kills a controller node (in combined mode, the whole node: broker too).
    pub fn kill_controller(&mut self, id: u32) -> Result<(), ClusterError> {
        if self.combined {
            return self.kill_broker(id);
        }
        match self.controllers.get(&id) {
            None => Err(ClusterError::NoSuchController(id)),
            Some(c) if !c.alive => Err(ClusterError::ControllerAlreadyDead(id)),
            Some(_) => {
                self.with_controller(id, |c, ctx| c.kill(ctx));
                Ok(())
            }
        }
    }

    /// `stop-controller N`: a clean shutdown (`kafka-server-stop.sh`): the leader resigns
    /// with `EndQuorumEpoch`, the node stops once a new leader is known. In combined mode
    /// the whole node: the broker's controlled shutdown first, then the controller's.
    pub fn stop_controller(&mut self, id: u32) -> Result<(), ClusterError> {
        match self.controllers.get(&id) {
            None => Err(ClusterError::NoSuchController(id)),
            Some(c) if !c.alive => Err(ClusterError::ControllerAlreadyDead(id)),
            Some(c) if c.shutting_down() => Err(ClusterError::ControllerShuttingDown(id)),
            Some(_) if self.combined => self.stop_broker(id),
            Some(_) => {
                self.with_controller(id, |c, ctx| c.begin_shutdown(ctx));
                Ok(())
            }
        }
    }

    /// Combined mode, after a broker's step: a broker that just finished its controlled
    /// shutdown hands over to its node's controller, which shuts down cleanly in turn
    /// (`KafkaRaftServer`: the broker, then the controller, then the raft client).
    pub(super) fn after_combined_broker_step(&mut self, id: BrokerId) {
        let broker_down = self.brokers.get(&id).is_some_and(|b| !b.alive);
        if broker_down
            && self
                .controllers
                .get(&id)
                .is_some_and(|c| c.alive && !c.shutting_down())
        {
            self.with_controller(id, |c, ctx| c.begin_shutdown(ctx));
        }
    }

    /// Starts a dead controller node again.
    pub fn start_controller(&mut self, id: u32) -> Result<(), ClusterError> {
        if self.combined {
            return self.start_broker(id);
        }
        match self.controllers.get(&id) {
            None => Err(ClusterError::NoSuchController(id)),
            Some(c) if c.alive => Err(ClusterError::ControllerAlreadyRunning(id)),
            Some(_) => {
                self.with_controller(id, |c, ctx| c.start(ctx));
                Ok(())
            }
        }
    }

    /// `stop-broker N`: a clean shutdown through the active controller (KRaft only).
    pub fn stop_broker(&mut self, id: BrokerId) -> Result<(), ClusterError> {
        match self.brokers.get(&id) {
            None => Err(ClusterError::NoSuchBroker(id)),
            Some(b) if !b.alive => Err(ClusterError::AlreadyDead(id)),
            Some(_) => {
                self.with_broker(id, |b, ctx| b.begin_controlled_shutdown(ctx));
                Ok(())
            }
        }
    }

    /// The active controller (the quorum leader whose `QuorumController` is active).
    pub fn active_controller(&self) -> Option<u32> {
        self.controllers
            .values()
            .filter(|c| c.alive && c.active.is_some())
            .max_by_key(|c| c.raft.epoch)
            .map(|c| c.id)
    }

    /// KRaft: settled when there is an active controller, every live broker is unfenced and
    /// serving, and its metadata caught up with the high watermark.
    pub(super) fn kraft_settled(&self) -> bool {
        let Some(a) = self.active_controller() else {
            return false;
        };
        let c = &self.controllers[&a];
        let hw = c.raft.high_watermark;
        self.brokers.values().filter(|b| b.alive).all(|b| {
            b.serving
                && b.kraft.as_ref().is_some_and(|k| {
                    !k.fenced && k.image.offset + 1 >= hw && c.image.brokers.contains_key(&b.id)
                })
        })
    }

    /// The topics as the admin client sees them: ZooKeeper's znodes in ZooKeeper mode; in
    /// KRaft, a broker's metadata image (the first live broker that has one), else a live
    /// controller's.
    pub(crate) fn topics_meta(&self) -> &crate::vecmap::VecMap<String, TopicZnode> {
        self.metadata_source().topics()
    }

    /// A partition's leader, leader epoch and ISR as the admin client sees them (see
    /// [`Cluster::topics_meta`]).
    pub(crate) fn partition_state(
        &self,
        tp: &crate::model::TopicPartition,
    ) -> Option<&crate::model::LeaderAndIsr> {
        self.topics_meta()
            .get(tp.topic.as_str())?
            .states
            .get(&tp.partition)
    }

    /// What the page draws of the quorum (`None` in ZooKeeper mode).
    pub fn kraft_view(&self) -> Option<KraftView> {
        if self.mode != MetadataMode::Kraft {
            return None;
        }
        let controllers: Vec<ControllerNodeView> = self
            .controllers
            .values()
            .map(|c| ControllerNodeView {
                id: c.id,
                alive: c.alive,
                role: if c.alive {
                    c.raft.role()
                } else {
                    RaftRole::Dead
                },
                epoch: c.raft.epoch,
                voted_for: c.raft.voted_for(),
                log_end_offset: c.raft.log_end_offset(),
                high_watermark: c.raft.high_watermark,
                log_start_offset: c.raft.log_start_offset,
                latest_snapshot: c.raft.latest_snapshot().map(|s| s.end_offset),
                election_timeout_at: if c.alive {
                    c.raft.election_deadline.or(c.raft.fetch_deadline)
                } else {
                    None
                },
            })
            .collect();
        let leader = self
            .controllers
            .values()
            .filter(|c| c.alive && c.raft.is_leader())
            .max_by_key(|c| c.raft.epoch);
        let epoch = self
            .controllers
            .values()
            .filter(|c| c.alive)
            .map(|c| c.raft.epoch)
            .max()
            .unwrap_or(0);
        let active = leader.filter(|c| c.active.is_some());
        let image = active.map(|c| &c.image).or_else(|| {
            self.controllers
                .values()
                .filter(|c| c.alive)
                .map(|c| &c.image)
                .max_by_key(|i| i.offset)
        });
        let timeout = ControllerConfig::default().broker_session_timeout_ms;
        let brokers = self
            .brokers
            .values()
            .map(|b| {
                let reg = image.and_then(|i| i.brokers.get(&b.id));
                BrokerRegistrationView {
                    id: b.id,
                    registered: reg.is_some(),
                    fenced: reg.is_none_or(|r| r.fenced),
                    in_controlled_shutdown: reg.is_some_and(|r| r.in_controlled_shutdown),
                    broker_epoch: reg.map_or(0, |r| r.epoch),
                    metadata_offset: b.kraft.as_ref().map_or(0, |k| k.metadata_offset()),
                    log_start_offset: b.kraft.as_ref().map_or(0, |k| k.raft.log_start_offset),
                    latest_snapshot: b
                        .kraft
                        .as_ref()
                        .and_then(|k| k.raft.latest_snapshot())
                        .map(|s| s.end_offset),
                    session_expires_at: active
                        .and_then(|c| c.active.as_ref())
                        .and_then(|a| a.last_contact.get(&b.id))
                        .filter(|_| reg.is_some_and(|r| !r.fenced))
                        .map(|t| t + timeout),
                }
            })
            .collect();
        Some(KraftView {
            controllers,
            leader: leader.map(|c| c.id),
            epoch,
            high_watermark: leader.map_or(0, |c| c.raft.high_watermark),
            combined: self.combined,
            brokers,
        })
    }
}
