//! "Compare eras" (kweb): the same script run in a ZooKeeper-mode lab and a KRaft-mode lab at
//! once, drawn as two compact diagrams, with what a learner should notice — every number read
//! from the runs (`state::compare`). This view is outside the time machine: its labs are its
//! own, stepped by the page's frame clock, and never enter the user's run.

use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::view::ClusterView;
use yew::prelude::*;

use crate::components::el;

use crate::components::diagram::look_name;
use crate::components::kraft_quorum::{broker_status, role_word, shown_role};
use crate::layout::Rect;
use crate::layout_kraft::{compact_brokers, role_name, role_shape};
use crate::state::{CompareRun, EraRun};
use crate::text_fit::fit_end;

/// Compare view props.
#[derive(Properties, PartialEq)]
pub struct CompareErasProps {
    /// Language.
    pub lang: Lang,
    /// Real time now (ms): the page's frame clock.
    pub real_now: f64,
    /// Virtual ms per real ms.
    pub speed: f64,
    /// The page's clock runs.
    pub playing: bool,
    /// Closes the view.
    pub on_close: Callback<MouseEvent>,
}

/// The compact diagram's size (viewBox units).
const W: f64 = 420.0;
const H: f64 = 230.0;
/// Top of the brokers' row.
const BROKERS_AT: f64 = 104.0;

/// The view.
#[component]
pub fn CompareEras(p: &CompareErasProps) -> Html {
    let lang = p.lang;
    let run = use_mut_ref(CompareRun::new);
    let redraw = use_force_update();
    run.borrow_mut().frame(p.real_now, p.speed, p.playing);
    let act = |f: fn(&mut CompareRun)| {
        let (run, redraw) = (run.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            f(&mut run.borrow_mut());
            redraw.force_update();
        })
    };
    let restart = {
        let (run, redraw) = (run.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            *run.borrow_mut() = CompareRun::new();
            redraw.force_update();
        })
    };
    let r = run.borrow();
    html! {
        <section class="compare-eras" data-testid="compare-eras" data-step={r.step.to_string()}>
            <div class="ce-head">
                { el::el("h3", "", T::KrCompareTitle.get(lang)) }
                <button class="ce-close" data-testid="compare-close" onclick={p.on_close.clone()}>{ T::KrCompareClose.get(lang) }</button>
            </div>
            { el::el("p", "ce-note", T::KrCompareNote.get(lang)) }
            <div class="ce-actions">
                <button data-testid="compare-kill-broker" disabled={r.step >= 1} onclick={act(CompareRun::kill_broker)}>{ tr(lang, T::KrCompareKillBroker, &[("broker", r.eras[0].broker_killed.unwrap_or_else(|| r.victim()).to_string())]) }</button>
                <button data-testid="compare-kill-controller" disabled={r.step != 1} onclick={act(CompareRun::kill_controller)}>{ T::KrCompareKillController.get(lang) }</button>
                <button data-testid="compare-restart" onclick={restart}>{ T::KrCompareRestart.get(lang) }</button>
                if !p.playing {
                    { el::el("span", "ce-paused", T::KrComparePaused.get(lang)) }
                }
            </div>
            <div class="ce-panes">
                { for r.eras.iter().map(|e| pane(e, lang)) }
            </div>
            { el::el("h4", "", T::KrCompareNotice.get(lang)) }
            <ul class="ce-notice" data-testid="compare-notice">
                { for notices(&r, lang).into_iter().map(|(era, text)| html! {
                    <li class={era}>{ text }</li>
                }) }
            </ul>
        </section>
    }
}

/// What to notice, each line tagged with its era's class; numbers from the runs.
pub fn notices(r: &CompareRun, lang: Lang) -> Vec<(&'static str, String)> {
    let [zk, kr] = &r.eras;
    let waiting = || T::KrCompareWaiting.get(lang).to_string();
    let b = zk.broker_killed.unwrap_or_else(|| r.victim()).to_string();
    let mut out = Vec::new();
    if let Some(killed) = zk.broker_killed_at {
        out.push((
            "zk",
            zk.broker_gone_at.map_or_else(waiting, |at| {
                tr(
                    lang,
                    T::KrNoticeZkExpiry,
                    &[("broker", b.clone()), ("ms", (at - killed).to_string())],
                )
            }),
        ));
    }
    if let Some(killed) = kr.broker_killed_at {
        out.push((
            "kraft",
            kr.broker_gone_at.map_or_else(waiting, |at| {
                tr(
                    lang,
                    T::KrNoticeFenced,
                    &[("broker", b.clone()), ("ms", (at - killed).to_string())],
                )
            }),
        ));
    }
    if let Some((_, killed)) = zk.controller_killed {
        out.push((
            "zk",
            zk.new_controller.map_or_else(waiting, |(id, epoch, at)| {
                tr(
                    lang,
                    T::KrNoticeZkNewController,
                    &[
                        ("broker", id.to_string()),
                        ("epoch", epoch.to_string()),
                        ("ms", (at - killed).to_string()),
                    ],
                )
            }),
        ));
    }
    if let Some((_, killed)) = kr.controller_killed {
        out.push((
            "kraft",
            kr.new_controller.map_or_else(waiting, |(id, epoch, at)| {
                tr(
                    lang,
                    T::KrNoticeKraftNewController,
                    &[
                        ("id", id.to_string()),
                        ("epoch", epoch.to_string()),
                        ("ms", (at - killed).to_string()),
                    ],
                )
            }),
        ));
    }
    if let Some(c) = zk.controller() {
        out.push((
            "zk",
            tr(lang, T::KrNoticeZkController, &[("broker", c.to_string())]),
        ));
    }
    if let Some(k) = &kr.view.kraft {
        out.push((
            "kraft",
            tr(
                lang,
                T::KrNoticeKraftController,
                &[
                    ("n", k.controllers.len().to_string()),
                    ("id", k.leader.map_or("–".into(), |l| l.to_string())),
                    ("epoch", k.epoch.to_string()),
                ],
            ),
        ));
    }
    out.push(("zk", T::KrNoticeZkMetadata.get(lang).to_string()));
    if let Some(k) = &kr.view.kraft {
        out.push((
            "kraft",
            tr(
                lang,
                T::KrNoticeKraftMetadata,
                &[("hw", k.high_watermark.to_string())],
            ),
        ));
    }
    out
}

fn pane(e: &EraRun, lang: Lang) -> Html {
    let v = &e.view;
    let era = if e.kraft { "kraft" } else { "zk" };
    let title = if e.kraft { T::KrEraKraft } else { T::KrEraZk };
    let top = Rect {
        x: 8.0,
        y: 8.0,
        w: W - 16.0,
        h: BROKERS_AT - 16.0,
    };
    let row = Rect {
        x: 0.0,
        y: 0.0,
        w: W,
        h: H,
    };
    html! {
        <div class={classes!("ce-pane", era)} data-testid="compare-pane" data-era={era}
             data-controller={e.controller().map(|c| c.to_string()).unwrap_or_default()}
             data-epoch={e.controller_epoch().to_string()} data-now={v.now.to_string()}>
            <h4>{ title.get(lang) }<span class="ce-clock">{ format!(" · {} ms", v.now) }</span></h4>
            if let Some(err) = &e.error {
                <p class="failure" role="alert">{ el::el("code", "", err) }</p>
            }
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={title.get(lang)}>
                if let Some(k) = &v.kraft {
                    <rect class="ce-top kraft" x={top.x.to_string()} y={top.y.to_string()} width={top.w.to_string()} height={top.h.to_string()} rx="8" />
                    <text x={(top.x + 10.0).to_string()} y={(top.y + 18.0).to_string()} class="kq-title">{ T::KrQuorum.get(lang) }</text>
                    <text x={(top.x + top.w - 10.0).to_string()} y={(top.y + 18.0).to_string()} class="kq-sub" text-anchor="end">
                        { format!("{} · HW {}", tr(lang, T::KrEpoch, &[("epoch", k.epoch.to_string())]), k.high_watermark) }
                    </text>
                    { for k.controllers.iter().enumerate().map(|(i, c)| {
                        let n = k.controllers.len().max(1) as f64;
                        let w = (top.w - 20.0 - 8.0 * (n - 1.0)) / n;
                        let x = top.x + 10.0 + i as f64 * (w + 8.0);
                        let role = shown_role(c);
                        html! {
                            <g class={classes!("kq-card", role_name(role))} data-testid="compare-controller" data-role={role_name(role)}>
                                <rect class="kq-card-box" x={x.to_string()} y={(top.y + 28.0).to_string()} width={w.to_string()} height="48" rx="6" />
                                <path class="kq-shape" d={role_shape(role)} transform={format!("translate({},{})", x + 12.0, top.y + 42.0)} />
                                <text x={(x + 22.0).to_string()} y={(top.y + 46.0).to_string()} class="kq-name">{ c.id.to_string() }</text>
                                <text x={(x + 8.0).to_string()} y={(top.y + 66.0).to_string()} class="kq-line">{ fit_end(&format!("{} · e{}", role_word(role, lang), c.epoch), w - 12.0, 6.6) }</text>
                            </g>
                        }
                    }) }
                } else {
                    <rect class="ce-top zk" x={top.x.to_string()} y={top.y.to_string()} width={top.w.to_string()} height={top.h.to_string()} rx="8" />
                    <text x={(top.x + 10.0).to_string()} y={(top.y + 18.0).to_string()} class="zk-title">{ T::ZooKeeper.get(lang) }</text>
                    <text x={(top.x + 10.0).to_string()} y={(top.y + 42.0).to_string()} class="zpath">
                        { v.controller.map_or_else(|| T::KrNoController.get(lang).to_string(), |c| tr(lang, T::KrZkControllerLine, &[("id", c.to_string())])) }
                    </text>
                    <text x={(top.x + 10.0).to_string()} y={(top.y + 60.0).to_string()} class="zpath">
                        { format!("/controller_epoch: {}", v.controller_epoch) }
                    </text>
                    <text x={(top.x + 10.0).to_string()} y={(top.y + 78.0).to_string()} class="zpath">
                        { format!("/brokers/ids: [{}]", kafka_lab::model::join_ids(&v.registered)) }
                    </text>
                }
                { for v.brokers.iter().zip(compact_brokers(row, v.brokers.len(), BROKERS_AT)).map(|(b, r)| broker(v, b, r, lang)) }
            </svg>
        </div>
    }
}

fn broker(v: &ClusterView, b: &kafka_lab::view::BrokerView, r: Rect, lang: Lang) -> Html {
    let status = match &v.kraft {
        // The compact box has room for the state alone.
        Some(k) => broker_status(k, b.id, b.alive, v.now, lang).map(|(text, class)| {
            if class == "unfenced" {
                T::KrUnfenced.get(lang).to_string()
            } else {
                text
            }
        }),
        None if b.alive && b.is_controller => Some(format!("★ {}", T::Controller.get(lang))),
        None if b.alive => Some(format!("/brokers/ids/{}", b.id)),
        None => Some(match b.session_expires_at {
            Some(at) if at > v.now => tr(
                lang,
                T::SessionExpiresIn,
                &[("secs", format!("{:.1}", (at - v.now) as f64 / 1000.0))],
            ),
            _ => format!("✕ {}", T::Dead.get(lang)),
        }),
    }
    .unwrap_or_default();
    let fenced = v
        .kraft
        .as_ref()
        .and_then(|k| k.brokers.iter().find(|x| x.id == b.id))
        .map(|x| x.fenced.to_string());
    html! {
        <g class={classes!("broker", if b.alive { "alive" } else { "dead" }, b.is_controller.then_some("controller"))}
           data-testid="compare-broker" data-broker={b.id.to_string()} data-alive={b.alive.to_string()} data-fenced={fenced}>
            <rect class="box" x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="8" />
            <text x={(r.x + 8.0).to_string()} y={(r.y + 17.0).to_string()} class="broker-name ce-name">{ format!("{} {}", T::Broker.get(lang), b.id) }</text>
            <text x={(r.x + 8.0).to_string()} y={(r.y + 32.0).to_string()} class="broker-status ce-status">{ fit_end(&status, r.w - 14.0, 6.0) }</text>
            { for b.replicas.iter().take(4).enumerate().map(|(i, rep)| {
                let y = r.y + 40.0 + i as f64 * 20.0;
                let look = look_name(rep.look);
                html! {
                    <g class={classes!("chip", look)} data-tp={rep.tp.to_string()} data-look={look}>
                        <rect x={(r.x + 6.0).to_string()} y={y.to_string()} width={(r.w - 12.0).to_string()} height="16" rx="4" />
                        <text x={(r.x + 11.0).to_string()} y={(y + 12.0).to_string()} class="ce-chip">{ fit_end(&rep.tp.to_string(), r.w - 40.0, 6.6) }</text>
                        <text x={(r.x + r.w - 11.0).to_string()} y={(y + 12.0).to_string()} text-anchor="end" class="ce-chip">
                            { match rep.look { kafka_lab::view::ReplicaLook::Leader => "L", kafka_lab::view::ReplicaLook::Offline => "–", _ => "F" } }
                        </text>
                    </g>
                }
            }) }
        </g>
    }
}
