//! Regression tests on the shared corpus: the slides that scored worst against
//! `LibreOffice` before a fix, compared with committed references under
//! `fixtures/render/ref/corpus/` with a tolerance. Skipped when the corpus is absent.
//!
//! Update after a deliberate change with
//! `DOCSKILL_UPDATE_REFS=1 cargo test -p docskill-render --test corpus_regressions`, then look at them.

#![allow(clippy::print_stderr, reason = "a skipped corpus deck is reported")]

use std::path::{Path, PathBuf};

mod common;

use docskill_render::Renderer;

const WIDTH: u32 = 320;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/pptx")
}

fn refs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/render/ref/corpus")
}

/// Render slide `slide` (from 1) of corpus deck `deck` and compare it with its reference.
fn check(deck: &str, slide: usize) -> Option<String> {
    let path = ["pptx", "potx"]
        .iter()
        .map(|ext| corpus().join(format!("{deck}.{ext}")))
        .find(|p| p.exists())
        .unwrap_or_else(|| corpus().join(format!("{deck}.pptx")));
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipping {deck}: {} not found", path.display());
        return None;
    };
    let mut r = Renderer::open(bytes, &docskill_opc::Limits::default()).expect("opens");
    let png = r
        .render(slide - 1, WIDTH)
        .expect("renders")
        .png()
        .expect("png");
    common::compare(
        &png,
        &refs().join(format!("{deck}-{slide}.png")),
        &format!("docskill-render-{deck}-{slide}.png"),
    )
}

#[test]
fn worst_slides_stay_fixed() {
    let cases = [
        // Scaled groups (child extents in master units): lines once covered the slide in black.
        ("oxsdk__typical", 10),
        ("oxsdk__typical", 14),
        // SmartArt drawn from its saved drawing part.
        ("poi__SmartArt", 1),
        ("poi__smartart-simple", 1),
        // Table styles from the deck's tblStyle parts; rows grown to fit text.
        ("pypptx__tbl-cell", 1),
        ("poi__shapes", 4),
        // Charts drawn from their cached data (once a titled frame: 0.16–0.48 against LibreOffice).
        ("pypptx__cht-datalabels", 1),
        ("pypptx__cht-datalabels", 4),
        ("pypptx__cht-charts", 1),
        ("poi__line-chart", 1),
        ("poi__scatter-chart", 1),
        ("oxsdk__2D-Area-O12-PPT-Charts", 1),
        // A typeface not bundled (Gill Sans MT) falls back to DejaVu Sans, as in LibreOffice.
        ("oxsdk__MarketingPlan_TP10107969", 7),
        // A theme background texture (the theme part's picture, duotoned) as its mean colour;
        // autonumbers that restart with a new `startAt` (A–D, once A, B, E, F).
        ("oxsdk__MultiChoiceTest_TP10165953", 2),
        // Table cells with `a:tcPr vert`: text turned a quarter turn, rows grown to fit it.
        ("poi__table_test2", 1),
        // Outer shadows from the theme's effect styles (`a:effectRef`), softened offset silhouettes.
        ("oxsdk__typical", 11),
        // OLE objects drawn from their preview: a PNG named by the legacy VML drawing.
        ("poi__45545_Comment", 1),
        // Text box lines spaced with the font's line gap, as LibreOffice spaces them (0.45 and
        // 0.48 before, 0.91 and 0.96 after).
        ("poi__bug62513", 10),
        ("poi__OverlappingRelations", 2),
        // Text filled with a gradient (layout title style): drawn in its middle colour.
        ("oxsdk__QuizShow_TP10176929", 1),
    ];
    let failures: Vec<String> = cases.iter().filter_map(|(d, s)| check(d, *s)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
