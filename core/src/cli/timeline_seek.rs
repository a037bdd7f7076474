//! Seeking on the tape: snapshots of the lab's state (taken every few thousand items,
//! restored to go back), `seek` / `seek_time` / `step_back` / `rewind_events`, and the
//! generation cache that says which `brokers` / `seed` command a point belongs to.

use super::*;

impl Lab {
    /// The journal index of the `brokers`/`seed` command that started the generation the
    /// first `applied` commands end in.
    ///
    /// The live point moves after every command and every frame, so the answer is cached:
    /// only the entries added since the last call are looked at (the cache is dropped when the
    /// journal is cut or replaced; a call further back scans from the start). Scanning the
    /// whole journal each time cost a page with a producer stream 10% of its frame time.
    pub(super) fn generation(&self, applied: usize) -> Option<usize> {
        let applied = applied.min(self.journal.len());
        let (upto, last) = self.tl.reset_scan.get();
        if applied < upto {
            return self.journal[..applied]
                .iter()
                .rposition(|e| is_reset(&e.line));
        }
        let found = self.journal[upto..applied]
            .iter()
            .rposition(|e| is_reset(&e.line))
            .map(|i| i + upto)
            .or(last);
        self.tl.reset_scan.set((applied, found));
        found
    }

    /// The fewest items between two snapshots for a cluster of this size: a snapshot clones
    /// every replica's log and state, so in a big cluster taking one every
    /// [`SNAPSHOT_EVERY`] items cost more than the items themselves (a 64-broker, 3,000-replica
    /// cluster at ×100 spent a twentieth of the page's main thread cloning itself, in the long
    /// frames, and still 6% at 10 items per replica). [`SNAPSHOTS_ITEMS_PER_REPLICA`] items per replica keeps the cloning a small
    /// share of the simulation, and a seek replays at most that many items more.
    pub(in crate::cli) fn snapshot_floor(&self) -> u64 {
        let replicas: usize = self
            .cluster
            .brokers()
            .values()
            .map(|b| b.replica_manager.logs.len())
            .sum();
        replicas as u64 * SNAPSHOTS_ITEMS_PER_REPLICA
    }

    /// A clone of the state alone (no journal, no timeline).
    pub(super) fn snapshot(&mut self) -> Snapshot {
        let journal = std::mem::take(&mut self.journal);
        let tl = std::mem::take(&mut self.tl);
        let uploads = std::mem::take(&mut self.host_files.uploads);
        let lab = Rc::new(self.clone());
        self.journal = journal;
        self.tl = tl;
        self.host_files.uploads = uploads;
        let weight =
            self.cluster.log().len() as u64 + 2 * self.cluster.ledger.sends.len() as u64 + 1_000;
        Snapshot {
            pos: self.position(),
            lab,
            weight,
        }
    }

    /// Puts the state of a snapshot in place (settings such as the language stay).
    pub(super) fn restore(&mut self, snap: &Snapshot) {
        let s: &Lab = &snap.lab;
        self.cluster = s.cluster.clone();
        self.seed = s.seed;
        self.brokers = s.brokers;
        self.zookeepers = s.zookeepers;
        self.kraft = s.kraft;
        self.console = s.console.clone();
        self.applied = s.applied;
        self.log_pos = s.log_pos.clone();
    }

    /// Puts the state exactly where the run was at `target` (clamped to the run: from its
    /// start to live). A point between two items or inside a command that runs items
    /// itself is not a state of the run: the state stops at the next one after it.
    pub fn seek(&mut self, target: Position) {
        let target = target.min(self.tl.live).max(self.start());
        let here = self.position();
        let snap = self
            .tl
            .snaps
            .iter()
            .rev()
            .find(|s| s.pos <= target)
            .cloned();
        match snap {
            Some(s) if here > target || s.pos > here => self.restore(&s),
            _ => {}
        }
        self.forward_to(target);
    }

    /// Like [`Lab::seek`], always starting from a snapshot (the state may be on another
    /// branch's tape).
    pub(super) fn seek_fresh(&mut self, target: Position) {
        if let Some(s) = self
            .tl
            .snaps
            .iter()
            .rev()
            .find(|s| s.pos <= target)
            .cloned()
        {
            self.restore(&s);
        }
        self.forward_to(target);
    }

    /// Runs forward along the tape to `target`, never past the next command's point or live.
    pub(super) fn forward_to(&mut self, target: Position) {
        while self.applied < self.journal.len() && target.commands > self.applied {
            let _ = self.apply_entry(self.applied, false);
        }
        let (mut at, mut processed) = (target.at, target.processed);
        let bound = match self.journal.get(self.applied) {
            Some(e) => Some((e.at, e.processed)),
            None if self.tl.live.commands == self.applied => {
                Some((self.tl.live.at, self.tl.live.processed))
            }
            None => None,
        };
        if let Some((a, p)) = bound {
            at = at.min(a);
            processed = processed.min(p);
        }
        if processed > self.cluster.processed() || at > self.cluster.now() {
            self.cluster.run_to(at, processed);
        }
        self.moved();
    }

    /// Goes to virtual time `at` in the live generation (after the last `brokers`/`seed`):
    /// the commands given up to `at` applied, the items due by then handled.
    pub fn seek_time(&mut self, at: Millis) {
        let from = self.generation(self.journal.len()).map_or(0, |g| g + 1);
        let commands = from
            + self.journal[from..]
                .iter()
                .take_while(|e| e.at <= at)
                .count();
        // Items due by `at`, but never more than the run handled: in the stretch after the
        // last command, a time before live with no item since must not order after live.
        let live = self.tl.live;
        let processed = if commands == live.commands && at < live.at {
            live.processed
        } else {
            u64::MAX
        };
        self.seek(Position {
            commands,
            processed,
            at,
        });
    }

    /// One logged event back: to just before the last event logged before the current
    /// point. Returns false if there is none in this cluster.
    pub fn step_back(&mut self) -> bool {
        self.rewind_events(1)
    }

    /// `n` logged events back (events logged at the same point count once). Returns false
    /// if there were fewer (the state then goes to just before the first one).
    pub fn rewind_events(&mut self, n: usize) -> bool {
        let here = self.position();
        let mut seen = 0;
        let mut target = None;
        for &p in self.log_pos.iter().rev() {
            if p < here && target != Some(p) {
                target = Some(p);
                seen += 1;
                if seen == n {
                    break;
                }
            }
        }
        match target {
            Some(t) if n > 0 => {
                self.seek(t);
                seen == n
            }
            _ => false,
        }
    }
}

impl Lab {
    /// The state a time-machine snapshot taken now holds (for `examples/snapshot_bench.rs`,
    /// which times them, and the tests of what snapshots share).
    #[doc(hidden)]
    #[inline(never)]
    pub fn snapshot_state(&mut self) -> Rc<Lab> {
        self.snapshot().lab
    }

    /// Puts a state from [`Lab::snapshot_state`] in place, as a seek does.
    #[cfg(test)]
    pub(crate) fn restore_state(&mut self, lab: &Rc<Lab>) {
        let snap = Snapshot {
            pos: lab.position(),
            lab: Rc::clone(lab),
            weight: 0,
        };
        self.restore(&snap);
    }
}
