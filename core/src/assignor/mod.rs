//! # Consumer partition assignors
//!
//! Kafka's four client-side assignors, worked out the way the Java consumer works them out, so
//! that the lab hands out exactly the partitions the real group leader would:
//!
//! - [`AssignorKind::Range`] (`range`, `RangeAssignor`): per topic, the subscribed members sorted
//!   (static members first, by `group.instance.id`, then the others by `member.id`) get
//!   consecutive ranges, `n / c` each and one extra for the first `n % c`.
//! - [`AssignorKind::RoundRobin`] (`roundrobin`): every subscribed partition in topic-then-
//!   partition order is dealt round the sorted members, skipping members not subscribed to it.
//! - [`AssignorKind::Sticky`] (`sticky`) and [`AssignorKind::CooperativeSticky`]
//!   (`cooperative-sticky`): Kafka's `AbstractStickyAssignor`. When every member subscribes to
//!   the same topics the "constrained" algorithm keeps owned partitions up to the quota and deals
//!   the rest round-robin; otherwise the "general" algorithm keeps what is still valid, assigns
//!   the rest to the least loaded eligible member and moves partitions until balanced. The
//!   cooperative flavour then withholds every partition that changes owner: this rebalance only
//!   revokes it, the follow-up rebalance hands it to its new owner.
//!
//! Rack awareness (`client.rack`) is not modelled: the lab's consumers have no rack.
//!
//! ## Where Java's hash order shows through
//!
//! The Java code walks several `HashMap`s and `HashSet`s, and in a few places that order decides
//! the outcome (which member keeps `maxQuota` partitions, which of two same-generation claims
//! wins, which lower-generation owner is remembered, which partition a movement undoes). The
//! module reproduces that order: [`java_hash_order`] lays keys out as a default-constructed
//! `java.util.HashMap` does (`String.hashCode`, the `h ^ h >>> 16` spread, a table of 16 doubled
//! at 75% load, insertion order within a bucket). The members' order in the slice given to
//! [`assign`] stands for the order in which the leader received them in the JoinGroup response
//! (the insertion order of its `subscriptions` map). Buckets of eight or more colliding keys,
//! which Java turns into trees, are not modelled.
//!
//! ## Deliberate differences from Java
//!
//! - Pure: the Java assignor object remembers the highest generation it has ever seen
//!   (`maxGeneration`) across rebalances; here it is the highest generation in this call, as for
//!   a freshly started leader.
//! - Never panics: where Java would throw (`IllegalStateException`, a `NullPointerException` on
//!   a member that has left) the step is skipped. Owned partitions that do not exist (a partition
//!   number beyond the topic's count) and duplicates in one member's owned list are ignored. A
//!   partition is never moved back to a previous owner that no longer subscribes to its topic.
//! - A member listed twice counts once, with its last subscription (as `Map.put` would).
//!
//! One Java quirk is kept on purpose: Kafka decides "all subscriptions are equal" starting from
//! the first member with a non-empty subscription, so a member with an empty subscription (a
//! pattern matching nothing) placed first in the group still takes part in the constrained
//! sticky algorithm and may receive partitions.

mod java_order;
mod range;
#[cfg(test)]
mod reference;
mod round_robin;
mod sticky;
#[cfg(test)]
mod tests;

use crate::idxmap::IdxMap;
use java_order::*;
pub use java_order::{java_cmp, java_hash_order};
pub(crate) use java_order::{same, str_cmp};
use range::range;
use round_robin::round_robin;
use sticky::*;

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::model::TopicPartition;

/// `AbstractStickyAssignor.DEFAULT_GENERATION`: a member that reports no generation.
pub const DEFAULT_GENERATION: i32 = -1;

/// One member's JoinGroup subscription, as the group leader sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Subscription {
    /// `member.id` given by the coordinator.
    pub member_id: String,
    /// `group.instance.id` of a static member.
    pub instance_id: Option<String>,
    /// Subscribed topics.
    pub topics: BTreeSet<String>,
    /// Partitions the member owned before this rebalance (the cooperative protocol's
    /// `ownedPartitions`, or the sticky assignor's user data), in the member's order.
    pub owned: Vec<TopicPartition>,
    /// The generation those partitions were owned in (`None`: unknown).
    pub generation: Option<i32>,
}

impl Subscription {
    /// A dynamic member subscribed to `topics`, owning nothing.
    pub fn new<T: Into<String>>(
        member_id: impl Into<String>,
        topics: impl IntoIterator<Item = T>,
    ) -> Self {
        Self {
            member_id: member_id.into(),
            topics: topics.into_iter().map(Into::into).collect(),
            ..Self::default()
        }
    }

    /// The same member, static, with `group.instance.id` `instance_id`.
    pub fn with_instance_id(mut self, instance_id: impl Into<String>) -> Self {
        self.instance_id = Some(instance_id.into());
        self
    }

    /// The same member, owning `owned` from generation `generation`.
    pub fn with_owned(mut self, owned: Vec<TopicPartition>, generation: Option<i32>) -> Self {
        self.owned = owned;
        self.generation = generation;
        self
    }
}

/// Which assignor (`partition.assignment.strategy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AssignorKind {
    /// `org.apache.kafka.clients.consumer.RangeAssignor`, protocol name `range`.
    Range,
    /// `org.apache.kafka.clients.consumer.RoundRobinAssignor`, protocol name `roundrobin`.
    RoundRobin,
    /// `org.apache.kafka.clients.consumer.StickyAssignor`, protocol name `sticky`.
    Sticky,
    /// `org.apache.kafka.clients.consumer.CooperativeStickyAssignor`, `cooperative-sticky`.
    CooperativeSticky,
}

impl AssignorKind {
    /// All four, in the order above.
    pub const ALL: [AssignorKind; 4] = [
        AssignorKind::Range,
        AssignorKind::RoundRobin,
        AssignorKind::Sticky,
        AssignorKind::CooperativeSticky,
    ];

    /// The protocol name (`ConsumerPartitionAssignor.name()`), shown by
    /// `kafka-consumer-groups.sh --describe --state` as ASSIGNMENT-STRATEGY.
    pub fn name(self) -> &'static str {
        match self {
            AssignorKind::Range => "range",
            AssignorKind::RoundRobin => "roundrobin",
            AssignorKind::Sticky => "sticky",
            AssignorKind::CooperativeSticky => "cooperative-sticky",
        }
    }

    /// The class name one writes in `partition.assignment.strategy`.
    pub fn class_name(self) -> &'static str {
        match self {
            AssignorKind::Range => "org.apache.kafka.clients.consumer.RangeAssignor",
            AssignorKind::RoundRobin => "org.apache.kafka.clients.consumer.RoundRobinAssignor",
            AssignorKind::Sticky => "org.apache.kafka.clients.consumer.StickyAssignor",
            AssignorKind::CooperativeSticky => {
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"
            }
        }
    }

    /// Whether it speaks the COOPERATIVE rebalance protocol (only `cooperative-sticky`).
    pub fn is_cooperative(self) -> bool {
        self == AssignorKind::CooperativeSticky
    }

    /// Reads a protocol name (`range`), a full class name, or a bare class name
    /// (`RangeAssignor`). Surrounding spaces are ignored; the match is exact otherwise, as in Kafka.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL.into_iter().find(|k| {
            s == k.name() || s == k.class_name() || k.class_name().rsplit('.').next() == Some(s)
        })
    }
}

/// The result of an assignment with the cooperative detail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssignmentOutcome {
    /// Every member's partitions, in the order Kafka lists them.
    pub assignment: BTreeMap<String, Vec<TopicPartition>>,
    /// Cooperative only: partitions revoked in this rebalance and held back from the member
    /// (the value) that will receive them in the follow-up rebalance.
    pub withheld: IdxMap<TopicPartition, String>,
}

/// Assigns `partitions_per_topic` (topic → partition count; topics no one subscribes to, and
/// topics with no partitions, are ignored) to `members`. Every member appears in the result,
/// possibly with nothing. See the module documentation for how `members`' order is used.
pub fn assign(
    kind: AssignorKind,
    partitions_per_topic: &BTreeMap<String, u32>,
    members: &[Subscription],
) -> BTreeMap<String, Vec<TopicPartition>> {
    assign_detailed(kind, partitions_per_topic, members).assignment
}

/// [`assign`], also telling which partitions the cooperative assignor held back.
pub fn assign_detailed(
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
            assignment: group.output(range(&group)),
            withheld: IdxMap::new(),
        },
        AssignorKind::RoundRobin => AssignmentOutcome {
            assignment: group.output(round_robin(&group)),
            withheld: IdxMap::new(),
        },
        AssignorKind::Sticky => sticky(&group, false),
        AssignorKind::CooperativeSticky => sticky(&group, true),
    }
}

/// How a version of `kafka-consumer-groups.sh --describe --members --verbose` prints the
/// ASSIGNMENT column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignmentColumnStyle {
    /// Kafka up to 3.7 (the Scala tool): `t1(0,1), t2(2)`: per topic the partitions in
    /// numeric order, the topic entries sorted as text, joined by `, `.
    Scala,
    /// Kafka 3.8 and 3.9 (the first Java tool): `(0,1), (2)`: the topic name is lost, partitions
    /// are sorted as text (`10` before `2`), entries sorted, joined by `, `.
    Java38,
    /// Kafka 4.x: `t1:0,1;t2:2`: partitions in numeric order, entries sorted, joined by `;`.
    Kafka4,
}

/// The ASSIGNMENT column for one member: `-` when it has nothing.
pub fn format_assignment_column(
    partitions: &[TopicPartition],
    style: AssignmentColumnStyle,
) -> String {
    if partitions.is_empty() {
        return "-".to_string();
    }
    let mut by_topic: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for tp in partitions {
        by_topic
            .entry(tp.topic.as_str())
            .or_default()
            .push(tp.partition);
    }
    let mut entries: Vec<String> = by_topic
        .into_iter()
        .map(|(topic, mut ps)| match style {
            AssignmentColumnStyle::Java38 => {
                let mut texts: Vec<String> = ps.iter().map(u32::to_string).collect();
                texts.sort_by(|a, b| java_cmp(a, b));
                format!("({})", texts.join(","))
            }
            AssignmentColumnStyle::Scala | AssignmentColumnStyle::Kafka4 => {
                ps.sort_unstable();
                let list: Vec<String> = ps.iter().map(u32::to_string).collect();
                if style == AssignmentColumnStyle::Scala {
                    format!("{topic}({})", list.join(","))
                } else {
                    format!("{topic}:{}", list.join(","))
                }
            }
        })
        .collect();
    entries.sort_by(|a, b| java_cmp(a, b));
    match style {
        AssignmentColumnStyle::Kafka4 => entries.join(";"),
        _ => entries.join(", "),
    }
}
