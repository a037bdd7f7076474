//! The page's state and its reducer: the one place where the simulation is touched.
//!
//! Components receive immutable snapshots ([`Shared`]) and send [`Action`]s; only
//! [`Ui::reduce`] calls into the [`Lab`]. The browser's animation frame is the only real clock:
//! each frame advances virtual time by `speed × elapsed real time`.
//!
//! Split along its seams:
//! - [`ui`]: the [`Ui`] itself, its small types, and running a command as typed;
//! - [`action`]: [`Action`], what can happen to the page;
//! - [`reducer`]: `Ui::reduce`, one arm per action;
//! - [`driver`]: the simulation driver: the frame clock, streams, load runs, the preset
//!   player, the six-step trace;
//! - [`events`]: the event log's snapshots (one append-only store);
//! - [`upload`]: reading a real Kafka file given to the page;
//! - [`tabs`]: each tab's data, rebuilt from the lab by `Ui::refresh`;
//! - [`time`]: the time machine's page half: the timeline's data, the console read from the
//!   core's transcript up to the cursor, jumps, forks, links and the saved run.

mod action;
mod compare;
mod driver;
mod events;
mod kraft;
mod reducer;
mod tabs;
mod time;
mod ui;
mod upload;

#[cfg(test)]
mod tests;

pub use action::Action;
pub use compare::*;
pub use driver::*;
pub use events::Events;
pub use kraft::*;
pub use tabs::*;
pub use time::*;
pub use ui::*;
pub use upload::Upload;
