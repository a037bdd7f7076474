//! `KafkaRaftClient`'s replication side: the leader's appends and majority high watermark,
//! held fetches, followers' and observers' `Fetch` of `__cluster_metadata` with divergence
//! truncation.

use crate::cluster::msg::{Ctx, Msg};
use crate::event::Event;
use crate::kraft::records::{MetadataEntry, MetadataRecord};
use crate::model::NodeId;

use super::*;

impl RaftClient {
    /// Leader: appends records in the current epoch; returns the offset of the last one.
    /// `None` if this node does not lead.
    pub fn append(&mut self, ctx: &mut Ctx<'_>, records: Vec<MetadataRecord>) -> Option<u64> {
        if !self.is_leader() {
            return None;
        }
        for record in records {
            let offset = self.log_end_offset();
            self.log.push(MetadataEntry {
                offset,
                epoch: self.epoch,
                append_time_ms: ctx.now,
                record,
            });
        }
        let leo = self.log_end_offset();
        if let State::Leader { voters, .. } = &mut self.state {
            let me = voters.entry(self.id).or_default();
            me.end_offset = Some(leo);
            me.last_fetch_ms = Some(ctx.now);
            me.last_caught_up_ms = Some(ctx.now);
        }
        self.update_leader_hw();
        self.complete_held(ctx);
        self.after_step(ctx);
        Some(leo - 1)
    }

    /// The high watermark: the offset a majority of voters have, once past the leader's
    /// epoch start (`LeaderState.maybeUpdateHighWatermark`).
    pub(super) fn update_leader_hw(&mut self) -> bool {
        let majority = self.majority();
        let State::Leader {
            voters,
            epoch_start_offset,
            ..
        } = &self.state
        else {
            return false;
        };
        let mut ends: Vec<u64> = voters.values().map(|r| r.end_offset.unwrap_or(0)).collect();
        ends.sort_unstable_by(|a, b| b.cmp(a));
        let Some(&candidate) = ends.get(majority - 1) else {
            return false;
        };
        if candidate > *epoch_start_offset && candidate > self.high_watermark {
            self.high_watermark = candidate;
            return true;
        }
        false
    }

    pub(super) fn complete_held(&mut self, ctx: &mut Ctx<'_>) {
        let held = match &mut self.state {
            State::Leader { held, .. } => std::mem::take(held),
            _ => return,
        };
        for (_, h) in held {
            self.answer_fetch(ctx, h.from, h.fetch_offset);
        }
    }

    pub(super) fn answer_fetch(&self, ctx: &mut Ctx<'_>, to: NodeId, fetch_offset: u64) {
        let entries: Vec<MetadataEntry> = self
            .entries_from(fetch_offset)
            .iter()
            .take(self.config.max_fetch_entries)
            .cloned()
            .collect();
        ctx.send(
            to,
            Msg::RaftFetchResponse {
                epoch: self.epoch,
                leader: Some(self.id),
                result: FetchResult::Records {
                    entries,
                    high_watermark: self.high_watermark,
                },
            },
        );
    }

    pub(super) fn on_fetch(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        epoch: u32,
        replica: u32,
        fetch_offset: u64,
        last_fetched_epoch: u32,
    ) {
        let error = |c: &Self, ctx: &mut Ctx<'_>, result: FetchResult| {
            ctx.send(
                from,
                Msg::RaftFetchResponse {
                    epoch: c.epoch,
                    leader: c.leader(),
                    result,
                },
            )
        };
        if !self.is_leader() {
            return error(self, ctx, FetchResult::NotLeader);
        }
        if epoch < self.epoch {
            return error(self, ctx, FetchResult::FencedLeaderEpoch);
        }
        if epoch > self.epoch {
            // Someone knows a newer epoch: this leader is stale.
            self.transition_to_unattached(ctx, epoch);
            return;
        }
        // A fetcher with an empty log, or below the log start (or older than the oldest
        // snapshot), is sent the latest snapshot's id (`validateOffsetAndEpoch`).
        if let (Some(latest), Some(earliest)) = (self.latest_snapshot(), self.snapshots.first()) {
            if fetch_offset == 0
                || fetch_offset < self.log_start_offset
                || (fetch_offset == self.log_start_offset && last_fetched_epoch != earliest.epoch)
                || last_fetched_epoch < earliest.epoch
            {
                let result = FetchResult::Snapshot {
                    end_offset: latest.end_offset,
                    epoch: latest.epoch,
                };
                return error(self, ctx, result);
            }
        }
        // `validateOffsetAndEpoch`: does the fetcher's log agree with ours up to its end?
        if fetch_offset > 0 {
            let (e, end) = self.end_offset_for_epoch(last_fetched_epoch);
            if e < last_fetched_epoch || end < fetch_offset {
                return error(
                    self,
                    ctx,
                    FetchResult::DivergingEpoch {
                        epoch: e,
                        end_offset: end,
                    },
                );
            }
        }
        let leo = self.log_end_offset();
        let is_voter = self.voters.contains(&replica) && from == NodeId::Controller(replica);
        let now = ctx.now;
        if let State::Leader {
            voters, observers, ..
        } = &mut self.state
        {
            let map = if is_voter { voters } else { observers };
            let r = map.entry(replica).or_default();
            r.end_offset = Some(fetch_offset);
            r.last_fetch_ms = Some(now);
            if fetch_offset >= leo {
                r.last_caught_up_ms = Some(now);
            }
        }
        if is_voter {
            self.update_check_quorum(now, replica);
        }
        let moved = is_voter && self.update_leader_hw();
        if moved {
            self.complete_held(ctx);
        }
        if fetch_offset < self.log_end_offset() {
            self.answer_fetch(ctx, from, fetch_offset);
        } else {
            // Nothing new: hold it (long poll) until an append or `fetchMaxWaitMs`.
            if let State::Leader { held, .. } = &mut self.state {
                held.insert(from, HeldFetch { from, fetch_offset });
            }
            self.timer(
                ctx,
                self.config.fetch_max_wait_ms,
                RaftTimer::FetchWait { from },
            );
        }
    }

    pub(super) fn on_fetch_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        epoch: u32,
        leader: Option<u32>,
        result: FetchResult,
    ) {
        self.fetch_in_flight = false;
        if epoch > self.epoch || (epoch == self.epoch && self.leader().is_none()) {
            match leader {
                // (An observer may share its id with the leader: a combined node's broker.)
                Some(l) if l != self.id || !self.is_voter => {
                    self.transition_to_follower(ctx, epoch, l)
                }
                _ if epoch > self.epoch => self.transition_to_unattached(ctx, epoch),
                _ => self.schedule_fetch_retry(ctx),
            }
            return;
        }
        let State::Follower {
            leader: current, ..
        } = &self.state
        else {
            return;
        };
        if epoch < self.epoch || from != NodeId::Controller(*current) {
            return;
        }
        match result {
            FetchResult::Records {
                entries,
                high_watermark,
            } => {
                if let State::Follower { has_fetched, .. } = &mut self.state {
                    *has_fetched = true;
                }
                self.fetch_failures = 0;
                for e in entries {
                    if e.offset == self.log_end_offset() {
                        self.log.push(e);
                    }
                }
                let hw = high_watermark.min(self.log_end_offset());
                if hw > self.high_watermark {
                    self.high_watermark = hw;
                }
                self.fetch_deadline = Some(ctx.now + self.config.fetch_timeout_ms);
                self.send_fetch(ctx);
            }
            FetchResult::DivergingEpoch { end_offset, .. } => {
                let to = end_offset
                    .max(self.high_watermark.min(self.log_end_offset()))
                    .max(self.log_start_offset);
                if to < self.log_end_offset() {
                    self.log.truncate((to - self.log_start_offset) as usize);
                    ctx.event(Event::KraftLogTruncated {
                        node: self.id,
                        observer: !self.is_voter,
                        offset: to,
                    });
                }
                self.send_fetch(ctx);
            }
            FetchResult::Snapshot { end_offset, epoch } => {
                self.fetch_deadline = Some(ctx.now + self.config.fetch_timeout_ms);
                self.send_fetch_snapshot(ctx, end_offset, epoch);
            }
            FetchResult::FencedLeaderEpoch | FetchResult::NotLeader => {
                self.schedule_fetch_retry(ctx)
            }
        }
    }

    pub(super) fn on_fetch_failed(&mut self, ctx: &mut Ctx<'_>) {
        self.fetch_in_flight = false;
        self.schedule_fetch_retry(ctx);
    }

    /// Reconnecting after a failure backs off (`reconnect.backoff.ms` 50, doubling up to
    /// `reconnect.backoff.max.ms` 1000).
    pub(super) fn schedule_fetch_retry(&mut self, ctx: &mut Ctx<'_>) {
        self.fetch_failures = (self.fetch_failures + 1).min(5);
        let backoff = (50u64 << (self.fetch_failures - 1)).min(1_000);
        if !self.is_voter && self.leader().is_none() {
            self.probe += 1;
        }
        self.timer(ctx, backoff, RaftTimer::FetchRetry);
    }

    /// Sends the next fetch: to the leader, or (an observer knowing none) to a voter in turn.
    pub(super) fn send_fetch(&mut self, ctx: &mut Ctx<'_>) {
        if self.fetch_in_flight {
            return;
        }
        let to = match (&self.state, self.is_voter) {
            (State::Follower { leader, .. }, _) => *leader,
            (_, false) => self.voters[self.probe % self.voters.len()],
            _ => return,
        };
        self.fetch_in_flight = true;
        ctx.send(
            NodeId::Controller(to),
            Msg::RaftFetch {
                epoch: self.epoch,
                replica: self.id,
                fetch_offset: self.log_end_offset(),
                last_fetched_epoch: self.last_epoch(),
            },
        );
    }
}
