//! Relationships parts (`_rels/*.rels`).

use std::fmt::Write as _;

use quick_xml::events::Event;

use crate::xml::{attr, xml_reader};
use crate::{Error, Result};

const NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
/// Content type of relationships parts.
pub const RELS_CONTENT_TYPE: &str = "application/vnd.openxmlformats-package.relationships+xml";

/// One relationship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// `Id`, unique within its part (`rId1`).
    pub id: String,
    /// `Type`, a URI.
    pub rel_type: String,
    /// `Target` as written (relative to the source part unless external).
    pub target: String,
    /// `TargetMode="External"`.
    pub external: bool,
}

/// The relationships of one source part, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relationships {
    /// The relationships.
    pub items: Vec<Relationship>,
}

impl Relationships {
    /// Parse a relationships part; `part` names it in errors.
    ///
    /// # Errors
    /// [`Error::Xml`] when the XML is malformed, [`Error::XmlEntities`] for DTD entities.
    pub fn parse(xml: &[u8], part: &str) -> Result<Self> {
        let mut r = xml_reader(xml);
        let mut items = Vec::new();
        loop {
            match r
                .read_event()
                .map_err(|e| Error::xml(part, e, r.buffer_position()))?
            {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                    items.push(Relationship {
                        id: attr(&e, "Id").unwrap_or_default(),
                        rel_type: attr(&e, "Type").unwrap_or_default(),
                        target: attr(&e, "Target").unwrap_or_default(),
                        external: attr(&e, "TargetMode").is_some_and(|m| m == "External"),
                    });
                }
                Event::DocType(d) => crate::xml::refuse_entities(&d, part)?,
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Self { items })
    }

    /// The relationship with this id.
    pub fn get(&self, id: &str) -> Option<&Relationship> {
        self.items.iter().find(|r| r.id == id)
    }

    /// Relationships of a type (matched on the full URI).
    pub fn by_type<'a>(&'a self, rel_type: &'a str) -> impl Iterator<Item = &'a Relationship> {
        self.items.iter().filter(move |r| r.rel_type == rel_type)
    }

    /// Add a relationship with a fresh `rIdN` (one past the highest in use); return its id.
    pub fn add(&mut self, rel_type: &str, target: &str, external: bool) -> String {
        let next = self
            .items
            .iter()
            .filter_map(|r| r.id.strip_prefix("rId")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0)
            + 1;
        let id = format!("rId{next}");
        self.items.push(Relationship {
            id: id.clone(),
            rel_type: rel_type.to_owned(),
            target: target.to_owned(),
            external,
        });
        id
    }

    /// Remove the relationship with this id, returning it.
    pub fn remove(&mut self, id: &str) -> Option<Relationship> {
        let i = self.items.iter().position(|r| r.id == id)?;
        Some(self.items.remove(i))
    }

    /// Serialise as Office writes it.
    pub fn to_xml(&self) -> Vec<u8> {
        use crate::xml::escape_attr as esc;
        let mut s =
            String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
        let _ = write!(s, "<Relationships xmlns=\"{NS}\">");
        for r in &self.items {
            let _ = write!(
                s,
                "<Relationship Id=\"{}\" Type=\"{}\" Target=\"{}\"{}/>",
                esc(&r.id),
                esc(&r.rel_type),
                esc(&r.target),
                if r.external {
                    " TargetMode=\"External\""
                } else {
                    ""
                }
            );
        }
        s.push_str("</Relationships>");
        s.into_bytes()
    }
}
