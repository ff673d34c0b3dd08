//! Opening a PDF: decryption, repair, page tree, limits.

use std::collections::HashSet;

use lopdf::{Dictionary, Object, ObjectId};

use crate::error::{PdfError, Result};
use crate::limits::Limits;

/// How to open a PDF.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Password to try after the empty one (user or owner password).
    pub password: Option<String>,
    /// Bounds on the file.
    pub limits: Limits,
}

/// Page rotation and boxes, with inherited attributes resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page object.
    pub id: ObjectId,
    /// `/MediaBox` as `[x0, y0, x1, y1]`, normalised so `x0 <= x1`, `y0 <= y1`
    /// (US Letter when missing).
    pub media_box: [f64; 4],
    /// `/CropBox` clipped to the media box (the media box when missing). This
    /// is the visible page.
    pub crop_box: [f64; 4],
    /// `/Rotate`, normalised to 0, 90, 180 or 270 (clockwise).
    pub rotate: u16,
    /// `/Resources`, inherited from the page tree when the page lacks it.
    pub resources: Option<Object>,
}

impl Page {
    /// Width and height in points as displayed (after `/Rotate`).
    pub fn display_size(&self) -> (f64, f64) {
        let w = self.crop_box[2] - self.crop_box[0];
        let h = self.crop_box[3] - self.crop_box[1];
        if self.rotate % 180 == 90 {
            (h, w)
        } else {
            (w, h)
        }
    }
}

/// An opened, decrypted PDF with its pages listed.
#[derive(Debug, Clone)]
pub struct Document {
    doc: lopdf::Document,
    pages: Vec<Page>,
    encryption: Option<String>,
    repaired: bool,
    limits: Limits,
}

/// Opens a PDF from bytes.
///
/// Junk before `%PDF-` is skipped; a damaged cross-reference table is
/// rebuilt by scanning for objects; encrypted files are decrypted with the
/// empty password first, then with `options.password`.
///
/// ```
/// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf/hello.pdf")).unwrap();
/// let doc = docskill_pdf::open(&bytes, &Default::default()).unwrap();
/// assert_eq!(doc.page_count(), 1);
/// ```
///
/// # Errors
/// [`PdfError::Malformed`] for a file that is not a PDF or cannot be repaired,
/// [`PdfError::Encrypted`] when a password is needed and none was given,
/// [`PdfError::WrongPassword`] when the given one does not open it,
/// [`PdfError::LimitExceeded`] when the file passes a bound of `options.limits`.
pub fn open(bytes: &[u8], options: &OpenOptions) -> Result<Document> {
    let limits = options.limits;
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(PdfError::LimitExceeded {
            what: "input bytes".into(),
            limit: limits.max_input_bytes,
            found: bytes.len() as u64,
        });
    }
    if !bytes.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::malformed("no %PDF- header: not a PDF file"));
    }
    let load = |password: Option<String>| {
        lopdf::Document::load_mem_with_options(
            bytes,
            lopdf::LoadOptions {
                password,
                max_decompressed_size: Some(limits.max_stream_bytes),
                ..lopdf::LoadOptions::default()
            },
        )
    };
    let doc = match load(options.password.clone()) {
        Ok(doc) => doc,
        Err(lopdf::Error::InvalidPassword) => {
            let method = load(None)
                .ok()
                .and_then(|d| method_of_dict(&d))
                .unwrap_or_default();
            return Err(PdfError::WrongPassword {
                method: or_unknown(method),
            });
        }
        Err(e) => return Err(map_lopdf_error(&e)),
    };
    if doc.is_encrypted() {
        let method = or_unknown(method_of_dict(&doc).unwrap_or_default());
        return Err(if options.password.is_some() {
            PdfError::WrongPassword { method }
        } else {
            PdfError::Encrypted { method }
        });
    }
    if doc.objects.len() > limits.max_objects {
        return Err(PdfError::LimitExceeded {
            what: "objects".into(),
            limit: limits.max_objects as u64,
            found: doc.objects.len() as u64,
        });
    }
    let encryption = doc.encryption_state.as_ref().map(method_of_state);
    let repaired = doc.xref_recovery.is_some();
    let pages = walk_pages(&doc, &limits)?;
    Ok(Document {
        doc,
        pages,
        encryption,
        repaired,
        limits,
    })
}

impl Document {
    /// The underlying lopdf document.
    pub fn lopdf(&self) -> &lopdf::Document {
        &self.doc
    }

    /// The underlying lopdf document, to change it.
    pub fn lopdf_mut(&mut self) -> &mut lopdf::Document {
        &mut self.doc
    }

    /// Gives up the wrapper and returns the lopdf document.
    pub fn into_lopdf(self) -> lopdf::Document {
        self.doc
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// All pages in order.
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// Page `number` (1-based).
    ///
    /// # Errors
    /// [`PdfError::PageRange`] when there is no such page.
    pub fn page(&self, number: u32) -> Result<&Page> {
        (number as usize)
            .checked_sub(1)
            .and_then(|i| self.pages.get(i))
            .ok_or_else(|| PdfError::PageRange {
                spec: number.to_string(),
                reason: format!("the document has {} pages", self.pages.len()),
            })
    }

    /// The encryption the file had (`RC4 40-bit`, `AES-128`, `AES-256`, ...),
    /// or `None` when it was not encrypted.
    pub fn encryption(&self) -> Option<&str> {
        self.encryption.as_deref()
    }

    /// Whether the cross-reference data was damaged and had to be repaired.
    pub fn xref_repaired(&self) -> bool {
        self.repaired
    }

    /// The limits the document was opened with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The header version, for example `1.7`.
    pub fn version(&self) -> &str {
        &self.doc.version
    }

    /// Follows references (at most 32 hops) to a direct object.
    pub fn resolve<'a>(&'a self, object: &'a Object) -> &'a Object {
        resolve(&self.doc, object)
    }

    /// The dictionary `object` is or refers to (a stream's dictionary too).
    pub fn dict<'a>(&'a self, object: &'a Object) -> Option<&'a Dictionary> {
        dict_of(&self.doc, object)
    }

    /// `dict[key]`, with references followed.
    pub fn get<'a>(&'a self, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        dict.get(key).ok().map(|o| resolve(&self.doc, o))
    }
}

/// Follows references (at most 32 hops) to a direct object; a dangling
/// reference becomes `Null`.
pub(crate) fn resolve<'a>(doc: &'a lopdf::Document, mut object: &'a Object) -> &'a Object {
    for _ in 0..32 {
        match object {
            Object::Reference(id) => match doc.objects.get(id) {
                Some(next) => object = next,
                None => return &Object::Null,
            },
            _ => return object,
        }
    }
    &Object::Null
}

/// The dictionary `object` is or refers to (a stream's dictionary too).
pub(crate) fn dict_of<'a>(doc: &'a lopdf::Document, object: &'a Object) -> Option<&'a Dictionary> {
    match resolve(doc, object) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// A stream's decoded bytes, at most `limit`. A Flate stream whose data is
/// damaged near the end (a common defect) gives what inflates before the damage.
///
/// # Errors
/// Lopdf's decoding error when nothing can be recovered.
pub(crate) fn stream_content(
    doc: &lopdf::Document,
    stream: &lopdf::Stream,
    limit: usize,
) -> std::result::Result<Vec<u8>, String> {
    // `/Filter` and `/DecodeParms` may be indirect (legal, and lopdf does not
    // follow them): decode a copy whose entries are resolved.
    let indirect = |k: &[u8]| matches!(stream.dict.get(k), Ok(Object::Reference(_)));
    if indirect(b"Filter") || indirect(b"DecodeParms") {
        let mut copy = stream.clone();
        for key in [&b"Filter"[..], b"DecodeParms"] {
            if let Ok(o) = stream.dict.get(key) {
                copy.dict.set(key, resolve(doc, o).clone());
            }
        }
        return decode_stream(&copy, limit);
    }
    decode_stream(stream, limit)
}

fn decode_stream(stream: &lopdf::Stream, limit: usize) -> std::result::Result<Vec<u8>, String> {
    match stream.get_plain_content_with_limit(limit) {
        Ok(bytes) => Ok(bytes),
        Err(e) => {
            let flate_only = match stream.dict.get(b"Filter") {
                Ok(Object::Name(n)) => n == b"FlateDecode",
                Ok(Object::Array(a)) => a.len() == 1 && a[0].as_name().ok() == Some(b"FlateDecode"),
                _ => false,
            };
            if flate_only && !stream.dict.has(b"DecodeParms") {
                let partial = lenient_inflate(&stream.content, limit);
                if !partial.is_empty() {
                    return Ok(partial);
                }
            }
            Err(e.to_string())
        }
    }
}

/// Inflates zlib data until it ends, fails or reaches `limit` bytes.
fn lenient_inflate(data: &[u8], limit: usize) -> Vec<u8> {
    let mut inflater = flate2::Decompress::new(true);
    let mut out: Vec<u8> = Vec::with_capacity(data.len().saturating_mul(4).min(limit));
    loop {
        if out.len() >= limit {
            out.truncate(limit);
            break;
        }
        if out.capacity() == out.len() {
            out.reserve((out.len() + 4096).min(limit - out.len()).max(1));
        }
        let consumed = usize::try_from(inflater.total_in()).unwrap_or(usize::MAX);
        let Some(input) = data.get(consumed..) else {
            break;
        };
        let before = out.len();
        match inflater.decompress_vec(input, &mut out, flate2::FlushDecompress::None) {
            Ok(flate2::Status::StreamEnd) | Err(_) => break,
            Ok(_) => {
                if out.len() == before && input.is_empty() {
                    break;
                }
                if out.len() == before
                    && usize::try_from(inflater.total_in()).unwrap_or(0) == consumed
                {
                    break;
                }
            }
        }
    }
    out
}

/// A number (integer or real) as `f64`.
pub(crate) fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn or_unknown(method: String) -> String {
    if method.is_empty() {
        "unknown method".into()
    } else {
        method
    }
}

fn map_lopdf_error(e: &lopdf::Error) -> PdfError {
    match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            PdfError::LimitExceeded {
                what: "decompressed stream bytes".into(),
                limit: 0,
                found: 0,
            }
        }
        lopdf::Error::Parse(lopdf::ParseError::InvalidFileHeader) => {
            PdfError::malformed("invalid %PDF- header")
        }
        other => PdfError::malformed(other.to_string()),
    }
}

/// Names the encryption from the still-present `/Encrypt` dictionary.
fn method_of_dict(doc: &lopdf::Document) -> Option<String> {
    let dict = doc.get_encrypted().ok()?;
    let filter = dict
        .get(b"Filter")
        .ok()
        .and_then(|o| o.as_name().ok())
        .unwrap_or(b"Standard");
    if filter != b"Standard" {
        return Some(format!(
            "{} security handler",
            String::from_utf8_lossy(filter)
        ));
    }
    let v = dict
        .get(b"V")
        .ok()
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let r = dict
        .get(b"R")
        .ok()
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let length = dict.get(b"Length").ok().and_then(|o| o.as_i64().ok());
    let cfm = dict
        .get(b"CF")
        .ok()
        .and_then(|cf| dict_of(doc, cf))
        .and_then(|cf| {
            let name = dict
                .get(b"StmF")
                .ok()
                .and_then(|o| o.as_name().ok())
                .unwrap_or(b"StdCF");
            dict_of(doc, cf.get(name).ok()?)
        })
        .and_then(|f| {
            f.get(b"CFM")
                .ok()
                .and_then(|o| o.as_name().ok())
                .map(<[u8]>::to_vec)
        });
    Some(describe(
        v,
        r,
        length.and_then(|l| usize::try_from(l).ok()),
        cfm.as_deref(),
    ))
}

fn method_of_state(state: &lopdf::EncryptionState) -> String {
    let cfm = state
        .crypt_filters()
        .get(state.default_stream_filter())
        .map(|f| f.method().to_vec());
    describe(
        state.version(),
        state.revision(),
        state.key_length(),
        cfm.as_deref(),
    )
}

fn describe(v: i64, r: i64, length_bits: Option<usize>, cfm: Option<&[u8]>) -> String {
    match (v, cfm) {
        (5, _) | (_, Some(b"AESV3")) => format!("AES-256 (R{r})"),
        (4, Some(b"AESV2")) => "AES-128".into(),
        (1, _) => "RC4 40-bit".into(),
        _ => {
            let bits = length_bits.map_or(128, |l| if l <= 32 { l * 8 } else { l });
            format!("RC4 {bits}-bit")
        }
    }
}

/// Inherited page attributes while walking the tree.
#[derive(Clone, Default)]
struct Inherited {
    media_box: Option<[f64; 4]>,
    crop_box: Option<[f64; 4]>,
    rotate: Option<i64>,
    resources: Option<Object>,
}

/// Rectangle `[l, b, r, t]` (normalised, finite) of a dictionary entry.
pub(crate) fn rect(doc: &lopdf::Document, object: Option<&Object>) -> Option<[f64; 4]> {
    let array = resolve(doc, object?).as_array().ok()?;
    if array.len() < 4 {
        return None;
    }
    let mut v = [0.0; 4];
    for (slot, o) in v.iter_mut().zip(array) {
        *slot = number(resolve(doc, o))?;
        if !slot.is_finite() {
            return None;
        }
    }
    Some([
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ])
}

const MAX_TREE_DEPTH: usize = 256;

fn walk_pages(doc: &lopdf::Document, limits: &Limits) -> Result<Vec<Page>> {
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .cloned()
        .ok_or_else(|| PdfError::malformed("the catalog has no /Pages tree"))?;
    let mut pages = Vec::new();
    let mut seen = HashSet::new();
    // Explicit stack: (node, inherited attributes, depth).
    let mut stack = vec![(root, Inherited::default(), 0usize)];
    while let Some((node, mut inherited, depth)) = stack.pop() {
        if depth > MAX_TREE_DEPTH {
            return Err(PdfError::malformed(format!(
                "page tree deeper than {MAX_TREE_DEPTH} levels"
            )));
        }
        let id = match node {
            Object::Reference(id) => Some(id),
            _ => None,
        };
        if let Some(id) = id
            && !seen.insert(id)
        {
            // A node met twice (a cycle or a shared kid) is drawn once.
            continue;
        }
        let Some(dict) = dict_of(doc, &node) else {
            continue;
        };
        if let Some(b) = rect(doc, dict.get(b"MediaBox").ok()) {
            inherited.media_box = Some(b);
        }
        if let Some(b) = rect(doc, dict.get(b"CropBox").ok()) {
            inherited.crop_box = Some(b);
        }
        if let Some(r) = dict
            .get(b"Rotate")
            .ok()
            .and_then(|o| resolve(doc, o).as_i64().ok())
        {
            inherited.rotate = Some(r);
        }
        if let Ok(res) = dict.get(b"Resources") {
            inherited.resources = Some(res.clone());
        }
        let is_tree = dict.get(b"Type").ok().and_then(|o| o.as_name().ok()) == Some(b"Pages")
            || (dict.has(b"Kids") && !dict.has(b"Contents"));
        if is_tree {
            if let Some(kids) = dict
                .get(b"Kids")
                .ok()
                .and_then(|k| resolve(doc, k).as_array().ok())
            {
                for kid in kids.iter().rev() {
                    stack.push((kid.clone(), inherited.clone(), depth + 1));
                }
            }
            continue;
        }
        let Some(id) = id else { continue };
        if pages.len() >= limits.max_pages {
            return Err(PdfError::LimitExceeded {
                what: "pages".into(),
                limit: limits.max_pages as u64,
                found: pages.len() as u64 + 1,
            });
        }
        let media_box = inherited.media_box.unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let crop_box = inherited.crop_box.map_or(media_box, |c| {
            let clipped = [
                c[0].max(media_box[0]),
                c[1].max(media_box[1]),
                c[2].min(media_box[2]),
                c[3].min(media_box[3]),
            ];
            if clipped[0] < clipped[2] && clipped[1] < clipped[3] {
                clipped
            } else {
                media_box
            }
        });
        let rotate =
            u16::try_from(inherited.rotate.unwrap_or(0).rem_euclid(360) / 90 * 90).unwrap_or(0);
        pages.push(Page {
            id,
            media_box,
            crop_box,
            rotate,
            resources: inherited.resources,
        });
    }
    Ok(pages)
}

#[cfg(test)]
mod tests;
