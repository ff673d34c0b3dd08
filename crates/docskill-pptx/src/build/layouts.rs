//! Which layout of a template serves which kind of slide: by the layout's
//! `type`, then its name, then the placeholders it has.

use docskill_opc::xml::dom::Element;

use crate::deck::child;
use crate::style::{Ph, Xfrm, find_placeholder, tree_shapes};
use crate::{Pptx, Result};

/// A rectangle in EMU: x, y, width, height.
pub(crate) type Rect = (i64, i64, i64, i64);

/// A placeholder a layout offers.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    /// `type` (default `obj`).
    pub kind: String,
    /// `idx`, when given.
    pub idx: Option<u32>,
    /// The shape's name on the layout.
    pub name: String,
    /// Where it sits (from the layout, else the master).
    pub rect: Option<Rect>,
}

impl Slot {
    pub fn is_title(&self) -> bool {
        matches!(self.kind.as_str(), "title" | "ctrTitle")
    }

    /// Text bodies that take bullets: `body` and untyped (`obj`) placeholders.
    pub fn is_body(&self) -> bool {
        matches!(self.kind.as_str(), "body" | "obj")
    }
}

/// A layout with what it offers.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub part: String,
    pub name: String,
    /// `p:sldLayout@type`.
    pub kind: String,
    pub slots: Vec<Slot>,
}

impl Layout {
    pub fn title(&self) -> Option<&Slot> {
        self.slots.iter().find(|s| s.is_title())
    }

    pub fn subtitle(&self) -> Option<&Slot> {
        self.slots
            .iter()
            .find(|s| s.kind == "subTitle")
            .or_else(|| self.bodies().into_iter().next())
    }

    /// Body placeholders, left to right then top to bottom.
    pub fn bodies(&self) -> Vec<&Slot> {
        let mut b: Vec<&Slot> = self.slots.iter().filter(|s| s.is_body()).collect();
        b.sort_by_key(|s| s.rect.map(|r| (r.0 / 91_440, r.1)));
        b
    }

    pub fn picture(&self) -> Option<&Slot> {
        self.slots.iter().find(|s| s.kind == "pic")
    }

    /// A layout made for quotations.
    pub fn named_quote(&self) -> bool {
        self.named(&["quote", "quotation"])
    }

    fn named(&self, words: &[&str]) -> bool {
        let n = self.name.to_ascii_lowercase();
        words.iter().any(|w| n.contains(w))
    }
}

/// The kinds of slide an outline has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Title,
    Section,
    Bullets,
    TwoColumn,
    Image,
    Table,
    Quote,
    Closing,
}

/// How well `l` serves `role` (0: not at all).
fn score(l: &Layout, role: Role) -> u32 {
    let titled = l.title().is_some();
    let bodies = l.bodies().len();
    match role {
        Role::Title => match () {
            () if l.kind == "title" => 100,
            () if l.named(&["title slide"]) => 90,
            () if l.slots.iter().any(|s| s.kind == "ctrTitle") => 80,
            () => 0,
        },
        Role::Section => match () {
            () if l.kind == "secHead" => 100,
            () if l.named(&["section"]) && titled => 90,
            () => 0,
        },
        Role::Bullets => match () {
            () if matches!(l.kind.as_str(), "obj" | "tx") && titled && bodies >= 1 => 100,
            () if l.named(&["title and content", "title and text"]) && titled && bodies >= 1 => 95,
            () if titled && bodies == 1 && l.picture().is_none() => 70,
            () => 0,
        },
        Role::TwoColumn => match () {
            () if matches!(l.kind.as_str(), "twoObj" | "twoColTx") && bodies >= 2 => 100,
            () if l.named(&["two content", "two column", "2 column"]) && bodies >= 2 => 90,
            () if titled && bodies == 2 => 70,
            () => 0,
        },
        Role::Image => match () {
            () if l.kind == "picTx" && l.picture().is_some() => 100,
            () if l.named(&["picture", "image", "photo"]) && l.picture().is_some() => 90,
            () if l.picture().is_some() => 70,
            () => 0,
        },
        Role::Table => match () {
            () if l.kind == "titleOnly" && titled => 100,
            () if l.named(&["title only"]) && titled => 90,
            () if l.kind == "tbl" && titled => 85,
            () => 0,
        },
        Role::Quote => match () {
            () if l.named(&["quote", "quotation"]) && bodies >= 1 => 100,
            () => 0,
        },
        Role::Closing => match () {
            () if l.named(&["closing", "thank", "end slide", "the end"]) => 100,
            () => 0,
        },
    }
}

/// The best layout for `role`, and whether it is a fallback (a layout made for
/// something else, which the builder adapts).
pub(crate) fn choose(layouts: &[Layout], role: Role) -> Option<(&Layout, bool)> {
    let best = |r: Role| {
        layouts
            .iter()
            .map(|l| (score(l, r), l))
            .filter(|(s, _)| *s > 0)
            // First of the best: max_by_key keeps the last, so reverse.
            .rev()
            .max_by_key(|(s, _)| *s)
            .map(|(_, l)| l)
    };
    if let Some(l) = best(role) {
        return Some((l, false));
    }
    let fallbacks: &[Role] = match role {
        Role::Title => &[Role::Section, Role::Bullets],
        Role::Section => &[Role::Title, Role::Table, Role::Bullets],
        Role::Bullets => &[Role::TwoColumn, Role::Table],
        Role::TwoColumn | Role::Quote => &[Role::Bullets, Role::Table],
        Role::Image | Role::Table => &[Role::Table, Role::Bullets],
        Role::Closing => &[Role::Title, Role::Section, Role::Bullets],
    };
    fallbacks
        .iter()
        .find_map(|r| best(*r))
        .map(|l| (l, true))
        .or_else(|| {
            layouts
                .iter()
                .find(|l| l.title().is_some())
                .or(layouts.first())
                .map(|l| (l, true))
        })
}

impl Pptx {
    /// Every layout with its placeholders and where they sit.
    pub(crate) fn layout_slots(&self) -> Result<Vec<Layout>> {
        let mut out = Vec::new();
        for l in self.layouts()? {
            let doc = self.parse(&l.part)?;
            let master = self
                .target_of(&l.part, "slideMaster")
                .and_then(|m| self.parse(&m).ok());
            let kind = doc.root.attr("type").unwrap_or("cust").to_owned();
            let slots = slots(&doc.root, master.as_ref().map(|m| &m.root));
            out.push(Layout {
                part: l.part,
                name: l.name,
                kind,
                slots,
            });
        }
        Ok(out)
    }
}

fn slots(layout: &Element, master: Option<&Element>) -> Vec<Slot> {
    let mut out = Vec::new();
    for s in tree_shapes(layout) {
        let Some(ph) = Ph::of(s) else { continue };
        if matches!(ph.kind.as_str(), "dt" | "ftr" | "sldNum" | "hdr") {
            continue;
        }
        let rect = Xfrm::of(s)
            .or_else(|| {
                master
                    .and_then(|m| find_placeholder(m, &ph, true))
                    .and_then(Xfrm::of)
            })
            .map(|x| (x.x, x.y, x.cx, x.cy))
            .filter(|r| r.2 > 0 && r.3 > 0);
        let name = s
            .elements()
            .find(|e| e.local().starts_with("nv"))
            .and_then(|nv| child(nv, "cNvPr"))
            .and_then(|c| c.attr("name"))
            .unwrap_or_default()
            .to_owned();
        out.push(Slot {
            kind: ph.kind,
            idx: ph.idx,
            name,
            rect,
        });
    }
    out
}
