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

/// A square matrix argument as rows of numbers.
fn square(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<Vec<Vec<f64>>, ErrorKind> {
    let a = numbers_of(ctx, f, args, 0)?;
    if a.rows != a.cols || a.rows > 1_000 {
        return Err(ErrorKind::Value);
    }
    Ok((0..a.rows)
        .map(|r| (0..a.cols).map(|c| at(&a, r, c)).collect())
        .collect())
}

/// Gauss-Jordan elimination with partial pivoting: the determinant, and the
/// inverse when `inverse` (None when singular).
fn gauss(mut m: Vec<Vec<f64>>, inverse: bool) -> (f64, Option<Vec<Vec<f64>>>) {
    let n = m.len();
    let mut inv: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    let mut det = 1.0;
    for col in 0..n {
        let Some(p) = (col..n).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs())) else {
            return (0.0, None);
        };
        if m[p][col] == 0.0 {
            return (0.0, None);
        }
        if p != col {
            m.swap(p, col);
            inv.swap(p, col);
            det = -det;
        }
        let d = m[col][col];
        det *= d;
        if !inverse && col + 1 == n {
            break;
        }
        for j in 0..n {
            m[col][j] /= d;
            inv[col][j] /= d;
        }
        for r in 0..n {
            if r != col {
                let k = m[r][col];
                if k != 0.0 {
                    for j in 0..n {
                        m[r][j] -= k * m[col][j];
                        inv[r][j] -= k * inv[col][j];
                    }
                }
            }
        }
    }
    (det, Some(inv))
}

/// `MDETERM(array)`.
pub(crate) fn mdeterm(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let m = square(ctx, f, args)?;
    crate::functions::num(gauss(m, false).0)
}

/// `MINVERSE(array)`: `#NUM!` for a singular matrix.
pub(crate) fn minverse(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let m = square(ctx, f, args)?;
    let n = m.len();
    let (det, inv) = gauss(m, true);
    let inv = inv.filter(|_| det != 0.0).ok_or(ErrorKind::Num)?;
    let items = inv.into_iter().flatten().map(num_value).collect();
    ok(Value::Array(Arc::new(Array::new(n, n, items))))
}

/// Known y and x of a one-variable regression (x defaults to 1, 2, 3...).
fn known(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
) -> Result<(Vec<f64>, Vec<f64>), ErrorKind> {
    let mut y = Vec::new();
    fold(ctx, f, &args[..1], &mut |v| y.push(v))?;
    let mut x = Vec::new();
    if args.len() > 1 && !is_missing(f, args, 1) {
        fold(ctx, f, &args[1..2], &mut |v| x.push(v))?;
    } else {
        #[expect(clippy::cast_precision_loss, reason = "counts are small")]
        x.extend((1..=y.len()).map(|i| i as f64));
    }
    if x.len() != y.len() || y.is_empty() {
        return Err(ErrorKind::Ref);
    }
    Ok((y, x))
}

/// Least-squares slope and intercept of `y` on `x`.
fn fit(y: &[f64], x: &[f64], with_constant: bool) -> Result<(f64, f64), ErrorKind> {
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    let n = y.len() as f64;
    if !with_constant {
        let sxx: f64 = x.iter().map(|v| v * v).sum();
        if sxx == 0.0 {
            return Err(ErrorKind::Div0);
        }
        return Ok((x.iter().zip(y).map(|(a, b)| a * b).sum::<f64>() / sxx, 0.0));
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let sxx: f64 = x.iter().map(|v| (v - mx) * (v - mx)).sum();
    if sxx == 0.0 {
        return Err(ErrorKind::Div0);
    }
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let m = sxy / sxx;
    Ok((m, my - m * mx))
}

fn with_constant(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<bool, ErrorKind> {
    Ok(args.len() <= i || is_missing(f, args, i) || boolean(ctx, f, args, i)?)
}

/// New x values (argument `i`, else the known x), shaped as given.
fn new_x(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
    x: &[f64],
) -> Result<Arc<Array>, ErrorKind> {
    if args.len() > i && !is_missing(f, args, i) {
        return numbers_of(ctx, f, args, i);
    }
    let items = x.iter().map(|&v| Value::Number(v)).collect();
    Ok(Arc::new(Array::new(x.len(), 1, items)))
}

fn predict(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], log: bool) -> FnResult {
    let (y, x) = known(ctx, f, args)?;
    let y = if log {
        if y.iter().any(|&v| v <= 0.0) {
            return Err(ErrorKind::Num);
        }
        y.iter().map(|v| v.ln()).collect()
    } else {
        y
    };
    let constant = with_constant(ctx, f, args, 3)?;
    let (m, b) = fit(&y, &x, constant)?;
    let nx = new_x(ctx, f, args, 2, &x)?;
    let items = nx
        .items
        .iter()
        .map(|v| {
            let t = at_value(v) * m + b;
            num_value(if log { t.exp() } else { t })
        })
        .collect();
    ok(Value::Array(Arc::new(Array::new(nx.rows, nx.cols, items))))
}

fn at_value(v: &Value) -> f64 {
    match v {
        Value::Number(n) => *n,
        _ => 0.0,
    }
}

/// `TREND(known_y, [known_x], [new_x], [const])` (one x variable).
pub(crate) fn trend(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    predict(ctx, f, args, false)
}

/// `GROWTH(known_y, [known_x], [new_x], [const])` (one x variable).
pub(crate) fn growth(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    predict(ctx, f, args, true)
}
