//! `CELL` and `INFO`: facts about a cell and about the environment, with
//! fixed answers where Excel would report the machine it runs on (so a
//! recalculation gives the same values everywhere). Both are volatile.

use std::fmt::Write as _;

use crate::ast::{Formula, NodeId, col_letters, quote_sheet};
use crate::eval::interp::{Ctx, Op};
use crate::functions::{FnResult, is_missing, num, ok, text};
use crate::value::{ErrorKind, Value};

/// Column width `CELL("width")` reports: the model holds no column widths,
/// and Excel's default column is 8.43 characters wide (shown as 8).
const DEFAULT_WIDTH: f64 = 8.0;

/// `CELL(info_type, [reference])` for the top-left cell of `reference` (the
/// formula's own cell when omitted; Excel takes the last cell edited):
/// `address` (`$B$3`, `Sheet2!$B$3` on another sheet), `col`, `row`,
/// `contents` (the value), `type` (`b` blank, `l` text, `v` other), `width`
/// (8), `filename` (empty: the engine does not know where the file lives),
/// `format` (`G`), `prefix` (`'` for text, else empty), `protect` (1, cells
/// are locked by default), `parentheses` and `color` (0).
pub(crate) fn cell(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let what = text(ctx, f, args, 0)?.to_ascii_lowercase();
    let (sheet, row, col) = if is_missing(f, args, 1) {
        (ctx.cell.sheet, ctx.cell.row, ctx.cell.col)
    } else {
        let reads = matches!(what.as_str(), "contents" | "type" | "prefix");
        let op = if reads {
            ctx.eval(f, args[1])
        } else {
            ctx.eval_unread(f, args[1])
        };
        match op {
            Op::R(a) => (a.sheet, a.r1, a.c1),
            Op::Rs(v) => match v.first() {
                Some(a) => (a.sheet, a.r1, a.c1),
                None => return Err(ErrorKind::Value),
            },
            Op::V(Value::Error(e)) => return Err(e),
            Op::V(_) | Op::L(_) => return Err(ErrorKind::Value),
        }
    };
    match what.as_str() {
        "address" => {
            let mut s = String::new();
            if sheet != ctx.cell.sheet
                && let Some(sh) = ctx.wb.sheets.get(sheet as usize)
            {
                s.push_str(&quote_sheet(&sh.name));
                s.push('!');
            }
            let _ = write!(s, "${}${}", col_letters(col), row + 1);
            ok(Value::text(s))
        }
        "col" => num(f64::from(col) + 1.0),
        "row" => num(f64::from(row) + 1.0),
        "contents" => match ctx.cell_value(sheet, row, col) {
            Value::Empty => num(0.0),
            v => ok(v),
        },
        "type" => ok(Value::text(match ctx.cell_value(sheet, row, col) {
            Value::Empty => "b",
            Value::Text(_) => "l",
            _ => "v",
        })),
        "prefix" => ok(Value::text(match ctx.cell_value(sheet, row, col) {
            Value::Text(_) => "'",
            _ => "",
        })),
        "width" => num(DEFAULT_WIDTH),
        "filename" => ok(Value::text("")),
        "format" => ok(Value::text("G")),
        "protect" => num(1.0),
        "parentheses" | "color" => num(0.0),
        _ => Err(ErrorKind::Value),
    }
}

/// `INFO(type_text)`, with fixed answers: `numfile` (the number of
/// sheets), `recalc` (`Automatic`), `system` (`pcdos`), `osversion`
/// (`Windows (64-bit) NT 10.00`), `release` (`16.0`), `origin` (`$A:$A$1`),
/// `directory` (empty: the engine does not know where the file lives).
/// `memavail`, `memused` and `totmem` are `#N/A` as in current Excel.
pub(crate) fn info(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let what = text(ctx, f, args, 0)?.to_ascii_lowercase();
    let t = match what.as_str() {
        "numfile" => {
            #[expect(clippy::cast_precision_loss, reason = "a sheet count")]
            return num(ctx.wb.sheets.len() as f64);
        }
        "recalc" => "Automatic",
        "system" => "pcdos",
        "osversion" => "Windows (64-bit) NT 10.00",
        "release" => "16.0",
        "origin" => "$A:$A$1",
        "directory" => "",
        "memavail" | "memused" | "totmem" => return Err(ErrorKind::NA),
        _ => return Err(ErrorKind::Value),
    };
    ok(Value::text(t))
}
