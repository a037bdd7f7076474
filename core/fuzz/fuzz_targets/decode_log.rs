//! Any bytes given as a `.log`, `.index` or `.timeindex` file: the decoder, the index reader,
//! the lookup in an uploaded file and the whole `kafka-dump-log.sh` command must return (never
//! panic, hang or allocate without bound), and what they return must be consistent with the
//! input.
#![no_main]

use std::cell::RefCell;

use kafka_lab::cli::Lab;
use kafka_lab::storage::batch::decode_log;
use kafka_lab::storage::segment::{lookup_in_file, parse_index};
use libfuzzer_sys::fuzz_target;

thread_local! {
    // One settled lab, cloned for every input: building one per input would dominate the run,
    // and one lab for all inputs kept every input's commands and uploads in its journal (its
    // memory grew by about 2 KB an input until libFuzzer's 2 GB limit stopped a long run).
    static LAB: RefCell<Lab> = RefCell::new(Lab::new(1, 1));
}

fuzz_target!(|data: &[u8]| {
    for deep in [false, true] {
        let f = decode_log(data, deep);
        assert!(f.valid_bytes <= data.len());
        let mut end = 0;
        for b in &f.batches {
            assert_eq!(b.position, end, "batches are contiguous");
            end = b.position + b.size;
            let _ = (b.last_offset(), b.last_sequence(), b.compression(), b.timestamp_type());
        }
        assert_eq!(end, f.valid_bytes);
        if let Some(e) = &f.error {
            assert!(e.position <= data.len());
        }
    }
    // The same bytes as a gzip records section: an error or at most the cap, never a panic.
    if let Ok(out) = kafka_lab::storage::gzip::decompress(data, 1 << 20) {
        assert!(out.len() <= 1 << 20);
    }
    let idx = parse_index(data, 0);
    assert!(idx.len() <= data.len() / 8);

    // The same bytes as both the log and its index, looked up at a target taken from them.
    let file = decode_log(data, false);
    let target = data.get(..8).map_or(0, |b| i64::from_be_bytes(b.try_into().unwrap()));
    for t in [target, 0, i64::MAX, i64::MIN] {
        let l = lookup_in_file(&file.batches, &idx, 0, t);
        assert!(l.scanned.len() <= file.batches.len());
    }

    LAB.with(|base| {
        let mut lab = base.borrow().clone();
        for name in ["00000000000000000000.log", "00000000000000000000.index", "00000000000000000000.timeindex"] {
            lab.upload(name, data.to_vec()).unwrap();
        }
        for cmd in [
            "kafka-dump-log.sh --deep-iteration --print-data-log --files 00000000000000000000.log",
            "kafka-dump-log.sh --files 00000000000000000000.index,00000000000000000000.timeindex",
            "kafka-dump-log.sh --index-sanity-check --files 00000000000000000000.index",
            "kafka-dump-log.sh --verify-index-only --files 00000000000000000000.index",
        ] {
            let _ = lab.execute(cmd);
        }
    });
});
