//! A byte scanner for the cells of `<sheetData>`: rows and the common cell
//! forms (`<c>` with `<f>`, `<v>` and `<is><t>` children, entity and
//! character references, namespace prefixes) are read straight from the
//! bytes, without an XML reader's events and attribute iterators.
//!
//! Whatever it does not read itself (comments, CDATA, rich or phonetic
//! inline strings, `extLst`, carriage returns, unusual attributes, anything
//! malformed) goes, one row-level item or one cell at a time, to the same
//! per-event state the XML reader feeds ([`Scan::event`]), through an XML
//! reader over just that item. So both paths give the same cells, and
//! malformed XML gives the reader's error.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::scan::{CellType, FormulaKind, RawCell, Scan, char_ref, decode_escapes, parse_a1};
use crate::error::{Error, Result};

#[cfg(test)]
mod tests;

/// Deepest a cell's content goes below `<sheetData>` (row, c, is, t).
const CELL_DEPTH: usize = 4;

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// One start tag: its qualified name, attributes, where it ends.
struct Tag<'x> {
    name: &'x [u8],
    /// Byte range between the name and `>` or `/>`.
    attrs: (usize, usize),
    empty: bool,
    /// Index just past `>`.
    end: usize,
}

/// The start tag at `i` (`xml[i] == b'<'`), when it has a plain form.
fn start_tag(xml: &[u8], i: usize) -> Option<Tag<'_>> {
    let mut j = i + 1;
    let n0 = j;
    while j < xml.len() && !is_space(xml[j]) && !matches!(xml[j], b'>' | b'/' | b'<') {
        j += 1;
    }
    if j == n0 {
        return None;
    }
    let name = &xml[n0..j];
    if !name[0].is_ascii_alphabetic() && name[0] != b'_' {
        return None;
    }
    let a0 = j;
    loop {
        // Outside quotes: the next quote, `>` or `<`.
        j += memchr::memchr3(b'"', b'\'', b'>', xml.get(j..)?)?;
        match xml[j] {
            b'>' => {
                if xml[a0..j].contains(&b'<') {
                    return None;
                }
                let empty = xml[j - 1] == b'/' && j > a0;
                let attrs = (a0, if empty { j - 1 } else { j });
                return Some(Tag {
                    name,
                    attrs,
                    empty,
                    end: j + 1,
                });
            }
            q => {
                // Inside quotes: the closing quote (a `<` there is malformed).
                let close = j + 1 + memchr::memchr2(q, b'<', xml.get(j + 1..)?)?;
                if xml[close] == b'<' {
                    return None;
                }
                j = close + 1;
            }
        }
    }
}

/// Calls `f` with every `name="value"` of a tag whose attributes span
/// `range` of `doc` (raw values); `None` when they are not all of that form.
fn attributes<'x>(
    doc: &'x str,
    range: (usize, usize),
    mut f: impl FnMut(&'x [u8], &'x str),
) -> Option<()> {
    let xml = doc.as_bytes();
    let (mut i, end) = range;
    loop {
        while i < end && is_space(xml[i]) {
            i += 1;
        }
        if i >= end {
            return Some(());
        }
        let eq = i + xml[i..end].iter().position(|&c| c == b'=')?;
        let name = &xml[i..eq];
        if name.is_empty() || name.iter().any(|&c| is_space(c) || c == b'"' || c == b'\'') {
            return None;
        }
        let q = *xml[..end].get(eq + 1)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let close = eq + 2 + xml[eq + 2..end].iter().position(|&c| c == q)?;
        f(name, doc.get(eq + 2..close)?);
        i = close + 1;
        if i < end && !is_space(xml[i]) {
            return None;
        }
    }
}

/// Text from `i` to the next `<`, references decoded, appended to `out`;
/// the index of that `<`. `None` for text the XML reader must see (a carriage
/// return, an unknown entity).
fn text_into(doc: &str, i: usize, out: &mut String) -> Option<usize> {
    let end = i + memchr::memchr(b'<', &doc.as_bytes()[i..])?;
    let raw = doc.get(i..end)?;
    if memchr::memchr2(b'\r', b'&', raw.as_bytes()).is_none() {
        out.push_str(raw);
        return Some(end);
    }
    if raw.contains('\r') {
        return None;
    }
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp + 1..];
        let semi = tail.find(';')?;
        out.push(char_ref(&tail[..semi])?);
        rest = &tail[semi + 1..];
    }
    out.push_str(rest);
    Some(end)
}

/// `</name>` at `i`: the index past it.
fn end_tag(xml: &[u8], i: usize, name: &[u8]) -> Option<usize> {
    let rest = xml.get(i..)?.strip_prefix(b"</")?.strip_prefix(name)?;
    let spaces = rest.iter().take_while(|&&c| is_space(c)).count();
    (rest.get(spaces) == Some(&b'>')).then_some(i + 2 + name.len() + spaces + 1)
}

/// Reads the `<sheetData>` content of `doc` (the part, checked to be UTF-8
/// once, so text and values are sliced without checking again) that starts at `from` (just past its
/// start tag, named `name`, or at a row's start tag). Returns the index past
/// `</sheetData>`, or the index of the first item at or after `until` that
/// starts between rows; `None` (having read nothing) when the part is nested
/// too deeply for the fast path.
///
/// # Errors
/// [`Error::Read`] for malformed XML, as the XML reader reports it.
pub(super) fn sheet_data<F: FnMut(&RawCell) -> Result<()>>(
    st: &mut Scan<'_, F>,
    doc: &str,
    from: usize,
    name: &[u8],
    until: usize,
) -> Result<Option<usize>> {
    if st.depth + CELL_DEPTH > st.max_depth {
        return Ok(None);
    }
    let xml = doc.as_bytes();
    let mut i = from;
    // The open `<row>`'s name.
    let mut row: Option<&[u8]> = None;
    loop {
        let Some(lt) = memchr::memchr(b'<', &xml[i..]) else {
            // The document ends inside `<sheetData>` (the XML reader does not
            // call that an error either).
            return Ok(Some(xml.len()));
        };
        i += lt;
        if row.is_none() && i >= until {
            return Ok(Some(i));
        }
        if xml.get(i + 1) == Some(&b'/') {
            let open = row.unwrap_or(name);
            let Some(end) = end_tag(xml, i, open) else {
                return Err(mismatch(st.part, xml, i, open));
            };
            st.depth = st.depth.saturating_sub(1);
            if row.take().is_none() {
                return Ok(Some(end));
            }
            i = end;
            continue;
        }
        let Some(tag) = start_tag(xml, i) else {
            i = fallback(st, xml, i)?;
            continue;
        };
        match (local(tag.name), row) {
            (b"row", None) => {
                let (mut r_attr, mut hidden) = (None, false);
                let plain = attributes(doc, tag.attrs, |k, v| match k {
                    b"r" => r_attr = v.trim().parse::<u32>().ok(),
                    b"hidden" => hidden = matches!(v, "1" | "true"),
                    _ => {}
                });
                if plain.is_none() {
                    i = fallback(st, xml, i)?;
                    continue;
                }
                st.start_row(r_attr, hidden);
                if !tag.empty {
                    st.depth += 1;
                    row = Some(tag.name);
                }
                i = tag.end;
            }
            (b"c", Some(_)) => {
                let next_col = st.next_col;
                if let Some(end) = cell(st, doc, i, &tag) {
                    st.end_cell(end)?;
                    i = end;
                } else {
                    st.next_col = next_col;
                    i = fallback(st, xml, i)?;
                }
            }
            _ => i = fallback(st, xml, i)?,
        }
    }
}

fn mismatch(part: &str, xml: &[u8], i: usize, open: &[u8]) -> Error {
    let found = xml[i + 2..]
        .iter()
        .take_while(|&&c| c != b'>' && !is_space(c))
        .count();
    let found = String::from_utf8_lossy(&xml[i + 2..i + 2 + found]);
    Error::Read(format!(
        "{part}: ill-formed document: expected `</{}>`, but `</{found}>` was found (at byte {i})",
        String::from_utf8_lossy(open)
    ))
}

/// Reads the cell whose start tag `tag` is at `at` into `st.cell`; the index
/// past it, or `None` when the XML reader must read it.
fn cell<F>(st: &mut Scan<'_, F>, doc: &str, at: usize, tag: &Tag<'_>) -> Option<usize>
where
    F: FnMut(&RawCell) -> Result<()>,
{
    let xml = doc.as_bytes();
    let (mut pos_rc, mut t) = (None, CellType::Number);
    attributes(doc, tag.attrs, |k, v| match k {
        b"r" => pos_rc = parse_a1(v),
        b"t" => t = CellType::parse(v),
        _ => {}
    })?;
    st.start_cell(pos_rc, t, at);
    if tag.empty {
        return Some(tag.end);
    }
    let c = &mut st.cell;
    let mut i = tag.end;
    loop {
        i += memchr::memchr(b'<', xml.get(i..)?)?;
        if xml.get(i + 1) == Some(&b'/') {
            return end_tag(xml, i, tag.name);
        }
        let child = start_tag(xml, i)?;
        match local(child.name) {
            b"v" => {
                attributes(doc, child.attrs, |_, _| {})?;
                c.v.clear();
                c.has_v = true;
                i = child.end;
                if !child.empty {
                    i = text_into(doc, i, &mut c.v)?;
                    i = end_tag(xml, i, child.name)?;
                }
            }
            b"f" => {
                let mut kind = FormulaKind::Normal;
                let mut odd = false;
                attributes(doc, child.attrs, |k, v| match k {
                    b"t" => kind = FormulaKind::parse(v),
                    b"ref" if v.contains(['&', '\t', '\n', '\r']) => odd = true,
                    b"ref" => c.f.range = Some(v.to_owned()),
                    b"si" => c.f.si = v.trim().parse().ok(),
                    _ => {}
                })?;
                if odd {
                    return None;
                }
                c.f.kind = kind;
                c.f.text.clear();
                c.has_f = true;
                i = child.end;
                if !child.empty {
                    i = text_into(doc, i, &mut c.f.text)?;
                    i = end_tag(xml, i, child.name)?;
                }
            }
            b"is" => {
                attributes(doc, child.attrs, |_, _| {})?;
                c.inline.clear();
                c.has_inline = true;
                i = child.end;
                if !child.empty {
                    i = inline(doc, i, child.name, &mut c.inline)?;
                }
            }
            _ => return None,
        }
    }
}

/// The `<t>` runs of an `<is>` (whose content starts at `i`), escapes
/// decoded, into `out`; the index past `</is>`.
fn inline(doc: &str, mut i: usize, name: &[u8], out: &mut String) -> Option<usize> {
    let xml = doc.as_bytes();
    let mut text = String::new();
    loop {
        i += memchr::memchr(b'<', xml.get(i..)?)?;
        if xml.get(i + 1) == Some(&b'/') {
            return end_tag(xml, i, name);
        }
        let t = start_tag(xml, i)?;
        if local(t.name) != b"t" {
            return None;
        }
        attributes(doc, t.attrs, |_, _| {})?;
        i = t.end;
        if !t.empty {
            text.clear();
            i = text_into(doc, i, &mut text)?;
            out.push_str(&decode_escapes(&text));
            i = end_tag(xml, i, t.name)?;
        }
    }
}

/// Feeds the item that starts at `at` (an element with its content, or one
/// comment, processing instruction or text run) to the per-event state
/// through an XML reader; the index past it.
fn fallback<F: FnMut(&RawCell) -> Result<()>>(
    st: &mut Scan<'_, F>,
    xml: &[u8],
    at: usize,
) -> Result<usize> {
    let part = st.part;
    let mut r = Reader::from_reader(&xml[at..]);
    r.config_mut().trim_text(false);
    r.config_mut().check_end_names = true;
    let base = st.depth;
    loop {
        let pos = r.buffer_position();
        let ev = r
            .read_event()
            .map_err(|e| Error::Read(format!("{part}: {e} (at byte {})", pos + at as u64)))?;
        let start = at + usize::try_from(pos).unwrap_or(usize::MAX);
        let end = at + usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        match &ev {
            Event::Eof => return Ok(end),
            Event::End(_) if st.depth == base => {
                // An end tag of an element opened before this item: leave it
                // to the caller.
                return Ok(start);
            }
            _ => {}
        }
        st.event(&ev, start, end)?;
        if st.depth == base {
            return Ok(end);
        }
    }
}
