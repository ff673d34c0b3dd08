//! `recalc`: compute every formula of a workbook with the `docskill-formula`
//! engine and write the results into the workbook's own XML as cached values,
//! so every viewer shows the numbers; report errors, circular references and
//! what the engine does not support.
//!
//! ```
//! use docskill_xlsx::{build, BuildOptions, WorkbookSpec};
//! use docskill_xlsx::recalc::{recalc, RecalcOptions};
//! let spec: WorkbookSpec = serde_json::from_str(r#"{"sheets": [{"name": "Model",
//!     "rows": [[2, {"formula": "=A1*21"}, {"formula": "=1/0"}]]}]}"#).unwrap();
//! let (bytes, _) = build(&spec, &BuildOptions::default()).unwrap();
//! let (out, report) = recalc(bytes, &RecalcOptions::default(), &docskill_opc::Limits::default()).unwrap();
//! assert_eq!(report.status, "errors_found");
//! assert_eq!(report.total_formulas, 2);
//! assert_eq!(report.errors[0].cell, "Model!C1");
//! assert_eq!(report.errors[0].error, "#DIV/0!");
//! # let _ = out;
//! ```
//!
//! Only the `<c>` elements of formula cells change, and `calcChain.xml` goes
//! (with its relationship and content type); every other part keeps its bytes.

mod load;
mod patch;
mod pieces;
mod report;
mod scan;
mod scan_fast;
mod split;

#[cfg(test)]
mod tests;

use docskill_formula::{CalcOptions, CellId, Value};
use docskill_opc::Limits;
use docskill_opc::pool::Pool;

pub use report::{Disagreement, ErrorEntry, ErrorGroup, RecalcReport, UnsupportedEntry};

use crate::edit::CachedValue;
use crate::error::{Error, Result};

/// Options of a recalculation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecalcOptions {
    /// Serial date-time (1900 system) that `NOW()` returns; `TODAY()` is its
    /// whole part. Default 45658.5 (2025-01-01 12:00).
    pub now: f64,
    /// Seed of `RAND` and `RANDBETWEEN`. Default 0.
    pub seed: u64,
    /// Compare the computed values with the cached values the file holds,
    /// listing every disagreement in [`RecalcReport::disagreements`].
    pub compare_cached: bool,
}

impl Default for RecalcOptions {
    fn default() -> Self {
        let c = CalcOptions::default();
        Self {
            now: c.now,
            seed: c.seed,
            compare_cached: false,
        }
    }
}

fn calc_options(o: &RecalcOptions) -> CalcOptions {
    CalcOptions {
        now: o.now,
        seed: o.seed,
    }
}

/// The value to store for an engine result.
pub(crate) fn cached_of(v: &Value) -> CachedValue {
    match v {
        Value::Number(x) if x.is_finite() => CachedValue::Number(*x),
        Value::Number(_) => CachedValue::Error("#NUM!".into()),
        Value::Text(s) => CachedValue::Text(s.to_string()),
        Value::Bool(b) => CachedValue::Bool(*b),
        Value::Error(e) => CachedValue::Error(e.as_str().to_owned()),
        Value::Empty => CachedValue::Number(0.0),
        Value::Array(a) => a.get(0, 0).map_or(CachedValue::Number(0.0), cached_of),
    }
}

/// Recalculates `bytes`: every formula computed and its value written back.
/// Returns the new workbook and the report.
///
/// # Errors
/// [`Error::Package`] for a file that is not a readable package; [`Error::Read`]
/// when the workbook part or a worksheet is malformed XML.
pub fn recalc(
    bytes: Vec<u8>,
    opts: &RecalcOptions,
    limits: &Limits,
) -> Result<(Vec<u8>, RecalcReport)> {
    recalc_with(bytes, opts, limits, Pool::SEQUENTIAL)
}

/// As [`recalc`], with the caller's threads: large worksheets are loaded in
/// pieces, and large rewritten worksheets patched and compressed in pieces
/// ([`docskill_opc::deflate::deflate_pieces`]) on them. The output does not depend
/// on the pool.
///
/// # Errors
/// As [`recalc`].
pub fn recalc_with(
    bytes: Vec<u8>,
    opts: &RecalcOptions,
    limits: &Limits,
    pool: Pool<'_>,
) -> Result<(Vec<u8>, RecalcReport)> {
    let mut ld = load::load(bytes, limits, pool)?;
    let calc = ld
        .wb
        .calculate_with(&calc_options(opts), pool.threads, pool.run);
    let report = report::build(&ld, &calc, opts.compare_cached);
    // The sites to rewrite, by sheet (a pointer each: the sites hold the rest).
    let mut edits: Vec<Vec<&load::Site>> = vec![Vec::new(); ld.sheets.len()];
    let mut counts = vec![0usize; ld.sheets.len()];
    for s in ld.sites.iter() {
        if let Some(n) = counts.get_mut(s.at.sheet as usize) {
            *n += 1;
        }
    }
    for (e, n) in edits.iter_mut().zip(counts) {
        e.reserve_exact(n);
    }
    for s in ld.sites.iter().filter(|s| !s.keep) {
        if let Some(e) = edits.get_mut(s.at.sheet as usize) {
            e.push(s);
        }
    }
    // Large inflated parts, freed while the zip is written.
    let mut spent = Vec::new();
    for (i, mut e) in edits.into_iter().enumerate() {
        let Some(part) = ld.sheets[i].part.clone() else {
            continue;
        };
        if e.is_empty() {
            continue;
        }
        e.sort_unstable_by_key(|s| s.span.0);
        let xml = std::mem::take(&mut ld.sheets[i].xml);
        let value = |at: CellId| cached_of(ld.wb.value(at.sheet, at.row, at.col));
        let bad = |err| Error::Read(format!("{part}: {err}"));
        if xml.len() > docskill_opc::deflate::CHUNK {
            // Large parts are patched and deflated in pieces, in parallel.
            let d = pieces::patch_deflated_chunks(&xml, &e, &value, pool).map_err(bad)?;
            spent.push(xml);
            ld.pkg.set_part_deflated(&part, d)?;
        } else {
            let mut out = Vec::with_capacity(xml.len() + e.len() * 8);
            patch::patch_into(&xml, &e, value, &mut out).map_err(bad)?;
            ld.pkg.set_part(&part, out, None)?;
        }
    }
    drop_calc_chain(&mut ld)?;
    Ok((zip_and_free(ld, spent, pool)?, report))
}

/// The package written while the rest of the loaded workbook (the engine's
/// cells, the inflated parts, `spent`) is freed on another task: freeing
/// hundreds of megabytes takes about as long as writing the zip.
fn zip_and_free(ld: load::Loaded, spent: Vec<Vec<u8>>, pool: Pool<'_>) -> Result<Vec<u8>> {
    let load::Loaded {
        pkg,
        wb_part,
        wb,
        sheets,
        sites,
        unsupported,
        sst,
    } = ld;
    let mut rest = Some((wb_part, wb, sheets, sites, unsupported, sst, spent));
    let mut zipped = None;
    {
        let mut free = || drop(rest.take());
        let mut zip = || zipped = Some(pkg.to_bytes());
        (pool.run)(&mut [&mut free, &mut zip]);
    }
    // Tasks the pool left out run here.
    drop(rest);
    Ok(zipped.unwrap_or_else(|| pkg.to_bytes())?)
}

/// Removes `calcChain.xml`, its relationship and its content type override.
fn drop_calc_chain(ld: &mut load::Loaded) -> Result<()> {
    crate::edit::book::drop_calc_chain(&mut ld.pkg, &ld.wb_part)?;
    Ok(())
}

/// Computes the workbook and reports, without writing anything.
///
/// # Errors
/// As [`recalc`].
pub fn check(bytes: Vec<u8>, opts: &RecalcOptions, limits: &Limits) -> Result<RecalcReport> {
    check_with(bytes, opts, limits, Pool::SEQUENTIAL)
}

/// As [`check`], with the caller's threads (see [`recalc_with`]).
///
/// # Errors
/// As [`recalc`].
pub fn check_with(
    bytes: Vec<u8>,
    opts: &RecalcOptions,
    limits: &Limits,
    pool: Pool<'_>,
) -> Result<RecalcReport> {
    let mut ld = load::load(bytes, limits, pool)?;
    let calc = ld
        .wb
        .calculate_with(&calc_options(opts), pool.threads, pool.run);
    Ok(report::build(&ld, &calc, opts.compare_cached))
}

/// Evaluates one formula against the workbook (after computing it), as if it
/// stood in cell A1 of `sheet` (the first sheet when `None`).
///
/// # Errors
/// As [`recalc`]; [`Error::SheetNotFound`] for an unknown sheet;
/// [`Error::Formula`] when the formula does not parse.
pub fn evaluate(
    bytes: Vec<u8>,
    formula: &str,
    sheet: Option<&str>,
    opts: &RecalcOptions,
    limits: &Limits,
) -> Result<CachedValue> {
    let mut ld = load::load(bytes, limits, Pool::SEQUENTIAL)?;
    ld.wb.calculate(&calc_options(opts));
    let names: Vec<String> = ld.wb.sheets().iter().map(|s| s.name.clone()).collect();
    let idx = match sheet {
        Some(s) => ld.wb.sheet_index(s).ok_or_else(|| Error::SheetNotFound {
            name: s.to_owned(),
            available: names.clone(),
        })?,
        None => 0,
    };
    let v = ld
        .wb
        .evaluate(idx, formula, &calc_options(opts))
        .map_err(|e| Error::Formula {
            at: "eval".into(),
            formula: formula.to_owned(),
            reason: e.to_string(),
        })?;
    let _ = CellId::new(0, 0, 0);
    Ok(cached_of(&v))
}
