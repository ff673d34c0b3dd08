//! `[Content_Types].xml`: Default (by extension) and Override (by part) entries.

use std::fmt::Write as _;

use quick_xml::events::Event;

use crate::xml::{attr, xml_reader};
use crate::{Error, Result};

/// The zip entry name of the content types stream.
pub const CONTENT_TYPES: &str = "[Content_Types].xml";
const NS: &str = "http://schemas.openxmlformats.org/package/2006/content-types";

/// The parsed content types of a package.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentTypes {
    /// `(extension, content type)`, in file order.
    pub defaults: Vec<(String, String)>,
    /// `(part name, content type)`, in file order.
    pub overrides: Vec<(String, String)>,
}

impl ContentTypes {
    /// Parse `[Content_Types].xml`.
    ///
    /// # Errors
    /// [`Error::Xml`] when the XML is malformed.
    pub fn parse(xml: &[u8]) -> Result<Self> {
        let mut r = xml_reader(xml);
        let mut ct = Self::default();
        loop {
            let ev = r
                .read_event()
                .map_err(|e| Error::xml(CONTENT_TYPES, e, r.buffer_position()))?;
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let get = |n: &str| attr(&e, n).unwrap_or_default();
                    match e.local_name().as_ref() {
                        "Default" => ct.defaults.push((get("Extension"), get("ContentType"))),
                        "Override" => ct.overrides.push((get("PartName"), get("ContentType"))),
                        _ => {}
                    }
                }
                Event::DocType(d) => crate::xml::refuse_entities(&d, CONTENT_TYPES)?,
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(ct)
    }

    /// The content type of a part: its Override, else the Default for its extension.
    pub fn get(&self, part: &str) -> Option<&str> {
        let key = crate::partname::key(part);
        if let Some((_, ct)) = self
            .overrides
            .iter()
            .find(|(p, _)| crate::partname::key(p) == key)
        {
            return Some(ct);
        }
        let ext = part.rsplit_once('.').map(|(_, e)| e)?;
        if ext.contains('/') {
            return None;
        }
        self.defaults
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(ext))
            .map(|(_, ct)| ct.as_str())
    }

    /// Give `part` the content type `ct`, by Override unless the Default already says so.
    pub fn set(&mut self, part: &str, ct: &str) {
        let key = crate::partname::key(part);
        self.overrides
            .retain(|(p, _)| crate::partname::key(p) != key);
        if self.get(part) != Some(ct) {
            self.overrides
                .push((format!("/{}", part.trim_start_matches('/')), ct.to_owned()));
        }
    }

    /// Add a Default for an extension unless one exists.
    pub fn add_default(&mut self, ext: &str, ct: &str) {
        if !self
            .defaults
            .iter()
            .any(|(e, _)| e.eq_ignore_ascii_case(ext))
        {
            self.defaults.push((ext.to_owned(), ct.to_owned()));
        }
    }

    /// Remove the Override of `part`, if any.
    pub fn remove(&mut self, part: &str) {
        let key = crate::partname::key(part);
        self.overrides
            .retain(|(p, _)| crate::partname::key(p) != key);
    }

    /// Serialise as Office writes it.
    pub fn to_xml(&self) -> Vec<u8> {
        use crate::xml::escape_attr as esc;
        let mut s =
            String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
        let _ = write!(s, "<Types xmlns=\"{NS}\">");
        for (e, ct) in &self.defaults {
            let _ = write!(
                s,
                "<Default Extension=\"{}\" ContentType=\"{}\"/>",
                esc(e),
                esc(ct)
            );
        }
        for (p, ct) in &self.overrides {
            let _ = write!(
                s,
                "<Override PartName=\"{}\" ContentType=\"{}\"/>",
                esc(p),
                esc(ct)
            );
        }
        s.push_str("</Types>");
        s.into_bytes()
    }
}
