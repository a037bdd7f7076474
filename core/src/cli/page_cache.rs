//! `page-cache`: each broker machine's OS page cache (see `storage::page_cache`), and the two
//! things an operator does to it: `sync; echo 1 > /proc/sys/vm/drop_caches` (a cold cache, as
//! after a reboot) and a different memory size.

use super::args::{flag, parse, value};
use crate::cluster::Cluster;
use crate::model::BrokerId;
use crate::storage::page_cache::{MAX_MAX_PAGES, PAGE_SIZE};

/// `page-cache [--broker B] [--drop] [--max-pages N]`.
pub fn run(cluster: &mut Cluster, rest: &[String]) -> Result<String, String> {
    let p = parse(rest, &[value("broker"), flag("drop"), value("max-pages")])?;
    p.only_options("page-cache: ")?;
    let only: Option<BrokerId> = p.number("broker")?;
    if let Some(b) = only {
        if !cluster.brokers.contains_key(&b) {
            return Err(format!("page-cache: there is no broker {b}"));
        }
    }
    let max: Option<usize> = p.number("max-pages")?;
    if let Some(m) = max {
        if !(1..=MAX_MAX_PAGES).contains(&m) {
            return Err(format!(
                "page-cache: --max-pages takes 1 to {MAX_MAX_PAGES} pages of {PAGE_SIZE} bytes"
            ));
        }
    }
    let now = cluster.now();
    let mut out = String::new();
    for b in cluster.brokers.values_mut() {
        if only.is_some_and(|o| o != b.id) {
            continue;
        }
        let c = &mut b.page_cache;
        c.writeback(now);
        if p.has("drop") {
            let n = c.drop_caches(now);
            out += &format!(
                "broker-{}: sync; echo 1 > /proc/sys/vm/drop_caches ({n} pages dropped)\n",
                b.id
            );
        }
        if let Some(m) = max {
            c.set_max_pages(m, now);
        }
        let s = c.stats;
        out += &format!(
            "broker-{}: {}/{} pages cached ({} dirty), hits {} misses {}, written {} B, flushed {} pages, evicted {}\n",
            b.id,
            c.cached_pages(),
            c.max_pages(),
            c.dirty_pages(now),
            s.hit_pages,
            s.miss_pages,
            s.written_bytes,
            s.flushed_pages,
            s.evicted_pages
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::cli::Lab;

    #[test]
    fn bad_input_is_one_clear_line() {
        let mut lab = Lab::new(3, 1);
        for (line, want) in [
            ("page-cache --max-pages 0", "--max-pages takes 1 to 65536"),
            (
                "page-cache --max-pages lots",
                "Cannot parse argument 'lots'",
            ),
            ("page-cache --broker 9", "there is no broker 9"),
            ("page-cache now", "unexpected argument 'now'"),
            ("page-cache --flush", "flush is not a recognized option"),
        ] {
            let e = lab.execute(line).unwrap_err();
            assert!(e.contains(want), "{line}: {e}");
            assert!(!e.contains('\n'), "{line}: {e}");
        }
        let out = lab.execute("page-cache --broker 2 --max-pages 8").unwrap();
        assert_eq!(out.lines().count(), 1);
        assert!(out.starts_with("broker-2: 0/8 pages cached"), "{out}");
    }
}
