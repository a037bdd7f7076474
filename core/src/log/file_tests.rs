use super::*;
use crate::storage::batch::decode_log;

fn rec(send: SendId, value: &str) -> NewRecord {
    NewRecord {
        send,
        key: Some(format!("k{send}").into()),
        value: value.into(),
        timestamp: send * 10,
    }
}

/// The files hold what the records say, and a follower's files equal the leader's.
#[test]
fn files_follow_the_records_byte_for_byte() {
    let cfg = SegmentConfig::LAB;
    let mut leader = Log::new();
    for i in 0..30 {
        let n = 1 + (i % 3) as usize;
        let batch: Vec<NewRecord> = (0..n)
            .map(|j| rec(i * 3 + j as u64, "some value"))
            .collect();
        leader.append_as_leader(1 + (i / 10) as u32, batch, i * 100, &cfg);
    }
    assert!(leader.files().segments().len() > 2, "1 KiB segments roll");
    let mut decoded = Vec::new();
    for seg in leader.files().segments() {
        let f = decode_log(seg.log_bytes(), true);
        assert_eq!(f.error, None);
        assert!(f.batches.iter().all(|b| b.crc_valid));
        decoded.extend(f.batches.into_iter().flat_map(|b| {
            let epoch = b.partition_leader_epoch;
            b.records
                .unwrap()
                .unwrap()
                .into_iter()
                .map(move |r| (r, epoch))
        }));
    }
    assert_eq!(decoded.len(), leader.records().len());
    for ((d, epoch), r) in decoded.iter().zip(leader.records()) {
        assert_eq!(d.offset as u64, r.offset);
        assert_eq!(*epoch as u32, r.epoch);
        assert_eq!(d.value.as_deref(), Some(r.value.as_bytes()));
        assert_eq!(d.key.as_deref(), r.key.as_deref().map(str::as_bytes));
        assert_eq!(d.timestamp, epoch_ms(r.timestamp));
    }
    let mut follower = Log::new();
    let mut at = 0;
    while at < leader.leo() {
        // Fetches of 4 records, rounded up to whole batches.
        let got = leader.read(at, 4);
        assert_eq!(follower.append_as_follower(got, 0, &cfg), got.len());
        at = follower.leo();
    }
    for (a, b) in leader
        .files()
        .segments()
        .iter()
        .zip(follower.files().segments())
    {
        assert_eq!(a.log_bytes(), b.log_bytes());
        assert_eq!(a.index(), b.index());
    }
}

/// Truncating inside a batch removes the whole batch, as Kafka does.
#[test]
fn truncation_inside_a_batch_removes_it() {
    let cfg = SegmentConfig::LAB;
    let mut log = Log::new();
    log.append_as_leader(0, vec![rec(1, "a"), rec(2, "b")], 0, &cfg);
    log.append_as_leader(0, vec![rec(3, "c"), rec(4, "d"), rec(5, "e")], 0, &cfg);
    assert_eq!(log.truncate_to(3, 0), 2);
    assert_eq!(log.leo(), 2);
    assert_eq!(log.records().len(), 2);
    assert_eq!(
        decode_log(log.files().active().log_bytes(), false)
            .batches
            .len(),
        1
    );
}

#[test]
fn retention_moves_the_log_start() {
    let cfg = SegmentConfig {
        retention_bytes: 0,
        ..SegmentConfig::LAB
    };
    let mut log = Log::new();
    for i in 0..40 {
        log.append_as_leader(0, vec![rec(i, "value value value")], 0, &cfg);
    }
    let deleted = log.apply_retention(&cfg, 0, 20);
    assert!(!deleted.is_empty());
    let start = log.log_start_offset();
    assert!(start > 0 && start <= 20);
    assert_eq!(log.records()[0].offset, start);
    assert_eq!(log.get(start - 1), None);
    assert_eq!(log.leo(), 40);
    assert_eq!(log.epochs()[0].start_offset, start);
}
