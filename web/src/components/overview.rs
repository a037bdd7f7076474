//! The cluster tab past what fits (a big cluster): each broker box shows counts — leaders,
//! followers in and out of sync, offline replicas — instead of a clipped column of chips, and a
//! panel under the diagram calls out the under-replicated and offline partitions, with every
//! topic and every broker expandable to its partitions.

use std::collections::{BTreeMap, BTreeSet};

use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::model::BrokerId;
use kafka_lab::view::{BrokerView, ClusterView, PartitionView, ReplicaLook};
use yew::prelude::*;

use crate::components::el;

use crate::layout::{Rect, BROKER_HEADER, OVERVIEW_ROW_H};
use crate::state::Shared;

/// A broker's replicas by how they are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReplicaCounts {
    /// It leads them.
    pub leaders: usize,
    /// It follows them and is in their ISR.
    pub in_sync: usize,
    /// It follows them but is out of their ISR.
    pub out_of_sync: usize,
    /// Dead broker, or a role not heard of yet.
    pub offline: usize,
}

impl ReplicaCounts {
    /// Counts `b`'s replicas.
    pub fn of(b: &BrokerView) -> Self {
        let mut c = Self::default();
        for r in &b.replicas {
            match r.look {
                ReplicaLook::Leader => c.leaders += 1,
                ReplicaLook::InSyncFollower => c.in_sync += 1,
                ReplicaLook::OutOfSyncFollower => c.out_of_sync += 1,
                ReplicaLook::Offline => c.offline += 1,
            }
        }
        c
    }

    /// All of them.
    pub fn total(&self) -> usize {
        self.leaders + self.in_sync + self.out_of_sync + self.offline
    }
}

/// Partitions whose ISR is smaller than their replicas (under-replicated) and partitions
/// without a leader (offline), in the view's order.
pub fn trouble(partitions: &[PartitionView]) -> (Vec<&PartitionView>, Vec<&PartitionView>) {
    let offline = partitions.iter().filter(|p| p.leader.is_none()).collect();
    let urp = partitions
        .iter()
        .filter(|p| p.leader.is_some() && p.isr.len() < p.replicas.len())
        .collect();
    (urp, offline)
}

/// The counts drawn inside a broker box (SVG), in place of its chips.
pub fn broker_counts(b: &BrokerView, r: Rect, lang: Lang) -> Html {
    let c = ReplicaCounts::of(b);
    let total = c.total().max(1) as f64;
    let rows = [
        ("leader", "▲", T::OvLeaders, c.leaders),
        ("follower", "●", T::OvInSync, c.in_sync),
        ("lagging", "◐", T::OvOutOfSync, c.out_of_sync),
        ("offline", "✕", T::OvOffline, c.offline),
    ];
    let bar_w = (r.w - 20.0).max(10.0);
    html! {
        <g class="counts" data-leaders={c.leaders.to_string()} data-in-sync={c.in_sync.to_string()}
           data-out-of-sync={c.out_of_sync.to_string()} data-offline={c.offline.to_string()}>
            { for rows.iter().enumerate().map(|(i, (class, mark, label, n))| {
                let y = r.y + BROKER_HEADER + i as f64 * OVERVIEW_ROW_H;
                let w = bar_w * (*n as f64 / total);
                // The words when they fit the box (11.5px: ~6.6 units a column, a CJK
                // character two), else the mark and the number (the panel's table headers
                // and the tooltip say which mark is which).
                let full = format!("{mark} {} {n}", label.get(lang));
                let cols: usize = full.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
                let text = if cols as f64 * 6.6 <= r.w - 24.0 { full.clone() } else { format!("{mark} {n}") };
                html! {
                    <g class={classes!("count-row", *class)}>
                        // The track (the whole), then the bar (this kind's share of it).
                        <rect class="count-track" x={(r.x + 10.0).to_string()} y={(y + 3.0).to_string()}
                              width={bar_w.to_string()} height={(OVERVIEW_ROW_H - 6.0).to_string()} rx="3" />
                        <rect class="count-bar" x={(r.x + 10.0).to_string()} y={(y + 3.0).to_string()}
                              width={w.to_string()} height={(OVERVIEW_ROW_H - 6.0).to_string()} rx="3" />
                        <text x={(r.x + 14.0).to_string()} y={(y + 15.0).to_string()} class="count-text">
                            { el::el("title", "", full) }
                            { text }
                        </text>
                    </g>
                }
            }) }
        </g>
    }
}

/// Rows a list shows before "N more".
const LIST_ROWS: usize = 12;
/// Partitions a topic or a broker shows when opened, before "N more".
const OPEN_ROWS: usize = 200;

/// A broker's line in the overview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerLine {
    /// `broker.id`.
    pub id: BrokerId,
    /// Running.
    pub alive: bool,
    /// Its replicas by look.
    pub counts: ReplicaCounts,
}

/// Overview props: what it shows, compared by value, so the panel draws again only when a
/// partition or a broker changed (not on every frame's new clock).
#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    /// Every broker.
    pub brokers: Vec<BrokerLine>,
    /// Every partition.
    pub partitions: Shared<Vec<PartitionView>>,
    /// Language.
    pub lang: Lang,
}

impl OverviewProps {
    /// The props for `v` (`partitions` is reused when unchanged, so the panel keeps its
    /// pointer-equal snapshot).
    pub fn brokers_of(v: &ClusterView) -> Vec<BrokerLine> {
        v.brokers
            .iter()
            .map(|b| BrokerLine {
                id: b.id,
                alive: b.alive,
                counts: ReplicaCounts::of(b),
            })
            .collect()
    }
}

fn list(v: &[BrokerId]) -> String {
    let s: Vec<String> = v.iter().map(|b| b.to_string()).collect();
    format!("[{}]", s.join(","))
}

fn partition_row(p: &PartitionView, lang: Lang) -> Html {
    let state = if p.leader.is_none() {
        "offline"
    } else if p.isr.len() < p.replicas.len() {
        "urp"
    } else {
        "ok"
    };
    html! {
        <tr class={classes!("ov-part", state)} data-tp={p.tp.to_string()}>
            <td>{ el::el("code", "", p.tp.to_string()) }</td>
            { el::el("td", "", p.leader.map_or_else(|| T::OvNone.get(lang).to_string(), |l| l.to_string())) }
            <td>
                { list(&p.isr) }
                if !p.elr.is_empty() { <span class="elr-tag">{ format!(" ELR {}", list(&p.elr)) }</span> }
            </td>
            { el::el("td", "", list(&p.replicas)) }
        </tr>
    }
}

fn partition_table(rows: &[&PartitionView], lang: Lang) -> Html {
    let more = rows.len().saturating_sub(OPEN_ROWS);
    html! {
        <>
            <table class="ov-parts">
                <thead><tr>
                    { el::el("th", "", T::OvPartition.get(lang)) }{ el::el("th", "", T::OvLeader.get(lang)) }
                    { el::el("th", "", "ISR") }{ el::el("th", "", T::OvReplicas.get(lang)) }
                </tr></thead>
                <tbody>{ for rows.iter().take(OPEN_ROWS).map(|p| partition_row(p, lang)) }</tbody>
            </table>
            if more > 0 {
                { el::el("p", "hint", tr(lang, T::OvMore, &[("n", more.to_string())])) }
            }
        </>
    }
}

fn toggle<K: Ord + Clone + 'static>(
    set: &UseStateHandle<BTreeSet<K>>,
    k: K,
) -> Callback<MouseEvent> {
    let set = set.clone();
    Callback::from(move |_: MouseEvent| {
        let mut s = (*set).clone();
        if !s.remove(&k) {
            s.insert(k.clone());
        }
        set.set(s);
    })
}

/// The panel under a big cluster's diagram.
#[component]
pub fn Overview(p: &OverviewProps) -> Html {
    let (partitions, lang) = (&*p.partitions, p.lang);
    let open_topics = use_state(BTreeSet::<String>::new);
    let open_brokers = use_state(BTreeSet::<BrokerId>::new);
    let (urp, offline) = trouble(partitions);
    let dead = p.brokers.iter().filter(|b| !b.alive).count();
    let mut topics: BTreeMap<&str, Vec<&PartitionView>> = BTreeMap::new();
    for part in partitions {
        topics.entry(part.tp.topic.as_str()).or_default().push(part);
    }
    let trouble_list = |title: T, rows: &[&PartitionView], class: &'static str| {
        let more = rows.len().saturating_sub(LIST_ROWS);
        html! {
            <div class={classes!("ov-trouble", class)} data-testid={format!("ov-{class}")}>
                { el::el("h4", "", tr(lang, title, &[("n", rows.len().to_string())])) }
                <ul>
                    { for rows.iter().take(LIST_ROWS).map(|p| html! {
                        <li data-tp={p.tp.to_string()}>
                            { el::el("code", "", p.tp.to_string()) }{ " " }
                            { tr(lang, T::OvIsrOf, &[("isr", list(&p.isr)), ("replicas", list(&p.replicas))]) }
                        </li>
                    }) }
                </ul>
                if more > 0 { { el::el("p", "hint", tr(lang, T::OvMore, &[("n", more.to_string())])) } }
            </div>
        }
    };
    html! {
        <section class="panel overview" data-testid="overview">
            { el::el("h3", "", T::OvTitle.get(lang)) }
            { el::el("p", "hint", T::OvHint.get(lang)) }
            <p class="ov-summary" data-testid="ov-summary">
                { tr(lang, T::OvSummary, &[
                    ("brokers", p.brokers.len().to_string()),
                    ("dead", dead.to_string()),
                    ("partitions", partitions.len().to_string()),
                    ("urp", urp.len().to_string()),
                    ("offline", offline.len().to_string()),
                ]) }
            </p>
            if !offline.is_empty() { { trouble_list(T::OvOfflineTitle, &offline, "offline") } }
            if !urp.is_empty() { { trouble_list(T::OvUrpTitle, &urp, "urp") } }
            { el::el("h4", "", T::OvTopics.get(lang)) }
            <table class="ov-topics">
                <thead><tr>
                    { el::el("th", "", T::OvTopic.get(lang)) }{ el::el("th", "", T::OvPartitions.get(lang)) }
                    { el::el("th", "", T::OvUrp.get(lang)) }{ el::el("th", "", T::OvOfflineCol.get(lang)) }<th></th>
                </tr></thead>
                <tbody>
                { for topics.iter().map(|(name, parts)| {
                    let open = open_topics.contains(*name);
                    let u = parts.iter().filter(|p| p.leader.is_some() && p.isr.len() < p.replicas.len()).count();
                    let o = parts.iter().filter(|p| p.leader.is_none()).count();
                    html! {
                        <>
                            <tr data-topic={name.to_string()}>
                                <td>{ el::el("code", "", *name) }</td>
                                { el::el("td", "", parts.len()) }
                                <td class={classes!((u > 0).then_some("bad"))}>{ u }</td>
                                <td class={classes!((o > 0).then_some("bad"))}>{ o }</td>
                                <td><button data-testid={format!("ov-topic-{name}")} onclick={toggle(&open_topics, name.to_string())}>
                                    { if open { T::OvHide.get(lang) } else { T::OvShow.get(lang) } }
                                </button></td>
                            </tr>
                            if open {
                                <tr class="ov-open"><td colspan="5">{ partition_table(parts, lang) }</td></tr>
                            }
                        </>
                    }
                }) }
                </tbody>
            </table>
            { el::el("h4", "", T::OvBrokers.get(lang)) }
            <table class="ov-brokers">
                <thead><tr>
                    { el::el("th", "", T::Broker.get(lang)) }<th>{ format!("▲ {}", T::OvLeaders.get(lang)) }</th>
                    <th>{ format!("● {}", T::OvInSync.get(lang)) }</th><th>{ format!("◐ {}", T::OvOutOfSync.get(lang)) }</th>
                    <th>{ format!("✕ {}", T::OvOffline.get(lang)) }</th><th></th>
                </tr></thead>
                <tbody>
                { for p.brokers.iter().map(|b| {
                    let c = b.counts;
                    let open = open_brokers.contains(&b.id);
                    let parts: Vec<&PartitionView> = if open {
                        partitions.iter().filter(|p| p.replicas.contains(&b.id)).collect()
                    } else {
                        Vec::new()
                    };
                    html! {
                        <>
                            <tr data-ov-broker={b.id.to_string()} class={classes!((!b.alive).then_some("dead"))}>
                                <td>{ b.id }{ if b.alive { "" } else { " ✕" } }</td>
                                { el::el("td", "", c.leaders) }{ el::el("td", "", c.in_sync) }{ el::el("td", "", c.out_of_sync) }{ el::el("td", "", c.offline) }
                                <td><button data-testid={format!("ov-broker-{}", b.id)} onclick={toggle(&open_brokers, b.id)}>
                                    { if open { T::OvHide.get(lang) } else { T::OvShow.get(lang) } }
                                </button></td>
                            </tr>
                            if open {
                                <tr class="ov-open"><td colspan="6">{ partition_table(&parts, lang) }</td></tr>
                            }
                        </>
                    }
                }) }
                </tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_lab::cli::Lab;

    fn view(lab: &Lab) -> ClusterView {
        ClusterView::of(lab.cluster())
    }

    #[test]
    fn counts_and_trouble_follow_the_cluster() {
        let mut lab = Lab::new(4, 7);
        lab.execute("kafka-topics.sh --create --topic t --partitions 8 --replication-factor 3")
            .unwrap();
        lab.execute("advance 5s").unwrap();
        let v = view(&lab);
        let counts: Vec<ReplicaCounts> = v.brokers.iter().map(ReplicaCounts::of).collect();
        assert_eq!(counts.iter().map(|c| c.total()).sum::<usize>(), 24);
        assert_eq!(counts.iter().map(|c| c.leaders).sum::<usize>(), 8);
        let (urp, offline) = trouble(&v.partitions);
        assert!(urp.is_empty() && offline.is_empty());
        // A dead broker: its replicas go offline and the partitions it was in shrink their ISR
        // once the controller hears (ZooKeeper's session timeout).
        lab.execute("kill-broker 2").unwrap();
        lab.execute("advance 20s").unwrap();
        let v = view(&lab);
        let two = v.brokers.iter().find(|b| b.id == 2).unwrap();
        let c = ReplicaCounts::of(two);
        assert_eq!(c.offline, c.total());
        assert!(c.total() > 0);
        let (urp, offline) = trouble(&v.partitions);
        assert_eq!(
            urp.len(),
            c.total(),
            "every partition broker 2 held is under-replicated"
        );
        assert!(offline.is_empty());
        assert!(urp
            .iter()
            .all(|p| !p.isr.contains(&2) && p.replicas.contains(&2)));
    }
}
