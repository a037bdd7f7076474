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
}

/// Every preset, in the order the page lists them.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "acks-0-never-hears-back",
        title: T::PresetAcks0Title,
        explain: T::PresetAcks0,
        script: include_str!("../presets/acks-0-never-hears-back.klab"),
    },
    Preset {
        id: "acks-1-leader-dies-first",
        title: T::PresetAcks1Title,
        explain: T::PresetAcks1,
        script: include_str!("../presets/acks-1-leader-dies-first.klab"),
    },
    Preset {
        id: "acks-all-isr-of-one",
        title: T::PresetIsrOneTitle,
        explain: T::PresetIsrOne,
        script: include_str!("../presets/acks-all-isr-of-one.klab"),
    },
    Preset {
        id: "min-insync-replicas-refuses",
        title: T::PresetMinIsrTitle,
        explain: T::PresetMinIsr,
        script: include_str!("../presets/min-insync-replicas-refuses.klab"),
    },
    Preset {
        id: "acks-all-duplicate",
        title: T::PresetDuplicateTitle,
        explain: T::PresetDuplicate,
        script: include_str!("../presets/acks-all-duplicate.klab"),
    },
    Preset {
        id: "idempotence-removes-the-duplicate",
        title: T::PresetIdempotenceTitle,
        explain: T::PresetIdempotence,
        script: include_str!("../presets/idempotence-removes-the-duplicate.klab"),
    },
    Preset {
        id: "producer-restart-duplicates-again",
        title: T::PresetRestartTitle,
        explain: T::PresetRestart,
        script: include_str!("../presets/producer-restart-duplicates-again.klab"),
    },
    Preset {
        id: "transactions-read-committed",
        title: T::PresetTxnTitle,
        explain: T::PresetTxn,
        script: include_str!("../presets/transactions-read-committed.klab"),
    },
    Preset {
        id: "log-collection-pipeline",
        title: T::PresetPipelineTitle,
        explain: T::PresetPipeline,
        script: include_str!("../presets/log-collection-pipeline.klab"),
    },
    Preset {
        id: "zk-single-kafka-single",
        title: T::PresetZk11Title,
        explain: T::PresetZk11,
        script: include_str!("../presets/zk-single-kafka-single.klab"),
    },
    Preset {
        id: "zk-single-kafka-multiple",
        title: T::PresetZk13Title,
        explain: T::PresetZk13,
        script: include_str!("../presets/zk-single-kafka-multiple.klab"),
    },
    Preset {
        id: "zk-multiple-kafka-multiple",
        title: T::PresetZk33Title,
        explain: T::PresetZk33,
        script: include_str!("../presets/zk-multiple-kafka-multiple.klab"),
    },
    Preset {
        id: "unclean-election",
        title: T::PresetUncleanTitle,
        explain: T::PresetUnclean,
        script: include_str!("../presets/unclean-election.klab"),
    },
    Preset {
        id: "pre-0.11-truncation-loses-acked",
        title: T::PresetHwTruncationTitle,
        explain: T::PresetHwTruncation,
        script: include_str!("../presets/pre-0.11-truncation-loses-acked.klab"),
    },
    Preset {
        id: "kip-101-keeps-it",
        title: T::PresetKip101Title,
        explain: T::PresetKip101,
        script: include_str!("../presets/kip-101-keeps-it.klab"),
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
