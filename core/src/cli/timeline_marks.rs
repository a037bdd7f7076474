//! The timeline's marks: the commands and the notable events of the live generation, cached
//! as the live point moves so long runs stay cheap.

use super::{Mark, MarkKind, Position};
use crate::cli::Lab;
use crate::event::Event;

fn notable(e: &Event) -> Option<MarkKind> {
    use MarkKind::*;
    Some(match e {
        Event::BrokerKilled { .. } => BrokerKilled,
        Event::BrokerStarted { .. } => BrokerStarted,
        Event::ControllerElected { .. } => ControllerElected,
        Event::LeaderElected { .. } => LeaderElected,
        Event::PartitionOffline { .. } => PartitionOffline,
        Event::IsrShrunk { .. } | Event::IsrShrunkByLeader { .. } => IsrShrunk,
        Event::IsrExpanded { .. } => IsrExpanded,
        Event::Truncated { .. } => Truncated,
        Event::DuplicateBatch { .. } => Duplicate,
        Event::GroupRebalanceStarted { .. } => Rebalance,
        Event::ZkServerKilled { .. }
        | Event::ZkServerStarted { .. }
        | Event::ZkQuorumLost { .. }
        | Event::ZkLeaderElected { .. } => ZkQuorum,
        Event::SessionExpired { .. } => SessionExpired,
        Event::InvariantBroken { .. } => InvariantBroken,
        _ => return None,
    })
}

impl Lab {
    /// Adds marks for the event log entries not yet looked at (the state is live).
    pub(super) fn extend_marks(&mut self, generation: Option<usize>) {
        let m = &mut self.tl.marks;
        if m.generation != generation || m.log_len > self.log_pos.len() {
            m.generation = generation;
            m.log_len = 0;
            m.marks.clear();
        }
        let log = self.cluster.log();
        let end = log.len().min(self.log_pos.len());
        for (l, &pos) in log[..end].iter().zip(&self.log_pos[..end]).skip(m.log_len) {
            if let Some(kind) = notable(&l.event) {
                m.marks.push(Mark {
                    pos,
                    at: l.at,
                    kind,
                    class: Some(l.event.kind()),
                    command: None,
                    event: Some(l.event.clone()),
                });
            }
        }
        m.log_len = log.len().min(self.log_pos.len());
    }

    /// The timeline's marks for the live generation (after the last `brokers`/`seed`):
    /// its commands and notable events, in order.
    pub fn marks(&self) -> Vec<Mark> {
        let from = self.tl.marks.generation.map_or(0, |g| g + 1);
        let mut out: Vec<Mark> = self
            .journal
            .iter()
            .enumerate()
            .skip(from)
            .map(|(i, e)| Mark {
                pos: Position {
                    commands: i,
                    processed: e.processed,
                    at: e.at,
                },
                at: e.at,
                kind: MarkKind::Command,
                class: None,
                command: Some((i, e.line.clone())),
                event: None,
            })
            .collect();
        out.extend(self.tl.marks.marks.iter().cloned());
        crate::sort::by_key(&mut out, |m| (m.pos, m.kind != MarkKind::Command));
        out
    }
}
