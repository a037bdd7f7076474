//! The replica manager (Kafka's `ReplicaManager`): a broker's partitions, their logs, the
//! replica fetchers, and the requests held on them (`DelayedProduce`, `DelayedFetch` in
//! [`delayed_fetch`]). It offers one append path ([`ReplicaManager::append_records`] for
//! clients' batches and transaction markers, [`ReplicaManager::append_as_coordinator`] for
//! the coordinators' internal partitions) and reports leadership and high-watermark changes
//! as values ([`ReplicaChange`]) that the broker hands to the coordinators. It reads the
//! broker's metadata cache and configs through a [`BrokerView`] and points at nothing else.
//!
//! Its parts, along Kafka's classes:
//! - [`partition`] — the leader side of one partition (`Partition`): followers' fetch state,
//!   ISR expand/shrink through conditional ZooKeeper writes, the high-watermark rule;
//! - [`fetcher`] — the follower side (`ReplicaFetcherThread`): truncation on becoming a
//!   follower (KIP-101 epochs, or the high watermark before 0.11), then fetching;
//! - [`produce`] — the append path and `DelayedProduce`;
//! - [`delayed_fetch`] — consumers' fetches and `ListOffsets`, `DelayedFetch`;
//! - this file — the manager itself: LeaderAndIsr (`makeLeader` / `makeFollower`, refusing
//!   an old leader epoch), answering followers' fetches (held as long polls), replica
//!   deletion, the broker's death, and the timers (ISR expiration, HW checkpoint, retention).

pub mod delayed_fetch;
mod fetcher;
mod partition;
mod produce;
#[cfg(test)]
mod tests;

use crate::idxmap::IdxMap;
use crate::sort::Collect as _;
use std::collections::{BTreeMap, BTreeSet};

use super::broker::MetadataCache;
use super::controller_channel::{ControllerChannel, IsrChange};
use super::dynamic_config::DynamicConfig;
use super::msg::{
    Acks, Ctx, FetchPartition, FetchedPartition, KafkaError, Msg, PartitionState, ProduceBatch,
    Timer,
};
use crate::config::{truncates_to_high_watermark, BrokerConfig};
use crate::event::{Event, TruncationReason};
use crate::log::{Log, NewRecord, Offset, SequenceCheck};
use crate::model::{BrokerId, LeaderAndIsr, NodeId, TopicPartition};
use crate::sim::Millis;
use crate::storage::segment::RetentionReason;

pub use fetcher::ReplicaFetcher;
pub use partition::{FollowerState, Partition, Role};
pub use produce::{DelayedProduces, ProduceWaits};

/// `log.retention.check.interval.ms` as the lab's `server.properties` sets it.
pub fn retention_check_interval_ms() -> Millis {
    crate::config::static_broker_config("log.retention.check.interval.ms")
        .and_then(|v| v.parse().ok())
        .unwrap_or(300_000)
}

/// What the replica manager reads of its broker: the metadata cache, the dynamic configs and
/// the static config (Kafka's `ReplicaManager` holds `metadataCache` and `config`).
pub struct BrokerView<'a> {
    /// The broker's metadata cache.
    pub metadata: &'a MetadataCache,
    /// Its dynamic broker and topic configs.
    pub configs: &'a DynamicConfig,
    /// Its `server.properties`.
    pub config: &'a BrokerConfig,
    /// How it reaches the controller.
    pub controller: ControllerChannel,
}

impl BrokerView<'_> {
    /// `min.insync.replicas`; in KRaft mode (Kafka 4.1) `Partition.effectiveMinIsr`: capped
    /// at the replica count (ZooKeeper mode keeps the configured value).
    pub(crate) fn min_isr(&self, tp: &TopicPartition, replicas: usize) -> usize {
        let configured = self.configs.min_insync_replicas(&tp.topic);
        match self.controller {
            ControllerChannel::Quorum { .. } => configured.min(replicas.max(1)),
            ControllerChannel::ZooKeeper => configured,
        }
    }

    fn lag_max(&self) -> Millis {
        self.configs.replica_lag_time_max_ms(self.config)
    }
}

/// A change the replica manager reports to its broker, which hands it to the coordinators.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ReplicaChange {
    /// This broker now leads `tp`, in leader epoch `epoch` (`onLeadershipChange`: the
    /// coordinators load the partition, `onElection`).
    LeaderElected {
        /// The partition.
        tp: TopicPartition,
        /// Its leader epoch.
        epoch: u32,
    },
    /// The high watermark of a partition this broker leads, and a coordinator has written to,
    /// moved up: the coordinator's writes it now covers are committed (what Kafka's
    /// `DelayedProduce` callbacks for the coordinators' appends do).
    HighWatermarkAdvanced {
        /// The partition.
        tp: TopicPartition,
    },
}

/// A broker's replica manager.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReplicaManager {
    /// The broker it runs on (`localBrokerId`).
    pub id: BrokerId,
    /// On disk: the log of every replica this broker has hosted.
    pub logs: IdxMap<TopicPartition, std::rc::Rc<Log>>,
    /// On disk: `replication-offset-checkpoint`, the high watermarks last written.
    pub hw_checkpoint: IdxMap<TopicPartition, Offset>,
    /// In memory: the broker's role and state for each of its replicas.
    pub partitions: IdxMap<TopicPartition, Partition>,
    /// Replica fetchers, by leader broker.
    pub fetchers: crate::vecmap::VecMap<BrokerId, ReplicaFetcher>,
    /// A fault: every fetch this broker sends waits this long first (a slow follower).
    pub fetch_delay_ms: Millis,
    /// As leader: fetches held (long poll), by follower and fetch id.
    pub(crate) held_fetches: BTreeMap<(BrokerId, u64), Vec<FetchPartition>>,
    /// As leader: consumers' fetches held until `fetch.min.bytes` or `fetch.max.wait.ms`
    /// (`DelayedFetch`), by consumer and request.
    pub(crate) held_consumer_fetches: BTreeMap<(NodeId, u64), delayed_fetch::HeldConsumerFetch>,
    /// As leader: `acks=all` produce requests waiting for the ISR, by client and request.
    pub(crate) delayed_produces: DelayedProduces,
    /// Produce requests not yet answered: each partition's result, once known.
    pub(crate) produce_waits: ProduceWaits,
    /// `WriteTxnMarkers` requests being served (answered as such, not as produce requests).
    pub(crate) marker_waits: BTreeSet<(NodeId, u64)>,
    /// Id of this broker's next fetch request.
    pub(crate) next_fetch: u64,
    /// Partitions whose log, high watermark or role changed since the invariants were last
    /// checked (the checks look at these only).
    pub dirty: BTreeSet<TopicPartition>,
    /// Everything changed (the broker started or died).
    pub dirty_all: bool,
    /// Changes not yet handed to the broker (see [`ReplicaChange`]).
    pub(crate) changes: Vec<ReplicaChange>,
    /// Partitions a coordinator has appended to: their high-watermark moves are reported.
    coordinator_partitions: BTreeSet<TopicPartition>,
}

impl ReplicaManager {
    /// The replica manager of a broker that has not started yet.
    pub fn new(id: BrokerId) -> Self {
        Self {
            id,
            logs: IdxMap::new(),
            hw_checkpoint: IdxMap::new(),
            partitions: IdxMap::new(),
            fetchers: crate::vecmap::VecMap::new(),
            fetch_delay_ms: 0,
            held_fetches: BTreeMap::new(),
            held_consumer_fetches: BTreeMap::new(),
            delayed_produces: IdxMap::new(),
            produce_waits: BTreeMap::new(),
            marker_waits: BTreeSet::new(),
            next_fetch: 0,
            dirty: BTreeSet::new(),
            dirty_all: true,
            changes: Vec::new(),
            coordinator_partitions: BTreeSet::new(),
        }
    }

    /// Takes the changes not yet handed on.
    pub fn take_changes(&mut self) -> Vec<ReplicaChange> {
        std::mem::take(&mut self.changes)
    }

    /// The broker dies: the requests it holds fail at their senders (their connections
    /// close) and everything in memory is gone; the logs and the checkpoint stay on disk.
    pub fn shutdown(&mut self, ctx: &mut Ctx<'_>) {
        for (&(replica, fetch), partitions) in &self.held_fetches {
            let request = Msg::Fetch {
                replica,
                fetch,
                partitions: partitions.clone(),
            };
            ctx.send(
                NodeId::Broker(replica),
                Msg::Undeliverable(Box::new(request)),
            );
        }
        self.bounce_consumer_fetches(ctx);
        for &(client, request) in self.produce_waits.keys() {
            let request = Msg::Produce {
                request,
                batches: Vec::new(),
                acks: Acks::All,
                timeout_ms: 0,
            };
            ctx.send(client, Msg::Undeliverable(Box::new(request)));
        }
        self.marker_waits.clear();
        self.dirty_all = true;
        self.partitions.clear();
        self.fetchers.clear();
        self.held_fetches.clear();
        self.delayed_produces.clear();
        self.produce_waits.clear();
        self.changes.clear();
        self.coordinator_partitions.clear();
    }

    /// StopReplica with delete: the replicas stop (no more fetching, no more serving) and
    /// their logs leave the disk.
    pub fn stop_and_delete_replicas(&mut self, ctx: &mut Ctx<'_>, tps: &[TopicPartition]) {
        let mut deleted = 0;
        for tp in tps {
            self.partitions.remove(tp);
            for f in self.fetchers.values_mut() {
                f.partitions.remove(tp);
            }
            self.hw_checkpoint.remove(tp);
            self.delayed_produces.remove(tp);
            self.coordinator_partitions.remove(tp);
            if self.logs.remove(tp).is_some() {
                deleted += 1;
            }
            self.dirty.insert(*tp);
        }
        if let Some(tp) = tps.first() {
            ctx.event(Event::ReplicasDeleted {
                broker: self.id,
                topic: tp.topic.to_string(),
                partitions: deleted,
            });
        }
    }

    fn leader_mut(&mut self, tp: &TopicPartition) -> Option<&mut Partition> {
        self.partitions
            .get_mut(tp)
            .filter(|p| p.role == Role::Leader)
    }

    /// A LeaderAndIsr for one of this broker's replicas: refused (`None`) unless its leader
    /// epoch is newer than the one the replica has (fencing); else the replica leaves its
    /// fetcher and the high watermark it starts from is returned.
    pub fn accept_leader_and_isr(&mut self, ps: &PartitionState) -> Option<Offset> {
        let current = self.partitions.get(&ps.tp).map(|p| p.leader_epoch);
        // Kafka ignores a LeaderAndIsr whose leader epoch is not newer than the one it has.
        if current.is_some_and(|e| ps.state.leader_epoch <= e) {
            return None;
        }
        for f in self.fetchers.values_mut() {
            f.partitions.remove(&ps.tp);
        }
        let leo = self.logs.entry(ps.tp).or_default().leo();
        Some(
            self.partitions
                .get(&ps.tp)
                .map(|p| p.hw)
                .or_else(|| self.hw_checkpoint.get(&ps.tp).copied())
                .unwrap_or(0)
                .min(leo),
        )
    }

    /// After a LeaderAndIsr: every fetcher with work sends its fetch.
    pub fn fetch_from_all_leaders(&mut self, ctx: &mut Ctx<'_>, env: &BrokerView<'_>) {
        let leaders: Vec<BrokerId> = self.fetchers.keys().copied().collect();
        for leader in leaders {
            self.maybe_fetch(ctx, env, leader);
        }
    }

    /// `makeLeader`: this replica leads from now on. A new leader reports
    /// [`ReplicaChange::LeaderElected`]; the caller then tries to move the high watermark.
    pub fn make_leader(&mut self, ctx: &mut Ctx<'_>, ps: PartitionState, hw: Offset) {
        self.dirty.insert(ps.tp);
        let s = &ps.state;
        let log = std::rc::Rc::make_mut(self.logs.entry(ps.tp).or_default());
        let leo = log.leo();
        log.assign_epoch(s.leader_epoch, leo);
        // Still the leader, in a newer epoch (the controller changed the ISR): Kafka keeps
        // what it knows of its followers (`makeLeader` with `isNewLeader = false`).
        let kept = self
            .partitions
            .get(&ps.tp)
            .filter(|p| p.role == Role::Leader)
            .map(|p| p.followers.clone());
        let new_leader = kept.is_none();
        let followers = kept.unwrap_or_else(|| {
            ps.replicas
                .iter()
                .filter(|&&b| b != self.id)
                .map(|&b| {
                    let in_sync = s.isr.contains(&b);
                    (
                        b,
                        FollowerState {
                            leo: None,
                            last_caught_up_ms: in_sync.then_some(ctx.now),
                            last_fetch_leader_leo: 0,
                            last_fetch_ms: 0,
                        },
                    )
                })
                .collect_map()
        });
        self.partitions.insert(
            ps.tp,
            Partition {
                role: Role::Leader,
                leader: Some(self.id),
                leader_epoch: s.leader_epoch,
                replicas: ps.replicas.clone(),
                hw,
                isr: s.isr.clone(),
                zk_version: s.zk_version,
                pending_isr: None,
                followers,
                epoch_start_offset: leo,
                truncating: false,
            },
        );
        ctx.event(Event::BecameLeader {
            broker: self.id,
            tp: ps.tp,
            epoch: s.leader_epoch,
        });
        if new_leader {
            self.changes.push(ReplicaChange::LeaderElected {
                tp: ps.tp,
                epoch: s.leader_epoch,
            });
        }
    }

    /// `makeFollower`: this replica follows `ps`'s leader (or nobody, while it is offline):
    /// held produce requests fail, held consumer fetches are answered with an error, and the
    /// log is truncated before fetching (to the leader's epoch end, KIP-101, or to the high
    /// watermark before 0.11).
    pub fn make_follower(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        ps: PartitionState,
        hw: Offset,
    ) {
        self.dirty.insert(ps.tp);
        let s = &ps.state;
        self.fail_delayed_produces(ctx, &ps.tp, KafkaError::NotLeaderOrFollower);
        self.partitions.insert(
            ps.tp,
            Partition {
                role: Role::Follower,
                leader: s.leader,
                leader_epoch: s.leader_epoch,
                replicas: ps.replicas.clone(),
                hw,
                isr: Vec::new(),
                zk_version: s.zk_version,
                pending_isr: None,
                followers: BTreeMap::new(),
                epoch_start_offset: 0,
                truncating: false,
            },
        );
        // Consumers' fetches held here for this partition get NOT_LEADER_OR_FOLLOWER.
        self.try_complete_consumer_fetches(ctx, env, &ps.tp);
        let Some(leader) = s.leader else {
            return; // offline: nobody to follow
        };
        ctx.event(Event::BecameFollower {
            broker: self.id,
            tp: ps.tp,
            leader,
            epoch: s.leader_epoch,
        });
        let hw_mode = truncates_to_high_watermark(
            &env.configs.broker_config("inter.broker.protocol.version"),
        );
        let latest_epoch = self.logs.entry(ps.tp).or_default().latest_epoch();
        if hw_mode {
            // Before 0.11: cut everything above the high watermark, then fetch.
            self.truncate(ctx, &ps.tp, hw, TruncationReason::HighWatermark);
            self.follow(&ps.tp, leader, s.leader_epoch);
        } else if let Some(epoch) = latest_epoch {
            // KIP-101: ask the leader where this replica's last epoch ended.
            if let Some(p) = self.partitions.get_mut(&ps.tp) {
                p.truncating = true;
            }
            ctx.send(
                NodeId::Broker(leader),
                Msg::OffsetsForLeaderEpoch {
                    replica: self.id,
                    tp: ps.tp,
                    current_epoch: s.leader_epoch,
                    epoch,
                },
            );
        } else {
            self.follow(&ps.tp, leader, s.leader_epoch);
        }
    }

    /// Leader: the answer to a follower's fetch goes at once if there are records or errors,
    /// else it is held until records arrive or `replica.fetch.wait.max.ms` passes.
    pub fn answer_or_hold_fetch(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        replica: BrokerId,
        fetch: u64,
        partitions: Vec<FetchPartition>,
    ) {
        let config = env.config;
        let response = self.fetch_response(&partitions, config);
        let ready = response
            .iter()
            .any(|r| r.error.is_some() || !r.records.is_empty());
        if ready {
            ctx.send(
                NodeId::Broker(replica),
                Msg::FetchResponse {
                    fetch,
                    partitions: response,
                },
            );
        } else {
            self.held_fetches.insert((replica, fetch), partitions);
            ctx.timer(
                config.replica_fetch_wait_max_ms,
                Timer::FetchWait { replica, fetch },
            );
        }
    }

    /// What a fetch gets, as of now.
    fn fetch_response(
        &self,
        partitions: &[FetchPartition],
        config: &BrokerConfig,
    ) -> Vec<FetchedPartition> {
        partitions
            .iter()
            .map(|fp| {
                let log = self.logs.get(&fp.tp);
                let log_end = log.map_or(0, |l| l.leo());
                let log_start = log.map_or(0, |l| l.log_start_offset());
                let (error, hw) = match self.partitions.get(&fp.tp) {
                    Some(p) if p.role == Role::Leader => {
                        let e = match fp.epoch.cmp(&p.leader_epoch) {
                            std::cmp::Ordering::Less => Some(KafkaError::FencedLeaderEpoch),
                            std::cmp::Ordering::Greater => Some(KafkaError::UnknownLeaderEpoch),
                            std::cmp::Ordering::Equal
                                if fp.offset > log_end || fp.offset < log_start =>
                            {
                                Some(KafkaError::OffsetOutOfRange)
                            }
                            std::cmp::Ordering::Equal => None,
                        };
                        (e, p.hw)
                    }
                    _ => (Some(KafkaError::NotLeaderOrFollower), 0),
                };
                let (records, encoded) = match (error, log) {
                    (None, Some(l)) => {
                        let records = l.read(fp.offset, config.replica_fetch_max_records);
                        (records.to_vec(), l.encoded(records))
                    }
                    _ => Default::default(),
                };
                FetchedPartition {
                    tp: fp.tp,
                    error,
                    records,
                    encoded,
                    hw,
                    log_end,
                    log_start,
                }
            })
            .collect()
    }

    /// Answers the held fetches that include `tp` (records just arrived).
    fn release_held_fetches(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        config: &BrokerConfig,
    ) {
        let keys: Vec<(BrokerId, u64)> = self
            .held_fetches
            .iter()
            .filter(|(_, parts)| parts.iter().any(|p| &p.tp == tp))
            .map(|(k, _)| *k)
            .collect();
        for key in keys {
            self.answer_held_fetch(ctx, key, config);
        }
    }

    fn answer_held_fetch(
        &mut self,
        ctx: &mut Ctx<'_>,
        (replica, fetch): (BrokerId, u64),
        config: &BrokerConfig,
    ) {
        if let Some(parts) = self.held_fetches.remove(&(replica, fetch)) {
            let partitions = self.fetch_response(&parts, config);
            ctx.send(
                NodeId::Broker(replica),
                Msg::FetchResponse { fetch, partitions },
            );
        }
    }

    /// Replication timers.
    /// The replica manager's timers.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, env: &BrokerView<'_>, timer: Timer) {
        let config = env.config;
        match timer {
            Timer::FetchWait { replica, fetch } => {
                self.answer_held_fetch(ctx, (replica, fetch), config)
            }
            Timer::FetchBackoff { leader } => {
                if let Some(f) = self.fetchers.get_mut(&leader) {
                    f.backing_off = false;
                }
                self.maybe_fetch(ctx, env, leader);
            }
            Timer::DelayedFetch { leader } => {
                if let Some(f) = self.fetchers.get_mut(&leader) {
                    f.delaying = false;
                }
                let idle = self
                    .fetchers
                    .get(&leader)
                    .is_some_and(|f| f.in_flight.is_none() && !f.backing_off);
                if idle {
                    self.send_fetch(ctx, config, leader);
                }
            }
            Timer::FetchTimeout { leader, fetch } => self.on_fetch_failed(ctx, env, leader, fetch),
            Timer::RetryTruncation { tp } => self.retry_truncation(ctx, tp),
            Timer::ProduceTimeout {
                client,
                request,
                tp,
                required,
            } => {
                let waiting = self.delayed_produces.get_mut(&tp);
                if waiting
                    .and_then(|w| w.remove(&(required, client, request)))
                    .is_some()
                {
                    self.complete_produce_part(
                        ctx,
                        client,
                        request,
                        &tp,
                        Err(KafkaError::RequestTimedOut),
                    );
                }
            }
            Timer::IsrExpiration => {
                let lag_max = env.lag_max();
                let led: Vec<TopicPartition> = self
                    .partitions
                    .iter()
                    .filter(|(_, p)| p.role == Role::Leader)
                    .map(|(tp, _)| *tp)
                    .collect();
                for tp in led {
                    self.maybe_shrink_isr(ctx, env, &tp, lag_max);
                }
                ctx.timer((lag_max / 2).max(1), Timer::IsrExpiration);
            }
            Timer::RetentionCheck => {
                let tps: Vec<TopicPartition> = self.logs.keys().cloned().collect();
                for tp in tps {
                    let files = env.configs.segment_config(&tp.topic);
                    let hw = self.partitions.get(&tp).map_or(0, |p| p.hw);
                    let Some(log) = self.logs.get_mut(&tp).map(std::rc::Rc::make_mut) else {
                        continue;
                    };
                    let deleted = log.apply_retention(&files, ctx.now, hw);
                    if let Some(first) = deleted.first() {
                        self.dirty.insert(tp);
                        ctx.event(Event::SegmentsDeleted {
                            broker: self.id,
                            tp,
                            count: deleted.len(),
                            bytes: deleted.iter().map(|d| d.size).sum(),
                            by_size: first.reason == RetentionReason::Size,
                            log_start: log.log_start_offset(),
                        });
                    }
                }
                ctx.timer(retention_check_interval_ms(), Timer::RetentionCheck);
            }
            Timer::HwCheckpoint => {
                self.dirty_all = true;
                for (tp, p) in &self.partitions {
                    self.hw_checkpoint.insert(*tp, p.hw);
                }
                ctx.timer(
                    config.replica_high_watermark_checkpoint_interval_ms,
                    Timer::HwCheckpoint,
                );
            }
            _ => {}
        }
    }
}
