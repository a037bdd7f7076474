//! The CLI's client commands end to end: the producer (partitioner, batching, configs) and
//! consumers and groups (console consumer, rebalances, lag, coordinator failover).

use super::tests::run;
use super::*;

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
    let group = |lab: &Lab| -> crate::idxmap::IdxMap<TopicPartition, u64> {
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
