//! Handler-level tests of the `KafkaRaftClient` model: build a client, call one handler,
//! check its state and the messages it sent. Each test names the Kafka 4.1 test it is
//! ported from (`raft/src/test/java/org/apache/kafka/raft/KafkaRaftClientTest.java`,
//! `KafkaRaftClientPreVoteTest.java`); a proptest runs whole quorums over random faults.

use super::*;
use crate::cluster::msg::Effect;
use crate::sim::SimRng;

pub(super) struct Out {
    pub(super) effects: Vec<Effect>,
    pub(super) events: Vec<Event>,
}

impl Out {
    pub(super) fn sent(&self) -> Vec<(NodeId, Msg)> {
        self.effects
            .iter()
            .filter_map(|e| match e {
                Effect::Send { to, msg } => Some((*to, msg.clone())),
                _ => None,
            })
            .collect()
    }

    pub(super) fn timers(&self) -> Vec<(Millis, RaftTimer, u64)> {
        self.effects
            .iter()
            .filter_map(|e| match e {
                Effect::SetTimer {
                    after,
                    timer: Timer::Raft { gen, timer },
                } => Some((*after, timer.clone(), *gen)),
                _ => None,
            })
            .collect()
    }
}

pub(super) fn run<R>(now: Millis, rng: &mut SimRng, f: impl FnOnce(&mut Ctx<'_>) -> R) -> (R, Out) {
    let (mut effects, mut events) = (Vec::new(), Vec::new());
    let mut ctx = Ctx {
        now,
        out: &mut effects,
        events: &mut events,
        rng,
    };
    let r = f(&mut ctx);
    (r, Out { effects, events })
}

pub(super) const VOTERS: [u32; 3] = [3000, 3001, 3002];

pub(super) fn voter(id: u32) -> RaftClient {
    RaftClient::voter(id, VOTERS.to_vec(), QuorumConfig::default())
}

pub(super) fn entry(offset: u64, epoch: u32) -> MetadataEntry {
    MetadataEntry {
        offset,
        epoch,
        append_time_ms: 0,
        record: MetadataRecord::NoOp,
    }
}

/// A follower of `leader` in `epoch` with `log` entries of the given epochs.
pub(super) fn follower(id: u32, epoch: u32, leader: u32, epochs: &[u32]) -> RaftClient {
    let mut c = voter(id);
    c.epoch = epoch;
    c.log = epochs
        .iter()
        .enumerate()
        .map(|(i, &e)| entry(i as u64, e))
        .collect();
    c.state = State::Follower {
        leader,
        voted_for: None,
        has_fetched: true,
    };
    c
}

/// A voter that has won `epoch` with `log` entries of the given epochs (the LeaderChange
/// appended).
pub(super) fn leader(id: u32, epoch: u32, epochs: &[u32], rng: &mut SimRng) -> RaftClient {
    let mut c = voter(id);
    c.epoch = epoch - 1;
    c.log = epochs
        .iter()
        .enumerate()
        .map(|(i, &e)| entry(i as u64, e))
        .collect();
    run(0, rng, |ctx| {
        c.epoch = epoch - 1;
        c.become_candidate(ctx);
        c.on_vote_response(ctx, VOTERS[1], epoch, None, true, false);
        c.on_vote_response(ctx, VOTERS[2], epoch, None, true, false);
    });
    assert!(c.is_leader(), "{:?}", c.state);
    c
}

pub(super) fn vote(
    epoch: u32,
    candidate: u32,
    last_epoch: u32,
    last_offset: u64,
    pre_vote: bool,
) -> Msg {
    Msg::Vote {
        epoch,
        candidate,
        last_epoch,
        last_offset,
        pre_vote,
    }
}

pub(super) fn granted(out: &Out) -> Option<bool> {
    out.sent().iter().find_map(|(_, m)| match m {
        Msg::VoteResponse { granted, .. } => Some(*granted),
        _ => None,
    })
}

#[test]
fn initialize_single_member_quorum() {
    // testInitializeSingleMemberQuorum / testLeaderAppendSingleMemberQuorum: the only voter
    // elects itself at once, writes its LeaderChange and commits it alone.
    let mut rng = SimRng::new(1);
    let mut c = RaftClient::voter(3000, vec![3000], QuorumConfig::default());
    let ((), out) = run(0, &mut rng, |ctx| c.start(ctx));
    assert!(c.is_leader());
    assert_eq!(c.epoch, 1);
    assert!(matches!(
        c.log[0].record,
        MetadataRecord::LeaderChange {
            leader_id: 3000,
            ..
        }
    ));
    assert_eq!(c.high_watermark, 1);
    assert!(out.events.iter().any(|e| matches!(
        e,
        Event::KraftLeaderElected {
            node: 3000,
            epoch: 1,
            ..
        }
    )));
}

#[test]
fn election_timeout_is_randomized_between_t_and_2t() {
    // QuorumState.randomElectionTimeoutMs: electionTimeoutMs + random(electionTimeoutMs).
    let mut rng = SimRng::new(7);
    for _ in 0..50 {
        let mut c = voter(3000);
        let ((), out) = run(0, &mut rng, |ctx| c.start(ctx));
        let (after, timer, _) = out.timers()[0].clone();
        assert_eq!(timer, RaftTimer::Election);
        assert!((1_000..2_000).contains(&after), "{after}");
    }
}

#[test]
fn unattached_becomes_prospective_then_candidate_then_leader() {
    // testInitializeAsUnattachedAndBecomeLeader (with KIP-996's pre-vote in front).
    let mut rng = SimRng::new(1);
    let mut c = voter(3000);
    run(0, &mut rng, |ctx| c.start(ctx));
    let gen = c.gen;
    let ((), out) = run(1_500, &mut rng, |ctx| {
        c.on_timer(ctx, gen, RaftTimer::Election);
    });
    assert!(matches!(c.state, State::Prospective { .. }));
    assert_eq!(c.epoch, 0, "a pre-vote does not bump the epoch");
    let pre: Vec<_> = out
        .sent()
        .into_iter()
        .filter(|(_, m)| {
            matches!(
                m,
                Msg::Vote {
                    pre_vote: true,
                    epoch: 0,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(pre.len(), 2);
    let ((), out) = run(1_505, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            Msg::VoteResponse {
                epoch: 0,
                leader: None,
                granted: true,
                pre_vote: true,
            },
        );
    });
    assert!(matches!(c.state, State::Candidate { .. }));
    assert_eq!(c.epoch, 1);
    assert!(out.sent().iter().any(|(_, m)| matches!(
        m,
        Msg::Vote {
            pre_vote: false,
            epoch: 1,
            ..
        }
    )));
    let ((), out) = run(1_510, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3002),
            Msg::VoteResponse {
                epoch: 1,
                leader: None,
                granted: true,
                pre_vote: false,
            },
        );
    });
    assert!(c.is_leader());
    assert_eq!(c.leaders_seen, vec![(1, 3000)]);
    let begins = out
        .sent()
        .into_iter()
        .filter(|(_, m)| {
            matches!(
                m,
                Msg::BeginQuorumEpoch {
                    epoch: 1,
                    leader: 3000
                }
            )
        })
        .count();
    assert_eq!(begins, 2);
}

#[test]
fn handle_valid_vote_request_as_unattached_grants_once_per_epoch() {
    // testHandleValidVoteRequestAsFollower (unattached) and one vote per epoch.
    let mut rng = SimRng::new(1);
    let mut c = voter(3000);
    run(0, &mut rng, |ctx| c.start(ctx));
    let ((), out) = run(10, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3001), vote(1, 3001, 0, 0, false));
    });
    assert_eq!(granted(&out), Some(true));
    assert_eq!(c.epoch, 1);
    assert_eq!(c.voted_for(), Some(3001));
    let ((), out) = run(11, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3002), vote(1, 3002, 0, 0, false));
    });
    assert_eq!(granted(&out), Some(false), "already voted in epoch 1");
}

#[test]
fn reject_vote_if_candidate_log_is_not_up_to_date() {
    // testRejectPreVoteIfRemoteLogIsNotUpToDate / the Raft log check on (last epoch, end offset).
    let mut rng = SimRng::new(1);
    let mut c = follower(3000, 2, 3001, &[1, 1, 2]);
    c.state = State::Unattached { voted_for: None };
    let ((), out) = run(0, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3002), vote(3, 3002, 1, 5, false));
    });
    assert_eq!(granted(&out), Some(false), "last epoch 1 < 2, however long");
    let ((), out) = run(0, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3002), vote(3, 3002, 2, 3, false));
    });
    assert_eq!(granted(&out), Some(true));
}

#[test]
fn handle_pre_vote_request_as_follower() {
    // testHandlePreVoteRequestAsFollower / testFollowerGrantsPreVoteIfHasNotFetchedYet:
    // a follower that hears from its leader refuses pre-votes; one that has not fetched
    // yet grants them.
    let mut rng = SimRng::new(1);
    let mut c = follower(3000, 1, 3001, &[1]);
    let ((), out) = run(0, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3002), vote(1, 3002, 1, 1, true));
    });
    assert_eq!(granted(&out), Some(false));
    c.state = State::Follower {
        leader: 3001,
        voted_for: None,
        has_fetched: false,
    };
    let ((), out) = run(0, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3002), vote(1, 3002, 1, 1, true));
    });
    assert_eq!(granted(&out), Some(true));
    assert!(
        matches!(c.state, State::Follower { leader: 3001, .. }),
        "a pre-vote changes nothing"
    );
}

#[test]
fn leader_rejects_vote_and_pre_vote_on_same_epoch() {
    // testLeaderIgnoreVoteRequestOnSameEpoch / testLeaderRejectPreVoteRequestOnSameEpoch.
    let mut rng = SimRng::new(1);
    let mut c = leader(3000, 1, &[], &mut rng);
    for pre in [false, true] {
        let ((), out) = run(0, &mut rng, |ctx| {
            c.on_message(ctx, NodeId::Controller(3001), vote(1, 3001, 1, 1, pre));
        });
        assert_eq!(granted(&out), Some(false));
        assert!(c.is_leader());
    }
}

#[test]
fn handle_invalid_vote_request_with_older_epoch() {
    // testHandleInvalidVoteRequestWithOlderEpoch.
    let mut rng = SimRng::new(1);
    let mut c = follower(3000, 5, 3001, &[5]);
    let ((), out) = run(0, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3002), vote(4, 3002, 5, 9, false));
    });
    assert_eq!(granted(&out), Some(false));
    assert_eq!(c.epoch, 5);
}

#[test]
fn handle_begin_quorum_request() {
    // testHandleBeginQuorumRequest: a voter learns the new leader and starts fetching.
    let mut rng = SimRng::new(1);
    let mut c = voter(3000);
    run(0, &mut rng, |ctx| c.start(ctx));
    let ((), out) = run(5, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            Msg::BeginQuorumEpoch {
                epoch: 2,
                leader: 3001,
            },
        );
    });
    assert_eq!(c.leader(), Some(3001));
    assert_eq!(c.epoch, 2);
    assert!(out
        .sent()
        .iter()
        .any(|(to, m)| *to == NodeId::Controller(3001)
            && matches!(
                m,
                Msg::RaftFetch {
                    epoch: 2,
                    fetch_offset: 0,
                    ..
                }
            )));
}

#[test]
fn leader_immediately_sends_diverging_epoch() {
    // testLeaderImmediatelySendsDivergingEpoch: a follower whose last fetched epoch ends
    // earlier on the leader is told where to truncate.
    let mut rng = SimRng::new(1);
    // The leader's log: epochs 1,1,1 then its own LeaderChange in epoch 3.
    let mut c = leader(3000, 3, &[1, 1, 1], &mut rng);
    // A follower with entries of epoch 2 (from a leader that never committed them).
    let ((), out) = run(0, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            Msg::RaftFetch {
                epoch: 3,
                replica: 3001,
                fetch_offset: 5,
                last_fetched_epoch: 2,
            },
        );
    });
    let answer = out.sent().into_iter().find_map(|(_, m)| match m {
        Msg::RaftFetchResponse { result, .. } => Some(result),
        _ => None,
    });
    assert_eq!(
        answer,
        Some(FetchResult::DivergingEpoch {
            epoch: 1,
            end_offset: 3
        })
    );
}

#[test]
fn follower_log_reconciliation() {
    // testFollowerLogReconciliation: the follower truncates to the diverging end, then
    // fetches from there.
    let mut rng = SimRng::new(1);
    let mut c = follower(3001, 3, 3000, &[1, 1, 1, 2, 2]);
    let ((), out) = run(0, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3000),
            Msg::RaftFetchResponse {
                epoch: 3,
                leader: Some(3000),
                result: FetchResult::DivergingEpoch {
                    epoch: 1,
                    end_offset: 3,
                },
            },
        );
    });
    assert_eq!(c.log_end_offset(), 3);
    assert!(out.sent().iter().any(|(_, m)| matches!(
        m,
        Msg::RaftFetch {
            fetch_offset: 3,
            last_fetched_epoch: 1,
            ..
        }
    )));
}

#[test]
fn high_watermark_waits_for_an_entry_of_the_leaders_epoch() {
    // testHandleLeaderChangeFiresAfterListenerReachesEpochStartOffset: the HW moves only
    // once a majority has the leader's own LeaderChange (Raft's commit rule).
    let mut rng = SimRng::new(1);
    let mut c = leader(3000, 2, &[1, 1], &mut rng);
    assert_eq!(c.high_watermark, 0);
    // A follower that has the old entries but not the LeaderChange: no HW yet.
    run(0, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            Msg::RaftFetch {
                epoch: 2,
                replica: 3001,
                fetch_offset: 2,
                last_fetched_epoch: 1,
            },
        );
    });
    assert_eq!(c.high_watermark, 0);
    // Now it has fetched past the LeaderChange (offset 2): committed up to 3.
    run(0, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            Msg::RaftFetch {
                epoch: 2,
                replica: 3001,
                fetch_offset: 3,
                last_fetched_epoch: 2,
            },
        );
    });
    assert_eq!(c.high_watermark, 3);
}

#[test]
fn observer_fetches_do_not_count_for_the_high_watermark() {
    // testObserverReplication / testDescribeQuorumWithObserver: observers are tracked but
    // only voters commit.
    let mut rng = SimRng::new(1);
    let mut c = leader(3000, 1, &[], &mut rng);
    run(0, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Broker(1),
            Msg::RaftFetch {
                epoch: 1,
                replica: 1,
                fetch_offset: 1,
                last_fetched_epoch: 1,
            },
        );
    });
    assert_eq!(c.high_watermark, 0);
    let State::Leader { observers, .. } = &c.state else {
        panic!()
    };
    assert_eq!(observers[&1].end_offset, Some(1));
}

#[test]
fn purgatory_fetch_satisfied_by_write() {
    // testPurgatoryFetchSatisfiedByWrite: a caught-up fetch waits; an append answers it.
    let mut rng = SimRng::new(1);
    let mut c = leader(3000, 1, &[], &mut rng);
    let fetch = Msg::RaftFetch {
        epoch: 1,
        replica: 3001,
        fetch_offset: 1,
        last_fetched_epoch: 1,
    };
    let ((), out) = run(0, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3001), fetch);
    });
    assert!(!out
        .sent()
        .iter()
        .any(|(_, m)| matches!(m, Msg::RaftFetchResponse { .. })));
    let (_, out) = run(10, &mut rng, |ctx| {
        c.append(ctx, vec![MetadataRecord::NoOp])
    });
    let entries = out.sent().into_iter().find_map(|(to, m)| match m {
        Msg::RaftFetchResponse {
            result: FetchResult::Records { entries, .. },
            ..
        } if to == NodeId::Controller(3001) => Some(entries),
        _ => None,
    });
    assert_eq!(entries.map(|e| e.len()), Some(1));
}

#[test]
fn voter_becomes_prospective_after_fetch_timeout_observer_does_not() {
    // testVoterBecomeProspectiveAfterFetchTimeout /
    // testFollowerAsObserverDoesNotBecomeProspectiveAfterFetchTimeout.
    let mut rng = SimRng::new(1);
    let mut c = voter(3001);
    run(0, &mut rng, |ctx| {
        c.transition_to_follower(ctx, 1, 3000);
    });
    let gen = c.gen;
    run(2_000, &mut rng, |ctx| {
        c.on_timer(ctx, gen, RaftTimer::FetchTimeout);
    });
    assert!(matches!(c.state, State::Prospective { .. }));

    let mut o = RaftClient::observer(1, VOTERS.to_vec(), QuorumConfig::default());
    run(0, &mut rng, |ctx| {
        o.transition_to_follower(ctx, 1, 3000);
    });
    let gen = o.gen;
    let ((), out) = run(2_000, &mut rng, |ctx| {
        o.on_timer(ctx, gen, RaftTimer::FetchTimeout);
    });
    assert!(matches!(o.state, State::Unattached { .. }));
    assert!(out
        .sent()
        .iter()
        .all(|(_, m)| !matches!(m, Msg::Vote { .. })));
}

#[test]
fn leader_resigns_if_not_fetched_by_a_majority() {
    // KafkaRaftClientTest.testLeaderShouldResignLeadershipIfNotGetFetchRequestFromMajorityVoters:
    // the check-quorum timer (fetch timeout 2000 × 1.5 = 3000 ms) restarts each time a
    // majority (with the leader) has fetched; an observer's fetch does not count. Expired,
    // the leader resigns and tells the other voters (`EndQuorumEpoch`).
    let mut rng = SimRng::new(1);
    let mut c = leader(3000, 1, &[], &mut rng);
    let timeout = c.config.fetch_timeout_ms * 3 / 2;
    assert_eq!(timeout, 3000);
    let poll = |c: &mut RaftClient, rng: &mut SimRng, now: Millis| {
        let gen = c.gen;
        run(now, rng, |ctx| c.on_timer(ctx, gen, RaftTimer::CheckQuorum)).1
    };
    let fetch = |replica: u32| Msg::RaftFetch {
        epoch: 1,
        replica,
        fetch_offset: 0,
        last_fetched_epoch: 0,
    };
    let half = timeout / 2;
    // Not expired yet.
    poll(&mut c, &mut rng, half);
    assert!(c.is_leader());
    // A voter's fetch resets the timer.
    run(half, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3001), fetch(3001))
    });
    poll(&mut c, &mut rng, 2 * half);
    assert!(
        c.is_leader(),
        "reset at {half}: expires at {}",
        half + timeout
    );
    // The other voter's fetch resets it again.
    run(2 * half, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3002), fetch(3002))
    });
    poll(&mut c, &mut rng, 3 * half);
    assert!(c.is_leader());
    // An observer (a broker) fetching does not.
    run(3 * half, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Broker(1), fetch(1))
    });
    let out = poll(&mut c, &mut rng, 4 * half);
    assert!(matches!(c.state, State::Resigned), "{:?}", c.state);
    assert!(out.events.iter().any(|e| matches!(
        e,
        Event::KraftLeaderResigned {
            node: 3000,
            epoch: 1
        }
    )));
    let ends: Vec<(NodeId, Vec<u32>)> = out
        .sent()
        .into_iter()
        .filter_map(|(to, m)| match m {
            Msg::EndQuorumEpoch {
                epoch: 1,
                leader: 3000,
                preferred_successors,
            } => Some((to, preferred_successors)),
            _ => None,
        })
        .collect();
    // Both fetched offset 0: ties by id.
    assert_eq!(
        ends,
        vec![
            (NodeId::Controller(3001), vec![3001, 3002]),
            (NodeId::Controller(3002), vec![3001, 3002]),
        ]
    );
}

#[test]
fn a_single_voter_leader_never_resigns_for_want_of_fetches() {
    // KafkaRaftClientTest.testLeaderShouldNotResignLeadershipIfOnlyOneVoters.
    let mut rng = SimRng::new(1);
    let mut c = RaftClient::voter(3000, vec![3000], QuorumConfig::default());
    let ((), out) = run(0, &mut rng, |ctx| c.become_candidate(ctx));
    assert!(c.is_leader(), "{:?}", c.state);
    assert!(!out.effects.iter().any(|e| matches!(
        e,
        Effect::SetTimer {
            timer: Timer::Raft {
                timer: RaftTimer::CheckQuorum,
                ..
            },
            ..
        }
    )));
}

#[test]
fn prospective_with_leader_transitions_to_follower() {
    // testProspectiveWithLeaderTransitionsToFollower: a rejection naming a leader of the
    // same epoch ends the pre-vote.
    let mut rng = SimRng::new(1);
    let mut c = voter(3000);
    c.epoch = 4;
    run(0, &mut rng, |ctx| c.become_prospective(ctx));
    run(1, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            Msg::VoteResponse {
                epoch: 4,
                leader: Some(3002),
                granted: false,
                pre_vote: true,
            },
        );
    });
    assert_eq!(c.leader(), Some(3002));
    assert_eq!(c.epoch, 4);
}

/// A whole quorum in a tiny network: messages delayed 1–3 ms, some nodes down, some
/// messages lost.
mod quorum {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    struct Sim {
        nodes: BTreeMap<u32, RaftClient>,
        alive: BTreeMap<u32, bool>,
        queue: Vec<(Millis, u64, u32, Item)>,
        seq: u64,
        rng: SimRng,
        now: Millis,
        /// The highest HW each node ever reported (per life: a restart forgets it).
        hws: BTreeMap<u32, u64>,
    }

    enum Item {
        Msg(NodeId, Msg),
        Timer(u64, RaftTimer),
    }

    impl Sim {
        fn new(n: u32, seed: u64) -> Self {
            let voters: Vec<u32> = (0..n).map(|i| 3000 + i).collect();
            let mut s = Sim {
                nodes: voters
                    .iter()
                    .map(|&v| {
                        (
                            v,
                            RaftClient::voter(v, voters.clone(), QuorumConfig::default()),
                        )
                    })
                    .collect(),
                alive: voters.iter().map(|&v| (v, true)).collect(),
                queue: Vec::new(),
                seq: 0,
                rng: SimRng::new(seed),
                now: 0,
                hws: BTreeMap::new(),
            };
            for v in voters {
                s.act(v, |c, ctx| c.start(ctx));
            }
            s
        }

        fn act(&mut self, id: u32, f: impl FnOnce(&mut RaftClient, &mut Ctx<'_>)) {
            let node = self.nodes.get_mut(&id).unwrap();
            let (mut effects, mut events) = (Vec::new(), Vec::new());
            let mut ctx = Ctx {
                now: self.now,
                out: &mut effects,
                events: &mut events,
                rng: &mut self.rng,
            };
            f(node, &mut ctx);
            for e in effects {
                self.seq += 1;
                match e {
                    Effect::Send {
                        to: NodeId::Controller(to),
                        msg,
                    } => {
                        let at = self.now + 1 + self.rng.below(3);
                        self.queue
                            .push((at, self.seq, to, Item::Msg(NodeId::Controller(id), msg)));
                    }
                    Effect::SetTimer {
                        after,
                        timer: Timer::Raft { gen, timer },
                    } => self
                        .queue
                        .push((self.now + after, self.seq, id, Item::Timer(gen, timer))),
                    _ => {}
                }
            }
            let node = &self.nodes[&id];
            let hw = self.hws.entry(id).or_insert(0);
            assert!(node.high_watermark >= *hw, "HW went back on {id}");
            *hw = node.high_watermark;
        }

        fn run_until(&mut self, until: Millis, drop_pct: u64) {
            while let Some(i) =
                (0..self.queue.len()).min_by_key(|&i| (self.queue[i].0, self.queue[i].1))
            {
                if self.queue[i].0 > until {
                    break;
                }
                let (at, _, to, item) = self.queue.swap_remove(i);
                self.now = at;
                if !self.alive[&to] {
                    continue;
                }
                match item {
                    Item::Msg(from, msg) => {
                        if self.rng.below(100) < drop_pct {
                            continue;
                        }
                        self.act(to, |c, ctx| {
                            c.on_message(ctx, from, msg);
                        });
                    }
                    Item::Timer(gen, t) => self.act(to, |c, ctx| {
                        c.on_timer(ctx, gen, t);
                    }),
                }
            }
            self.now = until;
        }

        fn kill(&mut self, id: u32) {
            self.alive.insert(id, false);
            self.nodes.get_mut(&id).unwrap().kill();
            self.hws.insert(id, 0);
        }

        fn start(&mut self, id: u32) {
            self.alive.insert(id, true);
            self.act(id, |c, ctx| c.start(ctx));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Random kills, restarts and losses over a quorum of 3 or 5: at most one leader per
        /// epoch; no node's HW ever moves back (checked in `act`); and every committed
        /// entry stays in every later leader's log (Raft's leader completeness).
        #[test]
        fn quorum_safety(seed in 0u64..10_000, n in prop::sample::select(vec![3u32, 5]),
                         faults in prop::collection::vec((0u32..5, any::<bool>(), 200u64..3_000), 1..8),
                         drop_pct in 0u64..15) {
            let mut s = Sim::new(n, seed);
            let mut committed: Vec<(u64, u32)> = Vec::new();
            for (who, kill, wait) in faults {
                let id = 3000 + who % n;
                if kill && s.alive.values().filter(|a| **a).count() as u32 > n / 2 + 1 {
                    s.kill(id);
                } else if !s.alive[&id] {
                    s.start(id);
                }
                let until = s.now + wait;
                s.run_until(until, drop_pct);
                // The leaders append a record now and then (as the controller's NoOps).
                let leaders: Vec<u32> = s.nodes.values().filter(|c| c.is_leader() && s.alive[&c.id]).map(|c| c.id).collect();
                for l in leaders {
                    s.act(l, |c, ctx| { c.append(ctx, vec![MetadataRecord::NoOp]); });
                }
                // What is committed on any node is recorded by (offset, epoch).
                for c in s.nodes.values() {
                    for e in &c.log[..c.high_watermark.min(c.log_end_offset()) as usize] {
                        if !committed.contains(&(e.offset, e.epoch)) {
                            committed.push((e.offset, e.epoch));
                        }
                    }
                }
            }
            // Heal everything and let a leader commit.
            for id in (0..n).map(|i| 3000 + i) {
                if !s.alive[&id] { s.start(id); }
            }
            let until = s.now + 15_000;
            s.run_until(until, 0);
            let mut by_epoch: BTreeMap<u32, u32> = BTreeMap::new();
            for c in s.nodes.values() {
                for &(epoch, leader) in &c.leaders_seen {
                    let l = by_epoch.entry(epoch).or_insert(leader);
                    prop_assert_eq!(*l, leader, "two leaders in epoch {}", epoch);
                }
            }
            let leader = s.nodes.values().find(|c| c.is_leader());
            prop_assert!(leader.is_some(), "no leader after healing");
            let leader = leader.unwrap();
            prop_assert!(leader.high_watermark > 0, "nothing committed");
            for (offset, epoch) in committed {
                let e = leader.log.get(offset as usize);
                prop_assert_eq!(e.map(|e| e.epoch), Some(epoch), "committed entry {} lost", offset);
            }
        }
    }
}
