//! KIP-848 (Kafka 4.0's consumer protocol) under random joins, leaves, crashes and time: no
//! partition ever has two live owners at once (neither in the coordinator's books — assigned or
//! pending revocation — nor among the live consumers), and once the session timeouts have
//! passed the group converges: every partition owned by exactly one live member, every member at
//! the target epoch.
use std::collections::BTreeMap;

use kafka_lab::cli::Lab;
use kafka_lab::cluster::testing;
use kafka_lab::cluster::Cluster;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Add(u8),
    Leave(u8),
    Kill(u8),
    Poll(u8),
    Advance(u16),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..5).prop_map(Op::Add),
        (0u8..5).prop_map(Op::Leave),
        (0u8..5).prop_map(Op::Kill),
        (0u8..5).prop_map(Op::Poll),
        (1u16..12_000).prop_map(Op::Advance),
    ]
}

/// No partition has two owners: in the coordinator (assigned ∪ pending revocation) and among
/// the live consumers.
fn single_owners(c: &Cluster) -> Result<(), String> {
    if let Some(cg) = testing::group_coordinator(c, "g")
        .and_then(|b| b.groups.groups.get("g"))
        .and_then(|g| g.consumer.as_ref())
    {
        let mut owners: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for m in cg.members.values() {
            for tp in m.assigned.iter().chain(&m.pending_revocation) {
                owners.entry(tp.to_string()).or_default().push(&m.client_id);
            }
        }
        if let Some((tp, o)) = owners.iter().find(|(_, o)| o.len() > 1) {
            return Err(format!("coordinator: {tp} held by {o:?}"));
        }
    }
    let mut owners: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for k in testing::consumers(c).values().filter(|k| k.is_alive()) {
        for tp in &k.assignment {
            owners.entry(tp.to_string()).or_default().push(&k.name);
        }
    }
    if let Some((tp, o)) = owners.iter().find(|(_, o)| o.len() > 1) {
        return Err(format!("clients: {tp} owned by {o:?}"));
    }
    Ok(())
}

proptest! {
    // 40 schedules in `make test`; PROPTEST_CASES for a long run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(40)
    ))]
    #[test]
    fn one_owner_at_a_time_and_convergence(
        seed in any::<u64>(),
        ops in proptest::collection::vec(op(), 1..14),
        range in any::<bool>(),
    ) {
        let mut lab = Lab::new(3, seed);
        lab.execute("kafka-topics.sh --create --topic t --partitions 4 --replication-factor 3").unwrap();
        lab.execute("produce --topic t --count 6 v").unwrap();
        let assignor = if range { "range" } else { "uniform" };
        let add = |c: &str| format!(
            "consumer add --group g --id {c} --topics t --consumer-property group.protocol=consumer --consumer-property group.remote.assignor={assignor} --consumer-property auto.offset.reset=earliest"
        );
        for o in &ops {
            match o {
                Op::Add(c) => { let _ = lab.execute(&add(&format!("c{c}"))); }
                Op::Leave(c) => { let _ = lab.execute(&format!("consumer leave c{c}")); }
                Op::Kill(c) => { let _ = lab.execute(&format!("consumer kill c{c}")); }
                Op::Poll(c) => { let _ = lab.execute(&format!("consumer poll c{c}")); }
                Op::Advance(ms) => {
                    // In small steps, checking as it goes.
                    let mut left = u64::from(*ms);
                    while left > 0 {
                        let step = left.min(250);
                        lab.execute(&format!("advance {step}")).unwrap();
                        left -= step;
                        let r = single_owners(lab.cluster());
                        prop_assert!(r.is_ok(), "{:?}", r);
                    }
                }
            }
            let r = single_owners(lab.cluster());
            prop_assert!(r.is_ok(), "{:?}", r);
        }
        lab.execute(&add("last")).unwrap();
        for _ in 0..240 {
            lab.execute("advance 500").unwrap();
            let r = single_owners(lab.cluster());
            prop_assert!(r.is_ok(), "{:?}", r);
        }
        let c = lab.cluster();
        let live: Vec<_> = testing::consumers(c).values().filter(|k| k.is_alive()).collect();
        let g = testing::group_coordinator(c, "g").and_then(|b| b.groups.groups.get("g"));
        prop_assert!(g.is_some(), "the coordinator does not know g");
        let cg = g.unwrap().consumer.as_ref();
        prop_assert!(cg.is_some(), "g is not a consumer-protocol group");
        let cg = cg.unwrap();
        prop_assert_eq!(cg.members.len(), live.len(), "members {:?}", cg.members.keys().collect::<Vec<_>>());
        prop_assert_eq!(cg.state_name(), "Stable");
        for p in 0..4 {
            let tp = kafka_lab::model::TopicPartition::new("t", p);
            let owners: Vec<&String> = cg.members.values().filter(|m| m.assigned.contains(&tp)).map(|m| &m.client_id).collect();
            prop_assert_eq!(owners.len(), 1, "{} owners {:?}", tp, owners);
            let client = live.iter().find(|k| &k.name == owners[0]);
            prop_assert!(client.is_some_and(|k| k.assignment.contains(&tp)), "{} not owned by the live client {}", tp, owners[0]);
        }
    }
}
