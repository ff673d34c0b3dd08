//! The engine's record of one formula cell, kept small: a big workbook holds
//! millions of them (a test pins the size).

use std::sync::Arc;

use crate::ast::{Formula, MAX_COL, MAX_ROW};
use crate::error::{Error, ParseError, Result};
use crate::parser::parse;
use crate::workbook::{CellId, FormulaMode};

/// A formula cell: its text and its parsed form (or why it did not parse).
///
/// The parse error is not stored but found again from the text when asked
/// (errors are rare), and the mode and shift share 12 bytes ([`Place`]).
#[derive(Clone, Debug)]
pub(crate) struct FormulaCell {
    pub cell: CellId,
    place: Place,
    pub text: Arc<str>,
    /// The tree; `None` only when `text` does not parse.
    parsed: Option<Arc<Formula>>,
}

impl FormulaCell {
    /// A formula cell for `text`, parsed here.
    ///
    /// # Errors
    /// [`Error::ArrayCellOutOfGrid`].
    pub(crate) fn parse(cell: CellId, text: &str, mode: FormulaMode) -> Result<FormulaCell> {
        Ok(FormulaCell {
            cell,
            place: Place::new(mode, (0, 0))?,
            parsed: parse(text).ok().map(Arc::new),
            text: text.into(),
        })
    }

    /// A formula cell at `cell` whose tree was parsed for the cell `from`
    /// (row, column) of the same sheet.
    ///
    /// # Errors
    /// [`Error::ArrayCellOutOfGrid`].
    pub(crate) fn shared(
        cell: CellId,
        text: Arc<str>,
        formula: Arc<Formula>,
        from: (u32, u32),
        mode: FormulaMode,
    ) -> Result<FormulaCell> {
        let shift = (distance(cell.row, from.0), distance(cell.col, from.1));
        Ok(FormulaCell {
            cell,
            place: Place::new(mode, shift)?,
            text,
            parsed: Some(formula),
        })
    }

    /// Why the text did not parse (`None` for a cell with a tree). Parsing is
    /// deterministic, so this is the error found when the cell was set.
    pub(crate) fn parse_error(&self) -> Option<ParseError> {
        match self.parsed {
            Some(_) => None,
            None => parse(&self.text).err(),
        }
    }

    /// The tree (`None` when the text did not parse).
    pub(crate) fn tree(&self) -> Option<&Arc<Formula>> {
        self.parsed.as_ref()
    }

    /// How the formula treats a range where one value is expected.
    pub(crate) fn mode(&self) -> FormulaMode {
        self.place.mode()
    }

    /// Rows and columns the relative references of the tree move by: a tree
    /// parsed once for another cell and shared (see
    /// [`crate::Workbook::set_formula_shared`]).
    pub(crate) fn shift(&self) -> (i64, i64) {
        (
            i64::from(self.place.shift_row),
            i64::from(self.place.shift_col),
        )
    }
}

/// `at - from`, the distance between two cells along rows or columns.
fn distance(at: u32, from: u32) -> i64 {
    i64::from(at) - i64::from(from)
}

/// A [`FormulaMode`] and a shift in 12 bytes.
///
/// Parsed references lie in the grid, so a shift of more than the grid's
/// size moves every relative reference off it (to `#REF!`) whatever its exact
/// value: shifts saturate at `i32` (rows) and `i16` (columns) bounds without
/// changing a result. An array cell's position lies in its range, in the
/// grid, so its column leaves room for the mode's kind.
#[derive(Clone, Copy, Debug)]
struct Place {
    shift_row: i32,
    shift_col: i16,
    /// The kind ([`KIND_SHIFT`] and up) and an array cell's column.
    kind_col: u16,
    /// An array cell's row.
    row: u32,
}

/// Where a [`Place`]'s kind starts in `kind_col`: above every column.
const KIND_SHIFT: u32 = 14;
const DYNAMIC: u16 = 0;
const LEGACY: u16 = 1 << KIND_SHIFT;
const ARRAY_CELL: u16 = 2 << KIND_SHIFT;
const COL_MASK: u16 = LEGACY - 1;
const _: () = assert!(MAX_COL <= COL_MASK as u32);

impl Place {
    fn new(mode: FormulaMode, shift: (i64, i64)) -> Result<Place> {
        let (kind_col, row) = match mode {
            FormulaMode::Dynamic => (DYNAMIC, 0),
            FormulaMode::Legacy => (LEGACY, 0),
            FormulaMode::ArrayCell { row, col } => {
                if row > MAX_ROW || col > MAX_COL {
                    return Err(Error::ArrayCellOutOfGrid { row, col });
                }
                (ARRAY_CELL | u16::try_from(col).unwrap_or(COL_MASK), row)
            }
        };
        Ok(Place {
            shift_row: saturate(shift.0, i32::MIN, i32::MAX),
            shift_col: saturate(shift.1, i16::MIN, i16::MAX),
            kind_col,
            row,
        })
    }

    fn mode(self) -> FormulaMode {
        match self.kind_col & !COL_MASK {
            DYNAMIC => FormulaMode::Dynamic,
            LEGACY => FormulaMode::Legacy,
            _ => FormulaMode::ArrayCell {
                row: self.row,
                col: u32::from(self.kind_col & COL_MASK),
            },
        }
    }
}

/// `v` in `T`, or `min` or `max` when it lies beyond.
fn saturate<T: TryFrom<i64>>(v: i64, min: T, max: T) -> T {
    T::try_from(v).unwrap_or(if v < 0 { min } else { max })
}

#[cfg(test)]
mod tests {
    use super::{FormulaCell, Place};
    use crate::workbook::{CellId, FormulaMode};
    use crate::{CalcOptions, Error, ErrorKind, Value, Workbook};

    /// A big workbook holds millions of formula cells: each byte counts.
    #[test]
    fn a_formula_cell_stays_small() {
        assert!(std::mem::size_of::<FormulaCell>() <= 48);
    }

    #[test]
    fn a_cell_without_a_tree_gives_its_parse_error_again() {
        let cell = CellId::new(0, 0, 0);
        let bad = FormulaCell::parse(cell, "=SUM(1,", FormulaMode::Dynamic).unwrap();
        assert!(bad.tree().is_none());
        assert!(bad.parse_error().is_some());
        assert_eq!(bad.parse_error(), crate::parse("=SUM(1,").err());
        let good = FormulaCell::parse(cell, "=1+2", FormulaMode::Dynamic).unwrap();
        assert!(good.tree().is_some());
        assert_eq!(good.parse_error(), None);
    }

    #[test]
    fn modes_and_shifts_come_back() {
        let modes = [
            FormulaMode::Dynamic,
            FormulaMode::Legacy,
            FormulaMode::ArrayCell { row: 0, col: 0 },
            FormulaMode::ArrayCell {
                row: 1_048_575,
                col: 16_383,
            },
            FormulaMode::ArrayCell { row: 7, col: 3 },
        ];
        let shifts = [(0, 0), (1_048_575, -16_383), (-1_048_575, 16_383), (-5, 2)];
        for mode in modes {
            for shift in shifts {
                let p = Place::new(mode, shift).unwrap();
                assert_eq!(p.mode(), mode);
                let f = FormulaCell {
                    cell: CellId::new(0, 0, 0),
                    place: p,
                    text: "".into(),
                    parsed: None,
                };
                assert_eq!(f.shift(), shift);
            }
        }
        let far = Place::new(FormulaMode::Legacy, (-(1 << 40), 1 << 20)).unwrap();
        assert_eq!((far.shift_row, far.shift_col), (i32::MIN, i16::MAX));
    }

    #[test]
    fn an_array_cell_outside_the_grid_is_refused() {
        let mode = FormulaMode::ArrayCell {
            row: 0,
            col: 16_384,
        };
        let err = Place::new(mode, (0, 0)).unwrap_err();
        assert_eq!(
            err,
            Error::ArrayCellOutOfGrid {
                row: 0,
                col: 16_384
            }
        );
        assert_eq!(
            err.to_string(),
            "array formula cell outside the sheet: row 0, column 16384 of its range"
        );
        let mut wb = Workbook::new();
        wb.add_sheet("S").unwrap();
        assert!(wb.set_formula_with(0, 0, 0, "=1", mode).is_err());
        assert_eq!(wb.formula_count(), 0);
    }

    /// A tree shared from a cell outside the grid moves its relative
    /// references off the grid, as the true distance would.
    #[test]
    fn a_far_origin_gives_ref_errors() {
        let mut wb = Workbook::new();
        wb.add_sheet("S").unwrap();
        wb.set_value(0, 0, 0, Value::Number(1.0)).unwrap();
        let f = std::sync::Arc::new(crate::parse("=A1+$A$1").unwrap());
        let dynamic = FormulaMode::Dynamic;
        wb.set_formula_shared(CellId::new(0, 0, 1), "", f.clone(), (u32::MAX, 0), dynamic)
            .unwrap();
        wb.set_formula_shared(CellId::new(0, 0, 2), "", f.clone(), (0, u32::MAX), dynamic)
            .unwrap();
        // Moved two rows down: A3 (empty) + $A$1.
        wb.set_formula_shared(CellId::new(0, 2, 1), "", f, (0, 1), dynamic)
            .unwrap();
        wb.calculate(&CalcOptions::default());
        assert_eq!(wb.value(0, 0, 1), &Value::Error(ErrorKind::Ref));
        assert_eq!(wb.value(0, 0, 2), &Value::Error(ErrorKind::Ref));
        assert_eq!(wb.value(0, 2, 1), &Value::Number(1.0));
    }
}
