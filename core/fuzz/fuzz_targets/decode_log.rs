//! Any bytes given to the `.log` decoder: it must return (never panic, hang or allocate without
//! bound), and what it returns must be consistent with the input.
#![no_main]

use kafka_lab::storage::batch::decode_log;
use kafka_lab::storage::segment::parse_index;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for deep in [false, true] {
        let f = decode_log(data, deep);
        assert!(f.valid_bytes <= data.len());
        let mut end = 0;
        for b in &f.batches {
            assert_eq!(b.position, end, "batches are contiguous");
            end = b.position + b.size;
        }
        assert_eq!(end, f.valid_bytes);
        if let Some(e) = &f.error {
            assert!(e.position <= data.len());
        }
    }
    let idx = parse_index(data, 0);
    assert!(idx.len() <= data.len() / 8);
});
