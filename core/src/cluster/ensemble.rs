//! The ZooKeeper ensemble behind the one `zk` node: servers `zoo1`…`zooN` (as
//! kafka-stack-docker-compose names them), one of them the Zab leader, the rest followers.
//!
//! What is modelled, after ZooKeeper's `QuorumPeer` and `FastLeaderElection`:
//! - a write is committed only with a quorum: a majority of the configured servers
//!   (`QuorumMaj`: 2 of 3, 3 of 5) must be up;
//! - every committed write bumps the zxid (epoch in the high 32 bits, a counter in the low 32);
//!   a server that is down misses them;
//! - when the leader dies, or a quorum comes back, the live servers elect the one with the
//!   highest (last zxid, myid) — `totalOrderPredicate` — after `finalizeWait` (200 ms), and the
//!   new leader syncs its followers before it serves (one `tickTime` here); the epoch goes up;
//! - while there is no leader, no server serves clients: requests wait (the client library
//!   queues them and Kafka's `ZooKeeperClient` retries them until connected), pings get a
//!   connection loss, and no session expires (only a leader's `SessionTracker` expires
//!   sessions);
//! - a new leader starts every session's timeout afresh (`SessionTrackerImpl` tracks the
//!   sessions it loads with a full timeout), so a client that is still alive keeps its session
//!   however long the outage was; the sessions of clients that died meanwhile expire one
//!   timeout later.
//!
//! Simplified: servers die and start only by command (no network partitions between them);
//! a follower that starts while a leader serves joins and syncs at once; the loss of quorum is
//! noticed at once (ZooKeeper's leader notices within `syncLimit` ticks); the data tree is one
//! copy (Zab keeps the live servers' copies equal).

use super::msg::{Ctx, Msg, Timer};
use crate::event::Event;
use crate::model::NodeId;
use crate::sim::Millis;

/// `finalizeWait` of `FastLeaderElection`: how long a server waits for more votes.
pub const FINALIZE_WAIT_MS: Millis = 200;
/// The most requests held while the ensemble cannot serve (a bound, not Kafka's).
pub const MAX_HELD: usize = 100_000;

/// One ZooKeeper server.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ZkServer {
    /// `myid` (1, 2, 3 …): `zoo1` has myid 1.
    pub myid: u8,
    /// Whether its process runs.
    pub alive: bool,
    /// The last zxid it has.
    pub zxid: u64,
}

/// What the ensemble is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// A leader with a quorum serves.
    Serving,
    /// A quorum is up and electing a leader (done at `until`).
    Electing {
        /// When the new leader serves.
        until: Millis,
    },
    /// Fewer than a quorum are up: nothing is served.
    NoQuorum,
}

/// The servers and their leader.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ensemble {
    /// Servers by myid.
    pub servers: crate::vecmap::VecMap<u8, ZkServer>,
    /// The Zab leader's myid, while one leads.
    pub leader: Option<u8>,
    /// The leader's epoch (the zxid's high 32 bits).
    pub epoch: u32,
    /// What the ensemble is doing.
    pub phase: Phase,
    /// `tickTime` in ms (ZooKeeper's default and the compose files': 2000).
    pub tick_time_ms: Millis,
    /// `initLimit` (ticks a follower may take to sync with a new leader; zoo_sample.cfg: 10).
    pub init_limit: u32,
    /// `syncLimit` (ticks a follower may lag; zoo_sample.cfg: 5).
    pub sync_limit: u32,
    /// Requests waiting for a leader, in arrival order.
    pub held: Vec<(NodeId, Msg)>,
    /// Elections started (names the election timer, so a stale one does nothing).
    round: u32,
}

impl Ensemble {
    /// `n` servers, all up, the highest myid leading (all start with zxid 0, so the highest
    /// myid wins the first election, as it does when docker-compose starts them together).
    pub fn new(n: u8) -> Self {
        let n = n.max(1);
        let mut e = Self {
            servers: (1..=n)
                .map(|myid| {
                    (
                        myid,
                        ZkServer {
                            myid,
                            alive: true,
                            zxid: 0,
                        },
                    )
                })
                .collect(),
            leader: Some(n),
            epoch: 1,
            phase: Phase::Serving,
            tick_time_ms: 2000,
            init_limit: 10,
            sync_limit: 5,
            held: Vec::new(),
            round: 0,
        };
        e.set_zxids(1 << 32);
        e
    }

    /// A quorum: a majority of the configured servers.
    pub fn quorum(&self) -> usize {
        self.servers.len() / 2 + 1
    }

    /// How many servers are up.
    pub fn alive(&self) -> usize {
        self.servers.values().filter(|s| s.alive).count()
    }

    /// Whether a leader serves requests.
    pub fn serving(&self) -> bool {
        self.phase == Phase::Serving
    }

    /// The last committed zxid (the leader's).
    pub fn zxid(&self) -> u64 {
        self.servers.values().map(|s| s.zxid).max().unwrap_or(0)
    }

    fn set_zxids(&mut self, zxid: u64) {
        for s in self.servers.values_mut().filter(|s| s.alive) {
            s.zxid = zxid;
        }
    }

    /// A write was committed: every live server has it.
    pub fn commit(&mut self) {
        let z = self.zxid() + 1;
        self.set_zxids(z);
    }

    /// Holds a request until a leader serves.
    pub fn hold(&mut self, from: NodeId, msg: Msg) {
        if self.held.len() < MAX_HELD {
            self.held.push((from, msg));
        }
    }

    /// Kills server `myid`. Returns false if it is not a running server.
    pub fn kill(&mut self, ctx: &mut Ctx<'_>, myid: u8) -> bool {
        match self.servers.get_mut(&myid) {
            Some(s) if s.alive => s.alive = false,
            _ => return false,
        }
        ctx.event(Event::ZkServerKilled { server: myid });
        if self.alive() < self.quorum() {
            if self.phase != Phase::NoQuorum {
                self.phase = Phase::NoQuorum;
                self.leader = None;
                ctx.event(Event::ZkQuorumLost {
                    alive: self.alive() as u32,
                    quorum: self.quorum() as u32,
                });
            }
        } else if self.leader == Some(myid) {
            self.leader = None;
            self.start_election(ctx);
        }
        true
    }

    /// Starts server `myid`. Returns false if it is not a dead server.
    pub fn start(&mut self, ctx: &mut Ctx<'_>, myid: u8) -> bool {
        match self.servers.get_mut(&myid) {
            Some(s) if !s.alive => s.alive = true,
            _ => return false,
        }
        ctx.event(Event::ZkServerStarted { server: myid });
        match self.phase {
            // A leader serves: the new server follows it and syncs its history.
            Phase::Serving => {
                let z = self.zxid();
                if let Some(s) = self.servers.get_mut(&myid) {
                    s.zxid = z;
                }
            }
            Phase::Electing { .. } => {}
            Phase::NoQuorum => {
                if self.alive() >= self.quorum() {
                    self.start_election(ctx);
                }
            }
        }
        true
    }

    fn start_election(&mut self, ctx: &mut Ctx<'_>) {
        self.round += 1;
        let after = FINALIZE_WAIT_MS + self.tick_time_ms;
        self.phase = Phase::Electing {
            until: ctx.now + after,
        };
        ctx.event(Event::ZkElectionStarted {
            alive: self.alive() as u32,
        });
        ctx.timer(after, Timer::ZkElection { round: self.round });
    }

    /// The election timer: the server with the highest (zxid, myid) leads, in a new epoch.
    /// Returns true when a leader now serves (the caller then resumes held requests).
    pub fn on_election_timer(&mut self, ctx: &mut Ctx<'_>, round: u32) -> bool {
        if round != self.round || !matches!(self.phase, Phase::Electing { .. }) {
            return false;
        }
        if self.alive() < self.quorum() {
            self.phase = Phase::NoQuorum;
            return false;
        }
        let Some(winner) = self
            .servers
            .values()
            .filter(|s| s.alive)
            .max_by_key(|s| (s.zxid, s.myid))
            .map(|s| (s.myid, s.zxid))
        else {
            return false;
        };
        self.epoch += 1;
        self.leader = Some(winner.0);
        self.phase = Phase::Serving;
        // The followers sync to the leader's history; the new epoch starts its counter at 0.
        self.set_zxids(u64::from(self.epoch) << 32);
        ctx.event(Event::ZkLeaderElected {
            server: winner.0,
            epoch: self.epoch,
            zxid: format!("0x{:x}", winner.1),
        });
        true
    }
}

/// The ensemble as the page draws it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnsembleView {
    /// (myid, up, last zxid) of each server.
    pub servers: Vec<(u8, bool, u64)>,
    /// The leader's myid.
    pub leader: Option<u8>,
    /// Servers needed for a quorum.
    pub quorum: u32,
    /// What the ensemble is doing.
    pub phase: Phase,
    /// The leader's epoch.
    pub epoch: u32,
    /// Requests waiting for a leader.
    pub held: u32,
}

impl From<&Ensemble> for EnsembleView {
    fn from(e: &Ensemble) -> Self {
        Self {
            servers: e
                .servers
                .values()
                .map(|s| (s.myid, s.alive, s.zxid))
                .collect(),
            leader: e.leader,
            quorum: e.quorum() as u32,
            phase: e.phase,
            epoch: e.epoch,
            held: e.held.len() as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimRng;

    fn run<R>(
        e: &mut Ensemble,
        now: Millis,
        f: impl FnOnce(&mut Ensemble, &mut Ctx<'_>) -> R,
    ) -> (R, Vec<Event>) {
        let (mut out, mut events) = (Vec::new(), Vec::new());
        let mut rng = SimRng::new(1);
        let mut ctx = Ctx {
            now,
            out: &mut out,
            events: &mut events,
            rng: &mut rng,
        };
        let r = f(e, &mut ctx);
        (r, events)
    }

    #[test]
    fn three_servers_need_two() {
        let mut e = Ensemble::new(3);
        assert_eq!((e.quorum(), e.leader, e.serving()), (2, Some(3), true));
        assert_eq!(Ensemble::new(5).quorum(), 3);
        assert_eq!(Ensemble::new(1).quorum(), 1);
        // A follower dies: the leader keeps its quorum.
        run(&mut e, 0, |e, c| e.kill(c, 1));
        assert!(e.serving());
        assert_eq!(e.leader, Some(3));
        // A second one dies: no quorum, nothing served.
        let (_, ev) = run(&mut e, 0, |e, c| e.kill(c, 3));
        assert_eq!(e.phase, Phase::NoQuorum);
        assert_eq!(e.leader, None);
        assert!(ev.iter().any(|x| matches!(
            x,
            Event::ZkQuorumLost {
                alive: 1,
                quorum: 2
            }
        )));
        // Killing a dead server is refused.
        assert!(!run(&mut e, 0, |e, c| e.kill(c, 3)).0);
    }

    #[test]
    fn leader_death_elects_the_highest_zxid_then_myid() {
        let mut e = Ensemble::new(3);
        // zoo1 is down while writes commit: it falls behind.
        run(&mut e, 0, |e, c| e.kill(c, 1));
        e.commit();
        e.commit();
        run(&mut e, 10, |e, c| e.start(c, 1));
        assert_eq!(
            e.servers[&1].zxid, e.servers[&2].zxid,
            "a joining follower syncs"
        );
        // zoo3 (the leader) dies: zoo2 and zoo1 elect, taking FINALIZE_WAIT + a tick.
        run(&mut e, 20, |e, c| e.kill(c, 3));
        assert_eq!(
            e.phase,
            Phase::Electing {
                until: 20 + FINALIZE_WAIT_MS + 2000
            }
        );
        assert!(!e.serving());
        let (won, ev) = run(&mut e, 2220, |e, c| e.on_election_timer(c, 1));
        assert!(won);
        assert_eq!(e.leader, Some(2), "equal zxids: the higher myid wins");
        assert_eq!(e.epoch, 2);
        assert_eq!(e.zxid(), 2 << 32);
        assert!(ev
            .iter()
            .any(|x| matches!(x, Event::ZkLeaderElected { server: 2, .. })));
    }

    #[test]
    fn a_server_that_missed_writes_loses_the_election() {
        let mut e = Ensemble::new(3);
        // zoo3 leads; zoo2 dies; writes commit on zoo3 and zoo1.
        run(&mut e, 0, |e, c| e.kill(c, 2));
        e.commit();
        // zoo3 dies too: no quorum. zoo2 comes back: zoo1 and zoo2 make a quorum.
        run(&mut e, 5, |e, c| e.kill(c, 3));
        assert_eq!(e.phase, Phase::NoQuorum);
        run(&mut e, 10, |e, c| e.start(c, 2));
        assert!(matches!(e.phase, Phase::Electing { .. }));
        assert!(e.servers[&1].zxid > e.servers[&2].zxid);
        assert!(run(&mut e, 3000, |e, c| e.on_election_timer(c, 1)).0);
        assert_eq!(
            e.leader,
            Some(1),
            "zoo1 has the higher zxid, so it beats myid 2"
        );
    }

    #[test]
    fn a_stale_election_timer_does_nothing() {
        let mut e = Ensemble::new(3);
        run(&mut e, 0, |e, c| e.kill(c, 3));
        // Quorum lost during the election: the timer finds no quorum.
        run(&mut e, 5, |e, c| e.kill(c, 2));
        assert!(!run(&mut e, 3000, |e, c| e.on_election_timer(c, 1)).0);
        assert_eq!(e.phase, Phase::NoQuorum);
        assert_eq!(e.leader, None);
    }
}

#[cfg(test)]
#[path = "ensemble_tests.rs"]
mod lab_tests;
