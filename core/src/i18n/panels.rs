//! The translation table's `panels` area: the event log's filters, zoom, topic deletion, the time machine's branches.
//!
//! One link of the chain that builds [`super::T`] (see `texts!` in `i18n.rs`): the macro adds
//! this file's keys, in this order, to those of the areas before it.

macro_rules! panels_texts {
    ([$($acc:tt)*] [$($more:ident)*] $($tail:tt)*) => {
        next_area! { [$($acc)*
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
        ] [$($more)*] $($tail)* }
    };
}
pub(super) use panels_texts;
