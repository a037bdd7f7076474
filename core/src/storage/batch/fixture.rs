use bytes::{Bytes, BytesMut};
use kafka_protocol::records::{
    Compression, Record, RecordBatchEncoder, RecordEncodeOptions, TimestampType,
};

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/segments/00000000000000000000.log"
);

fn build() -> Vec<u8> {
    let mut out = Vec::new();
    let mut offset = 0i64;
    for (batch, n) in [3usize, 2, 4].into_iter().enumerate() {
        let recs: Vec<Record> = (0..n)
            .map(|i| {
                let o = offset + i as i64;
                Record {
                    transactional: false,
                    control: false,
                    partition_leader_epoch: 0,
                    producer_id: 1000,
                    producer_epoch: 0,
                    timestamp_type: TimestampType::Creation,
                    offset: o,
                    sequence: o as i32,
                    timestamp: 1_767_225_600_000 + 1000 * batch as i64 + i as i64,
                    key: Some(Bytes::from(format!("user-{}", o % 3))),
                    value: Some(Bytes::from(format!("order #{o}: 2 coffees"))),
                    headers: Default::default(),
                }
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
        out.extend_from_slice(&buf);
        offset += n as i64;
    }
    out
}

#[test]
fn the_upload_fixture_is_an_independent_encoding() {
    let bytes = build();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(std::path::Path::new(PATH).parent().unwrap()).unwrap();
        std::fs::write(PATH, &bytes).unwrap();
    }
    let on_disk = std::fs::read(PATH).expect("tests/fixtures/segments/00000000000000000000.log");
    assert_eq!(on_disk, bytes);
    let f = super::decode_log(&on_disk, true);
    assert_eq!(f.batches.len(), 3);
    assert!(f.error.is_none() && f.batches.iter().all(|b| b.crc_valid));
    assert_eq!(f.batches[2].last_offset(), 8);
}
