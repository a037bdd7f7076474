//! Handler tests of the controller's admin requests, ported from Kafka 4.1's
//! `ReplicationControlManagerTest` and `ConfigurationControlManagerTest` (cited per test).

use super::super::tests::{active, create, heartbeat, run};
use super::*;
use crate::kraft::records::MetadataRecord;
use crate::sim::SimRng;

fn req(c: &mut ControllerNode, rng: &mut SimRng, now: u64, msg: Msg) -> Vec<(NodeId, Msg)> {
    run(now, rng, |ctx| c.on_message(ctx, NodeId::Broker(1), msg)).1
}

fn records_after(c: &ControllerNode, offset: u64) -> Vec<MetadataRecord> {
    c.raft.log[offset as usize..]
        .iter()
        .map(|e| e.record.clone())
        .collect()
}

#[test]
fn delete_topics_writes_one_remove_topic_record() {
    // ReplicationControlManagerTest.testDeleteTopics: a RemoveTopicRecord with the topic's id;
    // replayed, the topic, its partitions and its configs are gone; an unknown topic is
    // refused.
    let mut rng = SimRng::new(1);
    let mut c = active(3, &mut rng);
    create(&mut c, &mut rng, "orders", 2, 3);
    let id = c.image.topics["orders"].id;
    let before = c.raft.log_end_offset();
    let sent = req(
        &mut c,
        &mut rng,
        20,
        Msg::DeleteTopics {
            request: 9,
            topic: "orders".into(),
        },
    );
    assert!(matches!(
        &sent[..],
        [(
            _,
            Msg::DeleteTopicsResponse {
                request: 9,
                result: Ok(())
            }
        )]
    ));
    assert_eq!(
        records_after(&c, before),
        vec![MetadataRecord::RemoveTopic { topic_id: id }]
    );
    assert!(!c.image.topics.contains_key("orders"));
    assert!(c.image.partitions.keys().all(|tp| tp.topic != "orders"));
    let sent = req(
        &mut c,
        &mut rng,
        30,
        Msg::DeleteTopics {
            request: 10,
            topic: "orders".into(),
        },
    );
    assert!(matches!(
        &sent[..],
        [(_, Msg::DeleteTopicsResponse { result: Err(_), .. })]
    ));
}

#[test]
fn create_partitions_adds_partition_records_and_refuses_a_decrease() {
    // ReplicationControlManagerTest.testCreatePartitions: PartitionRecords for the new ids
    // only, with the topic's replication factor; fewer or as many partitions are refused with
    // InvalidPartitionsException's messages.
    let mut rng = SimRng::new(1);
    let mut c = active(3, &mut rng);
    create(&mut c, &mut rng, "orders", 2, 2);
    let before = c.raft.log_end_offset();
    let msg = |count| Msg::CreatePartitions {
        request: 4,
        topic: "orders".into(),
        count,
    };
    let sent = req(&mut c, &mut rng, 20, msg(4));
    assert!(matches!(
        &sent[..],
        [(_, Msg::CreateTopicsResponse { result: Ok(()), .. })]
    ));
    let added: Vec<u32> = records_after(&c, before)
        .iter()
        .map(|r| match r {
            MetadataRecord::Partition(p) => {
                assert_eq!(p.replicas.len(), 2);
                assert_eq!(p.leader, p.replicas[0] as i32);
                p.partition_id
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(added, vec![2, 3]);
    for (count, want) in [
        (4, "Topic already has 4 partitions."),
        (
            3,
            "Topic currently has 4 partitions, which is higher than the requested 3.",
        ),
    ] {
        let sent = req(&mut c, &mut rng, 30, msg(count));
        assert!(
            matches!(&sent[..], [(_, Msg::CreateTopicsResponse { result: Err(e), .. })] if e == want),
            "{sent:?}"
        );
    }
}

#[test]
fn incremental_alter_configs_writes_a_config_record_per_changed_key() {
    // ConfigurationControlManagerTest.testIncrementalAlterConfigs: SET writes a ConfigRecord
    // for each key (resource type 2 = topic, 4 = broker, "" the cluster default); a value set
    // again writes nothing; the image holds the configs.
    let mut rng = SimRng::new(1);
    let mut c = active(3, &mut rng);
    create(&mut c, &mut rng, "orders", 1, 3);
    let alter = |entity, kv: &[(&str, &str)]| Msg::AlterConfigs {
        request: 5,
        entity,
        configs: kv
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    let before = c.raft.log_end_offset();
    let topic = ConfigEntity::Topic("orders".into());
    let sent = req(
        &mut c,
        &mut rng,
        20,
        alter(topic.clone(), &[("min.insync.replicas", "2")]),
    );
    assert!(matches!(
        &sent[..],
        [(_, Msg::AlterConfigsResponse { request: 5 })]
    ));
    assert_eq!(
        records_after(&c, before),
        vec![MetadataRecord::Config {
            resource_type: 2,
            resource_name: "orders".into(),
            name: "min.insync.replicas".into(),
            value: Some("2".into()),
        }]
    );
    let before = c.raft.log_end_offset();
    req(
        &mut c,
        &mut rng,
        30,
        alter(topic.clone(), &[("min.insync.replicas", "2")]),
    );
    assert_eq!(
        c.raft.log_end_offset(),
        before,
        "an unchanged value writes nothing"
    );
    req(
        &mut c,
        &mut rng,
        40,
        alter(
            ConfigEntity::BrokerDefault,
            &[("unclean.leader.election.enable", "true")],
        ),
    );
    assert!(matches!(
        &c.raft.log[before as usize].record,
        MetadataRecord::Config { resource_type: 4, resource_name, .. } if resource_name.is_empty()
    ));
    assert_eq!(
        c.image.configs_of(&ConfigEntity::BrokerDefault)["unclean.leader.election.enable"],
        "true"
    );
    assert_eq!(c.topic_settings("orders"), (2, true));
}

fn elect(
    c: &mut ControllerNode,
    rng: &mut SimRng,
    now: u64,
    election: ElectionType,
    tps: Option<Vec<TopicPartition>>,
) -> Vec<(TopicPartition, ElectionOutcome)> {
    let sent = req(
        c,
        rng,
        now,
        Msg::ElectLeaders {
            request: 6,
            election,
            partitions: tps,
        },
    );
    match sent.into_iter().next() {
        Some((_, Msg::ElectLeadersResponse { results, .. })) => results,
        other => panic!("{other:?}"),
    }
}

/// Broker 1 fenced then unfenced again: it is back in no ISR and leads nothing, so the
/// partitions it prefers are imbalanced.
fn orders_with_broker_1_back(rng: &mut SimRng) -> ControllerNode {
    let mut c = active(3, rng);
    create(&mut c, rng, "orders", 3, 3);
    run(50, rng, |ctx| c.fence(ctx, 1));
    let epoch = c.image.brokers[&1].epoch;
    let leo = c.raft.log_end_offset();
    heartbeat(&mut c, rng, 60, 1, epoch, leo);
    assert!(!c.image.brokers[&1].fenced);
    c
}

#[test]
fn preferred_election_needs_the_preferred_replica_in_the_isr() {
    // ReplicationControlManagerTest.testPreferredElectionDoesNotTriggerUncleanElection /
    // testElectPreferredLeaders: PREFERRED_LEADER_NOT_AVAILABLE while the preferred replica
    // is out of the ISR; once back, a PartitionChangeRecord makes it leader; then
    // ELECTION_NOT_NEEDED; an unknown partition is UNKNOWN_TOPIC_OR_PARTITION.
    let mut rng = SimRng::new(1);
    let mut c = orders_with_broker_1_back(&mut rng);
    let (tp, p) = c
        .image
        .partitions
        .iter()
        .find(|(_, p)| p.replicas[0] == 1)
        .map(|(tp, p)| (*tp, p.clone()))
        .expect("a partition broker 1 prefers");
    assert_ne!(p.leader, 1);
    let r = elect(
        &mut c,
        &mut rng,
        70,
        ElectionType::Preferred,
        Some(vec![tp]),
    );
    assert!(
        matches!(&r[0].1, ElectionOutcome::Failed(e) if e.contains("PreferredLeaderNotAvailableException")),
        "{r:?}"
    );
    // The leader's AlterPartition puts broker 1 back into the ISR.
    let mut isr = p.isr.clone();
    isr.push(1);
    let leader = p.leader as u32;
    run(80, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Broker(leader),
            Msg::AlterPartition {
                broker: leader,
                broker_epoch: c.image.brokers[&leader].epoch,
                tp,
                leader_epoch: p.leader_epoch,
                partition_epoch: p.partition_epoch,
                new_isr: isr,
            },
        )
    });
    let r = elect(
        &mut c,
        &mut rng,
        90,
        ElectionType::Preferred,
        Some(vec![tp]),
    );
    assert_eq!(r, vec![(tp, ElectionOutcome::Elected)]);
    assert_eq!(c.image.partitions[&tp].leader, 1);
    let r = elect(
        &mut c,
        &mut rng,
        95,
        ElectionType::Preferred,
        Some(vec![tp]),
    );
    assert_eq!(r, vec![(tp, ElectionOutcome::NotNeeded)]);
    // Every partition: those that need nothing are left out of the answer.
    let r = elect(&mut c, &mut rng, 96, ElectionType::Preferred, None);
    assert!(
        r.iter().all(|(_, o)| *o != ElectionOutcome::NotNeeded),
        "{r:?}"
    );
    let r = elect(
        &mut c,
        &mut rng,
        97,
        ElectionType::Unclean,
        Some(vec![TopicPartition::new("nope", 0)]),
    );
    assert!(matches!(&r[0].1, ElectionOutcome::Failed(e) if e.contains("UnknownTopicOrPartition")));
}

#[test]
fn unclean_election_is_not_needed_while_a_leader_exists() {
    // ReplicationControlManagerTest.testElectUncleanLeaders_WithoutElr: UNCLEAN on a partition
    // with a leader is ELECTION_NOT_NEEDED.
    let mut rng = SimRng::new(1);
    let mut c = active(3, &mut rng);
    create(&mut c, &mut rng, "orders", 1, 3);
    let tp = TopicPartition::new("orders", 0);
    let r = elect(&mut c, &mut rng, 20, ElectionType::Unclean, Some(vec![tp]));
    assert_eq!(r, vec![(tp, ElectionOutcome::NotNeeded)]);
}

#[test]
fn balance_partition_leaders_moves_leaders_back_to_the_preferred_replica() {
    // QuorumControllerTest.testBalancePartitionLeaders: with auto.leader.rebalance.enable,
    // the periodic check elects each imbalanced partition's preferred replica once it is in
    // the ISR; nothing when it is not.
    let mut rng = SimRng::new(1);
    let mut c = orders_with_broker_1_back(&mut rng);
    let epoch = c.active.as_ref().unwrap().epoch;
    let tick = |c: &mut ControllerNode, rng: &mut SimRng, now| {
        run(now, rng, |ctx| {
            c.on_timer(ctx, Timer::Kraft(KraftTimer::BalanceLeaders { epoch }))
        })
    };
    let before = c.raft.log_end_offset();
    tick(&mut c, &mut rng, 300_000);
    assert_eq!(c.raft.log_end_offset(), before, "broker 1 is in no ISR yet");
    // Broker 1 rejoins every ISR.
    let tps: Vec<(TopicPartition, PartitionRecord)> = c
        .image
        .partitions
        .iter()
        .map(|(tp, p)| (*tp, p.clone()))
        .collect();
    for (tp, p) in tps {
        let mut isr = p.isr.clone();
        isr.push(1);
        let leader = p.leader as u32;
        let broker_epoch = c.image.brokers[&leader].epoch;
        run(300_100, &mut rng, |ctx| {
            c.on_message(
                ctx,
                NodeId::Broker(leader),
                Msg::AlterPartition {
                    broker: leader,
                    broker_epoch,
                    tp,
                    leader_epoch: p.leader_epoch,
                    partition_epoch: p.partition_epoch,
                    new_isr: isr,
                },
            )
        });
    }
    tick(&mut c, &mut rng, 600_000);
    for p in c.image.partitions.values() {
        assert_eq!(p.leader, p.replicas[0] as i32, "{p:?}");
    }
}
