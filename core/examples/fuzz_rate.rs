//! The fuzz targets `console_line` and `klab_script` without libFuzzer: the same per-input
//! work (a clone of a settled lab, then the input's lines) over the seed pieces `make fuzz`
//! starts from (every scenario cut into 8-line pieces), to measure and profile the cost of one
//! input on the stable toolchain, e.g. `valgrind --tool=callgrind
//! target/release/examples/fuzz_rate console_line 1`.
//!
//! `fuzz_rate [console_line|klab_script] [ROUNDS]` prints inputs, seconds, inputs/s and the
//! simulated events per input; `FUZZ_EVENT_BUDGET` replaces the targets' 2,000 events per
//! command (to see what a lower cap would buy).

use std::time::Instant;

use kafka_lab::cli::{run_script, Lab};

fn pieces() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "klab"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("a scenario");
        let lines: Vec<&str> = text.lines().collect();
        for chunk in lines.chunks(8) {
            out.push(chunk.join("\n") + "\n");
        }
    }
    out
}

fn console_line(base: &Lab, data: &str) -> u64 {
    let mut lab = base.clone();
    for line in data.split(['\n', '\r']).take(8) {
        match lab.execute(line) {
            Ok(out) => assert!(out.len() < 4 << 20, "output is bounded"),
            Err(e) => assert!(!e.is_empty(), "an error says something"),
        }
    }
    let _ = lab.execute("EOF");
    assert!(lab.execute("time").is_ok());
    lab.cluster()
        .processed()
        .saturating_sub(base.cluster().processed())
}

fn klab_script(base: &Lab, data: &str) -> u64 {
    let mut lab = base.clone();
    let run = run_script(&mut lab, data, false);
    let lines = data.lines().count();
    assert!(run.failed_lines.iter().all(|&n| n >= 1 && n <= lines));
    lab.cluster()
        .processed()
        .saturating_sub(base.cluster().processed())
}

fn main() {
    let target = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "console_line".into());
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let budget: u64 = std::env::var("FUZZ_EVENT_BUDGET")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(2_000);
    let pieces = pieces();
    let mut console = Lab::new(3, 1);
    console
        .execute("kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3")
        .expect("the topic is created");
    console.set_event_budget(budget);
    let mut script = Lab::new(3, 1);
    script.set_event_budget(budget);
    let start = Instant::now();
    let (mut n, mut events) = (0, 0);
    for _ in 0..rounds {
        for p in &pieces {
            events += match target.as_str() {
                "klab_script" => klab_script(&script, p),
                _ => console_line(&console, p),
            };
            n += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "target={target} inputs={n} seconds={secs:.3} inputs_per_sec={:.0} events_per_input={:.0} budget={budget}",
        n as f64 / secs,
        events as f64 / n as f64
    );
}
