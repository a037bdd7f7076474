//! The event log: everything that happened, narrated, newest at the bottom.
//!
//! It follows the live end only while the reader is there: scrolled up, it keeps the lines
//! it showed (new events are counted, and a "new events ↓" button returns to the end).
//! Filters hide kinds of event; repeated lines fold (`core::event_fold`), and a folded line
//! opens on click.
//!
//! While it follows the live end it draws only the newest lines that fill its height (and a
//! margin), with the older ones' estimated height as room above them, so a burst of
//! events (a stream's segment rolls on 120 partitions) adds a screenful of lines, not 300
//! (frames4). Scrolled up, it draws all of its [`SHOWN`] lines, frozen: the browser's scroll
//! anchoring keeps the line in view where it was.

use std::collections::BTreeSet;

use kafka_lab::event::Logged;
use kafka_lab::event_fold::{fold, EventKind, FoldedLine};
use kafka_lab::i18n::{tr, Lang, T};
use yew::prelude::*;

use crate::components::el;

use crate::state::{Action, Events};
use wasm_bindgen::JsCast;

/// Event-log props.
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// Every event.
    pub events: Events,
    /// Language.
    pub lang: Lang,
    /// Show per-broker role changes.
    pub details: bool,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// How many lines the log draws (the newest) when the reader scrolled up.
pub const SHOWN: usize = 300;
/// Lines drawn past the ones that fit, while following the live end.
const MARGIN_LINES: usize = 16;
/// The least line height (px) the log assumes when it counts the lines that fit.
const MIN_LINE_PX: f64 = 16.0;
/// Events folded at most (the newest): older ones are out of the drawn window anyway.
const FOLD_TAIL: usize = 4_000;

/// The event log.
#[component]
pub fn EventLog(p: &EventLogProps) -> Html {
    let list = use_node_ref();
    // Events visible while the reader is scrolled up (`None`: following the live end).
    let frozen = use_state(|| None::<usize>);
    // Where the log last scrolled itself to the end: a scroll event is the reader's only when
    // it moved up from there (new lines arriving below change the height, not the position).
    let pinned = use_mut_ref(|| 0i32);
    let hidden = use_state(BTreeSet::<EventKind>::new);
    let open = use_reducer(OpenLines::default);
    // Measured after each drawing that follows the end: lines that fit the list (with a
    // margin), and the drawn lines' mean height (px), for the spacer that stands for the
    // lines not drawn.
    let fit = use_mut_ref(|| FitLines {
        lines: 40,
        mean_px: 22.0,
    });
    // A reset (`brokers N`, a preset) shortens the log: follow the end again.
    let limit = match *frozen {
        Some(n) if n <= p.events.len() => n,
        _ => p.events.len(),
    };
    let follows = limit == p.events.len();
    let all = p.events.all();
    let lang = p.lang;
    let visible =
        |l: &Logged| (p.details || !l.event.is_detail()) && !hidden.contains(&l.event.kind());
    let from = limit.saturating_sub(FOLD_TAIL);
    let shown: Vec<usize> = (from..limit).filter(|&i| visible(&all[i])).collect();
    let lines = fold(&all, &shown);
    let kept = lines.len().min(SHOWN);
    let (drawn, pad_px) = if follows {
        let f = fit.borrow();
        let drawn = kept.min(f.lines);
        (drawn, ((kept - drawn) as f64 * f.mean_px).round())
    } else {
        (kept, 0.0)
    };
    let skip = lines.len() - drawn;
    let fresh = all[limit..].iter().filter(|l| visible(l)).count();
    {
        let (list, pinned, fit) = (list.clone(), pinned.clone(), fit.clone());
        use_effect_with(
            (
                p.events.clone(),
                p.details,
                follows,
                drawn,
                pad_px.to_bits(),
            ),
            move |(_, _, follows, drawn, _)| {
                // After the frame is drawn, not in it: reading the list's height here forced
                // a layout of the page in the middle of the frame's DOM writes (8.7% of the
                // producer tab's samples under a stream at ×100, frames3). A timeout set in
                // the animation frame runs once the browser has laid out and painted it, when
                // the height is known; the new lines sit below the view until then.
                // (`once_into_js`: the closure frees itself once called.)
                if *follows {
                    let drawn = *drawn;
                    let to_end = wasm_bindgen::closure::Closure::once_into_js(move || {
                        if let Some(el) = list.cast::<web_sys::HtmlElement>() {
                            fit.borrow_mut().measure(&el, drawn, pad_px);
                            // Unless the reader scrolled up in the meantime.
                            if el.scroll_top() >= *pinned.borrow() - 6 {
                                el.set_scroll_top(el.scroll_height());
                                *pinned.borrow_mut() = el.scroll_top();
                            }
                        }
                    });
                    gloo::utils::window()
                        .set_timeout_with_callback_and_timeout_and_arguments_0(
                            to_end.unchecked_ref(),
                            0,
                        )
                        .ok();
                }
            },
        );
    }
    let toggle = {
        let cb = p.on_action.clone();
        Callback::from(move |_: Event| cb.emit(Action::ToggleDetails))
    };
    let onscroll = {
        let (frozen, len, pinned) = (frozen.clone(), p.events.len(), pinned.clone());
        Callback::from(move |e: web_sys::Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            let top = el.scroll_top();
            let at_end = top + el.client_height() >= el.scroll_height() - 6;
            let moved_up = top < *pinned.borrow() - 6;
            match (*frozen, at_end) {
                (Some(_), true) => frozen.set(None),
                (None, true) => *pinned.borrow_mut() = top,
                (None, false) if moved_up => frozen.set(Some(len)),
                _ => {}
            }
        })
    };
    let to_end = {
        let (frozen, list, pinned) = (frozen.clone(), list.clone(), pinned.clone());
        Callback::from(move |_: MouseEvent| {
            frozen.set(None);
            // The window that follows is shorter than the frozen list (a spacer stands for
            // its older lines): the end it scrolled to before is past the new end, so the
            // drawing after this one must scroll to the end whatever the position.
            *pinned.borrow_mut() = 0;
            if let Some(el) = list.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        })
    };
    let filter = |k: EventKind| {
        let hidden = hidden.clone();
        let on = !hidden.contains(&k);
        let onclick = Callback::from(move |_: MouseEvent| {
            let mut h = (*hidden).clone();
            if !h.remove(&k) {
                h.insert(k);
            }
            hidden.set(h);
        });
        html! {
            <button class={classes!("kind", format!("kind-{}", k.name()), on.then_some("on"))} aria-pressed={on.to_string()}
                data-testid={format!("kind-{}", k.name())} {onclick}>{ k.label().get(lang) }</button>
        }
    };
    let toggle_open = {
        let open = open.clone();
        Callback::from(move |first: usize| open.dispatch(first))
    };
    html! {
        <section class="events" aria-label={T::EventLog.get(lang)}>
            <div class="pane-head">
                { el::el("h2", "", T::EventLog.get(lang)) }
                <label class="details">
                    <input type="checkbox" checked={p.details} onchange={toggle} />
                    { T::ShowDetails.get(lang) }
                </label>
            </div>
            <div class="kinds" role="group" aria-label={T::EventFilterTitle.get(lang)} title={T::EventFilterTitle.get(lang)} data-testid="event-kinds">
                { for EventKind::ALL.into_iter().map(filter) }
            </div>
            <div class="event-wrap">
                <ol class="event-list" ref={list} data-testid="events" data-drawn={drawn.to_string()} {onscroll}>
                    // The lines not drawn: their height, as scrollable room above the drawn
                    // ones (an element, not the list's padding, which would make the list's
                    // own box that tall).
                    if pad_px > 0.0 {
                        <div class="event-pad" aria-hidden="true" data-testid="event-pad" style={format!("height: {pad_px}px")}></div>
                    }
                    if lines.is_empty() {
                        { el::el("li", "empty", T::EventLogEmpty.get(lang)) }
                    }
                    { for lines[skip..].iter().map(|f| html! {
                        <EventLine key={f.events[0]} events={p.events.clone()} line={f.clone()} lang={lang}
                                   open={open.0.contains(&f.events[0])} on_toggle={toggle_open.clone()} />
                    }) }
                </ol>
                if !follows {
                    <button class="new-events" data-testid="new-events" onclick={to_end} title={T::LogPaused.get(lang)}>
                        { tr(lang, T::NewEvents, &[("n", fresh.to_string())]) }
                    </button>
                }
            </div>
        </section>
    }
}

/// The list's own padding, top and bottom (px, `.event-list` in style.css).
const LIST_PAD_PX: f64 = 6.0;

/// How many lines the log draws while it follows the end, from its last drawing.
struct FitLines {
    /// Lines that fit the list's height at [`MIN_LINE_PX`], plus [`MARGIN_LINES`].
    lines: usize,
    /// The drawn lines' mean height (px).
    mean_px: f64,
}

impl FitLines {
    /// Reads the list's size after a drawing of `drawn` lines under a `pad_px` spacer. The
    /// mean height changes only when it moved by more than a tenth (the spacer then stays
    /// put from frame to frame).
    fn measure(&mut self, el: &web_sys::HtmlElement, drawn: usize, pad_px: f64) {
        let height = f64::from(el.client_height());
        if height > 0.0 {
            self.lines = (height / MIN_LINE_PX).ceil() as usize + MARGIN_LINES;
        }
        if drawn >= 8 && el.scroll_height() > el.client_height() {
            let content = f64::from(el.scroll_height()) - pad_px - 2.0 * LIST_PAD_PX;
            let mean = content / drawn as f64;
            if mean > 0.0 && (mean - self.mean_px).abs() > self.mean_px / 10.0 {
                self.mean_px = mean;
            }
        }
    }
}

/// The folded lines the reader opened (by their first event's index).
#[derive(Default, PartialEq)]
struct OpenLines(BTreeSet<usize>);

impl Reducible for OpenLines {
    type Action = usize;
    fn reduce(self: std::rc::Rc<Self>, first: usize) -> std::rc::Rc<Self> {
        let mut o = self.0.clone();
        if !o.remove(&first) {
            o.insert(first);
        }
        std::rc::Rc::new(OpenLines(o))
    }
}

/// One line of the log. Keyed by its first event and compared by what it shows (its events,
/// not the list they sit in), so a frame that adds events at the end redraws only the lines
/// that changed — not 300 narrations every frame.
#[derive(Properties)]
struct LineProps {
    events: Events,
    line: FoldedLine,
    lang: Lang,
    open: bool,
    on_toggle: Callback<usize>,
}

impl PartialEq for LineProps {
    fn eq(&self, other: &Self) -> bool {
        self.line == other.line
            && self.lang == other.lang
            && self.open == other.open
            && (self.events == other.events
                || self.line.events.iter().all(|&i| {
                    self.events.same_at(&other.events, i)
                        || self.events.all().get(i) == other.events.all().get(i)
                }))
    }
}

#[component]
fn EventLine(p: &LineProps) -> Html {
    let f = &p.line;
    let lang = p.lang;
    let first = f.events[0];
    let head = f.head();
    let events = p.events.all();
    let l = &events[head];
    let n = f.count();
    let grouped = f.roll.is_some();
    let is_open = !grouped && n > 1 && p.open;
    let onclick = p.on_toggle.reform(move |_: MouseEvent| first);
    html! {
        <li class={classes!(kind_class(l))} data-kind={l.event.kind().name()}>
            <time>{ format!("{:.3} s", l.at as f64 / 1000.0) }</time>
            <span>
                { f.narrate(&events, lang) }
                { crate::components::kraft_elr::event_note(&events, head, lang) }
                if n > 1 && !grouped {
                    <button class="fold" data-testid="fold" aria-expanded={is_open.to_string()}
                        title={if is_open { T::FoldHide.get(lang).to_string() } else { tr(lang, T::FoldShow, &[("n", n.to_string())]) }}
                        {onclick}>{ format!("×{n}") }</button>
                }
            </span>
            if is_open {
                <ol class="folded">
                    { for f.events.iter().filter(|&&i| i != head).map(|&i| html! {
                        <li>
                            <time>{ format!("{:.3} s", events[i].at as f64 / 1000.0) }</time>
                            { el::el("span", "", events[i].event.narrate(lang)) }
                        </li>
                    }) }
                </ol>
            }
        </li>
    }
}

fn kind_class(l: &Logged) -> &'static str {
    use kafka_lab::event::Event::*;
    match l.event {
        BrokerKilled { .. } | SessionExpired { .. } | PartitionOffline { .. } => "bad",
        LeaderElected { .. } | ControllerElected { .. } => "elect",
        BrokerStarted { .. } | BrokerRegistered { .. } | IsrExpanded { .. } => "good",
        IsrShrunk { .. }
        | ControllerGone
        | RegistrationBlocked { .. }
        | StaleControllerFenced { .. } => "warn",
        _ => "info",
    }
}
