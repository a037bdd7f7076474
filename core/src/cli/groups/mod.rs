//! `consumer add|poll|commit|kill|leave|describe` (consumer clients in a group) and
//! `kafka-consumer-groups.sh --list | --describe | --reset-offsets`.
//!
//! `consumer poll` is the application's `poll(timeout)`: the consumer sends Fetch requests to
//! its partitions' leaders and virtual time runs until records come or the timeout passes (see
//! `cluster::consumer`).

// Headers are written as Kafka's format strings lay them out.
#![allow(clippy::write_literal)]

use crate::sort::Collect as _;
use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::args::{flag, parse, value};
use crate::assignor::{format_assignment_column, AssignmentColumnStyle, AssignorKind};
use crate::cluster::consumer::{ConsumerConfig, ConsumerState, GroupProtocol};
use crate::cluster::group::{GroupResponse, GroupState, OFFSETS_TOPIC};
use crate::cluster::kip848::{CONSUMER_HEARTBEAT_INTERVAL_MS, CONSUMER_SESSION_TIMEOUT_MS};
use crate::cluster::Cluster;
use crate::i18n::{tr, Lang, T};
use crate::log::Record;
use crate::model::TopicPartition;

mod consumer_groups;

pub use consumer_groups::consumer_groups;

/// How long a command waits for the group (a rebalance can wait for a session timeout).
const WAIT_MS: u64 = 60_000;

/// Why no broker can create `__consumer_offsets` now (brokers create it themselves on the
/// first `FindCoordinator`; see `cluster::broker::auto_topic`), in Kafka's words, or `None` if
/// it exists or can be created. The lab refuses to start a consumer that would wait forever.
pub(crate) fn offsets_topic_unavailable(cluster: &Cluster) -> Option<String> {
    use crate::cluster::ConsumerJoinBlocked;
    Some(match cluster.consumer_join_blocked()? {
        ConsumerJoinBlocked::OffsetsTopicNeedsBrokers {
            replication_factor,
            live,
            ..
        } if cluster.mode() == crate::kraft::MetadataMode::Kraft => format!(
            "COORDINATOR_NOT_AVAILABLE: {OFFSETS_TOPIC} cannot be created: The target replication factor of {replication_factor} cannot be reached because only {} broker(s) are registered.",
            live.len()
        ),
        ConsumerJoinBlocked::OffsetsTopicNeedsBrokers {
            replication_factor,
            live,
            ..
        } => format!(
            "COORDINATOR_NOT_AVAILABLE: Number of alive brokers '{}' does not meet the required replication factor '{replication_factor}' for the offsets topic (configured via 'offsets.topic.replication.factor').",
            live.len()
        ),
        ConsumerJoinBlocked::ZkNoQuorum => format!(
            "COORDINATOR_NOT_AVAILABLE: {OFFSETS_TOPIC} cannot be created while ZooKeeper has no quorum"
        ),
    })
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
                .collect_set();
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
            if let Some(e) = offsets_topic_unavailable(cluster) {
                let error = ("error", e.clone());
                return Err(match blocked {
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
                });
            }
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
