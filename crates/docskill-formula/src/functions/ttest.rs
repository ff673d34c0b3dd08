//! `T.TEST` (and `TTEST`): Student's t-test on two samples.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::Ctx;
use crate::functions::distributions::beta_inc;
use crate::functions::{FnResult, num, number, value};
use crate::value::{ErrorKind, Value};

/// The items of argument `i` in order (an area or array row by row).
fn items(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], i: usize) -> Vec<Value> {
    ctx.array_depth += 1;
    let v = value(ctx, f, args, i);
    ctx.array_depth -= 1;
    match v {
        Value::Array(a) => a.items.clone(),
        v => vec![v],
    }
}

fn mean_var(x: &[f64]) -> (f64, f64) {
    #[expect(clippy::cast_precision_loss, reason = "sample sizes")]
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    let ss: f64 = x.iter().map(|v| (v - m) * (v - m)).sum();
    (m, ss / (n - 1.0))
}

/// `T.TEST(array1, array2, tails, type)`: the probability of a t statistic
/// as extreme, for `tails` 1 or 2 and `type` 1 (paired), 2 (two samples,
/// equal variance) or 3 (two samples, unequal variance: Welch, with its
/// fractional degrees of freedom). Text, logicals and blanks in the arrays
/// are left out (a pair is left out when either side is); paired arrays of
/// different sizes are `#N/A`; tails or type out of range `#NUM!`; too few
/// numbers or no variance `#DIV/0!`.
pub(crate) fn t_test(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let a = items(ctx, f, args, 0);
    let b = items(ctx, f, args, 1);
    let tails = whole(number(ctx, f, args, 2)?);
    let kind = whole(number(ctx, f, args, 3)?);
    if let Some(e) = a.iter().chain(&b).find_map(Value::error) {
        return Err(e);
    }
    if !(1..=2).contains(&tails) || !(1..=3).contains(&kind) {
        return Err(ErrorKind::Num);
    }
    let nums = |v: &[Value]| -> Vec<f64> {
        v.iter()
            .filter_map(|x| match x {
                Value::Number(n) => Some(*n),
                _ => None,
            })
            .collect()
    };
    let (t, df) = if kind == 1 {
        if a.len() != b.len() {
            return Err(ErrorKind::NA);
        }
        let d: Vec<f64> = a
            .iter()
            .zip(&b)
            .filter_map(|p| match p {
                (Value::Number(x), Value::Number(y)) => Some(x - y),
                _ => None,
            })
            .collect();
        if d.len() < 2 {
            return Err(ErrorKind::Div0);
        }
        let (m, v) = mean_var(&d);
        #[expect(clippy::cast_precision_loss, reason = "sample sizes")]
        let n = d.len() as f64;
        (m / (v / n).sqrt(), n - 1.0)
    } else {
        let (x, y) = (nums(&a), nums(&b));
        if x.len() < 2 || y.len() < 2 {
            return Err(ErrorKind::Div0);
        }
        let ((m1, v1), (m2, v2)) = (mean_var(&x), mean_var(&y));
        #[expect(clippy::cast_precision_loss, reason = "sample sizes")]
        let (n1, n2) = (x.len() as f64, y.len() as f64);
        if kind == 2 {
            let df = n1 + n2 - 2.0;
            let pooled = ((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / df;
            ((m1 - m2) / (pooled * (1.0 / n1 + 1.0 / n2)).sqrt(), df)
        } else {
            let (q1, q2) = (v1 / n1, v2 / n2);
            let df = (q1 + q2) * (q1 + q2) / (q1 * q1 / (n1 - 1.0) + q2 * q2 / (n2 - 1.0));
            ((m1 - m2) / (q1 + q2).sqrt(), df)
        }
    };
    if !t.is_finite() || !df.is_finite() {
        return Err(ErrorKind::Div0);
    }
    // One tail: P(T > |t|) = I_{df/(df+t²)}(df/2, 1/2) / 2.
    let one = 0.5 * beta_inc(df / 2.0, 0.5, df / (df + t * t));
    num(if tails == 2 { 2.0 * one } else { one })
}

/// An argument truncated to an integer (0 when huge or not a number).
fn whole(x: f64) -> i64 {
    if x.abs() < 1e9 {
        #[expect(clippy::cast_possible_truncation, reason = "bounded above")]
        let n = x.trunc() as i64;
        n
    } else {
        0
    }
}
