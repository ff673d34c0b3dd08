//! `pdf.*`: document information and text (reading order, layout, Markdown,
//! words and characters with positions) and tables.

use std::path::{Path, PathBuf};

use docskill_pdf::{
    OpenOptions, PageRange, PdfError, TableOptions, TableStrategy, TextMode, TextOptions,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::fs::read_input;
use super::{Context, Done, LimitOverrides, OpError, OpResult};

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// `pdf.info`: pages and sizes, version, encryption, metadata, fonts, form, tagging, images.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfInfo {
    /// The PDF.
    pub input: PathBuf,
    /// Password, tried after the empty one (user or owner password).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// Output format of `pdf.text`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PdfTextFormat {
    /// Plain text, pages separated by form feeds.
    #[default]
    Text,
    /// Markdown: paragraphs, headings by font size, bullets; a comment per page.
    Md,
    /// Per page: text, words with boxes, font, size and colour (and characters with `chars`).
    Json,
}

/// `pdf.text`: text in reading order (or the visual layout), Markdown, or positioned words.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfText {
    /// The PDF.
    pub input: PathBuf,
    /// Pages, e.g. `1-3,7`, `5-`, `-2` (default all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// Keep the visual arrangement (columns side by side, like `pdftotext -layout`).
    #[serde(default)]
    pub layout: bool,
    /// `text` (default), `md` or `json`.
    #[serde(default)]
    pub format: PdfTextFormat,
    /// With `json`: every character too, with its box, font, size and colour.
    #[serde(default)]
    pub chars: bool,
    /// Password, tried after the empty one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// Map a PDF error to its stable code.
pub(crate) fn pdf_error(e: &PdfError, what: &str) -> OpError {
    let msg = format!("{what}: {e}");
    let err = OpError::new(e.code(), msg);
    match e {
        PdfError::Encrypted { method } => err
            .hint("give the password with --password (or \"password\" in the request)")
            .details(json!({ "method": method })),
        PdfError::WrongPassword { method } => err.details(json!({ "method": method })),
        PdfError::LimitExceeded { what, limit, found } => err
            .hint("if the file is trusted, raise the limit in the request's \"limits\"")
            .details(json!({ "limit": what, "max": limit, "actual": found })),
        PdfError::PageRange { .. } => err.hint("pages look like 1-3,7 or 5- or -2 or all"),
        _ => err,
    }
}

fn open(
    input: &Path,
    password: Option<&String>,
    limits: &LimitOverrides,
    ctx: &Context,
) -> OpResult<docskill_pdf::Document> {
    let max = limits.resolve().max_input_bytes;
    let bytes = read_input(&ctx.path(input), max)?;
    let options = OpenOptions {
        password: password.cloned(),
        limits: docskill_pdf::Limits {
            max_input_bytes: max,
            ..docskill_pdf::Limits::default()
        },
    };
    docskill_pdf::open(&bytes, &options).map_err(|e| pdf_error(&e, &input.display().to_string()))
}

pub(crate) fn info(a: &PdfInfo, ctx: &Context) -> OpResult<Done> {
    let doc = open(&a.input, a.password.as_ref(), &a.limits, ctx)?;
    let info = docskill_pdf::info(&doc);
    Ok(Done {
        result: serde_json::to_value(&info).unwrap_or_default(),
        ..Done::default()
    })
}

pub(crate) fn text(a: &PdfText, ctx: &Context) -> OpResult<Done> {
    let what = a.input.display().to_string();
    let pages = match &a.pages {
        Some(p) => PageRange::parse(p).map_err(|e| pdf_error(&e, &what))?,
        None => PageRange::all(),
    };
    let doc = open(&a.input, a.password.as_ref(), &a.limits, ctx)?;
    let mode = match (a.layout, a.format) {
        (true, _) => TextMode::Layout,
        (false, PdfTextFormat::Md) => TextMode::Markdown,
        _ => TextMode::Reading,
    };
    let options = TextOptions {
        pages,
        mode,
        chars: a.chars && a.format == PdfTextFormat::Json,
    };
    let texts = docskill_pdf::page_texts(&doc, &options).map_err(|e| pdf_error(&e, &what))?;
    let unmapped: usize = texts.iter().map(|p| p.unmapped_chars).sum();
    let mut warnings = Vec::new();
    if unmapped > 0 {
        warnings.push(format!(
            "{unmapped} character(s) have no Unicode mapping in their font and are shown as U+FFFD"
        ));
    }
    for p in &texts {
        for w in &p.warnings {
            warnings.push(format!("page {}: {w}", p.page));
        }
    }
    let body = match a.format {
        PdfTextFormat::Json => None,
        PdfTextFormat::Text => Some(docskill_pdf::join_pages(&texts)),
        PdfTextFormat::Md => {
            let mut s = String::new();
            for p in &texts {
                s.push_str("<!-- page ");
                s.push_str(&p.page.to_string());
                s.push_str(" -->\n\n");
                if !p.text.is_empty() {
                    s.push_str(&p.text);
                    s.push_str("\n\n");
                }
            }
            Some(s)
        }
    };
    let result = match &body {
        Some(text) => json!({
            "pages": texts.iter().map(|p| p.page).collect::<Vec<_>>(),
            "text": text,
            "unmapped_chars": unmapped,
        }),
        None => json!({ "pages": texts, "unmapped_chars": unmapped }),
    };
    Ok(Done {
        result,
        payload: body.map(String::into_bytes),
        warnings,
        ..Done::default()
    })
}

/// Output format of `pdf.tables`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PdfTablesFormat {
    /// Per table: page, bbox, strategy, rows of cells (`bbox`, `text`, `row_span`, `col_span`).
    #[default]
    Json,
    /// CSV, tables one after another with a blank line between them.
    Csv,
    /// Markdown, a heading per table.
    Md,
}

/// How `pdf.tables` finds tables.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PdfTableStrategy {
    /// Ruled tables, then whitespace tables in the text outside them.
    #[default]
    Auto,
    /// Ruled (lattice) tables only: lines and rectangles crossing into a grid.
    Lines,
    /// Whitespace (stream) tables only: columns lined up over consecutive lines.
    Text,
}

/// `pdf.tables`: ruled and whitespace tables, cells with boxes, spans and text.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfTables {
    /// The PDF.
    pub input: PathBuf,
    /// Pages, e.g. `1-3,7`, `5-`, `-2` (default all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// `json` (default), `csv` or `md`.
    #[serde(default)]
    pub format: PdfTablesFormat,
    /// `auto` (default), `lines` or `text`.
    #[serde(default)]
    pub strategy: PdfTableStrategy,
    /// Rules whose positions differ by at most this many points are moved onto one line (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snap_tolerance: Option<f64>,
    /// Rules on one line with gaps up to this many points are joined (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_tolerance: Option<f64>,
    /// Rules this many points apart still cross (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intersection_tolerance: Option<f64>,
    /// Rules shorter than this many points are ignored (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_edge_length: Option<f64>,
    /// Whitespace tables: fewest rows (text lines), default 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_rows: Option<usize>,
    /// Whitespace tables: least gap between columns, in font sizes (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_gap: Option<f64>,
    /// Password, tried after the empty one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// A tolerance from the request: finite and not negative, else `usage`.
fn tolerance(name: &str, v: Option<f64>, default: f64) -> OpResult<f64> {
    match v {
        None => Ok(default),
        Some(x) if (0.0..=1000.0).contains(&x) => Ok(x),
        Some(x) => Err(OpError::new(
            "usage",
            format!("{name} must be a number of points from 0 to 1000, not {x}"),
        )),
    }
}

pub(crate) fn tables(a: &PdfTables, ctx: &Context) -> OpResult<Done> {
    let what = a.input.display().to_string();
    let pages = match &a.pages {
        Some(p) => PageRange::parse(p).map_err(|e| pdf_error(&e, &what))?,
        None => PageRange::all(),
    };
    let d = TableOptions::default();
    let options = TableOptions {
        pages,
        strategy: match a.strategy {
            PdfTableStrategy::Auto => TableStrategy::Auto,
            PdfTableStrategy::Lines => TableStrategy::Lines,
            PdfTableStrategy::Text => TableStrategy::Text,
        },
        snap_tolerance: tolerance("snap_tolerance", a.snap_tolerance, d.snap_tolerance)?,
        join_tolerance: tolerance("join_tolerance", a.join_tolerance, d.join_tolerance)?,
        intersection_tolerance: tolerance(
            "intersection_tolerance",
            a.intersection_tolerance,
            d.intersection_tolerance,
        )?,
        min_edge_length: tolerance("min_edge_length", a.min_edge_length, d.min_edge_length)?,
        min_rows: a.min_rows.unwrap_or(d.min_rows),
        column_gap: tolerance("column_gap", a.column_gap, d.column_gap)?,
        ..d
    };
    let doc = open(&a.input, a.password.as_ref(), &a.limits, ctx)?;
    let per_page = docskill_pdf::page_tables(&doc, &options).map_err(|e| pdf_error(&e, &what))?;
    let mut warnings = Vec::new();
    for p in &per_page {
        for w in &p.warnings {
            warnings.push(format!("page {}: {w}", p.page));
        }
    }
    let page_numbers: Vec<u32> = per_page.iter().map(|p| p.page).collect();
    let all: Vec<docskill_pdf::Table> = per_page.into_iter().flat_map(|p| p.tables).collect();
    let body = match a.format {
        PdfTablesFormat::Json => None,
        PdfTablesFormat::Csv => Some(docskill_pdf::tables_csv(&all)),
        PdfTablesFormat::Md => Some(docskill_pdf::tables_markdown(&all)),
    };
    let mut result = json!({
        "pages": page_numbers,
        "count": all.len(),
        "tables": all,
    });
    if let Some(text) = &body {
        result["text"] = json!(text);
    }
    Ok(Done {
        result,
        payload: body.map(String::into_bytes),
        warnings,
        ..Done::default()
    })
}
