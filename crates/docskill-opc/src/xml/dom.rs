//! A small owned XML tree for parts that are edited structurally (splitting
//! runs, wrapping them in revisions). Every element, attribute, comment and
//! processing instruction is kept; text and attribute values are held
//! unescaped and escaped again on output.

use std::fmt::Write as _;

use quick_xml::events::Event;

use super::{escape_attr, escape_text, refuse_entities, xml_reader};
use crate::{Error, Limits, Result};

/// A node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An element.
    Element(Element),
    /// Text, unescaped.
    Text(String),
    /// A CDATA section's content.
    CData(String),
    /// A comment's content.
    Comment(String),
    /// A processing instruction's content (between `<?` and `?>`).
    Pi(String),
}

/// An element: qualified name, attributes (unescaped values) in file order, children.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// Qualified name as written (`w:p`).
    pub name: String,
    /// Attributes as written, values unescaped.
    pub attrs: Vec<(String, String)>,
    /// Child nodes.
    pub children: Vec<Node>,
}

impl Element {
    /// A new element without attributes or children.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// Builder: add an attribute.
    #[must_use]
    pub fn with_attr(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.attrs.push((k.into(), v.into()));
        self
    }

    /// Builder: add a child.
    #[must_use]
    pub fn with_child(mut self, n: impl Into<Node>) -> Self {
        self.children.push(n.into());
        self
    }

    /// Value of an attribute by qualified name.
    pub fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }

    /// Set (or add) an attribute.
    pub fn set_attr(&mut self, k: &str, v: impl Into<String>) {
        match self.attrs.iter_mut().find(|(n, _)| n == k) {
            Some(a) => a.1 = v.into(),
            None => self.attrs.push((k.to_owned(), v.into())),
        }
    }

    /// Remove an attribute.
    pub fn remove_attr(&mut self, k: &str) {
        self.attrs.retain(|(n, _)| n != k);
    }

    /// The local part of the name (`p` for `w:p`).
    pub fn local(&self) -> &str {
        self.name
            .rsplit_once(':')
            .map_or(self.name.as_str(), |(_, l)| l)
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// Child elements, mutable.
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// The first child element with this qualified name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// All text below this element, in order.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }

    fn collect_text(&self, s: &mut String) {
        for c in &self.children {
            match c {
                Node::Text(t) | Node::CData(t) => s.push_str(t),
                Node::Element(e) => e.collect_text(s),
                _ => {}
            }
        }
    }

    /// This element serialised as XML (no declaration).
    pub fn to_xml(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }

    fn write(&self, out: &mut String) {
        let _ = write!(out, "<{}", self.name);
        for (k, v) in &self.attrs {
            let _ = write!(out, " {k}=\"{}\"", escape_attr(v));
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for c in &self.children {
            match c {
                Node::Element(e) => e.write(out),
                Node::Text(t) => out.push_str(&escape_text(t)),
                Node::CData(t) => {
                    let _ = write!(out, "<![CDATA[{t}]]>");
                }
                Node::Comment(t) => {
                    let _ = write!(out, "<!--{t}-->");
                }
                Node::Pi(t) => {
                    let _ = write!(out, "<?{t}?>");
                }
            }
        }
        let _ = write!(out, "</{}>", self.name);
    }
}

impl From<Element> for Node {
    fn from(e: Element) -> Self {
        Node::Element(e)
    }
}

/// A parsed XML document: what comes before the root (declaration, comments), the root, what follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Raw text before the root element (XML declaration, comments, DOCTYPE), as it was.
    pub prolog: String,
    /// The root element.
    pub root: Element,
    /// Raw text after the root element, as it was.
    pub epilog: String,
}

/// Resolves an XML predefined entity (`amp`, `lt`, ...) or a numeric character reference
/// (`#38`, `#x26`) given without its `&` and `;`.
#[must_use]
pub fn resolve_ref(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix('x').or_else(|| n.strip_prefix('X')) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

impl Document {
    /// Parse `xml`; `part` names it in errors.
    ///
    /// # Errors
    /// [`Error::Xml`] (malformed, unknown entity, no root), [`Error::XmlEntities`],
    /// [`Error::LimitExceeded`] past `limits.max_xml_depth`.
    pub fn parse(xml: &[u8], part: &str, limits: &Limits) -> Result<Self> {
        let mut r = xml_reader(xml);
        let mut stack: Vec<Element> = Vec::new();
        let mut prolog = String::new();
        let mut epilog = String::new();
        let mut root: Option<Element> = None;
        let bad = |message: String| Error::Xml {
            part: part.to_owned(),
            message,
        };
        loop {
            let pos = r.buffer_position();
            let ev = r.read_event().map_err(|e| Error::xml(part, e, pos))?;
            let outside = stack.is_empty();
            match ev {
                Event::Eof => break,
                Event::Start(ref e) | Event::Empty(ref e) => {
                    if outside && root.is_some() {
                        return Err(bad(format!("more than one root element (at byte {pos})")));
                    }
                    let el = element_of(e).map_err(|err| bad(format!("{err} (at byte {pos})")))?;
                    if matches!(ev, Event::Start(_)) {
                        if stack.len() >= limits.max_xml_depth {
                            return Err(Error::LimitExceeded {
                                what: "max_xml_depth",
                                actual: stack.len() as u64 + 1,
                                limit: limits.max_xml_depth as u64,
                            });
                        }
                        stack.push(el);
                    } else {
                        close(el, &mut stack, &mut root);
                    }
                }
                Event::End(_) => {
                    let el = stack
                        .pop()
                        .ok_or_else(|| bad(format!("unexpected end tag (at byte {pos})")))?;
                    close(el, &mut stack, &mut root);
                }
                Event::Text(t) => match stack.last_mut() {
                    Some(parent) => push_text(parent, &t),
                    None if root.is_none() => prolog.push_str(&t),
                    None => epilog.push_str(&t),
                },
                Event::GeneralRef(g) => {
                    let c = resolve_ref(&g)
                        .ok_or_else(|| bad(format!("unknown entity &{}; (at byte {pos})", &*g)))?;
                    let parent = stack
                        .last_mut()
                        .ok_or_else(|| bad(format!("entity outside the root (at byte {pos})")))?;
                    push_text(parent, c.encode_utf8(&mut [0; 4]));
                }
                Event::CData(t) => {
                    if let Some(p) = stack.last_mut() {
                        p.children.push(Node::CData(t.to_string()));
                    }
                }
                Event::Comment(t) => {
                    let target = match stack.last_mut() {
                        Some(p) => {
                            p.children.push(Node::Comment(t.to_string()));
                            continue;
                        }
                        None if root.is_none() => &mut prolog,
                        None => &mut epilog,
                    };
                    let _ = write!(target, "<!--{}-->", &*t);
                }
                Event::PI(t) => match stack.last_mut() {
                    Some(p) => p.children.push(Node::Pi(t.to_string())),
                    None if root.is_none() => {
                        let _ = write!(prolog, "<?{}?>", &*t);
                    }
                    None => {
                        let _ = write!(epilog, "<?{}?>", &*t);
                    }
                },
                Event::Decl(d) => {
                    let _ = write!(prolog, "<?{}?>", &*d);
                }
                Event::DocType(d) => {
                    refuse_entities(&d, part)?;
                    let _ = write!(prolog, "<!DOCTYPE {}>", &*d);
                }
            }
        }
        if !stack.is_empty() {
            return Err(bad("unexpected end of input: elements left open".into()));
        }
        let root = root.ok_or_else(|| bad("no root element".into()))?;
        Ok(Self {
            prolog,
            root,
            epilog,
        })
    }

    /// Serialise (UTF-8).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = String::with_capacity(1024);
        out.push_str(&self.prolog);
        self.root.write(&mut out);
        out.push_str(&self.epilog);
        out.into_bytes()
    }
}

/// An element with its attributes (values unescaped and normalised), no children yet.
fn element_of(e: &quick_xml::events::BytesStart<'_>) -> std::result::Result<Element, String> {
    let mut el = Element::new(e.name().into_inner());
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| err.to_string())?;
        el.attrs
            .push((a.key.into_inner().to_owned(), v.into_owned()));
    }
    Ok(el)
}

fn push_text(parent: &mut Element, t: &str) {
    if let Some(Node::Text(prev)) = parent.children.last_mut() {
        prev.push_str(t);
    } else {
        parent.children.push(Node::Text(t.to_owned()));
    }
}

fn close(el: Element, stack: &mut [Element], root: &mut Option<Element>) {
    match stack.last_mut() {
        Some(p) => p.children.push(Node::Element(el)),
        None => *root = Some(el),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_everything_and_resolves_entities() {
        let x = "<?xml version=\"1.0\"?>\r\n<!-- c --><a xmlns:w=\"W\" w:x=\"1 &amp; &quot;2&quot;\"><w:t xml:space=\"preserve\"> a &lt; b &#x41;&#66; </w:t><![CDATA[<raw>]]><!--in--><?pi x?><e/></a>\n";
        let d = Document::parse(x.as_bytes(), "t", &Limits::default()).unwrap();
        assert_eq!(d.root.attr("w:x"), Some("1 & \"2\""));
        assert_eq!(d.root.child("w:t").unwrap().text(), " a < b AB ");
        let out = String::from_utf8(d.to_bytes()).unwrap();
        assert_eq!(
            out,
            "<?xml version=\"1.0\"?>\r\n<!-- c --><a xmlns:w=\"W\" w:x=\"1 &amp; &quot;2&quot;\"><w:t xml:space=\"preserve\"> a &lt; b AB </w:t><![CDATA[<raw>]]><!--in--><?pi x?><e/></a>\n"
        );
        assert_eq!(
            Document::parse(out.as_bytes(), "t", &Limits::default()).unwrap(),
            d
        );
    }

    #[test]
    fn refuses_bad_input() {
        let l = Limits::default();
        for bad in ["<a><b></a>", "<a>&foo;</a>", "<a/><b/>", "", "<a>"] {
            assert!(Document::parse(bad.as_bytes(), "t", &l).is_err(), "{bad}");
        }
        let deep = format!("{}{}", "<a>".repeat(300), "</a>".repeat(300));
        assert!(matches!(
            Document::parse(deep.as_bytes(), "t", &l),
            Err(Error::LimitExceeded {
                what: "max_xml_depth",
                ..
            })
        ));
    }
}
