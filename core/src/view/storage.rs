//! The storage tab: each broker's data directory, its partition directories and segments.

use crate::cluster::replica::Role;
use crate::cluster::Cluster;
use crate::model::{BrokerId, TopicPartition};
use crate::storage::batch::{decode_log, DecodedBatch};
use crate::storage::segment::{IndexEntry, OffsetLookup, TimeIndexEntry};

/// One segment as the storage view lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentRow {
    /// Base offset (the file names).
    pub base: i64,
    /// Offset after its last record.
    pub next: i64,
    /// `.log` size in bytes.
    pub size: usize,
    /// Batches in it.
    pub batches: usize,
    /// `.index` entries.
    pub index_entries: usize,
    /// `.timeindex` entries.
    pub time_entries: usize,
    /// The segment being written.
    pub active: bool,
}

/// One partition directory on a broker's disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionDisk {
    /// The partition.
    pub tp: TopicPartition,
    /// `leader`, `follower` or `-` (dead or not yet told).
    pub role: &'static str,
    /// Log start offset.
    pub log_start: u64,
    /// Log end offset.
    pub leo: u64,
    /// Its segments, oldest first.
    pub segments: Vec<SegmentRow>,
}

/// One broker's data directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerDisk {
    /// The broker.
    pub id: BrokerId,
    /// Running or killed (its disk stays).
    pub alive: bool,
    /// Its partition directories.
    pub partitions: Vec<PartitionDisk>,
}

/// Every broker's disk, for the storage view.
pub fn disks(cluster: &Cluster) -> Vec<BrokerDisk> {
    cluster
        .brokers
        .values()
        .map(|b| BrokerDisk {
            id: b.id,
            alive: b.alive,
            partitions: b
                .replica_manager
                .logs
                .iter()
                .map(|(tp, log)| {
                    let files = log.files();
                    let active = files.active().base_offset();
                    PartitionDisk {
                        tp: *tp,
                        role: match b.replica_manager.partitions.get(tp).map(|p| p.role) {
                            Some(Role::Leader) if b.alive => "leader",
                            Some(Role::Follower) if b.alive => "follower",
                            _ => "-",
                        },
                        log_start: log.log_start_offset(),
                        leo: log.leo(),
                        segments: files
                            .segments()
                            .iter()
                            .map(|s| SegmentRow {
                                base: s.base_offset(),
                                next: s.next_offset(),
                                size: s.size(),
                                batches: s.batches().len(),
                                index_entries: s.index().len(),
                                time_entries: s.time_index().len(),
                                active: s.base_offset() == active,
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// One segment's files as the storage tab opens them: the `.log` decoded, both indexes.
#[derive(Clone, Debug, PartialEq)]
pub struct SegmentContents {
    /// `.log` size in bytes.
    pub size: usize,
    /// Its batches with their records.
    pub batches: Vec<DecodedBatch>,
    /// Its offset index.
    pub index: Vec<IndexEntry>,
    /// Its time index.
    pub time_index: Vec<TimeIndexEntry>,
}

/// The segment of `tp` with base offset `base` on `broker`'s disk (running or killed), if it
/// is there.
pub fn segment_contents(
    cluster: &Cluster,
    broker: BrokerId,
    tp: &TopicPartition,
    base: i64,
) -> Option<SegmentContents> {
    let log = cluster.brokers.get(&broker)?.replica_manager.logs.get(tp)?;
    let seg = log
        .files()
        .segments()
        .iter()
        .find(|s| s.base_offset() == base)?;
    Some(SegmentContents {
        size: seg.size(),
        batches: decode_log(seg.log_bytes(), true).batches,
        index: seg.index().to_vec(),
        time_index: seg.time_index().to_vec(),
    })
}

/// The first broker (by id, running or killed) with a log of `tp` on its disk, and that log's
/// oldest segment's base offset.
pub fn first_segment(cluster: &Cluster, tp: &TopicPartition) -> Option<(BrokerId, i64)> {
    cluster.brokers.values().find_map(|b| {
        let seg = b
            .replica_manager
            .logs
            .get(tp)?
            .files()
            .segments()
            .first()?
            .base_offset();
        Some((b.id, seg))
    })
}

/// Finding `offset` in `tp`'s log on `broker`, or (without one) on the first broker by id
/// whose replica of `tp` is the leader: the broker searched and the lookup's trace (the
/// index's binary search, then the scan of the `.log`).
pub fn offset_lookup(
    cluster: &Cluster,
    tp: &TopicPartition,
    broker: Option<BrokerId>,
    offset: i64,
) -> Option<(BrokerId, OffsetLookup)> {
    let chosen = broker.or_else(|| {
        cluster
            .brokers
            .values()
            .find(|b| {
                b.replica_manager
                    .partitions
                    .get(tp)
                    .is_some_and(|p| p.role == Role::Leader)
            })
            .map(|b| b.id)
    })?;
    let log = cluster.brokers.get(&chosen)?.replica_manager.logs.get(tp)?;
    Some((chosen, log.files().lookup(offset)))
}
