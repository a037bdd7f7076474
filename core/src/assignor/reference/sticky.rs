//! `AbstractStickyAssignor` (`sticky`, `cooperative-sticky`): the constrained and general
//! algorithms, and what the cooperative flavour withholds.

use super::*;

pub(super) type Assignment = BTreeMap<String, Vec<TopicPartition>>;

pub(super) fn remove_first(list: &mut Vec<TopicPartition>, tp: &TopicPartition) {
    if let Some(i) = list.iter().position(|x| x == tp) {
        list.remove(i);
    }
}

/// A member's owned partitions that exist, without repeats, in its order.
pub(super) fn valid_owned(m: &Subscription, ppt: &BTreeMap<String, u32>) -> Vec<TopicPartition> {
    let mut seen = BTreeSet::new();
    m.owned
        .iter()
        .filter(|tp| {
            ppt.get(tp.topic.as_str())
                .is_some_and(|&n| tp.partition < n)
        })
        .filter(|tp| seen.insert(*(*tp)))
        .cloned()
        .collect()
}

pub(super) fn sticky(g: &Group, cooperative: bool) -> AssignmentOutcome {
    // allSubscriptionsEqual: also collects each member's still-valid owned partitions and the
    // partitions claimed by two members of the same generation.
    let mut equal = true;
    let mut first_topics: BTreeSet<String> = BTreeSet::new();
    let mut max_generation = DEFAULT_GENERATION;
    let mut owned: Assignment = BTreeMap::new();
    let mut previous_owner: BTreeMap<TopicPartition, String> = BTreeMap::new();
    let mut multiple_owners: BTreeSet<TopicPartition> = BTreeSet::new();
    for m in &g.order {
        if first_topics.is_empty() {
            first_topics = m.topics.clone();
        } else if equal && m.topics != first_topics {
            equal = false;
        }
        let generation = m.generation.unwrap_or(DEFAULT_GENERATION);
        max_generation = max_generation.max(generation);
        let mut mine = Vec::new();
        for tp in valid_owned(m, &g.ppt) {
            match previous_owner.get(&tp).cloned() {
                None => {
                    mine.push(tp);
                    previous_owner.insert(tp, m.member_id.clone());
                }
                Some(other) => {
                    let other_generation = g.by_id[other.as_str()]
                        .generation
                        .unwrap_or(DEFAULT_GENERATION);
                    if generation == other_generation {
                        multiple_owners.insert(tp);
                        if let Some(l) = owned.get_mut(&other) {
                            remove_first(l, &tp);
                        }
                        previous_owner.insert(tp, m.member_id.clone());
                    } else if generation > other_generation {
                        mine.push(tp);
                        if let Some(l) = owned.get_mut(&other) {
                            remove_first(l, &tp);
                        }
                        previous_owner.insert(tp, m.member_id.clone());
                    }
                }
            }
        }
        owned.insert(m.member_id.clone(), mine);
    }

    let (mut assignment, transferring) = if equal {
        let (a, t) = constrained(g, &owned, &multiple_owners);
        (a, Some(t))
    } else {
        (General::new(g, owned).build(g, max_generation), None)
    };

    let mut withheld = BTreeMap::new();
    if cooperative {
        let transferring = match transferring {
            Some(t) => t,
            None => transferring_ownership(g, &assignment),
        };
        for (tp, to) in &transferring {
            if let Some(l) = assignment.get_mut(to) {
                remove_first(l, tp);
            }
        }
        withheld = transferring;
    }
    AssignmentOutcome {
        assignment,
        withheld: withheld.into_iter().collect(),
    }
}

/// `CooperativeStickyAssignor.computePartitionsTransferringOwnership`: partitions newly given
/// to a member while someone else gives them up.
pub(super) fn transferring_ownership(
    g: &Group,
    assignment: &Assignment,
) -> BTreeMap<TopicPartition, String> {
    let mut added: BTreeMap<TopicPartition, String> = BTreeMap::new();
    let mut revoked: BTreeSet<TopicPartition> = BTreeSet::new();
    for (member, assigned) in assignment {
        let Some(sub) = g.by_id.get(member.as_str()) else {
            continue;
        };
        let owned: BTreeSet<&TopicPartition> = sub.owned.iter().collect();
        let now: BTreeSet<&TopicPartition> = assigned.iter().collect();
        for tp in assigned {
            if !owned.contains(tp) {
                added.insert(*tp, member.clone());
            }
        }
        for tp in &sub.owned {
            if !now.contains(tp) {
                revoked.insert(*tp);
            }
        }
    }
    added.retain(|tp, _| revoked.contains(tp));
    added
}

/// `ConstrainedAssignmentBuilder`: every member subscribes to the same topics.
pub(super) fn constrained(
    g: &Group,
    owned: &Assignment,
    multiple_owners: &BTreeSet<TopicPartition>,
) -> (Assignment, BTreeMap<TopicPartition, String>) {
    let members = g.order.len();
    let total: usize = g.ppt.values().map(|&n| n as usize).sum();
    let min_quota = total / members;
    let max_quota = total.div_ceil(members);
    let expected_over_min = total % members;
    let mut over_min = 0usize;

    let mut assignment = g.empty_assignment();
    let mut assigned: BTreeSet<TopicPartition> = BTreeSet::new();
    let mut maybe_revoked: BTreeMap<TopicPartition, String> = BTreeMap::new();
    let mut under_min: Vec<String> = Vec::new();
    let mut exactly_min: VecDeque<String> = VecDeque::new();
    let mut transferring: BTreeMap<TopicPartition, String> = BTreeMap::new();

    // 1. Keep owned partitions, up to the quota.
    for m in &g.order {
        let consumer = &m.member_id;
        let mut mine = owned.get(consumer).cloned().unwrap_or_default();
        mine.sort_by(|a, b| {
            a.partition
                .cmp(&b.partition)
                .then_with(|| java_cmp(&a.topic, &b.topic))
        });
        mine.retain(|tp| !multiple_owners.contains(tp));
        let keep = if mine.len() < min_quota {
            under_min.push(consumer.clone());
            mine.len()
        } else if mine.len() >= max_quota && over_min < expected_over_min {
            over_min += 1;
            if over_min == expected_over_min {
                exactly_min.clear();
            }
            max_quota
        } else {
            if over_min < expected_over_min {
                exactly_min.push_back(consumer.clone());
            }
            min_quota
        };
        for tp in &mine[keep..] {
            maybe_revoked.insert(*tp, consumer.clone());
        }
        if let Some(list) = assignment.get_mut(consumer) {
            list.extend_from_slice(&mine[..keep]);
        }
        assigned.extend(mine[..keep].iter().cloned());
    }

    let unassigned: Vec<TopicPartition> = g
        .sorted_topics()
        .into_iter()
        .flat_map(|t| (0..g.ppt[t]).map(move |p| TopicPartition::new(t.as_str(), p)))
        .filter(|tp| !assigned.contains(tp))
        .collect();

    under_min.sort_by(|a, b| java_cmp(a, b));
    exactly_min.make_contiguous().sort_by(|a, b| java_cmp(a, b));

    // 2. Deal the rest round-robin to members under their quota.
    let mut at = 0usize; // the iterator over `under_min`: the next element's index
    for tp in unassigned {
        let (consumer, from_iterator) = if at < under_min.len() {
            at += 1;
            (under_min[at - 1].clone(), true)
        } else if under_min.is_empty() && exactly_min.is_empty() {
            // Java: IllegalStateException("No more unfilled consumers to be assigned.").
            break;
        } else if under_min.is_empty() {
            match exactly_min.pop_front() {
                Some(c) => (c, false),
                None => break,
            }
        } else {
            at = 1;
            (under_min[0].clone(), true)
        };
        if maybe_revoked.get(&tp).is_some_and(|c| *c != consumer) || multiple_owners.contains(&tp) {
            transferring.insert(tp, consumer.clone());
        }
        let Some(list) = assignment.get_mut(&consumer) else {
            continue;
        };
        list.push(tp);
        let count = list.len();
        if count == min_quota {
            if from_iterator {
                at -= 1;
                under_min.remove(at);
            }
            exactly_min.push_back(consumer);
        }
        // (Java also counts members reaching maxQuota here, only to log a bug if one is found.)
    }
    (assignment, transferring)
}

/// `PartitionMovements`: which partitions moved between which members during the general
/// algorithm, to undo a move rather than make a second one.
#[derive(Default)]
pub(super) struct Movements {
    by_partition: BTreeMap<TopicPartition, (String, String)>,
    by_topic: BTreeMap<String, BTreeMap<(String, String), JavaSet>>,
    seq: u64,
}

/// A `java.util.HashSet<TopicPartition>`, remembering enough to know its iteration order.
#[derive(Default)]
pub(super) struct JavaSet {
    items: BTreeMap<TopicPartition, u64>,
    peak: usize,
}

impl JavaSet {
    fn first(&self) -> Option<&TopicPartition> {
        let cap = java_capacity(self.peak);
        self.items
            .iter()
            .min_by_key(|(tp, seq)| (java_bucket(java_tp_hash(tp), cap), **seq))
            .map(|(tp, _)| tp)
    }
}

impl Movements {
    fn remove_record(&mut self, tp: &TopicPartition) -> Option<(String, String)> {
        let pair = self.by_partition.remove(tp)?;
        if let Some(topic) = self.by_topic.get_mut(tp.topic.as_str()) {
            if let Some(set) = topic.get_mut(&pair) {
                set.items.remove(tp);
                if set.items.is_empty() {
                    topic.remove(&pair);
                }
            }
            if topic.is_empty() {
                self.by_topic.remove(tp.topic.as_str());
            }
        }
        Some(pair)
    }

    fn add_record(&mut self, tp: &TopicPartition, pair: (String, String)) {
        self.by_partition.insert(*tp, pair.clone());
        let set = self
            .by_topic
            .entry(tp.topic.to_string())
            .or_default()
            .entry(pair)
            .or_default();
        self.seq += 1;
        set.items.insert(*tp, self.seq);
        set.peak = set.peak.max(set.items.len());
    }

    fn move_partition(&mut self, tp: &TopicPartition, old: &str, new: &str) {
        if self.by_partition.contains_key(tp) {
            if let Some((src, _)) = self.remove_record(tp) {
                if src != new {
                    self.add_record(tp, (src, new.to_string()));
                }
            }
        } else {
            self.add_record(tp, (old.to_string(), new.to_string()));
        }
    }

    fn actual_partition_to_move(
        &self,
        tp: &TopicPartition,
        old: &str,
        new: &str,
    ) -> TopicPartition {
        let Some(topic) = self.by_topic.get(tp.topic.as_str()) else {
            return *tp;
        };
        let old = match self.by_partition.get(tp) {
            Some((src, _)) => src.as_str(),
            None => old,
        };
        match topic
            .get(&(new.to_string(), old.to_string()))
            .and_then(JavaSet::first)
        {
            Some(p) => *p,
            None => *tp,
        }
    }
}

/// `GeneralAssignmentBuilder`: members subscribe to different topics.
pub(super) struct General<'g> {
    ppt: &'g BTreeMap<String, u32>,
    total: usize,
    topic_consumers: BTreeMap<String, Vec<String>>,
    consumer_topics: BTreeMap<String, Vec<String>>,
    current: Assignment,
    owner: BTreeMap<TopicPartition, String>,
    sorted: BTreeSet<(usize, JKey)>,
    sorted_all: Vec<TopicPartition>,
    revocation_required: bool,
    movements: Movements,
}

impl<'g> General<'g> {
    fn new(g: &'g Group, current: Assignment) -> Self {
        let mut topic_consumers: BTreeMap<String, Vec<String>> =
            g.ppt.keys().map(|t| (t.clone(), Vec::new())).collect();
        let mut consumer_topics = BTreeMap::new();
        for m in &g.order {
            let mut topics = Vec::new();
            for t in &m.topics {
                if let Some(cs) = topic_consumers.get_mut(t) {
                    topics.push(t.clone());
                    cs.push(m.member_id.clone());
                }
            }
            consumer_topics.insert(m.member_id.clone(), topics);
        }
        let mut owner = BTreeMap::new();
        for (c, tps) in &current {
            for tp in tps {
                owner.insert(*tp, c.clone());
            }
        }
        let mut topics: Vec<&String> = topic_consumers.keys().collect();
        topics.sort_by(|a, b| {
            topic_consumers[*a]
                .len()
                .cmp(&topic_consumers[*b].len())
                .then_with(|| java_cmp(a, b))
        });
        let sorted_all = topics
            .iter()
            .flat_map(|t| (0..g.ppt[*t]).map(move |p| TopicPartition::new(t.as_str(), p)))
            .collect();
        General {
            ppt: &g.ppt,
            total: g.ppt.values().map(|&n| n as usize).sum(),
            topic_consumers,
            consumer_topics,
            current,
            owner,
            sorted: BTreeSet::new(),
            sorted_all,
            revocation_required: false,
            movements: Movements::default(),
        }
    }

    fn size(&self, consumer: &str) -> Option<usize> {
        self.current.get(consumer).map(Vec::len)
    }

    fn subscribes(&self, consumer: &str, topic: &str) -> bool {
        self.consumer_topics
            .get(consumer)
            .is_some_and(|ts| ts.iter().any(|t| t == topic))
    }

    fn build(mut self, g: &Group, max_generation: i32) -> Assignment {
        // prepopulateCurrentAssignments: who owned each partition in an older generation.
        let mut previous: BTreeMap<TopicPartition, (String, i32)> = BTreeMap::new();
        for m in &g.order {
            let generation = match m.generation {
                Some(gen) if gen < max_generation => gen,
                None if max_generation > DEFAULT_GENERATION => DEFAULT_GENERATION,
                _ => continue,
            };
            for tp in &m.owned {
                match previous.get(tp) {
                    Some((_, had)) if generation <= *had => {}
                    _ => {
                        previous.insert(*tp, (m.member_id.clone(), generation));
                    }
                }
            }
        }

        // assignOwnedPartitions: keep what each member still subscribes to.
        let mut assigned = BTreeSet::new();
        let consumers: Vec<String> = self.current.keys().cloned().collect();
        for c in &consumers {
            let list = self.current.remove(c).unwrap_or_default();
            let mut keep = Vec::with_capacity(list.len());
            for tp in list {
                if self.subscribes(c, &tp.topic) {
                    assigned.insert(tp);
                    keep.push(tp);
                } else {
                    self.revocation_required = true;
                }
            }
            self.current.insert(c.clone(), keep);
        }
        let unassigned: Vec<TopicPartition> = self
            .sorted_all
            .iter()
            .filter(|tp| !assigned.contains(*tp))
            .cloned()
            .collect();
        self.sorted = self
            .current
            .iter()
            .map(|(c, l)| (l.len(), JKey(c.clone())))
            .collect();
        self.balance(&previous, unassigned);
        self.current
    }

    fn max_assignment_size(&self, consumer: &str) -> usize {
        let topics = &self.consumer_topics[consumer];
        if topics.len() == self.ppt.len() {
            self.total
        } else {
            topics.iter().map(|t| self.ppt[t] as usize).sum()
        }
    }

    fn add_to(&mut self, consumer: &str, tp: TopicPartition) {
        let Some(list) = self.current.get_mut(consumer) else {
            return;
        };
        self.sorted
            .remove(&(list.len(), JKey(consumer.to_string())));
        list.push(tp);
        self.sorted.insert((list.len(), JKey(consumer.to_string())));
        self.owner.insert(tp, consumer.to_string());
    }

    fn balance(
        &mut self,
        previous: &BTreeMap<TopicPartition, (String, i32)>,
        mut unassigned: Vec<TopicPartition>,
    ) {
        let initializing = self.sorted.last().is_none_or(|(size, _)| *size == 0);

        for tp in &unassigned {
            let chosen = self
                .sorted
                .iter()
                .find(|(_, JKey(c))| self.subscribes(c, &tp.topic))
                .map(|(_, JKey(c))| c.clone());
            if let Some(c) = chosen {
                self.add_to(&c, *tp);
            }
        }

        // Only partitions of topics with two or more candidates, and only members that could
        // gain or lose something, take part in the reassignment.
        let fixed_topics: BTreeSet<String> = self
            .topic_consumers
            .iter()
            .filter(|(_, cs)| cs.len() < 2)
            .map(|(t, _)| t.clone())
            .collect();
        self.sorted_all
            .retain(|tp| !fixed_topics.contains(tp.topic.as_str()));
        unassigned.retain(|tp| !fixed_topics.contains(tp.topic.as_str()));
        let mut fixed: Assignment = BTreeMap::new();
        let consumers: Vec<String> = self.consumer_topics.keys().cloned().collect();
        for c in consumers {
            if !self.can_participate(&c) {
                if let Some(list) = self.current.remove(&c) {
                    self.sorted.remove(&(list.len(), JKey(c.clone())));
                    fixed.insert(c, list);
                }
            }
        }

        let before = self.current.clone();
        let before_owner = self.owner.clone();
        if !self.revocation_required {
            self.perform_reassignments(&unassigned, previous);
        }
        let all = std::mem::take(&mut self.sorted_all);
        let performed = self.perform_reassignments(&all, previous);
        if !initializing && performed && balance_score(&self.current) >= balance_score(&before) {
            self.current = before;
            self.owner = before_owner;
        }
        self.current.extend(fixed);
    }

    fn can_participate(&self, consumer: &str) -> bool {
        let Some(size) = self.size(consumer) else {
            return false;
        };
        if size < self.max_assignment_size(consumer) {
            return true;
        }
        self.current[consumer].iter().any(|tp| {
            self.topic_consumers
                .get(tp.topic.as_str())
                .is_some_and(|cs| cs.len() >= 2)
        })
    }

    fn is_balanced(&self) -> bool {
        let (Some((min, _)), Some((max, _))) = (self.sorted.first(), self.sorted.last()) else {
            return true;
        };
        if min + 1 >= *max {
            return true;
        }
        for (size, JKey(consumer)) in &self.sorted {
            if *size == self.max_assignment_size(consumer) {
                continue;
            }
            for topic in &self.consumer_topics[consumer] {
                for p in 0..self.ppt[topic] {
                    let tp = TopicPartition::new(topic.as_str(), p);
                    if let Some(other) = self.owner.get(&tp) {
                        if other != consumer && self.size(other).is_some_and(|o| size + 1 < o) {
                            return false;
                        }
                    }
                }
            }
        }
        true
    }

    fn perform_reassignments(
        &mut self,
        partitions: &[TopicPartition],
        previous: &BTreeMap<TopicPartition, (String, i32)>,
    ) -> bool {
        let mut performed = false;
        loop {
            let mut modified = false;
            for tp in partitions {
                if self.is_balanced() {
                    break;
                }
                let Some(consumer) = self.owner.get(tp).cloned() else {
                    continue;
                };
                let Some(size) = self.size(&consumer) else {
                    continue;
                };
                if let Some((prev, _)) = previous.get(tp) {
                    if self.subscribes(prev, &tp.topic)
                        && self.size(prev).is_some_and(|p| size > p + 1)
                    {
                        let prev = prev.clone();
                        self.reassign_to(tp, &prev);
                        performed = true;
                        modified = true;
                        continue;
                    }
                }
                let better = self.topic_consumers[tp.topic.as_str()]
                    .iter()
                    .any(|o| self.size(o).is_some_and(|s| size > s + 1));
                if better {
                    let target = self
                        .sorted
                        .iter()
                        .find(|(_, JKey(c))| self.subscribes(c, &tp.topic))
                        .map(|(_, JKey(c))| c.clone());
                    if let Some(target) = target {
                        self.reassign_to(tp, &target);
                        performed = true;
                        modified = true;
                    }
                }
            }
            if !modified {
                return performed;
            }
        }
    }

    fn reassign_to(&mut self, tp: &TopicPartition, new: &str) {
        let Some(consumer) = self.owner.get(tp).cloned() else {
            return;
        };
        let moving = self.movements.actual_partition_to_move(tp, &consumer, new);
        let Some(old) = self.owner.get(&moving).cloned() else {
            return;
        };
        let (Some(old_size), Some(new_size)) = (self.size(&old), self.size(new)) else {
            return;
        };
        self.sorted.remove(&(old_size, JKey(old.clone())));
        self.sorted.remove(&(new_size, JKey(new.to_string())));
        self.movements.move_partition(&moving, &old, new);
        if let Some(l) = self.current.get_mut(&old) {
            remove_first(l, &moving);
        }
        if let Some(l) = self.current.get_mut(new) {
            l.push(moving);
        }
        self.owner.insert(moving, new.to_string());
        for c in [old.as_str(), new] {
            if let Some(s) = self.size(c) {
                self.sorted.insert((s, JKey(c.to_string())));
            }
        }
    }
}

/// The sum over all pairs of members of the difference in their partition counts.
pub(super) fn balance_score(a: &Assignment) -> i64 {
    let mut sizes: Vec<i64> = a.values().map(|l| l.len() as i64).collect();
    sizes.sort_unstable();
    let n = sizes.len() as i64;
    sizes
        .iter()
        .enumerate()
        .map(|(i, s)| s * (2 * i as i64 - (n - 1)))
        .sum()
}
