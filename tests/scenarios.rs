//! Golden transcripts: each `tests/scenarios/*.klab` runs and must print exactly its `.out`.

use kafka_lab::ledger::summarize;
use kafka_lab_tests::{expected_ledger, run, run_lab, scenarios};

#[test]
fn every_scenario_prints_its_golden_transcript() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let all = scenarios();
    assert!(all.len() >= 5, "expected the scenario files, found {all:?}");
    let mut mismatches = Vec::new();
    for sc in all {
        let got = run(&sc.script).output;
        let out_path = sc.golden.clone();
        if update {
            std::fs::write(&out_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&out_path).unwrap_or_else(|_| {
            panic!(
                "{} is missing: run with UPDATE_GOLDEN=1",
                out_path.display()
            )
        });
        if got != want {
            let first = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(got.lines().count().min(want.lines().count()));
            mismatches.push(format!(
                "{}: first difference at line {}\n  got:  {:?}\n  want: {:?}",
                sc.name,
                first + 1,
                got.lines().nth(first),
                want.lines().nth(first)
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn a_scenario_runs_the_same_twice() {
    for sc in scenarios() {
        assert_eq!(
            run(&sc.script),
            run(&sc.script),
            "{} is not deterministic",
            sc.name
        );
    }
}

#[test]
fn only_the_error_scenario_has_failing_commands() {
    for sc in scenarios() {
        let failed = run(&sc.script).failed_lines;
        let name = &sc.name;
        // A scenario that shows Kafka's refusals lists the lines that must fail.
        let declared: Option<Vec<usize>> = sc.script.lines().find_map(|l| {
            l.strip_prefix("# expect-failing-lines:").map(|v| {
                v.split_whitespace()
                    .filter_map(|n| n.parse().ok())
                    .collect()
            })
        });
        if name.starts_with("errors") {
            assert!(!failed.is_empty(), "{name} should contain failing commands");
        } else if let Some(want) = declared {
            assert_eq!(failed, want, "{name}: the failing lines differ");
        } else {
            assert!(failed.is_empty(), "{name}: lines {failed:?} failed");
        }
    }
}

/// Each loss and duplicate case of the notes is flagged by the ledger exactly as its script
/// says (`# expect-ledger: lost=1 ...`), and the safe cases flag nothing.
#[test]
fn the_ledger_flags_what_each_case_should() {
    let mut checked = 0;
    for sc in scenarios() {
        let script = &sc.script;
        let want = expected_ledger(script);
        if want.is_empty() {
            continue;
        }
        let (lab, _) = run_lab(script);
        let s = summarize(&lab.cluster().ledger_status());
        for (k, v) in want {
            let got = match k.as_str() {
                "sent" => s.sent,
                "acked" => s.acked,
                "committed" => s.committed,
                "lost" => s.lost,
                "duplicated" => s.duplicated,
                other => panic!("{}: unknown ledger key {other}", sc.name),
            };
            assert_eq!(got, v, "{}: {k} (ledger: {s})", sc.name);
        }
        checked += 1;
    }
    assert!(
        checked >= 8,
        "only {checked} scenarios state what the ledger should show"
    );
}

/// Committed records are lost only where Kafka's guarantees are switched off: unclean
/// election, or truncation to the high watermark before 0.11.
#[test]
fn only_unsafe_settings_break_leader_completeness() {
    for sc in scenarios() {
        let script = &sc.script;
        let (lab, _) = run_lab(script);
        let broken = lab
            .cluster()
            .violations()
            .iter()
            .any(|v| v.name == "LeaderCompleteness");
        let unsafe_settings = script.contains("unclean.leader.election.enable=true")
            || script.contains("inter.broker.protocol.version=0.10");
        assert_eq!(
            broken,
            unsafe_settings,
            "{}: {:?}",
            sc.name,
            lab.cluster().violations()
        );
    }
}
