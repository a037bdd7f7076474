//! The lab's one translation table: every sentence a user reads, in English and Chinese.
//!
//! Keys are the variants of [`T`], so a missing text is a compile error, not a blank label.
//! Texts may hold `{name}` placeholders, filled by [`fill`]. The Chinese texts use the notes'
//! own terms (副本, 同步副本 ISR, 高水位 HW, 控制器 …) and keep Kafka's names (`leader`,
//! `epoch`, config keys) in Latin letters, as Chinese Kafka material does.

use std::fmt;

/// A language the lab speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// 中文 (Simplified Chinese).
    Zh,
}

impl Lang {
    /// The language code used in URLs and storage (`en`, `zh`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Parses `en` / `zh` (and `zh-CN` and the like).
    pub fn from_code(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s == "en" || s.starts_with("en-") {
            Some(Lang::En)
        } else if s == "zh" || s.starts_with("zh-") {
            Some(Lang::Zh)
        } else {
            None
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Builds [`T`] from the areas' tables (`i18n/*.rs`, each a `macro_rules!` link that appends
/// its keys and calls the next through `next_area!`) followed by the keys written here, in
/// that order (`T::ALL`'s order).
macro_rules! texts {
    (@areas [$($area:ident)*] $($tail:tt)*) => {
        next_area! { [] [$($area)*] $($tail)* }
    };
    (@all $( $key:ident => $en:literal, $zh:literal; )*) => {
        /// A key of the translation table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $( #[allow(missing_docs)] $key, )* }

        impl T {
            /// Every key, in table order.
            pub const ALL: &'static [T] = &[ $( T::$key, )* ];

            /// The text in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::En => match self { $( T::$key => $en, )* },
                    Lang::Zh => match self { $( T::$key => $zh, )* },
                }
            }
        }
    };
}

/// The chain's step: the next area's macro with the keys so far, or, after the last area,
/// `texts!` with all of them and the keys written in this file.
macro_rules! next_area {
    ([$($acc:tt)*] [$next:ident $($more:ident)*] $($tail:tt)*) => {
        $next! { [$($acc)*] [$($more)*] $($tail)* }
    };
    ([$($acc:tt)*] [] $($tail:tt)*) => {
        texts! { @all $($acc)* $($tail)* }
    };
}

// The table by area, one file each in `i18n/` (the page, the tabs, events, the CLI, the tour,
// KRaft …). New keys go at the end of the table below, in a `// --- <name> ---` block (or in
// the area file they belong to).
mod cli;
mod clients;
mod events;
mod fast;
mod kraft;
mod page;
mod panels;
mod presets;
mod replication;
mod storage;
mod tour;
use cli::cli_texts;
use clients::clients_texts;
use events::events_texts;
use fast::fast_texts;
use kraft::kraft_texts;
use page::page_texts;
use panels::panels_texts;
use presets::presets_texts;
use replication::replication_texts;
use storage::storage_texts;
use tour::tour_texts;

texts! {
    @areas [
        page_texts replication_texts storage_texts presets_texts events_texts clients_texts
        cli_texts fast_texts tour_texts panels_texts kraft_texts
    ]
    // --- lead ---
    CliCutNoZkInKraft => "there is no ZooKeeper in KRaft mode: cut a broker from the controller quorum with controllers (every controller) or controller:ID", "KRaft 模式下没有 ZooKeeper：要把 broker 和控制器仲裁隔开，请写 controllers（所有控制器）或 controller:ID";
    CliCutNoController => "there is no controller {id} (the controllers are {ids})", "没有控制器 {id}（控制器是 {ids}）";
    CliCutNotKraft => "{what}: there are no controller nodes in ZooKeeper mode (the controller is one of the brokers)", "{what}：ZooKeeper 模式下没有控制器节点（控制器是某个 broker）";
    FaultControllers => "The controllers", "控制器仲裁";
    // --- kweb2 ---
    PresetKrGroup => "KRaft · Kafka 4.1", "KRaft 预设 · Kafka 4.1";
    PresetKrCompareOpen => "Both eras side by side: Compare eras", "两个时代并排：对比两个时代";
    PresetKrNotesTitle => "What to notice", "值得注意";
    PresetKrFailoverTitle => "The active controller dies: the quorum elects another", "活动控制器宕机：仲裁组选出新的控制器";
    PresetKrFailover => "KRaft (Kafka 4.1) has no ZooKeeper: three controllers keep the cluster's metadata in the __cluster_metadata log with Raft. The active controller (the quorum leader) is killed; the other two notice its silence, ask for pre-votes, then vote in a higher epoch. The new leader carries on from the same metadata log: nothing the brokers knew is lost.", "KRaft（Kafka 4.1）没有 ZooKeeper：三个控制器用 Raft 把集群元数据保存在 __cluster_metadata 日志中。活动控制器（仲裁组的 leader）被杀死；另外两个发现它沉默后先发起预投票，再在更高的 epoch 中投票。新 leader 接着同一份元数据日志继续：broker 已知的一切都不会丢。";
    PresetKrFailoverN1 => "LeaderId 3001, LeaderEpoch 1: one controller leads the quorum; HighWatermark is the metadata log's committed end.", "LeaderId 3001、LeaderEpoch 1：一个控制器领导仲裁组；HighWatermark 是元数据日志已提交的末端。";
    PresetKrFailoverN2 => "Controller 3001 is dead. After controller.quorum.fetch.timeout.ms (2 s) the others ask for pre-votes; a split vote costs one epoch; the winner has the votes of a majority (2 of 3) and a higher epoch.", "控制器 3001 已宕机。controller.quorum.fetch.timeout.ms（2 秒）后，其余控制器先发起预投票；一次平票会多耗一个 epoch；胜者获得多数票（3 票中的 2 票），epoch 更高。";
    PresetKrFailoverN3 => "The metadata HW went on from where it was, and every partition kept its leader: the brokers only changed whom they fetch metadata from.", "元数据 HW 从原处继续增长，每个分区都保留了原来的 leader：broker 只是换了一个拉取元数据的对象。";
    PresetKrFencedTitle => "A broker dies: fenced after broker.session.timeout.ms", "broker 宕机：broker.session.timeout.ms 后被隔离";
    PresetKrFenced => "KRaft (Kafka 4.1): there is no ZooKeeper session. Each broker sends BrokerHeartbeat to the active controller; when none arrives within broker.session.timeout.ms (9 s) the controller fences the broker and writes PartitionChangeRecords: its leaderships move, it leaves every ISR. Restarted, it registers with a new broker epoch and is unfenced once its metadata caught up.", "KRaft（Kafka 4.1）：没有 ZooKeeper 会话。每个 broker 向活动控制器发送 BrokerHeartbeat；若在 broker.session.timeout.ms（9 秒）内没有收到，控制器就隔离该 broker 并写入 PartitionChangeRecord：它的 leader 迁走，它离开所有 ISR。重启后它以新的 broker epoch 注册，元数据追上后被解除隔离。";
    PresetKrFencedN1 => "5 s after the crash broker 2 is not fenced yet: it still leads orders-1 and is in every ISR, though nobody can reach it.", "宕机 5 秒后 broker 2 还没有被隔离：它仍是 orders-1 的 leader，仍在每个 ISR 中，尽管谁也连不上它。";
    PresetKrFencedN2 => "9 s without a heartbeat: fenced. orders-1 has a new leader and broker 2 left every ISR (Isr: 3,1).", "9 秒没有心跳：被隔离。orders-1 有了新 leader，broker 2 离开了所有 ISR（Isr: 3,1）。";
    PresetKrFencedN3 => "Back with a new broker epoch, unfenced, caught up and in every ISR again; every acknowledged record is there.", "以新的 broker epoch 回归，解除隔离，追上后重新进入每个 ISR；每条已确认的记录都在。";
    PresetKrElrTitle => "ELR keeps an acknowledged record the ISR-only rule loses", "ELR 保住了只看 ISR 的规则会丢的已确认记录";
    PresetKrElr => "Eligible Leader Replicas (KIP-966, on by default in Kafka 4.1). acks=all, min.insync.replicas=2, replication factor 3. When the ISR shrinks below min.insync.replicas, the replicas leaving it go into the ELR: they have every committed record, so they may still be elected. The last ISR member then dies uncleanly; a replica from the ELR comes back and becomes leader with every record. The ISR-only rule of the ZooKeeper era would leave the partition offline, or with unclean election elect any replica and risk losing acknowledged records.", "合格领导副本 ELR（KIP-966，Kafka 4.1 默认开启）。acks=all，min.insync.replicas=2，副本因子 3。当 ISR 缩小到 min.insync.replicas 以下时，离开 ISR 的副本进入 ELR：它们拥有每条已提交的记录，因此仍可被选为 leader。随后最后一个 ISR 成员非正常宕机；一个 ELR 中的副本回来并成为 leader，记录一条不少。ZooKeeper 时代只看 ISR 的规则会让分区离线；若开启 unclean 选举则会选任意副本，可能丢失已确认的记录。";
    PresetKrElrN1 => "Three records acknowledged with acks=all: all three replicas have them.", "三条记录以 acks=all 确认：三个副本都有。";
    PresetKrElrN2 => "Brokers 3 and 2 shut down cleanly. The ISR is [1], below min.insync.replicas=2, so broker 2 went into the ELR (Elr: 2) instead of just disappearing.", "broker 3 和 2 正常关闭。ISR 变为 [1]，低于 min.insync.replicas=2，于是 broker 2 进入了 ELR（Elr: 2），而不是就此消失。";
    PresetKrElrN3 => "Broker 1, the last ISR member, crashed and was fenced: leader -1, ISR empty, ELR [1,2]. The ISR-only rule would wait for broker 1 alone.", "最后一个 ISR 成员 broker 1 崩溃并被隔离：leader -1，ISR 为空，ELR [1,2]。只看 ISR 的规则只能等 broker 1 回来。";
    PresetKrElrN4 => "Broker 2 came back and was elected leader from the ELR (Leader: 2), a clean election: the ledger shows all three records kept, none lost.", "broker 2 回来后从 ELR 中被选为 leader（Leader: 2），这是一次干净的选举：账本显示三条记录全部保留，没有丢失。";
    PresetKrZkOfflineTitle => "The same failures in the ZooKeeper era: offline", "ZooKeeper 时代的同样故障：分区离线";
    PresetKrZkOffline => "The ELR case with the ISR-only rule (ZooKeeper mode, no ELR): both followers die and leave the ISR, then the last ISR member dies. Only an ISR member may lead, so the partition goes offline (Leader: none) and stays offline even when a replica with every acknowledged record is back. Enabling unclean.leader.election.enable would elect it at once, but that rule cannot tell a complete replica from a stale one.", "用只看 ISR 的规则（ZooKeeper 模式，没有 ELR）重演 ELR 的情形：两个 follower 宕机并离开 ISR，随后最后一个 ISR 成员也宕机。只有 ISR 成员可以当 leader，于是分区离线（Leader: none），即使拥有全部已确认记录的副本回来了也仍然离线。开启 unclean.leader.election.enable 会立刻选它，但该规则分不清完整的副本和落后的副本。";
    PresetKrZkOfflineN1 => "Both followers' sessions expired: the controller took them out of the ISR, now [3] alone. Nothing remembers they had every record.", "两个 follower 的会话过期：控制器把它们移出 ISR，只剩 [3]。没有任何地方记得它们拥有全部记录。";
    PresetKrZkOfflineN2 => "Broker 3 is dead and broker 2 is back, yet Leader: none. Compare the KRaft preset, where broker 2 is elected from the ELR.", "broker 3 已宕机，broker 2 已回来，但 Leader: none。对比 KRaft 预设：在那里 broker 2 从 ELR 中当选。";
    ElrLegendElr => "ELR: not in the ISR, still eligible to lead (KIP-966)", "ELR：不在 ISR 中，但仍有资格当 leader（KIP-966）";
    ElrLegendLastKnown => "LastKnownElr: the last ELR members, when no replica is eligible", "LastKnownElr：没有合格副本时记下的最后 ELR 成员";
    ElrState => "ELR [{elr}] · LastKnownElr [{lke}]", "ELR：[{elr}] · LastKnownElr：[{lke}]";
    ElrChipTitle => "Broker {broker}: in the ELR of {tp}", "broker {broker}：在 {tp} 的 ELR 中";
    ElrToElr => "Broker {broker} left the ISR of {tp} into the ELR: the ISR is below min.insync.replicas, and it has every committed record.", "broker {broker} 离开 {tp} 的 ISR，进入 ELR：ISR 低于 min.insync.replicas，而它拥有每条已提交的记录。";
    ElrElected => "{tp}: broker {broker} elected leader from the ELR (not from the ISR), without an unclean election.", "{tp}：broker {broker} 从 ELR（而不是 ISR）中当选 leader，无需 unclean 选举。";
    ElrRowTag => "in the ELR", "在 ELR 中";
    KrDisksTitle => "Controllers' metadata directories (KRaft)", "控制器的元数据目录（KRaft）";
    KrDisksHint => "No ZooKeeper: each controller keeps the cluster's metadata in its own __cluster_metadata-0 log (replicated by Raft) beside meta.properties, which names its node.id, cluster.id and directory.id (written by kafka-storage.sh format).", "没有 ZooKeeper：每个控制器把集群元数据保存在自己的 __cluster_metadata-0 日志中（由 Raft 复制），旁边是 meta.properties，记录它的 node.id、cluster.id 和 directory.id（由 kafka-storage.sh format 写入）。";
    KrDiskRecords => "{n} records · {bytes} bytes", "{n} 条记录 · {bytes} 字节";
    KrDiskStopped => "stopped (its files stay on disk)", "已停止（文件仍在磁盘上）";
    // --- end kweb2 ---
    // --- lead: producer form labels ---
    FieldTopic => "topic", "主题";
    FieldKey => "key", "键";
    FieldPartition => "partition", "分区";
    FieldValue => "value", "值";
    TxnBegin => "begin", "开始事务";
    TxnCommit => "commit", "提交";
    TxnAbort => "abort", "中止";
    TxnSendTo => "send → {tp}", "发送 → {tp}";
    // --- snap ---
    SnapNodeController => "controller {id}", "控制器 {id}";
    SnapNodeBroker => "broker {id}", "broker 节点 {id}";
    EvKraftSnapshotWritten => "{node} wrote a snapshot of its metadata image at offset {offset} (epoch {epoch}).", "{node} 在位移 {offset}（纪元 {epoch}）写下元数据镜像的快照。";
    EvKraftMetadataLogCleaned => "{node} deleted its metadata log and snapshots below offset {offset}: its log now starts there.", "{node} 删除了位移 {offset} 之前的元数据日志和快照：日志现在从那里开始。";
    EvKraftSnapshotFetched => "{node} fetched snapshot {offset} (epoch {epoch}) from the leader, controller {leader}: its fetch offset was below the leader's log start.", "{node} 从领导者控制器 {leader} 拉取了快照 {offset}（纪元 {epoch}）：它的拉取位移低于领导者的日志起点。";
    SnapLogStart => "log start {offset}", "日志起点 {offset}";
    SnapLatest => "snapshot {offset}", "快照 {offset}";
    SnapCardLine => "snapshot {snap} · start {start}", "快照 {snap} · 起点 {start}";
    SnapCheckpointBytes => "snapshot · {bytes} bytes", "快照 · {bytes} 字节";
    // --- end snap ---
    // --- kfix ---
    EvKraftBrokerShutdownNow => "Controller {controller} grants broker {broker} SHUTDOWN_NOW: it leads no partition (any more) and no active broker is behind its controlled-shutdown records. It is fenced, leaves the ISRs and stops.", "控制器 {controller} 允许 broker {broker} 立即关闭（SHUTDOWN_NOW）：它（已）不再是任何分区的 leader，且没有活跃 broker 落后于它的受控关闭记录。它被隔离，离开各个 ISR 并停止。";
    // --- end kfix ---
    // --- nodes ---
    EvKraftControllerShuttingDown => "Controller {node} shuts down cleanly: it resigns epoch {epoch} and sends EndQuorumEpoch to {successors} (its preferred successors, the most caught up first). It keeps answering votes until a new leader is known.", "控制器 {node} 正常关闭：它辞去纪元 {epoch} 的领导者，向 {successors} 发送 EndQuorumEpoch（首选继任者，日志最新的在前）。在知道新领导者之前，它继续回应投票。";
    EvKraftControllerShuttingDownFollower => "Controller {node} shuts down cleanly (epoch {epoch}): it does not lead, so it stops once it knows the leader.", "控制器 {node} 正常关闭（纪元 {epoch}）：它不是领导者，知道领导者是谁后即停止。";
    EvKraftControllerShuttingDownAlone => "Controller {node} shuts down cleanly: it led epoch {epoch} as the only voter, so there is no one to hand over to.", "控制器 {node} 正常关闭：它作为唯一的投票者领导纪元 {epoch}，没有可以交接的对象。";
    EvKraftEndQuorumEpoch => "Controller {node} got EndQuorumEpoch from {leader} (epoch {epoch}): it is number {place} among the preferred successors, so it asks for votes in {ms} ms instead of waiting out controller.quorum.fetch.timeout.ms.", "控制器 {node} 收到 {leader} 的 EndQuorumEpoch（纪元 {epoch}）：它在首选继任者中排第 {place}，因此 {ms} 毫秒后就请求投票，而不必等满 controller.quorum.fetch.timeout.ms。";
    EvKraftControllerStopped => "Controller {node} stopped: its clean shutdown is complete (it knows the quorum's leader, or it was the only voter).", "控制器 {node} 已停止：正常关闭完成（它已知道仲裁的领导者，或者它是唯一的投票者）。";
    EvKraftControllerStoppedTimeout => "Controller {node} stopped: no new leader within the shutdown's 5 s.", "控制器 {node} 已停止：关闭期间的 5 秒内没有选出新的领导者。";
    NodesStopActive => "Stop it cleanly", "正常关闭它";
    NodesStopTitle => "Shut controller {id} down cleanly: as the leader it resigns with EndQuorumEpoch (stop-controller {id})", "正常关闭控制器 {id}：若它是领导者，就用 EndQuorumEpoch 辞任（stop-controller {id}）";
    // --- end nodes ---
}

/// Fills `{name}` placeholders in `template` with the given values.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Shorthand: the text of `key` in `lang`, filled with `args`.
pub fn tr(lang: Lang, key: T, args: &[(&str, String)]) -> String {
    fill(key.get(lang), args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            let after = &rest[i + 1..];
            let Some(j) = after.find('}') else { break };
            out.insert(after[..j].to_string());
            rest = &after[j + 1..];
        }
        out
    }

    #[test]
    fn every_text_exists_in_both_languages_with_the_same_placeholders() {
        for &k in T::ALL {
            let (en, zh) = (k.get(Lang::En), k.get(Lang::Zh));
            assert!(
                !en.trim().is_empty() && !zh.trim().is_empty(),
                "{k:?} is empty"
            );
            assert_eq!(
                placeholders(en),
                placeholders(zh),
                "{k:?} placeholders differ"
            );
        }
    }

    #[test]
    fn chinese_texts_are_translated() {
        // A Chinese text equal to the English one is allowed only for names.
        let same: Vec<_> = T::ALL
            .iter()
            .filter(|k| k.get(Lang::En) == k.get(Lang::Zh))
            .collect();
        assert_eq!(
            same,
            [
                &T::Broker,
                &T::ZooKeeper,
                &T::Epoch,
                &T::IndexCol,
                &T::LeaderReplica,
                &T::FastClassic,
                &T::FastZero,
                &T::Acks,
                &T::Leo,
                &T::Hw,
                // kweb: Kafka's role names and offsets, kept in Latin letters.
                &T::KrRoleLeader,
                &T::KrRoleFollower,
                &T::KrLog
            ]
        );
    }

    #[test]
    fn fill_replaces_known_and_keeps_unknown() {
        assert_eq!(fill("a {x} b {y} {x}", &[("x", "1".into())]), "a 1 b {y} 1");
        assert_eq!(fill("brace { open", &[]), "brace { open");
    }

    #[test]
    fn lang_codes() {
        assert_eq!(Lang::from_code("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }
}
