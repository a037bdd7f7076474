//! Kafka's identifiers and small value types: broker ids, topic-partitions, topic ids, the
//! leader-and-ISR record the controller keeps in ZooKeeper.

use crate::sort::Collect as _;
use std::collections::BTreeSet;
use std::fmt;

use base64::Engine;

use crate::sim::SimRng;

/// A broker's `broker.id`.
pub type BrokerId = u32;

/// A node of the simulated network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeId {
    /// The ZooKeeper ensemble (one node in the first cut).
    ZooKeeper,
    /// A Kafka broker.
    Broker(BrokerId),
    /// A client: the admin client, and later producers and consumers.
    Client(u32),
    /// A KRaft controller (`process.roles=controller`, or the controller half of a combined
    /// node), by `node.id`: the quorum's voters.
    Controller(u32),
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeId::ZooKeeper => write!(f, "zookeeper"),
            NodeId::Broker(b) => write!(f, "broker-{b}"),
            NodeId::Client(c) => write!(f, "client-{c}"),
            NodeId::Controller(c) => write!(f, "controller-{c}"),
        }
    }
}

/// A topic's name, interned: every `Topic` with the same text points at the same one copy of
/// it, so copying a name is copying a pointer, and two names are equal when their pointers
/// are. Ordered, hashed and printed as the text itself (as the `String` it replaces), so maps
/// keyed by it iterate in name order and the state's digest does not change. The copies live
/// as long as the program (one per distinct name ever used: topics a user or a script named).
#[derive(Clone, Copy)]
pub struct Topic(&'static str);

/// The one copy of each topic name, shared by every thread (a `Topic` made on one thread and
/// compared on another must still be equal by pointer; the lock is taken only to intern).
static TOPIC_NAMES: std::sync::Mutex<BTreeSet<&'static str>> =
    std::sync::Mutex::new(BTreeSet::new());

impl Topic {
    /// The interned name `name`.
    pub fn new(name: &str) -> Topic {
        let mut names = TOPIC_NAMES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match names.get(name) {
            Some(&n) => Topic(n),
            None => {
                let n: &'static str = Box::leak(name.to_owned().into_boxed_str());
                names.insert(n);
                Topic(n)
            }
        }
    }

    /// The name.
    #[inline]
    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl std::ops::Deref for Topic {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Topic {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl std::borrow::Borrow<str> for Topic {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl From<&str> for Topic {
    fn from(s: &str) -> Topic {
        Topic::new(s)
    }
}

impl From<&String> for Topic {
    fn from(s: &String) -> Topic {
        Topic::new(s)
    }
}

impl From<String> for Topic {
    fn from(s: String) -> Topic {
        Topic::new(&s)
    }
}

impl From<Topic> for String {
    fn from(t: Topic) -> String {
        t.0.to_string()
    }
}

// Interned: the same text is the same pointer.
impl PartialEq for Topic {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Topic {}

impl PartialEq<str> for Topic {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Topic {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Topic {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_str()
    }
}

impl PartialEq<Topic> for str {
    fn eq(&self, other: &Topic) -> bool {
        self == other.0
    }
}

impl PartialEq<Topic> for &str {
    fn eq(&self, other: &Topic) -> bool {
        *self == other.0
    }
}

impl PartialEq<Topic> for String {
    fn eq(&self, other: &Topic) -> bool {
        self.as_str() == other.0
    }
}

impl std::hash::Hash for Topic {
    // As `String` hashes (the digest of a state holding topics stays what it was).
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl Ord for Topic {
    // Topic names are short, and comparing them byte by byte here instead of through `memcmp`
    // (a libc call natively, a plain loop in wasm) is faster, in wasm most (same order as
    // `String`'s).
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        if self == other {
            return std::cmp::Ordering::Equal;
        }
        for (a, b) in self.0.bytes().zip(other.0.bytes()) {
            if a != b {
                return a.cmp(&b);
            }
        }
        self.0.len().cmp(&other.0.len())
    }
}

impl PartialOrd for Topic {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Topic {
    // `pad`: widths and alignment (`{:<20}`) apply, as they do to a `String`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.0)
    }
}

/// A partition of a topic, written `topic-partition` as Kafka logs it (`orders-0`). Ordered by
/// topic name (bytes, as `String` orders), then partition. The name is interned ([`Topic`]),
/// so a `TopicPartition` is a small `Copy` value: the keys of the brokers' and clients' busiest
/// maps copy and compare as two words and an integer, with no allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TopicPartition {
    /// Topic name.
    pub topic: Topic,
    /// Partition index, from 0.
    pub partition: u32,
}

impl TopicPartition {
    /// `TopicPartition::new("orders", 0)`.
    pub fn new(topic: impl Into<Topic>, partition: u32) -> Self {
        Self {
            topic: topic.into(),
            partition,
        }
    }

    /// Parses `T-P` (the topic itself may contain dashes: the last one separates).
    pub fn parse(s: &str) -> Option<Self> {
        let (t, p) = s.rsplit_once('-')?;
        if t.is_empty() {
            return None;
        }
        Some(Self::new(t, p.parse().ok()?))
    }
}

impl fmt::Display for TopicPartition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.topic, self.partition)
    }
}

/// Kafka's 128-bit `Uuid` (topic ids), printed as 22 characters of URL-safe base64.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uuid(pub [u8; 16]);

impl Uuid {
    /// `Uuid.ZERO_UUID`.
    pub const ZERO: Uuid = Uuid([0; 16]);

    /// Like `Uuid.randomUuid()`: a version-4 UUID, never a reserved one and never one whose
    /// text starts with `-` (Kafka rejects those because they read like command-line flags).
    pub fn random(rng: &mut SimRng) -> Uuid {
        loop {
            let mut b = rng.bytes16();
            b[6] = (b[6] & 0x0f) | 0x40; // version 4, as java.util.UUID.randomUUID sets it
            b[8] = (b[8] & 0x3f) | 0x80; // IETF variant
            let u = Uuid(b);
            let reserved = u == Uuid::ZERO || u == Uuid::METADATA_TOPIC_ID;
            if !reserved && !u.to_string().starts_with('-') {
                return u;
            }
        }
    }

    /// `Uuid.METADATA_TOPIC_ID` (most and least significant bits both 1).
    pub const METADATA_TOPIC_ID: Uuid = Uuid([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(self.0))
    }
}

/// What ZooKeeper keeps for a partition at `/brokers/topics/T/partitions/P/state`, and what
/// the controller sends in LeaderAndIsr requests.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LeaderAndIsr {
    /// The leader, or `None` (written as -1 in Kafka) when the partition is offline.
    pub leader: Option<BrokerId>,
    /// Bumped on every leader change (and, in ZooKeeper-mode Kafka, when the controller
    /// removes a dead broker from the ISR).
    pub leader_epoch: u32,
    /// The in-sync replicas, in the order Kafka keeps them.
    pub isr: Vec<BrokerId>,
    /// Epoch of the controller that wrote this state.
    pub controller_epoch: u32,
    /// The znode version; conditional writes by a leader (ISR changes) must match it.
    pub zk_version: u32,
}

impl LeaderAndIsr {
    /// The ISR as a set.
    pub fn isr_set(&self) -> BTreeSet<BrokerId> {
        self.isr.iter().copied().collect_set()
    }
}

/// Joins broker ids with commas, as Kafka's tools print replica lists (`1,2,3`).
pub fn join_ids(ids: &[BrokerId]) -> String {
    ids.iter()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The hand-written order is `(String, u32)`'s: topic bytes, then length, then partition.
        #[test]
        fn topic_partition_orders_as_string_then_partition(
            a in "[a-c_.-]{0,4}", b in "[a-c_.-]{0,4}", p in 0u32..3, q in 0u32..3,
        ) {
            let (x, y) = (TopicPartition::new(a.clone(), p), TopicPartition::new(b.clone(), q));
            proptest::prop_assert_eq!(x.cmp(&y), (&a, p).cmp(&(&b, q)));
            proptest::prop_assert_eq!(x == y, (&a, p) == (&b, q));
        }
    }

    proptest::proptest! {
        /// An interned name orders, compares, hashes and prints as the `String` it replaces.
        #[test]
        fn topic_is_its_string(a in "[a-c_.\u{e9}-]{0,5}", b in "[a-c_.\u{e9}-]{0,5}") {
            use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
            let (x, y) = (Topic::new(&a), Topic::new(&b));
            proptest::prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            proptest::prop_assert_eq!(x == y, a == b);
            proptest::prop_assert_eq!(x == Topic::from(a.clone()), true);
            let h = BuildHasherDefault::<DefaultHasher>::default();
            proptest::prop_assert_eq!(h.hash_one(x), h.hash_one(&a));
            proptest::prop_assert_eq!(format!("[{x:<7}|{x:>7}|{x:?}]"), format!("[{a:<7}|{a:>7}|{a:?}]"));
        }
    }

    #[test]
    fn topic_partition_parse_and_display() {
        let tp = TopicPartition::parse("my-topic-12").unwrap();
        assert_eq!(tp, TopicPartition::new("my-topic", 12));
        assert_eq!(tp.to_string(), "my-topic-12");
        assert!(TopicPartition::parse("-1").is_none());
        assert!(TopicPartition::parse("orders").is_none());
        assert!(TopicPartition::parse("orders-x").is_none());
    }

    #[test]
    fn a_topic_made_on_another_thread_is_the_same_topic() {
        let here = Topic::new("interned-across-threads");
        let there = std::thread::spawn(|| Topic::new("interned-across-threads"))
            .join()
            .unwrap();
        assert_eq!(here, there);
        assert!(std::ptr::eq(here.as_str(), there.as_str()));
    }

    #[test]
    fn uuid_prints_like_kafka() {
        // Kafka: new Uuid(0L, 1L).toString() == "AAAAAAAAAAAAAAAAAAAAAQ"
        let mut b = [0u8; 16];
        b[15] = 1;
        assert_eq!(Uuid(b).to_string(), "AAAAAAAAAAAAAAAAAAAAAQ");
        let mut rng = SimRng::new(3);
        for _ in 0..200 {
            let u = Uuid::random(&mut rng);
            let s = u.to_string();
            assert_eq!(s.len(), 22);
            assert!(!s.starts_with('-'));
            assert_eq!(u.0[6] >> 4, 4);
        }
    }
}
