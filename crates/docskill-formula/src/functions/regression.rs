//! `LINEST` and `LOGEST`: least squares with any number of x variables and
//! Excel's table of regression statistics.
//!
//! The fit uses a QR factorisation (modified Gram-Schmidt, each column
//! orthogonalised twice) of the x columns, centred first when the constant
//! is computed, so nearly collinear data keeps its precision (the normal
//! equations would square the condition number). A column that is a linear
//! combination of the ones before it is dropped, as Excel does: its
//! coefficient and standard error are 0 and the degrees of freedom grow by
//! one.

use std::sync::Arc;

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Ctx, num as num_value};
use crate::functions::{FnResult, boolean, is_missing, ok, value};
use crate::value::{Array, ErrorKind, Value};

/// Relative size below which an orthogonalised column counts as collinear.
const COLLINEAR: f64 = 1e-10;
/// Most x variables fitted at once (the cost grows with their square);
/// more is `#NUM!`.
const MAX_VARIABLES: usize = 64;

/// Numbers of argument `i` as an array (rows, cols, row-major items).
fn matrix(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<(usize, usize, Vec<f64>), ErrorKind> {
    ctx.array_depth += 1;
    let v = value(ctx, f, args, i);
    ctx.array_depth -= 1;
    let (rows, cols, items) = match v {
        Value::Array(a) => (a.rows, a.cols, a.items.clone()),
        Value::Error(e) => return Err(e),
        v => (1, 1, vec![v]),
    };
    let mut out = Vec::with_capacity(items.len());
    for v in items {
        match v {
            Value::Number(n) => out.push(n),
            Value::Error(e) => return Err(e),
            _ => return Err(ErrorKind::Value),
        }
    }
    Ok((rows, cols, out))
}

/// A fitted model: coefficients of the x variables in their order, the
/// constant, and the statistics.
struct Fit {
    m: Vec<f64>,
    b: f64,
    se_m: Vec<f64>,
    /// `None` when the constant is forced to 0.
    se_b: Option<f64>,
    r2: f64,
    sey: f64,
    f: f64,
    df: f64,
    ssreg: f64,
    ssresid: f64,
}

/// Least squares of `y` (n) on the columns of `x` (k columns of n).
fn fit(y: &[f64], x: &[Vec<f64>], constant: bool) -> Result<Fit, ErrorKind> {
    let n = y.len();
    let k = x.len();
    #[expect(clippy::cast_precision_loss, reason = "sample sizes")]
    let nf = n as f64;
    let mean = |v: &[f64]| {
        if constant {
            v.iter().sum::<f64>() / nf
        } else {
            0.0
        }
    };
    let my = mean(y);
    let mx: Vec<f64> = x.iter().map(|c| mean(c)).collect();
    let yc: Vec<f64> = y.iter().map(|v| v - my).collect();
    let (q, r, kept) = qr(x, &mx);
    let p = kept.len();
    let qty: Vec<f64> = q.iter().map(|qi| dot(qi, &yc)).collect();
    let mut beta = back_substitute(&r, &qty);
    // One step of iterative refinement: fit the residual and add it, which
    // gives exact coefficients for exact data (y on itself has slope 1).
    let resid: Vec<f64> = (0..n)
        .map(|t| {
            yc[t]
                - kept
                    .iter()
                    .zip(&beta)
                    .map(|(&j, b)| b * (x[j][t] - mx[j]))
                    .sum::<f64>()
        })
        .collect();
    let qtr: Vec<f64> = q.iter().map(|qi| dot(qi, &resid)).collect();
    for (b, d) in beta.iter_mut().zip(back_substitute(&r, &qtr)) {
        *b += d;
    }
    let rinv = r_inverse(&r);
    let fitted: Vec<f64> = (0..n)
        .map(|t| {
            kept.iter()
                .zip(&beta)
                .map(|(&j, b)| b * (x[j][t] - mx[j]))
                .sum()
        })
        .collect();
    let ssresid: f64 = yc.iter().zip(&fitted).map(|(a, b)| (a - b) * (a - b)).sum();
    let sstotal: f64 = yc.iter().map(|v| v * v).sum();
    let ssreg = sstotal - ssresid;
    #[expect(clippy::cast_precision_loss, reason = "variable counts")]
    let df = nf - p as f64 - if constant { 1.0 } else { 0.0 };
    if df < 0.0 {
        return Err(ErrorKind::Num);
    }
    let sey = if df > 0.0 { (ssresid / df).sqrt() } else { 0.0 };
    let mut m = vec![0.0; k];
    let mut se_m = vec![0.0; k];
    let mut row_norm = vec![0.0; p];
    for (i, &j) in kept.iter().enumerate() {
        m[j] = beta[i];
        row_norm[i] = rinv[i].iter().map(|v| v * v).sum::<f64>();
        se_m[j] = sey * row_norm[i].sqrt();
    }
    let b = my - kept.iter().zip(&beta).map(|(&j, b)| b * mx[j]).sum::<f64>();
    let se_b = constant.then(|| {
        // Var(b) = σ² (1/n + x̄ᵀ (XcᵀXc)⁻¹ x̄) = σ² (1/n + |R⁻ᵀx̄|²).
        let w: Vec<f64> = (0..p)
            .map(|c| (0..p).map(|i| rinv[i][c] * mx[kept[i]]).sum::<f64>())
            .collect();
        sey * (1.0 / nf + dot(&w, &w)).sqrt()
    });
    #[expect(clippy::cast_precision_loss, reason = "variable counts")]
    let f = if p == 0 || ssresid == 0.0 {
        f64::NAN
    } else {
        (ssreg / p as f64) / (ssresid / df)
    };
    let r2 = if sstotal == 0.0 { 1.0 } else { ssreg / sstotal };
    Ok(Fit {
        m,
        b,
        se_m,
        se_b,
        r2,
        sey,
        f,
        df,
        ssreg,
        ssresid,
    })
}

/// QR factorisation of the centred x columns by modified Gram-Schmidt
/// (each column orthogonalised twice): orthonormal columns `q`, the
/// triangular factor `r` stored by column, and which x columns were kept
/// (a column that is a combination of the ones before is dropped).
fn qr(x: &[Vec<f64>], mx: &[f64]) -> (Vec<Vec<f64>>, Vec<Vec<f64>>, Vec<usize>) {
    let mut q: Vec<Vec<f64>> = Vec::new();
    let mut kept: Vec<usize> = Vec::new();
    let mut r: Vec<Vec<f64>> = Vec::new();
    for (j, col) in x.iter().enumerate() {
        let mut v: Vec<f64> = col.iter().map(|a| a - mx[j]).collect();
        let norm0 = dot(&v, &v).sqrt();
        let mut coef = vec![0.0; q.len()];
        for _ in 0..2 {
            for (i, qi) in q.iter().enumerate() {
                let p = dot(qi, &v);
                coef[i] += p;
                for (a, b) in v.iter_mut().zip(qi) {
                    *a -= p * b;
                }
            }
        }
        let norm = dot(&v, &v).sqrt();
        if norm0 == 0.0 || norm <= COLLINEAR * norm0 {
            continue;
        }
        for a in &mut v {
            *a /= norm;
        }
        coef.push(norm);
        q.push(v);
        r.push(coef);
        kept.push(j);
    }
    (q, r, kept)
}

/// Solves R β = c, R upper triangular stored by column (`r[j][i]` is row
/// `i` of column `j`).
fn back_substitute(r: &[Vec<f64>], c: &[f64]) -> Vec<f64> {
    let p = c.len();
    let mut beta = vec![0.0; p];
    for i in (0..p).rev() {
        let mut s = c[i];
        for j in i + 1..p {
            s -= r[j][i] * beta[j];
        }
        beta[i] = s / r[i][i];
    }
    beta
}

/// R⁻¹ (upper triangular, `rinv[i][c]` row `i`, column `c`) of R stored by
/// column: the standard errors need diag((XᵀX)⁻¹) = row norms² of R⁻¹.
fn r_inverse(r: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let p = r.len();
    let mut rinv = vec![vec![0.0; p]; p];
    for c in 0..p {
        rinv[c][c] = 1.0 / r[c][c];
        for i in (0..c).rev() {
            let mut s = 0.0;
            for j in i + 1..=c {
                s += r[j][i] * rinv[j][c];
            }
            rinv[i][c] = -s / r[i][i];
        }
    }
    rinv
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Known y and the x variables as columns, following Excel's shapes: y a
/// column and x as many columns (or y a row and x as many rows), x the
/// same shape as y for one variable, `{1,2,3,...}` when omitted.
fn known(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
) -> Result<(Vec<f64>, Vec<Vec<f64>>), ErrorKind> {
    let (yr, yc, y) = matrix(ctx, f, args, 0)?;
    let n = y.len();
    if n == 0 {
        return Err(ErrorKind::Ref);
    }
    if args.len() < 2 || is_missing(f, args, 1) {
        #[expect(clippy::cast_precision_loss, reason = "sample sizes")]
        return Ok((y, vec![(1..=n).map(|i| i as f64).collect()]));
    }
    let (xr, xc, x) = matrix(ctx, f, args, 1)?;
    let cols = if (xr, xc) == (yr, yc) {
        vec![x]
    } else if yc == 1 && xr == yr {
        (0..xc)
            .map(|c| (0..xr).map(|r| x[r * xc + c]).collect())
            .collect()
    } else if yr == 1 && xc == yc {
        (0..xr).map(|r| x[r * xc..(r + 1) * xc].to_vec()).collect()
    } else {
        return Err(ErrorKind::Ref);
    };
    Ok((y, cols))
}

fn regression(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], log: bool) -> FnResult {
    let (y, x) = known(ctx, f, args)?;
    if x.len() > MAX_VARIABLES {
        return Err(ErrorKind::Num);
    }
    let y = if log {
        if y.iter().any(|&v| v <= 0.0) {
            return Err(ErrorKind::Num);
        }
        y.iter().map(|v| v.ln()).collect()
    } else {
        y
    };
    let constant = args.len() < 3 || is_missing(f, args, 2) || boolean(ctx, f, args, 2)?;
    let stats = args.len() > 3 && !is_missing(f, args, 3) && boolean(ctx, f, args, 3)?;
    let fit = fit(&y, &x, constant)?;
    let k = x.len();
    let out = |v: f64| {
        if log {
            num_value(v.exp())
        } else {
            num_value(v)
        }
    };
    let na = || Value::Error(ErrorKind::NA);
    let mut items: Vec<Value> = fit.m.iter().rev().map(|&m| out(m)).collect();
    items.push(out(fit.b));
    let rows = if stats { 5 } else { 1 };
    if stats {
        items.extend(fit.se_m.iter().rev().map(|&v| num_value(v)));
        items.push(fit.se_b.map_or_else(na, num_value));
        let mut rest = |a: f64, b: f64| {
            items.push(num_value(a));
            items.push(num_value(b));
            items.extend((0..k.saturating_sub(1)).map(|_| na()));
        };
        rest(fit.r2, fit.sey);
        rest(fit.f, fit.df);
        rest(fit.ssreg, fit.ssresid);
    }
    ok(Value::Array(Arc::new(Array::new(rows, k + 1, items))))
}

/// `LINEST(known_y, [known_x], [const], [stats])`: `{m_k,...,m_1,b}`, and
/// with `stats` four more rows: standard errors, r² and the standard
/// error of y, F and the degrees of freedom, the regression and residual
/// sums of squares (`#N/A` fills the rest of those rows).
pub(crate) fn linest(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    regression(ctx, f, args, false)
}

/// `LOGEST(known_y, [known_x], [const], [stats])`: `LINEST` of `ln(y)`,
/// coefficients given back as the bases `{m_k,...,m_1,b}` of
/// `y = b·m_1^x_1···`; the statistics are those of the linear fit of `ln(y)`.
pub(crate) fn logest(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    regression(ctx, f, args, true)
}
