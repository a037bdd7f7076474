//! Java's orderings: `String.compareTo`, `HashMap` iteration order, and the leader's view
//! of the group (`AbstractPartitionAssignor`'s members and `partitionsPerTopic`).

use super::*;

/// `String.compareTo`: UTF-16 code units, not UTF-8 bytes.
pub fn java_cmp(a: &str, b: &str) -> Ordering {
    // While both are ASCII, bytes order as UTF-16's code units do. No `memcmp` call (in wasm
    // it is a byte loop behind a call): the common prefix is skipped 8 bytes at a time (member
    // ids such as `consumer-123-…` share long ones), then the first differing byte decides.
    let i = common_prefix(a.as_bytes(), b.as_bytes());
    match (a.as_bytes().get(i), b.as_bytes().get(i)) {
        (Some(x), Some(y)) if x.is_ascii() && y.is_ascii() => x.cmp(y),
        (Some(_), Some(_)) => a.encode_utf16().cmp(b.encode_utf16()),
        _ => a.len().cmp(&b.len()),
    }
}

/// Whether `a` and `b` are the same string, without a `memcmp` call.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && common_prefix(a.as_bytes(), b.as_bytes()) == a.len()
}

/// `String`'s order (UTF-8 bytes), without a `memcmp` call.
#[inline]
pub(crate) fn str_cmp(a: &str, b: &str) -> Ordering {
    let i = common_prefix(a.as_bytes(), b.as_bytes());
    match (a.as_bytes().get(i), b.as_bytes().get(i)) {
        (Some(x), Some(y)) => x.cmp(y),
        _ => a.len().cmp(&b.len()),
    }
}

/// How many leading bytes `x` and `y` share: 8 at a time, then byte by byte.
#[inline]
fn common_prefix(x: &[u8], y: &[u8]) -> usize {
    let n = x.len().min(y.len());
    let mut i = 0;
    // Whole words from fixed-size chunks (no closure: in wasm it stayed a call per word).
    for (a, b) in x[..n].chunks_exact(8).zip(y[..n].chunks_exact(8)) {
        let (mut wa, mut wb) = ([0u8; 8], [0u8; 8]);
        wa.copy_from_slice(a);
        wb.copy_from_slice(b);
        let d = u64::from_le_bytes(wa) ^ u64::from_le_bytes(wb);
        if d != 0 {
            return i + (d.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < n && x[i] == y[i] {
        i += 1;
    }
    i
}

pub use crate::partitioner::java_string_hash;

/// `TopicPartition.hashCode()`.
#[cfg(test)]
pub(super) fn java_tp_hash(tp: &TopicPartition) -> i32 {
    let r = 31i32.wrapping_add(tp.partition as i32);
    r.wrapping_mul(31).wrapping_add(java_string_hash(&tp.topic))
}

/// The table size of a default-constructed `HashMap` after holding `n` entries at most.
pub(super) fn java_capacity(n: usize) -> usize {
    let mut cap = 16usize;
    while n > cap / 4 * 3 && cap < (1 << 30) {
        cap *= 2;
    }
    cap
}

pub(super) fn java_bucket(hash: i32, cap: usize) -> usize {
    let h = hash as u32;
    ((h ^ (h >> 16)) as usize) & (cap - 1)
}

/// The iteration order of a default-constructed `java.util.HashMap<String, _>` (or `HashSet`)
/// into which `keys` were put in this order.
pub fn java_hash_order<S: AsRef<str>>(keys: &[S]) -> Vec<usize> {
    let cap = java_capacity(keys.len());
    let mut idx: Vec<(usize, usize)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (java_bucket(java_string_hash(k.as_ref()), cap), i))
        .collect();
    idx.sort_unstable();
    idx.into_iter().map(|(_, i)| i).collect()
}

/// A member as the assignors work on it: its rank among the group's member ids ordered by
/// `String.compareTo`, so comparing two members' numbers orders them as Java orders their ids.
pub(super) type Member = u32;
/// A topic: its rank among the subscribed topics' names ordered by `String.compareTo`.
pub(super) type Topic = u32;
/// A partition: its index in the group's partition table, which lists the topics in [`Topic`]
/// order and each topic's partitions in order — so comparing two indices orders the partitions
/// by topic name (`String.compareTo`), then number.
pub(super) type Part = u32;
/// "Nobody" in the tables indexed by partition.
pub(super) const NONE: u32 = u32::MAX;

/// A `&str` ordered by `String.compareTo` (a map key without `memcmp` calls).
#[derive(Clone, Copy, PartialEq, Eq)]
struct JStr<'a>(&'a str);

impl Ord for JStr<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        java_cmp(self.0, other.0)
    }
}

impl PartialOrd for JStr<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The leader's view: members in the order Java iterates its `subscriptions` map, and
/// `partitionsPerTopic` as `AbstractPartitionAssignor` builds it — with member ids and topic
/// names interned once to small integers ([`Member`], [`Topic`], [`Part`]) whose order is
/// Java's string order, so the assignors' inner loops compare and copy integers, and the
/// strings come back only in the result.
pub(super) struct Group<'a> {
    /// The members by [`Member`].
    pub(super) members: Vec<&'a Subscription>,
    /// Java's iteration order of the `subscriptions` map.
    pub(super) order: Vec<Member>,
    /// Every topic some member subscribes to, by [`Topic`].
    pub(super) topics: Vec<&'a str>,
    /// The same names interned (`model::Topic`), once per assignment: the result's
    /// `TopicPartition`s copy them instead of interning a name per partition.
    names: Vec<crate::model::Topic>,
    /// `String.hashCode` of each topic.
    topic_hash: Vec<i32>,
    /// Partitions of each topic in `partitionsPerTopic` (0: not in it).
    pub(super) count: Vec<u32>,
    /// Each topic's first [`Part`]; one more entry holds the total.
    pub(super) base: Vec<Part>,
    /// The topic of each [`Part`].
    pub(super) part_topic: Vec<Topic>,
    /// Java's iteration order of `partitionsPerTopic`.
    pub(super) topic_order: Vec<Topic>,
    /// Each member's subscribed topics, ascending.
    pub(super) subs: Vec<Vec<Topic>>,
    /// The same as bits: `words` words a member.
    bits: Vec<u64>,
    words: usize,
    /// How many topics `partitionsPerTopic` holds.
    pub(super) ppt_len: usize,
    /// How many partitions it holds.
    pub(super) total: usize,
}

impl<'a> Group<'a> {
    pub(super) fn new(
        partitions_per_topic: &BTreeMap<String, u32>,
        members: &'a [Subscription],
    ) -> Self {
        // A member listed twice counts once, at its first place, with its last subscription.
        let mut by_id: Vec<usize> = (0..members.len()).collect();
        by_id.sort_by(|&a, &b| java_cmp(&members[a].member_id, &members[b].member_id));
        let mut ranked: Vec<&'a Subscription> = Vec::with_capacity(members.len());
        let mut first_place: Vec<usize> = Vec::with_capacity(members.len());
        for &i in &by_id {
            let repeated = ranked
                .last()
                .is_some_and(|m| same(&m.member_id, &members[i].member_id));
            if repeated {
                let last = ranked.len() - 1;
                ranked[last] = &members[i];
            } else {
                ranked.push(&members[i]);
                first_place.push(i);
            }
        }
        let mut uniq: Vec<Member> = (0..ranked.len() as Member).collect();
        uniq.sort_unstable_by_key(|&m| first_place[m as usize]);
        let ids: Vec<&str> = uniq
            .iter()
            .map(|&m| ranked[m as usize].member_id.as_str())
            .collect();
        let order: Vec<Member> = java_hash_order(&ids).into_iter().map(|i| uniq[i]).collect();

        // allSubscribedTopics (a HashSet filled member by member), then partitionsPerTopic
        // (a HashMap filled from it, keeping topics with metadata and partitions).
        let mut seen: BTreeMap<JStr<'a>, u32> = BTreeMap::new();
        let mut subscribed: Vec<&'a str> = Vec::new();
        let mut local: Vec<Vec<u32>> = vec![Vec::new(); ranked.len()];
        // Members mostly subscribe alike: a topic is first checked against the previous
        // member's topic at the same place (one string comparison), and only looked up in
        // `seen` when that differs.
        let mut prev: Vec<u32> = Vec::new();
        for &m in &order {
            let sub = ranked[m as usize];
            let mine = &mut local[m as usize];
            mine.reserve_exact(sub.topics.len());
            for (j, t) in sub.topics.iter().enumerate() {
                let id = match prev.get(j) {
                    Some(&id) if same(subscribed[id as usize], t) => id,
                    _ => {
                        let next = subscribed.len() as u32;
                        let id = *seen.entry(JStr(t.as_str())).or_insert(next);
                        if id == next {
                            subscribed.push(t.as_str());
                        }
                        id
                    }
                };
                mine.push(id);
            }
            prev.clone_from(mine);
        }
        // `seen` iterates in `String.compareTo` order: that is each topic's rank.
        let mut rank = vec![0 as Topic; subscribed.len()];
        let mut topics: Vec<&'a str> = Vec::with_capacity(subscribed.len());
        for (r, (name, id)) in seen.into_iter().enumerate() {
            rank[id as usize] = r as Topic;
            topics.push(name.0);
        }
        let hashed: Vec<&str> = java_hash_order(&subscribed)
            .into_iter()
            .map(|i| subscribed[i])
            .collect();
        let with_partitions: Vec<&str> = hashed
            .into_iter()
            .filter(|t| partitions_per_topic.get(*t).is_some_and(|&n| n > 0))
            .collect();
        let rank_of = |name: &str| {
            topics
                .binary_search_by(|t| java_cmp(t, name))
                .map_or(NONE, |r| r as Topic)
        };
        let topic_order: Vec<Topic> = java_hash_order(&with_partitions)
            .into_iter()
            .map(|i| rank_of(with_partitions[i]))
            .collect();
        let mut count = vec![0u32; topics.len()];
        for &t in &topic_order {
            count[t as usize] = partitions_per_topic[topics[t as usize]];
        }
        let mut base = Vec::with_capacity(topics.len() + 1);
        let mut part_topic = Vec::new();
        let mut total = 0u32;
        for (t, &n) in count.iter().enumerate() {
            base.push(total);
            total = total.saturating_add(n);
            part_topic.extend(std::iter::repeat_n(t as Topic, n as usize));
        }
        base.push(total);
        let words = topics.len().div_ceil(64).max(1);
        let mut bits = vec![0u64; words * ranked.len()];
        let subs: Vec<Vec<Topic>> = local
            .into_iter()
            .enumerate()
            .map(|(m, ids)| {
                let mut ts: Vec<Topic> = ids.into_iter().map(|i| rank[i as usize]).collect();
                ts.sort_unstable();
                for &t in &ts {
                    bits[m * words + t as usize / 64] |= 1 << (t % 64);
                }
                ts
            })
            .collect();
        let topic_hash = topics.iter().map(|t| java_string_hash(t)).collect();
        let names = topics
            .iter()
            .map(|&t| crate::model::Topic::new(t))
            .collect();
        Group {
            members: ranked,
            order,
            topics,
            names,
            topic_hash,
            count,
            base,
            part_topic,
            topic_order,
            subs,
            bits,
            words,
            ppt_len: with_partitions.len(),
            total: total as usize,
        }
    }

    /// Whether `m` subscribes to `t`.
    #[inline]
    pub(super) fn subscribes(&self, m: Member, t: Topic) -> bool {
        let t = t as usize;
        self.bits[m as usize * self.words + t / 64] & (1 << (t % 64)) != 0
    }

    /// `m`'s subscription.
    #[inline]
    pub(super) fn sub(&self, m: Member) -> &'a Subscription {
        self.members[m as usize]
    }

    /// The partitions of topic `t`.
    #[inline]
    pub(super) fn parts(&self, t: Topic) -> std::ops::Range<Part> {
        self.base[t as usize]..self.base[t as usize + 1]
    }

    /// The topic of `p` and its partition number.
    #[inline]
    pub(super) fn split(&self, p: Part) -> (Topic, u32) {
        let t = self.part_topic[p as usize];
        (t, p - self.base[t as usize])
    }

    /// `TopicPartition.hashCode()` of `p`.
    pub(super) fn part_hash(&self, p: Part) -> i32 {
        let (t, n) = self.split(p);
        let r = 31i32.wrapping_add(n as i32);
        r.wrapping_mul(31).wrapping_add(self.topic_hash[t as usize])
    }

    /// `tp` as a [`Part`], if it exists (its topic is in `partitionsPerTopic` with that many
    /// partitions).
    pub(super) fn intern(&self, tp: &TopicPartition) -> Option<Part> {
        let t = self
            .topics
            .binary_search_by(|name| java_cmp(name, &tp.topic))
            .ok()?;
        (tp.partition < self.count[t]).then(|| self.base[t] + tp.partition)
    }

    /// `p` as Kafka names it.
    pub(super) fn tp(&self, p: Part) -> TopicPartition {
        let (t, n) = self.split(p);
        TopicPartition {
            topic: self.names[t as usize],
            partition: n,
        }
    }

    /// `m`'s member id.
    pub(super) fn id(&self, m: Member) -> String {
        self.sub(m).member_id.clone()
    }

    /// `AbstractPartitionAssignor.MemberInfo.compareTo` (static members first, by
    /// `group.instance.id`; then the others by member id).
    pub(super) fn member_cmp(&self, a: Member, b: Member) -> Ordering {
        match (&self.sub(a).instance_id, &self.sub(b).instance_id) {
            (Some(x), Some(y)) => java_cmp(x, y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => a.cmp(&b),
        }
    }

    /// Java's member order sorted by [`Group::member_cmp`] (stable).
    pub(super) fn sorted_members(&self) -> Vec<Member> {
        let mut v = self.order.clone();
        v.sort_by(|&a, &b| self.member_cmp(a, b));
        v
    }

    /// One empty list per member.
    pub(super) fn empty_assignment(&self) -> Vec<Vec<Part>> {
        vec![Vec::new(); self.members.len()]
    }

    /// The result with names: every member, its partitions in the order given.
    pub(super) fn output(&self, a: Vec<Vec<Part>>) -> BTreeMap<String, Vec<TopicPartition>> {
        a.into_iter()
            .enumerate()
            .map(|(m, ps)| {
                let list = ps.into_iter().map(|p| self.tp(p)).collect();
                (self.id(m as Member), list)
            })
            .collect()
    }
}
