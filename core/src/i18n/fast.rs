//! The translation table's `fast` area: the storage tab's why-fast panel and the producer's load runs.
//!
//! One link of the chain that builds [`super::T`] (see `texts!` in `i18n.rs`): the macro adds
//! this file's keys, in this order, to those of the areas before it.

macro_rules! fast_texts {
    ([$($acc:tt)*] [$($more:ident)*] $($tail:tt)*) => {
        next_area! { [$($acc)*
    // --- fast ---
    StorageProduceRolling => "Produce 60 records", "生产 60 条记录";
    LookupEmpty => "Type an offset first: a whole number, 0 or more.", "请先输入一个 offset：0 或更大的整数。";
    LookupNegative => "Offsets are never negative: {v} is before a partition's first record (offset 0).", "offset 不会是负数：{v} 在分区第一条记录（offset 0）之前。";
    LookupNotOffset => "“{v}” is not an offset: offsets are whole numbers from 0 to 9223372036854775807 (a Java long).", "“{v}” 不是 offset：offset 是 0 到 9223372036854775807（Java 的 long）之间的整数。";
    LookupNoPartition => "There is no partition to look in yet: create a topic first.", "还没有可查找的分区：请先创建主题。";
    UploadNone => "No file chosen", "未选择文件";
    WfCacheTitle => "The page cache: writes land in memory, the OS writes them to disk later", "页缓存：写入先落在内存里，由操作系统稍后写到磁盘";
    WfCacheHint => "Kafka does not flush its log itself (log.flush.interval.messages and log.flush.interval.ms are off by default): an append dirties pages of the OS page cache, and Linux writes a page once it has been dirty for 30 s, at its next 5-second wake-up (vm.dirty_expire_centisecs=3000, vm.dirty_writeback_centisecs=500). Followers and consumers reading the tail are served from the cache; a read of old data that was evicted goes to disk. Each lab machine has {pages} pages of 4 KiB (page-cache --max-pages N changes it). kill-broker kills the Kafka process, not the machine: its page cache, dirty pages included, survives.",
                   "Kafka 默认不自己刷盘（log.flush.interval.messages 和 log.flush.interval.ms 默认关闭）：追加写只是把操作系统页缓存里的页弄“脏”，Linux 在页脏了 30 秒后、下一次每 5 秒的唤醒时把它写到磁盘（vm.dirty_expire_centisecs=3000，vm.dirty_writeback_centisecs=500）。读取末尾的追随者副本和消费者直接从缓存得到数据；读取已被淘汰的旧数据则要读磁盘。实验室每台机器有 {pages} 个 4 KiB 的页（用 page-cache --max-pages N 修改）。kill-broker 杀掉的是 Kafka 进程而不是机器：它的页缓存（包括脏页）仍然保留。";
    WfDrop => "Drop caches (sync; echo 1 > /proc/sys/vm/drop_caches)", "清空页缓存（sync; echo 1 > /proc/sys/vm/drop_caches）";
    WfReadAll => "Read orders from the beginning", "从头读取 orders";
    WfPagesOf => "{cached}/{max} pages", "{cached}/{max} 页";
    WfProcessDown => "Kafka process down, cache kept", "Kafka 进程已停，缓存仍在";
    WfCached => "pages in the page cache", "页缓存中的页";
    WfClean => "clean", "干净页";
    WfDirty => "dirty", "脏页";
    WfNextFlush => "next write to disk at {t}", "下次写盘：{t}";
    WfNoDirty => "nothing dirty", "没有脏页";
    WfHits => "hits", "命中";
    WfMisses => "misses", "未命中";
    WfHitRatio => "hit ratio", "命中率";
    WfFlushed => "written to disk", "已写盘";
    WfEvicted => "evicted", "已淘汰";
    WfServed => "Served {f} to followers and {c} to consumers.", "已向追随者副本提供 {f}，向消费者提供 {c}。";
    WfNoteFlushed => "{t} broker-{b}: the flusher wrote {n} dirty pages to disk", "{t} broker-{b}：刷盘线程把 {n} 个脏页写到磁盘";
    WfNoteCold => "{t} broker-{b}: cold read of {tp} from segment {base} on: {n} pages from disk", "{t} broker-{b}：冷读 {tp}（从日志段 {base} 起）：从磁盘读入 {n} 页";
    WfNoteEvicted => "{t} broker-{b}: {n} least recently used pages evicted to make room", "{t} broker-{b}：为腾出空间淘汰了 {n} 个最久未用的页";
    WfNoteDropped => "{t} broker-{b}: caches dropped ({n} pages)", "{t} broker-{b}：页缓存已清空（{n} 页）";
    WfLegendDirty => "dirty in the page cache", "在页缓存中，有脏页";
    WfLegendClean => "cached and on disk", "已缓存且已写盘";
    WfLegendDisk => "on disk only", "只在磁盘上";
    WfSegDirty => "Page cache: {n} of its {p} pages dirty (not on disk yet)", "页缓存：{p} 页中有 {n} 页是脏页（尚未写盘）";
    WfSegCached => "Page cache: {n} of its {p} pages cached, all on disk", "页缓存：{p} 页中有 {n} 页已缓存，全部已写盘";
    WfSegDisk => "On disk only: a read goes to the disk", "只在磁盘上：读取要访问磁盘";
    WfIoTitle => "Sequential vs random I/O, priced with this run's appends", "顺序 I/O 与随机 I/O：用本次运行的追加量来算";
    WfIoHint => "The brokers have appended {bytes} so far. The same bytes as one sequential stream, or as random 4 KiB writes (one seek each):", "到目前为止各 broker 共追加了 {bytes}。同样的字节按一次顺序写入，或按随机 4 KiB 写入（每次一次寻道）所需的时间：";
    WfSeq => "sequential", "顺序";
    WfRandom => "random 4 KiB", "随机 4 KiB";
    WfDevHdd => "7200 rpm hard disk (~150 MB/s, ~150 IOPS)", "7200 转机械硬盘（约 150 MB/s，约 150 IOPS）";
    WfDevSsd => "SATA SSD (~500 MB/s, ~50,000 IOPS)", "SATA 固态硬盘（约 500 MB/s，约 50,000 IOPS）";
    WfDevRaid => "Kafka's design page: six 7200 rpm SATA disks in RAID-5 (~600 MB/s linear, ~100 KB/s random)", "Kafka 设计文档：6 块 7200 转 SATA 盘组成 RAID-5（线性约 600 MB/s，随机约 100 KB/s）";
    WfIoSource => "Sources: Kafka's documentation (Design, “Don't fear the filesystem!”) measures linear writes on that array at about 6000 times its random writes, and points to an ACM Queue article (Adam Jacobs, “The Pathologies of Big Data”, 2009) that found sequential disk reads can beat random reads from memory. The disk and SSD rows are typical datasheet figures, not measurements.",
                  "来源：Kafka 文档设计一章的“持久化”小节给出该阵列的线性写约为随机写的 6000 倍，并引用了 ACM Queue 的文章（Adam Jacobs，《The Pathologies of Big Data》，2009），其结论是顺序读磁盘有时比随机读内存还快。机械硬盘和固态硬盘两行是常见的规格书数字，不是实测值。";
    WfBatchTitle => "Batching: fewer requests, fewer headers", "批量发送：更少的请求、更少的批次头";
    WfBatchHint => "The lab's producers sent {records} records in {batches} batches and {requests} produce requests; one record per request would take {records} requests.", "实验室的生产者把 {records} 条记录放进 {batches} 个批次、用 {requests} 个生产请求发出；每个请求一条记录则需要 {records} 个请求。";
    WfBatched => "batched", "批量";
    WfOnePer => "one record per request", "每请求一条记录";
    WfRequests => "requests", "个请求";
    WfBytesHint => "The leaders' logs hold {records} records in {batches} batches: {bytes}. One record per batch, each with its own 61-byte batch header (RECORD_BATCH_OVERHEAD), would be about {unbatched}.", "各 leader 的日志里有 {records} 条记录、{batches} 个批次，共 {bytes}。若每批只有一条记录、每批都带 61 字节的批次头（RECORD_BATCH_OVERHEAD），约为 {unbatched}。";
    WfCompression => "Compression (compression.type, default none) compresses a batch's records section as one block, so fuller batches compress better; the log, the followers and the consumers all carry the compressed bytes. The lab models none and gzip (snappy, lz4 and zstd are refused): choose gzip in the Producer tab's batching panel, or produce with --producer-property compression.type=gzip.", "压缩（compression.type，默认 none）把一个批次的记录部分整体压缩，所以批次越满压缩效果越好；日志、follower 和消费者拿到的都是压缩后的字节。实验室模拟 none 和 gzip（snappy、lz4、zstd 会被拒绝）：在“生产者”页的批量面板里选 gzip，或用 --producer-property compression.type=gzip 发送。";
    WfNoProducer => "No producer has sent anything yet.", "还没有生产者发送过数据。";
    WfParTitle => "Partitions read in parallel by a group's members", "消费组成员并行读取各分区";
    WfParHint => "Bytes each consumer fetched from each broker. A group's members own different partitions, led by different brokers, and fetch at the same time.", "每个消费者从每个 broker 拉取的字节数。组内成员各自拥有不同的分区，这些分区由不同的 broker 领导，成员同时拉取。";
    WfParNone => "No consumer has fetched yet: add consumers in the Consumers tab, or read with the button above.", "还没有消费者拉取过数据：在消费者标签页添加消费者，或用上面的按钮读取。";
    WfParMember => "consumer", "消费者";
    WfParGroup => "group", "消费组";
    WfParTotal => "total", "合计";
    WfParShare => "share", "占比";
    WfParAlone => "{n} consumers read {total} in all; a single consumer would have fetched all of it through its one poll loop.", "{n} 个消费者共读取 {total}；若只有一个消费者，这些数据都要由它一个轮询循环拉取。";
    WfZeroLive => "In this run: {hit} went to the network straight from the page cache (sendfile, no CPU copy); {miss} had to be read from disk into the cache first.", "本次运行：{hit} 直接从页缓存发往网络（sendfile，没有 CPU 拷贝）；{miss} 需要先从磁盘读入页缓存。";
    // --- gzip ---
    WfZipRow => "{codec}: {before} of batches written as {after} ({ratio}× smaller)", "{codec}：{before} 的批次写成 {after}（缩小 {ratio} 倍）";
    LoadBytes => "bytes before → after", "压缩前 → 压缩后字节";
        ] [$($more)*] $($tail)* }
    };
}
pub(super) use fast_texts;
