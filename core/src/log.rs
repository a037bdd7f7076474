//! A replica's log of records (`UnifiedLog`, simplified) and its leader-epoch cache
//! (`LeaderEpochFileCache`, KIP-101).
//!
//! Records are kept as values for now; the storage lab turns them into byte-exact segments.
//! Each record remembers the leader epoch it was written in and the producer send it came
//! from (a lab-only id that lets the ledger follow one send into every replica).

use crate::sim::Millis;

/// A position in a partition's log.
pub type Offset = u64;

/// The ledger's id for one `producer.send()`.
pub type SendId = u64;

/// One record in a log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Its offset.
    pub offset: Offset,
    /// The leader epoch in which the leader appended it.
    pub epoch: u32,
    /// The producer send it came from.
    pub send: SendId,
    /// Key, if any.
    pub key: Option<String>,
    /// Value.
    pub value: String,
    /// CreateTime: when the producer sent it.
    pub timestamp: Millis,
}

/// A record about to be appended by a leader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRecord {
    /// The producer send it came from.
    pub send: SendId,
    /// Key, if any.
    pub key: Option<String>,
    /// Value.
    pub value: String,
    /// CreateTime.
    pub timestamp: Millis,
}

/// An entry of the leader-epoch cache: `epoch` began at `start_offset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EpochEntry {
    /// The leader epoch.
    pub epoch: u32,
    /// The first offset written in it.
    pub start_offset: Offset,
}

/// A replica's log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Log {
    records: Vec<Record>,
    epochs: Vec<EpochEntry>,
}

impl Log {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// The log end offset: the offset the next record will get.
    pub fn leo(&self) -> Offset {
        self.records.last().map_or(0, |r| r.offset + 1)
    }

    /// Every record.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The record at `offset`.
    pub fn get(&self, offset: Offset) -> Option<&Record> {
        let first = self.records.first()?.offset;
        self.records
            .get(usize::try_from(offset.checked_sub(first)?).ok()?)
    }

    /// Up to `max` records from `offset` on.
    pub fn read(&self, offset: Offset, max: usize) -> &[Record] {
        let first = self.records.first().map_or(0, |r| r.offset);
        let start = usize::try_from(offset.saturating_sub(first))
            .unwrap_or(usize::MAX)
            .min(self.records.len());
        let end = start.saturating_add(max).min(self.records.len());
        &self.records[start..end]
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

    /// Appends records as leader in `epoch`. Returns the first and last offsets.
    pub fn append_as_leader(&mut self, epoch: u32, records: Vec<NewRecord>) -> (Offset, Offset) {
        let first = self.leo();
        self.assign_epoch(epoch, first);
        for (i, r) in records.into_iter().enumerate() {
            self.records.push(Record {
                offset: first + i as Offset,
                epoch,
                send: r.send,
                key: r.key,
                value: r.value,
                timestamp: r.timestamp,
            });
        }
        (first, self.leo().saturating_sub(1))
    }

    /// Appends records fetched from the leader; they must start at this log's end.
    /// Returns how many were appended.
    pub fn append_as_follower(&mut self, records: &[Record]) -> usize {
        let mut n = 0;
        for r in records {
            if r.offset != self.leo() {
                break;
            }
            self.assign_epoch(r.epoch, r.offset);
            self.records.push(r.clone());
            n += 1;
        }
        n
    }

    /// Removes every record at or above `offset`, and the epochs that began there.
    pub fn truncate_to(&mut self, offset: Offset) {
        self.records.retain(|r| r.offset < offset);
        self.epochs.retain(|e| e.start_offset < offset);
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
mod tests {
    use super::*;

    fn new(send: SendId) -> NewRecord {
        NewRecord {
            send,
            key: None,
            value: format!("v{send}"),
            timestamp: 0,
        }
    }

    #[test]
    fn leader_appends_and_reads() {
        let mut log = Log::new();
        assert_eq!(log.leo(), 0);
        assert_eq!(log.append_as_leader(0, vec![new(1), new(2)]), (0, 1));
        assert_eq!(log.append_as_leader(0, vec![new(3)]), (2, 2));
        assert_eq!(log.leo(), 3);
        assert_eq!(log.read(1, 10).len(), 2);
        assert_eq!(log.read(3, 10).len(), 0);
        assert_eq!(log.read(99, 10).len(), 0);
        assert_eq!(log.get(2).unwrap().send, 3);
        assert_eq!(
            log.epochs(),
            [EpochEntry {
                epoch: 0,
                start_offset: 0
            }]
        );
    }

    #[test]
    fn follower_appends_only_contiguous_records() {
        let mut leader = Log::new();
        leader.append_as_leader(0, vec![new(1), new(2)]);
        leader.append_as_leader(2, vec![new(3)]);
        let mut f = Log::new();
        assert_eq!(f.append_as_follower(&leader.records()[1..]), 0);
        assert_eq!(f.append_as_follower(leader.records()), 3);
        assert_eq!(f, leader);
    }

    /// KIP-101's example: a follower whose last epoch is 1 asks the leader, which moved to
    /// epoch 2 at offset 1, and learns that epoch 1 ended there.
    #[test]
    fn end_offset_for_epoch_follows_the_cache() {
        let mut log = Log::new();
        log.append_as_leader(0, vec![new(1)]);
        log.append_as_leader(2, vec![new(2), new(3)]);
        assert_eq!(log.end_offset_for_epoch(2), Some((2, 3)));
        assert_eq!(log.end_offset_for_epoch(5), Some((2, 3)));
        assert_eq!(log.end_offset_for_epoch(1), Some((0, 1)));
        assert_eq!(log.end_offset_for_epoch(0), Some((0, 1)));
        let empty = Log::new();
        assert_eq!(empty.end_offset_for_epoch(0), None);
    }

    #[test]
    fn truncation_drops_records_and_later_epochs() {
        let mut log = Log::new();
        log.append_as_leader(0, vec![new(1), new(2)]);
        log.append_as_leader(1, vec![new(3)]);
        log.truncate_to(2);
        assert_eq!(log.leo(), 2);
        assert_eq!(log.latest_epoch(), Some(0));
        log.truncate_to(0);
        assert_eq!(log.leo(), 0);
        assert!(log.epochs().is_empty());
    }
}
