//! Listing revisions, and accepting or rejecting them natively.

use docskill_opc::xml::dom::{Element, Node};

use crate::document::{Docx, is_w};
use crate::text::revision_text;

/// One tracked change, as `docx changes` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `w:id`.
    pub id: String,
    /// `insertion`, `deletion`, `move-from`, `move-to`, `formatting`,
    /// `paragraph-formatting`, `paragraph-mark-insertion`, `paragraph-mark-deletion`,
    /// `row-insertion`, `row-deletion`, `table-change`.
    pub kind: &'static str,
    /// `w:author`.
    pub author: String,
    /// `w:date`, if recorded.
    pub date: Option<String>,
    /// The text inserted or deleted (empty for formatting changes).
    pub text: String,
    /// Address of the paragraph that holds it (of the row, `t1.r2`, for row revisions).
    pub address: String,
}

/// Which revisions an accept or reject applies to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only revisions by this author.
    pub author: Option<String>,
    /// Only revisions with these ids.
    pub ids: Option<Vec<String>>,
}

impl Selection {
    fn matches(&self, e: &Element, w: &str) -> bool {
        self.author
            .as_deref()
            .is_none_or(|a| e.attr(&format!("{w}:author")) == Some(a))
            && self.ids.as_ref().is_none_or(|ids| {
                e.attr(&format!("{w}:id"))
                    .is_some_and(|id| ids.iter().any(|x| x == id))
            })
    }
}

fn kind_of(e: &Element, w: &str, in_mark: bool) -> Option<&'static str> {
    let local = e.name.strip_prefix(w)?.strip_prefix(':')?;
    Some(match (local, in_mark) {
        ("ins", true) => "paragraph-mark-insertion",
        ("del", true) => "paragraph-mark-deletion",
        ("ins", false) => "insertion",
        ("del", false) => "deletion",
        ("moveFrom", _) => "move-from",
        ("moveTo", _) => "move-to",
        ("rPrChange", _) => "formatting",
        ("pPrChange", _) => "paragraph-formatting",
        (
            "tblPrChange" | "trPrChange" | "tcPrChange" | "tblGridChange" | "sectPrChange"
            | "numberingChange",
            _,
        ) => "table-change",
        _ => return None,
    })
}

impl Docx {
    /// Every tracked change, in reading order.
    pub fn changes(&self) -> Vec<Change> {
        let mut out = Vec::new();
        for (address, loc) in &self.locs {
            let w = &self.stories[loc.story].w;
            // A row's own revision, listed before its first paragraph's.
            if let Some(row_address) = address.strip_suffix(".c1.p1")
                && loc.path.len() >= 2
            {
                let row = self.element(&crate::document::Loc {
                    story: loc.story,
                    path: loc.path[..loc.path.len() - 2].to_vec(),
                });
                for trpr in row.elements().filter(|e| is_w(e, w, "trPr")) {
                    for rev in trpr.elements() {
                        let kind = if is_w(rev, w, "ins") {
                            "row-insertion"
                        } else if is_w(rev, w, "del") {
                            "row-deletion"
                        } else {
                            continue;
                        };
                        out.push(change(rev, w, kind, String::new(), row_address));
                    }
                }
            }
            collect_changes(self.element(loc), w, address, false, &mut out);
        }
        out
    }

    /// Accept the selected revisions: insertions stay, deletions go, old formatting is dropped.
    /// Returns how many revisions were accepted.
    pub fn accept(&mut self, sel: &Selection) -> usize {
        self.resolve(sel, true)
    }

    /// Reject the selected revisions: insertions go, deletions come back, old formatting returns.
    /// Returns how many revisions were rejected.
    pub fn reject(&mut self, sel: &Selection) -> usize {
        self.resolve(sel, false)
    }

    fn resolve(&mut self, sel: &Selection, accept: bool) -> usize {
        let mut n = 0;
        for s in &mut self.stories {
            let w = s.w.clone();
            let before = n;
            resolve_in(&mut s.doc.root, &w, sel, accept, &mut n);
            if n > before {
                s.dirty = true;
            }
        }
        if n > 0 {
            self.reindex();
        }
        n
    }
}

fn change(rev: &Element, w: &str, kind: &'static str, text: String, address: &str) -> Change {
    Change {
        id: rev.attr(&format!("{w}:id")).unwrap_or_default().to_owned(),
        kind,
        author: rev
            .attr(&format!("{w}:author"))
            .unwrap_or_default()
            .to_owned(),
        date: rev.attr(&format!("{w}:date")).map(str::to_owned),
        text,
        address: address.to_owned(),
    }
}

fn collect_changes(el: &Element, w: &str, address: &str, in_mark: bool, out: &mut Vec<Change>) {
    for c in el.elements() {
        // Nested paragraphs (text boxes) are listed under their own address.
        if is_w(c, w, "p") || is_w(c, w, "tbl") || is_w(c, w, "txbxContent") {
            continue;
        }
        if let Some(kind) = kind_of(c, w, in_mark) {
            let text = match kind {
                "insertion" | "deletion" | "move-from" | "move-to" => revision_text(c, w),
                _ => String::new(),
            };
            out.push(change(c, w, kind, text, address));
        }
        let mark = is_w(c, w, "rPr") && is_w(el, w, "pPr");
        collect_changes(c, w, address, mark, out);
    }
}

fn rename_text(el: &mut Element, w: &str, from: &str, to: &str) {
    for c in el.elements_mut() {
        if is_w(c, w, from) {
            c.name = format!("{w}:{to}");
        }
        rename_text(c, w, from, to);
    }
}

/// Resolve the selected revisions below `el`, counting them in `count`.
/// Paragraph-mark revisions leave a marker on the mark's `w:rPr`; the block
/// level then joins those paragraphs with the next (`join_paragraphs`).
fn resolve_in(el: &mut Element, w: &str, sel: &Selection, accept: bool, count: &mut usize) {
    // Children first, so nested revisions (a deletion inside an insertion) resolve inside out.
    for child in el.elements_mut() {
        resolve_in(child, w, sel, accept, count);
    }
    if is_w(el, w, "pPr") {
        drop_emptied_rpr(el, w);
    }
    let in_mark = is_w(el, w, "rPr");
    let in_row = is_w(el, w, "trPr");
    let mut removed_table = false;
    let mut idx = 0;
    let mut joins: Vec<usize> = Vec::new();
    while idx < el.children.len() {
        let Node::Element(child) = &el.children[idx] else {
            idx += 1;
            continue;
        };
        let local = child
            .name
            .strip_prefix(w)
            .and_then(|r| r.strip_prefix(':'))
            .unwrap_or("")
            .to_owned();
        let selected = sel.matches(child, w);
        match local.as_str() {
            // Paragraph-mark revisions: drop the marker; a removed mark joins paragraphs.
            "ins" | "del" if in_mark && selected => {
                *count += 1;
                el.children.remove(idx);
                if !el
                    .children
                    .iter()
                    .any(|node| matches!(node, Node::Element(_)))
                {
                    el.set_attr("docskill:empty", "1");
                }
                if (local == "del") == accept {
                    el.set_attr("docskill:join", "1");
                }
            }
            // Row revisions: drop the marker; a row that goes is removed by its table.
            "ins" | "del" if in_row && selected => {
                *count += 1;
                el.children.remove(idx);
                if (local == "del") == accept {
                    el.set_attr("docskill:droprow", "1");
                }
            }
            "ins" | "moveTo" | "del" | "moveFrom" if !in_mark && !in_row && selected => {
                *count += 1;
                let keep = matches!(local.as_str(), "ins" | "moveTo") == accept;
                let Node::Element(mut inner) = el.children.remove(idx) else {
                    unreachable!()
                };
                if keep {
                    if !accept {
                        rename_text(&mut inner, w, "delText", "t");
                        rename_text(&mut inner, w, "delInstrText", "instrText");
                    }
                    let moved = inner.children.len();
                    for (offset, node) in inner.children.into_iter().enumerate() {
                        el.children.insert(idx + offset, node);
                    }
                    idx += moved;
                }
            }
            "rPrChange" | "pPrChange" | "tblPrChange" | "trPrChange" | "tcPrChange"
            | "tblGridChange" | "sectPrChange" | "numberingChange"
                if selected =>
            {
                *count += 1;
                let Node::Element(change) = el.children.remove(idx) else {
                    unreachable!()
                };
                if !accept {
                    restore_properties(el, &change, &local, w);
                    return;
                }
            }
            _ if is_w(child, w, "tr") && row_goes(child, w) => {
                el.children.remove(idx);
            }
            _ if is_w(child, w, "tbl") && !child.elements().any(|e| is_w(e, w, "tr")) => {
                // Every row of the table went.
                el.children.remove(idx);
                removed_table = true;
            }
            _ => {
                if is_w(child, w, "p") && paragraph_joins(child, w) {
                    joins.push(idx);
                }
                idx += 1;
            }
        }
    }
    join_paragraphs(el, w, &joins);
    // A cell must end in a paragraph.
    if removed_table && is_w(el, w, "tc") && !el.elements().last().is_some_and(|e| is_w(e, w, "p"))
    {
        el.children
            .push(Node::Element(Element::new(format!("{w}:p"))));
    }
}

fn row_goes(tr: &Element, w: &str) -> bool {
    tr.elements()
        .any(|e| is_w(e, w, "trPr") && e.attr("docskill:droprow").is_some())
}

/// Rejecting a property change: its old properties come back, with the
/// siblings the old properties do not describe (a `pPr`'s `rPr` and `sectPr`).
fn restore_properties(props: &mut Element, change: &Element, local: &str, w: &str) {
    let Some(old) = change.elements().next() else {
        return;
    };
    let keep: Vec<Node> = props
        .children
        .drain(..)
        .filter(|node| matches!(node, Node::Element(e) if kept_on_reject(local, e, w)))
        .collect();
    old.children.clone_into(&mut props.children);
    props.children.extend(keep);
}

/// Join each paragraph at `indices` (whose mark went away) into the next paragraph.
fn join_paragraphs(el: &mut Element, w: &str, indices: &[usize]) {
    for &at in indices.iter().rev() {
        let next = (at + 1..el.children.len())
            .find(|&k| matches!(&el.children[k], Node::Element(e) if is_w(e, w, "p")));
        let Node::Element(para) = &mut el.children[at] else {
            continue;
        };
        clear_join(para, w);
        let Some(next) = next else { continue }; // the last paragraph has nothing to join
        let Node::Element(para) = el.children.remove(at) else {
            continue;
        };
        let content = para
            .children
            .into_iter()
            .filter(|node| !matches!(node, Node::Element(e) if is_w(e, w, "pPr")));
        if let Node::Element(target) = &mut el.children[next - 1] {
            let start = target
                .children
                .iter()
                .position(|node| matches!(node, Node::Element(e) if is_w(e, w, "pPr")))
                .map_or(0, |pos| pos + 1);
            for (offset, node) in content.enumerate() {
                target.children.insert(start + offset, node);
            }
        }
    }
}

/// Siblings of a property change that its old properties do not describe.
fn kept_on_reject(change: &str, e: &Element, w: &str) -> bool {
    match change {
        "pPrChange" => is_w(e, w, "rPr") || is_w(e, w, "sectPr"),
        "sectPrChange" => is_w(e, w, "headerReference") || is_w(e, w, "footerReference"),
        _ => false,
    }
}

/// Drop a mark's `w:rPr` that resolving left empty.
fn drop_emptied_rpr(ppr: &mut Element, w: &str) {
    ppr.children.retain(|c| !matches!(c, Node::Element(e) if is_w(e, w, "rPr") && e.attr("docskill:empty").is_some() && e.attr("docskill:join").is_none()));
}

fn paragraph_joins(p: &Element, w: &str) -> bool {
    p.elements()
        .find(|e| is_w(e, w, "pPr"))
        .and_then(|ppr| ppr.elements().find(|e| is_w(e, w, "rPr")))
        .is_some_and(|rpr| rpr.attr("docskill:join").is_some())
}

fn clear_join(p: &mut Element, w: &str) {
    if let Some(ppr) = p.elements_mut().find(|e| is_w(e, w, "pPr")) {
        if let Some(rpr) = ppr.elements_mut().find(|e| is_w(e, w, "rPr")) {
            rpr.remove_attr("docskill:join");
        }
        drop_emptied_rpr(ppr, w);
    }
}
