//! `xlsx.*` operations: build a workbook from a JSON spec, describe one, read its values.

use std::path::PathBuf;

use docskill_xlsx::{BuildOptions, Error as XError, ReadOptions, WorkbookSpec};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::fs::read_input;
use super::{Context, Done, LimitOverrides, OpError, OpResult};

/// The workbook spec of `xlsx.build`: a path to a JSON file, or the spec itself.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum SpecSource {
    /// Path of a JSON file holding the spec.
    Path(PathBuf),
    /// The spec inline.
    Inline(Box<WorkbookSpec>),
}

/// `xlsx.build`: a workbook from a JSON spec (values, formulas, styles, merges, validation,
/// conditional formats, defined names).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct XlsxBuild {
    /// The spec (see `docskill schema xlsx.build`): a file path or the object itself.
    pub spec: SpecSource,
    /// The workbook to write.
    pub output: PathBuf,
    /// Creation time for the document properties (ISO 8601, UTC) when the spec has none.
    /// Default: `SOURCE_DATE_EPOCH` if set, else 1980-01-01T00:00:00Z; never the clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
}

/// `xlsx.edit`: change an existing workbook in place, patching its own XML.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct XlsxEdit {
    /// The workbook.
    pub input: PathBuf,
    /// Where to write the result (required unless `in_place`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<PathBuf>,
    /// Replace the input file.
    #[serde(default)]
    pub in_place: bool,
    /// One-key objects applied in order, all or nothing, e.g.
    /// `[{"set": {"cell": "Data!B2", "value": 42}}, {"set": {"cell": "C2", "formula": "=A2*B2"}}]`.
    pub ops: Vec<docskill_xlsx::EditOp>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// `xlsx.info`: sheets, used ranges, defined names, tables, formula counts.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct XlsxInfo {
    /// The workbook (.xlsx, .xlsm, .xltx).
    pub input: PathBuf,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

/// Output format of `xlsx.read`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReadFormat {
    /// Typed JSON rows only.
    #[default]
    Json,
    /// CSV text as well (formulas in place of values with `formulas`).
    Csv,
    /// A Markdown table as well.
    Md,
}

/// `xlsx.read`: typed values of a sheet or range, dates as ISO 8601, formulas beside values.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct XlsxRead {
    /// The workbook.
    pub input: PathBuf,
    /// Sheet name (default: the first sheet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Range in A1 notation, e.g. `A1:F40` (default: the used range).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<String>,
    /// `json` (default), `csv` or `md`.
    #[serde(default, skip_serializing_if = "is_default")]
    pub format: ReadFormat,
    /// Include formulas beside values.
    #[serde(default)]
    pub formulas: bool,
    /// Refuse to read more cells than this (default 1,000,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_cells: Option<u64>,
    /// Write the values to this file a row at a time instead of answering them: memory
    /// holds one row, so `max_cells` does not apply. The answer gives the range and rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<PathBuf>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: LimitOverrides,
}

pub(crate) fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// The stable error of an XLSX failure met while working on `what`.
pub(crate) fn from_xlsx(err: XError, what: &str) -> OpError {
    let msg = format!("{what}: {err}");
    match err {
        XError::Op { index, source } => {
            let mut inner = from_xlsx(*source, what);
            inner.message = format!(
                "{what}: op {index}: {}",
                inner.message.trim_start_matches(&format!("{what}: "))
            );
            inner.details(json!({ "op": index }))
        }
        XError::Edit { at, .. } => OpError::new("xlsx.edit_invalid", msg).details(json!({ "at": at })),
        XError::Spec { at, .. } => {
            OpError::new("xlsx.spec_invalid", msg).details(json!({ "at": at })).hint(
                "see the spec's fields with `docskill schema xlsx.build`",
            )
        }
        XError::SpecJson { line, column, .. } => OpError::new("xlsx.spec_invalid", msg)
            .hint("see the spec's fields with `docskill schema xlsx.build`")
            .details(json!({ "line": line, "column": column })),
        XError::Formula { at, formula, .. } => OpError::new("xlsx.formula_invalid", msg)
            .details(json!({ "at": at, "formula": formula })),
        XError::Write { at, .. } => {
            OpError::new("xlsx.write_failed", msg).details(json!({ "at": at }))
        }
        XError::Package(e) => OpError::from_opc(e, what),
        XError::SheetNotFound { available, .. } => OpError::new("xlsx.sheet_not_found", msg)
            .hint(format!("sheets in this workbook: {}", available.join(", ")))
            .details(json!({ "sheets": available })),
        XError::NotAWorksheet(_) => OpError::new("xlsx.not_a_worksheet", msg)
            .hint("chart and macro sheets hold no cells; `docskill xlsx info` lists each sheet's kind"),
        XError::InvalidRange(_) => OpError::new("xlsx.range_invalid", msg),
        XError::TooManyCells { cells, limit, .. } => OpError::new("limit.exceeded", msg)
            .hint(format!(
                "read a smaller range (--range A1:Z100), or raise \"max_cells\" to {cells} for this request"
            ))
            .details(json!({ "limit": "max_cells", "actual": cells, "max": limit })),
        _ => OpError::new("xlsx.read_failed", msg),
    }
}

/// `SOURCE_DATE_EPOCH` as ISO 8601, when set to a number of seconds.
fn source_date_epoch() -> Option<String> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    #[expect(
        clippy::cast_precision_loss,
        reason = "whole days since 1970 are small"
    )]
    let serial = secs.div_euclid(86_400) as f64 + 25_569.0;
    let date = docskill_xlsx::dates::serial_to_iso(serial, false);
    let s = secs.rem_euclid(86_400);
    Some(format!(
        "{date}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    ))
}

pub(crate) fn build(a: &XlsxBuild, ctx: &Context) -> OpResult<Done> {
    let (spec, name) = match &a.spec {
        SpecSource::Inline(s) => ((**s).clone(), "spec".to_owned()),
        SpecSource::Path(p) => {
            let path = ctx.path(p);
            let bytes = read_input(&path, 256 << 20)?;
            let spec = docskill_xlsx::spec::parse_deferred(&bytes).map_err(|e| {
                OpError::new("xlsx.spec_invalid", format!("{}: {e}", p.display()))
                    .hint("see the spec's fields with `docskill schema xlsx.build`")
                    .details(json!({ "line": e.line(), "column": e.column() }))
            })?;
            (spec, p.display().to_string())
        }
    };
    let opts = BuildOptions {
        created: a.created.clone().or_else(source_date_epoch),
    };
    let (bytes, summary) =
        super::xlsx_rows::build(&spec, &opts).map_err(|e| from_xlsx(e, &name))?;
    let written = ctx.write(&ctx.path(&a.output), &bytes)?;
    Ok(Done {
        result: json!({
            "output": written.path,
            "sheets": summary.sheets,
            "cells": summary.cells,
            "formulas": summary.formulas,
        }),
        outputs: vec![written],
        ..Done::default()
    })
}

fn load(
    input: &std::path::Path,
    limits: &LimitOverrides,
    ctx: &Context,
) -> OpResult<(Vec<u8>, docskill_opc::Limits)> {
    let limits = limits.resolve();
    let bytes = read_input(&ctx.path(input), limits.max_input_bytes)?;
    Ok((bytes, limits))
}

pub(crate) fn info(a: &XlsxInfo, ctx: &Context) -> OpResult<Done> {
    let (bytes, limits) = load(&a.input, &a.limits, ctx)?;
    let what = a.input.display().to_string();
    let mut info = docskill_xlsx::info(&bytes, &limits).map_err(|e| from_xlsx(e, &what))?;
    let warnings = std::mem::take(&mut info.warnings);
    Ok(Done {
        result: serde_json::to_value(&info).unwrap_or_default(),
        warnings,
        ..Done::default()
    })
}

pub(crate) fn read(a: &XlsxRead, ctx: &Context) -> OpResult<Done> {
    let (bytes, limits) = load(&a.input, &a.limits, ctx)?;
    let what = a.input.display().to_string();
    let opts = ReadOptions {
        sheet: a.sheet.clone(),
        range: a.range.clone(),
        formulas: a.formulas,
        max_cells: a.max_cells.unwrap_or(ReadOptions::default().max_cells),
    };
    if let Some(out) = &a.output {
        let out = ctx.path(out);
        super::fs::guard_input(&ctx.path(&a.input), &out, false)?;
        let format = match a.format {
            ReadFormat::Json => docskill_xlsx::StreamFormat::Json,
            ReadFormat::Csv => docskill_xlsx::StreamFormat::Csv,
            ReadFormat::Md => docskill_xlsx::StreamFormat::Markdown,
        };
        let mut summary = None;
        let file = ctx.write_streamed(&out, &mut |w| {
            let s = docskill_xlsx::read_into(&bytes, &opts, format, &limits, w)
                .map_err(|e| from_xlsx(e, &what))?;
            summary = Some(s);
            Ok(())
        })?;
        return Ok(Done {
            result: serde_json::to_value(&summary).unwrap_or_default(),
            outputs: vec![file],
            ..Done::default()
        });
    }
    let table = docskill_xlsx::read(&bytes, &opts, &limits).map_err(|e| from_xlsx(e, &what))?;
    let text = match a.format {
        ReadFormat::Json => None,
        ReadFormat::Csv => Some(table.to_csv()),
        ReadFormat::Md => Some(table.to_markdown()),
    };
    // The rows move into the answer: a million-cell sheet is not copied again.
    let mut result = json!({
        "sheet": table.sheet,
        "range": table.range,
        "rows": table.rows,
    });
    if let (Some(t), Some(obj)) = (&text, result.as_object_mut()) {
        obj.insert("text".into(), t.clone().into());
    }
    Ok(Done {
        result,
        payload: text.map(String::into_bytes),
        ..Done::default()
    })
}

pub(crate) fn edit(a: &XlsxEdit, ctx: &Context) -> OpResult<Done> {
    let out = match (&a.output, a.in_place) {
        (Some(o), _) => ctx.path(o),
        (None, true) => ctx.path(&a.input),
        (None, false) => {
            return Err(OpError::new("usage", "no output given")
                .hint("pass -o OUT.xlsx, or --in-place to replace the input"));
        }
    };
    super::fs::guard_input(&ctx.path(&a.input), &out, a.in_place)?;
    let limits = a.limits.resolve();
    let bytes = read_input(&ctx.path(&a.input), limits.max_input_bytes)?;
    let what = a.input.display().to_string();
    let (edited, summary) =
        docskill_xlsx::edit_workbook(bytes, &a.ops, &limits).map_err(|e| from_xlsx(e, &what))?;
    let written = ctx.write(&out, &edited)?;
    Ok(Done {
        result: serde_json::to_value(&summary).unwrap_or_default(),
        outputs: vec![written],
        ..Done::default()
    })
}
