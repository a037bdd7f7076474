//! The time machine's figures (`cargo run --release --example timeline_bench`; also in
//! `make bench`):
//! 1. link size: each preset played to its end, and a run of 1,000 commands
//!    (`link preset=… commands=… chars=…`);
//! 2. memory: the bytes one clone of the lab holds (a snapshot) after a 3-broker run and after
//!    the biggest preset (`clone … bytes=…`), counted by a counting allocator;
//! 3. seek time natively in runs of about 10k, 100k and 1M events: the median and the max of
//!    jumps to pseudo-random points, and the snapshots kept (`seek events=… median_ms=…
//!    max_ms=… snapshots=… snapshot_bytes≈…`).
//!
//! Examples may read the wall clock; the simulation itself never does.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use kafka_lab::cli::link::PageState;
use kafka_lab::cli::timeline::Position;
use kafka_lab::cli::{run_script, Lab};
use kafka_lab::presets::PRESETS;

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size(), Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn clone_bytes(lab: &Lab) -> usize {
    let before = LIVE.load(Ordering::Relaxed);
    let c = lab.clone();
    let after = LIVE.load(Ordering::Relaxed);
    drop(c);
    after - before
}

fn main() {
    let mut biggest = (0, String::new());
    for p in PRESETS {
        let mut lab = Lab::default();
        run_script(&mut lab, p.script, true);
        let link = lab.link(&PageState::default());
        println!(
            "link preset={} commands={} events={} chars={}",
            p.id,
            lab.journal().len(),
            lab.cluster().processed(),
            link.len()
        );
        let b = clone_bytes(&lab);
        if b > biggest.0 {
            biggest = (b, p.id.to_string());
        }
    }
    println!("clone preset={} bytes={}", biggest.1, biggest.0);

    // 1,000 commands: produce, let time pass, kill and restart brokers.
    let mut lab = Lab::default();
    lab.execute("kafka-topics.sh --create --topic t --partitions 3 --replication-factor 3")
        .unwrap();
    for i in 0..999 {
        let line = match i % 10 {
            3 => "kill-broker 2".to_string(),
            7 => "start-broker 2".to_string(),
            5 | 9 => "advance 500".to_string(),
            _ => format!("produce --topic t --key k{i} value-{i}"),
        };
        let _ = lab.execute(&line);
    }
    let link = lab.link(&PageState::default());
    println!(
        "link run=1000-commands commands={} events={} chars={}",
        lab.journal().len(),
        lab.cluster().processed(),
        link.len()
    );
    let t = Instant::now();
    let (opened, _) = Lab::from_link(&link).unwrap();
    assert_eq!(opened.digest(), lab.digest());
    println!(
        "open-link run=1000-commands ms={:.1}",
        t.elapsed().as_secs_f64() * 1e3
    );

    for target in [10_000u64, 100_000, 1_000_000] {
        let mut lab = Lab::default();
        lab.execute("kafka-topics.sh --create --topic t --partitions 6 --replication-factor 3")
            .unwrap();
        let mut i = 0;
        while lab.cluster().processed() < target {
            let line = match i % 4 {
                0 => "kill-broker 3".to_string(),
                2 => "start-broker 3".to_string(),
                _ => format!("produce --topic t --count 5 v{i}"),
            };
            let _ = lab.execute(&line);
            lab.advance(20_000);
            i += 1;
        }
        let live = lab.live();
        let end = lab.digest();
        let clone = clone_bytes(&lab);
        let mut times = Vec::new();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..41 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let at = x % live.at.max(1);
            let t = Instant::now();
            lab.seek_time(at);
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let t = Instant::now();
        lab.seek(Position { ..live });
        times.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(lab.digest(), end);
        times.sort_by(|a, b| a.total_cmp(b));
        let link = lab.link(&PageState::default());
        let t = Instant::now();
        let (opened, _) = Lab::from_link(&link).unwrap();
        let open_ms = t.elapsed().as_secs_f64() * 1e3;
        assert_eq!(opened.digest(), lab.digest());
        let (snaps, every) = lab.snapshot_stats();
        println!(
            "seek events={} commands={} median_ms={:.2} max_ms={:.2} snapshots={snaps} every={every} clone_bytes={clone} snapshot_bytes_max={} link_chars={} open_link_ms={open_ms:.0}",
            lab.cluster().processed(),
            lab.journal().len(),
            times[times.len() / 2],
            times[times.len() - 1],
            snaps * clone,
            link.len()
        );
    }
}
