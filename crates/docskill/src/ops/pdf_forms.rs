//! `pdf.fields`, `pdf.fill` and the page operations (`pdf.merge`, `pdf.split`,
//! `pdf.select`, `pdf.delete`, `pdf.reorder`, `pdf.rotate`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use docskill_pdf::acroform::{self, FillOptions, FillValue};
use docskill_pdf::{Document, OpenOptions, PageRange, PdfError};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::fs::{guard_input, read_input};
use super::{Context, Done, OpError, OpResult};

/// Output format of `pdf.fields`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum FieldsFormat {
    /// JSON (default).
    #[default]
    Json,
    /// A Markdown table.
    Md,
}

/// `pdf.fields`: every terminal form field with its properties.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfFields {
    /// The PDF.
    pub input: PathBuf,
    /// Password of an encrypted PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// `json` (default) or `md`.
    #[serde(default)]
    pub format: FieldsFormat,
}

/// `pdf.fill`: set form values with appearance streams; optionally flatten.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfFill {
    /// The PDF form.
    pub input: PathBuf,
    /// Values by field name (`{"applicant.name": "Jane", "agree": true}`), or
    /// the `pdf.fields` list (or its `fields` array) with `value` filled in.
    pub values: Value,
    /// Output file (written atomically).
    pub output: PathBuf,
    /// Draw the values into the pages and remove the form.
    #[serde(default)]
    pub flatten: bool,
    /// Password of an encrypted PDF (the output is not encrypted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// `pdf.merge`: documents one after another; forms and outlines kept.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfMerge {
    /// The PDFs, in order.
    pub inputs: Vec<PathBuf>,
    /// Output file.
    pub output: PathBuf,
    /// Password of encrypted inputs (tried after the empty one; outputs are not encrypted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// `pdf.split`: one file per page group (or per page).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfSplit {
    /// The PDF.
    pub input: PathBuf,
    /// Groups, comma-separated, each a page range (`1-3,4-9`); one file each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// One file per page instead.
    #[serde(default)]
    pub each: bool,
    /// Folder for the parts (`STEM-1.pdf`, `STEM-2.pdf`, ...).
    pub out_dir: PathBuf,
    /// Password of an encrypted PDF (the output is not encrypted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// `pdf.select`, `pdf.delete`, `pdf.reorder`: pages by range.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfPages {
    /// The PDF.
    pub input: PathBuf,
    /// Page range (`1-3,7`, `5-`, `-2`, `all`); order matters for select and reorder.
    pub pages: String,
    /// Output file.
    pub output: PathBuf,
    /// Password of an encrypted PDF (the output is not encrypted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// `pdf.rotate`: turn pages clockwise.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfRotate {
    /// The PDF.
    pub input: PathBuf,
    /// Degrees clockwise, a multiple of 90 (negative turns anticlockwise).
    pub degrees: i64,
    /// Page range (default all).
    #[serde(default = "all_pages")]
    pub pages: String,
    /// Output file.
    pub output: PathBuf,
    /// Password of an encrypted PDF (the output is not encrypted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

fn all_pages() -> String {
    "all".into()
}

/// Maps a PDF error to a stable code.
pub(crate) fn pdf_error(e: PdfError, what: &str) -> OpError {
    let msg = format!("{what}: {e}");
    match e {
        PdfError::FormValues { problems } => {
            let mut hint = String::new();
            for p in &problems {
                if !p.valid.is_empty() {
                    let _ = write!(hint, "{}: try {}; ", p.field_id, p.valid.join(", "));
                }
            }
            let mut err =
                OpError::new("pdf.form_values", msg).details(json!({ "problems": problems }));
            if hint.is_empty() {
                err = err.hint("list the fields with `docskill pdf fields FILE`");
            } else {
                err = err.hint(hint.trim_end_matches("; ").to_owned());
            }
            err
        }
        PdfError::Encrypted { .. } => OpError::new("pdf.encrypted", msg).hint("pass --password"),
        PdfError::LimitExceeded { .. } => OpError::new("pdf.limit_exceeded", msg),
        other => OpError::new(other.code(), msg),
    }
}

fn open(path: &Path, password: Option<&str>, ctx: &Context) -> OpResult<Document> {
    let options = OpenOptions {
        password: password.map(str::to_owned),
        ..OpenOptions::default()
    };
    let bytes = read_input(&ctx.path(path), options.limits.max_input_bytes)?;
    docskill_pdf::open(&bytes, &options).map_err(|e| pdf_error(e, &path.display().to_string()))
}

fn save(doc: &mut lopdf_doc::Document, what: &Path) -> OpResult<Vec<u8>> {
    docskill_pdf::save(doc).map_err(|e| pdf_error(e, &what.display().to_string()))
}

mod lopdf_doc {
    pub use docskill_pdf::lopdf::Document;
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn fields_markdown(form: &acroform::Form) -> String {
    let mut s = String::new();
    if form.xfa_only {
        s.push_str("This is an XFA-only form: it has no AcroForm fields to fill.\n");
        return s;
    }
    s.push_str("| field_id | type | page | value | flags | options |\n|---|---|---|---|---|---|\n");
    for f in &form.fields {
        let value = f.value.as_ref().map_or(String::new(), |v| match v {
            Value::String(t) => t.clone(),
            other => other.to_string(),
        });
        let options: Vec<String> = if f.choice_options.is_empty() {
            f.radio_options.iter().map(|o| o.value.clone()).collect()
        } else {
            f.choice_options.iter().map(|o| o.value.clone()).collect()
        };
        let mut options = options.join(", ");
        if let Some(m) = f.max_len {
            options = format!("max {m} chars");
        }
        let kind = serde_json::to_value(f.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            md_cell(&f.field_id),
            kind,
            f.page.map_or(String::new(), |p| p.to_string()),
            md_cell(&value),
            f.flags.join(", "),
            md_cell(&options)
        );
    }
    s
}

pub(crate) fn fields(a: &PdfFields, ctx: &Context) -> OpResult<Done> {
    let doc = open(&a.input, a.password.as_deref(), ctx)?;
    let form = acroform::fields(&doc);
    let mut warnings = Vec::new();
    if form.xfa_only {
        warnings.push("XFA-only form: no AcroForm fields; fill it in Adobe Reader or annotate the page instead".into());
    }
    let result = serde_json::to_value(&form).unwrap_or_default();
    Ok(match a.format {
        FieldsFormat::Json => Done {
            result,
            warnings,
            ..Done::default()
        },
        FieldsFormat::Md => {
            let md = fields_markdown(&form);
            Done {
                result: json!({ "markdown": md }),
                payload: Some(md.into_bytes()),
                warnings,
                ..Done::default()
            }
        }
    })
}

/// Reads fill values from the accepted shapes.
///
/// # Errors
/// `usage` for anything else.
pub fn parse_values(v: &Value) -> OpResult<Vec<(String, FillValue)>> {
    let bad = |m: String| {
        OpError::new("usage", format!("fill values: {m}"))
            .hint("give {\"field name\": value, ...} or the `pdf fields` list with `value` set")
    };
    let list = match v {
        Value::Object(map)
            if map.contains_key("fields") && map.get("fields").is_some_and(Value::is_array) =>
        {
            map.get("fields").cloned().unwrap_or_default()
        }
        Value::Object(map) => {
            let mut out = Vec::with_capacity(map.len());
            for (k, val) in map {
                let fv: FillValue =
                    serde_json::from_value(val.clone()).map_err(|e| bad(format!("{k}: {e}")))?;
                out.push((k.clone(), fv));
            }
            return Ok(out);
        }
        Value::Array(_) => v.clone(),
        _ => return Err(bad("expected an object or an array".into())),
    };
    let mut out = Vec::new();
    for item in list.as_array().into_iter().flatten() {
        let Some(id) = item.get("field_id").and_then(Value::as_str) else {
            return Err(bad("a list item has no field_id".into()));
        };
        match item.get("value") {
            None | Some(Value::Null) => {}
            Some(val) => {
                let fv: FillValue =
                    serde_json::from_value(val.clone()).map_err(|e| bad(format!("{id}: {e}")))?;
                out.push((id.to_owned(), fv));
            }
        }
    }
    Ok(out)
}

/// Fills an opened template copy and returns the bytes.
pub(crate) fn fill_bytes(
    mut doc: Document,
    values: &[(String, FillValue)],
    flatten: bool,
    what: &Path,
) -> OpResult<(Vec<u8>, acroform::FillReport)> {
    let report = acroform::fill(&mut doc, values, FillOptions { flatten })
        .map_err(|e| pdf_error(e, &what.display().to_string()))?;
    let bytes = save(doc.lopdf_mut(), what)?;
    Ok((bytes, report))
}

pub(crate) fn fill(a: &PdfFill, ctx: &Context) -> OpResult<Done> {
    let out = ctx.path(&a.output);
    guard_input(&ctx.path(&a.input), &out, false)?;
    let values = parse_values(&a.values)?;
    let doc = open(&a.input, a.password.as_deref(), ctx)?;
    let form = acroform::fields(&doc);
    if form.xfa_only {
        return Err(OpError::new(
            "pdf.xfa_only",
            format!(
                "{}: an XFA-only form has no AcroForm fields to fill",
                a.input.display()
            ),
        )
        .hint("use `docskill pdf annotate` to write text at positions instead"));
    }
    let (bytes, report) = fill_bytes(doc, &values, a.flatten, &a.input)?;
    let written = ctx.write(&out, &bytes)?;
    Ok(Done {
        result: serde_json::to_value(&report).unwrap_or_default(),
        outputs: vec![written],
        warnings: report.warnings.clone(),
        payload: None,
    })
}

fn resolve_pages(doc: &Document, spec: &str) -> OpResult<Vec<u32>> {
    PageRange::parse(spec)
        .and_then(|r| r.resolve(doc.page_count()))
        .map_err(|e| pdf_error(e, "pages"))
}

fn write_doc(
    mut lo: docskill_pdf::lopdf::Document,
    out: &Path,
    ctx: &Context,
) -> OpResult<super::OutputFile> {
    let bytes = save(&mut lo, out)?;
    ctx.write(out, &bytes)
}

pub(crate) fn merge(a: &PdfMerge, ctx: &Context) -> OpResult<Done> {
    if a.inputs.is_empty() {
        return Err(OpError::new("usage", "no input files to merge"));
    }
    let out = ctx.path(&a.output);
    let mut docs = Vec::with_capacity(a.inputs.len());
    for input in &a.inputs {
        guard_input(&ctx.path(input), &out, false)?;
        docs.push(open(input, a.password.as_deref(), ctx)?);
    }
    let (lo, report) = docskill_pdf::pages::merge(docs).map_err(|e| pdf_error(e, "merge"))?;
    let written = write_doc(lo, &out, ctx)?;
    let warnings = report
        .renamed_fields
        .iter()
        .map(|[a, b]| format!("field {a:?} renamed to {b:?} (the name was taken)"))
        .collect();
    Ok(Done {
        result: serde_json::to_value(&report).unwrap_or_default(),
        outputs: vec![written],
        warnings,
        payload: None,
    })
}

pub(crate) fn split(a: &PdfSplit, ctx: &Context) -> OpResult<Done> {
    let doc = open(&a.input, a.password.as_deref(), ctx)?;
    let parts: Vec<Vec<u32>> = match (&a.pages, a.each) {
        (_, true) => (1..=u32::try_from(doc.page_count()).unwrap_or(0))
            .map(|p| vec![p])
            .collect(),
        (Some(spec), false) => spec
            .split(',')
            .map(|g| resolve_pages(&doc, g))
            .collect::<OpResult<_>>()?,
        (None, false) => {
            return Err(
                OpError::new("usage", "split needs --pages GROUPS or --each")
                    .hint("e.g. --pages 1-3,4-9 writes two files"),
            );
        }
    };
    let stem = a
        .input
        .file_stem()
        .map_or_else(|| "part".into(), |s| s.to_string_lossy().into_owned());
    let docs = docskill_pdf::pages::split(&doc, &parts).map_err(|e| pdf_error(e, "split"))?;
    let dir = ctx.path(&a.out_dir);
    let mut outputs = Vec::new();
    for (i, lo) in docs.into_iter().enumerate() {
        let path = dir.join(format!("{stem}-{}.pdf", i + 1));
        outputs.push(write_doc(lo, &path, ctx)?);
    }
    Ok(Done {
        result: json!({ "parts": parts }),
        outputs,
        ..Done::default()
    })
}

/// Which page operation.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PageOp {
    Select,
    Delete,
    Reorder,
}

pub(crate) fn pages(a: &PdfPages, op: PageOp, ctx: &Context) -> OpResult<Done> {
    let out = ctx.path(&a.output);
    guard_input(&ctx.path(&a.input), &out, false)?;
    let mut doc = open(&a.input, a.password.as_deref(), ctx)?;
    let numbers = resolve_pages(&doc, &a.pages)?;
    let what = a.input.display().to_string();
    match op {
        PageOp::Select => docskill_pdf::pages::select(&mut doc, &numbers),
        PageOp::Delete => docskill_pdf::pages::delete(&mut doc, &numbers),
        PageOp::Reorder => docskill_pdf::pages::reorder(&mut doc, &numbers),
    }
    .map_err(|e| pdf_error(e, &what))?;
    let count = doc.page_count();
    let mut lo = doc.into_lopdf();
    let pages_now = lo.get_pages().len();
    let _ = count;
    let bytes = save(&mut lo, &out)?;
    let written = ctx.write(&out, &bytes)?;
    Ok(Done {
        result: json!({ "pages": pages_now }),
        outputs: vec![written],
        ..Done::default()
    })
}

pub(crate) fn rotate(a: &PdfRotate, ctx: &Context) -> OpResult<Done> {
    let out = ctx.path(&a.output);
    guard_input(&ctx.path(&a.input), &out, false)?;
    let mut doc = open(&a.input, a.password.as_deref(), ctx)?;
    let numbers = resolve_pages(&doc, &a.pages)?;
    docskill_pdf::pages::rotate(&mut doc, &numbers, a.degrees)
        .map_err(|e| pdf_error(e, &a.input.display().to_string()))?;
    let written = write_doc(doc.into_lopdf(), &out, ctx)?;
    Ok(Done {
        result: json!({ "rotated": numbers.len() }),
        outputs: vec![written],
        ..Done::default()
    })
}
