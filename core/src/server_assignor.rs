//! # Server-side assignors (KIP-848, Kafka 4.0)
//!
//! With `group.protocol=consumer` the group coordinator computes the target assignment itself,
//! with the assignor the members name in `group.remote.assignor` (Kafka's `group-coordinator`
//! module, package `org.apache.kafka.coordinator.group.assignor`):
//!
//! - [`RemoteAssignor::Uniform`] (`uniform`, the default, `UniformAssignor`). When every member
//!   subscribes to the same topics (a homogeneous group) it works as
//!   `UniformHomogeneousAssignmentBuilder`: quota = partitions / members, the first
//!   `partitions % members` members (in member order) get one more; each member keeps its
//!   current target partitions up to its quota (its topics by name, partitions ascending, as
//!   Kafka's tests lay out a member's assignment) and gives up the rest; partitions nobody holds are then
//!   handed out, in topic-id hash order, to the members still under quota, in member order.
//!   Heterogeneous groups: see "Deliberate differences".
//! - [`RemoteAssignor::Range`] (`range`, `RangeAssignor` as of Kafka 4.0): per topic, the
//!   subscribed members sorted (static members first by `group.instance.id`, then by member
//!   id) get consecutive ranges, `n / c` each and one more for the first `n % c`. Not sticky.
//!
//! ## Deliberate differences from Java
//!
//! - Member order: Kafka iterates its members map (a hash map keyed by member id); the lab
//!   iterates members sorted by member id, as Kafka's own assignor tests build their groups
//!   (`TreeMap`). Topic order follows Java's `HashSet<Uuid>` iteration (`Uuid.hashCode`), which
//!   Kafka's tests depend on.
//! - Heterogeneous subscriptions with `uniform`: Kafka's `UniformHeterogeneousAssignmentBuilder`
//!   (a sticky, balance-by-moves algorithm) is replaced by a simpler one with the same goals:
//!   keep the current target partitions a member is still subscribed to, give each free
//!   partition to the least loaded subscribed member, then move partitions from the most to the
//!   least loaded eligible member until no move narrows a gap of two or more.
//! - Rack awareness is not modelled. Errors are values, never panics.

use crate::idxmap::IdxMap;
use crate::sort::Collect as _;
use std::collections::{BTreeMap, BTreeSet};

use crate::assignor::{java_cmp, same, str_cmp};
use crate::model::{TopicPartition, Uuid};

/// `group.remote.assignor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RemoteAssignor {
    /// `uniform` (`org.apache.kafka.coordinator.group.assignor.UniformAssignor`), the default.
    Uniform,
    /// `range` (`org.apache.kafka.coordinator.group.assignor.RangeAssignor`).
    Range,
}

impl RemoteAssignor {
    /// The assignor's name (`ConsumerGroupPartitionAssignor.name()`).
    pub fn name(self) -> &'static str {
        match self {
            RemoteAssignor::Uniform => "uniform",
            RemoteAssignor::Range => "range",
        }
    }

    /// Reads `uniform` or `range` (or the class name).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "uniform" | "org.apache.kafka.coordinator.group.assignor.UniformAssignor" => {
                Some(RemoteAssignor::Uniform)
            }
            "range" | "org.apache.kafka.coordinator.group.assignor.RangeAssignor" => {
                Some(RemoteAssignor::Range)
            }
            _ => None,
        }
    }
}

/// A member as the assignor sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemberSpec {
    /// Member id.
    pub member_id: String,
    /// `group.instance.id`.
    pub instance_id: Option<String>,
    /// Subscribed topic names.
    pub topics: BTreeSet<String>,
    /// Its current target assignment (what stickiness keeps).
    pub assignment: BTreeSet<TopicPartition>,
}

impl MemberSpec {
    /// A member subscribed to `topics`, with no assignment yet.
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

    /// The same member with a current assignment of `(topic, partition)` pairs.
    pub fn owning(mut self, parts: &[(&str, u32)]) -> Self {
        self.assignment = parts
            .iter()
            .map(|(t, p)| TopicPartition::new(*t, *p))
            .collect();
        self
    }
}

/// Topic name → (topic id, partition count): the metadata the assignor reads.
pub type TopicsMeta = BTreeMap<String, (Uuid, u32)>;

/// `Uuid.hashCode()`: the xor of the two longs, folded to an int.
pub fn uuid_hash(u: &Uuid) -> i32 {
    let msb = u64::from_be_bytes(u.0[..8].try_into().unwrap_or([0; 8]));
    let lsb = u64::from_be_bytes(u.0[8..].try_into().unwrap_or([0; 8]));
    let h = msb ^ lsb;
    ((h >> 32) as u32 ^ h as u32) as i32
}

/// The iteration order of a `java.util.HashSet<Uuid>` holding these topics (ties, which Java
/// breaks by insertion order, by name).
fn topic_order(topics: &BTreeSet<&String>, meta: &TopicsMeta) -> Vec<String> {
    let mut cap = 16usize;
    while topics.len() > cap / 4 * 3 {
        cap *= 2;
    }
    let mut keyed: Vec<(usize, &String)> = topics
        .iter()
        .map(|t| {
            let h = meta.get(*t).map_or(0, |(id, _)| uuid_hash(id)) as u32;
            (((h ^ (h >> 16)) as usize) & (cap - 1), *t)
        })
        .collect();
    crate::sort::natural(&mut keyed);
    keyed.into_iter().map(|(_, t)| t.clone()).collect()
}

/// The target assignment: member id → its partitions (every member present).
pub type Assignment = BTreeMap<String, BTreeSet<TopicPartition>>;

/// Computes the target assignment of `members` (unique member ids) over `meta`.
pub fn assign(
    kind: RemoteAssignor,
    meta: &TopicsMeta,
    members: &[MemberSpec],
) -> Result<Assignment, String> {
    let mut members: Vec<&MemberSpec> = members.iter().collect();
    crate::sort::by(&mut members, |a, b| java_cmp(&a.member_id, &b.member_id));
    members.dedup_by(|a, b| same(&a.member_id, &b.member_id));
    // Every member's topics interned once (members mostly subscribe alike: about one string
    // comparison a topic), then checked against the metadata once a topic.
    let table = Table::new(&members, meta);
    if table.names.iter().any(|t| !meta.contains_key(*t)) {
        for m in &members {
            for t in &m.topics {
                if !meta.contains_key(t) {
                    return Err(format!(
                        "Members are subscribed to topic {t} which doesn't exist in the topic metadata."
                    ));
                }
            }
        }
    }
    if members.is_empty() {
        return Ok(Assignment::new());
    }
    Ok(match kind {
        RemoteAssignor::Range => range(&table, &members),
        RemoteAssignor::Uniform if table.homogeneous() => {
            uniform_homogeneous(&table, meta, &members)
        }
        RemoteAssignor::Uniform => {
            let mut out: Assignment = members
                .iter()
                .map(|m| (m.member_id.clone(), BTreeSet::new()))
                .collect_map();
            uniform_heterogeneous(meta, &members, &mut out);
            out
        }
    })
}

/// The topics of an assignment interned: numbered in `String` order (the order
/// `TopicPartition`s sort by), each partition a number in a table listing the topics in that
/// order and each one's partitions in order — so the assignors compare and copy integers, and
/// sorting the numbers sorts the partitions.
struct Table<'a> {
    /// Every topic some member subscribes to, in `String` order.
    names: Vec<&'a String>,
    count: Vec<u32>,
    base: Vec<u32>,
    /// Each member's topics (indices into `names`, ascending): member `m`'s are
    /// `subs[at[m]..at[m + 1]]`.
    subs: Vec<u32>,
    at: Vec<usize>,
}

impl<'a> Table<'a> {
    fn new(members: &[&'a MemberSpec], meta: &TopicsMeta) -> Self {
        // The union of the subscriptions, each member checked against what is known so far by
        // a merge of two sorted lists (a member's topics are a sorted set).
        let mut names: Vec<&'a String> = Vec::new();
        for m in members {
            if Self::walk(&names, m, |_| ()).is_none() {
                names.extend(m.topics.iter());
                names.sort_unstable_by(|a, b| str_cmp(a, b));
                names.dedup_by(|a, b| same(a, b));
            }
        }
        let mut subs = Vec::new();
        let mut at = Vec::with_capacity(members.len() + 1);
        at.push(0);
        for m in members {
            Self::walk(&names, m, |i| subs.push(i));
            at.push(subs.len());
        }
        let count: Vec<u32> = names
            .iter()
            .map(|t| meta.get(*t).map_or(0, |(_, n)| *n))
            .collect();
        let mut base = Vec::with_capacity(names.len() + 1);
        let mut total = 0u32;
        for &n in &count {
            base.push(total);
            total = total.saturating_add(n);
        }
        base.push(total);
        Table {
            names,
            count,
            base,
            subs,
            at,
        }
    }

    /// Each of `m`'s topics as its index in `names` (sorted) to `found`, ascending; `None` if
    /// one is not there.
    fn walk(names: &[&String], m: &MemberSpec, mut found: impl FnMut(u32)) -> Option<()> {
        let mut i = 0;
        for t in &m.topics {
            loop {
                match str_cmp(names.get(i)?, t) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Equal => break,
                    std::cmp::Ordering::Greater => return None,
                }
            }
            found(i as u32);
            i += 1;
        }
        Some(())
    }

    /// Member `m`'s topics.
    fn topics_of(&self, m: usize) -> &[u32] {
        &self.subs[self.at[m]..self.at[m + 1]]
    }

    /// Whether every member subscribes to the same topics.
    fn homogeneous(&self) -> bool {
        (1..self.at.len() - 1).all(|m| self.topics_of(m) == self.topics_of(0))
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.names.binary_search_by(|t| str_cmp(t, name)).ok()
    }

    /// Each member's topics as bits, `words` words a member.
    fn bits(&self) -> (Vec<u64>, usize) {
        let words = self.names.len().div_ceil(64).max(1);
        let members = self.at.len() - 1;
        let mut bits = vec![0u64; words * members];
        for m in 0..members {
            for &t in self.topics_of(m) {
                let t = t as usize;
                bits[m * words + t / 64] |= 1 << (t % 64);
            }
        }
        (bits, words)
    }

    /// Each member's partitions (numbers) as sets of `TopicPartition`s: the assignment, every
    /// member in it. The map is built from the list sorted by member id (one bulk build), not
    /// key by key (in ascending order each insert walks the rightmost nodes' keys).
    fn output(&self, members: &[&MemberSpec], parts: Vec<Vec<u32>>) -> Assignment {
        let mut list: Vec<(String, BTreeSet<TopicPartition>)> = Vec::with_capacity(members.len());
        // Each name interned once, not once a partition.
        let topics: Vec<crate::model::Topic> = self
            .names
            .iter()
            .map(|t| crate::model::Topic::new(t))
            .collect();
        for (m, mut ps) in members.iter().zip(parts) {
            ps.sort_unstable();
            let mut t = 0;
            let set: BTreeSet<TopicPartition> = ps
                .into_iter()
                .map(|p| {
                    while self.base[t + 1] <= p {
                        t += 1;
                    }
                    TopicPartition {
                        topic: topics[t],
                        partition: p - self.base[t],
                    }
                })
                .collect();
            list.push((m.member_id.clone(), set));
        }
        // `collect` sorts by key (stably: `members`, in `String.compareTo` order, is already
        // in `String`'s but for characters past U+FFFF, so it costs one pass), then builds.
        list.into_iter().collect()
    }
}

fn range(table: &Table<'_>, members: &[&MemberSpec]) -> Assignment {
    let mut sorted: Vec<usize> = (0..members.len()).collect();
    // `members` is sorted by member id: among dynamic members their place is that order.
    crate::sort::by(&mut sorted, |&a, &b| {
        match (&members[a].instance_id, &members[b].instance_id) {
            (Some(x), Some(y)) => java_cmp(x, y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.cmp(&b),
        }
    });
    let (bits, words) = table.bits();
    // Each member's ranges (member, first partition, end) topic by topic and its total: its
    // list is allocated once at its final size rather than growing topic by topic.
    let mut ranges: Vec<(usize, u32, u32)> = Vec::new();
    let mut sizes = vec![0usize; members.len()];
    let mut subscribed: Vec<usize> = Vec::with_capacity(members.len());
    for t in 0..table.names.len() {
        let n = table.count[t];
        subscribed.clear();
        subscribed.extend(
            sorted
                .iter()
                .copied()
                .filter(|&m| bits[m * words + t / 64] & (1 << (t % 64)) != 0),
        );
        let c = subscribed.len() as u32;
        let (quota, mut extra) = (n / c, n % c);
        let mut next = 0;
        for &m in &subscribed {
            let mut q = quota;
            if extra > 0 {
                q += 1;
                extra -= 1;
            }
            let end = (next + q).min(n);
            if end > next {
                ranges.push((m, table.base[t] + next, table.base[t] + end));
                sizes[m] += (end - next) as usize;
            }
            next = end;
        }
    }
    let mut parts: Vec<Vec<u32>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for (m, first, end) in ranges {
        parts[m].extend(first..end);
    }
    table.output(members, parts)
}

fn uniform_homogeneous(
    table: &Table<'_>,
    meta: &TopicsMeta,
    members: &[&MemberSpec],
) -> Assignment {
    let subscribed: BTreeSet<&String> = table.names.iter().copied().collect_set();
    let order = topic_order(&subscribed, meta);
    // Partitions some member's current target holds (`isPartitionAssigned`).
    let mut held = vec![false; table.base[table.names.len()] as usize];
    for tp in members.iter().flat_map(|m| &m.assignment) {
        if let Some(t) = table.index(&tp.topic) {
            if tp.partition < table.count[t] {
                held[(table.base[t] + tp.partition) as usize] = true;
            }
        }
    }
    let mut unassigned: Vec<u32> = Vec::new();
    let mut total = 0u32;
    for t in order.iter().filter_map(|t| table.index(t)) {
        total += table.count[t];
        unassigned.extend((table.base[t]..table.base[t + 1]).filter(|&p| !held[p as usize]));
    }
    let count = members.len() as u32;
    let (min_quota, mut extra) = (total / count, total % count);
    let mut parts: Vec<Vec<u32>> = vec![Vec::new(); members.len()];
    let mut unfilled: Vec<(usize, u32)> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let mut quota = min_quota;
        if extra > 0 {
            quota += 1;
            extra -= 1;
        }
        // Its current target, topic by topic (by name), partitions ascending: the set's order.
        for tp in &m.assignment {
            let Some(t) = table.index(&tp.topic) else {
                continue;
            };
            if tp.partition >= table.count[t] {
                continue;
            }
            let p = table.base[t] + tp.partition;
            if quota > 0 {
                quota -= 1;
                parts[i].push(p);
            } else {
                unassigned.push(p);
            }
        }
        if quota > 0 {
            unfilled.push((i, quota));
        }
    }
    let mut next = unassigned.into_iter();
    for (i, quota) in unfilled {
        parts[i].extend(next.by_ref().take(quota as usize));
    }
    table.output(members, parts)
}

fn uniform_heterogeneous(meta: &TopicsMeta, members: &[&MemberSpec], out: &mut Assignment) {
    let topics: BTreeSet<&String> = members.iter().flat_map(|m| &m.topics).collect_set();
    let order = topic_order(&topics, meta);
    let mut owner: IdxMap<TopicPartition, String> = IdxMap::new();
    for m in members {
        for tp in &m.assignment {
            let exists = meta
                .get(tp.topic.as_str())
                .is_some_and(|x| tp.partition < x.1);
            if exists && m.topics.contains(tp.topic.as_str()) && !owner.contains_key(tp) {
                owner.insert(*tp, m.member_id.clone());
                out.entry(m.member_id.clone()).or_default().insert(*tp);
            }
        }
    }
    let load = |out: &Assignment, id: &str| out.get(id).map_or(0, BTreeSet::len);
    for t in &order {
        let n = meta.get(t).map_or(0, |(_, n)| *n);
        for p in 0..n {
            let tp = TopicPartition::new(t.clone(), p);
            if owner.contains_key(&tp) {
                continue;
            }
            let best = members
                .iter()
                .filter(|m| m.topics.contains(t))
                .min_by_key(|m| load(out, &m.member_id));
            if let Some(m) = best {
                owner.insert(tp, m.member_id.clone());
                out.entry(m.member_id.clone()).or_default().insert(tp);
            }
        }
    }
    // Balance: move one partition at a time from a loaded member to a less loaded one that
    // subscribes to its topic, while that narrows a gap of two or more. Bounded.
    let limit = owner.len() * members.len() + 1;
    for _ in 0..limit {
        let mut best: Option<(usize, TopicPartition, String, String)> = None;
        for from in members {
            for tp in out.get(&from.member_id).into_iter().flatten() {
                for to in members
                    .iter()
                    .filter(|m| m.topics.contains(tp.topic.as_str()))
                {
                    let gap = load(out, &from.member_id).saturating_sub(load(out, &to.member_id));
                    if gap >= 2 && best.as_ref().is_none_or(|b| gap > b.0) {
                        best = Some((gap, *tp, from.member_id.clone(), to.member_id.clone()));
                    }
                }
            }
        }
        let Some((_, tp, from, to)) = best else {
            break;
        };
        if let Some(s) = out.get_mut(&from) {
            s.remove(&tp);
        }
        out.entry(to).or_default().insert(tp);
    }
}

/// The KIP-848 assignors as they were before topics were interned (test-only: the property
/// test checks the interned ones hand out the same).
#[cfg(test)]
mod reference {
    use super::*;

    pub(super) fn range(meta: &TopicsMeta, members: &[&MemberSpec], out: &mut Assignment) {
        let mut sorted: Vec<&&MemberSpec> = members.iter().collect();
        crate::sort::by(&mut sorted, |a, b| match (&a.instance_id, &b.instance_id) {
            (Some(x), Some(y)) => java_cmp(x, y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => java_cmp(&a.member_id, &b.member_id),
        });
        let topics: BTreeSet<&String> = members.iter().flat_map(|m| &m.topics).collect_set();
        for t in topics {
            let n = meta.get(t).map_or(0, |(_, n)| *n);
            let subscribed: Vec<&&&MemberSpec> =
                sorted.iter().filter(|m| m.topics.contains(t)).collect();
            let c = subscribed.len() as u32;
            let (quota, mut extra) = (n / c, n % c);
            let mut next = 0;
            for m in subscribed {
                let mut q = quota;
                if extra > 0 {
                    q += 1;
                    extra -= 1;
                }
                let end = (next + q).min(n);
                let set = out.entry(m.member_id.clone()).or_default();
                for p in next..end {
                    set.insert(TopicPartition::new(t.clone(), p));
                }
                next = end;
            }
        }
    }

    pub(super) fn uniform_homogeneous(
        meta: &TopicsMeta,
        members: &[&MemberSpec],
        out: &mut Assignment,
    ) {
        let subscribed: BTreeSet<&String> = members[0].topics.iter().collect_set();
        let order = topic_order(&subscribed, meta);
        // Partitions some member's current target holds (`isPartitionAssigned`).
        let held: BTreeSet<&TopicPartition> = members
            .iter()
            .flat_map(|m| &m.assignment)
            .filter(|tp| subscribed.iter().any(|s| **s == tp.topic))
            .collect_set();
        let mut unassigned: Vec<TopicPartition> = Vec::new();
        let mut total = 0u32;
        for t in &order {
            let n = meta.get(t).map_or(0, |(_, n)| *n);
            total += n;
            for p in 0..n {
                let tp = TopicPartition::new(t.clone(), p);
                if !held.contains(&tp) {
                    unassigned.push(tp);
                }
            }
        }
        let count = members.len() as u32;
        let (min_quota, mut extra) = (total / count, total % count);
        let mut unfilled: Vec<(String, u32)> = Vec::new();
        for m in members {
            let mut quota = min_quota;
            if extra > 0 {
                quota += 1;
                extra -= 1;
            }
            let mine: BTreeSet<&str> = m
                .assignment
                .iter()
                .map(|tp| tp.topic.as_str())
                .collect_set();
            let keep = out.entry(m.member_id.clone()).or_default();
            for t in mine {
                let parts: Vec<&TopicPartition> = m
                    .assignment
                    .iter()
                    .filter(|tp| tp.topic == t && tp.partition < meta.get(t).map_or(0, |x| x.1))
                    .collect();
                if !subscribed.iter().any(|s| s.as_str() == t) {
                    continue;
                }
                for tp in parts {
                    if quota > 0 {
                        quota -= 1;
                        keep.insert(*tp);
                    } else {
                        unassigned.push(*tp);
                    }
                }
            }
            if quota > 0 {
                unfilled.push((m.member_id.clone(), quota));
            }
        }
        let mut next = unassigned.into_iter();
        for (id, quota) in unfilled {
            let set = out.entry(id).or_default();
            for tp in next.by_ref().take(quota as usize) {
                set.insert(tp);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Cases from Kafka's group-coordinator tests (`RangeAssignorTest`,
    //! `OptimizedUniformAssignmentBuilderTest` / `UniformHomogeneousAssignmentBuilderTest`),
    //! with their topic ids, so Java's topic-id hash order is the one the expectations rely on.
    use super::*;

    fn uuid(s: &str) -> Uuid {
        use base64::engine::{general_purpose, GeneralPurpose, GeneralPurposeConfig};
        use base64::Engine;
        // Java's decoder ignores the unused low bits of the last character.
        let lenient = GeneralPurpose::new(
            &base64::alphabet::URL_SAFE,
            GeneralPurposeConfig::new()
                .with_encode_padding(false)
                .with_decode_allow_trailing_bits(true)
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone),
        );
        let _ = general_purpose::URL_SAFE_NO_PAD;
        let bytes = lenient.decode(s).expect("a Kafka Uuid");
        Uuid(bytes.try_into().expect("16 bytes"))
    }

    fn meta(topics: &[(&str, u32)]) -> TopicsMeta {
        let ids = [
            ("topic1", "T1-A4s3VTwiI5CTbEp6POw"),
            ("topic2", "T2-B4s3VTwiI5YHbPp6YUe"),
            ("topic3", "T3-CU8fVTLCz5YMkLoDQsa"),
        ];
        topics
            .iter()
            .map(|(t, n)| {
                let id = ids.iter().find(|(x, _)| x == t).map(|(_, i)| *i).unwrap();
                (t.to_string(), (uuid(id), *n))
            })
            .collect()
    }

    fn parts(a: &Assignment, m: &str) -> Vec<String> {
        a[m].iter().map(|tp| tp.to_string()).collect()
    }

    #[test]
    fn uniform_first_assignment_two_members_two_topics() {
        // testFirstAssignmentTwoMembersTwoTopicsNoMemberRacks: topic3 comes first in the
        // HashSet of topic ids, so A (the one with the extra partition) takes both of it.
        let m = meta(&[("topic1", 3), ("topic3", 2)]);
        let a = assign(
            RemoteAssignor::Uniform,
            &m,
            &[
                MemberSpec::new("A", ["topic1", "topic3"]),
                MemberSpec::new("B", ["topic1", "topic3"]),
            ],
        )
        .unwrap();
        assert_eq!(parts(&a, "A"), ["topic1-0", "topic3-0", "topic3-1"]);
        assert_eq!(parts(&a, "B"), ["topic1-1", "topic1-2"]);
    }

    #[test]
    fn uniform_more_members_than_partitions() {
        // testFirstAssignmentNumMembersGreaterThanTotalNumPartitions.
        let m = meta(&[("topic3", 2)]);
        let members: Vec<MemberSpec> = ["A", "B", "C"]
            .iter()
            .map(|id| MemberSpec::new(*id, ["topic3"]))
            .collect();
        let a = assign(RemoteAssignor::Uniform, &m, &members).unwrap();
        assert_eq!(parts(&a, "A"), ["topic3-0"]);
        assert_eq!(parts(&a, "B"), ["topic3-1"]);
        assert!(a["C"].is_empty());
    }

    #[test]
    fn uniform_rebalances_an_unbalanced_previous_assignment() {
        // testReassignmentForTwoMembersTwoTopicsGivenUnbalancedPrevAssignment.
        let m = meta(&[("topic1", 3), ("topic2", 3)]);
        let a = assign(
            RemoteAssignor::Uniform,
            &m,
            &[
                MemberSpec::new("A", ["topic1", "topic2"]).owning(&[
                    ("topic1", 0),
                    ("topic1", 1),
                    ("topic2", 0),
                    ("topic2", 1),
                ]),
                MemberSpec::new("B", ["topic1", "topic2"]).owning(&[("topic1", 2), ("topic2", 2)]),
            ],
        )
        .unwrap();
        assert_eq!(parts(&a, "A"), ["topic1-0", "topic1-1", "topic2-0"]);
        assert_eq!(parts(&a, "B"), ["topic1-2", "topic2-1", "topic2-2"]);
    }

    #[test]
    fn uniform_third_member_takes_only_the_surplus() {
        // testReassignmentWhenOneMemberAddedAfterInitialAssignmentWithTwoMembersTwoTopics.
        let m = meta(&[("topic1", 3), ("topic2", 3)]);
        let a = assign(
            RemoteAssignor::Uniform,
            &m,
            &[
                MemberSpec::new("A", ["topic1", "topic2"]).owning(&[
                    ("topic1", 0),
                    ("topic1", 2),
                    ("topic2", 0),
                ]),
                MemberSpec::new("B", ["topic1", "topic2"]).owning(&[
                    ("topic1", 1),
                    ("topic2", 1),
                    ("topic2", 2),
                ]),
                MemberSpec::new("C", ["topic1", "topic2"]),
            ],
        )
        .unwrap();
        assert_eq!(parts(&a, "A"), ["topic1-0", "topic1-2"]);
        assert_eq!(parts(&a, "B"), ["topic1-1", "topic2-1"]);
        assert_eq!(parts(&a, "C"), ["topic2-0", "topic2-2"]);
    }

    #[test]
    fn uniform_heterogeneous_is_valid_and_balanced() {
        let m = meta(&[("topic1", 3), ("topic2", 3), ("topic3", 2)]);
        let a = assign(
            RemoteAssignor::Uniform,
            &m,
            &[
                MemberSpec::new("A", ["topic1", "topic2"]),
                MemberSpec::new("B", ["topic3"]),
                MemberSpec::new("C", ["topic2", "topic3"]),
            ],
        )
        .unwrap();
        let all: Vec<&TopicPartition> = a.values().flatten().collect();
        assert_eq!(all.len(), 8);
        assert_eq!(all.iter().collect::<BTreeSet<_>>().len(), 8);
        assert!(a["B"].iter().all(|tp| tp.topic == "topic3"));
        assert!(a["A"].iter().all(|tp| tp.topic != "topic3"));
    }

    #[test]
    fn range_first_assignment_different_subscriptions() {
        // testFirstAssignmentThreeMembersThreeTopicsDifferentSubscriptions.
        let m = meta(&[("topic1", 3), ("topic2", 3), ("topic3", 2)]);
        let a = assign(
            RemoteAssignor::Range,
            &m,
            &[
                MemberSpec::new("A", ["topic1", "topic2"]),
                MemberSpec::new("B", ["topic3"]),
                MemberSpec::new("C", ["topic2", "topic3"]),
            ],
        )
        .unwrap();
        assert_eq!(
            parts(&a, "A"),
            ["topic1-0", "topic1-1", "topic1-2", "topic2-0", "topic2-1"]
        );
        assert_eq!(parts(&a, "B"), ["topic3-0"]);
        assert_eq!(parts(&a, "C"), ["topic2-2", "topic3-1"]);
    }

    #[test]
    fn range_is_not_sticky_in_kafka_4() {
        // testReassignmentWhenOneMemberAddedAfterInitialAssignmentWithTwoMembersTwoTopics.
        let m = meta(&[("topic1", 3), ("topic2", 3)]);
        let a = assign(
            RemoteAssignor::Range,
            &m,
            &[
                MemberSpec::new("A", ["topic1", "topic2"]).owning(&[
                    ("topic1", 0),
                    ("topic1", 1),
                    ("topic2", 0),
                    ("topic2", 1),
                ]),
                MemberSpec::new("B", ["topic1", "topic2"]).owning(&[("topic1", 2), ("topic2", 2)]),
                MemberSpec::new("C", ["topic1", "topic2"]),
            ],
        )
        .unwrap();
        assert_eq!(parts(&a, "A"), ["topic1-0", "topic2-0"]);
        assert_eq!(parts(&a, "B"), ["topic1-1", "topic2-1"]);
        assert_eq!(parts(&a, "C"), ["topic1-2", "topic2-2"]);
    }

    #[test]
    fn range_static_members_first() {
        // testStaticMembership: instance ids order the members, not member ids.
        let m = meta(&[("topic1", 3)]);
        let mut a1 = MemberSpec::new("A", ["topic1"]);
        a1.instance_id = Some("instance-2".into());
        let mut b1 = MemberSpec::new("B", ["topic1"]);
        b1.instance_id = Some("instance-1".into());
        let c1 = MemberSpec::new("C", ["topic1"]);
        let a = assign(RemoteAssignor::Range, &m, &[a1, b1, c1]).unwrap();
        assert_eq!(parts(&a, "B"), ["topic1-0"]);
        assert_eq!(parts(&a, "A"), ["topic1-1"]);
        assert_eq!(parts(&a, "C"), ["topic1-2"]);
    }

    #[test]
    fn unknown_topics_and_empty_groups() {
        let m = meta(&[("topic1", 3)]);
        assert!(assign(
            RemoteAssignor::Uniform,
            &m,
            &[MemberSpec::new("A", ["topic2"])]
        )
        .is_err());
        assert!(assign(RemoteAssignor::Range, &m, &[]).unwrap().is_empty());
        let a = assign(
            RemoteAssignor::Uniform,
            &m,
            &[MemberSpec::new("A", Vec::<String>::new())],
        )
        .unwrap();
        assert!(a["A"].is_empty());
    }

    fn random_case() -> impl proptest::strategy::Strategy<Value = (TopicsMeta, Vec<MemberSpec>)> {
        use proptest::prelude::*;
        let topic = "[ab\u{ff61}𝄞]{1,2}";
        let meta = proptest::collection::btree_map(topic, (any::<[u8; 16]>(), 0u32..7), 1..5)
            .prop_map(|m| {
                m.into_iter()
                    .map(|(t, (id, n))| (t, (Uuid(id), n)))
                    .collect()
            });
        (
            meta,
            proptest::collection::vec(
                (
                    "[a-c\u{e9}]{1,2}",
                    proptest::option::of("[xy]"),
                    proptest::collection::vec((topic, 0u32..8), 0..6),
                    any::<bool>(),
                ),
                0..8,
            ),
        )
            .prop_map(|(meta, specs): (TopicsMeta, _)| {
                let names: Vec<String> = meta.keys().cloned().collect();
                let members = specs
                    .into_iter()
                    .map(|(id, instance, owned, all)| {
                        let topics: Vec<String> = if all {
                            names.clone()
                        } else {
                            names.iter().step_by(2).cloned().collect()
                        };
                        let mut m = MemberSpec::new(id, topics);
                        m.instance_id = instance;
                        m.assignment = owned
                            .into_iter()
                            .map(|(t, p)| TopicPartition::new(t.as_str(), p))
                            .collect();
                        m
                    })
                    .collect();
                (meta, members)
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(1000))]
        /// The interned `range` and homogeneous `uniform` hand out exactly what the
        /// string-keyed ones did.
        #[test]
        fn interned_matches_the_string_keyed_assignors((meta, members) in random_case()) {
            let mut sorted: Vec<&MemberSpec> = members.iter().collect();
            crate::sort::by(&mut sorted, |a, b| java_cmp(&a.member_id, &b.member_id));
            sorted.dedup_by(|a, b| a.member_id == b.member_id);
            let empty = || -> Assignment {
                sorted.iter().map(|m| (m.member_id.clone(), BTreeSet::new())).collect()
            };
            if sorted.is_empty() {
                return Ok(());
            }
            let table = Table::new(&sorted, &meta);
            let mut theirs = empty();
            let ours = range(&table, &sorted);
            reference::range(&meta, &sorted, &mut theirs);
            proptest::prop_assert_eq!(&ours, &theirs);
            let homogeneous = sorted.windows(2).all(|w| w[0].topics == w[1].topics);
            proptest::prop_assert_eq!(table.homogeneous(), homogeneous);
            if homogeneous {
                let mut theirs = empty();
                let ours = uniform_homogeneous(&table, &meta, &sorted);
                reference::uniform_homogeneous(&meta, &sorted, &mut theirs);
                proptest::prop_assert_eq!(ours, theirs);
            }
        }
    }
}
