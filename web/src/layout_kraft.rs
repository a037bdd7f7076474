//! Geometry of KRaft mode's drawing: the controller quorum's cards where ZooKeeper's box was,
//! each card's metadata-log bar, and the compact diagrams of the "compare eras" view.
//!
//! Pure functions of the numbers shown, so they are tested natively (as `layout.rs`).

use kafka_lab::kraft::view::{KraftView, RaftRole};

use crate::layout::Rect;

/// Gap between two controller cards.
const CARD_GAP: f64 = 10.0;
/// Widest a card gets (one controller does not fill the whole box).
const CARD_MAX_W: f64 = 200.0;
/// Top of the cards inside the quorum box (under its title line).
const CARDS_TOP: f64 = 32.0;

/// The controller cards inside the quorum box `r`, in the order of `ids`.
pub fn cards(r: Rect, ids: &[u32]) -> Vec<(u32, Rect)> {
    let n = ids.len().max(1) as f64;
    let w = ((r.w - 16.0 - CARD_GAP * (n - 1.0)) / n).min(CARD_MAX_W);
    let total = w * n + CARD_GAP * (n - 1.0);
    let x0 = r.cx() - total / 2.0;
    let h = r.h - CARDS_TOP - 8.0;
    ids.iter()
        .enumerate()
        .map(|(i, &id)| {
            (
                id,
                Rect {
                    x: x0 + i as f64 * (w + CARD_GAP),
                    y: r.y + CARDS_TOP,
                    w,
                    h,
                },
            )
        })
        .collect()
}

/// The metadata log bar of a node: the filled width for its log end offset and the x of the
/// high-watermark line, in a bar `w` wide where `max` (the longest log drawn) fills it.
pub fn log_bar(log_end: u64, hw: u64, max: u64, w: f64) -> (f64, f64) {
    if max == 0 {
        return (0.0, 0.0);
    }
    let at = |o: u64| (o.min(max) as f64 / max as f64) * w;
    (at(log_end), at(hw.min(log_end.max(hw))))
}

/// The longest metadata log among the controllers (and the HW): the bars' scale.
pub fn longest_log(k: &KraftView) -> u64 {
    k.controllers
        .iter()
        .map(|c| c.log_end_offset.max(c.high_watermark))
        .chain(k.brokers.iter().map(|b| b.metadata_offset))
        .max()
        .unwrap_or(0)
        .max(k.high_watermark)
}

/// CSS class / `data-role` value of a Raft role.
pub fn role_name(role: RaftRole) -> &'static str {
    match role {
        RaftRole::Leader => "leader",
        RaftRole::Follower => "follower",
        RaftRole::Candidate => "candidate",
        RaftRole::Prospective => "prospective",
        RaftRole::Unattached => "unattached",
        RaftRole::Resigned => "resigned",
        RaftRole::Dead => "dead",
    }
}

/// A role's shape, so it does not rest on colour alone: an SVG path centred on (0, 0), about
/// 12 units across. Leader a star, follower a circle, candidate a triangle, prospective a
/// hollow diamond, unattached a square, resigned a bar, dead a cross.
pub fn role_shape(role: RaftRole) -> &'static str {
    match role {
        RaftRole::Leader => {
            "M0,-7 L2,-2.2 7,-2.2 3,1 4.5,6.5 0,3.2 -4.5,6.5 -3,1 -7,-2.2 -2,-2.2 Z"
        }
        RaftRole::Follower => "M-5,0 A5,5 0 1,0 5,0 A5,5 0 1,0 -5,0 Z",
        RaftRole::Candidate => "M0,-6 L6,5 -6,5 Z",
        RaftRole::Prospective => "M0,-6 L6,0 0,6 -6,0 Z",
        RaftRole::Unattached => "M-5,-5 L5,-5 5,5 -5,5 Z",
        RaftRole::Resigned => "M-6,-2 L6,-2 6,2 -6,2 Z",
        RaftRole::Dead => "M-5,-5 L5,5 M5,-5 L-5,5",
    }
}

/// The two compact diagrams of the compare view, side by side in a box `w` wide (or one
/// under the other when `w` is narrower than `narrow`).
pub fn compare_panes(w: f64, h: f64, narrow: f64) -> [Rect; 2] {
    if w < narrow {
        [
            Rect {
                x: 0.0,
                y: 0.0,
                w,
                h,
            },
            Rect {
                x: 0.0,
                y: h + 12.0,
                w,
                h,
            },
        ]
    } else {
        let half = (w - 12.0) / 2.0;
        [
            Rect {
                x: 0.0,
                y: 0.0,
                w: half,
                h,
            },
            Rect {
                x: half + 12.0,
                y: 0.0,
                w: half,
                h,
            },
        ]
    }
}

/// Brokers of a compact diagram: `n` boxes in one row along the bottom of `r`.
pub fn compact_brokers(r: Rect, n: usize, top: f64) -> Vec<Rect> {
    let n = n.max(1);
    let gap = 8.0;
    let w = (r.w - 16.0 - gap * (n as f64 - 1.0)) / n as f64;
    (0..n)
        .map(|i| Rect {
            x: r.x + 8.0 + i as f64 * (w + gap),
            y: r.y + top,
            w,
            h: r.h - top - 8.0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{layout, MID_X, ZK_Y};
    use kafka_lab::kraft::view::ControllerNodeView;

    fn quorum_box() -> Rect {
        layout(&[(1, 3), (2, 3), (3, 3)]).zk
    }

    #[test]
    fn cards_sit_inside_the_quorum_box_without_overlapping() {
        for k in [1usize, 3, 5, 7] {
            let r = quorum_box();
            let ids: Vec<u32> = (3000..3000 + k as u32).collect();
            let c = cards(r, &ids);
            assert_eq!(c.len(), k);
            assert_eq!(c.iter().map(|x| x.0).collect::<Vec<_>>(), ids);
            for (_, card) in &c {
                assert!(card.x >= r.x && card.x + card.w <= r.x + r.w, "{card:?}");
                assert!(card.y > r.y + 20.0 && card.bottom() <= r.bottom());
                assert!(card.w <= CARD_MAX_W);
            }
            for w in c.windows(2) {
                assert!(w[0].1.x + w[0].1.w < w[1].1.x, "{:?}", w);
            }
            // Centred: as much room on the left as on the right.
            let left = c[0].1.x - r.x;
            let right = r.x + r.w - (c[k - 1].1.x + c[k - 1].1.w);
            assert!((left - right).abs() < 1e-6);
        }
        assert!(quorum_box().x == MID_X.0 && quorum_box().y == ZK_Y.0);
    }

    #[test]
    fn five_cards_are_wide_enough_for_their_short_lines() {
        // Three cards hold "epoch 12 · voted 3004" (21 columns of 11px monospace, 6.6 units)
        // beside their margins; five hold the narrow card's longest lines, "LEO 12345" and
        // "unattached" (10 columns), and are tall enough for its seven rows.
        let three = cards(quorum_box(), &[3000, 3001, 3002]);
        assert!(three[0].1.w - 20.0 >= 21.0 * 6.6, "{:?}", three[0].1);
        let five = cards(quorum_box(), &[3000, 3001, 3002, 3003, 3004]);
        assert!(five[0].1.w - 20.0 >= 10.0 * 6.6, "{:?}", five[0].1);
        assert!(five[0].1.h >= 116.0);
    }

    #[test]
    fn the_log_bar_shows_the_lag_behind_the_high_watermark() {
        assert_eq!(log_bar(0, 0, 0, 100.0), (0.0, 0.0));
        assert_eq!(log_bar(50, 40, 100, 100.0), (50.0, 40.0));
        // A follower behind the HW it was told: the HW line past its end shows the lag.
        let (end, hw) = log_bar(30, 40, 40, 120.0);
        assert!(end < hw);
        assert_eq!(hw, 120.0);
        // Never past the bar.
        assert_eq!(log_bar(500, 500, 100, 80.0), (80.0, 80.0));
    }

    #[test]
    fn the_longest_log_scales_every_bar() {
        let node = |id, leo, hw| ControllerNodeView {
            id,
            alive: true,
            role: RaftRole::Follower,
            epoch: 1,
            voted_for: None,
            log_end_offset: leo,
            high_watermark: hw,
            log_start_offset: 0,
            latest_snapshot: None,
            election_timeout_at: None,
        };
        let k = KraftView {
            controllers: vec![node(3000, 12, 10), node(3001, 9, 9)],
            high_watermark: 10,
            ..KraftView::default()
        };
        assert_eq!(longest_log(&k), 12);
        assert_eq!(longest_log(&KraftView::default()), 0);
    }

    #[test]
    fn every_role_has_its_own_shape_and_name() {
        use std::collections::BTreeSet;
        let roles = [
            RaftRole::Leader,
            RaftRole::Follower,
            RaftRole::Candidate,
            RaftRole::Prospective,
            RaftRole::Unattached,
            RaftRole::Resigned,
            RaftRole::Dead,
        ];
        let shapes: BTreeSet<_> = roles.iter().map(|r| role_shape(*r)).collect();
        let names: BTreeSet<_> = roles.iter().map(|r| role_name(*r)).collect();
        assert_eq!(shapes.len(), roles.len());
        assert_eq!(names.len(), roles.len());
    }

    #[test]
    fn compare_panes_go_side_by_side_or_stack() {
        let [a, b] = compare_panes(1000.0, 300.0, 700.0);
        assert!(a.x + a.w < b.x && a.y == b.y);
        let [a, b] = compare_panes(380.0, 300.0, 700.0);
        assert!(a.bottom() < b.y && a.x == b.x && a.w == 380.0);
        let r = Rect {
            x: 10.0,
            y: 0.0,
            w: 400.0,
            h: 200.0,
        };
        let bs = compact_brokers(r, 3, 100.0);
        assert_eq!(bs.len(), 3);
        assert!(bs.windows(2).all(|w| w[0].x + w[0].w < w[1].x));
        assert!(bs[2].x + bs[2].w <= r.x + r.w);
    }
}
