//! The translation table's `presets` area: the loss and duplicate presets.
//!
//! One link of the chain that builds [`super::T`] (see `texts!` in `i18n.rs`): the macro adds
//! this file's keys, in this order, to those of the areas before it.

macro_rules! presets_texts {
    ([$($acc:tt)*] [$($more:ident)*] $($tail:tt)*) => {
        next_area! { [$($acc)*
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
        ] [$($more)*] $($tail)* }
    };
}
pub(super) use presets_texts;
