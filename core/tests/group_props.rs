//! Consumer groups under random joins, leaves and crashes: once the session timeouts have
//! passed, every partition of the subscribed topic is owned by exactly one live member, and the
//! lag (log end offset − committed offset) is never negative.
use std::collections::BTreeMap;

use kafka_lab::cli::Lab;
use kafka_lab::cluster::testing;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Add(u8),
    Leave(u8),
    Kill(u8),
    PollCommit(u8),
    Advance(u16),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..5).prop_map(Op::Add),
        (0u8..5).prop_map(Op::Leave),
        (0u8..5).prop_map(Op::Kill),
        (0u8..5).prop_map(Op::PollCommit),
        (1u16..20_000).prop_map(Op::Advance),
    ]
}

proptest! {
    // 60 schedules in `make test`; PROPTEST_CASES for a long run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(60)
    ))]
    #[test]
    fn every_partition_has_one_live_owner(seed in any::<u64>(), ops in proptest::collection::vec(op(), 1..14)) {
        let mut lab = Lab::new(3, seed);
        lab.execute("kafka-topics.sh --create --topic t --partitions 4 --replication-factor 3").unwrap();
        lab.execute("produce --topic t --count 6 v").unwrap();
        let assignors = ["range", "roundrobin", "cooperative-sticky"];
        // One assignor per run: a group speaks one protocol.
        let assignor = assignors[ops.len() % 3];
        for o in &ops {
            let _ = match o {
                Op::Add(c) => lab.execute(&format!(
                    "consumer add --group g --id c{c} --topics t --assignor {assignor} --consumer-property auto.offset.reset=earliest"
                )),
                Op::Leave(c) => lab.execute(&format!("consumer leave c{c}")),
                Op::Kill(c) => lab.execute(&format!("consumer kill c{c}")),
                Op::PollCommit(c) => lab
                    .execute(&format!("consumer poll c{c}"))
                    .and_then(|_| lab.execute(&format!("consumer commit c{c}"))),
                Op::Advance(ms) => lab.execute(&format!("advance {ms}")),
            };
        }
        // A member that joins last: every schedule ends with a live group to check.
        lab.execute(&format!(
            "consumer add --group g --id last --topics t --assignor {assignor} --consumer-property auto.offset.reset=earliest"
        )).unwrap();
        lab.execute("advance 120s").unwrap();
        let c = lab.cluster();
        let live: Vec<_> = testing::consumers(c).values().filter(|k| k.is_alive()).collect();
        prop_assert!(!live.is_empty());
        let coord = testing::group_coordinator(c, "g");
        prop_assert!(coord.is_some(), "no coordinator for g");
        let coord = coord.unwrap();
        let g = coord.groups.groups.get("g");
        prop_assert!(g.is_some(), "the coordinator does not know g");
        let g = g.unwrap();
        {
            let mut owners: BTreeMap<u32, Vec<String>> = BTreeMap::new();
            for m in g.members.values() {
                for tp in &m.assignment {
                    owners.entry(tp.partition).or_default().push(m.member_id.clone());
                }
            }
            for p in 0..4 {
                let o = owners.get(&p).cloned().unwrap_or_default();
                prop_assert_eq!(o.len(), 1, "partition {} owners {:?}", p, o);
                prop_assert!(live.iter().any(|k| k.member_id.as_deref() == Some(o[0].as_str())));
            }
            prop_assert_eq!(g.members.len(), live.len());
        }
        for (tp, off) in &g.offsets {
            let leader = c.leader_of(tp).and_then(|l| testing::brokers(c).get(&l)).unwrap();
            let leo = leader.replica_manager.logs.get(tp).map_or(0, |l| l.leo());
            prop_assert!(*off <= leo, "{} committed {} > LEO {}", tp, off, leo);
        }
    }
}
