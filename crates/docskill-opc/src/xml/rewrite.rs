//! Namespace-aware streaming rewrite.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::{Error, Limits, Result};

/// What to do with one event.
#[derive(Debug)]
pub enum Edit<'x> {
    /// Write it as it came.
    Keep,
    /// Leave it out.
    Drop,
    /// Write these events instead.
    Replace(Vec<Event<'x>>),
}

/// Where an event stands: its element's namespace URI and local name (empty
/// for text and other non-element events) and its depth (the root is 1).
#[derive(Debug, Clone, Copy)]
pub struct Node<'n> {
    /// Namespace URI of the element, if bound.
    pub namespace: Option<&'n str>,
    /// Local name of the element.
    pub local: &'n str,
    /// Nesting depth: 1 for the root element, 0 outside it.
    pub depth: usize,
}

impl Node<'_> {
    /// True when this is the element `local` in namespace `ns`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.namespace == Some(ns) && self.local == local
    }
}

/// Stream `xml` through `edit`, writing every event it keeps or replaces.
///
/// Events that are kept are written from their raw bytes, so attribute
/// order, quoting and escaping stay as they were.
///
/// # Errors
/// [`Error::Xml`] for malformed XML (naming `part` and the byte position),
/// [`Error::XmlEntities`] for a DTD with entities, [`Error::LimitExceeded`]
/// past `limits.max_xml_depth`, and whatever `edit` returns.
///
/// # Examples
/// ```
/// use docskill_opc::xml::{rewrite, Edit};
/// use quick_xml::events::{BytesText, Event};
/// const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// let doc = format!(r#"<w:p xmlns:w="{W}"><w:r><w:t>old</w:t></w:r></w:p>"#);
/// let mut in_t = false;
/// let out = rewrite(doc.as_bytes(), "/word/document.xml", &Default::default(), |ev, node| {
///     Ok(match ev {
///         Event::Start(_) => { in_t = node.is(W, "t"); Edit::Keep }
///         Event::Text(_) if in_t => Edit::Replace(vec![Event::Text(BytesText::new("new"))]),
///         _ => Edit::Keep,
///     })
/// }).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("<w:t>new</w:t>"));
/// ```
pub fn rewrite<'x, F>(xml: &'x [u8], part: &str, limits: &Limits, mut edit: F) -> Result<Vec<u8>>
where
    F: FnMut(&Event<'x>, &Node<'_>) -> Result<Edit<'x>>,
{
    let mut r = quick_xml::NsReader::from_reader(xml);
    r.config_mut().trim_text(false);
    let mut w = quick_xml::Writer::new(Vec::with_capacity(xml.len() + xml.len() / 8));
    let mut depth = 0usize;
    loop {
        let pos = r.buffer_position();
        let (ns, ev) = r
            .read_resolved_event()
            .map_err(|e| Error::xml(part, e, pos))?;
        let namespace = match ns {
            ResolveResult::Bound(n) => Some(n.into_inner()),
            _ => None,
        };
        let ev_depth = match &ev {
            Event::Start(_) => {
                depth += 1;
                if depth > limits.max_xml_depth {
                    return Err(Error::LimitExceeded {
                        what: "max_xml_depth",
                        actual: depth as u64,
                        limit: limits.max_xml_depth as u64,
                    });
                }
                depth
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                depth + 1
            }
            Event::Empty(_) => depth + 1,
            Event::DocType(d) => {
                super::refuse_entities(d, part)?;
                depth
            }
            Event::Eof => break,
            _ => depth,
        };
        let local_name = match &ev {
            Event::Start(e) | Event::Empty(e) => Some(e.local_name()),
            Event::End(e) => Some(e.local_name()),
            _ => None,
        };
        let local = local_name.map_or("", quick_xml::name::LocalName::into_inner);
        let node = Node {
            namespace,
            local,
            depth: ev_depth,
        };
        match edit(&ev, &node)? {
            Edit::Keep => w.write_event(ev)?,
            Edit::Drop => {}
            Edit::Replace(evs) => {
                for e in evs {
                    w.write_event(e)?;
                }
            }
        }
    }
    Ok(w.into_inner())
}
