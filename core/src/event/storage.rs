//! Narration of the log's storage: segments rolled and deleted (Kafka's `UnifiedLog`, `LogSegment`).

use super::Event;
use crate::i18n::{tr, Lang, T};

/// The event in plain words, if it is one of this area's.
pub(super) fn narrate(ev: &Event, lang: Lang) -> Option<String> {
    let b = |x: &crate::model::BrokerId| x.to_string();
    Some(match ev {
        Event::SegmentRolled {
            broker,
            tp,
            base_offset,
        } => tr(
            lang,
            T::EvSegmentRolled,
            &[
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("file", format!("{base_offset:020}.log")),
            ],
        ),
        Event::SegmentsDeleted {
            broker,
            tp,
            count,
            bytes,
            by_size,
            log_start,
        } => tr(
            lang,
            if *by_size {
                T::EvSegmentsDeletedSize
            } else {
                T::EvSegmentsDeletedTime
            },
            &[
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("n", count.to_string()),
                ("bytes", bytes.to_string()),
                ("start", log_start.to_string()),
            ],
        ),
        _ => return None,
    })
}
