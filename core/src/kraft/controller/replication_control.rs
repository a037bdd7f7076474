//! `ReplicationControlManager`: topics and partitions — `CreateTopics`, `AlterPartition`, and
//! each partition's change through `PartitionChangeBuilder` when brokers are fenced,
//! unfenced or shut down (the topic's `min.insync.replicas`, unclean elections, ELR).

use super::*;

impl ControllerNode {
    /// `ReplicationControlManager.generateLeaderAndIsrUpdates` for one partition, through
    /// `PartitionChangeBuilder` (active brokers: registered and unfenced; the topic's
    /// `min.insync.replicas` and `unclean.leader.election.enable`; ELR as the finalized
    /// `eligible.leader.replicas.version`).
    pub(super) fn partition_update(
        &self,
        tp: &TopicPartition,
        p: &PartitionRecord,
        change: &BrokerChange,
    ) -> Option<PartitionChangeRecord> {
        let image = &self.image;
        let is_active = |b: BrokerId| {
            image
                .brokers
                .get(&b)
                .is_some_and(|r| !r.fenced && !r.in_controlled_shutdown)
        };
        let (min_isr, unclean) = self.topic_settings(&tp.topic);
        generate_leader_and_isr_update(p, change, is_active, min_isr, self.elr(), unclean)
    }

    pub(super) fn elr(&self) -> bool {
        self.config.elr
            && self
                .image
                .features
                .get("eligible.leader.replicas.version")
                .is_some_and(|&l| l >= 1)
    }

    /// The topic's `min.insync.replicas` and `unclean.leader.election.enable` (defaults 1,
    /// false).
    pub(super) fn topic_settings(&self, topic: &str) -> (usize, bool) {
        // The topic's own config, else the cluster-wide broker default (`ConfigRecord`s).
        let configs = self.image.topics.get(topic).map(|t| &t.configs);
        let default = self
            .image
            .broker_configs
            .get(&crate::cluster::msg::ConfigEntity::BrokerDefault);
        let get = |k: &str| {
            configs
                .and_then(|c| c.get(k))
                .or_else(|| default.and_then(|d| d.get(k)))
        };
        let min_isr = get("min.insync.replicas")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        let unclean = get("unclean.leader.election.enable").is_some_and(|v| v == "true");
        (min_isr, unclean)
    }

    pub(super) fn note_partition_change(
        &self,
        ctx: &mut Ctx<'_>,
        tp: &TopicPartition,
        p: &PartitionRecord,
        c: &PartitionChangeRecord,
    ) {
        let mut after = p.clone();
        apply(&mut after, c);
        ctx.event(Event::KraftPartitionChanged {
            controller: self.id,
            tp: *tp,
            leader: (after.leader >= 0).then_some(after.leader as BrokerId),
            leader_epoch: after.leader_epoch,
            isr: after.isr.clone(),
            elr: after.eligible_leader_replicas.clone(),
        });
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn on_alter_partition(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        broker: BrokerId,
        broker_epoch: u64,
        tp: TopicPartition,
        leader_epoch: u32,
        partition_epoch: u32,
        new_isr: Vec<BrokerId>,
    ) {
        let reply =
            |ctx: &mut Ctx<'_>, result| ctx.send(from, Msg::AlterPartitionResponse { tp, result });
        if self
            .image
            .brokers
            .get(&broker)
            .is_none_or(|r| r.epoch != broker_epoch)
        {
            return reply(ctx, Err(KafkaError::StaleBrokerEpoch));
        }
        let Some(p) = self.image.partitions.get(&tp).cloned() else {
            return reply(ctx, Err(KafkaError::UnknownTopicOrPartition));
        };
        if p.leader != broker as i32 {
            return reply(ctx, Err(KafkaError::NotLeaderOrFollower));
        }
        if leader_epoch < p.leader_epoch {
            return reply(ctx, Err(KafkaError::FencedLeaderEpoch));
        }
        if partition_epoch != p.partition_epoch {
            return reply(ctx, Err(KafkaError::InvalidUpdateVersion));
        }
        // New ISR members must be registered, unfenced and not in controlled shutdown
        // (`ineligibleReplicasForIsr`: `INELIGIBLE_REPLICA`).
        if new_isr.iter().any(|b| {
            !p.isr.contains(b)
                && self
                    .image
                    .brokers
                    .get(b)
                    .is_none_or(|r| r.fenced || r.in_controlled_shutdown)
        }) {
            return reply(ctx, Err(KafkaError::IneligibleReplica));
        }
        if new_isr == p.isr {
            return reply(ctx, Ok(state_of(&p)));
        }
        let image = &self.image;
        let is_active = |b: BrokerId| {
            image
                .brokers
                .get(&b)
                .is_some_and(|r| !r.fenced && !r.in_controlled_shutdown)
        };
        let (min_isr, unclean) = self.topic_settings(&tp.topic);
        let Some(c) = alter_partition(&p, new_isr, 0, is_active, min_isr, self.elr(), unclean)
        else {
            return reply(ctx, Ok(state_of(&p)));
        };
        let mut after = p.clone();
        apply(&mut after, &c);
        self.note_partition_change(ctx, &tp, &p, &c);
        if let Some(o) = self.write(ctx, vec![MetadataRecord::PartitionChange(c)]) {
            self.answer_at(
                o,
                from,
                Msg::AlterPartitionResponse {
                    tp,
                    result: Ok(state_of(&after)),
                },
            );
        }
    }

    /// `ReplicationControlManager.createTopics`: a `TopicRecord`, the `ConfigRecord`s and
    /// one `PartitionRecord` per partition (replicas placed as ZooKeeper mode places them,
    /// among the unfenced brokers), answered once committed.
    pub(super) fn on_create_topics(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        request: u64,
        topic: CreateTopic,
    ) {
        let fail = |ctx: &mut Ctx<'_>, e: String| {
            ctx.send(
                from,
                Msg::CreateTopicsResponse {
                    request,
                    name: topic.name.clone(),
                    result: Err(e),
                },
            )
        };
        if self.image.topics.contains_key(&topic.name) {
            return fail(ctx, format!("Topic '{}' already exists.", topic.name));
        }
        if topic.partitions == 0 {
            return fail(
                ctx,
                "Number of partitions was set to an invalid non-positive value.".into(),
            );
        }
        // `StripedReplicaPlacer` (Kafka 4.1), from the lab's seeded generator.
        let assignment = match self.place_partitions(
            ctx.rng,
            topic.partitions,
            topic.replication_factor,
            true,
        ) {
            Ok(a) => a,
            Err(e) => return fail(ctx, e),
        };
        let topic_id = Uuid::random(ctx.rng);
        let mut records = vec![MetadataRecord::Topic {
            name: topic.name.clone(),
            topic_id,
        }];
        for (k, v) in &topic.configs {
            records.push(MetadataRecord::Config {
                resource_type: 2,
                resource_name: topic.name.clone(),
                name: k.clone(),
                value: Some(v.clone()),
            });
        }
        for (partition_id, (replicas, isr)) in (0u32..).zip(assignment) {
            records.push(MetadataRecord::Partition(PartitionRecord {
                partition_id,
                topic_id,
                directories: vec![Uuid::ZERO; replicas.len()],
                replicas,
                leader: isr[0] as i32,
                isr,
                removing_replicas: Vec::new(),
                adding_replicas: Vec::new(),
                leader_recovery_state: 0,
                leader_epoch: 0,
                partition_epoch: 0,
                eligible_leader_replicas: Vec::new(),
                last_known_elr: Vec::new(),
            }));
        }
        ctx.event(Event::TopicCreated {
            topic: topic.name.clone(),
            partitions: topic.partitions,
            replication_factor: topic.replication_factor,
        });
        if let Some(o) = self.write(ctx, records) {
            self.answer_at(
                o,
                from,
                Msg::CreateTopicsResponse {
                    request,
                    name: topic.name.clone(),
                    result: Ok(()),
                },
            );
        }
    }
}
