//! The consumer's configuration (`ConsumerConfig`): the settings the lab models, with Kafka's
//! defaults and checks.

use super::*;

/// `auto.offset.reset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffsetReset {
    /// From the log start.
    Earliest,
    /// From the end (the high watermark, or the LSO under read_committed).
    Latest,
    /// Throw `NoOffsetForPartitionException`.
    None,
}

impl OffsetReset {
    /// The config value.
    pub fn name(self) -> &'static str {
        match self {
            OffsetReset::Earliest => "earliest",
            OffsetReset::Latest => "latest",
            OffsetReset::None => "none",
        }
    }
}

/// `group.protocol`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupProtocol {
    /// `classic`: JoinGroup/SyncGroup, the leader assigns (the default in 3.x and 4.0).
    Classic,
    /// `consumer`: KIP-848, Kafka 4.0: ConsumerGroupHeartbeat, the coordinator assigns.
    Consumer,
}

impl GroupProtocol {
    /// The config value.
    pub fn name(self) -> &'static str {
        match self {
            GroupProtocol::Classic => "classic",
            GroupProtocol::Consumer => "consumer",
        }
    }
}

/// The consumer configs the lab reads (Kafka 3.x defaults).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConsumerConfig {
    /// `group.id`.
    pub group: String,
    /// Subscribed topics.
    pub topics: BTreeSet<String>,
    /// `partition.assignment.strategy` (one assignor).
    pub assignor: AssignorKind,
    /// `group.instance.id`.
    pub instance_id: Option<String>,
    /// `session.timeout.ms` (45000 since Kafka 3.0, KIP-735; 10000 before).
    pub session_timeout_ms: Millis,
    /// `heartbeat.interval.ms` (3000).
    pub heartbeat_interval_ms: Millis,
    /// `max.poll.interval.ms` (300000), also the rebalance timeout.
    pub max_poll_interval_ms: Millis,
    /// `max.poll.records` (500).
    pub max_poll_records: usize,
    /// `auto.offset.reset` (latest).
    pub auto_offset_reset: OffsetReset,
    /// `enable.auto.commit` (true).
    pub enable_auto_commit: bool,
    /// `auto.commit.interval.ms` (5000).
    pub auto_commit_interval_ms: Millis,
    /// `isolation.level=read_committed`.
    pub read_committed: bool,
    /// `offsets.storage=zookeeper` (Kafka 0.8.2's consumer config; offsets in ZooKeeper's
    /// `/consumers/G/offsets/T/P` rather than `__consumer_offsets`).
    pub offsets_in_zookeeper: bool,
    /// `fetch.min.bytes` (1): the leader answers a fetch once this many bytes are readable…
    pub fetch_min_bytes: u64,
    /// `fetch.max.wait.ms` (500): …or once the fetch has waited this long.
    pub fetch_max_wait_ms: Millis,
    /// `max.partition.fetch.bytes` (1048576).
    pub max_partition_fetch_bytes: u64,
    /// `fetch.max.bytes` (52428800).
    pub fetch_max_bytes: u64,
    /// `request.timeout.ms` (30000).
    pub request_timeout_ms: Millis,
    /// `group.protocol` (`classic`).
    pub group_protocol: GroupProtocol,
    /// `group.remote.assignor` (consumer protocol only; none: the broker's default, uniform).
    pub remote_assignor: Option<RemoteAssignor>,
}

impl ConsumerConfig {
    /// Kafka 3.x defaults for a member of `group` subscribed to `topics`.
    pub fn new(group: &str, topics: BTreeSet<String>) -> Self {
        Self {
            group: group.to_string(),
            topics,
            assignor: AssignorKind::Range,
            instance_id: None,
            session_timeout_ms: 45_000,
            heartbeat_interval_ms: 3_000,
            max_poll_interval_ms: 300_000,
            max_poll_records: 500,
            auto_offset_reset: OffsetReset::Latest,
            enable_auto_commit: true,
            auto_commit_interval_ms: 5_000,
            read_committed: false,
            offsets_in_zookeeper: false,
            fetch_min_bytes: 1,
            fetch_max_wait_ms: 500,
            max_partition_fetch_bytes: 1_048_576,
            fetch_max_bytes: 52_428_800,
            request_timeout_ms: 30_000,
            group_protocol: GroupProtocol::Classic,
            remote_assignor: None,
        }
    }

    /// Sets one `--consumer-property k=v`, with Kafka's complaint for a bad value.
    pub fn set(&mut self, k: &str, v: &str) -> Result<(), String> {
        let num = |v: &str| -> Result<u64, String> {
            v.trim().parse().map_err(|_| {
                format!("Invalid value {v} for configuration {k}: Not a number of type LONG")
            })
        };
        // Kafka's INT configs, at least 0.
        let int = |v: &str| -> Result<u64, String> {
            let n: i64 = v.trim().parse().map_err(|_| {
                format!("Invalid value {v} for configuration {k}: Not a number of type INT")
            })?;
            if n > i64::from(i32::MAX) || n < i64::from(i32::MIN) {
                return Err(format!(
                    "Invalid value {v} for configuration {k}: Not a number of type INT"
                ));
            }
            u64::try_from(n).map_err(|_| {
                format!("Invalid value {v} for configuration {k}: Value must be at least 0")
            })
        };
        match k {
            "fetch.min.bytes" => self.fetch_min_bytes = int(v)?,
            "fetch.max.wait.ms" => self.fetch_max_wait_ms = int(v)?,
            "max.partition.fetch.bytes" => self.max_partition_fetch_bytes = int(v)?,
            "fetch.max.bytes" => self.fetch_max_bytes = int(v)?,
            "request.timeout.ms" => self.request_timeout_ms = int(v)?,
            "session.timeout.ms" => self.session_timeout_ms = num(v)?.clamp(1, 1_800_000),
            "heartbeat.interval.ms" => self.heartbeat_interval_ms = num(v)?.clamp(1, 1_800_000),
            "max.poll.interval.ms" => self.max_poll_interval_ms = num(v)?.clamp(1, 86_400_000),
            "auto.commit.interval.ms" => self.auto_commit_interval_ms = num(v)?.min(86_400_000),
            "max.poll.records" => {
                let n = num(v)?;
                if n == 0 {
                    return Err(format!("Invalid value {v} for configuration max.poll.records: Value must be at least 1"));
                }
                self.max_poll_records = n.min(100_000) as usize;
            }
            "enable.auto.commit" => {
                self.enable_auto_commit = match v.trim() {
                    "true" => true,
                    "false" => false,
                    _ => return Err(format!("Invalid value {v} for configuration enable.auto.commit: Expected value to be either true or false")),
                }
            }
            "auto.offset.reset" => {
                self.auto_offset_reset = match v.trim() {
                    "earliest" => OffsetReset::Earliest,
                    "latest" => OffsetReset::Latest,
                    "none" => OffsetReset::None,
                    _ => return Err(format!("Invalid value {v} for configuration auto.offset.reset: String must be one of: latest, earliest, none")),
                }
            }
            "isolation.level" => {
                self.read_committed = match v.trim() {
                    "read_committed" => true,
                    "read_uncommitted" => false,
                    _ => return Err(format!("Invalid value {v} for configuration isolation.level: String must be one of: read_committed, read_uncommitted")),
                }
            }
            "offsets.storage" => {
                self.offsets_in_zookeeper = match v.trim() {
                    "zookeeper" => true,
                    "kafka" => false,
                    _ => return Err(format!("Invalid value {v} for configuration offsets.storage: must be zookeeper or kafka (Kafka 0.8.2's consumer)")),
                }
            }
            "partition.assignment.strategy" => {
                self.assignor = AssignorKind::parse(v).ok_or_else(|| {
                    format!("Class {v} cannot be found (partition.assignment.strategy: range, roundrobin, sticky, cooperative-sticky)")
                })?
            }
            "group.instance.id" => self.instance_id = Some(v.trim().to_string()),
            "group.protocol" => {
                self.group_protocol = match v.trim().to_ascii_lowercase().as_str() {
                    "classic" => GroupProtocol::Classic,
                    "consumer" => GroupProtocol::Consumer,
                    _ => return Err(format!("Invalid value {v} for configuration group.protocol: String must be one of (case insensitive): CLASSIC, CONSUMER")),
                }
            }
            "group.remote.assignor" => {
                self.remote_assignor = Some(RemoteAssignor::parse(v).ok_or_else(|| {
                    format!("Invalid value {v} for configuration group.remote.assignor: the brokers' group.consumer.assignors are uniform and range")
                })?)
            }
            other => return Err(format!("The lab's consumer does not know the config {other}")),
        }
        if self.heartbeat_interval_ms >= self.session_timeout_ms {
            return Err("heartbeat.interval.ms must be lower than session.timeout.ms".into());
        }
        Ok(())
    }
}
