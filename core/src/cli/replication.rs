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
    let mut buf = String::with_capacity(value_text.len() + 6);
    for i in 0..count {
        // `VALUE-1`, `VALUE-2`, …, written in one reused buffer and copied once into the
        // record's shared text.
        buf.clear();
        buf.push_str(&value_text);
        if count > 1 {
            buf.push('-');
            push_int(&mut buf, i64::from(i) + 1);
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
            .is_some_and(|p| p.sends.range(first..=last).next().is_some());
        !waiting
            && (!fire_and_forget
                || !c
                    .sends_in_flight()
                    .iter()
                    .any(|s| (first..=last).contains(s)))
    });
}

/// Appends `v` in decimal (what `{}` prints), without the formatting machinery.
fn push_int(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[i..]).unwrap_or_default());
}

/// One line per send: `T-P@offset` or `ERROR NAME`.
pub fn send_results(cluster: &Cluster, sends: &[SendId]) -> String {
    // Written in place (one `String`, no `format!` per line): 10,000 lines per `produce`.
    let mut out = String::with_capacity(sends.len() * 16);
    for s in sends {
        let e = &cluster.ledger.sends[s];
        match &e.outcome {
            Outcome::Acked { offset, .. } => {
                out.push_str(&e.tp.topic);
                out.push('-');
                push_int(&mut out, i64::from(e.tp.partition));
                out.push('@');
                push_int(&mut out, offset.map_or(-1, |o| o as i64));
                out.push('\n');
            }
            Outcome::Failed { error, .. } => {
                let _ = writeln!(out, "ERROR {}", error.name());
            }
            Outcome::Pending => out.push_str("ERROR (no answer yet: the lab stopped waiting)\n"),
        }
    }
    out
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
        .get(&tp.topic)
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

/// `kafka-configs.sh --alter --entity-type topics|brokers (--entity-name X | --entity-default)
/// --add-config k=v[,k=v]`, and `--describe` for the same entities.
pub fn configs(cluster: &mut Cluster, args: &[String]) -> Result<String, String> {
    let p = parse(
        args,
        &[
            value("bootstrap-server"),
            flag("alter"),
            flag("describe"),
            value("entity-type"),
            value("entity-name"),
            flag("entity-default"),
            value("add-config"),
            value("delete-config"),
            value("topic"),
            value("broker"),
        ],
    )?;
    p.only_options("")?;
    if p.has("alter") == p.has("describe") {
        return Err("Command must include exactly one action: --describe, --alter".into());
    }
    if p.has("delete-config") {
        return Err("--delete-config is not simulated yet".into());
    }
    // `--topic T` and `--broker B` are the newer shorthands for the entity options.
    let (kind, name) = match (p.value("topic"), p.value("broker")) {
        (Some(t), None) => ("topics", Some(t.to_string())),
        (None, Some(b)) => ("brokers", Some(b.to_string())),
        (None, None) => {
            let kind = p
                .value("entity-type")
                .ok_or("Missing required argument \"[entity-type]\"")?;
            (kind, p.value("entity-name").map(str::to_string))
        }
        _ => return Err("give --topic or --broker, not both".into()),
    };
    let default = p.has("entity-default");
    let entity = match (kind, name, default) {
        ("topics", Some(t), false) => {
            if !cluster.topics_meta().contains_key(&t) {
                return Err(format!("Topic '{t}' does not exist."));
            }
            ConfigEntity::Topic(t)
        }
        ("topics", _, _) => return Err("--entity-name must be specified with --entity-type topics".into()),
        ("brokers", None, true) => ConfigEntity::BrokerDefault,
        ("brokers", Some(b), false) => {
            let id: BrokerId = b
                .parse()
                .map_err(|_| format!("The entity name for brokers must be a valid integer broker id, but it is: {b}"))?;
            if !cluster.brokers.contains_key(&id) {
                return Err(format!("there is no broker {id}"));
            }
            ConfigEntity::Broker(id)
        }
        ("brokers", _, _) => {
            return Err("give exactly one of --entity-name or --entity-default with --entity-type brokers".into())
        }
        (other, _, _) => {
            return Err(format!(
                "Invalid entity type {other}, the entity type must be one of topics, brokers (the lab simulates these two)"
            ))
        }
    };
    if p.has("describe") {
        return Ok(describe_configs(cluster, &entity));
    }
    let add = p
        .value("add-config")
        .ok_or("--add-config is required with --alter (--delete-config is not simulated yet)")?;
    let mut configs = BTreeMap::new();
    for kv in add.split(',') {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| format!("Invalid config: '{kv}' (write key=value[,key=value])"))?;
        let (k, v) = (k.trim(), v.trim());
        match &entity {
            ConfigEntity::Topic(_) => validate_topic_config(k, v)?,
            _ => validate_broker_config(k, v)?,
        }
        configs.insert(k.to_string(), v.to_string());
    }
    let note = if configs.contains_key("replica.lag.time.max.ms") {
        "Note: real Kafka reads replica.lag.time.max.ms only from server.properties at startup; the lab lets you change it live.\n"
    } else {
        ""
    };
    let request = cluster
        .admin_request(AdminRequest::AlterConfigs {
            entity: entity.clone(),
            configs: configs.clone(),
        })
        .ok_or("Timed out waiting for a node assignment. Call: incrementalAlterConfigs")?;
    cluster.run_until(60_000, |c| c.admin_response(request).is_some());
    if cluster.admin_response(request).is_none() {
        return Err(
            "Timed out waiting for a node assignment. Call: incrementalAlterConfigs".into(),
        );
    }
    if cluster.mode() == crate::kraft::MetadataMode::Kraft {
        // The controller answered once its ConfigRecords committed; the brokers apply them
        // a fetch later. Wait for the image the tools read (a few ms) so a describe sees them.
        cluster.run_until(5_000, |c| {
            c.metadata_image().is_some_and(|i| {
                let now = i.configs_of(&entity);
                configs.iter().all(|(k, v)| now.get(k) == Some(v))
            })
        });
    }
    Ok(match entity {
        ConfigEntity::Topic(t) => format!("{note}Completed updating config for topic {t}.\n"),
        ConfigEntity::Broker(b) => format!("{note}Completed updating config for broker {b}.\n"),
        ConfigEntity::BrokerDefault => {
            format!("{note}Completed updating default config for brokers in the cluster.\n")
        }
    })
}

/// An entity's dynamic broker configs: ZooKeeper's `/config/brokers/…` znode, or in KRaft
/// the metadata image's `ConfigRecord`s.
fn broker_configs(cluster: &Cluster, entity: &ConfigEntity) -> BTreeMap<String, String> {
    if cluster.mode() == crate::kraft::MetadataMode::Kraft {
        return cluster
            .metadata_image()
            .map(|i| i.configs_of(entity))
            .unwrap_or_default();
    }
    cluster
        .zk
        .broker_configs
        .get(entity)
        .cloned()
        .unwrap_or_default()
}

fn describe_configs(cluster: &Cluster, entity: &ConfigEntity) -> String {
    let (title, configs) = match entity {
        ConfigEntity::Topic(t) => (
            format!("Dynamic configs for topic {t} are:"),
            cluster
                .topics_meta()
                .get(t)
                .map(|z| z.configs.clone())
                .unwrap_or_default(),
        ),
        ConfigEntity::Broker(b) => (
            format!("Dynamic configs for broker {b} are:"),
            broker_configs(cluster, entity),
        ),
        ConfigEntity::BrokerDefault => (
            "Default configs for brokers in the cluster are:".to_string(),
            broker_configs(cluster, entity),
        ),
    };
    let source = match entity {
        ConfigEntity::Topic(_) => "DYNAMIC_TOPIC_CONFIG",
        ConfigEntity::Broker(_) => "DYNAMIC_BROKER_CONFIG",
        ConfigEntity::BrokerDefault => "DYNAMIC_DEFAULT_BROKER_CONFIG",
    };
    let mut out = format!("{title}\n");
    for (k, v) in configs {
        out.push_str(&format!(
            "  {k}={v} sensitive=false synonyms={{{source}:{k}={v}}}\n"
        ));
    }
    out
}

/// The console consumer's client id (`ConsoleConsumerOptions` sets `client.id` so).
pub const CONSOLE_CONSUMER: &str = "console-consumer";
/// Without `--timeout-ms` Kafka's console consumer waits for messages forever; the lab stops
/// it once it has read everything its partitions had (as if you pressed Ctrl-C then), or after
/// this long without a message.
pub const CONSOLE_IDLE_MS: Millis = 30_000;

/// The options of `kafka-console-consumer.sh` the lab reads (no `--zookeeper`: the old Scala
/// consumer that had it was removed in Kafka 2.0, before every version the lab models).
pub const CONSOLE_CONSUMER_SPECS: &[OptSpec] = &[
    value("bootstrap-server"),
    value("topic"),
    flag("from-beginning"),
    value("max-messages"),
    value("partition"),
    value("offset"),
    value("property"),
    value("consumer-property"),
    value("group"),
    value("timeout-ms"),
    value("isolation-level"),
];

/// `kafka-console-consumer.sh`: a `KafkaConsumer` with client id `console-consumer`.
/// - `--topic T` subscribes as a member of group `--group G` (classic protocol; it starts from
///   the group's committed offsets, else `auto.offset.reset`: earliest with `--from-beginning`,
///   latest without), commits its positions when it closes (`enable.auto.commit=true`) and
///   leaves the group. Without `--group` it joins a new group `console-consumer-NNNNN` (a draw
///   from the seeded generator) with `enable.auto.commit=false`, and commits nothing.
/// - `--partition P [--offset O]` uses `assign()`: no group.
///
/// It reads with Fetch requests until `--max-messages`, or `--timeout-ms` without a message;
/// without `--timeout-ms`, until it has read everything there was (the lab's stop; at most
/// [`CONSOLE_IDLE_MS`] without a message). Like Kafka's tool, records it polled but did not
/// print are sought back before closing, so the commit covers what was printed.
pub fn console_consumer(
    cluster: &mut Cluster,
    args: &[String],
    budget: u64,
) -> Result<String, String> {
    let p = parse(args, CONSOLE_CONSUMER_SPECS)?;
    p.only_options("")?;
    let topic = p
        .value("topic")
        .ok_or("Exactly one of --include/--topic is required.")?;
    let t = cluster.topics_meta().get(topic).ok_or_else(|| {
        format!("Topic {topic} does not exist (the lab's consumer does not wait for it)")
    })?;
    let partitions: Vec<u32> = t.assignment.keys().copied().collect();
    let only: Option<u32> = p.number("partition")?;
    if let Some(part) = only {
        if !partitions.contains(&part) {
            return Err(format!("Partition {part} of topic {topic} does not exist"));
        }
    }
    let offset_arg = p.value("offset");
    if offset_arg.is_some() && only.is_none() {
        return Err("The partition is required when offset is specified.".into());
    }
    if offset_arg.is_some() && p.has("from-beginning") {
        return Err("Options from-beginning and offset cannot be specified together.".into());
    }
    let group = p.value("group");
    if group.is_some() && only.is_some() {
        return Err("Options group and partition cannot be specified together.".into());
    }
    if group == Some("") {
        return Err("--group must not be empty".into());
    }
    let read_committed = match p.value("isolation-level") {
        None | Some("read_uncommitted") => false,
        Some("read_committed") => true,
        Some(other) => {
            return Err(format!(
                "Invalid value {other} for configuration isolation.level: String must be one of: read_committed, read_uncommitted"
            ))
        }
    };
    let max: Option<usize> = p.number("max-messages")?;
    let timeout: Option<Millis> = p.number("timeout-ms")?;
    let mut print = BTreeMap::new();
    for prop in p.values("property") {
        let (k, v) = prop
            .split_once('=')
            .ok_or_else(|| format!("Invalid property '{prop}' (write key=value)"))?;
        match k {
            "print.key" | "print.partition" | "print.offset" | "print.timestamp"
            | "print.value" => {
                print.insert(k.to_string(), v.trim().eq_ignore_ascii_case("true"));
            }
            "key.separator" | "line.separator" => {}
            other => return Err(format!("Unknown formatter property {other}")),
        }
    }
    // Where to start: a position (seek), seekToBeginning / seekToEnd, or the group's offsets.
    let mut seek_to = BTreeMap::new();
    let mut seek = BTreeMap::new();
    if let Some(part) = only {
        let tp = TopicPartition::new(topic, part);
        match offset_arg {
            Some("earliest") => {
                seek.insert(tp, OffsetSpec::Earliest);
            }
            Some("latest") => {
                seek.insert(tp, OffsetSpec::Latest);
            }
            Some(o) => {
                let o = o.parse::<u64>().map_err(|_| {
                    format!("The offset must be a number, 'earliest' or 'latest', not '{o}'")
                })?;
                seek_to.insert(tp, o);
            }
            None if p.has("from-beginning") => {
                seek.insert(tp, OffsetSpec::Earliest);
            }
            None => {
                seek.insert(tp, OffsetSpec::Latest);
            }
        }
    }
    let mut config = ConsumerConfig::new("", [topic.to_string()].into_iter().collect());
    config.read_committed = read_committed;
    config.auto_offset_reset = if p.has("from-beginning") {
        OffsetReset::Earliest
    } else {
        OffsetReset::Latest
    };
    // The generated group is not meant to be used again: nothing is committed to it.
    config.enable_auto_commit = group.is_some();
    for kv in p.values("consumer-property") {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| format!("Invalid consumer property '{kv}' (write key=value)"))?;
        let k = k.trim();
        if k == "auto.offset.reset" && p.has("from-beginning") && v.trim() != "earliest" {
            return Err(format!("Can't simultaneously specify --from-beginning and 'auto.offset.reset={}', please remove one option", v.trim()));
        }
        config.set(k, v)?;
    }
    if let Some(n) = cluster.consumer_named(CONSOLE_CONSUMER) {
        if cluster.consumers[&n].is_alive() {
            return Err(format!(
                "a consumer with client id {CONSOLE_CONSUMER} is running (consumer leave {CONSOLE_CONSUMER} first)"
            ));
        }
    }
    let group_id = match group {
        Some(g) => g.to_string(),
        None => format!("console-consumer-{}", cluster.random_below(100_000)),
    };
    config.group = group_id.clone();
    let subscribed = only.is_none();
    let mut offsets_topic = Ok(());
    let commit_on_close = subscribed && config.enable_auto_commit;
    let max_poll_records = config.max_poll_records;
    let n = if subscribed {
        // A broker creates __consumer_offsets on the first FindCoordinator; if it cannot
        // (too few brokers), the consumer finds no coordinator and reads nothing, as Kafka's
        // would (it would wait forever).
        offsets_topic = super::groups::ensure_offsets_topic(cluster, budget, &mut String::new());
        cluster.start_consumer(CONSOLE_CONSUMER, config)
    } else {
        let n = cluster.new_consumer(CONSOLE_CONSUMER, config);
        let parts: Vec<TopicPartition> = seek.keys().chain(seek_to.keys()).cloned().collect();
        cluster.with_consumer(n, |c, ctx| c.assign(ctx, parts, seek_to, seek));
        n
    };
    let idle_ms = timeout.unwrap_or(CONSOLE_IDLE_MS).min(MAX_IDLE_MS);
    let flag = |k: &str, default: bool| print.get(k).copied().unwrap_or(default);
    let mut out = String::new();
    let mut count = 0usize;
    let mut read = Vec::new();
    let command_start = cluster.processed();
    let mut failure = None;
    'consume: while max.is_none_or(|m| count < m) {
        // `ConsumerWrapper.receive`: poll until records come, or give up after the timeout.
        let began = cluster.now();
        let records = loop {
            let left = (began + idle_ms).saturating_sub(cluster.now());
            let spent = cluster.processed() - command_start;
            if left == 0 || spent >= budget || !cluster.consumers[&n].is_alive() {
                break 'consume;
            }
            match super::groups::poll_records(
                cluster,
                n,
                max_poll_records,
                left,
                timeout.is_none(),
                budget - spent,
            ) {
                Ok(r) if !r.is_empty() => break r,
                Ok(_) if timeout.is_none() && cluster.consumers[&n].caught_up() => break 'consume,
                Ok(_) => {}
                Err(e) => {
                    failure = Some(e);
                    break 'consume;
                }
            }
        };
        for (i, (tp, r)) in records.iter().enumerate() {
            if max.is_some_and(|m| count >= m) {
                // `resetUnconsumedOffsets`: back to the first record not printed.
                let mut first: BTreeMap<&TopicPartition, u64> = BTreeMap::new();
                for (tp, r) in &records[i..] {
                    first.entry(tp).or_insert(r.offset);
                }
                cluster.with_consumer(n, |c, _| {
                    for (tp, o) in first {
                        c.seek(tp, o);
                    }
                });
                break;
            }
            let mut fields = Vec::new();
            if flag("print.timestamp", false) {
                fields.push(format!("CreateTime:{}", r.timestamp));
            }
            if flag("print.partition", false) {
                fields.push(format!("Partition:{}", tp.partition));
            }
            if flag("print.offset", false) {
                fields.push(format!("Offset:{}", r.offset));
            }
            if flag("print.key", false) {
                fields.push(r.key.as_deref().unwrap_or("null").to_string());
            }
            if flag("print.value", true) {
                fields.push(r.value.to_string());
            }
            out.push_str(&fields.join("\t"));
            out.push('\n');
            read.push(r.send);
            count += 1;
        }
    }
    cluster.ledger.read.extend(read);
    if subscribed && cluster.consumers[&n].generation < 1 {
        let why = match offsets_topic {
            Err(e) => format!(" ({e})"),
            Ok(()) => String::new(),
        };
        let _ = writeln!(
            out,
            "(the consumer never joined group {group_id}: no group coordinator answered{why}; Kafka's console consumer would go on waiting)"
        );
    }
    close_console_consumer(cluster, n, subscribed, commit_on_close, budget);
    if let Some(e) = failure {
        out.push_str(&format!(
            "ERROR Error processing message, terminating consumer process: {e}\n"
        ));
    }
    out.push_str(&format!("Processed a total of {count} messages\n"));
    Ok(out)
}

/// The longest `--timeout-ms` the lab waits (one virtual hour).
const MAX_IDLE_MS: Millis = 3_600_000;

/// `close()`: a member commits its positions (`commitSync`, when auto-commit is on) and
/// leaves its group; an `assign()`ed consumer just stops.
fn close_console_consumer(
    cluster: &mut Cluster,
    n: u32,
    subscribed: bool,
    commit: bool,
    budget: u64,
) {
    if !cluster.consumers[&n].is_alive() {
        return;
    }
    if !subscribed {
        cluster.with_consumer(n, |c, _| c.kill());
        return;
    }
    if commit && cluster.consumers[&n].is_ready() {
        let sent = cluster.with_consumer(n, |c, ctx| c.commit(ctx)).flatten();
        if sent.is_some() {
            let start = cluster.processed();
            cluster.run_until(5_000, |c| {
                c.consumers[&n].last_commit_result.is_some() || c.processed() - start >= budget
            });
        }
    }
    cluster.with_consumer(n, |c, ctx| c.leave_group(ctx));
    // The LeaveGroup reaches the coordinator before close() returns.
    cluster.advance(20);
}

/// Parses a node name for `cut` / `heal`: a broker id, `leader:T-P` (the partition's current
/// leader), `followers:T-P` (its other replicas), `zk` / `zookeeper`, or a producer's client id.
fn nodes(cluster: &Cluster, s: &str) -> Result<Vec<NodeId>, String> {
    if s.eq_ignore_ascii_case("zk") || s.eq_ignore_ascii_case("zookeeper") {
        return Ok(vec![NodeId::ZooKeeper]);
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
        return Ok(cluster.topics_meta()[&tp.topic].assignment[&tp.partition]
            .iter()
            .filter(|&&b| Some(b) != leader)
            .map(|&b| NodeId::Broker(b))
            .collect());
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
    fn push_int_prints_what_display_prints() {
        for v in [0, 7, -1, 10, 99, 100, -123_456, i64::MAX, i64::MIN] {
            let mut s = String::from("x");
            super::push_int(&mut s, v);
            assert_eq!(s, format!("x{v}"));
        }
    }
}
