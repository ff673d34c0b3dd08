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
    pub(super) fn parse(t: &str) -> CellType {
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
    pub(super) v: String,
    pub(super) has_v: bool,
    pub(super) inline: String,
    pub(super) has_inline: bool,
    pub(super) f: RawFormula,
    pub(super) has_f: bool,
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

/// The state of one pass over a worksheet, fed event by event (by the XML
/// reader, or by [`super::scan_fast`] for the cells it reads itself).
pub(super) struct Scan<'p, F> {
    pub part: &'p str,
    pub max_depth: usize,
    pub depth: usize,
    pub row: u32,
    pub seen_row: bool,
    pub row_hidden: bool,
    pub next_col: u32,
    pub cell: RawCell,
    pub in_cell: bool,
    inside: In,
    text: String,
    pub each: F,
}

impl<F: FnMut(&RawCell) -> Result<()>> Scan<'_, F> {
    /// Starts a row from its `r` (1-based) and `hidden` attributes.
    pub fn start_row(&mut self, r_attr: Option<u32>, hidden: bool) {
        self.row = match r_attr {
            Some(r) if r > 0 => r - 1,
            _ if self.seen_row => self.row.saturating_add(1),
            _ => 0,
        };
        self.seen_row = true;
        self.row_hidden = hidden;
        self.next_col = 0;
    }

    /// Starts a cell at byte `at` from its position (`r`) and type.
    pub fn start_cell(&mut self, pos_rc: Option<(u32, u32)>, t: CellType, at: usize) {
        let (rr, cc) = pos_rc.unwrap_or((self.row, self.next_col));
        self.next_col = cc + 1;
        self.cell.reset(rr, cc, t, at, self.row_hidden);
    }

    /// Ends the cell at byte `end` and hands it over.
    pub fn end_cell(&mut self, end: usize) -> Result<()> {
        self.cell.span.1 = end;
        (self.each)(&self.cell)
    }

    /// One XML event that starts at byte `at` and ends at byte `end`.
    #[expect(clippy::too_many_lines, reason = "one streaming pass over the sheet")]
    pub fn event(&mut self, ev: &Event<'_>, at: usize, end: usize) -> Result<()> {
        let part = self.part;
        match ev {
            Event::DocType(d) if d.to_ascii_uppercase().contains("<!ENTITY") => {
                return Err(Error::Read(format!("{part}: a DTD that declares entities")));
            }
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(ev, Event::Empty(_));
                if !empty {
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(Error::Read(format!("{part}: XML nested too deeply")));
                    }
                }
                let in_cell = self.in_cell;
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
                        self.start_row(r_attr, hidden);
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
                        self.start_cell(pos_rc, t, at);
                        if empty {
                            self.end_cell(end)?;
                        } else {
                            self.in_cell = true;
                        }
                    }
                    "v" if in_cell => {
                        self.text.clear();
                        self.inside = if empty { In::None } else { In::V };
                        if empty {
                            self.cell.v.clear();
                            self.cell.has_v = true;
                        }
                    }
                    "f" if in_cell => {
                        let cell = &mut self.cell;
                        let mut kind = FormulaKind::Normal;
                        for a in e.attributes().with_checks(false).flatten() {
                            match a.key.as_ref() {
                                "t" => kind = FormulaKind::parse(&a.value),
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
                        self.text.clear();
                        self.inside = if empty { In::None } else { In::F };
                    }
                    "is" if in_cell => {
                        self.cell.inline.clear();
                        self.cell.has_inline = true;
                    }
                    "rPh" if in_cell && !empty => self.inside = In::Phonetic,
                    "t" if in_cell && self.inside != In::Phonetic && !empty => {
                        self.text.clear();
                        self.inside = In::InlineT;
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                self.depth = self.depth.saturating_sub(1);
                match local(e.name().as_ref()) {
                    "c" => {
                        if self.in_cell {
                            self.in_cell = false;
                            self.end_cell(end)?;
                        }
                        self.inside = In::None;
                    }
                    "v" if self.inside == In::V => {
                        self.cell.v.clear();
                        self.cell.v.push_str(&self.text);
                        self.cell.has_v = true;
                        self.inside = In::None;
                    }
                    "f" if self.inside == In::F => {
                        self.cell.f.text.clear();
                        self.cell.f.text.push_str(&self.text);
                        self.inside = In::None;
                    }
                    "t" if self.inside == In::InlineT => {
                        if self.cell.has_inline {
                            self.cell.inline.push_str(&decode_escapes(&self.text));
                        }
                        self.inside = In::None;
                    }
                    "rPh" if self.inside == In::Phonetic => self.inside = In::None,
                    _ => {}
                }
            }
            Event::Text(t) if self.inside != In::None && self.inside != In::Phonetic => {
                self.text.push_str(t);
            }
            Event::CData(t) if self.inside != In::None && self.inside != In::Phonetic => {
                self.text.push_str(t);
            }
            Event::GeneralRef(g) if self.inside != In::None && self.inside != In::Phonetic => {
                let c = char_ref(g).ok_or_else(|| {
                    Error::Read(format!("{part}: unknown entity &{}; (at byte {at})", &**g))
                })?;
                self.text.push(c);
            }
            _ => {}
        }
        Ok(())
    }
}

impl FormulaKind {
    /// The `t` attribute of an `<f>`.
    pub(super) fn parse(t: &str) -> FormulaKind {
        match t {
            "shared" => FormulaKind::Shared,
            "array" => FormulaKind::Array,
            "dataTable" => FormulaKind::DataTable,
            _ => FormulaKind::Normal,
        }
    }
}

/// Calls `each` for every cell of the worksheet `xml`.
///
/// The cells of `<sheetData>` are read by a byte scanner
/// ([`super::scan_fast`]) that hands any cell it does not read itself to
/// the XML reader; everything around them goes through the XML reader.
///
/// # Errors
/// [`Error::Read`] for malformed XML or a DTD that declares entities.
pub(crate) fn scan_cells(
    xml: &[u8],
    part: &str,
    max_depth: usize,
    each: impl FnMut(&RawCell) -> Result<()>,
) -> Result<()> {
    scan_with(xml, None, part, max_depth, each, true, usize::MAX).map(|_| ())
}

impl<'p, F: FnMut(&RawCell) -> Result<()>> Scan<'p, F> {
    fn new(part: &'p str, max_depth: usize, depth: usize, each: F) -> Self {
        Scan {
            part,
            max_depth,
            depth,
            row: 0,
            seen_row: false,
            row_hidden: false,
            next_col: 0,
            cell: RawCell::default(),
            in_cell: false,
            inside: In::None,
            text: String::new(),
            each,
        }
    }
}

/// One piece of a worksheet cut by [`super::split`].
pub(crate) struct Piece<'c> {
    /// Where the piece starts (a row's start tag; 0 for the first piece).
    pub from: usize,
    /// Where the next piece starts (`usize::MAX` for the last).
    pub until: usize,
    /// Depth inside `<sheetData>`, and the names of the elements around it.
    pub depth: usize,
    pub open: &'c [Vec<u8>],
}

/// Calls `each` for every cell of one piece of a worksheet, as
/// [`scan_cells`] does for the cells of the whole part. Returns false when
/// the piece does not end where the next one starts (the part must then be
/// read in one pass).
///
/// # Errors
/// As [`scan_cells`].
pub(crate) fn scan_piece(
    doc: &str,
    part: &str,
    max_depth: usize,
    piece: &Piece<'_>,
    each: impl FnMut(&RawCell) -> Result<()>,
) -> Result<bool> {
    let xml = doc.as_bytes();
    if piece.from == 0 {
        return scan_with(xml, Some(doc), part, max_depth, each, true, piece.until);
    }
    let mut st = Scan::new(part, max_depth, piece.depth, each);
    let name = b"sheetData";
    let Some(end) = super::scan_fast::sheet_data(&mut st, doc, piece.from, name, piece.until)?
    else {
        return Ok(false);
    };
    if piece.until != usize::MAX {
        return Ok(end == piece.until);
    }
    scan_tail(&mut st, xml, end, piece.open.to_vec())?;
    Ok(true)
}

/// [`scan_cells`] with or without the byte scanner (tests compare the two),
/// stopping between rows at `until`: true when it stopped exactly there or
/// read the whole part. `doc` is `xml` as text when the caller checked it is
/// UTF-8 already (a part that is not goes to the XML reader, which reports it).
pub(super) fn scan_with(
    xml: &[u8],
    doc: Option<&str>,
    part: &str,
    max_depth: usize,
    each: impl FnMut(&RawCell) -> Result<()>,
    fast: bool,
    until: usize,
) -> Result<bool> {
    let mut st = Scan::new(part, max_depth, 0, each);
    let mut r = Reader::from_reader(xml);
    r.config_mut().trim_text(false);
    r.config_mut().check_end_names = true;
    // Names of the open elements, to check end tags after `</sheetData>`.
    let mut open: Vec<Vec<u8>> = Vec::new();
    loop {
        let pos = r.buffer_position();
        let ev = r.read_event().map_err(|e| xml_err(part, e, pos))?;
        let at = usize::try_from(pos).unwrap_or(usize::MAX);
        let end = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        match &ev {
            Event::Eof => return Ok(until == usize::MAX),
            Event::Start(e) if fast && !st.in_cell && local(e.name().as_ref()) == "sheetData" => {
                st.event(&ev, at, end)?;
                let name = e.name().as_ref().as_bytes().to_vec();
                let text = doc.or_else(|| std::str::from_utf8(xml).ok());
                let fast = match text {
                    Some(doc) => super::scan_fast::sheet_data(&mut st, doc, end, &name, until)?,
                    None => None,
                };
                let Some(after) = fast else {
                    if until != usize::MAX {
                        return Ok(false);
                    }
                    open.push(name);
                    continue;
                };
                if until != usize::MAX {
                    return Ok(after == until);
                }
                scan_tail(&mut st, xml, after, open)?;
                return Ok(true);
            }
            Event::Start(e) => open.push(e.name().as_ref().as_bytes().to_vec()),
            Event::End(_) => {
                open.pop();
            }
            _ => {}
        }
        st.event(&ev, at, end)?;
    }
}

/// The rest of the part after `</sheetData>` (which ends at byte `from`),
/// with `open` the elements still open: checked for well-formedness, cells
/// outside `<sheetData>` read as before.
fn scan_tail<F: FnMut(&RawCell) -> Result<()>>(
    st: &mut Scan<'_, F>,
    xml: &[u8],
    from: usize,
    mut open: Vec<Vec<u8>>,
) -> Result<()> {
    let part = st.part;
    let rest = xml.get(from..).unwrap_or_default();
    let mut r = Reader::from_reader(rest);
    r.config_mut().trim_text(false);
    // The reader checks the elements that open in the tail; the end tags of
    // those open before it are checked against `open` here.
    r.config_mut().check_end_names = true;
    r.config_mut().allow_unmatched_ends = true;
    let mut inner = 0usize;
    loop {
        let pos = r.buffer_position();
        let ev = r
            .read_event()
            .map_err(|e| xml_err(part, e, pos + from as u64))?;
        let at = from + usize::try_from(pos).unwrap_or(usize::MAX);
        let end = from + usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        match &ev {
            Event::Eof => return Ok(()),
            Event::Start(_) => inner += 1,
            Event::End(_) if inner > 0 => inner -= 1,
            Event::End(e) => {
                let expected = open.pop();
                if expected.as_deref() != Some(e.name().as_ref().as_bytes()) {
                    let found = String::from(e.name().as_ref());
                    let want = expected
                        .map(|n| String::from_utf8_lossy(&n).into_owned())
                        .unwrap_or_default();
                    return Err(Error::Read(format!(
                        "{part}: ill-formed document: expected `</{want}>`, but `</{found}>` was found (at byte {at})"
                    )));
                }
            }
            _ => {}
        }
        st.event(&ev, at, end)?;
    }
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
