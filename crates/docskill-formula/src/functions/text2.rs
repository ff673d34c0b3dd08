//! More text functions: character codes, `REPLACE`, `T`, number formatting
//! (`FIXED`, `DOLLAR`, `NUMBERVALUE`), `TEXTBEFORE`/`TEXTAFTER`; and the
//! information functions `N`, `TYPE`, `ISEVEN`, `ISODD`, `ISNONTEXT`,
//! `ISREF`, `ERROR.TYPE`.

use crate::ast::{Formula, NodeId};
use crate::eval::interp::{Ctx, Op};
use crate::functions::numfmt::format_in;
use crate::functions::{FnResult, boolean, num, number, number_or, ok, scalar, text};
use crate::value::{ErrorKind, Value};

/// `CHAR(n)`: the Windows-1252 character of code 1..255.
pub(crate) fn char_(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let n = number(ctx, f, args, 0)?.trunc();
    if !(1.0..=255.0).contains(&n) {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let b = n as u8;
    ok(Value::text(cp1252(b).to_string()))
}

/// Characters of Windows-1252 bytes 0x80-0x9F (the rest map to Latin-1).
const CP1252_80: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn cp1252(b: u8) -> char {
    if (0x80..0xa0).contains(&b) {
        CP1252_80[usize::from(b - 0x80)]
    } else {
        char::from(b)
    }
}

/// `CODE(text)`: the Windows-1252 code of the first character.
pub(crate) fn code(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text(ctx, f, args, 0)?;
    let c = t.chars().next().ok_or(ErrorKind::Value)?;
    let n = if let Some(i) = CP1252_80.iter().position(|&x| x == c) {
        0x80 + u32::try_from(i).unwrap_or(0)
    } else if u32::from(c) < 256 {
        u32::from(c)
    } else {
        u32::from(b'?')
    };
    num(f64::from(n))
}

pub(crate) fn unichar(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let n = number(ctx, f, args, 0)?.trunc();
    if !(1.0..=1_114_111.0).contains(&n) {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let c = char::from_u32(n as u32).ok_or(ErrorKind::NA)?;
    ok(Value::text(c.to_string()))
}

pub(crate) fn unicode(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text(ctx, f, args, 0)?;
    let c = t.chars().next().ok_or(ErrorKind::Value)?;
    num(f64::from(u32::from(c)))
}

/// `REPLACE(old, start, count, new)`, positions in characters.
pub(crate) fn replace(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let old = text(ctx, f, args, 0)?;
    let start = number(ctx, f, args, 1)?.trunc();
    let count = number(ctx, f, args, 2)?.trunc();
    let new = text(ctx, f, args, 3)?;
    if start < 1.0 || count < 0.0 {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked sign"
    )]
    let (start, count) = ((start as usize) - 1, count.min(1e9) as usize);
    let chars: Vec<char> = old.chars().collect();
    let a = start.min(chars.len());
    let b = start.saturating_add(count).min(chars.len());
    let mut out: String = chars[..a].iter().collect();
    out.push_str(&new);
    out.extend(&chars[b..]);
    ok(Value::text(out))
}

/// `T(value)`: text stays, anything else is empty text.
pub(crate) fn t(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    match scalar(ctx, f, args, 0) {
        Value::Text(t) => ok(Value::Text(t)),
        Value::Error(e) => Err(e),
        _ => ok(Value::text("")),
    }
}

/// `N(value)`: numbers stay, TRUE is 1, anything else 0.
pub(crate) fn n(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    match scalar(ctx, f, args, 0) {
        Value::Number(n) => num(n),
        Value::Bool(b) => num(f64::from(u8::from(b))),
        Value::Error(e) => Err(e),
        _ => num(0.0),
    }
}

/// `TYPE(value)`: 1 number, 2 text, 4 logical, 16 error, 64 array.
pub(crate) fn type_(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let op = ctx.eval(f, args[0]);
    let v = match op {
        Op::R(a) if !a.is_cell() => return num(64.0),
        Op::Rs(_) => return num(16.0),
        op => ctx.value(op),
    };
    num(match v {
        Value::Number(_) | Value::Empty => 1.0,
        Value::Text(_) => 2.0,
        Value::Bool(_) => 4.0,
        Value::Error(_) => 16.0,
        Value::Array(_) => 64.0,
    })
}

fn parity(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], odd: bool) -> FnResult {
    let v = scalar(ctx, f, args, 0);
    let n = match v {
        Value::Bool(_) => return Err(ErrorKind::Value),
        v => v.to_number()?,
    };
    ok(Value::Bool((n.trunc().abs() % 2.0 >= 1.0) == odd))
}

pub(crate) fn iseven(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    parity(ctx, f, args, false)
}

pub(crate) fn isodd(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    parity(ctx, f, args, true)
}

pub(crate) fn isnontext(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = scalar(ctx, f, args, 0);
    ok(Value::Bool(!matches!(v, Value::Text(_))))
}

pub(crate) fn isref(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let op = ctx.eval_unread(f, args[0]);
    ok(Value::Bool(matches!(op, Op::R(_) | Op::Rs(_))))
}

/// `ERROR.TYPE(error)`: 1 `#NULL!` ... 7 `#N/A`, then 9 `#SPILL!`, 14 `#CALC!`.
pub(crate) fn error_type(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    match scalar(ctx, f, args, 0) {
        Value::Error(e) => num(match e {
            ErrorKind::Null => 1.0,
            ErrorKind::Div0 => 2.0,
            ErrorKind::Value => 3.0,
            ErrorKind::Ref => 4.0,
            ErrorKind::Name => 5.0,
            ErrorKind::Num => 6.0,
            ErrorKind::NA => 7.0,
            ErrorKind::Spill => 9.0,
            _ => 14.0,
        }),
        _ => Err(ErrorKind::NA),
    }
}

/// The number format for `decimals` places with or without thousands separators.
fn fixed_format(decimals: f64, commas: bool) -> String {
    let mut fmt = String::from(if commas { "#,##0" } else { "0" });
    if decimals > 0.0 {
        fmt.push('.');
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "at most 127"
        )]
        fmt.push_str(&"0".repeat(decimals.min(127.0) as usize));
    }
    fmt
}

/// `FIXED(number, [decimals], [no_commas])`.
pub(crate) fn fixed(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let d = number_or(ctx, f, args, 1, 2.0)?.trunc();
    let no_commas = args.len() > 2 && boolean(ctx, f, args, 2)?;
    if d > 127.0 {
        return Err(ErrorKind::Value);
    }
    let x = crate::functions::math::round_half_away(x, d);
    let s = format_in(x, &fixed_format(d, !no_commas), false)?;
    ok(Value::text(s))
}

/// `DOLLAR(number, [decimals])`: `$1,234.57`, negatives in parentheses.
pub(crate) fn dollar(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let x = number(ctx, f, args, 0)?;
    let d = number_or(ctx, f, args, 1, 2.0)?.trunc();
    if d > 127.0 {
        return Err(ErrorKind::Value);
    }
    let x = crate::functions::math::round_half_away(x, d);
    let body = format_in(x.abs(), &fixed_format(d, true), false)?;
    ok(Value::text(if x < 0.0 {
        format!("(${body})")
    } else {
        format!("${body}")
    }))
}

/// `NUMBERVALUE(text, [decimal_separator], [group_separator])`.
pub(crate) fn numbervalue(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text(ctx, f, args, 0)?;
    let dec = if args.len() > 1 {
        text(ctx, f, args, 1)?
    } else {
        ".".into()
    };
    let group = if args.len() > 2 {
        text(ctx, f, args, 2)?
    } else {
        ",".into()
    };
    let dec = dec.chars().next().ok_or(ErrorKind::Value)?;
    let group = group.chars().next().ok_or(ErrorKind::Value)?;
    let mut s: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return num(0.0);
    }
    let mut pct = 0;
    while let Some(r) = s.strip_suffix('%') {
        s = r.to_owned();
        pct += 1;
    }
    if let Some(i) = s.find(dec)
        && s[i..].contains(group)
    {
        return Err(ErrorKind::Value);
    }
    let plain: String = s
        .chars()
        .filter(|&c| c != group)
        .map(|c| if c == dec { '.' } else { c })
        .collect();
    let n = crate::value::parse_number(&plain).ok_or(ErrorKind::Value)?;
    num(n / 100f64.powi(pct))
}

/// The text before or after the `instance`-th delimiter.
fn split_at(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], after: bool) -> FnResult {
    let t = text(ctx, f, args, 0)?;
    let delim = text(ctx, f, args, 1)?;
    let instance = number_or(ctx, f, args, 2, 1.0)?.trunc();
    let ignore_case = number_or(ctx, f, args, 3, 0.0)? != 0.0;
    let match_end = number_or(ctx, f, args, 4, 0.0)? != 0.0;
    if instance == 0.0 || instance.abs() > 1e6 {
        return Err(ErrorKind::Value);
    }
    let (hay, needle) = if ignore_case {
        (t.to_lowercase(), delim.to_lowercase())
    } else {
        (t.to_string(), delim.to_string())
    };
    if hay.len() != t.len() {
        return Err(ErrorKind::Value);
    }
    // Byte positions of every delimiter (the end of text counts when match_end).
    let mut hits: Vec<usize> = if needle.is_empty() {
        Vec::new()
    } else {
        hay.match_indices(needle.as_str()).map(|(i, _)| i).collect()
    };
    if needle.is_empty() {
        hits.push(if instance > 0.0 { 0 } else { t.len() });
    }
    if match_end {
        if instance > 0.0 {
            hits.push(t.len());
        } else {
            hits.insert(0, 0);
        }
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let k = instance.abs() as usize;
    let at = if instance > 0.0 {
        hits.get(k - 1)
    } else {
        hits.len().checked_sub(k).and_then(|i| hits.get(i))
    };
    let Some(&at) = at else {
        return Err(ErrorKind::NA);
    };
    let dlen = if at == t.len()
        || (match_end && at == 0 && instance < 0.0 && !hay.starts_with(needle.as_str()))
    {
        0
    } else {
        needle.len()
    };
    ok(Value::text(if after {
        t.get(at + dlen..).unwrap_or("")
    } else {
        t.get(..at).unwrap_or("")
    }))
}

/// `TEXTBEFORE(text, delimiter, [instance], [match_mode], [match_end], [if_not_found])`.
pub(crate) fn textbefore(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    not_found_default(ctx, f, args, false)
}

/// `TEXTAFTER(text, delimiter, [instance], [match_mode], [match_end], [if_not_found])`.
pub(crate) fn textafter(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    not_found_default(ctx, f, args, true)
}

fn not_found_default(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], after: bool) -> FnResult {
    match split_at(ctx, f, args, after) {
        Err(ErrorKind::NA) if args.len() > 5 => Ok(ctx.eval(f, args[5])),
        r => r,
    }
}

/// `ROMAN(number, [form])`: the classic form (other forms give the classic one too).
pub(crate) fn roman(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let n = number(ctx, f, args, 0)?.trunc();
    if !(0.0..=3999.0).contains(&n) {
        return Err(ErrorKind::Value);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked range"
    )]
    let mut n = n as u32;
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    ok(Value::text(out))
}

/// `VALUETOTEXT(value, [format])`: 0 concise, 1 strict (text in quotes).
pub(crate) fn valuetotext(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let v = scalar(ctx, f, args, 0);
    let strict = number_or(ctx, f, args, 1, 0.0)?;
    if !matches!(strict, 0.0 | 1.0) {
        return Err(ErrorKind::Value);
    }
    ok(Value::text(match v {
        Value::Text(t) if strict > 0.0 => format!("\"{t}\""),
        Value::Error(e) => e.as_str().to_owned(),
        v => v.to_text()?.to_string(),
    }))
}

/// Delimiters of argument `i`: one text or an array of texts.
fn delimiters(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<Vec<String>, ErrorKind> {
    if crate::functions::is_missing(f, args, i) {
        return Ok(Vec::new());
    }
    let v = crate::functions::value(ctx, f, args, i);
    let items = match v {
        Value::Array(a) => a.items.clone(),
        v => vec![v],
    };
    let mut out = Vec::new();
    for d in items {
        let t = d.to_text()?;
        if !t.is_empty() {
            out.push(t.to_string());
        }
    }
    Ok(out)
}

/// Splits `t` at every delimiter (the leftmost, longest match first).
fn split_all(t: &str, delims: &[String], ignore_case: bool) -> Vec<String> {
    if delims.is_empty() {
        return vec![t.to_owned()];
    }
    let hay = if ignore_case {
        t.to_lowercase()
    } else {
        t.to_owned()
    };
    let keys: Vec<String> = delims
        .iter()
        .map(|d| {
            if ignore_case {
                d.to_lowercase()
            } else {
                d.clone()
            }
        })
        .collect();
    let mut parts = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < hay.len() {
        let hit = keys
            .iter()
            .filter(|k| hay[i..].starts_with(k.as_str()))
            .map(String::len)
            .max();
        if let Some(len) = hit {
            parts.push(t.get(start..i).unwrap_or("").to_owned());
            i += len;
            start = i;
        } else {
            i += hay[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    parts.push(t.get(start..).unwrap_or("").to_owned());
    parts
}

/// `TEXTSPLIT(text, col_delimiter, [row_delimiter], [ignore_empty], [match_mode], [pad_with])`.
pub(crate) fn textsplit(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let t = text(ctx, f, args, 0)?;
    let cols = delimiters(ctx, f, args, 1)?;
    let rows = delimiters(ctx, f, args, 2)?;
    let ignore_empty =
        args.len() > 3 && !crate::functions::is_missing(f, args, 3) && boolean(ctx, f, args, 3)?;
    let ignore_case = number_or(ctx, f, args, 4, 0.0)? != 0.0;
    let pad = if args.len() > 5 {
        crate::functions::value(ctx, f, args, 5).scalar()
    } else {
        Value::Error(ErrorKind::NA)
    };
    if cols.is_empty() && rows.is_empty() {
        return Err(ErrorKind::Value);
    }
    let mut grid: Vec<Vec<String>> = split_all(&t, &rows, ignore_case)
        .into_iter()
        .filter(|r| !(ignore_empty && r.is_empty()))
        .map(|r| {
            split_all(&r, &cols, ignore_case)
                .into_iter()
                .filter(|c| !(ignore_empty && c.is_empty()))
                .collect()
        })
        .collect();
    grid.retain(|r| !r.is_empty() || !ignore_empty);
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    if grid.is_empty() || width == 0 {
        return Err(ErrorKind::Calc);
    }
    let height = grid.len();
    let mut items = Vec::with_capacity(height * width);
    for r in grid {
        let n = r.len();
        items.extend(r.into_iter().map(Value::text));
        items.extend(std::iter::repeat_n(pad.clone(), width - n));
    }
    ok(Value::Array(std::sync::Arc::new(crate::value::Array::new(
        height, width, items,
    ))))
}

/// `ISFORMULA(reference)`: true when the cell holds a formula.
pub(crate) fn isformula(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    ok(Value::Bool(formula_at(ctx, f, args)?.is_some()))
}

/// The index in the workbook's formulas of the cell the first argument
/// refers to, if that cell holds a formula.
fn formula_at(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> Result<Option<usize>, ErrorKind> {
    let op = ctx.eval(f, args[0]);
    let Op::R(a) = op else {
        return match op {
            Op::V(Value::Error(e)) => Err(e),
            _ => Err(ErrorKind::Value),
        };
    };
    let cell = crate::workbook::CellId::new(a.sheet, a.r1, a.c1);
    // Formulas are sorted by cell before a calculation.
    Ok(ctx.wb.formulas.binary_search_by_key(&cell, |x| x.cell).ok())
}

/// `SHEET([value])`: the 1-based number of the formula's sheet, of a
/// reference's sheet, or of the sheet named by text.
pub(crate) fn sheet(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    if args.is_empty() {
        return num(f64::from(ctx.cell.sheet) + 1.0);
    }
    match ctx.eval(f, args[0]) {
        Op::R(a) => num(f64::from(a.sheet) + 1.0),
        Op::Rs(v) => v
            .first()
            .map_or(Err(ErrorKind::Ref), |a| num(f64::from(a.sheet) + 1.0)),
        Op::V(Value::Text(t)) => ctx
            .wb
            .sheet_index(&t)
            .map_or(Err(ErrorKind::NA), |i| num(f64::from(i) + 1.0)),
        Op::V(Value::Error(e)) => Err(e),
        _ => Err(ErrorKind::Value),
    }
}

/// `SHEETS([reference])`: the number of sheets in the workbook or in a 3D reference.
pub(crate) fn sheets(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    if args.is_empty() {
        let n = u32::try_from(ctx.wb.sheets.len()).unwrap_or(u32::MAX);
        return num(f64::from(n));
    }
    match ctx.eval(f, args[0]) {
        Op::R(_) => num(1.0),
        Op::Rs(v) => num(f64::from(u32::try_from(v.len()).unwrap_or(u32::MAX))),
        Op::V(Value::Error(e)) => Err(e),
        _ => Err(ErrorKind::Value),
    }
}

/// `HYPERLINK(link, [friendly_name])`: the value shown (the link itself is not followed).
pub(crate) fn hyperlink(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let i = usize::from(args.len() > 1 && !crate::functions::is_missing(f, args, 1));
    match scalar(ctx, f, args, i) {
        Value::Error(e) => Err(e),
        Value::Empty => ok(Value::Number(0.0)),
        v => ok(v),
    }
}

/// `FORMULATEXT(reference)`: the formula of a cell as text (`#N/A` when it
/// holds none), without the `_xlfn.` prefixes files carry.
pub(crate) fn formulatext(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let i = formula_at(ctx, f, args)?.ok_or(ErrorKind::NA)?;
    let fc = &ctx.wb.formulas[i];
    let (dr, dc) = fc.shift();
    let text = match fc.tree() {
        // A tree shared with other cells: write this cell's own references.
        Some(p) if (dr, dc) != (0, 0) => p.shifted(dr, dc).to_formula_string(),
        _ => {
            let mut t = fc.text.trim_start_matches('=').to_owned();
            for prefix in ["_xlfn._xlws.", "_xlfn.", "_xlws.", "_xlpm."] {
                t = t.replace(prefix, "");
            }
            t
        }
    };
    ok(Value::text(format!("={text}")))
}
