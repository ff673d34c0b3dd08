//! Text strings (`PDFDocEncoding` / `UTF-16BE`), `WinAnsi` bytes and Helvetica widths.

use lopdf::{Object, StringFormat};

/// The 32 `WinAnsi` codes 0x80..=0x9F and the characters they stand for
/// (`'\0'` where the code is unused).
const WIN_ANSI_HIGH: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

/// The `WinAnsi` byte of `c`, if it has one.
pub(crate) fn win_ansi(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x20..0x7F).contains(&u) || (0xA0..=0xFF).contains(&u) {
        return u8::try_from(u).ok();
    }
    WIN_ANSI_HIGH
        .iter()
        .position(|&h| h == c && h != '\0')
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

/// Helvetica advance widths (1/1000 em) of the `WinAnsi` codes 0x20..=0xFF.
#[rustfmt::skip]
const HELVETICA: [u16; 224] = [
    // 0x20
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    // 0x40
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    // 0x60
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 278,
    // 0x80
    556, 278, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 278, 611, 278,
    278, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 278, 500, 667,
    // 0xA0
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 0xC0
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 0xE0
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// Helvetica width of `WinAnsi` byte `b` (1/1000 em).
pub(crate) fn helvetica_width(b: u8) -> f64 {
    if b < 0x20 {
        return 278.0;
    }
    f64::from(HELVETICA[usize::from(b - 0x20)])
}

/// `PDFDocEncoding` differs from Latin-1 in 0x80..=0x9F (and a few low codes);
/// these are the characters of 0x80..=0x9F.
const PDF_DOC_HIGH: [char; 32] = [
    '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚', '™',
    'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{FFFD}',
];

/// Decodes a PDF text string (`UTF-16BE` with BOM, UTF-8 with BOM, or `PDFDocEncoding`).
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => PDF_DOC_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Encodes a text string: `PDFDocEncoding` when every character has a byte
/// there (ASCII and Latin-1 letters), else `UTF-16BE` with a byte-order mark.
pub(crate) fn encode_text(s: &str) -> Object {
    let latin: Option<Vec<u8>> = s
        .chars()
        .map(|c| match c as u32 {
            0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA1..=0xFF => u8::try_from(c as u32).ok(),
            _ => None,
        })
        .collect();
    let bytes = latin.unwrap_or_else(|| {
        let mut v = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_be_bytes());
        }
        v
    });
    Object::String(bytes, StringFormat::Literal)
}

/// The text of a string or name object.
pub(crate) fn object_text(o: &Object) -> Option<String> {
    match o {
        Object::String(b, _) => Some(decode_text(b)),
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

/// Escapes bytes for a literal string in a content stream.
pub(crate) fn literal(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(b),
        }
    }
    out.push(b')');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in ["Jane Doe", "Zoë", "日本", "a(b)c"] {
            let Object::String(b, _) = encode_text(s) else {
                panic!()
            };
            assert_eq!(decode_text(&b), s);
        }
        assert_eq!(win_ansi('€'), Some(0x80));
        assert_eq!(win_ansi('é'), Some(0xE9));
        assert_eq!(win_ansi('日'), None);
        assert!((helvetica_width(b'W') - 944.0).abs() < f64::EPSILON);
        assert_eq!(literal(b"a(b)\\"), b"(a\\(b\\)\\\\)".to_vec());
    }
}
