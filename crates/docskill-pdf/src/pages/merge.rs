//! Merging documents: pages in order, forms kept (clashing field names
//! renamed), outlines chained.

use std::collections::{BTreeMap, HashSet};

use lopdf::{Dictionary, Object, ObjectId};
use serde::Serialize;

use super::{materialize, set_page_tree};
use crate::Document;
use crate::acroform::{decode_text, encode_text};
use crate::document::resolve;
use crate::error::{PdfError, Result};

const MAX_NESTING: usize = 256;

/// What `merge` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    /// Pages in the result.
    pub pages: usize,
    /// Top-level fields renamed because the name was taken: `[from, to]`.
    pub renamed_fields: Vec<[String; 2]>,
    /// Outline (bookmark) trees chained into the result.
    pub outlines: usize,
}

fn remap(o: &mut Object, map: &BTreeMap<ObjectId, ObjectId>, depth: usize) {
    if depth > MAX_NESTING {
        *o = Object::Null;
        return;
    }
    match o {
        Object::Reference(r) => {
            *r = map.get(r).copied().unwrap_or((0, 0));
        }
        Object::Array(a) => a.iter_mut().for_each(|x| remap(x, map, depth + 1)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, x)| remap(x, map, depth + 1)),
        Object::Stream(s) => s
            .dict
            .iter_mut()
            .for_each(|(_, x)| remap(x, map, depth + 1)),
        _ => {}
    }
}

fn catalog_entry(lo: &lopdf::Document, key: &[u8]) -> Option<(Option<ObjectId>, Dictionary)> {
    let o = lo.catalog().ok()?.get(key).ok()?;
    let id = o.as_reference().ok();
    let d = resolve(lo, o).as_dict().ok()?.clone();
    Some((id, d))
}

fn text_of(lo: &lopdf::Document, d: &Dictionary, key: &[u8]) -> Option<String> {
    match resolve(lo, d.get(key).ok()?) {
        Object::String(b, _) => Some(decode_text(b)),
        _ => None,
    }
}

/// Merges `docs` in order into one document.
///
/// # Errors
/// [`PdfError::Malformed`] when there is nothing to merge or a document has
/// no catalog.
#[expect(
    clippy::too_many_lines,
    reason = "pages, form and outlines of each document in one pass"
)]
pub fn merge(docs: Vec<Document>) -> Result<(lopdf::Document, MergeReport)> {
    let mut iter = docs.into_iter();
    let mut first = iter
        .next()
        .ok_or_else(|| PdfError::malformed("nothing to merge"))?;
    materialize(&mut first);
    let mut kids: Vec<ObjectId> = first.pages().iter().map(|p| p.id).collect();
    let mut out = first.into_lopdf();
    out.trailer.remove(b"Encrypt");
    out.encryption_state = None;
    let mut report = MergeReport::default();
    let mut form = catalog_entry(&out, b"AcroForm").map(|(_, d)| d);
    let mut taken: HashSet<String> = HashSet::new();
    if let Some(f) = &form
        && let Some(fields) = f
            .get(b"Fields")
            .ok()
            .map(|x| resolve(&out, x))
            .and_then(|x| x.as_array().ok())
    {
        for fld in fields {
            if let Some(t) = fld
                .as_reference()
                .ok()
                .and_then(|id| out.objects.get(&id))
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| text_of(&out, d, b"T"))
            {
                taken.insert(t);
            }
        }
    }
    let mut outlines = catalog_entry(&out, b"Outlines");
    if outlines.as_ref().is_some_and(|(_, d)| d.has(b"First")) {
        report.outlines += 1;
    }
    let mut next = out.objects.keys().map(|k| k.0).max().unwrap_or(0) + 1;
    for mut doc in iter {
        materialize(&mut doc);
        let pages: Vec<ObjectId> = doc.pages().iter().map(|p| p.id).collect();
        let mut lo = doc.into_lopdf();
        let map: BTreeMap<ObjectId, ObjectId> = lo
            .objects
            .keys()
            .enumerate()
            .map(|(i, k)| (*k, (next + u32::try_from(i).unwrap_or(u32::MAX - next), 0)))
            .collect();
        next += u32::try_from(map.len()).unwrap_or(0);
        let root = lo
            .trailer
            .get(b"Root")
            .ok()
            .and_then(|r| r.as_reference().ok())
            .and_then(|r| map.get(&r).copied());
        let objects = std::mem::take(&mut lo.objects);
        for (id, mut o) in objects {
            remap(&mut o, &map, 0);
            if let Some(new) = map.get(&id) {
                out.objects.insert(*new, o);
            }
        }
        kids.extend(pages.iter().filter_map(|p| map.get(p).copied()));
        let Some(root) = root else { continue };
        let catalog = out
            .objects
            .get(&root)
            .and_then(|o| o.as_dict().ok())
            .cloned()
            .unwrap_or_default();
        // Form: append top-level fields, renaming clashes.
        if let Some(theirs) = catalog
            .get(b"AcroForm")
            .ok()
            .map(|f| resolve(&out, f))
            .and_then(|f| f.as_dict().ok())
            .cloned()
        {
            let their_fields: Vec<Object> = theirs
                .get(b"Fields")
                .ok()
                .map(|x| resolve(&out, x))
                .and_then(|x| x.as_array().ok())
                .cloned()
                .unwrap_or_default();
            for fld in &their_fields {
                let Ok(fid) = fld.as_reference() else {
                    continue;
                };
                let Some(name) = out
                    .objects
                    .get(&fid)
                    .and_then(|o| o.as_dict().ok())
                    .and_then(|d| text_of(&out, d, b"T"))
                else {
                    continue;
                };
                let mut new_name = name.clone();
                let mut k = 2;
                while taken.contains(&new_name) {
                    new_name = format!("{name}_{k}");
                    k += 1;
                }
                if new_name != name {
                    if let Some(d) = out.objects.get_mut(&fid).and_then(|o| o.as_dict_mut().ok()) {
                        d.set("T", encode_text(&new_name));
                    }
                    report.renamed_fields.push([name, new_name.clone()]);
                }
                taken.insert(new_name);
            }
            let merged = form.get_or_insert_with(|| {
                let mut d = theirs.clone();
                d.set("Fields", Object::Array(Vec::new()));
                d
            });
            if let Ok(Object::Array(fields)) = merged.get_mut(b"Fields") {
                fields.extend(their_fields);
            } else {
                merged.set("Fields", Object::Array(their_fields));
            }
            let their_fonts = theirs
                .get(b"DR")
                .ok()
                .map(|x| resolve(&out, x))
                .and_then(|x| x.as_dict().ok())
                .and_then(|dr| dr.get(b"Font").ok())
                .map(|x| resolve(&out, x))
                .and_then(|x| x.as_dict().ok())
                .cloned();
            if let Some(their_fonts) = their_fonts {
                let mut dr = merged
                    .get(b"DR")
                    .ok()
                    .map(|x| resolve(&out, x))
                    .and_then(|x| x.as_dict().ok())
                    .cloned()
                    .unwrap_or_default();
                let mut fonts = dr
                    .get(b"Font")
                    .ok()
                    .map(|x| resolve(&out, x))
                    .and_then(|x| x.as_dict().ok())
                    .cloned()
                    .unwrap_or_default();
                for (k, v) in &their_fonts {
                    if !fonts.has(k) {
                        fonts.set(k.clone(), v.clone());
                    }
                }
                dr.set("Font", Object::Dictionary(fonts));
                merged.set("DR", Object::Dictionary(dr));
            }
            merged.remove(b"XFA");
        }
        // Outlines: chain their top-level items after ours.
        let theirs = catalog
            .get(b"Outlines")
            .ok()
            .map(|o| resolve(&out, o))
            .and_then(|o| o.as_dict().ok())
            .cloned();
        if let Some(theirs) = theirs
            && let (Ok(Object::Reference(t_first)), Ok(Object::Reference(t_last))) =
                (theirs.get(b"First"), theirs.get(b"Last"))
        {
            let (t_first, t_last) = (*t_first, *t_last);
            let ours = outlines.get_or_insert_with(|| {
                let mut d = Dictionary::new();
                d.set("Type", Object::Name(b"Outlines".to_vec()));
                (None, d)
            });
            let holder_id = if let Some(id) = ours.0 {
                id
            } else {
                let id = (next, 0);
                next += 1;
                ours.0 = Some(id);
                id
            };
            if let Ok(Object::Reference(o_last)) = ours.1.get(b"Last") {
                let o_last = *o_last;
                if let Some(d) = out
                    .objects
                    .get_mut(&o_last)
                    .and_then(|o| o.as_dict_mut().ok())
                {
                    d.set("Next", Object::Reference(t_first));
                }
                if let Some(d) = out
                    .objects
                    .get_mut(&t_first)
                    .and_then(|o| o.as_dict_mut().ok())
                {
                    d.set("Prev", Object::Reference(o_last));
                }
            } else {
                ours.1.set("First", Object::Reference(t_first));
            }
            ours.1.set("Last", Object::Reference(t_last));
            // Re-parent their top-level items (bounded walk along /Next).
            let mut cur = Some(t_first);
            let mut steps = 0;
            let mut count = ours
                .1
                .get(b"Count")
                .ok()
                .and_then(|c| c.as_i64().ok())
                .unwrap_or(0);
            while let Some(id) = cur {
                steps += 1;
                if steps > 100_000 {
                    break;
                }
                let Some(d) = out.objects.get_mut(&id).and_then(|o| o.as_dict_mut().ok()) else {
                    break;
                };
                d.set("Parent", Object::Reference(holder_id));
                count += 1;
                cur = if id == t_last {
                    None
                } else {
                    d.get(b"Next").ok().and_then(|n| n.as_reference().ok())
                };
            }
            ours.1.set("Count", Object::Integer(count));
            report.outlines += 1;
        }
    }
    out.max_id = next;
    if let Some(f) = form {
        let id = out.add_object(f);
        if let Ok(cat) = out.catalog_mut() {
            cat.set("AcroForm", Object::Reference(id));
        }
    }
    if let Some((id, d)) = outlines {
        let id = match id {
            Some(id) => {
                out.objects.insert(id, Object::Dictionary(d));
                id
            }
            None => out.add_object(d),
        };
        if let Ok(cat) = out.catalog_mut() {
            cat.set("Outlines", Object::Reference(id));
        }
    }
    set_page_tree(&mut out, &kids)?;
    out.prune_objects();
    report.pages = kids.len();
    Ok((out, report))
}
