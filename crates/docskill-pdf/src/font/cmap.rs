//! CMaps: `ToUnicode` maps and embedded encoding CMaps (codespace, CID ranges).

use std::collections::HashMap;

use super::encoding::glyph_name_to_unicode;

/// Most mappings kept from one CMap; the rest are dropped (hostile files).
const MAX_ENTRIES: usize = 1 << 20;

/// A parsed CMap: how bytes split into codes, and codes to CIDs or Unicode.
#[derive(Debug, Default, Clone)]
pub(crate) struct CMap {
    /// `(bytes, low, high)` code space ranges.
    codespace: Vec<(u8, u32, u32)>,
    /// Single code -> Unicode (`bfchar`, small `bfrange`s expanded).
    unicode: HashMap<u32, String>,
    /// `(low, high, first)` ranges mapping to consecutive Unicode values.
    unicode_ranges: Vec<(u32, u32, Vec<u16>)>,
    /// Single code -> CID.
    cid: HashMap<u32, u32>,
    /// `(low, high, first CID)`.
    cid_ranges: Vec<(u32, u32, u32)>,
    /// Writing mode 1 (vertical).
    pub vertical: bool,
    /// Name of a predefined CMap this one builds on (`usecmap`).
    pub use_cmap: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Hex(Vec<u8>),
    Str(Vec<u8>),
    Name(&'a [u8]),
    Int(i64),
    Word(&'a [u8]),
    ArrayStart,
    ArrayEnd,
}

fn tokens(data: &[u8]) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = data.len();
    let is_delim = |b: u8| b"()<>[]{}/%".contains(&b) || b.is_ascii_whitespace() || b == 0;
    while i < n {
        let b = data[i];
        match b {
            b'%' => {
                while i < n && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                i += 1;
                let mut bytes = Vec::new();
                let mut high: Option<u8> = None;
                while i < n && data[i] != b'>' {
                    if let Some(v) = (data[i] as char).to_digit(16) {
                        let v = v as u8;
                        match high.take() {
                            Some(h) => bytes.push(h << 4 | v),
                            None => high = Some(v),
                        }
                    }
                    i += 1;
                }
                if let Some(h) = high {
                    bytes.push(h << 4);
                }
                i += 1;
                out.push(Token::Hex(bytes));
            }
            b'(' => {
                i += 1;
                let mut depth = 1;
                let mut bytes = Vec::new();
                while i < n {
                    let c = data[i];
                    if c == b'\\' && i + 1 < n {
                        i += 1;
                        bytes.push(match data[i] {
                            b'n' => b'\n',
                            b'r' => b'\r',
                            b't' => b'\t',
                            other => other,
                        });
                    } else if c == b'(' {
                        depth += 1;
                        bytes.push(c);
                    } else if c == b')' {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                        bytes.push(c);
                    } else {
                        bytes.push(c);
                    }
                    i += 1;
                }
                i += 1;
                out.push(Token::Str(bytes));
            }
            b'[' => {
                out.push(Token::ArrayStart);
                i += 1;
            }
            b']' => {
                out.push(Token::ArrayEnd);
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i += 1;
                while i < n && !is_delim(data[i]) {
                    i += 1;
                }
                out.push(Token::Name(&data[start..i]));
            }
            _ if is_delim(b) => i += 1,
            _ => {
                let start = i;
                while i < n && !is_delim(data[i]) {
                    i += 1;
                }
                let word = &data[start..i];
                match std::str::from_utf8(word)
                    .ok()
                    .and_then(|s| s.parse::<i64>().ok())
                {
                    Some(v) => out.push(Token::Int(v)),
                    None => out.push(Token::Word(word)),
                }
            }
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes[0])];
    }
    bytes
        .chunks(2)
        .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
        .collect()
}

fn dst_string(token: &Token<'_>) -> Option<String> {
    match token {
        Token::Hex(b) | Token::Str(b) => Some(String::from_utf16_lossy(&utf16_units(b))),
        Token::Name(n) => glyph_name_to_unicode(&String::from_utf8_lossy(n)),
        _ => None,
    }
}

impl CMap {
    /// Parses a CMap stream. Never fails: what cannot be read is skipped.
    pub(crate) fn parse(data: &[u8]) -> Self {
        let toks = tokens(data);
        let mut cmap = Self::default();
        let mut i = 0;
        let mut entries = 0usize;
        while i < toks.len() {
            match &toks[i] {
                Token::Name(b"WMode") => {
                    if let Some(Token::Int(1)) = toks.get(i + 1) {
                        cmap.vertical = true;
                    }
                    i += 1;
                }
                Token::Name(name) if matches!(toks.get(i + 1), Some(Token::Word(b"usecmap"))) => {
                    cmap.use_cmap = Some(String::from_utf8_lossy(name).into_owned());
                    i += 1;
                }
                Token::Word(b"begincodespacerange") => {
                    i += 1;
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let len = u8::try_from(lo.len().clamp(1, 4)).unwrap_or(1);
                        cmap.codespace.push((len, code_of(lo), code_of(hi)));
                        i += 2;
                    }
                }
                Token::Word(b"beginbfchar") => {
                    i += 1;
                    while let (Some(Token::Hex(src)), Some(dst)) = (toks.get(i), toks.get(i + 1)) {
                        if entries < MAX_ENTRIES
                            && let Some(s) = dst_string(dst)
                        {
                            cmap.unicode.insert(code_of(src), s);
                            entries += 1;
                        }
                        i += 2;
                    }
                }
                Token::Word(b"beginbfrange") => {
                    i += 1;
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let (lo, hi) = (code_of(lo), code_of(hi));
                        i += 2;
                        match toks.get(i) {
                            Some(Token::ArrayStart) => {
                                i += 1;
                                let mut code = lo;
                                while let Some(t) = toks.get(i) {
                                    if *t == Token::ArrayEnd {
                                        i += 1;
                                        break;
                                    }
                                    if code <= hi
                                        && entries < MAX_ENTRIES
                                        && let Some(s) = dst_string(t)
                                    {
                                        cmap.unicode.insert(code, s);
                                        entries += 1;
                                    }
                                    code = code.saturating_add(1);
                                    i += 1;
                                }
                            }
                            Some(Token::Hex(dst)) => {
                                if hi >= lo && entries < MAX_ENTRIES {
                                    cmap.unicode_ranges.push((lo, hi, utf16_units(dst)));
                                    entries += 1;
                                }
                                i += 1;
                            }
                            Some(Token::Name(_)) => {
                                if let Some(s) = dst_string(&toks[i]) {
                                    cmap.unicode.insert(lo, s);
                                }
                                i += 1;
                            }
                            _ => break,
                        }
                    }
                }
                Token::Word(b"begincidrange") => {
                    i += 1;
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi)), Some(Token::Int(cid))) =
                        (toks.get(i), toks.get(i + 1), toks.get(i + 2))
                    {
                        if entries < MAX_ENTRIES {
                            cmap.cid_ranges.push((
                                code_of(lo),
                                code_of(hi),
                                u32::try_from(*cid).unwrap_or(0),
                            ));
                            entries += 1;
                        }
                        i += 3;
                    }
                }
                Token::Word(b"begincidchar") => {
                    i += 1;
                    while let (Some(Token::Hex(src)), Some(Token::Int(cid))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        if entries < MAX_ENTRIES {
                            cmap.cid
                                .insert(code_of(src), u32::try_from(*cid).unwrap_or(0));
                            entries += 1;
                        }
                        i += 2;
                    }
                }
                _ => i += 1,
            }
        }
        cmap.unicode_ranges.sort_by_key(|r| r.0);
        cmap.cid_ranges.sort_by_key(|r| r.0);
        cmap
    }

    /// Whether the CMap declares code space ranges.
    pub(crate) fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// Splits the next code off `bytes`: `(code, byte length)`. Uses the code
    /// space ranges; bytes no range matches are taken at the shortest length.
    pub(crate) fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        let mut shortest = 4usize;
        for len in 1..=4usize {
            if len > bytes.len() {
                break;
            }
            let code = code_of(&bytes[..len]);
            let mut any = false;
            for &(l, lo, hi) in &self.codespace {
                if usize::from(l) == len {
                    any = true;
                    if (lo..=hi).contains(&code) {
                        return (code, len);
                    }
                }
            }
            if any {
                shortest = shortest.min(len);
            }
        }
        let len = if self.codespace.is_empty() {
            2
        } else {
            shortest
        }
        .min(bytes.len())
        .max(1);
        (code_of(&bytes[..len.min(bytes.len())]), len)
    }

    /// The Unicode text of `code`, if mapped.
    pub(crate) fn unicode(&self, code: u32) -> Option<String> {
        if let Some(s) = self.unicode.get(&code) {
            return Some(s.clone());
        }
        let idx = self.unicode_ranges.partition_point(|r| r.0 <= code);
        // Ranges may overlap; look back a few for one that holds the code.
        for r in self.unicode_ranges[..idx].iter().rev().take(8) {
            if code <= r.1 {
                let mut units = r.2.clone();
                let offset = code - r.0;
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add(u16::try_from(offset).unwrap_or(0));
                }
                return Some(String::from_utf16_lossy(&units));
            }
        }
        None
    }

    /// Whether any Unicode mapping exists.
    pub(crate) fn has_unicode(&self) -> bool {
        !self.unicode.is_empty() || !self.unicode_ranges.is_empty()
    }

    /// The CID of `code`, if mapped.
    pub(crate) fn cid(&self, code: u32) -> Option<u32> {
        if let Some(c) = self.cid.get(&code) {
            return Some(*c);
        }
        let idx = self.cid_ranges.partition_point(|r| r.0 <= code);
        for r in self.cid_ranges[..idx].iter().rev().take(8) {
            if code <= r.1 {
                return Some(r.2 + (code - r.0));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::CMap;

    #[test]
    fn to_unicode_forms() {
        let cmap = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar\n\
              2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0078> /eacute] endbfrange\n\
              endcmap",
        );
        assert_eq!(cmap.unicode(3).as_deref(), Some(" "));
        assert_eq!(cmap.unicode(0x11).as_deref(), Some("fi"));
        assert_eq!(cmap.unicode(0x25).as_deref(), Some("B"));
        assert_eq!(cmap.unicode(0x26).as_deref(), Some("C"));
        assert_eq!(cmap.unicode(0x30).as_deref(), Some("x"));
        assert_eq!(cmap.unicode(0x31).as_deref(), Some("é"));
        assert_eq!(cmap.unicode(0x27), None);
        assert_eq!(cmap.next_code(&[0, 3, 1]), (3, 2));
    }

    #[test]
    fn cid_and_mixed_codespace() {
        let cmap = CMap::parse(
            b"/WMode 1 def 2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange\n\
              1 begincidrange <8140> <817E> 633 endcidrange 1 begincidchar <20> 1 endcidchar",
        );
        assert!(cmap.vertical);
        assert_eq!(cmap.next_code(b"\x41\x81\x41"), (0x41, 1));
        assert_eq!(cmap.next_code(b"\x81\x41"), (0x8141, 2));
        assert_eq!(cmap.cid(0x8141), Some(634));
        assert_eq!(cmap.cid(0x20), Some(1));
        assert_eq!(cmap.cid(0x21), None);
    }

    #[test]
    fn garbage_does_not_panic() {
        for data in [
            &b"beginbfrange <00"[..],
            b"<<>>[[[(",
            b"begincidrange <00> <ff>",
            b"\xff\xfe<0",
        ] {
            let cmap = CMap::parse(data);
            let _ = cmap.next_code(b"");
            let _ = cmap.next_code(b"\x01");
        }
    }
}
