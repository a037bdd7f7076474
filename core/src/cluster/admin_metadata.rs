//! The admin client's own view of the cluster, as Kafka's `AdminMetadataManager` keeps it:
//! the bootstrap list, the last `Metadata` answer (live brokers, controller), when to fetch
//! again (`retry.backoff.ms` between attempts, `metadata.max.age.ms`), and the brokers that
//! refused a connection (`reconnect.backoff.ms`).

use std::collections::BTreeMap;

use super::{
    METADATA_MAX_AGE_MS, RECONNECT_BACKOFF_MAX_MS, RECONNECT_BACKOFF_MS, RETRY_BACKOFF_MS,
};
use crate::model::BrokerId;
use crate::sim::Millis;

/// `AdminMetadataManager`'s state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(super) enum UpdateState {
    /// No update wanted before the snapshot expires.
    #[default]
    Quiescent,
    /// A call needs newer metadata.
    Requested,
    /// A `Metadata` request is in flight (request id, broker).
    Pending(u64, BrokerId),
}

/// The admin client's own view of the cluster (`AdminMetadataManager`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AdminMetadata {
    /// `bootstrap.servers`.
    pub(super) bootstrap: Vec<BrokerId>,
    /// The live brokers of the last `Metadata` answer (empty before the first).
    pub(super) nodes: Vec<BrokerId>,
    /// The controller it named (`None`: none, or cleared after `NOT_CONTROLLER`).
    pub(super) controller: Option<BrokerId>,
    /// `lastMetadataUpdateMs`.
    pub(super) last_update: Option<Millis>,
    /// `lastMetadataFetchAttemptMs`.
    pub(super) last_attempt: Option<Millis>,
    pub(super) state: UpdateState,
    /// The metadata timer's time, if one is set.
    pub(super) timer_at: Option<Millis>,
    /// Brokers that refused a connection: until when they are avoided, and how many times in
    /// a row they refused.
    pub(super) unreachable: BTreeMap<BrokerId, (Millis, u32)>,
}

impl AdminMetadata {
    /// `isReady`: a snapshot from a `Metadata` answer (not just the bootstrap list).
    pub(super) fn ready(&self) -> bool {
        !self.nodes.is_empty()
    }

    /// The brokers of the snapshot (`nodes`), or the bootstrap list before the first answer.
    pub fn nodes(&self) -> &[BrokerId] {
        if self.ready() {
            &self.nodes
        } else {
            &self.bootstrap
        }
    }

    /// The controller the snapshot names.
    pub fn controller(&self) -> Option<BrokerId> {
        self.controller
    }

    pub(super) fn request_update(&mut self) {
        if self.state == UpdateState::Quiescent {
            self.state = UpdateState::Requested;
        }
    }

    /// `metadataFetchDelayMs`: how long until the next `Metadata` request may go (`None`: one
    /// is in flight).
    pub(super) fn fetch_delay(&self, now: Millis) -> Option<Millis> {
        let since =
            |t: Option<Millis>, wait: Millis| t.map_or(0, |t| (t + wait).saturating_sub(now));
        let backoff = since(self.last_attempt, RETRY_BACKOFF_MS);
        match self.state {
            UpdateState::Pending(..) => None,
            UpdateState::Requested => Some(backoff),
            UpdateState::Quiescent if !self.ready() => Some(backoff),
            UpdateState::Quiescent => {
                Some(backoff.max(since(self.last_update, METADATA_MAX_AGE_MS)))
            }
        }
    }

    pub(super) fn reachable(&self, b: BrokerId, now: Millis) -> bool {
        self.unreachable
            .get(&b)
            .is_none_or(|&(until, _)| now >= until)
    }

    /// A connection to `b` was refused: avoid it for `reconnect.backoff.ms`, doubling with
    /// each refusal in a row up to `reconnect.backoff.max.ms`.
    pub(super) fn refused(&mut self, b: BrokerId, now: Millis) {
        let n = self.unreachable.get(&b).map_or(0, |&(_, n)| n);
        let wait = (RECONNECT_BACKOFF_MS << n.min(5)).min(RECONNECT_BACKOFF_MAX_MS);
        self.unreachable.insert(b, (now + wait, n + 1));
    }
}
