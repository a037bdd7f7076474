//! The tabs in KRaft mode (kweb2): what replaces a ZooKeeper-only panel there. The consumer
//! groups' offsets live in `__consumer_offsets` only (Kafka 4 has no ZooKeeper to store them in).

use kafka_lab::i18n::{Lang, T};
use kafka_lab::view::GroupPanel;
use yew::prelude::*;

/// A group's committed offsets as records of `__consumer_offsets` (KRaft mode: the ZooKeeper
/// column of `zk_offsets::offsets_compare` has no place there).
pub fn offsets_log(g: &GroupPanel, lang: Lang) -> Html {
    html! {
        <div class="zk-compare kraft-offsets" data-testid="offsets-kraft">
            <div class="offsets-log active" data-testid="kafka-offsets">
                <h4>{ format!("__consumer_offsets-{} (broker {})", g.offsets_partition, g.coordinator) }</h4>
                if g.offset_records.is_empty() {
                    <p class="hint">{ T::NoCommits.get(lang) }</p>
                }
                { for g.offset_records.iter().map(|(o, k, v)| html! {
                    <div class="orec" title={v.clone()}><small>{ o }</small><code>{ k }</code>{ " → " }<code class="value">{ v }</code></div>
                }) }
            </div>
        </div>
    }
}
