//! The storage tab (notes sections 5, 6, 10, 16): every broker's data directory with its
//! segment files as they roll; one segment opened (its sparse index pointing into its batches);
//! an offset lookup animated step by step; a real Kafka file opened in the page; and why Kafka
//! is fast (sequential appends, the page cache, zero-copy).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::model::TopicPartition;
use kafka_lab::storage::batch::DecodedBatch;
use kafka_lab::storage::segment::{file_name, IndexEntry};
use web_sys::{DragEvent, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::{Action, LookupRun, SegmentSel, Shared, StorageData, Upload, LOOKUP_STEP_MS};

/// Storage tab props.
#[derive(Properties, PartialEq)]
pub struct StorageProps {
    /// The tab's data.
    pub data: Shared<StorageData>,
    /// The lookup being animated.
    pub lookup: Option<LookupRun>,
    /// The uploaded file.
    pub upload: Option<Shared<Upload>>,
    /// Real time now (drives the lookup animation).
    pub real_now: f64,
    /// Language.
    pub lang: Lang,
    /// Actions.
    pub on_action: Callback<Action>,
}

/// The storage tab.
#[component]
pub fn Storage(p: &StorageProps) -> Html {
    let lang = p.lang;
    // How far the lookup animation has got.
    let step = p
        .lookup
        .as_ref()
        .map(|l| ((p.real_now - l.started).max(0.0) / LOOKUP_STEP_MS) as usize);
    html! {
        <div class="storage">
            { disks(&p.data, lang, &p.on_action) }
            <div class="controls-row">
                { lookup_form(&p.data, lang, &p.on_action) }
                <UploadPanel lang={lang} on_action={p.on_action.clone()} />
            </div>
            if let Some(l) = &p.lookup {
                { lookup_steps(l, step.unwrap_or(0), lang) }
            }
            if let Some(u) = &p.upload {
                { uploaded(u, p.lookup.as_ref().filter(|l| l.broker.is_none()), step.unwrap_or(0), lang, &p.on_action) }
            }
            { segment_view(&p.data, p.lookup.as_ref().filter(|l| l.broker.is_some()), step.unwrap_or(0), lang) }
            <WhyFast lang={lang} />
        </div>
    }
}

fn disks(d: &StorageData, lang: Lang, on_action: &Callback<Action>) -> Html {
    let selected = d.detail.as_ref().map(|x| &x.sel);
    html! {
        <section class="panel disks" data-testid="disks">
            <h3>{ T::DisksTitle.get(lang) }</h3>
            <p class="hint">{ T::DisksHint.get(lang) }</p>
            <div class="disk-grid">
            { for d.disks.iter().map(|b| html! {
                <div class={classes!("disk", (!b.alive).then_some("dead"))} data-broker={b.id.to_string()}>
                    <div class="disk-head">
                        <strong>{ format!("broker-{}", b.id) }</strong>
                        if !b.alive { <span class="tag">{ T::DiskDead.get(lang) }</span> }
                    </div>
                    { for b.partitions.iter().map(|pd| html! {
                        <div class="pdir">
                            <div class="pdir-head">
                                <code>{ format!("{}/", pd.tp) }</code>
                                <span class={classes!("role", pd.role)}>{ pd.role }</span>
                                <span class="offsets">{ format!("{}..{}", pd.log_start, pd.leo) }</span>
                            </div>
                            { for pd.segments.iter().map(|s| {
                                let sel = SegmentSel { broker: b.id, tp: pd.tp.clone(), base: s.base };
                                let on = selected == Some(&sel);
                                let cb = on_action.clone();
                                let name = file_name(s.base, "log");
                                html! {
                                    <button class={classes!("segfile", on.then_some("on"), s.active.then_some("active"))}
                                            data-segment={name.clone()}
                                            title={format!("{} batches, .index {} {}, .timeindex {} {}", s.batches, s.index_entries, T::Entries.get(lang), s.time_entries, T::Entries.get(lang))}
                                            onclick={Callback::from(move |_: MouseEvent| cb.emit(Action::SelectSegment(sel.clone())))}>
                                        <span class="fname">{ pretty_name(&name) }</span>
                                        <span class="fsize">{ format!("{} B", s.size) }</span>
                                        <span class="fidx">{ format!("idx {}", s.index_entries) }</span>
                                        if s.active { <span class="tag">{ T::ActiveSegment.get(lang) }</span> }
                                    </button>
                                }
                            }) }
                        </div>
                    }) }
                </div>
            }) }
            </div>
        </section>
    }
}

/// Lookup form props.
#[derive(Properties, PartialEq)]
pub struct LookupFormProps {
    partitions: Vec<TopicPartition>,
    brokers: Vec<u32>,
    lang: Lang,
    on_action: Callback<Action>,
}

/// A segment file name with its leading zeros muted, so the base offset stands out.
fn pretty_name(name: &str) -> Html {
    let digits = name.split('.').next().unwrap_or(name);
    let zeros = digits.len() - digits.trim_start_matches('0').len();
    let zeros = if zeros == digits.len() {
        zeros - 1
    } else {
        zeros
    };
    html! { <><span class="zeros">{ &name[..zeros] }</span>{ &name[zeros..] }</> }
}

fn lookup_form(d: &StorageData, lang: Lang, on_action: &Callback<Action>) -> Html {
    let mut partitions: Vec<TopicPartition> = d
        .disks
        .iter()
        .flat_map(|b| b.partitions.iter().map(|p| p.tp.clone()))
        .collect();
    partitions.sort();
    partitions.dedup();
    let brokers: Vec<u32> = d.disks.iter().map(|b| b.id).collect();
    html! { <LookupForm partitions={partitions} brokers={brokers} lang={lang} on_action={on_action.clone()} /> }
}

/// The lookup form keeps what is typed in its own state, so redraws of the page (every frame
/// while time runs) never reset it.
#[component]
fn LookupForm(p: &LookupFormProps) -> Html {
    let lang = p.lang;
    let tp = use_state(|| None::<TopicPartition>);
    let broker = use_state(String::new);
    let offset = use_state(|| "0".to_string());
    let chosen = (*tp)
        .clone()
        .filter(|t| p.partitions.contains(t))
        .or_else(|| p.partitions.first().cloned());
    let onsubmit = {
        let cb = p.on_action.clone();
        let (chosen, broker, offset) = (chosen.clone(), broker.clone(), offset.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(tp), Ok(off)) = (chosen.clone(), offset.trim().parse::<i64>()) else {
                return;
            };
            cb.emit(Action::Lookup {
                tp,
                broker: broker.parse().ok(),
                offset: off,
            });
        })
    };
    let on_tp = {
        let tp = tp.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            tp.set(TopicPartition::parse(&s.value()));
        })
    };
    let on_broker = {
        let broker = broker.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            broker.set(s.value());
        })
    };
    let on_offset = {
        let offset = offset.clone();
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            offset.set(i.value());
        })
    };
    html! {
        <section class="panel lookup-form">
            <h3>{ T::LookupTitle.get(lang) }</h3>
            <p class="hint">{ T::LookupHint.get(lang) }</p>
            <form class="form-row" onsubmit={onsubmit} data-testid="lookup-form">
                <label>{ T::PartitionLabel.get(lang) }
                    <select id="lookup-tp" onchange={on_tp}>{ for p.partitions.iter().map(|t| html! {
                        <option value={t.to_string()} selected={chosen.as_ref() == Some(t)}>{ t.to_string() }</option>
                    }) }</select>
                </label>
                <label>{ T::LookupReplica.get(lang) }
                    <select id="lookup-replica" onchange={on_broker}>
                        <option value="" selected={broker.is_empty()}>{ T::LeaderReplica.get(lang) }</option>
                        { for p.brokers.iter().map(|b| html! { <option value={b.to_string()} selected={*broker == b.to_string()}>{ format!("broker-{b}") }</option> }) }
                    </select>
                </label>
                <label>{ "offset" }<input id="lookup-offset" type="number" min="0" value={(*offset).clone()} oninput={on_offset} size="6" /></label>
                <button type="submit" class="primary">{ T::LookupButton.get(lang) }</button>
            </form>
        </section>
    }
}

fn lookup_steps(l: &LookupRun, step: usize, lang: Lang) -> Html {
    let t = &l.trace;
    let mut lines: Vec<(String, &'static str)> = Vec::new();
    match t.segment {
        None => lines.push((
            tr(lang, T::StepOutOfRange, &[("target", t.target.to_string())]),
            "bad",
        )),
        Some(base) => {
            lines.push((
                tr(
                    lang,
                    T::StepSegment,
                    &[("target", t.target.to_string()), ("base", base.to_string())],
                ),
                "seg",
            ));
            for pr in &t.index.probes {
                let cmp = match pr.cmp {
                    -1 => "<",
                    0 => "=",
                    _ => ">",
                };
                lines.push((
                    tr(
                        lang,
                        T::StepProbe,
                        &[
                            ("slot", pr.slot.to_string()),
                            ("key", pr.key.to_string()),
                            ("cmp", cmp.to_string()),
                            ("target", t.target.to_string()),
                        ],
                    ),
                    "probe",
                ));
            }
            for b in &t.scanned {
                lines.push((
                    tr(
                        lang,
                        T::StepScan,
                        &[
                            ("first", b.base_offset.to_string()),
                            ("last", b.last_offset.to_string()),
                            ("pos", b.position.to_string()),
                        ],
                    ),
                    "scan",
                ));
            }
            if let Some(f) = t.found {
                lines.push((
                    tr(
                        lang,
                        T::StepFound,
                        &[
                            ("target", t.target.to_string()),
                            ("pos", f.position.to_string()),
                            ("steps", t.steps().to_string()),
                            ("linear", t.linear_steps.to_string()),
                        ],
                    ),
                    "found",
                ));
            }
        }
    }
    let shown = (step + 1).min(lines.len());
    let done = shown == lines.len();
    html! {
        <section class="panel lookup-trace" data-testid="lookup-trace" data-done={done.to_string()}>
            <h3>{ format!("{} — {}", T::LookupTitle.get(lang), l.what) }
                if let Some(b) = l.broker { <span class="era-note">{ format!("broker-{b}") }</span> }
            </h3>
            <div class="step-counters">
                <div><b data-testid="steps-indexed">{ if done { t.steps().to_string() } else { "…".into() } }</b>{ T::StepsIndexed.get(lang) }</div>
                <div><b data-testid="steps-linear">{ t.linear_steps }</b>{ T::StepsLinear.get(lang) }</div>
            </div>
            <ol class="steps">
                { for lines.iter().take(shown).enumerate().map(|(i, (text, kind))| html! {
                    <li class={classes!(*kind, (i + 1 == shown).then_some("current"))}>{ text }</li>
                }) }
            </ol>
        </section>
    }
}

/// Which index slots and batch positions the animation has reached.
fn highlights(l: Option<&LookupRun>, step: usize) -> (Vec<usize>, Vec<u32>, Option<u32>) {
    let Some(l) = l else {
        return (Vec::new(), Vec::new(), None);
    };
    let t = &l.trace;
    let probes = t.index.probes.len();
    let slots = t
        .index
        .probes
        .iter()
        .take(step.saturating_sub(1))
        .map(|p| p.slot)
        .collect();
    let batches = t
        .scanned
        .iter()
        .take(step.saturating_sub(1 + probes))
        .map(|b| b.position)
        .collect();
    let found = (step > 1 + probes + t.scanned.len().saturating_sub(1))
        .then(|| t.found.map(|f| f.position))
        .flatten();
    (slots, batches, found)
}

fn segment_view(d: &StorageData, l: Option<&LookupRun>, step: usize, lang: Lang) -> Html {
    let Some(x) = &d.detail else {
        return html! { <section class="panel segment"><p class="hint">{ T::NoSegment.get(lang) }</p></section> };
    };
    let lookup_here = l.filter(|l| {
        l.broker == Some(x.sel.broker)
            && l.trace.segment == Some(x.sel.base)
            && l.what == x.sel.tp.to_string()
    });
    let (slots, scanned, found) = highlights(lookup_here, step);
    html! {
        <section class="panel segment" data-testid="segment">
            <h3>{ tr(lang, T::SegmentTitle, &[("file", format!("{}/{}", x.sel.tp, file_name(x.sel.base, "log"))), ("broker", x.sel.broker.to_string())]) }
                <span class="era-note">{ format!("{} B", x.size) }</span></h3>
            <p class="hint">{ T::SegmentHint.get(lang) }</p>
            { index_svg(&x.index, &x.batches, x.sel.base, &slots, &scanned, found, lang) }
            { records_table(&x.batches, false, lang) }
        </section>
    }
}

const ROW: f64 = 22.0;

fn index_svg(
    index: &[IndexEntry],
    batches: &[DecodedBatch],
    base: i64,
    slots: &[usize],
    scanned: &[u32],
    found: Option<u32>,
    lang: Lang,
) -> Html {
    let rows = batches.len().max(index.len()).max(1);
    let h = 30.0 + rows as f64 * ROW;
    let batch_y = |pos: u32| {
        batches
            .iter()
            .position(|b| b.position as u32 == pos)
            .map(|i| 30.0 + i as f64 * ROW)
    };
    html! {
        <svg class="index-svg" viewBox={format!("0 0 620 {h}")} width="100%" role="img" aria-label="index and batches">
            <text x="10" y="16" class="colhead">{ format!("{} {}", file_name(base, "index"), T::IndexCol.get(lang)) }</text>
            <text x="330" y="16" class="colhead">{ format!("{} — {}", file_name(base, "log"), T::LogCol.get(lang)) }</text>
            { for index.iter().enumerate().map(|(i, e)| {
                let y = 30.0 + i as f64 * ROW;
                let probed = slots.contains(&i);
                let to = batch_y(e.position);
                html! {
                    <g class={classes!("ientry", probed.then_some("probed"))} data-slot={i.to_string()}>
                        <rect x="10" y={(y - 0.0).to_string()} width="190" height={(ROW - 4.0).to_string()} rx="4" />
                        <text x="18" y={(y + 13.0).to_string()}>{ format!("#{i}  +{} → {}", e.offset - base, e.position) }</text>
                        if let Some(ty) = to {
                            <path class="arrow" d={format!("M200 {} C 260 {}, 270 {}, 328 {}", y + 9.0, y + 9.0, ty + 9.0, ty + 9.0)} />
                        }
                    </g>
                }
            }) }
            { for batches.iter().enumerate().map(|(i, b)| {
                let y = 30.0 + i as f64 * ROW;
                let pos = b.position as u32;
                let is_found = found == Some(pos);
                let seen = scanned.contains(&pos);
                html! {
                    <g class={classes!("batch", seen.then_some("scanned"), is_found.then_some("found"), (!b.crc_valid).then_some("bad"))} data-pos={pos.to_string()}>
                        <rect x="330" y={y.to_string()} width="280" height={(ROW - 4.0).to_string()} rx="4" />
                        <text x="338" y={(y + 13.0).to_string()}>{ format!("@{:<5} offsets {}..{}  {} B", b.position, b.base_offset, b.last_offset(), b.size) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

fn records_table(batches: &[DecodedBatch], open: bool, lang: Lang) -> Html {
    let text = |b: &Option<Vec<u8>>| {
        b.as_ref().map_or("null".to_string(), |v| {
            String::from_utf8_lossy(v).into_owned()
        })
    };
    html! {
        <details class="records" open={open}>
            <summary>{ format!("{} ({})", T::RecordsTitle.get(lang), batches.iter().map(|b| b.count.max(0) as usize).sum::<usize>()) }</summary>
            <table class="rec-table">
                <thead><tr><th>{"offset"}</th><th>{"position"}</th><th>{"CreateTime"}</th><th>{"key"}</th><th>{"value"}</th><th>{"epoch"}</th><th>{"crc"}</th></tr></thead>
                <tbody>
                { for batches.iter().flat_map(|b| {
                    let recs = b.records.clone().and_then(Result::ok).unwrap_or_default();
                    let b = b.clone();
                    recs.into_iter().map(move |r| html! {
                        <tr><td>{ r.offset }</td><td>{ b.position }</td><td>{ r.timestamp }</td><td>{ text(&r.key) }</td><td>{ text(&r.value) }</td><td>{ b.partition_leader_epoch }</td>
                            <td>{ if b.crc_valid { "ok" } else { "BAD" } }</td></tr>
                    })
                }) }
                </tbody>
            </table>
        </details>
    }
}

fn uploaded(
    u: &Upload,
    l: Option<&LookupRun>,
    step: usize,
    lang: Lang,
    on_action: &Callback<Action>,
) -> Html {
    let (slots, scanned, found) = highlights(l, step);
    let onsubmit = {
        let cb = on_action.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            use wasm_bindgen::JsCast;
            let v = gloo::utils::document()
                .get_element_by_id("upload-offset")
                .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
                .and_then(|i| i.value().trim().parse::<i64>().ok());
            if let Some(o) = v {
                cb.emit(Action::LookupUpload(o));
            }
        })
    };
    html! {
        <section class="panel uploaded" data-testid="uploaded">
            <h3>{ &u.name }<span class="era-note">{ format!("{} B", u.size) }</span></h3>
            if let Some(e) = &u.error {
                <p class="error" role="alert" data-testid="upload-error">{ e }</p>
            }
            if let Some(f) = &u.log {
                <p>{ tr(lang, T::UploadBatches, &[("n", f.batches.len().to_string()), ("records", f.batches.iter().map(|b| b.count.max(0) as usize).sum::<usize>().to_string()), ("bytes", f.valid_bytes.to_string())]) }</p>
                if u.error.is_none() && f.valid_bytes < u.size {
                    if let Some(e) = &f.error {
                        <p class="error" role="alert">{ e.to_string() }</p>
                    } else {
                        <p class="hint">{ tr(lang, T::UploadTrailing, &[("n", (u.size - f.valid_bytes).to_string())]) }</p>
                    }
                }
                if !f.batches.is_empty() && u.index.is_empty() {
                    <p class="hint" data-testid="upload-no-index">{ T::UploadNoIndex.get(lang) }</p>
                }
                if !f.batches.is_empty() {
                    <form class="form-row" onsubmit={onsubmit}>
                        <label>{ "offset" }<input id="upload-offset" type="number" placeholder={f.batches[0].base_offset.to_string()} /></label>
                        <button type="submit">{ T::LookupButton.get(lang) }</button>
                    </form>
                    { index_svg(&u.index, &f.batches, u.base, &slots, &scanned, found, lang) }
                    { records_table(&f.batches, true, lang) }
                }
            }
        </section>
    }
}

/// Upload panel props.
#[derive(Properties, PartialEq)]
pub struct UploadProps {
    lang: Lang,
    on_action: Callback<Action>,
}

/// Drop zone and file picker; files are read in the browser and handed to the lab.
#[component]
fn UploadPanel(p: &UploadProps) -> Html {
    let readers: Rc<RefCell<Vec<FileReader>>> = use_mut_ref(Vec::new);
    let take_files = {
        let cb = p.on_action.clone();
        let readers = readers.clone();
        move |files: web_sys::FileList| {
            // .log after .index would lose nothing, but .index after .log attaches to it: sort.
            let mut list: Vec<gloo::file::File> = (0..files.length())
                .filter_map(|i| files.get(i))
                .map(gloo::file::File::from)
                .collect();
            list.sort_by_key(|f| f.name().ends_with(".index"));
            for file in list {
                let cb = cb.clone();
                let name = file.name();
                if file.size() > kafka_lab::cli::storage::MAX_FILE_BYTES as u64 {
                    cb.emit(Action::UploadRefused {
                        name,
                        size: file.size(),
                    });
                    continue;
                }
                let r = gloo::file::callbacks::read_as_bytes(&file, move |res| {
                    if let Ok(bytes) = res {
                        cb.emit(Action::Upload { name, bytes });
                    }
                });
                readers.borrow_mut().push(r);
            }
        }
    };
    let onchange = {
        let take = take_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                take(files);
            }
        })
    };
    let ondrop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
            take_files(files);
        }
    });
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    html! {
        <section class="panel upload" ondrop={ondrop} ondragover={ondragover} data-testid="upload">
            <h3>{ T::UploadTitle.get(p.lang) }</h3>
            <p class="hint">{ T::UploadHint.get(p.lang) }</p>
            <label class="filepick">{ T::UploadPick.get(p.lang) }
                <input type="file" multiple=true accept=".log,.index" onchange={onchange} data-testid="upload-input" />
            </label>
        </section>
    }
}

/// Why-fast props.
#[derive(Properties, PartialEq)]
pub struct WhyFastProps {
    lang: Lang,
}

/// Notes 6 and 16: sequential writes and zero-copy, as counters a learner steps through.
#[component]
fn WhyFast(p: &WhyFastProps) -> Html {
    let lang = p.lang;
    let step = use_state(|| 0usize);
    // (text, copies, cpu copies, switches) after each step.
    let classic = [
        (T::Fast1, 0, 0, 1),
        (T::Fast2, 1, 0, 1),
        (T::Fast3, 2, 1, 2),
        (T::Fast4, 3, 2, 3),
        (T::Fast5, 4, 2, 4),
    ];
    let zero = [
        (T::Zero1, 0, 0, 1),
        (T::Zero2, 1, 0, 1),
        (T::Zero3, 2, 0, 1),
        (T::Zero4, 2, 0, 2),
    ];
    let s = *step;
    let column = |title: T, rows: &[(T, u32, u32, u32)], class: &'static str| {
        let upto = s.min(rows.len());
        let (c, cpu, sw) = if upto == 0 {
            (0, 0, 0)
        } else {
            let r = rows[upto - 1];
            (r.1, r.2, r.3)
        };
        html! {
            <div class={classes!("path", class)}>
                <h4>{ title.get(lang) }</h4>
                <div class="counters" data-testid={format!("{class}-counters")}>
                    <span><b>{ c }</b>{ T::FastCopies.get(lang) }</span>
                    <span><b>{ cpu }</b>{ T::FastCpuCopies.get(lang) }</span>
                    <span><b>{ sw }</b>{ T::FastSwitches.get(lang) }</span>
                </div>
                <ol>{ for rows.iter().enumerate().map(|(i, r)| html! { <li class={classes!((i < upto).then_some("done"))}>{ r.0.get(lang) }</li> }) }</ol>
            </div>
        }
    };
    let next = {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set((*step + 1).min(5)))
    };
    let reset = {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set(0))
    };
    // 100 writes of 1 KiB: random ones seek every time (~10 ms), an append seeks once.
    let writes = 100u32;
    html! {
        <section class="panel whyfast" data-testid="whyfast">
            <h3>{ T::FastTitle.get(lang) }</h3>
            <h4>{ T::FastWrite.get(lang) }</h4>
            <p class="hint">{ T::FastWriteHint.get(lang) }</p>
            <div class="bars">
                <div class="bar-row"><span>{ T::FastRandom.get(lang) }</span><div class="bar slow" style="width: 100%">{ format!("{} {} × 10 ms ≈ {} ms", writes, T::FastSeeks.get(lang), writes * 10) }</div></div>
                <div class="bar-row"><span>{ T::FastSequential.get(lang) }</span><div class="bar fast" style="width: 4%">{ format!("1 {} ≈ 10 ms + 100 KiB", T::FastSeek.get(lang)) }</div></div>
            </div>
            <h4>{ T::FastRead.get(lang) }</h4>
            <p class="hint">{ T::FastReadHint.get(lang) }</p>
            <div class="form-row">
                <button onclick={next} data-testid="fast-next">{ T::FastNext.get(lang) }</button>
                <button onclick={reset}>{ T::FastReset.get(lang) }</button>
            </div>
            <div class="paths">
                { column(T::FastClassic, &classic, "classic") }
                { column(T::FastZero, &zero, "zero") }
            </div>
        </section>
    }
}
