//! What the page draws of KRaft: the controller quorum where ZooKeeper was, and each broker's
//! registration and metadata offset. Filled by `Cluster` in KRaft mode
//! (`ClusterView::kraft`), `None` in ZooKeeper mode.

use crate::model::BrokerId;
use crate::sim::Millis;

/// The quorum and the brokers' side of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KraftView {
    /// The voters (`controller.quorum.voters` / bootstrap), by node id.
    pub controllers: Vec<ControllerNodeView>,
    /// The current leader (the active controller), if one is known to a majority.
    pub leader: Option<u32>,
    /// The highest epoch any live voter is in.
    pub epoch: u32,
    /// The metadata log's high watermark (as the leader knows it).
    pub high_watermark: u64,
    /// Combined mode: controllers are the brokers (same `node.id`).
    pub combined: bool,
    /// Every broker's registration, by broker id.
    pub brokers: Vec<BrokerRegistrationView>,
}

/// One controller node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControllerNodeView {
    /// `node.id`.
    pub id: u32,
    /// Running or killed.
    pub alive: bool,
    /// Its Raft state.
    pub role: RaftRole,
    /// Its current epoch.
    pub epoch: u32,
    /// Whom it voted for in this epoch.
    pub voted_for: Option<u32>,
    /// Its `__cluster_metadata` log end offset.
    pub log_end_offset: u64,
    /// The high watermark it knows.
    pub high_watermark: u64,
    /// KIP-630: its log start offset (what is below lives only in a snapshot).
    pub log_start_offset: u64,
    /// The end offset of its latest `.checkpoint` snapshot, if it wrote or fetched one.
    pub latest_snapshot: Option<u64>,
    /// When its election timer fires (followers, candidates, unattached), for a countdown.
    pub election_timeout_at: Option<Millis>,
}

/// `QuorumState`'s states (KafkaRaftClient), as `kafka-metadata-quorum.sh` names the
/// leader / followers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RaftRole {
    /// The active controller.
    Leader,
    /// Fetching from a known leader.
    Follower,
    /// Asking for votes in a new epoch.
    Candidate,
    /// KIP-996 pre-vote (Kafka 4.0+): asking whether others would vote before bumping the epoch.
    Prospective,
    /// In an epoch without a known leader, not a candidate.
    Unattached,
    /// A leader stepping down (graceful shutdown).
    Resigned,
    /// Not running.
    Dead,
}

/// A broker as the active controller sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerRegistrationView {
    /// `node.id`.
    pub id: BrokerId,
    /// Its `RegisterBrokerRecord` is in the log.
    pub registered: bool,
    /// Fenced: no leaderships, not in any ISR.
    pub fenced: bool,
    /// Shutting down under the controller's control.
    pub in_controlled_shutdown: bool,
    /// The broker epoch (offset of its `RegisterBrokerRecord`).
    pub broker_epoch: u64,
    /// The metadata offset the broker has applied to its image (its lag = HW − this).
    pub metadata_offset: u64,
    /// KIP-630: its metadata log start offset and latest snapshot's end offset.
    pub log_start_offset: u64,
    /// The end offset of its latest snapshot.
    pub latest_snapshot: Option<u64>,
    /// When the controller fences it unless a heartbeat comes (`broker.session.timeout.ms`).
    pub session_expires_at: Option<Millis>,
}
