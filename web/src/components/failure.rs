//! A failed button's message, drawn beside the button: the lab's words (translated) when it
//! knows the cause, and the interpreter's message, which keeps Kafka's own text.
//!
//! A button sends [`Action::Run`] with an origin naming it; the state keeps the failure under
//! that origin until the same button succeeds (or a preset starts afresh).

use kafka_lab::i18n::{Lang, T};
use yew::prelude::*;

use crate::components::el;

use crate::state::{Action, Failures};

/// A click that runs `lines` as the button `origin`.
pub fn run(on_action: &Callback<Action>, origin: &str, lines: Vec<String>) -> Callback<MouseEvent> {
    let (cb, origin) = (on_action.clone(), origin.to_string());
    Callback::from(move |_: MouseEvent| {
        cb.emit(Action::Run {
            origin: origin.clone(),
            lines: lines.clone(),
        })
    })
}

/// The failure of the button `origin`, if its last command failed (else nothing).
pub fn note(failures: &Failures, origin: &str, lang: Lang) -> Html {
    note_with(failures, origin, lang, true)
}

/// As [`note`]; without the lab's explanation when `explain` is false (a note beside it
/// already gives the cause).
pub fn note_with(failures: &Failures, origin: &str, lang: Lang, explain: bool) -> Html {
    let Some(f) = failures.get(origin) else {
        return Html::default();
    };
    html! {
        <p class="failure" role="alert" data-testid="failure" data-origin={origin.to_string()}>
            { el::el("strong", "", T::ActionFailed.get(lang)) }
            if let Some(h) = f.hint.filter(|_| explain) {
                { " " }{ el::el("span", "hint-text", h.get(lang)) }
            }
            { el::el("code", "", &f.message) }
        </p>
    }
}

/// Every failure whose origin starts with `prefix` (a table's rows, a panel's buttons).
pub fn notes(failures: &Failures, prefix: &str, lang: Lang) -> Html {
    failures
        .keys()
        .filter(|o| o.starts_with(prefix))
        .map(|o| note(failures, o, lang))
        .collect()
}
