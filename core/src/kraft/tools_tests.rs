//! The KRaft tools' text, byte for byte, against Kafka 4.1's sources (each test cites the
//! method it follows) and the shapes `MetadataQuorumCommandTest` checks.

use super::dump_log::cluster_metadata;
use super::features::{describe, kafka_41_features, level_to_string};
use super::quorum::{
    describe_replication, describe_status, pretty_print_table, QuorumInfo, ReplicaState,
};
use super::storage::{
    format_lines, java_date_utc, meta_properties, random_uuid_line, DirectoryType,
};
use crate::cli::storage::batch_line;
use crate::kraft::records::{MetadataEntry, MetadataRecord, PartitionChangeRecord};
use crate::kraft::serde::encode_entries;
use crate::model::Uuid;
use crate::storage::batch::decode_log;

fn replica(id: u32, dir: u8, leo: i64, fetch: Option<u64>, caught: Option<u64>) -> ReplicaState {
    ReplicaState {
        replica_id: id,
        directory_id: if dir == 0 {
            Uuid::ZERO
        } else {
            Uuid([dir; 16])
        },
        log_end_offset: leo,
        last_fetch_ms: fetch,
        last_caught_up_ms: caught,
    }
}

fn quorum() -> QuorumInfo {
    let now = 1_796_620_192_000;
    QuorumInfo {
        cluster_id: "MkU3OEVBNTcwNTJENDM2Qk".into(),
        leader_id: 3000,
        leader_epoch: 2,
        high_watermark: 120,
        voters: vec![
            replica(3000, 0, 125, Some(now), Some(now)),
            replica(3001, 0, 125, Some(now - 40), Some(now - 40)),
            replica(3002, 0, 118, Some(now - 300), Some(now - 1500)),
        ],
        observers: vec![
            replica(1, 0xab, 125, Some(now - 12), Some(now - 12)),
            replica(2, 0xcd, 120, Some(now - 2100), None),
        ],
        nodes: (3000..3003)
            .map(|id| {
                (
                    id,
                    vec![format!("CONTROLLER://localhost:{}", 9093 + id - 3000)],
                )
            })
            .collect(),
    }
}

/// `MetadataQuorumCommand.handleDescribeStatus`: labels padded to 24 columns, the lag from
/// the voter with the lowest end offset, its lag time from the last caught-up times, voters
/// with endpoints and no directory id (static quorum), observers with directory ids.
#[test]
fn describe_status_text() {
    let out = describe_status(&quorum()).unwrap();
    let want = "ClusterId:              MkU3OEVBNTcwNTJENDM2Qk\n\
LeaderId:               3000\n\
LeaderEpoch:            2\n\
HighWatermark:          120\n\
MaxFollowerLag:         7\n\
MaxFollowerLagTimeMs:   1500\n\
CurrentVoters:          [{\"id\": 3000, \"endpoints\": [\"CONTROLLER://localhost:9093\"]}, {\"id\": 3001, \"endpoints\": [\"CONTROLLER://localhost:9094\"]}, {\"id\": 3002, \"endpoints\": [\"CONTROLLER://localhost:9095\"]}]\n\
CurrentObservers:       [{\"id\": 1, \"directoryId\": \"q6urq6urq6urq6urq6urqw\"}, {\"id\": 2, \"directoryId\": \"zc3Nzc3Nzc3Nzc3Nzc3NzQ\"}]\n";
    assert_eq!(out, want);
}

/// `testOnlyOneBrokerAndOneController`: a single voter has no lag, in offsets or time.
#[test]
fn describe_status_single_voter_has_no_lag() {
    let mut q = quorum();
    q.voters.truncate(1);
    let out = describe_status(&q).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[4], "MaxFollowerLag:         0");
    assert_eq!(lines[5], "MaxFollowerLagTimeMs:   0");
    let rep = describe_replication(&q, 0, false).unwrap();
    assert_eq!(
        rep.lines().nth(1).unwrap().split_whitespace().nth(3),
        Some("0")
    );
}

/// `handleDescribeReplication` through `ToolsUtils.prettyPrintTable`: leader, followers,
/// observers; every cell padded to its column and followed by a tab.
#[test]
fn describe_replication_table() {
    let out = describe_replication(&quorum(), 0, false).unwrap();
    let want = "NodeId\tDirectoryId           \tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus  \t\n\
3000  \tAAAAAAAAAAAAAAAAAAAAAA\t125         \t0  \t1796620192000     \t1796620192000        \tLeader  \t\n\
3001  \tAAAAAAAAAAAAAAAAAAAAAA\t125         \t0  \t1796620191960     \t1796620191960        \tFollower\t\n\
3002  \tAAAAAAAAAAAAAAAAAAAAAA\t118         \t7  \t1796620191700     \t1796620190500        \tFollower\t\n\
1     \tq6urq6urq6urq6urq6urqw\t125         \t0  \t1796620191988     \t1796620191988        \tObserver\t\n\
2     \tzc3Nzc3Nzc3Nzc3Nzc3NzQ\t120         \t5  \t1796620189900     \t-1                   \tObserver\t\n";
    assert_eq!(out, want);
    // MetadataQuorumCommandTest's header pattern.
    let header = out.lines().next().unwrap();
    let words: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        words,
        [
            "NodeId",
            "DirectoryId",
            "LogEndOffset",
            "Lag",
            "LastFetchTimestamp",
            "LastCaughtUpTimestamp",
            "Status"
        ]
    );
}

/// `--human-readable`: "N ms ago" (`relativeTimeMs`), -1 stays -1.
#[test]
fn describe_replication_human_readable() {
    let now = 1_796_620_192_000;
    let out = describe_replication(&quorum(), now, true).unwrap();
    let row: Vec<&str> = out.lines().nth(3).unwrap().split('\t').collect();
    assert_eq!(row[4].trim_end(), "300 ms ago");
    assert_eq!(row[5].trim_end(), "1500 ms ago");
    let last: Vec<&str> = out.lines().nth(5).unwrap().split('\t').collect();
    assert_eq!(last[5].trim_end(), "-1");
}

#[test]
fn describe_without_the_leader_among_voters_is_one_error_line() {
    let mut q = quorum();
    q.leader_id = 7;
    assert_eq!(describe_status(&q).unwrap_err(), "No value present");
    assert!(describe_replication(&q, 0, false).is_err());
}

#[test]
fn pretty_print_table_pads_every_cell_and_ends_with_a_tab() {
    let t = pretty_print_table(&["A", "Bee"], &[vec!["long".into(), "x".into()]]);
    assert_eq!(t, "A   \tBee\t\nlong\tx  \t\n");
}

/// `FeatureCommand.handleDescribe` for a cluster formatted by Kafka 4.1 (static quorum):
/// sorted by name, metadata.version by name, `streams.version` absent (its latest
/// production level is 0 in 4.1).
#[test]
fn features_describe_text() {
    let out = describe(&kafka_41_features(0), Some(42));
    let want = "Feature: eligible.leader.replicas.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\tFinalizedVersionLevel: 1\tEpoch: 42\n\
Feature: group.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\tFinalizedVersionLevel: 1\tEpoch: 42\n\
Feature: kraft.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\tFinalizedVersionLevel: 0\tEpoch: 42\n\
Feature: metadata.version\tSupportedMinVersion: 3.3-IV3\tSupportedMaxVersion: 4.1-IV1\tFinalizedVersionLevel: 4.1-IV1\tEpoch: 42\n\
Feature: share.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\tFinalizedVersionLevel: 0\tEpoch: 42\n\
Feature: transaction.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 2\tFinalizedVersionLevel: 2\tEpoch: 42\n";
    assert_eq!(out, want);
    assert!(describe(&kafka_41_features(1), None).contains("FinalizedVersionLevel: 1\tEpoch: -\n"));
    assert_eq!(level_to_string("metadata.version", 0), "UNKNOWN 0");
    assert_eq!(level_to_string("metadata.version", 21), "3.9-IV0");
}

#[test]
fn storage_random_uuid_and_format_lines() {
    assert_eq!(
        random_uuid_line(Uuid([0xab; 16])),
        "q6urq6urq6urq6urq6urqw\n"
    );
    assert_eq!(
        format_lines(&[("/tmp/kraft-combined-logs".into(), DirectoryType::DynamicMetadataVoter)], "4.1-IV1"),
        "Formatting dynamic metadata voter directory /tmp/kraft-combined-logs with metadata.version 4.1-IV1.\n"
    );
    assert_eq!(
        format_lines(
            &[("/var/lib/kafka/data".into(), DirectoryType::StaticMetadata)],
            "4.1-IV1"
        ),
        "Formatting metadata directory /var/lib/kafka/data with metadata.version 4.1-IV1.\n"
    );
    // Two directories come out in Java's HashMap order, not the given one.
    let two = format_lines(
        &[
            ("/var/lib/kafka/meta".into(), DirectoryType::StaticMetadata),
            ("/var/lib/kafka/data".into(), DirectoryType::Log),
        ],
        "4.1-IV1",
    );
    assert_eq!(two.lines().count(), 2);
}

#[test]
fn java_date_to_string() {
    assert_eq!(java_date_utc(0), "Thu Jan 01 00:00:00 UTC 1970");
    assert_eq!(
        java_date_utc(951_782_400_000),
        "Tue Feb 29 00:00:00 UTC 2000"
    );
    assert_eq!(
        java_date_utc(1_796_620_192_123),
        "Mon Dec 07 05:09:52 UTC 2026"
    );
}

/// `Properties.store(writer, "")` of `MetaProperties.toProperties`: the empty comment, the
/// date, then node.id, directory.id, version, cluster.id (the hash table's order).
#[test]
fn meta_properties_text() {
    let out = meta_properties(
        3000,
        Uuid([0xcd; 16]),
        "MkU3OEVBNTcwNTJENDM2Qk",
        1_796_620_192_000,
    );
    assert_eq!(
        out,
        "#\n#Mon Dec 07 05:09:52 UTC 2026\nnode.id=3000\ndirectory.id=zc3Nzc3Nzc3Nzc3Nzc3NzQ\nversion=1\ncluster.id=MkU3OEVBNTcwNTJENDM2Qk\n"
    );
}

fn log() -> Vec<MetadataEntry> {
    let mut pc = PartitionChangeRecord::new(Uuid([7; 16]), 0);
    pc.isr = Some(vec![1, 2]);
    pc.eligible_leader_replicas = Some(vec![3]);
    vec![
        MetadataEntry {
            offset: 0,
            epoch: 1,
            append_time_ms: 1000,
            record: MetadataRecord::LeaderChange {
                leader_id: 3000,
                voters: vec![3000, 3001, 3002],
                granting_voters: vec![3000, 3001],
            },
        },
        MetadataEntry {
            offset: 1,
            epoch: 1,
            append_time_ms: 2000,
            record: MetadataRecord::FeatureLevel {
                name: "metadata.version".into(),
                feature_level: 27,
            },
        },
        MetadataEntry {
            offset: 2,
            epoch: 1,
            append_time_ms: 2000,
            record: MetadataRecord::BrokerRegistrationChange {
                broker_id: 3,
                broker_epoch: 9,
                fenced: 1,
                in_controlled_shutdown: 0,
            },
        },
        MetadataEntry {
            offset: 3,
            epoch: 1,
            append_time_ms: 2500,
            record: MetadataRecord::PartitionChange(pc),
        },
    ]
}

/// `DumpLogSegments.dumpLog` with the cluster metadata decoder: the batch lines, then the
/// record lines with `LeaderChange:` for the control record and `payload:` JSON for the rest.
#[test]
fn dump_log_cluster_metadata_text() {
    let bytes = encode_entries(&log());
    let path = "/var/lib/kafka/data/__cluster_metadata-0/00000000000000000000.log";
    let out = cluster_metadata(path, &bytes);
    let batches = decode_log(&bytes, false).batches;
    assert_eq!(batches.len(), 3);
    let topic = Uuid([7; 16]).to_string();
    let want = format!(
        "Dumping {path}\n\
Log starting offset: 0\n\
{}\n\
| offset: 0 CreateTime: 1000 keySize: 4 valueSize: 34 sequence: -1 headerKeys: [] LeaderChange: {{\"version\":0,\"leaderId\":3000,\"voters\":[{{\"voterId\":3000}},{{\"voterId\":3001}},{{\"voterId\":3002}}],\"grantingVoters\":[{{\"voterId\":3000}},{{\"voterId\":3001}}]}}\n\
{}\n\
| offset: 1 CreateTime: 2000 keySize: -1 valueSize: 23 sequence: -1 headerKeys: [] payload: {{\"type\":\"FEATURE_LEVEL_RECORD\",\"version\":0,\"data\":{{\"name\":\"metadata.version\",\"featureLevel\":27}}}}\n\
| offset: 2 CreateTime: 2000 keySize: -1 valueSize: 19 sequence: -1 headerKeys: [] payload: {{\"type\":\"BROKER_REGISTRATION_CHANGE_RECORD\",\"version\":0,\"data\":{{\"brokerId\":3,\"brokerEpoch\":9,\"fenced\":1}}}}\n\
{}\n\
| offset: 3 CreateTime: 2500 keySize: -1 valueSize: 42 sequence: -1 headerKeys: [] payload: {{\"type\":\"PARTITION_CHANGE_RECORD\",\"version\":2,\"data\":{{\"partitionId\":0,\"topicId\":\"{topic}\",\"isr\":[1,2],\"eligibleLeaderReplicas\":[3]}}}}\n",
        batch_line(&batches[0], 0),
        batch_line(&batches[1], batches[1].position),
        batch_line(&batches[2], batches[2].position),
    );
    assert_eq!(out, want);
    assert!(batch_line(&batches[0], 0).contains("isTransactional: false isControl: true"));
    assert!(batch_line(&batches[1], batches[1].position).starts_with("baseOffset: 1 lastOffset: 2 count: 2 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1 partitionLeaderEpoch: 1 isTransactional: false isControl: false"));
}

/// A record the decoder cannot read prints Kafka's `Error at N, skipping.` payload; trailing
/// bytes are reported as the tool reports them.
#[test]
fn dump_log_damaged_record_and_trailing_bytes() {
    let mut bytes = encode_entries(&log()[1..2]);
    // Corrupt the record's frame version (a valid batch CRC is recomputed below).
    // The 23-byte value ends just before the record's header count (one byte, 0).
    let value_at = bytes.len() - 1 - 23;
    assert_eq!(bytes[value_at], 1);
    bytes[value_at] = 0;
    let crc = crc32c::crc32c(&bytes[21..]);
    bytes[17..21].copy_from_slice(&crc.to_be_bytes());
    bytes.extend_from_slice(&[0, 0, 0]);
    let out = cluster_metadata("d/00000000000000000001.log", &bytes);
    assert!(out.contains("Log starting offset: 1\n"));
    assert!(out.contains(" payload: Error at 1, skipping. Could not deserialize metadata record with frame version 0."), "{out}");
    assert!(
        out.ends_with("Found 3 invalid bytes at the end of 00000000000000000001.log\n"),
        "{out}"
    );
}

/// `Stream.min` keeps the first of equal voters: when every voter is level and the leader is
/// not listed first, the "max lag follower" is another voter and its caught-up time shows.
#[test]
fn describe_status_level_voters_take_the_first() {
    let mut q = quorum();
    q.voters = vec![
        replica(3001, 0, 125, Some(10_000), Some(9_960)),
        replica(3000, 0, 125, Some(10_000), Some(10_000)),
    ];
    let out = describe_status(&q).unwrap();
    assert!(
        out.contains("\nMaxFollowerLag:         0\nMaxFollowerLagTimeMs:   40\n"),
        "{out}"
    );
}

/// `MetadataRecordSerde.read`'s messages for the framing.
#[test]
fn metadata_parse_errors_are_kafkas() {
    use crate::kraft::serde::decode_record;
    assert_eq!(
        decode_record(&[]).unwrap_err(),
        "Error while reading frame version"
    );
    assert_eq!(
        decode_record(&[2, 20, 0, 0]).unwrap_err(),
        "Could not deserialize metadata record due to unknown frame version 2(only frame version 1 is supported)"
    );
    assert_eq!(
        decode_record(&[1, 0xff, 0xff, 0x03]).unwrap_err(),
        "Value for type was too large."
    );
    assert_eq!(
        decode_record(&[1, 2]).unwrap_err(),
        "Error while reading version"
    );
    assert_eq!(
        decode_record(&[1, 2, 0, 9]).unwrap_err(),
        "Failed to deserialize record with type 2"
    );
    assert_eq!(
        decode_record(&[1, 20, 1, 0]).unwrap_err(),
        "Failed to deserialize record with type 20"
    );
}
