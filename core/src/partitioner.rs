//! Choosing a partition for a record, as the Java producer does.
//!
//! - An explicit partition wins.
//! - A keyed record goes to `toPositive(murmur2(keyBytes)) % numPartitions`
//!   (`BuiltInPartitioner.partitionForKey`), identical to the Java client for every key.
//! - A keyless record, in the Kafka 2.3 client of the notes' era, goes round-robin over the
//!   partitions that have a leader (`DefaultPartitioner` before KIP-480's sticky partitioner
//!   of 2.4). Since 3.3 (KIP-794) the built-in partitioner sticks to one partition until
//!   `batch.size` bytes went to it, then picks the next at random, weighted towards partitions
//!   whose queues are shorter (adaptive partitioning).
//! - `partitioner.class=org.apache.kafka.clients.producer.RoundRobinPartitioner` sends every
//!   record, keyed or not, to the next partition in turn.

/// Kafka's `Utils.murmur2`: 32-bit MurmurHash2 with seed `0x9747b28c`.
pub fn murmur2(data: &[u8]) -> i32 {
    const M: u32 = 0x5bd1_e995;
    const R: u32 = 24;
    let length = data.len();
    let mut h: u32 = 0x9747_b28c ^ (length as u32);
    let mut chunks = data.chunks_exact(4);
    for c in &mut chunks {
        let mut k = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }
    let rest = chunks.remainder();
    if rest.len() >= 3 {
        h ^= u32::from(rest[2]) << 16;
    }
    if rest.len() >= 2 {
        h ^= u32::from(rest[1]) << 8;
    }
    if !rest.is_empty() {
        h ^= u32::from(rest[0]);
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    h as i32
}

/// Kafka's `Utils.toPositive`: clears the sign bit (not `abs`, which overflows on `MIN`).
pub fn to_positive(n: i32) -> u32 {
    (n & 0x7fff_ffff) as u32
}

/// The partition of a keyed record.
pub fn partition_for_key(key: &[u8], partitions: u32) -> u32 {
    to_positive(murmur2(key)) % partitions.max(1)
}

/// Java's `String.hashCode()`: over UTF-16 code units, `h = 31 * h + c`, wrapping.
pub fn java_string_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

/// Kafka's `Utils.abs`: `Integer.MIN_VALUE` maps to 0.
pub fn kafka_abs(n: i32) -> i32 {
    if n == i32::MIN {
        0
    } else {
        n.abs()
    }
}

/// The partition of an internal topic (`__consumer_offsets`, `__transaction_state`) whose
/// leader coordinates `key` (a group id, a transactional id): `Utils.abs(key.hashCode()) %
/// partitions`, as `GroupMetadataManager.partitionFor` and `TransactionStateManager.partitionFor`.
pub fn coordinator_partition(key: &str, partitions: u32) -> u32 {
    kafka_abs(java_string_hash(key)) as u32 % partitions.max(1)
}

/// Which partitioner a producer uses for records without an explicit partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, Hash)]
pub enum PartitionerKind {
    /// No `partitioner.class`: keyed records by murmur2; keyless ones as the client version
    /// does it (round-robin before 2.4, the built-in sticky partitioner since 3.3).
    BuiltIn,
    /// `org.apache.kafka.clients.producer.RoundRobinPartitioner`: every record, keyed or not,
    /// to the next partition in turn.
    RoundRobin,
    /// `org.apache.kafka.clients.producer.UniformStickyPartitioner` (deprecated in 3.3): every
    /// record sticks to a partition, keys ignored.
    UniformSticky,
}

impl PartitionerKind {
    /// Reads a `partitioner.class` value.
    pub fn parse(class: &str) -> Option<Self> {
        match class.trim() {
            "org.apache.kafka.clients.producer.RoundRobinPartitioner" | "RoundRobinPartitioner" => {
                Some(Self::RoundRobin)
            }
            "org.apache.kafka.clients.producer.UniformStickyPartitioner"
            | "UniformStickyPartitioner" => Some(Self::UniformSticky),
            "org.apache.kafka.clients.producer.internals.DefaultPartitioner"
            | "DefaultPartitioner"
            | "" => Some(Self::BuiltIn),
            _ => None,
        }
    }

    /// The class name users write.
    pub fn class(self) -> &'static str {
        match self {
            Self::BuiltIn => "(none: built-in)",
            Self::RoundRobin => "org.apache.kafka.clients.producer.RoundRobinPartitioner",
            Self::UniformSticky => "org.apache.kafka.clients.producer.UniformStickyPartitioner",
        }
    }
}

/// The partition a keyless record sticks to (`StickyPartitionInfo`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sticky {
    /// The partition.
    pub partition: u32,
    /// Bytes appended to it since it was chosen.
    pub produced_bytes: usize,
}

/// The cumulative frequency table of KIP-794's adaptive partitioning (`PartitionLoadStats`):
/// partitions with shorter queues are chosen more often.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LoadStats {
    /// Running sums of (max queue size + 1 - queue size).
    pub cumulative: Vec<u32>,
    /// The partition of each entry.
    pub partitions: Vec<u32>,
}

impl LoadStats {
    /// `BuiltInPartitioner.updatePartitionLoadStats`: `None` when every partition has the same
    /// queue size (a uniform choice then).
    pub fn from_queue_sizes(sizes: &[(u32, u32)], num_partitions: u32) -> Option<LoadStats> {
        let (first, rest) = sizes.split_first()?;
        let max = sizes.iter().map(|&(_, q)| q).max().unwrap_or(0);
        let all_equal = rest.iter().all(|&(_, q)| q == first.1);
        if all_equal && sizes.len() as u32 == num_partitions {
            return None;
        }
        let mut running = 0u32;
        let cumulative = sizes
            .iter()
            .map(|&(_, q)| {
                running += max + 1 - q;
                running
            })
            .collect();
        Some(LoadStats {
            cumulative,
            partitions: sizes.iter().map(|&(p, _)| p).collect(),
        })
    }

    /// The partition for a random number: the first entry strictly greater than
    /// `random % total`.
    pub fn pick(&self, random: u32) -> u32 {
        let total = *self.cumulative.last().expect("not empty");
        let r = random % total;
        let i = self.cumulative.partition_point(|&c| c <= r);
        self.partitions[i.min(self.partitions.len() - 1)]
    }
}

/// `BuiltInPartitioner.nextPartition`: a random partition among those with a leader,
/// weighted by queue sizes when adaptive partitioning has load stats.
pub fn next_sticky_partition(
    random: u32,
    available: &[u32],
    num_partitions: u32,
    load: Option<&LoadStats>,
) -> u32 {
    let random = to_positive(random as i32);
    match load {
        Some(l) if !l.partitions.is_empty() => l.pick(random),
        _ if available.is_empty() => random % num_partitions.max(1),
        _ => available[(random % available.len() as u32) as usize],
    }
}

/// `BuiltInPartitioner.updatePartitionInfo`: after appending `appended` bytes, switch to a
/// new partition once `batch.size` bytes went to this one and the last batch is full (or
/// twice `batch.size` went, whatever the batch). True if it switched.
pub fn should_switch(sticky: &Sticky, batch_size: usize, last_batch_full: bool) -> bool {
    (sticky.produced_bytes >= batch_size && last_batch_full)
        || sticky.produced_bytes >= batch_size.saturating_mul(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kafka's `UtilsTest.testMurmur2` cases.
    #[test]
    fn murmur2_matches_kafka() {
        let cases: [(&[u8], i32); 6] = [
            (b"21", -973_932_308),
            (b"foobar", -790_332_482),
            (b"a-little-bit-long-string", -985_981_536),
            (b"a-little-bit-longer-string", -1_486_304_829),
            (
                b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8",
                -58_897_971,
            ),
            (b"abc", 479_470_107),
        ];
        for (data, want) in cases {
            assert_eq!(murmur2(data), want, "{}", String::from_utf8_lossy(data));
        }
    }

    #[test]
    fn keys_spread_and_stay_put() {
        assert_eq!(to_positive(i32::MIN), 0);
        assert_eq!(to_positive(-1), 0x7fff_ffff);
        // The same key always lands on the same partition.
        assert_eq!(
            partition_for_key(b"user-1", 3),
            partition_for_key(b"user-1", 3)
        );
        let hit: std::collections::BTreeSet<u32> = (0..50)
            .map(|i| partition_for_key(format!("k{i}").as_bytes(), 3))
            .collect();
        assert_eq!(hit.len(), 3);
    }

    #[test]
    fn load_stats_follow_kafkas_worked_example() {
        // BuiltInPartitioner's comment: queue sizes 0 3 1 → frequencies 4 1 3 → table 4 5 8;
        // 0..=3 → the first partition, 4 → the second, 5..=7 → the third.
        let l = LoadStats::from_queue_sizes(&[(0, 0), (1, 3), (2, 1)], 3).unwrap();
        assert_eq!(l.cumulative, [4, 5, 8]);
        let picks: Vec<u32> = (0..8).map(|r| l.pick(r)).collect();
        assert_eq!(picks, [0, 0, 0, 0, 1, 2, 2, 2]);
        assert_eq!(LoadStats::from_queue_sizes(&[(0, 2), (1, 2)], 2), None);
        // Equal sizes but a partition without a leader left out: still weighted.
        assert!(LoadStats::from_queue_sizes(&[(0, 2), (1, 2)], 3).is_some());
    }

    #[test]
    fn sticky_switch_rule() {
        let s = Sticky {
            partition: 1,
            produced_bytes: 16_384,
        };
        assert!(should_switch(&s, 16_384, true));
        assert!(!should_switch(&s, 16_384, false));
        let s = Sticky {
            partition: 1,
            produced_bytes: 32_768,
        };
        assert!(should_switch(&s, 16_384, false));
        assert_eq!(next_sticky_partition(7, &[0, 2], 3, None), 2);
        assert_eq!(next_sticky_partition(7, &[], 3, None), 1);
    }

    #[test]
    fn partitioner_classes_parse() {
        assert_eq!(
            PartitionerKind::parse("org.apache.kafka.clients.producer.RoundRobinPartitioner"),
            Some(PartitionerKind::RoundRobin)
        );
        assert_eq!(PartitionerKind::parse("com.example.Mine"), None);
    }

    /// The `java_murmur2_results` of librdkafka's `rdmurmur2.c` unit test: what the Java
    /// client's `Utils.murmur2` returns for these keys (an independent source).
    #[test]
    fn murmur2_matches_the_java_results_librdkafka_checks_against() {
        let unaligned = "PreAmbleWillBeRemoved,ThePrePartThatIs";
        let cases: [(&str, u32); 11] = [
            ("kafka", 0xd067_cf64),
            ("giberish123456789", 0x8f55_2b0c),
            ("1234", 0x9fc9_7b14),
            ("234", 0xe7c0_09ca),
            ("34", 0x8739_30da),
            ("4", 0x5a4b_5ca1),
            (unaligned, 0x7842_4f1c),
            (&unaligned[1..], 0x4a62_b377),
            (&unaligned[2..], 0xe0e4_e09e),
            (&unaligned[3..], 0x62b8_b43f),
            ("", 0x106e_08d9),
        ];
        for (key, want) in cases {
            assert_eq!(murmur2(key.as_bytes()) as u32, want, "{key}");
        }
    }

    /// Partitions for keys and partition counts, computed by a separate line-by-line port of
    /// the Java `Utils.murmur2` (Python), checked against the vectors above.
    #[test]
    fn keyed_partitions_for_many_keys_and_counts() {
        let cases: [(&str, u32, u32); 66] = [
            ("user-1", 1, 0),
            ("user-1", 2, 0),
            ("user-1", 3, 2),
            ("user-1", 6, 2),
            ("user-1", 10, 8),
            ("user-1", 50, 28),
            ("user-2", 1, 0),
            ("user-2", 2, 0),
            ("user-2", 3, 2),
            ("user-2", 6, 2),
            ("user-2", 10, 6),
            ("user-2", 50, 6),
            ("order-42", 1, 0),
            ("order-42", 2, 0),
            ("order-42", 3, 0),
            ("order-42", 6, 0),
            ("order-42", 10, 4),
            ("order-42", 50, 24),
            ("alice", 1, 0),
            ("alice", 2, 1),
            ("alice", 3, 0),
            ("alice", 6, 3),
            ("alice", 10, 9),
            ("alice", 50, 49),
            ("bob", 1, 0),
            ("bob", 2, 0),
            ("bob", 3, 0),
            ("bob", 6, 0),
            ("bob", 10, 8),
            ("bob", 50, 8),
            ("北京", 1, 0),
            ("北京", 2, 0),
            ("北京", 3, 2),
            ("北京", 6, 2),
            ("北京", 10, 0),
            ("北京", 50, 20),
            ("", 1, 0),
            ("", 2, 1),
            ("", 3, 0),
            ("", 6, 3),
            ("", 10, 1),
            ("", 50, 31),
            ("a", 1, 0),
            ("a", 2, 0),
            ("a", 3, 1),
            ("a", 6, 4),
            ("a", 10, 4),
            ("a", 50, 24),
            ("key", 1, 0),
            ("key", 2, 1),
            ("key", 3, 1),
            ("key", 6, 1),
            ("key", 10, 1),
            ("key", 50, 31),
            ("0", 1, 0),
            ("0", 2, 0),
            ("0", 3, 2),
            ("0", 6, 2),
            ("0", 10, 6),
            ("0", 50, 46),
            ("customer-12345", 1, 0),
            ("customer-12345", 2, 0),
            ("customer-12345", 3, 0),
            ("customer-12345", 6, 0),
            ("customer-12345", 10, 4),
            ("customer-12345", 50, 24),
        ];
        for (key, n, want) in cases {
            assert_eq!(partition_for_key(key.as_bytes(), n), want, "{key} over {n}");
        }
    }
}
