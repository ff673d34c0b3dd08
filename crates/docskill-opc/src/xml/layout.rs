//! Indentation for people (`pretty`), its exact inverse (`condense`) and a
//! canonical form for tests (`canonicalize`).
//!
//! Layout whitespace is only ever added or removed between two tags of an
//! element that holds child elements and no text of its own. Elements whose
//! whitespace is content (`w:t`, `a:t`, `t`, `w:delText`, `w:instrText`,
//! `w:delInstrText`, `v`, `f`, and anything under `xml:space="preserve"`) are
//! written exactly as they came, and so is a whitespace-only text node that is
//! an element's whole content.

use quick_xml::events::{BytesStart, Event};

use super::{is_blank, refuse_entities, xml_reader};
use crate::{Error, Limits, Result};

/// Local names whose whitespace is always content.
const TEXT_ELEMENTS: &[&str] = &["t", "delText", "instrText", "delInstrText", "v", "f"];

#[derive(Clone, Copy)]
struct Style {
    indent: Option<&'static [u8]>,
    sort_attributes: bool,
    declaration: bool,
}

#[derive(Default)]
struct Frame {
    preserve: bool,
    children: bool,
    texty: bool,
}

/// Indent `xml` two spaces a level for reading and hand-editing.
///
/// # Errors
/// [`Error::Xml`], [`Error::XmlEntities`], or [`Error::LimitExceeded`] for depth.
///
/// # Examples
/// ```
/// use docskill_opc::xml::{condense, pretty};
/// let xml = br#"<a><b><t xml:space="preserve"> x </t></b><c/></a>"#;
/// let p = pretty(xml, "x.xml", &Default::default()).unwrap();
/// assert_eq!(String::from_utf8_lossy(&p), "<a>\n  <b>\n    <t xml:space=\"preserve\"> x </t>\n  </b>\n  <c/>\n</a>");
/// assert_eq!(condense(&p, "x.xml", &Default::default()).unwrap(), xml);
/// ```
pub fn pretty(xml: &[u8], part: &str, limits: &Limits) -> Result<Vec<u8>> {
    let style = Style {
        indent: Some(b"  "),
        sort_attributes: false,
        declaration: true,
    };
    layout(xml, part, limits, style)
}

/// Remove the layout whitespace [`pretty`] adds (and any like it), keeping text content.
///
/// # Errors
/// As [`pretty`].
pub fn condense(xml: &[u8], part: &str, limits: &Limits) -> Result<Vec<u8>> {
    let style = Style {
        indent: None,
        sort_attributes: false,
        declaration: true,
    };
    layout(xml, part, limits, style)
}

/// A stable form for comparing XML in tests: no declaration, attributes
/// sorted (namespace declarations first), one element per line.
///
/// # Errors
/// As [`pretty`].
///
/// # Examples
/// ```
/// let a = docskill_opc::xml::canonicalize(br#"<r b="2" a="1"><x/></r>"#, "a", &Default::default()).unwrap();
/// let b = docskill_opc::xml::canonicalize(b"<?xml version=\"1.0\"?>\n<r a=\"1\"  b=\"2\">\n <x/></r>", "b", &Default::default()).unwrap();
/// assert_eq!(a, b);
/// ```
pub fn canonicalize(xml: &[u8], part: &str, limits: &Limits) -> Result<String> {
    let style = Style {
        indent: Some(b"  "),
        sort_attributes: true,
        declaration: false,
    };
    let out = layout(xml, part, limits, style)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn sorted(e: &BytesStart<'_>) -> Result<BytesStart<'static>> {
    let mut attrs: Vec<(String, String)> = e
        .attributes()
        .with_checks(false)
        .map(|a| a.map(|a| (a.key.into_inner().to_owned(), a.value.into_owned())))
        .collect::<Result<_, _>>()
        .map_err(|err| Error::Xml {
            part: String::new(),
            message: err.to_string(),
        })?;
    attrs.sort_by(|a, b| {
        let ns = |k: &str| !(k == "xmlns" || k.starts_with("xmlns:"));
        (ns(&a.0), &a.0).cmp(&(ns(&b.0), &b.0))
    });
    let mut s = BytesStart::new(e.name().into_inner().to_owned());
    for (k, v) in &attrs {
        s.push_attribute(quick_xml::events::attributes::Attribute {
            key: quick_xml::name::QName(k),
            value: v.as_str().into(),
        });
    }
    Ok(s)
}

fn space_attr(e: &BytesStart<'_>) -> Option<bool> {
    let v = e
        .attributes()
        .flatten()
        .find(|a| a.key.into_inner() == "xml:space")?
        .value;
    Some(v == "preserve")
}

#[expect(
    clippy::too_many_lines,
    reason = "one state machine reads best in one place"
)]
fn layout(xml: &[u8], part: &str, limits: &Limits, style: Style) -> Result<Vec<u8>> {
    let mut r = xml_reader(xml);
    let mut w = quick_xml::Writer::new(Vec::with_capacity(xml.len() + xml.len() / 4));
    let mut stack: Vec<Frame> = Vec::new();
    let mut pending: Option<String> = None;
    let mut wrote_any = false;
    let mut seen_root = false;
    let xml_err = |e: quick_xml::Error, pos| Error::xml(part, e, pos);
    let io_err = |e: std::io::Error| Error::Io(e);

    // Layout break before a tag at `depth` (0 = root level).
    let brk = |w: &mut quick_xml::Writer<Vec<u8>>, depth: usize, wrote_any: bool| {
        if let Some(ind) = style.indent {
            if wrote_any {
                w.get_mut().push(b'\n');
            }
            for _ in 0..depth {
                w.get_mut().extend_from_slice(ind);
            }
        }
    };
    loop {
        let pos = r.buffer_position();
        let ev = r.read_event().map_err(|e| xml_err(e, pos))?;
        match ev {
            Event::Eof => break,
            Event::Decl(_) => {
                if style.declaration {
                    w.write_event(ev).map_err(io_err)?;
                    if style.indent.is_none() {
                        w.get_mut().extend_from_slice(b"\r\n");
                    }
                    wrote_any = true;
                }
            }
            Event::DocType(ref d) => {
                refuse_entities(d, part)?;
                brk(&mut w, 0, wrote_any);
                w.write_event(ev).map_err(io_err)?;
                wrote_any = true;
            }
            Event::Text(ref t) => match stack.last_mut() {
                None => {
                    if !is_blank(t) {
                        return Err(Error::Xml {
                            part: part.to_owned(),
                            message: format!("text outside the root element (at byte {pos})"),
                        });
                    }
                }
                Some(f) if f.preserve => w.write_event(ev).map_err(io_err)?,
                Some(_) if is_blank(t) => {
                    pending.get_or_insert_with(String::new).push_str(t);
                }
                Some(f) => {
                    f.texty = true;
                    if let Some(p) = pending.take() {
                        w.get_mut().extend_from_slice(p.as_bytes());
                    }
                    w.write_event(ev).map_err(io_err)?;
                }
            },
            Event::GeneralRef(_) | Event::CData(_) => {
                if let Some(f) = stack.last_mut() {
                    f.texty = true;
                }
                if let Some(p) = pending.take() {
                    w.get_mut().extend_from_slice(p.as_bytes());
                }
                w.write_event(ev).map_err(io_err)?;
            }
            Event::Start(_) | Event::Empty(_) | Event::Comment(_) | Event::PI(_) => {
                let depth = stack.len();
                if depth == 0 && matches!(ev, Event::Start(_) | Event::Empty(_)) {
                    if seen_root {
                        return Err(Error::Xml {
                            part: part.to_owned(),
                            message: format!("more than one root element (at byte {pos})"),
                        });
                    }
                    seen_root = true;
                }
                let (parent_preserve, flow) = match stack.last_mut() {
                    Some(f) => {
                        f.children = true;
                        (f.preserve, f.preserve || f.texty)
                    }
                    None => (false, false),
                };
                if flow {
                    if let Some(p) = pending.take() {
                        w.get_mut().extend_from_slice(p.as_bytes());
                    }
                } else {
                    pending = None;
                    brk(&mut w, depth, wrote_any);
                }
                wrote_any = true;
                match ev {
                    Event::Start(ref e) | Event::Empty(ref e) => {
                        let is_start = matches!(ev, Event::Start(_));
                        if is_start {
                            if stack.len() >= limits.max_xml_depth {
                                return Err(Error::LimitExceeded {
                                    what: "max_xml_depth",
                                    actual: stack.len() as u64 + 1,
                                    limit: limits.max_xml_depth as u64,
                                });
                            }
                            let preserve = space_attr(e).unwrap_or(parent_preserve)
                                || TEXT_ELEMENTS.contains(&e.local_name().into_inner());
                            stack.push(Frame {
                                preserve,
                                ..Frame::default()
                            });
                        }
                        let e2 = if style.sort_attributes {
                            sorted(e).map_err(|err| match err {
                                Error::Xml { message, .. } => Error::Xml {
                                    part: part.to_owned(),
                                    message,
                                },
                                other => other,
                            })?
                        } else {
                            e.to_owned()
                        };
                        let out = if is_start {
                            Event::Start(e2)
                        } else {
                            Event::Empty(e2)
                        };
                        w.write_event(out).map_err(io_err)?;
                    }
                    _ => w.write_event(ev).map_err(io_err)?,
                }
            }
            Event::End(_) => {
                let f = stack.pop().unwrap_or_default();
                if !f.preserve && f.children && !f.texty {
                    pending = None;
                    brk(&mut w, stack.len(), wrote_any);
                } else if let Some(p) = pending.take() {
                    w.get_mut().extend_from_slice(p.as_bytes());
                }
                w.write_event(ev).map_err(io_err)?;
            }
        }
    }
    if !stack.is_empty() {
        return Err(Error::Xml {
            part: part.to_owned(),
            message: "unexpected end of input".into(),
        });
    }
    Ok(w.into_inner())
}
