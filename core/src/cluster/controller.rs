//! The ZooKeeper-mode controller (`KafkaController`), as run by the one broker that created
//! `/controller`.
//!
//! It keeps a context read from ZooKeeper (live brokers, topics, assignments, leader and ISR of
//! every partition), reacts to ZooKeeper notifications (a broker joined or left, a topic was
//! created, a leader changed an ISR), elects leaders, writes the result to ZooKeeper, and once
//! the write has landed tells the replicas (LeaderAndIsr) and every broker (UpdateMetadata).
//!
//! Elections follow `PartitionLeaderElectionAlgorithms`: the first replica, in assignment order,
//! that is alive and in the ISR; unclean election (`unclean.leader.election.enable`) falls back
//! to the first live replica. Removing a dead replica from the ISR keeps the last member, as
//! `removeReplicasFromIsr` does, so that it can lead again when it returns.

use crate::idxmap::IdxMap;
use crate::sort::Collect as _;
use std::collections::{BTreeMap, BTreeSet};

#[path = "controller_elect.rs"]
mod elect;

use super::msg::{ConfigEntity, Ctx, Msg, PartitionState, Timer, TopicZnode, ZkSnapshot};
use crate::config::BrokerConfig;
use crate::event::{ElectionReason, Event};
use crate::model::{BrokerId, LeaderAndIsr, NodeId, TopicPartition, Uuid};

/// Delay of the first automatic preferred-leader check after a controller takes over.
const FIRST_IMBALANCE_CHECK_MS: u64 = 5_000;

/// A topic as the controller knows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ControllerTopic {
    /// Topic id.
    pub id: Uuid,
    /// Partition → replicas, preferred first.
    pub assignment: BTreeMap<u32, Vec<BrokerId>>,
    /// The topic's config overrides.
    pub configs: crate::vecmap::VecMap<String, String>,
}

/// The active controller's state.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Controller {
    /// The broker running it.
    pub broker: BrokerId,
    /// Its controller epoch (`/controller_epoch` when it won).
    pub epoch: u32,
    /// Registered brokers.
    pub live_brokers: BTreeSet<BrokerId>,
    /// Topics.
    pub topics: crate::vecmap::VecMap<String, ControllerTopic>,
    /// Leader and ISR of every partition, as ZooKeeper holds them (what the brokers are told).
    pub states: IdxMap<TopicPartition, LeaderAndIsr>,
    /// Decisions written to ZooKeeper but not yet acknowledged. New decisions build on them;
    /// brokers only ever hear of states ZooKeeper has accepted.
    pub pending: IdxMap<TopicPartition, LeaderAndIsr>,
    /// The cluster-wide dynamic broker defaults (`/config/brokers/<default>`).
    pub broker_defaults: crate::vecmap::VecMap<String, String>,
    /// `TopicDeletionManager`: topics queued for deletion, with the replicas' brokers that
    /// have not yet confirmed their StopReplica (empty until the deletion starts).
    pub deleting: IdxMap<String, BTreeSet<BrokerId>>,
    /// Topics whose deletion has started (their partitions are offline for good).
    pub deletion_started: BTreeSet<String>,
}

impl Controller {
    /// Takes over from what ZooKeeper holds (`onControllerFailover`).
    pub fn from_snapshot(broker: BrokerId, epoch: u32, snap: ZkSnapshot) -> Self {
        let mut topics = crate::vecmap::VecMap::new();
        let mut states = IdxMap::new();
        for (name, t) in snap.topics {
            for (&p, s) in &t.states {
                states.insert(TopicPartition::new(name.clone(), p), s.clone());
            }
            topics.insert(
                name,
                ControllerTopic {
                    id: t.id,
                    assignment: t.assignment,
                    configs: t.configs,
                },
            );
        }
        Self {
            broker,
            epoch,
            live_brokers: snap.live_brokers,
            topics,
            states,
            pending: IdxMap::new(),
            deleting: snap
                .delete_topics
                .into_iter()
                .map(|t| (t, BTreeSet::new()))
                .collect::<IdxMap<_, _>>(),
            deletion_started: BTreeSet::new(),
            broker_defaults: snap
                .broker_configs
                .get(&ConfigEntity::BrokerDefault)
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// `unclean.leader.election.enable` for a topic: its override, else the broker default.
    fn unclean(&self, topic: &str) -> bool {
        self.topics
            .get(topic)
            .and_then(|t| t.configs.get("unclean.leader.election.enable"))
            .or_else(|| self.broker_defaults.get("unclean.leader.election.enable"))
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// A config znode changed. A newly allowed unclean election may bring offline
    /// partitions back (`UncleanLeaderElectionEnable` in Kafka).
    pub fn on_config_changed(
        &mut self,
        ctx: &mut Ctx<'_>,
        entity: &ConfigEntity,
        configs: &crate::vecmap::VecMap<String, String>,
    ) {
        match entity {
            ConfigEntity::Topic(t) => {
                if let Some(topic) = self.topics.get_mut(t) {
                    topic.configs = configs.clone();
                }
            }
            ConfigEntity::BrokerDefault => self.broker_defaults = configs.clone(),
            ConfigEntity::Broker(_) => return,
        }
        let writes = self.elect_offline_partitions(ctx);
        self.write(ctx, writes);
    }

    /// The state decisions build on: the pending one if a write is on its way, else ZooKeeper's.
    fn current(&self, tp: &TopicPartition) -> Option<&LeaderAndIsr> {
        self.pending.get(tp).or_else(|| self.states.get(tp))
    }

    /// Records a decision about to be written.
    fn decide(&mut self, tp: &TopicPartition, s: LeaderAndIsr) {
        self.pending.insert(*tp, s);
    }

    fn replicas(&self, tp: &TopicPartition) -> &[BrokerId] {
        self.topics
            .get(tp.topic.as_str())
            .and_then(|t| t.assignment.get(&tp.partition))
            .map_or(&[], |v| v.as_slice())
    }

    fn all_partitions(&self) -> Vec<TopicPartition> {
        self.topics
            .iter()
            .filter(|(n, _)| !self.deletion_started.contains(*n))
            .flat_map(|(n, t)| {
                t.assignment
                    .keys()
                    .map(move |&p| TopicPartition::new(n.clone(), p))
            })
            .collect()
    }

    fn partition_state(&self, tp: &TopicPartition) -> Option<PartitionState> {
        if self.deletion_started.contains(tp.topic.as_str()) {
            return None; // being deleted: brokers hear of it no more
        }
        let t = self.topics.get(tp.topic.as_str())?;
        Some(PartitionState {
            tp: *tp,
            topic_id: t.id,
            replicas: t.assignment.get(&tp.partition)?.clone(),
            state: self.states.get(tp)?.clone(),
            configs: t.configs.clone(),
        })
    }

    /// Runs right after winning the election: announce itself, then repair whatever the
    /// previous controller left (new partitions never started, leaders on dead brokers, dead
    /// replicas still in an ISR).
    pub fn on_failover(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig) {
        let all = self.all_partitions();
        self.send_update_metadata(ctx, &all);
        // LeaderAndIsr for every partition tells each replica about the new controller epoch.
        self.send_leader_and_isr(ctx, &all);
        let dead: BTreeSet<BrokerId> = all
            .iter()
            .flat_map(|tp| self.replicas(tp).to_vec())
            .filter(|b| !self.live_brokers.contains(b))
            .collect_set();
        let mut writes = self.start_new_partitions(ctx);
        writes.extend(self.elect_offline_partitions(ctx));
        writes.extend(self.remove_from_isr(ctx, &dead));
        self.write(ctx, writes);
        self.resume_deletions(ctx);
        if config.auto_leader_rebalance_enable {
            // KafkaController schedules the first check 5 s after taking over.
            ctx.timer(FIRST_IMBALANCE_CHECK_MS, Timer::LeaderImbalanceCheck);
        }
    }

    /// `/brokers/ids` changed.
    pub fn on_brokers_changed(&mut self, ctx: &mut Ctx<'_>, live: BTreeSet<BrokerId>) {
        let new: BTreeSet<_> = live.difference(&self.live_brokers).copied().collect_set();
        let dead: BTreeSet<_> = self.live_brokers.difference(&live).copied().collect_set();
        self.live_brokers = live;
        if !dead.is_empty() {
            // onBrokerFailure: elect new leaders, then drop the dead from every ISR.
            let mut writes = self.elect_offline_partitions(ctx);
            writes.extend(self.remove_from_isr(ctx, &dead));
            self.write(ctx, writes);
            // Everyone must learn that the brokers are gone even if no partition changed.
            self.send_update_metadata(ctx, &[]);
            // A deletion under way now waits for them.
            self.resume_deletions(ctx);
        }
        if !new.is_empty() {
            // onBrokerStartup: metadata to all, LeaderAndIsr to the new brokers' replicas
            // (they come back as followers), then offline partitions may have a leader again.
            let all = self.all_partitions();
            self.send_update_metadata(ctx, &all);
            let theirs: Vec<TopicPartition> = all
                .into_iter()
                .filter(|tp| self.replicas(tp).iter().any(|b| new.contains(b)))
                .collect();
            self.send_leader_and_isr_to(ctx, &theirs, Some(&new));
            let mut writes = self.start_new_partitions(ctx);
            writes.extend(self.elect_offline_partitions(ctx));
            self.write(ctx, writes);
            // A returning broker may make a waiting deletion eligible again.
            self.resume_deletions(ctx);
        }
    }

    /// The watch on `/admin/delete_topics` fired (`TopicDeletion` event): queue the topic.
    pub fn on_topic_deletion_marked(&mut self, ctx: &mut Ctx<'_>, name: String) {
        if self.topics.contains_key(&name) {
            self.deleting.entry(name).or_default();
        }
        self.resume_deletions(ctx);
    }

    /// An UpdateMetadata telling broker `b` that the deleted topic's partitions `tps` are gone.
    fn send_deleted(&self, ctx: &mut Ctx<'_>, b: BrokerId, tps: &[TopicPartition]) {
        ctx.send(
            NodeId::Broker(b),
            self.update_metadata(Vec::new(), tps.to_vec()),
        );
    }

    /// This controller's UpdateMetadata: the live brokers, `partitions`' states, and the
    /// partitions of deleted topics.
    fn update_metadata(
        &self,
        partitions: Vec<PartitionState>,
        deleted: Vec<TopicPartition>,
    ) -> Msg {
        Msg::UpdateMetadata {
            controller: self.broker,
            controller_epoch: self.epoch,
            live_brokers: self.live_brokers.clone(),
            partitions,
            deleted,
        }
    }

    /// `TopicDeletionManager.resumeDeletions`, simplified: a queued topic whose replicas are
    /// all on live brokers is deleted — its partitions leave every broker's metadata (leader
    /// -2) and each replica's broker gets StopReplica with delete. A replica on a dead broker
    /// makes the topic ineligible; it waits until the broker is back. A StopReplica lost to a
    /// broker that died meanwhile is sent again when it returns.
    fn resume_deletions(&mut self, ctx: &mut Ctx<'_>) {
        let queued: Vec<String> = self.deleting.keys().cloned().collect();
        for name in queued {
            let Some(t) = self.topics.get(&name) else {
                continue;
            };
            let tps: Vec<TopicPartition> = t
                .assignment
                .keys()
                .map(|&p| TopicPartition::new(name.clone(), p))
                .collect();
            let hosts: BTreeSet<BrokerId> = t.assignment.values().flatten().copied().collect_set();
            let waiting = self.deleting.get(&name).cloned().unwrap_or_default();
            let dead: Vec<BrokerId> = if self.deletion_started.contains(&name) {
                waiting
                    .iter()
                    .copied()
                    .filter(|b| !self.live_brokers.contains(b))
                    .collect()
            } else {
                hosts
                    .iter()
                    .copied()
                    .filter(|b| !self.live_brokers.contains(b))
                    .collect()
            };
            let started = self.deletion_started.contains(&name);
            if !started && !dead.is_empty() {
                ctx.event(Event::TopicDeletionIneligible {
                    topic: name.clone(),
                    controller: self.broker,
                    brokers: dead,
                });
                continue;
            }
            let targets: BTreeSet<BrokerId> = if started {
                waiting
                    .iter()
                    .copied()
                    .filter(|b| self.live_brokers.contains(b))
                    .collect()
            } else {
                ctx.event(Event::TopicDeletionStarted {
                    topic: name.clone(),
                    controller: self.broker,
                    brokers: hosts.iter().copied().collect(),
                });
                self.deletion_started.insert(name.clone());
                self.deleting.insert(name.clone(), hosts.clone());
                // onTopicDeletion: every broker drops the partitions from its metadata cache;
                // the partitions go offline and nonexistent — no leader is elected for them.
                for &b in &self.live_brokers {
                    self.send_deleted(ctx, b, &tps);
                }
                hosts
            };
            if started && !dead.is_empty() {
                ctx.event(Event::TopicDeletionIneligible {
                    topic: name.clone(),
                    controller: self.broker,
                    brokers: dead,
                });
            }
            for b in targets {
                if started {
                    // A returning replica's broker: drop the partitions from its cache too.
                    self.send_deleted(ctx, b, &tps);
                }
                let partitions: Vec<TopicPartition> = tps
                    .iter()
                    .filter(|tp| self.replicas(tp).contains(&b))
                    .cloned()
                    .collect();
                ctx.send(
                    NodeId::Broker(b),
                    Msg::StopReplica {
                        controller: self.broker,
                        controller_epoch: self.epoch,
                        partitions,
                    },
                );
            }
        }
    }

    /// A replica's broker stopped its replicas of a topic and deleted their logs
    /// (ReplicaDeletionSuccessful). Once every replica is gone: `completeDeleteTopic`.
    pub fn on_stop_replica_response(
        &mut self,
        ctx: &mut Ctx<'_>,
        broker: BrokerId,
        partitions: &[TopicPartition],
    ) {
        let topics: BTreeSet<String> = partitions
            .iter()
            .map(|tp| tp.topic.to_string())
            .collect_set();
        for name in topics {
            if !self.deletion_started.contains(&name) {
                continue;
            }
            let Some(waiting) = self.deleting.get_mut(&name) else {
                continue;
            };
            waiting.remove(&broker);
            if !waiting.is_empty() {
                continue;
            }
            self.deleting.remove(&name);
            self.deletion_started.remove(&name);
            if let Some(t) = self.topics.remove(&name) {
                for p in t.assignment.keys() {
                    let tp = TopicPartition::new(name.clone(), *p);
                    self.states.remove(&tp);
                    self.pending.remove(&tp);
                }
            }
            ctx.send(NodeId::ZooKeeper, Msg::ZkRemoveTopic { name });
        }
    }

    /// A topic's znodes appeared.
    pub fn on_topic_created(&mut self, ctx: &mut Ctx<'_>, name: String, topic: TopicZnode) {
        self.topics.insert(
            name,
            ControllerTopic {
                id: topic.id,
                assignment: topic.assignment,
                configs: topic.configs,
            },
        );
        let writes = self.start_new_partitions(ctx);
        self.write(ctx, writes);
    }

    /// A leader changed an ISR in ZooKeeper; propagate it — unless the controller already
    /// knows a newer version of that znode (the notification can arrive late).
    pub fn on_isr_changed(&mut self, ctx: &mut Ctx<'_>, tp: TopicPartition, state: LeaderAndIsr) {
        if self
            .states
            .get(&tp)
            .is_some_and(|mine| mine.zk_version >= state.zk_version)
        {
            return;
        }
        self.states.insert(tp, state);
        self.send_update_metadata(ctx, &[tp]);
    }

    /// Our write landed: tell the replicas and everyone else. Writes that lost a race with a
    /// leader's ISR change are decided again from what ZooKeeper holds now.
    pub fn on_states_written(
        &mut self,
        ctx: &mut Ctx<'_>,
        writes: Vec<(TopicPartition, LeaderAndIsr)>,
        conflicts: Vec<(TopicPartition, LeaderAndIsr)>,
    ) {
        let mut tps = Vec::with_capacity(writes.len());
        for (tp, s) in writes {
            // This write's decision is now ZooKeeper's state (unless a later one is pending).
            if self.pending.get(&tp).is_some_and(|p| {
                p.leader_epoch == s.leader_epoch && p.isr == s.isr && p.leader == s.leader
            }) {
                self.pending.remove(&tp);
            }
            self.states.insert(tp, s);
            tps.push(tp);
        }
        self.send_leader_and_isr(ctx, &tps);
        self.send_update_metadata(ctx, &tps);
        if conflicts.is_empty() {
            return;
        }
        for (tp, current) in &conflicts {
            self.pending.remove(tp);
            self.states.insert(*tp, current.clone());
        }
        let dead: BTreeSet<BrokerId> = conflicts
            .iter()
            .flat_map(|(tp, _)| self.replicas(tp).to_vec())
            .filter(|b| !self.live_brokers.contains(b))
            .collect_set();
        let only: BTreeSet<TopicPartition> = conflicts.into_iter().map(|(tp, _)| tp).collect_set();
        let mut writes = self.elect_offline_partitions_in(ctx, Some(&only));
        writes.extend(self.remove_from_isr_in(ctx, &dead, Some(&only)));
        // Partitions that need no new decision: make sure every broker has ZooKeeper's state.
        let settled: Vec<TopicPartition> = only
            .into_iter()
            .filter(|tp| !writes.iter().any(|(w, _)| w == tp))
            .collect();
        self.send_leader_and_isr(ctx, &settled);
        self.send_update_metadata(ctx, &settled);
        self.write(ctx, writes);
    }

    /// The periodic `checkAndTriggerAutoLeaderRebalance`: move leadership back to preferred
    /// replicas on brokers whose imbalance exceeds `leader.imbalance.per.broker.percentage`.
    pub fn on_imbalance_check(&mut self, ctx: &mut Ctx<'_>, config: &BrokerConfig) {
        let mut by_preferred: IdxMap<BrokerId, Vec<TopicPartition>> = IdxMap::new();
        for tp in self.all_partitions() {
            if let Some(&p) = self.replicas(&tp).first() {
                by_preferred.entry(p).or_default().push(tp);
            }
        }
        let mut writes = Vec::new();
        for (broker, tps) in by_preferred {
            if !self.live_brokers.contains(&broker) {
                continue;
            }
            let not_led: Vec<&TopicPartition> = tps
                .iter()
                .filter(|tp| self.current(tp).is_some_and(|s| s.leader != Some(broker)))
                .collect();
            let ratio = not_led.len() as f64 / tps.len() as f64;
            if ratio <= f64::from(config.leader_imbalance_per_broker_percentage) / 100.0 {
                continue;
            }
            for tp in not_led {
                let s = self.current(tp).expect("has a state");
                if s.isr.contains(&broker) {
                    let new = LeaderAndIsr {
                        leader: Some(broker),
                        leader_epoch: s.leader_epoch + 1,
                        isr: s.isr.clone(),
                        controller_epoch: self.epoch,
                        zk_version: s.zk_version,
                    };
                    ctx.event(Event::LeaderElected {
                        tp: *tp,
                        controller: self.broker,
                        leader: broker,
                        epoch_from: s.leader_epoch,
                        epoch_to: new.leader_epoch,
                        isr: new.isr.clone(),
                        reason: ElectionReason::Preferred,
                    });
                    writes.push((*tp, new));
                }
            }
        }
        for (tp, s) in &writes {
            self.decide(tp, s.clone());
        }
        self.write(ctx, writes);
        ctx.timer(
            config.leader_imbalance_check_interval_ms,
            Timer::LeaderImbalanceCheck,
        );
    }

    /// NewPartition → OnlinePartition: the first live replica leads, the live replicas are the ISR.
    fn start_new_partitions(&mut self, ctx: &mut Ctx<'_>) -> Vec<(TopicPartition, LeaderAndIsr)> {
        let mut writes = Vec::new();
        for tp in self.all_partitions() {
            if self.current(&tp).is_some() {
                continue;
            }
            let live: Vec<BrokerId> = self
                .replicas(&tp)
                .iter()
                .copied()
                .filter(|b| self.live_brokers.contains(b))
                .collect();
            let Some(&leader) = live.first() else {
                continue; // stays NewPartition until a replica is alive
            };
            let s = LeaderAndIsr {
                leader: Some(leader),
                leader_epoch: 0,
                isr: live,
                controller_epoch: self.epoch,
                zk_version: 0,
            };
            ctx.event(Event::LeaderElected {
                tp,
                controller: self.broker,
                leader,
                epoch_from: 0,
                epoch_to: 0,
                isr: s.isr.clone(),
                reason: ElectionReason::NewPartition,
            });
            self.decide(&tp, s.clone());
            writes.push((tp, s));
        }
        writes
    }

    /// OfflinePartition → OnlinePartition for every partition whose leader is gone.
    fn elect_offline_partitions(
        &mut self,
        ctx: &mut Ctx<'_>,
    ) -> Vec<(TopicPartition, LeaderAndIsr)> {
        self.elect_offline_partitions_in(ctx, None)
    }

    /// The same, for the partitions in `only` (all of them when `None`).
    fn elect_offline_partitions_in(
        &mut self,
        ctx: &mut Ctx<'_>,
        only: Option<&BTreeSet<TopicPartition>>,
    ) -> Vec<(TopicPartition, LeaderAndIsr)> {
        let mut writes = Vec::new();
        for tp in self.all_partitions() {
            if only.is_some_and(|o| !o.contains(&tp)) {
                continue;
            }
            let Some(s) = self.current(&tp).cloned() else {
                continue;
            };
            if s.leader.is_some_and(|l| self.live_brokers.contains(&l)) {
                continue;
            }
            let replicas = self.replicas(&tp).to_vec();
            let unclean = self.unclean(&tp.topic);
            let live = |b: &BrokerId| self.live_brokers.contains(b);
            let clean = replicas
                .iter()
                .copied()
                .find(|b| live(b) && s.isr.contains(b));
            let (leader, isr) = match clean {
                Some(l) => (l, s.isr.iter().copied().filter(|b| live(b)).collect()),
                None => match replicas.iter().copied().find(|b| unclean && live(b)) {
                    Some(l) => (l, vec![l]),
                    None => {
                        if s.leader.is_some() {
                            ctx.event(Event::PartitionOffline {
                                tp,
                                controller: self.broker,
                                isr: s.isr.clone(),
                            });
                        }
                        continue;
                    }
                },
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
                reason: ElectionReason::Offline,
            });
            self.decide(&tp, new.clone());
            writes.push((tp, new));
        }
        writes
    }

    /// OnlineReplica → OfflineReplica for the dead brokers' replicas (`removeReplicasFromIsr`).
    fn remove_from_isr(
        &mut self,
        ctx: &mut Ctx<'_>,
        dead: &BTreeSet<BrokerId>,
    ) -> Vec<(TopicPartition, LeaderAndIsr)> {
        self.remove_from_isr_in(ctx, dead, None)
    }

    /// The same, for the partitions in `only` (all of them when `None`).
    fn remove_from_isr_in(
        &mut self,
        ctx: &mut Ctx<'_>,
        dead: &BTreeSet<BrokerId>,
        only: Option<&BTreeSet<TopicPartition>>,
    ) -> Vec<(TopicPartition, LeaderAndIsr)> {
        let mut writes: Vec<(TopicPartition, LeaderAndIsr)> = Vec::new();
        for tp in self.all_partitions() {
            if only.is_some_and(|o| !o.contains(&tp)) {
                continue;
            }
            for &d in dead {
                let Some(s) = self.current(&tp).cloned() else {
                    continue;
                };
                if !s.isr.contains(&d) {
                    continue;
                }
                let leader = if s.leader == Some(d) { None } else { s.leader };
                let isr = if s.isr.len() == 1 {
                    s.isr.clone()
                } else {
                    s.isr.iter().copied().filter(|&b| b != d).collect()
                };
                if leader == s.leader && isr == s.isr {
                    continue;
                }
                let new = LeaderAndIsr {
                    leader,
                    leader_epoch: s.leader_epoch + 1,
                    isr,
                    controller_epoch: self.epoch,
                    zk_version: s.zk_version,
                };
                if new.isr != s.isr {
                    ctx.event(Event::IsrShrunk {
                        tp,
                        controller: self.broker,
                        broker: d,
                        isr: new.isr.clone(),
                        epoch_from: s.leader_epoch,
                        epoch_to: new.leader_epoch,
                    });
                }
                self.decide(&tp, new.clone());
                writes.retain(|(t, _)| *t != tp);
                writes.push((tp, new));
            }
        }
        writes
    }

    fn write(&self, ctx: &mut Ctx<'_>, writes: Vec<(TopicPartition, LeaderAndIsr)>) {
        if writes.is_empty() {
            return;
        }
        ctx.send(
            NodeId::ZooKeeper,
            Msg::ZkWriteStates {
                controller_epoch: self.epoch,
                writes,
            },
        );
    }

    fn send_leader_and_isr(&self, ctx: &mut Ctx<'_>, tps: &[TopicPartition]) {
        self.send_leader_and_isr_to(ctx, tps, None);
    }

    /// LeaderAndIsr to each live replica of `tps` (only to `only`, when given).
    fn send_leader_and_isr_to(
        &self,
        ctx: &mut Ctx<'_>,
        tps: &[TopicPartition],
        only: Option<&BTreeSet<BrokerId>>,
    ) {
        let mut per_broker: IdxMap<BrokerId, Vec<PartitionState>> = IdxMap::new();
        for tp in tps {
            let Some(ps) = self.partition_state(tp) else {
                continue;
            };
            for &b in &ps.replicas {
                if self.live_brokers.contains(&b) && only.is_none_or(|o| o.contains(&b)) {
                    per_broker.entry(b).or_default().push(ps.clone());
                }
            }
        }
        for (b, partitions) in per_broker {
            ctx.send(
                NodeId::Broker(b),
                Msg::LeaderAndIsr {
                    controller: self.broker,
                    controller_epoch: self.epoch,
                    partitions,
                },
            );
        }
    }

    /// UpdateMetadata with `tps` (and the live-broker list) to every live broker.
    fn send_update_metadata(&self, ctx: &mut Ctx<'_>, tps: &[TopicPartition]) {
        let partitions: Vec<PartitionState> = tps
            .iter()
            .filter_map(|tp| self.partition_state(tp))
            .collect();
        for &b in &self.live_brokers {
            ctx.send(
                NodeId::Broker(b),
                self.update_metadata(partitions.clone(), Vec::new()),
            );
        }
    }
}
