//! Deterministic zip writing.

use std::io::Write;

use super::{CENTRAL_SIG, EOCD_SIG, LOCAL_SIG, METHOD_DEFLATE, METHOD_STORED};
use crate::{Error, Result};

/// DOS date of 1980-01-01, the earliest a zip can hold: every entry gets it.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// Bit 11: the name is UTF-8.
const FLAG_UTF8: u16 = 1 << 11;

/// Compression level for parts we write. Level 3 deflates a 700 KB
/// `document.xml` in 3.6 ms against 13.7 ms at level 6, for a part 17%
/// larger; untouched parts keep their original compressed bytes anyway.
const LEVEL: u32 = 3;

/// Compress `data` with deflate at a fixed level (deterministic output).
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(data.len() / 4 + 64),
        flate2::Compression::new(LEVEL),
    );
    // Writing into a Vec cannot fail.
    enc.write_all(data).expect("write to Vec");
    enc.finish().expect("finish into Vec")
}

struct Central {
    name: Vec<u8>,
    flags: u16,
    method: u16,
    crc32: u32,
    compressed: u32,
    uncompressed: u32,
    offset: u32,
}

/// Writes entries one after another, then the central directory.
pub(crate) struct Writer<W: Write> {
    out: W,
    pos: u64,
    central: Vec<Central>,
}

fn fit32(v: u64, what: &str) -> Result<u32> {
    u32::try_from(v).map_err(|_| Error::TooLargeToWrite(format!("{what} of {v} bytes needs ZIP64")))
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Self {
        Self {
            out,
            pos: 0,
            central: Vec::new(),
        }
    }

    /// Add a new entry from uncompressed bytes.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<()> {
        let crc = crc32fast::hash(data);
        if data.is_empty() {
            return self.add_raw(name.as_bytes(), METHOD_STORED, crc, data, 0);
        }
        let packed = deflate(data);
        self.add_raw(
            name.as_bytes(),
            METHOD_DEFLATE,
            crc,
            &packed,
            data.len() as u64,
        )
    }

    /// Add an entry whose compressed bytes are already known (a raw copy).
    pub fn add_raw(
        &mut self,
        name: &[u8],
        method: u16,
        crc32: u32,
        compressed: &[u8],
        uncompressed_size: u64,
    ) -> Result<()> {
        let flags = if name.is_ascii() { 0 } else { FLAG_UTF8 };
        let c = Central {
            name: name.to_vec(),
            flags,
            method,
            crc32,
            compressed: fit32(compressed.len() as u64, "an entry")?,
            uncompressed: fit32(uncompressed_size, "an entry")?,
            offset: fit32(self.pos, "the archive")?,
        };
        let name_len = u16::try_from(name.len())
            .map_err(|_| Error::TooLargeToWrite("an entry name over 65,535 bytes".into()))?;
        let mut h = Vec::with_capacity(30 + name.len());
        h.extend_from_slice(&LOCAL_SIG.to_le_bytes());
        h.extend_from_slice(&20u16.to_le_bytes());
        h.extend_from_slice(&flags.to_le_bytes());
        h.extend_from_slice(&method.to_le_bytes());
        h.extend_from_slice(&DOS_TIME.to_le_bytes());
        h.extend_from_slice(&DOS_DATE.to_le_bytes());
        h.extend_from_slice(&crc32.to_le_bytes());
        h.extend_from_slice(&c.compressed.to_le_bytes());
        h.extend_from_slice(&c.uncompressed.to_le_bytes());
        h.extend_from_slice(&name_len.to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        h.extend_from_slice(name);
        self.out.write_all(&h)?;
        self.out.write_all(compressed)?;
        self.pos += (h.len() + compressed.len()) as u64;
        self.central.push(c);
        Ok(())
    }

    /// Write the central directory and end record; return the inner writer.
    pub fn finish(mut self) -> Result<W> {
        let count = u16::try_from(self.central.len())
            .map_err(|_| Error::TooLargeToWrite("more than 65,535 entries".into()))?;
        let cd_start = fit32(self.pos, "the archive")?;
        let mut cd = Vec::new();
        for c in &self.central {
            cd.extend_from_slice(&CENTRAL_SIG.to_le_bytes());
            cd.extend_from_slice(&20u16.to_le_bytes()); // made by: MS-DOS, 2.0
            cd.extend_from_slice(&20u16.to_le_bytes());
            cd.extend_from_slice(&c.flags.to_le_bytes());
            cd.extend_from_slice(&c.method.to_le_bytes());
            cd.extend_from_slice(&DOS_TIME.to_le_bytes());
            cd.extend_from_slice(&DOS_DATE.to_le_bytes());
            cd.extend_from_slice(&c.crc32.to_le_bytes());
            cd.extend_from_slice(&c.compressed.to_le_bytes());
            cd.extend_from_slice(&c.uncompressed.to_le_bytes());
            #[expect(clippy::cast_possible_truncation, reason = "checked in add_raw")]
            cd.extend_from_slice(&(c.name.len() as u16).to_le_bytes());
            cd.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
            cd.extend_from_slice(&c.offset.to_le_bytes());
            cd.extend_from_slice(&c.name);
        }
        let cd_size = fit32(cd.len() as u64, "the central directory")?;
        cd.extend_from_slice(&EOCD_SIG.to_le_bytes());
        cd.extend_from_slice(&[0; 4]);
        cd.extend_from_slice(&count.to_le_bytes());
        cd.extend_from_slice(&count.to_le_bytes());
        cd.extend_from_slice(&cd_size.to_le_bytes());
        cd.extend_from_slice(&cd_start.to_le_bytes());
        cd.extend_from_slice(&0u16.to_le_bytes());
        self.out.write_all(&cd)?;
        self.out.flush()?;
        Ok(self.out)
    }
}
