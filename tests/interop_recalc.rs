//! Interop for `xlsx recalc`: on a 20,000-formula workbook written by openpyxl
//! (no cached values, the W3 layout of `../shared/bench/gen_w3.py`),
//! LibreOffice's own recalculation agrees with every value docskill writes,
//! and LibreOffice and openpyxl open the recalculated file, whose sheet is
//! large enough (1.3 MB of XML) to be deflated in chunks. Skips when LibreOffice, the
//! venv or the bench scripts are missing (fails instead with
//! `DOCSKILL_REQUIRE_INTEROP=1`).

#![expect(
    clippy::print_stderr,
    reason = "tests say on stderr what they skipped and measured"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use docskill_xlsx::recalc::{RecalcOptions, recalc};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn skip(what: &str) {
    assert!(
        !std::env::var("DOCSKILL_REQUIRE_INTEROP").is_ok_and(|v| v == "1"),
        "DOCSKILL_REQUIRE_INTEROP=1 but {what} is missing"
    );
    eprintln!("skipped: {what} is missing");
}

/// Every sheet of `input` as CSV through LibreOffice; returns the Calc sheet's rows.
fn lo_calc_sheet(input: &Path, outdir: &Path) -> Vec<Vec<String>> {
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            outdir.join("lo-profile").display()
        ))
        .args(["--headless", "--norestore", "--convert-to"])
        .arg("csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1")
        .arg("--outdir")
        .arg(outdir)
        .arg(input)
        .env("HOME", outdir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = input.file_stem().unwrap().to_string_lossy();
    let text = std::fs::read_to_string(outdir.join(format!("{stem}-Calc.csv"))).unwrap();
    text.lines()
        .map(|l| {
            l.split(',')
                .map(|c| c.trim_matches('"').to_owned())
                .collect()
        })
        .collect()
}

fn same(ours: &str, theirs: &str) -> bool {
    match (ours.parse::<f64>(), theirs.parse::<f64>()) {
        (Ok(a), Ok(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        _ => ours == theirs,
    }
}

#[test]
fn libreoffice_recalculation_agrees_on_20k_formulas() {
    let venv = std::env::var_os("DOCSKILL_VENV")
        .map_or_else(|| root().join("target/interop-venv"), PathBuf::from);
    let py = venv.join("bin/python");
    let gen_w3 = root().join("../shared/bench/gen_w3.py");
    let has_lo = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_lo {
        return skip("LibreOffice (soffice)");
    }
    if !py.is_file() || !gen_w3.is_file() {
        return skip("the interop venv (openpyxl) or ../shared/bench/gen_w3.py");
    }
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("w3_5000.xlsx");
    let bytes = generated(&py, &gen_w3, 5000, &src);
    let limits = docskill_opc::Limits::default();
    let (out, report) = recalc(bytes, &RecalcOptions::default(), &limits).unwrap();
    assert_eq!(report.total_formulas, 20_000);
    let ours_path = dir.path().join("ours.xlsx");
    std::fs::write(&ours_path, &out).unwrap();
    // LibreOffice computes the openpyxl file itself (it holds no values) ...
    let theirs = lo_calc_sheet(&src, &dir.path().join("lo"));
    // ... and opens ours, showing the values we cached.
    let ours = lo_calc_sheet(&ours_path, &dir.path().join("ours"));
    assert_eq!(ours.len(), 5001);
    assert_eq!(theirs.len(), ours.len());
    let mut cells = 0;
    for (r, (a, b)) in ours.iter().zip(&theirs).enumerate().skip(1) {
        for (c, (x, y)) in a.iter().zip(b).enumerate() {
            cells += 1;
            assert!(
                same(x, y),
                "Calc row {} col {}: ours {x} LibreOffice {y}",
                r + 1,
                c + 1
            );
        }
    }
    assert_eq!(cells, 20_000);
    eprintln!("LibreOffice agrees with all {cells} recalculated formula cells");
    // openpyxl reads the values we cached (its zip reader checks every CRC).
    let check = "import sys, openpyxl\n\
        wb = openpyxl.load_workbook(sys.argv[1], data_only=True, read_only=True)\n\
        rows = list(wb['Calc'].iter_rows(values_only=True))\n\
        print(len(rows), sum(v is not None for r in rows[1:] for v in r))";
    let out = Command::new(&py)
        .args(["-c", check])
        .arg(&ours_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openpyxl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "5001 20000");
}

/// openpyxl script writing `Calc` with OFFSET and INDIRECT formulas that
/// reach formula cells later in the sheet (columns to the right, rows below)
/// and another sheet, and references only measured (`ROW(INDIRECT(...))`,
/// `ROW` of the formula's own cell), over `n` rows; `Data!A` holds constants.
const DYNAMIC_WORKBOOK: &str = r#"
import sys
from openpyxl import Workbook
n, out = int(sys.argv[1]), sys.argv[2]
wb = Workbook()
ws = wb.active
ws.title = "Calc"
data = wb.create_sheet("Data")
for r in range(1, n + 1):
    data.cell(r, 1, r * 3)
    ws.cell(r, 1, r)
    ws.cell(r, 2, "=SUM(OFFSET($A$1,0,0,ROW(),1))")
    ws.cell(r, 3, '=INDIRECT("D"&ROW())*2')
    ws.cell(r, 4, f"=A{r}+1")
    ws.cell(r, 5, f"=SUM(OFFSET(D{r},1,0,3,1))")
    ws.cell(r, 6, '=INDIRECT("R"&ROW()&"C3",FALSE)+1')
    ws.cell(r, 7, f'=COUNTIF(OFFSET($D$1,0,0,ROW()+2,1),">"&A{r})')
    ws.cell(r, 8, f"=IFERROR(VLOOKUP(A{r}+3,OFFSET($A$1,0,0,{n},5),5,FALSE),-1)")
    ws.cell(r, 9, '=SUM(INDIRECT("Data!A1:A"&ROW()))')
    ws.cell(r, 10, f"=OFFSET(A{r},0,4)-OFFSET(E{r},0,-2,1,1)")
    ws.cell(r, 11, "=SUM($A$1:OFFSET($A$1,ROW()-1,0))+SUM(INDIRECT(\"E1\"):E2)")
    ws.cell(r, 12, f'=SUMPRODUCT(ROW(INDIRECT("1:"&MIN(A{r},50))))')
    ws.cell(r, 13, f"=ROW(M{r})+COLUMNS(A{r}:M{r})+ROWS(OFFSET(M{r},0,0,3))")
wb.save(out)
"#;

#[test]
fn libreoffice_recalculation_agrees_on_offset_and_indirect() {
    let venv = std::env::var_os("DOCSKILL_VENV")
        .map_or_else(|| root().join("target/interop-venv"), PathBuf::from);
    let py = venv.join("bin/python");
    let has_lo = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_lo {
        return skip("LibreOffice (soffice)");
    }
    if !py.is_file() {
        return skip("the interop venv (openpyxl)");
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("gen_dynamic.py");
    std::fs::write(&script, DYNAMIC_WORKBOOK).unwrap();
    let rows = 400;
    let src = dir.path().join("dynamic.xlsx");
    let bytes = generated(&py, &script, rows, &src);
    let limits = docskill_opc::Limits::default();
    let (out, report) = recalc(bytes, &RecalcOptions::default(), &limits).unwrap();
    assert_eq!(report.total_formulas, rows * 12);
    assert_eq!(report.total_errors, 0);
    let ours_path = dir.path().join("ours.xlsx");
    std::fs::write(&ours_path, &out).unwrap();
    let theirs = lo_calc_sheet(&src, &dir.path().join("lo"));
    let ours = lo_calc_sheet(&ours_path, &dir.path().join("ours"));
    assert_eq!(ours.len(), rows);
    assert_eq!(theirs.len(), ours.len());
    let mut cells = 0;
    for (r, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        for (c, (x, y)) in a.iter().zip(b).enumerate().skip(1) {
            cells += 1;
            assert!(
                same(x, y),
                "Calc row {} col {}: ours {x} LibreOffice {y}",
                r + 1,
                c + 1
            );
        }
    }
    assert_eq!(cells, rows * 12);
    eprintln!("LibreOffice agrees with all {cells} OFFSET/INDIRECT formula cells");
}

/// The workbook a generator script writes for `rows` rows at `dest`.
fn generated(
    py: &std::path::Path,
    script: &std::path::Path,
    rows: usize,
    dest: &std::path::Path,
) -> Vec<u8> {
    let st = Command::new(py)
        .arg(script)
        .arg(rows.to_string())
        .arg(dest)
        .status()
        .unwrap();
    assert!(st.success(), "{} failed", script.display());
    std::fs::read(dest).unwrap()
}
