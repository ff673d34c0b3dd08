//! The recalculation report: errors by kind with every location and origin,
//! circular references, unsupported functions, and (on request) the cells
//! whose computed value disagrees with the value the file held.

use std::collections::BTreeMap;

use docskill_formula::{CalcReport, CellId};
use serde::Serialize;

use super::load::{Loaded, Site};
use crate::edit::CachedValue;

/// What a recalculation found, in the shape agents already read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RecalcReport {
    /// `success` when no formula errs, loops or uses something unsupported; else `errors_found`.
    pub status: String,
    /// Formula cells.
    pub total_formulas: usize,
    /// Formula cells whose value is an error.
    pub total_errors: usize,
    /// Errors by kind (`#REF!`...), each with every cell.
    pub error_summary: BTreeMap<String, ErrorGroup>,
    /// Every formula cell whose value is an error, in sheet, row, column order.
    pub errors: Vec<ErrorEntry>,
    /// Circular references, each a closed path of cells (the first repeated at the end).
    pub circular: Vec<Vec<String>>,
    /// Functions and constructs the engine does not implement, per cell. Such
    /// a cell keeps the value the file holds when it has one.
    pub unsupported: Vec<UnsupportedEntry>,
    /// With `compare_cached`: how many cells were compared and agreed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    /// With `compare_cached`: every cell whose computed value differs from the cached one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disagreements: Option<Vec<Disagreement>>,
}

/// One kind of error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ErrorGroup {
    /// How many cells.
    pub count: usize,
    /// Every cell, `Sheet!A1`.
    pub locations: Vec<String>,
}

/// A formula cell whose value is an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ErrorEntry {
    /// `Sheet!A1`.
    pub cell: String,
    /// `#REF!`, `#DIV/0!`...
    pub error: String,
    /// The formula, with its `=`.
    pub formula: String,
    /// The first cell in its dependency chain where the error arose.
    pub origin: String,
}

/// A function or construct the engine does not implement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct UnsupportedEntry {
    /// `Sheet!A1`.
    pub cell: String,
    /// Function name (`WEBSERVICE`) or construct (`external reference`).
    pub function: String,
}

/// Counts of a comparison with the cached values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Comparison {
    /// Formula cells that had a cached value and were computed.
    pub compared: usize,
    /// Of those, how many agree.
    pub agree: usize,
    /// Cells whose cached value is a number.
    pub numeric: usize,
    /// Of those, how many agree.
    pub numeric_agree: usize,
}

/// A cell whose computed value differs from the cached one.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Disagreement {
    /// `Sheet!A1`.
    pub cell: String,
    /// The formula.
    pub formula: String,
    /// Our value (number, text, boolean, or error text).
    pub ours: serde_json::Value,
    /// The file's cached value.
    pub theirs: serde_json::Value,
}

pub(crate) fn json_of(v: &CachedValue) -> serde_json::Value {
    match v {
        CachedValue::Number(x) => serde_json::Number::from_f64(*x)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        CachedValue::Text(s) | CachedValue::Error(s) => serde_json::Value::String(s.clone()),
        CachedValue::Bool(b) => serde_json::Value::Bool(*b),
    }
}

/// True when two values are the same for a reader (numbers to 1e-9 relative).
pub(crate) fn agree(ours: &CachedValue, theirs: &CachedValue) -> bool {
    match (ours, theirs) {
        (CachedValue::Number(a), CachedValue::Number(b)) => {
            let d = (a - b).abs();
            d <= 1e-9 * a.abs().max(b.abs()) || d < 1e-12
        }
        (CachedValue::Text(a), CachedValue::Text(b)) => a == b,
        (CachedValue::Bool(a), CachedValue::Bool(b)) => a == b,
        (CachedValue::Error(a), CachedValue::Error(b)) => a.eq_ignore_ascii_case(b),
        _ => false,
    }
}

/// A few cells to find among many: sorted, with a bit per (sheet, row) that
/// holds one of them, so most cells are passed over without a search.
struct Wanted {
    cells: Vec<CellId>,
    rows: Vec<Vec<u64>>,
}

impl Wanted {
    fn new(cells: impl Iterator<Item = CellId>) -> Wanted {
        let mut cells: Vec<CellId> = cells.collect();
        cells.sort_unstable();
        cells.dedup();
        let mut rows: Vec<Vec<u64>> = Vec::new();
        for c in &cells {
            let (s, r) = (c.sheet as usize, c.row as usize);
            if rows.len() <= s {
                rows.resize_with(s + 1, Vec::new);
            }
            let bits = &mut rows[s];
            if bits.len() <= r / 64 {
                bits.resize(r / 64 + 1, 0);
            }
            bits[r / 64] |= 1 << (r % 64);
        }
        Wanted { cells, rows }
    }

    /// The index of `c` among the cells, if it is one.
    fn find(&self, c: CellId) -> Option<usize> {
        let r = c.row as usize;
        let word = self.rows.get(c.sheet as usize)?.get(r / 64)?;
        if word & (1 << (r % 64)) == 0 {
            return None;
        }
        self.cells.binary_search(&c).ok()
    }
}

#[expect(clippy::too_many_lines, reason = "the report's sections in order")]
pub(crate) fn build(ld: &Loaded, calc: &CalcReport, compare: bool) -> RecalcReport {
    let name = |c: CellId| ld.wb.cell_name(c);
    // Sites of the error cells only (errors are usually few, sites many).
    let wanted = Wanted::new(calc.errors.iter().map(|e| e.cell));
    let mut found: Vec<Option<&Site>> = vec![None; wanted.cells.len()];
    if !found.is_empty() {
        for s in ld.sites.iter() {
            if let Some(i) = wanted.find(s.at) {
                found[i] = Some(s);
            }
        }
    }
    let mut errors: Vec<(CellId, ErrorEntry)> = calc
        .errors
        .iter()
        .map(|e| {
            let formula = wanted
                .find(e.cell)
                .and_then(|i| found[i])
                .map(|s| ld.formula_text(s))
                .unwrap_or_default();
            (
                e.cell,
                ErrorEntry {
                    cell: name(e.cell),
                    error: e.error.as_str().to_owned(),
                    formula,
                    origin: name(e.origin),
                },
            )
        })
        .collect();
    for s in ld.sites.iter().filter(|s| s.keep) {
        if let Some(CachedValue::Error(e)) = ld.cached(s) {
            errors.push((
                s.at,
                ErrorEntry {
                    cell: name(s.at),
                    error: e.clone(),
                    formula: ld.formula_text(s),
                    origin: name(s.at),
                },
            ));
        }
    }
    errors.sort_by_key(|(c, _)| *c);
    let errors: Vec<ErrorEntry> = errors.into_iter().map(|(_, e)| e).collect();
    let mut summary: BTreeMap<String, ErrorGroup> = BTreeMap::new();
    for e in &errors {
        let g = summary.entry(e.error.clone()).or_default();
        g.count += 1;
        g.locations.push(e.cell.clone());
    }
    let circular: Vec<Vec<String>> = calc
        .circular
        .iter()
        // The engine walks a cycle from precedent to dependent; read it the
        // way formulas do: each cell followed by the cell it uses.
        .map(|c| c.iter().rev().map(|&x| name(x)).collect())
        .collect();
    let mut unsup: Vec<(CellId, String)> = ld.unsupported.clone();
    for u in &calc.unsupported {
        unsup.push((u.cell, u.function.clone()));
    }
    unsup.sort();
    unsup.dedup();
    let unsupported: Vec<UnsupportedEntry> = unsup
        .into_iter()
        .map(|(c, f)| UnsupportedEntry {
            cell: name(c),
            function: f,
        })
        .collect();
    let total_formulas = ld.sites.iter().filter(|s| s.counted).count();
    let ok = errors.is_empty() && circular.is_empty() && unsupported.is_empty();
    let mut report = RecalcReport {
        status: if ok { "success" } else { "errors_found" }.to_owned(),
        total_formulas,
        total_errors: errors.len(),
        error_summary: summary,
        errors,
        circular,
        unsupported,
        comparison: None,
        disagreements: None,
    };
    if compare {
        let mut c = Comparison::default();
        let mut list = Vec::new();
        for s in ld.sites.iter().filter(|s| !s.keep) {
            let Some(theirs) = &ld.cached(s) else {
                continue;
            };
            let ours = super::cached_of(ld.wb.value(s.at.sheet, s.at.row, s.at.col));
            let same = agree(&ours, theirs);
            c.compared += 1;
            c.agree += usize::from(same);
            if matches!(theirs, CachedValue::Number(_)) {
                c.numeric += 1;
                c.numeric_agree += usize::from(same);
            }
            if !same {
                list.push(Disagreement {
                    cell: name(s.at),
                    formula: ld.formula_text(s),
                    ours: json_of(&ours),
                    theirs: json_of(theirs),
                });
            }
        }
        report.comparison = Some(c);
        report.disagreements = Some(list);
    }
    report
}
