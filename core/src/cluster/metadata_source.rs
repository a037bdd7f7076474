//! Where the cluster's metadata lives, for the runtime's read-only questions — the one place
//! that looks at the era. ZooKeeper mode: the znodes (`/brokers/ids`, `/controller`, the
//! topics' state znodes) and the `KafkaController` broker; KRaft: the quorum's committed
//! `__cluster_metadata` as the active controller and the brokers' images have it. `Cluster`
//! asks `Cluster::metadata_source` (crate-private) and never branches on the mode for these
//! itself (the brokers reach the controller through
//! [`super::controller_channel::ControllerChannel`]; the admin client routes its calls from
//! its own `Metadata` answers, [`super::admin`]).

use super::msg::TopicZnode;
use super::Cluster;
use super::ConsumerJoinBlocked;
use crate::kraft::MetadataMode;
use crate::model::BrokerId;

/// The cluster's metadata as one era keeps it.
#[derive(Clone, Copy, Debug)]
pub enum MetadataSource<'a> {
    /// ZooKeeper's znodes, the controller one broker.
    ZooKeeper(&'a Cluster),
    /// The KRaft quorum's metadata log.
    Quorum(&'a Cluster),
}

static NO_TOPICS: crate::vecmap::VecMap<String, TopicZnode> = crate::vecmap::VecMap::new();

impl Cluster {
    /// The era's metadata, for the runtime's read-only questions.
    pub(crate) fn metadata_source(&self) -> MetadataSource<'_> {
        match self.mode {
            MetadataMode::ZooKeeper => MetadataSource::ZooKeeper(self),
            MetadataMode::Kraft => MetadataSource::Quorum(self),
        }
    }
}

impl<'a> MetadataSource<'a> {
    /// True when a controller is elected, every live broker is registered and knows it
    /// (KRaft: unfenced and caught up with the metadata log), and every created partition
    /// has had its first leader.
    pub fn settled(self) -> bool {
        match self {
            MetadataSource::ZooKeeper(c) => {
                let Some(controller) = c.controller() else {
                    return false;
                };
                c.brokers.values().filter(|b| b.alive).all(|b| {
                    c.zk.broker_ids.contains_key(&b.id) && b.metadata.controller == Some(controller)
                }) && c
                    .zk
                    .topics
                    .values()
                    .all(|t| t.states.len() == t.assignment.len())
            }
            MetadataSource::Quorum(c) => c.kraft_settled(),
        }
    }

    /// The topics as the admin client sees them: ZooKeeper's znodes; in KRaft, a broker's
    /// metadata image (the first live broker that has one), else a live controller's.
    pub fn topics(self) -> &'a crate::vecmap::VecMap<String, TopicZnode> {
        match self {
            MetadataSource::ZooKeeper(c) => &c.zk.topics,
            MetadataSource::Quorum(c) => c.metadata_image().map_or(&NO_TOPICS, |i| &i.topics),
        }
    }

    /// The brokers the controller would place `__consumer_offsets` on (registered in
    /// ZooKeeper, or unfenced in KRaft), or why none can be asked (ZooKeeper without quorum).
    pub fn placeable_brokers(self) -> Result<Vec<BrokerId>, ConsumerJoinBlocked> {
        match self {
            MetadataSource::ZooKeeper(c) => {
                if !c.zk.ensemble.serving() {
                    return Err(ConsumerJoinBlocked::ZkNoQuorum);
                }
                Ok(c.zk.broker_ids.keys().copied().collect())
            }
            MetadataSource::Quorum(c) => Ok(c
                .active_controller()
                .map(|a| c.controllers[&a].image.unfenced())
                .unwrap_or_default()),
        }
    }
}
