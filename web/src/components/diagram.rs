//! The notes' section 1 diagram, live: ZooKeeper on top with its znodes, the brokers below
//! holding their partition replicas (leaders marked), the controller marked, messages flying
//! between them; producers and consumer groups at the sides. Clicking a broker kills it,
//! clicking a dead one restarts it — through the same commands the console runs.

use kafka_lab::cluster::ensemble::Phase;
use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::model::{join_ids, NodeId};
use kafka_lab::view::{BrokerView, ClusterView, ReplicaLook};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::layout::{self, along, Layout, Rect, BROKER_HEADER, CHIP_H, MAX_CHIPS};
use crate::state::{Flight, Shared, FLIGHT_MS};

pub use super::zoom::{Zoom, ZoomAction, MAX_ZOOM, NARROW_PX};

/// Diagram props.
#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    /// The cluster.
    pub view: Shared<ClusterView>,
    /// Messages being animated.
    pub flights: Shared<Vec<Flight>>,
    /// Real time now (ms), for the animation.
    pub real_now: f64,
    /// Language.
    pub lang: Lang,
    /// Runs a command (a click on a broker).
    pub on_exec: Callback<String>,
    /// Runs a button's command (its failure is shown above the diagram).
    pub on_action: Callback<crate::state::Action>,
    /// Buttons whose command failed.
    pub failures: Shared<crate::state::Failures>,
}

/// CSS class and `data-look` value of a replica chip.
pub fn look_name(look: ReplicaLook) -> &'static str {
    match look {
        ReplicaLook::Leader => "leader",
        ReplicaLook::InSyncFollower => "follower",
        ReplicaLook::OutOfSyncFollower => "out-of-sync",
        ReplicaLook::Offline => "offline",
    }
}

fn look_letter(look: ReplicaLook) -> &'static str {
    match look {
        ReplicaLook::Leader => "L",
        ReplicaLook::InSyncFollower | ReplicaLook::OutOfSyncFollower => "F",
        ReplicaLook::Offline => "–",
    }
}

/// The message's colour class: ZooKeeper traffic, controller requests, replication, admin.
pub fn flight_class(kind: &str) -> &'static str {
    match kind {
        "LeaderAndIsr" | "UpdateMetadata" => "ctl",
        "Fetch" => "fetch",
        "CreateTopics" | "CreateTopics response" => "admin",
        _ => "zk",
    }
}

/// Messages worth a label while they fly: the ones that tell the story of a failover.
/// Pings, fetches and acknowledgements fly unlabelled, or the labels would pile up.
fn labelled(kind: &str) -> bool {
    matches!(
        kind,
        "LeaderAndIsr"
            | "UpdateMetadata"
            | "CreateTopics"
            | "create /controller"
            | "watch: /controller"
            | "watch: /brokers/ids"
            | "write state"
            | "update ISR"
            | "register"
    )
}

/// Pointers down on the drawing (id → last client position), and whether this gesture has
/// moved far enough to be a pan rather than a click.
#[derive(Default)]
struct Gesture {
    pointers: Vec<(i32, f64, f64)>,
    moved: f64,
}

/// The diagram.
#[component]
pub fn Diagram(p: &DiagramProps) -> Html {
    let v = &*p.view;
    let lang = p.lang;
    let zoom = use_reducer(Zoom::default);
    let gesture = use_mut_ref(Gesture::default);
    let svg_ref = use_node_ref();
    let mut l = layout::layout_with(
        &v.brokers
            .iter()
            .map(|b| (b.id, b.replicas.len()))
            .collect::<Vec<_>>(),
        admin_lines(lang),
    );
    // KRaft mode: the controllers' cards, where their messages fly from (kweb).
    if let Some(k) = v.kraft.as_ref().filter(|k| !k.combined) {
        let ids: Vec<u32> = k.controllers.iter().map(|c| c.id).collect();
        l.controllers = crate::layout_kraft::cards(l.zk, &ids);
    }
    let full_height = l.height;
    // On a phone the drawing is cut to its middle (ZooKeeper and the brokers): the side
    // columns only point to other tabs, and the brokers get half as much room again.
    let narrow = gloo::utils::window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < NARROW_PX);
    let (x0, w) = if narrow {
        (
            layout::MID_X.0 - 8.0,
            layout::MID_X.1 - layout::MID_X.0 + 16.0,
        )
    } else {
        (0.0, layout::WIDTH)
    };
    let z = *zoom;
    let height = if narrow {
        l.brokers
            .iter()
            .map(|(_, r)| r.bottom())
            .fold(l.zk.bottom(), f64::max)
            + 12.0
    } else {
        full_height
    };
    // Wheel zoom (Ctrl + wheel or a trackpad pinch; a plain wheel once zoomed in), through a
    // listener that may cancel the page's scrolling (Yew's wheel listeners are passive).
    {
        let (zoom, svg_ref) = (zoom.clone(), svg_ref.clone());
        use_effect_with((height.to_bits(), zoom.k > 1.0, narrow), move |_| {
            let el = svg_ref.cast::<web_sys::Element>();
            let zoomed = zoom.k > 1.0;
            let dispatch = zoom.dispatcher();
            let on_wheel = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::WheelEvent)>::new(
                move |e: web_sys::WheelEvent| {
                    let Some(svg) = e
                        .current_target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    else {
                        return;
                    };
                    if !(e.ctrl_key() || e.meta_key() || zoomed) {
                        return;
                    }
                    e.prevent_default();
                    let (fx, fy) = fraction(&svg, e.client_x() as f64, e.client_y() as f64);
                    let factor = (-e.delta_y().clamp(-200.0, 200.0) * 0.003).exp();
                    dispatch.dispatch(ZoomAction::At {
                        factor,
                        fx,
                        fy,
                        w,
                        h: height,
                    });
                },
            );
            let opts = web_sys::AddEventListenerOptions::new();
            opts.set_passive(false);
            if let Some(el) = &el {
                el.add_event_listener_with_callback_and_add_event_listener_options(
                    "wheel",
                    on_wheel.as_ref().unchecked_ref(),
                    &opts,
                )
                .ok();
            }
            move || {
                if let Some(el) = el {
                    el.remove_event_listener_with_callback(
                        "wheel",
                        on_wheel.as_ref().unchecked_ref(),
                    )
                    .ok();
                }
            }
        });
    }
    // Pan with one pointer, pinch with two. A pointer that moved more than a few pixels took
    // the gesture: it captures the pointer, so releasing it does not click the broker below.
    let on_down = {
        let gesture = gesture.clone();
        Callback::from(move |e: PointerEvent| {
            let mut g = gesture.borrow_mut();
            if g.pointers.is_empty() {
                g.moved = 0.0;
            }
            g.pointers.retain(|p| p.0 != e.pointer_id());
            g.pointers
                .push((e.pointer_id(), e.client_x() as f64, e.client_y() as f64));
        })
    };
    let on_move = {
        let (gesture, zoom) = (gesture.clone(), zoom.dispatcher());
        Callback::from(move |e: PointerEvent| {
            let mut g = gesture.borrow_mut();
            let Some(i) = g.pointers.iter().position(|p| p.0 == e.pointer_id()) else {
                return;
            };
            let Some(svg) = e
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let (cx, cy) = (e.client_x() as f64, e.client_y() as f64);
            let (_, ox, oy) = g.pointers[i];
            let r = svg.get_bounding_client_rect();
            let (bw, bh) = (r.width().max(1.0), r.height().max(1.0));
            if g.pointers.len() == 1 {
                g.moved += (cx - ox).abs() + (cy - oy).abs();
                if g.moved > 6.0 {
                    svg.set_pointer_capture(e.pointer_id()).ok();
                    zoom.dispatch(ZoomAction::Pan {
                        fx: (cx - ox) / bw,
                        fy: (cy - oy) / bh,
                        w,
                        h: height,
                    });
                }
            } else {
                g.moved = f64::INFINITY;
                let (_, qx, qy) = g.pointers[if i == 0 { 1 } else { 0 }];
                let before = ((ox - qx).powi(2) + (oy - qy).powi(2)).sqrt().max(1.0);
                let after = ((cx - qx).powi(2) + (cy - qy).powi(2)).sqrt().max(1.0);
                let (fx, fy) = fraction(&svg, (cx + qx) / 2.0, (cy + qy) / 2.0);
                zoom.dispatch(ZoomAction::At {
                    factor: after / before,
                    fx,
                    fy,
                    w,
                    h: height,
                });
            }
            g.pointers[i] = (e.pointer_id(), cx, cy);
        })
    };
    let on_up = {
        let gesture = gesture.clone();
        Callback::from(move |e: PointerEvent| {
            gesture
                .borrow_mut()
                .pointers
                .retain(|p| p.0 != e.pointer_id());
        })
    };
    let zoom_by = |factor: f64| {
        let zoom = zoom.dispatcher();
        Callback::from(move |_: MouseEvent| {
            zoom.dispatch(ZoomAction::At {
                factor,
                fx: 0.5,
                fy: 0.5,
                w,
                h: height,
            })
        })
    };
    let reset = {
        let zoom = zoom.dispatcher();
        Callback::from(move |_: MouseEvent| zoom.dispatch(ZoomAction::Reset))
    };
    html! {
        <div class="diagram">
            { crate::components::failure::notes(&p.failures, "diagram/", lang) }
            <svg
                ref={svg_ref}
                class={classes!((z.k > 1.0).then_some("zoomed"))}
                viewBox={z.view_box(x0, w, height)}
                role="img"
                aria-label={T::Cluster.get(lang)}
                data-testid="diagram"
                data-zoom={format!("{:.2}", z.k)}
                onpointerdown={on_down}
                onpointermove={on_move}
                onpointerup={on_up.clone()}
                onpointercancel={on_up}
            >
                <defs>
                    <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <line x1="0" y1="0" x2="0" y2="8" class="hatch-line" />
                    </pattern>
                </defs>
                if !narrow {
                    { side_box(Rect { x: layout::LEFT_X.0, y: layout::BROKERS_TOP, w: layout::LEFT_X.1 - layout::LEFT_X.0, h: 190.0 },
                        T::Producers.get(lang), T::ProducersTab.get(lang), "producers") }
                    { side_box(Rect { x: layout::RIGHT_X.0, y: layout::BROKERS_TOP, w: layout::RIGHT_X.1 - layout::RIGHT_X.0, h: 190.0 },
                        T::ConsumerGroups.get(lang), T::ConsumersTab.get(lang), "consumers") }
                    { admin_box(&l, lang) }
                }
                // KRaft mode: the controller quorum where ZooKeeper was, no sessions (kweb).
                if let Some(k) = &v.kraft {
                    { crate::components::kraft_quorum::quorum(l.zk, k, v.now, lang, &p.on_action) }
                } else {
                    { zookeeper(&l, v, lang, &p.on_exec) }
                    <g class="sessions">
                        { for v.brokers.iter().filter_map(|b| l.broker(b.id).map(|r| session_line(&l, b, r))) }
                    </g>
                }
                <g class="brokers">
                    { for v.brokers.iter().filter_map(|b| l.broker(b.id).map(|r| broker_box(b, r, v.now, lang, &p.on_action, v.kraft.as_ref(), l.overview))) }
                </g>
                <g class="flights">
                    { for p.flights.iter().enumerate().filter_map(|(i, f)| {
                        // One label per route: the first flight on it carries it.
                        let d = &f.delivery;
                        let first = !p.flights[..i].iter().any(|g| g.delivery.from == d.from && g.delivery.to == d.to);
                        let kraft = v.kraft.is_some() && crate::components::kraft_quorum::labelled(d.kind);
                        flight(&l, f, p.real_now, lang, first && (labelled(d.kind) || kraft))
                    }) }
                </g>
            </svg>
            <div class="diagram-tools">
                { legend(lang, v.kraft.is_some()) }
                <div class="zoom" role="group" aria-label={T::ZoomHint.get(lang)} title={T::ZoomHint.get(lang)}>
                    <button data-testid="zoom-in" aria-label={T::ZoomIn.get(lang)} title={T::ZoomIn.get(lang)} onclick={zoom_by(1.5)} disabled={z.k >= MAX_ZOOM}>{ "+" }</button>
                    <button data-testid="zoom-out" aria-label={T::ZoomOut.get(lang)} title={T::ZoomOut.get(lang)} onclick={zoom_by(1.0 / 1.5)} disabled={z.k <= 1.0}>{ "−" }</button>
                    <button data-testid="zoom-reset" onclick={reset} disabled={z.k <= 1.0}>{ T::ZoomReset.get(lang) }</button>
                </div>
            </div>
            <div class="explain">
                <h3>{ T::ExplainTitle.get(lang) }</h3>
                <p>{ T::ExplainCluster.get(lang) }</p>
                if v.kraft.is_some() {
                    <p>{ T::KrExplainQuorum.get(lang) }</p>
                } else {
                    <p>{ T::ExplainController.get(lang) }</p>
                }
            </div>
        </div>
    }
}

/// Where the client position `(cx, cy)` is in the drawing's box, 0..1 each way.
fn fraction(svg: &web_sys::Element, cx: f64, cy: f64) -> (f64, f64) {
    let r = svg.get_bounding_client_rect();
    let fx = if r.width() > 0.0 {
        (cx - r.left()) / r.width()
    } else {
        0.5
    };
    let fy = if r.height() > 0.0 {
        (cy - r.top()) / r.height()
    } else {
        0.5
    };
    (fx.clamp(0.0, 1.0), fy.clamp(0.0, 1.0))
}

/// Lines the admin client's note takes.
fn admin_lines(lang: Lang) -> usize {
    let w = layout::LEFT_X.1 - layout::LEFT_X.0;
    layout::wrap(T::AdminClientHint.get(lang), layout::note_width(w)).len()
}

/// Splits a `[1,2,3]` list after its commas into lines: the first at most `first` characters,
/// the others at most `rest`.
fn wrap_list(list: &str, first: usize, rest: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    for piece in list.split_inclusive(',') {
        let cap = if out.len() == 1 { first } else { rest };
        let last = out.last_mut().expect("never empty");
        if !last.is_empty() && last.chars().count() + piece.chars().count() > cap {
            out.push(piece.to_string());
        } else {
            last.push_str(piece);
        }
    }
    out
}

fn note_lines(r: Rect, y0: f64, note: &str) -> Html {
    html! {
        <text class="side-note" text-anchor="middle">
            { for layout::wrap(note, layout::note_width(r.w)).into_iter().enumerate().map(|(i, line)| html! {
                <tspan x={r.cx().to_string()} y={(y0 + i as f64 * 15.0).to_string()}>{ line }</tspan>
            }) }
        </text>
    }
}

fn side_box(r: Rect, title: &str, note: &str, class: &'static str) -> Html {
    html! {
        <g class={classes!("side-box", class)}>
            <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="10" />
            <text x={r.cx().to_string()} y={(r.y + 24.0).to_string()} class="side-title" text-anchor="middle">{ title }</text>
            { note_lines(r, r.y + 50.0, note) }
        </g>
    }
}

fn admin_box(l: &Layout, lang: Lang) -> Html {
    let r = l.admin;
    debug_assert!(r.h >= layout::note_box_h(admin_lines(lang)));
    html! {
        <g class="admin-box">
            <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="10" />
            <text x={r.cx().to_string()} y={(r.y + 22.0).to_string()} text-anchor="middle" class="side-title">{ T::AdminClient.get(lang) }</text>
            { note_lines(r, r.y + 42.0, T::AdminClientHint.get(lang)) }
        </g>
    }
}

/// ZooKeeper's box with its znodes, as Kafka writes them.
fn zookeeper(l: &Layout, v: &ClusterView, lang: Lang, on_exec: &Callback<String>) -> Html {
    let r = l.zk;
    let mut lines: Vec<(String, String)> = vec![
        (
            "/controller".into(),
            v.controller
                .map_or("(none)".into(), |c| format!("{{\"brokerid\":{c}}}")),
        ),
        ("/controller_epoch".into(), v.controller_epoch.to_string()),
    ];
    // `/brokers/ids` of a big cluster is longer than the box: it goes on over more lines.
    let cols = ((r.w - 40.0) / 7.3) as usize;
    for (i, chunk) in wrap_list(
        &format!("[{}]", join_ids(&v.registered)),
        cols.saturating_sub("/brokers/ids".len() + 2),
        cols,
    )
    .into_iter()
    .enumerate()
    {
        let path = if i == 0 { "/brokers/ids" } else { "" };
        lines.push((path.into(), chunk));
    }
    let fixed = lines.len();
    // The user's topics first; the internal ones (`__consumer_offsets`) after.
    let mut parts: Vec<_> = v.partitions.iter().collect();
    // As many state znodes as the box holds below the fixed lines, keeping a line for
    // "… N more" when they do not all fit. A 0.8-era group's `/consumers/...` znodes come
    // first, in their own colour: they are never the ones summarised away.
    // The ensemble's banner (no quorum, electing) takes the box's last line.
    let banner = if v.ensemble.phase == Phase::Serving {
        0.0
    } else {
        18.0
    };
    let max_lines = ((r.h - 50.0 - banner) / 15.0).max(0.0) as usize + 1;
    let zk_offsets = v.zk_offsets.len().min(max_lines.saturating_sub(fixed + 1));
    let max_lines = max_lines - zk_offsets;
    let first_offset_line = lines.len();
    for (path, data) in v.zk_offsets.iter().take(zk_offsets) {
        lines.push((path.clone(), data.clone()));
    }
    let room = if parts.len() + fixed <= max_lines {
        parts.len()
    } else {
        max_lines.saturating_sub(fixed + 1)
    };
    parts.sort_by_key(|p| p.tp.topic.starts_with("__"));
    // Monospace at 12px: about 7.3 units a character; the path gives way to the data.
    let fit = |data: &str| (((r.w - 40.0) / 7.3) as usize).saturating_sub(data.chars().count());
    for part in parts.into_iter().take(room) {
        let data = format!(
            "{{\"leader\":{},\"leader_epoch\":{},\"isr\":[{}]}}",
            part.leader.map_or(-1, i64::from),
            part.leader_epoch,
            join_ids(&part.isr)
        );
        let room_for_topic = fit(&data).saturating_sub(
            format!("…//partitions/{}/state", part.tp.partition)
                .chars()
                .count(),
        );
        lines.push((
            format!(
                "…/{}/partitions/{}/state",
                shorten(&part.tp.topic, room_for_topic.max(4)),
                part.tp.partition
            ),
            data,
        ));
    }
    let more = v.partitions.len().saturating_sub(room) + v.zk_offsets.len() - zk_offsets;
    html! {
        <g class="zookeeper" data-testid="zookeeper">
            <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="10" />
            <text x={(r.x + 14.0).to_string()} y={(r.y + 22.0).to_string()} class="zk-title">{ T::ZooKeeper.get(lang) }</text>
            <text x={(r.x + r.w - 14.0).to_string()} y={(r.y + 22.0).to_string()} class="zk-sub" text-anchor="end">{ T::Znodes.get(lang) }</text>
            { for lines.iter().enumerate().map(|(i, (path, data))| {
                let y = r.y + 44.0 + i as f64 * 15.0;
                let offset = (first_offset_line..first_offset_line + zk_offsets).contains(&i);
                html! {
                    <g class={classes!("znode", offset.then_some("zk-offset"))} data-testid={offset.then_some("zk-offset-znode")}>
                        <text x={(r.x + 14.0).to_string()} y={y.to_string()} class="zpath">{ path }</text>
                        <text x={(r.x + r.w - 14.0).to_string()} y={y.to_string()} class="zdata" text-anchor="end">{ data }</text>
                    </g>
                }
            }) }
            if more > 0 {
                <text x={(r.x + 14.0).to_string()} y={(r.y + 44.0 + lines.len() as f64 * 15.0).to_string()} class="zpath">
                    { tr(lang, T::MoreLines, &[("n", more.to_string())]) }
                </text>
            }
            { crate::components::zk_ensemble::ensemble(r, &v.ensemble, lang, on_exec) }
        </g>
    }
}

/// The line from ZooKeeper down to a broker: its session.
fn session_line(l: &Layout, b: &BrokerView, r: Rect) -> Html {
    html! {
        <line
            key={b.id}
            class={classes!("session", (!b.registered).then_some("gone"))}
            x1={r.cx().to_string()} y1={l.zk.bottom().to_string()}
            x2={r.cx().to_string()} y2={r.y.to_string()}
        />
    }
}

fn broker_box(
    b: &BrokerView,
    r: Rect,
    now: u64,
    lang: Lang,
    on_action: &Callback<crate::state::Action>,
    kraft: Option<&kafka_lab::kraft::view::KraftView>,
    overview: bool,
) -> Html {
    use crate::components::kraft_quorum as kq;
    // KRaft mode: the registration's fenced state and metadata offset replace the znode.
    let kstatus =
        kraft.and_then(|k| kq::broker_status_fit(k, b.id, b.alive, now, lang, r.w - 20.0));
    let krole = kraft
        .and_then(|k| kq::combined_role(k, b.id, lang))
        .or_else(|| {
            kraft
                .and_then(|k| kq::broker_lag(k, b.id, lang))
                .map(|lag| (lag, "lag"))
        });
    let fenced = kraft
        .and_then(|k| kq::registration(k, b.id))
        .map(|r| r.fenced.to_string());
    let command = if b.alive {
        format!("kill-broker {}", b.id)
    } else {
        format!("start-broker {}", b.id)
    };
    let title = if b.alive {
        tr(lang, T::KillBrokerTitle, &[("broker", b.id.to_string())])
    } else {
        tr(lang, T::RestartBrokerTitle, &[("broker", b.id.to_string())])
    };
    let onclick =
        crate::components::failure::run(on_action, "diagram/broker", vec![command.clone()]);
    let onkeydown = {
        let cb = on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                cb.emit(crate::state::Action::Run {
                    origin: "diagram/broker".into(),
                    lines: vec![command.clone()],
                });
            }
        })
    };
    let status = if b.alive {
        format!("/brokers/ids/{}", b.id)
    } else {
        match b.session_expires_at {
            Some(at) if at > now => tr(
                lang,
                T::SessionExpiresIn,
                &[("secs", format!("{:.1}", (at - now) as f64 / 1000.0))],
            ),
            _ => format!("✕ {}", T::Dead.get(lang)),
        }
    };
    // The user's topics first, so the internal ones (`__consumer_offsets`) are the ones that
    // give way when the box is full.
    let mut replicas: Vec<_> = b.replicas.iter().collect();
    replicas.sort_by_key(|r| r.tp.topic.starts_with("__"));
    // A big cluster: counts instead of chips (`components::overview`).
    let shown = if overview {
        0
    } else {
        b.replicas.len().min(MAX_CHIPS)
    };
    let more = b.replicas.len() - shown;
    let chip_w = r.w - 16.0;
    html! {
        <g
            key={b.id}
            class={classes!("broker", if b.alive { "alive" } else { "dead" }, b.is_controller.then_some("controller"))}
            data-broker={b.id.to_string()}
            data-alive={b.alive.to_string()}
            data-controller={b.is_controller.to_string()}
            data-fenced={fenced}
            data-kraft-role={krole.as_ref().map(|r| r.1)}
            role="button"
            tabindex="0"
            aria-label={title.clone()}
            {onclick}
            {onkeydown}
        >
            <title>{ title }</title>
            <rect class="box" x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="10" />
            if !b.alive {
                <rect class="hatch" x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="10" fill="url(#hatch)" />
            }
            <text x={(r.x + 10.0).to_string()} y={(r.y + 22.0).to_string()} class="broker-name">
                { broker_name(T::Broker.get(lang), b.id, r.w - 20.0 - krole.as_ref().map_or(0.0, |k| columns(&k.0) as f64 * 6.6 + 6.0)) }
            </text>
            if let Some((text, class)) = &krole {
                <text x={(r.x + r.w - 10.0).to_string()} y={(r.y + 22.0).to_string()} text-anchor="end" class={classes!("kq-broker-role", *class)}>{ text }</text>
            }
            if let Some((text, class)) = &kstatus {
                <text x={(r.x + 10.0).to_string()} y={(r.y + 40.0).to_string()} class={classes!("broker-status", "kq-status", *class)} data-testid="kraft-broker-status">
                    { text }
                </text>
            } else {
            <text x={(r.x + 10.0).to_string()} y={(r.y + 40.0).to_string()}
                  class={classes!("broker-status", (!b.alive).then_some("dead"), (b.alive && b.is_controller).then_some("ctl"))}>
                { if b.alive && b.is_controller {
                    fit_end(&format!("★ {}", T::Controller.get(lang)), r.w - 20.0, 6.6)
                } else if b.alive {
                    // Monospace 11px: 6.6 units a character; a narrow box keeps the id's end.
                    fit_start(&status, r.w - 20.0, 6.6)
                } else {
                    fit_end(&status, r.w - 20.0, 6.2)
                } }
            </text>
            }
            { for replicas.iter().take(shown).enumerate().map(|(i, rep)| {
                let y = r.y + BROKER_HEADER + i as f64 * CHIP_H;
                let look = look_name(rep.look);
                // Keyed by role and epoch: a change re-creates the chip, which replays its
                // highlight animation.
                html! {
                    <g key={format!("{}-{look}-{:?}-{}", rep.tp, rep.epoch, rep.elr)}
                       class={classes!("chip", look, rep.elr.then_some("elr"), rep.last_known_elr.then_some("last-known-elr"))}
                       data-tp={rep.tp.to_string()}
                       data-look={look}
                       data-elr={rep.elr.to_string()}>
                        <rect x={(r.x + 8.0).to_string()} y={y.to_string()} width={chip_w.to_string()} height={(CHIP_H - 5.0).to_string()} rx="5" />
                        <title>{ crate::components::kraft_elr::chip_title(&rep.tp, b.id, rep.elr, lang) }</title>
                        <text x={(r.x + 16.0).to_string()} y={(y + 17.0).to_string()} class="chip-name">{ chip_name(&rep.tp, chip_w, role_chars(rep.look, rep.epoch, chip_w)) }</text>
                        <text x={(r.x + 8.0 + chip_w - 8.0).to_string()} y={(y + 17.0).to_string()} text-anchor="end" class="chip-role">
                            { role_label(rep.look, rep.epoch, chip_w) }
                        </text>
                    </g>
                }
            }) }
            if overview {
                { crate::components::overview::broker_counts(b, r, lang) }
            } else if more > 0 {
                <text x={(r.x + 12.0).to_string()} y={(r.y + BROKER_HEADER + shown as f64 * CHIP_H + 12.0).to_string()} class="more">
                    { more_label(lang, more, r.w - 24.0) }
                </text>
            }
        </g>
    }
}

fn flight(l: &Layout, f: &Flight, real_now: f64, lang: Lang, label: bool) -> Option<Html> {
    let d = &f.delivery;
    let route = l.route(d.from, d.to)?;
    let t = ((real_now - f.started) / FLIGHT_MS).clamp(0.0, 1.0);
    let to_controller =
        matches!(d.from, NodeId::Controller(_)) || matches!(d.to, NodeId::Controller(_));
    let class = crate::components::kraft_quorum::flight_class(d.kind, to_controller)
        .unwrap_or_else(|| flight_class(d.kind));
    if d.dropped && t > 0.8 {
        let (x, y) = along(&route, 0.8);
        return Some(html! {
            <g key={d.seq} class="flight dropped">
                <text x={x.to_string()} y={(y + 5.0).to_string()} text-anchor="middle" class="drop-mark">{ "✕" }<title>{ T::Dropped.get(lang) }</title></text>
            </g>
        });
    }
    let (x, y) = along(&route, t);
    let from_broker = matches!(d.from, NodeId::Broker(_));
    Some(html! {
        <g key={d.seq} class={classes!("flight", class, d.dropped.then_some("doomed"))}>
            <path class="trail" d={format!("M{},{} Q{},{} {},{}", route[0].0, route[0].1, route[1].0, route[1].1, route[2].0, route[2].1)} />
            <circle cx={x.to_string()} cy={y.to_string()} r="5" />
            if label {
                <text x={(x + if from_broker { 8.0 } else { -8.0 }).to_string()} y={(y - 7.0).to_string()}
                      text-anchor={if from_broker { "start" } else { "end" }} class="flight-label">{ d.kind }</text>
            }
        </g>
    })
}

fn legend(lang: Lang, kraft: bool) -> Html {
    let item = |class: &'static str, text: &'static str| {
        html! {
            <li><span class={classes!("swatch", class)}></span>{ text }</li>
        }
    };
    html! {
        <ul class="legend">
            { item("leader", T::LegendLeader.get(lang)) }
            { item("follower", T::LegendFollower.get(lang)) }
            { item("out-of-sync", T::LegendOutOfSync.get(lang)) }
            { item("offline", T::LegendOffline.get(lang)) }
            { item("msg", T::LegendMessage.get(lang)) }
            <li><span class="swatch star">{ "★" }</span>{ T::Controller.get(lang) }</li>
            if kraft {
                { crate::components::kraft_quorum::legend_items(lang) }
                { crate::components::kraft_elr::legend_items(lang) }
            }
        </ul>
    }
}

/// `topic` cut to `max` characters with an ellipsis in the middle (`__consu…ffsets`).
fn shorten(topic: &str, max: usize) -> String {
    let n = topic.chars().count();
    if n <= max {
        return topic.to_string();
    }
    let keep = max.saturating_sub(1);
    let head: String = topic.chars().take(keep - keep / 2).collect();
    let tail: String = topic.chars().skip(n - keep / 2).collect();
    format!("{head}…{tail}")
}

/// The chip's role label: `L · e3`, or the letter alone in a narrow chip (many brokers).
fn role_label(look: ReplicaLook, epoch: Option<u32>, chip_w: f64) -> String {
    match epoch {
        Some(e) if look != ReplicaLook::Offline && chip_w >= 120.0 => {
            format!("{} · e{e}", look_letter(look))
        }
        _ => look_letter(look).to_string(),
    }
}

fn role_chars(look: ReplicaLook, epoch: Option<u32>, chip_w: f64) -> usize {
    role_label(look, epoch, chip_w).chars().count()
}

/// A replica chip's label: `topic-partition`, the topic shortened to fit beside the role label
/// (13px monospace: 7.8 units a character; the role label's 11.5px: 6.9; the full name is the
/// chip's tooltip). In the narrowest chips only the partition number is left.
fn chip_name(tp: &kafka_lab::model::TopicPartition, chip_w: f64, role: usize) -> String {
    let room = chip_w - 16.0 - role as f64 * 6.9 - 6.0;
    let fits = (room / 7.8).max(0.0) as usize;
    let suffix = format!("-{}", tp.partition);
    let topic = fits.saturating_sub(suffix.len());
    match topic {
        0 => tp.partition.to_string(),
        1 => format!("{}{suffix}", tp.topic.chars().next().unwrap_or('?')),
        n => format!("{}{suffix}", shorten(&tp.topic, n)),
    }
}

/// `Broker 12`, or `12` alone where the box is too narrow (15.5px bold: about 9.3 units a
/// character).
fn broker_name(word: &str, id: u32, room: f64) -> String {
    let full = format!("{word} {id}");
    if full.chars().count() as f64 * 9.3 <= room {
        full
    } else {
        id.to_string()
    }
}

/// Display columns of a text: a CJK character takes two.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

/// `text` kept to `room` units (`per_col` a column), cut at its end with an ellipsis.
fn fit_end(text: &str, room: f64, per_col: f64) -> String {
    let max = (room / per_col).max(1.0) as usize;
    if columns(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if columns(&out) + columns(&c.to_string()) + 1 > max {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// `text` kept to `room` units, cut at its start (`…/ids/12`): the end says the most.
fn fit_start(text: &str, room: f64, per_col: f64) -> String {
    let max = (room / per_col).max(1.0) as usize;
    let n = text.chars().count();
    if n <= max {
        return text.to_string();
    }
    let tail: String = text.chars().skip(n + 1 - max).collect();
    format!("…{tail}")
}

/// `+ 16 more replicas`, or `+16` where the box is narrow (11px sans: about 6 units a column).
fn more_label(lang: Lang, more: usize, room: f64) -> String {
    let long = tr(lang, T::MoreReplicas, &[("n", more.to_string())]);
    if columns(&long) as f64 * 6.0 <= room {
        long
    } else {
        format!("+{more}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_lab::model::TopicPartition;

    #[test]
    fn zoom_stays_inside_the_drawing() {
        let (w, h) = (900.0, 540.0);
        let z = Zoom::default().scaled(2.0, 900.0, 540.0, w, h);
        assert_eq!(
            z,
            Zoom {
                x: 450.0,
                y: 270.0,
                k: 2.0
            }
        );
        assert_eq!(z.view_box(0.0, w, h), "450 270 450 270");
        assert_eq!(z.view_box(158.0, w, h), "608 270 450 270");
        // Panning past an edge stops at it; zooming out past 1 shows everything.
        assert_eq!(
            z.panned(1000.0, -1000.0, w, h),
            Zoom {
                x: 450.0,
                y: 0.0,
                k: 2.0
            }
        );
        assert_eq!(z.scaled(0.1, 0.0, 0.0, w, h), Zoom::default());
        assert_eq!(Zoom::default().scaled(100.0, 0.0, 0.0, w, h).k, MAX_ZOOM);
        // A gesture at the middle of the box zooms about the middle of what is shown.
        let m = z.apply(ZoomAction::At {
            factor: 2.0,
            fx: 0.5,
            fy: 0.5,
            w,
            h,
        });
        assert_eq!((m.x + w / m.k / 2.0, m.y + h / m.k / 2.0), (675.0, 405.0));
        assert_eq!(m.apply(ZoomAction::Reset), Zoom::default());
    }

    #[test]
    fn long_lists_wrap_after_commas() {
        let ids = format!(
            "[{}]",
            (1..=64)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        );
        let lines = wrap_list(&ids, 40, 60);
        assert!(lines.len() > 2);
        assert!(
            lines[0].chars().count() <= 40 && lines[1..].iter().all(|l| l.chars().count() <= 60)
        );
        assert_eq!(lines.concat(), ids);
        assert_eq!(wrap_list("[1,2,3]", 40, 60), ["[1,2,3]"]);
    }

    #[test]
    fn labels_fit_narrow_boxes() {
        let tp = TopicPartition {
            topic: "clickstream-events".into(),
            partition: 12,
        };
        // A wide chip keeps the whole name; a narrow one shortens the topic, then drops it.
        assert_eq!(chip_name(&tp, 300.0, 6), "clickstream-events-12");
        let mid = chip_name(&tp, 150.0, 6);
        assert!(mid.ends_with("-12") && mid.contains('…'), "{mid}");
        assert!(mid.chars().count() as f64 * 7.8 <= 150.0 - 16.0 - 6.0 * 6.9);
        assert_eq!(chip_name(&tp, 40.0, 1), "12");
        assert_eq!(broker_name("Broker", 3, 160.0), "Broker 3");
        assert_eq!(broker_name("Broker", 64, 64.0), "64");
        assert_eq!(fit_start("/brokers/ids/12", 53.0, 6.6), "…/ids/12");
        assert_eq!(fit_start("/brokers/ids/1", 200.0, 6.6), "/brokers/ids/1");
        assert_eq!(
            fit_end("ZK 4.2 秒后发现", 50.0, 6.2).chars().last(),
            Some('…')
        );
        assert_eq!(more_label(Lang::En, 16, 160.0), "+ 16 more replicas");
        assert_eq!(more_label(Lang::En, 16, 60.0), "+16");
    }
}
