//! Kafka 0.8's offset tool for ZooKeeper-era groups: `kafka-run-class.sh
//! kafka.tools.ConsumerOffsetChecker --zookeeper H:P --group G [--topic T]` (also
//! `kafka-consumer-offset-checker.sh`, its 0.9 wrapper). It lists the topics under
//! `/consumers/G/offsets`, and for each partition the committed offset read from its znode, the
//! leader's log size (`getOffsetsBefore(LatestTime)`: the high watermark) and the lag, in the
//! tool's `%-15s %-30s %-3s %-15s %-15s %-15s %s` columns. The owner column reads
//! `/consumers/G/owners/T/P`, which only the old consumer's ZooKeeper rebalancing writes; the lab's
//! groups join through the coordinator, so it is `none`, as the tool printed for such groups.

use crate::sort::Collect as _;
use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::args::{parse, value};
use crate::cluster::Cluster;
use crate::model::TopicPartition;

/// `ConsumerOffsetChecker`.
pub fn offset_checker(cluster: &Cluster, args: &[String]) -> Result<String, String> {
    let (class, rest) = match args.split_first() {
        Some((c, rest)) if c.starts_with("kafka.") => (c.as_str(), rest),
        _ => ("kafka.tools.ConsumerOffsetChecker", args),
    };
    if class != "kafka.tools.ConsumerOffsetChecker" {
        return Err(format!(
            "kafka-run-class.sh: the lab runs only kafka.tools.ConsumerOffsetChecker, not {class}"
        ));
    }
    let p = parse(
        rest,
        &[
            value("zookeeper"),
            value("group"),
            value("topic"),
            value("broker-info"),
        ],
    )?;
    p.only_options("ConsumerOffsetChecker: ")?;
    let (Some(_), Some(group)) = (p.value("zookeeper"), p.value("group")) else {
        return Err("Missing required argument \"[group]\" or \"[zookeeper]\"".into());
    };
    if !cluster.zk.ensemble.serving() {
        return Err(
            "Exiting due to: Unable to connect to zookeeper server within timeout: 30000.".into(),
        );
    }
    let known = cluster.zk.consumer_offsets.get(group);
    let topics: BTreeSet<String> = match p.value("topic") {
        Some(t) => t.split(',').map(str::to_string).collect_set(),
        None => known
            .map(|k| k.keys().map(|tp| tp.topic.to_string()).collect_set())
            .unwrap_or_default(),
    };
    if p.value("topic").is_none() && known.is_none() {
        return Err(format!(
            "Exiting due to: org.I0Itec.zkclient.exception.ZkNoNodeException: org.apache.zookeeper.KeeperException$NoNodeException: KeeperErrorCode = NoNode for /consumers/{group}/offsets."
        ));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<15} {:<30} {:<3} {:<15} {:<15} {:<15} Owner",
        "Group", "Topic", "Pid", "Offset", "logSize", "Lag"
    );
    for topic in &topics {
        let Some(z) = cluster.zk.topics.get(topic) else {
            continue;
        };
        for &pid in z.assignment.keys() {
            let tp = TopicPartition::new(topic.clone(), pid);
            let Some(leader) = cluster.leader_of(&tp).and_then(|l| cluster.broker(l)) else {
                let _ = writeln!(out, "No broker for partition {topic} - {pid}");
                continue;
            };
            let log_size = leader
                .replica_manager
                .partitions
                .get(&tp)
                .map_or(0, |p| p.hw);
            let offset = known.and_then(|k| k.get(&tp)).copied();
            let _ = writeln!(
                out,
                "{:<15} {:<30} {:<3} {:<15} {:<15} {:<15} none",
                group,
                topic,
                pid,
                offset.map_or("unknown".to_string(), |o| o.to_string()),
                log_size,
                offset.map_or("unknown".to_string(), |o| log_size
                    .saturating_sub(o)
                    .to_string()),
            );
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::cli::Lab;

    fn run(lab: &mut Lab, line: &str) -> String {
        lab.execute(line)
            .unwrap_or_else(|e| panic!("`{line}` failed: {e}"))
    }

    #[test]
    fn the_checker_reads_the_znodes_and_the_era_switch_moves_commits() {
        let mut lab = Lab::default();
        run(
            &mut lab,
            "kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3",
        );
        run(&mut lab, "produce --topic orders --partition 0 --count 5 v");
        run(&mut lab, "produce --topic orders --partition 1 --count 3 v");
        run(&mut lab, "consumer add --group old --id c1 --topics orders --consumer-property offsets.storage=zookeeper --consumer-property auto.offset.reset=earliest --consumer-property enable.auto.commit=false");
        let none = lab
            .execute("kafka-run-class.sh kafka.tools.ConsumerOffsetChecker --zookeeper zk:2181 --group old")
            .unwrap_err();
        assert!(none.contains("NoNode for /consumers/old/offsets"), "{none}");
        run(&mut lab, "consumer poll c1 --max 100 --timeout-ms 3000");
        run(&mut lab, "consumer poll c1 --max 100 --timeout-ms 3000");
        run(&mut lab, "consumer commit c1");
        let zk = lab.cluster().zk.consumer_offsets["old"].clone();
        assert!(!zk.is_empty());
        let out = run(
            &mut lab,
            "kafka-run-class.sh kafka.tools.ConsumerOffsetChecker --zookeeper zk:2181 --group old",
        );
        let mut lines = out.lines();
        assert_eq!(
            lines.next(),
            Some("Group           Topic                          Pid Offset          logSize         Lag             Owner")
        );
        for line in lines {
            let cols: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(cols[0], "old");
            let pid: u32 = cols[2].parse().unwrap();
            let size = if pid == 0 { "5" } else { "3" };
            assert_eq!(cols[4], size, "{line}");
            assert_eq!(cols[6], "none");
        }
        // Back to the 0.9 era: the next commit goes to __consumer_offsets, the znodes stay.
        let out = run(&mut lab, "consumer offsets-storage --group old kafka");
        assert!(out.contains("__consumer_offsets"));
        run(&mut lab, "produce --topic orders --partition 0 --count 2 w");
        run(&mut lab, "consumer poll c1 --max 100 --timeout-ms 3000");
        run(&mut lab, "consumer commit c1");
        assert_eq!(
            lab.cluster().zk.consumer_offsets["old"],
            zk,
            "ZooKeeper untouched"
        );
        let (groups, _) = crate::view::groups(lab.cluster());
        let old = groups.iter().find(|g| g.group == "old").expect("group old");
        assert!(
            old.offset_records
                .iter()
                .any(|(_, k, _)| k.contains("old,orders,0")),
            "{:?}",
            old.offset_records
        );
        assert!(!old.offsets_in_zookeeper);
        assert!(lab
            .execute("consumer offsets-storage --group old dual")
            .unwrap_err()
            .contains("must be zookeeper or kafka"));
        assert!(lab
            .execute("consumer offsets-storage --group nobody zookeeper")
            .unwrap_err()
            .contains("no consumer"));
    }
}
