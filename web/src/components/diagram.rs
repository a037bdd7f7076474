//! The notes' section 1 diagram, live: ZooKeeper on top with its znodes, the brokers below
//! holding their partition replicas (leaders marked), the controller marked, messages flying
//! between them; producers and consumer groups at the sides. Clicking a broker kills it,
//! clicking a dead one restarts it — through the same commands the console runs.

use kafka_lab::cluster::ensemble::Phase;
use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::model::{join_ids, NodeId};
use kafka_lab::view::{BrokerView, ClusterView, ReplicaLook};
use yew::prelude::*;

use crate::layout::{self, along, Layout, Rect, BROKER_HEADER, CHIP_H, MAX_CHIPS};
use crate::state::{Flight, Shared, FLIGHT_MS};

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

/// The diagram.
#[component]
pub fn Diagram(p: &DiagramProps) -> Html {
    let v = &*p.view;
    let lang = p.lang;
    let l = layout::layout(
        &v.brokers
            .iter()
            .map(|b| (b.id, b.replicas.len()))
            .collect::<Vec<_>>(),
    );
    let height = l.height;
    html! {
        <div class="diagram">
            { crate::components::failure::notes(&p.failures, "diagram/", lang) }
            <svg
                viewBox={format!("0 0 {} {height}", layout::WIDTH)}
                role="img"
                aria-label={T::Cluster.get(lang)}
                data-testid="diagram"
            >
                <defs>
                    <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <line x1="0" y1="0" x2="0" y2="8" class="hatch-line" />
                    </pattern>
                </defs>
                { side_box(Rect { x: layout::LEFT_X.0, y: layout::BROKERS_TOP, w: layout::LEFT_X.1 - layout::LEFT_X.0, h: 190.0 },
                    T::Producers.get(lang), T::ProducersTab.get(lang), "producers") }
                { side_box(Rect { x: layout::RIGHT_X.0, y: layout::BROKERS_TOP, w: layout::RIGHT_X.1 - layout::RIGHT_X.0, h: 190.0 },
                    T::ConsumerGroups.get(lang), T::ConsumersTab.get(lang), "consumers") }
                { admin_box(&l, lang) }
                { zookeeper(&l, v, lang, &p.on_exec) }
                <g class="sessions">
                    { for v.brokers.iter().filter_map(|b| l.broker(b.id).map(|r| session_line(&l, b, r))) }
                </g>
                <g class="brokers">
                    { for v.brokers.iter().filter_map(|b| l.broker(b.id).map(|r| broker_box(b, r, v.now, lang, &p.on_action))) }
                </g>
                <g class="flights">
                    { for p.flights.iter().enumerate().filter_map(|(i, f)| {
                        // One label per route: the first flight on it carries it.
                        let d = &f.delivery;
                        let first = !p.flights[..i].iter().any(|g| g.delivery.from == d.from && g.delivery.to == d.to);
                        flight(&l, f, p.real_now, lang, first && labelled(d.kind))
                    }) }
                </g>
            </svg>
            { legend(lang) }
            <div class="explain">
                <h3>{ T::ExplainTitle.get(lang) }</h3>
                <p>{ T::ExplainCluster.get(lang) }</p>
                <p>{ T::ExplainController.get(lang) }</p>
            </div>
        </div>
    }
}

fn note_lines(r: Rect, y0: f64, note: &str) -> Html {
    let width = ((r.w - 16.0) / 6.4) as usize;
    html! {
        <text class="side-note" text-anchor="middle">
            { for layout::wrap(note, width.max(8)).into_iter().enumerate().map(|(i, line)| html! {
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
        (
            "/brokers/ids".into(),
            format!("[{}]", join_ids(&v.registered)),
        ),
    ];
    // The user's topics first; the internal ones (`__consumer_offsets`) after.
    let mut parts: Vec<_> = v.partitions.iter().collect();
    // As many state znodes as the box holds below the three fixed lines, keeping a line for
    // "… N more" when they do not all fit. A 0.8-era group's `/consumers/...` znodes come
    // first, in their own colour: they are never the ones summarised away.
    // The ensemble's banner (no quorum, electing) takes the box's last line.
    let banner = if v.ensemble.phase == Phase::Serving {
        0.0
    } else {
        18.0
    };
    let max_lines = ((r.h - 50.0 - banner) / 15.0).max(0.0) as usize + 1;
    let zk_offsets = v.zk_offsets.len().min(max_lines.saturating_sub(4));
    let max_lines = max_lines - zk_offsets;
    let first_offset_line = lines.len();
    for (path, data) in v.zk_offsets.iter().take(zk_offsets) {
        lines.push((path.clone(), data.clone()));
    }
    let room = if parts.len() + 3 <= max_lines {
        parts.len()
    } else {
        max_lines.saturating_sub(4)
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
) -> Html {
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
    let shown = b.replicas.len().min(MAX_CHIPS);
    let more = b.replicas.len() - shown;
    let chip_w = r.w - 16.0;
    html! {
        <g
            key={b.id}
            class={classes!("broker", if b.alive { "alive" } else { "dead" }, b.is_controller.then_some("controller"))}
            data-broker={b.id.to_string()}
            data-alive={b.alive.to_string()}
            data-controller={b.is_controller.to_string()}
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
                { format!("{} {}", T::Broker.get(lang), b.id) }
            </text>
            <text x={(r.x + 10.0).to_string()} y={(r.y + 40.0).to_string()}
                  class={classes!("broker-status", (!b.alive).then_some("dead"), (b.alive && b.is_controller).then_some("ctl"))}>
                { if b.alive && b.is_controller { format!("★ {}", T::Controller.get(lang)) } else { status } }
            </text>
            { for replicas.iter().take(shown).enumerate().map(|(i, rep)| {
                let y = r.y + BROKER_HEADER + i as f64 * CHIP_H;
                let look = look_name(rep.look);
                // Keyed by role and epoch: a change re-creates the chip, which replays its
                // highlight animation.
                html! {
                    <g key={format!("{}-{look}-{:?}", rep.tp, rep.epoch)}
                       class={classes!("chip", look)}
                       data-tp={rep.tp.to_string()}
                       data-look={look}>
                        <rect x={(r.x + 8.0).to_string()} y={y.to_string()} width={chip_w.to_string()} height={(CHIP_H - 5.0).to_string()} rx="5" />
                        <title>{ rep.tp.to_string() }</title>
                        <text x={(r.x + 16.0).to_string()} y={(y + 17.0).to_string()} class="chip-name">{ chip_name(&rep.tp, chip_w) }</text>
                        <text x={(r.x + 8.0 + chip_w - 8.0).to_string()} y={(y + 17.0).to_string()} text-anchor="end" class="chip-role">
                            { match rep.epoch {
                                // Narrow boxes (many brokers) show the role letter only.
                                Some(e) if rep.look != ReplicaLook::Offline && chip_w >= 120.0 => format!("{} · e{e}", look_letter(rep.look)),
                                _ => look_letter(rep.look).to_string(),
                            } }
                        </text>
                    </g>
                }
            }) }
            if more > 0 {
                <text x={(r.x + 12.0).to_string()} y={(r.y + BROKER_HEADER + shown as f64 * CHIP_H + 12.0).to_string()} class="more">
                    { tr(lang, T::MoreReplicas, &[("n", more.to_string())]) }
                </text>
            }
        </g>
    }
}

fn flight(l: &Layout, f: &Flight, real_now: f64, lang: Lang, label: bool) -> Option<Html> {
    let d = &f.delivery;
    let route = l.route(d.from, d.to)?;
    let t = ((real_now - f.started) / FLIGHT_MS).clamp(0.0, 1.0);
    let class = flight_class(d.kind);
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

fn legend(lang: Lang) -> Html {
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

/// A replica chip's label: `topic-partition`, the topic shortened to fit beside the role label
/// (13px monospace: about 8 units a character; the full name is the chip's tooltip).
fn chip_name(tp: &kafka_lab::model::TopicPartition, chip_w: f64) -> String {
    let role = if chip_w >= 120.0 { 7.0 } else { 2.0 };
    let fits = ((chip_w - 16.0) / 8.0 - role) as usize;
    let suffix = format!("-{}", tp.partition);
    format!(
        "{}{suffix}",
        shorten(&tp.topic, fits.saturating_sub(suffix.len()).max(4))
    )
}
