//! A broker serving the admin API: `CreateTopics` (held until every partition has a leader,
//! Kafka's `DelayedCreatePartitions`), `CreatePartitions`, `DeleteTopics` and
//! `IncrementalAlterConfigs`, forwarded to ZooKeeper as a ZooKeeper-era broker does.

use super::{Broker, CREATE_TOPIC_TIMEOUT_MS};
use crate::cluster::msg::{Ctx, Msg, Timer};
use crate::config::BrokerConfig;
use crate::model::NodeId;

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
