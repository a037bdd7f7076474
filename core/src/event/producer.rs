//! Narration of the idempotent producer as the broker sees it: producer ids and sequence numbers (Kafka's `ProducerStateManager`).

use super::Event;
use crate::i18n::{tr, Lang, T};

/// The event in plain words, if it is one of this area's.
pub(super) fn narrate(ev: &Event, lang: Lang) -> Option<String> {
    let b = |x: &crate::model::BrokerId| x.to_string();
    Some(match ev {
        Event::ProducerIdAllocated {
            broker,
            producer_id,
        } => tr(
            lang,
            T::EvProducerIdAllocated,
            &[("broker", b(broker)), ("pid", producer_id.to_string())],
        ),
        Event::DuplicateBatch {
            broker,
            tp,
            producer_id,
            first_seq,
            last_seq,
            base_offset,
        } => tr(
            lang,
            T::EvDuplicateBatch,
            &[
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("pid", producer_id.to_string()),
                ("first", first_seq.to_string()),
                ("last", last_seq.to_string()),
                ("offset", base_offset.to_string()),
            ],
        ),
        Event::SequenceRejected {
            broker,
            tp,
            producer_id,
            incoming,
            current,
        } => tr(
            lang,
            T::EvSequenceRejected,
            &[
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("pid", producer_id.to_string()),
                ("incoming", incoming.to_string()),
                ("current", current.to_string()),
            ],
        ),
        _ => return None,
    })
}
