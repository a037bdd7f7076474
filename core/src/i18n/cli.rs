//! The translation table's `cli` area: the interpreter's own messages (`localize` rebuilds them in Chinese); ZooKeeper ensembles.
//!
//! One link of the chain that builds [`super::T`] (see `texts!` in `i18n.rs`): the macro adds
//! this file's keys, in this order, to those of the areas before it.

macro_rules! cli_texts {
    ([$($acc:tt)*] [$($more:ident)*] $($tail:tt)*) => {
        next_area! { [$($acc)*
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
        ] [$($more)*] $($tail)* }
    };
}
pub(super) use cli_texts;
