//! The lab's truth panel: every record a producer sent, what the producer was told, and where
//! the record really is.
//!
//! Producers report each send's outcome (acknowledged, with which `acks` and offset, or failed
//! with Kafka's error). Where a record is — which replicas hold it, at which offsets, whether it
//! is below the leader's high watermark — is read from the logs themselves. From both the
//! ledger flags the two failures the notes describe:
//! - **lost**: acknowledged to the producer, yet absent from the current leader's log;
//! - **duplicated**: one send appended more than once (a retry after a lost answer).

// Variant fields are named for what they hold; documenting each would repeat its name.
#![allow(missing_docs)]

use std::collections::{BTreeMap, BTreeSet};

use crate::cluster::msg::{Acks, KafkaError};
use crate::log::{Offset, SendId, Text};
use crate::model::{BrokerId, TopicPartition};
use crate::sim::Millis;

/// What the producer was finally told about a send.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// No answer yet.
    Pending,
    /// Acknowledged; the offset is `None` for `acks=0` (the Java client reports -1).
    Acked { offset: Option<Offset>, at: Millis },
    /// Failed for good.
    Failed { error: KafkaError, at: Millis },
}

/// One `producer.send()`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SendEntry {
    /// The send's id.
    pub id: SendId,
    /// The producer's client id (shared with the sends before it from the same client).
    pub producer: Text,
    /// The partition it was sent to.
    pub tp: TopicPartition,
    /// Key.
    pub key: Option<Text>,
    /// Value.
    pub value: Text,
    /// The `acks` it was sent with.
    pub acks: Acks,
    /// When it was sent.
    pub sent_at: Millis,
    /// How many produce requests carried it (more than one: retries).
    pub attempts: u32,
    /// What the producer was told.
    pub outcome: Outcome,
}

/// A note a producer hands the ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LedgerNote {
    /// A produce request carrying the send left.
    Attempt { send: SendId },
    /// The producer was told it succeeded.
    Acked {
        send: SendId,
        offset: Option<Offset>,
    },
    /// The producer gave up on it.
    Failed { send: SendId, error: KafkaError },
    /// A produce request carrying a batch of these sends left (one note per batch rather than
    /// per record: the effect list stays short).
    Attempts { sends: Vec<SendId> },
    /// The producer was told a batch of these sends succeeded: the `i`-th at `base + i`.
    AckedBatch {
        sends: Vec<SendId>,
        base: Option<Offset>,
    },
}

/// Every send, by id. Ids are 1, 2, 3, … in the order of the sends and none is ever removed,
/// so the table is a vector looked up by index (a map's search per note was a fifth of
/// replication's time); it reads like the `BTreeMap<SendId, SendEntry>` it replaced.
///
/// The sends in id order, in chunks of [`SENDS_CHUNK`] behind `Rc`s: a clone (every
/// time-machine snapshot holds the ledger) copies one pointer per chunk, and a chunk is
/// copied only when a send in it changes while a snapshot shares it (`Rc::make_mut`; a send's
/// outcome comes soon after it, so that is the newest chunk or two). Every chunk but the last
/// is full. `Debug`, `Hash` and `==` are those of the flat list of sends.
#[derive(Clone, Default)]
pub struct Sends {
    chunks: Vec<std::rc::Rc<Vec<SendEntry>>>,
    len: usize,
}

/// Sends per chunk of [`Sends`].
pub const SENDS_CHUNK: usize = 512;

impl std::fmt::Debug for Sends {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Sends")
            .field(&DebugList(self.values()))
            .finish()
    }
}

/// Shows an iterator's items as a list (as a `Vec` shows them).
struct DebugList<'a>(SendIter<'a>);

impl std::fmt::Debug for DebugList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.clone()).finish()
    }
}

impl PartialEq for Sends {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.values().eq(other.values())
    }
}

impl Eq for Sends {}

/// As a `Vec<SendEntry>` hashes: its length, then each send.
impl std::hash::Hash for Sends {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_usize(self.len);
        for e in self.values() {
            e.hash(state);
        }
    }
}

impl Sends {
    fn index(&self, id: SendId) -> Option<usize> {
        let i = usize::try_from(id.checked_sub(1)?).ok()?;
        (i < self.len).then_some(i)
    }

    fn position(&self, bound: std::ops::Bound<&SendId>, start: bool) -> usize {
        use std::ops::Bound;
        let len = self.len as u64;
        let i = match (bound, start) {
            (Bound::Unbounded, true) => 0,
            (Bound::Unbounded, false) => len,
            // Ids from `s` on start at index s - 1; ids after `s`, at index s.
            (Bound::Included(&s), true) => s.saturating_sub(1),
            (Bound::Excluded(&s), true) => s,
            // Ids up to `e` end before index e; ids before `e`, before index e - 1.
            (Bound::Included(&e), false) => e,
            (Bound::Excluded(&e), false) => e.saturating_sub(1),
        };
        i.min(len) as usize
    }

    fn at(&self, i: usize) -> &SendEntry {
        &self.chunks[i / SENDS_CHUNK][i % SENDS_CHUNK]
    }

    fn last(&self) -> Option<&SendEntry> {
        self.chunks.last().and_then(|c| c.last())
    }

    fn push(&mut self, e: SendEntry) {
        match self.chunks.last_mut() {
            Some(c) if c.len() < SENDS_CHUNK => std::rc::Rc::make_mut(c).push(e),
            _ => {
                let mut c = Vec::with_capacity(SENDS_CHUNK);
                c.push(e);
                self.chunks.push(std::rc::Rc::new(c));
            }
        }
        self.len += 1;
    }

    fn between(&self, start: usize, end: usize) -> SendIter<'_> {
        SendIter {
            sends: self,
            start,
            end,
        }
    }

    /// The send with this id.
    pub fn get(&self, id: &SendId) -> Option<&SendEntry> {
        self.index(*id).map(|i| self.at(i))
    }

    /// The send with this id, to change it (its chunk copied first if a snapshot shares it).
    pub fn get_mut(&mut self, id: &SendId) -> Option<&mut SendEntry> {
        self.index(*id)
            .map(|i| &mut std::rc::Rc::make_mut(&mut self.chunks[i / SENDS_CHUNK])[i % SENDS_CHUNK])
    }

    /// True if a send has this id.
    pub fn contains_key(&self, id: &SendId) -> bool {
        self.index(*id).is_some()
    }

    /// How many sends.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True before the first send.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The sends, in id order.
    pub fn values(&self) -> SendIter<'_> {
        self.between(0, self.len)
    }

    /// Their ids, in order.
    pub fn keys(&self) -> SendIds<'_> {
        SendIds(self.values())
    }

    /// (id, send) pairs, in id order.
    pub fn iter(&self) -> SendPairs<'_> {
        self.values().map(|e| (&e.id, e))
    }

    /// (id, send) pairs whose id is in `range`, in id order.
    pub fn range(&self, range: impl std::ops::RangeBounds<SendId>) -> SendPairs<'_> {
        let start = self.position(range.start_bound(), true);
        let end = self.position(range.end_bound(), false).max(start);
        self.between(start, end).map(|e| (&e.id, e))
    }
}

/// Sends in id order (of [`Sends`]'s chunks).
#[derive(Clone)]
pub struct SendIter<'a> {
    sends: &'a Sends,
    start: usize,
    end: usize,
}

impl<'a> Iterator for SendIter<'a> {
    type Item = &'a SendEntry;

    fn next(&mut self) -> Option<&'a SendEntry> {
        if self.start >= self.end {
            return None;
        }
        self.start += 1;
        Some(self.sends.at(self.start - 1))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.start;
        (n, Some(n))
    }

    fn nth(&mut self, n: usize) -> Option<&'a SendEntry> {
        self.start = self.start.saturating_add(n).min(self.end);
        self.next()
    }

    fn last(mut self) -> Option<&'a SendEntry> {
        self.next_back()
    }
}

impl DoubleEndedIterator for SendIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.start >= self.end {
            return None;
        }
        self.end -= 1;
        Some(self.sends.at(self.end))
    }
}

impl ExactSizeIterator for SendIter<'_> {}

/// [`Sends::keys`]: the ids in order (`last()` is the newest, at once, as a map's is).
#[derive(Clone)]
pub struct SendIds<'a>(SendIter<'a>);

impl<'a> Iterator for SendIds<'a> {
    type Item = &'a SendId;

    fn next(&mut self) -> Option<&'a SendId> {
        self.0.next().map(|e| &e.id)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }

    fn last(mut self) -> Option<&'a SendId> {
        self.next_back()
    }
}

impl DoubleEndedIterator for SendIds<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|e| &e.id)
    }
}

impl ExactSizeIterator for SendIds<'_> {}
/// [`Sends::iter`] and [`Sends::range`].
pub type SendPairs<'a> = std::iter::Map<SendIter<'a>, fn(&SendEntry) -> (&SendId, &SendEntry)>;

impl std::ops::Index<&SendId> for Sends {
    type Output = SendEntry;

    fn index(&self, id: &SendId) -> &SendEntry {
        self.get(id).expect("no send with this id")
    }
}

/// Every send, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ledger {
    /// The sends.
    pub sends: Sends,
    /// Sends a consumer has read.
    pub read: BTreeSet<SendId>,
    /// Sends whose topic was deleted (`kafka-topics.sh --delete`): gone on purpose, so never
    /// counted as lost, even if a topic of the same name is created again.
    pub deleted: BTreeSet<SendId>,
    next: SendId,
}

impl Ledger {
    /// The id the next [`Ledger::open`] will give.
    pub fn next_id(&self) -> SendId {
        self.next + 1
    }

    /// Records a new send and returns its id.
    #[allow(clippy::too_many_arguments)]
    pub fn open(
        &mut self,
        producer: &str,
        tp: TopicPartition,
        key: Option<Text>,
        value: Text,
        acks: Acks,
        now: Millis,
    ) -> SendId {
        self.next += 1;
        let id = self.next;
        debug_assert_eq!(id as usize, self.sends.len() + 1, "send ids are 1, 2, 3, …");
        // Runs of sends come from one client: share its id's text instead of copying it.
        let producer = match self.sends.last() {
            Some(e) if &*e.producer == producer => e.producer.clone(),
            _ => Text::from(producer),
        };
        self.sends.push(SendEntry {
            id,
            producer,
            tp,
            key,
            value,
            acks,
            sent_at: now,
            attempts: 0,
            outcome: Outcome::Pending,
        });
        id
    }

    /// A topic's deletion completed: every send to it so far is deleted.
    pub fn topic_deleted(&mut self, topic: &str) {
        let ids: Vec<SendId> = self
            .sends
            .values()
            .filter(|e| e.tp.topic == topic)
            .map(|e| e.id)
            .collect();
        self.deleted.extend(ids);
    }

    /// Applies a producer's note.
    pub fn apply(&mut self, note: LedgerNote, now: Millis) {
        match note {
            LedgerNote::Attempt { send } => {
                if let Some(e) = self.sends.get_mut(&send) {
                    e.attempts += 1;
                }
            }
            LedgerNote::Acked { send, offset } => {
                if let Some(e) = self.sends.get_mut(&send) {
                    e.outcome = Outcome::Acked { offset, at: now };
                }
            }
            LedgerNote::Failed { send, error } => {
                if let Some(e) = self.sends.get_mut(&send) {
                    e.outcome = Outcome::Failed { error, at: now };
                }
            }
            LedgerNote::Attempts { sends } => {
                for send in sends {
                    self.apply(LedgerNote::Attempt { send }, now);
                }
            }
            LedgerNote::AckedBatch { sends, base } => {
                for (i, send) in sends.into_iter().enumerate() {
                    let offset = base.map(|o| o + i as Offset);
                    self.apply(LedgerNote::Acked { send, offset }, now);
                }
            }
        }
    }
}

/// Where one send is, as the logs say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendStatus {
    /// The send.
    pub entry: SendEntry,
    /// Offsets of its copies in each replica's log (dead brokers' disks included).
    pub held_by: BTreeMap<BrokerId, Vec<Offset>>,
    /// Its offsets in the current leader's log.
    pub leader_offsets: Vec<Offset>,
    /// Below the leader's high watermark: committed.
    pub committed: bool,
    /// Read by a consumer.
    pub read: bool,
    /// Acknowledged, yet absent from the leader's log.
    pub lost: bool,
    /// Its topic was deleted (not lost: removed on purpose).
    pub deleted: bool,
    /// Appended more than once in the leader's log.
    pub duplicated: bool,
}

/// The ledger's one-line summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Sends.
    pub sent: usize,
    /// Acknowledged.
    pub acked: usize,
    /// Committed.
    pub committed: usize,
    /// Lost.
    pub lost: usize,
    /// Duplicated.
    pub duplicated: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "sent={} acked={} committed={} lost={} duplicated={}",
            self.sent, self.acked, self.committed, self.lost, self.duplicated
        )
    }
}

/// Totals over statuses.
pub fn summarize(statuses: &[SendStatus]) -> Summary {
    let mut s = Summary {
        sent: statuses.len(),
        ..Summary::default()
    };
    for st in statuses {
        if matches!(st.entry.outcome, Outcome::Acked { .. }) {
            s.acked += 1;
        }
        s.committed += usize::from(st.committed);
        s.lost += usize::from(st.lost);
        s.duplicated += usize::from(st.duplicated);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Bound::{self, Excluded, Included, Unbounded};

    #[test]
    fn the_send_table_reads_like_the_map_it_replaced() {
        let mut ledger = Ledger::default();
        let mut map = BTreeMap::new();
        for i in 0..7u32 {
            let id = ledger.open(
                &format!("p{}", i / 2),
                TopicPartition::new("t", i % 2),
                None,
                format!("v{i}").into(),
                Acks::All,
                u64::from(i),
            );
            map.insert(id, ledger.sends[&id].clone());
        }
        assert_eq!(ledger.sends.len(), 7);
        assert!(ledger.sends.get(&0).is_none() && ledger.sends.get(&8).is_none());
        assert_eq!(ledger.sends.get(&3).map(|e| &*e.value), Some("v2"));
        assert!(ledger.sends.values().eq(map.values()));
        assert_eq!(ledger.sends.keys().next_back(), map.keys().next_back());
        let bounds = [
            Unbounded,
            Included(0),
            Included(1),
            Included(4),
            Excluded(4),
            Included(7),
            Excluded(7),
            Included(9),
            Excluded(0),
        ];
        for start in bounds {
            for end in bounds {
                let ours: Vec<SendId> = ledger
                    .sends
                    .range((start, end))
                    .map(|(&id, _)| id)
                    .collect();
                let valid = !matches!((start, end), (Included(s) | Excluded(s), Included(e) | Excluded(e)) if s > e)
                    && !matches!((start, end), (Excluded(s), Excluded(e)) if s == e);
                if valid {
                    let theirs: Vec<SendId> = map
                        .range::<SendId, (Bound<&SendId>, Bound<&SendId>)>((
                            start.as_ref(),
                            end.as_ref(),
                        ))
                        .map(|(&id, _)| id)
                        .collect();
                    assert_eq!(ours, theirs, "{start:?}..{end:?}");
                }
            }
        }
        ledger.apply(LedgerNote::Attempt { send: 5 }, 9);
        assert_eq!(ledger.sends[&5].attempts, 1);
    }

    #[test]
    fn chunks_of_sends_are_shared_by_clones_and_read_as_one_list() {
        use std::hash::{Hash, Hasher};
        fn hash_of(x: &impl Hash) -> u64 {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            x.hash(&mut h);
            h.finish()
        }
        let n = 2 * SENDS_CHUNK as u32 + 7;
        let mut ledger = Ledger::default();
        for i in 0..n {
            ledger.open(
                "p",
                TopicPartition::new("t", i % 3),
                None,
                format!("v{i}").into(),
                Acks::One,
                u64::from(i),
            );
        }
        // The same Debug text and Hash as the vector of sends it was.
        let flat: Vec<SendEntry> = ledger.sends.values().cloned().collect();
        assert_eq!(format!("{:?}", ledger.sends), format!("Sends({flat:?})"));
        assert_eq!(hash_of(&ledger.sends), hash_of(&flat));
        assert_eq!(ledger.sends.values().len(), n as usize);
        assert!(ledger
            .sends
            .values()
            .rev()
            .map(|e| e.id)
            .eq((1..=u64::from(n)).rev()));
        assert_eq!(ledger.sends.range(510..515).count(), 5);
        assert_eq!(
            ledger.sends.values().nth(SENDS_CHUNK).map(|e| e.id),
            Some(SENDS_CHUNK as u64 + 1)
        );

        // A clone shares every chunk; changing a send copies its chunk alone, and the clone
        // keeps the old outcome.
        let kept = ledger.clone();
        let shared = |a: &Ledger, b: &Ledger| {
            a.sends
                .chunks
                .iter()
                .zip(&b.sends.chunks)
                .filter(|(x, y)| std::rc::Rc::ptr_eq(x, y))
                .count()
        };
        assert_eq!(shared(&ledger, &kept), 3);
        ledger.apply(
            LedgerNote::Acked {
                send: 3,
                offset: Some(1),
            },
            50,
        );
        assert_eq!(shared(&ledger, &kept), 2);
        assert_eq!(kept.sends[&3].outcome, Outcome::Pending);
        assert_ne!(ledger.sends[&3].outcome, Outcome::Pending);
        assert_ne!(ledger, kept);
        ledger.open(
            "p",
            TopicPartition::new("t", 0),
            None,
            "last".into(),
            Acks::One,
            60,
        );
        assert_eq!(
            (ledger.sends.len(), kept.sends.len()),
            (n as usize + 1, n as usize)
        );
        assert_eq!(shared(&ledger, &kept), 1);
    }
}
