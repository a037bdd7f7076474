//! What kind of API each message is: request or response, and its Kafka API name.

use super::Msg;

impl Msg {
    /// True for Kafka requests (answered by brokers that serve requests); these bounce back as
    /// [`Msg::Undeliverable`] when their receiver cannot take them.
    pub fn is_request(&self) -> bool {
        matches!(
            self,
            Msg::LeaderAndIsr { .. }
                | Msg::UpdateMetadata { .. }
                | Msg::Fetch { .. }
                | Msg::OffsetsForLeaderEpoch { .. }
                | Msg::Produce { .. }
                | Msg::InitProducerId { .. }
                | Msg::FindCoordinator { .. }
                | Msg::AddPartitionsToTxn { .. }
                | Msg::EndTxn { .. }
                | Msg::WriteTxnMarkers { .. }
                | Msg::Metadata { .. }
                | Msg::CreateTopics { .. }
                | Msg::CreatePartitions { .. }
                | Msg::AlterConfigs { .. }
                | Msg::DeleteTopics { .. }
                | Msg::ElectLeaders { .. }
                | Msg::StopReplica { .. }
                | Msg::Group { .. }
                | Msg::ConsumerFetch { .. }
                | Msg::ListOffsets { .. }
                | Msg::RaftFetch { .. }
                | Msg::FetchSnapshot { .. }
                | Msg::BrokerRegistration { .. }
                | Msg::BrokerHeartbeat { .. }
                | Msg::AlterPartition { .. }
                | Msg::AllocateProducerIds { .. }
        )
    }

    /// A short name for drawing and logs (Kafka's API name where there is one).
    pub fn kind(&self) -> &'static str {
        match self {
            Msg::ZkRegisterBroker { .. } => "register",
            Msg::ZkPing { .. } => "ping",
            Msg::ZkCreateController { .. } => "create /controller",
            Msg::ZkWriteStates { .. } => "write state",
            Msg::ZkUpdateIsr { .. } => "update ISR",
            Msg::ZkCreateTopic { .. } => "create topic",
            Msg::ZkAddPartitions { .. } => "add partitions",
            Msg::ZkPartitionsAdded { .. } => "watch: /brokers/topics/T",
            Msg::CreatePartitions { .. } => "CreatePartitions",
            Msg::ZkRegistered { .. } => "registered",
            Msg::ZkRegisterConflict => "node exists",
            Msg::ZkControllerResult { .. } => "controller?",
            Msg::ZkControllerDeleted => "watch: /controller",
            Msg::ZkBrokersChanged { .. } => "watch: /brokers/ids",
            Msg::ZkTopicCreated { .. } => "watch: /brokers/topics",
            Msg::ZkStatesWritten { .. } => "written",
            Msg::ZkStatesRejected { .. } => "rejected",
            Msg::ZkIsrChanged { .. } => "isr change",
            Msg::ZkUpdateIsrResult { .. } => "isr updated",
            Msg::ZkCreateTopicResult { .. } => "topic created",
            Msg::ZkDeleteTopic { .. } => "create /admin/delete_topics/T",
            Msg::ZkDeleteTopicResult { .. } => "marked for deletion",
            Msg::ZkTopicDeletionMarked { .. } => "watch: /admin/delete_topics",
            Msg::ZkRemoveTopic { .. } => "delete /brokers/topics/T",
            Msg::StopReplica { .. } => "StopReplica",
            Msg::StopReplicaResponse { .. } => "StopReplica response",
            Msg::DeleteTopics { .. } => "DeleteTopics",
            Msg::DeleteTopicsResponse { .. } => "DeleteTopics response",
            Msg::ElectLeaders { .. } => "ElectLeaders",
            Msg::ElectLeadersResponse { .. } => "ElectLeaders response",
            Msg::LeaderAndIsr { .. } => "LeaderAndIsr",
            Msg::UpdateMetadata { .. } => "UpdateMetadata",
            Msg::Fetch { .. } => "Fetch",
            Msg::FetchResponse { .. } => "Fetch response",
            Msg::CreateTopics { .. } => "CreateTopics",
            Msg::CreateTopicsResponse { .. } => "CreateTopics response",
            Msg::Undeliverable(_) => "connection refused",
            Msg::ZkPong { .. } => "pong",
            Msg::ZkConnectionLoss => "ConnectionLoss",
            Msg::ZkConfigChanged { .. } => "watch: /config",
            Msg::ZkSetConfig { .. } => "set config",
            Msg::ZkSetConfigResult { .. } => "config set",
            Msg::OffsetsForLeaderEpoch { .. } => "OffsetsForLeaderEpoch",
            Msg::OffsetsForLeaderEpochResponse { .. } => "OffsetsForLeaderEpoch response",
            Msg::Produce { .. } => "Produce",
            Msg::ProduceResponse { .. } => "Produce response",
            Msg::InitProducerId { .. } => "InitProducerId",
            Msg::InitProducerIdResponse { .. } => "InitProducerId response",
            Msg::FindCoordinator { .. } => "FindCoordinator",
            Msg::FindCoordinatorResponse { .. } => "FindCoordinator response",
            Msg::AddPartitionsToTxn { .. } => "AddPartitionsToTxn",
            Msg::AddPartitionsToTxnResponse { .. } => "AddPartitionsToTxn response",
            Msg::EndTxn { .. } => "EndTxn",
            Msg::EndTxnResponse { .. } => "EndTxn response",
            Msg::WriteTxnMarkers { .. } => "WriteTxnMarkers",
            Msg::WriteTxnMarkersResponse { .. } => "WriteTxnMarkers response",
            Msg::ZkAllocateProducerIds => "set /latest_producer_id_block",
            Msg::ZkProducerIdBlock { .. } => "producer id block",
            Msg::Metadata { .. } => "Metadata",
            Msg::MetadataResponse { .. } => "Metadata response",
            Msg::AlterConfigs { .. } => "AlterConfigs",
            Msg::AlterConfigsResponse { .. } => "AlterConfigs response",
            Msg::ZkCommitOffsets { .. } => "set /consumers/…/offsets",
            Msg::ZkOffsetsCommitted { .. } => "offsets written",
            Msg::ZkFetchOffsets { .. } => "get /consumers/…/offsets",
            Msg::ZkOffsets { .. } => "offsets",
            Msg::ConsumerFetch { .. } => "Fetch",
            Msg::ConsumerFetchResponse { .. } => "Fetch response",
            Msg::ListOffsets { .. } => "ListOffsets",
            Msg::ListOffsetsResponse { .. } => "ListOffsets response",
            Msg::Group { req, .. } => req.kind(),
            Msg::Vote { .. } => "Vote",
            Msg::VoteResponse { .. } => "Vote response",
            Msg::BeginQuorumEpoch { .. } => "BeginQuorumEpoch",
            Msg::BeginQuorumEpochResponse { .. } => "BeginQuorumEpoch response",
            Msg::EndQuorumEpoch { .. } => "EndQuorumEpoch",
            Msg::EndQuorumEpochResponse { .. } => "EndQuorumEpoch response",
            Msg::RaftFetch { .. } => "Fetch",
            Msg::RaftFetchResponse { .. } => "Fetch response",
            Msg::FetchSnapshot { .. } => "FetchSnapshot",
            Msg::FetchSnapshotResponse { .. } => "FetchSnapshot response",
            Msg::BrokerRegistration { .. } => "BrokerRegistration",
            Msg::BrokerRegistrationResponse { .. } => "BrokerRegistration response",
            Msg::BrokerHeartbeat { .. } => "BrokerHeartbeat",
            Msg::BrokerHeartbeatResponse { .. } => "BrokerHeartbeat response",
            Msg::AlterPartition { .. } => "AlterPartition",
            Msg::AlterPartitionResponse { .. } => "AlterPartition response",
            Msg::AllocateProducerIds { .. } => "AllocateProducerIds",
            Msg::AllocateProducerIdsResponse { .. } => "AllocateProducerIds response",
            Msg::GroupResponse { resp, .. } => match resp {
                crate::cluster::group::GroupResponse::FindCoordinator(_) => {
                    "FindCoordinator response"
                }
                crate::cluster::group::GroupResponse::JoinGroup(_) => "JoinGroup response",
                crate::cluster::group::GroupResponse::SyncGroup(_) => "SyncGroup response",
                crate::cluster::group::GroupResponse::Heartbeat(_) => "Heartbeat response",
                crate::cluster::group::GroupResponse::LeaveGroup(_) => "LeaveGroup response",
                crate::cluster::group::GroupResponse::OffsetCommit(_) => "OffsetCommit response",
                crate::cluster::group::GroupResponse::OffsetFetch(_) => "OffsetFetch response",
                crate::cluster::group::GroupResponse::ConsumerGroupHeartbeat(_) => {
                    "ConsumerGroupHeartbeat response"
                }
            },
        }
    }
}
