//! `RangeAssignor`: per topic, consecutive ranges for the sorted subscribed members.

use super::*;

pub(super) fn range(g: &Group) -> Vec<Vec<Part>> {
    let mut out = g.empty_assignment();
    // Sorting once and keeping each topic's subscribers in that order is the same as sorting
    // each topic's subscribers (the sort is stable, ties keep Java's member order).
    let sorted = g.sorted_members();
    let mut consumers: Vec<Member> = Vec::with_capacity(sorted.len());
    for &topic in &g.topic_order {
        consumers.clear();
        consumers.extend(sorted.iter().copied().filter(|&m| g.subscribes(m, topic)));
        if consumers.is_empty() {
            continue;
        }
        let n = g.count[topic as usize];
        let c = consumers.len() as u32;
        let (each, extra) = (n / c, n % c);
        let mut next = g.base[topic as usize];
        for (i, &m) in consumers.iter().enumerate() {
            let count = each + u32::from((i as u32) < extra);
            out[m as usize].extend(next..next + count);
            next += count;
        }
    }
    out
}
