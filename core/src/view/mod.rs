//! Read-only snapshots of the cluster for drawing.
//!
//! The page never holds the simulation's internals: it receives a [`ClusterView`], plain data
//! that compares cheaply, and redraws only when it changed.

pub mod fast;
pub mod kraft_disk;

mod cluster;
mod flow;
mod groups;
mod partition;
mod producers;
mod rebalance;
mod storage;
mod topics;
mod transactions;

pub use cluster::{BrokerView, ClusterView, MessageView, PartitionView, ReplicaLook, ReplicaView};
pub use flow::{data_flow, DataFlow, FlowGroup, FlowProducer, FlowTopic};
pub use groups::{groups, ConsumerRow, GroupPanel, LagRow, MemberRow};
pub use partition::{PartitionDetail, RecordCell, ReplicaRow, MAX_CELLS};
pub use producers::{
    producer_totals, producers, BatchCell, DequeRow, ProducerPanel, ProducerTotals, RequestCell,
};
pub use rebalance::{rebalance_timeline, Lane, LaneSegment, RebalanceTimeline};
pub use storage::{
    disks, first_segment, offset_lookup, segment_contents, BrokerDisk, PartitionDisk,
    SegmentContents, SegmentRow,
};
pub use topics::{leader_log_end, partition_count, partition_counts};
pub use transactions::{transactions, TxnCell, TxnCellKind, TxnPartition, TxnRow, TxnView};
