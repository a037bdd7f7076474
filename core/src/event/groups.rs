//! Narration of consumer groups and consumers: membership, rebalances, offsets, fetches (Kafka's `GroupCoordinator`, `ConsumerCoordinator`, `Fetcher`).

use super::Event;
use super::FetchAnswer;
use crate::i18n::{tr, Lang, T};

/// A group coordinator's reason (recorded in English) in the reader's language.
fn group_reason(reason: &str, lang: Lang) -> String {
    let key = match reason {
        "a new member joined an empty group" => T::ReasonJoinEmpty,
        "a member rejoined" => T::ReasonRejoined,
        "a new member joined" => T::ReasonJoined,
        "a member left" => T::ReasonLeft,
        "did not rejoin within the rebalance timeout" => T::ReasonNoRejoin,
        "left the group (LeaveGroup)" => T::ReasonLeaveGroup,
        other => {
            if let Some(ms) = other.strip_prefix("no heartbeat for session.timeout.ms=") {
                return tr(lang, T::ReasonSessionTimeout, &[("ms", ms.to_string())]);
            }
            return other.to_string();
        }
    };
    key.get(lang).to_string()
}

/// The event in plain words, if it is one of this area's.
pub(super) fn narrate(ev: &Event, lang: Lang) -> Option<String> {
    let b = |x: &crate::model::BrokerId| x.to_string();
    Some(match ev {
        Event::ConsumerPollTimeout {
            consumer,
            group,
            max_poll_interval_ms,
        } => tr(
            lang,
            T::EvConsumerPollTimeout,
            &[
                ("consumer", consumer.clone()),
                ("group", group.clone()),
                ("ms", max_poll_interval_ms.to_string()),
            ],
        ),
        Event::ConsumerMetadataChanged {
            consumer,
            group,
            topic,
            from,
            to,
        } => tr(
            lang,
            T::EvConsumerMetadataChanged,
            &[
                ("consumer", consumer.clone()),
                ("group", group.clone()),
                ("topic", topic.clone()),
                ("from", from.to_string()),
                ("to", to.to_string()),
            ],
        ),
        Event::ZkOffsetsWritten { group, offsets } => tr(
            lang,
            T::EvZkOffsetsWritten,
            &[("group", group.clone()), ("offsets", offsets.join(", "))],
        ),
        Event::GroupMemberJoined {
            broker,
            group,
            member,
        } => tr(
            lang,
            T::EvGroupMemberJoined,
            &[
                ("broker", b(broker)),
                ("group", group.clone()),
                ("member", member.clone()),
            ],
        ),
        Event::GroupStaticRejoin {
            broker,
            group,
            member,
            generation,
        } => tr(
            lang,
            T::EvGroupStaticRejoin,
            &[
                ("broker", b(broker)),
                ("group", group.clone()),
                ("member", member.clone()),
                ("generation", generation.to_string()),
            ],
        ),
        Event::GroupRebalanceStarted {
            broker,
            group,
            generation,
            reason,
        } => tr(
            lang,
            T::EvGroupRebalanceStarted,
            &[
                ("broker", b(broker)),
                ("group", group.clone()),
                ("generation", generation.to_string()),
                ("reason", group_reason(reason, lang)),
            ],
        ),
        Event::GroupRebalanceCompleted {
            broker,
            group,
            generation,
            leader,
            assignment,
        } => tr(
            lang,
            T::EvGroupRebalanceCompleted,
            &[
                ("broker", b(broker)),
                ("group", group.clone()),
                ("generation", generation.to_string()),
                ("leader", leader.clone()),
                ("assignment", assignment.join(" ")),
            ],
        ),
        Event::GroupMemberRemoved {
            broker,
            group,
            member,
            reason,
        } => tr(
            lang,
            T::EvGroupMemberRemoved,
            &[
                ("broker", b(broker)),
                ("group", group.clone()),
                ("member", member.clone()),
                ("reason", group_reason(reason, lang)),
            ],
        ),
        Event::GroupOffsetsCommitted {
            broker,
            group,
            offsets,
        } => tr(
            lang,
            T::EvGroupOffsetsCommitted,
            &[
                ("broker", b(broker)),
                ("group", group.clone()),
                ("offsets", offsets.join(", ")),
            ],
        ),
        Event::GroupCoordinatorLoaded {
            broker,
            tp,
            commits,
        } => tr(
            lang,
            T::EvGroupCoordinatorLoaded,
            &[
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("count", commits.to_string()),
            ],
        ),
        Event::GroupMetadataLoaded {
            broker,
            group,
            generation,
            state,
            members,
        } => tr(
            lang,
            T::EvGroupMetadataLoaded,
            &[
                ("broker", b(broker)),
                ("group", group.clone()),
                ("generation", generation.to_string()),
                ("state", state.clone()),
                ("members", format!("[{}]", members.join(","))),
            ],
        ),
        Event::Kip848MemberJoined {
            broker,
            group,
            client,
            member,
            group_epoch,
        } => tr(
            lang,
            T::EvKip848MemberJoined,
            &[
                ("broker", b(broker)),
                ("group", group.clone()),
                ("client", client.clone()),
                ("member", member.clone()),
                ("epoch", group_epoch.to_string()),
            ],
        ),
        Event::Kip848MemberLeft {
            broker,
            group,
            client,
            reason,
            group_epoch,
        } => {
            let reason =
                match reason.strip_prefix("no heartbeat for group.consumer.session.timeout.ms=") {
                    Some(ms) => tr(lang, T::Kip848ReasonSession, &[("ms", ms.to_string())]),
                    None => T::Kip848ReasonLeave.get(lang).to_string(),
                };
            tr(
                lang,
                T::EvKip848MemberLeft,
                &[
                    ("broker", b(broker)),
                    ("group", group.clone()),
                    ("client", client.clone()),
                    ("reason", reason),
                    ("epoch", group_epoch.to_string()),
                ],
            )
        }
        Event::Kip848TargetAssignment {
            broker,
            group,
            epoch,
            assignor,
            assignment,
        } => tr(
            lang,
            T::EvKip848TargetAssignment,
            &[
                ("broker", b(broker)),
                ("group", group.clone()),
                ("epoch", epoch.to_string()),
                ("assignor", assignor.clone()),
                ("assignment", assignment.join(" ")),
            ],
        ),
        Event::Kip848MemberReconciled {
            broker,
            group,
            client,
            epoch,
            state,
            assigned,
            revoking,
            awaiting,
        } => {
            let key = match state.as_str() {
                "UNREVOKED_PARTITIONS" => T::EvKip848Unrevoked,
                "UNRELEASED_PARTITIONS" => T::EvKip848Unreleased,
                _ => T::EvKip848Stable,
            };
            tr(
                lang,
                key,
                &[
                    ("broker", b(broker)),
                    ("group", group.clone()),
                    ("client", client.clone()),
                    ("epoch", epoch.to_string()),
                    ("assigned", format!("[{}]", assigned.join(","))),
                    ("revoking", format!("[{}]", revoking.join(","))),
                    ("awaiting", format!("[{}]", awaiting.join(","))),
                ],
            )
        }
        Event::ConsumerReconciled {
            client,
            epoch,
            revoked,
            added,
            owned,
        } => tr(
            lang,
            // "It kept consuming" only when it kept something.
            if owned.iter().any(|t| !added.contains(t)) {
                T::EvConsumerReconciled
            } else {
                T::EvConsumerReconciledFresh
            },
            &[
                ("client", client.clone()),
                ("epoch", epoch.to_string()),
                ("revoked", format!("[{}]", revoked.join(","))),
                ("added", format!("[{}]", added.join(","))),
                ("owned", format!("[{}]", owned.join(","))),
            ],
        ),
        Event::ConsumerCoordinatorMoved {
            client,
            broker,
            generation,
        } => tr(
            lang,
            T::EvConsumerCoordinatorMoved,
            &[
                ("client", client.clone()),
                ("broker", b(broker)),
                ("generation", generation.to_string()),
            ],
        ),
        Event::ConsumerAssigned {
            client,
            generation,
            assigned,
            revoked,
        } => tr(
            lang,
            T::EvConsumerAssigned,
            &[
                ("client", client.clone()),
                ("generation", generation.to_string()),
                ("assigned", format!("[{}]", assigned.join(","))),
                ("revoked", format!("[{}]", revoked.join(","))),
            ],
        ),
        Event::ConsumerOffsetReset {
            client,
            tp,
            policy,
            offset,
            out_of_range,
        } => {
            let mut args = vec![
                ("client", client.clone()),
                ("tp", tp.to_string()),
                ("policy", policy.clone()),
                ("offset", offset.to_string()),
            ];
            match out_of_range {
                None => tr(lang, T::EvConsumerOffsetReset, &args),
                Some(from) => {
                    args.push(("from", from.to_string()));
                    tr(lang, T::EvConsumerOffsetOutOfRange, &args)
                }
            }
        }
        Event::ConsumerFetchSent {
            client,
            broker,
            partitions,
            min_bytes,
            max_wait_ms,
        } => tr(
            lang,
            T::EvConsumerFetchSent,
            &[
                ("client", client.clone()),
                ("broker", b(broker)),
                ("partitions", partitions.join(", ")),
                ("min", min_bytes.to_string()),
                ("wait", max_wait_ms.to_string()),
            ],
        ),
        Event::ConsumerFetchHeld {
            broker,
            client,
            bytes,
            min_bytes,
            max_wait_ms,
        } => tr(
            lang,
            T::EvConsumerFetchHeld,
            &[
                ("broker", b(broker)),
                ("client", client.clone()),
                ("bytes", bytes.to_string()),
                ("min", min_bytes.to_string()),
                ("wait", max_wait_ms.to_string()),
            ],
        ),
        Event::ConsumerFetchAnswered {
            broker,
            client,
            records,
            bytes,
            waited_ms,
            min_bytes,
            answer,
        } => {
            let mut args = vec![
                ("broker", b(broker)),
                ("client", client.clone()),
                ("records", records.to_string()),
                ("bytes", bytes.to_string()),
                ("waited", waited_ms.to_string()),
                ("min", min_bytes.to_string()),
            ];
            let key = match answer {
                FetchAnswer::AtOnce => T::EvConsumerFetchAtOnce,
                FetchAnswer::MinBytes => T::EvConsumerFetchMinBytes,
                FetchAnswer::MaxWait => T::EvConsumerFetchMaxWait,
                FetchAnswer::Error(e) => {
                    args.push(("error", e.clone()));
                    T::EvConsumerFetchError
                }
            };
            tr(lang, key, &args)
        }
        _ => return None,
    })
}
