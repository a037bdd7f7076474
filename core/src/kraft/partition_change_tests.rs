//! Cases ported from Kafka 4.1's
//! `metadata/src/test/java/org/apache/kafka/controller/PartitionChangeBuilderTest.java`
//! (each test names the one it ports; "v2" is PartitionChangeRecord version 2, ELR on, the
//! lab's 4.1; "v1" is metadata.version 3.7-IV2, ELR off), and a property test of the
//! invariants every applied record keeps.

use super::*;
use crate::model::Uuid;
use base64::Engine as _;

fn uuid(s: &str) -> Uuid {
    let b = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .expect("a Kafka uuid");
    Uuid(b.try_into().expect("16 bytes"))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn part(
    replicas: &[u32],
    dirs: &[Uuid],
    isr: &[u32],
    leader: i32,
    elr: &[u32],
    last_known_elr: &[u32],
    removing: &[u32],
    adding: &[u32],
) -> PartitionRecord {
    PartitionRecord {
        partition_id: 0,
        topic_id: uuid("FbrrdcfiR-KC2CPSTHaJrg"),
        replicas: replicas.to_vec(),
        isr: isr.to_vec(),
        removing_replicas: removing.to_vec(),
        adding_replicas: adding.to_vec(),
        leader,
        leader_recovery_state: RECOVERED,
        leader_epoch: 100,
        partition_epoch: 200,
        eligible_leader_replicas: elr.to_vec(),
        last_known_elr: last_known_elr.to_vec(),
        directories: dirs.to_vec(),
    }
}

fn foo() -> PartitionRecord {
    part(
        &[2, 1, 3],
        &[
            uuid("dpdvA5AZSWySmnPFTnu5Kw"),
            uuid("V60B3cglScq3Xk8BX1NxAQ"),
            Uuid::ZERO,
        ],
        &[2, 1, 3],
        1,
        &[],
        &[],
        &[],
        &[],
    )
}

fn bar() -> PartitionRecord {
    part(
        &[1, 2, 3, 4],
        &[
            Uuid::ZERO,
            uuid("X5FnAcIgTheWgTMzeO5WHw"),
            uuid("GtrcdoSOTm2vFMGFeZq0eg"),
            uuid("YcOqPw5ARmeKr1y9W3AkFw"),
        ],
        &[1, 2, 3],
        1,
        &[],
        &[],
        &[1],
        &[4],
    )
}

fn baz() -> PartitionRecord {
    part(
        &[2, 1, 3],
        &[
            uuid("ywnfFpTBTbOsFdZ6uAdOmw"),
            uuid("Th0x70ecRbWvZNNV33jyRA"),
            uuid("j216tuSoQsC9JFd1Z5ZP6w"),
        ],
        &[1, 3],
        3,
        &[],
        &[],
        &[],
        &[],
    )
}

/// `createFooBuilder`: replica 3 is not an acceptable leader, min ISR 2.
fn foo_builder(p: &PartitionRecord, elr: bool) -> PartitionChangeBuilder<'_> {
    PartitionChangeBuilder::new(p, |r| r != 3, 2).set_eligible_leader_replicas_enabled(elr)
}

fn change(p: &PartitionRecord) -> PartitionChangeRecord {
    PartitionChangeRecord::new(p.topic_id, p.partition_id)
}

fn elected(b: &PartitionChangeBuilder<'_>) -> (i32, bool) {
    let r = b.elect_leader();
    (r.node, r.unclean)
}

/// Both ELR settings (the versions the Kafka tests are parameterised over).
const ELR: [bool; 2] = [false, true];

#[test]
fn test_change_record_is_no_op() {
    let p = foo();
    assert!(is_no_op(&change(&p)));
    let mut c = change(&p);
    c.leader = 1;
    assert!(!is_no_op(&c));
    let cases: [fn(&mut PartitionChangeRecord); 8] = [
        |c| c.isr = Some(vec![1, 2, 3]),
        |c| c.removing_replicas = Some(vec![1]),
        |c| c.adding_replicas = Some(vec![4]),
        |c| c.eligible_leader_replicas = Some(vec![5]),
        |c| c.last_known_elr = Some(vec![6]),
        |c| c.leader_recovery_state = Some(RECOVERED),
        |c| c.directories = Some(vec![Uuid::ZERO]),
        |c| c.replicas = Some(vec![1]),
    ];
    for set in cases {
        let mut c = change(&p);
        set(&mut c);
        assert!(!is_no_op(&c), "{c:?}");
    }
}

#[test]
fn test_elect_leader() {
    let (f, z) = (foo(), baz());
    for elr in ELR {
        let b = || foo_builder(&f, elr);
        assert_eq!(elected(&b().set_election(Election::Preferred)), (2, false));
        assert_eq!(elected(&b()), (1, false));
        assert_eq!(elected(&b().set_election(Election::Unclean)), (1, false));
        assert_eq!(elected(&b().set_target_isr(vec![1, 3])), (1, false));
        assert_eq!(
            elected(
                &b().set_election(Election::Unclean)
                    .set_target_isr(vec![1, 3])
            ),
            (1, false)
        );
        assert_eq!(elected(&b().set_target_isr(vec![3])), (NO_LEADER, false));
        assert_eq!(
            elected(&b().set_election(Election::Unclean).set_target_isr(vec![3])),
            (2, true)
        );
        assert_eq!(
            elected(
                &b().set_election(Election::Unclean)
                    .set_target_isr(vec![4])
                    .set_target_replicas(vec![2, 1, 3, 4])
            ),
            (4, false)
        );
        let zb = || {
            PartitionChangeBuilder::new(&z, |_| true, 2).set_eligible_leader_replicas_enabled(elr)
        };
        assert_eq!(elected(&zb().set_election(Election::Preferred)), (3, false));
        assert_eq!(elected(&zb()), (3, false));
        assert_eq!(elected(&zb().set_election(Election::Unclean)), (3, false));
    }
}

/// `testNoLeaderEpochBumpOnIsrShrink` (3.6-IV0 and later) and `testLeaderEpochBumpOnIsrShrink`
/// (3.4-IV0, 3.5-IV2: KAFKA-15021): the shrink names the leader only in the old versions.
#[test]
fn test_leader_epoch_bump_on_isr_shrink_only_before_3_6() {
    let f = foo();
    let built = foo_builder(&f, false)
        .set_target_isr(vec![2, 1])
        .build()
        .unwrap();
    assert_eq!(built.leader, NO_LEADER_CHANGE);
    let old = foo_builder(&f, false)
        .set_isr_shrink_bumps_leader_epoch(true)
        .set_target_isr(vec![2, 1])
        .build()
        .unwrap();
    assert_eq!(old.leader, 1);
    let mut p = f.clone();
    apply(&mut p, &old);
    assert_eq!((p.leader, p.leader_epoch, p.partition_epoch), (1, 101, 201));
}

/// `testNoLeaderEpochBumpOnIsrExpansion`.
#[test]
fn test_no_leader_epoch_bump_on_isr_expansion() {
    let f = foo();
    for old in [false, true] {
        let c = foo_builder(&f, false)
            .set_isr_shrink_bumps_leader_epoch(old)
            .set_target_isr(vec![2, 1, 3, 4])
            .build()
            .unwrap();
        assert_eq!(c.leader, NO_LEADER_CHANGE);
    }
}

/// `testLeaderEpochBumpOnNewReplicaSetDisjoint`.
#[test]
fn test_leader_epoch_bump_on_new_replica_set_disjoint() {
    let f = foo();
    let c = foo_builder(&f, true)
        .set_target_replicas(vec![2, 1, 4])
        .build()
        .unwrap();
    assert_eq!(c.leader, 1);
}

/// `testNoChange`.
#[test]
fn test_no_change() {
    let (f, b, z) = (foo(), bar(), baz());
    for elr in ELR {
        assert_eq!(foo_builder(&f, elr).build(), None);
        assert_eq!(
            foo_builder(&f, elr).set_election(Election::Unclean).build(),
            None
        );
        assert_eq!(foo_builder(&b, elr).build(), None);
        assert_eq!(
            foo_builder(&b, elr).set_election(Election::Unclean).build(),
            None
        );
        let zb = PartitionChangeBuilder::new(&z, |_| true, 2)
            .set_eligible_leader_replicas_enabled(elr)
            .set_election(Election::Preferred);
        assert_eq!(zb.build(), None);
    }
}

/// `testIsrChangeDoesntBumpLeaderEpoch` and `testIsrChangeAndLeaderChange`.
#[test]
fn test_isr_change_and_leader_change() {
    let f = foo();
    for elr in ELR {
        let mut want = change(&f);
        want.isr = Some(vec![2, 1]);
        assert_eq!(
            foo_builder(&f, elr).set_target_isr(vec![2, 1]).build(),
            Some(want)
        );
        let mut want = change(&f);
        want.isr = Some(vec![2, 3]);
        want.leader = 2;
        assert_eq!(
            foo_builder(&f, elr).set_target_isr(vec![2, 3]).build(),
            Some(want)
        );
    }
}

/// `testReassignmentRearrangesReplicas`.
#[test]
fn test_reassignment_rearranges_replicas() {
    let f = foo();
    let mut want = change(&f);
    want.replicas = Some(vec![3, 2, 1]);
    want.directories = Some(vec![f.directories[2], f.directories[0], f.directories[1]]);
    assert_eq!(
        foo_builder(&f, true)
            .set_target_replicas(vec![3, 2, 1])
            .build(),
        Some(want)
    );
}

/// `testIsrEnlargementCompletesReassignment`.
#[test]
fn test_isr_enlargement_completes_reassignment() {
    let b = bar();
    for elr in ELR {
        let mut want = change(&b);
        want.replicas = Some(vec![2, 3, 4]);
        want.isr = Some(vec![2, 3, 4]);
        want.leader = 2;
        want.removing_replicas = Some(vec![]);
        want.adding_replicas = Some(vec![]);
        want.directories = Some(b.directories[1..].to_vec());
        assert_eq!(
            foo_builder(&b, elr)
                .set_target_isr(vec![1, 2, 3, 4])
                .build(),
            Some(want)
        );
    }
}

/// `testRevertReassignment`.
#[test]
fn test_revert_reassignment() {
    let b = bar();
    let mut want = change(&b);
    want.replicas = Some(vec![1, 2, 3]);
    want.leader = 1;
    want.removing_replicas = Some(vec![]);
    want.adding_replicas = Some(vec![]);
    want.directories = Some(b.directories[..3].to_vec());
    let built = foo_builder(&b, true)
        .set_target_replicas(vec![1, 2, 3])
        .set_target_isr(vec![1, 2, 3])
        .set_target_removing(vec![])
        .set_target_adding(vec![])
        .build();
    assert_eq!(built, Some(want));
}

/// `testRemovingReplicaReassignment`.
#[test]
fn test_removing_replica_reassignment() {
    let f = foo();
    let mut want = change(&f);
    want.replicas = Some(vec![1, 2]);
    want.isr = Some(vec![2, 1]);
    want.leader = 1;
    want.directories = Some(vec![f.directories[1], f.directories[0]]);
    let built = foo_builder(&f, true)
        .set_target_replicas(vec![1, 2, 3])
        .set_target_removing(vec![3])
        .build();
    assert_eq!(built, Some(want));
}

/// `testAddingReplicaReassignment`.
#[test]
fn test_adding_replica_reassignment() {
    let f = foo();
    let mut want = change(&f);
    want.replicas = Some(vec![1, 2, 3, 4]);
    want.adding_replicas = Some(vec![4]);
    want.directories = Some(vec![
        f.directories[1],
        f.directories[0],
        f.directories[2],
        Uuid::ZERO,
    ]);
    let built = foo_builder(&f, true)
        .set_target_replicas(vec![1, 2, 3, 4])
        .set_target_adding(vec![4])
        .build();
    assert_eq!(built, Some(want));
}

fn offline(elr: bool) -> PartitionRecord {
    let dirs = [
        uuid("CQEqt7trRrmqyNxUT1CY0g"),
        uuid("59Mb9smoSsC0bGUP2FYV8A"),
        uuid("LBTmsCVJREqJuIEtwqxRDg"),
    ];
    if elr {
        part(&[2, 1, 3], &dirs, &[], NO_LEADER, &[3], &[2], &[], &[])
    } else {
        part(&[2, 1, 3], &dirs, &[3], NO_LEADER, &[], &[], &[], &[])
    }
}

/// `testUncleanLeaderElection`.
#[test]
fn test_unclean_leader_election() {
    let f = foo();
    let mut want = change(&f);
    want.isr = Some(vec![2]);
    want.leader = 2;
    want.leader_recovery_state = Some(RECOVERING);
    for elr in ELR {
        let built = foo_builder(&f, elr)
            .set_election(Election::Unclean)
            .set_target_isr(vec![3])
            .build();
        assert_eq!(built, Some(want.clone()));

        let o = offline(elr);
        let mut want = change(&o);
        want.isr = Some(vec![1]);
        want.leader = 1;
        want.leader_recovery_state = Some(RECOVERING);
        if elr {
            // The unclean election clears the ELR fields.
            want.eligible_leader_replicas = Some(vec![]);
            want.last_known_elr = Some(vec![]);
        }
        let ob = || {
            PartitionChangeBuilder::new(&o, |r| r == 1, 2)
                .set_eligible_leader_replicas_enabled(elr)
                .set_election(Election::Unclean)
        };
        assert_eq!(ob().build(), Some(want.clone()));
        assert_eq!(ob().set_target_isr(vec![2]).build(), Some(want));
    }
}

/// `testChangeInLeadershipDoesNotChangeRecoveryState`.
#[test]
fn test_change_in_leadership_does_not_change_recovery_state() {
    let mut p = part(&[1, 2, 3], &[Uuid::ZERO; 3], &[1], 1, &[], &[], &[], &[]);
    p.leader_recovery_state = RECOVERING;
    let c = PartitionChangeBuilder::new(&p, |_| false, 2)
        .set_target_isr(vec![])
        .build()
        .unwrap();
    assert_eq!(c.leader_recovery_state, None);
    assert_eq!(c.leader, NO_LEADER);
    apply(&mut p, &c);
    assert_eq!(
        (p.leader, p.isr.clone(), p.leader_recovery_state),
        (NO_LEADER, vec![1], RECOVERING)
    );
    let c = PartitionChangeBuilder::new(&p, |_| true, 2)
        .build()
        .unwrap();
    assert_eq!(c.leader_recovery_state, None);
    apply(&mut p, &c);
    assert_eq!(
        (p.leader, p.isr.clone(), p.leader_recovery_state),
        (1, vec![1], RECOVERING)
    );
}

/// `testUncleanSetsLeaderRecoveringState`.
#[test]
fn test_unclean_sets_leader_recovering_state() {
    let mut p = part(
        &[1, 2, 3],
        &[Uuid::ZERO; 3],
        &[2, 3],
        NO_LEADER,
        &[],
        &[],
        &[],
        &[],
    );
    let c = PartitionChangeBuilder::new(&p, |r| r == 1, 2)
        .set_election(Election::Unclean)
        .build()
        .unwrap();
    assert_eq!(c.leader_recovery_state, Some(RECOVERING));
    assert_eq!((c.leader, c.isr.clone()), (1, Some(vec![1])));
    apply(&mut p, &c);
    assert_eq!(
        (p.leader, p.isr.clone(), p.leader_recovery_state),
        (1, vec![1], RECOVERING)
    );
}

/// `testStoppedLeaderIsDemotedAfterReassignmentCompletesEvenIfNoNewEligibleLeaders`.
#[test]
fn test_stopped_leader_is_demoted_after_reassignment_completes() {
    let p = part(
        &[2, 3, 0, 1],
        &[Uuid::ZERO; 4],
        &[0, 1],
        0,
        &[],
        &[],
        &[0, 1],
        &[2, 3],
    );
    let c = PartitionChangeBuilder::new(&p, |_| false, 2)
        .set_target_isr(vec![0, 1, 2, 3])
        .build()
        .unwrap();
    let mut want = change(&p);
    want.replicas = Some(vec![2, 3]);
    want.isr = Some(vec![2, 3]);
    want.removing_replicas = Some(vec![]);
    want.adding_replicas = Some(vec![]);
    want.leader = NO_LEADER;
    want.directories = Some(vec![Uuid::ZERO; 2]);
    assert_eq!(c, want);
}

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

/// `testEligibleLeaderReplicas_IsrShrinkBelowMinISR`: the replicas leaving an ISR that
/// drops below `min.insync.replicas` (3) go into the ELR.
#[test]
fn test_elr_isr_shrink_below_min_isr() {
    for elr in ELR {
        let mut p = four();
        let c = PartitionChangeBuilder::new(&p, |r| r != 3, 3)
            .set_election(Election::Preferred)
            .set_eligible_leader_replicas_enabled(elr)
            .set_use_last_known_leader_in_balanced_recovery(false)
            .set_target_isr(vec![1, 2])
            .build()
            .unwrap();
        let mut want = change(&p);
        want.isr = Some(vec![1, 2]);
        if elr {
            want.eligible_leader_replicas = Some(vec![3, 4]);
        }
        assert_eq!(c, want);
        apply(&mut p, &c);
        let expect: &[u32] = if elr { &[3, 4] } else { &[] };
        assert_eq!(p.eligible_leader_replicas, expect);
        assert!(p.last_known_elr.is_empty());
    }
}

/// `testEligibleLeaderReplicas_IsrExpandAboveMinISR`: back at min ISR, ELR and
/// LastKnownElr are cleared.
#[test]
fn test_elr_isr_expand_above_min_isr() {
    for elr in ELR {
        let mut p = part(
            &[1, 2, 3, 4],
            &[Uuid::ZERO; 4],
            &[1, 2],
            1,
            &[3],
            &[4],
            &[],
            &[],
        );
        let c = PartitionChangeBuilder::new(&p, |r| r != 3, 3)
            .set_election(Election::Preferred)
            .set_eligible_leader_replicas_enabled(elr)
            .set_use_last_known_leader_in_balanced_recovery(false)
            .set_target_isr(vec![1, 2, 3])
            .build()
            .unwrap();
        let mut want = change(&p);
        want.isr = Some(vec![1, 2, 3]);
        want.eligible_leader_replicas = Some(vec![]);
        want.last_known_elr = Some(vec![]);
        assert_eq!(c, want);
        apply(&mut p, &c);
        assert!(p.eligible_leader_replicas.is_empty() && p.last_known_elr.is_empty());
    }
}

/// `testEligibleLeaderReplicas_IsrAddNewMemberNotInELR`.
#[test]
fn test_elr_isr_add_new_member_not_in_elr() {
    for elr in ELR {
        let mut p = part(
            &[1, 2, 3, 4],
            &[Uuid::ZERO; 4],
            &[1],
            1,
            &[3],
            &[2],
            &[],
            &[],
        );
        let c = PartitionChangeBuilder::new(&p, |r| r != 3, 3)
            .set_election(Election::Preferred)
            .set_eligible_leader_replicas_enabled(elr)
            .set_use_last_known_leader_in_balanced_recovery(false)
            .set_target_isr(vec![1, 4])
            .build()
            .unwrap();
        let mut want = change(&p);
        want.isr = Some(vec![1, 4]);
        if !elr {
            want.eligible_leader_replicas = Some(vec![]);
            want.last_known_elr = Some(vec![]);
        }
        assert_eq!(c, want);
        apply(&mut p, &c);
        let (e, l): (&[u32], &[u32]) = if elr { (&[3], &[2]) } else { (&[], &[]) };
        assert_eq!(
            (
                p.eligible_leader_replicas.as_slice(),
                p.last_known_elr.as_slice()
            ),
            (e, l)
        );
    }
}

/// `testEligibleLeaderReplicas_RemoveUncleanShutdownReplicasFromElr`.
#[test]
fn test_elr_remove_unclean_shutdown_replicas_from_elr() {
    for elr in ELR {
        let mut p = part(
            &[1, 2, 3, 4],
            &[Uuid::ZERO; 4],
            &[1],
            1,
            &[2, 3],
            &[],
            &[],
            &[],
        );
        let c = PartitionChangeBuilder::new(&p, |r| r != 3, 3)
            .set_election(Election::Preferred)
            .set_eligible_leader_replicas_enabled(elr)
            .set_use_last_known_leader_in_balanced_recovery(false)
            .set_unclean_shutdown_replicas(vec![3])
            .build()
            .unwrap();
        let mut want = change(&p);
        if elr {
            want.eligible_leader_replicas = Some(vec![2]);
            want.last_known_elr = Some(vec![3]);
        } else {
            want.eligible_leader_replicas = Some(vec![]);
        }
        assert_eq!(c, want);
        apply(&mut p, &c);
        let (e, l): (&[u32], &[u32]) = if elr { (&[2], &[3]) } else { (&[], &[]) };
        assert_eq!(
            (
                p.eligible_leader_replicas.as_slice(),
                p.last_known_elr.as_slice()
            ),
            (e, l)
        );
    }
}

/// `testKeepsDirectoriesAfterReassignment`.
#[test]
fn test_keeps_directories_after_reassignment() {
    let dirs = [
        uuid("v1PVrX6uS5m8CByXlLfmWg"),
        uuid("iU2znv45Q9yQkOpkTSy3jA"),
        uuid("fM5NKyWTQHqEihjIkUl99Q"),
    ];
    let p = part(&[2, 1, 3], &dirs, &[2, 1, 3], 1, &[], &[], &[], &[]);
    let new_dir = uuid("RNJ5oFjjSSWMMFRwqdCfJg");
    let c = PartitionChangeBuilder::new(&p, |_| true, 2)
        .set_target_replicas(vec![3, 1, 5, 4])
        .set_directory(5, new_dir)
        .build()
        .unwrap();
    let mut want = change(&p);
    want.leader = 1;
    want.replicas = Some(vec![3, 1, 5, 4]);
    want.directories = Some(vec![dirs[2], dirs[1], new_dir, Uuid::ZERO]);
    assert_eq!(c, want);
}

/// `testUpdateDirectories`.
#[test]
fn test_update_directories() {
    let dirs = [
        uuid("S1zMYZczRjWmucidLqGA5g"),
        uuid("9eRNXTvFTsWUJObvW51V5A"),
        uuid("UpePYVBgRAi3c4ujQrf3Kg"),
    ];
    let lost = Uuid([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]); // DirectoryId.LOST
    let p = part(&[2, 1, 3], &dirs, &[2, 1, 3], 2, &[], &[], &[], &[]);
    let new_dir = uuid("pN1VKs9zRzK4APflpegAVg");
    let c = PartitionChangeBuilder::new(&p, |_| true, 2)
        .set_eligible_leader_replicas_enabled(true)
        .set_directory(3, new_dir)
        .set_directory(1, lost)
        .build()
        .unwrap();
    let mut want = change(&p);
    want.directories = Some(vec![dirs[0], lost, new_dir]);
    assert_eq!(c, want);
}
