//! The reducer, driven natively.

use std::rc::Rc;

use kafka_lab::i18n::{Lang, T};
use yew::Reducible;

use super::*;

fn ui() -> Rc<Ui> {
    Rc::new(Ui::opening(Lang::En, 1.0, true))
}

#[test]
fn frames_advance_virtual_time_by_speed_and_carry_fractions() {
    let mut u = ui();
    let t0 = u.view.now;
    for i in 0..10 {
        u = u.reduce(Action::Frame {
            now: i as f64 * 16.5,
            dt: 16.5,
        });
    }
    assert_eq!(u.view.now - t0, 165);
    u = u.reduce(Action::SetSpeed(10.0));
    u = u.reduce(Action::Frame {
        now: 200.0,
        dt: 10.0,
    });
    assert_eq!(u.view.now - t0, 265);
    u = u.reduce(Action::TogglePlay);
    let paused = u.view.now;
    u = u.reduce(Action::Frame {
        now: 300.0,
        dt: 100.0,
    });
    assert_eq!(u.view.now, paused);
}

#[test]
fn clicks_and_typing_share_the_interpreter() {
    let mut u = ui();
    u = u.reduce(Action::Exec("kill-broker 2".into()));
    assert!(!u.view.brokers[1].alive);
    assert_eq!(u.console[0], ConsoleLine::Welcome);
    assert_eq!(u.console[1], ConsoleLine::Input(DEFAULT_SETUP.into()));
    assert_eq!(
        u.console[2],
        ConsoleLine::Output("Created topic orders.".into())
    );
    assert_eq!(u.console[3], ConsoleLine::Input("kill-broker 2".into()));
    u = u.reduce(Action::Exec("kill-broker 2".into()));
    assert!(
        matches!(&u.console[u.console.len() - 1], ConsoleLine::Error(e) if e.contains("already dead"))
    );
    assert_eq!(
        *u.history,
        vec![DEFAULT_SETUP.to_string(), "kill-broker 2".to_string()]
    );
}

#[test]
fn deliveries_become_flights_and_land() {
    let mut u = ui();
    assert!(u.flights.is_empty(), "start-up messages are not animated");
    // Two seconds of virtual time bring ZooKeeper pings.
    u = u.reduce(Action::SetSpeed(100.0));
    u = u.reduce(Action::Frame {
        now: 1000.0,
        dt: 30.0,
    });
    assert!(!u.flights.is_empty());
    assert!(u.flights.len() <= MAX_FLIGHTS);
    u = u.reduce(Action::TogglePlay);
    u = u.reduce(Action::Frame {
        now: 1000.0 + FLIGHT_MS + 1.0,
        dt: 16.0,
    });
    assert!(u.flights.is_empty());
}

#[test]
fn a_reset_cluster_animates_its_messages_again() {
    let mut u = ui();
    u = u.reduce(Action::SetSpeed(100.0));
    u = u.reduce(Action::Frame {
        now: 100.0,
        dt: 100.0,
    });
    u = u.reduce(Action::Exec("brokers 5".into()));
    assert_eq!(u.view.brokers.len(), 5);
    // The fresh cluster's start-up messages fly.
    assert!(u
        .flights
        .iter()
        .any(|f| f.delivery.kind == "create /controller"));
}

#[test]
fn a_failing_button_keeps_its_error_under_its_origin_until_it_succeeds() {
    let mut u = ui();
    u = u.reduce(Action::Exec("kill-broker 3".into()));
    u = u.reduce(Action::Exec("advance 10s".into()));
    let add = |u: Rc<Ui>| {
        u.reduce(Action::Run {
            origin: "consumers/add".into(),
            lines: vec!["consumer add --group g --id c1 --topics orders".into()],
        })
    };
    u = add(u);
    let f = &u.failures["consumers/add"];
    assert!(
        f.message
            .contains("Replication factor: 3 larger than available brokers: 2"),
        "{}",
        f.message
    );
    assert_eq!(f.hint, Some(T::HintNotEnoughBrokers));
    // The console shows it too, once.
    let errors = u
        .console
        .iter()
        .filter(|l| matches!(l, ConsoleLine::Error(_)))
        .count();
    assert_eq!(errors, 1);
    u = u.reduce(Action::Exec("start-broker 3".into()));
    u = u.reduce(Action::Exec("advance 10s".into()));
    u = add(u);
    assert!(u.failures.is_empty(), "{:?}", u.failures);
}

#[test]
fn follow_one_record_sends_with_the_chosen_acks_and_is_shown_inside() {
    let mut u = ui();
    u = u.reduce(Action::Trace {
        topic: "orders".into(),
        acks: "1".into(),
    });
    assert!(u.console.iter().any(|l| matches!(l,
        ConsoleLine::Input(s) if s.contains("--acks 1 --async --client-id tracer-1"))));
    assert_eq!(u.inside.as_deref(), Some("tracer-1"));
    u = u.reduce(Action::SendPick {
        topic: "orders".into(),
        key: None,
        partition: Some(0),
        value: String::new(),
    });
    assert_eq!(u.inside.as_deref(), Some("picker"));
    assert_eq!(u.picks[0].value, "");
    assert!(
        u.picks[0].result.starts_with("orders-0@"),
        "{}",
        u.picks[0].result
    );
}

#[test]
fn speed_slider_is_logarithmic() {
    assert_eq!(slider_to_speed(0.0), 1.0);
    assert_eq!(slider_to_speed(1.0), 10.0);
    assert_eq!(slider_to_speed(-1.0), 0.1);
    assert_eq!(slider_to_speed(2.5), 100.0);
    assert!((speed_to_slider(10.0) - 1.0).abs() < 1e-12);
}
