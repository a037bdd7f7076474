//! The leader side of one partition (Kafka's `Partition`): each follower's fetch state, the
//! ISR growing and shrinking (`replica.lag.time.max.ms`) through conditional ZooKeeper
//! writes, and the high watermark — the smallest log end offset of the ISR, never moved while
//! the ISR is smaller than `min.insync.replicas`.

use super::*;

/// The role a broker plays for one of its replicas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// It leads the partition.
    Leader,
    /// It follows the leader (or nobody, while the partition is offline).
    Follower,
}

/// What a leader knows of one follower (Kafka's `ReplicaState`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FollowerState {
    /// Its log end offset, from its last fetch (unknown until it fetches from this leader).
    pub leo: Option<Offset>,
    /// The last time it had caught up with the leader's log end (`None`: never, under this
    /// leader).
    pub last_caught_up_ms: Option<Millis>,
    /// The leader's log end offset at its previous fetch.
    pub last_fetch_leader_leo: Offset,
    /// When it previously fetched.
    pub last_fetch_ms: Millis,
}

impl FollowerState {
    /// `isCaughtUp`: at the leader's log end, or caught up within `lag_max_ms`.
    pub fn is_caught_up(&self, leader_leo: Offset, now: Millis, lag_max_ms: Millis) -> bool {
        self.leo == Some(leader_leo)
            || self
                .last_caught_up_ms
                .is_some_and(|t| now.saturating_sub(t) <= lag_max_ms)
    }
}

/// A broker's state for one of its replicas (volatile: rebuilt from LeaderAndIsr on restart).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Partition {
    /// Leader or follower.
    pub role: Role,
    /// The leader it knows of.
    pub leader: Option<BrokerId>,
    /// The leader epoch of its last LeaderAndIsr.
    pub leader_epoch: u32,
    /// Assigned replicas.
    pub replicas: Vec<BrokerId>,
    /// This replica's high watermark.
    pub hw: Offset,
    /// As leader: the ISR.
    pub isr: Vec<BrokerId>,
    /// As leader: the partition state znode's version (its ISR writes are conditional on it).
    pub zk_version: u32,
    /// As leader: an ISR change on its way to ZooKeeper.
    pub pending_isr: Option<Vec<BrokerId>>,
    /// As leader: the followers.
    pub followers: BTreeMap<BrokerId, FollowerState>,
    /// As leader: the log end offset when this leader epoch began.
    pub epoch_start_offset: Offset,
    /// As follower: waiting to learn where to truncate before fetching.
    pub truncating: bool,
}

impl ReplicaManager {
    /// Leader: a follower fetched `fp` (`updateFollowerFetchState`): its position is
    /// recorded, it may join the ISR, the high watermark may move.
    pub fn update_follower_fetch_state(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        replica: BrokerId,
        fp: &FetchPartition,
    ) {
        let leo = self.logs.get(&fp.tp).map_or(0, |l| l.leo());
        let Some(p) = self.leader_mut(&fp.tp) else {
            return;
        };
        if p.leader_epoch != fp.epoch || fp.offset > leo {
            return;
        }
        if let Some(fs) = p.followers.get_mut(&replica) {
            // `updateFetchState`.
            if fp.offset >= leo {
                fs.last_caught_up_ms = fs.last_caught_up_ms.max(Some(ctx.now));
            } else if fp.offset >= fs.last_fetch_leader_leo {
                fs.last_caught_up_ms = fs.last_caught_up_ms.max(Some(fs.last_fetch_ms));
            }
            fs.leo = Some(fp.offset);
            fs.last_fetch_leader_leo = leo;
            fs.last_fetch_ms = ctx.now;
        }
        self.maybe_expand_isr(ctx, env, &fp.tp, replica);
        self.maybe_increment_hw(ctx, env, &fp.tp);
    }

    /// `maybeExpandIsr`: a follower out of the ISR rejoins once its log reaches the high
    /// watermark and this leader epoch's start.
    pub(super) fn maybe_expand_isr(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
        replica: BrokerId,
    ) {
        let Some(p) = self.leader_mut(tp) else {
            return;
        };
        // KIP-841 (KRaft): a fenced broker or one in controlled shutdown does not rejoin.
        if p.isr.contains(&replica)
            || p.pending_isr.is_some()
            || env.metadata.isr_ineligible.contains(&replica)
        {
            return;
        }
        let Some(leo) = p.followers.get(&replica).and_then(|f| f.leo) else {
            return;
        };
        if leo >= p.hw && leo >= p.epoch_start_offset {
            let mut isr = p.isr.clone();
            isr.push(replica);
            self.propose_isr(ctx, env, tp, isr);
        }
    }

    /// `maybeShrinkIsr`: followers that have not caught up for `replica.lag.time.max.ms` leave.
    pub(super) fn maybe_shrink_isr(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
        lag_max: Millis,
    ) {
        let leo = self.logs.get(tp).map_or(0, |l| l.leo());
        let id = self.id;
        let Some(p) = self.leader_mut(tp) else {
            return;
        };
        if p.pending_isr.is_some() {
            return;
        }
        let out: Vec<BrokerId> = p
            .isr
            .iter()
            .copied()
            .filter(|&b| b != id)
            .filter(|b| {
                p.followers
                    .get(b)
                    .is_some_and(|f| !f.is_caught_up(leo, ctx.now, lag_max))
            })
            .collect();
        if out.is_empty() {
            return;
        }
        let isr: Vec<BrokerId> = p.isr.iter().copied().filter(|b| !out.contains(b)).collect();
        self.propose_isr(ctx, env, tp, isr);
    }

    /// Proposes a new ISR to the controller (`AlterPartition`, or in ZooKeeper mode a write to
    /// the state znode conditional on its version), one change at a time.
    pub(super) fn propose_isr(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
        isr: Vec<BrokerId>,
    ) {
        let (id, controller_epoch) = (self.id, env.metadata.controller_epoch);
        let Some(p) = self.leader_mut(tp) else {
            return;
        };
        p.pending_isr = Some(isr.clone());
        let change = IsrChange {
            leader: id,
            tp: *tp,
            leader_epoch: p.leader_epoch,
            version: p.zk_version,
            controller_epoch,
            isr,
        };
        ControllerChannel::alter_isr(ctx, env.metadata.kraft_route, change);
    }

    /// ZooKeeper answered an ISR change.
    pub fn on_update_isr_result(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: TopicPartition,
        accepted: bool,
        state: LeaderAndIsr,
    ) {
        let id = self.id;
        let Some(p) = self.leader_mut(&tp) else {
            return;
        };
        p.pending_isr = None;
        if state.leader != Some(id) || state.leader_epoch != p.leader_epoch {
            // Leadership moved on meanwhile; the controller's LeaderAndIsr will say how.
            return;
        }
        let before = std::mem::replace(&mut p.isr, state.isr.clone());
        p.zk_version = state.zk_version;
        if accepted {
            for &b in state.isr.iter().filter(|b| !before.contains(b)) {
                ctx.event(Event::IsrExpanded {
                    tp,
                    leader: id,
                    broker: b,
                    isr: state.isr.clone(),
                });
            }
            for &b in before.iter().filter(|b| !state.isr.contains(b)) {
                ctx.event(Event::IsrShrunkByLeader {
                    tp,
                    leader: id,
                    broker: b,
                    isr: state.isr.clone(),
                });
            }
        }
        // A smaller ISR may let the high watermark move; either way, answer what it covers.
        self.maybe_increment_hw(ctx, env, &tp);
        self.after_isr_or_hw_change(ctx, env, &tp);
    }

    /// `maybeIncrementLeaderHW`: the smallest LEO among the ISR and the followers about to
    /// join it — but not while the ISR is smaller than `min.insync.replicas`.
    pub fn maybe_increment_hw(
        &mut self,
        ctx: &mut Ctx<'_>,
        env: &BrokerView<'_>,
        tp: &TopicPartition,
    ) {
        let lag_max = env.lag_max();
        let leo = self.logs.get(tp).map_or(0, |l| l.leo());
        let live = &env.metadata.live_brokers;
        let Some(p) = self
            .partitions
            .get_mut(tp)
            .filter(|p| p.role == Role::Leader)
        else {
            return;
        };
        // KIP-966 (KAFKA-15583): no high-watermark advance under min ISR.
        if p.isr.len() < env.min_isr(tp, p.replicas.len()) {
            return;
        }
        let mut hw = leo;
        for (b, f) in &p.followers {
            let follower_leo = f.leo.unwrap_or(0);
            // In the ISR, or caught up and about to join it (`shouldWaitForReplicaToJoinIsr`).
            let counts =
                p.isr.contains(b) || (live.contains(b) && f.is_caught_up(leo, ctx.now, lag_max));
            if counts && follower_leo < hw {
                hw = follower_leo;
            }
        }
        if hw > p.hw {
            p.hw = hw;
            self.dirty.insert(*tp);
            self.after_isr_or_hw_change(ctx, env, tp);
            // Consumers read up to the high watermark: held fetches may have enough now.
            self.try_complete_consumer_fetches(ctx, env, tp);
            if self.coordinator_partitions.contains(tp) {
                self.changes
                    .push(ReplicaChange::HighWatermarkAdvanced { tp: *tp });
            }
        }
    }
}
