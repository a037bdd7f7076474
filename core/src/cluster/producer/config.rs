//! The producer's configuration (`ProducerConfig`) with the defaults of a client version
//! ([`ClientVersion`]) and Kafka's checks.

use super::*;

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
    Hash,
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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
    pub(super) set: BTreeSet<String>,
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
            transaction_timeout_ms: crate::cluster::txn::DEFAULT_TXN_TIMEOUT_MS,
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
