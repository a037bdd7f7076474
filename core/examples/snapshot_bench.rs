//! What one time-machine snapshot costs in a big cluster with a producer stream
//! (`cargo run --profile bench -p kafka-lab-core --example snapshot_bench [BROKERS PARTITIONS
//! VIRTUAL_S SNAPSHOTS]`): sets the cluster up as the page does, streams one record every 50
//! virtual ms for VIRTUAL_S virtual seconds, then takes SNAPSHOTS snapshots and prints the
//! median ms of one and the bytes it allocated (`snapshot brokers=… partitions=… events=…
//! median_ms=… bytes=…`). Under `valgrind --tool=callgrind` it shows what a snapshot is made of.
//!
//! Examples may read the wall clock; the simulation itself never does.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use kafka_lab::cli::Lab;

struct Counting;
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(l.size(), Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| {
            a.parse()
                .expect("numbers: BROKERS PARTITIONS VIRTUAL_S SNAPSHOTS")
        })
        .collect();
    let arg = |i: usize, d: u64| args.get(i).copied().unwrap_or(d);
    let (brokers, partitions, virtual_s, snaps) = (arg(0, 12), arg(1, 120), arg(2, 60), arg(3, 20));
    let mut lab = Lab::new(brokers as u32, 42);
    lab.execute(&format!(
        "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic load --partitions {partitions} --replication-factor {}",
        brokers.min(3)
    ))
    .expect("topic");
    let t0 = Instant::now();
    for n in 1..=virtual_s * 20 {
        let _ = lab.execute(&format!(
            "produce --topic load --acks 1 --async --client-id stream s-{n}"
        ));
        while !lab.advance_bounded(50, 5_000) {}
    }
    let setup_s = t0.elapsed().as_secs_f64();
    let mut ms = Vec::new();
    let mut bytes = 0;
    for _ in 0..snaps {
        let before = ALLOCATED.load(Ordering::Relaxed);
        let t = Instant::now();
        drop(lab.snapshot_state());
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        bytes = ALLOCATED.load(Ordering::Relaxed) - before;
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    println!(
        "snapshot brokers={brokers} partitions={partitions} virtual_s={virtual_s} events={} log={} sends={} setup_s={setup_s:.1} median_ms={:.2} bytes={bytes}",
        lab.cluster().processed(),
        lab.cluster().log().len(),
        lab.cluster().ledger().sends.len(),
        ms.get(ms.len() / 2).copied().unwrap_or(0.0),
    );
}
