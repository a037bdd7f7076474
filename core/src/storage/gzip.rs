//! GZIP streams (RFC 1952) as Kafka's `compression.type=gzip` writes a batch's records section:
//! Java's `GZIPOutputStream` — a 10-byte header (no name, mtime 0), one raw deflate stream,
//! then the CRC-32 (IEEE) and the input size mod 2³², both little-endian.
//!
//! Deflate is `miniz_oxide` at level 6 (`Deflater.DEFAULT_COMPRESSION`): deterministic for the
//! same input, so a follower that re-encodes a batch writes the leader's bytes. It is not
//! byte-for-byte Java's zlib output; any GZIP reader (a real Kafka included) reads it.

/// Cap on what one batch's records section may decompress to: a hostile file stops here.
pub const MAX_DECOMPRESSED: usize = 64 * 1024 * 1024;

const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0];

/// The deflate level (`Deflater.DEFAULT_COMPRESSION` is zlib's 6).
const LEVEL: u8 = 6;

/// CRC-32 (IEEE 802.3, reflected 0xEDB88320), as `java.util.zip.CRC32`.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    let mut c = !0u32;
    for &b in data {
        c = TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// One GZIP member holding `data`.
pub fn compress(data: &[u8]) -> Vec<u8> {
    let deflated = miniz_oxide::deflate::compress_to_vec(data, LEVEL);
    let mut out = Vec::with_capacity(HEADER.len() + deflated.len() + 8);
    out.extend_from_slice(&HEADER);
    out.extend_from_slice(&deflated);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// Reads one GZIP member, refusing more than `cap` bytes of output. The error says what was
/// wrong, in Kafka's and zlib's terms.
pub fn decompress(data: &[u8], cap: usize) -> Result<Vec<u8>, String> {
    if data.len() < 18 {
        return Err(format!(
            "{} bytes are too few for a GZIP stream (at least 18)",
            data.len()
        ));
    }
    if data[0] != 0x1f || data[1] != 0x8b {
        return Err("Not in GZIP format".into());
    }
    if data[2] != 8 {
        return Err(format!("Unsupported compression method {}", data[2]));
    }
    let flags = data[3];
    let mut pos = 10usize;
    let need = |pos: usize| {
        if pos > data.len() - 8 {
            Err("the GZIP header runs past the end".to_string())
        } else {
            Ok(pos)
        }
    };
    if flags & 0x04 != 0 {
        // FEXTRA: a 2-byte length and that many bytes.
        need(pos + 2)?;
        let n = usize::from(u16::from_le_bytes([data[pos], data[pos + 1]]));
        pos = need(pos + 2 + n)?;
    }
    for bit in [0x08u8, 0x10] {
        // FNAME, FCOMMENT: zero-terminated.
        if flags & bit != 0 {
            let end = data[pos..data.len() - 8]
                .iter()
                .position(|&b| b == 0)
                .ok_or("the GZIP header runs past the end")?;
            pos += end + 1;
        }
    }
    if flags & 0x02 != 0 {
        pos = need(pos + 2)?; // FHCRC
    }
    let body = &data[pos..data.len() - 8];
    let out = miniz_oxide::inflate::decompress_to_vec_with_limit(body, cap).map_err(|e| {
        if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
            format!("the records decompress to more than {cap} bytes: refused")
        } else {
            format!("corrupt deflate data ({:?})", e.status)
        }
    })?;
    let t = &data[data.len() - 8..];
    let crc = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
    let size = u32::from_le_bytes([t[4], t[5], t[6], t[7]]);
    if crc != crc32(&out) {
        return Err("Corrupt GZIP trailer (CRC-32 mismatch)".into());
    }
    if size != out.len() as u32 {
        return Err("Corrupt GZIP trailer (size mismatch)".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn round_trip_and_deterministic() {
        let data: Vec<u8> = b"hello kafka ".iter().copied().cycle().take(5000).collect();
        let z = compress(&data);
        assert_eq!(&z[..10], &HEADER);
        assert!(z.len() < 200, "repetitive data compresses: {}", z.len());
        assert_eq!(compress(&data), z, "same input, same bytes");
        assert_eq!(decompress(&z, 1 << 20).unwrap(), data);
        assert_eq!(decompress(&compress(b""), 10).unwrap(), b"");
    }

    #[test]
    fn a_bomb_stops_at_the_cap_and_garbage_is_an_error() {
        let zeros = vec![0u8; 4 << 20];
        let z = compress(&zeros);
        assert!(z.len() < 10_000);
        let e = decompress(&z, 1 << 20).unwrap_err();
        assert!(e.contains("more than 1048576 bytes"), "{e}");
        let mut bad = compress(b"some records");
        let n = bad.len();
        bad[n - 8] ^= 1;
        assert!(decompress(&bad, 100).unwrap_err().contains("CRC-32"));
        assert_eq!(
            decompress(b"not gzip at all, no", 100).unwrap_err(),
            "Not in GZIP format"
        );
        for cut in 0..bad.len() {
            let _ = decompress(&bad[..cut], 100); // never panics
        }
    }
}
