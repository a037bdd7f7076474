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

mod common;
use common::{Mix, Op, Setup};

const SETUP: Setup = Setup {
    brokers: "brokers 3 --mode kraft \
        --override metadata.log.max.record.bytes.between.snapshots=1024 \
        --override metadata.max.retention.bytes=2048",
    topic_configs: "",
    acks: "1",
};

fn op() -> impl Strategy<Value = Op> {
    common::op(&Mix {
        produce: (2, 4),
        topic: 1,
        advance_below: 50_000,
    })
}

fn run(seed: u64, ops: &[Op]) -> Lab {
    common::run(&SETUP, seed, ops)
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
    common::settle(lab, "10s", |lab| {
        differing(lab).is_some_and(|d| d.is_empty())
    });
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
