//! ZooKeeper, as ZooKeeper-mode Kafka uses it: sessions with timeouts, the ephemeral
//! `/brokers/ids/N` and `/controller` znodes, `/controller_epoch`, topics' assignment and
//! partition-state znodes, and the watches that tell brokers and the controller of changes.
//!
//! One `zk` node carries the ensemble's data; [`Ensemble`] says which servers are up, which
//! leads, and whether a quorum serves (see `ensemble.rs`). Watches are modelled as notifications pushed to
//! the current watcher (every broker for `/controller`; the controller for `/brokers/ids`,
//! `/brokers/topics` and `/isr_change_notification`), which is what Kafka's re-registered
//! one-shot watches amount to.

use crate::idxmap::IdxMap;
use crate::sort::Collect as _;
use std::collections::{BTreeMap, BTreeSet};

use super::assignment::{assign_added_partitions, assign_replicas_to_brokers};
use super::ensemble::Ensemble;
use super::msg::{ConfigEntity, Ctx, Msg, SessionId, Timer, TopicZnode, ZkSnapshot};
use crate::event::Event;
use crate::model::{BrokerId, NodeId, TopicPartition, Uuid};
use crate::sim::Millis;

/// One client session.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Session {
    /// The broker that opened it.
    pub broker: BrokerId,
    /// When ZooKeeper last heard from it.
    pub last_heard: Millis,
}

/// The ZooKeeper ensemble's data and sessions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ZooKeeper {
    /// How long a silent session lives (the broker's `zookeeper.session.timeout.ms`).
    pub session_timeout_ms: Millis,
    /// Open sessions.
    pub sessions: crate::vecmap::VecMap<SessionId, Session>,
    next_session: SessionId,
    /// `/brokers/ids/N` → the session that owns it.
    pub broker_ids: IdxMap<BrokerId, SessionId>,
    /// `/controller`: the controller broker and the session owning the znode.
    pub controller: Option<(BrokerId, SessionId)>,
    /// `/controller_epoch`.
    pub controller_epoch: u32,
    /// `/brokers/topics/*` with their partition states and configs.
    pub topics: crate::vecmap::VecMap<String, TopicZnode>,
    /// `/admin/delete_topics/*`: topics marked for deletion, until the controller is done.
    pub delete_topics: BTreeSet<String>,
    /// `/config/brokers/*`: dynamic broker configs.
    pub broker_configs: BTreeMap<ConfigEntity, crate::vecmap::VecMap<String, String>>,
    /// `/latest_producer_id_block`: the first id of the last block handed out.
    pub latest_producer_id_block: Option<i64>,
    /// `/consumers/G/offsets/T/P`: offsets committed by consumers with
    /// `offsets.storage=zookeeper` (Kafka 0.8's consumers), by group.
    pub consumer_offsets: IdxMap<String, IdxMap<TopicPartition, u64>>,
    /// The servers, their leader and the quorum.
    pub ensemble: Ensemble,
}

impl ZooKeeper {
    /// An empty ensemble.
    pub fn new(session_timeout_ms: Millis) -> Self {
        Self {
            session_timeout_ms,
            sessions: crate::vecmap::VecMap::new(),
            next_session: 1,
            broker_ids: IdxMap::new(),
            controller: None,
            controller_epoch: 0,
            topics: crate::vecmap::VecMap::new(),
            delete_topics: BTreeSet::new(),
            broker_configs: BTreeMap::new(),
            latest_producer_id_block: None,
            consumer_offsets: IdxMap::new(),
            ensemble: Ensemble::new(1),
        }
    }

    /// Kills ZooKeeper server `myid`. Returns false if it is not a running server.
    pub fn kill_server(&mut self, ctx: &mut Ctx<'_>, myid: u8) -> bool {
        self.ensemble.kill(ctx, myid)
    }

    /// Starts ZooKeeper server `myid`. Returns false if it is not a dead server.
    pub fn start_server(&mut self, ctx: &mut Ctx<'_>, myid: u8) -> bool {
        self.ensemble.start(ctx, myid)
    }

    /// A leader serves again: every session's timeout starts afresh (the new leader's
    /// `SessionTracker`), and the requests that waited are served in order.
    fn resume(&mut self, ctx: &mut Ctx<'_>) {
        for s in self.sessions.values_mut() {
            s.last_heard = ctx.now;
        }
        for (from, msg) in std::mem::take(&mut self.ensemble.held) {
            self.on_message(ctx, from, msg);
        }
    }

    /// The registered brokers.
    pub fn live_brokers(&self) -> BTreeSet<BrokerId> {
        self.broker_ids.keys().copied().collect_set()
    }

    /// When the session currently registering `broker` expires, unless it pings again.
    pub fn session_deadline(&self, broker: BrokerId) -> Option<Millis> {
        let s = self.broker_ids.get(&broker)?;
        Some(self.sessions.get(s)?.last_heard + self.session_timeout_ms)
    }

    fn snapshot(&self) -> ZkSnapshot {
        ZkSnapshot {
            live_brokers: self.live_brokers(),
            broker_configs: self.broker_configs.clone(),
            topics: self.topics.clone(),
            delete_topics: self.delete_topics.clone(),
        }
    }

    fn notify_controller(&self, ctx: &mut Ctx<'_>, msg: Msg) {
        if let Some((c, _)) = self.controller {
            ctx.send(NodeId::Broker(c), msg);
        }
    }

    fn touch(&mut self, session: SessionId, now: Millis) -> bool {
        match self.sessions.get_mut(&session) {
            Some(s) => {
                s.last_heard = now;
                true
            }
            None => false,
        }
    }

    /// Handles a message from `from`.
    pub fn on_message(&mut self, ctx: &mut Ctx<'_>, from: NodeId, msg: Msg) {
        if !self.ensemble.serving() {
            // No leader: the servers refuse clients. A ping learns of the connection loss (the
            // session lives on); anything else waits, as the client library and Kafka's
            // `ZooKeeperClient` retry it until connected.
            match msg {
                Msg::ZkPing { .. } => ctx.send(from, Msg::ZkConnectionLoss),
                other => self.ensemble.hold(from, other),
            }
            return;
        }
        if !matches!(msg, Msg::ZkPing { .. } | Msg::ZkFetchOffsets { .. }) {
            self.ensemble.commit();
        }
        match msg {
            Msg::ZkCommitOffsets {
                request,
                group,
                offsets,
            } => {
                ctx.event(Event::ZkOffsetsWritten {
                    group: group.clone(),
                    offsets: offsets
                        .iter()
                        .map(|(tp, o)| format!("{}/{}={o}", tp.topic, tp.partition))
                        .collect(),
                });
                self.consumer_offsets
                    .entry(group)
                    .or_default()
                    .extend(offsets);
                ctx.send(from, Msg::ZkOffsetsCommitted { request });
            }
            Msg::ZkFetchOffsets {
                request,
                group,
                partitions,
            } => {
                let known = self.consumer_offsets.get(&group);
                let offsets = partitions
                    .into_iter()
                    .filter_map(|tp| known.and_then(|k| k.get(&tp)).map(|&o| (tp, o)))
                    .collect::<crate::idxmap::IdxMap<_, _>>();
                ctx.send(from, Msg::ZkOffsets { request, offsets });
            }
            Msg::ZkAllocateProducerIds => {
                // A conditional update of `/latest_producer_id_block`: the next block of 1000.
                let start = self
                    .latest_producer_id_block
                    .map_or(0, |b| b + super::txn::PRODUCER_ID_BLOCK);
                self.latest_producer_id_block = Some(start);
                ctx.send(from, Msg::ZkProducerIdBlock { start });
            }
            Msg::ZkRegisterBroker { broker } => {
                if self.broker_ids.contains_key(&broker) {
                    // Kafka's checkedEphemeralCreate fails while the old session lives.
                    ctx.event(Event::RegistrationBlocked { broker });
                    ctx.send(from, Msg::ZkRegisterConflict);
                    return;
                }
                let session = self.next_session;
                self.next_session += 1;
                self.sessions.insert(
                    session,
                    Session {
                        broker,
                        last_heard: ctx.now,
                    },
                );
                self.broker_ids.insert(broker, session);
                ctx.timer(self.session_timeout_ms, Timer::SessionCheck { session });
                ctx.event(Event::BrokerRegistered { broker });
                ctx.send(from, Msg::ZkRegistered { session });
                // A starting broker reads its dynamic configs.
                for (entity, configs) in &self.broker_configs {
                    ctx.send(
                        from,
                        Msg::ZkConfigChanged {
                            entity: entity.clone(),
                            configs: configs.clone(),
                        },
                    );
                }
                let live = self.live_brokers();
                self.notify_controller(ctx, Msg::ZkBrokersChanged { live });
            }
            Msg::ZkPing { session } => {
                if self.touch(session, ctx.now) {
                    ctx.send(from, Msg::ZkPong { session });
                }
            }
            Msg::ZkSetConfig {
                request,
                client,
                entity,
                configs,
            } => {
                // `--add-config` merges into what the znode holds.
                let merged = match &entity {
                    ConfigEntity::Topic(t) => match self.topics.get_mut(t) {
                        Some(z) => {
                            z.configs.extend(configs);
                            z.configs.clone()
                        }
                        None => return,
                    },
                    other => {
                        let c = self.broker_configs.entry(other.clone()).or_default();
                        c.extend(configs);
                        c.clone()
                    }
                };
                // `/config/changes`: every broker (the controller among them) hears of it.
                for &b in self.broker_ids.keys() {
                    ctx.send(
                        NodeId::Broker(b),
                        Msg::ZkConfigChanged {
                            entity: entity.clone(),
                            configs: merged.clone(),
                        },
                    );
                }
                ctx.event(Event::ConfigChanged {
                    entity: match &entity {
                        ConfigEntity::Topic(t) => format!("topic {t}"),
                        ConfigEntity::BrokerDefault => "all brokers".into(),
                        ConfigEntity::Broker(b) => format!("broker {b}"),
                    },
                    configs: merged
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(","),
                });
                ctx.send(from, Msg::ZkSetConfigResult { request, client });
            }
            Msg::ZkCreateController { session, broker } => {
                if !self.touch(session, ctx.now) {
                    return; // the session is gone; its owner will learn on re-registration
                }
                match self.controller {
                    Some((holder, _)) => ctx.send(
                        from,
                        Msg::ZkControllerResult {
                            holder,
                            epoch: self.controller_epoch,
                            snapshot: None,
                        },
                    ),
                    None => {
                        self.controller_epoch += 1;
                        self.controller = Some((broker, session));
                        ctx.event(Event::ControllerElected {
                            broker,
                            epoch: self.controller_epoch,
                        });
                        ctx.send(
                            from,
                            Msg::ZkControllerResult {
                                holder: broker,
                                epoch: self.controller_epoch,
                                snapshot: Some(self.snapshot()),
                            },
                        );
                    }
                }
            }
            Msg::ZkWriteStates {
                controller_epoch,
                writes,
            } => {
                if controller_epoch != self.controller_epoch {
                    if let NodeId::Broker(b) = from {
                        ctx.event(Event::StaleControllerFenced {
                            broker: b,
                            epoch: controller_epoch,
                        });
                    }
                    ctx.send(
                        from,
                        Msg::ZkStatesRejected {
                            current_epoch: self.controller_epoch,
                        },
                    );
                    return;
                }
                // Each write is conditional on the znode version the controller read
                // (`updateLeaderAndIsr`): a leader may have changed the ISR meanwhile.
                let mut written = Vec::with_capacity(writes.len());
                let mut conflicts = Vec::new();
                for (tp, mut state) in writes {
                    let Some(t) = self.topics.get_mut(tp.topic.as_str()) else {
                        continue;
                    };
                    match t.states.get(&tp.partition) {
                        Some(current) if current.zk_version != state.zk_version => {
                            conflicts.push((tp, current.clone()));
                        }
                        current => {
                            state.zk_version = current.map_or(0, |c| c.zk_version + 1);
                            t.states.insert(tp.partition, state.clone());
                            written.push((tp, state));
                        }
                    }
                }
                ctx.send(
                    from,
                    Msg::ZkStatesWritten {
                        writes: written,
                        conflicts,
                    },
                );
            }
            Msg::ZkUpdateIsr {
                tp,
                expected_zk_version,
                mut new,
            } => {
                let Some(current) = self
                    .topics
                    .get_mut(tp.topic.as_str())
                    .and_then(|t| t.states.get_mut(&tp.partition))
                else {
                    return;
                };
                let accepted = current.zk_version == expected_zk_version;
                if accepted {
                    new.zk_version = current.zk_version + 1;
                    *current = new;
                }
                let state = current.clone();
                ctx.send(
                    from,
                    Msg::ZkUpdateIsrResult {
                        tp,
                        accepted,
                        state: state.clone(),
                    },
                );
                if accepted {
                    self.notify_controller(ctx, Msg::ZkIsrChanged { tp, state });
                }
            }
            Msg::ZkDeleteTopic {
                request,
                client,
                topic,
            } => {
                // `AdminZkClient.deleteTopic`: the topic must exist; the znode must not.
                let result = if !self.topics.contains_key(&topic) {
                    Err(format!("Topic `{topic}` to delete does not exist"))
                } else if !self.delete_topics.insert(topic.clone()) {
                    Err(format!("topic {topic} is already marked for deletion"))
                } else {
                    ctx.event(Event::TopicMarkedForDeletion {
                        topic: topic.clone(),
                    });
                    self.notify_controller(ctx, Msg::ZkTopicDeletionMarked { name: topic });
                    Ok(())
                };
                ctx.send(
                    from,
                    Msg::ZkDeleteTopicResult {
                        request,
                        client,
                        result,
                    },
                );
            }
            Msg::ZkRemoveTopic { name } => {
                if self.topics.remove(&name).is_some() {
                    ctx.event(Event::TopicDeleted {
                        topic: name.clone(),
                    });
                }
                self.delete_topics.remove(&name);
            }
            Msg::ZkAddPartitions {
                request,
                client,
                topic,
                count,
            } => {
                let result = self.add_partitions(ctx, &topic, count);
                ctx.send(
                    from,
                    Msg::ZkCreateTopicResult {
                        request,
                        client,
                        name: topic,
                        result,
                    },
                );
            }
            Msg::ZkCreateTopic {
                request,
                client,
                topic,
            } => {
                let result = if self.topics.contains_key(&topic.name) {
                    Err(format!("Topic '{}' already exists.", topic.name))
                } else {
                    let brokers: Vec<BrokerId> = self.live_brokers().into_iter().collect();
                    match assign_replicas_to_brokers(
                        &brokers,
                        topic.partitions,
                        topic.replication_factor,
                        None,
                        ctx.rng,
                    ) {
                        Err(e) => Err(e.message().to_string()),
                        Ok(assignment) => {
                            let znode = TopicZnode {
                                id: Uuid::random(ctx.rng),
                                assignment,
                                configs: topic.configs.clone(),
                                states: crate::vecmap::VecMap::new(),
                            };
                            self.topics.insert(topic.name.clone(), znode.clone());
                            ctx.event(Event::TopicCreated {
                                topic: topic.name.clone(),
                                partitions: topic.partitions,
                                replication_factor: topic.replication_factor,
                            });
                            self.notify_controller(
                                ctx,
                                Msg::ZkTopicCreated {
                                    name: topic.name.clone(),
                                    topic: znode,
                                },
                            );
                            Ok(())
                        }
                    }
                };
                ctx.send(
                    from,
                    Msg::ZkCreateTopicResult {
                        request,
                        client,
                        name: topic.name,
                        result,
                    },
                );
            }
            _ => {}
        }
    }

    /// `AdminZkClient.addPartitions`: checks the count (Kafka's messages), places the new
    /// partitions' replicas, rewrites `/brokers/topics/T` and fires the controller's watch.
    fn add_partitions(&mut self, ctx: &mut Ctx<'_>, name: &str, count: u32) -> Result<(), String> {
        let brokers: Vec<BrokerId> = self.live_brokers().into_iter().collect();
        let Some(t) = self.topics.get_mut(name) else {
            return Err("This server does not host this topic-partition.".into());
        };
        let existing = t.assignment.len() as u32;
        if count <= existing {
            return Err(format!(
                "The number of partitions for a topic can only be increased. Topic {name} currently has {existing} partitions, {count} would not be an increase."
            ));
        }
        let first = t
            .assignment
            .get(&0)
            .and_then(|r| r.first().copied())
            .unwrap_or(0);
        let rf = t.assignment.get(&0).map_or(1, |r| r.len() as u32);
        let added = assign_added_partitions(&brokers, first, existing, count - existing, rf)
            .map_err(|e| e.message().to_string())?;
        t.assignment.extend(added);
        let znode = t.clone();
        ctx.event(Event::PartitionsAdded {
            topic: name.to_string(),
            from: existing,
            to: count,
        });
        self.notify_controller(
            ctx,
            Msg::ZkPartitionsAdded {
                name: name.to_string(),
                topic: znode,
            },
        );
        Ok(())
    }

    /// Handles a timer.
    pub fn on_timer(&mut self, ctx: &mut Ctx<'_>, timer: Timer) {
        if let Timer::ZkElection { round } = timer {
            if self.ensemble.on_election_timer(ctx, round) {
                self.resume(ctx);
            }
            return;
        }
        if let Timer::SessionCheck { session } = timer {
            let Some(s) = self.sessions.get(&session) else {
                return;
            };
            if !self.ensemble.serving() {
                // Only a leader expires sessions.
                ctx.timer(self.session_timeout_ms, Timer::SessionCheck { session });
                return;
            }
            let deadline = s.last_heard + self.session_timeout_ms;
            if ctx.now < deadline {
                ctx.timer(deadline - ctx.now, Timer::SessionCheck { session });
                return;
            }
            self.expire(ctx, session);
        }
    }

    /// Expires a session: its ephemeral znodes go, and their watchers hear of it.
    fn expire(&mut self, ctx: &mut Ctx<'_>, session: SessionId) {
        let Some(s) = self.sessions.remove(&session) else {
            return;
        };
        if self.broker_ids.get(&s.broker) == Some(&session) {
            self.broker_ids.remove(&s.broker);
            ctx.event(Event::SessionExpired { broker: s.broker });
        }
        if matches!(self.controller, Some((_, cs)) if cs == session) {
            self.controller = None;
            ctx.event(Event::ControllerGone);
            // Every broker watches /controller.
            for (&b, _) in self.broker_ids.iter() {
                ctx.send(NodeId::Broker(b), Msg::ZkControllerDeleted);
            }
        } else {
            let live = self.live_brokers();
            self.notify_controller(ctx, Msg::ZkBrokersChanged { live });
        }
    }

    /// The state znode of a partition.
    pub fn partition_state(&self, tp: &TopicPartition) -> Option<&crate::model::LeaderAndIsr> {
        self.topics
            .get(tp.topic.as_str())?
            .states
            .get(&tp.partition)
    }
}
