//! The translation table's `kraft` area: KRaft mode (Kafka 4.1): the era switch, the quorum, its events.
//!
//! One link of the chain that builds [`super::T`] (see `texts!` in `i18n.rs`): the macro adds
//! this file's keys, in this order, to those of the areas before it.

macro_rules! kraft_texts {
    ([$($acc:tt)*] [$($more:ident)*] $($tail:tt)*) => {
        next_area! { [$($acc)*
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
    EvKraftLeaderResigned => "Controller {node} led epoch {epoch} but no majority of the voters fetched from it within controller.quorum.fetch.timeout.ms × 1.5: it resigns (check-quorum) and tells the other voters with EndQuorumEpoch.", "控制器 {node} 领导纪元 {epoch}，但在 controller.quorum.fetch.timeout.ms × 1.5 之内没有多数投票者向它拉取：它辞去领导者（check-quorum），并用 EndQuorumEpoch 通知其他投票者。";
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
        ] [$($more)*] $($tail)* }
    };
}
pub(super) use kraft_texts;
