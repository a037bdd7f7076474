//! Handler-level tests of the `QuorumController` model on a single-voter quorum (its writes
//! commit at once), ported from Kafka 4.1's `QuorumControllerTest`,
//! `ClusterControlManagerTest`, `BrokerHeartbeatManagerTest` and
//! `ReplicationControlManagerTest` (cited per test).

use super::*;
use crate::cluster::msg::Effect;
use crate::sim::SimRng;

pub(super) fn run<R>(
    now: Millis,
    rng: &mut SimRng,
    f: impl FnOnce(&mut Ctx<'_>) -> R,
) -> (R, Vec<(NodeId, Msg)>) {
    let (mut effects, mut events) = (Vec::new(), Vec::new());
    let mut ctx = Ctx {
        now,
        out: &mut effects,
        events: &mut events,
        rng,
    };
    let r = f(&mut ctx);
    let sent = effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Send { to, msg } => Some((to, msg)),
            _ => None,
        })
        .collect();
    (r, sent)
}

/// An active controller (a quorum of one) with brokers 1..=n registered and unfenced.
pub(super) fn active(n: u32, rng: &mut SimRng) -> ControllerNode {
    let mut c = ControllerNode::new(
        3000,
        vec![3000],
        QuorumConfig::default(),
        ControllerConfig::default(),
    );
    run(0, rng, |ctx| c.start(ctx));
    assert!(c.active.is_some());
    for b in 1..=n {
        let (_, sent) = run(1, rng, |ctx| {
            c.on_message(
                ctx,
                NodeId::Broker(b),
                Msg::BrokerRegistration {
                    broker: b,
                    incarnation: Uuid([b as u8; 16]),
                    previous_broker_epoch: -1,
                },
            )
        });
        let epoch = match &sent[..] {
            [(_, Msg::BrokerRegistrationResponse { result: Ok(e) })] => *e,
            other => panic!("{other:?}"),
        };
        heartbeat(&mut c, rng, 2, b, epoch, epoch);
    }
    c
}

pub(super) fn heartbeat(
    c: &mut ControllerNode,
    rng: &mut SimRng,
    now: Millis,
    b: u32,
    epoch: u64,
    offset: u64,
) -> Vec<(NodeId, Msg)> {
    run(now, rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Broker(b),
            Msg::BrokerHeartbeat {
                broker: b,
                broker_epoch: epoch,
                current_metadata_offset: offset,
                want_fence: false,
                want_shut_down: false,
            },
        )
    })
    .1
}

pub(super) fn create(
    c: &mut ControllerNode,
    rng: &mut SimRng,
    name: &str,
    partitions: u32,
    rf: u32,
) -> Vec<(NodeId, Msg)> {
    run(10, rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Broker(1),
            Msg::CreateTopics {
                request: 7,
                topic: CreateTopic {
                    name: name.into(),
                    partitions,
                    replication_factor: rf,
                    configs: Default::default(),
                },
            },
        )
    })
    .1
}

#[test]
fn bootstrap_records_on_a_fresh_cluster() {
    // QuorumControllerTest.testBootstrapRecords (as 4.1 formats a new cluster): the first
    // active controller writes the feature levels after its LeaderChange.
    let mut rng = SimRng::new(1);
    let c = active(0, &mut rng);
    assert!(matches!(
        c.raft.log[0].record,
        MetadataRecord::LeaderChange { .. }
    ));
    assert_eq!(c.image.features["metadata.version"], 27);
    assert_eq!(c.image.features["eligible.leader.replicas.version"], 1);
}

#[test]
fn registration_is_fenced_until_caught_up_with_its_own_record() {
    // ClusterControlManagerTest.testRegisterBrokerRecordVersion (fenced at registration) and
    // BrokerHeartbeatManager.calculateNextBrokerState: unfenced once the broker's metadata
    // offset reached its RegisterBrokerRecord's offset.
    let mut rng = SimRng::new(1);
    let mut c = active(0, &mut rng);
    let (_, sent) = run(1, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Broker(1),
            Msg::BrokerRegistration {
                broker: 1,
                incarnation: Uuid([1; 16]),
                previous_broker_epoch: -1,
            },
        )
    });
    let Msg::BrokerRegistrationResponse { result: Ok(epoch) } = sent[0].1 else {
        panic!("{sent:?}")
    };
    assert!(c.image.brokers[&1].fenced);
    assert_eq!(c.image.brokers[&1].epoch, epoch);
    // One offset short: still fenced.
    let sent = heartbeat(&mut c, &mut rng, 2, 1, epoch, epoch - 1);
    assert!(matches!(
        sent[0].1,
        Msg::BrokerHeartbeatResponse {
            result: Ok(HeartbeatReply {
                is_fenced: true,
                ..
            })
        }
    ));
    let sent = heartbeat(&mut c, &mut rng, 3, 1, epoch, epoch);
    assert!(!c.image.brokers[&1].fenced);
    assert!(matches!(
        sent[0].1,
        Msg::BrokerHeartbeatResponse {
            result: Ok(HeartbeatReply {
                is_fenced: false,
                ..
            })
        }
    ));
    assert!(c.raft.log.iter().any(|e| matches!(
        e.record,
        MetadataRecord::BrokerRegistrationChange {
            broker_id: 1,
            fenced: -1,
            ..
        }
    )));
}

#[test]
fn heartbeat_with_a_stale_broker_epoch_is_refused() {
    // QuorumControllerTest.testBrokerHeartbeatWithStaleEpoch (STALE_BROKER_EPOCH).
    let mut rng = SimRng::new(1);
    let mut c = active(1, &mut rng);
    let epoch = c.image.brokers[&1].epoch;
    let sent = heartbeat(&mut c, &mut rng, 5, 1, epoch + 100, 50);
    assert!(matches!(
        sent[0].1,
        Msg::BrokerHeartbeatResponse {
            result: Err(KafkaError::StaleBrokerEpoch)
        }
    ));
}

#[test]
fn create_topics_writes_topic_and_partition_records() {
    // ReplicationControlManagerTest.testCreateTopics: a TopicRecord and a PartitionRecord
    // per partition, all replicas in the ISR, the first replica leading; an existing name is
    // refused with TopicExistsException's message.
    let mut rng = SimRng::new(1);
    let mut c = active(3, &mut rng);
    let sent = create(&mut c, &mut rng, "orders", 3, 3);
    assert!(matches!(
        &sent[0].1,
        Msg::CreateTopicsResponse { result: Ok(()), .. }
    ));
    let parts: Vec<&PartitionRecord> = c
        .raft
        .log
        .iter()
        .filter_map(|e| match &e.record {
            MetadataRecord::Partition(p) => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(parts.len(), 3);
    for p in parts {
        assert_eq!(p.isr, p.replicas);
        assert_eq!(p.leader, p.replicas[0] as i32);
    }
    let sent = create(&mut c, &mut rng, "orders", 1, 1);
    assert!(
        matches!(&sent[0].1, Msg::CreateTopicsResponse { result: Err(e), .. } if e == "Topic 'orders' already exists.")
    );
    let sent = create(&mut c, &mut rng, "big", 1, 4);
    assert!(matches!(
        &sent[0].1,
        Msg::CreateTopicsResponse { result: Err(_), .. }
    ));
}

#[test]
fn session_timeout_fences_and_moves_leaders() {
    // QuorumControllerTest.testFenceMultipleBrokers / ReplicationControlManagerTest
    // .testHandleBrokerFenced: after broker.session.timeout.ms without a heartbeat the broker
    // is fenced, leaves the ISRs and its leaderships move to the next ISR member.
    let mut rng = SimRng::new(1);
    let mut c = active(3, &mut rng);
    create(&mut c, &mut rng, "orders", 3, 3);
    // Brokers 2 and 3 keep heartbeating; broker 1 goes quiet.
    for t in (1_000..=9_500).step_by(1_000) {
        for b in [2, 3] {
            let (e, leo) = (c.image.brokers[&b].epoch, c.raft.log_end_offset());
            heartbeat(&mut c, &mut rng, t, b, e, leo);
        }
    }
    let epoch = c.active.as_ref().unwrap().epoch;
    run(9_600, &mut rng, |ctx| {
        c.on_timer(ctx, Timer::Kraft(KraftTimer::ControllerTick { epoch }))
    });
    assert!(c.image.brokers[&1].fenced);
    assert!(!c.image.brokers[&2].fenced);
    for p in c.image.partitions.values() {
        assert!(!p.isr.contains(&1), "{p:?}");
        assert_ne!(p.leader, 1);
    }
}

#[test]
fn alter_partition_checks_epochs() {
    // ReplicationControlManagerTest.testAlterPartitionHandleUnknownTopicIdOrName and the
    // leader/partition epoch checks (FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION), then a
    // valid shrink answered with the new partition epoch.
    let mut rng = SimRng::new(1);
    let mut c = active(3, &mut rng);
    create(&mut c, &mut rng, "orders", 1, 3);
    let tp = TopicPartition::new("orders", 0);
    let p = c.image.partitions[&tp].clone();
    let leader = p.leader as u32;
    let epoch = c.image.brokers[&leader].epoch;
    let mut ask = |c: &mut ControllerNode, le: u32, pe: u32, isr: Vec<u32>| {
        run(20, &mut rng, |ctx| {
            c.on_message(
                ctx,
                NodeId::Broker(leader),
                Msg::AlterPartition {
                    broker: leader,
                    broker_epoch: epoch,
                    tp,
                    leader_epoch: le,
                    partition_epoch: pe,
                    new_isr: isr,
                },
            )
        })
        .1
    };
    let shrunk = vec![leader];
    let sent = ask(
        &mut c,
        p.leader_epoch,
        p.partition_epoch + 1,
        shrunk.clone(),
    );
    assert!(matches!(
        sent[0].1,
        Msg::AlterPartitionResponse {
            result: Err(KafkaError::InvalidUpdateVersion),
            ..
        }
    ));
    let sent = ask(&mut c, p.leader_epoch, p.partition_epoch, shrunk.clone());
    match &sent[0].1 {
        Msg::AlterPartitionResponse { result: Ok(s), .. } => {
            assert_eq!(s.isr, shrunk);
            assert_eq!(s.zk_version, p.partition_epoch + 1);
            assert_eq!(
                s.leader_epoch, p.leader_epoch,
                "4.1 does not bump the leader epoch on a shrink"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn standby_controller_answers_not_controller() {
    // QuorumControllerTest: requests to an inactive controller get NOT_CONTROLLER.
    let mut rng = SimRng::new(1);
    let mut c = ControllerNode::new(
        3001,
        vec![3000, 3001, 3002],
        QuorumConfig::default(),
        ControllerConfig::default(),
    );
    run(0, &mut rng, |ctx| c.start(ctx));
    let (_, sent) = run(1, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Broker(1),
            Msg::BrokerRegistration {
                broker: 1,
                incarnation: Uuid([1; 16]),
                previous_broker_epoch: -1,
            },
        )
    });
    assert!(matches!(
        sent[0].1,
        Msg::BrokerRegistrationResponse {
            result: Err(KafkaError::NotController)
        }
    ));
}

#[test]
fn a_new_incarnation_waits_for_the_old_session_and_an_unclean_return_leaves_the_elr() {
    // ClusterControlManagerTest.testRegistrationWithIncorrectIncarnationId-like (a live
    // session refuses a new incarnation: DUPLICATE_BROKER_REGISTRATION) and
    // ReplicationControlManagerTest.testUncleanShutdownBroker (KIP-966: with ELR on, a broker
    // back from an unclean shutdown is removed from the ISR and the ELR).
    let mut rng = SimRng::new(1);
    let mut c = active(3, &mut rng);
    create(&mut c, &mut rng, "orders", 1, 3);
    let register = |c: &mut ControllerNode, rng: &mut SimRng, now: Millis, inc: u8| {
        run(now, rng, |ctx| {
            c.on_message(
                ctx,
                NodeId::Broker(2),
                Msg::BrokerRegistration {
                    broker: 2,
                    incarnation: Uuid([inc; 16]),
                    previous_broker_epoch: -1,
                },
            )
        })
        .1
    };
    let sent = register(&mut c, &mut rng, 100, 42);
    assert!(matches!(
        sent[0].1,
        Msg::BrokerRegistrationResponse {
            result: Err(KafkaError::DuplicateBrokerRegistration)
        }
    ));
    // After the session expired (9 s without a heartbeat) a new incarnation registers, and
    // as an unclean return it leaves the ISR.
    let sent = register(&mut c, &mut rng, 20_000, 42);
    assert!(matches!(
        sent[0].1,
        Msg::BrokerRegistrationResponse { result: Ok(_) }
    ));
    let p = &c.image.partitions[&TopicPartition::new("orders", 0)];
    assert!(!p.isr.contains(&2), "{p:?}");
    assert!(!p.eligible_leader_replicas.contains(&2), "{p:?}");
}

/// A heartbeat asking for a controlled shutdown; the answer, if one came.
fn shutdown_heartbeat(
    c: &mut ControllerNode,
    rng: &mut SimRng,
    now: Millis,
    b: u32,
    epoch: u64,
    offset: u64,
) -> Option<HeartbeatReply> {
    let sent = run(now, rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Broker(b),
            Msg::BrokerHeartbeat {
                broker: b,
                broker_epoch: epoch,
                current_metadata_offset: offset,
                want_fence: false,
                want_shut_down: true,
            },
        )
    })
    .1;
    sent.into_iter().find_map(|(_, m)| match m {
        Msg::BrokerHeartbeatResponse { result: Ok(r) } => Some(r),
        _ => None,
    })
}

#[test]
fn controlled_shutdown_ends_with_shutdown_now_which_fences_and_keeps_the_session() {
    // Kafka 4.1 `BrokerHeartbeatManager.calculateNextBrokerState` (UNFENCED + wantShutDown
    // with leaderships → CONTROLLED_SHUTDOWN; then SHUTDOWN_NOW once it leads nothing and
    // `lowestActiveOffset` ≥ its `controlledShutdownOffset`), `ReplicationControlManager.
    // processBrokerHeartbeat` (SHUTDOWN_NOW → `handleBrokerFenced`), and
    // `ClusterControlManagerTest.testDuplicateBrokerRegistrationWithInactiveBroker` (a new
    // incarnation is refused while the old session is valid, even after the shutdown).
    let mut rng = SimRng::new(1);
    let mut c = active(3, &mut rng);
    create(&mut c, &mut rng, "orders", 1, 3);
    let tp = TopicPartition::new("orders", 0);
    let leader = c.image.partitions[&tp].leader as u32;
    let epoch = c.image.brokers[&leader].epoch;
    let reply = shutdown_heartbeat(&mut c, &mut rng, 100, leader, epoch, epoch).unwrap();
    assert!(!reply.should_shut_down && !reply.is_fenced, "{reply:?}");
    let reg = &c.image.brokers[&leader];
    assert!(reg.in_controlled_shutdown && !reg.fenced);
    let p = &c.image.partitions[&tp];
    assert_ne!(p.leader, leader as i32, "{p:?}");
    assert!(!p.isr.contains(&leader), "{p:?}");
    // The other brokers have not heartbeated past its records yet: it waits.
    let reply = shutdown_heartbeat(&mut c, &mut rng, 150, leader, epoch, epoch).unwrap();
    assert!(!reply.should_shut_down, "{reply:?}");
    assert!(!c.image.brokers[&leader].fenced);
    let end = c.raft.log_end_offset();
    for b in (1..=3).filter(|&b| b != leader) {
        let e = c.image.brokers[&b].epoch;
        heartbeat(&mut c, &mut rng, 2_000, b, e, end);
    }
    let reply = shutdown_heartbeat(&mut c, &mut rng, 2_100, leader, epoch, end).unwrap();
    assert!(reply.should_shut_down && reply.is_fenced, "{reply:?}");
    assert!(c.image.brokers[&leader].fenced);
    // Restarted at once: its last heartbeat's session is still valid.
    let register = |c: &mut ControllerNode, rng: &mut SimRng, now: Millis| {
        run(now, rng, |ctx| {
            c.on_message(
                ctx,
                NodeId::Broker(leader),
                Msg::BrokerRegistration {
                    broker: leader,
                    incarnation: Uuid([77; 16]),
                    previous_broker_epoch: epoch as i64,
                },
            )
        })
        .1
    };
    let sent = register(&mut c, &mut rng, 2_500);
    assert!(matches!(
        sent[0].1,
        Msg::BrokerRegistrationResponse {
            result: Err(KafkaError::DuplicateBrokerRegistration)
        }
    ));
    let sent = register(&mut c, &mut rng, 2_100 + 9_001);
    assert!(matches!(
        sent[0].1,
        Msg::BrokerRegistrationResponse { result: Ok(_) }
    ));
}

#[test]
fn a_follower_only_broker_shuts_down_now() {
    // calculateNextBrokerState: UNFENCED + wantShutDown without leaderships → SHUTDOWN_NOW at
    // once (fenced, out of every ISR).
    let mut rng = SimRng::new(1);
    let mut c = active(3, &mut rng);
    create(&mut c, &mut rng, "orders", 1, 3);
    let tp = TopicPartition::new("orders", 0);
    let leader = c.image.partitions[&tp].leader as u32;
    let follower = (1..=3).find(|&b| b != leader).unwrap();
    let epoch = c.image.brokers[&follower].epoch;
    let reply = shutdown_heartbeat(&mut c, &mut rng, 100, follower, epoch, epoch).unwrap();
    assert!(reply.should_shut_down && reply.is_fenced, "{reply:?}");
    assert!(c.image.brokers[&follower].fenced);
    assert!(!c.image.partitions[&tp].isr.contains(&follower));
}
