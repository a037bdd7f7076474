//! The transactions tab: coordinators' states, partition logs with markers, LSO and HW.

use crate::cluster::Cluster;
use crate::model::{BrokerId, TopicPartition};

/// What a record in a partition log is, for the transactions view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TxnCellKind {
    /// Not in a transaction.
    Plain,
    /// In a transaction still open.
    Open,
    /// In a committed transaction.
    Committed,
    /// In an aborted transaction.
    Aborted,
    /// A COMMIT marker (control record).
    CommitMarker,
    /// An ABORT marker (control record).
    AbortMarker,
}

/// One record of a partition, for the transactions view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnCell {
    /// Its offset.
    pub offset: u64,
    /// Its value (empty for markers).
    pub value: String,
    /// What it is.
    pub kind: TxnCellKind,
}

/// One partition's leader log with its high watermark and last stable offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnPartition {
    /// The partition.
    pub tp: TopicPartition,
    /// The leader's records (the last 24).
    pub cells: Vec<TxnCell>,
    /// High watermark.
    pub hw: u64,
    /// Last stable offset.
    pub lso: u64,
}

/// One transactional id as its coordinator knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnRow {
    /// `transactional.id`.
    pub id: String,
    /// The coordinator broker.
    pub coordinator: BrokerId,
    /// Producer id and epoch.
    pub producer: (i64, i16),
    /// Its state's Kafka name (`Ongoing`, `PrepareCommit` …).
    pub state: &'static str,
    /// Partitions in the transaction.
    pub partitions: Vec<TopicPartition>,
}

/// The transactions view of a topic: coordinators' states, each partition's log with its
/// markers, and what a read_uncommitted and a read_committed consumer would read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnView {
    /// Every transactional id a live coordinator knows.
    pub txns: Vec<TxnRow>,
    /// The topic's partitions.
    pub partitions: Vec<TxnPartition>,
    /// Values a read_uncommitted consumer reads from the beginning (up to the HW).
    pub read_uncommitted: Vec<String>,
    /// Values a read_committed consumer reads (up to the LSO, aborted records skipped).
    pub read_committed: Vec<String>,
}

/// The transactions view of `topic`.
pub fn transactions(cluster: &Cluster, topic: &str) -> TxnView {
    let mut txns = Vec::new();
    for b in cluster.brokers.values().filter(|b| b.alive) {
        for (id, m) in &b.txn.txns {
            txns.push(TxnRow {
                id: id.clone(),
                coordinator: b.id,
                producer: (m.producer_id, m.epoch),
                state: m.state.name(),
                partitions: m.partitions.iter().cloned().collect(),
            });
        }
    }
    let mut view = TxnView {
        txns,
        partitions: Vec::new(),
        read_uncommitted: Vec::new(),
        read_committed: Vec::new(),
    };
    let count = cluster
        .topics_meta()
        .get(topic)
        .map_or(0, |t| t.assignment.len() as u32);
    for p in 0..count {
        let tp = TopicPartition::new(topic, p);
        let Some(leader) = cluster.leader_of(&tp).and_then(|l| cluster.brokers.get(&l)) else {
            continue;
        };
        let (Some(log), Some(state)) = (
            leader.replica_manager.logs.get(&tp),
            leader.replica_manager.partitions.get(&tp),
        ) else {
            continue;
        };
        let hw = state.hw;
        let lso = log.last_stable_offset(hw);
        let records = log.records();
        let cells = records
            .iter()
            .skip(records.len().saturating_sub(24))
            .map(|r| {
                let kind = match r.control {
                    Some((crate::storage::batch::Marker::Commit, _)) => TxnCellKind::CommitMarker,
                    Some((crate::storage::batch::Marker::Abort, _)) => TxnCellKind::AbortMarker,
                    None if !r.producer.transactional => TxnCellKind::Plain,
                    None if log.is_aborted(r) => TxnCellKind::Aborted,
                    None if log
                        .ongoing_txns()
                        .get(&r.producer.id)
                        .is_some_and(|&first| r.offset >= first) =>
                    {
                        TxnCellKind::Open
                    }
                    None => TxnCellKind::Committed,
                };
                TxnCell {
                    offset: r.offset,
                    value: if r.control.is_some() {
                        String::new()
                    } else {
                        r.value.to_string()
                    },
                    kind,
                }
            })
            .collect();
        for r in records
            .iter()
            .filter(|r| r.offset < hw && r.control.is_none())
        {
            view.read_uncommitted.push(r.value.to_string());
            if r.offset < lso && !log.is_aborted(r) {
                view.read_committed.push(r.value.to_string());
            }
        }
        view.partitions.push(TxnPartition { tp, cells, hw, lso });
    }
    view
}
