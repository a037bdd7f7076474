//! A partition's log on disk: segments (`LogSegment`), each a `.log` file of record batches with
//! a sparse `.index` (`OffsetIndex`) and a `.timeindex` (`TimeIndex`).
//!
//! Everything follows Kafka's `LogSegment`, `AbstractIndex` and `UnifiedLog`:
//! - an index entry is added for a batch when more than `index.interval.bytes` were appended
//!   since the last entry: (the batch's last offset, the batch's position);
//! - the time index gets (largest timestamp so far, its batch's last offset) at the same moments
//!   if the timestamp grew, and once more when the segment stops being active;
//! - a segment rolls when the next batch would take it past `segment.bytes`, or when
//!   `segment.ms` passed since its first batch's timestamp;
//! - retention deletes whole segments (never past the high watermark, never the only one) and
//!   moves the log start offset;
//! - truncation drops later segments and cuts the active one at the first batch whose last
//!   offset is at or after the target;
//! - an offset lookup takes the segment with the largest base offset at or below the target,
//!   binary-searches its index (warm section first, as `AbstractIndex.indexSlotRangeFor`), then
//!   scans batches from that position. [`SegmentedLog::lookup`] records every step.

mod index;

use std::rc::Rc;

use index::lookup_in_segment;
pub use index::{
    lookup_in_file, parse_index, search_index, IndexSearch, OffsetLookup, Probe, TimestampLookup,
};

use super::batch::{DecodedBatch, LOG_OVERHEAD};

/// `AbstractIndex`'s warm section: the last 8 KiB of an index, searched first.
pub const WARM_SECTION_BYTES: usize = 8192;
/// Bytes per offset index entry (relative offset i32, position i32).
pub const OFFSET_ENTRY_SIZE: usize = 8;
/// Bytes per time index entry (timestamp i64, relative offset i32).
pub const TIME_ENTRY_SIZE: usize = 12;

/// The topic configs that shape a log's files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SegmentConfig {
    /// `segment.bytes`.
    pub segment_bytes: u32,
    /// `segment.ms`.
    pub segment_ms: i64,
    /// `index.interval.bytes`.
    pub index_interval_bytes: u32,
    /// `segment.index.bytes`: the size an active index is preallocated to.
    pub segment_index_bytes: u32,
    /// `retention.ms` (-1: forever).
    pub retention_ms: i64,
    /// `retention.bytes` (-1: no limit).
    pub retention_bytes: i64,
}

impl SegmentConfig {
    /// Kafka's defaults.
    pub const KAFKA: SegmentConfig = SegmentConfig {
        segment_bytes: 1_073_741_824,
        segment_ms: 604_800_000,
        index_interval_bytes: 4096,
        segment_index_bytes: 10_485_760,
        retention_ms: 604_800_000,
        retention_bytes: -1,
    };
    /// The lab's: a 1 KiB segment and a 128-byte index interval, so rolling and sparse index
    /// entries show within a few records.
    pub const LAB: SegmentConfig = SegmentConfig {
        segment_bytes: 1024,
        index_interval_bytes: 128,
        ..Self::KAFKA
    };
}

impl Default for SegmentConfig {
    fn default() -> Self {
        Self::LAB
    }
}

/// Where one batch lies in its segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, Hash)]
pub struct BatchInfo {
    /// First offset.
    pub base_offset: i64,
    /// Last offset.
    pub last_offset: i64,
    /// Byte position in the `.log` file.
    pub position: u32,
    /// Size in bytes.
    pub size: u32,
    /// Largest record timestamp.
    pub max_timestamp: i64,
}

/// An `.index` entry, with the absolute offset (the file stores it relative to the base).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, Hash)]
pub struct IndexEntry {
    /// Offset.
    pub offset: i64,
    /// Byte position in the `.log` file.
    pub position: u32,
}

/// A `.timeindex` entry, with the absolute offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, Hash)]
pub struct TimeIndexEntry {
    /// Timestamp.
    pub timestamp: i64,
    /// Offset.
    pub offset: i64,
}

/// One segment: a `.log` file and its two indexes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Segment {
    base_offset: i64,
    log: Vec<u8>,
    batches: Vec<BatchInfo>,
    index: Vec<IndexEntry>,
    time_index: Vec<TimeIndexEntry>,
    bytes_since_last_index_entry: u32,
    rolling_based_timestamp: Option<i64>,
    created_ms: i64,
    max_timestamp_so_far: Option<TimeIndexEntry>,
}

impl Segment {
    fn new(base_offset: i64, now_ms: i64) -> Self {
        Self {
            base_offset,
            log: Vec::new(),
            batches: Vec::new(),
            index: Vec::new(),
            time_index: Vec::new(),
            bytes_since_last_index_entry: 0,
            rolling_based_timestamp: None,
            created_ms: now_ms,
            max_timestamp_so_far: None,
        }
    }

    /// Its base offset (the file names).
    pub fn base_offset(&self) -> i64 {
        self.base_offset
    }
    /// The `.log` file's bytes.
    pub fn log_bytes(&self) -> &[u8] {
        &self.log
    }
    /// Its batches, in order.
    pub fn batches(&self) -> &[BatchInfo] {
        &self.batches
    }
    /// Its offset index entries.
    pub fn index(&self) -> &[IndexEntry] {
        &self.index
    }
    /// Its time index entries.
    pub fn time_index(&self) -> &[TimeIndexEntry] {
        &self.time_index
    }
    /// Size of the `.log` file.
    pub fn size(&self) -> usize {
        self.log.len()
    }
    /// The offset after its last batch (its base offset if empty).
    pub fn next_offset(&self) -> i64 {
        self.batches
            .last()
            .map_or(self.base_offset, |b| b.last_offset + 1)
    }
    /// Largest timestamp in it (-1 if none).
    pub fn largest_timestamp(&self) -> i64 {
        self.max_timestamp_so_far.map_or(-1, |m| m.timestamp)
    }

    /// The `.index` file's bytes: (offset - base) as i32, position as i32, big-endian.
    pub fn index_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.index.len() * OFFSET_ENTRY_SIZE);
        for e in &self.index {
            out.extend_from_slice(&((e.offset - self.base_offset) as i32).to_be_bytes());
            out.extend_from_slice(&(e.position as i32).to_be_bytes());
        }
        out
    }

    /// The `.timeindex` file's bytes: timestamp as i64, (offset - base) as i32.
    pub fn time_index_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.time_index.len() * TIME_ENTRY_SIZE);
        for e in &self.time_index {
            out.extend_from_slice(&e.timestamp.to_be_bytes());
            out.extend_from_slice(&((e.offset - self.base_offset) as i32).to_be_bytes());
        }
        out
    }

    fn max_index_entries(config: &SegmentConfig, entry: usize) -> usize {
        (config.segment_index_bytes as usize / entry).max(1)
    }

    /// `LogSegment.shouldRoll` for a batch of `size` bytes with `max_timestamp`.
    fn should_roll(
        &self,
        config: &SegmentConfig,
        size: usize,
        max_timestamp: i64,
        now_ms: i64,
    ) -> bool {
        let waited = match self.rolling_based_timestamp {
            Some(t) => max_timestamp - t,
            None => now_ms - self.created_ms,
        };
        let reached_roll_ms = waited > config.segment_ms;
        self.size() as i64 > i64::from(config.segment_bytes) - size as i64
            || (self.size() > 0 && reached_roll_ms)
            || self.index.len() >= Self::max_index_entries(config, OFFSET_ENTRY_SIZE)
            || self.time_index.len() >= Self::max_index_entries(config, TIME_ENTRY_SIZE)
    }

    /// `TimeIndex.maybeAppend`: only a timestamp larger than the last entry's.
    fn maybe_append_time(&mut self, entry: TimeIndexEntry) {
        if self
            .time_index
            .last()
            .is_none_or(|l| entry.timestamp > l.timestamp)
        {
            self.time_index.push(entry);
        }
    }

    /// `LogSegment.append` of one batch.
    fn append(&mut self, config: &SegmentConfig, batch: &[u8], info: BatchInfo) {
        let position = self.log.len() as u32;
        if position == 0 {
            self.rolling_based_timestamp = Some(info.max_timestamp);
        }
        self.log.extend_from_slice(batch);
        if self
            .max_timestamp_so_far
            .is_none_or(|m| info.max_timestamp > m.timestamp)
        {
            self.max_timestamp_so_far = Some(TimeIndexEntry {
                timestamp: info.max_timestamp,
                offset: info.last_offset,
            });
        }
        if self.bytes_since_last_index_entry > config.index_interval_bytes {
            self.index.push(IndexEntry {
                offset: info.last_offset,
                position,
            });
            if let Some(m) = self.max_timestamp_so_far {
                self.maybe_append_time(m);
            }
            self.bytes_since_last_index_entry = 0;
        }
        self.bytes_since_last_index_entry += info.size;
        self.batches.push(BatchInfo { position, ..info });
    }

    /// `onBecomeInactiveSegment`: the largest timestamp goes into the time index.
    fn on_become_inactive(&mut self) {
        if let Some(m) = self.max_timestamp_so_far {
            self.maybe_append_time(m);
        }
    }

    /// `LogSegment.truncateTo`: cut at the first batch whose last offset is ≥ `offset`.
    fn truncate_to(&mut self, offset: i64, now_ms: i64) {
        self.index.retain(|e| e.offset < offset);
        self.time_index.retain(|e| e.offset < offset);
        if let Some(i) = self.batches.iter().position(|b| b.last_offset >= offset) {
            let cut = self.batches[i].position as usize;
            self.batches.truncate(i);
            self.log.truncate(cut);
        }
        if self.log.is_empty() {
            self.created_ms = now_ms;
            self.rolling_based_timestamp = None;
        }
        self.bytes_since_last_index_entry = 0;
        self.max_timestamp_so_far =
            self.batches
                .iter()
                .fold(None, |m: Option<TimeIndexEntry>, b| match m {
                    Some(m) if m.timestamp >= b.max_timestamp => Some(m),
                    _ => Some(TimeIndexEntry {
                        timestamp: b.max_timestamp,
                        offset: b.last_offset,
                    }),
                });
    }
}

/// A segment deleted by retention, kept for the event it makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deleted {
    /// Its base offset.
    pub base_offset: i64,
    /// Its size.
    pub size: usize,
    /// Which limit it broke.
    pub reason: RetentionReason,
}

/// Why retention deleted a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetentionReason {
    /// Its largest timestamp is older than `retention.ms`.
    Time,
    /// The log is larger than `retention.bytes`.
    Size,
}

/// A partition replica's log as files.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SegmentedLog {
    /// Each segment behind an `Rc`: a rolled segment never changes again (retention and
    /// truncation drop whole ones), so a clone of the log — every time-machine snapshot —
    /// shares them and copies pointers; the active one is copied on its next write
    /// (`Rc::make_mut`) only if a snapshot holds it. `Hash`, `Debug` and `==` see through
    /// the `Rc` (the same answers as before).
    segments: Vec<Rc<Segment>>,
    log_start_offset: i64,
}

impl Default for SegmentedLog {
    fn default() -> Self {
        Self {
            segments: vec![Rc::new(Segment::new(0, 0))],
            log_start_offset: 0,
        }
    }
}

impl SegmentedLog {
    /// An empty log whose first offset will be `offset`.
    pub fn starting_at(offset: i64, now_ms: i64) -> Self {
        Self {
            segments: vec![Rc::new(Segment::new(offset, now_ms))],
            log_start_offset: offset,
        }
    }

    /// Its segments, oldest first.
    pub fn segments(&self) -> &[Rc<Segment>] {
        &self.segments
    }
    /// The log start offset.
    pub fn log_start_offset(&self) -> i64 {
        self.log_start_offset
    }
    /// The active (last) segment.
    pub fn active(&self) -> &Segment {
        self.segments.last().expect("a log always has a segment")
    }
    /// The offset after the last batch.
    pub fn log_end_offset(&self) -> i64 {
        self.active().next_offset()
    }
    /// Bytes in all `.log` files.
    pub fn size(&self) -> usize {
        self.segments.iter().map(|s| s.size()).sum()
    }

    /// The active segment to write, copied first if a snapshot shares it.
    fn active_mut(&mut self) -> &mut Segment {
        Rc::make_mut(
            self.segments
                .last_mut()
                .expect("a log always has a segment"),
        )
    }

    /// Appends one encoded batch (`UnifiedLog.append` → `maybeRoll` → `LogSegment.append`).
    /// Returns the base offset of a segment it rolled, if it rolled one.
    pub fn append(&mut self, config: &SegmentConfig, batch: &[u8], now_ms: i64) -> Option<i64> {
        let info = batch_info(batch)?;
        let mut rolled = None;
        if self
            .active()
            .should_roll(config, batch.len(), info.max_timestamp, now_ms)
        {
            rolled = Some(self.roll(info.base_offset, now_ms));
        }
        let seg = self.active_mut();
        seg.append(config, batch, info);
        rolled
    }

    /// Starts a new active segment at `base_offset`. Returns its base offset.
    pub fn roll(&mut self, base_offset: i64, now_ms: i64) -> i64 {
        let active = self
            .segments
            .last_mut()
            .expect("a log always has a segment");
        if active.size() == 0 {
            // An empty active segment is replaced, as Kafka deletes an empty one on roll.
            *active = Rc::new(Segment::new(base_offset, now_ms));
            return base_offset;
        }
        Rc::make_mut(active).on_become_inactive();
        self.segments
            .push(Rc::new(Segment::new(base_offset, now_ms)));
        base_offset
    }

    /// Truncates to `offset` (`LocalLog.truncateTo`): later segments go, the one holding it is
    /// cut at a batch boundary. Returns the new end offset (≤ `offset`).
    pub fn truncate_to(&mut self, offset: i64, now_ms: i64) -> i64 {
        if offset <= self.log_start_offset {
            // `truncateFullyAndStartAt`.
            self.segments = vec![Rc::new(Segment::new(offset, now_ms))];
            self.log_start_offset = offset;
            return offset;
        }
        while self.segments.len() > 1 && self.active().base_offset > offset {
            self.segments.pop();
        }
        let seg = self.active_mut();
        seg.truncate_to(offset, now_ms);
        self.log_end_offset()
    }

    /// `UnifiedLog.deleteOldSegments`: deletes the oldest segments while `retention.ms` or
    /// `retention.bytes` says so, never past `high_watermark` and never an empty active one.
    pub fn apply_retention(
        &mut self,
        config: &SegmentConfig,
        now_ms: i64,
        high_watermark: i64,
    ) -> Vec<Deleted> {
        let mut deleted = Vec::new();
        if config.retention_ms >= 0 {
            self.delete_while(
                now_ms,
                high_watermark,
                &mut deleted,
                RetentionReason::Time,
                |seg, _| now_ms - seg.largest_timestamp() > config.retention_ms,
            );
        }
        if config.retention_bytes >= 0 {
            let mut diff = self.size() as i64 - config.retention_bytes;
            self.delete_while(
                now_ms,
                high_watermark,
                &mut deleted,
                RetentionReason::Size,
                |seg, _| {
                    if diff - seg.size() as i64 >= 0 {
                        diff -= seg.size() as i64;
                        true
                    } else {
                        false
                    }
                },
            );
        }
        deleted
    }

    fn delete_while(
        &mut self,
        now_ms: i64,
        high_watermark: i64,
        deleted: &mut Vec<Deleted>,
        reason: RetentionReason,
        mut predicate: impl FnMut(&Segment, usize) -> bool,
    ) {
        let mut n = 0;
        while n < self.segments.len() {
            let seg = &self.segments[n];
            let last = n + 1 == self.segments.len();
            let upper = if last {
                seg.next_offset()
            } else {
                self.segments[n + 1].base_offset
            };
            if high_watermark >= upper && !(last && seg.size() == 0) && predicate(seg, n) {
                n += 1;
            } else {
                break;
            }
        }
        if n == 0 {
            return;
        }
        if n == self.segments.len() {
            // Deleting every segment: roll first so the log keeps an active one.
            let end = self.log_end_offset();
            self.roll(end, now_ms);
        }
        for seg in self.segments.drain(..n) {
            deleted.push(Deleted {
                base_offset: seg.base_offset,
                size: seg.size(),
                reason,
            });
        }
        self.log_start_offset = self.log_start_offset.max(self.segments[0].base_offset);
    }

    /// Looks `target` up as `LogSegment.read` → `translateOffset` does, with a trace.
    pub fn lookup(&self, target: i64) -> OffsetLookup {
        let segment_bases: Vec<i64> = self.segments.iter().map(|s| s.base_offset).collect();
        let mut out = OffsetLookup {
            target,
            segment_bases,
            segment: None,
            index: IndexSearch::default(),
            start: IndexEntry {
                offset: 0,
                position: 0,
            },
            scanned: Vec::new(),
            found: None,
            linear_steps: 0,
        };
        if target < self.log_start_offset || target >= self.log_end_offset() {
            return out;
        }
        let Some(seg) = self.segments.iter().rev().find(|s| s.base_offset <= target) else {
            return out;
        };
        out.segment = Some(seg.base_offset);
        lookup_in_segment(&mut out, seg.base_offset, &seg.batches, &seg.index);
        out.linear_steps = self
            .segments
            .iter()
            .take_while(|s| s.base_offset < seg.base_offset)
            .map(|s| s.batches.len())
            .sum::<usize>()
            + seg.batches.partition_point(|b| b.last_offset < target)
            + 1;
        out
    }

    /// Finds the first record with a timestamp ≥ `target` (`fetchOffsetByTimestamp`). Needs
    /// record timestamps, so it takes the decoded batches of the segment chosen.
    pub fn lookup_timestamp(&self, target: i64) -> TimestampLookup {
        let mut out = TimestampLookup {
            target,
            segment: None,
            time_index: IndexSearch::default(),
            time_offset: -1,
            index: IndexSearch::default(),
            scanned: Vec::new(),
            found: None,
        };
        let Some(seg) = self
            .segments
            .iter()
            .find(|s| s.size() > 0 && s.largest_timestamp() >= target)
        else {
            return out;
        };
        out.segment = Some(seg.base_offset);
        out.time_index = search_index(
            &|i| seg.time_index[i].timestamp,
            seg.time_index.len(),
            TIME_ENTRY_SIZE,
            target,
        );
        out.time_offset = out
            .time_index
            .slot
            .map_or(seg.base_offset, |i| seg.time_index[i].offset);
        let start_offset = out.time_offset.max(self.log_start_offset);
        out.index = search_index(
            &|i| seg.index[i].offset,
            seg.index.len(),
            OFFSET_ENTRY_SIZE,
            start_offset,
        );
        let position = out.index.slot.map_or(0, |i| seg.index[i].position);
        let decoded = super::batch::decode_log(&seg.log, true);
        for b in decoded
            .batches
            .iter()
            .filter(|b| b.position as u32 >= position)
        {
            let info = info_of(b);
            out.scanned.push(info);
            if b.max_timestamp >= target {
                if let Some(Ok(records)) = &b.records {
                    if let Some(r) = records
                        .iter()
                        .find(|r| r.timestamp >= target && r.offset >= self.log_start_offset)
                    {
                        out.found = Some((r.timestamp, r.offset));
                        break;
                    }
                }
            }
        }
        out
    }
}

fn info_of(b: &DecodedBatch) -> BatchInfo {
    BatchInfo {
        base_offset: b.base_offset,
        last_offset: b.last_offset(),
        position: b.position as u32,
        size: b.size as u32,
        max_timestamp: b.max_timestamp,
    }
}

/// Reads the header fields of one encoded batch.
pub fn batch_info(batch: &[u8]) -> Option<BatchInfo> {
    if batch.len() < super::batch::HEADER_SIZE {
        return None;
    }
    let base = i64::from_be_bytes(batch[0..8].try_into().ok()?);
    let length = i32::from_be_bytes(batch[8..12].try_into().ok()?);
    if length as usize + LOG_OVERHEAD != batch.len() {
        return None;
    }
    let delta = i32::from_be_bytes(batch[23..27].try_into().ok()?);
    let max_ts = i64::from_be_bytes(batch[35..43].try_into().ok()?);
    Some(BatchInfo {
        base_offset: base,
        last_offset: base.wrapping_add(i64::from(delta)),
        position: 0,
        size: batch.len() as u32,
        max_timestamp: max_ts,
    })
}

/// A segment file's 20-digit name: `00000000000000000042.log`.
pub fn file_name(base_offset: i64, ext: &str) -> String {
    format!("{base_offset:020}.{ext}")
}

#[cfg(test)]
mod tests;
