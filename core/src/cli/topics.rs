//! `kafka-topics.sh`: `--create`, `--list` and `--describe`, printing exactly what Kafka's
//! `TopicCommand` prints (tab-separated `--describe` lines included).
//!
//! `--create` goes through the admin client, a broker and ZooKeeper like the real tool, and
//! runs the simulation until the broker answers. `--list` and `--describe` read the metadata
//! cache of one live broker, as the admin client does: right after a broker dies, they still
//! show it as leader until ZooKeeper and the controller have noticed.

use crate::sort::Collect as _;

use super::args::{flag, parse, value, OptSpec};
use crate::cluster::msg::CreateTopic;
use crate::cluster::producer::ClientVersion;
use crate::cluster::Cluster;
use crate::config::validate_topic_config;
use crate::i18n::{tr, Lang, T};
use crate::model::{join_ids, BrokerId, TopicPartition};

#[path = "topics_alter.rs"]
mod alter;
pub use alter::keys_moved;
use alter::{alter, delete};

/// The options of `kafka-topics.sh` in Kafka 3.0 and later (without `--zookeeper`).
pub const SPECS: &[OptSpec] = &[
    value("bootstrap-server"),
    value("command-config"),
    flag("create"),
    flag("list"),
    flag("describe"),
    flag("alter"),
    flag("delete"),
    value("topic"),
    value("topic-id"),
    value("partitions"),
    value("replication-factor"),
    value("replica-assignment"),
    value("config"),
    flag("if-exists"),
    flag("if-not-exists"),
    flag("exclude-internal"),
    flag("under-replicated-partitions"),
    flag("unavailable-partitions"),
    flag("under-min-isr-partitions"),
    flag("at-min-isr-partitions"),
    flag("topics-with-overrides"),
    value("partition-size-limit-per-response"),
];

/// How long the admin client waits for an answer (`default.api.timeout.ms`).
const API_TIMEOUT_MS: u64 = 60_000;
/// The lab's cap on partitions per topic (Kafka has none this low; a browser does).
pub const MAX_PARTITIONS: u32 = 1000;
/// The lab's cap on replicas in the whole cluster.
pub const MAX_REPLICAS: u64 = 20_000;

/// Prefix of every failure the real tool reports.
fn tool_error(msg: impl std::fmt::Display) -> String {
    format!("Error while executing topic command : {msg}")
}

/// The options of `kafka-topics.sh` in `version`: up to 2.x it also took `--zookeeper
/// host:port` (and then talked to ZooKeeper itself); Kafka 3.0 removed it (KIP-604).
pub fn specs(version: ClientVersion) -> Vec<OptSpec> {
    let mut specs = SPECS.to_vec();
    if version == ClientVersion::V2_3 {
        specs.push(value("zookeeper"));
    }
    specs
}

/// A partition's eligible leader replicas and last known ELR as the brokers' KRaft metadata
/// image holds them (`DescribeTopicPartitions`, KIP-966), or `None` where brokers do not know
/// them (ZooKeeper mode: `Elr: N/A`).
pub type ElrLookup<'a> = &'a dyn Fn(&TopicPartition) -> Option<(Vec<BrokerId>, Vec<BrokerId>)>;

/// Runs `kafka-topics.sh` with `args` (the words after the command name).
pub fn run(cluster: &mut Cluster, args: &[String], lang: Lang) -> Result<String, String> {
    run_with_elr(cluster, args, lang, &|_| None)
}

/// [`run`], with the ELR of each partition from `elr` (KRaft mode fills it from the
/// metadata image; `--describe` then prints `Elr: 3\tLastKnownElr: ` as Kafka 4 does).
pub fn run_with_elr(
    cluster: &mut Cluster,
    args: &[String],
    lang: Lang,
    elr: ElrLookup<'_>,
) -> Result<String, String> {
    let version = cluster.client_version;
    let p = parse(args, &specs(version))?;
    p.only_options("")?;
    let actions = ["create", "list", "describe", "alter", "delete"]
        .iter()
        .filter(|a| p.has(a))
        .count();
    if actions != 1 {
        return Err(
            "Command must include exactly one action: --list, --describe, --create, --alter or --delete"
                .into(),
        );
    }
    // TopicCommand.checkInvalidArgs: options that only make sense with some actions.
    let only_with: &[(&str, &[&str])] = &[
        ("config", &["alter", "create"]),
        ("partitions", &["alter", "create"]),
        ("replication-factor", &["create"]),
        ("replica-assignment", &["alter", "create"]),
        ("under-replicated-partitions", &["describe"]),
        ("under-min-isr-partitions", &["describe"]),
        ("at-min-isr-partitions", &["describe"]),
        ("unavailable-partitions", &["describe"]),
        ("topics-with-overrides", &["describe"]),
        ("if-exists", &["alter", "delete", "describe"]),
        ("if-not-exists", &["create"]),
        ("exclude-internal", &["list", "describe"]),
    ];
    let action = ["create", "list", "describe", "alter", "delete"]
        .into_iter()
        .find(|a| p.has(a))
        .unwrap_or("describe");
    for (opt, allowed) in only_with {
        if p.has(opt) && !allowed.contains(&action) {
            return Err(format!(
                "Option \"[{opt}]\" can't be used with option \"[{action}]\""
            ));
        }
    }
    if version == ClientVersion::V2_3 && p.has("zookeeper") && p.has("bootstrap-server") {
        // TopicCommandOptions.checkArgs runs before main's try: the exception is uncaught.
        return Err("Exception in thread \"main\" java.lang.IllegalArgumentException: Only one of --bootstrap-server or --zookeeper must be specified".into());
    }
    if cluster.mode() == crate::kraft::MetadataMode::Kraft && p.has("zookeeper") {
        return Err(tr(
            Lang::En,
            T::CliZkOnly,
            &[("cmd", "kafka-topics.sh --zookeeper".into())],
        ));
    }
    if p.has("delete") {
        return delete(cluster, &p, lang);
    }
    if p.has("alter") {
        if p.has("config") || p.has("replica-assignment") {
            return Err(tr(
                Lang::En,
                T::CliNotSimulated,
                &[("what", "kafka-topics.sh --alter --config / --replica-assignment (kafka-configs.sh --alter sets topic configs)".into())],
            ));
        }
        return alter(cluster, &p, lang);
    }
    for unsupported in [
        "replica-assignment",
        "topic-id",
        "command-config",
        "under-replicated-partitions",
        "under-min-isr-partitions",
        "at-min-isr-partitions",
        "unavailable-partitions",
        "topics-with-overrides",
    ] {
        if p.has(unsupported) {
            return Err(format!("--{unsupported} is not simulated yet"));
        }
    }
    if p.has("create") {
        let topic = p
            .value("topic")
            .ok_or_else(|| "Missing required argument \"[topic]\"".to_string())?;
        // The cluster defaults `num.partitions` and `default.replication.factor` are both 1.
        let partitions: u32 = p.number("partitions")?.unwrap_or(1);
        let rf: u32 = p.number("replication-factor")?.unwrap_or(1);
        let mut configs = crate::vecmap::VecMap::new();
        for c in p.values("config") {
            let parts: Vec<&str> = c.split('=').map(str::trim).collect();
            if parts.len() != 2 {
                return Err(tool_error(
                    "requirement failed: Invalid topic config: all configs to be added must be in the format \"key=val\".",
                ));
            }
            configs.insert(parts[0].to_string(), parts[1].to_string());
        }
        create(
            cluster,
            topic,
            partitions,
            rf,
            configs,
            p.has("if-not-exists"),
        )
    } else if p.has("list") {
        let names = topic_names(cluster, p.value("topic"))?;
        Ok(names.iter().map(|n| format!("{n}\n")).collect())
    } else {
        let topic = p.value("topic").filter(|t| !t.is_empty());
        let missing = topic
            .is_some_and(|t| topic_names(cluster, Some(t)).is_ok_and(|names| names.is_empty()));
        let hint = || {
            let text = tr(
                lang,
                T::CliTopicMissing,
                &[("topic", topic.unwrap_or_default().to_string())],
            );
            tr(lang, T::CliHint, &[("text", text)])
        };
        let layout = match version {
            ClientVersion::V2_3 if p.has("zookeeper") => Layout::Zk23,
            ClientVersion::V2_3 => Layout::Admin23,
            _ => Layout::Current,
        };
        match describe(
            cluster,
            topic,
            p.has("if-exists") || version == ClientVersion::V2_3,
            layout,
            elr,
        ) {
            // Kafka 2.3 with --zookeeper: ensureTopicExists throws with the list it found,
            // which is empty. Through the admin client (--bootstrap-server), 2.3 printed
            // nothing at all. 3.x and 4.0 name the topic (TopicCommand.ensureTopicExists).
            Ok(_) if missing && !p.has("if-exists") && p.has("zookeeper") => Err(format!(
                "{}\n{}",
                tool_error("Topics in [] does not exist"),
                hint()
            )),
            Ok(out) if missing && !p.has("if-exists") => Ok(format!("{out}{}\n", hint())),
            Err(e) if missing => Err(format!("{e}\n{}", hint())),
            other => other,
        }
    }
}

fn create(
    cluster: &mut Cluster,
    topic: &str,
    partitions: u32,
    rf: u32,
    configs: crate::vecmap::VecMap<String, String>,
    if_not_exists: bool,
) -> Result<String, String> {
    let mut out = String::new();
    if topic.contains('.') || topic.contains('_') {
        out.push_str(
            "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\n",
        );
    }
    if rf < 1 || rf > i16::MAX as u32 {
        return Err(tool_error(format!(
            "The replication factor must be between 1 and {} inclusive",
            i16::MAX
        )));
    }
    if partitions < 1 {
        return Err(tool_error("The partitions must be greater than 0"));
    }
    if partitions > MAX_PARTITIONS {
        return Err(format!(
            "the lab simulates at most {MAX_PARTITIONS} partitions per topic"
        ));
    }
    let existing: u64 = cluster
        .topics_meta()
        .values()
        .flat_map(|t| t.assignment.values())
        .map(|r| r.len() as u64)
        .sum();
    if existing + u64::from(partitions) * u64::from(rf) > MAX_REPLICAS {
        return Err(format!(
            "the lab simulates at most {MAX_REPLICAS} replicas in all ({existing} exist already)"
        ));
    }
    if let Some(reason) = invalid_topic_name(topic) {
        return Err(tool_error(format!("Topic name is invalid: {reason}")));
    }
    for (k, v) in &configs {
        validate_topic_config(k, v).map_err(tool_error)?;
    }
    let request = cluster
        .admin_create_topic(CreateTopic {
            name: topic.to_string(),
            partitions,
            replication_factor: rf,
            configs,
        })
        .ok_or_else(|| tool_error("Timed out waiting for a node assignment. Call: createTopics"))?;
    cluster.run_until(API_TIMEOUT_MS, |c| c.admin_response(request).is_some());
    match cluster.admin_response(request) {
        None => Err(tool_error(
            "Timed out waiting for a node assignment. Call: createTopics",
        )),
        Some(Ok(())) => {
            out.push_str(&format!("Created topic {topic}.\n"));
            Ok(out)
        }
        Some(Err(e)) if if_not_exists && e.ends_with("already exists.") => Ok(out),
        Some(Err(e)) => Err(tool_error(e)),
    }
}

/// Kafka's `Topic.validate` reasons.
fn invalid_topic_name(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("the empty string is not allowed".into());
    }
    if name == "." {
        return Some("'.' is not allowed".into());
    }
    if name == ".." {
        return Some("'..' is not allowed".into());
    }
    if name.chars().count() > 249 {
        return Some(format!(
            "the length of '{name}' is longer than the max allowed length 249"
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
    {
        return Some(format!(
            "'{name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"
        ));
    }
    None
}

/// Topic names in the metadata, sorted, filtered by `--topic` (an include list: names or
/// simple patterns separated by `,` or `|`).
fn topic_names(cluster: &Cluster, filter: Option<&str>) -> Result<Vec<String>, String> {
    let b = cluster
        .metadata_broker()
        .ok_or_else(|| tool_error("Timed out waiting for a node assignment. Call: listTopics"))?;
    let names: Vec<String> = b.metadata.topic_ids().into_keys().collect();
    Ok(match filter {
        None => names,
        Some(f) => names
            .into_iter()
            .filter(|n| {
                f.split([',', '|'])
                    .any(|pat| pattern_matches(pat.trim(), n))
            })
            .collect(),
    })
}

/// How the chosen version's `kafka-topics.sh --describe` lays a topic out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Kafka 2.3 with `--zookeeper`: `Topic:T\tPartitionCount:N…` read from ZooKeeper (the
    /// topic's own config overrides; an offline partition's leader is ZooKeeper's -1).
    Zk23,
    /// Kafka 2.3 with `--bootstrap-server`: the same header from the admin client (every
    /// config not at its default), `none` for a missing leader.
    Admin23,
    /// Kafka 2.8 and later: `Topic: T\tTopicId: …\tPartitionCount: N…`; 3.8 and later add
    /// `Elr`/`LastKnownElr` (N/A from ZooKeeper-mode brokers).
    Current,
}

fn describe(
    cluster: &Cluster,
    topic: Option<&str>,
    if_exists: bool,
    layout: Layout,
    elr: ElrLookup<'_>,
) -> Result<String, String> {
    let names = topic_names(cluster, topic)?;
    if let Some(t) = topic.filter(|t| !t.is_empty()) {
        if names.is_empty() && !if_exists {
            // Kafka formats the Optional itself here, hence "Optional[...]" in its message.
            return Err(tool_error(format!(
                "Topic 'Optional[{t}]' does not exist as expected"
            )));
        }
    }
    let Some(b) = cluster.metadata_broker() else {
        return Err(tool_error(
            "Timed out waiting for a node assignment. Call: describeTopics",
        ));
    };
    let md = &b.metadata;
    let ids = md.topic_ids();
    let mut out = String::new();
    for name in names {
        let parts: Vec<_> = md
            .partitions
            .range(
                TopicPartition::new(name.clone(), 0)..=TopicPartition::new(name.clone(), u32::MAX),
            )
            .map(|(_, p)| p)
            .collect();
        let Some(first) = parts.first() else { continue };
        // Kafka lists every config not at its default: the topic's overrides and the values
        // the brokers' server.properties sets. Kafka 2.3's ZooKeeper path read the topic's
        // config znode only: its overrides.
        let mut shown: crate::vecmap::VecMap<String, String> = if layout == Layout::Zk23 {
            Default::default()
        } else {
            crate::config::LAB_SERVER_PROPERTIES
                .iter()
                .filter_map(|c| Some((c.topic_config?.to_string(), c.lab.to_string())))
                .collect()
        };
        let znode = cluster.topics_meta().get(&name);
        if let Some(t) = znode {
            shown.extend(t.configs.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        let configs = shown
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",");
        if layout == Layout::Current {
            out.push_str(&format!(
                "Topic: {name}\tTopicId: {}\tPartitionCount: {}\tReplicationFactor: {}\tConfigs: {configs}\n",
                ids[&name],
                parts.len(),
                first.replicas.len()
            ));
        } else {
            let marked = layout == Layout::Zk23 && cluster.zk.delete_topics.contains(&name);
            out.push_str(&format!(
                "Topic:{name}\tPartitionCount:{}\tReplicationFactor:{}\tConfigs:{configs}{}\n",
                parts.len(),
                first.replicas.len(),
                if marked {
                    "\tMarkedForDeletion:true"
                } else {
                    ""
                }
            ));
        }
        for p in parts {
            let (leader, isr) = match layout {
                Layout::Zk23 => {
                    let state = cluster.partition_state(&p.tp);
                    (
                        state
                            .and_then(|s| s.leader)
                            .map_or("-1".to_string(), |l| l.to_string()),
                        state.map_or(String::new(), |s| join_ids(&s.isr)),
                    )
                }
                _ => (
                    p.state
                        .leader
                        .filter(|l| md.live_brokers.contains(l))
                        .map_or("none".to_string(), |l| l.to_string()),
                    join_ids(&p.state.isr),
                ),
            };
            out.push_str(&format!(
                "\tTopic: {name}\tPartition: {}\tLeader: {leader}\tReplicas: {}\tIsr: {isr}",
                p.tp.partition,
                join_ids(&p.replicas),
            ));
            if layout == Layout::Current {
                out.push_str(&elr_fields(elr(&p.tp)));
            }
            out.push('\n');
        }
    }
    Ok(out)
}

/// `\tElr: …\tLastKnownElr: …` as `TopicCommand.PartitionDescription.printDescription`
/// (Kafka 3.8+) prints them: `N/A` when the brokers do not return them (ZooKeeper mode has no
/// eligible leader replicas, KIP-966 is KRaft only), else the ids, comma-separated — an empty
/// list prints nothing after the label (a KRaft broker always returns both lists).
pub fn elr_fields(elr: Option<(Vec<BrokerId>, Vec<BrokerId>)>) -> String {
    match elr {
        None => "\tElr: N/A\tLastKnownElr: N/A".to_string(),
        Some((elr, last_known)) => format!(
            "\tElr: {}\tLastKnownElr: {}",
            join_ids(&elr),
            join_ids(&last_known)
        ),
    }
}

/// A small regular-expression subset for `--topic`: literals, `\\x` escapes, `.` (any
/// character) and `*` (any number of the previous item), anchored at both ends as Java's
/// `matches` is. Dynamic programming keeps it linear in pattern × name, whatever users type.
fn pattern_matches(pat: &str, s: &str) -> bool {
    // Tokenise into (matcher, starred).
    let mut toks: Vec<(Option<char>, bool)> = Vec::new();
    let mut chars = pat.chars().peekable();
    while let Some(c) = chars.next() {
        let m = match c {
            '.' => None,
            '\\' => Some(chars.next().unwrap_or('\\')),
            c => Some(c),
        };
        let star = chars.peek() == Some(&'*');
        if star {
            chars.next();
        }
        toks.push((m, star));
    }
    let s: Vec<char> = s.chars().collect();
    // reach[j]: the first i tokens can match s[..j].
    let mut reach = vec![false; s.len() + 1];
    reach[0] = true;
    for &(m, star) in &toks {
        let ok = |c: char| m.is_none_or(|x| x == c);
        let mut next = vec![false; s.len() + 1];
        for j in 0..=s.len() {
            if star {
                next[j] = reach[j] || (j > 0 && next[j - 1] && ok(s[j - 1]));
            } else {
                next[j] = j > 0 && reach[j - 1] && ok(s[j - 1]);
            }
        }
        reach = next;
    }
    reach[s.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kafka 4's `--describe` against KRaft brokers prints the partition's ELR and last known
    /// ELR (empty lists print nothing after the label); against ZooKeeper-mode brokers `N/A`.
    #[test]
    fn describe_prints_elr_from_the_kraft_image() {
        let mut lab = crate::cli::Lab::new(3, 1);
        lab.execute("client-version 4.0").unwrap();
        lab.execute("kafka-topics.sh --create --topic t --partitions 2 --replication-factor 3 --bootstrap-server localhost:9092")
            .unwrap();
        let args: Vec<String> = [
            "--describe",
            "--topic",
            "t",
            "--bootstrap-server",
            "localhost:9092",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let lookup = |tp: &TopicPartition| {
            Some(if tp.partition == 0 {
                (vec![3], vec![])
            } else {
                (vec![], vec![1])
            })
        };
        let out = run_with_elr(&mut lab.cluster, &args, Lang::En, &lookup).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[1].ends_with("\tElr: 3\tLastKnownElr: "), "{out}");
        assert!(lines[2].ends_with("\tElr: \tLastKnownElr: 1"), "{out}");
        let zk = run(&mut lab.cluster, &args, Lang::En).unwrap();
        assert!(zk
            .lines()
            .nth(1)
            .unwrap()
            .ends_with("\tElr: N/A\tLastKnownElr: N/A"));
        // Kafka 4's TopicCommand has no --zookeeper: joptsimple refuses it, caught by main.
        let zk_args: Vec<String> = ["--list", "--zookeeper", "localhost:2181"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            run(&mut lab.cluster, &zk_args, Lang::En).unwrap_err(),
            "zookeeper is not a recognized option"
        );
    }

    #[test]
    fn patterns() {
        assert!(pattern_matches("orders", "orders"));
        assert!(!pattern_matches("orders", "orders2"));
        assert!(pattern_matches("ord.*", "orders"));
        assert!(pattern_matches(".*", ""));
        assert!(!pattern_matches("a.c", "ac"));
        assert!(pattern_matches("a\\.c", "a.c"));
        assert!(!pattern_matches("a\\.c", "abc"));
    }

    #[test]
    fn topic_names_are_validated_like_kafka() {
        assert_eq!(invalid_topic_name("ok-name_1.x"), None);
        assert_eq!(
            invalid_topic_name("bad name").unwrap(),
            "'bad name' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"
        );
        assert!(invalid_topic_name(&"x".repeat(250)).is_some());
        assert!(invalid_topic_name("..").is_some());
    }
}
