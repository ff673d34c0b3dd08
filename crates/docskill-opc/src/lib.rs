//! OPC (Open Packaging Conventions) packages, the zip container of every
//! `.docx`, `.xlsx` and `.pptx`: safe reading, deterministic writing, parts,
//! relationships, content types, and the XML helpers the format crates share.
//!
//! ```
//! use docskill_opc::{Package, Limits};
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/opc/minimal.docx")).unwrap();
//! let pkg = Package::open(bytes, &Limits::default()).unwrap();
//! let rels = pkg.relationships("/").unwrap();
//! let main = rels.items.iter().find(|r| r.rel_type.ends_with("/officeDocument")).unwrap();
//! assert_eq!(docskill_opc::resolve_target("/", &main.target).as_deref(), Some("/word/document.xml"));
//! ```
//!
//! Everything takes bytes or readers and returns bytes, writers or plain
//! data: no file system, no clock, no threads. Hostile archives (path
//! traversal, zip bombs, entry floods, entity expansion) are refused with a
//! typed [`Error`] before work is spent on them.

#![forbid(unsafe_code)]

mod check;
mod content_types;
pub mod deflate;
mod error;
mod image;
mod limits;
mod package;
mod partname;
pub mod pool;
mod rels;
mod sniff;
pub mod xml;
mod zip;

#[cfg(test)]
mod tests;

pub use check::{Finding, check};
pub use content_types::{CONTENT_TYPES, ContentTypes};
pub use error::{Error, ForeignFormat, Result};
pub use image::image_info;
pub use limits::Limits;
pub use package::{Package, PartInfo};
pub use partname::{part_name, rels_part_for, resolve_target, source_of_rels};
pub use rels::{RELS_CONTENT_TYPE, Relationship, Relationships};
pub use sniff::foreign_format;
