//! Any bytes as a `.klab` file (`kafka-lab run FILE`, or a file dropped on the page): the
//! script runs line by line, each failing line is reported, and nothing panics or hangs.
#![no_main]

use std::cell::RefCell;

use kafka_lab::cli::{run_script, Lab};
use libfuzzer_sys::fuzz_target;

thread_local! {
    static BASE: RefCell<Lab> = RefCell::new({
        let mut lab = Lab::new(3, 1);
        lab.set_event_budget(2_000);
        lab
    });
}

fuzz_target!(|data: &[u8]| {
    let Ok(script) = std::str::from_utf8(data) else {
        return; // the page and the CLI refuse a file that is not UTF-8 before running it
    };
    let mut lab = BASE.with(|b| b.borrow().clone());
    let run = run_script(&mut lab, script, false);
    let lines = script.lines().count();
    assert!(run.failed_lines.iter().all(|&n| n >= 1 && n <= lines));
    assert!(run.failed_lines.windows(2).all(|w| w[0] < w[1]));
});
