//! Kafka's error codes as the lab returns them (Kafka's `Errors` enum), with their names and retriability.

// Variant fields are named for what they hold; documenting each would repeat its name.
#![allow(missing_docs)]

/// Kafka's error codes that the simulation produces, by Kafka's names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KafkaError {
    /// `NOT_LEADER_OR_FOLLOWER`: this broker does not lead the partition.
    NotLeaderOrFollower,
    /// `NOT_ENOUGH_REPLICAS`: the ISR is smaller than `min.insync.replicas`; nothing appended.
    NotEnoughReplicas,
    /// `NOT_ENOUGH_REPLICAS_AFTER_APPEND`: appended, but the ISR shrank below
    /// `min.insync.replicas` before the record was acknowledged.
    NotEnoughReplicasAfterAppend,
    /// `REQUEST_TIMED_OUT`: no answer in time (`request.timeout.ms`).
    RequestTimedOut,
    /// `FENCED_LEADER_EPOCH`: the requester's leader epoch is older than the leader's.
    FencedLeaderEpoch,
    /// `UNKNOWN_LEADER_EPOCH`: the requester's epoch is newer (the leader has not heard yet).
    UnknownLeaderEpoch,
    /// `UNKNOWN_TOPIC_OR_PARTITION`.
    UnknownTopicOrPartition,
    /// `NETWORK_EXCEPTION`: the connection broke.
    NetworkException,
    /// `OFFSET_OUT_OF_RANGE`: the requested offset is past the leader's log end.
    OffsetOutOfRange,
    /// `OUT_OF_ORDER_SEQUENCE_NUMBER`: an idempotent batch's sequence does not follow the
    /// last one the broker has for the producer.
    OutOfOrderSequenceNumber,
    /// `INVALID_PRODUCER_EPOCH`: the batch's producer epoch is older than the broker's.
    InvalidProducerEpoch,
    /// `TimeoutException` (client side): the batch waited longer than `delivery.timeout.ms`.
    DeliveryTimeout,
    /// `NOT_COORDINATOR`: this broker is not the transaction coordinator for the id.
    NotCoordinator,
    /// `COORDINATOR_NOT_AVAILABLE`: the coordinator's partition has no leader (or no topic).
    CoordinatorNotAvailable,
    /// `COORDINATOR_LOAD_IN_PROGRESS`: the coordinator is still reading its partition.
    CoordinatorLoadInProgress,
    /// `CONCURRENT_TRANSACTIONS`: the previous transaction is still being completed.
    ConcurrentTransactions,
    /// `PRODUCER_FENCED`: a newer instance with the same `transactional.id` bumped the epoch.
    ProducerFenced,
    /// `INVALID_TXN_STATE`: the request does not fit the transaction's state.
    InvalidTxnState,
    /// `TRANSACTION_ABORTABLE` (client side): the batch belonged to a transaction being
    /// aborted before it was sent.
    TransactionAborted,
    /// `REBALANCE_IN_PROGRESS`: the group is rebalancing; rejoin.
    RebalanceInProgress,
    /// `ILLEGAL_GENERATION`: the request's generation is not the group's.
    IllegalGeneration,
    /// `UNKNOWN_MEMBER_ID`: the coordinator does not know this member.
    UnknownMemberId,
    /// `INCONSISTENT_GROUP_PROTOCOL`: the member's assignor is not the group's (or, in the
    /// lab, its group protocol is not the group's).
    InconsistentGroupProtocol,
    /// `FENCED_MEMBER_EPOCH` (KIP-848): the member's epoch is not the coordinator's; it must
    /// give up its partitions and rejoin with epoch 0.
    FencedMemberEpoch,
    /// `STALE_MEMBER_EPOCH` (KIP-848): an offset commit with an old member epoch.
    StaleMemberEpoch,
    /// `NOT_CONTROLLER` (KRaft): the request reached a controller that is not active.
    NotController,
    /// `STALE_BROKER_EPOCH` (KRaft): the broker's epoch is not its current registration's.
    StaleBrokerEpoch,
    /// `INVALID_UPDATE_VERSION` (KRaft `AlterPartition`): the partition epoch is stale.
    InvalidUpdateVersion,
    /// `INELIGIBLE_REPLICA` (KRaft `AlterPartition`): a new ISR member is fenced.
    IneligibleReplica,
    /// `DUPLICATE_BROKER_REGISTRATION` (KRaft): the broker id's previous incarnation still
    /// has a live session.
    DuplicateBrokerRegistration,
}

impl KafkaError {
    /// Kafka's name for the error.
    pub fn name(self) -> &'static str {
        match self {
            KafkaError::NotLeaderOrFollower => "NOT_LEADER_OR_FOLLOWER",
            KafkaError::NotEnoughReplicas => "NOT_ENOUGH_REPLICAS",
            KafkaError::NotEnoughReplicasAfterAppend => "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
            KafkaError::RequestTimedOut => "REQUEST_TIMED_OUT",
            KafkaError::FencedLeaderEpoch => "FENCED_LEADER_EPOCH",
            KafkaError::UnknownLeaderEpoch => "UNKNOWN_LEADER_EPOCH",
            KafkaError::UnknownTopicOrPartition => "UNKNOWN_TOPIC_OR_PARTITION",
            KafkaError::NetworkException => "NETWORK_EXCEPTION",
            KafkaError::OffsetOutOfRange => "OFFSET_OUT_OF_RANGE",
            KafkaError::OutOfOrderSequenceNumber => "OUT_OF_ORDER_SEQUENCE_NUMBER",
            KafkaError::InvalidProducerEpoch => "INVALID_PRODUCER_EPOCH",
            KafkaError::DeliveryTimeout => "TimeoutException",
            KafkaError::NotCoordinator => "NOT_COORDINATOR",
            KafkaError::CoordinatorNotAvailable => "COORDINATOR_NOT_AVAILABLE",
            KafkaError::CoordinatorLoadInProgress => "COORDINATOR_LOAD_IN_PROGRESS",
            KafkaError::ConcurrentTransactions => "CONCURRENT_TRANSACTIONS",
            KafkaError::ProducerFenced => "PRODUCER_FENCED",
            KafkaError::InvalidTxnState => "INVALID_TXN_STATE",
            KafkaError::TransactionAborted => "TransactionAbortedException",
            KafkaError::RebalanceInProgress => "REBALANCE_IN_PROGRESS",
            KafkaError::IllegalGeneration => "ILLEGAL_GENERATION",
            KafkaError::UnknownMemberId => "UNKNOWN_MEMBER_ID",
            KafkaError::InconsistentGroupProtocol => "INCONSISTENT_GROUP_PROTOCOL",
            KafkaError::FencedMemberEpoch => "FENCED_MEMBER_EPOCH",
            KafkaError::StaleMemberEpoch => "STALE_MEMBER_EPOCH",
            KafkaError::NotController => "NOT_CONTROLLER",
            KafkaError::StaleBrokerEpoch => "STALE_BROKER_EPOCH",
            KafkaError::InvalidUpdateVersion => "INVALID_UPDATE_VERSION",
            KafkaError::IneligibleReplica => "INELIGIBLE_REPLICA",
            KafkaError::DuplicateBrokerRegistration => "DUPLICATE_BROKER_REGISTRATION",
        }
    }

    /// True if a producer retries after it (`RetriableException`).
    pub fn is_retriable(self) -> bool {
        !matches!(
            self,
            KafkaError::OutOfOrderSequenceNumber
                | KafkaError::InvalidProducerEpoch
                | KafkaError::DeliveryTimeout
                | KafkaError::ProducerFenced
                | KafkaError::InvalidTxnState
                | KafkaError::TransactionAborted
        )
    }
}
