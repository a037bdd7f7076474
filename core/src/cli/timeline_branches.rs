//! Branches: a command given in the past forks (the old future is kept), `branch K` switches,
//! `undo` drops the last command.

use super::{Branch, MarkCache, Position};
use crate::cli::{JournalEntry, Lab};
use crate::i18n::{tr, T};

use super::BranchInfo;

impl Lab {
    /// If the state is in the past: the old future (if it has commands ahead) is kept as a
    /// new branch and the current branch is cut at the current point. Returns the kept
    /// branch's id.
    pub(super) fn fork_here(&mut self) -> Option<usize> {
        if self.is_live() {
            return None;
        }
        let pos = self.position();
        // The old future is kept whenever there is one: later commands, or only time that
        // passed (what happened in it is lost otherwise).
        let kept = if self.applied < self.journal.len() || self.tl.live > pos {
            let id = self.tl.next_id;
            self.tl.next_id += 1;
            self.tl.branches.push(Branch {
                id,
                journal: self.journal.clone(),
                live: self.tl.live,
                transcript: self.tl.transcript.clone(),
                snaps: self.tl.snaps.clone(),
                marks: self.tl.marks.clone(),
            });
            Some(id)
        } else {
            None
        };
        self.cut_here(pos);
        kept
    }

    /// Drops everything of the current branch after `pos` (the current point).
    fn cut_here(&mut self, pos: Position) {
        self.journal.truncate(self.applied);
        self.tl.reset_scan.set((0, None));
        self.tl.live = pos;
        let n = self.tl.transcript.partition_point(|t| t.pos <= pos);
        self.tl.transcript.truncate(n);
        self.tl.snaps.retain(|s| s.pos <= pos);
        // The marks of the generation the state is in, from its event log.
        self.tl.marks = MarkCache::default();
        let g = self.generation(self.applied);
        self.extend_marks(g);
    }

    /// Every branch, the current one included, by id.
    pub fn branches(&self) -> Vec<BranchInfo> {
        let cur = &self.journal;
        let mut out: Vec<BranchInfo> = self
            .tl
            .branches
            .iter()
            .map(|b| {
                let d = b
                    .journal
                    .iter()
                    .zip(cur.iter())
                    .take_while(|(a, c)| a == c)
                    .count();
                BranchInfo {
                    id: b.id,
                    diverges_at: d,
                    first_line: b.journal.get(d).map(|e| e.line.clone()),
                    commands: b.journal.len(),
                    live: b.live,
                    current: false,
                }
            })
            .collect();
        out.push(BranchInfo {
            id: self.tl.current,
            diverges_at: cur.len(),
            first_line: None,
            commands: cur.len(),
            live: self.tl.live,
            current: true,
        });
        crate::sort::by_key(&mut out, |b| b.id);
        out
    }

    /// Makes branch `id` current (the current one is kept as a branch); the state goes to
    /// its live point.
    pub fn switch_branch(&mut self, id: usize) -> Result<(), String> {
        if id == self.tl.current {
            let live = self.tl.live;
            self.seek(live);
            return Ok(());
        }
        let Some(i) = self.tl.branches.iter().position(|b| b.id == id) else {
            return Err(tr(self.lang, T::TmNoBranch, &[("k", id.to_string())]));
        };
        let b = self.tl.branches.remove(i);
        let old = Branch {
            id: self.tl.current,
            journal: std::mem::replace(&mut self.journal, b.journal),
            live: std::mem::replace(&mut self.tl.live, b.live),
            transcript: std::mem::replace(&mut self.tl.transcript, b.transcript),
            snaps: std::mem::replace(&mut self.tl.snaps, b.snaps),
            marks: std::mem::replace(&mut self.tl.marks, b.marks),
        };
        self.tl.branches.push(old);
        self.tl.reset_scan.set((0, None));
        self.tl.current = id;
        let live = self.tl.live;
        self.seek_fresh(live);
        Ok(())
    }

    /// Back to just before the last command applied, which is dropped with everything after
    /// it (the dropped future is not kept; `rewind` keeps it). Returns the dropped command.
    pub fn undo(&mut self) -> Option<JournalEntry> {
        let k = self.applied.checked_sub(1)?;
        let e = self.journal[k].clone();
        self.seek(Position {
            commands: k,
            processed: e.processed,
            at: e.at,
        });
        let pos = self.position();
        self.cut_here(pos);
        Some(e)
    }
}
