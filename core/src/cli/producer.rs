//! Commands of the producer lab: `client-version`, `producer describe|restart`, and
//! `kafka-console-producer.sh` (whose records are the lines that follow it, up to `EOF`).

use std::fmt::Write as _;

use super::args::{parse, value, OptSpec};
use super::replication::{
    partition_count, producer_config, send_results, wait_for_sends, DEFAULT_PRODUCER,
};
use crate::cluster::producer::{ClientVersion, ProducerConfig};
use crate::cluster::Cluster;
use crate::log::SendId;

/// `client-version [2.3|3.x|4.0]`: shows or sets the Java client whose defaults new producers
/// (and every `produce`) take.
pub fn client_version(cluster: &mut Cluster, args: &[String]) -> Result<String, String> {
    match args {
        [] => {}
        [v] => {
            cluster.client_version = ClientVersion::parse(v).ok_or_else(|| {
                format!("client-version: '{v}' is not a version the lab knows: 2.3 (the notes' era), 3.x or 4.0")
            })?;
        }
        _ => return Err("client-version: give one version: 2.3, 3.x or 4.0".into()),
    }
    let c = ProducerConfig::defaults(cluster.client_version);
    let keyless = match cluster.client_version {
        ClientVersion::V2_3 => "round-robin over partitions with a leader (DefaultPartitioner)",
        _ => "sticky, adaptive to queue sizes (built-in partitioner, KIP-794)",
    };
    Ok(format!(
        "Producer defaults: {}\n  acks={} enable.idempotence={} linger.ms={} batch.size={} max.in.flight.requests.per.connection={}\n  keyless records: {keyless}\n",
        cluster.client_version.label(),
        c.acks.name(),
        c.idempotence,
        c.linger_ms,
        c.batch_size,
        c.max_in_flight
    ))
}

/// `producer describe [ID]` and `producer restart ID`.
pub fn producer(
    cluster: &mut Cluster,
    args: &[String],
    event_budget: u64,
) -> Result<String, String> {
    let usage = "producer: describe [CLIENT-ID] | restart CLIENT-ID";
    let (sub, rest) = args.split_first().ok_or(usage)?;
    let find = |cluster: &Cluster, name: &str| {
        cluster
            .producers
            .iter()
            .find(|(_, p)| p.name == name)
            .map(|(&id, _)| id)
            .ok_or_else(|| format!("producer: no producer has client.id {name} (producers appear with their first send)"))
    };
    match (sub.as_str(), rest) {
        ("describe", []) => {
            if cluster.producers.is_empty() {
                return Ok("No producers yet.\n".into());
            }
            Ok(cluster
                .producers
                .keys()
                .copied()
                .collect::<Vec<_>>()
                .into_iter()
                .map(|id| describe(cluster, id))
                .collect())
        }
        ("describe", [name]) => {
            let id = find(cluster, name)?;
            Ok(describe(cluster, id))
        }
        ("restart", [name]) => {
            let id = find(cluster, name)?;
            let sends = cluster.restart_producer(id);
            let p = &cluster.producers[&id];
            let mut out = format!(
                "Producer {name} restarted: its accumulator, producer id and sequence numbers are gone; the application sends again the {} record(s) it had no answer for.\n",
                sends.len()
            );
            if !sends.is_empty() {
                let (acks, deadline) = (
                    p.config.acks,
                    p.config.delivery_timeout_ms + p.config.request_timeout_ms,
                );
                wait_for_sends(cluster, id, &sends, acks, deadline, event_budget);
                out.push_str(&send_results(cluster, &sends));
            }
            Ok(out)
        }
        _ => Err(usage.into()),
    }
}

fn describe(cluster: &Cluster, id: u32) -> String {
    let p = &cluster.producers[&id];
    let c = &p.config;
    let mut out = format!(
        "producer {} ({}): acks={} enable.idempotence={} batch.size={} linger.ms={} partitioner={}\n",
        p.name,
        c.version.label(),
        c.acks.name(),
        c.idempotence,
        c.batch_size,
        c.linger_ms,
        c.partitioner.class()
    );
    match p.producer_id {
        Some((pid, epoch)) if c.idempotence => {
            let seqs: Vec<String> = p
                .sequences
                .iter()
                .map(|(tp, s)| format!("{tp}:{s}"))
                .collect();
            let _ = writeln!(
                out,
                "  producerId {pid} epoch {epoch}; next sequence per partition: {}",
                if seqs.is_empty() {
                    "-".into()
                } else {
                    seqs.join(" ")
                }
            );
        }
        _ if c.idempotence => {
            out.push_str("  producerId: not yet (InitProducerId comes before the first batch)\n")
        }
        _ => {}
    }
    let _ = writeln!(
        out,
        "  accumulator: {} batch(es) waiting, {} request(s) in flight, buffer {} / {} bytes",
        p.accumulator.values().map(|d| d.len()).sum::<usize>(),
        p.in_flight.len(),
        p.buffer_used,
        c.buffer_memory
    );
    for (tp, dq) in &p.accumulator {
        for b in dq.iter().filter_map(|id| p.batches.get(id)) {
            let _ = writeln!(
                out,
                "    {tp}: batch of {} record(s), {} bytes{}",
                b.records.len(),
                b.bytes,
                if b.attempts > 0 { " (a retry)" } else { "" }
            );
        }
    }
    let s = &p.stats;
    let _ = writeln!(
        out,
        "  sent {} record(s) in {} batch(es) and {} request(s) ({:.1} records per batch); {} retried batch(es); mean latency {:.1} ms",
        s.records_sent,
        s.batches_sent,
        s.requests,
        if s.batches_sent == 0 { 0.0 } else { s.records_sent as f64 / s.batches_sent as f64 },
        s.retries,
        p.mean_latency_ms()
    );
    if p.config.compression != crate::storage::batch::Codec::None {
        let _ = writeln!(
            out,
            "  compression.type={}: {} bytes of batches became {} bytes ({:.2}x smaller)",
            p.config.compression.name(),
            s.bytes_uncompressed,
            s.bytes_compressed,
            if s.bytes_compressed == 0 {
                1.0
            } else {
                s.bytes_uncompressed as f64 / s.bytes_compressed as f64
            }
        );
    }
    out
}

/// A `kafka-console-producer.sh` reading its records from the lines that follow.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConsoleProducer {
    topic: String,
    parse_key: bool,
    separator: String,
    client: u32,
    sends: Vec<SendId>,
}

/// Every option of `kafka-console-producer.sh` the lab reads, in any version: `broker-list`
/// first and `bootstrap-server` last, so a version's list is a slice.
pub const CONSOLE_PRODUCER_SPECS: &[OptSpec] = &[
    value("broker-list"),
    value("topic"),
    value("property"),
    value("producer-property"),
    value("bootstrap-server"),
];

/// The options of `kafka-console-producer.sh` in `version`: `--broker-list` was the only way in
/// Kafka 2.3; 2.5 added `--bootstrap-server` (KIP-499) and deprecated `--broker-list`, which
/// Kafka 4.0 removed.
pub fn console_producer_specs(version: ClientVersion) -> &'static [OptSpec] {
    match version {
        ClientVersion::V2_3 => &CONSOLE_PRODUCER_SPECS[..4],
        ClientVersion::V3 => CONSOLE_PRODUCER_SPECS,
        ClientVersion::V4_0 => &CONSOLE_PRODUCER_SPECS[1..],
    }
}

/// `kafka-console-producer.sh --topic T [--property parse.key=true] [--property key.separator=S]
/// [--producer-property k=v]...`: starts reading records.
pub fn start_console_producer(
    cluster: &mut Cluster,
    args: &[String],
) -> Result<ConsoleProducer, String> {
    // `--broker-list` was the only way in Kafka 2.3; 2.5 added `--bootstrap-server` (KIP-499)
    // and deprecated `--broker-list`, which Kafka 4.0 removed.
    let p = parse(args, console_producer_specs(cluster.client_version))?;
    p.only_options("kafka-console-producer.sh: ")?;
    let topic = p
        .value("topic")
        .ok_or("kafka-console-producer.sh: Missing required argument \"[topic]\"")?
        .to_string();
    partition_count(cluster, &topic).map_err(|e| format!("kafka-console-producer.sh: {e}"))?;
    let (mut parse_key, mut separator) = (false, "\t".to_string());
    for kv in p.values("property") {
        match kv.split_once('=') {
            Some(("parse.key", v)) => parse_key = v.trim() == "true",
            Some(("key.separator", v)) => separator = v.to_string(),
            Some(("ignore.error", _)) | Some(("null.marker", _)) => {}
            _ => {
                return Err(format!(
                    "kafka-console-producer.sh: unknown --property '{kv}' (the lab knows parse.key and key.separator)"
                ))
            }
        }
    }
    let config = producer_config(cluster, p.values("producer-property"), None)
        .map_err(|e| format!("kafka-console-producer.sh: {e}"))?;
    let client = cluster.producer_id(DEFAULT_PRODUCER);
    if let Some(pr) = cluster.producers.get_mut(&client) {
        pr.config = config;
    }
    Ok(ConsoleProducer {
        topic,
        parse_key,
        separator,
        client,
        sends: Vec::new(),
    })
}

impl ConsoleProducer {
    /// One line typed at the `>` prompt: one record.
    pub fn line(&mut self, cluster: &mut Cluster, line: &str) -> Result<String, String> {
        let (key, value) = if self.parse_key {
            match line.split_once(self.separator.as_str()) {
                Some((k, v)) => (Some(k.to_string()), v.to_string()),
                None => {
                    return Err(format!(
                        "org.apache.kafka.common.KafkaException: No key separator found on line: {line}"
                    ))
                }
            }
        } else {
            (None, line.to_string())
        };
        let send = cluster.produce(self.client, &self.topic, None, key, value);
        self.sends.push(send);
        Ok(String::new())
    }

    /// `EOF` (Ctrl-D): the producer closes, flushing what it holds.
    pub fn close(self, cluster: &mut Cluster, event_budget: u64) -> String {
        let Some(p) = cluster.producers.get(&self.client) else {
            return String::new();
        };
        let (acks, deadline) = (
            p.config.acks,
            p.config.delivery_timeout_ms + p.config.request_timeout_ms + p.config.linger_ms,
        );
        wait_for_sends(
            cluster,
            self.client,
            &self.sends,
            acks,
            deadline,
            event_budget,
        );
        send_results(cluster, &self.sends)
    }

    /// The topic it writes to.
    pub fn topic(&self) -> &str {
        &self.topic
    }
}
