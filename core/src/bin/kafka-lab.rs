//! `kafka-lab`: runs Kafka Lab's commands natively.
//!
//! `kafka-lab run FILE` runs a script and prints each command (after `$ `) and its output;
//! `kafka-lab` alone reads commands from standard input. Errors name the line; the exit code is
//! 1 if any command failed. `--link 'URL-or-fragment'` starts from the run a link describes
//! (made by `link` here or by the page's "Copy link").

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kafka_lab::cli::{run_script, Lab, DEFAULT_BROKERS, DEFAULT_SEED};

#[derive(Parser)]
#[command(
    name = "kafka-lab",
    version,
    about = "A simulated Apache Kafka cluster, driven by Kafka's own commands."
)]
struct Args {
    #[command(subcommand)]
    command: Option<Cmd>,
    /// Random seed of the simulation.
    #[arg(long, default_value_t = DEFAULT_SEED, global = true)]
    seed: u64,
    /// Number of brokers to start with.
    #[arg(long, default_value_t = DEFAULT_BROKERS, global = true)]
    brokers: u32,
    /// Start from the run in a link (a URL, `#run=…` or `run=…`; --brokers and --seed are
    /// then the link's).
    #[arg(long, global = true, value_name = "URL-or-fragment")]
    link: Option<String>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the commands in FILE, printing each one and its output.
    Run {
        /// A script: one command per line, `#` comments, blank lines.
        file: PathBuf,
        /// Print only the output, not the commands.
        #[arg(long, short)]
        quiet: bool,
    },
}

/// Reads a file on the host for `kafka-dump-log.sh`, refusing anything larger than the lab
/// reads (checked before reading, so a huge file costs nothing).
fn read_host_file(path: &str) -> Result<Vec<u8>, String> {
    let limit = kafka_lab::cli::storage::MAX_FILE_BYTES;
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{path} is not a file"));
    }
    if meta.len() > limit as u64 {
        return Err(format!(
            "{path} is {} bytes; the lab reads files up to {limit} bytes",
            meta.len()
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    if !(1..=kafka_lab::cli::MAX_BROKERS).contains(&args.brokers) {
        eprintln!(
            "kafka-lab: --brokers must be between 1 and {}",
            kafka_lab::cli::MAX_BROKERS
        );
        return ExitCode::from(2);
    }
    let mut lab = match &args.link {
        None => Lab::new(args.brokers, args.seed),
        Some(link) => match Lab::from_link(link) {
            Ok((mut lab, _page)) => {
                // The program speaks English, whatever the page that made the link spoke.
                lab.set_lang(kafka_lab::i18n::Lang::En);
                lab
            }
            Err(e) => {
                eprintln!("kafka-lab: --link: {e}");
                return ExitCode::from(2);
            }
        },
    };
    lab.set_host_reader(read_host_file);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    match args.command {
        Some(Cmd::Run { file, quiet }) => {
            let text = match std::fs::read(&file) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(e) => {
                        eprintln!(
                            "kafka-lab: {}: not UTF-8 text (byte {})",
                            file.display(),
                            e.utf8_error().valid_up_to()
                        );
                        return ExitCode::from(2);
                    }
                },
                Err(e) => {
                    eprintln!("kafka-lab: cannot read {}: {e}", file.display());
                    return ExitCode::from(2);
                }
            };
            let run = run_script(&mut lab, &text, quiet);
            let _ = out.write_all(run.output.as_bytes());
            failed = !run.failed_lines.is_empty();
        }
        None => {
            let stdin = io::stdin();
            let interactive = stdin.is_terminal();
            let mut lines = stdin.lock().lines();
            let mut n = 0;
            loop {
                if interactive {
                    let _ = write!(out, "kafka-lab> ");
                    let _ = out.flush();
                }
                let Some(line) = lines.next() else { break };
                n += 1;
                let line = match line {
                    Ok(l) => l,
                    Err(e) => {
                        eprintln!("kafka-lab: line {n}: cannot read: {e}");
                        failed = true;
                        break;
                    }
                };
                failed |= report(&mut out, lab.execute(&line), n);
            }
        }
    }
    let _ = out.flush();
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints a command's result; returns true if it failed.
fn report(out: &mut impl Write, result: Result<String, String>, line: usize) -> bool {
    match result {
        Ok(text) => {
            let _ = out.write_all(text.as_bytes());
            false
        }
        Err(e) => {
            let _ = out.flush();
            let _ = writeln!(out, "line {line}: {e}");
            true
        }
    }
}
