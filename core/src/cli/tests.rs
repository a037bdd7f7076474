use super::*;

pub(super) fn run(lab: &mut Lab, line: &str) -> String {
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
