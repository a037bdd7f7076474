//! The command interpreter: one [`Lab`] runs the same commands for the `kafka-lab` program,
//! the page's console, the page's buttons and scenario files.
//!
//! Every command that changes the cluster is recorded in a journal with the virtual time and
//! the number of simulation items handled before it ran. Replaying the journal on a fresh lab
//! rebuilds the exact same state — the basis of rewind and replay.

pub mod args;
pub mod groups;
pub mod hints;
pub mod kraft_tools;
pub mod leader_election;
pub mod link;
pub mod page_cache;
pub mod producer;
pub mod replication;
mod script;
mod setup;
pub mod storage;
pub mod timeline;
mod timeline_cli;
pub mod topics;
pub mod txn;
pub mod zk_tools;

use crate::cluster::Cluster;
use crate::event::Logged;
use crate::i18n::{tr, Lang, T};
use crate::model::{BrokerId, TopicPartition};
use crate::sim::Millis;
use args::{flag, parse, split_words, value};
pub use script::{narration, run_script, ScriptRun};

/// The default seed of a fresh lab.
pub const DEFAULT_SEED: u64 = 1;
/// The default number of brokers.
pub const DEFAULT_BROKERS: u32 = 3;
/// The most brokers the lab simulates.
pub const MAX_BROKERS: u32 = 64;
/// The longest single `advance` (one virtual day).
pub const MAX_ADVANCE_MS: Millis = 86_400_000;
/// The most simulation events one command may run by default (keeps every command to a few
/// seconds, whatever the cluster's size; a day of a 3-broker cluster is about 1.3 million).
pub const MAX_EVENTS_PER_COMMAND: u64 = 5_000_000;
/// The most events one `step` runs.
pub const MAX_STEPS: u64 = 1_000_000;
/// How long a fresh cluster may take to elect its controller before `brokers N` gives up.
const SETTLE_MS: Millis = 10_000;

/// A command as it was run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JournalEntry {
    /// Virtual time when it ran.
    pub at: Millis,
    /// Simulation items handled before it ran.
    pub processed: u64,
    /// The command line.
    pub line: String,
}

/// A simulated cluster plus the interpreter that drives it.
#[derive(Clone, Debug)]
pub struct Lab {
    cluster: Cluster,
    seed: u64,
    brokers: u32,
    /// ZooKeeper servers in the ensemble (1 unless `brokers N --zookeepers Z`).
    zookeepers: u8,
    /// KRaft mode (`brokers N --mode kraft`): the controllers and whether combined; `None`
    /// in ZooKeeper mode; the metadata log settings `--override` gave.
    kraft: Option<(u32, bool, crate::kraft::raft::MetadataLogConfig)>,
    /// The nodes' `server.properties` settings (`brokers N --override KEY=VALUE`).
    server_config: crate::config::BrokerConfig,
    /// Brokers and seed the lab was created with: where a replay starts.
    origin: (u32, u64),
    journal: Vec<JournalEntry>,
    /// The language of narrated output (never affects the simulation).
    lang: Lang,
    /// The most simulation events one command may run.
    event_budget: u64,
    /// Uploaded files and the host's files (for `kafka-dump-log.sh`).
    host_files: storage::HostFiles,
    /// A `kafka-console-producer.sh` reading the lines that follow, until `EOF`.
    console: Option<producer::ConsoleProducer>,
    /// ZooKeeper servers the lab was created with (part of where a replay starts).
    origin_zookeepers: u8,
    /// Journal entries applied to the state (all of them at the tape's end; fewer after a
    /// rewind).
    applied: usize,
    /// For each entry of the cluster's event log, the point just before it (see
    /// [`timeline::Position`]).
    log_pos: Vec<timeline::Position>,
    /// The time machine: live point, branches, snapshots, transcript, marks.
    tl: timeline::Timeline,
}

impl Default for Lab {
    fn default() -> Self {
        Self::new(DEFAULT_BROKERS, DEFAULT_SEED)
    }
}

/// The tools whose run starts an admin client.
const ADMIN_TOOLS: &[&str] = &[
    "kafka-topics.sh",
    "kafka-topics",
    "kafka-configs.sh",
    "kafka-configs",
    "kafka-leader-election.sh",
    "kafka-leader-election",
    "kafka-consumer-groups.sh",
    "kafka-consumer-groups",
];

impl Lab {
    /// A fresh, settled cluster of `brokers` brokers.
    pub fn new(brokers: u32, seed: u64) -> Self {
        Self::with_zookeepers(brokers, 1, seed)
    }

    /// A fresh, settled cluster of `brokers` brokers and an ensemble of `zookeepers` servers.
    pub fn with_zookeepers(brokers: u32, zookeepers: u8, seed: u64) -> Self {
        let mut cluster = Cluster::new(brokers, seed);
        cluster.set_zookeepers(zookeepers);
        cluster.run_until(SETTLE_MS, Cluster::is_settled);
        let mut lab = Self {
            cluster,
            seed,
            brokers,
            zookeepers,
            kraft: None,
            server_config: crate::config::BrokerConfig::default(),
            origin: (brokers, seed),
            journal: Vec::new(),
            lang: Lang::En,
            event_budget: MAX_EVENTS_PER_COMMAND,
            host_files: storage::HostFiles::default(),
            console: None,
            origin_zookeepers: zookeepers,
            applied: 0,
            log_pos: Vec::new(),
            tl: timeline::Timeline::default(),
        };
        lab.start_timeline();
        lab
    }

    /// Lets `kafka-dump-log.sh` read files on the host (the native program does this).
    pub fn set_host_reader(&mut self, reader: fn(&str) -> Result<Vec<u8>, String>) {
        self.host_files.reader = Some(reader);
    }

    /// Adds an uploaded file, readable by `kafka-dump-log.sh --files NAME`. Refuses files
    /// larger than [`storage::MAX_FILE_BYTES`].
    pub fn upload(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), String> {
        if bytes.len() > storage::MAX_FILE_BYTES {
            return Err(format!(
                "{name} is {} bytes; the lab reads files up to {} bytes",
                bytes.len(),
                storage::MAX_FILE_BYTES
            ));
        }
        if name.is_empty() || name.starts_with("broker-") {
            return Err(format!("'{name}' cannot name an uploaded file"));
        }
        self.host_files.uploads.insert(name.to_string(), bytes);
        Ok(())
    }

    /// An uploaded file's bytes.
    pub fn uploaded(&self, name: &str) -> Option<&[u8]> {
        self.host_files.uploads.get(name).map(Vec::as_slice)
    }

    /// Sets the language of narrated output (`advance`, `kill-broker`, `events` …).
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// Sets the most simulation events one command may run.
    pub fn set_event_budget(&mut self, events: u64) {
        self.event_budget = events.max(1);
    }

    /// The topic `kafka-console-producer.sh` is reading records for, while it reads (the
    /// lines typed until `EOF` are records).
    pub fn console_topic(&self) -> Option<&str> {
        self.console.as_ref().map(|c| c.topic())
    }

    /// The language of narrated output and of the lab's own messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The cluster.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// The seed of the current cluster.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The journaled commands of the current branch, up to its live point (after a rewind,
    /// the first [`Lab::position`]`().commands` of them are applied).
    pub fn journal(&self) -> &[JournalEntry] {
        &self.journal
    }

    /// Lets `ms` of virtual time pass.
    pub fn advance(&mut self, ms: Millis) {
        self.tape_advance(ms, u64::MAX);
    }

    /// Lets up to `ms` of virtual time pass, running at most `max_events` events (the page's
    /// clock calls this every frame, so a huge cluster slows the clock instead of the page).
    /// Returns false if it stopped early.
    pub fn advance_bounded(&mut self, ms: Millis, max_events: u64) -> bool {
        self.tape_advance(ms, max_events)
    }

    /// Runs simulation items until `processed` have been handled in all, never past `at`,
    /// then sets the clock to `at`: with a replay, this reaches the exact point of the
    /// original run, even between two items due at the same millisecond.
    pub fn run_to(&mut self, at: Millis, processed: u64) {
        self.tape_run_to(at, processed);
    }

    /// Runs the next simulation item only. Returns false if nothing is queued.
    pub fn step(&mut self) -> bool {
        self.tape_step()
    }

    /// Rebuilds this lab from its journal, keeping the commands for which `keep` holds (all of
    /// them for a replay, the first few for a rewind). The same commands at the same points
    /// give the same state.
    pub fn replay(&self, keep: usize) -> Lab {
        self.rebuild(&self.journal[..keep.min(self.journal.len())])
    }

    /// Runs one command line and returns its output (possibly empty), or one line saying
    /// what was wrong with it (the text of [`Lab::run`]'s outcome).
    pub fn execute(&mut self, line: &str) -> Result<String, String> {
        self.run(line).result
    }

    /// Runs one command line on the state, without journaling it (the timeline does that).
    pub(crate) fn exec(&mut self, line: &str) -> Result<String, String> {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Ok(String::new());
        }
        if let Some(console) = self.console.as_mut() {
            // Each line is a record, up to `EOF` (Ctrl-D in the page's console).
            if trimmed == "EOF" {
                let console = self.console.take().expect("active");
                let log_before = self.cluster.log().len();
                let mut out = console.close(&mut self.cluster, self.event_budget);
                out.push_str(&narration(
                    &self.cluster.log()[log_before..],
                    false,
                    self.lang,
                ));
                return Ok(out);
            }
            return console
                .line(&mut self.cluster, line.trim_end_matches(['\r', '\n']))
                .map_err(|e| hints::localize(&e, self.lang));
        }
        let words = split_words(trimmed).map_err(|e| hints::localize(&e, self.lang))?;
        let Some((cmd, rest)) = words.split_first() else {
            return Ok(String::new());
        };
        // `$bin/kafka-topics.sh`, `bin/…`, `/opt/kafka/bin/…`: the notes' way of naming a tool.
        let cmd = &hints::tool_name(cmd).to_string();
        let log_before = self.cluster.log().len();
        let result = self.dispatch(cmd, rest);
        let narrate = matches!(
            cmd.as_str(),
            "brokers"
                | "seed"
                | "advance"
                | "step"
                | "kill-broker"
                | "start-broker"
                | "kill-zk"
                | "start-zk"
                | "kill-controller"
                | "start-controller"
                | "stop-controller"
                | "stop-broker"
                | "produce"
                | "producer"
                | "txn"
                | "consumer"
                | "cut"
                | "isolate"
                | "heal"
                | "drop"
                | "slow-broker"
        );
        let lang = self.lang;
        // Only these commands print lines of the lab's own in their output; the others print
        // Kafka's tool output (or narration, already in `lang`), which can be long.
        let lab_output = matches!(
            cmd.as_str(),
            "brokers"
                | "seed"
                | "consumer"
                | "txn"
                | "producer"
                | "kafka-console-producer.sh"
                | "cut"
                | "isolate"
                | "heal"
                | "lookup"
                | "client-version"
        );
        result
            .map_err(|e| hints::localize(&e, lang))
            .map(|out| {
                if lab_output {
                    hints::localize(&out, lang)
                } else {
                    out
                }
            })
            .map(|mut out| {
                if narrate {
                    let from = if matches!(cmd.as_str(), "brokers" | "seed") {
                        0
                    } else {
                        log_before
                    };
                    out.push_str(&narration(&self.cluster.log()[from..], false, self.lang));
                }
                out
            })
    }

    fn dispatch(&mut self, cmd: &str, rest: &[String]) -> Result<String, String> {
        if ADMIN_TOOLS.contains(&cmd) {
            // Each run of an admin tool is a new JVM with a new admin client: it bootstraps
            // its metadata again (`cluster::admin`).
            self.cluster.new_admin_client();
        }
        match cmd {
            "kafka-metadata-quorum.sh" | "kafka-metadata-quorum" => {
                kraft_tools::metadata_quorum(&self.cluster, rest)
            }
            "kafka-features.sh" | "kafka-features" => {
                kraft_tools::features_cmd(&self.cluster, rest)
            }
            "kafka-storage.sh" | "kafka-storage" => {
                kraft_tools::storage_cmd(&mut self.cluster, rest)
            }
            "kafka-dump-log.sh" | "kafka-dump-log"
                if rest.iter().any(|a| a == "--cluster-metadata-decoder") =>
            {
                kraft_tools::dump_cluster_metadata(&self.cluster, rest)
            }
            "ls" | "cat" if kraft_tools::ls_or_cat(&self.cluster, cmd, rest).is_some() => {
                kraft_tools::ls_or_cat(&self.cluster, cmd, rest)
                    .unwrap_or_else(|| Ok(String::new()))
            }
            "kafka-topics.sh" | "kafka-topics"
                if self.cluster.mode() == crate::kraft::MetadataMode::Kraft =>
            {
                // Kafka 4 brokers answer DescribeTopicPartitions with the ELR (KIP-966).
                let image = self.cluster.metadata_image().cloned();
                let lookup = move |tp: &TopicPartition| {
                    image
                        .as_ref()
                        .and_then(|i| i.partitions.get(tp))
                        .map(|p| (p.eligible_leader_replicas.clone(), p.last_known_elr.clone()))
                };
                let r = topics::run_with_elr(&mut self.cluster, rest, self.lang, &lookup);
                let specs = topics::specs(self.cluster.client_version);
                self.tool_errors("kafka-topics.sh", rest, &specs, r)
            }
            "kafka-topics.sh" | "kafka-topics" => {
                let r = topics::run(&mut self.cluster, rest, self.lang);
                let specs = topics::specs(self.cluster.client_version);
                self.tool_errors("kafka-topics.sh", rest, &specs, r)
            }
            "kafka-configs.sh" | "kafka-configs" => replication::configs(&mut self.cluster, rest),
            "kafka-leader-election.sh" | "kafka-leader-election" => {
                leader_election::run(&mut self.cluster, rest)
            }
            "kafka-console-consumer.sh" | "kafka-console-consumer" => {
                let r = replication::console_consumer(&mut self.cluster, rest, self.event_budget);
                self.tool_errors(
                    "kafka-console-consumer.sh",
                    rest,
                    replication::CONSOLE_CONSUMER_SPECS,
                    r,
                )
            }
            "produce" => replication::produce(&mut self.cluster, rest, self.event_budget),
            "client-version" => producer::client_version(&mut self.cluster, rest),
            "EOF" => Err(T::CliEofNoConsole.get(self.lang).into()),
            "producer" => producer::producer(&mut self.cluster, rest, self.event_budget),
            "txn" => txn::txn(&mut self.cluster, rest, self.event_budget),
            "consumer" => groups::consumer(&mut self.cluster, rest, self.event_budget),
            "kafka-consumer-groups.sh" | "kafka-consumer-groups" => {
                groups::consumer_groups(&mut self.cluster, rest, self.event_budget)
            }
            "kafka-console-producer.sh" | "kafka-console-producer" => {
                let c = producer::start_console_producer(&mut self.cluster, rest);
                let c = self.tool_errors(
                    "kafka-console-producer.sh",
                    rest,
                    producer::console_producer_specs(self.cluster.client_version),
                    c,
                )?;
                let topic = c.topic().to_string();
                self.console = Some(c);
                Ok(tr(self.lang, T::CliReadingRecords, &[("topic", topic)]) + "\n")
            }
            "kafka-run-class.sh" | "kafka-consumer-offset-checker.sh" if self.kraft.is_some() => {
                Err(tr(Lang::En, T::CliZkOnlyKraft, &[("cmd", cmd.to_string())]))
            }
            "kafka-run-class.sh" | "kafka-consumer-offset-checker.sh" => {
                zk_tools::offset_checker(&self.cluster, rest)
            }
            "ledger" => replication::ledger(&self.cluster, rest),
            "replicas" => replication::replicas(&self.cluster, rest),
            "page-cache" => page_cache::run(&mut self.cluster, rest),
            "ls" => storage::ls(&self.cluster, rest),
            "cat" => storage::cat(&self.cluster, rest),
            "lookup" => storage::lookup(&self.cluster, rest),
            "kafka-dump-log.sh" | "kafka-dump-log" => {
                storage::dump_log(&self.cluster, &self.host_files, rest)
            }
            "slow-broker"
                if rest
                    .first()
                    .is_some_and(|a| a.starts_with("--followers-of")) =>
            {
                let p = parse(rest, &[value("followers-of")])?;
                let (Some(tp), [ms]) = (p.value("followers-of"), p.positional.as_slice()) else {
                    return Err("slow-broker: --followers-of T-P takes a delay, e.g. slow-broker --followers-of orders-0 5s".into());
                };
                let ms = parse_duration(ms)?;
                let followers = self.partition_followers("slow-broker", tp)?;
                let mut out = String::new();
                for b in followers {
                    out += &replication::fault(
                        &mut self.cluster,
                        "slow-broker",
                        &[b.to_string(), format!("{ms}")],
                    )?;
                }
                Ok(out)
            }
            "cut" | "isolate" | "heal" | "drop" | "slow-broker" => {
                replication::fault(&mut self.cluster, cmd, rest)
            }
            "brokers" => self.brokers_command(rest),
            "stop-broker" => {
                if self.kraft.is_none() {
                    return Err(T::CliStopBrokerZk.get(Lang::En).to_string());
                }
                let [b] = rest else {
                    return Err("stop-broker: give a broker id, e.g. stop-broker 2".into());
                };
                let id = parse_broker(b)?;
                self.cluster
                    .stop_broker(id)
                    .map_err(|e| format!("stop-broker: {e}"))?;
                Ok(String::new())
            }
            "kill-controller" | "start-controller" | "stop-controller" => {
                if self.kraft.is_none() {
                    return Err(tr(Lang::En, T::CliKraftOnly, &[("cmd", cmd.to_string())]));
                }
                let [c] = rest else {
                    return Err(format!("{cmd}: give a controller id, e.g. {cmd} 3000"));
                };
                let id: u32 = c
                    .parse()
                    .map_err(|_| format!("{cmd}: '{c}' is not a controller id (e.g. 3000)"))?;
                let r = match cmd {
                    "kill-controller" => self.cluster.kill_controller(id),
                    "stop-controller" => self.cluster.stop_controller(id),
                    _ => self.cluster.start_controller(id),
                };
                r.map_err(|e| format!("{cmd}: {e}"))?;
                Ok(String::new())
            }
            "kill-zk" | "start-zk" if self.kraft.is_some() => {
                Err(tr(Lang::En, T::CliZkOnly, &[("cmd", cmd.to_string())]))
            }
            "kill-zk" | "start-zk" => {
                let [z] = rest else {
                    return Err(tr(Lang::En, T::CliZkUsage, &[("cmd", cmd.to_string())]));
                };
                let myid: u8 = z.strip_prefix("zoo").unwrap_or(z).parse().map_err(|_| {
                    tr(
                        Lang::En,
                        T::CliNotZk,
                        &[("cmd", cmd.to_string()), ("z", z.clone())],
                    )
                })?;
                let r = if cmd == "kill-zk" {
                    self.cluster.kill_zk(myid)
                } else {
                    self.cluster.start_zk(myid)
                };
                r.map_err(|e| format!("{cmd}: {e}"))?;
                Ok(String::new())
            }
            "seed" => {
                let s: u64 = one_number(cmd, rest)?;
                self.reset(self.brokers, s);
                Ok(format!(
                    "A fresh cluster of {} brokers (seed {s}).\n",
                    self.brokers
                ))
            }
            "advance" if rest.first().is_some_and(|a| a == "--to") => {
                // The exact form exported scripts use: items are handled until N have been
                // handled since this cluster started, never past MS; then the clock is MS.
                let p = parse(rest, &[value("to"), value("items")])?;
                p.only_options("advance: ")?;
                let usage = || T::TmAdvanceToUsage.get(self.lang).to_string();
                let (Some(at), Some(items)) = (p.value("to"), p.value("items")) else {
                    return Err(usage());
                };
                let at: Millis = at.parse().map_err(|_| usage())?;
                let items: u64 = items.parse().map_err(|_| usage())?;
                let (now, done) = (self.cluster.now(), self.cluster.processed());
                if at < now || items < done {
                    return Err(tr(
                        self.lang,
                        T::TmAdvanceToPast,
                        &[("now", now.to_string()), ("items", done.to_string())],
                    ));
                }
                if items - done > self.event_budget {
                    return Err(format!(
                        "advance: {} events; advance less at a time",
                        items - done
                    ));
                }
                self.cluster.run_to(at, items);
                Ok(String::new())
            }
            "advance" => {
                let [arg] = rest else {
                    return Err(T::CliAdvanceUsage.get(self.lang).into());
                };
                let ms = parse_duration(arg)?;
                if ms > MAX_ADVANCE_MS {
                    return Err(format!(
                        "advance: {}",
                        tr(
                            self.lang,
                            T::CliDurationTooLarge,
                            &[("value", arg.clone()), ("max", MAX_ADVANCE_MS.to_string())]
                        )
                    ));
                }
                if self.cluster.advance_bounded(ms, self.event_budget) {
                    Ok(String::new())
                } else {
                    Err(self.advance_stopped())
                }
            }
            "step" => {
                let n: u64 = match rest {
                    [] => 1,
                    [x] => x
                        .parse()
                        .ok()
                        .filter(|n| (1..=MAX_STEPS).contains(n))
                        .ok_or_else(|| {
                            format!("step: give a number of events from 1 to {MAX_STEPS}")
                        })?,
                    _ => return Err("step: give at most one number, e.g. step 10".into()),
                };
                let from = self.cluster.now();
                let mut ran = 0u64;
                while ran < n && self.cluster.step() {
                    ran += 1;
                }
                Ok(self.step_summary(n, ran, from))
            }
            "kill-broker" => {
                let p = parse(rest, &[value("leader-of"), value("follower-of")])?;
                let id =
                    match (
                        p.value("leader-of"),
                        p.value("follower-of"),
                        p.positional.as_slice(),
                    ) {
                        (Some(tp), None, []) => self.partition_leader("kill-broker", tp)?,
                        (None, Some(tp), []) => *self
                            .partition_followers("kill-broker", tp)?
                            .first()
                            .ok_or_else(|| format!("kill-broker: {tp} has no live follower"))?,
                        (None, None, [b]) => parse_broker(b)?,
                        _ => return Err(
                            "kill-broker: give a broker id, --leader-of T-P or --follower-of T-P"
                                .into(),
                        ),
                    };
                self.cluster
                    .kill_broker(id)
                    .map_err(|e| format!("kill-broker: {e}"))?;
                Ok(String::new())
            }
            "start-broker" => {
                let p = parse(rest, &[flag("all")])?;
                let ids: Vec<BrokerId> = match (p.has("all"), p.positional.as_slice()) {
                    (true, []) => self
                        .cluster
                        .brokers
                        .values()
                        .filter(|b| !b.alive)
                        .map(|b| b.id)
                        .collect(),
                    (false, [b]) => vec![parse_broker(b)?],
                    _ => {
                        return Err(
                            "start-broker: give a broker id (start-broker 2) or --all".into()
                        )
                    }
                };
                for id in ids {
                    self.cluster
                        .start_broker(id)
                        .map_err(|e| format!("start-broker: {e}"))?;
                }
                Ok(String::new())
            }
            "events" => {
                let p = parse(rest, &[flag("all")])?;
                p.only_options("events: ")?;
                Ok(narration(self.cluster.log(), p.has("all"), self.lang))
            }
            "time" => Ok(format!("{} ms\n", self.cluster.now())),
            "help" => Ok(T::CliHelp.get(self.lang).to_string()),
            other => Err(format!(
                "unknown command '{other}' (type 'help' for the list)"
            )),
        }
    }

    /// What `step N` prints after running `ran` events from virtual time `from`: nothing for
    /// one event (it shows itself in the narration), else a summary line.
    fn step_summary(&self, n: u64, ran: u64, from: Millis) -> String {
        if n == 1 && ran == 1 {
            return String::new();
        }
        let key = if ran < n {
            T::CliStepQueueEmpty
        } else {
            T::CliStepSummary
        };
        tr(
            self.lang,
            key,
            &[
                ("ran", ran.to_string()),
                ("from", from.to_string()),
                ("to", self.cluster.now().to_string()),
            ],
        ) + "\n"
    }

    /// `advance`'s error when the event budget ran out before the time did.
    fn advance_stopped(&self) -> String {
        format!(
            "advance: stopped at {} ms after {} events; advance less at a time",
            self.cluster.now(),
            self.event_budget
        )
    }

    /// A Kafka tool's refusal of an option, as that tool of the chosen version printed it,
    /// followed by lab hint lines (the option probably meant, or why this version lacks it).
    fn tool_errors<R>(
        &self,
        tool: &str,
        args: &[String],
        specs: &[args::OptSpec],
        r: Result<R, String>,
    ) -> Result<R, String> {
        r.map_err(|e| {
            if hints::unrecognized_option(&e).is_none() {
                return e;
            }
            let version = self.cluster.client_version;
            let known: Vec<&str> = specs.iter().map(|s| s.name).collect();
            let mut e = hints::joptsimple_error(tool, version, e);
            let lines = hints::option_hints(tool, version, args, &known, self.lang);
            if !lines.is_empty() {
                e.push('\n');
                e.push_str(lines.trim_end());
            }
            e
        })
    }

    fn partition(&self, cmd: &str, tp: &str) -> Result<TopicPartition, String> {
        let tp = TopicPartition::parse(tp).ok_or_else(|| {
            format!("{cmd}: '{tp}' is not a partition (write it TOPIC-PARTITION, e.g. orders-0)")
        })?;
        if self.cluster.partition_state(&tp).is_none() {
            return Err(format!("{cmd}: there is no partition {tp}"));
        }
        Ok(tp)
    }

    /// The current leader of `tp`, as ZooKeeper says.
    fn partition_leader(&self, cmd: &str, tp: &str) -> Result<BrokerId, String> {
        let tp = self.partition(cmd, tp)?;
        self.cluster
            .leader_of(&tp)
            .ok_or_else(|| format!("{cmd}: {tp} has no leader right now"))
    }

    /// The live replicas of `tp` other than its leader, in assignment order.
    fn partition_followers(&self, cmd: &str, tp: &str) -> Result<Vec<BrokerId>, String> {
        let tp = self.partition(cmd, tp)?;
        let leader = self.cluster.leader_of(&tp);
        let replicas = &self.cluster.topics_meta()[tp.topic.as_str()].assignment[&tp.partition];
        Ok(replicas
            .iter()
            .copied()
            .filter(|&b| Some(b) != leader && self.cluster.brokers[&b].alive)
            .collect())
    }
}

fn one_number<N: std::str::FromStr>(cmd: &str, rest: &[String]) -> Result<N, String> {
    match rest {
        [x] => x
            .parse()
            .map_err(|_| format!("{cmd}: '{x}' is not a whole number")),
        _ => Err(format!("{cmd}: give exactly one number, e.g. {cmd} 3")),
    }
}

fn parse_broker(s: &str) -> Result<BrokerId, String> {
    s.parse()
        .map_err(|_| format!("'{s}' is not a broker id (brokers are numbered 1, 2, 3 …)"))
}

/// `6000`, `6000ms`, `6s`, `2m`, `1h` → milliseconds.
pub fn parse_duration(s: &str) -> Result<Millis, String> {
    let bad = || tr(Lang::En, T::CliNotDuration, &[("value", s.to_string())]);
    let (num, mult) = if let Some(n) = s.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1000)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60_000)
    } else if let Some(n) = s.strip_suffix('h') {
        (n, 3_600_000)
    } else {
        (s, 1)
    };
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    // All digits: only its size can be wrong.
    let too_large = || {
        tr(
            Lang::En,
            T::CliDurationTooLarge,
            &[
                ("value", s.to_string()),
                ("max", MAX_ADVANCE_MS.to_string()),
            ],
        )
    };
    let n: Millis = num.parse().map_err(|_| too_large())?;
    n.checked_mul(mult).ok_or_else(too_large)
}

#[cfg(test)]
mod clients_tests;
#[cfg(test)]
mod delete_tests;
#[cfg(test)]
mod lang_tests;
#[cfg(test)]
mod nodes_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod timeline_props;
#[cfg(test)]
mod timeline_tests;
