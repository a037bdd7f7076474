//! The append path (`ReplicaManager.appendRecords`): producers' batches and transaction
//! markers, appended as leader one partition at a time, each partition's result returned as a
//! value; `acks=all` results held until the high watermark covers them (`DelayedProduce`);
//! and the coordinators' appends to their internal partitions.

use super::*;
use crate::idxmap::IdxMap;

/// `acks=all` produce requests waiting for the ISR (`DelayedProduce`), per partition, in the
/// order of the high watermark that completes them (their last offset + 1), with their base
/// offset.
pub type DelayedProduces = IdxMap<TopicPartition, BTreeMap<(Offset, NodeId, u64), Offset>>;

/// Produce requests not answered yet, by client and request: each partition's result once
/// known (a request is answered when every partition has one).
pub type ProduceWaits =
    BTreeMap<(NodeId, u64), Vec<(TopicPartition, Option<Result<Offset, KafkaError>>)>>;

impl ReplicaManager {
    /// Completes the `acks=all` requests the high watermark now covers.
    pub(super) fn after_isr_or_hw_change(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
    ) {
        let Some(p) = self.partitions.get(tp).filter(|p| p.role == Role::Leader) else {
            return;
        };
        let min_isr = env.min_isr(tp, p.replicas.len());
        let (hw, isr_len) = (p.hw, p.isr.len());
        let Some(waiting) = self.delayed_produces.get_mut(tp) else {
            return;
        };
        let mut done = Vec::new();
        while let Some(entry) = waiting.first_entry() {
            if entry.key().0 > hw {
                break;
            }
            let ((_, client, request), base) = entry.remove_entry();
            // `checkEnoughReplicasReachOffset`.
            let result = if isr_len >= min_isr {
                Ok(base)
            } else {
                Err(KafkaError::NotEnoughReplicasAfterAppend)
            };
            done.push((client, request, result));
        }
        for (client, request, result) in done {
            self.complete_produce_part(ctx, client, request, tp, result);
        }
    }

    /// One partition of a produce request has its result; the request is answered once all
    /// have.
    pub(super) fn complete_produce_part(
        &mut self,
        ctx: &mut Ctx<'_>,
        client: NodeId,
        request: u64,
        tp: &TopicPartition,
        result: Result<Offset, KafkaError>,
    ) {
        let Some(parts) = self.produce_waits.get_mut(&(client, request)) else {
            return;
        };
        if let Some(slot) = parts.iter_mut().find(|(t, r)| t == tp && r.is_none()) {
            slot.1 = Some(result);
        }
        if parts.iter().all(|(_, r)| r.is_some()) {
            let parts = self
                .produce_waits
                .remove(&(client, request))
                .unwrap_or_default();
            let results = parts
                .into_iter()
                .map(|(t, r)| (t, r.expect("all answered")))
                .collect();
            if self.marker_waits.remove(&(client, request)) {
                ctx.send(client, Msg::WriteTxnMarkersResponse { request, results });
            } else {
                ctx.send(client, Msg::ProduceResponse { request, results });
            }
        }
    }

    pub(super) fn fail_delayed_produces(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        error: KafkaError,
    ) {
        for ((_, client, request), _) in self.delayed_produces.remove(tp).unwrap_or_default() {
            self.complete_produce_part(ctx, client, request, tp, Err(error));
        }
    }

    /// Leader: a producer's request (or a coordinator's `WriteTxnMarkers`, answered as such)
    /// arrives: it will be answered when every partition has its result (`acks=0`: never).
    pub fn begin_produce(
        &mut self,
        client: NodeId,
        request: u64,
        batches: &[ProduceBatch],
        acks: Acks,
        markers: bool,
    ) {
        if markers {
            self.marker_waits.insert((client, request));
        }
        if acks != Acks::Zero {
            let parts = batches.iter().map(|b| (b.tp, None)).collect();
            self.produce_waits.insert((client, request), parts);
        }
    }

    /// Leader: one partition's batch of a produce request (`ReplicaManager.appendRecords`):
    /// appended (or refused) on its own; its result completes that partition of the request
    /// at once, or — `acks=all` — when the ISR has it (`DelayedProduce`).
    #[allow(clippy::too_many_arguments)]
    pub fn append_records(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        client: NodeId,
        request: u64,
        batch: ProduceBatch,
        acks: Acks,
        timeout_ms: Millis,
    ) {
        let tp = batch.tp;
        if let Some(result) =
            self.append_produced(ctx, env, client, request, batch, acks, timeout_ms)
        {
            self.complete_produce_part(ctx, client, request, &tp, result);
        }
    }

    /// Appends a coordinator's records to an internal partition this broker leads (the
    /// group and transaction coordinators' `appendRecords`), in leader epoch `epoch`; returns
    /// the offset of the last one. A high watermark it moves is reported as a
    /// [`ReplicaChange`].
    pub fn append_as_coordinator(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
        epoch: u32,
        records: Vec<NewRecord>,
    ) -> Offset {
        let files = env.configs.segment_config(&tp.topic);
        let log = std::rc::Rc::make_mut(self.logs.entry(*tp).or_default());
        let (_, last) = log.append_as_leader(epoch, records, ctx.now, &files);
        self.dirty.insert(*tp);
        if !self.coordinator_partitions.contains(tp) {
            self.coordinator_partitions.insert(*tp);
        }
        self.release_held_fetches(ctx, tp, env.config);
        self.maybe_increment_hw(ctx, env, tp);
        last
    }

    /// Appends one partition's batch as leader (`appendRecordsToLeader`). `None` while an
    /// `acks=all` batch waits for the ISR.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn append_produced(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        client: NodeId,
        request: u64,
        batch: ProduceBatch,
        acks: Acks,
        timeout_ms: Millis,
    ) -> Option<Result<Offset, KafkaError>> {
        let config = env.config;
        let ProduceBatch {
            tp,
            records,
            producer,
            control,
        } = batch;
        self.dirty.insert(tp);
        let Some(p) = self.partitions.get(&tp).filter(|p| p.role == Role::Leader) else {
            let known = env.metadata.partitions.contains_key(&tp);
            return Some(Err(if known {
                KafkaError::NotLeaderOrFollower
            } else {
                KafkaError::UnknownTopicOrPartition
            }));
        };
        if acks == Acks::All && p.isr.len() < env.min_isr(&tp, p.replicas.len()) {
            return Some(Err(KafkaError::NotEnoughReplicas));
        }
        let epoch = p.leader_epoch;
        let files = env.configs.segment_config(&tp.topic);
        let log = std::rc::Rc::make_mut(self.logs.entry(tp).or_default());
        if let Some((marker, coordinator_epoch)) = control {
            // `WriteTxnMarkers`: a control batch ends the producer's transaction here.
            let offset = log.append_marker_as_leader(
                epoch,
                producer.id,
                producer.epoch,
                marker,
                coordinator_epoch,
                ctx.now,
                &files,
            );
            for base_offset in log.take_rolled() {
                ctx.event(Event::SegmentRolled {
                    broker: self.id,
                    tp,
                    base_offset,
                });
            }
            ctx.event(Event::TxnMarkerWritten {
                broker: self.id,
                tp,
                marker: marker.name(),
                producer_id: producer.id,
                epoch: producer.epoch,
                offset,
            });
            self.release_held_fetches(ctx, &tp, config);
            self.maybe_increment_hw(ctx, env, &tp);
            self.delay_produce(ctx, env, client, request, &tp, offset, offset, timeout_ms);
            return None;
        }
        let (base, last) = match log.check_sequence(&producer, records.len()) {
            SequenceCheck::Append => {
                let (base, last) =
                    log.append_batch_as_leader(epoch, records, producer, ctx.now, &files);
                for base_offset in log.take_rolled() {
                    ctx.event(Event::SegmentRolled {
                        broker: self.id,
                        tp,
                        base_offset,
                    });
                }
                self.release_held_fetches(ctx, &tp, config);
                self.maybe_increment_hw(ctx, env, &tp);
                (base, last)
            }
            SequenceCheck::Duplicate(meta) => {
                // A retry of a batch already written: acknowledged with the original offsets,
                // nothing appended (`DUPLICATE_SEQUENCE_NUMBER` is not an error to the client).
                ctx.event(Event::DuplicateBatch {
                    broker: self.id,
                    tp,
                    producer_id: producer.id,
                    first_seq: meta.first_seq,
                    last_seq: meta.last_seq,
                    base_offset: meta.first_offset,
                });
                (meta.first_offset, meta.last_offset)
            }
            SequenceCheck::OutOfOrder(incoming, current) => {
                ctx.event(Event::SequenceRejected {
                    broker: self.id,
                    tp,
                    producer_id: producer.id,
                    incoming,
                    current,
                });
                return Some(Err(KafkaError::OutOfOrderSequenceNumber));
            }
            SequenceCheck::StaleEpoch(incoming, current) => {
                ctx.event(Event::ProducerFencedByEpoch {
                    broker: self.id,
                    tp,
                    producer_id: producer.id,
                    incoming,
                    current,
                });
                return Some(Err(KafkaError::InvalidProducerEpoch));
            }
        };
        match acks {
            Acks::Zero | Acks::One => Some(Ok(base)),
            Acks::All => {
                self.delay_produce(ctx, env, client, request, &tp, base, last, timeout_ms);
                None
            }
        }
    }

    /// `DelayedProduce`: the answer (offset `base`) waits until the high watermark passes
    /// `last`, or `timeout_ms`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn delay_produce(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        client: NodeId,
        request: u64,
        tp: &TopicPartition,
        base: Offset,
        last: Offset,
        timeout_ms: Millis,
    ) {
        let required = last + 1;
        self.delayed_produces
            .entry(*tp)
            .or_default()
            .insert((required, client, request), base);
        ctx.timer(
            timeout_ms,
            Timer::ProduceTimeout {
                client,
                request,
                tp: *tp,
                required,
            },
        );
        // Already covered (a single in-sync replica, or a duplicate already committed)?
        self.after_isr_or_hw_change(ctx, env, tp);
    }
}
