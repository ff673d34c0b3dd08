//! Cells in `<sheetData>`: find or create them in row and column order, write values,
//! formulas and cached results, clear them, keep the `<dimension>` right.

use docskill_opc::xml::dom::{Element, Node};

use super::parts::{self, WORKSHEET_ORDER, child, child_mut, ensure_child, prefix_of};
use crate::cellref::{Area, Cell};

/// A value as it is stored in a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CachedValue {
    /// A number (dates are serial numbers).
    Number(f64),
    /// Text.
    Text(String),
    /// `TRUE` / `FALSE`.
    Bool(bool),
    /// An error such as `#DIV/0!`.
    Error(String),
}

/// How a text value is stored: an index into the shared strings, or inline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TextRef {
    Shared(u32),
    Inline(String),
}

/// A value ready to write (text already placed in the shared strings).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Stored {
    Number(f64),
    Text(TextRef),
    Bool(bool),
    Error(String),
}

/// Row number (1-based) of a `<row>`.
pub(crate) fn row_of(e: &Element) -> u32 {
    e.attr("r").and_then(|r| r.parse().ok()).unwrap_or(0)
}

/// Column of a `<c>`.
pub(crate) fn col_of(e: &Element) -> Option<u16> {
    e.attr("r").and_then(Cell::parse).map(|c| c.col)
}

/// Give every row and cell an explicit `r` (some writers leave it out) and drop layout
/// whitespace between rows and cells, so that binary search works.
pub(crate) fn normalise(root: &mut Element) {
    let Some(data) = child_mut(root, "sheetData") else {
        return;
    };
    data.children
        .retain(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()));
    let mut next_row = 1u32;
    for row in data.elements_mut().filter(|e| e.local() == "row") {
        let r = if let Some(r) = row.attr("r").and_then(|r| r.parse::<u32>().ok()) {
            r
        } else {
            row.set_attr("r", next_row.to_string());
            next_row
        };
        next_row = r + 1;
        row.children
            .retain(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()));
        let mut next_col = 0u16;
        for c in row.elements_mut().filter(|e| e.local() == "c") {
            let col = if let Some(cell) = c.attr("r").and_then(Cell::parse) {
                cell.col
            } else {
                let cell = Cell {
                    row: r - 1,
                    col: next_col,
                };
                c.set_attr("r", cell.to_string());
                next_col
            };
            next_col = col.saturating_add(1);
        }
    }
}

/// Index of the node for `key` in `nodes` (sorted by `key_of`): `Ok` when found, `Err`
/// with the insertion point otherwise. Non-element nodes are skipped over.
fn search(
    nodes: &[Node],
    key: u32,
    key_of: impl Fn(&Element) -> Option<u32>,
) -> Result<usize, usize> {
    // Appending at the end is the common case.
    let last = nodes.iter().rposition(|n| matches!(n, Node::Element(_)));
    if let Some(Node::Element(e)) = last.map(|i| &nodes[i])
        && key_of(e).is_some_and(|k| k < key)
    {
        return Err(nodes.len());
    }
    if nodes.iter().all(|n| matches!(n, Node::Element(_))) {
        return nodes.binary_search_by_key(&key, |n| match n {
            Node::Element(e) => key_of(e).unwrap_or(0),
            _ => 0,
        });
    }
    for (i, n) in nodes.iter().enumerate() {
        if let Node::Element(e) = n {
            match key_of(e) {
                Some(k) if k == key => return Ok(i),
                Some(k) if k > key => return Err(i),
                _ => {}
            }
        }
    }
    Err(nodes.len())
}

fn el_mut(n: &mut Node) -> &mut Element {
    match n {
        Node::Element(e) => e,
        _ => unreachable!("search() returns element positions"),
    }
}

/// The `<sheetData>`, created when missing.
pub(crate) fn sheet_data(root: &mut Element) -> &mut Element {
    ensure_child(root, "sheetData", WORKSHEET_ORDER)
}

/// The `<row>` of a 0-based row, created in order when missing.
pub(crate) fn row_mut(data: &mut Element, row: u32) -> &mut Element {
    let prefix = prefix_of(data);
    let at = match search(&data.children, row + 1, |e| Some(row_of(e))) {
        Ok(i) => i,
        Err(i) => {
            let r = Element::new(format!("{prefix}row")).with_attr("r", (row + 1).to_string());
            data.children.insert(i, Node::Element(r));
            i
        }
    };
    el_mut(&mut data.children[at])
}

/// The `<c>` of a cell, created in order when missing.
pub(crate) fn cell_mut(root: &mut Element, cell: Cell) -> &mut Element {
    let data = sheet_data(root);
    let prefix = prefix_of(data);
    let row = row_mut(data, cell.row);
    let at = match search(&row.children, u32::from(cell.col), |e| {
        col_of(e).map(u32::from)
    }) {
        Ok(i) => i,
        Err(i) => {
            let c = Element::new(format!("{prefix}c")).with_attr("r", cell.to_string());
            row.children.insert(i, Node::Element(c));
            i
        }
    };
    el_mut(&mut row.children[at])
}

/// The `<c>` of a cell, if present.
pub(crate) fn cell_ref(root: &Element, cell: Cell) -> Option<&Element> {
    let data = child(root, "sheetData")?;
    let row = match search(&data.children, cell.row + 1, |e| Some(row_of(e))) {
        Ok(i) => match &data.children[i] {
            Node::Element(e) => e,
            _ => return None,
        },
        Err(_) => return None,
    };
    match search(&row.children, u32::from(cell.col), |e| {
        col_of(e).map(u32::from)
    }) {
        Ok(i) => match &row.children[i] {
            Node::Element(e) => Some(e),
            _ => None,
        },
        Err(_) => None,
    }
}

/// The style index of a cell (0 when it has none or does not exist).
pub(crate) fn style_of(root: &Element, cell: Cell) -> u32 {
    cell_ref(root, cell)
        .and_then(|c| c.attr("s"))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Format a number as Excel stores it (shortest text that reads back the same).
pub(crate) fn number_text(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let s = format!("{x}");
    if s.len() > 17 && (x.abs() >= 1e15 || x.abs() < 1e-5) {
        format!("{x:E}")
    } else {
        s
    }
}

/// Remove a cell's content (formula, value, inline text, type, metadata); keep its style
/// and anything else it holds.
fn strip_content(c: &mut Element) {
    c.children
        .retain(|n| !matches!(n, Node::Element(e) if matches!(e.local(), "f" | "v" | "is")));
    c.remove_attr("t");
    c.remove_attr("cm");
    c.remove_attr("vm");
}

/// Write `value` into `<c>` after its formula, if any.
fn put_value(c: &mut Element, value: &Stored) {
    let prefix = prefix_of(c);
    let (t, child) = match value {
        Stored::Number(x) => (None, v(&prefix, &number_text(*x))),
        Stored::Bool(b) => (Some("b"), v(&prefix, if *b { "1" } else { "0" })),
        Stored::Error(e) => (Some("e"), v(&prefix, e)),
        Stored::Text(TextRef::Shared(i)) => (Some("s"), v(&prefix, &i.to_string())),
        Stored::Text(TextRef::Inline(s)) => {
            let mut t = Element::new(format!("{prefix}t"));
            if s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace) {
                t.set_attr("xml:space", "preserve");
            }
            parts::set_text(&mut t, s);
            (
                Some("inlineStr"),
                Element::new(format!("{prefix}is")).with_child(t),
            )
        }
    };
    match t {
        Some(t) => c.set_attr("t", t),
        None => c.remove_attr("t"),
    }
    // `<v>`/`<is>` come after `<f>` and before `<extLst>`.
    let at = parts::position(c, "extLst").unwrap_or(c.children.len());
    c.children.insert(at, Node::Element(child));
}

fn v(prefix: &str, text: &str) -> Element {
    let mut e = Element::new(format!("{prefix}v"));
    parts::set_text(&mut e, text);
    e
}

/// What a cell held before it was overwritten, for the callers that must follow up.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Previous {
    /// It had a formula.
    pub formula: bool,
    /// It was the first cell of a shared formula group with this `si`.
    pub shared_master: Option<String>,
}

fn previous(c: &Element) -> Previous {
    let f = child(c, "f");
    Previous {
        formula: f.is_some(),
        shared_master: f
            .filter(|f| f.attr("t") == Some("shared") && f.attr("ref").is_some())
            .and_then(|f| f.attr("si"))
            .map(str::to_owned),
    }
}

/// Set a cell to a plain value (`None` empties it), keeping its style.
pub(crate) fn write_value(root: &mut Element, cell: Cell, value: Option<&Stored>) -> Previous {
    let c = cell_mut(root, cell);
    let prev = previous(c);
    strip_content(c);
    if let Some(v) = value {
        put_value(c, v);
    }
    prev
}

/// Set a cell's formula (text without `=`), with an optional cached result.
pub(crate) fn write_formula(
    root: &mut Element,
    cell: Cell,
    formula: &str,
    result: Option<&Stored>,
) -> Previous {
    let c = cell_mut(root, cell);
    let prev = previous(c);
    strip_content(c);
    let prefix = prefix_of(c);
    let mut f = Element::new(format!("{prefix}f"));
    parts::set_text(&mut f, formula);
    let at = parts::position(c, "extLst").unwrap_or(c.children.len());
    c.children.insert(at, Node::Element(f));
    if let Some(r) = result {
        put_value(c, r);
    }
    prev
}

/// Set a cell's style index (0 removes the attribute).
pub(crate) fn write_style(root: &mut Element, cell: Cell, xf: u32) {
    let c = cell_mut(root, cell);
    if xf == 0 {
        c.remove_attr("s");
    } else {
        c.set_attr("s", xf.to_string());
    }
}

/// Write the cached value of a formula cell, keeping the formula.
pub(crate) fn set_cached(
    root: &mut Element,
    cell: Cell,
    value: &CachedValue,
) -> Result<(), String> {
    let has_formula = cell_ref(root, cell).is_some_and(|c| child(c, "f").is_some());
    if !has_formula {
        return Err("the cell holds no formula".into());
    }
    let c = cell_mut(root, cell);
    c.children
        .retain(|n| !matches!(n, Node::Element(e) if matches!(e.local(), "v" | "is")));
    let stored = match value {
        CachedValue::Number(x) => Stored::Number(*x),
        CachedValue::Bool(b) => Stored::Bool(*b),
        CachedValue::Error(e) => Stored::Error(e.clone()),
        // A formula's text result is stored as t="str" with the text in <v>.
        CachedValue::Text(s) => {
            put_value(c, &Stored::Error(s.clone()));
            c.set_attr("t", "str");
            return Ok(());
        }
    };
    put_value(c, &stored);
    Ok(())
}

/// Remove the cells of `area`; with `formats` their styles go too (else an empty styled
/// cell stays). Returns what the removed cells held.
pub(crate) fn clear_area(root: &mut Element, area: Area, formats: bool) -> Vec<Previous> {
    let mut prev = Vec::new();
    let Some(data) = child_mut(root, "sheetData") else {
        return prev;
    };
    for row in data.elements_mut().filter(|e| e.local() == "row") {
        let r = row_of(row);
        if r < area.first.row + 1 || r > area.last.row + 1 {
            continue;
        }
        row.children.retain_mut(|n| {
            let Node::Element(c) = n else { return true };
            let Some(col) = col_of(c) else { return true };
            if col < area.first.col || col > area.last.col {
                return true;
            }
            prev.push(previous(c));
            strip_content(c);
            let keep_style = !formats && c.attr("s").is_some_and(|s| s != "0");
            keep_style || c.children.iter().any(|n| matches!(n, Node::Element(_)))
        });
        if formats {
            // Drop whole-row formatting only when the whole row width is cleared.
            if area.first.col == 0 && area.last.col == crate::cellref::MAX_COLS - 1 {
                row.remove_attr("s");
                row.remove_attr("customFormat");
            }
        }
    }
    prev
}

/// Cells (other than the master) of the shared formula group `si`, with the master's
/// position and text; used to turn the group into plain formulas before the master goes.
pub(crate) fn expand_shared(root: &mut Element, si: &str, master: Cell, text: &str) {
    let Some(data) = child_mut(root, "sheetData") else {
        return;
    };
    for row in data.elements_mut().filter(|e| e.local() == "row") {
        for c in row.elements_mut().filter(|e| e.local() == "c") {
            let Some(cell) = c.attr("r").and_then(Cell::parse) else {
                continue;
            };
            if cell == master {
                continue;
            }
            let Some(f) = child_mut(c, "f") else { continue };
            if f.attr("t") != Some("shared") || f.attr("si") != Some(si) {
                continue;
            }
            let own = crate::refs::shift(
                text,
                i64::from(cell.row) - i64::from(master.row),
                i64::from(cell.col) - i64::from(master.col),
            );
            f.remove_attr("t");
            f.remove_attr("si");
            f.remove_attr("ref");
            parts::set_text(f, &own);
        }
    }
}

/// Areas covered by multi-cell array formulas (their masters included).
pub(crate) fn array_areas(root: &Element) -> Vec<Area> {
    let Some(data) = child(root, "sheetData") else {
        return Vec::new();
    };
    data.elements()
        .flat_map(Element::elements)
        .filter_map(|c| child(c, "f"))
        .filter(|f| f.attr("t") == Some("array"))
        .filter_map(|f| f.attr("ref").and_then(Area::parse))
        .filter(|a| !a.is_single())
        .collect()
}

/// Set `<dimension ref>` to the smallest range holding every cell (`A1` when empty).
pub(crate) fn update_dimension(root: &mut Element) {
    let Some(data) = child(root, "sheetData") else {
        return;
    };
    let mut bounds: Option<(u32, u16, u32, u16)> = None;
    for row in data.elements().filter(|e| e.local() == "row") {
        for c in row.elements().filter(|e| e.local() == "c") {
            if let Some(cell) = c.attr("r").and_then(Cell::parse) {
                bounds = Some(match bounds {
                    None => (cell.row, cell.col, cell.row, cell.col),
                    Some((r1, c1, r2, c2)) => (
                        r1.min(cell.row),
                        c1.min(cell.col),
                        r2.max(cell.row),
                        c2.max(cell.col),
                    ),
                });
            }
        }
    }
    let text = bounds.map_or_else(
        || "A1".to_owned(),
        |(r1, c1, r2, c2)| {
            Area {
                first: Cell { row: r1, col: c1 },
                last: Cell { row: r2, col: c2 },
            }
            .to_string()
        },
    );
    let dim = ensure_child(root, "dimension", WORKSHEET_ORDER);
    dim.set_attr("ref", text);
}
