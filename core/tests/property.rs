//! Property test: seeded random schedules of faults and commands. After every step the
//! cluster's invariants are checked (debug assertions inside `Cluster`); after the faults heal,
//! the cluster must converge; and replaying the journal must rebuild the exact same state.
//! A failure prints the seed and the schedule, which replay it exactly.

use kafka_lab::cli::Lab;
use kafka_lab::cluster::replica::Role;
use kafka_lab::cluster::testing;
use kafka_lab::model::TopicPartition;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Kill(u32),
    Start(u32),
    Advance(u64),
    Create(u32, u32),
    Step(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1..=4u32).prop_map(Op::Kill),
        3 => (1..=4u32).prop_map(Op::Start),
        4 => (1..15_000u64).prop_map(Op::Advance),
        1 => (1..6u32, 1..4u32).prop_map(|(p, r)| Op::Create(p, r)),
        2 => (1..40u8).prop_map(Op::Step),
    ]
}

fn run(seed: u64, ops: &[Op]) -> Lab {
    let mut lab = Lab::new(4, seed);
    lab.execute("kafka-topics.sh --create --topic base --partitions 4 --replication-factor 3")
        .unwrap();
    for (i, op) in ops.iter().enumerate() {
        // Commands may fail (killing a dead broker, too few brokers for a topic): that is fine.
        let _ = match op {
            Op::Kill(b) => lab.execute(&format!("kill-broker {b}")),
            Op::Start(b) => lab.execute(&format!("start-broker {b}")),
            Op::Advance(ms) => lab.execute(&format!("advance {ms}")),
            Op::Create(p, r) => lab.execute(&format!(
                "kafka-topics.sh --create --topic t{i} --partitions {p} --replication-factor {r}"
            )),
            Op::Step(n) => {
                for _ in 0..*n {
                    lab.step();
                }
                Ok(String::new())
            }
        };
    }
    lab
}

proptest! {
    // 300 schedules in `make test`; PROPTEST_CASES=100000 for a long run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(300)
    ))]

    #[test]
    fn random_fault_schedules_converge_and_replay_exactly(
        seed in any::<u64>(),
        ops in proptest::collection::vec(op(), 1..25),
    ) {
        let mut lab = run(seed, &ops);

        // Replaying the journal rebuilds the very same cluster.
        let mut replayed = lab.replay(lab.journal().len());
        replayed.run_to(lab.cluster().now(), lab.cluster().processed());
        prop_assert_eq!(format!("{:?}", replayed.cluster()), format!("{:?}", lab.cluster()),
            "replay differs (seed {})", seed);

        // Heal: every broker up, then time for sessions to expire and retries to land.
        for b in 1..=4 {
            let _ = lab.execute(&format!("start-broker {b}"));
        }
        lab.execute("advance 30s").unwrap();
        let c = lab.cluster();
        let controller = c.controller();
        prop_assert!(controller.is_some(), "no controller (seed {})", seed);
        prop_assert_eq!(testing::zk(c).broker_ids.len(), 4, "not all brokers registered (seed {})", seed);
        for b in testing::brokers(c).values() {
            prop_assert_eq!(b.metadata.controller, controller,
                "broker {} does not know the controller (seed {})", b.id, seed);
            prop_assert_eq!(b.is_controller(), Some(b.id) == controller);
        }
        for (name, t) in &testing::zk(c).topics {
            for (&p, replicas) in &t.assignment {
                let tp = TopicPartition::new(name.clone(), p);
                let s = t.states.get(&p);
                prop_assert!(s.is_some(), "{} never got a leader (seed {})", tp, seed);
                let s = s.unwrap();
                let leader = s.leader;
                prop_assert!(leader.is_some(), "{} has no leader after healing (seed {})", tp, seed);
                let mut isr = s.isr.clone();
                isr.sort();
                let mut all = replicas.clone();
                all.sort();
                prop_assert_eq!(isr, all, "{} ISR not full after healing (seed {})", &tp, seed);
                for &r in replicas {
                    let mine = testing::brokers(c)[&r].replica_manager.partitions.get(&tp);
                    prop_assert!(mine.is_some(), "broker {} does not know {} (seed {})", r, &tp, seed);
                    let mine = mine.unwrap();
                    prop_assert_eq!(mine.leader_epoch, s.leader_epoch,
                        "broker {} has epoch {} for {}, ZooKeeper {} (seed {})", r, mine.leader_epoch, &tp, s.leader_epoch, seed);
                    let want = if Some(r) == leader { Role::Leader } else { Role::Follower };
                    prop_assert_eq!(mine.role, want);
                }
            }
        }
    }
}

/// Words a learner (or a cat on the keyboard) might type.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("kafka-topics.sh".to_string()),
        Just("--create".to_string()),
        Just("--describe".to_string()),
        Just("--list".to_string()),
        Just("--topic".to_string()),
        Just("--partitions".to_string()),
        Just("--replication-factor".to_string()),
        Just("--config".to_string()),
        Just("--leader-of".to_string()),
        Just("kill-broker".to_string()),
        Just("start-broker".to_string()),
        Just("advance".to_string()),
        Just("step".to_string()),
        Just("brokers".to_string()),
        Just("seed".to_string()),
        Just("events".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("=".to_string()),
        Just("-1".to_string()),
        Just("18446744073709551616".to_string()),
        (0u64..100_000).prop_map(|n| n.to_string()),
        "[a-z0-9._=-]{0,12}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(300)
    ))]

    /// Whatever is typed, the interpreter answers with output or one line of error; it never
    /// panics (a panic fails the test) and never runs away (advance and step are bounded).
    #[test]
    fn any_input_gets_an_answer_not_a_panic(lines in proptest::collection::vec(
        proptest::collection::vec(word(), 0..7).prop_map(|w| w.join(" ")), 1..12)) {
        let mut lab = Lab::new(3, 1);
        for line in &lines {
            if let Err(e) = lab.execute(line) {
                prop_assert!(!e.contains('\n'), "multi-line error for {:?}: {:?}", line, e);
                prop_assert!(!e.is_empty());
            }
        }
    }
}

#[derive(Clone, Debug)]
enum Fault {
    Kill(u32),
    Start(u32),
    Advance(u64),
    Produce(u32),
    Cut(u32, u32),
    CutZk(u32),
    Heal,
    Slow(u32, u64),
    Step(u8),
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        2 => (1..=4u32).prop_map(Fault::Kill),
        2 => (1..=4u32).prop_map(Fault::Start),
        4 => (1..12_000u64).prop_map(Fault::Advance),
        4 => (1..4u32).prop_map(Fault::Produce),
        1 => (1..=4u32, 1..=4u32).prop_map(|(a, b)| Fault::Cut(a, b)),
        1 => (1..=4u32).prop_map(Fault::CutZk),
        1 => Just(Fault::Heal),
        1 => (1..=4u32, 0..15_000u64).prop_map(|(b, ms)| Fault::Slow(b, ms)),
        2 => (1..40u8).prop_map(Fault::Step),
    ]
}

proptest! {
    // 1000 schedules in `make test`; PROPTEST_CASES=100000 for a long run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1000)
    ))]

    /// The safe configuration loses nothing: acks=all, min.insync.replicas=2, clean election,
    /// leader-epoch truncation — whatever kills, cuts, slow followers and steps come. Every
    /// invariant holds after every step, and once the faults heal no acknowledged record is
    /// missing from its leader. (Duplicates are allowed: the producer is not idempotent.)
    #[test]
    fn the_safe_configuration_never_loses_an_acked_record(
        seed in any::<u64>(),
        faults in proptest::collection::vec(fault(), 1..20),
    ) {
        let mut lab = Lab::new(4, seed);
        lab.execute("kafka-topics.sh --create --topic safe --partitions 2 --replication-factor 3 --config min.insync.replicas=2")
            .unwrap();
        for (i, f) in faults.iter().enumerate() {
            let _ = match f {
                Fault::Kill(b) => lab.execute(&format!("kill-broker {b}")),
                Fault::Start(b) => lab.execute(&format!("start-broker {b}")),
                Fault::Advance(ms) => lab.execute(&format!("advance {ms}")),
                Fault::Produce(n) => lab.execute(&format!(
                    "produce --topic safe --acks all --async --count {n} v{i}"
                )),
                Fault::Cut(a, b) => lab.execute(&format!("cut {a} {b}")),
                Fault::CutZk(b) => lab.execute(&format!("cut {b} zk")),
                Fault::Heal => lab.execute("heal"),
                Fault::Slow(b, ms) => lab.execute(&format!("slow-broker {b} {ms}")),
                Fault::Step(n) => lab.execute(&format!("step {n}")),
            };
        }
        lab.execute("heal").unwrap();
        for b in 1..=4 {
            let _ = lab.execute(&format!("start-broker {b}"));
            lab.execute(&format!("slow-broker {b} 0")).unwrap();
        }
        // Long enough for every producer retry to end (delivery.timeout.ms is 120 s).
        lab.execute("advance 160s").unwrap();
        let c = lab.cluster();
        prop_assert!(c.violations().is_empty(), "invariants broken (seed {}): {:?}", seed, c.violations());
        let lost: Vec<_> = c.ledger_status().into_iter().filter(|s| s.lost).map(|s| s.entry).collect();
        prop_assert!(lost.is_empty(), "acked records lost (seed {}): {:?}", seed, lost);
        prop_assert!(c.producers_idle(), "a send never got an answer (seed {})", seed);
    }
}

proptest! {
    // 300 schedules in `make test`; PROPTEST_CASES for a long run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(300)
    ))]

    /// An idempotent producer (Kafka 3.x defaults: acks=all, enable.idempotence=true) never
    /// writes a record twice within one session, whatever kills, cuts (answers to the producer
    /// lost among them), slow followers and steps come: every retry of a batch the leader
    /// already has is recognised by its sequence numbers.
    #[test]
    fn an_idempotent_producer_never_duplicates_within_a_session(
        seed in any::<u64>(),
        faults in proptest::collection::vec(fault(), 1..20),
    ) {
        let mut lab = Lab::new(4, seed);
        lab.execute("client-version 3.x").unwrap();
        lab.execute("kafka-topics.sh --create --topic idem --partitions 2 --replication-factor 3 --config min.insync.replicas=2")
            .unwrap();
        lab.execute("produce --topic idem warm-up").unwrap();
        for (i, f) in faults.iter().enumerate() {
            let _ = match f {
                Fault::Kill(b) => lab.execute(&format!("kill-broker {b}")),
                Fault::Start(b) => lab.execute(&format!("start-broker {b}")),
                Fault::Advance(ms) => lab.execute(&format!("advance {ms}")),
                Fault::Produce(n) => lab.execute(&format!("produce --topic idem --async --count {n} v{i}")),
                // The producer's answers from a broker are lost: its retries are the duplicates
                // idempotence must catch.
                Fault::Cut(a, _) => lab.execute(&format!("cut {a} console-producer --one-way")),
                Fault::CutZk(b) => lab.execute(&format!("cut {b} zk")),
                Fault::Heal => lab.execute("heal"),
                Fault::Slow(b, ms) => lab.execute(&format!("slow-broker {b} {ms}")),
                Fault::Step(n) => lab.execute(&format!("step {n}")),
            };
        }
        lab.execute("heal").unwrap();
        for b in 1..=4 {
            let _ = lab.execute(&format!("start-broker {b}"));
            lab.execute(&format!("slow-broker {b} 0")).unwrap();
        }
        lab.execute("advance 160s").unwrap();
        let c = lab.cluster();
        prop_assert!(c.violations().is_empty(), "invariants broken (seed {}): {:?}", seed, c.violations());
        let twice: Vec<_> = c.ledger_status().into_iter().filter(|s| s.duplicated).map(|s| s.entry).collect();
        prop_assert!(twice.is_empty(), "records written twice (seed {}): {:?}", seed, twice);
        let lost: Vec<_> = c.ledger_status().into_iter().filter(|s| s.lost).map(|s| s.entry).collect();
        prop_assert!(lost.is_empty(), "acked records lost (seed {}): {:?}", seed, lost);
        prop_assert!(c.producers_idle(), "a send never got an answer (seed {})", seed);
    }
}

#[derive(Clone, Debug)]
enum TxnOp {
    Begin,
    Send(u32),
    Commit,
    Abort,
    Fault(Fault),
}

fn txn_op() -> impl Strategy<Value = TxnOp> {
    prop_oneof![
        2 => Just(TxnOp::Begin),
        4 => (0..2u32).prop_map(TxnOp::Send),
        2 => Just(TxnOp::Commit),
        2 => Just(TxnOp::Abort),
        3 => fault().prop_map(TxnOp::Fault),
    ]
}

proptest! {
    // 100 schedules in `make test`; PROPTEST_CASES for a long run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(100)
    ))]

    /// A read_committed consumer never returns a record of a transaction the producer
    /// aborted, whatever kills, cuts, slow followers and steps come — coordinators failing
    /// over among them. (And it never reads past the LSO: a record of a transaction still
    /// open is not returned either.)
    #[test]
    fn read_committed_never_returns_an_aborted_record(
        seed in any::<u64>(),
        ops in proptest::collection::vec(txn_op(), 1..24),
    ) {
        let mut lab = Lab::new(4, seed);
        lab.execute("client-version 3.x").unwrap();
        lab.execute("kafka-topics.sh --create --topic tx --partitions 2 --replication-factor 3").unwrap();
        let mut aborted: Vec<String> = Vec::new();
        let mut current: Vec<String> = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            match op {
                TxnOp::Begin => {
                    if lab.execute("txn begin --transactional-id app").is_ok() {
                        current.clear();
                    }
                }
                TxnOp::Send(p) => {
                    let v = format!("r{i}");
                    if lab.execute(&format!("produce --topic tx --partition {p} --producer-property transactional.id=app {v}")).is_ok() {
                        current.push(v);
                    }
                }
                TxnOp::Commit => {
                    if lab.execute("txn commit --transactional-id app").is_ok() {
                        current.clear();
                    }
                }
                TxnOp::Abort => {
                    if lab.execute("txn abort --transactional-id app").is_ok() {
                        aborted.append(&mut current);
                    }
                }
                TxnOp::Fault(f) => {
                    let _ = match f {
                        Fault::Kill(b) => lab.execute(&format!("kill-broker {b}")),
                        Fault::Start(b) => lab.execute(&format!("start-broker {b}")),
                        Fault::Advance(ms) => lab.execute(&format!("advance {ms}")),
                        Fault::Produce(_) => lab.execute("advance 100"),
                        Fault::Cut(a, b) => lab.execute(&format!("cut {a} {b}")),
                        Fault::CutZk(b) => lab.execute(&format!("cut {b} zk")),
                        Fault::Heal => lab.execute("heal"),
                        Fault::Slow(b, ms) => lab.execute(&format!("slow-broker {b} {ms}")),
                        Fault::Step(n) => lab.execute(&format!("step {n}")),
                    };
                }
            }
            // Whatever happened so far, read_committed shows no aborted record.
            let seen = lab.execute("kafka-console-consumer.sh --topic tx --from-beginning --isolation-level read_committed").unwrap_or_default();
            for v in &aborted {
                prop_assert!(!seen.lines().any(|l| l == v), "read_committed returned aborted {} (seed {}): {}", v, seed, seen);
            }
        }
        lab.execute("heal").unwrap();
        for b in 1..=4 {
            let _ = lab.execute(&format!("start-broker {b}"));
            lab.execute(&format!("slow-broker {b} 0")).unwrap();
        }
        lab.execute("advance 160s").unwrap();
        let seen = lab.execute("kafka-console-consumer.sh --topic tx --from-beginning --isolation-level read_committed").unwrap();
        for v in &aborted {
            prop_assert!(!seen.lines().any(|l| l == v), "read_committed returned aborted {} (seed {}): {}", v, seed, seen);
        }
        let c = lab.cluster();
        prop_assert!(c.violations().is_empty(), "invariants broken (seed {}): {:?}", seed, c.violations());
    }
}

/// Storage: for any batches and index interval, looking an offset up through the segments and
/// the sparse index finds the same batch as reading every batch from the first.
mod storage_lookup {
    use kafka_lab::storage::batch::{encode_batch, ProducerFields, RecordIn};
    use kafka_lab::storage::segment::{SegmentConfig, SegmentedLog};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lookup_equals_a_linear_scan(
            sizes in proptest::collection::vec((1usize..5, 0usize..120), 1..120),
            segment_bytes in 200u32..3000,
            interval in 0u32..600,
        ) {
            let cfg = SegmentConfig { segment_bytes, index_interval_bytes: interval, ..SegmentConfig::LAB };
            let mut log = SegmentedLog::default();
            for (n, len) in &sizes {
                let value = vec![b'v'; *len];
                let recs: Vec<RecordIn<'_>> = (0..*n)
                    .map(|i| RecordIn { timestamp: 1000 + i as i64, key: None, value: Some(&value), headers: &[] })
                    .collect();
                let b = encode_batch(log.log_end_offset(), 0, ProducerFields::NONE, &recs);
                log.append(&cfg, &b, 0);
            }
            let all: Vec<_> = log.segments().iter().flat_map(|s| s.batches().iter().map(move |b| (s.base_offset(), *b))).collect();
            for target in 0..log.log_end_offset() {
                let l = log.lookup(target);
                let (seg, linear) = all.iter().find(|(_, b)| b.last_offset >= target).copied().unwrap();
                prop_assert_eq!(l.segment, Some(seg));
                prop_assert_eq!(l.found, Some(linear));
                prop_assert!(l.index.probes.len() <= 2 + 2 * (64 - (l.index.entries as u64).leading_zeros() as usize));
            }
            prop_assert_eq!(log.lookup(log.log_end_offset()).found, None);
        }
    }
}
