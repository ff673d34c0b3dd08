//! `info` and `read` over every workbook of the shared corpus: a result or a typed error,
//! never a panic. Skipped with a message when `../shared/corpus` is absent.

#![expect(
    clippy::print_stderr,
    reason = "tests say on stderr what they skipped and measured"
)]

use std::path::PathBuf;

use docskill_xlsx::{Error, ReadOptions, info, read};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if dir.join("MANIFEST.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: shared corpus not found at {}", dir.display());
        None
    }
}

/// Files whose MANIFEST features say they are encrypted.
fn encrypted(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("MANIFEST.tsv"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("xlsx/") && l.contains("encrypted-ooxml"))
        .map(|l| {
            l.split('\t')
                .next()
                .unwrap()
                .trim_start_matches("xlsx/")
                .to_owned()
        })
        .collect()
}

#[test]
fn every_corpus_workbook_reads_or_fails_with_a_typed_error() {
    let Some(dir) = corpus() else { return };
    let encrypted = encrypted(&dir);
    assert!(!encrypted.is_empty(), "MANIFEST lists encrypted workbooks");
    let limits = docskill_opc::Limits::default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("xlsx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (mut ok, mut refused, mut sheets_read, mut problems) = (0, 0, 0, Vec::new());
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let result = std::panic::catch_unwind(|| {
            let i = info(&bytes, &limits)?;
            let mut n = 0;
            for s in i.sheets.iter().filter(|s| s.kind == "worksheet") {
                let opts = ReadOptions {
                    sheet: Some(s.name.clone()),
                    formulas: true,
                    ..ReadOptions::default()
                };
                match read(&bytes, &opts, &limits) {
                    Ok(t) => {
                        assert_eq!(t.range, s.used_range, "{name} {}", s.name);
                        n += 1;
                    }
                    Err(Error::TooManyCells { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(n)
        });
        match result {
            Err(_) => problems.push(format!("{name}: panicked")),
            Ok(Ok(n)) => {
                ok += 1;
                sheets_read += n;
                if encrypted.contains(&name) {
                    problems.push(format!("{name}: encrypted but read"));
                }
            }
            Ok(Err(Error::Package(docskill_opc::Error::NotZip(
                docskill_opc::ForeignFormat::EncryptedOffice,
            )))) if encrypted.contains(&name) => {
                refused += 1;
            }
            Ok(Err(Error::Package(e))) if name == "poi__invalid.xlsx" => {
                // Not a workbook at all (no content types): a clear package error.
                assert!(e.to_string().contains("Content_Types"), "{e}");
                refused += 1;
            }
            Ok(Err(e)) => problems.push(format!("{name}: {e}")),
        }
    }
    eprintln!(
        "corpus: {ok} workbooks read ({sheets_read} sheets), {refused} refused with a typed error, of {}",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(refused, encrypted.len() + 1);
}
