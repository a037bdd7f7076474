use super::*;

fn new(send: SendId) -> NewRecord {
    NewRecord {
        send,
        key: None,
        value: format!("v{send}").into(),
        timestamp: 0,
    }
}

fn idem(id: i64, epoch: i16, seq: i32) -> ProducerFields {
    ProducerFields {
        id,
        epoch,
        base_sequence: seq,
        transactional: false,
        codec: crate::storage::batch::Codec::None,
    }
}

#[test]
fn sequences_dedupe_retries_and_refuse_gaps_as_kafka_does() {
    let cfg = SegmentConfig::LAB;
    let mut log = Log::new();
    let p = idem(7, 0, 0);
    // A producer the partition does not know may start anywhere.
    assert_eq!(log.check_sequence(&idem(7, 0, 3), 1), SequenceCheck::Append);
    log.append_batch_as_leader(0, vec![new(1), new(2)], p, 0, &cfg);
    // The same batch again (a retry) is a duplicate with its original offsets.
    assert_eq!(
        log.check_sequence(&p, 2),
        SequenceCheck::Duplicate(BatchMeta {
            first_seq: 0,
            last_seq: 1,
            first_offset: 0,
            last_offset: 1
        })
    );
    // The next batch must start at 2: 3 leaves a gap.
    assert_eq!(
        log.check_sequence(&idem(7, 0, 3), 1),
        SequenceCheck::OutOfOrder(3, 1)
    );
    assert_eq!(log.check_sequence(&idem(7, 0, 2), 1), SequenceCheck::Append);
    // A newer epoch starts over at 0; an older one is fenced.
    assert_eq!(log.check_sequence(&idem(7, 1, 0), 1), SequenceCheck::Append);
    assert_eq!(
        log.check_sequence(&idem(7, 1, 5), 1),
        SequenceCheck::OutOfOrder(5, -1)
    );
    log.append_batch_as_leader(0, vec![new(3)], idem(7, 1, 0), 0, &cfg);
    assert_eq!(
        log.check_sequence(&idem(7, 0, 2), 1),
        SequenceCheck::StaleEpoch(0, 1)
    );
    // Only the last five batches are remembered.
    for seq in 1..=6 {
        log.append_batch_as_leader(0, vec![new(9 + seq as u64)], idem(7, 1, seq), 0, &cfg);
    }
    assert_eq!(log.producers()[&7].batches.len(), BATCHES_TO_RETAIN);
    assert_eq!(
        log.check_sequence(&idem(7, 1, 1), 1),
        SequenceCheck::OutOfOrder(1, 6)
    );
    // Truncation forgets the batches cut off, so their retry is appended again.
    let end = log.truncate_to(8, 0);
    assert_eq!(end, 8);
    assert_eq!(log.producers()[&7].last_seq(), Some(5));
    assert_eq!(log.check_sequence(&idem(7, 1, 6), 1), SequenceCheck::Append);
    // A follower learns the same state from the batches it copies.
    let mut follower = Log::new();
    follower.append_as_follower(log.records(), 0, &cfg);
    assert_eq!(follower.producers(), log.producers());
}

/// Transactions: the LSO stops at the first open transaction, markers end them, aborted
/// records are known, and a follower re-encodes the control batches byte for byte.
#[test]
fn lso_markers_and_aborted_transactions() {
    let cfg = SegmentConfig::LAB;
    let txn = |id, seq| ProducerFields {
        transactional: true,
        codec: crate::storage::batch::Codec::None,
        ..idem(id, 0, seq)
    };
    let mut log = Log::new();
    log.append_batch_as_leader(0, vec![new(1)], ProducerFields::NONE, 0, &cfg);
    log.append_batch_as_leader(0, vec![new(2)], txn(7, 0), 0, &cfg); // offset 1
    log.append_batch_as_leader(0, vec![new(3)], txn(8, 0), 0, &cfg); // offset 2
    assert_eq!(log.last_stable_offset(3), 1);
    let m = log.append_marker_as_leader(0, 7, 0, Marker::Abort, 0, 0, &cfg);
    assert_eq!(m, 3);
    // Producer 8 is still open at 2; the abort marker is not yet below the HW at 3.
    assert_eq!(log.last_stable_offset(3), 1);
    assert_eq!(log.last_stable_offset(4), 2);
    log.append_marker_as_leader(0, 8, 0, Marker::Commit, 0, 0, &cfg);
    assert_eq!(log.last_stable_offset(5), 5);
    assert!(log.is_aborted(log.get(1).unwrap()));
    assert!(!log.is_aborted(log.get(2).unwrap()));
    assert!(!log.is_aborted(log.get(0).unwrap()));
    assert!(!log.is_aborted(log.get(3).unwrap()), "markers are not data");
    let mut follower = Log::new();
    follower.append_as_follower(log.records(), 0, &cfg);
    assert_eq!(follower, log);
    assert_eq!(
        follower.files().active().log_bytes(),
        log.files().active().log_bytes()
    );
    // Truncation below a marker reopens its transaction.
    log.truncate_to(4, 0);
    assert_eq!(log.ongoing_txns().get(&8), Some(&2));
    assert_eq!(log.completed_txns().len(), 1);
}

#[test]
fn leader_appends_and_reads() {
    let mut log = Log::new();
    assert_eq!(log.leo(), 0);
    assert_eq!(
        log.append_as_leader(0, vec![new(1), new(2)], 0, &SegmentConfig::LAB),
        (0, 1)
    );
    assert_eq!(
        log.append_as_leader(0, vec![new(3)], 0, &SegmentConfig::LAB),
        (2, 2)
    );
    assert_eq!(log.leo(), 3);
    assert_eq!(log.read(1, 10).len(), 2);
    assert_eq!(log.read(3, 10).len(), 0);
    assert_eq!(log.read(99, 10).len(), 0);
    assert_eq!(log.get(2).unwrap().send, 3);
    assert_eq!(
        log.epochs(),
        [EpochEntry {
            epoch: 0,
            start_offset: 0
        }]
    );
}

#[test]
fn follower_appends_only_contiguous_records() {
    let mut leader = Log::new();
    leader.append_as_leader(0, vec![new(1), new(2)], 0, &SegmentConfig::LAB);
    leader.append_as_leader(2, vec![new(3)], 0, &SegmentConfig::LAB);
    let mut f = Log::new();
    assert_eq!(
        f.append_as_follower(&leader.records()[1..], 0, &SegmentConfig::LAB),
        0
    );
    assert_eq!(
        f.append_as_follower(leader.records(), 0, &SegmentConfig::LAB),
        3
    );
    assert_eq!(f, leader);
}

/// KIP-101's example: a follower whose last epoch is 1 asks the leader, which moved to
/// epoch 2 at offset 1, and learns that epoch 1 ended there.
#[test]
fn end_offset_for_epoch_follows_the_cache() {
    let mut log = Log::new();
    log.append_as_leader(0, vec![new(1)], 0, &SegmentConfig::LAB);
    log.append_as_leader(2, vec![new(2), new(3)], 0, &SegmentConfig::LAB);
    assert_eq!(log.end_offset_for_epoch(2), Some((2, 3)));
    assert_eq!(log.end_offset_for_epoch(5), Some((2, 3)));
    assert_eq!(log.end_offset_for_epoch(1), Some((0, 1)));
    assert_eq!(log.end_offset_for_epoch(0), Some((0, 1)));
    let empty = Log::new();
    assert_eq!(empty.end_offset_for_epoch(0), None);
}

#[test]
fn truncation_drops_records_and_later_epochs() {
    let mut log = Log::new();
    log.append_as_leader(0, vec![new(1), new(2)], 0, &SegmentConfig::LAB);
    log.append_as_leader(1, vec![new(3)], 0, &SegmentConfig::LAB);
    log.truncate_to(2, 0);
    assert_eq!(log.leo(), 2);
    assert_eq!(log.latest_epoch(), Some(0));
    log.truncate_to(0, 0);
    assert_eq!(log.leo(), 0);
    assert!(log.epochs().is_empty());
}
