//! The console's language and the notes' command lines as written.
//!
//! - [`tool_name`]: `$bin/kafka-topics.sh`, `bin/…`, `./bin/…`, `/opt/kafka/bin/…` and
//!   `$KAFKA_HOME/bin/…` name the tool; the path is ignored, as the shell would find it.
//! - [`option_hints`]: after joptsimple's "X is not a recognized option" (Kafka's own words,
//!   printed as the tool of the chosen version printed them), one lab hint line: the option
//!   the user probably meant (edit distance against the tool's options), or why an option the
//!   notes use was removed in this version.
//! - [`localize`]: the lab's own messages are built from English templates in
//!   `crate::i18n`; in Chinese, a message that matches one of those templates is rebuilt
//!   from the Chinese text with the same values. Kafka's own messages match none and stay as
//!   Kafka printed them.

use crate::cluster::producer::ClientVersion;
use crate::i18n::{fill, tr, Lang, T};

/// The tool a command word names: the last path component of words like
/// `$bin/kafka-topics.sh` (only for Kafka's tools; other words are returned unchanged).
pub fn tool_name(word: &str) -> &str {
    match word.rsplit_once('/') {
        Some((_, base)) if base.starts_with("kafka-") => base,
        _ => word,
    }
}

/// The option joptsimple refused, from its message "X is not a recognized option".
pub fn unrecognized_option(err: &str) -> Option<&str> {
    let line = err.lines().next()?;
    let line = line.rsplit_once(": ").map_or(line, |(_, m)| m);
    line.strip_suffix(" is not a recognized option")
}

/// How a tool of `version` printed joptsimple's refusal of an option: the Scala tools that
/// parse their options outside `main`'s `try` (kafka-topics.sh up to 3.x, the console
/// consumer in every version) die with the exception; the others print its message.
pub fn joptsimple_error(tool: &str, version: ClientVersion, err: String) -> String {
    let uncaught = match tool {
        "kafka-topics.sh" => version < ClientVersion::V4_0,
        "kafka-console-consumer.sh" => true,
        _ => false,
    };
    if uncaught && err.ends_with(" is not a recognized option") {
        format!("Exception in thread \"main\" joptsimple.UnrecognizedOptionException: {err}")
    } else {
        err
    }
}

/// Levenshtein distance (small strings: option names).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known option closest to `typed`, if it is close enough to be a typo.
pub fn closest<'a>(typed: &str, known: &[&'a str]) -> Option<&'a str> {
    let (best, d) = known
        .iter()
        .map(|k| (*k, distance(typed, k)))
        .min_by_key(|&(k, d)| (d, k))?;
    (d > 0 && d <= (typed.len() / 4).max(2)).then_some(best)
}

/// Lab hint lines for the options of `args` that `tool` (of `version`) does not know.
pub fn option_hints(
    tool: &str,
    version: ClientVersion,
    args: &[String],
    known: &[&str],
    lang: Lang,
) -> String {
    let mut out = String::new();
    for a in args {
        let Some(name) = a.strip_prefix("--") else {
            continue;
        };
        let name = name.split_once('=').map_or(name, |(n, _)| n);
        if name.is_empty() || known.contains(&name) {
            continue;
        }
        let text = match (tool, name) {
            ("kafka-topics.sh", "zookeeper") => tr(
                lang,
                T::CliZkRemovedTopics,
                &[("version", version.name().to_string())],
            ),
            ("kafka-console-consumer.sh", "zookeeper") => T::CliZkRemovedConsumer.get(lang).into(),
            ("kafka-console-producer.sh", "broker-list") => {
                T::CliBrokerListRemoved.get(lang).into()
            }
            ("kafka-console-producer.sh", "bootstrap-server") => tr(
                lang,
                T::CliBootstrapTooNew,
                &[("version", version.name().to_string())],
            ),
            _ => {
                // The option a typo most likely meant, among the tool's own and the ones the
                // notes use (so `--zookerper` points at `--zookeeper`, and that line then
                // says whether this version still has it).
                let mut all: Vec<&str> = known.to_vec();
                all.push("zookeeper");
                match closest(name, &all) {
                    Some(m) => tr(lang, T::CliDidYouMean, &[("option", m.to_string())]),
                    None => continue,
                }
            }
        };
        out.push_str(&tr(lang, T::CliHint, &[("text", text)]));
        out.push('\n');
    }
    out
}

/// The lab's own messages (errors, and the commonest output lines), as English templates of
/// the translation table.
const LAB_MESSAGES: &[T] = &[
    // --- spine ---
    T::CliKraftOnly,
    T::CliZkOnly,
    T::CliKraftNotYet,
    T::CliStopBrokerZk,
    // --- lead ---
    T::CliCutNoZkInKraft,
    T::CliCutNoController,
    T::CliCutNotKraft,
    // --- kraft2 ---
    T::CliZkOnlyKraft,
    T::CliLeaderElectionV23,
    T::CliConsumerAddDeadBroker,
    T::CliConsumerAddDeadBrokers,
    T::CliConsumerAddNoQuorum,
    // --- gzip ---
    T::CliGzipDescribe,
    T::CliCodecNotModelled,
    // --- panels ---
    T::CliConsumerGiveId,
    T::CliRunInterval,
    T::CliRunNotAlive,
    T::CliRunStarted,
    T::CliRunStartedNoCommit,
    T::CliPauseNone,
    T::CliPaused,
    // --- cli2 ---
    T::CliCutOneWay,
    T::CliCutLink,
    T::CliHealedLink,
    T::CliIsolatedClient,
    T::CliIsolatedBroker,
    T::CliHealedAll,
    T::CliProducerRestarted,
    T::CliPollAgain,
    T::CliStall,
    T::CliAutoCommit,
    T::CliKip848Closed,
    T::CliFreshEnsemble,
    T::CliOffsetOutOfRange,
    T::CliProducerSeqs,
    T::CliProducerNoPid,
    T::CliProducerAccumulator,
    T::CliProducerSent,
    T::CliProducerDefaults,
    T::CliKeylessRoundRobin,
    T::CliKeylessSticky,
    T::CliTxnIdLine,
    T::CliTxnProducerLine,
    T::CliFencedAborted,
    T::CliFenced,
    T::CliKip848Started,
    T::CliProducerLine,
    T::CliLookupStart,
    T::CliTsLookupStart,
    T::CliTsLookupNone,
    T::CliTsLookupSegment,
    T::CliTsLookupSearch,
    T::CliTsLookupProbe,
    T::CliTsLookupFrom,
    T::CliTsLookupIndex,
    T::CliTsLookupScan,
    T::CliTsLookupBatch,
    T::CliTsLookupFound,
    T::CliTsLookupNotFound,
    T::CliLookupSegments,
    T::CliLookupSearch,
    T::CliLookupProbeWarm,
    T::CliLookupProbeFirst,
    T::CliLookupProbe,
    T::CliLookupSlot,
    T::CliLookupNoEntry,
    T::CliLookupScan,
    T::CliLookupBatchHolds,
    T::CliLookupBatchNext,
    T::CliLookupFound,
    // --- end cli2 ---
    T::CliUnknownCommand,
    T::CliNotDuration,
    T::CliDurationTooLarge,
    T::CliAdvanceUsage,
    T::CliAdvanceStopped,
    T::CliStepRange,
    T::CliStepUsage,
    T::CliBrokersRange,
    T::CliNotWholeNumber,
    T::CliOneNumber,
    T::CliNotBrokerId,
    T::CliNoBroker,
    T::CliBrokerAlive,
    T::CliBrokerDead,
    T::CliNotPartition,
    T::CliNoPartition,
    T::CliNoLeader,
    T::CliNoFollower,
    T::CliKillUsage,
    T::CliStartUsage,
    T::CliEofNoConsole,
    T::CliQuotes,
    T::CliNotSimulated,
    T::CliClientVersionUnknown,
    T::CliClientVersionUsage,
    T::CliTxnNoProducer,
    T::CliTxnUsage,
    T::CliTxnIdRequired,
    T::CliTxnPropsOnBegin,
    T::CliProducerUsage,
    T::CliNoProducer,
    T::CliNoConsumer,
    T::CliTopicNotExist,
    T::CliUnexpectedArg,
    T::CliFreshCluster,
    T::CliFreshClusterOne,
    T::CliFreshClusterZk,
    T::CliFreshClusterOneZk,
    T::CliFreshKraft,
    T::CliFreshKraftCombined,
    T::CliOffsetsStorageZk,
    T::CliOffsetsStorageKafka,
    T::CliZkUsage,
    T::CliNotZk,
    T::CliReadingRecords,
    T::CliNoBrokerDir,
    T::CliNotDataDir,
    T::CliNotOffset,
    T::CliNoFile,
    T::CliBinaryFile,
    T::CliNoTxnProducer,
    T::CliNotTxnProducer,
    T::CliKip848Assignor,
    T::CliKip848BrokerSets,
    T::CliRemoteAssignorNeeds,
    T::CliMixedClassic,
    T::CliMixedConsumer,
    T::CliRemoteAssignorValues,
    T::CliPartitionerUnknown,
    T::CliOutConsumerStarted,
    T::CliOutConsumerCrashed,
    T::CliOutConsumerLeft,
    T::CliOutConsumerPolled,
    T::CliOutInitTxn,
    T::CliOutBeginTxn,
    T::CliOutCommitted,
    T::CliOutAborted,
    T::CliOutTxnRequested,
    T::CliOutNoProducers,
];

/// Matches `s` against `template`, returning the placeholders' values. Each placeholder
/// takes the shortest text after which the rest can still match.
fn unfill(template: &str, s: &str) -> Option<Vec<(String, String)>> {
    // Split into literal, {name}, literal, {name}, … literal.
    let mut lits = Vec::new();
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}')? + open;
        lits.push(&rest[..open]);
        names.push(rest[open + 1..close].to_string());
        rest = &rest[close + 1..];
    }
    lits.push(rest);
    let mut values = Vec::new();
    if !matches(&lits, &names, s, &mut values) {
        return None;
    }
    Some(names.into_iter().zip(values).collect())
}

fn matches(lits: &[&str], names: &[String], s: &str, values: &mut Vec<String>) -> bool {
    let Some(s) = s.strip_prefix(lits[0]) else {
        return false;
    };
    if names.is_empty() {
        return s.is_empty();
    }
    if names.len() == 1 && lits[1].is_empty() {
        // The last placeholder with nothing after it takes the rest.
        values.push(s.to_string());
        return true;
    }
    let mut from = 0;
    while let Some(i) = s[from..].find(lits[1]) {
        let at = from + i;
        values.push(s[..at].to_string());
        if matches(&lits[1..], &names[1..], &s[at..], values) {
            return true;
        }
        values.pop();
        match s[at..].chars().next() {
            Some(c) => from = at + c.len_utf8(),
            None => return false,
        }
    }
    false
}

/// One line of the lab's own text in `lang`; any other line as it is.
fn localize_line(line: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return line.to_string();
    }
    for &key in LAB_MESSAGES {
        if let Some(values) = unfill(key.get(Lang::En), line) {
            // The same placeholder twice must have taken the same value.
            let consistent = values
                .iter()
                .all(|(k, v)| values.iter().all(|(k2, v2)| k != k2 || v == v2));
            if consistent {
                let args: Vec<(&str, String)> = values
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.clone()))
                    .collect();
                return fill(key.get(lang), &args);
            }
        }
    }
    line.to_string()
}

/// The lab's own messages in `text` (one per line) in `lang`; Kafka's stay as they are.
pub fn localize(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    let mut out: String = text
        .lines()
        .map(|l| localize_line(l, lang))
        .collect::<Vec<_>>()
        .join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_paths_name_the_tool() {
        for w in [
            "$bin/kafka-topics.sh",
            "bin/kafka-topics.sh",
            "./bin/kafka-topics.sh",
            "/opt/kafka/bin/kafka-topics.sh",
            "$KAFKA_HOME/bin/kafka-topics.sh",
            "kafka-topics.sh",
        ] {
            assert_eq!(tool_name(w), "kafka-topics.sh", "{w}");
        }
        assert_eq!(tool_name("bin/ls"), "bin/ls");
        assert_eq!(tool_name("advance"), "advance");
    }

    #[test]
    fn typos_point_at_the_option_meant() {
        let known = ["partitions", "replication-factor", "topic", "create"];
        assert_eq!(closest("patitions", &known), Some("partitions"));
        assert_eq!(
            closest("replication-facter", &known),
            Some("replication-factor")
        );
        assert_eq!(closest("frobnicate", &known), None);
        assert_eq!(closest("topic", &known), None);
        assert_eq!(closest("zookerper", &["zookeeper"]), Some("zookeeper"));
    }

    #[test]
    fn lab_messages_are_rebuilt_in_chinese_and_kafkas_are_not() {
        assert_eq!(
            localize(
                "unknown command 'frobnicate' (type 'help' for the list)\n",
                Lang::Zh
            ),
            "未知命令 'frobnicate'（输入 help 查看命令列表）\n"
        );
        assert_eq!(
            localize("kill-broker: there is no broker 7", Lang::Zh),
            "kill-broker：没有 broker 7"
        );
        assert_eq!(
            localize(
                "start-broker: give exactly one number, e.g. start-broker 3",
                Lang::Zh
            ),
            "start-broker：请只给一个数字，例如 start-broker 3"
        );
        // A repeated placeholder must repeat its value.
        assert_eq!(
            localize("a: give exactly one number, e.g. b 3", Lang::Zh),
            "a: give exactly one number, e.g. b 3"
        );
        let kafka = "Error while executing topic command : Topic 'orders' already exists.";
        assert_eq!(localize(kafka, Lang::Zh), kafka);
        assert_eq!(localize("anything", Lang::En), "anything");
    }

    #[test]
    fn unrecognized_options_are_found_in_either_form() {
        assert_eq!(
            unrecognized_option("Exception in thread \"main\" joptsimple.UnrecognizedOptionException: patitions is not a recognized option"),
            Some("patitions")
        );
        assert_eq!(
            unrecognized_option("zookeeper is not a recognized option"),
            Some("zookeeper")
        );
        assert_eq!(unrecognized_option("Option x requires an argument"), None);
    }
}
