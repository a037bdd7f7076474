//! The admin client (`NodeId::Client(0)`), a node as Kafka's `KafkaAdminClient` is a client:
//! its calls pending by request id (`CreateTopics`, `CreatePartitions`, `DeleteTopics`,
//! `IncrementalAlterConfigs`, `ElectLeaders`, group requests, the ZooKeeper-era tools' znode
//! writes), the answers received as messages in its own handler, and the retries after
//! `retry.backoff.ms` when a call bounces. The runtime owns it like the producers and
//! consumers and tells it where a call goes (the controller, or any broker in Kafka 4, as the
//! live brokers' metadata says: `MetadataSource::admin_target`); the CLI reaches it only
//! through `Cluster::admin_request` and the answers' accessors. The internal topics the
//! coordinators need are created by the brokers (`broker::auto_topic`).

use std::collections::BTreeMap;

use super::broker::Broker;
use super::msg::{ConfigEntity, CreateTopic, Ctx, Msg, Timer};
use super::{group, Cluster, ADMIN};
use crate::kraft::controller::admin::{ElectionOutcome, ElectionType};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::Millis;

/// The admin client's `retry.backoff.ms`.
const RETRY_BACKOFF_MS: Millis = 100;

/// An admin request the admin client is waiting on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AdminRequest {
    /// `kafka-topics.sh --create`.
    CreateTopic(CreateTopic),
    /// `kafka-topics.sh --alter --partitions N`.
    CreatePartitions {
        /// The topic.
        topic: String,
        /// Its new partition count.
        count: u32,
    },
    /// `kafka-topics.sh --delete` (through the admin client).
    DeleteTopic(String),
    /// `kafka-configs.sh --alter`.
    AlterConfigs {
        /// Whose configs.
        entity: ConfigEntity,
        /// What to add.
        configs: crate::vecmap::VecMap<String, String>,
    },
    /// `kafka-leader-election.sh` (KRaft): `None` is every partition.
    ElectLeaders {
        /// Preferred or unclean.
        election: ElectionType,
        /// Which partitions.
        partitions: Option<Vec<TopicPartition>>,
    },
}

impl AdminRequest {
    fn message(&self, request: u64) -> Msg {
        match self {
            AdminRequest::CreateTopic(topic) => Msg::CreateTopics {
                request,
                topic: topic.clone(),
            },
            AdminRequest::CreatePartitions { topic, count } => Msg::CreatePartitions {
                request,
                topic: topic.clone(),
                count: *count,
            },
            AdminRequest::DeleteTopic(topic) => Msg::DeleteTopics {
                request,
                topic: topic.clone(),
            },
            AdminRequest::AlterConfigs { entity, configs } => Msg::AlterConfigs {
                request,
                entity: entity.clone(),
                configs: configs.clone(),
            },
            AdminRequest::ElectLeaders {
                election,
                partitions,
            } => Msg::ElectLeaders {
                request,
                election: *election,
                partitions: partitions.clone(),
            },
        }
    }
}

/// The admin client's state: its calls by request id and the answers they got.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AdminClient {
    next_request: u64,
    /// Calls still waiting for an answer (kept to retry them).
    pending: crate::vecmap::VecMap<u64, AdminRequest>,
    responses: crate::vecmap::VecMap<u64, Result<(), String>>,
    group_responses: BTreeMap<u64, group::GroupResponse>,
    /// KRaft: `ElectLeaders` answers by request.
    election_responses: BTreeMap<u64, Vec<(TopicPartition, ElectionOutcome)>>,
}

impl Default for AdminClient {
    fn default() -> Self {
        Self {
            next_request: 1,
            pending: crate::vecmap::VecMap::new(),
            responses: crate::vecmap::VecMap::new(),
            group_responses: BTreeMap::new(),
            election_responses: BTreeMap::new(),
        }
    }
}

impl AdminClient {
    fn next_request(&mut self) -> u64 {
        let request = self.next_request;
        self.next_request += 1;
        request
    }

    /// A new call to `target`. Returns its request id.
    pub fn call(&mut self, ctx: &mut Ctx<'_>, target: BrokerId, req: AdminRequest) -> u64 {
        let request = self.next_request();
        let msg = req.message(request);
        self.pending.insert(request, req);
        ctx.send(NodeId::Broker(target), msg);
        request
    }

    /// Kafka 2.x's `kafka-topics.sh --zookeeper --delete`: the tool itself creates
    /// `/admin/delete_topics/T`. Returns the request id to wait on.
    pub fn zk_mark_topic_deletion(&mut self, ctx: &mut Ctx<'_>, topic: &str) -> u64 {
        let request = self.next_request();
        ctx.send(
            NodeId::ZooKeeper,
            Msg::ZkDeleteTopic {
                request,
                client: ADMIN,
                topic: topic.to_string(),
            },
        );
        request
    }

    /// An answer reaches the admin client (or one of its calls bounced: it retries after
    /// `retry.backoff.ms`, to wherever the metadata then points).
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, msg: Msg) {
        match msg {
            Msg::CreateTopicsResponse {
                request, result, ..
            }
            | Msg::DeleteTopicsResponse { request, result }
            | Msg::ZkDeleteTopicResult {
                request, result, ..
            } => {
                self.pending.remove(&request);
                self.responses.insert(request, result);
            }
            Msg::AlterConfigsResponse { request } => {
                self.pending.remove(&request);
                self.responses.insert(request, Ok(()));
            }
            Msg::GroupResponse { request, resp } => {
                self.group_responses.insert(request, resp);
            }
            Msg::ElectLeadersResponse { request, results } => {
                self.pending.remove(&request);
                self.election_responses.insert(request, results);
            }
            Msg::Undeliverable(inner) => {
                let request = match *inner {
                    Msg::CreateTopics { request, .. }
                    | Msg::CreatePartitions { request, .. }
                    | Msg::DeleteTopics { request, .. }
                    | Msg::AlterConfigs { request, .. }
                    | Msg::ElectLeaders { request, .. } => Some(request),
                    _ => None,
                };
                if let Some(request) = request {
                    ctx.timer(RETRY_BACKOFF_MS, Timer::AdminRetry { request });
                }
            }
            _ => {}
        }
    }

    /// A retry is due: the call goes again to `target` (the runtime's answer to "where does
    /// an admin request go now"), or waits another backoff if no broker can take it.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, timer: Timer, target: Option<BrokerId>) {
        if let Timer::AdminRetry { request } = timer {
            match (self.pending.get(&request), target) {
                (Some(req), Some(target)) => ctx.send(NodeId::Broker(target), req.message(request)),
                (Some(_), None) => ctx.timer(RETRY_BACKOFF_MS, Timer::AdminRetry { request }),
                (None, _) => {}
            }
        }
    }

    /// The answer to `request`, once it has arrived.
    pub fn response(&self, request: u64) -> Option<&Result<(), String>> {
        self.responses.get(&request)
    }

    /// The answer to a group request, once it has arrived.
    pub fn group_response(&self, request: u64) -> Option<&group::GroupResponse> {
        self.group_responses.get(&request)
    }

    /// KRaft: the answer to an `ElectLeaders` call, once it has arrived.
    pub fn election_response(&self, request: u64) -> Option<&[(TopicPartition, ElectionOutcome)]> {
        self.election_responses.get(&request).map(Vec::as_slice)
    }
}

/// The CLI's narrow interface to the admin client: a call is made here (the runtime picks its
/// target and delivers what the client sends), its answer read back by request id.
impl Cluster {
    /// The admin client sends a CreateTopics request to the controller (or, if no live broker
    /// knows one, to the lowest live broker). Returns the request id, or `None` if no broker is
    /// alive to take it.
    pub fn admin_create_topic(&mut self, topic: CreateTopic) -> Option<u64> {
        self.admin_request(AdminRequest::CreateTopic(topic))
    }

    /// The admin client makes a call (see [`Cluster::admin_create_topic`]).
    pub fn admin_request(&mut self, req: AdminRequest) -> Option<u64> {
        let target = self.admin_target()?;
        Some(self.with_admin(|a, ctx| a.call(ctx, target, req)))
    }

    /// Kafka 2.x's `kafka-topics.sh --zookeeper --delete`: the tool writes
    /// `/admin/delete_topics/T` itself. Returns the request id to wait on.
    pub fn zk_mark_topic_deletion(&mut self, topic: &str) -> u64 {
        self.with_admin(|a, ctx| a.zk_mark_topic_deletion(ctx, topic))
    }

    /// The admin tool sends a group request (`kafka-consumer-groups.sh`).
    pub(crate) fn admin_send(&mut self, to: NodeId, msg: Msg) {
        self.with_admin(|_, ctx| ctx.send(to, msg));
    }

    /// Runs `f` on the admin client and delivers what it sends.
    fn with_admin<R>(&mut self, f: impl FnOnce(&mut AdminClient, &mut Ctx<'_>) -> R) -> R {
        let (r, out, events) = super::handle(self.now, &mut self.rng, &mut self.admin, f);
        self.apply(ADMIN, out, events);
        r
    }

    /// KRaft: the answer to an `ElectLeaders` request, once it has arrived.
    pub(crate) fn admin_election_response(
        &self,
        request: u64,
    ) -> Option<&[(TopicPartition, ElectionOutcome)]> {
        self.admin.election_response(request)
    }

    /// The answer to an admin group request, once it has arrived.
    pub(crate) fn admin_group_response(&self, request: u64) -> Option<&group::GroupResponse> {
        self.admin.group_response(request)
    }

    /// The admin client's answer to `request`, once it has arrived.
    pub(crate) fn admin_response(&self, request: u64) -> Option<&Result<(), String>> {
        self.admin.response(request)
    }

    /// The broker an admin request goes to: the controller, as the live brokers know it.
    pub(super) fn admin_target(&self) -> Option<BrokerId> {
        self.metadata_source().admin_target()
    }

    /// The live broker whose metadata the admin client reads (`leastLoadedNode`): the lowest
    /// live broker id that has received metadata, else the lowest live one.
    pub(crate) fn metadata_broker(&self) -> Option<&Broker> {
        let mut live = self.brokers.values().filter(|b| b.alive);
        live.clone()
            .find(|b| b.metadata.controller.is_some())
            .or_else(|| live.next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::msg::Effect;

    fn run<R>(f: impl FnOnce(&mut Ctx<'_>) -> R) -> (R, Vec<Effect>) {
        let (r, out, _) = Ctx::test_run(0, f);
        (r, out)
    }

    #[test]
    fn a_call_is_pending_by_id_until_its_answer_arrives_and_a_bounce_is_retried() {
        let mut a = AdminClient::default();
        let req = AdminRequest::DeleteTopic("t".into());
        let (id, out) = run(|ctx| a.call(ctx, 2, req.clone()));
        assert_eq!(id, 1);
        assert!(matches!(
            &out[..],
            [Effect::Send {
                to: NodeId::Broker(2),
                msg: Msg::DeleteTopics { request: 1, .. }
            }]
        ));
        // The broker died: the request bounces, a retry is set after retry.backoff.ms.
        let bounced = Msg::Undeliverable(Box::new(req.message(1)));
        let ((), out) = run(|ctx| a.on_message(ctx, bounced));
        assert!(matches!(
            &out[..],
            [Effect::SetTimer {
                after: RETRY_BACKOFF_MS,
                timer: Timer::AdminRetry { request: 1 }
            }]
        ));
        // The retry goes where the metadata now points; no broker: another backoff.
        let ((), out) = run(|ctx| a.on_timer(ctx, Timer::AdminRetry { request: 1 }, None));
        assert!(matches!(&out[..], [Effect::SetTimer { .. }]));
        let ((), out) = run(|ctx| a.on_timer(ctx, Timer::AdminRetry { request: 1 }, Some(3)));
        assert!(matches!(
            &out[..],
            [Effect::Send {
                to: NodeId::Broker(3),
                msg: Msg::DeleteTopics { request: 1, .. }
            }]
        ));
        assert_eq!(a.response(1), None);
        let answer = Msg::DeleteTopicsResponse {
            request: 1,
            result: Ok(()),
        };
        run(|ctx| a.on_message(ctx, answer));
        assert_eq!(a.response(1), Some(&Ok(())));
        // Answered: a late retry sends nothing.
        let ((), out) = run(|ctx| a.on_timer(ctx, Timer::AdminRetry { request: 1 }, Some(3)));
        assert!(out.is_empty());
        // The next call gets the next id.
        let (id, _) = run(|ctx| a.zk_mark_topic_deletion(ctx, "u"));
        assert_eq!(id, 2);
    }
}
