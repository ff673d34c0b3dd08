//! An open presentation: the package, the presentation part, slides, layouts, masters.

use std::collections::BTreeMap;

use docskill_opc::xml::dom::{Document, Element};
use docskill_opc::{Limits, Package, Relationships, resolve_target};

use crate::{Error, Result};

/// Content type of a slide part.
pub(crate) const SLIDE_CT: &str =
    "application/vnd.openxmlformats-officedocument.presentationml.slide+xml";
/// Relationship type of a slide (transitional).
pub(crate) const REL_SLIDE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide";
/// Relationship type of a slide layout (transitional).
pub(crate) const REL_LAYOUT: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout";

/// One slide as listed in `p:sldIdLst`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SlideRef {
    /// `id` of the `p:sldId`.
    pub id: u32,
    /// Relationship id from the presentation part.
    pub rid: String,
    /// Part name of the slide.
    pub part: String,
}

/// One slide layout, numbered across all masters in their order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LayoutRef {
    /// Its `p:cSld@name`.
    pub name: String,
    /// Part name.
    pub part: String,
}

/// An open `PowerPoint` presentation (`.pptx`, `.pptm`, `.potx`).
///
/// # Examples
/// ```
/// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pptx/basic.pptx")).unwrap();
/// let deck = docskill_pptx::Pptx::open(bytes, &Default::default()).unwrap();
/// assert_eq!(deck.slide_count(), 5);
/// ```
#[derive(Debug, Clone)]
pub struct Pptx {
    pub(crate) pkg: Package,
    pub(crate) limits: Limits,
    pub(crate) pres_part: String,
    pub(crate) slides: Vec<SlideRef>,
}

/// The last segment of a relationship type, so transitional and strict URIs compare alike.
pub(crate) fn rel_kind(rel_type: &str) -> &str {
    rel_type.rsplit('/').next().unwrap_or(rel_type)
}

/// The value of the first attribute `prefix:local` (any prefix) on an element.
pub(crate) fn prefixed_attr<'e>(el: &'e Element, local: &str) -> Option<&'e str> {
    el.attrs.iter().find_map(|(k, v)| {
        let (p, l) = k.split_once(':')?;
        (p != "xmlns" && l == local).then_some(v.as_str())
    })
}

/// The first child element with this local name.
pub(crate) fn child<'e>(el: &'e Element, local: &str) -> Option<&'e Element> {
    el.elements().find(|e| e.local() == local)
}

/// The first child element with this local name, mutable.
pub(crate) fn child_mut<'e>(el: &'e mut Element, local: &str) -> Option<&'e mut Element> {
    el.elements_mut().find(|e| e.local() == local)
}

/// Follow a path of local names.
pub(crate) fn path<'e>(el: &'e Element, locals: &[&str]) -> Option<&'e Element> {
    locals.iter().try_fold(el, |e, l| child(e, l))
}

impl Pptx {
    /// Open a presentation from its bytes.
    ///
    /// # Errors
    /// [`Error::Package`] when the package layer refuses the bytes;
    /// [`Error::NotPresentation`] when there is no presentation part.
    pub fn open(bytes: Vec<u8>, limits: &Limits) -> Result<Self> {
        let pkg = Package::open(bytes, limits)?;
        let root_rels = pkg.relationships("/")?;
        let pres_part = root_rels
            .items
            .iter()
            .find(|r| rel_kind(&r.rel_type) == "officeDocument" && !r.external)
            .and_then(|r| resolve_target("/", &r.target))
            .filter(|p| pkg.has_part(p))
            .ok_or(Error::NotPresentation)?;
        let doc = Document::parse(&pkg.read_part(&pres_part)?, &pres_part, limits)?;
        if doc.root.local() != "presentation" {
            return Err(Error::NotPresentation);
        }
        let rels = pkg.relationships(&pres_part)?;
        let mut slides = Vec::new();
        if let Some(list) = child(&doc.root, "sldIdLst") {
            for s in list.elements().filter(|e| e.local() == "sldId") {
                let Some(rid) = prefixed_attr(s, "id") else {
                    continue;
                };
                let Some(part) = rels
                    .get(rid)
                    .and_then(|r| resolve_target(&pres_part, &r.target))
                    .filter(|p| pkg.has_part(p))
                else {
                    continue;
                };
                slides.push(SlideRef {
                    id: s.attr("id").and_then(|v| v.parse().ok()).unwrap_or(0),
                    rid: rid.to_owned(),
                    part,
                });
            }
        }
        Ok(Self {
            pkg,
            limits: *limits,
            pres_part,
            slides,
        })
    }

    /// Number of slides.
    pub fn slide_count(&self) -> usize {
        self.slides.len()
    }

    /// The underlying package.
    pub fn package(&self) -> &Package {
        &self.pkg
    }

    /// Write the presentation.
    ///
    /// # Errors
    /// [`Error::Package`] when the package cannot be written.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        Ok(self.pkg.to_bytes()?)
    }

    pub(crate) fn parse(&self, part: &str) -> Result<Document> {
        Ok(Document::parse(
            &self.pkg.read_part(part)?,
            part,
            &self.limits,
        )?)
    }

    pub(crate) fn rels(&self, part: &str) -> Result<Relationships> {
        Ok(self.pkg.relationships(part)?)
    }

    /// The first target of a relationship kind (last segment of the type) from `source`.
    pub(crate) fn target_of(&self, source: &str, kind: &str) -> Option<String> {
        let rels = self.pkg.relationships(source).ok()?;
        self.target_in(&rels, source, kind)
    }

    /// [`Pptx::target_of`] on relationships read already.
    pub(crate) fn target_in(
        &self,
        rels: &Relationships,
        source: &str,
        kind: &str,
    ) -> Option<String> {
        rels.items
            .iter()
            .filter(|r| !r.external && rel_kind(&r.rel_type) == kind)
            .find_map(|r| resolve_target(source, &r.target))
            .filter(|p| self.pkg.has_part(p))
    }

    /// Slide size in EMU (default 4:3, 9144000 × 6858000).
    pub(crate) fn slide_size(&self) -> Result<(i64, i64)> {
        Ok(slide_size_of(&self.parse(&self.pres_part)?))
    }

    /// Slide masters in `p:sldMasterIdLst` order.
    pub(crate) fn masters(&self) -> Result<Vec<String>> {
        let doc = self.parse(&self.pres_part)?;
        let rels = self.rels(&self.pres_part)?;
        let mut out = Vec::new();
        if let Some(list) = child(&doc.root, "sldMasterIdLst") {
            for m in list.elements() {
                if let Some(p) = prefixed_attr(m, "id")
                    .and_then(|rid| rels.get(rid))
                    .and_then(|r| resolve_target(&self.pres_part, &r.target))
                    .filter(|p| self.pkg.has_part(p))
                {
                    out.push(p);
                }
            }
        }
        Ok(out)
    }

    /// Every layout, master by master in `p:sldLayoutIdLst` order, with its name.
    pub(crate) fn layouts(&self) -> Result<Vec<LayoutRef>> {
        Ok(self
            .layout_parts()?
            .into_iter()
            .map(|part| {
                let name = self
                    .parse(&part)
                    .map(|d| layout_name(&d))
                    .unwrap_or_default();
                LayoutRef { name, part }
            })
            .collect())
    }

    /// The part names of every layout, master by master in `p:sldLayoutIdLst` order.
    pub(crate) fn layout_parts(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for master in self.masters()? {
            let doc = self.parse(&master)?;
            let rels = self.rels(&master)?;
            let Some(list) = child(&doc.root, "sldLayoutIdLst") else {
                continue;
            };
            for l in list.elements() {
                if let Some(part) = prefixed_attr(l, "id")
                    .and_then(|rid| rels.get(rid))
                    .and_then(|r| resolve_target(&master, &r.target))
                    .filter(|p| self.pkg.has_part(p))
                {
                    out.push(part);
                }
            }
        }
        Ok(out)
    }
}

/// The slide size a presentation part gives, in EMU (default 4:3, 9144000 × 6858000).
pub(crate) fn slide_size_of(pres: &Document) -> (i64, i64) {
    let sz = child(&pres.root, "sldSz");
    let get = |k: &str, d: i64| {
        sz.and_then(|s| s.attr(k))
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    (get("cx", 9_144_000), get("cy", 6_858_000))
}

/// A layout's name (`p:cSld/@name`), empty when it has none.
pub(crate) fn layout_name(doc: &Document) -> String {
    child(&doc.root, "cSld")
        .and_then(|c| c.attr("name"))
        .unwrap_or_default()
        .to_owned()
}

/// Parsed parts, each read once per operation.
#[derive(Default)]
pub(crate) struct PartCache {
    docs: BTreeMap<String, Option<Document>>,
}

impl PartCache {
    /// Parse `part` unless it is cached already.
    pub fn load(&mut self, deck: &Pptx, part: &str) {
        if !self.docs.contains_key(part) {
            self.docs.insert(part.to_owned(), deck.parse(part).ok());
        }
    }

    /// A part loaded before, or `None` when it is missing or malformed.
    pub fn doc(&self, part: &str) -> Option<&Document> {
        self.docs.get(part).and_then(Option::as_ref)
    }
}
