//! The metadata log's bytes: hand-derived vectors from the record schemas
//! (`metadata/src/main/resources/common/metadata/*.json`, Kafka 4.1) and the flexible
//! encoding, round trips of every record type, batching, and decoding damaged bytes.

use super::*;
use crate::kraft::records::NO_LEADER;
use crate::model::Uuid;
use crate::storage::batch::decode_log;

fn topic_id() -> Uuid {
    Uuid([7; 16])
}

fn entry(offset: u64, epoch: u32, t: u64, record: MetadataRecord) -> MetadataEntry {
    MetadataEntry {
        offset,
        epoch,
        append_time_ms: t,
        record,
    }
}

fn every_record() -> Vec<MetadataRecord> {
    let mut pc = PartitionChangeRecord::new(topic_id(), 1);
    pc.isr = Some(vec![1, 2]);
    pc.leader = 2;
    pc.eligible_leader_replicas = Some(vec![3]);
    pc.last_known_elr = Some(vec![]);
    pc.leader_recovery_state = Some(1);
    pc.directories = Some(vec![Uuid([1; 16])]);
    pc.replicas = Some(vec![1, 2, 3]);
    pc.removing_replicas = Some(vec![]);
    pc.adding_replicas = Some(vec![3]);
    vec![
        MetadataRecord::FeatureLevel {
            name: "metadata.version".into(),
            feature_level: 27,
        },
        MetadataRecord::RegisterBroker(RegisterBrokerRecord {
            broker_id: 1,
            incarnation_id: Uuid([9; 16]),
            broker_epoch: 5,
            end_points: vec![("PLAINTEXT".into(), "localhost".into(), 9092)],
            rack: None,
            fenced: true,
            in_controlled_shutdown: false,
            log_dirs: vec![Uuid([3; 16])],
            features: vec![("metadata.version".into(), 7, 27)],
        }),
        MetadataRecord::UnregisterBroker {
            broker_id: 2,
            broker_epoch: 9,
        },
        MetadataRecord::Topic {
            name: "orders".into(),
            topic_id: topic_id(),
        },
        MetadataRecord::Partition(PartitionRecord {
            partition_id: 0,
            topic_id: topic_id(),
            replicas: vec![1, 2, 3],
            isr: vec![1, 2],
            removing_replicas: vec![],
            adding_replicas: vec![],
            leader: 1,
            leader_recovery_state: 0,
            leader_epoch: 0,
            partition_epoch: 0,
            eligible_leader_replicas: vec![3],
            last_known_elr: vec![],
            directories: vec![Uuid::ZERO; 3],
        }),
        MetadataRecord::Config {
            resource_type: 2,
            resource_name: "orders".into(),
            name: "min.insync.replicas".into(),
            value: Some("2".into()),
        },
        MetadataRecord::Config {
            resource_type: 2,
            resource_name: "orders".into(),
            name: "retention.ms".into(),
            value: None,
        },
        MetadataRecord::PartitionChange(pc),
        MetadataRecord::FenceBroker { id: 1, epoch: 5 },
        MetadataRecord::UnfenceBroker { id: 1, epoch: 5 },
        MetadataRecord::RemoveTopic {
            topic_id: topic_id(),
        },
        MetadataRecord::ProducerIds {
            broker_id: 1,
            broker_epoch: 5,
            next_producer_id: 1000,
        },
        MetadataRecord::BrokerRegistrationChange {
            broker_id: 1,
            broker_epoch: 5,
            fenced: -1,
            in_controlled_shutdown: 0,
        },
        MetadataRecord::BrokerRegistrationChange {
            broker_id: 1,
            broker_epoch: 5,
            fenced: 0,
            in_controlled_shutdown: 1,
        },
        MetadataRecord::NoOp,
    ]
}

#[test]
fn no_op_record_is_frame_key_version_and_no_tags() {
    assert_eq!(
        encode_record(&MetadataRecord::NoOp).unwrap(),
        vec![1, 20, 0, 0]
    );
}

#[test]
fn topic_record_bytes() {
    let r = MetadataRecord::Topic {
        name: "foo".into(),
        topic_id: topic_id(),
    };
    let mut want = vec![1, 2, 0, 4, b'f', b'o', b'o'];
    want.extend_from_slice(&[7; 16]);
    want.push(0);
    assert_eq!(encode_record(&r).unwrap(), want);
}

/// Tagged fields in tag order: ISR (tag 0, a compact int32 array) then Leader (tag 1).
#[test]
fn partition_change_record_bytes() {
    let mut c = PartitionChangeRecord::new(topic_id(), 0);
    c.isr = Some(vec![1, 2]);
    c.leader = 2;
    let mut want = vec![1, 5, 2, 0, 0, 0, 0];
    want.extend_from_slice(&[7; 16]);
    want.extend_from_slice(&[2, 0, 9, 3, 0, 0, 0, 1, 0, 0, 0, 2, 1, 4, 0, 0, 0, 2]);
    assert_eq!(
        encode_record(&MetadataRecord::PartitionChange(c)).unwrap(),
        want
    );
}

/// A new partition with no ELR and a recovered leader writes no tagged fields at all
/// (`PartitionRegistration.toRecord` leaves the empty ELR fields null).
#[test]
fn partition_record_bytes() {
    let p = PartitionRecord {
        partition_id: 0,
        topic_id: topic_id(),
        replicas: vec![1],
        isr: vec![1],
        removing_replicas: vec![],
        adding_replicas: vec![],
        leader: 1,
        leader_recovery_state: 0,
        leader_epoch: 0,
        partition_epoch: 0,
        eligible_leader_replicas: vec![],
        last_known_elr: vec![],
        directories: vec![Uuid::ZERO],
    };
    let mut want = vec![1, 3, 2, 0, 0, 0, 0];
    want.extend_from_slice(&[7; 16]);
    want.extend_from_slice(&[2, 0, 0, 0, 1, 2, 0, 0, 0, 1, 1, 1]);
    want.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    want.extend_from_slice(&[0; 16]);
    want.push(0);
    assert_eq!(encode_record(&MetadataRecord::Partition(p)).unwrap(), want);
}

#[test]
fn leader_change_message_bytes() {
    let v = encode_leader_change(3000, &[3000, 3001], &[3000]);
    let want = vec![
        0, 0, // version 0
        0, 0, 0x0b, 0xb8, // leaderId 3000
        3, 0, 0, 0x0b, 0xb8, 0, 0, 0, 0x0b, 0xb9, 0, // voters
        2, 0, 0, 0x0b, 0xb8, 0, // grantingVoters
        0, // no tagged fields
    ];
    assert_eq!(v, want);
    assert_eq!(
        decode_leader_change(&v).unwrap(),
        (3000, vec![3000, 3001], vec![3000])
    );
}

#[test]
fn versions_as_metadata_version_4_1_iv1_writes_them() {
    let versions: Vec<(u16, u16)> = every_record()
        .iter()
        .map(|r| (api_key(r).unwrap(), record_version(r)))
        .collect();
    assert_eq!(
        versions,
        vec![
            (12, 0),
            (0, 3),
            (1, 0),
            (2, 0),
            (3, 2),
            (4, 0),
            (4, 0),
            (5, 2),
            (7, 0),
            (8, 0),
            (9, 0),
            (15, 0),
            (17, 0),
            (17, 1),
            (20, 0),
        ]
    );
}

#[test]
fn every_record_round_trips() {
    for r in every_record() {
        let bytes = encode_record(&r).unwrap();
        let (back, version) = decode_record(&bytes).unwrap();
        assert_eq!(back, r);
        assert_eq!(version, record_version(&r));
        // Every strict prefix is an error, never a panic.
        for cut in 0..bytes.len() {
            assert!(decode_record(&bytes[..cut]).is_err(), "{r:?} cut at {cut}");
        }
    }
}

#[test]
fn garbage_after_a_record_is_an_error() {
    let mut b = encode_record(&MetadataRecord::NoOp).unwrap();
    b.push(0);
    assert_eq!(
        decode_record(&b).unwrap_err(),
        "Found 1 byte(s) of garbage after 20"
    );
    assert!(decode_record(&[0, 20, 0, 0])
        .unwrap_err()
        .contains("frame version 0"));
    assert!(decode_record(&[1, 99, 0, 0])
        .unwrap_err()
        .contains("Unknown metadata id 99"));
}

fn sample_log() -> Vec<MetadataEntry> {
    let mut v = vec![entry(
        0,
        1,
        1000,
        MetadataRecord::LeaderChange {
            leader_id: 3000,
            voters: vec![3000, 3001, 3002],
            granting_voters: vec![3000, 3001],
        },
    )];
    for (i, r) in every_record().into_iter().enumerate() {
        // Two records per append time: pairs share a batch.
        v.push(entry(i as u64 + 1, 1, 2000 + (i as u64 / 2) * 500, r));
    }
    v
}

#[test]
fn entries_round_trip_through_batches() {
    let log = sample_log();
    let bytes = encode_entries(&log);
    assert_eq!(decode_batches(&bytes).unwrap(), log);
    let file = decode_log(&bytes, false);
    // One control batch, then 15 records by pairs of append times: 8 batches.
    assert_eq!(file.batches.len(), 9);
    assert!(file.batches[0].is_control() && !file.batches[0].is_transactional());
    assert!(file
        .batches
        .iter()
        .all(|b| b.crc_valid && b.producer_id == -1));
    assert_eq!(file.batches[1].count, 2);
    assert_eq!(file.batches[1].partition_leader_epoch, 1);
}

#[test]
fn a_new_epoch_or_a_gap_starts_a_new_batch() {
    let log = vec![
        entry(0, 1, 10, MetadataRecord::NoOp),
        entry(1, 2, 10, MetadataRecord::NoOp),
        entry(3, 2, 10, MetadataRecord::NoOp),
    ];
    let bytes = encode_entries(&log);
    assert_eq!(decode_log(&bytes, false).batches.len(), 3);
    assert_eq!(decode_batches(&bytes).unwrap(), log);
}

#[test]
fn damaged_logs_are_errors() {
    let bytes = encode_entries(&sample_log());
    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    assert!(decode_batches(&flipped).unwrap_err().contains("CRC"));
    assert!(decode_batches(&bytes[..bytes.len() - 1])
        .unwrap_err()
        .contains("trailing"));
    let leader = NO_LEADER; // the sentinel survives a round trip too
    let mut c = PartitionChangeRecord::new(topic_id(), 0);
    c.leader = leader;
    let r = MetadataRecord::PartitionChange(c);
    assert_eq!(decode_record(&encode_record(&r).unwrap()).unwrap().0, r);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any bytes: the decoders answer (usually with an error) and never panic.
        #[test]
        fn decoding_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = decode_record(&bytes);
            let _ = decode_leader_change(&bytes);
            let _ = decode_batches(&bytes);
            let mut framed = vec![1u8, bytes.first().copied().unwrap_or(0) % 21, 0];
            framed.extend_from_slice(&bytes);
            let _ = decode_record(&framed);
        }

        /// A real log with one byte changed: an error or a log, never a panic.
        #[test]
        fn decoding_a_mutated_log_never_panics(at in 0usize..2000, to in any::<u8>()) {
            let mut bytes = encode_entries(&sample_log());
            let i = at % bytes.len();
            bytes[i] = to;
            let _ = decode_batches(&bytes);
            let _ = crate::kraft::tools::dump_log::cluster_metadata("x/00000000000000000000.log", &bytes);
        }
    }
}
