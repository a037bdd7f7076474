//! `Cluster::ledger_status_of(tp)` (what the replication tab's partition detail reads every
//! frame) says the same of each send as the whole ledger's `ledger_status()` — in the presets
//! where records are lost, duplicated and committed.

use kafka_lab::cli::Lab;
use kafka_lab::presets::{commands, PRESETS};

#[test]
fn one_partitions_ledger_status_is_the_whole_ledgers_entries_for_it() {
    let mut flagged = 0;
    for p in PRESETS {
        let mut lab = Lab::new(3, 7);
        for line in commands(p) {
            let _ = lab.execute(line);
        }
        let c = lab.cluster();
        let all = c.ledger_status();
        let mut tps: Vec<_> = all.iter().map(|s| s.entry.tp).collect();
        tps.sort();
        tps.dedup();
        for tp in &tps {
            let whole: Vec<_> = all.iter().filter(|s| &s.entry.tp == tp).cloned().collect();
            assert_eq!(c.ledger_status_of(tp), whole, "{} {tp}", p.id);
        }
        flagged += all.iter().filter(|s| s.lost || s.duplicated).count();
    }
    // The presets do lose and duplicate records: the comparison covered those flags too.
    assert!(flagged >= 2, "{flagged}");
}
