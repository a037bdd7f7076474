//! The translation table's `storage` area: the storage tab: disks, segments, lookups, uploads.
//!
//! One link of the chain that builds [`super::T`] (see `texts!` in `i18n.rs`): the macro adds
//! this file's keys, in this order, to those of the areas before it.

macro_rules! storage_texts {
    ([$($acc:tt)*] [$($more:ident)*] $($tail:tt)*) => {
        next_area! { [$($acc)*
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
        ] [$($more)*] $($tail)* }
    };
}
pub(super) use storage_texts;
