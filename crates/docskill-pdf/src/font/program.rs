//! Unicode from an embedded font program, for CID fonts without `ToUnicode`.
//!
//! A TrueType or OpenType program (`FontFile2`, `FontFile3 /OpenType`) is
//! read backwards: its Unicode `cmap` says which glyph draws each code
//! point, so each glyph id gets the code point that selects it; glyphs the
//! cmap does not reach get their `post` table name. A bare CFF program
//! (`FontFile3 /CIDFontType0C`, `/Type1C`) gives glyph names when it is
//! name-keyed; a CID-keyed CFF has none, and its glyphs stay unmapped.

use std::collections::HashMap;

use ttf_parser::{Face, GlyphId, cff};

use super::encoding::{BaseEncoding, glyph_name_to_unicode};

/// `cmap` subtables read at most.
const MAX_SUBTABLES: usize = 4;
/// Glyph count above which `post` glyph names are not read.
const MAX_NAMED_GLYPHS: u16 = 4096;

/// Unicode text by glyph id, as far as the program tells.
#[derive(Debug, Clone, Default)]
pub(crate) struct GlyphUnicode {
    by_gid: HashMap<u16, String>,
}

impl GlyphUnicode {
    /// Reads a font program; an unreadable one maps nothing.
    pub(crate) fn parse(data: &[u8]) -> Self {
        if let Ok(face) = Face::parse(data, 0) {
            return Self::from_face(&face);
        }
        cff::Table::parse(data).map_or_else(Self::default, |t| Self::from_cff(&t))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.by_gid.is_empty()
    }

    /// Text of glyph `gid`.
    pub(crate) fn get(&self, gid: u16) -> Option<&String> {
        self.by_gid.get(&gid)
    }

    /// Every mapped glyph.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u16, &String)> {
        self.by_gid.iter().map(|(g, t)| (*g, t))
    }

    fn from_face(face: &Face<'_>) -> Self {
        let mut by_gid: HashMap<u16, String> = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            // Unicode subtables first, then a Macintosh Roman one, then a
            // Windows Symbol one (codes in U+F0xx stand for bytes).
            let mut subtables: Vec<_> = cmap.subtables.into_iter().collect();
            subtables.sort_by_key(|s| {
                if s.is_unicode() {
                    0
                } else if s.platform_id == ttf_parser::PlatformId::Macintosh {
                    1
                } else {
                    2
                }
            });
            // At most a few subtables, each asked 65,536 times: bounded work
            // whatever the font claims.
            for sub in subtables.into_iter().take(MAX_SUBTABLES) {
                let mac = !sub.is_unicode() && sub.platform_id == ttf_parser::PlatformId::Macintosh;
                let symbol = !sub.is_unicode() && !mac;
                // Every BMP code point is asked once: bounded whatever the
                // subtable claims.
                for cp in 0u32..=0xFFFF {
                    let Some(gid) = sub.glyph_index(cp) else {
                        continue;
                    };
                    if gid.0 == 0 || by_gid.contains_key(&gid.0) {
                        continue;
                    }
                    let ch = if mac {
                        u8::try_from(cp)
                            .ok()
                            .and_then(|b| BaseEncoding::MacRoman.char(b))
                    } else if symbol {
                        let byte = if (0xF000..=0xF0FF).contains(&cp) {
                            cp - 0xF000
                        } else {
                            cp
                        };
                        u8::try_from(byte)
                            .ok()
                            .and_then(|b| BaseEncoding::WinAnsi.char(b))
                    } else {
                        char::from_u32(cp)
                    };
                    if let Some(ch) = ch.filter(|c| !c.is_control()) {
                        by_gid.insert(gid.0, ch.to_string());
                    }
                }
                if sub.is_unicode() && !by_gid.is_empty() {
                    break;
                }
            }
        }
        // `post` names are found by a linear walk per glyph: only for fonts
        // small enough that walking them all stays cheap.
        let named = if face.number_of_glyphs() <= MAX_NAMED_GLYPHS {
            face.number_of_glyphs()
        } else {
            0
        };
        for gid in 1..named {
            if by_gid.contains_key(&gid) {
                continue;
            }
            if let Some(text) = face
                .glyph_name(GlyphId(gid))
                .and_then(glyph_name_to_unicode)
            {
                by_gid.insert(gid, text);
            }
        }
        Self { by_gid }
    }

    fn from_cff(table: &cff::Table<'_>) -> Self {
        let mut by_gid = HashMap::new();
        for gid in 1..table.number_of_glyphs() {
            if let Some(text) = table
                .glyph_name(GlyphId(gid))
                .and_then(glyph_name_to_unicode)
            {
                by_gid.insert(gid, text);
            }
        }
        Self { by_gid }
    }
}

/// The built-in encoding of a bare CFF program (`FontFile3 /Type1C`): glyph
/// name by code, from its encoding and charset. Empty for a CID-keyed or
/// unreadable program.
pub(crate) fn cff_builtin_encoding(data: &[u8]) -> Vec<(u8, String)> {
    let Some(table) = cff::Table::parse(data) else {
        return Vec::new();
    };
    (0u8..=255)
        .filter_map(|code| {
            let gid = table.glyph_index(code).filter(|g| g.0 != 0)?;
            Some((code, table.glyph_name(gid)?.to_string()))
        })
        .collect()
}
