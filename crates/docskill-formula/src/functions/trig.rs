//! Trigonometry, MROUND, CLEAN, RANK, WORKDAY.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Ctx, Op};
use crate::functions::stats::fold;
use crate::functions::{FnResult, is_missing, num, number, number_or, ok, text};
use crate::value::{ErrorKind, Value};

fn unary(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    g: impl Fn(f64) -> Result<f64, ErrorKind>,
) -> FnResult {
    ok(crate::eval::interp::map1(
        &crate::functions::value(ctx, f, args, 0),
        g,
    ))
}

pub(crate) fn sin(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.sin()))
}

pub(crate) fn cos(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.cos()))
}

pub(crate) fn tan(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.tan()))
}

pub(crate) fn asin(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| {
        if x.abs() > 1.0 {
            Err(ErrorKind::Num)
        } else {
            Ok(x.asin())
        }
    })
}

pub(crate) fn acos(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| {
        if x.abs() > 1.0 {
            Err(ErrorKind::Num)
        } else {
            Ok(x.acos())
        }
    })
}

pub(crate) fn atan(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.atan()))
}

/// `ATAN2(x, y)`: note Excel's argument order (x first).
pub(crate) fn atan2(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let y = number(ctx, f, args, 1)?;
    if x == 0.0 && y == 0.0 {
        return Err(ErrorKind::Div0);
    }
    num(y.atan2(x))
}

pub(crate) fn radians(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.to_radians()))
}

pub(crate) fn degrees(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.to_degrees()))
}

pub(crate) fn mround(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let m = number(ctx, f, args, 1)?;
    if m == 0.0 {
        return num(0.0);
    }
    if (x > 0.0 && m < 0.0) || (x < 0.0 && m > 0.0) {
        return Err(ErrorKind::Num);
    }
    num(crate::functions::math::round_half_away(x / m, 0.0) * m)
}

pub(crate) fn clean(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text(ctx, f, args, 0)?;
    ok(Value::text(
        t.chars()
            .filter(|&c| u32::from(c) >= 32)
            .collect::<String>(),
    ))
}

/// `RANK(x, ref, [order])` / `RANK.EQ`: 1 + the count of larger (smaller when order ≠ 0) numbers.
pub(crate) fn rank(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let asc = number_or(ctx, f, args, 2, 0.0)? != 0.0;
    let mut v = Vec::new();
    match ctx.eval(f, args[1]) {
        Op::R(_) | Op::Rs(_) => fold(ctx, f, &args[1..2], &mut |n| v.push(n))?,
        Op::V(_) | Op::L(_) => return Err(ErrorKind::Value),
    }
    if !v.contains(&x) {
        return Err(ErrorKind::NA);
    }
    let before = v
        .iter()
        .filter(|&&n| if asc { n < x } else { n > x })
        .count();
    num(f64::from(u32::try_from(before).unwrap_or(u32::MAX)) + 1.0)
}

/// `WORKDAY(start, days, [holidays])`: skips Saturdays, Sundays and the holidays.
pub(crate) fn workday(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let start = number(ctx, f, args, 0)?.floor();
    let days = number(ctx, f, args, 1)?.trunc();
    if start < 0.0 || days.abs() > 1e6 {
        return Err(ErrorKind::Num);
    }
    let mut holidays = Vec::new();
    if !is_missing(f, args, 2) {
        fold(ctx, f, &args[2..3], &mut |h| holidays.push(h.floor()))?;
    }
    let step = if days < 0.0 { -1.0 } else { 1.0 };
    let (mut d, mut left) = (start, days.abs());
    // Serial 0 is a Saturday in the 1900 system, a Friday in the 1904 one.
    let shift = if ctx.wb.date1904 { 5.0 } else { 6.0 };
    while left > 0.0 {
        d += step;
        let weekday = (d + shift).rem_euclid(7.0); // 0 = Sunday, 6 = Saturday
        if (1.0..6.0).contains(&weekday) && !holidays.contains(&d) {
            left -= 1.0;
        }
    }
    num(d)
}
