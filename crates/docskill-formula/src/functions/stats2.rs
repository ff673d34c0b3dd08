//! More statistics: the `A` aggregates, mode, percentiles and quartiles,
//! paired-sample regression (`CORREL`, `SLOPE`, `FORECAST`...), means,
//! deviations, and the normal distribution.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::Ctx;
use crate::functions::num;
use crate::functions::stats::{each_value, fold};
use crate::functions::{FnResult, boolean, number, number_or, value};
use crate::value::{ErrorKind, Value};

/// Numbers of the arguments with the `A` rules: text in ranges is 0,
/// logicals 1 or 0; direct text must be a number.
fn a_values(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<Vec<f64>, ErrorKind> {
    let mut v = Vec::new();
    let mut err = None;
    each_value(ctx, f, args, &mut |x, direct| match x {
        Value::Number(n) => v.push(*n),
        Value::Bool(b) => v.push(f64::from(u8::from(*b))),
        Value::Text(t) if direct => match crate::value::parse_number(t) {
            Some(n) => v.push(n),
            None => {
                err.get_or_insert(ErrorKind::Value);
            }
        },
        Value::Text(_) => v.push(0.0),
        Value::Error(e) => {
            err.get_or_insert(*e);
        }
        _ => {}
    });
    match err {
        Some(e) => Err(e),
        None => Ok(v),
    }
}

pub(crate) fn averagea(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = a_values(ctx, f, args)?;
    if v.is_empty() {
        return Err(ErrorKind::Div0);
    }
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    num(v.iter().sum::<f64>() / v.len() as f64)
}

pub(crate) fn maxa(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = a_values(ctx, f, args)?;
    num(v.into_iter().reduce(f64::max).unwrap_or(0.0))
}

pub(crate) fn mina(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = a_values(ctx, f, args)?;
    num(v.into_iter().reduce(f64::min).unwrap_or(0.0))
}

fn numbers(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<Vec<f64>, ErrorKind> {
    let mut v = Vec::new();
    fold(ctx, f, args, &mut |n| v.push(n))?;
    Ok(v)
}

/// `MODE` / `MODE.SNGL`: the most frequent number (the first one on ties).
#[expect(clippy::float_cmp, reason = "equal numbers, as Excel counts them")]
pub(crate) fn mode(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = numbers(ctx, f, args)?;
    let mut best: Option<(f64, usize)> = None;
    for (i, &x) in v.iter().enumerate() {
        if v[..i].contains(&x) {
            continue;
        }
        let n = v.iter().filter(|&&y| y == x).count();
        if n > 1 && best.is_none_or(|(_, m)| n > m) {
            best = Some((x, n));
        }
    }
    best.map_or(Err(ErrorKind::NA), |(x, _)| num(x))
}

fn sorted(ctx: &mut Ctx<'_>, f: &Formula, id: NodeId) -> Result<Vec<f64>, ErrorKind> {
    let mut v = numbers(ctx, f, &[id])?;
    v.sort_by(f64::total_cmp);
    Ok(v)
}

/// Linear interpolation at rank `h` (0-based) of sorted `v`.
fn at_rank(v: &[f64], h: f64) -> f64 {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "callers keep h in 0..len"
    )]
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(v.len() - 1);
    v[lo] + (h - h.floor()) * (v[hi] - v[lo])
}

fn percentile_of(v: &[f64], k: f64, exclusive: bool) -> Result<f64, ErrorKind> {
    if v.is_empty() {
        return Err(ErrorKind::Num);
    }
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    let n = v.len() as f64;
    if exclusive {
        let h = (n + 1.0) * k - 1.0;
        if k <= 0.0 || k >= 1.0 || h < 0.0 || h > n - 1.0 {
            return Err(ErrorKind::Num);
        }
        Ok(at_rank(v, h))
    } else {
        if !(0.0..=1.0).contains(&k) {
            return Err(ErrorKind::Num);
        }
        Ok(at_rank(v, (n - 1.0) * k))
    }
}

pub(crate) fn percentile_inc(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = sorted(ctx, f, args[0])?;
    let k = number(ctx, f, args, 1)?;
    num(percentile_of(&v, k, false)?)
}

pub(crate) fn percentile_exc(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = sorted(ctx, f, args[0])?;
    let k = number(ctx, f, args, 1)?;
    num(percentile_of(&v, k, true)?)
}

pub(crate) fn quartile_inc(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = sorted(ctx, f, args[0])?;
    let q = number(ctx, f, args, 1)?.trunc();
    if !(0.0..=4.0).contains(&q) {
        return Err(ErrorKind::Num);
    }
    num(percentile_of(&v, q / 4.0, false)?)
}

pub(crate) fn quartile_exc(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = sorted(ctx, f, args[0])?;
    let q = number(ctx, f, args, 1)?.trunc();
    if !(1.0..=3.0).contains(&q) {
        return Err(ErrorKind::Num);
    }
    num(percentile_of(&v, q / 4.0, true)?)
}

/// `RANK.AVG(number, ref, [order])`: ties get the average of their ranks.
#[expect(clippy::float_cmp, reason = "equal numbers, as Excel counts them")]
pub(crate) fn rank_avg(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let v = numbers(ctx, f, &args[1..2])?;
    let ascending = number_or(ctx, f, args, 2, 0.0)? != 0.0;
    let ties = v.iter().filter(|&&y| y == x).count();
    if ties == 0 {
        return Err(ErrorKind::NA);
    }
    let before = v
        .iter()
        .filter(|&&y| if ascending { y < x } else { y > x })
        .count();
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    num(before as f64 + f64::midpoint(ties as f64, 1.0))
}

/// Pairs of numbers at the same positions of two same-sized arguments.
fn pairs(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<Vec<(f64, f64)>, ErrorKind> {
    ctx.array_depth += 1;
    let a = value(ctx, f, args, 0);
    let b = value(ctx, f, args, 1);
    ctx.array_depth -= 1;
    let items = |v: Value| match v {
        Value::Array(a) => Ok(a.items.clone()),
        Value::Error(e) => Err(e),
        v => Ok(vec![v]),
    };
    let (a, b) = (items(a)?, items(b)?);
    if a.len() != b.len() {
        return Err(ErrorKind::NA);
    }
    let mut out = Vec::new();
    for (x, y) in a.iter().zip(&b) {
        if let Value::Error(e) = x {
            return Err(*e);
        }
        if let Value::Error(e) = y {
            return Err(*e);
        }
        if let (Value::Number(x), Value::Number(y)) = (x, y) {
            out.push((*x, *y));
        }
    }
    Ok(out)
}

/// Means and centred sums of squares and products of paired samples.
struct Moments {
    n: f64,
    mx: f64,
    my: f64,
    sxx: f64,
    syy: f64,
    sxy: f64,
}

fn moments(p: &[(f64, f64)]) -> Moments {
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    let n = p.len() as f64;
    let mx = p.iter().map(|q| q.0).sum::<f64>() / n;
    let my = p.iter().map(|q| q.1).sum::<f64>() / n;
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for &(x, y) in p {
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
        sxy += (x - mx) * (y - my);
    }
    Moments {
        n,
        mx,
        my,
        sxx,
        syy,
        sxy,
    }
}

/// `CORREL(array1, array2)` / `PEARSON`.
pub(crate) fn correl(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let m = moments(&pairs(ctx, f, args)?);
    if m.n < 1.0 || m.sxx == 0.0 || m.syy == 0.0 {
        return Err(ErrorKind::Div0);
    }
    num(m.sxy / (m.sxx * m.syy).sqrt())
}

pub(crate) fn rsq(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let m = moments(&pairs(ctx, f, args)?);
    if m.n < 1.0 || m.sxx == 0.0 || m.syy == 0.0 {
        return Err(ErrorKind::Div0);
    }
    num(m.sxy * m.sxy / (m.sxx * m.syy))
}

/// Regression of the first argument (known y) on the second (known x).
fn regression(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<(f64, f64), ErrorKind> {
    let p: Vec<(f64, f64)> = pairs(ctx, f, args)?
        .into_iter()
        .map(|(y, x)| (x, y))
        .collect();
    let m = moments(&p);
    if m.n < 1.0 || m.sxx == 0.0 {
        return Err(ErrorKind::Div0);
    }
    let slope = m.sxy / m.sxx;
    Ok((slope, m.my - slope * m.mx))
}

pub(crate) fn slope(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(regression(ctx, f, args)?.0)
}

pub(crate) fn intercept(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    num(regression(ctx, f, args)?.1)
}

/// `FORECAST(x, known_y, known_x)` / `FORECAST.LINEAR`.
pub(crate) fn forecast(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let (s, i) = regression(ctx, f, &args[1..])?;
    num(i + s * x)
}

fn covariance(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], sample: bool) -> FnResult {
    let m = moments(&pairs(ctx, f, args)?);
    let d = if sample { m.n - 1.0 } else { m.n };
    if d <= 0.0 {
        return Err(ErrorKind::Div0);
    }
    num(m.sxy / d)
}

pub(crate) fn covariance_p(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    covariance(ctx, f, args, false)
}

pub(crate) fn covariance_s(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    covariance(ctx, f, args, true)
}

pub(crate) fn geomean(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = numbers(ctx, f, args)?;
    if v.is_empty() || v.iter().any(|&x| x <= 0.0) {
        return Err(ErrorKind::Num);
    }
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    num((v.iter().map(|x| x.ln()).sum::<f64>() / v.len() as f64).exp())
}

pub(crate) fn harmean(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = numbers(ctx, f, args)?;
    if v.is_empty() || v.iter().any(|&x| x <= 0.0) {
        return Err(ErrorKind::Num);
    }
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    num(v.len() as f64 / v.iter().map(|x| 1.0 / x).sum::<f64>())
}

fn mean(v: &[f64]) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    let n = v.len() as f64;
    v.iter().sum::<f64>() / n
}

pub(crate) fn avedev(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = numbers(ctx, f, args)?;
    if v.is_empty() {
        return Err(ErrorKind::Num);
    }
    let m = mean(&v);
    num(mean(&v.iter().map(|x| (x - m).abs()).collect::<Vec<_>>()))
}

pub(crate) fn devsq(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = numbers(ctx, f, args)?;
    if v.is_empty() {
        return Err(ErrorKind::Num);
    }
    let m = mean(&v);
    num(v.iter().map(|x| (x - m) * (x - m)).sum())
}

pub(crate) fn standardize(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let m = number(ctx, f, args, 1)?;
    let s = number(ctx, f, args, 2)?;
    if s <= 0.0 {
        return Err(ErrorKind::Num);
    }
    num((x - m) / s)
}

/// Standard normal cumulative distribution (Hart's algorithm 5666, double precision).
pub(crate) fn norm_cdf(x: f64) -> f64 {
    let z = x.abs();
    let c = if z > 37.0 {
        0.0
    } else {
        let e = (-z * z / 2.0).exp();
        if z < 7.071_067_811_865_47 {
            let mut n = 3.526_249_659_989_11e-2 * z + 0.700_383_064_443_688;
            n = n * z + 6.373_962_203_531_65;
            n = n * z + 33.912_866_078_383;
            n = n * z + 112.079_291_497_871;
            n = n * z + 221.213_596_169_931;
            n = n * z + 220.206_867_912_376;
            let mut d = 8.838_834_764_831_84e-2 * z + 1.755_667_163_182_64;
            d = d * z + 16.064_177_579_207;
            d = d * z + 86.780_732_202_946_1;
            d = d * z + 296.564_248_779_674;
            d = d * z + 637.333_633_378_831;
            d = d * z + 793.826_512_519_948;
            d = d * z + 440.413_735_824_752;
            e * n / d
        } else {
            let mut b = z + 0.65;
            b = z + 4.0 / b;
            b = z + 3.0 / b;
            b = z + 2.0 / b;
            b = z + 1.0 / b;
            e / b / 2.506_628_274_631
        }
    };
    if x > 0.0 { 1.0 - c } else { c }
}

fn norm_pdf(x: f64) -> f64 {
    (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

// Coefficients of Acklam's inverse normal approximation.
const A: [f64; 6] = [
    -3.969_683_028_665_376e1,
    2.209_460_984_245_205e2,
    -2.759_285_104_469_687e2,
    1.383_577_518_672_69e2,
    -3.066_479_806_614_716e1,
    2.506_628_277_459_239,
];
const B: [f64; 5] = [
    -5.447_609_879_822_406e1,
    1.615_858_368_580_409e2,
    -1.556_989_798_598_866e2,
    6.680_131_188_771_972e1,
    -1.328_068_155_288_572e1,
];
const C: [f64; 6] = [
    -7.784_894_002_430_293e-3,
    -3.223_964_580_411_365e-1,
    -2.400_758_277_161_838,
    -2.549_732_539_343_734,
    4.374_664_141_464_968,
    2.938_163_982_698_783,
];
const D: [f64; 4] = [
    7.784_695_709_041_462e-3,
    3.224_671_290_700_398e-1,
    2.445_134_137_142_996,
    3.754_408_661_907_416,
];

/// Inverse standard normal (Acklam's approximation, refined by one Halley step).
pub(crate) fn norm_inv(p: f64) -> Result<f64, ErrorKind> {
    if p <= 0.0 || p >= 1.0 {
        return Err(ErrorKind::Num);
    }
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    let lo = 0.024_25;
    let mut x = if p < lo {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - lo {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    };
    for _ in 0..2 {
        let e = norm_cdf(x) - p;
        let u = e * (2.0 * std::f64::consts::PI).sqrt() * (x * x / 2.0).exp();
        x -= u / (1.0 + x * u / 2.0);
    }
    Ok(x)
}

/// `NORM.DIST(x, mean, sd, cumulative)` / `NORMDIST`.
pub(crate) fn norm_dist(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let m = number(ctx, f, args, 1)?;
    let s = number(ctx, f, args, 2)?;
    let cumulative = boolean(ctx, f, args, 3)?;
    if s <= 0.0 {
        return Err(ErrorKind::Num);
    }
    let z = (x - m) / s;
    num(if cumulative {
        norm_cdf(z)
    } else {
        norm_pdf(z) / s
    })
}

/// `NORM.S.DIST(z, cumulative)`; `NORMSDIST(z)` is always cumulative.
pub(crate) fn norm_s_dist(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let z = number(ctx, f, args, 0)?;
    let cumulative = if args.len() > 1 {
        boolean(ctx, f, args, 1)?
    } else {
        true
    };
    num(if cumulative { norm_cdf(z) } else { norm_pdf(z) })
}

/// `NORM.INV(p, mean, sd)` / `NORMINV`.
pub(crate) fn norm_inv_fn(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let p = number(ctx, f, args, 0)?;
    let m = number(ctx, f, args, 1)?;
    let s = number(ctx, f, args, 2)?;
    if s <= 0.0 {
        return Err(ErrorKind::Num);
    }
    num(m + s * norm_inv(p)?)
}

/// `NORM.S.INV(p)` / `NORMSINV`.
pub(crate) fn norm_s_inv(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let p = number(ctx, f, args, 0)?;
    num(norm_inv(p)?)
}

/// Mean and sample standard deviation of `v` (at least two values).
fn mean_sd(v: &[f64]) -> (f64, f64) {
    let m = mean(v);
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    let n = v.len() as f64;
    let ss: f64 = v.iter().map(|x| (x - m) * (x - m)).sum();
    (m, (ss / (n - 1.0)).sqrt())
}

/// The count of `values` (at least `min`) and the sum of their standardised
/// deviations to the power `k`: the common part of `SKEW` and `KURT`.
fn standardised_moment(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    min: usize,
    k: i32,
) -> Result<(f64, f64), ErrorKind> {
    let v = numbers(ctx, f, args)?;
    if v.len() < min {
        return Err(ErrorKind::Div0);
    }
    let (m, s) = mean_sd(&v);
    if s == 0.0 {
        return Err(ErrorKind::Div0);
    }
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    let n = v.len() as f64;
    Ok((n, v.iter().map(|x| ((x - m) / s).powi(k)).sum()))
}

/// `SKEW(values)`: sample skewness.
pub(crate) fn skew(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (n, sum) = standardised_moment(ctx, f, args, 3, 3)?;
    num(n / ((n - 1.0) * (n - 2.0)) * sum)
}

/// `KURT(values)`: sample excess kurtosis.
pub(crate) fn kurt(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let (n, sum) = standardised_moment(ctx, f, args, 4, 4)?;
    num(n * (n + 1.0) / ((n - 1.0) * (n - 2.0) * (n - 3.0)) * sum
        - 3.0 * (n - 1.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0)))
}

/// `STDEVA(values)`: sample standard deviation with the `A` rules.
pub(crate) fn stdeva(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = a_values(ctx, f, args)?;
    if v.len() < 2 {
        return Err(ErrorKind::Div0);
    }
    num(mean_sd(&v).1)
}

/// `PERCENTRANK(array, x, [significance])` / `PERCENTRANK.INC`: the rank of
/// `x` as a fraction, interpolated between neighbours, truncated to
/// `significance` digits (3 by default).
pub(crate) fn percentrank(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = sorted(ctx, f, args[0])?;
    let x = number(ctx, f, args, 1)?;
    let digits = number_or(ctx, f, args, 2, 3.0)?.trunc();
    if v.is_empty() || !(1.0..=15.0).contains(&digits) {
        return Err(ErrorKind::Num);
    }
    let (lo, hi) = (v[0], v[v.len() - 1]);
    if x < lo || x > hi {
        return Err(ErrorKind::NA);
    }
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    let n = v.len() as f64;
    if v.len() == 1 {
        return num(1.0);
    }
    let rank_of = |y: f64| {
        #[expect(clippy::cast_precision_loss, reason = "counts are small")]
        let below = v.iter().filter(|&&z| z < y).count() as f64;
        below / (n - 1.0)
    };
    let r = match v.iter().position(|&z| z >= x) {
        Some(i) if v[i] > x && i > 0 => {
            let (a, b) = (v[i - 1], v[i]);
            let (ra, rb) = (rank_of(a), rank_of(b));
            ra + (x - a) / (b - a) * (rb - ra)
        }
        _ => rank_of(x),
    };
    let p = 10f64.powf(digits);
    num((r * p + 1e-9).floor() / p)
}
