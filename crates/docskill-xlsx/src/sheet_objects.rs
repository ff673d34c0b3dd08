//! What `info` counts beside the cells: data validations, conditional-format rules and
//! charts of each sheet, read from the package (calamine does not expose them).

use std::collections::HashMap;

use docskill_opc::{Package, resolve_target};
use quick_xml::Reader;
use quick_xml::events::Event;

/// Counts for one sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Objects {
    /// `dataValidation` rules (including the `x14` ones Excel keeps in extension lists).
    pub validations: u64,
    /// `cfRule` elements (including `x14` ones).
    pub conditional_formats: u64,
    /// Charts on the sheet's drawing (classic and `chartEx`).
    pub charts: u64,
}

/// Counts per sheet name, for every sheet whose part could be read; a sheet missing from
/// the map could not be read and its counts are unknown.
pub(crate) fn by_sheet(pkg: &Package) -> HashMap<String, Objects> {
    let mut out = HashMap::new();
    let Some(wb_part) = pkg.relationships("/").ok().and_then(|rels| {
        rels.items
            .iter()
            .find(|r| r.rel_type.ends_with("/officeDocument"))
            .and_then(|r| resolve_target("/", &r.target))
    }) else {
        return out;
    };
    let (Ok(rels), Ok(wb)) = (pkg.relationships(&wb_part), pkg.read_part(&wb_part)) else {
        return out;
    };
    for (name, rid) in sheet_ids(&wb) {
        let Some(part) = rels
            .get(&rid)
            .filter(|r| !r.external)
            .and_then(|r| resolve_target(&wb_part, &r.target))
        else {
            continue;
        };
        if let Some(objects) = count(pkg, &part) {
            out.insert(name, objects);
        }
    }
    out
}

/// The local part of a tag name (`x14:cfRule` → `cfRule`).
fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// `(name, r:id)` of each `<sheet>` in workbook.xml.
fn sheet_ids(xml: &[u8]) -> Vec<(String, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if local(e.name().as_ref()) == "sheet" => {
                let mut name = None;
                let mut rid = None;
                for a in e.attributes().flatten() {
                    let key = a.key.as_ref();
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()
                        .map(std::borrow::Cow::into_owned);
                    if key == "name" {
                        name = value;
                    } else if key.ends_with(":id") {
                        rid = value;
                    }
                }
                if let (Some(n), Some(r)) = (name, rid) {
                    out.push((n, r));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Counts of one sheet part; `None` when it cannot be read.
fn count(pkg: &Package, part: &str) -> Option<Objects> {
    let xml = pkg.read_part(part).ok()?;
    let mut objects = Objects::default();
    let mut drawings = Vec::new();
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    // Excel keeps a data bar twice: the classic `cfRule` points with `x14:id` at its
    // `x14:cfRule` twin in the extension list, which must not be counted again.
    let mut in_classic_rule = false;
    let mut in_id = false;
    let mut twins: Vec<String> = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == "cfRule" => {
                objects.conditional_formats += 1;
                in_classic_rule = true;
            }
            Ok(Event::End(e)) if e.name().as_ref() == "cfRule" => in_classic_rule = false,
            Ok(Event::Start(e)) if in_classic_rule && local(e.name().as_ref()) == "id" => {
                in_id = true;
            }
            Ok(Event::End(e)) if local(e.name().as_ref()) == "id" => in_id = false,
            Ok(Event::Text(t)) if in_id => twins.push(t.trim().to_owned()),
            Ok(Event::Start(e) | Event::Empty(e)) => match local(e.name().as_ref()) {
                "dataValidation" => objects.validations += 1,
                "cfRule" => {
                    let id = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "id")
                        .map(|a| a.value.trim().to_owned());
                    if id.is_none_or(|id| !twins.contains(&id)) {
                        objects.conditional_formats += 1;
                    }
                }
                "drawing" => {
                    if let Some(id) = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref().ends_with(":id"))
                        .map(|a| a.value.trim().to_owned())
                    {
                        drawings.push(id);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(_) => return None,
            _ => {}
        }
        buf.clear();
    }
    let rels = pkg.relationships(part).ok()?;
    for id in drawings {
        let Some(drawing) = rels
            .get(&id)
            .filter(|r| !r.external)
            .and_then(|r| resolve_target(part, &r.target))
        else {
            continue;
        };
        if let Ok(d) = pkg.relationships(&drawing) {
            objects.charts += d
                .items
                .iter()
                .filter(|r| r.rel_type.ends_with("/chart") || r.rel_type.ends_with("/chartEx"))
                .count() as u64;
        }
    }
    Some(objects)
}
