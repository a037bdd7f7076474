//! The guided tour's panel: a card docked at the bottom right (a bottom sheet on a phone) that
//! can be folded to its title bar, and a pulsing ring drawn over the control the current stop
//! points at. The stops are `crate::tour`'s data; this file only draws them, keeps the ring on
//! its target, scrolls the target into view, and saves the progress in `localStorage`.

use std::collections::BTreeSet;

use gloo::timers::callback::Interval;
use kafka_lab::i18n::{tr, Lang, T};
use web_sys::{Element, HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

use crate::components::el;

use crate::state::Action;
use crate::tour::{deep_link, Progress, TourMsg, TourState, STOPS, STOPS_DATA, STORAGE_KEY};

/// Tour panel props.
#[derive(Properties, PartialEq)]
pub struct TourProps {
    /// The tour's state.
    pub tour: TourState,
    /// Language.
    pub lang: Lang,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// Text with `code` spans: backquoted parts become `<code>`.
pub fn rich(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| if i % 2 == 1 {
            // A command wraps between its words only, never inside `--partitions`.
            html! { <code>{ for part.split(' ').enumerate().map(|(j, w)| html! {
                <>{ if j > 0 { " " } else { "" } }{ el::el("span", "tok", w.to_string()) }</>
            }) }</code> }
        } else {
            html! { { part.to_string() } }
        }) }
    }
}

/// The first element the stop's selectors find.
fn find_target(selectors: &[&str]) -> Option<Element> {
    let doc = gloo::utils::document();
    selectors
        .iter()
        .find_map(|s| doc.query_selector(s).ok().flatten())
}

/// Puts the ring over the target (or hides it when the target is not on the page).
fn place_ring(ring: &NodeRef, selectors: &[&str]) {
    let Some(ring) = ring.cast::<HtmlElement>() else {
        return;
    };
    let style = ring.style();
    match find_target(selectors) {
        Some(el) => {
            let r = el.get_bounding_client_rect();
            let pad = 4.0;
            style.set_property("display", "block").ok();
            style
                .set_property("left", &format!("{}px", r.left() - pad))
                .ok();
            style
                .set_property("top", &format!("{}px", r.top() - pad))
                .ok();
            style
                .set_property("width", &format!("{}px", r.width() + 2.0 * pad))
                .ok();
            style
                .set_property("height", &format!("{}px", r.height() + 2.0 * pad))
                .ok();
            ring.set_attribute("data-for", selectors.first().copied().unwrap_or(""))
                .ok();
            dock(&r);
        }
        None => {
            style.set_property("display", "none").ok();
        }
    }
}

/// Width below which the card is a sheet across the screen (as in `static/tour.css`).
const PHONE_PX: f64 = 640.0;

fn viewport() -> (f64, f64) {
    let win = gloo::utils::window();
    let get = |v: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>| {
        v.ok().and_then(|v| v.as_f64()).unwrap_or(800.0)
    };
    (get(win.inner_width()), get(win.inner_height()))
}

/// Docks the card away from the target: on a wide screen on the side the target is not on,
/// on a phone at the bottom unless the target is in the lower half. Decided from the target's
/// place alone, so the card never flips back and forth.
fn dock(target: &web_sys::DomRect) {
    let Some(card) = gloo::utils::document()
        .query_selector(".tour-card")
        .ok()
        .flatten()
    else {
        return;
    };
    let (vw, vh) = viewport();
    let side = if vw <= PHONE_PX {
        if target.top() + target.height() / 2.0 > vh / 2.0 {
            "top"
        } else {
            "bottom"
        }
    } else if target.left() + target.width() / 2.0 > vw / 2.0 {
        "left"
    } else {
        "right"
    };
    if card.get_attribute("data-dock").as_deref() != Some(side) {
        card.set_attribute("data-dock", side).ok();
    }
}

/// Scrolls the target into view, above the tour's card.
fn reveal(selectors: &[&str]) {
    if let Some(el) = find_target(selectors) {
        let (vw, _) = viewport();
        let opts = ScrollIntoViewOptions::new();
        // On a phone the sheet takes the lower part: bring the control to the top.
        opts.set_block(if vw <= PHONE_PX {
            ScrollLogicalPosition::Start
        } else {
            ScrollLogicalPosition::Center
        });
        opts.set_inline(ScrollLogicalPosition::Nearest);
        opts.set_behavior(ScrollBehavior::Instant);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Reads the saved progress and `?tour=N` (bad values are ignored).
pub fn restore_message() -> TourMsg {
    let win = gloo::utils::window();
    let saved = win
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|v| Progress::decode(&v));
    let search = win.location().search().unwrap_or_default();
    let link = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("tour"))
        .and_then(|v| deep_link(&v));
    TourMsg::Restore { saved, link }
}

fn save(tour: &TourState) {
    if !tour.returning {
        return; // never opened: nothing to keep
    }
    let p = Progress {
        stop: tour.stop,
        done: tour.done.clone(),
        open: tour.open,
    };
    if let Some(s) = gloo::utils::window().local_storage().ok().flatten() {
        s.set_item(STORAGE_KEY, &p.encode()).ok();
    }
}

/// The tour: its card and its ring (nothing while it is closed).
#[component]
pub fn Tour(p: &TourProps) -> Html {
    let lang = p.lang;
    let t = &p.tour;
    let ring = use_node_ref();
    let list_open = use_state(|| false);

    // Save the progress whenever it changes.
    {
        let key: (usize, BTreeSet<usize>, bool, bool) =
            (t.stop, t.done.clone(), t.open, t.returning);
        let tour = t.clone();
        use_effect_with(key, move |_| save(&tour));
    }
    // Keep the ring on its target (the page scrolls, tabs render, the diagram redraws).
    {
        let ring = ring.clone();
        let (open, stop) = (t.open, t.stop);
        use_effect_with((open, stop), move |_| {
            let mut keep = None;
            if open {
                let target = STOPS_DATA[stop].target;
                // Once the tab has rendered, bring the control into view.
                let first = gloo::timers::callback::Timeout::new(60, move || reveal(target));
                let r = ring.clone();
                place_ring(&r, target);
                keep = Some((first, Interval::new(150, move || place_ring(&r, target))));
            }
            move || drop(keep)
        });
    }

    if !t.open {
        return html! {};
    }
    let s = &STOPS_DATA[t.stop];
    let done = t.done.contains(&t.stop);
    let msg = |m: TourMsg| {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::Tour(m.clone())))
    };
    let toggle_list = {
        let l = list_open.clone();
        Callback::from(move |_: MouseEvent| l.set(!*l))
    };
    let go = |n: usize| {
        let cb = p.on_action.clone();
        let l = list_open.clone();
        Callback::from(move |_: MouseEvent| {
            l.set(false);
            cb.emit(Action::Tour(TourMsg::Go(n)));
        })
    };
    let stop_of = tr(
        lang,
        T::TourStopOf,
        &[
            ("n", t.stop.to_string()),
            ("total", (STOPS - 1).to_string()),
        ],
    );
    html! {
        <>
            <div class="tour-ring" ref={ring} aria-hidden="true" data-testid="tour-ring"></div>
            <aside class={classes!("tour-card", t.minimised.then_some("min"))} data-testid="tour"
                   data-stop={t.stop.to_string()} data-done={done.to_string()}
                   aria-label={T::TourTitle.get(lang)}>
                <header class="tour-head">
                    <button class="tour-fold" data-testid="tour-fold"
                            title={if t.minimised { T::TourExpand.get(lang) } else { T::TourMinimise.get(lang) }}
                            aria-expanded={(!t.minimised).to_string()}
                            onclick={msg(TourMsg::Minimise(!t.minimised))}>
                        { el::el("span", "tour-count", stop_of) }
                        <strong class="tour-title" data-testid="tour-title">{ s.text(s.title, lang) }</strong>
                        if done { <span class="tour-tick" aria-hidden="true">{ "✓" }</span> }
                    </button>
                    <button class="tour-x" data-testid="tour-close" title={T::TourClose.get(lang)}
                            aria-label={T::TourClose.get(lang)} onclick={msg(TourMsg::Close)}>{ "×" }</button>
                </header>
                if !t.minimised {
                    <div class="tour-body">
                        if *list_open {
                            <ol class="tour-list" data-testid="tour-list" start="0">
                                { for STOPS_DATA.iter().enumerate().map(|(i, st)| html! {
                                    <li class={classes!((i == t.stop).then_some("on"), t.done.contains(&i).then_some("done"))}>
                                        <button onclick={go(i)} data-tour-stop={i.to_string()}>
                                            <span class="tick" aria-hidden="true">{ if t.done.contains(&i) { "✓" } else { "○" } }</span>
                                            { st.text(st.title, lang) }
                                        </button>
                                    </li>
                                }) }
                                <li><button class="tour-reset" onclick={msg(TourMsg::Reset)} data-testid="tour-reset">{ T::TourRestart.get(lang) }</button></li>
                            </ol>
                        } else {
                            { el::el("p", "tour-text", rich(&s.text(s.body, lang))) }
                            <div class={classes!("tour-task", done.then_some("done"))} data-testid="tour-task">
                                { el::el("strong", "", T::TourYourTurn.get(lang)) }
                                { el::el("p", "", rich(&s.text(s.task, lang))) }
                                if !done {
                                    { el::el("p", "tour-wait", T::TourWaiting.get(lang)) }
                                }
                            </div>
                            if done {
                                <div class="tour-outcome" data-testid="tour-outcome" role="status">
                                    { el::el("strong", "", T::TourDone.get(lang)) }
                                    { el::el("p", "", rich(&s.text(s.done, lang))) }
                                </div>
                            }
                        }
                    </div>
                    <nav class="tour-nav">
                        <button onclick={msg(TourMsg::Back)} disabled={t.stop == 0} data-testid="tour-back">{ T::TourBack.get(lang) }</button>
                        <button onclick={toggle_list} data-testid="tour-all" aria-pressed={(*list_open).to_string()}>
                            { format!("{} ({}/{})", T::TourAllStops.get(lang), t.done.len(), STOPS) }
                        </button>
                        if !done {
                            <button onclick={msg(TourMsg::DoIt)} data-testid="tour-doit">{ T::TourDoIt.get(lang) }</button>
                        }
                        <button class={classes!(done.then_some("primary"))} onclick={msg(TourMsg::Next)}
                                disabled={t.stop + 1 == STOPS} data-testid="tour-next">{ T::TourNext.get(lang) }</button>
                    </nav>
                }
            </aside>
        </>
    }
}
