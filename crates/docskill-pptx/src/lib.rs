//! PresentationML (`.pptx`, `.potx`): an inventory of what a deck holds with
//! effective formatting and layout warnings, text replacement that keeps the
//! template's look, and slide assembly (keep, reorder, duplicate, add from a
//! layout) that leaves a consistent package.
//!
//! ```
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pptx/basic.pptx")).unwrap();
//! let deck = docskill_pptx::Pptx::open(bytes, &Default::default()).unwrap();
//! let inv = deck.inventory().unwrap();
//! assert_eq!(inv.slides[0].shapes[0].paragraphs[0].text, "Quarterly review");
//! ```
//!
//! Bytes in, bytes out: no file system, clock or threads. Parts an operation
//! does not touch are carried through byte for byte by `docskill-opc`;
//! inside changed parts, unknown XML is kept.

#![forbid(unsafe_code)]

mod assemble;
pub mod build;
mod deck;
mod error;
mod inventory;
pub mod metrics;
mod model;
mod parts;
mod replace;
mod sources;
pub mod style;
mod text;

pub use assemble::{AssembleReport, LayoutChoice};
pub use deck::Pptx;
pub use error::{Error, Result};
pub use model::{
    Inventory, Issue, LayoutInfo, ParagraphInfo, Placeholder, Rect, ShapeInfo, Size, SlideInfo,
    Warning,
};
pub use replace::{Bullet, NewParagraph, ReplaceReport, Replacements, ShapeContent};
pub use sources::SlideSources;
pub use text::{Block, SlideText, TextParagraph, markdown, slide_texts};

/// Inches from points.
pub(crate) fn inches_of_pt(pt: f64) -> f64 {
    pt / 72.0
}
