//! The consumer's fetching, against hand-made broker answers.

use super::*;
use crate::cluster::msg::Effect;
use crate::idxmap::IdxMap;
use crate::sim::SimRng;
use crate::storage::batch::ProducerFields;

fn tp(p: u32) -> TopicPartition {
    TopicPartition::new("orders", p)
}

fn record(offset: Offset, producer: ProducerFields, control: Option<Marker>) -> Record {
    Record {
        offset,
        epoch: 0,
        batch: offset,
        send: offset + 100,
        key: None,
        value: format!("v{offset}").into(),
        timestamp: 0,
        producer,
        control: control.map(|m| (m, 0)),
    }
}

fn fetched(p: u32, records: Vec<Record>) -> ConsumerFetched {
    let end = records.last().map_or(0, |r| r.offset + 1);
    ConsumerFetched {
        tp: tp(p),
        error: None,
        records,
        bytes: 100,
        hw: end,
        last_stable_offset: end,
        log_start: 0,
        aborted: Vec::new(),
    }
}

fn failed(p: u32, e: KafkaError) -> ConsumerFetched {
    ConsumerFetched {
        error: Some(e),
        ..fetched(p, Vec::new())
    }
}

/// Runs `f` on the consumer at `now`; returns its result and effects.
fn call<R>(
    c: &mut Consumer,
    now: Millis,
    f: impl FnOnce(&mut Consumer, &mut Ctx<'_>) -> R,
) -> (R, Vec<Effect>, Vec<Event>) {
    let (mut out, mut events) = (Vec::new(), Vec::new());
    let mut rng = SimRng::new(1);
    let mut ctx = Ctx {
        now,
        out: &mut out,
        events: &mut events,
        rng: &mut rng,
    };
    let r = f(c, &mut ctx);
    (r, out, events)
}

/// A fetch sent: (leader, request, partitions and positions).
type Sent = (BrokerId, u64, Vec<(TopicPartition, Offset)>);

/// The fetches among the effects.
fn fetches(effects: &[Effect]) -> Vec<Sent> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send {
                to: NodeId::Broker(b),
                msg: Msg::ConsumerFetch { request, fetch },
            } => Some((
                *b,
                *request,
                fetch.partitions.iter().map(|p| (p.tp, p.offset)).collect(),
            )),
            _ => None,
        })
        .collect()
}

/// A consumer given `parts` by `assign()`, at the given positions, knowing their leaders.
fn assigned(parts: &[(u32, Offset, BrokerId)], config: ConsumerConfig) -> Consumer {
    let mut c = Consumer::new(10_000, "c1", vec![1, 2, 3], config);
    let positions = parts.iter().map(|&(p, o, _)| (tp(p), o)).collect();
    call(&mut c, 0, |c, ctx| {
        c.assign(
            ctx,
            parts.iter().map(|&(p, _, _)| tp(p)).collect(),
            positions,
            IdxMap::new(),
        )
    });
    for &(p, _, b) in parts {
        c.leaders.insert(tp(p), b);
    }
    c
}

fn config() -> ConsumerConfig {
    ConsumerConfig::new("g", ["orders".to_string()].into_iter().collect())
}

fn values(records: &[(TopicPartition, Record)]) -> Vec<String> {
    records.iter().map(|(_, r)| r.value.to_string()).collect()
}

#[test]
fn one_fetch_per_leader_then_records_from_the_buffer() {
    let mut c = assigned(&[(0, 0, 1), (1, 5, 2), (2, 0, 1)], config());
    let (r, out, events) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
    assert_eq!(r, Ok(()));
    let sent = fetches(&out);
    assert_eq!(sent.len(), 2, "one request per leader: {sent:?}");
    assert_eq!(sent[0].0, 1);
    assert_eq!(sent[0].2, [(tp(0), 0), (tp(2), 0)]);
    assert_eq!(sent[1].2, [(tp(1), 5)]);
    assert!(
        matches!(&events[0], Event::ConsumerFetchSent { broker: 1, partitions, min_bytes: 1, max_wait_ms: 500, .. } if partitions == &["orders-0@0", "orders-2@0"])
    );
    // Broker 2 answers first; poll() has records.
    let plain = ProducerFields::NONE;
    call(&mut c, 4, |c, ctx| {
        c.on_message(
            ctx,
            Msg::ConsumerFetchResponse {
                request: sent[1].1,
                partitions: vec![fetched(
                    1,
                    vec![record(5, plain, None), record(6, plain, None)],
                )],
            },
        )
    });
    assert!(c.has_records());
    let (got, out, _) = call(&mut c, 5, |c, ctx| c.end_poll(ctx, 1));
    assert_eq!(
        values(&got.unwrap()),
        ["v5"],
        "max.poll.records caps a poll"
    );
    assert_eq!(c.positions[&tp(1)], 6);
    assert!(
        fetches(&out).is_empty(),
        "orders-1 still has a buffered record; broker 1 is busy"
    );
    let (got, out, _) = call(&mut c, 6, |c, ctx| c.end_poll(ctx, 10));
    assert_eq!(values(&got.unwrap()), ["v6"]);
    assert_eq!(c.positions[&tp(1)], 7);
    // Drained: the next fetch for orders-1 is pipelined before poll() returns.
    assert_eq!(fetches(&out)[0].2, [(tp(1), 7)]);
}

#[test]
fn not_leader_refreshes_the_metadata_then_fetches_from_the_new_leader() {
    let mut c = assigned(&[(0, 3, 1)], config());
    let (_, out, _) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
    let (b, request, _) = fetches(&out)[0].clone();
    assert_eq!(b, 1);
    // Broker 1 is no longer the leader.
    let (_, out, _) = call(&mut c, 3, |c, ctx| {
        c.on_message(
            ctx,
            Msg::ConsumerFetchResponse {
                request,
                partitions: vec![failed(0, KafkaError::NotLeaderOrFollower)],
            },
        )
    });
    assert!(!c.leaders.contains_key(&tp(0)));
    assert!(fetches(&out).is_empty());
    assert!(out.contains(&Effect::SetTimer {
        after: RETRY_BACKOFF_MS,
        timer: Timer::ConsumerFetchRetry
    }));
    // After retry.backoff.ms it asks for metadata …
    let (_, out, _) = call(&mut c, 103, |c, ctx| {
        c.on_timer(ctx, Timer::ConsumerFetchRetry)
    });
    let Some(Effect::Send {
        msg: Msg::Metadata { request },
        ..
    }) = out.first()
    else {
        panic!("expected a metadata request: {out:?}");
    };
    // … learns broker 2 leads now, and fetches from it.
    let (_, out, _) = call(&mut c, 106, |c, ctx| {
        c.on_message(
            ctx,
            Msg::MetadataResponse {
                request: *request,
                partitions: [(tp(0), Some(2))].into_iter().collect(),
                brokers: vec![1, 2],
                controller: Some(1),
            },
        )
    });
    let (b, request, parts) = fetches(&out)[0].clone();
    assert_eq!((b, parts), (2, vec![(tp(0), 3)]));
    let plain = ProducerFields::NONE;
    call(&mut c, 109, |c, ctx| {
        c.on_message(
            ctx,
            Msg::ConsumerFetchResponse {
                request,
                partitions: vec![fetched(0, vec![record(3, plain, None)])],
            },
        )
    });
    let (got, _, _) = call(&mut c, 110, |c, ctx| c.end_poll(ctx, 500));
    assert_eq!(values(&got.unwrap()), ["v3"]);
    assert_eq!(c.positions[&tp(0)], 4);
}

#[test]
fn read_committed_skips_control_records_and_aborted_batches() {
    let txn = |id| ProducerFields {
        id,
        epoch: 0,
        base_sequence: 0,
        transactional: true,
        codec: crate::storage::batch::Codec::None,
    };
    let records = vec![
        record(0, ProducerFields::NONE, None),
        record(1, txn(7), None), // aborted
        record(2, txn(8), None), // committed
        record(3, txn(7), Some(Marker::Abort)),
        record(4, txn(8), Some(Marker::Commit)),
        record(5, txn(7), None), // producer 7's next transaction
    ];
    let mut part = fetched(0, records);
    part.aborted = vec![(7, 1)];
    let mut rc = config();
    rc.read_committed = true;
    let c = assigned(&[(0, 0, 1)], rc);
    let (got, next) = c.visible(0, &part);
    let offsets: Vec<Offset> = got.iter().map(|r| r.offset).collect();
    assert_eq!(offsets, [0, 2, 5]);
    assert_eq!(next, 6);
    let c = assigned(&[(0, 0, 1)], config());
    let (got, _) = c.visible(0, &part);
    let offsets: Vec<Offset> = got.iter().map(|r| r.offset).collect();
    assert_eq!(
        offsets,
        [0, 1, 2, 5],
        "read_uncommitted skips only the markers"
    );
    // Only markers: nothing for the application, but the position moves past them.
    let mut c = assigned(&[(0, 3, 1)], config());
    let (_, out, _) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
    let request = fetches(&out)[0].1;
    let markers = fetched(0, vec![record(3, txn(7), Some(Marker::Abort))]);
    call(&mut c, 3, |c, ctx| {
        c.on_message(
            ctx,
            Msg::ConsumerFetchResponse {
                request,
                partitions: vec![markers],
            },
        )
    });
    assert!(!c.has_records());
    assert_eq!(c.positions[&tp(0)], 4);
}

#[test]
fn records_fetched_for_a_revoked_partition_are_dropped() {
    let mut c = assigned(&[(0, 0, 1), (1, 0, 2)], config());
    // A group member rather than assign(): it is about to be told its new assignment.
    c.manual = false;
    c.coordinator = Some(3);
    c.member_id = Some("c1".into());
    c.generation = 1;
    let (_, out, _) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
    let sent = fetches(&out);
    let plain = ProducerFields::NONE;
    for (i, (_, request, _)) in sent.iter().enumerate() {
        call(&mut c, 4, |c, ctx| {
            c.on_message(
                ctx,
                Msg::ConsumerFetchResponse {
                    request: *request,
                    partitions: vec![fetched(i as u32, vec![record(0, plain, None)])],
                },
            )
        });
    }
    assert_eq!(c.buffer.len(), 2);
    // A rebalance takes orders-0 away (cooperative: it keeps orders-1).
    c.state = ConsumerState::Syncing;
    call(&mut c, 5, |c, ctx| {
        c.on_response(ctx, 0, GroupResponse::SyncGroup(Ok(vec![tp(1)])))
    });
    let (got, _, _) = call(&mut c, 6, |c, ctx| c.end_poll(ctx, 500));
    let got = got.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].0,
        tp(1),
        "orders-0's records never reach the application"
    );
    assert!(!c.positions.contains_key(&tp(0)));
}

/// On a whole cluster: a consumer reads through Fetch requests; its leader dies (the fetch
/// it held fails) and a new one is elected; the old leader comes back and takes the
/// partition again, so the interim leader answers the held fetch NOT_LEADER_OR_FOLLOWER;
/// each time the consumer refreshes its metadata and reads on from the new leader.
#[test]
fn a_consumer_follows_its_partition_across_leader_changes() {
    use crate::cluster::msg::CreateTopic;
    use crate::cluster::Cluster;
    use crate::config::BrokerConfig;
    use crate::event::FetchAnswer;
    use crate::sim::Network;

    let broker_config = BrokerConfig {
        leader_imbalance_check_interval_ms: 10_000,
        ..BrokerConfig::default()
    };
    let mut cl = Cluster::with_config(3, 5, broker_config, Network::default());
    assert!(cl.run_until(10_000, Cluster::is_settled));
    let req = cl
        .admin_create_topic(CreateTopic {
            name: "orders".into(),
            partitions: 1,
            replication_factor: 3,
            configs: crate::vecmap::VecMap::new(),
        })
        .unwrap();
    cl.run_until(10_000, |c| c.admin_response(req).is_some());
    let p = cl.producer_id("p");
    let produce = |cl: &mut Cluster, v: &str| {
        cl.produce(p, "orders", Some(0), None, v.to_string());
        cl.advance(2_000);
    };
    for v in ["a", "b", "c"] {
        produce(&mut cl, v);
    }
    let n = cl.new_consumer("c", config());
    cl.with_consumer(n, |c, ctx| {
        c.assign(
            ctx,
            vec![tp(0)],
            IdxMap::new(),
            [(tp(0), OffsetSpec::Earliest)].into_iter().collect(),
        )
    });
    let poll = |cl: &mut Cluster| -> Vec<String> {
        cl.with_consumer(n, |c, ctx| c.begin_poll(ctx))
            .unwrap()
            .unwrap();
        cl.run_until(1_000, |cl| cl.consumers[&n].has_records());
        let got = cl.with_consumer(n, |c, ctx| c.end_poll(ctx, 500)).unwrap();
        values(&got.unwrap())
    };
    assert_eq!(poll(&mut cl), ["a", "b", "c"]);
    let first = cl.leader_of(&tp(0)).unwrap();
    cl.kill_broker(first).unwrap();
    produce(&mut cl, "d");
    cl.advance(10_000);
    let second = cl.leader_of(&tp(0)).unwrap();
    assert_ne!(first, second);
    assert_eq!(poll(&mut cl), ["d"]);
    // Back, the preferred leader takes orders-0 again at the next imbalance check.
    cl.start_broker(first).unwrap();
    cl.advance(30_000);
    assert_eq!(cl.leader_of(&tp(0)), Some(first));
    produce(&mut cl, "e");
    assert_eq!(poll(&mut cl), ["e"]);
    let not_leader = cl.log().iter().any(|l| {
        matches!(&l.event, Event::ConsumerFetchAnswered { broker, answer: FetchAnswer::Error(e), .. }
            if *broker == second && e == "NOT_LEADER_OR_FOLLOWER")
    });
    assert!(not_leader, "the interim leader refused the fetch it held");
    assert_eq!(cl.consumers[&n].positions[&tp(0)], 5);
}

#[test]
fn offset_out_of_range_applies_auto_offset_reset() {
    let mut cfg = config();
    cfg.auto_offset_reset = OffsetReset::Earliest;
    let mut c = assigned(&[(0, 99, 1)], cfg);
    let (_, out, _) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
    let request = fetches(&out)[0].1;
    let (_, out, _) = call(&mut c, 3, |c, ctx| {
        c.on_message(
            ctx,
            Msg::ConsumerFetchResponse {
                request,
                partitions: vec![failed(0, KafkaError::OffsetOutOfRange)],
            },
        )
    });
    assert!(!c.positions.contains_key(&tp(0)));
    let Some(Effect::Send {
        to: NodeId::Broker(1),
        msg:
            Msg::ListOffsets {
                request,
                partitions,
                ..
            },
    }) = out.first()
    else {
        panic!("expected ListOffsets: {out:?}");
    };
    assert_eq!(partitions, &[(tp(0), OffsetSpec::Earliest)]);
    let (_, out, events) = call(&mut c, 6, |c, ctx| {
        c.on_message(
            ctx,
            Msg::ListOffsetsResponse {
                request: *request,
                results: vec![(tp(0), Ok(40))],
            },
        )
    });
    assert_eq!(c.positions[&tp(0)], 40);
    assert!(matches!(
        &events[0],
        Event::ConsumerOffsetReset {
            offset: 40,
            out_of_range: Some(99),
            ..
        }
    ));
    assert_eq!(
        fetches(&out)[0].2,
        [(tp(0), 40)],
        "and it fetches from there"
    );
    // With auto.offset.reset=none, poll() throws instead.
    let mut cfg = config();
    cfg.auto_offset_reset = OffsetReset::None;
    let mut c = assigned(&[(0, 99, 1)], cfg);
    let (_, out, _) = call(&mut c, 0, |c, ctx| c.begin_poll(ctx));
    let request = fetches(&out)[0].1;
    call(&mut c, 3, |c, ctx| {
        c.on_message(
            ctx,
            Msg::ConsumerFetchResponse {
                request,
                partitions: vec![failed(0, KafkaError::OffsetOutOfRange)],
            },
        )
    });
    assert!(c.has_records(), "poll() wakes to throw");
    let (got, _, _) = call(&mut c, 4, |c, ctx| c.end_poll(ctx, 500));
    assert!(got.unwrap_err().contains("OffsetOutOfRangeException"));
}
