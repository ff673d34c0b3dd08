//! A streaming pass over a worksheet's `<sheetData>`: every cell with its
//! position, type, value text, inline string, formula and byte span.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::{Error, Result};

/// How a `<f>` element is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormulaKind {
    Normal,
    Shared,
    Array,
    DataTable,
}

/// A `<f>` element.
#[derive(Debug, Clone)]
pub(crate) struct RawFormula {
    pub kind: FormulaKind,
    pub text: String,
    pub range: Option<String>,
    pub si: Option<u32>,
}

/// One `<c>` element.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawCell {
    pub row: u32,
    pub col: u32,
    pub t: Option<String>,
    pub v: Option<String>,
    pub inline: Option<String>,
    pub f: Option<RawFormula>,
    /// Byte range of the whole `<c>` element in the part.
    pub span: (usize, usize),
    /// The cell's row is marked hidden (`<row hidden="1">`).
    pub row_hidden: bool,
}

fn xml_err(part: &str, e: impl std::fmt::Display, pos: u64) -> Error {
    Error::Read(format!("{part}: {e} (at byte {pos})"))
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(
                    |_| a.value.clone().into_owned(),
                    std::borrow::Cow::into_owned,
                )
        })
}

/// Resolves a predefined or numeric character reference.
pub(crate) fn char_ref(name: &str) -> Option<char> {
    docskill_opc::xml::dom::resolve_ref(name)
}

/// Decodes the `_xHHHH_` escapes OOXML uses for characters XML cannot hold.
pub(crate) fn decode_escapes(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let code = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .filter(|_| tail.as_bytes().get(6) == Some(&b'_'))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        if let Some(c) = code {
            out.push(c);
            rest = &tail[7..];
        } else {
            out.push_str("_x");
            rest = &tail[2..];
        }
    }
    out.push_str(rest);
    out
}

/// Column and row (0-based) of `A1`-style text.
pub(crate) fn parse_a1(s: &str) -> Option<(u32, u32)> {
    let c = crate::cellref::Cell::parse(s)?;
    Some((c.row, u32::from(c.col)))
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    None,
    V,
    F,
    InlineT,
    Phonetic,
}

/// Calls `each` for every cell of the worksheet `xml`.
///
/// # Errors
/// [`Error::Read`] for malformed XML or a DTD that declares entities.
#[expect(clippy::too_many_lines, reason = "one streaming pass over the sheet")]
pub(crate) fn scan_cells(
    xml: &[u8],
    part: &str,
    max_depth: usize,
    mut each: impl FnMut(RawCell) -> Result<()>,
) -> Result<()> {
    let mut r = Reader::from_reader(xml);
    r.config_mut().trim_text(false);
    r.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut row: u32 = 0;
    let mut seen_row = false;
    let mut row_hidden = false;
    let mut next_col: u32 = 0;
    let mut cell: Option<RawCell> = None;
    let mut inside = In::None;
    let mut text = String::new();
    loop {
        let pos = r.buffer_position();
        let ev = r.read_event().map_err(|e| xml_err(part, e, pos))?;
        let at = usize::try_from(pos).unwrap_or(usize::MAX);
        match ev {
            Event::Eof => break,
            Event::DocType(d) if d.to_ascii_uppercase().contains("<!ENTITY") => {
                return Err(Error::Read(format!("{part}: a DTD that declares entities")));
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                if !empty {
                    depth += 1;
                    if depth > max_depth {
                        return Err(Error::Read(format!("{part}: XML nested too deeply")));
                    }
                }
                match local(e.name().as_ref()) {
                    "row" if cell.is_none() => {
                        row = match attr(e, "r").and_then(|r| r.parse::<u32>().ok()) {
                            Some(r) if r > 0 => r - 1,
                            _ if seen_row => row.saturating_add(1),
                            _ => 0,
                        };
                        seen_row = true;
                        next_col = 0;
                        row_hidden = matches!(attr(e, "hidden").as_deref(), Some("1" | "true"));
                    }
                    "c" if cell.is_none() => {
                        let (rr, cc) = attr(e, "r")
                            .and_then(|s| parse_a1(&s))
                            .unwrap_or((row, next_col));
                        next_col = cc + 1;
                        let c = RawCell {
                            row: rr,
                            col: cc,
                            t: attr(e, "t"),
                            span: (at, at),
                            row_hidden,
                            ..RawCell::default()
                        };
                        if empty {
                            let end = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
                            each(RawCell {
                                span: (at, end),
                                ..c
                            })?;
                        } else {
                            cell = Some(c);
                        }
                    }
                    "v" if cell.is_some() => {
                        text.clear();
                        inside = if empty { In::None } else { In::V };
                        if empty && let Some(c) = cell.as_mut() {
                            c.v = Some(String::new());
                        }
                    }
                    "f" if cell.is_some() => {
                        let kind = match attr(e, "t").as_deref() {
                            Some("shared") => FormulaKind::Shared,
                            Some("array") => FormulaKind::Array,
                            Some("dataTable") => FormulaKind::DataTable,
                            _ => FormulaKind::Normal,
                        };
                        if let Some(c) = cell.as_mut() {
                            c.f = Some(RawFormula {
                                kind,
                                text: String::new(),
                                range: attr(e, "ref"),
                                si: attr(e, "si").and_then(|s| s.parse().ok()),
                            });
                        }
                        text.clear();
                        inside = if empty { In::None } else { In::F };
                    }
                    "is" if cell.is_some() => {
                        if let Some(c) = cell.as_mut() {
                            c.inline = Some(String::new());
                        }
                    }
                    "rPh" if cell.is_some() && !empty => inside = In::Phonetic,
                    "t" if cell.is_some() && inside != In::Phonetic && !empty => {
                        text.clear();
                        inside = In::InlineT;
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                match local(e.name().as_ref()) {
                    "c" => {
                        if let Some(mut c) = cell.take() {
                            c.span.1 = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
                            each(c)?;
                        }
                        inside = In::None;
                    }
                    "v" if inside == In::V => {
                        if let Some(c) = cell.as_mut() {
                            c.v = Some(std::mem::take(&mut text));
                        }
                        inside = In::None;
                    }
                    "f" if inside == In::F => {
                        if let Some(f) = cell.as_mut().and_then(|c| c.f.as_mut()) {
                            f.text = std::mem::take(&mut text);
                        }
                        inside = In::None;
                    }
                    "t" if inside == In::InlineT => {
                        if let Some(s) = cell.as_mut().and_then(|c| c.inline.as_mut()) {
                            s.push_str(&decode_escapes(&text));
                        }
                        inside = In::None;
                    }
                    "rPh" if inside == In::Phonetic => inside = In::None,
                    _ => {}
                }
            }
            Event::Text(t) if inside != In::None && inside != In::Phonetic => text.push_str(&t),
            Event::CData(t) if inside != In::None && inside != In::Phonetic => {
                text.push_str(&t);
            }
            Event::GeneralRef(g) if inside != In::None && inside != In::Phonetic => {
                let c = char_ref(&g).ok_or_else(|| {
                    Error::Read(format!("{part}: unknown entity &{}; (at byte {pos})", &*g))
                })?;
                text.push(c);
            }
            _ => {}
        }
    }
    Ok(())
}

/// The text of every `<si>` of a shared strings part, runs joined, phonetic
/// runs left out.
///
/// # Errors
/// [`Error::Read`] for malformed XML.
pub(crate) fn shared_strings(xml: &[u8], part: &str) -> Result<Vec<String>> {
    let mut r = Reader::from_reader(xml);
    r.config_mut().trim_text(false);
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut in_t = false;
    let mut phonetic = false;
    let mut text = String::new();
    loop {
        let pos = r.buffer_position();
        match r.read_event().map_err(|e| xml_err(part, e, pos))? {
            Event::Eof => break,
            Event::DocType(d) if d.to_ascii_uppercase().contains("<!ENTITY") => {
                return Err(Error::Read(format!("{part}: a DTD that declares entities")));
            }
            Event::Start(e) => match local(e.name().as_ref()) {
                "si" => cur = Some(String::new()),
                "rPh" => phonetic = true,
                "t" if !phonetic => {
                    in_t = true;
                    text.clear();
                }
                _ => {}
            },
            Event::Empty(e) if local(e.name().as_ref()) == "si" => out.push(String::new()),
            Event::End(e) => match local(e.name().as_ref()) {
                "si" => out.push(cur.take().unwrap_or_default()),
                "rPh" => phonetic = false,
                "t" if in_t => {
                    in_t = false;
                    if let Some(s) = cur.as_mut() {
                        s.push_str(&decode_escapes(&text));
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_t => text.push_str(&t),
            Event::CData(t) if in_t => text.push_str(&t),
            Event::GeneralRef(g) if in_t => {
                if let Some(c) = char_ref(&g) {
                    text.push(c);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}
