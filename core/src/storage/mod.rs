//! Log storage as Kafka lays it out on disk: record batches (format v2) in segment files, each
//! with its sparse offset index and time index; offset and timestamp lookups that go through
//! the indexes as Kafka's do; and a decoder for real Kafka files.
//!
//! - [`varint`]: Kafka's zigzag varints (`ByteUtils`).
//! - [`batch`]: `DefaultRecordBatch` / `DefaultRecord` v2, encoded byte for byte as Kafka, with
//!   CRC-32C; and a decoder that never panics and names the byte where a file goes wrong.
//! - [`segment`]: `LogSegment` with `OffsetIndex` and `TimeIndex`; rolling, truncation,
//!   retention; lookups that return a trace of every index probe and batch skipped.
//! - [`page_cache`]: the OS page cache of a broker machine (dirty pages, writeback, LRU), observed.

pub mod batch;
pub mod gzip;
pub mod page_cache;
pub mod segment;
pub mod varint;

/// The virtual clock's zero as a wall-clock time (2026-01-01T00:00:00Z), so record timestamps
/// look like Kafka's epoch milliseconds.
pub const LAB_EPOCH_MS: i64 = 1_767_225_600_000;
