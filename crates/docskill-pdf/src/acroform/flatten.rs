//! Flattening: each widget's appearance drawn into its page, the form removed.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::appearance::n;
use super::tree::{Terminal, rect_of, terminals};
use crate::Document;
use crate::document::{dict_of, number, resolve};
use crate::error::Result;

/// Annotation flag: hidden.
const HIDDEN: i64 = 1 << 1;

/// The appearance stream a widget shows now (`/AP /N`, by `/AS` when it has states).
fn shown_appearance(doc: &lopdf::Document, widget: &Dictionary) -> Option<Object> {
    let ap = dict_of(doc, widget.get(b"AP").ok()?)?;
    let normal = ap.get(b"N").ok()?;
    match resolve(doc, normal) {
        Object::Stream(_) => Some(normal.clone()),
        Object::Dictionary(states) => {
            let state = widget
                .get(b"AS")
                .ok()
                .and_then(|o| resolve(doc, o).as_name().ok())?;
            let s = states.get(state).ok()?;
            matches!(resolve(doc, s), Object::Stream(_)).then(|| s.clone())
        }
        _ => None,
    }
}

/// The matrix that puts form `XObject` `form` into `rect` (PDF 32000 12.5.5).
fn placement(doc: &lopdf::Document, form: &Stream, rect: [f64; 4]) -> Option<[f64; 6]> {
    let bbox = rect_of(doc, form.dict.get(b"BBox").ok())?;
    let m: Vec<f64> = form
        .dict
        .get(b"Matrix")
        .ok()
        .and_then(|o| resolve(doc, o).as_array().ok())
        .map(|a| a.iter().filter_map(|o| number(resolve(doc, o))).collect())
        .filter(|v: &Vec<f64>| v.len() == 6)
        .unwrap_or_else(|| vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    let corners = [
        (bbox[0], bbox[1]),
        (bbox[2], bbox[1]),
        (bbox[0], bbox[3]),
        (bbox[2], bbox[3]),
    ];
    let pts: Vec<(f64, f64)> = corners
        .iter()
        .map(|(x, y)| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]))
        .collect();
    let min_x = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let max_x = pts.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let min_y = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let max_y = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let (bw, bh) = (max_x - min_x, max_y - min_y);
    if bw <= 0.0 || bh <= 0.0 {
        return None;
    }
    let sx = (rect[2] - rect[0]) / bw;
    let sy = (rect[3] - rect[1]) / bh;
    Some([sx, 0.0, 0.0, sy, rect[0] - min_x * sx, rect[1] - min_y * sy])
}

/// Draws every widget's current appearance into its page, removes the
/// widgets from the pages' `/Annots` and removes the form. Returns the
/// number of widgets drawn.
///
/// # Errors
/// None today; kept fallible for malformed page trees.
pub fn flatten(doc: &mut Document) -> Result<usize> {
    let terms = terminals(doc);
    flatten_prepared(doc, &terms)
}

/// [`flatten`] with the field tree already read.
#[expect(
    clippy::unnecessary_wraps,
    reason = "kept fallible for malformed page trees, like `flatten`"
)]
pub(super) fn flatten_prepared(doc: &mut Document, terms: &[Terminal]) -> Result<usize> {
    let page_ids: Vec<ObjectId> = doc.pages().iter().map(|p| p.id).collect();
    let page_resources: Vec<Option<Object>> =
        doc.pages().iter().map(|p| p.resources.clone()).collect();
    let mut per_page: BTreeMap<u32, Vec<(Object, [f64; 6])>> = BTreeMap::new();
    let mut widget_ids = HashSet::new();
    {
        let lo = doc.lopdf();
        for t in terms {
            for w in &t.widgets {
                widget_ids.insert(w.id);
                let Some(page) = w.page else { continue };
                let Some(wd) = lo.objects.get(&w.id).and_then(|o| o.as_dict().ok()) else {
                    continue;
                };
                let flags = wd
                    .get(b"F")
                    .ok()
                    .and_then(|o| resolve(lo, o).as_i64().ok())
                    .unwrap_or(0);
                if flags & HIDDEN != 0 {
                    continue;
                }
                let (Some(ap), Some(rect)) = (shown_appearance(lo, wd), w.rect) else {
                    continue;
                };
                let Object::Stream(form) = resolve(lo, &ap) else {
                    continue;
                };
                if let Some(m) = placement(lo, form, rect) {
                    per_page.entry(page).or_default().push((ap.clone(), m));
                }
            }
        }
    }
    let lo = doc.lopdf_mut();
    let mut drawn = 0;
    for (page, items) in per_page {
        let index = page as usize - 1;
        let (Some(&page_id), Some(res)) = (page_ids.get(index), page_resources.get(index)) else {
            continue;
        };
        drawn += stamp(lo, page_id, res.as_ref(), items);
    }
    // Remove the widgets from every page and the form from the catalog.
    for page_id in page_ids {
        let annots = lo
            .objects
            .get(&page_id)
            .and_then(|o| o.as_dict().ok())
            .and_then(|pd| pd.get(b"Annots").ok())
            .map(|a| resolve(lo, a))
            .and_then(|a| a.as_array().ok())
            .cloned();
        if let Some(annots) = annots {
            let kept: Vec<Object> = annots
                .into_iter()
                .filter(|a| !matches!(a, Object::Reference(r) if widget_ids.contains(r)))
                .collect();
            if let Some(pd) = lo
                .objects
                .get_mut(&page_id)
                .and_then(|o| o.as_dict_mut().ok())
            {
                if kept.is_empty() {
                    pd.remove(b"Annots");
                } else {
                    pd.set("Annots", Object::Array(kept));
                }
            }
        }
    }
    if let Ok(cat) = lo.catalog_mut() {
        cat.remove(b"AcroForm");
    }
    Ok(drawn)
}

/// Draws form `XObject`s into a page at the given matrices, wrapping the
/// existing content in `q`/`Q`. Returns the number drawn.
pub(crate) fn stamp(
    lo: &mut lopdf::Document,
    page_id: ObjectId,
    res: Option<&Object>,
    items: Vec<(Object, [f64; 6])>,
) -> usize {
    let mut drawn = 0;
    let mut resources = res
        .and_then(|r| dict_of(lo, r))
        .cloned()
        .unwrap_or_default();
    let mut xobjects = resources
        .get(b"XObject")
        .ok()
        .and_then(|x| dict_of(lo, x))
        .cloned()
        .unwrap_or_default();
    let mut ops = String::from("Q\n");
    for (i, (ap, m)) in items.into_iter().enumerate() {
        let reference = match ap {
            Object::Reference(r) => r,
            other => lo.add_object(other),
        };
        let mut name = format!("DsFlat{i}");
        while xobjects.has(name.as_bytes()) {
            name.push('x');
        }
        xobjects.set(name.clone(), Object::Reference(reference));
        let _ = writeln!(
            ops,
            "q {} {} {} {} {} {} cm /{name} Do Q",
            n(m[0]),
            n(m[1]),
            n(m[2]),
            n(m[3]),
            n(m[4]),
            n(m[5])
        );
        drawn += 1;
    }
    resources.set("XObject", Object::Dictionary(xobjects));
    let open_id = lo.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let close_id = lo.add_object(Stream::new(Dictionary::new(), ops.into_bytes()));
    let Some(pd) = lo.objects.get(&page_id).and_then(|o| o.as_dict().ok()) else {
        return drawn;
    };
    let mut contents = vec![Object::Reference(open_id)];
    match pd.get(b"Contents").ok() {
        Some(Object::Reference(r)) => match lo.objects.get(r) {
            Some(Object::Array(a)) => contents.extend(a.iter().cloned()),
            _ => contents.push(Object::Reference(*r)),
        },
        Some(Object::Array(a)) => contents.extend(a.iter().cloned()),
        _ => {}
    }
    contents.push(Object::Reference(close_id));
    if let Some(pd) = lo
        .objects
        .get_mut(&page_id)
        .and_then(|o| o.as_dict_mut().ok())
    {
        pd.set("Contents", Object::Array(contents));
        pd.set("Resources", Object::Dictionary(resources));
    }
    drawn
}

/// The matrix that puts the form `XObject` `id` into `rect`.
pub(crate) fn placement_of(lo: &lopdf::Document, id: ObjectId, rect: [f64; 4]) -> Option<[f64; 6]> {
    match lo.objects.get(&id)? {
        Object::Stream(s) => placement(lo, s, rect),
        _ => None,
    }
}
