//! More arithmetic: factorials and combinations, GCD/LCM, parity rounding,
//! hyperbolic functions, `SUMSQ`, `SEQUENCE`, number bases.

use std::sync::Arc;

use crate::ast::{Formula, NodeId};
use crate::eval::interp::Ctx;
use crate::functions::math::{binary, unary};
use crate::functions::stats::fold;
use crate::functions::{FnResult, num, number, number_or, ok, text};
use crate::value::{Array, ErrorKind, Value};

/// Largest `n` whose factorial is finite.
const MAX_FACT: f64 = 170.0;

fn fact_of(n: f64) -> Result<f64, ErrorKind> {
    if n < 0.0 {
        return Err(ErrorKind::Num);
    }
    let n = n.trunc();
    if n > MAX_FACT {
        return Err(ErrorKind::Num);
    }
    let mut p = 1.0;
    let mut k = 2.0;
    while k <= n {
        p *= k;
        k += 1.0;
    }
    Ok(p)
}

pub(crate) fn fact(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, fact_of)
}

pub(crate) fn factdouble(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |n| {
        if n < -1.0 {
            return Err(ErrorKind::Num);
        }
        let (mut p, mut k) = (1.0, n.trunc());
        while k > 1.0 {
            p *= k;
            k -= 2.0;
        }
        if p.is_finite() {
            Ok(p)
        } else {
            Err(ErrorKind::Num)
        }
    })
}

/// `n! / (n-k)!` computed as a product (no overflow for large `n`, small `k`).
fn falling(n: f64, k: f64) -> f64 {
    let mut p = 1.0;
    let mut i = 0.0;
    while i < k {
        p *= n - i;
        i += 1.0;
    }
    p
}

pub(crate) fn combin(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    binary(ctx, f, args, |n, k| {
        let (n, k) = (n.trunc(), k.trunc());
        if n < 0.0 || k < 0.0 || k > n {
            return Err(ErrorKind::Num);
        }
        let k = k.min(n - k);
        Ok((falling(n, k) / fact_of(k)?).round())
    })
}

pub(crate) fn permut(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    binary(ctx, f, args, |n, k| {
        let (n, k) = (n.trunc(), k.trunc());
        if n < 0.0 || k < 0.0 || k > n || k > 1e6 {
            return Err(ErrorKind::Num);
        }
        Ok(falling(n, k))
    })
}

fn gcd2(mut a: f64, mut b: f64) -> f64 {
    while b > 0.0 {
        let r = a % b;
        a = b;
        b = r;
    }
    a
}

fn integers(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<Vec<f64>, ErrorKind> {
    let mut v = Vec::new();
    fold(ctx, f, args, &mut |n| v.push(n))?;
    if v.iter().any(|&n| n < 0.0 || n >= 2f64.powi(53)) {
        return Err(ErrorKind::Num);
    }
    Ok(v.into_iter().map(f64::trunc).collect())
}

pub(crate) fn gcd(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = integers(ctx, f, args)?;
    num(v.into_iter().fold(0.0, gcd2))
}

pub(crate) fn lcm(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = integers(ctx, f, args)?;
    if v.contains(&0.0) {
        return num(0.0);
    }
    num(v.into_iter().fold(1.0, |a, b| a / gcd2(a, b) * b))
}

/// Rounds away from zero to the next integer with the wanted parity.
fn parity(n: f64, odd: bool) -> f64 {
    let sign = if n < 0.0 { -1.0 } else { 1.0 };
    let mut m = n.abs().ceil();
    let is_odd = m.rem_euclid(2.0) >= 1.0;
    if is_odd != odd {
        m += 1.0;
    }
    sign * m
}

pub(crate) fn even(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |n| Ok(parity(n, false)))
}

pub(crate) fn odd(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |n| Ok(parity(n, true)))
}

pub(crate) fn quotient(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    binary(ctx, f, args, |a, b| {
        if b == 0.0 {
            Err(ErrorKind::Div0)
        } else {
            Ok((a / b).trunc())
        }
    })
}

pub(crate) fn sumsq(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let mut s = 0.0;
    fold(ctx, f, args, &mut |x| s += x * x)?;
    num(s)
}

/// `FLOOR.PRECISE` / `CEILING.PRECISE` / `ISO.CEILING`: the sign of the significance is ignored.
fn precise(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], up: bool) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let s = number_or(ctx, f, args, 1, 1.0)?.abs();
    if s == 0.0 {
        return num(0.0);
    }
    let q = x / s;
    num(if up { q.ceil() } else { q.floor() } * s)
}

pub(crate) fn floor_precise(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    precise(ctx, f, args, false)
}

pub(crate) fn ceiling_precise(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    precise(ctx, f, args, true)
}

pub(crate) fn sinh(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.sinh()))
}

pub(crate) fn cosh(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.cosh()))
}

pub(crate) fn tanh(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| Ok(x.tanh()))
}

pub(crate) fn sqrtpi(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    unary(ctx, f, args, |x| {
        if x < 0.0 {
            Err(ErrorKind::Num)
        } else {
            Ok((x * std::f64::consts::PI).sqrt())
        }
    })
}

/// Most elements `SEQUENCE` builds.
const MAX_CELLS: f64 = 1_048_576.0;

/// `SEQUENCE(rows, [columns], [start], [step])`, row by row.
pub(crate) fn sequence(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let rows = number(ctx, f, args, 0)?.trunc();
    let cols = number_or(ctx, f, args, 1, 1.0)?.trunc();
    let start = number_or(ctx, f, args, 2, 1.0)?;
    let step = number_or(ctx, f, args, 3, 1.0)?;
    if rows < 1.0 || cols < 1.0 {
        return Err(ErrorKind::Calc);
    }
    if rows * cols > MAX_CELLS {
        return Err(ErrorKind::Num);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let (r, c) = (rows as usize, cols as usize);
    #[expect(clippy::cast_precision_loss, reason = "at most a million")]
    let items = (0..r * c)
        .map(|i| crate::eval::interp::num(start + step * i as f64))
        .collect();
    ok(Value::Array(Arc::new(Array::new(r, c, items))))
}

/// `BASE(number, radix, [min_length])`.
pub(crate) fn base(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let n = number(ctx, f, args, 0)?.trunc();
    let radix = number(ctx, f, args, 1)?.trunc();
    let len = number_or(ctx, f, args, 2, 0.0)?.trunc();
    if !(0.0..2f64.powi(53)).contains(&n)
        || !(2.0..=36.0).contains(&radix)
        || !(0.0..=255.0).contains(&len)
    {
        return Err(ErrorKind::Num);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked ranges"
    )]
    let (mut n, radix, len) = (n as u64, radix as u64, len as usize);
    let mut digits = Vec::new();
    loop {
        let d = u32::try_from(n % radix).unwrap_or(0);
        digits.push(char::from_digit(d, 36).unwrap_or('0').to_ascii_uppercase());
        n /= radix;
        if n == 0 {
            break;
        }
    }
    while digits.len() < len {
        digits.push('0');
    }
    ok(Value::text(digits.iter().rev().collect::<String>()))
}

/// `DECIMAL(text, radix)`.
pub(crate) fn decimal(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text(ctx, f, args, 0)?;
    let radix = number(ctx, f, args, 1)?.trunc();
    if !(2.0..=36.0).contains(&radix) || t.len() > 255 {
        return Err(ErrorKind::Num);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let radix = radix as u32;
    let mut n = 0.0;
    for c in t.trim().chars() {
        let d = c.to_digit(radix).ok_or(ErrorKind::Num)?;
        n = n * f64::from(radix) + f64::from(d);
    }
    num(n)
}
