//! KRaft mode in the cluster diagram (Kafka 4.1): the controller quorum drawn where ZooKeeper
//! was — one card per controller with its Raft role (shape and word), epoch, vote, its
//! `__cluster_metadata` log end and high watermark, and the election countdown — and each
//! broker's fenced state and metadata offset. Clicking a controller stops or restarts it
//! through the console's own `kill-controller` / `start-controller` (in combined mode the
//! whole node, `kill-broker` / `start-broker`, as Kafka's `process.roles=broker,controller`);
//! the card's ■ pill and the cluster tab's button shut it down cleanly instead
//! (`stop-controller`: the leader resigns with `EndQuorumEpoch`).

use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::kraft::view::{BrokerRegistrationView, ControllerNodeView, KraftView, RaftRole};
use kafka_lab::model::BrokerId;
use kafka_lab::sim::Millis;
use yew::prelude::*;

use crate::components::el;

use crate::layout::Rect;
use crate::layout_kraft::{cards, log_bar, longest_log, role_name, role_shape};
use crate::state::Action;
use crate::text_fit::{columns, fit_end};

/// A role's word.
pub fn role_word(role: RaftRole, lang: Lang) -> &'static str {
    match role {
        RaftRole::Leader => T::KrRoleLeader,
        RaftRole::Follower => T::KrRoleFollower,
        RaftRole::Candidate => T::KrRoleCandidate,
        RaftRole::Prospective => T::KrRoleProspective,
        RaftRole::Unattached => T::KrRoleUnattached,
        RaftRole::Resigned => T::KrRoleResigned,
        RaftRole::Dead => T::KrRoleDead,
    }
    .get(lang)
}

/// The role a controller is drawn with (a stopped one is `Dead` whatever it was).
pub fn shown_role(c: &ControllerNodeView) -> RaftRole {
    if c.alive {
        c.role
    } else {
        RaftRole::Dead
    }
}

/// Seconds left until `at`, one decimal (`0.8`).
fn secs(at: Millis, now: Millis) -> String {
    format!("{:.1}", at.saturating_sub(now) as f64 / 1000.0)
}

/// The command a click on controller `id` runs.
pub fn click_command(k: &KraftView, c: &ControllerNodeView) -> String {
    match (k.combined, c.alive) {
        (true, true) => format!("kill-broker {}", c.id),
        (true, false) => format!("start-broker {}", c.id),
        (false, true) => format!("kill-controller {}", c.id),
        (false, false) => format!("start-controller {}", c.id),
    }
}

/// The command the card's stop pill runs: a clean shutdown (the whole node in combined mode).
pub fn stop_command(c: &ControllerNodeView) -> String {
    format!("stop-controller {}", c.id)
}

/// The quorum's box, drawn in `r` (where ZooKeeper's box is in ZooKeeper mode).
pub fn quorum(
    r: Rect,
    k: &KraftView,
    now: Millis,
    lang: Lang,
    on_action: &Callback<Action>,
) -> Html {
    let ids: Vec<u32> = k.controllers.iter().map(|c| c.id).collect();
    let placed = cards(r, &ids);
    let max = longest_log(k);
    let sub = tr(
        lang,
        T::KrQuorumSub,
        &[
            ("epoch", k.epoch.to_string()),
            ("hw", k.high_watermark.to_string()),
        ],
    );
    html! {
        <g class="kraft-quorum" data-testid="kraft-quorum"
           data-leader={k.leader.map(|l| l.to_string()).unwrap_or_default()}
           data-epoch={k.epoch.to_string()} data-hw={k.high_watermark.to_string()}
           data-combined={k.combined.to_string()}>
            <rect class="quorum-box" x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="10" />
            <text x={(r.x + 14.0).to_string()} y={(r.y + 19.0).to_string()} class="kq-title">{ T::KrQuorum.get(lang) }</text>
            <text x={(r.x + r.w - 14.0).to_string()} y={(r.y + 19.0).to_string()} class="kq-sub" text-anchor="end">{ sub }</text>
            { for k.controllers.iter().zip(placed.iter()).map(|(c, (_, card))| controller_card(k, c, *card, max, now, lang, on_action)) }
            if k.leader.is_none() {
                <g class="kq-banner" data-testid="kraft-no-leader">
                    <rect x={(r.x + 8.0).to_string()} y={(r.bottom() - 22.0).to_string()} width={(r.w - 16.0).to_string()} height="18" rx="5" />
                    <text x={r.cx().to_string()} y={(r.bottom() - 9.0).to_string()} text-anchor="middle">{ T::KrNoLeader.get(lang) }</text>
                </g>
            }
        </g>
    }
}

fn controller_card(
    k: &KraftView,
    c: &ControllerNodeView,
    r: Rect,
    max: u64,
    now: Millis,
    lang: Lang,
    on_action: &Callback<Action>,
) -> Html {
    let role = shown_role(c);
    let name = role_name(role);
    let active = c.alive && k.leader == Some(c.id) && c.role == RaftRole::Leader;
    let command = click_command(k, c);
    let title = if c.alive {
        tr(lang, T::KrKillTitle, &[("id", c.id.to_string())])
    } else {
        tr(lang, T::KrStartTitle, &[("id", c.id.to_string())])
    };
    let onclick = crate::components::failure::run(on_action, "diagram/controller", vec![command]);
    let stop = c.alive.then(|| stop_pill(c, r, lang, on_action));
    let room = r.w - 16.0;
    // The stop pill sits at the top right, beside the name line only.
    let name_room = room - if c.alive { STOP_PILL_W + 4.0 } else { 0.0 };
    let head = format!("{} {}", c.id, role_word(role, lang));
    let epoch = match c.voted_for {
        Some(v) if c.alive => tr(
            lang,
            T::KrEpochVoted,
            &[("epoch", c.epoch.to_string()), ("voted", v.to_string())],
        ),
        _ => tr(lang, T::KrEpoch, &[("epoch", c.epoch.to_string())]),
    };
    let bar_w = r.w - 20.0;
    let (end, hw) = log_bar(c.log_end_offset, c.high_watermark, max, bar_w);
    let log = tr(
        lang,
        T::KrLog,
        &[
            ("leo", c.log_end_offset.to_string()),
            ("hw", c.high_watermark.to_string()),
        ],
    );
    let foot = if active {
        Some(("kq-active", format!("★ {}", T::KrActive.get(lang))))
    } else {
        c.election_timeout_at.filter(|_| c.alive).map(|at| {
            (
                "kq-timer",
                tr(lang, T::KrElectionIn, &[("secs", secs(at, now))]),
            )
        })
    };
    let x = r.x + 10.0;
    // A narrow card (five controllers) puts the role on its own line, leaves the vote to the
    // tooltip and shortens the countdown to its number.
    let narrow = r.w < NARROW_CARD;
    // KIP-630: the latest snapshot and the log start (what is below it was deleted).
    // The card's line is short (`start` for the log start); the tooltip says it in full.
    let snap_line = c.latest_snapshot.map(|at| {
        tr(
            lang,
            T::SnapCardLine,
            &[
                ("snap", at.to_string()),
                ("start", c.log_start_offset.to_string()),
            ],
        )
    });
    let snap_title = c.latest_snapshot.map(|at| {
        format!(
            "{} · {}",
            tr(lang, T::SnapLatest, &[("offset", at.to_string())]),
            tr(
                lang,
                T::SnapLogStart,
                &[("offset", c.log_start_offset.to_string())]
            )
        )
    });
    let scale = |o: u64| log_bar(o, o, max, bar_w).0;
    let gone_w = scale(c.log_start_offset);
    let snap_x = c.latest_snapshot.map(|o| x + scale(o));
    let title = match &snap_title {
        Some(line) => format!("{title}\n{epoch} · {log}\n{line}"),
        None => format!("{title}\n{epoch} · {log}"),
    };
    let (name_text, role_line, epoch) = if narrow {
        (
            c.id.to_string(),
            Some(role_word(role, lang).to_string()),
            tr(lang, T::KrEpoch, &[("epoch", c.epoch.to_string())]),
        )
    } else {
        (head, None, epoch)
    };
    let foot = foot.map(
        |(class, text)| match (narrow, class, c.election_timeout_at) {
            (true, "kq-timer", Some(at)) => (class, format!("T−{} s", secs(at, now))),
            _ => (class, text),
        },
    );
    let dy = if narrow { 12.0 } else { 0.0 };
    html! {
        <g class={classes!("kq-card", name, active.then_some("active"), narrow.then_some("narrow"))}
           data-testid="kraft-controller" data-id={c.id.to_string()} data-role={name}
           data-epoch={c.epoch.to_string()} data-leo={c.log_end_offset.to_string()}
           data-hw={c.high_watermark.to_string()} data-active={active.to_string()}
           data-log-start={c.log_start_offset.to_string()}
           data-snapshot={c.latest_snapshot.map(|o| o.to_string()).unwrap_or_default()}
           role="button" tabindex="0" aria-label={title.clone()} {onclick}>
            { el::el("title", "", title) }
            <rect class="kq-card-box" x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="8" />
            <path class="kq-shape" d={role_shape(role)} transform={format!("translate({},{})", x + 6.0, r.y + 14.0)} />
            <text x={(x + 16.0).to_string()} y={(r.y + 18.0).to_string()} class="kq-name">{ fit_end(&name_text, name_room - 16.0, 7.2) }</text>
            if let Some(word) = role_line {
                <text x={x.to_string()} y={(r.y + 33.0).to_string()} class="kq-line kq-role">{ fit_end(&word, room, 6.6) }</text>
            }
            <text x={x.to_string()} y={(r.y + 36.0 + dy).to_string()} class="kq-line">{ fit_end(&epoch, room, 6.6) }</text>
            <rect class="kq-bar" x={x.to_string()} y={(r.y + 46.0 + dy).to_string()} width={bar_w.to_string()} height="9" rx="2" />
            <rect class="kq-bar-fill" x={x.to_string()} y={(r.y + 46.0 + dy).to_string()} width={end.to_string()} height="9" rx="2" />
            if gone_w > 0.0 {
                <rect class="kq-bar-gone" x={x.to_string()} y={(r.y + 46.0 + dy).to_string()} width={gone_w.to_string()} height="9" rx="2" />
            }
            if let Some(sx) = snap_x {
                <path class="kq-snap" data-testid="kraft-snapshot-mark" d={format!("M{sx} {y0} l-4 -6 h8 z", y0 = r.y + 45.0 + dy)} />
            }
            <line class="kq-hw" x1={(x + hw).to_string()} x2={(x + hw).to_string()} y1={(r.y + 42.0 + dy).to_string()} y2={(r.y + 59.0 + dy).to_string()} />
            if narrow {
                <text x={x.to_string()} y={(r.y + 82.0).to_string()} class="kq-line">{ format!("{} {}", T::Leo.get(lang), c.log_end_offset) }</text>
                <text x={x.to_string()} y={(r.y + 96.0).to_string()} class="kq-line">{ format!("{} {}", T::Hw.get(lang), c.high_watermark) }</text>
            } else {
                <text x={x.to_string()} y={(r.y + 74.0).to_string()} class="kq-line">{ fit_end(&log, room, 6.6) }</text>
                if let Some(line) = &snap_line {
                    <text x={x.to_string()} y={(r.y + 108.0).to_string()} class="kq-line kq-snap-line" data-testid="kraft-snapshot-line">{ fit_end(line, room, 6.6) }</text>
                }
            }
            if let Some((class, text)) = foot {
                <text x={x.to_string()} y={(r.y + if narrow { 111.0 } else { 92.0 }).to_string()} class={classes!("kq-foot", class)}>{ fit_end(&text, room, 6.6) }</text>
            }
            { stop.unwrap_or_default() }
        </g>
    }
}

/// The stop pill's width.
const STOP_PILL_W: f64 = 22.0;

/// The card's ■ pill, at its top right: a clean shutdown (`stop-controller`), beside the
/// card's own click (a crash).
fn stop_pill(c: &ControllerNodeView, r: Rect, lang: Lang, on_action: &Callback<Action>) -> Html {
    let command = stop_command(c);
    let title = tr(lang, T::NodesStopTitle, &[("id", c.id.to_string())]);
    let onclick = {
        let run = crate::components::failure::run(on_action, "diagram/controller", vec![command]);
        Callback::from(move |e: MouseEvent| {
            // The card's own click would kill it.
            e.stop_propagation();
            run.emit(e);
        })
    };
    let (x, y) = (r.x + r.w - STOP_PILL_W - 6.0, r.y + 6.0);
    html! {
        <g class="kq-stop" data-testid="kraft-controller-stop" data-id={c.id.to_string()}
           role="button" tabindex="0" aria-label={title.clone()} {onclick}>
            { el::el("title", "", title) }
            <rect x={x.to_string()} y={y.to_string()} width={STOP_PILL_W.to_string()} height="16" rx="8" />
            <rect class="kq-stop-mark" x={(x + STOP_PILL_W / 2.0 - 4.0).to_string()} y={(y + 4.0).to_string()} width="8" height="8" rx="1" />
        </g>
    }
}

/// Cards narrower than this (five controllers) draw their lines shorter.
pub const NARROW_CARD: f64 = 150.0;

/// The cluster tab's KRaft shortcut: a button that stops the active controller (its
/// `kill-controller ID`, or `kill-broker ID` for a combined node, run as a typed command);
/// nothing in ZooKeeper mode or while no controller is active.
pub fn kill_active_button(k: Option<&KraftView>, lang: Lang, on_action: &Callback<Action>) -> Html {
    let Some(k) = k else {
        return Html::default();
    };
    let Some(c) = k
        .leader
        .and_then(|l| k.controllers.iter().find(|c| c.id == l && c.alive))
    else {
        return Html::default();
    };
    let command = click_command(k, c);
    let onclick =
        crate::components::failure::run(on_action, "diagram/controller", vec![command.clone()]);
    html! {
        <button class="kill-active" data-testid="kill-active-controller" title={command} {onclick}>
            { T::KrPresetKillActive.get(lang) }
        </button>
    }
}

/// The cluster tab's other shortcut: shut the active controller down cleanly
/// (`stop-controller ID`: it resigns with `EndQuorumEpoch`, a new leader within tens of ms);
/// nothing in ZooKeeper mode or while no controller is active.
pub fn stop_active_button(k: Option<&KraftView>, lang: Lang, on_action: &Callback<Action>) -> Html {
    let Some(c) = k.and_then(|k| {
        k.leader
            .and_then(|l| k.controllers.iter().find(|c| c.id == l && c.alive))
    }) else {
        return Html::default();
    };
    let command = stop_command(c);
    let onclick =
        crate::components::failure::run(on_action, "diagram/controller", vec![command.clone()]);
    html! {
        <button class="stop-active" data-testid="stop-active-controller" title={command} {onclick}>
            { T::NodesStopActive.get(lang) }
        </button>
    }
}

/// A broker's status line in KRaft mode, and its class: `unfenced · metadata 41 (2 behind)`,
/// `fenced in 3.1 s` for a dead broker the controller has not fenced yet, `✕ fenced`.
pub fn broker_status(
    k: &KraftView,
    id: BrokerId,
    alive: bool,
    now: Millis,
    lang: Lang,
) -> Option<(String, &'static str)> {
    let b: &BrokerRegistrationView = k.brokers.iter().find(|b| b.id == id)?;
    if b.fenced {
        return Some((format!("✕ {}", T::KrFenced.get(lang)), "fenced"));
    }
    if !alive {
        let text = match b.session_expires_at {
            Some(at) if at > now => tr(lang, T::KrFencedIn, &[("secs", secs(at, now))]),
            _ => T::KrUnfenced.get(lang).to_string(),
        };
        return Some((text, "fencing"));
    }
    let text = format!(
        "{} · {}",
        T::KrUnfenced.get(lang),
        tr(
            lang,
            T::KrBrokerMeta,
            &[("offset", b.metadata_offset.to_string())]
        )
    );
    Some((text, "unfenced"))
}

/// How far a live broker's metadata image is behind the log's high watermark (`2 behind`),
/// drawn at the right of its name; nothing when it has caught up.
pub fn broker_lag(k: &KraftView, id: BrokerId, lang: Lang) -> Option<String> {
    let b = k.brokers.iter().find(|b| b.id == id)?;
    // The broker's offset is the last record it applied (Kafka's `currentMetadataOffset`);
    // the HW is the next offset to commit: caught up is HW − 1.
    let lag = k.high_watermark.saturating_sub(b.metadata_offset + 1);
    (lag > 0 && !b.fenced).then(|| tr(lang, T::KrBrokerLag, &[("lag", lag.to_string())]))
}

/// [`broker_status`] kept to `room` units (11px monospace): a narrow box says
/// `unfenced · 41`, then `✓ 41`, before cutting the text.
pub fn broker_status_fit(
    k: &KraftView,
    id: BrokerId,
    alive: bool,
    now: Millis,
    lang: Lang,
    room: f64,
) -> Option<(String, &'static str)> {
    let (text, class) = broker_status(k, id, alive, now, lang)?;
    let cols = (room / 6.6) as usize;
    if class != "unfenced" || columns(&text) <= cols {
        return Some((fit_end(&text, room, 6.6), class));
    }
    let offset = k.brokers.iter().find(|b| b.id == id)?.metadata_offset;
    let short = format!("{} · {offset}", T::KrUnfenced.get(lang));
    let text = if columns(&short) <= cols {
        short
    } else {
        fit_end(&format!("✓ {offset}"), room, 6.6)
    };
    Some((text, class))
}

/// Combined mode: the controller role a broker box carries (`★ leader`), if the node is a
/// controller.
pub fn combined_role(k: &KraftView, id: BrokerId, lang: Lang) -> Option<(String, &'static str)> {
    if !k.combined {
        return None;
    }
    let c = k.controllers.iter().find(|c| c.id == id)?;
    let role = shown_role(c);
    let mark = if role == RaftRole::Leader { "★ " } else { "" };
    Some((format!("{mark}{}", role_word(role, lang)), role_name(role)))
}

/// The broker's registration as the controller sees it (for `data-` attributes).
pub fn registration(k: &KraftView, id: BrokerId) -> Option<&BrokerRegistrationView> {
    k.brokers.iter().find(|b| b.id == id)
}

/// A message's class in KRaft mode: Raft traffic between controllers (and a broker's fetch of
/// `__cluster_metadata`), or a broker's lifecycle requests to the active controller.
pub fn flight_class(kind: &str, to_or_from_controller: bool) -> Option<&'static str> {
    match kind {
        "Vote" | "BeginQuorumEpoch" | "EndQuorumEpoch" | "FetchSnapshot" => Some("raft"),
        "Fetch" if to_or_from_controller => Some("raft"),
        "BrokerRegistration" | "AlterPartition" | "CreateTopics" if to_or_from_controller => {
            Some("lifecycle")
        }
        "BrokerHeartbeat" => Some("lifecycle heartbeat"),
        _ => None,
    }
}

/// KRaft messages worth a label while they fly (heartbeats and fetches fly unlabelled).
pub fn labelled(kind: &str) -> bool {
    matches!(
        kind,
        "Vote"
            | "BeginQuorumEpoch"
            | "EndQuorumEpoch"
            | "BrokerRegistration"
            | "AlterPartition"
            | "FetchSnapshot"
    )
}

/// The legend's KRaft lines.
pub fn legend_items(lang: Lang) -> Html {
    html! {
        <>
            <li><span class="swatch raft"></span>{ T::KrLegendRaft.get(lang) }</li>
            <li><span class="swatch lifecycle"></span>{ T::KrLegendLifecycle.get(lang) }</li>
        </>
    }
}

/// A hand-built quorum for tests and for drawing before the core fills `ClusterView::kraft`:
/// `k` controllers from 3000 (the first the leader in `epoch`), `brokers` brokers unfenced and
/// caught up (their last applied offset HW − 1), broker `lagging` (if any) two records behind.
pub fn sample(k: u32, epoch: u32, brokers: &[BrokerId], lagging: Option<BrokerId>) -> KraftView {
    let hw = 40;
    KraftView {
        controllers: (0..k)
            .map(|i| ControllerNodeView {
                id: kafka_lab::kraft::FIRST_CONTROLLER_ID + i,
                alive: true,
                role: if i == 0 {
                    RaftRole::Leader
                } else {
                    RaftRole::Follower
                },
                epoch,
                voted_for: Some(kafka_lab::kraft::FIRST_CONTROLLER_ID),
                log_end_offset: hw + u64::from(i == 0),
                high_watermark: hw,
                log_start_offset: 0,
                latest_snapshot: None,
                election_timeout_at: (i > 0).then_some(2_000),
            })
            .collect(),
        leader: (k > 0).then_some(kafka_lab::kraft::FIRST_CONTROLLER_ID),
        epoch,
        high_watermark: hw,
        combined: false,
        brokers: brokers
            .iter()
            .map(|&id| BrokerRegistrationView {
                id,
                registered: true,
                fenced: false,
                in_controlled_shutdown: false,
                broker_epoch: u64::from(id) + 2,
                metadata_offset: if lagging == Some(id) { hw - 3 } else { hw - 1 },
                log_start_offset: 0,
                latest_snapshot: None,
                session_expires_at: Some(9_000),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broker_status_tells_fenced_lagging_and_counting_down() {
        let mut k = sample(3, 2, &[1, 2, 3], Some(2));
        let (s, c) = broker_status(&k, 1, true, 0, Lang::En).unwrap();
        assert_eq!((s.as_str(), c), ("unfenced · metadata 39", "unfenced"));
        let (s, _) = broker_status(&k, 2, true, 0, Lang::En).unwrap();
        assert_eq!(s, "unfenced · metadata 37");
        assert_eq!(broker_lag(&k, 2, Lang::En).as_deref(), Some("2 behind"));
        assert_eq!(broker_lag(&k, 1, Lang::En), None);
        let (s, c) = broker_status(&k, 3, false, 5_000, Lang::En).unwrap();
        assert_eq!((s.as_str(), c), ("fenced in 4.0 s", "fencing"));
        k.brokers[2].fenced = true;
        let (s, c) = broker_status(&k, 3, false, 9_500, Lang::Zh).unwrap();
        assert_eq!((s.as_str(), c), ("✕ 已隔离", "fenced"));
        assert!(broker_status(&k, 9, true, 0, Lang::En).is_none());
    }

    #[test]
    fn a_narrow_broker_box_keeps_the_offset() {
        let k = sample(3, 2, &[1], None);
        let full = broker_status_fit(&k, 1, true, 0, Lang::En, 200.0)
            .unwrap()
            .0;
        assert_eq!(full, "unfenced · metadata 39");
        let mid = broker_status_fit(&k, 1, true, 0, Lang::En, 100.0)
            .unwrap()
            .0;
        assert_eq!(mid, "unfenced · 39");
        let tiny = broker_status_fit(&k, 1, true, 0, Lang::En, 50.0).unwrap().0;
        assert_eq!(tiny, "✓ 39");
    }

    #[test]
    fn clicks_stop_a_controller_or_the_whole_combined_node() {
        let mut k = sample(3, 1, &[1, 2, 3], None);
        assert_eq!(click_command(&k, &k.controllers[0]), "kill-controller 3000");
        k.controllers[1].alive = false;
        assert_eq!(
            click_command(&k, &k.controllers[1]),
            "start-controller 3001"
        );
        k.combined = true;
        k.controllers[0].id = 1;
        assert_eq!(click_command(&k, &k.controllers[0]), "kill-broker 1");
        assert_eq!(
            combined_role(&k, 1, Lang::En),
            Some(("★ leader".to_string(), "leader"))
        );
        assert_eq!(combined_role(&k, 7, Lang::En), None);
    }

    #[test]
    fn a_stopped_controller_is_drawn_dead_whatever_its_last_role() {
        let mut k = sample(3, 1, &[], None);
        k.controllers[0].alive = false;
        assert_eq!(shown_role(&k.controllers[0]), RaftRole::Dead);
        assert_eq!(role_word(RaftRole::Dead, Lang::Zh), "已停止");
    }

    #[test]
    fn kraft_messages_get_their_own_colours() {
        assert_eq!(flight_class("Vote", true), Some("raft"));
        assert_eq!(flight_class("Fetch", true), Some("raft"));
        assert_eq!(flight_class("Fetch", false), None);
        assert_eq!(
            flight_class("BrokerHeartbeat", true),
            Some("lifecycle heartbeat")
        );
        assert_eq!(flight_class("AlterPartition", true), Some("lifecycle"));
        assert!(labelled("Vote") && !labelled("BrokerHeartbeat") && !labelled("Fetch"));
        assert!(
            labelled("FetchSnapshot"),
            "a snapshot fetch is rare: labelled in flight"
        );
    }
}
