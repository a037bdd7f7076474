//! The KRaft tools in the interpreter (Kafka 4.1): `kafka-metadata-quorum.sh`,
//! `kafka-features.sh`, `kafka-storage.sh`, `kafka-dump-log.sh --cluster-metadata-decoder`,
//! and `ls` / `cat` of a node's metadata directory. The text is ktools' (`kraft::tools`);
//! this file gathers what each tool asks the cluster for.

use std::fmt::Write as _;

use super::args::{flag, parse, value};
use crate::cluster::Cluster;
use crate::i18n::{tr, Lang, T};
use crate::kraft::raft::RaftClient;
use crate::kraft::raft::State;
use crate::kraft::tools::quorum::{QuorumInfo, ReplicaState};
use crate::kraft::tools::{dump_log, features, quorum, storage};
use crate::kraft::MetadataMode;
use crate::model::{NodeId, Uuid};

/// The metadata directory (`metadata.log.dir`, here the same as `log.dirs`).
pub const META_DIR: &str = "/var/lib/kafka/data";
/// The metadata log's only segment in the lab.
pub const META_LOG: &str = "__cluster_metadata-0/00000000000000000000.log";

fn kraft_only(cluster: &Cluster, cmd: &str) -> Result<(), String> {
    if cluster.mode() == MetadataMode::Kraft {
        Ok(())
    } else {
        Err(tr(Lang::En, T::CliKraftOnly, &[("cmd", cmd.to_string())]))
    }
}

/// `kafka-metadata-quorum.sh --bootstrap-controller H:P describe --status | --replication
/// [--human-readable]`.
pub fn metadata_quorum(cluster: &Cluster, args: &[String]) -> Result<String, String> {
    let p = parse(
        args,
        &[
            value("bootstrap-controller"),
            value("bootstrap-server"),
            flag("status"),
            flag("replication"),
            flag("human-readable"),
        ],
    )?;
    if p.positional.first().map(String::as_str) != Some("describe") {
        return Err("kafka-metadata-quorum.sh: give describe --status or describe --replication (add-controller / remove-controller are not modelled)".into());
    }
    if p.value("bootstrap-controller").is_none() && p.value("bootstrap-server").is_none() {
        return Err("Must specify either --bootstrap-server or --bootstrap-controller".into());
    }
    kraft_only(cluster, "kafka-metadata-quorum.sh")?;
    let q = quorum_info(cluster).ok_or(
        "kafka-metadata-quorum.sh: no controller leads the quorum right now (an election is under way); try again after advance",
    )?;
    match (p.has("status"), p.has("replication")) {
        (true, false) => quorum::describe_status(&q),
        (false, true) => quorum::describe_replication(&q, cluster.now(), p.has("human-readable")),
        _ => Err("kafka-metadata-quorum.sh describe: give one of --status or --replication".into()),
    }
}

/// What `Admin.describeMetadataQuorum` answers: the active leader's view of the voters and
/// the observers (`LeaderState.describeQuorum`).
pub fn quorum_info(cluster: &Cluster) -> Option<QuorumInfo> {
    let leader = cluster
        .controllers
        .values()
        .filter(|c| c.alive && c.raft.is_leader())
        .max_by_key(|c| c.raft.epoch)?;
    let State::Leader {
        voters, observers, ..
    } = &leader.raft.state
    else {
        return None;
    };
    let now = cluster.now();
    let leo = leader.raft.log_end_offset();
    let state = |id: u32, r: &crate::kraft::raft::ReplicaState| ReplicaState {
        replica_id: id,
        directory_id: Uuid::ZERO,
        log_end_offset: if id == leader.id {
            leo as i64
        } else {
            r.end_offset.map_or(-1, |o| o as i64)
        },
        last_fetch_ms: if id == leader.id {
            Some(now)
        } else {
            r.last_fetch_ms
        },
        last_caught_up_ms: if id == leader.id {
            Some(now)
        } else {
            r.last_caught_up_ms
        },
    };
    Some(QuorumInfo {
        cluster_id: cluster.cluster_id().to_string(),
        leader_id: leader.id,
        leader_epoch: leader.raft.epoch,
        high_watermark: leader.raft.high_watermark as i64,
        voters: voters.iter().map(|(&id, r)| state(id, r)).collect(),
        observers: observers
            .iter()
            .map(|(&id, r)| {
                let mut s = state(id, r);
                s.directory_id = cluster.directory_id(NodeId::Broker(id));
                s
            })
            .collect(),
        nodes: cluster
            .controllers
            .keys()
            .enumerate()
            .map(|(i, &id)| (id, vec![format!("CONTROLLER://localhost:{}", 9093 + i)]))
            .collect(),
    })
}

/// `kafka-features.sh --bootstrap-server H:P describe`: the brokers' supported ranges and
/// the finalized levels of the metadata image.
pub fn features_cmd(cluster: &Cluster, args: &[String]) -> Result<String, String> {
    let p = parse(
        args,
        &[value("bootstrap-server"), value("bootstrap-controller")],
    )?;
    if p.positional.first().map(String::as_str) != Some("describe") {
        return Err("kafka-features.sh: the lab runs describe (upgrade / downgrade / disable are not modelled)".into());
    }
    kraft_only(cluster, "kafka-features.sh")?;
    let image = cluster
        .metadata_image()
        .ok_or("kafka-features.sh: no live broker or controller has metadata yet")?;
    let rows: Vec<features::FeatureRow> = features::kafka_41_features(0)
        .into_iter()
        .map(|mut f| {
            if f.name != "kraft.version" {
                f.finalized = image.features.get(&f.name).copied().unwrap_or(0);
            }
            f
        })
        .collect();
    Ok(features::describe(
        &rows,
        Some(image.offset.saturating_sub(1) as i64),
    ))
}

/// `kafka-storage.sh random-uuid` / `format -t ID -c CONFIG [--standalone]` /
/// `info`.
pub fn storage_cmd(cluster: &mut Cluster, args: &[String]) -> Result<String, String> {
    // Its short options, as argparse4j takes them.
    let args: Vec<String> = args
        .iter()
        .map(|a| match a.as_str() {
            "-t" => "--cluster-id".to_string(),
            "-c" => "--config".to_string(),
            "-s" => "--standalone".to_string(),
            "-r" => "--release-version".to_string(),
            "-g" => "--ignore-formatted".to_string(),
            _ => a.clone(),
        })
        .collect();
    let p = parse(
        &args,
        &[
            value("cluster-id"),
            value("config"),
            flag("standalone"),
            value("release-version"),
            flag("ignore-formatted"),
        ],
    )?;
    match p.positional.first().map(String::as_str) {
        Some("random-uuid") => Ok(storage::random_uuid_line(cluster.random_uuid())),
        Some("format") => {
            if p.value("cluster-id").is_none() {
                return Err("kafka-storage.sh format: argument --cluster-id/-t is required".into());
            }
            if p.value("config").is_none() {
                return Err("kafka-storage.sh format: argument --config/-c is required".into());
            }
            let release = p.value("release-version").unwrap_or("4.1-IV1");
            let kind = if p.has("standalone") {
                storage::DirectoryType::DynamicMetadataVoter
            } else {
                storage::DirectoryType::StaticMetadata
            };
            Ok(storage::format_lines(&[(META_DIR.to_string(), kind)], release))
        }
        _ => Err("kafka-storage.sh: give random-uuid or format (the lab's cluster is already formatted: brokers N --mode kraft)".into()),
    }
}

/// The node and its metadata log named by `controller-N:` / `broker-N:` before a path.
fn metadata_log<'a>(
    cluster: &'a Cluster,
    path: &'a str,
) -> Result<(NodeId, &'a RaftClient, &'a str), String> {
    let (node, rest) = path
        .split_once(':')
        .ok_or_else(|| format!("{path}: write controller-N:{META_DIR}/{META_LOG} or broker-N:…"))?;
    let id = |s: &str| s.parse::<u32>().ok();
    if let Some(c) = node.strip_prefix("controller-").and_then(id) {
        let n = cluster
            .controllers
            .get(&c)
            .ok_or_else(|| format!("there is no controller {c}"))?;
        return Ok((NodeId::Controller(c), &n.raft, rest));
    }
    if let Some(b) = node.strip_prefix("broker-").and_then(id) {
        let k = cluster
            .brokers
            .get(&b)
            .and_then(|b| b.kraft.as_ref())
            .ok_or_else(|| format!("there is no KRaft broker {b}"))?;
        return Ok((NodeId::Broker(b), &k.raft, rest));
    }
    Err(format!(
        "{path}: write controller-N:{META_DIR}/{META_LOG} or broker-N:…"
    ))
}

/// `kafka-dump-log.sh --cluster-metadata-decoder --files NODE:…/__cluster_metadata-0/….log`.
pub fn dump_cluster_metadata(cluster: &Cluster, args: &[String]) -> Result<String, String> {
    let p = parse(
        args,
        &[
            value("files"),
            flag("cluster-metadata-decoder"),
            flag("print-data-log"),
            flag("deep-iteration"),
            flag("skip-record-metadata"),
        ],
    )?;
    let files = p.value("files").ok_or_else(|| {
        format!("Missing required argument \"[files]\"\n(kafka-dump-log.sh --cluster-metadata-decoder --files controller-3000:{META_DIR}/{META_LOG})")
    })?;
    let mut out = String::new();
    for path in files.split(',') {
        let (_, raft, rest) = metadata_log(cluster, path)?;
        let segment = format!("{META_DIR}/{}", segment_name(raft));
        let bytes = if rest == segment {
            crate::kraft::serde::encode_entries(&raft.log)
        } else if let Some(s) = raft
            .snapshots
            .iter()
            .find(|s| rest == format!("{META_DIR}/__cluster_metadata-0/{}", s.file_name()))
        {
            s.bytes()
        } else {
            return Err(format!(
                "{path}: no such file (the metadata log is {segment}; `ls` the directory for its snapshots)"
            ));
        };
        out.push_str(&dump_log::cluster_metadata(path, &bytes));
    }
    Ok(out)
}

/// `ls` / `cat` of a controller's data directory (`meta.properties`, `__cluster_metadata-0`,
/// its files); `None` when the path is not a KRaft node's metadata path (the ZooKeeper-mode
/// disk listing takes it).
pub fn ls_or_cat(cluster: &Cluster, cmd: &str, args: &[String]) -> Option<Result<String, String>> {
    let [path] = args else {
        return None;
    };
    let (node, rest) = path.split_once(':')?;
    let is_controller = node.starts_with("controller-");
    let is_meta = rest.contains("__cluster_metadata-0") || rest.ends_with("meta.properties");
    if cluster.mode() != MetadataMode::Kraft || !(is_controller || is_meta) {
        return None;
    }
    Some(ls_or_cat_meta(cluster, cmd, path))
}

fn ls_or_cat_meta(cluster: &Cluster, cmd: &str, path: &str) -> Result<String, String> {
    let (node, raft, rest) = metadata_log(cluster, path).map_err(|e| format!("{cmd}: {e}"))?;
    let rest = rest.trim_end_matches('/');
    let node_id = match node {
        NodeId::Controller(c) | NodeId::Broker(c) => c,
        _ => 0,
    };
    let meta = storage::meta_properties(
        node_id,
        cluster.directory_id(node),
        &cluster.cluster_id().to_string(),
        0,
    );
    let log_bytes = crate::kraft::serde::encode_entries(&raft.log).len();
    // `quorum-state` (`ElectionState`, data version 0): what the node persists of its epoch
    // and vote.
    let quorum_state = match node {
        NodeId::Controller(c) => {
            let n = &cluster.controllers[&c];
            let voters: Vec<String> = n
                .raft
                .voters
                .iter()
                .map(|v| format!("{{\"voterId\":{v}}}"))
                .collect();
            format!(
                "{{\"clusterId\":\"\",\"leaderId\":{},\"leaderEpoch\":{},\"votedId\":{},\"appliedOffset\":0,\"currentVoters\":[{}],\"data_version\":0}}",
                n.raft.leader().map_or(-1, i64::from),
                n.raft.epoch,
                n.raft.voted_for().map_or(-1, i64::from),
                voters.join(",")
            )
        }
        _ => String::new(),
    };
    let row = |dir: bool, size: usize, name: &str| {
        format!(
            "{}  {size:>6}  {name}{}\n",
            if dir { "drwxr-xr-x" } else { "-rw-r--r--" },
            if dir { "/" } else { "" }
        )
    };
    match (cmd, rest) {
        ("ls", r) if r == META_DIR => Ok(
            row(true, 4096, "__cluster_metadata-0") + &row(false, meta.len(), "meta.properties")
        ),
        ("ls", r) if r == format!("{META_DIR}/__cluster_metadata-0") => {
            // The segment (the lab keeps one, from the log start) and the snapshots, by name.
            let base = format!("{:020}", raft.log_start_offset);
            let mut files: Vec<(String, String)> = vec![(
                format!("{base}.index"),
                row(false, log_bytes, &format!("{base}.log"))
                    + &row(false, 0, &format!("{base}.index"))
                    + &row(false, 0, &format!("{base}.timeindex")),
            )];
            for s in &raft.snapshots {
                let name = s.file_name();
                files.push((name.clone(), row(false, s.bytes().len(), &name)));
            }
            crate::sort::natural(&mut files);
            let mut out: String = files.into_iter().map(|(_, r)| r).collect();
            out += &row(false, 0, "leader-epoch-checkpoint");
            out += &row(false, 0, "partition.metadata");
            if matches!(node, NodeId::Controller(_)) {
                out += &row(false, quorum_state.len(), "quorum-state");
            }
            Ok(out)
        }
        ("cat", r) if r == format!("{META_DIR}/meta.properties") => Ok(meta),
        ("cat", r)
            if r == format!("{META_DIR}/__cluster_metadata-0/quorum-state")
                && !quorum_state.is_empty() =>
        {
            Ok(quorum_state + "\n")
        }
        _ => {
            let mut out = String::new();
            let _ = write!(out, "{cmd}: {path}: no such file or directory");
            Err(out)
        }
    }
}

/// The metadata log's segment, named by the log start offset.
fn segment_name(raft: &RaftClient) -> String {
    format!("__cluster_metadata-0/{:020}.log", raft.log_start_offset)
}
