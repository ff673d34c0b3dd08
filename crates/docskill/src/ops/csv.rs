//! A small RFC 4180 reader: comma-separated, `"` quoting with `""` for a
//! quote, line breaks inside quotes, CRLF or LF, a UTF-8 byte-order mark
//! skipped.

/// A record and the 1-based line it starts on.
pub(crate) type Record = (usize, Vec<String>);

/// Why a CSV text cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CsvError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Splits `text` into records; blank lines are skipped.
///
/// # Errors
/// An unterminated quote, or text right after a closing quote.
pub(crate) fn parse(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut start = 1;
    let mut in_quotes = false;
    let mut quoted = false; // the current field was quoted
    let mut after_quote = false; // just closed a quoted field
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    after_quote = true;
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            ',' => {
                record.push(std::mem::take(&mut field));
                quoted = false;
                after_quote = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if !(record.is_empty() && field.is_empty() && !quoted) {
                    record.push(std::mem::take(&mut field));
                    records.push((start, std::mem::take(&mut record)));
                }
                quoted = false;
                after_quote = false;
                line += 1;
                start = line;
            }
            '"' if field.is_empty() && !quoted => {
                in_quotes = true;
                quoted = true;
            }
            _ if after_quote => {
                return Err(CsvError {
                    line,
                    message: format!("unexpected {c:?} after a closing quote"),
                });
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(CsvError {
            line: start,
            message: "a quoted field is never closed".into(),
        });
    }
    if !(record.is_empty() && field.is_empty() && !quoted) {
        record.push(field);
        records.push((start, record));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn rows(text: &str) -> Vec<Vec<String>> {
        parse(text).unwrap().into_iter().map(|(_, r)| r).collect()
    }

    #[test]
    fn plain_quoted_and_multiline() {
        let t = "\u{feff}a,b,c\r\n1,\"x, \"\"y\"\"\",\n\n2,\"two\nlines\",z";
        assert_eq!(
            rows(t),
            vec![
                vec!["a", "b", "c"],
                vec!["1", "x, \"y\"", ""],
                vec!["2", "two\nlines", "z"],
            ]
        );
        let lines: Vec<usize> = parse(t).unwrap().iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![1, 2, 4]);
    }

    #[test]
    fn empty_quoted_field_is_a_record() {
        assert_eq!(rows("\"\"\n"), vec![vec![""]]);
        assert_eq!(rows("a\n"), vec![vec!["a"]]);
    }

    #[test]
    fn errors() {
        let e = parse("a,b\n\"open,1\n").unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (2, "a quoted field is never closed")
        );
        let e = parse("\"a\"b,c").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
