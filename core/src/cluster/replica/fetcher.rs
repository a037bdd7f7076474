//! The follower side (Kafka's `ReplicaFetcherThread`): one fetcher per leader fetches the
//! partitions this broker follows there, in one request at a time; a new follower first
//! truncates its log — to where the leader says its last epoch ended (KIP-101) or to its high
//! watermark before 0.11 — then fetches from its log end, appends, and takes the leader's
//! high watermark.

use super::*;
use crate::idxmap::IdxMap;

/// A replica fetcher (`ReplicaFetcherThread`): the partitions this broker follows on one
/// leader, fetched together in one request at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ReplicaFetcher {
    /// Partitions followed on that leader, with the leader epoch this broker knows.
    pub partitions: IdxMap<TopicPartition, u32>,
    /// The fetch waiting for its answer.
    pub in_flight: Option<u64>,
    /// Pausing `replica.fetch.backoff.ms` after an error.
    pub backing_off: bool,
    /// Waiting out the broker's fetch delay (the slow-follower fault).
    pub delaying: bool,
}

impl ReplicaManager {
    /// Hands a partition to the fetcher for `leader`.
    pub(super) fn follow(&mut self, tp: &TopicPartition, leader: BrokerId, epoch: u32) {
        self.fetchers
            .entry(leader)
            .or_default()
            .partitions
            .insert(*tp, epoch);
    }

    /// Cuts a replica's log at `offset` (if it is longer) and says so.
    pub fn truncate(
        &mut self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        offset: Offset,
        reason: TruncationReason,
    ) {
        self.dirty.insert(*tp);
        let Some(log) = self.logs.get_mut(tp).map(std::rc::Rc::make_mut) else {
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
            tp: *tp,
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

    pub(super) fn retry_truncation(&mut self, ctx: &mut Ctx<'_>, tp: TopicPartition) {
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
    pub(super) fn maybe_fetch(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        leader: BrokerId,
    ) {
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

    pub(super) fn send_fetch(
        &mut self,
        ctx: &mut Ctx<'_>,
        config: &BrokerConfig,
        leader: BrokerId,
    ) {
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
                tp: *tp,
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
                    let log = std::rc::Rc::make_mut(self.logs.entry(part.tp).or_default());
                    let appended =
                        log.append_fetched(&part.records, &part.encoded, ctx.now, &files);
                    for base_offset in log.take_rolled() {
                        ctx.event(Event::SegmentRolled {
                            broker: self.id,
                            tp: part.tp,
                            base_offset,
                        });
                    }
                    let leo = log.leo();
                    if let Some(p) = self.partitions.get_mut(&part.tp) {
                        let hw = part.hw.min(leo);
                        if appended > 0 || hw != p.hw {
                            p.hw = hw;
                            self.dirty.insert(part.tp);
                        }
                    }
                }
                Some(KafkaError::OffsetOutOfRange) => {
                    let leo = self.logs.get(&part.tp).map_or(0, |l| l.leo());
                    if part.log_end < leo {
                        // The leader's log is shorter than this one: cut back to its end.
                        self.truncate(ctx, &part.tp, part.log_end, TruncationReason::OutOfRange);
                    } else {
                        // Retention on the leader deleted what this replica lacks:
                        // `truncateFullyAndStartAt(leaderLogStartOffset)`.
                        let log = std::rc::Rc::make_mut(self.logs.entry(part.tp).or_default());
                        log.truncate_fully_and_start_at(part.log_start, ctx.now);
                        if let Some(p) = self.partitions.get_mut(&part.tp) {
                            p.hw = p.hw.max(part.log_start);
                        }
                        self.dirty.insert(part.tp);
                        ctx.event(Event::Truncated {
                            broker: self.id,
                            tp: part.tp,
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
    pub(super) fn back_off(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig, leader: BrokerId) {
        if let Some(f) = self.fetchers.get_mut(&leader) {
            f.backing_off = true;
            ctx.timer(
                config.replica_fetch_backoff_ms,
                Timer::FetchBackoff { leader },
            );
        }
    }
}
