//! `kafka-leader-election.sh` (`LeaderElectionCommand`, Kafka 2.4+):
//! `--election-type preferred|unclean` for `--topic T --partition P` or
//! `--all-topic-partitions`. In KRaft a broker forwards the admin client's `ElectLeaders` to the
//! active controller, which writes a `PartitionChangeRecord` per elected partition; in
//! ZooKeeper mode the controller broker elects and writes the states to ZooKeeper.

use super::args::{flag, parse, value};
use crate::cluster::{AdminRequest, Cluster};
use crate::i18n::{tr, Lang, T};
use crate::kraft::controller::admin::{ElectionOutcome, ElectionType};
use crate::model::TopicPartition;

/// How long the admin client waits (`default.api.timeout.ms`).
const API_TIMEOUT_MS: u64 = 60_000;

/// Runs the tool.
pub fn run(cluster: &mut Cluster, args: &[String]) -> Result<String, String> {
    let p = parse(
        args,
        &[
            value("bootstrap-server"),
            value("election-type"),
            flag("all-topic-partitions"),
            value("topic"),
            value("partition"),
            value("path-to-json-file"),
            value("admin.config"),
        ],
    )?;
    p.only_options("")?;
    let kraft = cluster.mode() == crate::kraft::MetadataMode::Kraft;
    if !kraft && cluster.client_version == crate::cluster::producer::ClientVersion::V2_3 {
        return Err(tr(Lang::En, T::CliLeaderElectionV23, &[]));
    }
    if !p.has("bootstrap-server") {
        return Err("Missing required option(s) [bootstrap-server]".into());
    }
    let election = match p.value("election-type").map(str::to_ascii_lowercase) {
        None => return Err("Missing required option(s) [election-type]".into()),
        Some(t) if t == "preferred" => ElectionType::Preferred,
        Some(t) if t == "unclean" => ElectionType::Unclean,
        Some(t) => {
            return Err(format!(
                "Invalid election type: {t} (valid types: preferred, unclean)"
            ))
        }
    };
    if p.has("path-to-json-file") {
        return Err("--path-to-json-file is not simulated yet (give --topic and --partition, or --all-topic-partitions)".into());
    }
    let chosen = [p.has("all-topic-partitions"), p.has("topic")]
        .iter()
        .filter(|b| **b)
        .count();
    if p.has("partition") && !p.has("topic") {
        return Err("Option partition is only allowed if topic is used".into());
    }
    if chosen != 1 {
        return Err("One and only one of the following options is required: all-topic-partitions, topic, path-to-json-file".into());
    }
    let partitions = match p.value("topic") {
        None => None,
        Some(topic) => {
            let partition: u32 = p
                .number("partition")?
                .ok_or("Missing required option(s) [partition]")?;
            Some(vec![TopicPartition::new(topic.to_string(), partition)])
        }
    };
    let request = cluster
        .admin_request(AdminRequest::ElectLeaders {
            election,
            partitions,
        })
        .ok_or("Timed out waiting for a node assignment. Call: electLeaders")?;
    cluster.run_until(API_TIMEOUT_MS, |c| {
        c.admin_election_response(request).is_some()
    });
    let Some(results) = cluster.admin_election_response(request).map(<[_]>::to_vec) else {
        return Err("Timed out waiting for a node assignment. Call: electLeaders".into());
    };
    if !kraft {
        // ZooKeeper mode: the controller answers as it writes the new states; wait until
        // ZooKeeper has them, so the next describe shows the new leaders.
        let elected: Vec<TopicPartition> = results
            .iter()
            .filter(|(_, o)| *o == ElectionOutcome::Elected)
            .map(|(tp, _)| *tp)
            .collect();
        let before: Vec<Option<u32>> = elected
            .iter()
            .map(|tp| cluster.partition_state(tp).map(|s| s.leader_epoch))
            .collect();
        cluster.run_until(5_000, |c| {
            elected
                .iter()
                .zip(&before)
                .all(|(tp, e)| c.partition_state(tp).map(|s| s.leader_epoch) != *e)
        });
    }
    print(election, &results)
}

/// The tool's lines: succeeded, then not needed, then each failure (the tool then fails).
pub fn print(
    election: ElectionType,
    results: &[(TopicPartition, ElectionOutcome)],
) -> Result<String, String> {
    let join = |want: fn(&ElectionOutcome) -> bool| {
        results
            .iter()
            .filter(|(_, o)| want(o))
            .map(|(tp, _)| tp.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    let elected = join(|o| *o == ElectionOutcome::Elected);
    if !elected.is_empty() {
        out.push_str(&format!(
            "Successfully completed leader election ({}) for partitions {elected}\n",
            election.name()
        ));
    }
    let noop = join(|o| *o == ElectionOutcome::NotNeeded);
    if !noop.is_empty() {
        out.push_str(&format!(
            "Valid replica already elected for partitions {noop}\n"
        ));
    }
    let failed: Vec<_> = results
        .iter()
        .filter_map(|(tp, o)| match o {
            ElectionOutcome::Failed(e) => Some((tp, e)),
            _ => None,
        })
        .collect();
    if failed.is_empty() {
        return Ok(out);
    }
    for (tp, e) in &failed {
        out.push_str(&format!(
            "Error completing leader election ({}) for partition: {tp}: {e}\n",
            election.name()
        ));
    }
    Err(format!(
        "{out}{} replica(s) could not be elected",
        failed.len()
    ))
}
