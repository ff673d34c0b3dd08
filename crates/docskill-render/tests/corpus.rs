//! Every PPTX in `../shared/corpus` that opens renders without panic, each slide within a time bound.

#![expect(
    clippy::print_stderr,
    reason = "the corpus test reports what it skipped"
)]

use std::path::Path;
use std::time::{Duration, Instant};

use docskill_render::Renderer;

#[test]
fn corpus_renders_without_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/pptx");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {} not found", dir.display());
        return;
    };
    let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let (mut decks, mut slides, mut skipped) = (0, 0, 0);
    let mut slow = Vec::new();
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else {
            continue;
        };
        let Ok(mut r) = Renderer::open(bytes, &docskill_opc::Limits::default()) else {
            continue;
        };
        decks += 1;
        for i in 0..r.slide_count() {
            let t = Instant::now();
            match r.render(i, 160) {
                Ok(s) => {
                    slides += 1;
                    skipped += s.skipped.len();
                    assert!(s.png().is_ok());
                }
                Err(e) => eprintln!("{} slide {}: {e}", f.display(), i + 1),
            }
            if t.elapsed() > Duration::from_secs(10) {
                slow.push(format!(
                    "{} slide {}: {:?}",
                    f.display(),
                    i + 1,
                    t.elapsed()
                ));
            }
        }
    }
    eprintln!("rendered {slides} slides of {decks} decks; {skipped} elements drawn approximately");
    assert!(slow.is_empty(), "slow slides:\n{}", slow.join("\n"));
}
