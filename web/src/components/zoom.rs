//! The diagram's zoom and pan as a reducer: pointer drags, two-finger pinches, Ctrl + wheel
//! and the +/−/reset buttons all become [`ZoomAction`]s; the result only changes the SVG
//! `viewBox`, so the drawing itself never re-lays out.

use std::rc::Rc;

use yew::Reducible;

/// The part of the drawing in view: its top-left corner and the zoom (1 = all of it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zoom {
    /// Left edge, in viewBox units.
    pub x: f64,
    /// Top edge, in viewBox units.
    pub y: f64,
    /// Magnification, 1 to [`MAX_ZOOM`].
    pub k: f64,
}

/// A gesture on the drawing, in fractions of its on-screen box, so it applies to the zoom as
/// it is when it arrives (a wheel listener lives longer than one render).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ZoomAction {
    /// Zoom by `factor` about the point at (`fx`, `fy`) of the box.
    At {
        /// Magnification step.
        factor: f64,
        /// Where, 0..1 across.
        fx: f64,
        /// Where, 0..1 down.
        fy: f64,
        /// Drawing width.
        w: f64,
        /// Drawing height.
        h: f64,
    },
    /// Drag by (`fx`, `fy`) of the box's size.
    Pan {
        /// Across.
        fx: f64,
        /// Down.
        fy: f64,
        /// Drawing width.
        w: f64,
        /// Drawing height.
        h: f64,
    },
    /// Back to the whole drawing.
    Reset,
}

impl Reducible for Zoom {
    type Action = ZoomAction;
    fn reduce(self: Rc<Self>, a: ZoomAction) -> Rc<Self> {
        Rc::new(self.apply(a))
    }
}

/// Below this window width (CSS px) the diagram shows only its middle.
pub const NARROW_PX: f64 = 640.0;

/// The most a reader can zoom in.
pub const MAX_ZOOM: f64 = 8.0;

impl Default for Zoom {
    fn default() -> Self {
        Zoom {
            x: 0.0,
            y: 0.0,
            k: 1.0,
        }
    }
}

impl Zoom {
    /// Zooms by `factor` keeping the drawing's point `(px, py)` where it is, then keeps the
    /// view inside the `w`×`h` drawing.
    pub fn scaled(self, factor: f64, px: f64, py: f64, w: f64, h: f64) -> Zoom {
        let k = (self.k * factor).clamp(1.0, MAX_ZOOM);
        let f = self.k / k;
        Zoom {
            x: px - (px - self.x) * f,
            y: py - (py - self.y) * f,
            k,
        }
        .clamped(w, h)
    }

    /// Moved by `(dx, dy)` viewBox units, inside the drawing.
    pub fn panned(self, dx: f64, dy: f64, w: f64, h: f64) -> Zoom {
        Zoom {
            x: self.x + dx,
            y: self.y + dy,
            k: self.k,
        }
        .clamped(w, h)
    }

    fn clamped(self, w: f64, h: f64) -> Zoom {
        Zoom {
            x: self.x.clamp(0.0, w - w / self.k),
            y: self.y.clamp(0.0, h - h / self.k),
            k: self.k,
        }
    }

    /// Applies a reader's gesture (see [`ZoomAction`]).
    pub fn apply(self, a: ZoomAction) -> Zoom {
        match a {
            ZoomAction::At {
                factor,
                fx,
                fy,
                w,
                h,
            } => {
                let (px, py) = (self.x + fx * w / self.k, self.y + fy * h / self.k);
                self.scaled(factor, px, py, w, h)
            }
            ZoomAction::Pan { fx, fy, w, h } => {
                self.panned(-fx * w / self.k, -fy * h / self.k, w, h)
            }
            ZoomAction::Reset => Zoom::default(),
        }
    }

    /// The SVG `viewBox` for a `w`×`h` drawing whose left edge is at `x0`.
    pub fn view_box(self, x0: f64, w: f64, h: f64) -> String {
        let z = self.clamped(w, h);
        format!("{} {} {} {}", x0 + z.x, z.y, w / z.k, h / z.k)
    }
}
