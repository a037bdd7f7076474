//! The rebalance timeline: members' lanes over virtual time, eager vs cooperative rebalances.

use crate::cluster::Cluster;
use crate::sim::Millis;

/// One stretch of a consumer's lane in the rebalance timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneSegment {
    /// From (virtual ms).
    pub from: Millis,
    /// To (virtual ms; the window's end for the current stretch).
    pub to: Millis,
    /// The partitions it held, `orders-0` style.
    pub owned: Vec<String>,
    /// What it was doing.
    pub phase: crate::cluster::ownership::Phase,
}

/// A consumer's lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// Client id.
    pub client: String,
    /// Its stretches inside the window, oldest first.
    pub segments: Vec<LaneSegment>,
}

/// A group's rebalances and its members' partitions over a window of virtual time: eager
/// rebalances show as every lane stopping, cooperative ones as only moved partitions pausing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RebalanceTimeline {
    /// The window's start.
    pub from: Millis,
    /// The window's end (now).
    pub to: Millis,
    /// One lane per consumer of the group, in order of first appearance.
    pub lanes: Vec<Lane>,
    /// Rebalances (start, end if it completed, the generation it produced).
    pub rebalances: Vec<(Millis, Option<Millis>, Option<i32>)>,
}

/// The rebalance timeline of `group` over the last `window` ms.
pub fn rebalance_timeline(cluster: &Cluster, group: &str, window: Millis) -> RebalanceTimeline {
    use crate::cluster::ownership::Phase;
    use crate::event::Event;
    let to = cluster.now();
    let from = to.saturating_sub(window);
    let mut lanes: Vec<Lane> = Vec::new();
    for ch in cluster.ownership.changes().filter(|c| c.group == group) {
        let i = match lanes.iter().position(|l| l.client == ch.client) {
            Some(i) => i,
            None => {
                lanes.push(Lane {
                    client: ch.client.clone(),
                    segments: Vec::new(),
                });
                lanes.len() - 1
            }
        };
        let segs = &mut lanes[i].segments;
        if let Some(last) = segs.last_mut() {
            last.to = ch.at;
        }
        segs.push(LaneSegment {
            from: ch.at,
            to,
            owned: ch.owned.iter().map(|t| t.to_string()).collect(),
            phase: ch.phase,
        });
    }
    for l in &mut lanes {
        l.segments
            .retain(|s| s.to > from && s.phase != Phase::Closed && s.to > s.from);
        for s in &mut l.segments {
            s.from = s.from.max(from);
        }
    }
    lanes.retain(|l| !l.segments.is_empty());
    let mut rebalances: Vec<(Millis, Option<Millis>, Option<i32>)> = Vec::new();
    for e in cluster.log() {
        match &e.event {
            Event::GroupRebalanceStarted { group: g, .. } if g == group => {
                if rebalances.last().is_none_or(|r| r.1.is_some()) {
                    rebalances.push((e.at, None, None));
                }
            }
            Event::GroupRebalanceCompleted {
                group: g,
                generation,
                ..
            } if g == group => match rebalances.last_mut() {
                Some(r) if r.1.is_none() => {
                    r.1 = Some(e.at);
                    r.2 = Some(*generation);
                }
                _ => rebalances.push((e.at, Some(e.at), Some(*generation))),
            },
            _ => {}
        }
    }
    rebalances.retain(|r| r.1.is_none_or(|end| end >= from));
    RebalanceTimeline {
        from,
        to,
        lanes,
        rebalances,
    }
}
