//! Reference-image tests: every slide of the render fixtures compared with a
//! committed PNG under `fixtures/render/ref/`, with a tolerance; plus determinism.
//!
//! Update the references after a deliberate change with
//! `DOCSKILL_UPDATE_REFS=1 cargo test -p docskill-render --test reference`, then look at them.

use std::path::{Path, PathBuf};

mod common;

use docskill_render::Renderer;
use tiny_skia::Pixmap;

const WIDTH: u32 = 320;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/render")
}

fn check(deck: &str) {
    let bytes = std::fs::read(root().join(deck)).expect("fixture");
    let mut r = Renderer::open(bytes, &docskill_opc::Limits::default()).expect("opens");
    let stem = deck.trim_end_matches(".pptx");
    let mut failures = Vec::new();
    for i in 0..r.slide_count() {
        let s = r.render(i, WIDTH).expect("renders");
        let png = s.png().expect("encodes");
        let path = root().join("ref").join(format!("{stem}-{}.png", i + 1));
        failures.extend(common::compare(
            &png,
            &path,
            &format!("docskill-render-{stem}-{}.png", i + 1),
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn shapes_match_references() {
    check("shapes.pptx");
}

#[test]
fn text_matches_references() {
    check("text.pptx");
}

#[test]
fn media_matches_references() {
    check("media.pptx");
}

#[test]
fn charts_match_references() {
    check("charts.pptx");
}

#[test]
fn built_decks_match_references() {
    check("built-light.pptx");
    check("built-dark.pptx");
}

#[test]
fn same_input_same_bytes() {
    for deck in ["shapes.pptx", "charts.pptx"] {
        let bytes = std::fs::read(root().join(deck)).expect("fixture");
        let mut a = Renderer::open(bytes.clone(), &docskill_opc::Limits::default()).expect("opens");
        let mut b = Renderer::open(bytes, &docskill_opc::Limits::default()).expect("opens");
        for i in 0..a.slide_count() {
            let pa = a.render(i, 400).expect("renders").png().expect("png");
            let pb = b.render(i, 400).expect("renders").png().expect("png");
            assert_eq!(pa, pb, "{deck} slide {i}");
        }
    }
}

#[test]
fn reports_what_it_could_not_draw() {
    let bytes = std::fs::read(root().join("media.pptx")).expect("fixture");
    let mut r = Renderer::open(bytes, &docskill_opc::Limits::default()).expect("opens");
    let hidden = r.render(1, 320).expect("renders");
    assert!(hidden.hidden);
    // Drawn charts are not reported; a radar chart is, with the reason.
    let bytes = std::fs::read(root().join("charts.pptx")).expect("fixture");
    let mut r = Renderer::open(bytes, &docskill_opc::Limits::default()).expect("opens");
    for i in 0..6 {
        let s = r.render(i, 160).expect("renders");
        assert!(
            s.skipped.iter().all(|k| k.element != "chart"),
            "slide {}: {:?}",
            i + 1,
            s.skipped
        );
    }
    let s = r.render(6, 160).expect("renders");
    assert!(
        s.skipped
            .iter()
            .any(|k| k.element == "chart" && k.reason.starts_with("radarChart")),
        "{:?}",
        s.skipped
    );
}

#[test]
fn grid_has_several_sheets_for_large_decks() {
    let bytes = std::fs::read(root().join("shapes.pptx")).expect("fixture");
    let mut r = Renderer::open(bytes, &docskill_opc::Limits::default()).expect("opens");
    let tiles: Vec<_> = (0..5)
        .map(|i| r.render(i % r.slide_count(), 120).expect("renders"))
        .collect();
    let sheets = docskill_render::grid(&tiles, &docskill_render::GridOptions { cols: 2, rows: 1 })
        .expect("grid");
    assert_eq!(sheets.len(), 3);
    let first = Pixmap::decode_png(&sheets[0]).expect("png");
    assert!(first.width() > 240);
}

#[test]
fn bad_requests_are_errors() {
    let bytes = std::fs::read(root().join("shapes.pptx")).expect("fixture");
    let mut r = Renderer::open(bytes, &docskill_opc::Limits::default()).expect("opens");
    assert!(matches!(
        r.render(99, 100),
        Err(docskill_render::Error::NoSuchSlide { .. })
    ));
    assert!(matches!(
        r.render(0, 0),
        Err(docskill_render::Error::BadOption(_))
    ));
    assert!(matches!(
        r.render(0, 60_000),
        Err(docskill_render::Error::TooLarge { .. })
    ));
    assert!(Renderer::open(b"not a zip".to_vec(), &docskill_opc::Limits::default()).is_err());
}
