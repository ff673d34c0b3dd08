//! `AGGREGATE(function_num, options, ref1, ...)`: `SUBTOTAL`'s aggregates
//! (1-11) and MEDIAN, MODE.SNGL, LARGE, SMALL, PERCENTILE/QUARTILE (12-19),
//! leaving out nested subtotals, hidden rows and errors as `options` says.

use std::cmp::Ordering;

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Ctx, Op};
use crate::functions::subtotal::{Seen, aggregate as subtotal_of};
use crate::functions::{FnResult, num, number, value};
use crate::value::{ErrorKind, Value};
use crate::workbook::CellId;

/// What `options` (0-7) leaves out.
struct Skip {
    nested: bool,
    hidden: bool,
    errors: bool,
}

fn skip(options: u8) -> Skip {
    Skip {
        nested: options <= 3,
        hidden: matches!(options, 1 | 3 | 5 | 7),
        errors: matches!(options, 2 | 3 | 6 | 7),
    }
}

/// Gathers the values of argument `id`: references cell by cell with the
/// skip rules, arrays item by item (errors left out when asked).
fn gather(ctx: &mut Ctx<'_>, f: &Formula, id: NodeId, s: &Skip, seen: &mut Seen) {
    let wb = ctx.wb;
    let add = |v: &Value, seen: &mut Seen| match v {
        Value::Empty => {}
        Value::Number(n) => {
            seen.non_empty += 1;
            seen.numbers.push(*n);
        }
        Value::Error(e) => {
            if !s.errors {
                seen.non_empty += 1;
                seen.error.get_or_insert(*e);
            }
        }
        _ => seen.non_empty += 1,
    };
    match ctx.eval(f, id) {
        Op::R(a) => {
            ctx.each_cell(a, |v, r, c| {
                if (s.hidden && wb.row_hidden(a.sheet, r))
                    || (s.nested && wb.is_subtotal_cell(CellId::new(a.sheet, r, c)))
                {
                    return;
                }
                add(v, seen);
            });
        }
        Op::Rs(v) => {
            for a in v {
                ctx.each_cell(a, |v, r, c| {
                    if (s.hidden && wb.row_hidden(a.sheet, r))
                        || (s.nested && wb.is_subtotal_cell(CellId::new(a.sheet, r, c)))
                    {
                        return;
                    }
                    add(v, seen);
                });
            }
        }
        op => match ctx.value(op) {
            Value::Array(arr) => arr.items.iter().for_each(|v| add(v, seen)),
            v => add(&v, seen),
        },
    }
}

/// `AGGREGATE(function_num, options, ref1, [ref2 | k], ...)`.
pub(crate) fn aggregate(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let k = number(ctx, f, args, 0)?.trunc();
    let options = number(ctx, f, args, 1)?.trunc();
    if !(1.0..=19.0).contains(&k) || !(0.0..=7.0).contains(&options) {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked ranges"
    )]
    let (k, options) = (k as u8, options as u8);
    let s = skip(options);
    let mut seen = Seen::default();
    if k <= 13 {
        for &id in &args[2..] {
            gather(ctx, f, id, &s, &mut seen);
        }
        return match k {
            12 | 13 => {
                if let Some(e) = seen.error {
                    return Err(e);
                }
                order_stat(k, seen.numbers, 0.0)
            }
            _ => subtotal_of(k, &seen),
        };
    }
    // 14-19: one array and k.
    if args.len() != 4 {
        return Err(ErrorKind::Value);
    }
    ctx.array_depth += 1;
    gather(ctx, f, args[2], &s, &mut seen);
    ctx.array_depth -= 1;
    if let Some(e) = seen.error {
        return Err(e);
    }
    let arg = value(ctx, f, args, 3).scalar().to_number()?;
    order_stat(k, seen.numbers, arg)
}

#[expect(clippy::cast_precision_loss, reason = "counts are small")]
fn order_stat(k: u8, mut v: Vec<f64>, arg: f64) -> FnResult {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return Err(ErrorKind::Num);
    }
    let pct = |p: f64, exclusive: bool| -> FnResult {
        let nf = n as f64;
        let h = if exclusive {
            (nf + 1.0) * p - 1.0
        } else {
            (nf - 1.0) * p
        };
        if !(0.0..=nf - 1.0).contains(&h)
            || (exclusive && (p <= 0.0 || p >= 1.0))
            || !(0.0..=1.0).contains(&p)
        {
            return Err(ErrorKind::Num);
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "checked range"
        )]
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(n - 1);
        num(v[lo] + (h - h.floor()) * (v[hi] - v[lo]))
    };
    match k {
        12 => num(if n % 2 == 1 {
            v[n / 2]
        } else {
            f64::midpoint(v[n / 2 - 1], v[n / 2])
        }),
        13 => {
            let mut best: Option<(f64, usize)> = None;
            let mut i = 0;
            while i < n {
                let j = v[i..]
                    .iter()
                    .take_while(|x| x.total_cmp(&v[i]) == Ordering::Equal)
                    .count();
                if j > 1 && best.is_none_or(|(_, m)| j > m) {
                    best = Some((v[i], j));
                }
                i += j;
            }
            best.map_or(Err(ErrorKind::NA), |(x, _)| num(x))
        }
        14 | 15 => {
            let i = arg.ceil();
            if i < 1.0 || i > n as f64 {
                return Err(ErrorKind::Num);
            }
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "checked range"
            )]
            let i = i as usize;
            num(if k == 14 { v[n - i] } else { v[i - 1] })
        }
        16 => pct(arg, false),
        17 => pct(arg.trunc() / 4.0, false),
        18 => pct(arg, true),
        _ => pct(arg.trunc() / 4.0, true),
    }
}
