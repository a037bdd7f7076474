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
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sends(Vec<SendEntry>);

impl Sends {
    fn index(&self, id: SendId) -> Option<usize> {
        let i = usize::try_from(id.checked_sub(1)?).ok()?;
        (i < self.0.len()).then_some(i)
    }

    fn position(&self, bound: std::ops::Bound<&SendId>, start: bool) -> usize {
        use std::ops::Bound;
        let len = self.0.len() as u64;
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

    /// The send with this id.
    pub fn get(&self, id: &SendId) -> Option<&SendEntry> {
        self.index(*id).map(|i| &self.0[i])
    }

    /// The send with this id, to change it.
    pub fn get_mut(&mut self, id: &SendId) -> Option<&mut SendEntry> {
        self.index(*id).map(|i| &mut self.0[i])
    }

    /// True if a send has this id.
    pub fn contains_key(&self, id: &SendId) -> bool {
        self.index(*id).is_some()
    }

    /// How many sends.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True before the first send.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The sends, in id order.
    pub fn values(&self) -> std::slice::Iter<'_, SendEntry> {
        self.0.iter()
    }

    /// Their ids, in order.
    pub fn keys(&self) -> SendIds<'_> {
        SendIds(self.0.iter())
    }

    /// (id, send) pairs, in id order.
    pub fn iter(&self) -> SendPairs<'_> {
        self.0.iter().map(|e| (&e.id, e))
    }

    /// (id, send) pairs whose id is in `range`, in id order.
    pub fn range(&self, range: impl std::ops::RangeBounds<SendId>) -> SendPairs<'_> {
        let start = self.position(range.start_bound(), true);
        let end = self.position(range.end_bound(), false).max(start);
        self.0[start..end].iter().map(|e| (&e.id, e))
    }
}

/// [`Sends::keys`]: the ids in order (`last()` is the newest, at once, as a map's is).
#[derive(Clone, Debug)]
pub struct SendIds<'a>(std::slice::Iter<'a, SendEntry>);

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
pub type SendPairs<'a> =
    std::iter::Map<std::slice::Iter<'a, SendEntry>, fn(&SendEntry) -> (&SendId, &SendEntry)>;

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
        debug_assert_eq!(
            id as usize,
            self.sends.0.len() + 1,
            "send ids are 1, 2, 3, …"
        );
        // Runs of sends come from one client: share its id's text instead of copying it.
        let producer = match self.sends.0.last() {
            Some(e) if &*e.producer == producer => e.producer.clone(),
            _ => Text::from(producer),
        };
        self.sends.0.push(SendEntry {
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
}
