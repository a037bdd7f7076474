//! `consumer add|poll|commit|kill|leave|describe` (consumer clients in a group) and
//! `kafka-consumer-groups.sh --list | --describe | --reset-offsets`.
//!
//! `consumer poll` is the application's `poll(timeout)`: the consumer sends Fetch requests to
//! its partitions' leaders and virtual time runs until records come or the timeout passes (see
//! `cluster::consumer`).

// Headers are written as Kafka's format strings lay them out.
#![allow(clippy::write_literal)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::args::{flag, parse, value};
use crate::assignor::{format_assignment_column, AssignmentColumnStyle, AssignorKind};
use crate::cluster::consumer::{ConsumerConfig, ConsumerState, GroupProtocol};
use crate::cluster::group::{
    GroupRequest, GroupResponse, GroupState, KAFKA_OFFSETS_PARTITIONS, LAB_OFFSETS_PARTITIONS,
    OFFSETS_TOPIC,
};
use crate::cluster::kip848::{CONSUMER_HEARTBEAT_INTERVAL_MS, CONSUMER_SESSION_TIMEOUT_MS};
use crate::cluster::msg::Msg;
use crate::cluster::Cluster;
use crate::i18n::{tr, Lang, T};
use crate::log::Record;
use crate::model::{NodeId, TopicPartition};

/// How long a command waits for the group (a rebalance can wait for a session timeout).
const WAIT_MS: u64 = 60_000;

pub(super) fn ensure_offsets_topic(
    cluster: &mut Cluster,
    budget: u64,
    out: &mut String,
) -> Result<(), String> {
    if let Some(request) = cluster.ensure_offsets_topic() {
        let start = cluster.processed();
        cluster.run_until(30_000, |c| {
            c.admin_response(request).is_some() || c.processed() - start >= budget
        });
        match cluster.admin_response(request) {
            Some(Ok(())) => {
                let _ = writeln!(
                    out,
                    "Created the internal topic {OFFSETS_TOPIC}: {LAB_OFFSETS_PARTITIONS} partitions (the lab's offsets.topic.num.partitions; Kafka's default is {KAFKA_OFFSETS_PARTITIONS}), replication factor {}.",
                    cluster.brokers.len().min(3)
                );
                // Let the new partitions get their leaders.
                cluster.run_until(10_000, Cluster::is_settled);
            }
            Some(Err(e)) => return Err(format!("could not create {OFFSETS_TOPIC}: {e}")),
            None => return Err(format!("{OFFSETS_TOPIC} was not created in time")),
        }
    }
    Ok(())
}

/// `consumer ...`.
pub fn consumer(cluster: &mut Cluster, args: &[String], budget: u64) -> Result<String, String> {
    let usage = "consumer: add --group G --id ID --topics T[,T] [--assignor A] [--instance-id I] [--consumer-property k=v]... (group.protocol=consumer for KIP-848) | poll ID [--max N] [--timeout-ms T] | run ID [--interval-ms N] | pause ID | commit ID | kill ID | leave ID | stall ID | offsets-storage --group G zookeeper|kafka | describe";
    let (sub, rest) = args.split_first().ok_or(usage)?;
    let p = parse(
        rest,
        &[
            value("group"),
            value("id"),
            value("topics"),
            value("assignor"),
            value("instance-id"),
            value("consumer-property"),
            value("max"),
            value("timeout-ms"),
            value("interval-ms"),
        ],
    )?;
    let named = |cluster: &Cluster| -> Result<u32, String> {
        let [id] = p.positional.as_slice() else {
            return Err(tr(
                Lang::En,
                T::CliConsumerGiveId,
                &[("sub", sub.to_string())],
            ));
        };
        cluster.consumer_named(id).ok_or_else(|| {
            format!("consumer {sub}: there is no consumer {id} (add one with consumer add)")
        })
    };
    match sub.as_str() {
        "add" => {
            p.only_options("consumer add: ")?;
            let group = p
                .value("group")
                .ok_or("consumer add: --group is required")?;
            let id = p.value("id").ok_or("consumer add: --id is required")?;
            let topics: BTreeSet<String> = p
                .value("topics")
                .ok_or("consumer add: --topics is required")?
                .split(',')
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect();
            if group.is_empty() || id.is_empty() || topics.is_empty() {
                return Err("consumer add: --group, --id and --topics must not be empty".into());
            }
            for t in &topics {
                if !cluster.topics_meta().contains_key(t) {
                    return Err(format!("consumer add: topic {t} does not exist"));
                }
            }
            if let Some(c) = cluster.consumer_named(id).map(|n| &cluster.consumers[&n]) {
                if c.is_alive() {
                    return Err(format!(
                        "consumer add: consumer {id} is running (kill or leave it first)"
                    ));
                }
            }
            let mut config = ConsumerConfig::new(group, topics);
            if let Some(a) = p.value("assignor") {
                config.assignor = AssignorKind::parse(a).ok_or_else(|| {
                    format!("consumer add: unknown assignor {a} (range, roundrobin, sticky, cooperative-sticky)")
                })?;
            }
            for kv in p.values("consumer-property") {
                let (k, v) = kv.split_once('=').ok_or_else(|| {
                    format!("consumer add: invalid property '{kv}' (write key=value)")
                })?;
                config
                    .set(k.trim(), v)
                    .map_err(|e| format!("consumer add: {e}"))?;
            }
            if let Some(i) = p.value("instance-id") {
                config.instance_id = Some(i.to_string());
            }
            if config.offsets_in_zookeeper && cluster.mode() == crate::kraft::MetadataMode::Kraft {
                return Err(crate::i18n::tr(
                    crate::i18n::Lang::En,
                    crate::i18n::T::CliZkOnlyKraft,
                    &[("cmd", "offsets.storage=zookeeper".into())],
                ));
            }
            let kip848 = config.group_protocol == GroupProtocol::Consumer;
            if kip848 {
                // Kafka 4.0's ConsumerConfig refuses the classic protocol's knobs here.
                if p.value("assignor").is_some() {
                    return Err("consumer add: partition.assignment.strategy (--assignor) cannot be set when group.protocol=consumer; use group.remote.assignor (uniform, range)".into());
                }
                for kv in p.values("consumer-property") {
                    let k = kv.split_once('=').map_or(kv.as_str(), |(k, _)| k).trim();
                    if [
                        "partition.assignment.strategy",
                        "session.timeout.ms",
                        "heartbeat.interval.ms",
                    ]
                    .contains(&k)
                    {
                        return Err(format!("consumer add: {k} cannot be set when group.protocol=consumer (the broker sets it: group.consumer.*)"));
                    }
                }
                config.session_timeout_ms = CONSUMER_SESSION_TIMEOUT_MS;
                config.heartbeat_interval_ms = CONSUMER_HEARTBEAT_INTERVAL_MS;
            } else if config.remote_assignor.is_some() {
                return Err(
                    "consumer add: group.remote.assignor needs group.protocol=consumer".into(),
                );
            }
            if let Some(g) = cluster
                .group_coordinator(group)
                .and_then(|b| b.groups.groups.get(group))
            {
                let consumer_members = g.consumer.as_ref().map_or(0, |c| c.members.len());
                if kip848 && !g.members.is_empty() {
                    return Err(format!("consumer add: INCONSISTENT_GROUP_PROTOCOL: group {group} runs the classic protocol; the lab does not mix classic and consumer (KIP-848) members in one group (Kafka 4.0 can, under group.consumer.migration.policy)"));
                }
                if !kip848 && consumer_members > 0 {
                    return Err(format!("consumer add: INCONSISTENT_GROUP_PROTOCOL: group {group} runs the consumer protocol (KIP-848); the lab does not mix classic and consumer members in one group (Kafka 4.0 can, under group.consumer.migration.policy)"));
                }
            }
            let mut out = String::new();
            let blocked = cluster.consumer_join_blocked();
            ensure_offsets_topic(cluster, budget, &mut out).map_err(|e| {
                let error = ("error", e.clone());
                match blocked {
                    Some(crate::cluster::ConsumerJoinBlocked::OffsetsTopicNeedsBrokers {
                        dead,
                        ..
                    }) if !dead.is_empty() => tr(
                        Lang::En,
                        if dead.len() == 1 {
                            T::CliConsumerAddDeadBroker
                        } else {
                            T::CliConsumerAddDeadBrokers
                        },
                        &[
                            error,
                            ("dead", crate::model::join_ids(&dead)),
                            ("first", dead[0].to_string()),
                        ],
                    ),
                    Some(crate::cluster::ConsumerJoinBlocked::ZkNoQuorum) => {
                        tr(Lang::En, T::CliConsumerAddNoQuorum, &[error])
                    }
                    _ => format!("consumer add: {e}"),
                }
            })?;
            let n = cluster.start_consumer(id, config);
            let start = cluster.processed();
            cluster.run_until(2_000, |c| {
                c.consumers[&n].state != ConsumerState::FindingCoordinator
                    || c.processed() - start >= budget
            });
            let c = &cluster.consumers[&n];
            if kip848 {
                let _ = writeln!(
                    out,
                    "Consumer {id} started in group {group} (group.protocol=consumer: KIP-848, Kafka 4.0; member id {} made up by the client; group.remote.assignor={}; the broker sets group.consumer.heartbeat.interval.ms={} and group.consumer.session.timeout.ms={}); coordinator: {}.",
                    c.member_id.as_deref().unwrap_or("-"),
                    c.config.remote_assignor.map_or("uniform (the broker's default)", |a| a.name()),
                    CONSUMER_HEARTBEAT_INTERVAL_MS,
                    CONSUMER_SESSION_TIMEOUT_MS,
                    c.coordinator.map_or("not found yet".to_string(), |b| format!("broker {b}"))
                );
                return Ok(out);
            }
            let _ = writeln!(
                out,
                "Consumer {id} started in group {group} ({}; session.timeout.ms={} as in Kafka 3.x, 10000 before 3.0; heartbeat.interval.ms={}); coordinator: {}.",
                c.config.assignor.name(),
                c.config.session_timeout_ms,
                c.config.heartbeat_interval_ms,
                c.coordinator.map_or("not found yet".to_string(), |b| format!("broker {b}"))
            );
            Ok(out)
        }
        "poll" => {
            let n = named(cluster)?;
            let mut out = String::new();
            if cluster.consumers[&n].stalled {
                // The application polls again: a consumer that left on the poll timeout rejoins.
                let left = !cluster.consumers[&n].is_alive();
                cluster.with_consumer(n, |c, ctx| {
                    c.stalled = false;
                    if left {
                        c.start(ctx);
                    }
                });
                if left {
                    out.push_str(
                        "poll() again after the poll timeout: the consumer rejoins its group.\n",
                    );
                }
            }
            out.push_str(&poll(
                cluster,
                n,
                p.number("max")?,
                p.number("timeout-ms")?,
                budget,
            )?);
            Ok(out)
        }
        "run" => {
            let n = named(cluster)?;
            let every: u64 = p.number("interval-ms")?.unwrap_or(APP_POLL_MS);
            if !(1..=60_000).contains(&every) {
                return Err(T::CliRunInterval.get(Lang::En).to_string());
            }
            if !cluster.consumers[&n].is_alive() {
                return Err(tr(
                    Lang::En,
                    T::CliRunNotAlive,
                    &[("id", cluster.consumers[&n].name.clone())],
                ));
            }
            cluster.with_consumer(n, |c, ctx| c.run_app(ctx, every));
            let c = &cluster.consumers[&n];
            let key = if c.config.enable_auto_commit {
                T::CliRunStarted
            } else {
                T::CliRunStartedNoCommit
            };
            let args = [
                ("id", c.name.clone()),
                ("every", every.to_string()),
                ("commit", c.config.auto_commit_interval_ms.to_string()),
            ];
            Ok(tr(Lang::En, key, &args) + "\n")
        }
        "pause" => {
            let n = named(cluster)?;
            if cluster.consumers[&n].app_poll_ms.is_none() {
                return Err(tr(
                    Lang::En,
                    T::CliPauseNone,
                    &[("id", cluster.consumers[&n].name.clone())],
                ));
            }
            cluster.with_consumer(n, |c, _| c.pause_app());
            Ok(tr(
                Lang::En,
                T::CliPaused,
                &[("id", cluster.consumers[&n].name.clone())],
            ) + "\n")
        }
        "stall" => {
            let n = named(cluster)?;
            if !cluster.consumers[&n].is_alive() {
                return Err(format!(
                    "consumer stall: consumer {} is not running",
                    cluster.consumers[&n].name
                ));
            }
            cluster.with_consumer(n, |c, ctx| c.stall(ctx));
            let c = &cluster.consumers[&n];
            Ok(format!(
                "The application behind {} stops calling poll(): its heartbeats go on, but after max.poll.interval.ms ({} ms) it leaves the group.\n",
                c.name, c.config.max_poll_interval_ms
            ))
        }
        "offsets-storage" => {
            // Kafka 0.8.2's consumer config: where commits go. Every member of the group is
            // restarted with it in a real deployment; the lab switches them in place.
            let (Some(group), [storage]) = (p.value("group"), p.positional.as_slice()) else {
                return Err(
                    "consumer offsets-storage: give --group G and zookeeper (before 0.9) or kafka (0.9 and later)"
                        .into(),
                );
            };
            let zk = match storage.as_str() {
                "zookeeper" if cluster.mode() == crate::kraft::MetadataMode::Kraft => {
                    return Err(crate::i18n::tr(
                        crate::i18n::Lang::En,
                        crate::i18n::T::CliZkOnlyKraft,
                        &[("cmd", "consumer offsets-storage zookeeper".into())],
                    ))
                }
                "zookeeper" => true,
                "kafka" => false,
                other => return Err(format!("consumer offsets-storage: Invalid value {other} for configuration offsets.storage: must be zookeeper or kafka")),
            };
            let members: Vec<u32> = cluster
                .consumers
                .iter()
                .filter(|(_, c)| c.config.group == group)
                .map(|(&n, _)| n)
                .collect();
            if members.is_empty() {
                return Err(format!(
                    "consumer offsets-storage: group {group} has no consumer"
                ));
            }
            for n in &members {
                if let Some(c) = cluster.consumers.get_mut(n) {
                    c.config.offsets_in_zookeeper = zk;
                }
            }
            let key = if zk {
                crate::i18n::T::CliOffsetsStorageZk
            } else {
                crate::i18n::T::CliOffsetsStorageKafka
            };
            Ok(crate::i18n::tr(crate::i18n::Lang::En, key, &[("group", group.to_string())]) + "\n")
        }
        "commit" => {
            let n = named(cluster)?;
            wait_ready(cluster, n, budget)?;
            let r = cluster
                .with_consumer(n, |c, ctx| c.commit(ctx))
                .flatten()
                .ok_or("consumer commit: no coordinator")?;
            let start = cluster.processed();
            cluster.run_until(WAIT_MS, |c| {
                c.consumers[&n].last_commit_result.is_some() || c.processed() - start >= budget
            });
            let c = &cluster.consumers[&n];
            match (&c.last_commit_result, c.last_commit_request == Some(r)) {
                (Some(Ok(())), true) => {
                    let parts: Vec<String> = c
                        .positions
                        .iter()
                        .map(|(tp, o)| format!("{tp}={o}"))
                        .collect();
                    Ok(format!(
                        "commitSync(): committed {}\n",
                        if parts.is_empty() {
                            "nothing".into()
                        } else {
                            parts.join(", ")
                        }
                    ))
                }
                (Some(Err(e)), _) => Err(format!(
                    "consumer commit: org.apache.kafka.clients.consumer.CommitFailedException ({})",
                    e.name()
                )),
                _ => Err("consumer commit: no answer from the coordinator in time".into()),
            }
        }
        "kill" => {
            let n = named(cluster)?;
            if !cluster.consumers[&n].is_alive() {
                return Err(format!(
                    "consumer kill: consumer {} is not running",
                    cluster.consumers[&n].name
                ));
            }
            cluster.with_consumer(n, |c, _| c.kill());
            Ok(format!(
                "Consumer {} crashed; the coordinator notices after session.timeout.ms ({} ms) without a heartbeat.\n",
                cluster.consumers[&n].name, cluster.consumers[&n].config.session_timeout_ms
            ))
        }
        "leave" => {
            let n = named(cluster)?;
            if !cluster.consumers[&n].is_alive() {
                return Err(format!(
                    "consumer leave: consumer {} is not running",
                    cluster.consumers[&n].name
                ));
            }
            cluster.with_consumer(n, |c, ctx| c.leave(ctx));
            cluster.advance(20);
            let c = &cluster.consumers[&n];
            Ok(if c.is_kip848() {
                format!(
                    "Consumer {} closed: ConsumerGroupHeartbeat with member epoch -1 sent (KIP-848's leave).\n",
                    c.name
                )
            } else {
                format!("Consumer {} closed: LeaveGroup sent.\n", c.name)
            })
        }
        "describe" => {
            let mut out = String::new();
            for c in cluster.consumers.values() {
                if c.is_kip848() {
                    // The coordinator's view of the member: its state and what it must revoke.
                    let member = c.member_id.as_deref().and_then(|id| {
                        cluster
                            .group_coordinator(&c.config.group)
                            .and_then(|b| b.groups.groups.get(&c.config.group))
                            .and_then(|g| g.consumer.as_ref())
                            .and_then(|cg| cg.members.get(id))
                    });
                    let parts: Vec<String> =
                        c.assignment.iter().map(|tp| position_text(c, tp)).collect();
                    let pending: Vec<String> = member
                        .map(|m| m.pending_revocation.iter().map(|t| t.to_string()).collect())
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "{} group={} member={} protocol=consumer epoch={} state={:?} member-state={} assignor={} assigned=[{}] pending-revocation=[{}]",
                        c.name,
                        c.config.group,
                        c.member_id.as_deref().unwrap_or("-"),
                        c.generation,
                        c.state,
                        member.map_or("-", |m| m.state.name()),
                        c.config.remote_assignor.map_or("uniform", |a| a.name()),
                        parts.join(","),
                        pending.join(",")
                    );
                    continue;
                }
                let parts: Vec<String> =
                    c.assignment.iter().map(|tp| position_text(c, tp)).collect();
                let _ = writeln!(
                    out,
                    "{} group={} member={} generation={} state={:?} assignor={} assigned=[{}]",
                    c.name,
                    c.config.group,
                    c.member_id.as_deref().unwrap_or("-"),
                    c.generation,
                    c.state,
                    c.config.assignor.name(),
                    parts.join(",")
                );
            }
            Ok(out)
        }
        _ => Err(usage.into()),
    }
}

/// `orders-0@4(lag=2)`: a partition, the consumer's position in it and its lag — the end the
/// last fetch answer gave (the high watermark; the last stable offset under read_committed, as
/// the Java client's `records-lag` metric) minus the position.
fn position_text(c: &crate::cluster::consumer::Consumer, tp: &TopicPartition) -> String {
    match (c.positions.get(tp), c.end_offsets.get(tp)) {
        (Some(o), Some(end)) => format!("{tp}@{o}(lag={})", end.saturating_sub(*o)),
        (Some(o), None) => format!("{tp}@{o}"),
        _ => tp.to_string(),
    }
}

fn wait_ready(cluster: &mut Cluster, n: u32, budget: u64) -> Result<(), String> {
    if !cluster.consumers[&n].is_alive() {
        return Err(format!(
            "consumer: consumer {} is not running",
            cluster.consumers[&n].name
        ));
    }
    let start = cluster.processed();
    cluster.run_until(WAIT_MS, |c| {
        c.consumers[&n].is_ready() || c.processed() - start >= budget
    });
    if cluster.consumers[&n].is_ready() {
        Ok(())
    } else {
        Err(format!(
            "consumer: {} has no assignment yet (the group is rebalancing); advance and try again",
            cluster.consumers[&n].name
        ))
    }
}

/// `consumer run`'s interval when none is given (`poll(Duration.ofMillis(100))`, as Kafka's
/// examples loop).
pub const APP_POLL_MS: u64 = 100;
/// `consumer poll`'s timeout when none is given (`poll(Duration.ofMillis(1000))`).
pub const POLL_TIMEOUT_MS: u64 = 1_000;
/// The longest `--timeout-ms` a poll may take (one virtual hour).
const MAX_POLL_TIMEOUT_MS: u64 = 3_600_000;

/// Runs one `poll(timeout)` of consumer `n`: the consumer fetches (virtual time runs) until
/// it has records or `timeout_ms` has passed (or, with `until_caught_up`, it has read all its
/// partitions had), and returns up to `max` of them. The caller prints them and tells the
/// ledger what the application read.
pub(super) fn poll_records(
    cluster: &mut Cluster,
    n: u32,
    max: usize,
    timeout_ms: u64,
    until_caught_up: bool,
    budget: u64,
) -> Result<Vec<(TopicPartition, Record)>, String> {
    cluster
        .with_consumer(n, |c, ctx| c.begin_poll(ctx))
        .unwrap_or(Ok(()))?;
    let start = cluster.processed();
    cluster.run_until(timeout_ms, |c| {
        c.consumers
            .get(&n)
            .is_none_or(|k| !k.is_alive() || k.has_records() || (until_caught_up && k.caught_up()))
            || c.processed() - start >= budget
    });
    cluster
        .with_consumer(n, |c, ctx| c.end_poll(ctx, max))
        .unwrap_or(Ok(Vec::new()))
}

/// `consumer poll ID [--max N] [--timeout-ms T]`.
fn poll(
    cluster: &mut Cluster,
    n: u32,
    max: Option<usize>,
    timeout_ms: Option<u64>,
    budget: u64,
) -> Result<String, String> {
    wait_ready(cluster, n, budget)?;
    let mut out = String::new();
    // Auto-commit runs inside poll(): it commits the positions the previous poll left.
    let due = {
        let c = &cluster.consumers[&n];
        c.config.enable_auto_commit
            && cluster.now() >= c.last_auto_commit + c.config.auto_commit_interval_ms
    };
    if due {
        cluster.with_consumer(n, |c, ctx| c.commit(ctx));
        let _ = writeln!(
            out,
            "(auto-commit: committing the positions of the previous poll)"
        );
    }
    let c = &cluster.consumers[&n];
    let limit = max
        .unwrap_or(c.config.max_poll_records)
        .min(c.config.max_poll_records);
    let timeout = timeout_ms
        .unwrap_or(POLL_TIMEOUT_MS)
        .min(MAX_POLL_TIMEOUT_MS);
    let records = poll_records(cluster, n, limit, timeout, false, budget)
        .map_err(|e| format!("consumer poll: {e}"))?;
    cluster
        .ledger
        .read
        .extend(records.iter().map(|(_, r)| r.send));
    for (tp, r) in &records {
        let _ = writeln!(
            out,
            "Partition:{}\tOffset:{}\t{}\t{}",
            tp.partition,
            r.offset,
            r.key.as_deref().unwrap_or("null"),
            r.value
        );
    }
    let c = &cluster.consumers[&n];
    let summary: Vec<String> = c
        .positions
        .iter()
        .map(|(tp, o)| format!("{tp}={o}"))
        .collect();
    let _ = writeln!(
        out,
        "Consumer {} polled {} record(s); positions (next offset to read): {}",
        c.name,
        records.len(),
        if summary.is_empty() {
            "-".into()
        } else {
            summary.join(", ")
        }
    );
    Ok(out)
}

/// `kafka-consumer-groups.sh`.
pub fn consumer_groups(
    cluster: &mut Cluster,
    args: &[String],
    budget: u64,
) -> Result<String, String> {
    let p = parse(
        args,
        &[
            value("bootstrap-server"),
            flag("list"),
            flag("describe"),
            value("group"),
            flag("all-groups"),
            flag("members"),
            flag("verbose"),
            flag("state"),
            flag("offsets"),
            flag("reset-offsets"),
            value("topic"),
            flag("to-earliest"),
            flag("to-latest"),
            value("to-offset"),
            flag("execute"),
            flag("dry-run"),
        ],
    )?;
    p.only_options("kafka-consumer-groups.sh: ")?;
    let actions = ["list", "describe", "reset-offsets"]
        .iter()
        .filter(|a| p.has(a))
        .count();
    if actions != 1 {
        return Err("Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets".into());
    }
    if p.has("list") {
        let mut names: BTreeSet<String> = BTreeSet::new();
        for b in cluster.brokers.values().filter(|b| b.alive) {
            names.extend(b.groups.groups.keys().cloned());
        }
        return Ok(names.into_iter().map(|g| g + "\n").collect());
    }
    // --all-groups: every group --list shows, one after the other, as the tool does.
    let groups: Vec<String> = match (p.value("group"), p.has("all-groups")) {
        // The tool takes --all-groups over --group when both are given.
        (Some(g), false) => vec![g.to_string()],
        (_, true) => {
            let mut names: BTreeSet<String> = BTreeSet::new();
            for b in cluster.brokers.values().filter(|b| b.alive) {
                names.extend(b.groups.groups.keys().cloned());
            }
            names.into_iter().collect()
        }
        (None, false) => {
            return Err(if p.has("reset-offsets") {
                "Option [reset-offsets] takes one of these options: [all-groups], [group]"
            } else {
                "Option [describe] takes one of these options: [all-groups], [group]"
            }
            .into())
        }
    };
    let mut out = String::new();
    for group in &groups {
        out += &if p.has("reset-offsets") {
            reset(cluster, &p, group, budget)?
        } else {
            describe_group(cluster, &p, group)?
        };
    }
    Ok(out)
}

/// `--describe --group G` (offsets, `--members` or `--state`).
fn describe_group(
    cluster: &Cluster,
    p: &super::args::Parsed,
    group: &str,
) -> Result<String, String> {
    let group = group.to_string();
    let Some(coord) = cluster.group_coordinator(&group) else {
        return Err(format!("Error: Consumer group '{group}' does not exist."));
    };
    let Some(g) = coord.groups.groups.get(&group) else {
        return Err(format!("Error: Consumer group '{group}' does not exist."));
    };
    let kafka4 = cluster.client_version == crate::cluster::producer::ClientVersion::V4_0;
    // What the tool prints does not depend on the group's protocol, only on what it is told:
    // a consumer-protocol (KIP-848) group brings member epochs and target assignments.
    let described = match &g.consumer {
        Some(cg) => Described::kip848(cg),
        None => Described::classic(g),
    };
    let mut out = String::new();
    state_header(&mut out, &group, described.state);
    if p.has("state") {
        print_state(&mut out, &group, coord.id, &described, p.has("verbose"));
        return Ok(out);
    }
    if p.has("members") {
        // Kafka 4.x's tool prints epochs and both assignments for every group (a classic
        // member has no epoch and no target: `-`); before, one ASSIGNMENT column.
        let kafka4_columns = kafka4 || described.epochs.is_some();
        print_members(
            &mut out,
            &group,
            &described.members,
            p.has("verbose"),
            kafka4_columns,
        );
        return Ok(out);
    }
    // Offsets. LOG-END-OFFSET is what `consumer.endOffsets()` returns: the high watermark.
    let end_of = |tp: &TopicPartition| -> Option<u64> {
        let leader = cluster
            .leader_of(tp)
            .and_then(|l| cluster.brokers.get(&l))?;
        leader.replica_manager.partitions.get(tp).map(|p| p.hw)
    };
    // Offsets a Kafka 0.8 consumer (offsets.storage=zookeeper) wrote into ZooKeeper.
    let zk = cluster.zk.consumer_offsets.get(&group);
    let row = |tp: &TopicPartition, who: Option<&MemberLine>| {
        let current = g
            .offsets
            .get(tp)
            .or_else(|| zk.and_then(|z| z.get(tp)))
            .copied();
        let end = end_of(tp);
        let who = |f: fn(&MemberLine) -> &str| who.map_or("-", f).to_string();
        [
            tp.topic.clone(),
            tp.partition.to_string(),
            current.map_or("-".into(), |o| o.to_string()),
            end.map_or("-".into(), |o| o.to_string()),
            match (current, end) {
                (Some(c), Some(e)) => e.saturating_sub(c).to_string(),
                _ => "-".into(),
            },
            who(|m| &m.member_id),
            who(|m| &m.host),
            who(|m| &m.client_id),
        ]
    };
    // Members with partitions, most partitions first; each one's partitions by number; then
    // the committed partitions nobody owns.
    let mut owners: Vec<&MemberLine> = described
        .members
        .iter()
        .filter(|m| !m.assignment.is_empty())
        .collect();
    owners.sort_by_key(|m| std::cmp::Reverse(m.assignment.len()));
    let mut rows = Vec::new();
    let mut assigned = BTreeSet::new();
    for m in owners {
        let mut parts = m.assignment.clone();
        parts.sort_by_key(|tp| tp.partition);
        for tp in &parts {
            assigned.insert(tp.clone());
            rows.push(row(tp, Some(m)));
        }
    }
    let mut rest: Vec<&TopicPartition> = g
        .offsets
        .keys()
        .filter(|tp| !assigned.contains(*tp))
        .collect();
    rest.sort_by_key(|tp| tp.partition);
    rows.extend(rest.into_iter().map(|tp| row(tp, None)));
    print_offsets(&mut out, &group, &rows);
    Ok(out)
}

/// A member as `--describe --members` prints it (Kafka's `MemberAssignmentState`).
struct MemberLine {
    member_id: String,
    instance_id: Option<String>,
    host: String,
    client_id: String,
    assignment: Vec<TopicPartition>,
    /// KIP-848: its member epoch, the group's target assignment epoch, its target.
    epochs: Option<(i32, i32, Vec<TopicPartition>)>,
}

/// A group as the tool describes it (Kafka's `GroupInformation` and members).
struct Described {
    state: &'static str,
    assignor: &'static str,
    /// KIP-848: the group epoch and the target assignment epoch.
    epochs: Option<(i32, i32)>,
    members: Vec<MemberLine>,
}

impl Described {
    fn classic(g: &crate::cluster::group::Group) -> Self {
        Self {
            state: g.state.name(),
            assignor: g.protocol.map_or("", |p| p.name()),
            epochs: None,
            members: g
                .members_in_order()
                .map(|m| MemberLine {
                    member_id: m.member_id.clone(),
                    instance_id: m.instance_id.clone(),
                    host: m.host.clone(),
                    client_id: m.client_id.clone(),
                    assignment: m.assignment.clone(),
                    epochs: None,
                })
                .collect(),
        }
    }

    fn kip848(cg: &crate::cluster::kip848::ConsumerGroup) -> Self {
        Self {
            state: cg.state_name(),
            assignor: cg.assignor().name(),
            epochs: Some((cg.group_epoch, cg.assignment_epoch)),
            members: cg
                .members
                .values()
                .map(|m| MemberLine {
                    member_id: m.member_id.clone(),
                    instance_id: m.instance_id.clone(),
                    host: m.host.clone(),
                    client_id: m.client_id.clone(),
                    assignment: m.assigned.iter().cloned().collect(),
                    epochs: Some((
                        m.member_epoch,
                        cg.assignment_epoch,
                        cg.target
                            .get(&m.member_id)
                            .map(|t| t.iter().cloned().collect())
                            .unwrap_or_default(),
                    )),
                })
                .collect(),
        }
    }
}

/// The line Kafka's tool prints before a group's table when the group is empty or rebalancing.
fn state_header(out: &mut String, group: &str, state: &str) {
    match state {
        "Empty" => {
            let _ = writeln!(out, "\nConsumer group '{group}' has no active members.");
        }
        "PreparingRebalance" | "CompletingRebalance" | "Assigning" | "Reconciling" => {
            let _ = writeln!(out, "\nWarning: Consumer group '{group}' is rebalancing.");
        }
        _ => {}
    }
}

/// `--describe --state [--verbose]` (`printStates`; the group column as wide as the
/// coordinator's, as the tool's format has it).
fn print_state(
    out: &mut String,
    group: &str,
    coordinator: crate::model::BrokerId,
    d: &Described,
    verbose: bool,
) {
    let coordinator = format!("broker-{coordinator}:9092 ({coordinator})");
    let w = coordinator.len().max(25);
    let members = d.members.len();
    match d.epochs.filter(|_| verbose) {
        Some((epoch, target)) => {
            let _ = write!(
                out,
                "\n{:<w$} {:<25} {:<20} {:<15} {:<15} {:<25} {}",
                "GROUP",
                "COORDINATOR (ID)",
                "ASSIGNMENT-STRATEGY",
                "STATE",
                "GROUP-EPOCH",
                "TARGET-ASSIGNMENT-EPOCH",
                "#MEMBERS"
            );
            let _ = writeln!(
                out,
                "\n{:<w$} {:<25} {:<20} {:<15} {:<15} {:<25} {}",
                group, coordinator, d.assignor, d.state, epoch, target, members
            );
        }
        None => {
            let _ = write!(
                out,
                "\n{:<w$} {:<25} {:<20} {:<15} {}",
                "GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"
            );
            let _ = writeln!(
                out,
                "\n{:<w$} {:<25} {:<20} {:<15} {}",
                group, coordinator, d.assignor, d.state, members
            );
        }
    }
}

/// `--describe --members [--verbose]` (`printMembers`): with `kafka4_columns`, Kafka 4's
/// `CURRENT-EPOCH CURRENT-ASSIGNMENT TARGET-EPOCH TARGET-ASSIGNMENT`, else one ASSIGNMENT
/// column as the tool printed it up to 3.7.
fn print_members(
    out: &mut String,
    group: &str,
    members: &[MemberLine],
    verbose: bool,
    kafka4_columns: bool,
) {
    if members.is_empty() {
        return;
    }
    let width = |f: &dyn Fn(&MemberLine) -> usize, min: usize| {
        members.iter().map(f).max().unwrap_or(0).max(min)
    };
    let current =
        |m: &MemberLine| format_assignment_column(&m.assignment, AssignmentColumnStyle::Kafka4);
    let target = |m: &MemberLine| {
        m.epochs.as_ref().map_or("-".to_string(), |(_, _, t)| {
            format_assignment_column(t, AssignmentColumnStyle::Kafka4)
        })
    };
    let gl = group.len().max(15);
    let cl = width(&|m| m.member_id.len(), 15);
    let il = width(&|m| m.instance_id.as_deref().map_or(0, str::len), 17);
    let hl = width(&|m| m.host.len(), 15);
    let kl = width(&|m| m.client_id.len(), 15);
    let cal = width(&|m| current(m).len(), 20);
    let tal = width(&|m| target(m).len(), 20);
    let with_instance = members.iter().any(|m| m.instance_id.is_some());
    if with_instance {
        let _ = write!(
            out,
            "\n{:<gl$} {:<cl$} {:<il$} {:<hl$} {:<kl$} {:<15} ",
            "GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST", "CLIENT-ID", "#PARTITIONS"
        );
    } else {
        let _ = write!(
            out,
            "\n{:<gl$} {:<cl$} {:<hl$} {:<kl$} {:<15} ",
            "GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS"
        );
    }
    if verbose && kafka4_columns {
        let _ = write!(
            out,
            "{:<15} {:<cal$} {:<15} {:<tal$}",
            "CURRENT-EPOCH", "CURRENT-ASSIGNMENT", "TARGET-EPOCH", "TARGET-ASSIGNMENT"
        );
    } else if verbose {
        out.push_str("ASSIGNMENT");
    }
    out.push('\n');
    for m in members {
        if with_instance {
            let _ = write!(
                out,
                "{:<gl$} {:<cl$} {:<il$} {:<hl$} {:<kl$} {:<15} ",
                group,
                m.member_id,
                m.instance_id.as_deref().unwrap_or(""),
                m.host,
                m.client_id,
                m.assignment.len()
            );
        } else {
            let _ = write!(
                out,
                "{:<gl$} {:<cl$} {:<hl$} {:<kl$} {:<15} ",
                group,
                m.member_id,
                m.host,
                m.client_id,
                m.assignment.len()
            );
        }
        if verbose && kafka4_columns {
            let (epoch, target_epoch) = m
                .epochs
                .as_ref()
                .map_or(("-".to_string(), "-".to_string()), |(e, t, _)| {
                    (e.to_string(), t.to_string())
                });
            let _ = write!(
                out,
                "{:<15} {:<cal$} {:<15} {:<tal$}",
                epoch,
                current(m),
                target_epoch,
                target(m)
            );
        } else if verbose {
            out.push_str(&format_assignment_column(
                &m.assignment,
                AssignmentColumnStyle::Scala,
            ));
        }
        out.push('\n');
    }
}

/// `--describe` offsets (`printOffsets`): GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET
/// LAG CONSUMER-ID HOST CLIENT-ID.
fn print_offsets(out: &mut String, group: &str, rows: &[[String; 8]]) {
    if rows.is_empty() {
        return;
    }
    let width = |i: usize| rows.iter().map(|r| r[i].len()).max().unwrap_or(0).max(15);
    let (gl, tl, cl, hl) = (group.len().max(15), width(0), width(5), width(6));
    let _ = writeln!(
        out,
        "\n{:<gl$} {:<tl$} {:<10} {:<15} {:<15} {:<15} {:<cl$} {:<hl$} {}",
        "GROUP",
        "TOPIC",
        "PARTITION",
        "CURRENT-OFFSET",
        "LOG-END-OFFSET",
        "LAG",
        "CONSUMER-ID",
        "HOST",
        "CLIENT-ID"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "{:<gl$} {:<tl$} {:<10} {:<15} {:<15} {:<15} {:<cl$} {:<hl$} {}",
            group, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]
        );
    }
}

fn reset(
    cluster: &mut Cluster,
    p: &super::args::Parsed,
    group: &str,
    budget: u64,
) -> Result<String, String> {
    let topic = p
        .value("topic")
        .ok_or("One of the reset scopes should be defined: --all-topics, --topic.")?;
    let t = cluster
        .topics_meta()
        .get(topic)
        .ok_or_else(|| format!("Error: topic {topic} does not exist"))?;
    let partitions: Vec<u32> = t.assignment.keys().copied().collect();
    let specs = [p.has("to-earliest"), p.has("to-latest"), p.has("to-offset")]
        .iter()
        .filter(|x| **x)
        .count();
    if specs != 1 {
        return Err("Option [reset-offsets] takes exactly one reset specification: --to-earliest, --to-latest, --to-offset".into());
    }
    let to_offset: Option<u64> = p.number("to-offset")?;
    let mut out = String::new();
    ensure_offsets_topic(cluster, budget, &mut out)?;
    if let Some(g) = cluster
        .group_coordinator(group)
        .and_then(|b| b.groups.groups.get(group))
    {
        if let Some(cg) = g.consumer.as_ref().filter(|cg| !cg.members.is_empty()) {
            return Err(format!(
                "Error: Assignments can only be reset if the group '{group}' is inactive, but the current state is {}.",
                cg.state_name()
            ));
        }
        if g.consumer.is_none() && g.state != GroupState::Empty {
            return Err(format!(
                "Error: Assignments can only be reset if the group '{group}' is inactive, but the current state is {}.",
                g.state.name()
            ));
        }
    }
    let mut offsets = BTreeMap::new();
    for part in partitions {
        let tp = TopicPartition::new(topic, part);
        let Some(leader) = cluster.leader_of(&tp).and_then(|l| cluster.brokers.get(&l)) else {
            continue;
        };
        let (Some(log), Some(state)) = (
            leader.replica_manager.logs.get(&tp),
            leader.replica_manager.partitions.get(&tp),
        ) else {
            continue;
        };
        let (start, end) = (log.log_start_offset(), state.hw);
        let o = match to_offset {
            // Out of range: clamped to the log, as Kafka warns and does.
            Some(o) => o.clamp(start, end),
            None if p.has("to-earliest") => start,
            None => end,
        };
        offsets.insert(tp, o);
    }
    let _ = writeln!(
        out,
        "\n{:<30} {:<30} {:<10} {:<15}",
        "GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"
    );
    for (tp, o) in &offsets {
        let _ = writeln!(
            out,
            "{:<30} {:<30} {:<10} {:<15}",
            group, tp.topic, tp.partition, o
        );
    }
    if !p.has("execute") {
        return Ok(out);
    }
    let Some(coord) = cluster.group_coordinator(group).map(|b| b.id) else {
        return Err("Error: the group coordinator is not available".into());
    };
    let request = 1_000_000 + cluster.processed();
    let msg = Msg::Group {
        request,
        req: GroupRequest::OffsetCommit {
            group: group.to_string(),
            generation: -1,
            member_id: String::new(),
            offsets,
        },
    };
    cluster.admin_send(NodeId::Broker(coord), msg);
    let start = cluster.processed();
    let mut answer = None;
    cluster.run_until(WAIT_MS, |c| {
        c.processed() - start >= budget || c.admin_group_response(request).is_some()
    });
    if let Some(GroupResponse::OffsetCommit(r)) = cluster.admin_group_response(request) {
        answer = Some(*r);
    }
    match answer {
        Some(Ok(())) => Ok(out),
        Some(Err(e)) => Err(format!("Error: could not reset offsets: {}", e.name())),
        None => Err("Error: no answer from the group coordinator in time".into()),
    }
}
