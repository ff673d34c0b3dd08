//! Regression tests on the shared corpus: the slides that scored worst against
//! `LibreOffice` before a fix, compared with committed references under
//! `fixtures/render/ref/corpus/` with a tolerance. Skipped when the corpus is absent.
//!
//! Update after a deliberate change with
//! `DOCSKILL_UPDATE_REFS=1 cargo test -p docskill-render --test corpus_regressions`, then look at them.

#![allow(clippy::cast_precision_loss, reason = "pixel counts in a test")]
#![allow(clippy::print_stderr, reason = "a skipped corpus deck is reported")]

use std::path::{Path, PathBuf};

use docskill_render::Renderer;
use tiny_skia::Pixmap;

const WIDTH: u32 = 320;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/pptx")
}

fn refs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/render/ref/corpus")
}

/// Mean absolute difference per channel (0..255) and the share of pixels off by more than 48.
fn diff(a: &Pixmap, b: &Pixmap) -> (f64, f64) {
    let (mut sum, mut off) = (0_u64, 0_u64);
    for (pa, pb) in a.data().chunks(4).zip(b.data().chunks(4)) {
        let d: Vec<u64> = pa
            .iter()
            .zip(pb)
            .map(|(x, y)| u64::from(x.abs_diff(*y)))
            .collect();
        sum += d.iter().sum::<u64>();
        off += u64::from(d.iter().any(|v| *v > 48));
    }
    let n = (a.data().len() / 4).max(1) as f64;
    (sum as f64 / (n * 4.0), off as f64 / n)
}

/// Render slide `slide` (from 1) of corpus deck `deck` and compare it with its reference.
fn check(deck: &str, slide: usize) -> Option<String> {
    let path = corpus().join(format!("{deck}.pptx"));
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
    let want_path = refs().join(format!("{deck}-{slide}.png"));
    if std::env::var_os("DOCSKILL_UPDATE_REFS").is_some() || !want_path.exists() {
        std::fs::create_dir_all(refs()).expect("ref dir");
        std::fs::write(&want_path, &png).expect("write ref");
        return (std::env::var_os("DOCSKILL_UPDATE_REFS").is_none())
            .then(|| format!("{}: no reference; written, review it", want_path.display()));
    }
    let want = Pixmap::decode_png(&std::fs::read(&want_path).expect("ref")).expect("ref png");
    let got = Pixmap::decode_png(&png).expect("our png");
    if (want.width(), want.height()) != (got.width(), got.height()) {
        return Some(format!("{}: size changed", want_path.display()));
    }
    let (mean, share) = diff(&want, &got);
    (mean > 1.5 || share > 0.01).then(|| {
        let out = std::env::temp_dir().join(format!("docskill-render-{deck}-{slide}.png"));
        let _ = std::fs::write(&out, &png);
        format!(
            "{}: mean diff {mean:.2}, {:.2}% pixels off (ours: {})",
            want_path.display(),
            share * 100.0,
            out.display()
        )
    })
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
    ];
    let failures: Vec<String> = cases.iter().filter_map(|(d, s)| check(d, *s)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
