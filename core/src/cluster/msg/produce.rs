//! Produce API payloads: `acks` and one partition's batch (Kafka's `ProduceRequest`).

// Variant fields are named for what they hold; documenting each would repeat its name.
#![allow(missing_docs)]

use crate::log::NewRecord;
use crate::model::TopicPartition;
use crate::storage::batch::{Marker, ProducerFields};

/// `acks`: how many replicas must have a record before the leader answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Acks {
    /// `acks=0`: no answer at all.
    Zero,
    /// `acks=1`: the leader has it.
    One,
    /// `acks=all` (`-1`): every in-sync replica has it.
    All,
}

impl Acks {
    /// As a producer config value (`0`, `1`, `all`).
    pub fn name(self) -> &'static str {
        match self {
            Acks::Zero => "0",
            Acks::One => "1",
            Acks::All => "all",
        }
    }

    /// Parses `0`, `1`, `all` or `-1`.
    pub fn parse(s: &str) -> Option<Acks> {
        match s.trim() {
            "0" => Some(Acks::Zero),
            "1" => Some(Acks::One),
            "all" | "-1" => Some(Acks::All),
            _ => None,
        }
    }
}

/// One partition's batch in a produce request.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProduceBatch {
    /// The partition.
    pub tp: TopicPartition,
    /// Its records.
    pub records: Vec<NewRecord>,
    /// Producer id, epoch, base sequence (all -1 without idempotence).
    pub producer: ProducerFields,
    /// A transaction marker instead of records (`WriteTxnMarkers`): the marker and the
    /// coordinator epoch.
    pub control: Option<(Marker, i32)>,
}
