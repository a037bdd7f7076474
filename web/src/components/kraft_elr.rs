//! KRaft on the page, finished (kweb2): Eligible Leader Replicas (KIP-966) drawn wherever a
//! partition's ISR is — the replication tab's header and rows, the cluster tab's chips and
//! legend, the event log's narration of ISR → ELR moves and of a leader elected from the ELR —
//! and the KRaft group of the preset menu with each step's "what to notice".

use kafka_lab::event::{Event, Logged};
use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::model::{join_ids, BrokerId, TopicPartition};
use kafka_lab::presets::Preset;
use kafka_lab::view::PartitionDetail;
use yew::prelude::*;

use crate::components::el;

use crate::state::{Action, PresetRun};

/// How far back the event log looks for a partition's previous `PartitionChangeRecord`.
const LOOKBACK: usize = 5_000;

/// The partition's ELR state beside its ISR (KRaft mode only: `kraft`).
pub fn elr_state(x: &PartitionDetail, kraft: bool, lang: Lang) -> Html {
    if !kraft {
        return html! {};
    }
    html! {
        <span class={classes!("pv-elr", (!x.elr.is_empty()).then_some("has-elr"))} data-testid="pv-elr"
              data-elr={join_ids(&x.elr)} data-last-known-elr={join_ids(&x.last_known_elr)}>
            { tr(lang, T::ElrState, &[("elr", join_ids(&x.elr)), ("lke", join_ids(&x.last_known_elr))]) }
        </span>
    }
}

/// The tag on a replica row whose broker is in the ELR.
pub fn row_tag(x: &PartitionDetail, broker: BrokerId, lang: Lang) -> Html {
    if !x.elr.contains(&broker) {
        return html! {};
    }
    html! { <span class="elr-tag" data-testid="elr-tag" title={T::ElrLegendElr.get(lang)}>{ T::ElrRowTag.get(lang) }</span> }
}

/// The legend's ELR entries (KRaft mode).
pub fn legend_items(lang: Lang) -> Html {
    html! {
        <>
            <li data-testid="legend-elr"><span class="swatch elr"></span>{ T::ElrLegendElr.get(lang) }</li>
            <li data-testid="legend-last-known-elr"><span class="swatch last-known-elr"></span>{ T::ElrLegendLastKnown.get(lang) }</li>
        </>
    }
}

/// A chip's tooltip: the partition, and its ELR membership.
pub fn chip_title(tp: &TopicPartition, broker: BrokerId, elr: bool, lang: Lang) -> String {
    if elr {
        format!(
            "{tp} · {}",
            tr(
                lang,
                T::ElrChipTitle,
                &[("broker", broker.to_string()), ("tp", tp.to_string())]
            )
        )
    } else {
        tp.to_string()
    }
}

/// What a `PartitionChangeRecord` event meant for the ELR, compared with the partition's
/// previous one: brokers that moved from the ISR into the ELR, and a leader elected from the
/// ELR. Empty for any other event.
pub fn elr_moves(events: &[Logged], i: usize, lang: Lang) -> Vec<String> {
    let Some(Logged {
        event: Event::KraftPartitionChanged {
            tp, leader, elr, ..
        },
        ..
    }) = events.get(i)
    else {
        return Vec::new();
    };
    let prev = events[i.saturating_sub(LOOKBACK)..i]
        .iter()
        .rev()
        .find_map(|l| match &l.event {
            Event::KraftPartitionChanged {
                tp: t, isr, elr, ..
            } if t == tp => Some((isr.clone(), elr.clone())),
            _ => None,
        });
    let (prev_isr, prev_elr) = prev.unwrap_or_default();
    let mut out: Vec<String> = elr
        .iter()
        .filter(|b| !prev_elr.contains(b))
        .map(|b| {
            tr(
                lang,
                T::ElrToElr,
                &[("broker", b.to_string()), ("tp", tp.to_string())],
            )
        })
        .collect();
    if let Some(l) = leader {
        if prev_elr.contains(l) && !prev_isr.contains(l) {
            out.push(tr(
                lang,
                T::ElrElected,
                &[("broker", l.to_string()), ("tp", tp.to_string())],
            ));
        }
    }
    out
}

/// The event log's extra lines under a `PartitionChangeRecord` event.
pub fn event_note(events: &[Logged], i: usize, lang: Lang) -> Html {
    let moves = elr_moves(events, i, lang);
    if moves.is_empty() {
        return html! {};
    }
    html! {
        { for moves.into_iter().map(|m| html! { <span class="elr-note" data-testid="elr-note">{ m }</span> }) }
    }
}

/// The commands of `run` that have finished (an `advance` counts once its time has passed).
pub fn completed(run: &PresetRun) -> usize {
    run.next - usize::from(run.waiting_until.is_some())
}

/// The "what to notice" notes of a preset reached so far, the newest marked.
pub fn preset_notes(pr: &Preset, run: &PresetRun, lang: Lang) -> Html {
    if pr.notes.is_empty() {
        return html! {};
    }
    let done = completed(run);
    let reached: Vec<&(usize, T)> = pr.notes.iter().filter(|(at, _)| *at <= done).collect();
    let n = reached.len();
    html! {
        <div class="preset-notes" data-testid="preset-notes" data-reached={n.to_string()} data-total={pr.notes.len().to_string()}>
            { el::el("h5", "", T::PresetKrNotesTitle.get(lang)) }
            <ol>
                { for reached.iter().enumerate().map(|(i, (_, t))| html! {
                    <li class={classes!((i + 1 == n).then_some("now"))}>{ t.get(lang) }</li>
                }) }
            </ol>
        </div>
    }
}

/// The button under the KRaft presets that opens the Compare eras view on the cluster tab.
pub fn compare_button(lang: Lang, on_action: &Callback<Action>) -> Html {
    let cb = on_action.clone();
    html! {
        <button class="preset compare-preset" data-testid="preset-compare-eras"
                onclick={Callback::from(move |_: MouseEvent| cb.emit(Action::OpenCompare))}>
            { T::PresetKrCompareOpen.get(lang) }
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(at: u64, leader: Option<BrokerId>, isr: &[BrokerId], elr: &[BrokerId]) -> Logged {
        Logged {
            at,
            event: Event::KraftPartitionChanged {
                controller: 3001,
                tp: TopicPartition::new("pay".to_string(), 0),
                leader,
                leader_epoch: 0,
                isr: isr.to_vec(),
                elr: elr.to_vec(),
            },
        }
    }

    #[test]
    fn the_log_narrates_isr_to_elr_and_a_leader_from_the_elr() {
        // The 17-spine-kraft-elr-keeps sequence.
        let events = vec![
            changed(1, Some(1), &[1, 2], &[]),
            changed(2, Some(1), &[1], &[2]),
            changed(3, None, &[], &[1, 2]),
            changed(4, Some(2), &[2], &[1]),
        ];
        assert!(elr_moves(&events, 0, Lang::En).is_empty());
        let m = elr_moves(&events, 1, Lang::En);
        assert_eq!(m.len(), 1);
        assert!(
            m[0].starts_with("Broker 2 left the ISR of pay-0 into the ELR"),
            "{m:?}"
        );
        let m = elr_moves(&events, 2, Lang::En);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].starts_with("Broker 1 left"), "{m:?}");
        let m = elr_moves(&events, 3, Lang::En);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].contains("broker 2 elected leader from the ELR"),
            "{m:?}"
        );
        // A leader that was in the ISR is not "from the ELR".
        let normal = vec![
            changed(1, Some(1), &[1, 2], &[]),
            changed(2, Some(2), &[2], &[]),
        ];
        assert!(elr_moves(&normal, 1, Lang::En).is_empty());
    }
}
