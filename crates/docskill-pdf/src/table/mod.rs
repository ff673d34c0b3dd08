//! Tables: ruled (lattice) tables from the lines and rectangles a page
//! draws, and whitespace (stream) tables from text that lines up in
//! columns; cells with boxes, spans and text.
//!
//! ```
//! let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf/table-ruled-merged.pdf")).unwrap();
//! let tables = docskill_pdf::extract_tables(&bytes, &Default::default()).unwrap();
//! assert_eq!(tables[0].rows[0][0].text, "Region");
//! ```

mod cells;
mod edges;
mod lattice;
mod render;
mod stream;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::content::{FontCache, PageContent, interpret_page};
use crate::document::{Document, OpenOptions, open};
use crate::error::Result;
use crate::page_range::PageRange;
use crate::text::LayoutParams;
use crate::text::layout::{duplicates, lines_in, rotation_group};
pub use render::{tables_csv, tables_markdown};

/// How tables are found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableStrategy {
    /// Ruled tables where the page's lines and rectangles cross into a
    /// grid; whitespace tables in the text outside them.
    #[default]
    Auto,
    /// Only ruled (lattice) tables.
    Lines,
    /// Only whitespace (stream) tables, rulings ignored.
    Text,
}

/// What to look for, and the tolerances used. All distances in points.
#[derive(Debug, Clone)]
pub struct TableOptions {
    /// Pages (default all).
    pub pages: PageRange,
    /// Lattice, stream or both (default [`TableStrategy::Auto`]).
    pub strategy: TableStrategy,
    /// Rulings whose positions differ by at most this are moved onto one
    /// line. Default 3.
    pub snap_tolerance: f64,
    /// Rulings on one line with gaps up to this are joined. Default 3.
    pub join_tolerance: f64,
    /// A horizontal and a vertical ruling cross when they come within this
    /// of each other; also the slack when checking that a cell side is
    /// ruled. Default 3.
    pub intersection_tolerance: f64,
    /// Shorter rulings are ignored. Default 3.
    pub min_edge_length: f64,
    /// Whitespace tables: fewest rows (text lines). Default 3.
    pub min_rows: usize,
    /// Whitespace tables: least gap between columns, in font sizes. Default 1.
    pub column_gap: f64,
    /// Whitespace tables: largest gap between rows, in line heights. Default 2.5.
    pub row_gap: f64,
}

impl Default for TableOptions {
    fn default() -> Self {
        Self {
            pages: PageRange::all(),
            strategy: TableStrategy::Auto,
            snap_tolerance: 3.0,
            join_tolerance: 3.0,
            intersection_tolerance: 3.0,
            min_edge_length: 3.0,
            min_rows: 3,
            column_gap: 1.0,
            row_gap: 2.5,
        }
    }
}

/// A cell: where it starts in the table's grid, how many rows and columns
/// it spans, its box and its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableCell {
    /// Row index, from 0.
    pub row: usize,
    /// Column index, from 0.
    pub col: usize,
    /// Rows covered (more than 1 for a vertically merged cell).
    pub row_span: usize,
    /// Columns covered (more than 1 for a horizontally merged cell).
    pub col_span: usize,
    /// `[x0, top, x1, bottom]` in display coordinates (points from the
    /// top-left of the visible page, y down).
    pub bbox: [f64; 4],
    /// The text: words joined by spaces, lines by `\n`, in reading order.
    pub text: String,
}

/// A table found on one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Page number, from 1.
    pub page: u32,
    /// `[x0, top, x1, bottom]` in display coordinates.
    pub bbox: [f64; 4],
    /// How it was found: `lines` (ruled) or `text` (whitespace).
    pub strategy: TableStrategy,
    /// Rows of the grid.
    pub n_rows: usize,
    /// Columns of the grid.
    pub n_cols: usize,
    /// Cells by the row they start in, left to right. A position covered
    /// by a merged cell holds no entry of its own.
    pub rows: Vec<Vec<TableCell>>,
}

impl Table {
    /// The table as a full grid of texts, `n_rows` by `n_cols`; a merged
    /// cell's text sits at its top-left position, the rest of its area is
    /// empty.
    pub fn grid(&self) -> Vec<Vec<String>> {
        let mut g = vec![vec![String::new(); self.n_cols]; self.n_rows];
        for c in self.rows.iter().flatten() {
            if let Some(slot) = g.get_mut(c.row).and_then(|r| r.get_mut(c.col)) {
                slot.clone_from(&c.text);
            }
        }
        g
    }
}

/// The tables of one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageTables {
    /// Page number, from 1.
    pub page: u32,
    /// Tables, top to bottom.
    pub tables: Vec<Table>,
    /// Problems that did not stop the page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn bbox(x0: f64, top: f64, x1: f64, bottom: f64) -> [f64; 4] {
    [round2(x0), round2(top), round2(x1), round2(bottom)]
}

/// A tolerance as given, or its default when not a finite non-negative number.
fn sane(v: f64, default: f64) -> f64 {
    if v.is_finite() && v >= 0.0 {
        v
    } else {
        default
    }
}

/// Finds the tables of the pages of an opened document.
///
/// # Errors
/// [`crate::PdfError::PageRange`] for pages the document lacks;
/// [`crate::PdfError::LimitExceeded`] when a page runs past the operator limit.
pub fn page_tables(doc: &Document, options: &TableOptions) -> Result<Vec<PageTables>> {
    let numbers = options.pages.resolve(doc.page_count())?;
    let mut fonts = FontCache::default();
    let mut out = Vec::with_capacity(numbers.len());
    for n in numbers {
        let page = doc.page(n)?;
        let content = interpret_page(doc, page, &mut fonts)?;
        out.push(tables_of(n, content, options));
    }
    Ok(out)
}

/// The tables of a PDF, all pages asked for, one after another.
///
/// # Errors
/// As [`open`] and [`page_tables`].
pub fn extract_tables(bytes: &[u8], options: &TableOptions) -> Result<Vec<Table>> {
    let doc = open(bytes, &OpenOptions::default())?;
    Ok(page_tables(&doc, options)?
        .into_iter()
        .flat_map(|p| p.tables)
        .collect())
}

fn tables_of(page: u32, mut content: PageContent, options: &TableOptions) -> PageTables {
    let d = TableOptions::default();
    let mut warnings = std::mem::take(&mut content.warnings);
    let dup = duplicates(&content.chars);
    let mut tables = Vec::new();
    if options.strategy != TableStrategy::Text {
        let mut e = edges::collect(&content, sane(options.min_edge_length, d.min_edge_length));
        let snap = sane(options.snap_tolerance, d.snap_tolerance);
        let join = sane(options.join_tolerance, d.join_tolerance);
        edges::snap(&mut e.h, snap);
        edges::snap(&mut e.v, snap);
        let h = edges::join(e.h, join);
        let v = edges::join(e.v, join);
        let tol = sane(options.intersection_tolerance, d.intersection_tolerance);
        for g in lattice::grids(&h, &v, tol, &mut warnings) {
            tables.push(cells::lattice_table(page, &g, &content.chars, &dup));
        }
    }
    if options.strategy != TableStrategy::Lines {
        let inside = |x: f64, y: f64| {
            tables.iter().any(|t: &Table| {
                x >= t.bbox[0] && x <= t.bbox[2] && y >= t.bbox[1] && y <= t.bbox[3]
            })
        };
        let idx: Vec<usize> = content
            .chars
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                !dup[*i]
                    && rotation_group(c) == 0
                    && !inside(f64::midpoint(c.x0, c.x1), f64::midpoint(c.top, c.bottom))
            })
            .map(|(i, _)| i)
            .collect();
        let params = LayoutParams {
            fragment_gap: sane(options.column_gap, d.column_gap),
            ..LayoutParams::default()
        };
        let lines = lines_in(&content.chars, &idx, 0, &params);
        let sp = stream::StreamParams {
            min_rows: options.min_rows,
            max_row_gap: sane(options.row_gap, d.row_gap),
        };
        for t in stream::tables(&lines, &sp) {
            tables.push(cells::stream_table(page, &t));
        }
    }
    tables.sort_by(|a, b| {
        a.bbox[1]
            .total_cmp(&b.bbox[1])
            .then(a.bbox[0].total_cmp(&b.bbox[0]))
    });
    PageTables {
        page,
        tables,
        warnings,
    }
}
