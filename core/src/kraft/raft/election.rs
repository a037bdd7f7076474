//! `KafkaRaftClient`'s election side (`QuorumState` transitions): unattached, follower,
//! KIP-996 pre-vote (prospective), candidate, leader; `Vote` requests and their answers with
//! the (last epoch, end offset) up-to-date check.

use crate::cluster::msg::{Ctx, Msg};
use crate::event::Event;
use crate::model::NodeId;

use super::*;

impl RaftClient {
    // ---- transitions

    pub(super) fn transition_to_unattached(&mut self, ctx: &mut Ctx<'_>, epoch: u32) {
        self.epoch = epoch;
        self.state = State::Unattached { voted_for: None };
        self.fetch_in_flight = false;
        self.bump_gen();
        if self.is_voter {
            let t = self.random_election_timeout(ctx);
            self.arm_election(ctx, t);
        } else {
            self.fetch_deadline = Some(ctx.now + self.config.fetch_timeout_ms);
            self.timer(ctx, self.config.fetch_timeout_ms, RaftTimer::FetchTimeout);
            self.send_fetch(ctx);
        }
    }

    pub(super) fn transition_to_follower(&mut self, ctx: &mut Ctx<'_>, epoch: u32, leader: u32) {
        let voted_for = if epoch == self.epoch {
            self.voted_for()
        } else {
            None
        };
        self.epoch = epoch;
        self.state = State::Follower {
            leader,
            voted_for,
            has_fetched: false,
        };
        self.note_leader(epoch, leader);
        self.bump_gen();
        self.end_epoch_notice = false;
        self.election_deadline = None;
        self.fetch_in_flight = false;
        self.fetch_failures = 0;
        self.fetch_deadline = Some(ctx.now + self.config.fetch_timeout_ms);
        self.timer(ctx, self.config.fetch_timeout_ms, RaftTimer::FetchTimeout);
        if self.is_voter {
            ctx.event(Event::KraftFollower {
                node: self.id,
                epoch,
                leader,
            });
        }
        self.send_fetch(ctx);
    }

    pub(super) fn note_leader(&mut self, epoch: u32, leader: u32) {
        if !self.leaders_seen.contains(&(epoch, leader)) {
            self.leaders_seen.push((epoch, leader));
        }
    }

    pub(super) fn become_prospective(&mut self, ctx: &mut Ctx<'_>) {
        let (voted_for, leader) = match &self.state {
            State::Unattached { voted_for } => (*voted_for, None),
            State::Follower {
                voted_for, leader, ..
            } => (*voted_for, Some(*leader)),
            State::Prospective {
                voted_for, leader, ..
            } => (*voted_for, *leader),
            _ => (None, None),
        };
        self.end_epoch_notice = false;
        self.state = State::Prospective {
            voted_for,
            leader,
            granted: [self.id].into_iter().collect(),
            rejected: BTreeSet::new(),
        };
        self.bump_gen();
        self.fetch_in_flight = false;
        let t = self.random_election_timeout(ctx);
        self.arm_election(ctx, t);
        ctx.event(Event::KraftPreVote {
            node: self.id,
            epoch: self.epoch,
        });
        self.request_votes(ctx, true);
        self.maybe_win(ctx);
    }

    pub(super) fn become_candidate(&mut self, ctx: &mut Ctx<'_>) {
        self.epoch += 1;
        self.state = State::Candidate {
            granted: [self.id].into_iter().collect(),
            rejected: BTreeSet::new(),
        };
        self.bump_gen();
        let t = self.random_election_timeout(ctx);
        self.arm_election(ctx, t);
        ctx.event(Event::KraftCandidate {
            node: self.id,
            epoch: self.epoch,
        });
        self.request_votes(ctx, false);
        self.maybe_win(ctx);
    }

    pub(super) fn request_votes(&mut self, ctx: &mut Ctx<'_>, pre_vote: bool) {
        let (last_epoch, last_offset) = (self.last_epoch(), self.log_end_offset());
        for &v in &self.voters {
            if v != self.id {
                ctx.send(
                    NodeId::Controller(v),
                    Msg::Vote {
                        epoch: self.epoch,
                        candidate: self.id,
                        last_epoch,
                        last_offset,
                        pre_vote,
                    },
                );
            }
        }
    }

    pub(super) fn maybe_win(&mut self, ctx: &mut Ctx<'_>) {
        let majority = self.majority();
        match &self.state {
            State::Prospective { granted, .. } if granted.len() >= majority => {
                self.become_candidate(ctx)
            }
            State::Candidate { granted, .. } if granted.len() >= majority => {
                let granting: Vec<u32> = granted.iter().copied().collect();
                self.become_leader(ctx, granting)
            }
            _ => {}
        }
    }

    pub(super) fn become_leader(&mut self, ctx: &mut Ctx<'_>, granting: Vec<u32>) {
        let start = self.log_end_offset();
        let mut voters = crate::vecmap::VecMap::new();
        for &v in &self.voters {
            voters.insert(v, ReplicaState::default());
        }
        self.state = State::Leader {
            epoch_start_offset: start,
            voters,
            observers: crate::vecmap::VecMap::new(),
            held: crate::vecmap::VecMap::new(),
            heard: BTreeSet::new(),
            check_quorum_at: ctx.now + self.check_quorum_timeout_ms(),
            granting: granting.clone(),
        };
        self.note_leader(self.epoch, self.id);
        self.bump_gen();
        self.election_deadline = None;
        self.fetch_deadline = None;
        ctx.event(Event::KraftLeaderElected {
            node: self.id,
            epoch: self.epoch,
            votes: granting.clone(),
        });
        // The new leader's first entry: the `LeaderChangeMessage` control record.
        self.append(
            ctx,
            vec![MetadataRecord::LeaderChange {
                leader_id: self.id,
                voters: self.voters.clone(),
                granting_voters: granting,
            }],
        );
        for &v in &self.voters {
            if v != self.id {
                ctx.send(
                    NodeId::Controller(v),
                    Msg::BeginQuorumEpoch {
                        epoch: self.epoch,
                        leader: self.id,
                    },
                );
            }
        }
        // A single voter never resigns for want of fetches (`timeUntilCheckQuorumExpires`).
        if self.voters.len() > 1 {
            let check = self.check_quorum_timeout_ms();
            self.timer(ctx, check, RaftTimer::CheckQuorum);
        }
        self.timer(
            ctx,
            self.config.fetch_timeout_ms / 2,
            RaftTimer::BeginQuorumEpoch,
        );
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn on_vote(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        epoch: u32,
        candidate: u32,
        last_epoch: u32,
        last_offset: u64,
        pre_vote: bool,
    ) {
        if !self.is_voter {
            return;
        }
        if epoch > self.epoch && !pre_vote {
            self.transition_to_unattached(ctx, epoch);
        }
        let up_to_date = (last_epoch, last_offset) >= (self.last_epoch(), self.log_end_offset());
        let granted = if epoch < self.epoch {
            false
        } else {
            match &self.state {
                State::Leader { .. } => false,
                // `ResignedState.canGrantVote`: a resigned leader helps elect its successor.
                State::Resigned => pre_vote && up_to_date,
                State::Follower { has_fetched, .. } => pre_vote && !has_fetched && up_to_date,
                State::Candidate { .. } => pre_vote && up_to_date,
                State::Unattached { voted_for } | State::Prospective { voted_for, .. } => {
                    if pre_vote {
                        up_to_date
                    } else {
                        up_to_date && voted_for.is_none_or(|v| v == candidate)
                    }
                }
            }
        };
        if granted && !pre_vote {
            match &mut self.state {
                State::Unattached { voted_for } | State::Prospective { voted_for, .. } => {
                    *voted_for = Some(candidate);
                }
                _ => {}
            }
            // Voting restarts the election timer.
            self.bump_gen();
            let t = self.random_election_timeout(ctx);
            self.arm_election(ctx, t);
        }
        ctx.send(
            from,
            Msg::VoteResponse {
                epoch: self.epoch,
                leader: self.leader(),
                granted,
                pre_vote,
            },
        );
    }

    pub(super) fn on_vote_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        voter: u32,
        epoch: u32,
        leader: Option<u32>,
        granted: bool,
        pre_vote: bool,
    ) {
        if epoch > self.epoch {
            match leader {
                Some(l) => self.transition_to_follower(ctx, epoch, l),
                None => self.transition_to_unattached(ctx, epoch),
            }
            return;
        }
        if epoch < self.epoch {
            return;
        }
        let majority = self.majority();
        match &mut self.state {
            State::Prospective {
                granted: g,
                rejected: r,
                leader: known,
                ..
            } if pre_vote => {
                if granted {
                    g.insert(voter);
                } else {
                    r.insert(voter);
                }
                let lost = r.len() >= majority;
                let known = *known;
                if !granted && known.is_none() {
                    if let Some(l) = leader {
                        // A voter still hears from a leader of this epoch: follow it.
                        self.transition_to_follower(ctx, epoch, l);
                        return;
                    }
                }
                if let (true, Some(l)) = (lost, known) {
                    // `prospectiveTransitionAfterElectionLoss`: back to the leader it knew.
                    self.transition_to_follower(ctx, epoch, l);
                    return;
                }
                if lost {
                    // Back off, then try again (`election.backoff.max.ms`).
                    let voted_for = self.voted_for();
                    self.state = State::Unattached { voted_for };
                    self.bump_gen();
                    let backoff = ctx.rng.below(self.config.election_backoff_max_ms.max(1));
                    let t = self.random_election_timeout(ctx) / 2 + backoff;
                    self.arm_election(ctx, t);
                    return;
                }
                self.maybe_win(ctx);
            }
            State::Candidate {
                granted: g,
                rejected: r,
            } if !pre_vote => {
                if granted {
                    g.insert(voter);
                } else {
                    r.insert(voter);
                }
                if r.len() >= majority {
                    // Lost: back off, then start again with a pre-vote.
                    self.bump_gen();
                    let backoff = ctx.rng.below(self.config.election_backoff_max_ms.max(1));
                    self.arm_election(ctx, backoff + 1);
                    return;
                }
                self.maybe_win(ctx);
            }
            _ => {}
        }
    }
}
