//! `SUBTOTAL`: the eleven aggregates over references, leaving out cells that
//! hold a `SUBTOTAL` (or `AGGREGATE`) formula themselves, so nested subtotals
//! are not counted twice, and (codes 101-111) rows marked hidden.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Ctx, Op};
use crate::functions::{FnResult, num, number};
use crate::value::{ErrorKind, Value};
use crate::workbook::CellId;

/// What the referenced cells hold, once skipped cells are left out.
#[derive(Default)]
pub(crate) struct Seen {
    pub numbers: Vec<f64>,
    pub non_empty: usize,
    pub error: Option<ErrorKind>,
}

/// `SUBTOTAL(function_num, ref1, ...)`: 1 AVERAGE, 2 COUNT, 3 COUNTA, 4 MAX,
/// 5 MIN, 6 PRODUCT, 7 STDEV.S, 8 STDEV.P, 9 SUM, 10 VAR.S, 11 VAR.P; 101-111
/// the same without hidden rows. Every argument after the first must be a
/// reference.
pub(crate) fn subtotal(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let code = number(ctx, f, args, 0)?.trunc();
    let skip_hidden = code > 100.0;
    let k = if skip_hidden { code - 100.0 } else { code };
    if !(1.0..=11.0).contains(&k) {
        return Err(ErrorKind::Value);
    }
    let wb = ctx.wb;
    let mut seen = Seen::default();
    for &id in &args[1..] {
        let areas = match ctx.eval(f, id) {
            Op::R(a) => vec![a],
            Op::Rs(v) => v,
            Op::V(Value::Error(e)) => return Err(e),
            Op::V(_) | Op::L(_) => return Err(ErrorKind::Value),
        };
        for a in areas {
            ctx.each_cell(a, |v, r, c| {
                if matches!(v, Value::Empty)
                    || (skip_hidden && wb.row_hidden(a.sheet, r))
                    || wb.is_subtotal_cell(CellId::new(a.sheet, r, c))
                {
                    return;
                }
                seen.non_empty += 1;
                match v {
                    Value::Number(n) => seen.numbers.push(*n),
                    Value::Error(e) if seen.error.is_none() => seen.error = Some(*e),
                    _ => {}
                }
            });
        }
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked to be 1..=11"
    )]
    let k = k as u8;
    aggregate(k, &seen)
}

#[expect(clippy::cast_precision_loss, reason = "counts of cells")]
pub(crate) fn aggregate(k: u8, seen: &Seen) -> FnResult {
    let v = &seen.numbers;
    let n = v.len() as f64;
    match k {
        2 => return num(n),
        3 => return num(seen.non_empty as f64),
        _ => {}
    }
    if let Some(e) = seen.error {
        return Err(e);
    }
    match k {
        1 if v.is_empty() => Err(ErrorKind::Div0),
        1 => num(v.iter().sum::<f64>() / n),
        4 => num(v.iter().copied().reduce(f64::max).unwrap_or(0.0)),
        5 => num(v.iter().copied().reduce(f64::min).unwrap_or(0.0)),
        6 if v.is_empty() => num(0.0),
        6 => num(v.iter().product()),
        9 => num(v.iter().sum()),
        7 | 8 | 10 | 11 => {
            let sample = matches!(k, 7 | 10);
            if n < if sample { 2.0 } else { 1.0 } {
                return Err(ErrorKind::Div0);
            }
            let mean = v.iter().sum::<f64>() / n;
            let ss: f64 = v.iter().map(|x| (x - mean) * (x - mean)).sum();
            let var = ss / if sample { n - 1.0 } else { n };
            num(if k <= 8 { var.sqrt() } else { var })
        }
        _ => Err(ErrorKind::Value),
    }
}
