//! The timeline under the toolbar: the current cluster's virtual time with the run's
//! commands and notable events as marks, the cursor, the live point; click or drag to go
//! back (`Lab::seek_time`; a click on a mark goes to just before it). Beside it: start / back
//! / live, Undo, Reset, Copy link, Download script, Play script; under it, after a command
//! given in the past, the note that the old future was kept and the list of branches.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use kafka_lab::cli::timeline::{BranchInfo, Mark, MarkKind};
use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::sim::Millis;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::el;

use crate::components::toolbar::format_clock;
use crate::state::{Action, Shared, TimelineData};

/// The largest `.klab` script the page plays.
pub const MAX_SCRIPT_BYTES: u64 = 1 << 20;
/// The track's drawing width (SVG units; it stretches to the page).
const W: f64 = 1000.0;
/// Pixels within which a click picks a mark rather than a time.
const SNAP_PX: f64 = 5.0;

/// Timeline props.
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// What to draw.
    pub data: Shared<TimelineData>,
    /// Language.
    pub lang: Lang,
    /// The last command given in the past kept the old future as this branch.
    pub forked: Option<usize>,
    /// The link made last, as a whole URL.
    pub share: Option<String>,
    /// Why the last script given could not be played.
    pub script_error: Option<String>,
    /// Where actions go.
    pub on_action: Callback<Action>,
    /// The run's link fragment now (for the clipboard, inside the click).
    pub link_now: Callback<(), String>,
    /// The run as a script now.
    pub script_now: Callback<(), String>,
}

/// The end of the track (virtual ms): the live point, or the cursor if it is later, as read
/// last (`TimelineData::track_end`: at most 4 times a second while a run plays; the live
/// point and cursor sit at the right end in between).
pub fn span(d: &TimelineData) -> Millis {
    d.track_end.max(1)
}

/// Where virtual time `at` is on the track, 0..=1.
pub fn frac(at: Millis, end: Millis) -> f64 {
    (at as f64 / end.max(1) as f64).clamp(0.0, 1.0)
}

/// The virtual time at fraction `f` of the track.
pub fn time_at(f: f64, end: Millis) -> Millis {
    (f.clamp(0.0, 1.0) * end as f64).round() as Millis
}

/// The mark nearest `f` within `tolerance` (fractions of the track), if any.
pub fn nearest_mark(marks: &[Mark], f: f64, end: Millis, tolerance: f64) -> Option<&Mark> {
    marks
        .iter()
        .map(|m| ((frac(m.at, end) - f).abs(), m))
        .filter(|(d, _)| *d <= tolerance)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, m)| m)
}

/// A mark's CSS class (its colour and height).
pub fn mark_class(k: MarkKind) -> &'static str {
    match k {
        MarkKind::Command => "cmd",
        MarkKind::BrokerKilled
        | MarkKind::PartitionOffline
        | MarkKind::SessionExpired
        | MarkKind::InvariantBroken => "fault",
        MarkKind::Truncated | MarkKind::Duplicate => "loss",
        MarkKind::BrokerStarted => "start",
        MarkKind::ControllerElected | MarkKind::LeaderElected => "elect",
        MarkKind::IsrShrunk | MarkKind::IsrExpanded => "isr",
        MarkKind::Rebalance => "group",
        MarkKind::ZkQuorum => "zk",
    }
}

/// Buckets the track is thinned into at most (before its span doubles): one mark of each
/// class per 4 SVG units, about 4 px of the track on a wide page. It was 2,000 (half an SVG
/// unit) until frames3: a stream's commands then filled the track with up to 2,000 marks of
/// one class (4,000 elements with their titles), laid out and painted again each time the
/// marks were re-read, and the page's long frames grew with the run.
pub const MARK_BUCKETS: f64 = W / 4.0;

/// The width (virtual ms) of the buckets marks are thinned into: a power of two, at least
/// [`MARK_BUCKETS`]'s share of the track. It stays the same while the run grows (until
/// its span doubles), so the marks drawn stay the same elements, frame after frame.
pub fn bucket_ms(end: Millis) -> Millis {
    ((end as f64 / MARK_BUCKETS).ceil() as Millis)
        .max(1)
        .next_power_of_two()
}

/// The marks to draw (their indices): the first of each bucket ([`bucket_ms`]) and class, so
/// a long run stays a few thousand elements at most.
pub fn thin(marks: &[Mark], end: Millis) -> Vec<usize> {
    thin_by(marks, bucket_ms(end))
}

/// The marks to draw at bucket width `b`.
fn thin_by(marks: &[Mark], b: Millis) -> Vec<usize> {
    let mut seen = std::collections::BTreeSet::new();
    (0..marks.len())
        .filter(|&i| seen.insert((marks[i].at / b, mark_class(marks[i].kind))))
        .collect()
}

/// One mark on the track, in virtual ms (the track's SVG is `end` ms wide). Its props compare
/// the mark itself, not the list it sits in, so a frame that only moved time redraws none of
/// them (and builds none of their titles).
#[derive(Properties)]
struct MarkProps {
    marks: Shared<Vec<Mark>>,
    idx: usize,
    lang: Lang,
}

impl PartialEq for MarkProps {
    fn eq(&self, other: &Self) -> bool {
        self.idx == other.idx
            && self.lang == other.lang
            && (self.marks == other.marks || self.marks.get(self.idx) == other.marks.get(other.idx))
    }
}

/// The marks of one list at one bucket width: redrawn when either changes (a few times a
/// second while a run plays), not on every frame the cursor moves.
#[derive(Properties, PartialEq)]
struct TrackMarksProps {
    marks: Shared<Vec<Mark>>,
    bucket: Millis,
    lang: Lang,
}

#[component]
fn TrackMarks(p: &TrackMarksProps) -> Html {
    let b = p.bucket;
    html! {
        // Keyed by the mark's index (marks are only ever appended to a run's list): a mark
        // still shown after the buckets double keeps its element.
        { for thin_by(&p.marks, b).into_iter().map(|i| html! {
            <TrackMark key={i} marks={p.marks.clone()} idx={i} lang={p.lang} />
        }) }
    }
}

#[component]
fn TrackMark(p: &MarkProps) -> Html {
    let Some(m) = p.marks.get(p.idx) else {
        return Html::default();
    };
    let cls = mark_class(m.kind);
    let (y1, y2) = if m.kind == MarkKind::Command {
        ("0", "20")
    } else {
        ("3", "17")
    };
    let x = m.at.to_string();
    html! {
        <line class={classes!("tm-mark", cls)} data-kind={format!("{:?}", m.kind)}
              x1={x.clone()} x2={x} y1={y1} y2={y2}>
            { el::el("title", "", mark_title(m, p.lang)) }
        </line>
    }
}

fn mark_title(m: &Mark, lang: Lang) -> String {
    let t = format_clock(m.at);
    match (&m.command, &m.event) {
        (Some((i, line)), _) => format!("{t} · #{i} $ {line}"),
        (_, Some(e)) => format!("{t} · {}", e.narrate(lang)),
        _ => t,
    }
}

fn branch_label(b: &BranchInfo, lang: Lang) -> String {
    let k = ("k", b.id.to_string());
    if b.current {
        tr(
            lang,
            T::TlBranchCurrent,
            &[k, ("n", b.commands.to_string())],
        )
    } else if let Some(line) = &b.first_line {
        tr(
            lang,
            T::TlBranchFrom,
            &[k, ("i", b.diverges_at.to_string()), ("line", line.clone())],
        )
    } else {
        tr(
            lang,
            T::TlBranchPrefix,
            &[
                k,
                ("i", b.diverges_at.to_string()),
                ("t", format!("{:.3}", b.live.at as f64 / 1000.0)),
            ],
        )
    }
}

fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d={path} /></svg>
    }
}

/// Saves `text` as a file named `name` (a Blob and a link clicked once).
fn download(name: &str, text: &str) {
    let parts = web_sys::js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/plain;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let doc = gloo::utils::document();
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    web_sys::Url::revoke_object_url(&url).ok();
}

/// The page's address without query or fragment, for links.
pub fn page_base() -> String {
    let loc = gloo::utils::window().location();
    format!(
        "{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    )
}

/// Reads a `.klab` file and plays it (too big: a line beside the button says so).
pub fn play_script_file(
    file: web_sys::File,
    on_action: &Callback<Action>,
    readers: &Rc<RefCell<Vec<FileReader>>>,
    lang: Lang,
) {
    let file = gloo::file::File::from(file);
    let cb = on_action.clone();
    if file.size() > MAX_SCRIPT_BYTES {
        cb.emit(Action::ScriptRefused(tr(
            lang,
            T::TlScriptTooBig,
            &[
                ("name", file.name()),
                ("size", file.size().to_string()),
                ("max", MAX_SCRIPT_BYTES.to_string()),
            ],
        )));
        return;
    }
    let r = gloo::file::callbacks::read_as_text(&file, move |res| {
        if let Ok(text) = res {
            cb.emit(Action::PlayScript { text });
        }
    });
    readers.borrow_mut().push(r);
}

/// The timeline bar.
#[component]
pub fn Timeline(p: &TimelineProps) -> Html {
    let lang = p.lang;
    let d = &*p.data;
    let end = span(d);
    let track = use_node_ref();
    let dragging = use_mut_ref(|| false);
    let readers: Rc<RefCell<Vec<FileReader>>> = use_mut_ref(Vec::new);
    let act = |a: Action| {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    // Fraction of the track under the pointer.
    let at_pointer = {
        let track = track.clone();
        move |e: &PointerEvent| -> Option<(f64, f64)> {
            let el = track.cast::<web_sys::Element>()?;
            let r = el.get_bounding_client_rect();
            (r.width() > 0.0).then(|| {
                (
                    ((e.client_x() as f64 - r.left()) / r.width()).clamp(0.0, 1.0),
                    r.width(),
                )
            })
        }
    };
    let onpointerdown = {
        let track_el = track.clone();
        let cb = p.on_action.clone();
        let at_pointer = at_pointer.clone();
        let dragging = dragging.clone();
        let marks = d.marks.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((f, width)) = at_pointer(&e) else {
                return;
            };
            e.prevent_default();
            // Captured by the track itself: the marks under the pointer are redrawn by the
            // seek, and a capture on one of them would be lost with it.
            if let Some(el) = track_el.cast::<web_sys::Element>() {
                el.set_pointer_capture(e.pointer_id()).ok();
            }
            *dragging.borrow_mut() = true;
            match nearest_mark(&marks, f, end, SNAP_PX / width) {
                Some(m) => cb.emit(Action::Seek(m.pos)),
                None => cb.emit(Action::SeekTime(time_at(f, end))),
            }
        })
    };
    let onpointermove = {
        let cb = p.on_action.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: PointerEvent| {
            // A drag is a move with the main button held (a lost pointerup ends it too).
            if !*dragging.borrow() || e.buttons() & 1 == 0 {
                *dragging.borrow_mut() = false;
                return;
            }
            if let Some((f, _)) = at_pointer(&e) {
                cb.emit(Action::SeekTime(time_at(f, end)));
            }
        })
    };
    let onpointerup = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false)
    };
    let copy = {
        let cb = p.on_action.clone();
        let link_now = p.link_now.clone();
        Callback::from(move |_: MouseEvent| {
            let url = page_base() + &link_now.emit(());
            let clip = gloo::utils::window().navigator().clipboard();
            let _ = clip.write_text(&url);
            cb.emit(Action::MakeLink);
        })
    };
    let save = {
        let script_now = p.script_now.clone();
        Callback::from(move |_: MouseEvent| download("kafka-lab-run.klab", &script_now.emit(())))
    };
    let onpick = {
        let cb = p.on_action.clone();
        let readers = readers.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                play_script_file(f, &cb, &readers, lang);
            }
            input.set_value("");
        })
    };
    let in_gen = d.cursor.commands >= d.generation;
    let cursor_f = if in_gen { frac(d.cursor.at, end) } else { 0.0 };
    let live_f = frac(d.live.at, end);
    let bucket = bucket_ms(end);
    let pct = |f: f64| format!("left: {:.3}%", f * 100.0);
    html! {
        <section class={classes!("tm-bar", (!d.is_live).then_some("past"))} data-testid="timeline"
                 data-live={d.is_live.to_string()} data-cursor={d.cursor.at.to_string()}
                 data-live-at={d.live.at.to_string()} data-end={end.to_string()} data-marks={d.marks.len().to_string()}
                 data-branch={d.branch.to_string()} aria-label={T::TlTrack.get(lang)}>
            <div class="tm-row">
                <div class="tm-nav" role="group">
                    <button data-testid="tm-start" title={T::TlStartTitle.get(lang)} aria-label={T::TlStartTitle.get(lang)}
                            onclick={act(Action::SeekStart)}>{ icon("M3 2.5h2v11H3zM13 2.5v11L6 8z") }</button>
                    <button data-testid="tm-back" title={T::TlBackTitle.get(lang)} aria-label={T::TlBackTitle.get(lang)}
                            onclick={act(Action::StepBack)}>{ icon("M11 2.5v11L4 8z") }</button>
                    <button data-testid="tm-forward" title={T::TlForwardTitle.get(lang)} aria-label={T::TlForwardTitle.get(lang)}
                            onclick={act(Action::Step)}>{ icon("M5 2.5v11L12 8z") }</button>
                    <button data-testid="tm-live" class={classes!("tm-live", d.is_live.then_some("on"))}
                            title={T::TlLiveTitle.get(lang)} onclick={act(Action::SeekLive)}>
                        { icon("M3 2.5v11L10 8zM11 2.5h2v11h-2z") }{ T::TlLive.get(lang) }
                    </button>
                </div>
                <div class="tm-track" ref={track} data-testid="tm-track" role="slider" tabindex="0"
                     aria-label={T::TlTrack.get(lang)} title={T::TlTrack.get(lang)}
                     aria-valuemin="0" aria-valuemax={end.to_string()} aria-valuenow={d.cursor.at.to_string()}
                     aria-valuetext={format_clock(d.cursor.at)}
                     {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}>
                    <div class="tm-rail" />
                    <div class="tm-played" style={format!("width: {:.3}%", cursor_f * 100.0)} />
                    <svg class="tm-marks" viewBox={format!("0 0 {end} 20")} preserveAspectRatio="none" aria-hidden="true">
                        <TrackMarks marks={d.marks.clone()} bucket={bucket} lang={lang} />
                    </svg>
                    <div class="tm-livemark" style={pct(live_f)} data-testid="tm-livemark" />
                    <div class="tm-cursor" style={pct(cursor_f)} data-testid="tm-cursor" />
                </div>
                <div class="tm-times">
                    <span class="tm-at" data-testid="tm-at">{
                        if in_gen { tr(lang, T::TlAt, &[("t", format_clock(d.cursor.at))]) }
                        else { T::TlBeforeCluster.get(lang).to_string() }
                    }</span>
                    { el::el("span", "tm-liveat", tr(lang, T::TlLiveAt, &[("t", format_clock(d.live.at))])) }
                </div>
                <div class="tm-actions" role="group">
                    <button data-testid="tm-undo" title={T::TlUndoTitle.get(lang)} disabled={d.applied == 0}
                            onclick={act(Action::Undo)}>{ T::TlUndo.get(lang) }</button>
                    <button data-testid="tm-reset" title={T::TlResetTitle.get(lang)} onclick={act(Action::Reset)}>{ T::TlReset.get(lang) }</button>
                    <button data-testid="tm-copy" title={T::TlCopyLinkTitle.get(lang)} onclick={copy}>{ T::TlCopyLink.get(lang) }</button>
                    <button data-testid="tm-download" title={T::TlDownloadTitle.get(lang)} onclick={save}>{ T::TlDownload.get(lang) }</button>
                    <label class="button tm-open" for="tm-script-input" title={T::TlOpenScriptTitle.get(lang)}
                           data-testid="tm-open">{ T::TlOpenScript.get(lang) }</label>
                    <input id="tm-script-input" class="visually-hidden" type="file" accept=".klab,text/plain"
                           data-testid="tm-script-input" onchange={onpick} />
                </div>
            </div>
            if let Some(e) = &p.script_error {
                <p class="tm-error" role="alert" data-testid="tm-script-error">{ e }</p>
            }
            if !d.is_live {
                <p class="tm-past" data-testid="tm-past">{ T::TlPast.get(lang) }</p>
            }
            if let Some(k) = p.forked {
                <p class="tm-forked" role="status" data-testid="tm-forked">
                    { tr(lang, T::TlForked, &[("k", k.to_string())]) }
                    <button class="tm-x" aria-label={T::Close.get(lang)} title={T::Close.get(lang)}
                            onclick={act(Action::DismissFork)}>{ "×" }</button>
                </p>
            }
            if d.branches.len() > 1 {
                <div class="tm-branches" data-testid="tm-branches">
                    { el::el("span", "tm-label", T::TlBranches.get(lang)) }
                    { for d.branches.iter().map(|b| {
                        let id = b.id;
                        html! {
                            <button class={classes!("tm-branch", b.current.then_some("on"))} data-branch={id.to_string()}
                                    aria-pressed={b.current.to_string()} onclick={act(Action::SwitchBranch(id))}>
                                { branch_label(b, lang) }
                            </button>
                        }
                    }) }
                </div>
            }
            if let Some(url) = &p.share {
                <div class="tm-share" data-testid="tm-share">
                    <label for="tm-link">{ T::TlLinkLabel.get(lang) }</label>
                    <input id="tm-link" data-testid="tm-link" readonly=true value={url.clone()}
                           onfocus={Callback::from(|e: FocusEvent| {
                               let i: HtmlInputElement = e.target_unchecked_into();
                               i.select();
                           })} />
                    <button class="tm-x" aria-label={T::Close.get(lang)} title={T::Close.get(lang)}
                            onclick={act(Action::ClearShare)}>{ "×" }</button>
                </div>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_lab::cli::timeline::Position;

    fn mark(at: Millis, kind: MarkKind) -> Mark {
        Mark {
            pos: Position {
                commands: 0,
                processed: at,
                at,
            },
            at,
            kind,
            class: None,
            command: None,
            event: None,
        }
    }

    #[test]
    fn times_and_track_fractions_round_trip() {
        assert_eq!(frac(500, 1000), 0.5);
        assert_eq!(frac(2000, 1000), 1.0);
        assert_eq!(time_at(0.25, 8000), 2000);
        assert_eq!(time_at(-1.0, 8000), 0);
        assert_eq!(time_at(frac(1234, 9999), 9999), 1234);
    }

    #[test]
    fn a_click_near_a_mark_picks_it_and_far_from_any_picks_a_time() {
        let marks = vec![
            mark(1000, MarkKind::Command),
            mark(5000, MarkKind::BrokerKilled),
        ];
        let m = nearest_mark(&marks, 0.505, 10_000, 0.01).unwrap();
        assert_eq!(m.kind, MarkKind::BrokerKilled);
        assert!(nearest_mark(&marks, 0.3, 10_000, 0.01).is_none());
    }

    #[test]
    fn thinning_keeps_one_mark_per_position_and_class() {
        let mut marks: Vec<Mark> = (0..10_000)
            .map(|i| mark(i, MarkKind::LeaderElected))
            .collect();
        marks.push(mark(5, MarkKind::Command));
        let shown = thin(&marks, 10_000);
        assert!(shown.len() <= MARK_BUCKETS as usize + 1, "{}", shown.len());
        assert!(shown.iter().any(|&i| marks[i].kind == MarkKind::Command));
    }

    #[test]
    fn buckets_are_powers_of_two_that_only_change_when_the_span_doubles() {
        assert_eq!(bucket_ms(1), 1);
        assert_eq!(bucket_ms(250), 1);
        assert_eq!(bucket_ms(251), 2);
        assert_eq!(bucket_ms(400), 2);
        assert_eq!(bucket_ms(500), 2);
        assert_eq!(bucket_ms(501), 4);
        // A growing run keeps the marks it drew: the first of each bucket stays the first.
        let marks: Vec<Mark> = (0..5000).map(|i| mark(i, MarkKind::IsrShrunk)).collect();
        let early = thin(&marks[..3000], 3000);
        let later = thin(&marks, 3900);
        assert_eq!(bucket_ms(3000), bucket_ms(3900));
        assert!(early.iter().all(|i| later.contains(i)));
    }
}
