//! Dynamic-array shaping and selection: `TRANSPOSE`, `CHOOSECOLS`,
//! `CHOOSEROWS`, `TAKE`, `DROP`, `VSTACK`, `HSTACK`, `TOCOL`, `TOROW`,
//! `WRAPROWS`, `WRAPCOLS`, `FILTER`, `SORT`, `SORTBY`; and the reference
//! helpers `LOOKUP`, `ADDRESS`, `AREAS`.

use std::cmp::Ordering;
use std::fmt::Write as _;
use std::sync::Arc;

use crate::ast::{Formula, NodeId, col_letters, quote_sheet};
use crate::eval::interp::{Ctx, Op};
use crate::functions::{
    FnResult, areas, boolean, is_missing, num, number, number_or, ok, text, value,
};
use crate::value::{Array, ErrorKind, Value, compare};

/// Most cells one result holds.
const MAX_CELLS: usize = 1_048_576;

/// Argument `i` as an array (a single value is 1×1; no implicit intersection).
fn arr(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], i: usize) -> Result<Arc<Array>, ErrorKind> {
    ctx.array_depth += 1;
    let v = value(ctx, f, args, i);
    ctx.array_depth -= 1;
    match v {
        Value::Array(a) => Ok(a),
        Value::Error(e) => Err(e),
        v => Ok(Arc::new(Array::new(1, 1, vec![v]))),
    }
}

fn out(rows: usize, cols: usize, items: Vec<Value>) -> FnResult {
    if rows == 0 || cols == 0 {
        return Err(ErrorKind::Calc);
    }
    ok(Value::Array(Arc::new(Array::new(rows, cols, items))))
}

fn cell(a: &Array, r: usize, c: usize) -> Value {
    a.get(r, c).cloned().unwrap_or(Value::Error(ErrorKind::NA))
}

pub(crate) fn transpose(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = arr(ctx, f, args, 0)?;
    let mut items = Vec::with_capacity(a.items.len());
    for c in 0..a.cols {
        for r in 0..a.rows {
            items.push(cell(&a, r, c));
        }
    }
    out(a.cols, a.rows, items)
}

/// 0-based indexes of 1-based (negative: from the end) picks among `n`.
fn picks(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    n: usize,
) -> Result<Vec<usize>, ErrorKind> {
    let mut v = Vec::new();
    for i in 1..args.len() {
        let k = number(ctx, f, args, i)?.trunc();
        #[expect(clippy::cast_precision_loss, reason = "sizes are small")]
        let nf = n as f64;
        let idx = if k >= 1.0 && k <= nf {
            k - 1.0
        } else if k <= -1.0 && -k <= nf {
            nf + k
        } else {
            return Err(ErrorKind::Value);
        };
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked range"
        )]
        v.push(idx as usize);
    }
    Ok(v)
}

pub(crate) fn choosecols(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = arr(ctx, f, args, 0)?;
    let cols = picks(ctx, f, args, a.cols)?;
    let mut items = Vec::new();
    for r in 0..a.rows {
        for &c in &cols {
            items.push(cell(&a, r, c));
        }
    }
    out(a.rows, cols.len(), items)
}

pub(crate) fn chooserows(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = arr(ctx, f, args, 0)?;
    let rows = picks(ctx, f, args, a.rows)?;
    let mut items = Vec::new();
    for &r in &rows {
        for c in 0..a.cols {
            items.push(cell(&a, r, c));
        }
    }
    out(rows.len(), a.cols, items)
}

/// The row range and column range `TAKE` (`drop` false) or `DROP` keeps.
fn span(n: usize, k: Option<f64>, drop: bool) -> (usize, usize) {
    let Some(k) = k else { return (0, n) };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped"
    )]
    let m = k.abs().min(1e9) as usize;
    let m = m.min(n);
    match (drop, k >= 0.0) {
        (false, true) => (0, m),
        (false, false) => (n - m, n),
        (true, true) => (m, n),
        (true, false) => (0, n - m),
    }
}

fn take_drop(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], drop: bool) -> FnResult {
    let a = arr(ctx, f, args, 0)?;
    let r = if is_missing(f, args, 1) {
        None
    } else {
        Some(number(ctx, f, args, 1)?.trunc())
    };
    let c = if is_missing(f, args, 2) {
        None
    } else {
        Some(number(ctx, f, args, 2)?.trunc())
    };
    if !drop && (r == Some(0.0) || c == Some(0.0)) {
        return Err(ErrorKind::Calc);
    }
    let (r1, r2) = span(a.rows, r, drop);
    let (c1, c2) = span(a.cols, c, drop);
    let mut items = Vec::new();
    for i in r1..r2 {
        for j in c1..c2 {
            items.push(cell(&a, i, j));
        }
    }
    out(r2 - r1, c2 - c1, items)
}

pub(crate) fn take(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    take_drop(ctx, f, args, false)
}

pub(crate) fn drop(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    take_drop(ctx, f, args, true)
}

fn stack(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], vertical: bool) -> FnResult {
    let mut parts = Vec::new();
    for i in 0..args.len() {
        parts.push(arr(ctx, f, args, i)?);
    }
    let (rows, cols) = if vertical {
        (
            parts.iter().map(|a| a.rows).sum(),
            parts.iter().map(|a| a.cols).max().unwrap_or(0),
        )
    } else {
        (
            parts.iter().map(|a| a.rows).max().unwrap_or(0),
            parts.iter().map(|a| a.cols).sum(),
        )
    };
    if rows.saturating_mul(cols) > MAX_CELLS {
        return Err(ErrorKind::Num);
    }
    let mut items = vec![Value::Error(ErrorKind::NA); rows * cols];
    let mut at = 0;
    for a in &parts {
        for r in 0..a.rows {
            for c in 0..a.cols {
                let (i, j) = if vertical { (at + r, c) } else { (r, at + c) };
                items[i * cols + j] = cell(a, r, c);
            }
        }
        at += if vertical { a.rows } else { a.cols };
    }
    out(rows, cols, items)
}

pub(crate) fn vstack(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    stack(ctx, f, args, true)
}

pub(crate) fn hstack(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    stack(ctx, f, args, false)
}

/// The items of `a` in row order (or column order when `by_col`), with
/// `ignore` 1 dropping blanks, 2 errors, 3 both.
fn flat(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<Vec<Value>, ErrorKind> {
    let a = arr(ctx, f, args, 0)?;
    let ignore = number_or(ctx, f, args, 1, 0.0)?;
    let by_col = args.len() > 2 && boolean(ctx, f, args, 2)?;
    let mut v = Vec::with_capacity(a.items.len());
    let (n, m) = if by_col {
        (a.cols, a.rows)
    } else {
        (a.rows, a.cols)
    };
    for i in 0..n {
        for j in 0..m {
            let x = if by_col {
                cell(&a, j, i)
            } else {
                cell(&a, i, j)
            };
            let skip = match &x {
                Value::Empty => matches!(ignore, 1.0 | 3.0),
                Value::Error(_) => matches!(ignore, 2.0 | 3.0),
                _ => false,
            };
            if !skip {
                v.push(x);
            }
        }
    }
    Ok(v)
}

pub(crate) fn tocol(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = flat(ctx, f, args)?;
    out(v.len(), 1, v)
}

pub(crate) fn torow(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = flat(ctx, f, args)?;
    out(1, v.len(), v)
}

fn wrap(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], rows_first: bool) -> FnResult {
    let a = arr(ctx, f, args, 0)?;
    if a.rows != 1 && a.cols != 1 {
        return Err(ErrorKind::Value);
    }
    let k = number(ctx, f, args, 1)?.trunc();
    if !(1.0..=1e6).contains(&k) {
        return Err(ErrorKind::Num);
    }
    let pad = if args.len() > 2 {
        value(ctx, f, args, 2).scalar()
    } else {
        Value::Error(ErrorKind::NA)
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let k = k as usize;
    let n = a.items.len();
    let lines = n.div_ceil(k);
    let mut items = vec![pad; lines * k];
    for (i, v) in a.items.iter().enumerate() {
        let (line, pos) = (i / k, i % k);
        let idx = if rows_first {
            line * k + pos
        } else {
            pos * lines + line
        };
        items[idx] = v.clone();
    }
    if rows_first {
        out(lines, k, items)
    } else {
        out(k, lines, items)
    }
}

pub(crate) fn wraprows(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    wrap(ctx, f, args, true)
}

pub(crate) fn wrapcols(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    wrap(ctx, f, args, false)
}

/// `FILTER(array, include, [if_empty])`.
pub(crate) fn filter(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = arr(ctx, f, args, 0)?;
    let inc = arr(ctx, f, args, 1)?;
    let by_rows = inc.cols == 1 && inc.rows == a.rows;
    let by_cols = inc.rows == 1 && inc.cols == a.cols;
    if !by_rows && !by_cols {
        return Err(ErrorKind::Value);
    }
    let mut keep = Vec::with_capacity(inc.items.len());
    for v in &inc.items {
        keep.push(match v {
            Value::Error(e) => return Err(*e),
            Value::Empty => false,
            v => v.to_bool()?,
        });
    }
    let mut items = Vec::new();
    let n = keep.iter().filter(|&&k| k).count();
    if n == 0 {
        return if args.len() > 2 {
            Ok(ctx.eval(f, args[2]))
        } else {
            Err(ErrorKind::Calc)
        };
    }
    if by_rows {
        for r in (0..a.rows).filter(|&r| keep[r]) {
            for c in 0..a.cols {
                items.push(cell(&a, r, c));
            }
        }
        out(n, a.cols, items)
    } else {
        for r in 0..a.rows {
            for c in (0..a.cols).filter(|&c| keep[c]) {
                items.push(cell(&a, r, c));
            }
        }
        out(a.rows, n, items)
    }
}

/// Sort order of two values: blanks last, then Excel's type order.
fn order(a: &Value, b: &Value) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => compare(a, b),
    }
}

/// Lines (rows, or columns when `by_col`) of `a`, reordered by `keys`.
fn reorder(a: &Array, by_col: bool, keys: &[(Vec<Value>, bool)]) -> FnResult {
    let n = if by_col { a.cols } else { a.rows };
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&i, &j| {
        for (k, desc) in keys {
            let o = order(&k[i], &k[j]);
            if o != Ordering::Equal {
                return if *desc { o.reverse() } else { o };
            }
        }
        Ordering::Equal
    });
    let mut items = Vec::with_capacity(a.items.len());
    if by_col {
        for r in 0..a.rows {
            for &c in &idx {
                items.push(cell(a, r, c));
            }
        }
    } else {
        for &r in &idx {
            for c in 0..a.cols {
                items.push(cell(a, r, c));
            }
        }
    }
    out(a.rows, a.cols, items)
}

fn descending(o: f64) -> Result<bool, ErrorKind> {
    match o {
        1.0 => Ok(false),
        -1.0 => Ok(true),
        _ => Err(ErrorKind::Value),
    }
}

/// `SORT(array, [sort_index], [sort_order], [by_col])`.
pub(crate) fn sort(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = arr(ctx, f, args, 0)?;
    let k = number_or(ctx, f, args, 1, 1.0)?.trunc();
    let desc = descending(number_or(ctx, f, args, 2, 1.0)?)?;
    let by_col = args.len() > 3 && !is_missing(f, args, 3) && boolean(ctx, f, args, 3)?;
    let width = if by_col { a.rows } else { a.cols };
    #[expect(clippy::cast_precision_loss, reason = "sizes are small")]
    if k < 1.0 || k > width as f64 {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let k = k as usize - 1;
    let key: Vec<Value> = if by_col {
        (0..a.cols).map(|c| cell(&a, k, c)).collect()
    } else {
        (0..a.rows).map(|r| cell(&a, r, k)).collect()
    };
    reorder(&a, by_col, &[(key, desc)])
}

/// `SORTBY(array, by_array1, [order1], ...)`.
pub(crate) fn sortby(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = arr(ctx, f, args, 0)?;
    let mut keys = Vec::new();
    let mut by_col = None;
    let mut i = 1;
    while i < args.len() {
        let k = arr(ctx, f, args, i)?;
        let desc = if i + 1 < args.len() {
            descending(number_or(ctx, f, args, i + 1, 1.0)?)?
        } else {
            false
        };
        let col = if k.cols == 1 && k.rows == a.rows {
            false
        } else if k.rows == 1 && k.cols == a.cols {
            true
        } else {
            return Err(ErrorKind::Value);
        };
        if by_col.is_some_and(|b| b != col) {
            return Err(ErrorKind::Value);
        }
        by_col = Some(col);
        keys.push((k.items.clone(), desc));
        i += 2;
    }
    reorder(&a, by_col.unwrap_or(false), &keys)
}

/// `LOOKUP(value, lookup_vector, [result_vector])`: the last item not
/// greater than `value` in a sorted vector (array form: first row or column).
pub(crate) fn lookup(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = value(ctx, f, args, 0).scalar();
    if let Value::Error(e) = x {
        return Err(e);
    }
    let a = arr(ctx, f, args, 1)?;
    let horizontal = a.cols > a.rows;
    let (keys, results): (Vec<Value>, Vec<Value>) = if horizontal {
        (0..a.cols)
            .map(|c| (cell(&a, 0, c), cell(&a, a.rows - 1, c)))
            .unzip()
    } else {
        (0..a.rows)
            .map(|r| (cell(&a, r, 0), cell(&a, r, a.cols - 1)))
            .unzip()
    };
    let same_kind = |v: &Value| {
        matches!(
            (v, &x),
            (Value::Number(_), Value::Number(_))
                | (Value::Text(_), Value::Text(_))
                | (Value::Bool(_), Value::Bool(_))
        )
    };
    // Binary search over the items of the same type, as Excel does.
    let (mut lo, mut hi) = (0usize, keys.len());
    let mut found = None;
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let mut m = mid;
        while m < hi && !same_kind(&keys[m]) {
            m += 1;
        }
        if m == hi {
            hi = mid;
            continue;
        }
        if compare(&keys[m], &x) == Ordering::Greater {
            hi = mid;
        } else {
            found = Some(m);
            lo = m + 1;
        }
    }
    let i = found.ok_or(ErrorKind::NA)?;
    if args.len() > 2 {
        let r = arr(ctx, f, args, 2)?;
        return r.items.get(i).cloned().map_or(Err(ErrorKind::NA), ok);
    }
    ok(results[i].clone())
}

/// `ADDRESS(row, column, [abs_num], [a1], [sheet_text])`.
pub(crate) fn address(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let r = number(ctx, f, args, 0)?.trunc();
    let c = number(ctx, f, args, 1)?.trunc();
    let kind = number_or(ctx, f, args, 2, 1.0)?.trunc();
    let a1 = args.len() < 4 || is_missing(f, args, 3) || boolean(ctx, f, args, 3)?;
    if !(1.0..=1_048_576.0).contains(&r)
        || !(1.0..=16_384.0).contains(&c)
        || !(1.0..=4.0).contains(&kind)
    {
        return Err(ErrorKind::Value);
    }
    let (row_abs, col_abs) = (matches!(kind, 1.0 | 2.0), matches!(kind, 1.0 | 3.0));
    let mut s = String::new();
    if args.len() > 4 && !is_missing(f, args, 4) {
        let sheet = text(ctx, f, args, 4)?;
        s.push_str(&quote_sheet(&sheet));
        s.push('!');
    }
    if a1 {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked range"
        )]
        let col = col_letters(c as u32 - 1);
        let d = |b: bool| if b { "$" } else { "" };
        let _ = write!(s, "{}{col}{}{r}", d(col_abs), d(row_abs));
    } else {
        let part = |p: char, n: f64, abs: bool| {
            if abs {
                format!("{p}{n}")
            } else {
                format!("{p}[{n}]")
            }
        };
        s.push_str(&part('R', r, row_abs));
        s.push_str(&part('C', c, col_abs));
    }
    ok(Value::text(s))
}

/// `AREAS(reference)`.
pub(crate) fn areas_fn(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let op = ctx.eval_unread(f, args[0]);
    match (&op, areas(&op)) {
        (_, Some(v)) =>
        {
            #[expect(clippy::cast_precision_loss, reason = "counts are small")]
            num(v.len() as f64)
        }
        (Op::V(Value::Error(e)), None) => Err(*e),
        _ => Err(ErrorKind::Value),
    }
}
