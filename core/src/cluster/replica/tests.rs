//! Handler-level tests of the replica manager: build one, call one handler, look at its state
//! and at what it sent, scheduled, recorded and reported. (End-to-end runs of the same rules
//! are in the scenario transcripts and the property tests.)

use std::collections::BTreeSet;

use super::*;
use crate::cluster::broker::MetadataCache;
use crate::cluster::dynamic_config::DynamicConfig;
use crate::cluster::msg::{ConfigEntity, Effect};
use crate::model::Uuid;
use crate::sim::SimRng;
use crate::storage::batch::ProducerFields;

const PRODUCER: NodeId = NodeId::Client(10_000);

fn tp() -> TopicPartition {
    TopicPartition::new("orders", 0)
}

fn rec(i: u64) -> NewRecord {
    NewRecord {
        send: i,
        key: None,
        value: format!("v{i}").into(),
        timestamp: 0,
    }
}

/// Broker 1's surroundings: brokers 1–3 alive, `min.insync.replicas` as given for `orders`.
struct World {
    metadata: MetadataCache,
    configs: DynamicConfig,
    config: BrokerConfig,
}

impl World {
    fn new(min_isr: usize) -> Self {
        let mut configs = DynamicConfig::new(1);
        configs.set_configs(
            ConfigEntity::Topic("orders".into()),
            crate::vecmap::VecMap::from([("min.insync.replicas".to_string(), min_isr.to_string())]),
        );
        let mut metadata = MetadataCache {
            live_brokers: BTreeSet::from([1, 2, 3]),
            ..MetadataCache::default()
        };
        metadata
            .partitions
            .insert(tp(), std::rc::Rc::new(state(Some(1), 1, vec![1, 2, 3])));
        Self {
            metadata,
            configs,
            config: BrokerConfig::default(),
        }
    }

    fn view(&self) -> BrokerView<'_> {
        BrokerView {
            metadata: &self.metadata,
            configs: &self.configs,
            config: &self.config,
            controller: crate::cluster::controller_channel::ControllerChannel::ZooKeeper,
        }
    }
}

fn state(leader: Option<BrokerId>, epoch: u32, isr: Vec<BrokerId>) -> PartitionState {
    PartitionState {
        tp: tp(),
        topic_id: Uuid::ZERO,
        replicas: vec![1, 2, 3],
        state: LeaderAndIsr {
            leader,
            leader_epoch: epoch,
            isr,
            controller_epoch: 1,
            zk_version: 0,
        },
        configs: crate::vecmap::VecMap::new(),
    }
}

/// What one handler call did.
struct Out {
    effects: Vec<Effect>,
    events: Vec<Event>,
    changes: Vec<ReplicaChange>,
}

impl Out {
    fn sent(&self) -> Vec<(NodeId, &Msg)> {
        self.effects
            .iter()
            .filter_map(|e| match e {
                Effect::Send { to, msg } => Some((*to, msg)),
                _ => None,
            })
            .collect()
    }

    fn produce_results(&self) -> Option<&Vec<(TopicPartition, Result<Offset, KafkaError>)>> {
        self.sent().into_iter().find_map(|(_, m)| match m {
            Msg::ProduceResponse { results, .. } => Some(results),
            _ => None,
        })
    }

    fn isr_proposed(&self) -> Option<Vec<BrokerId>> {
        self.sent().into_iter().find_map(|(_, m)| match m {
            Msg::ZkUpdateIsr { new, .. } => Some(new.isr.clone()),
            _ => None,
        })
    }
}

fn call(
    rm: &mut ReplicaManager,
    world: &World,
    now: Millis,
    f: impl FnOnce(&mut ReplicaManager, &mut Ctx<'_>, &BrokerView<'_>),
) -> Out {
    let (mut effects, mut events) = (Vec::new(), Vec::new());
    let mut rng = SimRng::new(1);
    let mut ctx = Ctx {
        now,
        out: &mut effects,
        events: &mut events,
        rng: &mut rng,
    };
    f(rm, &mut ctx, &world.view());
    Out {
        effects,
        events,
        changes: rm.take_changes(),
    }
}

/// Broker 1 made leader of orders-0 (epoch 1, ISR as given), its log holding `records`
/// one-record batches written in epoch 0.
fn leader(world: &World, isr: Vec<BrokerId>, records: u64) -> ReplicaManager {
    let mut rm = ReplicaManager::new(1);
    let log = std::rc::Rc::make_mut(rm.logs.entry(tp()).or_default());
    for i in 0..records {
        log.append_as_leader(0, vec![rec(i)], 0, &world.configs.segment_config("orders"));
    }
    let ps = state(Some(1), 1, isr);
    let hw = rm
        .accept_leader_and_isr(&ps)
        .expect("a newer epoch is taken");
    call(&mut rm, world, 0, |rm, ctx, _| rm.make_leader(ctx, ps, hw));
    rm
}

/// Follower `replica` fetches orders-0 from `offset` in leader epoch `epoch`.
fn fetch_from(
    rm: &mut ReplicaManager,
    world: &World,
    now: Millis,
    replica: BrokerId,
    epoch: u32,
    offset: Offset,
) -> Out {
    let fp = FetchPartition {
        tp: tp(),
        epoch,
        offset,
    };
    call(rm, world, now, |rm, ctx, env| {
        rm.update_follower_fetch_state(ctx, env, replica, &fp);
        rm.answer_or_hold_fetch(ctx, env, replica, 1, vec![fp.clone()]);
    })
}

fn produce(rm: &mut ReplicaManager, world: &World, request: u64, acks: Acks) -> Out {
    let batch = ProduceBatch {
        tp: tp(),
        records: vec![rec(100 + request)],
        producer: ProducerFields::NONE,
        control: None,
    };
    call(rm, world, 10, |rm, ctx, env| {
        rm.begin_produce(PRODUCER, request, std::slice::from_ref(&batch), acks, false);
        rm.append_records(ctx, env, PRODUCER, request, batch, acks, 30_000);
    })
}

fn hw(rm: &ReplicaManager) -> Offset {
    rm.partitions[&tp()].hw
}

#[test]
fn a_new_leader_reports_its_election_and_a_re_elected_one_does_not() {
    let world = World::new(1);
    let mut rm = ReplicaManager::new(1);
    let ps = state(Some(1), 1, vec![1, 2]);
    let hw = rm.accept_leader_and_isr(&ps).unwrap();
    let out = call(&mut rm, &world, 0, |rm, ctx, _| rm.make_leader(ctx, ps, hw));
    assert_eq!(
        out.changes,
        vec![ReplicaChange::LeaderElected { tp: tp(), epoch: 1 }]
    );
    assert!(out
        .events
        .iter()
        .any(|e| matches!(e, Event::BecameLeader { epoch: 1, .. })));
    // The controller shrinks the ISR: epoch 2, same leader. Not a new election.
    let ps = state(Some(1), 2, vec![1]);
    let hw = rm.accept_leader_and_isr(&ps).unwrap();
    let out = call(&mut rm, &world, 5, |rm, ctx, _| rm.make_leader(ctx, ps, hw));
    assert!(out.changes.is_empty());
    assert_eq!(rm.partitions[&tp()].leader_epoch, 2);
}

#[test]
fn an_old_or_equal_leader_epoch_is_refused() {
    let world = World::new(1);
    let mut rm = leader(&world, vec![1, 2], 0);
    assert_eq!(rm.accept_leader_and_isr(&state(Some(2), 1, vec![2])), None);
    assert_eq!(rm.accept_leader_and_isr(&state(Some(2), 0, vec![2])), None);
    assert_eq!(rm.partitions[&tp()].role, Role::Leader);
    assert!(rm
        .accept_leader_and_isr(&state(Some(2), 2, vec![2]))
        .is_some());
}

#[test]
fn a_fetch_in_an_old_leader_epoch_is_fenced() {
    let world = World::new(1);
    let mut rm = leader(&world, vec![1, 2], 3);
    let out = fetch_from(&mut rm, &world, 10, 2, 0, 0);
    let answer = out.sent().into_iter().find_map(|(to, m)| match m {
        Msg::FetchResponse { partitions, .. } => Some((to, partitions[0].clone())),
        _ => None,
    });
    let (to, part) = answer.expect("answered at once");
    assert_eq!(to, NodeId::Broker(2));
    assert_eq!(part.error, Some(KafkaError::FencedLeaderEpoch));
    assert!(part.records.is_empty());
    // Its position was not recorded either.
    assert_eq!(rm.partitions[&tp()].followers[&2].leo, None);
    // The same for the epoch query a new follower sends.
    let out = call(&mut rm, &world, 10, |rm, ctx, _| {
        rm.on_offsets_for_leader_epoch(ctx, 2, tp(), 0, 0)
    });
    assert!(out.sent().iter().any(|(_, m)| matches!(
        m,
        Msg::OffsetsForLeaderEpochResponse {
            result: Err(KafkaError::FencedLeaderEpoch),
            ..
        }
    )));
}

#[test]
fn the_high_watermark_is_the_smallest_log_end_of_the_isr() {
    let world = World::new(1);
    let mut rm = leader(&world, vec![1, 2, 3], 5);
    assert_eq!(hw(&rm), 0, "no follower has fetched yet");
    let out = fetch_from(&mut rm, &world, 10, 2, 1, 5);
    assert_eq!(
        hw(&rm),
        0,
        "broker 3 has not fetched: still at 0 for the leader"
    );
    assert!(out.changes.is_empty());
    let out = fetch_from(&mut rm, &world, 20, 3, 1, 3);
    assert_eq!(hw(&rm), 3);
    // No coordinator writes to this partition: nobody to tell.
    assert!(out.changes.is_empty());
    fetch_from(&mut rm, &world, 30, 3, 1, 5);
    assert_eq!(hw(&rm), 5);
}

#[test]
fn the_high_watermark_stays_while_the_isr_is_below_min_insync_replicas() {
    let world = World::new(2);
    let mut rm = leader(&world, vec![1], 4);
    // A lone leader with min.insync.replicas=2: its own log end does not count.
    assert_eq!(hw(&rm), 0);
    let world1 = World::new(1);
    let mut rm1 = leader(&world1, vec![1], 4);
    call(&mut rm1, &world1, 0, |rm, ctx, env| {
        rm.maybe_increment_hw(ctx, env, &tp())
    });
    assert_eq!(
        hw(&rm1),
        4,
        "with min.insync.replicas=1 it moves to the log end"
    );
    call(&mut rm, &world, 0, |rm, ctx, env| {
        rm.maybe_increment_hw(ctx, env, &tp())
    });
    assert_eq!(hw(&rm), 0);
}

#[test]
fn acks_all_waits_for_the_isr_then_completes() {
    let world = World::new(1);
    let mut rm = leader(&world, vec![1, 2], 0);
    let out = produce(&mut rm, &world, 7, Acks::All);
    assert!(out.produce_results().is_none(), "held: broker 2 lacks it");
    assert_eq!(rm.delayed_produces[&tp()].len(), 1);
    assert!(out.effects.iter().any(|e| matches!(
        e,
        Effect::SetTimer {
            after: 30_000,
            timer: Timer::ProduceTimeout { request: 7, .. }
        }
    )));
    // Broker 2 fetches from offset 1: it has record 0, the HW passes it, the request completes.
    let out = fetch_from(&mut rm, &world, 20, 2, 1, 1);
    assert_eq!(hw(&rm), 1);
    assert_eq!(out.produce_results(), Some(&vec![(tp(), Ok(0))]));
    assert!(rm.delayed_produces[&tp()].is_empty());
    assert!(rm.produce_waits.is_empty());
}

#[test]
fn acks_one_is_answered_at_once_and_acks_all_times_out() {
    let world = World::new(1);
    let mut rm = leader(&world, vec![1, 2], 0);
    let out = produce(&mut rm, &world, 1, Acks::One);
    assert_eq!(out.produce_results(), Some(&vec![(tp(), Ok(0))]));
    produce(&mut rm, &world, 2, Acks::All);
    let out = call(&mut rm, &world, 30_010, |rm, ctx, env| {
        rm.on_timer(
            ctx,
            env,
            Timer::ProduceTimeout {
                client: PRODUCER,
                request: 2,
                tp: tp(),
                required: 2,
            },
        )
    });
    assert_eq!(
        out.produce_results(),
        Some(&vec![(tp(), Err(KafkaError::RequestTimedOut))])
    );
}

#[test]
fn acks_all_is_refused_when_the_isr_is_too_small() {
    let world = World::new(2);
    let mut rm = leader(&world, vec![1], 0);
    let out = produce(&mut rm, &world, 3, Acks::All);
    assert_eq!(
        out.produce_results(),
        Some(&vec![(tp(), Err(KafkaError::NotEnoughReplicas))])
    );
    assert_eq!(rm.logs[&tp()].leo(), 0, "nothing appended");
}

#[test]
fn a_lagging_follower_is_proposed_out_of_the_isr_and_leaves_once_zookeeper_agrees() {
    let world = World::new(1);
    let lag = world.view().lag_max();
    let mut rm = leader(&world, vec![1, 2, 3], 2);
    fetch_from(&mut rm, &world, 10, 2, 1, 2); // broker 2 caught up; broker 3 never fetches
    let out = call(&mut rm, &world, lag + 1, |rm, ctx, env| {
        rm.on_timer(ctx, env, Timer::IsrExpiration)
    });
    assert_eq!(out.isr_proposed(), Some(vec![1, 2]));
    assert_eq!(
        rm.partitions[&tp()].isr,
        vec![1, 2, 3],
        "not before ZooKeeper says so"
    );
    assert_eq!(rm.partitions[&tp()].pending_isr, Some(vec![1, 2]));
    let accepted = LeaderAndIsr {
        leader: Some(1),
        leader_epoch: 1,
        isr: vec![1, 2],
        controller_epoch: 1,
        zk_version: 1,
    };
    let out = call(&mut rm, &world, lag + 5, |rm, ctx, env| {
        rm.on_update_isr_result(ctx, env, tp(), true, accepted)
    });
    assert_eq!(rm.partitions[&tp()].isr, vec![1, 2]);
    assert_eq!(rm.partitions[&tp()].zk_version, 1);
    assert!(out
        .events
        .iter()
        .any(|e| matches!(e, Event::IsrShrunkByLeader { broker: 3, .. })));
    // Without broker 3 the ISR's smallest log end is 2.
    assert_eq!(hw(&rm), 2);
}

#[test]
fn a_follower_back_at_the_high_watermark_is_proposed_into_the_isr() {
    let world = World::new(1);
    let mut rm = leader(&world, vec![1], 3);
    call(&mut rm, &world, 0, |rm, ctx, env| {
        rm.maybe_increment_hw(ctx, env, &tp())
    });
    assert_eq!(hw(&rm), 3);
    let out = fetch_from(&mut rm, &world, 10, 2, 1, 1);
    assert_eq!(out.isr_proposed(), None, "below the high watermark");
    let out = fetch_from(&mut rm, &world, 20, 2, 1, 3);
    assert_eq!(out.isr_proposed(), Some(vec![1, 2]));
}

#[test]
fn a_new_follower_truncates_to_where_the_leader_says_its_epoch_ended() {
    let world = World::new(1);
    // Broker 1 led in epoch 0 and wrote 5 records; broker 2 now leads in epoch 1.
    let mut rm = leader(&world, vec![1, 2], 5);
    let ps = state(Some(2), 2, vec![2]);
    let hw = rm.accept_leader_and_isr(&ps).unwrap();
    let out = call(&mut rm, &world, 10, |rm, ctx, env| {
        rm.make_follower(ctx, env, ps, hw)
    });
    assert!(out.sent().iter().any(|(to, m)| *to == NodeId::Broker(2)
        && matches!(
            m,
            Msg::OffsetsForLeaderEpoch {
                current_epoch: 2,
                ..
            }
        )));
    assert!(rm.partitions[&tp()].truncating);
    assert!(rm.fetchers.is_empty(), "no fetching before truncating");
    // The leader's epoch 0 ended at offset 3: records 3 and 4 were never replicated.
    let out = call(&mut rm, &world, 20, |rm, ctx, env| {
        rm.on_offsets_for_leader_epoch_response(ctx, env, tp(), 2, Ok(Some((0, 3))))
    });
    assert_eq!(rm.logs[&tp()].leo(), 3);
    assert!(out.events.iter().any(|e| matches!(
        e,
        Event::Truncated {
            from: 5,
            to: 3,
            reason: TruncationReason::LeaderEpoch,
            ..
        }
    )));
    assert!(!rm.partitions[&tp()].truncating);
    assert_eq!(rm.fetchers[&2].partitions[&tp()], 2);
    assert!(out
        .sent()
        .iter()
        .any(|(to, m)| *to == NodeId::Broker(2) && matches!(m, Msg::Fetch { .. })));
}

#[test]
fn a_leader_that_becomes_follower_fails_its_held_produce_requests() {
    let world = World::new(1);
    let mut rm = leader(&world, vec![1, 2], 0);
    produce(&mut rm, &world, 4, Acks::All);
    let ps = state(Some(2), 2, vec![2]);
    let hw = rm.accept_leader_and_isr(&ps).unwrap();
    let out = call(&mut rm, &world, 10, |rm, ctx, env| {
        rm.make_follower(ctx, env, ps, hw)
    });
    assert_eq!(
        out.produce_results(),
        Some(&vec![(tp(), Err(KafkaError::NotLeaderOrFollower))])
    );
    assert_eq!(rm.partitions[&tp()].role, Role::Follower);
}

#[test]
fn a_coordinator_append_reports_the_high_watermark_it_moves() {
    let world = World::new(1);
    let mut rm = leader(&world, vec![1], 0);
    let mut last = None;
    let out = call(&mut rm, &world, 10, |rm, ctx, env| {
        last = Some(rm.append_as_coordinator(ctx, env, &tp(), 1, vec![rec(1), rec(2)]));
    });
    assert_eq!(last, Some(1));
    assert_eq!(hw(&rm), 2);
    assert_eq!(
        out.changes,
        vec![ReplicaChange::HighWatermarkAdvanced { tp: tp() }]
    );
}
