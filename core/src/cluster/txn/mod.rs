//! The transaction coordinator on a broker (Kafka's `TransactionCoordinator`,
//! `TransactionStateManager`, `TransactionMarkerChannelManager`), in ZooKeeper mode.
//!
//! The coordinator for a `transactional.id` is the leader of partition
//! `abs(hashCode(transactional.id)) % partitions` of the internal topic `__transaction_state`.
//! Every change of a transaction's metadata is appended to that partition (key: the
//! transactional id; value: producer id, epoch, state, partitions, timeout) and takes effect
//! for the client once the partition's high watermark passes it. A broker that becomes the
//! leader of such a partition reads it to rebuild the metadata, and finishes the transactions
//! it finds in `PrepareCommit` / `PrepareAbort` by sending their markers again.

mod markers;
#[cfg(test)]
mod tests;

use crate::idxmap::IdxMap;
use std::collections::{BTreeMap, BTreeSet};

use super::coordinator::CoordinatorLog;
use super::msg::{Ctx, KafkaError, Msg, ProduceBatch, Timer};
use crate::event::Event;
use crate::log::{NewRecord, Offset};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::Millis;
use crate::storage::batch::{Marker, ProducerFields, NO_SEQUENCE};

/// The internal topic holding the transactions' metadata.
pub const TXN_TOPIC: &str = "__transaction_state";
/// `transaction.state.log.num.partitions` in the lab (Kafka's default is 50).
pub const LAB_TXN_PARTITIONS: u32 = 3;
/// Kafka's default `transaction.state.log.num.partitions`.
pub const KAFKA_TXN_PARTITIONS: u32 = 50;
/// `transaction.timeout.ms`'s default on the client.
pub const DEFAULT_TXN_TIMEOUT_MS: Millis = 60_000;
/// `transaction.max.timeout.ms` on the broker (15 minutes).
pub const MAX_TXN_TIMEOUT_MS: Millis = 900_000;
/// `transaction.abort.timed.out.transaction.cleanup.interval.ms` (10 s).
pub const TXN_TIMEOUT_CHECK_MS: Millis = 10_000;
/// How long the coordinator waits before sending markers again.
const MARKER_RETRY_MS: Millis = 100;
/// A marker request without an answer for this long is sent again (`request.timeout.ms`).
const MARKER_REQUEST_TIMEOUT_MS: Millis = 30_000;

pub use crate::partitioner::{java_string_hash, kafka_abs};

/// The `__transaction_state` partition of a transactional id (`partitionFor`).
pub fn txn_partition(transactional_id: &str, partitions: u32) -> u32 {
    crate::partitioner::coordinator_partition(transactional_id, partitions)
}

/// A transaction's state (`TransactionState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TxnState {
    /// No transaction open.
    Empty,
    /// Partitions were added: records may be in them.
    Ongoing,
    /// Commit decided and logged; markers being written.
    PrepareCommit,
    /// Abort decided and logged; markers being written.
    PrepareAbort,
    /// Every marker written: committed.
    CompleteCommit,
    /// Every marker written: aborted.
    CompleteAbort,
}

impl TxnState {
    /// Kafka's name.
    pub fn name(self) -> &'static str {
        match self {
            TxnState::Empty => "Empty",
            TxnState::Ongoing => "Ongoing",
            TxnState::PrepareCommit => "PrepareCommit",
            TxnState::PrepareAbort => "PrepareAbort",
            TxnState::CompleteCommit => "CompleteCommit",
            TxnState::CompleteAbort => "CompleteAbort",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [
            TxnState::Empty,
            TxnState::Ongoing,
            TxnState::PrepareCommit,
            TxnState::PrepareAbort,
            TxnState::CompleteCommit,
            TxnState::CompleteAbort,
        ]
        .into_iter()
        .find(|x| x.name() == s)
    }
}

/// What the coordinator knows of one transactional id (`TransactionMetadata`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TxnMetadata {
    /// The producer id, allocated once per transactional id.
    pub producer_id: i64,
    /// The producer epoch, bumped by every InitProducerId (and by a timeout abort).
    pub epoch: i16,
    /// The state.
    pub state: TxnState,
    /// The partitions in the transaction.
    pub partitions: BTreeSet<TopicPartition>,
    /// `transaction.timeout.ms`.
    pub timeout_ms: Millis,
    /// When the transaction began (its first AddPartitionsToTxn).
    pub start: Millis,
}

impl TxnMetadata {
    /// The record value written to `__transaction_state` (readable text in the lab; Kafka
    /// writes the same fields in binary).
    pub fn encode(&self) -> String {
        let parts: Vec<String> = self.partitions.iter().map(|t| t.to_string()).collect();
        format!(
            "producerId={} producerEpoch={} state={} partitions=[{}] txnTimeoutMs={} txnStartTimestamp={}",
            self.producer_id,
            self.epoch,
            self.state.name(),
            parts.join(","),
            self.timeout_ms,
            self.start
        )
    }

    /// Reads [`TxnMetadata::encode`]'s text back; `None` if it is not one.
    pub fn decode(s: &str) -> Option<Self> {
        let mut fields = BTreeMap::new();
        for part in s.split(' ') {
            let (k, v) = part.split_once('=')?;
            fields.insert(k, v);
        }
        let parts = fields.get("partitions")?;
        let parts = parts.strip_prefix('[')?.strip_suffix(']')?;
        let partitions = if parts.is_empty() {
            BTreeSet::new()
        } else {
            parts
                .split(',')
                .map(TopicPartition::parse)
                .collect::<Option<BTreeSet<_>>>()?
        };
        Some(Self {
            producer_id: fields.get("producerId")?.parse().ok()?,
            epoch: fields.get("producerEpoch")?.parse().ok()?,
            state: TxnState::parse(fields.get("state")?)?,
            partitions,
            timeout_ms: fields.get("txnTimeoutMs")?.parse().ok()?,
            start: fields.get("txnStartTimestamp")?.parse().ok()?,
        })
    }
}

/// What to do once a metadata write is committed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Then {
    /// Answer InitProducerId.
    InitPid(NodeId, u64),
    /// Answer AddPartitionsToTxn.
    AddPartitions(NodeId, u64),
    /// Answer EndTxn (if a client asked) and write the markers.
    Markers(Option<(NodeId, u64)>),
    /// Nothing more.
    Done,
}

/// Producer ids a broker takes from ZooKeeper at a time (`ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE`).
pub const PRODUCER_ID_BLOCK: i64 = 1000;

/// An `InitProducerId` waiting for an id: client, request, and the transactional id with its
/// timeout for a transactional producer.
pub type PidWaiter = (NodeId, u64, Option<(String, Millis)>);

/// The transaction coordinator on one broker (`TransactionCoordinator`; volatile: lost when
/// the broker dies). It also hands out producer ids to idempotent producers, from blocks it
/// takes from ZooKeeper (`ZkProducerIdManager`), as Kafka's does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TransactionCoordinator {
    /// The broker it runs on.
    pub broker: BrokerId,
    /// The producer ids it may hand out: next, end.
    producer_ids: (i64, i64),
    /// A block of producer ids was asked of ZooKeeper.
    producer_ids_asked: bool,
    /// `InitProducerId` requests waiting for a block of ids (with the transactional id and
    /// timeout of a transactional producer's).
    producer_id_waiters: Vec<PidWaiter>,
    /// Transactions of the partitions this broker leads, by transactional id.
    pub txns: crate::vecmap::VecMap<String, TxnMetadata>,
    /// Metadata writes waiting for the high watermark: (partition, last offset) → what next.
    pending: BTreeMap<(TopicPartition, Offset), (String, Then)>,
    /// Markers not yet acknowledged, per transaction: partition → request in flight and when
    /// it left.
    markers: IdxMap<String, IdxMap<TopicPartition, Option<(u64, Millis)>>>,
    next_request: u64,
    retry_armed: bool,
    timeout_armed: bool,
}

impl TransactionCoordinator {
    /// The coordinator of a broker that has not started yet.
    pub fn new(broker: BrokerId) -> Self {
        Self {
            broker,
            producer_ids: (0, 0),
            producer_ids_asked: false,
            producer_id_waiters: Vec::new(),
            txns: crate::vecmap::VecMap::new(),
            pending: BTreeMap::new(),
            markers: IdxMap::new(),
            next_request: 0,
            retry_armed: false,
            timeout_armed: false,
        }
    }

    /// `InitProducerId` without a transactional id: an id from the block.
    pub(super) fn on_init_producer_id(
        &mut self,
        ctx: &mut Ctx<'_>,
        log: &mut CoordinatorLog<'_>,
        from: NodeId,
        request: u64,
    ) {
        self.producer_id_waiters.push((from, request, None));
        self.hand_out_producer_ids(ctx, log);
    }

    /// ZooKeeper gave a block of producer ids.
    pub(super) fn on_producer_id_block(
        &mut self,
        ctx: &mut Ctx<'_>,
        log: &mut CoordinatorLog<'_>,
        start: i64,
    ) {
        self.producer_ids = (start, start + PRODUCER_ID_BLOCK);
        self.producer_ids_asked = false;
        self.hand_out_producer_ids(ctx, log);
    }

    /// Answers `InitProducerId` requests from the block of ids, asking the controller channel
    /// for a block when there is none (`ZkProducerIdManager` / `RPCProducerIdManager`).
    fn hand_out_producer_ids(&mut self, ctx: &mut Ctx<'_>, log: &mut CoordinatorLog<'_>) {
        while !self.producer_id_waiters.is_empty() {
            match self.producer_ids {
                (next, end) if next < end => {
                    let (client, request, txn) = self.producer_id_waiters.remove(0);
                    self.producer_ids = (next + 1, end);
                    ctx.event(log.controller().producer_id_allocated(self.broker, next));
                    if let Some((id, timeout)) = txn {
                        self.txn_new_producer_id(ctx, client, request, id, timeout, next, log);
                        continue;
                    }
                    ctx.send(
                        client,
                        Msg::InitProducerIdResponse {
                            request,
                            result: Ok((next, 0)),
                        },
                    );
                }
                _ => {
                    if !self.producer_ids_asked {
                        self.producer_ids_asked = true;
                        log.controller().allocate_producer_ids(ctx, self.broker);
                    }
                    return;
                }
            }
        }
    }

    /// `FindCoordinator`: the leader of the id's partition, from the metadata cache.
    pub(super) fn on_find_coordinator(
        &mut self,
        ctx: &mut Ctx<'_>,
        log: &CoordinatorLog<'_>,
        from: NodeId,
        request: u64,
        key: &str,
    ) {
        let result = log.find_coordinator(TXN_TOPIC, key);
        ctx.send(from, Msg::FindCoordinatorResponse { request, result });
    }

    /// Whether a metadata record for `id` can be written now: its partition led here, with at
    /// least `min.insync.replicas` (`transaction.state.log.min.isr`) in its ISR, as the
    /// `acks=-1` append requires. The append's `NOT_ENOUGH_REPLICAS` reaches the client as
    /// `COORDINATOR_NOT_AVAILABLE` (`TransactionStateManager.appendTransactionToLog`'s
    /// mapping), so it retries. Checked before the metadata changes: a refused write leaves
    /// the transaction where it was, as Kafka drops the pending transition.
    pub(super) fn txn_log_writable(
        &self,
        log: &CoordinatorLog<'_>,
        id: &str,
    ) -> Result<(), KafkaError> {
        let (tp, _) = log.led_coordinator_partition(TXN_TOPIC, id)?;
        log.check_min_isr(&tp).map_err(|e| match e {
            KafkaError::NotEnoughReplicas => KafkaError::CoordinatorNotAvailable,
            _ => KafkaError::NotCoordinator,
        })
    }

    /// Appends a metadata record for `id` and remembers what to do once it is committed.
    fn write_txn(
        &mut self,
        ctx: &mut Ctx<'_>,
        id: &str,
        then: Then,
        log: &mut CoordinatorLog<'_>,
    ) -> Result<(), KafkaError> {
        let (tp, epoch) = log.led_coordinator_partition(TXN_TOPIC, id)?;
        let meta = self.txns.get(id).ok_or(KafkaError::InvalidTxnState)?;
        let record = NewRecord {
            send: 0,
            key: Some(id.into()),
            value: meta.encode().into(),
            timestamp: ctx.now,
        };
        let (last, hw_moved) = log.append(ctx, &tp, epoch, vec![record]);
        self.pending.insert((tp, last), (id.to_string(), then));
        if hw_moved {
            self.txn_writes_committed(ctx, &tp, log);
        }
        Ok(())
    }

    /// Called when a `__transaction_state` partition's high watermark moves: completes the
    /// writes it now covers.
    pub(super) fn txn_writes_committed(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        log: &mut CoordinatorLog<'_>,
    ) {
        let hw = log.high_watermark(tp);
        for (id, then) in super::take_covered(&mut self.pending, tp, hw) {
            let Some(meta) = self.txns.get(&id).cloned() else {
                continue;
            };
            match then {
                Then::InitPid(client, request) => ctx.send(
                    client,
                    Msg::InitProducerIdResponse {
                        request,
                        result: Ok((meta.producer_id, meta.epoch)),
                    },
                ),
                Then::AddPartitions(client, request) => ctx.send(
                    client,
                    Msg::AddPartitionsToTxnResponse {
                        request,
                        result: Ok(()),
                    },
                ),
                Then::Markers(client) => {
                    if let Some((client, request)) = client {
                        ctx.send(
                            client,
                            Msg::EndTxnResponse {
                                request,
                                result: Ok(()),
                            },
                        );
                    }
                    self.start_markers(ctx, &id, log);
                }
                Then::Done => {}
            }
        }
    }

    fn set_state(&mut self, ctx: &mut Ctx<'_>, id: &str, to: TxnState) {
        let broker = self.broker;
        if let Some(m) = self.txns.get_mut(id) {
            let from = m.state;
            m.state = to;
            if from == to && to == TxnState::Ongoing {
                // Partitions added to an open transaction: written, not a new state.
            } else {
                ctx.event(Event::TxnStateChanged {
                    broker,
                    transactional_id: id.to_string(),
                    producer_id: m.producer_id,
                    epoch: m.epoch,
                    from: from.name(),
                    to: to.name(),
                    partitions: m.partitions.iter().map(|t| t.to_string()).collect(),
                });
            }
        }
        if to == TxnState::Ongoing {
            self.arm_txn_timeout(ctx);
        }
    }

    fn arm_txn_timeout(&mut self, ctx: &mut Ctx<'_>) {
        if !self.timeout_armed {
            self.timeout_armed = true;
            ctx.timer(TXN_TIMEOUT_CHECK_MS, Timer::TxnTimeoutCheck);
        }
    }

    /// `InitProducerId` with a transactional id, at its coordinator.
    pub(super) fn on_init_txn_producer_id(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        id: String,
        timeout_ms: Millis,
        log: &mut CoordinatorLog<'_>,
    ) {
        let answer = |ctx: &mut Ctx<'_>, e: KafkaError| {
            ctx.send(
                from,
                Msg::InitProducerIdResponse {
                    request,
                    result: Err(e),
                },
            )
        };
        if let Err(e) = log.led_coordinator_partition(TXN_TOPIC, &id) {
            return answer(ctx, e);
        }
        let Some(meta) = self.txns.get(&id).cloned() else {
            // A new transactional id: a producer id from the broker's block.
            self.producer_id_waiters
                .push((from, request, Some((id, timeout_ms))));
            self.hand_out_producer_ids(ctx, log);
            return;
        };
        match meta.state {
            TxnState::PrepareCommit | TxnState::PrepareAbort => {
                answer(ctx, KafkaError::ConcurrentTransactions)
            }
            TxnState::Ongoing => {
                // A new instance while a transaction is open: abort it with a bumped epoch
                // (fencing the old instance); the new one retries until the abort completes.
                self.bump_and_abort(ctx, &id, log);
                answer(ctx, KafkaError::ConcurrentTransactions);
            }
            _ => {
                if let Err(e) = self.txn_log_writable(log, &id) {
                    return answer(ctx, e);
                }
                let m = self.txns.get_mut(&id).expect("present");
                m.epoch = m.epoch.saturating_add(1);
                m.timeout_ms = timeout_ms;
                m.partitions.clear();
                let (pid, epoch) = (m.producer_id, m.epoch);
                ctx.event(Event::TxnProducerIdInit {
                    broker: self.broker,
                    transactional_id: id.clone(),
                    producer_id: pid,
                    epoch,
                });
                self.set_state(ctx, &id, TxnState::Empty);
                if let Err(e) = self.write_txn(ctx, &id, Then::InitPid(from, request), log) {
                    answer(ctx, e);
                }
            }
        }
    }

    /// A producer id was allocated for a new transactional id.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn txn_new_producer_id(
        &mut self,
        ctx: &mut Ctx<'_>,
        client: NodeId,
        request: u64,
        id: String,
        timeout_ms: Millis,
        producer_id: i64,
        log: &mut CoordinatorLog<'_>,
    ) {
        if log.led_coordinator_partition(TXN_TOPIC, &id).is_err() || self.txns.contains_key(&id) {
            ctx.send(
                client,
                Msg::InitProducerIdResponse {
                    request,
                    result: Err(KafkaError::NotCoordinator),
                },
            );
            return;
        }
        if let Err(e) = self.txn_log_writable(log, &id) {
            ctx.send(
                client,
                Msg::InitProducerIdResponse {
                    request,
                    result: Err(e),
                },
            );
            return;
        }
        self.txns.insert(
            id.clone(),
            TxnMetadata {
                producer_id,
                epoch: 0,
                state: TxnState::Empty,
                partitions: BTreeSet::new(),
                timeout_ms,
                start: ctx.now,
            },
        );
        ctx.event(Event::TxnProducerIdInit {
            broker: self.broker,
            transactional_id: id.clone(),
            producer_id,
            epoch: 0,
        });
        if let Err(e) = self.write_txn(ctx, &id, Then::InitPid(client, request), log) {
            ctx.send(
                client,
                Msg::InitProducerIdResponse {
                    request,
                    result: Err(e),
                },
            );
        }
    }

    /// Checks a client's producer id and epoch against the metadata.
    fn check_producer(
        &self,
        log: &CoordinatorLog<'_>,
        id: &str,
        pid: i64,
        epoch: i16,
    ) -> Result<TxnMetadata, KafkaError> {
        log.led_coordinator_partition(TXN_TOPIC, id)?;
        let meta = self.txns.get(id).ok_or(KafkaError::InvalidTxnState)?;
        if meta.producer_id != pid || epoch < meta.epoch {
            return Err(KafkaError::ProducerFenced);
        }
        if epoch > meta.epoch {
            return Err(KafkaError::InvalidTxnState);
        }
        Ok(meta.clone())
    }

    /// `AddPartitionsToTxn`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn on_add_partitions_to_txn(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        id: String,
        pid: i64,
        epoch: i16,
        partitions: Vec<TopicPartition>,
        log: &mut CoordinatorLog<'_>,
    ) {
        let result = self.check_producer(log, &id, pid, epoch).and_then(|meta| {
            match meta.state {
                TxnState::PrepareCommit | TxnState::PrepareAbort => {
                    return Err(KafkaError::ConcurrentTransactions)
                }
                TxnState::Ongoing if partitions.iter().all(|t| meta.partitions.contains(t)) => {
                    // Nothing new: answer at once.
                    ctx.send(
                        from,
                        Msg::AddPartitionsToTxnResponse {
                            request,
                            result: Ok(()),
                        },
                    );
                    return Ok(());
                }
                _ => {}
            }
            self.txn_log_writable(log, &id)?;
            let now = ctx.now;
            let m = self.txns.get_mut(&id).expect("checked");
            if m.state != TxnState::Ongoing {
                m.start = now;
                m.partitions.clear();
            }
            m.partitions.extend(partitions.iter().cloned());
            self.set_state(ctx, &id, TxnState::Ongoing);
            self.write_txn(ctx, &id, Then::AddPartitions(from, request), log)
        });
        if let Err(e) = result {
            ctx.send(
                from,
                Msg::AddPartitionsToTxnResponse {
                    request,
                    result: Err(e),
                },
            );
        }
    }

    /// `EndTxn`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn on_end_txn(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        id: String,
        pid: i64,
        epoch: i16,
        commit: bool,
        log: &mut CoordinatorLog<'_>,
    ) {
        let result =
            self.check_producer(log, &id, pid, epoch)
                .and_then(|meta| match (meta.state, commit) {
                    (TxnState::Ongoing, _) => {
                        self.txn_log_writable(log, &id)?;
                        let to = if commit {
                            TxnState::PrepareCommit
                        } else {
                            TxnState::PrepareAbort
                        };
                        self.set_state(ctx, &id, to);
                        self.write_txn(ctx, &id, Then::Markers(Some((from, request))), log)
                    }
                    (TxnState::PrepareCommit, true) | (TxnState::PrepareAbort, false) => {
                        Err(KafkaError::ConcurrentTransactions)
                    }
                    (TxnState::CompleteCommit, true) | (TxnState::CompleteAbort, false) => {
                        ctx.send(
                            from,
                            Msg::EndTxnResponse {
                                request,
                                result: Ok(()),
                            },
                        );
                        Ok(())
                    }
                    _ => Err(KafkaError::InvalidTxnState),
                });
        if let Err(e) = result {
            ctx.send(
                from,
                Msg::EndTxnResponse {
                    request,
                    result: Err(e),
                },
            );
        }
    }

    /// Aborts an open transaction with a bumped epoch (timeout, or a new instance).
    fn bump_and_abort(&mut self, ctx: &mut Ctx<'_>, id: &str, log: &mut CoordinatorLog<'_>) {
        if self.txn_log_writable(log, id).is_err() {
            // Not now: the next timeout check (or the new instance's retry) tries again.
            return;
        }
        if let Some(m) = self.txns.get_mut(id) {
            m.epoch = m.epoch.saturating_add(1);
        }
        self.set_state(ctx, id, TxnState::PrepareAbort);
        let _ = self.write_txn(ctx, id, Then::Markers(None), log);
    }

    /// Coordinator timers.
    pub(super) fn on_txn_timer(
        &mut self,
        ctx: &mut Ctx<'_>,
        timer: Timer,
        log: &mut CoordinatorLog<'_>,
    ) {
        match timer {
            Timer::TxnMarkerRetry => {
                self.retry_armed = false;
                self.send_markers(ctx, log);
            }
            Timer::TxnTimeoutCheck => {
                self.timeout_armed = false;
                let now = ctx.now;
                let expired: Vec<String> = self
                    .txns
                    .iter()
                    .filter(|(_, m)| m.state == TxnState::Ongoing && now >= m.start + m.timeout_ms)
                    .map(|(id, _)| id.clone())
                    .collect();
                for id in expired {
                    if log.led_coordinator_partition(TXN_TOPIC, &id).is_err() {
                        continue;
                    }
                    let m = &self.txns[&id];
                    ctx.event(Event::TxnTimedOut {
                        broker: self.broker,
                        transactional_id: id.clone(),
                        producer_id: m.producer_id,
                        epoch: m.epoch.saturating_add(1),
                        timeout_ms: m.timeout_ms,
                    });
                    self.bump_and_abort(ctx, &id, log);
                }
                if self.txns.values().any(|m| m.state == TxnState::Ongoing) {
                    self.arm_txn_timeout(ctx);
                }
            }
            _ => {}
        }
    }

    /// This broker became the leader of a `__transaction_state` partition: it reads the
    /// partition to rebuild the metadata, and completes the transactions it finds prepared.
    pub(super) fn load_txn_partition(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        epoch: u32,
        log: &mut CoordinatorLog<'_>,
    ) {
        let mut found: crate::vecmap::VecMap<String, TxnMetadata> = crate::vecmap::VecMap::new();
        if let Some(log) = log.log(tp) {
            for r in log.records() {
                if let (Some(k), Some(m)) = (&r.key, TxnMetadata::decode(&r.value)) {
                    found.insert(k.to_string(), m);
                }
            }
        }
        ctx.event(Event::TxnCoordinatorLoaded {
            broker: self.broker,
            tp: *tp,
            coordinator_epoch: epoch,
            transactions: found.len(),
        });
        let prepared: Vec<String> = found
            .iter()
            .filter(|(_, m)| matches!(m.state, TxnState::PrepareCommit | TxnState::PrepareAbort))
            .map(|(id, _)| id.clone())
            .collect();
        let ongoing = found.values().any(|m| m.state == TxnState::Ongoing);
        self.txns.extend(found);
        for id in prepared {
            self.start_markers(ctx, &id, log);
        }
        if ongoing {
            self.arm_txn_timeout(ctx);
        }
    }

    /// This broker no longer leads a `__transaction_state` partition: its transactions are
    /// forgotten, and the requests waiting on its writes are told `NOT_COORDINATOR`.
    pub(super) fn unload_txn_partition(
        &mut self,
        ctx: &mut Ctx<'_>,
        log: &CoordinatorLog<'_>,
        tp: &TopicPartition,
    ) {
        let n = log.internal_partitions(TXN_TOPIC);
        let ids: Vec<String> = self
            .txns
            .keys()
            .filter(|id| n == 0 || txn_partition(id, n) == tp.partition)
            .cloned()
            .collect();
        for id in &ids {
            self.txns.remove(id);
            self.markers.remove(id);
        }
        let lost: Vec<(TopicPartition, Offset)> = self
            .pending
            .keys()
            .filter(|(t, _)| t == tp)
            .cloned()
            .collect();
        for key in lost {
            if let Some((_, then)) = self.pending.remove(&key) {
                answer_not_coordinator(ctx, then);
            }
        }
    }

    /// The broker dies: clients waiting on the coordinator see their connection close.
    pub(super) fn kill_txn_coordinator(&mut self, ctx: &mut Ctx<'_>) {
        for (client, request, txn) in &self.producer_id_waiters {
            ctx.send(
                *client,
                Msg::Undeliverable(Box::new(Msg::InitProducerId {
                    request: *request,
                    transactional_id: txn.clone(),
                })),
            );
        }
        let pending = std::mem::take(&mut self.pending);
        for (_, (_, then)) in pending {
            answer_not_coordinator(ctx, then);
        }
        *self = Self::new(self.broker);
    }
}

fn answer_not_coordinator(ctx: &mut Ctx<'_>, then: Then) {
    let e = KafkaError::NotCoordinator;
    match then {
        Then::InitPid(client, request) => ctx.send(
            client,
            Msg::InitProducerIdResponse {
                request,
                result: Err(e),
            },
        ),
        Then::AddPartitions(client, request) => ctx.send(
            client,
            Msg::AddPartitionsToTxnResponse {
                request,
                result: Err(e),
            },
        ),
        Then::Markers(Some((client, request))) => ctx.send(
            client,
            Msg::EndTxnResponse {
                request,
                result: Err(e),
            },
        ),
        Then::Markers(None) | Then::Done => {}
    }
}
