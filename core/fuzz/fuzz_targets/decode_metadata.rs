//! Any bytes as a `__cluster_metadata` segment, a metadata record value and a
//! `LeaderChangeMessage`: the decoders and `kafka-dump-log.sh --cluster-metadata-decoder`
//! must answer (an error is fine) without panicking, and re-encoding what decodes must give
//! a log that decodes to the same entries. The same bytes as a KIP-630 `.checkpoint`
//! snapshot: `decode_snapshot` and the dump of a checkpoint answer without panicking.
#![no_main]

use kafka_lab::kraft::serde::{decode_batches, decode_leader_change, decode_record, encode_entries};
use kafka_lab::kraft::snapshot::decode_snapshot;
use kafka_lab::kraft::tools::dump_log::cluster_metadata;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = decode_record(data);
    let _ = decode_leader_change(data);
    let out = cluster_metadata("/var/lib/kafka/data/__cluster_metadata-0/00000000000000000000.log", data);
    assert!(out.starts_with("Dumping "));
    let _ = decode_snapshot(data);
    let snap = cluster_metadata(
        "/var/lib/kafka/data/__cluster_metadata-0/00000000000000000042-0000000003.checkpoint",
        data,
    );
    assert!(snap.contains("Snapshot end offset: 42, epoch: 3"));
    if let Ok(entries) = decode_batches(data) {
        let again = encode_entries(&entries);
        assert_eq!(decode_batches(&again).as_ref(), Ok(&entries));
    }
});
