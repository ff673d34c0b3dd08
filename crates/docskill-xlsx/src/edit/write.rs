//! The `set` and `clear` operations: values, formulas, formats.

use std::collections::HashMap;

use serde_json::Value;

use super::Editor;
use super::cells::{self, Previous, Stored};
use super::ops::{ClearOp, SetOp};
use crate::cellref::{Area, Cell};
use crate::dates;
use crate::error::{Error, Result, edit};
use crate::spec::{CellSpec, Style, StyleRef, ValueType};

/// Most cells one `set` or `clear` may touch.
const MAX_CELLS_PER_OP: u64 = 2_000_000;

/// One cell's new content, before strings and styles are resolved.
#[derive(Debug, Clone, PartialEq)]
enum Content {
    /// Leave the content as it is (only the style changes).
    Keep,
    Value(Scalar),
    Formula {
        text: String,
        result: Option<Scalar>,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum Scalar {
    Number(f64),
    Text(String),
    Bool(bool),
    Error(String),
}

/// A default number format for dates and times when the cell has none.
fn date_format(kind: Option<ValueType>) -> Option<&'static str> {
    match kind {
        Some(ValueType::Date) => Some("yyyy-mm-dd"),
        Some(ValueType::Datetime) => Some("yyyy-mm-dd hh:mm:ss"),
        Some(ValueType::Time) => Some("hh:mm:ss"),
        _ => None,
    }
}

/// Read a JSON value as the scalar it stands for.
fn scalar(v: &Value, kind: Option<ValueType>, at: &str) -> Result<Scalar> {
    let bad = |what: &str| edit(at, format!("{v} is not {what}"));
    Ok(match (kind, v) {
        (None | Some(ValueType::Number), Value::Number(n)) => {
            Scalar::Number(n.as_f64().ok_or_else(|| bad("a number"))?)
        }
        (None | Some(ValueType::Bool), Value::Bool(b)) => Scalar::Bool(*b),
        (None | Some(ValueType::String), Value::String(s)) if s.starts_with('#') && is_error(s) => {
            Scalar::Error(s.clone())
        }
        (None | Some(ValueType::String), Value::String(s)) => Scalar::Text(s.clone()),
        (Some(ValueType::String), Value::Number(_) | Value::Bool(_)) => Scalar::Text(v.to_string()),
        (Some(ValueType::Number), Value::String(s)) => {
            Scalar::Number(s.trim().parse().map_err(|_| bad("a number"))?)
        }
        (Some(ValueType::Date | ValueType::Datetime), Value::String(s)) => {
            let dt = dates::parse_iso(s).ok_or_else(|| bad("an ISO 8601 date"))?;
            Scalar::Number(dates::to_serial(&dt))
        }
        (Some(ValueType::Time), Value::String(s)) => {
            let (h, m, sec) = dates::parse_time(s).ok_or_else(|| bad("a time HH:MM[:SS]"))?;
            Scalar::Number((f64::from(h) * 3600.0 + f64::from(m) * 60.0 + sec) / 86_400.0)
        }
        (_, Value::Null) => return Err(edit(at, "a null value; use `clear` to empty cells")),
        _ => return Err(bad("a value of the given type")),
    })
}

fn is_error(s: &str) -> bool {
    [
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
    ]
    .contains(&s)
}

/// Check a formula and make it ready to store (no `=`, newer functions prefixed).
pub(crate) fn stored_formula(f: &str, at: &str) -> Result<String> {
    let prepared = crate::formula::prepare(f).map_err(|reason| Error::Formula {
        at: at.to_owned(),
        formula: f.to_owned(),
        reason,
    })?;
    let stored = crate::future::add_prefixes(&crate::refs::normalise(&prepared));
    Ok(crate::lambda_params::add_param_prefixes(&stored))
}

impl Editor {
    fn stored(&mut self, s: &Scalar) -> Result<Stored> {
        Ok(match s {
            Scalar::Number(x) => Stored::Number(*x),
            Scalar::Bool(b) => Stored::Bool(*b),
            Scalar::Error(e) => Stored::Error(e.clone()),
            Scalar::Text(t) => Stored::Text(self.text_ref(t)?),
        })
    }

    /// The `set` operation.
    pub(crate) fn set(&mut self, op: &SetOp) -> Result<()> {
        let (sheet, area) = self.locate_area(&op.cell)?;
        let at = self.at(sheet, area);
        let mut style = op.style.clone();
        if let Some(n) = &op.num_format {
            style.get_or_insert_with(Style::default).num_format = Some(n.clone());
        }
        let mut plan: Vec<(Cell, Content, Option<Style>)> = Vec::new();
        if let Some(rows) = &op.rows {
            if op.value.is_some() || op.formula.is_some() || op.result.is_some() {
                return Err(edit(at, "give `rows`, or `value`/`formula`, not both"));
            }
            for (ri, row) in rows.iter().enumerate() {
                for (ci, spec) in row.iter().enumerate() {
                    let cell = Cell {
                        row: area.first.row + u32::try_from(ri).unwrap_or(u32::MAX),
                        col: area.first.col + u16::try_from(ci).unwrap_or(u16::MAX),
                    };
                    if cell.row >= crate::cellref::MAX_ROWS || cell.col >= crate::cellref::MAX_COLS
                    {
                        return Err(edit(at, "`rows` reach past the edge of the sheet"));
                    }
                    let cat = self.at(sheet, cell);
                    let (content, own_style) = spec_content(spec, &cat)?;
                    let merged = merge_styles(style.as_ref(), own_style.as_ref());
                    plan.push((cell, content, merged));
                }
            }
        } else {
            let cells = (u64::from(area.last.row - area.first.row) + 1)
                * (u64::from(area.last.col - area.first.col) + 1);
            if cells > MAX_CELLS_PER_OP {
                return Err(edit(
                    at,
                    format!("{cells} cells in one operation; the most is {MAX_CELLS_PER_OP}"),
                ));
            }
            let first = self.at(sheet, area.first);
            let content = match (&op.value, &op.formula) {
                (Some(_), Some(_)) => {
                    return Err(edit(at, "give `value` or `formula`, not both"));
                }
                (Some(v), None) => {
                    if op.result.is_some() {
                        return Err(edit(at, "`result` belongs to a formula"));
                    }
                    Content::Value(scalar(v, op.kind, &first)?)
                }
                (None, Some(f)) => Content::Formula {
                    text: stored_formula(f, &first)?,
                    result: op
                        .result
                        .as_ref()
                        .map(|r| scalar(r, None, &first))
                        .transpose()?,
                },
                (None, None) if style.is_some() => Content::Keep,
                (None, None) => {
                    return Err(edit(
                        at,
                        "nothing to set: give `value`, `formula`, `rows`, `style` or `num_format`",
                    ));
                }
            };
            let mut style = style.clone();
            if let Some(d) = date_format(op.kind)
                && style.as_ref().is_none_or(|s| s.num_format.is_none())
            {
                style.get_or_insert_with(Style::default).num_format = Some(d.to_owned());
                // Only where the cell does not show dates already (checked per cell below).
            }
            for row in area.first.row..=area.last.row {
                for col in area.first.col..=area.last.col {
                    let cell = Cell { row, col };
                    let c = match &content {
                        Content::Formula { text, result } => Content::Formula {
                            text: crate::refs::shift(
                                text,
                                i64::from(row - area.first.row),
                                i64::from(col - area.first.col),
                            ),
                            result: result.clone(),
                        },
                        other => other.clone(),
                    };
                    plan.push((cell, c, style.clone()));
                }
            }
        }
        self.write_plan(sheet, &plan, op.kind)
    }

    /// Write planned cells: strings and styles first, then the sheet.
    fn write_plan(
        &mut self,
        sheet: usize,
        plan: &[(Cell, Content, Option<Style>)],
        kind: Option<ValueType>,
    ) -> Result<()> {
        let arrays = cells::array_areas(self.sheet_mut(sheet)?);
        let mut xf_cache: HashMap<(u32, String), u32> = HashMap::new();
        let mut resolved = Vec::with_capacity(plan.len());
        for (cell, content, style) in plan {
            let at = self.at(sheet, cell);
            if let Some(a) = arrays.iter().find(|a| contains(a, *cell))
                && !matches!(content, Content::Keep)
            {
                return Err(edit(
                    at,
                    format!("the cell is part of the array formula in {a}; clear {a} first"),
                ));
            }
            let stored = match content {
                Content::Keep => None,
                Content::Value(s) => Some((None, Some(self.stored(s)?))),
                Content::Formula { text, result } => {
                    let r = result.as_ref().map(|r| self.stored(r)).transpose()?;
                    Some((Some(text.clone()), r))
                }
            };
            let xf = match style {
                Some(s) => {
                    let base = cells::style_of(self.sheet_mut(sheet)?, *cell);
                    let mut s = s.clone();
                    // A default date format only where the cell does not show dates yet.
                    if date_format(kind).is_some()
                        && s.num_format.as_deref() == date_format(kind)
                        && self.is_date_xf(base)?
                    {
                        s.num_format = None;
                    }
                    let key = (base, serde_json::to_string(&s).unwrap_or_default());
                    Some(match xf_cache.get(&key) {
                        Some(x) => *x,
                        None if s == Style::default() => base,
                        None => {
                            let x = self.derive_xf(base, &s, &at)?;
                            xf_cache.insert(key, x);
                            x
                        }
                    })
                }
                None => None,
            };
            resolved.push((*cell, stored, xf));
        }
        let root = self.sheet_mut(sheet)?;
        let mut formulas = false;
        let mut values = false;
        let mut written = 0u64;
        for (cell, stored, xf) in resolved {
            if let Some((formula, value)) = stored {
                let master = shared_master(root, cell);
                let prev: Previous = match &formula {
                    Some(f) => cells::write_formula(root, cell, f, value.as_ref()),
                    None => cells::write_value(root, cell, value.as_ref()),
                };
                if let (Some(si), Some(text)) = (prev.shared_master, master) {
                    cells::expand_shared(root, &si, cell, &text);
                }
                formulas |= prev.formula || formula.is_some();
                values = true;
                written += 1;
            }
            if let Some(x) = xf {
                cells::write_style(root, cell, x);
            }
        }
        self.formulas_changed |= formulas;
        self.values_changed |= values;
        self.cells_written += written;
        Ok(())
    }

    /// The `clear` operation.
    pub(crate) fn clear(&mut self, op: &ClearOp) -> Result<()> {
        let (sheet, area) = self.locate_area(&op.range)?;
        let root = self.sheet_mut(sheet)?;
        // Shared formula groups whose master goes are turned into plain formulas first.
        let masters: Vec<(Cell, String, String)> = shared_masters_in(root, area);
        let prev = cells::clear_area(root, area, op.formats);
        for (cell, si, text) in masters {
            cells::expand_shared(root, &si, cell, &text);
        }
        self.formulas_changed |= prev.iter().any(|p| p.formula);
        self.values_changed |= !prev.is_empty();
        self.cells_written += prev.len() as u64;
        Ok(())
    }
}

fn contains(a: &Area, c: Cell) -> bool {
    (a.first.row..=a.last.row).contains(&c.row) && (a.first.col..=a.last.col).contains(&c.col)
}

/// The formula text of a cell that is the master of a shared formula group.
fn shared_master(root: &docskill_opc::xml::dom::Element, cell: Cell) -> Option<String> {
    let c = cells::cell_ref(root, cell)?;
    let f = super::parts::child(c, "f")?;
    (f.attr("t") == Some("shared") && f.attr("ref").is_some()).then(|| f.text())
}

fn shared_masters_in(
    root: &docskill_opc::xml::dom::Element,
    area: Area,
) -> Vec<(Cell, String, String)> {
    let Some(data) = super::parts::child(root, "sheetData") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in data.elements() {
        for c in row.elements() {
            let Some(cell) = c.attr("r").and_then(Cell::parse) else {
                continue;
            };
            if !contains(&area, cell) {
                continue;
            }
            if let Some(f) = super::parts::child(c, "f")
                && f.attr("t") == Some("shared")
                && f.attr("ref").is_some()
                && let Some(si) = f.attr("si")
            {
                out.push((cell, si.to_owned(), f.text()));
            }
        }
    }
    out
}

/// A `rows` entry as content and its own style.
fn spec_content(spec: &CellSpec, at: &str) -> Result<(Content, Option<Style>)> {
    Ok(match spec {
        CellSpec::Empty(()) => (Content::Keep, None),
        CellSpec::Bool(b) => (Content::Value(Scalar::Bool(*b)), None),
        CellSpec::Number(n) => (Content::Value(Scalar::Number(*n)), None),
        CellSpec::Text(t) => (Content::Value(Scalar::Text(t.clone())), None),
        CellSpec::Full(o) => {
            let mut style = match &o.style {
                None => None,
                Some(StyleRef::Inline(s)) => Some((**s).clone()),
                Some(StyleRef::Named(n)) => {
                    return Err(edit(
                        at,
                        format!("named style {n:?}: edits take inline styles only"),
                    ));
                }
            };
            if let Some(d) = date_format(o.kind)
                && style.as_ref().is_none_or(|s| s.num_format.is_none())
            {
                style.get_or_insert_with(Style::default).num_format = Some(d.to_owned());
            }
            let content = match (&o.value, &o.formula) {
                (Some(_), Some(_)) => return Err(edit(at, "give `value` or `formula`, not both")),
                (Some(v), None) => Content::Value(scalar(v, o.kind, at)?),
                (None, Some(f)) => Content::Formula {
                    text: stored_formula(f, at)?,
                    result: o.result.as_ref().map(|r| scalar(r, None, at)).transpose()?,
                },
                (None, None) => Content::Keep,
            };
            (content, style)
        }
    })
}

/// `base` overlaid by `own` (fields of `own` win).
fn merge_styles(base: Option<&Style>, own: Option<&Style>) -> Option<Style> {
    match (base, own) {
        (None, None) => None,
        (Some(b), None) => Some(b.clone()),
        (None, Some(o)) => Some(o.clone()),
        (Some(b), Some(o)) => {
            let mut v = serde_json::to_value(b).unwrap_or_default();
            if let (Some(m), Value::Object(o)) = (
                v.as_object_mut(),
                serde_json::to_value(o).unwrap_or_default(),
            ) {
                m.extend(o);
            }
            serde_json::from_value(v).ok()
        }
    }
}
