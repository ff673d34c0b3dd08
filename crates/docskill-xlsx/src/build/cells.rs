//! Cell values and formulas: where each cell of the spec goes and how it is written.

use std::collections::{BTreeMap, btree_map};
use std::iter::Peekable;

use rust_xlsxwriter::{Format, Formula, Url, Worksheet, XlsxError};
use serde_json::Value;

use super::styles::Styles;
use super::{BuildSummary, RowFeed, area, prepared, write_err};
use crate::cellref::{Cell, MAX_COLS, MAX_ROWS};
use crate::dates;
use crate::error::{Result, spec};
use crate::spec::{CellObject, CellSpec, RawRows, SheetSpec, ValueType};

/// The cells of a sheet: `rows` from `start`, overlaid by `cells` (which win).
pub(super) struct SheetCells<'a> {
    name: &'a str,
    start: Cell,
    rows: &'a [Vec<CellSpec>],
    /// `cells`, by position.
    overrides: BTreeMap<Cell, &'a CellSpec>,
}

impl<'a> SheetCells<'a> {
    /// The cells of `sh`, with `rows` its rows as cells (empty when they are streamed).
    pub(super) fn new(sh: &'a SheetSpec, rows: &'a [Vec<CellSpec>]) -> Result<Self> {
        let name = sh.name.as_str();
        let start_s = sh.start.as_deref().unwrap_or("A1");
        let start = Cell::parse(start_s).ok_or_else(|| {
            spec(
                format!("{name}.start"),
                format!("{start_s:?} is not a cell reference"),
            )
        })?;
        let mut overrides = BTreeMap::new();
        for (k, v) in &sh.cells {
            let cell = Cell::parse(k).ok_or_else(|| {
                spec(
                    format!("{name}.cells.{k}"),
                    format!("{k:?} is not a cell reference like B7"),
                )
            })?;
            overrides.insert(cell, v);
        }
        let cells = Self {
            name,
            start,
            rows,
            overrides,
        };
        for (r, row) in rows.iter().enumerate() {
            cells.check_row(r, row.len())?;
        }
        Ok(cells)
    }

    /// That row `r` (from 0), of `len` cells, lies inside the sheet.
    fn check_row(&self, r: usize, len: usize) -> Result<()> {
        let last_row = u32::try_from(r)
            .ok()
            .and_then(|r| self.start.row.checked_add(r));
        let last_col = u16::try_from(len.saturating_sub(1))
            .ok()
            .and_then(|c| self.start.col.checked_add(c));
        match (last_row, last_col) {
            (Some(lr), Some(lc)) if lr < MAX_ROWS && lc < MAX_COLS => Ok(()),
            _ => Err(spec(
                format!("{}.rows[{r}]", self.name),
                "outside the sheet",
            )),
        }
    }

    /// The spec of one cell, if any.
    pub(super) fn get(&self, cell: Cell) -> Option<&'a CellSpec> {
        if let Some(v) = self.overrides.get(&cell) {
            return Some(*v);
        }
        let r = usize::try_from(cell.row.checked_sub(self.start.row)?).ok()?;
        let c = usize::from(cell.col.checked_sub(self.start.col)?);
        self.rows.get(r)?.get(c)
    }

    /// Every cell in row-major order (rows, then columns); a cell given both in `rows` and
    /// in `cells` is written once, from `cells`.
    pub(super) fn for_each(&self, mut f: impl FnMut(Cell, &CellSpec) -> Result<()>) -> Result<()> {
        let mut over = self.overrides.iter().peekable();
        for (r, row) in self.rows.iter().enumerate() {
            self.row_cells(&mut over, r, row, &mut f)?;
        }
        for (o, ov) in over {
            f(*o, ov)?;
        }
        Ok(())
    }

    /// [`Self::for_each`] with the rows parsed from `raw` by `feed` as they are written.
    pub(super) fn stream(
        &self,
        raw: &RawRows,
        feed: &mut dyn RowFeed,
        mut f: impl FnMut(Cell, &CellSpec) -> Result<()>,
    ) -> Result<()> {
        let mut over = self.overrides.iter().peekable();
        let mut r = 0;
        feed.rows(raw, &mut |row| {
            self.check_row(r, row.len())?;
            self.row_cells(&mut over, r, row, &mut f)?;
            r += 1;
            Ok(())
        })?;
        for (o, ov) in over {
            f(*o, ov)?;
        }
        Ok(())
    }

    /// The cells of row `r` (checked to be inside the sheet), after the overrides before them.
    fn row_cells(
        &self,
        over: &mut Peekable<btree_map::Iter<'_, Cell, &'a CellSpec>>,
        r: usize,
        row: &[CellSpec],
        f: &mut impl FnMut(Cell, &CellSpec) -> Result<()>,
    ) -> Result<()> {
        let row_n = self.start.row + u32::try_from(r).unwrap_or(0);
        for (c, v) in row.iter().enumerate() {
            let cell = Cell {
                row: row_n,
                col: self.start.col + u16::try_from(c).unwrap_or(0),
            };
            while let Some((o, ov)) = over.next_if(|(o, _)| **o <= cell) {
                f(*o, ov)?;
            }
            if self.overrides.is_empty() || !self.overrides.contains_key(&cell) {
                f(cell, v)?;
            }
        }
        Ok(())
    }
}

/// Number format a typed value needs when its style gives none.
pub(super) fn default_num(o: &CellObject) -> Option<&'static str> {
    match o.kind {
        Some(ValueType::Date) => Some("yyyy-mm-dd"),
        Some(ValueType::Datetime) => Some("yyyy-mm-dd hh:mm:ss"),
        Some(ValueType::Time) => Some("hh:mm:ss"),
        _ => None,
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => {
            if *b {
                "TRUE".into()
            } else {
                "FALSE".into()
            }
        }
        other => other.to_string(),
    }
}

/// Write one cell of `sheet`.
pub(super) fn write_cell(
    ws: &mut Worksheet,
    sheet: &str,
    cell: Cell,
    v: &CellSpec,
    styles: &mut Styles<'_>,
    sum: &mut BuildSummary,
) -> Result<()> {
    let (r, c) = (cell.row, cell.col);
    match v {
        CellSpec::Empty(()) => return Ok(()),
        CellSpec::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
        CellSpec::Number(n) => ws.write_number(r, c, *n).map(|_| ()),
        CellSpec::Text(s) => ws.write_string(r, c, s).map(|_| ()),
        CellSpec::Full(o) => return write_object(ws, sheet, cell, o, styles, sum),
    }
    .map_err(|e| write_err(format!("{sheet}!{cell}"), &e))?;
    sum.cells += 1;
    Ok(())
}

#[expect(
    clippy::many_single_char_names,
    reason = "r, c are row and column; o the cell; f a format"
)]
fn write_object(
    ws: &mut Worksheet,
    sheet: &str,
    cell: Cell,
    o: &CellObject,
    styles: &mut Styles<'_>,
    sum: &mut BuildSummary,
) -> Result<()> {
    let at = format!("{sheet}!{cell}");
    let fmt = styles.format(o.style.as_ref(), default_num(o), &at)?;
    let fmt = fmt.as_ref();
    if let Some(f) = &o.formula {
        if o.value.is_some() {
            return Err(spec(at, "give either `value` or `formula`, not both"));
        }
        if o.link.is_some() {
            return Err(spec(
                at,
                "a hyperlink cell shows text; write the formula =HYPERLINK(url, text) instead",
            ));
        }
        write_formula(ws, cell, o, f, fmt, &at)?;
        sum.formulas += 1;
        sum.cells += 1;
        return Ok(());
    }
    if o.result.is_some() || o.array.is_some() || o.dynamic {
        return Err(spec(
            at,
            "`result`, `array` and `dynamic` belong to a `formula`; this cell has none",
        ));
    }
    if o.tip.is_some() && o.link.is_none() {
        return Err(spec(at, "`tip` belongs to a `link`"));
    }
    if let Some(link) = &o.link {
        write_link(ws, cell, o, link, fmt, &at)?;
        sum.cells += 1;
        return Ok(());
    }
    let value = o.value.as_ref().unwrap_or(&Value::Null);
    let (r, c) = (cell.row, cell.col);
    let w = |e: XlsxError| write_err(&at, &e);
    match (o.kind, value) {
        (_, Value::Null) => match fmt {
            Some(fmt) => {
                ws.write_blank(r, c, fmt).map_err(w)?;
            }
            None => return Ok(()),
        },
        (Some(k @ (ValueType::Date | ValueType::Datetime | ValueType::Time)), Value::String(s)) => {
            let serial = date_serial(k, s).ok_or_else(|| {
                let want = match k {
                    ValueType::Date => "YYYY-MM-DD",
                    ValueType::Time => "HH:MM[:SS]",
                    _ => "YYYY-MM-DDTHH:MM[:SS]",
                };
                spec(
                    &at,
                    format!("{s:?} is not a valid {want} (years 1900 to 9999)"),
                )
            })?;
            let fmt = fmt.cloned().unwrap_or_default();
            ws.write_number_with_format(r, c, serial, &fmt).map_err(w)?;
        }
        (None | Some(ValueType::String), Value::String(s)) => {
            match fmt {
                Some(fmt) => ws.write_string_with_format(r, c, s, fmt),
                None => ws.write_string(r, c, s),
            }
            .map_err(w)?;
        }
        (None | Some(ValueType::Number), Value::Number(n)) => {
            let n = n.as_f64().unwrap_or_default();
            match fmt {
                Some(fmt) => ws.write_number_with_format(r, c, n, fmt),
                None => ws.write_number(r, c, n),
            }
            .map_err(w)?;
        }
        (None | Some(ValueType::Bool), Value::Bool(b)) => {
            match fmt {
                Some(fmt) => ws.write_boolean_with_format(r, c, *b, fmt),
                None => ws.write_boolean(r, c, *b),
            }
            .map_err(w)?;
        }
        (k, v) => {
            return Err(spec(
                at,
                format!(
                    "value {v} does not fit type {}",
                    k.map_or("(from the value)".into(), |k| format!("{k:?}")
                        .to_lowercase())
                ),
            ));
        }
    }
    sum.cells += 1;
    Ok(())
}

/// Excel serial number of an ISO date, datetime or time.
pub(super) fn date_serial(kind: ValueType, s: &str) -> Option<f64> {
    dates::serial_of(kind, s)
}

#[expect(
    clippy::many_single_char_names,
    reason = "r, c are row and column; o the cell; f the formula"
)]
fn write_formula(
    ws: &mut Worksheet,
    cell: Cell,
    o: &CellObject,
    f: &str,
    fmt: Option<&Format>,
    at: &str,
) -> Result<()> {
    let (r, c) = (cell.row, cell.col);
    let mut fm: Formula = prepared(f, at)?;
    if let Some(res) = &o.result {
        fm = fm.set_result(scalar_text(res));
    }
    let w = |e: XlsxError| write_err(at, &e);
    let plain = Format::new();
    let fmt_or_plain = fmt.unwrap_or(&plain);
    match (&o.array, o.dynamic) {
        (None, false) => match fmt {
            Some(fmt) => ws.write_formula_with_format(r, c, fm, fmt),
            None => ws.write_formula(r, c, fm),
        }
        .map(|_| ()),
        (None, true) => ws
            .write_dynamic_formula_with_format(r, c, fm, fmt_or_plain)
            .map(|_| ()),
        (Some(range), dynamic) => {
            let a = area(range, at)?;
            if a.first != cell {
                return Err(spec(
                    at,
                    format!("`array` {range:?} must start at this cell ({cell})"),
                ));
            }
            let (r2, c2) = (a.last.row, a.last.col);
            if dynamic {
                ws.write_dynamic_array_formula_with_format(r, c, r2, c2, fm, fmt_or_plain)
            } else {
                ws.write_array_formula_with_format(r, c, r2, c2, fm, fmt_or_plain)
            }
            .map(|_| ())
        }
    }
    .map_err(w)
}

/// The writer's form of a link: `#Sheet!A1` is a place in this workbook.
fn url(link: &str, at: &str) -> Result<Url> {
    let l = link.trim();
    if let Some(place) = l.strip_prefix('#') {
        if place.is_empty() {
            return Err(spec(at, "`link` \"#\" names no place; write #Sheet!A1"));
        }
        return Ok(Url::new(format!("internal:{place}")));
    }
    let lower = l.to_ascii_lowercase();
    if [
        "http://", "https://", "ftp://", "ftps://", "mailto:", "file:///",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        Ok(Url::new(l))
    } else {
        Err(spec(
            at,
            format!(
                "`link` {link:?} is not a URL (http://, https://, ftp://, mailto:, file:///) \
                 or a place in the workbook (#Sheet!A1)"
            ),
        ))
    }
}

fn write_link(
    ws: &mut Worksheet,
    cell: Cell,
    o: &CellObject,
    link: &str,
    fmt: Option<&Format>,
    at: &str,
) -> Result<()> {
    let mut u = url(link, at)?;
    match &o.value {
        None => {}
        Some(Value::String(s)) => u = u.set_text(s),
        Some(other) => u = u.set_text(other.to_string()),
    }
    if let Some(t) = &o.tip {
        u = u.set_tip(t);
    }
    match fmt {
        Some(fmt) => ws.write_url_with_format(cell.row, cell.col, u, fmt),
        None => ws.write_url(cell.row, cell.col, u),
    }
    .map(|_| ())
    .map_err(|e| write_err(at, &e))
}
