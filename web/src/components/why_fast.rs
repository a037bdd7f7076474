//! Why Kafka is fast (notes sections 6 and 16), drawn from the running simulation
//! (`view::fast`): each broker machine's page cache (dirty pages, writeback, hits, misses,
//! eviction), the run's appends priced as sequential vs random I/O, what batching saved, who
//! read how much from which broker, and zero-copy tied to the cache.

use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::storage::page_cache::{CacheNote, DEFAULT_MAX_PAGES};
use kafka_lab::view::fast::{BrokerCache, FastView};
use yew::prelude::*;

use crate::components::el;

use crate::components::toolbar::format_clock;
use crate::state::Action;

/// The console line that reads `orders` from the beginning (a cold read after a drop).
pub const READ_ALL: &str = "kafka-console-consumer.sh --topic orders --from-beginning";

/// Why-fast props.
#[derive(Properties, PartialEq)]
pub struct WhyFastProps {
    /// The snapshot.
    pub fast: crate::state::Shared<FastView>,
    /// Language.
    pub lang: Lang,
    /// Actions.
    pub on_action: Callback<Action>,
}

/// The why-fast panel.
#[component]
pub fn WhyFast(p: &WhyFastProps) -> Html {
    let lang = p.lang;
    let v = &*p.fast;
    html! {
        <section class="panel whyfast" data-testid="whyfast">
            { el::el("h3", "", T::FastTitle.get(lang)) }
            { page_cache(v, lang, &p.on_action) }
            { io(v, lang) }
            { batching(v, lang) }
            { readers(v, lang) }
            <ZeroCopy lang={lang} hit={v.brokers.iter().map(|b| b.stats.hit_bytes).sum::<u64>()}
                      miss={v.brokers.iter().map(|b| b.stats.miss_bytes).sum::<u64>()} />
        </section>
    }
}

fn exec(on_action: &Callback<Action>, line: &'static str) -> Callback<MouseEvent> {
    let cb = on_action.clone();
    Callback::from(move |_: MouseEvent| cb.emit(Action::Exec(line.to_string())))
}

fn page_cache(v: &FastView, lang: Lang, on_action: &Callback<Action>) -> Html {
    html! {
        <div class="wf-block" data-testid="page-cache">
            { el::el("h4", "", T::WfCacheTitle.get(lang)) }
            { el::el("p", "hint", tr(lang, T::WfCacheHint, &[("pages", DEFAULT_MAX_PAGES.to_string())])) }
            <div class="form-row">
                <button onclick={exec(on_action, "page-cache --drop")} data-testid="drop-caches">{ T::WfDrop.get(lang) }</button>
                <button onclick={exec(on_action, READ_ALL)} data-testid="read-all">{ T::WfReadAll.get(lang) }</button>
            </div>
            <div class="wf-caches">
                { for v.brokers.iter().map(|b| cache_card(b, lang)) }
            </div>
        </div>
    }
}

fn cache_card(b: &BrokerCache, lang: Lang) -> Html {
    let pct = |n: usize| 100.0 * n as f64 / b.max_pages.max(1) as f64;
    let s = b.stats;
    let reads = s.hit_pages + s.miss_pages;
    let ratio = if reads == 0 {
        "—".to_string()
    } else {
        format!("{:.0}%", 100.0 * s.hit_pages as f64 / reads as f64)
    };
    html! {
        <div class={classes!("wf-cache", (!b.alive).then_some("down"))} data-broker={b.id.to_string()}
             data-hits={s.hit_pages.to_string()} data-misses={s.miss_pages.to_string()}
             data-dirty={b.dirty.to_string()} data-cached={b.cached.to_string()}>
            <div class="wf-cache-head">
                <strong>{ format!("broker-{}", b.id) }</strong>
                { el::el("span", "era-note", tr(lang, T::WfPagesOf, &[("cached", b.cached.to_string()), ("max", b.max_pages.to_string())])) }
                if !b.alive { { el::el("span", "tag", T::WfProcessDown.get(lang)) } }
            </div>
            <div class="wf-mem" role="img" aria-label={T::WfCached.get(lang)}>
                <div class="clean" style={format!("width:{:.1}%", pct(b.cached - b.dirty.min(b.cached)))}></div>
                <div class="dirty" style={format!("width:{:.1}%", pct(b.dirty.min(b.cached)))}></div>
            </div>
            <div class="wf-legend">
                <span><i class="sw clean"></i>{ format!("{} {}", b.cached - b.dirty.min(b.cached), T::WfClean.get(lang)) }</span>
                <span><i class="sw dirty"></i>{ format!("{} {}", b.dirty, T::WfDirty.get(lang)) }</span>
                <span>{ match b.next_flush_at {
                    Some(t) => tr(lang, T::WfNextFlush, &[("t", format_clock(t))]),
                    None => T::WfNoDirty.get(lang).to_string(),
                } }</span>
            </div>
            <dl class="wf-stats">
                <div>{ el::el("dt", "", T::WfHits.get(lang)) }<dd data-testid="hits">{ s.hit_pages }</dd></div>
                <div>{ el::el("dt", "", T::WfMisses.get(lang)) }<dd data-testid="misses">{ s.miss_pages }</dd></div>
                <div>{ el::el("dt", "", T::WfHitRatio.get(lang)) }{ el::el("dd", "", ratio) }</div>
                <div>{ el::el("dt", "", T::WfFlushed.get(lang)) }{ el::el("dd", "", s.flushed_pages) }</div>
                <div>{ el::el("dt", "", T::WfEvicted.get(lang)) }{ el::el("dd", "", s.evicted_pages) }</div>
            </dl>
            { el::el("p", "wf-served", tr(lang, T::WfServed, &[("f", bytes(b.to_followers)), ("c", bytes(b.to_consumers))])) }
            if !b.notes.is_empty() {
                <ul class="wf-notes" data-testid="cache-notes">
                    { for b.notes.iter().rev().map(|n| html! { { el::el("li", "", note(b.id, n, lang)) } }) }
                </ul>
            }
        </div>
    }
}

fn note(broker: u32, n: &CacheNote, lang: Lang) -> String {
    let b = ("b", broker.to_string());
    match n {
        CacheNote::Flushed { at, pages } => tr(
            lang,
            T::WfNoteFlushed,
            &[("t", format_clock(*at)), b, ("n", pages.to_string())],
        ),
        CacheNote::ColdRead {
            at,
            tp,
            base,
            pages,
        } => tr(
            lang,
            T::WfNoteCold,
            &[
                ("t", format_clock(*at)),
                b,
                ("tp", tp.to_string()),
                ("base", base.to_string()),
                ("n", pages.to_string()),
            ],
        ),
        CacheNote::Evicted { at, pages } => tr(
            lang,
            T::WfNoteEvicted,
            &[("t", format_clock(*at)), b, ("n", pages.to_string())],
        ),
        CacheNote::Dropped { at, pages } => tr(
            lang,
            T::WfNoteDropped,
            &[("t", format_clock(*at)), b, ("n", pages.to_string())],
        ),
    }
}

/// Bytes in B, KiB or MiB.
fn bytes(n: u64) -> String {
    if n < 10 * 1024 {
        format!("{n} B")
    } else if n < 10 * 1024 * 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", n as f64 / 1024.0 / 1024.0)
    }
}

/// A duration in ms, µs or s.
fn duration(ms: f64) -> String {
    if ms < 1.0 {
        format!("{:.0} µs", ms * 1000.0)
    } else if ms < 10_000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}

fn io(v: &FastView, lang: Lang) -> Html {
    let names = [T::WfDevHdd, T::WfDevSsd, T::WfDevRaid];
    html! {
        <div class="wf-block" data-testid="io">
            { el::el("h4", "", T::WfIoTitle.get(lang)) }
            { el::el("p", "hint", tr(lang, T::WfIoHint, &[("bytes", bytes(v.io.bytes))])) }
            <table class="wf-table">
                <thead><tr><th></th>{ el::el("th", "", T::WfSeq.get(lang)) }{ el::el("th", "", T::WfRandom.get(lang)) }{ el::el("th", "", "×") }</tr></thead>
                <tbody>
                { for v.io.rows.iter().map(|(d, seq, random)| html! {
                    <tr>
                        { el::el("td", "", names[usize::from(d.kind).min(2)].get(lang)) }
                        { el::el("td", "num fast", duration(*seq)) }
                        { el::el("td", "num slow", duration(*random)) }
                        <td class="num">{ if *seq > 0.0 { format!("{:.0}×", random / seq) } else { "—".into() } }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            { el::el("p", "hint", T::WfIoSource.get(lang)) }
        </div>
    }
}

fn bar(label: &str, value: u64, max: u64, class: &'static str, text: String) -> Html {
    let w = if max == 0 {
        0.0
    } else {
        100.0 * value as f64 / max as f64
    };
    html! {
        <div class="bar-row">{ el::el("span", "", label.to_string()) }
            <div class="bar-track"><div class={classes!("bar", class)} style={format!("width:{w:.1}%")}></div>{ el::el("span", "bar-text", text) }</div>
        </div>
    }
}

fn batching(v: &FastView, lang: Lang) -> Html {
    let b = v.batching;
    html! {
        <div class="wf-block" data-testid="batching">
            { el::el("h4", "", T::WfBatchTitle.get(lang)) }
            if b.records == 0 {
                { el::el("p", "hint", T::WfNoProducer.get(lang)) }
            } else {
                { el::el("p", "hint", tr(lang, T::WfBatchHint, &[("records", b.records.to_string()), ("batches", b.batches.to_string()), ("requests", b.requests.to_string())])) }
                <div class="bars">
                    { bar(T::WfBatched.get(lang), b.requests, b.records.max(b.requests), "fast", format!("{} {}", b.requests, T::WfRequests.get(lang))) }
                    { bar(T::WfOnePer.get(lang), b.records, b.records.max(b.requests), "slow", format!("{} {}", b.records, T::WfRequests.get(lang))) }
                </div>
                if b.bytes > 0 {
                    { el::el("p", "hint", tr(lang, T::WfBytesHint, &[("records", b.log_records.to_string()), ("batches", b.log_batches.to_string()), ("bytes", bytes(b.bytes)), ("unbatched", bytes(b.unbatched_bytes()))])) }
                }
            }
            { for v.compression.iter().filter(|r| r.codec != "none").map(|r| html! {
                <div class="bars wf-zip" data-testid="compression">
                    { bar(&r.name, r.after, r.before, "fast", tr(lang, T::WfZipRow, &[("codec", r.codec.to_string()), ("before", bytes(r.before)), ("after", bytes(r.after)), ("ratio", format!("{:.2}", r.ratio()))])) }
                </div>
            }) }
            { el::el("p", "hint", T::WfCompression.get(lang)) }
        </div>
    }
}

fn readers(v: &FastView, lang: Lang) -> Html {
    let brokers: Vec<u32> = v.brokers.iter().map(|b| b.id).collect();
    let total: u64 = v.readers.iter().map(|r| r.total).sum();
    html! {
        <div class="wf-block" data-testid="parallel">
            { el::el("h4", "", T::WfParTitle.get(lang)) }
            if v.readers.is_empty() {
                { el::el("p", "hint", T::WfParNone.get(lang)) }
            } else {
                { el::el("p", "hint", T::WfParHint.get(lang)) }
                <div class="wf-scroll">
                <table class="wf-table">
                    <thead><tr>{ el::el("th", "", T::WfParMember.get(lang)) }{ el::el("th", "", T::WfParGroup.get(lang)) }
                        { for brokers.iter().map(|b| html! { <th>{ format!("broker-{b}") }</th> }) }
                        { el::el("th", "", T::WfParTotal.get(lang)) }{ el::el("th", "", T::WfParShare.get(lang)) }</tr></thead>
                    <tbody>
                    { for v.readers.iter().map(|r| html! {
                        <tr>
                            { el::el("td", "", &r.name) }{ el::el("td", "", &r.group) }
                            { for brokers.iter().map(|b| {
                                let n = r.per_broker.iter().find(|(x, _)| x == b).map_or(0, |(_, n)| *n);
                                html! { <td class={classes!("num", (n > 0).then_some("on"))}>{ if n > 0 { bytes(n) } else { "·".into() } }</td> }
                            }) }
                            { el::el("td", "num", bytes(r.total)) }
                            <td class="num">{ format!("{:.0}%", 100.0 * r.total as f64 / total.max(1) as f64) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
                { el::el("p", "hint", tr(lang, T::WfParAlone, &[("total", bytes(total)), ("n", v.readers.len().to_string())])) }
            }
        </div>
    }
}

/// Zero-copy props.
#[derive(Properties, PartialEq)]
pub struct ZeroCopyProps {
    lang: Lang,
    hit: u64,
    miss: u64,
}

/// read()+write() vs sendfile(), stepped, with this run's cache hits and misses.
#[component]
fn ZeroCopy(p: &ZeroCopyProps) -> Html {
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
                { el::el("h4", "", title.get(lang)) }
                <div class="counters" data-testid={format!("{class}-counters")}>
                    <span>{ el::el("b", "", c) }{ T::FastCopies.get(lang) }</span>
                    <span>{ el::el("b", "", cpu) }{ T::FastCpuCopies.get(lang) }</span>
                    <span>{ el::el("b", "", sw) }{ T::FastSwitches.get(lang) }</span>
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
    html! {
        <div class="wf-block" data-testid="zero-copy">
            { el::el("h4", "", T::FastRead.get(lang)) }
            { el::el("p", "hint", T::FastReadHint.get(lang)) }
            <p class="wf-zero-live" data-testid="zero-live">{ tr(lang, T::WfZeroLive, &[("hit", bytes(p.hit)), ("miss", bytes(p.miss))]) }</p>
            <div class="form-row">
                <button onclick={next} data-testid="fast-next">{ T::FastNext.get(lang) }</button>
                <button onclick={reset}>{ T::FastReset.get(lang) }</button>
            </div>
            <div class="paths">
                { column(T::FastClassic, &classic, "classic") }
                { column(T::FastZero, &zero, "zero") }
            </div>
        </div>
    }
}
