//! The translation table's `events` area: events as the log narrates them, and console lines the page localizes.
//!
//! One link of the chain that builds [`super::T`] (see `texts!` in `i18n.rs`): the macro adds
//! this file's keys, in this order, to those of the areas before it.

macro_rules! events_texts {
    ([$($acc:tt)*] [$($more:ident)*] $($tail:tt)*) => {
        next_area! { [$($acc)*
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
    // --- admin ---
    EvInternalTopicCreatedZk => "Broker {broker} found no {topic} on a FindCoordinator and created it in ZooKeeper itself: {n} partitions (the lab's {config}; Kafka's default is {default}), replication factor {rf}. Until its leaders are known it answers COORDINATOR_NOT_AVAILABLE; the client retries after retry.backoff.ms.",
                                "Broker {broker} 处理 FindCoordinator 时发现没有 {topic}，便自己在 ZooKeeper 中创建了它：{n} 个分区（实验室的 {config}；Kafka 默认为 {default}），副本数 {rf}。在它的 leader 确定之前，broker 回答 COORDINATOR_NOT_AVAILABLE；客户端在 retry.backoff.ms 之后重试。";
    EvInternalTopicCreatedKraft => "Broker {broker} found no {topic} on a FindCoordinator and had the active controller create it (CreateTopics from its AutoTopicCreationManager): {n} partitions (the lab's {config}; Kafka's default is {default}), replication factor {rf}. Until its leaders are known it answers COORDINATOR_NOT_AVAILABLE; the client retries after retry.backoff.ms.",
                                   "Broker {broker} 处理 FindCoordinator 时发现没有 {topic}，便请活跃控制器创建了它（由它的 AutoTopicCreationManager 发出 CreateTopics）：{n} 个分区（实验室的 {config}；Kafka 默认为 {default}），副本数 {rf}。在它的 leader 确定之前，broker 回答 COORDINATOR_NOT_AVAILABLE；客户端在 retry.backoff.ms 之后重试。";
    // --- end admin ---
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
        ] [$($more)*] $($tail)* }
    };
}
pub(super) use events_texts;
