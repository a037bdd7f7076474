//! The one way a broker talks to "the controller", whichever kind it is.
//!
//! In ZooKeeper mode (Kafka before 4.0) the controller is `KafkaController` inside one broker,
//! and a broker reaches it through ZooKeeper: it writes znodes (an ISR change to the partition's
//! state znode, a producer-id block to `/latest_producer_id_block`) that the controller and the
//! other brokers watch. In KRaft mode (Kafka 4) the controller is the `QuorumController` on the
//! active controller node, and a broker sends it requests (`AlterPartition`,
//! `AllocateProducerIds`) with its broker epoch. A broker's managers ask this one
//! [`ControllerChannel`] and never look at the mode themselves.

use super::msg::{Ctx, Msg};
use crate::event::Event;
use crate::kraft::FIRST_CONTROLLER_ID;
use crate::model::{BrokerId, LeaderAndIsr, NodeId, TopicPartition};

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
    use crate::sim::SimRng;

    fn sent(f: impl FnOnce(&mut Ctx<'_>)) -> Vec<(NodeId, Msg)> {
        let (mut out, mut events, mut rng) = (Vec::new(), Vec::new(), SimRng::new(1));
        let mut ctx = Ctx {
            now: 0,
            out: &mut out,
            events: &mut events,
            rng: &mut rng,
        };
        f(&mut ctx);
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
