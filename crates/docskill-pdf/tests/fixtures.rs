//! Snapshots of text and words on the small hand-made fixtures
//! (`fixtures/pdf/make_fixtures.py`): CID font, Type 3 font, rotated page,
//! two columns with a title, hyphenation, fake bold, TJ spacing.

#![allow(
    clippy::format_push_string,
    reason = "snapshot text is built line by line"
)]

use docskill_pdf::{OpenOptions, PageText, TextMode, TextOptions, open, page_texts};

fn texts(name: &str, mode: TextMode) -> Vec<PageText> {
    let path = format!("{}/../../fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = open(&bytes, &OpenOptions::default()).unwrap();
    page_texts(
        &doc,
        &TextOptions {
            mode,
            ..TextOptions::default()
        },
    )
    .unwrap()
}

fn summary(pages: &[PageText]) -> String {
    let mut s = String::new();
    for p in pages {
        s.push_str(&format!(
            "page {} {}x{} rotate {} unmapped {}\n",
            p.page, p.width, p.height, p.rotate, p.unmapped_chars
        ));
        s.push_str(&p.text);
        s.push_str("\n--- words\n");
        for w in &p.words {
            s.push_str(&format!(
                "{:?} [{:.1} {:.1} {:.1} {:.1}] {} {} {}{}\n",
                w.text,
                w.x0,
                w.top,
                w.x1,
                w.bottom,
                w.font,
                w.size,
                w.color,
                if w.rotation == 0 {
                    String::new()
                } else {
                    format!(" rot {}", w.rotation)
                }
            ));
        }
    }
    s
}

#[test]
fn cid_identity_with_and_without_to_unicode() {
    let pages = texts("cid-identity.pdf", TextMode::Reading);
    assert_eq!(pages[0].unmapped_chars, 2);
    insta::assert_snapshot!(summary(&pages));
}

#[test]
fn type3_font_with_differences() {
    let pages = texts("type3.pdf", TextMode::Reading);
    insta::assert_snapshot!(summary(&pages));
}

#[test]
fn rotated_page() {
    let pages = texts("rotated-page.pdf", TextMode::Reading);
    assert_eq!((pages[0].width, pages[0].height), (792.0, 612.0));
    insta::assert_snapshot!(summary(&pages));
}

#[test]
fn two_columns_reading_order() {
    let pages = texts("two-columns.pdf", TextMode::Reading);
    let text = &pages[0].text;
    let left = text.find("left text ends").unwrap();
    let right = text.find("Right column").unwrap();
    assert!(left < right, "{text}");
    assert!(text.contains("hyphenated"), "{text}");
    assert_eq!(text.matches("Bold").count(), 1, "{text}");
    insta::assert_snapshot!(summary(&pages));
}

#[test]
fn two_columns_layout_and_markdown() {
    let layout = texts("two-columns.pdf", TextMode::Layout);
    let md = texts("two-columns.pdf", TextMode::Markdown);
    insta::assert_snapshot!(format!("{}\n=== md\n{}", layout[0].text, md[0].text));
}
