//! KIP-966 cases ported from Kafka 4.1's `PartitionChangeBuilderTest` (electing from the
//! ELR, an ISR shrinking to nothing, the last known leader), the case the ISR-only rule loses
//! and ELR keeps, the ELR's order, and the `AlterPartition` path.

use super::tests::part;
use super::*;
use crate::model::Uuid;

fn change(p: &PartitionRecord) -> PartitionChangeRecord {
    PartitionChangeRecord::new(p.topic_id, p.partition_id)
}

/// Both ELR settings.
const ELR: [bool; 2] = [false, true];

fn four() -> PartitionRecord {
    part(
        &[1, 2, 3, 4],
        &[Uuid::ZERO; 4],
        &[1, 2, 3, 4],
        1,
        &[],
        &[],
        &[],
        &[],
    )
}

/// `testEligibleLeaderReplicas_ElrCanBeElected`: with the ISR empty, a leader comes from
/// the ELR and becomes the ISR.
#[test]
fn test_elr_can_be_elected() {
    for last_known_leader in [true, false] {
        let lke: &[u32] = if last_known_leader { &[] } else { &[2] };
        let mut p = part(
            &[1, 2, 3, 4],
            &[Uuid::ZERO; 4],
            &[1],
            1,
            &[3],
            lke,
            &[],
            &[],
        );
        let c = PartitionChangeBuilder::new(&p, |r| r != 1, 3)
            .set_election(Election::Preferred)
            .set_eligible_leader_replicas_enabled(true)
            .set_use_last_known_leader_in_balanced_recovery(last_known_leader)
            .set_target_isr(vec![])
            .build()
            .unwrap();
        let mut want = change(&p);
        want.isr = Some(vec![3]);
        want.eligible_leader_replicas = Some(vec![1]);
        want.leader = 3;
        assert_eq!(c, want);
        apply(&mut p, &c);
        assert_eq!(p.eligible_leader_replicas, vec![1]);
        assert_eq!(p.last_known_elr, lke);
        assert_eq!(p.isr, vec![3]);
    }
}

/// `testEligibleLeaderReplicas_IsrCanShrinkToZero`.
#[test]
fn test_elr_isr_can_shrink_to_zero() {
    for last_known_leader in [true, false] {
        let mut p = four();
        let b = || {
            PartitionChangeBuilder::new(&p, |_| false, 3)
                .set_election(Election::Preferred)
                .set_eligible_leader_replicas_enabled(true)
                .set_use_last_known_leader_in_balanced_recovery(last_known_leader)
                .set_target_isr(vec![])
        };
        let c = b().build().unwrap();
        let mut want = change(&p);
        want.isr = Some(vec![]);
        want.leader = NO_LEADER;
        want.eligible_leader_replicas = Some(vec![1, 2, 3, 4]);
        if last_known_leader {
            want.last_known_elr = Some(vec![1]);
        }
        assert_eq!(c, want);
        apply(&mut p, &c);
        assert_eq!(p.eligible_leader_replicas, vec![1, 2, 3, 4]);
        assert!(p.isr.is_empty());
        if last_known_leader {
            assert_eq!(p.last_known_elr, vec![1]);
            let c = PartitionChangeBuilder::new(&p, |_| false, 3)
                .set_election(Election::Preferred)
                .set_eligible_leader_replicas_enabled(true)
                .set_unclean_shutdown_replicas(vec![2])
                .build()
                .unwrap();
            assert_eq!(c.last_known_elr, None, "{c:?}");
        } else {
            assert!(p.last_known_elr.is_empty());
        }
    }
}

/// `testEligibleLeaderReplicas_ElectLastKnownLeader`.
#[test]
fn test_elr_elect_last_known_leader() {
    let mut p = part(
        &[1, 2, 3, 4],
        &[Uuid::ZERO; 4],
        &[],
        NO_LEADER,
        &[],
        &[1],
        &[],
        &[],
    );
    let c = PartitionChangeBuilder::new(&p, |_| true, 3)
        .set_election(Election::Preferred)
        .set_eligible_leader_replicas_enabled(true)
        .set_target_isr(vec![])
        .build()
        .unwrap();
    let mut want = change(&p);
    want.isr = Some(vec![1]);
    want.leader = 1;
    want.leader_recovery_state = Some(RECOVERING);
    want.last_known_elr = Some(vec![]);
    assert_eq!(c, want);
    apply(&mut p, &c);
    assert!(p.eligible_leader_replicas.is_empty() && p.last_known_elr.is_empty());
    assert_eq!(p.isr, vec![1]);
}

/// `testEligibleLeaderReplicas_ElectLastKnownLeaderShouldFail`.
#[test]
fn test_elr_elect_last_known_leader_should_fail() {
    let p = part(
        &[1, 2, 3, 4],
        &[Uuid::ZERO; 4],
        &[],
        NO_LEADER,
        &[3],
        &[1],
        &[],
        &[],
    );
    let c = PartitionChangeBuilder::new(&p, |r| r != 3, 3)
        .set_election(Election::Preferred)
        .set_eligible_leader_replicas_enabled(true)
        .set_target_isr(vec![])
        .build();
    assert_eq!(c, None);
}

/// `testEligibleLeaderReplicas_NotEligibleLastKnownLeader`, for each election type.
#[test]
fn test_elr_not_eligible_last_known_leader() {
    for e in [Election::Preferred, Election::Online, Election::Unclean] {
        let p = part(
            &[1, 2, 3, 4],
            &[Uuid::ZERO; 4],
            &[],
            NO_LEADER,
            &[],
            &[1],
            &[],
            &[],
        );
        let c = PartitionChangeBuilder::new(&p, |_| false, 3)
            .set_election(e)
            .set_eligible_leader_replicas_enabled(true)
            .set_target_isr(vec![])
            .build();
        assert_eq!(c, None, "{e:?}");
    }
}

/// The case ELR exists for (KIP-966): min.insync.replicas 2, replicas 1,2,3. Broker 3, then
/// broker 2, then broker 1 (the last leader) are fenced, and broker 1 does not come back.
/// With ELR, 2 was kept as eligible when the ISR fell below 2 and is elected cleanly when it
/// returns; with the ISR-only rule the partition stays offline waiting for broker 1 (or
/// loses data with an unclean election).
#[test]
fn elr_keeps_a_clean_leader_the_isr_only_rule_loses() {
    let start = part(
        &[1, 2, 3],
        &[Uuid::ZERO; 3],
        &[1, 2, 3],
        1,
        &[],
        &[],
        &[],
        &[],
    );
    let mut runs = Vec::new();
    for elr in ELR {
        let mut p = start.clone();
        let fence = |p: &mut PartitionRecord, b: u32, alive: &mut Vec<u32>| {
            alive.retain(|x| *x != b);
            let a = alive.clone();
            let change = BrokerChange {
                broker_to_remove: Some(b),
                broker_to_add: None,
                broker_with_unclean_shutdown: None,
            };
            if let Some(c) =
                generate_leader_and_isr_update(p, &change, |r| a.contains(&r), 2, elr, false)
            {
                apply(p, &c);
            }
        };
        let mut alive = vec![1, 2, 3];
        fence(&mut p, 3, &mut alive);
        fence(&mut p, 2, &mut alive);
        fence(&mut p, 1, &mut alive);
        // Broker 2 comes back (clean shutdown earlier) and is unfenced.
        alive.push(2);
        let a = alive.clone();
        let change = BrokerChange {
            broker_to_remove: None,
            broker_to_add: Some(2),
            broker_with_unclean_shutdown: None,
        };
        if let Some(c) =
            generate_leader_and_isr_update(&p, &change, |r| a.contains(&r), 2, elr, false)
        {
            apply(&mut p, &c);
        }
        runs.push(p);
    }
    let (isr_only, with_elr) = (&runs[0], &runs[1]);
    // ISR-only: broker 1 stays the last ISR member, the partition has no leader.
    assert_eq!(
        (isr_only.leader, isr_only.isr.clone()),
        (NO_LEADER, vec![1])
    );
    // ELR: broker 2 was in the ELR and leads cleanly.
    assert_eq!(with_elr.leader, 2);
    assert_eq!(with_elr.isr, vec![2]);
    assert_eq!(with_elr.leader_recovery_state, RECOVERED);
}

/// The ELR comes out in Java's `HashSet` order: ascending below 16, by bucket above.
#[test]
fn elr_order_is_java_hash_set_order() {
    assert_eq!(java_hash_set_order(&[3, 1, 2, 1], 0), vec![1, 2, 3]);
    assert_eq!(java_hash_set_order(&[17, 3, 1], 0), vec![17, 1, 3]);
    assert_eq!(java_hash_set_order(&[16, 0], 0), vec![16, 0]);
    let p = part(
        &[20, 3, 18],
        &[Uuid::ZERO; 3],
        &[20, 3, 18],
        20,
        &[],
        &[],
        &[],
        &[],
    );
    let c = PartitionChangeBuilder::new(&p, |_| true, 3)
        .set_eligible_leader_replicas_enabled(true)
        .set_target_isr(vec![20])
        .build()
        .unwrap();
    assert_eq!(c.eligible_leader_replicas, Some(vec![18, 3]));
}

/// An `AlterPartition` shrinking the ISR below min.insync.replicas: the leftover replica goes
/// into the ELR, the leader and leader epoch stay (no bump since 3.6).
#[test]
fn alter_partition_shrink_fills_the_elr() {
    let mut p = part(
        &[1, 2, 3],
        &[Uuid::ZERO; 3],
        &[1, 2, 3],
        1,
        &[],
        &[],
        &[],
        &[],
    );
    let c = alter_partition(&p, vec![1], RECOVERED, |_| true, 2, true, false).unwrap();
    assert_eq!(c.leader, NO_LEADER_CHANGE);
    apply(&mut p, &c);
    assert_eq!(
        (p.isr.clone(), p.eligible_leader_replicas.clone()),
        (vec![1], vec![2, 3])
    );
    assert_eq!((p.leader_epoch, p.partition_epoch), (100, 201));
    // Back to two in sync: the ELR empties.
    let c = alter_partition(&p, vec![1, 2], RECOVERED, |_| true, 2, true, false).unwrap();
    apply(&mut p, &c);
    assert!(p.eligible_leader_replicas.is_empty());
    // ELR off: the ISR shrinks, nothing else is remembered.
    let mut q = part(
        &[1, 2, 3],
        &[Uuid::ZERO; 3],
        &[1, 2, 3],
        1,
        &[],
        &[],
        &[],
        &[],
    );
    let c = alter_partition(&q, vec![1], RECOVERED, |_| true, 2, false, false).unwrap();
    apply(&mut q, &c);
    assert!(q.eligible_leader_replicas.is_empty() && q.isr == vec![1]);
}

/// A broker in the ELR that comes back after an unclean shutdown (killed: its unflushed
/// records may be gone) leaves the ELR when it registers (`handleBrokerShutdown` with
/// `isCleanShutdown` false, `testEligibleLeaderReplicas_RemoveUncleanShutdownReplicasFromElr`'s
/// path); after a clean shutdown it stays eligible.
#[test]
fn unclean_shutdown_leaves_the_elr_on_registration() {
    let p = part(&[2, 3, 1], &[Uuid::ZERO; 3], &[2], 2, &[1], &[], &[], &[]);
    let c = handle_broker_shutdown(&p, 1, false, |_| true, 2, true, false).unwrap();
    assert_eq!(c.eligible_leader_replicas, Some(vec![]));
    assert_eq!((c.isr.clone(), c.leader), (None, NO_LEADER_CHANGE));
    // A clean shutdown is handled as a fence: 1 is not in the ISR, so nothing changes.
    assert_eq!(
        handle_broker_shutdown(&p, 1, true, |_| true, 2, true, false),
        None
    );
    // With ELR off an unclean shutdown is a fence too.
    let q = part(&[2, 3, 1], &[Uuid::ZERO; 3], &[2, 1], 2, &[], &[], &[], &[]);
    let c = handle_broker_shutdown(&q, 1, false, |_| true, 2, false, false).unwrap();
    assert_eq!(c.isr, Some(vec![2]));
}

/// `LastKnownElr` filled (Kafka 4.1 `PartitionChangeBuilder.maybeUpdateLastKnownLeader`;
/// the controller leaves `useLastKnownLeaderInBalancedRecovery` at its default, true): when
/// the last ISR member — the leader — is fenced and the ISR becomes empty, the record keeps
/// it as the last known leader. It stays while the partition has no leader (also when that
/// broker comes back from an unclean shutdown and leaves the ELR) — what `kafka-topics.sh
/// --describe` prints as `Elr: 2 … LastKnownElr: 1` in `tests/scenarios/17-spine-kraft-elr-keeps`
/// — and is cleared once a leader is elected.
#[test]
fn the_last_leader_is_kept_in_last_known_elr_while_leaderless() {
    let mut p = part(&[1, 2, 3], &[Uuid::ZERO; 3], &[1], 1, &[2], &[], &[], &[]);
    let fence = BrokerChange {
        broker_to_remove: Some(1),
        broker_to_add: None,
        broker_with_unclean_shutdown: None,
    };
    let c = generate_leader_and_isr_update(&p, &fence, |_| false, 2, true, false).unwrap();
    assert_eq!(
        (c.isr.clone(), c.leader),
        (Some(vec![]), NO_LEADER),
        "{c:?}"
    );
    assert_eq!(c.last_known_elr, Some(vec![1]), "{c:?}");
    apply(&mut p, &c);
    assert_eq!(p.eligible_leader_replicas.len(), 2, "{p:?}");
    // Broker 1 back from an unclean shutdown: out of the ELR, still the last known leader.
    let c = handle_broker_shutdown(&p, 1, false, |_| false, 2, true, false).unwrap();
    assert_eq!(c.eligible_leader_replicas, Some(vec![2]), "{c:?}");
    apply(&mut p, &c);
    assert_eq!(p.last_known_elr, vec![1]);
    // Broker 2 unfenced: elected from the ELR; the last known leader is cleared.
    let up = BrokerChange {
        broker_to_remove: None,
        broker_to_add: Some(2),
        broker_with_unclean_shutdown: None,
    };
    let c = generate_leader_and_isr_update(&p, &up, |b| b == 2, 2, true, false).unwrap();
    apply(&mut p, &c);
    assert_eq!((p.leader, p.last_known_elr.clone()), (2, vec![]), "{p:?}");
}
