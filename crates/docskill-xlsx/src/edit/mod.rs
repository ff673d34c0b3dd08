//! `edit`: change an existing workbook by patching its own XML, never re-creating it.
//!
//! Only the parts an operation must change are rewritten (the worksheet, `workbook.xml`,
//! `styles.xml`, `sharedStrings.xml`, ...); every other part (charts, drawings, pivots,
//! images, VBA, comments, custom XML) is copied byte for byte with its original
//! compression. All operations are applied in memory first: if one fails, nothing is
//! produced.
//!
//! ```
//! use docskill_xlsx::{build, BuildOptions, WorkbookSpec, edit::{Editor, EditOp}};
//! let spec: WorkbookSpec = serde_json::from_str(r#"{"sheets": [{"name": "Data",
//!     "rows": [["qty", "price"], [3, 2.5]]}]}"#).unwrap();
//! let (bytes, _) = build(&spec, &BuildOptions::default()).unwrap();
//! let ops: Vec<EditOp> = serde_json::from_str(r#"[
//!     {"set": {"cell": "Data!C1", "value": "total"}},
//!     {"set": {"cell": "C2", "formula": "=A2*B2"}}]"#).unwrap();
//! let mut ed = Editor::open(bytes, &docskill_opc::Limits::default()).unwrap();
//! ed.apply(&ops).unwrap();
//! let out = ed.to_bytes().unwrap();
//! let opts = docskill_xlsx::ReadOptions { formulas: true, ..Default::default() };
//! let t = docskill_xlsx::read(&out, &opts, &docskill_opc::Limits::default()).unwrap();
//! assert_eq!(t.rows[1][2]["formula"], "=A2*B2");
//! ```

mod address;
mod app_props;
pub(crate) mod book;
mod cells;
mod layout;
mod ops;
mod parts;
mod rules;
mod scales;
mod strings;
mod styles;
mod write;

#[cfg(test)]
mod tests;

use docskill_opc::xml::dom::Element;
use docskill_opc::{Limits, Package, resolve_target};

pub use cells::CachedValue;
pub use ops::{
    AddSheetOp, ClearOp, ColumnsOp, DefineNameOp, DeleteNameOp, EditOp, FreezeOp, HideSheetOp,
    MoveSheetOp, RangeOp, RenameSheetOp, RowsOp, SetOp, SheetNameOp,
};

use crate::cellref::{Area, Cell};
use crate::error::{Error, Result, edit};
use parts::Parts;

const REL_OFFICE_DOC: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const REL_OFFICE_DOC_STRICT: &str =
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";

/// A sheet of the workbook as `workbook.xml` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SheetRef {
    /// Tab name.
    pub name: String,
    /// The part holding it (`/xl/worksheets/sheet1.xml`); `None` when its relationship is
    /// missing.
    pub part: Option<String>,
    /// Its relationship id in the workbook's relationships.
    pub rid: String,
    /// True for a worksheet (not a chart, dialog or macro sheet).
    pub worksheet: bool,
}

/// What an edit changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct EditSummary {
    /// Operations applied.
    pub ops: usize,
    /// Cells written or cleared.
    pub cells: u64,
    /// Parts rewritten, added or removed (sorted).
    pub changed_parts: Vec<String>,
    /// True when formulas changed, so the workbook recalculates when opened.
    pub recalculate_on_open: bool,
}

/// An open workbook being edited.
#[derive(Debug)]
pub struct Editor {
    pub(crate) pkg: Package,
    pub(crate) parts: Parts,
    /// The workbook part (`/xl/workbook.xml`).
    pub(crate) wb_part: String,
    /// Sheets in tab order.
    pub(crate) sheets: Vec<SheetRef>,
    /// Worksheet parts whose cell rows have been normalised for editing.
    pub(crate) normalised: std::collections::BTreeSet<String>,
    /// Parts removed (for the summary).
    pub(crate) removed: Vec<String>,
    pub(crate) formulas_changed: bool,
    pub(crate) values_changed: bool,
    pub(crate) cells_written: u64,
    pub(crate) ops_applied: usize,
    pub(crate) strings: strings::StringIndex,
    /// Worksheet names when the workbook was opened (for `docProps/app.xml`).
    pub(crate) opened_worksheets: Vec<String>,
    /// Sheet renames so far (old, new).
    pub(crate) renamed: Vec<(String, String)>,
    /// Sheets deleted so far.
    pub(crate) deleted: Vec<String>,
}

impl Editor {
    /// Open a workbook for editing.
    ///
    /// # Errors
    /// [`Error::Package`] for a file that is not a readable package; [`Error::Read`] when
    /// it has no workbook part or its `workbook.xml` is malformed.
    pub fn open(bytes: Vec<u8>, limits: &Limits) -> Result<Self> {
        let pkg = Package::open(bytes, limits)?;
        let root = pkg.relationships("/")?;
        let wb_part = root
            .items
            .iter()
            .find(|r| r.rel_type == REL_OFFICE_DOC || r.rel_type == REL_OFFICE_DOC_STRICT)
            .and_then(|r| resolve_target("/", &r.target))
            .filter(|p| pkg.has_part(p))
            .ok_or_else(|| Error::Read("the package has no workbook part".into()))?;
        let mut ed = Self {
            pkg,
            parts: Parts::default(),
            wb_part,
            sheets: Vec::new(),
            normalised: std::collections::BTreeSet::new(),
            removed: Vec::new(),
            formulas_changed: false,
            values_changed: false,
            cells_written: 0,
            ops_applied: 0,
            strings: strings::StringIndex::default(),
            opened_worksheets: Vec::new(),
            renamed: Vec::new(),
            deleted: Vec::new(),
        };
        ed.sheets = ed.read_sheets()?;
        ed.opened_worksheets = ed.worksheet_names();
        if ed.sheets.is_empty() {
            return Err(Error::Read("the workbook lists no sheets".into()));
        }
        Ok(ed)
    }

    /// The sheets as `workbook.xml` lists them.
    fn read_sheets(&mut self) -> Result<Vec<SheetRef>> {
        let rels = self.pkg.relationships(&self.wb_part)?;
        let wb_part = self.wb_part.clone();
        let doc = self.parts.get(&self.pkg, &wb_part)?;
        let Some(sheets) = parts::child(&doc.root, "sheets") else {
            return Ok(Vec::new());
        };
        Ok(sheets
            .elements()
            .filter(|e| e.local() == "sheet")
            .map(|e| {
                let rid = rid_of(e).unwrap_or_default();
                let rel = rels.get(&rid);
                SheetRef {
                    name: e.attr("name").unwrap_or_default().to_owned(),
                    part: rel
                        .filter(|r| !r.external)
                        .and_then(|r| resolve_target(&wb_part, &r.target)),
                    worksheet: rel.is_some_and(|r| r.rel_type.ends_with("/worksheet")),
                    rid,
                }
            })
            .collect())
    }

    /// Sheet names in tab order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }

    /// Worksheet names (no chart or dialog sheets) in tab order.
    fn worksheet_names(&self) -> Vec<String> {
        self.sheets
            .iter()
            .filter(|s| s.worksheet)
            .map(|s| s.name.clone())
            .collect()
    }

    /// Keep the titles in `docProps/app.xml` in step with the sheets.
    fn update_app_props(&mut self) -> Result<()> {
        let after = self.worksheet_names();
        if after == self.opened_worksheets && self.renamed.is_empty() && self.deleted.is_empty() {
            return Ok(());
        }
        let root = self.pkg.relationships("/")?;
        let Some(part) = root
            .items
            .iter()
            .find(|r| r.rel_type == app_props::REL_EXTENDED && !r.external)
            .and_then(|r| resolve_target("/", &r.target))
            .filter(|p| self.pkg.has_part(p))
        else {
            return Ok(());
        };
        let changes = app_props::SheetChanges {
            before: &self.opened_worksheets,
            after: &after,
            renamed: &self.renamed,
            deleted: &self.deleted,
        };
        // A malformed app.xml is not ours to fix: it stays as it was.
        let Ok(doc) = self.parts.get(&self.pkg, &part) else {
            return Ok(());
        };
        if app_props::update(&mut doc.root, &changes) {
            self.parts.edit(&self.pkg, &part)?;
        }
        Ok(())
    }

    /// Index of a sheet by name (without case); the first sheet for `None`.
    pub(crate) fn sheet_index(&self, name: Option<&str>) -> Result<usize> {
        match name {
            None => Ok(0),
            Some(n) => self
                .sheets
                .iter()
                .position(|s| s.name.to_lowercase() == n.to_lowercase())
                .ok_or_else(|| Error::SheetNotFound {
                    name: n.to_owned(),
                    available: self.sheet_names(),
                }),
        }
    }

    /// The worksheet part of a sheet, refusing chart and macro sheets.
    pub(crate) fn worksheet_part(&self, index: usize) -> Result<String> {
        let s = &self.sheets[index];
        match (&s.part, s.worksheet) {
            (Some(p), true) if self.pkg.has_part(p) || self.parts.is_loaded(p) => Ok(p.clone()),
            _ => Err(Error::NotAWorksheet(s.name.clone())),
        }
    }

    /// Resolve `Data!B2:C3` to (sheet index, the rest).
    pub(crate) fn locate<'a>(&self, address: &'a str) -> Result<(usize, &'a str)> {
        let (sheet, rest) = address::split_sheet(address);
        Ok((self.sheet_index(sheet.as_deref())?, rest))
    }

    /// Resolve `Data!B2:C3` to (sheet index, area).
    pub(crate) fn locate_area(&self, address: &str) -> Result<(usize, Area)> {
        let (i, rest) = self.locate(address)?;
        let area = Area::parse(rest).ok_or_else(|| {
            edit(
                self.at(i, rest),
                format!("{rest:?} is not a cell or range in A1 notation"),
            )
        })?;
        Ok((i, area))
    }

    /// `Data!B2` for messages.
    pub(crate) fn at(&self, sheet: usize, what: impl std::fmt::Display) -> String {
        format!(
            "{}!{what}",
            crate::refs::qualifier(&self.sheets[sheet].name)
        )
    }

    /// The worksheet's root element, loaded and prepared for editing, marked changed.
    pub(crate) fn sheet_mut(&mut self, index: usize) -> Result<&mut Element> {
        let part = self.worksheet_part(index)?;
        let doc = self.parts.edit(&self.pkg, &part)?;
        if !self.normalised.contains(&part) {
            cells::normalise(&mut doc.root);
            self.normalised.insert(part);
        }
        Ok(&mut doc.root)
    }

    /// Apply operations in order. On error the editor should be dropped: the error says
    /// which operation failed and why; no bytes have been produced.
    ///
    /// # Errors
    /// [`Error::Op`] wrapping the first failure: [`Error::Edit`] (naming the sheet and
    /// cell, range or name), [`Error::Formula`], [`Error::SheetNotFound`],
    /// [`Error::NotAWorksheet`], [`Error::Package`].
    pub fn apply(&mut self, ops: &[EditOp]) -> Result<()> {
        for (index, op) in ops.iter().enumerate() {
            self.apply_one(op).map_err(|e| Error::Op {
                index,
                source: Box::new(e),
            })?;
            self.ops_applied += 1;
        }
        Ok(())
    }

    fn apply_one(&mut self, op: &EditOp) -> Result<()> {
        match op {
            EditOp::Set(s) => self.set(s),
            EditOp::Clear(c) => self.clear(c),
            EditOp::AddSheet(a) => self.add_sheet(&a.name, a.index),
            EditOp::RenameSheet(r) => self.rename_sheet(&r.from, &r.to),
            EditOp::MoveSheet(m) => self.move_sheet(&m.name, m.index),
            EditOp::HideSheet(h) => self.set_visibility(&h.name, Some(h.very_hidden)),
            EditOp::ShowSheet(s) => self.set_visibility(&s.name, None),
            EditOp::DeleteSheet(d) => self.delete_sheet(&d.name),
            EditOp::Columns(c) => self.columns(c),
            EditOp::Rows(r) => self.rows(r),
            EditOp::Freeze(f) => self.freeze(&f.cell),
            EditOp::Merge(m) => self.merge(&m.range),
            EditOp::Unmerge(m) => self.unmerge(&m.range),
            EditOp::AddValidation(v) => self.add_validation(v),
            EditOp::AddConditionalFormat(c) => self.add_conditional_format(c),
            EditOp::DefineName(d) => self.define_name(&d.name, &d.refers_to, d.sheet.as_deref()),
            EditOp::DeleteName(d) => self.delete_name(&d.name, d.sheet.as_deref()),
        }
    }

    /// Write the cached value of a formula cell, keeping its formula (for recalculation).
    ///
    /// # Errors
    /// [`Error::SheetNotFound`], [`Error::NotAWorksheet`], [`Error::Edit`] when the cell
    /// holds no formula.
    pub fn set_cached_value(&mut self, sheet: &str, cell: Cell, value: &CachedValue) -> Result<()> {
        let i = self.sheet_index(Some(sheet))?;
        let at = self.at(i, cell);
        let root = self.sheet_mut(i)?;
        cells::set_cached(root, cell, value).map_err(|m| edit(at, m))
    }

    /// What has been changed so far.
    pub fn summary(&mut self) -> EditSummary {
        let mut changed: Vec<String> = self.parts.changed().map(|(k, _)| k.clone()).collect();
        changed.extend(self.removed.iter().cloned());
        changed.extend(
            self.pkg
                .parts()
                .into_iter()
                .filter(|p| p.changed)
                .map(|p| p.name),
        );
        changed.sort();
        changed.dedup();
        EditSummary {
            ops: self.ops_applied,
            cells: self.cells_written,
            changed_parts: changed,
            recalculate_on_open: self.formulas_changed || self.values_changed,
        }
    }

    /// The edited workbook. Untouched parts keep their original bytes.
    ///
    /// # Errors
    /// [`Error::Package`] when the package cannot be written.
    pub fn to_bytes(&mut self) -> Result<Vec<u8>> {
        self.finish()?;
        let mut pkg = self.pkg.clone();
        for (part, doc) in self.parts.changed() {
            if doc.root.local() == "worksheet" {
                cells::update_dimension(&mut doc.root);
            }
            pkg.set_part(part, doc.to_bytes(), None)?;
        }
        Ok(pkg.to_bytes()?)
    }

    /// Workbook-level consequences of the edits: recalculation on open, no stale calcChain.
    fn finish(&mut self) -> Result<()> {
        self.update_app_props()?;
        if self.formulas_changed {
            self.drop_calc_chain()?;
        }
        if self.formulas_changed || self.values_changed {
            self.full_calc_on_load()?;
        }
        Ok(())
    }
}

/// The `r:id` attribute of a `<sheet>` (whatever the prefix of the relationships namespace).
pub(crate) fn rid_of(e: &Element) -> Option<String> {
    e.attrs
        .iter()
        .find(|(k, _)| k.ends_with(":id"))
        .map(|(_, v)| v.clone())
}

/// Open `bytes`, apply `ops`, return the new workbook and what changed.
///
/// # Errors
/// As [`Editor::open`], [`Editor::apply`] and [`Editor::to_bytes`].
pub fn edit_workbook(
    bytes: Vec<u8>,
    ops: &[EditOp],
    limits: &Limits,
) -> Result<(Vec<u8>, EditSummary)> {
    let mut ed = Editor::open(bytes, limits)?;
    ed.apply(ops)?;
    let out = ed.to_bytes()?;
    Ok((out, ed.summary()))
}
