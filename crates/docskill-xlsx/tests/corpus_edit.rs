//! `edit` over every workbook of the shared corpus that opens: set a value and a
//! formula on the first sheet; only the parts the edit must change differ, the
//! package checks clean, and the cells read back. Skipped when the corpus is absent.

#![expect(
    clippy::print_stderr,
    reason = "tests say on stderr what they skipped and measured"
)]

use std::path::PathBuf;

use docskill_opc::{Limits, Package};
use docskill_xlsx::{EditOp, ReadOptions, edit_workbook, read};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if dir.join("MANIFEST.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: shared corpus not found at {}", dir.display());
        None
    }
}

/// Parts an edit of the first sheet may change: that sheet, the workbook (full
/// calculation on load), its relationships and the content types (calcChain removed).
fn may_change(name: &str, first_sheet: &str) -> bool {
    name == first_sheet
        || name.ends_with("/workbook.xml")
        || name.ends_with("/workbook.xml.rels")
        || name == "/[Content_Types].xml"
        || name.ends_with("/calcChain.xml")
}

#[test]
fn value_and_formula_edit_on_every_corpus_workbook() {
    let Some(dir) = corpus() else { return };
    let limits = Limits::default();
    let ops: Vec<EditOp> = serde_json::from_str(
        r#"[{"set": {"cell": "ZZ1", "value": 42}}, {"set": {"cell": "ZZ2", "formula": "=ZZ1*2"}}]"#,
    )
    .unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("xlsx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (mut edited, mut refused) = (0, Vec::new());
    let mut failures = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(before) = Package::open(bytes.clone(), &limits) else {
            continue;
        };
        let (out, _summary) = match edit_workbook(bytes, &ops, &limits) {
            Ok(x) => x,
            Err(e) => {
                refused.push(format!("{name}: {e}"));
                continue;
            }
        };
        edited += 1;
        let after = Package::open(out.clone(), &limits).unwrap();
        let problems = docskill_opc::check(&after);
        if !problems.is_empty() && docskill_opc::check(&before).is_empty() {
            failures.push(format!("{name}: opc check: {problems:?}"));
        }
        // The first sheet's part: the one whose bytes changed and holds ZZ1.
        let changed: Vec<String> = after
            .parts()
            .into_iter()
            .map(|p| p.name)
            .filter(|n| before.read_part(n).ok() != after.read_part(n).ok())
            .collect();
        let sheet = changed
            .iter()
            .find(|n| {
                after
                    .read_part(n)
                    .is_ok_and(|b| String::from_utf8_lossy(&b).contains("r=\"ZZ2\""))
            })
            .cloned()
            .unwrap_or_default();
        for n in &changed {
            if !may_change(n, &sheet) {
                failures.push(format!("{name}: {n} changed"));
            }
        }
        let read_opts = ReadOptions {
            range: Some("ZZ1:ZZ2".into()),
            formulas: true,
            ..ReadOptions::default()
        };
        match read(&out, &read_opts, &limits) {
            Ok(r) => {
                let text = format!("{r:?}");
                if !(text.contains("42") && text.contains("ZZ1*2")) {
                    failures.push(format!("{name}: read back {text:.300}"));
                }
            }
            Err(e) => failures.push(format!("{name}: read back: {e}")),
        }
    }
    eprintln!(
        "edited {edited} corpus workbooks; refused with a typed error: {}",
        refused.len()
    );
    for r in &refused {
        eprintln!("  {r}");
    }
    assert!(edited >= 100, "only {edited} edited");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
