//! Text of particular corpus files, each standing for a cause of bad text
//! that was fixed (skipped with a message when `../shared/corpus` is absent).

#![allow(
    clippy::print_stderr,
    reason = "a skipped test says why in the test log"
)]

use std::fmt::Write as _;

use docskill_pdf::{OpenOptions, PageText, TextOptions, open, page_texts};

fn corpus_pages(name: &str) -> Option<Vec<PageText>> {
    let path = format!(
        "{}/../../../shared/corpus/pdf/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipped: {path} not found");
        return None;
    };
    let doc = open(&bytes, &OpenOptions::default()).unwrap();
    Some(page_texts(&doc, &TextOptions::default()).unwrap())
}

fn all_text(pages: &[PageText]) -> String {
    pages
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn unmapped(pages: &[PageText]) -> usize {
    pages.iter().map(|p| p.unmapped_chars).sum()
}

/// Identity-H TrueType CID fonts without `ToUnicode`: text comes from the
/// embedded font's own `cmap`, read backwards (glyph id to code point).
#[test]
fn identity_cid_font_without_to_unicode_uses_the_embedded_cmap() {
    let Some(pages) = corpus_pages("pdfminer__issue-625-identity-cmap.pdf") else {
        return;
    };
    assert_eq!(unmapped(&pages), 0);
    insta::assert_snapshot!(all_text(&pages));
}

/// A subset Arial whose glyphs are only reachable through a symbol or Mac
/// `cmap` subtable: Czech text with diacritics, not mojibake.
#[test]
fn subset_cid_font_without_to_unicode_gives_czech_text() {
    let Some(pages) = corpus_pages("pdfminer__issue-791-non-unicode-cmap.pdf") else {
        return;
    };
    assert!(all_text(&pages).contains("Peněžní prostředky na účtech"));
}

/// A content stream whose `/Filter` is an indirect object.
#[test]
fn content_stream_with_indirect_filter_is_read() {
    let Some(pages) = corpus_pages("pdfminer__issue-1062-filters.pdf") else {
        return;
    };
    let text = all_text(&pages);
    assert!(text.contains("Factuurontvanger"), "{text}");
}

/// TeX math fonts embedded as bare CFF (`FontFile3 /Type1C`) without an
/// `/Encoding`: codes map through the program's own encoding and glyph names
/// (CMSY `element` is ∈; CMMI code 59 is a comma, not a semicolon).
#[test]
fn cff_font_builtin_encoding_gives_math_symbols() {
    let Some(pages) = corpus_pages("pdfsamples__GeoTopo-komprimiert.pdf") else {
        return;
    };
    let page = &pages[19].text;
    assert!(page.contains("x1, . . . , xn ∈ X"), "{page}");
}

/// Vertical Japanese (`Identity-V`, CFF CID font): characters advance down
/// the page, each column reads top to bottom, columns right to left.
#[test]
fn vertical_cjk_text_reads_top_to_bottom() {
    let Some(pages) = corpus_pages("pdfjs__issue6387.pdf") else {
        return;
    };
    let mut out = pages[0].text.clone();
    out.push_str("\n--- words\n");
    for w in &pages[0].words {
        let _ = writeln!(
            out,
            "{:?} [{:.1} {:.1} {:.1} {:.1}] {} rot {}",
            w.text, w.x0, w.top, w.x1, w.bottom, w.size, w.rotation
        );
    }
    insta::assert_snapshot!(out);
}
