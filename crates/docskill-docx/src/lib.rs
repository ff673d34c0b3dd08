//! WordprocessingML (`.docx`): text views in which every paragraph has a
//! stable address, and edits recorded as native tracked changes (`w:ins`,
//! `w:del`) that a reviewer accepts or rejects in Word.
//!
//! ```
//! use docskill_docx::{Docx, Edit, Revision, ChangeView};
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/opc/minimal.docx")).unwrap();
//! let mut doc = Docx::open(bytes, &Default::default()).unwrap();
//! let who = Revision { author: "Reviewer".into(), date: None };
//! doc.apply(&[Edit::replace("30 days", "60 days")], &who).unwrap();
//! let out = Docx::open(doc.to_bytes().unwrap(), &Default::default()).unwrap();
//! let p = &out.paragraphs(ChangeView::Accept)[1];
//! assert_eq!(p.text, "The supplier delivers within 60 days of the order.");
//! assert_eq!(out.paragraphs(ChangeView::Reject)[1].text, "The supplier delivers within 30 days of the order.");
//! ```
//!
//! Bytes in, bytes out: no file system, clock or threads. Parts an edit does
//! not touch are carried through byte for byte by `docskill-opc`.

#![forbid(unsafe_code)]

mod check;
mod comments;
pub mod create;
mod document;
mod edit;
mod error;
mod markdown;
mod revisions;
mod settings;
mod text;

pub use check::Problem;
pub use comments::{Comment, CommentTarget};
pub use document::{Docx, Paragraph};
pub use edit::{Edit, Occurrence, Revision};
pub use error::{Error, Result};
pub use revisions::{Change, Selection};
pub use text::{ChangeView, RunFormat, RunSpan};

/// The WordprocessingML main namespace (transitional).
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
