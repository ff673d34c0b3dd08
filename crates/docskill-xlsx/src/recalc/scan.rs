//! A streaming pass over a worksheet's `<sheetData>`: every cell with its
//! position, type, value text, inline string, formula and byte span.

use quick_xml::Reader;
use quick_xml::events::Event;

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

impl Default for RawFormula {
    fn default() -> Self {
        RawFormula {
            kind: FormulaKind::Normal,
            text: String::new(),
            range: None,
            si: None,
        }
    }
}

/// The `t` attribute of a `<c>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum CellType {
    /// No `t`, `t="n"` or a type this reader does not know: a number.
    #[default]
    Number,
    /// `s`: an index into the shared strings.
    Shared,
    /// `str`: a formula's text result.
    Str,
    /// `inlineStr`: text in `<is>`.
    Inline,
    /// `b`: a logical.
    Bool,
    /// `e`: an error.
    Error,
    /// `d`: an ISO 8601 date.
    Date,
}

impl CellType {
    fn parse(t: &str) -> CellType {
        match t {
            "s" => CellType::Shared,
            "str" => CellType::Str,
            "inlineStr" => CellType::Inline,
            "b" => CellType::Bool,
            "e" => CellType::Error,
            "d" => CellType::Date,
            _ => CellType::Number,
        }
    }
}

/// One `<c>` element. The scanner reuses one value for every cell (its
/// buffers keep their capacity), so reading a cell allocates nothing.
#[derive(Debug, Clone, Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "presence flags of reused buffers, and the row's hidden flag"
)]
pub(crate) struct RawCell {
    pub row: u32,
    pub col: u32,
    pub t: CellType,
    v: String,
    has_v: bool,
    inline: String,
    has_inline: bool,
    f: RawFormula,
    has_f: bool,
    /// Byte range of the whole `<c>` element in the part.
    pub span: (usize, usize),
    /// The cell's row is marked hidden (`<row hidden="1">`).
    pub row_hidden: bool,
}

impl RawCell {
    /// `<v>` text, when there is a `<v>`.
    pub fn v(&self) -> Option<&str> {
        self.has_v.then_some(self.v.as_str())
    }

    /// Text of `<is>`, when there is one.
    pub fn inline(&self) -> Option<&str> {
        self.has_inline.then_some(self.inline.as_str())
    }

    /// The formula, if the cell has one.
    pub fn formula(&self) -> Option<&RawFormula> {
        self.has_f.then_some(&self.f)
    }

    /// Empties the cell for the next one, keeping its buffers.
    fn reset(&mut self, row: u32, col: u32, t: CellType, at: usize, row_hidden: bool) {
        self.row = row;
        self.col = col;
        self.t = t;
        self.v.clear();
        self.has_v = false;
        self.inline.clear();
        self.has_inline = false;
        self.f.text.clear();
        self.f.range = None;
        self.f.si = None;
        self.has_f = false;
        self.span = (at, at);
        self.row_hidden = row_hidden;
    }
}

fn xml_err(part: &str, e: impl std::fmt::Display, pos: u64) -> Error {
    Error::Read(format!("{part}: {e} (at byte {pos})"))
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
    // `B7` as every producer writes it, without the general parser.
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = &b[letters..];
    if (1..=3).contains(&letters)
        && (1..=7).contains(&digits.len())
        && digits[0] != b'0'
        && digits.iter().all(u8::is_ascii_digit)
    {
        let col = b[..letters]
            .iter()
            .fold(0u32, |n, &c| n * 26 + u32::from(c - b'A' + 1))
            - 1;
        let row = digits
            .iter()
            .fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
        if col <= 16_383 && row <= 1_048_576 {
            return Some((row - 1, col));
        }
        return None;
    }
    let c = crate::cellref::Cell::parse(s)?;
    Some((c.row, u32::from(c.col)))
}

fn local(name: &str) -> &str {
    match name.bytes().rposition(|b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
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
    mut each: impl FnMut(&RawCell) -> Result<()>,
) -> Result<()> {
    let mut r = Reader::from_reader(xml);
    r.config_mut().trim_text(false);
    r.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut row: u32 = 0;
    let mut seen_row = false;
    let mut row_hidden = false;
    let mut next_col: u32 = 0;
    let mut cell = RawCell::default();
    let mut in_cell = false;
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
                    "row" if !in_cell => {
                        let (mut r_attr, mut hidden) = (None, false);
                        for a in e.attributes().with_checks(false).flatten() {
                            match a.key.as_ref() {
                                "r" => r_attr = a.value.trim().parse::<u32>().ok(),
                                "hidden" => hidden = matches!(&*a.value, "1" | "true"),
                                _ => {}
                            }
                        }
                        row = match r_attr {
                            Some(r) if r > 0 => r - 1,
                            _ if seen_row => row.saturating_add(1),
                            _ => 0,
                        };
                        seen_row = true;
                        row_hidden = hidden;
                        next_col = 0;
                    }
                    "c" if !in_cell => {
                        let (mut pos_rc, mut t) = (None, CellType::Number);
                        for a in e.attributes().with_checks(false).flatten() {
                            match a.key.as_ref() {
                                "r" => pos_rc = parse_a1(&a.value),
                                "t" => t = CellType::parse(&a.value),
                                _ => {}
                            }
                        }
                        let (rr, cc) = pos_rc.unwrap_or((row, next_col));
                        next_col = cc + 1;
                        cell.reset(rr, cc, t, at, row_hidden);
                        if empty {
                            cell.span.1 =
                                usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
                            each(&cell)?;
                        } else {
                            in_cell = true;
                        }
                    }
                    "v" if in_cell => {
                        text.clear();
                        inside = if empty { In::None } else { In::V };
                        if empty {
                            cell.v.clear();
                            cell.has_v = true;
                        }
                    }
                    "f" if in_cell => {
                        let mut kind = FormulaKind::Normal;
                        for a in e.attributes().with_checks(false).flatten() {
                            match a.key.as_ref() {
                                "t" => {
                                    kind = match &*a.value {
                                        "shared" => FormulaKind::Shared,
                                        "array" => FormulaKind::Array,
                                        "dataTable" => FormulaKind::DataTable,
                                        _ => FormulaKind::Normal,
                                    };
                                }
                                "ref" => {
                                    cell.f.range = a
                                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                        .ok()
                                        .map(std::borrow::Cow::into_owned);
                                }
                                "si" => {
                                    cell.f.si = a.value.trim().parse().ok();
                                }
                                _ => {}
                            }
                        }
                        cell.f.kind = kind;
                        cell.f.text.clear();
                        cell.has_f = true;
                        text.clear();
                        inside = if empty { In::None } else { In::F };
                    }
                    "is" if in_cell => {
                        cell.inline.clear();
                        cell.has_inline = true;
                    }
                    "rPh" if in_cell && !empty => inside = In::Phonetic,
                    "t" if in_cell && inside != In::Phonetic && !empty => {
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
                        if in_cell {
                            in_cell = false;
                            cell.span.1 =
                                usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
                            each(&cell)?;
                        }
                        inside = In::None;
                    }
                    "v" if inside == In::V => {
                        cell.v.clear();
                        cell.v.push_str(&text);
                        cell.has_v = true;
                        inside = In::None;
                    }
                    "f" if inside == In::F => {
                        cell.f.text.clear();
                        cell.f.text.push_str(&text);
                        inside = In::None;
                    }
                    "t" if inside == In::InlineT => {
                        if cell.has_inline {
                            cell.inline.push_str(&decode_escapes(&text));
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

#[cfg(test)]
mod tests {
    use super::parse_a1;

    #[test]
    fn fast_cell_positions_agree_with_the_general_parser() {
        for s in [
            "A1",
            "B7",
            "XFD1048576",
            "XFE1",
            "A1048577",
            "A0",
            "A01",
            "a1",
            "$B$2",
            " C3",
            "AB",
            "1",
            "",
            "ABCD1",
            "Z12345678",
        ] {
            let general = crate::cellref::Cell::parse(s).map(|c| (c.row, u32::from(c.col)));
            assert_eq!(parse_a1(s), general, "{s}");
        }
    }
}
