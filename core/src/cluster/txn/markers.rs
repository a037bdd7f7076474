//! `TransactionMarkerChannelManager`: a prepared transaction's markers sent to its partitions'
//! leaders (grouped by leader in `WriteTxnMarkers`), retried until each is written, then the
//! transaction completes (`CompleteCommit` / `CompleteAbort`).

use super::*;
use crate::idxmap::IdxMap;

impl TransactionCoordinator {
    /// Starts writing a prepared transaction's markers to its partitions' leaders.
    pub(super) fn start_markers(
        &mut self,
        ctx: &mut Ctx<'_>,
        id: &str,
        log: &mut CoordinatorLog<'_>,
    ) {
        let Some(meta) = self.txns.get(id) else {
            return;
        };
        let waiting = meta
            .partitions
            .iter()
            .map(|t| (*t, None))
            .collect::<IdxMap<_, _>>();
        self.markers.insert(id.to_string(), waiting);
        self.send_markers(ctx, log);
    }

    /// Sends the markers not in flight, grouped by leader.
    pub(super) fn send_markers(&mut self, ctx: &mut Ctx<'_>, log: &mut CoordinatorLog<'_>) {
        let leaders = log.leaders();
        let now = ctx.now;
        let mut by_leader: IdxMap<BrokerId, Vec<ProduceBatch>> = IdxMap::new();
        let mut sent: Vec<(String, TopicPartition, BrokerId)> = Vec::new();
        let mut complete: Vec<String> = Vec::new();
        for (id, parts) in &self.markers {
            let Some(meta) = self.txns.get(id) else {
                continue;
            };
            let Ok((_, coordinator_epoch)) = log.led_coordinator_partition(TXN_TOPIC, id) else {
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
                    tp: *tp,
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
                sent.push((id.clone(), *tp, leader));
            }
        }
        let mut requests: IdxMap<BrokerId, u64> = IdxMap::new();
        for (leader, batches) in by_leader {
            self.next_request += 1;
            let request = self.next_request;
            requests.insert(leader, request);
            ctx.send(
                NodeId::Broker(leader),
                Msg::WriteTxnMarkers { request, batches },
            );
        }
        for (id, tp, leader) in sent {
            if let Some(slot) = self.markers.get_mut(&id).and_then(|m| m.get_mut(&tp)) {
                *slot = Some((requests[&leader], now));
            }
        }
        for id in complete {
            self.complete_txn(ctx, &id, log);
        }
        if self.markers.values().any(|m| !m.is_empty()) && !self.retry_armed {
            self.retry_armed = true;
            ctx.timer(MARKER_RETRY_MS, Timer::TxnMarkerRetry);
        }
    }

    /// Every marker is written: `CompleteCommit` / `CompleteAbort`.
    pub(super) fn complete_txn(
        &mut self,
        ctx: &mut Ctx<'_>,
        id: &str,
        log: &mut CoordinatorLog<'_>,
    ) {
        if self.txn_log_writable(log, id).is_err() {
            // The completion record cannot be written yet (too few in-sync replicas of the
            // transaction log): kept, with no markers left, and retried with the markers.
            if !self.retry_armed {
                self.retry_armed = true;
                ctx.timer(MARKER_RETRY_MS, Timer::TxnMarkerRetry);
            }
            return;
        }
        self.markers.remove(id);
        let to = match self.txns.get(id).map(|m| m.state) {
            Some(TxnState::PrepareCommit) => TxnState::CompleteCommit,
            Some(TxnState::PrepareAbort) => TxnState::CompleteAbort,
            _ => return,
        };
        self.set_state(ctx, id, to);
        if let Some(m) = self.txns.get_mut(id) {
            m.partitions.clear();
        }
        let _ = self.write_txn(ctx, id, Then::Done, log);
    }

    /// A partition leader's answer to `WriteTxnMarkers`.
    pub(in crate::cluster) fn on_write_txn_markers_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
        results: &[(TopicPartition, Result<Offset, KafkaError>)],
        log: &mut CoordinatorLog<'_>,
    ) {
        for parts in self.markers.values_mut() {
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
            .markers
            .iter()
            .filter(|(_, m)| m.is_empty())
            .map(|(id, _)| id.clone())
            .collect();
        for id in done {
            self.complete_txn(ctx, &id, log);
        }
        if self.markers.values().any(|m| !m.is_empty()) && !self.retry_armed {
            self.retry_armed = true;
            ctx.timer(MARKER_RETRY_MS, Timer::TxnMarkerRetry);
        }
    }

    /// A marker request could not be delivered: send it again later.
    pub(in crate::cluster) fn on_write_txn_markers_failed(
        &mut self,
        ctx: &mut Ctx<'_>,
        request: u64,
    ) {
        for parts in self.markers.values_mut() {
            for slot in parts.values_mut() {
                if slot.is_some_and(|(r, _)| r == request) {
                    *slot = None;
                }
            }
        }
        if !self.retry_armed {
            self.retry_armed = true;
            ctx.timer(MARKER_RETRY_MS, Timer::TxnMarkerRetry);
        }
    }
}
