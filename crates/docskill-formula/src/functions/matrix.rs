//! Matrix and binning functions: `MMULT`, `FREQUENCY`, and `RANDARRAY`,
//! `EXPAND` that build arrays.

use std::sync::Arc;

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Ctx, num as num_value};
use crate::functions::math::next_random;
use crate::functions::stats::fold;
use crate::functions::{FnResult, boolean, is_missing, number_or, ok, value};
use crate::value::{Array, ErrorKind, Value};

/// Most cells one result holds.
const MAX_CELLS: f64 = 1_048_576.0;

fn numbers_of(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<Arc<Array>, ErrorKind> {
    ctx.array_depth += 1;
    let v = value(ctx, f, args, i);
    ctx.array_depth -= 1;
    let a = match v {
        Value::Array(a) => a,
        Value::Error(e) => return Err(e),
        v => Arc::new(Array::new(1, 1, vec![v])),
    };
    if a.items.iter().any(|x| !matches!(x, Value::Number(_))) {
        return Err(a
            .items
            .iter()
            .find_map(Value::error)
            .unwrap_or(ErrorKind::Value));
    }
    Ok(a)
}

fn at(a: &Array, r: usize, c: usize) -> f64 {
    match a.get(r, c) {
        Some(Value::Number(n)) => *n,
        _ => 0.0,
    }
}

/// `MMULT(array1, array2)`.
pub(crate) fn mmult(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = numbers_of(ctx, f, args, 0)?;
    let b = numbers_of(ctx, f, args, 1)?;
    if a.cols != b.rows {
        return Err(ErrorKind::Value);
    }
    let mut items = Vec::with_capacity(a.rows * b.cols);
    for r in 0..a.rows {
        for c in 0..b.cols {
            let s: f64 = (0..a.cols).map(|k| at(&a, r, k) * at(&b, k, c)).sum();
            items.push(num_value(s));
        }
    }
    ok(Value::Array(Arc::new(Array::new(a.rows, b.cols, items))))
}

/// `FREQUENCY(data, bins)`: a column of counts per bin, then above the last.
pub(crate) fn frequency(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let mut data = Vec::new();
    fold(ctx, f, &args[..1], &mut |x| data.push(x))?;
    let mut bins = Vec::new();
    fold(ctx, f, &args[1..2], &mut |x| bins.push(x))?;
    let mut items = Vec::with_capacity(bins.len() + 1);
    for &b in &bins {
        let below = bins
            .iter()
            .copied()
            .filter(|&x| x < b)
            .fold(f64::NEG_INFINITY, f64::max);
        let n = data.iter().filter(|&&x| x <= b && x > below).count();
        #[expect(clippy::cast_precision_loss, reason = "counts are small")]
        items.push(Value::Number(n as f64));
    }
    let top = bins.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    items.push(Value::Number(
        data.iter().filter(|&&x| x > top).count() as f64
    ));
    let n = items.len();
    ok(Value::Array(Arc::new(Array::new(n, 1, items))))
}

/// `RANDARRAY([rows], [columns], [min], [max], [whole_number])`, from the calculation's seed.
pub(crate) fn randarray(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let rows = number_or(ctx, f, args, 0, 1.0)?.trunc();
    let cols = number_or(ctx, f, args, 1, 1.0)?.trunc();
    let lo = number_or(ctx, f, args, 2, 0.0)?;
    let hi = number_or(ctx, f, args, 3, 1.0)?;
    let whole = args.len() > 4 && !is_missing(f, args, 4) && boolean(ctx, f, args, 4)?;
    if rows < 1.0 || cols < 1.0 || rows * cols > MAX_CELLS || lo > hi {
        return Err(if lo > hi {
            ErrorKind::Value
        } else {
            ErrorKind::Calc
        });
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let (r, c) = (rows as usize, cols as usize);
    let mut items = Vec::with_capacity(r * c);
    for _ in 0..r * c {
        let x = next_random(ctx);
        items.push(Value::Number(if whole {
            lo.ceil() + (x * (hi.floor() - lo.ceil() + 1.0)).floor()
        } else {
            lo + x * (hi - lo)
        }));
    }
    ok(Value::Array(Arc::new(Array::new(r, c, items))))
}

/// `EXPAND(array, rows, [columns], [pad_with])`.
pub(crate) fn expand(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    ctx.array_depth += 1;
    let v = value(ctx, f, args, 0);
    ctx.array_depth -= 1;
    let a = match v {
        Value::Array(a) => a,
        Value::Error(e) => return Err(e),
        v => Arc::new(Array::new(1, 1, vec![v])),
    };
    #[expect(clippy::cast_precision_loss, reason = "sizes are small")]
    let rows = number_or(ctx, f, args, 1, a.rows as f64)?.trunc();
    #[expect(clippy::cast_precision_loss, reason = "sizes are small")]
    let cols = number_or(ctx, f, args, 2, a.cols as f64)?.trunc();
    let pad = if args.len() > 3 {
        value(ctx, f, args, 3).scalar()
    } else {
        Value::Error(ErrorKind::NA)
    };
    #[expect(clippy::cast_precision_loss, reason = "sizes are small")]
    if rows < a.rows as f64 || cols < a.cols as f64 || rows * cols > MAX_CELLS {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let (r, c) = (rows as usize, cols as usize);
    let mut items = Vec::with_capacity(r * c);
    for i in 0..r {
        for j in 0..c {
            items.push(
                a.get(i, j)
                    .filter(|_| i < a.rows && j < a.cols)
                    .cloned()
                    .unwrap_or_else(|| pad.clone()),
            );
        }
    }
    ok(Value::Array(Arc::new(Array::new(r, c, items))))
}
