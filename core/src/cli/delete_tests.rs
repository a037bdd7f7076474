//! `kafka-topics.sh --delete` and the controller's topic deletion.

use super::*;

fn run(lab: &mut Lab, line: &str) -> String {
    lab.execute(line)
        .unwrap_or_else(|e| panic!("`{line}` failed: {e}"))
}

fn lab_with_orders(version: &str) -> Lab {
    let mut lab = Lab::default();
    run(&mut lab, &format!("client-version {version}"));
    run(
        &mut lab,
        "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 2 --replication-factor 3",
    );
    lab
}

/// No broker holds a log, a partition or a metadata entry of `topic`, and ZooKeeper has
/// neither `/brokers/topics/T` nor `/admin/delete_topics/T`.
fn gone_everywhere(lab: &Lab, topic: &str) -> bool {
    let c = lab.cluster();
    !c.zk.topics.contains_key(topic)
        && !c.zk.delete_topics.contains(topic)
        && c.brokers.values().all(|b| {
            !b.replica_manager.logs.keys().any(|tp| tp.topic == topic)
                && !b
                    .replica_manager
                    .partitions
                    .keys()
                    .any(|tp| tp.topic == topic)
                && !b.metadata.partitions.keys().any(|tp| tp.topic == topic)
        })
}

#[test]
fn zookeeper_delete_marks_the_topic_and_the_controller_deletes_it() {
    let mut lab = lab_with_orders("2.3");
    run(&mut lab, "produce --topic orders --count 4 x");
    let out = run(
        &mut lab,
        "kafka-topics.sh --zookeeper localhost:2181 --delete --topic orders",
    );
    assert_eq!(
        out,
        "Topic orders is marked for deletion.\nNote: This will have no impact if delete.topic.enable is not set to true.\n"
    );
    let out = run(&mut lab, "advance 2s");
    assert!(out.contains("Topic orders deleted"), "{out}");
    // The controller may start (StopReplica) while ZooKeeper's answer is still on its way to
    // the tool: look in the whole event log.
    let events = run(&mut lab, "events");
    assert!(events.contains("StopReplica"), "{events}");
    assert!(gone_everywhere(&lab, "orders"));
    assert_eq!(run(&mut lab, "kafka-topics.sh --list"), "");
    // The acknowledged records went with the topic: deleted, not lost.
    let statuses = lab.cluster().ledger_status();
    assert_eq!(statuses.len(), 4);
    assert!(statuses.iter().all(|s| s.deleted && !s.lost));
    // The name can be used again.
    run(
        &mut lab,
        "kafka-topics.sh --zookeeper localhost:2181 --create --topic orders --partitions 1 --replication-factor 1",
    );
    let out = run(&mut lab, "produce --topic orders y");
    assert!(out.starts_with("orders-0@0"), "{out}");
}

#[test]
fn bootstrap_delete_prints_nothing_and_returns_once_the_topic_is_gone() {
    let mut lab = lab_with_orders("3.x");
    let out = run(
        &mut lab,
        "kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic orders",
    );
    assert_eq!(out, "");
    // The tool returned after the metadata lost the topic; the logs go a moment later.
    run(&mut lab, "advance 1s");
    assert!(gone_everywhere(&lab, "orders"));
}

#[test]
fn deletion_waits_for_a_dead_replica_and_completes_after_its_restart() {
    let mut lab = lab_with_orders("2.3");
    run(&mut lab, "kill-broker 2");
    run(&mut lab, "advance 10s");
    let out = run(
        &mut lab,
        "kafka-topics.sh --zookeeper localhost:2181 --delete --topic orders",
    );
    assert!(
        out.starts_with("Topic orders is marked for deletion."),
        "{out}"
    );
    assert!(out.contains("dead broker(s) 2"), "{out}");
    run(&mut lab, "advance 30s");
    assert!(lab.cluster().log().iter().any(|l| matches!(
        &l.event,
        crate::event::Event::TopicDeletionIneligible { topic, brokers, .. }
            if topic == "orders" && *brokers == vec![2]
    )));
    let c = lab.cluster();
    assert!(c.zk.topics.contains_key("orders"));
    assert!(c.zk.delete_topics.contains("orders"));
    assert!(c.brokers[&2]
        .replica_manager
        .logs
        .keys()
        .any(|tp| tp.topic == "orders"));
    run(&mut lab, "start-broker 2");
    run(&mut lab, "advance 10s");
    assert!(gone_everywhere(&lab, "orders"));
}

#[test]
fn bootstrap_delete_with_a_dead_replica_times_out_then_completes_later() {
    let mut lab = lab_with_orders("3.x");
    run(&mut lab, "kill-broker 3");
    run(&mut lab, "advance 10s");
    let e = lab
        .execute("kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic orders")
        .unwrap_err();
    assert!(
        e.starts_with("Error while executing topic command : org.apache.kafka.common.errors.TimeoutException: The request timed out."),
        "{e}"
    );
    assert!(e.contains("dead broker(s) 3"), "{e}");
    run(&mut lab, "start-broker 3");
    run(&mut lab, "advance 10s");
    assert!(gone_everywhere(&lab, "orders"));
}

#[test]
fn internal_topics_are_refused() {
    let mut lab = lab_with_orders("2.3");
    run(&mut lab, "consumer add --group g --id c1 --topics orders");
    run(&mut lab, "advance 5s");
    assert!(lab.cluster().zk.topics.contains_key("__consumer_offsets"));
    let e = lab
        .execute("kafka-topics.sh --zookeeper localhost:2181 --delete --topic __consumer_offsets")
        .unwrap_err();
    assert_eq!(
        e,
        "Error while executing topic command : Topic __consumer_offsets is a kafka internal topic and is not allowed to be marked for deletion."
    );
    let e = lab
        .execute("kafka-topics.sh --bootstrap-server x:9092 --delete --topic __consumer_offsets")
        .unwrap_err();
    assert!(e.contains("not modelled"), "{e}");
    assert!(lab.cluster().zk.delete_topics.is_empty());
}

#[test]
fn a_missing_topic_gets_kafkas_message_for_each_path() {
    let mut lab = lab_with_orders("2.3");
    let e = lab
        .execute("kafka-topics.sh --zookeeper localhost:2181 --delete --topic nope")
        .unwrap_err();
    assert!(
        e.starts_with("Error while executing topic command : Topics in [] does not exist"),
        "{e}"
    );
    assert_eq!(
        run(
            &mut lab,
            "kafka-topics.sh --zookeeper localhost:2181 --delete --topic nope --if-exists"
        ),
        ""
    );
    run(&mut lab, "client-version 3.x");
    let e = lab
        .execute("kafka-topics.sh --bootstrap-server x:9092 --delete --topic nope")
        .unwrap_err();
    assert!(
        e.starts_with(
            "Error while executing topic command : Topic 'Optional[nope]' does not exist as expected"
        ),
        "{e}"
    );
    let e = lab
        .execute("kafka-topics.sh --bootstrap-server x:9092 --delete")
        .unwrap_err();
    assert_eq!(e, "Missing required argument \"[topic]\"");
}

#[test]
fn clients_of_a_deleted_topic_fail_without_hanging() {
    let mut lab = lab_with_orders("3.x");
    run(&mut lab, "consumer add --group g --id c1 --topics orders");
    run(&mut lab, "advance 5s");
    run(&mut lab, "produce --topic orders --count 2 x");
    run(
        &mut lab,
        "kafka-topics.sh --bootstrap-server x:9092 --delete --topic orders",
    );
    // A new send cannot find the topic in the metadata.
    run(&mut lab, "advance 1s");
    let e = lab.execute("produce --topic orders y").unwrap_err();
    assert!(e.contains("not present in metadata"), "{e}");
    // The consumer goes on polling; the cluster stays sane.
    let out = run(&mut lab, "advance 130s");
    assert!(!out.contains("invariant"), "{out}");
    assert!(gone_everywhere(&lab, "orders"));
    assert!(lab.cluster().ledger_status().iter().all(|s| !s.lost));
}

#[test]
fn a_new_controller_resumes_a_waiting_deletion_from_zookeeper() {
    let mut lab = lab_with_orders("2.3");
    let controller = lab.cluster().controller().expect("a controller");
    let other = (1..=3).find(|&b| b != controller).unwrap();
    run(&mut lab, &format!("kill-broker {other}"));
    run(&mut lab, "advance 10s");
    run(
        &mut lab,
        "kafka-topics.sh --zookeeper localhost:2181 --delete --topic orders",
    );
    run(&mut lab, "advance 2s");
    assert!(lab.cluster().zk.delete_topics.contains("orders"));
    // The controller dies too; its successor reads /admin/delete_topics when it takes over.
    run(&mut lab, &format!("kill-broker {controller}"));
    run(&mut lab, "advance 10s");
    assert_ne!(lab.cluster().controller(), Some(controller));
    run(&mut lab, &format!("start-broker {other}"));
    run(&mut lab, &format!("start-broker {controller}"));
    run(&mut lab, "advance 15s");
    assert!(gone_everywhere(&lab, "orders"));
}
