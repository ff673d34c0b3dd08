//! Content-stream interpretation: positioned characters, ruling lines and
//! rectangles, image counts, for one page.

mod interp;
pub(crate) mod matrix;

use serde::Serialize;

pub(crate) use interp::{FontCache, interpret_page};

/// A character drawn on a page, in display coordinates: points from the
/// top-left corner of the visible page (after `/Rotate`), y down.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextChar {
    /// The Unicode text (one character, a ligature, or an `ActualText`
    /// replacement); U+FFFD when the font gives no mapping.
    pub text: String,
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub bottom: f64,
    /// Font name (subset prefix removed).
    pub font: String,
    /// Size in points as drawn (font size times the text and page scaling).
    pub size: f64,
    /// Fill colour as `#rrggbb`.
    pub color: String,
    /// Rotation of the baseline in degrees, counter-clockwise from
    /// left-to-right horizontal (0, 90, 180, 270, or other).
    #[serde(skip_serializing_if = "is_zero")]
    pub rotation: u16,
    /// The font could not map this character to Unicode.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unmapped: bool,
    /// Drawn with text rendering mode 3 (invisible, as OCR layers are).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub invisible: bool,
    /// Baseline origin, x.
    #[serde(skip)]
    pub(crate) ox: f64,
    /// Baseline origin, y.
    #[serde(skip)]
    pub(crate) oy: f64,
    /// Vertical writing.
    #[serde(skip)]
    pub(crate) vertical: bool,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if signature"
)]
fn is_zero(v: &u16) -> bool {
    *v == 0
}

/// A straight stroked line or a rectangle edge, in display coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Segment {
    /// Start x.
    pub x0: f64,
    /// Start y.
    pub y0: f64,
    /// End x.
    pub x1: f64,
    /// End y.
    pub y1: f64,
}

/// A painted rectangle (`re`), in display coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PathRect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub top: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub bottom: f64,
    /// Stroked.
    pub stroke: bool,
    /// Filled.
    pub fill: bool,
}

/// Everything read from one page's content.
#[derive(Debug, Clone, Default)]
pub struct PageContent {
    /// Characters in content-stream order.
    pub chars: Vec<TextChar>,
    /// Stroked straight segments (not rectangle edges).
    pub segments: Vec<Segment>,
    /// Painted rectangles.
    pub rects: Vec<PathRect>,
    /// Images drawn (XObjects and inline).
    pub images: usize,
    /// Page width as displayed.
    pub width: f64,
    /// Page height as displayed.
    pub height: f64,
    /// Problems met (unreadable stream, limit reached) that did not stop the page.
    pub warnings: Vec<String>,
}
