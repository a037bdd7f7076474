//! Producer and consumer clients as the runtime drives them: creating, restarting, the send ledger.

use super::broker::Broker;
use super::msg::{Ctx, Effect, Msg};
use super::producer::{Producer, ProducerConfig};
use super::{consumer, group, handle, msg, Cluster, ConsumerJoinBlocked, Item, CONSUMER_BASE};
use crate::ledger::{Outcome, SendStatus};
use crate::log::{NewRecord, SendId};
use crate::model::{BrokerId, NodeId, TopicPartition};
use std::collections::{BTreeMap, BTreeSet};

impl Cluster {
    // ---- producers and the ledger

    /// The producer with this `client.id`, created (bootstrapping from every broker, with the
    /// defaults of [`Cluster::client_version`]) if new.
    pub fn producer_id(&mut self, name: &str) -> u32 {
        if let Some((&id, _)) = self.producers.iter().find(|(_, p)| p.name == name) {
            return id;
        }
        let id = self.producers.keys().last().map_or(1, |&k| k + 1);
        let bootstrap: Vec<BrokerId> = self.brokers.keys().copied().collect();
        let config = ProducerConfig::defaults(self.client_version);
        self.producers
            .insert(id, Producer::new(id, name, bootstrap, config));
        id
    }

    /// `producer.send()`: the producer's partitioner picks the partition (unless given), the
    /// send is recorded in the ledger and appended to the producer's accumulator.
    pub fn produce(
        &mut self,
        producer: u32,
        topic: impl Into<crate::model::Topic>,
        partition: Option<u32>,
        key: Option<String>,
        value: impl Into<crate::log::Text>,
    ) -> SendId {
        // Interned once by the caller that sends many (`produce --count`), else here.
        let topic_id: crate::model::Topic = topic.into();
        let topic = topic_id.as_str();
        // ZooKeeper's topics or, in KRaft, the active controller's metadata image.
        let znode = self.topics_meta().get(topic);
        let num_partitions = znode.map_or(1, |t| t.assignment.len() as u32);
        // The partitions with a leader (`leader_of`), for the partitioner: read from the
        // topic's states in one pass, and only when the partitioner reads them (not for an
        // explicit partition or a key, nor while a sticky partition holds).
        let needs = partition.is_none()
            && self
                .producers
                .get(&producer)
                .is_some_and(|p| p.needs_available(topic, key.as_deref().map(str::as_bytes)));
        // On the stack for up to 64 partitions (a keyless record under Kafka 2.3's round
        // robin reads them on every send).
        let (mut small, mut large) = ([0u32; 64], Vec::new());
        let mut count = 0;
        if let (true, Some(t)) = (needs, znode) {
            if num_partitions as usize > small.len() {
                large.reserve_exact(num_partitions as usize);
            }
            for (&p, s) in &t.states {
                if p < num_partitions && s.leader.is_some() {
                    match small.get_mut(count) {
                        Some(slot) if large.capacity() == 0 => *slot = p,
                        _ => large.push(p),
                    }
                    count += 1;
                }
            }
        }
        let available: &[u32] = if large.capacity() == 0 {
            &small[..count]
        } else {
            &large
        };
        // One copy of the key and value, shared by the ledger, the batch and every replica.
        let key: Option<crate::log::Text> = key.map(Into::into);
        let value: crate::log::Text = value.into();
        let (now, ledger) = (self.now, &mut self.ledger);
        let Some(p) = self.producers.get_mut(&producer) else {
            return 0;
        };
        // One handler run for the partitioner and the accumulator (their effects applied
        // together, in the same order), and one `TopicPartition` built per send: the
        // accumulator borrows it (copying it only for a new batch) and the ledger keeps it.
        let (send, out, events) = handle(now, &mut self.rng, p, |p, ctx| {
            // The partitioner runs first: the ledger records the send with its partition.
            let partition = partition.unwrap_or_else(|| {
                p.partition(
                    ctx,
                    topic,
                    key.as_deref().map(str::as_bytes),
                    num_partitions,
                    available,
                )
            });
            let tp = TopicPartition {
                topic: topic_id,
                partition,
            };
            let send = ledger.next_id();
            let record = NewRecord {
                send,
                key: key.clone(),
                value: value.clone(),
                timestamp: now,
            };
            p.send(ctx, send, &tp, record);
            let opened = ledger.open(&p.name, tp, key, value, p.config.acks, now);
            debug_assert_eq!(opened, send);
            send
        });
        self.apply(NodeId::Client(producer), out, events);
        send
    }

    /// Restarts a producer (a crash and a new instance with the same `client.id`): a new
    /// producer id, and the sends it had no answer for sent again by the application.
    pub fn restart_producer(&mut self, producer: u32) -> Vec<SendId> {
        self.with_producer(producer, |p, ctx| {
            let again = p.restart();
            if p.txn.is_some() {
                // A transactional application starts with initTransactions(): the coordinator
                // bumps the epoch (fencing the old instance) and aborts its open transaction;
                // the records it had no answer for went with that transaction.
                for (_, r) in &again {
                    ctx.out
                        .push(Effect::Ledger(crate::ledger::LedgerNote::Failed {
                            send: r.send,
                            error: msg::KafkaError::TransactionAborted,
                        }));
                }
                p.init_transactions(ctx);
                return Vec::new();
            }
            let sends = again.iter().map(|(_, r)| r.send).collect();
            for (tp, r) in again {
                p.send(ctx, r.send, &tp, r);
            }
            sends
        })
        .unwrap_or_default()
    }

    /// Runs `f` on a producer with a handler context, then carries out its effects.
    pub(crate) fn with_producer<R>(
        &mut self,
        producer: u32,
        f: impl FnOnce(&mut Producer, &mut Ctx<'_>) -> R,
    ) -> Option<R> {
        let p = self.producers.get_mut(&producer)?;
        let (r, out, events) = handle(self.now, &mut self.rng, p, f);
        self.apply(NodeId::Client(producer), out, events);
        Some(r)
    }

    /// Why a new consumer could not join now (`__consumer_offsets` cannot be created), if so.
    pub fn consumer_join_blocked(&self) -> Option<ConsumerJoinBlocked> {
        if self.topics_meta().contains_key(group::OFFSETS_TOPIC) {
            return None;
        }
        match self.metadata_source().placeable_brokers() {
            Ok(live) => self.offsets_topic_blocked(live),
            Err(blocked) => Some(blocked),
        }
    }

    /// `__consumer_offsets` (replication factor: the brokers, at most 3) cannot be created
    /// while fewer than that are `live` (registered in ZooKeeper, or unfenced in KRaft).
    pub(super) fn offsets_topic_blocked(&self, live: Vec<BrokerId>) -> Option<ConsumerJoinBlocked> {
        let rf = self.config.offsets_topic_replication_factor;
        if (live.len() as u32) >= rf {
            return None;
        }
        let dead = self
            .brokers
            .keys()
            .copied()
            .filter(|b| !live.contains(b))
            .collect();
        Some(ConsumerJoinBlocked::OffsetsTopicNeedsBrokers {
            replication_factor: rf,
            live,
            dead,
        })
    }

    /// A draw below `n` from the simulation's generator (for what a tool picks at random,
    /// such as the console consumer's `console-consumer-NNNNN` group).
    pub fn random_below(&mut self, n: u64) -> u64 {
        self.rng.below(n)
    }

    /// The consumer with this client id, if any.
    pub fn consumer_named(&self, name: &str) -> Option<u32> {
        self.consumers
            .iter()
            .find(|(_, c)| c.name == name)
            .map(|(&id, _)| id)
    }

    /// Adds (or, for a known client id, restarts with new configs) a consumer and starts it.
    pub fn start_consumer(&mut self, name: &str, config: consumer::ConsumerConfig) -> u32 {
        let id = self.new_consumer(name, config);
        self.with_consumer(id, |c, ctx| c.start(ctx));
        id
    }

    /// Adds a consumer (or replaces a stopped one with the same client id: the new instance
    /// carries on its incarnation and request numbers), not started. Returns its number.
    pub fn new_consumer(&mut self, name: &str, config: consumer::ConsumerConfig) -> u32 {
        let id = match self.consumer_named(name) {
            Some(id) => id,
            None => self
                .consumers
                .keys()
                .last()
                .map_or(CONSUMER_BASE, |&k| k + 1),
        };
        let bootstrap: Vec<BrokerId> = self.brokers.keys().copied().collect();
        let mut c = consumer::Consumer::new(id, name, bootstrap, config);
        if let Some(old) = self.consumers.get(&id) {
            c.succeed(old);
        }
        self.consumers.insert(id, c);
        id
    }

    /// Runs `f` on a consumer with a handler context, then carries out its effects.
    pub(crate) fn with_consumer<R>(
        &mut self,
        id: u32,
        f: impl FnOnce(&mut consumer::Consumer, &mut Ctx<'_>) -> R,
    ) -> Option<R> {
        let c = self.consumers.get_mut(&id)?;
        let (r, out, events) = handle(self.now, &mut self.rng, c, f);
        self.apply(NodeId::Client(id), out, events);
        Some(r)
    }

    /// The group coordinator's view of a group: the live broker leading its partition.
    pub(crate) fn group_coordinator(&self, group: &str) -> Option<&Broker> {
        let n = self
            .topics_meta()
            .get(group::OFFSETS_TOPIC)
            .map(|t| t.assignment.len() as u32)?;
        let tp = TopicPartition::new(group::OFFSETS_TOPIC, group::group_partition(group, n));
        self.leader_of(&tp)
            .and_then(|b| self.brokers.get(&b))
            .filter(|b| b.alive)
    }

    /// Produce requests on the wire, by the sends they carry (a fire-and-forget `acks=0`
    /// record is not lost while its request is still travelling).
    pub fn sends_in_flight(&self) -> BTreeSet<SendId> {
        self.queue
            .iter()
            .filter_map(|s| match &s.item {
                Item::Deliver {
                    msg: Msg::Produce { batches, .. },
                    lost: false,
                    ..
                } => Some(
                    batches
                        .iter()
                        .flat_map(|b| b.records.iter().map(|r| r.send)),
                ),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// Where every send is: the ledger's entries checked against the logs.
    pub fn ledger_status(&self) -> Vec<SendStatus> {
        self.ledger_status_where(None)
    }

    /// Where every send to `tp` is (the same as [`Cluster::ledger_status`]'s entries for it,
    /// without reading every other partition's logs).
    pub fn ledger_status_of(&self, tp: &TopicPartition) -> Vec<SendStatus> {
        self.ledger_status_where(Some(tp))
    }

    fn ledger_status_where(&self, only: Option<&TopicPartition>) -> Vec<SendStatus> {
        let in_flight = self.sends_in_flight();
        // For each partition: its leader's log and high watermark, and each replica's copies.
        let mut by_tp: BTreeMap<&TopicPartition, Vec<&crate::ledger::SendEntry>> = BTreeMap::new();
        let sends = self.ledger.sends.values();
        for e in sends.filter(|e| only.is_none_or(|tp| &e.tp == tp)) {
            by_tp.entry(&e.tp).or_default().push(e);
        }
        let mut out = Vec::with_capacity(self.ledger.sends.len());
        for (tp, entries) in by_tp {
            let leader = self
                .leader_of(tp)
                .and_then(|l| self.brokers.get(&l))
                .filter(|b| b.alive);
            let leader_hw = leader
                .and_then(|b| b.replica_manager.partitions.get(tp))
                .map_or(0, |p| p.hw);
            let mut held: BTreeMap<SendId, BTreeMap<BrokerId, Vec<u64>>> = BTreeMap::new();
            for b in self.brokers.values() {
                if let Some(log) = b.replica_manager.logs.get(tp) {
                    for r in log.records() {
                        held.entry(r.send)
                            .or_default()
                            .entry(b.id)
                            .or_default()
                            .push(r.offset);
                    }
                }
            }
            for e in entries {
                let held_by = held.remove(&e.id).unwrap_or_default();
                let leader_offsets = leader
                    .and_then(|b| held_by.get(&b.id))
                    .cloned()
                    .unwrap_or_default();
                let acked = matches!(e.outcome, Outcome::Acked { .. });
                out.push(SendStatus {
                    committed: leader_offsets.iter().any(|&o| o < leader_hw),
                    read: self.ledger.read.contains(&e.id),
                    lost: acked
                        && !self.ledger.deleted.contains(&e.id)
                        && leader.is_some()
                        && leader_offsets.is_empty()
                        && !in_flight.contains(&e.id),
                    duplicated: leader_offsets.len() > 1,
                    deleted: self.ledger.deleted.contains(&e.id),
                    leader_offsets,
                    held_by,
                    entry: e.clone(),
                });
            }
        }
        crate::sort::by_key(&mut out, |s| s.entry.id);
        out
    }

    /// True when no producer is waiting for an answer.
    pub fn producers_idle(&self) -> bool {
        self.producers.values().all(|p| p.is_idle())
    }
}
