//! Handler tests of KIP-630 snapshots in the `KafkaRaftClient` model, each ported from the
//! Kafka 4.1 test it names (`raft/src/test/java/org/apache/kafka/raft/
//! KafkaRaftClientSnapshotTest.java`), plus the lab's `SnapshotGenerator` thresholds and
//! `KafkaMetadataLog.maybeClean` retention.

use super::*;
use crate::cluster::msg::Effect;
use crate::sim::SimRng;

fn run<R>(
    now: Millis,
    rng: &mut SimRng,
    f: impl FnOnce(&mut Ctx<'_>) -> R,
) -> (R, Vec<Effect>, Vec<Event>) {
    let (mut effects, mut events) = (Vec::new(), Vec::new());
    let mut ctx = Ctx {
        now,
        out: &mut effects,
        events: &mut events,
        rng,
    };
    let r = f(&mut ctx);
    (r, effects, events)
}

fn sent(effects: &[Effect]) -> Vec<(NodeId, Msg)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send { to, msg } => Some((*to, msg.clone())),
            _ => None,
        })
        .collect()
}

fn fetch_result(effects: &[Effect]) -> Option<FetchResult> {
    sent(effects).into_iter().find_map(|(_, m)| match m {
        Msg::RaftFetchResponse { result, .. } => Some(result),
        _ => None,
    })
}

const VOTERS: [u32; 3] = [3000, 3001, 3002];

fn entry(offset: u64, epoch: u32) -> MetadataEntry {
    MetadataEntry {
        offset,
        epoch,
        append_time_ms: offset * 10,
        record: MetadataRecord::NoOp,
    }
}

/// Voter 3000 leading `epoch` (elected now: its `LeaderChange` appended) over a log of
/// entries of the given epochs, everything committed.
fn leader(epoch: u32, epochs: &[u32], rng: &mut SimRng) -> RaftClient {
    let mut c = RaftClient::voter(3000, VOTERS.to_vec(), QuorumConfig::default());
    c.log = epochs
        .iter()
        .enumerate()
        .map(|(i, &e)| entry(i as u64, e))
        .collect();
    run(0, rng, |ctx| {
        c.epoch = epoch - 1;
        c.become_candidate(ctx);
        c.on_vote_response(ctx, 3001, epoch, None, true, false);
        c.on_vote_response(ctx, 3002, epoch, None, true, false);
    });
    assert!(c.is_leader());
    c.high_watermark = c.log_end_offset();
    c
}

/// A snapshot of nothing (the log holds only `NoOp`s) at `end_offset` in `epoch`.
fn snapshot(end_offset: u64, epoch: u32) -> RaftSnapshot {
    RaftSnapshot {
        end_offset,
        epoch,
        last_contained_log_timestamp: end_offset * 10,
        written_ms: 0,
        records: Vec::new().into(),
    }
}

fn fetch(
    c: &mut RaftClient,
    rng: &mut SimRng,
    offset: u64,
    last_epoch: u32,
) -> Option<FetchResult> {
    let epoch = c.epoch;
    let (_, effects, _) = run(5, rng, |ctx| {
        c.on_fetch(
            ctx,
            NodeId::Controller(3001),
            epoch,
            3001,
            offset,
            last_epoch,
        )
    });
    fetch_result(&effects)
}

#[test]
fn fetch_request_offset_less_than_log_start() {
    // testFetchRequestOffsetLessThanLogStart: after deleteBeforeSnapshot, a fetch below the
    // log start is answered with the snapshot id.
    let mut rng = SimRng::new(1);
    let mut c = leader(1, &[], &mut rng);
    run(1, &mut rng, |ctx| {
        c.append(ctx, vec![MetadataRecord::NoOp; 3])
    });
    c.high_watermark = c.log_end_offset();
    let leo = c.log_end_offset();
    let (written, _, events) = run(2, &mut rng, |ctx| c.write_snapshot(ctx));
    assert_eq!(written, Some(leo));
    assert!(events.iter().any(
        |e| matches!(e, Event::KraftSnapshotWritten { end_offset, .. } if *end_offset == leo)
    ));
    // Cleaning needs a later snapshot to move to: the log start moves to the latest one.
    c.snapshots.insert(0, snapshot(1, 1));
    c.log_config.max_retention_bytes = 0;
    let (cleaned, _, _) = run(3, &mut rng, |ctx| c.maybe_clean(ctx));
    assert!(cleaned);
    assert_eq!(c.log_start_offset, leo);
    assert_eq!(c.snapshots.len(), 1);
    assert_eq!(
        fetch(&mut c, &mut rng, leo - 2, 1),
        Some(FetchResult::Snapshot {
            end_offset: leo,
            epoch: 1
        })
    );
}

#[test]
fn fetch_request_offset_at_zero() {
    // testFetchRequestOffsetAtZero: an empty follower is sent the snapshot id at once, even
    // though the log still starts at 0.
    let mut rng = SimRng::new(2);
    let mut c = leader(1, &[], &mut rng);
    run(1, &mut rng, |ctx| {
        c.append(ctx, vec![MetadataRecord::NoOp; 3])
    });
    c.high_watermark = c.log_end_offset();
    run(2, &mut rng, |ctx| c.write_snapshot(ctx));
    assert_eq!(c.log_start_offset, 0);
    assert_eq!(
        fetch(&mut c, &mut rng, 0, 0),
        Some(FetchResult::Snapshot {
            end_offset: 4,
            epoch: 1
        })
    );
}

#[test]
fn fetch_request_truncate_to_log_start() {
    // testFetchRequestTruncateToLogStart: snapshot (3, 2) over a log of epochs 2 then 4; a
    // fetch at 4 with last epoch 3 diverges at (2, 3).
    let mut rng = SimRng::new(3);
    let mut c = leader(5, &[2, 2, 2, 4, 4, 4], &mut rng);
    c.snapshots.push(snapshot(3, 2));
    assert_eq!(
        fetch(&mut c, &mut rng, 4, 3),
        Some(FetchResult::DivergingEpoch {
            epoch: 2,
            end_offset: 3
        })
    );
}

#[test]
fn fetch_request_at_log_start_offset_with_valid_epoch() {
    // testFetchRequestAtLogStartOffsetWithValidEpoch: at the oldest snapshot's offset with
    // its epoch, the fetch is valid (records come back).
    let mut rng = SimRng::new(4);
    let mut c = leader(5, &[2, 2, 2, 2, 2, 2, 4, 4, 4], &mut rng);
    c.snapshots.push(snapshot(3, 2));
    assert!(matches!(
        fetch(&mut c, &mut rng, 3, 2),
        Some(FetchResult::Records { ref entries, .. }) if entries.first().map(|e| e.offset) == Some(3)
    ));
}

#[test]
fn fetch_request_at_log_start_offset_with_invalid_epoch() {
    // testFetchRequestAtLogStartOffsetWithInvalidEpoch: the log deleted below snapshot
    // (3, 2); a fetch at 3 with last epoch 3 gets the snapshot id.
    let mut rng = SimRng::new(5);
    let mut c = leader(5, &[2, 2, 2, 2, 2, 2, 4, 4, 4], &mut rng);
    c.snapshots.push(snapshot(3, 2));
    c.log.drain(..3);
    c.log_start_offset = 3;
    assert_eq!(
        fetch(&mut c, &mut rng, 3, 3),
        Some(FetchResult::Snapshot {
            end_offset: 3,
            epoch: 2
        })
    );
}

#[test]
fn fetch_request_with_last_fetched_epoch_less_than_oldest_snapshot() {
    // testFetchRequestWithLastFetchedEpochLessThanOldestSnapshot: a last fetched epoch older
    // than the oldest snapshot's gets the snapshot id, whatever the offset.
    let mut rng = SimRng::new(6);
    let mut c = leader(5, &[2, 2, 2, 2, 2, 2, 4, 4, 4], &mut rng);
    c.snapshots.push(snapshot(3, 2));
    let leo = c.log_end_offset();
    assert_eq!(
        fetch(&mut c, &mut rng, leo, 1),
        Some(FetchResult::Snapshot {
            end_offset: 3,
            epoch: 2
        })
    );
}

#[test]
fn fetch_snapshot_request_missing_snapshot_and_as_leader() {
    // testFetchSnapshotRequestMissingSnapshot: an unknown id is SNAPSHOT_NOT_FOUND (None);
    // testFetchSnapshotRequestAsLeader: a known one comes back whole (the lab's one chunk).
    let mut rng = SimRng::new(7);
    let mut c = leader(3, &[1, 1, 2], &mut rng);
    c.snapshots.push(snapshot(3, 2));
    let ask = |c: &mut RaftClient, rng: &mut SimRng, end, epoch| {
        let e = c.epoch;
        let (_, effects, _) = run(5, rng, |ctx| {
            c.on_fetch_snapshot(ctx, NodeId::Broker(1), e, 1, end, epoch)
        });
        sent(&effects).into_iter().find_map(|(to, m)| match m {
            Msg::FetchSnapshotResponse {
                snapshot, leader, ..
            } => {
                assert_eq!(to, NodeId::Broker(1));
                assert_eq!(leader, Some(3000));
                Some(snapshot)
            }
            _ => None,
        })
    };
    assert_eq!(ask(&mut c, &mut rng, 4, 2), Some(None));
    assert_eq!(
        ask(&mut c, &mut rng, 3, 2),
        Some(Some(Box::new(snapshot(3, 2))))
    );
}

#[test]
fn fetch_snapshot_request_as_follower() {
    // testFetchSnapshotRequestAsFollower: a follower does not serve snapshots; its answer
    // names the leader it knows.
    let mut rng = SimRng::new(8);
    let mut c = RaftClient::voter(3001, VOTERS.to_vec(), QuorumConfig::default());
    c.epoch = 2;
    c.state = State::Follower {
        leader: 3000,
        voted_for: None,
        has_fetched: true,
    };
    c.snapshots.push(snapshot(3, 2));
    let (_, effects, _) = run(5, &mut rng, |ctx| {
        c.on_fetch_snapshot(ctx, NodeId::Broker(1), 2, 1, 3, 2)
    });
    assert_eq!(
        sent(&effects),
        vec![(
            NodeId::Broker(1),
            Msg::FetchSnapshotResponse {
                epoch: 2,
                leader: Some(3000),
                snapshot: None
            }
        )]
    );
}

/// An observer (broker 1) following leader 3000 in epoch 2, with a log of `n` entries of
/// epoch 1.
fn observer(n: u64) -> RaftClient {
    let mut c = RaftClient::observer(1, VOTERS.to_vec(), QuorumConfig::default());
    c.epoch = 2;
    c.log = (0..n).map(|o| entry(o, 1)).collect();
    c.high_watermark = n;
    c.state = State::Follower {
        leader: 3000,
        voted_for: None,
        has_fetched: true,
    };
    c
}

#[test]
fn fetch_response_with_snapshot_id() {
    // testFetchResponseWithSnapshotId: the fetch answer names a snapshot; the follower asks
    // for it with FetchSnapshot; once it has it, its log is the snapshot (log start = end
    // offset = its end), its high watermark at least there, and it fetches from its end with
    // the snapshot's epoch as the last fetched epoch.
    let mut rng = SimRng::new(9);
    let mut c = observer(2);
    let (_, effects, _) = run(5, &mut rng, |ctx| {
        c.on_fetch_response(
            ctx,
            NodeId::Controller(3000),
            2,
            Some(3000),
            FetchResult::Snapshot {
                end_offset: 40,
                epoch: 2,
            },
        )
    });
    assert_eq!(
        sent(&effects),
        vec![(
            NodeId::Controller(3000),
            Msg::FetchSnapshot {
                epoch: 2,
                replica: 1,
                end_offset: 40,
                snapshot_epoch: 2
            }
        )]
    );
    let (_, effects, events) = run(6, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3000),
            Msg::FetchSnapshotResponse {
                epoch: 2,
                leader: Some(3000),
                snapshot: Some(Box::new(snapshot(40, 2))),
            },
        )
    });
    assert_eq!((c.log_start_offset, c.log_end_offset()), (40, 40));
    assert!(c.log.is_empty());
    assert_eq!(c.high_watermark, 40);
    assert_eq!(c.last_epoch(), 2);
    assert_eq!(c.snapshot_to_load(2).map(|s| s.end_offset), Some(40));
    assert!(events.iter().any(|e| matches!(
        e,
        Event::KraftSnapshotFetched {
            node: 1,
            observer: true,
            end_offset: 40,
            ..
        }
    )));
    assert!(sent(&effects).contains(&(
        NodeId::Controller(3000),
        Msg::RaftFetch {
            epoch: 2,
            replica: 1,
            fetch_offset: 40,
            last_fetched_epoch: 2
        }
    )));
}

#[test]
fn fetch_snapshot_response_from_older_epoch_is_ignored() {
    // testFetchSnapshotResponseFromOlderEpoch: an answer from an older epoch installs nothing.
    let mut rng = SimRng::new(10);
    let mut c = observer(2);
    run(6, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3000),
            Msg::FetchSnapshotResponse {
                epoch: 1,
                leader: Some(3000),
                snapshot: Some(Box::new(snapshot(40, 1))),
            },
        )
    });
    assert_eq!((c.log_start_offset, c.log_end_offset()), (0, 2));
    assert!(c.snapshots.is_empty());
}

#[test]
fn fetch_snapshot_response_from_newer_epoch_leader() {
    // testFetchSnapshotResponseFromNewerEpochLeader: an answer naming a newer epoch and its
    // leader makes the client follow that leader (and fetch from it), installing nothing.
    let mut rng = SimRng::new(11);
    let mut c = observer(2);
    let (_, effects, _) = run(6, &mut rng, |ctx| {
        c.on_message(
            ctx,
            NodeId::Controller(3000),
            Msg::FetchSnapshotResponse {
                epoch: 3,
                leader: Some(3001),
                snapshot: None,
            },
        )
    });
    assert_eq!((c.epoch, c.leader()), (3, Some(3001)));
    assert!(c.snapshots.is_empty());
    assert!(sent(&effects)
        .iter()
        .any(|(to, m)| *to == NodeId::Controller(3001) && matches!(m, Msg::RaftFetch { .. })));
}

#[test]
fn snapshot_written_after_max_record_bytes_between_snapshots() {
    // SnapshotGeneratorTest (testCreateSnapshot): once the committed bytes since the last
    // snapshot reach metadata.log.max.record.bytes.between.snapshots, a snapshot is written
    // at the high watermark; below it, none.
    let mut rng = SimRng::new(12);
    let mut c = RaftClient::voter(3000, vec![3000], QuorumConfig::default());
    c.log_config.max_record_bytes_between_snapshots = 400;
    run(0, &mut rng, |ctx| c.start(ctx));
    assert!(c.is_leader());
    let mut wrote = Vec::new();
    for t in 1..40 {
        let (_, _, events) = run(t, &mut rng, |ctx| c.append(ctx, vec![MetadataRecord::NoOp]));
        wrote.extend(events.into_iter().filter_map(|e| match e {
            Event::KraftSnapshotWritten { end_offset, .. } => Some(end_offset),
            _ => None,
        }));
    }
    assert!(!wrote.is_empty(), "no snapshot after 39 committed NoOps");
    assert_eq!(wrote.len(), c.snapshots.len());
    // Each at the high watermark of its moment, spaced by the byte threshold.
    for w in wrote.windows(2) {
        let bytes = crate::kraft::serde::encode_entries(&c.log[w[0] as usize..w[1] as usize]).len();
        assert!(bytes >= 400, "{w:?}: {bytes} bytes apart");
    }
    // The time threshold: off at 0; an hour by default.
    assert_eq!(
        MetadataLogConfig::default().max_snapshot_interval_ms,
        3_600_000
    );
}

#[test]
fn snapshot_written_after_max_snapshot_interval() {
    // SnapshotGeneratorTest (testTimeBasedSnapshots): a committed batch after
    // metadata.log.max.snapshot.interval.ms writes one, however few its bytes.
    let mut rng = SimRng::new(13);
    let mut c = RaftClient::voter(3000, vec![3000], QuorumConfig::default());
    c.log_config.max_snapshot_interval_ms = 1_000;
    run(0, &mut rng, |ctx| c.start(ctx));
    let (_, _, events) = run(999, &mut rng, |ctx| {
        c.append(ctx, vec![MetadataRecord::NoOp])
    });
    assert!(events.is_empty());
    let (_, _, events) = run(1_000, &mut rng, |ctx| {
        c.append(ctx, vec![MetadataRecord::NoOp])
    });
    assert!(matches!(
        events.as_slice(),
        [Event::KraftSnapshotWritten {
            end_offset: 3,
            epoch: 1,
            ..
        }]
    ));
    assert_eq!(
        c.snapshots[0].file_name(),
        "00000000000000000003-0000000001.checkpoint"
    );
}

#[test]
fn clean_keeps_the_latest_snapshot_and_never_passes_the_high_watermark() {
    // KafkaMetadataLogTest (testSnapshotDeletionWithInvalidSnapshotState /
    // testRetentionMs-style): the oldest snapshots go while retention is broken, but the
    // latest always stays, and the log start never passes the high watermark.
    let mut rng = SimRng::new(14);
    let mut c = leader(1, &[], &mut rng);
    run(1, &mut rng, |ctx| {
        c.append(ctx, vec![MetadataRecord::NoOp; 9])
    });
    c.snapshots = vec![snapshot(3, 1), snapshot(6, 1), snapshot(10, 1)];
    c.high_watermark = 6;
    c.log_config.max_retention_bytes = 0;
    let (cleaned, _, events) = run(2, &mut rng, |ctx| c.maybe_clean(ctx));
    assert!(cleaned);
    assert_eq!(c.log_start_offset, 6, "stops at the high watermark");
    assert_eq!(c.entry(5), None);
    assert_eq!(c.entry(6).map(|e| e.offset), Some(6));
    assert!(matches!(
        events.as_slice(),
        [Event::KraftMetadataLogCleaned {
            log_start_offset: 6,
            ..
        }]
    ));
    c.high_watermark = 10;
    run(3, &mut rng, |ctx| c.maybe_clean(ctx));
    assert_eq!(c.log_start_offset, 10);
    assert_eq!(c.snapshots.len(), 1, "the latest stays");
    assert!(!run(4, &mut rng, |ctx| c.maybe_clean(ctx)).0);
    // Retention by time: only a snapshot older than metadata.max.retention.ms goes.
    let mut d = leader(1, &[], &mut rng);
    run(1, &mut rng, |ctx| {
        d.append(ctx, vec![MetadataRecord::NoOp; 9])
    });
    d.high_watermark = 10;
    d.snapshots = vec![snapshot(3, 1), snapshot(6, 1)];
    d.log_config.max_retention_ms = 100;
    assert!(!run(130, &mut rng, |ctx| d.maybe_clean(ctx)).0, "30 ms old");
    assert!(run(131, &mut rng, |ctx| d.maybe_clean(ctx)).0);
    assert_eq!(d.log_start_offset, 6);
}

#[test]
fn overrides_parse_kafkas_names_and_refuse_others() {
    let mut c = MetadataLogConfig::default();
    c.set("metadata.log.max.record.bytes.between.snapshots", "4096")
        .unwrap();
    c.set("metadata.max.retention.ms", "-1").unwrap();
    assert_eq!(c.max_record_bytes_between_snapshots, 4096);
    assert_eq!(c.max_retention_ms, -1);
    assert!(c.set("metadata.max.retention.bytes", "lots").is_err());
    assert!(c
        .set("metadata.log.max.record.bytes.between.snapshots", "0")
        .is_err());
    assert!(c
        .set("log.retention.ms", "1")
        .unwrap_err()
        .contains("--override"));
}
