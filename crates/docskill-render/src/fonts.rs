//! Bundled open fonts, metric-compatible with Office's defaults, and the
//! mapping from the typefaces a deck names to them.

use std::sync::OnceLock;

use rustybuzz::Face;

macro_rules! font {
    ($f:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/", $f))
    };
}

/// A family: regular, bold, italic, bold italic (missing styles fall back to regular or bold).
struct Family {
    names: &'static [&'static str],
    files: [Option<&'static [u8]>; 4],
}

const FAMILIES: &[Family] = &[
    Family {
        names: &["carlito", "calibri", "calibri light"],
        files: [
            Some(font!("Carlito-Regular.ttf")),
            Some(font!("Carlito-Bold.ttf")),
            Some(font!("Carlito-Italic.ttf")),
            Some(font!("Carlito-BoldItalic.ttf")),
        ],
    },
    Family {
        names: &[
            "liberation sans",
            "arial",
            "helvetica",
            "arial nova",
            "helvetica neue",
        ],
        files: [
            Some(font!("LiberationSans-Regular.ttf")),
            Some(font!("LiberationSans-Bold.ttf")),
            Some(font!("LiberationSans-Italic.ttf")),
            Some(font!("LiberationSans-BoldItalic.ttf")),
        ],
    },
    Family {
        names: &["caladea", "cambria", "cambria math"],
        files: [
            Some(font!("Caladea-Regular.ttf")),
            Some(font!("Caladea-Bold.ttf")),
            Some(font!("Caladea-Italic.ttf")),
            Some(font!("Caladea-BoldItalic.ttf")),
        ],
    },
    Family {
        names: &[
            "liberation serif",
            "times new roman",
            "times",
            "georgia",
            "garamond",
        ],
        files: [
            Some(font!("LiberationSerif-Regular.ttf")),
            Some(font!("LiberationSerif-Bold.ttf")),
            Some(font!("LiberationSerif-Italic.ttf")),
            Some(font!("LiberationSerif-BoldItalic.ttf")),
        ],
    },
    Family {
        names: &[
            "liberation mono",
            "courier new",
            "courier",
            "consolas",
            "lucida console",
        ],
        files: [
            Some(font!("LiberationMono-Regular.ttf")),
            Some(font!("LiberationMono-Bold.ttf")),
            None,
            None,
        ],
    },
    Family {
        names: &["dejavu sans", "verdana", "tahoma", "segoe ui"],
        files: [
            Some(font!("DejaVuSans.ttf")),
            Some(font!("DejaVuSans-Bold.ttf")),
            None,
            None,
        ],
    },
];

/// Index of the fallback family (`DejaVu` Sans) in [`FAMILIES`].
const FALLBACK: usize = 5;
/// Index of the family for names not bundled (`DejaVu` Sans): what `LibreOffice` falls back to
/// with the same fonts installed, and wide enough not to hide overflowing text.
const DEFAULT: usize = FALLBACK;

/// Identifies one bundled face: family index and style (0 regular, 1 bold, 2 italic, 3 bold italic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FaceId(pub u8, pub u8);

/// The parsed bundled faces.
pub struct Fonts {
    faces: Vec<Vec<Option<Face<'static>>>>,
}

impl Fonts {
    /// The fonts, parsed once per process.
    pub fn get() -> &'static Self {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Self {
            faces: FAMILIES
                .iter()
                .map(|f| {
                    f.files
                        .iter()
                        .map(|b| b.and_then(|b| Face::from_slice(b, 0)))
                        .collect()
                })
                .collect(),
        })
    }

    /// The face for a typeface name and style, following the Office → open font mapping.
    pub fn resolve(name: &str, bold: bool, italic: bool) -> FaceId {
        let lower = name.trim().to_ascii_lowercase();
        let fam = FAMILIES
            .iter()
            .position(|f| f.names.contains(&lower.as_str()))
            .or_else(|| {
                // "Calibri Light (Headings)", "Arial Black"...: match on the first word.
                let first = lower.split_whitespace().next().unwrap_or("");
                FAMILIES.iter().position(|f| {
                    f.names
                        .iter()
                        .any(|n| n.split_whitespace().next() == Some(first))
                })
            })
            .unwrap_or(DEFAULT);
        let style = u8::from(bold) + 2 * u8::from(italic);
        #[expect(clippy::cast_possible_truncation, reason = "a handful of families")]
        FaceId(fam as u8, style)
    }

    /// The face for an id, falling back to the nearest style the family has.
    pub fn face(&self, id: FaceId) -> &Face<'static> {
        let fam = &self.faces[usize::from(id.0).min(self.faces.len() - 1)];
        let s = usize::from(id.1);
        fam.get(s)
            .and_then(Option::as_ref)
            .or_else(|| fam.get(s & 1).and_then(Option::as_ref))
            .or_else(|| fam.first().and_then(Option::as_ref))
            .unwrap_or_else(|| self.any())
    }

    fn any(&self) -> &Face<'static> {
        self.faces
            .iter()
            .flatten()
            .flatten()
            .next()
            .unwrap_or_else(|| unreachable!("bundled fonts parse"))
    }

    /// The face to draw `c` with: `id` when it has the glyph, else `DejaVu` Sans.
    pub fn for_char(&self, id: FaceId, c: char) -> FaceId {
        if c.is_whitespace() || self.face(id).glyph_index(c).is_some() {
            return id;
        }
        #[expect(clippy::cast_possible_truncation, reason = "a handful of families")]
        let fb = FaceId(FALLBACK as u8, id.1 & 1);
        if self.face(fb).glyph_index(c).is_some() {
            fb
        } else {
            id
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FaceId, Fonts};

    #[test]
    fn maps_office_names() {
        assert_eq!(Fonts::resolve("Calibri", false, false), FaceId(0, 0));
        assert_eq!(Fonts::resolve("Calibri Light", true, false), FaceId(0, 1));
        assert_eq!(Fonts::resolve("Arial", false, true), FaceId(1, 2));
        assert_eq!(Fonts::resolve("Cambria", false, false), FaceId(2, 0));
        assert_eq!(
            Fonts::resolve("Times New Roman", false, false),
            FaceId(3, 0)
        );
        assert_eq!(Fonts::resolve("Courier New", false, false), FaceId(4, 0));
        // Typefaces not bundled fall back to DejaVu Sans, as in LibreOffice.
        assert_eq!(Fonts::resolve("Wingdings", false, false), FaceId(5, 0));
        assert_eq!(Fonts::resolve("Gill Sans MT", true, false), FaceId(5, 1));
        let f = Fonts::get();
        assert!(f.face(FaceId(0, 0)).glyph_index('A').is_some());
        // A glyph Carlito lacks comes from DejaVu.
        assert_eq!(f.for_char(FaceId(0, 0), '☃').0, 5);
    }
}
