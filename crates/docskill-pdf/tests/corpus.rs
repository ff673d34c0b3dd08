//! Every PDF of the shared corpus gives text or a typed error: no panic, and
//! within a time bound (generous here because tests run unoptimised; the
//! release timing is measured by `examples/compare_pdftotext.rs`).

#![allow(
    clippy::duration_suboptimal_units,
    clippy::print_stderr,
    reason = "the corpus report is printed for the reader of the test log"
)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use docskill_pdf::{
    OpenOptions, PdfError, TableOptions, TextOptions, open, page_tables, page_texts,
};

fn corpus() -> Option<Vec<PathBuf>> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/pdf"
    ));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    Some(files)
}

#[test]
fn every_corpus_pdf_gives_text_or_a_typed_error() {
    let Some(files) = corpus() else {
        eprintln!("skipped: ../shared/corpus/pdf not found");
        return;
    };
    // Unoptimised builds are ~10x slower than release, where the bound is 5 s.
    let bound = if cfg!(debug_assertions) {
        Duration::from_secs(60)
    } else {
        Duration::from_secs(5)
    };
    let mut failures = Vec::new();
    let (mut ok, mut errors, mut words) = (0, Vec::new(), 0usize);
    for path in &files {
        let bytes = std::fs::read(path).expect("read corpus file");
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| -> Result<usize, PdfError> {
            let doc = open(&bytes, &OpenOptions::default())?;
            let pages = page_texts(&doc, &TextOptions::default())?;
            Ok(pages.iter().map(|p| p.words.len()).sum())
        });
        let elapsed = start.elapsed();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        match result {
            Err(_) => failures.push(format!("{name}: panicked")),
            Ok(Ok(n)) => {
                ok += 1;
                words += n;
            }
            Ok(Err(e)) => errors.push(format!("{name}: [{}] {e}", e.code())),
        }
        if elapsed > bound {
            failures.push(format!("{name}: took {elapsed:?}"));
        }
    }
    eprintln!("{ok} read ({words} words), {} typed errors:", errors.len());
    for e in &errors {
        eprintln!("  {e}");
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(
        ok * 10 >= files.len() * 9,
        "fewer than 90% of the corpus PDFs read"
    );
}

#[test]
fn every_corpus_pdf_gives_tables_or_a_typed_error() {
    let Some(files) = corpus() else {
        eprintln!("skipped: ../shared/corpus/pdf not found");
        return;
    };
    let bound = if cfg!(debug_assertions) {
        Duration::from_secs(60)
    } else {
        Duration::from_secs(5)
    };
    let mut failures = Vec::new();
    let (mut ok, mut errors, mut found) = (0, 0, 0usize);
    for path in &files {
        let bytes = std::fs::read(path).expect("read corpus file");
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| -> Result<usize, PdfError> {
            let doc = open(&bytes, &OpenOptions::default())?;
            let pages = page_tables(&doc, &TableOptions::default())?;
            Ok(pages.iter().map(|p| p.tables.len()).sum())
        });
        let elapsed = start.elapsed();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match result {
            Err(_) => failures.push(format!("{name}: panicked")),
            Ok(Ok(n)) => {
                ok += 1;
                found += n;
            }
            Ok(Err(_)) => errors += 1,
        }
        if elapsed > bound {
            failures.push(format!("{name}: took {elapsed:?}"));
        }
    }
    eprintln!("{ok} read ({found} tables), {errors} typed errors");
    assert!(failures.is_empty(), "{failures:#?}");
}
