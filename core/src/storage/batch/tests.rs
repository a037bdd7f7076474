use super::*;
use bytes::{Bytes, BytesMut};
use kafka_protocol::records::{
    Compression, Record, RecordBatchDecoder, RecordBatchEncoder, RecordEncodeOptions, TimestampType,
};

/// (timestamp, key, value).
type Rec<'a> = (i64, Option<&'a str>, Option<&'a str>);

fn theirs(records: &[(i64, Option<&str>, Option<&str>)], base_offset: i64, epoch: i32) -> Vec<u8> {
    theirs_with(records, base_offset, epoch, ProducerFields::NONE)
}

/// The crate puts records in one batch only if `offset - sequence` is the same for all, so
/// multi-record batches are compared with an idempotent producer's sequences.
fn theirs_with(
    records: &[(i64, Option<&str>, Option<&str>)],
    base_offset: i64,
    epoch: i32,
    p: ProducerFields,
) -> Vec<u8> {
    let recs: Vec<Record> = records
        .iter()
        .enumerate()
        .map(|(i, (ts, k, v))| Record {
            transactional: p.transactional,
            control: false,
            partition_leader_epoch: epoch,
            producer_id: p.id,
            producer_epoch: p.epoch,
            timestamp_type: TimestampType::Creation,
            offset: base_offset + i as i64,
            sequence: if p.base_sequence < 0 {
                -1
            } else {
                p.base_sequence + i as i32
            },
            timestamp: *ts,
            key: k.map(|s| Bytes::copy_from_slice(s.as_bytes())),
            value: v.map(|s| Bytes::copy_from_slice(s.as_bytes())),
            headers: Default::default(),
        })
        .collect();
    let mut buf = BytesMut::new();
    RecordBatchEncoder::encode(
        &mut buf,
        &recs,
        &RecordEncodeOptions {
            version: 2,
            compression: Compression::None,
        },
    )
    .unwrap();
    buf.to_vec()
}

fn ours(records: &[(i64, Option<&str>, Option<&str>)], base_offset: i64, epoch: i32) -> Vec<u8> {
    ours_with(records, base_offset, epoch, ProducerFields::NONE)
}

fn ours_with(
    records: &[(i64, Option<&str>, Option<&str>)],
    base_offset: i64,
    epoch: i32,
    p: ProducerFields,
) -> Vec<u8> {
    let ins: Vec<RecordIn<'_>> = records
        .iter()
        .map(|(ts, k, v)| RecordIn {
            timestamp: *ts,
            key: k.map(str::as_bytes),
            value: v.map(str::as_bytes),
            headers: &[],
        })
        .collect();
    encode_batch(base_offset, epoch, p, &ins)
}

/// Our bytes equal those of an independent implementation (the `kafka-protocol` crate) for
/// the same records.
#[test]
fn bytes_equal_an_independent_encoder() {
    let long = "x".repeat(300);
    let cases: Vec<Vec<Rec<'_>>> = vec![
        vec![(LAB, None, Some("hello"))],
        vec![(LAB, Some(""), Some(""))],
        vec![(0, None, Some(&long))],
    ];
    for (i, recs) in cases.iter().enumerate() {
        assert_eq!(ours(recs, 42, 7), theirs(recs, 42, 7), "case {i}");
    }
    // Several records in one batch, from an idempotent producer.
    let p = ProducerFields {
        id: 4000,
        epoch: 2,
        base_sequence: 17,
        transactional: false,
        codec: crate::storage::batch::Codec::None,
    };
    let many = [
        (LAB, Some("user-1"), Some("a")),
        (LAB + 5, None, Some("b")),
        (LAB + 9, Some("k"), None),
    ];
    assert_eq!(ours_with(&many, 42, 7, p), theirs_with(&many, 42, 7, p));
    let t = ProducerFields {
        transactional: true,
        codec: crate::storage::batch::Codec::None,
        ..p
    };
    assert_eq!(ours_with(&many, 0, 0, t), theirs_with(&many, 0, 0, t));
}
const LAB: i64 = super::super::LAB_EPOCH_MS;

/// Records whose key and value hold at most 32 bytes take the short path (the length byte
/// written after the body); longer ones size every field first. Both give the independent
/// encoder's bytes on either side of that line, with timestamp deltas whose varlong takes
/// one to five bytes.
#[test]
fn short_and_long_records_match_an_independent_encoder() {
    let text = "k".repeat(40);
    let p = ProducerFields {
        id: 4000,
        epoch: 2,
        base_sequence: 0,
        transactional: false,
        codec: crate::storage::batch::Codec::None,
    };
    for (k, v) in [
        (None, 0),
        (None, 32),
        (None, 33),
        (Some(0), 32),
        (Some(16), 16),
        (Some(17), 16),
        (Some(32), 0),
        (Some(33), 0),
        (Some(20), 20),
    ] {
        let key = k.map(|n| &text[..n]);
        let value = Some(&text[..v]);
        let recs = [
            (0, key, value),
            (1, key, None),
            (1 << 20, None, value),
            (1 << 30, key, value),
        ];
        assert_eq!(
            ours_with(&recs, 42, 7, p),
            theirs_with(&recs, 42, 7, p),
            "key {k:?}, value {v}"
        );
    }
}

#[test]
fn an_independent_decoder_reads_ours() {
    let bytes = ours(
        &[(LAB, Some("k"), Some("v1")), (LAB + 1, None, Some("v2"))],
        10,
        3,
    );
    let mut buf = Bytes::from(bytes);
    let set = RecordBatchDecoder::decode(&mut buf).unwrap();
    assert_eq!(set.records.len(), 2);
    assert_eq!(set.records[0].offset, 10);
    assert_eq!(set.records[1].offset, 11);
    assert_eq!(set.records[0].partition_leader_epoch, 3);
    assert_eq!(set.records[1].value.as_deref(), Some(&b"v2"[..]));
    assert_eq!(set.records[1].timestamp, LAB + 1);
}

/// `compression.type=gzip`: attributes bit 0, the CRC over the compressed bytes, an
/// independent decoder (`kafka-protocol` with flate2) reads ours and we read theirs.
#[test]
fn gzip_batches_round_trip_and_an_independent_codec_agrees() {
    let p = ProducerFields {
        codec: Codec::Gzip,
        ..ProducerFields::NONE
    };
    let v = "the same value again and again ".repeat(20);
    let recs = [
        (LAB, Some("k"), Some(v.as_str())),
        (LAB + 3, None, Some(v.as_str())),
    ];
    let plain = ours(&recs, 5, 1);
    let gz = ours_with(&recs, 5, 1, p);
    assert!(
        gz.len() < plain.len() / 4,
        "{} vs {}",
        gz.len(),
        plain.len()
    );
    assert_eq!(be_i16(&gz, 21) & 0x07, 1);
    assert_eq!(&gz[HEADER_SIZE..HEADER_SIZE + 2], &[0x1f, 0x8b]);
    assert_eq!(gz, ours_with(&recs, 5, 1, p), "deterministic");
    let log = decode_log(&gz, true);
    assert!(log.error.is_none());
    let b = &log.batches[0];
    assert!(b.crc_valid);
    assert_eq!(b.compression(), "gzip");
    assert_eq!(b.size, gz.len());
    let got = b.records.clone().unwrap().unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].offset, 6);
    assert_eq!(got[1].value.as_deref(), Some(v.as_bytes()));
    // Header and records equal the uncompressed batch's, apart from attributes and CRC.
    let pl = decode_log(&plain, true);
    assert_eq!(pl.batches[0].records, b.records);
    // kafka-protocol reads ours ...
    let set = RecordBatchDecoder::decode(&mut Bytes::from(gz.clone())).unwrap();
    assert_eq!(set.records.len(), 2);
    assert_eq!(set.records[0].value.as_deref(), Some(v.as_bytes()));
    // ... and we read its gzip batch.
    let recs2: Vec<Record> = RecordBatchDecoder::decode(&mut Bytes::from(plain))
        .unwrap()
        .records;
    let mut buf = BytesMut::new();
    RecordBatchEncoder::encode(
        &mut buf,
        &recs2,
        &RecordEncodeOptions {
            version: 2,
            compression: Compression::Gzip,
        },
    )
    .unwrap();
    let theirs = decode_log(&buf, true);
    assert!(theirs.batches[0].crc_valid);
    assert_eq!(theirs.batches[0].compression(), "gzip");
    assert_eq!(theirs.batches[0].records, b.records);
}

#[test]
fn a_gzip_bomb_or_other_codec_is_one_error_not_a_panic() {
    // A batch whose records section inflates past the cap: 65 MiB of zeros.
    let mut gz = ours_with(
        &[(LAB, None, Some("x"))],
        0,
        0,
        ProducerFields {
            codec: Codec::Gzip,
            ..ProducerFields::NONE
        },
    );
    gz.truncate(HEADER_SIZE);
    gz.extend_from_slice(&super::super::gzip::compress(&vec![0u8; 65 << 20]));
    let len = (gz.len() - LOG_OVERHEAD) as i32;
    gz[8..12].copy_from_slice(&len.to_be_bytes());
    let crc = crc32c::crc32c(&gz[21..]);
    gz[17..21].copy_from_slice(&crc.to_be_bytes());
    let log = decode_log(&gz, true);
    let e = log.batches[0].records.clone().unwrap().unwrap_err();
    assert_eq!(e.position, HEADER_SIZE);
    assert!(
        e.message.contains("decompress to more than 67108864 bytes"),
        "{e}"
    );
    // lz4 (attributes 3): refused by name.
    let mut lz = ours(&[(LAB, None, Some("x"))], 0, 0);
    lz[22] |= 3;
    let e = decode_log(&lz, true).batches[0]
        .records
        .clone()
        .unwrap()
        .unwrap_err();
    assert!(
        e.message.starts_with("lz4 compression: not modelled"),
        "{e}"
    );
}

/// A hand-checked vector: one record, value "hello", no key, at offset 0, timestamp 0.
#[test]
fn a_hand_checked_batch() {
    let b = ours(&[(0, None, Some("hello"))], 0, 0);
    // 61 header bytes + record: length 11 (zigzag 0x16), attributes 0, ts delta 0, offset
    // delta 0, key -1 (0x01), value length 5 (0x0a), "hello", 0 headers.
    assert_eq!(b.len(), 61 + 12);
    assert_eq!(
        &b[61..],
        &[0x16, 0x00, 0x00, 0x00, 0x01, 0x0a, b'h', b'e', b'l', b'l', b'o', 0x00]
    );
    // CRC-32C (Castagnoli) of bytes 21.., computed by a bitwise Python implementation
    // checked against the standard vector crc32c("123456789") = 0xe3069283.
    assert_eq!(&b[17..21], &0x6636_fc59_u32.to_be_bytes());
    assert_eq!(crc32c::crc32c(b"123456789"), 0xe306_9283);
    assert_eq!(be_i32(&b, 8), (b.len() - 12) as i32);
    assert_eq!(b[16], 2);
    let f = decode_log(&b, true);
    assert_eq!(f.error, None);
    let batch = &f.batches[0];
    assert!(batch.crc_valid);
    let r = &batch.records.as_ref().unwrap().as_ref().unwrap()[0];
    assert_eq!(r.value.as_deref(), Some(&b"hello"[..]));
    assert_eq!(r.key, None);
}

#[test]
fn a_corrupted_byte_fails_the_crc_and_garbage_names_its_byte() {
    let mut b = ours(&[(LAB, None, Some("hello"))], 0, 0);
    let n = b.len();
    b[n - 3] ^= 0xff;
    assert!(!decode_log(&b, false).batches[0].crc_valid);
    let mut two = ours(&[(LAB, None, Some("a"))], 0, 0);
    let first = two.len();
    two.extend_from_slice(&[0u8; 20]);
    let f = decode_log(&two, true);
    assert_eq!(f.batches.len(), 1);
    assert_eq!(f.error.as_ref().unwrap().position, first + 8);
    let mut magic1 = ours(&[(LAB, None, Some("a"))], 0, 0);
    magic1[16] = 1;
    let f = decode_log(&magic1, true);
    assert_eq!(f.error.unwrap().position, 16);
    // A partial batch at the end is trailing bytes, not an error.
    let full = ours(&[(LAB, None, Some("abc"))], 0, 0);
    let f = decode_log(&full[..full.len() - 1], true);
    assert!(f.batches.is_empty() && f.error.is_none() && f.valid_bytes == 0);
}

#[test]
fn offsets_and_sequences_at_the_edge_of_their_range_wrap_instead_of_panicking() {
    // Found by the fuzzer: a hostile base offset near i64::MAX plus an offset delta.
    let recs = [
        RecordIn {
            timestamp: LAB,
            key: None,
            value: Some(b"a"),
            headers: &[],
        },
        RecordIn {
            timestamp: LAB,
            key: None,
            value: Some(b"b"),
            headers: &[],
        },
    ];
    let producer = ProducerFields {
        id: 7,
        epoch: 0,
        base_sequence: i32::MAX,
        transactional: false,
        codec: crate::storage::batch::Codec::None,
    };
    let b = encode_batch(i64::MAX, 0, producer, &recs);
    let f = decode_log(&b, true);
    let batch = &f.batches[0];
    assert_eq!(batch.last_offset(), i64::MIN);
    assert_eq!(
        batch.last_sequence(),
        0,
        "Kafka's sequences wrap from i32::MAX to 0"
    );
    let records = batch.records.as_ref().unwrap().as_ref().unwrap();
    assert_eq!(records[1].offset, i64::MIN);
    assert_eq!(records[1].sequence, 0);
    assert_eq!(increment_sequence(NO_SEQUENCE, 5), NO_SEQUENCE);
    assert_eq!(increment_sequence(3, 2), 5);
}

#[test]
fn end_transaction_markers_round_trip() {
    let b = encode_marker_batch(9, 3, 42, 1, LAB, Marker::Abort, 7);
    let f = decode_log(&b, true);
    let batch = &f.batches[0];
    assert!(batch.crc_valid && batch.is_control() && batch.is_transactional());
    assert_eq!(
        (batch.producer_id, batch.producer_epoch, batch.base_sequence),
        (42, 1, -1)
    );
    let r = &batch.records.as_ref().unwrap().as_ref().unwrap()[0];
    assert_eq!(
        parse_marker(r.key.as_deref(), r.value.as_deref()),
        Some(Ok((Marker::Abort, 7)))
    );
    assert_eq!(parse_marker(Some(&[0, 0, 0, 2]), None), Some(Err(2)));
    assert_eq!(parse_marker(Some(&[0, 0]), None), None);
}
