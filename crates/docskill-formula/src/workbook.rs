//! The workbook model: sheets with dense column storage, formulas, defined names.

use std::fmt;
use std::sync::Arc;

use crate::ast::{Formula, MAX_COL, MAX_ROW, col_letters, quote_sheet};
use crate::error::{Error, ParseError, Result};
use crate::parser::parse;
use crate::value::Value;

pub(crate) use crate::formula_cell::FormulaCell;

/// Bounds on what a model may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most cell slots allocated over all columns (dense storage counts
    /// every row up to the last used one). Default 200,000,000.
    pub max_cells: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_cells: 200_000_000,
        }
    }
}

/// A cell position: sheet index, 0-based row and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellId {
    /// Sheet index in workbook order.
    pub sheet: u32,
    /// Row, 0-based.
    pub row: u32,
    /// Column, 0-based.
    pub col: u32,
}

impl CellId {
    /// A cell position.
    pub fn new(sheet: u32, row: u32, col: u32) -> CellId {
        CellId { sheet, row, col }
    }
}

/// One worksheet: values stored column by column, dense by row.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    /// Sheet name as shown on its tab.
    pub name: String,
    pub(crate) cols: Vec<Vec<Value>>,
    /// Rows marked hidden (`<row hidden="1">`), 0-based.
    pub(crate) hidden_rows: std::collections::BTreeSet<u32>,
}

impl Sheet {
    /// The value at (`row`, `col`); empty when never set.
    pub fn get(&self, row: u32, col: u32) -> &Value {
        static EMPTY: Value = Value::Empty;
        self.cols
            .get(col as usize)
            .and_then(|c| c.get(row as usize))
            .unwrap_or(&EMPTY)
    }

    /// Number of rows in use (one past the last stored row over all columns).
    pub fn used_rows(&self) -> u32 {
        u32::try_from(self.cols.iter().map(Vec::len).max().unwrap_or(0)).unwrap_or(u32::MAX)
    }

    /// Number of columns in use.
    pub fn used_cols(&self) -> u32 {
        u32::try_from(self.cols.len()).unwrap_or(u32::MAX)
    }

    /// True when row `row` (0-based) is marked hidden.
    pub fn row_hidden(&self, row: u32) -> bool {
        !self.hidden_rows.is_empty() && self.hidden_rows.contains(&row)
    }

    pub(crate) fn column(&self, col: u32) -> &[Value] {
        self.cols.get(col as usize).map_or(&[], Vec::as_slice)
    }
}

/// How a formula treats a multi-cell range where one value is expected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FormulaMode {
    /// Excel 365 semantics: ranges in operators and scalar arguments are
    /// evaluated as arrays; the cell keeps the top-left value of an array
    /// result. Right for array formulas (`t="array"`) and formulas typed today.
    #[default]
    Dynamic,
    /// Semantics of a plain `<f>` formula in a file: such a range is reduced
    /// by implicit intersection to the cell on the formula's row or column
    /// (`#VALUE!` when there is none), except in array arguments (`SUMPRODUCT`).
    Legacy,
    /// One cell of a multi-cell array formula's range (`<f t="array"
    /// ref="A1:B3">`), `row` and `col` (0-based) inside that range. The formula
    /// is evaluated as in `Dynamic` and the cell takes that element of the
    /// result, broadcast as Excel does: a single value fills the whole range, a
    /// single row or column repeats, and cells beyond a larger result get `#N/A`.
    ArrayCell {
        /// Row inside the range, 0-based.
        row: u32,
        /// Column inside the range, 0-based.
        col: u32,
    },
}

/// A defined name (workbook scope when `scope` is `None`).
#[derive(Clone, Debug)]
pub struct DefinedName {
    /// The name as written.
    pub name: String,
    /// Sheet index for a sheet-scoped name.
    pub scope: Option<u32>,
    pub(crate) parsed: std::result::Result<Arc<Formula>, ParseError>,
}

/// A workbook: sheets, formulas and defined names, ready to calculate.
///
/// ```
/// use docskill_formula::{CalcOptions, Value, Workbook};
/// let mut wb = Workbook::new();
/// let s = wb.add_sheet("Sheet1").unwrap();
/// wb.set_value(s, 0, 0, Value::Number(2.0)).unwrap();
/// wb.set_formula(s, 0, 1, "=A1*21").unwrap();
/// let report = wb.calculate(&CalcOptions::default());
/// assert_eq!(wb.value(s, 0, 1), &Value::Number(42.0));
/// assert!(report.errors.is_empty());
/// ```
#[derive(Clone, Debug, Default)]
pub struct Workbook {
    pub(crate) sheets: Vec<Sheet>,
    pub(crate) names: Vec<DefinedName>,
    pub(crate) formulas: Vec<FormulaCell>,
    pub(crate) tables: Vec<crate::tables::Table>,
    /// True for the 1904 date system (serial 0 is 1904-01-01).
    pub(crate) date1904: bool,
    pub(crate) limits: Limits,
    pub(crate) slots: usize,
    pub(crate) state: Option<Box<crate::eval::CalcState>>,
    /// Formula cells that call `SUBTOTAL` or `AGGREGATE` (which `SUBTOTAL`
    /// leaves out of its ranges), found by [`Workbook::calculate`].
    pub(crate) subtotal_cells: std::collections::HashSet<CellId>,
}

impl Workbook {
    /// An empty workbook with default limits.
    pub fn new() -> Workbook {
        Workbook::default()
    }

    /// An empty workbook with the given limits.
    pub fn with_limits(limits: Limits) -> Workbook {
        Workbook {
            limits,
            ..Workbook::default()
        }
    }

    /// Adds a sheet at the end and returns its index.
    ///
    /// # Errors
    /// [`Error::DuplicateSheet`] when a sheet of that name (case-insensitive) exists.
    pub fn add_sheet(&mut self, name: &str) -> Result<u32> {
        if self.sheet_index(name).is_some() {
            return Err(Error::DuplicateSheet(name.to_owned()));
        }
        self.state = None;
        self.sheets.push(Sheet {
            name: name.to_owned(),
            ..Sheet::default()
        });
        Ok(u32::try_from(self.sheets.len() - 1).unwrap_or(u32::MAX))
    }

    /// Switches to the 1904 date system (`<workbookPr date1904="1"/>`): serial
    /// 0 is 1904-01-01, and date functions, `NOW` and `TODAY` follow.
    pub fn set_date1904(&mut self, on: bool) {
        self.state = None;
        self.date1904 = on;
    }

    /// True when the workbook uses the 1904 date system.
    pub fn date1904(&self) -> bool {
        self.date1904
    }

    /// The bounds this workbook keeps to.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The sheets in workbook order.
    pub fn sheets(&self) -> &[Sheet] {
        &self.sheets
    }

    /// Index of the sheet called `name` (case-insensitive).
    pub fn sheet_index(&self, name: &str) -> Option<u32> {
        // Formulas mostly spell the name as the sheet does: that is one
        // comparison of bytes (names differ in more than case).
        self.sheets
            .iter()
            .position(|s| *s.name == *name)
            .or_else(|| self.sheets.iter().position(|s| eq_names(&s.name, name)))
            .and_then(|i| u32::try_from(i).ok())
    }

    pub(crate) fn slot(&mut self, sheet: u32, row: u32, col: u32) -> Result<&mut Value> {
        if row > MAX_ROW || col > MAX_COL {
            return Err(Error::OutOfGrid { row, col });
        }
        let max = self.limits.max_cells;
        let s = self
            .sheets
            .get_mut(sheet as usize)
            .ok_or(Error::NoSuchSheet(sheet as usize))?;
        if s.cols.len() <= col as usize {
            s.cols.resize_with(col as usize + 1, Vec::new);
        }
        let column = &mut s.cols[col as usize];
        if column.len() <= row as usize {
            let grow = row as usize + 1 - column.len();
            if self.slots + grow > max {
                return Err(Error::TooManyCells(max));
            }
            self.slots += grow;
            column.resize(row as usize + 1, Value::Empty);
        }
        Ok(&mut column[row as usize])
    }

    /// Marks row `row` (0-based) of `sheet` hidden or shown: `SUBTOTAL` with
    /// codes 101-111 leaves hidden rows out.
    ///
    /// # Errors
    /// [`Error::NoSuchSheet`] for an unknown sheet.
    pub fn set_row_hidden(&mut self, sheet: u32, row: u32, hidden: bool) -> Result<()> {
        let s = self
            .sheets
            .get_mut(sheet as usize)
            .ok_or(Error::NoSuchSheet(sheet as usize))?;
        self.state = None;
        if hidden {
            s.hidden_rows.insert(row);
        } else {
            s.hidden_rows.remove(&row);
        }
        Ok(())
    }

    /// True when row `row` of `sheet` is marked hidden.
    pub(crate) fn row_hidden(&self, sheet: u32, row: u32) -> bool {
        self.sheets
            .get(sheet as usize)
            .is_some_and(|s| s.row_hidden(row))
    }

    /// True when the cell holds a formula calling `SUBTOTAL` or `AGGREGATE`.
    pub(crate) fn is_subtotal_cell(&self, at: CellId) -> bool {
        !self.subtotal_cells.is_empty() && self.subtotal_cells.contains(&at)
    }

    /// Sets a constant value.
    ///
    /// # Errors
    /// Unknown sheet, a cell outside the grid, or the cell limit.
    pub fn set_value(&mut self, sheet: u32, row: u32, col: u32, value: Value) -> Result<()> {
        *self.slot(sheet, row, col)? = value;
        Ok(())
    }

    /// Sets a formula (with or without its `=`). A formula that does not parse
    /// is kept and reported by [`Workbook::calculate`] (its cell gets `#NAME?`).
    ///
    /// # Errors
    /// Unknown sheet, a cell outside the grid, or the cell limit.
    pub fn set_formula(&mut self, sheet: u32, row: u32, col: u32, text: &str) -> Result<()> {
        self.set_formula_with(sheet, row, col, text, FormulaMode::Dynamic)
    }

    /// Sets a formula with an explicit [`FormulaMode`] (a loader passes
    /// [`FormulaMode::Legacy`] for plain `<f>` elements).
    ///
    /// # Errors
    /// Unknown sheet, a cell outside the grid, the cell limit, or an array
    /// cell outside the grid ([`Error::ArrayCellOutOfGrid`]).
    pub fn set_formula_with(
        &mut self,
        sheet: u32,
        row: u32,
        col: u32,
        text: &str,
        mode: FormulaMode,
    ) -> Result<()> {
        let f = FormulaCell::parse(CellId::new(sheet, row, col), text, mode)?;
        self.slot(sheet, row, col)?;
        self.state = None;
        self.formulas.push(f);
        Ok(())
    }

    /// Sets a formula already parsed (for example a shared formula moved with
    /// [`Formula::shifted`]); its text is regenerated from the tree.
    ///
    /// # Errors
    /// Unknown sheet, a cell outside the grid, the cell limit, or an array
    /// cell outside the grid ([`Error::ArrayCellOutOfGrid`]).
    pub fn set_parsed_formula(
        &mut self,
        sheet: u32,
        row: u32,
        col: u32,
        formula: Formula,
        mode: FormulaMode,
    ) -> Result<()> {
        let text = format!("={}", formula.to_formula_string());
        let at = CellId::new(sheet, row, col);
        let f = FormulaCell::shared(at, text.into(), Arc::new(formula), (row, col), mode)?;
        self.slot(sheet, row, col)?;
        self.state = None;
        self.formulas.push(f);
        Ok(())
    }

    /// Sets a formula parsed by the caller (a loader that already inspected
    /// the tree), with the text to show for it.
    ///
    /// # Errors
    /// Unknown sheet, a cell outside the grid, the cell limit, or an array
    /// cell outside the grid ([`Error::ArrayCellOutOfGrid`]).
    pub fn set_formula_parsed(
        &mut self,
        at: CellId,
        text: &str,
        formula: Arc<Formula>,
        mode: FormulaMode,
    ) -> Result<()> {
        self.set_formula_shared(at, text, formula, (at.row, at.col), mode)
    }

    /// Sets a formula parsed for another cell, `from` (row, column on the same
    /// sheet), at `at`: its relative references move by the distance between
    /// the two cells, as with [`Formula::shifted`], but the tree is shared, not
    /// copied. This is how a loader instantiates one parsed formula over the
    /// many cells that hold the same formula relative to their position.
    ///
    /// # Errors
    /// Unknown sheet, a cell outside the grid, the cell limit, or an array
    /// cell outside the grid ([`Error::ArrayCellOutOfGrid`]).
    pub fn set_formula_shared(
        &mut self,
        at: CellId,
        text: impl Into<Arc<str>>,
        formula: Arc<Formula>,
        from: (u32, u32),
        mode: FormulaMode,
    ) -> Result<()> {
        let f = FormulaCell::shared(at, text.into(), formula, from, mode)?;
        self.slot(at.sheet, at.row, at.col)?;
        self.state = None;
        self.formulas.push(f);
        Ok(())
    }

    /// Defines a name (`scope` = sheet index for a sheet-scoped name). The
    /// definition is a formula such as `Sheet1!$A$1:$A$10` or `0.2`.
    ///
    /// # Errors
    /// [`Error::NoSuchSheet`] for an unknown scope.
    pub fn define_name(&mut self, name: &str, scope: Option<u32>, formula: &str) -> Result<()> {
        if let Some(s) = scope
            && s as usize >= self.sheets.len()
        {
            return Err(Error::NoSuchSheet(s as usize));
        }
        self.state = None;
        let parsed = parse(formula).map(Arc::new);
        self.names.push(DefinedName {
            name: name.to_owned(),
            scope,
            parsed,
        });
        Ok(())
    }

    /// The current value of a cell (after [`Workbook::calculate`] for formulas).
    pub fn value(&self, sheet: u32, row: u32, col: u32) -> &Value {
        self.sheets
            .get(sheet as usize)
            .map_or(&Value::Empty, |s| s.get(row, col))
    }

    /// Number of formula cells.
    pub fn formula_count(&self) -> usize {
        self.formulas.len()
    }

    /// The formula cells and their text, in the order they were set.
    pub fn formulas(&self) -> impl Iterator<Item = (CellId, &str)> {
        self.formulas.iter().map(|f| (f.cell, &*f.text))
    }

    /// Formats a cell position as `Sheet!A1`.
    pub fn cell_name(&self, id: CellId) -> String {
        let sheet = self
            .sheets
            .get(id.sheet as usize)
            .map_or("?", |s| s.name.as_str());
        format!(
            "{}!{}{}",
            quote_sheet(sheet),
            col_letters(id.col),
            id.row + 1
        )
    }

    /// True when `name` is a defined name visible from `sheet` (its own or a
    /// workbook-wide one), such as a named `LAMBDA` called as `Name(x)`.
    pub fn has_name(&self, name: &str, sheet: u32) -> bool {
        self.find_name(name, sheet).is_some()
    }

    pub(crate) fn find_name(&self, name: &str, sheet: u32) -> Option<&DefinedName> {
        self.names
            .iter()
            .find(|n| n.scope == Some(sheet) && eq_names(&n.name, name))
            .or_else(|| {
                self.names
                    .iter()
                    .find(|n| n.scope.is_none() && eq_names(&n.name, name))
            })
    }
}

/// Case-insensitive name comparison (ASCII fast path).
pub(crate) fn eq_names(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || (!a.is_ascii() && a.to_lowercase() == b.to_lowercase())
}

impl fmt::Display for CellId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.sheet, col_letters(self.col), self.row + 1)
    }
}
