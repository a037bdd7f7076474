//! The consumer client as the Java `KafkaConsumer` runs the classic group protocol
//! (`ConsumerCoordinator` over `AbstractCoordinator`): find the coordinator, JoinGroup,
//! SyncGroup (the leader computes the assignment with [`crate::assignor`]), heartbeats, offset
//! commits and fetches, LeaveGroup. The lab's consumer stands for an application that calls
//! `poll()` all the time as far as the group is concerned: it rejoins as soon as its heartbeat
//! hears of a rebalance.
//!
//! Records come as Kafka's `Fetcher` gets them: inside `poll()` ([`Consumer::begin_poll`] …
//! [`Consumer::end_poll`]) the consumer looks up the partitions' leaders (`Metadata`), resets
//! positions it lacks with `ListOffsets` (`auto.offset.reset`), and sends each leader one
//! `Fetch` for all the partitions it reads there and has nothing buffered for
//! (`fetch.min.bytes`, `fetch.max.wait.ms`, `max.partition.fetch.bytes`, `fetch.max.bytes`,
//! the isolation level). Answers go to the fetch buffer (`FetchBuffer`); `poll()` hands out up
//! to `max.poll.records` from it, advancing the positions, and sends the next fetches before
//! it returns (Kafka pipelines). Control batches never reach the application, and under
//! `read_committed` the batches of aborted transactions are skipped with the list the leader
//! sends. Errors: `NOT_LEADER_OR_FOLLOWER` (and a leader that cannot be reached) refresh the
//! metadata and retry after `retry.backoff.ms`; `OFFSET_OUT_OF_RANGE` applies
//! `auto.offset.reset`. Fetched records of a partition the consumer no longer owns are dropped.

mod config;
mod coordinator;
mod fetcher;
#[cfg(test)]
mod tests;

pub use config::{ConsumerConfig, GroupProtocol, OffsetReset};

use crate::idxmap::IdxMap;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::group::{GroupRequest, GroupResponse};
use super::kip848::{client_member_id, HeartbeatRequest, HeartbeatResult};
use super::msg::{
    ConsumerFetch, ConsumerFetchPartition, ConsumerFetched, Ctx, KafkaError, Msg, OffsetSpec, Timer,
};
use crate::assignor::{assign_detailed, AssignorKind};
use crate::event::Event;
use crate::log::{Offset, Record};
use crate::model::{BrokerId, NodeId, TopicPartition};
use crate::server_assignor::RemoteAssignor;
use crate::sim::Millis;
use crate::storage::batch::Marker;

/// `retry.backoff.ms`.
const RETRY_BACKOFF_MS: Millis = 100;

/// Where a consumer is in the group protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConsumerState {
    /// Looking for the coordinator.
    FindingCoordinator,
    /// JoinGroup sent.
    Joining,
    /// SyncGroup sent.
    Syncing,
    /// Has an assignment (and heartbeats).
    Stable,
    /// Left the group or crashed.
    Closed,
}

/// A fetch answer waiting in the fetch buffer (Kafka's `CompletedFetch`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CompletedFetch {
    /// The partition.
    pub tp: TopicPartition,
    /// The position the next record continues from: the fetch's offset, then past each
    /// record handed out. The fetch is stale (dropped) if the partition's position differs.
    pub position: Offset,
    /// The records for the application (control batches, and under `read_committed` the
    /// batches of aborted transactions, already left out).
    pub records: VecDeque<Record>,
    /// The position once every record is handed out: past the last batch fetched.
    pub next_offset: Offset,
}

/// A request a consumer has on the wire to a partition leader or for metadata.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum InFlight {
    /// A fetch to a leader: the partitions and the positions asked.
    Fetch(BrokerId, Vec<(TopicPartition, Offset)>),
    /// `ListOffsets` to a leader.
    ListOffsets(BrokerId, Vec<TopicPartition>),
    /// `Metadata` to a bootstrap broker.
    Metadata(BrokerId),
}

/// A consumer client.
#[derive(Clone, Debug, Hash)]
pub struct Consumer {
    /// Its node number.
    pub id: u32,
    /// Its `client.id` (also its member id in the lab).
    pub name: String,
    /// Configs.
    pub config: ConsumerConfig,
    /// Bumped at every restart (timers of an older life are ignored).
    pub incarnation: u32,
    /// Brokers it bootstraps from.
    pub bootstrap: Vec<BrokerId>,
    bootstrap_next: usize,
    /// The coordinator it talks to.
    pub coordinator: Option<BrokerId>,
    /// The member id the coordinator gave it.
    pub member_id: Option<String>,
    /// The generation of its assignment.
    pub generation: i32,
    /// Where it is.
    pub state: ConsumerState,
    /// Its partitions.
    pub assignment: Vec<TopicPartition>,
    /// The next offset to read of each assigned partition, once known.
    pub positions: IdxMap<TopicPartition, Offset>,
    /// True once the committed offsets of the assignment were fetched.
    pub offsets_fetched: bool,
    /// Positions as of the last poll (what auto-commit commits).
    pub last_commit_request: Option<u64>,
    /// The answer to the last commit.
    pub last_commit_result: Option<Result<(), KafkaError>>,
    /// When auto-commit last ran.
    pub last_auto_commit: Millis,
    /// The application stopped calling `poll()` (`consumer stall`).
    pub stalled: bool,
    /// The application's own poll loop (`consumer run`): `poll()` every so many virtual ms.
    /// `None`: it polls only when told (`consumer poll`).
    pub app_poll_ms: Option<Millis>,
    /// Bumped at every `consumer run` / `consumer pause` (an older loop's timer is ignored).
    app_run: u32,
    /// Partitions given by the application (`assign()`), not by a group.
    pub manual: bool,
    /// Each partition's leader, as the last `Metadata` answer said.
    pub leaders: IdxMap<TopicPartition, BrokerId>,
    /// Fetches, `ListOffsets` and `Metadata` on the wire, by request.
    pub in_flight: crate::vecmap::VecMap<u64, InFlight>,
    /// The fetch buffer (`FetchBuffer`): answers in arrival order.
    pub buffer: VecDeque<CompletedFetch>,
    /// The end each partition's last fetch answer reported: the high watermark, or the last
    /// stable offset under `read_committed` (what lag is measured against).
    pub end_offsets: IdxMap<TopicPartition, Offset>,
    /// Partitions whose position comes from `seekToBeginning` / `seekToEnd` rather than
    /// `auto.offset.reset`.
    seek: IdxMap<TopicPartition, OffsetSpec>,
    /// Partitions reset after `OFFSET_OUT_OF_RANGE`, with the position refused.
    out_of_range: IdxMap<TopicPartition, Offset>,
    /// Inside `poll()`: fetches and resets go out only then (and right after, pipelined).
    polling: bool,
    /// What the application's `poll()` throws next (`OffsetOutOfRangeException` with
    /// `auto.offset.reset=none`).
    poll_error: Option<String>,
    /// A `ConsumerFetchRetry` timer is set.
    retry_pending: bool,
    /// Rejoin after this sync (cooperative: partitions were revoked).
    rejoin_after_sync: bool,
    /// The coordinator before the last one was lost (to tell a move from a retry).
    previous_coordinator: Option<BrokerId>,
    /// The ConsumerGroupHeartbeat in flight (KIP-848: one at a time).
    cg_inflight: Option<u64>,
    next_request: u64,
    join_request: Option<u64>,
    /// As group leader, the partition count of each subscribed topic the last assignment was
    /// computed from (`ConsumerCoordinator.assignmentSnapshot`); `None` when not the leader.
    assignment_snapshot: Option<BTreeMap<String, u32>>,
    /// A `metadata.max.age.ms` refresh timer is set.
    metadata_refresh_armed: bool,
}

/// `metadata.max.age.ms` (default 300000): the client refreshes its metadata at least this
/// often, even when nothing failed.
pub const METADATA_MAX_AGE_MS: Millis = 300_000;

/// The application's poll loop (`consumer run` / `consumer pause`).
impl Consumer {
    /// Starts the loop `while (running) { records = poll(Duration.ofMillis(every)); … }`: every
    /// `every` virtual ms one `poll()` returns what arrived and the next begins.
    pub fn run_app(&mut self, ctx: &mut Ctx<'_>, every: Millis) {
        self.app_run += 1;
        self.app_poll_ms = Some(every);
        self.stalled = false;
        ctx.timer(0, Timer::ConsumerAppPoll { run: self.app_run });
    }

    /// Stops the loop: the consumer polls only when told again.
    pub fn pause_app(&mut self) {
        self.app_run += 1;
        self.app_poll_ms = None;
        self.polling = false;
    }

    /// One turn of the loop: the `poll()` begun last turn returns its records (handed to the
    /// application, whose sends go to the ledger as read), auto-commit runs when due, and the
    /// next `poll()` begins. A stalled application skips its turns.
    pub fn app_poll(&mut self, ctx: &mut Ctx<'_>, run: u32) -> Vec<crate::log::SendId> {
        let Some(every) = self.app_poll_ms.filter(|_| run == self.app_run) else {
            return Vec::new();
        };
        ctx.timer(every, Timer::ConsumerAppPoll { run });
        if self.stalled || !self.is_alive() {
            return Vec::new();
        }
        let mut read = Vec::new();
        if self.polling {
            if let Ok(records) = self.end_poll(ctx, self.config.max_poll_records) {
                read = records.iter().map(|(_, r)| r.send).collect();
            }
        }
        if !self.is_ready() {
            return read;
        }
        if self.config.enable_auto_commit
            && ctx.now >= self.last_auto_commit + self.config.auto_commit_interval_ms
        {
            self.commit(ctx);
        }
        // An exception from poll() (no reset policy) ends this turn; the loop tries again.
        let _ = self.begin_poll(ctx);
        read
    }
}
