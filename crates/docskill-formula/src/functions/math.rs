//! Arithmetic functions.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Ctx, lift2, map1, power as pow_checked};
use crate::functions::stats::fold;
use crate::functions::{FnResult, num, number, number_or, ok, value};
use crate::value::{ErrorKind, Value};

pub(crate) fn unary(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    g: impl Fn(f64) -> Result<f64, ErrorKind>,
) -> FnResult {
    ok(map1(&value(ctx, f, args, 0), g))
}

pub(crate) fn binary(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    g: impl Fn(f64, f64) -> Result<f64, ErrorKind>,
) -> FnResult {
    let a = value(ctx, f, args, 0);
    let b = value(ctx, f, args, 1);
    ok(lift2(&a, &b, |x, y| match (x.to_number(), y.to_number()) {
        (Ok(x), Ok(y)) => match g(x, y) {
            Ok(n) => crate::eval::interp::num(n),
            Err(e) => Value::Error(e),
        },
        (Err(e), _) | (_, Err(e)) => Value::Error(e),
    }))
}

pub(crate) fn sum(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let mut s = 0.0;
    fold(ctx, f, args, &mut |x| s += x)?;
    num(s)
}

pub(crate) fn product(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (mut p, mut any) = (1.0, false);
    fold(ctx, f, args, &mut |x| {
        p *= x;
        any = true;
    })?;
    num(if any { p } else { 0.0 })
}

pub(crate) fn sumproduct(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let mut arrays = Vec::new();
    for i in 0..args.len() {
        ctx.array_depth += 1;
        let v = value(ctx, f, args, i);
        ctx.array_depth -= 1;
        match v {
            Value::Array(a) => arrays.push(a),
            Value::Error(e) => return Err(e),
            v => arrays.push(std::sync::Arc::new(crate::value::Array::new(1, 1, vec![v]))),
        }
    }
    let (rows, cols) = (arrays[0].rows, arrays[0].cols);
    if arrays.iter().any(|a| a.rows != rows || a.cols != cols) {
        return Err(ErrorKind::Value);
    }
    let mut total = 0.0;
    for i in 0..rows * cols {
        let mut p = 1.0;
        for a in &arrays {
            match &a.items[i] {
                Value::Number(n) => p *= n,
                Value::Error(e) => return Err(*e),
                _ => p = 0.0,
            }
        }
        total += p;
    }
    num(total)
}

/// Rounds to 15 significant digits, removing binary noise before decimal rounding.
fn clean(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    format!("{x:.14e}").parse().unwrap_or(x)
}

#[expect(clippy::cast_possible_truncation, reason = "clamped to ±308")]
fn scale(digits: f64) -> f64 {
    10f64.powi(digits.trunc().clamp(-308.0, 308.0) as i32)
}

/// Rounds half away from zero at `digits` decimals, like Excel's ROUND.
pub(crate) fn round_half_away(x: f64, digits: f64) -> f64 {
    let m = scale(digits);
    let y = clean(x * m);
    let r = y.abs().round().copysign(y);
    clean(r / m)
}

pub(crate) fn round(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    binary(ctx, f, args, |x, d| Ok(round_half_away(x, d)))
}

pub(crate) fn roundup(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    binary(ctx, f, args, |x, d| {
        let m = scale(d);
        let y = clean(x * m);
        Ok(clean(y.abs().ceil().copysign(y) / m))
    })
}

pub(crate) fn rounddown(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    binary(ctx, f, args, |x, d| {
        let m = scale(d);
        let y = clean(x * m);
        Ok(clean(y.trunc() / m))
    })
}

pub(crate) fn trunc(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let d = number_or(ctx, f, args, 1, 0.0)?;
    let m = scale(d);
    num(clean(clean(x * m).trunc() / m))
}

pub(crate) fn int(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.floor()))
}

pub(crate) fn abs(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.abs()))
}

pub(crate) fn sign(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| {
        Ok(if x > 0.0 {
            1.0
        } else if x < 0.0 {
            -1.0
        } else {
            0.0
        })
    })
}

pub(crate) fn sqrt(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| {
        if x < 0.0 {
            Err(ErrorKind::Num)
        } else {
            Ok(x.sqrt())
        }
    })
}

pub(crate) fn exp(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.exp()))
}

pub(crate) fn ln(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| {
        if x <= 0.0 {
            Err(ErrorKind::Num)
        } else {
            Ok(x.ln())
        }
    })
}

pub(crate) fn pi(_: &mut Ctx<'_>, _: &Formula, _: &[NodeId]) -> FnResult {
    num(std::f64::consts::PI)
}

pub(crate) fn power(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    binary(ctx, f, args, pow_checked)
}

pub(crate) fn mod_(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    binary(ctx, f, args, |x, y| {
        if y == 0.0 {
            Err(ErrorKind::Div0)
        } else {
            let r = x - y * (x / y).floor();
            Ok(if r != 0.0 && (r < 0.0) != (y < 0.0) {
                r + y
            } else {
                r
            })
        }
    })
}

/// splitmix64, seeded from the options, the cell and the call count so a
/// result does not depend on evaluation order.
pub(crate) fn next_random(ctx: &mut Ctx<'_>) -> f64 {
    ctx.rand_calls += 1;
    let mut z = ctx.opts.seed
        ^ (u64::from(ctx.cell.sheet) << 52)
        ^ (u64::from(ctx.cell.col) << 32)
        ^ u64::from(ctx.cell.row)
        ^ ctx.rand_calls.wrapping_mul(0xA24B_AED4_963E_E407);
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    #[expect(clippy::cast_precision_loss, reason = "53 random bits")]
    let r = (z >> 11) as f64 / (1u64 << 53) as f64;
    r
}

pub(crate) fn rand(ctx: &mut Ctx<'_>, _: &Formula, _: &[NodeId]) -> FnResult {
    num(next_random(ctx))
}

pub(crate) fn randbetween(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let lo = number(ctx, f, args, 0)?.ceil();
    let hi = number(ctx, f, args, 1)?.floor();
    if lo > hi {
        return Err(ErrorKind::Num);
    }
    num(lo + (next_random(ctx) * (hi - lo + 1.0)).floor())
}
