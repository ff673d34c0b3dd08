//! `word/settings.xml`: turning on Track Changes for the person who opens the file.

use docskill_opc::xml::dom::{Document, Element, Node};

use crate::Result;
use crate::document::{Docx, is_w};

/// Children of `w:settings` that the schema puts before `w:trackRevisions`.
const BEFORE: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
];
const SETTINGS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
const SETTINGS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";

impl Docx {
    /// Turn Track Changes on, so the next person's own edits are tracked too.
    /// Creates `word/settings.xml` when the document has none.
    ///
    /// # Errors
    /// [`crate::Error::Package`] when the settings part is malformed.
    pub fn track_future_edits(&mut self) -> Result<()> {
        let main = self.stories[0].part.clone();
        let w = self.stories[0].w.clone();
        let mut rels = self.pkg.relationships(&main)?;
        let existing = rels
            .items
            .iter()
            .find(|r| r.rel_type.ends_with("/settings") && !r.external)
            .and_then(|r| docskill_opc::resolve_target(&main, &r.target))
            .filter(|p| self.pkg.has_part(p));
        let (part, mut doc) = if let Some(part) = existing {
            let doc = Document::parse(&self.pkg.read_part(&part)?, &part, self.pkg.limits())?;
            (part, doc)
        } else {
            let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
            let part = format!("{dir}/settings.xml");
            rels.add(SETTINGS_REL, "settings.xml", false);
            self.pkg.set_relationships(&main, &rels)?;
            let ns = self.stories[0]
                .doc
                .root
                .attr(&format!("xmlns:{w}"))
                .unwrap_or(crate::W_NS)
                .to_owned();
            let root = Element::new(format!("{w}:settings")).with_attr(format!("xmlns:{w}"), ns);
            let doc = Document {
                prolog: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n".into(),
                root,
                epilog: String::new(),
            };
            (part, doc)
        };
        let sw = doc
            .root
            .name
            .split_once(':')
            .map_or(w.clone(), |(p, _)| p.to_owned());
        if !doc.root.elements().any(|e| is_w(e, &sw, "trackRevisions")) {
            let at = doc
                .root
                .children
                .iter()
                .rposition(
                    |n| matches!(n, Node::Element(e) if BEFORE.iter().any(|b| is_w(e, &sw, b))),
                )
                .map_or(0, |i| i + 1);
            doc.root.children.insert(
                at,
                Node::Element(Element::new(format!("{sw}:trackRevisions"))),
            );
        }
        self.pkg
            .set_part(&part, doc.to_bytes(), Some(SETTINGS_TYPE))?;
        Ok(())
    }
}
