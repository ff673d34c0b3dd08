//! Text functions. Lengths and positions count Unicode scalar values.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Ctx, Op};
use crate::functions::{
    FnResult, areas, boolean, is_missing, num, number, number_or, ok, scalar, text as text_arg,
};
use crate::value::{ErrorKind, Value, parse_number_in};

/// Excel wildcard match, case-insensitive: `*` any run, `?` one character, `~` escapes.
pub(crate) fn wildcard_match(pattern: &str, text: &str) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum P {
        Lit(char),
        One,
        Any,
    }
    let p: Vec<char> = pattern.chars().flat_map(char::to_lowercase).collect();
    let t: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let mut toks = Vec::with_capacity(p.len());
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '~' if i + 1 < p.len() => {
                toks.push(P::Lit(p[i + 1]));
                i += 1;
            }
            '*' => toks.push(P::Any),
            '?' => toks.push(P::One),
            c => toks.push(P::Lit(c)),
        }
        i += 1;
    }
    // Greedy matching with backtracking to the last star.
    let (mut ti, mut pi) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < toks.len() && (toks[pi] == P::One || toks[pi] == P::Lit(t[ti])) {
            ti += 1;
            pi += 1;
        } else if pi < toks.len() && toks[pi] == P::Any {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    toks[pi..].iter().all(|&x| x == P::Any)
}

fn count_arg(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<usize, ErrorKind> {
    let n = number_or(ctx, f, args, i, 1.0)?;
    if n < 0.0 {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "non-negative, clamped"
    )]
    Ok(n.min(1e9) as usize)
}

pub(crate) fn len(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    #[expect(clippy::cast_precision_loss, reason = "lengths")]
    num(text_arg(ctx, f, args, 0)?.chars().count() as f64)
}

pub(crate) fn left(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text_arg(ctx, f, args, 0)?;
    let n = count_arg(ctx, f, args, 1)?;
    ok(Value::text(t.chars().take(n).collect::<String>()))
}

pub(crate) fn right(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text_arg(ctx, f, args, 0)?;
    let n = count_arg(ctx, f, args, 1)?;
    let len = t.chars().count();
    ok(Value::text(
        t.chars().skip(len.saturating_sub(n)).collect::<String>(),
    ))
}

pub(crate) fn mid(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text_arg(ctx, f, args, 0)?;
    let start = number(ctx, f, args, 1)?;
    let n = number(ctx, f, args, 2)?;
    if start < 1.0 || n < 0.0 {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "positive, clamped"
    )]
    let (s, n) = (start.min(1e9) as usize - 1, n.min(1e9) as usize);
    ok(Value::text(t.chars().skip(s).take(n).collect::<String>()))
}

pub(crate) fn upper(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    ok(Value::text(text_arg(ctx, f, args, 0)?.to_uppercase()))
}

pub(crate) fn lower(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    ok(Value::text(text_arg(ctx, f, args, 0)?.to_lowercase()))
}

pub(crate) fn trim(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text_arg(ctx, f, args, 0)?;
    ok(Value::text(
        t.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    ))
}

/// Calls `g` with every value of the arguments, ranges row by row (the
/// order `CONCAT` and `TEXTJOIN` join them in).
fn each_value_by_row(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], g: &mut dyn FnMut(&Value)) {
    for &id in args {
        let op = ctx.eval(f, id);
        match op {
            Op::R(_) | Op::Rs(_) => {
                for a in areas(&op).unwrap_or_default() {
                    match ctx.area_array(a) {
                        Value::Array(arr) => arr.items.iter().for_each(&mut *g),
                        v => g(&v),
                    }
                }
            }
            op => match ctx.value(op) {
                Value::Array(arr) => arr.items.iter().for_each(&mut *g),
                v => g(&v),
            },
        }
    }
}

pub(crate) fn concat(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let mut out = String::new();
    let mut err = None;
    each_value_by_row(ctx, f, args, &mut |v| match v.to_text() {
        Ok(t) => out.push_str(&t),
        Err(e) => {
            err.get_or_insert(e);
        }
    });
    match err {
        Some(e) => Err(e),
        None => ok(Value::text(out)),
    }
}

pub(crate) fn textjoin(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let delim = text_arg(ctx, f, args, 0)?;
    let skip_empty = boolean(ctx, f, args, 1)?;
    let mut parts: Vec<std::sync::Arc<str>> = Vec::new();
    let mut err = None;
    each_value_by_row(ctx, f, &args[2..], &mut |v| match v.to_text() {
        Ok(t) if skip_empty && t.is_empty() => {}
        Ok(t) => parts.push(t),
        Err(e) => {
            err.get_or_insert(e);
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    let joined = parts.iter().map(|p| &**p).collect::<Vec<_>>().join(&delim);
    if joined.chars().count() > 32_767 {
        return Err(ErrorKind::Value);
    }
    ok(Value::text(joined))
}

pub(crate) fn substitute(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text_arg(ctx, f, args, 0)?;
    let old = text_arg(ctx, f, args, 1)?;
    let new = text_arg(ctx, f, args, 2)?;
    if old.is_empty() {
        return ok(Value::Text(t));
    }
    if is_missing(f, args, 3) {
        return ok(Value::text(t.replace(&*old, &new)));
    }
    let k = number(ctx, f, args, 3)?;
    if k < 1.0 {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "positive, clamped"
    )]
    let k = k.min(1e9) as usize;
    match t.match_indices(&*old).nth(k - 1) {
        Some((at, _)) => ok(Value::text(format!(
            "{}{}{}",
            &t[..at],
            new,
            &t[at + old.len()..]
        ))),
        None => ok(Value::Text(t)),
    }
}

fn find_impl(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], insensitive: bool) -> FnResult {
    let needle = text_arg(ctx, f, args, 0)?;
    let hay = text_arg(ctx, f, args, 1)?;
    let start = count_arg(ctx, f, args, 2)?;
    let hay: Vec<char> = hay.chars().collect();
    if start < 1 || start > hay.len() + 1 {
        return Err(ErrorKind::Value);
    }
    let nd: String = needle.to_string();
    for i in start - 1..=hay.len() {
        let found = if insensitive {
            (i..=hay.len()).any(|j| wildcard_match(&nd, &hay[i..j].iter().collect::<String>()))
        } else {
            hay[i..].iter().collect::<String>().starts_with(&nd)
        };
        if found {
            #[expect(clippy::cast_precision_loss, reason = "positions")]
            return num((i + 1) as f64);
        }
    }
    Err(ErrorKind::Value)
}

pub(crate) fn find(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    find_impl(ctx, f, args, false)
}

pub(crate) fn search(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    find_impl(ctx, f, args, true)
}

pub(crate) fn value(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    match scalar(ctx, f, args, 0) {
        Value::Number(n) => num(n),
        Value::Empty => num(0.0),
        Value::Text(t) => parse_number_in(&t, ctx.wb.date1904).map_or(Err(ErrorKind::Value), num),
        Value::Error(e) => Err(e),
        _ => Err(ErrorKind::Value),
    }
}

pub(crate) fn text(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = scalar(ctx, f, args, 0);
    let fmt = text_arg(ctx, f, args, 1)?;
    let n = match &v {
        Value::Error(e) => return Err(*e),
        Value::Text(t) => match parse_number_in(t, ctx.wb.date1904) {
            Some(n) => n,
            None => return ok(v),
        },
        v => v.to_number()?,
    };
    ok(Value::text(crate::functions::numfmt::format_in(
        n,
        &fmt,
        ctx.wb.date1904,
    )?))
}
