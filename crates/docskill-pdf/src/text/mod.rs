//! Text extraction: positioned characters and words, reading-order text,
//! visual layout text and Markdown.

pub(crate) mod layout;
mod render;

use serde::Serialize;

use crate::content::{FontCache, TextChar, interpret_page};
use crate::document::{Document, OpenOptions, open};
use crate::error::Result;
use crate::page_range::PageRange;
pub(crate) use layout::LayoutParams;
use layout::{layout, page_lines};

/// How text is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TextMode {
    /// Reading order: columns one after the other, hyphenated line ends joined.
    #[default]
    Reading,
    /// The visual arrangement, with spaces (like `pdftotext -layout`).
    Layout,
    /// Markdown: paragraphs, headings by font size, bullets.
    Markdown,
}

/// What to extract.
#[derive(Debug, Clone, Default)]
pub struct TextOptions {
    /// Pages (default all).
    pub pages: PageRange,
    /// How the `text` of each page is laid out.
    pub mode: TextMode,
    /// Keep every character in [`PageText::chars`] (large).
    pub chars: bool,
}

/// A word with its box in display coordinates (points from the top-left of
/// the visible page, y down).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Word {
    /// The text (ligatures expanded).
    pub text: String,
    /// Left.
    pub x0: f64,
    /// Top.
    pub top: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub bottom: f64,
    /// Font of the first character.
    pub font: String,
    /// Size in points.
    pub size: f64,
    /// Fill colour of the first character, `#rrggbb`.
    pub color: String,
    /// Baseline rotation in degrees counter-clockwise (0 = normal).
    #[serde(skip_serializing_if = "is_zero")]
    pub rotation: u16,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if signature"
)]
fn is_zero(v: &u16) -> bool {
    *v == 0
}

/// The text of one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageText {
    /// Page number, from 1.
    pub page: u32,
    /// Width as displayed, in points.
    pub width: f64,
    /// Height as displayed, in points.
    pub height: f64,
    /// `/Rotate` of the page.
    pub rotate: u16,
    /// The text, laid out as asked.
    pub text: String,
    /// Words in reading order.
    pub words: Vec<Word>,
    /// Characters in drawing order (only when asked for).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chars: Vec<TextChar>,
    /// Characters the fonts could not map to Unicode (shown as U+FFFD).
    pub unmapped_chars: usize,
    /// Problems that did not stop the page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Reads the text of the pages of an opened document.
///
/// # Errors
/// [`crate::PdfError::PageRange`] for pages the document lacks;
/// [`crate::PdfError::LimitExceeded`] when a page runs past the operator limit.
pub fn page_texts(doc: &Document, options: &TextOptions) -> Result<Vec<PageText>> {
    let numbers = options.pages.resolve(doc.page_count())?;
    let mut fonts = FontCache::default();
    let params = LayoutParams::default();
    let mut out = Vec::with_capacity(numbers.len());
    for n in numbers {
        let page = doc.page(n)?;
        let content = interpret_page(doc, page, &mut fonts)?;
        let regions = layout(&content.chars, &params);
        let words = render::words(&content.chars, &regions);
        let text = match options.mode {
            TextMode::Reading => render::reading(&regions),
            TextMode::Markdown => render::markdown(&regions),
            TextMode::Layout => render::visual(&page_lines(&content.chars, &params)),
        };
        let unmapped_chars = content.chars.iter().filter(|c| c.unmapped).count();
        out.push(PageText {
            page: n,
            width: content.width,
            height: content.height,
            rotate: page.rotate,
            text,
            words,
            chars: if options.chars {
                content.chars
            } else {
                Vec::new()
            },
            unmapped_chars,
            warnings: content.warnings,
        });
    }
    Ok(out)
}

/// The text of a PDF as one string, pages separated by form feeds.
///
/// ```
/// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf/hello.pdf")).unwrap();
/// let text = docskill_pdf::extract_text(&bytes, &Default::default()).unwrap();
/// assert_eq!(text.trim(), "Hello, world!");
/// ```
///
/// # Errors
/// As [`open`] and [`page_texts`].
pub fn extract_text(bytes: &[u8], options: &TextOptions) -> Result<String> {
    let doc = open(bytes, &OpenOptions::default())?;
    let pages = page_texts(&doc, options)?;
    Ok(join_pages(&pages))
}

/// Page texts joined with form feeds (`\f`), as `pdftotext` does.
pub fn join_pages(pages: &[PageText]) -> String {
    let mut out = String::new();
    for p in pages {
        out.push_str(&p.text);
        if !p.text.is_empty() && !p.text.ends_with('\n') {
            out.push('\n');
        }
        out.push('\u{c}');
    }
    out
}
