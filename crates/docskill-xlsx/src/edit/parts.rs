//! XML parts held open while a workbook is edited, and the child order of the
//! SpreadsheetML elements that new children are inserted into.

use std::collections::BTreeMap;

use docskill_opc::Package;
use docskill_opc::xml::dom::{Document, Element, Node};

use crate::error::Result;

/// Parts parsed on first use; only those marked changed are written back.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    docs: BTreeMap<String, (Document, bool)>,
}

impl Parts {
    /// The parsed part, loading it from `pkg` the first time.
    pub fn get(&mut self, pkg: &Package, part: &str) -> Result<&mut Document> {
        if !self.docs.contains_key(part) {
            let xml = pkg.read_part(part)?;
            let doc = Document::parse(&xml, part, pkg.limits())?;
            self.docs.insert(part.to_owned(), (doc, false));
        }
        Ok(&mut self.docs.get_mut(part).expect("inserted above").0)
    }

    /// The parsed part, marked changed.
    pub fn edit(&mut self, pkg: &Package, part: &str) -> Result<&mut Document> {
        self.get(pkg, part)?;
        let d = self.docs.get_mut(part).expect("loaded above");
        d.1 = true;
        Ok(&mut d.0)
    }

    /// Put a new part's document in (marked changed).
    pub fn insert(&mut self, part: &str, doc: Document) {
        self.docs.insert(part.to_owned(), (doc, true));
    }

    /// Forget a part (it was removed from the package).
    pub fn remove(&mut self, part: &str) {
        self.docs.remove(part);
    }

    /// Whether the part is loaded.
    pub fn is_loaded(&self, part: &str) -> bool {
        self.docs.contains_key(part)
    }

    /// Changed parts, by name.
    pub fn changed(&mut self) -> impl Iterator<Item = (&String, &mut Document)> {
        self.docs
            .iter_mut()
            .filter(|(_, (_, dirty))| *dirty)
            .map(|(k, (d, _))| (k, d))
    }
}

/// Children of `<worksheet>` in schema order.
pub(crate) const WORKSHEET_ORDER: &[&str] = &[
    "sheetPr",
    "dimension",
    "sheetViews",
    "sheetFormatPr",
    "cols",
    "sheetData",
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
];

/// Children of `<workbook>` in schema order.
pub(crate) const WORKBOOK_ORDER: &[&str] = &[
    "fileVersion",
    "fileSharing",
    "workbookPr",
    "workbookProtection",
    "bookViews",
    "sheets",
    "functionGroups",
    "externalReferences",
    "definedNames",
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
];

/// Children of `<styleSheet>` in schema order.
pub(crate) const STYLES_ORDER: &[&str] = &[
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
];

/// `prefix:` of an element's name (empty for the default namespace).
pub(crate) fn prefix_of(e: &Element) -> String {
    e.name
        .split_once(':')
        .map(|(p, _)| format!("{p}:"))
        .unwrap_or_default()
}

/// Index of the first child element with this local name.
pub(crate) fn position(parent: &Element, local: &str) -> Option<usize> {
    parent
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(e) if e.local() == local))
}

/// The first child element with this local name.
pub(crate) fn child<'a>(parent: &'a Element, local: &str) -> Option<&'a Element> {
    parent.elements().find(|e| e.local() == local)
}

/// The first child element with this local name, mutable.
pub(crate) fn child_mut<'a>(parent: &'a mut Element, local: &str) -> Option<&'a mut Element> {
    parent.elements_mut().find(|e| e.local() == local)
}

/// Insert `el` among `parent`'s children where `order` puts it: before the first known
/// child that comes later. Returns its index.
pub(crate) fn insert_ordered(parent: &mut Element, el: Element, order: &[&str]) -> usize {
    let rank = |name: &str| order.iter().position(|o| *o == name);
    let mine = rank(el.local()).unwrap_or(order.len());
    let at = parent
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(e) if rank(e.local()).is_some_and(|r| r > mine)))
        .unwrap_or(parent.children.len());
    parent.children.insert(at, Node::Element(el));
    at
}

/// The child with this local name, created (with `parent`'s prefix) where `order` puts it.
pub(crate) fn ensure_child<'a>(
    parent: &'a mut Element,
    local: &str,
    order: &[&str],
) -> &'a mut Element {
    let at = if let Some(i) = position(parent, local) {
        i
    } else {
        let el = Element::new(format!("{}{local}", prefix_of(parent)));
        insert_ordered(parent, el, order)
    };
    match &mut parent.children[at] {
        Node::Element(e) => e,
        _ => unreachable!("position() and insert_ordered() point at elements"),
    }
}

/// Remove every child element with this local name.
pub(crate) fn remove_children(parent: &mut Element, local: &str) {
    parent
        .children
        .retain(|n| !matches!(n, Node::Element(e) if e.local() == local));
}

/// Replace an element's content by one text node.
pub(crate) fn set_text(e: &mut Element, text: &str) {
    e.children = vec![Node::Text(text.to_owned())];
}

/// Set an element's `count` attribute to its number of child elements.
pub(crate) fn recount(e: &mut Element) {
    let n = e.elements().count();
    e.set_attr("count", n.to_string());
}
