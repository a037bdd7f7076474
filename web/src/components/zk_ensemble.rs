//! The ZooKeeper ensemble inside the diagram's ZooKeeper box (notes §20, the
//! "3 ZooKeepers + 3 brokers" topology): one pill per server `zooN`, the Zab leader marked
//! `L`, followers `F`, dead servers struck through; a banner when the ensemble has no quorum
//! or is electing. Clicking a server kills it, clicking a dead one restarts it, through the
//! console's own `kill-zk` / `start-zk` commands. A lone ZooKeeper that runs is drawn as
//! before (no pills): the default topology looks unchanged.

use kafka_lab::cluster::ensemble::{EnsembleView, Phase};
use kafka_lab::i18n::{tr, Lang, T};
use yew::prelude::*;

use crate::components::el;

use crate::layout::Rect;

/// Width of one server pill.
const PILL_W: f64 = 62.0;
/// Gap between pills.
const PILL_GAP: f64 = 8.0;

/// The servers' pills and the quorum banner, drawn inside the ZooKeeper box `r`.
pub fn ensemble(r: Rect, e: &EnsembleView, lang: Lang, on_exec: &Callback<String>) -> Html {
    let n = e.servers.len();
    if n <= 1 && e.phase == Phase::Serving {
        return html! {};
    }
    let total = n as f64 * PILL_W + (n as f64 - 1.0) * PILL_GAP;
    let x0 = r.cx() - total / 2.0;
    let alive = e.servers.iter().filter(|s| s.1).count();
    let banner = match e.phase {
        Phase::Serving => None,
        Phase::Electing { .. } => Some((
            "electing",
            tr(lang, T::ZkElecting, &[("alive", alive.to_string())]),
        )),
        Phase::NoQuorum => Some((
            "no-quorum",
            tr(
                lang,
                T::ZkQuorumLostBanner,
                &[
                    ("alive", alive.to_string()),
                    ("n", n.to_string()),
                    ("quorum", e.quorum.to_string()),
                ],
            ),
        )),
    };
    html! {
        <g class="zk-ensemble" data-testid="zk-ensemble" data-phase={match e.phase {
            Phase::Serving => "serving",
            Phase::Electing { .. } => "electing",
            Phase::NoQuorum => "no-quorum",
        }}>
            { for e.servers.iter().enumerate().map(|(i, &(myid, up, zxid))| {
                let x = x0 + i as f64 * (PILL_W + PILL_GAP);
                let leader = up && e.leader == Some(myid);
                let role = if !up { "dead" } else if leader { "leader" } else if e.phase == Phase::Serving { "follower" } else { "looking" };
                let letter = match role { "leader" => "L", "follower" => "F", "looking" => "?", _ => "✕" };
                let command = if up { format!("kill-zk {myid}") } else { format!("start-zk {myid}") };
                let title = if up {
                    tr(lang, T::ZkServerKillTitle, &[("z", myid.to_string()), ("zxid", format!("0x{zxid:x}"))])
                } else {
                    tr(lang, T::ZkServerStartTitle, &[("z", myid.to_string())])
                };
                let onclick = {
                    let cb = on_exec.clone();
                    Callback::from(move |_: MouseEvent| cb.emit(command.clone()))
                };
                html! {
                    <g class={classes!("zk-server", role)} data-testid="zk-server" data-myid={myid.to_string()} data-role={role} {onclick}>
                        { el::el("title", "", title) }
                        <rect x={x.to_string()} y={(r.y + 8.0).to_string()} width={PILL_W.to_string()} height="20" rx="10" />
                        <text x={(x + 8.0).to_string()} y={(r.y + 22.0).to_string()} class="zk-name">{ format!("zoo{myid}") }</text>
                        <text x={(x + PILL_W - 9.0).to_string()} y={(r.y + 22.0).to_string()} class="zk-role" text-anchor="end">{ letter }</text>
                    </g>
                }
            }) }
            if let Some((class, text)) = banner {
                <g class={classes!("zk-banner", class)} data-testid="zk-banner">
                    <rect x={(r.x + 8.0).to_string()} y={(r.bottom() - 22.0).to_string()} width={(r.w - 16.0).to_string()} height="18" rx="5" />
                    <text x={r.cx().to_string()} y={(r.bottom() - 9.0).to_string()} text-anchor="middle">{ text }</text>
                </g>
            }
        </g>
    }
}
