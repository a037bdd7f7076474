//! One broker's box in the cluster diagram (`diagram`): its name, its znode or KRaft status,
//! its replica chips (or, in a big cluster, its counts), and the click that kills or restarts
//! it; with the text fitting that keeps the labels inside narrow boxes.

use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::view::{BrokerView, ClusterView, ReplicaLook};
use yew::prelude::*;

use crate::components::el;

use crate::state::{Action, Shared};

use super::diagram::look_name;
use crate::layout::{Rect, BROKER_HEADER, CHIP_H, MAX_CHIPS};
use crate::text_fit::{columns, fit_end, fit_start};

fn look_letter(look: ReplicaLook) -> &'static str {
    match look {
        ReplicaLook::Leader => "L",
        ReplicaLook::InSyncFollower | ReplicaLook::OutOfSyncFollower => "F",
        ReplicaLook::Offline => "–",
    }
}

/// Props of one broker's box. They compare the broker itself (and what its box reads besides:
/// the KRaft view, the clock while a dead broker's session counts down), not the whole view,
/// so a frame that only moved time or flew messages draws no box again: on 12 brokers the
/// boxes were most of the cluster tab's render work every frame.
#[derive(Properties)]
pub struct BrokerBoxProps {
    /// The cluster.
    pub view: Shared<ClusterView>,
    /// Which of `view.brokers`.
    pub idx: usize,
    /// Where the box is.
    pub r: Rect,
    /// Language.
    pub lang: Lang,
    /// Where a click goes (the page's one dispatcher; not compared: a new `Callback` each frame
    /// does the same).
    pub on_action: Callback<Action>,
    /// Counts instead of chips.
    pub overview: bool,
}

impl PartialEq for BrokerBoxProps {
    fn eq(&self, o: &Self) -> bool {
        if self.idx != o.idx || self.r != o.r || self.lang != o.lang || self.overview != o.overview
        {
            return false;
        }
        if self.view == o.view {
            return true;
        }
        let (a, b) = (self.view.brokers.get(self.idx), o.view.brokers.get(o.idx));
        // A dead broker's box counts its session down; KRaft boxes show the clock's state.
        let clock = a.is_some_and(|a| !a.alive) || self.view.kraft.is_some();
        a == b && self.view.kraft == o.view.kraft && (!clock || self.view.now == o.view.now)
    }
}

/// One broker's box, drawn again only when its broker changed ([`BrokerBoxProps`]).
#[component]
pub fn BrokerBox(p: &BrokerBoxProps) -> Html {
    let v = &*p.view;
    let Some(b) = v.brokers.get(p.idx) else {
        return Html::default();
    };
    broker_box(
        b,
        p.r,
        v.now,
        p.lang,
        &p.on_action,
        v.kraft.as_ref(),
        p.overview,
    )
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
    kafka_lab::sort::by_key(&mut replicas, |r| r.tp.topic.starts_with("__"));
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
            { el::el("title", "", title) }
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
                        { el::el("title", "", crate::components::kraft_elr::chip_title(&rep.tp, b.id, rep.elr, lang)) }
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

/// `topic` cut to `max` characters with an ellipsis in the middle (`__consu…ffsets`).
pub(crate) fn shorten(topic: &str, max: usize) -> String {
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
        assert_eq!(more_label(Lang::En, 16, 160.0), "+ 16 more replicas");
        assert_eq!(more_label(Lang::En, 16, 60.0), "+16");
    }
}
