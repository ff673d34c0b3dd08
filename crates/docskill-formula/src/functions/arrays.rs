//! Functions that work element-wise over arrays or return arrays:
//! `TIMEVALUE` (lifted over an array argument) and `UNIQUE`.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt::Write as _;
use std::sync::Arc;

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Ctx, num as num_value};
use crate::functions::{FnResult, boolean, is_missing, ok, value};
use crate::value::{Array, ErrorKind, Value, parse_number};

/// Seconds since midnight of `h:mm[:ss[.fff]]`, with an optional `AM`/`PM`.
fn clock_seconds(t: &str) -> Option<f64> {
    let t = t.trim();
    let upper = t.to_ascii_uppercase();
    let (body, meridiem) = if let Some(b) = upper.strip_suffix("AM") {
        (b.trim_end(), Some(false))
    } else if let Some(b) = upper.strip_suffix("PM") {
        (b.trim_end(), Some(true))
    } else if let Some(b) = upper.strip_suffix('A') {
        (b.trim_end(), Some(false))
    } else if let Some(b) = upper.strip_suffix('P') {
        (b.trim_end(), Some(true))
    } else {
        (upper.as_str(), None)
    };
    let parts: Vec<&str> = body.split(':').collect();
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let whole = |s: &str| -> Option<f64> {
        (!s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<f64>().ok())
            .flatten()
    };
    let mut h = whole(parts[0])?;
    let m = match parts.get(1) {
        Some(p) => whole(p)?,
        None if meridiem.is_some() => 0.0,
        None => return None,
    };
    let s = match parts.get(2) {
        Some(p) => {
            let (int, frac) = p.split_once('.').unwrap_or((p, ""));
            let frac = if frac.is_empty() {
                0.0
            } else if frac.bytes().all(|b| b.is_ascii_digit()) {
                format!("0.{frac}").parse::<f64>().ok()?
            } else {
                return None;
            };
            whole(int)? + frac
        }
        None => 0.0,
    };
    if m >= 60.0 || s >= 60.0 {
        return None;
    }
    if let Some(pm) = meridiem {
        if h > 12.0 {
            return None;
        }
        if h >= 12.0 {
            h -= 12.0;
        }
        if pm {
            h += 12.0;
        }
    }
    Some(h * 3600.0 + m * 60.0 + s)
}

/// The time of day (a fraction of a day) that a text holds: `"6:35 PM"`,
/// `"18:35:10"`, `"2011-08-22 18:35"`; a date alone is midnight.
pub(crate) fn parse_time_text(t: &str) -> Option<f64> {
    let t = t.trim();
    if let Some(secs) = clock_seconds(t) {
        return Some((secs / 86_400.0).fract());
    }
    // A date, then the time after the first space.
    if let Some((date, time)) = t.split_once(' ')
        && parse_number(date).is_some()
        && let Some(secs) = clock_seconds(time)
    {
        return Some((secs / 86_400.0).fract());
    }
    parse_number(t)
        .filter(|_| t.contains(['-', '/']))
        .map(|_| 0.0)
}

fn timevalue_of(v: &Value) -> Value {
    match v {
        Value::Text(t) => parse_time_text(t).map_or(Value::Error(ErrorKind::Value), num_value),
        Value::Error(e) => Value::Error(*e),
        _ => Value::Error(ErrorKind::Value),
    }
}

/// `TIMEVALUE(text)`: element-wise over an array argument.
pub(crate) fn timevalue(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    match value(ctx, f, args, 0) {
        Value::Array(a) => {
            let items = a.items.iter().map(timevalue_of).collect();
            ok(Value::Array(Arc::new(Array::new(a.rows, a.cols, items))))
        }
        v => ok(timevalue_of(&v)),
    }
}

/// A key under which equal values (text without case) collide.
fn line_key(line: &[Value]) -> String {
    let mut k = String::new();
    for v in line {
        match v {
            Value::Empty => k.push_str("n0"),
            Value::Number(n) if *n == 0.0 => k.push_str("n0"),
            Value::Number(n) => {
                let _ = write!(k, "n{:x}", n.to_bits());
            }
            Value::Text(t) => {
                k.push('t');
                k.push_str(&t.to_lowercase());
            }
            Value::Bool(b) => k.push_str(if *b { "b1" } else { "b0" }),
            Value::Error(e) => k.push_str(e.as_str()),
            Value::Array(_) => k.push('a'),
        }
        k.push('\u{0}');
    }
    k
}

/// `UNIQUE(array, [by_col], [exactly_once])`: the distinct rows (or columns)
/// in order of first appearance; text compares without case.
pub(crate) fn unique(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    ctx.array_depth += 1;
    let v = value(ctx, f, args, 0);
    ctx.array_depth -= 1;
    let by_col = !is_missing(f, args, 1) && boolean(ctx, f, args, 1)?;
    let once = !is_missing(f, args, 2) && boolean(ctx, f, args, 2)?;
    let a = match v {
        Value::Array(a) => a,
        Value::Error(e) => return Err(e),
        v => Arc::new(Array::new(1, 1, vec![v])),
    };
    let lines: Vec<Vec<Value>> = if by_col {
        (0..a.cols)
            .map(|c| (0..a.rows).filter_map(|r| a.get(r, c).cloned()).collect())
            .collect()
    } else {
        a.items
            .chunks(a.cols.max(1))
            .map(<[Value]>::to_vec)
            .collect()
    };
    // (first index, count) of every distinct line, in order of appearance.
    let mut kept: Vec<(usize, usize)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        match seen.entry(line_key(line)) {
            Entry::Occupied(o) => kept[*o.get()].1 += 1,
            Entry::Vacant(v) => {
                v.insert(kept.len());
                kept.push((i, 1));
            }
        }
    }
    let picked: Vec<&Vec<Value>> = kept
        .iter()
        .filter(|(_, n)| !once || *n == 1)
        .map(|(i, _)| &lines[*i])
        .collect();
    if picked.is_empty() {
        return Err(ErrorKind::Calc);
    }
    let len = picked[0].len();
    let empty_as_zero = |v: &Value| match v {
        Value::Empty => Value::Number(0.0),
        v => v.clone(),
    };
    let out = if by_col {
        let mut items = Vec::with_capacity(len * picked.len());
        for r in 0..len {
            items.extend(picked.iter().map(|l| empty_as_zero(&l[r])));
        }
        Array::new(len, picked.len(), items)
    } else {
        let items = picked
            .iter()
            .flat_map(|l| l.iter().map(empty_as_zero))
            .collect();
        Array::new(picked.len(), len, items)
    };
    if out.rows * out.cols == 1 {
        return ok(out.items.into_iter().next().unwrap_or(Value::Empty));
    }
    ok(Value::Array(Arc::new(out)))
}
