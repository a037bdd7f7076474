//! Golden transcripts: each `tests/scenarios/*.klab` runs and must print exactly its `.out`.

use kafka_lab_tests::{run, scenarios};

#[test]
fn every_scenario_prints_its_golden_transcript() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let all = scenarios();
    assert!(all.len() >= 5, "expected the scenario files, found {all:?}");
    let mut mismatches = Vec::new();
    for script_path in all {
        let script = std::fs::read_to_string(&script_path).unwrap();
        let got = run(&script).output;
        let out_path = script_path.with_extension("out");
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
                script_path.display(),
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
    for p in scenarios() {
        let s = std::fs::read_to_string(&p).unwrap();
        assert_eq!(run(&s), run(&s), "{} is not deterministic", p.display());
    }
}

#[test]
fn only_the_error_scenario_has_failing_commands() {
    for p in scenarios() {
        let s = std::fs::read_to_string(&p).unwrap();
        let failed = run(&s).failed_lines;
        let name = p.file_stem().unwrap().to_string_lossy();
        if name.starts_with("errors") {
            assert!(!failed.is_empty(), "{name} should contain failing commands");
        } else {
            assert!(failed.is_empty(), "{name}: lines {failed:?} failed");
        }
    }
}
