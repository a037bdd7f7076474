//! The tour's stops, in the notes' order: one plain-data entry each, with the small helpers
//! their checks, preparations and "do it for me" actions share.

use super::{Ctx, Stop, STOPS};
use kafka_lab::event::{ElectionReason, Event};
use kafka_lab::model::TopicPartition;

use crate::state::{Action, SegmentSel, Tab, Ui, DEFAULT_SETUP};
use kafka_lab::i18n::T;

fn exec(line: impl Into<String>) -> Action {
    Action::Exec(line.into())
}

fn nothing(_: &Ui) -> Vec<Action> {
    Vec::new()
}

fn has_topic(ui: &Ui, topic: &str) -> bool {
    kafka_lab::view::partition_count(ui.lab().cluster(), topic).is_some()
}

fn any_dead(ui: &Ui) -> bool {
    ui.view.brokers.iter().any(|b| !b.alive)
}

/// Topic `orders` as the page opens with it (a preset may have replaced the cluster); its
/// three replicas need every broker up.
fn need_orders(ui: &Ui) -> Vec<Action> {
    if has_topic(ui, "orders") {
        Vec::new()
    } else {
        need_all_up(ui)
    }
}

/// Every broker up (internal topics such as `__consumer_offsets` want three replicas) and
/// topic `orders`.
fn need_all_up(ui: &Ui) -> Vec<Action> {
    let mut a = Vec::new();
    if any_dead(ui) {
        a.push(exec("start-broker --all"));
        a.push(exec("advance 1s"));
    }
    if !has_topic(ui, "orders") {
        a.push(exec(DEFAULT_SETUP));
    }
    a
}

fn leader_leo(ui: &Ui, tp: &TopicPartition) -> u64 {
    kafka_lab::view::leader_log_end(ui.lab().cluster(), tp).unwrap_or(0)
}

fn orders0() -> TopicPartition {
    TopicPartition::new("orders".to_string(), 0)
}

fn preset_auto(id: &'static str) -> Vec<Action> {
    vec![Action::PlayPreset(id)]
}

/// The first live consumer (a client whose state is not Closed), if any.
fn live_consumer(ui: &Ui) -> Option<String> {
    let lab = ui.lab();
    let (_, consumers) = kafka_lab::view::groups(lab.cluster());
    consumers
        .into_iter()
        .find(|c| c.state != "Closed" && !c.group.is_empty())
        .map(|c| c.name)
}

/// The tour's stops, in the notes' order.
pub static STOPS_DATA: [Stop; STOPS] = [
    // 0 What is Kafka
    Stop {
        title: T::TourS0Title,
        body: T::TourS0Body,
        task: T::TourS0Task,
        done: T::TourS0Done,
        tab: Tab::Cluster,
        target: &["[data-testid=speed]"],
        preset: None,
        clock: false,
        check: |c| c.ui.speed >= 9.99,
        prepare: nothing,
        auto: |_| vec![Action::SetSpeed(10.0)],
    },
    // 1 Cluster architecture
    Stop {
        title: T::TourS1Title,
        body: T::TourS1Body,
        task: T::TourS1Task,
        done: T::TourS1Done,
        tab: Tab::Cluster,
        target: &[
            "[data-broker]:has([data-tp=\"orders-0\"][data-look=\"leader\"])",
            "[data-testid=diagram]",
        ],
        preset: None,
        clock: true,
        check: |c| {
            c.any(|e| {
                matches!(e, Event::LeaderElected { tp, reason, .. }
                    if tp.topic == "orders" && tp.partition == 0 && *reason != ElectionReason::NewPartition)
            })
        },
        prepare: need_orders,
        auto: |_| vec![exec("kill-broker --leader-of orders-0")],
    },
    // 2 The producer's six steps
    Stop {
        title: T::TourS2Title,
        body: T::TourS2Body,
        task: T::TourS2Task,
        done: T::TourS2Done,
        tab: Tab::Replication,
        target: &["[data-testid=trace-next]", "[data-testid=trace]"],
        preset: None,
        clock: false,
        check: |c| {
            c.ui.trace
                .as_ref()
                .is_some_and(|t| Some(t.send) != c.mark.trace && t.stage == Some(6))
        },
        prepare: need_orders,
        auto: |_| {
            let mut a = vec![Action::Trace {
                topic: "orders".into(),
                acks: "all".into(),
            }];
            a.extend(std::iter::repeat_n(Action::TraceNext, 6));
            a
        },
    },
    // 3 Choosing a partition
    Stop {
        title: T::TourS3Title,
        body: T::TourS3Body,
        task: T::TourS3Task,
        done: T::TourS3Done,
        tab: Tab::Producer,
        target: &["[data-testid=pick]"],
        preset: None,
        clock: false,
        check: |c| c.sends(|s| s.key.as_deref() == Some("user-1")) > 0,
        prepare: need_orders,
        auto: |_| {
            vec![Action::SendPick {
                topic: "orders".into(),
                key: Some("user-1".into()),
                partition: None,
                value: "hello".into(),
            }]
        },
    },
    // 4 acks and the ISR
    Stop {
        title: T::TourS4Title,
        body: T::TourS4Body,
        task: T::TourS4Task,
        done: T::TourS4Done,
        tab: Tab::Replication,
        target: &[
            "[data-testid^=broker-restart-]",
            "table:has(tr[data-fault-broker])",
        ],
        preset: None,
        clock: true,
        check: |c| c.any(|e| matches!(e, Event::IsrExpanded { .. })),
        prepare: nothing,
        auto: |ui| {
            if any_dead(ui) {
                vec![exec("start-broker --all")]
            } else {
                vec![
                    exec("kill-broker --follower-of orders-0"),
                    exec("advance 7s"),
                    exec("start-broker --all"),
                ]
            }
        },
    },
    // 5 How a partition is stored
    Stop {
        title: T::TourS5Title,
        body: T::TourS5Body,
        task: T::TourS5Task,
        done: T::TourS5Done,
        tab: Tab::Storage,
        target: &["[data-testid=disks] [data-segment]", "[data-testid=disks]"],
        preset: None,
        clock: false,
        check: |c| c.ui.segment.is_some() && c.ui.segment != c.mark.segment,
        prepare: need_orders,
        auto: |ui| {
            let lab = ui.lab();
            let tp = orders0();
            let sel = kafka_lab::view::first_segment(lab.cluster(), &tp)
                .map(|(broker, base)| SegmentSel { broker, tp, base });
            sel.map(Action::SelectSegment).into_iter().collect()
        },
    },
    // 6 Why Kafka is fast
    Stop {
        title: T::TourS6Title,
        body: T::TourS6Body,
        task: T::TourS6Task,
        done: T::TourS6Done,
        tab: Tab::Storage,
        target: &["[data-testid=console-input]"],
        preset: None,
        clock: false,
        check: |c| c.sends(|s| s.tp.topic == "orders" && s.tp.partition == 0) >= 100,
        prepare: need_orders,
        auto: |_| vec![exec("produce --topic orders --partition 0 --count 200 rec")],
    },
    // 7 Consumer groups
    Stop {
        title: T::TourS7Title,
        body: T::TourS7Body,
        task: T::TourS7Task,
        done: T::TourS7Done,
        tab: Tab::Consumers,
        target: &["[data-testid=add-consumer]"],
        preset: None,
        clock: true,
        check: |c| rebalanced_with(c, 3),
        prepare: need_all_up,
        auto: |_| {
            (1..=3)
                .map(|i| {
                    exec(format!(
                        "consumer add --group tour --id tour-{i} --topics orders"
                    ))
                })
                .collect()
        },
    },
    // 8 A log-collection pipeline
    Stop {
        title: T::TourS8Title,
        body: T::TourS8Body,
        task: T::TourS8Task,
        done: T::TourS8Done,
        tab: Tab::Consumers,
        target: &["[data-preset=\"log-collection-pipeline\"]"],
        preset: Some("log-collection-pipeline"),
        clock: true,
        check: |c| c.preset_done("log-collection-pipeline"),
        prepare: nothing,
        auto: |_| preset_auto("log-collection-pipeline"),
    },
    // 9 Where offsets live
    Stop {
        title: T::TourS9Title,
        body: T::TourS9Body,
        task: T::TourS9Task,
        done: T::TourS9Done,
        tab: Tab::Consumers,
        target: &["[data-testid=offsets-storage]"],
        preset: None,
        clock: true,
        check: |c| c.any(|e| matches!(e, Event::ZkOffsetsWritten { .. })),
        prepare: need_all_up,
        auto: |_| {
            vec![
                exec("consumer add --group zk-era --id zk-1 --topics orders --consumer-property offsets.storage=zookeeper"),
                exec("advance 4s"),
                exec("consumer poll zk-1"),
                exec("consumer commit zk-1"),
            ]
        },
    },
    // 10 Segments and the index
    Stop {
        title: T::TourS10Title,
        body: T::TourS10Body,
        task: T::TourS10Task,
        done: T::TourS10Done,
        tab: Tab::Storage,
        target: &["[data-testid=lookup-form]"],
        preset: None,
        clock: false,
        check: |c| {
            c.ui.lookup
                .as_ref()
                .is_some_and(|l| l.trace.target == 25 && c.mark.lookup.as_ref() != Some(l))
        },
        prepare: |ui| {
            let mut a = need_orders(ui);
            // A fresh `orders` (or a short orders-0) gets records to look up.
            if !a.is_empty() || leader_leo(ui, &orders0()) < 30 {
                a.push(exec("produce --topic orders --partition 0 --count 60 rec"));
            }
            a
        },
        auto: |_| {
            vec![Action::Lookup {
                tp: orders0(),
                broker: None,
                offset: 25,
            }]
        },
    },
    // 11 HW and LEO
    Stop {
        title: T::TourS11Title,
        body: T::TourS11Body,
        task: T::TourS11Task,
        done: T::TourS11Done,
        tab: Tab::Replication,
        target: &["[data-preset=\"pre-0.11-truncation-loses-acked\"]"],
        preset: Some("pre-0.11-truncation-loses-acked"),
        clock: true,
        check: |c| {
            c.preset_done("pre-0.11-truncation-loses-acked")
                && c.any(|e| matches!(e, Event::Truncated { .. }))
        },
        prepare: nothing,
        auto: |_| preset_auto("pre-0.11-truncation-loses-acked"),
    },
    // 12 Exactly once
    Stop {
        title: T::TourS12Title,
        body: T::TourS12Body,
        task: T::TourS12Task,
        done: T::TourS12Done,
        tab: Tab::Producer,
        target: &["[data-testid=idempotence] [data-preset=\"idempotence-removes-the-duplicate\"]"],
        preset: Some("idempotence-removes-the-duplicate"),
        clock: true,
        check: |c| {
            c.preset_done("idempotence-removes-the-duplicate")
                && c.any(|e| matches!(e, Event::DuplicateBatch { .. }))
        },
        prepare: nothing,
        auto: |_| preset_auto("idempotence-removes-the-duplicate"),
    },
    // 13 Consumers and assignment
    Stop {
        title: T::TourS13Title,
        body: T::TourS13Body,
        task: T::TourS13Task,
        done: T::TourS13Done,
        tab: Tab::Consumers,
        target: &["[data-testid=assignor]"],
        preset: None,
        clock: true,
        check: |c| rebalanced_with(c, 2),
        prepare: need_all_up,
        auto: |_| {
            (1..=2)
                .map(|i| {
                    exec(format!(
                        "consumer add --group rr --id rr-{i} --topics orders --assignor roundrobin"
                    ))
                })
                .collect()
        },
    },
    // 14 Maintaining offsets
    Stop {
        title: T::TourS14Title,
        body: T::TourS14Body,
        task: T::TourS14Task,
        done: T::TourS14Done,
        tab: Tab::Consumers,
        target: &[
            "[data-consumer]:not(.dead) td.actions",
            "[data-testid=add-consumer]",
        ],
        preset: None,
        clock: true,
        check: |c| c.any(|e| matches!(e, Event::GroupOffsetsCommitted { .. })),
        prepare: |ui| {
            let mut a = need_all_up(ui);
            if live_consumer(ui).is_none() {
                a.push(exec(
                    "consumer add --group tour --id tour-c --topics orders",
                ));
            }
            a
        },
        auto: |ui| {
            let id = live_consumer(ui).unwrap_or_else(|| "tour-c".into());
            vec![
                exec(format!("consumer poll {id}")),
                exec(format!("consumer commit {id}")),
            ]
        },
    },
    // 15 The command line
    Stop {
        title: T::TourS15Title,
        body: T::TourS15Body,
        task: T::TourS15Task,
        done: T::TourS15Done,
        tab: Tab::Cluster,
        target: &["[data-testid=console-input]"],
        preset: None,
        clock: true,
        check: |c| {
            c.any(
                |e| matches!(e, Event::TopicCreated { topic, .. } if topic.starts_with("bigdata")),
            )
        },
        prepare: |ui| {
            if any_dead(ui) {
                vec![exec("start-broker --all")]
            } else {
                Vec::new()
            }
        },
        auto: |ui| {
            // Done before (a second visit): a second topic shows the same.
            let name = if has_topic(ui, "bigdata") {
                "bigdata2"
            } else {
                "bigdata"
            };
            // The notes' line as written first (typos and all: Kafka's error and the lab's
            // hint), then as Kafka takes it.
            vec![
                exec(format!("$bin/kafka-topics.sh --create --topic {name} --zookeeper host:port --patitions 2 --replication-facter 2")),
                exec(format!("$bin/kafka-topics.sh --create --topic {name} --zookeeper host:port --partitions 2 --replication-factor 2")),
            ]
        },
    },
    // 16 Efficient reads and writes
    Stop {
        title: T::TourS16Title,
        body: T::TourS16Body,
        task: T::TourS16Task,
        done: T::TourS16Done,
        tab: Tab::Storage,
        target: &["[data-testid=console-input]"],
        preset: None,
        clock: false,
        check: |c| {
            c.any(|e| matches!(e, Event::ConsumerFetchAnswered { client, .. } if client == "console-consumer"))
        },
        prepare: |ui| {
            let mut a = Vec::new();
            if !has_topic(ui, "bigdata") {
                a.push(exec("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic bigdata --partitions 2 --replication-factor 2"));
                a.push(exec("produce --topic bigdata --count 6 event"));
            }
            a
        },
        auto: |_| {
            vec![exec(
                "kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic bigdata --from-beginning",
            )]
        },
    },
    // 17 What ZooKeeper does
    Stop {
        title: T::TourS17Title,
        body: T::TourS17Body,
        task: T::TourS17Task,
        done: T::TourS17Done,
        tab: Tab::Cluster,
        target: &[
            "[data-broker][data-alive=\"false\"]",
            "[data-broker][data-controller=\"true\"]",
        ],
        preset: None,
        clock: true,
        check: |c| {
            let elected = c
                .events
                .iter()
                .position(|l| matches!(l.event, Event::ControllerElected { .. }));
            elected.is_some_and(|i| {
                c.events[i..]
                    .iter()
                    .any(|l| matches!(l.event, Event::BrokerRegistered { .. }))
            })
        },
        prepare: |ui| {
            if any_dead(ui) {
                vec![exec("start-broker --all"), exec("advance 1s")]
            } else {
                Vec::new()
            }
        },
        auto: |ui| {
            let ctl = ui.view.brokers.iter().find(|b| b.is_controller && b.alive);
            match ctl {
                Some(b) => vec![
                    exec(format!("kill-broker {}", b.id)),
                    exec("advance 7s"),
                    exec(format!("start-broker {}", b.id)),
                ],
                None => vec![exec("start-broker --all")],
            }
        },
    },
    // 18 Transactions
    Stop {
        title: T::TourS18Title,
        body: T::TourS18Body,
        task: T::TourS18Task,
        done: T::TourS18Done,
        tab: Tab::Replication,
        target: &["[data-preset=\"transactions-read-committed\"]"],
        preset: Some("transactions-read-committed"),
        clock: true,
        check: |c| {
            c.preset_done("transactions-read-committed")
                && c.any(|e| matches!(e, Event::TxnMarkerWritten { .. }))
        },
        prepare: nothing,
        auto: |_| preset_auto("transactions-read-committed"),
    },
    // 19 The producer API
    Stop {
        title: T::TourS19Title,
        body: T::TourS19Body,
        task: T::TourS19Task,
        done: T::TourS19Done,
        tab: Tab::Producer,
        target: &["[data-testid=batching]"],
        preset: None,
        clock: true,
        check: |c| c.ui.load_results.len() > c.mark.loads,
        prepare: need_orders,
        auto: |_| {
            vec![Action::RunLoad {
                batch_size: 16384,
                linger_ms: 5,
                compression: kafka_lab::storage::batch::Codec::None,
            }]
        },
    },
    // 20 docker-compose
    Stop {
        title: T::TourS20Title,
        body: T::TourS20Body,
        task: T::TourS20Task,
        done: T::TourS20Done,
        tab: Tab::Cluster,
        target: &[
            "[data-testid=zk-server][data-role=\"leader\"]",
            "[data-testid=zk-server]",
        ],
        preset: Some("zk-multiple-kafka-multiple"),
        clock: true,
        check: |c| c.any(|e| matches!(e, Event::ZkQuorumLost { .. })),
        prepare: |ui| {
            // The compose file's topology: three ZooKeeper servers, every one up.
            if ui.view.ensemble.servers.len() == 3 && ui.view.ensemble.leader.is_some() {
                Vec::new()
            } else {
                vec![
                    exec("brokers 3 --zookeepers 3"),
                    exec("advance 1s"),
                    exec(DEFAULT_SETUP),
                ]
            }
        },
        auto: |ui| {
            ui.view
                .ensemble
                .servers
                .iter()
                .filter(|s| s.1)
                .take(2)
                .map(|s| exec(format!("kill-zk {}", s.0)))
                .collect()
        },
    },
];

/// A group finished a rebalance with at least `members` members since the mark.
fn rebalanced_with(c: &Ctx, members: usize) -> bool {
    c.any(|e| match e {
        Event::GroupRebalanceCompleted { assignment, .. }
        | Event::Kip848TargetAssignment { assignment, .. } => assignment.len() >= members,
        _ => false,
    })
}
