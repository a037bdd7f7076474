use super::super::batch::{encode_batch, ProducerFields, RecordIn};
use super::*;

fn batch(base: i64, n: usize, ts: i64, value_len: usize) -> Vec<u8> {
    let value = vec![b'x'; value_len];
    let recs: Vec<RecordIn<'_>> = (0..n)
        .map(|i| RecordIn {
            timestamp: ts + i as i64,
            key: None,
            value: Some(&value),
            headers: &[],
        })
        .collect();
    encode_batch(base, 0, ProducerFields::NONE, &recs)
}

fn filled(config: &SegmentConfig, batches: usize) -> SegmentedLog {
    let mut log = SegmentedLog::default();
    for i in 0..batches {
        let b = batch(log.log_end_offset(), 1 + i % 3, 1000 + 10 * i as i64, 20);
        log.append(config, &b, 0);
    }
    log
}

#[test]
fn an_index_entry_follows_more_than_the_interval() {
    // One-record batches of 20-byte values are 88 bytes each. With a 128-byte interval the
    // counter is 0, 88, 176 before the 1st, 2nd, 3rd batch: the 3rd gets an entry, then the
    // counter restarts at its size: entries every second batch after that.
    let cfg = SegmentConfig {
        segment_bytes: 1 << 20,
        ..SegmentConfig::LAB
    };
    let mut log = SegmentedLog::default();
    for i in 0..7 {
        let b = batch(i, 1, 1000 + i, 20);
        assert_eq!(b.len(), 88);
        log.append(&cfg, &b, 0);
    }
    let seg = log.active();
    assert_eq!(
        seg.index(),
        [
            IndexEntry {
                offset: 2,
                position: 176
            },
            IndexEntry {
                offset: 4,
                position: 352
            },
            IndexEntry {
                offset: 6,
                position: 528
            },
        ]
    );
    assert_eq!(
        seg.time_index()[0],
        TimeIndexEntry {
            timestamp: 1002,
            offset: 2
        }
    );
    assert_eq!(seg.index_bytes()[..8], [0, 0, 0, 2, 0, 0, 0, 176]);
    assert_eq!(seg.time_index_bytes().len(), 3 * TIME_ENTRY_SIZE);
}

#[test]
fn segments_roll_at_segment_bytes_and_segment_ms() {
    let cfg = SegmentConfig::LAB;
    let log = filled(&cfg, 40);
    assert!(log.segments().len() > 3);
    for s in &log.segments()[..log.segments().len() - 1] {
        assert!(
            s.size() <= 1024,
            "segment {} is {} bytes",
            s.base_offset(),
            s.size()
        );
        // Closed segments got their largest timestamp into the time index.
        assert_eq!(
            s.time_index().last().map(|e| e.timestamp),
            Some(s.largest_timestamp())
        );
    }
    for w in log.segments().windows(2) {
        assert_eq!(w[0].next_offset(), w[1].base_offset());
    }
    // segment.ms: the next batch is more than segment.ms younger than the first one.
    let cfg = SegmentConfig {
        segment_ms: 100,
        ..SegmentConfig::LAB
    };
    let mut log = SegmentedLog::default();
    log.append(&cfg, &batch(0, 1, 1000, 1), 0);
    assert_eq!(log.append(&cfg, &batch(1, 1, 1100, 1), 0), None);
    assert_eq!(log.append(&cfg, &batch(2, 1, 1101, 1), 0), Some(2));
}

#[test]
fn lookup_finds_the_batch_of_every_offset() {
    let log = filled(&SegmentConfig::LAB, 60);
    for target in 0..log.log_end_offset() {
        let l = log.lookup(target);
        let found = l.found.expect("found");
        assert!(found.base_offset <= target && target <= found.last_offset);
        assert!(l.steps() <= l.linear_steps + l.index.probes.len());
    }
    assert_eq!(log.lookup(log.log_end_offset()).found, None);
}

#[test]
fn index_search_is_kafkas_lower_bound() {
    let keys: Vec<i64> = (0..5000).map(|i| i * 3).collect();
    for target in [-1, 0, 1, 2, 3, 100, 4000, 11_000, 14_997, 20_000] {
        let s = search_index(&|i| keys[i], keys.len(), 8, target);
        let expected = keys.iter().rposition(|&k| k <= target);
        assert_eq!(s.slot, expected, "target {target}");
        assert!(
            s.probes.len() <= 15,
            "{} probes for {target}",
            s.probes.len()
        );
    }
    // The warm section is searched first: a recent target costs few probes.
    let s = search_index(&|i| keys[i], keys.len(), 8, 14_990);
    assert_eq!(s.probes[0].slot, 5000 - 1 - 1024);
}

#[test]
fn truncation_cuts_at_a_batch_and_drops_later_segments() {
    let cfg = SegmentConfig::LAB;
    let mut log = filled(&cfg, 40);
    let segs = log.segments().len();
    let mid = log.segments()[1].base_offset() + 1;
    let end = log.truncate_to(mid, 5);
    assert_eq!(log.segments().len(), 2);
    assert!(segs > 2);
    assert!(end <= mid);
    assert!(log.active().index().iter().all(|e| e.offset < mid));
    let decoded = super::super::batch::decode_log(log.active().log_bytes(), true);
    assert!(decoded.error.is_none());
    assert_eq!(decoded.valid_bytes, log.active().size());
    // Truncating to the start empties the log.
    assert_eq!(log.truncate_to(0, 5), 0);
    assert_eq!(log.size(), 0);
}

#[test]
fn retention_deletes_old_segments_and_moves_the_start() {
    let mut log = filled(&SegmentConfig::LAB, 40);
    let end = log.log_end_offset();
    let cfg = SegmentConfig {
        retention_bytes: 1500,
        ..SegmentConfig::LAB
    };
    // Nothing past the high watermark goes.
    assert!(log.apply_retention(&cfg, 0, 0).is_empty());
    let deleted = log.apply_retention(&cfg, 0, end);
    assert!(!deleted.is_empty());
    assert!(log.size() as i64 <= 1500 + 1024);
    assert_eq!(log.log_start_offset(), log.segments()[0].base_offset());
    assert_eq!(log.lookup(0).found, None);
    // By time: everything older than retention.ms, then a fresh active segment remains.
    let cfg = SegmentConfig {
        retention_ms: 10,
        ..SegmentConfig::LAB
    };
    let deleted = log.apply_retention(&cfg, 1_000_000, end);
    assert!(!deleted.is_empty());
    assert_eq!(log.segments().len(), 1);
    assert_eq!(log.log_start_offset(), end);
    assert_eq!(log.log_end_offset(), end);
}

#[test]
fn timestamp_lookup_finds_the_first_record_at_or_after() {
    let log = filled(&SegmentConfig::LAB, 40);
    let l = log.lookup_timestamp(1000 + 10 * 17);
    let (ts, off) = l.found.expect("found");
    assert!(ts >= 1170);
    let all = log
        .segments()
        .iter()
        .flat_map(|s| super::super::batch::decode_log(s.log_bytes(), true).batches)
        .flat_map(|b| b.records.unwrap().unwrap())
        .find(|r| r.timestamp >= 1170)
        .unwrap();
    assert_eq!((all.timestamp, all.offset), (ts, off));
    assert_eq!(log.lookup_timestamp(1 << 50).found, None);
}
