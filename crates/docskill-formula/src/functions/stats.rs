//! Counting and aggregate functions: SUM-style folds over numbers in ranges,
//! arrays and direct arguments.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Area, Ctx, Op};
use crate::functions::{FnResult, areas, num, ok};
use crate::value::{ErrorKind, Value};
use crate::workbook::CellId;

/// Calls `g` with every number of the arguments, following the rules of
/// SUM: numbers in ranges and arrays (text, logicals and blanks there are
/// skipped), direct arguments coerced (text that is not a number is
/// `#VALUE!`), the first error stops the fold.
pub(crate) fn fold(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    g: &mut dyn FnMut(f64),
) -> Result<(), ErrorKind> {
    for &id in args {
        let op = ctx.eval(f, id);
        match op {
            Op::R(_) | Op::Rs(_) => {
                for a in areas(&op).unwrap_or_default() {
                    fold_area(ctx, a, g)?;
                }
            }
            Op::V(Value::Array(arr)) => {
                for v in &arr.items {
                    match v {
                        Value::Number(n) => g(*n),
                        Value::Error(e) => return Err(*e),
                        _ => {}
                    }
                }
            }
            Op::L(_) => return Err(ErrorKind::Value),
            Op::V(v) => match v {
                Value::Empty => {}
                v => g(v.to_number_in(ctx.wb.date1904)?),
            },
        }
    }
    Ok(())
}

pub(crate) fn fold_area(
    ctx: &mut Ctx<'_>,
    a: Area,
    g: &mut dyn FnMut(f64),
) -> Result<(), ErrorKind> {
    let Some(s) = ctx.wb.sheets.get(a.sheet as usize) else {
        return Err(ErrorKind::Ref);
    };
    for c in a.c1..=a.c2.min(s.used_cols().saturating_sub(1)) {
        let col = s.column(c);
        let end = (a.r2 as usize + 1).min(col.len());
        let start = (a.r1 as usize).min(end);
        for (i, v) in col[start..end].iter().enumerate() {
            match v {
                Value::Number(n) => g(*n),
                Value::Error(e) => {
                    let row = u32::try_from(start + i).unwrap_or(0);
                    ctx.note_error(*e, CellId::new(a.sheet, row, c));
                    return Err(*e);
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Calls `g` with every value of the arguments (ranges cell by cell, arrays
/// item by item), with `true` for direct arguments.
pub(crate) fn each_value(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    g: &mut dyn FnMut(&Value, bool),
) {
    for &id in args {
        let op = ctx.eval(f, id);
        match op {
            Op::R(_) | Op::Rs(_) => {
                for a in areas(&op).unwrap_or_default() {
                    ctx.each_cell(a, |v, _, _| g(v, false));
                }
            }
            Op::V(Value::Array(arr)) => arr.items.iter().for_each(|v| g(v, false)),
            Op::V(v) => g(&v, true),
            Op::L(_) => g(&Value::Error(ErrorKind::Value), true),
        }
    }
}

pub(crate) fn average(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (mut s, mut n) = (0.0, 0u32);
    fold(ctx, f, args, &mut |x| {
        s += x;
        n += 1;
    })?;
    if n == 0 {
        Err(ErrorKind::Div0)
    } else {
        num(s / f64::from(n))
    }
}

pub(crate) fn min(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let mut m: Option<f64> = None;
    fold(ctx, f, args, &mut |x| m = Some(m.map_or(x, |m| m.min(x))))?;
    num(m.unwrap_or(0.0))
}

pub(crate) fn max(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let mut m: Option<f64> = None;
    fold(ctx, f, args, &mut |x| m = Some(m.map_or(x, |m| m.max(x))))?;
    num(m.unwrap_or(0.0))
}

pub(crate) fn count(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let mut n = 0u32;
    each_value(ctx, f, args, &mut |v, direct| match v {
        Value::Number(_) => n += 1,
        Value::Bool(_) if direct => n += 1,
        Value::Text(t) if direct && crate::value::parse_number(t).is_some() => n += 1,
        _ => {}
    });
    num(f64::from(n))
}

pub(crate) fn counta(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let mut n = 0u32;
    let ids: Vec<NodeId> = args
        .iter()
        .copied()
        .filter(|&id| !matches!(f.node(id), crate::ast::Node::Missing))
        .collect();
    each_value(ctx, f, &ids, &mut |v, direct| {
        if direct || !v.is_empty() {
            n += 1;
        }
    });
    num(f64::from(n))
}

pub(crate) fn countblank(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let op = ctx.eval(f, args[0]);
    let Op::R(a) = op else {
        return Err(ErrorKind::Value);
    };
    let mut filled = 0u64;
    ctx.each_cell(a, |v, _, _| {
        if !v.is_empty() && !matches!(v, Value::Text(t) if t.is_empty()) {
            filled += 1;
        }
    });
    let total = u64::from(a.rows()) * u64::from(a.cols());
    #[expect(clippy::cast_precision_loss, reason = "at most 2^34 cells")]
    ok(Value::Number((total - filled) as f64))
}
