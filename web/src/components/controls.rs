//! The replication tab's controls: the producer panel (send one record, a stream, or follow one
//! through the six steps) and the fault panel (kill, slow, cut, isolate, heal, lose messages).
//! Every button runs a command through the same interpreter as the console.

use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::view::ClusterView;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::el;

use crate::components::failure;
use crate::state::{Action, Failures, Shared, Stream};

/// Quotes a value for the command line if it needs it.
pub fn quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:@/".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Producer panel props.
#[derive(Properties, PartialEq)]
pub struct ProducerProps {
    /// Topics to choose from.
    pub topics: Vec<String>,
    /// The running stream, if any.
    pub stream: Option<Stream>,
    /// Language.
    pub lang: Lang,
    /// Runs a command.
    pub on_exec: Callback<String>,
    /// Other actions.
    pub on_action: Callback<Action>,
    /// Buttons whose command failed.
    pub failures: Shared<Failures>,
}

/// The producer panel.
#[component]
pub fn ProducerPanel(p: &ProducerProps) -> Html {
    let lang = p.lang;
    let topic = use_state(|| None::<String>);
    let key = use_state(String::new);
    let value = use_state(|| "hello".to_string());
    let acks = use_state(|| "1".to_string());
    let chosen = topic
        .as_ref()
        .filter(|t| p.topics.contains(t))
        .cloned()
        .or_else(|| p.topics.first().cloned())
        .unwrap_or_default();
    let on_topic = {
        let topic = topic.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            topic.set(Some(s.value()));
        })
    };
    let text_input = |state: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            state.set(i.value());
        })
    };
    let send = {
        let (key, value, acks, chosen, cb) = (
            key.clone(),
            value.clone(),
            acks.clone(),
            chosen.clone(),
            p.on_action.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let k = if key.trim().is_empty() {
                String::new()
            } else {
                format!(" --key {}", quote(key.trim()))
            };
            // An empty value is a legal record (not a null tombstone): sent as typed.
            cb.emit(Action::Run {
                origin: "replication/send".into(),
                lines: vec![format!(
                    "produce --topic {} --acks {}{k} {}",
                    quote(&chosen),
                    *acks,
                    quote(&value)
                )],
            });
        })
    };
    let stream = {
        let (acks, chosen, cb) = (acks.clone(), chosen.clone(), p.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::ToggleStream {
                topic: chosen.clone(),
                acks: (*acks).clone(),
            })
        })
    };
    let trace = {
        let (chosen, acks, cb) = (chosen.clone(), acks.clone(), p.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::Trace {
                topic: chosen.clone(),
                acks: (*acks).clone(),
            })
        })
    };
    let acks_button = |a: &'static str| {
        let acks = acks.clone();
        let on = *acks == a;
        html! {
            <button class={classes!("seg", on.then_some("on"))} aria-pressed={on.to_string()}
                    data-testid={format!("acks-{a}")}
                    onclick={Callback::from(move |_: MouseEvent| acks.set(a.to_string()))}>{ a }</button>
        }
    };
    let disabled = p.topics.is_empty();
    html! {
        <section class="panel producer" aria-label={T::ProducerTitle.get(lang)}>
            <h3>{ T::ProducerTitle.get(lang) }{ el::el("span", "era-note", T::ProducerEra.get(lang)) }</h3>
            <div class="form-row">
                <label>{ T::Topic.get(lang) }
                    <select onchange={on_topic} data-testid="producer-topic">
                        { for p.topics.iter().map(|t| html! { <option value={t.clone()} selected={*t == chosen}>{ t }</option> }) }
                    </select>
                </label>
                <label>{ T::Acks.get(lang) }
                    <span class="segmented">{ acks_button("0") }{ acks_button("1") }{ acks_button("all") }</span>
                </label>
            </div>
            <div class="form-row">
                <label class="grow">{ T::KeyOptional.get(lang) }
                    <input type="text" value={(*key).clone()} oninput={text_input(key.clone())} data-testid="producer-key" />
                </label>
                <label class="grow">{ T::Value.get(lang) }
                    <input type="text" value={(*value).clone()} oninput={text_input(value.clone())} data-testid="producer-value" />
                </label>
            </div>
            <div class="form-row buttons">
                <button class="primary" onclick={send} disabled={disabled} data-testid="send">{ T::Send.get(lang) }</button>
                <button onclick={stream} disabled={disabled} data-testid="stream">
                    { match &p.stream {
                        Some(s) => tr(lang, T::StreamStop, &[("n", s.sent.to_string())]),
                        None => T::StreamStart.get(lang).to_string(),
                    } }
                </button>
                <button onclick={trace} disabled={disabled} data-testid="trace">{ T::TraceButton.get(lang) }</button>
            </div>
            if value.is_empty() {
                <p class="hint" data-testid="empty-value">{ T::EmptyValueSent.get(lang) }</p>
            }
            { failure::note(&p.failures, "replication/send", lang) }
        </section>
    }
}

/// Fault panel props.
#[derive(Properties, PartialEq)]
pub struct FaultProps {
    /// The cluster.
    pub view: Shared<ClusterView>,
    /// Language.
    pub lang: Lang,
    /// Runs a command.
    pub on_exec: Callback<String>,
    /// Runs a button's command.
    pub on_action: Callback<Action>,
    /// Buttons whose command failed.
    pub failures: Shared<Failures>,
}

/// The fault panel.
#[component]
pub fn FaultPanel(p: &FaultProps) -> Html {
    let lang = p.lang;
    let a = use_state(|| "1".to_string());
    let b = use_state(|| "zk".to_string());
    let run = |cmd: String| failure::run(&p.on_action, "faults/button", vec![cmd]);
    let select = |state: UseStateHandle<String>| {
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            state.set(s.value());
        })
    };
    let nodes: Vec<(String, String)> = p
        .view
        .brokers
        .iter()
        .map(|x| {
            (
                x.id.to_string(),
                format!("{} {}", T::Broker.get(lang), x.id),
            )
        })
        .chain(match &p.view.kraft {
            // KRaft mode: the controller quorum (all of it, or one controller) instead of ZooKeeper.
            Some(k) => std::iter::once((
                "controllers".to_string(),
                T::FaultControllers.get(lang).to_string(),
            ))
            .chain(k.controllers.iter().map(|c| {
                (
                    format!("controller:{}", c.id),
                    tr(lang, T::KrController, &[("id", c.id.to_string())]),
                )
            }))
            .collect::<Vec<_>>(),
            None => vec![("zk".to_string(), T::ZooKeeper.get(lang).to_string())],
        })
        .collect();
    // The other end of the cut: ZooKeeper or the controllers, whichever this era has.
    let b_value = if nodes.iter().any(|(v, _)| v == &*b) {
        (*b).clone()
    } else {
        nodes
            .iter()
            .find(|(v, _)| v == "zk" || v == "controllers")
            .map_or_else(|| (*b).clone(), |(v, _)| v.clone())
    };
    let options = |current: &str| {
        nodes
            .iter()
            .map(|(v, label)| html! { <option value={v.clone()} selected={v == current}>{ label }</option> })
            .collect::<Html>()
    };
    let on_drop = {
        let cb = p.on_action.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(Action::Run {
                origin: "faults/button".into(),
                lines: vec![format!("drop {}", s.value())],
            });
        })
    };
    html! {
        <section class="panel faults" aria-label={T::FaultsTitle.get(lang)}>
            { el::el("h3", "", T::FaultsTitle.get(lang)) }
            <table class="fault-table">
                <tbody>
                { for p.view.brokers.iter().map(|x| {
                    let delay = x.fetch_delay_ms;
                    let id = x.id;
                    let cb = p.on_action.clone();
                    let on_slow = Callback::from(move |e: Event| {
                        let s: HtmlSelectElement = e.target_unchecked_into();
                        cb.emit(Action::Run {
                            origin: "faults/button".into(),
                            lines: vec![format!("slow-broker {id} {}", s.value())],
                        });
                    });
                    html! {
                        <tr data-fault-broker={id.to_string()}>
                            <th>{ format!("{} {id}", T::Broker.get(lang)) }</th>
                            <td>
                                if x.alive {
                                    <button class="danger" data-testid={format!("broker-kill-{id}")} onclick={run(format!("kill-broker {id}"))}>{ T::Kill.get(lang) }</button>
                                } else {
                                    <button data-testid={format!("broker-restart-{id}")} onclick={run(format!("start-broker {id}"))}>{ T::Restart.get(lang) }</button>
                                }
                            </td>
                            <td>
                                <label class="inline">{ T::SlowLabel.get(lang) }
                                    <select onchange={on_slow} data-testid={format!("slow-{id}")}>
                                        { for [0u64, 2_000, 5_000, 20_000].iter().map(|&ms| html! {
                                            <option value={ms.to_string()} selected={ms == delay}>
                                                { if ms == 0 { T::Normal.get(lang).to_string() } else { format!("{} s", ms / 1000) } }
                                            </option>
                                        }) }
                                    </select>
                                </label>
                            </td>
                            <td><button onclick={run(format!("isolate {id}"))}>{ T::Isolate.get(lang) }</button></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            <div class="form-row">
                { el::el("span", "label", T::CutTitle.get(lang)) }
                <select onchange={select(a.clone())}>{ options(&a) }</select>
                { el::el("span", "", "↔") }
                <select onchange={select(b.clone())} data-testid="cut-b">{ options(&b_value) }</select>
                <button onclick={run(format!("cut {} {}", *a, b_value))} disabled={*a == b_value} data-testid="cut">{ T::Cut.get(lang) }</button>
            </div>
            <div class="form-row">
                <label class="inline">{ T::DropLabel.get(lang) }
                    <select onchange={on_drop}>
                        { for [0u32, 50_000, 200_000, 500_000].iter().map(|&ppm| html! {
                            <option value={format!("{}", f64::from(ppm) / 1e6)} selected={ppm == p.view.drop_per_million}>
                                { format!("{}%", ppm / 10_000) }
                            </option>
                        }) }
                    </select>
                </label>
                <button onclick={run("heal".to_string())}>{ T::HealAll.get(lang) }</button>
            </div>
            { failure::note(&p.failures, "faults/button", lang) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_for_the_interpreter() {
        assert_eq!(quote("hello"), "hello");
        assert_eq!(quote("user-1"), "user-1");
        assert_eq!(quote("two words"), "'two words'");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote(""), "''");
        let words =
            kafka_lab::cli::args::split_words(&format!("produce {}", quote("it's a 'test'")))
                .unwrap();
        assert_eq!(words[1], "it's a 'test'");
    }
}
