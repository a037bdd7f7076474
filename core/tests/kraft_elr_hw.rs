//! KIP-966 in Kafka 4.1 (`core/src/main/scala/kafka/cluster/Partition.scala`,
//! `maybeIncrementLeaderHW`: "Not increasing HWM because partition is under min ISR", since
//! KAFKA-15583 in 3.7; `effectiveMinIsr` = min(`min.insync.replicas`, replica count)): a leader
//! elected from the ELR leads an ISR of one, below `min.insync.replicas` = 2, so its high
//! watermark stays where it was — records it appends (acks=1) stay invisible to consumers —
//! until a second replica is back in the ISR; then it advances to the log end.

use kafka_lab::cli::Lab;
use kafka_lab::cluster::replica::Role;
use kafka_lab::cluster::testing;
use kafka_lab::model::TopicPartition;

fn hw_and_leo(lab: &Lab, broker: u32, tp: &TopicPartition) -> (u64, u64, Vec<u32>) {
    let b = &testing::brokers(lab.cluster())[&broker];
    let p = &b.replica_manager.partitions[tp];
    assert_eq!(p.role, Role::Leader, "broker {broker} leads {tp}");
    (p.hw, b.replica_manager.logs[tp].leo(), p.isr.clone())
}

#[test]
fn a_leader_elected_from_the_elr_keeps_its_high_watermark_below_min_isr() {
    let mut lab = Lab::new(3, 7);
    for cmd in [
        "brokers 3 --mode kraft",
        "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic pay --partitions 1 --replication-factor 3 --config min.insync.replicas=2",
        "produce --topic pay --acks all --count 3 p",
        "stop-broker 3",
        "advance 3s",
        "stop-broker 2",
        "advance 3s",
        "kill-broker 1",
        "advance 10s",
        "start-broker 2",
        "advance 3s",
    ] {
        lab.execute(cmd).unwrap_or_else(|e| panic!("{cmd}: {e:?}"));
    }
    let tp = TopicPartition::new("pay", 0);
    // Elected from the ELR: ISR [2], below min.insync.replicas.
    let (hw, leo, isr) = hw_and_leo(&lab, 2, &tp);
    assert_eq!(isr, vec![2]);
    assert_eq!(
        (hw, leo),
        (3, 3),
        "every acknowledged record kept and visible"
    );
    lab.execute("produce --topic pay --acks 1 --count 2 q")
        .unwrap();
    lab.execute("advance 1s").unwrap();
    let (hw, leo, _) = hw_and_leo(&lab, 2, &tp);
    assert_eq!(leo, 5, "the leader appended the acks=1 records");
    assert_eq!(hw, 3, "under min ISR the high watermark does not move");
    // Broker 3 comes back (a clean shutdown: it may rejoin), catches up, joins the ISR:
    // the ISR reaches min.insync.replicas and the high watermark reaches the log end.
    lab.execute("start-broker 3").unwrap();
    lab.execute("advance 15s").unwrap();
    let (hw, leo, isr) = hw_and_leo(&lab, 2, &tp);
    assert!(isr.len() >= 2, "{isr:?}");
    assert_eq!((hw, leo), (5, 5));
}

#[test]
fn kraft_caps_min_isr_at_the_replica_count() {
    // Kafka 4.1 `Partition.effectiveMinIsr` (min(min.insync.replicas, replicas)), used by
    // `appendRecordsToLeader` and `maybeIncrementLeaderHW`: a one-replica topic with
    // min.insync.replicas=2 takes acks=all writes and its high watermark advances.
    let mut lab = Lab::new(3, 7);
    for cmd in [
        "brokers 3 --mode kraft",
        "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic solo --partitions 1 --replication-factor 1 --config min.insync.replicas=2",
        "produce --topic solo --acks all --count 2 s",
        "advance 1s",
    ] {
        lab.execute(cmd).unwrap_or_else(|e| panic!("{cmd}: {e:?}"));
    }
    let tp = TopicPartition::new("solo", 0);
    let leader = (1..=3)
        .find(|b| {
            testing::brokers(lab.cluster())[b]
                .replica_manager
                .partitions
                .get(&tp)
                .is_some_and(|p| p.role == Role::Leader)
        })
        .expect("a leader");
    assert_eq!(hw_and_leo(&lab, leader, &tp).0, 2);
}
