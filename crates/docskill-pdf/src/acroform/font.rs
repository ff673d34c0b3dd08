//! The font of a field: `/DA` parsed, the font found in `/DR`, widths for
//! layout, with Helvetica as the fallback.

use lopdf::{Dictionary, Object};

use super::encoding::{helvetica_width, win_ansi};
use crate::document::{dict_of, number, resolve};

/// A parsed default-appearance string (`/DA`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Da {
    /// Font resource name without the slash.
    pub font: Vec<u8>,
    /// Size in points; 0 means auto.
    pub size: f64,
    /// The colour operator with its operands (`0 g`, `1 0 0 rg`).
    pub color: String,
}

pub(crate) fn parse_da(da: Option<&[u8]>) -> Da {
    let text = String::from_utf8_lossy(da.unwrap_or(b""));
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out = Da {
        font: b"Helv".to_vec(),
        size: 0.0,
        color: "0 g".into(),
    };
    for (i, t) in tokens.iter().enumerate() {
        match *t {
            "Tf" if i >= 2 => {
                if let Some(name) = tokens[i - 2].strip_prefix('/') {
                    out.font = name.as_bytes().to_vec();
                }
                out.size = tokens[i - 1]
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s >= 0.0 && *s < 1000.0)
                    .unwrap_or(0.0);
            }
            "g" | "rg" | "k" => {
                let n = match *t {
                    "g" => 1,
                    "rg" => 3,
                    _ => 4,
                };
                if i >= n {
                    let ops = &tokens[i - n..i];
                    if ops.iter().all(|o| o.parse::<f64>().is_ok()) {
                        out.color = format!("{} {t}", ops.join(" "));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[derive(Debug, Clone)]
enum Widths {
    Helvetica,
    Fixed(f64),
    Table {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
}

/// The font a field's text is drawn with.
#[derive(Debug, Clone)]
pub(crate) struct FieldFont {
    /// Resource name in the appearance stream.
    pub name: Vec<u8>,
    /// What goes into `/Resources /Font /name`.
    pub object: Object,
    widths: Widths,
    /// Whether we fell back to Helvetica.
    pub fallback: bool,
}

impl FieldFont {
    fn helvetica(name: &[u8]) -> Self {
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Font".to_vec()));
        d.set("Subtype", Object::Name(b"Type1".to_vec()));
        d.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
        d.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        Self {
            name: name.to_vec(),
            object: Object::Dictionary(d),
            widths: Widths::Helvetica,
            fallback: true,
        }
    }

    /// Width of one encoded byte, in 1/1000 em.
    pub fn width(&self, b: u8) -> f64 {
        match &self.widths {
            Widths::Helvetica => helvetica_width(b),
            Widths::Fixed(w) => *w,
            Widths::Table {
                first,
                widths,
                missing,
            } => u32::from(b)
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .filter(|w| *w > 0.0)
                .unwrap_or(*missing),
        }
    }

    /// Width of encoded text at `size` points.
    pub fn text_width(&self, bytes: &[u8], size: f64) -> f64 {
        bytes.iter().map(|&b| self.width(b)).sum::<f64>() * size / 1000.0
    }
}

/// Encodes `text` as `WinAnsi` bytes; characters without a byte become `?`.
/// Returns the bytes and whether any character was replaced.
pub(crate) fn encode(text: &str) -> (Vec<u8>, bool) {
    let mut lossy = false;
    let bytes = text
        .chars()
        .map(|c| match c {
            '\n' => b'\n',
            '\r' => b'\r',
            '\t' => b' ',
            _ => win_ansi(c).unwrap_or_else(|| {
                lossy = true;
                b'?'
            }),
        })
        .collect();
    (bytes, lossy)
}

/// The font named `name` in the form's `/DR`, if it is a simple font we can
/// measure and encode `WinAnsi` text for; Helvetica otherwise.
pub(crate) fn field_font(doc: &lopdf::Document, dr: Option<&Dictionary>, name: &[u8]) -> FieldFont {
    let found = dr
        .and_then(|dr| dr.get(b"Font").ok())
        .and_then(|f| dict_of(doc, f))
        .and_then(|fonts| fonts.get(name).ok().map(|o| (o.clone(), dict_of(doc, o))));
    let Some((object, Some(font))) = found else {
        return FieldFont::helvetica(name);
    };
    let get = |k: &[u8]| font.get(k).ok().map(|o| resolve(doc, o));
    let subtype = get(b"Subtype")
        .and_then(|o| o.as_name().ok())
        .unwrap_or(b"");
    if !matches!(subtype, b"Type1" | b"TrueType" | b"MMType1") {
        return FieldFont::helvetica(name);
    }
    let base = get(b"BaseFont")
        .and_then(|o| o.as_name().ok())
        .unwrap_or(b"");
    let base_lc = String::from_utf8_lossy(base).to_ascii_lowercase();
    if base_lc.contains("zapf") || base_lc.contains("dingbat") || base_lc.contains("symbol") {
        return FieldFont::helvetica(name);
    }
    match get(b"Encoding") {
        None | Some(Object::Name(_)) => {}
        Some(_) => {
            // An encoding with /Differences (Acrobat's /Helv carries
            // PDFDocEncoding's) is redrawn in WinAnsi Helvetica. When the
            // font is Helvetica itself nothing visible changes: no warning.
            let mut f = FieldFont::helvetica(name);
            f.fallback = base != b"Helvetica";
            return f;
        }
    }
    let widths = match get(b"Widths").and_then(|w| w.as_array().ok()) {
        Some(w) => {
            let first = get(b"FirstChar")
                .and_then(|o| o.as_i64().ok())
                .and_then(|f| u32::try_from(f).ok())
                .unwrap_or(0);
            let missing = get(b"FontDescriptor")
                .and_then(|fd| dict_of(doc, fd))
                .and_then(|fd| fd.get(b"MissingWidth").ok())
                .and_then(|o| number(resolve(doc, o)))
                .filter(|w| *w > 0.0)
                .unwrap_or(500.0);
            Widths::Table {
                first,
                widths: w
                    .iter()
                    .map(|o| number(resolve(doc, o)).unwrap_or(0.0))
                    .collect(),
                missing,
            }
        }
        None if base_lc.contains("courier") => Widths::Fixed(600.0),
        None => Widths::Helvetica,
    };
    FieldFont {
        name: name.to_vec(),
        object,
        widths,
        fallback: false,
    }
}

#[cfg(test)]
mod tests {
    use lopdf::{Dictionary, Object};

    use super::parse_da;

    #[test]
    fn helvetica_with_differences_is_used_without_a_warning() {
        let mut doc = lopdf::Document::with_version("1.7");
        let mut enc = Dictionary::new();
        enc.set(
            "Differences",
            Object::Array(vec![
                Object::Integer(39),
                Object::Name(b"quotesingle".to_vec()),
            ]),
        );
        let font = |base: &str| {
            let mut f = Dictionary::new();
            f.set("Type", Object::Name(b"Font".to_vec()));
            f.set("Subtype", Object::Name(b"Type1".to_vec()));
            f.set("BaseFont", Object::Name(base.as_bytes().to_vec()));
            f.set("Encoding", Object::Dictionary(enc.clone()));
            f
        };
        let helv = doc.add_object(font("Helvetica"));
        let times = doc.add_object(font("Times-Roman"));
        let mut fonts = Dictionary::new();
        fonts.set("Helv", Object::Reference(helv));
        fonts.set("TiRo", Object::Reference(times));
        let mut dr = Dictionary::new();
        dr.set("Font", Object::Dictionary(fonts));
        assert!(!super::field_font(&doc, Some(&dr), b"Helv").fallback);
        assert!(super::field_font(&doc, Some(&dr), b"TiRo").fallback);
    }

    #[test]
    fn da() {
        let d = parse_da(Some(b"/Helv 0 Tf 0 g"));
        assert_eq!(d.font, b"Helv");
        assert!(d.size.abs() < f64::EPSILON);
        assert_eq!(d.color, "0 g");
        let d = parse_da(Some(b"0.2 0.3 0.4 rg /TiRo 11.5 Tf"));
        assert_eq!(d.font, b"TiRo");
        assert!((d.size - 11.5).abs() < f64::EPSILON);
        assert_eq!(d.color, "0.2 0.3 0.4 rg");
        let d = parse_da(None);
        assert_eq!(d.font, b"Helv");
    }
}
