//! Topics and partitions as the page's forms and the tour ask about them: small answers read
//! on demand (a topic's partition count, a partition leader's log end), never the metadata
//! itself (ZooKeeper's znodes or the KRaft image).

use crate::cluster::replica::Role;
use crate::cluster::Cluster;
use crate::model::TopicPartition;

/// How many partitions `topic` has, as the metadata says (ZooKeeper's topic znode or the
/// KRaft metadata image); `None` if there is no such topic.
pub fn partition_count(cluster: &Cluster, topic: &str) -> Option<u32> {
    cluster
        .topics_meta()
        .get(topic)
        .map(|t| t.assignment.len() as u32)
}

/// Every topic (internal ones included) with its partition count, in name order.
pub fn partition_counts(cluster: &Cluster) -> Vec<(String, u32)> {
    cluster
        .topics_meta()
        .iter()
        .map(|(n, t)| (n.clone(), t.assignment.len() as u32))
        .collect()
}

/// The log end offset of `tp`'s leader replica: the first running broker (by id) whose
/// replica of `tp` is the leader; `None` without one.
pub fn leader_log_end(cluster: &Cluster, tp: &TopicPartition) -> Option<u64> {
    cluster
        .brokers
        .values()
        .filter(|b| b.alive)
        .filter_map(|b| {
            let p = b.replica_manager.partitions.get(tp)?;
            (p.role == Role::Leader)
                .then(|| b.replica_manager.logs.get(tp).map(|l| l.leo()))
                .flatten()
        })
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Lab;
    use crate::view::{first_segment, offset_lookup, producer_totals, segment_contents};

    fn lab() -> Lab {
        let mut lab = Lab::new(3, 1);
        for l in [
            "kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3",
            "produce --topic orders --partition 0 --acks all --count 5 --client-id p v",
            "advance 2s",
        ] {
            lab.execute(l).unwrap_or_else(|e| panic!("{l}: {e}"));
        }
        lab
    }

    #[test]
    fn the_page_reads_topics_leaders_and_segments_through_views() {
        let mut lab = lab();
        let c = lab.cluster();
        let tp = TopicPartition::new("orders", 0);
        assert_eq!(partition_count(c, "orders"), Some(2));
        assert_eq!(partition_count(c, "nope"), None);
        assert_eq!(partition_counts(c), vec![("orders".to_string(), 2)]);
        assert_eq!(leader_log_end(c, &tp), Some(5));
        assert_eq!(
            leader_log_end(c, &TopicPartition::new("orders", 1)),
            Some(0)
        );
        // Every broker has a replica: the first by id holds the first segment.
        assert_eq!(first_segment(c, &tp), Some((1, 0)));
        let seg = segment_contents(c, 1, &tp, 0).expect("segment 0 on broker 1");
        assert_eq!(seg.batches.iter().map(|b| b.count).sum::<i32>(), 5);
        assert!(seg.size > 0);
        assert_eq!(segment_contents(c, 1, &tp, 7), None);
        // Without a broker, the lookup searches the leader's log.
        let leader = c.leader_of(&tp).unwrap();
        let (b, _) = offset_lookup(c, &tp, None, 3).expect("the leader's log");
        assert_eq!(b, leader);
        assert_eq!(offset_lookup(c, &tp, Some(9), 3).map(|(b, _)| b), None);
        let p = producer_totals(c, "p").expect("producer p");
        assert!(p.idle);
        assert_eq!(p.stats.records_acked, 5);
        assert_eq!(producer_totals(c, "q"), None);
        // The old leader's disk stays after a kill; the lookup without a broker follows the
        // new leader, and so does the leader's log end.
        lab.execute(&format!("kill-broker {leader}")).unwrap();
        // (its ZooKeeper session expires first)
        lab.execute("advance 30s").unwrap();
        let c = lab.cluster();
        assert_eq!(
            offset_lookup(c, &tp, Some(leader), 3).map(|(b, _)| b),
            Some(leader)
        );
        let (now, _) = offset_lookup(c, &tp, None, 3).expect("a new leader");
        assert_ne!(now, leader);
        assert_eq!(leader_log_end(c, &tp), Some(5));
    }
}
