//! Kafka's variable-length integers (`ByteUtils.writeVarint` / `writeVarlong`): zigzag, then
//! 7 bits per byte, low bits first, the top bit set on every byte but the last.

/// Appends a zigzag varint (at most 5 bytes).
#[inline]
pub fn write_varint(out: &mut Vec<u8>, v: i32) {
    write_unsigned(out, ((v << 1) ^ (v >> 31)) as u32 as u64);
}

/// Appends a zigzag varlong (at most 10 bytes).
#[inline]
pub fn write_varlong(out: &mut Vec<u8>, v: i64) {
    write_unsigned(out, ((v << 1) ^ (v >> 63)) as u64);
}

#[inline]
fn write_unsigned(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The size of a varint without writing it (`ByteUtils.sizeOfVarint`).
#[inline]
pub fn size_of_varint(v: i32) -> usize {
    size_of_unsigned(((v << 1) ^ (v >> 31)) as u32 as u64)
}

/// The size of a varlong without writing it (`ByteUtils.sizeOfVarlong`).
#[inline]
pub fn size_of_varlong(v: i64) -> usize {
    size_of_unsigned(((v << 1) ^ (v >> 63)) as u64)
}

/// 7 bits per byte, at least one byte.
#[inline]
fn size_of_unsigned(v: u64) -> usize {
    let bits = 64 - (v | 1).leading_zeros() as usize;
    bits.div_ceil(7)
}

/// Reads a zigzag varint at `*pos`, advancing it. `None` if the bytes end or the value takes
/// more than 5 bytes (Kafka's "Varint is too long").
pub fn read_varint(buf: &[u8], pos: &mut usize) -> Option<i32> {
    let raw = read_unsigned(buf, pos, 5)?;
    if raw > u64::from(u32::MAX) {
        return None;
    }
    let raw = raw as u32;
    Some(((raw >> 1) as i32) ^ -((raw & 1) as i32))
}

/// Reads a zigzag varlong at `*pos` (at most 10 bytes).
pub fn read_varlong(buf: &[u8], pos: &mut usize) -> Option<i64> {
    let raw = read_unsigned(buf, pos, 10)?;
    Some(((raw >> 1) as i64) ^ -((raw & 1) as i64))
}

fn read_unsigned(buf: &[u8], pos: &mut usize, max_bytes: usize) -> Option<u64> {
    let mut v: u64 = 0;
    for i in 0..max_bytes {
        let b = *buf.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zigzag_examples_from_the_protobuf_spec_and_kafka() {
        let cases: [(i32, &[u8]); 7] = [
            (0, &[0x00]),
            (-1, &[0x01]),
            (1, &[0x02]),
            (-2, &[0x03]),
            (63, &[0x7e]),
            (-64, &[0x7f]),
            (64, &[0x80, 0x01]),
        ];
        for (v, bytes) in cases {
            let mut out = Vec::new();
            write_varint(&mut out, v);
            assert_eq!(out, bytes, "{v}");
            let mut pos = 0;
            assert_eq!(read_varint(&out, &mut pos), Some(v));
            assert_eq!(pos, bytes.len());
        }
        for v in [i32::MIN, i32::MAX, 300, -300] {
            let mut out = Vec::new();
            write_varint(&mut out, v);
            assert!(out.len() <= 5);
            assert_eq!(read_varint(&out, &mut 0), Some(v));
        }
        for v in [i64::MIN, i64::MAX, 1_767_225_600_000, -1] {
            let mut out = Vec::new();
            write_varlong(&mut out, v);
            assert!(out.len() <= 10);
            assert_eq!(read_varlong(&out, &mut 0), Some(v));
        }
    }

    #[test]
    fn bad_varints_are_refused() {
        assert_eq!(read_varint(&[0x80], &mut 0), None);
        assert_eq!(
            read_varint(&[0xff, 0xff, 0xff, 0xff, 0xff, 0x01], &mut 0),
            None
        );
        assert_eq!(read_varlong(&[0xff; 11], &mut 0), None);
    }
}
