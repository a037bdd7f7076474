//! `kafka-dump-log.sh --cluster-metadata-decoder --files …/__cluster_metadata-0/…log`
//! (Kafka 4.1, `core/src/main/scala/kafka/tools/DumpLogSegments.scala`): the batch lines of
//! `printBatchLevel`, then for each record `| offset: …` with the record's metadata and, for
//! a control record, `LeaderChange: {json}`; for a metadata record
//! `payload: {"type":…,"version":…,"data":{…}}` (`ClusterMetadataLogMessageParser`).

use std::fmt::Write as _;

use super::json;
use crate::cli::storage::{batch_line, record_line};
use crate::kraft::serde::{decode_leader_change, decode_record, LEADER_CHANGE_TYPE};
use crate::kraft::snapshot::{SNAPSHOT_FOOTER_TYPE, SNAPSHOT_HEADER_TYPE};
use crate::storage::batch::decode_log;

/// The dump of one `__cluster_metadata` segment at `path` (its name gives the starting
/// offset), from `Dumping path` to the last record. Damaged bytes are reported the way the
/// tool reports them, never a panic.
pub fn cluster_metadata(path: &str, bytes: &[u8]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Dumping {path}");
    let name = path.rsplit('/').next().unwrap_or(path);
    let start: u64 = name
        .split('.')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    match name
        .strip_suffix(".checkpoint")
        .and_then(|n| n.split_once('-'))
    {
        // `Snapshots.parse`: `<end offset>-<epoch>.checkpoint`.
        Some((offset, epoch)) => {
            let _ = writeln!(
                out,
                "Snapshot end offset: {}, epoch: {}",
                offset.parse::<u64>().unwrap_or(0),
                epoch.parse::<u32>().unwrap_or(0)
            );
        }
        None => {
            let _ = writeln!(out, "Log starting offset: {start}");
        }
    }
    let log = decode_log(bytes, true);
    for b in &log.batches {
        out.push_str(&batch_line(b, b.position));
        out.push('\n');
        let records = match &b.records {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                let _ = writeln!(out, "The lab could not read this batch's records: {e}");
                continue;
            }
            None => continue,
        };
        for r in records {
            out.push_str(&record_line(b, r));
            let value = r.value.as_deref().unwrap_or(&[]);
            if b.is_control() {
                let key = r.key.as_deref().unwrap_or(&[]);
                let kind = (key.len() >= 4).then(|| i16::from_be_bytes([key[2], key[3]]));
                match kind {
                    Some(LEADER_CHANGE_TYPE) => match decode_leader_change(value) {
                        Ok((leader, voters, granting)) => {
                            let _ = write!(
                                out,
                                " LeaderChange: {}",
                                json::leader_change(leader, &voters, &granting).text()
                            );
                        }
                        Err(e) => {
                            let _ = write!(out, " (a LeaderChange the lab could not read: {e})");
                        }
                    },
                    Some(k @ (SNAPSHOT_HEADER_TYPE | SNAPSHOT_FOOTER_TYPE)) => {
                        match snapshot_control_json(k, value) {
                            Some(text) => out.push_str(&text),
                            None => {
                                let _ = write!(
                                    out,
                                    " (a snapshot control record the lab could not read)"
                                );
                            }
                        }
                    }
                    Some(k) => {
                        let name = match k {
                            0 => "ABORT",
                            1 => "COMMIT",
                            3 => "SNAPSHOT_HEADER",
                            4 => "SNAPSHOT_FOOTER",
                            5 => "KRAFT_VERSION",
                            6 => "KRAFT_VOTERS",
                            _ => "UNKNOWN",
                        };
                        let _ = write!(out, " controlType: {name}({k})");
                    }
                    None => {
                        let _ = write!(out, " (a control record whose key is too short to read)");
                    }
                }
            } else {
                let payload = match decode_record(value) {
                    Ok((record, version)) => json::payload(&record, version),
                    Err(e) => format!("Error at {}, skipping. {e}", r.offset),
                };
                let _ = write!(out, " payload: {payload}");
            }
            out.push('\n');
        }
    }
    if let Some(e) = &log.error {
        let _ = writeln!(
            out,
            "org.apache.kafka.common.errors.CorruptRecordException: {} (at byte {} of {name})",
            e.message, e.position
        );
        return out;
    }
    let trailing = bytes.len() - log.valid_bytes;
    if trailing > 0 {
        let _ = writeln!(out, "Found {trailing} invalid bytes at the end of {name}");
    }
    out
}

/// ` SnapshotHeader {"version":0,"lastContainedLogTimestamp":…}` /
/// ` SnapshotFooter {"version":0}` (`SnapshotHeaderRecordJsonConverter` and the footer's).
fn snapshot_control_json(kind: i16, value: &[u8]) -> Option<String> {
    let mut r = crate::kraft::accessor::R::new(value);
    let version = r.i16().ok()?;
    if kind == SNAPSHOT_HEADER_TYPE {
        let ts = r.i64().ok()?;
        let j = json::J::Obj(vec![
            ("version", json::J::Int(i64::from(version))),
            ("lastContainedLogTimestamp", json::J::Int(ts)),
        ]);
        Some(format!(" SnapshotHeader {}", j.text()))
    } else {
        let j = json::J::Obj(vec![("version", json::J::Int(i64::from(version)))]);
        Some(format!(" SnapshotFooter {}", j.text()))
    }
}
