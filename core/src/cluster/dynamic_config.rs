//! A broker's dynamic configs (Kafka's `DynamicBrokerConfig` and the topic overrides of
//! `LogConfig`): what `kafka-configs.sh` wrote under `/config/brokers/...` and
//! `/config/topics/T`, read from ZooKeeper, with the static defaults behind them.

use crate::idxmap::IdxMap;
use std::collections::BTreeMap;

use super::msg::ConfigEntity;
use crate::config::{BrokerConfig, DYNAMIC_BROKER_CONFIGS};
use crate::model::BrokerId;
use crate::sim::Millis;

/// The configs a broker applies, by entity: its own and the cluster-wide dynamic broker
/// configs, and each topic's overrides.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DynamicConfig {
    /// The broker these are for (`broker.id`).
    pub id: BrokerId,
    /// Dynamic broker configs read from ZooKeeper (`/config/brokers/...`). Change them with
    /// [`DynamicConfig::set_configs`] (it keeps the segment-config cache right).
    pub dynamic_configs: BTreeMap<ConfigEntity, crate::vecmap::VecMap<String, String>>,
    /// Topic configs (`/config/topics/T`), loaded with the logs and kept up to date; change
    /// them with [`DynamicConfig::set_configs`].
    pub topic_configs: IdxMap<String, crate::vecmap::VecMap<String, String>>,
    /// Each topic's [`SegmentConfig`](crate::storage::segment::SegmentConfig), worked out from
    /// the configs above on first use (every append and fetch needs it).
    segment_configs: SegmentConfigCache,
}

impl DynamicConfig {
    /// No dynamic config yet (a broker that has not read ZooKeeper).
    pub fn new(id: BrokerId) -> Self {
        Self {
            id,
            dynamic_configs: BTreeMap::new(),
            topic_configs: IdxMap::new(),
            segment_configs: SegmentConfigCache::default(),
        }
    }

    /// Forgets everything (the broker died).
    pub fn clear(&mut self) {
        self.dynamic_configs.clear();
        self.topic_configs.clear();
        self.segment_configs.clear();
    }

    /// The value of a broker-level setting that `kafka-configs.sh` may change: this broker's
    /// dynamic config, else the cluster-wide dynamic default, else the static default.
    pub fn broker_config(&self, name: &str) -> String {
        [ConfigEntity::Broker(self.id), ConfigEntity::BrokerDefault]
            .iter()
            .find_map(|e| self.dynamic_configs.get(e)?.get(name).cloned())
            .or_else(|| {
                DYNAMIC_BROKER_CONFIGS
                    .iter()
                    .find(|c| c.name == name)
                    .map(|c| c.default.to_string())
            })
            .unwrap_or_default()
    }

    /// The value of a topic config as this broker applies it: the topic's override, else the
    /// broker's value for the setting of the same name.
    pub fn topic_config(&self, topic: &str, name: &str) -> String {
        self.topic_configs
            .get(topic)
            .and_then(|c| c.get(name).cloned())
            .or_else(|| {
                [ConfigEntity::Broker(self.id), ConfigEntity::BrokerDefault]
                    .iter()
                    .find_map(|e| self.dynamic_configs.get(e)?.get(name).cloned())
            })
            .or_else(|| {
                DYNAMIC_BROKER_CONFIGS
                    .iter()
                    .find(|c| c.name == name)
                    .map(|c| c.default.to_string())
            })
            .or_else(|| crate::config::static_topic_default(name).map(str::to_string))
            .unwrap_or_default()
    }

    /// Replaces the configs of a topic or of the brokers.
    pub fn set_configs(
        &mut self,
        entity: ConfigEntity,
        configs: crate::vecmap::VecMap<String, String>,
    ) {
        self.segment_configs.clear();
        match entity {
            ConfigEntity::Topic(t) => {
                self.topic_configs.insert(t, configs);
            }
            other => {
                self.dynamic_configs.insert(other, configs);
            }
        }
    }

    /// The topic configs that shape `topic`'s log files, as this broker applies them.
    pub fn segment_config(&self, topic: &str) -> crate::storage::segment::SegmentConfig {
        self.hot_configs(topic).0
    }

    /// `min.insync.replicas` of `topic`, as this broker applies it.
    pub fn min_insync_replicas(&self, topic: &str) -> usize {
        self.hot_configs(topic).1
    }

    /// The configs read on every append and fetch, worked out once per config change.
    fn hot_configs(&self, topic: &str) -> (crate::storage::segment::SegmentConfig, usize) {
        if let Some(c) = self.segment_configs.0.borrow().get(topic) {
            return *c;
        }
        let c = (
            self.segment_config_uncached(topic),
            self.topic_config(topic, "min.insync.replicas")
                .parse()
                .unwrap_or(1),
        );
        self.segment_configs
            .0
            .borrow_mut()
            .insert(topic.to_string(), c);
        c
    }

    fn segment_config_uncached(&self, topic: &str) -> crate::storage::segment::SegmentConfig {
        use crate::storage::segment::SegmentConfig;
        let d = SegmentConfig::KAFKA;
        let get = |name: &str, default: i64| -> i64 {
            self.topic_config(topic, name).parse().unwrap_or(default)
        };
        SegmentConfig {
            segment_bytes: u32::try_from(get("segment.bytes", i64::from(d.segment_bytes)))
                .unwrap_or(d.segment_bytes),
            segment_ms: get("segment.ms", d.segment_ms),
            index_interval_bytes: u32::try_from(get(
                "index.interval.bytes",
                i64::from(d.index_interval_bytes),
            ))
            .unwrap_or(d.index_interval_bytes),
            segment_index_bytes: u32::try_from(get(
                "segment.index.bytes",
                i64::from(d.segment_index_bytes),
            ))
            .unwrap_or(d.segment_index_bytes),
            retention_ms: get("retention.ms", d.retention_ms),
            retention_bytes: get("retention.bytes", d.retention_bytes),
        }
    }

    /// `replica.lag.time.max.ms` in effect.
    pub fn replica_lag_time_max_ms(&self, config: &BrokerConfig) -> Millis {
        self.broker_config("replica.lag.time.max.ms")
            .parse()
            .unwrap_or(config.replica_lag_time_max_ms)
    }
}

/// A cache that is not part of a broker's state: two brokers differing only in what they have
/// cached are equal.
#[derive(Clone, Debug, Default)]
struct SegmentConfigCache(
    std::cell::RefCell<IdxMap<String, (crate::storage::segment::SegmentConfig, usize)>>,
);

impl SegmentConfigCache {
    fn clear(&self) {
        self.0.borrow_mut().clear();
    }
}

/// Left out of the state's digest, as it is of equality.
impl std::hash::Hash for SegmentConfigCache {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl PartialEq for SegmentConfigCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for SegmentConfigCache {}
