//! The fetching side (`Fetcher`, `FetchBuffer`, `OffsetFetcher`): `poll()`, metadata,
//! `ListOffsets` resets, one fetch per leader, the buffer, retries.

use super::*;
use crate::idxmap::IdxMap;
use crate::sort::Collect as _;

/// The fetching side (`Fetcher`, `FetchBuffer`, `OffsetFetcher`).
impl Consumer {
    /// `poll()` begins: the consumer resets the positions it lacks and sends fetches for
    /// what it has nothing buffered for, and goes on doing so as answers come, until
    /// [`Consumer::end_poll`]. `Err` is the exception `poll()` throws.
    pub fn begin_poll(&mut self, ctx: &mut Ctx<'_>) -> Result<(), String> {
        if let Some(e) = self.poll_error.take() {
            return Err(e);
        }
        if let Some(e) = self.undefined_offsets() {
            return Err(e);
        }
        self.polling = true;
        self.progress(ctx);
        Ok(())
    }

    /// `NoOffsetForPartitionException` under `auto.offset.reset=none`.
    pub(super) fn undefined_offsets(&self) -> Option<String> {
        if !self.is_ready() || self.config.auto_offset_reset != OffsetReset::None {
            return None;
        }
        let missing: Vec<String> = self
            .assignment
            .iter()
            .filter(|tp| !self.positions.contains_key(tp) && !self.seek.contains_key(tp))
            .map(|tp| tp.to_string())
            .collect();
        (!missing.is_empty()).then(|| {
            format!(
                "org.apache.kafka.clients.consumer.NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [{}]",
                missing.join(", ")
            )
        })
    }

    /// True when `poll()` has records to return (or an exception to throw).
    pub fn has_records(&self) -> bool {
        self.poll_error.is_some()
            || self
                .buffer
                .iter()
                .any(|f| !f.records.is_empty() && self.is_current(f))
    }

    /// A buffered answer still applies: its partition is assigned and at its position.
    pub(super) fn is_current(&self, f: &CompletedFetch) -> bool {
        self.assignment.contains(&f.tp) && self.positions.get(&f.tp) == Some(&f.position)
    }

    /// `poll()` returns: up to `max` records from the fetch buffer, in the order the answers
    /// came, each advancing its partition's position; then the next fetches go out for the
    /// partitions drained (Kafka pipelines them before returning).
    pub fn end_poll(
        &mut self,
        ctx: &mut Ctx<'_>,
        max: usize,
    ) -> Result<Vec<(TopicPartition, Record)>, String> {
        if let Some(e) = self.poll_error.take() {
            self.polling = false;
            return Err(e);
        }
        let out = self.collect(max);
        self.send_fetches(ctx);
        self.polling = false;
        Ok(out)
    }

    /// `collectFetch`: records from the buffer, stale answers dropped.
    pub(super) fn collect(&mut self, max: usize) -> Vec<(TopicPartition, Record)> {
        let mut out = Vec::new();
        while out.len() < max {
            let Some(mut f) = self.buffer.pop_front() else {
                break;
            };
            if !self.is_current(&f) {
                continue; // revoked, or the position moved (a seek, a reset)
            }
            while out.len() < max {
                let Some(r) = f.records.pop_front() else {
                    break;
                };
                f.position = r.offset + 1;
                out.push((f.tp, r));
            }
            if f.records.is_empty() {
                self.positions.insert(f.tp, f.next_offset);
            } else {
                self.positions.insert(f.tp, f.position);
                self.buffer.push_front(f);
            }
        }
        out
    }

    /// True when every assigned partition is read up to the end its last fetch answer
    /// reported and nothing is left in the buffer (lag 0 as far as the consumer knows).
    pub fn caught_up(&self) -> bool {
        self.is_ready()
            && self.assignment.iter().all(|tp| {
                matches!(
                    (self.positions.get(tp), self.end_offsets.get(tp)),
                    (Some(p), Some(e)) if p >= e
                ) && !self
                    .buffer
                    .iter()
                    .any(|f| &f.tp == tp && !f.records.is_empty())
            })
    }

    /// `seek()`: the next record of `tp` is `offset`; what was buffered for it is dropped.
    pub fn seek(&mut self, tp: &TopicPartition, offset: Offset) {
        self.positions.insert(*tp, offset);
        self.buffer.retain(|f| &f.tp != tp);
    }

    /// What `poll()` does each time it wakes: reset missing positions, then fetch.
    pub(super) fn progress(&mut self, ctx: &mut Ctx<'_>) {
        if !self.polling || !self.is_ready() || self.poll_error.is_some() {
            return;
        }
        self.reset_offsets(ctx);
        self.send_fetches(ctx);
    }

    /// `resetPositionsIfNeeded`: one `ListOffsets` per leader for the partitions without a
    /// position (`auto.offset.reset`, or a `seekToBeginning` / `seekToEnd`).
    pub(super) fn reset_offsets(&mut self, ctx: &mut Ctx<'_>) {
        let resetting: BTreeSet<&TopicPartition> = self
            .in_flight
            .values()
            .filter_map(|f| match f {
                InFlight::ListOffsets(_, parts) => Some(parts.iter()),
                _ => None,
            })
            .flatten()
            .collect_set();
        let mut by_leader: IdxMap<BrokerId, Vec<(TopicPartition, OffsetSpec)>> = IdxMap::new();
        let mut unknown = false;
        for tp in &self.assignment {
            if self.positions.contains_key(tp) || resetting.contains(tp) {
                continue;
            }
            let spec = match (self.seek.get(tp), self.config.auto_offset_reset) {
                (Some(&s), _) => s,
                (None, OffsetReset::Earliest) => OffsetSpec::Earliest,
                (None, OffsetReset::Latest) => OffsetSpec::Latest,
                (None, OffsetReset::None) => continue,
            };
            match self.leaders.get(tp) {
                Some(&b) => by_leader.entry(b).or_default().push((*tp, spec)),
                None => unknown = true,
            }
        }
        if unknown {
            self.request_metadata(ctx);
        }
        for (b, partitions) in by_leader {
            let request = self.request();
            let tps = partitions.iter().map(|(tp, _)| *tp).collect();
            self.in_flight
                .insert(request, InFlight::ListOffsets(b, tps));
            ctx.send(
                NodeId::Broker(b),
                Msg::ListOffsets {
                    request,
                    read_committed: self.config.read_committed,
                    partitions,
                },
            );
            ctx.timer(
                self.config.request_timeout_ms,
                Timer::ConsumerRequestTimeout { request },
            );
        }
    }

    /// `sendFetches`: one fetch per leader, for its partitions that have a position, nothing
    /// buffered, and no fetch on the wire to that leader.
    pub(super) fn send_fetches(&mut self, ctx: &mut Ctx<'_>) {
        if !self.is_ready() {
            return;
        }
        // Answers that no longer apply (revoked, or the position moved) go.
        let (assignment, positions) = (&self.assignment, &self.positions);
        self.buffer
            .retain(|f| assignment.contains(&f.tp) && positions.get(&f.tp) == Some(&f.position));
        let busy: BTreeSet<BrokerId> = self
            .in_flight
            .values()
            .filter_map(|f| match f {
                InFlight::Fetch(b, _) => Some(*b),
                _ => None,
            })
            .collect_set();
        let mut by_leader: IdxMap<BrokerId, Vec<(TopicPartition, Offset)>> = IdxMap::new();
        let mut unknown = false;
        for tp in &self.assignment {
            let Some(&pos) = self.positions.get(tp) else {
                continue;
            };
            if self.buffer.iter().any(|f| &f.tp == tp) {
                continue;
            }
            match self.leaders.get(tp) {
                None => unknown = true,
                Some(b) if busy.contains(b) => {}
                Some(&b) => by_leader.entry(b).or_default().push((*tp, pos)),
            }
        }
        if unknown {
            self.request_metadata(ctx);
        }
        for (b, parts) in by_leader {
            let request = self.request();
            ctx.event(Event::ConsumerFetchSent {
                client: self.name.clone(),
                broker: b,
                partitions: parts.iter().map(|(tp, o)| format!("{tp}@{o}")).collect(),
                min_bytes: self.config.fetch_min_bytes,
                max_wait_ms: self.config.fetch_max_wait_ms,
            });
            let fetch = ConsumerFetch {
                client_id: self.name.clone(),
                min_bytes: self.config.fetch_min_bytes,
                max_wait_ms: self.config.fetch_max_wait_ms,
                max_bytes: self.config.fetch_max_bytes,
                partition_max_bytes: self.config.max_partition_fetch_bytes,
                read_committed: self.config.read_committed,
                partitions: parts
                    .iter()
                    .map(|(tp, o)| ConsumerFetchPartition {
                        tp: *tp,
                        offset: *o,
                    })
                    .collect(),
            };
            ctx.send(NodeId::Broker(b), Msg::ConsumerFetch { request, fetch });
            ctx.timer(
                self.config
                    .request_timeout_ms
                    .saturating_add(self.config.fetch_max_wait_ms),
                Timer::ConsumerRequestTimeout { request },
            );
            self.in_flight.insert(request, InFlight::Fetch(b, parts));
        }
    }

    /// Asks a bootstrap broker for the partitions' leaders, unless a request is on the wire or
    /// the consumer is backing off.
    pub(super) fn request_metadata(&mut self, ctx: &mut Ctx<'_>) {
        let asking = self
            .in_flight
            .values()
            .any(|f| matches!(f, InFlight::Metadata(_)));
        if asking || self.retry_pending || self.bootstrap.is_empty() {
            return;
        }
        let b = self.bootstrap[self.bootstrap_next % self.bootstrap.len()];
        let request = self.request();
        self.in_flight.insert(request, InFlight::Metadata(b));
        ctx.send(NodeId::Broker(b), Msg::Metadata { request });
        ctx.timer(
            self.config.request_timeout_ms,
            Timer::ConsumerRequestTimeout { request },
        );
    }

    /// Looks again after `retry.backoff.ms`.
    pub(super) fn schedule_retry(&mut self, ctx: &mut Ctx<'_>) {
        if !self.retry_pending {
            self.retry_pending = true;
            ctx.timer(RETRY_BACKOFF_MS, Timer::ConsumerFetchRetry);
        }
    }

    /// A request to a leader or for metadata failed (its broker is down, or no answer within
    /// `request.timeout.ms`): forget that leader, and look the leaders up again.
    pub(super) fn request_failed(&mut self, ctx: &mut Ctx<'_>, request: u64) {
        let Some(f) = self.in_flight.remove(&request) else {
            return;
        };
        match f {
            InFlight::Fetch(b, parts) => {
                for (tp, _) in parts {
                    if self.leaders.get(&tp) == Some(&b) {
                        self.leaders.remove(&tp);
                    }
                }
            }
            InFlight::ListOffsets(b, parts) => {
                for tp in parts {
                    if self.leaders.get(&tp) == Some(&b) {
                        self.leaders.remove(&tp);
                    }
                }
            }
            InFlight::Metadata(_) => self.bootstrap_next += 1,
        }
        self.schedule_retry(ctx);
    }

    pub(super) fn on_metadata_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        partitions: IdxMap<TopicPartition, Option<BrokerId>>,
    ) {
        if !matches!(self.in_flight.get(&request), Some(InFlight::Metadata(_))) {
            return;
        }
        self.in_flight.remove(&request);
        // ConsumerCoordinator.rejoinNeededOrPending: the leader's assignment snapshot no
        // longer matches the metadata (a topic gained partitions) → requestRejoin.
        let changed = self.assignment_snapshot.as_ref().and_then(|snap| {
            snap.iter().find_map(|(t, &n)| {
                let now = partitions.keys().filter(|tp| &tp.topic == t).count() as u32;
                (now > 0 && now != n).then(|| (t.clone(), n, now))
            })
        });
        for (tp, leader) in partitions {
            match leader {
                Some(b) => self.leaders.insert(tp, b),
                None => self.leaders.remove(&tp),
            };
        }
        if self
            .assignment
            .iter()
            .any(|tp| !self.leaders.contains_key(tp))
        {
            self.schedule_retry(ctx);
        }
        if let Some((topic, from, to)) = changed {
            if self.state == ConsumerState::Stable {
                ctx.event(Event::ConsumerMetadataChanged {
                    consumer: self.name.clone(),
                    group: self.config.group.clone(),
                    topic,
                    from,
                    to,
                });
                self.assignment_snapshot = None;
                self.join(ctx);
                return;
            }
        }
        self.progress(ctx);
    }

    pub(super) fn on_list_offsets_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        results: Vec<(TopicPartition, Result<Offset, KafkaError>)>,
    ) {
        if !matches!(
            self.in_flight.get(&request),
            Some(InFlight::ListOffsets(..))
        ) {
            return;
        }
        self.in_flight.remove(&request);
        let mut retry = false;
        for (tp, result) in results {
            if !self.assignment.contains(&tp) || self.positions.contains_key(&tp) {
                continue;
            }
            match result {
                Ok(offset) => {
                    self.positions.insert(tp, offset);
                    let from = self.out_of_range.remove(&tp);
                    if self.seek.remove(&tp).is_none() {
                        ctx.event(Event::ConsumerOffsetReset {
                            client: self.name.clone(),
                            tp,
                            policy: self.config.auto_offset_reset.name().into(),
                            offset,
                            out_of_range: from,
                        });
                    }
                }
                Err(_) => {
                    self.leaders.remove(&tp);
                    retry = true;
                }
            }
        }
        if retry {
            self.schedule_retry(ctx);
        }
        self.progress(ctx);
    }

    pub(super) fn on_fetch_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        partitions: Vec<ConsumerFetched>,
    ) {
        let Some(InFlight::Fetch(_, asked)) = self.in_flight.get(&request).cloned() else {
            return;
        };
        self.in_flight.remove(&request);
        let mut retry = false;
        for part in partitions {
            let Some(&(_, offset)) = asked.iter().find(|(tp, _)| *tp == part.tp) else {
                continue;
            };
            // Revoked meanwhile, or the position moved: the answer no longer applies.
            if !self.assignment.contains(&part.tp) || self.positions.get(&part.tp) != Some(&offset)
            {
                continue;
            }
            match part.error {
                None => {
                    let end = if self.config.read_committed {
                        part.last_stable_offset
                    } else {
                        part.hw
                    };
                    self.end_offsets.insert(part.tp, end);
                    let (records, next) = self.visible(offset, &part);
                    if records.is_empty() {
                        // Only control batches or aborted ones: nothing for the application,
                        // the position moves past them.
                        if next > offset {
                            self.positions.insert(part.tp, next);
                        }
                    } else {
                        self.buffer.push_back(CompletedFetch {
                            tp: part.tp,
                            position: offset,
                            records,
                            next_offset: next,
                        });
                    }
                }
                Some(KafkaError::OffsetOutOfRange) => {
                    if self.config.auto_offset_reset == OffsetReset::None {
                        self.poll_error = Some(format!(
                            "org.apache.kafka.clients.consumer.OffsetOutOfRangeException: Fetch position FetchPosition{{offset={offset}}} is out of range for partition {}",
                            part.tp
                        ));
                    } else {
                        self.positions.remove(&part.tp);
                        self.out_of_range.insert(part.tp, offset);
                    }
                }
                Some(_) => {
                    // NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION: the metadata is stale.
                    self.leaders.remove(&part.tp);
                    retry = true;
                }
            }
        }
        if retry {
            self.schedule_retry(ctx);
        }
        self.progress(ctx);
    }

    /// The application's records of one partition's answer, and the position after it
    /// (`CompletedFetch.nextFetchedBatch`): control batches are skipped; under
    /// `read_committed` a transactional batch is skipped while its producer has an aborted
    /// transaction open at that offset (from the leader's list), until the ABORT marker.
    pub(super) fn visible(
        &self,
        offset: Offset,
        part: &ConsumerFetched,
    ) -> (VecDeque<Record>, Offset) {
        let mut aborted = part.aborted.clone();
        crate::sort::by_key(&mut aborted, |&(_, first)| first);
        let mut pending = aborted.into_iter().peekable();
        let mut aborted_producers: BTreeSet<i64> = BTreeSet::new();
        let mut out = VecDeque::new();
        let mut next = offset;
        for batch in part.records.chunk_by(|a, b| a.batch == b.batch) {
            let (first, last) = (&batch[0], &batch[batch.len() - 1]);
            next = next.max(last.offset + 1);
            if self.config.read_committed && first.producer.id >= 0 {
                while let Some((pid, _)) = pending.next_if(|&(_, o)| o <= last.offset) {
                    aborted_producers.insert(pid);
                }
                match first.control {
                    Some((Marker::Abort, _)) => {
                        aborted_producers.remove(&first.producer.id);
                    }
                    None if first.producer.transactional
                        && aborted_producers.contains(&first.producer.id) =>
                    {
                        continue;
                    }
                    _ => {}
                }
            }
            if first.control.is_some() {
                continue;
            }
            out.extend(batch.iter().filter(|r| r.offset >= offset).cloned());
        }
        (out, next)
    }
}
