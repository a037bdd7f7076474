//! The time machine: rewind, forward along the tape, fork, branches, undo, links, export.

use super::link::{LinkError, PageState};
use super::timeline::{MarkKind, Position};
use super::*;

fn lab_with_failover() -> Lab {
    let mut lab = Lab::default();
    for line in [
        "kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3",
        "produce --topic orders --count 3 hello",
        "advance 2s",
        "kill-broker --leader-of orders-0",
        "advance 10s",
        "produce --topic orders --count 2 after",
    ] {
        lab.execute(line).unwrap();
    }
    // Time that passes outside a command (the page's clock) is part of the run too.
    lab.advance(1_500);
    lab
}

/// The state at `pos`, built afresh: every command before the last one applied runs in
/// full at its point; the last one (which may pass time: the point can be inside an `advance`)
/// runs, unless it only passes time, and then the items up to `pos` run.
fn at_point(lab: &Lab, pos: Position) -> Lab {
    let Some(last) = pos.commands.checked_sub(1) else {
        let mut fresh = lab.rebuild(&[]);
        fresh.cluster.run_to(pos.at, pos.processed);
        return fresh;
    };
    let mut fresh = lab.rebuild(&lab.journal()[..last]);
    let e = &lab.journal()[last];
    fresh.cluster.run_to(e.at, e.processed);
    let time_only = e.line.starts_with("advance") || e.line.starts_with("step");
    if !time_only || fresh.console.is_some() {
        let _ = fresh.exec(&e.line);
    }
    fresh.cluster.run_to(pos.at, pos.processed);
    fresh
}

#[test]
fn read_only_commands_are_not_journaled_and_never_fork() {
    let mut lab = lab_with_failover();
    let n = lab.journal().len();
    let d = lab.digest();
    for line in [
        "kafka-topics.sh --describe --topic orders",
        "kafka-topics.sh --list",
        "kafka-consumer-groups.sh --list",
        "producer describe",
        "txn describe",
        "consumer describe",
        "ledger",
        "events",
        "replicas orders-0",
        "time",
        "history",
        "branches",
        "link",
        "export",
        "help",
    ] {
        let out = lab.run(line);
        assert_eq!(out.forked, None, "{line}");
        assert_eq!(lab.journal().len(), n, "{line} was journaled");
        assert_eq!(lab.digest(), d, "{line} changed the state");
    }
    assert!(lab
        .transcript()
        .iter()
        .any(|t| t.line == "producer describe"));
    // State-changing ones are.
    lab.execute("kafka-topics.sh --create --topic more --partitions 1 --replication-factor 1")
        .unwrap();
    assert_eq!(lab.journal().len(), n + 1);
}

#[test]
fn rewinding_and_playing_forward_repeats_the_run_exactly() {
    let mut lab = lab_with_failover();
    let live = lab.live();
    assert!(lab.is_live());
    let end = lab.digest();
    let events = lab.execute("events").unwrap();
    // Back before the kill: the broker is alive again.
    lab.execute("rewind --to-command 3").unwrap();
    assert!(!lab.is_live());
    assert!(lab.cluster().brokers.values().all(|b| b.alive));
    assert_eq!(lab.digest(), at_point(&lab, lab.position()).digest());
    // Forward along the tape: the kill happens again at its point.
    lab.advance(60_000);
    assert!(lab.position() > live);
    lab.seek(live);
    assert_eq!(lab.digest(), end);
    assert_eq!(lab.execute("events").unwrap(), events);
    // Stepping one item at a time from the start reaches the same place too.
    let start = lab.start();
    lab.seek(start);
    while lab.position() < live {
        lab.step();
    }
    lab.seek(live);
    assert_eq!(lab.digest(), end);
}

#[test]
fn step_back_goes_to_just_before_the_last_event() {
    let mut lab = lab_with_failover();
    let n = lab.cluster().log().len();
    assert!(lab.step_back());
    assert!(lab.cluster().log().len() < n, "an event is undone");
    let back = lab.position();
    assert_eq!(lab.digest(), at_point(&lab, back).digest());
    // The next item logs it again.
    lab.step();
    assert_eq!(lab.cluster().log().len(), n);
    assert!(lab.rewind_events(3));
    assert!(lab.cluster().log().len() <= n - 3);
}

#[test]
fn a_command_in_the_past_forks_and_switching_back_restores_the_old_branch() {
    let mut lab = lab_with_failover();
    let old = lab.digest();
    let old_live = lab.live();
    let old_journal = lab.journal().to_vec();
    lab.execute("rewind --to-command 3").unwrap();
    let out = lab.run("kill-broker 1");
    assert_eq!(out.forked, Some(1));
    assert!(out.result.unwrap().contains("branch 1"));
    assert_eq!(lab.journal().len(), 4);
    let branches = lab.branches();
    assert_eq!(branches.len(), 2);
    assert_eq!(branches[1].id, 1);
    assert_eq!(branches[1].diverges_at, 3);
    assert_eq!(
        branches[1].first_line.as_deref(),
        Some(old_journal[3].line.as_str())
    );
    lab.advance(5_000);
    let new = lab.digest();
    lab.switch_branch(1).unwrap();
    assert_eq!(lab.journal(), old_journal.as_slice());
    assert_eq!(lab.live(), old_live);
    assert_eq!(lab.digest(), old);
    lab.switch_branch(0).unwrap();
    assert_eq!(lab.digest(), new);
    assert!(lab.switch_branch(9).is_err());
}

#[test]
fn undo_goes_back_before_the_last_command_and_drops_it() {
    let mut lab = lab_with_failover();
    let n = lab.journal().len();
    let e = lab.undo().unwrap();
    assert_eq!(e.line, "produce --topic orders --count 2 after");
    assert_eq!(lab.journal().len(), n - 1);
    assert!(lab.is_live());
    assert_eq!(lab.digest(), at_point(&lab, lab.position()).digest());
    assert!(!lab.transcript().iter().any(|t| t.line == e.line));
    let mut empty = Lab::default();
    assert!(empty.undo().is_none());
    assert!(empty.execute("undo").is_err());
}

#[test]
fn a_link_rebuilds_the_same_state() {
    let mut lab = lab_with_failover();
    lab.execute("rewind --events 2").unwrap();
    let page = PageState {
        tab: Some("replication".into()),
        lang: Some(Lang::Zh),
    };
    let link = lab.link(&page);
    assert!(link.starts_with("#run="), "{link}");
    let (mut opened, p) = Lab::from_link(&format!("https://lab.example/?x=1{link}")).unwrap();
    assert_eq!(p, page);
    assert_eq!(opened.digest(), lab.digest());
    assert_eq!(opened.position(), lab.position());
    assert_eq!(opened.live(), lab.live());
    assert_eq!(opened.journal(), lab.journal());
    opened.set_lang(Lang::En);
    for cmd in [
        "kafka-topics.sh --describe",
        "ledger",
        "events",
        "replicas orders-0",
    ] {
        assert_eq!(opened.execute(cmd), lab.execute(cmd), "{cmd}");
    }
    assert_eq!(Lab::from_link("run=AQ").unwrap_err(), LinkError::Truncated);
}

#[test]
fn an_exported_script_reaches_the_same_state() {
    let mut lab = Lab::new(3, 7);
    for line in [
        "kafka-topics.sh --create --topic t --partitions 1 --replication-factor 3",
        "step 5",
        "produce --topic t x",
    ] {
        lab.execute(line).unwrap();
    }
    lab.step();
    lab.step();
    lab.execute("kill-broker 2").unwrap();
    lab.advance(700);
    let script = lab.export_script();
    assert!(script.contains("advance --to "), "{script}");
    let mut again = Lab::default();
    let run = run_script(&mut again, &script, true);
    assert!(run.failed_lines.is_empty(), "{}", run.output);
    assert_eq!(again.digest(), lab.digest());
}

#[test]
fn marks_name_commands_and_notable_events() {
    let mut lab = lab_with_failover();
    let marks = lab.marks();
    assert_eq!(
        marks.iter().filter(|m| m.kind == MarkKind::Command).count(),
        lab.journal().len()
    );
    assert!(marks.iter().any(|m| m.kind == MarkKind::BrokerKilled));
    assert!(marks.iter().any(|m| m.kind == MarkKind::LeaderElected));
    // The marks stay those of the whole run when the cursor is in the past.
    lab.seek(lab.start());
    assert_eq!(lab.marks(), marks);
}
