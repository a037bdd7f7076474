//! Property test of KIP-630 snapshots in KRaft mode: with snapshot and retention thresholds
//! lowered so that nodes write snapshots every few seconds and delete the log below them
//! every 60 s, random schedules of broker and controller kills, restarts and isolation.
//! Afterwards every node — the ones that restarted too, from their own snapshot or one
//! fetched from the leader — holds the active controller's image, and each node's log
//! starts at 0 or at one of its snapshots. A failure prints the schedule, which replays it.

use kafka_lab::cli::Lab;
use kafka_lab::cluster::testing;
use kafka_lab::event::Event;
use kafka_lab::kraft::image::MetadataImage;
use proptest::prelude::*;

const BROKERS: &str = "brokers 3 --mode kraft \
    --override metadata.log.max.record.bytes.between.snapshots=1024 \
    --override metadata.max.retention.bytes=2048";

#[derive(Clone, Debug)]
enum Op {
    KillBroker(u32),
    StartBroker(u32),
    KillController(u32),
    StartController(u32),
    Isolate(u32),
    Heal,
    Produce(u8),
    Topic(u8),
    Advance(u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1..=3u32).prop_map(Op::KillBroker),
        3 => (1..=3u32).prop_map(Op::StartBroker),
        2 => (0..3u32).prop_map(|c| Op::KillController(3000 + c)),
        2 => (0..3u32).prop_map(|c| Op::StartController(3000 + c)),
        1 => (1..=3u32).prop_map(Op::Isolate),
        1 => Just(Op::Heal),
        2 => (1..4u8).prop_map(Op::Produce),
        1 => (0..3u8).prop_map(Op::Topic),
        4 => (1..50_000u64).prop_map(Op::Advance),
    ]
}

fn run(seed: u64, ops: &[Op]) -> Lab {
    let mut lab = Lab::new(3, seed);
    lab.execute(BROKERS).unwrap();
    lab.execute(
        "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 2 \
         --replication-factor 3",
    )
    .unwrap();
    for op in ops {
        // Commands may fail (a dead node killed again, a produce timing out): that is fine.
        let _ = match op {
            Op::KillBroker(b) => lab.execute(&format!("kill-broker {b}")),
            Op::StartBroker(b) => lab.execute(&format!("start-broker {b}")),
            Op::KillController(c) => lab.execute(&format!("kill-controller {c}")),
            Op::StartController(c) => lab.execute(&format!("start-controller {c}")),
            Op::Isolate(b) => lab.execute(&format!("isolate {b}")),
            Op::Heal => lab.execute("heal"),
            Op::Produce(n) => lab.execute(&format!(
                "produce --topic t --acks 1 --count {n} --key k{n} v"
            )),
            Op::Topic(n) => lab.execute(&format!(
                "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic x{n} \
                 --partitions 1 --replication-factor 2"
            )),
            Op::Advance(ms) => lab.execute(&format!("advance {ms}")),
        };
    }
    lab
}

/// The image without its offset (nodes apply the same records up to different offsets).
fn content(i: &MetadataImage) -> MetadataImage {
    MetadataImage {
        offset: 0,
        ..i.clone()
    }
}

/// Every node's image equal to the active controller's; `None` if none is active.
fn differing(lab: &Lab) -> Option<Vec<String>> {
    let c = lab.cluster();
    let active = c.active_controller()?;
    let want = content(&testing::controllers(c)[&active].image);
    let mut bad = Vec::new();
    for n in testing::controllers(c).values() {
        if content(&n.image) != want {
            bad.push(format!("controller {}", n.id));
        }
    }
    for b in testing::brokers(c).values() {
        let k = b.kraft.as_ref()?;
        if content(&k.image) != want || k.fenced {
            bad.push(format!("broker {}", b.id));
        }
    }
    Some(bad)
}

fn settle(lab: &mut Lab) {
    let _ = lab.execute("heal");
    for b in 1..=3 {
        let _ = lab.execute(&format!("start-broker {b}"));
    }
    for c in 3000..3003 {
        let _ = lab.execute(&format!("start-controller {c}"));
    }
    lab.execute("advance 10s").unwrap();
    // A follower whose fetch was dropped by the isolation retries after
    // `replica.socket.timeout.ms` (30 s).
    for _ in 0..45 {
        if differing(lab).is_some_and(|d| d.is_empty()) {
            break;
        }
        lab.execute("advance 1s").unwrap();
    }
}

proptest! {
    // 200 schedules in `make test`; PROPTEST_CASES for more.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(200)
    ))]

    #[test]
    fn with_snapshots_every_node_converges_to_the_active_controllers_image(
        seed in 0u64..1_000_000,
        ops in proptest::collection::vec(op(), 1..9),
    ) {
        let mut lab = run(seed, &ops);
        settle(&mut lab);
        let c = lab.cluster();
        let bad = differing(&lab);
        prop_assert!(bad.is_some(), "no active controller (ops {:?})", ops);
        prop_assert_eq!(bad.unwrap(), Vec::<String>::new(), "images differ (ops {:?})", ops);
        let rafts = testing::controllers(c)
            .values()
            .map(|n| &n.raft)
            .chain(testing::brokers(c).values().filter_map(|b| b.kraft.as_ref().map(|k| &k.raft)));
        for r in rafts {
            prop_assert!(
                r.log_start_offset == 0
                    || r.snapshots.iter().any(|s| s.end_offset == r.log_start_offset),
                "node {}: log start {} is no snapshot's end (ops {:?})", r.id, r.log_start_offset, ops
            );
            let ends: Vec<u64> = r.snapshots.iter().map(|s| s.end_offset).collect();
            prop_assert!(ends.windows(2).all(|w| w[0] < w[1]), "node {}: snapshots {:?}", r.id, ends);
        }
    }
}

/// A controller away while the others' log start passes its end catches up by FetchSnapshot,
/// and a broker likewise; both end with the active controller's image.
#[test]
fn nodes_away_past_the_log_start_fetch_the_snapshot_and_converge() {
    let ops = [
        Op::KillController(3002),
        Op::KillBroker(2),
        Op::Topic(1),
        Op::Produce(3),
        Op::Advance(130_000),
    ];
    let mut lab = run(7, &ops);
    let start = testing::controllers(lab.cluster())[&3000]
        .raft
        .log_start_offset;
    assert!(start > 0, "the leader's log start moved");
    let stale = testing::controllers(lab.cluster())[&3002]
        .raft
        .log_end_offset();
    assert!(
        stale < start,
        "controller 3002 ({stale}) is behind the log start ({start})"
    );
    settle(&mut lab);
    let fetched: Vec<(u32, bool)> = lab
        .cluster()
        .log()
        .iter()
        .filter_map(|l| match l.event {
            Event::KraftSnapshotFetched { node, observer, .. } => Some((node, observer)),
            _ => None,
        })
        .collect();
    assert!(fetched.contains(&(3002, false)), "{fetched:?}");
    assert!(fetched.contains(&(2, true)), "{fetched:?}");
    assert_eq!(differing(&lab), Some(vec![]));
}
