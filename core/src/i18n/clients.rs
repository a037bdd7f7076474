//! The translation table's `clients` area: words inside texts; transactions, consumer groups, consumer fetches, KIP-848.
//!
//! One link of the chain that builds [`super::T`] (see `texts!` in `i18n.rs`): the macro adds
//! this file's keys, in this order, to those of the areas before it.

macro_rules! clients_texts {
    ([$($acc:tt)*] [$($more:ident)*] $($tail:tt)*) => {
        next_area! { [$($acc)*
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
        ] [$($more)*] $($tail)* }
    };
}
pub(super) use clients_texts;
