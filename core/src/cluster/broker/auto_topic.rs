//! The internal topics a broker creates when a `FindCoordinator` finds them missing.
//!
//! Kafka 2.x (`KafkaApis.handleFindCoordinatorRequest` → `getOrCreateInternalTopic` →
//! `createInternalTopic`): a broker whose metadata cache lacks `__consumer_offsets` (or
//! `__transaction_state`) writes the topic's assignment to ZooKeeper itself
//! (`AdminZkClient.createTopic`; the `KafkaController`'s topic watch then creates the
//! partitions and elects their leaders) — unless fewer brokers are alive than
//! `offsets.topic.replication.factor` — and answers `COORDINATOR_NOT_AVAILABLE`.
//! Kafka 4.1 (`KafkaApis.getCoordinator` → `AutoTopicCreationManager.createTopics`): the
//! broker sends `CreateTopics` to the active controller, keeping the topic in an in-flight set
//! until the controller answers (a second request meanwhile sends nothing), and answers
//! `COORDINATOR_NOT_AVAILABLE`. Either way the client backs off `retry.backoff.ms` and asks
//! again. The lab holds ZooKeeper mode's write in flight too until ZooKeeper answers (Kafka's
//! request thread waits on it); a later attempt while the metadata cache still lacks the topic
//! writes again and is told it exists.

use super::Broker;
use crate::cluster::coordinator::internal_partitions;
use crate::cluster::msg::{CreateTopic, Ctx, Msg, Timer};
use crate::cluster::{group, txn};
use crate::config::BrokerConfig;
use crate::event::Event;
use crate::model::NodeId;

/// The request ids a broker's own topic creations use (apart from the admin client's).
const AUTO_CREATE_REQUEST_BASE: u64 = 1 << 48;
/// How long a creation stays in flight without an answer (the controller channel's
/// `request.timeout.ms`).
pub(crate) const AUTO_CREATE_TIMEOUT_MS: u64 = 30_000;

/// `AutoTopicCreationManager`'s state: the internal topics whose creation this broker asked
/// for and is waiting on, by request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AutoTopicCreation {
    /// In flight: request → topic.
    pub inflight: crate::vecmap::VecMap<u64, String>,
    next_request: u64,
}

impl AutoTopicCreation {
    /// True if `request` is one of this broker's own creations.
    pub fn owns(&self, request: u64) -> bool {
        self.inflight.contains_key(&request)
    }

    fn is_inflight(&self, topic: &str) -> bool {
        self.inflight.values().any(|t| t == topic)
    }

    /// Forgets everything (the broker died).
    pub fn clear(&mut self) {
        self.inflight.clear();
    }
}

/// The topic `FindCoordinator` creates, as the broker's configs say (`offsets.topic.*` /
/// `transaction.state.log.*`), with the configs its coordinator gives it. Kafka 2.x (the
/// ZooKeeper era: `GroupCoordinator.offsetsTopicConfigs`, `TransactionStateManager.
/// transactionTopicConfigs`, read at 2.3.0) and Kafka 4.1.1 (`GroupCoordinatorService.
/// groupMetadataTopicConfigs`, the same `transactionTopicConfigs`) write the same set, so one
/// list serves both eras:
/// - `__consumer_offsets`: `cleanup.policy=compact`, `compression.type=producer`,
///   `segment.bytes=offsets.topic.segment.bytes`;
/// - `__transaction_state`: `cleanup.policy=compact`, `compression.type=uncompressed`,
///   `min.insync.replicas=transaction.state.log.min.isr`,
///   `segment.bytes=transaction.state.log.segment.bytes`,
///   `unclean.leader.election.enable=false`.
///
/// Names are sorted, as the topic's config map keeps them.
pub fn internal_topic(topic: &str, config: &BrokerConfig) -> Option<CreateTopic> {
    let (partitions, replication_factor, configs): (u32, u32, Vec<(&str, String)>) = match topic {
        group::OFFSETS_TOPIC => (
            config.offsets_topic_num_partitions,
            config.offsets_topic_replication_factor,
            vec![
                ("cleanup.policy", "compact".into()),
                ("compression.type", "producer".into()),
                (
                    "segment.bytes",
                    config.offsets_topic_segment_bytes.to_string(),
                ),
            ],
        ),
        txn::TXN_TOPIC => (
            config.transaction_state_log_num_partitions,
            config.transaction_state_log_replication_factor,
            vec![
                ("cleanup.policy", "compact".into()),
                ("compression.type", "uncompressed".into()),
                (
                    "min.insync.replicas",
                    config.transaction_state_log_min_isr.to_string(),
                ),
                (
                    "segment.bytes",
                    config.transaction_state_log_segment_bytes.to_string(),
                ),
                ("unclean.leader.election.enable", "false".into()),
            ],
        ),
        _ => return None,
    };
    Some(CreateTopic {
        name: topic.to_string(),
        partitions,
        replication_factor,
        configs: configs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    })
}

impl Broker {
    /// `getOrCreateInternalTopic` / `getCoordinator`: if this broker's metadata has no
    /// `topic`, asks for its creation (ZooKeeper write, or `CreateTopics` to the active
    /// controller) unless one is in flight; the caller then answers `COORDINATOR_NOT_AVAILABLE`.
    pub(super) fn maybe_create_internal_topic(
        &mut self,
        ctx: &mut Ctx<'_>,
        topic: &str,
        config: &BrokerConfig,
    ) {
        if internal_partitions(&self.metadata, topic) > 0 || self.auto_topics.is_inflight(topic) {
            return;
        }
        let Some(create) = internal_topic(topic, config) else {
            return;
        };
        let kraft = self.kraft.is_some();
        // Kafka 2.x refuses before writing when too few brokers are alive; Kafka 4.1 sends
        // and the controller refuses (INVALID_REPLICATION_FACTOR).
        if !kraft && (self.metadata.live_brokers.len() as u32) < create.replication_factor {
            return;
        }
        let request = AUTO_CREATE_REQUEST_BASE + self.auto_topics.next_request;
        if !self
            .controller_channel()
            .create_topic(ctx, NodeId::Broker(self.id), request, create)
        {
            // No active controller known yet: the next FindCoordinator tries again.
            return;
        }
        self.auto_topics.next_request += 1;
        self.auto_topics.inflight.insert(request, topic.to_string());
        ctx.timer(
            AUTO_CREATE_TIMEOUT_MS,
            Timer::AutoTopicCreationTimeout { request },
        );
    }

    /// The answer to one of this broker's own creations (ZooKeeper's result, the controller's
    /// `CreateTopicsResponse`, or the request bouncing): no longer in flight; narrated once
    /// created. Returns the message back if it is not about one of them.
    pub(super) fn on_auto_topic_message(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        msg: Msg,
        config: &BrokerConfig,
    ) -> Option<Msg> {
        let (request, ok) = match &msg {
            Msg::ZkCreateTopicResult {
                request,
                client,
                result,
                ..
            } if *client == NodeId::Broker(self.id) => (*request, result.is_ok()),
            Msg::CreateTopicsResponse {
                request, result, ..
            } if matches!(from, NodeId::Controller(_)) => (*request, result.is_ok()),
            Msg::Undeliverable(inner) => match &**inner {
                Msg::CreateTopics { request, .. } => (*request, false),
                _ => return Some(msg),
            },
            _ => return Some(msg),
        };
        let Some(topic) = self.auto_topics.inflight.remove(&request) else {
            return Some(msg);
        };
        if ok {
            if let Some(t) = internal_topic(&topic, config) {
                ctx.event(Event::InternalTopicCreated {
                    broker: self.id,
                    topic,
                    partitions: t.partitions,
                    replication_factor: t.replication_factor,
                    kraft: self.kraft.is_some(),
                });
            }
        }
        None
    }

    /// The creation's answer never came: no longer in flight (`onTimeout`).
    pub(super) fn auto_topic_timed_out(&mut self, request: u64) {
        self.auto_topics.inflight.remove(&request);
    }
}

#[cfg(test)]
#[path = "auto_topic_tests.rs"]
mod tests;
