//! The page ↔ core boundary: the page (web/) reads the simulation only through `core::view`
//! snapshots, typed outcomes and `Cluster`'s value accessors. `Cluster`'s node accessors are
//! crate-private, so the compiler refuses the rest; the one door left open is the
//! `#[doc(hidden)]` `kafka_lab::cluster::testing` module for core's integration tests and
//! benchmark, which the page must never use.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_page_never_uses_the_test_accessors() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src");
    let mut files = Vec::new();
    rust_files(&web, &mut files);
    assert!(files.len() > 20, "web/src not found at {}", web.display());
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).expect("readable file");
            text.contains("cluster::testing") || text.contains("testing::")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "the page reads core::view, not kafka_lab::cluster::testing: {offenders:?}"
    );
}
