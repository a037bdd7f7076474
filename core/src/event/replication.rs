//! Narration of replication: leader and follower roles, the ISR, truncation (Kafka's `ReplicaManager`, `Partition`, `ReplicaFetcherThread`).

use super::Event;
use super::TruncationReason;
use crate::i18n::{tr, Lang, T};
use crate::model::join_ids;

/// The event in plain words, if it is one of this area's.
pub(super) fn narrate(ev: &Event, lang: Lang) -> Option<String> {
    let b = |x: &crate::model::BrokerId| x.to_string();
    Some(match ev {
        Event::IsrShrunk {
            tp,
            controller,
            broker,
            isr,
            epoch_from,
            epoch_to,
        } => tr(
            lang,
            T::EvIsrShrunk,
            &[
                ("controller", b(controller)),
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("isr", join_ids(isr)),
                ("from", epoch_from.to_string()),
                ("to", epoch_to.to_string()),
            ],
        ),
        Event::IsrExpanded {
            tp,
            leader,
            broker,
            isr,
        } => tr(
            lang,
            T::EvIsrExpanded,
            &[
                ("leader", b(leader)),
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("isr", join_ids(isr)),
            ],
        ),
        Event::BecameLeader { broker, tp, epoch } => tr(
            lang,
            T::EvBecameLeader,
            &[
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("epoch", epoch.to_string()),
            ],
        ),
        Event::BecameFollower {
            broker,
            tp,
            leader,
            epoch,
        } => tr(
            lang,
            T::EvBecameFollower,
            &[
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("leader", b(leader)),
                ("epoch", epoch.to_string()),
            ],
        ),
        Event::InvariantBroken { name, detail } => tr(
            lang,
            T::EvInvariantBroken,
            &[("name", name.to_string()), ("detail", detail.clone())],
        ),
        Event::Truncated {
            broker,
            tp,
            from,
            to,
            reason,
        } => {
            let key = match reason {
                TruncationReason::LeaderEpoch => T::EvTruncatedEpoch,
                TruncationReason::HighWatermark => T::EvTruncatedHw,
                TruncationReason::OutOfRange => T::EvTruncatedOutOfRange,
                TruncationReason::LogStart => T::EvTruncatedLogStart,
            };
            tr(
                lang,
                key,
                &[
                    ("broker", b(broker)),
                    ("tp", tp.to_string()),
                    ("from", from.to_string()),
                    ("to", to.to_string()),
                    ("n", from.saturating_sub(*to).to_string()),
                ],
            )
        }
        Event::IsrShrunkByLeader {
            tp,
            leader,
            broker,
            isr,
        } => tr(
            lang,
            T::EvIsrShrunkByLeader,
            &[
                ("leader", b(leader)),
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("isr", join_ids(isr)),
            ],
        ),
        _ => return None,
    })
}
