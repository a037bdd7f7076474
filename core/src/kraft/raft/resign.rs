//! `KafkaRaftClient`'s clean shutdown (KIP-595's graceful resignation): a leader shutting
//! down moves to Resigned and sends `EndQuorumEpoch` to the other voters with its preferred
//! successors (`LeaderState.nonLeaderVotersByDescendingFetchOffset`); each follower cuts its
//! fetch timeout to a backoff by its place in that list (`endEpochElectionBackoff`,
//! `strictExponentialElectionBackoffMs`), so the most caught-up one asks for votes at once.
//! The resigned node keeps answering votes (it grants pre-votes from up-to-date logs,
//! `ResignedState.canGrantVote`) and stops once it knows a remote leader, is the only voter,
//! or after `GRACEFUL_SHUTDOWN_TIMEOUT_MS` (`maybeCompleteShutdown`).

use crate::cluster::msg::{Ctx, Msg};
use crate::event::Event;
use crate::model::NodeId;
use crate::sim::Millis;

use super::*;

/// `strictExponentialElectionBackoffMs`: the first preferred successor starts at once, the
/// others after `max >> (n - 1)` doubled per place; a node not in the list waits `max`.
pub fn strict_exponential_election_backoff_ms(
    position: usize,
    successors: usize,
    max: Millis,
) -> Millis {
    if position == 0 {
        0
    } else if position >= successors {
        max
    } else {
        let base = max >> (successors - 1);
        max.min(base << (position - 1))
    }
}

impl RaftClient {
    /// `shutdown(5000)`: a clean shutdown begins. A leader resigns and sends
    /// `EndQuorumEpoch` to the other voters; returns the preferred successors it named
    /// (empty if it did not lead).
    pub fn begin_shutdown(&mut self, ctx: &mut Ctx<'_>) -> Vec<u32> {
        self.shutdown_deadline = Some(ctx.now + GRACEFUL_SHUTDOWN_TIMEOUT_MS);
        self.timer(ctx, GRACEFUL_SHUTDOWN_TIMEOUT_MS, RaftTimer::Shutdown);
        if !matches!(self.state, State::Leader { .. }) {
            return Vec::new();
        }
        self.transition_to_resigned(ctx)
    }

    /// `transitionToResigned`: the leader steps down — the fetches it holds are answered
    /// NOT_LEADER_OR_FOLLOWER and `EndQuorumEpoch` goes to the other voters, naming its
    /// preferred successors (`nonLeaderVotersByDescendingFetchOffset`). Returns them. Used
    /// by a clean shutdown and by check-quorum.
    pub(super) fn transition_to_resigned(&mut self, ctx: &mut Ctx<'_>) -> Vec<u32> {
        let State::Leader { voters, held, .. } = &mut self.state else {
            return Vec::new();
        };
        // Followers by descending fetch offset, unknown ones last, ties by id
        // (`ReplicaState.compareTo`).
        let mut followers: Vec<(u32, Option<u64>)> = voters
            .iter()
            .filter(|(&v, _)| v != self.id)
            .map(|(&v, r)| (v, r.end_offset))
            .collect();
        crate::sort::by(&mut followers, |a, b| match (a.1, b.1) {
            (Some(x), Some(y)) => y.cmp(&x).then(a.0.cmp(&b.0)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.0.cmp(&b.0),
        });
        let successors: Vec<u32> = followers.into_iter().map(|(v, _)| v).collect();
        // `transitionToResigned`: the fetches it holds are answered NOT_LEADER_OR_FOLLOWER.
        let held: Vec<NodeId> = std::mem::take(held).into_keys().collect();
        self.state = State::Resigned;
        self.bump_gen();
        self.election_deadline = None;
        self.fetch_deadline = None;
        for to in held {
            ctx.send(
                to,
                Msg::RaftFetchResponse {
                    epoch: self.epoch,
                    leader: None,
                    result: FetchResult::NotLeader,
                },
            );
        }
        for &v in &successors {
            ctx.send(
                NodeId::Controller(v),
                Msg::EndQuorumEpoch {
                    epoch: self.epoch,
                    leader: self.id,
                    preferred_successors: successors.clone(),
                },
            );
        }
        successors
    }

    /// `maybeCompleteShutdown`: the shutdown is over (the node may stop) — a remote leader
    /// is known, it is the only voter, or the shutdown timed out.
    pub fn shutdown_complete(&self, now: Millis) -> bool {
        let Some(deadline) = self.shutdown_deadline else {
            return false;
        };
        now >= deadline
            || !self.is_voter
            || self.voters == [self.id]
            || self.leader().is_some_and(|l| l != self.id)
    }

    /// `handleEndQuorumEpochRequest`: the leader of `epoch` resigns. A follower of it
    /// starts an election after the backoff its place in `successors` gives it.
    pub(super) fn on_end_quorum_epoch(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        epoch: u32,
        leader: u32,
        successors: &[u32],
    ) {
        if !self.is_voter {
            return;
        }
        if epoch >= self.epoch && leader != self.id {
            // `maybeTransition`: a newer epoch, or this epoch's leader not yet known.
            let known = match &self.state {
                State::Prospective { leader, .. } => *leader,
                _ => self.leader(),
            };
            if epoch > self.epoch || known.is_none() {
                self.transition_to_follower(ctx, epoch, leader);
            }
            if matches!(self.state, State::Follower { leader: l, .. } if l == leader) {
                let position = successors
                    .iter()
                    .position(|&s| s == self.id)
                    .unwrap_or(successors.len());
                let backoff = strict_exponential_election_backoff_ms(
                    position,
                    successors.len(),
                    self.config.election_backoff_max_ms,
                );
                ctx.event(Event::KraftEndQuorumEpoch {
                    node: self.id,
                    leader,
                    epoch,
                    place: position as u32 + 1,
                    backoff_ms: backoff,
                });
                // `overrideFetchTimeout`.
                self.end_epoch_notice = true;
                self.fetch_deadline = Some(ctx.now + backoff);
                self.timer(ctx, backoff, RaftTimer::FetchTimeout);
            }
        }
        ctx.send(from, Msg::EndQuorumEpochResponse { epoch: self.epoch });
    }
}
