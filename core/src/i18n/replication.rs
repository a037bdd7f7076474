//! The translation table's `replication` area: the replication tab and its events.
//!
//! One link of the chain that builds [`super::T`] (see `texts!` in `i18n.rs`): the macro adds
//! this file's keys, in this order, to those of the areas before it.

macro_rules! replication_texts {
    ([$($acc:tt)*] [$($more:ident)*] $($tail:tt)*) => {
        next_area! { [$($acc)*
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
        ] [$($more)*] $($tail)* }
    };
}
pub(super) use replication_texts;
