//! `kafka-topics.sh --alter` (`createPartitions`, and the hint of keys that move) and
//! `--delete` (`deleteTopics`, with the wait hints while a deletion cannot finish): the
//! topic changes of `TopicCommand`.

use super::*;

/// `--alter --topic T --partitions N`: the admin client's `createPartitions` (or, with Kafka
/// 2.3's `--zookeeper`, the tool's own `AdminZkClient.addPartitions`). The new partitions'
/// replicas are placed where Kafka places them; the controller starts them as it starts a
/// new topic's. Then a lab hint shows keys that now land elsewhere (murmur2 % N changed).
pub(super) fn alter(
    cluster: &mut Cluster,
    p: &crate::cli::args::Parsed,
    lang: Lang,
) -> Result<String, String> {
    let version = cluster.client_version;
    let zk = p.has("zookeeper");
    let topic = p
        .value("topic")
        .ok_or_else(|| "Missing required argument \"[topic]\"".to_string())?;
    let count: u32 = p
        .number("partitions")?
        .ok_or_else(|| "Missing required argument \"[partitions]\"".to_string())?;
    let Some(existing) = cluster
        .topics_meta()
        .get(topic)
        .map(|t| t.assignment.len() as u32)
    else {
        let hint = tr(
            lang,
            T::CliHint,
            &[(
                "text",
                tr(lang, T::CliTopicMissing, &[("topic", topic.to_string())]),
            )],
        );
        if p.has("if-exists") {
            return Ok(String::new());
        }
        let e = if version == ClientVersion::V2_3 {
            "Topics in [] does not exist".to_string()
        } else {
            format!("Topic 'Optional[{topic}]' does not exist as expected")
        };
        return Err(format!("{}\n{hint}", tool_error(e)));
    };
    if topic.starts_with("__") {
        return Err(tool_error(
            "The number of partitions for the internal topics[__consumer_offsets, __transaction_state] cannot be changed.",
        ));
    }
    if count > MAX_PARTITIONS {
        return Err(format!(
            "the lab simulates at most {MAX_PARTITIONS} partitions per topic"
        ));
    }
    if count <= existing {
        // The tool's AdminZkClient (--zookeeper) and the broker's ZkAdminManager word it
        // differently.
        return Err(tool_error(if zk {
            format!("The number of partitions for a topic can only be increased. Topic {topic} currently has {existing} partitions, {count} would not be an increase.")
        } else if count == existing {
            format!("Topic already has {existing} partitions.")
        } else {
            format!("Topic currently has {existing} partitions, which is higher than the requested {count}.")
        }));
    }
    let request = cluster
        .admin_request(crate::cluster::AdminRequest::CreatePartitions {
            topic: topic.to_string(),
            count,
        })
        .ok_or_else(|| {
            tool_error("Timed out waiting for a node assignment. Call: createPartitions")
        })?;
    // Like DelayedCreatePartitions, wait until a broker's metadata has every new partition
    // with a leader.
    cluster.run_until(API_TIMEOUT_MS, |c| {
        c.admin_response(request).is_some()
            && c.metadata_broker().is_some_and(|b| {
                let led = b
                    .metadata
                    .partitions
                    .values()
                    .filter(|s| s.tp.topic == topic && s.state.leader.is_some())
                    .count();
                led as u32 >= count
            })
    });
    match cluster.admin_response(request) {
        None => {
            return Err(tool_error(
                "Timed out waiting for a node assignment. Call: createPartitions",
            ))
        }
        Some(Err(e)) => return Err(tool_error(e)),
        Some(Ok(())) => {}
    }
    let mut out = String::new();
    if zk {
        out.push_str("WARNING: If partitions are increased for a topic that has a key, the partition logic or ordering of the messages will be affected\nAdding partitions succeeded!\n");
    }
    out.push_str(&keys_moved(cluster, topic, existing, count, lang));
    Ok(out)
}

/// Kafka's internal topics (`Topic.isInternal`).
pub(super) const INTERNAL_TOPICS: [&str; 2] = ["__consumer_offsets", "__transaction_state"];

/// `--delete --topic T`. With Kafka 2.x's `--zookeeper` the tool creates
/// `/admin/delete_topics/T` itself and prints that the topic is marked; with
/// `--bootstrap-server` the admin client's DeleteTopics asks a broker to create it, then waits
/// (the broker's `DelayedDeleteTopics`, 30 s) until the topic has left the metadata, and prints
/// nothing. The controller does the deletion either way.
pub(super) fn delete(
    cluster: &mut Cluster,
    p: &crate::cli::args::Parsed,
    lang: Lang,
) -> Result<String, String> {
    let version = cluster.client_version;
    let zk = p.has("zookeeper");
    let filter = p
        .value("topic")
        .filter(|t| !t.is_empty())
        .ok_or_else(|| "Missing required argument \"[topic]\"".to_string())?;
    // The tool's getTopics: ZooKeeper's topic list, or the admin client's listTopics.
    let names: Vec<String> = if zk {
        cluster
            .topics_meta()
            .keys()
            .filter(|n| {
                filter
                    .split([',', '|'])
                    .any(|pat| pattern_matches(pat.trim(), n))
            })
            .cloned()
            .collect()
    } else {
        topic_names(cluster, Some(filter))?
    };
    if names.is_empty() {
        if p.has("if-exists") {
            return Ok(String::new());
        }
        let hint = tr(
            lang,
            T::CliHint,
            &[(
                "text",
                tr(lang, T::CliTopicMissing, &[("topic", filter.to_string())]),
            )],
        );
        let e = if version == ClientVersion::V2_3 {
            "Topics in [] does not exist".to_string()
        } else {
            format!("Topic 'Optional[{filter}]' does not exist as expected")
        };
        return Err(format!("{}\n{hint}", tool_error(e)));
    }
    let mut out = String::new();
    for name in &names {
        if INTERNAL_TOPICS.contains(&name.as_str()) {
            if zk {
                return Err(format!(
                    "{out}{}",
                    tool_error(format!("Topic {name} is a kafka internal topic and is not allowed to be marked for deletion."))
                ));
            }
            return Err(format!("{out}{}", tr(lang, T::CliDeleteInternalAdmin, &[])));
        }
        if zk {
            let request = cluster.zk_mark_topic_deletion(name);
            cluster.run_until(API_TIMEOUT_MS, |c| c.admin_response(request).is_some());
            match cluster.admin_response(request) {
                Some(Ok(())) => out.push_str(&format!(
                    "Topic {name} is marked for deletion.\nNote: This will have no impact if delete.topic.enable is not set to true.\n"
                )),
                Some(Err(e)) if e.ends_with("already marked for deletion") => {
                    out.push_str(&format!("Topic {name} is already marked for deletion.\n"))
                }
                _ => {
                    return Err(format!(
                        "{out}{}",
                        tool_error(format!("Error while deleting topic {name}"))
                    ))
                }
            }
            out.push_str(&deletion_wait_hint(cluster, name, lang));
            continue;
        }
        let request = cluster
            .admin_request(crate::cluster::AdminRequest::DeleteTopic(name.clone()))
            .ok_or_else(|| {
                tool_error("Timed out waiting for a node assignment. Call: deleteTopics")
            })?;
        cluster.run_until(API_TIMEOUT_MS, |c| c.admin_response(request).is_some());
        match cluster.admin_response(request) {
            None => {
                return Err(tool_error(
                    "Timed out waiting for a node assignment. Call: deleteTopics",
                ))
            }
            Some(Err(e)) => {
                // The broker's error code reaches the client, not AdminZkClient's words.
                let e = if e.starts_with("org.apache.kafka.common.errors.TimeoutException") {
                    // The admin client gave up by itself.
                    e.as_str()
                } else if e.ends_with("does not exist") {
                    "org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition."
                } else {
                    "org.apache.kafka.common.errors.UnknownServerException: The server experienced an unexpected error when processing the request."
                };
                return Err(format!("{out}{}", tool_error(e)));
            }
            Some(Ok(())) => {}
        }
        // DelayedDeleteTopics: answered once the topic has left the broker's metadata cache,
        // else REQUEST_TIMED_OUT after the request's timeout (30 s).
        let gone = |c: &Cluster| {
            c.metadata_broker()
                .is_some_and(|b| !b.metadata.partitions.keys().any(|tp| &tp.topic == name))
        };
        cluster.run_until(30_000, gone);
        if !gone(cluster) {
            return Err(format!(
                "{out}{}\n{}",
                tool_error(
                    "org.apache.kafka.common.errors.TimeoutException: The request timed out."
                ),
                deletion_wait_hint(cluster, name, lang).trim_end()
            ));
        }
    }
    Ok(out)
}

/// A lab hint when the deletion of `topic` must wait for dead brokers holding its replicas.
pub(super) fn deletion_wait_hint(cluster: &Cluster, topic: &str, lang: Lang) -> String {
    let dead: Vec<crate::model::BrokerId> = cluster
        .topics_meta()
        .get(topic)
        .map(|t| {
            let hosts: std::collections::BTreeSet<_> =
                t.assignment.values().flatten().copied().collect_set();
            hosts
                .into_iter()
                .filter(|b| !cluster.brokers.get(b).is_some_and(|x| x.alive))
                .collect()
        })
        .unwrap_or_default();
    if dead.is_empty() {
        return String::new();
    }
    let text = tr(
        lang,
        T::CliDeleteWaits,
        &[("topic", topic.to_string()), ("brokers", join_ids(&dead))],
    );
    tr(lang, T::CliHint, &[("text", text)]) + "\n"
}

/// A lab hint naming keys that land on another partition now: the keys sent to `topic` so
/// far first, then `user-1` …, murmur2 % `from` against murmur2 % `to`.
pub fn keys_moved(cluster: &Cluster, topic: &str, from: u32, to: u32, lang: Lang) -> String {
    use crate::partitioner::partition_for_key;
    let mut keys: Vec<String> = Vec::new();
    for s in cluster.ledger.sends.values() {
        if let Some(k) = s.key.as_ref().filter(|_| s.tp.topic == topic) {
            if !keys.iter().any(|x| **x == **k) {
                keys.push(k.to_string());
            }
        }
    }
    // Then a few more, so the hint can show a key that moved even when the topic's own
    // keys happen to stay.
    for i in 1..=20 {
        let k = format!("user-{i}");
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let moved: Vec<String> = keys
        .iter()
        .filter_map(|k| {
            let (a, b) = (
                partition_for_key(k.as_bytes(), from),
                partition_for_key(k.as_bytes(), to),
            );
            (a != b).then(|| format!("{k}: {topic}-{a} → {topic}-{b}"))
        })
        .take(2)
        .collect();
    let args = [
        ("from", from.to_string()),
        ("to", to.to_string()),
        ("moved", moved.join(", ")),
    ];
    let text = if moved.is_empty() {
        tr(lang, T::CliKeysNotMoved, &args)
    } else {
        tr(lang, T::CliKeysMoved, &args)
    };
    tr(lang, T::CliHint, &[("text", text)]) + "\n"
}
