//! Why a cluster operation was refused, and why a consumer cannot join yet.

use crate::model::BrokerId;

/// Why a cluster operation was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClusterError {
    /// No broker has this id.
    NoSuchBroker(BrokerId),
    /// The broker is already dead.
    AlreadyDead(BrokerId),
    /// The broker is already running.
    AlreadyRunning(BrokerId),
    /// No ZooKeeper server has this myid (the ensemble's size).
    NoSuchZk(u8, u8),
    /// The ZooKeeper server is already dead.
    ZkAlreadyDead(u8),
    /// The ZooKeeper server is already running.
    ZkAlreadyRunning(u8),
    /// KRaft: no controller has this id.
    NoSuchController(u32),
    /// KRaft: the controller is already dead.
    ControllerAlreadyDead(u32),
    /// KRaft: the controller is already running.
    ControllerAlreadyRunning(u32),
    /// KRaft: the controller is already shutting down.
    ControllerShuttingDown(u32),
}

impl std::fmt::Display for ClusterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClusterError::NoSuchBroker(b) => write!(f, "there is no broker {b}"),
            ClusterError::AlreadyDead(b) => write!(f, "broker {b} is already dead"),
            ClusterError::AlreadyRunning(b) => write!(f, "broker {b} is already running"),
            ClusterError::NoSuchZk(z, n) => write!(
                f,
                "there is no ZooKeeper server {z} (the ensemble has zoo1..zoo{n})"
            ),
            ClusterError::ZkAlreadyDead(z) => write!(f, "zoo{z} is already dead"),
            ClusterError::ZkAlreadyRunning(z) => write!(f, "zoo{z} is already running"),
            ClusterError::NoSuchController(c) => write!(f, "there is no controller {c}"),
            ClusterError::ControllerAlreadyDead(c) => write!(f, "controller {c} is already dead"),
            ClusterError::ControllerAlreadyRunning(c) => {
                write!(f, "controller {c} is already running")
            }
            ClusterError::ControllerShuttingDown(c) => {
                write!(f, "controller {c} is already shutting down")
            }
        }
    }
}

/// Why a new consumer of a classic or KIP-848 group cannot join right now: typed, so the page
/// can say it next to its button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsumerJoinBlocked {
    /// `__consumer_offsets` does not exist yet and fewer brokers are up than its replication
    /// factor (`offsets.topic.replication.factor`, 3 or the cluster's size): Kafka refuses to
    /// create it, and FindCoordinator answers COORDINATOR_NOT_AVAILABLE.
    OffsetsTopicNeedsBrokers {
        /// The replication factor it needs.
        replication_factor: u32,
        /// Brokers up (registered in ZooKeeper).
        live: Vec<BrokerId>,
        /// Brokers down.
        dead: Vec<BrokerId>,
    },
    /// ZooKeeper has no quorum: no topic can be created.
    ZkNoQuorum,
}
