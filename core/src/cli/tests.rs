use super::*;
use std::collections::BTreeMap;

fn run(lab: &mut Lab, line: &str) -> String {
    lab.execute(line)
        .unwrap_or_else(|e| panic!("`{line}` failed: {e}"))
}

#[test]
fn fresh_lab_has_a_controller_and_registered_brokers() {
    let lab = Lab::default();
    let c = lab.cluster();
    assert!(c.is_settled());
    assert_eq!(c.zk.broker_ids.len(), 3);
    assert!(c.controller().is_some());
}

#[test]
fn create_then_describe_prints_kafkas_format() {
    let mut lab = Lab::default();
    assert_eq!(
        run(
            &mut lab,
            "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3"
        ),
        "Created topic orders.\n"
    );
    // Kafka 2.3 (the lab's default client, the notes' era) through the admin client:
    // `Topic:T\tPartitionCount:N`, every config not at its default.
    let d = run(&mut lab, "kafka-topics.sh --describe --topic orders");
    let lines: Vec<&str> = d.lines().collect();
    assert_eq!(lines.len(), 4, "{d}");
    assert_eq!(
        lines[0],
        "Topic:orders\tPartitionCount:3\tReplicationFactor:3\tConfigs:index.interval.bytes=128,segment.bytes=1024",
        "{d}"
    );
    for (i, l) in lines[1..].iter().enumerate() {
        let f: Vec<&str> = l.split('\t').collect();
        assert_eq!(f[0], "");
        assert_eq!(f[1], "Topic: orders");
        assert_eq!(f[2], format!("Partition: {i}"));
        let replicas = f[4].strip_prefix("Replicas: ").unwrap();
        // The preferred (first) replica leads a new partition, and all three are in sync.
        assert_eq!(f[3], format!("Leader: {}", &replicas[..1]));
        let mut isr: Vec<&str> = f[5].strip_prefix("Isr: ").unwrap().split(',').collect();
        isr.sort();
        assert_eq!(isr, ["1", "2", "3"]);
        assert_eq!(f.len(), 6, "2.3 printed no Elr: {l}");
    }
    // 2.3 with --zookeeper read the topic's config znode: its overrides only (none here).
    let z = run(
        &mut lab,
        "kafka-topics.sh --describe --topic orders --zookeeper localhost:2181",
    );
    assert!(
        z.starts_with("Topic:orders\tPartitionCount:3\tReplicationFactor:3\tConfigs:\n"),
        "{z}"
    );
    // Today's tool (2.8+: TopicId; 3.8+: Elr, N/A from ZooKeeper-mode brokers).
    run(&mut lab, "client-version 4.0");
    let d = run(&mut lab, "kafka-topics.sh --describe --topic orders");
    let lines: Vec<&str> = d.lines().collect();
    assert!(lines[0].starts_with("Topic: orders\tTopicId: "), "{d}");
    assert!(
        lines[0].ends_with(
            "\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: index.interval.bytes=128,segment.bytes=1024"
        ),
        "{d}"
    );
    for l in &lines[1..] {
        assert!(l.ends_with("\tElr: N/A\tLastKnownElr: N/A"), "{l}");
    }
    run(&mut lab, "client-version 2.3");
    assert_eq!(run(&mut lab, "kafka-topics.sh --list"), "orders\n");
}

#[test]
fn killing_a_leader_moves_leadership_after_the_session_expires() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3",
    );
    let tp = TopicPartition::new("orders", 0);
    let old = lab.cluster().leader_of(&tp).unwrap();
    let out = run(&mut lab, "kill-broker --leader-of orders-0");
    assert!(out.contains(&format!("Broker {old} died")), "{out}");
    // Nothing moves until ZooKeeper expires the session (6000 ms in the lab).
    run(&mut lab, "advance 5000");
    assert_eq!(lab.cluster().leader_of(&tp), Some(old));
    let out = run(&mut lab, "advance 2000");
    assert!(
        out.contains(&format!("the session of broker {old} expired")),
        "{out}"
    );
    let new = lab.cluster().leader_of(&tp).unwrap();
    assert_ne!(new, old);
    let s = lab.cluster().zk.partition_state(&tp).unwrap();
    assert_eq!(s.leader_epoch, 1);
    assert!(!s.isr.contains(&old));
    // The new leader knows it.
    let nb = lab.cluster().broker(new).unwrap();
    assert_eq!(
        nb.replica_manager.partitions[&tp].role,
        crate::cluster::replica::Role::Leader
    );
    // The restarted broker comes back as a follower and rejoins the ISR.
    run(&mut lab, &format!("start-broker {old}"));
    run(&mut lab, "advance 1000");
    assert_eq!(lab.cluster().leader_of(&tp), Some(new));
    let s = lab.cluster().zk.partition_state(&tp).unwrap();
    assert!(s.isr.contains(&old), "{s:?}");
    let ob = lab.cluster().broker(old).unwrap();
    assert_eq!(
        ob.replica_manager.partitions[&tp].role,
        crate::cluster::replica::Role::Follower
    );
}

#[test]
fn controller_failover_elects_another_broker() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic t --partitions 6 --replication-factor 2",
    );
    let c = lab.cluster().controller().unwrap();
    run(&mut lab, &format!("kill-broker {c}"));
    run(&mut lab, "advance 7000");
    let c2 = lab.cluster().controller().unwrap();
    assert_ne!(c, c2);
    assert_eq!(lab.cluster().zk.controller_epoch, 2);
    // Every partition that had the dead controller as leader has a live leader now.
    for p in 0..6 {
        let l = lab
            .cluster()
            .leader_of(&TopicPartition::new("t", p))
            .unwrap();
        assert_ne!(l, c);
    }
}

#[test]
fn last_isr_member_dying_leaves_the_partition_offline_until_it_returns() {
    let mut lab = Lab::new(3, 5);
    run(
        &mut lab,
        "kafka-topics.sh --create --topic solo --partitions 1 --replication-factor 1",
    );
    let tp = TopicPartition::new("solo", 0);
    let b = lab.cluster().leader_of(&tp).unwrap();
    run(&mut lab, &format!("kill-broker {b}"));
    let out = run(&mut lab, "advance 7s");
    assert!(out.contains("offline"), "{out}");
    let s = lab.cluster().zk.partition_state(&tp).unwrap().clone();
    assert_eq!(s.leader, None);
    assert_eq!(s.isr, vec![b]);
    let d = run(&mut lab, "kafka-topics.sh --describe --topic solo");
    assert!(d.contains("\tLeader: none\t"), "{d}");
    run(&mut lab, &format!("start-broker {b}"));
    run(&mut lab, "advance 2s");
    assert_eq!(lab.cluster().leader_of(&tp), Some(b));
}

#[test]
fn quick_restart_waits_for_the_old_session() {
    let mut lab = Lab::default();
    run(&mut lab, "kill-broker 2");
    run(&mut lab, "advance 1000");
    let out = run(&mut lab, "start-broker 2");
    assert!(out.contains("started"), "{out}");
    let out = run(&mut lab, "advance 1000");
    assert!(out.contains("cannot register yet"), "{out}");
    let out = run(&mut lab, "advance 6000");
    assert!(out.contains("registered /brokers/ids/2"), "{out}");
    assert!(lab.cluster().zk.broker_ids.contains_key(&2));
}

#[test]
fn errors_are_one_clear_line() {
    let mut lab = Lab::default();
    let cases = [
        ("nonsense", "unknown command 'nonsense'"),
        (
            "kafka-topics.sh --create --topic x --partitions two",
            "Cannot parse argument 'two' of option partitions",
        ),
        ("kafka-topics.sh --create --list", "exactly one action"),
        (
            "kafka-topics.sh --create --partitions 1",
            "Missing required argument \"[topic]\"",
        ),
        (
            "kafka-topics.sh --create --topic x --replication-factor 4",
            "Replication factor: 4 larger than available brokers: 3.",
        ),
        (
            "kafka-topics.sh --create --topic 'a b'",
            "Topic name is invalid",
        ),
        (
            "kafka-topics.sh --create --topic x --config nope=1",
            "Unknown topic config name: nope",
        ),
        (
            "kafka-topics.sh --create --topic x --config min.insync.replicas",
            "\"key=val\"",
        ),
        (
            "kafka-topics.sh --zookeeper localhost:2181 --describe --topic missing",
            "Error while executing topic command : Topics in [] does not exist",
        ),
        (
            "kafka-topics.sh --frobnicate",
            "frobnicate is not a recognized option",
        ),
        ("kill-broker 9", "there is no broker 9"),
        ("kill-broker x", "'x' is not a broker id"),
        ("kill-broker --leader-of orders", "not a partition"),
        (
            "kill-broker --leader-of nope-0",
            "there is no partition nope-0",
        ),
        ("start-broker 1", "broker 1 is already running"),
        ("advance", "give a duration"),
        ("advance -5", "not a duration"),
        (
            "advance 99999999999999999999",
            "is too large: at most 86400000 ms",
        ),
        ("advance 999999999999s", "is too large: at most 86400000 ms"),
        ("advance 1000000h", "at most"),
        ("brokers 0", "between 1 and 64"),
        ("brokers 100000", "between 1 and 64"),
        ("seed x", "not a whole number"),
        ("echo 'unbalanced", "unbalanced quotes"),
    ];
    for (line, want) in cases {
        let e = lab.execute(line).expect_err(line);
        assert!(
            e.contains(want),
            "`{line}` gave `{e}`, expected it to contain `{want}`"
        );
        // One line, plus at most a line of lab hint.
        assert!(
            e.lines().skip(1).all(|l| l.starts_with("lab hint: ")) && e.lines().count() <= 2,
            "`{line}` gave a multi-line error: {e}"
        );
    }
    // Creating the same topic twice is Kafka's error; --if-not-exists silences it.
    run(&mut lab, "kafka-topics.sh --create --topic dup");
    let e = lab
        .execute("kafka-topics.sh --create --topic dup")
        .unwrap_err();
    assert_eq!(
        e,
        "Error while executing topic command : Topic 'dup' already exists."
    );
    assert_eq!(
        run(
            &mut lab,
            "kafka-topics.sh --create --topic dup --if-not-exists"
        ),
        ""
    );
}

#[test]
fn replaying_the_journal_rebuilds_the_same_state() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3",
    );
    lab.advance(1234);
    run(&mut lab, "kill-broker 1");
    // Stop between items, as the page's Step button does.
    for _ in 0..7 {
        lab.step();
    }
    run(&mut lab, "kill-broker 3");
    lab.advance(8000);
    run(&mut lab, "start-broker 1");
    lab.advance(500);
    let replayed = lab.replay(lab.journal().len());
    replayed_equal(&lab, &replayed);
    // A rewind keeps fewer commands, so it differs.
    let rewound = lab.replay(1);
    assert_ne!(
        format!("{:?}", rewound.cluster()),
        format!("{:?}", lab.cluster())
    );
}

fn replayed_equal(a: &Lab, b: &Lab) {
    // The replay stops after the last command; bring it to exactly where the original is.
    let mut b = b.clone();
    b.run_to(a.cluster().now(), a.cluster().processed());
    assert_eq!(format!("{:?}", a.cluster()), format!("{:?}", b.cluster()));
}

#[test]
fn same_seed_same_run_other_seed_other_placement() {
    let script = [
        "kafka-topics.sh --create --topic a --partitions 5 --replication-factor 2",
        "kill-broker 2",
        "advance 10s",
        "kafka-topics.sh --describe",
    ];
    let run_with = |seed: u64| {
        let mut lab = Lab::new(3, seed);
        let mut out = String::new();
        for l in script {
            out += &lab.execute(l).unwrap();
        }
        out + &narration(lab.cluster().log(), true, Lang::En)
    };
    assert_eq!(run_with(11), run_with(11));
    // Placement and topic ids depend on the seed.
    assert_ne!(run_with(11), run_with(12));
}

#[test]
fn a_huge_cluster_cannot_hang_a_command() {
    let mut lab = Lab::new(64, 1);
    let e = lab
        .execute("kafka-topics.sh --create --topic huge --partitions 400 --replication-factor 64")
        .unwrap_err();
    assert!(e.contains("at most 20000 replicas"), "{e}");
    run(
        &mut lab,
        "kafka-topics.sh --create --topic big --partitions 8 --replication-factor 64",
    );
    lab.set_event_budget(20_000);
    let e = lab.execute("advance 1h").unwrap_err();
    assert!(e.starts_with("advance: stopped at "), "{e}");
    assert!(lab.cluster().now() < 3_600_000);
}

#[test]
fn durations() {
    assert_eq!(parse_duration("6000"), Ok(6000));
    assert_eq!(parse_duration("6000ms"), Ok(6000));
    assert_eq!(parse_duration("6s"), Ok(6000));
    assert_eq!(parse_duration("2m"), Ok(120_000));
    assert_eq!(parse_duration("1h"), Ok(3_600_000));
    assert!(parse_duration("6x").is_err());
    assert!(parse_duration("").is_err());
}

/// The leader's high watermark moves once every ISR follower has fetched past a record; the
/// followers learn it one fetch later.
#[test]
fn high_watermark_follows_the_slowest_in_sync_replica_and_reaches_followers_a_fetch_later() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic t --partitions 1 --replication-factor 3",
    );
    let tp = TopicPartition::new("t", 0);
    let leader = lab.cluster().leader_of(&tp).unwrap();
    run(&mut lab, "produce --topic t --acks 1 a");
    // Acknowledged by the leader alone: nobody has fetched it yet.
    let hw =
        |lab: &Lab, b: u32| lab.cluster().broker(b).unwrap().replica_manager.partitions[&tp].hw;
    assert_eq!(hw(&lab, leader), 0);
    // A few milliseconds: the followers fetch the record, then fetch again from offset 1.
    run(&mut lab, "advance 20");
    assert_eq!(hw(&lab, leader), 1);
    let followers: Vec<u32> = lab.cluster().zk.topics["t"].assignment[&0]
        .iter()
        .copied()
        .filter(|&b| b != leader)
        .collect();
    // ...but their second fetch is held by the leader (nothing new): they still say 0.
    for &f in &followers {
        assert_eq!(
            lab.cluster().broker(f).unwrap().replica_manager.logs[&tp].leo(),
            1
        );
        assert_eq!(
            hw(&lab, f),
            0,
            "broker {f} learned the high watermark too early"
        );
    }
    // The held fetch returns after replica.fetch.wait.max.ms with the new high watermark.
    run(&mut lab, "advance 600");
    for &f in &followers {
        assert_eq!(hw(&lab, f), 1);
    }
}

#[test]
fn high_watermark_waits_while_the_isr_is_below_min_insync_replicas() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic t --partitions 1 --replication-factor 3 --config min.insync.replicas=3",
    );
    let tp = TopicPartition::new("t", 0);
    run(&mut lab, "kill-broker --follower-of t-0");
    run(&mut lab, "advance 7s");
    assert_eq!(lab.cluster().zk.partition_state(&tp).unwrap().isr.len(), 2);
    // acks=1 is accepted, but the high watermark stays: consumers see nothing.
    assert_eq!(run(&mut lab, "produce --topic t --acks 1 x"), "t-0@0\n");
    run(&mut lab, "advance 2s");
    let leader = lab.cluster().leader_of(&tp).unwrap();
    assert_eq!(
        lab.cluster()
            .broker(leader)
            .unwrap()
            .replica_manager
            .partitions[&tp]
            .hw,
        0
    );
    let out = run(
        &mut lab,
        "kafka-console-consumer.sh --topic t --partition 0 --from-beginning",
    );
    assert_eq!(out, "Processed a total of 0 messages\n");
    // acks=all is refused outright.
    let out = run(
        &mut lab,
        "produce --topic t --acks all --producer-property request.timeout.ms=500 --producer-property delivery.timeout.ms=1000 y",
    );
    assert_eq!(out, "ERROR NOT_ENOUGH_REPLICAS\n");
}

#[test]
fn a_follower_cut_off_leaves_the_isr_once_writes_leave_it_behind_and_rejoins_after() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic t --partitions 1 --replication-factor 3",
    );
    let tp = TopicPartition::new("t", 0);
    let isr = |lab: &Lab| lab.cluster().zk.partition_state(&tp).unwrap().isr.len();
    run(&mut lab, "cut leader:t-0 followers:t-0");
    // No writes: a follower at the leader's log end counts as caught up, however long it is
    // silent (Kafka's isCaughtUp).
    run(&mut lab, "advance 30s");
    assert_eq!(isr(&lab), 3);
    // A write leaves them behind. They last caught up 30 s ago, far more than
    // replica.lag.time.max.ms (10 s): the next check (every 5 s) drops them.
    run(&mut lab, "produce --topic t --acks 1 x");
    let out = run(&mut lab, "advance 5s");
    assert!(
        out.contains("fell behind for more than replica.lag.time.max.ms"),
        "{out}"
    );
    assert_eq!(isr(&lab), 1);
    run(&mut lab, "heal");
    // The followers' fetches time out (replica.socket.timeout.ms, 30 s), they fetch again,
    // catch up and rejoin.
    let out = run(&mut lab, "advance 35s");
    assert!(out.contains("added broker"), "{out}");
    assert_eq!(isr(&lab), 3);
}

#[test]
fn configs_change_through_zookeeper_and_reach_every_broker() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic t --partitions 1 --replication-factor 3",
    );
    assert_eq!(
        run(
            &mut lab,
            "kafka-configs.sh --bootstrap-server x:9092 --alter --entity-type topics --entity-name t --add-config min.insync.replicas=2,retention.ms=1000"
        ),
        "Completed updating config for topic t.\n"
    );
    for b in lab.cluster().brokers.values() {
        assert_eq!(b.topic_config("t", "min.insync.replicas"), "2");
    }
    let d = run(&mut lab, "kafka-topics.sh --describe --topic t");
    assert!(
        d.contains("\tConfigs:index.interval.bytes=128,min.insync.replicas=2,retention.ms=1000,segment.bytes=1024\n"),
        "{d}"
    );
    assert_eq!(
        run(
            &mut lab,
            "kafka-configs.sh --alter --entity-type brokers --entity-default --add-config unclean.leader.election.enable=true"
        ),
        "Completed updating default config for brokers in the cluster.\n"
    );
    let e = lab
        .execute(
            "kafka-configs.sh --alter --entity-type topics --entity-name t --add-config nope=1",
        )
        .unwrap_err();
    assert_eq!(e, "Unknown topic config name: nope");
    let e = lab
        .execute("kafka-configs.sh --alter --entity-type brokers --entity-name 1 --add-config num.io.threads=4")
        .unwrap_err();
    assert!(e.contains("read-only"), "{e}");
}

#[test]
fn produce_picks_partitions_like_the_java_client() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic t --partitions 3 --replication-factor 1",
    );
    // Keyed: murmur2; the same key always lands together.
    let a = run(&mut lab, "produce --topic t --key user-1 a");
    let b = run(&mut lab, "produce --topic t --key user-1 b");
    let p = crate::partitioner::partition_for_key(b"user-1", 3);
    assert!(a.starts_with(&format!("t-{p}@")) && b.starts_with(&format!("t-{p}@")));
    // Keyless: round-robin over the partitions.
    let out = run(&mut lab, "produce --topic t --count 3 x");
    let mut parts: Vec<&str> = out.lines().map(|l| &l[..3]).collect();
    parts.sort();
    assert_eq!(parts, ["t-0", "t-1", "t-2"]);
    // Explicit partition, and a bad one.
    assert!(run(&mut lab, "produce --topic t --partition 2 y").starts_with("t-2@"));
    let e = lab
        .execute("produce --topic t --partition 3 y")
        .unwrap_err();
    assert!(e.contains("not in the range [0...3)"), "{e}");
    let e = lab.execute("produce --topic nope y").unwrap_err();
    assert!(e.contains("not present in metadata"), "{e}");
}

/// Batch sizes in the leader's log of `tp`, in records.
fn batch_sizes(lab: &Lab, tp: &TopicPartition) -> Vec<usize> {
    let c = lab.cluster();
    let leader = c.leader_of(tp).unwrap();
    let log = &c.broker(leader).unwrap().replica_manager.logs[tp];
    let mut sizes: Vec<usize> = Vec::new();
    let mut last = None;
    for r in log.records() {
        if Some(r.batch) == last {
            *sizes.last_mut().unwrap() += 1;
        } else {
            sizes.push(1);
            last = Some(r.batch);
        }
    }
    sizes
}

#[test]
fn batch_size_caps_batches_and_linger_ms_fills_them() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic b --partitions 1 --replication-factor 1",
    );
    let tp = TopicPartition::new("b", 0);
    // 40 records sent at one instant, batch.size=256: a record of 14-15 bytes, a 61-byte
    // header, so 13 records fill a batch (61 + 13 × 14 = 243 ≤ 256 < 257).
    run(
        &mut lab,
        "produce --topic b --count 40 --producer-property batch.size=256 --client-id small rec-xx",
    );
    let sizes = batch_sizes(&lab, &tp);
    assert_eq!(sizes.iter().sum::<usize>(), 40);
    assert!(sizes.len() >= 3, "{sizes:?}");
    let c = lab.cluster();
    let leader = c.leader_of(&tp).unwrap();
    for seg in c.broker(leader).unwrap().replica_manager.logs[&tp]
        .files()
        .segments()
    {
        for b in seg.batches() {
            assert!(b.size <= 256, "a batch of {} bytes over batch.size", b.size);
        }
    }
    // One record every 2 ms: linger.ms=0 sends most alone, linger.ms=30 gathers ~15 a batch.
    let before = sizes.len();
    run(
        &mut lab,
        "produce --topic b --count 30 --interval 2 --client-id eager e",
    );
    let eager = batch_sizes(&lab, &tp).len() - before;
    let before = batch_sizes(&lab, &tp).len();
    run(&mut lab, "produce --topic b --count 30 --interval 2 --producer-property linger.ms=30 --client-id patient p");
    let patient = batch_sizes(&lab, &tp).len() - before;
    assert!(eager >= 15, "linger.ms=0: {eager} batches for 30 records");
    assert!(
        patient <= 3,
        "linger.ms=30: {patient} batches for 30 records"
    );
}

#[test]
fn producer_configs_are_checked_as_kafka_checks_them() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic c --partitions 1 --replication-factor 1",
    );
    // Idempotence only by default (3.x) yields to acks=1; set explicitly, it refuses.
    run(&mut lab, "client-version 3.x");
    assert_eq!(run(&mut lab, "produce --topic c --acks 1 x"), "c-0@0\n");
    assert!(lab
        .cluster()
        .producers
        .values()
        .all(|p| !p.config.idempotence));
    let e = lab
        .execute("produce --topic c --acks 1 --producer-property enable.idempotence=true x")
        .unwrap_err();
    assert!(e.contains("Must set acks to all"), "{e}");
    let e = lab
        .execute("produce --topic c --producer-property max.in.flight.requests.per.connection=6 --producer-property enable.idempotence=true x")
        .unwrap_err();
    assert!(e.contains("at most 5"), "{e}");
    let e = lab
        .execute("produce --topic c --producer-property delivery.timeout.ms=100 x")
        .unwrap_err();
    assert!(e.contains("linger.ms + request.timeout.ms"), "{e}");
    // 4.0 lingers 5 ms by default.
    run(&mut lab, "client-version 4.0");
    run(&mut lab, "produce --topic c --client-id four y");
    let p = lab
        .cluster()
        .producers
        .values()
        .find(|p| p.name == "four")
        .unwrap();
    assert_eq!(p.config.linger_ms, 5);
}

/// The rebalance timeline: adding a third member to an eager group stops both old members
/// (they own nothing while the group rebalances); under cooperative-sticky they keep what they
/// keep and never stand empty-handed.
#[test]
fn rebalance_timeline_eager_stops_everyone_cooperative_does_not() {
    use crate::cluster::ownership::Phase;
    let stopped_after_start = |assignor: &str| -> Vec<(String, bool)> {
        let mut lab = Lab::default();
        run(
            &mut lab,
            "kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3",
        );
        for id in ["c1", "c2"] {
            run(
                &mut lab,
                &format!("consumer add --group g --id {id} --topics orders --assignor {assignor}"),
            );
        }
        run(&mut lab, "advance 10s");
        run(
            &mut lab,
            &format!("consumer add --group g --id c3 --topics orders --assignor {assignor}"),
        );
        run(&mut lab, "advance 10s");
        let t = crate::view::rebalance_timeline(lab.cluster(), "g", 60_000);
        assert_eq!(t.lanes.len(), 3, "{t:?}");
        assert!(t.rebalances.len() >= 2, "{t:?}");
        assert!(t.rebalances.iter().all(|r| r.1.is_some()), "{t:?}");
        let c3 = &t.lanes[2];
        assert_eq!(c3.client, "c3");
        assert_eq!(c3.segments.last().map(|s| s.phase), Some(Phase::Consuming));
        t.lanes[..2]
            .iter()
            .map(|l| {
                let first = l
                    .segments
                    .iter()
                    .position(|s| s.phase == Phase::Consuming)
                    .expect("each old member consumed");
                let stopped = l.segments[first..]
                    .iter()
                    .any(|s| s.owned.is_empty() && s.phase == Phase::Rebalancing);
                (l.client.clone(), stopped)
            })
            .collect()
    };
    assert_eq!(
        stopped_after_start("range"),
        vec![("c1".to_string(), true), ("c2".to_string(), true)]
    );
    assert_eq!(
        stopped_after_start("cooperative-sticky"),
        vec![("c1".to_string(), false), ("c2".to_string(), false)]
    );
}

/// The notes' log-collection pipeline as the data-flow view sees it: three collectors into
/// one topic, two sink groups reading it with their own lag.
#[test]
fn data_flow_of_the_log_collection_pipeline() {
    let mut lab = Lab::default();
    let preset = crate::presets::PRESETS
        .iter()
        .find(|p| p.id == "log-collection-pipeline")
        .expect("preset");
    for line in preset.script.lines() {
        if !line.trim().is_empty() && !line.starts_with('#') {
            run(&mut lab, line);
        }
    }
    let (groups, _) = crate::view::groups(lab.cluster());
    let f = crate::view::data_flow(lab.cluster(), &groups);
    let names: Vec<&str> = f.producers.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["filebeat-web-1", "filebeat-web-3", "flume-app-2"]);
    assert!(f
        .producers
        .iter()
        .all(|p| p.topics == [("app-logs".to_string(), 20)]));
    assert_eq!(f.topics.len(), 1);
    assert_eq!(
        (f.topics[0].name.as_str(), f.topics[0].end),
        ("app-logs", 60)
    );
    let lag: Vec<(&str, u64)> = f
        .groups
        .iter()
        .map(|g| (g.group.as_str(), g.topics[0].1))
        .collect();
    // The HDFS writer committed 10 of 60 in its one batch window; Logstash runs its own poll
    // loop (auto-commit every second) and has caught up.
    assert_eq!(lag, [("hdfs-sink", 50), ("logstash-es", 0)]);
}

/// The values a console consumer printed (one per line, before the count).
fn printed(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| !l.starts_with("Processed a total") && !l.starts_with('('))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_console_consumer_with_a_group_continues_where_it_left_off() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic t --partitions 2 --replication-factor 3",
    );
    run(&mut lab, "produce --topic t --partition 0 --count 3 a");
    run(&mut lab, "produce --topic t --partition 1 --count 2 b");
    let group = |lab: &Lab| -> BTreeMap<TopicPartition, u64> {
        let c = lab.cluster();
        c.group_coordinator("g")
            .and_then(|b| b.groups.groups.get("g"))
            .map(|g| g.offsets.clone())
            .unwrap_or_default()
    };
    let first = run(
        &mut lab,
        "kafka-console-consumer.sh --topic t --group g --from-beginning --max-messages 3",
    );
    assert!(
        first.ends_with("Processed a total of 3 messages\n"),
        "{first}"
    );
    let first = printed(&first);
    assert_eq!(first.len(), 3);
    // It committed on close what it printed, not what its last poll fetched.
    let committed: u64 = group(&lab).values().sum();
    assert_eq!(committed, 3, "{:?}", group(&lab));
    // It left the group.
    let g = lab.cluster().group_coordinator("g").unwrap().groups.groups["g"].clone();
    assert!(g.members.is_empty());
    // Again with the same group: the rest, and only the rest.
    let second = printed(&run(
        &mut lab,
        "kafka-console-consumer.sh --topic t --group g --from-beginning",
    ));
    let mut all: Vec<String> = first.iter().chain(&second).cloned().collect();
    all.sort();
    assert_eq!(all, ["a-1", "a-2", "a-3", "b-1", "b-2"]);
    assert_eq!(
        group(&lab),
        [
            (TopicPartition::new("t", 0), 3),
            (TopicPartition::new("t", 1), 2)
        ]
        .into_iter()
        .collect()
    );
    let third = run(
        &mut lab,
        "kafka-console-consumer.sh --topic t --group g --from-beginning",
    );
    assert_eq!(third, "Processed a total of 0 messages\n");
    // A new record: only it.
    run(&mut lab, "produce --topic t --partition 1 b-new");
    let fourth = run(&mut lab, "kafka-console-consumer.sh --topic t --group g");
    assert_eq!(fourth, "b-new\nProcessed a total of 1 messages\n");
    // Without --group: a new group each time, everything again, nothing committed.
    let before = lab.cluster().ledger.read.len();
    let anon = printed(&run(
        &mut lab,
        "kafka-console-consumer.sh --topic t --from-beginning",
    ));
    assert_eq!(anon.len(), 6);
    let groups = run(&mut lab, "kafka-consumer-groups.sh --list");
    let anon_group = groups
        .lines()
        .find(|g| g.starts_with("console-consumer-"))
        .expect("the generated group")
        .to_string();
    let c = lab.cluster();
    let g = &c.group_coordinator(&anon_group).unwrap().groups.groups[&anon_group];
    assert!(
        g.offsets.is_empty(),
        "enable.auto.commit=false: nothing committed"
    );
    assert!(
        c.ledger.read.len() >= before,
        "the ledger knows what was read"
    );
    // --partition is assign(): no group; it cannot be combined with --group.
    let e = lab
        .execute("kafka-console-consumer.sh --topic t --group g --partition 0")
        .unwrap_err();
    assert_eq!(
        e,
        "Options group and partition cannot be specified together."
    );
    let out = run(
        &mut lab,
        "kafka-console-consumer.sh --topic t --partition 0 --offset 1",
    );
    assert_eq!(out, "a-2\na-3\nProcessed a total of 2 messages\n");
}

#[test]
fn consumer_poll_waits_for_fetch_min_bytes_up_to_fetch_max_wait_ms() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic t --partitions 1 --replication-factor 3",
    );
    run(&mut lab, "produce --topic t --count 3 x");
    run(&mut lab, "consumer add --group g --id quick --topics t --consumer-property auto.offset.reset=earliest");
    run(&mut lab, "consumer add --group h --id patient --topics t --consumer-property auto.offset.reset=earliest --consumer-property fetch.min.bytes=100000 --consumer-property fetch.max.wait.ms=2000");
    run(&mut lab, "advance 5s");
    // fetch.min.bytes=1: the records come with the first answer.
    let t0 = lab.cluster().now();
    let out = run(&mut lab, "consumer poll quick");
    assert!(out.contains("polled 3 record(s)"), "{out}");
    assert!(lab.cluster().now() - t0 < 100, "no waiting");
    // fetch.min.bytes=100000: the leader holds the fetch for fetch.max.wait.ms, then sends
    // what it has; the poll timeout must be longer to see it.
    let out = run(&mut lab, "consumer poll patient --timeout-ms 1000");
    assert!(out.contains("polled 0 record(s)"), "{out}");
    assert!(out.contains("holds patient's Fetch"), "{out}");
    let t0 = lab.cluster().now();
    let out = run(&mut lab, "consumer poll patient --timeout-ms 5000");
    assert!(out.contains("polled 3 record(s)"), "{out}");
    assert!(out.contains("fetch.max.wait.ms passed"), "{out}");
    let waited = lab.cluster().now() - t0;
    assert!(
        (900..=1_100).contains(&waited),
        "the held fetch had 1000 ms left: {waited}"
    );
    // Bad values are refused as Kafka refuses them.
    let e = lab
        .execute(
            "consumer add --group g --id bad --topics t --consumer-property fetch.min.bytes=-1",
        )
        .unwrap_err();
    assert!(e.contains("Value must be at least 0"), "{e}");
    let e = lab
        .execute("consumer poll quick --timeout-ms soon")
        .unwrap_err();
    assert!(e.contains("soon"), "{e}");
}

#[test]
fn classic_group_survives_its_coordinator_dying() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3",
    );
    for c in ["c1", "c2"] {
        run(
            &mut lab,
            &format!("consumer add --group shop --id {c} --topics orders"),
        );
    }
    run(&mut lab, "advance 5s");
    let before: Vec<(i32, Vec<_>)> = lab
        .cluster()
        .consumers
        .values()
        .map(|c| (c.generation, c.assignment.clone()))
        .collect();
    let coordinator = lab.cluster().group_coordinator("shop").unwrap().id;
    run(&mut lab, &format!("kill-broker {coordinator}"));
    run(&mut lab, "advance 60s");
    let c = lab.cluster();
    let now = c.group_coordinator("shop").unwrap();
    assert_ne!(now.id, coordinator);
    let g = &now.groups.groups["shop"];
    assert_eq!(g.state, crate::cluster::group::GroupState::Stable);
    assert_eq!(g.generation, before[0].0);
    let after: Vec<(i32, Vec<_>)> = c
        .consumers
        .values()
        .map(|c| (c.generation, c.assignment.clone()))
        .collect();
    assert_eq!(
        before, after,
        "same generation and partitions after failover"
    );
    assert!(c.consumers.values().all(|k| k.coordinator == Some(now.id)));
}

/// A consumer's lag is measured against what it may read: the high watermark, or the last
/// stable offset under read_committed (an open transaction holds the LSO back).
#[test]
fn consumer_lag_is_against_the_hw_or_the_lso_under_read_committed() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic t --partitions 1 --replication-factor 3",
    );
    run(&mut lab, "produce --topic t --count 2 plain");
    run(&mut lab, "txn begin --transactional-id tx");
    run(
        &mut lab,
        "produce --topic t --producer-property transactional.id=tx --count 3 open",
    );
    for (id, level) in [("ru", "read_uncommitted"), ("rc", "read_committed")] {
        run(
            &mut lab,
            &format!("consumer add --group {id} --id {id} --topics t --consumer-property auto.offset.reset=earliest --consumer-property isolation.level={level}"),
        );
    }
    run(&mut lab, "advance 5s");
    run(&mut lab, "consumer poll ru --max 1");
    run(&mut lab, "consumer poll rc --max 1");
    let d = run(&mut lab, "consumer describe");
    // HW 5 (2 plain + 3 in the open transaction); LSO 2 (the transaction's first offset).
    assert!(
        d.contains("ru group=ru") && d.contains("t-0@1(lag=4)"),
        "{d}"
    );
    assert!(
        d.contains("rc group=rc") && d.contains("t-0@1(lag=1)"),
        "{d}"
    );
}

/// `--describe --members --verbose` as each era's tool prints it: one ASSIGNMENT column
/// (`orders(0,1)`, the Scala tool up to 3.7) or Kafka 4's epochs and current/target columns
/// (`orders:0,1`; a classic member has no epoch and no target).
#[test]
fn members_verbose_follows_the_tool_of_the_client_version() {
    let describe = |version: &str| {
        let mut lab = Lab::default();
        run(&mut lab, &format!("client-version {version}"));
        run(
            &mut lab,
            "kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3",
        );
        run(&mut lab, "consumer add --group g --id c1 --topics orders");
        run(&mut lab, "advance 5s");
        run(
            &mut lab,
            "kafka-consumer-groups.sh --describe --group g --members --verbose",
        )
    };
    let old = describe("3.x");
    let lines: Vec<&str> = old.lines().filter(|l| !l.is_empty()).collect();
    assert!(lines[0].ends_with("#PARTITIONS     ASSIGNMENT"), "{old}");
    assert!(lines[1].ends_with("2               orders(0,1)"), "{old}");
    let new = describe("4.0");
    let lines: Vec<&str> = new.lines().filter(|l| !l.is_empty()).collect();
    assert!(
        lines[0].contains("#PARTITIONS     CURRENT-EPOCH   CURRENT-ASSIGNMENT   TARGET-EPOCH    TARGET-ASSIGNMENT"),
        "{new}"
    );
    assert!(
        lines[1].contains("2               -               orders:0,1           -               -"),
        "{new}"
    );
}

/// A consumer cut off its coordinator stops heartbeating: after session.timeout.ms the group
/// drops it and its partition moves; healed, it rejoins and the partitions spread again.
#[test]
fn a_consumer_cut_off_its_coordinator_loses_its_partitions_and_comes_back() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3",
    );
    for c in ["c1", "c2"] {
        run(
            &mut lab,
            &format!("consumer add --group g --id {c} --topics orders"),
        );
    }
    run(&mut lab, "advance 5s");
    let owned = |lab: &Lab, name: &str| {
        let id = lab.cluster().consumer_named(name).unwrap();
        lab.cluster().consumers[&id].assignment.len()
    };
    assert_eq!((owned(&lab, "c1"), owned(&lab, "c2")), (1, 1));
    let out = run(&mut lab, "cut c2 coordinator:g");
    assert!(out.starts_with("Cut the link client-"), "{out}");
    run(&mut lab, "advance 60s");
    let g = &lab.cluster().group_coordinator("g").unwrap().groups.groups["g"];
    assert_eq!(g.members.len(), 1, "c2 expired after session.timeout.ms");
    assert_eq!(owned(&lab, "c1"), 2);
    run(&mut lab, "heal");
    run(&mut lab, "advance 30s");
    assert_eq!(
        (owned(&lab, "c1"), owned(&lab, "c2")),
        (1, 1),
        "c2 rejoined"
    );
    // A client can be isolated from every broker; a name that is nothing is refused.
    assert!(run(&mut lab, "isolate c1").starts_with("Isolated client c1"));
    assert!(lab
        .execute("isolate nobody")
        .unwrap_err()
        .contains("is not a node"));
}

/// Kafka's ConsumerCoordinator: the group leader's metadata refresh (`metadata.max.age.ms`,
/// 300000) sees the new partition count after `--alter --partitions` and triggers a
/// rebalance; before the refresh the group keeps its old assignment.
#[test]
fn the_group_rebalances_when_its_leader_sees_added_partitions() {
    let mut lab = Lab::default();
    run(
        &mut lab,
        "kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3",
    );
    run(&mut lab, "consumer add --group g --id c1 --topics orders");
    run(&mut lab, "consumer add --group g --id c2 --topics orders");
    run(&mut lab, "advance 10s");
    let members = |lab: &mut Lab| {
        run(
            lab,
            "kafka-consumer-groups.sh --describe --group g --members --verbose",
        )
    };
    let before = members(&mut lab);
    assert!(
        !before.contains("orders(0,2)") && !before.contains(",2)"),
        "{before}"
    );
    run(
        &mut lab,
        "kafka-topics.sh --alter --topic orders --partitions 4",
    );
    run(&mut lab, "advance 10s");
    let soon = members(&mut lab);
    assert!(
        !soon.contains("2)") && !soon.contains(",3"),
        "no rebalance yet: {soon}"
    );
    let out = run(&mut lab, "advance 300s");
    assert!(
        out.contains("metadata.max.age.ms") && out.contains("with 4 partitions instead of 2"),
        "{out}"
    );
    let after = members(&mut lab);
    // Every one of the four partitions is assigned again, two to each member.
    let assigned: usize = after
        .lines()
        .filter_map(|l| l.split_whitespace().rev().nth(1))
        .filter_map(|n| n.parse::<usize>().ok())
        .sum();
    assert_eq!(assigned, 4, "{after}");
}

#[test]
fn leader_imbalance_settings_are_static_and_set_at_start() {
    // Kafka 4.1: leader.imbalance.check.interval.seconds is not dynamically reconfigurable
    // (DynamicBrokerConfig: "Cannot update these configs dynamically"); ControllerServer reads
    // it at start. leader.imbalance.per.broker.percentage is gone in 4.0 (KAFKA-18743).
    let mut lab = Lab::new(3, 1);
    let e = lab
        .execute("kafka-configs.sh --bootstrap-server localhost:9092 --alter --entity-type brokers --entity-default --add-config leader.imbalance.check.interval.seconds=10")
        .unwrap_err();
    assert!(e.contains("Cannot update these configs dynamically"), "{e}");
    let e = lab
        .execute("brokers 3 --mode kraft --override leader.imbalance.per.broker.percentage=5")
        .unwrap_err();
    assert!(e.contains("KAFKA-18743"), "{e}");
    let e = lab
        .execute("brokers 3 --override leader.imbalance.check.interval.seconds=0")
        .unwrap_err();
    assert!(e.contains("at least 1"), "{e}");
    lab.execute("brokers 3 --override leader.imbalance.check.interval.seconds=10 --override leader.imbalance.per.broker.percentage=0").unwrap();
    assert_eq!(
        lab.cluster().config.leader_imbalance_check_interval_ms,
        10_000
    );
    assert_eq!(
        lab.cluster().config.leader_imbalance_per_broker_percentage,
        0
    );
    // KRaft: the controllers balance every 10 s instead of 300 s.
    lab.execute("brokers 3 --mode kraft --override leader.imbalance.check.interval.seconds=10")
        .unwrap();
    lab.execute("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 3 --replication-factor 3").unwrap();
    let leaders = |lab: &Lab| -> Vec<i32> {
        let c = lab.cluster();
        let a = c.active_controller().unwrap();
        c.controllers()[&a]
            .image
            .partitions
            .values()
            .map(|p| p.leader)
            .collect()
    };
    let before = leaders(&lab);
    let moved = before[0] as u32;
    lab.execute(&format!("stop-broker {moved}")).unwrap();
    lab.execute("advance 3s").unwrap();
    lab.execute(&format!("start-broker {moved}")).unwrap();
    lab.execute("advance 25s").unwrap();
    assert_eq!(
        leaders(&lab),
        before,
        "the preferred leaders are back within 25 s"
    );
    // Without the override the next check is 300 s away: still moved.
    lab.execute("brokers 3 --mode kraft").unwrap();
    lab.execute("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 3 --replication-factor 3").unwrap();
    let before = leaders(&lab);
    let moved = before[0] as u32;
    lab.execute(&format!("stop-broker {moved}")).unwrap();
    lab.execute("advance 3s").unwrap();
    lab.execute(&format!("start-broker {moved}")).unwrap();
    lab.execute("advance 25s").unwrap();
    assert_ne!(leaders(&lab), before);
}
