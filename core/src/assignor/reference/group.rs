//! The leader's view of the group as the assignors read it before member ids and topic names
//! were interned (kept for the tests: the interned assignors must hand out the same).

use super::*;

/// A string ordered by `String.compareTo`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct JKey(pub(super) String);

impl Ord for JKey {
    fn cmp(&self, other: &Self) -> Ordering {
        java_cmp(&self.0, &other.0)
    }
}

impl PartialOrd for JKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `AbstractPartitionAssignor.MemberInfo.compareTo`.
pub(super) fn member_cmp(a: &Subscription, b: &Subscription) -> Ordering {
    match (&a.instance_id, &b.instance_id) {
        (Some(x), Some(y)) => java_cmp(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => java_cmp(&a.member_id, &b.member_id),
    }
}

/// The leader's view: members in the order Java iterates its `subscriptions` map, and
/// `partitionsPerTopic` as `AbstractPartitionAssignor` builds it.
pub(super) struct Group<'a> {
    pub(super) order: Vec<&'a Subscription>,
    pub(super) by_id: BTreeMap<&'a str, &'a Subscription>,
    pub(super) ppt: BTreeMap<String, u32>,
    /// Java's iteration order of `partitionsPerTopic`.
    pub(super) topic_order: Vec<String>,
}

impl<'a> Group<'a> {
    pub(super) fn new(
        partitions_per_topic: &BTreeMap<String, u32>,
        members: &'a [Subscription],
    ) -> Self {
        let mut uniq: Vec<&'a Subscription> = Vec::new();
        let mut pos: BTreeMap<&'a str, usize> = BTreeMap::new();
        for m in members {
            match pos.get(m.member_id.as_str()) {
                Some(&i) => uniq[i] = m,
                None => {
                    pos.insert(m.member_id.as_str(), uniq.len());
                    uniq.push(m);
                }
            }
        }
        let ids: Vec<&str> = uniq.iter().map(|m| m.member_id.as_str()).collect();
        let order: Vec<&'a Subscription> =
            java_hash_order(&ids).into_iter().map(|i| uniq[i]).collect();
        let by_id = order.iter().map(|m| (m.member_id.as_str(), *m)).collect();
        // allSubscribedTopics (a HashSet filled member by member), then partitionsPerTopic
        // (a HashMap filled from it, keeping topics with metadata and partitions).
        let mut seen = BTreeSet::new();
        let mut subscribed: Vec<&str> = Vec::new();
        for m in &order {
            for t in &m.topics {
                if seen.insert(t.as_str()) {
                    subscribed.push(t.as_str());
                }
            }
        }
        let subscribed: Vec<&str> = java_hash_order(&subscribed)
            .into_iter()
            .map(|i| subscribed[i])
            .collect();
        let with_partitions: Vec<&str> = subscribed
            .into_iter()
            .filter(|t| partitions_per_topic.get(*t).is_some_and(|&n| n > 0))
            .collect();
        let topic_order: Vec<String> = java_hash_order(&with_partitions)
            .into_iter()
            .map(|i| with_partitions[i].to_string())
            .collect();
        let ppt = topic_order
            .iter()
            .map(|t| (t.clone(), partitions_per_topic[t]))
            .collect();
        Group {
            order,
            by_id,
            ppt,
            topic_order,
        }
    }

    pub(super) fn empty_assignment(&self) -> BTreeMap<String, Vec<TopicPartition>> {
        self.order
            .iter()
            .map(|m| (m.member_id.clone(), Vec::new()))
            .collect()
    }

    /// Topics sorted by `String.compareTo`.
    pub(super) fn sorted_topics(&self) -> Vec<&String> {
        let mut ts: Vec<&String> = self.ppt.keys().collect();
        ts.sort_by(|a, b| java_cmp(a, b));
        ts
    }
}
