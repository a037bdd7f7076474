//! The time machine's commands in the interpreter: `history`, `rewind`, `branches`,
//! `branch`, `undo`, `link`, `open-link`, `export`; and [`Lab::export_script`].

use super::args::{parse, value};
use super::link::PageState;
use super::timeline::Position;
use super::{parse_duration, Lab, DEFAULT_BROKERS, DEFAULT_SEED};
use crate::i18n::{tr, T};

/// Runs one of [`super::timeline::TIMELINE_COMMANDS`].
pub(super) fn run(lab: &mut Lab, cmd: &str, rest: &[String]) -> Result<String, String> {
    let lang = lab.lang_of();
    match cmd {
        "history" => {
            if !rest.is_empty() {
                return Err(T::TmHistoryUsage.get(lang).into());
            }
            Ok(history(lab))
        }
        "rewind" => {
            let p = parse(rest, &[value("to"), value("to-command"), value("events")])?;
            p.only_options("rewind: ")?;
            let usage = || T::TmRewindUsage.get(lang).to_string();
            match (p.value("to"), p.value("to-command"), p.value("events")) {
                (Some(ms), None, None) => {
                    let ms = parse_duration(ms).map_err(|e| format!("rewind: {e}"))?;
                    if ms > lab.cluster.now() {
                        return Err(tr(
                            lang,
                            T::TmRewindFuture,
                            &[
                                ("t", ms.to_string()),
                                ("now", lab.cluster.now().to_string()),
                            ],
                        ));
                    }
                    lab.seek_time(ms);
                }
                (None, Some(n), None) => {
                    let n: usize = n.parse().map_err(|_| usage())?;
                    let Some(e) = lab.journal.get(n) else {
                        return Err(tr(
                            lang,
                            T::TmNoCommand,
                            &[("n", n.to_string()), ("len", lab.journal.len().to_string())],
                        ));
                    };
                    if n >= lab.applied {
                        return Err(tr(lang, T::TmRewindFuture2, &[("n", n.to_string())]));
                    }
                    let target = Position {
                        commands: n,
                        processed: e.processed,
                        at: e.at,
                    };
                    lab.seek(target);
                }
                (None, None, Some(n)) => {
                    let n: usize = n.parse().ok().filter(|&n| n > 0).ok_or_else(usage)?;
                    if !lab.rewind_events(n) && lab.position() == lab.live() {
                        return Err(T::TmNoEvents.get(lang).into());
                    }
                }
                _ => return Err(usage()),
            }
            Ok(tr(
                lang,
                T::TmRewound,
                &[
                    ("t", lab.cluster.now().to_string()),
                    ("c", lab.applied.to_string()),
                    ("n", lab.journal.len().to_string()),
                ],
            ) + "\n")
        }
        "branches" => {
            if !rest.is_empty() {
                return Err(T::TmBranchesUsage.get(lang).into());
            }
            let mut out = String::new();
            for b in lab.branches() {
                let mark = if b.current { '*' } else { ' ' };
                let what = match &b.first_line {
                    Some(line) if !b.current => tr(
                        lang,
                        T::TmBranchDiffers,
                        &[("i", b.diverges_at.to_string()), ("line", line.clone())],
                    ),
                    _ if !b.current => tr(
                        lang,
                        T::TmBranchPrefix,
                        &[
                            ("i", b.diverges_at.to_string()),
                            ("t", b.live.at.to_string()),
                        ],
                    ),
                    _ => T::TmBranchCurrent.get(lang).to_string(),
                };
                out += &format!(
                    "{mark} {:>3}  {}\n",
                    b.id,
                    tr(
                        lang,
                        T::TmBranchLine,
                        &[
                            ("n", b.commands.to_string()),
                            ("t", b.live.at.to_string()),
                            ("what", what),
                        ],
                    )
                );
            }
            Ok(out)
        }
        "branch" => {
            let [k] = rest else {
                return Err(T::TmBranchUsage.get(lang).into());
            };
            let k: usize = k
                .parse()
                .map_err(|_| T::TmBranchUsage.get(lang).to_string())?;
            lab.switch_branch(k)?;
            Ok(tr(
                lang,
                T::TmOnBranch,
                &[
                    ("k", k.to_string()),
                    ("n", lab.journal.len().to_string()),
                    ("t", lab.cluster.now().to_string()),
                ],
            ) + "\n")
        }
        "undo" => {
            if !rest.is_empty() {
                return Err(T::TmUndoUsage.get(lang).into());
            }
            let i = lab.applied;
            let e = lab
                .undo()
                .ok_or_else(|| T::TmNothingToUndo.get(lang).to_string())?;
            Ok(tr(
                lang,
                T::TmUndone,
                &[
                    ("i", (i - 1).to_string()),
                    ("line", e.line),
                    ("t", lab.cluster.now().to_string()),
                ],
            ) + "\n")
        }
        "link" => {
            if !rest.is_empty() {
                return Err(T::TmLinkUsage.get(lang).into());
            }
            Ok(lab.link(&PageState::default()) + "\n")
        }
        "open-link" => {
            let [s] = rest else {
                return Err(T::TmOpenLinkUsage.get(lang).into());
            };
            let (mut opened, page) =
                Lab::from_link(s).map_err(|e| format!("open-link: {}", e.message(lang)))?;
            opened.host_files.reader = lab.host_files.reader;
            if page.lang.is_none() {
                opened.lang = lang;
            }
            *lab = opened;
            Ok(tr(
                lang,
                T::TmOpened,
                &[
                    ("n", lab.journal.len().to_string()),
                    ("t", lab.cluster.now().to_string()),
                    ("live", lab.live().at.to_string()),
                ],
            ) + "\n")
        }
        "export" => {
            if !rest.is_empty() {
                return Err(T::TmExportUsage.get(lang).into());
            }
            Ok(lab.export_script())
        }
        _ => Err(format!("unknown command '{cmd}'")),
    }
}

/// `history`: the journal, with where the run is.
fn history(lab: &Lab) -> String {
    let lang = lab.lang_of();
    let mut out = tr(
        lang,
        T::TmHistoryHeader,
        &[
            ("n", lab.journal.len().to_string()),
            ("b", lab.branch_id().to_string()),
            ("t", lab.cluster.now().to_string()),
            ("live", lab.live().at.to_string()),
        ],
    ) + "\n";
    for (i, e) in lab.journal.iter().enumerate() {
        if i == lab.applied {
            out += &tr(
                lang,
                T::TmHistoryHere,
                &[("t", lab.cluster.now().to_string())],
            );
            out.push('\n');
        }
        out += &format!("{i:>5}  [{:>8} ms]  {}\n", e.at, e.line);
    }
    if lab.applied == lab.journal.len() && !lab.is_live() {
        out += &tr(
            lang,
            T::TmHistoryHere,
            &[("t", lab.cluster.now().to_string())],
        );
        out.push('\n');
    }
    out
}

impl Lab {
    /// The run up to the current point as a `.klab` script: `kafka-lab run FILE` reaches the
    /// same state and prints the same lines for the same commands. Between commands it adds
    /// `advance --to MS --items N`, the exact form of the time that passed (items may be
    /// due at the same millisecond as a command, so `advance MS` alone could overshoot).
    pub fn export_script(&self) -> String {
        let (brokers, seed) = self.origin;
        let mut out = tr(
            self.lang,
            T::TmExportHeader,
            &[
                ("n", self.applied.to_string()),
                ("t", self.cluster.now().to_string()),
            ],
        ) + "\n";
        let mut lab = Lab::new(DEFAULT_BROKERS, DEFAULT_SEED);
        lab.event_budget = self.event_budget;
        let emit = |lab: &mut Lab, out: &mut String, line: String| {
            let _ = lab.execute(&line);
            out.push_str(&line);
            out.push('\n');
        };
        if seed != DEFAULT_SEED {
            emit(&mut lab, &mut out, format!("seed {seed}"));
        }
        if brokers != DEFAULT_BROKERS || self.origin_zookeepers != 1 {
            let z = self.origin_zookeepers;
            let line = if z == 1 {
                format!("brokers {brokers}")
            } else {
                format!("brokers {brokers} --zookeepers {z}")
            };
            emit(&mut lab, &mut out, line);
        }
        let timing = |lab: &mut Lab, out: &mut String, at: u64, processed: u64| {
            if (lab.cluster.now(), lab.cluster.processed()) == (at, processed) {
                return;
            }
            if lab.console.is_some() {
                // The lines kafka-console-producer.sh reads are records: time that passed
                // between them cannot be written in a script.
                out.push_str(&tr(lab.lang, T::TmExportNoTiming, &[("t", at.to_string())]));
                out.push('\n');
                lab.cluster.run_to(at, processed);
                lab.moved();
                return;
            }
            // More items than one command may run: whole `step N` commands first (each item
            // before the point is due by then, so stepping is exact).
            let chunk = lab.event_budget.min(super::MAX_STEPS);
            while processed.saturating_sub(lab.cluster.processed()) > chunk {
                let before = lab.cluster.processed();
                emit(lab, out, format!("step {chunk}"));
                if lab.cluster.processed() == before {
                    break;
                }
            }
            emit(lab, out, format!("advance --to {at} --items {processed}"));
        };
        let here = self.position();
        for (i, e) in self.journal[..self.applied].iter().enumerate() {
            timing(&mut lab, &mut out, e.at, e.processed);
            let time_only = lab.console.is_none() && {
                let w = e.line.split_whitespace().next();
                matches!(w, Some("advance" | "step"))
            };
            if time_only {
                // The cursor (or the next command) may be inside it: then only the exact
                // timing to there is written.
                let (at, processed) = match self.journal.get(i + 1).filter(|_| i + 1 < self.applied)
                {
                    Some(n) => (n.at, n.processed),
                    None => (here.at, here.processed),
                };
                let mut trial = lab.clone();
                let _ = trial.execute(&e.line);
                if trial.cluster.processed() > processed || trial.cluster.now() > at {
                    continue;
                }
                lab = trial;
                out.push_str(&e.line);
                out.push('\n');
                continue;
            }
            emit(&mut lab, &mut out, e.line.clone());
        }
        timing(&mut lab, &mut out, here.at, here.processed);
        out
    }
}
