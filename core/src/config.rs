//! Kafka's configuration names, types and defaults, as the lab knows them.
//!
//! Topic-level configs mirror `LogConfig` (the names a `--config k=v` may use); broker-level
//! ones are the few the simulation reads so far. Where the lab's default differs from Kafka's
//! (to make things visible within seconds), both are kept and shown.

/// The type of a config value, as Kafka's `ConfigDef.Type` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A 32-bit integer.
    Int,
    /// A 64-bit integer.
    Long,
    /// `true` or `false`.
    Boolean,
    /// A floating-point number.
    Double,
    /// Any string.
    String,
    /// A comma-separated list.
    List,
}

impl Kind {
    fn kafka_name(self) -> &'static str {
        match self {
            Kind::Int => "INT",
            Kind::Long => "LONG",
            Kind::Boolean => "BOOLEAN",
            Kind::Double => "DOUBLE",
            Kind::String => "STRING",
            Kind::List => "LIST",
        }
    }
}

/// One config: its name, type, Kafka's default, and the smallest value Kafka accepts.
#[derive(Clone, Copy, Debug)]
pub struct ConfigDef {
    /// The config's name (`min.insync.replicas`).
    pub name: &'static str,
    /// Its type.
    pub kind: Kind,
    /// Kafka's default, as Kafka prints it.
    pub default: &'static str,
    /// `ConfigDef.Range.atLeast(..)`, when Kafka has one.
    pub at_least: Option<i64>,
}

const fn def(
    name: &'static str,
    kind: Kind,
    default: &'static str,
    at_least: Option<i64>,
) -> ConfigDef {
    ConfigDef {
        name,
        kind,
        default,
        at_least,
    }
}

/// Topic-level configs (`LogConfig`), sorted by name, with Kafka 3.x defaults.
pub const TOPIC_CONFIGS: &[ConfigDef] = &[
    def("cleanup.policy", Kind::List, "delete", None),
    def("compression.type", Kind::String, "producer", None),
    def("delete.retention.ms", Kind::Long, "86400000", Some(0)),
    def("file.delete.delay.ms", Kind::Long, "60000", Some(0)),
    def("flush.messages", Kind::Long, "9223372036854775807", Some(1)),
    def("flush.ms", Kind::Long, "9223372036854775807", Some(0)),
    def(
        "follower.replication.throttled.replicas",
        Kind::List,
        "",
        None,
    ),
    def("index.interval.bytes", Kind::Int, "4096", Some(0)),
    def(
        "leader.replication.throttled.replicas",
        Kind::List,
        "",
        None,
    ),
    def("local.retention.bytes", Kind::Long, "-2", Some(-2)),
    def("local.retention.ms", Kind::Long, "-2", Some(-2)),
    def(
        "max.compaction.lag.ms",
        Kind::Long,
        "9223372036854775807",
        Some(1),
    ),
    def("max.message.bytes", Kind::Int, "1048588", Some(0)),
    def(
        "message.timestamp.after.max.ms",
        Kind::Long,
        "9223372036854775807",
        Some(0),
    ),
    def(
        "message.timestamp.before.max.ms",
        Kind::Long,
        "9223372036854775807",
        Some(0),
    ),
    def("message.timestamp.type", Kind::String, "CreateTime", None),
    def("min.cleanable.dirty.ratio", Kind::Double, "0.5", None),
    def("min.compaction.lag.ms", Kind::Long, "0", Some(0)),
    def("min.insync.replicas", Kind::Int, "1", Some(1)),
    def("preallocate", Kind::Boolean, "false", None),
    def("remote.storage.enable", Kind::Boolean, "false", None),
    def("retention.bytes", Kind::Long, "-1", None),
    def("retention.ms", Kind::Long, "604800000", Some(-1)),
    def("segment.bytes", Kind::Int, "1073741824", Some(14)),
    def("segment.index.bytes", Kind::Int, "10485760", Some(4)),
    def("segment.jitter.ms", Kind::Long, "0", Some(0)),
    def("segment.ms", Kind::Long, "604800000", Some(1)),
    def(
        "unclean.leader.election.enable",
        Kind::Boolean,
        "false",
        None,
    ),
];

/// Broker-level settings the simulation reads, with Kafka's default and the lab's.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BrokerConfig {
    /// `zookeeper.session.timeout.ms`: how long ZooKeeper waits for a silent broker before
    /// expiring its session. Kafka's default was 6000 until 2.4 (the notes' era) and 18000
    /// since 2.5 (KIP-537); the lab uses the notes' 6000.
    pub zookeeper_session_timeout_ms: u64,
    /// `auto.leader.rebalance.enable` (default true).
    pub auto_leader_rebalance_enable: bool,
    /// `leader.imbalance.check.interval.seconds` (default 300), in milliseconds.
    pub leader_imbalance_check_interval_ms: u64,
    /// `leader.imbalance.per.broker.percentage` (default 10).
    pub leader_imbalance_per_broker_percentage: u32,
    /// `replica.fetch.wait.max.ms` (default 500): how long a leader holds a follower's fetch
    /// when it has nothing new.
    pub replica_fetch_wait_max_ms: u64,
    /// `replica.fetch.backoff.ms` (default 1000): a follower's pause after a fetch error.
    pub replica_fetch_backoff_ms: u64,
    /// `replica.lag.time.max.ms`: a follower that has not caught up with the leader for this
    /// long leaves the ISR. Kafka's default was 10000 up to 2.4 (the notes' era) and is 30000
    /// since 2.5 (KIP-537); the lab uses 10000.
    pub replica_lag_time_max_ms: u64,
    /// `replica.socket.timeout.ms` (default 30000): a follower gives up on a fetch after this.
    pub replica_socket_timeout_ms: u64,
    /// `replica.high.watermark.checkpoint.interval.ms` (default 5000): how often brokers write
    /// their high watermarks to disk (`replication-offset-checkpoint`).
    pub replica_high_watermark_checkpoint_interval_ms: u64,
    /// Most records one fetch returns per partition (Kafka limits bytes:
    /// `replica.fetch.max.bytes`, 1 MiB; the lab counts records until records have sizes).
    pub replica_fetch_max_records: usize,
    /// `offsets.topic.num.partitions`: the partitions of `__consumer_offsets` a broker
    /// creates on the first `FindCoordinator` for a group (Kafka's default 50; the lab's 5).
    pub offsets_topic_num_partitions: u32,
    /// `offsets.topic.replication.factor` (Kafka's default 3; the lab's: 3, or the cluster's
    /// size when smaller, set by `Cluster`).
    pub offsets_topic_replication_factor: u32,
    /// `transaction.state.log.num.partitions` (Kafka's default 50; the lab's 3).
    pub transaction_state_log_num_partitions: u32,
    /// `transaction.state.log.replication.factor` (as `offsets.topic.replication.factor`).
    pub transaction_state_log_replication_factor: u32,
    /// `offsets.topic.segment.bytes` (default 104857600): the `segment.bytes` the group
    /// coordinator gives `__consumer_offsets` (`groupMetadataTopicConfigs`).
    pub offsets_topic_segment_bytes: u32,
    /// `transaction.state.log.segment.bytes` (default 104857600): the `segment.bytes` of
    /// `__transaction_state` (`transactionTopicConfigs`).
    pub transaction_state_log_segment_bytes: u32,
    /// `transaction.state.log.min.isr` (Kafka's default 2): the `min.insync.replicas`
    /// `__transaction_state` is created with, which the transaction coordinator's `acks=-1`
    /// writes need. The lab's: 2, or the topic's replication factor when smaller (set by
    /// `Cluster`, as Kafka's single-broker `server.properties` sets 1).
    pub transaction_state_log_min_isr: u32,
}

impl Default for BrokerConfig {
    fn default() -> Self {
        Self {
            zookeeper_session_timeout_ms: 6000,
            auto_leader_rebalance_enable: true,
            leader_imbalance_check_interval_ms: 300_000,
            leader_imbalance_per_broker_percentage: 10,
            replica_fetch_wait_max_ms: 500,
            replica_fetch_backoff_ms: 1000,
            replica_lag_time_max_ms: 10_000,
            replica_socket_timeout_ms: 30_000,
            replica_high_watermark_checkpoint_interval_ms: 5_000,
            replica_fetch_max_records: 500,
            offsets_topic_num_partitions: crate::cluster::group::LAB_OFFSETS_PARTITIONS,
            offsets_topic_replication_factor: 3,
            transaction_state_log_num_partitions: crate::cluster::txn::LAB_TXN_PARTITIONS,
            transaction_state_log_replication_factor: 3,
            offsets_topic_segment_bytes: 104_857_600,
            transaction_state_log_segment_bytes: 104_857_600,
            transaction_state_log_min_isr: 2,
        }
    }
}

/// Broker configs that `kafka-configs.sh --entity-type brokers` may set in the lab, with their
/// defaults. `min.insync.replicas` and `unclean.leader.election.enable` are the broker-wide
/// defaults of the topic configs of the same names.
pub const DYNAMIC_BROKER_CONFIGS: &[ConfigDef] = &[
    def("inter.broker.protocol.version", Kind::String, "3.9", None),
    def("min.insync.replicas", Kind::Int, "1", Some(1)),
    def("replica.lag.time.max.ms", Kind::Long, "10000", Some(1)),
    def(
        "unclean.leader.election.enable",
        Kind::Boolean,
        "false",
        None,
    ),
];

/// A line of the lab brokers' `server.properties`: a static broker config the lab sets to
/// something else than Kafka's default, so that segments roll and index entries appear within
/// a few records. Kafka shows these in `kafka-topics.sh --describe` (`Configs:`), as it shows
/// any value from `server.properties` that is not the default.
#[derive(Clone, Copy, Debug)]
pub struct StaticBrokerConfig {
    /// The broker config (`log.segment.bytes`).
    pub name: &'static str,
    /// The topic config it is the default of (`segment.bytes`), if any.
    pub topic_config: Option<&'static str>,
    /// The lab's value.
    pub lab: &'static str,
    /// Kafka's default.
    pub kafka: &'static str,
}

/// The lab's `server.properties`.
pub const LAB_SERVER_PROPERTIES: &[StaticBrokerConfig] = &[
    StaticBrokerConfig {
        name: "log.index.interval.bytes",
        topic_config: Some("index.interval.bytes"),
        lab: "128",
        kafka: "4096",
    },
    StaticBrokerConfig {
        name: "log.retention.check.interval.ms",
        topic_config: None,
        lab: "1000",
        kafka: "300000",
    },
    StaticBrokerConfig {
        name: "log.segment.bytes",
        topic_config: Some("segment.bytes"),
        lab: "1024",
        kafka: "1073741824",
    },
];

/// The value of a topic config when neither the topic nor a dynamic broker config sets it:
/// the lab's `server.properties`, else Kafka's default.
pub fn static_topic_default(name: &str) -> Option<&'static str> {
    LAB_SERVER_PROPERTIES
        .iter()
        .find(|c| c.topic_config == Some(name))
        .map(|c| c.lab)
        .or_else(|| topic_config(name).map(|c| c.default))
}

/// The value of a static broker config in the lab.
pub fn static_broker_config(name: &str) -> Option<&'static str> {
    LAB_SERVER_PROPERTIES
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.lab)
}

/// The static broker settings `brokers N --override KEY=VALUE` sets (as
/// `kafka-server-start.sh server.properties --override KEY=VALUE`): read-only in Kafka
/// (`kafka-configs.sh` refuses them: "Cannot update these configs dynamically"), so set at
/// start. `kraft`: Kafka 4.1, which no longer has `leader.imbalance.per.broker.percentage`
/// (removed in 4.0, KAFKA-18743: the KRaft controller moves every imbalanced leader).
/// `kv` is one of [`STATIC_OVERRIDES`]: `Ok(true)`; another name: `Ok(false)` (the caller
/// may know it: the KRaft metadata log's settings).
pub fn apply_override(config: &mut BrokerConfig, kraft: bool, kv: &str) -> Result<bool, String> {
    let Some((key, value)) = kv.split_once('=') else {
        return Err(format!("brokers: --override takes KEY=VALUE, not '{kv}'"));
    };
    let (key, value) = (key.trim(), value.trim());
    let bad = || format!("Invalid value {value} for configuration {key}");
    match key {
        "leader.imbalance.check.interval.seconds" => {
            let s: u64 = value
                .parse()
                .ok()
                .filter(|&s| s >= 1)
                .ok_or_else(|| format!("{}: Value must be at least 1", bad()))?;
            config.leader_imbalance_check_interval_ms = s.saturating_mul(1000);
        }
        "auto.leader.rebalance.enable" => {
            config.auto_leader_rebalance_enable = match value {
                "true" => true,
                "false" => false,
                _ => {
                    return Err(format!(
                        "{}: Expected value to be either true or false",
                        bad()
                    ))
                }
            };
        }
        "leader.imbalance.per.broker.percentage" if kraft => {
            return Err(
                "brokers: leader.imbalance.per.broker.percentage is not a Kafka 4 setting (removed in 4.0, KAFKA-18743): the KRaft controller moves every imbalanced leader back".into(),
            );
        }
        "leader.imbalance.per.broker.percentage" => {
            config.leader_imbalance_per_broker_percentage = value
                .parse()
                .ok()
                .filter(|p| *p <= 100)
                .ok_or_else(|| format!("{}: Value must be between 0 and 100", bad()))?;
        }
        "transaction.state.log.min.isr" => {
            config.transaction_state_log_min_isr = value
                .parse()
                .ok()
                .filter(|&n| n >= 1)
                .ok_or_else(|| format!("{}: Value must be at least 1", bad()))?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// The static broker settings `brokers N --override` sets (see [`apply_override`]).
pub const STATIC_OVERRIDES: [&str; 4] = [
    "leader.imbalance.check.interval.seconds",
    "auto.leader.rebalance.enable",
    "leader.imbalance.per.broker.percentage",
    "transaction.state.log.min.isr",
];

/// Checks a broker config for `kafka-configs.sh --entity-type brokers`.
pub fn validate_broker_config(name: &str, value: &str) -> Result<(), String> {
    // Read-only in Kafka (not in `DynamicBrokerConfig`'s reconfigurable set): the lab sets
    // them at start (`brokers N --override`).
    if matches!(
        name,
        "leader.imbalance.check.interval.seconds"
            | "auto.leader.rebalance.enable"
            | "leader.imbalance.per.broker.percentage"
            | "transaction.state.log.min.isr"
    ) {
        return Err(format!(
            "Cannot update these configs dynamically: Set({name}) (a static setting: start the cluster with brokers N --override {name}=VALUE)"
        ));
    }
    let def = DYNAMIC_BROKER_CONFIGS
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| {
            format!(
                "Unknown or read-only broker config {name} (the lab can change: {})",
                DYNAMIC_BROKER_CONFIGS
                    .iter()
                    .map(|c| c.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
    if name == "inter.broker.protocol.version" {
        return parse_version(value)
            .map(|_| ())
            .ok_or_else(|| format!("Invalid value {value} for configuration {name}: Version `{value}` is not a valid version"));
    }
    validate_value(def, value)
}

/// Parses a Kafka version such as `0.10.2`, `2.8` or `3.9-IV0` into (major, minor).
pub fn parse_version(v: &str) -> Option<(u32, u32)> {
    let v = v.trim();
    let core = v.split('-').next()?;
    let mut parts = core.split('.');
    let major: u32 = parts.next()?.parse().ok()?;
    let minor: u32 = parts.next().unwrap_or("0").parse().ok()?;
    Some((major, minor))
}

/// True if `inter.broker.protocol.version` is old enough that followers truncate to their high
/// watermark instead of asking the leader about epochs (before 0.11, KIP-101).
pub fn truncates_to_high_watermark(ibp: &str) -> bool {
    parse_version(ibp).is_some_and(|v| v < (0, 11))
}

/// Looks a topic config up by name.
pub fn topic_config(name: &str) -> Option<&'static ConfigDef> {
    TOPIC_CONFIGS.iter().find(|c| c.name == name)
}

/// Checks a topic config as the broker does, with Kafka's messages
/// (`Unknown topic config name: x`, `Invalid value x for configuration y: ...`).
pub fn validate_topic_config(name: &str, value: &str) -> Result<(), String> {
    let def = topic_config(name).ok_or_else(|| format!("Unknown topic config name: {name}"))?;
    validate_value(def, value)
}

fn validate_value(def: &ConfigDef, value: &str) -> Result<(), String> {
    let name = def.name;
    let invalid = |why: &str| format!("Invalid value {value} for configuration {name}: {why}");
    let v = value.trim();
    match def.kind {
        Kind::Int => {
            let n: i32 = v
                .parse()
                .map_err(|_| invalid(&format!("Not a number of type {}", def.kind.kafka_name())))?;
            check_at_least(def, i64::from(n)).map_err(|w| invalid(&w))
        }
        Kind::Long => {
            let n: i64 = v
                .parse()
                .map_err(|_| invalid(&format!("Not a number of type {}", def.kind.kafka_name())))?;
            check_at_least(def, n).map_err(|w| invalid(&w))
        }
        Kind::Double => v
            .parse::<f64>()
            .map(|_| ())
            .map_err(|_| invalid(&format!("Not a number of type {}", def.kind.kafka_name()))),
        Kind::Boolean => match v.to_ascii_lowercase().as_str() {
            "true" | "false" => Ok(()),
            _ => Err(invalid("Expected value to be either true or false")),
        },
        Kind::String | Kind::List => Ok(()),
    }
}

fn check_at_least(def: &ConfigDef, n: i64) -> Result<(), String> {
    match def.at_least {
        Some(min) if n < min => Err(format!("Value must be at least {min}")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        let names: Vec<_> = TOPIC_CONFIGS.iter().map(|c| c.name).collect();
        let mut sorted = names.clone();
        crate::sort::natural(&mut sorted);
        sorted.dedup();
        assert_eq!(names, sorted);
    }

    #[test]
    fn validation_messages_are_kafkas() {
        assert_eq!(validate_topic_config("min.insync.replicas", "2"), Ok(()));
        assert_eq!(
            validate_topic_config("nope", "1").unwrap_err(),
            "Unknown topic config name: nope"
        );
        assert_eq!(
            validate_topic_config("min.insync.replicas", "two").unwrap_err(),
            "Invalid value two for configuration min.insync.replicas: Not a number of type INT"
        );
        assert_eq!(
            validate_topic_config("min.insync.replicas", "0").unwrap_err(),
            "Invalid value 0 for configuration min.insync.replicas: Value must be at least 1"
        );
        assert!(validate_topic_config("unclean.leader.election.enable", "TRUE").is_ok());
        assert!(validate_topic_config("unclean.leader.election.enable", "yes").is_err());
        assert_eq!(validate_broker_config("min.insync.replicas", "2"), Ok(()));
        assert!(validate_broker_config("num.io.threads", "8")
            .unwrap_err()
            .contains("read-only"));
        assert!(validate_broker_config("inter.broker.protocol.version", "0.10.2").is_ok());
        assert!(validate_broker_config("inter.broker.protocol.version", "banana").is_err());
        assert!(truncates_to_high_watermark("0.10.2"));
        assert!(!truncates_to_high_watermark("0.11.0"));
        assert!(!truncates_to_high_watermark("3.9"));
        // Every default passes its own validation.
        for c in TOPIC_CONFIGS {
            assert_eq!(
                validate_topic_config(c.name, c.default),
                Ok(()),
                "{}",
                c.name
            );
        }
    }
}
