//! ZooKeeper mode's `ElectLeaders` (`KafkaController.onReplicaElection`, Kafka 2.4–3.9): the
//! controller broker elects each requested partition's leader — preferred
//! (`PreferredReplicaPartitionLeaderElectionStrategy`: the first replica, if live and in the
//! ISR) or unclean (a leaderless partition gets its first live replica) — and writes the new
//! states to ZooKeeper.

use super::Controller;
use crate::cluster::msg::Ctx;
use crate::event::{ElectionReason, Event};
use crate::kraft::controller::admin::{ElectionOutcome, ElectionType};
use crate::model::{LeaderAndIsr, TopicPartition};

impl Controller {
    /// Elects `partitions` (`None`: every partition, each answered) as `election` says.
    pub fn elect_leaders(
        &mut self,
        ctx: &mut Ctx<'_>,
        election: ElectionType,
        partitions: Option<Vec<TopicPartition>>,
    ) -> Vec<(TopicPartition, ElectionOutcome)> {
        let tps = partitions.unwrap_or_else(|| self.all_partitions());
        let mut results = Vec::new();
        let mut writes = Vec::new();
        for tp in tps {
            let replicas = self.replicas(&tp).to_vec();
            let Some(s) = self.current(&tp).cloned().filter(|_| !replicas.is_empty()) else {
                results.push((tp, ElectionOutcome::Failed("org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.".into())));
                continue;
            };
            let live = |b: &u32| self.live_brokers.contains(b);
            let (needed, leader) = match election {
                ElectionType::Preferred => (
                    s.leader != Some(replicas[0]),
                    Some(replicas[0]).filter(|p| live(p) && s.isr.contains(p)),
                ),
                ElectionType::Unclean => (
                    s.leader.is_none(),
                    replicas
                        .iter()
                        .copied()
                        .find(|b| live(b) && s.isr.contains(b))
                        .or_else(|| replicas.iter().copied().find(|b| live(b))),
                ),
            };
            if !needed {
                results.push((tp, ElectionOutcome::NotNeeded));
                continue;
            }
            let Some(leader) = leader else {
                let e = match election {
                    ElectionType::Preferred => "org.apache.kafka.common.errors.PreferredLeaderNotAvailableException: The preferred leader was not available.",
                    ElectionType::Unclean => "org.apache.kafka.common.errors.EligibleLeadersNotAvailableException: Eligible topic partition leaders are not available.",
                };
                results.push((tp, ElectionOutcome::Failed(e.into())));
                continue;
            };
            let isr = if s.isr.contains(&leader) {
                s.isr.clone()
            } else {
                vec![leader]
            };
            let new = LeaderAndIsr {
                leader: Some(leader),
                leader_epoch: s.leader_epoch + 1,
                isr,
                controller_epoch: self.epoch,
                zk_version: s.zk_version,
            };
            ctx.event(Event::LeaderElected {
                tp,
                controller: self.broker,
                leader,
                epoch_from: s.leader_epoch,
                epoch_to: new.leader_epoch,
                isr: new.isr.clone(),
                reason: match election {
                    ElectionType::Preferred => ElectionReason::Preferred,
                    ElectionType::Unclean => ElectionReason::Offline,
                },
            });
            self.decide(&tp, new.clone());
            writes.push((tp, new));
            results.push((tp, ElectionOutcome::Elected));
        }
        self.write(ctx, writes);
        results
    }
}
