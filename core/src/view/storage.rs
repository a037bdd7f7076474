//! The storage tab: each broker's data directory, its partition directories and segments.

use crate::cluster::replica::Role;
use crate::cluster::Cluster;
use crate::model::{BrokerId, TopicPartition};

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
                        tp: tp.clone(),
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
