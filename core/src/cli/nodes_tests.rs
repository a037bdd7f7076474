//! `stop-controller`: a controller's clean shutdown (KIP-595 `EndQuorumEpoch`) against a
//! crash, its errors, and combined mode (the whole node).

use super::Lab;
use crate::event::Event;

fn lab(line: &str) -> Lab {
    let mut lab = Lab::new(3, 1);
    lab.execute(line).unwrap();
    lab.execute("advance 3s").unwrap();
    lab
}

/// When the first `KraftLeaderElected` after `from_event` happened (virtual ms).
fn next_election(lab: &Lab, from_event: usize) -> Option<(u64, u32)> {
    lab.cluster().log()[from_event..]
        .iter()
        .find_map(|l| match &l.event {
            Event::KraftLeaderElected { node, .. } => Some((l.at, *node)),
            _ => None,
        })
}

#[test]
fn a_clean_stop_hands_over_in_tens_of_ms_a_crash_takes_seconds() {
    let mut clean = lab("brokers 3 --mode kraft");
    let mut crash = lab("brokers 3 --mode kraft");
    let old = clean.cluster().active_controller().unwrap();
    let (n_clean, n_crash) = (clean.cluster().log().len(), crash.cluster().log().len());
    let t0 = clean.cluster().now();
    clean.execute(&format!("stop-controller {old}")).unwrap();
    crash.execute(&format!("kill-controller {old}")).unwrap();
    clean.execute("advance 6s").unwrap();
    crash.execute("advance 6s").unwrap();
    let (at, new) = next_election(&clean, n_clean).expect("a new leader");
    assert_ne!(new, old);
    assert!(at - t0 < 50, "clean hand-over took {} ms", at - t0);
    let (at, _) = next_election(&crash, n_crash).expect("a new leader");
    assert!(
        at - t0 >= 2_000,
        "a crash waits out the fetch timeout: {} ms",
        at - t0
    );
    // The stopped controller is down, and says it stopped cleanly.
    assert!(!clean.cluster().controllers()[&old].alive);
    assert!(clean.cluster().log()[n_clean..].iter().any(|l| matches!(
        l.event,
        Event::KraftControllerStopped { node, timed_out: false } if node == old
    )));
}

#[test]
fn stop_controller_errors_are_one_line() {
    let mut zk = Lab::new(3, 1);
    let e = zk.execute("stop-controller 3000").unwrap_err();
    assert!(e.contains("--mode kraft"), "{e}");
    let mut k = lab("brokers 3 --mode kraft");
    for (line, want) in [
        ("stop-controller", "give a controller id"),
        ("stop-controller x", "'x' is not a controller id"),
        ("stop-controller 42", "there is no controller 42"),
    ] {
        let e = k.execute(line).unwrap_err();
        assert!(e.contains(want), "{line}: {e}");
        assert!(!e.trim_end().contains('\n'), "{line}: {e}");
    }
    let leader = k.cluster().active_controller().unwrap();
    k.execute(&format!("stop-controller {leader}")).unwrap();
    let e = k.execute(&format!("stop-controller {leader}")).unwrap_err();
    assert!(e.contains("already shutting down"), "{e}");
    k.execute("advance 1s").unwrap();
    let e = k.execute(&format!("stop-controller {leader}")).unwrap_err();
    assert!(e.contains("already dead"), "{e}");
    // `start-controller` brings it back as a follower.
    k.execute(&format!("start-controller {leader}")).unwrap();
    k.execute("advance 3s").unwrap();
    assert!(k.cluster().controllers()[&leader].alive);
    assert_ne!(k.cluster().active_controller(), Some(leader));
}

#[test]
fn combined_mode_stops_the_broker_then_the_controller() {
    let mut k = lab("brokers 3 --mode kraft --combined");
    k.execute(
        "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 3 --replication-factor 3",
    )
    .unwrap();
    let node = k.cluster().active_controller().unwrap();
    let n = k.cluster().log().len();
    k.execute(&format!("stop-controller {node}")).unwrap();
    k.execute("advance 10s").unwrap();
    let c = k.cluster();
    assert!(!c.brokers()[&node].alive, "the broker stopped");
    assert!(!c.controllers()[&node].alive, "the controller stopped");
    let new = c.active_controller().expect("a new active controller");
    assert_ne!(new, node);
    let kinds: Vec<&Event> = c.log()[n..].iter().map(|l| &l.event).collect();
    let stopped = kinds
        .iter()
        .position(|e| matches!(e, Event::KraftBrokerStopped { broker } if *broker == node))
        .expect("a controlled shutdown first");
    let resigned = kinds
        .iter()
        .position(|e| matches!(e, Event::KraftControllerShuttingDown { node: x, led: true, .. } if *x == node))
        .expect("then the controller resigns");
    assert!(stopped < resigned);
}
