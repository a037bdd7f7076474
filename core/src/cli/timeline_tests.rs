//! The time machine: rewind, forward along the tape, fork, branches, undo, links, export.

use super::link::{LinkError, PageState};
use super::timeline::{MarkKind, Position};
use super::timeline_props::at_point;
use super::*;
use std::rc::Rc;

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

#[test]
fn read_only_commands_are_not_journaled_and_never_fork() {
    let mut lab = lab_with_failover();
    let n = lab.journal().len();
    let d = lab.digest();
    for line in [
        "kafka-topics.sh --describe --topic orders",
        "kafka-topics.sh --list",
        "kafka-consumer-groups.sh --list",
        "kafka-configs.sh --describe --entity-type topics --entity-name orders",
        "page-cache",
        "page-cache --broker 2",
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
fn a_command_that_fails_in_the_past_without_effect_does_not_fork() {
    let mut lab = lab_with_failover();
    let journal = lab.journal().to_vec();
    let live = lab.live();
    lab.execute("rewind --to-command 3").unwrap();
    let here = lab.position();
    let d = lab.digest();
    for bad in [
        "kill-broker 99",
        "client-version 9.9",
        "kafka-topics.sh --creat --topic x",
    ] {
        let out = lab.run(bad);
        assert!(out.result.is_err(), "{bad}");
        assert_eq!(out.forked, None, "{bad}");
        // One clear line (or Kafka's lines), without a fork note in front.
        assert!(!out.result.unwrap_err().contains("branch"), "{bad}");
    }
    assert_eq!(lab.journal(), journal.as_slice());
    assert_eq!(lab.live(), live);
    assert_eq!(lab.position(), here);
    assert_eq!(lab.digest(), d);
    assert_eq!(lab.branches().len(), 1);
    // The failed lines are in the transcript where they were typed.
    assert!(lab
        .transcript_to_cursor()
        .iter()
        .any(|t| t.line == "kill-broker 99" && t.result.is_err()));
    // A command that works still forks; so does one that fails after time passed (its request
    // went to the cluster and was refused there).
    let out =
        lab.run("kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3");
    assert!(out.result.is_err());
    assert_eq!(out.forked, Some(1));
}

#[test]
fn acting_where_only_time_followed_keeps_that_time_as_a_branch() {
    // The run ends with time passing after its last command (the failover happens in it).
    let mut lab = lab_with_failover();
    let live = lab.live();
    let d = lab.digest();
    let n = lab.journal().len();
    lab.seek_time(live.at - 500);
    let back = lab.position();
    assert!(back < live, "{back:?} {live:?}");
    assert_eq!(back.commands, n, "no command after the cursor");
    let out = lab.run("kill-broker 2");
    assert_eq!(
        out.forked,
        Some(1),
        "the time after the last command is kept"
    );
    let b = lab.branches();
    assert_eq!(b[1].first_line, None);
    assert_eq!(b[1].live, live);
    assert!(lab
        .execute("branches")
        .unwrap()
        .contains(&format!("run on to {} ms", live.at)));
    lab.switch_branch(1).unwrap();
    assert_eq!(lab.digest(), d);
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

#[test]
fn a_replay_keeps_the_event_budget() {
    let mut lab = Lab::default();
    lab.set_event_budget(50);
    lab.execute("kafka-topics.sh --create --topic t --partitions 3 --replication-factor 3")
        .unwrap();
    // The budget stops this advance early; the replay must stop at the same item.
    assert!(lab.execute("advance 1h").is_err());
    lab.execute("produce --topic t x").unwrap_or_default();
    let replayed = lab.replay(lab.journal().len());
    assert_eq!(replayed.digest(), lab.digest());
}

#[test]
fn an_outcome_names_the_sends_a_command_created() {
    let mut lab = Lab::default();
    lab.execute("kafka-topics.sh --create --topic t --partitions 2 --replication-factor 3")
        .unwrap();
    let out = lab.run("produce --topic t --count 3 v");
    assert_eq!(out.sends, vec![1, 2, 3]);
    for id in &out.sends {
        assert!(lab.cluster().ledger.sends[id].tp.topic == "t");
    }
    assert!(lab.run("ledger").sends.is_empty());
    assert_eq!(lab.run("produce --topic t w").sends, vec![4]);
}

#[test]
fn the_transcript_follows_the_cursor_and_each_branch_keeps_its_own() {
    let mut lab = lab_with_failover();
    lab.execute("ledger").unwrap();
    let all = lab.transcript().len();
    assert_eq!(lab.transcript_to_cursor().len(), all);
    lab.execute("rewind --to-command 3").unwrap();
    let shown: Vec<_> = lab
        .transcript_to_cursor()
        .iter()
        .map(|t| t.line.clone())
        .collect();
    // The three commands before the kill, and the rewind itself (typed at the cursor).
    assert_eq!(shown.len(), 4, "{shown:?}");
    assert_eq!(shown[3], "rewind --to-command 3");
    // A read-only line typed in the past sits at the cursor too.
    lab.execute("time").unwrap();
    assert_eq!(lab.transcript_to_cursor().len(), 5);
    assert_eq!(lab.transcript().len(), all + 2);
    // A fork: the new branch's transcript is what was shown, then the new command.
    lab.execute("kill-broker 1").unwrap();
    assert_eq!(lab.transcript().last().unwrap().line, "kill-broker 1");
    assert_eq!(lab.transcript().len(), 6);
    lab.switch_branch(1).unwrap();
    assert_eq!(lab.transcript().len(), all + 2);
}

#[test]
fn rewind_errors_are_one_line() {
    let mut lab = lab_with_failover();
    for bad in [
        "rewind",
        "rewind --to 10h",
        "rewind --to-command 99",
        "rewind --events 0",
        "rewind --sideways",
        "branch x",
        "open-link nonsense",
        "open-link '#run=AAAA'",
    ] {
        let e = lab.execute(bad).unwrap_err();
        assert!(!e.contains('\n') && !e.is_empty(), "{bad}: {e}");
    }
    lab.set_lang(Lang::Zh);
    let e = lab.execute("open-link '#run=AAAA'").unwrap_err();
    assert!(e.contains("链接"), "{e}");
}

#[test]
fn a_fresh_cluster_mid_run_and_console_records_rewind_and_link_exactly() {
    let mut lab = Lab::new(3, 5);
    for line in [
        "kafka-topics.sh --create --topic a --partitions 1 --replication-factor 3",
        "advance 1s",
        "brokers 4 --zookeepers 3",
        "kafka-topics.sh --create --topic b --partitions 2 --replication-factor 3",
        "kafka-console-producer.sh --topic b",
        "  one with spaces",
        "two",
        "EOF",
        "kill-zk 3",
        "advance 3s",
    ] {
        lab.execute(line).unwrap();
    }
    lab.advance(777);
    let live = lab.live();
    let end = lab.digest();
    let ledger = lab.execute("ledger --records").unwrap();
    assert!(ledger.contains("  one with spaces"), "{ledger}");
    // Every command's point, before and after a fresh cluster, comes back exactly.
    for k in 0..lab.journal().len() {
        let e = lab.journal()[k].clone();
        let pos = Position {
            commands: k,
            processed: e.processed,
            at: e.at,
        };
        lab.seek(pos);
        assert_eq!(lab.position(), pos, "command {k}");
        assert_eq!(lab.digest(), at_point(&lab, pos).digest(), "command {k}");
    }
    lab.seek(live);
    assert_eq!(lab.digest(), end);
    // The slider's time is the last cluster's.
    lab.seek_time(0);
    assert_eq!(lab.cluster().brokers.len(), 4);
    assert!(lab.position().commands >= 3);
    // A link and an export of the end rebuild it.
    lab.seek(live);
    let (opened, _) = Lab::from_link(&lab.link(&PageState::default())).unwrap();
    assert_eq!(opened.digest(), end);
    let mut again = Lab::default();
    let run = run_script(&mut again, &lab.export_script(), true);
    assert!(run.failed_lines.is_empty(), "{}", run.output);
    assert_eq!(again.digest(), end);
    // A record typed while the console producer reads, in the past, forks too.
    lab.seek(Position {
        commands: 6,
        processed: lab.journal()[6].processed,
        at: lab.journal()[6].at,
    });
    assert_eq!(lab.console_topic(), Some("b"));
    let out = lab.run("another");
    assert_eq!(out.forked, Some(1));
    assert_eq!(lab.transcript().last().map(|t| t.record), Some(true));
}

#[test]
fn an_export_splits_a_long_stretch_of_time_into_commands_that_fit_the_budget() {
    let mut lab = Lab::default();
    lab.set_event_budget(300);
    lab.execute("kafka-topics.sh --create --topic t --partitions 3 --replication-factor 3")
        .unwrap();
    // The page's clock: many frames, far more items than one command may run.
    for _ in 0..40 {
        lab.advance_bounded(500, 300);
    }
    lab.execute("kill-broker 2").unwrap();
    let script = lab.export_script();
    assert!(script.contains("\nstep 300\n"), "{script}");
    let mut again = Lab::default();
    again.set_event_budget(300);
    let run = run_script(&mut again, &script, true);
    assert!(run.failed_lines.is_empty(), "{}", run.output);
    assert_eq!(again.digest(), lab.digest());
}

#[test]
fn an_exported_script_prints_the_same_lines_for_the_same_commands() {
    let mut lab = lab_with_failover();
    lab.execute("ledger").unwrap();
    let mut again = Lab::default();
    let run = run_script(&mut again, &lab.export_script(), false);
    assert!(run.failed_lines.is_empty(), "{}", run.output);
    // Each journaled command of the transcript prints, after its `$ ` line, what it printed
    // in the run, in the same order (the script adds only timing lines).
    let mut rest = run.output.as_str();
    for t in lab.transcript() {
        if !super::timeline::is_journaled(&t.line) {
            continue;
        }
        let want = format!("$ {}\n{}", t.line, t.result.clone().unwrap());
        let at = rest
            .find(&want)
            .unwrap_or_else(|| panic!("{want}\nnot in\n{rest}"));
        rest = &rest[at + want.len()..];
    }
    assert_eq!(again.digest(), lab.digest());
}

#[test]
fn a_big_cluster_is_snapshotted_less_often_and_still_seeks_exactly() {
    // 64 brokers × 300 partitions × RF 3 = 900 replicas: at least 45,000 items between two
    // snapshots instead of 4,000 (a snapshot clones every replica).
    let mut lab = Lab::new(64, 3);
    lab.execute(
        "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic big --partitions 300 --replication-factor 3",
    )
    .unwrap();
    lab.execute("produce --topic big --acks all --count 200 --interval 5 load")
        .unwrap();
    lab.execute("advance 30s").unwrap();
    assert_eq!(lab.snapshot_floor(), 45_000);
    let processed = lab.position().processed;
    let (snaps, _) = lab.snapshot_stats();
    assert!(
        (snaps as u64) <= processed / 45_000 + 2,
        "{snaps} snapshots over {processed} items"
    );
    // Seeking into the middle (a longer replay from the snapshot before it) and back to the
    // present rebuilds exactly the same state.
    let live = lab.position();
    let digest_live = lab.digest();
    lab.seek_time(live.at / 2);
    assert!(lab.position().at <= live.at / 2 + 1);
    assert_ne!(lab.digest(), digest_live);
    lab.seek(live);
    assert_eq!(lab.digest(), digest_live);
}

#[test]
fn a_snapshot_shares_what_did_not_change_and_restores_exactly() {
    // Snapshots copy pointers to what a run no longer changes (rolled segments, the brokers'
    // partition states and partition maps' B-trees) and copy on write what it does: the
    // older snapshot keeps its state while the run goes on, and seeking from it replays to the
    // newer one exactly.
    let mut lab = Lab::default();
    lab.execute("kafka-topics.sh --create --topic s --partitions 2 --replication-factor 3")
        .unwrap();
    lab.execute("produce --topic s --count 40 --interval 5 first")
        .unwrap();
    lab.execute("advance 2s").unwrap();
    let at_first = lab.digest();
    let first = lab.snapshot_state();
    lab.execute("produce --topic s --count 40 --interval 5 second")
        .unwrap();
    lab.execute("advance 2s").unwrap();
    let second = lab.snapshot_state();
    assert!(second.position() > first.position());

    let (mut shared, mut copied) = (0, 0);
    for (id, old) in first.cluster.brokers().iter() {
        let new = second.cluster.brokers().get(id).unwrap();
        for (tp, log) in old.replica_manager.logs.iter() {
            let (was, now) = (
                log.files().segments(),
                new.replica_manager.logs.get(tp).unwrap().files().segments(),
            );
            assert!(was.len() > 1, "{tp:?} on {id}: no segment rolled");
            assert!(now.len() > was.len(), "{tp:?} on {id}: none rolled after");
            // Every segment rolled by the first snapshot is the same allocation in the second.
            for (w, n) in was[..was.len() - 1].iter().zip(now) {
                assert!(
                    Rc::ptr_eq(w, n),
                    "{tp:?} on {id}: a rolled segment was copied"
                );
                shared += 1;
            }
            // The segment active at the first was written since: a copy, the old one kept.
            let (w, n) = (was.last().unwrap(), &now[was.len() - 1]);
            assert!(!Rc::ptr_eq(w, n) && w.size() < n.size());
            copied += 1;
        }
        for (tp, ps) in old.metadata.partitions.iter() {
            let later = new.metadata.partitions.get(tp).unwrap();
            assert!(
                Rc::ptr_eq(ps, later),
                "{tp:?} on {id}: its state was copied"
            );
        }
    }
    // 2 partitions × 3 replicas, each with at least one rolled segment shared.
    assert!(
        copied == 6 && shared >= copied,
        "{shared} segments shared, {copied} copied"
    );

    // The run going on did not change what the first snapshot holds.
    assert_eq!(first.digest(), at_first);
    // Restoring it and replaying reaches the second exactly (and live).
    let live = lab.digest();
    assert_eq!(second.digest(), live);
    lab.restore_state(&first);
    assert_eq!(lab.digest(), at_first);
    lab.seek(second.position());
    assert_eq!(lab.digest(), live);
}
