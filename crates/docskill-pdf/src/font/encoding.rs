//! Simple-font encodings: base encodings, `/Differences`, glyph names to Unicode.

use super::tables::{GLYPH_LIST, MAC_ROMAN, STANDARD, SYMBOL, WIN_ANSI};

/// A base encoding of a simple font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    Symbol,
    /// No encoding known (ZapfDingbats, symbolic fonts without one).
    None,
}

impl BaseEncoding {
    /// From an `/Encoding` or `/BaseEncoding` name.
    pub(crate) fn from_name(name: &[u8]) -> Option<Self> {
        match name {
            b"WinAnsiEncoding" => Some(Self::WinAnsi),
            b"MacRomanEncoding" => Some(Self::MacRoman),
            b"StandardEncoding" | b"MacExpertEncoding" => Some(Self::Standard),
            _ => None,
        }
    }

    /// The character `code` stands for.
    pub(crate) fn char(self, code: u8) -> Option<char> {
        let table = match self {
            Self::Standard => &STANDARD,
            Self::WinAnsi => &WIN_ANSI,
            Self::MacRoman => &MAC_ROMAN,
            Self::Symbol => &SYMBOL,
            Self::None => return None,
        };
        match table[usize::from(code)] {
            0 => None,
            u => char::from_u32(u32::from(u)),
        }
    }
}

fn lookup(name: &str) -> Option<char> {
    GLYPH_LIST
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .and_then(|i| char::from_u32(GLYPH_LIST[i].1))
}

fn hex_chars(hex: &str, group: usize) -> Option<String> {
    if hex.is_empty() || hex.len() % group != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = String::new();
    for i in (0..hex.len()).step_by(group) {
        let v = u32::from_str_radix(&hex[i..i + group], 16).ok()?;
        out.push(char::from_u32(v)?);
    }
    Some(out)
}

/// Unicode for a glyph name: the Adobe Glyph List, `uniXXXX[XXXX...]`,
/// `uXXXX[XX]`, ligature names joined by `_`, and suffixes after `.`.
/// Names that carry no meaning (`g123`, `cid45`, `glyph7`) give `None`.
pub(crate) fn glyph_name_to_unicode(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if let Some(c) = lookup(base) {
        return Some(c.to_string());
    }
    if base.contains('_') {
        let parts: Option<String> = base.split('_').map(glyph_name_to_unicode).collect();
        return parts;
    }
    if let Some(hex) = base.strip_prefix("uni") {
        return hex_chars(hex, 4);
    }
    if let Some(hex) = base.strip_prefix('u')
        && (4..=6).contains(&hex.len())
    {
        return hex_chars(hex, hex.len());
    }
    None
}

/// The built-in encoding of an embedded Type 1 font program: the
/// `dup <code> /<name> put` lines of its clear-text part. Empty when the
/// program uses `StandardEncoding` or cannot be read.
pub(crate) fn type1_builtin_encoding(program: &[u8]) -> Vec<(u8, String)> {
    let clear = &program[..program.len().min(64 << 10)];
    let Some(start) = find(clear, b"/Encoding") else {
        return Vec::new();
    };
    let rest = &clear[start..];
    if rest[9..]
        .trim_ascii_start()
        .starts_with(b"StandardEncoding")
    {
        return Vec::new();
    }
    let end = find(rest, b"readonly def")
        .or_else(|| find(rest, b"eexec"))
        .unwrap_or(rest.len());
    let text = String::from_utf8_lossy(&rest[..end]);
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let mut out = Vec::new();
    for w in words.windows(4) {
        if w[0] == "dup"
            && w[3] == "put"
            && let (Ok(code), Some(name)) = (w[1].parse::<u8>(), w[2].strip_prefix('/'))
        {
            out.push((code, name.to_string()));
        }
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::{BaseEncoding, glyph_name_to_unicode, type1_builtin_encoding};

    #[test]
    fn names() {
        let g = |n| glyph_name_to_unicode(n);
        assert_eq!(g("A").as_deref(), Some("A"));
        assert_eq!(g("eacute").as_deref(), Some("é"));
        assert_eq!(g("fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(g("uni0041").as_deref(), Some("A"));
        assert_eq!(g("uni00410042").as_deref(), Some("AB"));
        assert_eq!(g("u1F600").as_deref(), Some("😀"));
        assert_eq!(g("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(g("a.sc").as_deref(), Some("a"));
        assert_eq!(g("afii10017").as_deref(), Some("А"));
        assert_eq!(g("g123"), None);
        assert_eq!(g("cid45"), None);
        assert_eq!(g("uniD800"), None);
        assert_eq!(g(""), None);
    }

    #[test]
    fn base_encodings() {
        assert_eq!(BaseEncoding::WinAnsi.char(0x80), Some('€'));
        assert_eq!(BaseEncoding::MacRoman.char(0x8E), Some('é'));
        assert_eq!(BaseEncoding::Standard.char(0x27), Some('\u{2019}'));
        assert_eq!(BaseEncoding::Standard.char(0xAE), Some('\u{FB01}'));
        assert_eq!(BaseEncoding::Symbol.char(0x61), Some('α'));
        assert_eq!(BaseEncoding::None.char(0x41), None);
    }

    #[test]
    fn type1_encoding() {
        let prog =
            b"%!PS-AdobeFont-1.0\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
                     dup 65 /Alpha put\ndup 66 /fi put\nreadonly def\ncurrentfile eexec";
        assert_eq!(
            type1_builtin_encoding(prog),
            [(65, "Alpha".into()), (66, "fi".into())]
        );
        assert!(type1_builtin_encoding(b"/Encoding StandardEncoding def").is_empty());
        assert!(type1_builtin_encoding(b"/Enc").is_empty());
    }
}
