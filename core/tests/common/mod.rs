//! What the KRaft property tests (`kraft_props.rs`, `kraft_snapshot_props.rs`) share: the
//! fault schedule (`Op`) and its strategy, running a schedule on a fresh lab, and settling
//! afterwards (heal, restart every node, advance until converged).

use kafka_lab::cli::Lab;
use proptest::prelude::*;
use proptest::strategy::Union;

/// One step of a fault schedule.
#[derive(Clone, Debug)]
pub enum Op {
    KillBroker(u32),
    StartBroker(u32),
    KillController(u32),
    StartController(u32),
    Isolate(u32),
    Heal,
    Produce(u8),
    /// Create topic `x{n}` (only in schedules that ask for it).
    Topic(u8),
    Advance(u64),
}

/// How a test's schedules are drawn.
pub struct Mix {
    /// Weight of a produce, and its record counts (`1..produce_below`).
    pub produce: (u32, u8),
    /// Weight of creating a topic (0: never).
    pub topic: u32,
    /// Advances of `1..advance_below` ms.
    pub advance_below: u64,
}

/// The steps, weighted as `mix` says (kills and restarts of the three brokers and three
/// controllers, isolation, heal, produce, topics, advance).
pub fn op(mix: &Mix) -> impl Strategy<Value = Op> {
    let (produce_weight, produce_below) = mix.produce;
    let mut arms: Vec<(u32, BoxedStrategy<Op>)> = vec![
        (3, (1..=3u32).prop_map(Op::KillBroker).boxed()),
        (3, (1..=3u32).prop_map(Op::StartBroker).boxed()),
        (
            2,
            (0..3u32).prop_map(|c| Op::KillController(3000 + c)).boxed(),
        ),
        (
            2,
            (0..3u32)
                .prop_map(|c| Op::StartController(3000 + c))
                .boxed(),
        ),
        (1, (1..=3u32).prop_map(Op::Isolate).boxed()),
        (1, Just(Op::Heal).boxed()),
        (
            produce_weight,
            (1..produce_below).prop_map(Op::Produce).boxed(),
        ),
    ];
    if mix.topic > 0 {
        arms.push((mix.topic, (0..3u8).prop_map(Op::Topic).boxed()));
    }
    arms.push((4, (1..mix.advance_below).prop_map(Op::Advance).boxed()));
    Union::new_weighted(arms)
}

/// The cluster a schedule runs on.
pub struct Setup {
    /// The `brokers …` line.
    pub brokers: &'static str,
    /// Options of topic `t` (2 partitions, RF 3) after `--replication-factor 3`.
    pub topic_configs: &'static str,
    /// The producer's `--acks`.
    pub acks: &'static str,
}

/// A fresh lab of `setup` with seed `seed`, topic `t` created, then `ops` run in order.
pub fn run(setup: &Setup, seed: u64, ops: &[Op]) -> Lab {
    let mut lab = Lab::new(3, seed);
    lab.execute(setup.brokers).unwrap();
    lab.execute(&format!(
        "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 2 \
         --replication-factor 3{}",
        setup.topic_configs
    ))
    .unwrap();
    for op in ops {
        // Commands may fail (a dead node killed again, a produce timing out): that is fine.
        let _ = match op {
            Op::KillBroker(b) => lab.execute(&format!("kill-broker {b}")),
            Op::StartBroker(b) => lab.execute(&format!("start-broker {b}")),
            Op::KillController(c) => lab.execute(&format!("kill-controller {c}")),
            Op::StartController(c) => lab.execute(&format!("start-controller {c}")),
            Op::Isolate(b) => lab.execute(&format!("isolate {b}")),
            Op::Heal => lab.execute("heal"),
            Op::Produce(n) => lab.execute(&format!(
                "produce --topic t --acks {} --count {n} --key k{n} v",
                setup.acks
            )),
            Op::Topic(n) => lab.execute(&format!(
                "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic x{n} \
                 --partitions 1 --replication-factor 2"
            )),
            Op::Advance(ms) => lab.execute(&format!("advance {ms}")),
        };
    }
    lab
}

/// After a schedule: heal, start every node, advance `first`, then up to 45 s more, a
/// second at a time, until `done` (a follower whose fetch the isolation dropped retries
/// only after `replica.socket.timeout.ms`, 30 s).
pub fn settle(lab: &mut Lab, first: &str, done: impl Fn(&Lab) -> bool) {
    let _ = lab.execute("heal");
    for b in 1..=3 {
        let _ = lab.execute(&format!("start-broker {b}"));
    }
    for c in 3000..3003 {
        let _ = lab.execute(&format!("start-controller {c}"));
    }
    lab.execute(&format!("advance {first}")).unwrap();
    for _ in 0..45 {
        if done(lab) {
            break;
        }
        lab.execute("advance 1s").unwrap();
    }
}
