//! A light check of formula text before it is written: balanced parentheses,
//! brackets and braces, closed string literals and quoted sheet names. Function
//! names are upper-cased so that newer functions get their `_xlfn.` prefix.

/// Check `formula` (with or without a leading `=`) and return it ready for the writer:
/// without the `=`, function names upper-cased outside literals.
///
/// # Errors
/// A description of the first problem found, with its 1-based character position.
#[expect(clippy::too_many_lines, reason = "one scanner loop")]
pub fn prepare(formula: &str) -> Result<String, String> {
    let f = formula.trim();
    let f = f.strip_prefix('=').unwrap_or(f);
    if f.trim().is_empty() {
        return Err("the formula is empty".into());
    }
    let chars: Vec<char> = f.chars().collect();
    let mut out = String::with_capacity(f.len());
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' | '\'' => {
                // String literal or quoted sheet name; a doubled quote escapes itself.
                let start = i;
                out.push(c);
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            let what = if c == '"' {
                                "string"
                            } else {
                                "quoted sheet name"
                            };
                            return Err(format!(
                                "unclosed {what} starting at character {}",
                                start + 1
                            ));
                        }
                        Some(&q) if q == c => {
                            out.push(q);
                            if chars.get(i + 1) == Some(&c) {
                                out.push(c);
                                i += 2;
                            } else {
                                i += 1;
                                break;
                            }
                        }
                        Some(&other) => {
                            out.push(other);
                            i += 1;
                        }
                    }
                }
                continue;
            }
            '(' | '[' | '{' => stack.push((c, i)),
            ')' | ']' | '}' => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match stack.pop() {
                    Some((open, _)) if open == want => {}
                    Some((open, at)) => {
                        return Err(format!(
                            "'{c}' at character {} does not close '{open}' at character {}",
                            i + 1,
                            at + 1
                        ));
                    }
                    None => {
                        return Err(format!(
                            "'{c}' at character {} has no opening '{want}'",
                            i + 1
                        ));
                    }
                }
            }
            _ => {}
        }
        if c.is_ascii_alphabetic() || c == '_' {
            // An identifier: upper-case it when a '(' follows (a function call).
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '_' | '.'))
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if chars.get(i) == Some(&'(') && !stack.iter().any(|(o, _)| *o == '[') {
                let up = word.to_ascii_uppercase();
                match up.get(..6) {
                    Some(p @ ("_XLFN." | "_XLWS.")) => {
                        out.push_str(&p.to_ascii_lowercase());
                        out.push_str(&up[6..]);
                    }
                    _ => out.push_str(&up),
                }
            } else {
                out.push_str(&word);
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    if let Some((open, at)) = stack.pop() {
        return Err(format!("'{open}' at character {} is never closed", at + 1));
    }
    Ok(out)
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
    }
}
