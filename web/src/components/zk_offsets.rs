//! Notes §9 and §14 side by side, for one group: where its commits go. On the left the
//! ZooKeeper znodes `/consumers/G/offsets/T/P` (Kafka 0.8, `offsets.storage=zookeeper`; the
//! data is the offset as a decimal string), on the right its `__consumer_offsets` partition
//! (0.9 and later). A button switches the group's era (`consumer offsets-storage`).

use kafka_lab::cluster::ConsumerJoinBlocked;
use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::model::join_ids;
use kafka_lab::view::GroupPanel;
use yew::prelude::*;

use crate::components::el;

/// The two stores of a group's offsets, and the era switch.
pub fn offsets_compare(g: &GroupPanel, lang: Lang, on_exec: &Callback<String>) -> Html {
    let (era, switch_to, switch_label) = if g.offsets_in_zookeeper {
        (T::ZkEraZk, "kafka", T::SwitchToKafka)
    } else {
        (T::ZkEraKafka, "zookeeper", T::SwitchToZk)
    };
    let onclick = {
        let cb = on_exec.clone();
        let line = format!("consumer offsets-storage --group {} {switch_to}", g.group);
        Callback::from(move |_: MouseEvent| cb.emit(line.clone()))
    };
    html! {
        <div class="zk-compare" data-testid="offsets-compare">
            <div class="era-row">
                <span class={classes!("era-now", g.offsets_in_zookeeper.then_some("zk"))} data-testid="group-era">{ era.get(lang) }</span>
                <button {onclick} data-testid="switch-era">{ switch_label.get(lang) }</button>
            </div>
            <div class="compare-cols">
                <div class={classes!("offsets-log", "zk", g.offsets_in_zookeeper.then_some("active"))} data-testid="zk-offsets">
                    { el::el("h4", "", T::ZkOffsetsTitle.get(lang)) }
                    if g.zk_offsets.is_empty() {
                        { el::el("p", "hint", tr(lang, T::ZkOffsetsEmpty, &[("group", g.group.clone())])) }
                    }
                    { for g.zk_offsets.iter().map(|(path, o)| html! {
                        <div class="orec">{ el::el("code", "", path) }{ " = " }{ el::el("code", "value", o) }</div>
                    }) }
                </div>
                <div class={classes!("offsets-log", (!g.offsets_in_zookeeper).then_some("active"))} data-testid="kafka-offsets">
                    <h4>{ format!("__consumer_offsets-{} (broker {})", g.offsets_partition, g.coordinator) }</h4>
                    if g.offset_records.is_empty() {
                        { el::el("p", "hint", T::NoCommits.get(lang)) }
                    }
                    { for g.offset_records.iter().map(|(o, k, v)| html! {
                        <div class="orec" title={v.clone()}>{ el::el("small", "", o) }{ el::el("code", "", k) }{ " → " }{ el::el("code", "value", v) }</div>
                    }) }
                </div>
            </div>
        </div>
    }
}

/// Why "Add consumer" would fail now, said next to the button (from the core's typed
/// [`ConsumerJoinBlocked`], never from the console's text).
pub fn join_blocked(blocked: Option<&ConsumerJoinBlocked>, lang: Lang) -> Html {
    let text = match blocked {
        None => return html! {},
        Some(ConsumerJoinBlocked::OffsetsTopicNeedsBrokers {
            replication_factor,
            live,
            dead,
        }) => tr(
            lang,
            T::OffsetsTopicBlocked,
            &[
                ("rf", replication_factor.to_string()),
                ("live", live.len().to_string()),
                ("dead", join_ids(dead)),
                ("first", dead.first().map_or("1".into(), |b| b.to_string())),
            ],
        ),
        Some(ConsumerJoinBlocked::ZkNoQuorum) => T::ZkNoQuorumBlocked.get(lang).to_string(),
    };
    html! { <p class="join-blocked" role="alert" data-testid="join-blocked">{ text }</p> }
}
