//! Properties of the consumer assignors on random groups: every subscribed partition is
//! assigned exactly once (the cooperative assignor may hold some back for one round), only to a
//! member subscribed to its topic; the sticky assignors balance members with the same
//! subscription to within one partition; and every assignor is deterministic.
use std::collections::{BTreeMap, BTreeSet};

use kafka_lab::assignor::{assign_detailed, AssignorKind, Subscription};
use kafka_lab::model::TopicPartition;
use proptest::prelude::*;

const TOPICS: [&str; 4] = ["a", "b", "c", "d"];

fn group() -> impl Strategy<Value = (BTreeMap<String, u32>, Vec<Subscription>)> {
    let counts = proptest::collection::vec(0u32..7, TOPICS.len());
    let members = proptest::collection::vec(
        (
            1u8..16,
            proptest::collection::vec((0usize..4, 0u32..7), 0..6),
            proptest::option::of(0i32..3),
            any::<bool>(),
        ),
        0..7,
    );
    (counts, members).prop_map(|(counts, members)| {
        let ppt = TOPICS
            .iter()
            .zip(counts)
            .map(|(t, n)| (t.to_string(), n))
            .collect();
        let subs = members
            .into_iter()
            .enumerate()
            .map(|(i, (mask, owned, generation, is_static))| {
                let topics: Vec<&str> = TOPICS
                    .iter()
                    .enumerate()
                    .filter(|(b, _)| mask & (1 << b) != 0)
                    .map(|(_, t)| *t)
                    .collect();
                let mut s = Subscription::new(format!("m{i}"), topics).with_owned(
                    owned
                        .into_iter()
                        .map(|(t, p)| TopicPartition::new(TOPICS[t], p))
                        .collect(),
                    generation,
                );
                if is_static {
                    s = s.with_instance_id(format!("i{}", 9 - i));
                }
                s
            })
            .collect();
        (ppt, subs)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn assignments_are_valid_balanced_and_deterministic((ppt, members) in group()) {
        let subscribed: BTreeSet<&String> = members.iter().flat_map(|m| &m.topics).collect();
        let expected: BTreeSet<TopicPartition> = ppt
            .iter()
            .filter(|(t, _)| subscribed.contains(t))
            .flat_map(|(t, n)| (0..*n).map(move |p| TopicPartition::new(t.as_str(), p)))
            .collect();
        for kind in AssignorKind::ALL {
            let out = assign_detailed(kind, &ppt, &members);
            prop_assert_eq!(&out, &assign_detailed(kind, &ppt, &members), "{:?} not deterministic", kind);
            prop_assert_eq!(out.assignment.len(), members.len());
            let mut seen = BTreeSet::new();
            for (member, tps) in &out.assignment {
                let sub = members.iter().find(|m| &m.member_id == member).expect("a member");
                for tp in tps {
                    prop_assert!(seen.insert(*tp), "{:?}: {} assigned twice", kind, tp);
                    prop_assert!(sub.topics.contains(tp.topic.as_str()), "{:?}: {} to {} not subscribed", kind, tp, member);
                }
            }
            if kind.is_cooperative() {
                for tp in out.withheld.keys() {
                    prop_assert!(seen.insert(*tp), "{:?}: {} withheld and assigned", kind, tp);
                }
            } else {
                prop_assert!(out.withheld.is_empty());
            }
            prop_assert_eq!(&seen, &expected, "{:?}: not every partition assigned", kind);
            if kind == AssignorKind::Sticky {
                let mut by_subscription: BTreeMap<&BTreeSet<String>, Vec<usize>> = BTreeMap::new();
                for m in &members {
                    by_subscription.entry(&m.topics).or_default().push(out.assignment[&m.member_id].len());
                }
                for sizes in by_subscription.values() {
                    let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
                    prop_assert!(max - min <= 1, "{:?} unbalanced: {:?}", kind, sizes);
                }
            }
        }
    }

    /// After the follow-up rebalance (everyone owning what it was given), the cooperative
    /// assignor has nothing left to withhold and is balanced like the eager one.
    #[test]
    fn cooperative_settles_balanced((ppt, members) in group()) {
        let mut members = members;
        for _ in 0..4 {
            let out = assign_detailed(AssignorKind::CooperativeSticky, &ppt, &members);
            if out.withheld.is_empty() {
                break;
            }
            members = members
                .iter()
                .map(|m| m.clone().with_owned(out.assignment[&m.member_id].clone(), Some(10)))
                .collect();
        }
        let out = assign_detailed(AssignorKind::CooperativeSticky, &ppt, &members);
        prop_assert!(out.withheld.is_empty(), "still withholding {:?}", out.withheld);
        let mut by_subscription: BTreeMap<&BTreeSet<String>, Vec<usize>> = BTreeMap::new();
        for m in &members {
            by_subscription.entry(&m.topics).or_default().push(out.assignment[&m.member_id].len());
        }
        for sizes in by_subscription.values() {
            let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            prop_assert!(max - min <= 1, "unbalanced: {:?}", sizes);
        }
    }
}
