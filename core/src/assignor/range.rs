//! `RangeAssignor`: per topic, consecutive ranges for the sorted subscribed members.

use super::*;

pub(super) fn range(g: &Group) -> Vec<Vec<Part>> {
    // Sorting once and keeping each topic's subscribers in that order is the same as sorting
    // each topic's subscribers (the sort is stable, ties keep Java's member order).
    let sorted = g.sorted_members();
    let mut consumers: Vec<Member> = Vec::with_capacity(sorted.len());
    // Each member's ranges, topic by topic (member, first partition, count), and its total:
    // every member's list is then allocated once at its final size instead of growing topic
    // by topic.
    let mut ranges: Vec<(Member, Part, u32)> = Vec::new();
    let mut sizes = vec![0usize; g.members.len()];
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
            if count > 0 {
                ranges.push((m, next, count));
                sizes[m as usize] += count as usize;
            }
            next += count;
        }
    }
    let mut out: Vec<Vec<Part>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for (m, first, count) in ranges {
        out[m as usize].extend(first..first + count);
    }
    out
}
