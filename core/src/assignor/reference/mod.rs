//! The assignors as they were before member ids and topic names were interned (2026-12-07):
//! strings compared and cloned in the inner loops. Test-only: the property test in `tests.rs`
//! checks that the interned assignors hand out exactly what these do.

mod group;
mod range;
mod round_robin;
mod sticky;

pub(super) use super::java_order::{java_bucket, java_capacity, java_tp_hash};
pub(super) use super::{
    java_cmp, java_hash_order, AssignmentOutcome, AssignorKind, Subscription, DEFAULT_GENERATION,
};
use crate::idxmap::IdxMap;
pub(super) use crate::model::TopicPartition;
use group::*;
pub(super) use std::cmp::Ordering;
pub(super) use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// `assign_detailed` as it was.
pub(crate) fn assign_detailed(
    kind: AssignorKind,
    partitions_per_topic: &BTreeMap<String, u32>,
    members: &[Subscription],
) -> AssignmentOutcome {
    let group = Group::new(partitions_per_topic, members);
    if group.order.is_empty() {
        return AssignmentOutcome::default();
    }
    match kind {
        AssignorKind::Range => AssignmentOutcome {
            assignment: range::range(&group),
            withheld: IdxMap::new(),
        },
        AssignorKind::RoundRobin => AssignmentOutcome {
            assignment: round_robin::round_robin(&group),
            withheld: IdxMap::new(),
        },
        AssignorKind::Sticky => sticky::sticky(&group, false),
        AssignorKind::CooperativeSticky => sticky::sticky(&group, true),
    }
}
