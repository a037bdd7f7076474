//! What kind of thing an [`Event`] is (for the page's filters), and how a run of repeated
//! events folds into one line of the event log.
//!
//! Classification is an exhaustive `match`: a new event variant does not compile until it is
//! given a kind. Folding is pure over the logged events, so the page and tests share it; the
//! native `events` command prints every event as before.

use crate::event::{Event, Logged};
use crate::i18n::{tr, Lang, T};
use crate::model::{BrokerId, TopicPartition};
use crate::sim::Millis;

/// The event log's filter groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    /// The controller and ZooKeeper: elections, topics, registrations, configs.
    Controller,
    /// Replicas: the ISR, followers, truncation.
    Replication,
    /// Segment files: rolls and retention.
    Storage,
    /// Producers and transactions.
    Producer,
    /// Consumer groups and consumers.
    Groups,
    /// Broken brokers, lost sessions, broken invariants.
    Faults,
}

impl EventKind {
    /// Every kind, in the filter bar's order.
    pub const ALL: [EventKind; 6] = [
        EventKind::Controller,
        EventKind::Replication,
        EventKind::Storage,
        EventKind::Producer,
        EventKind::Groups,
        EventKind::Faults,
    ];

    /// The filter's label.
    pub fn label(self) -> T {
        match self {
            EventKind::Controller => T::KindController,
            EventKind::Replication => T::KindReplication,
            EventKind::Storage => T::KindStorage,
            EventKind::Producer => T::KindProducer,
            EventKind::Groups => T::KindGroups,
            EventKind::Faults => T::KindFaults,
        }
    }

    /// A short name (CSS classes, test ids).
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Controller => "controller",
            EventKind::Replication => "replication",
            EventKind::Storage => "storage",
            EventKind::Producer => "producer",
            EventKind::Groups => "groups",
            EventKind::Faults => "faults",
        }
    }
}

impl Event {
    /// Which filter group the event belongs to.
    pub fn kind(&self) -> EventKind {
        use EventKind::*;
        match self {
            Event::KraftBrokerKilled { .. }
            | Event::KraftBrokerStopped { .. }
            | Event::KraftBrokerStarted { .. }
            | Event::KraftControllerKilled { .. }
            | Event::KraftControllerStarted { .. }
            | Event::KraftBrokerFenced { .. }
            | Event::KraftFetchTimeout { .. }
            | Event::KraftControllerShuttingDown { .. }
            | Event::KraftControllerStopped { .. }
            | Event::KraftLeaderResigned { .. } => Faults,
            Event::KraftEndQuorumEpoch { .. }
            | Event::KraftPreVote { .. }
            | Event::KraftCandidate { .. }
            | Event::KraftLeaderElected { .. }
            | Event::KraftFollower { .. }
            | Event::KraftControllerActivated { .. }
            | Event::KraftBrokerRegistered { .. }
            | Event::KraftBrokerUnfenced { .. }
            | Event::KraftControlledShutdown { .. }
            | Event::KraftBrokerShutdownNow { .. }
            | Event::KraftTopicRemoved { .. }
            | Event::KraftLeadersBalanced { .. }
            | Event::KraftPartitionChanged { .. } => Controller,
            Event::KraftLogTruncated { .. }
            | Event::KraftSnapshotWritten { .. }
            | Event::KraftMetadataLogCleaned { .. }
            | Event::KraftSnapshotFetched { .. } => Replication,
            Event::BrokerKilled { .. }
            | Event::BrokerStarted { .. }
            | Event::SessionExpired { .. }
            | Event::BrokerLostZkSession { .. }
            | Event::ZkServerKilled { .. }
            | Event::ZkServerStarted { .. }
            | Event::ZkQuorumLost { .. }
            | Event::InvariantBroken { .. } => Faults,
            Event::BrokerRegistered { .. }
            | Event::RegistrationBlocked { .. }
            | Event::ControllerGone
            | Event::ControllerElected { .. }
            | Event::TopicCreated { .. }
            | Event::InternalTopicCreated { .. }
            | Event::PartitionsAdded { .. }
            | Event::TopicMarkedForDeletion { .. }
            | Event::TopicDeletionStarted { .. }
            | Event::TopicDeletionIneligible { .. }
            | Event::TopicDeleted { .. }
            | Event::ZkElectionStarted { .. }
            | Event::ZkLeaderElected { .. }
            | Event::LeaderElected { .. }
            | Event::PartitionOffline { .. }
            | Event::IsrShrunk { .. }
            | Event::StaleControllerFenced { .. }
            | Event::ConfigChanged { .. } => Controller,
            Event::IsrExpanded { .. }
            | Event::IsrShrunkByLeader { .. }
            | Event::BecameLeader { .. }
            | Event::BecameFollower { .. }
            | Event::Truncated { .. } => Replication,
            Event::SegmentRolled { .. }
            | Event::SegmentsDeleted { .. }
            | Event::ReplicasDeleted { .. } => Storage,
            Event::ProducerIdAllocated { .. }
            | Event::KraftProducerIdAllocated { .. }
            | Event::DuplicateBatch { .. }
            | Event::SequenceRejected { .. }
            | Event::TxnCoordinatorFound { .. }
            | Event::TxnProducerIdInit { .. }
            | Event::TxnStateChanged { .. }
            | Event::TxnMarkerWritten { .. }
            | Event::TxnTimedOut { .. }
            | Event::TxnCoordinatorLoaded { .. }
            | Event::ProducerFencedByEpoch { .. } => Producer,
            Event::ConsumerPollTimeout { .. }
            | Event::ConsumerMetadataChanged { .. }
            | Event::ZkOffsetsWritten { .. }
            | Event::GroupMemberJoined { .. }
            | Event::GroupStaticRejoin { .. }
            | Event::GroupRebalanceStarted { .. }
            | Event::GroupRebalanceCompleted { .. }
            | Event::GroupMemberRemoved { .. }
            | Event::GroupOffsetsCommitted { .. }
            | Event::GroupCoordinatorLoaded { .. }
            | Event::GroupMetadataLoaded { .. }
            | Event::ConsumerCoordinatorMoved { .. }
            | Event::Kip848MemberJoined { .. }
            | Event::Kip848MemberLeft { .. }
            | Event::Kip848TargetAssignment { .. }
            | Event::Kip848MemberReconciled { .. }
            | Event::ConsumerReconciled { .. }
            | Event::ConsumerAssigned { .. }
            | Event::ConsumerOffsetReset { .. }
            | Event::ConsumerFetchSent { .. }
            | Event::ConsumerFetchHeld { .. }
            | Event::ConsumerFetchAnswered { .. } => Groups,
        }
    }

    /// What the event is about, for folding repeats: its partition, group, client or broker.
    fn subject(&self) -> String {
        match self {
            Event::LeaderElected { tp, .. }
            | Event::PartitionOffline { tp, .. }
            | Event::IsrShrunk { tp, .. }
            | Event::IsrExpanded { tp, .. }
            | Event::IsrShrunkByLeader { tp, .. }
            | Event::SegmentRolled { tp, .. }
            | Event::SegmentsDeleted { tp, .. }
            | Event::Truncated { tp, .. }
            | Event::BecameLeader { tp, .. }
            | Event::BecameFollower { tp, .. }
            | Event::DuplicateBatch { tp, .. }
            | Event::SequenceRejected { tp, .. }
            | Event::TxnMarkerWritten { tp, .. }
            | Event::ProducerFencedByEpoch { tp, .. }
            | Event::TxnCoordinatorLoaded { tp, .. }
            | Event::GroupCoordinatorLoaded { tp, .. } => tp.to_string(),
            Event::GroupMemberJoined { group, .. }
            | Event::GroupStaticRejoin { group, .. }
            | Event::GroupRebalanceStarted { group, .. }
            | Event::GroupRebalanceCompleted { group, .. }
            | Event::GroupMemberRemoved { group, .. }
            | Event::GroupOffsetsCommitted { group, .. }
            | Event::GroupMetadataLoaded { group, .. }
            | Event::ZkOffsetsWritten { group, .. }
            | Event::Kip848TargetAssignment { group, .. } => group.clone(),
            Event::Kip848MemberJoined { client, .. }
            | Event::Kip848MemberLeft { client, .. }
            | Event::Kip848MemberReconciled { client, .. }
            | Event::ConsumerReconciled { client, .. }
            | Event::ConsumerAssigned { client, .. }
            | Event::ConsumerFetchSent { client, .. }
            | Event::ConsumerFetchHeld { client, .. }
            | Event::ConsumerFetchAnswered { client, .. }
            | Event::ConsumerCoordinatorMoved { client, .. }
            | Event::TxnCoordinatorFound { client, .. } => client.clone(),
            Event::ConsumerPollTimeout { consumer, .. } => consumer.clone(),
            Event::ConsumerMetadataChanged { group, .. } => group.clone(),
            Event::ConsumerOffsetReset { client, tp, .. } => format!("{client} {tp}"),
            Event::TxnProducerIdInit {
                transactional_id, ..
            }
            | Event::TxnStateChanged {
                transactional_id, ..
            }
            | Event::TxnTimedOut {
                transactional_id, ..
            } => transactional_id.clone(),
            Event::TopicCreated { topic, .. }
            | Event::InternalTopicCreated { topic, .. }
            | Event::PartitionsAdded { topic, .. }
            | Event::TopicMarkedForDeletion { topic }
            | Event::TopicDeletionStarted { topic, .. }
            | Event::TopicDeletionIneligible { topic, .. }
            | Event::ReplicasDeleted { topic, .. }
            | Event::TopicDeleted { topic } => topic.clone(),
            Event::ZkServerKilled { server } | Event::ZkServerStarted { server } => {
                format!("zoo{server}")
            }
            Event::ZkQuorumLost { .. }
            | Event::ZkElectionStarted { .. }
            | Event::ZkLeaderElected { .. } => "zk".to_string(),
            Event::ConfigChanged { entity, .. } => entity.clone(),
            Event::InvariantBroken { name, .. } => name.to_string(),
            Event::BrokerKilled { broker }
            | Event::BrokerStarted { broker }
            | Event::BrokerRegistered { broker }
            | Event::RegistrationBlocked { broker }
            | Event::SessionExpired { broker }
            | Event::BrokerLostZkSession { broker }
            | Event::ControllerElected { broker, .. }
            | Event::StaleControllerFenced { broker, .. }
            | Event::ProducerIdAllocated { broker, .. }
            | Event::KraftProducerIdAllocated { broker, .. } => broker.to_string(),
            Event::ControllerGone => String::new(),
            Event::KraftBrokerKilled { broker }
            | Event::KraftBrokerStarted { broker }
            | Event::KraftBrokerRegistered { broker, .. }
            | Event::KraftBrokerFenced { broker, .. }
            | Event::KraftBrokerUnfenced { broker, .. }
            | Event::KraftControlledShutdown { broker, .. }
            | Event::KraftBrokerShutdownNow { broker, .. }
            | Event::KraftBrokerStopped { broker } => broker.to_string(),
            Event::KraftPartitionChanged { tp, .. } => tp.to_string(),
            Event::KraftTopicRemoved { topic, .. } => topic.clone(),
            Event::KraftLeadersBalanced { controller, .. } => controller.to_string(),
            Event::KraftControllerKilled { node }
            | Event::KraftControllerStarted { node }
            | Event::KraftPreVote { node, .. }
            | Event::KraftCandidate { node, .. }
            | Event::KraftLeaderElected { node, .. }
            | Event::KraftFollower { node, .. }
            | Event::KraftLogTruncated { node, .. }
            | Event::KraftFetchTimeout { node, .. }
            | Event::KraftLeaderResigned { node, .. }
            | Event::KraftControllerShuttingDown { node, .. }
            | Event::KraftEndQuorumEpoch { node, .. }
            | Event::KraftControllerStopped { node, .. }
            | Event::KraftControllerActivated { node, .. } => format!("controller-{node}"),
            Event::KraftSnapshotWritten { node, observer, .. }
            | Event::KraftMetadataLogCleaned { node, observer, .. }
            | Event::KraftSnapshotFetched { node, observer, .. } => {
                if *observer {
                    format!("broker-{node}")
                } else {
                    format!("controller-{node}")
                }
            }
        }
    }
}

/// Events of the same variant and subject at most this many virtual ms apart fold together.
pub const FOLD_WINDOW_MS: Millis = 2_000;

/// One line of the folded event log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoldedLine {
    /// Indexes (into the slice given to [`fold`]) of the events on this line, oldest first.
    pub events: Vec<usize>,
    /// A segment roll seen on several replicas: the partition, the new segment's base
    /// offset and the brokers, in the order they rolled.
    pub roll: Option<(TopicPartition, u64, Vec<BrokerId>)>,
}

impl FoldedLine {
    /// The event the line reads as: a grouped roll's first, else the latest of the run (a
    /// live log shows where a repeated thing stands now).
    pub fn head(&self) -> usize {
        let pick = if self.roll.is_some() {
            self.events.first()
        } else {
            self.events.last()
        };
        pick.copied().unwrap_or_default()
    }

    /// The time of its head event.
    pub fn at(&self, log: &[Logged]) -> Millis {
        log[self.head()].at
    }

    /// How many events it stands for.
    pub fn count(&self) -> usize {
        self.events.len()
    }

    /// The line in `lang`: a grouped roll as one sentence; otherwise its head event's
    /// sentence (the page adds "×N" and shows the others on request).
    pub fn narrate(&self, log: &[Logged], lang: Lang) -> String {
        if let Some((tp, offset, brokers)) = self.roll.as_ref().filter(|r| r.2.len() > 1) {
            return tr(
                lang,
                T::EvSegmentRolledOn,
                &[
                    ("tp", tp.to_string()),
                    ("offset", offset.to_string()),
                    (
                        "brokers",
                        brokers
                            .iter()
                            .map(|b| b.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ],
            );
        }
        log[self.head()].event.narrate(lang)
    }
}

/// Folds the events `shown` (indexes into `log`, oldest first) into lines:
/// - one segment roll of a partition at one base offset, on each replica within
///   [`FOLD_WINDOW_MS`], is one line naming the brokers;
/// - consecutive events of the same variant and subject within [`FOLD_WINDOW_MS`] of the
///   previous one, and consecutive repeats of one same event however far apart, are one line
///   (the page shows "×N").
pub fn fold(log: &[Logged], shown: &[usize]) -> Vec<FoldedLine> {
    let mut lines: Vec<FoldedLine> = Vec::new();
    // Rolls still open for grouping: (line index, time of its last roll).
    let mut open_rolls: Vec<usize> = Vec::new();
    for &i in shown {
        let l = &log[i];
        if let Event::SegmentRolled {
            broker,
            tp,
            base_offset,
        } = &l.event
        {
            open_rolls.retain(|&k| {
                lines[k]
                    .events
                    .last()
                    .is_some_and(|&j| l.at.saturating_sub(log[j].at) <= FOLD_WINDOW_MS)
            });
            let same = open_rolls.iter().copied().find(|&k| {
                lines[k]
                    .roll
                    .as_ref()
                    .is_some_and(|(t, o, bs)| t == tp && o == base_offset && !bs.contains(broker))
            });
            match same {
                Some(k) => {
                    lines[k].events.push(i);
                    if let Some(r) = lines[k].roll.as_mut() {
                        r.2.push(*broker);
                    }
                }
                None => {
                    open_rolls.push(lines.len());
                    lines.push(FoldedLine {
                        events: vec![i],
                        roll: Some((*tp, *base_offset, vec![*broker])),
                    });
                }
            }
            continue;
        }
        if let Some(last) = lines.last_mut().filter(|x| x.roll.is_none()) {
            let prev = &log[*last.events.last().unwrap_or(&i)];
            // The same event again (a running consumer's auto-commit of unchanged offsets every
            // 5 s) folds however far apart; others of a kind and subject only close together.
            let same = prev.event == l.event
                || (std::mem::discriminant(&prev.event) == std::mem::discriminant(&l.event)
                    && prev.event.subject() == l.event.subject()
                    && l.at.saturating_sub(prev.at) <= FOLD_WINDOW_MS);
            if same {
                last.events.push(i);
                continue;
            }
        }
        lines.push(FoldedLine {
            events: vec![i],
            roll: None,
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(at: Millis, event: Event) -> Logged {
        Logged { at, event }
    }

    fn roll(at_ms: Millis, broker: u32, offset: u64) -> Logged {
        at(
            at_ms,
            Event::SegmentRolled {
                broker,
                tp: TopicPartition::new("orders", 0),
                base_offset: offset,
            },
        )
    }

    fn all(log: &[Logged]) -> Vec<usize> {
        (0..log.len()).collect()
    }

    #[test]
    fn kinds_sort_events_into_the_filter_groups() {
        assert_eq!(Event::BrokerKilled { broker: 1 }.kind(), EventKind::Faults);
        assert_eq!(Event::ControllerGone.kind(), EventKind::Controller);
        assert_eq!(roll(0, 1, 0).event.kind(), EventKind::Storage);
        assert_eq!(
            Event::ProducerIdAllocated {
                broker: 1,
                producer_id: 0
            }
            .kind(),
            EventKind::Producer
        );
        assert_eq!(
            Event::GroupOffsetsCommitted {
                broker: 1,
                group: "g".into(),
                offsets: vec![]
            }
            .kind(),
            EventKind::Groups
        );
        assert_eq!(
            Event::IsrExpanded {
                tp: TopicPartition::new("orders", 0),
                leader: 1,
                broker: 2,
                isr: vec![]
            }
            .kind(),
            EventKind::Replication
        );
        for k in EventKind::ALL {
            assert!(!k.label().get(Lang::Zh).is_empty());
        }
    }

    #[test]
    fn a_roll_on_three_replicas_is_one_line_naming_the_brokers() {
        let other = at(
            5,
            Event::IsrExpanded {
                tp: TopicPartition::new("orders", 1),
                leader: 1,
                broker: 2,
                isr: vec![1, 2],
            },
        );
        let log = vec![roll(0, 1, 120), other, roll(8, 2, 120), roll(9, 3, 120)];
        let lines = fold(&log, &all(&log));
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].events, vec![0, 2, 3]);
        assert_eq!(
            lines[0].narrate(&log, Lang::En),
            "orders-0 rolled a new segment at offset 120 on brokers 1, 2, 3."
        );
        assert!(lines[0].narrate(&log, Lang::Zh).contains("1, 2, 3"));
        // The next roll of the partition is a line of its own.
        let mut log2 = log.clone();
        log2.push(roll(50, 1, 240));
        assert_eq!(fold(&log2, &all(&log2)).len(), 3);
        // A lone roll reads as before.
        let one = vec![roll(0, 1, 120)];
        assert_eq!(
            fold(&one, &[0])[0].narrate(&one, Lang::En),
            one[0].event.narrate(Lang::En)
        );
    }

    #[test]
    fn repeats_of_one_subject_fold_but_not_across_subjects_or_time() {
        let fetch = |t: Millis, client: &str| {
            at(
                t,
                Event::ConsumerFetchSent {
                    client: client.into(),
                    broker: 1,
                    partitions: vec![format!("0@{t}")],
                    min_bytes: 1,
                    max_wait_ms: 500,
                },
            )
        };
        let log = vec![
            fetch(0, "c1"),
            fetch(500, "c1"),
            fetch(1000, "c1"),
            fetch(1100, "c2"),
            fetch(1200, "c2"),
            fetch(9000, "c2"),
        ];
        let lines = fold(&log, &all(&log));
        let counts: Vec<usize> = lines.iter().map(FoldedLine::count).collect();
        assert_eq!(counts, vec![3, 2, 1]);
        // A run reads as its latest event.
        assert_eq!(lines[0].head(), 2);
        assert_eq!(lines[0].at(&log), 1000);
        assert_eq!(
            lines[0].narrate(&log, Lang::En),
            log[2].event.narrate(Lang::En)
        );
        // Only the shown events count: hiding c2's makes c1's run and the late one adjacent,
        // but the time gap keeps them apart.
        let lines = fold(&log, &[0, 1, 2, 5]);
        assert_eq!(
            lines.iter().map(FoldedLine::count).collect::<Vec<_>>(),
            vec![3, 1]
        );
        // The very same event repeated folds even far apart (auto-commits of unchanged offsets).
        let commit = |t: Millis| {
            at(
                t,
                Event::GroupOffsetsCommitted {
                    broker: 2,
                    group: "shop".into(),
                    offsets: vec!["orders-0@40".into()],
                },
            )
        };
        let log = vec![commit(0), commit(5000), commit(10_000), fetch(10_001, "c1")];
        let lines = fold(&log, &all(&log));
        assert_eq!(
            lines.iter().map(FoldedLine::count).collect::<Vec<_>>(),
            vec![3, 1]
        );
    }
}
