//! A property test of the invariants every record the builder writes keeps once applied
//! (see `partition_change_tests.rs` for the cases ported from Kafka).

use super::tests::part;
use super::*;
use crate::model::Uuid;
use proptest::prelude::*;
use std::collections::BTreeSet;

#[derive(Clone, Debug)]
enum Step {
    Fence(u32),
    Unfence(u32),
    UncleanReturn(u32),
    AlterIsr(Vec<u32>),
    Preferred,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1u32..=4).prop_map(Step::Fence),
        (1u32..=4).prop_map(Step::Unfence),
        (1u32..=4).prop_map(Step::UncleanReturn),
        proptest::collection::vec(1u32..=4, 0..4).prop_map(Step::AlterIsr),
        Just(Step::Preferred),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    /// Whatever sequence of fencing, unfencing, unclean returns, AlterPartition requests
    /// and preferred elections the controller runs through the builder, the applied
    /// partition never has a leader outside its replicas or a fenced one, an ISR and
    /// ELR larger than the replicas or overlapping, and — with ELR on — no fenced ISR
    /// member (ELR off keeps the last ISR member, leaderless, by Kafka's rule).
    #[test]
    fn applied_changes_keep_the_invariants(
        steps in proptest::collection::vec(step(), 1..30),
        elr in any::<bool>(),
        unclean in any::<bool>(),
        min_isr in 1usize..=3,
    ) {
        let mut p = part(&[1, 2, 3], &[Uuid::ZERO; 3], &[1, 2, 3], 1, &[], &[], &[], &[]);
        let mut fenced: BTreeSet<u32> = BTreeSet::new();
        let mut last_epoch = (p.leader_epoch, p.partition_epoch);
        for s in steps {
            let active = |f: &BTreeSet<u32>| { let f = f.clone(); move |r: u32| !f.contains(&r) };
            let c = match s {
                Step::Fence(b) => {
                    fenced.insert(b);
                    let ch = BrokerChange { broker_to_remove: Some(b), broker_to_add: None, broker_with_unclean_shutdown: None };
                    generate_leader_and_isr_update(&p, &ch, active(&fenced), min_isr, elr, unclean)
                }
                Step::Unfence(b) => {
                    let ch = BrokerChange { broker_to_remove: None, broker_to_add: Some(b), broker_with_unclean_shutdown: None };
                    let c = generate_leader_and_isr_update(&p, &ch, active(&fenced), min_isr, elr, unclean);
                    fenced.remove(&b);
                    c
                }
                Step::UncleanReturn(b) => {
                    let ch = BrokerChange { broker_to_remove: None, broker_to_add: None, broker_with_unclean_shutdown: Some(b) };
                    generate_leader_and_isr_update(&p, &ch, active(&fenced), min_isr, elr, unclean)
                }
                Step::AlterIsr(isr) => {
                    // Only a live leader sends AlterPartition, with itself in the ISR,
                    // live replicas only, no duplicates.
                    if p.leader < 0 || fenced.contains(&(p.leader as u32)) { None } else {
                        let mut target = vec![p.leader as u32];
                        for r in isr {
                            if p.replicas.contains(&r) && !fenced.contains(&r) && !target.contains(&r) {
                                target.push(r);
                            }
                        }
                        PartitionChangeBuilder::new(&p, active(&fenced), min_isr)
                            .set_eligible_leader_replicas_enabled(elr)
                            .set_target_isr(target)
                            .build()
                    }
                }
                Step::Preferred => PartitionChangeBuilder::new(&p, active(&fenced), min_isr)
                    .set_eligible_leader_replicas_enabled(elr)
                    .set_election(Election::Preferred)
                    .build(),
            };
            if let Some(c) = c {
                apply(&mut p, &c);
                prop_assert!(p.partition_epoch == last_epoch.1 + 1);
                prop_assert!(p.leader_epoch >= last_epoch.0);
            }
            last_epoch = (p.leader_epoch, p.partition_epoch);
            if p.leader >= 0 {
                prop_assert!(p.replicas.contains(&(p.leader as u32)), "{p:?}");
                prop_assert!(!fenced.contains(&(p.leader as u32)), "{p:?} fenced {fenced:?}");
                prop_assert!(p.isr.contains(&(p.leader as u32)), "{p:?}");
            }
            prop_assert!(p.isr.len() + p.eligible_leader_replicas.len() <= p.replicas.len(), "{p:?}");
            prop_assert!(p.isr.iter().all(|r| !p.eligible_leader_replicas.contains(r)), "{p:?}");
            if elr {
                prop_assert!(p.isr.iter().all(|r| !fenced.contains(r)), "{p:?} fenced {fenced:?}");
            } else {
                prop_assert!(p.eligible_leader_replicas.is_empty());
                let fenced_in_isr = p.isr.iter().filter(|r| fenced.contains(r)).count();
                prop_assert!(fenced_in_isr == 0 || (p.isr.len() == 1 && p.leader == NO_LEADER), "{p:?} fenced {fenced:?}");
            }
        }
    }
}
