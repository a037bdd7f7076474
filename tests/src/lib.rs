//! Helpers for Kafka Lab's scenario tests.
//!
//! A scenario is a `kafka-lab` script in `tests/scenarios/NAME.klab`; its expected transcript
//! (exactly what `kafka-lab run NAME.klab` prints) is `NAME.out` beside it. Set
//! `UPDATE_GOLDEN=1` to rewrite the transcripts after an intended change, then read the diff.

use std::path::{Path, PathBuf};

use kafka_lab::cli::{run_script, Lab, ScriptRun, DEFAULT_BROKERS, DEFAULT_SEED};

/// The folder holding the scenarios.
pub fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// A script and where its golden transcript is.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// A name for messages.
    pub name: String,
    /// The script.
    pub script: String,
    /// Its expected transcript.
    pub golden: PathBuf,
}

/// Every scenario: `tests/scenarios/*.klab` (transcript beside it), then the page's presets
/// (`core/presets/*.klab`, transcripts in `tests/scenarios/presets/`).
pub fn scenarios() -> Vec<Scenario> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(scenarios_dir())
        .expect("tests/scenarios exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "klab"))
        .collect();
    files.sort();
    let mut out: Vec<Scenario> = files
        .into_iter()
        .map(|p| Scenario {
            name: p.file_stem().unwrap().to_string_lossy().into_owned(),
            script: std::fs::read_to_string(&p).expect("readable"),
            golden: p.with_extension("out"),
        })
        .collect();
    for preset in kafka_lab::presets::PRESETS {
        out.push(Scenario {
            name: format!("preset {}", preset.id),
            script: preset.script.to_string(),
            golden: scenarios_dir()
                .join("presets")
                .join(format!("{}.out", preset.id)),
        });
    }
    out
}

/// Runs a script as `kafka-lab run` does, on a fresh default lab.
pub fn run(script: &str) -> ScriptRun {
    run_lab(script).1
}

/// Runs a script and returns the lab too, to inspect what the script left.
pub fn run_lab(script: &str) -> (Lab, ScriptRun) {
    let mut lab = Lab::new(DEFAULT_BROKERS, DEFAULT_SEED);
    let run = run_script(&mut lab, script, false);
    (lab, run)
}

/// The `# expect-ledger: k=v ...` lines of a script, as (key, value) pairs.
pub fn expected_ledger(script: &str) -> Vec<(String, usize)> {
    script
        .lines()
        .filter_map(|l| l.trim().strip_prefix("# expect-ledger:"))
        .flat_map(|rest| rest.split_whitespace())
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some((k.to_string(), v.parse().ok()?))
        })
        .collect()
}
