//! The storage commands: `ls` and `cat` of a broker's data directory, `kafka-dump-log.sh` in
//! `DumpLogSegments`'s exact output format (for simulated files, files on the host and uploaded
//! files), and `lookup`, which prints every step of an offset or timestamp lookup.
//!
//! A simulated path is written `broker-N:/var/lib/kafka/data/T-P/00000000000000000000.log`; a
//! path without a `broker-N:` prefix is a file on the host (native program) or an uploaded file
//! (page), read through [`HostFiles`].

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::args::{flag, parse, value};
use crate::cluster::replica::Role;
use crate::cluster::Cluster;
use crate::log::Log;
use crate::model::{BrokerId, TopicPartition};
use crate::storage::batch::{decode_log, parse_marker, DecodedBatch, LogFile};
use crate::storage::segment::{file_name, OffsetLookup, Segment, SegmentedLog, TimestampLookup};

/// Where every broker keeps its logs (`log.dirs`).
pub const DATA_DIR: &str = "/var/lib/kafka/data";
/// The largest host or uploaded file the lab reads (a real segment is at most `segment.bytes`,
/// 1 GiB by default; the lab keeps everything in memory).
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// Reads a host file by path.
pub type HostReader = fn(&str) -> Result<Vec<u8>, String>;

/// Files that are not in the simulation: uploads (page) and, natively, the host's files.
#[derive(Clone, Debug, Default)]
pub struct HostFiles {
    /// Files given by name (uploads), looked at first.
    pub uploads: BTreeMap<String, Vec<u8>>,
    /// Reads a host file (set by the native program; `None` in the page).
    pub reader: Option<HostReader>,
}

impl HostFiles {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        if let Some(b) = self.uploads.get(path) {
            return Ok(b.clone());
        }
        match self.reader {
            Some(read) => read(path),
            None => Err(format!(
                "no file {path}: upload it first, or name a simulated file such as broker-1:{DATA_DIR}/orders-0/00000000000000000000.log"
            )),
        }
    }
}

/// A path inside a simulated broker's data directory.
#[derive(Clone, Debug, PartialEq, Eq)]
enum SimPath {
    /// The data directory itself.
    DataDir,
    /// A file directly in it (checkpoints).
    DataFile(String),
    /// A partition directory.
    PartitionDir(TopicPartition),
    /// A file in a partition directory.
    PartitionFile(TopicPartition, String),
}

/// Splits `broker-N:/var/lib/kafka/data/...`; `None` if it has no `broker-N:` prefix.
fn parse_sim(path: &str) -> Option<Result<(BrokerId, SimPath), String>> {
    let rest = path.strip_prefix("broker-")?;
    let (id, p) = rest.split_once(':')?;
    Some((|| {
        let broker: BrokerId = id.parse().map_err(|_| {
            format!("'{path}': broker-N: needs a broker id, e.g. broker-1:{DATA_DIR}")
        })?;
        let p = p.trim_end_matches('/');
        let under = p.strip_prefix(DATA_DIR).ok_or_else(|| {
            format!("'{path}': the lab's brokers keep their logs in {DATA_DIR} (log.dirs); nothing else is on their disks")
        })?;
        let parts: Vec<&str> = under.split('/').filter(|s| !s.is_empty()).collect();
        let sim = match parts.as_slice() {
            [] => SimPath::DataDir,
            [one] => match TopicPartition::parse(one) {
                Some(tp) if !one.contains('.') => SimPath::PartitionDir(tp),
                _ => SimPath::DataFile((*one).to_string()),
            },
            [dir, file] => SimPath::PartitionFile(
                TopicPartition::parse(dir)
                    .ok_or_else(|| format!("'{path}': no directory {dir} in {DATA_DIR}"))?,
                (*file).to_string(),
            ),
            _ => return Err(format!("'{path}': no such file or directory")),
        };
        Ok((broker, sim))
    })())
}

/// One entry of a listing.
struct Entry {
    name: String,
    size: usize,
    dir: bool,
}

fn checkpoint(entries: &[(TopicPartition, u64)]) -> String {
    let mut s = format!("0\n{}\n", entries.len());
    for (tp, o) in entries {
        let _ = writeln!(s, "{} {} {o}", tp.topic, tp.partition);
    }
    s
}

/// The text files of a data directory (`replication-offset-checkpoint` and friends).
fn data_files(cluster: &Cluster, broker: BrokerId) -> crate::vecmap::VecMap<&'static str, String> {
    let b = &cluster.brokers[&broker];
    let mut files = crate::vecmap::VecMap::new();
    // Only logs whose start is ahead of their first segment appear (after DeleteRecords);
    // retention moves both together, so the lab's list is empty.
    files.insert("log-start-offset-checkpoint", checkpoint(&[]));
    let recovery: Vec<(TopicPartition, u64)> = b
        .replica_manager
        .logs
        .iter()
        .map(|(tp, l)| (tp.clone(), l.files().active().base_offset().max(0) as u64))
        .collect();
    files.insert("recovery-point-offset-checkpoint", checkpoint(&recovery));
    let hw: Vec<(TopicPartition, u64)> = b
        .replica_manager
        .hw_checkpoint
        .iter()
        .map(|(tp, o)| (tp.clone(), *o))
        .collect();
    files.insert("replication-offset-checkpoint", checkpoint(&hw));
    files
}

/// The text files of a partition directory.
fn partition_text_files(
    cluster: &Cluster,
    tp: &TopicPartition,
    log: &Log,
) -> crate::vecmap::VecMap<&'static str, String> {
    let mut files = crate::vecmap::VecMap::new();
    let mut epochs = format!("0\n{}\n", log.epochs().len());
    for e in log.epochs() {
        let _ = writeln!(epochs, "{} {}", e.epoch, e.start_offset);
    }
    files.insert("leader-epoch-checkpoint", epochs);
    if let Some(t) = cluster.topics_meta().get(&tp.topic) {
        files.insert(
            "partition.metadata",
            format!("version: 0\ntopic_id: {}\n", t.id),
        );
    }
    files
}

fn segment_files(log: &SegmentedLog) -> Vec<Entry> {
    let active = log.active().base_offset();
    let mut out = Vec::new();
    for s in log.segments() {
        let b = s.base_offset();
        // The active segment's indexes are preallocated to segment.index.bytes (sparse
        // files), rounded down to whole entries; closed ones are trimmed to their entries.
        let (index, time) = if b == active {
            (10_485_760, 10_485_756)
        } else {
            (s.index().len() * 8, s.time_index().len() * 12)
        };
        out.push(Entry {
            name: file_name(b, "index"),
            size: index,
            dir: false,
        });
        out.push(Entry {
            name: file_name(b, "log"),
            size: s.size(),
            dir: false,
        });
        out.push(Entry {
            name: file_name(b, "timeindex"),
            size: time,
            dir: false,
        });
    }
    out
}

fn broker_of(cluster: &Cluster, cmd: &str, broker: BrokerId) -> Result<(), String> {
    if cluster.brokers.contains_key(&broker) {
        Ok(())
    } else {
        Err(format!(
            "{cmd}: there is no broker-{broker} (brokers: {})",
            cluster
                .brokers
                .keys()
                .map(|b| format!("broker-{b}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

fn log_of<'a>(
    cluster: &'a Cluster,
    cmd: &str,
    broker: BrokerId,
    tp: &TopicPartition,
) -> Result<&'a Log, String> {
    cluster.brokers[&broker].replica_manager.logs.get(tp).ok_or_else(|| {
        format!("{cmd}: broker-{broker}:{DATA_DIR}/{tp}: no such file or directory (broker {broker} holds no replica of {tp})")
    })
}

/// `ls PATH`: names and sizes, as `ls -l` would show them.
pub fn ls(cluster: &Cluster, args: &[String]) -> Result<String, String> {
    let [path] = args else {
        return Err(format!(
            "ls: give a directory, e.g. ls broker-1:{DATA_DIR}/orders-0"
        ));
    };
    let (broker, sim) = parse_sim(path)
        .unwrap_or_else(|| {
            Err(format!(
                "the lab lists simulated disks only: write broker-N:{DATA_DIR}[/T-P]"
            ))
        })
        .map_err(|e| format!("ls: {e}"))?;
    broker_of(cluster, "ls", broker)?;
    let b = &cluster.brokers[&broker];
    let entries: Vec<Entry> = match &sim {
        SimPath::DataDir => {
            let mut v: Vec<Entry> = data_files(cluster, broker)
                .into_iter()
                .map(|(name, text)| Entry {
                    name: name.to_string(),
                    size: text.len(),
                    dir: false,
                })
                .collect();
            v.extend(b.replica_manager.logs.keys().map(|tp| Entry {
                name: tp.to_string(),
                size: 4096,
                dir: true,
            }));
            crate::sort::by(&mut v, |a, b| a.name.cmp(&b.name));
            v
        }
        SimPath::PartitionDir(tp) => {
            let log = log_of(cluster, "ls", broker, tp)?;
            let mut v = segment_files(log.files());
            v.extend(
                partition_text_files(cluster, tp, log)
                    .into_iter()
                    .map(|(name, text)| Entry {
                        name: name.to_string(),
                        size: text.len(),
                        dir: false,
                    }),
            );
            crate::sort::by(&mut v, |a, b| a.name.cmp(&b.name));
            v
        }
        SimPath::DataFile(_) | SimPath::PartitionFile(..) => {
            return Err(format!(
                "ls: {path}: not a directory (use kafka-dump-log.sh --files or cat)"
            ));
        }
    };
    let width = entries
        .iter()
        .map(|e| e.size.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for e in entries {
        let _ = writeln!(
            out,
            "{}  {:>width$}  {}{}",
            if e.dir { "drwxr-xr-x" } else { "-rw-r--r--" },
            e.size,
            e.name,
            if e.dir { "/" } else { "" }
        );
    }
    Ok(out)
}

/// `cat PATH`: a checkpoint or metadata text file of a data directory.
pub fn cat(cluster: &Cluster, args: &[String]) -> Result<String, String> {
    let [path] = args else {
        return Err(format!(
            "cat: give a file, e.g. cat broker-1:{DATA_DIR}/replication-offset-checkpoint"
        ));
    };
    let (broker, sim) = parse_sim(path)
        .unwrap_or_else(|| {
            Err(format!(
                "the lab reads simulated disks only: write broker-N:{DATA_DIR}/..."
            ))
        })
        .map_err(|e| format!("cat: {e}"))?;
    broker_of(cluster, "cat", broker)?;
    let text = match &sim {
        SimPath::DataFile(name) => data_files(cluster, broker).get(name.as_str()).cloned(),
        SimPath::PartitionFile(tp, name) => {
            let log = log_of(cluster, "cat", broker, tp)?;
            if name.ends_with(".log") || name.ends_with(".index") || name.ends_with(".timeindex") {
                return Err(format!(
                    "cat: {path} is binary: read it with kafka-dump-log.sh --files {path}"
                ));
            }
            partition_text_files(cluster, tp, log)
                .get(name.as_str())
                .cloned()
        }
        _ => return Err(format!("cat: {path}: is a directory")),
    };
    text.ok_or_else(|| format!("cat: {path}: no such file or directory"))
}

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
                        let _ = write!(
                            out,
                            "| offset: {} {}: {} keySize: {} valueSize: {} sequence: {} headerKeys: [{}]",
                            r.offset,
                            b.timestamp_type(),
                            r.timestamp,
                            r.key.as_ref().map_or(-1, |k| k.len() as i64),
                            r.value.as_ref().map_or(-1, |v| v.len() as i64),
                            r.sequence,
                            r.headers.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(",")
                        );
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

/// The replica `lookup` reads: `--replica B`, else the leader, else the first replica.
fn lookup_replica(
    cluster: &Cluster,
    tp: &TopicPartition,
    replica: Option<&str>,
) -> Result<BrokerId, String> {
    if let Some(r) = replica {
        let b: BrokerId = r
            .parse()
            .map_err(|_| format!("lookup: --replica takes a broker id, not '{r}'"))?;
        broker_of(cluster, "lookup", b)?;
        return Ok(b);
    }
    let t = cluster
        .topics_meta()
        .get(&tp.topic)
        .ok_or_else(|| format!("lookup: there is no topic {}", tp.topic))?;
    let replicas = t
        .assignment
        .get(&tp.partition)
        .ok_or_else(|| format!("lookup: there is no partition {tp}"))?;
    let leader = replicas.iter().copied().find(|b| {
        cluster.brokers[b]
            .replica_manager
            .partitions
            .get(tp)
            .is_some_and(|p| p.role == Role::Leader)
    });
    Ok(leader.unwrap_or(replicas[0]))
}

/// `lookup T-P OFFSET [--replica B]` and `lookup T-P --timestamp TS [--replica B]`.
pub fn lookup(cluster: &Cluster, args: &[String]) -> Result<String, String> {
    let p = parse(args, &[value("replica"), value("timestamp")])?;
    let usage =
        "lookup: give a partition and an offset, e.g. lookup orders-0 42 (or --timestamp MS)";
    let (tp, offset) = match (p.positional.as_slice(), p.value("timestamp")) {
        ([tp, off], None) => (tp, Some(off)),
        ([tp], Some(_)) => (tp, None),
        _ => return Err(usage.into()),
    };
    let tp = TopicPartition::parse(tp)
        .ok_or_else(|| format!("lookup: '{tp}' is not a partition (write it TOPIC-PARTITION)"))?;
    let broker = lookup_replica(cluster, &tp, p.value("replica"))?;
    let log = log_of(cluster, "lookup", broker, &tp)?;
    if let Some(off) = offset {
        let target: i64 = off
            .parse()
            .map_err(|_| format!("lookup: '{off}' is not an offset"))?;
        Ok(offset_trace(
            &log.files().lookup(target),
            log.files(),
            &tp,
            broker,
        ))
    } else {
        let ts = p.value("timestamp").unwrap_or_default();
        let target: i64 = ts
            .parse()
            .map_err(|_| format!("lookup: --timestamp takes epoch milliseconds, not '{ts}'"))?;
        Ok(timestamp_trace(
            &log.files().lookup_timestamp(target),
            &tp,
            broker,
        ))
    }
}

/// The text of an offset lookup's trace.
pub fn offset_trace(
    l: &OffsetLookup,
    log: &SegmentedLog,
    tp: &TopicPartition,
    broker: BrokerId,
) -> String {
    let mut out = format!(
        "Looking up offset {} in {tp} on broker {broker}\n",
        l.target
    );
    let Some(base) = l.segment else {
        let _ = writeln!(
            out,
            "Offset {} is out of range: the log holds offsets {} to {} (OFFSET_OUT_OF_RANGE).",
            l.target,
            log.log_start_offset(),
            log.log_end_offset() - 1
        );
        return out;
    };
    let _ = writeln!(
        out,
        "1. Segments by base offset: [{}]. The largest base offset <= {} is {base}: {}.",
        l.segment_bases
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        l.target,
        file_name(base, "log")
    );
    let _ = writeln!(
        out,
        "2. Binary search of {} ({} entries; the warm section starts at slot {}):",
        file_name(base, "index"),
        l.index.entries,
        l.index.first_hot_slot
    );
    for pr in &l.index.probes {
        let _ = writeln!(
            out,
            "   slot {}: offset {} {} {}{}",
            pr.slot,
            pr.key,
            match pr.cmp {
                -1 => "<",
                0 => "=",
                _ => ">",
            },
            l.target,
            match pr.phase {
                "warm" => "   (is the target in the warm section, the index's last 8 KiB?)",
                "first" => "   (is the target below the first entry?)",
                _ => "",
            }
        );
    }
    match l.index.slot {
        Some(s) => {
            let _ = writeln!(
                out,
                "   -> slot {s}: offset {} is at position {}.",
                l.start.offset, l.start.position
            );
        }
        None => {
            let _ = writeln!(
                out,
                "   -> no entry <= {}: start at the segment's first byte (position 0).",
                l.target
            );
        }
    }
    let _ = writeln!(
        out,
        "3. Scan of {} from position {}:",
        file_name(base, "log"),
        l.start.position
    );
    for b in &l.scanned {
        let holds = l.found.is_some_and(|f| f.position == b.position);
        let _ = writeln!(
            out,
            "   batch {}..{} at position {} ({} bytes): {}",
            b.base_offset,
            b.last_offset,
            b.position,
            b.size,
            if holds {
                format!("holds offset {}", l.target)
            } else {
                format!("last offset {} < {}, next", b.last_offset, l.target)
            }
        );
    }
    let _ = writeln!(
        out,
        "Found in {} steps ({} index probe(s) + {} batch header(s) read); a scan from the log's first byte would read {} batch header(s).",
        l.steps(),
        l.index.probes.len(),
        l.scanned.len(),
        l.linear_steps
    );
    out
}

/// The text of a timestamp lookup's trace.
pub fn timestamp_trace(l: &TimestampLookup, tp: &TopicPartition, broker: BrokerId) -> String {
    let mut out = format!(
        "Looking up timestamp {} in {tp} on broker {broker}\n",
        l.target
    );
    let Some(base) = l.segment else {
        let _ = writeln!(
            out,
            "No record has a timestamp >= {}: the answer is the log end offset.",
            l.target
        );
        return out;
    };
    let _ = writeln!(
        out,
        "1. The first segment whose largest timestamp is >= {} is {}.",
        l.target,
        file_name(base, "log")
    );
    let _ = writeln!(
        out,
        "2. Binary search of {} ({} entries):",
        file_name(base, "timeindex"),
        l.time_index.entries
    );
    for pr in &l.time_index.probes {
        let _ = writeln!(
            out,
            "   slot {}: timestamp {} {} {}",
            pr.slot,
            pr.key,
            ["<", "=", ">"][(pr.cmp + 1) as usize],
            l.target
        );
    }
    let _ = writeln!(out, "   -> start from offset {}.", l.time_offset);
    let _ = writeln!(
        out,
        "3. Binary search of {} for offset {} ({} probes).",
        file_name(base, "index"),
        l.time_offset,
        l.index.probes.len()
    );
    let _ = writeln!(out, "4. Scan of {}:", file_name(base, "log"));
    for b in &l.scanned {
        let _ = writeln!(
            out,
            "   batch {}..{} at position {}: max timestamp {}",
            b.base_offset, b.last_offset, b.position, b.max_timestamp
        );
    }
    match l.found {
        Some((ts, off)) => {
            let _ = writeln!(out, "Found offset {off} (timestamp {ts}).");
        }
        None => {
            let _ = writeln!(out, "Not found in this segment.");
        }
    }
    out
}
