//! The event log: everything that happened, narrated, newest at the bottom.

use kafka_lab::event::Logged;
use kafka_lab::i18n::{Lang, T};
use yew::prelude::*;

use crate::state::{Action, Shared};

/// Event-log props.
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// Every event.
    pub events: Shared<Vec<Logged>>,
    /// Language.
    pub lang: Lang,
    /// Show per-broker role changes.
    pub details: bool,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// How many events the log draws (the newest).
const SHOWN: usize = 300;

/// The event log.
#[component]
pub fn EventLog(p: &EventLogProps) -> Html {
    let list = use_node_ref();
    {
        let list = list.clone();
        use_effect_with((p.events.clone(), p.details), move |_| {
            if let Some(el) = list.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let lang = p.lang;
    let shown: Vec<&Logged> = p
        .events
        .iter()
        .filter(|l| p.details || !l.event.is_detail())
        .collect();
    let skip = shown.len().saturating_sub(SHOWN);
    let toggle = {
        let cb = p.on_action.clone();
        Callback::from(move |_: Event| cb.emit(Action::ToggleDetails))
    };
    html! {
        <section class="events" aria-label={T::EventLog.get(lang)}>
            <div class="pane-head">
                <h2>{ T::EventLog.get(lang) }</h2>
                <label class="details">
                    <input type="checkbox" checked={p.details} onchange={toggle} />
                    { T::ShowDetails.get(lang) }
                </label>
            </div>
            <ol class="event-list" ref={list} data-testid="events">
                if shown.is_empty() {
                    <li class="empty">{ T::EventLogEmpty.get(lang) }</li>
                }
                { for shown.iter().skip(skip).map(|l| html! {
                    <li class={classes!(kind_class(l))}>
                        <time>{ format!("{:.3} s", l.at as f64 / 1000.0) }</time>
                        <span>{ l.event.narrate(lang) }</span>
                    </li>
                }) }
            </ol>
        </section>
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
