//! `Ui::reduce`: one arm per [`Action`]; each ends with a refresh of the snapshots.

use std::rc::Rc;

use kafka_lab::cli::Lab;
use kafka_lab::cluster::producer::ClientVersion;
use kafka_lab::partitioner::{murmur2, partition_for_key};
use kafka_lab::presets::{commands, preset};
use kafka_lab::storage::segment::lookup_in_file;
use yew::Reducible;

use super::upload::read_upload;
use super::*;
use crate::components::controls::quote;

impl Reducible for Ui {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.clone_shell();
        match action {
            Action::Frame { now, dt } => {
                if !next.frame(now, dt) {
                    return self;
                }
                next.frame_only = true;
            }
            Action::TogglePlay => next.playing = !next.playing,
            Action::Step => {
                next.playing = false;
                next.lab.borrow_mut().step();
            }
            Action::SetSpeed(s) => next.speed = s.clamp(SPEED_RANGE.0, SPEED_RANGE.1),
            Action::SetLang(l) => {
                next.lang = l;
                next.lab.borrow_mut().set_lang(l);
            }
            Action::ToggleDetails => next.details = !next.details,
            Action::Exec(line) => next.exec(line),
            Action::Run { origin, lines } => {
                let mut failed = None;
                for line in lines {
                    if let Err(e) = next.exec_result(line) {
                        failed = Some(e);
                        break;
                    }
                }
                let mut f = (*next.failures).clone();
                match failed {
                    Some(message) => {
                        f.insert(
                            origin,
                            Failure {
                                hint: failure_hint(&message),
                                message,
                            },
                        );
                    }
                    None => {
                        f.remove(&origin);
                    }
                }
                next.failures = Shared::new(f);
            }
            Action::Inside(name) => next.inside = Some(name),
            Action::SetTab(t) => next.tab = t,
            Action::Select(tp) => next.selected = Some(tp),
            Action::SelectSegment(sel) => next.segment = Some(sel),
            Action::Lookup { tp, broker, offset } => {
                let found = kafka_lab::view::offset_lookup(
                    next.lab.borrow().cluster(),
                    &tp,
                    broker,
                    offset,
                );
                let run = found.map(|(b, trace)| LookupRun {
                    broker: Some(b),
                    what: tp.to_string(),
                    trace,
                    started: next.real_now,
                });
                if let Some(r) = &run {
                    if let Some(seg) = r.trace.segment {
                        next.segment = Some(SegmentSel {
                            broker: r.broker.unwrap_or_default(),
                            tp,
                            base: seg,
                        });
                    }
                }
                next.lookup = run;
            }
            Action::ClearLookup => next.lookup = None,
            Action::Upload { name, bytes } => {
                next.upload = Some(Shared::new(read_upload(&mut next, &name, bytes)));
                next.lookup = None;
            }
            Action::SendPick {
                topic,
                key,
                partition,
                value,
            } => {
                let partitions =
                    kafka_lab::view::partition_count(next.lab.borrow().cluster(), &topic)
                        .unwrap_or(0);
                next.inside = Some("picker".to_string());
                let mut line = format!("produce --topic {topic} --client-id picker");
                if let Some(k) = &key {
                    line += &format!(" --key {}", quote(k));
                }
                if let Some(p) = partition {
                    line += &format!(" --partition {p}");
                }
                line += &format!(" {}", quote(&value));
                let outcome = next.exec_outcome(line);
                let result = outcome.result;
                // Where it landed: the send the command created, as the ledger has it.
                let landed = outcome.sends.first().and_then(|id| {
                    let lab = next.lab.borrow();
                    lab.cluster().ledger().sends.get(id).map(|s| s.tp.partition)
                });
                let version = next.lab.borrow().cluster().client_version();
                let why = match (partition, &key) {
                    (Some(_), _) => "explicit",
                    (None, Some(_)) => "hash",
                    (None, None) if version == ClientVersion::V2_3 => "round-robin",
                    (None, None) => "sticky",
                };
                let pick = Pick {
                    hash: key.as_deref().map(|k| murmur2(k.as_bytes())),
                    partition: landed
                        .or(partition)
                        .or_else(|| {
                            key.as_deref()
                                .map(|k| partition_for_key(k.as_bytes(), partitions))
                        })
                        .unwrap_or(0),
                    key,
                    value,
                    partitions,
                    why,
                    result: match result {
                        Ok(out) => out.lines().next().unwrap_or_default().to_string(),
                        Err(e) => e,
                    },
                };
                let mut picks = vec![pick];
                picks.extend(next.picks.iter().take(7).cloned());
                next.picks = Shared::new(picks);
            }
            Action::RunLoad {
                batch_size,
                linger_ms,
                compression,
            } => {
                let now = next.lab.borrow().cluster().now();
                let n = next.load_results.len() + 1;
                let client = format!("load-{n}-{}", now);
                next.inside = Some(client.clone());
                next.load = Some(LoadRun {
                    client,
                    batch_size,
                    linger_ms,
                    compression,
                    remaining: LOAD_RECORDS,
                    every_ms: LOAD_EVERY_MS,
                    next_at: now,
                    started: now,
                    sent: 0,
                });
                next.playing = true;
            }
            Action::ClearLoad => {
                next.load = None;
                next.load_results = Shared::new(Vec::new());
            }
            Action::UploadRefused { name, size } => {
                next.upload = Some(Shared::new(Upload {
                    error: Some(format!(
                        "{name} is {size} bytes; the lab reads files up to {} bytes",
                        kafka_lab::cli::storage::MAX_FILE_BYTES
                    )),
                    name,
                    size: usize::try_from(size).unwrap_or(usize::MAX),
                    log: None,
                    index: Vec::new(),
                    base: 0,
                }));
            }
            Action::LookupUpload(offset) => {
                if let Some(u) = next.upload.clone() {
                    if let Some(log) = &u.log {
                        next.lookup = Some(LookupRun {
                            broker: None,
                            what: u.name.clone(),
                            trace: lookup_in_file(&log.batches, &u.index, u.base, offset),
                            started: next.real_now,
                        });
                    }
                }
            }
            Action::ToggleStream { topic, acks } => {
                next.inside = Some("stream".to_string());
                next.stream = match next.stream.take() {
                    Some(_) => None,
                    None => Some(Stream {
                        topic,
                        acks,
                        every_ms: STREAM_EVERY_MS,
                        next_at: next.lab.borrow().cluster().now(),
                        sent: 0,
                    }),
                };
            }
            Action::Trace { topic, acks } => {
                next.trace_count += 1;
                let client = format!("tracer-{}", next.trace_count);
                let line = format!(
                    "produce --topic {topic} --acks {acks} --async --client-id {client} traced-{n}",
                    n = next.trace_count
                );
                next.exec(line);
                next.inside = Some(client);
                let send = next
                    .lab
                    .borrow()
                    .cluster()
                    .ledger()
                    .sends
                    .keys()
                    .last()
                    .copied();
                next.trace = send.map(|send| Trace {
                    send,
                    stage: Some(1),
                    acks,
                });
                next.playing = false;
            }
            Action::TraceNext => {
                next.playing = false;
                if let Some(t) = next.trace.clone() {
                    let mut lab = next.lab.borrow_mut();
                    for _ in 0..20_000 {
                        if !lab.step() {
                            break;
                        }
                        let s = kafka_lab::trace::stage(lab.cluster(), t.send);
                        if s != t.stage {
                            break;
                        }
                    }
                }
            }
            Action::PlayPreset(id) => {
                if let Some(p) = preset(id) {
                    next.preset_runs += 1;
                    next.stream = None;
                    next.trace = None;
                    next.failures = Shared::new(Failures::new());
                    next.inside = None;
                    next.exec("seed 1".to_string());
                    next.preset = Some(PresetRun {
                        id: p.id,
                        commands: commands(p).into_iter().map(String::from).collect(),
                        next: 0,
                        waiting_until: None,
                    });
                    // The consumer tab plays its presets where it is (groups, lag, data
                    // flow); the others play on the replication tab (the ledger).
                    if next.tab != Tab::Consumers {
                        next.tab = Tab::Replication;
                    }
                    next.selected = None;
                    next.playing = true;
                    next.run_preset();
                }
            }
            Action::StopPreset => next.preset = None,
            Action::OpenCompare => {
                next.tab = Tab::Cluster;
                next.compare_opens += 1;
            }
            Action::StepBack => {
                next.playing = false;
                next.lab.borrow_mut().step_back();
                next.jumped();
            }
            Action::SeekStart => {
                next.playing = false;
                let mut lab = next.lab.borrow_mut();
                let start = lab.start();
                lab.seek(start);
                drop(lab);
                next.jumped();
            }
            Action::SeekLive => {
                let mut lab = next.lab.borrow_mut();
                let live = lab.live();
                lab.seek(live);
                drop(lab);
                next.jumped();
            }
            Action::SeekTime(at) => {
                next.playing = false;
                next.lab.borrow_mut().seek_time(at);
                next.jumped();
            }
            Action::Seek(pos) => {
                next.playing = false;
                next.lab.borrow_mut().seek(pos);
                next.jumped();
            }
            Action::Undo => {
                next.playing = false;
                next.lab.borrow_mut().undo();
                next.tm.forked = None;
                next.jumped();
            }
            Action::SwitchBranch(id) => {
                next.playing = false;
                // Ids come from the branch list; an unknown one changes nothing.
                let _ = next.lab.borrow_mut().switch_branch(id);
                next.tm.forked = None;
                next.jumped();
            }
            Action::Reset => {
                let fresh = Ui::opening(next.lang, next.speed, next.playing);
                next.restart(fresh);
            }
            Action::PlayScript { text } => {
                let fresh = Ui::new(Lab::default(), next.lang, next.speed, true);
                next.restart(fresh);
                next.preset_runs += 1;
                next.preset = Some(PresetRun {
                    id: SCRIPT_ID,
                    commands: script_lines(&text),
                    next: 0,
                    waiting_until: None,
                });
                next.playing = true;
                next.run_preset();
            }
            Action::ScriptRefused(why) => next.tm.script_error = Some(why),
            Action::MakeLink => next.tm.share = Some(next.link()),
            Action::ClearShare => next.tm.share = None,
            Action::DismissBanner => next.tm.banner = None,
            Action::DismissFork => next.tm.forked = None,
            Action::ToggleShortcuts => next.shortcuts_open = !next.shortcuts_open,
            Action::CloseShortcuts => next.shortcuts_open = false,
            Action::Tour(msg) => {
                let then = crate::tour::apply(&mut next, msg);
                next.refresh();
                crate::tour::observe(&mut next);
                return then.into_iter().fold(Rc::new(next), |ui, a| ui.reduce(a));
            }
        }
        next.refresh();
        crate::tour::observe(&mut next);
        Rc::new(next)
    }
}
