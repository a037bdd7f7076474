//! The web app in a real browser (headless Chromium through wasm-bindgen-test-runner):
//! mount it, click it, read the DOM.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use kafka_lab::i18n::Lang;
use kafka_lab::sim::rng::{SimRng, KNOWN_FIRST_U64_OF_SEED_42};
use kafka_lab_web::app::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlInputElement, KeyboardEvent, KeyboardEventInit, MouseEvent, MouseEventInit,
};
use yew::platform::time::sleep;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    gloo::utils::document()
}

/// Mounts a fresh app (speed ×100: 7 s of virtual time pass in 70 ms) into a new div.
async fn mount(lang: Lang) -> Element {
    // These tests check what happens, not how fast: a debug build on a loaded machine would
    // otherwise run far slower than ×100 inside the page's 6 ms-a-frame budget.
    kafka_lab_web::state::set_sim_budget_ms(200.0);
    let div = document().create_element("div").unwrap();
    gloo::utils::body().append_child(&div).unwrap();
    yew::Renderer::<App>::with_root_and_props(
        div.clone(),
        AppProps {
            speed: 100.0,
            autoplay: true,
            lang,
            force_lang: true,
            link: None,
            saved: None,
            kraft: None,
        },
    )
    .render();
    sleep(Duration::from_millis(60)).await;
    div
}

fn click(el: &Element) {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    let ev = MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

/// The broker whose chip for `tp` is drawn as leader.
fn drawn_leader(root: &Element, tp: &str) -> Option<String> {
    let chip = root
        .query_selector(&format!("[data-tp=\"{tp}\"][data-look=\"leader\"]"))
        .unwrap()?;
    chip.closest("[data-broker]")
        .unwrap()?
        .get_attribute("data-broker")
}

#[wasm_bindgen_test]
fn a_seed_draws_the_same_numbers_in_the_browser_as_natively() {
    assert_eq!(SimRng::new(42).next_u64(), KNOWN_FIRST_U64_OF_SEED_42);
}

#[wasm_bindgen_test]
fn scenarios_print_the_same_transcript_in_the_browser_as_natively() {
    let cases = [
        (
            include_str!("../../tests/scenarios/01-describe-before-and-after-a-kill.klab"),
            include_str!("../../tests/scenarios/01-describe-before-and-after-a-kill.out"),
        ),
        (
            include_str!("../../tests/scenarios/02-controller-failover.klab"),
            include_str!("../../tests/scenarios/02-controller-failover.out"),
        ),
        (
            include_str!("../../tests/scenarios/05-preferred-leader-returns.klab"),
            include_str!("../../tests/scenarios/05-preferred-leader-returns.out"),
        ),
        (
            include_str!("../../tests/scenarios/06-a-bigger-cluster.klab"),
            include_str!("../../tests/scenarios/06-a-bigger-cluster.out"),
        ),
        (
            include_str!("../../tests/scenarios/errors.klab"),
            include_str!("../../tests/scenarios/errors.out"),
        ),
        (
            include_str!("../../core/presets/acks-all-duplicate.klab"),
            include_str!("../../tests/scenarios/presets/acks-all-duplicate.out"),
        ),
        (
            include_str!("../../core/presets/pre-0.11-truncation-loses-acked.klab"),
            include_str!("../../tests/scenarios/presets/pre-0.11-truncation-loses-acked.out"),
        ),
    ];
    for (script, want) in cases {
        assert_eq!(kafka_lab_web::run_script(script), want);
    }
}

#[wasm_bindgen_test]
async fn clicking_a_broker_kills_it_and_its_partitions_are_led_elsewhere() {
    let root = mount(Lang::En).await;
    let leader = drawn_leader(&root, "orders-0").expect("orders-0 has a drawn leader");
    let broker = root
        .query_selector(&format!("[data-broker=\"{leader}\"]"))
        .unwrap()
        .unwrap();
    assert_eq!(broker.get_attribute("data-alive").as_deref(), Some("true"));
    click(&broker);
    sleep(Duration::from_millis(30)).await;
    let broker = root
        .query_selector(&format!("[data-broker=\"{leader}\"]"))
        .unwrap()
        .unwrap();
    assert_eq!(broker.get_attribute("data-alive").as_deref(), Some("false"));
    assert!(broker
        .get_attribute("class")
        .unwrap_or_default()
        .contains("dead"));
    // Its chips are offline at once; the leadership moves once ZooKeeper expires the session
    // (6 s of virtual time: about 60 ms at ×100).
    assert!(broker
        .query_selector("[data-look=\"leader\"]")
        .unwrap()
        .is_none());
    let mut moved = None;
    for _ in 0..500 {
        sleep(Duration::from_millis(20)).await;
        moved = drawn_leader(&root, "orders-0").filter(|b| *b != leader);
        if moved.is_some() {
            break;
        }
    }
    let new_leader = moved.expect("a new leader of orders-0 is drawn");
    assert_ne!(new_leader, leader);
    // The event log tells it in plain words.
    let log = root
        .query_selector("[data-testid=events]")
        .unwrap()
        .unwrap();
    let text = log.text_content().unwrap_or_default();
    assert!(text.contains(&format!("Broker {leader} died")), "{text}");
    assert!(
        text.contains(&format!("elected broker {new_leader} leader of orders-0")),
        "{text}"
    );
    // Clicking again restarts it; it returns as a follower.
    let again = root
        .query_selector(&format!("[data-broker=\"{leader}\"]"))
        .unwrap()
        .unwrap();
    // Yew keeps the same element across frames (keyboard focus would be lost otherwise).
    assert!(again.is_same_node(Some(&broker)));
    click(&broker);
    // Up to 10 s of real time for the restart to be drawn (frames are rare on a loaded
    // machine); it is usually there at the next frame.
    let mut look = None;
    for _ in 0..500 {
        sleep(Duration::from_millis(20)).await;
        let broker = root
            .query_selector(&format!("[data-broker=\"{leader}\"]"))
            .unwrap()
            .unwrap();
        look = broker
            .query_selector("[data-tp=\"orders-0\"]")
            .unwrap()
            .and_then(|c| c.get_attribute("data-look"))
            .filter(|_| broker.get_attribute("data-alive").as_deref() == Some("true"));
        if look.as_deref() == Some("follower") {
            break;
        }
    }
    assert_eq!(look.as_deref(), Some("follower"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_console_runs_commands_with_history() {
    let root = mount(Lang::En).await;
    let input: HtmlInputElement = root
        .query_selector("[data-testid=console-input]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let key = |k: &str| {
        let init = KeyboardEventInit::new();
        init.set_key(k);
        init.set_bubbles(true);
        input
            .dispatch_event(
                &KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
            )
            .unwrap();
    };
    input.set_value("kafka-topics.sh --describe --topic orders");
    key("Enter");
    sleep(Duration::from_millis(30)).await;
    let out = root
        .query_selector("[data-testid=console-out]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(out.contains("Topic:orders\tPartitionCount:3"), "{out}");
    assert!(out.contains("\tPartition: 2\tLeader: "), "{out}");
    assert_eq!(input.value(), "");
    input.set_value("no-such-command");
    key("Enter");
    sleep(Duration::from_millis(30)).await;
    let err = root.query_selector(".console-out .err").unwrap().unwrap();
    assert!(err
        .text_content()
        .unwrap()
        .contains("unknown command 'no-such-command'"));
    // ↑ brings back the last command, ↑ again the one before.
    key("ArrowUp");
    assert_eq!(input.value(), "no-such-command");
    key("ArrowUp");
    assert_eq!(input.value(), "kafka-topics.sh --describe --topic orders");
    key("ArrowDown");
    assert_eq!(input.value(), "no-such-command");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_language_switch_translates_the_page() {
    let root = mount(Lang::En).await;
    let title = || {
        root.query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(title(), "Kafka Lab");
    let zh = root
        .query_selector(".langs button:nth-child(2)")
        .unwrap()
        .unwrap();
    click(&zh);
    sleep(Duration::from_millis(30)).await;
    assert_eq!(title(), "Kafka 实验室");
    let log = root
        .query_selector("[data-testid=events]")
        .unwrap()
        .unwrap();
    assert!(log.text_content().unwrap().contains("控制器"));
    root.remove();
}

/// A real panic aborts a wasm test, so the end-to-end test panics the page for real; here the
/// banner itself is checked.
#[wasm_bindgen_test]
fn a_panic_banner_shows_the_message_in_both_languages() {
    kafka_lab_web::panic::show_banner("panicked at test panic for the banner");
    let banner = document()
        .get_element_by_id("panic-banner")
        .expect("banner shown");
    let text = banner.text_content().unwrap();
    assert!(text.contains("test panic for the banner"), "{text}");
    assert!(text.contains("Kafka Lab crashed"));
    assert!(text.contains("Kafka 实验室崩溃了"));
    assert!(banner.query_selector("button").unwrap().is_some());
    banner.remove();
}
