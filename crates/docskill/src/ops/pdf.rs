//! `pdf.*`: document information and text (reading order, layout, Markdown,
//! words and characters with positions).

use std::path::{Path, PathBuf};

use docskill_pdf::{OpenOptions, PageRange, PdfError, TextMode, TextOptions};
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
