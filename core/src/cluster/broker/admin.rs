//! A broker serving the admin API: `CreateTopics` (held until every partition has a leader,
//! Kafka's `DelayedCreatePartitions`), `CreatePartitions`, `DeleteTopics` and
//! `IncrementalAlterConfigs`, forwarded to ZooKeeper as a ZooKeeper-era broker does.

use super::{Broker, CREATE_TOPIC_TIMEOUT_MS};
use crate::cluster::admin::NOT_CONTROLLER;
use crate::cluster::msg::{CreateTopic, Ctx, Msg, Timer};
use crate::config::BrokerConfig;
use crate::model::{BrokerId, NodeId};

impl Broker {
    /// Handles an admin request or ZooKeeper's answer to one; anything else goes to `on_zk_message`.
    pub(super) fn on_admin_message(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        msg: Msg,
        config: &BrokerConfig,
    ) {
        match msg {
            Msg::ZkSetConfigResult { request, client } => {
                if self.pending_configs.remove(&request).is_some() {
                    ctx.send(client, Msg::AlterConfigsResponse { request });
                }
            }
            Msg::ElectLeaders {
                request,
                election,
                partitions,
            } => match self.controller.as_mut() {
                // `ElectLeaders` goes to the controller broker (ZooKeeper mode, Kafka 2.4+).
                Some(c) => {
                    let results = c.elect_leaders(ctx, election, partitions);
                    ctx.send(from, Msg::ElectLeadersResponse { request, results });
                }
                None => {
                    let m = Msg::ElectLeaders {
                        request,
                        election,
                        partitions,
                    };
                    ctx.send(from, Msg::Undeliverable(Box::new(m)));
                }
            },
            Msg::ZkTopicDeletionMarked { name } => {
                if let Some(c) = self.controller.as_mut() {
                    c.on_topic_deletion_marked(ctx, name);
                }
            }
            // Kafka 2.x's `KafkaApis`: only the controller broker takes these; another answers
            // NOT_CONTROLLER, and the admin client fetches metadata and retries.
            Msg::DeleteTopics { request, .. } if self.not_controller() => ctx.send(
                from,
                Msg::DeleteTopicsResponse {
                    request,
                    result: Err(NOT_CONTROLLER.into()),
                },
            ),
            Msg::CreateTopics {
                request,
                topic: CreateTopic { name, .. },
            }
            | Msg::CreatePartitions {
                request,
                topic: name,
                ..
            } if self.not_controller() => ctx.send(
                from,
                Msg::CreateTopicsResponse {
                    request,
                    name,
                    result: Err(NOT_CONTROLLER.into()),
                },
            ),
            Msg::DeleteTopics { request, topic } => ctx.send(
                NodeId::ZooKeeper,
                Msg::ZkDeleteTopic {
                    request,
                    client: from,
                    topic,
                },
            ),
            Msg::ZkDeleteTopicResult {
                request,
                client,
                result,
            } => ctx.send(client, Msg::DeleteTopicsResponse { request, result }),
            Msg::CreatePartitions {
                request,
                topic,
                count,
            } => ctx.send(
                NodeId::ZooKeeper,
                Msg::ZkAddPartitions {
                    request,
                    client: from,
                    topic,
                    count,
                },
            ),
            Msg::CreateTopics { request, topic } => {
                self.controller_channel()
                    .create_topic(ctx, from, request, topic);
            }
            Msg::AlterConfigs {
                request,
                entity,
                configs,
            } => {
                self.pending_configs.insert(request, from);
                ctx.send(
                    NodeId::ZooKeeper,
                    Msg::ZkSetConfig {
                        request,
                        client: from,
                        entity,
                        configs,
                    },
                );
            }
            Msg::ZkCreateTopicResult {
                request,
                client,
                name,
                result,
            } => match result {
                Err(e) => ctx.send(
                    client,
                    Msg::CreateTopicsResponse {
                        request,
                        name,
                        result: Err(e),
                    },
                ),
                Ok(()) => {
                    self.pending_creates.insert(request, (client, name));
                    ctx.timer(
                        CREATE_TOPIC_TIMEOUT_MS,
                        Timer::CreateTopicTimeout { request },
                    );
                    self.complete_pending_creates(ctx);
                }
            },
            other => self.on_zk_message(ctx, from, other, config),
        }
    }

    /// ZooKeeper mode: this broker is not the controller (KRaft brokers forward admin
    /// requests to the active controller instead).
    fn not_controller(&self) -> bool {
        self.kraft.is_none() && self.controller.is_none()
    }

    /// What a `Metadata` answer says of the cluster: the live brokers, and the controller id —
    /// ZooKeeper mode, the controller broker this cache knows; KRaft (Kafka 4.1,
    /// `KRaftMetadataCache.getRandomAliveBrokerId`), a random unfenced broker, so that the
    /// admin client's controller calls spread over brokers that forward them. The lab picks it
    /// by a hash of the request id, drawing nothing from the run's random stream.
    pub(super) fn metadata_brokers_and_controller(
        &self,
        request: u64,
    ) -> (Vec<BrokerId>, Option<BrokerId>) {
        let brokers: Vec<BrokerId> = self.metadata.live_brokers.iter().copied().collect();
        let controller = if self.kraft.is_some() {
            let mut h = request
                .wrapping_add(u64::from(self.id))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
            h ^= h >> 31;
            let n = brokers.len() as u64;
            (n > 0).then(|| brokers[(h % n) as usize])
        } else {
            self.metadata.controller
        };
        (brokers, controller)
    }

    /// Answers creations whose partitions all have a leader in the metadata cache
    /// (`DelayedCreatePartitions`).
    pub(crate) fn complete_pending_creates(&mut self, ctx: &mut Ctx<'_>) {
        let ready: Vec<u64> = self
            .pending_creates
            .iter()
            .filter(|(_, (_, name))| {
                let mut parts = self
                    .metadata
                    .partitions
                    .values()
                    .filter(|p| &p.tp.topic == name)
                    .peekable();
                parts.peek().is_some() && parts.all(|p| p.state.leader.is_some())
            })
            .map(|(&r, _)| r)
            .collect();
        for request in ready {
            self.answer_create(ctx, request, Ok(()));
        }
    }

    /// Answers a pending topic creation, if it is still pending.
    pub(super) fn answer_create(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        result: Result<(), String>,
    ) {
        if let Some((client, name)) = self.pending_creates.remove(&request) {
            ctx.send(
                client,
                Msg::CreateTopicsResponse {
                    request,
                    name,
                    result,
                },
            );
        }
    }
}
