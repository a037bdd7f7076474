//! The one way a broker talks to "the controller", whichever kind it is.
//!
//! In ZooKeeper mode (Kafka before 4.0) the controller is `KafkaController` inside one broker,
//! and a broker reaches it through ZooKeeper: it writes znodes (an ISR change to the partition's
//! state znode, a producer-id block to `/latest_producer_id_block`) that the controller and the
//! other brokers watch. In KRaft mode (Kafka 4) the controller is the `QuorumController` on the
//! active controller node, and a broker sends it requests (`AlterPartition`,
//! `AllocateProducerIds`) with its broker epoch. A broker's managers ask this one
//! [`ControllerChannel`] and never look at the mode themselves. The broker's own requests go
//! the same way: registration (`/brokers/ids/N` or `BrokerRegistration`), its KRaft heartbeats
//! and controlled shutdown (`BrokerHeartbeat` with `wantShutDown`), and topic creation (the
//! topic's znodes, or `CreateTopics` forwarded to the active controller).

use super::msg::{CreateTopic, Ctx, Msg};
use crate::event::Event;
use crate::kraft::FIRST_CONTROLLER_ID;
use crate::model::{BrokerId, LeaderAndIsr, NodeId, TopicPartition, Uuid};

/// Where a broker's requests to the controller go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ControllerChannel {
    /// ZooKeeper mode: through znodes the controller watches.
    #[default]
    ZooKeeper,
    /// KRaft mode: requests to the active controller, as this broker knows it now.
    Quorum {
        /// The active controller's node id, if the broker knows one.
        active: Option<u32>,
        /// The epoch the controller gave this broker's registration, if registered.
        broker_epoch: Option<u64>,
    },
}

/// An ISR change a partition leader proposes (`AlterPartition` / a conditional znode write).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IsrChange {
    /// The leader proposing it.
    pub leader: BrokerId,
    /// The partition.
    pub tp: TopicPartition,
    /// The leader epoch the leader holds.
    pub leader_epoch: u32,
    /// The partition (znode) version the leader knows.
    pub version: u32,
    /// The controller epoch the leader knows (ZooKeeper mode).
    pub controller_epoch: u32,
    /// The ISR it asks for.
    pub isr: Vec<BrokerId>,
}

/// What a broker registers with (`BrokerRegistrationRequest`; ZooKeeper mode uses the id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Registration {
    /// The broker.
    pub broker: BrokerId,
    /// This start's incarnation id (KRaft).
    pub incarnation: Uuid,
    /// The broker epoch a clean shutdown saved, else -1 (KRaft).
    pub previous_broker_epoch: i64,
}

/// A KRaft `BrokerHeartbeatRequest` (the broker epoch is the channel's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heartbeat {
    /// The broker.
    pub broker: BrokerId,
    /// The metadata offset it has applied.
    pub metadata_offset: u64,
    /// Asking to stay fenced (still catching up).
    pub want_fence: bool,
    /// Asking for a controlled shutdown.
    pub want_shut_down: bool,
}

impl ControllerChannel {
    /// Proposes an ISR change. `route` is the (active controller, broker epoch) the broker
    /// learnt at its last heartbeat answer or metadata update (Kafka's `AlterPartitionManager`
    /// sends to the controller it last knew); without one the change is written as ZooKeeper
    /// mode writes it.
    pub fn alter_isr(ctx: &mut Ctx<'_>, route: Option<(u32, u64)>, change: IsrChange) {
        if let Some((controller, broker_epoch)) = route {
            ctx.send(
                NodeId::Controller(controller),
                Msg::AlterPartition {
                    broker: change.leader,
                    broker_epoch,
                    tp: change.tp,
                    leader_epoch: change.leader_epoch,
                    partition_epoch: change.version,
                    new_isr: change.isr,
                },
            );
            return;
        }
        let new = LeaderAndIsr {
            leader: Some(change.leader),
            leader_epoch: change.leader_epoch,
            isr: change.isr,
            controller_epoch: change.controller_epoch,
            zk_version: change.version,
        };
        ctx.send(
            NodeId::ZooKeeper,
            Msg::ZkUpdateIsr {
                tp: change.tp,
                expected_zk_version: change.version,
                new,
            },
        );
    }

    /// Asks for a new block of producer ids: `ZkProducerIdManager` writes
    /// `/latest_producer_id_block`; `RPCProducerIdManager` sends `AllocateProducerIds`.
    pub fn allocate_producer_ids(self, ctx: &mut Ctx<'_>, broker: BrokerId) {
        match self {
            ControllerChannel::ZooKeeper => {
                ctx.send(NodeId::ZooKeeper, Msg::ZkAllocateProducerIds);
            }
            ControllerChannel::Quorum {
                active,
                broker_epoch,
            } => ctx.send(
                NodeId::Controller(active.unwrap_or(FIRST_CONTROLLER_ID)),
                Msg::AllocateProducerIds {
                    broker,
                    broker_epoch: broker_epoch.unwrap_or(0),
                },
            ),
        }
    }

    /// Registers the broker: ZooKeeper mode creates its ephemeral `/brokers/ids/N` (the
    /// `KafkaController` watches it: broker startup); KRaft sends `BrokerRegistration` to the
    /// active controller (`ClusterControlManager.registerBroker`). Without a known active
    /// controller nothing is sent (the lifecycle manager tries again).
    pub fn register_broker(self, ctx: &mut Ctx<'_>, registration: Registration) {
        match self {
            ControllerChannel::ZooKeeper => ctx.send(
                NodeId::ZooKeeper,
                Msg::ZkRegisterBroker {
                    broker: registration.broker,
                },
            ),
            ControllerChannel::Quorum {
                active: Some(active),
                ..
            } => ctx.send(
                NodeId::Controller(active),
                Msg::BrokerRegistration {
                    broker: registration.broker,
                    incarnation: registration.incarnation,
                    previous_broker_epoch: registration.previous_broker_epoch,
                },
            ),
            ControllerChannel::Quorum { active: None, .. } => {}
        }
    }

    /// KRaft: a `BrokerHeartbeat` to the active controller — also how a broker asks for its
    /// controlled shutdown (`wantShutDown`, answered `shouldShutDown` once the controller
    /// moved its leaderships and fenced it). ZooKeeper mode has no such request: a broker's
    /// liveness is its ZooKeeper session (and the lab's brokers stop there with
    /// `kill-broker`), so nothing is sent.
    pub fn heartbeat(self, ctx: &mut Ctx<'_>, heartbeat: Heartbeat) {
        if let ControllerChannel::Quorum {
            active: Some(active),
            broker_epoch: Some(broker_epoch),
        } = self
        {
            ctx.send(
                NodeId::Controller(active),
                Msg::BrokerHeartbeat {
                    broker: heartbeat.broker,
                    broker_epoch,
                    current_metadata_offset: heartbeat.metadata_offset,
                    want_fence: heartbeat.want_fence,
                    want_shut_down: heartbeat.want_shut_down,
                },
            );
        }
    }

    /// Creates a topic for the admin client `client`: ZooKeeper mode writes its znodes (the
    /// `KafkaController` elects the leaders); KRaft forwards `CreateTopics` to the active
    /// controller (`ReplicationControlManager.createTopics`). `false`: no controller to send
    /// to (the caller answers the client).
    pub fn create_topic(
        self,
        ctx: &mut Ctx<'_>,
        client: NodeId,
        request: u64,
        topic: CreateTopic,
    ) -> bool {
        match self {
            ControllerChannel::ZooKeeper => ctx.send(
                NodeId::ZooKeeper,
                Msg::ZkCreateTopic {
                    request,
                    client,
                    topic,
                },
            ),
            ControllerChannel::Quorum {
                active: Some(active),
                ..
            } => ctx.send(
                NodeId::Controller(active),
                Msg::CreateTopics { request, topic },
            ),
            ControllerChannel::Quorum { active: None, .. } => return false,
        }
        true
    }

    /// The event for a producer id handed out from a block this channel's controller gave.
    pub fn producer_id_allocated(self, broker: BrokerId, producer_id: i64) -> Event {
        match self {
            ControllerChannel::ZooKeeper => Event::ProducerIdAllocated {
                broker,
                producer_id,
            },
            ControllerChannel::Quorum { .. } => Event::KraftProducerIdAllocated {
                broker,
                producer_id,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Lab;
    use crate::cluster::msg::Effect;

    fn sent(f: impl FnOnce(&mut Ctx<'_>)) -> Vec<(NodeId, Msg)> {
        let ((), out, _) = Ctx::test_run(0, f);
        out.into_iter()
            .filter_map(|e| match e {
                Effect::Send { to, msg } => Some((to, msg)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn producer_id_blocks_come_from_zookeeper_or_the_active_controller() {
        let zk = sent(|ctx| ControllerChannel::ZooKeeper.allocate_producer_ids(ctx, 1));
        assert_eq!(zk, vec![(NodeId::ZooKeeper, Msg::ZkAllocateProducerIds)]);
        let quorum = ControllerChannel::Quorum {
            active: Some(3001),
            broker_epoch: Some(7),
        };
        let kraft = sent(|ctx| quorum.allocate_producer_ids(ctx, 2));
        assert_eq!(
            kraft,
            vec![(
                NodeId::Controller(3001),
                Msg::AllocateProducerIds {
                    broker: 2,
                    broker_epoch: 7
                }
            )]
        );
        assert!(matches!(
            quorum.producer_id_allocated(2, 5),
            Event::KraftProducerIdAllocated {
                broker: 2,
                producer_id: 5
            }
        ));
    }

    #[test]
    fn an_isr_change_is_alter_partition_with_a_route_else_a_znode_write() {
        let change = IsrChange {
            leader: 1,
            tp: TopicPartition::new("orders".to_string(), 0),
            leader_epoch: 4,
            version: 9,
            controller_epoch: 2,
            isr: vec![1, 2],
        };
        let kraft = sent(|ctx| ControllerChannel::alter_isr(ctx, Some((3000, 11)), change.clone()));
        assert!(matches!(
            &kraft[..],
            [(
                NodeId::Controller(3000),
                Msg::AlterPartition {
                    broker_epoch: 11,
                    partition_epoch: 9,
                    leader_epoch: 4,
                    ..
                }
            )]
        ));
        let zk = sent(|ctx| ControllerChannel::alter_isr(ctx, None, change));
        assert!(matches!(
            &zk[..],
            [(
                NodeId::ZooKeeper,
                Msg::ZkUpdateIsr {
                    expected_zk_version: 9,
                    ..
                }
            )]
        ));
    }

    #[test]
    fn registration_heartbeats_and_topic_creation_go_to_the_eras_controller() {
        let reg = Registration {
            broker: 2,
            incarnation: Uuid([9; 16]),
            previous_broker_epoch: 40,
        };
        let zk = sent(|ctx| ControllerChannel::ZooKeeper.register_broker(ctx, reg));
        assert_eq!(
            zk,
            vec![(NodeId::ZooKeeper, Msg::ZkRegisterBroker { broker: 2 })]
        );
        let quorum = ControllerChannel::Quorum {
            active: Some(3002),
            broker_epoch: Some(41),
        };
        let kraft = sent(|ctx| quorum.register_broker(ctx, reg));
        assert_eq!(
            kraft,
            vec![(
                NodeId::Controller(3002),
                Msg::BrokerRegistration {
                    broker: 2,
                    incarnation: Uuid([9; 16]),
                    previous_broker_epoch: 40
                }
            )]
        );
        // A controlled shutdown is a heartbeat asking for it, with the channel's epoch; in
        // ZooKeeper mode there is no such request.
        let hb = Heartbeat {
            broker: 2,
            metadata_offset: 77,
            want_fence: false,
            want_shut_down: true,
        };
        assert!(sent(|ctx| ControllerChannel::ZooKeeper.heartbeat(ctx, hb)).is_empty());
        assert!(matches!(
            &sent(|ctx| quorum.heartbeat(ctx, hb))[..],
            [(
                NodeId::Controller(3002),
                Msg::BrokerHeartbeat {
                    broker_epoch: 41,
                    current_metadata_offset: 77,
                    want_shut_down: true,
                    ..
                }
            )]
        ));
        let topic = CreateTopic {
            name: "orders".into(),
            partitions: 1,
            replication_factor: 1,
            configs: Default::default(),
        };
        let zk = sent(|ctx| {
            assert!(ControllerChannel::ZooKeeper.create_topic(
                ctx,
                NodeId::Client(0),
                5,
                topic.clone()
            ));
        });
        assert!(matches!(
            &zk[..],
            [(NodeId::ZooKeeper, Msg::ZkCreateTopic { request: 5, .. })]
        ));
        let kraft = sent(|ctx| {
            assert!(quorum.create_topic(ctx, NodeId::Client(0), 5, topic.clone()));
        });
        assert!(matches!(
            &kraft[..],
            [(
                NodeId::Controller(3002),
                Msg::CreateTopics { request: 5, .. }
            )]
        ));
        let none = ControllerChannel::Quorum {
            active: None,
            broker_epoch: None,
        };
        let nothing = sent(|ctx| assert!(!none.create_topic(ctx, NodeId::Client(0), 5, topic)));
        assert!(nothing.is_empty());
    }

    /// The runtime's read-only questions, answered by each era's metadata source.
    #[test]
    fn the_metadata_source_answers_in_both_eras() {
        for setup in ["brokers 3", "brokers 3 --mode kraft"] {
            let mut lab = Lab::default();
            lab.execute(setup).unwrap();
            lab.execute("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 1 --replication-factor 3").unwrap();
            let c = lab.cluster();
            let source = c.metadata_source();
            assert!(source.settled(), "{setup}");
            assert!(source.topics().contains_key("t"), "{setup}");
            let tp = TopicPartition::new("t".to_string(), 0);
            assert!(c.leader_of(&tp).is_some(), "{setup}");
            assert_eq!(
                source.placeable_brokers().map(|b| b.len()),
                Ok(3),
                "{setup}"
            );
        }
    }

    /// End to end: an idempotent producer's id comes through the broker's channel, so the
    /// event names the era it happened in.
    #[test]
    fn each_mode_hands_out_producer_ids_through_its_own_controller() {
        for (setup, kraft) in [("brokers 3", false), ("brokers 3 --mode kraft", true)] {
            let mut lab = Lab::default();
            lab.execute(setup).unwrap();
            lab.execute("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 1 --replication-factor 3").unwrap();
            lab.execute("produce --topic t --producer-property enable.idempotence=true --acks all --count 2 v")
                .unwrap();
            let log = lab.cluster().log();
            let zk_ids = log
                .iter()
                .filter(|l| matches!(l.event, Event::ProducerIdAllocated { .. }))
                .count();
            let kraft_ids = log
                .iter()
                .filter(|l| matches!(l.event, Event::KraftProducerIdAllocated { .. }))
                .count();
            if kraft {
                assert_eq!((zk_ids, kraft_ids), (0, 1), "{setup}");
            } else {
                assert_eq!((zk_ids, kraft_ids), (1, 0), "{setup}");
            }
        }
    }
}
