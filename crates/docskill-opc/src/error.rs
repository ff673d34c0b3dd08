//! The one error type of this crate.

use std::fmt;

/// What kind of file this is, when it is not an OOXML zip package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ForeignFormat {
    /// A password-protected Office file: an OLE compound file holding `EncryptedPackage`.
    EncryptedOffice,
    /// A legacy binary Word document (`.doc`).
    LegacyDoc,
    /// A legacy binary Excel workbook (`.xls`).
    LegacyXls,
    /// A legacy binary `PowerPoint` presentation (`.ppt`).
    LegacyPpt,
    /// Some other OLE compound file.
    OleCompound,
    /// A PDF file.
    Pdf,
    /// An empty file.
    Empty,
    /// Bytes that are no zip archive at all.
    Unknown,
}

impl fmt::Display for ForeignFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::EncryptedOffice => {
                "a password-encrypted Office file (OLE compound file with EncryptedPackage)"
            }
            Self::LegacyDoc => "a legacy binary Word document (.doc)",
            Self::LegacyXls => "a legacy binary Excel workbook (.xls)",
            Self::LegacyPpt => "a legacy binary PowerPoint presentation (.ppt)",
            Self::OleCompound => "an OLE compound file of a kind we do not recognise",
            Self::Pdf => "a PDF file",
            Self::Empty => "an empty file",
            Self::Unknown => "neither a zip archive nor a known document format",
        })
    }
}

/// Everything that can go wrong while reading, changing or writing a package.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not an OOXML zip package at all.
    #[error("not an OOXML package: {0}")]
    NotZip(ForeignFormat),
    /// The zip archive is cut short or its directory is damaged.
    #[error("corrupt zip archive: {0}")]
    CorruptZip(String),
    /// An entry name could be used to escape a folder or is otherwise unsafe.
    #[error("unsafe entry name {name:?}: {reason}")]
    UnsafeName {
        /// The entry name as stored.
        name: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// Two entries whose names are equal when compared case-insensitively.
    #[error("duplicate part name {0:?} (OPC part names compare case-insensitively)")]
    DuplicateName(String),
    /// A configured limit was exceeded.
    #[error("limit exceeded: {what} is {actual}, the limit is {limit}")]
    LimitExceeded {
        /// Which limit (the field name of [`crate::Limits`]).
        what: &'static str,
        /// The value found.
        actual: u64,
        /// The limit in force.
        limit: u64,
    },
    /// An entry inflates to a different size than its header declares.
    #[error("part {name:?} declares {declared} bytes but {actual}")]
    SizeMismatch {
        /// The part.
        name: String,
        /// Declared uncompressed size.
        declared: u64,
        /// What actually came out ("inflates to more", "inflates to 12 bytes").
        actual: String,
    },
    /// The CRC-32 of an entry does not match its header.
    #[error("part {0:?} fails its CRC-32 check")]
    CrcMismatch(String),
    /// An entry uses a compression method or zip encryption this crate does not read.
    #[error("part {name:?} uses {what}, which is not supported")]
    Unsupported {
        /// The part.
        name: String,
        /// The unsupported feature.
        what: String,
    },
    /// The zip has no `[Content_Types].xml`, so it is no OPC package.
    #[error("not an OPC package: [Content_Types].xml is missing")]
    MissingContentTypes,
    /// No part with this name.
    #[error("no part named {0:?}")]
    PartNotFound(String),
    /// A part with this name already exists.
    #[error("a part named {0:?} already exists")]
    PartExists(String),
    /// A part name that does not follow OPC rules.
    #[error("invalid part name {name:?}: {reason}")]
    InvalidPartName {
        /// The name given.
        name: String,
        /// Why it is invalid.
        reason: &'static str,
    },
    /// XML that cannot be parsed.
    #[error("malformed XML in {part}: {message}")]
    Xml {
        /// The part (or "input").
        part: String,
        /// The parser's message, with the byte position.
        message: String,
    },
    /// XML that declares entities in a DTD (refused: no entity expansion, ever).
    #[error("XML in {0} declares entities in a DTD; refused (entity expansion is never performed)")]
    XmlEntities(String),
    /// The package would not fit in a zip without ZIP64 extensions.
    #[error("package too large to write: {0}")]
    TooLargeToWrite(String),
    /// An I/O error from a reader or writer handed in by the caller.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

/// Result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn xml(part: &str, err: impl fmt::Display, pos: u64) -> Self {
        Error::Xml {
            part: part.to_owned(),
            message: format!("{err} (at byte {pos})"),
        }
    }
}
