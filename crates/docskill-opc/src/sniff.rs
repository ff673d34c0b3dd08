//! Name what a file is when it is not a zip package.

use crate::{Error, ForeignFormat};

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Classify an OLE compound file by the stream names in its directory.
///
/// Directory entries store names as UTF-16LE, so a byte search finds them
/// without walking the sector chains.
fn classify_ole(data: &[u8]) -> ForeignFormat {
    let has = |name: &str| contains(data, &utf16(name));
    if has("EncryptedPackage") {
        ForeignFormat::EncryptedOffice
    } else if has("WordDocument") {
        ForeignFormat::LegacyDoc
    } else if has("Workbook") || has("Book") {
        ForeignFormat::LegacyXls
    } else if has("PowerPoint Document") {
        ForeignFormat::LegacyPpt
    } else {
        ForeignFormat::OleCompound
    }
}

/// The error for bytes without a zip end record.
pub(crate) fn foreign_or_truncated(data: &[u8]) -> Error {
    if data.is_empty() {
        return Error::NotZip(ForeignFormat::Empty);
    }
    if data.starts_with(&OLE_MAGIC) {
        return Error::NotZip(classify_ole(data));
    }
    if data.starts_with(b"PK\x03\x04") || data.starts_with(b"PK\x05\x06") {
        return Error::CorruptZip(
            "truncated: the end of central directory record is missing".into(),
        );
    }
    if data.starts_with(b"%PDF") {
        return Error::NotZip(ForeignFormat::Pdf);
    }
    Error::NotZip(ForeignFormat::Unknown)
}

/// Say what `data` is, if it is not a zip archive: `None` for a zip.
pub fn foreign_format(data: &[u8]) -> Option<ForeignFormat> {
    match crate::zip::Archive::parse(data, &crate::Limits::default()) {
        Err(Error::NotZip(f)) => Some(f),
        _ => None,
    }
}
