//! `build`: a [`WorkbookSpec`] into `.xlsx` bytes, with `rust_xlsxwriter`.
//!
//! One module per part of a sheet: [`cells`] (values, formulas, links), [`styles`],
//! [`sheet`] (layout), [`validation`], [`conditional`], [`charts`], [`objects`] (notes,
//! tables) and [`page`] (protection, print setup).

mod cells;
mod charts;
mod conditional;
mod objects;
mod page;
mod sheet;
mod styles;
mod validation;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Formula, Workbook, XlsxError};

use crate::cellref::Area;
use crate::dates;
use crate::error::{Error, Result, spec};
use crate::formula;
use crate::spec::{CellSpec, RawRows, SheetSpec, WorkbookSpec};
use styles::Styles;

/// Options of [`build`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// Creation time for the document properties when the spec gives none (ISO 8601, UTC).
    /// Default `1980-01-01T00:00:00Z`, the zip epoch, so that output is reproducible.
    pub created: Option<String>,
}

/// What [`build`] made, besides the bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BuildSummary {
    /// Sheets written.
    pub sheets: usize,
    /// Cells written (values and formulas).
    pub cells: usize,
    /// Formulas among them.
    pub formulas: usize,
    /// Sheets written a row at a time through a temporary file (big plain sheets, with
    /// the `low-memory` feature).
    pub streamed_sheets: usize,
}

/// Build a workbook from a spec. Everything is checked before any byte is produced.
///
/// ```
/// use docskill_xlsx::{build, BuildOptions, WorkbookSpec};
/// let spec: WorkbookSpec = serde_json::from_str(r#"{"sheets": [{"name": "Data",
///     "cells": {"A1": "qty", "A2": 3, "B2": {"formula": "=A2*2"}}}]}"#).unwrap();
/// let (bytes, summary) = build(&spec, &BuildOptions::default()).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// assert_eq!(summary.formulas, 1);
/// ```
///
/// # Errors
/// [`Error::Spec`] naming the sheet and cell (or rule) at fault, [`Error::Formula`] for a
/// formula that does not parse, [`Error::Write`] when the writer refuses a value.
pub fn build(spec: &WorkbookSpec, opts: &BuildOptions) -> Result<(Vec<u8>, BuildSummary)> {
    build_with_feed(spec, opts, &mut ParseFeed)
}

/// Where the builder gets the cells of rows kept as JSON text (a spec read with
/// [`crate::spec::parse_deferred`]). The builder asks once for each such sheet, in sheet
/// order, and writes each row as it arrives.
pub trait RowFeed {
    /// Call `sink` with each row of `rows`, in order. The sink takes what it keeps (with
    /// `std::mem::take`); the feed drops the rest, which lets a feed free rows on the thread
    /// that allocated them.
    ///
    /// # Errors
    /// A row that is not valid ([`Error::SpecJson`]), or what `sink` returns.
    fn rows(
        &mut self,
        rows: &RawRows,
        sink: &mut dyn FnMut(&mut Vec<CellSpec>) -> Result<()>,
    ) -> Result<()>;
}

/// A [`RowFeed`] that parses on the calling thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseFeed;

impl RowFeed for ParseFeed {
    fn rows(
        &mut self,
        rows: &RawRows,
        sink: &mut dyn FnMut(&mut Vec<CellSpec>) -> Result<()>,
    ) -> Result<()> {
        rows.for_each_row(|mut row| sink(&mut row))
    }
}

/// [`build`], with the rows kept as JSON text parsed by `feed` (which may parse on another
/// thread while this one writes). The workbook is byte-identical to [`build`]'s.
///
/// # Errors
/// As [`build`], and [`Error::SpecJson`] for rows that are not valid.
pub fn build_with_feed(
    spec: &WorkbookSpec,
    opts: &BuildOptions,
    feed: &mut dyn RowFeed,
) -> Result<(Vec<u8>, BuildSummary)> {
    if spec.sheets.is_empty() {
        return Err(self::spec("sheets", "a workbook needs at least one sheet"));
    }
    let mut styles = Styles::new(&spec.styles)?;
    let mut wb = Workbook::new();
    let created = spec
        .created
        .as_deref()
        .or(opts.created.as_deref())
        .unwrap_or("1980-01-01T00:00:00Z");
    let created_dt = dates::parse_iso(created).ok_or_else(|| {
        self::spec(
            "created",
            format!("{created:?} is not an ISO 8601 date or time"),
        )
    })?;
    let created_x = ExcelDateTime::from_ymd(created_dt.year, created_dt.month, created_dt.day)
        .and_then(|d| {
            d.and_hms(
                u16::from(created_dt.hour),
                created_dt.minute,
                created_dt.second,
            )
        })
        .map_err(|e| write_err("created", &e))?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created_x));

    let mut summary = BuildSummary {
        sheets: spec.sheets.len(),
        ..BuildSummary::default()
    };
    let first_visible = spec.sheets.iter().position(|s| !s.hidden);
    if first_visible.is_none() {
        return Err(self::spec(
            "sheets",
            "every sheet is hidden; at least one must be visible",
        ));
    }
    for (i, sheet) in spec.sheets.iter().enumerate() {
        check_sheet_name(&sheet.name, &spec.sheets[..i], i)?;
    }
    let names: Vec<&str> = spec.sheets.iter().map(|s| s.name.as_str()).collect();
    for (i, sheet) in spec.sheets.iter().enumerate() {
        let streamed = low_memory_suits(sheet);
        let ws = if streamed {
            summary.streamed_sheets += 1;
            add_low_memory_sheet(&mut wb, i)?
        } else {
            wb.add_worksheet()
        };
        ws.set_name(&sheet.name)
            .map_err(|e| self::spec(format!("sheets[{i}].name"), e.to_string()))?;
        if Some(i) == first_visible {
            ws.set_active(true);
        }
        sheet::write_sheet(
            ws,
            sheet,
            &names,
            &mut styles,
            &mut summary,
            (feed, streamed),
        )?;
    }
    for (name, refers) in &spec.defined_names {
        let at = format!("defined_names.{name}");
        let f = formula::prepare(refers).map_err(|reason| Error::Formula {
            at: at.clone(),
            formula: refers.clone(),
            reason,
        })?;
        // The writer adds `_xlfn.` to cell formulas only.
        let f = crate::lambda_params::add_param_prefixes(&crate::future::add_prefixes(&f));
        wb.define_name(name, &format!("={f}"))
            .map_err(|e| self::spec(at, e.to_string()))?;
    }
    // Level 2 is zlib-rs's fast strategy (no lazy matching): on W1 (100,000 x 10) it
    // takes about a third less CPU than level 3, whose medium strategy was a quarter of
    // the build, for a file 2% larger. Levels 1 and 0 grow files far more.
    wb.set_zip_compression_level(2);
    let bytes = wb.save_to_buffer().map_err(|e| write_err("workbook", &e))?;
    Ok((bytes, summary))
}

/// Sheets with at least this many cells are written a row at a time (with the
/// `low-memory` feature).
#[cfg(feature = "low-memory")]
const LOW_MEMORY_CELLS: usize = 50_000;

/// Whether a sheet is big enough to write a row at a time, and plain enough that nothing
/// is written to a row after a later one: the writer's constant-memory mode flushes each
/// row to a temporary file as soon as the next one starts (text as inline strings, so no
/// shared-string table grows either), and drops later writes to it. Merges,
/// tables (their header cells), notes and row heights are written after the cells, so a
/// sheet with any of them is kept in memory.
#[cfg(feature = "low-memory")]
fn low_memory_suits(sh: &SheetSpec) -> bool {
    sh.rows
        .has_cells(LOW_MEMORY_CELLS.saturating_sub(sh.cells.len()))
        && sh.merge.is_empty()
        && sh.tables.is_empty()
        && sh.notes.is_empty()
        && sh.row_heights.is_empty()
}

#[cfg(not(feature = "low-memory"))]
fn low_memory_suits(_: &SheetSpec) -> bool {
    false
}

#[cfg(feature = "low-memory")]
fn add_low_memory_sheet(wb: &mut Workbook, i: usize) -> Result<&mut rust_xlsxwriter::Worksheet> {
    wb.add_worksheet_with_constant_memory()
        .map_err(|e| write_err(format!("sheets[{i}]"), &e))
}

#[cfg(not(feature = "low-memory"))]
#[allow(clippy::unnecessary_wraps)] // the same signature as with the feature
fn add_low_memory_sheet(wb: &mut Workbook, _: usize) -> Result<&mut rust_xlsxwriter::Worksheet> {
    Ok(wb.add_worksheet())
}

fn check_sheet_name(name: &str, before: &[SheetSpec], i: usize) -> Result<()> {
    let at = format!("sheets[{i}].name");
    let problem = if name.is_empty() || name.chars().count() > 31 {
        Some("must have 1 to 31 characters".to_owned())
    } else if let Some(c) = name.chars().find(|c| "[]:*?/\\".contains(*c)) {
        Some(format!("must not contain {c:?} (none of [ ] : * ? / \\)"))
    } else if name.starts_with('\'') || name.ends_with('\'') {
        Some("must not start or end with an apostrophe".to_owned())
    } else if before
        .iter()
        .any(|s| s.name.to_lowercase() == name.to_lowercase())
    {
        Some("is used twice (names are compared without case)".to_owned())
    } else {
        None
    };
    match problem {
        Some(p) => Err(spec(at, format!("sheet name {name:?} {p}"))),
        None => Ok(()),
    }
}

fn write_err(at: impl Into<String>, e: &XlsxError) -> Error {
    Error::Write {
        at: at.into(),
        message: e.to_string(),
    }
}

fn area(s: &str, at: &str) -> Result<Area> {
    Area::parse(s).ok_or_else(|| spec(at, format!("{s:?} is not a range in A1 notation")))
}

/// A formula checked and ready for the writer, or an error naming `at`.
fn prepared(f: &str, at: &str) -> Result<Formula> {
    formula::prepare(f)
        .map(|f| Formula::new(crate::lambda_params::add_param_prefixes_owned(f)))
        .map_err(|reason| Error::Formula {
            at: at.to_owned(),
            formula: f.to_owned(),
            reason,
        })
}
