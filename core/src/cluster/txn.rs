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

use std::collections::{BTreeMap, BTreeSet};

use super::broker::Broker;
use super::msg::{Ctx, KafkaError, Msg, ProduceBatch, Timer};
use super::replica::Role;
use crate::config::BrokerConfig;
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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

/// The coordinator's state on one broker (volatile: lost when the broker dies).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TxnCoordinator {
    /// Transactions of the partitions this broker leads, by transactional id.
    pub txns: BTreeMap<String, TxnMetadata>,
    /// Metadata writes waiting for the high watermark: (partition, last offset) → what next.
    pending: BTreeMap<(TopicPartition, Offset), (String, Then)>,
    /// Markers not yet acknowledged, per transaction: partition → request in flight and when
    /// it left.
    markers: BTreeMap<String, BTreeMap<TopicPartition, Option<(u64, Millis)>>>,
    next_request: u64,
    retry_armed: bool,
    timeout_armed: bool,
}

impl Broker {
    /// The `__transaction_state` partition count, as the metadata cache has it.
    fn txn_partitions(&self) -> u32 {
        self.internal_partitions(TXN_TOPIC)
    }

    /// The partition of `id`, if this broker leads it (else `NOT_COORDINATOR`), with its
    /// leader epoch (the coordinator epoch).
    fn coordinator_partition(&self, id: &str) -> Result<(TopicPartition, u32), KafkaError> {
        self.led_coordinator_partition(TXN_TOPIC, id)
    }

    /// The partition count of an internal topic, as the metadata cache has it.
    pub(super) fn internal_partitions(&self, topic: &str) -> u32 {
        self.metadata
            .partitions
            .keys()
            .filter(|tp| tp.topic == topic)
            .count() as u32
    }

    /// The partition of `topic` coordinating `key`, if this broker leads it (else
    /// `NOT_COORDINATOR`), with its leader epoch (the coordinator epoch).
    pub(super) fn led_coordinator_partition(
        &self,
        topic: &str,
        key: &str,
    ) -> Result<(TopicPartition, u32), KafkaError> {
        let n = self.internal_partitions(topic);
        if n == 0 {
            return Err(KafkaError::CoordinatorNotAvailable);
        }
        let tp = TopicPartition::new(topic, crate::partitioner::coordinator_partition(key, n));
        match self.replica_manager.partitions.get(&tp) {
            Some(p) if p.role == Role::Leader => Ok((tp, p.leader_epoch)),
            _ => Err(KafkaError::NotCoordinator),
        }
    }

    /// `FindCoordinator`'s answer: the leader of the partition of `topic` coordinating `key`,
    /// from the metadata cache.
    pub(super) fn find_coordinator(&self, topic: &str, key: &str) -> Result<BrokerId, KafkaError> {
        let n = self.internal_partitions(topic);
        if n == 0 {
            return Err(KafkaError::CoordinatorNotAvailable);
        }
        let tp = TopicPartition::new(topic, crate::partitioner::coordinator_partition(key, n));
        self.metadata
            .leaders()
            .get(&tp)
            .copied()
            .flatten()
            .ok_or(KafkaError::CoordinatorNotAvailable)
    }

    /// `FindCoordinator`: the leader of the id's partition, from the metadata cache.
    pub(super) fn on_find_coordinator(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        key: &str,
    ) {
        let result = self.find_coordinator(TXN_TOPIC, key);
        ctx.send(from, Msg::FindCoordinatorResponse { request, result });
    }

    /// Appends a metadata record for `id` and remembers what to do once it is committed.
    fn write_txn(
        &mut self,
        ctx: &mut Ctx<'_>,
        id: &str,
        then: Then,
        config: &BrokerConfig,
    ) -> Result<(), KafkaError> {
        let (tp, epoch) = self.coordinator_partition(id)?;
        let meta = self.txn.txns.get(id).ok_or(KafkaError::InvalidTxnState)?;
        let record = NewRecord {
            send: 0,
            key: Some(id.to_string()),
            value: meta.encode(),
            timestamp: ctx.now,
        };
        let last = self.append_coordinator_records(ctx, &tp, epoch, vec![record], config);
        self.txn
            .pending
            .insert((tp.clone(), last), (id.to_string(), then));
        self.route_replica_changes(ctx, config);
        Ok(())
    }

    /// Called when a `__transaction_state` partition's high watermark moves: completes the
    /// writes it now covers.
    pub(super) fn txn_writes_committed(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        config: &BrokerConfig,
    ) {
        let hw = self.replica_manager.partitions.get(tp).map_or(0, |p| p.hw);
        for (id, then) in super::take_covered(&mut self.txn.pending, tp, hw) {
            let Some(meta) = self.txn.txns.get(&id).cloned() else {
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
                    self.start_markers(ctx, &id, config);
                }
                Then::Done => {}
            }
        }
    }

    fn set_state(&mut self, ctx: &mut Ctx<'_>, id: &str, to: TxnState) {
        let broker = self.id;
        if let Some(m) = self.txn.txns.get_mut(id) {
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
        if !self.txn.timeout_armed {
            self.txn.timeout_armed = true;
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
        config: &BrokerConfig,
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
        if let Err(e) = self.coordinator_partition(&id) {
            return answer(ctx, e);
        }
        let Some(meta) = self.txn.txns.get(&id).cloned() else {
            // A new transactional id: a producer id from the broker's block.
            self.producer_id_waiters
                .push((from, request, Some((id, timeout_ms))));
            self.hand_out_producer_ids(ctx, config);
            return;
        };
        match meta.state {
            TxnState::PrepareCommit | TxnState::PrepareAbort => {
                answer(ctx, KafkaError::ConcurrentTransactions)
            }
            TxnState::Ongoing => {
                // A new instance while a transaction is open: abort it with a bumped epoch
                // (fencing the old instance); the new one retries until the abort completes.
                self.bump_and_abort(ctx, &id, config);
                answer(ctx, KafkaError::ConcurrentTransactions);
            }
            _ => {
                let m = self.txn.txns.get_mut(&id).expect("present");
                m.epoch = m.epoch.saturating_add(1);
                m.timeout_ms = timeout_ms;
                m.partitions.clear();
                let (pid, epoch) = (m.producer_id, m.epoch);
                ctx.event(Event::TxnProducerIdInit {
                    broker: self.id,
                    transactional_id: id.clone(),
                    producer_id: pid,
                    epoch,
                });
                self.set_state(ctx, &id, TxnState::Empty);
                if let Err(e) = self.write_txn(ctx, &id, Then::InitPid(from, request), config) {
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
        config: &BrokerConfig,
    ) {
        if self.coordinator_partition(&id).is_err() || self.txn.txns.contains_key(&id) {
            ctx.send(
                client,
                Msg::InitProducerIdResponse {
                    request,
                    result: Err(KafkaError::NotCoordinator),
                },
            );
            return;
        }
        self.txn.txns.insert(
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
            broker: self.id,
            transactional_id: id.clone(),
            producer_id,
            epoch: 0,
        });
        if let Err(e) = self.write_txn(ctx, &id, Then::InitPid(client, request), config) {
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
    fn check_producer(&self, id: &str, pid: i64, epoch: i16) -> Result<TxnMetadata, KafkaError> {
        self.coordinator_partition(id)?;
        let meta = self.txn.txns.get(id).ok_or(KafkaError::InvalidTxnState)?;
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
        config: &BrokerConfig,
    ) {
        let result = self.check_producer(&id, pid, epoch).and_then(|meta| {
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
            let now = ctx.now;
            let m = self.txn.txns.get_mut(&id).expect("checked");
            if m.state != TxnState::Ongoing {
                m.start = now;
                m.partitions.clear();
            }
            m.partitions.extend(partitions.iter().cloned());
            self.set_state(ctx, &id, TxnState::Ongoing);
            self.write_txn(ctx, &id, Then::AddPartitions(from, request), config)
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
        config: &BrokerConfig,
    ) {
        let result =
            self.check_producer(&id, pid, epoch)
                .and_then(|meta| match (meta.state, commit) {
                    (TxnState::Ongoing, _) => {
                        let to = if commit {
                            TxnState::PrepareCommit
                        } else {
                            TxnState::PrepareAbort
                        };
                        self.set_state(ctx, &id, to);
                        self.write_txn(ctx, &id, Then::Markers(Some((from, request))), config)
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
    fn bump_and_abort(&mut self, ctx: &mut Ctx<'_>, id: &str, config: &BrokerConfig) {
        if let Some(m) = self.txn.txns.get_mut(id) {
            m.epoch = m.epoch.saturating_add(1);
        }
        self.set_state(ctx, id, TxnState::PrepareAbort);
        let _ = self.write_txn(ctx, id, Then::Markers(None), config);
    }

    /// Starts writing a prepared transaction's markers to its partitions' leaders.
    fn start_markers(&mut self, ctx: &mut Ctx<'_>, id: &str, config: &BrokerConfig) {
        let Some(meta) = self.txn.txns.get(id) else {
            return;
        };
        let waiting = meta.partitions.iter().map(|t| (t.clone(), None)).collect();
        self.txn.markers.insert(id.to_string(), waiting);
        self.send_markers(ctx, config);
    }

    /// Sends the markers not in flight, grouped by leader.
    fn send_markers(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig) {
        let leaders = self.metadata.leaders();
        let now = ctx.now;
        let mut by_leader: BTreeMap<BrokerId, Vec<ProduceBatch>> = BTreeMap::new();
        let mut sent: Vec<(String, TopicPartition, BrokerId)> = Vec::new();
        let mut complete: Vec<String> = Vec::new();
        for (id, parts) in &self.txn.markers {
            let Some(meta) = self.txn.txns.get(id) else {
                continue;
            };
            let Ok((_, coordinator_epoch)) = self.coordinator_partition(id) else {
                continue;
            };
            if parts.is_empty() {
                complete.push(id.clone());
                continue;
            }
            let marker = if meta.state == TxnState::PrepareCommit {
                Marker::Commit
            } else {
                Marker::Abort
            };
            for (tp, flight) in parts {
                if flight.is_some_and(|(_, at)| now < at + MARKER_REQUEST_TIMEOUT_MS) {
                    continue;
                }
                let Some(leader) = leaders.get(tp).copied().flatten() else {
                    continue;
                };
                by_leader.entry(leader).or_default().push(ProduceBatch {
                    tp: tp.clone(),
                    records: Vec::new(),
                    producer: ProducerFields {
                        id: meta.producer_id,
                        epoch: meta.epoch,
                        base_sequence: NO_SEQUENCE,
                        transactional: true,
                        codec: crate::storage::batch::Codec::None,
                    },
                    control: Some((marker, i32::try_from(coordinator_epoch).unwrap_or(i32::MAX))),
                });
                sent.push((id.clone(), tp.clone(), leader));
            }
        }
        let mut requests: BTreeMap<BrokerId, u64> = BTreeMap::new();
        for (leader, batches) in by_leader {
            self.txn.next_request += 1;
            let request = self.txn.next_request;
            requests.insert(leader, request);
            ctx.send(
                NodeId::Broker(leader),
                Msg::WriteTxnMarkers { request, batches },
            );
        }
        for (id, tp, leader) in sent {
            if let Some(slot) = self.txn.markers.get_mut(&id).and_then(|m| m.get_mut(&tp)) {
                *slot = Some((requests[&leader], now));
            }
        }
        for id in complete {
            self.complete_txn(ctx, &id, config);
        }
        if self.txn.markers.values().any(|m| !m.is_empty()) && !self.txn.retry_armed {
            self.txn.retry_armed = true;
            ctx.timer(MARKER_RETRY_MS, Timer::TxnMarkerRetry);
        }
    }

    /// Every marker is written: `CompleteCommit` / `CompleteAbort`.
    fn complete_txn(&mut self, ctx: &mut Ctx<'_>, id: &str, config: &BrokerConfig) {
        self.txn.markers.remove(id);
        let to = match self.txn.txns.get(id).map(|m| m.state) {
            Some(TxnState::PrepareCommit) => TxnState::CompleteCommit,
            Some(TxnState::PrepareAbort) => TxnState::CompleteAbort,
            _ => return,
        };
        self.set_state(ctx, id, to);
        if let Some(m) = self.txn.txns.get_mut(id) {
            m.partitions.clear();
        }
        let _ = self.write_txn(ctx, id, Then::Done, config);
    }

    /// A partition leader's answer to `WriteTxnMarkers`.
    pub(super) fn on_write_txn_markers_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        results: &[(TopicPartition, Result<Offset, KafkaError>)],
        config: &BrokerConfig,
    ) {
        for parts in self.txn.markers.values_mut() {
            for (tp, result) in results {
                if let Some(slot) = parts.get(tp) {
                    if slot.is_some_and(|(r, _)| r == request) {
                        if result.is_ok() {
                            parts.remove(tp);
                        } else if let Some(s) = parts.get_mut(tp) {
                            *s = None;
                        }
                    }
                }
            }
        }
        let done: Vec<String> = self
            .txn
            .markers
            .iter()
            .filter(|(_, m)| m.is_empty())
            .map(|(id, _)| id.clone())
            .collect();
        for id in done {
            self.complete_txn(ctx, &id, config);
        }
        if self.txn.markers.values().any(|m| !m.is_empty()) && !self.txn.retry_armed {
            self.txn.retry_armed = true;
            ctx.timer(MARKER_RETRY_MS, Timer::TxnMarkerRetry);
        }
    }

    /// A marker request could not be delivered: send it again later.
    pub(super) fn on_write_txn_markers_failed(&mut self, ctx: &mut Ctx<'_>, request: u64) {
        for parts in self.txn.markers.values_mut() {
            for slot in parts.values_mut() {
                if slot.is_some_and(|(r, _)| r == request) {
                    *slot = None;
                }
            }
        }
        if !self.txn.retry_armed {
            self.txn.retry_armed = true;
            ctx.timer(MARKER_RETRY_MS, Timer::TxnMarkerRetry);
        }
    }

    /// Coordinator timers.
    pub(super) fn on_txn_timer(&mut self, ctx: &mut Ctx<'_>, timer: Timer, config: &BrokerConfig) {
        match timer {
            Timer::TxnMarkerRetry => {
                self.txn.retry_armed = false;
                self.send_markers(ctx, config);
            }
            Timer::TxnTimeoutCheck => {
                self.txn.timeout_armed = false;
                let now = ctx.now;
                let expired: Vec<String> = self
                    .txn
                    .txns
                    .iter()
                    .filter(|(_, m)| m.state == TxnState::Ongoing && now >= m.start + m.timeout_ms)
                    .map(|(id, _)| id.clone())
                    .collect();
                for id in expired {
                    if self.coordinator_partition(&id).is_err() {
                        continue;
                    }
                    let m = &self.txn.txns[&id];
                    ctx.event(Event::TxnTimedOut {
                        broker: self.id,
                        transactional_id: id.clone(),
                        producer_id: m.producer_id,
                        epoch: m.epoch.saturating_add(1),
                        timeout_ms: m.timeout_ms,
                    });
                    self.bump_and_abort(ctx, &id, config);
                }
                if self.txn.txns.values().any(|m| m.state == TxnState::Ongoing) {
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
        config: &BrokerConfig,
    ) {
        let mut found: BTreeMap<String, TxnMetadata> = BTreeMap::new();
        if let Some(log) = self.replica_manager.logs.get(tp) {
            for r in log.records() {
                if let (Some(k), Some(m)) = (&r.key, TxnMetadata::decode(&r.value)) {
                    found.insert(k.clone(), m);
                }
            }
        }
        ctx.event(Event::TxnCoordinatorLoaded {
            broker: self.id,
            tp: tp.clone(),
            coordinator_epoch: epoch,
            transactions: found.len(),
        });
        let prepared: Vec<String> = found
            .iter()
            .filter(|(_, m)| matches!(m.state, TxnState::PrepareCommit | TxnState::PrepareAbort))
            .map(|(id, _)| id.clone())
            .collect();
        let ongoing = found.values().any(|m| m.state == TxnState::Ongoing);
        self.txn.txns.extend(found);
        for id in prepared {
            self.start_markers(ctx, &id, config);
        }
        if ongoing {
            self.arm_txn_timeout(ctx);
        }
    }

    /// This broker no longer leads a `__transaction_state` partition: its transactions are
    /// forgotten, and the requests waiting on its writes are told `NOT_COORDINATOR`.
    pub(super) fn unload_txn_partition(&mut self, ctx: &mut Ctx<'_>, tp: &TopicPartition) {
        let n = self.txn_partitions();
        let ids: Vec<String> = self
            .txn
            .txns
            .keys()
            .filter(|id| n == 0 || txn_partition(id, n) == tp.partition)
            .cloned()
            .collect();
        for id in &ids {
            self.txn.txns.remove(id);
            self.txn.markers.remove(id);
        }
        let lost: Vec<(TopicPartition, Offset)> = self
            .txn
            .pending
            .keys()
            .filter(|(t, _)| t == tp)
            .cloned()
            .collect();
        for key in lost {
            if let Some((_, then)) = self.txn.pending.remove(&key) {
                answer_not_coordinator(ctx, then);
            }
        }
    }

    /// The broker dies: clients waiting on the coordinator see their connection close.
    pub(super) fn kill_txn_coordinator(&mut self, ctx: &mut Ctx<'_>) {
        let pending = std::mem::take(&mut self.txn.pending);
        for (_, (_, then)) in pending {
            answer_not_coordinator(ctx, then);
        }
        self.txn = TxnCoordinator::default();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_hash_code_and_partition() {
        assert_eq!(java_string_hash(""), 0);
        assert_eq!(java_string_hash("a"), 97);
        assert_eq!(java_string_hash("hello"), 99_162_322);
        // "polygenelubricants".hashCode() is Integer.MIN_VALUE: Utils.abs maps it to 0.
        assert_eq!(java_string_hash("polygenelubricants"), i32::MIN);
        assert_eq!(txn_partition("polygenelubricants", 50), 0);
        // Negative hash codes: "Aa" * 6 and the like; -abs.
        let h = java_string_hash("transactional-producer-zz");
        assert_eq!(
            txn_partition("transactional-producer-zz", 50),
            (kafka_abs(h) % 50) as u32
        );
        assert_eq!(kafka_abs(-5), 5);
    }

    #[test]
    fn metadata_round_trips_through_its_record() {
        let m = TxnMetadata {
            producer_id: 1000,
            epoch: 3,
            state: TxnState::PrepareCommit,
            partitions: [
                TopicPartition::new("orders", 0),
                TopicPartition::new("pay", 2),
            ]
            .into_iter()
            .collect(),
            timeout_ms: 60_000,
            start: 1234,
        };
        assert_eq!(TxnMetadata::decode(&m.encode()), Some(m.clone()));
        let empty = TxnMetadata {
            partitions: BTreeSet::new(),
            state: TxnState::Empty,
            ..m
        };
        assert_eq!(TxnMetadata::decode(&empty.encode()), Some(empty));
        assert_eq!(TxnMetadata::decode("garbage"), None);
    }
}
