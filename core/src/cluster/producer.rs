//! A producer client, as the Kafka 2.x Java producer behaves with its defaults of the notes'
//! era (`acks=1`, `enable.idempotence=false`, `retries=2147483647`, `retry.backoff.ms=100`,
//! `request.timeout.ms=30000`, `delivery.timeout.ms=120000`).
//!
//! Each record travels alone in its own produce request to the partition's leader, which the
//! producer learns from a broker's metadata. A retriable error — or no answer within
//! `request.timeout.ms`, or a broken connection — sends the same record again after
//! `retry.backoff.ms`, refreshing the metadata first when the leader may have moved. That
//! retry is how the notes' duplicate arises: the first attempt may well have been appended.
//! (The producer lab adds batching, the accumulator, idempotence and transactions.)

use std::collections::BTreeMap;

use super::msg::{Acks, Ctx, Effect, KafkaError, Msg, Timer};
use crate::ledger::LedgerNote;
use crate::log::{NewRecord, Offset, SendId};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::sim::Millis;

/// The producer settings a send was made with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProducerSettings {
    /// `acks`.
    pub acks: Acks,
    /// `retries`.
    pub retries: u32,
    /// `retry.backoff.ms`.
    pub retry_backoff_ms: Millis,
    /// `request.timeout.ms`.
    pub request_timeout_ms: Millis,
    /// `delivery.timeout.ms`.
    pub delivery_timeout_ms: Millis,
}

impl Default for ProducerSettings {
    fn default() -> Self {
        Self {
            acks: Acks::One,
            retries: i32::MAX as u32,
            retry_backoff_ms: 100,
            request_timeout_ms: 30_000,
            delivery_timeout_ms: 120_000,
        }
    }
}

impl ProducerSettings {
    /// Applies a `--producer-property k=v`; errors name the problem as Kafka's `ConfigException`.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let invalid = |why: &str| format!("Invalid value {value} for configuration {key}: {why}");
        let number = || {
            value
                .trim()
                .parse::<u64>()
                .map_err(|_| invalid("Not a number of type LONG"))
        };
        match key {
            "acks" => {
                self.acks = Acks::parse(value).ok_or_else(|| invalid("String must be one of: all, -1, 0, 1"))?
            }
            "retries" => {
                self.retries = u32::try_from(number()?).map_err(|_| invalid("Not a number of type INT"))?
            }
            "retry.backoff.ms" => self.retry_backoff_ms = number()?,
            "request.timeout.ms" => self.request_timeout_ms = number()?,
            "delivery.timeout.ms" => self.delivery_timeout_ms = number()?,
            "enable.idempotence" => match value.trim() {
                "false" => {}
                "true" => {
                    return Err(
                        "enable.idempotence=true is not simulated yet (the producer lab adds it); the lab's producer runs with the Kafka 2.x default, false"
                            .into(),
                    )
                }
                _ => return Err(invalid("Expected value to be either true or false")),
            },
            "bootstrap.servers" | "client.id" | "linger.ms" | "batch.size" | "max.in.flight.requests.per.connection" => {}
            other => return Err(format!("Unknown producer config {other}")),
        }
        Ok(())
    }
}

/// A send the producer is still working on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingSend {
    /// Where it goes.
    pub tp: TopicPartition,
    /// The record.
    pub record: NewRecord,
    /// Its settings.
    pub settings: ProducerSettings,
    /// When `send()` was called.
    pub first_sent: Millis,
    /// Produce requests made so far.
    pub attempts: u32,
    /// The request waiting for an answer.
    pub in_flight: Option<u64>,
}

/// A producer client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Producer {
    /// Its node id number (`NodeId::Client`).
    pub id: u32,
    /// `client.id`.
    pub name: String,
    /// Bumped when the producer restarts, so its old timers are ignored.
    pub incarnation: u32,
    /// Leaders, as the last metadata said.
    pub metadata: BTreeMap<TopicPartition, Option<BrokerId>>,
    /// Sends in progress.
    pub sends: BTreeMap<SendId, PendingSend>,
    /// The brokers it may ask for metadata (`bootstrap.servers`).
    pub bootstrap: Vec<BrokerId>,
    /// The keyless-record counter of Kafka 2.x's `DefaultPartitioner`.
    pub round_robin: u32,
    metadata_in_flight: Option<u64>,
    next_bootstrap: usize,
    next_request: u64,
    requests: BTreeMap<u64, SendId>,
}

/// Delay before asking for metadata again when no broker answered.
const METADATA_RETRY_MS: Millis = 100;

impl Producer {
    /// A producer that bootstraps from `bootstrap`.
    pub fn new(id: u32, name: &str, bootstrap: Vec<BrokerId>) -> Self {
        Self {
            id,
            name: name.to_string(),
            incarnation: 0,
            metadata: BTreeMap::new(),
            sends: BTreeMap::new(),
            bootstrap,
            round_robin: 0,
            metadata_in_flight: None,
            next_bootstrap: 0,
            next_request: 1,
            requests: BTreeMap::new(),
        }
    }

    fn note(ctx: &mut Ctx<'_>, note: LedgerNote) {
        ctx.out.push(Effect::Ledger(note));
    }

    /// `producer.send()`.
    pub fn send(
        &mut self,
        ctx: &mut Ctx<'_>,
        send: SendId,
        tp: TopicPartition,
        record: NewRecord,
        settings: ProducerSettings,
    ) {
        self.sends.insert(
            send,
            PendingSend {
                tp,
                record,
                settings,
                first_sent: ctx.now,
                attempts: 0,
                in_flight: None,
            },
        );
        self.attempt(ctx, send);
    }

    /// Sends (or resends) a record to its leader, after metadata if needed.
    fn attempt(&mut self, ctx: &mut Ctx<'_>, send: SendId) {
        let Some(p) = self.sends.get(&send) else {
            return;
        };
        let Some(leader) = self.metadata.get(&p.tp).copied().flatten() else {
            self.request_metadata(ctx);
            return;
        };
        let request = self.next_request;
        self.next_request += 1;
        let p = self.sends.get_mut(&send).expect("present");
        p.attempts += 1;
        p.in_flight = Some(request);
        self.requests.insert(request, send);
        let settings = p.settings;
        ctx.send(
            NodeId::Broker(leader),
            Msg::Produce {
                request,
                tp: p.tp.clone(),
                records: vec![p.record.clone()],
                acks: settings.acks,
                timeout_ms: settings.request_timeout_ms,
            },
        );
        Self::note(ctx, LedgerNote::Attempt { send });
        if settings.acks == Acks::Zero {
            // Fire and forget: the Java client completes an acks=0 send once it is written to
            // the socket, with offset -1.
            self.sends.remove(&send);
            self.requests.remove(&request);
            Self::note(ctx, LedgerNote::Acked { send, offset: None });
        } else {
            ctx.timer(
                settings.request_timeout_ms,
                Timer::ProducerRequestTimeout { request },
            );
        }
    }

    fn request_metadata(&mut self, ctx: &mut Ctx<'_>) {
        if self.metadata_in_flight.is_some() || self.bootstrap.is_empty() {
            return;
        }
        let broker = self.bootstrap[self.next_bootstrap % self.bootstrap.len()];
        self.next_bootstrap += 1;
        let request = self.next_request;
        self.next_request += 1;
        self.metadata_in_flight = Some(request);
        ctx.send(NodeId::Broker(broker), Msg::Metadata { request });
        ctx.timer(30_000, Timer::ProducerRequestTimeout { request });
    }

    /// Sends waiting for a leader.
    fn waiting(&self) -> Vec<SendId> {
        self.sends
            .iter()
            .filter(|(_, p)| p.in_flight.is_none())
            .map(|(&s, _)| s)
            .collect()
    }

    /// Handles a message.
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, msg: Msg) {
        match msg {
            Msg::MetadataResponse {
                request,
                partitions,
            } => {
                if self.metadata_in_flight != Some(request) {
                    return;
                }
                self.metadata_in_flight = None;
                self.metadata.extend(partitions);
                for send in self.waiting() {
                    let known = self
                        .sends
                        .get(&send)
                        .is_some_and(|p| self.metadata.get(&p.tp).copied().flatten().is_some());
                    if known {
                        self.attempt(ctx, send);
                    } else {
                        // No leader yet: look again after the backoff.
                        ctx.timer(METADATA_RETRY_MS, Timer::ProducerRetry { send });
                    }
                }
            }
            Msg::ProduceResponse {
                request, result, ..
            } => self.on_result(ctx, request, result),
            Msg::Undeliverable(inner) => match *inner {
                Msg::Produce { request, .. } => {
                    self.on_result(ctx, request, Err(KafkaError::NetworkException))
                }
                Msg::Metadata { request } => self.metadata_failed(ctx, request),
                _ => {}
            },
            _ => {}
        }
    }

    fn metadata_failed(&mut self, ctx: &mut Ctx<'_>, request: u64) {
        if self.metadata_in_flight == Some(request) {
            self.metadata_in_flight = None;
            for send in self.waiting() {
                ctx.timer(METADATA_RETRY_MS, Timer::ProducerRetry { send });
            }
        }
    }

    fn on_result(&mut self, ctx: &mut Ctx<'_>, request: u64, result: Result<Offset, KafkaError>) {
        let Some(send) = self.requests.remove(&request) else {
            return; // an answer to an attempt already given up on (timed out)
        };
        let Some(p) = self.sends.get_mut(&send) else {
            return;
        };
        if p.in_flight != Some(request) {
            return;
        }
        p.in_flight = None;
        match result {
            Ok(offset) => {
                self.sends.remove(&send);
                Self::note(
                    ctx,
                    LedgerNote::Acked {
                        send,
                        offset: Some(offset),
                    },
                );
            }
            Err(error) => self.on_error(ctx, send, error),
        }
    }

    /// Retry, or give up (`retries`, `delivery.timeout.ms`).
    fn on_error(&mut self, ctx: &mut Ctx<'_>, send: SendId, error: KafkaError) {
        let Some(p) = self.sends.get(&send) else {
            return;
        };
        let s = p.settings;
        let expired = ctx.now + s.retry_backoff_ms >= p.first_sent + s.delivery_timeout_ms;
        if !error.is_retriable() || p.attempts > s.retries || expired {
            self.sends.remove(&send);
            Self::note(ctx, LedgerNote::Failed { send, error });
            return;
        }
        if matches!(
            error,
            KafkaError::NotLeaderOrFollower
                | KafkaError::UnknownTopicOrPartition
                | KafkaError::NetworkException
                | KafkaError::RequestTimedOut
        ) {
            // The leader may have moved: forget it, so the retry asks for metadata first.
            let tp = p.tp.clone();
            self.metadata.insert(tp, None);
        }
        ctx.timer(s.retry_backoff_ms, Timer::ProducerRetry { send });
    }

    /// Handles a timer.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, timer: Timer) {
        match timer {
            Timer::ProducerRetry { send } => {
                if self.sends.get(&send).is_some_and(|p| p.in_flight.is_none()) {
                    self.attempt(ctx, send);
                }
            }
            Timer::ProducerRequestTimeout { request } => {
                if self.metadata_in_flight == Some(request) {
                    self.metadata_failed(ctx, request);
                } else if self.requests.contains_key(&request) {
                    self.on_result(ctx, request, Err(KafkaError::RequestTimedOut));
                }
            }
            _ => {}
        }
    }

    /// True when every send has an answer.
    pub fn is_idle(&self) -> bool {
        self.sends.is_empty()
    }
}
