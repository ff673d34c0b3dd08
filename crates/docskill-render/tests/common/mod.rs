//! Comparing a rendered PNG with its committed reference, shared by the reference tests.

use std::path::Path;

use tiny_skia::Pixmap;

/// Mean absolute difference per channel (0..255) and the share of pixels off by more than 48.
#[allow(clippy::cast_precision_loss, reason = "pixel counts in a test")]
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

/// Compares `png` with the reference at `reference`: `None` when it matches within the
/// tolerance (mean difference 1.5, 1% of pixels), else what differs (our image is left in
/// the temp folder as `name`). With `DOCSKILL_UPDATE_REFS` set, or when the reference is
/// missing, the reference is written instead (a missing one is still reported).
pub fn compare(png: &[u8], reference: &Path, name: &str) -> Option<String> {
    let update = std::env::var_os("DOCSKILL_UPDATE_REFS").is_some();
    if update || !reference.exists() {
        std::fs::create_dir_all(reference.parent().expect("parent")).expect("ref dir");
        std::fs::write(reference, png).expect("write ref");
        return (!update)
            .then(|| format!("{}: no reference; written, review it", reference.display()));
    }
    let want = Pixmap::decode_png(&std::fs::read(reference).expect("ref")).expect("ref png");
    let got = Pixmap::decode_png(png).expect("our png");
    if (want.width(), want.height()) != (got.width(), got.height()) {
        return Some(format!("{}: size changed", reference.display()));
    }
    let (mean, share) = diff(&want, &got);
    (mean > 1.5 || share > 0.01).then(|| {
        let out = std::env::temp_dir().join(name);
        let _ = std::fs::write(&out, png);
        format!(
            "{}: mean diff {mean:.2}, {:.2}% pixels off (ours: {})",
            reference.display(),
            share * 100.0,
            out.display()
        )
    })
}
