//! The translation table's `page` area: the page's chrome: the toolbar, the overview, the console, the timeline (time machine).
//!
//! One link of the chain that builds [`super::T`] (see `texts!` in `i18n.rs`): the macro adds
//! this file's keys, in this order, to those of the areas before it.

macro_rules! page_texts {
    ([$($acc:tt)*] [$($more:ident)*] $($tail:tt)*) => {
        next_area! { [$($acc)*
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
        ] [$($more)*] $($tail)* }
    };
}
pub(super) use page_texts;
