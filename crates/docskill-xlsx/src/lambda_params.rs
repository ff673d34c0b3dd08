//! LET and LAMBDA parameter names are stored with a `_xlpm.` prefix
//! (`LET(_xlpm.x, 2, _xlpm.x*3)`); without it Excel shows `#NAME?`.
//! [`add_param_prefixes`] adds it to every parameter and to every use of one inside its
//! call. String literals, quoted sheet names and bracketed table references are not
//! touched; names already prefixed stay as they are.

const PREFIX: &str = "_xlpm.";

#[derive(Debug, PartialEq)]
enum Tok {
    /// A string literal or quoted sheet name, with its quotes.
    Quoted(String),
    /// `[...]` of a structured reference, nested brackets included.
    Bracketed(String),
    /// A name, function name or cell reference.
    Word(String),
    Punct(char),
}

fn tokens(formula: &str) -> Vec<Tok> {
    let chars: Vec<char> = formula.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' || c == '\'' {
            let start = i;
            i += 1;
            while i < chars.len() {
                if chars[i] == c {
                    if chars.get(i + 1) == Some(&c) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            i = (i + 1).min(chars.len());
            out.push(Tok::Quoted(chars[start..i].iter().collect()));
        } else if c == '[' {
            let start = i;
            let mut depth = 0usize;
            while i < chars.len() {
                match chars[i] {
                    '[' => depth += 1,
                    ']' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            i = (i + 1).min(chars.len());
            out.push(Tok::Bracketed(chars[start..i].iter().collect()));
        } else if c.is_alphanumeric() || c == '_' || c == '\\' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.' | '\\'))
            {
                i += 1;
            }
            out.push(Tok::Word(chars[start..i].iter().collect()));
        } else {
            out.push(Tok::Punct(c));
            i += 1;
        }
    }
    out
}

fn has_prefix(word: &str) -> bool {
    word.get(..PREFIX.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(PREFIX))
}

/// A name without its prefix, upper-cased (names compare case-insensitively).
fn bare(word: &str) -> String {
    let rest = if has_prefix(word) {
        &word[PREFIX.len()..]
    } else {
        word
    };
    rest.to_uppercase()
}

/// The argument spans `(start, end)` of the call whose `(` is at `open`, and its `)`.
fn arguments(toks: &[Tok], open: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    let mut depth = 0usize;
    let mut args = Vec::new();
    let mut start = open + 1;
    for (j, t) in toks.iter().enumerate().skip(open) {
        match t {
            Tok::Punct('(' | '{') => depth += 1,
            Tok::Punct(')' | '}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    args.push((start, j));
                    return Some((args, j));
                }
            }
            Tok::Punct(',') if depth == 1 => {
                args.push((start, j));
                start = j + 1;
            }
            _ => {}
        }
    }
    None
}

/// The parameter named by an argument: a single word, spaces aside.
fn param_name(toks: &[Tok]) -> Option<String> {
    let mut words = toks.iter().filter(|t| !matches!(t, Tok::Punct(' ')));
    match (words.next(), words.next()) {
        (Some(Tok::Word(w)), None) => Some(bare(w)),
        _ => None,
    }
}

/// [`add_param_prefixes`] on an owned formula, which comes back as it is (no copy) when it
/// has neither LET nor LAMBDA.
#[must_use]
pub fn add_param_prefixes_owned(formula: String) -> String {
    if mentions_let_or_lambda(&formula) {
        add_param_prefixes(&formula)
    } else {
        formula
    }
}

fn mentions_let_or_lambda(formula: &str) -> bool {
    let has = |w: &[u8]| {
        formula
            .as_bytes()
            .windows(w.len())
            .any(|x| x.eq_ignore_ascii_case(w))
    };
    has(b"LET") || has(b"LAMBDA")
}

/// `formula` with `_xlpm.` before every LET and LAMBDA parameter name and its uses.
#[must_use]
pub fn add_param_prefixes(formula: &str) -> String {
    // Most formulas have neither: checked without allocating (this runs per cell).
    if !mentions_let_or_lambda(formula) {
        return formula.to_owned();
    }
    let toks = tokens(formula);
    let mut prefix = vec![false; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        let Tok::Word(w) = t else { continue };
        let name = w.to_ascii_uppercase();
        let name = name.strip_prefix("_XLFN.").unwrap_or(&name);
        let lambda = name == "LAMBDA";
        if !(lambda || name == "LET") || toks.get(i + 1) != Some(&Tok::Punct('(')) {
            continue;
        }
        let Some((args, close)) = arguments(&toks, i + 1) else {
            continue;
        };
        let n = args.len();
        let names: Vec<String> = args
            .iter()
            .enumerate()
            .filter(|(k, _)| k + 1 < n && (lambda || k % 2 == 0))
            .filter_map(|(_, &(a, b))| param_name(&toks[a..b]))
            .collect();
        for j in i + 2..close {
            let Tok::Word(w) = &toks[j] else { continue };
            let qualified = matches!(toks.get(j.wrapping_sub(1)), Some(Tok::Punct('!')))
                || toks.get(j + 1) == Some(&Tok::Punct('!'));
            if !qualified && !has_prefix(w) && names.contains(&bare(w)) {
                prefix[j] = true;
            }
        }
    }
    let mut out = String::with_capacity(formula.len() + 16);
    for (t, p) in toks.iter().zip(prefix) {
        match t {
            Tok::Quoted(s) | Tok::Bracketed(s) => out.push_str(s),
            Tok::Word(w) => {
                if p {
                    out.push_str(PREFIX);
                }
                out.push_str(w);
            }
            Tok::Punct(c) => out.push(*c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::add_param_prefixes as p;

    #[test]
    fn let_names_and_their_uses() {
        assert_eq!(
            p("LET(x,2,y,x*3,x+y)"),
            "LET(_xlpm.x,2,_xlpm.y,_xlpm.x*3,_xlpm.x+_xlpm.y)"
        );
        assert_eq!(
            p("_xlfn.LET(rate, 0.1, A1*(1+Rate))"),
            "_xlfn.LET(_xlpm.rate, 0.1, A1*(1+_xlpm.Rate))"
        );
    }

    #[test]
    fn lambda_parameters_including_called_ones() {
        assert_eq!(
            p("LAMBDA(t,(5/9)*(t-32))(32)"),
            "LAMBDA(_xlpm.t,(5/9)*(_xlpm.t-32))(32)"
        );
        assert_eq!(
            p("LET(f,LAMBDA(n,n*2),f(3))"),
            "LET(_xlpm.f,LAMBDA(_xlpm.n,_xlpm.n*2),_xlpm.f(3))"
        );
    }

    #[test]
    fn literals_sheets_tables_and_other_names_are_left_alone() {
        assert_eq!(
            p(r#"LET(x,"x",x&'x'!A1&T[x]&x!B2&SUM(x))"#),
            r#"LET(_xlpm.x,"x",_xlpm.x&'x'!A1&T[x]&x!B2&SUM(_xlpm.x))"#
        );
        // Outside the call, x is a defined name.
        assert_eq!(p("x+LET(x,1,x)"), "x+LET(_xlpm.x,1,_xlpm.x)");
        // Already prefixed: unchanged; no LET or LAMBDA: unchanged.
        assert_eq!(p("LET(_xlpm.x,1,_xlpm.x)"), "LET(_xlpm.x,1,_xlpm.x)");
        assert_eq!(p("SUM(A1:A3)"), "SUM(A1:A3)");
        // Unbalanced text is passed through.
        assert_eq!(p("LET(x,1"), "LET(x,1");
    }
}
