//! The `RecordAccumulator`: `send()` runs the partitioner and appends to a deque of batches
//! per partition (`batch.size`, `buffer.memory`, `max.block.ms`, `delivery.timeout.ms`).

use super::*;

/// A batch in the accumulator or in flight (`ProducerBatch`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProducerBatch {
    /// The producer's id for it.
    pub id: u64,
    /// Its partition.
    pub tp: TopicPartition,
    /// Its records.
    pub records: Vec<NewRecord>,
    /// Bytes it will take (batch header included), as the accumulator estimates.
    pub bytes: usize,
    /// When it was created.
    pub created: Millis,
    /// No more records go in (it was full, or it was drained).
    pub closed: bool,
    /// Produce requests made with it.
    pub attempts: u32,
    /// When it was last sent.
    pub last_attempt: Millis,
    /// The request it is in, if any.
    pub in_flight: Option<u64>,
    /// Its base sequence (idempotent producers; -1 otherwise), set at its first drain.
    pub base_sequence: i32,
}

impl ProducerBatch {
    /// True once it cannot take more records.
    pub fn is_full(&self, batch_size: usize) -> bool {
        self.closed || self.bytes >= batch_size
    }
}

impl Producer {
    /// True if [`Producer::partition`] reads its `available` partitions for this record (a
    /// keyless record's sticky partition is picked once a batch, not once a send, so the list
    /// is built only then).
    pub fn needs_available(&self, topic: &str, key: Option<&[u8]>) -> bool {
        match self.config.partitioner {
            PartitionerKind::RoundRobin => true,
            PartitionerKind::UniformSticky => !self.sticky.contains_key(topic),
            PartitionerKind::BuiltIn => {
                if key.is_some() && !self.config.ignore_keys {
                    return false;
                }
                self.config.version == ClientVersion::V2_3 || !self.sticky.contains_key(topic)
            }
        }
    }

    /// The partition for a record: explicit, else by key (murmur2), else as the partitioner
    /// says for keyless records. `available` are the partitions with a leader.
    pub fn partition(
        &mut self,
        ctx: &mut Ctx<'_>,
        topic: &str,
        key: Option<&[u8]>,
        num_partitions: u32,
        available: &[u32],
    ) -> u32 {
        let n = num_partitions.max(1);
        let round_robin = |this: &mut Self| {
            // One lookup a send (the counter exists after the topic's first send).
            let v = match this.round_robin.get_mut(topic) {
                Some(c) => {
                    let v = *c;
                    *c = c.wrapping_add(1);
                    v
                }
                None => {
                    this.round_robin.insert(topic.to_string(), 1);
                    0
                }
            };
            if available.is_empty() {
                v % n
            } else {
                available[(v % available.len() as u32) as usize]
            }
        };
        match self.config.partitioner {
            PartitionerKind::RoundRobin => return round_robin(self),
            PartitionerKind::UniformSticky => {}
            PartitionerKind::BuiltIn => {
                if let (Some(k), false) = (key, self.config.ignore_keys) {
                    return partition_for_key(k, n);
                }
                if self.config.version == ClientVersion::V2_3 {
                    return round_robin(self);
                }
            }
        }
        if let Some(s) = self.sticky.get(topic) {
            return s.partition;
        }
        let load = if self.config.adaptive {
            self.load.get(topic)
        } else {
            None
        };
        let partition = next_sticky_partition(ctx.rng.next_u64() as u32, available, n, load);
        self.sticky.insert(
            topic.to_string(),
            Sticky {
                partition,
                produced_bytes: 0,
            },
        );
        partition
    }

    /// `producer.send()`: the record goes into its partition's last batch, or a new one.
    pub fn send(
        &mut self,
        ctx: &mut Ctx<'_>,
        send: SendId,
        tp: &TopicPartition,
        record: NewRecord,
    ) {
        self.sends.insert(send);
        let refused = if self.blocked.is_empty() {
            self.append(ctx, tp, record).err()
        } else {
            Some(record)
        };
        if let Some(record) = refused {
            // `buffer.memory` is used up: send() blocks up to `max.block.ms`.
            self.blocked.push_back((*tp, record, ctx.now));
            self.schedule(ctx, ctx.now + self.config.max_block_ms);
        }
        self.schedule(ctx, ctx.now);
    }

    /// Appends to the accumulator; the record back if the buffer has no room.
    pub(super) fn append(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        record: NewRecord,
    ) -> Result<(), NewRecord> {
        let batch_size = self.config.batch_size;
        let key = record.key.as_deref().map(str::as_bytes);
        let value = Some(record.value.as_bytes());
        // The partition's last batch, looked up once: the record goes in if it fits.
        let last = self
            .accumulator
            .get(tp)
            .and_then(|dq| dq.back())
            .copied()
            .and_then(|id| self.batches.get_mut(&id))
            .filter(|b| !b.closed);
        let into_last = match last {
            Some(b) => {
                let base_ts = b.records.first().map_or(record.timestamp, |r| r.timestamp);
                let size = record_size(
                    b.records.len() as i32,
                    epoch_ms(record.timestamp) - epoch_ms(base_ts),
                    key,
                    value,
                );
                if b.bytes + size <= batch_size {
                    b.bytes += size;
                    Some((size, b))
                } else {
                    b.closed = true;
                    None
                }
            }
            None => None,
        };
        // (bytes appended, whether the partition's last batch is now full)
        let (appended, last_full) = match into_last {
            Some((size, b)) => {
                b.records.push(record);
                (size, b.is_full(batch_size))
            }
            None => {
                let size = HEADER_SIZE + record_size(0, 0, key, value);
                // The buffer pool hands out max(batch.size, record) bytes per batch.
                let alloc = size.max(batch_size);
                if self.buffer_used + alloc > self.config.buffer_memory {
                    return Err(record);
                }
                self.buffer_used += alloc;
                let id = self.next_batch;
                self.next_batch += 1;
                // Room for as many records like this one as `batch.size` holds, so the
                // batch's vector does not grow (and copy itself) record by record.
                let room = (batch_size.saturating_sub(HEADER_SIZE) / (size - HEADER_SIZE).max(1))
                    .clamp(1, 4096);
                let mut records = Vec::with_capacity(room);
                records.push(record);
                self.batches.insert(
                    id,
                    ProducerBatch {
                        id,
                        tp: *tp,
                        records,
                        bytes: size,
                        created: ctx.now,
                        closed: false,
                        attempts: 0,
                        last_attempt: 0,
                        in_flight: None,
                        base_sequence: NO_SEQUENCE,
                    },
                );
                match self.accumulator.get_mut(tp) {
                    Some(dq) => dq.push_back(id),
                    None => {
                        self.accumulator.insert(*tp, VecDeque::from([id]));
                    }
                }
                (size, size >= batch_size)
            }
        };
        self.stats.records_appended += 1;
        // The sticky partition moves on once batch.size bytes went to it.
        if let Some(s) = self.sticky.get_mut(tp.topic.as_str()) {
            if s.partition == tp.partition {
                s.produced_bytes += appended;
                if should_switch(s, batch_size, last_full) {
                    self.sticky.remove(tp.topic.as_str());
                }
            }
        }
        Ok(())
    }

    pub(super) fn release(&mut self, b: &ProducerBatch) {
        self.buffer_used = self
            .buffer_used
            .saturating_sub(b.bytes.max(self.config.batch_size));
    }

    /// Batches older than `delivery.timeout.ms` fail (`RecordAccumulator.expiredBatches`,
    /// `Sender.getExpiredInflightBatches`); blocked sends past `max.block.ms` too.
    pub(super) fn expire(&mut self, ctx: &mut Ctx<'_>) {
        let now = ctx.now;
        let limit = self.config.delivery_timeout_ms;
        let expired: Vec<u64> = self
            .batches
            .values()
            .filter(|b| now >= b.created + limit)
            .map(|b| b.id)
            .collect();
        for id in expired {
            if let Some(req) = self.batches.get(&id).and_then(|b| b.in_flight) {
                if let Some(f) = self.in_flight.get_mut(&req) {
                    f.batches.retain(|&x| x != id);
                }
            }
            self.fail(ctx, id, KafkaError::DeliveryTimeout);
        }
        if let Some(oldest) = self.batches.values().map(|b| b.created).min() {
            self.schedule(ctx, oldest + limit);
        }
        while let Some((_, r, since)) = self.blocked.front() {
            if now < since + self.config.max_block_ms {
                break;
            }
            let send = r.send;
            self.blocked.pop_front();
            self.sends.remove(&send);
            Self::note(
                ctx,
                LedgerNote::Failed {
                    send,
                    error: KafkaError::DeliveryTimeout,
                },
            );
        }
    }

    /// Sends that waited for buffer memory go in as memory frees.
    pub(super) fn unblock(&mut self, ctx: &mut Ctx<'_>) {
        while let Some((tp, r, since)) = self.blocked.pop_front() {
            if let Err(r) = self.append(ctx, &tp, r) {
                self.blocked.push_front((tp, r, since));
                break;
            }
        }
    }

    /// The producer crashes and a new instance starts with the same `client.id`: everything in
    /// memory is gone — its accumulator, its producer id and sequences. Returns the sends it had
    /// not had an answer for (the application sends those again).
    pub fn restart(&mut self) -> Vec<(TopicPartition, NewRecord)> {
        let mut again: Vec<(TopicPartition, NewRecord)> = self
            .batches
            .values()
            .flat_map(|b| b.records.iter().map(|r| (b.tp, r.clone())))
            .chain(self.blocked.iter().map(|(tp, r, _)| (*tp, r.clone())))
            .collect();
        crate::sort::by_key(&mut again, |(_, r)| r.send);
        let fresh = Producer::new(
            self.id,
            &self.name,
            self.bootstrap.clone(),
            self.config.clone(),
        );
        let (incarnation, next_request, next_batch) =
            (self.incarnation + 1, self.next_request, self.next_batch);
        *self = fresh;
        self.incarnation = incarnation;
        self.next_request = next_request;
        self.next_batch = next_batch;
        again
    }
}
