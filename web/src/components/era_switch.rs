//! The ZooKeeper | KRaft switch (kweb): two buttons naming the eras. Choosing the other era
//! runs the journaled `brokers N --mode kraft` (or `brokers N`) and the opening topic again,
//! like a command typed in the console, so the time machine, links and saved runs keep it.
//! The page's address follows the mode (`?mode=kraft`), so a reload or a shared address opens
//! in it.

use kafka_lab::i18n::{tr, Lang, T};
use yew::prelude::*;

use crate::state::{switch_lines, Action};

/// Switch props.
#[derive(Properties, PartialEq)]
pub struct EraSwitchProps {
    /// Language.
    pub lang: Lang,
    /// The lab runs in KRaft mode now.
    pub kraft: bool,
    /// Brokers now (the switch keeps the number).
    pub brokers: usize,
    /// Where the switch's commands go.
    pub on_action: Callback<Action>,
}

/// The switch.
#[component]
pub fn EraSwitch(p: &EraSwitchProps) -> Html {
    let lang = p.lang;
    use_effect_with(p.kraft, |kraft| set_mode_in_address(*kraft));
    let button = |kraft: bool, label: T, testid: &'static str| {
        let on = p.kraft == kraft;
        let lines = switch_lines(kraft, p.brokers);
        let title = tr(lang, T::KrSwitchTitle, &[("cmd", lines[0].clone())]);
        let onclick = if on {
            Callback::noop()
        } else {
            crate::components::failure::run(&p.on_action, "era", lines)
        };
        html! {
            <button class={classes!("era-option", on.then_some("on"))} aria-pressed={on.to_string()}
                    data-testid={testid} title={title} {onclick}>
                { label.get(lang) }
            </button>
        }
    };
    html! {
        <div class="era era-switch" role="group" aria-label={T::KrSwitchLabel.get(lang)} data-testid="era-switch"
             data-mode={if p.kraft { "kraft" } else { "zookeeper" }}>
            { button(false, T::KrEraZk, "era-zk") }
            { button(true, T::KrEraKraft, "era-kraft") }
        </div>
    }
}

/// Puts `?mode=kraft` in the page's address in KRaft mode, and takes it out in ZooKeeper mode
/// (the default), keeping the other parameters and the fragment.
fn set_mode_in_address(kraft: bool) {
    let window = gloo::utils::window();
    let loc = window.location();
    let search = loc.search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    let had = params.get("mode");
    if kraft {
        params.set("mode", "kraft");
    } else {
        params.delete("mode");
    }
    if params.get("mode") == had {
        return;
    }
    let query = String::from(params.to_string());
    let url = format!(
        "{}{}{}{}",
        loc.pathname().unwrap_or_default(),
        if query.is_empty() { "" } else { "?" },
        query,
        loc.hash().unwrap_or_default()
    );
    if let Ok(h) = window.history() {
        h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            .ok();
    }
}
