//! The notes' six steps of a send (section 2), as stages one send goes through:
//!
//! 1. the producer asks a broker for metadata: who leads the partition;
//! 2. it sends the record to that leader;
//! 3. the leader appends it to its log;
//! 4. the followers fetch it;
//! 5. the followers append it and fetch again — which tells the leader they have it, so the
//!    high watermark passes it;
//! 6. the leader, with the whole ISR's copies, acknowledges the producer.
//!
//! The stage is read from the cluster itself (the producer, the messages on the wire, the
//! logs, the high watermark, the ledger), so the page can step the simulation until it moves.

use crate::cluster::Cluster;
use crate::ledger::Outcome;
use crate::log::SendId;

/// How far a send has gone, 0 (not yet sent) to 6 (acknowledged), or `None` if it failed.
/// With `acks=1` or `acks=0` the producer hears back (or counts it sent) before the followers
/// copy it; the steps still follow the record through the followers, and step 6 is reached
/// once they have it and the producer has its answer.
pub fn stage(cluster: &Cluster, send: SendId) -> Option<u8> {
    let entry = cluster.ledger.sends.get(&send)?;
    let acked = match entry.outcome {
        Outcome::Acked { .. } if entry.acks == crate::cluster::msg::Acks::All => return Some(6),
        Outcome::Acked { .. } => true,
        Outcome::Failed { .. } => return None,
        Outcome::Pending => false,
    };
    let tp = &entry.tp;
    let leader = cluster
        .leader_of(tp)
        .and_then(|l| cluster.brokers.get(&l))
        .filter(|b| b.alive);
    let appended = leader.and_then(|b| {
        let offset = b
            .replica_manager
            .logs
            .get(tp)?
            .records()
            .iter()
            .find(|r| r.send == send)?
            .offset;
        Some((b, offset))
    });
    if let Some((b, offset)) = appended {
        let Some(p) = b.replica_manager.partitions.get(tp) else {
            return Some(3);
        };
        if p.hw > offset {
            return Some(if acked { 6 } else { 5 });
        }
        let followers_have = p.isr.iter().filter(|&&f| f != b.id).any(|f| {
            cluster
                .brokers
                .get(f)
                .and_then(|x| x.replica_manager.logs.get(tp))
                .is_some_and(|l| l.leo() > offset)
        });
        // Step 4 ends when a follower has it in its log (its fetch came back with it).
        return Some(if followers_have { 4 } else { 3 });
    }
    if cluster.sends_in_flight().contains(&send) {
        return Some(2);
    }
    Some(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Lab;

    #[test]
    fn a_traced_send_goes_through_the_six_steps_in_order() {
        let mut lab = Lab::default();
        lab.execute("kafka-topics.sh --create --topic t --partitions 1 --replication-factor 3")
            .unwrap();
        lab.execute("produce --topic t --acks all --async --client-id tracer x")
            .unwrap();
        let send = *lab.cluster().ledger.sends.keys().last().unwrap();
        let mut seen = vec![stage(lab.cluster(), send).unwrap()];
        for _ in 0..10_000 {
            if !lab.step() {
                break;
            }
            let s = stage(lab.cluster(), send).unwrap();
            assert!(s >= *seen.last().unwrap(), "went back: {seen:?} then {s}");
            if s != *seen.last().unwrap() {
                seen.push(s);
            }
            if s == 6 {
                break;
            }
        }
        assert_eq!(seen, [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn with_acks_1_the_steps_still_follow_the_record_to_the_followers() {
        let mut lab = Lab::default();
        lab.execute("kafka-topics.sh --create --topic t --partitions 1 --replication-factor 3")
            .unwrap();
        lab.execute("produce --topic t --acks 1 --async --client-id tracer x")
            .unwrap();
        let send = *lab.cluster().ledger.sends.keys().last().unwrap();
        let mut seen = vec![stage(lab.cluster(), send).unwrap()];
        let mut acked_at = None;
        for _ in 0..10_000 {
            if !lab.step() {
                break;
            }
            let s = stage(lab.cluster(), send).unwrap();
            if acked_at.is_none()
                && matches!(
                    lab.cluster().ledger.sends[&send].outcome,
                    Outcome::Acked { .. }
                )
            {
                acked_at = Some(s);
            }
            if s != *seen.last().unwrap() {
                seen.push(s);
            }
            if s == 6 {
                break;
            }
        }
        // The high watermark passing it (5) completes the trace at once: the answer (6) is
        // already in.
        assert_eq!(seen, [1, 2, 3, 4, 6]);
        // The leader answered before the followers had it.
        assert!(acked_at.is_some_and(|s| s < 5), "{acked_at:?}");
    }
}
