//! A light check of formula text before it is written: balanced parentheses,
//! brackets and braces, closed string literals and quoted sheet names. Function
//! names are upper-cased so that newer functions get their `_xlfn.` prefix.

/// Check `formula` (with or without a leading `=`) and return it ready for the writer:
/// without the `=`, function names upper-cased outside literals.
///
/// Works on bytes: every character that matters is ASCII, and the text between them is
/// copied in runs (this runs once per formula cell of a build).
///
/// # Errors
/// A description of the first problem found, with its 1-based character position.
pub fn prepare(formula: &str) -> Result<String, String> {
    let f = formula.trim();
    let f = f.strip_prefix('=').unwrap_or(f);
    if f.trim().is_empty() {
        return Err("the formula is empty".into());
    }
    // Character position (from 1) of byte `i`, for messages.
    let pos = |i: usize| f[..i].chars().count() + 1;
    let bytes = f.as_bytes();
    let mut out = String::with_capacity(f.len());
    let mut copied = 0;
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'"' | b'\'' => {
                // String literal or quoted sheet name; a doubled quote escapes itself.
                let start = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => {
                            let what = if c == b'"' {
                                "string"
                            } else {
                                "quoted sheet name"
                            };
                            return Err(format!(
                                "unclosed {what} starting at character {}",
                                pos(start)
                            ));
                        }
                        Some(&q) if q == c => {
                            i += 1;
                            if bytes.get(i) != Some(&c) {
                                break;
                            }
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
                continue;
            }
            b'(' | b'[' | b'{' => stack.push((c, i)),
            b')' | b']' | b'}' => {
                let want = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                match stack.pop() {
                    Some((open, _)) if open == want => {}
                    Some((open, at)) => {
                        return Err(format!(
                            "'{}' at character {} does not close '{}' at character {}",
                            char::from(c),
                            pos(i),
                            char::from(open),
                            pos(at)
                        ));
                    }
                    None => {
                        return Err(format!(
                            "'{}' at character {} has no opening '{}'",
                            char::from(c),
                            pos(i),
                            char::from(want)
                        ));
                    }
                }
            }
            _ => {}
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            // An identifier: upper-case it when a '(' follows (a function call).
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'.'))
            {
                i += 1;
            }
            let call = bytes.get(i) == Some(&b'(') && !stack.iter().any(|(o, _)| *o == b'[');
            if let Some(name) = call.then(|| function_name(&f[start..i])).flatten() {
                out.push_str(&f[copied..start]);
                out.push_str(&name);
                copied = i;
            }
            continue;
        }
        i += 1;
    }
    if let Some((open, at)) = stack.pop() {
        return Err(format!(
            "'{}' at character {} is never closed",
            char::from(open),
            pos(at)
        ));
    }
    out.push_str(&f[copied..]);
    Ok(out)
}

/// The name of a called function as the writer wants it (upper case, with a lower-case
/// `_xlfn.` or `_xlws.` prefix), or `None` when `word` is already so.
fn function_name(word: &str) -> Option<String> {
    let prefixed = word.len() >= 6
        && (word[..6].eq_ignore_ascii_case("_xlfn.") || word[..6].eq_ignore_ascii_case("_xlws."));
    let (prefix, rest) = word.split_at(if prefixed { 6 } else { 0 });
    if !prefix.bytes().any(|x| x.is_ascii_uppercase())
        && !rest.bytes().any(|x| x.is_ascii_lowercase())
    {
        return None;
    }
    Some(prefix.to_ascii_lowercase() + &rest.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::prepare;

    #[test]
    fn good_formulas_pass_and_functions_are_upper_cased() {
        assert_eq!(prepare("=A2*B2").unwrap(), "A2*B2");
        assert_eq!(prepare("=sum(A1:A3)").unwrap(), "SUM(A1:A3)");
        assert_eq!(
            prepare("=xlookup(\"a(\",'My (x)'!A:A,B:B)").unwrap(),
            "XLOOKUP(\"a(\",'My (x)'!A:A,B:B)"
        );
        assert_eq!(
            prepare("=\"say \"\"hi\"\"\"").unwrap(),
            "\"say \"\"hi\"\"\""
        );
        assert_eq!(prepare("=SUM(Table1[Qty])").unwrap(), "SUM(Table1[Qty])");
        assert_eq!(prepare("={1,2;3,4}").unwrap(), "{1,2;3,4}");
        assert_eq!(prepare("=_xlfn.let(x,1,x)").unwrap(), "_xlfn.LET(x,1,x)");
        assert_eq!(prepare("=_XLFN.LET(x,1,x)").unwrap(), "_xlfn.LET(x,1,x)");
        assert_eq!(prepare("=_xlws.sort(A1:A3)").unwrap(), "_xlws.SORT(A1:A3)");
        assert_eq!(
            prepare("=Résumé!A1&lower(\"É\")").unwrap(),
            "Résumé!A1&LOWER(\"É\")"
        );
        assert_eq!(prepare("=Table1[Qty(x)]").unwrap(), "Table1[Qty(x)]");
        assert_eq!(prepare(" =a1 + b1 ").unwrap(), "a1 + b1");
    }

    #[test]
    fn broken_formulas_are_named() {
        let e = |f: &str| prepare(f).unwrap_err();
        assert_eq!(e("=SUM(A1:A3"), "'(' at character 4 is never closed");
        assert_eq!(e("=SUM(A1))"), "')' at character 8 has no opening '('");
        assert_eq!(e("=\"abc"), "unclosed string starting at character 1");
        assert_eq!(
            e("='My sheet!A1"),
            "unclosed quoted sheet name starting at character 1"
        );
        assert_eq!(
            e("=SUM(A1]"),
            "']' at character 7 does not close '(' at character 4"
        );
        assert_eq!(e("="), "the formula is empty");
        // Positions count characters, not bytes.
        assert_eq!(e("=\"é\"&SUM(1"), "'(' at character 8 is never closed");
    }
}
