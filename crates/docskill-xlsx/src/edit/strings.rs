//! `sharedStrings.xml`: reuse an existing plain string or append a new one. Workbooks
//! without a shared strings part get inline strings instead, so no part is added.

use std::collections::HashMap;

use docskill_opc::xml::dom::{Element, Node};

use super::Editor;
use super::cells::TextRef;
use super::parts::{child, prefix_of, set_text};
use crate::error::Result;

const REL_SST: &str = "/sharedStrings";

/// Index of the plain (single-run, unformatted) strings of the table.
#[derive(Debug, Default)]
pub(crate) struct StringIndex {
    part: Option<String>,
    map: HashMap<String, u32>,
    count: u32,
    loaded: bool,
}

impl Editor {
    fn sst_part(&self) -> Result<Option<String>> {
        let rels = self.pkg.relationships(&self.wb_part)?;
        Ok(rels
            .items
            .iter()
            .find(|r| r.rel_type.ends_with(REL_SST) && !r.external)
            .and_then(|r| docskill_opc::resolve_target(&self.wb_part, &r.target))
            .filter(|p| self.pkg.has_part(p)))
    }

    /// Where a text value goes: the shared strings when the workbook has them, else inline.
    pub(crate) fn text_ref(&mut self, text: &str) -> Result<TextRef> {
        if !self.strings.loaded {
            self.strings.loaded = true;
            self.strings.part = self.sst_part()?;
            if let Some(part) = self.strings.part.clone() {
                let doc = self.parts.get(&self.pkg, &part)?;
                let mut n = 0u32;
                for si in doc.root.elements().filter(|e| e.local() == "si") {
                    let plain = si.elements().count() == 1 && child(si, "t").is_some();
                    if plain {
                        self.strings.map.entry(si.text()).or_insert(n);
                    }
                    n += 1;
                }
                self.strings.count = n;
            }
        }
        let Some(part) = self.strings.part.clone() else {
            return Ok(TextRef::Inline(text.to_owned()));
        };
        if let Some(i) = self.strings.map.get(text) {
            return Ok(TextRef::Shared(*i));
        }
        let doc = self.parts.edit(&self.pkg, &part)?;
        let prefix = prefix_of(&doc.root);
        let mut t = Element::new(format!("{prefix}t"));
        if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
            t.set_attr("xml:space", "preserve");
        }
        set_text(&mut t, text);
        doc.root.children.push(Node::Element(
            Element::new(format!("{prefix}si")).with_child(t),
        ));
        let i = self.strings.count;
        self.strings.count += 1;
        self.strings.map.insert(text.to_owned(), i);
        doc.root
            .set_attr("uniqueCount", self.strings.count.to_string());
        if let Some(c) = doc.root.attr("count").and_then(|c| c.parse::<u64>().ok()) {
            doc.root.set_attr("count", (c + 1).to_string());
        }
        Ok(TextRef::Shared(i))
    }
}
