//! A replica's log of records (`UnifiedLog`, simplified) and its leader-epoch cache
//! (`LeaderEpochFileCache`, KIP-101).
//!
//! Every append is written twice: as record values (what replication, the ledger and the page
//! read) and as the bytes Kafka would write, in segment files ([`crate::storage`]). Each record
//! remembers the leader epoch it was written in, the batch it belongs to, and the producer send
//! it came from (a lab-only id that lets the ledger follow one send into every replica).
//! A follower re-encodes the same batches from the same records, so its files equal the
//! leader's byte for byte.

use crate::sim::Millis;
use std::collections::{BTreeMap, VecDeque};

use crate::storage::batch::{
    encode_batch, encode_marker_batch, increment_sequence, Marker, ProducerFields, RecordIn,
};
use crate::storage::segment::{BatchInfo, Deleted, SegmentConfig, SegmentedLog};
use crate::storage::LAB_EPOCH_MS;

/// A position in a partition's log.
pub type Offset = u64;

/// The ledger's id for one `producer.send()`.
pub type SendId = u64;

/// A record's key or value text, shared by every copy of the record (the producer's batch, the
/// ledger, each replica's log, fetch answers): cloning it counts a reference instead of copying
/// the bytes, which is most of what replication used to spend.
pub type Text = std::rc::Rc<str>;

/// Whole record batches as a leader's segment files hold them, back to back: what a fetch
/// response carries to a follower, which appends these bytes as they are (Kafka's followers
/// do not re-encode: `appendRecordsToFollowerOrFutureReplica` takes the leader's
/// `MemoryRecords`). Its `Debug` shows the size only.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Encoded(pub Vec<u8>);

impl std::fmt::Debug for Encoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} bytes", self.0.len())
    }
}

impl Encoded {
    /// The next batch's bytes from `*pos` on, if it is the batch of `epoch` starting at
    /// `base` with `count` records (earlier batches are skipped); `*pos` moves past it.
    fn take(&self, pos: &mut usize, base: Offset, epoch: u32, count: usize) -> Option<&[u8]> {
        let bytes = &self.0;
        loop {
            let head = bytes.get(*pos..*pos + crate::storage::batch::HEADER_SIZE)?;
            let at = i64::from_be_bytes(head[0..8].try_into().ok()?);
            let size = usize::try_from(i32::from_be_bytes(head[8..12].try_into().ok()?))
                .ok()?
                .checked_add(crate::storage::batch::LOG_OVERHEAD)?;
            let batch = bytes.get(*pos..pos.checked_add(size)?)?;
            if at < base as i64 {
                *pos += size;
                continue;
            }
            let leader_epoch = i32::from_be_bytes(head[12..16].try_into().ok()?);
            let delta = i32::from_be_bytes(head[23..27].try_into().ok()?);
            let fits = at == base as i64
                && i64::from(leader_epoch) == i64::from(epoch.min(i32::MAX as u32))
                && usize::try_from(delta).ok()?.checked_add(1)? == count;
            if !fits {
                return None;
            }
            *pos += size;
            return Some(batch);
        }
    }
}

/// One record in a log.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Record {
    /// Its offset.
    pub offset: Offset,
    /// The leader epoch in which the leader appended it.
    pub epoch: u32,
    /// The base offset of the batch it was written in.
    pub batch: Offset,
    /// The producer send it came from.
    pub send: SendId,
    /// Key, if any.
    pub key: Option<Text>,
    /// Value.
    pub value: Text,
    /// CreateTime: when the producer sent it.
    pub timestamp: Millis,
    /// Its batch's producer id, epoch and base sequence (-1s without idempotence).
    pub producer: ProducerFields,
    /// For the record of a control batch: its end-transaction marker and the coordinator
    /// epoch that wrote it (the batch is re-encoded from these, byte for byte).
    pub control: Option<(Marker, i32)>,
}

/// A record about to be appended by a leader.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NewRecord {
    /// The producer send it came from.
    pub send: SendId,
    /// Key, if any.
    pub key: Option<Text>,
    /// Value.
    pub value: Text,
    /// CreateTime.
    pub timestamp: Millis,
}

/// An entry of the leader-epoch cache: `epoch` began at `start_offset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EpochEntry {
    /// The leader epoch.
    pub epoch: u32,
    /// The first offset written in it.
    pub start_offset: Offset,
}

/// A replica's log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Log {
    /// Behind an `Rc`: a clone of the log (every time-machine snapshot) shares the records;
    /// the log's next write copies them if a snapshot still holds them (`Rc::make_mut`), so
    /// the copy of a big cluster's records is spread over the appends after a snapshot
    /// instead of all landing on its frame, and a log nobody writes to is never copied.
    /// `Hash`, `Debug` and `==` see through the `Rc`.
    records: std::rc::Rc<Vec<Record>>,
    /// Idempotent producers' state (`ProducerStateManager`), by producer id.
    producers: BTreeMap<i64, ProducerState>,
    epochs: Vec<EpochEntry>,
    files: SegmentedLog,
    /// Base offsets of segments rolled since [`Log::take_rolled`] was last called.
    rolled: Vec<Offset>,
    /// Open transactions: producer id → the first offset of its transaction here.
    ongoing: BTreeMap<i64, Offset>,
    /// Transactions ended by a marker, in marker order (the `.txnindex` holds the aborted ones).
    completed: Vec<CompletedTxn>,
}

/// A transaction that a marker ended in this log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CompletedTxn {
    /// The producer id.
    pub producer_id: i64,
    /// Its first record's offset.
    pub first_offset: Offset,
    /// The marker's offset.
    pub last_offset: Offset,
    /// Aborted (else committed).
    pub aborted: bool,
}

/// Wall-clock milliseconds (as written in files) for a virtual instant.
pub fn epoch_ms(t: Millis) -> i64 {
    LAB_EPOCH_MS.saturating_add(i64::try_from(t).unwrap_or(i64::MAX / 2))
}

fn encode(records: &[Record]) -> Vec<u8> {
    let ins: Vec<RecordIn<'_>> = records
        .iter()
        .map(|r| RecordIn {
            timestamp: epoch_ms(r.timestamp),
            key: r.key.as_deref().map(str::as_bytes),
            value: Some(r.value.as_bytes()),
            headers: &[],
        })
        .collect();
    let first = records.first().expect("a batch has records");
    if let Some((marker, coordinator_epoch)) = first.control {
        return encode_marker_batch(
            first.batch as i64,
            i32::try_from(first.epoch).unwrap_or(i32::MAX),
            first.producer.id,
            first.producer.epoch,
            epoch_ms(first.timestamp),
            marker,
            coordinator_epoch,
        );
    }
    encode_batch(
        first.batch as i64,
        i32::try_from(first.epoch).unwrap_or(i32::MAX),
        first.producer,
        &ins,
    )
}

/// The bytes a batch of these records takes in a log with these producer fields (compressed
/// with a gzip codec): what the producer's figures count as written.
pub fn encoded_size(records: &[NewRecord], producer: ProducerFields) -> usize {
    let ins: Vec<RecordIn<'_>> = records
        .iter()
        .map(|r| RecordIn {
            timestamp: epoch_ms(r.timestamp),
            key: r.key.as_deref().map(str::as_bytes),
            value: Some(r.value.as_bytes()),
            headers: &[],
        })
        .collect();
    encode_batch(0, 0, producer, &ins).len()
}

/// How many batches per producer a partition remembers for deduplication
/// (`ProducerStateEntry.NUM_BATCHES_TO_RETAIN`).
pub const BATCHES_TO_RETAIN: usize = 5;

/// One batch a producer wrote, as the partition remembers it (`BatchMetadata`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BatchMeta {
    /// First and last sequence.
    pub first_seq: i32,
    /// Last sequence.
    pub last_seq: i32,
    /// First offset.
    pub first_offset: Offset,
    /// Last offset.
    pub last_offset: Offset,
}

/// What a partition knows of one idempotent producer (`ProducerStateEntry`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ProducerState {
    /// Its current epoch.
    pub epoch: i16,
    /// Its last batches, oldest first (at most [`BATCHES_TO_RETAIN`]).
    pub batches: VecDeque<BatchMeta>,
}

impl ProducerState {
    /// The last sequence written, if any.
    pub fn last_seq(&self) -> Option<i32> {
        self.batches.back().map(|b| b.last_seq)
    }
}

/// The verdict on an idempotent batch before it is appended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SequenceCheck {
    /// Append it.
    Append,
    /// A retry of a batch already in the log: answer with its offsets, append nothing.
    Duplicate(BatchMeta),
    /// `OUT_OF_ORDER_SEQUENCE_NUMBER`: (incoming first sequence, the broker's last sequence).
    OutOfOrder(i32, i32),
    /// `INVALID_PRODUCER_EPOCH`: (incoming epoch, the broker's epoch).
    StaleEpoch(i16, i16),
}

impl Log {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// The log end offset: the offset the next record will get.
    pub fn leo(&self) -> Offset {
        self.files.log_end_offset().max(0) as Offset
    }

    /// The log start offset: the first offset retention has kept.
    pub fn log_start_offset(&self) -> Offset {
        self.files.log_start_offset().max(0) as Offset
    }

    /// The base offsets of the segments rolled since the last call.
    pub fn take_rolled(&mut self) -> Vec<Offset> {
        std::mem::take(&mut self.rolled)
    }

    /// The segment files.
    pub fn files(&self) -> &SegmentedLog {
        &self.files
    }

    /// Every record.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The records to change, copied first if a snapshot shares them.
    fn records_mut(&mut self) -> &mut Vec<Record> {
        std::rc::Rc::make_mut(&mut self.records)
    }

    /// The record at `offset`.
    pub fn get(&self, offset: Offset) -> Option<&Record> {
        let first = self.records.first()?.offset;
        self.records
            .get(usize::try_from(offset.checked_sub(first)?).ok()?)
    }

    /// Up to `max` records from `offset` on, rounded up to a whole batch (Kafka returns
    /// whole batches).
    pub fn read(&self, offset: Offset, max: usize) -> &[Record] {
        let first = self.records.first().map_or(0, |r| r.offset);
        let start = usize::try_from(offset.saturating_sub(first))
            .unwrap_or(usize::MAX)
            .min(self.records.len());
        let mut end = start.saturating_add(max).min(self.records.len());
        while end > start
            && end < self.records.len()
            && self.records[end].batch == self.records[end - 1].batch
        {
            end += 1;
        }
        &self.records[start..end]
    }

    /// The batches holding offsets in `from..to`, as the segment files have them (with their
    /// sizes in bytes), oldest first: what a fetch from `from` can return below `to`.
    pub fn batches_in(&self, from: Offset, to: Offset) -> Vec<BatchInfo> {
        let (from, to) = (from as i64, to as i64);
        let mut out = Vec::new();
        for seg in self.files.segments() {
            if seg.next_offset() <= from || seg.base_offset() >= to {
                continue;
            }
            let batches = seg.batches();
            let first = batches.partition_point(|b| b.last_offset < from);
            out.extend(
                batches[first..]
                    .iter()
                    .take_while(|b| b.base_offset < to)
                    .copied(),
            );
        }
        out
    }

    /// The bytes of the whole batches that `records` (read from this log) hold, as the
    /// segment files have them: what a fetch answer carries to a follower.
    pub fn encoded(&self, records: &[Record]) -> Encoded {
        let (Some(first), Some(last)) = (records.first(), records.last()) else {
            return Encoded::default();
        };
        let (from, to) = (first.offset as i64, last.offset as i64);
        let mut out = Vec::new();
        for seg in self.files.segments() {
            if seg.next_offset() <= from || seg.base_offset() > to {
                continue;
            }
            let batches = seg.batches();
            let start = batches.partition_point(|b| b.base_offset < from);
            let end = batches.partition_point(|b| b.last_offset <= to);
            if let (Some(a), Some(b)) = (
                batches.get(start),
                end.checked_sub(1).and_then(|e| batches.get(e)),
            ) {
                if start < end {
                    let bytes = seg.log_bytes();
                    let (lo, hi) = (a.position as usize, (b.position + b.size) as usize);
                    out.extend_from_slice(&bytes[lo..hi]);
                }
            }
        }
        Encoded(out)
    }

    /// The leader-epoch cache.
    pub fn epochs(&self) -> &[EpochEntry] {
        &self.epochs
    }

    /// The latest epoch in the cache.
    pub fn latest_epoch(&self) -> Option<u32> {
        self.epochs.last().map(|e| e.epoch)
    }

    /// Records that `epoch` starts at `start_offset` (done by a new leader before it appends,
    /// and by a follower when it first sees a record of a newer epoch).
    pub fn assign_epoch(&mut self, epoch: u32, start_offset: Offset) {
        match self.epochs.last() {
            Some(last) if last.epoch >= epoch => {}
            _ => self.epochs.push(EpochEntry {
                epoch,
                start_offset,
            }),
        }
    }

    /// The idempotent producers this partition knows.
    pub fn producers(&self) -> &BTreeMap<i64, ProducerState> {
        &self.producers
    }

    /// Checks an idempotent batch of `count` records as `UnifiedLog.analyzeAndValidateProducerState`
    /// does: a retry of one of the last five batches is a duplicate; an older epoch is refused;
    /// a new epoch must start at sequence 0; otherwise the sequence must follow the last one.
    /// A producer the partition does not know may start at any sequence.
    pub fn check_sequence(&self, producer: &ProducerFields, count: usize) -> SequenceCheck {
        if producer.id < 0 || producer.base_sequence < 0 {
            return SequenceCheck::Append;
        }
        let Some(state) = self.producers.get(&producer.id) else {
            return SequenceCheck::Append;
        };
        let last_seq = increment_sequence(producer.base_sequence, count as i32 - 1);
        if producer.epoch == state.epoch {
            if let Some(dup) = state
                .batches
                .iter()
                .find(|b| b.first_seq == producer.base_sequence && b.last_seq == last_seq)
            {
                return SequenceCheck::Duplicate(*dup);
            }
        }
        if producer.epoch < state.epoch {
            return SequenceCheck::StaleEpoch(producer.epoch, state.epoch);
        }
        if producer.epoch != state.epoch {
            return if producer.base_sequence == 0 {
                SequenceCheck::Append
            } else {
                SequenceCheck::OutOfOrder(producer.base_sequence, -1)
            };
        }
        match state.last_seq() {
            Some(last) if increment_sequence(last, 1) != producer.base_sequence => {
                SequenceCheck::OutOfOrder(producer.base_sequence, last)
            }
            _ => SequenceCheck::Append,
        }
    }

    fn remember_batch(&mut self, batch: &[Record]) {
        let (Some(first), Some(last)) = (batch.first(), batch.last()) else {
            return;
        };
        let p = first.producer;
        if p.id < 0 {
            return;
        }
        if let Some((marker, _)) = first.control {
            if let Some(start) = self.ongoing.remove(&p.id) {
                self.completed.push(CompletedTxn {
                    producer_id: p.id,
                    first_offset: start,
                    last_offset: first.offset,
                    aborted: marker == Marker::Abort,
                });
            }
        } else if p.transactional {
            self.ongoing.entry(p.id).or_insert(first.offset);
        }
        let state = self.producers.entry(p.id).or_default();
        if p.epoch != state.epoch {
            state.batches.clear();
            state.epoch = p.epoch;
        }
        if p.base_sequence >= 0 {
            state.batches.push_back(BatchMeta {
                first_seq: p.base_sequence,
                last_seq: increment_sequence(p.base_sequence, batch.len() as i32 - 1),
                first_offset: first.offset,
                last_offset: last.offset,
            });
            while state.batches.len() > BATCHES_TO_RETAIN {
                state.batches.pop_front();
            }
        }
    }

    /// Rebuilds the producer state from the log (after a truncation), as Kafka reloads it
    /// from its snapshot and the segments after it.
    fn rebuild_producer_state(&mut self) {
        self.producers.clear();
        self.ongoing.clear();
        self.completed.clear();
        let records = std::rc::Rc::clone(&self.records);
        let mut rest = &records[..];
        while let Some(head) = rest.first() {
            let len = rest.iter().take_while(|r| r.batch == head.batch).count();
            self.remember_batch(&rest[..len]);
            rest = &rest[len..];
        }
    }

    /// Appends records as leader in `epoch`, as one batch, at virtual time `now`. Returns the
    /// first and last offsets.
    pub fn append_as_leader(
        &mut self,
        epoch: u32,
        records: Vec<NewRecord>,
        now: Millis,
        config: &SegmentConfig,
    ) -> (Offset, Offset) {
        self.append_batch_as_leader(epoch, records, ProducerFields::NONE, now, config)
    }

    /// Appends one batch with its producer fields (checked first with
    /// [`Log::check_sequence`]). Returns the first and last offsets.
    pub fn append_batch_as_leader(
        &mut self,
        epoch: u32,
        records: Vec<NewRecord>,
        producer: ProducerFields,
        now: Millis,
        config: &SegmentConfig,
    ) -> (Offset, Offset) {
        let first = self.leo();
        if records.is_empty() {
            return (first, first.saturating_sub(1));
        }
        self.assign_epoch(epoch, first);
        let batch: Vec<Record> = records
            .into_iter()
            .enumerate()
            .map(|(i, r)| Record {
                offset: first + i as Offset,
                epoch,
                batch: first,
                send: r.send,
                key: r.key,
                value: r.value,
                timestamp: r.timestamp,
                producer,
                control: None,
            })
            .collect();
        if let Some(b) = self.files.append(config, &encode(&batch), epoch_ms(now)) {
            self.rolled.push(b.max(0) as Offset);
        }
        self.remember_batch(&batch);
        self.records_mut().extend(batch);
        (first, self.leo().saturating_sub(1))
    }

    /// Appends a control batch with one end-transaction marker, as a partition leader does on
    /// `WriteTxnMarkers` (`UnifiedLog.appendAsLeader` with origin `Coordinator`). Returns its
    /// offset.
    #[allow(clippy::too_many_arguments)]
    pub fn append_marker_as_leader(
        &mut self,
        epoch: u32,
        producer_id: i64,
        producer_epoch: i16,
        marker: Marker,
        coordinator_epoch: i32,
        now: Millis,
        config: &SegmentConfig,
    ) -> Offset {
        let offset = self.leo();
        self.assign_epoch(epoch, offset);
        let record = Record {
            offset,
            epoch,
            batch: offset,
            send: 0,
            key: None,
            value: marker.name().into(),
            timestamp: now,
            producer: ProducerFields {
                id: producer_id,
                epoch: producer_epoch,
                base_sequence: crate::storage::batch::NO_SEQUENCE,
                transactional: true,
                codec: crate::storage::batch::Codec::None,
            },
            control: Some((marker, coordinator_epoch)),
        };
        let batch = [record];
        if let Some(b) = self.files.append(config, &encode(&batch), epoch_ms(now)) {
            self.rolled.push(b.max(0) as Offset);
        }
        self.remember_batch(&batch);
        self.records_mut().extend(batch);
        offset
    }

    /// Open transactions: producer id → first offset.
    pub fn ongoing_txns(&self) -> &BTreeMap<i64, Offset> {
        &self.ongoing
    }

    /// Transactions ended by a marker, oldest first.
    pub fn completed_txns(&self) -> &[CompletedTxn] {
        &self.completed
    }

    /// The last stable offset for a high watermark (`UnifiedLog.lastStableOffset`): the first
    /// offset of the earliest transaction not yet decided below the high watermark (open, or
    /// whose marker is not yet replicated), else the high watermark.
    pub fn last_stable_offset(&self, hw: Offset) -> Offset {
        let open = self.ongoing.values().copied();
        let unreplicated = self
            .completed
            .iter()
            .filter(|t| t.last_offset >= hw)
            .map(|t| t.first_offset);
        open.chain(unreplicated).fold(hw, Offset::min)
    }

    /// True if `r` belongs to an aborted transaction (what a `read_committed` consumer skips,
    /// using the aborted transactions the fetch response lists from the `.txnindex`).
    pub fn is_aborted(&self, r: &Record) -> bool {
        r.producer.transactional
            && r.control.is_none()
            && self.completed.iter().any(|t| {
                t.aborted
                    && t.producer_id == r.producer.id
                    && (t.first_offset..t.last_offset).contains(&r.offset)
            })
    }

    /// Appends records fetched from the leader; they must start at this log's end, and only
    /// whole batches are taken. Returns how many records were appended.
    pub fn append_as_follower(
        &mut self,
        records: &[Record],
        now: Millis,
        config: &SegmentConfig,
    ) -> usize {
        self.append_fetched(records, &Encoded::default(), now, config)
    }

    /// [`Log::append_as_follower`] with the leader's bytes of those batches
    /// ([`Log::encoded`]): each batch found there is written as it is, not encoded again
    /// (a batch missing from `encoded` is encoded from its records, to the same bytes).
    pub fn append_fetched(
        &mut self,
        records: &[Record],
        encoded: &Encoded,
        now: Millis,
        config: &SegmentConfig,
    ) -> usize {
        let mut pos = 0;
        let mut n = 0;
        let mut rest = records;
        while let Some(head) = rest.first() {
            let len = rest.iter().take_while(|r| r.batch == head.batch).count();
            let batch = &rest[..len];
            let contiguous = batch
                .iter()
                .enumerate()
                .all(|(i, r)| r.offset == head.offset + i as Offset);
            if head.offset != self.leo() || head.batch != head.offset || !contiguous {
                break;
            }
            self.assign_epoch(head.epoch, head.offset);
            let fetched = encoded.take(&mut pos, head.batch, head.epoch, len);
            debug_assert!(
                fetched.is_none_or(|b| b == encode(batch).as_slice()),
                "the leader's bytes are the batch's encoding"
            );
            let appended = match fetched {
                Some(bytes) => self.files.append(config, bytes, epoch_ms(now)),
                None => self.files.append(config, &encode(batch), epoch_ms(now)),
            };
            if let Some(b) = appended {
                self.rolled.push(b.max(0) as Offset);
            }
            self.remember_batch(batch);
            self.records_mut().extend_from_slice(batch);
            n += len;
            rest = &rest[len..];
        }
        n
    }

    /// Deletes old segments as `retention.ms` / `retention.bytes` say, never past
    /// `high_watermark`; the log start offset moves to the first segment left.
    pub fn apply_retention(
        &mut self,
        config: &SegmentConfig,
        now: Millis,
        high_watermark: Offset,
    ) -> Vec<Deleted> {
        let deleted = self
            .files
            .apply_retention(config, epoch_ms(now), high_watermark as i64);
        if !deleted.is_empty() {
            let start = self.log_start_offset();
            self.records_mut().retain(|r| r.offset >= start);
            // `LeaderEpochFileCache.truncateFromStart`: the epoch in force at the new start
            // now begins there.
            if let Some(i) = self.epochs.iter().rposition(|e| e.start_offset <= start) {
                self.epochs.drain(..i);
                self.epochs[0].start_offset = start;
            }
        }
        deleted
    }

    /// Empties the log and starts it at `offset` (`truncateFullyAndStartAt`): a follower whose
    /// whole log is older than the leader's log start.
    pub fn truncate_fully_and_start_at(&mut self, offset: Offset, now: Millis) {
        self.records = Default::default();
        self.epochs.clear();
        self.producers.clear();
        self.ongoing.clear();
        self.completed.clear();
        self.files.truncate_to(offset as i64, epoch_ms(now));
        if self.files.log_start_offset() != offset as i64 {
            self.files = SegmentedLog::starting_at(offset as i64, epoch_ms(now));
        }
    }

    /// Removes every record at or above `offset` (the whole batch holding it, as Kafka's
    /// `LogSegment.truncateTo` cuts at a batch boundary), and the epochs that began there.
    /// Returns the new log end offset.
    pub fn truncate_to(&mut self, offset: Offset, now: Millis) -> Offset {
        if offset >= self.leo() {
            return self.leo();
        }
        let end = self.files.truncate_to(offset as i64, epoch_ms(now)).max(0) as Offset;
        self.records_mut().retain(|r| r.offset < end);
        self.epochs.retain(|e| e.start_offset < end);
        self.rebuild_producer_state();
        end
    }

    /// The end offset of `epoch` as this log knows it (`LeaderEpochFileCache.endOffsetFor`):
    /// for the latest epoch, the log end; for an older one, where the next epoch began. With
    /// the largest known epoch not above the one asked. `None` if the log knows no epoch that
    /// early.
    pub fn end_offset_for_epoch(&self, epoch: u32) -> Option<(u32, Offset)> {
        let i = self.epochs.iter().rposition(|e| e.epoch <= epoch)?;
        let found = self.epochs[i].epoch;
        let end = match self.epochs.get(i + 1) {
            Some(next) => next.start_offset,
            None => self.leo(),
        };
        Some((found, end))
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod file_tests;
