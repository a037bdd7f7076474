//! The lab's presets: each loss and duplicate case of the notes, as a script the page plays
//! step by step and `kafka-lab run` runs. The scripts live in `core/presets/` and are
//! embedded here; their golden transcripts are in `tests/scenarios/presets/`.

use crate::i18n::T;

/// One preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Its id (also its file name).
    pub id: &'static str,
    /// Its title.
    pub title: T,
    /// What it shows, in a few sentences.
    pub explain: T,
    /// The script.
    pub script: &'static str,
    /// What to notice at a step, in order: `(n, text)` is shown once the first `n` commands
    /// ran (empty for the presets that say it all in `explain`).
    pub notes: &'static [(usize, T)],
}

/// The KRaft presets (Kafka 4.1), listed as their own group in the page's preset menu, and the
/// ZooKeeper-era counterpart of the ELR case beside them.
pub const KRAFT_PRESETS: &[&str] = &[
    "kraft-controller-failover",
    "kraft-broker-fenced",
    "kraft-elr-keeps-acked",
    "zk-isr-only-goes-offline",
];

/// Every preset, in the order the page lists them.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "acks-0-never-hears-back",
        title: T::PresetAcks0Title,
        explain: T::PresetAcks0,
        script: include_str!("../presets/acks-0-never-hears-back.klab"),
        notes: &[],
    },
    Preset {
        id: "acks-1-leader-dies-first",
        title: T::PresetAcks1Title,
        explain: T::PresetAcks1,
        script: include_str!("../presets/acks-1-leader-dies-first.klab"),
        notes: &[],
    },
    Preset {
        id: "acks-all-isr-of-one",
        title: T::PresetIsrOneTitle,
        explain: T::PresetIsrOne,
        script: include_str!("../presets/acks-all-isr-of-one.klab"),
        notes: &[],
    },
    Preset {
        id: "min-insync-replicas-refuses",
        title: T::PresetMinIsrTitle,
        explain: T::PresetMinIsr,
        script: include_str!("../presets/min-insync-replicas-refuses.klab"),
        notes: &[],
    },
    Preset {
        id: "acks-all-duplicate",
        title: T::PresetDuplicateTitle,
        explain: T::PresetDuplicate,
        script: include_str!("../presets/acks-all-duplicate.klab"),
        notes: &[],
    },
    Preset {
        id: "idempotence-removes-the-duplicate",
        title: T::PresetIdempotenceTitle,
        explain: T::PresetIdempotence,
        script: include_str!("../presets/idempotence-removes-the-duplicate.klab"),
        notes: &[],
    },
    Preset {
        id: "producer-restart-duplicates-again",
        title: T::PresetRestartTitle,
        explain: T::PresetRestart,
        script: include_str!("../presets/producer-restart-duplicates-again.klab"),
        notes: &[],
    },
    Preset {
        id: "transactions-read-committed",
        title: T::PresetTxnTitle,
        explain: T::PresetTxn,
        script: include_str!("../presets/transactions-read-committed.klab"),
        notes: &[],
    },
    Preset {
        id: "log-collection-pipeline",
        title: T::PresetPipelineTitle,
        explain: T::PresetPipeline,
        script: include_str!("../presets/log-collection-pipeline.klab"),
        notes: &[],
    },
    Preset {
        id: "zk-single-kafka-single",
        title: T::PresetZk11Title,
        explain: T::PresetZk11,
        script: include_str!("../presets/zk-single-kafka-single.klab"),
        notes: &[],
    },
    Preset {
        id: "zk-single-kafka-multiple",
        title: T::PresetZk13Title,
        explain: T::PresetZk13,
        script: include_str!("../presets/zk-single-kafka-multiple.klab"),
        notes: &[],
    },
    Preset {
        id: "zk-multiple-kafka-multiple",
        title: T::PresetZk33Title,
        explain: T::PresetZk33,
        script: include_str!("../presets/zk-multiple-kafka-multiple.klab"),
        notes: &[],
    },
    Preset {
        id: "unclean-election",
        title: T::PresetUncleanTitle,
        explain: T::PresetUnclean,
        script: include_str!("../presets/unclean-election.klab"),
        notes: &[],
    },
    Preset {
        id: "pre-0.11-truncation-loses-acked",
        title: T::PresetHwTruncationTitle,
        explain: T::PresetHwTruncation,
        script: include_str!("../presets/pre-0.11-truncation-loses-acked.klab"),
        notes: &[],
    },
    Preset {
        id: "kip-101-keeps-it",
        title: T::PresetKip101Title,
        explain: T::PresetKip101,
        script: include_str!("../presets/kip-101-keeps-it.klab"),
        notes: &[],
    },
    Preset {
        id: "kraft-controller-failover",
        title: T::PresetKrFailoverTitle,
        explain: T::PresetKrFailover,
        script: include_str!("../presets/kraft-controller-failover.klab"),
        notes: &[
            (4, T::PresetKrFailoverN1),
            (6, T::PresetKrFailoverN2),
            (9, T::PresetKrFailoverN3),
        ],
    },
    Preset {
        id: "kraft-broker-fenced",
        title: T::PresetKrFencedTitle,
        explain: T::PresetKrFenced,
        script: include_str!("../presets/kraft-broker-fenced.klab"),
        notes: &[
            (6, T::PresetKrFencedN1),
            (8, T::PresetKrFencedN2),
            (12, T::PresetKrFencedN3),
        ],
    },
    Preset {
        id: "kraft-elr-keeps-acked",
        title: T::PresetKrElrTitle,
        explain: T::PresetKrElr,
        script: include_str!("../presets/kraft-elr-keeps-acked.klab"),
        notes: &[
            (3, T::PresetKrElrN1),
            (8, T::PresetKrElrN2),
            (10, T::PresetKrElrN3),
            (14, T::PresetKrElrN4),
        ],
    },
    Preset {
        id: "zk-isr-only-goes-offline",
        title: T::PresetKrZkOfflineTitle,
        explain: T::PresetKrZkOffline,
        script: include_str!("../presets/zk-isr-only-goes-offline.klab"),
        notes: &[(7, T::PresetKrZkOfflineN1), (12, T::PresetKrZkOfflineN2)],
    },
];

/// The preset with this id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// A preset's commands, without comments and blank lines.
pub fn commands(p: &Preset) -> Vec<&'static str> {
    p.script
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_point_at_steps_in_order_and_kraft_presets_exist() {
        for p in PRESETS {
            let n = commands(p).len();
            let mut last = 0;
            for &(at, _) in p.notes {
                assert!(at >= 1 && at <= n, "{}: note at {at} of {n} commands", p.id);
                assert!(at >= last, "{}: notes out of order", p.id);
                last = at;
            }
        }
        for id in KRAFT_PRESETS {
            assert!(preset(id).is_some_and(|p| !p.notes.is_empty()), "{id}");
        }
    }
}
