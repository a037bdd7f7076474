//! Narration of KRaft mode: the controller quorum, the metadata log and broker registration (Kafka's `KafkaRaftClient`, `QuorumController`).

use super::Event;
use crate::i18n::{tr, Lang, T};
use crate::model::join_ids;

/// The event in plain words, if it is one of this area's.
pub(super) fn narrate(ev: &Event, lang: Lang) -> Option<String> {
    let b = |x: &crate::model::BrokerId| x.to_string();
    Some(match ev {
        Event::KraftBrokerKilled { broker } => {
            tr(lang, T::EvKraftBrokerKilled, &[("broker", b(broker))])
        }
        Event::KraftBrokerStarted { broker } => {
            tr(lang, T::EvKraftBrokerStarted, &[("broker", b(broker))])
        }
        Event::KraftControllerKilled { node } => tr(
            lang,
            T::EvKraftControllerKilled,
            &[("node", node.to_string())],
        ),
        Event::KraftControllerStarted { node } => tr(
            lang,
            T::EvKraftControllerStarted,
            &[("node", node.to_string())],
        ),
        Event::KraftPreVote { node, epoch } => tr(
            lang,
            T::EvKraftPreVote,
            &[("node", node.to_string()), ("epoch", epoch.to_string())],
        ),
        Event::KraftCandidate { node, epoch } => tr(
            lang,
            T::EvKraftCandidate,
            &[("node", node.to_string()), ("epoch", epoch.to_string())],
        ),
        Event::KraftLeaderElected { node, epoch, votes } => tr(
            lang,
            T::EvKraftLeaderElected,
            &[
                ("node", node.to_string()),
                ("epoch", epoch.to_string()),
                ("votes", join_ids(votes)),
            ],
        ),
        Event::KraftFollower {
            node,
            epoch,
            leader,
        } => tr(
            lang,
            T::EvKraftFollower,
            &[
                ("node", node.to_string()),
                ("epoch", epoch.to_string()),
                ("leader", leader.to_string()),
            ],
        ),
        Event::KraftLogTruncated {
            node,
            observer,
            offset,
        } => tr(
            lang,
            T::EvKraftLogTruncated,
            &[
                (
                    "node",
                    if *observer {
                        format!("broker {node}")
                    } else {
                        format!("controller {node}")
                    },
                ),
                ("offset", offset.to_string()),
            ],
        ),
        Event::KraftSnapshotWritten {
            node,
            observer,
            end_offset,
            epoch,
        } => tr(
            lang,
            T::EvKraftSnapshotWritten,
            &[
                ("node", kraft_node(lang, *node, *observer)),
                ("offset", end_offset.to_string()),
                ("epoch", epoch.to_string()),
            ],
        ),
        Event::KraftMetadataLogCleaned {
            node,
            observer,
            log_start_offset,
        } => tr(
            lang,
            T::EvKraftMetadataLogCleaned,
            &[
                ("node", kraft_node(lang, *node, *observer)),
                ("offset", log_start_offset.to_string()),
            ],
        ),
        Event::KraftSnapshotFetched {
            node,
            observer,
            end_offset,
            epoch,
            leader,
        } => tr(
            lang,
            T::EvKraftSnapshotFetched,
            &[
                ("node", kraft_node(lang, *node, *observer)),
                ("offset", end_offset.to_string()),
                ("epoch", epoch.to_string()),
                ("leader", leader.to_string()),
            ],
        ),
        Event::KraftFetchTimeout { node, epoch } => tr(
            lang,
            T::EvKraftFetchTimeout,
            &[("node", node.to_string()), ("epoch", epoch.to_string())],
        ),
        Event::KraftControllerShuttingDown {
            node,
            epoch,
            led,
            successors,
        } => {
            let key = match (led, successors.is_empty()) {
                (false, _) => T::EvKraftControllerShuttingDownFollower,
                (true, true) => T::EvKraftControllerShuttingDownAlone,
                (true, false) => T::EvKraftControllerShuttingDown,
            };
            tr(
                lang,
                key,
                &[
                    ("node", node.to_string()),
                    ("epoch", epoch.to_string()),
                    ("successors", join_ids(successors)),
                ],
            )
        }
        Event::KraftEndQuorumEpoch {
            node,
            leader,
            epoch,
            place,
            backoff_ms,
        } => tr(
            lang,
            T::EvKraftEndQuorumEpoch,
            &[
                ("node", node.to_string()),
                ("leader", leader.to_string()),
                ("epoch", epoch.to_string()),
                ("place", place.to_string()),
                ("ms", backoff_ms.to_string()),
            ],
        ),
        Event::KraftControllerStopped { node, timed_out } => tr(
            lang,
            if *timed_out {
                T::EvKraftControllerStoppedTimeout
            } else {
                T::EvKraftControllerStopped
            },
            &[("node", node.to_string())],
        ),
        Event::KraftLeaderResigned { node, epoch } => tr(
            lang,
            T::EvKraftLeaderResigned,
            &[("node", node.to_string()), ("epoch", epoch.to_string())],
        ),
        Event::KraftControllerActivated {
            node,
            epoch,
            offset,
        } => tr(
            lang,
            T::EvKraftControllerActivated,
            &[
                ("node", node.to_string()),
                ("epoch", epoch.to_string()),
                ("offset", offset.to_string()),
            ],
        ),
        Event::KraftBrokerRegistered {
            controller,
            broker,
            broker_epoch,
        } => tr(
            lang,
            T::EvKraftBrokerRegistered,
            &[
                ("controller", controller.to_string()),
                ("broker", b(broker)),
                ("epoch", broker_epoch.to_string()),
            ],
        ),
        Event::KraftBrokerFenced {
            controller,
            broker,
            session_timeout_ms,
        } => tr(
            lang,
            T::EvKraftBrokerFenced,
            &[
                ("controller", controller.to_string()),
                ("broker", b(broker)),
                ("ms", session_timeout_ms.to_string()),
            ],
        ),
        Event::KraftBrokerStopped { broker } => {
            tr(lang, T::EvKraftBrokerStopped, &[("broker", b(broker))])
        }
        Event::KraftTopicRemoved { controller, topic } => tr(
            lang,
            T::EvKraftTopicRemoved,
            &[
                ("controller", controller.to_string()),
                ("topic", topic.clone()),
            ],
        ),
        Event::KraftLeadersBalanced {
            controller,
            partitions,
        } => tr(
            lang,
            T::EvKraftLeadersBalanced,
            &[
                ("controller", controller.to_string()),
                ("n", partitions.to_string()),
            ],
        ),
        Event::KraftControlledShutdown { controller, broker } => tr(
            lang,
            T::EvKraftControlledShutdown,
            &[
                ("controller", controller.to_string()),
                ("broker", b(broker)),
            ],
        ),
        Event::KraftBrokerShutdownNow { controller, broker } => tr(
            lang,
            T::EvKraftBrokerShutdownNow,
            &[
                ("controller", controller.to_string()),
                ("broker", b(broker)),
            ],
        ),
        Event::KraftBrokerUnfenced {
            controller,
            broker,
            metadata_offset,
            register_offset,
        } => tr(
            lang,
            T::EvKraftBrokerUnfenced,
            &[
                ("controller", controller.to_string()),
                ("broker", b(broker)),
                ("offset", metadata_offset.to_string()),
                ("reg", register_offset.to_string()),
            ],
        ),
        Event::KraftPartitionChanged {
            controller,
            tp,
            leader,
            leader_epoch,
            isr,
            elr,
        } => tr(
            lang,
            T::EvKraftPartitionChanged,
            &[
                ("controller", controller.to_string()),
                ("tp", tp.to_string()),
                ("leader", leader.map_or("-1".to_string(), |l| l.to_string())),
                ("epoch", leader_epoch.to_string()),
                ("isr", join_ids(isr)),
                ("elr", join_ids(elr)),
            ],
        ),
        Event::KraftProducerIdAllocated {
            broker,
            producer_id,
        } => tr(
            lang,
            T::EvKraftProducerIdAllocated,
            &[("broker", b(broker)), ("pid", producer_id.to_string())],
        ),
        _ => return None,
    })
}

/// "controller 3000" / "broker 2" in the page's language.
fn kraft_node(lang: Lang, node: u32, observer: bool) -> String {
    let key = if observer {
        T::SnapNodeBroker
    } else {
        T::SnapNodeController
    };
    tr(lang, key, &[("id", node.to_string())])
}
