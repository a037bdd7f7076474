//! The replication tab (notes sections 2, 4, 11, 12): the producer and fault controls, each
//! replica's log with its LEO and HW, the six steps of one send, the ledger, and the presets
//! that play each loss and duplicate case.

use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::ledger::{Outcome, SendStatus};
use kafka_lab::presets::{KRAFT_PRESETS, PRESETS};
use kafka_lab::view::{ClusterView, PartitionDetail, ReplicaRow};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::el;

use crate::components::controls::{FaultPanel, ProducerPanel};
use crate::components::diagram::look_name;
use crate::state::{Action, PresetRun, ReplicationData, Shared, Stream, Trace};

/// Replication tab props.
#[derive(Properties, PartialEq)]
pub struct ReplicationProps {
    /// The cluster.
    pub view: Shared<ClusterView>,
    /// The tab's data.
    pub data: Shared<ReplicationData>,
    /// The stream, if one runs.
    pub stream: Option<Stream>,
    /// The traced send.
    pub trace: Option<Trace>,
    /// The preset being played.
    pub preset: Option<PresetRun>,
    /// Language.
    pub lang: Lang,
    /// Runs a command.
    pub on_exec: Callback<String>,
    /// Other actions.
    pub on_action: Callback<Action>,
    /// Buttons whose command failed.
    pub failures: Shared<crate::state::Failures>,
}

/// The replication tab.
#[component]
pub fn Replication(p: &ReplicationProps) -> Html {
    let lang = p.lang;
    let d = &*p.data;
    let topics: Vec<String> = {
        let mut t: Vec<String> = d.partitions.iter().map(|tp| tp.topic.to_string()).collect();
        t.dedup();
        t
    };
    html! {
        <div class="replication">
            { presets(T::PresetsTitle, None, p.preset.as_ref(), lang, &p.on_action) }
            <div class="controls-row">
                <ProducerPanel topics={topics} stream={p.stream.clone()} lang={lang}
                    on_exec={p.on_exec.clone()} on_action={p.on_action.clone()} failures={p.failures.clone()} />
                <FaultPanel view={p.view.clone()} lang={lang} on_exec={p.on_exec.clone()} on_action={p.on_action.clone()} failures={p.failures.clone()} />
            </div>
            if let Some(t) = &p.trace {
                { six_steps(t, lang, &p.on_action) }
            }
            { partition_view(d, p.view.kraft.is_some(), lang, &p.on_action) }
            { ledger(&d.ledger, d, lang) }
        </div>
    }
}

/// The presets panel: the buttons (all presets, or only `only`) and the script of the one
/// playing (when it is one of them).
pub fn presets(
    title: T,
    only: Option<&[&str]>,
    run: Option<&PresetRun>,
    lang: Lang,
    on_action: &Callback<Action>,
) -> Html {
    let shown = |id: &str| only.is_none_or(|o| o.contains(&id));
    let playing = run.map(|r| r.id);
    let run = run.filter(|r| shown(r.id));
    let button = |pr: &'static kafka_lab::presets::Preset| {
        let cb = on_action.clone();
        let id = pr.id;
        html! {
            <button class={classes!("preset", (playing == Some(id)).then_some("on"))}
                    data-preset={id}
                    onclick={Callback::from(move |_: MouseEvent| cb.emit(Action::PlayPreset(id)))}>
                { pr.title.get(lang) }
            </button>
        }
    };
    let kraft = |id: &str| KRAFT_PRESETS.contains(&id);
    let kraft_group = only.is_none();
    html! {
        <section class="panel presets" aria-label={title.get(lang)}>
            { el::el("h3", "", title.get(lang)) }
            <div class="preset-list">
                { for PRESETS.iter().filter(|pr| shown(pr.id) && !(kraft_group && kraft(pr.id))).map(button) }
            </div>
            if kraft_group {
                <div class="preset-group kraft-presets" data-testid="kraft-presets">
                    { el::el("h4", "", T::PresetKrGroup.get(lang)) }
                    <div class="preset-list">
                        { for PRESETS.iter().filter(|pr| kraft(pr.id)).map(button) }
                        { crate::components::kraft_elr::compare_button(lang, on_action) }
                    </div>
                </div>
            }
            if let Some(r) = run {
                if let Some(pr) = kafka_lab::presets::preset(r.id) {
                    <div class="preset-now" data-testid="preset-now" data-done={r.done().to_string()}>
                        { el::el("h4", "", pr.title.get(lang)) }
                        { el::el("p", "", pr.explain.get(lang)) }
                        { crate::components::kraft_elr::preset_notes(pr, r, lang) }
                        <ol class="script">
                            { for r.commands.iter().enumerate().map(|(i, c)| {
                                let state = if i + 1 < r.next || (i + 1 == r.next && r.waiting_until.is_none()) {
                                    "done"
                                } else if i + 1 == r.next {
                                    "now"
                                } else {
                                    "later"
                                };
                                html! { <li class={state}>{ el::el("code", "", c.as_str()) }</li> }
                            }) }
                        </ol>
                        <p class="preset-status">
                            { match (r.done(), only.is_some()) {
                                (true, false) => T::PresetDone.get(lang),
                                (true, true) => T::PresetDoneHere.get(lang),
                                (false, _) => T::PresetRunning.get(lang),
                            } }
                            { " " }
                            <button onclick={{ let cb = on_action.clone(); Callback::from(move |_: MouseEvent| cb.emit(Action::StopPreset)) }}>
                                { T::PresetStop.get(lang) }
                            </button>
                        </p>
                    </div>
                }
            }
        </section>
    }
}

fn six_steps(t: &Trace, lang: Lang, on_action: &Callback<Action>) -> Html {
    let steps = [
        T::SixStep1,
        T::SixStep2,
        T::SixStep3,
        T::SixStep4,
        T::SixStep5,
        T::SixStep6,
    ];
    let next = {
        let cb = on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::TraceNext))
    };
    html! {
        <section class="panel six-steps" data-testid="six-steps" data-stage={t.stage.map_or("failed".to_string(), |s| s.to_string())}>
            <h3>{ T::SixStepsTitle.get(lang) }{ format!(" — #{}", t.send) }</h3>
            <ol>
                { for steps.iter().enumerate().map(|(i, s)| {
                    let n = i as u8 + 1;
                    let class = match t.stage {
                        Some(st) if n < st || st == 6 => "done",
                        Some(st) if n == st => "now",
                        _ => "later",
                    };
                    html! { <li class={class}>{ s.get(lang) }</li> }
                }) }
            </ol>
            if t.acks == "1" {
                <p class="hint" data-testid="trace-acks">{ T::TraceAcksOne.get(lang) }</p>
            } else if t.acks == "0" {
                <p class="hint" data-testid="trace-acks">{ T::TraceAcksZero.get(lang) }</p>
            }
            if t.stage.is_none() {
                { el::el("p", "bad", T::TraceFailed.get(lang)) }
            } else if t.stage != Some(6) {
                <button onclick={next} data-testid="trace-next">{ T::TraceNext.get(lang) }</button>
            }
        </section>
    }
}

fn partition_view(
    d: &ReplicationData,
    kraft: bool,
    lang: Lang,
    on_action: &Callback<Action>,
) -> Html {
    let on_select = {
        let cb = on_action.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            if let Some(tp) = kafka_lab::model::TopicPartition::parse(&s.value()) {
                cb.emit(Action::Select(tp));
            }
        })
    };
    let selected = d
        .detail
        .as_ref()
        .map(|x| x.tp.to_string())
        .unwrap_or_default();
    html! {
        <section class="panel partition-view" data-testid="partition-view">
            <h3>
                { T::ReplicasOf.get(lang) }{ " " }
                <select onchange={on_select} data-testid="partition-select">
                    { for d.partitions.iter().map(|tp| {
                        let s = tp.to_string();
                        html! { <option value={s.clone()} selected={s == selected}>{ s }</option> }
                    }) }
                </select>
                if let Some(x) = &d.detail {
                    <span class="pv-state">
                        { format!("leader {} · epoch {} · ISR [{}]",
                            x.leader.map_or("none".to_string(), |l| l.to_string()),
                            x.leader_epoch,
                            kafka_lab::model::join_ids(&x.isr)) }
                    </span>
                    { crate::components::kraft_elr::elr_state(x, kraft, lang) }
                }
            </h3>
            if let Some(x) = &d.detail {
                { replica_rows(x, lang) }
            }
            { el::el("p", "explain-small", T::HwExplain.get(lang)) }
        </section>
    }
}

fn replica_rows(x: &PartitionDetail, lang: Lang) -> Html {
    let first = x
        .replicas
        .iter()
        .flat_map(|r| r.records.first().map(|c| c.offset))
        .min()
        .unwrap_or(0);
    let last = x
        .replicas
        .iter()
        .map(|r| r.leo)
        .max()
        .unwrap_or(0)
        .max(first);
    html! {
        <div class="replica-rows" data-isr={kafka_lab::model::join_ids(&x.isr)} data-elr={kafka_lab::model::join_ids(&x.elr)}>
            { for x.replicas.iter().map(|r| replica_row(r, x, first, last, lang)) }
        </div>
    }
}

fn replica_row(r: &ReplicaRow, x: &PartitionDetail, first: u64, last: u64, lang: Lang) -> Html {
    let look = look_name(r.look);
    let cells: Vec<Html> = (first..last.max(r.leo))
        .map(|o| {
            let cell = r.records.iter().find(|c| c.offset == o);
            match cell {
                Some(c) => {
                    let title = format!("offset {} · #{} {} · epoch {}", c.offset, c.send, c.value, c.epoch);
                    html! {
                        <span class={classes!("cell", format!("e{}", c.epoch % 6), (c.offset < r.hw).then_some("committed"),
                                             c.lost.then_some("lost"), c.duplicated.then_some("dup"))}
                              title={title}>
                            { el::el("span", "off", c.offset) }
                        </span>
                    }
                }
                None => html! { <span class="cell gap"></span> },
            }
        })
        .collect();
    html! {
        <div class={classes!("replica-row", look, (!r.alive).then_some("dead"))}
             data-broker={r.broker.to_string()} data-look={look} data-in-isr={r.in_isr.to_string()}
             data-in-elr={x.elr.contains(&r.broker).to_string()}
             data-leo={r.leo.to_string()} data-hw={r.hw.to_string()}>
            <div class="rr-head">
                <strong>{ format!("{} {}", T::Broker.get(lang), r.broker) }</strong>
                <span class={classes!("badge", look)}>{ look }</span>
                <span class={classes!("badge", if r.in_isr { "isr" } else { "no-isr" })}>
                    { if r.in_isr { T::InIsr.get(lang) } else { T::NotInIsr.get(lang) } }
                </span>
                { crate::components::kraft_elr::row_tag(x, r.broker, lang) }
                { r.epoch.map_or(Html::default(), |e| html! { <span class="badge">{ format!("epoch {e}") }</span> }) }
                if !r.alive { { el::el("span", "badge dead", T::DeadBroker.get(lang)) } }
                if r.fetching { { el::el("span", "badge fetching", T::Fetching.get(lang)) } }
                if r.fetch_delay_ms > 0 { { el::el("span", "badge slow", tr(lang, T::SlowedBy, &[("ms", r.fetch_delay_ms.to_string())])) } }
                <span class="marks">{ format!("{} {} · {} {}", T::Leo.get(lang), r.leo, T::Hw.get(lang), r.hw) }</span>
            </div>
            <div class="cells">
                { for cells.into_iter() }
                if r.leo == first && r.records.is_empty() { { el::el("span", "empty", T::EmptyLog.get(lang)) } }
            </div>
        </div>
    }
}

fn ledger(rows: &[SendStatus], d: &ReplicationData, lang: Lang) -> Html {
    let s = d.summary;
    let shown = rows.len().saturating_sub(60);
    html! {
        <section class="panel ledger" data-testid="ledger"
                 data-lost={s.lost.to_string()} data-duplicated={s.duplicated.to_string()}>
            { el::el("h3", "", T::LedgerTitle.get(lang)) }
            <p class="summary">{ el::el("code", "", s.to_string()) }</p>
            if rows.is_empty() {
                { el::el("p", "muted", T::LedgerEmpty.get(lang)) }
            } else {
                <table>
                    <thead><tr>
                        { el::el("th", "", "#") }{ el::el("th", "", T::ColPartition.get(lang)) }{ el::el("th", "", T::Value.get(lang)) }
                        { el::el("th", "", T::Acks.get(lang)) }{ el::el("th", "", T::ColTold.get(lang)) }
                        { el::el("th", "", T::ColHeldBy.get(lang)) }<th></th>
                    </tr></thead>
                    <tbody>
                    { for rows[shown..].iter().rev().map(|st| {
                        let e = &st.entry;
                        let told = match &e.outcome {
                            Outcome::Pending => T::Waiting.get(lang).to_string(),
                            Outcome::Acked { offset, .. } => format!("ack @{}", offset.map_or(-1, |o| o as i64)),
                            Outcome::Failed { error, .. } => error.name().to_string(),
                        };
                        let held = st.held_by.iter().map(|(b, o)| {
                            format!("{b}:{}", o.iter().map(u64::to_string).collect::<Vec<_>>().join("+"))
                        }).collect::<Vec<_>>().join(" ");
                        html! {
                            <tr class={classes!(st.lost.then_some("lost"), st.duplicated.then_some("dup"))}>
                                { el::el("td", "", e.id) }{ el::el("td", "", e.tp.to_string()) }{ el::el("td", "", &*e.value) }
                                { el::el("td", "", e.acks.name()) }{ el::el("td", "", told) }<td>{ if held.is_empty() { "–".to_string() } else { held } }</td>
                                <td>
                                    if st.lost { { el::el("span", "flag lost", T::Lost.get(lang)) } }
                                    if st.duplicated { { el::el("span", "flag dup", T::Duplicated.get(lang)) } }
                                    if st.deleted { { el::el("span", "flag deleted", T::LedgerTopicDeleted.get(lang)) } }
                                    if st.committed && !st.lost { { el::el("span", "flag ok", T::Committed.get(lang)) } }
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
