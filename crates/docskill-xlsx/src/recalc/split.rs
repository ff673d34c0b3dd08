//! Where a large worksheet's `<sheetData>` can be cut into runs of rows that
//! are read at the same time and put into the workbook in order.
//!
//! A part is cut only when its structure can be known without reading it:
//! no comment, CDATA, DOCTYPE or processing instruction (other than the XML
//! declaration), so every `<` starts a tag; exactly one unprefixed
//! `<sheetData>`; no array formula (whose range reaches cells of later rows);
//! and each cut at a `<row>` start tag that has its row number. Anything else
//! is read in one pass, as is a part whose pieces do not end where they were
//! cut (see [`super::load`]).

use memchr::memmem;

/// Bytes of `<sheetData>` per piece, at least.
pub(crate) const PIECE: usize = 1 << 20;

/// Most pieces per part.
const MAX_PIECES: usize = 64;

/// The pieces of one worksheet part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cuts {
    /// Start of each piece after the first: a `<row` start tag, with the
    /// row's 0-based number. The first piece starts at the document's start.
    pub at: Vec<(usize, u32)>,
    /// Depth of the elements open inside `<sheetData>` (it included).
    pub depth: usize,
    /// Names of the elements open around `<sheetData>`, outermost first.
    pub open: Vec<Vec<u8>>,
}

impl Cuts {
    /// Where piece `i` starts, where the next starts (`usize::MAX` after the
    /// last), and its first row (`None` for the first piece).
    pub fn piece(&self, i: usize) -> (usize, usize, Option<u32>) {
        let start = if i == 0 { 0 } else { self.at[i - 1].0 };
        let end = self.at.get(i).map_or(usize::MAX, |c| c.0);
        let row = (i > 0).then(|| self.at[i - 1].1);
        (start, end, row)
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// True when `xml[i..]` starts the tag `<name` (followed by a space, `>` or `/`).
fn tag_at(xml: &[u8], i: usize, name: &[u8]) -> bool {
    xml.get(i + 1..i + 1 + name.len()) == Some(name)
        && xml
            .get(i + 1 + name.len())
            .is_some_and(|&b| is_space(b) || b == b'>' || b == b'/')
}

/// The index of the `>` that ends the tag starting at `i` (quoted attribute
/// values may hold `>`), below `end`.
fn tag_end(xml: &[u8], i: usize, end: usize) -> Option<usize> {
    let mut quote = None;
    for (j, &b) in xml.get(i..end)?.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i + j),
            _ => {}
        }
    }
    None
}

/// The elements open at byte `end` (which no tag spans), given that every
/// `<` starts a tag; `None` if a tag does not end.
fn open_elements(xml: &[u8], end: usize) -> Option<Vec<Vec<u8>>> {
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &xml[i..end]) {
        i += lt;
        let gt = tag_end(xml, i, end)?;
        let tag = &xml[i + 1..gt];
        if let Some(name) = tag.strip_prefix(b"/") {
            let name = name.trim_ascii_end();
            if open.pop().as_deref() != Some(name) {
                return None;
            }
        } else if tag.first() == Some(&b'?') {
            // The XML declaration (checked to be the only one).
        } else if tag.last() != Some(&b'/') {
            let n = tag.iter().position(|&b| is_space(b)).unwrap_or(tag.len());
            open.push(tag[..n].to_vec());
        }
        i = gt + 1;
    }
    Some(open)
}

/// The 0-based row number of the `<row` start tag at `i`, from its `r`.
fn row_number(xml: &[u8], i: usize) -> Option<u32> {
    let gt = tag_end(xml, i, xml.len())?;
    let tag = xml.get(i + 4..gt)?;
    let mut j = 0;
    while j + 2 < tag.len() {
        if is_space(tag[j]) && tag[j + 1] == b'r' {
            let rest = tag[j + 2..].trim_ascii_start();
            let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
            let quote = *rest.first()?;
            if quote != b'"' && quote != b'\'' {
                return None;
            }
            let digits = &rest[1..];
            let n = digits.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits.get(n) != Some(&quote) || n == 0 || n > 7 {
                return None;
            }
            let r: u32 = std::str::from_utf8(&digits[..n]).ok()?.parse().ok()?;
            return r.checked_sub(1);
        }
        j += 1;
    }
    None
}

/// Where to cut `xml` for `threads` threads, or `None` when it is read in one pass.
pub(crate) fn plan(xml: &[u8], threads: usize) -> Option<Cuts> {
    if threads < 2 || xml.len() < 2 * PIECE {
        return None;
    }
    // `!` and `?` are rare in a sheet: one pass finds every `<!` and `<?`.
    let markup = memchr::memchr2_iter(b'!', b'?', xml)
        .any(|i| i > 0 && xml[i - 1] == b'<' && (xml[i] == b'!' || i != 1));
    if markup || memmem::find(xml, b"array").is_some() {
        return None;
    }
    let mut starts =
        memmem::find_iter(xml, b"<sheetData").filter(|&i| tag_at(xml, i, b"sheetData"));
    let sd = starts.next()?;
    if starts.next().is_some() {
        return None;
    }
    let content = tag_end(xml, sd, xml.len())? + 1;
    if xml[content - 2] == b'/' {
        return None;
    }
    let close = memmem::rfind(xml, b"</sheetData")?;
    if close < content {
        return None;
    }
    let open = open_elements(xml, sd)?;
    let pieces = ((close - content) / PIECE).clamp(1, MAX_PIECES);
    let step = (close - content) / pieces;
    let mut at: Vec<(usize, u32)> = Vec::new();
    for k in 1..pieces {
        let mut i = (content + k * step).max(at.last().map_or(content, |c| c.0 + 1));
        // The next row start tag with a row number.
        let found = loop {
            let Some(off) = memmem::find(&xml[i..close], b"<row") else {
                break None;
            };
            i += off;
            if tag_at(xml, i, b"row")
                && let Some(r) = row_number(xml, i)
            {
                break Some((i, r));
            }
            i += 4;
        };
        match found {
            Some(c) => at.push(c),
            None => break,
        }
    }
    if at.is_empty() {
        return None;
    }
    Some(Cuts {
        at,
        depth: open.len() + 1,
        open,
    })
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::{PIECE, plan, row_number};

    fn sheet(rows: usize, extra: &str) -> Vec<u8> {
        let mut x = String::from(
            r#"<?xml version="1.0"?><worksheet xmlns="m"><dimension ref="A1"/><sheetData>"#,
        );
        for r in 1..=rows {
            let _ = write!(
                x,
                r#"<row r="{r}" spans="1:2"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><f>A{r}*2</f><v>0</v></c></row>"#
            );
        }
        x.push_str("</sheetData>");
        x.push_str(extra);
        x.push_str("</worksheet>");
        x.into_bytes()
    }

    #[test]
    fn cuts_fall_on_numbered_rows_in_order() {
        let xml = sheet(60_000, "<pageMargins left=\"1\"/>");
        assert!(xml.len() > 4 * PIECE);
        let cuts = plan(&xml, 2).expect("cut");
        assert!(cuts.at.len() >= 3);
        assert_eq!(cuts.depth, 2);
        assert_eq!(cuts.open, [b"worksheet".to_vec()]);
        let mut last = 0;
        for &(i, r) in &cuts.at {
            assert!(i > last);
            last = i;
            let want = format!("<row r=\"{}\"", r + 1);
            assert!(xml[i..].starts_with(want.as_bytes()));
        }
        let (start, end, row) = cuts.piece(0);
        assert_eq!((start, end, row), (0, cuts.at[0].0, None));
        let n = cuts.at.len();
        assert_eq!(
            cuts.piece(n),
            (cuts.at[n - 1].0, usize::MAX, Some(cuts.at[n - 1].1))
        );
    }

    #[test]
    fn what_cannot_be_known_without_reading_is_not_cut() {
        let base = sheet(60_000, "");
        assert!(plan(&base, 1).is_none(), "one thread");
        assert!(plan(&sheet(100, ""), 2).is_none(), "small");
        for extra in [
            "<!-- c -->",
            "<![CDATA[x]]>",
            "<?pi x?>",
            "<c><f t=\"array\" ref=\"A1:A2\">1</f></c>",
            "<sheetData/>",
        ] {
            assert!(plan(&sheet(60_000, extra), 2).is_none(), "{extra}");
        }
        let unnumbered = String::from_utf8(base)
            .unwrap()
            .replace("<row r=\"", "<row x=\"");
        assert!(plan(unnumbered.as_bytes(), 2).is_none());
    }

    #[test]
    fn row_numbers_are_read_strictly() {
        assert_eq!(row_number(b"<row r=\"12\">", 0), Some(11));
        assert_eq!(row_number(b"<row spans=\"1:2\" r = '3'>", 0), Some(2));
        assert_eq!(row_number(b"<row rr=\"3\">", 0), None);
        assert_eq!(row_number(b"<row r=\"0\">", 0), None);
        assert_eq!(row_number(b"<row r=\"3x\">", 0), None);
        assert_eq!(row_number(b"<row r=\"12345678\">", 0), None);
        assert_eq!(row_number(b"<row r=\"5\"", 0), None);
        assert_eq!(row_number(b"<row x=\">\" r=\"5\">", 0), Some(4));
    }
}
