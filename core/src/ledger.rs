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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// No answer yet.
    Pending,
    /// Acknowledged; the offset is `None` for `acks=0` (the Java client reports -1).
    Acked { offset: Option<Offset>, at: Millis },
    /// Failed for good.
    Failed { error: KafkaError, at: Millis },
}

/// One `producer.send()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendEntry {
    /// The send's id.
    pub id: SendId,
    /// The producer's client id.
    pub producer: String,
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
}

/// Every send, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    /// The sends.
    pub sends: BTreeMap<SendId, SendEntry>,
    /// Sends a consumer has read.
    pub read: BTreeSet<SendId>,
    /// Sends whose topic was deleted (`kafka-topics.sh --delete`): gone on purpose, so never
    /// counted as lost, even if a topic of the same name is created again.
    pub deleted: BTreeSet<SendId>,
    next: SendId,
}

impl Ledger {
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
        self.sends.insert(
            id,
            SendEntry {
                id,
                producer: producer.to_string(),
                tp,
                key,
                value,
                acks,
                sent_at: now,
                attempts: 0,
                outcome: Outcome::Pending,
            },
        );
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
