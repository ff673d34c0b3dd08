//! The Excel formula language: a parser into a flat compiled form, a value
//! model with Excel's coercion rules, a workbook model with dense column
//! storage, a dependency graph evaluated in topological order (cycles
//! reported, never a stack overflow), and the most used functions, with
//! hash and sorted-search lookup indexes.
//!
//! ```
//! use docskill_formula::{CalcOptions, Value, Workbook};
//! let mut wb = Workbook::new();
//! let data = wb.add_sheet("Data").unwrap();
//! let calc = wb.add_sheet("Calc").unwrap();
//! for (r, (k, v)) in [("a", 1.0), ("b", 2.0), ("c", 3.0)].into_iter().enumerate() {
//!     let r = u32::try_from(r).unwrap();
//!     wb.set_value(data, r, 0, Value::text(k)).unwrap();
//!     wb.set_value(data, r, 1, Value::Number(v)).unwrap();
//! }
//! wb.set_formula(calc, 0, 0, "=VLOOKUP(\"b\",Data!A1:B3,2,FALSE)*10").unwrap();
//! wb.set_formula(calc, 0, 1, "=A1/0").unwrap();
//! let report = wb.calculate(&CalcOptions::default());
//! assert_eq!(wb.value(calc, 0, 0), &Value::Number(20.0));
//! assert_eq!(report.errors.len(), 1);
//! assert_eq!(wb.cell_name(report.errors[0].cell), "Calc!B1");
//! ```
//!
//! No I/O, no clock, no threads of its own: the date `NOW()` sees and the
//! seed of `RAND()` come from [`CalcOptions`], and
//! [`Workbook::calculate_with`] evaluates on threads the caller provides. Loading values and formulas from sheet XML is
//! the job of the caller (`docskill-xlsx`).

#![forbid(unsafe_code)]
#![allow(
    clippy::many_single_char_names,
    reason = "function bodies use the short names of the Excel documentation (x, n, r, c, f)"
)]

pub mod ast;
mod ast_edit;
mod error;
mod eval;
mod formula_cell;
mod functions;
mod lexer;
mod parser;
mod piece;
mod shape;
mod tables;
mod value;
mod workbook;

pub use ast::Formula;
pub use error::{Error, ParseError, ParseErrorKind, Result};
pub use eval::{CalcOptions, CalcReport, CellError, RunTasks, Unsupported};
pub use functions::supported_functions;
pub use parser::{MAX_DEPTH, MAX_FORMULA_LEN, parse, strip_prefixes};
pub use piece::{CellBudget, SheetPiece};
pub use shape::{RowTemplate, formula_shape, shape_marked};
pub use tables::Table;
pub use value::{Array, ErrorKind, Value, compare, format_general, parse_number};
pub use workbook::{CellId, DefinedName, FormulaMode, Limits, Sheet, Workbook};
