//! The replica manager (Kafka's `ReplicaManager`): a broker's partitions, their logs, the
//! replica fetchers, and the requests held on them (`DelayedProduce`, `DelayedFetch` in
//! [`delayed_fetch`]). It offers one append path ([`ReplicaManager::append_records`] for
//! clients' batches and transaction markers, [`ReplicaManager::append_as_coordinator`] for
//! the coordinators' internal partitions) and reports leadership and high-watermark changes
//! as values ([`ReplicaChange`]) that the broker hands to the coordinators. It reads the
//! broker's metadata cache and configs through a [`BrokerView`] and points at nothing else.
//!
//! Replication, both sides of it:
//!
//! - As **leader** (Kafka's `Partition`): appending produced records; answering followers'
//!   fetches (long polls held until records arrive or `replica.fetch.wait.max.ms` passes);
//!   tracking each follower's log end offset and when it last caught up; advancing the high
//!   watermark to the smallest LEO of the ISR (never while the ISR is smaller than
//!   `min.insync.replicas`); growing and shrinking the ISR (`replica.lag.time.max.ms`) with
//!   conditional ZooKeeper writes; completing `acks=all` produce requests once the high
//!   watermark passes them (`DelayedProduce`).
//! - As **follower** (Kafka's `ReplicaFetcherThread`): truncating its log when it starts to
//!   follow — to where the leader says its last epoch ended (KIP-101, since 0.11) or to its own
//!   high watermark (before 0.11, chosen by `inter.broker.protocol.version`) — then fetching
//!   from its log end, appending, and taking the leader's high watermark.

pub mod delayed_fetch;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use super::broker::MetadataCache;
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

/// `log.retention.check.interval.ms` as the lab's `server.properties` sets it.
pub fn retention_check_interval_ms() -> Millis {
    crate::config::static_broker_config("log.retention.check.interval.ms")
        .and_then(|v| v.parse().ok())
        .unwrap_or(300_000)
}

/// The role a broker plays for one of its replicas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// It leads the partition.
    Leader,
    /// It follows the leader (or nobody, while the partition is offline).
    Follower,
}

/// What a leader knows of one follower (Kafka's `ReplicaState`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowerState {
    /// Its log end offset, from its last fetch (unknown until it fetches from this leader).
    pub leo: Option<Offset>,
    /// The last time it had caught up with the leader's log end (`None`: never, under this
    /// leader).
    pub last_caught_up_ms: Option<Millis>,
    /// The leader's log end offset at its previous fetch.
    pub last_fetch_leader_leo: Offset,
    /// When it previously fetched.
    pub last_fetch_ms: Millis,
}

impl FollowerState {
    /// `isCaughtUp`: at the leader's log end, or caught up within `lag_max_ms`.
    pub fn is_caught_up(&self, leader_leo: Offset, now: Millis, lag_max_ms: Millis) -> bool {
        self.leo == Some(leader_leo)
            || self
                .last_caught_up_ms
                .is_some_and(|t| now.saturating_sub(t) <= lag_max_ms)
    }
}

/// A broker's state for one of its replicas (volatile: rebuilt from LeaderAndIsr on restart).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partition {
    /// Leader or follower.
    pub role: Role,
    /// The leader it knows of.
    pub leader: Option<BrokerId>,
    /// The leader epoch of its last LeaderAndIsr.
    pub leader_epoch: u32,
    /// Assigned replicas.
    pub replicas: Vec<BrokerId>,
    /// This replica's high watermark.
    pub hw: Offset,
    /// As leader: the ISR.
    pub isr: Vec<BrokerId>,
    /// As leader: the partition state znode's version (its ISR writes are conditional on it).
    pub zk_version: u32,
    /// As leader: an ISR change on its way to ZooKeeper.
    pub pending_isr: Option<Vec<BrokerId>>,
    /// As leader: the followers.
    pub followers: BTreeMap<BrokerId, FollowerState>,
    /// As leader: the log end offset when this leader epoch began.
    pub epoch_start_offset: Offset,
    /// As follower: waiting to learn where to truncate before fetching.
    pub truncating: bool,
}

/// A replica fetcher (`ReplicaFetcherThread`): the partitions this broker follows on one
/// leader, fetched together in one request at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplicaFetcher {
    /// Partitions followed on that leader, with the leader epoch this broker knows.
    pub partitions: BTreeMap<TopicPartition, u32>,
    /// The fetch waiting for its answer.
    pub in_flight: Option<u64>,
    /// Pausing `replica.fetch.backoff.ms` after an error.
    pub backing_off: bool,
    /// Waiting out the broker's fetch delay (the slow-follower fault).
    pub delaying: bool,
}

/// `acks=all` produce requests waiting for the ISR (`DelayedProduce`), per partition, in the
/// order of the high watermark that completes them (their last offset + 1), with their base
/// offset.
pub type DelayedProduces = BTreeMap<TopicPartition, BTreeMap<(Offset, NodeId, u64), Offset>>;

/// Produce requests not answered yet, by client and request: each partition's result once
/// known (a request is answered when every partition has one).
pub type ProduceWaits =
    BTreeMap<(NodeId, u64), Vec<(TopicPartition, Option<Result<Offset, KafkaError>>)>>;

/// What the replica manager reads of its broker: the metadata cache, the dynamic configs and
/// the static config (Kafka's `ReplicaManager` holds `metadataCache` and `config`).
pub struct BrokerView<'a> {
    /// The broker's metadata cache.
    pub metadata: &'a MetadataCache,
    /// Its dynamic broker and topic configs.
    pub configs: &'a DynamicConfig,
    /// Its `server.properties`.
    pub config: &'a BrokerConfig,
}

impl BrokerView<'_> {
    fn min_isr(&self, tp: &TopicPartition) -> usize {
        self.configs.min_insync_replicas(&tp.topic)
    }

    fn lag_max(&self) -> Millis {
        self.configs.replica_lag_time_max_ms(self.config)
    }
}

/// A change the replica manager reports to its broker, which hands it to the coordinators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplicaChange {
    /// This broker now leads `tp`, in leader epoch `epoch` (`onLeadershipChange`: the
    /// coordinators load the partition, `onElection`).
    LeaderElected {
        /// The partition.
        tp: TopicPartition,
        /// Its leader epoch.
        epoch: u32,
    },
    /// The high watermark of a partition this broker leads moved up: the writes it now covers
    /// are committed.
    HighWatermarkAdvanced {
        /// The partition.
        tp: TopicPartition,
    },
}

/// A broker's replica manager.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicaManager {
    /// The broker it runs on (`localBrokerId`).
    pub id: BrokerId,
    /// On disk: the log of every replica this broker has hosted.
    pub logs: BTreeMap<TopicPartition, Log>,
    /// On disk: `replication-offset-checkpoint`, the high watermarks last written.
    pub hw_checkpoint: BTreeMap<TopicPartition, Offset>,
    /// In memory: the broker's role and state for each of its replicas.
    pub partitions: BTreeMap<TopicPartition, Partition>,
    /// Replica fetchers, by leader broker.
    pub fetchers: BTreeMap<BrokerId, ReplicaFetcher>,
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
}

impl ReplicaManager {
    /// The replica manager of a broker that has not started yet.
    pub fn new(id: BrokerId) -> Self {
        Self {
            id,
            logs: BTreeMap::new(),
            hw_checkpoint: BTreeMap::new(),
            partitions: BTreeMap::new(),
            fetchers: BTreeMap::new(),
            fetch_delay_ms: 0,
            held_fetches: BTreeMap::new(),
            held_consumer_fetches: BTreeMap::new(),
            delayed_produces: BTreeMap::new(),
            produce_waits: BTreeMap::new(),
            marker_waits: BTreeSet::new(),
            next_fetch: 0,
            dirty: BTreeSet::new(),
            dirty_all: true,
            changes: Vec::new(),
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
            if self.logs.remove(tp).is_some() {
                deleted += 1;
            }
            self.dirty.insert(tp.clone());
        }
        if let Some(tp) = tps.first() {
            ctx.event(Event::ReplicasDeleted {
                broker: self.id,
                topic: tp.topic.clone(),
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
        let leo = self.logs.entry(ps.tp.clone()).or_default().leo();
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
        self.dirty.insert(ps.tp.clone());
        let s = &ps.state;
        let log = self.logs.entry(ps.tp.clone()).or_default();
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
                .collect()
        });
        self.partitions.insert(
            ps.tp.clone(),
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
            tp: ps.tp.clone(),
            epoch: s.leader_epoch,
        });
        if new_leader {
            self.changes.push(ReplicaChange::LeaderElected {
                tp: ps.tp.clone(),
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
        self.dirty.insert(ps.tp.clone());
        let s = &ps.state;
        self.fail_delayed_produces(ctx, &ps.tp, KafkaError::NotLeaderOrFollower);
        self.partitions.insert(
            ps.tp.clone(),
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
            tp: ps.tp.clone(),
            leader,
            epoch: s.leader_epoch,
        });
        let hw_mode = truncates_to_high_watermark(
            &env.configs.broker_config("inter.broker.protocol.version"),
        );
        let latest_epoch = self.logs.entry(ps.tp.clone()).or_default().latest_epoch();
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
                    tp: ps.tp.clone(),
                    current_epoch: s.leader_epoch,
                    epoch,
                },
            );
        } else {
            self.follow(&ps.tp, leader, s.leader_epoch);
        }
    }

    /// Hands a partition to the fetcher for `leader`.
    fn follow(&mut self, tp: &TopicPartition, leader: BrokerId, epoch: u32) {
        self.fetchers
            .entry(leader)
            .or_default()
            .partitions
            .insert(tp.clone(), epoch);
    }

    /// Cuts a replica's log at `offset` (if it is longer) and says so.
    pub fn truncate(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        offset: Offset,
        reason: TruncationReason,
    ) {
        self.dirty.insert(tp.clone());
        let Some(log) = self.logs.get_mut(tp) else {
            return;
        };
        let from = log.leo();
        if offset >= from {
            return;
        }
        let offset = log.truncate_to(offset, ctx.now);
        if let Some(p) = self.partitions.get_mut(tp) {
            p.hw = p.hw.min(offset);
        }
        ctx.event(Event::Truncated {
            broker: self.id,
            tp: tp.clone(),
            from,
            to: offset,
            reason,
        });
    }

    /// Leader: where did `epoch` end here?
    pub fn on_offsets_for_leader_epoch(
        &mut self,
        ctx: &mut Ctx<'_>,
        replica: BrokerId,
        tp: TopicPartition,
        current_epoch: u32,
        epoch: u32,
    ) {
        let result = match self.partitions.get(&tp) {
            Some(p) if p.role == Role::Leader => match current_epoch.cmp(&p.leader_epoch) {
                std::cmp::Ordering::Less => Err(KafkaError::FencedLeaderEpoch),
                std::cmp::Ordering::Greater => Err(KafkaError::UnknownLeaderEpoch),
                std::cmp::Ordering::Equal => Ok(self
                    .logs
                    .get(&tp)
                    .and_then(|l| l.end_offset_for_epoch(epoch))),
            },
            _ => Err(KafkaError::NotLeaderOrFollower),
        };
        ctx.send(
            NodeId::Broker(replica),
            Msg::OffsetsForLeaderEpochResponse {
                tp,
                current_epoch,
                result,
            },
        );
    }

    /// Follower: truncate where the leader says, then start fetching.
    pub fn on_offsets_for_leader_epoch_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: TopicPartition,
        current_epoch: u32,
        result: Result<Option<(u32, Offset)>, KafkaError>,
    ) {
        let Some(p) = self.partitions.get(&tp) else {
            return;
        };
        let Some(leader) = p.leader else { return };
        if p.role != Role::Follower || !p.truncating || p.leader_epoch != current_epoch {
            return; // an answer for an older role
        }
        let hw = p.hw;
        let target = match result {
            Err(_) => {
                ctx.timer(
                    env.config.replica_fetch_backoff_ms,
                    Timer::RetryTruncation { tp },
                );
                return;
            }
            // The leader knows no epoch that early: fall back to the high watermark.
            Ok(None) => hw,
            Ok(Some((epoch, leader_end))) => {
                let log = &self.logs[&tp];
                let mine = log.end_offset_for_epoch(epoch).map_or(0, |(_, end)| end);
                leader_end.min(mine).min(log.leo())
            }
        };
        self.truncate(ctx, &tp, target, TruncationReason::LeaderEpoch);
        if let Some(p) = self.partitions.get_mut(&tp) {
            p.truncating = false;
        }
        self.follow(&tp, leader, current_epoch);
        self.maybe_fetch(ctx, env, leader);
    }

    fn retry_truncation(&mut self, ctx: &mut Ctx<'_>, tp: TopicPartition) {
        let Some(p) = self.partitions.get(&tp) else {
            return;
        };
        let (Some(leader), true) = (p.leader, p.truncating) else {
            return;
        };
        let Some(epoch) = self.logs.get(&tp).and_then(|l| l.latest_epoch()) else {
            return;
        };
        ctx.send(
            NodeId::Broker(leader),
            Msg::OffsetsForLeaderEpoch {
                replica: self.id,
                tp,
                current_epoch: p.leader_epoch,
                epoch,
            },
        );
    }

    /// Sends the next fetch to `leader` unless one is in flight, the fetcher is backing off or
    /// waiting out a delay; drops a fetcher left with nothing to fetch.
    fn maybe_fetch(&mut self, ctx: &mut Ctx<'_>, env: &BrokerView<'_>, leader: BrokerId) {
        let delay = self.fetch_delay_ms;
        let Some(f) = self.fetchers.get_mut(&leader) else {
            return;
        };
        if f.partitions.is_empty() {
            if f.in_flight.is_none() && !f.delaying {
                self.fetchers.remove(&leader);
            }
            return;
        }
        if f.in_flight.is_some() || f.backing_off || f.delaying {
            return;
        }
        if delay > 0 {
            f.delaying = true;
            ctx.timer(delay, Timer::DelayedFetch { leader });
            return;
        }
        self.send_fetch(ctx, env.config, leader);
    }

    fn send_fetch(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig, leader: BrokerId) {
        let fetch = self.next_fetch;
        let Some(f) = self.fetchers.get_mut(&leader) else {
            return;
        };
        if f.partitions.is_empty() {
            return;
        }
        self.next_fetch += 1;
        f.in_flight = Some(fetch);
        let partitions = f
            .partitions
            .iter()
            .map(|(tp, &epoch)| FetchPartition {
                tp: tp.clone(),
                epoch,
                offset: self.logs.get(tp).map_or(0, |l| l.leo()),
            })
            .collect();
        ctx.send(
            NodeId::Broker(leader),
            Msg::Fetch {
                replica: self.id,
                fetch,
                partitions,
            },
        );
        ctx.timer(
            config.replica_socket_timeout_ms,
            Timer::FetchTimeout { leader, fetch },
        );
    }

    /// Follower: the leader answered.
    pub fn on_fetch_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        leader: BrokerId,
        fetch: u64,
        partitions: Vec<FetchedPartition>,
    ) {
        let Some(f) = self.fetchers.get_mut(&leader) else {
            return;
        };
        if f.in_flight != Some(fetch) {
            return; // an answer to a fetch this broker no longer waits for
        }
        f.in_flight = None;
        let mut failed = false;
        for part in partitions {
            let following = self.partitions.get(&part.tp).is_some_and(|p| {
                p.role == Role::Follower && p.leader == Some(leader) && !p.truncating
            });
            if !following {
                continue;
            }
            match part.error {
                None => {
                    let files = env.configs.segment_config(&part.tp.topic);
                    let log = self.logs.entry(part.tp.clone()).or_default();
                    let appended = log.append_as_follower(&part.records, ctx.now, &files);
                    for base_offset in log.take_rolled() {
                        ctx.event(Event::SegmentRolled {
                            broker: self.id,
                            tp: part.tp.clone(),
                            base_offset,
                        });
                    }
                    let leo = log.leo();
                    if let Some(p) = self.partitions.get_mut(&part.tp) {
                        let hw = part.hw.min(leo);
                        if appended > 0 || hw != p.hw {
                            p.hw = hw;
                            self.dirty.insert(part.tp.clone());
                        }
                    }
                }
                Some(KafkaError::OffsetOutOfRange) => {
                    let leo = self.logs.get(&part.tp).map_or(0, crate::log::Log::leo);
                    if part.log_end < leo {
                        // The leader's log is shorter than this one: cut back to its end.
                        self.truncate(ctx, &part.tp, part.log_end, TruncationReason::OutOfRange);
                    } else {
                        // Retention on the leader deleted what this replica lacks:
                        // `truncateFullyAndStartAt(leaderLogStartOffset)`.
                        let log = self.logs.entry(part.tp.clone()).or_default();
                        log.truncate_fully_and_start_at(part.log_start, ctx.now);
                        if let Some(p) = self.partitions.get_mut(&part.tp) {
                            p.hw = p.hw.max(part.log_start);
                        }
                        self.dirty.insert(part.tp.clone());
                        ctx.event(Event::Truncated {
                            broker: self.id,
                            tp: part.tp.clone(),
                            from: leo,
                            to: part.log_start,
                            reason: TruncationReason::LogStart,
                        });
                    }
                }
                Some(_) => failed = true,
            }
        }
        if failed {
            self.back_off(ctx, env.config, leader);
        } else {
            self.maybe_fetch(ctx, env, leader);
        }
    }

    /// A fetch failed (the leader could not be reached, or did not answer in time).
    pub fn on_fetch_failed(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        leader: BrokerId,
        fetch: u64,
    ) {
        let Some(f) = self.fetchers.get_mut(&leader) else {
            return;
        };
        if f.in_flight != Some(fetch) {
            return;
        }
        f.in_flight = None;
        self.back_off(ctx, env.config, leader);
    }

    /// Pause `replica.fetch.backoff.ms`, then fetch again.
    fn back_off(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig, leader: BrokerId) {
        if let Some(f) = self.fetchers.get_mut(&leader) {
            f.backing_off = true;
            ctx.timer(
                config.replica_fetch_backoff_ms,
                Timer::FetchBackoff { leader },
            );
        }
    }

    /// Leader: a follower fetched `fp` (`updateFollowerFetchState`): its position is
    /// recorded, it may join the ISR, the high watermark may move.
    pub fn update_follower_fetch_state(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        replica: BrokerId,
        fp: &FetchPartition,
    ) {
        let lag_max = env.lag_max();
        let leo = self.logs.get(&fp.tp).map_or(0, |l| l.leo());
        let Some(p) = self.leader_mut(&fp.tp) else {
            return;
        };
        if p.leader_epoch != fp.epoch || fp.offset > leo {
            return;
        }
        if let Some(fs) = p.followers.get_mut(&replica) {
            // `updateFetchState`.
            if fp.offset >= leo {
                fs.last_caught_up_ms = fs.last_caught_up_ms.max(Some(ctx.now));
            } else if fp.offset >= fs.last_fetch_leader_leo {
                fs.last_caught_up_ms = fs.last_caught_up_ms.max(Some(fs.last_fetch_ms));
            }
            fs.leo = Some(fp.offset);
            fs.last_fetch_leader_leo = leo;
            fs.last_fetch_ms = ctx.now;
        }
        self.maybe_expand_isr(ctx, env, &fp.tp, replica, lag_max);
        self.maybe_increment_hw(ctx, env, &fp.tp);
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
                let records = match (error, log) {
                    (None, Some(l)) => l.read(fp.offset, config.replica_fetch_max_records).to_vec(),
                    _ => Vec::new(),
                };
                FetchedPartition {
                    tp: fp.tp.clone(),
                    error,
                    records,
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

    /// `maybeExpandIsr`: a follower out of the ISR rejoins once its log reaches the high
    /// watermark and this leader epoch's start.
    fn maybe_expand_isr(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
        replica: BrokerId,
        _lag_max: Millis,
    ) {
        let Some(p) = self.leader_mut(tp) else {
            return;
        };
        if p.isr.contains(&replica) || p.pending_isr.is_some() {
            return;
        }
        let Some(leo) = p.followers.get(&replica).and_then(|f| f.leo) else {
            return;
        };
        if leo >= p.hw && leo >= p.epoch_start_offset {
            let mut isr = p.isr.clone();
            isr.push(replica);
            self.propose_isr(ctx, env, tp, isr);
        }
    }

    /// `maybeShrinkIsr`: followers that have not caught up for `replica.lag.time.max.ms` leave.
    fn maybe_shrink_isr(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
        lag_max: Millis,
    ) {
        let leo = self.logs.get(tp).map_or(0, |l| l.leo());
        let id = self.id;
        let Some(p) = self.leader_mut(tp) else {
            return;
        };
        if p.pending_isr.is_some() {
            return;
        }
        let out: Vec<BrokerId> = p
            .isr
            .iter()
            .copied()
            .filter(|&b| b != id)
            .filter(|b| {
                p.followers
                    .get(b)
                    .is_some_and(|f| !f.is_caught_up(leo, ctx.now, lag_max))
            })
            .collect();
        if out.is_empty() {
            return;
        }
        let isr: Vec<BrokerId> = p.isr.iter().copied().filter(|b| !out.contains(b)).collect();
        self.propose_isr(ctx, env, tp, isr);
    }

    /// Writes a new ISR to ZooKeeper, conditional on the znode version (one change at a time).
    fn propose_isr(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
        isr: Vec<BrokerId>,
    ) {
        let (id, controller_epoch) = (self.id, env.metadata.controller_epoch);
        let Some(p) = self.leader_mut(tp) else {
            return;
        };
        p.pending_isr = Some(isr.clone());
        let new = LeaderAndIsr {
            leader: Some(id),
            leader_epoch: p.leader_epoch,
            isr,
            controller_epoch,
            zk_version: p.zk_version,
        };
        ctx.send(
            NodeId::ZooKeeper,
            Msg::ZkUpdateIsr {
                tp: tp.clone(),
                expected_zk_version: p.zk_version,
                new,
            },
        );
    }

    /// ZooKeeper answered an ISR change.
    pub fn on_update_isr_result(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: TopicPartition,
        accepted: bool,
        state: LeaderAndIsr,
    ) {
        let id = self.id;
        let Some(p) = self.leader_mut(&tp) else {
            return;
        };
        p.pending_isr = None;
        if state.leader != Some(id) || state.leader_epoch != p.leader_epoch {
            // Leadership moved on meanwhile; the controller's LeaderAndIsr will say how.
            return;
        }
        let before = std::mem::replace(&mut p.isr, state.isr.clone());
        p.zk_version = state.zk_version;
        if accepted {
            for &b in state.isr.iter().filter(|b| !before.contains(b)) {
                ctx.event(Event::IsrExpanded {
                    tp: tp.clone(),
                    leader: id,
                    broker: b,
                    isr: state.isr.clone(),
                });
            }
            for &b in before.iter().filter(|b| !state.isr.contains(b)) {
                ctx.event(Event::IsrShrunkByLeader {
                    tp: tp.clone(),
                    leader: id,
                    broker: b,
                    isr: state.isr.clone(),
                });
            }
        }
        // A smaller ISR may let the high watermark move; either way, answer what it covers.
        self.maybe_increment_hw(ctx, env, &tp);
        self.after_isr_or_hw_change(ctx, env, &tp);
    }

    /// `maybeIncrementLeaderHW`: the smallest LEO among the ISR and the followers about to
    /// join it — but not while the ISR is smaller than `min.insync.replicas`.
    pub fn maybe_increment_hw(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
    ) {
        let min_isr = env.min_isr(tp);
        let lag_max = env.lag_max();
        let leo = self.logs.get(tp).map_or(0, |l| l.leo());
        let live = &env.metadata.live_brokers;
        let Some(p) = self
            .partitions
            .get_mut(tp)
            .filter(|p| p.role == Role::Leader)
        else {
            return;
        };
        if p.isr.len() < min_isr {
            return;
        }
        let mut hw = leo;
        for (b, f) in &p.followers {
            let follower_leo = f.leo.unwrap_or(0);
            // In the ISR, or caught up and about to join it (`shouldWaitForReplicaToJoinIsr`).
            let counts =
                p.isr.contains(b) || (live.contains(b) && f.is_caught_up(leo, ctx.now, lag_max));
            if counts && follower_leo < hw {
                hw = follower_leo;
            }
        }
        if hw > p.hw {
            p.hw = hw;
            self.dirty.insert(tp.clone());
            self.after_isr_or_hw_change(ctx, env, tp);
            // Consumers read up to the high watermark: held fetches may have enough now.
            self.try_complete_consumer_fetches(ctx, env, tp);
            self.changes
                .push(ReplicaChange::HighWatermarkAdvanced { tp: tp.clone() });
        }
    }

    /// Completes the `acks=all` requests the high watermark now covers.
    fn after_isr_or_hw_change(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
    ) {
        let min_isr = env.min_isr(tp);
        let Some(p) = self.partitions.get(tp).filter(|p| p.role == Role::Leader) else {
            return;
        };
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
    fn complete_produce_part(
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

    fn fail_delayed_produces(&mut self, ctx: &mut Ctx<'_>, tp: &TopicPartition, error: KafkaError) {
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
            let parts = batches.iter().map(|b| (b.tp.clone(), None)).collect();
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
        let tp = batch.tp.clone();
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
        let log = self.logs.entry(tp.clone()).or_default();
        let (_, last) = log.append_as_leader(epoch, records, ctx.now, &files);
        self.dirty.insert(tp.clone());
        self.release_held_fetches(ctx, tp, env.config);
        self.maybe_increment_hw(ctx, env, tp);
        last
    }

    /// Appends one partition's batch as leader (`appendRecordsToLeader`). `None` while an
    /// `acks=all` batch waits for the ISR.
    #[allow(clippy::too_many_arguments)]
    fn append_produced(
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
        self.dirty.insert(tp.clone());
        let min_isr = env.min_isr(&tp);
        let Some(p) = self.partitions.get(&tp).filter(|p| p.role == Role::Leader) else {
            let known = env.metadata.partitions.contains_key(&tp);
            return Some(Err(if known {
                KafkaError::NotLeaderOrFollower
            } else {
                KafkaError::UnknownTopicOrPartition
            }));
        };
        if acks == Acks::All && p.isr.len() < min_isr {
            return Some(Err(KafkaError::NotEnoughReplicas));
        }
        let epoch = p.leader_epoch;
        let files = env.configs.segment_config(&tp.topic);
        let log = self.logs.entry(tp.clone()).or_default();
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
                    tp: tp.clone(),
                    base_offset,
                });
            }
            ctx.event(Event::TxnMarkerWritten {
                broker: self.id,
                tp: tp.clone(),
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
                        tp: tp.clone(),
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
                    tp: tp.clone(),
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
                    tp: tp.clone(),
                    producer_id: producer.id,
                    incoming,
                    current,
                });
                return Some(Err(KafkaError::OutOfOrderSequenceNumber));
            }
            SequenceCheck::StaleEpoch(incoming, current) => {
                ctx.event(Event::ProducerFencedByEpoch {
                    broker: self.id,
                    tp: tp.clone(),
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
    fn delay_produce(
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
            .entry(tp.clone())
            .or_default()
            .insert((required, client, request), base);
        ctx.timer(
            timeout_ms,
            Timer::ProduceTimeout {
                client,
                request,
                tp: tp.clone(),
                required,
            },
        );
        // Already covered (a single in-sync replica, or a duplicate already committed)?
        self.after_isr_or_hw_change(ctx, env, tp);
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
                    .map(|(tp, _)| tp.clone())
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
                    let Some(log) = self.logs.get_mut(&tp) else {
                        continue;
                    };
                    let deleted = log.apply_retention(&files, ctx.now, hw);
                    if let Some(first) = deleted.first() {
                        self.dirty.insert(tp.clone());
                        ctx.event(Event::SegmentsDeleted {
                            broker: self.id,
                            tp: tp.clone(),
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
                    self.hw_checkpoint.insert(tp.clone(), p.hw);
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
