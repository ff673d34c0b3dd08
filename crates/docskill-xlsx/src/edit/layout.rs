//! Sheet layout: column widths, row heights, hidden rows and columns, freeze panes,
//! merged ranges.

use docskill_opc::xml::dom::{Element, Node};

use super::Editor;
use super::cells::{self, number_text};
use super::ops::{ColumnsOp, RowsOp};
use super::parts::{WORKSHEET_ORDER, child, child_mut, ensure_child, prefix_of, recount};
use crate::cellref::{Area, Cell, MAX_ROWS};
use crate::error::{Result, edit};

/// Most rows one `rows` operation may touch.
const MAX_ROWS_PER_OP: u32 = 100_000;

fn span_of(e: &Element) -> (u32, u32) {
    let get = |k: &str| e.attr(k).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    (get("min"), get("max"))
}

/// Apply width and visibility to a `<col>`.
fn style_col(e: &mut Element, op: &ColumnsOp) {
    if let Some(w) = op.width {
        e.set_attr("width", number_text(w));
        e.set_attr("customWidth", "1");
    }
    match op.hidden {
        Some(true) => e.set_attr("hidden", "1"),
        Some(false) => e.remove_attr("hidden"),
        None => {}
    }
}

fn with_span(e: &Element, min: u32, max: u32) -> Element {
    let mut c = e.clone();
    c.set_attr("min", min.to_string());
    c.set_attr("max", max.to_string());
    c
}

fn areas_overlap(a: &Area, b: &Area) -> bool {
    a.first.row <= b.last.row
        && b.first.row <= a.last.row
        && a.first.col <= b.last.col
        && b.first.col <= a.last.col
}

impl Editor {
    /// The `columns` operation.
    pub(crate) fn columns(&mut self, op: &ColumnsOp) -> Result<()> {
        let (sheet, rest) = self.locate(&op.columns)?;
        let at = self.at(sheet, rest);
        let (a, b) = Area::parse_columns(rest).ok_or_else(|| {
            edit(
                &at,
                format!("{rest:?} is not a column span such as B or B:D"),
            )
        })?;
        if op.width.is_none() && op.hidden.is_none() {
            return Err(edit(at, "give `width` or `hidden`"));
        }
        if let Some(w) = op.width
            && !(0.0..=255.0).contains(&w)
        {
            return Err(edit(at, format!("width {w} is outside 0..255")));
        }
        let (a, b) = (u32::from(a) + 1, u32::from(b) + 1);
        let root = self.sheet_mut(sheet)?;
        let cols = ensure_child(root, "cols", WORKSHEET_ORDER);
        let prefix = prefix_of(cols);
        let mut out: Vec<Element> = Vec::new();
        let mut covered: Vec<(u32, u32)> = Vec::new();
        for e in cols.elements() {
            let (min, max) = span_of(e);
            if max < a || min > b {
                out.push(e.clone());
                continue;
            }
            if min < a {
                out.push(with_span(e, min, a - 1));
            }
            let (lo, hi) = (min.max(a), max.min(b));
            let mut mid = with_span(e, lo, hi);
            style_col(&mut mid, op);
            out.push(mid);
            covered.push((lo, hi));
            if max > b {
                out.push(with_span(e, b + 1, max));
            }
        }
        // Gaps inside a..=b that no <col> covered.
        covered.sort_unstable();
        let mut next = a;
        let mut gaps = Vec::new();
        for (lo, hi) in covered.iter().copied().chain([(b + 1, b + 1)]) {
            if lo > next {
                gaps.push((next, lo - 1));
            }
            next = next.max(hi + 1);
        }
        for (lo, hi) in gaps {
            let mut e = Element::new(format!("{prefix}col"))
                .with_attr("min", lo.to_string())
                .with_attr("max", hi.to_string());
            if op.width.is_none() {
                e.set_attr("width", "8.7109375");
            }
            style_col(&mut e, op);
            out.push(e);
        }
        out.sort_by_key(|e| span_of(e).0);
        cols.children = out.into_iter().map(Node::Element).collect();
        Ok(())
    }

    /// The `rows` operation.
    pub(crate) fn rows(&mut self, op: &RowsOp) -> Result<()> {
        let (sheet, rest) = self.locate(&op.rows)?;
        let at = self.at(sheet, rest);
        let (lo, hi) = rest.split_once(':').unwrap_or((rest, rest));
        let parse = |s: &str| {
            s.trim()
                .trim_start_matches('$')
                .parse::<u32>()
                .ok()
                .filter(|r| (1..=MAX_ROWS).contains(r))
        };
        let (Some(lo), Some(hi)) = (parse(lo), parse(hi)) else {
            return Err(edit(
                at,
                format!("{rest:?} is not a row span such as 3 or 2:5"),
            ));
        };
        let (lo, hi) = (lo.min(hi), lo.max(hi));
        if hi - lo >= MAX_ROWS_PER_OP {
            return Err(edit(
                at,
                format!("more than {MAX_ROWS_PER_OP} rows in one operation"),
            ));
        }
        if op.height.is_none() && op.hidden.is_none() {
            return Err(edit(at, "give `height` or `hidden`"));
        }
        if let Some(h) = op.height
            && !(0.0..=409.0).contains(&h)
        {
            return Err(edit(at, format!("height {h} is outside 0..409")));
        }
        let root = self.sheet_mut(sheet)?;
        let data = cells::sheet_data(root);
        for r in lo..=hi {
            let row = cells::row_mut(data, r - 1);
            if let Some(h) = op.height {
                row.set_attr("ht", number_text(h));
                row.set_attr("customHeight", "1");
            }
            match op.hidden {
                Some(true) => row.set_attr("hidden", "1"),
                Some(false) => row.remove_attr("hidden"),
                None => {}
            }
        }
        Ok(())
    }

    /// The `freeze` operation.
    pub(crate) fn freeze(&mut self, address: &str) -> Result<()> {
        let (sheet, rest) = self.locate(address)?;
        let at = self.at(sheet, rest);
        let cell = Cell::parse(rest)
            .ok_or_else(|| edit(&at, format!("{rest:?} is not a cell such as B2")))?;
        let root = self.sheet_mut(sheet)?;
        let views = ensure_child(root, "sheetViews", WORKSHEET_ORDER);
        let prefix = prefix_of(views);
        if child(views, "sheetView").is_none() {
            views.children.push(Node::Element(
                Element::new(format!("{prefix}sheetView")).with_attr("workbookViewId", "0"),
            ));
        }
        let view = child_mut(views, "sheetView").expect("added above");
        view.children.retain(
            |n| !matches!(n, Node::Element(e) if matches!(e.local(), "pane" | "selection")),
        );
        if cell == (Cell { row: 0, col: 0 }) {
            return Ok(());
        }
        let pane = match (cell.col > 0, cell.row > 0) {
            (true, true) => "bottomRight",
            (false, true) => "bottomLeft",
            _ => "topRight",
        };
        let mut p = Element::new(format!("{prefix}pane"));
        if cell.col > 0 {
            p.set_attr("xSplit", cell.col.to_string());
        }
        if cell.row > 0 {
            p.set_attr("ySplit", cell.row.to_string());
        }
        p.set_attr("topLeftCell", cell.to_string());
        p.set_attr("activePane", pane);
        p.set_attr("state", "frozen");
        let sel = Element::new(format!("{prefix}selection"))
            .with_attr("pane", pane)
            .with_attr("activeCell", cell.to_string())
            .with_attr("sqref", cell.to_string());
        view.children.insert(0, Node::Element(sel));
        view.children.insert(0, Node::Element(p));
        Ok(())
    }

    /// The `merge` operation.
    pub(crate) fn merge(&mut self, range: &str) -> Result<()> {
        let (sheet, area) = self.locate_area(range)?;
        let at = self.at(sheet, area);
        if area.is_single() {
            return Err(edit(at, "a merged range needs at least two cells"));
        }
        let root = self.sheet_mut(sheet)?;
        let merges = ensure_child(root, "mergeCells", WORKSHEET_ORDER);
        if let Some(other) = merges
            .elements()
            .filter_map(|m| m.attr("ref").and_then(Area::parse))
            .find(|m| areas_overlap(m, &area))
        {
            return Err(edit(
                at,
                format!("overlaps the merged range {other}; unmerge it first"),
            ));
        }
        let prefix = prefix_of(merges);
        merges.children.push(Node::Element(
            Element::new(format!("{prefix}mergeCell")).with_attr("ref", area.to_string()),
        ));
        recount(merges);
        Ok(())
    }

    /// The `unmerge` operation: merged ranges overlapping `range` are undone.
    pub(crate) fn unmerge(&mut self, range: &str) -> Result<()> {
        let (sheet, area) = self.locate_area(range)?;
        let at = self.at(sheet, area);
        let root = self.sheet_mut(sheet)?;
        let mut found = false;
        if let Some(merges) = child_mut(root, "mergeCells") {
            merges.children.retain(|n| {
                let hit = matches!(n, Node::Element(m)
                    if m.attr("ref").and_then(Area::parse).is_some_and(|m| areas_overlap(&m, &area)));
                found |= hit;
                !hit
            });
            recount(merges);
            if merges.elements().next().is_none() {
                super::parts::remove_children(root, "mergeCells");
            }
        }
        if found {
            Ok(())
        } else {
            Err(edit(at, "no merged range here"))
        }
    }
}
