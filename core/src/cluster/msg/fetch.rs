//! Fetch and ListOffsets payloads: a follower's and a consumer's fetch, and their answers (Kafka's `FetchRequest`, `ListOffsetsRequest`).

// Variant fields are named for what they hold; documenting each would repeat its name.
#![allow(missing_docs)]

use super::errors::KafkaError;
use crate::log::{Offset, Record};
use crate::model::TopicPartition;
use crate::sim::Millis;

/// One partition of a follower's fetch.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FetchPartition {
    /// The partition.
    pub tp: TopicPartition,
    /// The leader epoch the follower knows.
    pub epoch: u32,
    /// Where it wants to read from: its log end offset.
    pub offset: Offset,
}

/// One partition of a fetch response.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FetchedPartition {
    /// The partition.
    pub tp: TopicPartition,
    /// Why it was refused, if it was.
    pub error: Option<KafkaError>,
    /// Records from the requested offset on.
    pub records: Vec<Record>,
    /// Their whole batches' bytes, as the leader's files hold them.
    pub encoded: crate::log::Encoded,
    /// The leader's high watermark.
    pub hw: Offset,
    /// The leader's log end offset.
    pub log_end: Offset,
    /// The leader's log start offset.
    pub log_start: Offset,
}

/// Where `ListOffsets` looks (`ListOffsetsRequest.EARLIEST_TIMESTAMP` / `LATEST_TIMESTAMP`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffsetSpec {
    /// The log start offset.
    Earliest,
    /// The end a consumer can read to: the high watermark, or the last stable offset under
    /// `read_committed`.
    Latest,
}

/// One partition of a consumer's fetch.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConsumerFetchPartition {
    /// The partition.
    pub tp: TopicPartition,
    /// The consumer's position: the next offset it wants.
    pub offset: Offset,
}

/// A consumer's `FetchRequest` (replica id -1): one per leader, covering every partition the
/// consumer reads there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConsumerFetch {
    /// The consumer's `client.id` (the request header's).
    pub client_id: String,
    /// `fetch.min.bytes`: answer once this many bytes are readable…
    pub min_bytes: u64,
    /// `fetch.max.wait.ms`: …or once this long has passed.
    pub max_wait_ms: Millis,
    /// `fetch.max.bytes`: at most this much in the whole answer (at least one batch).
    pub max_bytes: u64,
    /// `max.partition.fetch.bytes`: at most this much per partition.
    pub partition_max_bytes: u64,
    /// `isolation.level=read_committed`: read up to the last stable offset, and get the
    /// aborted transactions.
    pub read_committed: bool,
    /// Partitions and positions.
    pub partitions: Vec<ConsumerFetchPartition>,
}

/// One partition of the answer to a consumer's fetch.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConsumerFetched {
    /// The partition.
    pub tp: TopicPartition,
    /// Why it was refused, if it was.
    pub error: Option<KafkaError>,
    /// Whole batches from the requested offset on, below the high watermark (the last stable
    /// offset under `read_committed`), control batches included.
    pub records: Vec<Record>,
    /// Their size in the log files.
    pub bytes: u64,
    /// The leader's high watermark.
    pub hw: Offset,
    /// The leader's last stable offset.
    pub last_stable_offset: Offset,
    /// The leader's log start offset.
    pub log_start: Offset,
    /// Under `read_committed`: the aborted transactions the records overlap, as
    /// (producer id, first offset), from the `.txnindex`.
    pub aborted: Vec<(i64, Offset)>,
}
