//! The page: toolbar on top, the cluster diagram, and beside it the event log and console.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use kafka_lab::i18n::{tr, Lang, T};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::el;

use crate::components::compare_eras::CompareEras;
use crate::components::console::Console;
use crate::components::consumers::Consumers;
use crate::components::diagram::Diagram;
use crate::components::era_switch::EraSwitch;
use crate::components::event_log::EventLog;
use crate::components::producer::Producer;
use crate::components::replication::Replication;
use crate::components::shortcuts::Shortcuts;
use crate::components::storage::Storage;
use crate::components::timeline::{play_script_file, Timeline};
use crate::components::toolbar::Toolbar;
use crate::components::tour::{restore_message, Tour};
use crate::state::{Action, Tab, Ui, SAVED_RUN_KEY};

/// How the page starts.
#[derive(Properties, Clone, PartialEq)]
pub struct AppProps {
    /// Virtual ms per real ms.
    #[prop_or(1.0)]
    pub speed: f64,
    /// Start with the clock running.
    #[prop_or(true)]
    pub autoplay: bool,
    /// The language (from `?lang=`, else the browser's).
    #[prop_or_default]
    pub lang: Lang,
    /// `?lang=` named the language: it wins over a link's.
    #[prop_or_default]
    pub force_lang: bool,
    /// A run's link in the page's address (`#run=…`): the page opens it, paused.
    #[prop_or_default]
    pub link: Option<String>,
    /// The run saved in this browser (`localStorage`), restored when there is no link.
    #[prop_or_default]
    pub saved: Option<String>,
    /// `?mode=kraft` (`Some(true)`) or `?mode=zookeeper` (`Some(false)`): the metadata mode
    /// the page opens in, unless a link says otherwise.
    #[prop_or_default]
    pub kraft: Option<bool>,
}

impl AppProps {
    /// Reads `?lang=zh|en`, `?speed=N` and `?paused` from the page's URL; falls back to the
    /// language chosen last time (`localStorage`), then the browser's. Unknown values are ignored, never fatal.
    pub fn from_url() -> AppProps {
        let window = gloo::utils::window();
        let search = window.location().search().unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
        let get = |k: &str| params.as_ref().and_then(|p| p.get(k));
        let lang = get("lang")
            .and_then(|l| Lang::from_code(&l))
            .or_else(saved_lang)
            .or_else(|| {
                window
                    .navigator()
                    .language()
                    .and_then(|l| Lang::from_code(&l))
            })
            .unwrap_or_default();
        if let Some(ms) = get("simbudget").and_then(|s| s.parse::<f64>().ok()) {
            crate::state::set_sim_budget_ms(ms);
        }
        if get("marks").is_some() {
            crate::marks::enable();
        }
        let speed = get("speed")
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0)
            .unwrap_or(1.0);
        // A link is opened once: the fragment leaves the address, so a reload restores the
        // run as it is then (saved in localStorage), not the link's old state.
        let hash = window.location().hash().unwrap_or_default();
        let link = hash.contains("run=").then_some(hash);
        if link.is_some() {
            let url = format!(
                "{}{}",
                window.location().pathname().unwrap_or_default(),
                search
            );
            if let Ok(h) = window.history() {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                    .ok();
            }
        }
        let saved = if link.is_none() {
            window
                .local_storage()
                .ok()
                .flatten()
                .and_then(|s| s.get_item(SAVED_RUN_KEY).ok().flatten())
        } else {
            None
        };
        AppProps {
            speed,
            autoplay: get("paused").is_none(),
            force_lang: get("lang").and_then(|l| Lang::from_code(&l)).is_some(),
            lang,
            link,
            saved,
            kraft: get("mode").and_then(|m| match m.as_str() {
                "kraft" => Some(true),
                "zk" | "zookeeper" => Some(false),
                _ => None,
            }),
        }
    }
}

/// Where the language chosen with the toolbar's buttons is kept (`localStorage`).
pub const LANG_KEY: &str = "kafka-lab.lang";

fn saved_lang() -> Option<Lang> {
    gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|l| Lang::from_code(&l))
}

thread_local! {
    static FRAME_STATS: Cell<(u64, f64, f64)> = const { Cell::new((0, 0.0, 0.0)) };
}

/// Frames drawn, total and longest time from a frame's start to its render (ms).
pub fn frame_stats() -> (u64, f64, f64) {
    FRAME_STATS.with(Cell::get)
}

fn tab_button(tab: Tab, label: T, current: Tab, lang: Lang, on_action: &Callback<Action>) -> Html {
    let cb = on_action.clone();
    let on = tab == current;
    html! {
        <button role="tab" class={classes!("tab", on.then_some("on"))} aria-selected={on.to_string()}
                data-tab={format!("{tab:?}").to_lowercase()}
                onclick={Callback::from(move |_: MouseEvent| cb.emit(Action::SetTab(tab)))}>
            { label.get(lang) }
        </button>
    }
}

/// The whole page.
#[component]
pub fn App(props: &AppProps) -> Html {
    let ui = {
        let p = props.clone();
        use_reducer(move || match (&p.link, &p.saved) {
            (Some(link), _) => Ui::from_link(link, true, p.lang, p.force_lang, p.speed, false),
            (None, Some(saved)) => {
                // The page's language (chosen last, or `?lang=`) wins over the saved run's.
                let ui = Ui::from_link(saved, false, p.lang, true, p.speed, p.autoplay);
                // `?mode=` names the mode: a saved run in the other one is not restored.
                match p.kraft {
                    Some(k) if k != ui.is_kraft() => {
                        Ui::opening_mode(k, p.lang, p.speed, p.autoplay)
                    }
                    _ => ui,
                }
            }
            (None, None) => Ui::opening_mode(p.kraft == Some(true), p.lang, p.speed, p.autoplay),
        })
    };

    // The animation loop: the browser's frame clock drives virtual time.
    {
        let dispatcher = ui.dispatcher();
        use_effect_with((), move |_| {
            let handle: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
            let last = Rc::new(Cell::new(None::<f64>));
            fn schedule(
                d: yew::UseReducerDispatcher<Ui>,
                handle: Rc<RefCell<Option<AnimationFrame>>>,
                last: Rc<Cell<Option<f64>>>,
            ) {
                let h = handle.clone();
                let frame = request_animation_frame(move |ts| {
                    crate::marks::frame_started();
                    // A hidden tab pauses frames; do not jump ahead by minutes when it returns.
                    let dt = last.get().map_or(0.0, |l| (ts - l).clamp(0.0, 100.0));
                    last.set(Some(ts));
                    d.dispatch(Action::Frame { now: ts, dt });
                    schedule(d, h, last);
                });
                *handle.borrow_mut() = Some(frame);
            }
            schedule(dispatcher, handle.clone(), last);
            move || {
                handle.borrow_mut().take();
            }
        });
    }

    // Record how long the frame took to render.
    use_effect(|| {
        if let Some(took) = crate::marks::frame_drawn() {
            FRAME_STATS.with(|f| {
                let (n, total, max) = f.get();
                f.set((n + 1, total + took, max.max(took)));
            });
        }
    });

    let lang = ui.lang;
    // The same two callbacks on every render (the dispatcher does not change): a new
    // `Callback` each frame made every memoized component that takes one draw again each frame.
    let on_action = {
        let d = ui.dispatcher();
        use_callback((), move |a: Action, _| d.dispatch(a))
    };
    let on_exec = {
        let d = ui.dispatcher();
        use_callback((), move |line: String, _| d.dispatch(Action::Exec(line)))
    };
    // The tour's saved progress and `?tour=N`, once.
    {
        let d = ui.dispatcher();
        use_effect_with((), move |_| d.dispatch(Action::Tour(restore_message())));
    }
    // Keyboard shortcuts (crate::keys), on the window while the page lives.
    let speed_now = use_memo((), |_| Cell::new(1.0));
    speed_now.set(ui.speed);
    {
        let on_action = on_action.clone();
        let speed_now = speed_now.clone();
        use_effect_with((), move |_| {
            let listener = crate::keys::listen(on_action, speed_now);
            move || drop(listener)
        });
    }
    // Keep the run (its link) in this browser: after each command or jump, and every few
    // seconds of play. A saved run that could not be restored is forgotten.
    {
        let ui = ui.clone();
        use_effect_with(ui.save_key(), move |_| {
            if let Some(s) = gloo::utils::window().local_storage().ok().flatten() {
                s.set_item(SAVED_RUN_KEY, &ui.link()).ok();
            }
        });
    }
    let link_now = {
        let ui = ui.clone();
        Callback::from(move |()| ui.link())
    };
    let script_now = {
        let ui = ui.clone();
        Callback::from(move |()| ui.export_script())
    };
    // A .klab script dropped anywhere on the page is played (other drops are left to the
    // panels that take them, e.g. the storage tab's segment files).
    let readers = use_mut_ref(Vec::new);
    let ondrop = {
        let on_action = on_action.clone();
        Callback::from(move |e: DragEvent| {
            if e.default_prevented() {
                return;
            }
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|l| l.get(0))
                .filter(|f| f.name().ends_with(".klab"));
            if let Some(f) = file {
                e.prevent_default();
                play_script_file(f, &on_action, &readers, lang);
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    // Keep <html lang> in step for screen readers and fonts; remember a language the user
    // chose (not the one the page opened in).
    let first_lang = use_mut_ref(|| Some(props.lang));
    {
        let first_lang = first_lang.clone();
        use_effect_with(lang, move |lang| {
            let mut first = first_lang.borrow_mut();
            if first.is_some_and(|f| f != *lang) {
                *first = None;
            }
            if first.is_none() {
                if let Some(s) = gloo::utils::window().local_storage().ok().flatten() {
                    s.set_item(LANG_KEY, lang.code()).ok();
                }
            }
            if let Some(el) = gloo::utils::document().document_element() {
                let code = match lang {
                    Lang::En => "en",
                    Lang::Zh => "zh-CN",
                };
                el.set_attribute("lang", code).ok();
            }
        });
    }

    // The tabs scroll sideways when they do not fit (a phone): a "›" button says so, and
    // scrolls them. Measured when the window or the tab strip changes, not every frame.
    let tablist = use_node_ref();
    let tabs_more = use_state(|| false);
    {
        let (tablist, tabs_more) = (tablist.clone(), tabs_more.clone());
        use_effect_with(lang, move |_| {
            let measure = {
                let tablist = tablist.clone();
                move || {
                    if let Some(el) = tablist.cast::<web_sys::Element>() {
                        let more = el.scroll_left() + el.client_width() + 2 < el.scroll_width();
                        tabs_more.set(more);
                    }
                }
            };
            measure();
            let on_change = wasm_bindgen::closure::Closure::<dyn Fn()>::new(measure);
            let window = gloo::utils::window();
            let f: &web_sys::js_sys::Function = on_change.as_ref().unchecked_ref();
            window.add_event_listener_with_callback("resize", f).ok();
            let el = tablist.cast::<web_sys::Element>();
            if let Some(el) = &el {
                el.add_event_listener_with_callback("scroll", f).ok();
            }
            move || {
                let f: &web_sys::js_sys::Function = on_change.as_ref().unchecked_ref();
                window.remove_event_listener_with_callback("resize", f).ok();
                if let Some(el) = el {
                    el.remove_event_listener_with_callback("scroll", f).ok();
                }
            }
        });
    }
    let scroll_tabs = {
        let tablist = tablist.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = tablist.cast::<web_sys::Element>() {
                el.set_scroll_left(el.scroll_left() + el.client_width() * 2 / 3);
            }
        })
    };

    // The compare-eras view (kweb) shows above the diagram; it has its own two labs.
    let comparing = use_state(|| false);
    {
        // The KRaft presets' "Compare eras" button (kweb2).
        let c = comparing.clone();
        use_effect_with(ui.compare_opens, move |n| {
            if *n > 0 {
                c.set(true);
            }
        });
    }

    html! {
        <div class="lab" data-lang={lang.code()} {ondrop} {ondragover}>
            <Toolbar
                lang={lang}
                playing={ui.playing}
                speed={ui.speed}
                actual_speed={ui.actual_speed.map(|a| (a * 10.0).round() / 10.0)}
                now={ui.now}
                processed={ui.processed}
                on_action={on_action.clone()}
                tour_open={ui.tour.open}
                tour_new={!ui.tour.returning}
            />
            <Timeline
                data={ui.tm.data.clone()}
                lang={lang}
                forked={ui.tm.forked}
                share={ui.tm.share.as_ref().map(|f| crate::components::timeline::page_base() + f)}
                script_error={ui.tm.script_error.clone()}
                on_action={on_action.clone()}
                link_now={link_now}
                script_now={script_now}
            />
            if let Some(b) = &ui.tm.banner {
                <div class="tm-banner" role="alert" data-testid="link-banner">
                    <span>{ tr(lang, if b.from_link { T::TlLinkBad } else { T::TlSavedBad }, &[("why", b.error.message(lang))]) }</span>
                    <button class="tm-x" aria-label={T::Close.get(lang)} title={T::Close.get(lang)}
                            onclick={{ let cb = on_action.clone(); Callback::from(move |_: MouseEvent| cb.emit(Action::DismissBanner)) }}>{ "×" }</button>
                </div>
            }
            <Tour tour={ui.tour.clone()} lang={lang} on_action={on_action.clone()} />
            if ui.shortcuts_open {
                <Shortcuts lang={lang} on_action={on_action.clone()} />
            }
            <main class="workspace">
                <section class="diagram-pane" aria-label={T::Cluster.get(lang)}>
                    <nav class="tabs" data-more={tabs_more.to_string()}>
                        <div class="tablist" role="tablist" ref={tablist.clone()}>
                            { tab_button(Tab::Cluster, T::TabCluster, ui.tab, lang, &on_action) }
                            { tab_button(Tab::Replication, T::TabReplication, ui.tab, lang, &on_action) }
                            { tab_button(Tab::Storage, T::TabStorage, ui.tab, lang, &on_action) }
                            { tab_button(Tab::Producer, T::TabProducer, ui.tab, lang, &on_action) }
                            { tab_button(Tab::Consumers, T::TabConsumers, ui.tab, lang, &on_action) }
                        </div>
                        if *tabs_more {
                            <button class="tabs-more" data-testid="tabs-more" aria-label={T::TabsMore.get(lang)} title={T::TabsMore.get(lang)} onclick={scroll_tabs}>{ "›" }</button>
                        }
                        <EraSwitch lang={lang} kraft={ui.is_kraft()} brokers={ui.view.brokers.len()} on_action={on_action.clone()} />
                    </nav>
                    if !ui.violations.is_empty() {
                        <div class="violations" role="alert" data-testid="violations">
                            { el::el("strong", "", T::ViolationsTitle.get(lang)) }
                            <ul>{ for ui.violations.iter().map(|v| html! { <li>{ el::el("code", "", v.name) }{ " — " }{ &v.detail }</li> }) }</ul>
                        </div>
                    }
                    if ui.tab == Tab::Cluster {
                        <div class="pane-head">
                            { el::el("h2", "", T::Cluster.get(lang)) }
                            { el::el("span", "hint", T::ClusterHint.get(lang)) }
                            { crate::components::kraft_quorum::kill_active_button(ui.view.kraft.as_ref(), lang, &on_action) }
                            { crate::components::kraft_quorum::stop_active_button(ui.view.kraft.as_ref(), lang, &on_action) }
                            <button class="compare-open" data-testid="compare-open" aria-pressed={comparing.to_string()}
                                    onclick={{ let c = comparing.clone(); Callback::from(move |_: MouseEvent| c.set(!*c)) }}>
                                { T::KrCompare.get(lang) }
                            </button>
                        </div>
                        if *comparing {
                            <CompareEras lang={lang} real_now={ui.real_now} speed={ui.speed} playing={ui.playing}
                                         on_close={{ let c = comparing.clone(); Callback::from(move |_: MouseEvent| c.set(false)) }} />
                        }
                        <Diagram
                            view={ui.view.clone()}
                            flights={ui.flights.clone()}
                            lang={lang}
                            on_exec={on_exec.clone()}
                            on_action={on_action.clone()}
                            failures={ui.failures.clone()}
                        />
                        if crate::layout::overview(&ui.view.brokers.iter().map(|b| (b.id, b.replicas.len())).collect::<Vec<_>>()) {
                            <crate::components::overview::Overview
                                brokers={crate::components::overview::OverviewProps::brokers_of(&ui.view)}
                                partitions={ui.partitions.clone()}
                                lang={lang} />
                        }
                    } else if ui.tab == Tab::Consumers {
                        <Consumers data={ui.consumer.clone()} history={ui.lag_history.clone()} lang={lang} on_exec={on_exec.clone()} preset={ui.preset.clone()} on_action={on_action.clone()} failures={ui.failures.clone()} kraft={ui.is_kraft()} />
                    } else if ui.tab == Tab::Producer {
                        <Producer
                            data={ui.producer.clone()}
                            picks={ui.picks.clone()}
                            load={ui.load.clone()}
                            results={ui.load_results.clone()}
                            lang={lang}
                            on_exec={on_exec.clone()}
                            on_action={on_action.clone()}
                            failures={ui.failures.clone()}
                            inside={ui.inside.clone()}
                        />
                    } else if ui.tab == Tab::Storage {
                        <Storage
                            data={ui.storage.clone()}
                            fast={ui.why_fast.clone()}
                            lookup={ui.lookup.clone()}
                            upload={ui.upload.clone()}
                            real_now={crate::components::storage::drawn_at(ui.lookup.as_ref(), ui.real_now)}
                            lang={lang}
                            on_action={on_action.clone()}
                        />
                    } else {
                        <Replication
                            view={ui.view.clone()}
                            data={ui.replication.clone()}
                            stream={ui.stream.clone()}
                            trace={ui.trace.clone()}
                            preset={ui.preset.clone()}
                            lang={lang}
                            on_exec={on_exec.clone()}
                            on_action={on_action.clone()}
                            failures={ui.failures.clone()}
                        />
                    }
                </section>
                <aside class="side">
                    <EventLog
                        events={ui.events.clone()}
                        lang={lang}
                        details={ui.details}
                        on_action={on_action.clone()}
                    />
                    <Console
                        lines={ui.console.clone()}
                        history={ui.history.clone()}
                        producing={ui.console_topic()}
                        lang={lang}
                        on_exec={on_exec}
                    />
                </aside>
            </main>
        </div>
    }
}
