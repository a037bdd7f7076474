//! Handler tests of the clean shutdown and `EndQuorumEpoch`, each ported from Kafka 4.1's
//! `raft/src/test/java/org/apache/kafka/raft/KafkaRaftClientTest.java` (the test named in
//! its comment).

use super::tests::{follower, granted, leader, run, vote, voter, Out, VOTERS};
use super::*;
use crate::sim::SimRng;

fn end_epoch(epoch: u32, leader: u32, successors: &[u32]) -> Msg {
    Msg::EndQuorumEpoch {
        epoch,
        leader,
        preferred_successors: successors.to_vec(),
    }
}

fn end_epochs_sent(out: &Out) -> Vec<(NodeId, Vec<u32>)> {
    out.sent()
        .into_iter()
        .filter_map(|(to, m)| match m {
            Msg::EndQuorumEpoch {
                preferred_successors,
                ..
            } => Some((to, preferred_successors)),
            _ => None,
        })
        .collect()
}

fn response_epoch(out: &Out) -> Option<u32> {
    out.sent().iter().find_map(|(_, m)| match m {
        Msg::EndQuorumEpochResponse { epoch } => Some(*epoch),
        _ => None,
    })
}

/// Fires every raft timer `out` set (in the order of their delays) at `now + delay`.
fn fire_fetch_timeout(c: &mut RaftClient, rng: &mut SimRng, out: &Out, now: Millis) -> Out {
    let (after, _, gen) = out
        .timers()
        .into_iter()
        .find(|(_, t, _)| *t == RaftTimer::FetchTimeout)
        .expect("a fetch timeout was set");
    run(now + after, rng, |ctx| {
        c.on_timer(ctx, gen, RaftTimer::FetchTimeout);
    })
    .1
}

#[test]
fn strict_exponential_backoff_by_place_in_the_successors() {
    // KafkaRaftClient.strictExponentialElectionBackoffMs with
    // controller.quorum.election.backoff.max.ms = 1000: the first successor at once, the
    // others max >> (n - 1) doubled per place; a voter not in the list waits the maximum.
    let b = |p, n| strict_exponential_election_backoff_ms(p, n, 1_000);
    assert_eq!(b(0, 2), 0);
    assert_eq!(b(1, 2), 500);
    assert_eq!(
        (0..4).map(|p| b(p, 4)).collect::<Vec<_>>(),
        vec![0, 125, 250, 500]
    );
    assert_eq!(b(4, 4), 1_000, "not in the list");
}

#[test]
fn handle_end_quorum_request() {
    // testHandleEndQuorumRequest: the first preferred successor answers, then starts a
    // pre-vote at once, still knowing the old leader of the epoch.
    let mut rng = SimRng::new(1);
    let mut c = follower(3000, 2, 3001, &[1, 2]);
    let ((), out) = run(100, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            end_epoch(2, 3001, &[3000, 3002]),
        );
    });
    assert_eq!(response_epoch(&out), Some(2));
    assert!(out.events.iter().any(|e| matches!(
        e,
        Event::KraftEndQuorumEpoch {
            node: 3000,
            place: 1,
            backoff_ms: 0,
            ..
        }
    )));
    let out = fire_fetch_timeout(&mut c, &mut rng, &out, 100);
    assert!(
        matches!(
            c.state,
            State::Prospective {
                leader: Some(3001),
                ..
            }
        ),
        "{:?}",
        c.state
    );
    assert_eq!(c.epoch, 2);
    assert!(
        !out.events
            .iter()
            .any(|e| matches!(e, Event::KraftFetchTimeout { .. })),
        "not a lost leader: it resigned"
    );
    let pre_votes = out
        .sent()
        .iter()
        .filter(|(_, m)| matches!(m, Msg::Vote { pre_vote: true, .. }))
        .count();
    assert_eq!(pre_votes, 2);
}

#[test]
fn handle_end_quorum_request_with_lower_priority_to_become_leader() {
    // testHandleEndQuorumRequestWithLowerPriorityToBecomeLeader: second of two successors,
    // it waits 1000 >> 1 = 500 ms, then asks for pre-votes in the same epoch.
    let mut rng = SimRng::new(1);
    let mut c = follower(3000, 2, 3001, &[1, 2]);
    let ((), out) = run(100, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            end_epoch(2, 3001, &[3002, 3000]),
        );
    });
    assert_eq!(c.fetch_deadline, Some(600));
    // The old fetch timeout (2 s) and an early one: before 600 nothing happens.
    let gen = c.gen;
    run(599, &mut rng, |ctx| {
        c.on_timer(ctx, gen, RaftTimer::FetchTimeout);
    });
    assert!(matches!(c.state, State::Follower { .. }));
    fire_fetch_timeout(&mut c, &mut rng, &out, 100);
    assert!(matches!(c.state, State::Prospective { .. }));
    assert_eq!(c.epoch, 2);
}

#[test]
fn end_quorum_starts_new_election_immediately_if_follower_unattached() {
    // testEndQuorumStartsNewElectionImmediatelyIfFollowerUnattached: an unattached voter
    // learns the leader of its epoch from the request, then starts an election at once.
    let mut rng = SimRng::new(1);
    let mut c = voter(3000);
    c.epoch = 2;
    let ((), out) = run(10, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            end_epoch(2, 3001, &[3000, 3002]),
        );
    });
    assert_eq!(c.leader(), Some(3001));
    fire_fetch_timeout(&mut c, &mut rng, &out, 10);
    assert!(matches!(c.state, State::Prospective { .. }));
}

#[test]
fn end_quorum_ignored_if_older_epoch() {
    // testEndQuorumIgnoredAsCandidateIfOlderEpoch / testEndQuorumIgnoredAsLeaderIfOlderEpoch:
    // a request of an older epoch changes nothing; the answer names the newer epoch.
    let mut rng = SimRng::new(1);
    let mut c = leader(3000, 3, &[1], &mut rng);
    let before = c.state.clone();
    let ((), out) = run(10, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            end_epoch(2, 3001, &[3000, 3002]),
        );
    });
    assert_eq!(c.state, before);
    assert_eq!(response_epoch(&out), Some(3));
    let mut f = follower(3002, 3, 3000, &[1]);
    let deadline = f.fetch_deadline;
    let ((), out) = run(10, &mut rng, |ctx| {
        f.on_message(ctx, NodeId::Controller(3001), end_epoch(2, 3001, &[3002]));
    });
    assert_eq!(f.fetch_deadline, deadline);
    assert!(matches!(f.state, State::Follower { leader: 3000, .. }));
    assert_eq!(response_epoch(&out), Some(3));
}

#[test]
fn leader_graceful_shutdown() {
    // testLeaderGracefulShutdown: the leader resigns and sends EndQuorumEpoch; it keeps
    // running and still grants votes (of the next epoch) to help elect its successor; the
    // shutdown completes once a new leader's BeginQuorumEpoch arrives.
    let mut rng = SimRng::new(1);
    let mut c = leader(3000, 1, &[], &mut rng);
    let ((), out) = run(100, &mut rng, |ctx| {
        c.begin_shutdown(ctx);
    });
    assert!(matches!(c.state, State::Resigned));
    let sent = end_epochs_sent(&out);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(!c.shutdown_complete(100), "still running");
    // ResignedState.canGrantVote: a pre-vote from an up-to-date log is granted …
    let ((), out) = run(101, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3001), vote(1, 3001, 1, 1, true));
    });
    assert_eq!(granted(&out), Some(true));
    // … and the vote of the next epoch too.
    let ((), out) = run(102, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3001), vote(2, 3001, 1, 1, false));
    });
    assert_eq!(granted(&out), Some(true));
    assert!(!c.shutdown_complete(102));
    // Waiting for the new leader, it starts no election of its own.
    let gen = c.gen;
    run(3_000, &mut rng, |ctx| {
        c.on_timer(ctx, gen, RaftTimer::Election);
    });
    assert!(!matches!(c.state, State::Prospective { .. }));
    run(3_001, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            Msg::BeginQuorumEpoch {
                epoch: 2,
                leader: 3001,
            },
        );
    });
    assert!(c.shutdown_complete(3_001));
}

#[test]
fn reject_votes_from_same_epoch_after_resigning_leadership() {
    // testRejectVotesFromSameEpochAfterResigningLeadership: a vote (not a pre-vote) of the
    // epoch it resigned is refused.
    let mut rng = SimRng::new(1);
    let mut c = leader(3000, 2, &[], &mut rng);
    run(10, &mut rng, |ctx| {
        c.begin_shutdown(ctx);
    });
    let ((), out) = run(11, &mut rng, |ctx| {
        c.on_message(ctx, NodeId::Controller(3001), vote(2, 3001, 2, 1, false));
    });
    assert_eq!(granted(&out), Some(false));
}

#[test]
fn end_quorum_epoch_sent_based_on_fetch_offset() {
    // testEndQuorumEpochSentBasedOnFetchOffset: the preferred successors are the followers
    // by descending fetch offset — the close follower first, the lagging one after.
    let mut rng = SimRng::new(1);
    let mut c = leader(3000, 1, &[], &mut rng);
    run(10, &mut rng, |ctx| {
        c.append(ctx, vec![MetadataRecord::NoOp, MetadataRecord::NoOp]);
    });
    let (lagging, close) = (VOTERS[1], VOTERS[2]);
    run(11, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(lagging),
            Msg::RaftFetch {
                epoch: 1,
                replica: lagging,
                fetch_offset: 1,
                last_fetched_epoch: 1,
            },
        );
        c.on_message(
            ctx,
            NodeId::Controller(close),
            Msg::RaftFetch {
                epoch: 1,
                replica: close,
                fetch_offset: 3,
                last_fetched_epoch: 1,
            },
        );
    });
    let ((), out) = run(20, &mut rng, |ctx| {
        c.begin_shutdown(ctx);
    });
    let sent = end_epochs_sent(&out);
    assert_eq!(sent.len(), 2);
    assert!(
        sent.iter().all(|(_, s)| s == &vec![close, lagging]),
        "{sent:?}"
    );
    // The fetch the leader held (the close follower's, caught up) is answered
    // NOT_LEADER_OR_FOLLOWER (`transitionToResigned` completes the purgatory).
    assert!(out
        .sent()
        .iter()
        .any(|(to, m)| *to == NodeId::Controller(close)
            && matches!(
                m,
                Msg::RaftFetchResponse {
                    result: FetchResult::NotLeader,
                    ..
                }
            )));
}

#[test]
fn leader_graceful_shutdown_timeout() {
    // testLeaderGracefulShutdownTimeout: no new leader within the timeout: it stops anyway.
    let mut rng = SimRng::new(1);
    let mut c = leader(3000, 1, &[], &mut rng);
    run(100, &mut rng, |ctx| {
        c.begin_shutdown(ctx);
    });
    assert!(!c.shutdown_complete(100 + GRACEFUL_SHUTDOWN_TIMEOUT_MS - 1));
    assert!(c.shutdown_complete(100 + GRACEFUL_SHUTDOWN_TIMEOUT_MS));
}

#[test]
fn follower_and_single_member_graceful_shutdown() {
    // testFollowerGracefulShutdown: a follower knows the leader: it stops at once.
    // testGracefulShutdownSingleMemberQuorum: so does the only voter.
    let mut rng = SimRng::new(1);
    let mut f = follower(3000, 5, 3001, &[1]);
    let ((), out) = run(10, &mut rng, |ctx| {
        f.begin_shutdown(ctx);
    });
    assert!(end_epochs_sent(&out).is_empty());
    assert!(f.shutdown_complete(10));
    let mut only = RaftClient::voter(3000, vec![3000], QuorumConfig::default());
    run(0, &mut rng, |ctx| only.start(ctx));
    assert!(only.is_leader());
    let ((), out) = run(10, &mut rng, |ctx| {
        only.begin_shutdown(ctx);
    });
    assert!(end_epochs_sent(&out).is_empty());
    assert!(only.shutdown_complete(10));
}

#[test]
fn prospective_keeps_the_leader_it_followed() {
    // KIP-996 (ProspectiveState.leaderId): a voter still following the old leader rejects
    // the pre-vote naming it; that does not send the prospective back to it …
    let mut rng = SimRng::new(1);
    let mut c = follower(3000, 2, 3001, &[1]);
    run(0, &mut rng, |ctx| c.become_prospective(ctx));
    run(1, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3002),
            Msg::VoteResponse {
                epoch: 2,
                leader: Some(3001),
                granted: false,
                pre_vote: true,
            },
        );
    });
    assert!(matches!(c.state, State::Prospective { .. }));
    // … the resigned leader's grant makes a majority.
    run(2, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3001),
            Msg::VoteResponse {
                epoch: 2,
                leader: None,
                granted: true,
                pre_vote: true,
            },
        );
    });
    assert!(matches!(c.state, State::Candidate { .. }));
    assert_eq!(c.epoch, 3);
}
