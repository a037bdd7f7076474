//! Who owned which partitions, and when: every consumer's assignment as the client itself holds
//! it (not as the coordinator planned it), recorded whenever it changes. The page draws this as
//! the group's rebalance timeline — under the eager protocol every member gives up everything
//! and stops until the new generation is handed out; under the cooperative one members keep
//! consuming what they keep, and only the moved partitions pause.

use crate::idxmap::IdxMap;
use std::collections::VecDeque;

use super::consumer::{Consumer, ConsumerState};
use crate::model::TopicPartition;
use crate::sim::Millis;

/// Changes kept (the oldest are dropped first).
pub const OWNERSHIP_CHANGES_KEPT: usize = 4096;

/// What a consumer is doing, for the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Stable with partitions: polling.
    Consuming,
    /// Finding the coordinator, joining or syncing. With partitions (cooperative) it keeps
    /// consuming them; without (eager, after revoking everything) it is stopped.
    Rebalancing,
    /// Stable without partitions: more members than partitions.
    Idle,
    /// Left, crashed, or not started.
    Closed,
}

impl Phase {
    /// A short English name (also the page's CSS class).
    pub fn name(self) -> &'static str {
        match self {
            Phase::Consuming => "consuming",
            Phase::Rebalancing => "rebalancing",
            Phase::Idle => "idle",
            Phase::Closed => "closed",
        }
    }

    fn of(c: &Consumer) -> Self {
        match c.state {
            ConsumerState::Closed => Phase::Closed,
            ConsumerState::FindingCoordinator | ConsumerState::Joining | ConsumerState::Syncing => {
                Phase::Rebalancing
            }
            ConsumerState::Stable if c.assignment.is_empty() => Phase::Idle,
            ConsumerState::Stable => Phase::Consuming,
        }
    }
}

/// One change of a consumer's partitions or phase.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OwnershipChange {
    /// Virtual time.
    pub at: Millis,
    /// The consumer's client id.
    pub client: String,
    /// Its group.
    pub group: String,
    /// The partitions it holds from now on.
    pub owned: Vec<TopicPartition>,
    /// What it is doing from now on.
    pub phase: Phase,
}

/// The record of changes, oldest first.
#[derive(Clone, Debug, Default, Hash)]
pub struct OwnershipLog {
    changes: VecDeque<OwnershipChange>,
    last: IdxMap<u32, (Vec<TopicPartition>, Phase)>,
}

impl OwnershipLog {
    /// Notes consumer `id`'s partitions and phase at `now` if they changed.
    pub fn observe(&mut self, now: Millis, id: u32, c: &Consumer) {
        let phase = Phase::of(c);
        let mut owned = c.assignment.clone();
        crate::sort::natural(&mut owned);
        if self
            .last
            .get(&id)
            .is_some_and(|(o, p)| *o == owned && *p == phase)
        {
            return;
        }
        self.last.insert(id, (owned.clone(), phase));
        if self.changes.len() == OWNERSHIP_CHANGES_KEPT {
            self.changes.pop_front();
        }
        self.changes.push_back(OwnershipChange {
            at: now,
            client: c.name.clone(),
            group: c.config.group.clone(),
            owned,
            phase,
        });
    }

    /// Every change kept, oldest first.
    pub fn changes(&self) -> impl Iterator<Item = &OwnershipChange> {
        self.changes.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::consumer::ConsumerConfig;

    #[test]
    fn only_changes_are_recorded() {
        let mut log = OwnershipLog::default();
        let mut c = Consumer::new(
            100,
            "c1",
            vec![1],
            ConsumerConfig::new("g", ["orders".to_string()].into()),
        );
        log.observe(0, 100, &c);
        log.observe(5, 100, &c);
        c.state = ConsumerState::Stable;
        c.assignment = vec![
            TopicPartition::new("orders", 1),
            TopicPartition::new("orders", 0),
        ];
        log.observe(9, 100, &c);
        log.observe(12, 100, &c);
        let all: Vec<_> = log.changes().collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].phase, Phase::Closed);
        assert_eq!(all[1].at, 9);
        assert_eq!(all[1].phase, Phase::Consuming);
        // Sorted, so a reordered assignment is not a change.
        assert_eq!(all[1].owned[0], TopicPartition::new("orders", 0));
        c.assignment.reverse();
        log.observe(20, 100, &c);
        assert_eq!(log.changes().count(), 2);
    }
}
