//! Handler-level tests of the admin client: build it, call one handler, check what it sent
//! and set (its metadata, routing, retries and timeouts, per Kafka era).

use super::*;
use crate::cluster::msg::Effect;

/// What one handler call queued: messages sent (to, msg) and timers (after, timer).
struct Out {
    sent: Vec<(NodeId, Msg)>,
    timers: Vec<(Millis, Timer)>,
}

fn run<R>(now: Millis, f: impl FnOnce(&mut Ctx<'_>) -> R) -> (R, Out) {
    let (r, out, _) = Ctx::test_run(now, f);
    let mut o = Out {
        sent: Vec::new(),
        timers: Vec::new(),
    };
    for e in out {
        match e {
            Effect::Send { to, msg } => o.sent.push((to, msg)),
            Effect::SetTimer { after, timer } => o.timers.push((after, timer)),
            Effect::Ledger(_) => {}
        }
    }
    (r, o)
}

fn client(version: ClientVersion) -> AdminClient {
    let mut a = AdminClient::default();
    a.restart(vec![1, 2, 3], version);
    a
}

fn create(name: &str) -> AdminRequest {
    AdminRequest::CreateTopic(CreateTopic {
        name: name.into(),
        partitions: 1,
        replication_factor: 1,
        configs: crate::vecmap::VecMap::new(),
    })
}

/// The one `Metadata` request sent: its id and broker.
fn metadata_sent(out: &Out) -> (u64, BrokerId) {
    let found: Vec<_> = out
        .sent
        .iter()
        .filter_map(|(to, m)| match (to, m) {
            (NodeId::Broker(b), Msg::Metadata { request }) => Some((*request, *b)),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "{:?}", out.sent);
    found[0]
}

fn metadata_answer(request: u64, brokers: Vec<BrokerId>, controller: Option<BrokerId>) -> Msg {
    Msg::MetadataResponse {
        request,
        partitions: crate::idxmap::IdxMap::new(),
        brokers,
        controller,
    }
}

/// A client whose metadata names brokers 1–3 and `controller`, at time `now`.
fn ready(version: ClientVersion, controller: BrokerId, now: Millis) -> AdminClient {
    let mut a = client(version);
    let (_, out) = run(now, |ctx| a.call(ctx, create("warm"), None));
    let (m, b) = metadata_sent(&out);
    run(now, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(b),
            metadata_answer(m, vec![1, 2, 3], Some(controller)),
        )
    });
    a
}

fn bounced(msg: Msg) -> Msg {
    Msg::Undeliverable(Box::new(msg))
}

#[test]
fn a_call_waits_for_metadata_from_a_bootstrap_broker_then_goes_to_its_controller() {
    let mut a = client(ClientVersion::V4_0);
    let (id, out) = run(0, |ctx| a.call(ctx, create("t"), None));
    // Bootstrap only: the call waits, a Metadata request goes to the least loaded broker.
    let (m, b) = metadata_sent(&out);
    assert_eq!(b, 1);
    assert!(!out
        .sent
        .iter()
        .any(|(_, m)| matches!(m, Msg::CreateTopics { .. })));
    // The answer names broker 3 the controller: the call goes there.
    let (_, out) = run(4, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(1),
            metadata_answer(m, vec![1, 2, 3], Some(3)),
        )
    });
    assert!(
        matches!(&out.sent[..], [(NodeId::Broker(3), Msg::CreateTopics { request, .. })] if *request == id),
        "{:?}",
        out.sent
    );
    assert_eq!(a.metadata.controller(), Some(3));
    assert_eq!(a.metadata.nodes(), &[1, 2, 3]);
    // Answered: done, nothing left to send.
    let (_, out) = run(9, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(3),
            Msg::CreateTopicsResponse {
                request: id,
                name: "t".into(),
                result: Ok(()),
            },
        )
    });
    assert_eq!(a.response(id), Some(&Ok(())));
    assert!(!a.pending(id));
    assert!(out.sent.is_empty(), "{:?}", out.sent);
}

#[test]
fn a_dead_bootstrap_broker_is_avoided_and_metadata_retried_after_the_backoff() {
    let mut a = client(ClientVersion::V4_0);
    let (_, out) = run(0, |ctx| a.call(ctx, create("t"), None));
    let (m, b) = metadata_sent(&out);
    assert_eq!(b, 1);
    // Broker 1 is down: the request bounces. The next attempt waits retry.backoff.ms.
    let (_, out) = run(3, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(1),
            bounced(Msg::Metadata { request: m }),
        )
    });
    assert!(out.sent.is_empty(), "{:?}", out.sent);
    assert!(
        out.timers
            .contains(&(RETRY_BACKOFF_MS - 3, Timer::AdminRetry { request: 0 })),
        "{:?}",
        out.timers
    );
    // At the backoff broker 1's reconnect backoff (50 ms) has passed: tried again.
    let (_, out) = run(RETRY_BACKOFF_MS, |ctx| {
        a.on_timer(ctx, Timer::AdminRetry { request: 0 })
    });
    let (m2, b2) = metadata_sent(&out);
    assert_ne!(m2, m);
    assert_eq!(b2, 1);
    // It refuses again: avoided for 100 ms now, so the next attempt goes to broker 2.
    run(RETRY_BACKOFF_MS + 3, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(1),
            bounced(Msg::Metadata { request: m2 }),
        )
    });
    let (_, out) = run(2 * RETRY_BACKOFF_MS, |ctx| {
        a.on_timer(ctx, Timer::AdminRetry { request: 0 })
    });
    assert_eq!(metadata_sent(&out).1, 2);
}

#[test]
fn not_controller_clears_the_controller_refetches_metadata_and_retries() {
    let mut a = ready(ClientVersion::V2_3, 2, 0);
    let (id, out) = run(10, |ctx| a.call(ctx, create("t"), None));
    assert!(matches!(
        &out.sent[..],
        [(NodeId::Broker(2), Msg::CreateTopics { .. })]
    ));
    // Broker 2 lost the controllership (ZooKeeper mode): NOT_CONTROLLER.
    let (_, out) = run(14, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(2),
            Msg::CreateTopicsResponse {
                request: id,
                name: "t".into(),
                result: Err(NOT_CONTROLLER.into()),
            },
        )
    });
    assert_eq!(a.metadata.controller(), None);
    assert!(a.pending(id));
    // New metadata once retry.backoff.ms has passed since the last attempt (at 0), the call
    // itself retry.backoff.ms after it failed.
    assert!(out.sent.is_empty(), "{:?}", out.sent);
    assert!(out
        .timers
        .contains(&(RETRY_BACKOFF_MS - 14, Timer::AdminRetry { request: 0 })));
    assert!(out
        .timers
        .contains(&(RETRY_BACKOFF_MS, Timer::AdminRetry { request: id })));
    let (_, out) = run(RETRY_BACKOFF_MS, |ctx| {
        a.on_timer(ctx, Timer::AdminRetry { request: 0 })
    });
    let (m, b) = metadata_sent(&out);
    let (_, out) = run(104, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(b),
            metadata_answer(m, vec![1, 2, 3], Some(3)),
        )
    });
    assert!(
        out.sent.is_empty(),
        "not before the call's backoff: {:?}",
        out.sent
    );
    let (_, out) = run(14 + RETRY_BACKOFF_MS, |ctx| {
        a.on_timer(ctx, Timer::AdminRetry { request: id })
    });
    assert!(
        matches!(&out.sent[..], [(NodeId::Broker(3), Msg::CreateTopics { request, .. })] if *request == id),
        "{:?}",
        out.sent
    );
}

#[test]
fn a_disconnect_fails_the_call_retriably_and_kafka_4_backs_off_exponentially() {
    for (version, first) in [
        (ClientVersion::V2_3, RETRY_BACKOFF_MS..=RETRY_BACKOFF_MS),
        // KIP-580: 100 ms × [0.8, 1.2).
        (ClientVersion::V4_0, 80..=119),
    ] {
        let mut a = ready(version, 2, 0);
        let (id, _) = run(10, |ctx| a.call(ctx, create("t"), None));
        let (_, out) = run(13, |ctx| {
            a.on_message(
                ctx,
                NodeId::Broker(2),
                bounced(create("t").message(id, None)),
            )
        });
        let retry: Vec<Millis> = out
            .timers
            .iter()
            .filter(|(_, t)| *t == Timer::AdminRetry { request: id })
            .map(|(after, _)| *after)
            .collect();
        assert_eq!(retry.len(), 1, "{version:?}: {:?}", out.timers);
        assert!(first.contains(&retry[0]), "{version:?}: {}", retry[0]);
        // The metadata is fetched again once retry.backoff.ms has passed since the last
        // attempt (at 0).
        assert!(
            out.timers
                .contains(&(RETRY_BACKOFF_MS - 13, Timer::AdminRetry { request: 0 })),
            "{version:?}: {:?}",
            out.timers
        );
        assert!(a.pending(id));
    }
}

#[test]
fn configs_of_a_broker_go_to_that_broker_and_topic_configs_to_the_least_loaded() {
    let mut a = ready(ClientVersion::V4_0, 3, 0);
    let alter = |entity| AdminRequest::AlterConfigs {
        entity,
        configs: crate::vecmap::VecMap::new(),
    };
    let (_, out) = run(10, |ctx| a.call(ctx, alter(ConfigEntity::Broker(2)), None));
    assert!(matches!(
        &out.sent[..],
        [(NodeId::Broker(2), Msg::AlterConfigs { .. })]
    ));
    // Broker 2 has a request in flight now: the least loaded is broker 1.
    let (_, out) = run(10, |ctx| {
        a.call(ctx, alter(ConfigEntity::Topic("t".into())), None)
    });
    assert!(matches!(
        &out.sent[..],
        [(NodeId::Broker(1), Msg::AlterConfigs { .. })]
    ));
}

#[test]
fn metadata_older_than_metadata_max_age_is_refreshed_before_the_next_call() {
    let mut a = ready(ClientVersion::V4_0, 3, 0);
    let (_, out) = run(METADATA_MAX_AGE_MS - 1, |ctx| {
        a.call(ctx, create("a"), None)
    });
    assert!(out
        .sent
        .iter()
        .all(|(_, m)| !matches!(m, Msg::Metadata { .. })));
    let (_, out) = run(METADATA_MAX_AGE_MS, |ctx| a.call(ctx, create("b"), None));
    metadata_sent(&out);
}

fn find(group: &str) -> AdminRequest {
    AdminRequest::FindGroupCoordinator {
        group: group.into(),
    }
}

fn coordinator_answer(request: u64, r: Result<BrokerId, KafkaError>) -> Msg {
    Msg::GroupResponse {
        request,
        resp: GroupResponse::FindCoordinator(r),
    }
}

/// Kafka 2.x: COORDINATOR_NOT_AVAILABLE fails the lookup call; it is retried after
/// `retry.backoff.ms`, and past its deadline times out waiting for a node.
#[test]
fn kafka_2_retries_the_coordinator_lookup_after_the_backoff_until_its_timeout() {
    let mut a = ready(ClientVersion::V2_3, 1, 0);
    let (id, out) = run(10, |ctx| a.call(ctx, find("g"), Some(5_000)));
    // The least loaded broker: 1 has the first call in flight.
    assert!(matches!(
        &out.sent[..],
        [(
            NodeId::Broker(2),
            Msg::Group {
                req: GroupRequest::FindCoordinator { .. },
                ..
            }
        )]
    ));
    let (_, out) = run(14, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(1),
            coordinator_answer(id, Err(KafkaError::CoordinatorNotAvailable)),
        )
    });
    assert!(out.sent.is_empty(), "{:?}", out.sent);
    assert!(out
        .timers
        .contains(&(RETRY_BACKOFF_MS, Timer::AdminRetry { request: id })));
    let (_, out) = run(114, |ctx| {
        a.on_timer(ctx, Timer::AdminRetry { request: id })
    });
    assert!(
        matches!(&out.sent[..], [(_, Msg::Group { .. })]),
        "{:?}",
        out.sent
    );
    // Still unavailable near the deadline (10 + 5000): the next try would be past it, so the
    // timer is set for just after the deadline, and then the call times out.
    run(4_990, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(1),
            coordinator_answer(id, Err(KafkaError::CoordinatorLoadInProgress)),
        )
    });
    let (_, out) = run(5_011, |ctx| {
        a.on_timer(ctx, Timer::AdminRetry { request: id })
    });
    assert!(out.sent.is_empty());
    assert_eq!(
        a.response(id),
        Some(&Err("org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.".into()))
    );
    assert!(!a.pending(id));
}

/// Kafka 3.0+ (`AdminApiDriver`, KIP-699): a lookup that found no coordinator is sent again
/// at once; found, the call completes; past the deadline it times out naming the call.
#[test]
fn kafka_4_looks_the_coordinator_up_again_at_once_and_names_the_call_on_timeout() {
    let mut a = ready(ClientVersion::V4_0, 1, 0);
    let (id, _) = run(10, |ctx| a.call(ctx, find("g"), Some(30_000)));
    let (_, out) = run(14, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(1),
            coordinator_answer(id, Err(KafkaError::CoordinatorNotAvailable)),
        )
    });
    assert!(
        matches!(&out.sent[..], [(NodeId::Broker(_), Msg::Group { request, req: GroupRequest::FindCoordinator { .. } })] if *request == id),
        "{:?}",
        out.sent
    );
    let (_, out) = run(18, |ctx| {
        a.on_message(ctx, NodeId::Broker(1), coordinator_answer(id, Ok(2)))
    });
    assert!(out.sent.is_empty());
    assert_eq!(
        a.group_response(id),
        Some(&GroupResponse::FindCoordinator(Ok(2)))
    );

    let (id, _) = run(20, |ctx| a.call(ctx, find("h"), Some(30_000)));
    run(30_021, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(1),
            coordinator_answer(id, Err(KafkaError::CoordinatorNotAvailable)),
        )
    });
    assert_eq!(
        a.response(id),
        Some(&Err("org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeConsumerGroups(api=FIND_COORDINATOR)".into()))
    );
}

#[test]
fn an_offset_commit_goes_to_the_coordinator_found_and_looks_again_when_it_moved() {
    let mut a = ready(ClientVersion::V4_0, 1, 0);
    let tp = TopicPartition::new("t", 0);
    let req = AdminRequest::CommitGroupOffsets {
        group: "g".into(),
        offsets: [(tp, 5)].into_iter().collect(),
    };
    let (id, out) = run(10, |ctx| a.call(ctx, req, None));
    assert!(matches!(
        &out.sent[..],
        [(
            _,
            Msg::Group {
                req: GroupRequest::FindCoordinator { .. },
                ..
            }
        )]
    ));
    let (_, out) = run(14, |ctx| {
        a.on_message(ctx, NodeId::Broker(1), coordinator_answer(id, Ok(3)))
    });
    assert!(
        matches!(
            &out.sent[..],
            [(
                NodeId::Broker(3),
                Msg::Group {
                    req: GroupRequest::OffsetCommit { generation: -1, .. },
                    ..
                }
            )]
        ),
        "{:?}",
        out.sent
    );
    // The coordinator moved: NOT_COORDINATOR sends the lookup again.
    let (_, out) = run(18, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(3),
            Msg::GroupResponse {
                request: id,
                resp: GroupResponse::OffsetCommit(Err(KafkaError::NotCoordinator)),
            },
        )
    });
    assert!(matches!(
        &out.sent[..],
        [(
            _,
            Msg::Group {
                req: GroupRequest::FindCoordinator { .. },
                ..
            }
        )]
    ));
    run(22, |ctx| {
        a.on_message(ctx, NodeId::Broker(1), coordinator_answer(id, Ok(2)))
    });
    run(26, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(2),
            Msg::GroupResponse {
                request: id,
                resp: GroupResponse::OffsetCommit(Ok(())),
            },
        )
    });
    assert_eq!(
        a.group_response(id),
        Some(&GroupResponse::OffsetCommit(Ok(())))
    );
}

#[test]
fn a_new_tool_run_drops_the_old_calls_and_bootstraps_again() {
    let mut a = ready(ClientVersion::V4_0, 3, 0);
    let (old, _) = run(10, |ctx| a.call(ctx, create("t"), None));
    a.restart(vec![1, 2, 3], ClientVersion::V4_0);
    assert!(!a.pending(old));
    let (new, out) = run(20, |ctx| a.call(ctx, create("u"), None));
    assert!(new > old);
    metadata_sent(&out);
    // A late answer to the old call is not taken for anything.
    run(24, |ctx| {
        a.on_message(
            ctx,
            NodeId::Broker(3),
            Msg::CreateTopicsResponse {
                request: old,
                name: "t".into(),
                result: Ok(()),
            },
        )
    });
    assert_eq!(a.response(old), None);
    // The ZooKeeper-era tool's own znode write still gets the next id.
    let (id, _) = run(30, |ctx| a.zk_mark_topic_deletion(ctx, "u"));
    assert!(id > new);
}
