//! A piece of one sheet built apart from its workbook: the cells of a run of
//! rows, filled by a loader on its own thread and then put into the workbook
//! with [`Workbook::add_piece`], in the order the pieces had in the file.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::ast::{Formula, MAX_COL, MAX_ROW};
use crate::error::{Error, Result};
use crate::value::Value;
use crate::workbook::{CellId, FormulaCell, FormulaMode, Sheet, Workbook};

/// Slots a piece takes from its budget at a time.
const BLOCK: usize = 1 << 16;

/// Cell slots the pieces of one load may allocate between them: the pieces
/// of a workbook share one, so together they stay within the cell limit.
#[derive(Debug)]
pub struct CellBudget {
    left: AtomicUsize,
    max: usize,
}

impl CellBudget {
    /// A budget of `max` slots ([`crate::Limits::max_cells`]).
    pub fn new(max: usize) -> Arc<CellBudget> {
        Arc::new(CellBudget {
            left: AtomicUsize::new(max),
            max,
        })
    }

    /// How many slots to take for `n` when `left` are left: a block while
    /// plenty are left (so pieces touch the shared count seldom), else `n`.
    fn amount(n: usize, left: usize) -> usize {
        let block = n.max(BLOCK);
        if left / 64 >= block { block } else { n }
    }

    /// Takes at least `n` slots; how many it took.
    fn take(&self, n: usize) -> Result<usize> {
        self.left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |l| {
                (l >= n).then(|| l - Self::amount(n, l))
            })
            .map(|l| Self::amount(n, l))
            .map_err(|_| Error::TooManyCells(self.max))
    }
}

/// The cells of a run of rows of one sheet, stored densely from `base`, the
/// piece's first row; cells the file puts above it (rows out of order) are
/// kept apart, in file order.
#[derive(Debug)]
pub struct SheetPiece {
    sheet: u32,
    base: u32,
    cols: Vec<Vec<Value>>,
    /// Cells above `base`: position and value (`None`: a formula cell's slot).
    above: Vec<(u32, u32, Option<Value>)>,
    hidden: BTreeSet<u32>,
    formulas: Vec<FormulaCell>,
    budget: Arc<CellBudget>,
    /// Slots taken from `budget` and not used yet.
    reserved: usize,
}

impl SheetPiece {
    /// An empty piece of sheet `sheet` whose rows start at `base` (0-based).
    pub fn new(sheet: u32, base: u32, budget: Arc<CellBudget>) -> SheetPiece {
        SheetPiece {
            sheet,
            base,
            cols: Vec::new(),
            above: Vec::new(),
            hidden: BTreeSet::new(),
            formulas: Vec::new(),
            budget,
            reserved: 0,
        }
    }

    /// The slot of (`row`, `col`), or `None` for a row above `base`.
    fn slot(&mut self, row: u32, col: u32) -> Result<Option<&mut Value>> {
        if row > MAX_ROW || col > MAX_COL {
            return Err(Error::OutOfGrid { row, col });
        }
        if row < self.base {
            return Ok(None);
        }
        if self.cols.len() <= col as usize {
            self.cols.resize_with(col as usize + 1, Vec::new);
        }
        let r = (row - self.base) as usize;
        let column = &mut self.cols[col as usize];
        if column.len() <= r {
            let grow = r + 1 - column.len();
            if grow > self.reserved {
                self.reserved += self.budget.take(grow - self.reserved)?;
            }
            self.reserved -= grow;
            column.resize(r + 1, Value::Empty);
        }
        Ok(Some(&mut column[r]))
    }

    /// As [`Workbook::set_value`].
    ///
    /// # Errors
    /// A cell outside the grid, or the cell limit.
    pub fn set_value(&mut self, row: u32, col: u32, value: Value) -> Result<()> {
        match self.slot(row, col)? {
            Some(v) => *v = value,
            None => self.above.push((row, col, Some(value))),
        }
        Ok(())
    }

    fn formula_slot(&mut self, at: CellId) -> Result<()> {
        if self.slot(at.row, at.col)?.is_none() {
            self.above.push((at.row, at.col, None));
        }
        Ok(())
    }

    /// As [`Workbook::set_formula_with`], on this piece's sheet.
    ///
    /// # Errors
    /// A cell outside the grid, the cell limit, or an array cell outside the
    /// grid ([`Error::ArrayCellOutOfGrid`]).
    pub fn set_formula_with(
        &mut self,
        row: u32,
        col: u32,
        text: &str,
        mode: FormulaMode,
    ) -> Result<()> {
        let f = FormulaCell::parse(CellId::new(self.sheet, row, col), text, mode)?;
        self.formula_slot(f.cell)?;
        self.formulas.push(f);
        Ok(())
    }

    /// As [`Workbook::set_formula_shared`], on this piece's sheet.
    ///
    /// # Errors
    /// A cell outside the grid, the cell limit, or an array cell outside the
    /// grid ([`Error::ArrayCellOutOfGrid`]).
    pub fn set_formula_shared(
        &mut self,
        row: u32,
        col: u32,
        text: impl Into<Arc<str>>,
        formula: Arc<Formula>,
        from: (u32, u32),
        mode: FormulaMode,
    ) -> Result<()> {
        let cell = CellId::new(self.sheet, row, col);
        let f = FormulaCell::shared(cell, text.into(), formula, from, mode)?;
        self.formula_slot(cell)?;
        self.formulas.push(f);
        Ok(())
    }

    /// Makes room for `n` more formulas (a reader's estimate: the list then
    /// grows without being copied).
    pub fn reserve_formulas(&mut self, n: usize) {
        self.formulas.reserve(n);
    }

    /// Marks row `row` hidden, as [`Workbook::set_row_hidden`].
    pub fn set_row_hidden(&mut self, row: u32) {
        self.hidden.insert(row);
    }
}

impl Workbook {
    /// Puts pieces into their sheets in order, as [`Workbook::add_piece`]
    /// does one by one, with each column's room made once.
    ///
    /// # Errors
    /// As [`Workbook::add_piece`].
    pub fn add_pieces(&mut self, pieces: Vec<SheetPiece>) -> Result<()> {
        // The last pieces reach furthest: their room first, once.
        for p in pieces.iter().rev() {
            let Some(s) = self.sheets.get_mut(p.sheet as usize) else {
                continue;
            };
            if s.cols.len() < p.cols.len() {
                s.cols.resize_with(p.cols.len(), Vec::new);
            }
            for (dst, col) in s.cols.iter_mut().zip(&p.cols) {
                let end = p.base as usize + col.len();
                if !col.is_empty() && end > dst.capacity() && end <= self.limits.max_cells {
                    dst.reserve_exact(end - dst.len());
                }
            }
        }
        self.formulas
            .reserve(pieces.iter().map(|p| p.formulas.len()).sum());
        for p in pieces {
            self.add_piece(p)?;
        }
        Ok(())
    }

    /// As [`Workbook::add_pieces`], with the copying done as tasks on `run`:
    /// one per column and one for the formulas. Pieces of several sheets, or
    /// with cells above their first row, are put in one by one instead.
    ///
    /// # Errors
    /// As [`Workbook::add_piece`].
    pub fn add_pieces_with(
        &mut self,
        mut pieces: Vec<SheetPiece>,
        run: crate::RunTasks<'_>,
    ) -> Result<()> {
        let Some(sheet) = pieces.first().map(|p| p.sheet) else {
            return Ok(());
        };
        if pieces.len() < 2
            || pieces
                .iter()
                .any(|p| p.sheet != sheet || !p.above.is_empty())
        {
            return self.add_pieces(pieces);
        }
        let max = self.limits.max_cells;
        let s = sheet_of(&mut self.sheets, sheet)?;
        self.state = None;
        let width = pieces.iter().map(|p| p.cols.len()).max().unwrap_or(0);
        if s.cols.len() < width {
            s.cols.resize_with(width, Vec::new);
        }
        // The rows each column gains, counted before anything moves.
        let mut grow = 0usize;
        for (c, dst) in s.cols.iter().enumerate() {
            let mut len = dst.len();
            for p in &pieces {
                let n = p.cols.get(c).map_or(0, Vec::len);
                let end = p.base as usize + n;
                if n > 0 && end > len {
                    grow += end - len;
                    len = end;
                }
            }
        }
        if self.slots + grow > max {
            return Err(Error::TooManyCells(max));
        }
        self.slots += grow;
        let mut srcs: Vec<Vec<(usize, Vec<Value>)>> = (0..width).map(|_| Vec::new()).collect();
        let mut formulas = Vec::with_capacity(pieces.len());
        for p in &mut pieces {
            for (c, col) in std::mem::take(&mut p.cols).into_iter().enumerate() {
                srcs[c].push((p.base as usize, col));
            }
            formulas.push(std::mem::take(&mut p.formulas));
            s.hidden_rows.append(&mut p.hidden);
        }
        let all = &mut self.formulas;
        let mut copy_formulas = Some(formulas);
        let mut jobs: Vec<Box<dyn FnMut() + Send + '_>> = Vec::with_capacity(width + 1);
        jobs.push(Box::new(move || {
            let lists = copy_formulas.take().unwrap_or_default();
            all.reserve(lists.iter().map(Vec::len).sum());
            for mut f in lists {
                all.append(&mut f);
            }
        }));
        for (dst, src) in s.cols.iter_mut().zip(srcs) {
            let mut src = Some(src);
            jobs.push(Box::new(move || {
                let list = src.take().unwrap_or_default();
                let need = list
                    .iter()
                    .filter(|(_, c)| !c.is_empty())
                    .map(|(start, c)| start + c.len())
                    .max()
                    .unwrap_or(0);
                for (start, col) in list {
                    put_column(dst, start, col);
                    // Room for the rest at once, after the first piece's
                    // column (which an empty column takes as it is).
                    if dst.capacity() < need {
                        dst.reserve_exact(need - dst.len());
                    }
                }
            }));
        }
        crate::eval::parallel::run_batch(run, &mut jobs);
        // Jobs the runner left out run here (each runs once).
        for j in &mut jobs {
            j();
        }
        Ok(())
    }

    /// Puts a piece into its sheet, as if its cells had been set one by one
    /// after everything set before: pieces added in file order give the
    /// workbook the cells of one pass over the file.
    ///
    /// # Errors
    /// [`Error::NoSuchSheet`] for a piece of an unknown sheet; the cell limit.
    pub fn add_piece(&mut self, piece: SheetPiece) -> Result<()> {
        let SheetPiece {
            sheet,
            base,
            cols,
            above,
            hidden,
            formulas,
            ..
        } = piece;
        let max = self.limits.max_cells;
        let s = sheet_of(&mut self.sheets, sheet)?;
        self.state = None;
        if s.cols.len() < cols.len() {
            s.cols.resize_with(cols.len(), Vec::new);
        }
        let start = base as usize;
        for (dst, src) in s.cols.iter_mut().zip(cols) {
            if src.is_empty() {
                continue;
            }
            let end = start + src.len();
            if end > dst.len() {
                let grow = end - dst.len();
                if self.slots + grow > max {
                    return Err(Error::TooManyCells(max));
                }
                self.slots += grow;
            }
            put_column(dst, start, src);
        }
        s.hidden_rows.extend(hidden);
        for (row, col, v) in above {
            let slot = self.slot(sheet, row, col)?;
            if let Some(v) = v {
                *slot = v;
            }
        }
        self.formulas.extend(formulas);
        Ok(())
    }
}

/// The sheet a piece belongs to.
fn sheet_of(sheets: &mut [Sheet], sheet: u32) -> Result<&mut Sheet> {
    sheets
        .get_mut(sheet as usize)
        .ok_or(Error::NoSuchSheet(sheet as usize))
}

/// Puts a piece's column `src`, whose first row is `start`, into the
/// sheet's column `dst`, over what is there (empty cells of `src` leave it).
fn put_column(dst: &mut Vec<Value>, start: usize, mut src: Vec<Value>) {
    if src.is_empty() {
        return;
    }
    if dst.capacity() == 0 && start == 0 {
        *dst = src;
    } else if dst.len() <= start {
        dst.resize(start, Value::Empty);
        dst.append(&mut src);
    } else {
        // Rows out of order: the piece overlaps rows already set.
        let overlap = (dst.len() - start).min(src.len());
        let rest = src.split_off(overlap);
        for (d, v) in dst[start..start + overlap].iter_mut().zip(src) {
            if !matches!(v, Value::Empty) {
                *d = v;
            }
        }
        dst.extend(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::{CellBudget, SheetPiece};
    use crate::{CalcOptions, Error, FormulaMode, Limits, Value, Workbook};

    fn num(x: f64) -> Value {
        Value::Number(x)
    }

    /// The same cells set one by one, and in pieces, give the same workbook.
    #[test]
    fn pieces_in_file_order_equal_one_pass() {
        // (row, col, value) in file order, rows out of order in places.
        let cells: Vec<(u32, u32, f64)> = vec![
            (0, 0, 1.0),
            (1, 2, 2.0),
            (5, 1, 3.0),
            (3, 0, 4.0), // above the second piece's base
            (6, 0, 5.0),
            (5, 1, 6.0), // overwrites
            (9, 3, 7.0),
            (2, 2, 8.0),
        ];
        let mut one = Workbook::new();
        one.add_sheet("S").unwrap();
        for &(r, c, v) in &cells {
            one.set_value(0, r, c, num(v)).unwrap();
        }
        let mut many = Workbook::new();
        many.add_sheet("S").unwrap();
        let budget = CellBudget::new(1000);
        let mut pieces = Vec::new();
        for (range, base) in [(0..3, 0), (3..6, 5), (6..8, 9)] {
            let mut p = SheetPiece::new(0, base, budget.clone());
            for &(r, c, v) in &cells[range] {
                p.set_value(r, c, num(v)).unwrap();
            }
            pieces.push(p);
        }
        many.add_pieces(pieces).unwrap();
        for r in 0..12 {
            for c in 0..5 {
                assert_eq!(one.value(0, r, c), many.value(0, r, c), "({r}, {c})");
            }
        }
        assert_eq!(one.sheets()[0].used_rows(), many.sheets()[0].used_rows());
    }

    /// Pieces put in as tasks (run backwards, or some left out by the
    /// runner) give the workbook of one pass too, rows out of order included.
    #[test]
    fn pieces_put_in_as_tasks_equal_one_pass() {
        // (row, col, value) per piece, in file order; the first piece reaches
        // past the second one's first row, the second holds an empty column.
        type Cells = &'static [(u32, u32, f64)];
        let pieces: [(u32, Cells); 3] = [
            (0, &[(0, 0, 1.0), (1, 2, 2.0), (6, 1, 3.0)]),
            (5, &[(5, 0, 4.0), (6, 1, 5.0), (7, 3, 6.0)]),
            (9, &[(9, 0, 7.0), (10, 4, 8.0)]),
        ];
        let mut one = Workbook::new();
        one.add_sheet("S").unwrap();
        for (_, cells) in &pieces {
            for &(r, c, v) in *cells {
                one.set_value(0, r, c, num(v)).unwrap();
            }
        }
        one.set_formula(0, 12, 0, "=SUM(A1:A11)").unwrap();
        one.calculate(&CalcOptions::default());
        let backwards = |tasks: &mut [&mut (dyn FnMut() + Send)]| {
            tasks.iter_mut().rev().for_each(|t| t());
        };
        let first_only = |tasks: &mut [&mut (dyn FnMut() + Send)]| tasks[0]();
        for run in [&backwards as crate::RunTasks<'_>, &first_only] {
            let mut many = Workbook::new();
            many.add_sheet("S").unwrap();
            let budget = CellBudget::new(1000);
            let mut list = Vec::new();
            for (base, cells) in &pieces {
                let mut p = SheetPiece::new(0, *base, budget.clone());
                for &(r, c, v) in *cells {
                    p.set_value(r, c, num(v)).unwrap();
                }
                list.push(p);
            }
            list[2]
                .set_formula_with(12, 0, "=SUM(A1:A11)", FormulaMode::Legacy)
                .unwrap();
            many.add_pieces_with(list, run).unwrap();
            many.calculate(&CalcOptions::default());
            for r in 0..14 {
                for c in 0..6 {
                    assert_eq!(one.value(0, r, c), many.value(0, r, c), "({r}, {c})");
                }
            }
            assert_eq!(one.sheets()[0].used_rows(), many.sheets()[0].used_rows());
            assert_eq!(many.value(0, 12, 0), &num(12.0));
        }
        // The cell limit holds as when pieces go in one by one.
        let mut small = Workbook::with_limits(Limits { max_cells: 8 });
        small.add_sheet("S").unwrap();
        let budget = CellBudget::new(100);
        let mut a = SheetPiece::new(0, 0, budget.clone());
        a.set_value(0, 0, num(1.0)).unwrap();
        let mut b = SheetPiece::new(0, 9, budget);
        b.set_value(9, 0, num(1.0)).unwrap();
        assert!(matches!(
            small.add_pieces_with(vec![a, b], &backwards),
            Err(Error::TooManyCells(8))
        ));
    }

    #[test]
    fn formulas_of_pieces_compute() {
        let mut wb = Workbook::new();
        wb.add_sheet("S").unwrap();
        let budget = CellBudget::new(1000);
        let mut a = SheetPiece::new(0, 0, budget.clone());
        a.set_value(0, 0, num(2.0)).unwrap();
        a.set_formula_with(1, 0, "=A1*10", FormulaMode::Legacy)
            .unwrap();
        let mut b = SheetPiece::new(0, 4, budget);
        b.set_formula_with(4, 0, "=A2+A1", FormulaMode::Legacy)
            .unwrap();
        b.set_row_hidden(4);
        wb.add_piece(a).unwrap();
        wb.add_piece(b).unwrap();
        let report = wb.calculate(&CalcOptions::default());
        assert_eq!(report.formulas, 2);
        assert_eq!(wb.value(0, 4, 0), &num(22.0));
        assert!(wb.sheets()[0].row_hidden(4));
    }

    #[test]
    fn the_budget_and_the_limit_hold() {
        let budget = CellBudget::new(10);
        let mut p = SheetPiece::new(0, 0, budget.clone());
        p.set_value(9, 0, num(1.0)).unwrap();
        assert!(matches!(
            p.set_value(0, 1, num(1.0)),
            Err(Error::TooManyCells(10))
        ));
        let mut q = SheetPiece::new(0, 100, budget);
        assert!(matches!(
            q.set_value(100, 0, num(1.0)),
            Err(Error::TooManyCells(10))
        ));
        // The workbook counts the rows between pieces too.
        let mut wb = Workbook::with_limits(Limits { max_cells: 50 });
        wb.add_sheet("S").unwrap();
        let mut far = SheetPiece::new(0, 60, CellBudget::new(50));
        far.set_value(60, 0, num(1.0)).unwrap();
        assert!(matches!(wb.add_piece(far), Err(Error::TooManyCells(50))));
        let mut bad = SheetPiece::new(3, 0, CellBudget::new(50));
        bad.set_value(0, 0, num(1.0)).unwrap();
        assert!(wb.add_piece(bad).is_err());
    }
}
