//! `AbstractStickyAssignor` (`sticky`, `cooperative-sticky`): the constrained and general
//! algorithms, and what the cooperative flavour withholds. Members, topics and partitions are
//! the group's interned numbers ([`Member`], [`Topic`], [`Part`]), whose order is Java's.

use super::*;
use crate::idxmap::IdxMap;

/// Each member's partitions, by [`Member`].
pub(super) type Assignment = Vec<Vec<Part>>;

pub(super) fn remove_first(list: &mut Vec<Part>, p: Part) {
    if let Some(i) = list.iter().position(|&x| x == p) {
        list.remove(i);
    }
}

/// A member's owned partitions that exist, without repeats, in its order.
pub(super) fn valid_owned(g: &Group, m: Member) -> Vec<Part> {
    let mut seen = BTreeSet::new();
    g.sub(m)
        .owned
        .iter()
        .filter_map(|tp| g.intern(tp))
        .filter(|&p| seen.insert(p))
        .collect()
}

pub(super) fn sticky(g: &Group, cooperative: bool) -> AssignmentOutcome {
    // allSubscriptionsEqual: also collects each member's still-valid owned partitions and the
    // partitions claimed by two members of the same generation.
    let mut equal = true;
    let mut first_topics: &[Topic] = &[];
    let mut max_generation = DEFAULT_GENERATION;
    let mut owned: Assignment = g.empty_assignment();
    let mut previous_owner: Vec<Member> = vec![NONE; g.total];
    let mut multiple_owners: Vec<bool> = vec![false; g.total];
    let generation_of = |m: Member| g.sub(m).generation.unwrap_or(DEFAULT_GENERATION);
    for &m in &g.order {
        let topics = g.subs[m as usize].as_slice();
        if first_topics.is_empty() {
            first_topics = topics;
        } else if equal && topics != first_topics {
            equal = false;
        }
        let generation = generation_of(m);
        max_generation = max_generation.max(generation);
        let mut mine = Vec::new();
        for p in valid_owned(g, m) {
            let other = previous_owner[p as usize];
            if other == NONE {
                mine.push(p);
                previous_owner[p as usize] = m;
                continue;
            }
            let other_generation = generation_of(other);
            if generation == other_generation {
                multiple_owners[p as usize] = true;
                remove_first(&mut owned[other as usize], p);
                previous_owner[p as usize] = m;
            } else if generation > other_generation {
                mine.push(p);
                remove_first(&mut owned[other as usize], p);
                previous_owner[p as usize] = m;
            }
        }
        owned[m as usize] = mine;
    }

    let (mut assignment, transferring) = if equal {
        let (a, t) = constrained(g, &owned, &multiple_owners);
        (a, Some(t))
    } else {
        (General::new(g, owned).build(max_generation), None)
    };

    let mut withheld = IdxMap::new();
    if cooperative {
        let transferring = match transferring {
            Some(t) => t,
            None => transferring_ownership(g, &assignment),
        };
        for (&p, &to) in &transferring {
            remove_first(&mut assignment[to as usize], p);
        }
        withheld = transferring
            .into_iter()
            .map(|(p, m)| (g.tp(p), g.id(m)))
            .collect();
    }
    AssignmentOutcome {
        assignment: g.output(assignment),
        withheld,
    }
}

/// `CooperativeStickyAssignor.computePartitionsTransferringOwnership`: partitions newly given
/// to a member while someone else gives them up.
pub(super) fn transferring_ownership(g: &Group, assignment: &Assignment) -> BTreeMap<Part, Member> {
    let mut added: BTreeMap<Part, Member> = BTreeMap::new();
    let mut revoked: BTreeSet<Part> = BTreeSet::new();
    for (m, assigned) in assignment.iter().enumerate() {
        // Owned partitions that do not exist can be revoked but never added: leaving them out
        // changes nothing.
        let owned: BTreeSet<Part> = g
            .sub(m as Member)
            .owned
            .iter()
            .filter_map(|tp| g.intern(tp))
            .collect();
        let now: BTreeSet<Part> = assigned.iter().copied().collect();
        for &p in assigned {
            if !owned.contains(&p) {
                added.insert(p, m as Member);
            }
        }
        revoked.extend(owned.difference(&now));
    }
    added.retain(|p, _| revoked.contains(p));
    added
}

/// `ConstrainedAssignmentBuilder`: every member subscribes to the same topics.
pub(super) fn constrained(
    g: &Group,
    owned: &Assignment,
    multiple_owners: &[bool],
) -> (Assignment, BTreeMap<Part, Member>) {
    let members = g.order.len();
    let total = g.total;
    let min_quota = total / members;
    let max_quota = total.div_ceil(members);
    let expected_over_min = total % members;
    let mut over_min = 0usize;

    let mut assignment = g.empty_assignment();
    let mut assigned: Vec<bool> = vec![false; total];
    let mut maybe_revoked: Vec<Member> = vec![NONE; total];
    let mut under_min: Vec<Member> = Vec::new();
    let mut exactly_min: VecDeque<Member> = VecDeque::new();
    let mut transferring: BTreeMap<Part, Member> = BTreeMap::new();

    // 1. Keep owned partitions, up to the quota.
    for &consumer in &g.order {
        let mut mine = owned[consumer as usize].clone();
        mine.sort_by_key(|&p| {
            let (t, n) = g.split(p);
            (n, t)
        });
        mine.retain(|&p| !multiple_owners[p as usize]);
        let keep = if mine.len() < min_quota {
            under_min.push(consumer);
            mine.len()
        } else if mine.len() >= max_quota && over_min < expected_over_min {
            over_min += 1;
            if over_min == expected_over_min {
                exactly_min.clear();
            }
            max_quota
        } else {
            if over_min < expected_over_min {
                exactly_min.push_back(consumer);
            }
            min_quota
        };
        for &p in &mine[keep..] {
            maybe_revoked[p as usize] = consumer;
        }
        for &p in &mine[..keep] {
            assigned[p as usize] = true;
        }
        assignment[consumer as usize].extend_from_slice(&mine[..keep]);
    }

    // Topics by `String.compareTo`, each one's partitions in order: the `Part` order.
    let unassigned = (0..total as Part).filter(|&p| !assigned[p as usize]);

    under_min.sort_unstable();
    exactly_min.make_contiguous().sort_unstable();

    // 2. Deal the rest round-robin to members under their quota.
    let mut at = 0usize; // the iterator over `under_min`: the next element's index
    for p in unassigned {
        let (consumer, from_iterator) = if at < under_min.len() {
            at += 1;
            (under_min[at - 1], true)
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
            (under_min[0], true)
        };
        let revoked_from = maybe_revoked[p as usize];
        if (revoked_from != NONE && revoked_from != consumer) || multiple_owners[p as usize] {
            transferring.insert(p, consumer);
        }
        let list = &mut assignment[consumer as usize];
        list.push(p);
        if list.len() == min_quota {
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
    by_partition: BTreeMap<Part, (Member, Member)>,
    by_topic: BTreeMap<Topic, BTreeMap<(Member, Member), JavaSet>>,
    seq: u64,
}

/// A `java.util.HashSet<TopicPartition>`, remembering enough to know its iteration order.
#[derive(Default)]
pub(super) struct JavaSet {
    items: BTreeMap<Part, u64>,
    peak: usize,
}

impl JavaSet {
    fn first(&self, g: &Group) -> Option<Part> {
        let cap = java_capacity(self.peak);
        self.items
            .iter()
            .min_by_key(|(&p, &seq)| (java_bucket(g.part_hash(p), cap), seq))
            .map(|(&p, _)| p)
    }
}

impl Movements {
    fn remove_record(&mut self, g: &Group, p: Part) -> Option<(Member, Member)> {
        let pair = self.by_partition.remove(&p)?;
        let topic = g.split(p).0;
        if let Some(sets) = self.by_topic.get_mut(&topic) {
            if let Some(set) = sets.get_mut(&pair) {
                set.items.remove(&p);
                if set.items.is_empty() {
                    sets.remove(&pair);
                }
            }
            if sets.is_empty() {
                self.by_topic.remove(&topic);
            }
        }
        Some(pair)
    }

    fn add_record(&mut self, g: &Group, p: Part, pair: (Member, Member)) {
        self.by_partition.insert(p, pair);
        let set = self
            .by_topic
            .entry(g.split(p).0)
            .or_default()
            .entry(pair)
            .or_default();
        self.seq += 1;
        set.items.insert(p, self.seq);
        set.peak = set.peak.max(set.items.len());
    }

    fn move_partition(&mut self, g: &Group, p: Part, old: Member, new: Member) {
        if self.by_partition.contains_key(&p) {
            if let Some((src, _)) = self.remove_record(g, p) {
                if src != new {
                    self.add_record(g, p, (src, new));
                }
            }
        } else {
            self.add_record(g, p, (old, new));
        }
    }

    fn actual_partition_to_move(&self, g: &Group, p: Part, old: Member, new: Member) -> Part {
        let Some(sets) = self.by_topic.get(&g.split(p).0) else {
            return p;
        };
        let old = match self.by_partition.get(&p) {
            Some(&(src, _)) => src,
            None => old,
        };
        let swapped = sets.get(&(new, old)).and_then(|set| set.first(g));
        #[cfg(test)]
        if swapped.is_some_and(|q| q != p) {
            UNDONE_MOVES.with(|n| n.set(n.get() + 1));
        }
        swapped.unwrap_or(p)
    }
}

#[cfg(test)]
thread_local! {
    /// How many times `actual_partition_to_move` undid an earlier move by moving another
    /// partition of the same topic back (tests check the path is reached).
    pub(super) static UNDONE_MOVES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// `GeneralAssignmentBuilder`: members subscribe to different topics.
pub(super) struct General<'g, 'a> {
    g: &'g Group<'a>,
    /// The subscribers of each topic of `partitionsPerTopic`, in Java's member order.
    topic_consumers: Vec<Vec<Member>>,
    /// Each member's topics that are in `partitionsPerTopic`.
    consumer_topics: Vec<Vec<Topic>>,
    /// Each member's partitions (`None`: not taking part).
    current: Vec<Option<Vec<Part>>>,
    owner: Vec<Member>,
    sorted: BTreeSet<(usize, Member)>,
    sorted_all: Vec<Part>,
    revocation_required: bool,
    movements: Movements,
}

impl<'g, 'a> General<'g, 'a> {
    fn new(g: &'g Group<'a>, current: Assignment) -> Self {
        let mut topic_consumers: Vec<Vec<Member>> = vec![Vec::new(); g.topics.len()];
        let mut consumer_topics = vec![Vec::new(); g.members.len()];
        for &m in &g.order {
            let topics: Vec<Topic> = g.subs[m as usize]
                .iter()
                .copied()
                .filter(|&t| g.count[t as usize] > 0)
                .collect();
            for &t in &topics {
                topic_consumers[t as usize].push(m);
            }
            consumer_topics[m as usize] = topics;
        }
        let mut owner = vec![NONE; g.total];
        for (m, ps) in current.iter().enumerate() {
            for &p in ps {
                owner[p as usize] = m as Member;
            }
        }
        let mut topics: Vec<Topic> = g.topic_order.clone();
        topics.sort_unstable_by_key(|&t| (topic_consumers[t as usize].len(), t));
        let sorted_all = topics.iter().flat_map(|&t| g.parts(t)).collect();
        General {
            g,
            topic_consumers,
            consumer_topics,
            current: current.into_iter().map(Some).collect(),
            owner,
            sorted: BTreeSet::new(),
            sorted_all,
            revocation_required: false,
            movements: Movements::default(),
        }
    }

    fn size(&self, consumer: Member) -> Option<usize> {
        self.current[consumer as usize].as_ref().map(Vec::len)
    }

    fn subscribes(&self, consumer: Member, p: Part) -> bool {
        self.g.subscribes(consumer, self.g.part_topic[p as usize])
    }

    fn build(mut self, max_generation: i32) -> Assignment {
        let g = self.g;
        // prepopulateCurrentAssignments: who owned each partition in an older generation.
        let mut previous: Vec<(Member, i32)> = vec![(NONE, 0); g.total];
        for &m in &g.order {
            let generation = match g.sub(m).generation {
                Some(gen) if gen < max_generation => gen,
                None if max_generation > DEFAULT_GENERATION => DEFAULT_GENERATION,
                _ => continue,
            };
            for p in g.sub(m).owned.iter().filter_map(|tp| g.intern(tp)) {
                let (had_owner, had) = previous[p as usize];
                if had_owner == NONE || generation > had {
                    previous[p as usize] = (m, generation);
                }
            }
        }

        // assignOwnedPartitions: keep what each member still subscribes to.
        let mut assigned = vec![false; g.total];
        for c in 0..self.current.len() {
            let list = self.current[c].take().unwrap_or_default();
            let mut keep = Vec::with_capacity(list.len());
            for p in list {
                if self.subscribes(c as Member, p) {
                    assigned[p as usize] = true;
                    keep.push(p);
                } else {
                    self.revocation_required = true;
                }
            }
            self.current[c] = Some(keep);
        }
        let unassigned: Vec<Part> = self
            .sorted_all
            .iter()
            .copied()
            .filter(|&p| !assigned[p as usize])
            .collect();
        self.sorted = self
            .current
            .iter()
            .enumerate()
            .filter_map(|(c, l)| Some((l.as_ref()?.len(), c as Member)))
            .collect();
        self.balance(&previous, unassigned);
        self.current
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect()
    }

    fn max_assignment_size(&self, consumer: Member) -> usize {
        let topics = &self.consumer_topics[consumer as usize];
        if topics.len() == self.g.ppt_len {
            self.g.total
        } else {
            topics
                .iter()
                .map(|&t| self.g.count[t as usize] as usize)
                .sum()
        }
    }

    fn add_to(&mut self, consumer: Member, p: Part) {
        let Some(list) = self.current[consumer as usize].as_mut() else {
            return;
        };
        self.sorted.remove(&(list.len(), consumer));
        list.push(p);
        self.sorted.insert((list.len(), consumer));
        self.owner[p as usize] = consumer;
    }

    /// The least loaded member (ties: Java's member-id order) subscribed to `p`'s topic.
    fn least_loaded_for(&self, p: Part) -> Option<Member> {
        self.sorted
            .iter()
            .find(|&&(_, c)| self.subscribes(c, p))
            .map(|&(_, c)| c)
    }

    fn balance(&mut self, previous: &[(Member, i32)], mut unassigned: Vec<Part>) {
        let initializing = self.sorted.last().is_none_or(|(size, _)| *size == 0);

        for &p in &unassigned {
            if let Some(c) = self.least_loaded_for(p) {
                self.add_to(c, p);
            }
        }

        // Only partitions of topics with two or more candidates, and only members that could
        // gain or lose something, take part in the reassignment.
        let g = self.g;
        let fixed_topic: Vec<bool> = self.topic_consumers.iter().map(|cs| cs.len() < 2).collect();
        let movable = |p: &Part| !fixed_topic[g.part_topic[*p as usize] as usize];
        self.sorted_all.retain(movable);
        unassigned.retain(movable);
        let mut fixed: Vec<(Member, Vec<Part>)> = Vec::new();
        for c in 0..g.members.len() as Member {
            if !self.can_participate(c) {
                if let Some(list) = self.current[c as usize].take() {
                    self.sorted.remove(&(list.len(), c));
                    fixed.push((c, list));
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
        for (c, list) in fixed {
            self.current[c as usize] = Some(list);
        }
    }

    fn can_participate(&self, consumer: Member) -> bool {
        let Some(size) = self.size(consumer) else {
            return false;
        };
        if size < self.max_assignment_size(consumer) {
            return true;
        }
        self.current[consumer as usize]
            .iter()
            .flatten()
            .any(|&p| self.topic_consumers[self.g.part_topic[p as usize] as usize].len() >= 2)
    }

    fn is_balanced(&self) -> bool {
        let (Some((min, _)), Some((max, _))) = (self.sorted.first(), self.sorted.last()) else {
            return true;
        };
        if min + 1 >= *max {
            return true;
        }
        for &(size, consumer) in &self.sorted {
            if size == self.max_assignment_size(consumer) {
                continue;
            }
            for &topic in &self.consumer_topics[consumer as usize] {
                for p in self.g.parts(topic) {
                    let other = self.owner[p as usize];
                    if other != NONE
                        && other != consumer
                        && self.size(other).is_some_and(|o| size + 1 < o)
                    {
                        return false;
                    }
                }
            }
        }
        true
    }

    fn perform_reassignments(&mut self, partitions: &[Part], previous: &[(Member, i32)]) -> bool {
        let mut performed = false;
        loop {
            let mut modified = false;
            for &p in partitions {
                if self.is_balanced() {
                    break;
                }
                let consumer = self.owner[p as usize];
                if consumer == NONE {
                    continue;
                }
                let Some(size) = self.size(consumer) else {
                    continue;
                };
                let prev = previous[p as usize].0;
                if prev != NONE
                    && self.subscribes(prev, p)
                    && self.size(prev).is_some_and(|s| size > s + 1)
                {
                    self.reassign_to(p, prev);
                    performed = true;
                    modified = true;
                    continue;
                }
                let topic = self.g.part_topic[p as usize];
                let better = self.topic_consumers[topic as usize]
                    .iter()
                    .any(|&o| self.size(o).is_some_and(|s| size > s + 1));
                if better {
                    if let Some(target) = self.least_loaded_for(p) {
                        self.reassign_to(p, target);
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

    fn reassign_to(&mut self, p: Part, new: Member) {
        let g = self.g;
        let consumer = self.owner[p as usize];
        if consumer == NONE {
            return;
        }
        let moving = self.movements.actual_partition_to_move(g, p, consumer, new);
        let old = self.owner[moving as usize];
        if old == NONE {
            return;
        }
        let (Some(old_size), Some(new_size)) = (self.size(old), self.size(new)) else {
            return;
        };
        self.sorted.remove(&(old_size, old));
        self.sorted.remove(&(new_size, new));
        self.movements.move_partition(g, moving, old, new);
        if let Some(l) = self.current[old as usize].as_mut() {
            remove_first(l, moving);
        }
        if let Some(l) = self.current[new as usize].as_mut() {
            l.push(moving);
        }
        self.owner[moving as usize] = new;
        for c in [old, new] {
            if let Some(s) = self.size(c) {
                self.sorted.insert((s, c));
            }
        }
    }
}

/// The sum over all pairs of members of the difference in their partition counts.
pub(super) fn balance_score(a: &[Option<Vec<Part>>]) -> i64 {
    let mut sizes: Vec<i64> = a.iter().flatten().map(|l| l.len() as i64).collect();
    sizes.sort_unstable();
    let n = sizes.len() as i64;
    sizes
        .iter()
        .enumerate()
        .map(|(i, s)| s * (2 * i as i64 - (n - 1)))
        .sum()
}
