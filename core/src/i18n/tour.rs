//! The translation table's `tour` area: the guided tour.
//!
//! One link of the chain that builds [`super::T`] (see `texts!` in `i18n.rs`): the macro adds
//! this file's keys, in this order, to those of the areas before it.

macro_rules! tour_texts {
    ([$($acc:tt)*] [$($more:ident)*] $($tail:tt)*) => {
        next_area! { [$($acc)*
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
        ] [$($more)*] $($tail)* }
    };
}
pub(super) use tour_texts;
