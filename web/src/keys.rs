//! Keyboard shortcuts: a pure mapping from a key press to a [`Shortcut`] (tested natively),
//! the rule that they never fire while the user types, and the window listener that turns
//! them into [`Action`]s.
//!
//! Space play / pause, → one event forward, ← one event back, Home / End the start / the live
//! point of the run, `[` `]` slower / faster, Ctrl/Cmd+Z undo, `?` the list of shortcuts
//! (Escape closes it).

use kafka_lab::i18n::T;

use crate::state::{Action, SPEED_RANGE};

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// Play or pause.
    PlayPause,
    /// One event forward.
    StepForward,
    /// One event back.
    StepBack,
    /// To the start of the run.
    Start,
    /// To the live point (the run's present).
    Live,
    /// Halve the speed (the next slower of the slider's round speeds).
    Slower,
    /// The next faster speed.
    Faster,
    /// Undo the last command.
    Undo,
    /// Show or hide the list of shortcuts.
    Help,
    /// Close the list of shortcuts.
    Close,
}

/// A key press as the browser reports it (`KeyboardEvent.key` and the modifiers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Press<'a> {
    /// `KeyboardEvent.key`: `" "`, `"ArrowLeft"`, `"z"`, `"?"` …
    pub key: &'a str,
    /// Ctrl held.
    pub ctrl: bool,
    /// Cmd (macOS) / the Windows key held.
    pub meta: bool,
    /// Alt / Option held.
    pub alt: bool,
    /// Shift held.
    pub shift: bool,
}

/// The shortcut a key press means, if any. Keys with Ctrl, Cmd or Alt are left to the browser
/// (Cmd+← is "back" on macOS), except Ctrl/Cmd+Z; Ctrl/Cmd+Shift+Z (redo) is not a shortcut.
pub fn shortcut(p: Press<'_>) -> Option<Shortcut> {
    if p.alt {
        return None;
    }
    if p.ctrl || p.meta {
        return (p.key.eq_ignore_ascii_case("z") && !p.shift).then_some(Shortcut::Undo);
    }
    Some(match p.key {
        " " | "Spacebar" => Shortcut::PlayPause,
        "ArrowRight" => Shortcut::StepForward,
        "ArrowLeft" => Shortcut::StepBack,
        "Home" => Shortcut::Start,
        "End" => Shortcut::Live,
        "[" => Shortcut::Slower,
        "]" => Shortcut::Faster,
        "?" => Shortcut::Help,
        "Escape" => Shortcut::Close,
        _ => return None,
    })
}

/// Where a key press happened: the element that had the focus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Target<'a> {
    /// Its tag name, upper case as the DOM gives it (`INPUT`, `BUTTON` …).
    pub tag: &'a str,
    /// It (or an ancestor) is `contenteditable`.
    pub editable: bool,
    /// Its `role` attribute (`button` for the diagram's brokers).
    pub role: &'a str,
}

/// True while the user types (the console, any input, textarea, select, or editable text):
/// then no shortcut fires, so typing `[` or a space in the console types it. Escape still
/// closes the overlay.
pub fn typing(t: Target<'_>) -> bool {
    t.editable || matches!(t.tag, "INPUT" | "TEXTAREA" | "SELECT")
}

/// Whether `p` pressed on `t` should run `s`. Space on a button (or an element acting as one)
/// presses that button, as keyboard users expect, rather than play / pause.
pub fn fires(s: Shortcut, p: Press<'_>, t: Target<'_>) -> bool {
    if s == Shortcut::Close {
        return true;
    }
    if typing(t) {
        return false;
    }
    let on_button = t.tag == "BUTTON" || t.role == "button" || t.tag == "A";
    !(on_button && matches!(p.key, " " | "Spacebar"))
}

/// The speeds `[` and `]` move between (virtual ms per real ms), slowest first.
pub const SPEED_STEPS: &[f64] = &[0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0];

/// The next slower round speed.
pub fn slower(speed: f64) -> f64 {
    SPEED_STEPS
        .iter()
        .rev()
        .copied()
        .find(|&s| s < speed * 0.999)
        .unwrap_or(SPEED_RANGE.0)
}

/// The next faster round speed.
pub fn faster(speed: f64) -> f64 {
    SPEED_STEPS
        .iter()
        .copied()
        .find(|&s| s > speed * 1.001)
        .unwrap_or(SPEED_RANGE.1)
}

/// The action a shortcut dispatches, at the current speed.
pub fn action(s: Shortcut, speed: f64) -> Action {
    match s {
        Shortcut::PlayPause => Action::TogglePlay,
        Shortcut::StepForward => Action::Step,
        Shortcut::StepBack => Action::StepBack,
        Shortcut::Start => Action::SeekStart,
        Shortcut::Live => Action::SeekLive,
        Shortcut::Slower => Action::SetSpeed(slower(speed)),
        Shortcut::Faster => Action::SetSpeed(faster(speed)),
        Shortcut::Undo => Action::Undo,
        Shortcut::Help => Action::ToggleShortcuts,
        Shortcut::Close => Action::CloseShortcuts,
    }
}

/// A key as the overlay shows it: a symbol, or a word in the page's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyCap {
    /// Printed as is (`→`, `[`, `Ctrl/⌘ + Z`).
    Sym(&'static str),
    /// A key's name, translated (Space → 空格键).
    Word(T),
}

/// The overlay's rows: the key, and what it does.
pub const LIST: &[(KeyCap, T)] = &[
    (KeyCap::Word(T::KeySpace), T::KeyPlayPause),
    (KeyCap::Sym("→"), T::KeyStepForward),
    (KeyCap::Sym("←"), T::KeyStepBack),
    (KeyCap::Word(T::KeyHome), T::KeyStart),
    (KeyCap::Word(T::KeyEnd), T::KeyLive),
    (KeyCap::Sym("["), T::KeySlower),
    (KeyCap::Sym("]"), T::KeyFaster),
    (KeyCap::Sym("Ctrl/⌘ + Z"), T::KeyUndo),
    (KeyCap::Sym("?"), T::KeyHelp),
    (KeyCap::Word(T::KeyEsc), T::KeyClose),
];

/// Listens for shortcuts on the window while the page lives; `speed` reads the current
/// speed (for `[` `]`). Returns the listener, which stops listening when dropped.
pub fn listen(
    dispatch: yew::Callback<Action>,
    speed: std::rc::Rc<std::cell::Cell<f64>>,
) -> gloo::events::EventListener {
    use wasm_bindgen::JsCast;
    let window = gloo::utils::window();
    gloo::events::EventListener::new_with_options(
        &window,
        "keydown",
        gloo::events::EventListenerOptions::enable_prevent_default(),
        move |e| {
            let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if e.default_prevented() || e.is_composing() {
                return;
            }
            let key = e.key();
            let press = Press {
                key: &key,
                ctrl: e.ctrl_key(),
                meta: e.meta_key(),
                alt: e.alt_key(),
                shift: e.shift_key(),
            };
            let Some(s) = shortcut(press) else {
                return;
            };
            let el = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
            let tag = el.as_ref().map(|el| el.tag_name()).unwrap_or_default();
            let role = el
                .as_ref()
                .and_then(|el| el.get_attribute("role"))
                .unwrap_or_default();
            let editable = el.as_ref().is_some_and(|el| el.is_content_editable());
            let target = Target {
                tag: &tag,
                editable,
                role: &role,
            };
            if !fires(s, press, target) {
                return;
            }
            e.prevent_default();
            dispatch.emit(action(s, speed.get()));
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Press<'_> {
        Press {
            key: k,
            ..Press::default()
        }
    }

    #[test]
    fn every_listed_key_maps_to_its_shortcut() {
        assert_eq!(shortcut(key(" ")), Some(Shortcut::PlayPause));
        assert_eq!(shortcut(key("ArrowRight")), Some(Shortcut::StepForward));
        assert_eq!(shortcut(key("ArrowLeft")), Some(Shortcut::StepBack));
        assert_eq!(shortcut(key("Home")), Some(Shortcut::Start));
        assert_eq!(shortcut(key("End")), Some(Shortcut::Live));
        assert_eq!(shortcut(key("[")), Some(Shortcut::Slower));
        assert_eq!(shortcut(key("]")), Some(Shortcut::Faster));
        assert_eq!(shortcut(key("?")), Some(Shortcut::Help));
        assert_eq!(shortcut(key("Escape")), Some(Shortcut::Close));
        assert_eq!(shortcut(key("a")), None);
        assert_eq!(shortcut(key("z")), None, "z alone is not undo");
    }

    #[test]
    fn undo_is_ctrl_or_cmd_z_and_other_modified_keys_are_the_browsers() {
        let ctrl_z = Press {
            key: "z",
            ctrl: true,
            ..Press::default()
        };
        assert_eq!(shortcut(ctrl_z), Some(Shortcut::Undo));
        let cmd_z = Press {
            key: "Z",
            meta: true,
            ..Press::default()
        };
        assert_eq!(shortcut(cmd_z), Some(Shortcut::Undo));
        let redo = Press {
            shift: true,
            ..ctrl_z
        };
        assert_eq!(shortcut(redo), None);
        let cmd_left = Press {
            key: "ArrowLeft",
            meta: true,
            ..Press::default()
        };
        assert_eq!(shortcut(cmd_left), None, "Cmd+← is the browser's back");
        let alt_z = Press {
            alt: true,
            ..ctrl_z
        };
        assert_eq!(shortcut(alt_z), None);
    }

    #[test]
    fn nothing_fires_while_typing_and_space_presses_a_focused_button() {
        let console = Target {
            tag: "INPUT",
            ..Target::default()
        };
        for (s, p) in [
            (Shortcut::PlayPause, key(" ")),
            (Shortcut::Slower, key("[")),
            (Shortcut::StepBack, key("ArrowLeft")),
            (Shortcut::Help, key("?")),
        ] {
            assert!(!fires(s, p, console), "{s:?} fired in the console");
        }
        for tag in ["TEXTAREA", "SELECT"] {
            let t = Target {
                tag,
                ..Target::default()
            };
            assert!(!fires(Shortcut::PlayPause, key(" "), t));
        }
        let editable = Target {
            tag: "DIV",
            editable: true,
            ..Target::default()
        };
        assert!(!fires(Shortcut::Live, key("End"), editable));
        let body = Target {
            tag: "BODY",
            ..Target::default()
        };
        assert!(fires(Shortcut::PlayPause, key(" "), body));
        let button = Target {
            tag: "BUTTON",
            ..Target::default()
        };
        assert!(!fires(Shortcut::PlayPause, key(" "), button));
        assert!(fires(Shortcut::StepForward, key("ArrowRight"), button));
        let broker = Target {
            tag: "g",
            role: "button",
            ..Target::default()
        };
        assert!(!fires(Shortcut::PlayPause, key(" "), broker));
        assert!(fires(Shortcut::Close, key("Escape"), console));
    }

    #[test]
    fn brackets_move_between_round_speeds_within_the_range() {
        assert_eq!(faster(1.0), 2.0);
        assert_eq!(faster(1.3), 2.0);
        assert_eq!(slower(1.0), 0.5);
        assert_eq!(slower(1.3), 1.0);
        assert_eq!(faster(100.0), 100.0);
        assert_eq!(slower(0.1), 0.1);
        assert_eq!(action(Shortcut::Faster, 5.0), Action::SetSpeed(10.0));
        assert_eq!(action(Shortcut::Undo, 5.0), Action::Undo);
    }

    #[test]
    fn the_overlay_lists_every_shortcut() {
        assert_eq!(LIST.len(), 10);
        let keys: std::collections::HashSet<T> = LIST.iter().map(|(_, t)| *t).collect();
        assert_eq!(keys.len(), LIST.len());
    }
}
