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

macro_rules! texts {
    ($( $key:ident => $en:literal, $zh:literal; )*) => {
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

texts! {
    // ---- the page's chrome
    AppTitle => "Kafka Lab", "Kafka 实验室";
    AppTagline => "A live Kafka cluster in your browser: break it and watch what really happens.",
                  "浏览器里的一个活的 Kafka 集群：亲手弄坏它，看看到底会发生什么。";
    Play => "Play", "播放";
    Pause => "Pause", "暂停";
    Step => "Step", "单步";
    StepTitle => "Run the next event only", "只执行下一个事件";
    Speed => "Speed", "速度";
    DiskSummary => "{dirs} partition directories ({leaders} leaders), {segments} segments, {bytes} B", "{dirs} 个分区目录（{leaders} 个 leader），{segments} 个段，{bytes} B";
    DiskShowAll => "Show the other {n} directories", "显示其余 {n} 个目录";
    DiskShowFewer => "Show fewer", "收起";
    SegmentFileTitle => "{batches} batches; .index {index} entries, .timeindex {time} entries", "{batches} 个批次；.index {index} 个条目，.timeindex {time} 个条目";
    OvLeaders => "leaders", "leader";
    OvInSync => "in sync", "同步";
    OvOutOfSync => "out of sync", "未同步";
    OvOffline => "offline", "离线";
    OvTitle => "The cluster at a glance", "集群概览";
    OvHint => "Too many replicas to draw one by one: each broker shows its counts, and the partitions that need attention are listed here. Open a topic or a broker to see its partitions.", "副本太多，无法逐个画出：每个 broker 显示数量统计，需要关注的分区列在这里。展开一个主题或 broker 可查看它的分区。";
    OvSummary => "{brokers} brokers ({dead} dead), {partitions} partitions: {urp} under-replicated, {offline} offline", "{brokers} 个 broker（{dead} 个宕机），{partitions} 个分区：{urp} 个副本不足，{offline} 个离线";
    OvOfflineTitle => "Offline partitions (no leader): {n}", "离线分区（没有 leader）：{n}";
    OvUrpTitle => "Under-replicated partitions (ISR smaller than the replicas): {n}", "副本不足的分区（ISR 少于副本）：{n}";
    OvIsrOf => "ISR {isr} of replicas {replicas}", "ISR {isr}，副本 {replicas}";
    OvMore => "… and {n} more", "……还有 {n} 个";
    OvTopics => "Topics", "主题";
    OvTopic => "Topic", "主题";
    OvPartitions => "Partitions", "分区数";
    OvPartition => "Partition", "分区";
    OvUrp => "Under-replicated", "副本不足";
    OvOfflineCol => "Offline", "离线";
    OvLeader => "Leader", "leader";
    OvReplicas => "Replicas", "副本";
    OvNone => "none", "无";
    OvShow => "Show", "展开";
    OvHide => "Hide", "收起";
    OvBrokers => "Brokers", "broker";
    SpeedBehind => "runs at {speed}", "实际 {speed}";
    SpeedBehindTitle => "The simulation cannot keep up with this speed within a frame's time: virtual time runs slower, so frames stay short.", "模拟在一帧的时间内跟不上这个速度：虚拟时间走得慢一些，以保证每帧都很短。";
    VirtualTime => "virtual time", "虚拟时间";
    EventNumber => "event #{n}", "第 {n} 个事件";
    Language => "Language", "语言";
    EventLog => "What happened", "事件日志";
    ShowDetails => "role changes", "角色变化";
    EventLogEmpty => "Nothing has happened yet.", "还没有发生任何事件。";
    Console => "Console", "控制台";
    ConsoleHint => "Type a command, e.g. kafka-topics.sh --describe  (↑/↓ history, 'help' lists all)",
                   "输入命令，例如 kafka-topics.sh --describe（↑/↓ 历史，help 列出全部）";
    ConsoleRun => "Run", "执行";
    ConsoleWelcome => "This console runs the same commands as the kafka-lab program. The lab opened with the command below; type help for the others.",
                      "这个控制台与 kafka-lab 程序执行相同的命令。实验室启动时执行了下面这条命令；输入 help 查看其他命令。";
    Cluster => "Kafka cluster", "Kafka 集群";
    ClusterHint => "Click a broker to kill it; click it again to restart it.",
                   "点击一个 broker 杀死它；再点一次重启它。";
    Broker => "Broker", "Broker";
    Controller => "Controller", "控制器";
    Dead => "dead", "已宕机";
    SessionExpiresIn => "ZK notices in {secs} s", "ZK {secs} 秒后发现";
    KillBrokerTitle => "Kill broker {broker} (kill -9)", "杀死 broker {broker}（kill -9）";
    RestartBrokerTitle => "Restart broker {broker}", "重启 broker {broker}";
    ZooKeeper => "ZooKeeper", "ZooKeeper";
    ZkEra => "ZooKeeper mode (Kafka 0.9 – 3.x, as in the notes)", "ZooKeeper 模式（Kafka 0.9 – 3.x，与笔记一致）";
    Producers => "Producers", "生产者";
    ProducersTab => "See the Producer tab: partitioners, batching, idempotence, transactions.", "见“生产者”页：分区器、批处理、幂等、事务。";
    ConsumerGroups => "Consumer groups", "消费者组";
    ConsumersTab => "See the Consumers tab: groups, assignors, rebalances, lag.", "见“消费者”页：消费者组、分配策略、再均衡、滞后。";
    LegendLeader => "leader replica", "leader 副本";
    LegendFollower => "follower replica (in ISR)", "follower 副本（在 ISR 中）";
    LegendOutOfSync => "follower out of ISR", "不在 ISR 中的 follower";
    LegendOffline => "offline (broker dead)", "离线（broker 宕机）";
    LegendMessage => "message in flight", "传输中的消息";
    NoTopics => "No topics yet. Try: kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3",
                "还没有 topic。试试：kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3";
    PanicTitle => "Kafka Lab crashed. This is a bug; please report it with the text below.",
                  "Kafka 实验室崩溃了。这是一个缺陷，请附上下面的文字报告它。";
    Reload => "Reload the page", "重新加载页面";
    Epoch => "epoch", "epoch";
    ExplainTitle => "What you are looking at", "图中是什么";
    ExplainCluster => "Each broker holds replicas of the topic's partitions. For every partition one replica is the leader (L, filled): producers write to it and consumers read from it. The others are followers (F) that copy the leader; those that keep up form the ISR, the in-sync replicas. eN is the leader epoch, bumped on every leader change.",
                      "每个 broker 保存着 topic 各分区的副本。每个分区只有一个副本是 leader（L，实心）：生产者写它，消费者读它。其余副本是 follower（F），从 leader 复制数据；跟得上的副本组成 ISR（同步副本）。eN 是 leader epoch，每换一次 leader 加一。";
    ExplainController => "One broker is the controller (★): the first to create /controller in ZooKeeper. When a broker dies, ZooKeeper only notices once its session expires (zookeeper.session.timeout.ms: 6000 ms here, as in Kafka up to 2.4; 18000 since 2.5). Then the controller picks, for each partition the dead broker led, the first live replica of the ISR in assignment order, bumps the epoch and tells the brokers. Kill the controller itself and the other brokers race to replace it.",
                         "有一个 broker 是控制器（★）：它最先在 ZooKeeper 中创建了 /controller。broker 宕机后，ZooKeeper 要等它的会话过期才会发现（zookeeper.session.timeout.ms：这里是 6000 毫秒，与 Kafka 2.4 及以前一致；2.5 起为 18000）。随后控制器为它原来领导的每个分区，按副本分配顺序选出 ISR 中第一个存活的副本作为新 leader，把 epoch 加一并通知各 broker。如果杀死控制器本身，其余 broker 会抢着接替它。";
    AdminClient => "admin client", "管理客户端";
    AdminClientHint => "kafka-topics.sh talks to the controller", "kafka-topics.sh 向控制器发请求";
    Znodes => "znodes", "节点";
    MoreLines => "… {n} more", "… 还有 {n} 条";
    MoreReplicas => "+ {n} more replicas", "+ 另外 {n} 个副本";
    Dropped => "lost: receiver is dead", "丢失：接收方已宕机";

    // --- tmweb ---
    KeyPlayPause => "Play / pause", "播放 / 暂停";
    KeyStepForward => "One event forward", "前进一个事件";
    KeyStepBack => "One event back", "后退一个事件";
    KeyStart => "To the start of the run", "回到这次运行的开头";
    KeyLive => "To the live point (the run's present)", "回到实时点（这次运行的当前时刻）";
    KeySlower => "Slower", "减速";
    KeyFaster => "Faster", "加速";
    KeyUndo => "Undo the last command", "撤销上一条命令";
    KeyHelp => "Show or hide this list", "显示或隐藏此列表";
    KeyClose => "Close this list", "关闭此列表";
    KeySpace => "Space", "空格键";
    KeyHome => "Home", "Home 键";
    KeyEnd => "End", "End 键";
    KeyEsc => "Esc", "Esc 键";
    ShortcutsTitle => "Keyboard shortcuts", "键盘快捷键";
    ShortcutsNote => "Shortcuts do nothing while you type in the console or in a field.", "在控制台或输入框里打字时，快捷键不起作用。";
    ShortcutsButtonTitle => "Keyboard shortcuts (?)", "键盘快捷键（?）";
    Close => "Close", "关闭";
    TlTrack => "Timeline of the run: click or drag to go back to any moment", "这次运行的时间线：点击或拖动即可回到任意时刻";
    TlStartTitle => "To the start of the run (Home)", "回到这次运行的开头（Home 键）";
    TlBackTitle => "One event back (←)", "后退一个事件（←）";
    TlForwardTitle => "Run the next event (→)", "执行下一个事件（→）";
    TlLive => "Live", "实时";
    TlLiveTitle => "To the live point: the run's present (End)", "回到实时点：这次运行的当前时刻（End 键）";
    TlAt => "at {t}", "位于 {t}";
    TlLiveAt => "live {t}", "实时点 {t}";
    TlPast => "Viewing the past: Play replays what happened; a command starts a branch.", "正在查看过去：播放会重演当时发生的事；执行命令会开出一个新分支。";
    TlBeforeCluster => "before this cluster", "在这个集群之前";
    TlUndo => "Undo", "撤销";
    TlUndoTitle => "Undo the last command (Ctrl/⌘ + Z)", "撤销上一条命令（Ctrl/⌘ + Z）";
    TlReset => "Reset", "重置";
    TlResetTitle => "Start afresh with the same seed, as the page opens", "用同一个种子重新开始，和刚打开页面时一样";
    TlCopyLink => "Copy link", "复制链接";
    TlCopyLinkTitle => "Put this run in a link: its commands, the position on the timeline, the tab and the language", "把这次运行放进一个链接：命令、时间线上的位置、标签页和语言";
    TlLinkLabel => "Link to this run (copied to the clipboard if the browser allowed it):", "这次运行的链接（如果浏览器允许，已复制到剪贴板）：";
    TlDownload => "Download script", "下载脚本";
    TlDownloadTitle => "Save the run as a .klab script: kafka-lab run FILE replays it", "把这次运行保存为 .klab 脚本：用 kafka-lab run FILE 可以重放";
    TlOpenScript => "Play script…", "播放脚本…";
    TlOpenScriptTitle => "Play a .klab script from a fresh lab (or drop one on the page)", "在全新的实验室里播放一个 .klab 脚本（也可以把文件拖到页面上）";
    TlScriptTooBig => "{name} is {size} bytes; the lab plays scripts up to {max} bytes.", "{name} 有 {size} 字节；本实验室只播放不超过 {max} 字节的脚本。";
    TlForked => "You acted in the past: the old future was kept as branch {k}.", "你在过去做了操作：原来的未来保留为分支 {k}。";
    TlBranches => "Branches:", "分支：";
    TlBranchCurrent => "#{k} current · {n} commands", "#{k} 当前 · {n} 条命令";
    TlBranchFrom => "#{k} · from command {i}: {line}", "#{k} · 从第 {i} 条命令起：{line}";
    TlBranchPrefix => "#{k} · the first {i} commands, run on to {t} s", "#{k} · 前 {i} 条命令，运行到 {t} 秒";
    TlLinkBad => "This link could not be opened: {why}. The lab starts fresh.", "无法打开这个链接：{why}。实验室重新开始。";
    TlSavedBad => "The run saved in this browser could not be restored: {why}. The lab starts fresh.", "无法恢复保存在这个浏览器里的运行：{why}。实验室重新开始。";
    // --- end tmweb ---

    // ---- replication tab
    TabCluster => "Cluster", "集群";
    TabReplication => "Replication & acks", "副本与 acks";
    TabStorage => "Storage & lookup", "存储与查找";
    TabProducer => "Producer", "生产者";
    ReasonJoinEmpty => "a new member joined an empty group", "新成员加入了空组";
    ReasonRejoined => "a member rejoined", "有成员重新加入";
    ReasonJoined => "a new member joined", "新成员加入";
    ReasonLeft => "a member left", "有成员离开";
    ReasonNoRejoin => "did not rejoin within the rebalance timeout", "未在再均衡超时内重新加入";
    ReasonLeaveGroup => "left the group (LeaveGroup)", "离开了组（LeaveGroup）";
    ReasonSessionTimeout => "no heartbeat for session.timeout.ms={ms}", "超过 session.timeout.ms={ms} 没有心跳";
    LagChartTitle => "Lag over time: records written but not yet committed, per group", "滞后随时间变化：每个组已写入但尚未提交的记录数";
    VirtualSeconds => "virtual time (s)", "虚拟时间（秒）";
    StorageKafka => "kafka: __consumer_offsets (0.9+)", "kafka：__consumer_offsets（0.9+）";
    StorageZk => "zookeeper: /consumers/… znodes (0.8)", "zookeeper：/consumers/… 节点（0.8）";
    ZkOffsetsTitle => "ZooKeeper znodes (offsets.storage=zookeeper, Kafka 0.8; the group's membership still goes through the coordinator in the lab)", "ZooKeeper 节点（offsets.storage=zookeeper，Kafka 0.8；实验室里组成员管理仍经由协调者）";
    TabConsumers => "Consumers", "消费者";
    ConsumersTitle => "Consumer groups: assignors, rebalances, offsets, lag", "消费者组：分配策略、再均衡、位移、滞后";
    ConsumersHint => "Add consumers to a group: the group coordinator (the leader of the group's __consumer_offsets partition) runs JoinGroup/SyncGroup, the first member computes the assignment with the chosen assignor, and each partition goes to exactly one member; extra members sit idle. Kill one: after session.timeout.ms (45 s, Kafka 3.x) it is removed and its partitions move. Poll reads up to the high watermark; commit writes the next offset to read into __consumer_offsets.", "向组里添加消费者：组协调者（该组 __consumer_offsets 分区的 Leader）执行 JoinGroup/SyncGroup，第一个成员用所选策略计算分配，每个分区只归一个成员；多出来的成员空闲。杀掉一个：过了 session.timeout.ms（Kafka 3.x 为 45 秒）后它被移出，分区转给别人。poll 读到高水位为止；commit 把下一个要读的位移写进 __consumer_offsets。";
    AddConsumer => "add consumer {id}", "添加消费者 {id}";
    Produce30 => "produce 30 records to {topic}", "向 {topic} 发送 30 条记录";
    State => "state", "状态";
    Assigned => "partitions", "分区";
    Poll => "poll", "拉取";
    Commit => "commit", "提交";
    Leave => "leave", "离开";
    Stall => "stop polling", "停止 poll";
    NoGroups => "No consumer group yet: add a consumer above.", "还没有消费者组：在上方添加一个消费者。";
    GroupLine => "generation {gen} · assignor {assignor} · leader {leader} · coordinator broker {broker} (__consumer_offsets-{p})", "第 {gen} 代 · 策略 {assignor} · 组长 {leader} · 协调者 broker {broker}（__consumer_offsets-{p}）";
    Owner => "owner", "归属";
    NoCommits => "no commit yet", "还没有提交";
    TimelineTitle => "Rebalances: what each member owns, over the last 30 s of virtual time", "再均衡：每个成员持有哪些分区（最近 30 秒虚拟时间）";
    TimelineHint => "Eager assignors (range, roundrobin, sticky): at a rebalance every member gives up all its partitions and stops (hatched) until the new generation arrives. cooperative-sticky: members keep consuming what they keep; only the partitions that move pause, over two rebalances.", "急切式分配器（range、roundrobin、sticky）：再均衡时每个成员交出全部分区并停止消费（斜线），直到新一代分配到达。cooperative-sticky：成员继续消费保留的分区，只有被移动的分区暂停，分两轮再均衡完成。";
    PhaseStopped => "stopped: owns nothing while the group rebalances", "停止：再均衡期间不持有任何分区";
    PhaseIdle => "idle: more members than partitions", "空闲：成员多于分区";
    PhaseConsuming => "consuming", "消费中";
    PhaseKeeps => "keeps consuming while the group rebalances", "再均衡期间继续消费";
    RebalanceSpan => "rebalance → generation {gen}", "再均衡 → 第 {gen} 代";
    RebalanceOpen => "rebalancing…", "再均衡中…";
    ConsumerPresetsTitle => "Presets: the log-collection pipeline (notes 8), the docker-compose topologies (notes 20)", "预设：日志采集管道（笔记第 8 节）、docker-compose 拓扑（笔记第 20 节）";
    ProtocolClassic => "classic (JoinGroup/SyncGroup, the client assigns)", "classic（JoinGroup/SyncGroup，客户端分配）";
    ProtocolConsumer => "consumer (Kafka 4.0, KIP-848: the broker assigns)", "consumer（Kafka 4.0，KIP-848：broker 分配）";
    FetchMinBytesHint => "fetch.min.bytes: the leader holds a fetch until this many bytes are readable, or fetch.max.wait.ms (2000 here) passes", "fetch.min.bytes：leader 扣住拉取请求，直到可读字节数达到该值，或 fetch.max.wait.ms（此处 2000）到期";
    GroupLineKip848 => "group epoch {epoch} · target assignment epoch {target} · assignor {assignor} (on the broker) · coordinator broker {broker} (__consumer_offsets-{p})", "组 epoch {epoch} · 目标分配 epoch {target} · 分配器 {assignor}（在 broker 上）· 协调者 broker {broker}（__consumer_offsets-{p}）";
    FlowTitle => "Data flow: who writes into Kafka, who reads, how far behind", "数据流：谁写入 Kafka、谁在读、落后多少";
    FlowProducers => "producers (sources, collectors)", "生产者（数据源、采集器）";
    FlowTopics => "Kafka topics", "Kafka 主题";
    FlowTopicSub => "{p} partitions · {n} records", "{p} 个分区 · {n} 条记录";
    FlowGroups => "consumer groups (sinks)", "消费者组（下游）";
    FlowLag => "lag {lag}", "滞后 {lag}";
    FlowSent => "{n} sent", "已发送 {n}";
    ProducerTabTitle => "The producer: partitioner, accumulator, sender", "生产者：分区器、累加器、发送线程";
    ClientVersion => "Client defaults", "客户端默认值";
    Version23 => "Kafka 2.3 (the notes' era)", "Kafka 2.3（笔记年代）";
    Version3 => "Kafka 3.x (idempotent, sticky)", "Kafka 3.x（幂等、粘性分区）";
    Version40 => "Kafka 4.0 (linger.ms=5)", "Kafka 4.0（linger.ms=5）";
    PickTitle => "Where does a record go? (notes 3)", "记录发往哪个分区？（笔记 3）";
    PickHint => "An explicit partition wins; a key goes to toPositive(murmur2(key)) % partitions, so the same key always lands in the same partition; a record without a key goes round-robin (Kafka 2.3) or sticks to one partition until a batch is full (3.x).", "显式指定的分区优先；有 key 的记录发往 toPositive(murmur2(key)) % 分区数，同一个 key 总在同一分区；没有 key 的记录轮询（Kafka 2.3），或粘在一个分区直到批次写满（3.x）。";
    NoKey => "(no key)", "（无 key）";
    PartitionAuto => "auto", "自动";
    Landed => "landed", "落在";
    Why => "why", "原因";
    WhyHash => "murmur2(\"{key}\") = {hash} → toPositive = {pos} → {pos} % {n} = {p}", "murmur2(\"{key}\") = {hash} → 取正 toPositive = {pos} → 对分区数取模 {pos} % {n} = {p}";
    WhyExplicit => "explicit partition: the partitioner is not asked", "显式分区：不经过分区器";
    WhyRoundRobin => "no key, Kafka 2.3: the next partition with a leader, in turn", "无 key，Kafka 2.3：依次轮到下一个有 Leader 的分区";
    WhySticky => "no key, Kafka 3.x: the sticky partition, kept until batch.size bytes went to it", "无 key，Kafka 3.x：粘性分区，直到写满 batch.size 字节才换";
    PipelineTitle => "Inside the producer (notes 19)", "生产者内部（笔记 19）";
    NoProducer => "No producer yet: send a record above, or run the batching experiment below.", "还没有生产者：在上方发送一条记录，或运行下方的批处理实验。";
    MainThread => "Main thread", "主线程";
    SenderThread => "Sender thread: requests in flight", "Sender 线程：在途请求";
    AccumulatorEmpty => "empty: every batch has been sent", "空：所有批次都已发出";
    NothingInFlight => "no request waiting for an answer", "没有等待应答的请求";
    BatchTip => "{n} record(s), {bytes} bytes, {age} ms old, base sequence {seq}", "{n} 条记录，{bytes} 字节，已等 {age} ms，起始序号 {seq}";
    ProducerStatsLine => "{records} records sent in {batches} batches and {requests} requests ({per} records per batch), {retries} batches retried, mean latency {latency} ms", "已发送 {records} 条记录，{batches} 个批次，{requests} 个请求（每批 {per} 条），重试 {retries} 个批次，平均延迟 {latency} ms";
    BatchingTitle => "Batching: batch.size and linger.ms (notes 19)", "批处理：batch.size 与 linger.ms（笔记 19）";
    BatchingHint => "Each run sends {n} records to orders-0, one every {every} ms of virtual time, from a fresh producer. A batch leaves when it is full (batch.size) or has waited linger.ms: waiting longer fills batches (fewer requests, more throughput) and costs latency.", "每次运行由一个新的生产者向 orders-0 发送 {n} 条记录，虚拟时间每 {every} ms 一条。批次写满（batch.size）或等满 linger.ms 就发送：等得越久批次越满（请求更少、吞吐更高），延迟也越高。";
    RunLoad => "Run", "运行";
    Clear => "Clear", "清除";
    LoadRunning => "sending… {sent} / {n}", "发送中… {sent} / {n}";
    Batches => "batches", "批次";
    RecordsPerBatch => "records / batch", "每批记录数";
    Requests => "requests", "请求数";
    MeanLatency => "mean latency", "平均延迟";
    ChartLabel => "records per batch and mean latency for each run", "每次运行的每批记录数与平均延迟";
    IdempotenceTitle => "Idempotence (notes 12)", "幂等性（笔记 12）";
    IdempotenceHint => "Play the notes' duplicate, then the same story with enable.idempotence=true, then a producer restart: each plays in the Replication tab with its ledger.", "先播放笔记里的重复案例，再看开启 enable.idempotence=true 的同一过程，最后看生产者重启：都在“复制”页播放并显示账本。";
    // ---- the storage tab
    DisksTitle => "Each broker's disk: log.dirs = /var/lib/kafka/data", "每个 broker 的磁盘：log.dirs = /var/lib/kafka/data";
    DisksHint => "Every replica writes the same record batches into segment files. Click a file to open it. The lab's brokers run with log.segment.bytes=1024 and log.index.interval.bytes=128 (Kafka's defaults: 1 GiB and 4096) so segments roll within seconds.",
                 "每个副本都把同样的记录批次写进日志段文件。点击文件打开它。实验室的 broker 使用 log.segment.bytes=1024、log.index.interval.bytes=128（Kafka 默认：1 GiB 和 4096），所以几秒内就能看到日志段滚动。";
    DiskDead => "dead (its disk stays)", "已宕机（磁盘仍在）";
    ActiveSegment => "active", "活跃段";
    Entries => "entries", "条";
    NoSegment => "Produce records one batch each, so segments roll and index entries appear (the button, or `{cmd}` in the console), then click a .log file.",
                 "让每条记录单独成为一个批次写入，日志段就会滚动、出现索引项（点下面的按钮，或在控制台输入 `{cmd}`），然后点击一个 .log 文件。";
    SegmentTitle => "Inside {file} on broker {broker}", "broker {broker} 上的 {file} 内部";
    SegmentHint => "Left: the sparse .index (relative offset → byte position), one entry after each index.interval.bytes written. Right: the record batches in the .log. Arrows: where each index entry points.",
                   "左边：稀疏的 .index（相对 offset → 字节位置），每写入 index.interval.bytes 字节才记一条。右边：.log 里的记录批次。箭头：每条索引指向的位置。";
    IndexCol => ".index", ".index";
    LogCol => ".log batches", ".log 批次";
    RecordsTitle => "Records", "记录";
    LookupTitle => "Find an offset (notes 10)", "按 offset 查找消息（笔记第 10 节）";
    LookupHint => "Kafka finds the segment with the largest base offset ≤ the target, binary-searches its index for the last entry ≤ the target, then reads batch headers from there.",
                  "Kafka 先找到基准 offset ≤ 目标的最大日志段，再在它的索引里二分查找 ≤ 目标的最后一条，然后从那个位置开始读批次头。";
    LookupButton => "Look up", "查找";
    PartitionLabel => "Partition", "分区";
    LookupReplica => "Replica", "副本";
    LeaderReplica => "leader", "leader";
    StepSegment => "Segment: the largest base offset ≤ {target} is {base}.", "日志段：基准 offset ≤ {target} 的最大者是 {base}。";
    StepProbe => "Index slot {slot}: offset {key} {cmp} {target}", "索引槽 {slot}：offset {key} {cmp} {target}";
    StepScan => "Batch {first}..{last} at byte {pos}", "位于字节 {pos} 的批次 {first}..{last}";
    StepFound => "Found offset {target} in the batch at byte {pos}: {steps} steps. A scan from the log's first byte reads {linear} batch headers.",
                 "在字节 {pos} 处的批次中找到 offset {target}：共 {steps} 步。若从日志第一个字节顺序扫描，要读 {linear} 个批次头。";
    StepOutOfRange => "Offset {target} is not in this log (OFFSET_OUT_OF_RANGE).", "offset {target} 不在这个日志里（OFFSET_OUT_OF_RANGE）。";
    StepsIndexed => "steps with the index", "用索引的步数";
    StepsLinear => "steps scanning from the start", "从头扫描的步数";
    UploadTitle => "Open a real Kafka segment file", "打开一个真实的 Kafka 日志段文件";
    UploadHint => "Drop a .log file from a broker's data directory here (and its .index), or pick one. It is read in your browser only.",
                  "把 broker 数据目录里的 .log 文件（以及它的 .index）拖到这里，或选择文件。文件只在你的浏览器里读取。";
    UploadPick => "Choose files", "选择文件";
    UploadBatches => "{n} batches, {records} records, {bytes} bytes", "{n} 个批次，{records} 条记录，{bytes} 字节";
    UploadNoIndex => "No .index was uploaded with this .log, so a lookup cannot jump: it scans the batches from byte 0, as Kafka would with an empty index. Drop the segment's .index too to see the binary search.", "没有随此 .log 上传 .index，查找无法跳转：从第 0 字节开始逐批扫描（与 Kafka 索引为空时相同）。把该段的 .index 一起拖入即可看到二分查找。";
    UploadTrailing => "{n} bytes at the end are not a whole batch (Kafka: \"Found {n} invalid bytes at the end\").", "末尾 {n} 字节不是完整批次（Kafka：\"Found {n} invalid bytes at the end\"）。";
    FastTitle => "Why Kafka is fast (notes 6, 16)", "Kafka 为什么快（笔记第 6、16 节）";
    FastRead => "Serving a consumer: read+write vs sendfile (zero-copy)", "给消费者发数据：read+write 与 sendfile（零拷贝）";
    FastReadHint => "Step through both paths. Zero-copy keeps the bytes in the kernel: page cache → NIC by DMA.",
                    "逐步走完两条路径。零拷贝让数据留在内核里：页缓存 → 网卡，由 DMA 完成。";
    FastNext => "Next step", "下一步";
    FastReset => "Again", "重来";
    FastCopies => "copies", "次拷贝";
    FastCpuCopies => "by the CPU", "由 CPU 完成";
    FastSwitches => "context switches", "次上下文切换";
    FastClassic => "read() + write()", "read() + write()";
    FastZero => "sendfile()", "sendfile()";
    Fast1 => "read(): user → kernel mode", "read()：用户态 → 内核态";
    Fast2 => "DMA copy: disk → page cache (skipped if it is cached)", "DMA 拷贝：磁盘 → 页缓存（已缓存则省去）";
    Fast3 => "CPU copy: page cache → user buffer; back to user mode", "CPU 拷贝：页缓存 → 用户缓冲区；回到用户态";
    Fast4 => "write(): user → kernel mode; CPU copy: user buffer → socket buffer", "write()：用户态 → 内核态；CPU 拷贝：用户缓冲区 → socket 缓冲区";
    Fast5 => "DMA copy: socket buffer → NIC; back to user mode", "DMA 拷贝：socket 缓冲区 → 网卡；回到用户态";
    Zero1 => "sendfile(): user → kernel mode", "sendfile()：用户态 → 内核态";
    Zero2 => "DMA copy: disk → page cache (skipped if it is cached)", "DMA 拷贝：磁盘 → 页缓存（已缓存则省去）";
    Zero3 => "DMA gather: page cache → NIC (only descriptors go to the socket buffer)", "DMA gather：页缓存 → 网卡（socket 缓冲区只记描述符）";
    Zero4 => "back to user mode", "回到用户态";
    ProducerTitle => "Producer", "生产者";
    ProducerEra => "Kafka 2.x defaults: acks=1, no idempotence", "Kafka 2.x 默认值：acks=1，未开启幂等";
    Topic => "topic", "主题";
    KeyOptional => "key (optional)", "键（可选）";
    Value => "value", "值";
    Acks => "acks", "acks";
    Send => "Send", "发送";
    StreamStart => "Start a stream", "持续发送";
    StreamStop => "Stop the stream ({n} sent)", "停止发送（已发 {n} 条）";
    TraceButton => "Follow one record", "追踪一条记录";
    FaultsTitle => "Faults", "故障";
    Kill => "kill", "杀死";
    Restart => "restart", "重启";
    SlowLabel => "fetch delay", "拉取延迟";
    Normal => "none", "无";
    CutTitle => "cut the link", "切断链路";
    Cut => "cut", "切断";
    Isolate => "isolate", "隔离";
    HealAll => "heal everything", "全部恢复";
    DropLabel => "lose messages", "丢包率";
    ReplicasOf => "Replicas of", "副本：";
    Leo => "LEO", "LEO";
    Hw => "HW", "HW";
    InIsr => "in ISR", "在 ISR 中";
    NotInIsr => "not in ISR", "不在 ISR 中";
    DeadBroker => "dead", "宕机";
    Fetching => "fetching", "拉取中";
    SlowedBy => "slowed {ms} ms", "延迟 {ms} 毫秒";
    EmptyLog => "empty log", "空日志";
    HwExplain => "LEO (log end offset): where each replica's next record goes. HW (high watermark): the smallest LEO of the ISR — consumers only see records below it. A follower learns the HW one fetch after the leader, so its HW lags. Cell colours show the leader epoch a record was written in.",
                 "LEO（日志末端位移）：每个副本下一条记录的位置。HW（高水位）：ISR 中最小的 LEO——消费者只能看到它之前的记录。follower 比 leader 晚一次拉取才得知 HW，所以它的 HW 会滞后。格子的颜色表示记录写入时的 leader epoch。";
    SixStepsTitle => "The six steps of a send (notes section 2)", "生产者发送数据的六个步骤（笔记第 2 节）";
    SixStep1 => "The producer asks a broker for metadata: who leads the partition?", "生产者向 broker 请求元数据：谁是这个分区的 leader？";
    SixStep2 => "It sends the record to the leader.", "把记录发送给 leader。";
    SixStep3 => "The leader appends it to its log.", "leader 把它追加到本地日志。";
    SixStep4 => "The followers fetch it from the leader.", "follower 从 leader 拉取它。";
    SixStep5 => "The followers append it and fetch again: the leader learns they have it and the high watermark passes it.", "follower 追加后再次拉取：leader 得知它们已经有了，高水位越过这条记录。";
    SixStep6 => "With the whole ISR's copies, the leader acknowledges the producer.", "ISR 全部同步后，leader 向生产者返回 ack。";
    TraceNext => "Next step", "下一步";
    TraceFailed => "The send failed (see the ledger).", "发送失败（见账本）。";
    LedgerTitle => "Ledger: every record sent, and where it really is", "账本：每条发出的记录，以及它实际在哪里";
    LedgerEmpty => "Nothing sent yet: use the producer above, or play a case.", "还没有发送记录：使用上面的生产者，或播放一个案例。";
    ColPartition => "partition", "分区";
    ColTold => "producer was told", "生产者得到的结果";
    ColHeldBy => "held by (broker:offset)", "保存在（broker:offset）";
    Lost => "LOST", "丢失";
    Duplicated => "DUPLICATED", "重复";
    Committed => "committed", "已提交";
    Waiting => "waiting", "等待中";
    PresetsTitle => "The notes' loss and duplicate cases", "笔记中的丢失与重复案例";
    PresetPlay => "Play", "播放";
    PresetStop => "Stop", "停止";
    PresetDone => "Done. The ledger below shows the outcome.", "播放完毕。下方账本显示结果。";
    PresetDoneHere => "Done. The panels below show where it stands.", "播放完毕。下方各面板显示当前状态。";
    PresetRunning => "Playing: the commands run in the console, time flows at the chosen speed.", "播放中：命令在控制台中执行，时间按所选速度流逝。";
    ViolationsTitle => "Broken invariants", "被打破的不变式";

    // ---- presets
    PresetAcks0Title => "acks=0: the producer never hears back", "acks=0：生产者永远得不到回音";
    PresetAcks0 => "The leader dies. A record sent with acks=0 goes to it anyway and counts as sent (offset -1): nobody ever learns it was lost. The same record with acks=1 gets an error, is retried, and lands on the new leader.",
                   "leader 宕机了。用 acks=0 发送的记录照样发给它，并被当作发送成功（offset -1）：没有人知道它丢了。同样的记录用 acks=1 发送会收到错误，重试后写到新 leader 上。";
    PresetAcks1Title => "acks=1: the leader dies before its followers fetch", "acks=1：leader 在 follower 拉取之前宕机";
    PresetAcks1 => "acks=1 answers as soon as the leader has the record. Here the followers are slow, so when the leader dies right after answering, no follower has the record. A follower from the ISR becomes leader without it, and when the old leader returns it truncates its log to match: the acknowledged record is gone.",
                   "acks=1 在 leader 写入后立即应答。这里 follower 很慢，leader 刚应答就宕机，没有任何 follower 拿到这条记录。ISR 中的一个 follower 成为新 leader（没有这条记录）；旧 leader 回来后截断日志与之对齐：已确认的记录丢了。";
    PresetIsrOneTitle => "acks=all with an ISR of one loses data", "ISR 只剩 leader 时 acks=all 也会丢数据";
    PresetIsrOne => "The followers are cut off; once a write leaves them behind for longer than replica.lag.time.max.ms the leader drops them from the ISR, and acks=all then waits for the leader alone. The leader dies. Before Kafka 0.11 unclean leader election was on by default: an out-of-sync follower is elected and the acknowledged record is lost.",
                   "follower 被网络隔开；一次写入让它们落后超过 replica.lag.time.max.ms 后，leader 把它们移出 ISR，acks=all 只需等 leader 自己。随后 leader 宕机。Kafka 0.11 之前默认开启 unclean leader 选举：一个不同步的 follower 当选，已确认的记录丢失。";
    PresetMinIsrTitle => "min.insync.replicas=2 refuses instead", "min.insync.replicas=2 会直接拒绝";
    PresetMinIsr => "The remedy for the case before: with min.insync.replicas=2 and acks=all, a leader whose ISR is itself alone refuses writes with NOT_ENOUGH_REPLICAS and appends nothing. The producer retries until delivery.timeout.ms and then reports the error: the application knows, nothing is silently lost.",
                   "上一种情况的对策：设置 min.insync.replicas=2 并使用 acks=all 时，ISR 只剩自己的 leader 会以 NOT_ENOUGH_REPLICAS 拒绝写入，什么也不追加。生产者一直重试到 delivery.timeout.ms，然后报告错误：应用会知道，不会悄悄丢数据。";
    PresetIdempotenceTitle => "Idempotence removes the duplicate", "幂等性消除了重复";
    PresetIdempotence => "The same lost answer and dead leader as the duplicate case, with enable.idempotence=true (the default since Kafka 3.0): the batch carries the producer id and a sequence number, the followers copied both, and the new leader acknowledges the retry with the original offset instead of writing it again.", "与重复案例相同：应答丢失、Leader 宕机；但开启 enable.idempotence=true（Kafka 3.0 起默认开启）：批次带着生产者 ID 和序号，Follower 同步了它们，新 Leader 用原偏移量确认重试，而不再写一遍。";
    PresetRestartTitle => "A producer restart duplicates again", "生产者重启后再次重复";
    PresetRestart => "Idempotence lasts one producer session. The answer is lost and the producer crashes before its retry; the application sends the record again from a new producer — with a new producer id, so the leader cannot know it is a retry, and writes it twice. A transactional.id keeps the identity across restarts.", "幂等性只在一个生产者会话内有效。应答丢失，生产者在重试前崩溃；应用用新生产者重发——新的生产者 ID 让 Leader 无法识别这是重试，于是写了两次。transactional.id 才能跨重启保持身份。";
    TxnTitle => "Transactions (notes 18)", "事务（笔记 18）";
    TxnHint => "begin starts a transaction (the first one finds the coordinator and gets a producer id and epoch); each send adds its partition; commit or abort makes the coordinator write PrepareCommit/PrepareAbort, then a marker into every partition, then Complete. Kill the coordinator mid-way: the new leader of its __transaction_state partition finishes the job.", "begin 开始一个事务（第一次会找到协调者并拿到生产者 ID 和 epoch）；每次发送把分区加入事务；commit 或 abort 让协调者先写 PrepareCommit/PrepareAbort，再向每个分区写标记，最后写 Complete。中途杀掉协调者：它的 __transaction_state 分区的新 Leader 会接着完成。";
    KillCoordinator => "kill coordinator (broker {broker})", "杀掉协调者（broker {broker}）";
    TxnCoordinatorLine => "coordinator broker {broker} · producerId {pid} epoch {epoch} · partitions [{parts}]", "协调者 broker {broker} · 生产者 ID {pid} epoch {epoch} · 分区 [{parts}]";
    CommitThenCrash => "commit, and kill the coordinator mid-way", "提交，并在中途杀掉协调者";
    TxnNone => "no transaction yet for this transactional.id", "该 transactional.id 还没有事务";
    PresetTxnTitle => "Transactions: read_committed skips the aborted", "事务：read_committed 跳过已中止的记录";
    PresetTxn => "Two records in one transaction are committed together: the coordinator logs PrepareCommit, writes a COMMIT marker into each partition, then CompleteCommit. An aborted record stays in the log, followed by an ABORT marker. read_uncommitted reads everything; read_committed skips the aborted record and stops at the last stable offset while a transaction is open.", "一个事务里的两条记录一起提交：协调者先记录 PrepareCommit，再向每个分区写入 COMMIT 标记，最后记录 CompleteCommit。被中止的记录仍留在日志里，后面跟着 ABORT 标记。read_uncommitted 读到所有记录；read_committed 跳过被中止的记录，并在事务未结束时停在最后稳定偏移量（LSO）。";
    PresetPipelineTitle => "Log collection pipeline (notes 8)", "日志收集管道（笔记 8）";
    PresetPipeline => "Collectors (Filebeat, Flume) ship app logs into Kafka; two sinks read the same topic as separate consumer groups: Logstash → Elasticsearch (two instances sharing the partitions) and an HDFS writer. Each group has its own committed offsets and its own lag: the HDFS writer falls behind without slowing anyone.", "采集器（Filebeat、Flume）把应用日志送进 Kafka；两个下游作为不同的消费者组读取同一主题：Logstash → Elasticsearch（两个实例分摊分区）和一个 HDFS 写入器。每个组有自己的已提交位移和滞后：HDFS 写入器落后了，也不会拖慢别人。";
    PresetZk11Title => "docker-compose: 1 ZooKeeper + 1 broker", "docker-compose：1 个 ZooKeeper + 1 个 broker";
    PresetZk11 => "kafka-stack-docker-compose's zk-single-kafka-single: topics can only have replication factor 1; when the broker dies every partition is offline until it returns.", "kafka-stack-docker-compose 的 zk-single-kafka-single：主题只能用副本因子 1；broker 宕机时所有分区都不可用，直到它恢复。";
    PresetZk13Title => "docker-compose: 1 ZooKeeper + 3 brokers", "docker-compose：1 个 ZooKeeper + 3 个 broker";
    PresetZk13 => "zk-single-kafka-multiple: with replication factor 3 a broker can die, and its partitions fail over to in-sync followers.", "zk-single-kafka-multiple：副本因子为 3 时可以挂掉一个 broker，它的分区切换到同步中的 follower。";
    PresetZk33Title => "docker-compose: 3 ZooKeepers + 3 brokers", "docker-compose：3 个 ZooKeeper + 3 个 broker";
    PresetZk33 => "zk-multiple-kafka-multiple: three ZooKeeper servers (zoo1..zoo3, a quorum is 2) and three brokers. The ZooKeeper leader zoo3 dies: zoo1 and zoo2 elect zoo2 and every broker keeps its session. Then the controller broker dies and the others race for /controller; it comes back at the end. Click a ZooKeeper server to kill a second one: the quorum is lost.", "zk-multiple-kafka-multiple：三台 ZooKeeper 服务器（zoo1..zoo3，法定人数为 2）和三个 broker。ZooKeeper 的 leader zoo3 宕机：zoo1 和 zoo2 选出 zoo2，所有 broker 的会话都保留。接着控制器所在的 broker 宕机，其他 broker 争抢 /controller；最后它重新启动。点击一台 ZooKeeper 服务器再杀掉一台：法定人数就没了。";
    PresetDuplicateTitle => "acks=all duplicates on retry", "acks=all 重试导致重复";
    PresetDuplicate => "The followers have the record and the leader acknowledges it — but the answer never reaches the producer, and the leader dies. The producer times out (request.timeout.ms) and sends the record again, to the new leader, which already has it: now it is in the log twice. Idempotence removes this duplicate (next preset).",
                      "follower 已经同步了记录，leader 也确认了——但应答没有到达生产者，接着 leader 宕机。生产者超时（request.timeout.ms）后重发，发给已经有这条记录的新 leader：日志里出现了两份。幂等性可以消除这种重复（见下一个预设）。";
    PresetUncleanTitle => "Unclean election: available but wrong", "unclean 选举：可用但数据出错";
    PresetUnclean => "A follower is cut off and leaves the ISR; the leader goes on taking writes, then dies. With today's default (unclean.leader.election.enable=false) the partition has no leader: unavailable, nothing lost. Turning unclean election on elects the stale follower at once, and every record it never fetched is lost.",
                    "一个 follower 被隔开并移出 ISR；leader 继续接受写入，然后宕机。按今天的默认值（unclean.leader.election.enable=false），分区没有 leader：不可用，但不丢数据。开启 unclean 选举后，落后的 follower 立即当选，它没拉到的记录全部丢失。";
    PresetHwTruncationTitle => "Before 0.11: truncating to the high watermark loses acked data", "0.11 之前：截断到高水位会丢失已确认的数据";
    PresetHwTruncation => "Before Kafka 0.11 a replica that becomes follower cuts its log back to its own high watermark — but followers learn the high watermark one fetch later than the leader. Here a leader-epoch change reaches a follower in exactly that gap: it truncates a record the leader has just acknowledged. The leader dies, that follower is elected, and an acks=all record held by two replicas is lost.",
                         "Kafka 0.11 之前，成为 follower 的副本会把日志截断到自己的高水位——但 follower 比 leader 晚一次拉取才知道高水位。这里一次 leader epoch 变更恰好在这个空档到达 follower：它截掉了 leader 刚确认的记录。leader 宕机，这个 follower 当选，一条两个副本都有过的 acks=all 记录就丢了。";
    PresetKip101Title => "Since 0.11: leader epochs keep it (KIP-101)", "0.11 起：leader epoch 保住了它（KIP-101）";
    PresetKip101 => "The very same moment with today's Kafka: the follower does not trust its own high watermark. It asks the leader where its last leader epoch ended (OffsetsForLeaderEpoch) and keeps everything up to there. The record survives the leader's death.",
                    "同样的时刻换成今天的 Kafka：follower 不再相信自己的高水位，而是问 leader 自己最后一个 leader epoch 在哪里结束（OffsetsForLeaderEpoch），并保留到那里为止的所有记录。leader 宕机后记录依然在。";

    // ---- events, narrated
    EvBrokerKilled => "Broker {broker} died (killed). ZooKeeper will notice when its session expires.",
                      "Broker {broker} 宕机（被杀死）。它的 ZooKeeper 会话过期后，ZooKeeper 才会发现。";
    EvBrokerStarted => "Broker {broker} started and connects to ZooKeeper.",
                       "Broker {broker} 启动，正在连接 ZooKeeper。";
    EvBrokerRegistered => "Broker {broker} registered /brokers/ids/{broker} in ZooKeeper.",
                          "Broker {broker} 在 ZooKeeper 中注册了 /brokers/ids/{broker}。";
    EvRegistrationBlocked => "Broker {broker} cannot register yet: its old ZooKeeper session still holds /brokers/ids/{broker}. It retries.",
                             "Broker {broker} 暂时无法注册：旧的 ZooKeeper 会话仍占着 /brokers/ids/{broker}，稍后重试。";
    EvSessionExpired => "ZooKeeper: the session of broker {broker} expired, /brokers/ids/{broker} is gone.",
                        "ZooKeeper：broker {broker} 的会话过期，/brokers/ids/{broker} 被删除。";
    EvControllerGone => "ZooKeeper: /controller is gone; the live brokers race to create it.",
                        "ZooKeeper：/controller 节点消失，存活的 broker 抢着创建它。";
    EvControllerElected => "Broker {broker} created /controller first and is now the controller (controller epoch {epoch}).",
                           "Broker {broker} 率先创建了 /controller，成为控制器（controller epoch {epoch}）。";
    EvTopicCreated => "Topic {topic} created: {partitions} partitions × {rf} replicas.",
                      "创建了 topic {topic}：{partitions} 个分区 × {rf} 个副本。";
    EvLeaderElected => "Controller (broker {controller}) elected broker {leader} leader of {tp}, epoch {from}→{to}, ISR [{isr}].",
                       "控制器（broker {controller}）选举 broker {leader} 为 {tp} 的 leader，epoch {from}→{to}，ISR [{isr}]。";
    EvLeaderElectedNew => "Controller (broker {controller}) made broker {leader} the first leader of {tp}, epoch {to}, ISR [{isr}].",
                          "控制器（broker {controller}）让 broker {leader} 成为 {tp} 的首个 leader，epoch {to}，ISR [{isr}]。";
    EvLeaderPreferred => "Controller (broker {controller}) moved leadership of {tp} back to its preferred replica, broker {leader}, epoch {from}→{to}.",
                         "控制器（broker {controller}）把 {tp} 的 leader 迁回首选副本 broker {leader}，epoch {from}→{to}。";
    EvPartitionOffline => "Controller (broker {controller}): {tp} has no live replica in its ISR [{isr}]; it is offline (Leader: none) until one returns.",
                          "控制器（broker {controller}）：{tp} 的 ISR [{isr}] 中没有存活的副本，分区离线（Leader: none），直到有副本恢复。";
    EvIsrShrunk => "Controller (broker {controller}) removed dead broker {broker} from the ISR of {tp}: [{isr}], epoch {from}→{to}.",
                   "控制器（broker {controller}）把宕机的 broker {broker} 移出 {tp} 的 ISR：[{isr}]，epoch {from}→{to}。";
    EvIsrExpanded => "Leader broker {leader} added broker {broker} back to the ISR of {tp}: [{isr}].",
                     "Leader broker {leader} 把 broker {broker} 加回 {tp} 的 ISR：[{isr}]。";
    EvBecameLeader => "Broker {broker} is now leader of {tp} (epoch {epoch}).",
                      "Broker {broker} 成为 {tp} 的 leader（epoch {epoch}）。";
    EvBecameFollower => "Broker {broker} now follows broker {leader} for {tp} (epoch {epoch}).",
                        "Broker {broker} 成为 {tp} 的 follower，跟随 broker {leader}（epoch {epoch}）。";
    EvStaleControllerFenced => "ZooKeeper rejected a write from broker {broker}: controller epoch {epoch} is stale.",
                               "ZooKeeper 拒绝了 broker {broker} 的写入：controller epoch {epoch} 已过期。";
    EvCommand => "Command: {command}", "命令：{command}";
    EvInvariantBroken => "Invariant {name} broken: {detail}.", "不变式 {name} 被打破：{detail}。";
    EvConfigChanged => "ZooKeeper: configs of {entity} are now {configs}; every broker is told (/config/changes).",
                       "ZooKeeper：{entity} 的配置现在是 {configs}；所有 broker 都收到通知（/config/changes）。";
    EvBrokerLostZkSession => "Broker {broker} heard nothing from ZooKeeper for a whole session timeout: its session is gone; it registers again.",
                             "Broker {broker} 在整个会话超时时间内都没有收到 ZooKeeper 的消息：会话已失效，它重新注册。";
    EvTruncatedEpoch => "Broker {broker} truncated {tp} from offset {from} to {to} ({n} record(s) gone): the leader's epoch history says its log diverged there (KIP-101).",
                        "Broker {broker} 把 {tp} 从 offset {from} 截断到 {to}（丢掉 {n} 条记录）：leader 的 epoch 记录表明日志从那里开始分叉（KIP-101）。";
    EvTruncatedHw => "Broker {broker} truncated {tp} from offset {from} to its high watermark {to} ({n} record(s) gone), as Kafka did before 0.11.",
                     "Broker {broker} 把 {tp} 从 offset {from} 截断到它的高水位 {to}（丢掉 {n} 条记录），这是 Kafka 0.11 之前的做法。";
    EvTruncatedOutOfRange => "Broker {broker} truncated {tp} from offset {from} to the leader's log end {to} ({n} record(s) gone).",
                             "Broker {broker} 把 {tp} 从 offset {from} 截断到 leader 的日志末尾 {to}（丢掉 {n} 条记录）。";
    EvTruncatedLogStart => "Broker {broker} emptied {tp} (its log ended at offset {from}) and starts again at the leader's log start offset {to}: retention on the leader deleted the records it still lacked.",
                           "Broker {broker} 清空了 {tp}（它的日志止于 offset {from}），从 leader 的日志起始 offset {to} 重新开始：它还缺的记录已被 leader 的保留策略删除。";
    // --- gzip (console lines; the code formats the same English, localize() finds these) ---
    CliGzipDescribe => "  compression.type={codec}: {before} bytes of batches became {after} bytes ({ratio}x smaller)", "  compression.type={codec}：{before} 字节的批次压缩成了 {after} 字节（缩小到 1/{ratio}）";
    CliCodecNotModelled => "{cmd}: compression.type={codec}: not modelled in the lab; gzip is (none, gzip)", "{cmd}：compression.type={codec}：实验室没有模拟它；模拟了 gzip（none、gzip）";
    // --- panels (console lines of consumer run / pause) ---
    CliConsumerGiveId => "consumer {sub}: give one consumer id, e.g. consumer {sub} c1", "consumer {sub}：请给出一个消费者 id，例如 consumer {sub} c1";
    CliRunInterval => "consumer run: --interval-ms must be between 1 and 60000", "consumer run：--interval-ms 必须在 1 到 60000 之间";
    CliRunNotAlive => "consumer run: consumer {id} is not running (add it again with consumer add)", "consumer run：消费者 {id} 没有在运行（用 consumer add 重新添加）";
    CliRunStarted => "The application behind {id} now loops on its own: poll(Duration.ofMillis({every})) every {every} ms of virtual time, auto-committing every {commit} ms; consumer pause {id} stops it.", "{id} 背后的应用现在自己循环：每 {every} 毫秒虚拟时间调用一次 poll(Duration.ofMillis({every}))，每 {commit} 毫秒自动提交；consumer pause {id} 让它停下。";
    CliRunStartedNoCommit => "The application behind {id} now loops on its own: poll(Duration.ofMillis({every})) every {every} ms of virtual time; consumer pause {id} stops it.", "{id} 背后的应用现在自己循环：每 {every} 毫秒虚拟时间调用一次 poll(Duration.ofMillis({every}))；consumer pause {id} 让它停下。";
    CliPauseNone => "consumer pause: consumer {id} has no poll loop running (start one with consumer run {id})", "consumer pause：消费者 {id} 没有在运行的拉取循环（用 consumer run {id} 启动一个）";
    CliPaused => "The application behind {id} stopped its poll loop: it polls when you run consumer poll {id}.", "{id} 背后的应用停止了拉取循环：只有运行 consumer poll {id} 时才拉取。";
    // --- cli2 ---
    EvConsumerMetadataChanged => "Consumer {consumer} (leader of group {group}): its metadata refresh (metadata.max.age.ms) sees {topic} with {to} partitions instead of {from}; it rejoins and the group rebalances.", "消费者 {consumer}（消费者组 {group} 的组长）：元数据刷新（metadata.max.age.ms）发现 {topic} 的分区数由 {from} 变为 {to}；它重新加入，消费者组重新平衡。";
    CliCutOneWay => "Cut {a} → {b}: messages that way are lost.", "切断了 {a} → {b}：这个方向的消息都会丢失。";
    CliCutLink => "Cut the link {a} ↔ {b}: messages between them are lost.", "切断了 {a} ↔ {b} 之间的链路：它们之间的消息都会丢失。";
    CliIsolatedClient => "Isolated client {c}: it can reach no broker, and no broker can reach it.", "隔离了客户端 {c}：它连不上任何 broker，任何 broker 也连不上它。";
    CliIsolatedBroker => "Isolated broker {id}: it can reach nobody, and nobody can reach it.", "隔离了 broker {id}：它连不上任何节点，任何节点也连不上它。";
    CliHealedAll => "Healed every link; no message is dropped any more.", "修复了所有链路；不再丢弃任何消息。";
    CliHealedLink => "Healed the link {a} ↔ {b}.", "修复了 {a} ↔ {b} 之间的链路。";
    CliProducerRestarted => "Producer {name} restarted: its accumulator, producer id and sequence numbers are gone; the application sends again the {n} record(s) it had no answer for.", "生产者 {name} 已重启：它的累加器、producer id 和序列号都没了；应用程序重新发送了 {n} 条没有收到应答的记录。";
    CliPollAgain => "poll() again after the poll timeout: the consumer rejoins its group.", "在 poll 超时之后再次调用 poll()：消费者重新加入它的消费者组。";
    CliStall => "The application behind {name} stops calling poll(): its heartbeats go on, but after max.poll.interval.ms ({ms} ms) it leaves the group.", "{name} 背后的应用程序不再调用 poll()：心跳照常发送，但超过 max.poll.interval.ms（{ms} 毫秒）后它会离开消费者组。";
    CliAutoCommit => "(auto-commit: committing the positions of the previous poll)", "（自动提交：提交上一次 poll 之后的位置）";
    CliKip848Closed => "Consumer {name} closed: ConsumerGroupHeartbeat with member epoch -1 sent (KIP-848's leave).", "消费者 {name} 已关闭：发送了成员纪元为 -1 的 ConsumerGroupHeartbeat（KIP-848 的离组方式）。";
    CliFreshEnsemble => "A fresh cluster of {n} brokers and {z} ZooKeeper servers (zoo1..zoo{z}; a quorum is {q}) (seed {seed}).", "新建了一个有 {n} 个 broker 和 {z} 台 ZooKeeper 服务器（zoo1..zoo{z}；法定人数为 {q}）的集群（种子 {seed}）。";
    CliOffsetOutOfRange => "Offset {o} is out of range: the log holds offsets {a} to {b} (OFFSET_OUT_OF_RANGE).", "位移 {o} 超出范围：日志中的位移是 {a} 到 {b}（OFFSET_OUT_OF_RANGE）。";
    CliProducerSeqs => "  producerId {pid} epoch {epoch}; next sequence per partition: {seqs}", "  producerId {pid} epoch {epoch}；各分区的下一个序列号：{seqs}";
    CliProducerNoPid => "  producerId: not yet (InitProducerId comes before the first batch)", "  producerId：还没有（InitProducerId 在第一个批次之前进行）";
    CliProducerAccumulator => "  accumulator: {b} batch(es) waiting, {r} request(s) in flight, buffer {u} / {m} bytes", "  累加器：{b} 个批次等待中，{r} 个请求在途，缓冲区 {u} / {m} 字节";
    CliProducerSent => "  sent {n} record(s) in {b} batch(es) and {r} request(s) ({per} records per batch); {retries} retried batch(es); mean latency {lat} ms", "  以 {b} 个批次、{r} 个请求发送了 {n} 条记录（每批 {per} 条）；重试了 {retries} 个批次；平均延迟 {lat} 毫秒";
    CliProducerLine => "producer {name} ({version}): {configs}", "生产者 {name}（{version}）：{configs}";
    CliProducerDefaults => "Producer defaults: {version}", "生产者默认配置：{version}";
    CliKeylessRoundRobin => "  keyless records: round-robin over partitions with a leader (DefaultPartitioner)", "  无键记录：在有 leader 的分区间轮询（DefaultPartitioner）";
    CliKeylessSticky => "  keyless records: sticky, adaptive to queue sizes (built-in partitioner, KIP-794)", "  无键记录：粘性分区，按队列长度自适应（内置分区器，KIP-794）";
    CliTxnIdLine => "  transactional.id {id}: coordinator broker {b} ({p}) producerId {pid} epoch {e} state {s} partitions [{ps}] transaction.timeout.ms {ms}", "  transactional.id {id}：协调者 broker {b}（{p}）producerId {pid} epoch {e} 状态 {s} 分区 [{ps}] transaction.timeout.ms {ms}";
    CliTxnProducerLine => "  producer {name} (transactional.id {id}): {state} producerId {pid} epoch {e}; {c} committed, {a} aborted", "  生产者 {name}（transactional.id {id}）：{state} producerId {pid} epoch {e}；已提交 {c} 个，已中止 {a} 个";
    CliFenced => "ERROR PRODUCER_FENCED: {client} was fenced: the coordinator bumped the epoch of transactional.id {id}; this instance can only close.", "ERROR PRODUCER_FENCED：{client} 被隔离（fenced）了：协调者提升了 transactional.id {id} 的 epoch；这个实例只能关闭。";
    CliFencedAborted => "{verb}: ERROR PRODUCER_FENCED: {client} was fenced: the coordinator bumped the epoch of transactional.id {id} (a newer instance, or a transaction timeout) and aborted its transaction.", "{verb}：ERROR PRODUCER_FENCED：{client} 被隔离（fenced）了：协调者提升了 transactional.id {id} 的 epoch（有更新的实例，或事务超时）并中止了它的事务。";
    CliKip848Started => "Consumer {id} started in group {group} (group.protocol=consumer: KIP-848, Kafka 4.0; member id {m} made up by the client; group.remote.assignor={a}; the broker sets group.consumer.heartbeat.interval.ms={h} and group.consumer.session.timeout.ms={s}); coordinator: {c}.", "消费者 {id} 已在消费者组 {group} 中启动（group.protocol=consumer：KIP-848，Kafka 4.0；成员 id {m} 由客户端生成；group.remote.assignor={a}；broker 设定 group.consumer.heartbeat.interval.ms={h} 和 group.consumer.session.timeout.ms={s}）；协调者：{c}。";
    CliTsLookupStart => "Looking up timestamp {t} in {tp} on broker {b}", "在 broker {b} 上的 {tp} 中查找时间戳 {t}";
    CliTsLookupNone => "No record has a timestamp >= {t}: the answer is the log end offset.", "没有时间戳 >= {t} 的记录：答案是日志末端位移（LEO）。";
    CliTsLookupSegment => "1. The first segment whose largest timestamp is >= {t} is {file}.", "1. 最大时间戳 >= {t} 的第一个段是 {file}。";
    CliTsLookupSearch => "2. Binary search of {file} ({n} entries):", "2. 在 {file} 中二分查找（{n} 个条目）：";
    CliTsLookupProbe => "   slot {slot}: timestamp {k} {cmp} {t}", "   槽 {slot}：时间戳 {k} {cmp} {t}";
    CliTsLookupFrom => "   -> start from offset {o}.", "   -> 从位移 {o} 开始。";
    CliTsLookupIndex => "3. Binary search of {file} for offset {o} ({n} probes).", "3. 在 {file} 中二分查找位移 {o}（{n} 次探查）。";
    CliTsLookupScan => "4. Scan of {file}:", "4. 扫描 {file}：";
    CliTsLookupBatch => "   batch {a}..{z} at position {p}: max timestamp {m}", "   批次 {a}..{z}，位置 {p}：最大时间戳 {m}";
    CliTsLookupFound => "Found offset {o} (timestamp {ts}).", "找到位移 {o}（时间戳 {ts}）。";
    CliTsLookupNotFound => "Not found in this segment.", "在这个段里没有找到。";
    CliLookupStart => "Looking up offset {t} in {tp} on broker {b}", "在 broker {b} 上的 {tp} 中查找位移 {t}";
    CliLookupSegments => "1. Segments by base offset: [{bases}]. The largest base offset <= {t} is {base}: {file}.", "1. 各段按基准位移：[{bases}]。不大于 {t} 的最大基准位移是 {base}：{file}。";
    CliLookupSearch => "2. Binary search of {file} ({n} entries; the warm section starts at slot {s}):", "2. 在 {file} 中二分查找（{n} 个条目；热区从槽 {s} 开始）：";
    CliLookupProbeWarm => "   slot {slot}: offset {k} {cmp} {t}   (is the target in the warm section, the index's last 8 KiB?)", "   槽 {slot}：位移 {k} {cmp} {t}   （目标在热区，即索引的最后 8 KiB 里吗？）";
    CliLookupProbeFirst => "   slot {slot}: offset {k} {cmp} {t}   (is the target below the first entry?)", "   槽 {slot}：位移 {k} {cmp} {t}   （目标比第一个条目还小吗？）";
    CliLookupProbe => "   slot {slot}: offset {k} {cmp} {t}", "   槽 {slot}：位移 {k} {cmp} {t}";
    CliLookupSlot => "   -> slot {s}: offset {o} is at position {p}.", "   -> 槽 {s}：位移 {o} 在位置 {p}。";
    CliLookupNoEntry => "   -> no entry <= {t}: start at the segment's first byte (position 0).", "   -> 没有 <= {t} 的条目：从段的第一个字节开始（位置 0）。";
    CliLookupScan => "3. Scan of {file} from position {p}:", "3. 从位置 {p} 开始扫描 {file}：";
    CliLookupBatchHolds => "   batch {a}..{b} at position {p} ({n} bytes): holds offset {t}", "   批次 {a}..{b} 在位置 {p}（{n} 字节）：包含位移 {t}";
    CliLookupBatchNext => "   batch {a}..{b} at position {p} ({n} bytes): last offset {l} < {t}, next", "   批次 {a}..{b} 在位置 {p}（{n} 字节）：最后位移 {l} < {t}，看下一个";
    CliLookupFound => "Found in {n} steps ({i} index probe(s) + {h} batch header(s) read); a scan from the log's first byte would read {l} batch header(s).", "用 {n} 步找到（{i} 次索引探查 + 读了 {h} 个批次头）；从日志第一个字节扫描则要读 {l} 个批次头。";
    // --- end cli2 ---
    EvConsumerPollTimeout => "Consumer {consumer}: poll() was not called for max.poll.interval.ms={ms}; it leaves group {group} (LeaveGroup, nothing committed) and its partitions go to the others. A later poll() rejoins.", "消费者 {consumer}：超过 max.poll.interval.ms={ms} 没有调用 poll()；它离开消费者组 {group}（LeaveGroup，不提交），分区交给其他成员。之后再 poll() 会重新加入。";
    EvZkOffsetsWritten => "ZooKeeper: group {group} wrote its offsets into /consumers/{group}/offsets/… ({offsets}) — offsets.storage=zookeeper, as Kafka 0.8's consumers did.", "ZooKeeper：消费者组 {group} 把位移写入 /consumers/{group}/offsets/…（{offsets}）——offsets.storage=zookeeper，Kafka 0.8 消费者的做法。";
    EvProducerIdAllocated => "Broker {broker} gave a producer the id {pid} (InitProducerId; ids come from ZooKeeper in blocks of 1000).", "Broker {broker} 为生产者分配了 ID {pid}（InitProducerId；ID 以每块 1000 个从 ZooKeeper 领取）。";
    EvDuplicateBatch => "Broker {broker} saw a retry of a batch it already has on {tp} (producer {pid}, sequences {first}..{last}): acknowledged with the original offset {offset}, nothing appended — idempotence removed a duplicate.", "Broker {broker} 发现 {tp} 上的重试批次已存在（生产者 {pid}，序号 {first}..{last}）：以原偏移量 {offset} 确认，不再追加——幂等性去掉了一条重复。";
    EvSequenceRejected => "Broker {broker} refused a batch on {tp}: producer {pid} sent sequence {incoming} but the last one written is {current} (OUT_OF_ORDER_SEQUENCE_NUMBER).", "Broker {broker} 拒绝了 {tp} 上的批次：生产者 {pid} 发来序号 {incoming}，但已写入的最后序号是 {current}（OUT_OF_ORDER_SEQUENCE_NUMBER）。";
    EvSegmentRolled => "Broker {broker} rolled {tp}: the active segment was full, new segment {file}.",
                       "Broker {broker} 滚动了 {tp} 的日志段：活跃段已满，新段 {file}。";
    EvSegmentsDeletedTime => "Broker {broker} deleted {n} old segment(s) of {tp} ({bytes} bytes) past retention.ms; the log now starts at offset {start}.",
                             "Broker {broker} 删除了 {tp} 的 {n} 个超过 retention.ms 的旧日志段（{bytes} 字节）；日志现在从 offset {start} 开始。";
    EvSegmentsDeletedSize => "Broker {broker} deleted {n} old segment(s) of {tp} ({bytes} bytes) to stay within retention.bytes; the log now starts at offset {start}.",
                             "Broker {broker} 删除了 {tp} 的 {n} 个旧日志段（{bytes} 字节），使日志不超过 retention.bytes；日志现在从 offset {start} 开始。";
    EvIsrShrunkByLeader => "Leader broker {leader} removed broker {broker} from the ISR of {tp}: it fell behind for more than replica.lag.time.max.ms. ISR [{isr}].",
                           "Leader broker {leader} 把 broker {broker} 移出 {tp} 的 ISR：它落后超过了 replica.lag.time.max.ms。ISR [{isr}]。";

    // ---- words used inside texts
    Ms => "ms", "毫秒";
    // ---- transactions
    EvTxnCoordinatorFound => "Producer {client} found the transaction coordinator for transactional.id {txn}: broker {broker}, the leader of __transaction_state-{partition} (abs(hashCode) % partitions).", "生产者 {client} 找到了 transactional.id {txn} 的事务协调器：broker {broker}，即 __transaction_state-{partition} 的 leader（abs(hashCode) % 分区数）。";
    EvTxnProducerIdInit => "Coordinator {broker} initialised transactional.id {txn}: producer id {pid}, epoch {epoch}; any instance with an older epoch is now fenced.", "协调器 {broker} 初始化了 transactional.id {txn}：producer id {pid}，epoch {epoch}；epoch 更旧的实例从此被隔离（fenced）。";
    EvTxnStateChanged => "Coordinator {broker}: transaction {txn} (producer {pid}, epoch {epoch}) {from} → {to} [{partitions}], written to __transaction_state.", "协调器 {broker}：事务 {txn}（生产者 {pid}，epoch {epoch}）{from} → {to} [{partitions}]，已写入 __transaction_state。";
    EvTxnMarkerWritten => "Broker {broker} wrote a transaction marker ({marker}) for producer {pid} (epoch {epoch}) at {tp} offset {offset}: a control batch ends the transaction there.", "Broker {broker} 在 {tp} 的 offset {offset} 写入了生产者 {pid}（epoch {epoch}）的 {marker} 标记：一个控制批次在此结束该事务。";
    EvTxnTimedOut => "Coordinator {broker}: transaction {txn} stayed open longer than transaction.timeout.ms={timeout}; it aborts it with epoch {epoch}, fencing producer {pid}.", "协调器 {broker}：事务 {txn} 打开的时间超过 transaction.timeout.ms={timeout}；它以 epoch {epoch} 中止该事务，隔离生产者 {pid}。";
    EvTxnCoordinatorLoaded => "Broker {broker} leads {tp} (coordinator epoch {epoch}) and read {count} transaction(s) from it; prepared ones get their markers again.", "Broker {broker} 成为 {tp} 的 leader（协调器 epoch {epoch}），从中读出 {count} 个事务；处于 prepare 状态的会重新发送标记。";
    EvProducerFencedByEpoch => "Broker {broker} refused a batch on {tp}: producer {pid} sent epoch {incoming} but the partition has epoch {current} (INVALID_PRODUCER_EPOCH: a fenced zombie).", "Broker {broker} 拒绝了 {tp} 上的批次：生产者 {pid} 发来 epoch {incoming}，但分区已是 epoch {current}（INVALID_PRODUCER_EPOCH：被隔离的僵尸实例）。";
    // ---- consumer groups
    EvGroupMemberJoined => "Group coordinator (broker {broker}): {member} joined group {group}.", "组协调器（broker {broker}）：{member} 加入了消费者组 {group}。";
    EvGroupStaticRejoin => "Group coordinator (broker {broker}): static member {member} of {group} came back within its session; it keeps its assignment of generation {generation}, no rebalance.", "组协调器（broker {broker}）：{group} 的静态成员 {member} 在会话超时前回来了，保留第 {generation} 代的分配，不触发再均衡。";
    EvGroupRebalanceStarted => "Group coordinator (broker {broker}): group {group} is rebalancing after generation {generation} ({reason}); members must rejoin.", "组协调器（broker {broker}）：消费者组 {group} 在第 {generation} 代之后开始再均衡（{reason}），成员必须重新加入。";
    EvGroupRebalanceCompleted => "Group coordinator (broker {broker}): group {group} is stable at generation {generation}, leader {leader}: {assignment}", "组协调器（broker {broker}）：消费者组 {group} 在第 {generation} 代稳定，leader 为 {leader}：{assignment}";
    EvGroupMemberRemoved => "Group coordinator (broker {broker}): removed {member} from group {group}: {reason}.", "组协调器（broker {broker}）：把 {member} 移出消费者组 {group}：{reason}。";
    EvGroupOffsetsCommitted => "Group coordinator (broker {broker}): group {group} committed {offsets} (the next offsets to read).", "组协调器（broker {broker}）：消费者组 {group} 提交了 {offsets}（下一条要读的位移）。";
    EvGroupCoordinatorLoaded => "Broker {broker} leads {tp} and is now the group coordinator for its groups; it read {count} offset commit(s) from it.", "Broker {broker} 成为 {tp} 的 leader，接管其中消费者组的协调器职责，从中读出 {count} 条位移提交。";
    EvConsumerAssigned => "Consumer {client}: generation {generation}, assigned {assigned}, revoked {revoked}.", "消费者 {client}：第 {generation} 代，分配到 {assigned}，撤销 {revoked}。";
    EvConsumerOffsetReset => "Consumer {client}: no committed offset for {tp}; auto.offset.reset={policy} starts it at offset {offset}.", "消费者 {client}：{tp} 没有已提交的位移；auto.offset.reset={policy} 让它从位移 {offset} 开始。";
    // ---- consumer fetches
    EvConsumerOffsetOutOfRange => "Consumer {client}: offset {from} of {tp} is out of the leader's log (OFFSET_OUT_OF_RANGE); auto.offset.reset={policy} moves it to offset {offset}.", "消费者 {client}：{tp} 的位移 {from} 超出了 leader 日志的范围（OFFSET_OUT_OF_RANGE）；auto.offset.reset={policy} 把它移到位移 {offset}。";
    EvConsumerFetchSent => "Consumer {client} sends a Fetch to broker {broker} for {partitions} (partition@position; fetch.min.bytes={min}, fetch.max.wait.ms={wait}).", "消费者 {client} 向 broker {broker} 发送 Fetch，读取 {partitions}（分区@位置；fetch.min.bytes={min}，fetch.max.wait.ms={wait}）。";
    EvConsumerFetchHeld => "Broker {broker} holds {client}'s Fetch: only {bytes} of fetch.min.bytes={min} bytes are readable; it answers when enough arrive, or after fetch.max.wait.ms={wait}.", "Broker {broker} 暂不回复 {client} 的 Fetch：可读的只有 {bytes} 字节，不到 fetch.min.bytes={min}；等数据够了，或等满 fetch.max.wait.ms={wait} 再回复。";
    EvConsumerFetchAtOnce => "Broker {broker} answers {client}'s Fetch at once: {records} record(s), {bytes} bytes (fetch.min.bytes={min} readable).", "Broker {broker} 立即回复 {client} 的 Fetch：{records} 条记录，{bytes} 字节（已有 fetch.min.bytes={min} 可读）。";
    EvConsumerFetchMinBytes => "Broker {broker} answers {client}'s Fetch after {waited} ms: fetch.min.bytes={min} reached, {records} record(s), {bytes} bytes.", "Broker {broker} 等了 {waited} 毫秒后回复 {client} 的 Fetch：达到 fetch.min.bytes={min}，{records} 条记录，{bytes} 字节。";
    EvConsumerFetchMaxWait => "Broker {broker} answers {client}'s Fetch after {waited} ms: fetch.max.wait.ms passed before fetch.min.bytes={min}; it sends what it has, {records} record(s), {bytes} bytes.", "Broker {broker} 等了 {waited} 毫秒后回复 {client} 的 Fetch：fetch.max.wait.ms 到了，仍不足 fetch.min.bytes={min}；有多少给多少，{records} 条记录，{bytes} 字节。";
    EvConsumerFetchError => "Broker {broker} answers {client}'s Fetch with {error} (after {waited} ms; {records} record(s), {bytes} bytes, fetch.min.bytes={min}).", "Broker {broker} 回复 {client} 的 Fetch：{error}（等了 {waited} 毫秒；{records} 条记录，{bytes} 字节，fetch.min.bytes={min}）。";
    // ---- group metadata records and coordinator failover; KIP-848 (Kafka 4.0)
    EvGroupMetadataLoaded => "Broker {broker} rebuilt group {group} from its last record in __consumer_offsets (GroupMetadata; ConsumerGroup for a KIP-848 group): generation or epoch {generation}, {state}, members {members}; each member gets a fresh session timer and carries on without a rebalance.", "Broker {broker} 根据 __consumer_offsets 中该组的最后一条记录（GroupMetadata；KIP-848 组为 ConsumerGroup）重建了消费者组 {group}：代 / epoch {generation}，{state}，成员 {members}；每个成员重新开始会话计时，无需再均衡即可继续。";
    EvConsumerCoordinatorMoved => "Consumer {client}: the group coordinator is now broker {broker}; it keeps its member id, generation {generation} and partitions (no rejoin).", "消费者 {client}：组协调器换成了 broker {broker}；它保留成员 ID、第 {generation} 代和分区（不重新加入）。";
    EvKip848MemberJoined => "Kafka 4.0 (KIP-848), coordinator broker {broker}: {client} (member id {member}) joined group {group} with a ConsumerGroupHeartbeat; group epoch {epoch}. No JoinGroup/SyncGroup round, no global barrier: the coordinator computes the assignment itself.", "Kafka 4.0（KIP-848），协调器 broker {broker}：{client}（成员 ID {member}）通过 ConsumerGroupHeartbeat 加入消费者组 {group}；组 epoch 为 {epoch}。没有 JoinGroup/SyncGroup 往返，也没有全局屏障：分配由协调器自己计算。";
    EvKip848MemberLeft => "Kafka 4.0 (KIP-848), coordinator broker {broker}: {client} left group {group} ({reason}); group epoch {epoch}. Its partitions are free at once; the others pick them up on their next heartbeats.", "Kafka 4.0（KIP-848），协调器 broker {broker}：{client} 离开了消费者组 {group}（{reason}）；组 epoch 为 {epoch}。它的分区立即空出，其他成员在下次心跳时接手。";
    Kip848ReasonLeave => "a heartbeat with member epoch -1", "发送了成员 epoch 为 -1 的心跳";
    Kip848ReasonSession => "no heartbeat for group.consumer.session.timeout.ms={ms}", "超过 group.consumer.session.timeout.ms={ms} 没有心跳";
    EvKip848TargetAssignment => "Kafka 4.0 (KIP-848), coordinator broker {broker}: new target assignment of group {group} at epoch {epoch} ({assignor}, computed on the broker): {assignment}. Each member moves toward it on its own heartbeats; members whose partitions do not move keep consuming (the classic eager protocol would stop every member).", "Kafka 4.0（KIP-848），协调器 broker {broker}：消费者组 {group} 在 epoch {epoch} 的新目标分配（{assignor}，在 broker 上计算）：{assignment}。每个成员通过自己的心跳逐步靠拢；分区不变的成员照常消费（经典的 eager 协议会让所有成员停下）。";
    EvKip848Stable => "Kafka 4.0 (KIP-848), coordinator broker {broker}: {client} in group {group} is at epoch {epoch} and owns {assigned}.", "Kafka 4.0（KIP-848），协调器 broker {broker}：消费者组 {group} 的 {client} 处于 epoch {epoch}，拥有 {assigned}。";
    EvKip848Unrevoked => "Kafka 4.0 (KIP-848), coordinator broker {broker}: {client} in group {group} must revoke {revoking} first; it stays at epoch {epoch} and keeps consuming {assigned} meanwhile.", "Kafka 4.0（KIP-848），协调器 broker {broker}：消费者组 {group} 的 {client} 必须先撤销 {revoking}；它停留在 epoch {epoch}，同时继续消费 {assigned}。";
    EvKip848Unreleased => "Kafka 4.0 (KIP-848), coordinator broker {broker}: {client} in group {group} is at epoch {epoch} and owns {assigned}; {awaiting} will be given once the previous owner has released it.", "Kafka 4.0（KIP-848），协调器 broker {broker}：消费者组 {group} 的 {client} 处于 epoch {epoch}，拥有 {assigned}；{awaiting} 要等前一个所有者释放后才会分给它。";
    EvConsumerReconciledFresh => "Consumer {client} (KIP-848): epoch {epoch}; revoked {revoked}, added {added}, now owns {owned}.", "消费者 {client}（KIP-848）：epoch {epoch}；撤销 {revoked}，新增 {added}，现在拥有 {owned}。";
    EvConsumerReconciled => "Consumer {client} (KIP-848): epoch {epoch}; revoked {revoked}, added {added}, now owns {owned} — it kept consuming the partitions that did not move.", "消费者 {client}（KIP-848）：epoch {epoch}；撤销 {revoked}，新增 {added}，现在拥有 {owned}——未变动的分区一直在消费。";
    // --- cli ---
    CliOutConsumerStarted => "Consumer {id} started in group {group} ({assignor}; session.timeout.ms={session} as in Kafka 3.x, 10000 before 3.0; heartbeat.interval.ms={hb}); coordinator: {coord}.", "消费者 {id} 已在消费者组 {group} 中启动（{assignor}；session.timeout.ms={session}，与 Kafka 3.x 相同，3.0 之前为 10000；heartbeat.interval.ms={hb}）；协调器：{coord}。";
    CliOutConsumerCrashed => "Consumer {id} crashed; the coordinator notices after session.timeout.ms ({ms} ms) without a heartbeat.", "消费者 {id} 崩溃了；协调器在 session.timeout.ms（{ms} 毫秒）内收不到心跳后才会发现。";
    CliOutConsumerLeft => "Consumer {id} closed: LeaveGroup sent.", "消费者 {id} 已关闭：发送了 LeaveGroup。";
    CliOutConsumerPolled => "Consumer {id} polled {n} record(s); positions (next offset to read): {positions}", "消费者 {id} 拉取了 {n} 条记录；位置（下一个要读的 offset）：{positions}";
    CliOutInitTxn => "initTransactions(): producer {client} with transactional.id {id} has producer id {pid}, epoch {epoch} (coordinator: broker {broker}, the leader of __transaction_state-{p}).", "initTransactions()：transactional.id 为 {id} 的生产者 {client} 得到 producer id {pid}、epoch {epoch}（协调器：broker {broker}，即 __transaction_state-{p} 的 leader）。";
    CliOutBeginTxn => "beginTransaction(): records that {client} sends now belong to the transaction until txn commit or txn abort.", "beginTransaction()：{client} 此后发送的记录都属于这个事务，直到 txn commit 或 txn abort。";
    CliOutCommitted => "{verb}: committed. Markers are written; read_committed consumers now see the records.", "{verb}：已提交。事务标记已写入；read_committed 的消费者现在能看到这些记录。";
    CliOutAborted => "{verb}: aborted. ABORT markers are written; read_committed consumers skip the records.", "{verb}：已中止。ABORT 标记已写入；read_committed 的消费者会跳过这些记录。";
    CliOutTxnRequested => "{verb} requested; the lab does not wait (advance lets it happen).", "已请求 {verb}；实验室不等待（用 advance 让它发生）。";
    CliOutInternalTopic => "Created the internal topic {topic}: {n} partitions (the lab's {config}; Kafka's default is {default}), replication factor {rf}.", "创建了内部主题 {topic}：{n} 个分区（实验室的 {config}；Kafka 默认为 {default}），副本数 {rf}。";
    CliOutNoProducers => "No producers yet.", "还没有生产者。";
    CliHelp => "Commands (the same in kafka-lab, in scenario files and in the page's console):
  kafka-topics.sh --create --topic T [--partitions P] [--replication-factor R] [--config k=v]...
  kafka-topics.sh --list
  kafka-topics.sh --describe [--topic T]
  kafka-topics.sh --alter --topic T --partitions N   more partitions (never fewer); keyed records
                   then land by murmur2(key) % N
      Kafka's tools may be named by a path ($bin/kafka-topics.sh, bin/…, /opt/kafka/bin/…).
      client-version 2.3 takes --zookeeper host:port (kafka-topics.sh) and --broker-list
      (kafka-console-producer.sh) as Kafka 2.3 did; later versions refuse what Kafka removed.
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
  consumer offsets-storage --group G zookeeper|kafka
                             where G's commits go: ZooKeeper's /consumers/G/offsets/T/P (Kafka
                             0.8's offsets.storage=zookeeper) or __consumer_offsets (0.9 and on)
  kafka-consumer-groups.sh --list | --describe (--group G | --all-groups) [--members [--verbose] | --state]
  kafka-run-class.sh kafka.tools.ConsumerOffsetChecker --zookeeper zk:2181 --group G [--topic T]
                             Kafka 0.8's view of a ZooKeeper-era group: offsets read from
                             /consumers/G/offsets, logSize and lag
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
  brokers N [--zookeepers Z]
                             a fresh cluster of N brokers (ids 1..N) and a ZooKeeper
                             ensemble of Z servers zoo1..zooZ (1, 3 or 5; default 1)
  seed N                     a fresh cluster with random seed N
  advance MS                 let MS milliseconds of virtual time pass (also 5s, 2m)
  advance --to MS --items N  run until N events have been handled in this cluster, never past
                             MS, then set the clock to MS (the exact timing export writes)
  step [N]                   run the next N simulation events (default 1), one at a time
  kill-broker B              kill broker B (kill -9)
  kill-broker --leader-of T-P | --follower-of T-P
                             kill the broker leading (or the first following) partition T-P
  start-broker B | --all     restart broker B, or every dead broker
  kill-zk Z                  kill ZooKeeper server zooZ (with an ensemble of 3: kill one, the
                             quorum holds; kill two, no quorum: brokers lose ZooKeeper)
  start-zk Z                 restart ZooKeeper server zooZ
  brokers N --mode kraft [--controllers K] [--combined]
                             a fresh KRaft cluster (Kafka 4.1, no ZooKeeper): N brokers and
                             K controllers 3000.. (1, 3 or 5; default 3), or brokers 1..K as
                             the controllers too (--combined)
  brokers N ... --override KEY=VALUE
                             start with a server.properties setting, as kafka-server-start.sh
                             --override: leader.imbalance.check.interval.seconds,
                             auto.leader.rebalance.enable, leader.imbalance.per.broker.percentage
                             (ZooKeeper mode: Kafka 4 removed it); in KRaft mode also
                             the metadata log's snapshot and retention settings
  kill-controller C | start-controller C
                             kill or restart KRaft controller C
  stop-controller C          KRaft: a clean shutdown of controller C (the leader resigns
                             with EndQuorumEpoch; combined mode: the whole node)
  stop-broker B              KRaft: a clean, controlled shutdown of broker B
  kafka-metadata-quorum.sh --bootstrap-controller localhost:9093 describe --status|--replication
  kafka-features.sh --bootstrap-server localhost:9092 describe
  kafka-leader-election.sh --bootstrap-server localhost:9092 --election-type preferred|unclean
      (--topic T --partition P | --all-topic-partitions)
                             KRaft: ask the active controller for leader elections
  kafka-storage.sh random-uuid | format -t ID -c config/server.properties
  kafka-dump-log.sh --cluster-metadata-decoder --files controller-3000:/var/lib/kafka/data/__cluster_metadata-0/00000000000000000000.log
  page-cache [--broker B] [--drop] [--max-pages N]
                             each broker machine's OS page cache (4 KiB pages: cached, dirty,
                             hits, misses); --drop: sync; echo 1 > /proc/sys/vm/drop_caches;
                             --max-pages: its size (default 32)
  events [--all]             everything that happened so far (--all: every broker's role change)
  time                       the virtual time
  history                    the journal: each command with its index and virtual time
  rewind --to MS | --to-command N | --events N
                             go back (to virtual time MS, to just before command N, or N
                             events back); advance/step then replay the recorded run, and a
                             new command starts a branch (the old future is kept)
  branches                   the branches of the run; branch K makes branch K current
  branch K                   switch to branch K (at its live point)
  undo                       drop the last command: back to just before it
  link                       the run as a link fragment (#run=…) that rebuilds it anywhere
  open-link URL|#run=…       open a run from a link
  export                     the run as a script (kafka-lab run FILE reaches the same state)
  help                       this text
  # ...                      a comment
",
               "命令（kafka-lab 程序、场景文件和页面控制台里都一样）：
  kafka-topics.sh --create --topic T [--partitions P] [--replication-factor R] [--config k=v]...
  kafka-topics.sh --list
  kafka-topics.sh --describe [--topic T]
  kafka-topics.sh --alter --topic T --partitions N   增加分区（不能减少）；带 key 的记录此后
                   按 murmur2(key) % N 落到分区
      Kafka 工具可以带路径书写（$bin/kafka-topics.sh、bin/…、/opt/kafka/bin/…）。
      client-version 2.3 像 Kafka 2.3 一样接受 --zookeeper host:port（kafka-topics.sh）和
      --broker-list（kafka-console-producer.sh）；更新的版本会拒绝 Kafka 已删除的选项。
  kafka-configs.sh --alter --entity-type topics|brokers (--entity-name X | --entity-default)
                   --add-config k=v[,k=v]        （以及 --describe）
  kafka-console-consumer.sh --topic T [--from-beginning] [--group G | --partition P [--offset O]]
                   [--max-messages N] [--timeout-ms T] [--isolation-level read_committed]
                   [--consumer-property k=v]... [--property print.key=true|print.offset=true|...]
      一个用 Fetch 请求读取的消费者（client id 为 console-consumer）。--group G：作为 G 的成员，
      从已提交的 offset 开始（没有时：带 --from-beginning 从最早，否则从最新）；关闭时提交位置。
      不带 --group：新建消费者组 console-consumer-NNNNN，不提交。--partition：assign()，不入组。
      读到 --max-messages 条，或 --timeout-ms 内没有新消息时停止；不带 --timeout-ms 时读完现有
      数据即停（最多 30 秒无消息）。（--bootstrap-server 可写，会被忽略）
  produce --topic T [--key K] [--partition P] [--acks 0|1|all] [--count N] [--interval MS]
          [--producer-property k=v]... [--client-id ID] [--async] VALUE
      （k=v：acks、enable.idempotence、batch.size、linger.ms、buffer.memory、retries、
       max.in.flight.requests.per.connection、partitioner.class、delivery.timeout.ms …）
  kafka-console-producer.sh --topic T [--property parse.key=true] [--property key.separator=S]
          [--producer-property k=v]...   之后每行一条记录，单独一行 EOF 结束（页面中也可按 Ctrl-D）
  client-version [2.3|3.x|4.0]  生产者采用哪个 Java 客户端版本的默认值（2.3：笔记的年代）
  producer describe [ID]     生产者的配置、producer id、序列号、累加器和计数
  producer restart ID        生产者崩溃并重启：新的 producer id；没有收到应答的记录重新发送
                             （事务型：InitProducerId 提升 epoch，隔离旧实例；未完成的事务被中止）
  txn begin --transactional-id ID [--client-id C] [--producer-property k=v]...
                             initTransactions()（第一次）和 beginTransaction()；第一次使用时
                             创建 __transaction_state
  txn commit|abort --transactional-id ID [--client-id C]   结束进行中的事务
  txn describe               各协调器上的事务和事务型生产者
      produce --producer-property transactional.id=ID ... 在 ID 进行中的事务里发送；
      kafka-console-consumer.sh ... --isolation-level read_committed|read_uncommitted
  consumer add --group G --id ID --topics T[,T] [--assignor range|roundrobin|sticky|cooperative-sticky]
          [--instance-id I] [--consumer-property k=v]...   消费者加入消费者组 G（ID 既是
                             client id 也是 member id）；第一次使用时创建 __consumer_offsets
      （k=v：session.timeout.ms、heartbeat.interval.ms、max.poll.interval.ms、max.poll.records、
       auto.offset.reset、enable.auto.commit、auto.commit.interval.ms、isolation.level、
       fetch.min.bytes、fetch.max.wait.ms、max.partition.fetch.bytes、fetch.max.bytes、
       request.timeout.ms）
  consumer poll ID [--max N] [--timeout-ms T]
                             poll(T)：先自动提交，再向各分区的 leader 发 Fetch，直到拿到记录或
                             T 过去（默认 1000 毫秒）；leader 在凑够 fetch.min.bytes 或
                             fetch.max.wait.ms 到期时应答
  consumer run ID [--interval-ms N]
                             它的应用自己循环：每 N 毫秒虚拟时间调用一次 poll()（默认 100），
                             按配置自动提交
  consumer pause ID          循环停止：只在被要求时拉取（consumer poll）
  consumer commit ID         commitSync() 提交当前位置
  consumer kill ID           消费者崩溃（协调器在 session.timeout.ms 后发现）
  consumer leave ID          close()：发送 LeaveGroup，立即再均衡
  consumer stall ID          应用不再调用 poll()：max.poll.interval.ms 后离开消费者组
                             （之后再 poll 会重新加入）
  consumer describe          每个消费者的 member id、代、分配和位置
  consumer offsets-storage --group G zookeeper|kafka
                             G 的位移提交去哪里：ZooKeeper 的 /consumers/G/offsets/T/P（Kafka 0.8
                             的 offsets.storage=zookeeper）或 __consumer_offsets（0.9 起）
  kafka-consumer-groups.sh --list | --describe (--group G | --all-groups) [--members [--verbose] | --state]
  kafka-run-class.sh kafka.tools.ConsumerOffsetChecker --zookeeper zk:2181 --group G [--topic T]
                             Kafka 0.8 看 ZooKeeper 时代消费者组的方式：从 /consumers/G/offsets
                             读位移，以及 logSize 和 lag
  kafka-consumer-groups.sh --reset-offsets --group G --topic T
                   --to-earliest|--to-latest|--to-offset N [--execute]   （仅限空的消费者组）
  ls broker-N:/var/lib/kafka/data[/T-P]    broker 的数据目录：段文件及大小
  cat broker-N:/var/lib/kafka/data/FILE   检查点文件（replication-offset-checkpoint …）
  kafka-dump-log.sh --files PATH[,PATH] [--print-data-log] [--deep-iteration]
                   以 Kafka 的格式显示段的 .log、.index 或 .timeindex；PATH 为
                   broker-N:/var/lib/kafka/data/T-P/00000000000000000000.log，或真实的
                   Kafka 文件（本机程序中为主机路径，页面中为上传的文件）
  lookup T-P OFFSET [--replica B]   查找 offset 的每一步：段、索引、扫描
  lookup T-P --timestamp MS [--replica B]   按时间戳查找（先查时间索引）
  ledger [--records]         每条已发送的记录：是否被确认、在哪里、丢失、重复
  replicas T-P               每个副本的 LEO、HW、epoch 以及是否在 ISR 中
  slow-broker B MS           broker B 每次 fetch 前等待 MS（0：恢复正常）
  slow-broker --followers-of T-P MS   对 T-P 的每个 follower 做同样的事
  cut A B [--one-way]        丢弃 A 与 B 之间的所有消息（或只丢 A 到 B 的）
                             （A、B：broker id、leader:T-P、followers:T-P、zk，
                              或生产者的 client id）
  isolate B                  丢弃 broker B 收发的所有消息
  heal [A B]                 修复一条链路，或全部修复
  drop PROB                  以概率 PROB 丢弃每条消息
  brokers N [--zookeepers Z]
                             新建一个有 N 个 broker 的集群（id 为 1..N）和由 Z 台服务器
                             zoo1..zooZ 组成的 ZooKeeper 集群（1、3 或 5；默认 1）
  seed N                     用随机种子 N 新建集群
  advance MS                 让虚拟时间前进 MS 毫秒（也可写 5s、2m；一次最多一个虚拟日）
  advance --to MS --items N  一直执行到这个集群共处理了 N 个事件（不超过 MS），再把时钟设为
                             MS（export 写出的精确计时）
  step [N]                   逐个执行接下来的 N 个模拟事件（默认 1）
  kill-broker B              杀掉 broker B（kill -9）
  kill-broker --leader-of T-P | --follower-of T-P
                             杀掉分区 T-P 的 leader（或第一个 follower）所在的 broker
  start-broker B | --all     重启 broker B，或所有宕机的 broker
  kill-zk Z                  杀掉 ZooKeeper 服务器 zooZ（3 台时：杀一台，法定人数仍在；杀两台，
                             失去法定人数：broker 失去 ZooKeeper）
  start-zk Z                 重启 ZooKeeper 服务器 zooZ
  brokers N --mode kraft [--controllers K] [--combined]
                             新建一个 KRaft 集群（Kafka 4.1，没有 ZooKeeper）：N 个 broker 和
                             K 个控制器 3000..（1、3 或 5，默认 3），或让 broker 1..K 同时
                             充当控制器（--combined）
  brokers N ... --override KEY=VALUE
                             以某个 server.properties 设置启动，同 kafka-server-start.sh
                             --override：leader.imbalance.check.interval.seconds、
                             auto.leader.rebalance.enable、leader.imbalance.per.broker.percentage
                             （仅 ZooKeeper 模式：Kafka 4 已移除它）；KRaft 模式下
                             还可设置元数据日志的快照与保留参数
  kill-controller C | start-controller C
                             杀死或重启 KRaft 控制器 C
  stop-controller C          KRaft：正常关闭控制器 C（领导者用 EndQuorumEpoch 辞任；
                             combined 模式下关闭整个节点）
  stop-broker B              KRaft：干净地、受控地关闭 broker B
  kafka-metadata-quorum.sh --bootstrap-controller localhost:9093 describe --status|--replication
  kafka-features.sh --bootstrap-server localhost:9092 describe
  kafka-leader-election.sh --bootstrap-server localhost:9092 --election-type preferred|unclean
      (--topic T --partition P | --all-topic-partitions)
                             KRaft：请活动控制器进行领导者选举
  kafka-storage.sh random-uuid | format -t ID -c config/server.properties
  kafka-dump-log.sh --cluster-metadata-decoder --files controller-3000:/var/lib/kafka/data/__cluster_metadata-0/00000000000000000000.log
  page-cache [--broker B] [--drop] [--max-pages N]
                             每台 broker 机器的操作系统页缓存（4 KiB 的页：已缓存、脏页、命中、
                             未命中）；--drop：sync; echo 1 > /proc/sys/vm/drop_caches；
                             --max-pages：缓存大小（默认 32）
  events [--all]             到目前为止发生的一切（--all：包括每个 broker 的角色变化）
  time                       当前虚拟时间
  history                    命令日志：每条命令的编号和虚拟时间
  rewind --to MS | --to-command N | --events N
                             往回走（到虚拟时间 MS、到命令 N 之前，或往回 N 个事件）；之后
                             advance/step 会重放录下的运行，新命令会开出一个分支（原来的未来会保留）
  branches                   这次运行的各个分支；branch K 切换到分支 K
  branch K                   切换到分支 K（位于它的实时点）
  undo                       撤销最后一条命令：回到它执行之前
  link                       把这次运行变成链接片段（#run=…），在任何地方都能重建
  open-link URL|#run=…       从链接打开一次运行
  export                     把这次运行导出为脚本（kafka-lab run FILE 会到达相同状态）
  help                       本帮助
  # ...                      注释
";
    CliNoBrokerDir => "{cmd}: there is no broker-{broker} (brokers: {list})", "{cmd}：没有 broker-{broker}（现有：{list}）";
    CliNotDataDir => "{cmd}: '{path}': the lab's brokers keep their logs in /var/lib/kafka/data (log.dirs); nothing else is on their disks", "{cmd}：'{path}'：实验室的 broker 把日志放在 /var/lib/kafka/data（log.dirs），磁盘上没有别的东西";
    CliNotOffset => "lookup: '{value}' is not an offset", "lookup：'{value}' 不是 offset";
    CliNoFile => "no file {path}: upload it first, or name a simulated file such as broker-1:/var/lib/kafka/data/orders-0/00000000000000000000.log", "没有文件 {path}：请先上传，或者指定一个模拟的文件，例如 broker-1:/var/lib/kafka/data/orders-0/00000000000000000000.log";
    CliBinaryFile => "cat: {path} is binary: read it with kafka-dump-log.sh --files {path}", "cat：{path} 是二进制文件：请用 kafka-dump-log.sh --files {path} 查看";
    CliNoTxnProducer => "produce: no producer has transactional.id {id}: start its transaction with txn begin --transactional-id {id}", "produce：没有 transactional.id 为 {id} 的生产者：先用 txn begin --transactional-id {id} 开启它的事务";
    CliNotTxnProducer => "produce: producer {client} is not the one with transactional.id {id}: start its transaction with txn begin --transactional-id {id} --client-id {client}", "produce：生产者 {client} 的 transactional.id 不是 {id}：先用 txn begin --transactional-id {id} --client-id {client} 开启它的事务";
    CliKip848Assignor => "consumer add: partition.assignment.strategy (--assignor) cannot be set when group.protocol=consumer; use group.remote.assignor (uniform, range)", "consumer add：group.protocol=consumer 时不能设置 partition.assignment.strategy（--assignor）；请用 group.remote.assignor（uniform、range）";
    CliKip848BrokerSets => "consumer add: {key} cannot be set when group.protocol=consumer (the broker sets it: group.consumer.*)", "consumer add：group.protocol=consumer 时不能设置 {key}（由 broker 的 group.consumer.* 决定）";
    CliRemoteAssignorNeeds => "consumer add: group.remote.assignor needs group.protocol=consumer", "consumer add：group.remote.assignor 需要 group.protocol=consumer";
    CliMixedClassic => "consumer add: INCONSISTENT_GROUP_PROTOCOL: group {group} runs the classic protocol; the lab does not mix classic and consumer (KIP-848) members in one group (Kafka 4.0 can, under group.consumer.migration.policy)", "consumer add：INCONSISTENT_GROUP_PROTOCOL：消费者组 {group} 运行经典协议；实验室不在同一个组里混用经典成员和 consumer（KIP-848）成员（Kafka 4.0 在 group.consumer.migration.policy 下可以）";
    CliMixedConsumer => "consumer add: INCONSISTENT_GROUP_PROTOCOL: group {group} runs the consumer protocol (KIP-848); the lab does not mix classic and consumer members in one group (Kafka 4.0 can, under group.consumer.migration.policy)", "consumer add：INCONSISTENT_GROUP_PROTOCOL：消费者组 {group} 运行 consumer 协议（KIP-848）；实验室不在同一个组里混用经典成员和 consumer 成员（Kafka 4.0 在 group.consumer.migration.policy 下可以）";
    CliRemoteAssignorValues => "{cmd}: Invalid value {value} for configuration group.remote.assignor: the brokers' group.consumer.assignors are uniform and range", "{cmd}：Invalid value {value} for configuration group.remote.assignor：broker 的 group.consumer.assignors 只有 uniform 和 range";
    CliPartitionerUnknown => "{cmd}: Invalid value {value} for configuration partitioner.class: Class {value} cannot be found (the lab knows org.apache.kafka.clients.producer.RoundRobinPartitioner and org.apache.kafka.clients.producer.UniformStickyPartitioner)", "{cmd}: Invalid value {value} for configuration partitioner.class: Class {value} cannot be found（实验室认识 org.apache.kafka.clients.producer.RoundRobinPartitioner 和 org.apache.kafka.clients.producer.UniformStickyPartitioner）";
    EvPartitionsAdded => "Topic {topic}: partitions {from} → {to}; /brokers/topics/{topic} now lists the new partitions' replicas, and the controller's watch fires.", "主题 {topic}：分区数 {from} → {to}；/brokers/topics/{topic} 写入了新分区的副本，控制器的 watch 随之触发。";
    CliKeysMoved => "murmur2(key) % partitions changed from {from} to {to}: {moved}", "murmur2(key) % 分区数 从 {from} 变成了 {to}：{moved}";
    CliKeysNotMoved => "murmur2(key) % partitions changed from {from} to {to}; of the keys tried, none moved", "murmur2(key) % 分区数 从 {from} 变成了 {to}；试过的 key 都没有换分区";
    CliHint => "lab hint: {text}", "实验室提示：{text}";
    CliDidYouMean => "did you mean --{option}?", "你是不是想输入 --{option}？";
    CliZkRemovedTopics => "kafka-topics.sh lost --zookeeper in Kafka 3.0 (KIP-604); the client version is {version}: use --bootstrap-server host:port, or client-version 2.3 for the notes' era", "kafka-topics.sh 在 Kafka 3.0 中去掉了 --zookeeper（KIP-604）；当前客户端版本为 {version}：请改用 --bootstrap-server host:port，或用 client-version 2.3 回到笔记的年代";
    CliZkRemovedConsumer => "kafka-console-consumer.sh reads with the Java consumer, which talks to the brokers only: its --zookeeper went with the old Scala consumer in Kafka 2.0; use --bootstrap-server host:port", "kafka-console-consumer.sh 使用 Java 消费者，只与 broker 通信：它的 --zookeeper 随旧的 Scala 消费者在 Kafka 2.0 中一起去掉了；请改用 --bootstrap-server host:port";
    CliBrokerListRemoved => "kafka-console-producer.sh lost --broker-list in Kafka 4.0 (deprecated since 2.5, KIP-499): use --bootstrap-server host:port", "kafka-console-producer.sh 在 Kafka 4.0 中去掉了 --broker-list（自 2.5 起已弃用，KIP-499）：请改用 --bootstrap-server host:port";
    CliBootstrapTooNew => "kafka-console-producer.sh has --bootstrap-server since Kafka 2.5 (KIP-499); Kafka {version} knows only --broker-list host:port", "kafka-console-producer.sh 自 Kafka 2.5 起才有 --bootstrap-server（KIP-499）；Kafka {version} 只认 --broker-list host:port";
    CliTopicMissing => "topic {topic} does not exist (kafka-topics.sh --list shows the topics)", "主题 {topic} 不存在（kafka-topics.sh --list 可列出所有主题）";
    CliReadingRecords => "(reading records for {topic}, one per line, until a line holding only EOF)", "（正在读取写入 {topic} 的记录：每行一条，直到单独一行 EOF 为止；在页面中也可按 Ctrl-D）";
    CliUnknownCommand => "unknown command '{cmd}' (type 'help' for the list)", "未知命令 '{cmd}'（输入 help 查看命令列表）";
    CliNotDuration => "'{value}' is not a duration (write 6000, 6000ms, 6s, 2m or 1h)", "'{value}' 不是时长（可写 6000、6000ms、6s、2m 或 1h）";
    CliDurationTooLarge => "'{value}' is too large: at most {max} ms (one virtual day) at a time", "'{value}' 太大：一次最多 {max} 毫秒（一个虚拟日）";
    CliAdvanceUsage => "advance: give a duration, e.g. advance 6000 or advance 6s", "advance：请给出一个时长，例如 advance 6000 或 advance 6s";
    CliAdvanceStopped => "advance: stopped at {now} ms after {events} events; advance less at a time", "advance：运行 {events} 个事件后停在 {now} 毫秒处；请一次少前进一些";
    CliStepRange => "step: give a number of events from 1 to {max}", "step：请给出 1 到 {max} 之间的事件数";
    CliStepUsage => "step: give at most one number, e.g. step 10", "step：最多给一个数字，例如 step 10";
    CliStepSummary => "Ran {ran} event(s): virtual time {from} ms → {to} ms.", "执行了 {ran} 个事件：虚拟时间 {from} 毫秒 → {to} 毫秒。";
    CliStepQueueEmpty => "Ran {ran} event(s): virtual time {from} ms → {to} ms; nothing else is queued.", "执行了 {ran} 个事件：虚拟时间 {from} 毫秒 → {to} 毫秒；队列中已没有其他事件。";
    CliBrokersRange => "brokers: choose between 1 and {max} brokers", "brokers：请选择 1 到 {max} 个 broker";
    CliNotWholeNumber => "{cmd}: '{value}' is not a whole number", "{cmd}：'{value}' 不是整数";
    CliOneNumber => "{cmd}: give exactly one number, e.g. {cmd} 3", "{cmd}：请只给一个数字，例如 {cmd} 3";
    CliNotBrokerId => "'{value}' is not a broker id (brokers are numbered 1, 2, 3 …)", "'{value}' 不是 broker ID（broker 编号为 1、2、3 …）";
    CliNoBroker => "{cmd}: there is no broker {broker}", "{cmd}：没有 broker {broker}";
    CliConsumerAddDeadBroker => "consumer add: {error} (lab: broker {dead} is dead; start-broker {first})", "consumer add: {error}（实验室：broker {dead} 已宕机；执行 start-broker {first}）";
    CliConsumerAddDeadBrokers => "consumer add: {error} (lab: brokers {dead} are dead; start-broker {first})", "consumer add: {error}（实验室：broker {dead} 已宕机；执行 start-broker {first}）";
    CliConsumerAddNoQuorum => "consumer add: {error} (lab: ZooKeeper has no quorum; start-zk brings a server back)", "consumer add: {error}（实验室：ZooKeeper 没有法定人数；执行 start-zk 启动一台服务器）";
    CliBrokerAlive => "{cmd}: broker {broker} is already running", "{cmd}：broker {broker} 已经在运行";
    CliBrokerDead => "{cmd}: broker {broker} is already dead", "{cmd}：broker {broker} 已经宕机";
    CliNotPartition => "{cmd}: '{value}' is not a partition (write it TOPIC-PARTITION, e.g. orders-0)", "{cmd}：'{value}' 不是分区（写成 主题-分区号，例如 orders-0）";
    CliNoPartition => "{cmd}: there is no partition {tp}", "{cmd}：没有分区 {tp}";
    CliNoLeader => "{cmd}: {tp} has no leader right now", "{cmd}：{tp} 目前没有 leader";
    CliNoFollower => "{cmd}: {tp} has no live follower", "{cmd}：{tp} 没有存活的 follower";
    CliKillUsage => "kill-broker: give a broker id, --leader-of T-P or --follower-of T-P", "kill-broker：请给出 broker ID、--leader-of T-P 或 --follower-of T-P";
    CliStartUsage => "start-broker: give a broker id (start-broker 2) or --all", "start-broker：请给出 broker ID（start-broker 2）或 --all";
    CliEofNoConsole => "EOF ends the records of kafka-console-producer.sh, and none is reading: start one with kafka-console-producer.sh --topic T", "EOF 用来结束 kafka-console-producer.sh 读取的记录，但现在没有在读取：先用 kafka-console-producer.sh --topic T 启动一个";
    CliUnexpectedArg => "{cmd}unexpected argument '{value}' (options start with --)", "{cmd}多余的参数 '{value}'（选项以 -- 开头）";
    CliQuotes => "unbalanced quotes or a trailing backslash", "引号不成对，或行尾多了一个反斜杠";
    CliNotSimulated => "{what} is not simulated yet", "{what} 尚未模拟";
    CliClientVersionUnknown => "client-version: '{value}' is not a version the lab knows: 2.3 (the notes' era), 3.x or 4.0", "client-version：实验室不认识版本 '{value}'：可选 2.3（笔记的年代）、3.x 或 4.0";
    CliClientVersionUsage => "client-version: give one version: 2.3, 3.x or 4.0", "client-version：请给出一个版本：2.3、3.x 或 4.0";
    CliFreshCluster => "A fresh cluster of {n} brokers (seed {seed}).", "新建了一个有 {n} 个 broker 的集群（种子 {seed}）。";
    CliFreshClusterOne => "A fresh cluster of 1 broker (seed {seed}).", "新建了一个只有 1 个 broker 的集群（种子 {seed}）。";
    CliTxnNoProducer => "txn: no producer {client} with transactional.id {id} (start one with txn begin --transactional-id {id})", "txn：没有 transactional.id 为 {id} 的生产者 {client}（先用 txn begin --transactional-id {id} 启动一个）";
    CliTxnUsage => "txn: begin|commit|abort --transactional-id ID [--client-id C] [--producer-property k=v]... | describe", "txn 用法：begin|commit|abort --transactional-id ID [--client-id C] [--producer-property k=v]... | describe";
    CliTxnIdRequired => "txn: --transactional-id is required, e.g. txn begin --transactional-id orders-app", "txn：必须给出 --transactional-id，例如 txn begin --transactional-id orders-app";
    CliTxnPropsOnBegin => "txn: --producer-property is for txn begin (when the producer is created)", "txn：--producer-property 只用于 txn begin（创建生产者时）";
    CliProducerUsage => "producer: describe [CLIENT-ID] | restart CLIENT-ID", "producer 用法：describe [CLIENT-ID] | restart CLIENT-ID";
    CliNoProducer => "producer: no producer has client.id {name} (producers appear with their first send)", "producer：没有 client.id 为 {name} 的生产者（生产者在第一次发送时出现）";
    CliNoConsumer => "{cmd}: there is no consumer {id} (add one with consumer add)", "{cmd}：没有消费者 {id}（先用 consumer add 添加）";
    CliTopicNotExist => "{cmd}: topic {topic} does not exist", "{cmd}：主题 {topic} 不存在";
    CliLineError => "line {n}: {error}", "第 {n} 行：{error}";
    ConsoleProducerPrompt => "kafka-console-producer.sh is reading records for {topic}: each line you type is a record. Type EOF or press Ctrl-D to stop.", "kafka-console-producer.sh 正在读取写入 {topic} 的记录：你输入的每一行都是一条记录。输入 EOF 或按 Ctrl-D 结束。";
    ConsoleRecordHint => "A record (EOF or Ctrl-D ends)", "一条记录（EOF 或 Ctrl-D 结束）";
    // --- zk ---
    CliFreshClusterZk => "A fresh cluster of {n} brokers and {z} ZooKeeper servers (zoo1..zoo{z}; a quorum is {q}) (seed {seed}).", "新建了一个有 {n} 个 broker 和 {z} 台 ZooKeeper 服务器的集群（zoo1..zoo{z}；法定人数为 {q}）（种子 {seed}）。";
    CliFreshClusterOneZk => "A fresh cluster of 1 broker and {z} ZooKeeper servers (zoo1..zoo{z}; a quorum is {q}) (seed {seed}).", "新建了一个有 1 个 broker 和 {z} 台 ZooKeeper 服务器的集群（zoo1..zoo{z}；法定人数为 {q}）（种子 {seed}）。";
    CliOffsetsStorageZk => "Group {group}: offsets.storage=zookeeper (Kafka 0.8): its commits now write /consumers/{group}/offsets/<topic>/<partition> in ZooKeeper.", "消费者组 {group}：offsets.storage=zookeeper（Kafka 0.8）：此后它的提交写入 ZooKeeper 的 /consumers/{group}/offsets/<topic>/<partition>。";
    CliOffsetsStorageKafka => "Group {group}: offsets.storage=kafka (0.9 and later): its commits now go to the group coordinator, into __consumer_offsets.", "消费者组 {group}：offsets.storage=kafka（0.9 及以后）：此后它的提交发给组协调器，写入 __consumer_offsets。";
    CliZkUsage => "{cmd}: give a ZooKeeper server's myid, e.g. {cmd} 2", "{cmd}：请给出 ZooKeeper 服务器的 myid，例如 {cmd} 2";
    CliNotZk => "{cmd}: '{z}' is not a ZooKeeper server (write 2 or zoo2)", "{cmd}：'{z}' 不是 ZooKeeper 服务器（写 2 或 zoo2）";
    ZkElecting => "Electing a ZooKeeper leader ({alive} servers up): nothing is served until it has synced its followers", "正在选举 ZooKeeper leader（{alive} 台服务器在运行）：新 leader 同步完 follower 之前不对外服务";
    ZkQuorumLostBanner => "Quorum lost: {alive} of {n} servers up, {quorum} needed. Brokers cannot write to ZooKeeper", "失去法定人数：{n} 台中只有 {alive} 台在运行，至少需要 {quorum} 台。broker 无法写入 ZooKeeper";
    ZkServerKillTitle => "zoo{z} (last zxid {zxid}): click to kill it", "zoo{z}（最后的 zxid {zxid}）：点击杀掉它";
    ZkServerStartTitle => "zoo{z} is dead: click to restart it", "zoo{z} 已停止：点击重启";
    ZkEraZk => "This group commits to ZooKeeper (offsets.storage=zookeeper, Kafka 0.8)", "该组把位移提交到 ZooKeeper（offsets.storage=zookeeper，Kafka 0.8）";
    ZkEraKafka => "This group commits to __consumer_offsets (offsets.storage=kafka, Kafka 0.9 and later)", "该组把位移提交到 __consumer_offsets（offsets.storage=kafka，Kafka 0.9 及以后）";
    SwitchToZk => "Switch to the 0.8 era (ZooKeeper)", "切换到 0.8 时代（ZooKeeper）";
    SwitchToKafka => "Switch to the 0.9+ era (__consumer_offsets)", "切换到 0.9+ 时代（__consumer_offsets）";
    ZkOffsetsEmpty => "No znode yet. With offsets.storage=zookeeper a commit writes /consumers/{group}/offsets/T/P, whose data is the offset as a decimal string.", "还没有节点。offsets.storage=zookeeper 时，每次提交会写入 /consumers/{group}/offsets/T/P，节点数据是十进制字符串形式的位移。";
    OffsetsTopicBlocked => "A consumer cannot join now: __consumer_offsets does not exist yet and needs replication factor {rf} (offsets.topic.replication.factor), but only {live} broker(s) are up; dead: {dead}. Restart a broker (click it on the cluster tab, or start-broker {first}).", "现在无法加入消费者：__consumer_offsets 还不存在，需要副本数 {rf}（offsets.topic.replication.factor），但只有 {live} 个 broker 在运行；已停止：{dead}。请重启一个 broker（在集群页点击它，或执行 start-broker {first}）。";
    ZkNoQuorumBlocked => "ZooKeeper has no quorum: the topic cannot be created until a quorum of servers runs again (start-zk).", "ZooKeeper 没有法定人数：在足够的服务器恢复运行之前（start-zk）无法创建主题。";
    EvZkServerKilled => "ZooKeeper server zoo{server} was killed.", "ZooKeeper 服务器 zoo{server} 被杀掉。";
    EvZkServerStarted => "ZooKeeper server zoo{server} started again and rejoins the ensemble.", "ZooKeeper 服务器 zoo{server} 重新启动，重新加入集群（ensemble）。";
    EvZkQuorumLost => "ZooKeeper lost its quorum: {alive} server(s) up, {quorum} needed. No server serves: brokers cannot renew their sessions or write (no ISR change, no controller write, no election); leaders keep serving what they lead. No session expires until a quorum returns.", "ZooKeeper 失去了法定人数（quorum）：只有 {alive} 台服务器在运行，至少需要 {quorum} 台。没有服务器对外服务：broker 无法续约会话，也无法写入（ISR 不能变，控制器不能写，不能选举）；leader 照常服务自己负责的分区。在法定人数恢复之前，没有会话会过期。";
    EvZkElectionStarted => "ZooKeeper: {alive} servers (a quorum) elect a leader: the one with the highest zxid, then the highest myid, wins (Zab). Until it has synced its followers nothing is served.", "ZooKeeper：{alive} 台服务器（达到法定人数）开始选举 leader：zxid 最大者胜出，相同则 myid 最大者胜出（Zab）。新 leader 同步完 follower 之前不对外服务。";
    EvZkLeaderElected => "ZooKeeper: zoo{server} leads the ensemble (epoch {epoch}, last zxid {zxid}); the others follow. Every session's timeout starts afresh; waiting requests are served.", "ZooKeeper：zoo{server} 成为集群的 leader（epoch {epoch}，最后的 zxid {zxid}），其余服务器为 follower。每个会话的超时重新计时，等待中的请求开始处理。";
    // --- fast ---
    StorageProduceRolling => "Produce 60 records", "生产 60 条记录";
    LookupEmpty => "Type an offset first: a whole number, 0 or more.", "请先输入一个 offset：0 或更大的整数。";
    LookupNegative => "Offsets are never negative: {v} is before a partition's first record (offset 0).", "offset 不会是负数：{v} 在分区第一条记录（offset 0）之前。";
    LookupNotOffset => "“{v}” is not an offset: offsets are whole numbers from 0 to 9223372036854775807 (a Java long).", "“{v}” 不是 offset：offset 是 0 到 9223372036854775807（Java 的 long）之间的整数。";
    LookupNoPartition => "There is no partition to look in yet: create a topic first.", "还没有可查找的分区：请先创建主题。";
    UploadNone => "No file chosen", "未选择文件";
    WfCacheTitle => "The page cache: writes land in memory, the OS writes them to disk later", "页缓存：写入先落在内存里，由操作系统稍后写到磁盘";
    WfCacheHint => "Kafka does not flush its log itself (log.flush.interval.messages and log.flush.interval.ms are off by default): an append dirties pages of the OS page cache, and Linux writes a page once it has been dirty for 30 s, at its next 5-second wake-up (vm.dirty_expire_centisecs=3000, vm.dirty_writeback_centisecs=500). Followers and consumers reading the tail are served from the cache; a read of old data that was evicted goes to disk. Each lab machine has {pages} pages of 4 KiB (page-cache --max-pages N changes it). kill-broker kills the Kafka process, not the machine: its page cache, dirty pages included, survives.",
                   "Kafka 默认不自己刷盘（log.flush.interval.messages 和 log.flush.interval.ms 默认关闭）：追加写只是把操作系统页缓存里的页弄“脏”，Linux 在页脏了 30 秒后、下一次每 5 秒的唤醒时把它写到磁盘（vm.dirty_expire_centisecs=3000，vm.dirty_writeback_centisecs=500）。读取末尾的追随者副本和消费者直接从缓存得到数据；读取已被淘汰的旧数据则要读磁盘。实验室每台机器有 {pages} 个 4 KiB 的页（用 page-cache --max-pages N 修改）。kill-broker 杀掉的是 Kafka 进程而不是机器：它的页缓存（包括脏页）仍然保留。";
    WfDrop => "Drop caches (sync; echo 1 > /proc/sys/vm/drop_caches)", "清空页缓存（sync; echo 1 > /proc/sys/vm/drop_caches）";
    WfReadAll => "Read orders from the beginning", "从头读取 orders";
    WfPagesOf => "{cached}/{max} pages", "{cached}/{max} 页";
    WfProcessDown => "Kafka process down, cache kept", "Kafka 进程已停，缓存仍在";
    WfCached => "pages in the page cache", "页缓存中的页";
    WfClean => "clean", "干净页";
    WfDirty => "dirty", "脏页";
    WfNextFlush => "next write to disk at {t}", "下次写盘：{t}";
    WfNoDirty => "nothing dirty", "没有脏页";
    WfHits => "hits", "命中";
    WfMisses => "misses", "未命中";
    WfHitRatio => "hit ratio", "命中率";
    WfFlushed => "written to disk", "已写盘";
    WfEvicted => "evicted", "已淘汰";
    WfServed => "Served {f} to followers and {c} to consumers.", "已向追随者副本提供 {f}，向消费者提供 {c}。";
    WfNoteFlushed => "{t} broker-{b}: the flusher wrote {n} dirty pages to disk", "{t} broker-{b}：刷盘线程把 {n} 个脏页写到磁盘";
    WfNoteCold => "{t} broker-{b}: cold read of {tp} from segment {base} on: {n} pages from disk", "{t} broker-{b}：冷读 {tp}（从日志段 {base} 起）：从磁盘读入 {n} 页";
    WfNoteEvicted => "{t} broker-{b}: {n} least recently used pages evicted to make room", "{t} broker-{b}：为腾出空间淘汰了 {n} 个最久未用的页";
    WfNoteDropped => "{t} broker-{b}: caches dropped ({n} pages)", "{t} broker-{b}：页缓存已清空（{n} 页）";
    WfLegendDirty => "dirty in the page cache", "在页缓存中，有脏页";
    WfLegendClean => "cached and on disk", "已缓存且已写盘";
    WfLegendDisk => "on disk only", "只在磁盘上";
    WfSegDirty => "Page cache: {n} of its {p} pages dirty (not on disk yet)", "页缓存：{p} 页中有 {n} 页是脏页（尚未写盘）";
    WfSegCached => "Page cache: {n} of its {p} pages cached, all on disk", "页缓存：{p} 页中有 {n} 页已缓存，全部已写盘";
    WfSegDisk => "On disk only: a read goes to the disk", "只在磁盘上：读取要访问磁盘";
    WfIoTitle => "Sequential vs random I/O, priced with this run's appends", "顺序 I/O 与随机 I/O：用本次运行的追加量来算";
    WfIoHint => "The brokers have appended {bytes} so far. The same bytes as one sequential stream, or as random 4 KiB writes (one seek each):", "到目前为止各 broker 共追加了 {bytes}。同样的字节按一次顺序写入，或按随机 4 KiB 写入（每次一次寻道）所需的时间：";
    WfSeq => "sequential", "顺序";
    WfRandom => "random 4 KiB", "随机 4 KiB";
    WfDevHdd => "7200 rpm hard disk (~150 MB/s, ~150 IOPS)", "7200 转机械硬盘（约 150 MB/s，约 150 IOPS）";
    WfDevSsd => "SATA SSD (~500 MB/s, ~50,000 IOPS)", "SATA 固态硬盘（约 500 MB/s，约 50,000 IOPS）";
    WfDevRaid => "Kafka's design page: six 7200 rpm SATA disks in RAID-5 (~600 MB/s linear, ~100 KB/s random)", "Kafka 设计文档：6 块 7200 转 SATA 盘组成 RAID-5（线性约 600 MB/s，随机约 100 KB/s）";
    WfIoSource => "Sources: Kafka's documentation (Design, “Don't fear the filesystem!”) measures linear writes on that array at about 6000 times its random writes, and points to an ACM Queue article (Adam Jacobs, “The Pathologies of Big Data”, 2009) that found sequential disk reads can beat random reads from memory. The disk and SSD rows are typical datasheet figures, not measurements.",
                  "来源：Kafka 文档设计一章的“持久化”小节给出该阵列的线性写约为随机写的 6000 倍，并引用了 ACM Queue 的文章（Adam Jacobs，《The Pathologies of Big Data》，2009），其结论是顺序读磁盘有时比随机读内存还快。机械硬盘和固态硬盘两行是常见的规格书数字，不是实测值。";
    WfBatchTitle => "Batching: fewer requests, fewer headers", "批量发送：更少的请求、更少的批次头";
    WfBatchHint => "The lab's producers sent {records} records in {batches} batches and {requests} produce requests; one record per request would take {records} requests.", "实验室的生产者把 {records} 条记录放进 {batches} 个批次、用 {requests} 个生产请求发出；每个请求一条记录则需要 {records} 个请求。";
    WfBatched => "batched", "批量";
    WfOnePer => "one record per request", "每请求一条记录";
    WfRequests => "requests", "个请求";
    WfBytesHint => "The leaders' logs hold {records} records in {batches} batches: {bytes}. One record per batch, each with its own 61-byte batch header (RECORD_BATCH_OVERHEAD), would be about {unbatched}.", "各 leader 的日志里有 {records} 条记录、{batches} 个批次，共 {bytes}。若每批只有一条记录、每批都带 61 字节的批次头（RECORD_BATCH_OVERHEAD），约为 {unbatched}。";
    WfCompression => "Compression (compression.type, default none) compresses a batch's records section as one block, so fuller batches compress better; the log, the followers and the consumers all carry the compressed bytes. The lab models none and gzip (snappy, lz4 and zstd are refused): choose gzip in the Producer tab's batching panel, or produce with --producer-property compression.type=gzip.", "压缩（compression.type，默认 none）把一个批次的记录部分整体压缩，所以批次越满压缩效果越好；日志、follower 和消费者拿到的都是压缩后的字节。实验室模拟 none 和 gzip（snappy、lz4、zstd 会被拒绝）：在“生产者”页的批量面板里选 gzip，或用 --producer-property compression.type=gzip 发送。";
    WfNoProducer => "No producer has sent anything yet.", "还没有生产者发送过数据。";
    WfParTitle => "Partitions read in parallel by a group's members", "消费组成员并行读取各分区";
    WfParHint => "Bytes each consumer fetched from each broker. A group's members own different partitions, led by different brokers, and fetch at the same time.", "每个消费者从每个 broker 拉取的字节数。组内成员各自拥有不同的分区，这些分区由不同的 broker 领导，成员同时拉取。";
    WfParNone => "No consumer has fetched yet: add consumers in the Consumers tab, or read with the button above.", "还没有消费者拉取过数据：在消费者标签页添加消费者，或用上面的按钮读取。";
    WfParMember => "consumer", "消费者";
    WfParGroup => "group", "消费组";
    WfParTotal => "total", "合计";
    WfParShare => "share", "占比";
    WfParAlone => "{n} consumers read {total} in all; a single consumer would have fetched all of it through its one poll loop.", "{n} 个消费者共读取 {total}；若只有一个消费者，这些数据都要由它一个轮询循环拉取。";
    WfZeroLive => "In this run: {hit} went to the network straight from the page cache (sendfile, no CPU copy); {miss} had to be read from disk into the cache first.", "本次运行：{hit} 直接从页缓存发往网络（sendfile，没有 CPU 拷贝）；{miss} 需要先从磁盘读入页缓存。";
    // --- gzip ---
    WfZipRow => "{codec}: {before} of batches written as {after} ({ratio}× smaller)", "{codec}：{before} 的批次写成 {after}（缩小 {ratio} 倍）";
    LoadBytes => "bytes before → after", "压缩前 → 压缩后字节";
    // --- tour ---
    TourButton => "Tour", "导览";
    TourButtonTitle => "A guided tour through the notes' 20 sections", "带你走完笔记的 20 个章节的导览";
    TourTitle => "Guided tour", "导览";
    TourStopOf => "Stop {n} of {total}", "第 {n} 站，共 {total} 站";
    TourNext => "Next", "下一站";
    TourBack => "Back", "上一站";
    TourDoIt => "Do it for me", "帮我做";
    TourClose => "Close the tour", "关闭导览";
    TourMinimise => "Minimise", "收起";
    TourExpand => "Show the tour", "展开导览";
    TourAllStops => "All stops", "全部站点";
    TourYourTurn => "Your turn", "动手试试";
    TourWaiting => "Waiting for you to do it…", "等你动手……";
    TourDone => "Done: what happened", "完成：发生了什么";
    TourRestart => "Start over", "从头开始";
    TourS0Title => "What is Kafka?", "Kafka 是什么？";
    TourS0Body => "Kafka is a distributed log: producers append records to topics, brokers keep them on disk and copy them to each other, consumers read them at their own pace. This page runs a real simulation of a ZooKeeper-era cluster: 3 brokers, ZooKeeper, and topic `orders` with 3 partitions, each kept on 3 brokers. Time here is virtual: it only moves when the clock runs.", "Kafka 是一个分布式的日志：生产者把记录追加到主题里，broker 把它们存在磁盘上并互相复制，消费者按自己的节奏读取。这个页面运行着一个真实模拟的 ZooKeeper 时代集群：3 个 broker、ZooKeeper，以及主题 `orders`（3 个分区，每个分区在 3 个 broker 上各有一份）。这里的时间是虚拟的：只有时钟走动时才前进。";
    TourS0Task => "Speed the clock up to ×10 or more with the Speed slider, so timeouts pass in seconds.", "用“速度”滑块把时钟调到 ×10 或更快，这样超时在几秒内就会到。";
    TourS0Done => "The virtual clock now runs ten times faster than yours. A ZooKeeper session timeout of 6 s takes 0.6 s here. Watch the clock and the event counter in the toolbar.", "虚拟时钟现在比真实时间快十倍。6 秒的 ZooKeeper 会话超时在这里只需 0.6 秒。留意工具栏里的时钟和事件计数。";
    TourS1Title => "§1 Cluster architecture", "§1 集群架构";
    TourS1Body => "A cluster is a set of brokers. A topic is split into partitions spread over the brokers, for load and parallelism. Each partition has one leader (it serves reads and writes) and followers (copies of the leader). One broker is also the controller (★).", "集群由多个 broker 组成。主题被分成多个分区，分布在各个 broker 上，以分担负载、并行处理。每个分区有一个 leader（负责读写）和若干 follower（leader 的副本）。其中一个 broker 还是控制器（★）。";
    TourS1Task => "Kill the leader of orders-0: click the broker whose orders-0 chip says L.", "杀死 orders-0 的 leader：点击 orders-0 标着 L 的那个 broker。";
    TourS1Done => "The broker died. After `zookeeper.session.timeout.ms` its ZooKeeper session expired, the controller noticed and elected a new leader for orders-0 from the ISR: look for the new L chip and the election in the event log. Click the dead broker again whenever you want it back.", "这个 broker 挂了。经过 `zookeeper.session.timeout.ms` 后它的 ZooKeeper 会话过期，控制器察觉后从 ISR 中为 orders-0 选出了新的 leader：看新的 L 标记和事件日志里的选举记录。想让它回来时，再点一下这个挂掉的 broker。";
    TourS2Title => "§2 The producer's six steps", "§2 生产者发送流程（六步）";
    TourS2Body => "A send goes: 1 ask for the partition's leader, 2 send to the leader, 3 the leader appends to its log, 4 followers fetch from the leader, 5 followers append and ack, 6 the leader acknowledges the producer.", "一次发送的流程：1 查询分区的 leader；2 发给 leader；3 leader 写入本地日志；4 follower 从 leader 拉取；5 follower 写入并确认；6 leader 向生产者确认。";
    TourS2Task => "Press “Follow one record”, then “Next step” until it reaches step 6.", "点击“追踪一条记录”，再点“下一步”，直到第 6 步。";
    TourS2Done => "You watched one record travel the six steps. With acks=all the leader answered only when every replica in the ISR had it; the step list shows which message did what.", "你看到一条记录走完了六步。acks=all 时，leader 要等 ISR 里的每个副本都有了这条记录才回应；步骤列表里写着每条消息做了什么。";
    TourS3Title => "§3 Choosing a partition", "§3 选择分区的三种模式";
    TourS3Body => "A record goes to the partition it names; else, if it has a key, to murmur2(key) mod the partition count; else the client spreads keyless records (round-robin in the notes' era, the sticky partitioner today).", "记录指定了分区就进该分区；否则有 key 时进 murmur2(key) 对分区数取模的分区；都没有时由客户端分散（笔记时代是轮询，如今是粘性分区器）。";
    TourS3Task => "Send a record with key user-1.", "发送一条 key 为 user-1 的记录。";
    TourS3Done => "The panel shows murmur2 of the key and the partition it maps to. Send user-1 again: it lands in the same partition, which is what keeps one user's records in order.", "面板显示了 key 的 murmur2 值以及它对应的分区。再发一次 user-1：还是同一个分区，这正是同一用户的记录保持有序的原因。";
    TourS4Title => "§4 acks and the ISR", "§4 acks 与同步副本 ISR";
    TourS4Body => "acks=0: done once sent; acks=1: the leader's ack; acks=all: the leader acks once every follower in the ISR has the record. A follower that falls behind for `replica.lag.time.max.ms`, or dies, leaves the ISR; when it catches up again it rejoins.", "acks=0：发出即成功；acks=1：leader 确认即可；acks=all：ISR 里的每个 follower 都有了才确认。follower 落后超过 `replica.lag.time.max.ms` 或挂掉就会被踢出 ISR；追上之后再重新加入。";
    TourS4Task => "Bring a dead broker back with Restart in the Faults table (kill a follower first if all are alive), and watch it rejoin the ISR.", "在“故障”表里点“重启”把挂掉的 broker 拉起来（如果都活着，先杀死一个 follower），看它重新加入 ISR。";
    TourS4Done => "The restarted broker fetched what it missed, caught up with the leader's log end and the leader added it back to the ISR. From now on acks=all waits for it again.", "重启的 broker 拉取了错过的数据，追上了 leader 的日志末尾，leader 把它重新加进 ISR。从此 acks=all 又要等它了。";
    TourS5Title => "§5 How a partition is stored", "§5 分区存储文件原理";
    TourS5Body => "Each partition is a folder on each broker holding it (`orders-0`, `orders-1`, …). Inside, the log is cut into segments: a `.log` file with the records and an `.index` beside it, named after the first offset they hold.", "每个分区在存放它的 broker 上是一个文件夹（`orders-0`、`orders-1`……）。里面的日志被切成多个分段：`.log` 文件存记录，旁边是 `.index`，文件名是它们包含的第一个 offset。";
    TourS5Task => "Open a segment: click one of a broker's segment files.", "打开一个分段：点击某个 broker 的分段文件。";
    TourS5Done => "You see the segment's batches as Kafka writes them, and its index entries. Every broker holding the partition has the same files: followers copy the leader's batches.", "你看到了这个分段里按 Kafka 格式写入的批次，以及它的索引条目。存有该分区的每个 broker 文件都一样：follower 复制的就是 leader 的批次。";
    TourS6Title => "§6 Why Kafka is fast", "§6 为什么快";
    TourS6Body => "Kafka only ever appends to the end of the active segment: sequential writes, no seeks. Reads find their place through a sparse index instead of scanning.", "Kafka 只在当前分段的末尾追加：顺序写，没有寻道。读取时通过稀疏索引定位，而不是从头扫描。";
    TourS6Task => "Append 200 records to orders-0: type `produce --topic orders --partition 0 --count 200 rec` in the console.", "往 orders-0 追加 200 条记录：在控制台输入 `produce --topic orders --partition 0 --count 200 rec`。";
    TourS6Done => "All 200 went to the end of the same file, in order: one sequential stream. Below, the “why fast” panel prices this run’s appends on a disk: written sequentially against the same bytes as random writes (the numbers behind them are listed), and shows them landing in the page cache as dirty pages that the OS flushes later. The segment has more index entries too, one per `index.interval.bytes` of log.", "这 200 条全部按顺序写到了同一个文件末尾：一个顺序的数据流。下面的“为什么快”面板按磁盘的速度为本次运行的追加算了账：顺序写与同样字节数的随机写对比（列出了背后的数字），并显示它们先作为脏页落在页缓存里，稍后由操作系统刷盘。分段里的索引条目也变多了，每 `index.interval.bytes` 的日志一条。";
    TourS7Title => "§7 Consumer groups", "§7 消费者组原理";
    TourS7Body => "Consumers that share a `group.id` split a topic's partitions: each partition is read by exactly one member of the group. Two groups read the same topic independently.", "共享同一个 `group.id` 的消费者瓜分主题的分区：每个分区只被组内一个成员读取。两个组各自独立地读同一个主题。";
    TourS7Task => "Add consumers until the group has three: press “add consumer” as often as needed.", "添加消费者，直到组里有三个：按需多点几次“添加消费者”。";
    TourS7Done => "Each of the three members now owns one partition: look at the owner colours and the rebalance timeline. A fourth member would get nothing, since there are only three partitions.", "三个成员现在各拥有一个分区：看分区的颜色和再平衡时间线。第四个成员将分不到分区，因为只有三个分区。";
    TourS8Title => "§8 A log-collection pipeline", "§8 日志收集系统架构";
    TourS8Body => "A classic use: collectors (Filebeat, Flume) ship application logs into Kafka; sinks such as Logstash→Elasticsearch and an HDFS writer read the same topic, each as its own consumer group with its own offsets and lag.", "经典用法：采集器（Filebeat、Flume）把应用日志送进 Kafka；Logstash→Elasticsearch、HDFS 写入器等下游各自作为独立的消费者组读取同一个主题，各有各的 offset 和延迟。";
    TourS8Task => "Play the preset “{preset}”.", "播放预设“{preset}”。";
    TourS8Done => "The data flow shows collectors → topic → two groups. Logstash keeps up; the HDFS writer reads in batches and falls behind without slowing anyone: lag is per group.", "数据流图显示 采集器 → 主题 → 两个组。Logstash 跟得上；HDFS 写入器批量读取而落后，但不拖慢别人：延迟是按组计算的。";
    TourS9Title => "§9 Where offsets live", "§9 offset 存储位置";
    TourS9Body => "A group's committed offset says where it resumes. Before 0.9 offsets were kept in ZooKeeper; since 0.9 in Kafka itself, in the internal topic `__consumer_offsets`.", "消费者组提交的 offset 决定了它从哪里继续。0.9 之前 offset 存在 ZooKeeper 里；0.9 起存在 Kafka 自己的内部主题 `__consumer_offsets` 中。";
    TourS9Task => "Choose offsets.storage = ZooKeeper, add a consumer, press its “poll” then its “commit”.", "把 offsets.storage 选为 ZooKeeper，添加一个消费者，依次点它的“拉取”和“提交”。";
    TourS9Done => "The commit went to ZooKeeper znodes `/consumers/<group>/offsets/<topic>/<partition>` (the offset as a decimal string, as Kafka 0.8 wrote it): see them here beside the `__consumer_offsets` records, and in the ZooKeeper box on the Cluster tab. Switch the group’s era with its button and commit again: the next commit is a record in `__consumer_offsets`.", "这次提交写进了 ZooKeeper 的节点 `/consumers/<group>/offsets/<topic>/<partition>`（位移是十进制字符串，和 Kafka 0.8 写的一样）：在这里和 `__consumer_offsets` 的记录并排可见，“集群”页的 ZooKeeper 框里也能看到。用该组的按钮切换年代再提交一次：下一次提交就成了 `__consumer_offsets` 里的一条记录。";
    TourS10Title => "§10 Segments and the index", "§10 分片和索引";
    TourS10Body => "To find an offset Kafka picks the segment by its base offset, binary-searches the sparse `.index` for the largest entry not above the offset, then scans the `.log` from that position.", "查找一个 offset 时，Kafka 先按起始 offset 选分段，再在稀疏的 `.index` 里二分查找不超过该 offset 的最大条目，然后从那个位置扫描 `.log`。";
    TourS10Task => "Look up offset 25 in orders-0 with the lookup form.", "用查找表单在 orders-0 里查找 offset 25。";
    TourS10Done => "The animation shows the segment chosen, each probe of the binary search, then the batches scanned. Compare the step counts: indexed against a scan from the start.", "动画依次显示选中的分段、二分查找的每次探查、然后扫描的批次。比较步数：走索引 vs 从头扫描。";
    TourS11Title => "§11 Consistency: HW and LEO", "§11 数据一致性 HW / LEO";
    TourS11Body => "LEO is each replica's log end offset. The high watermark (HW) is the smallest LEO in the ISR: consumers see only records below it. After a leader change, replicas cut their logs back to agree; since Kafka 0.11 they use leader epochs (KIP-101) instead of their HW, so acked records are kept.", "LEO 是每个副本的日志末端 offset。高水位 HW 是 ISR 中最小的 LEO：消费者只能看到它之前的记录。leader 变更后，副本会截断日志以保持一致；从 Kafka 0.11 起用 leader epoch（KIP-101）而不是自己的 HW 来截断，已确认的记录得以保留。";
    TourS11Task => "Play the preset “{preset}” and watch a replica cut its log back to its high watermark.", "播放预设“{preset}”，看一个副本把日志截断到自己的高水位。";
    TourS11Done => "The follower restarted and, as the notes describe, truncated its log to its own HW, dropping a record the producer had been told was written; after the next failover it was lost, and the ledger flags it. The preset “Since 0.11: leader epochs keep it” replays the same moment with KIP-101 and keeps the record.", "这个 follower 重启后，正如笔记所说，把日志截断到了自己的 HW，丢掉了一条已经向生产者确认过的记录；下一次故障转移后它就丢失了，账本会标出来。预设“0.11 起：leader epoch 保住了它”用 KIP-101 重演同一时刻，记录得以保留。";
    TourS12Title => "§12 Exactly once", "§12 Exactly once 精准一次";
    TourS12Body => "acks=all with an ISR of two or more loses nothing, but a retry after a lost answer writes a duplicate. Idempotence (`enable.idempotence=true`) numbers each batch per producer id, so the broker drops the retry: at least once + idempotence = exactly once, per partition and producer session.", "ISR 有两个及以上副本时 acks=all 不丢数据，但应答丢失后的重试会写入重复。幂等性（`enable.idempotence=true`）按 producer id 给每个批次编号，broker 丢弃重试：至少一次 + 幂等性 = 精准一次，但只限单分区、单个生产者会话。";
    TourS12Task => "Play the preset “{preset}”.", "播放预设“{preset}”。";
    TourS12Done => "The new leader recognised the retried batch by its producer id and sequence number and acknowledged it without writing it again: the event log says so and the ledger shows no duplicate.", "新 leader 通过 producer id 和序列号认出了重试的批次，没有再写一遍就确认了：事件日志里有记录，账本里没有重复。";
    TourS13Title => "§13 Consumers and assignment", "§13 消费者";
    TourS13Body => "Consumers pull. The group's partitions are divided by an assignor: Range (per topic, the default) or RoundRobin (over the whole group). Whenever a member joins or leaves, the group rebalances.", "消费者是拉取模式。组内的分区由分配策略划分：Range（按主题，默认）或 RoundRobin（对整个组轮询）。成员加入或离开时，组会再平衡。";
    TourS13Task => "Choose roundrobin as the strategy, then add two consumers.", "策略选 roundrobin，然后添加两个消费者。";
    TourS13Done => "The group rebalanced: all members rejoined and the leader computed the assignment with the chosen strategy. The timeline shows when the members stopped consuming and when they got their partitions.", "组完成了再平衡：所有成员重新加入，组长按所选策略计算分配。时间线显示成员何时停止消费、何时拿到分区。";
    TourS14Title => "§14 Maintaining offsets", "§14 offset 维护";
    TourS14Body => "An offset is kept per (group, topic, partition). Since 0.9 a commit is a record in `__consumer_offsets`, written by the group's coordinator broker.", "offset 按（消费者组，主题，分区）保存。从 0.9 起，一次提交就是 `__consumer_offsets` 里的一条记录，由该组的协调器 broker 写入。";
    TourS14Task => "Press a consumer's “poll”, then its “commit”.", "点某个消费者的“拉取”，再点它的“提交”。";
    TourS14Done => "The coordinator appended the commit to its `__consumer_offsets` partition; see it under the group with the lag that remains.", "协调器把这次提交追加到了它的 `__consumer_offsets` 分区；在组下面可以看到它，以及剩余的延迟。";
    TourS15Title => "§15 The command line", "§15 命令行操作";
    TourS15Body => "The notes create a topic with Kafka's own tool. The console here runs the same tools: `kafka-topics.sh`, the console producer and consumer.", "笔记用 Kafka 自带的工具创建主题。这里的控制台运行同样的工具：`kafka-topics.sh`、控制台生产者和消费者。";
    TourS15Task => "Type the notes’ own line: `$bin/kafka-topics.sh --create --topic bigdata --zookeeper host:port --patitions 2 --replication-facter 2`. Read what Kafka says, fix the typos, and run it again.", "输入笔记里的原句：`$bin/kafka-topics.sh --create --topic bigdata --zookeeper host:port --patitions 2 --replication-facter 2`。看看 Kafka 怎么说，改正拼写，再运行一次。";
    TourS15Done => "Kafka 2.x refused the typo with its own joptsimple error, and the lab’s hint named the option you meant. Fixed, the line ran as Kafka 2.x ran it (`--zookeeper` was accepted up to Kafka 2.x; `client-version 3.x` refuses it as Kafka 3.0 did). The controller placed two partitions with two replicas each and elected their leaders. Try `kafka-topics.sh --describe --topic bigdata`.", "Kafka 2.x 用它自己的 joptsimple 错误拒绝了拼错的选项，实验室的提示说出了你想写的选项。改正后，这行命令就像在 Kafka 2.x 里一样运行（`--zookeeper` 到 Kafka 2.x 为止都被接受；`client-version 3.x` 会像 Kafka 3.0 那样拒绝它）。控制器放置了两个分区（每个两副本）并选出了 leader。试试 `kafka-topics.sh --describe --topic bigdata`。";
    TourS16Title => "§16 Efficient reads and writes", "§16 高效读写";
    TourS16Body => "Partitions on different brokers are written and read in parallel; writes are sequential; a consumer's fetch is served with zero-copy, from the page cache straight to the socket.", "不同 broker 上的分区并行读写；写入是顺序的；消费者的拉取通过零拷贝完成，数据从页缓存直接进入网卡。";
    TourS16Task => "Read a topic: type `kafka-console-consumer.sh --topic bigdata --from-beginning` in the console.", "读一个主题：在控制台输入 `kafka-console-consumer.sh --topic bigdata --from-beginning`。";
    TourS16Done => "The console consumer sent Fetch requests to each partition’s leader. The records were recent, so the leaders served them from the page cache (the “why fast” panel on the Storage tab counts the hits) and sent them to the socket with zero-copy: two copies, no trip through the application. Type `page-cache --drop` and read again: a cold read goes to disk first (misses). The panel also shows batching cutting the requests, and the members of a group reading partitions on different brokers in parallel.", "控制台消费者向每个分区的 leader 发送了 Fetch 请求。这些记录都是刚写的，所以 leader 直接从页缓存里读出（“存储”页的“为什么快”面板统计了命中次数），再用零拷贝送到套接字：只有两次拷贝，不经过应用程序。输入 `page-cache --drop` 再读一次：冷读要先读磁盘（未命中）。这个面板还显示批处理减少了请求次数，以及一个组的成员并行读取不同 broker 上的分区。";
    TourS17Title => "§17 What ZooKeeper does", "§17 ZooKeeper 的作用";
    TourS17Body => "One broker is elected controller through ZooKeeper's `/controller` znode. It watches `/brokers/ids`, and when a broker goes it elects new leaders from the ISR and writes them to ZooKeeper.", "一个 broker 通过 ZooKeeper 的 `/controller` 节点被选为控制器。它监听 `/brokers/ids`，有 broker 下线时从 ISR 中选出新 leader 并写回 ZooKeeper。";
    TourS17Task => "Kill the controller (the broker marked ★), wait for a new one, then restart the broker you killed.", "杀死控制器（标着 ★ 的 broker），等新的控制器产生，再重启你杀死的 broker。";
    TourS17Done => "When the controller's session expired its `/controller` znode vanished; the other brokers raced to create it and the winner became controller with a higher epoch. The restarted broker registered again and got its replicas back.", "控制器的会话过期后，`/controller` 节点消失；其他 broker 抢着创建它，胜出者以更高的 epoch 成为控制器。重启的 broker 重新注册，拿回了它的副本。";
    TourS18Title => "§18 Transactions", "§18 事务";
    TourS18Body => "Since 0.11 a producer with a `transactional.id` can write to several partitions atomically. A transaction coordinator keeps the state in `__transaction_state`; commit or abort markers end it, and read_committed consumers skip aborted records.", "从 0.11 起，带 `transactional.id` 的生产者可以原子地写入多个分区。事务协调器把状态保存在 `__transaction_state` 中；以提交或中止标记结束，read_committed 的消费者会跳过被中止的记录。";
    TourS18Task => "Play the preset “{preset}”.", "播放预设“{preset}”。";
    TourS18Done => "The coordinator moved the transaction through its states and wrote markers into each partition; read_committed shows only committed records, read_uncommitted shows everything.", "协调器推动事务经过各个状态，并向每个分区写入了标记；read_committed 只显示已提交的记录，read_uncommitted 显示全部。";
    TourS19Title => "§19 The producer API", "§19 Producer API";
    TourS19Body => "send() is asynchronous: the main thread puts records into the RecordAccumulator, one queue of batches per partition; the Sender thread sends a batch when it is full (`batch.size`) or after `linger.ms`.", "send() 是异步的：主线程把记录放进 RecordAccumulator（每个分区一个批次队列）；Sender 线程在批次装满（`batch.size`）或等够 `linger.ms` 后把它发出。";
    TourS19Task => "Run a load with the batching panel: press “Run” (try linger.ms 5).", "用批处理面板跑一次负载：点“运行”（试试 linger.ms 5）。";
    TourS19Done => "The chart shows how many records went per batch and request and the latency they paid: a longer linger.ms fills batches and saves requests, at the cost of waiting.", "图表显示每个批次和请求带了多少条记录，以及付出的延迟：linger.ms 越长批次越满、请求越少，代价是等待。";
    TourS20Title => "§20 docker-compose topologies", "§20 docker-compose";
    TourS20Body => "The notes start clusters with `kafka-stack-docker-compose`: one ZooKeeper and one broker, one ZooKeeper and three brokers, or three ZooKeepers and three brokers.", "笔记用 `kafka-stack-docker-compose` 启动集群：1 个 ZooKeeper + 1 个 broker、1 个 ZooKeeper + 3 个 broker，或 3 个 ZooKeeper + 3 个 broker。";
    TourS20Task => "This is the compose file “{preset}”: three ZooKeeper servers (zoo1–zoo3) and three brokers. Click a ZooKeeper server to kill it, then a second one.", "这就是 compose 文件“{preset}”的拓扑：三台 ZooKeeper 服务器（zoo1–zoo3）和三个 broker。点击一台 ZooKeeper 服务器杀掉它，然后再杀第二台。";
    TourS20Done => "With one server down, two of three still form a quorum: the ensemble kept serving (if you killed the leader, the others elected a new one). With two down, no quorum: ZooKeeper stops serving, so no ISR change, controller write or leader election can happen, while the brokers keep serving what they lead. Restart a server (click it) and the ensemble comes back. That is the whole tour: every stop stays open from the list.", "杀掉一台后，三台里的两台仍构成法定人数：集群照常服务（如果杀的是 leader，其余两台会选出新的 leader）。杀掉两台后失去法定人数：ZooKeeper 停止服务，ISR 变更、控制器写入和 leader 选举都无法进行，而 broker 继续服务自己担任 leader 的分区。点击重启一台服务器，集群就恢复了。导览到此结束：随时可以从列表里重新打开任何一站。";
    // --- panels ---
    KindController => "controller", "控制器";
    KindReplication => "replication", "复制";
    KindStorage => "storage", "存储";
    KindProducer => "producer", "生产者";
    KindGroups => "groups", "消费者组";
    KindFaults => "faults", "故障";
    EventFilterTitle => "Show only these kinds of event", "只显示这些类型的事件";
    EvSegmentRolledOn => "{tp} rolled a new segment at offset {offset} on brokers {brokers}.", "{tp} 在 broker {brokers} 上于 offset {offset} 滚动出新的日志段。";
    NewEvents => "{n} new events ↓", "{n} 条新事件 ↓";
    FoldShow => "{n} alike in a row: click to show each", "连续 {n} 条同类事件：点击逐条展开";
    FoldHide => "click to fold them again", "点击重新折叠";
    LogPaused => "Scrolled up: the log stays put while you read.", "已向上滚动：阅读时日志保持不动。";
    Running => "running", "运行中";
    RunningHint => "The application's loop: poll() every {ms} ms of virtual time, auto-commit as configured. Off: nothing polls until you click poll.", "应用的循环：每 {ms} 毫秒（虚拟时间）调用一次 poll()，按配置自动提交。关闭后，只有点击 poll 才会拉取。";
    ExpiresIn => "session ends in {s} s (session.timeout.ms={ms})", "{s} 秒后会话超时（session.timeout.ms={ms}）";
    ExpiredGone => "no longer a member of its group", "已不再是消费者组成员";
    ActionFailed => "That did not work:", "操作没有成功：";
    HintNotEnoughBrokers => "Not enough live brokers for the replication factor: start a broker first.", "存活的 broker 不足以满足副本因子：请先启动一个 broker。";
    HintNoTopic => "The topic does not exist (yet): create it first.", "该主题（还）不存在：请先创建。";
    HintNotRunning => "It is not running any more.", "它已经不在运行了。";
    EmptyValueSent => "(empty value: legal in Kafka; a null value would be a tombstone)", "（空值：在 Kafka 中合法；null 值才是墓碑记录）";
    TxnIdRequired => "transactional.id must not be empty: a transactional producer is known by it across restarts.", "transactional.id 不能为空：事务型生产者靠它在重启之间被识别。";
    InsideWhich => "producer", "生产者";
    TraceAcksOne => "acks=1: the leader answered the producer right after step 3, before any follower had the record; the steps go on to show the followers copying it.", "acks=1：leader 在第 3 步之后就回复了生产者，那时还没有任何 follower 拿到这条记录；后面的步骤继续展示 follower 复制它。";
    TraceAcksZero => "acks=0: the producer counted the record as sent at step 2 and hears nothing back; the steps go on to show where it went.", "acks=0：生产者在第 2 步就把记录算作已发送，不会收到任何回复；后面的步骤继续展示它的去向。";
    // --- layout ---
    ZoomIn => "Zoom in", "放大";
    ZoomOut => "Zoom out", "缩小";
    ZoomReset => "Whole cluster", "显示全部";
    ZoomHint => "Zoom: these buttons, Ctrl + wheel, or pinch; drag to move once zoomed in.", "缩放：用这些按钮、Ctrl + 滚轮或双指捏合；放大后可拖动画面。";
    TabsMore => "More tabs: scroll sideways", "还有更多标签页：左右滑动";
    FastSeek => "seek", "寻道";
    // --- delete ---
    EvTopicMarkedForDeletion => "Topic {topic} marked for deletion: /admin/delete_topics/{topic} created; the controller's watch fires.", "主题 {topic} 被标记为待删除：已创建 /admin/delete_topics/{topic}，控制器的监听被触发。";
    EvTopicDeletionStarted => "Controller {controller} deletes topic {topic}: its partitions go offline and leave every broker's metadata; brokers {brokers} get StopReplica (delete=true).", "控制器 {controller} 开始删除主题 {topic}：其分区下线并从所有 broker 的元数据中移除；broker {brokers} 收到 StopReplica（delete=true）。";
    EvTopicDeletionIneligible => "Deleting topic {topic} waits: replicas on dead brokers {brokers} cannot be deleted (ineligible). Controller {controller} resumes when they are back.", "主题 {topic} 的删除暂停：宕机的 broker {brokers} 上的副本无法删除（不符合删除条件）。它们恢复后，控制器 {controller} 会继续删除。";
    EvReplicasDeleted => "Broker {broker} stopped its {partitions} replica(s) of {topic} and deleted their logs from disk.", "broker {broker} 停止了 {topic} 的 {partitions} 个副本，并从磁盘删除了它们的日志。";
    EvTopicDeleted => "Topic {topic} deleted: every replica is gone; the controller removed /brokers/topics/{topic}, its partition states and /admin/delete_topics/{topic}.", "主题 {topic} 已删除：所有副本都已删除；控制器移除了 /brokers/topics/{topic}、其分区状态和 /admin/delete_topics/{topic}。";
    CliDeleteWaits => "The deletion waits for the dead broker(s) {brokers} holding replicas of {topic}; it completes once they are back.", "删除正在等待持有 {topic} 副本的已宕机 broker {brokers}；它们恢复后删除才会完成。";
    LedgerTopicDeleted => "topic deleted", "主题已删除";
    CliDeleteInternalAdmin => "Deleting an internal topic through the admin client is not modelled; the 2.x tool with --zookeeper refuses it.", "本实验未模拟通过管理客户端删除内部主题；2.x 版工具使用 --zookeeper 时会拒绝这样做。";
    // --- tmcore ---
    TmForked => "(you gave a command in the past: the old future was kept as branch {k}; 'branches' lists them, 'branch {k}' goes back to it)", "（你在过去执行了命令：原来的未来保留为分支 {k}；'branches' 列出所有分支，'branch {k}' 回到它）";
    TmNoBranch => "branch: there is no branch {k} (type 'branches' for the list)", "branch：没有分支 {k}（输入 branches 查看列表）";
    TmHistoryUsage => "history: takes no arguments", "history：不带参数";
    TmHistoryHeader => "{n} command(s) on branch {b}; the run is at {t} ms, live at {live} ms.", "分支 {b} 上有 {n} 条命令；当前在 {t} 毫秒，实时点在 {live} 毫秒。";
    TmHistoryHere => "  ── you are here: {t} ms ──", "  ── 你在这里：{t} 毫秒 ──";
    TmRewindUsage => "rewind: give --to MS, --to-command N or --events N (e.g. rewind --to 5s)", "rewind：请给出 --to MS、--to-command N 或 --events N（例如 rewind --to 5s）";
    TmRewindFuture => "rewind: {t} ms is ahead of the run ({now} ms); rewind only goes back", "rewind：{t} 毫秒在当前时间（{now} 毫秒）之后；rewind 只能往回走";
    TmRewindFuture2 => "rewind: command {n} has not run yet at this point; rewind only goes back", "rewind：在这个时间点命令 {n} 还没有执行；rewind 只能往回走";
    TmNoCommand => "rewind: there is no command {n} (the journal has {len}; see history)", "rewind：没有命令 {n}（日志里有 {len} 条；见 history）";
    TmNoEvents => "rewind: no event before this point in this cluster", "rewind：这个集群在此之前没有事件";
    TmRewound => "Back at {t} ms ({c} of {n} command(s) applied). advance/step replay the recorded run; a new command starts a branch.", "回到 {t} 毫秒（已执行 {n} 条命令中的 {c} 条）。advance/step 会重放录下的运行；新命令会开出一个分支。";
    TmBranchesUsage => "branches: takes no arguments", "branches：不带参数";
    TmBranchLine => "{n} command(s), live at {t} ms; {what}", "{n} 条命令，实时点在 {t} 毫秒；{what}";
    TmBranchDiffers => "differs from command {i}: {line}", "从命令 {i} 起不同：{line}";
    TmBranchPrefix => "the current branch's first {i} command(s), run on to {t} ms", "当前分支的前 {i} 条命令，运行到 {t} ms";
    TmBranchCurrent => "current", "当前分支";
    TmBranchUsage => "branch: give a branch id (see branches), e.g. branch 1", "branch：请给出分支编号（见 branches），例如 branch 1";
    TmOnBranch => "On branch {k}: {n} command(s), at its live point {t} ms.", "现在在分支 {k}：{n} 条命令，位于它的实时点 {t} 毫秒。";
    TmUndoUsage => "undo: takes no arguments", "undo：不带参数";
    TmNothingToUndo => "undo: no command to undo", "undo：没有可撤销的命令";
    TmUndone => "Undid command {i} ({line}); back at {t} ms.", "撤销了命令 {i}（{line}）；回到 {t} 毫秒。";
    TmLinkUsage => "link: takes no arguments", "link：不带参数";
    TmOpenLinkUsage => "open-link: give a link or its fragment, e.g. open-link '#run=…'", "open-link：请给出链接或其片段，例如 open-link '#run=…'";
    TmOpened => "Opened a run of {n} command(s); at {t} ms (live at {live} ms).", "打开了一个含 {n} 条命令的运行；当前在 {t} 毫秒（实时点在 {live} 毫秒）。";
    TmExportUsage => "export: takes no arguments", "export：不带参数";
    TmAdvanceToUsage => "advance: --to MS --items N (runs until N items have been handled, never past MS)", "advance：--to MS --items N（一直执行到共处理了 N 个事项，但不超过 MS）";
    TmAdvanceToPast => "advance: the run is already at {now} ms after {items} items", "advance：运行已经在 {now} 毫秒、处理了 {items} 个事项";
    TmLinkNotALink => "not a Kafka Lab link (no run= in it)", "这不是 Kafka Lab 的链接（里面没有 run=）";
    TmLinkTruncated => "the link is truncated or damaged", "链接被截断或已损坏";
    TmLinkNewer => "made by a newer Kafka Lab (link format {v})", "由更新版本的 Kafka Lab 生成（链接格式 {v}）";
    TmLinkTooLarge => "the link holds more than the lab reads", "链接里的内容超出了本实验室能读取的上限";
    TmLinkTooLong => "this run is longer than the lab replays", "这个运行太长，超出了本实验室的重放上限";
    TmLinkInvalid => "the link's run does not fit together (edited or damaged)", "链接中的运行前后对不上（被修改或已损坏）";
    TmExportHeader => "# Kafka Lab run: {n} command(s), up to {t} ms. Run it with: kafka-lab run FILE", "# Kafka Lab 运行：{n} 条命令，到 {t} 毫秒为止。运行方法：kafka-lab run FILE";
    TmExportNoTiming => "# (time passed here, to {t} ms; it cannot be written between the records kafka-console-producer.sh reads)", "# （这里时间前进到了 {t} 毫秒；在 kafka-console-producer.sh 读取的记录之间无法写出）";
    // --- end tmcore ---
    // --- kweb ---
    KrEraZk => "ZooKeeper mode (Kafka ≤ 3.9, the notes)", "ZooKeeper 模式（Kafka ≤ 3.9，笔记所讲）";
    KrEraKraft => "KRaft (Kafka 4.1)", "KRaft 模式（Kafka 4.1）";
    KrSwitchLabel => "Metadata mode", "元数据模式";
    KrSwitchTitle => "Rebuilds the cluster in this mode: runs {cmd} in the console", "以该模式重建集群：在控制台运行 {cmd}";
    KrQuorum => "Controller quorum (Raft)", "控制器仲裁组（Raft）";
    KrQuorumSub => "__cluster_metadata · epoch {epoch} · HW {hw}", "__cluster_metadata 日志 · epoch {epoch} · HW {hw}";
    KrNoLeader => "no active controller: electing", "没有活动控制器：正在选举";
    KrRoleLeader => "leader", "leader";
    KrRoleFollower => "follower", "follower";
    KrRoleCandidate => "candidate", "候选者";
    KrRoleProspective => "pre-vote", "预投票";
    KrRoleUnattached => "unattached", "未依附";
    KrRoleResigned => "resigned", "已卸任";
    KrRoleDead => "stopped", "已停止";
    KrActive => "active controller", "活动控制器";
    KrController => "controller {id}", "控制器 {id}";
    KrEpochVoted => "epoch {epoch} · voted {voted}", "epoch {epoch} · 投给 {voted}";
    KrEpoch => "epoch {epoch}", "当前 epoch {epoch}";
    KrLog => "LEO {leo} · HW {hw}", "LEO {leo} · HW {hw}";
    KrElectionIn => "election in {secs} s", "{secs} 秒后选举";
    KrKillTitle => "Click to stop controller {id} (kill-controller {id})", "点击停止控制器 {id}（kill-controller {id}）";
    KrStartTitle => "Click to restart controller {id} (start-controller {id})", "点击重启控制器 {id}（start-controller {id}）";
    KrFenced => "fenced", "已隔离";
    KrUnfenced => "unfenced", "未隔离";
    KrFencedIn => "fenced in {secs} s", "{secs} 秒后隔离";
    KrBrokerMeta => "metadata {offset}", "元数据 {offset}";
    KrBrokerLag => "{lag} behind", "落后 {lag}";
    KrLegendRaft => "Raft: Vote, BeginQuorumEpoch, Fetch of __cluster_metadata", "Raft：Vote、BeginQuorumEpoch、拉取 __cluster_metadata";
    KrLegendLifecycle => "broker ↔ controller: BrokerRegistration, BrokerHeartbeat, AlterPartition", "broker ↔ 控制器：BrokerRegistration、BrokerHeartbeat、AlterPartition";
    KrExplainQuorum => "KRaft (Kafka 4.1): no ZooKeeper. A Raft quorum of controllers keeps the cluster's metadata in the __cluster_metadata log; its leader is the active controller. Brokers fetch that log and apply it (their metadata offset lags the HW a little), send heartbeats, and are fenced when none arrives within broker.session.timeout.ms.", "KRaft（Kafka 4.1）：没有 ZooKeeper。由控制器组成的 Raft 仲裁组把集群元数据保存在 __cluster_metadata 日志中，其 leader 就是活动控制器。broker 拉取这份日志并应用（它们的元数据位移略落后于 HW），定期发送心跳；在 broker.session.timeout.ms 内没有心跳的 broker 会被隔离。";
    KrCompare => "Compare eras", "对比两个时代";
    KrCompareTitle => "The same script in both eras", "同一脚本在两个时代中运行";
    KrCompareNote => "Two labs, one per mode, run the same script (3 brokers, a topic with replication factor 3) on one clock. This view is outside the time machine: it is not part of your run.", "两个实验室各用一种模式，在同一时钟下运行同一脚本（3 个 broker，一个副本因子为 3 的主题）。此视图不在时间机器之内：它不属于你的运行记录。";
    KrCompareKillBroker => "1. Kill broker {broker}", "1. 停止 broker {broker}";
    KrCompareKillController => "2. Kill the controller", "2. 停止控制器";
    KrCompareRestart => "Start again", "重新开始";
    KrCompareClose => "Close", "关闭";
    KrCompareNotice => "What to notice", "值得注意";
    KrCompareWaiting => "(waiting for it to happen…)", "（等待发生……）";
    KrNoticeZkExpiry => "ZooKeeper: broker {broker}'s session expired {ms} ms after it died (zookeeper.session.timeout.ms); only then did the controller move its leaderships.", "ZooKeeper：broker {broker} 宕机 {ms} 毫秒后会话才过期（zookeeper.session.timeout.ms），之后控制器才迁移它的 leader。";
    KrNoticeFenced => "KRaft: the active controller fenced broker {broker} {ms} ms after it died: no BrokerHeartbeat within broker.session.timeout.ms.", "KRaft：broker {broker} 宕机 {ms} 毫秒后被活动控制器隔离：在 broker.session.timeout.ms 内没有收到 BrokerHeartbeat。";
    KrNoticeZkController => "ZooKeeper: one controller, inside broker {broker} (it holds /controller).", "ZooKeeper：只有一个控制器，位于 broker {broker} 内（它持有 /controller）。";
    KrNoticeKraftController => "KRaft: a Raft quorum of {n} controllers; controller {id} is the active one (epoch {epoch}).", "KRaft：由 {n} 个控制器组成的 Raft 仲裁组；控制器 {id} 是活动控制器（epoch {epoch}）。";
    KrNoticeZkMetadata => "ZooKeeper: metadata lives in znodes; the controller pushes LeaderAndIsr / UpdateMetadata to the brokers.", "ZooKeeper：元数据保存在 znode 中；控制器向各 broker 推送 LeaderAndIsr / UpdateMetadata。";
    KrNoticeKraftMetadata => "KRaft: metadata lives in the __cluster_metadata log (HW {hw}); every broker fetches it and applies it.", "KRaft：元数据保存在 __cluster_metadata 日志中（HW {hw}）；每个 broker 拉取并应用它。";
    KrNoticeZkNewController => "ZooKeeper: a new controller (broker {broker}, epoch {epoch}) {ms} ms after the old one died.", "ZooKeeper：旧控制器宕机 {ms} 毫秒后产生新控制器（broker {broker}，epoch {epoch}）。";
    KrNoticeKraftNewController => "KRaft: a new active controller ({id}, epoch {epoch}) {ms} ms after the old one died.", "KRaft：旧活动控制器宕机 {ms} 毫秒后产生新的活动控制器（{id}，epoch {epoch}）。";
    KrPresetKillActive => "Kill the active controller", "停止活动控制器";
    KrZkControllerLine => "/controller: broker {id}", "/controller：broker {id}";
    KrNoController => "/controller: (none)", "/controller：（无）";
    KrComparePaused => "The clock is paused: press Play to run both labs.", "时钟已暂停：按播放键让两个实验室一起运行。";
    // --- end kweb ---
    // --- spine ---
    EvKraftBrokerKilled => "Broker {broker} died (killed). In KRaft mode the active controller fences it if no BrokerHeartbeat arrives within broker.session.timeout.ms (9 s).", "Broker {broker} 宕机（被杀死）。在 KRaft 模式下，如果在 broker.session.timeout.ms（9 秒）内收不到它的 BrokerHeartbeat，活跃控制器就会把它隔离（fence）。";
    EvKraftBrokerStarted => "Broker {broker} started: it fetches __cluster_metadata from the quorum leader and registers with the active controller.", "Broker {broker} 启动：它从仲裁领导者拉取 __cluster_metadata，并向活跃控制器注册。";
    EvKraftControllerKilled => "Controller {node} died (killed).", "控制器 {node} 宕机（被杀死）。";
    EvKraftControllerStarted => "Controller {node} started; its metadata log and quorum-state are on disk.", "控制器 {node} 启动；它的元数据日志和 quorum-state 都在磁盘上。";
    EvKraftPreVote => "Controller {node} has no leader: it asks the other voters whether they would vote for it (pre-vote, KIP-996) without bumping epoch {epoch}.", "控制器 {node} 没有领导者：它先问其他投票者是否会投票给它（预投票，KIP-996），暂不提升纪元 {epoch}。";
    EvKraftCandidate => "Controller {node} is a candidate in epoch {epoch}: it votes for itself and asks the others (Vote).", "控制器 {node} 在纪元 {epoch} 成为候选者：投自己一票，并向其他投票者请求投票（Vote）。";
    EvKraftLeaderElected => "Controller {node} won epoch {epoch} with the votes of {votes}: it is the quorum leader and writes a LeaderChange record first.", "控制器 {node} 以 {votes} 的投票赢得纪元 {epoch}：它成为仲裁领导者，首先写入一条 LeaderChange 记录。";
    EvKraftFollower => "Controller {node} follows {leader} in epoch {epoch} and fetches the metadata log from it.", "控制器 {node} 在纪元 {epoch} 跟随 {leader}，从它那里拉取元数据日志。";
    EvKraftLogTruncated => "{node}'s metadata log diverged from the leader's: truncated to offset {offset}.", "{node} 的元数据日志与领导者的分叉：截断到位移 {offset}。";
    EvKraftFetchTimeout => "Controller {node} heard nothing from the leader for controller.quorum.fetch.timeout.ms (2 s) in epoch {epoch}.", "控制器 {node} 在纪元 {epoch} 中已有 controller.quorum.fetch.timeout.ms（2 秒）没有收到领导者的消息。";
    EvKraftLeaderResigned => "Controller {node} led epoch {epoch} but a majority stopped fetching from it: it resigns (check-quorum).", "控制器 {node} 领导纪元 {epoch}，但多数投票者不再向它拉取：它辞去领导者（check-quorum）。";
    EvKraftControllerActivated => "Controller {node} is the active controller (epoch {epoch}), from metadata offset {offset}.", "控制器 {node} 成为活跃控制器（纪元 {epoch}），从元数据位移 {offset} 开始。";
    EvKraftBrokerRegistered => "Controller {controller} registers broker {broker} (RegisterBrokerRecord, broker epoch {epoch}); it stays fenced until its metadata catches up.", "控制器 {controller} 注册 broker {broker}（RegisterBrokerRecord，broker 纪元 {epoch}）；在它的元数据追上之前它一直处于隔离状态。";
    EvKraftBrokerFenced => "Controller {controller} fenced broker {broker}: no BrokerHeartbeat for {ms} ms (broker.session.timeout.ms). Its leaderships move and it leaves the ISRs.", "控制器 {controller} 隔离了 broker {broker}：{ms} 毫秒内没有 BrokerHeartbeat（broker.session.timeout.ms）。它的领导权转移，它离开各个 ISR。";
    EvKraftBrokerUnfenced => "Controller {controller} unfenced broker {broker}: its metadata offset {offset} reached its registration at {reg}.", "控制器 {controller} 解除了 broker {broker} 的隔离：它的元数据位移 {offset} 已达到它的注册位移 {reg}。";
    EvKraftPartitionChanged => "Controller {controller} writes a PartitionChangeRecord for {tp}: leader {leader}, leader epoch {epoch}, ISR [{isr}], ELR [{elr}].", "控制器 {controller} 为 {tp} 写入 PartitionChangeRecord：领导者 {leader}，领导者纪元 {epoch}，ISR [{isr}]，ELR [{elr}]。";
    CliFreshKraft => "A fresh KRaft cluster (Kafka 4.1) of {n} brokers and {k} controllers ({ids}) (seed {seed}).", "新建了一个 KRaft 集群（Kafka 4.1）：{n} 个 broker、{k} 个控制器（{ids}）（种子 {seed}）。";
    CliFreshKraftCombined => "A fresh KRaft cluster (Kafka 4.1) of {n} brokers; brokers {ids} are also the controllers (combined mode) (seed {seed}).", "新建了一个 KRaft 集群（Kafka 4.1）：{n} 个 broker，其中 broker {ids} 同时也是控制器（combined 模式）（种子 {seed}）。";
    CliKraftOnly => "{cmd}: there is no controller quorum in ZooKeeper mode (start one with brokers N --mode kraft)", "{cmd}：ZooKeeper 模式下没有控制器仲裁（用 brokers N --mode kraft 创建一个）";
    CliZkOnly => "{cmd}: there is no ZooKeeper in KRaft mode (Kafka 4 removed it)", "{cmd}：KRaft 模式下没有 ZooKeeper（Kafka 4 已移除它）";
    CliKraftNotYet => "{what}: not modelled in the lab's KRaft mode yet (ZooKeeper mode has it: brokers N)", "{what}：实验室的 KRaft 模式尚未模拟这一功能（ZooKeeper 模式有：brokers N）";
    EvKraftProducerIdAllocated => "Broker {broker} gave a producer the id {pid} (InitProducerId; in KRaft the active controller hands out blocks of 1000 ids, each a ProducerIdsRecord).", "Broker {broker} 为生产者分配了 ID {pid}（InitProducerId；在 KRaft 中由活跃控制器按每块 1000 个分配 ID，每块是一条 ProducerIdsRecord）。";
    EvKraftControlledShutdown => "Controller {controller}: broker {broker} asks for a controlled shutdown; it leaves the ISRs and its leaderships move before it stops (a clean shutdown: it saves its broker epoch).", "控制器 {controller}：broker {broker} 请求受控关闭；在它停止之前，它离开各个 ISR，它的领导权被转移（干净关闭：它保存自己的 broker 纪元）。";
    EvKraftBrokerStopped => "Broker {broker} stopped cleanly after its controlled shutdown; it will register with its saved broker epoch.", "Broker {broker} 在受控关闭后干净地停止；它将带着保存的 broker 纪元重新注册。";
    CliStopBrokerZk => "stop-broker: the lab models a clean shutdown in KRaft mode only (in ZooKeeper mode kill-broker)", "stop-broker：实验室只在 KRaft 模式下模拟干净关闭（ZooKeeper 模式请用 kill-broker）";
    // --- kraft2 ---
    EvKraftTopicRemoved => "Controller {controller} writes a RemoveTopicRecord for {topic}: each broker deletes the topic's logs when it applies the record (no /admin/delete_topics, no StopReplica).", "控制器 {controller} 为 {topic} 写入 RemoveTopicRecord：每个 broker 应用这条记录时删除该主题的日志（没有 /admin/delete_topics，也没有 StopReplica）。";
    EvKraftLeadersBalanced => "Controller {controller} moved {n} partition leaders back to their preferred replicas (auto.leader.rebalance.enable, every leader.imbalance.check.interval.seconds).", "控制器 {controller} 把 {n} 个分区的领导者移回首选副本（auto.leader.rebalance.enable，每隔 leader.imbalance.check.interval.seconds 检查一次）。";
    CliZkOnlyKraft => "{cmd}: ZooKeeper mode only — Kafka 4 (KRaft) has no ZooKeeper", "{cmd}：仅限 ZooKeeper 模式——Kafka 4（KRaft）没有 ZooKeeper";
    CliLeaderElectionV23 => "kafka-leader-election.sh: added in Kafka 2.4 (KIP-460); Kafka 2.3 has kafka-preferred-replica-election.sh, which the lab does not model (run client-version 3.x first)", "kafka-leader-election.sh：Kafka 2.4 才加入（KIP-460）；Kafka 2.3 用的是 kafka-preferred-replica-election.sh，实验室没有模拟它（请先运行 client-version 3.x）";
    // --- end spine ---
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
