//! The producer tab (notes sections 2, 3, 12, 19): where a record lands and why (explicit,
//! murmur2 of the key, round-robin or sticky); the producer's insides live — the accumulator's
//! deques filling batch by batch, the sender's requests in flight; a batching experiment with
//! `batch.size` and `linger.ms` charted with plotters; and the idempotence presets.

use kafka_lab::cluster::producer::ClientVersion;
use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::partitioner::to_positive;
use kafka_lab::storage::batch::Codec;
use kafka_lab::view::{BatchCell, ProducerPanel, TxnCellKind};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::el;

use crate::components::failure;
use crate::state::{
    Action, Failures, LoadResult, LoadRun, Pick, ProducerData, Shared, LOAD_EVERY_MS, LOAD_RECORDS,
};

/// `batch.size` values the slider steps through.
pub const BATCH_SIZES: [usize; 6] = [256, 1024, 4096, 16_384, 65_536, 262_144];
/// The slider's top for `linger.ms`.
pub const MAX_LINGER_MS: u64 = 50;

/// Producer tab props.
#[derive(Properties, PartialEq)]
pub struct ProducerProps {
    /// The tab's data.
    pub data: Shared<ProducerData>,
    /// Records sent from the selection panel.
    pub picks: Shared<Vec<Pick>>,
    /// The load run, if one runs.
    pub load: Option<LoadRun>,
    /// Finished load runs.
    pub results: Shared<Vec<LoadResult>>,
    /// Language.
    pub lang: Lang,
    /// Commands.
    pub on_exec: Callback<String>,
    /// Actions.
    pub on_action: Callback<Action>,
    /// Buttons whose command failed.
    pub failures: Shared<Failures>,
    /// The producer to show inside: picked, or the last that sent from the page.
    pub inside: Option<String>,
}

/// The producer tab.
#[component]
pub fn Producer(p: &ProducerProps) -> Html {
    let lang = p.lang;
    let on_version = {
        let cb = p.on_action.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            cb.emit(Action::Run {
                origin: "producer/version".into(),
                lines: vec![format!("client-version {v}")],
            });
        })
    };
    let version = p.data.version.name();
    // The producer the user picked or that last sent from the page; else the newest one.
    let shown: Option<&ProducerPanel> = p
        .inside
        .as_ref()
        .and_then(|n| p.data.producers.iter().find(|x| &x.name == n))
        .or_else(|| p.data.producers.last());
    let on_inside = {
        let cb = p.on_action.clone();
        Callback::from(move |e: Event| {
            cb.emit(Action::Inside(
                e.target_unchecked_into::<HtmlSelectElement>().value(),
            ))
        })
    };
    let names: Vec<String> = p.data.producers.iter().map(|x| x.name.clone()).collect();
    html! {
        <div class="producer-tab">
            <div class="pane-head">
                { el::el("h2", "", T::ProducerTabTitle.get(lang)) }
                <label class="version">{ T::ClientVersion.get(lang) }
                    <select data-testid="client-version" onchange={on_version}>
                        { for [("2.3", T::Version23), ("3.x", T::Version3), ("4.0", T::Version40)].into_iter().map(|(v, label)| html! {
                            <option value={v} selected={v == version}>{ label.get(lang) }</option>
                        }) }
                    </select>
                </label>
            </div>
            { failure::note(&p.failures, "producer/version", lang) }
            <PickPanel data={p.data.clone()} picks={p.picks.clone()} lang={lang} on_action={p.on_action.clone()} />
            { pipeline(shown, &names, on_inside, lang) }
            <BatchingPanel load={p.load.clone()} results={p.results.clone()} lang={lang} on_action={p.on_action.clone()} />
            { idempotence(lang, &p.on_action) }
            <TxnPanel data={p.data.clone()} lang={lang} on_action={p.on_action.clone()} failures={p.failures.clone()} />
        </div>
    }
}

/// Partition-selection panel props.
#[derive(Properties, PartialEq)]
pub struct PickProps {
    data: Shared<ProducerData>,
    picks: Shared<Vec<Pick>>,
    lang: Lang,
    on_action: Callback<Action>,
}

/// Notes 3: send explicit, keyed and keyless records and see where each lands and why.
#[component]
fn PickPanel(p: &PickProps) -> Html {
    let lang = p.lang;
    let topic = use_state(|| "orders".to_string());
    let key = use_node_ref();
    let value = use_node_ref();
    let partition = use_state(|| None::<u32>);
    let partitions = p
        .data
        .topics
        .iter()
        .find(|(t, _)| *t == *topic)
        .map_or(0, |(_, n)| *n);
    let onsubmit = {
        let (cb, topic) = (p.on_action.clone(), topic.clone());
        let (key, value, partition) = (key.clone(), value.clone(), partition.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let read = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let k = read(&key);
            // An empty value is a legal record (an empty string, not a null tombstone): it is
            // sent as typed, and the table says so.
            let v = read(&value);
            let part = *partition;
            cb.emit(Action::SendPick {
                topic: (*topic).clone(),
                key: (!k.is_empty()).then_some(k),
                partition: part,
                value: v,
            });
        })
    };
    let on_partition = {
        let partition = partition.clone();
        Callback::from(move |e: Event| {
            partition.set(
                e.target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .parse::<u32>()
                    .ok(),
            )
        })
    };
    let on_topic = {
        let topic = topic.clone();
        Callback::from(move |e: Event| {
            topic.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    html! {
        <section class="panel pick" data-testid="pick">
            { el::el("h3", "", T::PickTitle.get(lang)) }
            { el::el("p", "hint", T::PickHint.get(lang)) }
            <form class="form-row" {onsubmit}>
                <label>{ T::FieldTopic.get(lang) }
                    <select onchange={on_topic}>
                        { for p.data.topics.iter().map(|(t, _)| html! { <option value={t.clone()} selected={*t == *topic}>{ t }</option> }) }
                    </select>
                </label>
                <label>{ T::FieldKey.get(lang) }<input ref={key} data-testid="pick-key" placeholder={T::NoKey.get(lang)} size="10" /></label>
                <label>{ T::FieldPartition.get(lang) }
                    <select data-testid="pick-partition" onchange={on_partition}>
                        <option value="auto" selected={partition.is_none()}>{ T::PartitionAuto.get(lang) }</option>
                        { for (0..partitions).map(|i| html! { <option value={i.to_string()} selected={*partition == Some(i)}>{ i }</option> }) }
                    </select>
                </label>
                <label>{ T::FieldValue.get(lang) }<input ref={value} data-testid="pick-value" size="10" /></label>
                <button type="submit" data-testid="pick-send">{ T::Send.get(lang) }</button>
            </form>
            if !p.picks.is_empty() {
                <table class="picks" data-testid="picks">
                    <tr>{ el::el("th", "", T::FieldKey.get(lang)) }{ el::el("th", "", T::FieldValue.get(lang)) }{ el::el("th", "", T::Landed.get(lang)) }{ el::el("th", "", T::Why.get(lang)) }</tr>
                    { for p.picks.iter().map(|k| html! {
                        <tr>
                            { el::el("td", "", k.key.clone().unwrap_or_else(|| "null".into())) }
                            <td>
                                if k.value.is_empty() {
                                    { el::el("code", "", "\"\"") }{ " " }<small class="empty-value" data-testid="empty-value">{ T::EmptyValueSent.get(lang) }</small>
                                } else {
                                    { &k.value }
                                }
                            </td>
                            { el::el("td", "landed", &k.result) }
                            { el::el("td", "why", why(k, lang)) }
                        </tr>
                    }) }
                </table>
            }
        </section>
    }
}

fn why(k: &Pick, lang: Lang) -> String {
    match (k.why, k.hash) {
        ("hash", Some(h)) => tr(
            lang,
            T::WhyHash,
            &[
                ("key", k.key.clone().unwrap_or_default()),
                ("hash", format!("0x{:08x}", h as u32)),
                ("pos", to_positive(h).to_string()),
                ("n", k.partitions.to_string()),
                ("p", (to_positive(h) % k.partitions.max(1)).to_string()),
            ],
        ),
        ("explicit", _) => T::WhyExplicit.get(lang).to_string(),
        ("round-robin", _) => T::WhyRoundRobin.get(lang).to_string(),
        _ => T::WhySticky.get(lang).to_string(),
    }
}

fn version_label(v: ClientVersion) -> T {
    match v {
        ClientVersion::V2_3 => T::Version23,
        ClientVersion::V3 => T::Version3,
        ClientVersion::V4_0 => T::Version40,
    }
}

fn batch_box(b: &BatchCell, lang: Lang) -> Html {
    let pct = (b.fill * 100.0).round();
    html! {
        <div class={classes!("pbatch", b.retry.then_some("retry"))}
             title={tr(lang, T::BatchTip, &[("n", b.records.to_string()), ("bytes", b.bytes.to_string()), ("age", b.age_ms.to_string()), ("seq", b.base_sequence.to_string())])}>
            <div class="fill" style={format!("height:{pct}%")}></div>
            { el::el("span", "", b.records) }
        </div>
    }
}

/// Notes 19: the main thread appends to the accumulator; the sender drains it.
fn pipeline(
    shown: Option<&ProducerPanel>,
    names: &[String],
    on_inside: Callback<Event>,
    lang: Lang,
) -> Html {
    let Some(pr) = shown else {
        return html! {
            <section class="panel pipeline" data-testid="pipeline">
                { el::el("h3", "", T::PipelineTitle.get(lang)) }
                { el::el("p", "hint", T::NoProducer.get(lang)) }
            </section>
        };
    };
    let s = &pr.stats;
    let per_batch = if s.batches_sent == 0 {
        0.0
    } else {
        s.records_sent as f64 / s.batches_sent as f64
    };
    html! {
        <section class="panel pipeline" data-testid="pipeline">
            <h3>{ T::PipelineTitle.get(lang) }
                <label class="inside-pick">{ T::InsideWhich.get(lang) }
                    <select data-testid="inside-producer" onchange={on_inside}>
                        { for names.iter().map(|n| html! { <option value={n.clone()} selected={*n == pr.name}>{ n }</option> }) }
                    </select>
                </label>
                <span class="era-note" data-testid="inside-name" data-producer={pr.name.clone()}>{ version_label(pr.version).get(lang) }</span>
            </h3>
            <p class="config">
                { format!("acks={} enable.idempotence={} batch.size={} linger.ms={} max.in.flight.requests.per.connection={}", pr.acks, pr.idempotence, pr.batch_size, pr.linger_ms, pr.max_in_flight) }
                if let Some((pid, epoch)) = pr.producer_id {
                    <span class="pid">{ format!(" · producerId {pid} epoch {epoch}") }</span>
                }
            </p>
            <div class="flow">
                <div class="stage main">
                    { el::el("h4", "", T::MainThread.get(lang)) }
                    { el::el("p", "", "send() → serializer → partitioner") }
                </div>
                { el::el("div", "arrow", "→") }
                <div class="stage acc" data-testid="accumulator">
                    <h4>{ "RecordAccumulator" }<span class="era-note">{ format!("{} / {} B", pr.buffer.0, pr.buffer.1) }</span></h4>
                    if pr.deques.iter().all(|d| d.batches.is_empty()) {
                        { el::el("p", "hint", T::AccumulatorEmpty.get(lang)) }
                    }
                    { for pr.deques.iter().filter(|d| !d.batches.is_empty()).map(|d| html! {
                        <div class="deque">
                            { el::el("code", "", d.tp.to_string()) }
                            <div class="batches">{ for d.batches.iter().map(|b| batch_box(b, lang)) }</div>
                        </div>
                    }) }
                </div>
                { el::el("div", "arrow", "→") }
                <div class="stage sender" data-testid="sender">
                    { el::el("h4", "", T::SenderThread.get(lang)) }
                    if pr.in_flight.is_empty() {
                        { el::el("p", "hint", T::NothingInFlight.get(lang)) }
                    }
                    { for pr.in_flight.iter().map(|r| html! {
                        <div class="request">
                            { format!("→ broker {}: ", r.broker) }
                            { for r.batches.iter().map(|(tp, b)| html! { <span class="inflight">{ format!("{tp}×{}", b.records) }</span> }) }
                        </div>
                    }) }
                </div>
            </div>
            <p class="stats" data-testid="producer-stats">
                { tr(lang, T::ProducerStatsLine, &[
                    ("records", s.records_sent.to_string()),
                    ("batches", s.batches_sent.to_string()),
                    ("requests", s.requests.to_string()),
                    ("per", format!("{per_batch:.1}")),
                    ("retries", s.retries.to_string()),
                    ("latency", format!("{:.1}", pr.mean_latency_ms)),
                ]) }
            </p>
        </section>
    }
}

/// Batching panel props.
#[derive(Properties, PartialEq)]
pub struct BatchingProps {
    load: Option<LoadRun>,
    results: Shared<Vec<LoadResult>>,
    lang: Lang,
    on_action: Callback<Action>,
}

/// Notes 19: batch.size and linger.ms trade latency for throughput.
#[component]
fn BatchingPanel(p: &BatchingProps) -> Html {
    let lang = p.lang;
    let size_ix = use_state(|| 3usize);
    let linger = use_state(|| 0u64);
    let gzip = use_state(|| false);
    let canvas = use_node_ref();
    {
        let (canvas, results) = (canvas.clone(), p.results.clone());
        use_effect_with((results, lang), move |(results, lang)| {
            if let Some(c) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                draw_chart(c, results, *lang);
            }
        });
    }
    let on_size = {
        let size_ix = size_ix.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            size_ix.set(v.parse().unwrap_or(3).min(BATCH_SIZES.len() - 1));
        })
    };
    let on_linger = {
        let linger = linger.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            linger.set(v.parse().unwrap_or(0).min(MAX_LINGER_MS));
        })
    };
    let on_codec = {
        let gzip = gzip.clone();
        Callback::from(move |e: Event| {
            gzip.set(e.target_unchecked_into::<HtmlSelectElement>().value() == "gzip");
        })
    };
    let run = {
        let (cb, size_ix, linger, gzip) = (
            p.on_action.clone(),
            size_ix.clone(),
            linger.clone(),
            gzip.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::RunLoad {
                batch_size: BATCH_SIZES[*size_ix],
                linger_ms: *linger,
                compression: if *gzip { Codec::Gzip } else { Codec::None },
            })
        })
    };
    let clear = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::ClearLoad))
    };
    html! {
        <section class="panel batching" data-testid="batching">
            { el::el("h3", "", T::BatchingTitle.get(lang)) }
            { el::el("p", "hint", tr(lang, T::BatchingHint, &[("n", LOAD_RECORDS.to_string()), ("every", LOAD_EVERY_MS.to_string())])) }
            <div class="form-row">
                <label>{ format!("batch.size = {}", BATCH_SIZES[*size_ix]) }
                    <input type="range" min="0" max={(BATCH_SIZES.len() - 1).to_string()} value={size_ix.to_string()} data-testid="batch-size" oninput={on_size} />
                </label>
                <label>{ format!("linger.ms = {}", *linger) }
                    <input type="range" min="0" max={MAX_LINGER_MS.to_string()} value={linger.to_string()} data-testid="linger" oninput={on_linger} />
                </label>
                <label>{ "compression.type" }
                    <select data-testid="load-compression" onchange={on_codec}>
                        <option value="none" selected={!*gzip}>{ "none" }</option>
                        <option value="gzip" selected={*gzip}>{ "gzip" }</option>
                    </select>
                </label>
                <button onclick={run} disabled={p.load.is_some()} data-testid="run-load">{ T::RunLoad.get(lang) }</button>
                if !p.results.is_empty() {
                    <button class="secondary" onclick={clear}>{ T::Clear.get(lang) }</button>
                }
            </div>
            if let Some(l) = &p.load {
                { el::el("p", "running", tr(lang, T::LoadRunning, &[("sent", l.sent.to_string()), ("n", LOAD_RECORDS.to_string())])) }
            }
            if !p.results.is_empty() {
                <table class="results" data-testid="load-results">
                    <tr>{ el::el("th", "", "batch.size") }{ el::el("th", "", "linger.ms") }{ el::el("th", "", T::Batches.get(lang)) }{ el::el("th", "", T::RecordsPerBatch.get(lang)) }{ el::el("th", "", T::Requests.get(lang)) }{ el::el("th", "", T::MeanLatency.get(lang)) }{ el::el("th", "", "compression.type") }{ el::el("th", "", T::LoadBytes.get(lang)) }</tr>
                    { for p.results.iter().map(|r| html! {
                        <tr>
                            { el::el("td", "", r.batch_size) }
                            { el::el("td", "", r.linger_ms) }
                            { el::el("td", "", r.batches) }
                            <td class="per-batch">{ format!("{:.1}", r.records as f64 / r.batches.max(1) as f64) }</td>
                            { el::el("td", "", r.requests) }
                            <td>{ format!("{:.1} ms", r.mean_latency_ms) }</td>
                            { el::el("td", "", r.compression.name()) }
                            <td class="load-bytes">{ format!("{} → {}", r.bytes_before, r.bytes_after) }</td>
                        </tr>
                    }) }
                </table>
            }
            <canvas ref={canvas} id="batching-chart" width="560" height="220" class={classes!(p.results.is_empty().then_some("empty"))} aria-label={T::ChartLabel.get(lang)}></canvas>
            if !p.results.is_empty() {
                <ul class="legend chart-legend">
                    <li><span class="swatch line" style="background: #2563eb"></span>{ T::RecordsPerBatch.get(lang) }</li>
                    <li><span class="swatch line" style="background: #ea580c"></span>{ format!("{} (ms)", T::MeanLatency.get(lang)) }</li>
                </ul>
            }
        </section>
    }
}

/// Records per batch (left axis) and mean latency (right axis) for each run, in run order.
fn draw_chart(canvas: web_sys::HtmlCanvasElement, results: &[LoadResult], lang: Lang) {
    let per_label = T::RecordsPerBatch.get(lang);
    let lat_label = format!("{} (ms)", T::MeanLatency.get(lang));
    let Some(backend) = CanvasBackend::with_canvas_object(canvas) else {
        return;
    };
    let root = backend.into_drawing_area();
    let _ = root.fill(&WHITE);
    if results.is_empty() {
        return;
    }
    let n = results.len();
    let per: Vec<f64> = results
        .iter()
        .map(|r| r.records as f64 / r.batches.max(1) as f64)
        .collect();
    let lat: Vec<f64> = results.iter().map(|r| r.mean_latency_ms).collect();
    let max_per = per.iter().cloned().fold(1.0, f64::max) * 1.15;
    let max_lat = lat.iter().cloned().fold(1.0, f64::max) * 1.15;
    let Ok(chart) = ChartBuilder::on(&root)
        .margin(8)
        .x_label_area_size(28)
        .y_label_area_size(44)
        .right_y_label_area_size(44)
        .build_cartesian_2d(0.5f64..n as f64 + 0.5, 0f64..max_per)
    else {
        return;
    };
    let mut chart = chart.set_secondary_coord(0.5f64..n as f64 + 0.5, 0f64..max_lat);
    let labels: Vec<String> = results
        .iter()
        .map(|r| format!("{}B/{}ms", r.batch_size, r.linger_ms))
        .collect();
    let _ = chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(226, 231, 236))
        .y_labels(6)
        .x_labels(n.min(8))
        .x_label_formatter(&|x| {
            let i = x.round() as usize;
            if (x - i as f64).abs() < 0.01 && i >= 1 && i <= labels.len() {
                labels[i - 1].clone()
            } else {
                String::new()
            }
        })
        .y_desc(per_label)
        .draw();
    let _ = chart
        .configure_secondary_axes()
        .y_desc(lat_label.as_str())
        .draw();
    let blue = RGBColor(37, 99, 235);
    let orange = RGBColor(234, 88, 12);
    let _ = chart
        .draw_series(LineSeries::new(
            per.iter().enumerate().map(|(i, &v)| (i as f64 + 1.0, v)),
            blue.stroke_width(2),
        ))
        .map(|s| {
            s.label(per_label)
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 14, y)], blue))
        });
    let _ = chart.draw_series(
        per.iter()
            .enumerate()
            .map(|(i, &v)| Circle::new((i as f64 + 1.0, v), 3, blue.filled())),
    );
    let _ = chart
        .draw_secondary_series(LineSeries::new(
            lat.iter().enumerate().map(|(i, &v)| (i as f64 + 1.0, v)),
            orange.stroke_width(2),
        ))
        .map(|s| {
            s.label(lat_label.as_str())
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 14, y)], orange))
        });
    let _ = chart.draw_secondary_series(
        lat.iter()
            .enumerate()
            .map(|(i, &v)| Circle::new((i as f64 + 1.0, v), 3, orange.filled())),
    );
    // The legend is HTML under the chart (`chart-legend`): drawn inside, it covered the lines.
    let _ = root.present();
}

/// Notes 12: the duplicate, gone with idempotence, back after a restart.
fn idempotence(lang: Lang, on_action: &Callback<Action>) -> Html {
    let ids = [
        "acks-all-duplicate",
        "idempotence-removes-the-duplicate",
        "producer-restart-duplicates-again",
    ];
    html! {
        <section class="panel idem" data-testid="idempotence">
            { el::el("h3", "", T::IdempotenceTitle.get(lang)) }
            { el::el("p", "hint", T::IdempotenceHint.get(lang)) }
            <div class="form-row">
                { for ids.into_iter().filter_map(kafka_lab::presets::preset).map(|pr| {
                    let (cb, id) = (on_action.clone(), pr.id);
                    html! {
                        <button class="preset" data-preset={id} onclick={Callback::from(move |_: MouseEvent| cb.emit(Action::PlayPreset(id)))}>
                            { pr.title.get(lang) }
                        </button>
                    }
                }) }
            </div>
        </section>
    }
}

/// Transactions panel props.
#[derive(Properties, PartialEq)]
pub struct TxnProps {
    data: Shared<ProducerData>,
    lang: Lang,
    on_action: Callback<Action>,
    failures: Shared<Failures>,
}

/// The states a transaction goes through, in the order the panel draws them.
const TXN_STATES: [&str; 6] = [
    "Empty",
    "Ongoing",
    "PrepareCommit",
    "CompleteCommit",
    "PrepareAbort",
    "CompleteAbort",
];

/// Notes 18: a transaction's states at its coordinator, the markers in the partitions, and
/// read_committed beside read_uncommitted.
#[component]
fn TxnPanel(p: &TxnProps) -> Html {
    let lang = p.lang;
    let id = use_state(|| "shop".to_string());
    let t = &p.data.txn;
    let row = t.txns.iter().find(|r| r.id == *id);
    let cmd = |line: String| failure::run(&p.on_action, "txn/buttons", vec![line]);
    let cmd_all = |lines: Vec<String>| failure::run(&p.on_action, "txn/buttons", lines);
    let tid = (*id).clone();
    // No silent default: an empty transactional.id is refused beside the field.
    let no_id = tid.is_empty();
    let on_id = {
        let id = id.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            let v: String = v
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
                .collect();
            id.set(v);
        })
    };
    let partitions = p
        .data
        .topics
        .iter()
        .find(|(n, _)| n == "orders")
        .map_or(0, |(_, n)| *n);
    let preset = {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::PlayPreset("transactions-read-committed"))
        })
    };
    html! {
        <section class="panel txn" data-testid="transactions">
            { el::el("h3", "", T::TxnTitle.get(lang)) }
            { el::el("p", "hint", T::TxnHint.get(lang)) }
            <div class="form-row">
                <label>{ "transactional.id" }<input value={tid.clone()} oninput={on_id} size="10" data-testid="txn-id" /></label>
                <button onclick={cmd(format!("txn begin --transactional-id {tid}"))} disabled={no_id} data-testid="txn-begin">{ T::TxnBegin.get(lang) }</button>
                { for (0..partitions).map(|part| html! {
                    <button disabled={no_id} onclick={cmd(format!("produce --topic orders --partition {part} --producer-property transactional.id={tid} {tid}-{part}"))}>
                        { tr(lang, T::TxnSendTo, &[("tp", format!("orders-{part}"))]) }
                    </button>
                }) }
                <button disabled={no_id} onclick={cmd(format!("txn commit --transactional-id {tid}"))} data-testid="txn-commit">{ T::TxnCommit.get(lang) }</button>
                <button disabled={no_id} onclick={cmd(format!("txn abort --transactional-id {tid}"))} data-testid="txn-abort">{ T::TxnAbort.get(lang) }</button>
                if let Some(r) = row {
                    <button class="danger" onclick={cmd(format!("kill-broker {}", r.coordinator))}>{ tr(lang, T::KillCoordinator, &[("broker", r.coordinator.to_string())]) }</button>
                    if r.state == "Ongoing" {
                        <button class="danger" data-testid="txn-commit-crash" onclick={cmd_all(vec![
                            format!("txn commit --transactional-id {tid} --async"),
                            "advance 8".to_string(),
                            format!("kill-broker {}", r.coordinator),
                        ])}>{ T::CommitThenCrash.get(lang) }</button>
                    }
                }
                <button class="preset" onclick={preset}>{ T::PresetTxnTitle.get(lang) }</button>
            </div>
            if no_id {
                <p class="failure" role="alert" data-testid="txn-id-required">{ T::TxnIdRequired.get(lang) }</p>
            }
            { failure::note(&p.failures, "txn/buttons", lang) }
            <div class="txn-states" data-testid="txn-states">
                { for TXN_STATES.iter().map(|st| html! {
                    <span class={classes!("txn-state", row.is_some_and(|r| r.state == *st).then_some("on"))}>{ *st }</span>
                }) }
                if let Some(r) = row {
                    { el::el("span", "era-note", tr(lang, T::TxnCoordinatorLine, &[
                        ("broker", r.coordinator.to_string()),
                        ("pid", r.producer.0.to_string()),
                        ("epoch", r.producer.1.to_string()),
                        ("parts", r.partitions.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")),
                    ])) }
                } else {
                    { el::el("span", "era-note", T::TxnNone.get(lang)) }
                }
            </div>
            { for t.partitions.iter().map(|part| html! {
                <div class="txn-log">
                    { el::el("code", "", part.tp.to_string()) }
                    <div class="cells">
                        { for part.cells.iter().map(|c| {
                            let (class, text) = match c.kind {
                                TxnCellKind::Plain => ("plain", c.value.clone()),
                                TxnCellKind::Open => ("open", c.value.clone()),
                                TxnCellKind::Committed => ("committed", c.value.clone()),
                                TxnCellKind::Aborted => ("aborted", c.value.clone()),
                                TxnCellKind::CommitMarker => ("marker", "COMMIT".to_string()),
                                TxnCellKind::AbortMarker => ("marker abort", "ABORT".to_string()),
                            };
                            let mark = if c.offset + 1 == part.lso && part.lso < part.hw { " lso" } else { "" };
                            html! {
                                <span class={format!("tcell {class}{mark}")} title={format!("offset {}", c.offset)}>
                                    { el::el("small", "", c.offset) }{ text }
                                </span>
                            }
                        }) }
                    </div>
                    <span class="marks">{ format!("HW {} · LSO {}", part.hw, part.lso) }</span>
                </div>
            }) }
            <div class="isolation">
                <div data-testid="read-uncommitted">
                    { el::el("h4", "", "isolation.level=read_uncommitted") }
                    <p>{ if t.read_uncommitted.is_empty() { "-".to_string() } else { t.read_uncommitted.join(", ") } }</p>
                </div>
                <div data-testid="read-committed">
                    { el::el("h4", "", "isolation.level=read_committed") }
                    <p>{ if t.read_committed.is_empty() { "-".to_string() } else { t.read_committed.join(", ") } }</p>
                </div>
            </div>
        </section>
    }
}
