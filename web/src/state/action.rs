//! [`Action`]: everything that can happen to the page.

use kafka_lab::cli::timeline::Position;
use kafka_lab::i18n::Lang;
use kafka_lab::model::{BrokerId, TopicPartition};
use kafka_lab::sim::Millis;

use super::{SegmentSel, Tab};

/// What can happen to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// An animation frame at real time `now`, `dt` ms after the previous one.
    Frame { now: f64, dt: f64 },
    /// Play or pause.
    TogglePlay,
    /// Run the next simulation item.
    Step,
    /// Set the speed.
    SetSpeed(f64),
    /// Switch language.
    SetLang(Lang),
    /// Show or hide role-change details in the event log.
    ToggleDetails,
    /// Run a command line (typed, or issued by a click).
    Exec(String),
    /// Run a button's command lines (stopping at the first that fails); a failure is kept
    /// under `origin` for the button to show, a success clears it.
    Run { origin: String, lines: Vec<String> },
    /// Show this producer in "Inside the producer".
    Inside(String),
    /// Switch the main pane's tab.
    SetTab(Tab),
    /// Show this partition in the replication tab.
    Select(TopicPartition),
    /// Start (or stop, if one runs) a stream of records.
    ToggleStream { topic: String, acks: String },
    /// Send one record with these `acks` and follow it through the six steps.
    Trace { topic: String, acks: String },
    /// Run the simulation until the traced send reaches its next step.
    TraceNext,
    /// Play a preset from a fresh cluster.
    PlayPreset(&'static str),
    /// Stop the preset.
    StopPreset,
    /// Open the Compare eras view on the cluster tab (from the KRaft presets).
    OpenCompare,
    /// Show a segment's batches and index.
    SelectSegment(SegmentSel),
    /// Look an offset up in a partition (on a broker, or the leader) and animate it.
    Lookup {
        tp: TopicPartition,
        broker: Option<BrokerId>,
        offset: i64,
    },
    /// Clear the lookup on screen (the form refused what was typed).
    ClearLookup,
    /// A file was uploaded (dropped or picked).
    Upload { name: String, bytes: Vec<u8> },
    /// Look an offset up in the uploaded file.
    LookupUpload(i64),
    /// A file too large to read was given.
    UploadRefused { name: String, size: u64 },
    /// Send one record from the partition-selection panel.
    SendPick {
        topic: String,
        key: Option<String>,
        partition: Option<u32>,
        value: String,
    },
    /// Start a load run with these batching settings.
    RunLoad {
        batch_size: usize,
        linger_ms: Millis,
        compression: kafka_lab::storage::batch::Codec,
    },
    /// Forget the load runs' results.
    ClearLoad,
    /// The guided tour.
    Tour(crate::tour::TourMsg),
    /// One logged event back (the time machine; pauses).
    StepBack,
    /// To the start of the current run.
    SeekStart,
    /// To the live point: the run's present.
    SeekLive,
    /// Undo the last state-changing command.
    Undo,
    /// Show or hide the list of keyboard shortcuts.
    ToggleShortcuts,
    /// Hide the list of keyboard shortcuts.
    CloseShortcuts,
    /// To virtual time `at` of the current cluster (the timeline's slider).
    SeekTime(Millis),
    /// To a point of the run (a mark on the timeline).
    Seek(Position),
    /// Make this branch current (at its live point).
    SwitchBranch(usize),
    /// Start the same seed afresh, as the page opens.
    Reset,
    /// Play a `.klab` script from a fresh lab, through the preset player.
    PlayScript { text: String },
    /// Make the run's link ("Copy link").
    MakeLink,
    /// Hide the link field.
    ClearShare,
    /// Hide the banner saying a run could not be opened.
    DismissBanner,
    /// Hide the note saying a command forked.
    DismissFork,
    /// A script could not be played (too big): the line saying why.
    ScriptRefused(String),
}
