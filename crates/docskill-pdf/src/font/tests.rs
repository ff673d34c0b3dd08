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
