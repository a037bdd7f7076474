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

use crate::components::el;

use crate::layout::{self, Layout, Rect};

use super::broker_box::{shorten, BrokerBox};
use crate::state::{Flight, Shared};

pub use super::zoom::{Zoom, ZoomAction, MAX_ZOOM, NARROW_PX};

/// Diagram props.
#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    /// The cluster.
    pub view: Shared<ClusterView>,
    /// Messages being animated.
    pub flights: Shared<Vec<Flight>>,
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
pub fn labelled(kind: &str) -> bool {
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
    // The geometry follows the view (not the flights, which change on most frames).
    let l = (*use_memo((p.view.clone(), lang), |(view, lang)| {
        Shared::new(diagram_layout(view, *lang))
    }))
    .clone();
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
            <div class="diagram-stage">
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
                <DiagramBody view={p.view.clone()} layout={l.clone()} lang={lang} narrow={narrow}
                             on_exec={p.on_exec.clone()} on_action={p.on_action.clone()} />
            </svg>
            // The flying messages on a drawing of their own laid over the cluster's (same
            // viewBox): moving them every frame repaints that layer alone, not every broker box.
            <svg class="flights-layer" viewBox={z.view_box(x0, w, height)} aria-hidden="true" data-testid="flights">
                <FlightsLayer flights={p.flights.clone()} layout={l.clone()} lang={lang} kraft={v.kraft.is_some()} />
            </svg>
            </div>
            <div class="diagram-tools">
                { legend(lang, v.kraft.is_some()) }
                <div class="zoom" role="group" aria-label={T::ZoomHint.get(lang)} title={T::ZoomHint.get(lang)}>
                    <button data-testid="zoom-in" aria-label={T::ZoomIn.get(lang)} title={T::ZoomIn.get(lang)} onclick={zoom_by(1.5)} disabled={z.k >= MAX_ZOOM}>{ "+" }</button>
                    <button data-testid="zoom-out" aria-label={T::ZoomOut.get(lang)} title={T::ZoomOut.get(lang)} onclick={zoom_by(1.0 / 1.5)} disabled={z.k <= 1.0}>{ "−" }</button>
                    <button data-testid="zoom-reset" onclick={reset} disabled={z.k <= 1.0}>{ T::ZoomReset.get(lang) }</button>
                </div>
            </div>
            <div class="explain">
                { el::el("h3", "", T::ExplainTitle.get(lang)) }
                { el::el("p", "", T::ExplainCluster.get(lang)) }
                if v.kraft.is_some() {
                    { el::el("p", "", T::KrExplainQuorum.get(lang)) }
                } else {
                    { el::el("p", "", T::ExplainController.get(lang)) }
                }
            </div>
        </div>
    }
}

/// The diagram's geometry for `v`: broker boxes, and in KRaft mode the controllers' cards,
/// where their messages fly from (kweb).
fn diagram_layout(v: &ClusterView, lang: Lang) -> Layout {
    let mut l = layout::layout_with(
        &v.brokers
            .iter()
            .map(|b| (b.id, b.replicas.len()))
            .collect::<Vec<_>>(),
        admin_lines(lang),
    );
    if let Some(k) = v.kraft.as_ref().filter(|k| !k.combined) {
        let ids: Vec<u32> = k.controllers.iter().map(|c| c.id).collect();
        l.controllers = crate::layout_kraft::cards(l.zk, &ids);
    }
    l
}

/// What the cluster's drawing needs: the view and its geometry, not the flights.
#[derive(Properties, PartialEq)]
struct BodyProps {
    view: Shared<ClusterView>,
    layout: Shared<Layout>,
    lang: Lang,
    narrow: bool,
    on_exec: Callback<String>,
    on_action: Callback<crate::state::Action>,
}

/// The cluster's drawing (side boxes, ZooKeeper or the quorum, sessions, broker boxes): its
/// own component since frames4, drawn again only when the view changed — not on the frames
/// that only start or land flying messages (most frames of a stream at ×100).
#[component]
fn DiagramBody(p: &BodyProps) -> Html {
    let (v, l, lang, narrow) = (&*p.view, &*p.layout, p.lang, p.narrow);
    html! {
        <>
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
                { admin_box(l, lang) }
            }
            // KRaft mode: the controller quorum where ZooKeeper was, no sessions (kweb).
            if let Some(k) = &v.kraft {
                { crate::components::kraft_quorum::quorum(l.zk, k, v.now, lang, &p.on_action) }
            } else {
                { zookeeper(l, v, lang, &p.on_exec) }
                <g class="sessions">
                    { for v.brokers.iter().filter_map(|b| l.broker(b.id).map(|r| session_line(l, b, r))) }
                </g>
            }
            <g class="brokers">
                { for v.brokers.iter().enumerate().filter_map(|(idx, b)| l.broker(b.id).map(|r| html! {
                    <BrokerBox key={b.id} view={p.view.clone()} idx={idx} r={r} lang={lang}
                               on_action={p.on_action.clone()} overview={l.overview} />
                })) }
            </g>
        </>
    }
}

/// The flying messages' props.
#[derive(Properties, PartialEq)]
struct FlightsProps {
    flights: Shared<Vec<Flight>>,
    layout: Shared<Layout>,
    lang: Lang,
    kraft: bool,
}

/// The flying messages (on their own SVG layer): drawn again when a message starts or lands.
#[component]
fn FlightsLayer(p: &FlightsProps) -> Html {
    let (l, lang, kraft) = (&*p.layout, p.lang, p.kraft);
    html! {
        <g class="flights">
            { for p.flights.iter().enumerate().filter_map(|(i, f)| {
                // One label per route: the first flight on it worth a label carries it
                // (an unlabelled fetch answer ahead of it does not take its label).
                let d = &f.delivery;
                let worth = |kind: &str| labelled(kind) || (kraft && crate::components::kraft_quorum::labelled(kind));
                let first = !p.flights[..i].iter().any(|g| g.delivery.from == d.from && g.delivery.to == d.to && worth(g.delivery.kind));
                flight(l, f, lang, first && worth(d.kind))
            }) }
        </g>
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
    kafka_lab::sort::by_key(&mut parts, |p| p.tp.topic.starts_with("__"));
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

/// One flying message, drawn once: the browser moves it along its route (a CSS motion path,
/// `static/frames2.css`, over [`FLIGHT_MS`](crate::state::FLIGHT_MS)), so the page writes nothing while it flies — it is
/// added when it starts and removed when it lands. A message the network drops flies 80% of
/// the way, then turns into a ✕.
fn flight(l: &Layout, f: &Flight, lang: Lang, label: bool) -> Option<Html> {
    let d = &f.delivery;
    let route = l.route(d.from, d.to)?;
    let to_controller =
        matches!(d.from, NodeId::Controller(_)) || matches!(d.to, NodeId::Controller(_));
    let class = crate::components::kraft_quorum::flight_class(d.kind, to_controller)
        .unwrap_or_else(|| flight_class(d.kind));
    let from_broker = matches!(d.from, NodeId::Broker(_));
    let path = format!(
        "M{},{} Q{},{} {},{}",
        route[0].0, route[0].1, route[1].0, route[1].1, route[2].0, route[2].1
    );
    Some(html! {
        <g key={d.seq} class={classes!("flight", class, d.dropped.then_some("doomed"))}>
            <path class="trail" d={path.clone()} />
            <g class="mover" style={format!("offset-path: path('{path}')")}>
                <circle r="5" />
                if label {
                    <text x={if from_broker { "8" } else { "-8" }} y="-7"
                          text-anchor={if from_broker { "start" } else { "end" }} class="flight-label">{ d.kind }</text>
                }
                if d.dropped {
                    <text y="5" text-anchor="middle" class="drop-mark">{ "✕" }{ el::el("title", "", T::Dropped.get(lang)) }</text>
                }
            </g>
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
            <li>{ el::el("span", "swatch star", "★") }{ T::Controller.get(lang) }</li>
            if kraft {
                { crate::components::kraft_quorum::legend_items(lang) }
                { crate::components::kraft_elr::legend_items(lang) }
            }
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
