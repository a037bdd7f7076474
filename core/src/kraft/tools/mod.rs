//! The KRaft tools' text, as Kafka 4.1 prints it (pure functions; the CLI wires them):
//! - [`quorum`]: `kafka-metadata-quorum.sh describe --status` / `--replication`
//!   (`tools/.../MetadataQuorumCommand.java`).
//! - [`features`]: `kafka-features.sh describe` (`FeatureCommand.java`).
//! - [`storage`]: `kafka-storage.sh random-uuid` / `format` (`StorageTool.scala`,
//!   `Formatter.java`) and the `meta.properties` they write.
//! - [`dump_log`]: `kafka-dump-log.sh --cluster-metadata-decoder` (`DumpLogSegments.scala`),
//!   with the records as JSON the way Kafka's generated `*JsonConverter`s write them ([`json`]).

pub mod dump_log;
pub mod features;
pub mod json;
pub mod quorum;
pub mod storage;

#[cfg(test)]
#[path = "../tools_tests.rs"]
mod tests;
