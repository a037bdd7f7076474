//! `lookup`: every step of an offset or timestamp lookup in a replica's log (the index's
//! binary search, then the scan of the `.log`).

use std::fmt::Write as _;

use super::{broker_of, log_of};
use crate::cli::args::{parse, value};
use crate::cluster::replica::Role;
use crate::cluster::Cluster;
use crate::model::{BrokerId, TopicPartition};
use crate::storage::segment::{file_name, OffsetLookup, SegmentedLog, TimestampLookup};

/// The replica `lookup` reads: `--replica B`, else the leader, else the first replica.
fn lookup_replica(
    cluster: &Cluster,
    tp: &TopicPartition,
    replica: Option<&str>,
) -> Result<BrokerId, String> {
    if let Some(r) = replica {
        let b: BrokerId = r
            .parse()
            .map_err(|_| format!("lookup: --replica takes a broker id, not '{r}'"))?;
        broker_of(cluster, "lookup", b)?;
        return Ok(b);
    }
    let t = cluster
        .topics_meta()
        .get(tp.topic.as_str())
        .ok_or_else(|| format!("lookup: there is no topic {}", tp.topic))?;
    let replicas = t
        .assignment
        .get(&tp.partition)
        .ok_or_else(|| format!("lookup: there is no partition {tp}"))?;
    let leader = replicas.iter().copied().find(|b| {
        cluster.brokers[b]
            .replica_manager
            .partitions
            .get(tp)
            .is_some_and(|p| p.role == Role::Leader)
    });
    Ok(leader.unwrap_or(replicas[0]))
}

/// `lookup T-P OFFSET [--replica B]` and `lookup T-P --timestamp TS [--replica B]`.
pub fn lookup(cluster: &Cluster, args: &[String]) -> Result<String, String> {
    let p = parse(args, &[value("replica"), value("timestamp")])?;
    let usage =
        "lookup: give a partition and an offset, e.g. lookup orders-0 42 (or --timestamp MS)";
    let (tp, offset) = match (p.positional.as_slice(), p.value("timestamp")) {
        ([tp, off], None) => (tp, Some(off)),
        ([tp], Some(_)) => (tp, None),
        _ => return Err(usage.into()),
    };
    let tp = TopicPartition::parse(tp)
        .ok_or_else(|| format!("lookup: '{tp}' is not a partition (write it TOPIC-PARTITION)"))?;
    let broker = lookup_replica(cluster, &tp, p.value("replica"))?;
    let log = log_of(cluster, "lookup", broker, &tp)?;
    if let Some(off) = offset {
        let target: i64 = off
            .parse()
            .map_err(|_| format!("lookup: '{off}' is not an offset"))?;
        Ok(offset_trace(
            &log.files().lookup(target),
            log.files(),
            &tp,
            broker,
        ))
    } else {
        let ts = p.value("timestamp").unwrap_or_default();
        let target: i64 = ts
            .parse()
            .map_err(|_| format!("lookup: --timestamp takes epoch milliseconds, not '{ts}'"))?;
        Ok(timestamp_trace(
            &log.files().lookup_timestamp(target),
            &tp,
            broker,
        ))
    }
}

/// The text of an offset lookup's trace.
pub fn offset_trace(
    l: &OffsetLookup,
    log: &SegmentedLog,
    tp: &TopicPartition,
    broker: BrokerId,
) -> String {
    let mut out = format!(
        "Looking up offset {} in {tp} on broker {broker}\n",
        l.target
    );
    let Some(base) = l.segment else {
        let _ = writeln!(
            out,
            "Offset {} is out of range: the log holds offsets {} to {} (OFFSET_OUT_OF_RANGE).",
            l.target,
            log.log_start_offset(),
            log.log_end_offset() - 1
        );
        return out;
    };
    let _ = writeln!(
        out,
        "1. Segments by base offset: [{}]. The largest base offset <= {} is {base}: {}.",
        l.segment_bases
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        l.target,
        file_name(base, "log")
    );
    let _ = writeln!(
        out,
        "2. Binary search of {} ({} entries; the warm section starts at slot {}):",
        file_name(base, "index"),
        l.index.entries,
        l.index.first_hot_slot
    );
    for pr in &l.index.probes {
        let _ = writeln!(
            out,
            "   slot {}: offset {} {} {}{}",
            pr.slot,
            pr.key,
            match pr.cmp {
                -1 => "<",
                0 => "=",
                _ => ">",
            },
            l.target,
            match pr.phase {
                "warm" => "   (is the target in the warm section, the index's last 8 KiB?)",
                "first" => "   (is the target below the first entry?)",
                _ => "",
            }
        );
    }
    match l.index.slot {
        Some(s) => {
            let _ = writeln!(
                out,
                "   -> slot {s}: offset {} is at position {}.",
                l.start.offset, l.start.position
            );
        }
        None => {
            let _ = writeln!(
                out,
                "   -> no entry <= {}: start at the segment's first byte (position 0).",
                l.target
            );
        }
    }
    let _ = writeln!(
        out,
        "3. Scan of {} from position {}:",
        file_name(base, "log"),
        l.start.position
    );
    for b in &l.scanned {
        let holds = l.found.is_some_and(|f| f.position == b.position);
        let _ = writeln!(
            out,
            "   batch {}..{} at position {} ({} bytes): {}",
            b.base_offset,
            b.last_offset,
            b.position,
            b.size,
            if holds {
                format!("holds offset {}", l.target)
            } else {
                format!("last offset {} < {}, next", b.last_offset, l.target)
            }
        );
    }
    let _ = writeln!(
        out,
        "Found in {} steps ({} index probe(s) + {} batch header(s) read); a scan from the log's first byte would read {} batch header(s).",
        l.steps(),
        l.index.probes.len(),
        l.scanned.len(),
        l.linear_steps
    );
    out
}

/// The text of a timestamp lookup's trace.
pub fn timestamp_trace(l: &TimestampLookup, tp: &TopicPartition, broker: BrokerId) -> String {
    let mut out = format!(
        "Looking up timestamp {} in {tp} on broker {broker}\n",
        l.target
    );
    let Some(base) = l.segment else {
        let _ = writeln!(
            out,
            "No record has a timestamp >= {}: the answer is the log end offset.",
            l.target
        );
        return out;
    };
    let _ = writeln!(
        out,
        "1. The first segment whose largest timestamp is >= {} is {}.",
        l.target,
        file_name(base, "log")
    );
    let _ = writeln!(
        out,
        "2. Binary search of {} ({} entries):",
        file_name(base, "timeindex"),
        l.time_index.entries
    );
    for pr in &l.time_index.probes {
        let _ = writeln!(
            out,
            "   slot {}: timestamp {} {} {}",
            pr.slot,
            pr.key,
            ["<", "=", ">"][(pr.cmp + 1) as usize],
            l.target
        );
    }
    let _ = writeln!(out, "   -> start from offset {}.", l.time_offset);
    let _ = writeln!(
        out,
        "3. Binary search of {} for offset {} ({} probes).",
        file_name(base, "index"),
        l.time_offset,
        l.index.probes.len()
    );
    let _ = writeln!(out, "4. Scan of {}:", file_name(base, "log"));
    for b in &l.scanned {
        let _ = writeln!(
            out,
            "   batch {}..{} at position {}: max timestamp {}",
            b.base_offset, b.last_offset, b.position, b.max_timestamp
        );
    }
    match l.found {
        Some((ts, off)) => {
            let _ = writeln!(out, "Found offset {off} (timestamp {ts}).");
        }
        None => {
            let _ = writeln!(out, "Not found in this segment.");
        }
    }
    out
}
