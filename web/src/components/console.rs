//! The in-page console: the same commands as `kafka-lab`, with history on ↑ / ↓.

use kafka_lab::i18n::{tr, Lang, T};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::el;

use crate::state::{ConsoleLine, Shared};

/// Console props.
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// Lines so far.
    pub lines: Shared<Vec<ConsoleLine>>,
    /// Commands typed before, oldest first.
    pub history: Shared<Vec<String>>,
    /// The topic kafka-console-producer.sh reads records for, while it reads.
    #[prop_or_default]
    pub producing: Option<String>,
    /// Language.
    pub lang: Lang,
    /// Runs a command.
    pub on_exec: Callback<String>,
}

/// The console.
#[component]
pub fn Console(p: &ConsoleProps) -> Html {
    let input = use_node_ref();
    let out = use_node_ref();
    // Position in history while browsing with the arrows (None: a fresh line).
    let cursor = use_mut_ref(|| None::<usize>);
    {
        let out = out.clone();
        use_effect_with(p.lines.clone(), move |_| {
            if let Some(el) = out.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let submit = {
        let input = input.clone();
        let cb = p.on_exec.clone();
        let cursor = cursor.clone();
        move || {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let line = el.value();
                if !line.trim().is_empty() {
                    cb.emit(line);
                }
                el.set_value("");
                *cursor.borrow_mut() = None;
            }
        }
    };
    let onkeydown = {
        let input = input.clone();
        let history = p.history.clone();
        let submit = submit.clone();
        let eof = p.on_exec.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(el) = input.cast::<HtmlInputElement>() else {
                return;
            };
            // Ctrl-D ends what kafka-console-producer.sh reads, as in a terminal.
            if e.ctrl_key() && e.key().eq_ignore_ascii_case("d") {
                e.prevent_default();
                let line = el.value();
                if !line.trim().is_empty() {
                    eof.emit(line);
                }
                el.set_value("");
                eof.emit("EOF".to_string());
                return;
            }
            let mut c = cursor.borrow_mut();
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    drop(c);
                    submit();
                }
                "ArrowUp" if !history.is_empty() => {
                    e.prevent_default();
                    let i = c.map_or(history.len() - 1, |i| i.saturating_sub(1));
                    *c = Some(i);
                    el.set_value(&history[i]);
                }
                "ArrowDown" => {
                    e.prevent_default();
                    match *c {
                        Some(i) if i + 1 < history.len() => {
                            *c = Some(i + 1);
                            el.set_value(&history[i + 1]);
                        }
                        _ => {
                            *c = None;
                            el.set_value("");
                        }
                    }
                }
                _ => {}
            }
        })
    };
    let onclick = Callback::from(move |_: MouseEvent| submit());
    let lang = p.lang;
    html! {
        <section class="console" aria-label={T::Console.get(lang)}>
            <div class="pane-head">{ el::el("h2", "", T::Console.get(lang)) }</div>
            <div class="console-out" ref={out} data-testid="console-out" role="log">
                { for p.lines.iter().map(|l| match l {
                    ConsoleLine::Welcome => html! { { el::el("p", "welcome", T::ConsoleWelcome.get(lang)) } },
                    ConsoleLine::Input(s) => html! { <pre class="in">{ format!("$ {s}") }</pre> },
                    ConsoleLine::Record(s) => html! { <pre class="in record">{ format!("> {s}") }</pre> },
                    ConsoleLine::Output(s) => html! { { el::el("pre", "out", s) } },
                    ConsoleLine::Error(s) => html! { { el::el("pre", "err", s) } },
                }) }
            </div>
            if let Some(topic) = &p.producing {
                <p class="console-producing" data-testid="console-producing">
                    { tr(lang, T::ConsoleProducerPrompt, &[("topic", topic.clone())]) }
                </p>
            }
            <div class={classes!("console-in", p.producing.is_some().then_some("producing"))}>
                <span class="prompt" data-testid="console-prompt" aria-hidden="true">
                    { if p.producing.is_some() { ">" } else { "$" } }
                </span>
                <input
                    ref={input}
                    data-testid="console-input"
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    aria-label={T::Console.get(lang)}
                    placeholder={if p.producing.is_some() { T::ConsoleRecordHint.get(lang) } else { T::ConsoleHint.get(lang) }}
                    {onkeydown}
                />
                <button {onclick}>{ T::ConsoleRun.get(lang) }</button>
            </div>
        </section>
    }
}
