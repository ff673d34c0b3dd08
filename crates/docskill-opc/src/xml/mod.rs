//! XML helpers shared by the OOXML crates, on quick-xml.
//!
//! - [`rewrite`]: a namespace-aware streaming rewrite that copies every event
//!   it is not asked to change as it was.
//! - [`pretty`], [`condense`]: indentation for people, and back, never touching
//!   text content.
//! - [`canonicalize`]: a stable form for tests (sorted attributes, no layout
//!   whitespace).
//! - [`escape_text`], [`escape_attr`]: escaping for hand-built XML.
//!
//! Every reader here refuses a DTD that declares entities: no entity is ever
//! expanded, so "billion laughs" has nothing to work with.

pub mod dom;
mod layout;
mod rewrite;

use std::borrow::Cow;

use quick_xml::events::{BytesStart, BytesText};

pub use layout::{canonicalize, condense, pretty};
pub use rewrite::{Edit, Node, rewrite};

use crate::{Error, Result};

/// A reader with the settings every docskill XML pass uses: text kept as is,
/// end names checked.
pub(crate) fn xml_reader(xml: &[u8]) -> quick_xml::Reader<&[u8]> {
    let mut r = quick_xml::Reader::from_reader(xml);
    let c = r.config_mut();
    c.trim_text(false);
    c.check_end_names = true;
    r
}

/// The unescaped value of an attribute, by its qualified name.
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.clone().into_owned(), Cow::into_owned)
        })
}

/// Refuse a DOCTYPE that declares entities.
pub(crate) fn refuse_entities(doctype: &BytesText<'_>, part: &str) -> Result<()> {
    if doctype.to_ascii_uppercase().contains("<!ENTITY") {
        return Err(Error::XmlEntities(part.to_owned()));
    }
    Ok(())
}

/// Escape text content: `&`, `<`, `>`.
///
/// # Examples
/// ```
/// assert_eq!(docskill_opc::xml::escape_text("a < b & c"), "a &lt; b &amp; c");
/// ```
pub fn escape_text(s: &str) -> Cow<'_, str> {
    quick_xml::escape::partial_escape(s)
}

/// Escape an attribute value: `&`, `<`, `>`, `"`, `'`.
///
/// # Examples
/// ```
/// assert_eq!(docskill_opc::xml::escape_attr("say \"hi\""), "say &quot;hi&quot;");
/// ```
pub fn escape_attr(s: &str) -> Cow<'_, str> {
    quick_xml::escape::escape(s)
}

/// Whether a text node is layout whitespace only.
pub(crate) fn is_blank(t: &str) -> bool {
    t.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Parse `xml` to the end without keeping anything: well-formedness,
/// matched tags, one root, depth within `limits`, no DTD entities.
///
/// # Errors
/// [`Error::Xml`], [`Error::XmlEntities`], [`Error::LimitExceeded`].
pub fn check_well_formed(xml: &[u8], part: &str, limits: &crate::Limits) -> Result<()> {
    use quick_xml::events::Event;
    let mut r = xml_reader(xml);
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        let pos = r.buffer_position();
        match r.read_event().map_err(|e| Error::xml(part, e, pos))? {
            Event::Start(_) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
                if depth > limits.max_xml_depth {
                    return Err(Error::LimitExceeded {
                        what: "max_xml_depth",
                        actual: depth as u64,
                        limit: limits.max_xml_depth as u64,
                    });
                }
            }
            Event::Empty(_) if depth == 0 => roots += 1,
            Event::End(_) => depth -= 1,
            Event::Text(t) if depth == 0 && !is_blank(&t) => {
                return Err(Error::Xml {
                    part: part.to_owned(),
                    message: format!("text outside the root element (at byte {pos})"),
                });
            }
            Event::DocType(d) => refuse_entities(&d, part)?,
            Event::Eof => break,
            _ => {}
        }
    }
    let problem = match (depth, roots) {
        (0, 1) => return Ok(()),
        (d, _) if d > 0 => "unexpected end of input: elements left open",
        (_, 0) => "no root element",
        _ => "more than one root element",
    };
    Err(Error::Xml {
        part: part.to_owned(),
        message: problem.to_owned(),
    })
}

#[cfg(test)]
mod tests;
