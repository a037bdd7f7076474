//! The tabs in KRaft mode (kweb2): what replaces a ZooKeeper-only panel there. The consumer
//! groups' offsets live in `__consumer_offsets` only (Kafka 4 has no ZooKeeper to store them in);
//! the storage tab shows each controller's metadata directory.

use kafka_lab::i18n::{tr, Lang, T};
use kafka_lab::view::kraft_disk::{MetadataDisk, METADATA_DIR};
use kafka_lab::view::GroupPanel;
use yew::prelude::*;

use crate::components::el;

/// A group's committed offsets as records of `__consumer_offsets` (KRaft mode: the ZooKeeper
/// column of `zk_offsets::offsets_compare` has no place there).
pub fn offsets_log(g: &GroupPanel, lang: Lang) -> Html {
    html! {
        <div class="zk-compare kraft-offsets" data-testid="offsets-kraft">
            <div class="offsets-log active" data-testid="kafka-offsets">
                <h4>{ format!("__consumer_offsets-{} (broker {})", g.offsets_partition, g.coordinator) }</h4>
                if g.offset_records.is_empty() {
                    { el::el("p", "hint", T::NoCommits.get(lang)) }
                }
                { for g.offset_records.iter().map(|(o, k, v)| html! {
                    <div class="orec" title={v.clone()}>{ el::el("small", "", o) }{ el::el("code", "", k) }{ " → " }{ el::el("code", "value", v) }</div>
                }) }
            </div>
        </div>
    }
}

/// The storage tab in KRaft mode: each controller's metadata directory, as `ls` and `cat` of
/// `controller-N:/var/lib/kafka/data` show it in the console.
pub fn metadata_disks(disks: &[MetadataDisk], lang: Lang) -> Html {
    if disks.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel kraft-disks" data-testid="kraft-disks">
            { el::el("h3", "", T::KrDisksTitle.get(lang)) }
            { el::el("p", "hint", T::KrDisksHint.get(lang)) }
            <div class="kraft-disk-list">
                { for disks.iter().map(|d| html! {
                    <div class={classes!("kraft-disk", (!d.alive).then_some("dead"))} data-testid="kraft-disk" data-node={d.node.to_string()}>
                        <h4><code>{ format!("controller-{}:{METADATA_DIR}/", d.node) }</code></h4>
                        if !d.alive { { el::el("p", "hint", T::KrDiskStopped.get(lang)) } }
                        <ul class="tree">
                            <li>
                                <code>{ format!("__cluster_metadata-0/{}", d.segment) }</code>
                                <span class="muted">{ format!(" — {}", tr(lang, T::KrDiskRecords, &[("n", d.records.to_string()), ("bytes", d.log_bytes.to_string())])) }</span>
                            </li>
                            { for d.checkpoints.iter().map(|(name, bytes)| html! {
                                <li data-testid="kraft-checkpoint">
                                    <code>{ format!("__cluster_metadata-0/{name}") }</code>
                                    <span class="muted">{ format!(" — {}", tr(lang, T::SnapCheckpointBytes, &[("bytes", bytes.to_string())])) }</span>
                                </li>
                            }) }
                            <li>{ el::el("code", "", "__cluster_metadata-0/quorum-state") }</li>
                            <li>
                                <details>
                                    <summary>{ el::el("code", "", "meta.properties") }</summary>
                                    <pre data-testid="meta-properties">{ &d.meta_properties }</pre>
                                </details>
                            </li>
                        </ul>
                    </div>
                }) }
            </div>
        </section>
    }
}
