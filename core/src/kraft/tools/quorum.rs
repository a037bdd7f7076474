//! `kafka-metadata-quorum.sh --bootstrap-controller H:P describe --status | --replication`
//! (Kafka 4.1, `tools/src/main/java/org/apache/kafka/tools/MetadataQuorumCommand.java`).

use crate::model::Uuid;

/// One replica of `__cluster_metadata` as the leader reports it
/// (`org.apache.kafka.clients.admin.QuorumInfo.ReplicaState`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaState {
    /// `node.id`.
    pub replica_id: u32,
    /// Its metadata directory's `directory.id`; the zero uuid when the leader does not know it
    /// (a static quorum, `kraft.version` 0, reports none for voters).
    pub directory_id: Uuid,
    /// Its log end offset as the leader last heard it (-1: never fetched).
    pub log_end_offset: i64,
    /// When it last fetched (epoch ms); `None` prints -1. For the leader itself Kafka
    /// reports the time of the request (`RaftUtil.toReplicaState`).
    pub last_fetch_ms: Option<u64>,
    /// When it was last caught up with the leader's end offset (epoch ms).
    pub last_caught_up_ms: Option<u64>,
}

/// What `Admin.describeMetadataQuorum` returns (`QuorumInfo`), plus the cluster id the
/// status view asks for separately (`describeCluster`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuorumInfo {
    /// `cluster.id`.
    pub cluster_id: String,
    /// The active controller.
    pub leader_id: u32,
    /// Its epoch.
    pub leader_epoch: u32,
    /// The metadata log's high watermark.
    pub high_watermark: i64,
    /// The voters, in the order the leader lists them (ascending ids for the lab's ids:
    /// Kafka's `HashMap` of small integer keys iterates that way).
    pub voters: Vec<ReplicaState>,
    /// The observers: brokers (and controllers not in the voter set) that fetch.
    pub observers: Vec<ReplicaState>,
    /// Each voter's listeners (`QuorumInfo.Node`), e.g. `CONTROLLER://localhost:9093`.
    pub nodes: Vec<(u32, Vec<String>)>,
}

impl QuorumInfo {
    fn leader(&self) -> Option<&ReplicaState> {
        self.voters.iter().find(|v| v.replica_id == self.leader_id)
    }
}

/// `--status`: the summary block (`handleDescribeStatus`). Without the leader among the
/// voters Kafka's `findFirst().get()` throws and the tool prints the exception's message,
/// "No value present".
pub fn describe_status(q: &QuorumInfo) -> Result<String, String> {
    let leader = q.leader().ok_or_else(|| "No value present".to_string())?;
    // `Stream.min` by log end offset over the voters in order: the first of the lowest
    // (which need not be the leader when all are level).
    let mut max_lag = &q.voters[0];
    for v in &q.voters[1..] {
        if v.log_end_offset < max_lag.log_end_offset {
            max_lag = v;
        }
    }
    let lag = leader.log_end_offset - max_lag.log_end_offset;
    let lag_ms: i64 = if std::ptr::eq(leader, max_lag) {
        0
    } else {
        match (leader.last_caught_up_ms, max_lag.last_caught_up_ms) {
            (Some(a), Some(b)) => a as i64 - b as i64,
            _ => -1,
        }
    };
    Ok(format!(
        "ClusterId:              {}\nLeaderId:               {}\nLeaderEpoch:            {}\nHighWatermark:          {}\nMaxFollowerLag:         {}\nMaxFollowerLagTimeMs:   {}\nCurrentVoters:          {}\nCurrentObservers:       {}\n",
        q.cluster_id,
        q.leader_id,
        q.leader_epoch,
        q.high_watermark,
        lag,
        lag_ms,
        replica_list(q, &q.voters),
        replica_list(q, &q.observers),
    ))
}

/// `[{"id": 1, "directoryId": "…", "endpoints": ["CONTROLLER://localhost:9093"]}, …]`
/// (`MetadataQuorumCommand.Node.toString`): the directory only when known, the endpoints
/// only when the leader has them (voters).
fn replica_list(q: &QuorumInfo, list: &[ReplicaState]) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|r| {
            let mut s = format!("{{\"id\": {}", r.replica_id);
            if r.directory_id != Uuid::ZERO {
                s.push_str(&format!(", \"directoryId\": \"{}\"", r.directory_id));
            }
            let endpoints = q
                .nodes
                .iter()
                .find(|(id, _)| *id == r.replica_id)
                .map(|(_, e)| e.as_slice())
                .unwrap_or(&[]);
            if !endpoints.is_empty() {
                let quoted: Vec<String> = endpoints.iter().map(|e| format!("\"{e}\"")).collect();
                s.push_str(&format!(", \"endpoints\": [{}]", quoted.join(", ")));
            }
            s.push('}');
            s
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// `--replication [--human-readable]`: the table (`handleDescribeReplication`): the leader,
/// then the other voters, then the observers, printed by `ToolsUtils.prettyPrintTable`
/// (each column padded to its widest cell, every cell followed by a tab). `now_ms` is used
/// by `--human-readable` ("N ms ago").
pub fn describe_replication(
    q: &QuorumInfo,
    now_ms: u64,
    human_readable: bool,
) -> Result<String, String> {
    let leader = q.leader().ok_or_else(|| "No value present".to_string())?;
    let ts = |t: Option<u64>| match t {
        None => "-1".to_string(),
        Some(t) if human_readable => format!("{} ms ago", now_ms.saturating_sub(t)),
        Some(t) => t.to_string(),
    };
    let row = |r: &ReplicaState, status: &str| -> Vec<String> {
        vec![
            r.replica_id.to_string(),
            r.directory_id.to_string(),
            r.log_end_offset.to_string(),
            (leader.log_end_offset - r.log_end_offset).to_string(),
            ts(r.last_fetch_ms),
            ts(r.last_caught_up_ms),
            status.to_string(),
        ]
    };
    let mut rows = vec![row(leader, "Leader")];
    rows.extend(
        q.voters
            .iter()
            .filter(|v| v.replica_id != q.leader_id)
            .map(|v| row(v, "Follower")),
    );
    rows.extend(q.observers.iter().map(|o| row(o, "Observer")));
    let headers = [
        "NodeId",
        "DirectoryId",
        "LogEndOffset",
        "Lag",
        "LastFetchTimestamp",
        "LastCaughtUpTimestamp",
        "Status",
    ];
    Ok(pretty_print_table(&headers, &rows))
}

/// `ToolsUtils.prettyPrintTable`: every column as wide as its widest cell, each cell padded
/// with spaces and followed by a tab (the last one too).
pub fn pretty_print_table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        for (cell, w) in cells.zip(&widths) {
            out.push_str(cell);
            for _ in cell.chars().count()..*w {
                out.push(' ');
            }
            out.push('\t');
        }
        out.push('\n');
    };
    line(&mut headers.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}
