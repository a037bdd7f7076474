//! The flexible message encoding's primitives, as Kafka's generated messages read and write
//! them through `Readable` / `Writable` (`ByteBufferAccessor`): big-endian integers, 16-byte
//! uuids, unsigned varints, compact strings and arrays (length + 1, 0 for null) and tagged
//! fields. The reader checks every length against the bytes left, so untrusted input gives
//! an error, never a panic or an allocation sized by a count.

use crate::model::{BrokerId, Uuid};

/// A writer.
pub(crate) struct W(pub(crate) Vec<u8>);

impl W {
    pub(crate) fn uvarint(&mut self, mut v: u32) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    pub(crate) fn i8(&mut self, v: i8) {
        self.0.push(v as u8);
    }
    pub(crate) fn bool(&mut self, v: bool) {
        self.0.push(u8::from(v));
    }
    pub(crate) fn i16(&mut self, v: i16) {
        self.0.extend_from_slice(&v.to_be_bytes());
    }
    pub(crate) fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_be_bytes());
    }
    pub(crate) fn i32(&mut self, v: i32) {
        self.0.extend_from_slice(&v.to_be_bytes());
    }
    pub(crate) fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_be_bytes());
    }
    pub(crate) fn uuid(&mut self, u: &Uuid) {
        self.0.extend_from_slice(&u.0);
    }
    pub(crate) fn string(&mut self, s: &str) {
        self.uvarint(s.len() as u32 + 1);
        self.0.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn nullable_string(&mut self, s: Option<&str>) {
        match s {
            None => self.uvarint(0),
            Some(s) => self.string(s),
        }
    }
    pub(crate) fn ids(&mut self, ids: &[BrokerId]) {
        self.uvarint(ids.len() as u32 + 1);
        for id in ids {
            self.i32(*id as i32);
        }
    }
    pub(crate) fn uuids(&mut self, us: &[Uuid]) {
        self.uvarint(us.len() as u32 + 1);
        for u in us {
            self.uuid(u);
        }
    }
    /// Tagged fields, given in tag order as (tag, bytes).
    pub(crate) fn tagged(&mut self, fields: &[(u32, Vec<u8>)]) {
        self.uvarint(fields.len() as u32);
        for (tag, bytes) in fields {
            self.uvarint(*tag);
            self.uvarint(bytes.len() as u32);
            self.0.extend_from_slice(bytes);
        }
    }
}

pub(crate) fn bytes_of(f: impl FnOnce(&mut W)) -> Vec<u8> {
    let mut w = W(Vec::new());
    f(&mut w);
    w.0
}

/// A reader over untrusted bytes: every read is checked.
pub(crate) struct R<'a> {
    b: &'a [u8],
    pos: usize,
}

pub(crate) type Res<T> = Result<T, String>;

impl<'a> R<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Self {
        Self { b, pos: 0 }
    }
    pub(crate) fn left(&self) -> usize {
        self.b.len() - self.pos
    }
    pub(crate) fn take(&mut self, n: usize) -> Res<&'a [u8]> {
        if n > self.left() {
            return Err(format!(
                "Tried to read {n} byte(s), but only {} remain",
                self.left()
            ));
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub(crate) fn uvarint(&mut self) -> Res<u32> {
        let mut v: u32 = 0;
        for i in 0..5 {
            let b = self.take(1)?[0];
            v |= u32::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("Varint is too long, the most significant bit in the 5th byte is set".into())
    }
    pub(crate) fn i8(&mut self) -> Res<i8> {
        Ok(self.take(1)?[0] as i8)
    }
    pub(crate) fn bool(&mut self) -> Res<bool> {
        Ok(self.take(1)?[0] != 0)
    }
    pub(crate) fn i16(&mut self) -> Res<i16> {
        let b = self.take(2)?;
        Ok(i16::from_be_bytes([b[0], b[1]]))
    }
    pub(crate) fn u16(&mut self) -> Res<u16> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }
    pub(crate) fn i32(&mut self) -> Res<i32> {
        let b = self.take(4)?;
        Ok(i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub(crate) fn i64(&mut self) -> Res<i64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(i64::from_be_bytes(a))
    }
    pub(crate) fn uuid(&mut self) -> Res<Uuid> {
        let b = self.take(16)?;
        let mut a = [0u8; 16];
        a.copy_from_slice(b);
        Ok(Uuid(a))
    }
    pub(crate) fn nullable_string(&mut self) -> Res<Option<String>> {
        let n = self.uvarint()?;
        if n == 0 {
            return Ok(None);
        }
        let b = self.take(n as usize - 1)?;
        String::from_utf8(b.to_vec())
            .map(Some)
            .map_err(|_| "a string that is not UTF-8".to_string())
    }
    pub(crate) fn string(&mut self) -> Res<String> {
        self.nullable_string()?
            .ok_or_else(|| "non-nullable field was serialized as null".to_string())
    }
    /// A compact array's length, checked against the bytes left (each element ≥ `min` bytes).
    pub(crate) fn array_len(&mut self, min: usize) -> Res<Option<usize>> {
        let n = self.uvarint()?;
        if n == 0 {
            return Ok(None);
        }
        let n = n as usize - 1;
        if n.saturating_mul(min) > self.left() {
            return Err(format!(
                "Tried to read an array of {n} element(s), but only {} byte(s) remain",
                self.left()
            ));
        }
        Ok(Some(n))
    }
    pub(crate) fn nullable_ids(&mut self) -> Res<Option<Vec<BrokerId>>> {
        let Some(n) = self.array_len(4)? else {
            return Ok(None);
        };
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            let id = self.i32()?;
            v.push(id as BrokerId); // ids are the lab's u32 (-1 does not occur in arrays)
        }
        Ok(Some(v))
    }
    pub(crate) fn ids(&mut self) -> Res<Vec<BrokerId>> {
        self.nullable_ids()?
            .ok_or_else(|| "non-nullable field was serialized as null".to_string())
    }
    pub(crate) fn nullable_uuids(&mut self) -> Res<Option<Vec<Uuid>>> {
        let Some(n) = self.array_len(16)? else {
            return Ok(None);
        };
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.uuid()?);
        }
        Ok(Some(v))
    }
    pub(crate) fn uuids(&mut self) -> Res<Vec<Uuid>> {
        self.nullable_uuids()?
            .ok_or_else(|| "non-nullable field was serialized as null".to_string())
    }
    /// Reads the tagged fields, handing each known one a reader over exactly its bytes.
    pub(crate) fn tagged(&mut self, mut f: impl FnMut(u32, &mut R<'a>) -> Res<()>) -> Res<()> {
        let n = self.uvarint()?;
        for _ in 0..n {
            let tag = self.uvarint()?;
            let size = self.uvarint()? as usize;
            let bytes = self.take(size)?;
            let mut sub = R::new(bytes);
            f(tag, &mut sub)?;
        }
        Ok(())
    }
    /// Skips a struct's tagged fields.
    pub(crate) fn no_tags(&mut self) -> Res<()> {
        self.tagged(|_, _| Ok(()))
    }
}
