//! The parts a slide is drawn from, for readers outside this crate (the renderer).

use docskill_opc::resolve_target;
use docskill_opc::xml::dom::Document;

use crate::Result;
use crate::deck::Pptx;

/// One slide and the parts it inherits from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlideSources {
    /// The slide part.
    pub part: String,
    /// Its layout part.
    pub layout: Option<String>,
    /// The layout's master part.
    pub master: Option<String>,
    /// The master's theme part.
    pub theme: Option<String>,
}

impl Pptx {
    /// Every slide in show order with its layout, master and theme parts.
    pub fn slide_sources(&self) -> Vec<SlideSources> {
        self.slides
            .iter()
            .map(|s| {
                let c = self.chain(&s.part);
                SlideSources {
                    part: s.part.clone(),
                    layout: c.layout,
                    master: c.master,
                    theme: c.theme,
                }
            })
            .collect()
    }

    /// Slide width and height in EMU (default 4:3, 9144000 × 6858000).
    ///
    /// # Errors
    /// [`crate::Error::Package`] when the presentation part cannot be parsed.
    pub fn slide_size_emu(&self) -> Result<(i64, i64)> {
        self.slide_size()
    }

    /// The presentation part's name.
    pub fn presentation_part(&self) -> &str {
        &self.pres_part
    }

    /// Parse an XML part within the deck's limits.
    ///
    /// # Errors
    /// [`crate::Error::Package`] when the part is missing or is not well-formed XML.
    pub fn parse_part(&self, part: &str) -> Result<Document> {
        self.parse(part)
    }

    /// The part a relationship id of `source` points at, when it is inside the package.
    pub fn rel_target(&self, source: &str, rid: &str) -> Option<String> {
        let rels = self.pkg.relationships(source).ok()?;
        let r = rels.get(rid).filter(|r| !r.external)?;
        resolve_target(source, &r.target).filter(|p| self.pkg.has_part(p))
    }

    /// The first part of a relationship kind (`chart`, `theme`...) from `source`.
    pub fn related_part(&self, source: &str, kind: &str) -> Option<String> {
        self.target_of(source, kind)
    }
}
