//! The storage commands: `ls` and `cat` of a broker's data directory, `kafka-dump-log.sh` in
//! `DumpLogSegments`'s exact output format (for simulated files, files on the host and uploaded
//! files), and `lookup`, which prints every step of an offset or timestamp lookup.
//!
//! A simulated path is written `broker-N:/var/lib/kafka/data/T-P/00000000000000000000.log`; a
//! path without a `broker-N:` prefix is a file on the host (native program) or an uploaded file
//! (page), read through [`HostFiles`].

use crate::idxmap::IdxMap;
use std::collections::BTreeMap;
use std::fmt::Write as _;

mod dump_log;
mod lookup;

pub use dump_log::{batch_line, dump_log, record_line};
pub use lookup::{lookup, offset_trace, timestamp_trace};

use crate::cluster::Cluster;
use crate::log::Log;
use crate::model::{BrokerId, TopicPartition};
use crate::storage::segment::{file_name, SegmentedLog};

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
    pub uploads: IdxMap<String, Vec<u8>>,
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
fn data_files(cluster: &Cluster, broker: BrokerId) -> BTreeMap<&'static str, String> {
    let b = &cluster.brokers[&broker];
    let mut files = BTreeMap::new();
    // Only logs whose start is ahead of their first segment appear (after DeleteRecords);
    // retention moves both together, so the lab's list is empty.
    files.insert("log-start-offset-checkpoint", checkpoint(&[]));
    let recovery: Vec<(TopicPartition, u64)> = b
        .replica_manager
        .logs
        .iter()
        .map(|(tp, l)| (*tp, l.files().active().base_offset().max(0) as u64))
        .collect();
    files.insert("recovery-point-offset-checkpoint", checkpoint(&recovery));
    let hw: Vec<(TopicPartition, u64)> = b
        .replica_manager
        .hw_checkpoint
        .iter()
        .map(|(tp, o)| (*tp, *o))
        .collect();
    files.insert("replication-offset-checkpoint", checkpoint(&hw));
    files
}

/// The text files of a partition directory.
fn partition_text_files(
    cluster: &Cluster,
    tp: &TopicPartition,
    log: &Log,
) -> BTreeMap<&'static str, String> {
    let mut files = BTreeMap::new();
    let mut epochs = format!("0\n{}\n", log.epochs().len());
    for e in log.epochs() {
        let _ = writeln!(epochs, "{} {}", e.epoch, e.start_offset);
    }
    files.insert("leader-epoch-checkpoint", epochs);
    if let Some(t) = cluster.topics_meta().get(tp.topic.as_str()) {
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
    cluster.brokers[&broker].replica_manager.logs.get(tp).map(|l| &**l).ok_or_else(|| {
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
