//! Formula shapes: a formula's text with its relative cell references written
//! as offsets from the cell the formula stands in. Cells whose texts have the
//! same shape hold the same formula moved (`=Data!B7*Data!C7+1` in row 7 and
//! `=Data!B8*Data!C8+1` in row 8), so a loader parses the first one and shares
//! its tree with the others through [`Workbook::set_formula_shared`], instead
//! of lexing and parsing every copy.
//!
//! The shape follows the lexer's token boundaries exactly, so two texts with
//! the same shape give the same tokens up to the moved references. Anything a
//! shape does not cover (whole rows or columns, structured and 3D
//! references, non-ASCII text outside string literals) makes
//! [`formula_shape`] return false, and the caller parses that text on its own.
//!
//! [`Workbook::set_formula_shared`]: crate::Workbook::set_formula_shared

use crate::ast::MAX_ROW;
use crate::lexer::number_end;
use crate::parser::{parse_cell, parse_col};

/// Marks the start and the end of a reference in a shape (never in formula
/// text outside a string literal: such control characters make the text
/// unshapeable).
const REF_START: u8 = 1;
const REF_END: u8 = 2;

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'\\' | b'?' | b'$')
}

/// `$?digits:$?digits` not followed by a name character, `!` or `(`: whole rows.
fn rows_at(b: &[u8], mut i: usize) -> bool {
    let side = |i: &mut usize| {
        if b.get(*i) == Some(&b'$') {
            *i += 1;
        }
        let d = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > d
    };
    if !side(&mut i) || b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    side(&mut i)
        && !b
            .get(i)
            .is_some_and(|&c| is_word_byte(c) || c == b'!' || c == b'(')
}

/// End of the string literal or quoted sheet name opened by `b[i]`
/// (`quote`), doubled quotes included; `None` when it is not closed.
fn quoted_end(b: &[u8], i: usize, quote: u8) -> Option<usize> {
    let mut j = i + 1;
    loop {
        match b.get(j)? {
            &c if c == quote => {
                if b.get(j + 1) == Some(&quote) {
                    j += 2;
                } else {
                    return Some(j);
                }
            }
            _ => j += 1,
        }
    }
}

/// Writes the shape of `text`, a formula standing at (`row`, `col`), 0-based,
/// into `out` (cleared first) and returns true; false when the text holds
/// something a shape does not cover.
///
/// ```
/// use docskill_formula::formula_shape;
/// let (mut a, mut b) = (Vec::new(), Vec::new());
/// assert!(formula_shape("Data!B7*$C$1+1", 6, 0, &mut a));
/// assert!(formula_shape("Data!B8*$C$1+1", 7, 0, &mut b));
/// assert_eq!(a, b);
/// assert!(formula_shape("Data!B8*$C$1+1", 6, 0, &mut b));
/// assert_ne!(a, b);
/// assert!(!formula_shape("SUM(A:A)", 0, 1, &mut a));
/// ```
pub fn formula_shape(text: &str, row: u32, col: u32, out: &mut Vec<u8>) -> bool {
    shape_marked(text, row, col, out, &mut Vec::new())
}

/// As [`formula_shape`], and the byte ranges of the text's relative row
/// numbers into `rows` (cleared first): what a [`RowTemplate`] needs.
pub fn shape_marked(
    text: &str,
    row: u32,
    col: u32,
    out: &mut Vec<u8>,
    rows: &mut Vec<(usize, usize)>,
) -> bool {
    out.clear();
    rows.clear();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'"' | b'\'' => {
                let Some(end) = quoted_end(b, i, c) else {
                    return false;
                };
                let mut end = end + 1;
                if c == b'\'' {
                    if b.get(end) != Some(&b'!') {
                        return false;
                    }
                    end += 1;
                }
                out.extend_from_slice(&b[i..end]);
                i = end;
            }
            // Structured references, and non-ASCII outside string literals.
            b'[' | 0x80.. => return false,
            _ if c < b' ' && !matches!(c, b'\t' | b'\r' | b'\n') => return false,
            b'$' | b'0'..=b'9' if rows_at(b, i) => return false,
            b'0'..=b'9' => {
                let end = number_end(b, i);
                out.extend_from_slice(&b[i..end]);
                i = end;
            }
            b'.' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let end = number_end(b, i);
                out.extend_from_slice(&b[i..end]);
                i = end;
            }
            _ if is_word_byte(c) => {
                let mut j = i;
                while j < b.len() && is_word_byte(b[j]) {
                    j += 1;
                }
                if !word(text, i, j, row, col, out, rows) {
                    return false;
                }
                i = j;
                // A sheet prefix or a function call keeps its `!` or `(`.
                if matches!(b.get(i), Some(b'!' | b'(')) {
                    out.push(b[i]);
                    i += 1;
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    true
}

/// Writes `tag` and `n` in decimal.
fn push_int(out: &mut Vec<u8>, tag: u8, n: i64) {
    out.push(tag);
    if n < 0 {
        out.push(b'-');
    }
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut m = n.unsigned_abs();
    loop {
        k -= 1;
        let d = u8::try_from(m % 10).unwrap_or(0);
        digits[k] = b'0' + d;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[k..]);
}

/// The shape of the word `text[i..j]`; false when it cannot be shaped. A
/// relative row's digits are noted in `rows`.
fn word(
    text: &str,
    i: usize,
    j: usize,
    row: u32,
    col: u32,
    out: &mut Vec<u8>,
    rows: &mut Vec<(usize, usize)>,
) -> bool {
    let b = text.as_bytes();
    let w = &b[i..j];
    let next = b.get(j).copied();
    match next {
        Some(b'!' | b'(') => {
            out.extend_from_slice(w);
            return true;
        }
        Some(b'[') => return false,
        Some(b':') => {
            // `Sheet1:Sheet3!`: a 3D prefix.
            let mut k = j + 1;
            while k < b.len() && is_word_byte(b[k]) {
                k += 1;
            }
            if k > j + 1 && b.get(k) == Some(&b'!') {
                return false;
            }
        }
        _ => {}
    }
    // Word bytes are ASCII: `i` and `j` fall between characters.
    let Some(ws) = text.get(i..j) else {
        return false;
    };
    if ws.eq_ignore_ascii_case("TRUE") || ws.eq_ignore_ascii_case("FALSE") {
        out.extend_from_slice(w);
        return true;
    }
    if let Some(a) = parse_cell(ws) {
        out.push(REF_START);
        if a.col_abs {
            push_int(out, b'C', i64::from(a.col));
        } else {
            push_int(out, b'c', i64::from(a.col) - i64::from(col));
        }
        if a.row_abs {
            push_int(out, b'R', i64::from(a.row));
        } else {
            push_int(out, b'r', i64::from(a.row) - i64::from(row));
            // A cell's row is the digits that end its word.
            let digits = w.iter().rev().take_while(|b| b.is_ascii_digit()).count();
            rows.push((j - digits, j));
        }
        out.push(REF_END);
        return true;
    }
    // A column next to `:` is half of a whole-column reference.
    if parse_col(ws).is_some() && (next == Some(b':') || (i > 0 && b[i - 1] == b':')) {
        return false;
    }
    out.extend_from_slice(w);
    true
}

/// A formula's text with where its relative rows are. A formula further down
/// the same column has the same shape when its text is this one with each of
/// those rows moved by the rows between the two cells: checking that compares
/// the text in a few slices instead of shaping it.
#[derive(Clone, Debug, Default)]
pub struct RowTemplate {
    text: Vec<u8>,
    row: u32,
    col: u32,
    /// Byte ranges of the relative rows' digits in `text`, in order.
    rows: Vec<(usize, usize)>,
}

impl RowTemplate {
    /// The template of `text`, a formula at (`row`, `col`) that
    /// [`shape_marked`] shaped and whose relative rows it noted in `rows`.
    pub fn new(text: &str, row: u32, col: u32, rows: &[(usize, usize)]) -> RowTemplate {
        RowTemplate {
            text: text.as_bytes().to_vec(),
            row,
            col,
            rows: rows.to_vec(),
        }
    }

    /// Makes this the template of another formula, as [`RowTemplate::new`]
    /// (its room reused).
    pub fn set(&mut self, text: &str, row: u32, col: u32, rows: &[(usize, usize)]) {
        self.text.clear();
        self.text.extend_from_slice(text.as_bytes());
        self.rows.clear();
        self.rows.extend_from_slice(rows);
        (self.row, self.col) = (row, col);
    }

    /// True when `text` at (`row`, `col`) has the shape of the template's
    /// formula: the same bytes, but for relative rows moved by the rows
    /// between the cells (written without leading zeros, inside the grid).
    /// False says nothing: the text may still have the shape.
    pub fn matches(&self, text: &str, row: u32, col: u32) -> bool {
        if col != self.col {
            return false;
        }
        let t = text.as_bytes();
        let delta = i64::from(row) - i64::from(self.row);
        let (mut at, mut from) = (0, 0);
        for &(a, b) in &self.rows {
            let fixed = &self.text[from..a];
            if t.get(at..at + fixed.len()) != Some(fixed) {
                return false;
            }
            at += fixed.len();
            let digits = t[at..].iter().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 || digits > 7 || t[at] == b'0' {
                return false;
            }
            let (new, old) = (number(&t[at..at + digits]), number(&self.text[a..b]));
            if new != old + delta || !(1..=i64::from(MAX_ROW) + 1).contains(&new) {
                return false;
            }
            at += digits;
            from = b;
        }
        t.get(at..) == Some(&self.text[from..])
    }
}

/// The value of a run of decimal digits (at most 7: a row number's).
fn number(digits: &[u8]) -> i64 {
    digits
        .iter()
        .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'))
}

#[cfg(test)]
mod tests {
    use super::{RowTemplate, formula_shape, shape_marked};
    use crate::parse;

    fn shape(t: &str, r: u32, c: u32) -> Option<Vec<u8>> {
        let mut v = Vec::new();
        formula_shape(t, r, c, &mut v).then_some(v)
    }

    #[test]
    fn same_shape_means_same_tree_moved() {
        let pairs = [
            ("Data!B2*Data!C2+1", (1, 0), "Data!B9*Data!C9+1", (8, 0)),
            ("SUM(Data!B2:B11)", (1, 1), "SUM(Data!B3:B12)", (2, 1)),
            (
                "IF(A2>2500,\"high\",\"low\")",
                (1, 2),
                "IF(A3>2500,\"high\",\"low\")",
                (2, 2),
            ),
            (
                "VLOOKUP(850,Lookup!$A$1:$B$1000,2,FALSE)",
                (1, 3),
                "VLOOKUP(850,Lookup!$A$1:$B$1000,2,FALSE)",
                (7, 3),
            ),
            (
                "'My Sheet'!A$1&\"é\"",
                (0, 0),
                "'My Sheet'!B$1&\"é\"",
                (4, 1),
            ),
            ("A1 B1:C1", (2, 2), "B2 C2:D2", (3, 3)),
            ("LOG10(A1)+1E5", (0, 1), "LOG10(A2)+1E5", (1, 1)),
        ];
        for (t1, (r1, c1), t2, (r2, c2)) in pairs {
            let (s1, s2) = (shape(t1, r1, c1).unwrap(), shape(t2, r2, c2).unwrap());
            assert_eq!(s1, s2, "{t1} / {t2}");
            let moved = parse(t1)
                .unwrap()
                .shifted(i64::from(r2) - i64::from(r1), i64::from(c2) - i64::from(c1));
            assert_eq!(moved, parse(t2).unwrap(), "{t1} / {t2}");
        }
    }

    #[test]
    fn different_formulas_differ() {
        let pairs = [
            ("A1+1", (0, 1), "A1+1", (1, 1)),
            ("A1+1", (0, 1), "A1+2", (0, 1)),
            ("$A$1", (0, 0), "$A$2", (1, 0)),
            ("TAX", (0, 0), "TAY", (0, 1)),
            ("\"A1\"", (0, 0), "\"A2\"", (1, 0)),
            ("Sheet1!A1", (0, 0), "Sheet2!A1", (0, 0)),
            ("SUM(A1)", (0, 0), "SUN(A1)", (0, 0)),
        ];
        for (t1, (r1, c1), t2, (r2, c2)) in pairs {
            assert_ne!(shape(t1, r1, c1), shape(t2, r2, c2), "{t1} / {t2}");
        }
    }

    #[test]
    fn unshapeable_texts_are_refused() {
        for t in [
            "SUM(A:A)",
            "SUM($A:B)",
            "SUM(1:3)",
            "SUM(Sheet1!$2:$2)",
            "Table1[Col]",
            "[@Col]*2",
            "SUM(S1:S3!A1)",
            "\"open",
            "'Sheet!A1",
            "A1+ünï",
            "A1\u{1}",
        ] {
            assert!(shape(t, 0, 0).is_none(), "{t}");
        }
    }

    /// A text that matches a template has the template formula's shape;
    /// texts that differ elsewhere do not match.
    #[test]
    fn row_templates_match_only_texts_of_the_same_shape() {
        let base = "SUMIFS(T!$C$2:$C$10,T!B$2:B10,Data!B9)+A9*$B9-\"A9\"";
        let (mut key, mut rows) = (Vec::new(), Vec::new());
        assert!(shape_marked(base, 8, 3, &mut key, &mut rows));
        let t = RowTemplate::new(base, 8, 3, &rows);
        let moved = |d: i64| {
            let n = |r: i64| (r + d).to_string();
            format!(
                "SUMIFS(T!$C$2:$C$10,T!B$2:B{},Data!B{})+A{}*$B{}-\"A9\"",
                n(10),
                n(9),
                n(9),
                n(9)
            )
        };
        for d in [0i64, 1, 2, 91, 1000, -7] {
            let text = moved(d);
            let row = u32::try_from(8 + d).unwrap();
            assert!(t.matches(&text, row, 3), "{text}");
            assert_eq!(shape(&text, row, 3).unwrap(), key, "{text}");
        }
        let other = [
            // A row moved by a different amount, a fixed part changed, the
            // string literal moved, another column, a leading zero, more text,
            // a row above the grid.
            (moved(1), 8, 3),
            (moved(1).replace("$C$10", "$C$11"), 9, 3),
            (moved(1).replace("\"A9\"", "\"A10\""), 9, 3),
            (moved(1), 9, 4),
            (base.replace("Data!B9", "Data!B09"), 8, 3),
            (moved(1) + "1", 9, 3),
            (moved(-9), 0, 3),
        ];
        for (text, row, col) in other {
            assert!(!t.matches(&text, row, col), "{text}");
        }
        let far = "A1048576+B1048575";
        assert!(shape_marked(far, 1_048_574, 0, &mut key, &mut rows));
        let t = RowTemplate::new(far, 1_048_574, 0, &rows);
        assert!(!t.matches("A1048577+B1048576", 1_048_575, 0));
    }
}
