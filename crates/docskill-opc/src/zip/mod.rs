//! A small, strict zip layer: just what OPC packages need.
//!
//! Reading parses the end-of-central-directory record first and checks the
//! entry count and directory size against [`crate::Limits`] before walking the
//! directory, so an entry flood is refused without allocating for it. Parts are
//! inflated only on request, through a reader bounded by their declared size.
//! Writing is deterministic: fixed timestamps, no extra fields, no comments,
//! and untouched entries are copied with their original compressed bytes.
//!
//! We do not use the `zip` crate here: its archive type walks the whole
//! central directory before a caller can apply limits, it accepts names that
//! differ only in case, and raw copies keep the source's timestamps. All three
//! matter for OPC, and the format subset OOXML uses is small.

pub(crate) mod read;
mod write;

pub(crate) use read::{Archive, Entry};
pub(crate) use write::Writer;

pub(crate) const LOCAL_SIG: u32 = 0x0403_4b50;
pub(crate) const CENTRAL_SIG: u32 = 0x0201_4b50;
pub(crate) const EOCD_SIG: u32 = 0x0605_4b50;
pub(crate) const EOCD64_SIG: u32 = 0x0606_4b50;
pub(crate) const EOCD64_LOCATOR_SIG: u32 = 0x0706_4b50;

/// Compression method: stored.
pub const METHOD_STORED: u16 = 0;
/// Compression method: deflate.
pub const METHOD_DEFLATE: u16 = 8;
