//! `kafka-dump-log.sh` in `DumpLogSegments`'s exact output format, for simulated segment
//! files, files on the host and uploaded files.

use std::fmt::Write as _;

use super::{broker_of, log_of, parse_sim, HostFiles, SimPath, MAX_FILE_BYTES};
use crate::cli::args::{flag, parse, value};
use crate::cluster::Cluster;
use crate::storage::batch::{decode_log, parse_marker, DecodedBatch, DecodedRecord, LogFile};
use crate::storage::segment::Segment;

/// The bytes of a file named on the command line: a simulated segment file, an upload or a
/// host file. Also returns the segment when it is simulated (for index dumps).
enum Opened<'a> {
    Sim(&'a Segment),
    Host(Vec<u8>),
}

fn open<'a>(cluster: &'a Cluster, files: &HostFiles, path: &str) -> Result<Opened<'a>, String> {
    match parse_sim(path) {
        Some(r) => {
            let (broker, sim) = r?;
            broker_of(cluster, "kafka-dump-log.sh", broker)?;
            let SimPath::PartitionFile(tp, name) = sim else {
                return Err(format!("kafka-dump-log.sh: {path}: not a segment file"));
            };
            let log = log_of(cluster, "kafka-dump-log.sh", broker, &tp)?;
            let (stem, _ext) = name.rsplit_once('.').unwrap_or((&name, ""));
            let seg = stem
                .parse::<i64>()
                .ok()
                .and_then(|base| {
                    log.files()
                        .segments()
                        .iter()
                        .find(|s| s.base_offset() == base)
                })
                .filter(|_| stem.len() == 20)
                .ok_or_else(|| format!("java.nio.file.NoSuchFileException: {path}"))?;
            Ok(Opened::Sim(seg))
        }
        None => {
            let bytes = files.read(path)?;
            if bytes.len() > MAX_FILE_BYTES {
                return Err(format!(
                    "kafka-dump-log.sh: {path} is {} bytes; the lab reads files up to {MAX_FILE_BYTES} bytes",
                    bytes.len()
                ));
            }
            Ok(Opened::Host(bytes))
        }
    }
}

fn base_name(path: &str) -> &str {
    path.rsplit(['/', ':']).next().unwrap_or(path)
}

/// The base offset a segment file's name says (`00000000000000000042.log` → 42).
fn name_base(path: &str) -> i64 {
    base_name(path)
        .split('.')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// `kafka-dump-log.sh --files F[,F]... [--print-data-log] [--deep-iteration]`.
pub fn dump_log(cluster: &Cluster, files: &HostFiles, args: &[String]) -> Result<String, String> {
    let p = parse(
        args,
        &[
            value("files"),
            flag("print-data-log"),
            flag("deep-iteration"),
            flag("offsets-decoder"),
            flag("verify-index-only"),
            flag("index-sanity-check"),
            flag("skip-record-metadata"),
        ],
    )?;
    p.only_options("kafka-dump-log.sh")?;
    let list = p.value("files").ok_or_else(|| {
        "Missing required argument \"[files]\"\n(kafka-dump-log.sh --files broker-1:/var/lib/kafka/data/orders-0/00000000000000000000.log)"
            .to_string()
    })?;
    // The decoders imply --print-data-log, as in Kafka. `__consumer_offsets` records are text in
    // the lab (`group,topic,partition → offset=N`, `GroupMetadata(...)`), so they print as they
    // are where Kafka would decode its binary schemas to JSON.
    let print = p.has("print-data-log") || p.has("offsets-decoder");
    let deep = print || p.has("deep-iteration");
    let skip_meta = p.has("skip-record-metadata");
    let mut out = String::new();
    for path in list.split(',') {
        let _ = writeln!(out, "Dumping {path}");
        let ext = base_name(path).rsplit_once('.').map_or("", |(_, e)| e);
        match (open(cluster, files, path)?, ext) {
            (Opened::Sim(seg), "log") => {
                dump_log_bytes(&mut out, path, seg.log_bytes(), deep, print, skip_meta)?;
            }
            (Opened::Host(bytes), "log") => {
                dump_log_bytes(&mut out, path, &bytes, deep, print, skip_meta)?;
            }
            (Opened::Sim(seg), "index") => dump_index(
                &mut out,
                path,
                &seg.index_bytes(),
                seg.base_offset(),
                p.has("index-sanity-check"),
                p.has("verify-index-only"),
            ),
            (Opened::Host(bytes), "index") => dump_index(
                &mut out,
                path,
                &bytes,
                name_base(path),
                p.has("index-sanity-check"),
                p.has("verify-index-only"),
            ),
            (Opened::Sim(seg), "timeindex") => dump_time_index(
                &mut out,
                path,
                &seg.time_index_bytes(),
                seg.base_offset(),
                p.has("verify-index-only"),
            ),
            (Opened::Host(bytes), "timeindex") => dump_time_index(
                &mut out,
                path,
                &bytes,
                name_base(path),
                p.has("verify-index-only"),
            ),
            _ => {
                let _ = writeln!(out, "Ignoring unknown file {path}");
            }
        }
    }
    Ok(out)
}

/// One batch's line, as `printBatchLevel` prints it.
pub fn batch_line(b: &DecodedBatch, position: usize) -> String {
    let horizon = if b.attributes & 0x40 != 0 {
        format!("OptionalLong[{}]", b.base_timestamp)
    } else {
        "OptionalLong.empty".to_string()
    };
    format!(
        "baseOffset: {} lastOffset: {} count: {} baseSequence: {} lastSequence: {} producerId: {} producerEpoch: {} partitionLeaderEpoch: {} isTransactional: {} isControl: {} deleteHorizonMs: {horizon} position: {position} {}: {} size: {} magic: {} compresscodec: {} crc: {} isvalid: {}",
        b.base_offset,
        b.last_offset(),
        b.count,
        b.base_sequence,
        b.last_sequence(),
        b.producer_id,
        b.producer_epoch,
        b.partition_leader_epoch,
        b.is_transactional(),
        b.is_control(),
        b.timestamp_type(),
        b.max_timestamp,
        b.size,
        b.magic,
        b.compression(),
        b.crc,
        b.crc_valid
    )
}

/// One record's line under `--deep-iteration`, as `printBatchLevel`'s record loop starts it
/// (`| offset: … headerKeys: [...]`); the caller adds the payload or the control record.
pub fn record_line(b: &DecodedBatch, r: &DecodedRecord) -> String {
    format!(
        "| offset: {} {}: {} keySize: {} valueSize: {} sequence: {} headerKeys: [{}]",
        r.offset,
        b.timestamp_type(),
        r.timestamp,
        r.key.as_ref().map_or(-1, |k| k.len() as i64),
        r.value.as_ref().map_or(-1, |v| v.len() as i64),
        r.sequence,
        r.headers
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>()
            .join(",")
    )
}

/// Kafka's `dumpLog` for the bytes of one `.log` file.
fn dump_log_bytes(
    out: &mut String,
    path: &str,
    bytes: &[u8],
    deep: bool,
    print: bool,
    skip_meta: bool,
) -> Result<(), String> {
    let _ = writeln!(out, "Log starting offset: {}", name_base(path));
    let file: LogFile = decode_log(bytes, deep);
    for b in &file.batches {
        out.push_str(&batch_line(b, b.position));
        out.push('\n');
        match &b.records {
            Some(Ok(records)) => {
                for r in records {
                    let mut prefix = "| ";
                    if !skip_meta {
                        out.push_str(&record_line(b, r));
                        prefix = " ";
                        if b.is_control() {
                            match parse_marker(r.key.as_deref(), r.value.as_deref()) {
                                Some(Ok((marker, epoch))) => {
                                    let _ = write!(
                                        out,
                                        " endTxnMarker: {} coordinatorEpoch: {epoch}",
                                        marker.name()
                                    );
                                }
                                Some(Err(kind)) => {
                                    let name = match kind {
                                        2 => "LEADER_CHANGE",
                                        3 => "SNAPSHOT_HEADER",
                                        4 => "SNAPSHOT_FOOTER",
                                        5 => "KRAFT_VERSION",
                                        6 => "KRAFT_VOTERS",
                                        _ => "UNKNOWN",
                                    };
                                    let _ = write!(out, " controlType: {name}({kind})");
                                }
                                None => {
                                    let _ = write!(
                                        out,
                                        " (a control record whose key or value is too short to read)"
                                    );
                                }
                            }
                        }
                    }
                    if print && !b.is_control() {
                        if let Some(k) = &r.key {
                            let _ = write!(out, "{prefix}key: {}", String::from_utf8_lossy(k));
                        }
                        if let Some(v) = &r.value {
                            let _ = write!(out, " payload: {}", String::from_utf8_lossy(v));
                        }
                    }
                    out.push('\n');
                }
            }
            Some(Err(e)) => {
                let _ = writeln!(out, "The lab could not read this batch's records: {e}");
            }
            None => {}
        }
    }
    if let Some(e) = &file.error {
        let _ = writeln!(
            out,
            "org.apache.kafka.common.errors.CorruptRecordException: {} (at byte {} of {})",
            e.message,
            e.position,
            base_name(path)
        );
        return Ok(());
    }
    let trailing = bytes.len() - file.valid_bytes;
    if trailing > 0 {
        let _ = writeln!(
            out,
            "Found {trailing} invalid bytes at the end of {}",
            base_name(path)
        );
    }
    Ok(())
}

fn dump_index(out: &mut String, path: &str, bytes: &[u8], base: i64, sanity: bool, verify: bool) {
    let entries = bytes.len() / 8;
    if entries == 0 {
        let _ = writeln!(out, "{path} is empty.");
        return;
    }
    if sanity {
        if !bytes.len().is_multiple_of(8) {
            let _ = writeln!(out, "org.apache.kafka.common.errors.CorruptIndexException: Index file {} is corrupt, found {} bytes which is neither positive nor a multiple of 8.", base_name(path), bytes.len());
        } else {
            let _ = writeln!(out, "{path} passed sanity check.");
        }
        return;
    }
    for i in 0..entries {
        let rel = i32::from_be_bytes(bytes[i * 8..i * 8 + 4].try_into().expect("4 bytes"));
        let pos = i32::from_be_bytes(bytes[i * 8 + 4..i * 8 + 8].try_into().expect("4 bytes"));
        // A preallocated (sparse) index ends in zero entries: stop at the first.
        if rel == 0 && i > 0 {
            return;
        }
        if !verify {
            let _ = writeln!(
                out,
                "offset: {} position: {pos}",
                base.wrapping_add(i64::from(rel))
            );
        }
    }
}

fn dump_time_index(out: &mut String, path: &str, bytes: &[u8], base: i64, verify: bool) {
    let entries = bytes.len() / 12;
    let _ = path;
    for i in 0..entries {
        let ts = i64::from_be_bytes(bytes[i * 12..i * 12 + 8].try_into().expect("8 bytes"));
        let rel = i32::from_be_bytes(bytes[i * 12 + 8..i * 12 + 12].try_into().expect("4 bytes"));
        if rel == 0 && i > 0 {
            return;
        }
        if !verify {
            let _ = writeln!(
                out,
                "timestamp: {ts} offset: {}",
                base.wrapping_add(i64::from(rel))
            );
        }
    }
}
