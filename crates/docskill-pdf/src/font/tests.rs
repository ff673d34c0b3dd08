use super::Font;

#[test]
fn fallback_font_decodes_standard_encoding() {
    let font = Font::fallback("X");
    let mut out = Vec::new();
    font.decode(b"A ", &mut out);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].unicode.as_deref(), Some("A"));
    assert!(out[1].is_space);
}

#[test]
fn truetype_program_maps_glyphs_back_to_unicode() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docskill-render/fonts/LiberationSans-Regular.ttf"
    );
    let data = std::fs::read(path).unwrap();
    let face = ttf_parser::Face::parse(&data, 0).unwrap();
    let glyphs = super::program::GlyphUnicode::parse(&data);
    for ch in ['A', 'z', 'é', 'ř', '€'] {
        let gid = face.glyph_index(ch).unwrap().0;
        assert_eq!(
            glyphs.get(gid).map(String::as_str),
            Some(ch.to_string().as_str())
        );
    }
    // Space and no-break space share a glyph: the lower code point wins.
    let space = face.glyph_index(' ').unwrap().0;
    assert_eq!(glyphs.get(space).map(String::as_str), Some(" "));
    assert!(super::program::GlyphUnicode::parse(b"not a font").is_empty());
}
