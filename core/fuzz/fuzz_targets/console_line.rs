//! Any bytes typed into the console: every line goes through `Lab::execute`, which must answer
//! with output or an error (never panic or hang), and the lab must stay usable afterwards.
#![no_main]

use std::cell::RefCell;

use kafka_lab::cli::Lab;
use libfuzzer_sys::fuzz_target;

thread_local! {
    // A settled lab with a topic, cloned for every input (building one per input would
    // dominate the run).
    static BASE: RefCell<Lab> = RefCell::new({
        let mut lab = Lab::new(3, 1);
        lab.execute("kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3")
            .expect("the topic is created");
        // Small enough that `advance 1d` costs well under a millisecond.
        lab.set_event_budget(2_000);
        lab
    });
}

fuzz_target!(|data: &[u8]| {
    let mut lab = BASE.with(|b| b.borrow().clone());
    let text = String::from_utf8_lossy(data);
    for line in text.split(['\n', '\r']).take(8) {
        match lab.execute(line) {
            Ok(out) => assert!(out.len() < 4 << 20, "output is bounded"),
            Err(e) => assert!(!e.is_empty(), "an error says something"),
        }
    }
    // Still a working lab, once out of a `kafka-console-producer.sh` the input may have left
    // open (there every line is a record, and a record without `key.separator` under
    // `parse.key=true` is refused as Kafka refuses it). `EOF` with no producer open is an error.
    let _ = lab.execute("EOF");
    assert!(lab.execute("time").is_ok());
});
