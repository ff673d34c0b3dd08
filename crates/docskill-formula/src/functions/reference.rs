//! `OFFSET` and `INDIRECT`: functions that return references to cells the
//! formula does not name. Both are volatile; the areas they return are
//! checked against the cells not computed yet (`eval::dynamic`).

use crate::ast::{BinOp, Formula, MAX_COL, MAX_ROW, Node, NodeId};
use crate::eval::interp::{Area, Ctx, Op};
use crate::functions::{FnResult, boolean, is_missing, value};
use crate::value::{ErrorKind, Value};

/// `OFFSET(reference, rows, cols, [height], [width])`: the area `rows` down
/// and `cols` right of `reference`'s top-left cell, `height` × `width` large
/// (the size of `reference` when omitted). A negative height or width
/// extends up or left from that cell, as Excel does; 0 is `#REF!`, and so is
/// an area that leaves the sheet.
pub(crate) fn offset(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    let base = match ctx.eval_unread(f, args[0]) {
        Op::R(a) => a,
        Op::V(Value::Error(e)) => return Err(e),
        Op::Rs(_) | Op::V(_) | Op::L(_) => return Err(ErrorKind::Value),
    };
    let whole = |ctx: &mut Ctx<'_>, i: usize| -> Result<Option<i64>, ErrorKind> {
        if is_missing(f, args, i) {
            return Ok(None);
        }
        // An array of offsets would give an array of references (as in
        // `SUBTOTAL(3,OFFSET(A1,ROW(A1:A9)-1,0))`), which the engine does not
        // model: an error rather than a number from the first offset only.
        let v = value(ctx, f, args, i);
        let n = match v {
            Value::Array(a) if a.items.len() > 1 => return Err(ErrorKind::Value),
            v => v.scalar().to_number_in(ctx.wb.date1904)?.trunc(),
        };
        if n.abs() > 1e10 {
            return Err(ErrorKind::Ref);
        }
        #[expect(clippy::cast_possible_truncation, reason = "bounded above")]
        Ok(Some(n as i64))
    };
    let rows = whole(ctx, 1)?.unwrap_or(0);
    let cols = whole(ctx, 2)?.unwrap_or(0);
    let height = whole(ctx, 3)?.unwrap_or_else(|| i64::from(base.rows()));
    let width = whole(ctx, 4)?.unwrap_or_else(|| i64::from(base.cols()));
    if height == 0 || width == 0 {
        return Err(ErrorKind::Ref);
    }
    let top = i64::from(base.r1) + rows;
    let left = i64::from(base.c1) + cols;
    let span = |start: i64, len: i64| {
        if len > 0 {
            (start, start + len - 1)
        } else {
            (start + len + 1, start)
        }
    };
    let (r1, r2) = span(top, height);
    let (c1, c2) = span(left, width);
    let fit = |lo: i64, hi: i64, max: u32| -> Option<(u32, u32)> {
        if lo < 0 || hi > i64::from(max) {
            return None;
        }
        Some((u32::try_from(lo).ok()?, u32::try_from(hi).ok()?))
    };
    let ((r1, r2), (c1, c2)) = fit(r1, r2, MAX_ROW)
        .zip(fit(c1, c2, MAX_COL))
        .ok_or(ErrorKind::Ref)?;
    let a = Area {
        sheet: base.sheet,
        r1,
        c1,
        r2,
        c2,
    };
    ctx.track(a);
    Ok(Op::R(a))
}

/// `INDIRECT(ref_text, [a1])`: the reference written in `ref_text`, in A1
/// style (`B2`, `Data!A1:C9`, `'My Sheet'!B:B`, `3:5`, a defined name, a
/// table reference) or, when `a1` is FALSE, in R1C1 style (`R2C3`,
/// `R[-1]C`, `Sheet2!R1C1:R5C2`, `R3`, `C2`), relative parts counted from
/// the formula's cell. Anything else, or an unknown sheet, is `#REF!`.
pub(crate) fn indirect(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId]) -> FnResult {
    // An array of texts would give an array of references (the
    // `SUMPRODUCT(SUMIF(INDIRECT("'"&sheets&"'!A:A"),...))` idiom), which
    // the engine does not model: an error, not the first reference's value.
    let text = match value(ctx, f, args, 0) {
        Value::Array(a) if a.items.len() > 1 => return Err(ErrorKind::Value),
        Value::Error(e) => return Err(e),
        v => match v.scalar() {
            Value::Error(e) => return Err(e),
            v => v.to_text()?,
        },
    };
    let a1 = if is_missing(f, args, 1) {
        true
    } else {
        boolean(ctx, f, args, 1)?
    };
    let text = text.trim();
    if text.is_empty() || text.starts_with('=') {
        return Err(ErrorKind::Ref);
    }
    let op = if a1 {
        a1_reference(ctx, text)?
    } else {
        let (sheet, rest) = split_sheet(text).ok_or(ErrorKind::Ref)?;
        let sheet = match sheet {
            None => ctx.cell.sheet,
            Some(name) => ctx.wb.sheet_index(&name).ok_or(ErrorKind::Ref)?,
        };
        let (r1, c1, r2, c2) = r1c1_area(rest, ctx.cell.row, ctx.cell.col).ok_or(ErrorKind::Ref)?;
        Op::R(Area {
            sheet,
            r1,
            c1,
            r2,
            c2,
        })
    };
    ctx.track_op(&op);
    Ok(op)
}

/// Evaluates A1-style reference text as a reference, or `#REF!`.
fn a1_reference(ctx: &mut Ctx<'_>, text: &str) -> Result<Op, ErrorKind> {
    let parsed = crate::parser::parse(text).map_err(|_| ErrorKind::Ref)?;
    if !is_reference_text(&parsed, parsed.root, 0) {
        return Err(ErrorKind::Ref);
    }
    // The text stands on its own: no LET variables, no shared-formula shift.
    let lets = std::mem::take(&mut ctx.lets);
    let shift = std::mem::take(&mut ctx.shift);
    let check_all = std::mem::replace(&mut ctx.check_all, false);
    let op = ctx.eval(&parsed, parsed.root);
    ctx.check_all = check_all;
    ctx.shift = shift;
    ctx.lets = lets;
    match op {
        Op::R(_) | Op::Rs(_) => Ok(op),
        Op::V(_) | Op::L(_) => Err(ErrorKind::Ref),
    }
}

/// True when node `id` is a reference, a name, a table reference or a
/// range, union or intersection of those: text `INDIRECT` accepts.
fn is_reference_text(f: &Formula, id: NodeId, depth: u32) -> bool {
    if depth > 8 {
        return false;
    }
    match f.node(id) {
        Node::Ref(_) | Node::Name { .. } | Node::Structured(_) => true,
        Node::Binary(BinOp::Range | BinOp::Union | BinOp::Intersect, a, b) => {
            is_reference_text(f, *a, depth + 1) && is_reference_text(f, *b, depth + 1)
        }
        _ => false,
    }
}

/// Splits `Sheet!rest` (the sheet name unquoted) from the reference part.
fn split_sheet(text: &str) -> Option<(Option<String>, &str)> {
    if let Some(body) = text.strip_prefix('\'') {
        let mut name = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if body[i + 1..].starts_with('\'') {
                    name.push('\'');
                    chars.next();
                    continue;
                }
                let rest = body[i + 1..].strip_prefix('!')?;
                return Some((Some(name), rest));
            }
            name.push(c);
        }
        return None;
    }
    match text.rfind('!') {
        Some(i) => Some((Some(text[..i].to_owned()), &text[i + 1..])),
        None => Some((None, text)),
    }
}

/// One R1C1 coordinate after its letter: `5` (absolute, 1-based), `[-2]`
/// (relative) or nothing (the formula's own row or column).
fn r1c1_part(s: &str, here: u32, max: u32) -> Option<(u32, &str)> {
    let pos = |v: i64| -> Option<u32> {
        if v < 0 || v > i64::from(max) {
            None
        } else {
            u32::try_from(v).ok()
        }
    };
    if let Some(body) = s.strip_prefix('[') {
        let end = body.find(']')?;
        let d: i64 = body[..end].parse().ok()?;
        if d.abs() > 2_000_000 {
            return None;
        }
        Some((pos(i64::from(here) + d)?, &body[end + 1..]))
    } else {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Some((here, s));
        }
        let n: i64 = s[..digits].parse().ok()?;
        Some((pos(n - 1)?, &s[digits..]))
    }
}

/// A cell (`R2C3`), a whole row (`R2`) or a whole column (`C3`) in R1C1
/// style: (r1, c1, r2, c2).
fn r1c1_one(s: &str, row: u32, col: u32) -> Option<(u32, u32, u32, u32)> {
    let s = s.trim();
    let upper = |c: char| c.to_ascii_uppercase();
    let mut chars = s.chars();
    match chars.next().map(upper) {
        Some('R') => {
            let (r, rest) = r1c1_part(&s[1..], row, MAX_ROW)?;
            if rest.is_empty() {
                return Some((r, 0, r, MAX_COL));
            }
            let rest = rest.strip_prefix(['C', 'c'])?;
            let (c, rest) = r1c1_part(rest, col, MAX_COL)?;
            rest.is_empty().then_some((r, c, r, c))
        }
        Some('C') => {
            let (c, rest) = r1c1_part(&s[1..], col, MAX_COL)?;
            rest.is_empty().then_some((0, c, MAX_ROW, c))
        }
        _ => None,
    }
}

/// An R1C1 reference, one part or two joined by `:`, relative to (`row`, `col`).
fn r1c1_area(s: &str, row: u32, col: u32) -> Option<(u32, u32, u32, u32)> {
    let (a, b) = if let Some((a, b)) = s.split_once(':') {
        (r1c1_one(a, row, col)?, r1c1_one(b, row, col)?)
    } else {
        let a = r1c1_one(s, row, col)?;
        (a, a)
    };
    Some((a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)))
}

#[cfg(test)]
mod tests {
    use super::{r1c1_area, split_sheet};
    use crate::ast::{MAX_COL, MAX_ROW};

    #[test]
    fn r1c1_forms() {
        assert_eq!(r1c1_area("R2C3", 9, 9), Some((1, 2, 1, 2)));
        assert_eq!(r1c1_area("r[-1]c[2]", 9, 9), Some((8, 11, 8, 11)));
        assert_eq!(r1c1_area("RC", 4, 5), Some((4, 5, 4, 5)));
        assert_eq!(r1c1_area("R1C1:R3C2", 0, 0), Some((0, 0, 2, 1)));
        assert_eq!(r1c1_area("R3", 0, 0), Some((2, 0, 2, MAX_COL)));
        assert_eq!(r1c1_area("C2:C3", 0, 0), Some((0, 1, MAX_ROW, 2)));
        assert_eq!(r1c1_area("R[-1]C", 0, 0), None);
        assert_eq!(r1c1_area("R0C1", 0, 0), None);
        assert_eq!(r1c1_area("A1", 0, 0), None);
        assert_eq!(r1c1_area("R1C1x", 0, 0), None);
    }

    #[test]
    fn sheet_prefixes() {
        assert_eq!(
            split_sheet("'It''s'!R1C1"),
            Some((Some("It's".to_owned()), "R1C1"))
        );
        assert_eq!(
            split_sheet("Data!R1C1"),
            Some((Some("Data".to_owned()), "R1C1"))
        );
        assert_eq!(split_sheet("R1C1"), Some((None, "R1C1")));
        assert_eq!(split_sheet("'open"), None);
    }
}
