//! Replica placement for a new topic, as Kafka's `AdminUtils.assignReplicasToBrokers` does it
//! when no broker has a rack (the rack-unaware algorithm of ZooKeeper-mode Kafka).
//!
//! The first replica of partition `p` goes to broker `(p + startIndex) % n`; the others follow
//! at a shift that grows by one every `n` partitions, so that replicas spread evenly and no two
//! brokers always share the same partitions. Kafka draws `startIndex` and the first shift from
//! `java.util.Random`; the lab draws them from its seeded generator, so a seed fixes them.

use std::collections::BTreeMap;

use crate::model::BrokerId;
use crate::sim::SimRng;

/// Why a placement is impossible, with Kafka's messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssignmentError {
    /// `InvalidPartitionsException`.
    InvalidPartitions(String),
    /// `InvalidReplicationFactorException`.
    InvalidReplicationFactor(String),
}

impl AssignmentError {
    /// Kafka's message.
    pub fn message(&self) -> &str {
        match self {
            AssignmentError::InvalidPartitions(m)
            | AssignmentError::InvalidReplicationFactor(m) => m,
        }
    }
}

/// Places `partitions × replication_factor` replicas on `brokers` (sorted ids of the
/// registered brokers). `fixed_start` pins both random choices, as Kafka's tests do.
pub fn assign_replicas_to_brokers(
    brokers: &[BrokerId],
    partitions: u32,
    replication_factor: u32,
    fixed_start: Option<u32>,
    rng: &mut SimRng,
) -> Result<BTreeMap<u32, Vec<BrokerId>>, AssignmentError> {
    if partitions == 0 {
        return Err(AssignmentError::InvalidPartitions(
            "Number of partitions must be larger than 0.".into(),
        ));
    }
    if replication_factor == 0 {
        return Err(AssignmentError::InvalidReplicationFactor(
            "Replication factor must be larger than 0.".into(),
        ));
    }
    let n = brokers.len() as u64;
    if u64::from(replication_factor) > n {
        return Err(AssignmentError::InvalidReplicationFactor(format!(
            "Replication factor: {replication_factor} larger than available brokers: {n}."
        )));
    }
    let start_index = match fixed_start {
        Some(s) => u64::from(s),
        None => rng.below(n),
    };
    let mut next_replica_shift = match fixed_start {
        Some(s) => u64::from(s),
        None => rng.below(n),
    };
    let mut out = BTreeMap::new();
    for p in 0..u64::from(partitions) {
        if p > 0 && p % n == 0 {
            next_replica_shift += 1;
        }
        let first = (p + start_index) % n;
        let mut replicas = vec![brokers[first as usize]];
        for j in 0..u64::from(replication_factor) - 1 {
            replicas.push(brokers[replica_index(first, next_replica_shift, j, n) as usize]);
        }
        out.insert(p as u32, replicas);
    }
    Ok(out)
}

/// Places the replicas of partitions added to a topic (`AdminZkClient.addPartitions`): the
/// start index is pinned to the first broker whose id is at least the first replica of the
/// topic's partition 0, and partition ids continue from `start_partition`, so the new
/// partitions carry on the existing round-robin.
pub fn assign_added_partitions(
    brokers: &[BrokerId],
    partition0_first_replica: BrokerId,
    start_partition: u32,
    count: u32,
    replication_factor: u32,
) -> Result<BTreeMap<u32, Vec<BrokerId>>, AssignmentError> {
    let n = brokers.len() as u64;
    if u64::from(replication_factor) > n {
        return Err(AssignmentError::InvalidReplicationFactor(format!(
            "Replication factor: {replication_factor} larger than available brokers: {n}."
        )));
    }
    let start_index = brokers
        .iter()
        .position(|&b| b >= partition0_first_replica)
        .unwrap_or(0) as u64;
    let mut next_replica_shift = start_index;
    let mut out = BTreeMap::new();
    for p in u64::from(start_partition)..u64::from(start_partition) + u64::from(count) {
        if p > 0 && p % n == 0 {
            next_replica_shift += 1;
        }
        let first = (p + start_index) % n;
        let mut replicas = vec![brokers[first as usize]];
        for j in 0..u64::from(replication_factor).saturating_sub(1) {
            replicas.push(brokers[replica_index(first, next_replica_shift, j, n) as usize]);
        }
        out.insert(p as u32, replicas);
    }
    Ok(out)
}

fn replica_index(first: u64, second_replica_shift: u64, replica: u64, n: u64) -> u64 {
    let shift = 1 + (second_replica_shift + replica) % (n - 1);
    (first + shift) % n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Added partitions continue the round-robin from the existing count.
    #[test]
    fn added_partitions_continue_from_the_existing_ones() {
        let got = assign_added_partitions(&[1, 2, 3], 1, 3, 2, 2).unwrap();
        // Start index 0 (broker 1 leads partition 0); partition 3 wraps: shift grows by one.
        assert_eq!(got[&3], vec![1, 3]);
        assert_eq!(got[&4], vec![2, 1]);
        assert_eq!(got.len(), 2);
        assert!(assign_added_partitions(&[1, 2], 1, 1, 1, 3).is_err());
    }

    /// The expectation of Kafka's `AdminRackAwareTest`/`ReplicationUtilsTest`-style case:
    /// brokers 0..4, 10 partitions, RF 3, start index 0.
    #[test]
    fn matches_kafkas_fixed_start_example() {
        let mut rng = SimRng::new(0);
        let got = assign_replicas_to_brokers(&[0, 1, 2, 3, 4], 10, 3, Some(0), &mut rng).unwrap();
        let want: BTreeMap<u32, Vec<u32>> = [
            (0, vec![0, 1, 2]),
            (1, vec![1, 2, 3]),
            (2, vec![2, 3, 4]),
            (3, vec![3, 4, 0]),
            (4, vec![4, 0, 1]),
            (5, vec![0, 2, 3]),
            (6, vec![1, 3, 4]),
            (7, vec![2, 4, 0]),
            (8, vec![3, 0, 1]),
            (9, vec![4, 1, 2]),
        ]
        .into_iter()
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn errors_carry_kafkas_messages() {
        let mut rng = SimRng::new(0);
        let e = assign_replicas_to_brokers(&[1, 2, 3], 3, 4, None, &mut rng).unwrap_err();
        assert_eq!(
            e.message(),
            "Replication factor: 4 larger than available brokers: 3."
        );
        let e = assign_replicas_to_brokers(&[1, 2, 3], 0, 1, None, &mut rng).unwrap_err();
        assert_eq!(e.message(), "Number of partitions must be larger than 0.");
    }

    #[test]
    fn every_partition_gets_distinct_replicas_and_leaders_spread() {
        let mut rng = SimRng::new(9);
        for n in 1..=6u32 {
            let brokers: Vec<u32> = (1..=n).collect();
            for rf in 1..=n {
                let a = assign_replicas_to_brokers(&brokers, 12, rf, None, &mut rng).unwrap();
                let mut leaders = BTreeMap::new();
                for r in a.values() {
                    let mut d = r.clone();
                    d.sort();
                    d.dedup();
                    assert_eq!(d.len(), rf as usize);
                    *leaders.entry(r[0]).or_insert(0) += 1;
                }
                // 12 partitions over n brokers: preferred leaders differ by at most one.
                let (min, max) = (leaders.values().min(), leaders.values().max());
                assert!(max.unwrap() - min.unwrap() <= 1, "{leaders:?}");
            }
        }
    }
}
