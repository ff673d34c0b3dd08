//! Writes computed values into a worksheet's own XML: only the `<c>` elements
//! of formula cells change (their `t` attribute and `<v>`); every other byte
//! stays as it was.

use std::fmt::Write as _;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::edit::CachedValue;
use crate::error::{Error, Result};

/// Escapes text for `<v>` onto `out`: XML escapes, `\r` as a character
/// reference (so it survives line-end normalisation), other control
/// characters as `_xHHHH_`.
fn escape_into(s: &str, out: &mut String) {
    let e = docskill_opc::xml::escape_text(s);
    // Control characters are single bytes below the space in UTF-8.
    if !e.bytes().any(|b| b < b' ' && b != b'\t' && b != b'\n') {
        out.push_str(&e);
        return;
    }
    for c in e.chars() {
        match c {
            '\r' => out.push_str("&#13;"),
            c if c < ' ' && c != '\t' && c != '\n' => {
                let _ = write!(out, "_x{:04X}_", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// `t` attribute and `<v>` text for a value.
#[cfg(test)]
fn typed(v: &CachedValue) -> (Option<&'static str>, String) {
    let mut s = String::new();
    (typed_into(v, &mut s), s)
}

/// `t` attribute for a value; its `<v>` text into `text` (cleared first),
/// so patching a part reuses one buffer.
fn typed_into(v: &CachedValue, text: &mut String) -> Option<&'static str> {
    text.clear();
    match v {
        CachedValue::Number(x) if x.is_finite() => {
            // The shortest text that reads back as `x`.
            if *x == 0.0 {
                text.push('0');
            } else if x.fract() == 0.0 && x.abs() < 1e15 {
                // A whole number: the same digits, without the float formatter.
                #[expect(clippy::cast_possible_truncation, reason = "whole and below 1e15")]
                let _ = write!(text, "{}", *x as i64);
            } else {
                let _ = write!(text, "{x}");
                if text.len() > 20 {
                    text.clear();
                    let _ = write!(text, "{x:e}");
                }
            }
            None
        }
        CachedValue::Number(_) => {
            text.push_str("#NUM!");
            Some("e")
        }
        CachedValue::Text(s) => {
            escape_into(s, text);
            Some("str")
        }
        CachedValue::Bool(b) => {
            text.push(if *b { '1' } else { '0' });
            Some("b")
        }
        CachedValue::Error(e) => {
            escape_into(e, text);
            Some("e")
        }
    }
}

/// End of the tag that starts at `i` (the index of its `>`), quotes skipped.
fn tag_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut quote = None;
    while let Some(&c) = b.get(i) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => return Some(i),
            (None, b'<') => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The common cell written by every producer, `<c ATTRS><f ...>...</f>` then
/// an optional `<v>...</v>` or `<v/>`, then `</c>`, rewritten without an XML
/// reader. `None` (nothing written) for any other form, which the full
/// rewrite handles.
#[expect(
    clippy::many_single_char_names,
    reason = "t and v as the XML names them; i and n count bytes and attributes"
)]
fn rewrite_plain(xml: &[u8], t: Option<&str>, v: &str, out: &mut Vec<u8>) -> Option<()> {
    if !xml.starts_with(b"<c") || !matches!(xml.get(2), Some(b' ' | b'\t' | b'\r' | b'\n' | b'>')) {
        return None;
    }
    let head_end = tag_end(xml, 2)?;
    if xml[head_end - 1] == b'/' {
        return None;
    }
    // Attributes: `name="value"`, the `t` attribute left out.
    let mut attrs: [(usize, usize); 16] = [(0, 0); 16];
    let mut n = 0;
    let mut i = 2;
    loop {
        while i < head_end && xml[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == head_end {
            break;
        }
        let start = i;
        while i < head_end && !matches!(xml[i], b'=' | b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        let name = &xml[start..i];
        if xml.get(i) != Some(&b'=') || name.is_empty() {
            return None;
        }
        let q = *xml.get(i + 1)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let close = i + 2 + memchr::memchr(q, &xml[i + 2..head_end])?;
        i = close + 1;
        if name != b"t" {
            *attrs.get_mut(n)? = (start, i);
            n += 1;
        }
    }
    // Body: the formula, then the value.
    let body = &xml[head_end + 1..];
    if !body.starts_with(b"<f") || !matches!(body.get(2), Some(b' ' | b'>' | b'/')) {
        return None;
    }
    let f_head = tag_end(body, 2)?;
    let f_end = if body[f_head - 1] == b'/' {
        f_head + 1
    } else {
        let close = f_head + 1 + memchr::memchr(b'<', &body[f_head + 1..])?;
        if !body[close..].starts_with(b"</f>") {
            return None;
        }
        close + 4
    };
    let rest = &body[f_end..];
    let rest = if let Some(r) = rest.strip_prefix(b"<v/>") {
        r
    } else if let Some(r) = rest.strip_prefix(b"<v>") {
        let close = memchr::memchr(b'<', r)?;
        r[close..].strip_prefix(b"</v>")?
    } else {
        rest
    };
    if rest != b"</c>" {
        return None;
    }
    out.extend_from_slice(b"<c");
    for &(a, b) in &attrs[..n] {
        out.push(b' ');
        out.extend_from_slice(&xml[a..b]);
    }
    if let Some(t) = t {
        out.extend_from_slice(b" t=\"");
        out.extend_from_slice(t.as_bytes());
        out.push(b'"');
    }
    out.push(b'>');
    out.extend_from_slice(&body[..f_end]);
    out.extend_from_slice(b"<v>");
    out.extend_from_slice(v.as_bytes());
    out.extend_from_slice(b"</v></c>");
    Some(())
}

/// Rewrites one `<c>` element (`xml`, the bytes of the element) to hold `value`.
///
/// # Errors
/// [`Error::Read`] when the element is not well-formed.
#[cfg(test)]
pub(crate) fn rewrite_cell(xml: &[u8], value: &CachedValue, out: &mut Vec<u8>) -> Result<()> {
    rewrite_cell_with(xml, value, out, &mut String::new())
}

/// [`rewrite_cell`] with a scratch buffer for the value's text.
fn rewrite_cell_with(
    xml: &[u8],
    value: &CachedValue,
    out: &mut Vec<u8>,
    text: &mut String,
) -> Result<()> {
    let t = typed_into(value, text);
    if rewrite_plain(xml, t, text, out).is_some() {
        return Ok(());
    }
    rewrite_any(xml, t, text, out)
}

/// [`rewrite_cell`] through an XML reader, for every form of `<c>`.
#[expect(clippy::too_many_lines, reason = "one pass over the element")]
#[expect(
    clippy::many_single_char_names,
    reason = "t and v as the XML names them"
)]
fn rewrite_any(xml: &[u8], t: Option<&str>, v: &str, out: &mut Vec<u8>) -> Result<()> {
    let bad = |m: String| Error::Read(format!("cell element: {m}"));
    let mut r = Reader::from_reader(xml);
    r.config_mut().trim_text(false);
    let mut depth = 0usize;
    let mut prefix = String::new();
    let mut skip_from: Option<usize> = None;
    let mut wrote_v = false;
    let mut kept: Vec<u8> = Vec::with_capacity(xml.len() + 16);
    let mut head = String::new();
    loop {
        let pos = usize::try_from(r.buffer_position()).unwrap_or(0);
        let ev = r.read_event().map_err(|e| bad(e.to_string()))?;
        let end = usize::try_from(r.buffer_position()).unwrap_or(0);
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) if depth == 0 => {
                let name = e.name().as_ref().to_owned();
                if let Some(i) = name.find(':') {
                    name[..=i].clone_into(&mut prefix);
                }
                head.push('<');
                head.push_str(&name);
                for a in e.attributes().flatten() {
                    if a.key.as_ref() == "t" {
                        continue;
                    }
                    let raw = &a.value;
                    let q = if raw.contains('"') { '\'' } else { '"' };
                    head.push(' ');
                    head.push_str(a.key.as_ref());
                    head.push('=');
                    head.push(q);
                    head.push_str(raw);
                    head.push(q);
                }
                if let Some(t) = t {
                    head.push_str(" t=\"");
                    head.push_str(t);
                    head.push('"');
                }
                head.push('>');
                if matches!(ev, Event::Start(_)) {
                    depth = 1;
                } else {
                    // `<c r="B2"/>`: a member of an array formula's range.
                    write_v(&mut kept, &prefix, v);
                    kept.extend_from_slice(format!("</{name}>").as_bytes());
                    out.extend_from_slice(head.as_bytes());
                    out.extend_from_slice(&kept);
                    return Ok(());
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let open = matches!(ev, Event::Start(_));
                let local = e.local_name();
                let name = local.as_ref();
                if depth == 1 && (name == "v" || name == "is") {
                    if open {
                        skip_from = Some(depth);
                        depth += 1;
                    }
                    continue;
                }
                if depth == 1 && !wrote_v && name != "f" {
                    write_v(&mut kept, &prefix, v);
                    wrote_v = true;
                }
                if skip_from.is_none() {
                    kept.extend_from_slice(&xml[pos..end]);
                }
                if open {
                    depth += 1;
                }
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if !wrote_v {
                        write_v(&mut kept, &prefix, v);
                    }
                    out.extend_from_slice(head.as_bytes());
                    out.extend_from_slice(&kept);
                    out.extend_from_slice(&xml[pos..end]);
                    let _ = e;
                    return Ok(());
                }
                if skip_from == Some(depth) {
                    skip_from = None;
                    continue;
                }
                if skip_from.is_none() {
                    kept.extend_from_slice(&xml[pos..end]);
                }
            }
            _ => {
                if skip_from.is_none() && depth > 0 {
                    kept.extend_from_slice(&xml[pos..end]);
                }
            }
        }
    }
    Err(bad("unexpected end".into()))
}

fn write_v(out: &mut Vec<u8>, prefix: &str, v: &str) {
    out.extend_from_slice(format!("<{prefix}v>{v}</{prefix}v>").as_bytes());
}

/// Rewrites the cells at `edits` (byte spans, ascending, not overlapping) of a part.
///
/// # Errors
/// As [`rewrite_cell`].
#[cfg(test)]
pub(crate) fn patch_part(xml: &[u8], edits: &[((usize, usize), CachedValue)]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(xml.len() + edits.len() * 8);
    let spans: Vec<((usize, usize), usize)> = edits
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (*s, i))
        .collect();
    patch_into(xml, &spans, |i| edits[i].1.clone(), &mut out)?;
    Ok(out)
}

/// An edited cell of a part: the byte span of its `<c>` element and the key
/// its value is found by.
pub(crate) trait Edit: Sync {
    type Key: Copy;
    fn span(&self) -> (usize, usize);
    fn key(&self) -> Self::Key;
}

impl<K: Copy + Sync> Edit for ((usize, usize), K) {
    type Key = K;
    fn span(&self) -> (usize, usize) {
        self.0
    }
    fn key(&self) -> K {
        self.1
    }
}

/// Writes the part with the cells at `edits` (byte spans, ascending, not
/// overlapping, each with a key) rewritten to hold `value(key)`, onto `out`.
///
/// # Errors
/// As [`rewrite_cell`]; [`Error::Read`] for spans out of order.
pub(crate) fn patch_into<E: Edit>(
    xml: &[u8],
    edits: &[E],
    value: impl Fn(E::Key) -> CachedValue,
    out: &mut Vec<u8>,
) -> Result<()> {
    patch_range(xml, 0..xml.len(), edits, value, out)
}

/// [`patch_into`] for the bytes `range` of the part only: `edits` are the
/// edits inside it (none may cross its ends).
///
/// # Errors
/// As [`patch_into`]; [`Error::Read`] for an edit outside `range`.
pub(crate) fn patch_range<E: Edit>(
    xml: &[u8],
    range: std::ops::Range<usize>,
    edits: &[E],
    value: impl Fn(E::Key) -> CachedValue,
    out: &mut Vec<u8>,
) -> Result<()> {
    let end = range.end.min(xml.len());
    let mut text = String::new();
    let mut at = range.start.min(end);
    for e in edits {
        let (a, b) = e.span();
        if a < at || b > end || a > b {
            return Err(Error::Read("overlapping cell spans".into()));
        }
        out.extend_from_slice(&xml[at..a]);
        rewrite_cell_with(&xml[a..b], &value(e.key()), out, &mut text)?;
        at = b;
    }
    out.extend_from_slice(&xml[at..end]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{CachedValue, patch_part, rewrite_cell};

    fn one(xml: &str, v: &CachedValue) -> String {
        let mut out = Vec::new();
        rewrite_cell(xml.as_bytes(), v, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn cells() {
        let n = CachedValue::Number(2.5);
        assert_eq!(
            one(r#"<c r="A1" s="3" t="str"><f>B1*2</f><v>x</v></c>"#, &n),
            r#"<c r="A1" s="3"><f>B1*2</f><v>2.5</v></c>"#
        );
        assert_eq!(
            one(
                r#"<c r="A1"><f>"a"&amp;"b"</f></c>"#,
                &CachedValue::Text("a<b".into())
            ),
            r#"<c r="A1" t="str"><f>"a"&amp;"b"</f><v>a&lt;b</v></c>"#
        );
        assert_eq!(
            one(
                r#"<x:c r="A1"><x:f>1/0</x:f><x:v>1</x:v><x:extLst/></x:c>"#,
                &CachedValue::Error("#DIV/0!".into())
            ),
            r#"<x:c r="A1" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v><x:extLst/></x:c>"#
        );
        assert_eq!(
            one(r#"<c r="B2"/>"#, &CachedValue::Bool(true)),
            r#"<c r="B2" t="b"><v>1</v></c>"#
        );
        assert_eq!(
            one(r#"<c r="B2" t="inlineStr"><is><t>old</t></is></c>"#, &n),
            r#"<c r="B2"><v>2.5</v></c>"#
        );
    }

    #[test]
    fn plain_cells_take_the_fast_path_with_the_same_bytes() {
        let v = CachedValue::Text("a<b".into());
        let (t, text) = super::typed(&v);
        for xml in [
            r#"<c r="A1"><f>B1*2</f><v></v></c>"#,
            r#"<c r="A1" s="3" t="n"><f>IF(A2&gt;2,"x","y")</f><v>1</v></c>"#,
            r#"<c r="A1" t="str"><f t="shared" ref="A1:A9" si="0">B1</f></c>"#,
            r#"<c r="A1"><f t="shared" si="0"/><v/></c>"#,
        ] {
            let mut fast = Vec::new();
            assert!(
                super::rewrite_plain(xml.as_bytes(), t, &text, &mut fast).is_some(),
                "{xml}"
            );
            let mut full = Vec::new();
            super::rewrite_any(xml.as_bytes(), t, &text, &mut full).unwrap();
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(full).unwrap()
            );
        }
        for xml in [
            r#"<c r="B2"/>"#,
            r#"<x:c r="A1"><x:f>1</x:f></x:c>"#,
            r#"<c r="A1"><f>1</f><v>1</v><extLst/></c>"#,
            r#"<c r="A1"><f>1</f> <v>1</v></c>"#,
            r#"<c r="A1" t="inlineStr"><f>1</f><is><t>x</t></is></c>"#,
        ] {
            let mut fast = Vec::new();
            assert!(
                super::rewrite_plain(xml.as_bytes(), t, &text, &mut fast).is_none(),
                "{xml}"
            );
            assert!(fast.is_empty());
        }
    }

    #[test]
    fn numbers_are_written_shortest() {
        for (x, want) in [
            (0.0, "0"),
            (-0.0, "0"),
            (2.5, "2.5"),
            (-1e-7, "-0.0000001"),
            (1e21, "1e21"),
            (0.1 + 0.2, "0.30000000000000004"),
            (123_456_789_012.0, "123456789012"),
            (1.234_567_890_123_4e-10, "1.2345678901234e-10"),
        ] {
            let (t, text) = super::typed(&CachedValue::Number(x));
            assert_eq!((t, text.as_str()), (None, want), "{x}");
        }
    }

    #[test]
    fn parts_keep_other_bytes() {
        let xml = br#"<row r="1"><c r="A1"><v>1</v></c> <c r="B1"><f>A1+1</f><v>0</v></c></row>"#;
        let a = 34;
        assert_eq!(&xml[a..a + 10], br#"<c r="B1">"#);
        let b = xml.len() - "</row>".len();
        let out = patch_part(xml, &[((a, b), CachedValue::Number(2.0))]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"<row r="1"><c r="A1"><v>1</v></c> <c r="B1"><f>A1+1</f><v>2</v></c></row>"#
        );
    }
}
