//! Probability distributions: exponential, Poisson, binomial, Student's t,
//! and `CONFIDENCE.NORM`.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::Ctx;
use crate::functions::stats2::norm_inv;
use crate::functions::{FnResult, boolean, num, number};
use crate::value::ErrorKind;

/// `ln Γ(x)` for `x > 0` (Lanczos, g = 7).
fn ln_gamma(x: f64) -> f64 {
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + 7.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        #[expect(clippy::cast_precision_loss, reason = "i < 9")]
        let k = i as f64;
        a += c / (x + k);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// Continued fraction of the incomplete beta function (modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    let tiny = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < tiny {
        d = tiny;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=300 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = 1.0 + aa / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// Regularized incomplete beta `I_x(a, b)`.
pub(crate) fn beta_inc(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_cf(a, b, x) / a
    } else {
        1.0 - front * beta_cf(b, a, 1.0 - x) / b
    }
}

/// Student's t cumulative distribution.
fn t_cdf(t: f64, df: f64) -> f64 {
    let p = 0.5 * beta_inc(df / 2.0, 0.5, df / (df + t * t));
    if t > 0.0 { 1.0 - p } else { p }
}

fn t_pdf(t: f64, df: f64) -> f64 {
    let half = f64::midpoint(df, 1.0);
    (ln_gamma(half)
        - ln_gamma(df / 2.0)
        - 0.5 * (df * std::f64::consts::PI).ln()
        - half * (1.0 + t * t / df).ln())
    .exp()
}

/// The `t` with `t_cdf(t, df) = p`, by bisection then Newton.
fn t_inv(p: f64, df: f64) -> Result<f64, ErrorKind> {
    if p <= 0.0 || p >= 1.0 || df < 1.0 {
        return Err(ErrorKind::Num);
    }
    let (mut lo, mut hi) = (-1e10, 1e10);
    let mut x = norm_inv(p)?;
    for _ in 0..400 {
        let v = t_cdf(x, df) - p;
        if v.abs() < 1e-15 {
            break;
        }
        if v > 0.0 {
            hi = x;
        } else {
            lo = x;
        }
        let d = t_pdf(x, df);
        let next = x - v / d;
        x = if d > 0.0 && next > lo && next < hi {
            next
        } else {
            f64::midpoint(lo, hi)
        };
    }
    Ok(x)
}

fn df_arg(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], i: usize) -> Result<f64, ErrorKind> {
    let df = number(ctx, f, args, i)?.trunc();
    if !(1.0..=1e10).contains(&df) {
        return Err(ErrorKind::Num);
    }
    Ok(df)
}

/// `T.DIST(x, df, cumulative)`.
pub(crate) fn t_dist(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let df = df_arg(ctx, f, args, 1)?;
    let cumulative = boolean(ctx, f, args, 2)?;
    num(if cumulative {
        t_cdf(x, df)
    } else {
        t_pdf(x, df)
    })
}

/// `T.DIST.2T(x, df)`.
pub(crate) fn t_dist_2t(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let df = df_arg(ctx, f, args, 1)?;
    if x < 0.0 {
        return Err(ErrorKind::Num);
    }
    num(2.0 * (1.0 - t_cdf(x, df)))
}

/// `T.DIST.RT(x, df)`.
pub(crate) fn t_dist_rt(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let df = df_arg(ctx, f, args, 1)?;
    num(1.0 - t_cdf(x, df))
}

/// `T.INV(p, df)`.
pub(crate) fn t_inv_fn(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let p = number(ctx, f, args, 0)?;
    let df = df_arg(ctx, f, args, 1)?;
    num(t_inv(p, df)?)
}

/// `T.INV.2T(p, df)`.
pub(crate) fn t_inv_2t(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let p = number(ctx, f, args, 0)?;
    let df = df_arg(ctx, f, args, 1)?;
    if p <= 0.0 || p > 1.0 {
        return Err(ErrorKind::Num);
    }
    num(t_inv(1.0 - p / 2.0, df)?.abs())
}

/// `EXPON.DIST(x, lambda, cumulative)`.
pub(crate) fn expon_dist(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let l = number(ctx, f, args, 1)?;
    let cumulative = boolean(ctx, f, args, 2)?;
    if x < 0.0 || l <= 0.0 {
        return Err(ErrorKind::Num);
    }
    num(if cumulative {
        -(-l * x).exp_m1()
    } else {
        l * (-l * x).exp()
    })
}

/// `POISSON.DIST(x, mean, cumulative)`.
pub(crate) fn poisson_dist(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?.trunc();
    let m = number(ctx, f, args, 1)?;
    let cumulative = boolean(ctx, f, args, 2)?;
    if x < 0.0 || m < 0.0 || x > 1e7 {
        return Err(ErrorKind::Num);
    }
    let pmf = |k: f64| (k * m.ln() - m - ln_gamma(k + 1.0)).exp();
    if m == 0.0 {
        return num(if cumulative || x == 0.0 { 1.0 } else { 0.0 });
    }
    num(if cumulative {
        pmf_total(pmf, x)
    } else {
        pmf(x)
    })
}

/// `BINOM.DIST(successes, trials, p, cumulative)`.
pub(crate) fn binom_dist(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let k = number(ctx, f, args, 0)?.trunc();
    let n = number(ctx, f, args, 1)?.trunc();
    let p = number(ctx, f, args, 2)?;
    let cumulative = boolean(ctx, f, args, 3)?;
    if k < 0.0 || k > n || !(0.0..=1.0).contains(&p) || n > 1e7 {
        return Err(ErrorKind::Num);
    }
    let pmf = |i: f64| {
        if p == 0.0 {
            return if i == 0.0 { 1.0 } else { 0.0 };
        }
        if (1.0 - p) == 0.0 {
            return if i >= n { 1.0 } else { 0.0 };
        }
        (ln_gamma(n + 1.0) - ln_gamma(i + 1.0) - ln_gamma(n - i + 1.0)
            + i * p.ln()
            + (n - i) * (1.0 - p).ln())
        .exp()
    };
    num(if cumulative {
        pmf_total(pmf, k)
    } else {
        pmf(k)
    })
}

/// A discrete distribution's cumulative probability: `pmf(0) + ... + pmf(upto)`
/// (whole steps), at most 1.
fn pmf_total(pmf: impl Fn(f64) -> f64, upto: f64) -> f64 {
    let mut s = 0.0;
    let mut k = 0.0;
    while k <= upto {
        s += pmf(k);
        k += 1.0;
    }
    s.min(1.0)
}

/// `CONFIDENCE.NORM(alpha, sd, size)` / `CONFIDENCE`.
pub(crate) fn confidence_norm(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let alpha = number(ctx, f, args, 0)?;
    let sd = number(ctx, f, args, 1)?;
    let n = number(ctx, f, args, 2)?.trunc();
    if alpha <= 0.0 || alpha >= 1.0 || sd <= 0.0 || n < 1.0 {
        return Err(ErrorKind::Num);
    }
    num(norm_inv(1.0 - alpha / 2.0)? * sd / n.sqrt())
}
