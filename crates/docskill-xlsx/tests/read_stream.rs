//! `read_into` (a row at a time) writes what `read` (in memory) gives, in every format, on
//! the fixture and on every corpus workbook that reads.

#![allow(
    clippy::print_stderr,
    reason = "tests report what they skipped and compared"
)]

use std::path::PathBuf;

use docskill_xlsx::{ReadOptions, StreamFormat, read, read_into};

fn limits() -> docskill_opc::Limits {
    docskill_opc::Limits::default()
}

/// Both ways, as text: CSV, Markdown, and the JSON answer re-serialised.
fn both(bytes: &[u8], opts: &ReadOptions) -> Option<([String; 3], [String; 3])> {
    let table = read(bytes, opts, &limits()).ok()?;
    let json = serde_json::to_value(&table).unwrap();
    let memory = [table.to_csv(), table.to_markdown(), json.to_string()];
    let mut streamed = Vec::new();
    for format in [
        StreamFormat::Csv,
        StreamFormat::Markdown,
        StreamFormat::Json,
    ] {
        let mut out = Vec::new();
        let summary = read_into(bytes, opts, format, &limits(), &mut out).unwrap();
        assert_eq!(summary.range, table.range);
        assert_eq!(summary.rows, table.rows.len() as u64);
        let text = String::from_utf8(out).unwrap();
        // The JSON is compared as text: re-parsing could round floats.
        streamed.push(if format == StreamFormat::Json {
            text.strip_suffix('\n').unwrap_or(&text).to_owned()
        } else {
            text
        });
    }
    Some((memory, streamed.try_into().unwrap()))
}

#[test]
fn streamed_read_matches_the_fixture_read_on_every_sheet() {
    let bytes = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/xlsx/full.xlsx"),
    )
    .unwrap();
    for sheet in ["Data", "Settings", "Report"] {
        for formulas in [false, true] {
            let opts = ReadOptions {
                sheet: Some(sheet.into()),
                formulas,
                ..ReadOptions::default()
            };
            let (memory, streamed) = both(&bytes, &opts).unwrap();
            assert_eq!(memory, streamed, "{sheet} formulas={formulas}");
        }
    }
    let opts = ReadOptions {
        range: Some("B2:D9".into()),
        formulas: true,
        ..ReadOptions::default()
    };
    let (memory, streamed) = both(&bytes, &opts).unwrap();
    assert_eq!(memory, streamed, "a range past the used cells");
}

#[test]
fn streamed_read_matches_on_corpus_workbooks() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/xlsx");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: shared corpus not found at {}", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    let (mut compared, mut differ) = (0, Vec::new());
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let opts = ReadOptions {
            formulas: true,
            max_cells: 200_000,
            ..ReadOptions::default()
        };
        let Some((memory, streamed)) = both(&bytes, &opts) else {
            continue;
        };
        compared += 1;
        if memory != streamed {
            differ.push(path.display().to_string());
        }
    }
    eprintln!("compared {compared} corpus workbooks");
    assert!(compared > 50, "only {compared} corpus workbooks read");
    assert!(differ.is_empty(), "streamed read differs: {differ:#?}");
}
