//! PDF for docskill: open (decrypt, repair, bound), document info, text with
//! positions, reading-order text and tables (ruled and whitespace).
//!
//! ```
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf/hello.pdf")).unwrap();
//! let doc = docskill_pdf::open(&bytes, &Default::default()).unwrap();
//! let pages = docskill_pdf::PageRange::parse("1").unwrap().resolve(doc.page_count()).unwrap();
//! assert_eq!(pages, vec![1]);
//! let text = docskill_pdf::page_texts(&doc, &Default::default()).unwrap();
//! assert_eq!(text[0].words[0].text, "Hello,");
//! ```
//!
//! Bytes in, data out: no file system, clock or threads. Built on `lopdf`
//! for the object layer; the content-stream interpreter, fonts and layout
//! analysis are our own.

#![forbid(unsafe_code)]
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap,
    clippy::many_single_char_names,
    clippy::similar_names,
    clippy::float_cmp,
    clippy::doc_markdown,
    clippy::too_many_lines,
    clippy::struct_excessive_bools,
    clippy::single_match_else,
    clippy::match_same_arms,
    clippy::manual_is_multiple_of,
    clippy::struct_field_names,
    clippy::semicolon_if_nothing_returned,
    clippy::format_push_string,
    clippy::collapsible_match,
    reason = "page geometry is f64 points within bounded ranges; short names follow the PDF spec's operators"
)]

pub mod acroform;
pub mod annotate;
mod content;
mod document;
mod error;
mod font;
mod info;
mod limits;
mod page_range;
pub mod pages;
mod table;
mod text;
mod write;

pub use content::{PageContent, PathRect, Segment, TextChar};
pub use document::{Document, OpenOptions, Page, open};
pub use error::{PdfError, Result};
pub use info::{FontInfo, Info, PageInfo, info};
pub use limits::Limits;
pub use lopdf;
pub use page_range::PageRange;
pub use table::{
    PageTables, Table, TableCell, TableOptions, TableStrategy, extract_tables, page_tables,
    tables_csv, tables_markdown,
};
pub use text::{PageText, TextMode, TextOptions, Word, extract_text, join_pages, page_texts};

/// Interprets one page's content: positioned characters, ruling segments,
/// rectangles and image count. `number` is 1-based.
///
/// # Errors
/// [`PdfError::PageRange`] when there is no such page;
/// [`PdfError::LimitExceeded`] when the page runs past the operator limit.
pub fn page_content(doc: &Document, number: u32) -> Result<PageContent> {
    let page = doc.page(number)?;
    content::interpret_page(doc, page, &mut content::FontCache::default())
}
pub use write::save;
