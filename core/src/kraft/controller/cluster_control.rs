//! `ClusterControlManager` and `BrokerHeartbeatManager`: broker registration (fenced at
//! first, a new incarnation refused while the old session lives), heartbeats (unfenced once
//! caught up with its own registration; controlled shutdown), session expiry and fencing.

use super::*;

impl ControllerNode {
    /// Every `metadata.max.idle.interval.ms`: a `NoOpRecord`, and fence brokers whose
    /// session expired (`BrokerHeartbeatManager`, `maybeFenceStaleBroker`).
    pub(super) fn tick(&mut self, ctx: &mut Ctx<'_>) {
        self.write(ctx, vec![MetadataRecord::NoOp]);
        let timeout = self.config.broker_session_timeout_ms;
        let stale: Vec<BrokerId> = {
            let Some(a) = self.active.as_ref() else {
                return;
            };
            self.image
                .brokers
                .iter()
                .filter(|(b, r)| {
                    !r.fenced
                        && a.last_contact
                            .get(b)
                            .is_none_or(|&t| ctx.now.saturating_sub(t) >= timeout)
                })
                .map(|(&b, _)| b)
                .collect()
        };
        for b in stale {
            ctx.event(Event::KraftBrokerFenced {
                controller: self.id,
                broker: b,
                session_timeout_ms: timeout,
            });
            self.fence(ctx, b);
        }
    }

    /// `ClusterControlManager` + `ReplicationControlManager.handleBrokerFenced`: the broker's
    /// registration changes to fenced, it leaves every ISR, and the partitions it led get a
    /// new leader.
    pub(super) fn fence(&mut self, ctx: &mut Ctx<'_>, broker: BrokerId) {
        let Some(reg) = self.image.brokers.get(&broker).cloned() else {
            return;
        };
        // The partitions' changes first, then the fencing (`handleBrokerFenced`).
        let mut records = Vec::new();
        let change = BrokerChange {
            broker_to_remove: Some(broker),
            broker_to_add: None,
            broker_with_unclean_shutdown: None,
        };
        for (tp, p) in &self.image.partitions {
            if !p.isr.contains(&broker) && p.leader != broker as i32 {
                continue;
            }
            if let Some(c) = self.partition_update(tp, p, &change) {
                self.note_partition_change(ctx, tp, p, &c);
                records.push(MetadataRecord::PartitionChange(c));
            }
        }
        records.push(MetadataRecord::BrokerRegistrationChange {
            broker_id: broker,
            broker_epoch: reg.epoch,
            fenced: 1,
            in_controlled_shutdown: 0,
        });
        self.write(ctx, records);
    }

    pub(super) fn on_broker_registration(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        broker: BrokerId,
        incarnation: Uuid,
        previous_broker_epoch: i64,
    ) {
        let timeout = self.config.broker_session_timeout_ms;
        if let (Some(r), Some(a)) = (self.image.brokers.get(&broker), self.active.as_ref()) {
            // `ClusterControlManager.registerBroker`: a new incarnation is refused while the
            // old one's session is still valid.
            let valid = !r.fenced
                && a.last_contact
                    .get(&broker)
                    .is_some_and(|&t| ctx.now.saturating_sub(t) < timeout);
            if valid && r.incarnation != incarnation {
                ctx.send(
                    from,
                    Msg::BrokerRegistrationResponse {
                        result: Err(KafkaError::DuplicateBrokerRegistration),
                    },
                );
                return;
            }
        }
        if let Some(a) = self.active.as_mut() {
            a.last_contact.insert(broker, ctx.now);
        }
        if let Some(r) = self.image.brokers.get(&broker) {
            if r.incarnation == incarnation {
                // A retry of the same registration: the same answer once committed.
                let epoch = r.epoch;
                self.answer_at(
                    epoch,
                    from,
                    Msg::BrokerRegistrationResponse { result: Ok(epoch) },
                );
                return;
            }
        }
        // Kafka writes the shutdown's PartitionChangeRecords first, then the registration;
        // the broker epoch is the RegisterBrokerRecord's offset.
        let stored_epoch = self
            .image
            .brokers
            .get(&broker)
            .map_or(-2, |r| r.epoch as i64);
        let mut records = self.shutdown_records(ctx, broker, stored_epoch == previous_broker_epoch);
        let offset = self.raft.log_end_offset() + records.len() as u64;
        let record = RegisterBrokerRecord {
            broker_id: broker,
            incarnation_id: incarnation,
            broker_epoch: offset,
            end_points: vec![("PLAINTEXT".into(), "localhost".into(), 9091 + broker as u16)],
            rack: None,
            fenced: true,
            in_controlled_shutdown: false,
            log_dirs: Vec::new(),
            features: crate::kraft::tools::features::kafka_41_features(0)
                .into_iter()
                .map(|f| (f.name, f.supported_min, f.supported_max))
                .collect(),
        };
        ctx.event(Event::KraftBrokerRegistered {
            controller: self.id,
            broker,
            broker_epoch: offset,
        });
        records.push(MetadataRecord::RegisterBroker(record));
        if let Some(o) = self.write(ctx, records) {
            self.answer_at(
                o,
                from,
                Msg::BrokerRegistrationResponse { result: Ok(offset) },
            );
        }
    }

    /// `ReplicationControlManager.handleBrokerShutdown`, run when a broker registers again:
    /// after an unclean shutdown with ELR on, it leaves every ISR and ELR (its log may have
    /// lost unflushed records: KIP-966); otherwise it is handled as fenced.
    pub(super) fn shutdown_records(
        &self,
        ctx: &mut Ctx<'_>,
        broker: BrokerId,
        clean: bool,
    ) -> Vec<MetadataRecord> {
        let unclean = self.elr() && !clean;
        let change = if unclean {
            BrokerChange {
                broker_to_remove: None,
                broker_to_add: None,
                broker_with_unclean_shutdown: Some(broker),
            }
        } else {
            BrokerChange {
                broker_to_remove: Some(broker),
                broker_to_add: None,
                broker_with_unclean_shutdown: None,
            }
        };
        let mut records = Vec::new();
        for (tp, p) in &self.image.partitions {
            let involved = p.isr.contains(&broker)
                || (unclean && p.eligible_leader_replicas.contains(&broker));
            if !involved {
                continue;
            }
            if let Some(c) = self.partition_update(tp, p, &change) {
                self.note_partition_change(ctx, tp, p, &c);
                records.push(MetadataRecord::PartitionChange(c));
            }
        }
        records
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn on_heartbeat(
        &mut self,
        ctx: &mut Ctx<'_>,
        from: NodeId,
        broker: BrokerId,
        broker_epoch: u64,
        offset: u64,
        want_fence: bool,
        want_shut_down: bool,
    ) {
        let Some(reg) = self.image.brokers.get(&broker).cloned() else {
            ctx.send(
                from,
                Msg::BrokerHeartbeatResponse {
                    result: Err(KafkaError::StaleBrokerEpoch),
                },
            );
            return;
        };
        if reg.epoch != broker_epoch {
            ctx.send(
                from,
                Msg::BrokerHeartbeatResponse {
                    result: Err(KafkaError::StaleBrokerEpoch),
                },
            );
            return;
        }
        if let Some(a) = self.active.as_mut() {
            a.last_contact.insert(broker, ctx.now);
        }
        let hw = self.raft.high_watermark;
        let caught_up = offset + 1 >= hw;
        if want_shut_down && !reg.fenced {
            // Controlled shutdown (`handleBrokerInControlledShutdown`): the broker leaves every
            // ISR and its leaderships move (with ELR, into the ELR below min.insync.replicas);
            // once that is committed it may shut down (`SHUTDOWN_NOW`).
            let mut records = Vec::new();
            if !reg.in_controlled_shutdown {
                ctx.event(Event::KraftControlledShutdown {
                    controller: self.id,
                    broker,
                });
                records.push(MetadataRecord::BrokerRegistrationChange {
                    broker_id: broker,
                    broker_epoch,
                    fenced: 0,
                    in_controlled_shutdown: 1,
                });
            }
            let change = BrokerChange {
                broker_to_remove: Some(broker),
                broker_to_add: None,
                broker_with_unclean_shutdown: None,
            };
            for (tp, p) in &self.image.partitions {
                if !p.isr.contains(&broker) && p.leader != broker as i32 {
                    continue;
                }
                if let Some(c) = self.partition_update(tp, p, &change) {
                    self.note_partition_change(ctx, tp, p, &c);
                    records.push(MetadataRecord::PartitionChange(c));
                }
            }
            if records.is_empty() {
                records.push(MetadataRecord::NoOp);
            }
            if let Some(o) = self.write(ctx, records) {
                self.answer_at(
                    o,
                    from,
                    Msg::BrokerHeartbeatResponse {
                        result: Ok(HeartbeatReply {
                            is_fenced: false,
                            is_caught_up: caught_up,
                            should_shut_down: true,
                        }),
                    },
                );
            }
            return;
        }
        // `BrokerHeartbeatManager.calculateNextBrokerState`: a fenced broker is unfenced once
        // its metadata offset reached its own `RegisterBrokerRecord`.
        if reg.fenced && !want_fence && !want_shut_down && offset >= reg.epoch {
            ctx.event(Event::KraftBrokerUnfenced {
                controller: self.id,
                broker,
                metadata_offset: offset,
                register_offset: reg.epoch,
            });
            let mut records = vec![MetadataRecord::BrokerRegistrationChange {
                broker_id: broker,
                broker_epoch,
                fenced: -1,
                in_controlled_shutdown: 0,
            }];
            // `handleBrokerUnfenced`: partitions without a leader whose ISR has this broker
            // get it as leader.
            // (and, with ELR, those where it is an eligible leader replica).
            let change = BrokerChange {
                broker_to_remove: None,
                broker_to_add: Some(broker),
                broker_with_unclean_shutdown: None,
            };
            for (tp, p) in &self.image.partitions {
                let leaderless = p.leader == NO_LEADER
                    && (p.isr.contains(&broker) || p.replicas.contains(&broker));
                if !leaderless && !p.eligible_leader_replicas.contains(&broker) {
                    continue;
                }
                if let Some(c) = self.partition_update(tp, p, &change) {
                    self.note_partition_change(ctx, tp, p, &c);
                    records.push(MetadataRecord::PartitionChange(c));
                }
            }
            if let Some(o) = self.write(ctx, records) {
                self.answer_at(
                    o,
                    from,
                    Msg::BrokerHeartbeatResponse {
                        result: Ok(HeartbeatReply {
                            is_fenced: false,
                            is_caught_up: caught_up,
                            should_shut_down: false,
                        }),
                    },
                );
            }
            return;
        }
        ctx.send(
            from,
            Msg::BrokerHeartbeatResponse {
                result: Ok(HeartbeatReply {
                    is_fenced: reg.fenced,
                    is_caught_up: caught_up,
                    should_shut_down: false,
                }),
            },
        );
    }
}
