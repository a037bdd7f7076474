//! Scenario files: `kafka-lab run FILE` and the golden transcripts run a script line by line
//! through one [`Lab`]; `narration` prints the events a run logged.

use super::*;

/// What running a script printed, and whether every command succeeded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptRun {
    /// Everything printed.
    pub output: String,
    /// Line numbers (from 1) of the commands that failed.
    pub failed_lines: Vec<usize>,
}

/// Runs `script` line by line, as `kafka-lab run` does: each command is printed after `$ `
/// (unless `quiet`), then its output; a failure prints `line N: problem` and the run goes on.
pub fn run_script(lab: &mut Lab, script: &str, quiet: bool) -> ScriptRun {
    let mut output = String::new();
    let mut failed_lines = Vec::new();
    for (i, line) in script.lines().enumerate() {
        let t = line.trim();
        if !quiet && !t.is_empty() && !t.starts_with('#') {
            // A line kafka-console-producer.sh reads is a record: its prompt is `>`.
            let prompt = if lab.console_topic().is_some() {
                '>'
            } else {
                '$'
            };
            output.push_str(&format!("{prompt} {t}\n"));
        }
        match lab.execute(line) {
            Ok(text) => output.push_str(&text),
            Err(e) => {
                output.push_str(&format!("line {}: {e}\n", i + 1));
                failed_lines.push(i + 1);
            }
        }
    }
    ScriptRun {
        output,
        failed_lines,
    }
}

/// Event lines in `lang`, skipping per-broker role changes unless `all`.
pub fn narration(log: &[Logged], all: bool, lang: Lang) -> String {
    log.iter()
        .filter(|l| all || !l.event.is_detail())
        .map(|l| l.line(lang) + "\n")
        .collect()
}
