//! The ensemble inside a running cluster: brokers, sessions and the controller when
//! ZooKeeper servers die and return.

use crate::cli::Lab;
use crate::cluster::ensemble::Phase;
use crate::event::Event;

fn run(lab: &mut Lab, line: &str) -> String {
    lab.execute(line)
        .unwrap_or_else(|e| panic!("`{line}` failed: {e}"))
}

fn lab() -> Lab {
    let mut lab = Lab::default();
    run(&mut lab, "brokers 3 --zookeepers 3");
    run(
        &mut lab,
        "kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3",
    );
    lab
}

fn events_since(lab: &Lab, from: usize) -> Vec<Event> {
    lab.cluster().log()[from..]
        .iter()
        .map(|l| l.event.clone())
        .collect()
}

fn expired(events: &[Event]) -> Vec<u32> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::SessionExpired { broker } => Some(*broker),
            _ => None,
        })
        .collect()
}

#[test]
fn default_lab_has_one_server_and_three_with_the_flag() {
    let lab = Lab::default();
    assert_eq!(lab.cluster().zk.ensemble.servers.len(), 1);
    let lab = self::lab();
    let e = &lab.cluster().zk.ensemble;
    assert_eq!((e.servers.len(), e.quorum(), e.leader), (3, 2, Some(3)));
    let mut bad = Lab::default();
    assert!(bad
        .execute("brokers 3 --zookeepers 2")
        .unwrap_err()
        .contains("1, 3 or 5"));
    assert!(bad
        .execute("kill-zk 4")
        .unwrap_err()
        .contains("no ZooKeeper server 4"));
    assert!(bad
        .execute("start-zk 1")
        .unwrap_err()
        .contains("already running"));
    assert!(bad
        .execute("kill-zk x")
        .unwrap_err()
        .contains("not a ZooKeeper server"));
}

#[test]
fn one_of_three_down_keeps_the_quorum_and_every_session() {
    let mut lab = lab();
    let controller = lab.cluster().controller();
    let from = lab.cluster().log().len();
    // A follower dies: writes go on at once.
    run(&mut lab, "kill-zk 1");
    let out = run(
        &mut lab,
        "kafka-topics.sh --create --topic pay --partitions 1 --replication-factor 3",
    );
    assert!(out.contains("Created topic pay"), "{out}");
    // zoo1 comes back and syncs; then the leader dies: the two left elect zoo2 within finalizeWait + a tick.
    run(&mut lab, "start-zk 1");
    assert!(lab.cluster().zk.ensemble.serving());
    run(&mut lab, "kill-zk zoo3");
    assert!(matches!(
        lab.cluster().zk.ensemble.phase,
        Phase::Electing { .. }
    ));
    run(&mut lab, "advance 3s");
    let e = &lab.cluster().zk.ensemble;
    assert_eq!((e.phase, e.leader), (Phase::Serving, Some(2)));
    assert!(e.epoch >= 2);
    run(&mut lab, "advance 20s");
    let ev = events_since(&lab, from);
    assert!(expired(&ev).is_empty(), "no session expires: {ev:?}");
    assert!(!ev
        .iter()
        .any(|e| matches!(e, Event::BrokerLostZkSession { .. })));
    assert_eq!(lab.cluster().controller(), controller);
    assert_eq!(lab.cluster().zk.broker_ids.len(), 3);
}

#[test]
fn quorum_lost_then_back_without_a_session_expiry() {
    let mut lab = lab();
    let controller = lab.cluster().controller();
    let from = lab.cluster().log().len();
    run(&mut lab, "kill-zk 1");
    run(&mut lab, "kill-zk 2");
    assert_eq!(lab.cluster().zk.ensemble.phase, Phase::NoQuorum);
    // Five session timeouts without a quorum: nobody expires (no leader tracks sessions) and
    // no broker gives its session up (its pings get ConnectionLoss, not silence).
    run(&mut lab, "advance 30s");
    // A write waits: the topic is not created.
    assert!(lab
        .execute("kafka-topics.sh --create --topic late --partitions 1 --replication-factor 1")
        .is_err());
    assert!(!lab.cluster().zk.topics.contains_key("late"));
    run(&mut lab, "start-zk 2");
    run(&mut lab, "advance 3s");
    // No write was committed meanwhile: equal zxids, so the higher myid (zoo3) leads again.
    assert_eq!(lab.cluster().zk.ensemble.leader, Some(3));
    // The held create is served once a leader is back.
    run(&mut lab, "advance 10s");
    assert!(lab.cluster().zk.topics.contains_key("late"));
    let ev = events_since(&lab, from);
    assert!(expired(&ev).is_empty(), "{ev:?}");
    assert!(!ev
        .iter()
        .any(|e| matches!(e, Event::BrokerLostZkSession { .. })));
    assert_eq!(lab.cluster().controller(), controller);
}

#[test]
fn a_broker_that_died_without_a_quorum_expires_after_it_returns() {
    let mut lab = lab();
    let controller = lab.cluster().controller().expect("a controller");
    run(&mut lab, "kill-zk 3");
    run(&mut lab, "advance 3s");
    run(&mut lab, "kill-zk 2");
    let from = lab.cluster().log().len();
    run(&mut lab, &format!("kill-broker {controller}"));
    run(&mut lab, "advance 20s");
    // Nothing could be written: /brokers/ids and /controller still name the dead broker.
    assert!(lab.cluster().zk.broker_ids.contains_key(&controller));
    assert_eq!(lab.cluster().controller(), Some(controller));
    assert!(expired(&events_since(&lab, from)).is_empty());
    run(&mut lab, "start-zk 3");
    run(&mut lab, "advance 3s");
    // Serving again, and the session's timeout started afresh with the new leader.
    assert!(lab.cluster().zk.ensemble.serving());
    assert!(lab.cluster().zk.broker_ids.contains_key(&controller));
    run(&mut lab, "advance 7s");
    let ev = events_since(&lab, from);
    assert_eq!(
        expired(&ev),
        vec![controller],
        "only the dead broker's session expires"
    );
    assert!(ev.iter().any(|e| matches!(e, Event::ControllerGone)));
    let now = lab.cluster().controller();
    assert!(
        now.is_some() && now != Some(controller),
        "a new controller: {now:?}"
    );
}

#[test]
fn leaders_keep_serving_and_acks_all_waits_for_the_isr_write() {
    let mut lab = lab();
    run(&mut lab, "kill-zk 1");
    run(&mut lab, "kill-zk 2");
    // Producing with acks=1 to a live leader works without ZooKeeper.
    let out = run(&mut lab, "produce --topic orders --partition 0 --acks 1 a");
    assert!(out.contains("orders-0@"), "{out}");
    // A follower dies: acks=all needs the ISR shrunk, which cannot be written.
    let leader = lab
        .cluster()
        .leader_of(&crate::model::TopicPartition::new("orders", 0))
        .unwrap();
    let follower = (1..=3).find(|&b| b != leader).unwrap();
    run(&mut lab, &format!("kill-broker {follower}"));
    run(
        &mut lab,
        "produce --topic orders --partition 0 --acks all --async b",
    );
    run(&mut lab, "advance 20s");
    let isr = |lab: &Lab| {
        lab.cluster()
            .zk
            .partition_state(&crate::model::TopicPartition::new("orders", 0))
            .unwrap()
            .isr
            .clone()
    };
    assert!(isr(&lab).contains(&follower), "the ISR write waits");
    let acked = |lab: &Lab| {
        lab.cluster()
            .ledger_status()
            .iter()
            .filter(|s| matches!(s.entry.outcome, crate::ledger::Outcome::Acked { .. }))
            .count()
    };
    assert_eq!(acked(&lab), 1, "acks=all stalls");
    run(&mut lab, "start-zk 1");
    run(&mut lab, "advance 5s");
    assert!(
        !isr(&lab).contains(&follower),
        "the shrink lands once a leader serves"
    );
    assert_eq!(acked(&lab), 2, "and the acks=all record is acknowledged");
}

#[test]
fn the_ensemble_s_lines_follow_the_language() {
    let mut lab = Lab::default();
    lab.set_lang(crate::i18n::Lang::Zh);
    let out = run(&mut lab, "brokers 3 --zookeepers 3");
    assert!(
        out.starts_with("新建了一个有 3 个 broker 和 3 台 ZooKeeper 服务器"),
        "{out}"
    );
    assert!(out.contains("zoo3 成为集群的 leader"), "{out}");
    let e = lab.execute("kill-zk x").unwrap_err();
    assert!(e.contains("不是 ZooKeeper 服务器"), "{e}");
    let out = run(&mut lab, "kill-zk 3");
    assert!(out.contains("ZooKeeper 服务器 zoo3 被杀掉"), "{out}");
}
