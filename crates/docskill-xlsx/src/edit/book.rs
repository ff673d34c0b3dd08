//! Workbook-level edits: add, rename, move, hide, show and delete sheets; defined names;
//! recalculation on open.

use std::collections::BTreeSet;

use docskill_opc::xml::dom::{Document, Element, Node};

use super::parts::{self, WORKBOOK_ORDER, child, child_mut, ensure_child, prefix_of};
use super::{Editor, SheetRef};
use crate::error::{Result, edit};
use crate::refs;

const REL_WORKSHEET: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT_WORKSHEET: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/// Parts whose formulas and sheet references follow renames and deletions.
const FORMULA_PART_TYPES: &[&str] = &[
    "spreadsheetml.worksheet+xml",
    "drawingml.chart+xml",
    "spreadsheetml.pivotCacheDefinition+xml",
    "application/vnd.ms-excel.chartex+xml",
];

/// Why a sheet name cannot be used, if it cannot.
fn name_problem(name: &str, others: &[&str]) -> Option<String> {
    if name.is_empty() || name.chars().count() > 31 {
        Some("must have 1 to 31 characters".to_owned())
    } else if let Some(c) = name.chars().find(|c| "[]:*?/\\".contains(*c)) {
        Some(format!("must not contain {c:?} (none of [ ] : * ? / \\)"))
    } else if name.starts_with('\'') || name.ends_with('\'') {
        Some("must not start or end with an apostrophe".to_owned())
    } else if name.eq_ignore_ascii_case("history") {
        Some("is reserved by Excel".to_owned())
    } else if others
        .iter()
        .any(|o| o.to_lowercase() == name.to_lowercase())
    {
        Some("is already used (names are compared without case)".to_owned())
    } else {
        None
    }
}

/// Why a defined name cannot be used, if it cannot.
fn defined_name_problem(name: &str) -> Option<&'static str> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '\\');
    if !first_ok
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '\\'))
    {
        return Some("must start with a letter, _ or \\ and hold only letters, digits, _ . \\");
    }
    let plain = name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.'));
    if crate::cellref::Cell::parse(name).is_some() || plain && refs::needs_quotes(name) {
        return Some("looks like a cell reference");
    }
    if name.chars().count() > 255 {
        return Some("is longer than 255 characters");
    }
    None
}

/// Apply `f` to the text of every formula-holding element below `e` and to sheet-naming
/// attributes; true when something changed.
fn rewrite_refs(
    e: &mut Element,
    f: &dyn Fn(&str) -> Option<String>,
    sheet_attr: &dyn Fn(&str) -> Option<String>,
) -> bool {
    let mut changed = false;
    if matches!(
        e.local(),
        "f" | "formula" | "formula1" | "formula2" | "definedName"
    ) {
        let text = e.text();
        if let Some(new) = f(&text) {
            parts::set_text(e, &new);
            changed = true;
        }
    }
    if e.local() == "hyperlink"
        && let Some(loc) = e.attr("location").map(str::to_owned)
        && let Some(new) = f(&loc)
    {
        e.set_attr("location", new);
        changed = true;
    }
    if e.local() == "worksheetSource"
        && let Some(s) = e.attr("sheet").map(str::to_owned)
        && let Some(new) = sheet_attr(&s)
    {
        e.set_attr("sheet", new);
        changed = true;
    }
    for c in e.elements_mut() {
        changed |= rewrite_refs(c, f, sheet_attr);
    }
    changed
}

impl Editor {
    fn workbook(&mut self) -> Result<&mut Element> {
        let part = self.wb_part.clone();
        Ok(&mut self.parts.edit(&self.pkg, &part)?.root)
    }

    fn workbook_ro(&mut self) -> Result<&Element> {
        let part = self.wb_part.clone();
        Ok(&self.parts.get(&self.pkg, &part)?.root)
    }

    fn sheet_elements(wb: &mut Element) -> Vec<&mut Element> {
        ensure_child(wb, "sheets", WORKBOOK_ORDER)
            .elements_mut()
            .filter(|e| e.local() == "sheet")
            .collect()
    }

    fn check_name(&self, name: &str, except: Option<usize>) -> Result<()> {
        let others: Vec<&str> = self
            .sheets
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != except)
            .map(|(_, s)| s.name.as_str())
            .collect();
        match name_problem(name, &others) {
            Some(p) => Err(edit(format!("sheet {name:?}"), format!("the name {p}"))),
            None => Ok(()),
        }
    }

    /// Visible sheet indexes.
    fn visible(&mut self) -> Result<Vec<usize>> {
        let wb = self.workbook_ro()?;
        Ok(child(wb, "sheets")
            .map(|s| {
                s.elements()
                    .filter(|e| e.local() == "sheet")
                    .enumerate()
                    .filter(|(_, e)| e.attr("state").is_none_or(|v| v == "visible"))
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Renumber sheet indexes held in `workbook.xml` (`localSheetId`, `activeTab`,
    /// `firstSheet`) after the tabs moved: `map(old) = new`, `None` for a deleted sheet.
    fn remap_indexes(&mut self, map: &dyn Fn(usize) -> Option<usize>) -> Result<()> {
        let visible = self.visible()?;
        let wb = self.workbook()?;
        if let Some(names) = child_mut(wb, "definedNames") {
            names.children.retain_mut(|n| {
                let Node::Element(d) = n else { return true };
                let Some(id) = d.attr("localSheetId").and_then(|v| v.parse::<usize>().ok()) else {
                    return true;
                };
                match map(id) {
                    Some(new) => {
                        d.set_attr("localSheetId", new.to_string());
                        true
                    }
                    None => false,
                }
            });
        }
        let first_visible = visible.first().copied().unwrap_or(0);
        // The first view's active tab before and after: (the old active sheet's new index
        // if it is still there, the new active index).
        let mut moved_selection = None;
        if let Some(views) = child_mut(wb, "bookViews") {
            for (k, v) in views.elements_mut().enumerate() {
                for key in ["activeTab", "firstSheet"] {
                    // A missing index is the first sheet.
                    let id = v
                        .attr(key)
                        .and_then(|x| x.parse::<usize>().ok())
                        .unwrap_or(0);
                    let new = map(id)
                        .filter(|n| visible.contains(n))
                        .unwrap_or(first_visible);
                    if new == 0 {
                        v.remove_attr(key);
                    } else {
                        v.set_attr(key, new.to_string());
                    }
                    if k == 0 && key == "activeTab" && map(id) != Some(new) {
                        moved_selection = Some((map(id), new));
                    }
                }
            }
        }
        if let Some((old, new)) = moved_selection {
            if let Some(old) = old {
                self.select_tab(old, false)?;
            }
            self.select_tab(new, true)?;
        }
        Ok(())
    }

    /// Mark sheet `index` as a selected tab of the first window, or not. A hidden sheet
    /// left selected would group with the active one when the file is opened.
    fn select_tab(&mut self, index: usize, selected: bool) -> Result<()> {
        let part = self.worksheet_part(index)?;
        if !self.pkg.has_part(&part) {
            return Ok(());
        }
        let is_view = |v: &Element| {
            v.local() == "sheetView" && v.attr("workbookViewId").is_none_or(|w| w == "0")
        };
        // Looked at first, so that a sheet already right is not rewritten.
        let root = &self.parts.get(&self.pkg, &part)?.root;
        let now = child(root, "sheetViews")
            .and_then(|vs| vs.elements().find(|v| is_view(v)))
            .map(|v| {
                v.attr("tabSelected")
                    .is_some_and(|t| t == "1" || t == "true")
            });
        if now.is_none_or(|now| now == selected) {
            return Ok(());
        }
        let root = &mut self.parts.edit(&self.pkg, &part)?.root;
        if let Some(view) =
            child_mut(root, "sheetViews").and_then(|vs| vs.elements_mut().find(|v| is_view(v)))
        {
            if selected {
                view.set_attr("tabSelected", "1");
            } else {
                view.remove_attr("tabSelected");
            }
        }
        Ok(())
    }

    /// The `add_sheet` operation.
    pub(crate) fn add_sheet(&mut self, name: &str, index: Option<usize>) -> Result<()> {
        self.check_name(name, None)?;
        let n = self.sheets.len();
        let index = index.unwrap_or(n);
        if index > n {
            return Err(edit(
                format!("sheet {name:?}"),
                format!("index {index} is past the last position ({n})"),
            ));
        }
        let dir = self
            .wb_part
            .rsplit_once('/')
            .map_or("", |(d, _)| d)
            .to_owned();
        let part = (1..=self.pkg.parts().len() + 1)
            .map(|i| format!("{dir}/worksheets/sheet{i}.xml"))
            .find(|p| !self.pkg.has_part(p))
            .unwrap_or_default();
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><dimension ref=\"A1\"/><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><sheetData/><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
        );
        let doc = Document::parse(xml.as_bytes(), &part, self.pkg.limits())?;
        self.pkg.add_part(&part, xml.into_bytes(), CT_WORKSHEET)?;
        self.parts.insert(&part, doc);
        let mut rels = self.pkg.relationships(&self.wb_part)?;
        let target = part
            .strip_prefix(&format!("{dir}/"))
            .unwrap_or(&part)
            .to_owned();
        let rid = rels.add(REL_WORKSHEET, &target, false);
        self.pkg.set_relationships(&self.wb_part, &rels)?;

        let wb = self.workbook()?;
        let r_prefix = Self::r_prefix(wb);
        let sheets_el = ensure_child(wb, "sheets", WORKBOOK_ORDER);
        let next_id = sheets_el
            .elements()
            .filter_map(|e| e.attr("sheetId").and_then(|v| v.parse::<u32>().ok()))
            .max()
            .unwrap_or(0)
            + 1;
        let mut el = Element::new(format!("{}sheet", prefix_of(sheets_el)))
            .with_attr("name", name)
            .with_attr("sheetId", next_id.to_string());
        if let Some(p) = &r_prefix {
            el.set_attr(&format!("{p}:id"), rid.clone());
        } else {
            el.set_attr("xmlns:r", REL_NS);
            el.set_attr("r:id", rid.clone());
        }
        // Insert before the index-th <sheet> element.
        let pos = sheets_el
            .children
            .iter()
            .enumerate()
            .filter(|(_, n)| matches!(n, Node::Element(e) if e.local() == "sheet"))
            .nth(index)
            .map_or(sheets_el.children.len(), |(i, _)| i);
        sheets_el.children.insert(pos, Node::Element(el));
        self.sheets.insert(
            index,
            SheetRef {
                name: name.to_owned(),
                part: Some(part),
                rid,
                worksheet: true,
            },
        );
        self.remap_indexes(&|i| Some(if i >= index { i + 1 } else { i }))
    }

    /// The prefix bound to the relationships namespace in `workbook.xml`.
    fn r_prefix(wb: &Element) -> Option<String> {
        wb.attrs
            .iter()
            .find(|(k, v)| k.starts_with("xmlns:") && v == REL_NS)
            .map(|(k, _)| k["xmlns:".len()..].to_owned())
            .or_else(|| {
                child(wb, "sheets")?
                    .elements()
                    .find_map(|s| s.attrs.iter().find(|(k, _)| k.ends_with(":id")))
                    .and_then(|(k, _)| k.split_once(':').map(|(p, _)| p.to_owned()))
            })
    }

    /// The `rename_sheet` operation.
    pub(crate) fn rename_sheet(&mut self, from: &str, to: &str) -> Result<()> {
        let i = self.sheet_index(Some(from))?;
        self.check_name(to, Some(i))?;
        let old = self.sheets[i].name.clone();
        {
            let wb = self.workbook()?;
            if let Some(el) = Self::sheet_elements(wb).into_iter().nth(i) {
                el.set_attr("name", to);
            }
        }
        to.clone_into(&mut self.sheets[i].name);
        self.renamed.push((old.clone(), to.to_owned()));
        let new = to.to_owned();
        let old2 = old.clone();
        self.rewrite_everywhere(&old, &move |f| refs::rename_sheet(f, &old2, &new), &|s| {
            (s.to_lowercase() == old.to_lowercase()).then(|| to.to_owned())
        })?;
        Ok(())
    }

    /// Rewrite formulas that mention sheet `name` in the workbook's defined names and in
    /// every worksheet, chart and pivot cache part. Returns whether anything changed.
    fn rewrite_everywhere(
        &mut self,
        name: &str,
        f: &dyn Fn(&str) -> Option<String>,
        sheet_attr: &dyn Fn(&str) -> Option<String>,
    ) -> Result<bool> {
        let mut changed = false;
        {
            let wb_part = self.wb_part.clone();
            let doc = self.parts.get(&self.pkg, &wb_part)?;
            if let Some(names) = child_mut(&mut doc.root, "definedNames")
                && rewrite_refs(names, f, sheet_attr)
            {
                self.parts.edit(&self.pkg, &wb_part)?;
                changed = true;
            }
        }
        // A cheap test on the raw bytes before parsing: a piece of the name without
        // characters that XML or formulas escape.
        let probe = name
            .split(['\'', '&', '<', '>', '"'])
            .max_by_key(|s| s.len())
            .unwrap_or("")
            .to_lowercase();
        let candidates: Vec<String> = self
            .pkg
            .parts()
            .into_iter()
            .filter(|p| {
                p.content_type
                    .as_deref()
                    .is_some_and(|ct| FORMULA_PART_TYPES.iter().any(|t| ct.ends_with(t)))
            })
            .map(|p| p.name)
            .collect();
        for part in candidates {
            if !self.parts.is_loaded(&part) {
                let raw = self.pkg.read_part(&part)?;
                if !probe.is_empty()
                    && !String::from_utf8_lossy(&raw)
                        .to_lowercase()
                        .contains(&probe)
                {
                    continue;
                }
            }
            let doc = self.parts.get(&self.pkg, &part)?;
            if rewrite_refs(&mut doc.root, f, sheet_attr) {
                self.parts.edit(&self.pkg, &part)?;
                changed = true;
            }
        }
        Ok(changed)
    }

    /// The `move_sheet` operation.
    pub(crate) fn move_sheet(&mut self, name: &str, to: usize) -> Result<()> {
        let from = self.sheet_index(Some(name))?;
        let n = self.sheets.len();
        if to >= n {
            return Err(edit(
                format!("sheet {name:?}"),
                format!("index {to} is past the last position ({})", n - 1),
            ));
        }
        if from == to {
            return Ok(());
        }
        {
            let wb = self.workbook()?;
            let sheets_el = ensure_child(wb, "sheets", WORKBOOK_ORDER);
            let positions: Vec<usize> = sheets_el
                .children
                .iter()
                .enumerate()
                .filter(|(_, n)| matches!(n, Node::Element(e) if e.local() == "sheet"))
                .map(|(i, _)| i)
                .collect();
            let mut els: Vec<Node> = positions
                .iter()
                .map(|&p| sheets_el.children[p].clone())
                .collect();
            let moved = els.remove(from);
            els.insert(to, moved);
            for (p, el) in positions.iter().zip(els) {
                sheets_el.children[*p] = el;
            }
        }
        let s = self.sheets.remove(from);
        self.sheets.insert(to, s);
        let map = move |i: usize| {
            Some(if i == from {
                to
            } else if from < to && i > from && i <= to {
                i - 1
            } else if to < from && i >= to && i < from {
                i + 1
            } else {
                i
            })
        };
        self.remap_indexes(&map)
    }

    /// The `hide_sheet` (`Some(very)`) and `show_sheet` (`None`) operations.
    pub(crate) fn set_visibility(&mut self, name: &str, hide: Option<bool>) -> Result<()> {
        let i = self.sheet_index(Some(name))?;
        let visible = self.visible()?;
        if hide.is_some() && visible == [i] {
            return Err(edit(
                format!("sheet {name:?}"),
                "it is the only visible sheet; a workbook needs one",
            ));
        }
        {
            let wb = self.workbook()?;
            if let Some(el) = Self::sheet_elements(wb).into_iter().nth(i) {
                match hide {
                    Some(true) => el.set_attr("state", "veryHidden"),
                    Some(false) => el.set_attr("state", "hidden"),
                    None => el.remove_attr("state"),
                }
            }
        }
        // The active tab must stay on a visible sheet.
        self.remap_indexes(&Some)
    }

    /// The `delete_sheet` operation.
    pub(crate) fn delete_sheet(&mut self, name: &str) -> Result<()> {
        let i = self.sheet_index(Some(name))?;
        let visible = self.visible()?;
        if visible == [i] || self.sheets.len() == 1 {
            return Err(edit(
                format!("sheet {name:?}"),
                "it is the only visible sheet; a workbook needs one",
            ));
        }
        let sheet = self.sheets[i].clone();
        let before = self.reachable()?;
        {
            let wb = self.workbook()?;
            let sheets_el = ensure_child(wb, "sheets", WORKBOOK_ORDER);
            let pos = sheets_el
                .children
                .iter()
                .enumerate()
                .filter(|(_, n)| matches!(n, Node::Element(e) if e.local() == "sheet"))
                .nth(i)
                .map(|(p, _)| p);
            if let Some(p) = pos {
                sheets_el.children.remove(p);
            }
        }
        self.sheets.remove(i);
        self.deleted.push(sheet.name.clone());
        let mut rels = self.pkg.relationships(&self.wb_part)?;
        rels.remove(&sheet.rid);
        self.pkg.set_relationships(&self.wb_part, &rels)?;
        // Parts only the deleted sheet used go with it.
        let after = self.reachable()?;
        for part in before.difference(&after) {
            if self.pkg.has_part(part) {
                self.pkg.remove_part(part)?;
                self.removed.push(part.clone());
            }
            let rels_part = docskill_opc::rels_part_for(part);
            if self.pkg.has_part(&rels_part) {
                self.pkg.remove_part(&rels_part)?;
                self.removed.push(rels_part);
            }
            self.parts.remove(part);
            self.normalised.remove(part);
        }
        self.remap_indexes(&|j| match j.cmp(&i) {
            std::cmp::Ordering::Less => Some(j),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(j - 1),
        })?;
        let gone = sheet.name.clone();
        self.rewrite_everywhere(&sheet.name, &move |f| refs::drop_sheet(f, &gone), &|_| None)?;
        self.formulas_changed = true;
        Ok(())
    }

    /// Parts reachable from the package root through relationships.
    fn reachable(&self) -> Result<BTreeSet<String>> {
        let mut seen = BTreeSet::new();
        let mut todo = vec!["/".to_owned()];
        while let Some(src) = todo.pop() {
            let rels = self.pkg.relationships(&src)?;
            for r in rels.items.iter().filter(|r| !r.external) {
                if let Some(t) = docskill_opc::resolve_target(&src, &r.target)
                    && self.pkg.has_part(&t)
                    && seen.insert(t.clone())
                {
                    todo.push(t);
                }
            }
        }
        Ok(seen)
    }

    /// The `define_name` operation.
    pub(crate) fn define_name(
        &mut self,
        name: &str,
        refers_to: &str,
        sheet: Option<&str>,
    ) -> Result<()> {
        let at = format!("name {name:?}");
        if let Some(p) = defined_name_problem(name) {
            return Err(edit(at, format!("the name {p}")));
        }
        let text = super::write::stored_formula(refers_to, &at)?;
        let scope = sheet.map(|s| self.sheet_index(Some(s))).transpose()?;
        let wb = self.workbook()?;
        let names = ensure_child(wb, "definedNames", WORKBOOK_ORDER);
        let same = |d: &Element| {
            d.attr("name").is_some_and(|n| n.eq_ignore_ascii_case(name))
                && d.attr("localSheetId").and_then(|v| v.parse::<usize>().ok()) == scope
        };
        if let Some(d) = names.elements_mut().find(|d| same(d)) {
            parts::set_text(d, &text);
        } else {
            let mut d =
                Element::new(format!("{}definedName", prefix_of(names))).with_attr("name", name);
            if let Some(s) = scope {
                d.set_attr("localSheetId", s.to_string());
            }
            parts::set_text(&mut d, &text);
            let pos = names
                .children
                .iter()
                .position(|n| {
                    matches!(n, Node::Element(e)
                    if e.attr("name").is_some_and(|o| o.to_lowercase() > name.to_lowercase()))
                })
                .unwrap_or(names.children.len());
            names.children.insert(pos, Node::Element(d));
        }
        self.values_changed = true;
        Ok(())
    }

    /// The `delete_name` operation.
    pub(crate) fn delete_name(&mut self, name: &str, sheet: Option<&str>) -> Result<()> {
        let scope = sheet.map(|s| self.sheet_index(Some(s))).transpose()?;
        let wb = self.workbook()?;
        let mut found = false;
        if let Some(names) = child_mut(wb, "definedNames") {
            names.children.retain(|n| {
                let hit = matches!(n, Node::Element(d)
                    if d.attr("name").is_some_and(|n| n.eq_ignore_ascii_case(name))
                    && d.attr("localSheetId").and_then(|v| v.parse::<usize>().ok()) == scope);
                found |= hit;
                !hit
            });
            if names.elements().next().is_none() {
                parts::remove_children(wb, "definedNames");
            }
        }
        if !found {
            return Err(edit(format!("name {name:?}"), "no such defined name"));
        }
        self.values_changed = true;
        Ok(())
    }

    /// Remove `calcChain.xml`, its relationship and content type: it lists formula cells
    /// and a stale one makes Excel repair the file.
    pub(crate) fn drop_calc_chain(&mut self) -> Result<()> {
        let removed = drop_calc_chain(&mut self.pkg, &self.wb_part)?;
        self.removed.extend(removed);
        Ok(())
    }

    /// `<calcPr fullCalcOnLoad="1"/>`: Excel and LibreOffice recompute on open.
    pub(crate) fn full_calc_on_load(&mut self) -> Result<()> {
        let wb = self.workbook_ro()?;
        if child(wb, "calcPr").is_some_and(|c| c.attr("fullCalcOnLoad") == Some("1")) {
            return Ok(());
        }
        let wb = self.workbook()?;
        ensure_child(wb, "calcPr", WORKBOOK_ORDER).set_attr("fullCalcOnLoad", "1");
        Ok(())
    }
}

/// Removes `calcChain.xml` from a package: the part, the workbook's relationship to it and
/// its content type override. Returns the part names removed.
pub(crate) fn drop_calc_chain(
    pkg: &mut docskill_opc::Package,
    wb_part: &str,
) -> Result<Vec<String>> {
    let mut rels = pkg.relationships(wb_part)?;
    let ids: Vec<(String, Option<String>)> = rels
        .items
        .iter()
        .filter(|r| r.rel_type.ends_with("/calcChain"))
        .map(|r| {
            (
                r.id.clone(),
                docskill_opc::resolve_target(wb_part, &r.target),
            )
        })
        .collect();
    let mut removed = Vec::new();
    if ids.is_empty() {
        return Ok(removed);
    }
    for (id, target) in ids {
        rels.remove(&id);
        if let Some(t) = target
            && pkg.has_part(&t)
        {
            pkg.remove_part(&t)?;
            removed.push(t);
        }
    }
    pkg.set_relationships(wb_part, &rels)?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::{defined_name_problem, name_problem};

    #[test]
    fn names() {
        assert!(name_problem("Data", &["Other"]).is_none());
        assert!(name_problem("data", &["Data"]).is_some());
        assert!(name_problem("a/b", &[]).is_some());
        assert!(name_problem("'x", &[]).is_some());
        assert!(name_problem(&"x".repeat(32), &[]).is_some());
        assert!(defined_name_problem("TaxRate").is_none());
        assert!(defined_name_problem("_x.y").is_none());
        assert!(defined_name_problem("A1").is_some());
        assert!(defined_name_problem("1abc").is_some());
        assert!(defined_name_problem("a b").is_some());
        assert!(defined_name_problem("R1C1").is_some());
    }
}
