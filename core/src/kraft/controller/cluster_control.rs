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
        let records = self.fence_records(ctx, broker, reg.epoch);
        if let Some(a) = self.active.as_mut() {
            a.controlled_shutdown_offset.remove(&broker);
        }
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
            // old one's session is still valid (`BrokerHeartbeatTracker.hasValidSession`:
            // the last heartbeat within `broker.session.timeout.ms`, fenced or not — also
            // after a controlled shutdown, as `ClusterControlManagerTest.
            // testDuplicateBrokerRegistrationWithInactiveBroker` shows).
            let valid = a
                .last_contact
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
            if r.incarnation != incarnation {
                // `heartbeatManager.remove`: the old incarnation's heartbeat state goes.
                if let Some(a) = self.active.as_mut() {
                    a.controlled_shutdown_offset.remove(&broker);
                    a.metadata_offset.insert(broker, -1);
                }
            }
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

    /// `ReplicationControlManager.processBrokerHeartbeat`: the broker's next state
    /// (`BrokerHeartbeatManager.calculateNextBrokerState`), the records of the transition,
    /// then the answer.
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
        let current = self.broker_state(broker, reg.fenced);
        let next =
            self.next_broker_state(broker, current, &reg, offset, want_fence, want_shut_down);
        let mut records = Vec::new();
        if current != next {
            match next {
                BrokerState::Fenced | BrokerState::ShutdownNow => {
                    if next == BrokerState::ShutdownNow {
                        ctx.event(Event::KraftBrokerShutdownNow {
                            controller: self.id,
                            broker,
                        });
                    }
                    records = self.fence_records(ctx, broker, reg.epoch);
                }
                BrokerState::Unfenced => {
                    ctx.event(Event::KraftBrokerUnfenced {
                        controller: self.id,
                        broker,
                        metadata_offset: offset,
                        register_offset: reg.epoch,
                    });
                    records = self.unfence_records(ctx, broker, broker_epoch);
                }
                BrokerState::ControlledShutdown => {
                    // `handleBrokerInControlledShutdown`: the broker leaves every ISR and its
                    // leaderships move (with ELR, into the ELR below min.insync.replicas).
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
                    records.extend(self.isr_removal_records(ctx, broker));
                }
            }
        }
        // `BrokerHeartbeatManager.touch`.
        if let Some(a) = self.active.as_mut() {
            a.metadata_offset.insert(broker, offset as i64);
            if next.fenced() {
                a.controlled_shutdown_offset.remove(&broker);
            }
        }
        let reply = Msg::BrokerHeartbeatResponse {
            result: Ok(HeartbeatReply {
                is_fenced: next.fenced(),
                is_caught_up: caught_up,
                should_shut_down: next == BrokerState::ShutdownNow,
            }),
        };
        let last = if records.is_empty() {
            if next != BrokerState::ControlledShutdown {
                ctx.send(from, reply);
                return;
            }
            // No records: the answer waits for the last write (`processBatchEndOffset`).
            self.raft.log_end_offset().checked_sub(1)
        } else {
            self.write(ctx, records)
        };
        let Some(o) = last else {
            return;
        };
        if next == BrokerState::ControlledShutdown {
            // `maybeUpdateControlledShutdownOffset`: set once, at the batch's end.
            if let Some(a) = self.active.as_mut() {
                a.controlled_shutdown_offset.entry(broker).or_insert(o);
            }
        }
        self.answer_at(o, from, reply);
    }

    /// `BrokerHeartbeatManager.currentBrokerState`.
    fn broker_state(&self, broker: BrokerId, fenced: bool) -> BrokerState {
        let shutting_down = self
            .active
            .as_ref()
            .is_some_and(|a| a.controlled_shutdown_offset.contains_key(&broker));
        if shutting_down {
            BrokerState::ControlledShutdown
        } else if fenced {
            BrokerState::Fenced
        } else {
            BrokerState::Unfenced
        }
    }

    /// `BrokerHeartbeatManager.calculateNextBrokerState` (Kafka 4.1).
    fn next_broker_state(
        &self,
        broker: BrokerId,
        current: BrokerState,
        reg: &crate::kraft::image::BrokerRegistration,
        offset: u64,
        want_fence: bool,
        want_shut_down: bool,
    ) -> BrokerState {
        let has_leaderships = || {
            self.image
                .partitions
                .values()
                .any(|p| p.leader == broker as i32)
        };
        match current {
            BrokerState::Fenced if want_shut_down => BrokerState::ShutdownNow,
            // Unfenced once its metadata offset reached its own `RegisterBrokerRecord`.
            BrokerState::Fenced if !want_fence && offset >= reg.epoch => BrokerState::Unfenced,
            BrokerState::Fenced => BrokerState::Fenced,
            BrokerState::Unfenced if want_fence && want_shut_down => BrokerState::ShutdownNow,
            BrokerState::Unfenced if want_fence => BrokerState::Fenced,
            BrokerState::Unfenced if want_shut_down && has_leaderships() => {
                BrokerState::ControlledShutdown
            }
            BrokerState::Unfenced if want_shut_down => BrokerState::ShutdownNow,
            BrokerState::Unfenced => BrokerState::Unfenced,
            BrokerState::ControlledShutdown if has_leaderships() => BrokerState::ControlledShutdown,
            BrokerState::ControlledShutdown => {
                // Every active broker (unfenced, not shutting down) has applied the offset
                // where this broker's controlled shutdown records end.
                let a = self.active.as_ref();
                let cs_offset = a
                    .and_then(|a| a.controlled_shutdown_offset.get(&broker))
                    .map_or(-1, |&o| o as i64);
                if cs_offset <= self.lowest_active_offset() {
                    BrokerState::ShutdownNow
                } else {
                    BrokerState::ControlledShutdown
                }
            }
            BrokerState::ShutdownNow => BrokerState::ShutdownNow,
        }
    }

    /// `BrokerHeartbeatManager.lowestActiveOffset`: the lowest metadata offset among the
    /// unfenced brokers not shutting down (`i64::MAX` if none).
    fn lowest_active_offset(&self) -> i64 {
        let Some(a) = self.active.as_ref() else {
            return i64::MAX;
        };
        self.image
            .brokers
            .iter()
            .filter(|(b, r)| !r.fenced && !a.controlled_shutdown_offset.contains_key(b))
            .map(|(b, _)| a.metadata_offset.get(b).copied().unwrap_or(-1))
            .min()
            .unwrap_or(i64::MAX)
    }

    /// `handleBrokerFenced`: the broker leaves every ISR (its leaderships move), then its
    /// registration changes to fenced.
    fn fence_records(
        &self,
        ctx: &mut Ctx<'_>,
        broker: BrokerId,
        epoch: u64,
    ) -> Vec<MetadataRecord> {
        let mut records = self.isr_removal_records(ctx, broker);
        records.push(MetadataRecord::BrokerRegistrationChange {
            broker_id: broker,
            broker_epoch: epoch,
            fenced: 1,
            in_controlled_shutdown: 0,
        });
        records
    }

    /// `generateLeaderAndIsrUpdates` with `brokerToRemove` over the partitions whose ISR
    /// has the broker.
    fn isr_removal_records(&self, ctx: &mut Ctx<'_>, broker: BrokerId) -> Vec<MetadataRecord> {
        let change = BrokerChange {
            broker_to_remove: Some(broker),
            broker_to_add: None,
            broker_with_unclean_shutdown: None,
        };
        let mut records = Vec::new();
        for (tp, p) in &self.image.partitions {
            if !p.isr.contains(&broker) && p.leader != broker as i32 {
                continue;
            }
            if let Some(c) = self.partition_update(tp, p, &change) {
                self.note_partition_change(ctx, tp, p, &c);
                records.push(MetadataRecord::PartitionChange(c));
            }
        }
        records
    }

    /// `handleBrokerUnfenced`: the registration changes to unfenced; partitions without a
    /// leader whose replicas have this broker (or, with ELR, whose ELR has it) get it as leader.
    fn unfence_records(
        &self,
        ctx: &mut Ctx<'_>,
        broker: BrokerId,
        broker_epoch: u64,
    ) -> Vec<MetadataRecord> {
        let mut records = vec![MetadataRecord::BrokerRegistrationChange {
            broker_id: broker,
            broker_epoch,
            fenced: -1,
            in_controlled_shutdown: 0,
        }];
        let change = BrokerChange {
            broker_to_remove: None,
            broker_to_add: Some(broker),
            broker_with_unclean_shutdown: None,
        };
        for (tp, p) in &self.image.partitions {
            let leaderless =
                p.leader == NO_LEADER && (p.isr.contains(&broker) || p.replicas.contains(&broker));
            if !leaderless && !p.eligible_leader_replicas.contains(&broker) {
                continue;
            }
            if let Some(c) = self.partition_update(tp, p, &change) {
                self.note_partition_change(ctx, tp, p, &c);
                records.push(MetadataRecord::PartitionChange(c));
            }
        }
        records
    }
}

/// `BrokerControlState` (Kafka 4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BrokerState {
    Fenced,
    Unfenced,
    ControlledShutdown,
    ShutdownNow,
}

impl BrokerState {
    fn fenced(self) -> bool {
        matches!(self, BrokerState::Fenced | BrokerState::ShutdownNow)
    }
}
