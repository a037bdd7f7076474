//! `StripedReplicaPlacer` (Kafka 4.1, `metadata/.../placement/StripedReplicaPlacer.java`):
//! how the KRaft controller places the replicas of new topics and added partitions. The
//! lab's brokers have no rack, so there is one rack: its unfenced brokers, sorted, start at a
//! random offset; each partition takes its leader from the unfenced list and the other
//! replicas striped after it (fenced brokers only when the unfenced ones run out); once as
//! many partitions as unfenced brokers were placed, the lists are shuffled. Kafka draws from
//! `java.util.Random`; the lab draws the same choices (`nextInt`, `Collections.shuffle`)
//! from its seeded `SimRng`. (ZooKeeper mode keeps `AdminUtils`'s placement:
//! `cluster::assignment`.)

use crate::model::BrokerId;
use crate::sim::SimRng;

/// `StripedReplicaPlacer.BrokerList`.
#[derive(Debug, Default)]
struct BrokerList {
    brokers: Vec<BrokerId>,
    index: usize,
    offset: usize,
    epoch: u32,
}

impl BrokerList {
    fn initialize(&mut self, rng: &mut SimRng) {
        if !self.brokers.is_empty() {
            crate::sort::natural(&mut self.brokers);
            self.offset = rng.below(self.brokers.len() as u64) as usize;
        }
    }

    fn shuffle(&mut self, rng: &mut SimRng) {
        shuffle(&mut self.brokers, rng);
    }

    fn next(&mut self, epoch: u32) -> Option<BrokerId> {
        if self.brokers.is_empty() {
            return None;
        }
        if self.epoch != epoch {
            self.epoch = epoch;
            self.index = 0;
            self.offset = (self.offset + 1) % self.brokers.len();
        }
        if self.index >= self.brokers.len() {
            return None;
        }
        let b = self.brokers[(self.index + self.offset) % self.brokers.len()];
        self.index += 1;
        Some(b)
    }
}

/// `Collections.shuffle(list, random)`: from the end, swap each place with a draw below it.
fn shuffle(list: &mut [BrokerId], rng: &mut SimRng) {
    for i in (2..=list.len()).rev() {
        let j = rng.below(i as u64) as usize;
        list.swap(i - 1, j);
    }
}

/// One rack's brokers (`Rack`) and the iteration state of `RackList`, for a rackless
/// cluster.
#[derive(Debug)]
pub struct StripedPlacer {
    unfenced: BrokerList,
    fenced: BrokerList,
    epoch: u32,
}

impl StripedPlacer {
    /// `new RackList(random, usableBrokers)`: `brokers` are the usable brokers (registered,
    /// not in controlled shutdown) and whether each is fenced.
    pub fn new(brokers: &[(BrokerId, bool)], rng: &mut SimRng) -> Self {
        let mut unfenced = BrokerList::default();
        let mut fenced = BrokerList::default();
        for &(b, is_fenced) in brokers {
            if is_fenced {
                fenced.brokers.push(b);
            } else {
                unfenced.brokers.push(b);
            }
        }
        // `Rack.initialize`: fenced list first, then unfenced, as Kafka's `Rack` does
        // (`fenced.initialize(random); unfenced.initialize(random);`).
        fenced.initialize(rng);
        unfenced.initialize(rng);
        // The rack list's own offset: `random.nextInt(rackNames.size())`, one rack.
        rng.below(1);
        Self {
            unfenced,
            fenced,
            epoch: 0,
        }
    }

    /// `RackList.place`: the replicas of one partition, its leader first.
    pub fn place(
        &mut self,
        replication_factor: u32,
        rng: &mut SimRng,
    ) -> Result<Vec<BrokerId>, String> {
        let total = self.unfenced.brokers.len() + self.fenced.brokers.len();
        let unfenced = self.unfenced.brokers.len();
        check(replication_factor, total, unfenced)?;
        if self.epoch as usize == unfenced && unfenced > 1 {
            // One rack: shuffling the rack names draws nothing.
            self.fenced.shuffle(rng);
            self.unfenced.shuffle(rng);
            self.epoch = 0;
        }
        let epoch = self.epoch;
        let mut out = Vec::with_capacity(replication_factor as usize);
        // The leader comes from the unfenced brokers (there is one: checked above).
        out.extend(self.unfenced.next(epoch));
        while out.len() < replication_factor as usize {
            match self
                .unfenced
                .next(epoch)
                .or_else(|| self.fenced.next(epoch))
            {
                Some(b) => out.push(b),
                None => break,
            }
        }
        self.epoch += 1;
        Ok(out)
    }
}

/// The placer's checks, with Kafka's messages (`InvalidReplicationFactorException`).
fn check(replication_factor: u32, total: usize, unfenced: usize) -> Result<(), String> {
    if replication_factor == 0 {
        return Err(format!(
            "Invalid replication factor {replication_factor}: the replication factor must be positive."
        ));
    }
    if replication_factor as usize > total {
        return Err(format!(
            "The target replication factor of {replication_factor} cannot be reached because only {total} broker(s) are registered."
        ));
    }
    if unfenced == 0 {
        return Err("All brokers are currently fenced.".into());
    }
    Ok(())
}

/// `StripedReplicaPlacer.place`: `partitions` placements of `replication_factor` replicas.
pub fn place(
    brokers: &[(BrokerId, bool)],
    partitions: u32,
    replication_factor: u32,
    rng: &mut SimRng,
) -> Result<Vec<Vec<BrokerId>>, String> {
    let mut placer = StripedPlacer::new(brokers, rng);
    let unfenced = brokers.iter().filter(|(_, f)| !f).count();
    check(replication_factor, brokers.len(), unfenced)?;
    (0..partitions)
        .map(|_| placer.place(replication_factor, rng))
        .collect()
}

/// One placed partition: its replicas and its ISR (the active ones; the first leads).
pub type Placed = (Vec<BrokerId>, Vec<BrokerId>);

impl super::ControllerNode {
    /// `ReplicationControlManager`'s placement of new partitions: the placer over the usable
    /// brokers (`BrokerHeartbeatManager.usableBrokers`: registered, not in controlled
    /// shutdown, fenced or not), and each ISR = the replicas that are active (unfenced, not in
    /// controlled shutdown), its first one the leader. `prefix` says whether errors carry
    /// `createTopics`' "Unable to replicate the partition N time(s): ".
    pub(super) fn place_partitions(
        &self,
        rng: &mut SimRng,
        partitions: u32,
        replication_factor: u32,
        prefix: bool,
    ) -> Result<Vec<Placed>, String> {
        let shutting_down = |b: &BrokerId| {
            self.active
                .as_ref()
                .is_some_and(|a| a.controlled_shutdown_offset.contains_key(b))
        };
        let usable: Vec<(BrokerId, bool)> = self
            .image
            .brokers
            .iter()
            .filter(|(b, _)| !shutting_down(b))
            .map(|(&b, r)| (b, r.fenced))
            .collect();
        let unable = |e: String| {
            if prefix {
                format!("Unable to replicate the partition {replication_factor} time(s): {e}")
            } else {
                e
            }
        };
        let placed = place(&usable, partitions, replication_factor, rng).map_err(unable)?;
        placed
            .into_iter()
            .map(|replicas| {
                let isr: Vec<BrokerId> = replicas
                    .iter()
                    .copied()
                    .filter(|b| {
                        self.image
                            .brokers
                            .get(b)
                            .is_some_and(|r| !r.fenced && !r.in_controlled_shutdown)
                    })
                    .collect();
                if isr.is_empty() {
                    return Err(format!(
                        "Unable to replicate the partition {replication_factor} time(s): All brokers are currently fenced or in controlled shutdown."
                    ));
                }
                Ok((replicas, isr))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    fn unfenced(ids: &[BrokerId]) -> Vec<(BrokerId, bool)> {
        ids.iter().map(|&b| (b, false)).collect()
    }

    #[test]
    fn stripes_distinct_replicas_and_spreads_leaders() {
        // StripedReplicaPlacerTest.testEvenDistribution's property on one rack: every
        // partition has distinct replicas, and the first partitions' leaders cover every
        // unfenced broker once before any repeats.
        for seed in 0..50 {
            let mut rng = SimRng::new(seed);
            let brokers = unfenced(&[1, 2, 3, 4, 5]);
            let got = place(&brokers, 20, 3, &mut rng).unwrap();
            let mut leaders = BTreeMap::<BrokerId, usize>::new();
            for (i, r) in got.iter().enumerate() {
                assert_eq!(r.iter().collect::<BTreeSet<_>>().len(), 3, "{r:?}");
                *leaders.entry(r[0]).or_default() += 1;
                if i == 4 {
                    assert_eq!(leaders.len(), 5, "seed {seed}: {got:?}");
                }
            }
            assert!(
                leaders.values().all(|&n| n == 4),
                "seed {seed}: {leaders:?}"
            );
        }
    }

    #[test]
    fn the_first_partitions_stripe_the_sorted_list_from_a_random_offset() {
        // Rack-less, epoch 0: partition 0 is the sorted list from the drawn offset; each
        // next partition starts one further (BrokerList.next: a new epoch bumps the offset).
        let mut rng = SimRng::new(3);
        let got = place(&unfenced(&[3, 1, 2]), 3, 3, &mut rng).unwrap();
        let start = got[0][0];
        for (p, r) in got.iter().enumerate() {
            let first = (start as usize - 1 + p) % 3;
            let want: Vec<BrokerId> = (0..3).map(|i| ((first + i) % 3) as u32 + 1).collect();
            assert_eq!(r, &want, "{got:?}");
        }
    }

    #[test]
    fn leaders_avoid_fenced_brokers_which_only_fill_missing_replicas() {
        // StripedReplicaPlacerTest.testAvoidFencedReplicaIfPossibleOnSingleRack and
        // testPlacementOnFencedReplicaOnSingleRack.
        let mut rng = SimRng::new(9);
        let brokers = vec![(1, false), (2, true), (3, false), (4, false)];
        for r in place(&brokers, 10, 3, &mut rng).unwrap() {
            assert!(!r.contains(&2), "{r:?}");
        }
        let brokers = vec![(1, false), (2, true), (3, true)];
        for r in place(&brokers, 5, 3, &mut rng).unwrap() {
            assert_eq!(r[0], 1, "{r:?}");
            assert_eq!(r.iter().collect::<BTreeSet<_>>().len(), 3);
        }
    }

    #[test]
    fn kafka_messages_for_impossible_placements() {
        // StripedReplicaPlacerTest.testRackListWithInvalidRacks / testNotEnoughBrokers /
        // testAllBrokersFenced.
        let mut rng = SimRng::new(1);
        assert_eq!(
            place(&unfenced(&[1, 2, 3]), 1, 4, &mut rng).unwrap_err(),
            "The target replication factor of 4 cannot be reached because only 3 broker(s) are registered."
        );
        assert_eq!(
            place(&[(1, true), (2, true)], 1, 1, &mut rng).unwrap_err(),
            "All brokers are currently fenced."
        );
        assert_eq!(
            place(&unfenced(&[1]), 1, 0, &mut rng).unwrap_err(),
            "Invalid replication factor 0: the replication factor must be positive."
        );
    }
}
