//! The `Sender`: readiness (full, `linger.ms`, backoff), `drain` into one multi-partition
//! `Produce` per leader (`max.in.flight.requests.per.connection`), answers, retries in
//! sequence order, metadata and `InitProducerId` for idempotence, timers.

use super::*;
use crate::idxmap::IdxMap;

/// A produce request awaiting its answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InFlight {
    /// The broker it went to.
    pub broker: BrokerId,
    /// The batches it carries.
    pub batches: Vec<u64>,
    /// When it left.
    pub sent: Millis,
}

impl Producer {
    /// Wakes the sender at `at` (or earlier, if it is already due earlier).
    pub(super) fn schedule(&mut self, ctx: &mut Ctx<'_>, at: Millis) {
        let at = at.max(ctx.now);
        if self.wakeup_at.is_some_and(|w| w <= at && w >= ctx.now) {
            return;
        }
        self.wakeup_at = Some(at);
        ctx.timer(
            at - ctx.now,
            Timer::ProducerWakeup {
                incarnation: self.incarnation,
            },
        );
    }

    pub(super) fn leader(&self, tp: &TopicPartition) -> Option<BrokerId> {
        self.metadata.get(tp).copied().flatten()
    }

    /// The sender thread's loop (`Sender.runOnce`): expire old batches, find ready leaders,
    /// drain one batch per partition into one request per leader, and sleep until the next
    /// batch can be ready.
    pub(super) fn run_sender(&mut self, ctx: &mut Ctx<'_>) {
        self.expire(ctx);
        self.unblock(ctx);
        if self.txn.is_some() {
            if !self.txn_step(ctx) {
                return;
            }
        } else if self.config.idempotence && self.producer_id.is_none() {
            if !self.accumulator.values().all(VecDeque::is_empty) {
                self.init_producer_id(ctx);
            }
            return;
        }
        let now = ctx.now;
        let mut ready: BTreeSet<BrokerId> = BTreeSet::new();
        let mut next_check: Option<Millis> = None;
        let mut unknown_leader = false;
        let exhausted = !self.blocked.is_empty();
        let mut queue_sizes: IdxMap<String, Vec<(u32, u32)>> = IdxMap::new();
        for (tp, dq) in &self.accumulator {
            let Some(&first) = dq.front() else { continue };
            if self.txn.as_ref().is_some_and(|t| !t.added.contains(tp)) {
                continue; // AddPartitionsToTxn first
            }
            let b = &self.batches[&first];
            if b.in_flight.is_some() {
                continue;
            }
            let Some(leader) = self.leader(tp) else {
                unknown_leader = true;
                continue;
            };
            queue_sizes
                .entry(tp.topic.to_string())
                .or_default()
                .push((tp.partition, dq.len() as u32));
            let backing_off = b.attempts > 0 && now < b.last_attempt + self.config.retry_backoff_ms;
            let since = if b.attempts > 0 {
                b.last_attempt
            } else {
                b.created
            };
            let wait = if backing_off {
                self.config.retry_backoff_ms
            } else {
                self.config.linger_ms
            };
            let full = dq.len() > 1 || b.is_full(self.config.batch_size);
            let expired = now >= since + wait;
            if (full || expired || exhausted) && !backing_off {
                ready.insert(leader);
            } else {
                let at = since + wait;
                next_check = Some(next_check.map_or(at, |n: Millis| n.min(at)));
            }
        }
        // Adaptive partitioning: shorter queues get more keyless records.
        for (topic, sizes) in queue_sizes {
            let n = self.metadata.keys().filter(|tp| tp.topic == topic).count() as u32;
            match LoadStats::from_queue_sizes(&sizes, n) {
                Some(l) => {
                    self.load.insert(topic, l);
                }
                None => {
                    self.load.remove(&topic);
                }
            }
        }
        if unknown_leader {
            self.request_metadata(ctx);
        }
        for broker in ready {
            let in_flight = self
                .in_flight
                .values()
                .filter(|f| f.broker == broker)
                .count();
            if in_flight >= self.config.max_in_flight {
                continue;
            }
            self.drain(ctx, broker);
        }
        if let Some(at) = next_check {
            self.schedule(ctx, at);
        }
    }

    /// `RecordAccumulator.drain` for one leader, then the produce request.
    pub(super) fn drain(&mut self, ctx: &mut Ctx<'_>, broker: BrokerId) {
        let now = ctx.now;
        let mut taken: Vec<u64> = Vec::new();
        let mut size = 0usize;
        let tps: Vec<TopicPartition> = self
            .accumulator
            .keys()
            .filter(|tp| self.leader(tp) == Some(broker))
            .filter(|tp| self.txn.as_ref().is_none_or(|t| t.added.contains(*tp)))
            .cloned()
            .collect();
        for tp in tps {
            let Some(&first) = self.accumulator.get(&tp).and_then(|dq| dq.front()) else {
                continue;
            };
            let b = &self.batches[&first];
            if b.in_flight.is_some()
                || (b.attempts > 0 && now < b.last_attempt + self.config.retry_backoff_ms)
            {
                continue;
            }
            // With idempotence, a retried batch goes only when it is the partition's oldest
            // unanswered one, so sequences reach the broker in order.
            if self.config.idempotence && b.base_sequence != NO_SEQUENCE {
                let oldest = self
                    .batches
                    .values()
                    .filter(|o| o.tp == tp && o.base_sequence != NO_SEQUENCE)
                    .map(|o| o.base_sequence)
                    .min();
                if oldest != Some(b.base_sequence) {
                    continue;
                }
            }
            if !taken.is_empty() && size + b.bytes > self.config.max_request_size {
                break;
            }
            size += b.bytes;
            self.accumulator.get_mut(&tp).expect("deque").pop_front();
            taken.push(first);
        }
        if taken.is_empty() {
            return;
        }
        let request = self.next_request;
        self.next_request += 1;
        let mut wire = Vec::with_capacity(taken.len());
        for &id in &taken {
            let b = self.batches.get_mut(&id).expect("batch");
            b.closed = true;
            if b.attempts == 0 {
                self.stats.batches_sent += 1;
                self.stats.records_sent += b.records.len() as u64;
                self.stats.bytes_uncompressed += b.bytes as u64;
                self.stats.bytes_compressed += match self.config.compression {
                    Codec::None => b.bytes as u64,
                    codec => crate::log::encoded_size(
                        &b.records,
                        ProducerFields {
                            codec,
                            ..ProducerFields::NONE
                        },
                    ) as u64,
                };
            } else {
                self.stats.retries += 1;
            }
            b.attempts += 1;
            b.last_attempt = now;
            b.in_flight = Some(request);
            let producer = match self.producer_id {
                Some((pid, epoch)) if self.config.idempotence => {
                    if b.base_sequence == NO_SEQUENCE {
                        let seq = self.sequences.entry(b.tp).or_insert(0);
                        b.base_sequence = *seq;
                        *seq =
                            crate::storage::batch::increment_sequence(*seq, b.records.len() as i32);
                    }
                    ProducerFields {
                        id: pid,
                        epoch,
                        base_sequence: b.base_sequence,
                        transactional: self.txn.is_some(),
                        codec: self.config.compression,
                    }
                }
                _ => ProducerFields {
                    codec: self.config.compression,
                    ..ProducerFields::NONE
                },
            };
            Self::note(
                ctx,
                LedgerNote::Attempts {
                    sends: b.records.iter().map(|r| r.send).collect(),
                },
            );
            wire.push(ProduceBatch {
                tp: b.tp,
                records: b.records.clone(),
                producer,
                control: None,
            });
        }
        self.stats.requests += 1;
        ctx.send(
            NodeId::Broker(broker),
            Msg::Produce {
                request,
                batches: wire,
                acks: self.config.acks,
                timeout_ms: self.config.request_timeout_ms,
            },
        );
        if self.config.acks == Acks::Zero {
            // Fire and forget: the Java client completes an acks=0 send once it is written to
            // the socket, with offset -1.
            for id in taken {
                self.complete(ctx, id, None);
            }
        } else {
            self.in_flight.insert(
                request,
                InFlight {
                    broker,
                    batches: taken,
                    sent: now,
                },
            );
            ctx.timer(
                self.config.request_timeout_ms,
                Timer::ProducerRequestTimeout { request },
            );
        }
    }

    /// A batch succeeded: every record gets its offset.
    pub(super) fn complete(&mut self, ctx: &mut Ctx<'_>, id: u64, base: Option<Offset>) {
        let Some(b) = self.batches.remove(&id) else {
            return;
        };
        self.release(&b);
        let mut sends = Vec::with_capacity(b.records.len());
        for r in &b.records {
            self.sends.remove(&r.send);
            self.stats.records_acked += 1;
            self.stats.latency_sum_ms += ctx.now.saturating_sub(r.timestamp);
            sends.push(r.send);
        }
        Self::note(ctx, LedgerNote::AckedBatch { sends, base });
    }

    /// A batch failed for good.
    pub(super) fn fail(&mut self, ctx: &mut Ctx<'_>, id: u64, error: KafkaError) {
        let Some(b) = self.batches.remove(&id) else {
            return;
        };
        if let Some(t) = self.txn.as_mut() {
            if matches!(
                error,
                KafkaError::InvalidProducerEpoch | KafkaError::ProducerFenced
            ) {
                t.state = TxnClientState::Fenced;
            } else if t.abortable.is_none() && error != KafkaError::TransactionAborted {
                t.abortable = Some(error);
            }
        }
        self.release(&b);
        if let Some(dq) = self.accumulator.get_mut(&b.tp) {
            dq.retain(|&x| x != id);
        }
        for r in &b.records {
            self.sends.remove(&r.send);
            Self::note(
                ctx,
                LedgerNote::Failed {
                    send: r.send,
                    error,
                },
            );
        }
    }

    /// The next broker to ask for metadata or a producer id: in turn, skipping those that
    /// could not be reached lately (`socket.connection.setup.timeout.ms`, 10 s).
    pub(super) fn least_loaded(&mut self, now: Millis) -> Option<BrokerId> {
        let n = self.bootstrap.len();
        if n == 0 {
            return None;
        }
        let start = self.next_bootstrap;
        let pick = (0..n)
            .map(|i| (start + i) % n)
            .find(|&i| {
                self.unreachable
                    .get(&self.bootstrap[i])
                    .is_none_or(|&until| now >= until)
            })
            .unwrap_or(start % n);
        self.next_bootstrap = pick + 1;
        Some(self.bootstrap[pick])
    }

    pub(super) fn mark_unreachable(&mut self, broker: BrokerId, now: Millis) {
        self.unreachable
            .insert(broker, now + CONNECTION_SETUP_TIMEOUT_MS);
    }

    pub(super) fn init_producer_id(&mut self, ctx: &mut Ctx<'_>) {
        if self.init_pid_in_flight.is_some() {
            return;
        }
        let transactional_id = self.txn.as_ref().map(|t| (t.id.clone(), t.timeout_ms));
        let target = match &self.txn {
            Some(t) => t.coordinator,
            None => self.least_loaded(ctx.now),
        };
        let Some(broker) = target else {
            return;
        };
        let request = self.next_request;
        self.next_request += 1;
        self.init_pid_in_flight = Some(request);
        self.asked.insert(request, broker);
        ctx.send(
            NodeId::Broker(broker),
            Msg::InitProducerId {
                request,
                transactional_id,
            },
        );
        ctx.timer(
            self.config.request_timeout_ms,
            Timer::ProducerRequestTimeout { request },
        );
    }

    pub(super) fn request_metadata(&mut self, ctx: &mut Ctx<'_>) {
        if self.metadata_in_flight.is_some() {
            return;
        }
        let Some(broker) = self.least_loaded(ctx.now) else {
            return;
        };
        let request = self.next_request;
        self.next_request += 1;
        self.metadata_in_flight = Some(request);
        self.asked.insert(request, broker);
        ctx.send(NodeId::Broker(broker), Msg::Metadata { request });
        ctx.timer(30_000, Timer::ProducerRequestTimeout { request });
    }

    /// Handles a message.
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, msg: Msg) {
        match msg {
            Msg::MetadataResponse {
                request,
                partitions,
                ..
            } => {
                if self.metadata_in_flight != Some(request) {
                    return;
                }
                self.metadata_in_flight = None;
                self.asked.remove(&request);
                let missing = partitions.iter().any(|(_, l)| l.is_none());
                self.metadata.extend(partitions);
                if missing {
                    // No leader yet: look again after the backoff.
                    self.schedule(ctx, ctx.now + METADATA_RETRY_MS);
                }
                self.run_sender(ctx);
            }
            Msg::InitProducerIdResponse { request, result } => {
                if self.init_pid_in_flight != Some(request) {
                    return;
                }
                self.init_pid_in_flight = None;
                self.asked.remove(&request);
                match result {
                    Ok(pid) => {
                        self.producer_id = Some(pid);
                        self.sequences.clear();
                        if let Some(t) = self.txn.as_mut() {
                            if t.state == TxnClientState::Initializing {
                                t.state = TxnClientState::Ready;
                            }
                        }
                        self.run_sender(ctx);
                    }
                    Err(e) => self.txn_retry(ctx, e),
                }
            }
            Msg::ProduceResponse { request, results } => self.on_response(ctx, request, &results),
            Msg::FindCoordinatorResponse { request, result } => {
                let name = self.name.clone();
                let Some(t) = self
                    .txn
                    .as_mut()
                    .filter(|t| t.find_in_flight == Some(request))
                else {
                    return;
                };
                t.find_in_flight = None;
                self.asked.remove(&request);
                match result {
                    Ok(broker) => {
                        let changed = t.last_coordinator != Some(broker);
                        t.coordinator = Some(broker);
                        t.last_coordinator = Some(broker);
                        if changed {
                            ctx.event(crate::event::Event::TxnCoordinatorFound {
                                client: name,
                                transactional_id: t.id.clone(),
                                broker,
                                partition: crate::cluster::txn::txn_partition(
                                    &t.id,
                                    crate::cluster::txn::LAB_TXN_PARTITIONS,
                                ),
                            });
                        }
                        self.run_sender(ctx);
                    }
                    Err(e) => self.txn_retry(ctx, e),
                }
            }
            Msg::AddPartitionsToTxnResponse { request, result } => {
                let Some(t) = self
                    .txn
                    .as_mut()
                    .filter(|t| t.add_in_flight == Some(request))
                else {
                    return;
                };
                t.add_in_flight = None;
                self.asked.remove(&request);
                let adding = std::mem::take(&mut t.adding);
                match result {
                    Ok(()) => {
                        t.added.extend(adding);
                        self.run_sender(ctx);
                    }
                    Err(e) => self.txn_retry(ctx, e),
                }
            }
            Msg::EndTxnResponse { request, result } => {
                let Some(t) = self
                    .txn
                    .as_mut()
                    .filter(|t| t.end_in_flight == Some(request))
                else {
                    return;
                };
                t.end_in_flight = None;
                self.asked.remove(&request);
                match result {
                    Ok(()) => {
                        let committed =
                            t.state == TxnClientState::Committing && t.abortable.is_none();
                        self.finish_txn(Ok(committed));
                        self.run_sender(ctx);
                    }
                    Err(KafkaError::InvalidTxnState) => {
                        self.finish_txn(Err(KafkaError::InvalidTxnState));
                    }
                    Err(e) => self.txn_retry(ctx, e),
                }
            }
            Msg::Undeliverable(inner) => match *inner {
                Msg::FindCoordinator { request, .. }
                | Msg::AddPartitionsToTxn { request, .. }
                | Msg::EndTxn { request, .. } => {
                    self.txn_request_failed(ctx, request, KafkaError::NetworkException)
                }
                Msg::Produce { request, .. } => {
                    self.on_request_failed(ctx, request, KafkaError::NetworkException)
                }
                Msg::Metadata { request } => self.metadata_failed(ctx, request),
                Msg::InitProducerId { request, .. } => {
                    if self.init_pid_in_flight == Some(request) {
                        self.init_pid_in_flight = None;
                        if let Some(b) = self.asked.remove(&request) {
                            self.mark_unreachable(b, ctx.now);
                        }
                        if let Some(t) = self.txn.as_mut() {
                            t.coordinator = None;
                        }
                        self.schedule(ctx, ctx.now + self.config.retry_backoff_ms);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    pub(super) fn metadata_failed(&mut self, ctx: &mut Ctx<'_>, request: u64) {
        if self.metadata_in_flight == Some(request) {
            self.metadata_in_flight = None;
            if let Some(b) = self.asked.remove(&request) {
                self.mark_unreachable(b, ctx.now);
            }
            self.schedule(ctx, ctx.now + METADATA_RETRY_MS);
        }
    }

    pub(super) fn on_request_failed(&mut self, ctx: &mut Ctx<'_>, request: u64, error: KafkaError) {
        let Some(f) = self.in_flight.get(&request) else {
            return;
        };
        let broker = f.broker;
        self.mark_unreachable(broker, ctx.now);
        let Some(f) = self.in_flight.get(&request) else {
            return;
        };
        let results: Vec<(TopicPartition, Result<Offset, KafkaError>)> = f
            .batches
            .iter()
            .filter_map(|id| self.batches.get(id))
            .map(|b| (b.tp, Err(error)))
            .collect();
        self.on_response(ctx, request, &results);
    }

    pub(super) fn on_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        results: &[(TopicPartition, Result<Offset, KafkaError>)],
    ) {
        let Some(f) = self.in_flight.remove(&request) else {
            return; // an answer to a request already given up on (timed out)
        };
        for id in f.batches {
            let Some(b) = self.batches.get_mut(&id) else {
                continue;
            };
            b.in_flight = None;
            let tp = b.tp;
            let result = results
                .iter()
                .find(|(t, _)| *t == tp)
                .map_or(Err(KafkaError::NetworkException), |(_, r)| *r);
            match result {
                Ok(base) => self.complete(ctx, id, Some(base)),
                Err(error) => self.on_error(ctx, id, error),
            }
        }
        self.run_sender(ctx);
    }

    /// Retry (back at the front of its deque, in sequence order), or give up.
    pub(super) fn on_error(&mut self, ctx: &mut Ctx<'_>, id: u64, error: KafkaError) {
        let Some(b) = self.batches.get(&id) else {
            return;
        };
        let c = &self.config;
        let expired = ctx.now + c.retry_backoff_ms >= b.created + c.delivery_timeout_ms;
        if !error.is_retriable() || b.attempts > c.retries || expired {
            self.fail(ctx, id, error);
            return;
        }
        let tp = b.tp;
        let seq = b.base_sequence;
        if matches!(
            error,
            KafkaError::NotLeaderOrFollower
                | KafkaError::UnknownTopicOrPartition
                | KafkaError::NetworkException
                | KafkaError::RequestTimedOut
        ) {
            // The leader may have moved: forget it, so the retry asks for metadata first.
            self.metadata.insert(tp, None);
        }
        let batches = &self.batches;
        let dq = self.accumulator.entry(tp).or_default();
        // `RecordAccumulator.reenqueue` / `insertInSequenceOrder`.
        let at = if seq == NO_SEQUENCE {
            0
        } else {
            dq.iter()
                .position(|x| {
                    batches
                        .get(x)
                        .is_none_or(|o| o.base_sequence == NO_SEQUENCE || o.base_sequence > seq)
                })
                .unwrap_or(dq.len())
        };
        dq.insert(at, id);
        self.schedule(ctx, ctx.now + self.config.retry_backoff_ms);
    }

    /// Handles a timer.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, timer: Timer) {
        match timer {
            Timer::ProducerWakeup { .. } => {
                if self.wakeup_at.is_some_and(|w| w <= ctx.now) {
                    self.wakeup_at = None;
                }
                self.run_sender(ctx);
            }
            Timer::ProducerRequestTimeout { request } => {
                if self.metadata_in_flight == Some(request) {
                    self.metadata_failed(ctx, request);
                } else if self.init_pid_in_flight == Some(request) {
                    self.init_pid_in_flight = None;
                    if let Some(b) = self.asked.remove(&request) {
                        self.mark_unreachable(b, ctx.now);
                    }
                    if let Some(t) = self.txn.as_mut() {
                        t.coordinator = None;
                    }
                    self.run_sender(ctx);
                } else if self.txn.as_ref().is_some_and(|t| {
                    [t.find_in_flight, t.add_in_flight, t.end_in_flight].contains(&Some(request))
                }) {
                    self.txn_request_failed(ctx, request, KafkaError::RequestTimedOut);
                } else if self.in_flight.contains_key(&request) {
                    self.on_request_failed(ctx, request, KafkaError::RequestTimedOut);
                }
            }
            _ => {}
        }
    }
}
