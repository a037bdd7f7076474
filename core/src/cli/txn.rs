//! `txn begin|commit|abort|describe`: a transactional producer's `beginTransaction()`,
//! `commitTransaction()`, `abortTransaction()`, and what the coordinators hold.

use std::fmt::Write as _;

use super::args::{parse, value};
use super::replication::producer_config;
use crate::cluster::producer::{Producer, TxnClientState};
use crate::cluster::txn::{
    txn_partition, TxnState, KAFKA_TXN_PARTITIONS, LAB_TXN_PARTITIONS, TXN_TOPIC,
};
use crate::cluster::Cluster;

/// How long `initTransactions()` waits (`max.block.ms`).
const INIT_WAIT_MS: u64 = 60_000;

/// `txn begin|commit|abort --transactional-id ID [--client-id C] [--producer-property k=v]...`
/// and `txn describe`.
pub fn txn(cluster: &mut Cluster, args: &[String], event_budget: u64) -> Result<String, String> {
    let usage = "txn: begin|commit|abort --transactional-id ID [--client-id C] [--producer-property k=v]... | describe";
    let (sub, rest) = args.split_first().ok_or(usage)?;
    let p = parse(
        rest,
        &[
            value("transactional-id"),
            value("client-id"),
            value("producer-property"),
            super::args::flag("async"),
        ],
    )?;
    p.only_options("txn: ")?;
    if sub == "describe" {
        return Ok(describe(cluster));
    }
    if !matches!(sub.as_str(), "begin" | "commit" | "abort") {
        return Err(usage.into());
    }
    let id = p
        .value("transactional-id")
        .ok_or("txn: --transactional-id is required, e.g. txn begin --transactional-id orders-app")?
        .to_string();
    let client = p.value("client-id").unwrap_or(&id).to_string();
    if sub != "begin" && !p.values("producer-property").is_empty() {
        return Err(
            "txn: --producer-property is for txn begin (when the producer is created)".into(),
        );
    }
    match sub.as_str() {
        "begin" => begin(
            cluster,
            &id,
            &client,
            p.values("producer-property"),
            event_budget,
        ),
        other => end(
            cluster,
            &id,
            &client,
            other == "commit",
            p.has("async"),
            event_budget,
        ),
    }
}

fn find(cluster: &Cluster, id: &str, client: &str) -> Result<Option<u32>, String> {
    let Some((&n, p)) = cluster.producers.iter().find(|(_, p)| p.name == client) else {
        return Ok(None);
    };
    match &p.txn {
        Some(t) if t.id == id => Ok(Some(n)),
        Some(t) => Err(format!(
            "txn: producer {client} has transactional.id {}, not {id}",
            t.id
        )),
        None => Err(format!(
            "txn: producer {client} is not transactional (it was created without transactional.id)"
        )),
    }
}

fn begin(
    cluster: &mut Cluster,
    id: &str,
    client: &str,
    props: &[String],
    event_budget: u64,
) -> Result<String, String> {
    let mut out = String::new();
    // `__transaction_state` is created by the broker the producer's first FindCoordinator
    // reaches (see `cluster::broker::auto_topic`).
    let n = match find(cluster, id, client)? {
        Some(n) => {
            if !props.is_empty() {
                return Err(format!(
                    "txn: producer {client} already exists; --producer-property applies only when it is created"
                ));
            }
            n
        }
        None => {
            let mut all = props.to_vec();
            all.push(format!("transactional.id={id}"));
            let config = producer_config(cluster, &all, None).map_err(|e| format!("txn: {e}"))?;
            let n = cluster.producer_id(client);
            let pr = cluster.producers.get_mut(&n).expect("created");
            *pr = Producer::new(n, client, pr.bootstrap.clone(), config);
            n
        }
    };
    let state = cluster.producers[&n].txn.as_ref().map(|t| t.state);
    if state == Some(TxnClientState::Uninitialized) {
        cluster.with_producer(n, |p, ctx| p.init_transactions(ctx));
        let start = cluster.processed();
        cluster.run_until(INIT_WAIT_MS, |c| {
            c.processed() - start >= event_budget
                || c.producers[&n]
                    .txn
                    .as_ref()
                    .is_none_or(|t| t.state != TxnClientState::Initializing)
        });
        let p = &cluster.producers[&n];
        let t = p.txn.as_ref().expect("transactional");
        if t.state == TxnClientState::Initializing {
            return Err(format!(
                "txn: org.apache.kafka.common.errors.TimeoutException: Timeout expired after {INIT_WAIT_MS}ms while awaiting InitProducerId"
            ));
        }
        let (pid, epoch) = p.producer_id.unwrap_or((-1, -1));
        let _ = writeln!(
            out,
            "initTransactions(): producer {client} with transactional.id {id} has producer id {pid}, epoch {epoch} (coordinator: broker {}, the leader of {TXN_TOPIC}-{}).",
            t.coordinator.map_or("-".into(), |b| b.to_string()),
            txn_partition(id, LAB_TXN_PARTITIONS)
        );
    }
    let r = cluster
        .producers
        .get_mut(&n)
        .expect("exists")
        .begin_transaction();
    r.map_err(|e| format!("txn: {e}"))?;
    let _ = writeln!(
        out,
        "beginTransaction(): records that {client} sends now belong to the transaction until txn commit or txn abort."
    );
    Ok(out)
}

fn end(
    cluster: &mut Cluster,
    id: &str,
    client: &str,
    commit: bool,
    no_wait: bool,
    event_budget: u64,
) -> Result<String, String> {
    let n = find(cluster, id, client)?.ok_or_else(|| {
        format!("txn: no producer {client} with transactional.id {id} (start one with txn begin --transactional-id {id})")
    })?;
    if cluster.producers[&n]
        .txn
        .as_ref()
        .is_some_and(|t| t.state == TxnClientState::Fenced)
    {
        return Ok(format!(
            "ERROR PRODUCER_FENCED: {client} was fenced: the coordinator bumped the epoch of transactional.id {id}; this instance can only close.\n"
        ));
    }
    cluster
        .with_producer(n, |p, ctx| p.end_transaction(ctx, commit))
        .expect("exists")
        .map_err(|e| format!("txn: {e}"))?;
    if no_wait {
        return Ok(format!(
            "{} requested; the lab does not wait (advance lets it happen).\n",
            if commit {
                "commitTransaction()"
            } else {
                "abortTransaction()"
            }
        ));
    }
    let deadline = {
        let c = &cluster.producers[&n].config;
        c.delivery_timeout_ms + c.request_timeout_ms
    };
    let start = cluster.processed();
    // The client's EndTxn returns once the decision is logged; the lab also waits for the
    // markers (the coordinator's CompleteCommit / CompleteAbort), so a consumer run next sees
    // the outcome.
    cluster.run_until(deadline, |c| {
        let client_done = c.producers[&n]
            .txn
            .as_ref()
            .is_none_or(|t| matches!(t.state, TxnClientState::Ready | TxnClientState::Fenced));
        let markers_pending = c.brokers.values().any(|b| {
            b.alive
                && b.txn.txns.get(id).is_some_and(|m| {
                    matches!(m.state, TxnState::PrepareCommit | TxnState::PrepareAbort)
                })
        });
        c.processed() - start >= event_budget || (client_done && !markers_pending)
    });
    let p = &cluster.producers[&n];
    let t = p.txn.as_ref().expect("transactional");
    let verb = if commit {
        "commitTransaction()"
    } else {
        "abortTransaction()"
    };
    Ok(match (t.state, t.last_result) {
        (TxnClientState::Fenced, _) => format!(
            "{verb}: ERROR PRODUCER_FENCED: {client} was fenced: the coordinator bumped the epoch of transactional.id {id} (a newer instance, or a transaction timeout) and aborted its transaction.\n"
        ),
        (TxnClientState::Ready, Some(Ok(true))) => format!(
            "{verb}: committed. Markers are written; read_committed consumers now see the records.\n"
        ),
        (TxnClientState::Ready, Some(Ok(false))) => format!(
            "{verb}: aborted. ABORT markers are written; read_committed consumers skip the records.\n"
        ),
        (TxnClientState::Ready, Some(Err(e))) => format!(
            "{verb}: ERROR {}: a send of the transaction failed, so it was aborted.\n",
            e.name()
        ),
        _ => format!("{verb}: ERROR (no answer yet: the lab stopped waiting)\n"),
    })
}

fn describe(cluster: &Cluster) -> String {
    let mut out = String::new();
    match cluster.topics_meta().get(TXN_TOPIC) {
        None => {
            out.push_str(
                "No transactions yet: __transaction_state is created with the first txn begin.\n",
            );
            return out;
        }
        Some(t) => {
            let _ = writeln!(
                out,
                "{TXN_TOPIC}: {} partitions (transaction.state.log.num.partitions; Kafka's default is {KAFKA_TXN_PARTITIONS}), replication factor {}",
                t.assignment.len(),
                t.assignment.values().next().map_or(0, Vec::len)
            );
        }
    }
    for b in cluster.brokers.values().filter(|b| b.alive) {
        for (id, m) in &b.txn.txns {
            let parts: Vec<String> = m.partitions.iter().map(|t| t.to_string()).collect();
            let _ = writeln!(
                out,
                "  transactional.id {id}: coordinator broker {} ({TXN_TOPIC}-{}) producerId {} epoch {} state {} partitions [{}] transaction.timeout.ms {}",
                b.id,
                txn_partition(id, LAB_TXN_PARTITIONS),
                m.producer_id,
                m.epoch,
                m.state.name(),
                parts.join(","),
                m.timeout_ms
            );
        }
    }
    for p in cluster.producers.values() {
        if let Some(t) = &p.txn {
            let (pid, epoch) = p.producer_id.unwrap_or((-1, -1));
            let _ = writeln!(
                out,
                "  producer {} (transactional.id {}): {} producerId {pid} epoch {epoch}; {} committed, {} aborted",
                p.name,
                t.id,
                t.state.name(),
                t.committed,
                t.aborted
            );
        }
    }
    out
}
