//! Property test in KRaft mode: random schedules of broker and controller kills, restarts
//! and network isolation while a producer sends with `acks=all` to a topic with
//! `min.insync.replicas=2` (ELR on, as a new 4.1 cluster has it). After the faults heal:
//! no acknowledged record is lost, at most one quorum leader was seen per epoch, and every
//! broker's metadata image converged to the active controller's (and its replicas act on
//! it). A failure prints the schedule, which replays it exactly.

use std::collections::BTreeMap;

use kafka_lab::cli::Lab;
use kafka_lab::cluster::replica::Role;
use kafka_lab::cluster::testing;
use kafka_lab::ledger::summarize;
use proptest::prelude::*;

mod common;
use common::{Mix, Op, Setup};

const SETUP: Setup = Setup {
    brokers: "brokers 3 --mode kraft",
    topic_configs: " --config min.insync.replicas=2",
    acks: "all",
};

fn op() -> impl Strategy<Value = Op> {
    common::op(&Mix {
        produce: (3, 6),
        topic: 0,
        advance_below: 12_000,
    })
}

fn run(seed: u64, ops: &[Op]) -> Lab {
    common::run(&SETUP, seed, ops)
}

/// Every broker unfenced with the active controller's image (the final assertions, as a bool).
fn converged(lab: &Lab) -> bool {
    let c = lab.cluster();
    let Some(active) = c.active_controller() else {
        return false;
    };
    let image = &testing::controllers(c)[&active].image;
    testing::brokers(c).values().all(|b| {
        b.kraft.as_ref().is_some_and(|k| {
            !k.fenced && k.image.topics == image.topics && k.image.partitions == image.partitions
        })
    })
}

proptest! {
    // 1000 schedules in `make test`; PROPTEST_CASES for more.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1000)
    ))]

    #[test]
    fn kraft_fault_schedules_lose_no_acked_record_and_images_converge(
        seed in 0u64..1_000_000,
        ops in proptest::collection::vec(op(), 1..12),
    ) {
        let mut lab = run(seed, &ops);
        common::settle(&mut lab, "15s", converged);
        let c = lab.cluster();

        let s = summarize(&c.ledger_status());
        prop_assert_eq!(s.lost, 0, "acknowledged records lost: {} (ops {:?})", s, ops);

        let mut leaders: BTreeMap<u32, u32> = BTreeMap::new();
        for n in testing::controllers(c).values() {
            for &(epoch, leader) in &n.raft.leaders_seen {
                let l = leaders.entry(epoch).or_insert(leader);
                prop_assert_eq!(*l, leader, "two leaders in epoch {}", epoch);
            }
        }

        let active = c.active_controller();
        prop_assert!(active.is_some(), "no active controller (ops {:?})", ops);
        let image = &testing::controllers(c)[&active.unwrap()].image;
        for b in testing::brokers(c).values() {
            let k = b.kraft.as_ref().unwrap();
            prop_assert!(!k.fenced, "broker {} still fenced (ops {:?})", b.id, ops);
            prop_assert_eq!(&k.image.topics, &image.topics, "broker {} image differs", b.id);
            prop_assert_eq!(&k.image.partitions, &image.partitions, "broker {} partitions", b.id);
            for (tp, p) in &k.image.partitions {
                let mine = b.replica_manager.partitions.get(tp);
                if p.leader == b.id as i32 {
                    prop_assert!(mine.is_some_and(|m| m.role == Role::Leader && m.leader_epoch == p.leader_epoch),
                        "broker {} should lead {} in epoch {} (ops {:?})", b.id, tp, p.leader_epoch, ops);
                }
            }
        }
    }
}

/// The schedule CI found on 2026-12-07: broker 3 isolated while a record is produced; after
/// healing, its dropped fetch only times out 30 s later, so the leader's ISR expansion landed
/// after the first 15 s of settling. The images must still converge. (Since the admin client
/// sends `Metadata` before its `CreateTopics`, 2026-12-08, the setup's topic exists a round
/// trip later and this schedule converges within the first 15 s; nearby schedules — the first
/// advances ±10 ms — do too. The 45 s settling of the property test keeps covering the late
/// case.)
#[test]
fn isolated_follower_rejoins_after_its_fetch_times_out() {
    let ops = [
        Op::Advance(8395),
        Op::Advance(4229),
        Op::Isolate(3),
        Op::Produce(1),
        Op::Advance(7122),
    ];
    let mut lab = run(44755, &ops);
    let _ = lab.execute("heal");
    lab.execute("advance 15s").unwrap();
    lab.execute("advance 5s").unwrap();
    assert!(
        converged(&lab),
        "images converge once the expansion is applied"
    );
    let c = lab.cluster();
    let p = &testing::controllers(c)[&c.active_controller().unwrap()]
        .image
        .partitions;
    assert!(
        p.values().any(|p| p.isr.contains(&3)),
        "broker 3 is back in an ISR"
    );
}
