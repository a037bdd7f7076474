//! Record batches, format v2 (`DefaultRecordBatch`, magic 2), as Kafka writes them.
//!
//! ```text
//! baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 (2)
//! | crc uint32 (CRC-32C of everything after it) | attributes int16 | lastOffsetDelta int32
//! | baseTimestamp int64 | maxTimestamp int64 | producerId int64 | producerEpoch int16
//! | baseSequence int32 | recordCount int32 | records...
//! record: length varint | attributes int8 | timestampDelta varlong | offsetDelta varint
//!         | keyLength varint | key | valueLength varint | value | headerCount varint | headers
//! ```
//!
//! The decoder reads untrusted bytes (real files, uploads): every length is checked against
//! what is left, counts never size an allocation beyond what the bytes can hold, and a problem
//! comes back as a [`DecodeError`] naming the byte where it was found.

use super::varint::{
    read_varint, read_varlong, size_of_varint, size_of_varlong, write_varint, write_varlong,
};

/// Bytes before a batch's records.
pub const HEADER_SIZE: usize = 61;
/// `LOG_OVERHEAD`: the base offset and length fields.
pub const LOG_OVERHEAD: usize = 12;
/// The smallest record: length, attributes, three zero varints, key and value lengths, headers.
const MIN_RECORD_SIZE: usize = 7;

/// `RecordBatch.NO_PRODUCER_ID` and friends.
pub const NO_PRODUCER_ID: i64 = -1;
/// `RecordBatch.NO_PRODUCER_EPOCH`.
pub const NO_PRODUCER_EPOCH: i16 = -1;
/// `RecordBatch.NO_SEQUENCE`.
pub const NO_SEQUENCE: i32 = -1;

/// A record to encode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordIn<'a> {
    /// Its timestamp (epoch ms).
    pub timestamp: i64,
    /// Key.
    pub key: Option<&'a [u8]>,
    /// Value.
    pub value: Option<&'a [u8]>,
    /// Headers.
    pub headers: &'a [(String, Option<Vec<u8>>)],
}

/// The producer fields of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ProducerFields {
    /// `producerId`.
    pub id: i64,
    /// `producerEpoch`.
    pub epoch: i16,
    /// `baseSequence`.
    pub base_sequence: i32,
    /// The transactional bit of the attributes.
    pub transactional: bool,
    /// The producer's `compression.type` (attributes bits 0–2).
    pub codec: Codec,
}

/// A producer's `compression.type` as the lab models it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Codec {
    /// `none` (Kafka's default).
    #[default]
    None,
    /// `gzip`: the records section is one GZIP stream.
    Gzip,
}

impl Codec {
    /// Kafka's name (`CompressionType.name`).
    pub fn name(self) -> &'static str {
        match self {
            Codec::None => "none",
            Codec::Gzip => "gzip",
        }
    }
}

impl ProducerFields {
    /// A plain (non-idempotent) producer's fields: all -1.
    pub const NONE: ProducerFields = ProducerFields {
        id: NO_PRODUCER_ID,
        epoch: NO_PRODUCER_EPOCH,
        base_sequence: NO_SEQUENCE,
        transactional: false,
        codec: Codec::None,
    };
}

/// Encodes one v2 batch with CreateTime timestamps as Kafka's `MemoryRecordsBuilder` does for
/// the same records: byte for byte when uncompressed; with `codec` gzip, the records section
/// is a GZIP stream (Kafka's format, not Java's deflater's exact bytes).
pub fn encode_batch(
    base_offset: i64,
    partition_leader_epoch: i32,
    producer: ProducerFields,
    records: &[RecordIn<'_>],
) -> Vec<u8> {
    let mut attributes: i16 = if producer.transactional { 0x10 } else { 0 };
    if producer.codec == Codec::Gzip {
        attributes |= 1;
    }
    encode_with_attributes(
        base_offset,
        partition_leader_epoch,
        producer,
        attributes,
        records,
    )
}

/// A transaction marker's type (`ControlRecordType`: ABORT = 0, COMMIT = 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, Hash)]
pub enum Marker {
    /// `ABORT`.
    Abort,
    /// `COMMIT`.
    Commit,
}

impl Marker {
    /// Kafka's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Marker::Abort => "ABORT",
            Marker::Commit => "COMMIT",
        }
    }
}

/// Encodes a control batch holding one end-transaction marker, as the broker writes it
/// (`MemoryRecords.withEndTransactionMarker`): attributes transactional + control, no
/// sequence, key = (version 0, type), value = (version 0, coordinator epoch).
pub fn encode_marker_batch(
    base_offset: i64,
    partition_leader_epoch: i32,
    producer_id: i64,
    producer_epoch: i16,
    timestamp: i64,
    marker: Marker,
    coordinator_epoch: i32,
) -> Vec<u8> {
    let mut key = vec![0u8, 0];
    key.extend_from_slice(&(marker as i16).to_be_bytes());
    let mut value = vec![0u8, 0];
    value.extend_from_slice(&coordinator_epoch.to_be_bytes());
    let producer = ProducerFields {
        id: producer_id,
        epoch: producer_epoch,
        base_sequence: NO_SEQUENCE,
        transactional: true,
        codec: Codec::None, // control batches are never compressed
    };
    let record = RecordIn {
        timestamp,
        key: Some(&key),
        value: Some(&value),
        headers: &[],
    };
    encode_with_attributes(
        base_offset,
        partition_leader_epoch,
        producer,
        0x30,
        &[record],
    )
}

/// Reads a control record's key and value: `Some((marker, coordinator epoch))` for an
/// end-transaction marker, `Err(type id)` for another control type, `None` if unreadable.
pub fn parse_marker(
    key: Option<&[u8]>,
    value: Option<&[u8]>,
) -> Option<Result<(Marker, i32), i16>> {
    let key = key?;
    if key.len() < 4 {
        return None;
    }
    let kind = i16::from_be_bytes([key[2], key[3]]);
    let marker = match kind {
        0 => Marker::Abort,
        1 => Marker::Commit,
        other => return Some(Err(other)),
    };
    let value = value?;
    if value.len() < 6 {
        return None;
    }
    Some(Ok((
        marker,
        i32::from_be_bytes([value[2], value[3], value[4], value[5]]),
    )))
}

pub(crate) fn encode_with_attributes(
    base_offset: i64,
    partition_leader_epoch: i32,
    producer: ProducerFields,
    attributes: i16,
    records: &[RecordIn<'_>],
) -> Vec<u8> {
    let base_timestamp = records.first().map_or(-1, |r| r.timestamp);
    let max_timestamp = records.iter().map(|r| r.timestamp).max().unwrap_or(-1);
    let records_bytes: usize = records
        .iter()
        .map(|r| 16 + r.key.map_or(0, <[u8]>::len) + r.value.map_or(0, <[u8]>::len))
        .sum();
    // The header first (its length patched at the end), then the records straight after it:
    // one buffer, no per-record or per-batch copies.
    let mut out = Vec::with_capacity(HEADER_SIZE + records_bytes);
    out.extend_from_slice(&base_offset.to_be_bytes());
    out.extend_from_slice(&[0; 4]); // batch length, filled below
    out.extend_from_slice(&partition_leader_epoch.to_be_bytes());
    out.push(2);
    out.extend_from_slice(&[0; 4]); // CRC, filled below
    out.extend_from_slice(&attributes.to_be_bytes());
    out.extend_from_slice(&(records.len() as i32 - 1).max(0).to_be_bytes());
    out.extend_from_slice(&base_timestamp.to_be_bytes());
    out.extend_from_slice(&max_timestamp.to_be_bytes());
    out.extend_from_slice(&producer.id.to_be_bytes());
    out.extend_from_slice(&producer.epoch.to_be_bytes());
    out.extend_from_slice(&producer.base_sequence.to_be_bytes());
    out.extend_from_slice(&(records.len() as i32).to_be_bytes());
    if attributes & 0x07 == 1 {
        let mut body = Vec::with_capacity(records_bytes);
        for (i, r) in records.iter().enumerate() {
            encode_record(&mut body, i as i32, r.timestamp - base_timestamp, r);
        }
        out.extend_from_slice(&super::gzip::compress(&body));
    } else {
        for (i, r) in records.iter().enumerate() {
            encode_record(&mut out, i as i32, r.timestamp - base_timestamp, r);
        }
    }
    let batch_length = (out.len() - LOG_OVERHEAD) as i32;
    out[8..12].copy_from_slice(&batch_length.to_be_bytes());
    let crc = crc32c::crc32c(&out[21..]);
    out[17..21].copy_from_slice(&crc.to_be_bytes());
    out
}

/// The bytes one record takes inside a batch, its length prefix included
/// (`DefaultRecord.sizeInBytes`): what the producer's accumulator counts against `batch.size`.
pub fn record_size(
    offset_delta: i32,
    timestamp_delta: i64,
    key: Option<&[u8]>,
    value: Option<&[u8]>,
) -> usize {
    let body = body_size(offset_delta, timestamp_delta, key, value, &[]);
    size_of_varint(body as i32) + body
}

/// The bytes of a record's body (after its length prefix), counted without writing them.
#[inline]
fn body_size(
    offset_delta: i32,
    timestamp_delta: i64,
    key: Option<&[u8]>,
    value: Option<&[u8]>,
    headers: &[(String, Option<Vec<u8>>)],
) -> usize {
    1 + size_of_varlong(timestamp_delta)
        + size_of_varint(offset_delta)
        + bytes_size(key)
        + bytes_size(value)
        + size_of_varint(headers.len() as i32)
        + headers
            .iter()
            .map(|(k, v)| bytes_size(Some(k.as_bytes())) + bytes_size(v.as_deref()))
            .sum::<usize>()
}

#[inline]
fn bytes_size(b: Option<&[u8]>) -> usize {
    b.map_or(1, |b| size_of_varint(b.len() as i32) + b.len())
}

fn encode_record(out: &mut Vec<u8>, offset_delta: i32, timestamp_delta: i64, r: &RecordIn<'_>) {
    let short = |b: Option<&[u8]>| b.map_or(0, <[u8]>::len);
    if r.headers.is_empty() && short(r.key) + short(r.value) <= 32 {
        // A small record (the lab's usual one): its body is at most 1 + 10 + 5 + (1 + 32) + 1
        // + 1 = 51 bytes, so its length is one varint byte. That byte is written after the
        // body, in the place kept for it, instead of sizing every field first.
        out.reserve(1 + 51);
        let at = out.len();
        out.push(0);
        out.push(0); // attributes: unused
        write_varlong(out, timestamp_delta);
        write_varint(out, offset_delta);
        write_bytes(out, r.key);
        write_bytes(out, r.value);
        out.push(0); // no headers
        let body = out.len() - at - 1;
        debug_assert_eq!(
            body,
            body_size(offset_delta, timestamp_delta, r.key, r.value, r.headers),
            "record body size"
        );
        // The zigzag varint of a length below 64.
        out[at] = (body << 1) as u8;
        return;
    }
    let body = body_size(offset_delta, timestamp_delta, r.key, r.value, r.headers);
    // Room for the whole record at once: the pushes below never grow the vector.
    out.reserve(size_of_varint(body as i32) + body);
    write_varint(out, body as i32);
    let start = out.len();
    out.push(0); // attributes: unused
    write_varlong(out, timestamp_delta);
    write_varint(out, offset_delta);
    write_bytes(out, r.key);
    write_bytes(out, r.value);
    write_varint(out, r.headers.len() as i32);
    for (k, v) in r.headers {
        write_bytes(out, Some(k.as_bytes()));
        write_bytes(out, v.as_deref());
    }
    debug_assert_eq!(out.len() - start, body, "record body size");
}

#[inline]
fn write_bytes(out: &mut Vec<u8>, b: Option<&[u8]>) {
    match b {
        None => write_varint(out, -1),
        Some(b) => {
            write_varint(out, b.len() as i32);
            out.extend_from_slice(b);
        }
    }
}

/// Where and why decoding failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The byte offset in the file.
    pub position: usize,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "at byte {}: {}", self.position, self.message)
    }
}

/// One decoded record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedRecord {
    /// Absolute offset.
    pub offset: i64,
    /// Absolute timestamp.
    pub timestamp: i64,
    /// Key.
    pub key: Option<Vec<u8>>,
    /// Value.
    pub value: Option<Vec<u8>>,
    /// Header keys and values.
    pub headers: Vec<(String, Option<Vec<u8>>)>,
    /// Its sequence number (`baseSequence + offsetDelta`, or -1).
    pub sequence: i32,
}

/// One batch as found in a file (its header always; its records when asked for).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedBatch {
    /// Byte position of the batch in the file.
    pub position: usize,
    /// `baseOffset`.
    pub base_offset: i64,
    /// Whole size in bytes (`batchLength` + 12).
    pub size: usize,
    /// `partitionLeaderEpoch`.
    pub partition_leader_epoch: i32,
    /// `magic`.
    pub magic: i8,
    /// The CRC stored in the batch.
    pub crc: u32,
    /// The CRC of the batch's bytes matches.
    pub crc_valid: bool,
    /// `attributes`.
    pub attributes: i16,
    /// `lastOffsetDelta`.
    pub last_offset_delta: i32,
    /// `baseTimestamp`.
    pub base_timestamp: i64,
    /// `maxTimestamp`.
    pub max_timestamp: i64,
    /// `producerId`.
    pub producer_id: i64,
    /// `producerEpoch`.
    pub producer_epoch: i16,
    /// `baseSequence`.
    pub base_sequence: i32,
    /// Record count.
    pub count: i32,
    /// The records (deep iteration), or why they could not be read.
    pub records: Option<Result<Vec<DecodedRecord>, DecodeError>>,
}

impl DecodedBatch {
    /// The offset of its last record.
    pub fn last_offset(&self) -> i64 {
        self.base_offset
            .wrapping_add(i64::from(self.last_offset_delta))
    }
    /// `compressionType` from the attributes.
    pub fn compression(&self) -> &'static str {
        match self.attributes & 0x07 {
            0 => "none",
            1 => "gzip",
            2 => "snappy",
            3 => "lz4",
            4 => "zstd",
            _ => "unknown",
        }
    }
    /// `LogAppendTime` if that attribute bit is set, else `CreateTime`.
    pub fn timestamp_type(&self) -> &'static str {
        if self.attributes & 0x08 != 0 {
            "LogAppendTime"
        } else {
            "CreateTime"
        }
    }
    /// The transactional bit.
    pub fn is_transactional(&self) -> bool {
        self.attributes & 0x10 != 0
    }
    /// The control bit.
    pub fn is_control(&self) -> bool {
        self.attributes & 0x20 != 0
    }
    /// `lastSequence`: -1 without a sequence, wrapping at `i32::MAX` as Kafka does.
    pub fn last_sequence(&self) -> i32 {
        if self.base_sequence == NO_SEQUENCE {
            return NO_SEQUENCE;
        }
        increment_sequence(self.base_sequence, self.last_offset_delta)
    }
}

/// `DefaultRecordBatch.incrementSequence`: sequences wrap from `i32::MAX` to 0; no sequence
/// stays no sequence.
pub fn increment_sequence(sequence: i32, increment: i32) -> i32 {
    if sequence == NO_SEQUENCE {
        return NO_SEQUENCE;
    }
    let next = i64::from(sequence) + i64::from(increment);
    if next > i64::from(i32::MAX) {
        (next - i64::from(i32::MAX) - 1) as i32
    } else {
        next as i32
    }
}

/// The batches of a `.log` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogFile {
    /// Whole batches found, in order.
    pub batches: Vec<DecodedBatch>,
    /// Bytes covered by whole batches.
    pub valid_bytes: usize,
    /// The first problem that stopped decoding, if any (trailing bytes are not a problem:
    /// Kafka reports them, see [`LogFile::valid_bytes`]).
    pub error: Option<DecodeError>,
}

fn be_i64(b: &[u8], at: usize) -> i64 {
    i64::from_be_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}
fn be_i32(b: &[u8], at: usize) -> i32 {
    i32::from_be_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}
fn be_i16(b: &[u8], at: usize) -> i16 {
    i16::from_be_bytes(b[at..at + 2].try_into().expect("2 bytes"))
}

/// Reads the batches of a log file; with `deep`, their records too. Never panics; stops at
/// the first batch that cannot be read, or at a partial batch at the end.
pub fn decode_log(bytes: &[u8], deep: bool) -> LogFile {
    let mut batches = Vec::new();
    let mut pos = 0usize;
    let error = loop {
        let left = bytes.len() - pos;
        if left < LOG_OVERHEAD {
            break None; // trailing bytes, if any
        }
        let length = be_i32(bytes, pos + 8);
        let size = i64::from(length) + LOG_OVERHEAD as i64;
        if length < 0 || size < HEADER_SIZE as i64 {
            break Some(DecodeError {
                position: pos + 8,
                message: format!(
                    "batch length {length} is smaller than a v2 batch header ({} bytes)",
                    HEADER_SIZE - LOG_OVERHEAD
                ),
            });
        }
        if size as usize > left {
            break None; // a partial batch at the end: Kafka reports it as invalid bytes
        }
        let size = size as usize;
        let b = &bytes[pos..pos + size];
        let magic = b[16] as i8;
        if magic != 2 {
            break Some(DecodeError {
                position: pos + 16,
                message: format!(
                    "magic {magic}: only record batch format v2 (magic 2, Kafka 0.11+) is read by the lab"
                ),
            });
        }
        let crc = u32::from_be_bytes(b[17..21].try_into().expect("4 bytes"));
        let mut batch = DecodedBatch {
            position: pos,
            base_offset: be_i64(b, 0),
            size,
            partition_leader_epoch: be_i32(b, 12),
            magic,
            crc,
            crc_valid: crc32c::crc32c(&b[21..]) == crc,
            attributes: be_i16(b, 21),
            last_offset_delta: be_i32(b, 23),
            base_timestamp: be_i64(b, 27),
            max_timestamp: be_i64(b, 35),
            producer_id: be_i64(b, 43),
            producer_epoch: be_i16(b, 51),
            base_sequence: be_i32(b, 53),
            count: be_i32(b, 57),
            records: None,
        };
        if deep {
            batch.records = Some(decode_records(b, pos, &batch));
        }
        batches.push(batch);
        pos += size;
    };
    LogFile {
        batches,
        valid_bytes: pos,
        error,
    }
}

fn decode_records(
    b: &[u8],
    file_pos: usize,
    batch: &DecodedBatch,
) -> Result<Vec<DecodedRecord>, DecodeError> {
    let err = |at: usize, message: String| DecodeError {
        position: file_pos + at,
        message,
    };
    match batch.compression() {
        "none" => {}
        "gzip" => {
            let inflated =
                super::gzip::decompress(&b[HEADER_SIZE..], super::gzip::MAX_DECOMPRESSED)
                    .map_err(|e| err(HEADER_SIZE, format!("gzip records: {e}")))?;
            let mut plain = Vec::with_capacity(HEADER_SIZE + inflated.len());
            plain.extend_from_slice(&b[..HEADER_SIZE]);
            plain.extend_from_slice(&inflated);
            // A position inside the decompressed bytes has no place in the file: name the
            // compressed section's start and the offset within the decompressed records.
            return decode_records(
                &plain,
                0,
                &DecodedBatch {
                    attributes: 0,
                    ..batch.clone()
                },
            )
            .map_err(|e| {
                err(
                    HEADER_SIZE,
                    format!(
                        "gzip records, byte {} of the decompressed records: {}",
                        e.position.saturating_sub(HEADER_SIZE),
                        e.message
                    ),
                )
            });
        }
        other => {
            return Err(err(
                21,
                format!("{other} compression: not modelled in the lab (none and gzip are)"),
            ))
        }
    }
    if batch.count < 0 {
        return Err(err(57, format!("negative record count {}", batch.count)));
    }
    let count = batch.count as usize;
    // Never allocate for more records than the bytes could hold.
    let mut out = Vec::with_capacity(count.min((b.len() - HEADER_SIZE) / MIN_RECORD_SIZE));
    let mut pos = HEADER_SIZE;
    for i in 0..count {
        let start = pos;
        let len = read_varint(b, &mut pos).ok_or_else(|| {
            err(
                start,
                format!("record {i}: its length is not a valid varint"),
            )
        })?;
        if len < 0 || pos + len as usize > b.len() {
            return Err(err(
                start,
                format!("record {i}: length {len} runs past the end of the batch"),
            ));
        }
        let end = pos + len as usize;
        let body = &b[..end];
        let field = |what: &str, at: usize| err(at, format!("record {i}: bad {what}"));
        if pos >= end {
            return Err(field("attributes", pos));
        }
        pos += 1; // attributes
        let at = pos;
        let ts_delta = read_varlong(body, &mut pos).ok_or_else(|| field("timestamp delta", at))?;
        let at = pos;
        let off_delta = read_varint(body, &mut pos).ok_or_else(|| field("offset delta", at))?;
        let key = read_bytes(body, &mut pos).map_err(|at| field("key", at))?;
        let value = read_bytes(body, &mut pos).map_err(|at| field("value", at))?;
        let at = pos;
        let n_headers = read_varint(body, &mut pos).ok_or_else(|| field("header count", at))?;
        if n_headers < 0 {
            return Err(field("header count", at));
        }
        let mut headers = Vec::with_capacity((n_headers as usize).min(end - pos));
        for _ in 0..n_headers {
            let at = pos;
            let k = read_bytes(body, &mut pos)
                .map_err(|at| field("header key", at))?
                .ok_or_else(|| field("header key (null)", at))?;
            let v = read_bytes(body, &mut pos).map_err(|at| field("header value", at))?;
            headers.push((String::from_utf8_lossy(&k).into_owned(), v));
        }
        if pos != end {
            return Err(err(
                pos,
                format!("record {i}: {} unread bytes inside the record", end - pos),
            ));
        }
        out.push(DecodedRecord {
            offset: batch.base_offset.wrapping_add(i64::from(off_delta)),
            timestamp: batch.base_timestamp.wrapping_add(ts_delta),
            key,
            value,
            headers,
            sequence: increment_sequence(batch.base_sequence, off_delta),
        });
    }
    if pos != b.len() {
        return Err(err(
            pos,
            format!("{} bytes after the batch's last record", b.len() - pos),
        ));
    }
    Ok(out)
}

/// Reads a varint length and that many bytes; -1 is null. `Err` carries the position.
fn read_bytes(b: &[u8], pos: &mut usize) -> Result<Option<Vec<u8>>, usize> {
    let at = *pos;
    let len = read_varint(b, pos).ok_or(at)?;
    if len < 0 {
        return if len == -1 { Ok(None) } else { Err(at) };
    }
    let len = len as usize;
    if *pos + len > b.len() {
        return Err(at);
    }
    let v = b[*pos..*pos + len].to_vec();
    *pos += len;
    Ok(Some(v))
}

#[cfg(test)]
mod tests;

/// The segment file the page's end-to-end test uploads is written by an independent encoder
/// (the `kafka-protocol` crate), so the page is shown bytes the lab did not make.
/// `UPDATE_FIXTURES=1 cargo test -p kafka-lab-core fixture` rewrites it.
#[cfg(test)]
mod fixture;
