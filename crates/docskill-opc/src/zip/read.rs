//! Central directory parsing and bounded inflation.

use std::io::Read;

use super::{CENTRAL_SIG, EOCD_SIG, EOCD64_LOCATOR_SIG, EOCD64_SIG, LOCAL_SIG};
use super::{METHOD_DEFLATE, METHOD_STORED};
use crate::{Error, Limits, Result};

/// One entry of the central directory, with where its data lies.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Name as stored (raw bytes), written back unchanged on raw copy.
    pub raw_name: Vec<u8>,
    /// Name decoded as UTF-8 (lossy).
    pub name: String,
    pub flags: u16,
    pub method: u16,
    pub crc32: u32,
    pub compressed_size: u64,
    pub uncompressed_size: u64,
    /// Offset of the compressed data in the input.
    pub data_offset: u64,
}

/// A parsed archive over borrowed bytes.
pub(crate) struct Archive {
    pub entries: Vec<Entry>,
}

struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(buf: &'a [u8], pos: usize) -> Self {
        Self { buf, pos }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| {
                Error::CorruptZip(format!("record at byte {} runs past the end", self.pos))
            })?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

fn usize_of(v: u64, what: &str) -> Result<usize> {
    usize::try_from(v).map_err(|_| Error::CorruptZip(format!("{what} {v} is out of range")))
}

struct EndRecord {
    entries: u64,
    cd_size: u64,
    cd_offset: u64,
    /// Where the end record (or the ZIP64 end record) starts.
    end_pos: u64,
}

fn find_eocd(data: &[u8]) -> Option<usize> {
    if data.len() < 22 {
        return None;
    }
    let last = data.len() - 22;
    let first = last.saturating_sub(0xFFFF);
    (first..=last).rev().find(|&i| {
        data[i..i + 4] == EOCD_SIG.to_le_bytes() && {
            let comment = usize::from(u16::from_le_bytes([data[i + 20], data[i + 21]]));
            i + 22 + comment <= data.len()
        }
    })
}

fn end_record(data: &[u8]) -> Result<EndRecord> {
    let Some(pos) = find_eocd(data) else {
        return Err(crate::sniff::foreign_or_truncated(data));
    };
    let mut c = Cursor::new(data, pos + 4);
    let disk = c.u16()?;
    let _cd_disk = c.u16()?;
    let _entries_here = c.u16()?;
    let entries = c.u16()?;
    let cd_size = c.u32()?;
    let cd_offset = c.u32()?;
    if disk != 0 && disk != 0xFFFF {
        return Err(Error::CorruptZip(
            "multi-disk (spanned) archives are not supported".into(),
        ));
    }
    let needs64 = entries == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF;
    if needs64 && pos >= 20 && data[pos - 20..pos - 16] == EOCD64_LOCATOR_SIG.to_le_bytes() {
        let mut l = Cursor::new(data, pos - 16);
        let eocd64 = usize_of(l.u64()?, "ZIP64 end record offset")?;
        // The ZIP64 end record sits right before the locator; trust the
        // position over the stored offset when junk precedes the archive.
        let at = if pos >= 76 && data[pos - 76..pos - 72] == EOCD64_SIG.to_le_bytes() {
            pos - 76
        } else {
            eocd64
        };
        let mut z = Cursor::new(data, at);
        if z.u32()? != EOCD64_SIG {
            return Err(Error::CorruptZip(
                "ZIP64 end record not found where its locator points".into(),
            ));
        }
        let _size = z.u64()?;
        let _made = z.u16()?;
        let _needed = z.u16()?;
        let _disk = z.u32()?;
        let _cd_disk = z.u32()?;
        let _here = z.u64()?;
        let entries = z.u64()?;
        let cd_size = z.u64()?;
        let cd_offset = z.u64()?;
        return Ok(EndRecord {
            entries,
            cd_size,
            cd_offset,
            end_pos: at as u64,
        });
    }
    Ok(EndRecord {
        entries: u64::from(entries),
        cd_size: u64::from(cd_size),
        cd_offset: u64::from(cd_offset),
        end_pos: pos as u64,
    })
}

fn check_limit(what: &'static str, actual: u64, limit: u64) -> Result<()> {
    if actual > limit {
        Err(Error::LimitExceeded {
            what,
            actual,
            limit,
        })
    } else {
        Ok(())
    }
}

impl Archive {
    /// Parse the directory of `data`, applying `limits`.
    pub fn parse(data: &[u8], limits: &Limits) -> Result<Self> {
        check_limit("max_input_bytes", data.len() as u64, limits.max_input_bytes)?;
        let end = end_record(data)?;
        check_limit("max_entries", end.entries, limits.max_entries)?;
        // A central directory record is at least 46 bytes.
        if end.cd_size > end.end_pos || end.entries.saturating_mul(46) > end.cd_size {
            return Err(Error::CorruptZip(format!(
                "central directory of {} bytes cannot hold {} entries",
                end.cd_size, end.entries
            )));
        }
        // Tolerate bytes prepended to the archive (self-extractors, junk):
        // the directory ends where the end record starts.
        let cd_start = end.end_pos - end.cd_size;
        let shift = cd_start.checked_sub(end.cd_offset).ok_or_else(|| {
            Error::CorruptZip("central directory offset points past its end record".into())
        })?;
        let mut c = Cursor::new(data, usize_of(cd_start, "directory offset")?);
        let mut entries = Vec::with_capacity(usize_of(end.entries, "entry count")?);
        let mut total: u64 = 0;
        for _ in 0..end.entries {
            let mut e = read_central(&mut c, data, shift)?;
            check_names(&e)?;
            check_limit("max_part_size", e.uncompressed_size, limits.max_part_size)?;
            total = total.saturating_add(e.uncompressed_size);
            check_limit(
                "max_total_uncompressed",
                total,
                limits.max_total_uncompressed,
            )?;
            if e.uncompressed_size >= limits.ratio_min_size {
                let ratio = e.uncompressed_size / e.compressed_size.max(1);
                check_limit("max_compression_ratio", ratio, limits.max_compression_ratio)?;
            }
            e.data_offset = local_data_offset(data, e.data_offset, &e.name)?;
            if e.data_offset.saturating_add(e.compressed_size) > data.len() as u64 {
                return Err(Error::CorruptZip(format!(
                    "data of {:?} runs past the end",
                    e.name
                )));
            }
            entries.push(e);
        }
        Ok(Self { entries })
    }
}

fn read_central(c: &mut Cursor<'_>, _data: &[u8], shift: u64) -> Result<Entry> {
    let at = c.pos;
    if c.u32()? != CENTRAL_SIG {
        return Err(Error::CorruptZip(format!(
            "bad central directory record at byte {at}"
        )));
    }
    let _made = c.u16()?;
    let _needed = c.u16()?;
    let flags = c.u16()?;
    let method = c.u16()?;
    let _time = c.u16()?;
    let _date = c.u16()?;
    let crc32 = c.u32()?;
    let mut compressed_size = u64::from(c.u32()?);
    let mut uncompressed_size = u64::from(c.u32()?);
    let name_len = usize::from(c.u16()?);
    let extra_len = usize::from(c.u16()?);
    let comment_len = usize::from(c.u16()?);
    let _disk = c.u16()?;
    let _internal = c.u16()?;
    let _external = c.u32()?;
    let mut offset = u64::from(c.u32()?);
    let raw_name = c.take(name_len)?.to_vec();
    let mut extra = Cursor::new(c.take(extra_len)?, 0);
    c.take(comment_len)?;
    while extra.buf.len() - extra.pos >= 4 {
        let id = extra.u16()?;
        let len = usize::from(extra.u16()?);
        let Ok(body) = extra.take(len) else { break };
        if id == 0x0001 {
            let mut z = Cursor::new(body, 0);
            if uncompressed_size == 0xFFFF_FFFF {
                uncompressed_size = z.u64()?;
            }
            if compressed_size == 0xFFFF_FFFF {
                compressed_size = z.u64()?;
            }
            if offset == 0xFFFF_FFFF {
                offset = z.u64()?;
            }
        }
    }
    let name = String::from_utf8_lossy(&raw_name).into_owned();
    Ok(Entry {
        raw_name,
        name,
        flags,
        method,
        crc32,
        compressed_size,
        uncompressed_size,
        data_offset: offset.saturating_add(shift),
    })
}

/// Reject names that could escape a folder when unpacked.
fn check_names(e: &Entry) -> Result<()> {
    let name = &e.name;
    let bad = |reason| {
        Err(Error::UnsafeName {
            name: name.clone(),
            reason,
        })
    };
    if e.raw_name.contains(&0) {
        return bad("contains a NUL byte");
    }
    if name.is_empty() {
        return bad("is empty");
    }
    if name.contains('\\') {
        return bad("contains a backslash");
    }
    if name.starts_with('/') {
        return bad("is an absolute path");
    }
    let b = name.as_bytes();
    if b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic() {
        return bad("starts with a drive letter");
    }
    if name.split('/').any(|seg| seg == ".." || seg == ".") {
        return bad("has a '.' or '..' segment");
    }
    Ok(())
}

fn local_data_offset(data: &[u8], header: u64, name: &str) -> Result<u64> {
    let mut c = Cursor::new(data, usize_of(header, "local header offset")?);
    if c.u32().ok() != Some(LOCAL_SIG) {
        return Err(Error::CorruptZip(format!(
            "local header of {name:?} is missing"
        )));
    }
    c.take(22)?;
    let n = u64::from(c.u16()?);
    let e = u64::from(c.u16()?);
    Ok(header + 30 + n + e)
}

/// Inflate one entry, never producing more than its declared size.
pub(crate) fn inflate(data: &[u8], e: &Entry) -> Result<Vec<u8>> {
    if e.flags & 1 != 0 {
        return Err(Error::Unsupported {
            name: e.name.clone(),
            what: "zip encryption".into(),
        });
    }
    // Parse guarantees the range lies inside `data`.
    let start = usize_of(e.data_offset, "data offset")?;
    let raw = &data[start..start + usize_of(e.compressed_size, "compressed size")?];
    let declared = e.uncompressed_size;
    // The declared size has passed the size and ratio limits (`parse`): room
    // for all of it at once, so a big part is never copied while it grows.
    // That room is only address space on 64-bit hosts; elsewhere (wasm32) it
    // would be memory a lying header could claim, so it starts smaller.
    let room = if cfg!(target_pointer_width = "64") {
        declared
    } else {
        declared.min(64 << 20)
    };
    let cap = usize_of(room, "size")?;
    let mut out = Vec::with_capacity(cap);
    match e.method {
        METHOD_STORED => {
            if e.compressed_size != declared {
                return Err(Error::SizeMismatch {
                    name: e.name.clone(),
                    declared,
                    actual: format!("stores {} bytes", e.compressed_size),
                });
            }
            out.extend_from_slice(raw);
        }
        METHOD_DEFLATE => {
            flate2::read::DeflateDecoder::new(raw)
                .take(declared + 1)
                .read_to_end(&mut out)
                .map_err(|err| {
                    Error::CorruptZip(format!("{:?} does not inflate: {err}", e.name))
                })?;
            if out.len() as u64 != declared {
                let actual = if out.len() as u64 > declared {
                    "inflates to more".to_owned()
                } else {
                    format!("inflates to {} bytes", out.len())
                };
                return Err(Error::SizeMismatch {
                    name: e.name.clone(),
                    declared,
                    actual,
                });
            }
        }
        m => {
            return Err(Error::Unsupported {
                name: e.name.clone(),
                what: format!("compression method {m}"),
            });
        }
    }
    if crc32fast::hash(&out) != e.crc32 {
        return Err(Error::CrcMismatch(e.name.clone()));
    }
    Ok(out)
}
