//! References inside formula text: sheet qualifiers (`Data!`, `'My data'!`,
//! `Jan:Mar!`), cells (`$B$7`), column spans (`A:C`) and row spans (`2:5`). Used to move a
//! formula to another cell (relative parts shift), to follow a sheet rename and to mark
//! references to a deleted sheet as `#REF!`. String literals, structured references
//! (`Table1[Qty]`) and external book indexes (`[1]Sheet1!A1`) are left alone.

use crate::cellref::{MAX_COLS, MAX_ROWS, column_index, column_name};

/// One piece of a formula.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// Copied as it is.
    Lit(String),
    /// A sheet qualifier, `!` included: one name, or two for a 3D reference.
    Sheet {
        names: Vec<String>,
        /// Preceded by an external book index (`[1]`): never renamed.
        external: bool,
    },
    /// A cell reference.
    Cell(Part, Part),
    /// `A:C`.
    Cols(Part, Part),
    /// `2:5`.
    Rows(Part, Part),
}

/// A column or row coordinate (zero-based) and whether it is absolute (`$`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    abs: bool,
    at: i64,
}

const ERRORS: [&str; 10] = [
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
];

fn ident_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '$' | '\\' | '?') || u32::from(c) > 0x7f
}

/// `$AB` → (abs, 27).
fn col_part(s: &str) -> Option<Part> {
    let (abs, rest) = s.strip_prefix('$').map_or((false, s), |r| (true, r));
    column_index(rest).map(|c| Part {
        abs,
        at: i64::from(c),
    })
}

/// `$12` → (abs, 11).
fn row_part(s: &str) -> Option<Part> {
    let (abs, rest) = s.strip_prefix('$').map_or((false, s), |r| (true, r));
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) || rest.starts_with('0') {
        return None;
    }
    let n: i64 = rest.parse().ok()?;
    (n <= i64::from(MAX_ROWS)).then_some(Part { abs, at: n - 1 })
}

/// `$B$7` → column and row parts.
fn cell_parts(s: &str) -> Option<(Part, Part)> {
    let body = s.strip_prefix('$').unwrap_or(s);
    let letters = body.bytes().take_while(u8::is_ascii_alphabetic).count();
    let split = s.len() - body.len() + letters;
    Some((col_part(&s[..split])?, row_part(&s[split..])?))
}

#[expect(
    clippy::too_many_lines,
    clippy::many_single_char_names,
    reason = "one scanner loop"
)]
fn tokenize(f: &str) -> Vec<Tok> {
    let chars: Vec<char> = f.chars().collect();
    let mut toks = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let mut external = false;
    let flush = |lit: &mut String, toks: &mut Vec<Tok>| {
        if !lit.is_empty() {
            toks.push(Tok::Lit(std::mem::take(lit)));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '#' => {
                // An error literal (`#REF!`, `#DIV/0!`, `#N/A`) is copied whole.
                let rest: String = chars[i..chars.len().min(i + 14)].iter().collect();
                let up = rest.to_ascii_uppercase();
                let err = ERRORS
                    .iter()
                    .find(|e| up.starts_with(**e))
                    .map_or(1, |e| e.len());
                lit.push_str(&rest[..err]);
                i += err;
                external = false;
                continue;
            }
            '"' => {
                // A string literal; `""` escapes a quote.
                lit.push(c);
                i += 1;
                while i < chars.len() {
                    lit.push(chars[i]);
                    if chars[i] == '"' {
                        if chars.get(i + 1) == Some(&'"') {
                            lit.push('"');
                            i += 2;
                            continue;
                        }
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                external = false;
                continue;
            }
            '[' => {
                // Structured reference or external index: copy to the matching bracket.
                let start = i;
                let mut depth = 0;
                while i < chars.len() {
                    match chars[i] {
                        '[' => depth += 1,
                        ']' => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                // `[1]Sheet!A1`: an external index directly before a sheet name.
                external = text[1..text.len().saturating_sub(1)]
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    && text.len() > 2;
                lit.push_str(&text);
                continue;
            }
            '\'' => {
                // A quoted sheet name (or 3D pair); `''` escapes a quote.
                let mut name = String::new();
                let mut j = i + 1;
                while j < chars.len() {
                    if chars[j] == '\'' {
                        if chars.get(j + 1) == Some(&'\'') {
                            name.push('\'');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    name.push(chars[j]);
                    j += 1;
                }
                if chars.get(j + 1) == Some(&'!') {
                    flush(&mut lit, &mut toks);
                    let names = match name.split_once(':') {
                        Some((a, b)) if !external => vec![a.to_owned(), b.to_owned()],
                        _ => vec![name],
                    };
                    toks.push(Tok::Sheet { names, external });
                    i = j + 2;
                } else {
                    lit.extend(&chars[i..=j.min(chars.len() - 1)]);
                    i = j + 1;
                }
                external = false;
                continue;
            }
            c if ident_char(c) => {
                let start = i;
                while i < chars.len() && ident_char(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let prev_ok = start == 0 || !ident_char(chars[start - 1]);
                if chars.get(i) == Some(&'!') {
                    flush(&mut lit, &mut toks);
                    toks.push(Tok::Sheet {
                        names: vec![word],
                        external,
                    });
                    external = false;
                    i += 1;
                    continue;
                }
                external = false;
                // A 3D qualifier `Jan:Mar!`, or a span `A:C` / `2:5`, or `A1:B2` (two cells).
                if chars.get(i) == Some(&':') {
                    let s2 = i + 1;
                    let mut e2 = s2;
                    while e2 < chars.len() && ident_char(chars[e2]) {
                        e2 += 1;
                    }
                    let second: String = chars[s2..e2].iter().collect();
                    if !second.is_empty() && chars.get(e2) == Some(&'!') {
                        flush(&mut lit, &mut toks);
                        toks.push(Tok::Sheet {
                            names: vec![word, second],
                            external: false,
                        });
                        i = e2 + 1;
                        continue;
                    }
                    if prev_ok && chars.get(e2) != Some(&'(') {
                        if let (Some(a), Some(b)) = (col_part(&word), col_part(&second)) {
                            flush(&mut lit, &mut toks);
                            toks.push(Tok::Cols(a, b));
                            i = e2;
                            continue;
                        }
                        if let (Some(a), Some(b)) = (row_part(&word), row_part(&second)) {
                            flush(&mut lit, &mut toks);
                            toks.push(Tok::Rows(a, b));
                            i = e2;
                            continue;
                        }
                    }
                }
                if prev_ok
                    && chars.get(i) != Some(&'(')
                    && let Some((c, r)) = cell_parts(&word)
                {
                    flush(&mut lit, &mut toks);
                    toks.push(Tok::Cell(c, r));
                    continue;
                }
                lit.push_str(&word);
                continue;
            }
            _ => {
                external = false;
                lit.push(c);
            }
        }
        i += 1;
    }
    flush(&mut lit, &mut toks);
    toks
}

fn col_text(p: Part) -> String {
    let name = u16::try_from(p.at).map(column_name).unwrap_or_default();
    if p.abs { format!("${name}") } else { name }
}

fn row_text(p: Part) -> String {
    if p.abs {
        format!("${}", p.at + 1)
    } else {
        (p.at + 1).to_string()
    }
}

fn render(toks: &[Tok]) -> String {
    let mut s = String::new();
    for t in toks {
        match t {
            Tok::Lit(l) => s.push_str(l),
            Tok::Sheet { names, .. } => {
                let joined = names.join(":");
                if names.iter().all(|n| !needs_quotes(n)) {
                    s.push_str(&joined);
                } else {
                    s.push('\'');
                    s.push_str(&joined.replace('\'', "''"));
                    s.push('\'');
                }
                s.push('!');
            }
            Tok::Cell(c, r) => {
                s.push_str(&col_text(*c));
                s.push_str(&row_text(*r));
            }
            Tok::Cols(a, b) => {
                s.push_str(&col_text(*a));
                s.push(':');
                s.push_str(&col_text(*b));
            }
            Tok::Rows(a, b) => {
                s.push_str(&row_text(*a));
                s.push(':');
                s.push_str(&row_text(*b));
            }
        }
    }
    s
}

/// Whether a sheet name must be quoted in a formula (`'My data'!A1`). Quoting is always
/// allowed; names are left bare only when they are plain words that cannot be read as
/// a cell (`A1`), a row/column (`R1C1`, `R`, `C`) or a boolean.
pub fn needs_quotes(name: &str) -> bool {
    let first = name.chars().next();
    let plain = first.is_some_and(|c| c.is_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if !plain {
        return true;
    }
    let up = name.to_ascii_uppercase();
    let r1c1 = {
        let rest = up.trim_start_matches('R');
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        let rest = rest.strip_prefix('C').unwrap_or(rest);
        rest.bytes().all(|b| b.is_ascii_digit()) && (up.starts_with('R') || up.starts_with('C'))
    };
    cell_parts(&up).is_some() || r1c1 || up == "TRUE" || up == "FALSE"
}

/// `name` as it is written before `!` in a formula.
pub fn qualifier(name: &str) -> String {
    if needs_quotes(name) {
        format!("'{}'", name.replace('\'', "''"))
    } else {
        name.to_owned()
    }
}

/// The formula with references in canonical spelling: upper-case columns, sheet names
/// quoted only where needed.
pub fn normalise(formula: &str) -> String {
    render(&tokenize(formula))
}

/// The formula with its relative references moved by `rows` and `cols` (as when a
/// formula is copied from one cell to another). A reference pushed off the sheet
/// becomes `#REF!`.
pub fn shift(formula: &str, rows: i64, cols: i64) -> String {
    if rows == 0 && cols == 0 {
        return formula.to_owned();
    }
    let max_row = i64::from(MAX_ROWS) - 1;
    let max_col = i64::from(MAX_COLS) - 1;
    let mv = |p: Part, d: i64, max: i64| -> Option<Part> {
        if p.abs {
            return Some(p);
        }
        let at = p.at + d;
        (0..=max).contains(&at).then_some(Part { abs: false, at })
    };
    let toks: Vec<Tok> = tokenize(formula)
        .into_iter()
        .map(|t| {
            let moved = match t {
                Tok::Cell(c, r) => mv(c, cols, max_col)
                    .zip(mv(r, rows, max_row))
                    .map(|(c, r)| Tok::Cell(c, r)),
                Tok::Cols(a, b) => mv(a, cols, max_col)
                    .zip(mv(b, cols, max_col))
                    .map(|(a, b)| Tok::Cols(a, b)),
                Tok::Rows(a, b) => mv(a, rows, max_row)
                    .zip(mv(b, rows, max_row))
                    .map(|(a, b)| Tok::Rows(a, b)),
                other => Some(other),
            };
            moved.unwrap_or_else(|| Tok::Lit("#REF!".into()))
        })
        .collect();
    render(&toks)
}

/// The formula with sheet `old` (compared without case) called `new`; `None` when it
/// does not mention `old`.
pub fn rename_sheet(formula: &str, old: &str, new: &str) -> Option<String> {
    let mut toks = tokenize(formula);
    let mut changed = false;
    for t in &mut toks {
        if let Tok::Sheet {
            names,
            external: false,
        } = t
        {
            for n in names.iter_mut() {
                if n.to_lowercase() == old.to_lowercase() {
                    new.clone_into(n);
                    changed = true;
                }
            }
        }
    }
    changed.then(|| render(&toks))
}

/// The formula with every reference to sheet `name` replaced by `#REF!`, as Excel does
/// when a sheet is deleted; `None` when it does not mention the sheet.
pub fn drop_sheet(formula: &str, name: &str) -> Option<String> {
    let toks = tokenize(formula);
    let mut out = Vec::with_capacity(toks.len());
    let mut changed = false;
    let mut it = toks.into_iter().peekable();
    while let Some(t) = it.next() {
        let hit = matches!(&t, Tok::Sheet { names, external: false }
            if names.iter().any(|n| n.to_lowercase() == name.to_lowercase()));
        if !hit {
            out.push(t);
            continue;
        }
        changed = true;
        out.push(Tok::Lit("#REF!".into()));
        // The reference after the qualifier goes too (`A1`, `A1:B2`, `A:C`).
        match it.peek() {
            Some(Tok::Cell(..)) => {
                it.next();
                if let Some(Tok::Lit(l)) = it.peek()
                    && l.starts_with(':')
                {
                    let l = l.clone();
                    it.next();
                    let rest = l[1..].to_owned();
                    if rest.is_empty() && matches!(it.peek(), Some(Tok::Cell(..))) {
                        it.next();
                    } else {
                        out.push(Tok::Lit(l));
                    }
                }
            }
            Some(Tok::Cols(..) | Tok::Rows(..)) => {
                it.next();
            }
            Some(Tok::Lit(l)) => {
                // A name or `#REF!` after the qualifier: drop the word.
                let l = l.clone();
                it.next();
                let cut = l
                    .find(|c: char| !(ident_char(c) || c == '#' || c == '!'))
                    .unwrap_or(l.len());
                if cut < l.len() {
                    out.push(Tok::Lit(l[cut..].to_owned()));
                }
            }
            _ => {}
        }
    }
    changed.then(|| render(&out))
}

/// Whether the formula mentions sheet `name` (compared without case).
pub fn mentions_sheet(formula: &str, name: &str) -> bool {
    tokenize(formula).iter().any(|t| {
        matches!(t, Tok::Sheet { names, external: false }
            if names.iter().any(|n| n.to_lowercase() == name.to_lowercase()))
    })
}

#[cfg(test)]
mod tests;
