//! `pdf.annotate`: text at given boxes (points or page-image pixels), as
//! `FreeText` annotations with appearances or drawn into the pages.

use std::path::PathBuf;

use docskill_pdf::OpenOptions;
use docskill_pdf::annotate::{AnnotateOptions, TextBox, annotate as annotate_doc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::fs::{guard_input, read_input};
use super::pdf_forms::pdf_error;
use super::{Context, Done, OpError, OpResult};

/// `pdf.annotate`: write text at boxes of pages.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfAnnotate {
    /// The PDF.
    pub input: PathBuf,
    /// The boxes: a list (or `{"boxes": [...]}`) of `{"page": 1, "box": [x0, y0, x1, y1],
    /// "text": "...", "font_size": 10, "image_size": [w, h], "align": "left", "color": [r, g, b]}`;
    /// `box` from the top-left of the page as displayed, y down, in points, or in
    /// pixels of a page image of `image_size`.
    pub boxes: Value,
    /// Output file (written atomically).
    pub output: PathBuf,
    /// Draw the text into the page content instead of adding annotations.
    #[serde(default)]
    pub flatten: bool,
    /// Password of an encrypted PDF (the output is not encrypted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

fn parse_boxes(v: &Value) -> OpResult<Vec<TextBox>> {
    let list = match v {
        Value::Object(m) if m.contains_key("boxes") => m.get("boxes").cloned().unwrap_or_default(),
        Value::Object(_) => Value::Array(vec![v.clone()]),
        other => other.clone(),
    };
    serde_json::from_value(list).map_err(|e| {
        OpError::new("usage", format!("boxes: {e}")).hint(
            "give [{\"page\": 1, \"box\": [x0, y0, x1, y1], \"text\": \"...\"}] with the box from the \
             top-left in points, or add \"image_size\": [w, h] for pixels of a page image",
        )
    })
}

pub(crate) fn annotate(a: &PdfAnnotate, ctx: &Context) -> OpResult<Done> {
    let out = ctx.path(&a.output);
    guard_input(&ctx.path(&a.input), &out, false)?;
    let boxes = parse_boxes(&a.boxes)?;
    let options = OpenOptions {
        password: a.password.clone(),
        ..OpenOptions::default()
    };
    let what = a.input.display().to_string();
    let bytes = read_input(&ctx.path(&a.input), options.limits.max_input_bytes)?;
    let mut doc = docskill_pdf::open(&bytes, &options).map_err(|e| pdf_error(e, &what))?;
    let report = annotate_doc(&mut doc, &boxes, AnnotateOptions { flatten: a.flatten }).map_err(
        |e| match e {
            docskill_pdf::PdfError::Unsupported { what: w } => {
                OpError::new("pdf.bad_box", format!("{what}: {w}"))
            }
            other => pdf_error(other, &what),
        },
    )?;
    let bytes = docskill_pdf::save(doc.lopdf_mut()).map_err(|e| pdf_error(e, &what))?;
    let written = ctx.write(&out, &bytes)?;
    Ok(Done {
        result: serde_json::to_value(&report).unwrap_or_default(),
        outputs: vec![written],
        warnings: report.warnings.clone(),
        payload: None,
    })
}
