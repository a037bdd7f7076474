//! KIP-630 snapshots of `__cluster_metadata` (Kafka 4.1): writing them
//! (`SnapshotGenerator`: every node, controller or broker, writes one at its committed offset
//! after `metadata.log.max.record.bytes.between.snapshots` bytes or
//! `metadata.log.max.snapshot.interval.ms`), cleaning the log behind them
//! (`KafkaMetadataLog.maybeClean`: `metadata.max.retention.bytes` / `.ms`, checked every
//! 60 s), the leader answering a fetch below its log start with a snapshot id
//! (`ReplicatedLog.validateOffsetAndEpoch`) and serving `FetchSnapshot`, and a follower or
//! observer installing a fetched snapshot (`truncateToLatestSnapshot`).
//!
//! The lab keeps the metadata log as one segment starting at the log start offset: cleaning
//! drops exactly the entries below it (Kafka deletes whole segments of
//! `metadata.log.segment.bytes`, 1 GiB by default). A snapshot is sent in one
//! `FetchSnapshot` answer (Kafka sends chunks of at most 8 MiB, `MAX_FETCH_SIZE_BYTES`).

use std::rc::Rc;

use crate::cluster::msg::{Ctx, Msg};
use crate::event::Event;
use crate::kraft::image::MetadataImage;
use crate::kraft::records::{MetadataEntry, MetadataRecord};
use crate::model::NodeId;
use crate::sim::Millis;

use super::*;

/// `MetadataLogConfig`'s snapshot and retention settings (Kafka 4.1 defaults).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MetadataLogConfig {
    /// `metadata.log.max.record.bytes.between.snapshots` (20 MiB).
    pub max_record_bytes_between_snapshots: u64,
    /// `metadata.log.max.snapshot.interval.ms` (1 hour; 0 turns time-based snapshots off).
    pub max_snapshot_interval_ms: Millis,
    /// `metadata.max.retention.bytes` (100 MiB; -1 keeps everything).
    pub max_retention_bytes: i64,
    /// `metadata.max.retention.ms` (7 days; -1 keeps everything).
    pub max_retention_ms: i64,
}

impl Default for MetadataLogConfig {
    fn default() -> Self {
        Self {
            max_record_bytes_between_snapshots: 20 * 1024 * 1024,
            max_snapshot_interval_ms: 60 * 60 * 1000,
            max_retention_bytes: 100 * 1024 * 1024,
            max_retention_ms: 7 * 24 * 60 * 60 * 1000,
        }
    }
}

/// The settings `--override` may set, with how each is read.
pub const METADATA_LOG_CONFIGS: [&str; 4] = [
    "metadata.log.max.record.bytes.between.snapshots",
    "metadata.log.max.snapshot.interval.ms",
    "metadata.max.retention.bytes",
    "metadata.max.retention.ms",
];

impl MetadataLogConfig {
    /// Sets one of [`METADATA_LOG_CONFIGS`] from `name=value`; an error line otherwise.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let bad = || format!("Invalid value {value} for configuration {name}");
        match name {
            "metadata.log.max.record.bytes.between.snapshots" => {
                let v: u64 = value.parse().map_err(|_| bad())?;
                if v < 1 {
                    return Err(format!("{}: Value must be at least 1", bad()));
                }
                self.max_record_bytes_between_snapshots = v;
            }
            "metadata.log.max.snapshot.interval.ms" => {
                self.max_snapshot_interval_ms = value.parse().map_err(|_| bad())?;
            }
            "metadata.max.retention.bytes" => {
                self.max_retention_bytes = value.parse().map_err(|_| bad())?;
            }
            "metadata.max.retention.ms" => {
                self.max_retention_ms = value.parse().map_err(|_| bad())?;
            }
            _ => {
                return Err(format!(
                    "the lab lets --override set {} (not '{name}')",
                    METADATA_LOG_CONFIGS.join(", ")
                ))
            }
        }
        Ok(())
    }
}

/// One `<end offset>-<epoch>.checkpoint` file: the image at a committed offset, as records.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RaftSnapshot {
    /// The snapshot id's offset: the first offset not in it.
    pub end_offset: u64,
    /// The snapshot id's epoch: the epoch of the last entry in it.
    pub epoch: u32,
    /// `SnapshotHeaderRecord.LastContainedLogTimestamp`: the append time of its last entry.
    pub last_contained_log_timestamp: Millis,
    /// When it was written (the batches' timestamps).
    pub written_ms: Millis,
    /// The image as records, in `MetadataImage.write` order (shared: clones are cheap).
    pub records: Rc<[MetadataRecord]>,
}

impl RaftSnapshot {
    /// Its file name in `__cluster_metadata-0` (`Snapshots.filenameFromSnapshotId`).
    pub fn file_name(&self) -> String {
        format!("{:020}-{:010}.checkpoint", self.end_offset, self.epoch)
    }

    /// The file's bytes (`RecordsSnapshotWriter`).
    pub fn bytes(&self) -> Vec<u8> {
        crate::kraft::snapshot::encode_snapshot(self)
    }

    /// The image it holds (`offset` = its end offset).
    pub fn image(&self) -> MetadataImage {
        let mut image = MetadataImage::default();
        for (i, r) in self.records.iter().enumerate() {
            image.replay(&MetadataEntry {
                offset: i as u64,
                epoch: self.epoch,
                append_time_ms: self.written_ms,
                record: r.clone(),
            });
        }
        image.offset = self.end_offset;
        image
    }
}

/// `SnapshotGenerator`'s counters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SnapshotCounters {
    /// Bytes of committed batches since the last snapshot.
    pub bytes_since_last: u64,
    /// When the last snapshot was written (or the node started).
    pub last_snapshot_ms: Millis,
    /// The offset up to which committed bytes were counted.
    pub counted_to: u64,
    /// When `maybeClean` runs next (every 60 s, `RaftMetadataLogCleanerManager`).
    pub next_clean_ms: Millis,
}

/// `RaftMetadataLogCleanerManager`'s delay.
pub const CLEAN_INTERVAL_MS: Millis = 60_000;

impl RaftClient {
    /// The entry at `offset`, if the log holds it (at or past the log start, before the end).
    pub fn entry(&self, offset: u64) -> Option<&MetadataEntry> {
        let i = offset.checked_sub(self.log_start_offset)?;
        self.log.get(usize::try_from(i).ok()?)
    }

    /// The entries from `offset` (clamped to the log start) to the end.
    pub fn entries_from(&self, offset: u64) -> &[MetadataEntry] {
        let i = offset.saturating_sub(self.log_start_offset) as usize;
        &self.log[i.min(self.log.len())..]
    }

    /// The latest snapshot.
    pub fn latest_snapshot(&self) -> Option<&RaftSnapshot> {
        self.snapshots.last()
    }

    /// The snapshot a node with an image at `image_offset` should load before replaying the
    /// log: the latest, when the log no longer holds what the image lacks, or when the image
    /// is empty (a restarted node loads its latest snapshot, then replays the log after it).
    pub fn snapshot_to_load(&self, image_offset: u64) -> Option<&RaftSnapshot> {
        let s = self.latest_snapshot()?;
        (image_offset < s.end_offset && (image_offset < self.log_start_offset || image_offset == 0))
            .then_some(s)
    }

    /// The committed image at the high watermark: the latest snapshot, then the log after it.
    fn committed_image(&self) -> MetadataImage {
        let mut image = self
            .latest_snapshot()
            .map(RaftSnapshot::image)
            .unwrap_or_default();
        let hw = self.high_watermark.min(self.log_end_offset());
        while image.offset < hw {
            let Some(e) = self.entry(image.offset) else {
                break;
            };
            image.replay(e);
        }
        image
    }

    /// Resets `SnapshotGenerator`'s counters (a start, or a snapshot just loaded).
    pub(super) fn reset_snapshot_counters(&mut self, now: Millis) {
        self.snap.bytes_since_last = 0;
        self.snap.last_snapshot_ms = now;
        self.snap.counted_to = self
            .latest_snapshot()
            .map_or(self.log_start_offset, |s| s.end_offset)
            .max(self.log_start_offset);
        if self.snap.next_clean_ms < now {
            self.snap.next_clean_ms = now + CLEAN_INTERVAL_MS;
        }
    }

    /// After a step: counts what was newly committed, writes a snapshot when a threshold is
    /// reached (`SnapshotGenerator.publishLogDelta`), and cleans the log every 60 s.
    pub(super) fn after_step(&mut self, ctx: &mut Ctx<'_>) {
        let hw = self.high_watermark.min(self.log_end_offset());
        if hw > self.snap.counted_to {
            let from = self.snap.counted_to.max(self.log_start_offset);
            let lo = (from - self.log_start_offset) as usize;
            let hi = (hw - self.log_start_offset) as usize;
            if lo < hi {
                let bytes = crate::kraft::serde::encode_entries(&self.log[lo..hi]).len() as u64;
                self.snap.bytes_since_last += bytes;
            }
            self.snap.counted_to = hw;
            let c = self.log_config;
            let by_bytes = self.snap.bytes_since_last >= c.max_record_bytes_between_snapshots;
            let by_time = c.max_snapshot_interval_ms != 0
                && ctx.now.saturating_sub(self.snap.last_snapshot_ms) >= c.max_snapshot_interval_ms;
            if by_bytes || by_time {
                self.write_snapshot(ctx);
            }
        }
        if ctx.now >= self.snap.next_clean_ms {
            self.snap.next_clean_ms = ctx.now + CLEAN_INTERVAL_MS;
            self.maybe_clean(ctx);
        }
    }

    /// `SnapshotEmitter.maybeEmit`: the committed image written as a checkpoint at the high
    /// watermark (nothing if one exists there already).
    pub fn write_snapshot(&mut self, ctx: &mut Ctx<'_>) -> Option<u64> {
        let hw = self.high_watermark.min(self.log_end_offset());
        if hw == 0 || self.latest_snapshot().is_some_and(|s| s.end_offset >= hw) {
            return None;
        }
        let last = self.entry(hw - 1)?.clone();
        let image = self.committed_image();
        let snapshot = RaftSnapshot {
            end_offset: hw,
            epoch: last.epoch,
            last_contained_log_timestamp: last.append_time_ms,
            written_ms: ctx.now,
            records: crate::kraft::snapshot::image_records(&image).into(),
        };
        self.snapshots.push(snapshot);
        self.snap.bytes_since_last = 0;
        self.snap.last_snapshot_ms = ctx.now;
        ctx.event(Event::KraftSnapshotWritten {
            node: self.id,
            observer: !self.is_voter,
            end_offset: hw,
            epoch: last.epoch,
        });
        Some(hw)
    }

    /// The bytes of the log (the lab's one segment) and of each snapshot.
    fn log_size_bytes(&self) -> u64 {
        crate::kraft::serde::encode_entries(&self.log).len() as u64
    }

    /// `KafkaMetadataLog.maybeClean`: while the oldest snapshot breaks the retention (size of
    /// the log and snapshots above `metadata.max.retention.bytes`, or its last entry older
    /// than `metadata.max.retention.ms`), delete it and move the log start to the next one.
    /// The latest snapshot is always kept. Returns true if something was deleted.
    pub fn maybe_clean(&mut self, ctx: &mut Ctx<'_>) -> bool {
        if self.snapshots.len() < 2 {
            return false;
        }
        let before = self.log_start_offset;
        let c = self.log_config;
        if c.max_retention_bytes >= 0 {
            let mut total: u64 = self.snapshots.iter().map(|s| s.bytes().len() as u64).sum();
            while self.snapshots.len() >= 2 {
                let oldest = self.snapshots[0].bytes().len() as u64;
                if self.log_size_bytes() + total <= c.max_retention_bytes as u64 {
                    break;
                }
                if !self.delete_before_snapshot(1) {
                    break;
                }
                total -= oldest;
            }
        }
        if c.max_retention_ms >= 0 {
            while self.snapshots.len() >= 2 {
                let ts = self.snapshots[0].last_contained_log_timestamp;
                if ctx.now.saturating_sub(ts) <= c.max_retention_ms as u64 {
                    break;
                }
                if !self.delete_before_snapshot(1) {
                    break;
                }
            }
        }
        if self.log_start_offset != before {
            ctx.event(Event::KraftMetadataLogCleaned {
                node: self.id,
                observer: !self.is_voter,
                log_start_offset: self.log_start_offset,
            });
            return true;
        }
        false
    }

    /// `deleteBeforeSnapshot`: the log start moves to snapshot `i`'s end offset (only past
    /// the high watermark's reach: never beyond it), the entries and snapshots before it go.
    fn delete_before_snapshot(&mut self, i: usize) -> bool {
        let Some(s) = self.snapshots.get(i) else {
            return false;
        };
        let to = s.end_offset;
        if to <= self.log_start_offset || to > self.high_watermark || to > self.log_end_offset() {
            return false;
        }
        let drop = (to - self.log_start_offset) as usize;
        self.log.drain(..drop);
        self.log_start_offset = to;
        self.snapshots.drain(..i);
        true
    }

    /// Leader: `FetchSnapshot` from a follower or observer: the whole snapshot in one answer,
    /// or an error (`SNAPSHOT_NOT_FOUND` as `None`).
    pub(super) fn on_fetch_snapshot(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        epoch: u32,
        replica: u32,
        end_offset: u64,
        snapshot_epoch: u32,
    ) {
        if !self.is_leader() || epoch != self.epoch {
            ctx.send(
                from,
                Msg::FetchSnapshotResponse {
                    epoch: self.epoch,
                    leader: self.leader(),
                    snapshot: None,
                },
            );
            return;
        }
        if self.voters.contains(&replica) && from == NodeId::Controller(replica) {
            self.update_check_quorum(ctx.now, replica);
        }
        let snapshot = self
            .snapshots
            .iter()
            .find(|s| s.end_offset == end_offset && s.epoch == snapshot_epoch)
            .cloned();
        ctx.send(
            from,
            Msg::FetchSnapshotResponse {
                epoch: self.epoch,
                leader: Some(self.id),
                snapshot: snapshot.map(Box::new),
            },
        );
    }

    /// Follower / observer: the leader's answer to `FetchSnapshot`. A snapshot past its log
    /// replaces the log (`truncateToLatestSnapshot`); fetching goes on from its end offset.
    pub(super) fn on_fetch_snapshot_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        epoch: u32,
        leader: Option<u32>,
        snapshot: Option<Box<RaftSnapshot>>,
    ) {
        self.fetch_in_flight = false;
        let current = match &self.state {
            State::Follower { leader, .. } => Some(*leader),
            _ => None,
        };
        if epoch != self.epoch
            || current.is_none()
            || from != NodeId::Controller(current.unwrap_or(0))
        {
            if epoch > self.epoch {
                match leader {
                    Some(l) if l != self.id || !self.is_voter => {
                        self.transition_to_follower(ctx, epoch, l)
                    }
                    _ => self.transition_to_unattached(ctx, epoch),
                }
            } else {
                self.schedule_fetch_retry(ctx);
            }
            return;
        }
        let Some(s) = snapshot else {
            self.schedule_fetch_retry(ctx);
            return;
        };
        let s = *s;
        let latest_epoch = self.log.last().map_or(0, |e| e.epoch);
        if s.epoch > latest_epoch
            || (s.epoch == latest_epoch && s.end_offset > self.log_end_offset())
        {
            self.log.clear();
            self.log_start_offset = s.end_offset;
            self.snapshots.clear();
            let (end_offset, snap_epoch) = (s.end_offset, s.epoch);
            self.snapshots.push(s);
            if self.high_watermark < end_offset {
                self.high_watermark = end_offset;
            }
            self.reset_snapshot_counters(ctx.now);
            ctx.event(Event::KraftSnapshotFetched {
                node: self.id,
                observer: !self.is_voter,
                end_offset,
                epoch: snap_epoch,
                leader: current.unwrap_or(0),
            });
        }
        if let State::Follower { has_fetched, .. } = &mut self.state {
            *has_fetched = true;
        }
        self.fetch_failures = 0;
        self.fetch_deadline = Some(ctx.now + self.config.fetch_timeout_ms);
        self.send_fetch(ctx);
    }

    /// Asks the leader for the snapshot its fetch answer named.
    pub(super) fn send_fetch_snapshot(&mut self, ctx: &mut Ctx<'_>, end_offset: u64, epoch: u32) {
        let Some(leader) = self.leader() else {
            return self.schedule_fetch_retry(ctx);
        };
        self.fetch_in_flight = true;
        ctx.send(
            NodeId::Controller(leader),
            Msg::FetchSnapshot {
                epoch: self.epoch,
                replica: self.id,
                end_offset,
                snapshot_epoch: epoch,
            },
        );
    }
}
