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
            metadata.partitions.insert(ps.tp, ps.clone());
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
