//! Commands of the replication lab: `produce`, `ledger`, `replicas`, `kafka-configs.sh`,
//! `kafka-console-consumer.sh`, and the faults (`slow-broker`, `cut`, `isolate`, `heal`,
//! `drop`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::args::{flag, parse, value, OptSpec};
use crate::cluster::consumer::{ConsumerConfig, OffsetReset};
use crate::cluster::msg::{Acks, ConfigEntity, OffsetSpec};
use crate::cluster::producer::ProducerConfig;
use crate::cluster::replica::Role;
use crate::cluster::{AdminRequest, Cluster, ClusterError};
use crate::config::{validate_broker_config, validate_topic_config};
use crate::ledger::{summarize, Outcome};
use crate::log::SendId;
use crate::model::{join_ids, BrokerId, NodeId, TopicPartition};
use crate::sim::Millis;

mod configs;
mod console_consumer;

pub use configs::configs;
pub use console_consumer::{
    console_consumer, CONSOLE_CONSUMER, CONSOLE_CONSUMER_SPECS, CONSOLE_IDLE_MS,
};

/// The client id `produce` uses unless `--client-id` says otherwise.
pub const DEFAULT_PRODUCER: &str = "console-producer";
/// Most records one `produce` sends.
pub const MAX_COUNT: u32 = 10_000;

/// `produce --topic T [--key K] [--partition P] [--acks 0|1|all] [--count N] [--interval MS]
/// [--producer-property k=v]... [--client-id ID] [--async] VALUE`
pub fn produce(
    cluster: &mut Cluster,
    args: &[String],
    event_budget: u64,
) -> Result<String, String> {
    let p = parse(
        args,
        &[
            value("topic"),
            value("key"),
            value("partition"),
            value("acks"),
            value("count"),
            value("interval"),
            value("producer-property"),
            value("client-id"),
            value("bootstrap-server"),
            flag("async"),
        ],
    )?;
    let topic = p
        .value("topic")
        .ok_or("produce: --topic is required, e.g. produce --topic orders hello")?;
    let value_text = match p.positional.as_slice() {
        [v] => v.clone(),
        [] => {
            return Err(
                "produce: give the record's value, e.g. produce --topic orders hello".into(),
            )
        }
        _ => return Err("produce: give one value (quote it if it has spaces)".into()),
    };
    let count: u32 = p.number("count")?.unwrap_or(1);
    if !(1..=MAX_COUNT).contains(&count) {
        return Err(format!(
            "produce: --count must be between 1 and {MAX_COUNT}"
        ));
    }
    let interval: Millis = p.number("interval")?.unwrap_or(0);
    if interval > 60_000 {
        return Err("produce: --interval is at most 60000 ms".into());
    }
    let config = producer_config(cluster, p.values("producer-property"), p.value("acks"))
        .map_err(|e| format!("produce: {e}"))?;
    let partitions = partition_count(cluster, topic).map_err(|e| format!("produce: {e}"))?;
    let explicit: Option<u32> = p.number("partition")?;
    if let Some(e) = explicit {
        if e >= partitions {
            return Err(format!(
                "produce: Invalid partition given with record: {e} is not in the range [0...{partitions})."
            ));
        }
    }
    // A transactional producer is the one `txn begin` made: by --client-id, else by its
    // transactional.id; its records go in its open transaction.
    let txn_client = match (&config.transactional_id, p.value("client-id")) {
        (_, Some(c)) => Some(c.to_string()),
        (Some(id), None) => Some(
            cluster
                .producers
                .values()
                .find(|pr| pr.txn.as_ref().is_some_and(|t| &t.id == id))
                .map(|pr| pr.name.clone())
                .ok_or_else(|| format!("produce: no producer has transactional.id {id}: start its transaction with txn begin --transactional-id {id}"))?,
        ),
        (None, None) => None,
    };
    let client = txn_client.unwrap_or_else(|| DEFAULT_PRODUCER.to_string());
    let existing = cluster
        .producers
        .values()
        .find(|pr| pr.name == client)
        .and_then(|pr| pr.txn.as_ref());
    if let Some(id) = &config.transactional_id {
        if existing.is_none_or(|t| &t.id != id) {
            return Err(format!("produce: producer {client} is not the one with transactional.id {id}: start its transaction with txn begin --transactional-id {id} --client-id {client}"));
        }
    }
    let transactional = existing.is_some();
    if let Some(t) = existing {
        use crate::cluster::producer::TxnClientState;
        if !matches!(
            t.state,
            TxnClientState::InTransaction | TxnClientState::Fenced
        ) {
            return Err(format!(
                "produce: Cannot call send in state {} (transactional.id {}): run txn begin --transactional-id {} first",
                t.state.name(),
                t.id,
                t.id
            ));
        }
    }
    let producer = cluster.producer_id(&client);
    if let Some(pr) = cluster.producers.get_mut(&producer) {
        if !transactional {
            pr.config = config;
        }
    }
    let (acks, deadline) = {
        let c = &cluster.producers[&producer].config;
        (
            c.acks,
            c.delivery_timeout_ms + c.request_timeout_ms + c.linger_ms,
        )
    };
    let key = p.value("key").map(str::to_string);
    let mut sends: Vec<SendId> = Vec::with_capacity(count as usize);
    // The topic exists (`partition_count` found it): its name is interned once here, not
    // once a send.
    let topic = crate::model::Topic::new(topic);
    // `VALUE-1`, `VALUE-2`, …: the prefix written once and the number after it counted up in
    // place, in one reused buffer copied once into each record's shared text.
    let mut buf = String::with_capacity(value_text.len() + 8);
    buf.push_str(&value_text);
    if count > 1 {
        buf.push('-');
    }
    let mut digits = 0;
    for i in 0..count {
        if count > 1 {
            count_up(&mut buf, &mut digits);
        }
        let value = crate::log::Text::from(buf.as_str());
        if i > 0 && interval > 0 {
            let until = cluster.now() + interval;
            cluster.run_until(interval, |c| c.now() >= until);
        }
        sends.push(cluster.produce(producer, topic, explicit, key.clone(), value));
    }
    if p.has("async") {
        return Ok(format!(
            "Sent {count} record(s) asynchronously (sends #{}..#{}); `ledger --records` follows them.\n",
            sends[0],
            sends[sends.len() - 1]
        ));
    }
    wait_for_sends(cluster, producer, &sends, acks, deadline, event_budget);
    Ok(send_results(cluster, &sends))
}

/// A producer configuration: the client version's defaults, then `k=v` properties, then
/// `--acks`; checked as `KafkaProducer` checks it.
pub fn producer_config(
    cluster: &Cluster,
    properties: &[String],
    acks: Option<&str>,
) -> Result<ProducerConfig, String> {
    let mut config = ProducerConfig::defaults(cluster.client_version);
    for kv in properties {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| format!("--producer-property takes key=value, not '{kv}'"))?;
        config.set(k.trim(), v.trim())?;
    }
    if let Some(a) = acks {
        config
            .set("acks", a)
            .map_err(|_| format!("--acks must be 0, 1 or all, not '{a}'"))?;
    }
    config.validate()?;
    Ok(config)
}

/// The number of partitions of an existing topic.
pub fn partition_count(cluster: &Cluster, topic: &str) -> Result<u32, String> {
    cluster
        .topics_meta()
        .get(topic)
        .map(|t| t.assignment.len() as u32)
        .ok_or_else(|| {
            format!("Topic {topic} not present in metadata after 60000 ms. (the lab's brokers run with auto.create.topics.enable=false: create it with kafka-topics.sh)")
        })
}

/// Runs until every one of `sends` has its answer (and `acks=0` requests have arrived),
/// within the delivery timeout.
pub fn wait_for_sends(
    cluster: &mut Cluster,
    producer: u32,
    sends: &[SendId],
    acks: Acks,
    deadline: Millis,
    event_budget: u64,
) {
    let (Some(&first), Some(&last)) = (sends.first(), sends.last()) else {
        return;
    };
    let start = cluster.processed();
    let fire_and_forget = acks == Acks::Zero;
    cluster.run_until(deadline, |c| {
        if c.processed() - start >= event_budget {
            return true;
        }
        let waiting = c
            .producers
            .get(&producer)
            .is_some_and(|p| p.sends.any_in(first, last));
        !waiting
            && (!fire_and_forget
                || !c
                    .sends_in_flight()
                    .iter()
                    .any(|s| (first..=last).contains(s)))
    });
}

/// Adds one to the decimal number that ends `buf` in its last `digits` characters (none:
/// zero), carrying as on paper: `v-9` becomes `v-10`, `v-1299` `v-1300` (most steps touch one
/// character, so a long run of sends costs no formatting).
fn count_up(buf: &mut String, digits: &mut usize) {
    let mut nines = 0;
    while nines < *digits && buf.ends_with('9') {
        buf.pop();
        nines += 1;
    }
    if nines < *digits {
        let d = buf.pop().map_or(b'0', |c| c as u8);
        buf.push(char::from(d + 1));
    } else {
        buf.push('1');
        *digits += 1;
    }
    for _ in 0..nines {
        buf.push('0');
    }
}

/// "00", "01", … "99": two digits a step.
const PAIRS: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        t[2 * i] = b'0' + (i / 10) as u8;
        t[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};

/// Appends `v` in decimal (what `{}` prints) to `out`: two digits a step into a buffer on the
/// stack, then one copy (no formatting machinery).
fn push_int(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    let mut n = v.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    while n >= 100 {
        let d = (n % 100) as usize * 2;
        n /= 100;
        i -= 2;
        buf[i] = PAIRS[d];
        buf[i + 1] = PAIRS[d + 1];
    }
    if n >= 10 {
        let d = n as usize * 2;
        i -= 2;
        buf[i] = PAIRS[d];
        buf[i + 1] = PAIRS[d + 1];
    } else {
        i -= 1;
        buf[i] = b'0' + n as u8;
    }
    out.extend_from_slice(&buf[i..]);
}

/// One line per send: `T-P@offset` or `ERROR NAME`.
pub fn send_results(cluster: &Cluster, sends: &[SendId]) -> String {
    // Written in place as bytes (one buffer, no `format!` per line: 10,000 lines per
    // `produce`), checked as UTF-8 once at the end.
    let mut out: Vec<u8> = Vec::with_capacity(sends.len() * 16);
    for s in sends {
        let e = &cluster.ledger.sends[s];
        match &e.outcome {
            Outcome::Acked { offset, .. } => {
                out.extend_from_slice(e.tp.topic.as_bytes());
                out.push(b'-');
                push_int(&mut out, i64::from(e.tp.partition));
                out.push(b'@');
                push_int(&mut out, offset.map_or(-1, |o| o as i64));
                out.push(b'\n');
            }
            Outcome::Failed { error, .. } => {
                out.extend_from_slice(b"ERROR ");
                out.extend_from_slice(error.name().as_bytes());
                out.push(b'\n');
            }
            Outcome::Pending => {
                out.extend_from_slice(b"ERROR (no answer yet: the lab stopped waiting)\n")
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `ledger [--records]`
pub fn ledger(cluster: &Cluster, args: &[String]) -> Result<String, String> {
    let p = parse(args, &[flag("records")])?;
    p.only_options("ledger: ")?;
    let statuses = cluster.ledger_status();
    let mut out = format!("{}\n", summarize(&statuses));
    if p.has("records") {
        for s in &statuses {
            let e = &s.entry;
            let outcome = match &e.outcome {
                Outcome::Pending => "pending".to_string(),
                Outcome::Acked { offset, .. } => {
                    format!("acked@{}", offset.map_or(-1, |o| o as i64))
                }
                Outcome::Failed { error, .. } => format!("failed:{}", error.name()),
            };
            let held: Vec<String> = s
                .held_by
                .iter()
                .map(|(b, offs)| {
                    let o: Vec<String> = offs.iter().map(u64::to_string).collect();
                    format!("{b}:{}", o.join("+"))
                })
                .collect();
            let mut flags = Vec::new();
            if s.committed {
                flags.push("committed");
            }
            if s.read {
                flags.push("read");
            }
            if s.lost {
                flags.push("LOST");
            }
            if s.duplicated {
                flags.push("DUPLICATED");
            }
            out.push_str(&format!(
                "#{} {} key={} value={} acks={} {} attempts={} replicas={} {}\n",
                e.id,
                e.tp,
                e.key.as_deref().unwrap_or("null"),
                e.value,
                e.acks.name(),
                outcome,
                e.attempts,
                if held.is_empty() {
                    "-".to_string()
                } else {
                    held.join(",")
                },
                flags.join(" ")
            ));
        }
    }
    Ok(out
        .lines()
        .map(|l| l.trim_end().to_string() + "\n")
        .collect())
}

/// `replicas T-P`: each replica's log end, high watermark, epoch and ISR membership.
pub fn replicas(cluster: &Cluster, args: &[String]) -> Result<String, String> {
    let [arg] = args else {
        return Err("replicas: give a partition, e.g. replicas orders-0".into());
    };
    let tp = TopicPartition::parse(arg).ok_or_else(|| {
        format!("replicas: '{arg}' is not a partition (write it TOPIC-PARTITION)")
    })?;
    let t = cluster
        .topics_meta()
        .get(tp.topic.as_str())
        .ok_or_else(|| format!("replicas: there is no topic {}", tp.topic))?;
    let assigned = t
        .assignment
        .get(&tp.partition)
        .ok_or_else(|| format!("replicas: there is no partition {tp}"))?;
    let state = t.states.get(&tp.partition);
    let mut out = format!(
        "{tp}: leader {} epoch {} isr [{}]\n",
        state
            .and_then(|s| s.leader)
            .map_or("none".to_string(), |l| l.to_string()),
        state.map_or(0, |s| s.leader_epoch),
        state.map(|s| join_ids(&s.isr)).unwrap_or_default()
    );
    for &b in assigned {
        let broker = &cluster.brokers[&b];
        let log = broker.replica_manager.logs.get(&tp);
        let leo = log.map_or(0, |l| l.leo());
        let (role, hw, epoch) = match broker.replica_manager.partitions.get(&tp) {
            Some(p) => (
                match p.role {
                    Role::Leader => "leader",
                    Role::Follower => "follower",
                },
                p.hw,
                p.leader_epoch.to_string(),
            ),
            None => (
                if broker.alive { "starting" } else { "dead" },
                broker
                    .replica_manager
                    .hw_checkpoint
                    .get(&tp)
                    .copied()
                    .unwrap_or(0)
                    .min(leo),
                "-".into(),
            ),
        };
        let in_isr = state.is_some_and(|s| s.isr.contains(&b));
        // The last stable offset, once the partition has seen transactions.
        let lso = log
            .filter(|l| {
                role == "leader" && (!l.ongoing_txns().is_empty() || !l.completed_txns().is_empty())
            })
            .map(|l| {
                let open: Vec<String> = l
                    .ongoing_txns()
                    .iter()
                    .map(|(pid, first)| format!("producer {pid} from {first}"))
                    .collect();
                format!(
                    " LSO {}{}",
                    l.last_stable_offset(hw),
                    if open.is_empty() {
                        String::new()
                    } else {
                        format!(" (open: {})", open.join(", "))
                    }
                )
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "  broker {b}: {role} LEO {leo} HW {hw}{lso} epoch {epoch}{}\n",
            if in_isr { " in ISR" } else { "" }
        ));
    }
    Ok(out)
}

/// Parses a node name for `cut` / `heal`: a broker id, `leader:T-P` (the partition's current
/// leader), `followers:T-P` (its other replicas), `zk` / `zookeeper` (ZooKeeper mode),
/// `controllers` / `controller:ID` (KRaft mode), or a producer's client id.
fn nodes(cluster: &Cluster, s: &str) -> Result<Vec<NodeId>, String> {
    use crate::i18n::{tr, Lang, T};
    let kraft = cluster.mode() == crate::kraft::MetadataMode::Kraft;
    if s.eq_ignore_ascii_case("zk") || s.eq_ignore_ascii_case("zookeeper") {
        return if kraft {
            Err(T::CliCutNoZkInKraft.get(Lang::En).to_string())
        } else {
            Ok(vec![NodeId::ZooKeeper])
        };
    }
    let controller_arg = s.strip_prefix("controller:");
    if s.eq_ignore_ascii_case("controllers") || controller_arg.is_some() {
        if !kraft {
            return Err(tr(Lang::En, T::CliCutNotKraft, &[("what", s.to_string())]));
        }
        let ids: Vec<u32> = cluster.controllers().keys().copied().collect();
        return match controller_arg {
            None => Ok(ids.iter().map(|&c| NodeId::Controller(c)).collect()),
            Some(id) => match id.parse::<u32>() {
                Ok(c) if ids.contains(&c) => Ok(vec![NodeId::Controller(c)]),
                _ => Err(tr(
                    Lang::En,
                    T::CliCutNoController,
                    &[
                        ("id", id.to_string()),
                        (
                            "ids",
                            ids.iter()
                                .map(u32::to_string)
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    ],
                )),
            },
        };
    }
    let partition = |tp: &str| -> Result<(TopicPartition, Option<BrokerId>), String> {
        let tp = TopicPartition::parse(tp)
            .ok_or_else(|| format!("'{tp}' is not a partition (write it TOPIC-PARTITION)"))?;
        if cluster.partition_state(&tp).is_none() {
            return Err(format!("there is no partition {tp}"));
        }
        let leader = cluster.leader_of(&tp);
        Ok((tp, leader))
    };
    if let Some(tp) = s.strip_prefix("leader:") {
        let (tp, leader) = partition(tp)?;
        return leader
            .map(|l| vec![NodeId::Broker(l)])
            .ok_or_else(|| format!("{tp} has no leader right now"));
    }
    if let Some(tp) = s.strip_prefix("followers:") {
        let (tp, leader) = partition(tp)?;
        return Ok(
            cluster.topics_meta()[tp.topic.as_str()].assignment[&tp.partition]
                .iter()
                .filter(|&&b| Some(b) != leader)
                .map(|&b| NodeId::Broker(b))
                .collect(),
        );
    }
    if let Ok(b) = s.parse::<BrokerId>() {
        return if cluster.brokers.contains_key(&b) {
            Ok(vec![NodeId::Broker(b)])
        } else {
            Err(format!("there is no broker {b}"))
        };
    }
    if let Some(g) = s.strip_prefix("coordinator:") {
        return cluster
            .group_coordinator(g)
            .map(|b| vec![NodeId::Broker(b.id)])
            .ok_or_else(|| format!("group {g} has no live coordinator right now"));
    }
    cluster
        .producers
        .iter()
        .find(|(_, p)| p.name == s)
        .map(|(&id, _)| vec![NodeId::Client(id)])
        .or_else(|| cluster.consumer_named(s).map(|id| vec![NodeId::Client(id)]))
        .ok_or_else(|| {
            format!("'{s}' is not a node: give a broker id, leader:T-P, followers:T-P, coordinator:GROUP, zk, or a producer's or consumer's client id")
        })
}

fn names(ns: &[NodeId]) -> String {
    ns.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// `cut A B`, `isolate B`, `heal [A B]`, `drop PROB`, `slow-broker B MS`.
pub fn fault(cluster: &mut Cluster, cmd: &str, args: &[String]) -> Result<String, String> {
    match (cmd, args) {
        ("cut", [a, b]) | ("cut", [a, b, _]) => {
            let one_way = match args.get(2).map(String::as_str) {
                None => false,
                Some("--one-way") => true,
                Some(x) => return Err(format!("cut: unexpected '{x}' (only --one-way may follow the nodes)")),
            };
            let (a, b) = (nodes(cluster, a)?, nodes(cluster, b)?);
            if a.iter().any(|x| b.contains(x)) {
                return Err("cut: give two different nodes".into());
            }
            for &x in &a {
                for &y in &b {
                    if one_way {
                        cluster.cut_one_way(x, y);
                    } else {
                        cluster.cut(x, y);
                    }
                }
            }
            Ok(if one_way {
                format!("Cut {} → {}: messages that way are lost.\n", names(&a), names(&b))
            } else {
                format!("Cut the link {} ↔ {}: messages between them are lost.\n", names(&a), names(&b))
            })
        }
        ("cut", _) => Err("cut: give two nodes, e.g. cut 1 zk, cut leader:orders-0 followers:orders-0, or cut A B --one-way".into()),
        ("isolate", [c]) if c.parse::<BrokerId>().is_err() => {
            // A client: cut off every broker.
            let client = match nodes(cluster, c)?.as_slice() {
                [n @ NodeId::Client(_)] => *n,
                _ => return Err(format!("isolate: give a broker id or a client id, not '{c}'")),
            };
            cluster.isolate_client(client);
            Ok(format!(
                "Isolated client {c}: it can reach no broker, and no broker can reach it.\n"
            ))
        }
        ("isolate", [b]) => {
            let id: BrokerId = b.parse().map_err(|_| format!("'{b}' is not a broker id"))?;
            if !cluster.brokers.contains_key(&id) {
                return Err(format!("isolate: there is no broker {id}"));
            }
            cluster.isolate(id);
            Ok(format!(
                "Isolated broker {id}: it can reach nobody, and nobody can reach it.\n"
            ))
        }
        ("isolate", _) => Err("isolate: give a broker id or a client id, e.g. isolate 2, isolate c1".into()),
        ("heal", []) => {
            cluster.heal(None);
            Ok("Healed every link; no message is dropped any more.\n".into())
        }
        ("heal", [a, b]) => {
            let (a, b) = (nodes(cluster, a)?, nodes(cluster, b)?);
            for &x in &a {
                for &y in &b {
                    cluster.heal(Some((x, y)));
                }
            }
            Ok(format!("Healed the link {} ↔ {}.\n", names(&a), names(&b)))
        }
        ("heal", _) => Err("heal: give two nodes, or nothing to heal every link".into()),
        ("drop", [p]) => {
            let prob: f64 = p
                .parse()
                .ok()
                .filter(|x: &f64| (0.0..=1.0).contains(x))
                .ok_or_else(|| format!("drop: give a probability between 0 and 1, not '{p}'"))?;
            cluster.faults.drop_per_million = (prob * 1_000_000.0).round() as u32;
            Ok(format!(
                "Every message is now lost with probability {prob}.\n"
            ))
        }
        ("drop", _) => Err("drop: give a probability between 0 and 1, e.g. drop 0.1".into()),
        ("slow-broker", [b, ms]) => {
            let id: BrokerId = b.parse().map_err(|_| format!("'{b}' is not a broker id"))?;
            let ms: Millis = super::parse_duration(ms)?;
            cluster
                .slow_broker(id, ms)
                .map_err(|e: ClusterError| format!("slow-broker: {e}"))?;
            Ok(if ms == 0 {
                format!("Broker {id} fetches at full speed again.\n")
            } else {
                format!("Broker {id} now waits {ms} ms before every fetch from its leaders.\n")
            })
        }
        ("slow-broker", _) => {
            Err("slow-broker: give a broker and a delay, e.g. slow-broker 3 15s".into())
        }
        _ => Err(format!("unknown fault '{cmd}'")),
    }
}

#[cfg(test)]
mod push_int_tests {
    #[test]
    fn push_int_and_count_up_print_what_display_prints() {
        for v in [0, 7, -1, 10, 99, 100, -123_456, i64::MAX, i64::MIN] {
            let mut s = b"x".to_vec();
            super::push_int(&mut s, v);
            assert_eq!(String::from_utf8(s).unwrap(), format!("x{v}"));
        }
        let (mut text, mut digits) = ("v9-".to_string(), 0);
        for n in 1..=12_345u32 {
            super::count_up(&mut text, &mut digits);
            assert_eq!(text, format!("v9-{n}"));
        }
    }
}
