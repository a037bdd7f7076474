//! The active controller's `PartitionChangeBuilder` (Kafka 4.1,
//! `metadata/src/main/java/org/apache/kafka/controller/PartitionChangeBuilder.java`): given a
//! partition's registration and what should change (a new ISR from `AlterPartition`, a
//! fenced broker, a preferred election), it elects a leader and writes the smallest
//! `PartitionChangeRecord` that says so — or none when nothing changes. [`apply`] is
//! `PartitionRegistration.merge`: how every broker and controller applies that record.
//!
//! ## Eligible Leader Replicas (KIP-966)
//! With ELR on, when the ISR shrinks below `min.insync.replicas` the replicas that leave it
//! (they were in sync when it was last big enough) move into the ELR instead of being
//! forgotten, and when the ISR becomes empty a leader may be elected from the ELR — no data
//! loss, where the ISR-only rule would have to wait for the last leader or go unclean.
//! A broker that shut down uncleanly is dropped from the ELR. `LastKnownElr` remembers the
//! last leader once the partition has none (the "balanced recovery" that elects it when it
//! comes back and the ISR and ELR are empty).
//!
//! **When ELR is on.** In Kafka 4.1 the feature `eligible.leader.replicas.version` level 1
//! (`EligibleLeaderReplicasVersion.ELRV_1`) has bootstrap metadata version 4.1-IV0
//! (`MetadataVersion.IBP_4_1_IV0`: "Enables ELR by default for new clusters"), so a cluster
//! formatted with Kafka 4.1 (metadata.version 4.1-IV1, the latest production) has ELR on;
//! in 4.0 it was a preview (metadata.version 4.0-IV1 adds the fields, the feature stays 0
//! unless set), and before 4.0 there is none. The lab models a new 4.1 cluster: ELR on by
//! default, and the builder takes it as a flag so the ISR-only rule can be shown beside it.
//! With ELR off the builder clears both ELR fields (`maybeUpdateRecordElr`) and never elects
//! from them.
//!
//! Leader epochs: a new leader (or a replica set that loses a member) bumps the leader
//! epoch; an ISR shrink does not since metadata.version 3.6-IV0
//! (`isLeaderEpochBumpRequiredOnIsrShrink`, KAFKA-15021) — the lab's 4.1 default.

use super::records::{PartitionChangeRecord, PartitionRecord, NO_LEADER, NO_LEADER_CHANGE};
use crate::model::{BrokerId, Uuid};

/// `LeaderRecoveryState.RECOVERED`.
pub const RECOVERED: i8 = 0;
/// `LeaderRecoveryState.RECOVERING`: elected uncleanly, not yet recovered.
pub const RECOVERING: i8 = 1;

/// `PartitionChangeBuilder.Election`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Election {
    /// Elect the preferred replica (the first of the replicas) if it is in the ISR.
    Preferred,
    /// Keep the partition online from the ISR (the default).
    #[default]
    Online,
    /// Prefer the ISR but go outside it if needed (`unclean.leader.election.enable`).
    Unclean,
}

/// Who won an election and whether it was unclean (`ElectionResult`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ElectionResult {
    /// The new leader, or [`NO_LEADER`].
    pub node: i32,
    /// Elected from outside the ISR (or the last known leader): data may be lost.
    pub unclean: bool,
}

/// Kafka's builder. Build one per change with [`PartitionChangeBuilder::new`], set targets,
/// then [`PartitionChangeBuilder::build`].
pub struct PartitionChangeBuilder<'a> {
    partition: &'a PartitionRecord,
    is_acceptable_leader: Box<dyn Fn(BrokerId) -> bool + 'a>,
    default_dir: Box<dyn Fn(BrokerId) -> Uuid + 'a>,
    min_isr: usize,
    isr_shrink_bumps_leader_epoch: bool,
    target_isr: Vec<BrokerId>,
    target_replicas: Vec<BrokerId>,
    target_removing: Vec<BrokerId>,
    target_adding: Vec<BrokerId>,
    target_elr: Vec<BrokerId>,
    target_last_known_elr: Vec<BrokerId>,
    target_directories: Vec<(BrokerId, Uuid)>,
    unclean_shutdown_replicas: Vec<BrokerId>,
    election: Election,
    target_leader_recovery_state: i8,
    elr_enabled: bool,
    use_last_known_leader_in_balanced_recovery: bool,
}

impl<'a> PartitionChangeBuilder<'a> {
    /// A builder for `partition` (its current registration). `is_acceptable_leader` is the
    /// controller's test for a broker that may lead: registered, unfenced and not in
    /// controlled shutdown (`ClusterControlManager.isActive`). `min_isr` is the topic's
    /// `min.insync.replicas`. ELR starts off, as in Kafka's constructor; the controller turns
    /// it on from the feature ([`PartitionChangeBuilder::set_eligible_leader_replicas_enabled`]).
    pub fn new(
        partition: &'a PartitionRecord,
        is_acceptable_leader: impl Fn(BrokerId) -> bool + 'a,
        min_isr: usize,
    ) -> Self {
        let target_directories = partition
            .replicas
            .iter()
            .zip(partition.directories.iter())
            .map(|(r, d)| (*r, *d))
            .collect();
        Self {
            partition,
            is_acceptable_leader: Box::new(is_acceptable_leader),
            default_dir: Box::new(|_| Uuid::ZERO),
            min_isr,
            isr_shrink_bumps_leader_epoch: false,
            target_isr: partition.isr.clone(),
            target_replicas: partition.replicas.clone(),
            target_removing: partition.removing_replicas.clone(),
            target_adding: partition.adding_replicas.clone(),
            target_elr: partition.eligible_leader_replicas.clone(),
            target_last_known_elr: partition.last_known_elr.clone(),
            target_directories,
            unclean_shutdown_replicas: Vec::new(),
            election: Election::Online,
            target_leader_recovery_state: partition.leader_recovery_state,
            elr_enabled: false,
            use_last_known_leader_in_balanced_recovery: true,
        }
    }

    /// The ISR the change should end with (an `AlterPartition`, or the ISR minus a fenced broker).
    pub fn set_target_isr(mut self, isr: Vec<BrokerId>) -> Self {
        self.target_isr = isr;
        self
    }
    /// The replicas the change should end with (reassignment).
    pub fn set_target_replicas(mut self, replicas: Vec<BrokerId>) -> Self {
        self.target_replicas = replicas;
        self
    }
    /// Reassignment: replicas being removed.
    pub fn set_target_removing(mut self, removing: Vec<BrokerId>) -> Self {
        self.target_removing = removing;
        self
    }
    /// Reassignment: replicas being added.
    pub fn set_target_adding(mut self, adding: Vec<BrokerId>) -> Self {
        self.target_adding = adding;
        self
    }
    /// Brokers that came back after an unclean shutdown: not eligible for the ELR.
    pub fn set_unclean_shutdown_replicas(mut self, replicas: Vec<BrokerId>) -> Self {
        self.unclean_shutdown_replicas = replicas;
        self
    }
    /// The election type.
    pub fn set_election(mut self, election: Election) -> Self {
        self.election = election;
        self
    }
    /// The leader recovery state to end with ([`RECOVERED`] once an unclean leader recovered).
    pub fn set_target_leader_recovery_state(mut self, state: i8) -> Self {
        self.target_leader_recovery_state = state;
        self
    }
    /// ELR on or off (`eligible.leader.replicas.version` ≥ 1 in the cluster's features).
    pub fn set_eligible_leader_replicas_enabled(mut self, enabled: bool) -> Self {
        self.elr_enabled = enabled;
        self
    }
    /// Whether `LastKnownElr` keeps the last leader for a balanced recovery (Kafka's
    /// default: yes; the controller never turns it off in 4.1).
    pub fn set_use_last_known_leader_in_balanced_recovery(mut self, on: bool) -> Self {
        self.use_last_known_leader_in_balanced_recovery = on;
        self
    }
    /// metadata.version before 3.6-IV0: an ISR shrink bumps the leader epoch (KAFKA-15021).
    pub fn set_isr_shrink_bumps_leader_epoch(mut self, on: bool) -> Self {
        self.isr_shrink_bumps_leader_epoch = on;
        self
    }
    /// A replica's log directory (a broker's `AssignReplicasToDirs`).
    pub fn set_directory(mut self, broker: BrokerId, dir: Uuid) -> Self {
        self.target_directories.retain(|(b, _)| *b != broker);
        self.target_directories.push((broker, dir));
        self
    }
    /// The directory a new replica gets (`DefaultDirProvider`); the zero uuid
    /// (`DirectoryId.UNASSIGNED`) unless set.
    pub fn set_default_dir_provider(mut self, provider: impl Fn(BrokerId) -> Uuid + 'a) -> Self {
        self.default_dir = Box::new(provider);
        self
    }
    /// The target ISR as it stands.
    pub fn target_isr(&self) -> &[BrokerId] {
        &self.target_isr
    }

    fn acceptable(&self, b: i32) -> bool {
        b >= 0 && (self.is_acceptable_leader)(b as BrokerId)
    }

    fn is_valid_new_leader(&self, replica: i32) -> bool {
        if replica < 0 {
            return false;
        }
        let r = replica as BrokerId;
        (self.target_isr.contains(&r)
            || (self.target_isr.is_empty() && self.target_elr.contains(&r)))
            && self.acceptable(replica)
    }

    fn can_elect_last_known_leader(&self) -> bool {
        if !self.elr_enabled || !self.use_last_known_leader_in_balanced_recovery {
            return false;
        }
        if !self.target_elr.is_empty() || !self.target_isr.is_empty() {
            return false;
        }
        if self.partition.last_known_elr.len() != 1 {
            return false;
        }
        self.acceptable(self.partition.last_known_elr[0] as i32)
    }

    /// Runs the election alone (`electLeader`), for tests and narration.
    pub fn elect_leader(&self) -> ElectionResult {
        let current = self.partition.leader;
        let clean = |node| ElectionResult {
            node,
            unclean: false,
        };
        if self.election == Election::Preferred {
            if let Some(&preferred) = self.target_replicas.first() {
                if self.is_valid_new_leader(preferred as i32) {
                    return clean(preferred as i32);
                }
            }
            if self.is_valid_new_leader(current) {
                return clean(current);
            }
            if let Some(&r) = self
                .target_replicas
                .iter()
                .skip(1)
                .find(|r| self.is_valid_new_leader(**r as i32))
            {
                return clean(r as i32);
            }
        } else {
            if self.is_valid_new_leader(current) {
                return clean(current);
            }
            if let Some(&r) = self
                .target_replicas
                .iter()
                .find(|r| self.is_valid_new_leader(**r as i32))
            {
                return clean(r as i32);
            }
        }
        if self.can_elect_last_known_leader() {
            return ElectionResult {
                node: self.partition.last_known_elr[0] as i32,
                unclean: true,
            };
        }
        if self.election == Election::Unclean {
            if let Some(&r) = self
                .target_replicas
                .iter()
                .find(|r| self.acceptable(**r as i32))
            {
                return ElectionResult {
                    node: r as i32,
                    unclean: true,
                };
            }
        }
        clean(NO_LEADER)
    }

    fn try_election(&mut self, record: &mut PartitionChangeRecord) {
        let result = self.elect_leader();
        if result.node == self.partition.leader {
            return;
        }
        if result.node >= 0 && self.target_elr.contains(&(result.node as BrokerId)) {
            // Elected from the ELR: it becomes the whole ISR and leaves the ELR.
            let node = result.node as BrokerId;
            self.target_isr = vec![node];
            self.target_elr.retain(|r| *r != node);
        }
        record.leader = result.node;
        if result.unclean {
            // Unclean: the ISR is forced to the new leader alone (data may be lost).
            record.isr = Some(vec![result.node as BrokerId]);
            if self.partition.leader_recovery_state != RECOVERING {
                record.leader_recovery_state = Some(RECOVERING);
            }
        }
    }

    fn complete_reassignment_if_needed(&mut self) {
        if self.target_removing.is_empty() && self.target_adding.is_empty() {
            return;
        }
        let mut new_isr = self.target_isr.clone();
        let mut new_replicas = self.target_replicas.clone();
        if !self.target_removing.is_empty() {
            new_isr.retain(|r| !self.target_removing.contains(r));
            if new_isr.is_empty() {
                return;
            }
            new_replicas.retain(|r| !self.target_removing.contains(r));
            if new_replicas.is_empty() {
                return;
            }
        }
        if !new_replicas.iter().all(|r| new_isr.contains(r)) {
            return;
        }
        self.target_isr = new_isr;
        self.target_replicas = new_replicas;
        self.target_removing.clear();
        self.target_adding.clear();
    }

    fn maybe_populate_target_elr(&mut self) {
        if !self.elr_enabled {
            return;
        }
        if self.target_isr.len() >= self.min_isr {
            self.target_elr.clear();
            self.target_last_known_elr.clear();
            return;
        }
        // ELR = (current ELR ∪ current ISR) − target ISR − unclean-shutdown replicas; the
        // last known ELR adds the old one and keeps what is in neither ISR nor ELR. Kafka
        // builds both from one `HashSet<Integer>`, so they come out in its iteration order.
        let mut candidates: Vec<BrokerId> = self.target_elr.clone();
        candidates.extend(self.partition.isr.iter().copied());
        let initial = self.target_elr.len();
        let elr_order = java_hash_set_order(&candidates, initial);
        self.target_elr = elr_order
            .iter()
            .copied()
            .filter(|r| !self.target_isr.contains(r))
            .filter(|r| !self.unclean_shutdown_replicas.contains(r))
            .collect();
        candidates.extend(self.target_last_known_elr.iter().copied());
        self.target_last_known_elr = java_hash_set_order(&candidates, initial)
            .into_iter()
            .filter(|r| !self.target_isr.contains(r))
            .filter(|r| !self.target_elr.contains(r))
            .collect();
    }

    fn trigger_leader_epoch_bump_for_replica_reassignment(
        &self,
        record: &mut PartitionChangeRecord,
    ) {
        if record.leader != NO_LEADER_CHANGE {
            return;
        }
        let keeps_all = self
            .partition
            .replicas
            .iter()
            .all(|r| self.target_replicas.contains(r));
        if !keeps_all {
            record.leader = self.partition.leader;
        }
    }

    fn trigger_leader_epoch_bump_for_isr_shrink(&self, record: &mut PartitionChangeRecord) {
        if !self.isr_shrink_bumps_leader_epoch || record.leader != NO_LEADER_CHANGE {
            return;
        }
        let Some(isr) = &record.isr else { return };
        if !self.partition.isr.iter().all(|r| isr.contains(r)) {
            record.leader = self.partition.leader;
        }
    }

    fn maybe_update_record_elr(&mut self, record: &mut PartitionChangeRecord) {
        let clean_election = record.isr.is_none();
        if !clean_election || !self.elr_enabled {
            self.target_elr.clear();
            self.target_last_known_elr.clear();
        }
        if self.target_elr != self.partition.eligible_leader_replicas {
            record.eligible_leader_replicas = Some(self.target_elr.clone());
        }
        let p = self.partition;
        if self.use_last_known_leader_in_balanced_recovery
            && p.last_known_elr.len() == 1
            && (record.leader == NO_LEADER
                || (record.leader == NO_LEADER_CHANGE && p.leader == NO_LEADER))
        {
            self.target_last_known_elr = p.last_known_elr.clone();
        }
        if self.use_last_known_leader_in_balanced_recovery {
            return; // maybe_update_last_known_leader decides
        }
        if self.target_last_known_elr != p.last_known_elr {
            record.last_known_elr = Some(self.target_last_known_elr.clone());
        }
    }

    fn maybe_update_last_known_leader(&self, record: &mut PartitionChangeRecord) {
        if !self.use_last_known_leader_in_balanced_recovery || !self.elr_enabled {
            return;
        }
        let p = self.partition;
        let isr_empty = record.isr.as_ref().is_some_and(|i| i.is_empty());
        if isr_empty && (p.last_known_elr.len() != 1 || p.last_known_elr[0] as i32 != p.leader) {
            // First time the partition becomes leaderless: remember its last leader. (Kafka
            // writes the -1 too when there was none; the lab's ids are unsigned, so it keeps
            // the field empty then.)
            record.last_known_elr = Some(if p.leader >= 0 {
                vec![p.leader as BrokerId]
            } else {
                Vec::new()
            });
        } else if (record.leader >= 0 || (p.leader != NO_LEADER && record.leader != NO_LEADER))
            && !p.last_known_elr.is_empty()
        {
            // It will have (or keeps) a leader: clear the last known leader.
            record.last_known_elr = Some(Vec::new());
        }
    }

    fn set_assignment_changes(&self, record: &mut PartitionChangeRecord) {
        let p = self.partition;
        if !self.target_replicas.is_empty() {
            let dirs: Vec<Uuid> = self
                .target_replicas
                .iter()
                .map(|r| {
                    self.target_directories
                        .iter()
                        .find(|(b, _)| b == r)
                        .map_or_else(|| (self.default_dir)(*r), |(_, d)| *d)
                })
                .collect();
            if dirs != p.directories {
                record.directories = Some(dirs);
            }
            if self.target_replicas != p.replicas {
                record.replicas = Some(self.target_replicas.clone());
            }
        }
        if self.target_removing != p.removing_replicas {
            record.removing_replicas = Some(self.target_removing.clone());
        }
        if self.target_adding != p.adding_replicas {
            record.adding_replicas = Some(self.target_adding.clone());
        }
    }

    /// The change record, or `None` when it would change nothing (`build`).
    pub fn build(mut self) -> Option<PartitionChangeRecord> {
        let p = self.partition;
        let mut record = PartitionChangeRecord::new(p.topic_id, p.partition_id);
        self.complete_reassignment_if_needed();
        self.maybe_populate_target_elr();
        self.try_election(&mut record);
        self.trigger_leader_epoch_bump_for_replica_reassignment(&mut record);
        self.maybe_update_record_elr(&mut record);
        // With ELR on the ISR may become empty.
        if record.isr.is_none()
            && (!self.target_isr.is_empty() || self.elr_enabled)
            && self.target_isr != p.isr
        {
            record.isr = Some(self.target_isr.clone());
        }
        self.trigger_leader_epoch_bump_for_isr_shrink(&mut record);
        self.maybe_update_last_known_leader(&mut record);
        self.set_assignment_changes(&mut record);
        if self.target_leader_recovery_state != p.leader_recovery_state {
            record.leader_recovery_state = Some(self.target_leader_recovery_state);
        }
        if is_no_op(&record) {
            None
        } else {
            Some(record)
        }
    }
}

/// The order a `java.util.HashSet<Integer>` built as `new HashSet<>(first initial items)`
/// and then added the rest iterates in: by bucket (`id & (capacity - 1)`; an `Integer`'s hash
/// is itself for the lab's ids), ties in insertion order. Capacity starts at
/// `max(initial / .75 + 1, 16)` rounded up to a power of two and doubles past 3/4 full.
/// (For ids below 16 this is ascending order.)
pub fn java_hash_set_order(items: &[BrokerId], initial: usize) -> Vec<BrokerId> {
    let mut seen: Vec<BrokerId> = Vec::new();
    for id in items {
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    let mut capacity = ((initial as f64 / 0.75) as usize + 1)
        .max(16)
        .next_power_of_two();
    while seen.len() as f64 > capacity as f64 * 0.75 {
        capacity *= 2;
    }
    let mask = capacity as u32 - 1;
    let hash = |id: BrokerId| id ^ (id >> 16);
    // A stable sort keeps insertion order within a bucket.
    crate::sort::by_key(&mut seen, |id| hash(*id) & mask);
    seen
}

/// `PartitionChangeBuilder.changeRecordIsNoOp`.
pub fn is_no_op(r: &PartitionChangeRecord) -> bool {
    r.isr.is_none()
        && r.eligible_leader_replicas.is_none()
        && r.last_known_elr.is_none()
        && r.leader == NO_LEADER_CHANGE
        && r.replicas.is_none()
        && r.removing_replicas.is_none()
        && r.adding_replicas.is_none()
        && r.leader_recovery_state.is_none()
        && r.directories.is_none()
}

/// `PartitionRegistration.merge`: applies a change record to a partition. The partition
/// epoch always goes up by one; the leader epoch goes up by one whenever the record names a
/// leader (even the same one: that is how the builder forces a bump).
pub fn apply(p: &mut PartitionRecord, r: &PartitionChangeRecord) {
    if let Some(replicas) = &r.replicas {
        p.replicas = replicas.clone();
    }
    if let Some(dirs) = &r.directories {
        p.directories = dirs.clone();
    }
    if p.directories.len() != p.replicas.len() {
        // `defaultToMigrating`: a directory per replica.
        p.directories.resize(p.replicas.len(), Uuid::ZERO);
    }
    if let Some(isr) = &r.isr {
        p.isr = isr.clone();
    }
    if let Some(v) = &r.removing_replicas {
        p.removing_replicas = v.clone();
    }
    if let Some(v) = &r.adding_replicas {
        p.adding_replicas = v.clone();
    }
    if r.leader != NO_LEADER_CHANGE {
        p.leader = r.leader;
        p.leader_epoch += 1;
    }
    // `LeaderRecoveryState.changeTo`: -1 keeps the state.
    if let Some(state) = r.leader_recovery_state {
        if state >= 0 {
            p.leader_recovery_state = state;
        }
    }
    if let Some(v) = &r.eligible_leader_replicas {
        p.eligible_leader_replicas = v.clone();
    }
    if let Some(v) = &r.last_known_elr {
        p.last_known_elr = v.clone();
    }
    p.partition_epoch += 1;
}

/// What the controller does to one partition when a broker is fenced, unfenced, shuts down
/// or comes back after an unclean shutdown (`ReplicationControlManager.
/// generateLeaderAndIsrUpdates`): the target ISR is the ISR without `broker_to_remove` and
/// `broker_with_unclean_shutdown`; a leader must be active (`is_active`: registered,
/// unfenced, not shutting down), never one of those two, while `broker_to_add` (being
/// unfenced right now) counts as active. `unclean` is the topic's
/// `unclean.leader.election.enable`. Pass `None` for the brokers not involved.
///
/// Note Kafka's rule when ELR is off: the ISR is never written empty, so the last ISR
/// member stays in the ISR (leaderless) even when fenced — the only replica known to have
/// every committed record. With ELR on the ISR becomes empty and that member moves to the
/// ELR instead.
pub struct BrokerChange {
    /// The broker being fenced or shut down.
    pub broker_to_remove: Option<BrokerId>,
    /// The broker being unfenced.
    pub broker_to_add: Option<BrokerId>,
    /// The broker that came back after an unclean shutdown.
    pub broker_with_unclean_shutdown: Option<BrokerId>,
}

/// See [`BrokerChange`].
pub fn generate_leader_and_isr_update(
    partition: &PartitionRecord,
    change: &BrokerChange,
    is_active: impl Fn(BrokerId) -> bool,
    min_isr: usize,
    elr_enabled: bool,
    unclean: bool,
) -> Option<PartitionChangeRecord> {
    let remove = change.broker_to_remove;
    let add = change.broker_to_add;
    let unclean_shutdown = change.broker_with_unclean_shutdown;
    let acceptable = |r: BrokerId| {
        Some(r) != remove && Some(r) != unclean_shutdown && (Some(r) == add || is_active(r))
    };
    let target_isr: Vec<BrokerId> = partition
        .isr
        .iter()
        .copied()
        .filter(|r| Some(*r) != remove && Some(*r) != unclean_shutdown)
        .collect();
    let mut b = PartitionChangeBuilder::new(partition, acceptable, min_isr)
        .set_eligible_leader_replicas_enabled(elr_enabled)
        .set_target_isr(target_isr);
    if unclean {
        b = b.set_election(Election::Unclean);
    }
    if let Some(u) = unclean_shutdown {
        b = b.set_unclean_shutdown_replicas(vec![u]);
    }
    b.build()
}

/// What the controller does to a partition holding `broker` in its ISR or ELR when that
/// broker registers a new incarnation (`ReplicationControlManager.handleBrokerShutdown`, from
/// `ClusterControlManager.registerBroker`): after an unclean shutdown (the broker's
/// `previousBrokerEpoch` is not the epoch the controller stored — it was killed, not stopped)
/// with ELR on, the broker is dropped from the ISR and from the ELR (it may have lost
/// unflushed records, so it must not be elected from the ELR); otherwise it is handled as if
/// fenced. Kafka writes these `PartitionChangeRecord`s before the new `RegisterBrokerRecord`.
pub fn handle_broker_shutdown(
    partition: &PartitionRecord,
    broker: BrokerId,
    clean_shutdown: bool,
    is_active: impl Fn(BrokerId) -> bool,
    min_isr: usize,
    elr_enabled: bool,
    unclean: bool,
) -> Option<PartitionChangeRecord> {
    let change = if elr_enabled && !clean_shutdown {
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
    generate_leader_and_isr_update(partition, &change, is_active, min_isr, elr_enabled, unclean)
}

/// The controller's answer to a leader's `AlterPartition` (`ReplicationControlManager.
/// alterPartition`, after validation): the builder with the requested ISR and leader
/// recovery state, leaders only among active brokers, unclean elections if the topic allows
/// them. (A leader that changes here — only when the ISR completes a reassignment — is
/// answered `NEW_LEADER_ELECTED`.)
pub fn alter_partition(
    partition: &PartitionRecord,
    new_isr: Vec<BrokerId>,
    leader_recovery_state: i8,
    is_active: impl Fn(BrokerId) -> bool,
    min_isr: usize,
    elr_enabled: bool,
    unclean: bool,
) -> Option<PartitionChangeRecord> {
    let mut b = PartitionChangeBuilder::new(partition, is_active, min_isr)
        .set_eligible_leader_replicas_enabled(elr_enabled);
    if unclean {
        b = b.set_election(Election::Unclean);
    }
    b.set_target_isr(new_isr)
        .set_target_leader_recovery_state(leader_recovery_state)
        .build()
}

#[cfg(test)]
#[path = "partition_change_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "partition_change_elr_tests.rs"]
mod elr_tests;

#[cfg(test)]
#[path = "partition_change_props_tests.rs"]
mod props_tests;
