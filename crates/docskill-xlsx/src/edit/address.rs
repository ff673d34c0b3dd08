//! Sheet-qualified addresses in edit operations: `B2`, `Data!B2:C3`, `'My data'!A:A`.

/// Split `Data!B2` into `(Some("Data"), "B2")`; quoted names are unquoted.
pub(crate) fn split_sheet(s: &str) -> (Option<String>, &str) {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix('\'') {
        let mut name = String::new();
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().map(|(_, n)| *n) == Some('\'') {
                    name.push('\'');
                    chars.next();
                    continue;
                }
                return match rest[i + 1..].strip_prefix('!') {
                    Some(tail) => (Some(name), tail),
                    None => (None, s),
                };
            }
            name.push(c);
        }
        return (None, s);
    }
    match s.rsplit_once('!') {
        Some((sheet, tail)) => (Some(sheet.to_owned()), tail),
        None => (None, s),
    }
}

#[cfg(test)]
mod tests {
    use super::split_sheet;

    #[test]
    fn addresses_split() {
        assert_eq!(split_sheet("B2"), (None, "B2"));
        assert_eq!(split_sheet("Data!B2:C3"), (Some("Data".into()), "B2:C3"));
        assert_eq!(
            split_sheet("'My data'!A:A"),
            (Some("My data".into()), "A:A")
        );
        assert_eq!(split_sheet("'O''Brien'!A1"), (Some("O'Brien".into()), "A1"));
    }
}
