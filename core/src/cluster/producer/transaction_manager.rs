//! The `TransactionManager`: a transactional producer's states, FindCoordinator,
//! `InitProducerId`, `AddPartitionsToTxn`, `EndTxn`, and their retries.

use super::*;
use crate::sort::Collect as _;

/// Where a transactional producer is (`TransactionManager.State`, simplified).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TxnClientState {
    /// `initTransactions()` not called yet.
    Uninitialized,
    /// `initTransactions()` waiting for its producer id and epoch.
    Initializing,
    /// No transaction open.
    Ready,
    /// `beginTransaction()` called: sends go in the transaction.
    InTransaction,
    /// `commitTransaction()`: flushing, then EndTxn(commit).
    Committing,
    /// `abortTransaction()`: dropping unsent batches, then EndTxn(abort).
    Aborting,
    /// Fenced by a newer epoch (`ProducerFencedException`): the instance must close.
    Fenced,
}

impl TxnClientState {
    /// A name for output.
    pub fn name(self) -> &'static str {
        match self {
            TxnClientState::Uninitialized => "UNINITIALIZED",
            TxnClientState::Initializing => "INITIALIZING",
            TxnClientState::Ready => "READY",
            TxnClientState::InTransaction => "IN_TRANSACTION",
            TxnClientState::Committing => "COMMITTING_TRANSACTION",
            TxnClientState::Aborting => "ABORTING_TRANSACTION",
            TxnClientState::Fenced => "FATAL_ERROR (fenced)",
        }
    }
}

/// A transactional producer's `TransactionManager`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TxnClient {
    /// `transactional.id`.
    pub id: String,
    /// `transaction.timeout.ms`.
    pub timeout_ms: Millis,
    /// The coordinator, once found.
    pub coordinator: Option<BrokerId>,
    /// The state.
    pub state: TxnClientState,
    /// Partitions added to the open transaction.
    pub added: BTreeSet<TopicPartition>,
    /// Partitions in the AddPartitionsToTxn request in flight.
    pub adding: BTreeSet<TopicPartition>,
    /// A send of the open transaction failed: it can only abort.
    pub abortable: Option<KafkaError>,
    /// How the last commit or abort ended: Ok(committed?) or the error.
    pub last_result: Option<Result<bool, KafkaError>>,
    /// Transactions committed and aborted by this instance.
    pub committed: u32,
    /// Transactions aborted.
    pub aborted: u32,
    pub(super) last_coordinator: Option<BrokerId>,
    pub(super) find_in_flight: Option<u64>,
    pub(super) add_in_flight: Option<u64>,
    pub(super) end_in_flight: Option<u64>,
    pub(super) backoff_until: Millis,
}

impl TxnClient {
    pub(super) fn new(id: &str, timeout_ms: Millis) -> Self {
        Self {
            id: id.to_string(),
            timeout_ms,
            coordinator: None,
            state: TxnClientState::Uninitialized,
            added: BTreeSet::new(),
            adding: BTreeSet::new(),
            abortable: None,
            last_result: None,
            committed: 0,
            aborted: 0,
            last_coordinator: None,
            find_in_flight: None,
            add_in_flight: None,
            end_in_flight: None,
            backoff_until: 0,
        }
    }

    /// True while a request to the coordinator awaits its answer.
    pub fn busy(&self) -> bool {
        self.find_in_flight.is_some()
            || self.add_in_flight.is_some()
            || self.end_in_flight.is_some()
    }
}

impl Producer {
    /// The transaction manager's next step (`TransactionManager.nextRequest`): find the
    /// coordinator, get the producer id, add new partitions, end the transaction. True if
    /// the sender may drain batches.
    pub(super) fn txn_step(&mut self, ctx: &mut Ctx<'_>) -> bool {
        let now = ctx.now;
        let Some(t) = self.txn.as_ref() else {
            return true;
        };
        if t.state == TxnClientState::Fenced {
            let ids: Vec<u64> = self.batches.keys().copied().collect();
            for id in ids {
                if self.batches.get(&id).is_some_and(|b| b.in_flight.is_none()) {
                    self.fail(ctx, id, KafkaError::ProducerFenced);
                }
            }
            return false;
        }
        if t.state == TxnClientState::Uninitialized {
            return false;
        }
        if now < t.backoff_until {
            let (at, known) = (t.backoff_until, t.coordinator.is_some());
            self.schedule(ctx, at);
            return self.producer_id.is_some() && known;
        }
        if t.coordinator.is_none() {
            if t.find_in_flight.is_none() && self.init_pid_in_flight.is_none() {
                let key = t.id.clone();
                if let Some(broker) = self.least_loaded(now) {
                    let request = self.next_request;
                    self.next_request += 1;
                    self.asked.insert(request, broker);
                    if let Some(t) = self.txn.as_mut() {
                        t.find_in_flight = Some(request);
                    }
                    ctx.send(
                        NodeId::Broker(broker),
                        Msg::FindCoordinator { request, key },
                    );
                    ctx.timer(
                        self.config.request_timeout_ms,
                        Timer::ProducerRequestTimeout { request },
                    );
                }
            }
            return false;
        }
        if self.producer_id.is_none() {
            self.init_producer_id(ctx);
            return false;
        }
        let coordinator = t.coordinator.expect("checked");
        let (pid, epoch) = self.producer_id.expect("checked");
        let id = t.id.clone();
        // Partitions with records that the transaction does not have yet.
        if t.add_in_flight.is_none()
            && matches!(
                t.state,
                TxnClientState::InTransaction | TxnClientState::Committing
            )
        {
            let new: BTreeSet<TopicPartition> = self
                .accumulator
                .iter()
                .filter(|(tp, dq)| !dq.is_empty() && !t.added.contains(*tp))
                .map(|(tp, _)| *tp)
                .collect_set();
            if !new.is_empty() {
                let request = self.next_request;
                self.next_request += 1;
                self.asked.insert(request, coordinator);
                ctx.send(
                    NodeId::Broker(coordinator),
                    Msg::AddPartitionsToTxn {
                        request,
                        transactional_id: id.clone(),
                        producer_id: pid,
                        epoch,
                        partitions: new.iter().cloned().collect(),
                    },
                );
                ctx.timer(
                    self.config.request_timeout_ms,
                    Timer::ProducerRequestTimeout { request },
                );
                let t = self.txn.as_mut().expect("transactional");
                t.adding = new;
                t.add_in_flight = Some(request);
            }
        }
        let t = self.txn.as_ref().expect("transactional");
        let ending = matches!(
            t.state,
            TxnClientState::Committing | TxnClientState::Aborting
        );
        if ending
            && self.batches.is_empty()
            && self.blocked.is_empty()
            && t.add_in_flight.is_none()
            && t.end_in_flight.is_none()
        {
            if t.added.is_empty() {
                // Nothing was sent: the client ends it alone, no EndTxn.
                let committed = t.state == TxnClientState::Committing && t.abortable.is_none();
                self.finish_txn(Ok(committed));
            } else {
                let commit = t.state == TxnClientState::Committing && t.abortable.is_none();
                let request = self.next_request;
                self.next_request += 1;
                self.asked.insert(request, coordinator);
                ctx.send(
                    NodeId::Broker(coordinator),
                    Msg::EndTxn {
                        request,
                        transactional_id: id,
                        producer_id: pid,
                        epoch,
                        commit,
                    },
                );
                ctx.timer(
                    self.config.request_timeout_ms,
                    Timer::ProducerRequestTimeout { request },
                );
                if let Some(t) = self.txn.as_mut() {
                    t.end_in_flight = Some(request);
                }
            }
        }
        true
    }

    /// The transaction ended (or could not).
    pub(super) fn finish_txn(&mut self, result: Result<bool, KafkaError>) {
        if let Some(t) = self.txn.as_mut() {
            match result {
                Ok(true) => t.committed += 1,
                Ok(false) => t.aborted += 1,
                Err(_) => {}
            }
            t.last_result = Some(match (result, t.abortable) {
                (Ok(false), Some(e)) if t.state == TxnClientState::Committing => Err(e),
                (r, _) => r,
            });
            t.state = TxnClientState::Ready;
            t.added.clear();
            t.adding.clear();
            t.abortable = None;
        }
    }

    /// A transactional request failed: fenced, or retry after the backoff (finding the
    /// coordinator again if it moved).
    pub(super) fn txn_retry(&mut self, ctx: &mut Ctx<'_>, error: KafkaError) {
        let backoff = self.config.retry_backoff_ms;
        let Some(t) = self.txn.as_mut() else {
            self.schedule(ctx, ctx.now + backoff);
            return;
        };
        match error {
            KafkaError::ProducerFenced | KafkaError::InvalidProducerEpoch => {
                t.state = TxnClientState::Fenced;
                t.last_result = Some(Err(KafkaError::ProducerFenced));
            }
            KafkaError::NotCoordinator
            | KafkaError::CoordinatorNotAvailable
            | KafkaError::NetworkException
            | KafkaError::RequestTimedOut => {
                t.coordinator = None;
            }
            _ => {}
        }
        t.backoff_until = ctx.now + backoff;
        self.schedule(ctx, ctx.now + backoff);
    }

    pub(super) fn txn_request_failed(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        error: KafkaError,
    ) {
        let Some(t) = self.txn.as_mut() else {
            return;
        };
        if t.find_in_flight == Some(request) {
            t.find_in_flight = None;
        } else if t.add_in_flight == Some(request) {
            t.add_in_flight = None;
            t.adding.clear();
        } else if t.end_in_flight == Some(request) {
            t.end_in_flight = None;
        } else {
            return;
        }
        if let Some(b) = self.asked.remove(&request) {
            self.mark_unreachable(b, ctx.now);
        }
        self.txn_retry(ctx, error);
    }

    /// `initTransactions()`: find the coordinator and get the producer id and epoch.
    pub fn init_transactions(&mut self, ctx: &mut Ctx<'_>) {
        if let Some(t) = self.txn.as_mut() {
            if t.state == TxnClientState::Uninitialized {
                t.state = TxnClientState::Initializing;
            }
        }
        self.schedule(ctx, ctx.now);
    }

    /// `beginTransaction()`.
    pub fn begin_transaction(&mut self) -> Result<(), String> {
        let t = self.txn.as_mut().ok_or("not a transactional producer")?;
        match t.state {
            TxnClientState::Ready => {
                t.state = TxnClientState::InTransaction;
                t.last_result = None;
                Ok(())
            }
            s => Err(format!(
                "TransactionalId {}: Invalid transition attempted from state {} to state IN_TRANSACTION",
                t.id,
                s.name()
            )),
        }
    }

    /// `commitTransaction()` (true) or `abortTransaction()`: flush (or drop unsent batches),
    /// then EndTxn.
    pub fn end_transaction(&mut self, ctx: &mut Ctx<'_>, commit: bool) -> Result<(), String> {
        let t = self.txn.as_mut().ok_or("not a transactional producer")?;
        if t.state != TxnClientState::InTransaction {
            return Err(format!(
                "TransactionalId {}: Invalid transition attempted from state {} to state {}",
                t.id,
                t.state.name(),
                if commit {
                    "COMMITTING_TRANSACTION"
                } else {
                    "ABORTING_TRANSACTION"
                }
            ));
        }
        t.state = if commit {
            TxnClientState::Committing
        } else {
            TxnClientState::Aborting
        };
        if !commit {
            // Batches not yet sent are dropped (`TransactionManager.abortUndrainedBatches`).
            let unsent: Vec<u64> = self
                .batches
                .values()
                .filter(|b| b.in_flight.is_none())
                .map(|b| b.id)
                .collect();
            for id in unsent {
                self.fail(ctx, id, KafkaError::TransactionAborted);
            }
            while let Some((_, r, _)) = self.blocked.pop_front() {
                self.sends.remove(&r.send);
                Self::note(
                    ctx,
                    LedgerNote::Failed {
                        send: r.send,
                        error: KafkaError::TransactionAborted,
                    },
                );
            }
        }
        self.schedule(ctx, ctx.now);
        Ok(())
    }
}
