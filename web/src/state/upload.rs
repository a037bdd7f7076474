//! A real Kafka file given to the page (a `.log` segment, an `.index`): decoded for the
//! storage tab, with a clear error when it is not what it claims.

use kafka_lab::storage::batch::{decode_log, LogFile};
use kafka_lab::storage::segment::{parse_index, IndexEntry};

use super::Ui;

/// A real Kafka file given to the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Upload {
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub size: usize,
    /// What was read from it (a `.log`), with records.
    pub log: Option<LogFile>,
    /// Its index entries (an `.index`, or the `.index` uploaded beside the `.log`).
    pub index: Vec<IndexEntry>,
    /// The base offset its name says.
    pub base: i64,
    /// Why it could not be read, if it could not.
    pub error: Option<String>,
}

/// Reads an uploaded file: a `.log` is decoded (and gets the `.index` uploaded beside it, if
/// any); an `.index` is read and attached to the `.log` of the same name, if that came first.
pub(super) fn read_upload(ui: &mut Ui, name: &str, bytes: Vec<u8>) -> Upload {
    let size = bytes.len();
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s).to_string();
    let base = stem.parse::<i64>().unwrap_or(0);
    let mut up = Upload {
        name: name.to_string(),
        size,
        log: None,
        index: Vec::new(),
        base,
        error: None,
    };
    if let Err(e) = ui.lab.borrow_mut().upload(name, bytes) {
        up.error = Some(e);
        return up;
    }
    let lab = ui.lab.borrow();
    if name.ends_with(".index") {
        up.index = parse_index(lab.uploaded(name).unwrap_or_default(), base);
        // Attach to the .log uploaded before it.
        if let Some(prev) = ui
            .upload
            .as_ref()
            .filter(|u| u.name == format!("{stem}.log"))
        {
            let mut with = (**prev).clone();
            with.index = up.index;
            return with;
        }
        return up;
    }
    let bytes = lab.uploaded(name).unwrap_or_default();
    let file = decode_log(bytes, true);
    if file.batches.is_empty() {
        up.error = Some(match &file.error {
            Some(e) => format!("{name}: not a Kafka log segment: {e}"),
            None if size >= 12 => format!(
                "{name}: not a Kafka log segment: at byte 8: the first batch says it is {} bytes long, but the file has {size} (a .log file is a sequence of record batches: base offset, length, epoch, magic 2 …)",
                i64::from(i32::from_be_bytes([bytes[8], bytes[9], bytes[10], bytes[11]])) + 12
            ),
            None => format!(
                "{name}: not a Kafka log segment: at byte 0: {size} bytes cannot hold a record batch (a .log file is a sequence of record batches: base offset, length, epoch, magic 2 …)"
            ),
        });
    }
    if let Some(idx) = lab.uploaded(&format!("{stem}.index")) {
        up.index = parse_index(idx, base);
    }
    up.log = Some(file);
    up
}
