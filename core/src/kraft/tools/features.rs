//! `kafka-features.sh --bootstrap-server H:P describe` (Kafka 4.1,
//! `tools/src/main/java/org/apache/kafka/tools/FeatureCommand.java`, `handleDescribe`).

/// One feature as `describeFeatures` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureRow {
    /// e.g. `metadata.version`.
    pub name: String,
    /// The broker's supported range.
    pub supported_min: i16,
    /// The broker's supported range.
    pub supported_max: i16,
    /// The cluster's finalized level (0 when not finalized).
    pub finalized: i16,
}

/// `metadata.version` levels by name (`MetadataVersion`, 3.3-IV3 = 7 … 4.1-IV1 = 27 — the
/// latest production in 4.1 — and the unstable 4.2 levels).
pub const METADATA_VERSIONS: &[(i16, &str)] = &[
    (7, "3.3-IV3"),
    (8, "3.4-IV0"),
    (9, "3.5-IV0"),
    (10, "3.5-IV1"),
    (11, "3.5-IV2"),
    (12, "3.6-IV0"),
    (13, "3.6-IV1"),
    (14, "3.6-IV2"),
    (15, "3.7-IV0"),
    (16, "3.7-IV1"),
    (17, "3.7-IV2"),
    (18, "3.7-IV3"),
    (19, "3.7-IV4"),
    (20, "3.8-IV0"),
    (21, "3.9-IV0"),
    (22, "4.0-IV0"),
    (23, "4.0-IV1"),
    (24, "4.0-IV2"),
    (25, "4.0-IV3"),
    (26, "4.1-IV0"),
    (27, "4.1-IV1"),
    (28, "4.2-IV0"),
    (29, "4.2-IV1"),
];

/// `metadata.version` 4.1-IV1: what `kafka-storage.sh format` bootstraps in Kafka 4.1.
pub const METADATA_VERSION_4_1_IV1: i16 = 27;

/// `FeatureCommand.levelToString`: `metadata.version` levels by name, others as numbers.
pub fn level_to_string(feature: &str, level: i16) -> String {
    if feature == "metadata.version" {
        return METADATA_VERSIONS
            .iter()
            .find(|(l, _)| *l == level)
            .map_or_else(|| format!("UNKNOWN {level}"), |(_, n)| n.to_string());
    }
    level.to_string()
}

/// What a Kafka 4.1 broker supports (`QuorumFeatures.defaultSupportedFeatureMap`: every
/// production feature whose latest production level is above 0 — `streams.version` is 0 in
/// 4.1, so it is absent) and what a cluster formatted by 4.1 finalizes
/// (`Feature.defaultLevel` for metadata.version 4.1-IV1: the highest level whose bootstrap
/// version is ≤ 4.1-IV1; `share.version` 1 needs 4.2-IV0, so 0). `kraft_version` is 1 for a
/// dynamic quorum (`format --standalone` / `--initial-controllers`), 0 for a static
/// `controller.quorum.voters`.
pub fn kafka_41_features(kraft_version: i16) -> Vec<FeatureRow> {
    let f = |name: &str, max: i16, finalized: i16| FeatureRow {
        name: name.to_string(),
        supported_min: 0,
        supported_max: max,
        finalized,
    };
    vec![
        f("eligible.leader.replicas.version", 1, 1),
        f("group.version", 1, 1),
        f("kraft.version", 1, kraft_version),
        FeatureRow {
            name: "metadata.version".to_string(),
            supported_min: 7,
            supported_max: METADATA_VERSION_4_1_IV1,
            finalized: METADATA_VERSION_4_1_IV1,
        },
        f("share.version", 1, 0),
        f("transaction.version", 2, 2),
    ]
}

/// The `describe` lines, features sorted by name; `epoch` is the finalized features' epoch
/// (the metadata offset the broker's image is at), `None` prints `-`.
pub fn describe(features: &[FeatureRow], epoch: Option<i64>) -> String {
    let mut sorted: Vec<&FeatureRow> = features.iter().collect();
    crate::sort::by(&mut sorted, |a, b| a.name.cmp(&b.name));
    let epoch = epoch.map_or_else(|| "-".to_string(), |e| e.to_string());
    let mut out = String::new();
    for f in sorted {
        out.push_str(&format!(
            "Feature: {}\tSupportedMinVersion: {}\tSupportedMaxVersion: {}\tFinalizedVersionLevel: {}\tEpoch: {}\n",
            f.name,
            level_to_string(&f.name, f.supported_min),
            level_to_string(&f.name, f.supported_max),
            level_to_string(&f.name, f.finalized),
            epoch
        ));
    }
    out
}
