//! The admin client (`NodeId::Client(0)`): its requests (`CreateTopics`, `DeleteTopics`, `IncrementalAlterConfigs`, group admin), where it sends them, (the internal topics the coordinators need are created by the brokers: `broker::auto_topic`).

use super::broker::Broker;
use super::msg::{ConfigEntity, CreateTopic, Msg};
use super::{group, Cluster, ADMIN};
use crate::model::{BrokerId, NodeId};

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
        election: crate::kraft::controller::admin::ElectionType,
        /// Which partitions.
        partitions: Option<Vec<crate::model::TopicPartition>>,
    },
}

impl AdminRequest {
    pub(super) fn message(&self, request: u64) -> Msg {
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

impl Cluster {
    /// The admin client sends a CreateTopics request to the controller (or, if no live broker
    /// knows one, to the lowest live broker). Returns the request id, or `None` if no broker is
    /// alive to take it.
    pub fn admin_create_topic(&mut self, topic: CreateTopic) -> Option<u64> {
        self.admin_request(AdminRequest::CreateTopic(topic))
    }

    /// The admin client sends a request to the controller (see [`Cluster::admin_create_topic`]).
    pub fn admin_request(&mut self, req: AdminRequest) -> Option<u64> {
        let target = self.admin_target()?;
        let request = self.admin_next_request;
        self.admin_next_request += 1;
        let msg = req.message(request);
        self.admin_pending.insert(request, req);
        self.send(ADMIN, NodeId::Broker(target), msg);
        Some(request)
    }

    /// Kafka 2.x's `kafka-topics.sh --zookeeper --delete`: the tool itself creates
    /// `/admin/delete_topics/T`. Returns the request id to wait on.
    pub fn zk_mark_topic_deletion(&mut self, topic: &str) -> u64 {
        let request = self.admin_next_request;
        self.admin_next_request += 1;
        self.send(
            ADMIN,
            NodeId::ZooKeeper,
            Msg::ZkDeleteTopic {
                request,
                client: ADMIN,
                topic: topic.to_string(),
            },
        );
        request
    }

    /// The admin tool sends a group request (`kafka-consumer-groups.sh --reset-offsets`).
    pub(crate) fn admin_send(&mut self, to: NodeId, msg: Msg) {
        self.send(ADMIN, to, msg);
    }

    /// KRaft: the answer to an `ElectLeaders` request, once it has arrived.
    pub(crate) fn admin_election_response(
        &self,
        request: u64,
    ) -> Option<
        &[(
            crate::model::TopicPartition,
            crate::kraft::controller::admin::ElectionOutcome,
        )],
    > {
        self.admin_election_responses
            .get(&request)
            .map(Vec::as_slice)
    }

    /// The answer to an admin group request, once it has arrived.
    pub(crate) fn admin_group_response(&self, request: u64) -> Option<&group::GroupResponse> {
        self.admin_group_responses.get(&request)
    }

    /// The admin client's answer to `request`, once it has arrived.
    pub(crate) fn admin_response(&self, request: u64) -> Option<&Result<(), String>> {
        self.admin_responses.get(&request)
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
