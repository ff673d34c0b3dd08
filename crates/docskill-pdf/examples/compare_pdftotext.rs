//! Bag-of-words F1 of our reading-order text against `pdftotext` (Poppler)
//! over the shared corpus, on files where pdftotext finds at least 50 words.
//!
//! ```text
//! cargo run --release -p docskill-pdf --example compare_pdftotext [CORPUS_DIR] [--worst N] [--dump FILE]
//! ```
//!
//! Prints one line per file (F1, words, time) and then the median, the 10th
//! percentile and the worst files. Needs `pdftotext` on the PATH.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::cast_precision_loss,
    clippy::match_same_arms,
    reason = "a measuring tool prints ratios"
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Words of `text`, with invisible bidi controls (which pdftotext adds around
/// right-to-left runs) removed and Latin ligature characters (which pdftotext
/// keeps and we spell out) expanded on both sides.
fn bag(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in text.split_whitespace() {
        let mut folded = String::with_capacity(w.len());
        for c in w.chars() {
            match c {
                '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
                '\u{FB00}' => folded.push_str("ff"),
                '\u{FB01}' => folded.push_str("fi"),
                '\u{FB02}' => folded.push_str("fl"),
                '\u{FB03}' => folded.push_str("ffi"),
                '\u{FB04}' => folded.push_str("ffl"),
                '\u{FB05}' | '\u{FB06}' => folded.push_str("st"),
                c => folded.push(c),
            }
        }
        let w = folded;
        if !w.is_empty() {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

/// `2 |A ∩ B| / (|A| + |B|)` over word multisets.
fn f1(ours: &str, theirs: &str) -> (f64, usize, usize) {
    let a = bag(ours);
    let b = bag(theirs);
    let na: usize = a.values().sum();
    let nb: usize = b.values().sum();
    let common: usize = a
        .iter()
        .map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0)))
        .sum();
    let f = if na + nb == 0 {
        1.0
    } else {
        2.0 * common as f64 / (na + nb) as f64
    };
    (f, na, nb)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The first argument that is neither an option nor an option's value.
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| {
            !a.starts_with("--")
                && (*i == 0 || !matches!(args[i - 1].as_str(), "--worst" | "--dump"))
        })
        .map(|(_, a)| a)
        .map_or_else(
            || {
                PathBuf::from(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../../../shared/corpus/pdf"
                ))
            },
            PathBuf::from,
        );
    if let Some(pos) = args.iter().position(|a| a == "--dump") {
        let file = Path::new(&args[pos + 1]);
        let bytes = std::fs::read(file).expect("read");
        println!("{}", ours(&bytes).unwrap_or_else(|e| format!("ERROR {e}")));
        return;
    }
    let worst_n = args
        .iter()
        .position(|a| a == "--worst")
        .and_then(|p| args.get(p + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(15);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect(),
        Err(e) => {
            eprintln!("no corpus at {}: {e}", dir.display());
            return;
        }
    };
    files.sort();
    let mut scores = Vec::new();
    let (mut ours_total, mut theirs_total) = (0.0, 0.0);
    for path in &files {
        let t = Instant::now();
        let Ok(out) = Command::new("pdftotext").arg(path).arg("-").output() else {
            eprintln!("pdftotext not found");
            return;
        };
        theirs_total += t.elapsed().as_secs_f64();
        let theirs = String::from_utf8_lossy(&out.stdout).into_owned();
        let bytes = std::fs::read(path).expect("read corpus file");
        let t = Instant::now();
        let ours = ours(&bytes);
        let secs = t.elapsed().as_secs_f64();
        ours_total += secs;
        let theirs_words = theirs.split_whitespace().count();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match ours {
            Ok(text) if theirs_words >= 50 => {
                let (f, na, nb) = f1(&text, &theirs);
                println!("{f:.4}\t{na}\t{nb}\t{secs:.3}s\t{name}");
                scores.push((f, name));
            }
            Ok(_) => {}
            Err(e) if theirs_words >= 50 => {
                println!("0.0000\t0\t{theirs_words}\t{secs:.3}s\t{name}\t{e}");
                scores.push((0.0, name));
            }
            Err(_) => {}
        }
    }
    scores.sort_by(|a, b| a.0.total_cmp(&b.0));
    if scores.is_empty() {
        println!("no file with 50 words");
        return;
    }
    let median = scores[scores.len() / 2].0;
    let p10 = scores[scores.len() / 10].0;
    println!(
        "\nfiles compared: {}\nmedian F1: {median:.4}\n10th percentile F1: {p10:.4}",
        scores.len()
    );
    println!("time: ours {ours_total:.2}s, pdftotext {theirs_total:.2}s (process start included)");
    println!("worst:");
    for (f, name) in scores.iter().take(worst_n) {
        println!("  {f:.4}  {name}");
    }
}

fn ours(bytes: &[u8]) -> Result<String, docskill_pdf::PdfError> {
    let doc = docskill_pdf::open(bytes, &docskill_pdf::OpenOptions::default())?;
    let pages = docskill_pdf::page_texts(&doc, &docskill_pdf::TextOptions::default())?;
    Ok(docskill_pdf::join_pages(&pages))
}
