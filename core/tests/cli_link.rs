//! `kafka-lab --link`: the native program starts from the run a link describes, then reads
//! commands as usual; a bad link is one line on stderr and exit code 2.

use std::io::Write;
use std::process::{Command, Stdio};

use kafka_lab::cli::link::PageState;
use kafka_lab::cli::Lab;

fn kafka_lab(args: &[&str], stdin: &str) -> (String, String, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kafka-lab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kafka-lab runs");
    // The program may exit before reading (a bad link): a broken pipe is fine then.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code(),
    )
}

#[test]
fn kafka_lab_starts_from_a_link() {
    let mut lab = Lab::default();
    for line in [
        "kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3",
        "produce --topic orders --count 2 v",
        "kill-broker --leader-of orders-0",
        "advance 7s",
    ] {
        lab.execute(line).unwrap();
    }
    let link = format!(
        "https://lab.example/kafka/{}",
        lab.link(&PageState::default())
    );
    let reads = "kafka-topics.sh --describe --topic orders\nreplicas orders-0\nledger\nevents\n";
    let expected: String = reads.lines().map(|l| lab.execute(l).unwrap()).collect();
    let (out, err, code) = kafka_lab(&["--link", &link], reads);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, expected);
    // And the same link printed by the program itself.
    let (out, _, _) = kafka_lab(&["--link", &link], "link\n");
    assert_eq!(out.trim(), lab.link(&PageState::default()));
}

#[test]
fn a_bad_link_is_one_line_and_exit_code_2() {
    let (out, err, code) = kafka_lab(&["--link", "#run=AQID"], "time\n");
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert_eq!(err, "kafka-lab: --link: the link is truncated or damaged\n");
}
