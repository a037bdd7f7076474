//! Geometry of the cluster diagram: where each box goes and where a message flies.
//!
//! Pure functions of the number of brokers and replicas, so they are tested natively.
//! Coordinates are in the SVG's viewBox units.

use kafka_lab::model::{BrokerId, NodeId};

/// The diagram's viewBox width.
pub const WIDTH: f64 = 900.0;
/// Left column (producers, admin client): x range.
pub const LEFT_X: (f64, f64) = (8.0, 150.0);
/// Right column (consumer groups): x range.
pub const RIGHT_X: (f64, f64) = (750.0, 892.0);
/// The middle area (ZooKeeper and brokers): x range.
pub const MID_X: (f64, f64) = (166.0, 734.0);
/// ZooKeeper's box: top and bottom.
pub const ZK_Y: (f64, f64) = (8.0, 168.0);
/// Top of the first row of brokers.
pub const BROKERS_TOP: f64 = 222.0;
/// Most brokers on one row.
pub const BROKERS_PER_ROW: usize = 6;
/// Height of a broker's header.
pub const BROKER_HEADER: f64 = 50.0;
/// Height of one replica chip, gap included.
pub const CHIP_H: f64 = 30.0;
/// Most chips drawn in one broker box (the rest are summarised).
pub const MAX_CHIPS: usize = 10;
/// Gap between broker boxes.
const GAP: f64 = 12.0;

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Horizontal centre.
    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// Where every broker box goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Broker boxes, in broker order.
    pub brokers: Vec<(BrokerId, Rect)>,
    /// The ZooKeeper box.
    pub zk: Rect,
    /// The admin client's node (left column, bottom).
    pub admin: Rect,
    /// The diagram's total height.
    pub height: f64,
    /// KRaft mode: the controller cards in the quorum box (`layout_kraft::cards`), where
    /// their messages start and end; empty in ZooKeeper mode and in combined mode (a
    /// controller is then its broker's box).
    pub controllers: Vec<(u32, Rect)>,
    /// Broker boxes show counts, not chips ([`overview`]).
    pub overview: bool,
}

/// Rows of counts a broker box shows in overview mode (leaders, in-sync followers, out-of-sync
/// followers, offline replicas).
pub const OVERVIEW_ROWS: usize = 4;
/// Height of one row of counts.
pub const OVERVIEW_ROW_H: f64 = 21.0;

/// Whether the diagram draws counts instead of chips: some broker holds more replicas than
/// its box shows as chips (a big cluster), so every box shows counts alike.
pub fn overview(brokers: &[(BrokerId, usize)]) -> bool {
    brokers.iter().any(|b| b.1 > MAX_CHIPS + 1)
}

/// Lays out `brokers` (with the number of replicas each holds), with the admin client's box
/// tall enough for its note in the default language.
pub fn layout(brokers: &[(BrokerId, usize)]) -> Layout {
    layout_with(brokers, 3)
}

/// Height of a side box (title, then `lines` lines of note at 15 units each).
pub fn note_box_h(lines: usize) -> f64 {
    36.0 + 15.0 * lines as f64
}

/// Characters of an 11.5px sans note that fit in a side box of width `w` (6.4 units each; a
/// CJK character counts twice, as `wrap` counts it).
pub fn note_width(w: f64) -> usize {
    (((w - 16.0) / 6.4) as usize).max(8)
}

/// Lays out `brokers`; the admin client's note takes `admin_lines` lines.
pub fn layout_with(brokers: &[(BrokerId, usize)], admin_lines: usize) -> Layout {
    let rows = brokers.len().div_ceil(BROKERS_PER_ROW).max(1);
    let per_row = brokers.len().clamp(1, BROKERS_PER_ROW);
    let mid_w = MID_X.1 - MID_X.0;
    let w = (mid_w - GAP * (per_row as f64 - 1.0)) / per_row as f64;
    let most = brokers
        .iter()
        .map(|b| b.1.min(MAX_CHIPS + 1))
        .max()
        .unwrap_or(0);
    let overview = overview(brokers);
    let h = if overview {
        BROKER_HEADER + OVERVIEW_ROW_H * OVERVIEW_ROWS as f64 + 8.0
    } else {
        BROKER_HEADER + CHIP_H * most.max(1) as f64 + 10.0
    };
    let mut out = Vec::with_capacity(brokers.len());
    for (i, (id, _)) in brokers.iter().enumerate() {
        let (row, col) = (i / BROKERS_PER_ROW, i % BROKERS_PER_ROW);
        out.push((
            *id,
            Rect {
                x: MID_X.0 + col as f64 * (w + GAP),
                y: BROKERS_TOP + row as f64 * (h + GAP),
                w,
                h,
            },
        ));
    }
    let brokers_bottom = BROKERS_TOP + rows as f64 * (h + GAP);
    let height = brokers_bottom.max(540.0) + 10.0;
    Layout {
        brokers: out,
        zk: Rect {
            x: MID_X.0,
            y: ZK_Y.0,
            w: mid_w,
            h: ZK_Y.1 - ZK_Y.0,
        },
        admin: {
            let h = note_box_h(admin_lines);
            Rect {
                x: LEFT_X.0,
                y: height - 10.0 - h,
                w: LEFT_X.1 - LEFT_X.0,
                h,
            }
        },
        height,
        overview,
        controllers: Vec::new(),
    }
}

impl Layout {
    /// The broker's box.
    pub fn broker(&self, id: BrokerId) -> Option<Rect> {
        self.brokers.iter().find(|(b, _)| *b == id).map(|(_, r)| *r)
    }

    /// The path a message takes from `from` to `to`: start, control point and end of a
    /// quadratic Bézier curve.
    pub fn route(&self, from: NodeId, to: NodeId) -> Option<[(f64, f64); 3]> {
        let a = self.anchor(from, to)?;
        let b = self.anchor(to, from)?;
        let control = match (from, to) {
            // Broker to broker: bow up into the gap above the brokers.
            (NodeId::Broker(_), NodeId::Broker(_)) => ((a.0 + b.0) / 2.0, BROKERS_TOP - 60.0),
            // Controller to controller (Raft): a low arc just above their cards (under the
            // quorum's title line), or above the boxes in combined mode.
            (NodeId::Controller(_), NodeId::Controller(_)) => {
                let lift = if self.controllers.is_empty() {
                    40.0
                } else {
                    12.0
                };
                ((a.0 + b.0) / 2.0, a.1.min(b.1) - lift)
            }
            _ => ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0),
        };
        Some([a, control, b])
    }

    /// Where a line to or from `node` attaches, given the node at the other end.
    fn anchor(&self, node: NodeId, other: NodeId) -> Option<(f64, f64)> {
        match node {
            NodeId::ZooKeeper => {
                // Each broker's session line drops straight down from ZooKeeper.
                let x = match other {
                    NodeId::Broker(b) => self.broker(b)?.cx(),
                    _ => self.zk.cx(),
                };
                Some((x, self.zk.bottom()))
            }
            NodeId::Broker(b) => {
                let r = self.broker(b)?;
                match other {
                    NodeId::Client(_) => Some((r.x, r.y + BROKER_HEADER / 2.0)),
                    _ => Some((r.cx(), r.y)),
                }
            }
            NodeId::Client(_) => Some((
                self.admin.x + self.admin.w,
                self.admin.y + self.admin.h / 2.0,
            )),
            // A KRaft controller's card: Raft traffic leaves from its top, the brokers' from its
            // bottom. In combined mode the controller is its broker's box.
            NodeId::Controller(c) => match self.controllers.iter().find(|(id, _)| *id == c) {
                Some((_, r)) => match other {
                    NodeId::Controller(_) => Some((r.cx(), r.y)),
                    _ => Some((r.cx(), r.bottom())),
                },
                None => self.broker(c).map(|r| (r.cx(), r.y)),
            },
        }
    }
}

/// Breaks `text` into lines of at most `width` columns (a CJK character takes two), at
/// spaces where there are any.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let cols = crate::text_fit::char_columns;
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut word = String::new();
    let mut word_cols = 0;
    let flush_word = |line: &mut String,
                      used: &mut usize,
                      word: &mut String,
                      word_cols: &mut usize,
                      lines: &mut Vec<String>| {
        // A trailing space may hang past the edge.
        let visible = *word_cols - usize::from(word.ends_with(' '));
        if *used > 0 && *used + visible > width {
            lines.push(std::mem::take(line).trim_end().to_string());
            *used = 0;
        }
        line.push_str(word);
        *used += *word_cols;
        word.clear();
        *word_cols = 0;
    };
    for c in text.chars() {
        let w = cols(c);
        if c == ' ' {
            word.push(c);
            word_cols += 1;
            flush_word(&mut line, &mut used, &mut word, &mut word_cols, &mut lines);
        } else if w == 2 {
            // CJK text breaks between any two characters.
            flush_word(&mut line, &mut used, &mut word, &mut word_cols, &mut lines);
            word.push(c);
            word_cols = 2;
            flush_word(&mut line, &mut used, &mut word, &mut word_cols, &mut lines);
        } else {
            word.push(c);
            word_cols += 1;
        }
    }
    flush_word(&mut line, &mut used, &mut word, &mut word_cols, &mut lines);
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// A point `t` (0..=1) of the way along a quadratic Bézier curve.
pub fn along(p: &[(f64, f64); 3], t: f64) -> (f64, f64) {
    let t = t.clamp(0.0, 1.0);
    let u = 1.0 - t;
    (
        u * u * p[0].0 + 2.0 * u * t * p[1].0 + t * t * p[2].0,
        u * u * p[0].1 + 2.0 * u * t * p[1].1 + t * t * p[2].1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brokers_share_the_middle_without_overlapping() {
        for n in 1..=20u32 {
            let l = layout(&(1..=n).map(|b| (b, 3)).collect::<Vec<_>>());
            assert_eq!(l.brokers.len(), n as usize);
            for w in l.brokers.windows(2) {
                let (a, b) = (w[0].1, w[1].1);
                let same_row = (a.y - b.y).abs() < 1e-9;
                assert!(!same_row || a.x + a.w < b.x, "{a:?} overlaps {b:?}");
            }
            for (_, r) in &l.brokers {
                assert!(r.x >= MID_X.0 - 1e-9 && r.x + r.w <= MID_X.1 + 1e-9);
                assert!(r.y >= BROKERS_TOP && r.bottom() <= l.height);
            }
        }
    }

    #[test]
    fn boxes_grow_with_replicas_but_cap() {
        let small = layout(&[(1, 1)]).brokers[0].1.h;
        let big = layout(&[(1, 5)]).brokers[0].1.h;
        let full = layout(&[(1, MAX_CHIPS + 1)]);
        assert!(small < big && big < full.brokers[0].1.h);
        assert!(!full.overview);
        assert!(full.brokers[0].1.h <= BROKER_HEADER + CHIP_H * (MAX_CHIPS + 1) as f64 + 10.0);
    }

    #[test]
    fn past_what_fits_every_box_shows_counts() {
        // One broker past the chips that fit turns the whole diagram into counts, boxes alike
        // and shorter than a full box of chips.
        let l = layout(&[(1, 3), (2, MAX_CHIPS + 2), (3, 0)]);
        assert!(l.overview);
        let h = BROKER_HEADER + OVERVIEW_ROW_H * OVERVIEW_ROWS as f64 + 8.0;
        assert!(l.brokers.iter().all(|(_, r)| (r.h - h).abs() < 1e-9));
        assert!(h < layout(&[(1, MAX_CHIPS + 1)]).brokers[0].1.h);
        // 64 brokers of 47 replicas: eleven rows, none overlapping, inside the drawing.
        let big = layout(&(1..=64).map(|b| (b, 47)).collect::<Vec<_>>());
        assert!(big.overview);
        let last = big.brokers.last().unwrap().1;
        assert!(last.bottom() <= big.height);
        assert!(big.height < 11.0 * (h + 40.0) + BROKERS_TOP);
    }

    #[test]
    fn the_admin_box_holds_its_note_and_stays_below_the_producers() {
        for lines in 1..=6 {
            let l = layout_with(&[(1, 3), (2, 3), (3, 3)], lines);
            assert!(l.admin.h >= note_box_h(lines));
            assert!(l.admin.bottom() <= l.height);
            assert!(l.admin.y > BROKERS_TOP + 190.0, "{:?}", l.admin);
        }
    }

    #[test]
    fn wrapping() {
        assert_eq!(
            wrap("Producers arrive with the producer lab.", 16),
            ["Producers arrive", "with the", "producer lab."]
        );
        assert_eq!(
            wrap("生产者将在生产者实验中加入。", 8),
            ["生产者将", "在生产者", "实验中加", "入。"]
        );
        assert_eq!(wrap("short", 16), ["short"]);
    }

    #[test]
    fn routes_connect_the_right_ends() {
        let l = layout(&[(1, 2), (2, 2), (3, 2)]);
        let r = l.route(NodeId::Broker(1), NodeId::ZooKeeper).unwrap();
        assert_eq!(r[0], (l.broker(1).unwrap().cx(), l.broker(1).unwrap().y));
        assert_eq!(r[2], (l.broker(1).unwrap().cx(), l.zk.bottom()));
        let r = l.route(NodeId::Broker(1), NodeId::Broker(3)).unwrap();
        assert!(
            r[1].1 < BROKERS_TOP,
            "broker-to-broker messages fly above the boxes"
        );
        assert_eq!(along(&r, 0.0), r[0]);
        assert_eq!(along(&r, 1.0), r[2]);
        assert!(l.route(NodeId::Broker(9), NodeId::ZooKeeper).is_none());
    }

    #[test]
    fn kraft_messages_connect_controller_cards_and_brokers() {
        let mut l = layout(&[(1, 2), (2, 2), (3, 2)]);
        // Combined mode: controller 2 is broker 2's box.
        let r = l
            .route(NodeId::Controller(1), NodeId::Controller(2))
            .unwrap();
        assert_eq!(r[2], (l.broker(2).unwrap().cx(), l.broker(2).unwrap().y));
        assert!(r[1].1 < BROKERS_TOP);
        assert!(l
            .route(NodeId::Controller(3000), NodeId::Broker(1))
            .is_none());
        // Separate controllers: cards in the quorum box.
        l.controllers = crate::layout_kraft::cards(l.zk, &[3000, 3001, 3002]);
        let card = |i: usize| l.controllers[i].1;
        let hb = l
            .route(NodeId::Broker(1), NodeId::Controller(3001))
            .unwrap();
        assert_eq!(hb[0], (l.broker(1).unwrap().cx(), l.broker(1).unwrap().y));
        assert_eq!(hb[2], (card(1).cx(), card(1).bottom()));
        let vote = l
            .route(NodeId::Controller(3000), NodeId::Controller(3002))
            .unwrap();
        assert_eq!(vote[0], (card(0).cx(), card(0).y));
        assert_eq!(vote[2], (card(2).cx(), card(2).y));
        assert!(vote[1].1 < card(0).y, "Raft traffic bows above the cards");
    }
}
