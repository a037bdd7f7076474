//! A partition leader serving consumers (Kafka's `ReplicaManager.fetchMessages` for a fetch
//! with replica id -1, `DelayedFetch`, and `ListOffsets`).
//!
//! A consumer's fetch reads whole batches from each partition's position up to the high
//! watermark — the last stable offset under `read_committed`, with the aborted transactions
//! the batches overlap — within `max.partition.fetch.bytes` per partition and `fetch.max.bytes`
//! in all (the first batch goes whatever its size, so a consumer always makes progress). It
//! is answered at once when `fetch.min.bytes` are readable, when `fetch.max.wait.ms` is 0, or on
//! an error; otherwise the leader holds it and looks again whenever a partition's high
//! watermark moves, answering once enough bytes are there or `fetch.max.wait.ms` has passed.
//! Sizes are the batches' sizes in the segment files.

use super::{BrokerView, ReplicaManager, Role};
use crate::cluster::msg::{
    ConsumerFetch, ConsumerFetched, Ctx, KafkaError, Msg, OffsetSpec, Timer,
};
use crate::event::{Event, FetchAnswer};
use crate::log::Offset;
use crate::model::{NodeId, TopicPartition};
use crate::sim::Millis;

/// A consumer's fetch held by the leader (`DelayedFetch`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HeldConsumerFetch {
    /// The request.
    pub fetch: ConsumerFetch,
    /// When it arrived.
    pub since: Millis,
}

/// What a consumer's fetch would get now.
struct Read {
    partitions: Vec<ConsumerFetched>,
    bytes: u64,
    records: usize,
    error: Option<KafkaError>,
}

impl ReplicaManager {
    /// This broker's error for a partition it does not lead.
    fn not_led(&self, env: &BrokerView<'_>, tp: &TopicPartition) -> KafkaError {
        if env.metadata.partitions.contains_key(tp) || self.partitions.contains_key(tp) {
            KafkaError::NotLeaderOrFollower
        } else {
            KafkaError::UnknownTopicOrPartition
        }
    }

    /// Reads what `fetch` gets as of now (`readFromLog` with the consumer's isolation).
    fn read_for_consumer(&self, env: &BrokerView<'_>, fetch: &ConsumerFetch) -> Read {
        let mut read = Read {
            partitions: Vec::with_capacity(fetch.partitions.len()),
            bytes: 0,
            records: 0,
            error: None,
        };
        for fp in &fetch.partitions {
            let mut part = ConsumerFetched {
                tp: fp.tp,
                error: None,
                records: Vec::new(),
                bytes: 0,
                hw: 0,
                last_stable_offset: 0,
                log_start: 0,
                aborted: Vec::new(),
            };
            let led = self
                .partitions
                .get(&fp.tp)
                .filter(|p| p.role == Role::Leader);
            let (Some(p), Some(log)) = (led, self.logs.get(&fp.tp)) else {
                part.error = Some(self.not_led(env, &fp.tp));
                read.error = read.error.or(part.error);
                read.partitions.push(part);
                continue;
            };
            part.hw = p.hw;
            part.last_stable_offset = log.last_stable_offset(p.hw);
            part.log_start = log.log_start_offset();
            if fp.offset < part.log_start || fp.offset > log.leo() {
                part.error = Some(KafkaError::OffsetOutOfRange);
                read.error = read.error.or(part.error);
                read.partitions.push(part);
                continue;
            }
            let end = if fetch.read_committed {
                part.last_stable_offset
            } else {
                part.hw
            };
            let limit = fetch
                .partition_max_bytes
                .min(fetch.max_bytes.saturating_sub(read.bytes));
            let mut last = None;
            for b in log.batches_in(fp.offset, end) {
                let size = u64::from(b.size);
                let last_offset = b.last_offset.max(0) as Offset;
                // Whole batches below the end; the first batch of the answer goes whatever its
                // size (KIP-74).
                let first_of_answer = read.bytes == 0 && part.bytes == 0;
                if last_offset >= end || (part.bytes + size > limit && !first_of_answer) {
                    break;
                }
                part.bytes += size;
                last = Some(last_offset);
            }
            if let Some(last) = last {
                let count = usize::try_from(last + 1 - fp.offset).unwrap_or(usize::MAX);
                part.records = log.read(fp.offset, count).to_vec();
                if fetch.read_committed {
                    part.aborted = log
                        .completed_txns()
                        .iter()
                        .filter(|t| {
                            t.aborted && t.last_offset >= fp.offset && t.first_offset <= last
                        })
                        .map(|t| (t.producer_id, t.first_offset))
                        .collect();
                }
            }
            read.bytes += part.bytes;
            read.records += part.records.len();
            read.partitions.push(part);
        }
        read
    }

    /// Leader: a consumer's fetch arrives. Answered at once if `fetch.min.bytes` are readable
    /// (or it may not wait, or a partition is refused), else held.
    pub fn on_consumer_fetch(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        client: NodeId,
        request: u64,
        fetch: ConsumerFetch,
    ) {
        let read = self.read_for_consumer(env, &fetch);
        if fetch.max_wait_ms == 0
            || fetch.partitions.is_empty()
            || read.error.is_some()
            || read.bytes >= fetch.min_bytes
        {
            let answer = match read.error {
                Some(e) => FetchAnswer::Error(e.name().to_string()),
                None => FetchAnswer::AtOnce,
            };
            return self.answer_consumer_fetch(ctx, client, request, &fetch, read, 0, answer);
        }
        ctx.event(Event::ConsumerFetchHeld {
            broker: self.id,
            client: fetch.client_id.clone(),
            bytes: read.bytes,
            min_bytes: fetch.min_bytes,
            max_wait_ms: fetch.max_wait_ms,
        });
        ctx.timer(
            fetch.max_wait_ms,
            Timer::ConsumerFetchWait { client, request },
        );
        self.held_consumer_fetches.insert(
            (client, request),
            HeldConsumerFetch {
                fetch,
                since: ctx.now,
            },
        );
    }

    /// `DelayedFetch.tryComplete` for the held fetches that read `tp` (its high watermark
    /// moved, or this broker stopped leading it).
    pub fn try_complete_consumer_fetches(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
    ) {
        let keys: Vec<(NodeId, u64)> = self
            .held_consumer_fetches
            .iter()
            .filter(|(_, h)| h.fetch.partitions.iter().any(|p| &p.tp == tp))
            .map(|(k, _)| *k)
            .collect();
        for (client, request) in keys {
            let Some(held) = self.held_consumer_fetches.get(&(client, request)) else {
                continue;
            };
            let read = self.read_for_consumer(env, &held.fetch);
            let answer = match read.error {
                Some(e) => FetchAnswer::Error(e.name().to_string()),
                None if read.bytes >= held.fetch.min_bytes => FetchAnswer::MinBytes,
                None => continue,
            };
            if let Some(held) = self.held_consumer_fetches.remove(&(client, request)) {
                let waited = ctx.now.saturating_sub(held.since);
                self.answer_consumer_fetch(ctx, client, request, &held.fetch, read, waited, answer);
            }
        }
    }

    /// Leader: a held fetch has waited `fetch.max.wait.ms`: it gets what there is.
    pub fn on_consumer_fetch_wait(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        client: NodeId,
        request: u64,
    ) {
        let Some(held) = self.held_consumer_fetches.remove(&(client, request)) else {
            return;
        };
        let read = self.read_for_consumer(env, &held.fetch);
        let answer = match read.error {
            Some(e) => FetchAnswer::Error(e.name().to_string()),
            None if read.bytes >= held.fetch.min_bytes => FetchAnswer::MinBytes,
            None => FetchAnswer::MaxWait,
        };
        let waited = ctx.now.saturating_sub(held.since);
        self.answer_consumer_fetch(ctx, client, request, &held.fetch, read, waited, answer);
    }

    #[allow(clippy::too_many_arguments)]
    fn answer_consumer_fetch(
        &mut self,
        ctx: &mut Ctx<'_>,
        client: NodeId,
        request: u64,
        fetch: &ConsumerFetch,
        read: Read,
        waited_ms: Millis,
        answer: FetchAnswer,
    ) {
        ctx.event(Event::ConsumerFetchAnswered {
            broker: self.id,
            client: fetch.client_id.clone(),
            records: read.records,
            bytes: read.bytes,
            waited_ms,
            min_bytes: fetch.min_bytes,
            answer,
        });
        ctx.send(
            client,
            Msg::ConsumerFetchResponse {
                request,
                partitions: read.partitions,
            },
        );
    }

    /// A dying broker's held consumer fetches fail at their consumers (the connection closes).
    pub fn bounce_consumer_fetches(&mut self, ctx: &mut Ctx<'_>) {
        for ((client, request), held) in std::mem::take(&mut self.held_consumer_fetches) {
            let msg = Msg::ConsumerFetch {
                request,
                fetch: held.fetch,
            };
            ctx.send(client, Msg::Undeliverable(Box::new(msg)));
        }
    }

    /// Leader: `ListOffsets` — the log start offset (earliest), or the end a consumer of that
    /// isolation level reads to (latest: the high watermark, or the last stable offset).
    pub fn on_list_offsets(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        client: NodeId,
        request: u64,
        read_committed: bool,
        partitions: Vec<(TopicPartition, OffsetSpec)>,
    ) {
        let results = partitions
            .into_iter()
            .map(|(tp, spec)| {
                let led = self.partitions.get(&tp).filter(|p| p.role == Role::Leader);
                let result = match (led, self.logs.get(&tp)) {
                    (Some(p), Some(log)) => Ok(match spec {
                        OffsetSpec::Earliest => log.log_start_offset(),
                        OffsetSpec::Latest if read_committed => log.last_stable_offset(p.hw),
                        OffsetSpec::Latest => p.hw,
                    }),
                    _ => Err(self.not_led(env, &tp)),
                };
                (tp, result)
            })
            .collect();
        ctx.send(client, Msg::ListOffsetsResponse { request, results });
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::cluster::msg::{ConsumerFetchPartition, Effect};
    use crate::cluster::replica::Partition;
    use crate::log::{Log, NewRecord};
    use crate::sim::SimRng;
    use crate::storage::batch::{Marker, ProducerFields};
    use crate::storage::segment::SegmentConfig;

    const CLIENT: NodeId = NodeId::Client(10_000);

    fn tp() -> TopicPartition {
        TopicPartition::new("orders", 0)
    }

    fn rec(i: u64) -> NewRecord {
        NewRecord {
            send: i,
            key: None,
            value: format!("v{i}").into(),
            timestamp: 0,
        }
    }

    /// Broker 1, leader of orders-0 with `batches` one-record batches, all below the HW.
    fn leader(batches: u64) -> ReplicaManager {
        let mut b = ReplicaManager::new(1);
        let mut log = Log::new();
        for i in 0..batches {
            log.append_as_leader(0, vec![rec(i)], 0, &SegmentConfig::LAB);
        }
        let hw = log.leo();
        b.logs.insert(tp(), std::rc::Rc::new(log));
        b.partitions.insert(
            tp(),
            Partition {
                role: Role::Leader,
                leader: Some(1),
                leader_epoch: 0,
                replicas: vec![1],
                hw,
                isr: vec![1],
                zk_version: 0,
                pending_isr: None,
                followers: BTreeMap::new(),
                epoch_start_offset: 0,
                truncating: false,
            },
        );
        b
    }

    /// Appends `n` one-record batches to orders-0 (the HW stays).
    fn append(b: &mut ReplicaManager, n: u64) {
        let log = std::rc::Rc::make_mut(b.logs.get_mut(&tp()).unwrap());
        for _ in 0..n {
            let i = log.leo();
            log.append_as_leader(0, vec![rec(i)], 0, &SegmentConfig::LAB);
        }
    }

    fn set_hw(b: &mut ReplicaManager, hw: Offset) {
        b.partitions.get_mut(&tp()).unwrap().hw = hw;
    }

    fn batch_size(b: &ReplicaManager) -> u64 {
        u64::from(b.logs[&tp()].batches_in(0, 1)[0].size)
    }

    struct Out {
        effects: Vec<Effect>,
        events: Vec<Event>,
    }

    impl Out {
        fn response(&self) -> Option<&Vec<ConsumerFetched>> {
            self.effects.iter().find_map(|e| match e {
                Effect::Send {
                    to: CLIENT,
                    msg: Msg::ConsumerFetchResponse { partitions, .. },
                } => Some(partitions),
                _ => None,
            })
        }

        fn answered(&self) -> Option<(usize, Millis, FetchAnswer)> {
            self.events.iter().find_map(|e| match e {
                Event::ConsumerFetchAnswered {
                    records,
                    waited_ms,
                    answer,
                    ..
                } => Some((*records, *waited_ms, answer.clone())),
                _ => None,
            })
        }
    }

    fn call(
        b: &mut ReplicaManager,
        now: Millis,
        f: impl FnOnce(&mut ReplicaManager, &mut Ctx<'_>, &BrokerView<'_>),
    ) -> Out {
        let metadata = crate::cluster::broker::MetadataCache::default();
        let configs = crate::cluster::dynamic_config::DynamicConfig::new(b.id);
        let config = crate::config::BrokerConfig::default();
        let env = BrokerView {
            metadata: &metadata,
            configs: &configs,
            config: &config,
            controller: crate::cluster::controller_channel::ControllerChannel::ZooKeeper,
        };
        let (mut effects, mut events) = (Vec::new(), Vec::new());
        let mut rng = SimRng::new(1);
        let mut ctx = Ctx {
            now,
            out: &mut effects,
            events: &mut events,
            rng: &mut rng,
        };
        f(b, &mut ctx, &env);
        Out { effects, events }
    }

    fn fetch(
        offset: Offset,
        min_bytes: u64,
        max_wait_ms: Millis,
        read_committed: bool,
    ) -> ConsumerFetch {
        ConsumerFetch {
            client_id: "c1".into(),
            min_bytes,
            max_wait_ms,
            max_bytes: 52_428_800,
            partition_max_bytes: 1_048_576,
            read_committed,
            partitions: vec![ConsumerFetchPartition { tp: tp(), offset }],
        }
    }

    #[test]
    fn fetch_min_bytes_1_is_answered_at_once_when_records_are_there() {
        let mut b = leader(3);
        let out = call(&mut b, 10, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 7, fetch(1, 1, 500, false))
        });
        let parts = out.response().expect("answered at once");
        let offsets: Vec<Offset> = parts[0].records.iter().map(|r| r.offset).collect();
        assert_eq!(
            offsets,
            [1, 2],
            "whole batches from the position up to the HW"
        );
        assert_eq!(parts[0].bytes, 2 * batch_size(&b));
        assert_eq!(parts[0].hw, 3);
        assert_eq!(out.answered(), Some((2, 0, FetchAnswer::AtOnce)));
        assert!(b.held_consumer_fetches.is_empty());
    }

    #[test]
    fn a_large_fetch_min_bytes_is_held_then_answered_at_max_wait_with_what_there_is() {
        let mut b = leader(3);
        let out = call(&mut b, 10, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 7, fetch(0, 100_000, 2_000, false))
        });
        assert!(
            out.response().is_none(),
            "3 small batches are far from 100000 bytes"
        );
        assert!(out.effects.contains(&Effect::SetTimer {
            after: 2_000,
            timer: Timer::ConsumerFetchWait {
                client: CLIENT,
                request: 7
            }
        }));
        assert!(matches!(
            out.events[..],
            [Event::ConsumerFetchHeld { bytes, min_bytes: 100_000, max_wait_ms: 2_000, .. }]
                if bytes == 3 * batch_size(&b)
        ));
        // A high watermark move that does not bring enough bytes keeps it held.
        append(&mut b, 1);
        set_hw(&mut b, 4);
        let out = call(&mut b, 500, |b, ctx, env| {
            b.try_complete_consumer_fetches(ctx, env, &tp())
        });
        assert!(out.response().is_none());
        // fetch.max.wait.ms passes: it gets the four records there are.
        let out = call(&mut b, 2_010, |b, ctx, env| {
            b.on_consumer_fetch_wait(ctx, env, CLIENT, 7)
        });
        assert_eq!(out.response().expect("answered")[0].records.len(), 4);
        assert_eq!(out.answered(), Some((4, 2_000, FetchAnswer::MaxWait)));
        assert!(b.held_consumer_fetches.is_empty());
        // The timer of an answered fetch finds nothing to do.
        let out = call(&mut b, 2_010, |b, ctx, env| {
            b.on_consumer_fetch_wait(ctx, env, CLIENT, 7)
        });
        assert!(out.effects.is_empty());
    }

    #[test]
    fn a_held_fetch_is_answered_early_once_produced_records_reach_fetch_min_bytes() {
        let mut b = leader(1);
        let size = batch_size(&b);
        // Waiting at the log end for three batches' worth of bytes.
        let min = 3 * size;
        let out = call(&mut b, 0, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 9, fetch(1, min, 5_000, false))
        });
        assert!(out.response().is_none());
        // Appended but not yet replicated: above the HW, so not readable.
        append(&mut b, 3);
        let out = call(&mut b, 100, |b, ctx, env| {
            b.try_complete_consumer_fetches(ctx, env, &tp())
        });
        assert!(
            out.response().is_none(),
            "records above the HW do not count"
        );
        set_hw(&mut b, 3);
        let out = call(&mut b, 200, |b, ctx, env| {
            b.try_complete_consumer_fetches(ctx, env, &tp())
        });
        assert!(out.response().is_none(), "two batches are not enough");
        set_hw(&mut b, 4);
        let out = call(&mut b, 300, |b, ctx, env| {
            b.try_complete_consumer_fetches(ctx, env, &tp())
        });
        let offsets: Vec<Offset> = out.response().expect("enough bytes")[0]
            .records
            .iter()
            .map(|r| r.offset)
            .collect();
        assert_eq!(offsets, [1, 2, 3]);
        assert_eq!(out.answered(), Some((3, 300, FetchAnswer::MinBytes)));
        // Long before fetch.max.wait.ms: the later timer finds nothing held.
        assert!(b.held_consumer_fetches.is_empty());
    }

    #[test]
    fn read_committed_stops_at_the_lso_and_gets_the_aborted_transactions() {
        let mut b = leader(1); // offset 0: a plain record
        let txn = |id| ProducerFields {
            id,
            epoch: 0,
            base_sequence: 0,
            transactional: true,
            codec: crate::storage::batch::Codec::None,
        };
        let cfg = SegmentConfig::LAB;
        {
            let log = std::rc::Rc::make_mut(b.logs.get_mut(&tp()).unwrap());
            log.append_batch_as_leader(0, vec![rec(1)], txn(7), 0, &cfg); // 1: aborted below
            log.append_marker_as_leader(0, 7, 0, Marker::Abort, 0, 0, &cfg); // 2
            log.append_as_leader(0, vec![rec(3)], 0, &cfg); // 3
            log.append_batch_as_leader(0, vec![rec(4)], txn(8), 0, &cfg); // 4: still open
            log.append_as_leader(0, vec![rec(5)], 0, &cfg); // 5
        }
        set_hw(&mut b, 6);
        let out = call(&mut b, 0, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 1, fetch(0, 1, 500, false))
        });
        let p = &out.response().unwrap()[0];
        assert_eq!(p.records.len(), 6, "read_uncommitted reads to the HW");
        assert!(
            p.aborted.is_empty(),
            "only read_committed gets the aborted list"
        );
        let out = call(&mut b, 0, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 2, fetch(0, 1, 500, true))
        });
        let p = &out.response().unwrap()[0];
        assert_eq!(p.last_stable_offset, 4);
        let offsets: Vec<Offset> = p.records.iter().map(|r| r.offset).collect();
        assert_eq!(offsets, [0, 1, 2, 3], "read_committed stops at the LSO");
        assert_eq!(p.aborted, [(7, 1)]);
        // At the LSO there is nothing to read: a read_committed fetch waits there.
        let out = call(&mut b, 0, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 3, fetch(4, 1, 500, true))
        });
        assert!(out.response().is_none());
        assert_eq!(b.held_consumer_fetches.len(), 1);
    }

    #[test]
    fn a_broker_that_does_not_lead_answers_at_once_with_an_error() {
        let mut b = leader(3);
        b.partitions.get_mut(&tp()).unwrap().role = Role::Follower;
        let out = call(&mut b, 0, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 1, fetch(0, 100_000, 500, false))
        });
        let p = &out.response().expect("errors are answered at once")[0];
        assert_eq!(p.error, Some(KafkaError::NotLeaderOrFollower));
        assert!(p.records.is_empty());
        assert_eq!(
            out.answered(),
            Some((0, 0, FetchAnswer::Error("NOT_LEADER_OR_FOLLOWER".into())))
        );
        let mut other = fetch(0, 1, 500, false);
        other.partitions[0].tp = TopicPartition::new("nope", 0);
        let out = call(&mut b, 0, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 2, other)
        });
        assert_eq!(
            out.response().unwrap()[0].error,
            Some(KafkaError::UnknownTopicOrPartition)
        );
        // Past the log end: OFFSET_OUT_OF_RANGE.
        let mut b = leader(3);
        let out = call(&mut b, 0, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 3, fetch(9, 1, 500, false))
        });
        assert_eq!(
            out.response().unwrap()[0].error,
            Some(KafkaError::OffsetOutOfRange)
        );
    }

    #[test]
    fn a_held_fetch_fails_when_leadership_moves_away() {
        let mut b = leader(1);
        call(&mut b, 0, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 4, fetch(1, 1, 500, false))
        });
        assert_eq!(b.held_consumer_fetches.len(), 1);
        b.partitions.get_mut(&tp()).unwrap().role = Role::Follower;
        let out = call(&mut b, 50, |b, ctx, env| {
            b.try_complete_consumer_fetches(ctx, env, &tp())
        });
        assert_eq!(
            out.response().unwrap()[0].error,
            Some(KafkaError::NotLeaderOrFollower)
        );
    }

    #[test]
    fn byte_limits_take_whole_batches_and_at_least_one() {
        let mut b = leader(5);
        let size = batch_size(&b);
        let mut f = fetch(0, 1, 500, false);
        f.partition_max_bytes = 2 * size + 1;
        let out = call(&mut b, 0, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 1, f.clone())
        });
        assert_eq!(out.response().unwrap()[0].records.len(), 2);
        f.partition_max_bytes = 1;
        let out = call(&mut b, 0, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 2, f.clone())
        });
        assert_eq!(
            out.response().unwrap()[0].records.len(),
            1,
            "the first batch goes whatever its size (KIP-74)"
        );
        f.partition_max_bytes = 1_048_576;
        f.max_bytes = 3 * size;
        let out = call(&mut b, 0, |b, ctx, env| {
            b.on_consumer_fetch(ctx, env, CLIENT, 3, f)
        });
        assert_eq!(out.response().unwrap()[0].records.len(), 3);
    }

    #[test]
    fn list_offsets_gives_the_log_start_or_the_readable_end() {
        let mut b = leader(4);
        set_hw(&mut b, 3);
        let out = call(&mut b, 0, |b, ctx, env| {
            b.on_list_offsets(
                ctx,
                env,
                CLIENT,
                5,
                false,
                vec![(tp(), OffsetSpec::Earliest), (tp(), OffsetSpec::Latest)],
            )
        });
        let Some(Effect::Send {
            msg: Msg::ListOffsetsResponse { results, .. },
            ..
        }) = out.effects.first()
        else {
            panic!("no answer: {:?}", out.effects);
        };
        assert_eq!(results[0].1, Ok(0));
        assert_eq!(results[1].1, Ok(3), "latest is the HW, not the log end");
    }
}
