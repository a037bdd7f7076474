//! Handler tests of the internal topics a broker creates on `FindCoordinator` (Kafka 2.x's
//! `KafkaApis.createInternalTopic`, 4.1's `AutoTopicCreationManager`; cases after
//! `KafkaApisTest.testFindCoordinatorAutoTopicCreationForOffsetTopic` /
//! `...ForTxnTopic` and `AutoTopicCreationManagerTest.testCreateOffsetTopic`): a broker of a
//! settled lab, one handler called, its effects read.

use super::*;
use crate::cli::Lab;
use crate::cluster::group::{GroupRequest, GroupResponse, OFFSETS_TOPIC};
use crate::cluster::msg::{Effect, KafkaError};
use crate::cluster::txn::TXN_TOPIC;

const CLIENT: NodeId = NodeId::Client(10_000);

/// Broker 1 of a settled cluster built by `cmd`, with the brokers' config.
fn broker(cmd: &str) -> (Broker, BrokerConfig) {
    let mut lab = Lab::default();
    lab.execute(cmd).unwrap();
    lab.execute("advance 3s").unwrap();
    let c = lab.cluster();
    assert!(c.is_settled(), "{cmd}");
    (c.brokers()[&1].clone(), c.config.clone())
}

#[derive(Default)]
struct Out {
    sent: Vec<(NodeId, Msg)>,
    events: Vec<Event>,
    timers: Vec<Timer>,
}

fn call(b: &mut Broker, config: &BrokerConfig, from: NodeId, msg: Msg) -> Out {
    let ((), out, events) = Ctx::test_run(10_000, |ctx| b.on_message(ctx, from, msg, config));
    let mut o = Out {
        events,
        ..Out::default()
    };
    for e in out {
        match e {
            Effect::Send { to, msg } => o.sent.push((to, msg)),
            Effect::SetTimer { timer, .. } => o.timers.push(timer),
            Effect::Ledger(_) => {}
        }
    }
    o
}

fn find_group(request: u64) -> Msg {
    Msg::Group {
        request,
        req: GroupRequest::FindCoordinator { group: "g".into() },
    }
}

fn not_available(o: &Out, request: u64) -> bool {
    o.sent.iter().any(|(to, m)| {
        *to == CLIENT
            && match m {
                Msg::GroupResponse {
                    request: r,
                    resp: GroupResponse::FindCoordinator(Err(KafkaError::CoordinatorNotAvailable)),
                } => *r == request,
                Msg::FindCoordinatorResponse {
                    request: r,
                    result: Err(KafkaError::CoordinatorNotAvailable),
                } => *r == request,
                _ => false,
            }
    })
}

fn creations(o: &Out) -> Vec<(NodeId, u64, CreateTopic)> {
    o.sent
        .iter()
        .filter_map(|(to, m)| match m {
            Msg::ZkCreateTopic {
                request,
                client,
                topic,
            } => {
                assert_eq!(*client, NodeId::Broker(1));
                Some((*to, *request, topic.clone()))
            }
            Msg::CreateTopics { request, topic } => Some((*to, *request, topic.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn zookeeper_find_coordinator_without_offsets_topic_writes_it_and_answers_not_available() {
    let (mut b, config) = broker("brokers 3");
    let first = call(&mut b, &config, CLIENT, find_group(7));
    assert!(not_available(&first, 7));
    let created = creations(&first);
    assert_eq!(created.len(), 1, "{:?}", first.sent);
    let (to, request, topic) = &created[0];
    assert_eq!(*to, NodeId::ZooKeeper);
    assert_eq!(topic.name, OFFSETS_TOPIC);
    assert_eq!(
        (topic.partitions, topic.replication_factor),
        (config.offsets_topic_num_partitions, 3)
    );
    assert_eq!(
        topic.configs.get("cleanup.policy").map(String::as_str),
        Some("compact")
    );
    assert!(first
        .timers
        .contains(&Timer::AutoTopicCreationTimeout { request: *request }));

    // A second FindCoordinator while the write is in flight sends nothing new.
    let second = call(&mut b, &config, CLIENT, find_group(8));
    assert!(not_available(&second, 8));
    assert!(creations(&second).is_empty(), "{:?}", second.sent);

    // ZooKeeper's answer ends it, narrated once.
    let done = call(
        &mut b,
        &config,
        NodeId::ZooKeeper,
        Msg::ZkCreateTopicResult {
            request: *request,
            client: NodeId::Broker(1),
            name: OFFSETS_TOPIC.into(),
            result: Ok(()),
        },
    );
    assert!(done.sent.is_empty());
    assert!(matches!(
        &done.events[..],
        [Event::InternalTopicCreated { broker: 1, topic, partitions: 5, replication_factor: 3, kraft: false }]
            if topic == OFFSETS_TOPIC
    ));
    assert!(b.auto_topics.inflight.is_empty());
}

#[test]
fn zookeeper_broker_does_not_write_with_fewer_live_brokers_than_the_replication_factor() {
    // `createInternalTopic`: "Number of alive brokers '2' does not meet the required
    // replication factor '3'" — COORDINATOR_NOT_AVAILABLE, nothing written.
    let (mut b, config) = broker("brokers 3");
    b.metadata.live_brokers.remove(&3);
    let o = call(&mut b, &config, CLIENT, find_group(1));
    assert!(not_available(&o, 1));
    assert!(creations(&o).is_empty());
}

#[test]
fn kraft_find_coordinator_without_txn_topic_sends_create_topics_to_the_active_controller() {
    let (mut b, config) = broker("brokers 3 --mode kraft");
    let active = b.kraft.as_ref().and_then(|k| k.raft.leader()).unwrap();
    let find = |request| Msg::FindCoordinator {
        request,
        key: "tx-1".into(),
    };
    let first = call(&mut b, &config, CLIENT, find(3));
    assert!(not_available(&first, 3));
    let created = creations(&first);
    assert_eq!(created.len(), 1, "{:?}", first.sent);
    let (to, request, topic) = created[0].clone();
    assert_eq!(to, NodeId::Controller(active));
    assert_eq!(topic.name, TXN_TOPIC);
    assert_eq!(
        topic.partitions,
        config.transaction_state_log_num_partitions
    );

    // In flight (`inflightTopics`): a second request sends nothing new.
    let second = call(&mut b, &config, CLIENT, find(4));
    assert!(not_available(&second, 4));
    assert!(creations(&second).is_empty(), "{:?}", second.sent);

    // A refusal clears it (`onComplete`), and the next FindCoordinator asks again.
    let refused = call(
        &mut b,
        &config,
        NodeId::Controller(active),
        Msg::CreateTopicsResponse {
            request,
            name: TXN_TOPIC.into(),
            result: Err("NOT_CONTROLLER".into()),
        },
    );
    assert!(refused.sent.is_empty() && refused.events.is_empty());
    let third = call(&mut b, &config, CLIENT, find(5));
    let again = creations(&third);
    assert_eq!(again.len(), 1);
    assert_ne!(again[0].1, request, "a new request id");

    // The controller's success is narrated in KRaft's words.
    let done = call(
        &mut b,
        &config,
        NodeId::Controller(active),
        Msg::CreateTopicsResponse {
            request: again[0].1,
            name: TXN_TOPIC.into(),
            result: Ok(()),
        },
    );
    assert!(done.sent.is_empty(), "not forwarded to any client");
    assert!(matches!(
        &done.events[..],
        [Event::InternalTopicCreated {
            kraft: true,
            partitions: 3,
            ..
        }]
    ));
}

#[test]
fn a_broker_with_the_topic_in_its_metadata_creates_nothing() {
    for cmd in ["brokers 3", "brokers 3 --mode kraft"] {
        let mut lab = Lab::default();
        lab.execute(cmd).unwrap();
        lab.execute("kafka-topics.sh --create --topic t --partitions 1 --replication-factor 1")
            .unwrap();
        lab.execute("consumer add --group g --id c1 --topics t")
            .unwrap();
        let c = lab.cluster();
        let created: Vec<&Event> = c
            .log()
            .iter()
            .map(|l| &l.event)
            .filter(|e| matches!(e, Event::InternalTopicCreated { .. }))
            .collect();
        assert_eq!(created.len(), 1, "{cmd}: {created:?}");
        assert!(
            c.consumers.values().all(|k| k.coordinator.is_some()),
            "{cmd}"
        );
        let (mut b, config) = (c.brokers()[&2].clone(), c.config.clone());
        let o = call(&mut b, &config, CLIENT, find_group(9));
        assert!(creations(&o).is_empty(), "{cmd}");
        assert!(!not_available(&o, 9), "{cmd}: a coordinator is known");
    }
}

/// The configs each internal topic is created with: Kafka 2.3's `offsetsTopicConfigs` /
/// `transactionTopicConfigs` and 4.1.1's `groupMetadataTopicConfigs` /
/// `transactionTopicConfigs` write the same set, so it does not depend on the era.
#[test]
fn internal_topics_carry_their_coordinators_configs() {
    let config = BrokerConfig::default();
    let configs = |topic: &str| -> Vec<(String, String)> {
        internal_topic(topic, &config)
            .expect("internal")
            .configs
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let kv = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        configs(OFFSETS_TOPIC),
        kv(&[
            ("cleanup.policy", "compact"),
            ("compression.type", "producer"),
            ("segment.bytes", "104857600"),
        ])
    );
    assert_eq!(
        configs(TXN_TOPIC),
        kv(&[
            ("cleanup.policy", "compact"),
            ("compression.type", "uncompressed"),
            ("min.insync.replicas", "2"),
            ("segment.bytes", "104857600"),
            ("unclean.leader.election.enable", "false"),
        ])
    );
    // transaction.state.log.min.isr is a broker setting like the others.
    let mut one = BrokerConfig::default();
    crate::config::apply_override(&mut one, false, "transaction.state.log.min.isr=1").unwrap();
    let t = internal_topic(TXN_TOPIC, &one).unwrap();
    assert_eq!(
        t.configs.get("min.insync.replicas").map(String::as_str),
        Some("1")
    );
    assert!(internal_topic("orders", &config).is_none());
}

/// Once the coordinators have created them, both tools show the configs in both eras:
/// `kafka-configs.sh --describe` as dynamic topic configs, `kafka-topics.sh --describe` in
/// its `Configs:` column.
#[test]
fn the_tools_show_the_internal_topics_configs_in_both_eras() {
    for setup in ["brokers 3", "brokers 3 --mode kraft"] {
        let mut lab = Lab::default();
        lab.execute(setup).unwrap();
        lab.execute("advance 3s").unwrap();
        lab.execute("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 1 --replication-factor 3").unwrap();
        lab.execute("txn begin --transactional-id shop").unwrap();
        lab.execute("advance 2s").unwrap();
        let out = lab
            .execute("kafka-configs.sh --bootstrap-server localhost:9092 --describe --entity-type topics --entity-name __transaction_state")
            .unwrap();
        for line in [
            "Dynamic configs for topic __transaction_state are:",
            "  cleanup.policy=compact sensitive=false",
            "  compression.type=uncompressed sensitive=false",
            "  min.insync.replicas=2 sensitive=false",
            "  segment.bytes=104857600 sensitive=false",
            "  unclean.leader.election.enable=false sensitive=false",
        ] {
            assert!(out.contains(line), "{setup}: {line} in\n{out}");
        }
        let out = lab
            .execute("kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic __transaction_state")
            .unwrap();
        assert!(
            out.contains("cleanup.policy=compact,compression.type=uncompressed,")
                && out.contains("min.insync.replicas=2,")
                && out.contains("unclean.leader.election.enable=false"),
            "{setup}:\n{out}"
        );
    }
}
