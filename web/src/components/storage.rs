//! The storage tab (notes sections 5, 6, 10, 16): every broker's data directory with its
//! segment files as they roll; one segment opened (its sparse index pointing into its batches);
//! an offset lookup animated step by step; a real Kafka file opened in the page; and why Kafka
//! is fast (`why_fast`).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::model::TopicPartition;
use kafka_lab::storage::batch::DecodedBatch;
use kafka_lab::storage::segment::{file_name, IndexEntry};
use web_sys::{DragEvent, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::el;

use crate::components::why_fast::WhyFast;
use crate::state::{Action, LookupRun, SegmentSel, Shared, StorageData, Upload, LOOKUP_STEP_MS};

/// The empty state's console line: records one per batch, so segments roll and get index
/// entries (the lab's segment.bytes=1024, index.interval.bytes=128).
pub const ROLLING_PRODUCE: &str =
    "produce --topic orders --acks all --count 60 --interval 5 --key user-7 hello-world";

/// The real time the storage tab is drawn at: the frame's while a lookup animates, else a
/// constant (the animation's end, or 0), so the tab draws again only when its data changed —
/// not on every frame (at 64 brokers × 1,000 partitions, sorting every partition for the
/// lookup form and comparing the page-cache map on each frame cost more than the disks).
pub fn drawn_at(lookup: Option<&LookupRun>, real_now: f64) -> f64 {
    lookup.map_or(0.0, |l| {
        real_now.min(l.started + l.total_steps() as f64 * LOOKUP_STEP_MS + 100.0)
    })
}

/// Storage tab props.
#[derive(Properties, PartialEq)]
pub struct StorageProps {
    /// The tab's data.
    pub data: Shared<StorageData>,
    /// Why Kafka is fast (`Ui::why_fast`: the tables' figures, a frame after the disks).
    pub fast: Shared<kafka_lab::view::fast::FastView>,
    /// The lookup being animated.
    pub lookup: Option<LookupRun>,
    /// The uploaded file.
    pub upload: Option<Shared<Upload>>,
    /// Real time now while a lookup animates ([`drawn_at`]).
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
            <Disks data={p.data.clone()} lang={lang} on_action={p.on_action.clone()} />
            { crate::components::kraft_tabs::metadata_disks(&p.data.metadata, lang) }
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
            { segment_view(&p.data, p.lookup.as_ref().filter(|l| l.broker.is_some()), step.unwrap_or(0), lang, &p.on_action) }
            <WhyFast fast={p.fast.clone()} lang={lang} on_action={p.on_action.clone()} />
        </div>
    }
}

/// Partition directories drawn per broker before the rest fold into one summary line (a
/// broker of a big cluster holds dozens; all of them made the tab thousands of pixels long
/// and its frames slow).
pub const DIRS_SHOWN: usize = 6;

/// Segment files drawn per partition directory (the newest) before the older ones fold into
/// one line (frames4): the lab's 1 KiB segments roll every few records, so a directory's list
/// grew with the run, and each new file moved every directory and disk below it (the storage
/// tab's table frames were mostly that layout and paint). Opening a broker's disk shows them all.
pub const SEGMENTS_SHOWN: usize = 6;

/// The files of `pd` folded away (not the newest, not the one opened).
fn folded(
    pd: &kafka_lab::view::PartitionDisk,
    selected: Option<&SegmentSel>,
    broker: u32,
) -> usize {
    let old = pd.segments.len().saturating_sub(SEGMENTS_SHOWN);
    let opened_old = selected.is_some_and(|sel| {
        sel.broker == broker
            && sel.tp == pd.tp
            && pd.segments[..old].iter().any(|s| s.base == sel.base)
    });
    old - usize::from(opened_old)
}

/// Disks props.
#[derive(Properties, PartialEq)]
struct DisksProps {
    data: Shared<StorageData>,
    lang: Lang,
    on_action: Callback<Action>,
}

/// Every broker's data directory. Its own component: it draws again only when the disks'
/// data changed (not on every animation frame of the tab).
#[component]
fn Disks(p: &DisksProps) -> Html {
    let (d, lang, on_action) = (&*p.data, p.lang, &p.on_action);
    // Brokers whose every directory shows.
    let open = use_state(std::collections::BTreeSet::<u32>::new);
    let selected = d.detail.as_ref().map(|x| &x.sel);
    html! {
        <section class="panel disks" data-testid="disks">
            { el::el("h3", "", T::DisksTitle.get(lang)) }
            { el::el("p", "hint", T::DisksHint.get(lang)) }
            <p class="hint pc-legend"><i class="pc dirty"></i>{ T::WfLegendDirty.get(lang) }<i class="pc clean"></i>{ T::WfLegendClean.get(lang) }<i class="pc ondisk"></i>{ T::WfLegendDisk.get(lang) }</p>
            <div class="disk-grid">
            { for d.disks.iter().map(|b| {
                let opened = open.contains(&b.id);
                let all = opened || b.partitions.len() <= DIRS_SHOWN + 1;
                let shown: Vec<&kafka_lab::view::PartitionDisk> = b.partitions.iter().enumerate()
                    .filter(|(i, pd)| all || *i < DIRS_SHOWN || selected.is_some_and(|s| s.broker == b.id && s.tp == pd.tp))
                    .map(|(_, pd)| pd)
                    .collect();
                let hidden = b.partitions.len() - shown.len();
                let toggle = {
                    let (open, id) = (open.clone(), b.id);
                    Callback::from(move |_: MouseEvent| {
                        let mut o = (*open).clone();
                        if !o.remove(&id) {
                            o.insert(id);
                        }
                        open.set(o);
                    })
                };
                let segments: usize = b.partitions.iter().map(|pd| pd.segments.len()).sum();
                let bytes: usize = b.partitions.iter().flat_map(|pd| &pd.segments).map(|s| s.size).sum();
                let leaders = b.partitions.iter().filter(|pd| pd.role == "leader").count();
                html! {
                <div class={classes!("disk", (!b.alive).then_some("dead"))} data-broker={b.id.to_string()}>
                    <div class="disk-head">
                        <strong>{ format!("broker-{}", b.id) }</strong>
                        if !b.alive { { el::el("span", "tag", T::DiskDead.get(lang)) } }
                    </div>
                    if b.partitions.len() > DIRS_SHOWN + 1 {
                        <p class="disk-summary" data-testid={format!("disk-summary-{}", b.id)}>
                            { tr(lang, T::DiskSummary, &[
                                ("dirs", b.partitions.len().to_string()),
                                ("leaders", leaders.to_string()),
                                ("segments", segments.to_string()),
                                ("bytes", bytes.to_string()),
                            ]) }
                        </p>
                    }
                    { for shown.into_iter().map(|pd| html! {
                        <div class="pdir">
                            <div class="pdir-head">
                                <code>{ format!("{}/", pd.tp) }</code>
                                <span class={classes!("role", pd.role)}>{ pd.role }</span>
                                <span class="offsets">{ format!("{}..{}", pd.log_start, pd.leo) }</span>
                            </div>
                            // The newest files (and the one opened); the older ones fold
                            // into a line that opens the broker's whole disk.
                            if !opened && pd.segments.len() > SEGMENTS_SHOWN + 1 {
                                <button class="seg-more" data-testid="seg-more" onclick={toggle.clone()}>
                                    { tr(lang, T::MoreLines, &[("n", folded(pd, selected, b.id).to_string())]) }
                                </button>
                            }
                            { for pd.segments.iter().enumerate().filter(|(i, s)| {
                                opened || pd.segments.len() <= SEGMENTS_SHOWN + 1 || *i + SEGMENTS_SHOWN >= pd.segments.len()
                                    || selected.is_some_and(|sel| sel.broker == b.id && sel.tp == pd.tp && sel.base == s.base)
                            }).map(|(_, s)| {
                                let sel = SegmentSel { broker: b.id, tp: pd.tp, base: s.base };
                                let on = selected == Some(&sel);
                                let pc = d.fast.segments.get(&(b.id, pd.tp, s.base)).copied().unwrap_or_default();
                                html! {
                                    <SegmentFile key={s.base} sel={sel} row={s.clone()} pc={pc} on={on} lang={lang} on_action={on_action.clone()} />
                                }
                            }) }
                        </div>
                    }) }
                    if b.partitions.len() > DIRS_SHOWN + 1 || opened {
                        <button class="disk-more" data-testid={format!("disk-more-{}", b.id)} onclick={toggle}>
                            { if hidden > 0 {
                                tr(lang, T::DiskShowAll, &[("n", hidden.to_string())])
                            } else {
                                T::DiskShowFewer.get(lang).to_string()
                            } }
                        </button>
                    }
                </div>
            }}) }
            </div>
        </section>
    }
}

/// One segment file's props: compared by value, so a file that did not change (every one but
/// the active segment, once its pages are written back) is not drawn again when the disks are.
#[derive(Properties, PartialEq)]
struct SegmentFileProps {
    sel: SegmentSel,
    row: kafka_lab::view::SegmentRow,
    pc: kafka_lab::storage::page_cache::SegmentCache,
    on: bool,
    lang: Lang,
    on_action: Callback<Action>,
}

/// One segment file of a partition directory: its name (with where its pages are), size and
/// index entries; a click opens it. Its own component since frames4: a directory's files grow
/// with the run (the lab's 1 KiB segments roll every few records) and redrawing every one of
/// them four times a second was most of the storage tab's table frames.
#[component]
fn SegmentFile(p: &SegmentFileProps) -> Html {
    let (s, pc, lang) = (&p.row, p.pc, p.lang);
    let name = file_name(s.base, "log");
    let (pc_class, pc_title) = if pc.dirty > 0 {
        (
            "dirty",
            tr(
                lang,
                T::WfSegDirty,
                &[("n", pc.dirty.to_string()), ("p", pc.pages.to_string())],
            ),
        )
    } else if pc.cached > 0 {
        (
            "clean",
            tr(
                lang,
                T::WfSegCached,
                &[("n", pc.cached.to_string()), ("p", pc.pages.to_string())],
            ),
        )
    } else {
        ("ondisk", T::WfSegDisk.get(lang).to_string())
    };
    let onclick = {
        let (cb, sel) = (p.on_action.clone(), p.sel.clone());
        Callback::from(move |_: MouseEvent| cb.emit(Action::SelectSegment(sel.clone())))
    };
    html! {
        <button class={classes!("segfile", p.on.then_some("on"), s.active.then_some("active"))}
                data-segment={name.clone()}
                title={tr(lang, T::SegmentFileTitle, &[
                    ("batches", s.batches.to_string()),
                    ("index", s.index_entries.to_string()),
                    ("time", s.time_entries.to_string()),
                ])}
                {onclick}>
            <span class="fname"><i class={classes!("pc", pc_class)} title={pc_title} data-pc={pc_class}></i>{ pretty_name(&name) }</span>
            <span class="fsize">{ format!("{} B", s.size) }</span>
            <span class="fidx">{ format!("idx {}", s.index_entries) }</span>
            if s.active { { el::el("span", "tag", T::ActiveSegment.get(lang)) } }
        </button>
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
    html! { <>{ el::el("span", "zeros", &name[..zeros]) }{ &name[zeros..] }</> }
}

fn lookup_form(d: &StorageData, lang: Lang, on_action: &Callback<Action>) -> Html {
    let mut partitions: Vec<TopicPartition> = d
        .disks
        .iter()
        .flat_map(|b| b.partitions.iter().map(|p| p.tp))
        .collect();
    kafka_lab::sort::natural(&mut partitions);
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
    let refused = use_state(|| None::<String>);
    let chosen = (*tp)
        .filter(|t| p.partitions.contains(t))
        .or_else(|| p.partitions.first().cloned());
    let onsubmit = {
        let cb = p.on_action.clone();
        let (chosen, broker, offset) = (chosen, broker.clone(), offset.clone());
        let refused = refused.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let off = match check_offset(&offset, lang) {
                Ok(off) => off,
                Err(why) => {
                    refused.set(Some(why));
                    cb.emit(Action::ClearLookup);
                    return;
                }
            };
            let Some(tp) = chosen else {
                refused.set(Some(T::LookupNoPartition.get(lang).to_string()));
                cb.emit(Action::ClearLookup);
                return;
            };
            refused.set(None);
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
            { el::el("h3", "", T::LookupTitle.get(lang)) }
            { el::el("p", "hint", T::LookupHint.get(lang)) }
            <form class="form-row" onsubmit={onsubmit} data-testid="lookup-form" novalidate=true>
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
            if let Some(why) = &*refused {
                <p class="error" role="alert" data-testid="lookup-error">{ why }</p>
            }
        </section>
    }
}

/// What the offset field holds, as an offset, or why it is not one.
fn check_offset(typed: &str, lang: Lang) -> Result<i64, String> {
    let t = typed.trim();
    if t.is_empty() {
        return Err(T::LookupEmpty.get(lang).to_string());
    }
    match t.parse::<i64>() {
        Ok(n) if n < 0 => Err(tr(lang, T::LookupNegative, &[("v", t.to_string())])),
        Ok(n) => Ok(n),
        Err(_) => Err(tr(lang, T::LookupNotOffset, &[("v", t.to_string())])),
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

fn segment_view(
    d: &StorageData,
    l: Option<&LookupRun>,
    step: usize,
    lang: Lang,
    on_action: &Callback<Action>,
) -> Html {
    let Some(x) = &d.detail else {
        let cb = on_action.clone();
        let produce =
            Callback::from(move |_: MouseEvent| cb.emit(Action::Exec(ROLLING_PRODUCE.to_string())));
        return html! {
            <section class="panel segment" data-testid="no-segment">
                { el::el("p", "hint", tr(lang, T::NoSegment, &[("cmd", ROLLING_PRODUCE.to_string())])) }
                <button class="primary" onclick={produce} data-testid="produce-rolling">{ T::StorageProduceRolling.get(lang) }</button>
            </section>
        };
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
            { el::el("p", "hint", T::SegmentHint.get(lang)) }
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
                        <tr>{ el::el("td", "", r.offset) }{ el::el("td", "", b.position) }{ el::el("td", "", r.timestamp) }{ el::el("td", "", text(&r.key)) }{ el::el("td", "", text(&r.value)) }{ el::el("td", "", b.partition_leader_epoch) }
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
                { el::el("p", "", tr(lang, T::UploadBatches, &[("n", f.batches.len().to_string()), ("records", f.batches.iter().map(|b| b.count.max(0) as usize).sum::<usize>().to_string()), ("bytes", f.valid_bytes.to_string())])) }
                if u.error.is_none() && f.valid_bytes < u.size {
                    if let Some(e) = &f.error {
                        <p class="error" role="alert">{ e.to_string() }</p>
                    } else {
                        { el::el("p", "hint", tr(lang, T::UploadTrailing, &[("n", (u.size - f.valid_bytes).to_string())])) }
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
            kafka_lab::sort::by_key(&mut list, |f| f.name().ends_with(".index"));
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
    let picked = use_state(|| None::<String>);
    let onchange = {
        let take = take_files.clone();
        let picked = picked.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                let names: Vec<String> = (0..files.length())
                    .filter_map(|i| files.get(i))
                    .map(|f| f.name())
                    .collect();
                picked.set((!names.is_empty()).then(|| names.join(", ")));
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
            { el::el("h3", "", T::UploadTitle.get(p.lang)) }
            { el::el("p", "hint", T::UploadHint.get(p.lang)) }
            <div class="filepick">
                <label class="button" for="upload-input" data-testid="upload-pick">{ T::UploadPick.get(p.lang) }</label>
                <input id="upload-input" class="visually-hidden" type="file" multiple=true accept=".log,.index" onchange={onchange} data-testid="upload-input" />
                <span class="picked" data-testid="upload-picked">{ match &*picked {
                    Some(names) => names.clone(),
                    None => T::UploadNone.get(p.lang).to_string(),
                } }</span>
            </div>
        </section>
    }
}
