//! The active controller's admin requests beyond topic creation, as Kafka 4.1's
//! `ReplicationControlManager` and `ConfigurationControlManager` serve them: deleting a topic
//! (`RemoveTopicRecord`), adding partitions (`PartitionRecord`s), `incrementalAlterConfigs`
//! (`ConfigRecord`s), leader elections (`ElectLeaders`: preferred or unclean, each a
//! `PartitionChangeRecord`) and the periodic preferred-leader balancing
//! (`auto.leader.rebalance.enable`, every `leader.imbalance.check.interval.seconds`).

use crate::cluster::msg::{ConfigEntity, Ctx, Msg, Timer};
use crate::event::Event;
use crate::kraft::partition_change::{Election, PartitionChangeBuilder};
use crate::kraft::records::{MetadataRecord, PartitionRecord, NO_LEADER};
use crate::kraft::KraftTimer;
use crate::model::{BrokerId, NodeId, TopicPartition, Uuid};

use super::ControllerNode;

/// `kafka-leader-election.sh --election-type` (`ElectionType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ElectionType {
    /// `PREFERRED`: the first replica, if it is in the ISR and unfenced.
    Preferred,
    /// `UNCLEAN`: a leaderless partition gets one even from outside the ISR.
    Unclean,
}

impl ElectionType {
    /// As the tool prints it.
    pub fn name(self) -> &'static str {
        match self {
            ElectionType::Preferred => "PREFERRED",
            ElectionType::Unclean => "UNCLEAN",
        }
    }
}

/// One partition's answer to `ElectLeaders`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ElectionOutcome {
    /// A `PartitionChangeRecord` elected a new leader.
    Elected,
    /// `ELECTION_NOT_NEEDED`.
    NotNeeded,
    /// Another error, as the admin client's exception prints (`Class: message`).
    Failed(String),
}

/// `ConfigResource.Type.TOPIC`.
pub const CONFIG_TOPIC: i8 = 2;
/// `ConfigResource.Type.BROKER`.
pub const CONFIG_BROKER: i8 = 4;

/// The `ConfigRecord` resource of an entity (the cluster-wide broker default is the broker
/// resource named "").
pub fn config_resource(entity: &ConfigEntity) -> (i8, String) {
    match entity {
        ConfigEntity::Topic(t) => (CONFIG_TOPIC, t.clone()),
        ConfigEntity::BrokerDefault => (CONFIG_BROKER, String::new()),
        ConfigEntity::Broker(b) => (CONFIG_BROKER, b.to_string()),
    }
}

/// The entity of a `ConfigRecord` resource (`None` for a type the lab does not model).
pub fn config_entity(resource_type: i8, name: &str) -> Option<ConfigEntity> {
    match resource_type {
        CONFIG_TOPIC => Some(ConfigEntity::Topic(name.to_string())),
        CONFIG_BROKER if name.is_empty() => Some(ConfigEntity::BrokerDefault),
        CONFIG_BROKER => name.parse().ok().map(ConfigEntity::Broker),
        _ => None,
    }
}

const UNKNOWN_TOPIC: &str = "This server does not host this topic-partition.";

impl ControllerNode {
    /// `ReplicationControlManager.deleteTopics`: one `RemoveTopicRecord` (the topic's configs
    /// and partitions go with it when it is replayed); brokers delete the logs when they apply
    /// it.
    pub(super) fn on_delete_topics(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        topic: String,
    ) {
        let Some(topic_id) = self.image.topics.get(&topic).map(|t| t.id) else {
            let result = Err(format!("Topic {topic} does not exist"));
            return ctx.send(from, Msg::DeleteTopicsResponse { request, result });
        };
        ctx.event(Event::KraftTopicRemoved {
            controller: self.id,
            topic,
        });
        if let Some(o) = self.write(ctx, vec![MetadataRecord::RemoveTopic { topic_id }]) {
            self.answer_at(
                o,
                from,
                Msg::DeleteTopicsResponse {
                    request,
                    result: Ok(()),
                },
            );
        }
    }

    /// `ReplicationControlManager.createPartitions`: a `PartitionRecord` for each new
    /// partition, its replicas placed among the unfenced brokers as the lab's ZooKeeper path
    /// places added partitions (`AdminUtils.assignReplicasToBrokers` with partition 0's first
    /// replica as the start; Kafka 4's `StripedReplicaPlacer` spreads them the same way on a
    /// rackless cluster but from a random start), the leader the first replica.
    pub(super) fn on_create_partitions(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        topic: String,
        count: u32,
    ) {
        let reply = |ctx: &mut Ctx<'_>, result: Result<(), String>| {
            ctx.send(
                from,
                Msg::CreateTopicsResponse {
                    request,
                    name: topic.clone(),
                    result,
                },
            )
        };
        let Some(t) = self.image.topics.get(&topic) else {
            return reply(ctx, Err(UNKNOWN_TOPIC.into()));
        };
        let existing = t.assignment.len() as u32;
        if count == existing {
            return reply(
                ctx,
                Err(format!("Topic already has {existing} partitions.")),
            );
        }
        if count < existing {
            return reply(
                ctx,
                Err(format!(
                    "Topic currently has {existing} partitions, which is higher than the requested {count}."
                )),
            );
        }
        let rf = t.assignment.get(&0).map_or(1, |r| r.len() as u32);
        let topic_id = t.id;
        // `StripedReplicaPlacer` (Kafka 4.1), from the lab's seeded generator.
        let added = match self.place_partitions(ctx.rng, count - existing, rf, false) {
            Ok(a) => (existing..).zip(a),
            Err(e) => return reply(ctx, Err(e)),
        };
        let records = added
            .into_iter()
            .map(|(partition_id, (replicas, isr))| {
                MetadataRecord::Partition(PartitionRecord {
                    partition_id,
                    topic_id,
                    leader: isr[0] as i32,
                    isr,
                    directories: vec![Uuid::ZERO; replicas.len()],
                    replicas,
                    removing_replicas: Vec::new(),
                    adding_replicas: Vec::new(),
                    leader_recovery_state: 0,
                    leader_epoch: 0,
                    partition_epoch: 0,
                    eligible_leader_replicas: Vec::new(),
                    last_known_elr: Vec::new(),
                })
            })
            .collect();
        ctx.event(Event::PartitionsAdded {
            topic: topic.clone(),
            from: existing,
            to: count,
        });
        if let Some(o) = self.write(ctx, records) {
            self.answer_at(
                o,
                from,
                Msg::CreateTopicsResponse {
                    request,
                    name: topic.clone(),
                    result: Ok(()),
                },
            );
        }
    }

    /// `ConfigurationControlManager.incrementalAlterConfigs` (`SET`): a `ConfigRecord` for
    /// each key whose value changes. A topic's `min.insync.replicas` or
    /// `unclean.leader.election.enable` change is followed by the elections it allows
    /// (`ReplicationControlManager.electLeaders` for offline partitions).
    pub(super) fn on_alter_configs(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        entity: ConfigEntity,
        configs: crate::vecmap::VecMap<String, String>,
    ) {
        let (resource_type, resource_name) = config_resource(&entity);
        let current = self.image.configs_of(&entity);
        let mut records: Vec<MetadataRecord> = configs
            .iter()
            .filter(|(k, v)| current.get(*k) != Some(*v))
            .map(|(k, v)| MetadataRecord::Config {
                resource_type,
                resource_name: resource_name.clone(),
                name: k.clone(),
                value: Some(v.clone()),
            })
            .collect();
        if records.is_empty() {
            return ctx.send(from, Msg::AlterConfigsResponse { request });
        }
        ctx.event(Event::ConfigChanged {
            entity: match &entity {
                ConfigEntity::Topic(t) => format!("topic {t}"),
                ConfigEntity::Broker(b) => format!("broker {b}"),
                ConfigEntity::BrokerDefault => "brokers (default)".into(),
            },
            configs: configs
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(","),
        });
        let start = self.raft.log_end_offset();
        let Some(mut last) = self.write(ctx, std::mem::take(&mut records)) else {
            return;
        };
        // Newly allowed unclean elections bring leaderless partitions back.
        if let ConfigEntity::Topic(t) = &entity {
            if configs.contains_key("unclean.leader.election.enable") {
                let tps: Vec<TopicPartition> = self
                    .image
                    .partitions
                    .iter()
                    .filter(|(tp, p)| &tp.topic == t && p.leader == NO_LEADER)
                    .map(|(tp, _)| *tp)
                    .collect();
                let changes = self.election_records(ctx, &tps, Election::Online);
                if let Some(o) = self.write(ctx, changes) {
                    last = o;
                }
            }
        }
        debug_assert!(last >= start);
        self.answer_at(last, from, Msg::AlterConfigsResponse { request });
    }

    /// `ReplicationControlManager.electLeaders` for `partitions` (`None`: every partition).
    pub(super) fn on_elect_leaders(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        election: ElectionType,
        partitions: Option<Vec<TopicPartition>>,
    ) {
        // Asked for every partition, the answer leaves out those that need no election
        // (`ReplicationControlManager.electLeaders` with null topic partitions).
        let all = partitions.is_none();
        let tps: Vec<TopicPartition> =
            partitions.unwrap_or_else(|| self.image.partitions.keys().cloned().collect());
        let mut results = Vec::new();
        let mut records = Vec::new();
        for tp in tps {
            let outcome = match self.image.partitions.get(&tp) {
                None => ElectionOutcome::Failed(format!(
                    "org.apache.kafka.common.errors.UnknownTopicOrPartitionException: {UNKNOWN_TOPIC}"
                )),
                Some(p) => match self.elect_one(ctx, &tp, p, election) {
                    Ok(Some(r)) => {
                        records.push(r);
                        ElectionOutcome::Elected
                    }
                    Ok(None) => ElectionOutcome::NotNeeded,
                    Err(e) => ElectionOutcome::Failed(e),
                },
            };
            if !(all && outcome == ElectionOutcome::NotNeeded) {
                results.push((tp, outcome));
            }
        }
        let reply = Msg::ElectLeadersResponse { request, results };
        if records.is_empty() {
            return ctx.send(from, reply);
        }
        if let Some(o) = self.write(ctx, records) {
            self.answer_at(o, from, reply);
        }
    }

    /// One partition's election: `Ok(None)` when not needed, the record, or the error.
    fn elect_one(
        &self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        p: &PartitionRecord,
        election: ElectionType,
    ) -> Result<Option<MetadataRecord>, String> {
        let preferred = p.replicas.first().map_or(NO_LEADER, |&r| r as i32);
        let not_needed = match election {
            ElectionType::Preferred => p.leader == preferred,
            ElectionType::Unclean => p.leader != NO_LEADER,
        };
        if not_needed {
            return Ok(None);
        }
        let kind = match election {
            ElectionType::Preferred => Election::Preferred,
            ElectionType::Unclean => Election::Unclean,
        };
        match self.election_records(ctx, std::slice::from_ref(tp), kind).pop() {
            Some(r) => Ok(Some(r)),
            None => Err(match election {
                ElectionType::Preferred => "org.apache.kafka.common.errors.PreferredLeaderNotAvailableException: The preferred leader was not available.".into(),
                ElectionType::Unclean => "org.apache.kafka.common.errors.EligibleLeadersNotAvailableException: Eligible topic partition leaders are not available.".into(),
            }),
        }
    }

    /// The `PartitionChangeRecord`s `PartitionChangeBuilder` gives `tps` under `election`
    /// (narrated; only those that change the leader).
    fn election_records(
        &self,
        ctx: &mut Ctx<'_>,
        tps: &[TopicPartition],
        election: Election,
    ) -> Vec<MetadataRecord> {
        let image = &self.image;
        let is_active = |b: BrokerId| {
            image
                .brokers
                .get(&b)
                .is_some_and(|r| !r.fenced && !r.in_controlled_shutdown)
        };
        let mut out = Vec::new();
        for tp in tps {
            let Some(p) = image.partitions.get(tp) else {
                continue;
            };
            let (min_isr, unclean) = self.topic_settings(&tp.topic);
            let election = if unclean && election == Election::Online {
                Election::Unclean
            } else {
                election
            };
            let Some(c) = PartitionChangeBuilder::new(p, is_active, min_isr)
                .set_eligible_leader_replicas_enabled(self.elr())
                .set_election(election)
                .build()
            else {
                continue;
            };
            let mut after = p.clone();
            crate::kraft::partition_change::apply(&mut after, &c);
            if after.leader == p.leader || after.leader == NO_LEADER {
                continue;
            }
            self.note_partition_change(ctx, tp, p, &c);
            out.push(MetadataRecord::PartitionChange(c));
        }
        out
    }

    /// `QuorumController.maybeScheduleNextBalancePartitionLeaders` /
    /// `ReplicationControlManager.maybeBalancePartitionLeaders`: every
    /// `leader.imbalance.check.interval.seconds`, each partition whose leader is not its
    /// preferred replica gets a preferred election (when that replica is in the ISR and
    /// unfenced). The KRaft controller does not read `leader.imbalance.per.broker.percentage`
    /// (a ZooKeeper-mode setting): any imbalanced partition qualifies.
    pub(super) fn balance_partition_leaders(&mut self, ctx: &mut Ctx<'_>) {
        let imbalanced: Vec<TopicPartition> = self
            .image
            .partitions
            .iter()
            .filter(|(_, p)| p.replicas.first().is_some_and(|&r| p.leader != r as i32))
            .map(|(tp, _)| *tp)
            .collect();
        if imbalanced.is_empty() {
            return;
        }
        let records = self.election_records(ctx, &imbalanced, Election::Preferred);
        if records.is_empty() {
            return;
        }
        ctx.event(Event::KraftLeadersBalanced {
            controller: self.id,
            partitions: records.len() as u32,
        });
        self.write(ctx, records);
    }

    /// Schedules the next balance check, if `auto.leader.rebalance.enable`.
    pub(super) fn schedule_balance(&self, ctx: &mut Ctx<'_>, epoch: u32) {
        if self.config.auto_leader_rebalance_enable {
            ctx.timer(
                self.config.leader_imbalance_check_interval_ms,
                Timer::Kraft(KraftTimer::BalanceLeaders { epoch }),
            );
        }
    }
}

#[cfg(test)]
#[path = "admin_tests.rs"]
mod tests;
