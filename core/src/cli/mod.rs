//! The command interpreter: one [`Lab`] runs the same commands for the `kafka-lab` program,
//! the page's console, the page's buttons and scenario files.
//!
//! Every command that changes the cluster is recorded in a journal with the virtual time and
//! the number of simulation items handled before it ran. Replaying the journal on a fresh lab
//! rebuilds the exact same state — the basis of rewind and replay.

pub mod args;
pub mod groups;
pub mod producer;
pub mod replication;
pub mod storage;
pub mod topics;
pub mod txn;

use crate::cluster::Cluster;
use crate::event::Logged;
use crate::i18n::Lang;
use crate::model::{BrokerId, TopicPartition};
use crate::sim::Millis;
use args::{flag, parse, split_words, value};

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
}

impl Default for Lab {
    fn default() -> Self {
        Self::new(DEFAULT_BROKERS, DEFAULT_SEED)
    }
}

/// The `help` text.
pub const HELP: &str = "\
Commands (the same in kafka-lab, in scenario files and in the page's console):
  kafka-topics.sh --create --topic T [--partitions P] [--replication-factor R] [--config k=v]...
  kafka-topics.sh --list
  kafka-topics.sh --describe [--topic T]
  kafka-configs.sh --alter --entity-type topics|brokers (--entity-name X | --entity-default)
                   --add-config k=v[,k=v]        (and --describe)
  kafka-console-consumer.sh --topic T [--from-beginning] [--group G | --partition P [--offset O]]
                   [--max-messages N] [--timeout-ms T] [--isolation-level read_committed]
                   [--consumer-property k=v]... [--property print.key=true|print.offset=true|...]
      a consumer (client id console-consumer) reading with Fetch requests. --group G: a member
      of G, from its committed offsets (else earliest with --from-beginning, latest without);
      it commits its position when it closes. No --group: a new group console-consumer-NNNNN,
      nothing committed. --partition: assign(), no group. It stops after --max-messages, or
      --timeout-ms without a message; without --timeout-ms once it has read all there was (at
      most 30 s without a message). (--bootstrap-server is accepted and ignored)
  produce --topic T [--key K] [--partition P] [--acks 0|1|all] [--count N] [--interval MS]
          [--producer-property k=v]... [--client-id ID] [--async] VALUE
      (k=v: acks, enable.idempotence, batch.size, linger.ms, buffer.memory, retries,
       max.in.flight.requests.per.connection, partitioner.class, delivery.timeout.ms …)
  kafka-console-producer.sh --topic T [--property parse.key=true] [--property key.separator=S]
          [--producer-property k=v]...   then one record per line, and a line EOF to finish
  client-version [2.3|3.x|4.0]  the Java client whose defaults producers take (2.3: the notes)
  producer describe [ID]     a producer's config, producer id, sequences, accumulator, counters
  producer restart ID        the producer crashes and restarts: new producer id; unanswered
                             records are sent again (transactional: InitProducerId bumps the
                             epoch, fencing the old instance; its open transaction is aborted)
  txn begin --transactional-id ID [--client-id C] [--producer-property k=v]...
                             initTransactions() (first time) and beginTransaction(); creates
                             __transaction_state on first use
  txn commit|abort --transactional-id ID [--client-id C]   end the open transaction
  txn describe               the coordinators' transactions and the transactional producers
      produce --producer-property transactional.id=ID ... sends in ID's open transaction;
      kafka-console-consumer.sh ... --isolation-level read_committed|read_uncommitted
  consumer add --group G --id ID --topics T[,T] [--assignor range|roundrobin|sticky|cooperative-sticky]
          [--instance-id I] [--consumer-property k=v]...   a consumer joins group G (ID is its
                             client id and member id); creates __consumer_offsets on first use
      (k=v: session.timeout.ms, heartbeat.interval.ms, max.poll.interval.ms, max.poll.records,
       auto.offset.reset, enable.auto.commit, auto.commit.interval.ms, isolation.level,
       fetch.min.bytes, fetch.max.wait.ms, max.partition.fetch.bytes, fetch.max.bytes,
       request.timeout.ms)
  consumer poll ID [--max N] [--timeout-ms T]
                             poll(T): auto-commit first, then Fetch requests to the partitions'
                             leaders until records come or T passes (default 1000 ms); the
                             leader answers once fetch.min.bytes are there, or after
                             fetch.max.wait.ms
  consumer run ID [--interval-ms N]
                             its application loops on its own: poll() every N ms of virtual
                             time (default 100), auto-commit as configured
  consumer pause ID          the loop stops: it polls when told (consumer poll)
  consumer commit ID         commitSync() of its positions
  consumer kill ID           it crashes (the coordinator notices after session.timeout.ms)
  consumer leave ID          close(): LeaveGroup, an immediate rebalance
  consumer stall ID          its application stops calling poll(): it leaves the group after
                             max.poll.interval.ms (a later poll rejoins)
  consumer describe          every consumer's member id, generation, assignment, positions
  kafka-consumer-groups.sh --list | --describe --group G [--members [--verbose] | --state]
  kafka-consumer-groups.sh --reset-offsets --group G --topic T
                   --to-earliest|--to-latest|--to-offset N [--execute]   (empty groups only)
  ls broker-N:/var/lib/kafka/data[/T-P]    a broker's data directory: segment files and sizes
  cat broker-N:/var/lib/kafka/data/FILE   a checkpoint file (replication-offset-checkpoint …)
  kafka-dump-log.sh --files PATH[,PATH] [--print-data-log] [--deep-iteration]
                   a segment's .log, .index or .timeindex in Kafka's format; PATH is
                   broker-N:/var/lib/kafka/data/T-P/00000000000000000000.log, or a real
                   Kafka file (a host path natively, an uploaded file in the page)
  lookup T-P OFFSET [--replica B]   every step of finding an offset: segment, index, scan
  lookup T-P --timestamp MS [--replica B]   the same for a timestamp (time index first)
  ledger [--records]         every record sent: acked, where it is, lost, duplicated
  replicas T-P               each replica's LEO, HW, epoch and ISR membership
  slow-broker B MS           broker B waits MS before each fetch (0: normal again)
  slow-broker --followers-of T-P MS   the same for every follower of T-P
  cut A B [--one-way]        lose every message between A and B (or only from A to B)
                             (A, B: a broker id, leader:T-P, followers:T-P, zk,
                              or a producer's client id)
  isolate B                  lose every message to and from broker B
  heal [A B]                 heal one link, or all of them
  drop PROB                  lose each message with probability PROB
  brokers N                  a fresh cluster of N brokers (ids 1..N)
  seed N                     a fresh cluster with random seed N
  advance MS                 let MS milliseconds of virtual time pass (also 5s, 2m)
  step [N]                   run the next N simulation events (default 1), one at a time
  kill-broker B              kill broker B (kill -9)
  kill-broker --leader-of T-P | --follower-of T-P
                             kill the broker leading (or the first following) partition T-P
  start-broker B | --all     restart broker B, or every dead broker
  events [--all]             everything that happened so far (--all: every broker's role change)
  time                       the virtual time
  help                       this text
  # ...                      a comment
";

impl Lab {
    /// A fresh, settled cluster of `brokers` brokers.
    pub fn new(brokers: u32, seed: u64) -> Self {
        let mut cluster = Cluster::new(brokers, seed);
        cluster.run_until(SETTLE_MS, Cluster::is_settled);
        Self {
            cluster,
            seed,
            brokers,
            origin: (brokers, seed),
            journal: Vec::new(),
            lang: Lang::En,
            event_budget: MAX_EVENTS_PER_COMMAND,
            host_files: storage::HostFiles::default(),
            console: None,
        }
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

    /// The cluster.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// The seed of the current cluster.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Every command run so far.
    pub fn journal(&self) -> &[JournalEntry] {
        &self.journal
    }

    /// Lets `ms` of virtual time pass.
    pub fn advance(&mut self, ms: Millis) {
        self.cluster.advance(ms);
    }

    /// Lets up to `ms` of virtual time pass, running at most `max_events` events (the page's
    /// clock calls this every frame, so a huge cluster slows the clock instead of the page).
    /// Returns false if it stopped early.
    pub fn advance_bounded(&mut self, ms: Millis, max_events: u64) -> bool {
        self.cluster.advance_bounded(ms, max_events)
    }

    /// Runs simulation items until `processed` have been handled in all, never past `at`,
    /// then sets the clock to `at`: with a replay, this reaches the exact point of the
    /// original run, even between two items due at the same millisecond.
    pub fn run_to(&mut self, at: Millis, processed: u64) {
        self.cluster.run_to(at, processed);
    }

    /// Runs the next simulation item only. Returns false if nothing is queued.
    pub fn step(&mut self) -> bool {
        self.cluster.step()
    }

    /// Rebuilds this lab from its journal, keeping the commands for which `keep` holds (all of
    /// them for a replay, the first few for a rewind). The same commands at the same points
    /// give the same state.
    pub fn replay(&self, keep: usize) -> Lab {
        let (brokers, seed) = self.origin;
        let mut lab = Lab::new(brokers, seed);
        for e in self.journal.iter().take(keep) {
            lab.cluster.run_to(e.at, e.processed);
            // Replayed commands succeed or fail exactly as they did the first time.
            let _ = lab.execute(&e.line);
        }
        lab
    }

    /// Runs one command line and returns its output (possibly empty), or one line saying
    /// what was wrong with it.
    pub fn execute(&mut self, line: &str) -> Result<String, String> {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Ok(String::new());
        }
        if let Some(console) = self.console.as_mut() {
            // Each line is a record, up to `EOF` (Ctrl-D in the page's console).
            self.journal.push(JournalEntry {
                at: self.cluster.now(),
                processed: self.cluster.processed(),
                line: trimmed.to_string(),
            });
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
            return console.line(&mut self.cluster, line.trim_end_matches(['\r', '\n']));
        }
        let words = split_words(trimmed)?;
        let Some((cmd, rest)) = words.split_first() else {
            return Ok(String::new());
        };
        let entry = JournalEntry {
            at: self.cluster.now(),
            processed: self.cluster.processed(),
            line: trimmed.to_string(),
        };
        let changes_state = !matches!(
            cmd.as_str(),
            "help"
                | "time"
                | "events"
                | "ledger"
                | "replicas"
                | "ls"
                | "cat"
                | "lookup"
                | "kafka-dump-log.sh"
                | "kafka-dump-log"
        );
        if changes_state {
            self.journal.push(entry);
        }
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
        result.map(|mut out| {
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
        match cmd {
            "kafka-topics.sh" | "kafka-topics" => topics::run(&mut self.cluster, rest),
            "kafka-configs.sh" | "kafka-configs" => replication::configs(&mut self.cluster, rest),
            "kafka-console-consumer.sh" | "kafka-console-consumer" => {
                replication::console_consumer(&mut self.cluster, rest, self.event_budget)
            }
            "produce" => replication::produce(&mut self.cluster, rest, self.event_budget),
            "client-version" => producer::client_version(&mut self.cluster, rest),
            "EOF" => Err(
                "EOF ends the records of kafka-console-producer.sh, and none is reading: start one with kafka-console-producer.sh --topic T"
                    .into(),
            ),
            "producer" => producer::producer(&mut self.cluster, rest, self.event_budget),
            "txn" => txn::txn(&mut self.cluster, rest, self.event_budget),
            "consumer" => groups::consumer(&mut self.cluster, rest, self.event_budget),
            "kafka-consumer-groups.sh" | "kafka-consumer-groups" => {
                groups::consumer_groups(&mut self.cluster, rest, self.event_budget)
            }
            "kafka-console-producer.sh" | "kafka-console-producer" => {
                let c = producer::start_console_producer(&mut self.cluster, rest)?;
                let topic = c.topic().to_string();
                self.console = Some(c);
                Ok(format!(
                    "(reading records for {topic}, one per line, until a line holding only EOF)\n"
                ))
            }
            "ledger" => replication::ledger(&self.cluster, rest),
            "replicas" => replication::replicas(&self.cluster, rest),
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
            "brokers" => {
                let n: u32 = one_number(cmd, rest)?;
                if !(1..=MAX_BROKERS).contains(&n) {
                    return Err(format!(
                        "brokers: choose between 1 and {MAX_BROKERS} brokers"
                    ));
                }
                self.reset(n, self.seed);
                Ok(format!(
                    "A fresh cluster of {n} broker{} (seed {}).\n",
                    if n == 1 { "" } else { "s" },
                    self.seed
                ))
            }
            "seed" => {
                let s: u64 = one_number(cmd, rest)?;
                self.reset(self.brokers, s);
                Ok(format!(
                    "A fresh cluster of {} brokers (seed {s}).\n",
                    self.brokers
                ))
            }
            "advance" => {
                let [ms] = rest else {
                    return Err("advance: give a duration, e.g. advance 6000 or advance 6s".into());
                };
                let ms = parse_duration(ms)?;
                if ms > MAX_ADVANCE_MS {
                    return Err(format!(
                        "advance: at most {MAX_ADVANCE_MS} ms (one virtual day) at a time"
                    ));
                }
                if self.cluster.advance_bounded(ms, self.event_budget) {
                    Ok(String::new())
                } else {
                    Err(format!(
                        "advance: stopped at {} ms after {} events; advance less at a time",
                        self.cluster.now(),
                        self.event_budget
                    ))
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
                for _ in 0..n {
                    if !self.cluster.step() {
                        break;
                    }
                }
                Ok(String::new())
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
            "help" => Ok(HELP.to_string()),
            other => Err(format!(
                "unknown command '{other}' (type 'help' for the list)"
            )),
        }
    }

    fn partition(&self, cmd: &str, tp: &str) -> Result<TopicPartition, String> {
        let tp = TopicPartition::parse(tp).ok_or_else(|| {
            format!("{cmd}: '{tp}' is not a partition (write it TOPIC-PARTITION, e.g. orders-0)")
        })?;
        if self.cluster.zk.partition_state(&tp).is_none() {
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
        let replicas = &self.cluster.zk.topics[&tp.topic].assignment[&tp.partition];
        Ok(replicas
            .iter()
            .copied()
            .filter(|&b| Some(b) != leader && self.cluster.brokers[&b].alive)
            .collect())
    }

    fn reset(&mut self, brokers: u32, seed: u64) {
        let journal = std::mem::take(&mut self.journal);
        let (origin, lang, budget) = (self.origin, self.lang, self.event_budget);
        let version = self.cluster.client_version;
        *self = Lab::new(brokers, seed);
        self.cluster.client_version = version;
        self.journal = journal;
        self.origin = origin;
        self.lang = lang;
        self.event_budget = budget;
    }
}

/// What running a script printed, and whether every command succeeded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptRun {
    /// Everything printed.
    pub output: String,
    /// Line numbers (from 1) of the commands that failed.
    pub failed_lines: Vec<usize>,
}

/// Runs `script` line by line, as `kafka-lab run` does: each command is printed after `$ `
/// (unless `quiet`), then its output; a failure prints `line N: problem` and the run goes on.
pub fn run_script(lab: &mut Lab, script: &str, quiet: bool) -> ScriptRun {
    let mut output = String::new();
    let mut failed_lines = Vec::new();
    for (i, line) in script.lines().enumerate() {
        let t = line.trim();
        if !quiet && !t.is_empty() && !t.starts_with('#') {
            output.push_str(&format!("$ {t}\n"));
        }
        match lab.execute(line) {
            Ok(text) => output.push_str(&text),
            Err(e) => {
                output.push_str(&format!("line {}: {e}\n", i + 1));
                failed_lines.push(i + 1);
            }
        }
    }
    ScriptRun {
        output,
        failed_lines,
    }
}

/// Event lines in `lang`, skipping per-broker role changes unless `all`.
pub fn narration(log: &[Logged], all: bool, lang: Lang) -> String {
    log.iter()
        .filter(|l| all || !l.event.is_detail())
        .map(|l| l.line(lang) + "\n")
        .collect()
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
    let bad = || format!("'{s}' is not a duration (write 6000, 6000ms, 6s, 2m or 1h)");
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
    let n: Millis = num.parse().map_err(|_| bad())?;
    n.checked_mul(mult).ok_or_else(bad)
}

#[cfg(test)]
mod tests;
