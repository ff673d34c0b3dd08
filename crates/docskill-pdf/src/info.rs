//! Document information: pages, version, encryption, metadata, fonts, forms,
//! tagging, images.

use std::collections::{BTreeMap, HashSet};

use lopdf::{Dictionary, Object, ObjectId};
use serde::Serialize;

use crate::document::{Document, dict_of, resolve};
use crate::font::strip_subset;

/// Size and rotation of one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageInfo {
    /// Page number, from 1.
    pub page: u32,
    /// Width as displayed (after `/Rotate`), in points.
    pub width: f64,
    /// Height as displayed, in points.
    pub height: f64,
    /// `/Rotate`: 0, 90, 180 or 270.
    pub rotate: u16,
    /// `/MediaBox` `[x0, y0, x1, y1]`.
    pub media_box: [f64; 4],
    /// `/CropBox` (the media box when missing).
    pub crop_box: [f64; 4],
}

/// A font used by the pages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FontInfo {
    /// `/BaseFont` without subset prefix.
    pub name: String,
    /// `/Subtype`: Type1, TrueType, Type0, Type3, MMType1.
    pub subtype: String,
    /// The font program is embedded.
    pub embedded: bool,
    /// Only a subset of the glyphs is embedded (`ABCDEF+` prefix).
    pub subset: bool,
    /// `/Encoding` name (or `custom` for a dictionary or CMap stream).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Has a `/ToUnicode` map.
    pub to_unicode: bool,
}

/// What `pdf info` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Info {
    /// Header version, e.g. `1.7`.
    pub version: String,
    /// Number of pages.
    pub pages: usize,
    /// Page sizes and rotation.
    pub page_sizes: Vec<PageInfo>,
    /// Encryption the file had (decrypted for reading), or `None`.
    pub encryption: Option<String>,
    /// The cross-reference data was damaged and rebuilt.
    pub repaired: bool,
    /// Document information dictionary (`Title`, `Author`, ...).
    pub metadata: BTreeMap<String, String>,
    /// Fonts used on the pages (and in their form XObjects).
    pub fonts: Vec<FontInfo>,
    /// Has an AcroForm with fields.
    pub has_form: bool,
    /// Number of AcroForm fields (top level).
    pub form_fields: usize,
    /// Has XFA form data.
    pub xfa: bool,
    /// Tagged PDF (structure tree / `MarkInfo`).
    pub tagged: bool,
    /// Distinct image XObjects used by the pages.
    pub images: usize,
}

/// Describes an opened document.
pub fn info(doc: &Document) -> Info {
    let d = doc.lopdf();
    let page_sizes = doc
        .pages()
        .iter()
        .zip(1u32..)
        .map(|(p, n)| {
            let (width, height) = p.display_size();
            PageInfo {
                page: n,
                width,
                height,
                rotate: p.rotate,
                media_box: p.media_box,
                crop_box: p.crop_box,
            }
        })
        .collect();
    let mut metadata = BTreeMap::new();
    if let Some(info) = d.trailer.get(b"Info").ok().and_then(|o| dict_of(d, o)) {
        for (k, v) in info {
            if let Ok(s) = lopdf::decode_text_string(resolve(d, v)) {
                let s = s.trim_matches('\0').trim().to_string();
                if !s.is_empty() {
                    metadata.insert(String::from_utf8_lossy(k).into_owned(), s);
                }
            }
        }
    }
    let catalog = d.catalog().ok();
    let acroform = catalog
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|o| dict_of(d, o));
    let form_fields = acroform
        .and_then(|a| a.get(b"Fields").ok())
        .and_then(|o| resolve(d, o).as_array().ok())
        .map_or(0, Vec::len);
    let xfa = acroform.is_some_and(|a| a.has(b"XFA"));
    let tagged = catalog.is_some_and(|c| {
        c.has(b"StructTreeRoot")
            || c.get(b"MarkInfo")
                .ok()
                .and_then(|o| dict_of(d, o))
                .and_then(|m| m.get(b"Marked").ok())
                .and_then(|o| resolve(d, o).as_bool().ok())
                .unwrap_or(false)
    });
    let mut walk = Walk {
        doc: d,
        fonts: BTreeMap::new(),
        images: HashSet::new(),
        seen: HashSet::new(),
    };
    for page in doc.pages() {
        if let Some(res) = page.resources.as_ref().and_then(|r| dict_of(d, r)) {
            walk.resources(res, 0);
        }
    }
    Info {
        version: doc.version().to_string(),
        pages: doc.page_count(),
        page_sizes,
        encryption: doc.encryption().map(str::to_string),
        repaired: doc.xref_repaired(),
        metadata,
        fonts: walk.fonts.into_values().collect(),
        has_form: form_fields > 0,
        form_fields,
        xfa,
        tagged,
        images: walk.images.len(),
    }
}

struct Walk<'a> {
    doc: &'a lopdf::Document,
    fonts: BTreeMap<String, FontInfo>,
    images: HashSet<ObjectId>,
    seen: HashSet<ObjectId>,
}

impl Walk<'_> {
    fn resources(&mut self, res: &Dictionary, depth: usize) {
        let d = self.doc;
        if let Some(fonts) = res.get(b"Font").ok().and_then(|o| dict_of(d, o)) {
            for (_, f) in fonts {
                if let Some(font) = dict_of(d, f) {
                    let fi = font_info(d, font);
                    self.fonts
                        .entry(format!("{}\0{}", fi.name, fi.subtype))
                        .or_insert(fi);
                }
            }
        }
        if depth > 8 {
            return;
        }
        if let Some(xobjects) = res.get(b"XObject").ok().and_then(|o| dict_of(d, o)) {
            for (_, x) in xobjects {
                let Object::Reference(id) = x else { continue };
                let Some(Object::Stream(s)) = d.objects.get(id) else {
                    continue;
                };
                match s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) {
                    Some(b"Image") => {
                        self.images.insert(*id);
                    }
                    Some(b"Form") => {
                        if self.seen.insert(*id)
                            && let Some(r) =
                                s.dict.get(b"Resources").ok().and_then(|o| dict_of(d, o))
                        {
                            self.resources(r, depth + 1);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

fn font_info(d: &lopdf::Document, font: &Dictionary) -> FontInfo {
    let name_of = |dict: &Dictionary, key: &[u8]| {
        dict.get(key)
            .ok()
            .map(|o| resolve(d, o))
            .and_then(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
    };
    let full = name_of(font, b"BaseFont").unwrap_or_default();
    let subtype = name_of(font, b"Subtype").unwrap_or_else(|| "Type1".into());
    let descendant = font
        .get(b"DescendantFonts")
        .ok()
        .and_then(|o| resolve(d, o).as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| dict_of(d, o));
    let descriptor = descendant
        .unwrap_or(font)
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| dict_of(d, o));
    let embedded = subtype == "Type3"
        || descriptor
            .is_some_and(|fd| fd.has(b"FontFile") || fd.has(b"FontFile2") || fd.has(b"FontFile3"));
    let encoding = font.get(b"Encoding").ok().map(|o| match resolve(d, o) {
        Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
        _ => "custom".into(),
    });
    FontInfo {
        name: strip_subset(&full).to_string(),
        subset: strip_subset(&full) != full,
        subtype,
        embedded,
        encoding,
        to_unicode: font.has(b"ToUnicode"),
    }
}
