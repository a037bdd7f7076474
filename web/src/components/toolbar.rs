//! Title, play / pause / step, speed (logarithmic), the virtual clock and the language switch.

use kafka_lab::i18n::{tr, Lang, T};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::el;

use crate::state::{slider_to_speed, speed_to_slider, Action, SPEED_RANGE};

/// Toolbar props.
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// Language.
    pub lang: Lang,
    /// Whether the clock runs.
    pub playing: bool,
    /// Current speed.
    pub speed: f64,
    /// The speed the simulation really runs at when it cannot keep up (`Ui::actual_speed`).
    #[prop_or_default]
    pub actual_speed: Option<f64>,
    /// Virtual time (ms).
    pub now: u64,
    /// Simulation items handled so far.
    pub processed: u64,
    /// Where actions go.
    pub on_action: Callback<Action>,
    /// The tour is open.
    #[prop_or_default]
    pub tour_open: bool,
    /// No saved tour progress: the Tour button invites a first-time visitor.
    #[prop_or_default]
    pub tour_new: bool,
}

/// `12.345 s` for a virtual time in ms.
pub fn format_clock(ms: u64) -> String {
    format!("{}.{:03} s", ms / 1000, ms % 1000)
}

/// `×0.5`, `×1`, `×20` for a speed.
pub fn format_speed(s: f64) -> String {
    if s < 1.0 {
        format!("×{s:.1}")
    } else {
        format!("×{}", s.round() as u64)
    }
}

fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d={path} /></svg>
    }
}
fn icon_play() -> Html {
    icon("M4 2.5v11l9-5.5z")
}
fn icon_pause() -> Html {
    icon("M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z")
}
fn icon_step() -> Html {
    icon("M2.5 2.5v11l7.5-5.5zM11 2.5h2.5v11H11z")
}

/// The toolbar.
#[component]
pub fn Toolbar(p: &ToolbarProps) -> Html {
    let lang = p.lang;
    let act = |a: Action| {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let on_speed = {
        let cb = p.on_action.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                cb.emit(Action::SetSpeed(slider_to_speed(v)));
            }
        })
    };
    let lang_button = |l: Lang, label: &'static str| {
        let cb = p.on_action.clone();
        html! {
            <button
                class={classes!("lang", (lang == l).then_some("active"))}
                aria-pressed={(lang == l).to_string()}
                onclick={Callback::from(move |_: MouseEvent| cb.emit(Action::SetLang(l)))}
            >{ label }</button>
        }
    };
    html! {
        <header class="toolbar">
            <div class="brand">
                <svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
                    <rect width="32" height="32" rx="6" fill="#163a5c" />
                    <circle cx="16" cy="8" r="4" fill="#56B4E9" />
                    <circle cx="8" cy="22" r="4" fill="#E69F00" />
                    <circle cx="24" cy="22" r="4" fill="#009E73" />
                    <path d="M16 12v4M16 16l-6 4M16 16l6 4" stroke="#fff" stroke-width="2" fill="none" />
                </svg>
                <div>
                    { el::el("h1", "", T::AppTitle.get(lang)) }
                    { el::el("p", "tagline", T::AppTagline.get(lang)) }
                </div>
            </div>
            <div class="controls" role="group">
                <button class="play" data-testid="play" onclick={act(Action::TogglePlay)}>
                    if p.playing { { icon_pause() } { T::Pause.get(lang) } } else { { icon_play() } { T::Play.get(lang) } }
                </button>
                <button data-testid="step" title={T::StepTitle.get(lang)} onclick={act(Action::Step)}>
                    { icon_step() } { T::Step.get(lang) }
                </button>
                <label class="speed">
                    { el::el("span", "", T::Speed.get(lang)) }
                    <input
                        type="range"
                        data-testid="speed"
                        min={speed_to_slider(SPEED_RANGE.0).to_string()}
                        max={speed_to_slider(SPEED_RANGE.1).to_string()}
                        step="0.05"
                        value={speed_to_slider(p.speed).to_string()}
                        oninput={on_speed}
                    />
                    <output>{ format_speed(p.speed) }</output>
                    if let Some(a) = p.actual_speed {
                        <span class="speed-behind" data-testid="speed-behind"
                              title={T::SpeedBehindTitle.get(lang)}>
                            { tr(lang, T::SpeedBehind, &[("speed", format_speed(a))]) }
                        </span>
                    }
                </label>
                <div class="clock" title={T::VirtualTime.get(lang)}>
                    { el::el("span", "clock-label", T::VirtualTime.get(lang)) }
                    <span class="clock-value" data-testid="clock">{ format_clock(p.now) }</span>
                    <span class="clock-label" data-testid="processed">{ tr(lang, T::EventNumber, &[("n", p.processed.to_string())]) }</span>
                </div>
            </div>
            <button class="tm-keys" data-testid="shortcuts-open" title={T::ShortcutsButtonTitle.get(lang)}
                    aria-label={T::ShortcutsTitle.get(lang)} onclick={act(Action::ToggleShortcuts)}>{ "?" }</button>
            <button class={classes!("tour-open", p.tour_new.then_some("new"))} data-testid="tour-open"
                    aria-pressed={p.tour_open.to_string()} title={T::TourButtonTitle.get(lang)}
                    onclick={act(Action::Tour(if p.tour_open { crate::tour::TourMsg::Close } else { crate::tour::TourMsg::Open }))}>
                { T::TourButton.get(lang) }
            </button>
            <div class="langs" role="group" aria-label={T::Language.get(lang)}>
                { lang_button(Lang::En, "English") }
                { lang_button(Lang::Zh, "中文") }
            </div>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_and_speed_labels() {
        assert_eq!(format_clock(6012), "6.012 s");
        assert_eq!(format_clock(5), "0.005 s");
        assert_eq!(format_speed(0.1), "×0.1");
        assert_eq!(format_speed(20.0), "×20");
    }
}
