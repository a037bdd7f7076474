//! Invariants of replication, checked after every step (named as in the TLA+ specs of Kafka's
//! replication protocol). Structural ones — ISR ⊆ replicas, leader ∈ ISR — are bugs of the lab
//! if broken and panic in debug builds. The others can break in real Kafka under unsafe
//! settings (pre-0.11 truncation, unclean election): the lab records each violation and shows
//! it, instead of hiding it.
//!
//! Checks are incremental: after a step only the node that handled it can have changed, and
//! each record below a high watermark is compared once per replica.

use crate::idxmap::IdxMap;
use std::collections::{BTreeMap, BTreeSet};

use super::broker::Broker;
use super::replica::Role;
use super::zookeeper::ZooKeeper;
use crate::log::{Offset, SendId};
use crate::model::{BrokerId, NodeId, TopicPartition};

/// A broken invariant: `HighWatermarkWithinLog`, `LeaderHighWatermarkMonotonic`,
/// `LeaderCompleteness` (a leader holds every committed record) or `LogMatching` (replicas agree
/// below their high watermarks).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Violation {
    /// Its name (`HighWatermarkWithinLog`, `LeaderHighWatermarkMonotonic`, `LogMatching`).
    pub name: &'static str,
    /// What exactly broke.
    pub detail: String,
}

/// What the checks remember between steps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Monitor {
    /// The highest high watermark each leader reached, per partition, broker, epoch and broker
    /// incarnation (a leader that restarts within its epoch reloads an older checkpoint).
    leader_hw: BTreeMap<(TopicPartition, BrokerId, u32, u32), Offset>,
    /// Per partition, the record found at each committed offset (the first replica to commit
    /// an offset sets it; every other must agree).
    committed: IdxMap<TopicPartition, Vec<(SendId, u32)>>,
    /// Per partition and broker, how far its committed prefix has been compared.
    verified: BTreeMap<(TopicPartition, BrokerId), Offset>,
}

/// Checks what the step handled by `node` may have broken: the partitions it marked dirty
/// (all of them if `dirty` is `None`).
pub fn check(
    monitor: &mut Monitor,
    zk: &ZooKeeper,
    brokers: &crate::vecmap::VecMap<BrokerId, Broker>,
    node: NodeId,
    dirty: Option<&BTreeSet<TopicPartition>>,
) -> Vec<Violation> {
    let mut out = Vec::new();
    #[cfg(debug_assertions)]
    if node == NodeId::ZooKeeper {
        structural(zk);
    }
    let NodeId::Broker(id) = node else {
        return out;
    };
    let Some(b) = brokers.get(&id) else {
        return out;
    };
    let logs: Box<dyn Iterator<Item = (&TopicPartition, &crate::log::Log)>> = match dirty {
        None => Box::new(b.replica_manager.logs.iter().map(|(tp, l)| (tp, &**l))),
        Some(d) => Box::new(
            d.iter()
                .filter_map(|tp| b.replica_manager.logs.get_key_value(tp))
                .map(|(tp, l)| (tp, &**l)),
        ),
    };
    for (tp, log) in logs {
        let leo = log.leo();
        let hw = match b.replica_manager.partitions.get(tp) {
            Some(p) => p.hw,
            // A dead or restarting broker: its disk's checkpoint.
            None => b
                .replica_manager
                .hw_checkpoint
                .get(tp)
                .copied()
                .unwrap_or(0)
                .min(leo),
        };
        if let Some(p) = b.replica_manager.partitions.get(tp) {
            if p.hw > leo {
                out.push(Violation {
                    name: "HighWatermarkWithinLog",
                    detail: format!(
                        "broker {id}: {tp} has high watermark {} above its log end {leo}",
                        p.hw
                    ),
                });
            }
            if p.role == Role::Leader {
                let key = (*tp, id, p.leader_epoch, b.incarnation);
                let best = monitor.leader_hw.entry(key).or_insert(p.hw);
                if p.hw < *best {
                    out.push(Violation {
                        name: "LeaderHighWatermarkMonotonic",
                        detail: format!(
                            "broker {id}, leader of {tp} in epoch {}: high watermark went back from {} to {}",
                            p.leader_epoch, *best, p.hw
                        ),
                    });
                }
                *best = (*best).max(p.hw);
            }
        }
        // LeaderCompleteness: a leader holds every committed record.
        let committed = monitor.committed.entry(*tp).or_default();
        // Only the leader ZooKeeper knows counts: a deposed leader cut off from the cluster (a
        // zombie) may still think it leads, with a stale log.
        let current_leader = b.replica_manager.partitions.get(tp).is_some_and(|p| {
            p.role == Role::Leader
                && zk
                    .partition_state(tp)
                    .is_some_and(|s| s.leader == Some(id) && s.leader_epoch == p.leader_epoch)
        });
        if current_leader && (leo as usize) < committed.len() {
            out.push(Violation {
                name: "LeaderCompleteness",
                detail: format!(
                    "broker {id} leads {tp} with log end {leo}, but offsets up to {} were committed: {} committed record(s) are gone",
                    committed.len(),
                    committed.len() - leo as usize
                ),
            });
            // From here on, the new leader's history is the one to check against.
            committed.truncate(leo as usize);
        }
        // LogMatching: every replica's records below its high watermark are the committed ones.
        let verified = monitor.verified.entry((*tp, id)).or_insert(0);
        if *verified > hw {
            *verified = hw; // it truncated; what remains was checked already
        }
        let committed = monitor.committed.entry(*tp).or_default();
        let from = *verified;
        for r in log.read(from, usize::try_from(hw - from).unwrap_or(usize::MAX)) {
            let o = usize::try_from(r.offset).unwrap_or(usize::MAX);
            match committed.get(o) {
                Some(&(send, epoch)) if (send, epoch) != (r.send, r.epoch) => {
                    out.push(Violation {
                        name: "LogMatching",
                        detail: format!(
                            "broker {id}: offset {} of {tp} below the high watermark holds send #{} (epoch {}), but send #{send} (epoch {epoch}) was committed there",
                            r.offset, r.send, r.epoch
                        ),
                    });
                    committed[o] = (r.send, r.epoch);
                }
                Some(_) => {}
                None if o == committed.len() => committed.push((r.send, r.epoch)),
                None => {}
            }
        }
        *verified = (*verified).max(hw);
    }
    out
}

/// The controller's decisions: bugs of the lab if broken.
#[cfg(debug_assertions)]
fn structural(zk: &ZooKeeper) {
    for t in zk.topics.values() {
        for (p, s) in &t.states {
            let replicas = &t.assignment[p];
            debug_assert!(
                s.isr.iter().all(|b| replicas.contains(b)),
                "ISR ⊆ replicas violated for partition {p}: {s:?}"
            );
            debug_assert!(!s.isr.is_empty(), "empty ISR for partition {p}");
            if let Some(l) = s.leader {
                debug_assert!(s.isr.contains(&l), "leader {l} not in ISR {:?}", s.isr);
            }
        }
    }
}
