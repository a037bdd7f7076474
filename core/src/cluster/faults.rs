//! Faults a learner injects: killing and restarting brokers and ZooKeeper servers, cutting and healing links, slow brokers.

use super::{ensemble, Cluster, ClusterError, ADMIN};
use crate::event::{Event, Logged};
use crate::model::{BrokerId, NodeId};
use crate::sim::Millis;
use std::collections::BTreeSet;

/// Faults injected into the network and the brokers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Faults {
    /// Cut links, by direction: messages from the first node to the second are lost.
    pub cuts: BTreeSet<(NodeId, NodeId)>,
    /// Probability that any message is lost, in millionths.
    pub drop_per_million: u32,
}

impl Faults {
    /// True if messages from `from` to `to` are lost.
    pub fn is_cut(&self, from: NodeId, to: NodeId) -> bool {
        self.cuts.contains(&(from, to))
    }
}

impl Cluster {
    /// Kills a broker (`kill -9`).
    pub fn kill_broker(&mut self, id: BrokerId) -> Result<(), ClusterError> {
        match self.brokers.get(&id) {
            None => Err(ClusterError::NoSuchBroker(id)),
            Some(b) if !b.alive => Err(ClusterError::AlreadyDead(id)),
            Some(_) => {
                self.with_broker(id, |b, ctx| b.kill(ctx));
                if self.combined && self.controllers.contains_key(&id) {
                    self.with_controller(id, |c, ctx| c.kill(ctx));
                }
                Ok(())
            }
        }
    }

    /// Starts a dead broker again.
    pub fn start_broker(&mut self, id: BrokerId) -> Result<(), ClusterError> {
        match self.brokers.get(&id) {
            None => Err(ClusterError::NoSuchBroker(id)),
            Some(b) if b.alive => Err(ClusterError::AlreadyRunning(id)),
            Some(_) => {
                let config = self.config.clone();
                if self.combined && self.controllers.contains_key(&id) {
                    self.with_controller(id, |c, ctx| c.start(ctx));
                }
                self.with_broker(id, |b, ctx| b.start(ctx, &config));
                Ok(())
            }
        }
    }

    /// Gives ZooKeeper an ensemble of `n` servers (call on a fresh cluster, before it runs):
    /// zoo1..zooN, the highest myid leading.
    pub fn set_zookeepers(&mut self, n: u8) {
        self.zk.ensemble = ensemble::Ensemble::new(n);
        if n > 1 {
            let leader = self.zk.ensemble.leader.unwrap_or(n);
            self.log_items.push(self.processed);
            self.log.push(Logged {
                at: self.now,
                event: Event::ZkLeaderElected {
                    server: leader,
                    epoch: self.zk.ensemble.epoch,
                    zxid: "0x0".into(),
                },
            });
        }
    }

    /// Kills ZooKeeper server `myid` (`docker kill zooN`).
    pub fn kill_zk(&mut self, myid: u8) -> Result<(), ClusterError> {
        let n = self.zk.ensemble.servers.len() as u8;
        match self.zk.ensemble.servers.get(&myid) {
            None => Err(ClusterError::NoSuchZk(myid, n)),
            Some(s) if !s.alive => Err(ClusterError::ZkAlreadyDead(myid)),
            Some(_) => {
                self.with_zk(|zk, ctx| zk.kill_server(ctx, myid));
                Ok(())
            }
        }
    }

    /// Starts ZooKeeper server `myid` again.
    pub fn start_zk(&mut self, myid: u8) -> Result<(), ClusterError> {
        let n = self.zk.ensemble.servers.len() as u8;
        match self.zk.ensemble.servers.get(&myid) {
            None => Err(ClusterError::NoSuchZk(myid, n)),
            Some(s) if s.alive => Err(ClusterError::ZkAlreadyRunning(myid)),
            Some(_) => {
                self.with_zk(|zk, ctx| zk.start_server(ctx, myid));
                Ok(())
            }
        }
    }

    // ---- faults

    /// Cuts the link between two nodes (both ways).
    pub fn cut(&mut self, a: NodeId, b: NodeId) {
        self.faults.cuts.insert((a, b));
        self.faults.cuts.insert((b, a));
    }

    /// Cuts one direction only: messages from `from` to `to` are lost.
    pub fn cut_one_way(&mut self, from: NodeId, to: NodeId) {
        self.faults.cuts.insert((from, to));
    }

    /// Heals one link, or every link and the drop rate when `None`.
    pub fn heal(&mut self, link: Option<(NodeId, NodeId)>) {
        match link {
            Some((a, b)) => {
                self.faults.cuts.remove(&(a, b));
                self.faults.cuts.remove(&(b, a));
            }
            None => {
                self.faults.cuts.clear();
                self.faults.drop_per_million = 0;
            }
        }
    }

    /// Every node a broker can talk to: ZooKeeper and the other brokers.
    pub fn isolate(&mut self, broker: BrokerId) {
        let me = NodeId::Broker(broker);
        let others: Vec<NodeId> = std::iter::once(NodeId::ZooKeeper)
            .chain(self.controllers.keys().map(|&c| NodeId::Controller(c)))
            .chain(
                self.brokers
                    .keys()
                    .filter(|&&b| b != broker)
                    .map(|&b| NodeId::Broker(b)),
            )
            .chain(self.producers.keys().map(|&c| NodeId::Client(c)))
            .chain(self.consumers.keys().map(|&c| NodeId::Client(c)))
            .chain(std::iter::once(ADMIN))
            .collect();
        for o in others {
            self.cut(me, o);
        }
    }

    /// Cuts a client (producer or consumer) off every broker.
    pub fn isolate_client(&mut self, client: NodeId) {
        let brokers: Vec<NodeId> = self.brokers.keys().map(|&b| NodeId::Broker(b)).collect();
        for b in brokers {
            self.cut(client, b);
        }
    }

    /// Makes a broker's replica fetcher wait `ms` before every fetch (0 restores it).
    pub fn slow_broker(&mut self, broker: BrokerId, ms: Millis) -> Result<(), ClusterError> {
        let b = self
            .brokers
            .get_mut(&broker)
            .ok_or(ClusterError::NoSuchBroker(broker))?;
        b.replica_manager.fetch_delay_ms = ms;
        Ok(())
    }
}
