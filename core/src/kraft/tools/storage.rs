//! `kafka-storage.sh` (Kafka 4.1, `core/src/main/scala/kafka/tools/StorageTool.scala` and
//! `metadata/src/main/java/org/apache/kafka/metadata/storage/Formatter.java`) and the
//! `meta.properties` file `format` writes in each directory
//! (`metadata/.../properties/MetaProperties.java`, written by `PropertiesUtils`).

use crate::model::Uuid;

/// `random-uuid`: `Uuid.randomUuid` printed (22 characters of URL-safe base64) and a newline.
pub fn random_uuid_line(uuid: Uuid) -> String {
    format!("{uuid}\n")
}

/// What a directory is to `format` (`Formatter.DirectoryType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectoryType {
    /// A `log.dirs` entry that is not the metadata directory.
    Log,
    /// The metadata directory of a static quorum (`controller.quorum.voters`).
    StaticMetadata,
    /// The metadata directory of a node outside the initial controllers of a dynamic quorum.
    DynamicMetadataNonVoter,
    /// The metadata directory of an initial controller (`--standalone` /
    /// `--initial-controllers`).
    DynamicMetadataVoter,
}

impl DirectoryType {
    /// `DirectoryType.description`.
    pub fn description(self) -> &'static str {
        match self {
            DirectoryType::Log => "data directory",
            DirectoryType::StaticMetadata => "metadata directory",
            DirectoryType::DynamicMetadataNonVoter => "dynamic metadata directory",
            DirectoryType::DynamicMetadataVoter => "dynamic metadata voter directory",
        }
    }
}

/// Java's `String.hashCode`.
fn java_hash(s: &str) -> u32 {
    s.encode_utf16()
        .fold(0u32, |h, c| h.wrapping_mul(31).wrapping_add(u32::from(c)))
}

/// The order a small `java.util.HashMap<String, _>` iterates its keys in (16 buckets,
/// `hash ^ hash >>> 16`), ties in the given order: how `format` visits the directories.
fn java_hash_map_order<T>(items: &mut [(String, T)]) {
    crate::sort::by_key(items, |(k, _)| {
        let h = java_hash(k);
        (h ^ (h >> 16)) & 15
    });
}

/// `format`'s lines: "Formatting metadata directory /var/lib/kafka/data with
/// metadata.version 4.1-IV1." for each directory, in the order Kafka's `HashMap` visits them.
pub fn format_lines(dirs: &[(String, DirectoryType)], release_version: &str) -> String {
    let mut dirs = dirs.to_vec();
    java_hash_map_order(&mut dirs);
    dirs.iter()
        .map(|(path, t)| {
            format!(
                "Formatting {} {path} with metadata.version {release_version}.\n",
                t.description()
            )
        })
        .collect()
}

/// `java.util.Date.toString` in UTC: `Mon Dec 07 05:09:52 UTC 2026`.
pub fn java_date_utc(epoch_ms: u64) -> String {
    let secs = epoch_ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (h, m, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {} {day:02} {h:02}:{m:02}:{s:02} UTC {year}",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(month - 1) as usize]
    )
}

/// `meta.properties` as `format` writes it (version 1): `Properties.store` with an empty
/// comment (`#`), the date line, then the keys in the order its hash table holds them —
/// `node.id`, `directory.id`, `version`, `cluster.id` (the same for a broker and a
/// controller; only the values differ).
pub fn meta_properties(
    node_id: u32,
    directory_id: Uuid,
    cluster_id: &str,
    written_at_ms: u64,
) -> String {
    let mut keys = vec![
        ("version".to_string(), "1".to_string()),
        ("cluster.id".to_string(), cluster_id.to_string()),
        ("node.id".to_string(), node_id.to_string()),
        ("directory.id".to_string(), directory_id.to_string()),
    ];
    java_hash_map_order(&mut keys);
    let mut out = format!("#\n#{}\n", java_date_utc(written_at_ms));
    for (k, v) in keys {
        out.push_str(&format!("{k}={v}\n"));
    }
    out
}
