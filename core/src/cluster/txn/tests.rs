//! The transaction coordinator's handlers, the partitioning and the metadata record.

use super::*;
use crate::cluster::broker::MetadataCache;
use crate::cluster::dynamic_config::DynamicConfig;
use crate::cluster::msg::{Effect, PartitionState};
use crate::cluster::replica::{BrokerView, ReplicaManager};
use crate::config::BrokerConfig;
use crate::model::{LeaderAndIsr, Uuid};

const CLIENT: NodeId = NodeId::Client(10_000);

/// Broker 1, sole replica and leader of the three `__transaction_state` partitions.
struct Coordinator {
    txn: TransactionCoordinator,
    rm: ReplicaManager,
    metadata: MetadataCache,
    configs: DynamicConfig,
    config: BrokerConfig,
    controller: crate::cluster::controller_channel::ControllerChannel,
}

impl Coordinator {
    fn new() -> Self {
        let mut rm = ReplicaManager::new(1);
        let mut metadata = MetadataCache {
            live_brokers: [1].into(),
            ..MetadataCache::default()
        };
        for p in 0..LAB_TXN_PARTITIONS {
            let ps = PartitionState {
                tp: TopicPartition::new(TXN_TOPIC, p),
                topic_id: Uuid::ZERO,
                replicas: vec![1],
                state: LeaderAndIsr {
                    leader: Some(1),
                    leader_epoch: 0,
                    isr: vec![1],
                    controller_epoch: 1,
                    zk_version: 0,
                },
                configs: crate::vecmap::VecMap::new(),
            };
            metadata
                .partitions
                .insert(ps.tp, std::rc::Rc::new(ps.clone()));
            let hw = rm.accept_leader_and_isr(&ps).unwrap();
            Ctx::test_run(0, |ctx| rm.make_leader(ctx, ps, hw));
            rm.take_changes();
        }
        Self {
            txn: TransactionCoordinator::new(1),
            rm,
            metadata,
            configs: DynamicConfig::new(1),
            config: BrokerConfig::default(),
            controller: crate::cluster::controller_channel::ControllerChannel::ZooKeeper,
        }
    }

    /// Calls one handler; what it sent.
    fn call(
        &mut self,
        f: impl FnOnce(&mut TransactionCoordinator, &mut Ctx<'_>, &mut CoordinatorLog<'_>),
    ) -> Vec<(NodeId, Msg)> {
        let view = BrokerView {
            metadata: &self.metadata,
            configs: &self.configs,
            config: &self.config,
            controller: self.controller,
        };
        let mut log = CoordinatorLog::new(1, &mut self.rm, view);
        let txn = &mut self.txn;
        let ((), out, _) = Ctx::test_run(100, |ctx| f(txn, ctx, &mut log));
        out.into_iter()
            .filter_map(|e| match e {
                Effect::Send { to, msg } => Some((to, msg)),
                _ => None,
            })
            .collect()
    }
}

fn init_pid_result(sent: &[(NodeId, Msg)]) -> Option<Result<(i64, i16), KafkaError>> {
    sent.iter().find_map(|(_, m)| match m {
        Msg::InitProducerIdResponse { result, .. } => Some(*result),
        _ => None,
    })
}

#[test]
fn producer_ids_come_from_a_block_asked_of_zookeeper() {
    let mut c = Coordinator::new();
    let sent = c.call(|t, ctx, log| t.on_init_producer_id(ctx, log, CLIENT, 1));
    assert!(matches!(
        sent[..],
        [(NodeId::ZooKeeper, Msg::ZkAllocateProducerIds)]
    ));
    let sent = c.call(|t, ctx, log| t.on_producer_id_block(ctx, log, 3000));
    assert_eq!(init_pid_result(&sent), Some(Ok((3000, 0))));
    // The next one is served from the block without asking again.
    let sent = c.call(|t, ctx, log| t.on_init_producer_id(ctx, log, CLIENT, 2));
    assert_eq!(sent.len(), 1);
    assert_eq!(init_pid_result(&sent), Some(Ok((3001, 0))));
}

/// KRaft: the same handler asks the active controller (`AllocateProducerIds`, with the
/// broker epoch), and a served id is told as a KRaft event.
#[test]
fn in_kraft_producer_ids_come_from_the_active_controller() {
    let mut c = Coordinator::new();
    c.controller = crate::cluster::controller_channel::ControllerChannel::Quorum {
        active: Some(3002),
        broker_epoch: Some(5),
    };
    let sent = c.call(|t, ctx, log| t.on_init_producer_id(ctx, log, CLIENT, 1));
    assert_eq!(
        sent,
        vec![(
            NodeId::Controller(3002),
            Msg::AllocateProducerIds {
                broker: 1,
                broker_epoch: 5
            }
        )]
    );
    // Asked once: a second request waits for the same block.
    let sent = c.call(|t, ctx, log| t.on_init_producer_id(ctx, log, CLIENT, 2));
    assert!(sent.is_empty(), "{sent:?}");
    let sent = c.call(|t, ctx, log| t.on_producer_id_block(ctx, log, 1000));
    assert_eq!(init_pid_result(&sent), Some(Ok((1000, 0))));
}

#[test]
fn a_transactional_id_is_written_to_its_partition_and_a_new_instance_bumps_the_epoch() {
    let mut c = Coordinator::new();
    c.call(|t, ctx, log| t.on_producer_id_block(ctx, log, 0));
    let sent =
        c.call(|t, ctx, log| t.on_init_txn_producer_id(ctx, CLIENT, 1, "tx".into(), 60_000, log));
    // A single in-sync replica: the write is committed at once and the answer goes.
    assert_eq!(init_pid_result(&sent), Some(Ok((0, 0))));
    let tp = TopicPartition::new(TXN_TOPIC, txn_partition("tx", LAB_TXN_PARTITIONS));
    let records = c.rm.logs[&tp].records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].key.as_deref(), Some("tx"));
    assert!(records[0].value.contains("state=Empty"));
    let sent =
        c.call(|t, ctx, log| t.on_init_txn_producer_id(ctx, CLIENT, 2, "tx".into(), 60_000, log));
    assert_eq!(
        init_pid_result(&sent),
        Some(Ok((0, 1))),
        "same id, epoch bumped"
    );
    // The first instance, still at epoch 0, is fenced.
    let sent = c.call(|t, ctx, log| t.on_end_txn(ctx, CLIENT, 3, "tx".into(), 0, 0, true, log));
    assert!(sent.iter().any(|(_, m)| matches!(
        m,
        Msg::EndTxnResponse {
            result: Err(KafkaError::ProducerFenced),
            ..
        }
    )));
}

#[test]
fn a_broker_that_does_not_lead_the_partition_is_not_the_coordinator() {
    let mut c = Coordinator::new();
    c.rm.partitions.clear();
    let sent =
        c.call(|t, ctx, log| t.on_init_txn_producer_id(ctx, CLIENT, 1, "tx".into(), 60_000, log));
    assert_eq!(
        init_pid_result(&sent),
        Some(Err(KafkaError::NotCoordinator))
    );
}

#[test]
fn java_hash_code_and_partition() {
    assert_eq!(java_string_hash(""), 0);
    assert_eq!(java_string_hash("a"), 97);
    assert_eq!(java_string_hash("hello"), 99_162_322);
    // "polygenelubricants".hashCode() is Integer.MIN_VALUE: Utils.abs maps it to 0.
    assert_eq!(java_string_hash("polygenelubricants"), i32::MIN);
    assert_eq!(txn_partition("polygenelubricants", 50), 0);
    // Negative hash codes: "Aa" * 6 and the like; -abs.
    let h = java_string_hash("transactional-producer-zz");
    assert_eq!(
        txn_partition("transactional-producer-zz", 50),
        (kafka_abs(h) % 50) as u32
    );
    assert_eq!(kafka_abs(-5), 5);
}

#[test]
fn metadata_round_trips_through_its_record() {
    let m = TxnMetadata {
        producer_id: 1000,
        epoch: 3,
        state: TxnState::PrepareCommit,
        partitions: [
            TopicPartition::new("orders", 0),
            TopicPartition::new("pay", 2),
        ]
        .into_iter()
        .collect(),
        timeout_ms: 60_000,
        start: 1234,
    };
    assert_eq!(TxnMetadata::decode(&m.encode()), Some(m.clone()));
    let empty = TxnMetadata {
        partitions: BTreeSet::new(),
        state: TxnState::Empty,
        ..m
    };
    assert_eq!(TxnMetadata::decode(&empty.encode()), Some(empty));
    assert_eq!(TxnMetadata::decode("garbage"), None);
}

fn set_txn_min_isr(c: &mut Coordinator, n: &str) {
    c.configs.set_configs(
        crate::cluster::msg::ConfigEntity::Topic(TXN_TOPIC.into()),
        [("min.insync.replicas".to_string(), n.to_string())]
            .into_iter()
            .collect(),
    );
}

/// `__transaction_state` has `min.insync.replicas=transaction.state.log.min.isr` (2): with one
/// in-sync replica the coordinator's `acks=-1` write is refused before anything changes, and
/// the client hears COORDINATOR_NOT_AVAILABLE (`appendTransactionToLog`'s mapping) and
/// retries; with two required and two in sync it goes through. ZooKeeper era: the configured
/// value as it is.
#[test]
fn a_transaction_log_write_needs_min_isr_in_sync_replicas() {
    let mut c = Coordinator::new();
    set_txn_min_isr(&mut c, "2");
    c.call(|t, ctx, log| t.on_producer_id_block(ctx, log, 0));
    let sent =
        c.call(|t, ctx, log| t.on_init_txn_producer_id(ctx, CLIENT, 1, "tx".into(), 60_000, log));
    assert_eq!(
        init_pid_result(&sent),
        Some(Err(KafkaError::CoordinatorNotAvailable))
    );
    let tp = TopicPartition::new(TXN_TOPIC, txn_partition("tx", LAB_TXN_PARTITIONS));
    assert!(c.rm.logs.get(&tp).is_none_or(|l| l.records().is_empty()));
    assert!(!c.txn.txns.contains_key("tx"), "nothing changed");
    // The topic's minimum lowered (as after kafka-configs.sh --alter): the retry succeeds.
    set_txn_min_isr(&mut c, "1");
    let sent =
        c.call(|t, ctx, log| t.on_init_txn_producer_id(ctx, CLIENT, 2, "tx".into(), 60_000, log));
    assert!(
        matches!(init_pid_result(&sent), Some(Ok((_, 0)))),
        "{sent:?}"
    );
    // An open transaction cannot end while the ISR is too small: EndTxn is refused and the
    // transaction stays Ongoing (the client retries the same EndTxn later).
    let meta = c.txn.txns.get("tx").cloned().unwrap();
    let (pid, epoch) = (meta.producer_id, meta.epoch);
    c.call(|t, ctx, log| {
        t.on_add_partitions_to_txn(
            ctx,
            CLIENT,
            3,
            "tx".into(),
            pid,
            epoch,
            vec![TopicPartition::new("orders", 0)],
            log,
        )
    });
    set_txn_min_isr(&mut c, "2");
    let sent =
        c.call(|t, ctx, log| t.on_end_txn(ctx, CLIENT, 4, "tx".into(), pid, epoch, true, log));
    assert!(sent.iter().any(|(_, m)| matches!(
        m,
        Msg::EndTxnResponse {
            result: Err(KafkaError::CoordinatorNotAvailable),
            ..
        }
    )));
    assert_eq!(c.txn.txns.get("tx").unwrap().state, TxnState::Ongoing);
}

/// KRaft era (Kafka 4.1, `Partition.effectiveMinIsr`): the minimum is capped at the replica
/// count, so a one-replica log takes writes with min.insync.replicas=2, while a three-replica
/// log with one replica in sync does not.
#[test]
fn in_kraft_the_transaction_log_minimum_is_capped_at_its_replicas() {
    let mut c = Coordinator::new();
    c.controller = crate::cluster::controller_channel::ControllerChannel::Quorum {
        active: Some(3002),
        broker_epoch: Some(5),
    };
    set_txn_min_isr(&mut c, "2");
    c.call(|t, ctx, log| t.on_producer_id_block(ctx, log, 0));
    let sent =
        c.call(|t, ctx, log| t.on_init_txn_producer_id(ctx, CLIENT, 1, "tx".into(), 60_000, log));
    assert!(
        matches!(init_pid_result(&sent), Some(Ok((0, 0)))),
        "{sent:?}"
    );
    let tp = TopicPartition::new(TXN_TOPIC, txn_partition("tx", LAB_TXN_PARTITIONS));
    c.rm.partitions.get_mut(&tp).unwrap().replicas = vec![1, 2, 3];
    let sent =
        c.call(|t, ctx, log| t.on_init_txn_producer_id(ctx, CLIENT, 2, "tx".into(), 60_000, log));
    assert_eq!(
        init_pid_result(&sent),
        Some(Err(KafkaError::CoordinatorNotAvailable))
    );
    assert_eq!(c.txn.txns.get("tx").unwrap().epoch, 0, "not bumped");
}
