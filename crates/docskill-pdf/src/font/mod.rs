//! Fonts: from a font dictionary to glyphs with Unicode and widths.
//!
//! Simple fonts (Type 1, TrueType, standard 14, Type 3) decode one byte per
//! glyph through `ToUnicode`, `/Differences` and the base encoding; Type 0
//! (CID) fonts split codes with their encoding CMap (Identity or embedded)
//! and map CIDs to widths with `/W`. Text that cannot be mapped gets
//! `unicode: None` and is reported, never guessed.

mod cmap;
mod encoding;
mod program;
mod std14;
#[rustfmt::skip]
mod tables;

use std::collections::HashMap;

use lopdf::{Dictionary, Object};

use crate::document::{dict_of, number, resolve, stream_content};
use cmap::CMap;
use encoding::{BaseEncoding, glyph_name_to_unicode, type1_builtin_encoding};
pub(crate) use std14::strip_subset;

/// One glyph decoded from a string.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// The character code.
    pub code: u32,
    /// Unicode text; `None` when the font gives no way to know it.
    pub unicode: Option<String>,
    /// Horizontal advance in text space units per unit of font size (1/1000 em
    /// for most fonts).
    pub width: f64,
    /// Vertical advance (vertical writing only; negative is down).
    pub vertical_advance: f64,
    /// A single-byte code 32: word spacing (`Tw`) applies.
    pub is_space: bool,
}

#[derive(Debug, Clone)]
enum Codes {
    /// One byte per code.
    Single,
    /// Two bytes per code, CID = code.
    Identity,
    /// Split and mapped by an embedded CMap.
    Embedded(CMap),
    /// A predefined legacy CMap: split by lead byte, text decoded by `encoding_rs`.
    Legacy(&'static encoding_rs::Encoding, fn(u8) -> bool),
    /// A predefined Unicode CMap (`Uni*-UCS2-*`, `Uni*-UTF16-*`): codes are UTF-16.
    Utf16,
}

/// A loaded font.
#[derive(Debug, Clone)]
pub(crate) struct Font {
    /// `/BaseFont` without subset prefix (or the resource name).
    pub name: String,
    codes: Codes,
    to_unicode: Option<CMap>,
    /// Simple fonts: Unicode by code from the encoding.
    simple_unicode: Vec<Option<String>>,
    /// Simple fonts: width by code (text space per unit font size).
    simple_widths: Vec<Option<f64>>,
    /// CID fonts without `ToUnicode`: text by CID read from the embedded
    /// font program.
    cid_unicode: HashMap<u32, String>,
    /// CID fonts: width by CID.
    cid_widths: HashMap<u32, f64>,
    cid_vertical: HashMap<u32, f64>,
    default_width: f64,
    default_vertical: f64,
    /// Glyph space to text space for Type 3 (else 1/1000).
    pub font_matrix: [f64; 6],
    /// Ascent and descent in text space per unit font size.
    pub ascent: f64,
    pub descent: f64,
    /// Vertical writing (`WMode 1`, `Identity-V`).
    pub vertical: bool,
    /// Type 3: resources of the glyph procedures (for nested fonts, unused in text).
    pub is_type3: bool,
}

fn name_of<'a>(doc: &'a lopdf::Document, o: Option<&'a Object>) -> Option<&'a [u8]> {
    o.map(|o| resolve(doc, o)).and_then(|o| o.as_name().ok())
}

fn stream_bytes(doc: &lopdf::Document, o: &Object, limit: usize) -> Option<Vec<u8>> {
    match resolve(doc, o) {
        Object::Stream(s) => stream_content(doc, s, limit).ok(),
        _ => None,
    }
}

fn num(doc: &lopdf::Document, o: &Object) -> Option<f64> {
    number(resolve(doc, o)).filter(|v| v.is_finite())
}

impl Font {
    /// A font that maps nothing: used when a font resource is missing.
    pub(crate) fn fallback(name: &str) -> Self {
        Self {
            name: name.to_string(),
            codes: Codes::Single,
            to_unicode: None,
            simple_unicode: (0u8..=255)
                .map(|c| BaseEncoding::Standard.char(c).map(String::from))
                .collect(),
            simple_widths: vec![None; 256],
            cid_unicode: HashMap::new(),
            cid_widths: HashMap::new(),
            cid_vertical: HashMap::new(),
            default_width: 0.5,
            default_vertical: -1.0,
            font_matrix: [0.001, 0.0, 0.0, 0.001, 0.0, 0.0],
            ascent: 0.8,
            descent: -0.2,
            vertical: false,
            is_type3: false,
        }
    }

    /// Loads a font dictionary. Never fails: what cannot be read falls back
    /// (unknown widths become the font's default, unknown text stays unmapped).
    pub(crate) fn load(doc: &lopdf::Document, dict: &Dictionary, stream_limit: usize) -> Self {
        let subtype = name_of(doc, dict.get(b"Subtype").ok()).unwrap_or(b"Type1");
        let base = name_of(doc, dict.get(b"BaseFont").ok())
            .map(|n| strip_subset(&String::from_utf8_lossy(n)).to_string())
            .unwrap_or_default();
        let mut font = Self::fallback(&base);
        font.to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o, stream_limit))
            .map(|b| CMap::parse(&b))
            .filter(CMap::has_unicode);
        if subtype == b"Type0" {
            font.load_type0(doc, dict, stream_limit);
        } else {
            font.load_simple(doc, dict, subtype, &base, stream_limit);
        }
        font
    }

    fn descriptor<'a>(doc: &'a lopdf::Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
        dict.get(b"FontDescriptor")
            .ok()
            .and_then(|o| dict_of(doc, o))
    }

    fn load_metrics(&mut self, doc: &lopdf::Document, desc: Option<&Dictionary>) {
        if let Some(desc) = desc {
            let get = |k: &[u8]| desc.get(k).ok().and_then(|o| num(doc, o));
            if let (Some(a), Some(d)) = (get(b"Ascent"), get(b"Descent"))
                && a > d
                && a - d < 3000.0
                && a > 0.0
            {
                self.ascent = a / 1000.0;
                self.descent = d.min(0.0) / 1000.0;
            }
        }
    }

    fn load_simple(
        &mut self,
        doc: &lopdf::Document,
        dict: &Dictionary,
        subtype: &[u8],
        base: &str,
        stream_limit: usize,
    ) {
        let desc = Self::descriptor(doc, dict);
        self.load_metrics(doc, desc);
        let flags = desc
            .and_then(|d| d.get(b"Flags").ok())
            .and_then(|o| resolve(doc, o).as_i64().ok())
            .unwrap_or(0);
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let std = std14::metrics_for(base, true);
        // The embedded program, and whether it is a bare CFF (`FontFile3`).
        let embedded = desc.and_then(|d| {
            d.get(b"FontFile")
                .ok()
                .map(|o| (o, false))
                .or_else(|| d.get(b"FontFile3").ok().map(|o| (o, true)))
        });
        self.is_type3 = subtype == b"Type3";
        if self.is_type3 {
            if let Some(m) = dict
                .get(b"FontMatrix")
                .ok()
                .and_then(|o| resolve(doc, o).as_array().ok())
            {
                let v: Vec<f64> = m.iter().filter_map(|o| num(doc, o)).collect();
                if v.len() == 6 && v[0] != 0.0 {
                    self.font_matrix = [v[0], v[1], v[2], v[3], v[4], v[5]];
                }
            }
            if let Some(b) = dict
                .get(b"FontBBox")
                .ok()
                .and_then(|o| resolve(doc, o).as_array().ok())
            {
                let v: Vec<f64> = b.iter().filter_map(|o| num(doc, o)).collect();
                let d = self.font_matrix[3];
                if v.len() == 4 && (v[3] - v[1]).abs() * d.abs() > 0.01 {
                    self.ascent = (v[3] * d).max(v[1] * d);
                    self.descent = (v[1] * d).min(v[3] * d).min(0.0);
                }
            }
        }
        // Base encoding.
        let enc_obj = dict.get(b"Encoding").ok().map(|o| resolve(doc, o));
        let mut base_enc = match enc_obj {
            Some(Object::Name(n)) => BaseEncoding::from_name(n),
            Some(Object::Dictionary(d)) => {
                name_of(doc, d.get(b"BaseEncoding").ok()).and_then(BaseEncoding::from_name)
            }
            _ => None,
        };
        let mut table: Vec<Option<String>> = vec![None; 256];
        let builtin = match embedded {
            Some((o, cff)) if base_enc.is_none() && subtype == b"Type1" => {
                stream_bytes(doc, o, stream_limit)
                    .map(|p| {
                        if cff {
                            program::cff_builtin_encoding(&p)
                        } else {
                            type1_builtin_encoding(&p)
                        }
                    })
                    .unwrap_or_default()
            }
            _ => Vec::new(),
        };
        if base_enc.is_none() {
            base_enc = Some(match base {
                "Symbol" => BaseEncoding::Symbol,
                "ZapfDingbats" => BaseEncoding::None,
                _ if self.is_type3 => BaseEncoding::None,
                _ if !builtin.is_empty() => BaseEncoding::None,
                _ if symbolic && subtype == b"TrueType" => BaseEncoding::Standard,
                _ => BaseEncoding::Standard,
            });
        }
        let base_enc = base_enc.unwrap_or(BaseEncoding::Standard);
        for (code, slot) in (0u8..=255).zip(table.iter_mut()) {
            *slot = base_enc.char(code).map(String::from);
        }
        for (code, name) in builtin {
            table[usize::from(code)] = glyph_name_to_unicode(&name);
        }
        if let Some(Object::Dictionary(d)) = enc_obj
            && let Some(diffs) = d
                .get(b"Differences")
                .ok()
                .and_then(|o| resolve(doc, o).as_array().ok())
        {
            let mut code: i64 = 0;
            for item in diffs {
                match resolve(doc, item) {
                    Object::Integer(i) => code = *i,
                    Object::Name(n) => {
                        if let Ok(idx) = usize::try_from(code)
                            && idx < 256
                        {
                            let name = String::from_utf8_lossy(n);
                            table[idx] = glyph_name_to_unicode(&name);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        self.simple_unicode = table;
        // Widths.
        let first = dict
            .get(b"FirstChar")
            .ok()
            .and_then(|o| resolve(doc, o).as_i64().ok())
            .unwrap_or(0);
        let scale = if self.is_type3 {
            self.font_matrix[0]
        } else {
            0.001
        };
        let missing = desc
            .and_then(|d| d.get(b"MissingWidth").ok())
            .and_then(|o| num(doc, o))
            .map(|w| w * scale);
        if let Some(widths) = dict
            .get(b"Widths")
            .ok()
            .and_then(|o| resolve(doc, o).as_array().ok())
        {
            for (i, w) in widths.iter().enumerate() {
                let code = first + i as i64;
                if let Ok(idx) = usize::try_from(code)
                    && idx < 256
                {
                    self.simple_widths[idx] = num(doc, w).map(|w| w * scale);
                }
            }
            self.default_width = missing.unwrap_or(0.0);
        } else {
            // No /Widths: standard-14 metrics (or a family guess for a font
            // that should have had them).
            let metrics = std.or_else(|| std14::metrics_for(base, false));
            if let Some(m) = metrics {
                let by_code = matches!(m.name, "Symbol" | "ZapfDingbats");
                for code in 0u8..=255 {
                    let w = if by_code {
                        Some(m.builtin[usize::from(code)]).filter(|w| *w > 0)
                    } else {
                        self.simple_unicode[usize::from(code)]
                            .as_deref()
                            .and_then(|s| s.chars().next())
                            .and_then(|c| m.width_of_char(c))
                    };
                    self.simple_widths[usize::from(code)] = w.map(|w| f64::from(w) / 1000.0);
                }
                if desc.is_none() {
                    self.ascent = f64::from(m.ascent) / 1000.0;
                    self.descent = f64::from(m.descent) / 1000.0;
                }
            }
            self.default_width = missing.unwrap_or(0.5);
        }
    }

    fn load_type0(&mut self, doc: &lopdf::Document, dict: &Dictionary, stream_limit: usize) {
        self.codes = Codes::Identity;
        match dict.get(b"Encoding").ok().map(|o| resolve(doc, o)) {
            Some(Object::Name(n)) => {
                let n = String::from_utf8_lossy(n);
                self.vertical = n.ends_with("-V");
                self.codes = predefined_cmap(&n);
            }
            Some(Object::Stream(s)) => {
                if let Ok(bytes) = stream_content(doc, s, stream_limit) {
                    let cmap = CMap::parse(&bytes);
                    self.vertical = cmap.vertical
                        || name_of(doc, s.dict.get(b"CMapName").ok())
                            .is_some_and(|n| n.ends_with(b"-V"));
                    if cmap.has_codespace() {
                        self.codes = Codes::Embedded(cmap);
                    } else if let Some(use_name) = &cmap.use_cmap {
                        self.codes = predefined_cmap(use_name);
                    }
                }
            }
            _ => {}
        }
        let Some(desc_font) = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| resolve(doc, o).as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| dict_of(doc, o))
        else {
            return;
        };
        self.load_metrics(doc, Self::descriptor(doc, desc_font));
        if self.to_unicode.is_none() && matches!(self.codes, Codes::Identity | Codes::Embedded(_)) {
            self.cid_unicode = program_unicode(doc, desc_font, stream_limit);
        }
        self.default_width = desc_font
            .get(b"DW")
            .ok()
            .and_then(|o| num(doc, o))
            .unwrap_or(1000.0)
            / 1000.0;
        if let Some(w) = desc_font
            .get(b"W")
            .ok()
            .and_then(|o| resolve(doc, o).as_array().ok())
        {
            read_w(doc, w, 1, |cid, v| {
                self.cid_widths.insert(cid, v[0] / 1000.0);
            });
        }
        if let Some(dw2) = desc_font
            .get(b"DW2")
            .ok()
            .and_then(|o| resolve(doc, o).as_array().ok())
            && let Some(w1y) = dw2.get(1).and_then(|o| num(doc, o))
        {
            self.default_vertical = w1y / 1000.0;
        }
        if self.vertical
            && let Some(w2) = desc_font
                .get(b"W2")
                .ok()
                .and_then(|o| resolve(doc, o).as_array().ok())
        {
            read_w(doc, w2, 3, |cid, v| {
                self.cid_vertical.insert(cid, v[0] / 1000.0);
            });
        }
    }

    /// Whether any code of this font can be mapped to Unicode.
    pub(crate) fn decode(&self, bytes: &[u8], out: &mut Vec<Glyph>) {
        out.clear();
        let mut i = 0;
        while i < bytes.len() {
            let (code, len) = match &self.codes {
                Codes::Single => (u32::from(bytes[i]), 1),
                Codes::Identity | Codes::Utf16 => {
                    if i + 1 < bytes.len() {
                        (u32::from(bytes[i]) << 8 | u32::from(bytes[i + 1]), 2)
                    } else {
                        (u32::from(bytes[i]), 1)
                    }
                }
                Codes::Embedded(cmap) => cmap.next_code(&bytes[i..]),
                Codes::Legacy(_, is_lead) => {
                    if is_lead(bytes[i]) && i + 1 < bytes.len() {
                        (u32::from(bytes[i]) << 8 | u32::from(bytes[i + 1]), 2)
                    } else {
                        (u32::from(bytes[i]), 1)
                    }
                }
            };
            let raw = &bytes[i..(i + len).min(bytes.len())];
            i += len.max(1);
            out.push(self.glyph(code, raw));
        }
    }

    fn glyph(&self, code: u32, raw: &[u8]) -> Glyph {
        let from_to_unicode = self
            .to_unicode
            .as_ref()
            .and_then(|m| m.unicode(code))
            .filter(|s| !s.is_empty() && !s.chars().all(|c| c == '\0'));
        match &self.codes {
            Codes::Single => {
                let idx = (code & 0xFF) as usize;
                let unicode = from_to_unicode.or_else(|| self.simple_unicode[idx].clone());
                Glyph {
                    code,
                    unicode,
                    width: self.simple_widths[idx].unwrap_or(self.default_width),
                    vertical_advance: 0.0,
                    is_space: code == 32,
                }
            }
            codes => {
                let cid = match codes {
                    Codes::Embedded(cmap) => cmap.cid(code).unwrap_or(0),
                    _ => code,
                };
                let unicode = from_to_unicode.or_else(|| match codes {
                    Codes::Utf16 => {
                        let units: Vec<u16> = raw
                            .chunks(2)
                            .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
                            .collect();
                        Some(String::from_utf16_lossy(&units))
                    }
                    Codes::Legacy(enc, _) => {
                        let (text, _, bad) = enc.decode(raw);
                        (!bad).then(|| text.into_owned())
                    }
                    _ => self.cid_unicode.get(&cid).cloned(),
                });
                Glyph {
                    code,
                    unicode,
                    width: self
                        .cid_widths
                        .get(&cid)
                        .copied()
                        .unwrap_or(self.default_width),
                    vertical_advance: self
                        .cid_vertical
                        .get(&cid)
                        .copied()
                        .unwrap_or(self.default_vertical),
                    is_space: raw.len() == 1 && raw[0] == 32,
                }
            }
        }
    }
}

/// Text by CID of a CID font from its embedded program: CID to glyph id by
/// `/CIDToGIDMap` (identity when absent), glyph id to Unicode by the program.
fn program_unicode(
    doc: &lopdf::Document,
    desc_font: &Dictionary,
    stream_limit: usize,
) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    let Some(program) = Font::descriptor(doc, desc_font).and_then(|d| {
        d.get(b"FontFile2")
            .ok()
            .or_else(|| d.get(b"FontFile3").ok())
            .and_then(|o| stream_bytes(doc, o, stream_limit))
    }) else {
        return out;
    };
    let glyphs = program::GlyphUnicode::parse(&program);
    if glyphs.is_empty() {
        return out;
    }
    let map = desc_font
        .get(b"CIDToGIDMap")
        .ok()
        .and_then(|o| stream_bytes(doc, o, 1 << 17));
    match map {
        Some(map) => {
            for (cid, pair) in (0u32..).zip(map.chunks_exact(2)) {
                let gid = u16::from(pair[0]) << 8 | u16::from(pair[1]);
                if let Some(text) = glyphs.get(gid) {
                    out.insert(cid, text.clone());
                }
            }
        }
        None => {
            for (gid, text) in glyphs.iter() {
                out.insert(u32::from(gid), text.clone());
            }
        }
    }
    out
}

/// Reads a `/W` (`n` = 1) or `/W2` (`n` = 3) array: `c [v...]` and `c1 c2 v...`.
fn read_w(doc: &lopdf::Document, w: &[Object], n: usize, mut put: impl FnMut(u32, &[f64])) {
    const MAX_RANGE: i64 = 1 << 16;
    let mut i = 0;
    while i < w.len() {
        let Some(first) = resolve(doc, &w[i]).as_i64().ok() else {
            i += 1;
            continue;
        };
        match w.get(i + 1).map(|o| resolve(doc, o)) {
            Some(Object::Array(list)) => {
                let vals: Vec<f64> = list.iter().filter_map(|o| num(doc, o)).collect();
                for (k, chunk) in vals.chunks_exact(n).enumerate() {
                    if let Ok(cid) = u32::try_from(first + k as i64) {
                        put(cid, chunk);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let Some(last) = last.as_i64().ok() else {
                    break;
                };
                let vals: Vec<f64> = w[i + 2..]
                    .iter()
                    .take(n)
                    .filter_map(|o| num(doc, o))
                    .collect();
                if vals.len() == n && last >= first && last - first <= MAX_RANGE {
                    for cid in first..=last {
                        if let Ok(cid) = u32::try_from(cid) {
                            put(cid, &vals);
                        }
                    }
                }
                i += 2 + n;
            }
            None => break,
        }
    }
}

fn predefined_cmap(name: &str) -> Codes {
    fn sjis(b: u8) -> bool {
        (0x81..=0x9F).contains(&b) || (0xE0..=0xFC).contains(&b)
    }
    fn high(b: u8) -> bool {
        b >= 0x81
    }
    if name.starts_with("Identity") {
        Codes::Identity
    } else if name.contains("UCS2") || name.contains("UTF16") {
        Codes::Utf16
    } else if name.contains("RKSJ") {
        Codes::Legacy(encoding_rs::SHIFT_JIS, sjis)
    } else if name.contains("EUC") && name.contains("KSC") || name.starts_with("KSC") {
        Codes::Legacy(encoding_rs::EUC_KR, high)
    } else if name.starts_with("GB") {
        Codes::Legacy(encoding_rs::GBK, high)
    } else if name.starts_with("B5") || name.starts_with("ETen") || name.starts_with("HKscs") {
        Codes::Legacy(encoding_rs::BIG5, high)
    } else if name.contains("EUC") {
        Codes::Legacy(encoding_rs::EUC_JP, high)
    } else {
        Codes::Identity
    }
}

#[cfg(test)]
mod tests;
