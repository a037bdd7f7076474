//! A `.checkpoint` file's bytes (`RecordsSnapshotWriter` framing, `MetadataImage.write`
//! order), the image's round trip through a snapshot, what a broker acts on when a snapshot
//! replaces its image, `kafka-dump-log.sh` on a checkpoint, and a decoder that never panics.

use super::*;
use crate::kraft::records::{MetadataEntry, PartitionChangeRecord, PartitionRecord};
use crate::kraft::tools::dump_log::cluster_metadata;
use crate::model::{TopicPartition, Uuid};
use crate::storage::batch::decode_log;

fn tid(n: u8) -> Uuid {
    Uuid([n; 16])
}

fn broker(id: u32, epoch: u64) -> MetadataRecord {
    MetadataRecord::RegisterBroker(RegisterBrokerRecord {
        broker_id: id,
        incarnation_id: Uuid([id as u8; 16]),
        broker_epoch: epoch,
        end_points: vec![("PLAINTEXT".into(), "localhost".into(), 9091 + id as u16)],
        rack: None,
        fenced: true,
        in_controlled_shutdown: false,
        log_dirs: vec![Uuid([3; 16])],
        features: vec![("metadata.version".into(), 7, 27)],
    })
}

fn partition(topic: Uuid, p: u32, replicas: Vec<u32>) -> MetadataRecord {
    MetadataRecord::Partition(PartitionRecord {
        partition_id: p,
        topic_id: topic,
        isr: replicas.clone(),
        leader: replicas[0] as i32,
        directories: vec![Uuid::ZERO; replicas.len()],
        replicas,
        removing_replicas: vec![],
        adding_replicas: vec![],
        leader_recovery_state: 0,
        leader_epoch: 0,
        partition_epoch: 0,
        eligible_leader_replicas: vec![],
        last_known_elr: vec![],
    })
}

/// A log as a controller writes it: features, brokers (one fenced again), two topics (one
/// deleted), configs, a partition change, producer ids.
fn log() -> Vec<MetadataEntry> {
    let mut pc = PartitionChangeRecord::new(tid(7), 1);
    pc.isr = Some(vec![2]);
    pc.leader = 2;
    let records = vec![
        MetadataRecord::LeaderChange {
            leader_id: 3000,
            voters: vec![3000],
            granting_voters: vec![3000],
        },
        MetadataRecord::FeatureLevel {
            name: "transaction.version".into(),
            feature_level: 2,
        },
        MetadataRecord::FeatureLevel {
            name: "metadata.version".into(),
            feature_level: 27,
        },
        broker(2, 3),
        broker(1, 4),
        MetadataRecord::BrokerRegistrationChange {
            broker_id: 1,
            broker_epoch: 4,
            fenced: -1,
            in_controlled_shutdown: 0,
        },
        MetadataRecord::Topic {
            name: "orders".into(),
            topic_id: tid(7),
        },
        partition(tid(7), 0, vec![1, 2]),
        partition(tid(7), 1, vec![1, 2]),
        MetadataRecord::Config {
            resource_type: 2,
            resource_name: "orders".into(),
            name: "min.insync.replicas".into(),
            value: Some("2".into()),
        },
        MetadataRecord::Topic {
            name: "gone".into(),
            topic_id: tid(8),
        },
        partition(tid(8), 0, vec![2]),
        MetadataRecord::Config {
            resource_type: 4,
            resource_name: "".into(),
            name: "min.insync.replicas".into(),
            value: Some("1".into()),
        },
        MetadataRecord::PartitionChange(pc),
        MetadataRecord::RemoveTopic { topic_id: tid(8) },
        MetadataRecord::ProducerIds {
            broker_id: 1,
            broker_epoch: 4,
            next_producer_id: 1000,
        },
        MetadataRecord::NoOp,
    ];
    records
        .into_iter()
        .enumerate()
        .map(|(i, record)| MetadataEntry {
            offset: i as u64,
            epoch: 1,
            append_time_ms: 100 + i as u64,
            record,
        })
        .collect()
}

fn image_of(entries: &[MetadataEntry]) -> MetadataImage {
    let mut image = MetadataImage::default();
    for e in entries {
        image.replay(e);
    }
    image
}

fn snapshot_of(entries: &[MetadataEntry]) -> RaftSnapshot {
    let last = entries.last().unwrap();
    RaftSnapshot {
        end_offset: last.offset + 1,
        epoch: last.epoch,
        last_contained_log_timestamp: last.append_time_ms,
        written_ms: 5_000,
        records: image_records(&image_of(entries)).into(),
    }
}

#[test]
fn image_records_follow_metadata_image_write_order() {
    // FeaturesImage (metadata.version first), ClusterImage, TopicsImage (topic then its
    // partitions), ConfigurationsImage, ProducerIdsImage (broker -1, epoch -1).
    let records = image_records(&image_of(&log()));
    let names: Vec<String> = records
        .iter()
        .map(|r| match r {
            MetadataRecord::FeatureLevel { name, .. } => format!("feature {name}"),
            MetadataRecord::RegisterBroker(b) => {
                format!("broker {} fenced={}", b.broker_id, b.fenced)
            }
            MetadataRecord::Topic { name, .. } => format!("topic {name}"),
            MetadataRecord::Partition(p) => format!("partition {} isr {:?}", p.partition_id, p.isr),
            MetadataRecord::Config {
                resource_type,
                resource_name,
                name,
                ..
            } => format!("config {resource_type}/{resource_name} {name}"),
            MetadataRecord::ProducerIds {
                broker_id,
                broker_epoch,
                next_producer_id,
            } => format!(
                "producer ids {} {} {next_producer_id}",
                *broker_id as i32, *broker_epoch as i64
            ),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        names,
        [
            "feature metadata.version",
            "feature transaction.version",
            "broker 1 fenced=false",
            "broker 2 fenced=true",
            "topic orders",
            "partition 0 isr [1, 2]",
            "partition 1 isr [2]",
            "config 2/orders min.insync.replicas",
            "config 4/ min.insync.replicas",
            "producer ids -1 -1 1000",
        ]
    );
}

#[test]
fn a_snapshot_loads_back_into_the_same_image() {
    let entries = log();
    let s = snapshot_of(&entries);
    assert_eq!(s.image(), image_of(&entries));
    assert_eq!(s.image().offset, entries.len() as u64);
    let decoded = decode_snapshot(&s.bytes()).unwrap();
    assert_eq!(decoded.records, s.records.to_vec());
    assert_eq!(decoded.last_contained_log_timestamp, 116);
}

#[test]
fn checkpoint_framing_is_header_records_footer() {
    // RecordsSnapshotWriter: a control batch with the SnapshotHeader at offset 0, the
    // records from offset 1 in the snapshot's epoch, a control batch with the footer; every
    // batch stamped with the time it was written.
    let s = snapshot_of(&log());
    let bytes = s.bytes();
    let batches = decode_log(&bytes, true).batches;
    assert_eq!(batches.len(), 3);
    let n = s.records.len() as i64;
    let shape: Vec<(i64, i64, bool, i32, i64)> = batches
        .iter()
        .map(|b| {
            (
                b.base_offset,
                b.last_offset(),
                b.is_control(),
                b.partition_leader_epoch,
                b.max_timestamp,
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (0, 0, true, 1, 5_000),
            (1, n, false, 1, 5_000),
            (n + 1, n + 1, true, 1, 5_000)
        ]
    );
    // The header's value: version 0 (int16), LastContainedLogTimestamp 116 (int64), no tags.
    let header = batches[0].records.clone().unwrap().unwrap();
    assert_eq!(header[0].key.as_deref(), Some(&[0u8, 0, 0, 3][..]));
    assert_eq!(
        header[0].value.as_deref(),
        Some(&[0u8, 0, 0, 0, 0, 0, 0, 0, 0, 116, 0][..])
    );
    let footer = batches[2].records.clone().unwrap().unwrap();
    assert_eq!(footer[0].key.as_deref(), Some(&[0u8, 0, 0, 4][..]));
    assert_eq!(footer[0].value.as_deref(), Some(&[0u8, 0, 0][..]));
    assert_eq!(s.file_name(), "00000000000000000017-0000000001.checkpoint");
}

#[test]
fn more_than_1024_records_take_more_batches() {
    let mut s = snapshot_of(&log());
    s.records = vec![MetadataRecord::NoOp; 2_050].into();
    let batches = decode_log(&s.bytes(), true).batches;
    let counts: Vec<i64> = batches
        .iter()
        .map(|b| b.last_offset() - b.base_offset + 1)
        .collect();
    assert_eq!(counts, vec![1, 1024, 1024, 2, 1]);
    assert_eq!(decode_snapshot(&s.bytes()).unwrap().records.len(), 2_050);
}

#[test]
fn dump_log_prints_a_checkpoint_as_kafka_does() {
    // DumpLogSegments.dumpLog on a `.checkpoint`: "Snapshot end offset: N, epoch: E", then
    // the header and footer control records as JSON.
    let s = snapshot_of(&log());
    let path = format!("/var/lib/kafka/data/__cluster_metadata-0/{}", s.file_name());
    let out = cluster_metadata(&path, &s.bytes());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], format!("Dumping {path}"));
    assert_eq!(lines[1], "Snapshot end offset: 17, epoch: 1");
    assert!(lines[2].starts_with("baseOffset: 0 lastOffset: 0 count: 1"));
    assert!(lines[3].ends_with(
        "keySize: 4 valueSize: 11 sequence: -1 headerKeys: [] SnapshotHeader {\"version\":0,\"lastContainedLogTimestamp\":116}"
    ), "{}", lines[3]);
    assert!(lines[5].contains("payload: {\"type\":\"FEATURE_LEVEL_RECORD\",\"version\":0,\"data\":{\"name\":\"metadata.version\",\"featureLevel\":27}}"), "{}", lines[5]);
    assert!(out.contains("{\"type\":\"PRODUCER_IDS_RECORD\",\"version\":0,\"data\":{\"brokerId\":-1,\"brokerEpoch\":-1,\"nextProducerId\":1000}}"));
    assert!(
        out.trim_end().ends_with("SnapshotFooter {\"version\":0}"),
        "{out}"
    );
}

#[test]
fn damaged_checkpoints_are_errors() {
    let s = snapshot_of(&log());
    let bytes = s.bytes();
    assert!(decode_snapshot(&bytes[..bytes.len() - 3]).is_err());
    // Without the footer.
    let batches = decode_log(&bytes, true).batches;
    let footer_at = batches[2].position;
    assert!(decode_snapshot(&bytes[..footer_at])
        .unwrap_err()
        .contains("SnapshotFooter"));
    // Records alone (a log segment) are no snapshot.
    let seg = crate::kraft::serde::encode_entries(&log()[1..3]);
    assert!(decode_snapshot(&seg).is_err());
    assert!(decode_snapshot(&[]).is_err());
}

#[test]
fn a_loaded_snapshot_tells_the_broker_what_changed() {
    // What BrokerMetadataPublisher would act on: the removed topic, brokers, configs, and
    // every partition that differs.
    let entries = log();
    let old = image_of(&entries[..13]); // "gone" still there, orders-1 not yet changed
    let new = snapshot_of(&entries).image();
    let changes = snapshot_changes(&old, &new);
    assert_eq!(
        changes,
        vec![
            Change::TopicRemoved(vec![TopicPartition::new("gone", 0)]),
            Change::Partition(TopicPartition::new("orders", 1)),
        ]
    );
    let changes = snapshot_changes(&MetadataImage::default(), &new);
    assert!(changes.contains(&Change::Broker(1)) && changes.contains(&Change::Broker(2)));
    assert!(changes.contains(&Change::TopicConfig("orders".into())));
    assert!(changes.contains(&Change::BrokerConfig(ConfigEntity::BrokerDefault)));
    assert_eq!(
        changes
            .iter()
            .filter(|c| matches!(c, Change::Partition(_)))
            .count(),
        2
    );
    assert!(snapshot_changes(&new, &new).is_empty());
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Any bytes: an error or a snapshot, never a panic.
        #[test]
        fn decoding_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = decode_snapshot(&bytes);
            let _ = cluster_metadata("x/00000000000000000005-0000000001.checkpoint", &bytes);
        }

        /// A real checkpoint with one byte flipped: an error or a snapshot, never a panic.
        #[test]
        fn flipping_a_byte_never_panics(at in 0usize..2_000, bit in 0u8..8) {
            let s = snapshot_of(&log());
            let mut bytes = s.bytes();
            let i = at % bytes.len();
            bytes[i] ^= 1 << bit;
            let _ = decode_snapshot(&bytes);
            let _ = cluster_metadata("x/00000000000000000017-0000000001.checkpoint", &bytes);
        }
    }
}
