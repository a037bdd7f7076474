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
    let t0 = u.now;
    for i in 0..10 {
        u = u.reduce(Action::Frame {
            now: i as f64 * 16.5,
            dt: 16.5,
        });
    }
    assert_eq!(u.now - t0, 165);
    u = u.reduce(Action::SetSpeed(10.0));
    u = u.reduce(Action::Frame {
        now: 200.0,
        dt: 10.0,
    });
    assert_eq!(u.now - t0, 265);
    u = u.reduce(Action::TogglePlay);
    let paused = u.now;
    u = u.reduce(Action::Frame {
        now: 300.0,
        dt: 100.0,
    });
    assert_eq!(u.now, paused);
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
        f.message.contains(
            "Number of alive brokers '2' does not meet the required replication factor '3'"
        ),
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

// ---- the time machine, through the reducer

fn play(mut u: Rc<Ui>, ms: u64) -> Rc<Ui> {
    let was = u.playing;
    if !was {
        u = u.reduce(Action::TogglePlay);
    }
    u = u.reduce(Action::SetSpeed(100.0));
    let mut now = u.real_now;
    // 100 virtual ms per real ms: frames of 10 real ms.
    for _ in 0..ms.div_ceil(1000) {
        now += 10.0;
        u = u.reduce(Action::Frame { now, dt: 10.0 });
    }
    u.reduce(Action::TogglePlay)
}

fn kill_at(u: &Ui, broker: u32) -> Option<kafka_lab::sim::Millis> {
    u.events.all().iter().find_map(|l| match &l.event {
        kafka_lab::event::Event::BrokerKilled { broker: b } if *b == broker => Some(l.at),
        _ => None,
    })
}

fn typed(u: &Ui, line: &str) -> bool {
    u.console
        .iter()
        .any(|l| matches!(l, ConsoleLine::Input(s) if s == line))
}

#[test]
fn seeking_back_shows_the_cluster_then_and_playing_replays_the_kill_at_the_same_time() {
    let mut u = ui();
    u = play(u, 2_000);
    u = u.reduce(Action::Exec("kill-broker 2".into()));
    let killed = kill_at(&u, 2).expect("the kill is logged");
    u = play(u, 10_000);
    let live_events = u.events.len();
    let live_view = (*u.view).clone();
    let live_now = u.now;
    assert!(!u.view.brokers[1].alive);
    assert!(u.tm.data.is_live);
    // Back to a second before the kill.
    u = u.reduce(Action::SeekTime(killed - 1000));
    assert!(!u.tm.data.is_live);
    assert_eq!(u.now, killed - 1000);
    assert!(
        u.view.brokers[1].alive,
        "broker 2 is drawn alive before its kill"
    );
    assert!(
        kill_at(&u, 2).is_none(),
        "the event log ends before the kill"
    );
    assert!(
        !typed(&u, "kill-broker 2"),
        "the console ends before the kill"
    );
    assert!(typed(&u, DEFAULT_SETUP));
    assert!(u.flights.is_empty(), "a jump animates nothing");
    // Play forward: the recorded kill happens again, at the same virtual time.
    u = play(u, 12_000);
    assert_eq!(kill_at(&u, 2), Some(killed));
    assert!(typed(&u, "kill-broker 2"));
    assert!(u.tm.data.is_live);
    u = u.reduce(Action::SeekLive);
    assert!(u.events.len() >= live_events);
    // Seek back to the live point's time and compare with the first pass.
    let t = live_now;
    u = u.reduce(Action::SeekTime(t));
    assert_eq!(u.view.brokers, live_view.brokers);
    assert_eq!(u.view.controller, live_view.controller);
}

#[test]
fn step_back_then_forward_moves_one_event_and_stops_the_drivers() {
    let mut u = ui();
    u = u.reduce(Action::Exec("kill-broker 2".into()));
    u = u.reduce(Action::ToggleStream {
        topic: "orders".into(),
        acks: "1".into(),
    });
    u = play(u, 10_000);
    assert!(u.stream.is_some());
    let events = u.events.len();
    let last_at = u.events.all().last().unwrap().at;
    let here = u.tm.data.cursor;
    u = u.reduce(Action::StepBack);
    assert!(
        u.stream.is_none(),
        "a jump stops the stream: its sends are on the tape"
    );
    assert!(!u.playing);
    assert!(u.tm.data.cursor < here);
    // Just before the last logged event (the events logged at the same point go with it).
    assert!(u.events.len() < events);
    assert!(u.events.all().iter().all(|e| e.at <= last_at));
    assert_eq!(u.now, u.tm.data.cursor.at);
    let back = u.processed;
    u = u.reduce(Action::Step);
    assert_eq!(u.processed, back + 1);
    u = u.reduce(Action::SeekStart);
    assert_eq!(u.tm.data.cursor, u.lab().start());
    assert_eq!(
        u.console.len(),
        1,
        "only the welcome before the first command"
    );
    u = u.reduce(Action::SeekLive);
    assert!(u.tm.data.is_live);
    assert_eq!(u.events.len(), events);
}

#[test]
fn a_command_in_the_past_forks_and_the_old_future_can_be_switched_back() {
    let mut u = ui();
    u = play(u, 1_000);
    u = u.reduce(Action::Exec("kill-broker 2".into()));
    u = play(u, 2_000);
    let t = u.now;
    u = u.reduce(Action::SeekTime(500));
    u = u.reduce(Action::Run {
        origin: "diagram/broker".into(),
        lines: vec!["kill-broker 3".into()],
    });
    let k = u.tm.forked.expect("the old future is kept");
    assert!(u.tm.data.is_live);
    assert_eq!(u.tm.data.branches.len(), 2);
    let old = u.tm.data.branches.iter().find(|b| b.id == k).unwrap();
    assert_eq!(old.first_line.as_deref(), Some("kill-broker 2"));
    assert!(u.view.brokers[1].alive && !u.view.brokers[2].alive);
    assert!(
        !typed(&u, "kill-broker 2"),
        "the new branch's console has no old future"
    );
    u = u.reduce(Action::SwitchBranch(k));
    assert!(!u.view.brokers[1].alive && u.view.brokers[2].alive);
    assert_eq!(u.now, t, "back at the old branch's live point");
    assert!(typed(&u, "kill-broker 2"));
    assert!(u.tm.forked.is_none());
}

#[test]
fn undo_drops_the_last_command_and_reset_starts_afresh() {
    let mut u = ui();
    u = u.reduce(Action::Exec("kill-broker 1".into()));
    assert!(!u.view.brokers[0].alive);
    u = u.reduce(Action::Undo);
    assert!(u.view.brokers[0].alive);
    assert_eq!(u.lab().journal().len(), 1, "only the setup is left");
    assert!(!typed(&u, "kill-broker 1"));
    u = u.reduce(Action::SetTab(Tab::Storage));
    u = u.reduce(Action::Exec("kill-broker 3".into()));
    u = u.reduce(Action::Reset);
    assert_eq!(u.tab, Tab::Storage, "the page's settings stay");
    assert!(u.view.brokers.iter().all(|b| b.alive));
    assert_eq!(u.lab().journal().len(), 1);
    assert_eq!(u.lab().journal()[0].line, DEFAULT_SETUP);
}

#[test]
fn a_link_rebuilds_the_run_on_its_tab_and_a_bad_one_gives_a_banner() {
    let mut u = ui();
    u = play(u, 1_500);
    u = u.reduce(Action::Exec("kill-broker 2".into()));
    u = play(u, 8_000);
    u = u.reduce(Action::SetTab(Tab::Replication));
    u = u.reduce(Action::SetLang(Lang::Zh));
    u = u.reduce(Action::MakeLink);
    let link = u.tm.share.clone().unwrap();
    assert!(link.starts_with("#run="), "{link}");
    let v = Ui::from_link(
        &format!("http://x/#{}", &link[1..]),
        true,
        Lang::En,
        false,
        1.0,
        false,
    );
    assert!(v.tm.banner.is_none());
    assert_eq!(v.tab, Tab::Replication);
    assert_eq!(v.lang, Lang::Zh);
    assert_eq!(*v.view, *u.view);
    assert_eq!(v.lab().digest(), u.lab().digest());
    assert!(typed(&v, "kill-broker 2"));
    assert_eq!(
        *v.history,
        vec![DEFAULT_SETUP.to_string(), "kill-broker 2".into()]
    );
    // A link made in the past opens in the past, with the same live point.
    let mut w = Rc::new(v);
    w = w.reduce(Action::SeekTime(1000));
    let past = Ui::from_link(&w.link(), true, Lang::En, false, 1.0, false);
    assert_eq!(past.tm.data.cursor, w.tm.data.cursor);
    assert_eq!(past.tm.data.live, w.tm.data.live);
    for bad in ["#run=AAAA", "#run=", "#nope", &link[..link.len() / 2]] {
        let b = Ui::from_link(bad, true, Lang::En, false, 1.0, true);
        let banner = b.tm.banner.as_ref().expect("a banner");
        assert!(banner.from_link);
        assert!(!banner.error.message(Lang::Zh).is_empty());
        assert_eq!(b.lab().journal().len(), 1, "the lab starts fresh");
    }
}

#[test]
fn a_downloaded_script_played_back_reaches_the_same_state() {
    let mut u = ui();
    u = play(u, 1_200);
    u = u.reduce(Action::Exec("kill-broker 1".into()));
    u = play(u, 7_000);
    u = u.reduce(Action::Exec("start-broker 1".into()));
    u = play(u, 3_000);
    let script = u.export_script();
    let digest = u.lab().digest();
    let mut v = ui();
    v = v.reduce(Action::PlayScript { text: script });
    // `advance --to` lines run at once; nothing is left to wait for.
    assert!(
        v.preset.as_ref().is_some_and(|p| p.done()),
        "{:?}",
        v.preset
    );
    assert_eq!(v.lab().digest(), digest);
    assert!(typed(&v, "kill-broker 1"));
}

#[test]
fn a_preset_advance_line_shows_in_the_console_until_the_cursor_goes_before_it() {
    let mut u = ui();
    u = u.reduce(Action::PlayScript {
        text: "# a comment\nkill-broker 2\nadvance 2s\nstart-broker 2\n".into(),
    });
    assert!(typed(&u, "advance 2s"));
    u = play(u, 3_000);
    assert!(typed(&u, "start-broker 2"));
    u = u.reduce(Action::SeekStart);
    assert!(!typed(&u, "advance 2s"));
    u = u.reduce(Action::SeekLive);
    assert!(typed(&u, "advance 2s"));
    assert!(quiet(
        "produce --topic orders --acks all --async --client-id stream s-1"
    ));
    assert!(!quiet("produce --topic orders --client-id picker x"));
}

#[test]
fn the_console_extended_frame_by_frame_equals_the_console_built_afresh() {
    let mut u = ui();
    u = u.reduce(Action::ToggleStream {
        topic: "orders".into(),
        acks: "all".into(),
    });
    u = u.reduce(Action::SetSpeed(100.0));
    let mut now = u.real_now;
    for i in 0..60 {
        now += 16.0;
        u = u.reduce(Action::Frame { now, dt: 16.0 });
        if i % 15 == 7 {
            u = u.reduce(Action::Exec(format!(
                "kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic orders # {i}"
            )));
        }
        let fresh = Rc::get_mut(&mut u).unwrap().console_from_scratch();
        assert_eq!(*u.console, fresh, "frame {i}");
    }
    // The stream journaled commands (not shown), and the typed ones are there.
    assert!(
        u.lab().transcript().len() > 20,
        "{}",
        u.lab().transcript().len()
    );
    assert!(typed(
        &u,
        "kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic orders # 52"
    ));
    // Back in time and forward again: rebuilt, still equal.
    for a in [Action::StepBack, Action::SeekLive] {
        u = u.reduce(a);
        let fresh = Rc::get_mut(&mut u).unwrap().console_from_scratch();
        assert_eq!(*u.console, fresh);
    }
}

// ---- frames (issue 15): the tables wait, the diagram does not

#[test]
fn above_real_time_a_tab_s_tables_are_rebuilt_at_most_every_250_ms_and_at_once_after_an_action() {
    let mut u = ui();
    u = u.reduce(Action::SetTab(Tab::Replication));
    u = u.reduce(Action::ToggleStream {
        topic: "orders".into(),
        acks: "all".into(),
    });
    u = u.reduce(Action::SetSpeed(100.0));
    let mut now = u.real_now;
    let (mut tables, mut ledgers, mut views) = (0, 0, 0);
    let frames = 60;
    for _ in 0..frames {
        let (rep, ledger, clock) = (u.replication.clone(), u.replication.ledger.clone(), u.now);
        // Whether this frame gives the simulation less of its budget: exactly when it rebuilds.
        let due = {
            let mut probe = u.clone_shell();
            probe.real_now = now + 16.0;
            probe.tables_due()
        };
        now += 16.0;
        u = u.reduce(Action::Frame { now, dt: 16.0 });
        let rebuilt = u.replication != rep;
        tables += usize::from(rebuilt);
        ledgers += usize::from(u.replication.ledger != ledger);
        views += usize::from(u.now != clock);
        // (Until the first send the empty ledger is read on every frame: it costs nothing.)
        if rebuilt && !ledger.is_empty() {
            assert!(due, "tables rebuilt on a frame not announced as due");
        }
    }
    // 60 frames of 16 ms: 960 ms, so at most 4 (+1) table rebuilds and 1 (+1) ledger reads,
    // while the clock moves on almost every frame.
    assert!(
        tables <= 5,
        "tables rebuilt {tables} times in {frames} frames"
    );
    assert!(
        ledgers <= 2,
        "ledger read {ledgers} times in {frames} frames"
    );
    assert!(
        views >= frames - 5,
        "the clock moved on {views} of {frames} frames"
    );
    // A reader's action reads everything at once: the ledger holds every send of the stream.
    u = u.reduce(Action::TogglePlay);
    let sends = u.lab().cluster().ledger_status().len();
    assert_eq!(u.replication.ledger.len(), sends);
    assert!(sends > 10, "{sends}");
}

#[test]
fn a_steady_run_keeps_its_view_while_the_clock_moves() {
    // frames2: the view (diagram, replication tab) is replaced only when what it draws
    // changed; the toolbar's clock and counter move every frame.
    let mut u = play(ui(), 5_000);
    u = u.reduce(Action::TogglePlay);
    let mut now = u.real_now;
    let (mut replaced, mut ticks) = (0, 0);
    for _ in 0..60 {
        let (view, t) = (u.view.clone(), u.now);
        now += 16.0;
        u = u.reduce(Action::Frame { now, dt: 16.0 });
        replaced += usize::from(view != u.view);
        ticks += usize::from(u.now > t);
    }
    assert_eq!(ticks, 60, "the clock moves every frame");
    assert!(
        replaced <= 6,
        "the view was replaced in {replaced} of 60 frames"
    );
    // A kill changes the view at once, and the dead broker's countdown follows the clock.
    u = u.reduce(Action::Exec("kill-broker 2".into()));
    assert!(!u.view.brokers[1].alive);
    let view = u.view.clone();
    u = u.reduce(Action::Frame {
        now: now + 16.0,
        dt: 16.0,
    });
    assert!(view != u.view && u.view.now == u.now);
}

#[test]
fn the_simulation_gets_what_the_page_s_work_leaves_of_a_frame_within_its_floor_and_cap() {
    // A light page: the cap; a heavy one: less; a page past the target: the floor, never 0.
    assert_eq!(sim_budget_ms(0.5, false), FRAME_SIM_BUDGET_MS);
    let mid = sim_budget_ms(FRAME_WORK_TARGET_MS - 1.0, false);
    assert!((mid - 1.0).abs() < 1e-9, "{mid}");
    assert_eq!(sim_budget_ms(40.0, false), FRAME_SIM_FLOOR_MS);
    const { assert!(FRAME_SIM_FLOOR_MS > 0.0 && FRAME_SIM_BUDGET_MS <= 2.0) };
    // Slower than real time (under ×1): the budget that kept ×1 before, whatever the page.
    assert_eq!(sim_budget_ms(40.0, true), FRAME_SIM_REAL_TIME_MS);
    assert_eq!(sim_budget_ms(0.5, true), FRAME_SIM_REAL_TIME_MS);
    const { assert!(FRAME_SIM_REAL_TIME_MS > FRAME_SIM_BUDGET_MS) };
    // `?simbudget=MS` fixes it whatever the page's work.
    set_sim_budget_ms(3.0);
    assert_eq!(sim_budget_ms(40.0, false), 3.0);
    assert_eq!(sim_budget_ms(0.0, true), 3.0);
}
