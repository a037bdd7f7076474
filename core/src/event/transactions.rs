//! Narration of transactions: the coordinator's state machine, markers, fencing (Kafka's `TransactionCoordinator`).

use super::Event;
use crate::i18n::{tr, Lang, T};

/// The event in plain words, if it is one of this area's.
pub(super) fn narrate(ev: &Event, lang: Lang) -> Option<String> {
    let b = |x: &crate::model::BrokerId| x.to_string();
    Some(match ev {
        Event::TxnCoordinatorFound {
            client,
            transactional_id,
            broker,
            partition,
        } => tr(
            lang,
            T::EvTxnCoordinatorFound,
            &[
                ("client", client.clone()),
                ("txn", transactional_id.clone()),
                ("broker", b(broker)),
                ("partition", partition.to_string()),
            ],
        ),
        Event::TxnProducerIdInit {
            broker,
            transactional_id,
            producer_id,
            epoch,
        } => tr(
            lang,
            T::EvTxnProducerIdInit,
            &[
                ("broker", b(broker)),
                ("txn", transactional_id.clone()),
                ("pid", producer_id.to_string()),
                ("epoch", epoch.to_string()),
            ],
        ),
        Event::TxnStateChanged {
            broker,
            transactional_id,
            producer_id,
            epoch,
            from,
            to,
            partitions,
        } => tr(
            lang,
            T::EvTxnStateChanged,
            &[
                ("broker", b(broker)),
                ("txn", transactional_id.clone()),
                ("pid", producer_id.to_string()),
                ("epoch", epoch.to_string()),
                ("from", from.to_string()),
                ("to", to.to_string()),
                ("partitions", partitions.join(",")),
            ],
        ),
        Event::TxnMarkerWritten {
            broker,
            tp,
            marker,
            producer_id,
            epoch,
            offset,
        } => tr(
            lang,
            T::EvTxnMarkerWritten,
            &[
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("marker", marker.to_string()),
                ("pid", producer_id.to_string()),
                ("epoch", epoch.to_string()),
                ("offset", offset.to_string()),
            ],
        ),
        Event::TxnTimedOut {
            broker,
            transactional_id,
            producer_id,
            epoch,
            timeout_ms,
        } => tr(
            lang,
            T::EvTxnTimedOut,
            &[
                ("broker", b(broker)),
                ("txn", transactional_id.clone()),
                ("pid", producer_id.to_string()),
                ("epoch", epoch.to_string()),
                ("timeout", timeout_ms.to_string()),
            ],
        ),
        Event::TxnCoordinatorLoaded {
            broker,
            tp,
            coordinator_epoch,
            transactions,
        } => tr(
            lang,
            T::EvTxnCoordinatorLoaded,
            &[
                ("broker", b(broker)),
                ("tp", tp.to_string()),
                ("epoch", coordinator_epoch.to_string()),
                ("count", transactions.to_string()),
            ],
        ),
        Event::ProducerFencedByEpoch {
            broker,
            tp,
            producer_id,
            incoming,
            current,
        } => tr(
            lang,
            T::EvProducerFencedByEpoch,
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
