//! A producer client, as the Java `KafkaProducer` works: `send()` runs the partitioner and
//! appends the record to the **RecordAccumulator** — a deque of batches per partition, each
//! batch filling up to `batch.size` bytes — and the **Sender** drains it: a partition's first
//! batch is ready when it is full, when `linger.ms` has passed since it was created, or when
//! more batches wait behind it; then every partition the same leader leads gives its first
//! batch to one produce request, as long as fewer than
//! `max.in.flight.requests.per.connection` requests to that broker await their answer.
//!
//! A retriable error (or no answer within `request.timeout.ms`, or a broken connection) puts the
//! batch back at the front of its deque, to be sent again after `retry.backoff.ms`; the
//! metadata is refreshed first when the leader may have moved. A batch older than
//! `delivery.timeout.ms` fails. That retry is how the notes' duplicate arises — unless the
//! producer is **idempotent**: it asks a broker for a producer id (`InitProducerId`), numbers
//! each partition's batches with sequence numbers, and the leader acknowledges a retry of a
//! batch it already has with the original offset instead of writing it again.
//!
//! Defaults follow the client version chosen for the lab ([`ClientVersion`]): Kafka 2.3 of the
//! notes (`acks=1`, no idempotence, `linger.ms=0`, keyless records round-robin), 3.x
//! (`acks=all`, `enable.idempotence=true`, the sticky partitioner) or 4.0 (`linger.ms=5`).

mod accumulator;
mod config;
mod send_set;
mod sender;
mod transaction_manager;

pub use accumulator::ProducerBatch;
pub use config::{ClientVersion, ProducerConfig};
pub use send_set::SendSet;
pub use sender::InFlight;
pub use transaction_manager::{TxnClient, TxnClientState};

use crate::idxmap::IdxMap;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::msg::{Acks, Ctx, Effect, KafkaError, Msg, ProduceBatch, Timer};
use crate::ledger::LedgerNote;
use crate::log::{epoch_ms, NewRecord, Offset, SendId};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::partitioner::{
    next_sticky_partition, partition_for_key, should_switch, LoadStats, PartitionerKind, Sticky,
};
use crate::sim::Millis;
use crate::storage::batch::{record_size, Codec, ProducerFields, HEADER_SIZE, NO_SEQUENCE};

/// Counters the page charts (throughput, batching).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ProducerStats {
    /// Records appended to the accumulator.
    pub records_appended: u64,
    /// Batches sent (first attempts).
    pub batches_sent: u64,
    /// Records in those batches.
    pub records_sent: u64,
    /// Produce requests sent (retries included).
    pub requests: u64,
    /// Records acknowledged.
    pub records_acked: u64,
    /// Sum over acknowledged records of (ack time − send time).
    pub latency_sum_ms: u64,
    /// Batches sent again.
    pub retries: u64,
    /// Bytes of the batches sent (first attempts) before compression.
    pub bytes_uncompressed: u64,
    /// The same batches' bytes as written (after `compression.type`).
    pub bytes_compressed: u64,
}

/// A producer client.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Producer {
    /// Its node id number (`NodeId::Client`).
    pub id: u32,
    /// `client.id`.
    pub name: String,
    /// Bumped when the producer restarts, so its old timers are ignored.
    pub incarnation: u32,
    /// Its configuration.
    pub config: ProducerConfig,
    /// Leaders, as the last metadata said.
    pub metadata: IdxMap<TopicPartition, Option<BrokerId>>,
    /// Sends not answered yet.
    pub sends: SendSet,
    /// The accumulator: batch ids per partition, oldest first.
    pub accumulator: IdxMap<TopicPartition, VecDeque<u64>>,
    /// Every batch not yet answered (in the accumulator or in flight).
    pub batches: BTreeMap<u64, ProducerBatch>,
    /// Produce requests awaiting their answer.
    pub in_flight: crate::vecmap::VecMap<u64, InFlight>,
    /// The producer id and epoch (idempotence), once a broker gave them.
    pub producer_id: Option<(i64, i16)>,
    /// The next sequence number per partition.
    pub sequences: IdxMap<TopicPartition, i32>,
    /// Sticky partitions, per topic (built-in partitioner, 3.3+).
    pub sticky: crate::vecmap::VecMap<String, Sticky>,
    /// Adaptive partitioning's load stats, per topic.
    pub load: crate::vecmap::VecMap<String, LoadStats>,
    /// The keyless-record counter of Kafka 2.3's `DefaultPartitioner` (and of
    /// `RoundRobinPartitioner`), per topic.
    pub round_robin: IdxMap<String, u32>,
    /// Bytes of batches not yet answered (`buffer.memory` is their cap).
    pub buffer_used: usize,
    /// Sends waiting for buffer memory, with when they started waiting.
    pub blocked: VecDeque<(TopicPartition, NewRecord, Millis)>,
    /// Counters.
    pub stats: ProducerStats,
    /// The brokers it may ask for metadata (`bootstrap.servers`).
    pub bootstrap: Vec<BrokerId>,
    /// The transaction manager of a transactional producer.
    pub txn: Option<TxnClient>,
    metadata_in_flight: Option<u64>,
    init_pid_in_flight: Option<u64>,
    /// Brokers whose connection failed or timed out, until when they are avoided
    /// (`NetworkClient.leastLoadedNode` skips nodes it cannot reach).
    unreachable: BTreeMap<BrokerId, Millis>,
    /// The broker the last metadata or producer-id request went to.
    asked: BTreeMap<u64, BrokerId>,
    next_bootstrap: usize,
    next_request: u64,
    next_batch: u64,
    wakeup_at: Option<Millis>,
}

/// Delay before asking for metadata again when no broker answered.
const METADATA_RETRY_MS: Millis = 100;
/// `socket.connection.setup.timeout.ms`: how long a broker that could not be reached is
/// avoided for metadata and producer-id requests.
const CONNECTION_SETUP_TIMEOUT_MS: Millis = 10_000;

impl Producer {
    /// A producer that bootstraps from `bootstrap`.
    pub fn new(id: u32, name: &str, bootstrap: Vec<BrokerId>, config: ProducerConfig) -> Self {
        let txn = config
            .transactional_id
            .as_deref()
            .map(|t| TxnClient::new(t, config.transaction_timeout_ms));
        Self {
            txn,
            id,
            name: name.to_string(),
            incarnation: 0,
            config,
            metadata: IdxMap::new(),
            sends: SendSet::new(),
            accumulator: IdxMap::new(),
            batches: BTreeMap::new(),
            in_flight: crate::vecmap::VecMap::new(),
            producer_id: None,
            sequences: IdxMap::new(),
            sticky: crate::vecmap::VecMap::new(),
            load: crate::vecmap::VecMap::new(),
            round_robin: IdxMap::new(),
            buffer_used: 0,
            blocked: VecDeque::new(),
            stats: ProducerStats::default(),
            bootstrap,
            metadata_in_flight: None,
            init_pid_in_flight: None,
            unreachable: BTreeMap::new(),
            asked: BTreeMap::new(),
            next_bootstrap: 0,
            next_request: 1,
            next_batch: 1,
            wakeup_at: None,
        }
    }

    pub(super) fn note(ctx: &mut Ctx<'_>, note: LedgerNote) {
        ctx.out.push(Effect::Ledger(note));
    }

    /// True when every send has an answer.
    pub fn is_idle(&self) -> bool {
        self.sends.is_empty()
    }

    /// Mean time from `send()` to acknowledgement, in ms.
    pub fn mean_latency_ms(&self) -> f64 {
        if self.stats.records_acked == 0 {
            0.0
        } else {
            self.stats.latency_sum_ms as f64 / self.stats.records_acked as f64
        }
    }
}
