//! `kafka-console-consumer.sh` (Kafka's `ConsoleConsumer`): a consumer client with client id
//! `console-consumer`, in a group or `assign()`ed, polling through `groups::poll_records`.

use super::*;

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
    let mut seek_to = crate::idxmap::IdxMap::new();
    let mut seek = crate::idxmap::IdxMap::new();
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
        if let Some(e) = crate::cli::groups::offsets_topic_unavailable(cluster) {
            offsets_topic = Err(e);
        }
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
            match crate::cli::groups::poll_records(
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
