//! Further common functions: reference shape, order statistics, rounding to
//! multiples, logarithms, text helpers, time parts, time-value-of-money.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Ctx, Op};
use crate::functions::stats::fold;
use crate::functions::{FnResult, is_missing, num, number, number_or, ok, text};
use crate::value::{ErrorKind, Value};

fn shape(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
) -> Result<(u32, u32, u32, u32), ErrorKind> {
    if is_missing(f, args, 0) {
        return Ok((ctx.cell.row, ctx.cell.col, 1, 1));
    }
    match ctx.eval_unread(f, args[0]) {
        Op::R(a) => Ok((a.r1, a.c1, a.rows(), a.cols())),
        Op::V(Value::Array(a)) => Ok((
            0,
            0,
            u32::try_from(a.rows).unwrap_or(0),
            u32::try_from(a.cols).unwrap_or(0),
        )),
        Op::V(Value::Error(e)) => Err(e),
        Op::V(_) => Ok((0, 0, 1, 1)),
        Op::Rs(_) => Err(ErrorKind::Ref),
        Op::L(_) => Err(ErrorKind::Value),
    }
}

/// `ROW(reference)`: the row number, or the column of row numbers of a
/// reference several rows tall (`ROW(INDIRECT("1:5"))` is `{1;2;3;4;5}`),
/// except in a plain formula of a file outside array arguments, where Excel
/// gives the first.
pub(crate) fn row(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (r, _, rows, _) = shape(ctx, f, args)?;
    let one = ctx.legacy && ctx.array_depth == 0;
    numbers(r, if one { 1 } else { rows }, true)
}

/// `COLUMN(reference)`: the column number, or the row of column numbers.
pub(crate) fn column(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (_, c, _, cols) = shape(ctx, f, args)?;
    let one = ctx.legacy && ctx.array_depth == 0;
    numbers(c, if one { 1 } else { cols }, false)
}

/// `first+1 .. first+len` as one number or a vertical or horizontal array.
fn numbers(first: u32, len: u32, vertical: bool) -> FnResult {
    if len <= 1 || is_array_too_big(len) {
        return num(f64::from(first + 1));
    }
    let items: Vec<Value> = (first + 1..=first + len)
        .map(|n| Value::Number(f64::from(n)))
        .collect();
    let (rows, cols) = if vertical {
        (items.len(), 1)
    } else {
        (1, items.len())
    };
    ok(Value::Array(std::sync::Arc::new(crate::value::Array::new(
        rows, cols, items,
    ))))
}

/// Whole-sheet spans stay one number rather than a million-item array.
fn is_array_too_big(len: u32) -> bool {
    len > 65_536
}

pub(crate) fn rows(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(f64::from(shape(ctx, f, args)?.2))
}

pub(crate) fn columns(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(f64::from(shape(ctx, f, args)?.3))
}

fn sorted(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<Vec<f64>, ErrorKind> {
    let mut v = Vec::new();
    fold(ctx, f, args, &mut |x| v.push(x))?;
    v.sort_by(f64::total_cmp);
    Ok(v)
}

pub(crate) fn median(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = sorted(ctx, f, args)?;
    if v.is_empty() {
        return Err(ErrorKind::Num);
    }
    let m = v.len() / 2;
    num(if v.len() % 2 == 1 {
        v[m]
    } else {
        v[m - 1].midpoint(v[m])
    })
}

fn kth(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], largest: bool) -> FnResult {
    let v = sorted(ctx, f, &args[..1])?;
    let k = number(ctx, f, args, 1)?.ceil();
    if k < 1.0 || k > f64::from(u32::try_from(v.len()).unwrap_or(u32::MAX)) {
        return Err(ErrorKind::Num);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let k = k as usize;
    num(if largest { v[v.len() - k] } else { v[k - 1] })
}

pub(crate) fn large(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    kth(ctx, f, args, true)
}

pub(crate) fn small(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    kth(ctx, f, args, false)
}

fn variance(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    sample: bool,
) -> Result<f64, ErrorKind> {
    let mut v = Vec::new();
    fold(ctx, f, args, &mut |x| v.push(x))?;
    let n = f64::from(u32::try_from(v.len()).unwrap_or(u32::MAX));
    if n < if sample { 2.0 } else { 1.0 } {
        return Err(ErrorKind::Div0);
    }
    let mean = v.iter().sum::<f64>() / n;
    let ss: f64 = v.iter().map(|x| (x - mean) * (x - mean)).sum();
    Ok(ss / if sample { n - 1.0 } else { n })
}

pub(crate) fn stdev_s(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(variance(ctx, f, args, true)?.sqrt())
}

pub(crate) fn stdev_p(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(variance(ctx, f, args, false)?.sqrt())
}

pub(crate) fn var_s(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(variance(ctx, f, args, true)?)
}

pub(crate) fn var_p(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(variance(ctx, f, args, false)?)
}

fn to_multiple(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], up: bool) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let m = number_or(ctx, f, args, 1, if x < 0.0 { -1.0 } else { 1.0 })?;
    if m == 0.0 {
        return num(0.0);
    }
    if x > 0.0 && m < 0.0 {
        return Err(ErrorKind::Num);
    }
    let q = crate::functions::math::round_half_away(x / m, 9.0);
    num(if up { q.ceil() * m } else { q.floor() * m })
}

pub(crate) fn ceiling(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    to_multiple(ctx, f, args, true)
}

pub(crate) fn floor(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    to_multiple(ctx, f, args, false)
}

pub(crate) fn log(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let b = number_or(ctx, f, args, 1, 10.0)?;
    if x <= 0.0 || b <= 0.0 {
        return Err(ErrorKind::Num);
    }
    if (b - 1.0).abs() < f64::EPSILON {
        return Err(ErrorKind::Div0);
    }
    num(x.ln() / b.ln())
}

pub(crate) fn log10(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    if x <= 0.0 {
        Err(ErrorKind::Num)
    } else {
        num(x.log10())
    }
}

pub(crate) fn exact(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    ok(Value::Bool(
        text(ctx, f, args, 0)? == text(ctx, f, args, 1)?,
    ))
}

pub(crate) fn rept(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text(ctx, f, args, 0)?;
    let n = number(ctx, f, args, 1)?.trunc();
    if n < 0.0 || n * f64::from(u32::try_from(t.len()).unwrap_or(u32::MAX)) > 32_767.0 {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    ok(Value::text(t.repeat(n as usize)))
}

pub(crate) fn proper(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text(ctx, f, args, 0)?;
    let mut out = String::with_capacity(t.len());
    let mut prev_letter = false;
    for c in t.chars() {
        if prev_letter {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_letter = c.is_alphabetic();
    }
    ok(Value::text(out))
}

fn time_part(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<i64, ErrorKind> {
    let v = number(ctx, f, args, 0)?;
    if v < 0.0 {
        return Err(ErrorKind::Num);
    }
    #[expect(clippy::cast_possible_truncation, reason = "seconds in a day")]
    Ok(((v - v.floor()) * 86_400.0).round() as i64 % 86_400)
}

#[expect(clippy::cast_precision_loss, reason = "small integers")]
pub(crate) fn hour(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num((time_part(ctx, f, args)? / 3600) as f64)
}

#[expect(clippy::cast_precision_loss, reason = "small integers")]
pub(crate) fn minute(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num((time_part(ctx, f, args)? / 60 % 60) as f64)
}

#[expect(clippy::cast_precision_loss, reason = "small integers")]
pub(crate) fn second(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num((time_part(ctx, f, args)? % 60) as f64)
}

pub(crate) fn time(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let h = number(ctx, f, args, 0)?.trunc();
    let m = number(ctx, f, args, 1)?.trunc();
    let s = number(ctx, f, args, 2)?.trunc();
    let total = h * 3600.0 + m * 60.0 + s;
    if total < 0.0 || h > 32_767.0 {
        return Err(ErrorKind::Num);
    }
    num((total % 86_400.0) / 86_400.0)
}

pub(crate) fn weekday(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let s = number(ctx, f, args, 0)?.floor();
    let kind = number_or(ctx, f, args, 1, 1.0)?;
    if s < 0.0 {
        return Err(ErrorKind::Num);
    }
    // In the 1900 system's serials (1904-01-01 is serial 1462, a Friday).
    #[expect(clippy::cast_precision_loss, reason = "a small constant")]
    let s = if ctx.wb.date1904 {
        s + crate::functions::date::OFFSET_1904 as f64
    } else {
        s
    };
    // Serial 1 (1900-01-01, by Excel's count) is a Sunday.
    let sun0 = (s + 6.0).rem_euclid(7.0); // 0 = Sunday
    num(match kind {
        1.0 => sun0 + 1.0,
        2.0 => (sun0 + 6.0).rem_euclid(7.0) + 1.0,
        3.0 => (sun0 + 6.0).rem_euclid(7.0),
        _ => return Err(ErrorKind::Num),
    })
}

fn tvm(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
) -> Result<(f64, f64, f64, f64, f64), ErrorKind> {
    let rate = number(ctx, f, args, 0)?;
    let nper = number(ctx, f, args, 1)?;
    let a = number_or(ctx, f, args, 2, 0.0)?;
    let b = number_or(ctx, f, args, 3, 0.0)?;
    let due = if number_or(ctx, f, args, 4, 0.0)? == 0.0 {
        0.0
    } else {
        1.0
    };
    Ok((rate, nper, a, b, due))
}

/// `FV(rate, nper, pmt, [pv], [type])`
pub(crate) fn fv(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (rate, nper, pmt, pv, due) = tvm(ctx, f, args)?;
    if rate == 0.0 {
        return num(-(pv + pmt * nper));
    }
    let g = (1.0 + rate).powf(nper);
    num(-(pv * g + pmt * (1.0 + rate * due) * (g - 1.0) / rate))
}

/// `PV(rate, nper, pmt, [fv], [type])`
pub(crate) fn pv(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (rate, nper, pmt, fv, due) = tvm(ctx, f, args)?;
    if rate == 0.0 {
        return num(-(fv + pmt * nper));
    }
    let g = (1.0 + rate).powf(nper);
    num(-(fv + pmt * (1.0 + rate * due) * (g - 1.0) / rate) / g)
}

fn to_multiple_math(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], up: bool) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let s = number_or(ctx, f, args, 1, 1.0)?.abs();
    let away = number_or(ctx, f, args, 2, 0.0)? != 0.0;
    if s == 0.0 {
        return num(0.0);
    }
    let q = crate::functions::math::round_half_away(x / s, 9.0);
    // Mode only matters for negative numbers: towards or away from zero.
    let r = if x < 0.0 && away {
        if up { q.floor() } else { q.ceil() }
    } else if up {
        q.ceil()
    } else {
        q.floor()
    };
    num(r * s)
}

pub(crate) fn ceiling_math(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    to_multiple_math(ctx, f, args, true)
}

pub(crate) fn floor_math(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    to_multiple_math(ctx, f, args, false)
}
