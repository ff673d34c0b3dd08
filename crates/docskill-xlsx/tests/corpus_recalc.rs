//! `recalc --compare-cached` over every corpus workbook with formulas (those
//! using NOW, TODAY, RAND or RANDBETWEEN left out): the per-file agreement with
//! the values Excel (or the producing tool) cached, and every disagreement, are
//! pinned in a snapshot. The recalculated file must open again and agree with
//! itself. Skipped when the corpus is absent.
//!
//! Remaining numeric disagreement (1 of 4,270): `xlsxwriter__dynamic_array01`
//! `{=AVERAGE(TIMEVALUE(B1:B2))}` over two cells holding "12:00" caches 0, the
//! placeholder `rust_xlsxwriter`'s reference files hold for formula results;
//! Excel computes 0.5, as we do.

#![expect(
    clippy::print_stderr,
    reason = "tests say on stderr what they skipped and measured"
)]

use std::fmt::Write as _;
use std::path::PathBuf;

use docskill_opc::{Limits, Package};
use docskill_xlsx::recalc::{RecalcOptions, check, recalc};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if dir.join("MANIFEST.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: shared corpus not found at {}", dir.display());
        None
    }
}

/// True when a worksheet calls a volatile function.
fn volatile(pkg: &Package) -> bool {
    pkg.part_names()
        .filter(|p| p.contains("/worksheets/"))
        .any(|p| {
            let xml =
                String::from_utf8_lossy(&pkg.read_part(&p).unwrap_or_default()).to_uppercase();
            ["NOW()", "TODAY()", "RAND()", "RANDBETWEEN("]
                .iter()
                .any(|f| xml.contains(f))
        })
}

fn short(v: &serde_json::Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

#[test]
fn corpus_agrees_with_cached_values() {
    let Some(dir) = corpus() else { return };
    let limits = Limits::default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("xlsx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx" || e == "xlsm"))
        .collect();
    files.sort();
    let opts = RecalcOptions {
        compare_cached: true,
        ..RecalcOptions::default()
    };
    let mut snap = String::new();
    let (mut numeric, mut numeric_agree) = (0usize, 0usize);
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(pkg) = Package::open(bytes.clone(), &limits) else {
            continue;
        };
        if volatile(&pkg) {
            let _ = writeln!(snap, "{name}: left out (volatile functions)");
            continue;
        }
        let report = match check(bytes.clone(), &opts, &limits) {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(snap, "{name}: not loaded: {e}");
                continue;
            }
        };
        if report.total_formulas == 0 {
            continue;
        }
        let c = report.comparison.unwrap_or_default();
        numeric += c.numeric;
        numeric_agree += c.numeric_agree;
        let _ = writeln!(
            snap,
            "{name}: {} formulas, {}/{} agree ({}/{} numeric), {} unsupported",
            report.total_formulas,
            c.agree,
            c.compared,
            c.numeric_agree,
            c.numeric,
            report.unsupported.len()
        );
        for d in report.disagreements.unwrap_or_default() {
            let _ = writeln!(
                snap,
                "  {} {} ours {} theirs {}",
                d.cell,
                d.formula.chars().take(80).collect::<String>(),
                short(&d.ours),
                short(&d.theirs)
            );
        }
        // The written file opens and holds exactly what was computed.
        let (out, first) = recalc(bytes, &RecalcOptions::default(), &limits)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = check(out, &opts, &limits).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(again.total_formulas, first.total_formulas, "{name}");
        assert_eq!(again.errors, first.errors, "{name}");
        let d = again.disagreements.unwrap_or_default();
        assert!(
            d.is_empty(),
            "{name}: recalculated file disagrees with itself: {d:?}"
        );
    }
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    let pct = 100.0 * numeric_agree as f64 / numeric.max(1) as f64;
    let _ = writeln!(
        snap,
        "\nnumeric formula cells: {numeric_agree} of {numeric} agree ({pct:.3}%)"
    );
    eprintln!(
        "numeric formula cells agreeing with cached values: {numeric_agree} of {numeric} ({pct:.3}%)"
    );
    insta::assert_snapshot!("corpus_recalc", snap);
}
