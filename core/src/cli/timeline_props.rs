//! Property tests of the time machine on random schedules: any point of a run comes back
//! exactly, a fork keeps the old branch exactly, a link rebuilds the run exactly, and no
//! link text makes the decoder panic.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;

use super::link::PageState;
use super::timeline::Position;
use super::Lab;

/// One step of a schedule: a command, or time passing outside commands (the page's clock).
#[derive(Clone, Debug)]
enum Op {
    Cmd(&'static str),
    Advance(u64),
    Step(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Cmd(
            "kafka-topics.sh --create --topic t --partitions 2 --replication-factor 3"
        )),
        Just(Op::Cmd("produce --topic t --count 2 v")),
        Just(Op::Cmd("produce --topic t --acks 1 --async w")),
        Just(Op::Cmd("kill-broker 1")),
        Just(Op::Cmd("kill-broker 2")),
        Just(Op::Cmd("start-broker --all")),
        Just(Op::Cmd("advance 8s")),
        Just(Op::Cmd("step 7")),
        Just(Op::Cmd("consumer add --group g --id c1 --topics t")),
        Just(Op::Cmd("consumer poll c1")),
        Just(Op::Cmd("cut 1 2")),
        Just(Op::Cmd("heal")),
        (1u64..9_000).prop_map(Op::Advance),
        (1u8..20).prop_map(Op::Step),
    ]
}

/// Runs a schedule, noting the digest at every point it stops at.
fn run(ops: &[Op]) -> (Lab, Vec<(Position, u64)>) {
    let mut lab = Lab::default();
    let mut points = vec![(lab.position(), lab.digest())];
    for op in ops {
        match op {
            Op::Cmd(line) => {
                let _ = lab.execute(line);
            }
            Op::Advance(ms) => lab.advance(*ms),
            Op::Step(n) => {
                for _ in 0..*n {
                    lab.step();
                }
            }
        }
        points.push((lab.position(), lab.digest()));
    }
    (lab, points)
}

/// The state at `pos`, built afresh: every command before the last one applied runs in
/// full at its point; the last one (which may pass time: the point can be inside an `advance`)
/// runs, unless it only passes time, and then the items up to `pos` run.
pub(super) fn at_point(lab: &Lab, pos: Position) -> Lab {
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_point_of_a_run_comes_back_exactly(
        ops in proptest::collection::vec(op(), 1..12),
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 3),
    ) {
        let (mut lab, points) = run(&ops);
        let end = lab.digest();
        for pick in &picks {
            let (pos, digest) = points[pick.index(points.len())];
            lab.seek(pos);
            prop_assert_eq!(lab.position(), pos);
            prop_assert_eq!(lab.digest(), digest);
        }
        // Event by event back (points inside commands that pass time included): each is
        // the state a fresh run built from the journal has there.
        let live = lab.live();
        lab.seek(live);
        for k in [1usize, 2, 5, 9] {
            lab.seek(live);
            if lab.rewind_events(k) {
                let here = lab.position();
                prop_assert_eq!(at_point(&lab, here).digest(), lab.digest(), "{} events back", k);
            }
        }
        let live = lab.live();
        lab.seek(live);
        prop_assert_eq!(lab.digest(), end);
    }

    #[test]
    fn a_fork_keeps_the_old_branch_and_a_link_rebuilds_the_run(
        ops in proptest::collection::vec(op(), 1..10),
        pick in any::<prop::sample::Index>(),
        fork in op(),
    ) {
        let (mut lab, points) = run(&ops);
        let (end, journal) = (lab.digest(), lab.journal().to_vec());
        let (pos, _) = points[pick.index(points.len())];
        lab.seek(pos);
        // A command in the past; time passing alone does not fork.
        let _ = lab.execute(match fork { Op::Cmd(c) => c, _ => "kill-broker 3" });
        lab.advance(1_000);
        let forked = lab.digest();
        let old = lab.branches().into_iter().find(|b| !b.current);
        if let Some(old) = old {
            lab.switch_branch(old.id).unwrap();
            prop_assert_eq!(lab.journal(), journal.as_slice());
            prop_assert_eq!(lab.digest(), end);
            let back = lab.branches().into_iter().find(|b| !b.current).unwrap().id;
            lab.switch_branch(back).unwrap();
            prop_assert_eq!(lab.digest(), forked);
        }
        // The link of the current point rebuilds it.
        let (opened, _) = Lab::from_link(&lab.link(&PageState::default())).unwrap();
        prop_assert_eq!(opened.digest(), lab.digest());
        let (mut a, mut b) = (opened, lab);
        for cmd in ["kafka-topics.sh --describe", "events --all", "ledger"] {
            prop_assert_eq!(a.execute(cmd), b.execute(cmd));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_link_text_makes_the_decoder_panic(
        text in ".{0,80}",
        bytes in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let _ = Lab::from_link(&text);
        let _ = Lab::from_link(&format!("#run={text}"));
        let _ = Lab::from_link(&format!("#run={}", URL_SAFE_NO_PAD.encode(&bytes)));
        // Past the version byte and the inflater: the payload parser itself.
        let mut raw = vec![super::link::LINK_FORMAT];
        raw.extend(miniz_oxide::deflate::compress_to_vec(&bytes, 1));
        let _ = Lab::from_link(&format!("run={}", URL_SAFE_NO_PAD.encode(&raw)));
    }
}

#[test]
fn a_point_inside_an_advance_command_comes_back_exactly() {
    let (mut lab, _) = run(&[
        Op::Cmd("kafka-topics.sh --create --topic t --partitions 2 --replication-factor 3"),
        Op::Cmd("kill-broker 1"),
        Op::Cmd("advance 8s"),
    ]);
    // The failover's events happen inside `advance 8s`: one event back is inside it.
    assert!(lab.rewind_events(1));
    let here = lab.position();
    assert_eq!(here.commands, 3);
    assert!(here.at < lab.live().at);
    assert_eq!(at_point(&lab, here).digest(), lab.digest());
}
