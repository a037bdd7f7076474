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

/// The Java client version whose defaults a new producer takes.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum ClientVersion {
    /// Kafka 2.3, the notes' era: `acks=1`, `enable.idempotence=false`, `linger.ms=0`,
    /// keyless records round-robin.
    #[default]
    V2_3,
    /// Kafka 3.3 – 3.9: `acks=all`, `enable.idempotence=true` (since 3.0), `linger.ms=0`, the
    /// built-in sticky partitioner with adaptive partitioning (KIP-794, 3.3).
    V3,
    /// Kafka 4.0: as 3.x, with `linger.ms=5` (KIP-1030).
    V4_0,
}

impl ClientVersion {
    /// Reads `2.3`, `3`, `3.x`, `3.9`, `4.0` …
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "2" | "2.x" | "2.3" | "2.2" | "2.1" | "2.0" => Some(Self::V2_3),
            "3" | "3.x" | "3.3" | "3.4" | "3.5" | "3.6" | "3.7" | "3.8" | "3.9" => Some(Self::V3),
            "4" | "4.x" | "4.0" | "4.1" => Some(Self::V4_0),
            _ => None,
        }
    }

    /// How the lab labels it.
    pub fn label(self) -> &'static str {
        match self {
            Self::V2_3 => "Kafka 2.3 (the notes' era)",
            Self::V3 => "Kafka 3.3 – 3.9",
            Self::V4_0 => "Kafka 4.0",
        }
    }

    /// Its short name.
    pub fn name(self) -> &'static str {
        match self {
            Self::V2_3 => "2.3",
            Self::V3 => "3.x",
            Self::V4_0 => "4.0",
        }
    }
}

/// A producer's configuration (`ProducerConfig`), as the chosen client version sets it up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProducerConfig {
    /// The client version whose defaults apply.
    pub version: ClientVersion,
    /// `acks`.
    pub acks: Acks,
    /// `enable.idempotence`.
    pub idempotence: bool,
    /// `batch.size` (bytes).
    pub batch_size: usize,
    /// `linger.ms`.
    pub linger_ms: Millis,
    /// `buffer.memory` (bytes).
    pub buffer_memory: usize,
    /// `max.block.ms`: how long `send()` waits for buffer memory.
    pub max_block_ms: Millis,
    /// `max.in.flight.requests.per.connection`.
    pub max_in_flight: usize,
    /// `max.request.size` (bytes).
    pub max_request_size: usize,
    /// `retries`.
    pub retries: u32,
    /// `retry.backoff.ms`.
    pub retry_backoff_ms: Millis,
    /// `request.timeout.ms`.
    pub request_timeout_ms: Millis,
    /// `delivery.timeout.ms`.
    pub delivery_timeout_ms: Millis,
    /// `partitioner.class`.
    pub partitioner: PartitionerKind,
    /// `partitioner.adaptive.partitioning.enable`.
    pub adaptive: bool,
    /// `partitioner.ignore.keys`.
    pub ignore_keys: bool,
    /// `transactional.id`.
    pub transactional_id: Option<String>,
    /// `transaction.timeout.ms`.
    pub transaction_timeout_ms: Millis,
    /// `compression.type`: none or gzip.
    pub compression: Codec,
    set: BTreeSet<String>,
}

impl ProducerConfig {
    /// The defaults of a client version.
    pub fn defaults(version: ClientVersion) -> Self {
        let modern = version >= ClientVersion::V3;
        Self {
            version,
            acks: if modern { Acks::All } else { Acks::One },
            idempotence: modern,
            batch_size: 16_384,
            linger_ms: if version == ClientVersion::V4_0 { 5 } else { 0 },
            buffer_memory: 33_554_432,
            max_block_ms: 60_000,
            max_in_flight: 5,
            max_request_size: 1_048_576,
            retries: i32::MAX as u32,
            retry_backoff_ms: 100,
            request_timeout_ms: 30_000,
            delivery_timeout_ms: 120_000,
            partitioner: PartitionerKind::BuiltIn,
            adaptive: true,
            ignore_keys: false,
            transactional_id: None,
            transaction_timeout_ms: super::txn::DEFAULT_TXN_TIMEOUT_MS,
            compression: Codec::None,
            set: BTreeSet::new(),
        }
    }

    /// Applies a `--producer-property k=v`; errors read as Kafka's `ConfigException`.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let invalid = |why: &str| format!("Invalid value {value} for configuration {key}: {why}");
        let long = || {
            value
                .trim()
                .parse::<u64>()
                .map_err(|_| invalid("Not a number of type LONG"))
        };
        let int = || {
            value
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|&n| n <= i32::MAX as u32)
                .ok_or_else(|| invalid("Not a number of type INT"))
        };
        let boolean = || match value.trim() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(invalid("Expected value to be either true or false")),
        };
        match key {
            "acks" => {
                self.acks = Acks::parse(value)
                    .ok_or_else(|| invalid("String must be one of: all, -1, 0, 1"))?
            }
            "enable.idempotence" => self.idempotence = boolean()?,
            "batch.size" => self.batch_size = int()? as usize,
            "linger.ms" => self.linger_ms = long()?,
            "buffer.memory" => self.buffer_memory = long()? as usize,
            "max.block.ms" => self.max_block_ms = long()?,
            "max.in.flight.requests.per.connection" => {
                let n = int()?;
                if n == 0 {
                    return Err(invalid("Value must be at least 1"));
                }
                self.max_in_flight = n as usize;
            }
            "max.request.size" => self.max_request_size = int()? as usize,
            "retries" => self.retries = int()?,
            "retry.backoff.ms" => self.retry_backoff_ms = long()?,
            "request.timeout.ms" => self.request_timeout_ms = long()?,
            "delivery.timeout.ms" => self.delivery_timeout_ms = long()?,
            "partitioner.class" => {
                self.partitioner = PartitionerKind::parse(value).ok_or_else(|| {
                    format!("Invalid value {value} for configuration partitioner.class: Class {value} cannot be found (the lab knows org.apache.kafka.clients.producer.RoundRobinPartitioner and org.apache.kafka.clients.producer.UniformStickyPartitioner)")
                })?
            }
            "partitioner.adaptive.partitioning.enable" => self.adaptive = boolean()?,
            "partitioner.ignore.keys" => self.ignore_keys = boolean()?,
            "transactional.id" => {
                let id = value.trim();
                if id.is_empty() {
                    return Err(invalid("transactional.id must not be empty"));
                }
                if id.len() > 249 {
                    return Err(invalid("the lab takes transactional ids of at most 249 characters"));
                }
                self.transactional_id = Some(id.to_string());
            }
            "transaction.timeout.ms" => {
                let ms = long()?;
                if ms == 0 || ms > i32::MAX as u64 {
                    return Err(invalid("Value must be between 1 and 2147483647"));
                }
                self.transaction_timeout_ms = ms;
            }
            "compression.type" => {
                self.compression = match value.trim() {
                    "none" => Codec::None,
                    "gzip" => Codec::Gzip,
                    v @ ("snappy" | "lz4" | "zstd") => {
                        return Err(format!(
                            "compression.type={v}: not modelled in the lab; gzip is (none, gzip)"
                        ))
                    }
                    _ => {
                        return Err(format!(
                            "Invalid value {value} for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd"
                        ))
                    }
                }
            }
            "bootstrap.servers" | "client.id" | "key.serializer" | "value.serializer" => {}
            other => return Err(format!("Unknown producer config {other}")),
        }
        self.set.insert(key.to_string());
        Ok(())
    }

    /// Checks the combination as `ProducerConfig.postProcessAndValidateIdempotenceConfigs`
    /// and `KafkaProducer.configureDeliveryTimeout` do: with idempotence set explicitly,
    /// `acks` must be all, `retries` non-zero and at most 5 requests in flight; with
    /// idempotence only by default, a conflicting setting turns it off (3.2+).
    pub fn validate(&mut self) -> Result<(), String> {
        if self.transactional_id.is_some() {
            // A transactional producer is idempotent (`postProcessAndValidateIdempotenceConfigs`).
            if self.set.contains("enable.idempotence") && !self.idempotence {
                return Err(
                    "Cannot set a transactional.id without also enabling idempotence.".into(),
                );
            }
            self.idempotence = true;
            // `maybeOverrideAcksAndRetries`: an idempotent producer without an explicit acks
            // uses acks=all.
            if !self.set.contains("acks") {
                self.acks = Acks::All;
            }
        }
        let explicit = self.set.contains("enable.idempotence") || self.transactional_id.is_some();
        let conflicts = self.acks != Acks::All || self.retries == 0 || self.max_in_flight > 5;
        if self.idempotence && conflicts {
            if !explicit {
                self.idempotence = false;
            } else if self.acks != Acks::All {
                return Err("Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.".into());
            } else if self.retries == 0 {
                return Err(
                    "Must set retries to non-zero when using the idempotent producer.".into(),
                );
            } else {
                return Err("Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.".into());
            }
        }
        if self.set.contains("delivery.timeout.ms")
            && self.delivery_timeout_ms < self.linger_ms + self.request_timeout_ms
        {
            return Err(format!(
                "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms ({} < {} + {})",
                self.delivery_timeout_ms, self.linger_ms, self.request_timeout_ms
            ));
        }
        if !self.set.contains("delivery.timeout.ms") {
            self.delivery_timeout_ms = self
                .delivery_timeout_ms
                .max(self.linger_ms + self.request_timeout_ms);
        }
        Ok(())
    }

    /// The settings that differ from Kafka's defaults for its version, `k=v` sorted.
    pub fn overrides(&self) -> Vec<String> {
        self.set
            .iter()
            .map(|k| {
                let v = match k.as_str() {
                    "acks" => self.acks.name().to_string(),
                    "enable.idempotence" => self.idempotence.to_string(),
                    "batch.size" => self.batch_size.to_string(),
                    "linger.ms" => self.linger_ms.to_string(),
                    "buffer.memory" => self.buffer_memory.to_string(),
                    "max.in.flight.requests.per.connection" => self.max_in_flight.to_string(),
                    "retries" => self.retries.to_string(),
                    "partitioner.class" => self.partitioner.class().to_string(),
                    "delivery.timeout.ms" => self.delivery_timeout_ms.to_string(),
                    "request.timeout.ms" => self.request_timeout_ms.to_string(),
                    "retry.backoff.ms" => self.retry_backoff_ms.to_string(),
                    "transactional.id" => self.transactional_id.clone().unwrap_or_default(),
                    "transaction.timeout.ms" => self.transaction_timeout_ms.to_string(),
                    "compression.type" => self.compression.name().to_string(),
                    _ => "…".to_string(),
                };
                format!("{k}={v}")
            })
            .collect()
    }
}

/// A batch in the accumulator or in flight (`ProducerBatch`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProducerBatch {
    /// The producer's id for it.
    pub id: u64,
    /// Its partition.
    pub tp: TopicPartition,
    /// Its records.
    pub records: Vec<NewRecord>,
    /// Bytes it will take (batch header included), as the accumulator estimates.
    pub bytes: usize,
    /// When it was created.
    pub created: Millis,
    /// No more records go in (it was full, or it was drained).
    pub closed: bool,
    /// Produce requests made with it.
    pub attempts: u32,
    /// When it was last sent.
    pub last_attempt: Millis,
    /// The request it is in, if any.
    pub in_flight: Option<u64>,
    /// Its base sequence (idempotent producers; -1 otherwise), set at its first drain.
    pub base_sequence: i32,
}

impl ProducerBatch {
    /// True once it cannot take more records.
    pub fn is_full(&self, batch_size: usize) -> bool {
        self.closed || self.bytes >= batch_size
    }
}

/// A produce request awaiting its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InFlight {
    /// The broker it went to.
    pub broker: BrokerId,
    /// The batches it carries.
    pub batches: Vec<u64>,
    /// When it left.
    pub sent: Millis,
}

/// Counters the page charts (throughput, batching).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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

/// Where a transactional producer is (`TransactionManager.State`, simplified).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TxnClientState {
    /// `initTransactions()` not called yet.
    Uninitialized,
    /// `initTransactions()` waiting for its producer id and epoch.
    Initializing,
    /// No transaction open.
    Ready,
    /// `beginTransaction()` called: sends go in the transaction.
    InTransaction,
    /// `commitTransaction()`: flushing, then EndTxn(commit).
    Committing,
    /// `abortTransaction()`: dropping unsent batches, then EndTxn(abort).
    Aborting,
    /// Fenced by a newer epoch (`ProducerFencedException`): the instance must close.
    Fenced,
}

impl TxnClientState {
    /// A name for output.
    pub fn name(self) -> &'static str {
        match self {
            TxnClientState::Uninitialized => "UNINITIALIZED",
            TxnClientState::Initializing => "INITIALIZING",
            TxnClientState::Ready => "READY",
            TxnClientState::InTransaction => "IN_TRANSACTION",
            TxnClientState::Committing => "COMMITTING_TRANSACTION",
            TxnClientState::Aborting => "ABORTING_TRANSACTION",
            TxnClientState::Fenced => "FATAL_ERROR (fenced)",
        }
    }
}

/// A transactional producer's `TransactionManager`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxnClient {
    /// `transactional.id`.
    pub id: String,
    /// `transaction.timeout.ms`.
    pub timeout_ms: Millis,
    /// The coordinator, once found.
    pub coordinator: Option<BrokerId>,
    /// The state.
    pub state: TxnClientState,
    /// Partitions added to the open transaction.
    pub added: BTreeSet<TopicPartition>,
    /// Partitions in the AddPartitionsToTxn request in flight.
    pub adding: BTreeSet<TopicPartition>,
    /// A send of the open transaction failed: it can only abort.
    pub abortable: Option<KafkaError>,
    /// How the last commit or abort ended: Ok(committed?) or the error.
    pub last_result: Option<Result<bool, KafkaError>>,
    /// Transactions committed and aborted by this instance.
    pub committed: u32,
    /// Transactions aborted.
    pub aborted: u32,
    last_coordinator: Option<BrokerId>,
    find_in_flight: Option<u64>,
    add_in_flight: Option<u64>,
    end_in_flight: Option<u64>,
    backoff_until: Millis,
}

impl TxnClient {
    fn new(id: &str, timeout_ms: Millis) -> Self {
        Self {
            id: id.to_string(),
            timeout_ms,
            coordinator: None,
            state: TxnClientState::Uninitialized,
            added: BTreeSet::new(),
            adding: BTreeSet::new(),
            abortable: None,
            last_result: None,
            committed: 0,
            aborted: 0,
            last_coordinator: None,
            find_in_flight: None,
            add_in_flight: None,
            end_in_flight: None,
            backoff_until: 0,
        }
    }

    /// True while a request to the coordinator awaits its answer.
    pub fn busy(&self) -> bool {
        self.find_in_flight.is_some()
            || self.add_in_flight.is_some()
            || self.end_in_flight.is_some()
    }
}

/// A producer client.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    pub metadata: BTreeMap<TopicPartition, Option<BrokerId>>,
    /// Sends not answered yet, and their partition.
    pub sends: BTreeMap<SendId, TopicPartition>,
    /// The accumulator: batch ids per partition, oldest first.
    pub accumulator: BTreeMap<TopicPartition, VecDeque<u64>>,
    /// Every batch not yet answered (in the accumulator or in flight).
    pub batches: BTreeMap<u64, ProducerBatch>,
    /// Produce requests awaiting their answer.
    pub in_flight: BTreeMap<u64, InFlight>,
    /// The producer id and epoch (idempotence), once a broker gave them.
    pub producer_id: Option<(i64, i16)>,
    /// The next sequence number per partition.
    pub sequences: BTreeMap<TopicPartition, i32>,
    /// Sticky partitions, per topic (built-in partitioner, 3.3+).
    pub sticky: BTreeMap<String, Sticky>,
    /// Adaptive partitioning's load stats, per topic.
    pub load: BTreeMap<String, LoadStats>,
    /// The keyless-record counter of Kafka 2.3's `DefaultPartitioner` (and of
    /// `RoundRobinPartitioner`), per topic.
    pub round_robin: BTreeMap<String, u32>,
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
            metadata: BTreeMap::new(),
            sends: BTreeMap::new(),
            accumulator: BTreeMap::new(),
            batches: BTreeMap::new(),
            in_flight: BTreeMap::new(),
            producer_id: None,
            sequences: BTreeMap::new(),
            sticky: BTreeMap::new(),
            load: BTreeMap::new(),
            round_robin: BTreeMap::new(),
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

    fn note(ctx: &mut Ctx<'_>, note: LedgerNote) {
        ctx.out.push(Effect::Ledger(note));
    }

    /// The partition for a record: explicit, else by key (murmur2), else as the partitioner
    /// says for keyless records. `available` are the partitions with a leader.
    pub fn partition(
        &mut self,
        ctx: &mut Ctx<'_>,
        topic: &str,
        key: Option<&[u8]>,
        num_partitions: u32,
        available: &[u32],
    ) -> u32 {
        let n = num_partitions.max(1);
        let round_robin = |this: &mut Self| {
            let c = this.round_robin.entry(topic.to_string()).or_insert(0);
            let v = *c;
            *c = c.wrapping_add(1);
            if available.is_empty() {
                v % n
            } else {
                available[(v % available.len() as u32) as usize]
            }
        };
        match self.config.partitioner {
            PartitionerKind::RoundRobin => return round_robin(self),
            PartitionerKind::UniformSticky => {}
            PartitionerKind::BuiltIn => {
                if let (Some(k), false) = (key, self.config.ignore_keys) {
                    return partition_for_key(k, n);
                }
                if self.config.version == ClientVersion::V2_3 {
                    return round_robin(self);
                }
            }
        }
        if let Some(s) = self.sticky.get(topic) {
            return s.partition;
        }
        let load = if self.config.adaptive {
            self.load.get(topic)
        } else {
            None
        };
        let partition = next_sticky_partition(ctx.rng.next_u64() as u32, available, n, load);
        self.sticky.insert(
            topic.to_string(),
            Sticky {
                partition,
                produced_bytes: 0,
            },
        );
        partition
    }

    /// `producer.send()`: the record goes into its partition's last batch, or a new one.
    pub fn send(&mut self, ctx: &mut Ctx<'_>, send: SendId, tp: TopicPartition, record: NewRecord) {
        self.sends.insert(send, tp.clone());
        if !self.blocked.is_empty() || !self.append(ctx, &tp, record.clone()) {
            // `buffer.memory` is used up: send() blocks up to `max.block.ms`.
            self.blocked.push_back((tp, record, ctx.now));
            self.schedule(ctx, ctx.now + self.config.max_block_ms);
        }
        self.schedule(ctx, ctx.now);
    }

    /// Appends to the accumulator; false if the buffer has no room.
    fn append(&mut self, ctx: &mut Ctx<'_>, tp: &TopicPartition, record: NewRecord) -> bool {
        let batch_size = self.config.batch_size;
        let dq = self.accumulator.entry(tp.clone()).or_default();
        let last = dq
            .back()
            .and_then(|id| self.batches.get(id))
            .filter(|b| !b.closed);
        let fits = last.map(|b| {
            let base_ts = b.records.first().map_or(record.timestamp, |r| r.timestamp);
            let size = record_size(
                b.records.len() as i32,
                epoch_ms(record.timestamp) - epoch_ms(base_ts),
                record.key.as_deref().map(str::as_bytes),
                Some(record.value.as_bytes()),
            );
            (b.id, size, b.bytes + size <= batch_size)
        });
        let appended = match fits {
            Some((id, size, true)) => {
                let b = self.batches.get_mut(&id).expect("batch");
                b.records.push(record);
                b.bytes += size;
                size
            }
            other => {
                if let Some((id, _, false)) = other {
                    if let Some(b) = self.batches.get_mut(&id) {
                        b.closed = true;
                    }
                }
                let size = HEADER_SIZE
                    + record_size(
                        0,
                        0,
                        record.key.as_deref().map(str::as_bytes),
                        Some(record.value.as_bytes()),
                    );
                // The buffer pool hands out max(batch.size, record) bytes per batch.
                let alloc = size.max(batch_size);
                if self.buffer_used + alloc > self.config.buffer_memory {
                    return false;
                }
                self.buffer_used += alloc;
                let id = self.next_batch;
                self.next_batch += 1;
                self.batches.insert(
                    id,
                    ProducerBatch {
                        id,
                        tp: tp.clone(),
                        records: vec![record],
                        bytes: size,
                        created: ctx.now,
                        closed: false,
                        attempts: 0,
                        last_attempt: 0,
                        in_flight: None,
                        base_sequence: NO_SEQUENCE,
                    },
                );
                self.accumulator
                    .entry(tp.clone())
                    .or_default()
                    .push_back(id);
                size
            }
        };
        self.stats.records_appended += 1;
        // The sticky partition moves on once batch.size bytes went to it.
        if let Some(s) = self.sticky.get_mut(&tp.topic) {
            if s.partition == tp.partition {
                s.produced_bytes += appended;
                let last_full = self
                    .accumulator
                    .get(tp)
                    .and_then(|dq| dq.back())
                    .and_then(|id| self.batches.get(id))
                    .is_none_or(|b| b.is_full(batch_size));
                if should_switch(s, batch_size, last_full) {
                    self.sticky.remove(&tp.topic);
                }
            }
        }
        true
    }

    /// Wakes the sender at `at` (or earlier, if it is already due earlier).
    fn schedule(&mut self, ctx: &mut Ctx<'_>, at: Millis) {
        let at = at.max(ctx.now);
        if self.wakeup_at.is_some_and(|w| w <= at && w >= ctx.now) {
            return;
        }
        self.wakeup_at = Some(at);
        ctx.timer(
            at - ctx.now,
            Timer::ProducerWakeup {
                incarnation: self.incarnation,
            },
        );
    }

    fn leader(&self, tp: &TopicPartition) -> Option<BrokerId> {
        self.metadata.get(tp).copied().flatten()
    }

    /// The sender thread's loop (`Sender.runOnce`): expire old batches, find ready leaders,
    /// drain one batch per partition into one request per leader, and sleep until the next
    /// batch can be ready.
    fn run_sender(&mut self, ctx: &mut Ctx<'_>) {
        self.expire(ctx);
        self.unblock(ctx);
        if self.txn.is_some() {
            if !self.txn_step(ctx) {
                return;
            }
        } else if self.config.idempotence && self.producer_id.is_none() {
            if !self.accumulator.values().all(VecDeque::is_empty) {
                self.init_producer_id(ctx);
            }
            return;
        }
        let now = ctx.now;
        let mut ready: BTreeSet<BrokerId> = BTreeSet::new();
        let mut next_check: Option<Millis> = None;
        let mut unknown_leader = false;
        let exhausted = !self.blocked.is_empty();
        let mut queue_sizes: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
        for (tp, dq) in &self.accumulator {
            let Some(&first) = dq.front() else { continue };
            if self.txn.as_ref().is_some_and(|t| !t.added.contains(tp)) {
                continue; // AddPartitionsToTxn first
            }
            let b = &self.batches[&first];
            if b.in_flight.is_some() {
                continue;
            }
            let Some(leader) = self.leader(tp) else {
                unknown_leader = true;
                continue;
            };
            queue_sizes
                .entry(tp.topic.clone())
                .or_default()
                .push((tp.partition, dq.len() as u32));
            let backing_off = b.attempts > 0 && now < b.last_attempt + self.config.retry_backoff_ms;
            let since = if b.attempts > 0 {
                b.last_attempt
            } else {
                b.created
            };
            let wait = if backing_off {
                self.config.retry_backoff_ms
            } else {
                self.config.linger_ms
            };
            let full = dq.len() > 1 || b.is_full(self.config.batch_size);
            let expired = now >= since + wait;
            if (full || expired || exhausted) && !backing_off {
                ready.insert(leader);
            } else {
                let at = since + wait;
                next_check = Some(next_check.map_or(at, |n: Millis| n.min(at)));
            }
        }
        // Adaptive partitioning: shorter queues get more keyless records.
        for (topic, sizes) in queue_sizes {
            let n = self.metadata.keys().filter(|tp| tp.topic == topic).count() as u32;
            match LoadStats::from_queue_sizes(&sizes, n) {
                Some(l) => {
                    self.load.insert(topic, l);
                }
                None => {
                    self.load.remove(&topic);
                }
            }
        }
        if unknown_leader {
            self.request_metadata(ctx);
        }
        for broker in ready {
            let in_flight = self
                .in_flight
                .values()
                .filter(|f| f.broker == broker)
                .count();
            if in_flight >= self.config.max_in_flight {
                continue;
            }
            self.drain(ctx, broker);
        }
        if let Some(at) = next_check {
            self.schedule(ctx, at);
        }
    }

    /// `RecordAccumulator.drain` for one leader, then the produce request.
    fn drain(&mut self, ctx: &mut Ctx<'_>, broker: BrokerId) {
        let now = ctx.now;
        let mut taken: Vec<u64> = Vec::new();
        let mut size = 0usize;
        let tps: Vec<TopicPartition> = self
            .accumulator
            .keys()
            .filter(|tp| self.leader(tp) == Some(broker))
            .filter(|tp| self.txn.as_ref().is_none_or(|t| t.added.contains(*tp)))
            .cloned()
            .collect();
        for tp in tps {
            let Some(&first) = self.accumulator.get(&tp).and_then(|dq| dq.front()) else {
                continue;
            };
            let b = &self.batches[&first];
            if b.in_flight.is_some()
                || (b.attempts > 0 && now < b.last_attempt + self.config.retry_backoff_ms)
            {
                continue;
            }
            // With idempotence, a retried batch goes only when it is the partition's oldest
            // unanswered one, so sequences reach the broker in order.
            if self.config.idempotence && b.base_sequence != NO_SEQUENCE {
                let oldest = self
                    .batches
                    .values()
                    .filter(|o| o.tp == tp && o.base_sequence != NO_SEQUENCE)
                    .map(|o| o.base_sequence)
                    .min();
                if oldest != Some(b.base_sequence) {
                    continue;
                }
            }
            if !taken.is_empty() && size + b.bytes > self.config.max_request_size {
                break;
            }
            size += b.bytes;
            self.accumulator.get_mut(&tp).expect("deque").pop_front();
            taken.push(first);
        }
        if taken.is_empty() {
            return;
        }
        let request = self.next_request;
        self.next_request += 1;
        let mut wire = Vec::with_capacity(taken.len());
        for &id in &taken {
            let b = self.batches.get_mut(&id).expect("batch");
            b.closed = true;
            if b.attempts == 0 {
                self.stats.batches_sent += 1;
                self.stats.records_sent += b.records.len() as u64;
                self.stats.bytes_uncompressed += b.bytes as u64;
                self.stats.bytes_compressed += match self.config.compression {
                    Codec::None => b.bytes as u64,
                    codec => crate::log::encoded_size(
                        &b.records,
                        ProducerFields {
                            codec,
                            ..ProducerFields::NONE
                        },
                    ) as u64,
                };
            } else {
                self.stats.retries += 1;
            }
            b.attempts += 1;
            b.last_attempt = now;
            b.in_flight = Some(request);
            let producer = match self.producer_id {
                Some((pid, epoch)) if self.config.idempotence => {
                    if b.base_sequence == NO_SEQUENCE {
                        let seq = self.sequences.entry(b.tp.clone()).or_insert(0);
                        b.base_sequence = *seq;
                        *seq =
                            crate::storage::batch::increment_sequence(*seq, b.records.len() as i32);
                    }
                    ProducerFields {
                        id: pid,
                        epoch,
                        base_sequence: b.base_sequence,
                        transactional: self.txn.is_some(),
                        codec: self.config.compression,
                    }
                }
                _ => ProducerFields {
                    codec: self.config.compression,
                    ..ProducerFields::NONE
                },
            };
            for r in &b.records {
                Self::note(ctx, LedgerNote::Attempt { send: r.send });
            }
            wire.push(ProduceBatch {
                tp: b.tp.clone(),
                records: b.records.clone(),
                producer,
                control: None,
            });
        }
        self.stats.requests += 1;
        ctx.send(
            NodeId::Broker(broker),
            Msg::Produce {
                request,
                batches: wire,
                acks: self.config.acks,
                timeout_ms: self.config.request_timeout_ms,
            },
        );
        if self.config.acks == Acks::Zero {
            // Fire and forget: the Java client completes an acks=0 send once it is written to
            // the socket, with offset -1.
            for id in taken {
                self.complete(ctx, id, None);
            }
        } else {
            self.in_flight.insert(
                request,
                InFlight {
                    broker,
                    batches: taken,
                    sent: now,
                },
            );
            ctx.timer(
                self.config.request_timeout_ms,
                Timer::ProducerRequestTimeout { request },
            );
        }
    }

    /// A batch succeeded: every record gets its offset.
    fn complete(&mut self, ctx: &mut Ctx<'_>, id: u64, base: Option<Offset>) {
        let Some(b) = self.batches.remove(&id) else {
            return;
        };
        self.release(&b);
        for (i, r) in b.records.iter().enumerate() {
            self.sends.remove(&r.send);
            self.stats.records_acked += 1;
            self.stats.latency_sum_ms += ctx.now.saturating_sub(r.timestamp);
            Self::note(
                ctx,
                LedgerNote::Acked {
                    send: r.send,
                    offset: base.map(|o| o + i as Offset),
                },
            );
        }
    }

    /// A batch failed for good.
    fn fail(&mut self, ctx: &mut Ctx<'_>, id: u64, error: KafkaError) {
        let Some(b) = self.batches.remove(&id) else {
            return;
        };
        if let Some(t) = self.txn.as_mut() {
            if matches!(
                error,
                KafkaError::InvalidProducerEpoch | KafkaError::ProducerFenced
            ) {
                t.state = TxnClientState::Fenced;
            } else if t.abortable.is_none() && error != KafkaError::TransactionAborted {
                t.abortable = Some(error);
            }
        }
        self.release(&b);
        if let Some(dq) = self.accumulator.get_mut(&b.tp) {
            dq.retain(|&x| x != id);
        }
        for r in &b.records {
            self.sends.remove(&r.send);
            Self::note(
                ctx,
                LedgerNote::Failed {
                    send: r.send,
                    error,
                },
            );
        }
    }

    fn release(&mut self, b: &ProducerBatch) {
        self.buffer_used = self
            .buffer_used
            .saturating_sub(b.bytes.max(self.config.batch_size));
    }

    /// Batches older than `delivery.timeout.ms` fail (`RecordAccumulator.expiredBatches`,
    /// `Sender.getExpiredInflightBatches`); blocked sends past `max.block.ms` too.
    fn expire(&mut self, ctx: &mut Ctx<'_>) {
        let now = ctx.now;
        let limit = self.config.delivery_timeout_ms;
        let expired: Vec<u64> = self
            .batches
            .values()
            .filter(|b| now >= b.created + limit)
            .map(|b| b.id)
            .collect();
        for id in expired {
            if let Some(req) = self.batches.get(&id).and_then(|b| b.in_flight) {
                if let Some(f) = self.in_flight.get_mut(&req) {
                    f.batches.retain(|&x| x != id);
                }
            }
            self.fail(ctx, id, KafkaError::DeliveryTimeout);
        }
        if let Some(oldest) = self.batches.values().map(|b| b.created).min() {
            self.schedule(ctx, oldest + limit);
        }
        while let Some((_, r, since)) = self.blocked.front() {
            if now < since + self.config.max_block_ms {
                break;
            }
            let send = r.send;
            self.blocked.pop_front();
            self.sends.remove(&send);
            Self::note(
                ctx,
                LedgerNote::Failed {
                    send,
                    error: KafkaError::DeliveryTimeout,
                },
            );
        }
    }

    /// Sends that waited for buffer memory go in as memory frees.
    fn unblock(&mut self, ctx: &mut Ctx<'_>) {
        while let Some((tp, r, since)) = self.blocked.pop_front() {
            if !self.append(ctx, &tp, r.clone()) {
                self.blocked.push_front((tp, r, since));
                break;
            }
        }
    }

    /// The next broker to ask for metadata or a producer id: in turn, skipping those that
    /// could not be reached lately (`socket.connection.setup.timeout.ms`, 10 s).
    fn least_loaded(&mut self, now: Millis) -> Option<BrokerId> {
        let n = self.bootstrap.len();
        if n == 0 {
            return None;
        }
        let start = self.next_bootstrap;
        let pick = (0..n)
            .map(|i| (start + i) % n)
            .find(|&i| {
                self.unreachable
                    .get(&self.bootstrap[i])
                    .is_none_or(|&until| now >= until)
            })
            .unwrap_or(start % n);
        self.next_bootstrap = pick + 1;
        Some(self.bootstrap[pick])
    }

    fn mark_unreachable(&mut self, broker: BrokerId, now: Millis) {
        self.unreachable
            .insert(broker, now + CONNECTION_SETUP_TIMEOUT_MS);
    }

    fn init_producer_id(&mut self, ctx: &mut Ctx<'_>) {
        if self.init_pid_in_flight.is_some() {
            return;
        }
        let transactional_id = self.txn.as_ref().map(|t| (t.id.clone(), t.timeout_ms));
        let target = match &self.txn {
            Some(t) => t.coordinator,
            None => self.least_loaded(ctx.now),
        };
        let Some(broker) = target else {
            return;
        };
        let request = self.next_request;
        self.next_request += 1;
        self.init_pid_in_flight = Some(request);
        self.asked.insert(request, broker);
        ctx.send(
            NodeId::Broker(broker),
            Msg::InitProducerId {
                request,
                transactional_id,
            },
        );
        ctx.timer(
            self.config.request_timeout_ms,
            Timer::ProducerRequestTimeout { request },
        );
    }

    fn request_metadata(&mut self, ctx: &mut Ctx<'_>) {
        if self.metadata_in_flight.is_some() {
            return;
        }
        let Some(broker) = self.least_loaded(ctx.now) else {
            return;
        };
        let request = self.next_request;
        self.next_request += 1;
        self.metadata_in_flight = Some(request);
        self.asked.insert(request, broker);
        ctx.send(NodeId::Broker(broker), Msg::Metadata { request });
        ctx.timer(30_000, Timer::ProducerRequestTimeout { request });
    }

    /// The transaction manager's next step (`TransactionManager.nextRequest`): find the
    /// coordinator, get the producer id, add new partitions, end the transaction. True if
    /// the sender may drain batches.
    fn txn_step(&mut self, ctx: &mut Ctx<'_>) -> bool {
        let now = ctx.now;
        let Some(t) = self.txn.as_ref() else {
            return true;
        };
        if t.state == TxnClientState::Fenced {
            let ids: Vec<u64> = self.batches.keys().copied().collect();
            for id in ids {
                if self.batches.get(&id).is_some_and(|b| b.in_flight.is_none()) {
                    self.fail(ctx, id, KafkaError::ProducerFenced);
                }
            }
            return false;
        }
        if t.state == TxnClientState::Uninitialized {
            return false;
        }
        if now < t.backoff_until {
            let (at, known) = (t.backoff_until, t.coordinator.is_some());
            self.schedule(ctx, at);
            return self.producer_id.is_some() && known;
        }
        if t.coordinator.is_none() {
            if t.find_in_flight.is_none() && self.init_pid_in_flight.is_none() {
                let key = t.id.clone();
                if let Some(broker) = self.least_loaded(now) {
                    let request = self.next_request;
                    self.next_request += 1;
                    self.asked.insert(request, broker);
                    if let Some(t) = self.txn.as_mut() {
                        t.find_in_flight = Some(request);
                    }
                    ctx.send(
                        NodeId::Broker(broker),
                        Msg::FindCoordinator { request, key },
                    );
                    ctx.timer(
                        self.config.request_timeout_ms,
                        Timer::ProducerRequestTimeout { request },
                    );
                }
            }
            return false;
        }
        if self.producer_id.is_none() {
            self.init_producer_id(ctx);
            return false;
        }
        let coordinator = t.coordinator.expect("checked");
        let (pid, epoch) = self.producer_id.expect("checked");
        let id = t.id.clone();
        // Partitions with records that the transaction does not have yet.
        if t.add_in_flight.is_none()
            && matches!(
                t.state,
                TxnClientState::InTransaction | TxnClientState::Committing
            )
        {
            let new: BTreeSet<TopicPartition> = self
                .accumulator
                .iter()
                .filter(|(tp, dq)| !dq.is_empty() && !t.added.contains(*tp))
                .map(|(tp, _)| tp.clone())
                .collect();
            if !new.is_empty() {
                let request = self.next_request;
                self.next_request += 1;
                self.asked.insert(request, coordinator);
                ctx.send(
                    NodeId::Broker(coordinator),
                    Msg::AddPartitionsToTxn {
                        request,
                        transactional_id: id.clone(),
                        producer_id: pid,
                        epoch,
                        partitions: new.iter().cloned().collect(),
                    },
                );
                ctx.timer(
                    self.config.request_timeout_ms,
                    Timer::ProducerRequestTimeout { request },
                );
                let t = self.txn.as_mut().expect("transactional");
                t.adding = new;
                t.add_in_flight = Some(request);
            }
        }
        let t = self.txn.as_ref().expect("transactional");
        let ending = matches!(
            t.state,
            TxnClientState::Committing | TxnClientState::Aborting
        );
        if ending
            && self.batches.is_empty()
            && self.blocked.is_empty()
            && t.add_in_flight.is_none()
            && t.end_in_flight.is_none()
        {
            if t.added.is_empty() {
                // Nothing was sent: the client ends it alone, no EndTxn.
                let committed = t.state == TxnClientState::Committing && t.abortable.is_none();
                self.finish_txn(Ok(committed));
            } else {
                let commit = t.state == TxnClientState::Committing && t.abortable.is_none();
                let request = self.next_request;
                self.next_request += 1;
                self.asked.insert(request, coordinator);
                ctx.send(
                    NodeId::Broker(coordinator),
                    Msg::EndTxn {
                        request,
                        transactional_id: id,
                        producer_id: pid,
                        epoch,
                        commit,
                    },
                );
                ctx.timer(
                    self.config.request_timeout_ms,
                    Timer::ProducerRequestTimeout { request },
                );
                if let Some(t) = self.txn.as_mut() {
                    t.end_in_flight = Some(request);
                }
            }
        }
        true
    }

    /// The transaction ended (or could not).
    fn finish_txn(&mut self, result: Result<bool, KafkaError>) {
        if let Some(t) = self.txn.as_mut() {
            match result {
                Ok(true) => t.committed += 1,
                Ok(false) => t.aborted += 1,
                Err(_) => {}
            }
            t.last_result = Some(match (result, t.abortable) {
                (Ok(false), Some(e)) if t.state == TxnClientState::Committing => Err(e),
                (r, _) => r,
            });
            t.state = TxnClientState::Ready;
            t.added.clear();
            t.adding.clear();
            t.abortable = None;
        }
    }

    /// A transactional request failed: fenced, or retry after the backoff (finding the
    /// coordinator again if it moved).
    fn txn_retry(&mut self, ctx: &mut Ctx<'_>, error: KafkaError) {
        let backoff = self.config.retry_backoff_ms;
        let Some(t) = self.txn.as_mut() else {
            self.schedule(ctx, ctx.now + backoff);
            return;
        };
        match error {
            KafkaError::ProducerFenced | KafkaError::InvalidProducerEpoch => {
                t.state = TxnClientState::Fenced;
                t.last_result = Some(Err(KafkaError::ProducerFenced));
            }
            KafkaError::NotCoordinator
            | KafkaError::CoordinatorNotAvailable
            | KafkaError::NetworkException
            | KafkaError::RequestTimedOut => {
                t.coordinator = None;
            }
            _ => {}
        }
        t.backoff_until = ctx.now + backoff;
        self.schedule(ctx, ctx.now + backoff);
    }

    fn txn_request_failed(&mut self, ctx: &mut Ctx<'_>, request: u64, error: KafkaError) {
        let Some(t) = self.txn.as_mut() else {
            return;
        };
        if t.find_in_flight == Some(request) {
            t.find_in_flight = None;
        } else if t.add_in_flight == Some(request) {
            t.add_in_flight = None;
            t.adding.clear();
        } else if t.end_in_flight == Some(request) {
            t.end_in_flight = None;
        } else {
            return;
        }
        if let Some(b) = self.asked.remove(&request) {
            self.mark_unreachable(b, ctx.now);
        }
        self.txn_retry(ctx, error);
    }

    /// `initTransactions()`: find the coordinator and get the producer id and epoch.
    pub fn init_transactions(&mut self, ctx: &mut Ctx<'_>) {
        if let Some(t) = self.txn.as_mut() {
            if t.state == TxnClientState::Uninitialized {
                t.state = TxnClientState::Initializing;
            }
        }
        self.schedule(ctx, ctx.now);
    }

    /// `beginTransaction()`.
    pub fn begin_transaction(&mut self) -> Result<(), String> {
        let t = self.txn.as_mut().ok_or("not a transactional producer")?;
        match t.state {
            TxnClientState::Ready => {
                t.state = TxnClientState::InTransaction;
                t.last_result = None;
                Ok(())
            }
            s => Err(format!(
                "TransactionalId {}: Invalid transition attempted from state {} to state IN_TRANSACTION",
                t.id,
                s.name()
            )),
        }
    }

    /// `commitTransaction()` (true) or `abortTransaction()`: flush (or drop unsent batches),
    /// then EndTxn.
    pub fn end_transaction(&mut self, ctx: &mut Ctx<'_>, commit: bool) -> Result<(), String> {
        let t = self.txn.as_mut().ok_or("not a transactional producer")?;
        if t.state != TxnClientState::InTransaction {
            return Err(format!(
                "TransactionalId {}: Invalid transition attempted from state {} to state {}",
                t.id,
                t.state.name(),
                if commit {
                    "COMMITTING_TRANSACTION"
                } else {
                    "ABORTING_TRANSACTION"
                }
            ));
        }
        t.state = if commit {
            TxnClientState::Committing
        } else {
            TxnClientState::Aborting
        };
        if !commit {
            // Batches not yet sent are dropped (`TransactionManager.abortUndrainedBatches`).
            let unsent: Vec<u64> = self
                .batches
                .values()
                .filter(|b| b.in_flight.is_none())
                .map(|b| b.id)
                .collect();
            for id in unsent {
                self.fail(ctx, id, KafkaError::TransactionAborted);
            }
            while let Some((_, r, _)) = self.blocked.pop_front() {
                self.sends.remove(&r.send);
                Self::note(
                    ctx,
                    LedgerNote::Failed {
                        send: r.send,
                        error: KafkaError::TransactionAborted,
                    },
                );
            }
        }
        self.schedule(ctx, ctx.now);
        Ok(())
    }

    /// Handles a message.
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, msg: Msg) {
        match msg {
            Msg::MetadataResponse {
                request,
                partitions,
            } => {
                if self.metadata_in_flight != Some(request) {
                    return;
                }
                self.metadata_in_flight = None;
                self.asked.remove(&request);
                let missing = partitions.iter().any(|(_, l)| l.is_none());
                self.metadata.extend(partitions);
                if missing {
                    // No leader yet: look again after the backoff.
                    self.schedule(ctx, ctx.now + METADATA_RETRY_MS);
                }
                self.run_sender(ctx);
            }
            Msg::InitProducerIdResponse { request, result } => {
                if self.init_pid_in_flight != Some(request) {
                    return;
                }
                self.init_pid_in_flight = None;
                self.asked.remove(&request);
                match result {
                    Ok(pid) => {
                        self.producer_id = Some(pid);
                        self.sequences.clear();
                        if let Some(t) = self.txn.as_mut() {
                            if t.state == TxnClientState::Initializing {
                                t.state = TxnClientState::Ready;
                            }
                        }
                        self.run_sender(ctx);
                    }
                    Err(e) => self.txn_retry(ctx, e),
                }
            }
            Msg::ProduceResponse { request, results } => self.on_response(ctx, request, &results),
            Msg::FindCoordinatorResponse { request, result } => {
                let name = self.name.clone();
                let Some(t) = self
                    .txn
                    .as_mut()
                    .filter(|t| t.find_in_flight == Some(request))
                else {
                    return;
                };
                t.find_in_flight = None;
                self.asked.remove(&request);
                match result {
                    Ok(broker) => {
                        let changed = t.last_coordinator != Some(broker);
                        t.coordinator = Some(broker);
                        t.last_coordinator = Some(broker);
                        if changed {
                            ctx.event(crate::event::Event::TxnCoordinatorFound {
                                client: name,
                                transactional_id: t.id.clone(),
                                broker,
                                partition: super::txn::txn_partition(
                                    &t.id,
                                    super::txn::LAB_TXN_PARTITIONS,
                                ),
                            });
                        }
                        self.run_sender(ctx);
                    }
                    Err(e) => self.txn_retry(ctx, e),
                }
            }
            Msg::AddPartitionsToTxnResponse { request, result } => {
                let Some(t) = self
                    .txn
                    .as_mut()
                    .filter(|t| t.add_in_flight == Some(request))
                else {
                    return;
                };
                t.add_in_flight = None;
                self.asked.remove(&request);
                let adding = std::mem::take(&mut t.adding);
                match result {
                    Ok(()) => {
                        t.added.extend(adding);
                        self.run_sender(ctx);
                    }
                    Err(e) => self.txn_retry(ctx, e),
                }
            }
            Msg::EndTxnResponse { request, result } => {
                let Some(t) = self
                    .txn
                    .as_mut()
                    .filter(|t| t.end_in_flight == Some(request))
                else {
                    return;
                };
                t.end_in_flight = None;
                self.asked.remove(&request);
                match result {
                    Ok(()) => {
                        let committed =
                            t.state == TxnClientState::Committing && t.abortable.is_none();
                        self.finish_txn(Ok(committed));
                        self.run_sender(ctx);
                    }
                    Err(KafkaError::InvalidTxnState) => {
                        self.finish_txn(Err(KafkaError::InvalidTxnState));
                    }
                    Err(e) => self.txn_retry(ctx, e),
                }
            }
            Msg::Undeliverable(inner) => match *inner {
                Msg::FindCoordinator { request, .. }
                | Msg::AddPartitionsToTxn { request, .. }
                | Msg::EndTxn { request, .. } => {
                    self.txn_request_failed(ctx, request, KafkaError::NetworkException)
                }
                Msg::Produce { request, .. } => {
                    self.on_request_failed(ctx, request, KafkaError::NetworkException)
                }
                Msg::Metadata { request } => self.metadata_failed(ctx, request),
                Msg::InitProducerId { request, .. } => {
                    if self.init_pid_in_flight == Some(request) {
                        self.init_pid_in_flight = None;
                        if let Some(b) = self.asked.remove(&request) {
                            self.mark_unreachable(b, ctx.now);
                        }
                        if let Some(t) = self.txn.as_mut() {
                            t.coordinator = None;
                        }
                        self.schedule(ctx, ctx.now + self.config.retry_backoff_ms);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    fn metadata_failed(&mut self, ctx: &mut Ctx<'_>, request: u64) {
        if self.metadata_in_flight == Some(request) {
            self.metadata_in_flight = None;
            if let Some(b) = self.asked.remove(&request) {
                self.mark_unreachable(b, ctx.now);
            }
            self.schedule(ctx, ctx.now + METADATA_RETRY_MS);
        }
    }

    fn on_request_failed(&mut self, ctx: &mut Ctx<'_>, request: u64, error: KafkaError) {
        let Some(f) = self.in_flight.get(&request) else {
            return;
        };
        let broker = f.broker;
        self.mark_unreachable(broker, ctx.now);
        let Some(f) = self.in_flight.get(&request) else {
            return;
        };
        let results: Vec<(TopicPartition, Result<Offset, KafkaError>)> = f
            .batches
            .iter()
            .filter_map(|id| self.batches.get(id))
            .map(|b| (b.tp.clone(), Err(error)))
            .collect();
        self.on_response(ctx, request, &results);
    }

    fn on_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        results: &[(TopicPartition, Result<Offset, KafkaError>)],
    ) {
        let Some(f) = self.in_flight.remove(&request) else {
            return; // an answer to a request already given up on (timed out)
        };
        for id in f.batches {
            let Some(b) = self.batches.get_mut(&id) else {
                continue;
            };
            b.in_flight = None;
            let tp = b.tp.clone();
            let result = results
                .iter()
                .find(|(t, _)| *t == tp)
                .map_or(Err(KafkaError::NetworkException), |(_, r)| *r);
            match result {
                Ok(base) => self.complete(ctx, id, Some(base)),
                Err(error) => self.on_error(ctx, id, error),
            }
        }
        self.run_sender(ctx);
    }

    /// Retry (back at the front of its deque, in sequence order), or give up.
    fn on_error(&mut self, ctx: &mut Ctx<'_>, id: u64, error: KafkaError) {
        let Some(b) = self.batches.get(&id) else {
            return;
        };
        let c = &self.config;
        let expired = ctx.now + c.retry_backoff_ms >= b.created + c.delivery_timeout_ms;
        if !error.is_retriable() || b.attempts > c.retries || expired {
            self.fail(ctx, id, error);
            return;
        }
        let tp = b.tp.clone();
        let seq = b.base_sequence;
        if matches!(
            error,
            KafkaError::NotLeaderOrFollower
                | KafkaError::UnknownTopicOrPartition
                | KafkaError::NetworkException
                | KafkaError::RequestTimedOut
        ) {
            // The leader may have moved: forget it, so the retry asks for metadata first.
            self.metadata.insert(tp.clone(), None);
        }
        let batches = &self.batches;
        let dq = self.accumulator.entry(tp).or_default();
        // `RecordAccumulator.reenqueue` / `insertInSequenceOrder`.
        let at = if seq == NO_SEQUENCE {
            0
        } else {
            dq.iter()
                .position(|x| {
                    batches
                        .get(x)
                        .is_none_or(|o| o.base_sequence == NO_SEQUENCE || o.base_sequence > seq)
                })
                .unwrap_or(dq.len())
        };
        dq.insert(at, id);
        self.schedule(ctx, ctx.now + self.config.retry_backoff_ms);
    }

    /// Handles a timer.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, timer: Timer) {
        match timer {
            Timer::ProducerWakeup { .. } => {
                if self.wakeup_at.is_some_and(|w| w <= ctx.now) {
                    self.wakeup_at = None;
                }
                self.run_sender(ctx);
            }
            Timer::ProducerRequestTimeout { request } => {
                if self.metadata_in_flight == Some(request) {
                    self.metadata_failed(ctx, request);
                } else if self.init_pid_in_flight == Some(request) {
                    self.init_pid_in_flight = None;
                    if let Some(b) = self.asked.remove(&request) {
                        self.mark_unreachable(b, ctx.now);
                    }
                    if let Some(t) = self.txn.as_mut() {
                        t.coordinator = None;
                    }
                    self.run_sender(ctx);
                } else if self.txn.as_ref().is_some_and(|t| {
                    [t.find_in_flight, t.add_in_flight, t.end_in_flight].contains(&Some(request))
                }) {
                    self.txn_request_failed(ctx, request, KafkaError::RequestTimedOut);
                } else if self.in_flight.contains_key(&request) {
                    self.on_request_failed(ctx, request, KafkaError::RequestTimedOut);
                }
            }
            _ => {}
        }
    }

    /// The producer crashes and a new instance starts with the same `client.id`: everything in
    /// memory is gone — its accumulator, its producer id and sequences. Returns the sends it had
    /// not had an answer for (the application sends those again).
    pub fn restart(&mut self) -> Vec<(TopicPartition, NewRecord)> {
        let mut again: Vec<(TopicPartition, NewRecord)> = self
            .batches
            .values()
            .flat_map(|b| b.records.iter().map(|r| (b.tp.clone(), r.clone())))
            .chain(
                self.blocked
                    .iter()
                    .map(|(tp, r, _)| (tp.clone(), r.clone())),
            )
            .collect();
        again.sort_by_key(|(_, r)| r.send);
        let fresh = Producer::new(
            self.id,
            &self.name,
            self.bootstrap.clone(),
            self.config.clone(),
        );
        let (incarnation, next_request, next_batch) =
            (self.incarnation + 1, self.next_request, self.next_batch);
        *self = fresh;
        self.incarnation = incarnation;
        self.next_request = next_request;
        self.next_batch = next_batch;
        again
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
