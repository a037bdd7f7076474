//! The list of keyboard shortcuts (`?`), in the page's language, over the page.

use kafka_lab::i18n::{Lang, T};
use yew::prelude::*;

use crate::components::el;

use crate::keys::{KeyCap, LIST};
use crate::state::Action;

/// Shortcuts overlay props.
#[derive(Properties, PartialEq)]
pub struct ShortcutsProps {
    /// Language.
    pub lang: Lang,
    /// Where actions go (closing it).
    pub on_action: Callback<Action>,
}

/// The overlay: a dialog listing every shortcut; a click outside it or Esc closes it.
#[component]
pub fn Shortcuts(p: &ShortcutsProps) -> Html {
    let lang = p.lang;
    let close = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::CloseShortcuts))
    };
    let keep = Callback::from(|e: MouseEvent| e.stop_propagation());
    html! {
        <div class="tm-shortcuts-back" data-testid="shortcuts-back" onclick={close.clone()}>
            <div class="tm-shortcuts" role="dialog" aria-modal="true" aria-labelledby="tm-shortcuts-title"
                 data-testid="shortcuts" onclick={keep}>
                <div class="tm-shortcuts-head">
                    <h2 id="tm-shortcuts-title">{ T::ShortcutsTitle.get(lang) }</h2>
                    <button class="tm-close" data-testid="shortcuts-close" aria-label={T::Close.get(lang)}
                            title={T::Close.get(lang)} onclick={close}>{ "×" }</button>
                </div>
                <table>
                    { for LIST.iter().map(|(cap, what)| html! {
                        <tr>
                            <td><kbd>{ match cap { KeyCap::Sym(s) => s, KeyCap::Word(t) => t.get(lang) } }</kbd></td>
                            { el::el("td", "", what.get(lang)) }
                        </tr>
                    }) }
                </table>
                { el::el("p", "tm-note", T::ShortcutsNote.get(lang)) }
            </div>
        </div>
    }
}
