//! A ZooKeeper-era broker's side of ZooKeeper and of the controller: its session and
//! registration, watches, and the controller's `LeaderAndIsr` / `UpdateMetadata` / `StopReplica`.

use super::{Broker, REGISTER_RETRY_MS};
use crate::cluster::controller::Controller;
use crate::cluster::msg::{Ctx, Msg, Timer};
use crate::config::BrokerConfig;
use crate::model::NodeId;

impl Broker {
    /// Handles ZooKeeper's answers and watches and the controller's requests.
    pub(super) fn on_zk_message(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        msg: Msg,
        config: &BrokerConfig,
    ) {
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
                    self.metadata.partitions.insert(p.tp, std::rc::Rc::new(p));
                }
                for tp in &deleted {
                    self.metadata.partitions.remove(tp);
                }
                self.complete_pending_creates(ctx);
            }
            Msg::ZkProducerIdBlock { start } => {
                let (txn, mut log) = self.txn_split(config);
                txn.on_producer_id_block(ctx, &mut log, start);
            }
            Msg::ZkUpdateIsrResult {
                tp,
                accepted,
                state,
            } => {
                let (rm, view) = self.split(config);
                rm.on_update_isr_result(ctx, &view, tp, accepted, state);
                self.route_replica_changes(ctx, config);
            }
            Msg::StopReplica {
                controller,
                controller_epoch,
                partitions,
            } => {
                if controller_epoch < self.metadata.controller_epoch {
                    return; // from a deposed controller
                }
                self.replica_manager
                    .stop_and_delete_replicas(ctx, &partitions);
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
            _ => {}
        }
    }
}

/// The ZooKeeper client pings after a third of the session timeout without traffic.
pub(super) fn ping_interval(config: &BrokerConfig) -> u64 {
    (config.zookeeper_session_timeout_ms / 3).max(1)
}
