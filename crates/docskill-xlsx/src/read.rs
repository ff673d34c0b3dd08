//! `info` and `read`: structure and typed values of a workbook, with calamine.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Cursor;

use calamine::{Data, Range, Reader, SheetType, SheetVisible, Xlsx};
use serde::Serialize;
use serde_json::{Value, json};

use crate::cellref::{Area, Cell, column_name};
use crate::dates::serial_to_iso;
use crate::error::{Error, Result};

/// One sheet in [`Info`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetInfo {
    /// Tab name.
    pub name: String,
    /// `visible`, `hidden` or `very_hidden`.
    pub visibility: &'static str,
    /// `worksheet`, `chartsheet`, `dialogsheet`, `macrosheet`.
    pub kind: &'static str,
    /// Smallest range holding every non-empty cell, e.g. `A1:D20` (none for an empty sheet).
    pub used_range: Option<String>,
    /// Non-empty cells.
    pub cells: u64,
    /// Cells with a formula.
    pub formulas: u64,
    /// Merged ranges.
    pub merged: u64,
    /// Data validation rules.
    pub validations: u64,
    /// Conditional-format rules.
    pub conditional_formats: u64,
    /// Charts drawn on the sheet.
    pub charts: u64,
}

/// A defined name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DefinedName {
    /// The name (`Sheet!Name` for a sheet-scoped one, as calamine reports it).
    pub name: String,
    /// What it refers to, e.g. `Data!$B$1`.
    pub refers_to: String,
}

/// A table (list object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableInfo {
    /// Table name.
    pub name: String,
    /// The sheet holding it.
    pub sheet: String,
}

/// The structure of a workbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Info {
    /// Sheets in tab order.
    pub sheets: Vec<SheetInfo>,
    /// Defined names.
    pub defined_names: Vec<DefinedName>,
    /// Tables.
    pub tables: Vec<TableInfo>,
    /// Formulas over all sheets.
    pub formulas: u64,
    /// Charts over all sheets.
    pub charts: u64,
    /// True when dates count from 1904 (old Mac workbooks).
    pub date1904: bool,
    /// Things that could not be read but did not stop the rest.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

pub(crate) fn open<'a>(
    bytes: &'a [u8],
    limits: &docskill_opc::Limits,
) -> Result<(Xlsx<Cursor<&'a [u8]>>, docskill_opc::Package)> {
    // The OPC layer refuses hostile, encrypted and foreign files with a typed error first.
    let pkg = docskill_opc::Package::open(bytes.to_vec(), limits)?;
    let wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| Error::Read(e.to_string()))?;
    Ok((wb, pkg))
}

/// True when a worksheet part sits at the package root (`/sheet1.xml`): calamine 0.38
/// panics loading tables of such packages, so tables are skipped for them.
fn sheet_at_root(pkg: &docskill_opc::Package) -> bool {
    let Ok(root) = pkg.relationships("/") else {
        return false;
    };
    let Some(main) = root
        .items
        .iter()
        .find(|r| r.rel_type.ends_with("/officeDocument"))
        .and_then(|r| docskill_opc::resolve_target("/", &r.target))
    else {
        return false;
    };
    pkg.relationships(&main).is_ok_and(|rels| {
        rels.items.iter().any(|r| {
            r.rel_type.ends_with("/worksheet")
                && docskill_opc::resolve_target(&main, &r.target)
                    .is_some_and(|p| p.rfind('/') == Some(0))
        })
    })
}

fn visibility(v: SheetVisible) -> &'static str {
    match v {
        SheetVisible::Visible => "visible",
        SheetVisible::Hidden => "hidden",
        SheetVisible::VeryHidden => "very_hidden",
    }
}

fn kind(t: SheetType) -> &'static str {
    match t {
        SheetType::WorkSheet => "worksheet",
        SheetType::ChartSheet => "chartsheet",
        SheetType::DialogSheet => "dialogsheet",
        SheetType::MacroSheet => "macrosheet",
        SheetType::Vba => "vba",
    }
}

fn range_text<T: Default + Clone + PartialEq + calamine::CellType>(r: &Range<T>) -> Option<String> {
    let (s, e) = (r.start()?, r.end()?);
    let a = Area {
        first: Cell {
            row: s.0,
            col: u16::try_from(s.1).ok()?,
        },
        last: Cell {
            row: e.0,
            col: u16::try_from(e.1).ok()?,
        },
    };
    Some(a.to_string())
}

/// Sheets (name, visibility, used range, counts), defined names, tables and formula counts.
///
/// ```
/// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/xlsx/full.xlsx")).unwrap();
/// let info = docskill_xlsx::info(&bytes, &docskill_opc::Limits::default()).unwrap();
/// assert_eq!(info.sheets[0].name, "Data");
/// ```
///
/// # Errors
/// [`Error::Package`] for files that are not safe OOXML zips (encrypted, corrupt, over a
/// limit), [`Error::Read`] when the workbook part cannot be read.
pub fn info(bytes: &[u8], limits: &docskill_opc::Limits) -> Result<Info> {
    let (mut wb, pkg) = open(bytes, limits)?;
    let date1904 = wb.has_1904_epoch();
    let mut warnings = Vec::new();
    let metas = wb.sheets_metadata().to_vec();
    let defined_names = wb
        .defined_names()
        .iter()
        .map(|(n, r)| DefinedName {
            name: n.clone(),
            refers_to: r.clone(),
        })
        .collect();
    let mut tables = Vec::new();
    let tables_result = if sheet_at_root(&pkg) {
        Err("skipped: worksheets at the package root".to_owned())
    } else {
        wb.load_tables().map_err(|e| e.to_string())
    };
    match tables_result {
        Ok(()) => {
            for m in &metas {
                for t in wb.table_names_in_sheet(&m.name) {
                    tables.push(TableInfo {
                        name: t.clone(),
                        sheet: m.name.clone(),
                    });
                }
            }
        }
        Err(e) => warnings.push(format!("tables: {e}")),
    }
    let mut objects = crate::sheet_objects::by_sheet(&pkg);
    let mut sheets = Vec::with_capacity(metas.len());
    let mut total = 0;
    let mut charts = 0;
    for m in metas {
        let o = objects.remove(&m.name).unwrap_or_else(|| {
            warnings.push(format!(
                "{}: validations, conditional formats and charts: the sheet part could not be read",
                m.name
            ));
            crate::sheet_objects::Objects::default()
        });
        let mut s = SheetInfo {
            name: m.name.clone(),
            visibility: visibility(m.visible),
            kind: kind(m.typ),
            used_range: None,
            cells: 0,
            formulas: 0,
            merged: 0,
            validations: o.validations,
            conditional_formats: o.conditional_formats,
            charts: o.charts,
        };
        if m.typ == SheetType::WorkSheet {
            match wb.worksheet_range(&m.name) {
                Ok(r) => {
                    s.used_range = range_text(&r);
                    s.cells = r
                        .used_cells()
                        .filter(|(_, _, v)| !matches!(v, Data::Empty))
                        .count() as u64;
                }
                Err(e) => warnings.push(format!("{}: values: {e}", m.name)),
            }
            match wb.worksheet_formula(&m.name) {
                Ok(r) => {
                    s.formulas = r.used_cells().filter(|(_, _, f)| !f.is_empty()).count() as u64;
                }
                Err(e) => warnings.push(format!("{}: formulas: {e}", m.name)),
            }
            match wb.merge_cells_by_sheet_name(&m.name) {
                Ok(v) => s.merged = v.len() as u64,
                Err(e) => warnings.push(format!("{}: merged cells: {e}", m.name)),
            }
        }
        total += s.formulas;
        charts += s.charts;
        sheets.push(s);
    }
    Ok(Info {
        sheets,
        defined_names,
        tables,
        formulas: total,
        charts,
        date1904,
        warnings,
    })
}

/// Options of [`read`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Sheet name; default the first sheet.
    pub sheet: Option<String>,
    /// Range in A1 notation; default the used range.
    pub range: Option<String>,
    /// Include each formula beside its value.
    pub formulas: bool,
    /// Refuse more cells than this (default 1,000,000); ask for a smaller range instead.
    pub max_cells: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            sheet: None,
            range: None,
            formulas: false,
            max_cells: 1_000_000,
        }
    }
}

/// Values of a rectangle of cells.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// The sheet read.
    pub sheet: String,
    /// The range read (`None` for an empty sheet).
    pub range: Option<String>,
    /// Rows of typed values: numbers, text, booleans, `null` for empty cells, dates and
    /// times as ISO 8601 text, errors as their text (`#DIV/0!`). With `formulas`, a cell
    /// holding a formula is `{"value": ..., "formula": "=..."}`.
    pub rows: Vec<Vec<Value>>,
    /// Merged ranges that overlap the range read, in A1 notation (`A1:C1`); the value of
    /// a merged range is in its top-left cell.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// Formula text by position (same shape as `rows`), when asked for.
    #[serde(skip)]
    pub formula_grid: Option<Vec<Vec<Option<String>>>>,
}

pub(crate) fn value_json(v: &Data, date1904: bool) -> Value {
    match v {
        Data::Empty => Value::Null,
        Data::Int(i) => json!(i),
        #[expect(clippy::cast_possible_truncation, reason = "whole and below 2^53")]
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => json!(*f as i64),
        Data::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Value::String(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(d) if d.is_duration() => {
            let secs = (d.as_f64() * 86_400.0).round();
            #[expect(
                clippy::cast_possible_truncation,
                reason = "durations in a sheet are small"
            )]
            let secs = secs as i64;
            Value::String(format!(
                "{}:{:02}:{:02}",
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            ))
        }
        Data::DateTime(d) => Value::String(serial_to_iso(d.as_f64(), date1904)),
        Data::Error(e) => Value::String(e.to_string()),
    }
}

/// Read typed values (and optionally formulas) of one sheet.
///
/// ```
/// use docskill_xlsx::{read, ReadOptions};
/// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/xlsx/full.xlsx")).unwrap();
/// let opts = ReadOptions { range: Some("A1:B2".into()), ..ReadOptions::default() };
/// let t = read(&bytes, &opts, &docskill_opc::Limits::default()).unwrap();
/// assert_eq!(t.rows.len(), 2);
/// ```
///
/// # Errors
/// [`Error::SheetNotFound`] (with the sheet names), [`Error::NotAWorksheet`],
/// [`Error::InvalidRange`], [`Error::TooManyCells`], and the errors of [`info`].
pub fn read(bytes: &[u8], opts: &ReadOptions, limits: &docskill_opc::Limits) -> Result<Table> {
    let (mut wb, _) = open(bytes, limits)?;
    let date1904 = wb.has_1904_epoch();
    let name = chosen_sheet(&wb, opts.sheet.as_deref())?;
    read_sheet(&mut wb, name, date1904, opts)
}

/// The worksheet `sheet` names (default the first sheet).
pub(crate) fn chosen_sheet<R: std::io::Read + std::io::Seek>(
    wb: &Xlsx<R>,
    sheet: Option<&str>,
) -> Result<String> {
    let metas = wb.sheets_metadata();
    let meta = match sheet {
        Some(name) => {
            metas
                .iter()
                .find(|m| m.name == name)
                .ok_or_else(|| Error::SheetNotFound {
                    name: name.to_owned(),
                    available: metas.iter().map(|m| m.name.clone()).collect(),
                })?
        }
        None => metas
            .first()
            .ok_or_else(|| Error::Read("the workbook has no sheets".into()))?,
    };
    if meta.typ != SheetType::WorkSheet {
        return Err(Error::NotAWorksheet(meta.name.clone()));
    }
    Ok(meta.name.clone())
}

fn read_sheet<R: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<R>,
    name: String,
    date1904: bool,
    opts: &ReadOptions,
) -> Result<Table> {
    let values = wb
        .worksheet_range(&name)
        .map_err(|e| Error::Read(format!("{name}: {e}")))?;
    let area = match &opts.range {
        Some(r) => Some(Area::parse(r).ok_or_else(|| Error::InvalidRange(r.clone()))?),
        None => match (values.start(), values.end()) {
            (Some(s), Some(e)) => Some(Area {
                first: Cell {
                    row: s.0,
                    col: u16::try_from(s.1).unwrap_or(u16::MAX),
                },
                last: Cell {
                    row: e.0,
                    col: u16::try_from(e.1).unwrap_or(u16::MAX),
                },
            }),
            _ => None,
        },
    };
    let Some(area) = area else {
        return Ok(Table {
            sheet: name,
            range: None,
            rows: Vec::new(),
            merged: Vec::new(),
            formula_grid: opts.formulas.then(Vec::new),
        });
    };
    let height = u64::from(area.last.row - area.first.row) + 1;
    let width = u64::from(area.last.col - area.first.col) + 1;
    if height * width > opts.max_cells {
        return Err(Error::TooManyCells {
            what: format!("{name}!{area}"),
            cells: height * width,
            limit: opts.max_cells,
        });
    }
    let formulas = if opts.formulas {
        Some(
            wb.worksheet_formula(&name)
                .map_err(|e| Error::Read(format!("{name}: {e}")))?,
        )
    } else {
        None
    };
    let row_len = usize::try_from(width).unwrap_or(0);
    let mut rows = Vec::with_capacity(usize::try_from(height).unwrap_or(0));
    let mut grid = Vec::new();
    for r in area.first.row..=area.last.row {
        let mut row = Vec::with_capacity(row_len);
        let mut frow = Vec::new();
        for c in area.first.col..=area.last.col {
            let pos = (r, u32::from(c));
            let v = values
                .get_value(pos)
                .map_or(Value::Null, |v| value_json(v, date1904));
            let f = formulas
                .as_ref()
                .and_then(|f| f.get_value(pos))
                .filter(|f| !f.is_empty())
                .map(|f| format!("={}", strip_prefixes(f)));
            match &f {
                Some(f) => row.push(json!({ "value": v, "formula": f })),
                None => row.push(v),
            }
            if opts.formulas {
                frow.push(f);
            }
        }
        rows.push(row);
        if opts.formulas {
            grid.push(frow);
        }
    }
    let merged = merged_in(wb, &name, area);
    Ok(Table {
        sheet: name,
        range: Some(area.to_string()),
        rows,
        merged,
        formula_grid: opts.formulas.then_some(grid),
    })
}

/// Drop the `_xlfn.`/`_xlws.`/`_xlpm.` storage prefixes outside string literals, as Excel
/// shows them.
pub(crate) fn strip_prefixes(f: &str) -> String {
    let mut out = String::with_capacity(f.len());
    let mut in_str = false;
    let mut rest = f;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            in_str = !in_str;
        } else if !in_str
            && let Some(r) = rest
                .strip_prefix("_xlfn.")
                .or_else(|| rest.strip_prefix("_xlws."))
                .or_else(|| rest.strip_prefix("_xlpm."))
        {
            rest = r;
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Text of a JSON cell value: empty for null, strings as they are, the value of a
/// `{"value", "formula"}` cell.
pub(crate) fn plain(v: &Value) -> Cow<'_, str> {
    match v {
        Value::Null => "".into(),
        Value::String(s) => s.as_str().into(),
        Value::Object(o) => o.get("value").map(plain).unwrap_or_default(),
        other => other.to_string().into(),
    }
}

impl Table {
    /// Text of a cell: the formula (`=...`) where one was read, else the value.
    fn text<'a>(&'a self, r: usize, c: usize, v: &'a Value) -> std::borrow::Cow<'a, str> {
        match self
            .formula_grid
            .as_ref()
            .and_then(|g| g.get(r)?.get(c)?.as_deref())
        {
            Some(f) => f.into(),
            None => plain(v),
        }
    }

    /// CSV (RFC 4180: fields with commas, quotes or line breaks are quoted), formulas in
    /// place of values when they were read.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        for (r, row) in self.rows.iter().enumerate() {
            csv_row(
                &mut out,
                row.iter().enumerate().map(|(c, v)| self.text(r, c, v)),
            );
        }
        out
    }

    /// A Markdown table with column letters as header and row numbers in the first column.
    pub fn to_markdown(&self) -> String {
        let Some(area) = self.range.as_deref().and_then(Area::parse) else {
            return String::new();
        };
        let mut out = markdown_header(area);
        for (i, row) in self.rows.iter().enumerate() {
            markdown_row(
                &mut out,
                area.first.row as usize + i + 1,
                row.iter().enumerate().map(|(c, v)| self.text(i, c, v)),
            );
        }
        out
    }
}

/// One CSV line (RFC 4180 quoting).
pub(crate) fn csv_row<'a>(out: &mut String, fields: impl Iterator<Item = Cow<'a, str>>) {
    for (c, s) in fields.enumerate() {
        if c > 0 {
            out.push(',');
        }
        if s.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&s.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&s);
        }
    }
    out.push('\n');
}

/// The header of a Markdown table: column letters, then the rule.
pub(crate) fn markdown_header(area: Area) -> String {
    let mut out = String::from("|   |");
    for c in area.first.col..=area.last.col {
        let _ = write!(out, " {} |", column_name(c));
    }
    out.push_str("\n|---|");
    for _ in area.first.col..=area.last.col {
        out.push_str("---|");
    }
    out.push('\n');
    out
}

/// One Markdown table row, led by its row number.
pub(crate) fn markdown_row<'a>(
    out: &mut String,
    number: usize,
    fields: impl Iterator<Item = Cow<'a, str>>,
) {
    let _ = write!(out, "| {number} |");
    for s in fields {
        let s = s.replace('|', "\\|").replace(['\n', '\r'], " ");
        let _ = write!(out, " {s} |");
    }
    out.push('\n');
}

/// The merged ranges of `sheet` that overlap `area`, in A1 notation (none when the sheet's
/// merges cannot be read: the values still can).
pub(crate) fn merged_in<R: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<R>,
    sheet: &str,
    area: Area,
) -> Vec<String> {
    let Ok(merges) = wb.merge_cells_by_sheet_name(sheet) else {
        return Vec::new();
    };
    merges
        .iter()
        .filter_map(|d| {
            let m = Area {
                first: Cell {
                    row: d.start.0,
                    col: u16::try_from(d.start.1).ok()?,
                },
                last: Cell {
                    row: d.end.0,
                    col: u16::try_from(d.end.1).ok()?,
                },
            };
            let overlaps = m.first.row <= area.last.row
                && m.last.row >= area.first.row
                && m.first.col <= area.last.col
                && m.last.col >= area.first.col;
            overlaps.then(|| m.to_string())
        })
        .collect()
}
