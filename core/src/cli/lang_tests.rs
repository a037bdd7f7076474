//! The console's language: run the error scenario in Chinese and check that every line the
//! lab wrote itself is in Chinese, while Kafka's own messages stay as Kafka printed them.

use super::{run_script, Lab};
use crate::i18n::Lang;

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Kafka's own words (tool output and exceptions, printed as Kafka printed them) and the
/// lab's messages not yet in the translation table. A new English line of the lab fails the
/// test until it is translated or, if it is Kafka's, listed here.
const ENGLISH_ALLOWED: &[&str] = &[
    "Error while executing topic command : ",
    "Option \"[",
    "Command must include exactly one action",
    "java.nio.file.NoSuchFileException",
    "Missing required argument",
    "txn: TransactionalId ",
    "Exception in thread \"main\"",
    "is not a recognized option",
    "Cannot parse argument",
    "org.apache.kafka",
    "Error: ",
    "The partition is required when offset is specified.",
    "Options from-beginning and offset cannot be specified together.",
    "Options group and partition cannot be specified together.",
    "Can't simultaneously specify --from-beginning",
    "Cannot set a transactional.id without also enabling idempotence.",
    "Must set acks to all in order to use the idempotent producer.",
    "Invalid value ",
];

/// Lab output lines this test found still in English in a Chinese console, not yet moved to
/// the translation table (each entry is a piece of such a line). Shrink it; never grow it.
const NOT_YET_TRANSLATED: &[&str] = &[];

/// A line with three English words in a row and no Chinese: a sentence someone wrote in
/// English (topic names, ids and config keys alone do not count).
fn english_sentence(line: &str) -> bool {
    if has_cjk(line)
        || ENGLISH_ALLOWED.iter().any(|a| line.contains(a))
        || NOT_YET_TRANSLATED.iter().any(|a| line.contains(a))
    {
        return false;
    }
    let mut run = 0;
    for w in line.split([' ', '\t', ',', ';', ':', '(', ')']) {
        if w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic()) {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else if !w.is_empty() {
            run = 0;
        }
    }
    false
}

#[test]
fn lab_errors_follow_the_chosen_language() {
    // Every scenario of tests/scenarios, run in Chinese.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "klab"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "{files:?}");
    let mut output = String::new();
    for file in files {
        let script = std::fs::read_to_string(&file).expect("readable scenario");
        let mut lab = Lab::default();
        lab.set_lang(Lang::Zh);
        output += &run_script(&mut lab, &script, false).output;
    }
    let mut english = Vec::new();
    let mut chinese = 0;
    // Lines the lab's own commands printed (not Kafka's tools, not records typed at `>`).
    let mut lab_command = false;
    for line in output.lines() {
        if let Some(cmd) = line.strip_prefix("$ ") {
            let tool = cmd.split_whitespace().next().unwrap_or_default();
            lab_command = !tool.contains("kafka") && !tool.contains(".sh") && !tool.contains('/');
            continue;
        }
        if line.starts_with("> ") {
            lab_command = false;
            continue;
        }
        if lab_command && !line.starts_with("line ") && english_sentence(line) {
            english.push(line.to_string());
            continue;
        }
        // Errors are "line N: …"; lab hints have their own prefix.
        let Some(msg) = line
            .strip_prefix("line ")
            .and_then(|l| l.split_once(": ").map(|(_, m)| m))
            .or_else(|| line.strip_prefix("lab hint: "))
        else {
            continue;
        };
        if has_cjk(msg) {
            chinese += 1;
        } else if !ENGLISH_ALLOWED.iter().any(|a| msg.contains(a)) {
            english.push(msg.to_string());
        }
    }
    assert!(
        english.is_empty(),
        "untranslated lab messages: {english:#?}"
    );
    // The scenario's lab errors (unknown command, not a duration, no broker …) did change.
    assert!(
        chinese >= 8,
        "only {chinese} Chinese error lines:\n{output}"
    );
    // Lab commands' own output: lookup's steps, producer describe, the KIP-848 leave.
    for zh in [
        "在 broker 3 上的 orders-0 中查找位移 19",
        "用 5 步找到（3 次索引探查 + 读了 2 个批次头）",
        "累加器：0 个批次等待中",
        "（自动提交：提交上一次 poll 之后的位置）",
    ] {
        assert!(output.contains(zh), "no {zh:?} in:\n{output}");
    }
    // The notes' typos got their hints, in Chinese.
    assert!(
        output.contains("实验室提示：你是不是想输入 --zookeeper？"),
        "{output}"
    );
}

#[test]
fn a_chinese_console_says_so_for_the_notes_typos() {
    let mut lab = Lab::default();
    lab.set_lang(Lang::Zh);
    let e = lab
        .execute("$bin/kafka-topics.sh --create --topic bigdata --zookeeper host:port --patitions 2 --replication-facter 2")
        .unwrap_err();
    let lines: Vec<&str> = e.lines().collect();
    // Kafka's words stay; the hint is Chinese.
    assert_eq!(
        lines[0],
        "Exception in thread \"main\" joptsimple.UnrecognizedOptionException: patitions is not a recognized option"
    );
    assert_eq!(lines[1], "实验室提示：你是不是想输入 --partitions？");
    assert_eq!(
        lines[2],
        "实验室提示：你是不是想输入 --replication-factor？"
    );
    let e = lab.execute("frobnicate").unwrap_err();
    assert_eq!(e, "未知命令 'frobnicate'（输入 help 查看命令列表）");
    let e = lab.execute("advance 999999999999s").unwrap_err();
    assert!(e.contains("太大") && e.contains("86400000"), "{e}");
}

#[test]
fn help_follows_the_language_and_lists_the_same_commands() {
    let mut lab = Lab::default();
    let en = lab.execute("help").unwrap();
    lab.set_lang(Lang::Zh);
    let zh = lab.execute("help").unwrap();
    assert!(zh.starts_with("命令"), "{zh}");
    // Every command line (two spaces, then the command) is in both, the same.
    let commands = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .map(|l| l.split("  ").nth(1).unwrap_or_default().trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    };
    assert_eq!(commands(&en), commands(&zh));
    assert!(en.contains("--alter --topic T --partitions N") && en.contains("--all-groups"));
}

#[test]
fn the_lab_s_own_output_lines_follow_the_language_too() {
    let mut lab = Lab::default();
    lab.set_lang(Lang::Zh);
    for line in [
        "kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3",
        "txn begin --transactional-id shop",
        "produce --topic orders --producer-property transactional.id=shop x",
    ] {
        lab.execute(line).unwrap();
    }
    let out = lab.execute("txn commit --transactional-id shop").unwrap();
    assert!(out.starts_with("commitTransaction()：已提交。"), "{out}");
    let out = lab
        .execute("consumer add --group g --id c1 --topics orders")
        .unwrap();
    assert!(out.starts_with("消费者 c1 已在消费者组 g 中启动"), "{out}");
    // The internal topics are the brokers' doing now: narrated in the event log.
    let created: Vec<String> = lab
        .cluster()
        .log()
        .iter()
        .filter(|l| matches!(l.event, crate::event::Event::InternalTopicCreated { .. }))
        .map(|l| l.event.narrate(Lang::Zh))
        .collect();
    assert_eq!(created.len(), 2, "{created:?}");
    assert!(
        created[0]
            .contains("发现没有 __transaction_state，便自己在 ZooKeeper 中创建了它：3 个分区")
            && created[1]
                .contains("发现没有 __consumer_offsets，便自己在 ZooKeeper 中创建了它：5 个分区"),
        "{created:?}"
    );
    let out = lab.execute("txn describe").unwrap();
    assert!(
        out.contains("transactional.id shop：协调者 broker") && out.contains("已提交 1 个"),
        "{out}"
    );
    let out = lab.execute("client-version 3.x").unwrap();
    assert!(
        out.starts_with("生产者默认配置：") && out.contains("无键记录：粘性分区"),
        "{out}"
    );
}

#[test]
fn a_timestamp_lookup_reads_in_chinese() {
    let mut lab = Lab::default();
    lab.set_lang(Lang::Zh);
    lab.execute("kafka-topics.sh --create --topic orders --partitions 1 --replication-factor 1 --config segment.bytes=1024 --config index.interval.bytes=128").unwrap();
    lab.execute("produce --topic orders --count 40 --interval 5 v")
        .unwrap();
    let out = lab.execute("lookup orders-0 --timestamp 100").unwrap();
    assert!(out.starts_with("在 broker "), "{out}");
    assert!(
        out.contains("二分查找") && out.contains("找到位移 0"),
        "{out}"
    );
    // No line is left in English: each has Chinese in it.
    for line in out.lines() {
        assert!(
            line.chars().any(|c| c > '\u{2e80}'),
            "English line: {line}\n{out}"
        );
    }
}

#[test]
fn a_consumer_that_cannot_join_is_told_why_in_chinese_with_kafka_s_words_kept() {
    let mut lab = Lab::default();
    lab.set_lang(Lang::Zh);
    lab.execute("kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3")
        .unwrap();
    lab.execute("kill-broker 3").unwrap();
    // Its ZooKeeper session expires after 6 s: then two brokers are registered.
    lab.execute("advance 7s").unwrap();
    let e = lab
        .execute("consumer add --group g --id c1 --topics orders")
        .unwrap_err();
    assert!(
        e.contains("Number of alive brokers '2' does not meet the required replication factor '3'"),
        "{e}"
    );
    assert!(
        e.contains("（实验室：broker 3 已宕机；执行 start-broker 3）"),
        "{e}"
    );
    assert!(!e.contains("(lab:"), "{e}");
    lab.set_lang(Lang::En);
    let e = lab
        .execute("consumer add --group g --id c1 --topics orders")
        .unwrap_err();
    assert!(
        e.ends_with(" (lab: broker 3 is dead; start-broker 3)"),
        "{e}"
    );
}
