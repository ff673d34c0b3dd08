//! Loads a workbook into the formula engine straight from its XML: values,
//! shared strings, formulas (shared and array too), defined names, tables and
//! the date system. Nothing here fails on what the engine cannot handle: such
//! cells are listed and keep the value the file holds.

use std::collections::HashMap;
use std::sync::Arc;

use docskill_formula::{
    CellBudget, CellId, ErrorKind, Formula, FormulaMode, RowTemplate, SheetPiece, Table, Value,
    Workbook,
};
use docskill_opc::pool::Pool;
use docskill_opc::xml::dom::{Document, Element};
use docskill_opc::{Limits, Package, resolve_target};

use super::scan::{
    CellType, FormulaKind, Piece, RawCell, scan_cells, scan_piece, scan_with, shared_strings,
};
use super::split::Cuts;
use crate::edit::CachedValue;
use crate::error::{Error, Result};

const REL_OFFICE_DOC: &str = "/officeDocument";

/// Most cells of one multi-cell array formula that are evaluated one by one.
const MAX_ARRAY_CELLS: u64 = 4096;

/// A sheet as `workbook.xml` lists it.
#[derive(Debug, Clone)]
pub(crate) struct SheetPart {
    /// The worksheet part; `None` for chart sheets and missing parts.
    pub part: Option<String>,
    /// The part's bytes as read for loading, kept for patching (so the part
    /// is not inflated twice) when the sheet has formulas; else empty.
    pub xml: Vec<u8>,
}

/// A formula cell (or a cell of a multi-cell array formula's range).
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub at: CellId,
    /// The formula as shown in reports, with its `=`; `None` when it is the
    /// text of the `<f>` at `span` (read again only for the few cells a
    /// report lists: see [`Loaded::formula_text`]).
    pub text: Option<Arc<str>>,
    /// Byte span of the `<c>` element in its worksheet part.
    pub span: (usize, usize),
    /// True when the engine cannot compute it: the file's value stays.
    pub keep: bool,
    /// False for the non-anchor cells of an array formula's range.
    pub counted: bool,
}

impl super::patch::Edit for &Site {
    type Key = CellId;
    fn span(&self) -> (usize, usize) {
        self.span
    }
    fn key(&self) -> CellId {
        self.at
    }
}

/// Every formula cell's [`Site`], by sheet and in file order: the lists of
/// the pieces as they were read (joining them would copy one site per formula).
#[derive(Debug, Default)]
pub(crate) struct Sites(Vec<Vec<Site>>);

impl Sites {
    pub fn iter(&self) -> impl Iterator<Item = &Site> {
        self.0.iter().flatten()
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    fn last(&self) -> Option<&Site> {
        self.0.last().and_then(|l| l.last())
    }

    fn push(&mut self, list: Vec<Site>) {
        if !list.is_empty() {
            self.0.push(list);
        }
    }
}

/// A workbook loaded for calculation.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub pkg: Package,
    pub wb_part: String,
    pub wb: Workbook,
    pub sheets: Vec<SheetPart>,
    pub sites: Sites,
    /// What the engine cannot handle, per cell: a function name or a construct.
    pub unsupported: Vec<(CellId, String)>,
    /// The shared strings (for [`Loaded::cached`]).
    pub sst: Vec<String>,
}

impl Loaded {
    /// The value the file holds for a site, read again from its `<c>`: most
    /// sites never need it, so none is kept.
    pub(crate) fn cached(&self, s: &Site) -> Option<CachedValue> {
        let xml = self.sheets.get(s.at.sheet as usize)?.xml.as_slice();
        let mut found = None;
        cell_at(xml, s.span, |c| found = cell_value(c, &self.sst))?;
        found
    }

    /// The formula of a site as reports show it, with its `=`.
    pub(crate) fn formula_text(&self, s: &Site) -> String {
        if let Some(t) = &s.text {
            return t.to_string();
        }
        let xml = self
            .sheets
            .get(s.at.sheet as usize)
            .map(|p| p.xml.as_slice());
        xml.and_then(|x| formula_at(x, s.span))
            .map(|t| format!("={t}"))
            .unwrap_or_default()
    }
}

/// The text of the `<f>` of the cell at `span` of a worksheet part.
fn formula_at(xml: &[u8], span: (usize, usize)) -> Option<String> {
    let mut text = None;
    cell_at(xml, span, |c| text = c.formula().map(|f| f.text.clone()))?;
    text
}

/// Calls `f` with the cell at `span` of a worksheet part, read by the same
/// scanner that loaded it; `None` when it cannot be read.
fn cell_at(xml: &[u8], span: (usize, usize), mut f: impl FnMut(&RawCell)) -> Option<()> {
    let cell = xml.get(span.0..span.1)?;
    let mut doc = Vec::with_capacity(cell.len() + 40);
    doc.extend_from_slice(b"<sheetData><row>");
    doc.extend_from_slice(cell);
    doc.extend_from_slice(b"</row></sheetData>");
    let mut first = true;
    scan_cells(&doc, "", 64, |c| {
        if std::mem::take(&mut first) {
            f(c);
        }
        Ok(())
    })
    .ok()
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn children<'a>(e: &'a Element, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
    e.elements().filter(move |c| local(&c.name) == name)
}

fn rid_of(e: &Element) -> Option<&str> {
    e.attrs
        .iter()
        .find(|(k, _)| k.ends_with(":id"))
        .map(|(_, v)| v.as_str())
}

fn truthy(v: Option<&str>) -> bool {
    matches!(v, Some("1" | "true"))
}

/// The value a `<c>` holds, by its type.
pub(crate) fn cell_value(c: &RawCell, sst: &[String]) -> Option<CachedValue> {
    let v = c.v();
    match c.t {
        CellType::Shared => {
            let i: usize = v?.trim().parse().ok()?;
            sst.get(i).map(|s| CachedValue::Text(s.clone()))
        }
        CellType::Str => v.map(|s| CachedValue::Text(super::scan::decode_escapes(s))),
        CellType::Inline => c.inline().or(v).map(|s| CachedValue::Text(s.to_owned())),
        CellType::Bool => v.map(|s| CachedValue::Bool(s.trim() == "1" || s.trim() == "true")),
        CellType::Error => v.map(|s| CachedValue::Error(s.trim().to_owned())),
        CellType::Date => {
            let s = v?;
            Some(crate::dates::parse_iso(s).map_or_else(
                || CachedValue::Text(s.to_owned()),
                |d| CachedValue::Number(crate::dates::to_serial(&d)),
            ))
        }
        CellType::Number => {
            let s = v?.trim();
            if s.is_empty() {
                return None;
            }
            s.parse::<f64>().ok().map(CachedValue::Number)
        }
    }
}

pub(crate) fn to_value(c: &CachedValue) -> Value {
    match c {
        CachedValue::Number(x) => Value::Number(*x),
        CachedValue::Text(s) => Value::text(s.as_str()),
        CachedValue::Bool(b) => Value::Bool(*b),
        CachedValue::Error(e) => {
            ErrorKind::parse(e).map_or(Value::Error(ErrorKind::NA), Value::Error)
        }
    }
}

/// Functions in `f` the engine does not implement (calls of `LET` variables,
/// `LAMBDA` parameters and named lambdas of `wb` are implemented).
fn missing(f: &Formula, wb: &docskill_formula::Workbook, sheet: u32) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in f.unknown_functions() {
        if !wb.has_name(name, sheet) && !out.iter().any(|o| o == name) {
            out.push(name.to_owned());
        }
    }
    out
}

fn parse_problem(e: &docskill_formula::ParseError) -> String {
    match e.kind {
        docskill_formula::ParseErrorKind::ExternalReference => "external reference".to_owned(),
        _ => format!("formula that does not parse ({e})"),
    }
}

struct Master {
    row: u32,
    col: u32,
    parsed: std::result::Result<Arc<Formula>, String>,
}

struct ArrayArea {
    r1: u32,
    c1: u32,
    r2: u32,
    c2: u32,
    /// The formula parses and the range is small enough to compute cell by cell.
    ok: bool,
    text: String,
    /// The parsed formula, shared by every cell of the range.
    parsed: Option<Arc<Formula>>,
}

/// Most distinct formula shapes remembered per sheet.
const MAX_SHAPES: usize = 1 << 16;

/// A formula parsed for the cell (`row`, `col`), shared with every later cell
/// whose formula has the same shape.
#[derive(Clone)]
struct Shaped {
    parsed: Arc<Formula>,
    row: u32,
    col: u32,
}

/// The last shape seen in a column, with the text it was last seen in.
#[derive(Clone)]
struct Recent {
    key: Vec<u8>,
    shaped: Shaped,
    template: RowTemplate,
}

/// Columns whose last shape is remembered (a column usually repeats one formula).
const RECENT_COLS: usize = 64;

/// Reads the cells of one sheet, or of one piece of it, into a [`SheetPiece`].
struct SheetLoader<'a> {
    wb: &'a Workbook,
    sheet: u32,
    sst: &'a [String],
    piece: SheetPiece,
    sites: Vec<Site>,
    unsupported: Vec<(CellId, String)>,
    masters: HashMap<u32, Master>,
    pending_shared: Vec<(RawCell, u32)>,
    arrays: Vec<ArrayArea>,
    /// Parsed formulas by shape ([`docskill_formula::formula_shape`]).
    shapes: HashMap<Vec<u8>, Shaped>,
    /// The last shape seen in each of the first columns, checked before
    /// `shapes`: first the text against the last one's (a formula copied
    /// down its column), then the shape (comparing bytes is cheaper than
    /// hashing them).
    recent: Vec<Option<Recent>>,
    /// The shape of the formula at hand.
    key: Vec<u8>,
    /// Where its relative rows are.
    rows: Vec<(usize, usize)>,
    /// Scratch text of the formula at hand.
    text: String,
    /// The engine's text of formulas whose text stays in the XML.
    no_text: Arc<str>,
}

impl<'a> SheetLoader<'a> {
    fn new(wb: &'a Workbook, sst: &'a [String], piece: SheetPiece, sheet: u32) -> Self {
        SheetLoader {
            wb,
            sheet,
            sst,
            piece,
            sites: Vec::new(),
            unsupported: Vec::new(),
            masters: HashMap::new(),
            pending_shared: Vec::new(),
            arrays: Vec::new(),
            shapes: HashMap::new(),
            recent: vec![None; RECENT_COLS],
            key: Vec::new(),
            rows: Vec::new(),
            text: String::new(),
            no_text: Arc::from(""),
        }
    }

    fn id(&self, c: &RawCell) -> CellId {
        CellId::new(self.sheet, c.row, c.col)
    }

    /// Parses `text`, the formula of (`row`, `col`), or takes the tree of an
    /// earlier cell whose formula has the same shape. Returns the tree and the
    /// cell it was parsed for.
    fn parse_at(
        &mut self,
        text: &str,
        row: u32,
        col: u32,
    ) -> (std::result::Result<Arc<Formula>, String>, (u32, u32)) {
        let slot = col as usize;
        if let Some(Some(r)) = self.recent.get(slot)
            && r.template.matches(text, row, col)
        {
            return (Ok(r.shaped.parsed.clone()), (r.shaped.row, r.shaped.col));
        }
        let shaped = docskill_formula::shape_marked(text, row, col, &mut self.key, &mut self.rows);
        if shaped
            && let Some(Some(r)) = self.recent.get_mut(slot)
            && r.key == self.key
        {
            // The same shape written otherwise: the column's text to compare now.
            r.template.set(text, row, col, &self.rows);
            return (Ok(r.shaped.parsed.clone()), (r.shaped.row, r.shaped.col));
        }
        if shaped && let Some(s) = self.shapes.get(self.key.as_slice()) {
            let found = (Ok(s.parsed.clone()), (s.row, s.col));
            if let Some(r) = self.recent.get_mut(slot) {
                *r = Some(Recent {
                    key: self.key.clone(),
                    shaped: s.clone(),
                    template: RowTemplate::new(text, row, col, &self.rows),
                });
            }
            return found;
        }
        let parsed = docskill_formula::parse(text)
            .map(Arc::new)
            .map_err(|e| parse_problem(&e));
        if shaped
            && self.shapes.len() < MAX_SHAPES
            && let Ok(f) = &parsed
        {
            let s = Shaped {
                parsed: f.clone(),
                row,
                col,
            };
            if let Some(r) = self.recent.get_mut(slot) {
                *r = Some(Recent {
                    key: self.key.clone(),
                    shaped: s.clone(),
                    template: RowTemplate::new(text, row, col, &self.rows),
                });
            }
            self.shapes.insert(self.key.clone(), s);
        }
        (parsed, (row, col))
    }

    /// `=` and the formula text, as shown in reports.
    fn eq_text(&mut self, text: &str) -> Arc<str> {
        self.text.clear();
        self.text.push('=');
        self.text.push_str(text);
        Arc::from(self.text.as_str())
    }

    /// A constant cell's value into the engine.
    fn put_cell_value(&mut self, c: &RawCell) -> Result<()> {
        // Text goes into the engine's value at once, not through a copy.
        let v = match c.t {
            CellType::Inline => c.inline().or_else(|| c.v()).map(Value::text),
            CellType::Str => c.v().map(|s| Value::text(super::scan::decode_escapes(s))),
            _ => cell_value(c, self.sst).as_ref().map(to_value),
        };
        if let Some(v) = v {
            self.piece
                .set_value(c.row, c.col, v)
                .map_err(|e| Error::Read(e.to_string()))?;
        }
        Ok(())
    }

    fn put_value(&mut self, at: CellId, v: Option<&CachedValue>) -> Result<()> {
        if let Some(v) = v {
            self.piece
                .set_value(at.row, at.col, to_value(v))
                .map_err(|e| Error::Read(e.to_string()))?;
        }
        Ok(())
    }

    /// Registers a formula cell: the engine computes it, or (when it cannot)
    /// the cell keeps the file's value and is listed as unsupported.
    fn formula(
        &mut self,
        c: &RawCell,
        text: Option<Arc<str>>,
        parsed: std::result::Result<Arc<Formula>, String>,
        mode: FormulaMode,
        counted: bool,
    ) -> Result<()> {
        self.formula_from(c, text, parsed, (c.row, c.col), mode, counted)
    }

    /// As [`SheetLoader::formula`], for a tree parsed for the cell `from`.
    /// Without `text`, the engine gets an empty text (it computes from the
    /// tree) and the report reads the formula from the XML when it needs it.
    fn formula_from(
        &mut self,
        c: &RawCell,
        text: Option<Arc<str>>,
        parsed: std::result::Result<Arc<Formula>, String>,
        from: (u32, u32),
        mode: FormulaMode,
        counted: bool,
    ) -> Result<()> {
        let at = self.id(c);
        // An unimplemented function computes to #NAME? (never a stale number);
        // a construct the engine cannot read at all keeps the file's value.
        let (problems, cached) = match &parsed {
            Ok(f) => (missing(f, self.wb, at.sheet), None),
            Err(p) => (vec![p.clone()], cell_value(c, self.sst)),
        };
        let keep = cached.is_some();
        for p in problems {
            self.unsupported.push((at, p));
        }
        match parsed {
            Ok(f) if !keep => {
                self.piece
                    .set_formula_shared(
                        at.row,
                        at.col,
                        text.clone().unwrap_or_else(|| self.no_text.clone()),
                        f,
                        from,
                        mode,
                    )
                    .map_err(|e| Error::Read(e.to_string()))?;
            }
            Err(_) if !keep => {
                let text = text.as_deref().unwrap_or_default();
                self.piece
                    .set_formula_with(at.row, at.col, text, mode)
                    .map_err(|e| Error::Read(e.to_string()))?;
            }
            _ => self.put_value(at, cached.as_ref())?,
        }
        self.sites.push(Site {
            at,
            text,
            span: c.span,
            keep,
            counted,
        });
        Ok(())
    }

    fn cell(&mut self, c: &RawCell) -> Result<()> {
        if c.row_hidden {
            self.piece.set_row_hidden(c.row);
        }
        let Some(f) = c.formula() else {
            if !self.arrays.is_empty()
                && let Some(i) = self
                    .arrays
                    .iter()
                    .position(|a| (a.r1..=a.r2).contains(&c.row) && (a.c1..=a.c2).contains(&c.col))
            {
                return self.array_member(c, i);
            }
            return self.put_cell_value(c);
        };
        match f.kind {
            FormulaKind::Shared if f.text.trim().is_empty() => {
                let si = f.si.unwrap_or(u32::MAX);
                self.pending_shared.push((c.clone(), si));
                Ok(())
            }
            FormulaKind::Shared | FormulaKind::Normal => {
                let (parsed, from) = self.parse_at(&f.text, c.row, c.col);
                if let (FormulaKind::Shared, Some(si)) = (f.kind, f.si) {
                    self.masters.insert(
                        si,
                        Master {
                            row: from.0,
                            col: from.1,
                            parsed: parsed.clone(),
                        },
                    );
                }
                // Formulas that parse keep no text of their own: most of a
                // big sheet's memory otherwise.
                let text = parsed.is_err().then(|| self.eq_text(&f.text));
                self.formula_from(c, text, parsed, from, FormulaMode::Legacy, true)
            }
            FormulaKind::Array => {
                let parsed = docskill_formula::parse(&f.text)
                    .map(Arc::new)
                    .map_err(|e| parse_problem(&e));
                let text = Some(self.eq_text(&f.text));
                if let Some(area) = f.range.as_deref().and_then(crate::cellref::Area::parse)
                    && !area.is_single()
                {
                    let (r1, c1) = (area.first.row, u32::from(area.first.col));
                    let (r2, c2) = (area.last.row, u32::from(area.last.col));
                    let cells = u64::from(r2 - r1 + 1) * u64::from(c2 - c1 + 1);
                    self.arrays.push(ArrayArea {
                        r1,
                        c1,
                        r2,
                        c2,
                        ok: parsed.is_ok() && cells <= MAX_ARRAY_CELLS,
                        text: f.text.clone(),
                        parsed: parsed.as_ref().ok().cloned(),
                    });
                    let i = self.arrays.len() - 1;
                    if cells > MAX_ARRAY_CELLS {
                        return self.array_member(c, i).map(|()| {
                            if let Some(s) = self.sites.last_mut() {
                                s.counted = true;
                            }
                        });
                    }
                    let mode = FormulaMode::ArrayCell { row: 0, col: 0 };
                    return self.formula(c, text, parsed, mode, true);
                }
                self.formula(c, text, parsed, FormulaMode::Dynamic, true)
            }
            FormulaKind::DataTable => {
                let at = self.id(c);
                let cached = cell_value(c, self.sst);
                self.unsupported.push((at, "data table".to_owned()));
                self.put_value(at, cached.as_ref())?;
                self.sites.push(Site {
                    at,
                    text: Some(format!("=TABLE({})", f.text).into()),
                    span: c.span,
                    keep: true,
                    counted: true,
                });
                Ok(())
            }
        }
    }

    /// A cell inside a multi-cell array formula's range other than its anchor.
    fn array_member(&mut self, c: &RawCell, i: usize) -> Result<()> {
        let a = &self.arrays[i];
        let (dr, dc) = (c.row - a.r1, c.col - a.c1);
        let text: Arc<str> = format!("={}", a.text).into();
        let anchor = (c.row, c.col) == (a.r1, a.c1);
        let src = a.text.clone();
        if !a.ok {
            let at = self.id(c);
            let cached = cell_value(c, self.sst);
            self.put_value(at, cached.as_ref())?;
            if anchor {
                self.unsupported
                    .push((at, "array formula over a large range".to_owned()));
            }
            self.sites.push(Site {
                at,
                text: Some(text),
                span: c.span,
                keep: true,
                counted: false,
            });
            return Ok(());
        }
        let parsed = match &a.parsed {
            Some(p) => Ok(p.clone()),
            None => docskill_formula::parse(&src)
                .map(Arc::new)
                .map_err(|e| parse_problem(&e)),
        };
        let mode = FormulaMode::ArrayCell { row: dr, col: dc };
        self.formula(c, Some(text), parsed, mode, false)
    }

    fn finish_shared(&mut self) -> Result<()> {
        for (c, si) in std::mem::take(&mut self.pending_shared) {
            let parsed = match self.masters.get(&si) {
                Some(m) => match &m.parsed {
                    Ok(f) => {
                        let dr = i64::from(c.row) - i64::from(m.row);
                        let dc = i64::from(c.col) - i64::from(m.col);
                        Ok(Arc::new(f.shifted(dr, dc)))
                    }
                    Err(e) => Err(e.clone()),
                },
                None => Err("shared formula without its anchor".to_owned()),
            };
            let text: Arc<str> = match &parsed {
                Ok(f) => format!("={}", f.to_formula_string()).into(),
                Err(_) => "".into(),
            };
            self.formula(&c, Some(text), parsed, FormulaMode::Legacy, true)?;
        }
        Ok(())
    }
}

fn table_of(doc: &Document, sheet: u32) -> Option<Table> {
    let t = &doc.root;
    let name = t.attr("displayName").or_else(|| t.attr("name"))?;
    let area = crate::cellref::Area::parse(t.attr("ref")?)?;
    let columns: Vec<String> = children(t, "tableColumns")
        .flat_map(|cols| children(cols, "tableColumn"))
        .map(|c| super::scan::decode_escapes(c.attr("name").unwrap_or_default()))
        .collect();
    let header_rows = t
        .attr("headerRowCount")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1u32)
        .min(1);
    let totals_rows = t
        .attr("totalsRowCount")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0u32)
        .min(1);
    Some(Table {
        name: name.to_owned(),
        sheet,
        first_row: area.first.row,
        last_row: area.last.row,
        first_col: u32::from(area.first.col),
        columns,
        header_rows,
        totals_rows,
    })
}

/// Loads `bytes` for calculation.
///
/// # Errors
/// [`Error::Package`] for a file that is not a readable package; [`Error::Read`]
/// when it has no workbook part or a part it needs is malformed XML.
pub(crate) fn load(bytes: Vec<u8>, limits: &Limits, pool: Pool<'_>) -> Result<Loaded> {
    let pkg = Package::open(bytes, limits)?;
    let root = pkg.relationships("/")?;
    let wb_part = root
        .items
        .iter()
        .find(|r| r.rel_type.ends_with(REL_OFFICE_DOC))
        .and_then(|r| resolve_target("/", &r.target))
        .filter(|p| pkg.has_part(p))
        .ok_or_else(|| Error::Read("the package has no workbook part".into()))?;
    let doc = Document::parse(&pkg.read_part(&wb_part)?, &wb_part, limits)?;
    let rels = pkg.relationships(&wb_part)?;
    let target = |rid: &str| {
        rels.get(rid)
            .filter(|r| !r.external)
            .and_then(|r| resolve_target(&wb_part, &r.target).map(|t| (t, r.rel_type.clone())))
    };
    let sst = shared_strings_of(&pkg, &wb_part, &rels)?;
    let mut wb = Workbook::new();
    wb.set_date1904(children(&doc.root, "workbookPr").any(|e| truthy(e.attr("date1904"))));
    let mut sheets = Vec::new();
    for (i, s) in children(&doc.root, "sheets")
        .flat_map(|s| children(s, "sheet"))
        .enumerate()
    {
        let name = s.attr("name").unwrap_or_default();
        if wb.add_sheet(name).is_err() {
            wb.add_sheet(&format!("{name} ({i})"))
                .map_err(|e| Error::Read(e.to_string()))?;
        }
        let part = rid_of(s)
            .and_then(target)
            .filter(|(p, ty)| ty.ends_with("/worksheet") && pkg.has_part(p))
            .map(|(p, _)| p);
        sheets.push(SheetPart {
            part,
            xml: Vec::new(),
        });
    }
    define_names(&doc, &mut wb, sheets.len());
    add_tables(&pkg, &sheets, &mut wb, limits)?;
    let budget = CellBudget::new(wb.limits().max_cells);
    let read = read_sheets(&pkg, &wb, &sheets, &sst, limits, pool, &budget)?;
    let mut sites = Sites::default();
    let mut unsupported = Vec::new();
    for (i, (mut xml, read)) in read.into_iter().enumerate() {
        let sheet = u32::try_from(i).unwrap_or(u32::MAX);
        let (Some(part), Some((_, bytes))) = (sheets[i].part.clone(), &xml) else {
            continue;
        };
        let mut outs = match read {
            Read::Whole(out) => vec![(*out)?],
            Read::Pieces(outs) if !outs.iter().any(|o| matches!(o, Ok((_, false)))) => outs
                .into_iter()
                .map(|o| o.map(|(out, _)| out))
                .collect::<Result<Vec<_>>>()?,
            // A piece did not end where the next began: read in one pass.
            Read::Pieces(_) => vec![read_whole(&wb, &sst, sheet, &part, bytes, limits)?],
        };
        let (mut masters, mut pending) = (HashMap::new(), Vec::new());
        loop {
            let mut pieces = Vec::with_capacity(outs.len());
            for out in std::mem::take(&mut outs) {
                pieces.push(out.piece);
                sites.push(out.sites);
                unsupported.extend(out.unsupported);
                masters.extend(out.masters);
                pending.extend(out.pending);
            }
            wb.add_pieces_with(pieces, pool.run)
                .map_err(|e| Error::Read(e.to_string()))?;
            if pending.is_empty() {
                break;
            }
            // Shared formulas whose anchor came later, or in another piece.
            let piece = SheetPiece::new(sheet, 0, budget.clone());
            let mut sl = SheetLoader::new(&wb, &sst, piece, sheet);
            sl.masters = std::mem::take(&mut masters);
            sl.pending_shared = std::mem::take(&mut pending);
            sl.finish_shared()?;
            outs = vec![sl.finish()];
        }
        // Only sheets with formulas are patched (or have formulas to list).
        if sites.last().is_some_and(|s: &Site| s.at.sheet == sheet)
            && let Some((_, x)) = xml.take()
        {
            sheets[i].xml = x.into_bytes();
        }
    }
    Ok(Loaded {
        pkg,
        wb_part,
        wb,
        sheets,
        sites,
        unsupported,
        sst,
    })
}

/// The workbook's shared strings (none without the part).
fn shared_strings_of(
    pkg: &Package,
    wb_part: &str,
    rels: &docskill_opc::Relationships,
) -> Result<Vec<String>> {
    Ok(
        match rels
            .items
            .iter()
            .find(|r| r.rel_type.ends_with("/sharedStrings"))
            .and_then(|r| resolve_target(wb_part, &r.target))
            .filter(|p| pkg.has_part(p))
        {
            Some(p) => shared_strings(&pkg.read_part(&p)?, &p)?,
            None => Vec::new(),
        },
    )
}

/// The workbook's defined names, into `wb` (those it cannot read left out).
fn define_names(doc: &Document, wb: &mut Workbook, sheets: usize) {
    for n in children(&doc.root, "definedNames").flat_map(|d| children(d, "definedName")) {
        let (Some(name), text) = (n.attr("name"), n.text()) else {
            continue;
        };
        let scope = n
            .attr("localSheetId")
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|&s| (s as usize) < sheets);
        let _ = wb.define_name(name, scope, text.trim());
    }
}

/// The tables of every sheet, into `wb`.
fn add_tables(
    pkg: &Package,
    sheets: &[SheetPart],
    wb: &mut Workbook,
    limits: &Limits,
) -> Result<()> {
    for (i, sp) in sheets.iter().enumerate() {
        let Some(part) = &sp.part else {
            continue;
        };
        let sheet = u32::try_from(i).unwrap_or(u32::MAX);
        for r in pkg
            .relationships(part)?
            .items
            .iter()
            .filter(|r| r.rel_type.ends_with("/table") && !r.external)
        {
            if let Some(tp) = resolve_target(part, &r.target).filter(|p| pkg.has_part(p))
                && let Ok(doc) = Document::parse(&pkg.read_part(&tp)?, &tp, limits)
                && let Some(t) = table_of(&doc, sheet)
            {
                wb.add_table(t);
            }
        }
    }
    Ok(())
}

/// What reading one sheet gave: its pieces (each with whether it ended where
/// the next one starts), or its cells read in one pass.
enum Read {
    Pieces(Vec<Result<(PieceOut, bool)>>),
    Whole(Box<Result<PieceOut>>),
}

/// Every worksheet inflated and read, each in a task of its own: a large
/// sheet is cut into pieces that are read as further tasks as soon as it is
/// inflated (while the other sheets still inflate), the others in one pass.
/// Per sheet: its bytes (`None` for a sheet without a part) and what reading
/// gave; errors of inflating come first, in sheet order.
fn read_sheets(
    pkg: &Package,
    wb: &Workbook,
    sheets: &[SheetPart],
    sst: &[String],
    limits: &Limits,
    pool: Pool<'_>,
    budget: &std::sync::Arc<CellBudget>,
) -> Result<Vec<(Inflated, Read)>> {
    let parts: Vec<(usize, Option<&str>)> = sheets
        .iter()
        .map(|s| s.part.as_deref())
        .enumerate()
        .collect();
    let done = pool.map(parts, |(i, p)| -> Result<(Inflated, Read)> {
        let xml = inflate(pkg, p, pool)?;
        let sheet = u32::try_from(i).unwrap_or(u32::MAX);
        let read = match (p, &xml) {
            (Some(part), Some((Some(cuts), Xml::Text(text)))) => Read::Pieces(read_pieces(
                wb, sheet, part, cuts, text, sst, limits, pool, budget,
            )),
            (Some(part), Some((_, bytes))) => {
                Read::Whole(Box::new(read_whole(wb, sst, sheet, part, bytes, limits)))
            }
            // No part: nothing to read.
            _ => Read::Pieces(Vec::new()),
        };
        Ok((xml, read))
    });
    done.into_iter().collect()
}

/// A worksheet part inflated, and cut into pieces when it is large.
fn inflate(pkg: &Package, part: Option<&str>, pool: Pool<'_>) -> Result<Inflated> {
    Ok(part
        .map(|p| pkg.read_part(p))
        .transpose()?
        .map(|x| match String::from_utf8(x) {
            Ok(text) => (
                super::split::plan(text.as_bytes(), pool.threads),
                Xml::Text(text),
            ),
            Err(e) => (None, Xml::Bytes(e.into_bytes())),
        }))
}

/// The cells of a sheet read in one pass.
fn read_whole(
    wb: &Workbook,
    sst: &[String],
    sheet: u32,
    part: &str,
    xml: &Xml,
    limits: &Limits,
) -> Result<PieceOut> {
    let budget = CellBudget::new(wb.limits().max_cells);
    let mut sl = SheetLoader::new(wb, sst, SheetPiece::new(sheet, 0, budget), sheet);
    let text = match xml {
        Xml::Text(t) => Some(t.as_str()),
        Xml::Bytes(_) => None,
    };
    let each = |c: &RawCell| sl.cell(c);
    scan_with(
        xml.bytes(),
        text,
        part,
        limits.max_xml_depth,
        each,
        true,
        usize::MAX,
    )?;
    Ok(sl.finish())
}

/// What reading one piece of a sheet gave.
struct PieceOut {
    piece: SheetPiece,
    sites: Vec<Site>,
    unsupported: Vec<(CellId, String)>,
    masters: HashMap<u32, Master>,
    pending: Vec<(RawCell, u32)>,
}

impl SheetLoader<'_> {
    fn finish(self) -> PieceOut {
        PieceOut {
            piece: self.piece,
            sites: self.sites,
            unsupported: self.unsupported,
            masters: self.masters,
            pending: self.pending_shared,
        }
    }
}

/// A worksheet part as inflated: its cuts (`None`: read in one pass) and bytes.
type Inflated = Option<(Option<Cuts>, Xml)>;

/// A worksheet part's bytes, checked to be UTF-8 (as most are) or not.
enum Xml {
    Text(String),
    Bytes(Vec<u8>),
}

impl Xml {
    fn bytes(&self) -> &[u8] {
        match self {
            Xml::Text(t) => t.as_bytes(),
            Xml::Bytes(b) => b,
        }
    }

    fn into_bytes(self) -> Vec<u8> {
        match self {
            Xml::Text(t) => t.into_bytes(),
            Xml::Bytes(b) => b,
        }
    }
}

/// The pieces of a sheet that is cut, read as tasks on `pool`: each piece's
/// cells and whether it ended where the next one starts.
#[expect(clippy::too_many_arguments, reason = "the loader's shared inputs")]
fn read_pieces(
    wb: &Workbook,
    sheet: u32,
    part: &str,
    cuts: &Cuts,
    xml: &str,
    sst: &[String],
    limits: &Limits,
    pool: Pool<'_>,
    budget: &std::sync::Arc<CellBudget>,
) -> Vec<Result<(PieceOut, bool)>> {
    pool.map((0..=cuts.at.len()).collect(), |k| {
        let (from, until, first_row) = cuts.piece(k);
        let mut piece = SheetPiece::new(sheet, first_row.unwrap_or(0), budget.clone());
        // Room for the piece's formulas at once (counted by their start tags).
        let end = until.min(xml.len());
        let formulas =
            memchr::memmem::find_iter(&xml.as_bytes()[from.min(end)..end], b"<f").count();
        piece.reserve_formulas(formulas);
        let mut sl = SheetLoader::new(wb, sst, piece, sheet);
        sl.sites.reserve(formulas);
        let bounds = Piece {
            from,
            until,
            depth: cuts.depth,
            open: &cuts.open,
        };
        let read = scan_piece(xml, part, limits.max_xml_depth, &bounds, |c| sl.cell(c));
        read.map(|ended| (sl.finish(), ended))
    })
}
