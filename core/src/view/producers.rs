//! The producers tab: each producer's accumulator, in-flight requests and counters.

use crate::cluster::Cluster;
use crate::model::{BrokerId, TopicPartition};
use crate::sim::Millis;

/// One batch in a producer's accumulator (or in flight).
#[derive(Clone, Debug, PartialEq)]
pub struct BatchCell {
    /// Records in it.
    pub records: usize,
    /// Its estimated size in bytes.
    pub bytes: usize,
    /// `bytes / batch.size`, at most 1.
    pub fill: f64,
    /// It is being sent again.
    pub retry: bool,
    /// Its base sequence (-1 without idempotence, or before its first send).
    pub base_sequence: i32,
    /// Virtual ms since it was created.
    pub age_ms: Millis,
}

/// One partition's deque in the accumulator.
#[derive(Clone, Debug, PartialEq)]
pub struct DequeRow {
    /// The partition.
    pub tp: TopicPartition,
    /// Its leader, as the producer's metadata says.
    pub leader: Option<BrokerId>,
    /// Its batches, oldest first.
    pub batches: Vec<BatchCell>,
}

/// A produce request awaiting its answer.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestCell {
    /// The broker it went to.
    pub broker: BrokerId,
    /// Its batches.
    pub batches: Vec<(TopicPartition, BatchCell)>,
}

/// A producer, for the producer view.
#[derive(Clone, Debug, PartialEq)]
pub struct ProducerPanel {
    /// `client.id`.
    pub name: String,
    /// The client version whose defaults it has.
    pub version: crate::cluster::producer::ClientVersion,
    /// `acks`.
    pub acks: &'static str,
    /// `enable.idempotence`.
    pub idempotence: bool,
    /// `batch.size`.
    pub batch_size: usize,
    /// `linger.ms`.
    pub linger_ms: Millis,
    /// `max.in.flight.requests.per.connection`.
    pub max_in_flight: usize,
    /// `partitioner.class`.
    pub partitioner: &'static str,
    /// Producer id and epoch.
    pub producer_id: Option<(i64, i16)>,
    /// Next sequence per partition.
    pub sequences: Vec<(TopicPartition, i32)>,
    /// The accumulator.
    pub deques: Vec<DequeRow>,
    /// Requests in flight.
    pub in_flight: Vec<RequestCell>,
    /// Buffer in use and its cap.
    pub buffer: (usize, usize),
    /// Counters.
    pub stats: crate::cluster::producer::ProducerStats,
    /// Mean ack latency (ms).
    pub mean_latency_ms: f64,
}

/// Every producer client, for the producer view.
pub fn producers(cluster: &Cluster) -> Vec<ProducerPanel> {
    let now = cluster.now();
    cluster
        .producers
        .values()
        .map(|p| {
            let c = &p.config;
            let cell = |b: &crate::cluster::producer::ProducerBatch| BatchCell {
                records: b.records.len(),
                bytes: b.bytes,
                fill: (b.bytes as f64 / c.batch_size.max(1) as f64).min(1.0),
                retry: b.attempts > 0,
                base_sequence: b.base_sequence,
                age_ms: now.saturating_sub(b.created),
            };
            ProducerPanel {
                name: p.name.clone(),
                version: c.version,
                acks: c.acks.name(),
                idempotence: c.idempotence,
                batch_size: c.batch_size,
                linger_ms: c.linger_ms,
                max_in_flight: c.max_in_flight,
                partitioner: c.partitioner.class(),
                producer_id: p.producer_id.filter(|_| c.idempotence),
                sequences: p.sequences.iter().map(|(tp, s)| (*tp, *s)).collect(),
                deques: p
                    .accumulator
                    .iter()
                    .map(|(tp, dq)| DequeRow {
                        tp: *tp,
                        leader: p.metadata.get(tp).copied().flatten(),
                        batches: dq
                            .iter()
                            .filter_map(|id| p.batches.get(id))
                            .map(cell)
                            .collect(),
                    })
                    .collect(),
                in_flight: p
                    .in_flight
                    .values()
                    .map(|f| RequestCell {
                        broker: f.broker,
                        batches: f
                            .batches
                            .iter()
                            .filter_map(|id| p.batches.get(id))
                            .map(|b| (b.tp, cell(b)))
                            .collect(),
                    })
                    .collect(),
                buffer: (p.buffer_used, c.buffer_memory),
                stats: p.stats,
                mean_latency_ms: p.mean_latency_ms(),
            }
        })
        .collect()
}

/// A producer's counters without its accumulator (what a finished load run reports).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProducerTotals {
    /// Nothing buffered or in flight.
    pub idle: bool,
    /// Its counters.
    pub stats: crate::cluster::producer::ProducerStats,
    /// Mean virtual ms from send to acknowledgement.
    pub mean_latency_ms: f64,
}

/// The counters of the first producer (by client number) with this `client.id`.
pub fn producer_totals(cluster: &Cluster, name: &str) -> Option<ProducerTotals> {
    cluster
        .producers
        .values()
        .find(|p| p.name == name)
        .map(|p| ProducerTotals {
            idle: p.is_idle(),
            stats: p.stats,
            mean_latency_ms: p.mean_latency_ms(),
        })
}
