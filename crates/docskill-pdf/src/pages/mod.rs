//! Page operations: select, delete, reorder, rotate, split and merge.
//!
//! Every operation first copies inherited page attributes (`/MediaBox`,
//! `/CropBox`, `/Rotate`, `/Resources`) onto the pages, then rebuilds one flat
//! page tree, so pages keep their look whatever tree they came from. Objects
//! no page needs any more are dropped.

mod merge;

use std::collections::HashSet;

use lopdf::{Dictionary, Object, ObjectId};

pub use merge::{MergeReport, merge};

use crate::Document;
use crate::document::resolve;
use crate::error::{PdfError, Result};

const MAX_DEPTH: usize = 64;

fn real(v: f64) -> Object {
    #[expect(clippy::cast_possible_truncation, reason = "page coordinates fit f32")]
    Object::Real(v as f32)
}

fn boxed(b: [f64; 4]) -> Object {
    Object::Array(b.iter().map(|v| real(*v)).collect())
}

/// Copies inherited attributes onto every page dictionary.
pub(crate) fn materialize(doc: &mut Document) {
    let pages = doc.pages().to_vec();
    let lo = doc.lopdf_mut();
    for p in pages {
        let Some(d) = lo.objects.get_mut(&p.id).and_then(|o| o.as_dict_mut().ok()) else {
            continue;
        };
        if !d.has(b"MediaBox") {
            d.set("MediaBox", boxed(p.media_box));
        }
        if !d.has(b"CropBox")
            && p.crop_box
                .iter()
                .zip(p.media_box)
                .any(|(a, b)| (a - b).abs() > 1e-9)
        {
            d.set("CropBox", boxed(p.crop_box));
        }
        if !d.has(b"Rotate") && p.rotate != 0 {
            d.set("Rotate", Object::Integer(i64::from(p.rotate)));
        }
        if !d.has(b"Resources") {
            d.set(
                "Resources",
                p.resources
                    .unwrap_or_else(|| Object::Dictionary(Dictionary::new())),
            );
        }
    }
}

/// Points the catalog at one flat `/Pages` node with `kids`.
pub(crate) fn set_page_tree(lo: &mut lopdf::Document, kids: &[ObjectId]) -> Result<()> {
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Pages".to_vec()));
    root.set(
        "Kids",
        Object::Array(kids.iter().map(|k| Object::Reference(*k)).collect()),
    );
    root.set(
        "Count",
        Object::Integer(i64::try_from(kids.len()).unwrap_or(0)),
    );
    let root_id = lo.add_object(root);
    for k in kids {
        if let Some(d) = lo.objects.get_mut(k).and_then(|o| o.as_dict_mut().ok()) {
            d.set("Parent", Object::Reference(root_id));
        }
    }
    let cat = lo
        .catalog_mut()
        .map_err(|_| PdfError::malformed("no document catalog"))?;
    cat.set("Pages", Object::Reference(root_id));
    Ok(())
}

/// Removes form fields whose widgets are all gone, and outline targets on
/// pages that are gone.
fn prune_links(lo: &mut lopdf::Document, kept_pages: &HashSet<ObjectId>) {
    let mut kept_annots = HashSet::new();
    for p in kept_pages {
        if let Some(a) = lo
            .objects
            .get(p)
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(b"Annots").ok())
            .map(|a| resolve(lo, a))
            .and_then(|a| a.as_array().ok())
        {
            kept_annots.extend(a.iter().filter_map(|o| o.as_reference().ok()));
        }
    }
    let form_fields = lo
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .map(|f| resolve(lo, f))
        .and_then(|f| f.as_dict().ok())
        .and_then(|f| f.get(b"Fields").ok())
        .map(|f| resolve(lo, f))
        .and_then(|f| f.as_array().ok())
        .cloned();
    if let Some(fields) = form_fields {
        let mut seen = HashSet::new();
        let kept: Vec<Object> = fields
            .into_iter()
            .filter(|f| keep_field(lo, f, &kept_annots, &mut seen, 0))
            .collect();
        if let Ok(cat) = lo.catalog()
            && let Ok(Object::Reference(fid)) = cat.get(b"AcroForm")
        {
            let fid = *fid;
            if let Some(form) = lo.objects.get_mut(&fid).and_then(|o| o.as_dict_mut().ok()) {
                form.set("Fields", Object::Array(kept));
            }
        } else if let Ok(cat) = lo.catalog_mut()
            && let Ok(Object::Dictionary(form)) = cat.get_mut(b"AcroForm")
        {
            form.set("Fields", Object::Array(kept));
        }
    }
    // Outline items whose target page is gone keep their title, lose the link.
    let ids: Vec<ObjectId> = lo
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            let (d_has_title, parent) = (d.has(b"Title"), d.has(b"Parent"));
            (d_has_title && parent).then_some(*id)
        })
        .collect();
    for id in ids {
        let target = {
            let Some(d) = lo.objects.get(&id).and_then(|o| o.as_dict().ok()) else {
                continue;
            };
            let dest = d.get(b"Dest").ok().or_else(|| {
                d.get(b"A")
                    .ok()
                    .map(|a| resolve(lo, a))
                    .and_then(|a| a.as_dict().ok())
                    .and_then(|a| a.get(b"D").ok())
            });
            dest.map(|x| resolve(lo, x))
                .and_then(|x| x.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|p| p.as_reference().ok())
        };
        if let Some(page) = target
            && !kept_pages.contains(&page)
            && let Some(d) = lo.objects.get_mut(&id).and_then(|o| o.as_dict_mut().ok())
        {
            d.remove(b"Dest");
            d.remove(b"A");
        }
    }
}

/// Keeps a field node when a widget of it (or of its kids) is kept; drops
/// gone kids from `/Kids`.
fn keep_field(
    lo: &mut lopdf::Document,
    node: &Object,
    kept_annots: &HashSet<ObjectId>,
    seen: &mut HashSet<ObjectId>,
    depth: usize,
) -> bool {
    let Ok(id) = node.as_reference() else {
        return true;
    };
    if depth > MAX_DEPTH || !seen.insert(id) {
        return false;
    }
    if kept_annots.contains(&id) {
        return true;
    }
    let kids = lo
        .objects
        .get(&id)
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get(b"Kids").ok())
        .map(|k| resolve(lo, k))
        .and_then(|k| k.as_array().ok())
        .cloned();
    let Some(kids) = kids else {
        return false;
    };
    let kept: Vec<Object> = kids
        .into_iter()
        .filter(|k| keep_field(lo, k, kept_annots, seen, depth + 1))
        .collect();
    let any = !kept.is_empty();
    if let Some(d) = lo.objects.get_mut(&id).and_then(|o| o.as_dict_mut().ok()) {
        d.set("Kids", Object::Array(kept));
    }
    any
}

/// Keeps pages `numbers` (1-based) in that order; the others are removed
/// with what only they used (form fields, outline targets).
///
/// # Errors
/// [`PdfError::PageRange`] for a page the document lacks or a page listed
/// twice.
pub fn select(doc: &mut Document, numbers: &[u32]) -> Result<()> {
    let count = doc.page_count();
    let mut seen = HashSet::new();
    let mut kids = Vec::with_capacity(numbers.len());
    for &n in numbers {
        let page = doc.page(n)?;
        if !seen.insert(n) {
            return Err(PdfError::PageRange {
                spec: n.to_string(),
                reason: format!("page {n} is listed twice (of {count})"),
            });
        }
        kids.push(page.id);
    }
    materialize(doc);
    let lo = doc.lopdf_mut();
    set_page_tree(lo, &kids)?;
    let kept: HashSet<ObjectId> = kids.iter().copied().collect();
    prune_links(lo, &kept);
    lo.prune_objects();
    Ok(())
}

/// Removes pages `numbers`.
///
/// # Errors
/// [`PdfError::PageRange`] when every page would go.
pub fn delete(doc: &mut Document, numbers: &[u32]) -> Result<()> {
    let gone: HashSet<u32> = numbers.iter().copied().collect();
    let count = u32::try_from(doc.page_count()).unwrap_or(u32::MAX);
    let keep: Vec<u32> = (1..=count).filter(|n| !gone.contains(n)).collect();
    if keep.is_empty() {
        return Err(PdfError::PageRange {
            spec: format!("{} page(s)", numbers.len()),
            reason: "that is every page; a PDF needs at least one".into(),
        });
    }
    select(doc, &keep)
}

/// Puts pages `numbers` first, in that order; the pages not named follow in
/// their original order.
///
/// # Errors
/// [`PdfError::PageRange`] for a page the document lacks.
pub fn reorder(doc: &mut Document, numbers: &[u32]) -> Result<()> {
    let count = u32::try_from(doc.page_count()).unwrap_or(u32::MAX);
    let named: HashSet<u32> = numbers.iter().copied().collect();
    let mut order = numbers.to_vec();
    order.extend((1..=count).filter(|n| !named.contains(n)));
    select(doc, &order)
}

/// Turns pages `numbers` clockwise by `degrees` (a multiple of 90).
///
/// # Errors
/// [`PdfError::Unsupported`] for an angle that is not a multiple of 90,
/// [`PdfError::PageRange`] for a page the document lacks.
pub fn rotate(doc: &mut Document, numbers: &[u32], degrees: i64) -> Result<()> {
    if degrees % 90 != 0 {
        return Err(PdfError::Unsupported {
            what: format!("rotation by {degrees} degrees (use a multiple of 90)"),
        });
    }
    let mut targets = Vec::new();
    for &n in numbers {
        let p = doc.page(n)?;
        targets.push((p.id, i64::from(p.rotate)));
    }
    let lo = doc.lopdf_mut();
    for (id, current) in targets {
        if let Some(d) = lo.objects.get_mut(&id).and_then(|o| o.as_dict_mut().ok()) {
            d.set(
                "Rotate",
                Object::Integer((current + degrees).rem_euclid(360)),
            );
        }
    }
    Ok(())
}

/// Splits into parts: one document per entry of `parts` (each a list of
/// page numbers), each a copy with only those pages.
///
/// # Errors
/// As [`select`].
pub fn split(doc: &Document, parts: &[Vec<u32>]) -> Result<Vec<lopdf::Document>> {
    let mut out = Vec::with_capacity(parts.len());
    for part in parts {
        let mut copy = doc.clone();
        select(&mut copy, part)?;
        out.push(copy.into_lopdf());
    }
    Ok(out)
}
