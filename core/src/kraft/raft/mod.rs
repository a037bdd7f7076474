//! `KafkaRaftClient` (Kafka 4.1, `raft/src/main/java/org/apache/kafka/raft/`): the metadata
//! quorum as a pure handler state machine, one per node.
//!
//! A voter (a controller) is in one of `QuorumState`'s states: Unattached (an epoch without
//! a known leader), Prospective (KIP-996 pre-vote: asking whether the others would vote,
//! without bumping the epoch), Candidate (the epoch bumped, asking for votes), Leader,
//! Follower (fetching from a known leader) or Resigned. Brokers run the same client as
//! observers: they fetch `__cluster_metadata` from the leader but never vote.
//!
//! Followers and observers FETCH: each fetch carries the fetch offset and the epoch of the
//! last record fetched; the leader answers records and its high watermark, or a diverging
//! epoch (the follower truncates to its end and fetches again). The high watermark is the
//! offset a majority of voters have fetched up to, and moves only once an entry of the
//! leader's own epoch is committed (its `LeaderChange` control record, written first).
//!
//! Defaults as `QuorumConfig` (4.1): `controller.quorum.election.timeout.ms` 1000,
//! `controller.quorum.fetch.timeout.ms` 2000, `controller.quorum.election.backoff.max.ms`
//! 1000; the election timeout is randomized in [T, 2T) (`QuorumState.randomElectionTimeoutMs`);
//! a leader that has not heard from a majority for 1.5 × the fetch timeout resigns
//! (`LeaderState`'s check-quorum).

#![allow(missing_docs)] // the states' fields are named as Kafka names them

mod election;
mod replication;
mod resign;
#[cfg(test)]
mod resign_tests;
mod snapshot;
#[cfg(test)]
mod snapshot_tests;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use crate::cluster::msg::{Ctx, Msg, Timer};
use crate::event::Event;
use crate::kraft::records::{MetadataEntry, MetadataRecord};
use crate::model::NodeId;
use crate::sim::Millis;

pub use resign::strict_exponential_election_backoff_ms;
pub use snapshot::{MetadataLogConfig, RaftSnapshot, SnapshotCounters, METADATA_LOG_CONFIGS};

/// `QuorumConfig`'s settings the lab models (4.1 defaults).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct QuorumConfig {
    /// `controller.quorum.election.timeout.ms`.
    pub election_timeout_ms: Millis,
    /// `controller.quorum.fetch.timeout.ms`.
    pub fetch_timeout_ms: Millis,
    /// `controller.quorum.election.backoff.max.ms`.
    pub election_backoff_max_ms: Millis,
    /// How long the leader holds a fetch with nothing new (`KafkaRaftClient`'s
    /// `fetchMaxWaitMs`, 500).
    pub fetch_max_wait_ms: Millis,
    /// At most this many entries in one fetch answer.
    pub max_fetch_entries: usize,
}

impl Default for QuorumConfig {
    fn default() -> Self {
        Self {
            election_timeout_ms: 1_000,
            fetch_timeout_ms: 2_000,
            election_backoff_max_ms: 1_000,
            fetch_max_wait_ms: 500,
            max_fetch_entries: 64,
        }
    }
}

/// The raft client's timers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RaftTimer {
    /// Unattached, Prospective, Candidate, Resigned: the election timeout.
    Election,
    /// Follower / observer: no successful fetch for `controller.quorum.fetch.timeout.ms`.
    FetchTimeout,
    /// Follower / observer: send the next fetch (after a failed one, with backoff).
    FetchRetry,
    /// Leader: a held fetch (from this node) has waited `fetchMaxWaitMs`.
    FetchWait { from: NodeId },
    /// Leader: check that a majority fetched recently (check-quorum).
    CheckQuorum,
    /// Leader: send `BeginQuorumEpoch` again to voters that have not fetched in this epoch
    /// (every `fetchTimeoutMs / 2`, `LeaderState.beginQuorumEpochTimer`).
    BeginQuorumEpoch,
    /// A clean shutdown gives up after this (`GracefulShutdown`'s timer).
    Shutdown,
}

/// How long a clean shutdown waits for a new leader (`KafkaRaftClientDriver.initiateShutdown`:
/// `client.shutdown(5000)`).
pub const GRACEFUL_SHUTDOWN_TIMEOUT_MS: Millis = 5_000;

/// A fetch answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FetchResult {
    /// Entries from the fetch offset (maybe none) and the leader's high watermark.
    Records {
        entries: Vec<MetadataEntry>,
        high_watermark: u64,
    },
    /// The fetcher's log diverges: its entries of `epoch` end at `end_offset` on the leader.
    DivergingEpoch { epoch: u32, end_offset: u64 },
    /// `FENCED_LEADER_EPOCH`: the fetcher is in an older epoch.
    FencedLeaderEpoch,
    /// `NOT_LEADER_OR_FOLLOWER`: this node does not lead (the answer names whom it knows).
    NotLeader,
    /// The fetch offset is below the leader's log start (or its epoch older than the
    /// oldest snapshot): fetch this snapshot (`FetchResponse.SnapshotId`).
    Snapshot { end_offset: u64, epoch: u32 },
}

/// What a leader knows of one replica (`LeaderState.ReplicaState`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ReplicaState {
    /// The offset it fetches from (its log end offset).
    pub end_offset: Option<u64>,
    /// When its last fetch arrived.
    pub last_fetch_ms: Option<Millis>,
    /// When it last was caught up with the leader's log end.
    pub last_caught_up_ms: Option<Millis>,
}

/// A fetch the leader holds until it has something new (or the wait ends).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HeldFetch {
    pub from: NodeId,
    pub fetch_offset: u64,
}

/// `QuorumState`'s states.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum State {
    /// An epoch without a known leader; `voted_for` this epoch, if any.
    Unattached { voted_for: Option<u32> },
    /// KIP-996: asking for pre-votes (the epoch is not bumped). `leader`: the leader it
    /// followed in this epoch, kept (`ProspectiveState.leaderId`): a voter still following
    /// it rejects the pre-vote without making this node follow it again.
    Prospective {
        voted_for: Option<u32>,
        leader: Option<u32>,
        granted: BTreeSet<u32>,
        rejected: BTreeSet<u32>,
    },
    /// Asking for votes in a bumped epoch (voted for itself).
    Candidate {
        granted: BTreeSet<u32>,
        rejected: BTreeSet<u32>,
    },
    /// The leader of the epoch.
    Leader {
        /// The offset of its `LeaderChange` record: the high watermark moves only past it.
        epoch_start_offset: u64,
        voters: crate::vecmap::VecMap<u32, ReplicaState>,
        observers: crate::vecmap::VecMap<u32, ReplicaState>,
        /// By the fetching node (in combined mode a node's broker fetches as an observer
        /// beside its controller, under the same id).
        held: crate::vecmap::VecMap<NodeId, HeldFetch>,
        /// The other voters whose fetch arrived since the check-quorum timer was last reset
        /// (`LeaderState.fetchedVoters`).
        heard: BTreeSet<u32>,
        /// When the check-quorum timer expires (`checkQuorumTimer`: reset to
        /// `controller.quorum.fetch.timeout.ms` × 1.5 each time a majority has fetched).
        check_quorum_at: Millis,
        /// Whom the leader had votes from.
        granting: Vec<u32>,
    },
    /// Fetching from `leader`; `has_fetched` once a fetch succeeded in this epoch.
    Follower {
        leader: u32,
        voted_for: Option<u32>,
        has_fetched: bool,
    },
    /// A leader that stepped down (check-quorum failed, or a clean shutdown), waiting for
    /// the next election.
    Resigned,
}

/// One node's `KafkaRaftClient`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RaftClient {
    /// `node.id`.
    pub id: u32,
    /// The voters (`controller.quorum.bootstrap.servers` / the static voter set).
    pub voters: Vec<u32>,
    /// A voter (controller) or an observer (broker).
    pub is_voter: bool,
    /// Where this node sits on the network (`controller-N` or `broker-N`).
    pub me: NodeId,
    pub config: QuorumConfig,
    /// The current epoch (`quorum-state`, kept on disk).
    pub epoch: u32,
    pub state: State,
    /// `__cluster_metadata-0`: entry `i` has offset `log_start_offset + i`.
    pub log: Vec<MetadataEntry>,
    /// The log start offset: what is below it lives only in a snapshot.
    pub log_start_offset: u64,
    /// The `.checkpoint` files, oldest first.
    pub snapshots: Vec<RaftSnapshot>,
    /// `MetadataLogConfig`: when to write snapshots and clean the log.
    pub log_config: MetadataLogConfig,
    /// `SnapshotGenerator`'s counters.
    pub snap: SnapshotCounters,
    /// The high watermark this node knows.
    pub high_watermark: u64,
    /// When the election timer fires (Unattached, Prospective, Candidate, Resigned).
    pub election_deadline: Option<Millis>,
    /// Follower: when it gives up on the leader unless a fetch succeeds.
    pub fetch_deadline: Option<Millis>,
    /// Timers of older states are ignored.
    pub gen: u64,
    /// A clean shutdown in progress (`GracefulShutdown`): when it gives up.
    pub shutdown_deadline: Option<Millis>,
    /// The fetch timeout was cut short by the leader's `EndQuorumEpoch` (its expiry is not a
    /// lost leader).
    end_epoch_notice: bool,
    fetch_in_flight: bool,
    fetch_failures: u32,
    /// Observer: the voter to try next when no leader is known.
    probe: usize,
    /// Leaders it has seen, epoch by epoch: (epoch, leader) — for the "one leader per epoch"
    /// check.
    pub leaders_seen: Vec<(u32, u32)>,
}

impl RaftClient {
    /// A voter (controller `id`) of the quorum `voters`, not started.
    pub fn voter(id: u32, voters: Vec<u32>, config: QuorumConfig) -> Self {
        Self::new(id, voters, true, NodeId::Controller(id), config)
    }

    /// An observer (broker `id`): it fetches the log but never votes.
    pub fn observer(id: u32, voters: Vec<u32>, config: QuorumConfig) -> Self {
        Self::new(id, voters, false, NodeId::Broker(id), config)
    }

    fn new(id: u32, voters: Vec<u32>, is_voter: bool, me: NodeId, config: QuorumConfig) -> Self {
        Self {
            id,
            voters,
            is_voter,
            me,
            config,
            epoch: 0,
            state: State::Unattached { voted_for: None },
            log: Vec::new(),
            log_start_offset: 0,
            snapshots: Vec::new(),
            log_config: MetadataLogConfig::default(),
            snap: SnapshotCounters::default(),
            high_watermark: 0,
            election_deadline: None,
            fetch_deadline: None,
            gen: 0,
            shutdown_deadline: None,
            end_epoch_notice: false,
            fetch_in_flight: false,
            fetch_failures: 0,
            probe: 0,
            leaders_seen: Vec::new(),
        }
    }

    /// The log end offset.
    pub fn log_end_offset(&self) -> u64 {
        self.log_start_offset + self.log.len() as u64
    }

    /// The epoch of the last entry (`lastFetchedEpoch`: the latest snapshot's for a log
    /// emptied by a snapshot, 0 for an empty log).
    pub fn last_epoch(&self) -> u32 {
        self.log.last().map_or_else(
            || self.latest_snapshot().map_or(0, |s| s.epoch),
            |e| e.epoch,
        )
    }

    /// The leader this node knows.
    pub fn leader(&self) -> Option<u32> {
        match &self.state {
            State::Leader { .. } => Some(self.id),
            State::Follower { leader, .. } => Some(*leader),
            _ => None,
        }
    }

    /// True if this node is the leader.
    pub fn is_leader(&self) -> bool {
        matches!(self.state, State::Leader { .. })
    }

    /// Whom it voted for in this epoch.
    pub fn voted_for(&self) -> Option<u32> {
        match &self.state {
            State::Unattached { voted_for }
            | State::Prospective { voted_for, .. }
            | State::Follower { voted_for, .. } => *voted_for,
            State::Candidate { .. } => Some(self.id),
            State::Leader { .. } => Some(self.id),
            State::Resigned => None,
        }
    }

    /// The page's name for the state.
    pub fn role(&self) -> crate::kraft::view::RaftRole {
        use crate::kraft::view::RaftRole;
        match &self.state {
            State::Unattached { .. } => RaftRole::Unattached,
            State::Prospective { .. } => RaftRole::Prospective,
            State::Candidate { .. } => RaftRole::Candidate,
            State::Leader { .. } => RaftRole::Leader,
            State::Follower { .. } => RaftRole::Follower,
            State::Resigned => RaftRole::Resigned,
        }
    }

    fn majority(&self) -> usize {
        self.voters.len() / 2 + 1
    }

    /// `controller.quorum.fetch.timeout.ms` × `CHECK_QUORUM_TIMEOUT_FACTOR` (1.5).
    pub(super) fn check_quorum_timeout_ms(&self) -> Millis {
        self.config.fetch_timeout_ms * 3 / 2
    }

    /// `LeaderState.updateCheckQuorumForFollowingVoter`: voter `replica` fetched; once the
    /// voters fetched since the last reset make a majority with the leader, the check-quorum
    /// timer starts again.
    pub(super) fn update_check_quorum(&mut self, now: Millis, replica: u32) {
        let majority = self.majority();
        let timeout = self.check_quorum_timeout_ms();
        if let State::Leader {
            heard,
            check_quorum_at,
            ..
        } = &mut self.state
        {
            heard.insert(replica);
            // The leader counts itself; it is never among the fetchers.
            if heard.len() + 1 >= majority {
                heard.clear();
                *check_quorum_at = now + timeout;
            }
        }
    }

    /// `endOffsetForEpoch`: the largest epoch ≤ `epoch` in the log, and where it ends.
    /// Below the log start, the oldest snapshot stands for the entries it replaced.
    pub fn end_offset_for_epoch(&self, epoch: u32) -> (u32, u64) {
        match self.log.iter().rposition(|e| e.epoch <= epoch) {
            None => match self.snapshots.first() {
                Some(s) if self.log_start_offset > 0 && s.epoch <= epoch => {
                    (s.epoch, self.log_start_offset)
                }
                _ => (0, 0),
            },
            Some(i) => (self.log[i].epoch, self.log_start_offset + i as u64 + 1),
        }
    }

    fn bump_gen(&mut self) -> u64 {
        self.gen += 1;
        self.gen
    }

    fn timer(&self, ctx: &mut Ctx<'_>, after: Millis, timer: RaftTimer) {
        ctx.timer(
            after,
            Timer::Raft {
                gen: self.gen,
                timer,
            },
        );
    }

    fn random_election_timeout(&self, ctx: &mut Ctx<'_>) -> Millis {
        let t = self.config.election_timeout_ms;
        t + ctx.rng.below(t)
    }

    fn arm_election(&mut self, ctx: &mut Ctx<'_>, after: Millis) {
        self.election_deadline = Some(ctx.now + after);
        self.fetch_deadline = None;
        self.timer(ctx, after, RaftTimer::Election);
    }

    // ---- life

    /// The node starts (or restarts: the log and the epoch are on disk, the rest is not).
    pub fn start(&mut self, ctx: &mut Ctx<'_>) {
        self.high_watermark = 0;
        self.shutdown_deadline = None;
        self.end_epoch_notice = false;
        self.fetch_in_flight = false;
        self.fetch_failures = 0;
        let voted_for = self.voted_for();
        self.state = State::Unattached { voted_for };
        self.bump_gen();
        self.snap.next_clean_ms = 0;
        self.reset_snapshot_counters(ctx.now);
        if !self.is_voter {
            self.election_deadline = None;
            self.probe = 0;
            self.fetch_deadline = Some(ctx.now + self.config.fetch_timeout_ms);
            self.timer(ctx, self.config.fetch_timeout_ms, RaftTimer::FetchTimeout);
            self.send_fetch(ctx);
            return;
        }
        if self.voters == [self.id] {
            // A quorum of one elects itself at once.
            self.become_candidate(ctx);
            return;
        }
        let t = self.random_election_timeout(ctx);
        self.arm_election(ctx, t);
    }

    /// The node dies: what is kept is the log and `quorum-state` (epoch, vote).
    pub fn kill(&mut self) {
        self.shutdown_deadline = None;
        self.end_epoch_notice = false;
        let voted_for = self.voted_for();
        self.state = State::Unattached { voted_for };
        self.election_deadline = None;
        self.fetch_deadline = None;
        self.fetch_in_flight = false;
        self.bump_gen();
    }

    // ---- messages

    /// Handles a quorum message. Returns true if the high watermark moved (the caller
    /// replays what it now covers).
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, from: NodeId, msg: Msg) -> bool {
        let hw = self.high_watermark;
        match msg {
            Msg::Vote {
                epoch,
                candidate,
                last_epoch,
                last_offset,
                pre_vote,
            } => self.on_vote(
                ctx,
                from,
                epoch,
                candidate,
                last_epoch,
                last_offset,
                pre_vote,
            ),
            Msg::VoteResponse {
                epoch,
                leader,
                granted,
                pre_vote,
            } => {
                if let NodeId::Controller(v) = from {
                    self.on_vote_response(ctx, v, epoch, leader, granted, pre_vote);
                }
            }
            Msg::BeginQuorumEpoch { epoch, leader } => {
                if epoch > self.epoch
                    || (epoch == self.epoch
                        && !matches!(self.state, State::Follower { .. } | State::Leader { .. }))
                {
                    self.transition_to_follower(ctx, epoch, leader);
                }
                ctx.send(from, Msg::BeginQuorumEpochResponse { epoch: self.epoch });
            }
            Msg::BeginQuorumEpochResponse { epoch } | Msg::EndQuorumEpochResponse { epoch } => {
                if epoch > self.epoch {
                    self.transition_to_unattached(ctx, epoch);
                }
            }
            Msg::EndQuorumEpoch {
                epoch,
                leader,
                preferred_successors,
            } => self.on_end_quorum_epoch(ctx, from, epoch, leader, &preferred_successors),
            Msg::RaftFetch {
                epoch,
                replica,
                fetch_offset,
                last_fetched_epoch,
            } => self.on_fetch(ctx, from, epoch, replica, fetch_offset, last_fetched_epoch),
            Msg::RaftFetchResponse {
                epoch,
                leader,
                result,
            } => self.on_fetch_response(ctx, from, epoch, leader, result),
            Msg::FetchSnapshot {
                epoch,
                replica,
                end_offset,
                snapshot_epoch,
            } => self.on_fetch_snapshot(ctx, from, epoch, replica, end_offset, snapshot_epoch),
            Msg::FetchSnapshotResponse {
                epoch,
                leader,
                snapshot,
            } => self.on_fetch_snapshot_response(ctx, from, epoch, leader, snapshot),
            Msg::Undeliverable(inner) => {
                if let Msg::RaftFetch { .. } | Msg::FetchSnapshot { .. } = *inner {
                    self.on_fetch_failed(ctx);
                }
            }
            _ => {}
        }
        self.after_step(ctx);
        self.high_watermark != hw
    }

    /// Handles one of its timers. Returns true if the high watermark moved.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, gen: u64, timer: RaftTimer) -> bool {
        let hw = self.high_watermark;
        self.on_timer_inner(ctx, gen, timer);
        self.after_step(ctx);
        self.high_watermark != hw
    }

    fn on_timer_inner(&mut self, ctx: &mut Ctx<'_>, gen: u64, timer: RaftTimer) {
        if timer == RaftTimer::Shutdown {
            // Nothing to do here: the node checks `shutdown_complete` after every step.
            return;
        }
        if let RaftTimer::FetchWait { from } = timer {
            // Held fetches outlive state changes only while this node leads.
            let h = match &mut self.state {
                State::Leader { held, .. } => held.remove(&from),
                _ => None,
            };
            if let Some(h) = h {
                self.answer_fetch(ctx, h.from, h.fetch_offset);
            }
            return;
        }
        if gen != self.gen {
            return;
        }
        match timer {
            // A node shutting down stays where it is until a new leader is known or the
            // shutdown times out (`pollUnattached` / `pollResigned` with a `GracefulShutdown`).
            RaftTimer::Election | RaftTimer::FetchTimeout if self.shutdown_deadline.is_some() => {}
            RaftTimer::Election => match &self.state {
                State::Unattached { .. } | State::Resigned | State::Prospective { .. } => {
                    if self.is_voter {
                        self.become_prospective(ctx);
                    }
                }
                State::Candidate { .. } => self.become_prospective(ctx),
                State::Leader { .. } | State::Follower { .. } => {}
            },
            RaftTimer::FetchTimeout => {
                let Some(deadline) = self.fetch_deadline else {
                    return;
                };
                if ctx.now < deadline {
                    self.timer(ctx, deadline - ctx.now, RaftTimer::FetchTimeout);
                    return;
                }
                if self.is_voter {
                    // KIP-996: a follower that lost its leader asks for pre-votes first (at
                    // once after the leader's `EndQuorumEpoch` cut the timeout short).
                    if !self.end_epoch_notice {
                        ctx.event(Event::KraftFetchTimeout {
                            node: self.id,
                            epoch: self.epoch,
                        });
                    }
                    self.become_prospective(ctx);
                } else {
                    // An observer looks for the leader among the voters.
                    let epoch = self.epoch;
                    self.state = State::Unattached { voted_for: None };
                    self.epoch = epoch;
                    self.probe += 1;
                    self.fetch_in_flight = false;
                    self.bump_gen();
                    self.fetch_deadline = Some(ctx.now + self.config.fetch_timeout_ms);
                    self.timer(ctx, self.config.fetch_timeout_ms, RaftTimer::FetchTimeout);
                    self.send_fetch(ctx);
                }
            }
            RaftTimer::FetchRetry => self.send_fetch(ctx),
            RaftTimer::CheckQuorum => {
                let State::Leader {
                    check_quorum_at, ..
                } = &self.state
                else {
                    return;
                };
                if ctx.now < *check_quorum_at {
                    // Reset by a majority's fetches since it was armed: wait for the new expiry.
                    let left = *check_quorum_at - ctx.now;
                    self.timer(ctx, left, RaftTimer::CheckQuorum);
                    return;
                }
                // `pollLeader`: `timeUntilCheckQuorumExpires` is 0 — resign, and tell the
                // other voters (`transitionToResigned` → `EndQuorumEpoch`).
                ctx.event(Event::KraftLeaderResigned {
                    node: self.id,
                    epoch: self.epoch,
                });
                self.transition_to_resigned(ctx);
                let t = self.random_election_timeout(ctx);
                self.arm_election(ctx, t);
            }
            RaftTimer::BeginQuorumEpoch => {
                let State::Leader { voters, .. } = &self.state else {
                    return;
                };
                let silent: Vec<u32> = voters
                    .iter()
                    .filter(|(&v, r)| v != self.id && r.end_offset.is_none())
                    .map(|(&v, _)| v)
                    .collect();
                for v in silent {
                    ctx.send(
                        NodeId::Controller(v),
                        Msg::BeginQuorumEpoch {
                            epoch: self.epoch,
                            leader: self.id,
                        },
                    );
                }
                self.timer(
                    ctx,
                    self.config.fetch_timeout_ms / 2,
                    RaftTimer::BeginQuorumEpoch,
                );
            }
            RaftTimer::FetchWait { .. } | RaftTimer::Shutdown => {}
        }
    }
}
