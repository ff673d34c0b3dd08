//! PDF for docskill: open (decrypt, repair, bound), document info, text with
//! positions, reading-order text and tables.
//!
//! ```
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf/hello.pdf")).unwrap();
//! let doc = docskill_pdf::open(&bytes, &Default::default()).unwrap();
//! let pages = docskill_pdf::PageRange::parse("1").unwrap().resolve(doc.page_count()).unwrap();
//! assert_eq!(pages, vec![1]);
//! ```
//!
//! Bytes in, data out: no file system, clock or threads. Built on `lopdf`
//! for the object layer; the content-stream interpreter, fonts and layout
//! analysis are our own.

#![forbid(unsafe_code)]

pub mod acroform;
mod document;
mod error;
mod limits;
mod page_range;
pub mod pages;
mod write;

pub use document::{Document, OpenOptions, Page, open};
pub use error::{PdfError, Result};
pub use limits::Limits;
pub use lopdf;
pub use page_range::PageRange;
pub use write::save;
