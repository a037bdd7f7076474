//! Narration of the ZooKeeper-era controller and the ensemble: broker registration, sessions, controller election, topics, partition leaders (Kafka's `KafkaController`, `ZkClient`).

use super::ElectionReason;
use super::Event;
use crate::i18n::{tr, Lang, T};
use crate::model::join_ids;

/// The event in plain words, if it is one of this area's.
pub(super) fn narrate(ev: &Event, lang: Lang) -> Option<String> {
    let b = |x: &crate::model::BrokerId| x.to_string();
    Some(match ev {
        Event::BrokerKilled { broker } => tr(lang, T::EvBrokerKilled, &[("broker", b(broker))]),
        Event::BrokerStarted { broker } => tr(lang, T::EvBrokerStarted, &[("broker", b(broker))]),
        Event::BrokerRegistered { broker } => {
            tr(lang, T::EvBrokerRegistered, &[("broker", b(broker))])
        }
        Event::RegistrationBlocked { broker } => {
            tr(lang, T::EvRegistrationBlocked, &[("broker", b(broker))])
        }
        Event::SessionExpired { broker } => tr(lang, T::EvSessionExpired, &[("broker", b(broker))]),
        Event::ControllerGone => tr(lang, T::EvControllerGone, &[]),
        Event::ControllerElected { broker, epoch } => tr(
            lang,
            T::EvControllerElected,
            &[("broker", b(broker)), ("epoch", epoch.to_string())],
        ),
        Event::PartitionsAdded { topic, from, to } => tr(
            lang,
            T::EvPartitionsAdded,
            &[
                ("topic", topic.clone()),
                ("from", from.to_string()),
                ("to", to.to_string()),
            ],
        ),
        Event::InternalTopicCreated {
            broker,
            topic,
            partitions,
            replication_factor,
            kraft,
        } => {
            let (config, default) = if topic == crate::cluster::group::OFFSETS_TOPIC {
                (
                    "offsets.topic.num.partitions",
                    crate::cluster::group::KAFKA_OFFSETS_PARTITIONS,
                )
            } else {
                (
                    "transaction.state.log.num.partitions",
                    crate::cluster::txn::KAFKA_TXN_PARTITIONS,
                )
            };
            tr(
                lang,
                if *kraft {
                    T::EvInternalTopicCreatedKraft
                } else {
                    T::EvInternalTopicCreatedZk
                },
                &[
                    ("broker", broker.to_string()),
                    ("topic", topic.clone()),
                    ("n", partitions.to_string()),
                    ("config", config.to_string()),
                    ("default", default.to_string()),
                    ("rf", replication_factor.to_string()),
                ],
            )
        }
        Event::TopicCreated {
            topic,
            partitions,
            replication_factor,
        } => tr(
            lang,
            T::EvTopicCreated,
            &[
                ("topic", topic.clone()),
                ("partitions", partitions.to_string()),
                ("rf", replication_factor.to_string()),
            ],
        ),
        Event::LeaderElected {
            tp,
            controller,
            leader,
            epoch_from,
            epoch_to,
            isr,
            reason,
        } => {
            let key = match reason {
                ElectionReason::NewPartition => T::EvLeaderElectedNew,
                ElectionReason::Offline => T::EvLeaderElected,
                ElectionReason::Preferred => T::EvLeaderPreferred,
            };
            tr(
                lang,
                key,
                &[
                    ("controller", b(controller)),
                    ("leader", b(leader)),
                    ("tp", tp.to_string()),
                    ("from", epoch_from.to_string()),
                    ("to", epoch_to.to_string()),
                    ("isr", join_ids(isr)),
                ],
            )
        }
        Event::PartitionOffline {
            tp,
            controller,
            isr,
        } => tr(
            lang,
            T::EvPartitionOffline,
            &[
                ("controller", b(controller)),
                ("tp", tp.to_string()),
                ("isr", join_ids(isr)),
            ],
        ),
        Event::StaleControllerFenced { broker, epoch } => tr(
            lang,
            T::EvStaleControllerFenced,
            &[("broker", b(broker)), ("epoch", epoch.to_string())],
        ),
        Event::ZkServerKilled { server } => {
            tr(lang, T::EvZkServerKilled, &[("server", server.to_string())])
        }
        Event::ZkServerStarted { server } => tr(
            lang,
            T::EvZkServerStarted,
            &[("server", server.to_string())],
        ),
        Event::ZkQuorumLost { alive, quorum } => tr(
            lang,
            T::EvZkQuorumLost,
            &[("alive", alive.to_string()), ("quorum", quorum.to_string())],
        ),
        Event::ZkElectionStarted { alive } => tr(
            lang,
            T::EvZkElectionStarted,
            &[("alive", alive.to_string())],
        ),
        Event::ZkLeaderElected {
            server,
            epoch,
            zxid,
        } => tr(
            lang,
            T::EvZkLeaderElected,
            &[
                ("server", server.to_string()),
                ("epoch", epoch.to_string()),
                ("zxid", zxid.clone()),
            ],
        ),
        Event::TopicMarkedForDeletion { topic } => tr(
            lang,
            T::EvTopicMarkedForDeletion,
            &[("topic", topic.clone())],
        ),
        Event::TopicDeletionStarted {
            topic,
            controller,
            brokers,
        } => tr(
            lang,
            T::EvTopicDeletionStarted,
            &[
                ("topic", topic.clone()),
                ("controller", b(controller)),
                ("brokers", crate::model::join_ids(brokers)),
            ],
        ),
        Event::TopicDeletionIneligible {
            topic,
            controller,
            brokers,
        } => tr(
            lang,
            T::EvTopicDeletionIneligible,
            &[
                ("topic", topic.clone()),
                ("controller", b(controller)),
                ("brokers", crate::model::join_ids(brokers)),
            ],
        ),
        Event::ReplicasDeleted {
            broker,
            topic,
            partitions,
        } => tr(
            lang,
            T::EvReplicasDeleted,
            &[
                ("broker", b(broker)),
                ("topic", topic.clone()),
                ("partitions", partitions.to_string()),
            ],
        ),
        Event::TopicDeleted { topic } => tr(lang, T::EvTopicDeleted, &[("topic", topic.clone())]),
        Event::ConfigChanged { entity, configs } => tr(
            lang,
            T::EvConfigChanged,
            &[("entity", entity.clone()), ("configs", configs.clone())],
        ),
        Event::BrokerLostZkSession { broker } => {
            tr(lang, T::EvBrokerLostZkSession, &[("broker", b(broker))])
        }
        _ => return None,
    })
}
