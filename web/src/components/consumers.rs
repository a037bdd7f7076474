//! The consumers tab (notes sections 7, 9, 13, 14): consumer groups reading a topic — which
//! member owns which partition (coloured per member), the group's state and generation as
//! rebalances happen, the committed offsets and the lag of each partition, and the commits
//! appearing as records in `__consumer_offsets`.

use kafka_lab::cluster::ownership::Phase;
use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::view::{ConsumerRow, DataFlow, GroupPanel, RebalanceTimeline};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::el;

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use crate::components::failure;
use crate::components::replication::presets;
use crate::state::{Action, ConsumerData, Failures, LagHistory, PresetRun, Shared};

/// The presets of the consumer lab: the notes' log-collection pipeline (section 8) and the
/// docker-compose topologies (section 20).
const CONSUMER_PRESETS: [&str; 4] = [
    "log-collection-pipeline",
    "zk-single-kafka-single",
    "zk-single-kafka-multiple",
    "zk-multiple-kafka-multiple",
];

/// Member colours (Okabe–Ito, as the rest of the page).
const COLOURS: [&str; 8] = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#555555",
];

/// Consumer tab props.
#[derive(Properties, PartialEq)]
pub struct ConsumersProps {
    /// The tab's data.
    pub data: Shared<ConsumerData>,
    /// Each group's total lag over time.
    pub history: Shared<LagHistory>,
    /// Language.
    pub lang: Lang,
    /// Commands.
    pub on_exec: Callback<String>,
    /// The preset being played.
    pub preset: Option<PresetRun>,
    /// Page actions (presets, buttons).
    pub on_action: Callback<Action>,
    /// Buttons whose command failed.
    pub failures: Shared<Failures>,
    /// KRaft mode: no ZooKeeper, so no ZooKeeper-stored offsets (kweb2).
    #[prop_or_default]
    pub kraft: bool,
}

/// The consumers tab.
#[component]
pub fn Consumers(p: &ConsumersProps) -> Html {
    let lang = p.lang;
    let group = use_state(|| "shop".to_string());
    let assignor = use_state(|| "range".to_string());
    let storage = use_state(|| "kafka".to_string());
    let protocol = use_state(|| "classic".to_string());
    let min_bytes = use_state(|| "1".to_string());
    let topic = p
        .data
        .topics
        .iter()
        .find(|(t, _)| t == "orders")
        .or(p.data.topics.first())
        .map(|(t, _)| t.clone())
        .unwrap_or_else(|| "orders".into());
    let next_id = (1..)
        .map(|i| format!("c{i}"))
        .find(|n| !p.data.consumers.iter().any(|c| &c.name == n))
        .unwrap_or_default();
    let exec = |origin: &str, line: String| failure::run(&p.on_action, origin, vec![line]);
    let on_group = {
        let group = group.clone();
        Callback::from(move |e: InputEvent| {
            let v: String = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
                .collect();
            group.set(if v.is_empty() { "shop".into() } else { v });
        })
    };
    let on_assignor = {
        let assignor = assignor.clone();
        Callback::from(move |e: Event| {
            assignor.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_protocol = {
        let protocol = protocol.clone();
        let assignor = assignor.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            // Each protocol has its own assignors: the client's, or the broker's.
            assignor.set(if v == "consumer" { "uniform" } else { "range" }.to_string());
            protocol.set(v);
        })
    };
    let on_min_bytes = {
        let min_bytes = min_bytes.clone();
        Callback::from(move |e: Event| {
            min_bytes.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_storage = {
        let storage = storage.clone();
        Callback::from(move |e: Event| {
            storage.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let kip848 = *protocol == "consumer";
    let mut add = if kip848 {
        format!(
            "consumer add --group {} --id {next_id} --topics {topic} --consumer-property group.protocol=consumer --consumer-property group.remote.assignor={} --consumer-property auto.offset.reset=earliest",
            *group, *assignor
        )
    } else {
        format!(
            "consumer add --group {} --id {next_id} --topics {topic} --assignor {} --consumer-property auto.offset.reset=earliest",
            *group, *assignor
        )
    };
    if *min_bytes != "1" {
        add += &format!(
            " --consumer-property fetch.min.bytes={} --consumer-property fetch.max.wait.ms=2000",
            *min_bytes
        );
    }
    if *storage == "zookeeper" && !p.kraft {
        add += " --consumer-property offsets.storage=zookeeper";
    }
    html! {
        <div class="consumers-tab">
            <div class="pane-head">{ el::el("h2", "", T::ConsumersTitle.get(lang)) }</div>
            <section class="panel" data-testid="group-controls">
                { el::el("p", "hint", T::ConsumersHint.get(lang)) }
                <div class="form-row">
                    <label>{ "group.id" }<input value={(*group).clone()} oninput={on_group} size="8" data-testid="group-id" /></label>
                    <label>{ "group.protocol" }
                        <select onchange={on_protocol} data-testid="group-protocol">
                            <option value="classic" selected={!kip848}>{ T::ProtocolClassic.get(lang) }</option>
                            <option value="consumer" selected={kip848}>{ T::ProtocolConsumer.get(lang) }</option>
                        </select>
                    </label>
                    <label>{ if kip848 { "group.remote.assignor" } else { "partition.assignment.strategy" } }
                        <select onchange={on_assignor} data-testid="assignor">
                            { for (if kip848 { &["uniform", "range"][..] } else { &["range", "roundrobin", "sticky", "cooperative-sticky"][..] }).iter().map(|a| html! {
                                <option value={*a} selected={*assignor == *a}>{ *a }</option>
                            }) }
                        </select>
                    </label>
                    <label title={T::FetchMinBytesHint.get(lang)}>{ "fetch.min.bytes" }
                        <select onchange={on_min_bytes} data-testid="fetch-min-bytes">
                            { for ["1", "1000", "100000"].into_iter().map(|v| html! {
                                <option value={v} selected={*min_bytes == v}>{ v }</option>
                            }) }
                        </select>
                    </label>
                    if !p.kraft {
                    <label>{ "offsets.storage" }
                        <select onchange={on_storage} data-testid="offsets-storage">
                            <option value="kafka" selected={*storage == "kafka"}>{ T::StorageKafka.get(lang) }</option>
                            <option value="zookeeper" selected={*storage == "zookeeper"}>{ T::StorageZk.get(lang) }</option>
                        </select>
                    </label>
                    }
                    <button onclick={exec("consumers/add", add)} data-testid="add-consumer">{ tr(lang, T::AddConsumer, &[("id", next_id.clone())]) }</button>
                    <button onclick={exec("consumers/produce", format!("produce --topic {topic} --count 30 --interval 2 rec"))} data-testid="produce-30">{ tr(lang, T::Produce30, &[("topic", topic.clone())]) }</button>
                </div>
                { crate::components::zk_offsets::join_blocked(p.data.blocked.as_ref(), lang) }
                // While the note above says why a consumer cannot join, the failed click shows
                // Kafka's message only (its explanation would say the same twice).
                { failure::note_with(&p.failures, "consumers/add", lang, p.data.blocked.is_none()) }
                { failure::note(&p.failures, "consumers/produce", lang) }
                if !p.data.consumers.is_empty() {
                    <table class="consumers-list" data-testid="consumers">
                        <tr>{ el::el("th", "", "client.id") }{ el::el("th", "", "group") }{ el::el("th", "", T::State.get(lang)) }{ el::el("th", "", T::Assigned.get(lang)) }{ el::el("th", "", T::Running.get(lang)) }<th></th></tr>
                        { for p.data.consumers.iter().map(|c| consumer_row(c, &p.data.groups, lang, &p.on_action, &p.failures)) }
                    </table>
                }
            </section>
            { presets(T::ConsumerPresetsTitle, Some(&CONSUMER_PRESETS), p.preset.as_ref(), lang, &p.on_action) }
            if !p.data.flow.producers.is_empty() || !p.data.flow.groups.is_empty() {
                { flow_view(&p.data.flow, &p.data.groups, lang) }
            }
            if p.data.groups.is_empty() {
                { el::el("p", "hint", T::NoGroups.get(lang)) }
            } else {
                <LagChart history={p.history.clone()} lang={lang} />
            }
            { for p.data.groups.iter().enumerate().map(|(i, g)| group_view(g, p.data.timelines.get(i), p.kraft, lang, &p.on_exec)) }
        </div>
    }
}

fn colour_of(g: Option<&GroupPanel>, member: &str) -> &'static str {
    let i = g
        .and_then(|g| g.members.iter().position(|m| m.id == member))
        .unwrap_or(COLOURS.len() - 1);
    COLOURS[i % COLOURS.len()]
}

fn consumer_row(
    c: &ConsumerRow,
    groups: &[GroupPanel],
    lang: Lang,
    on_action: &Callback<Action>,
    failures: &Failures,
) -> Html {
    let g = groups.iter().find(|g| g.group == c.group);
    let alive = c.state != "Closed";
    let prefix = format!("consumer/{}/", c.name);
    let button = |label: T, cmd: String, testid: String| {
        let origin = format!(
            "{prefix}{}",
            cmd.split_whitespace().nth(1).unwrap_or_default()
        );
        html! {
            <button class="small" data-testid={testid} disabled={!alive}
                onclick={failure::run(on_action, &origin, vec![cmd])}>{ label.get(lang) }</button>
        }
    };
    let on_run = {
        let (cb, name, running) = (on_action.clone(), c.name.clone(), c.running.is_some());
        Callback::from(move |_: Event| {
            let line = if running {
                format!("consumer pause {name}")
            } else {
                format!("consumer run {name}")
            };
            cb.emit(Action::Run {
                origin: format!("consumer/{name}/run"),
                lines: vec![line],
            })
        })
    };
    let failed = failures.keys().any(|o| o.starts_with(&prefix));
    html! { <>
        <tr class={classes!((!alive).then_some("dead"))} data-consumer={c.name.clone()}>
            <td><span class="swatch" style={format!("background:{}", colour_of(g, &c.name))}></span>{ &c.name }</td>
            { el::el("td", "", &c.group) }
            <td class="state">{ c.state }
                if let Some(e) = c.epoch {
                    <small class="epoch">{ format!(" · epoch {e}") }</small>
                }
                if let Some((left, timeout)) = c.session_left {
                    <small class="countdown" data-testid={format!("countdown-{}", c.name)} data-left-ms={left.to_string()}>
                        { tr(lang, T::ExpiresIn, &[("s", format!("{:.1}", left as f64 / 1000.0)), ("ms", timeout.to_string())]) }
                    </small>
                } else if !alive {
                    <small class="countdown gone" data-testid={format!("expired-{}", c.name)}>{ T::ExpiredGone.get(lang) }</small>
                }
            </td>
            <td class="assigned">{ if c.assignment.is_empty() { "-".to_string() } else { c.assignment.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ") } }</td>
            <td class="running">
                <label class="switch" title={tr(lang, T::RunningHint, &[("ms", c.running.unwrap_or(100).to_string())])}>
                    <input type="checkbox" checked={c.running.is_some()} disabled={!alive} onchange={on_run}
                        aria-label={format!("{} {}", c.name, T::Running.get(lang))}
                        data-testid={format!("run-{}", c.name)} />
                    if let Some(ms) = c.running {
                        <small>{ format!("{ms} {}", T::Ms.get(lang)) }</small>
                    }
                </label>
            </td>
            <td class="actions">
                { button(T::Poll, format!("consumer poll {}", c.name), format!("poll-{}", c.name)) }
                { button(T::Commit, format!("consumer commit {}", c.name), format!("commit-{}", c.name)) }
                { button(T::Leave, format!("consumer leave {}", c.name), format!("leave-{}", c.name)) }
                { button(T::Stall, format!("consumer stall {}", c.name), format!("stall-{}", c.name)) }
                { button(T::Kill, format!("consumer kill {}", c.name), format!("kill-{}", c.name)) }
            </td>
        </tr>
        if failed {
            <tr class="failure-row"><td colspan="6">{ failure::notes(failures, &prefix, lang) }</td></tr>
        }
    </> }
}

fn group_view(
    g: &GroupPanel,
    timeline: Option<&RebalanceTimeline>,
    kraft: bool,
    lang: Lang,
    on_exec: &Callback<String>,
) -> Html {
    let max_lag = g
        .partitions
        .iter()
        .map(|r| r.end.saturating_sub(r.committed.unwrap_or(0)))
        .max()
        .unwrap_or(0)
        .max(1);
    html! {
        <section class="panel group" data-testid="group" data-group={g.group.clone()} data-state={g.state}>
            <h3>
                { format!("group {}", g.group) }
                <span class={classes!("gstate", (g.state != "Stable").then_some("busy"))}>{ g.state }</span>
                if let Some((epoch, target)) = g.kip848 {
                    { el::el("span", "badge kip848", "Kafka 4.0 · KIP-848") }
                    { el::el("span", "era-note", tr(lang, T::GroupLineKip848, &[
                        ("epoch", epoch.to_string()),
                        ("target", target.to_string()),
                        ("assignor", g.assignor.unwrap_or("-").to_string()),
                        ("broker", g.coordinator.to_string()),
                        ("p", g.offsets_partition.to_string()),
                    ])) }
                } else {
                    { el::el("span", "era-note", tr(lang, T::GroupLine, &[
                        ("gen", g.generation.to_string()),
                        ("assignor", g.assignor.unwrap_or("-").to_string()),
                        ("leader", g.leader.clone().unwrap_or_else(|| "-".into())),
                        ("broker", g.coordinator.to_string()),
                        ("p", g.offsets_partition.to_string()),
                    ])) }
                }
            </h3>
            <table class="lag">
                <tr>{ el::el("th", "", "partition") }{ el::el("th", "", T::Owner.get(lang)) }{ el::el("th", "", "CURRENT-OFFSET") }{ el::el("th", "", "LOG-END-OFFSET") }{ el::el("th", "", "LAG") }</tr>
                { for g.partitions.iter().map(|r| {
                    let lag = r.committed.map(|c| r.end.saturating_sub(c));
                    let width = lag.map_or(0.0, |l| l as f64 / max_lag as f64 * 100.0);
                    html! {
                        <tr data-partition={r.tp.to_string()} data-owner={r.owner.clone().unwrap_or_default()}>
                            <td>{ el::el("code", "", r.tp.to_string()) }</td>
                            <td>
                                if let Some(o) = &r.owner {
                                    // Keyed by owner: a partition that moves gets a new element,
                                    // and its arrival animation plays.
                                    <span key={o.clone()} class="owner arrive" style={format!("background:{}", colour_of(Some(g), o))}>{ o }</span>
                                } else {
                                    { el::el("span", "owner none", "-") }
                                }
                            </td>
                            { el::el("td", "", r.committed.map_or("-".to_string(), |c| c.to_string())) }
                            { el::el("td", "", r.end) }
                            <td class="lagcell">
                                <span class="lagbar" style={format!("width:{:.0}%", width.min(100.0))}></span>
                                { el::el("span", "lagnum", lag.map_or("-".to_string(), |l| l.to_string())) }
                            </td>
                        </tr>
                    }
                }) }
            </table>
            if let Some(t) = timeline.filter(|t| !t.lanes.is_empty()) {
                { timeline_view(g, t, lang) }
            }
            if kraft {
                { crate::components::kraft_tabs::offsets_log(g, lang) }
            } else {
                { crate::components::zk_offsets::offsets_compare(g, lang, on_exec) }
            }
        </section>
    }
}

/// Lag chart props.
#[derive(Properties, PartialEq)]
pub struct LagChartProps {
    history: Shared<LagHistory>,
    lang: Lang,
}

/// Each group's total lag (records written but not yet committed) over virtual time.
#[component]
fn LagChart(p: &LagChartProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with((p.history.clone(), p.lang), move |(h, lang)| {
            if let Some(c) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                draw_lag(c, h, *lang);
            }
        });
    }
    html! {
        <section class="panel" data-testid="lag-chart">
            { el::el("h3", "", T::LagChartTitle.get(p.lang)) }
            <canvas ref={canvas} id="lag-chart" width="640" height="200" aria-label={T::LagChartTitle.get(p.lang)}></canvas>
            <ul class="legend chart-legend">
                { for lag_groups(&p.history).iter().enumerate().map(|(i, g)| html! {
                    <li><span class="swatch line" style={format!("background: {}", COLOURS[i % COLOURS.len()])}></span>{ g }</li>
                }) }
            </ul>
        </section>
    }
}

/// The groups in the lag history, in name order (the order of their colours).
fn lag_groups(h: &LagHistory) -> Vec<String> {
    let mut g: Vec<String> = h
        .iter()
        .flat_map(|(_, s)| s.iter().map(|(n, _)| n.clone()))
        .collect();
    kafka_lab::sort::natural(&mut g);
    g.dedup();
    g
}

fn draw_lag(canvas: web_sys::HtmlCanvasElement, h: &LagHistory, lang: Lang) {
    let Some(backend) = CanvasBackend::with_canvas_object(canvas) else {
        return;
    };
    let root = backend.into_drawing_area();
    let _ = root.fill(&WHITE);
    let (Some(first), Some(last)) = (h.first(), h.last()) else {
        return;
    };
    let t0 = first.0 as f64 / 1000.0;
    let t1 = (last.0 as f64 / 1000.0).max(t0 + 1.0);
    let max = h
        .iter()
        .flat_map(|(_, s)| s.iter().map(|(_, l)| *l))
        .max()
        .unwrap_or(0)
        .max(1) as f64
        * 1.15;
    let Ok(mut chart) = ChartBuilder::on(&root)
        .margin(8)
        .x_label_area_size(38)
        .y_label_area_size(56)
        .build_cartesian_2d(t0..t1, 0f64..max)
    else {
        return;
    };
    let _ = chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(226, 231, 236))
        .x_desc(T::VirtualSeconds.get(lang))
        .y_desc("LAG")
        .draw();
    let groups = lag_groups(h);
    for (i, g) in groups.iter().enumerate() {
        let colour = match COLOURS[i % COLOURS.len()].trim_start_matches('#') {
            hex if hex.len() == 6 => {
                let v = u32::from_str_radix(hex, 16).unwrap_or(0);
                RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
            }
            _ => BLACK,
        };
        let points: Vec<(f64, f64)> = h
            .iter()
            .filter_map(|(t, s)| {
                s.iter()
                    .find(|(n, _)| n == g)
                    .map(|(_, l)| (*t as f64 / 1000.0, *l as f64))
            })
            .collect();
        let name = g.clone();
        let _ = chart
            .draw_series(LineSeries::new(points, colour.stroke_width(2)))
            .map(|s| {
                s.label(name)
                    .legend(move |(x, y)| PathElement::new([(x, y), (x + 14, y)], colour))
            });
    }
    // The legend is HTML under the chart (`chart-legend`): drawn inside, it covered the lines.
    let _ = root.present();
}

/// Lane geometry of the rebalance timeline (SVG user units).
const TL_WIDTH: f64 = 640.0;
/// The narrowest label column (client ids are drawn in it, about 6.5 units a character).
const TL_LABEL_MIN: f64 = 46.0;
const TL_LANE: f64 = 22.0;
const TL_TOP: f64 = 16.0;

/// The group's rebalance timeline: one lane per member, coloured while it owns partitions,
/// hatched while it owns nothing during a rebalance (eager: everyone), pale when idle; the
/// group's rebalances as shaded spans ending in the generation they produced.
fn timeline_view(g: &GroupPanel, t: &RebalanceTimeline, lang: Lang) -> Html {
    let span = (t.to - t.from).max(1) as f64;
    let label_w = t
        .lanes
        .iter()
        .map(|l| l.client.chars().count() as f64 * 6.5 + 8.0)
        .fold(TL_LABEL_MIN, f64::max);
    let x = |ms: u64| label_w + (ms.saturating_sub(t.from)) as f64 / span * (TL_WIDTH - label_w);
    let height = TL_TOP + t.lanes.len() as f64 * TL_LANE + 4.0;
    // Rebalances close together (cooperative-sticky runs two) share one label: the latest.
    let mut labelled = vec![false; t.rebalances.len()];
    let mut next_label = f64::INFINITY;
    for (i, r) in t.rebalances.iter().enumerate().rev() {
        let end = x(r.1.unwrap_or(t.to));
        if next_label - end > 110.0 {
            labelled[i] = true;
            next_label = end;
        }
    }
    html! {
        <div class="timeline" data-testid="rebalance-timeline">
            { el::el("h4", "", T::TimelineTitle.get(lang)) }
            <svg viewBox={format!("0 0 {TL_WIDTH} {height}")} width="100%" role="img"
                aria-label={T::TimelineTitle.get(lang)}>
                <defs>
                    <pattern id={format!("hatch-{}", g.group)} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="6" height="6" fill="#f3f4f6" />
                        <line x1="0" y1="0" x2="0" y2="6" stroke="#9aa3ad" stroke-width="2.2" />
                    </pattern>
                </defs>
                { for t.rebalances.iter().zip(labelled).map(|(&(start, end, gen), show)| {
                    let (x0, x1) = (x(start), x(end.unwrap_or(t.to)));
                    let label = match gen {
                        _ if !show => String::new(),
                        Some(gen) => tr(lang, T::RebalanceSpan, &[("gen", gen.to_string())]),
                        None => T::RebalanceOpen.get(lang).to_string(),
                    };
                    html! {
                        <g class="rebalance" data-generation={gen.map(|g| g.to_string()).unwrap_or_default()}>
                            <rect x={format!("{:.1}", x0)} y="12" width={format!("{:.1}", (x1 - x0).max(1.5))} height={format!("{:.1}", height - 12.0)} />
                            <line x1={format!("{:.1}", x1)} x2={format!("{:.1}", x1)} y1="10" y2={format!("{:.1}", height)} />
                            // Near the left edge the label reads rightwards from the span.
                            if x1 - label.chars().map(|c| if c.is_ascii() { 6.0 } else { 11.0 }).sum::<f64>() < 0.0 {
                                <text x={format!("{:.1}", x0 + 2.0)} y="9" text-anchor="start">{ label }</text>
                            } else {
                                <text x={format!("{:.1}", x1 - 2.0)} y="9" text-anchor="end">{ label }</text>
                            }
                        </g>
                    }
                }) }
                { for t.lanes.iter().enumerate().map(|(i, lane)| {
                    let y = TL_TOP + i as f64 * TL_LANE;
                    let colour = colour_of(Some(g), &lane.client);
                    html! {
                        <g class="lane" data-lane={lane.client.clone()}>
                            <text class="who" x="0" y={format!("{:.1}", y + 14.0)}>{ &lane.client }</text>
                            { for lane.segments.iter().map(|s| {
                                let (x0, x1) = (x(s.from), x(s.to));
                                let w = (x1 - x0).max(1.0);
                                let owned = s.owned.iter().map(|t| t.rsplit('-').next().unwrap_or(t).to_string()).collect::<Vec<_>>().join(",");
                                let (fill, class, title) = match (s.phase, s.owned.is_empty()) {
                                    (Phase::Rebalancing, true) => (format!("url(#hatch-{})", g.group), "stopped", T::PhaseStopped.get(lang).to_string()),
                                    (Phase::Idle, _) | (Phase::Consuming, true) => ("#e6e9ed".to_string(), "idle", T::PhaseIdle.get(lang).to_string()),
                                    (Phase::Rebalancing, false) => (colour.to_string(), "keeps", format!("{}: {}", T::PhaseKeeps.get(lang), s.owned.join(", "))),
                                    _ => (colour.to_string(), "consuming", format!("{}: {}", T::PhaseConsuming.get(lang), s.owned.join(", "))),
                                };
                                html! {
                                    <g class={classes!("seg", class)} data-phase={s.phase.name()} data-owned={s.owned.join(",")}>
                                        <title>{ format!("{} {} – {} ms: {title}", lane.client, s.from, s.to) }</title>
                                        <rect x={format!("{:.1}", x0)} y={format!("{:.1}", y + 2.0)} width={format!("{:.1}", w)} height={format!("{:.1}", TL_LANE - 5.0)} rx="3" fill={fill} />
                                        if !owned.is_empty() && w > 8.0 * owned.len() as f64 + 10.0 {
                                            <text x={format!("{:.1}", x0 + 4.0)} y={format!("{:.1}", y + 14.5)}>{ format!("p{owned}") }</text>
                                        }
                                    </g>
                                }
                            }) }
                        </g>
                    }
                }) }
            </svg>
            { el::el("p", "hint", T::TimelineHint.get(lang)) }
        </div>
    }
}

/// Row pitch and box size of the data-flow diagram (SVG units).
const FLOW_ROW: f64 = 40.0;
const FLOW_BOX_W: f64 = 170.0;
const FLOW_BOX_H: f64 = 30.0;
const FLOW_TOP: f64 = 22.0;
/// Left edges of the three columns.
const FLOW_COLS: [f64; 3] = [4.0, 245.0, 466.0];

/// Producers → topics → consumer groups, each edge labelled (records sent; a group's lag).
fn flow_view(f: &DataFlow, groups: &[GroupPanel], lang: Lang) -> Html {
    let rows = f
        .producers
        .len()
        .max(f.topics.len())
        .max(f.groups.len())
        .max(1);
    let height = FLOW_TOP + rows as f64 * FLOW_ROW;
    let y = |i: usize| FLOW_TOP + i as f64 * FLOW_ROW;
    let topic_row = |t: &str| f.topics.iter().position(|x| x.name == t);
    let edge = |x0: f64, y0: f64, x1: f64, y1: f64| {
        let mx = (x0 + x1) / 2.0;
        format!("M{x0:.1},{y0:.1} C{mx:.1},{y0:.1} {mx:.1},{y1:.1} {x1:.1},{y1:.1}")
    };
    let mid = FLOW_BOX_H / 2.0;
    let mut edges = Vec::new();
    for (i, p) in f.producers.iter().enumerate() {
        for (t, n) in &p.topics {
            let Some(j) = topic_row(t) else { continue };
            let (x0, x1) = (FLOW_COLS[0] + FLOW_BOX_W, FLOW_COLS[1]);
            let (y0, y1) = (y(i) + mid, y(j) + mid);
            edges.push(html! {
                <g class="edge sent">
                    <title>{ format!("{} → {t}: {}", p.name, tr(lang, T::FlowSent, &[("n", n.to_string())])) }</title>
                    <path d={edge(x0, y0, x1, y1)} />
                </g>
            });
        }
    }
    for (i, g) in f.groups.iter().enumerate() {
        for (t, lag) in &g.topics {
            let Some(j) = topic_row(t) else { continue };
            let (x0, x1) = (FLOW_COLS[1] + FLOW_BOX_W, FLOW_COLS[2]);
            let (y0, y1) = (y(j) + mid, y(i) + mid);
            edges.push(html! {
                <g class={classes!("edge", "read", (*lag > 0).then_some("behind"))} data-group={g.group.clone()} data-lag={lag.to_string()}>
                    <path d={edge(x0, y0, x1, y1)} />
                    <text x={format!("{:.1}", x1 - 4.0)} y={format!("{:.1}", y1 - 4.0)} text-anchor="end">
                        { tr(lang, T::FlowLag, &[("lag", lag.to_string())]) }
                    </text>
                </g>
            });
        }
    }
    let node = |col: usize, row: usize, title: String, sub: String, class: &'static str| {
        html! {
            <g class={classes!("node", class)}>
                <rect x={format!("{:.1}", FLOW_COLS[col])} y={format!("{:.1}", y(row))} width={FLOW_BOX_W.to_string()} height={FLOW_BOX_H.to_string()} rx="5" />
                <text class="title" x={format!("{:.1}", FLOW_COLS[col] + 7.0)} y={format!("{:.1}", y(row) + 13.0)}>{ title }</text>
                <text class="sub" x={format!("{:.1}", FLOW_COLS[col] + 7.0)} y={format!("{:.1}", y(row) + 25.0)}>{ sub }</text>
            </g>
        }
    };
    html! {
        <section class="panel dataflow" data-testid="data-flow">
            { el::el("h3", "", T::FlowTitle.get(lang)) }
            <svg viewBox={format!("0 0 640 {height:.0}")} width="100%" role="img" aria-label={T::FlowTitle.get(lang)}>
                <text class="head" x={FLOW_COLS[0].to_string()} y="12">{ T::FlowProducers.get(lang) }</text>
                <text class="head" x={FLOW_COLS[1].to_string()} y="12">{ T::FlowTopics.get(lang) }</text>
                <text class="head" x={FLOW_COLS[2].to_string()} y="12">{ T::FlowGroups.get(lang) }</text>
                { for edges }
                { for f.producers.iter().enumerate().map(|(i, p)| {
                    let n: usize = p.topics.iter().map(|(_, n)| n).sum();
                    node(0, i, p.name.clone(), tr(lang, T::FlowSent, &[("n", n.to_string())]), "producer")
                }) }
                { for f.topics.iter().enumerate().map(|(i, t)| {
                    node(1, i, t.name.clone(), tr(lang, T::FlowTopicSub, &[("p", t.partitions.to_string()), ("n", t.end.to_string())]), "topic")
                }) }
                { for f.groups.iter().enumerate().map(|(i, g)| {
                    let panel = groups.iter().find(|p| p.group == g.group);
                    html! {
                        <g data-flow-group={g.group.clone()}>
                            { node(2, i, g.group.clone(), String::new(), "group") }
                            { for g.members.iter().enumerate().map(|(k, m)| html! {
                                <rect class="member" x={format!("{:.1}", FLOW_COLS[2] + 7.0 + k as f64 * 13.0)} y={format!("{:.1}", y(i) + 17.0)}
                                    width="10" height="9" rx="2" fill={colour_of(panel, m)}>{ el::el("title", "", m) }</rect>
                            }) }
                        </g>
                    }
                }) }
            </svg>
        </section>
    }
}
