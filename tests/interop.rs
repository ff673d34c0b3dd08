//! Interop: packages written by docskill open in independent readers.
//!
//! Needs LibreOffice (`soffice`) and a Python venv with python-docx,
//! python-pptx, openpyxl and pypdf (`bash .ci/deps.sh` installs them into
//! `target/interop-venv`, or point `DOCSKILL_VENV` at one). Each test skips
//! with a message when its tool is missing, unless `DOCSKILL_REQUIRE_INTEROP=1`
//! (set by `.ci/run`), where a missing tool is a failure.

#![expect(
    clippy::print_stderr,
    reason = "tests say on stderr what they skipped and measured"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn required() -> bool {
    std::env::var("DOCSKILL_REQUIRE_INTEROP").is_ok_and(|v| v == "1")
}

fn skip(what: &str) {
    assert!(
        !required(),
        "DOCSKILL_REQUIRE_INTEROP=1 but {what} is missing"
    );
    eprintln!("skipped: {what} is not installed (run `bash .ci/deps.sh`)");
}

fn soffice() -> Option<PathBuf> {
    let ok = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        Some(PathBuf::from("soffice"))
    } else {
        None
    }
}

fn python() -> Option<PathBuf> {
    let venv = std::env::var_os("DOCSKILL_VENV")
        .map_or_else(|| root().join("target/interop-venv"), PathBuf::from);
    let py = venv.join("bin/python");
    let ok = Command::new(&py)
        .args(["-c", "import docx, pptx, openpyxl, pypdf"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(py)
}

fn corpus() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus");
    if dir.join("MANIFEST.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: shared corpus not found at {}", dir.display());
        None
    }
}

fn docskill(args: &[&Path]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args(args)
        .output()
        .unwrap()
}

/// A spread of corpus packages that open: every k-th per format, `per_kind` each.
fn sample(corpus: &Path, per_kind: usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for kind in ["docx", "xlsx", "pptx"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join(kind))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let bytes = std::fs::read(p).unwrap();
                docskill_opc::Package::open(bytes, &docskill_opc::Limits::default()).is_ok()
            })
            .collect();
        files.sort();
        let step = (files.len() / per_kind).max(1);
        out.extend(files.into_iter().step_by(step).take(per_kind));
    }
    out
}

/// Unpack (indented XML) and pack again with the CLI; return the new file.
fn unpack_pack(input: &Path, work: &Path, i: usize) -> PathBuf {
    let ext = input.extension().unwrap().to_string_lossy().into_owned();
    let dir = work.join(format!("u{i}"));
    let out = work.join(format!("f{i:02}.{ext}"));
    let r = docskill(&[Path::new("opc"), Path::new("unpack"), input, &dir]);
    assert!(
        r.status.success(),
        "unpack {}: {}",
        input.display(),
        String::from_utf8_lossy(&r.stderr)
    );
    let r = docskill(&[
        Path::new("opc"),
        Path::new("pack"),
        &dir,
        Path::new("-o"),
        &out,
    ]);
    assert!(
        r.status.success(),
        "pack {}: {}",
        input.display(),
        String::from_utf8_lossy(&r.stderr)
    );
    out
}

/// `docskill xlsx build SPEC -o OUT`, which must succeed.
fn build_xlsx(spec: &Path, out: &Path) {
    let r = docskill(&[
        Path::new("xlsx"),
        Path::new("build"),
        spec,
        Path::new("-o"),
        out,
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
}

/// Convert files to PDF with LibreOffice in one run (private profile); return the PDFs.
fn convert(files: &[PathBuf], outdir: &Path) -> Vec<PathBuf> {
    convert_to("pdf", files, outdir);
    files
        .iter()
        .map(|f| outdir.join(f.with_extension("pdf").file_name().unwrap()))
        .collect()
}

/// Convert files with LibreOffice in one run (private profile in `outdir`), to `filter`
/// (`pdf`, `csv`, `txt:Text (encoded):UTF8`, ...), into `outdir`.
fn convert_to(filter: &str, files: &[PathBuf], outdir: &Path) {
    let profile = outdir.join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(outdir)
        .args(files)
        .env("HOME", outdir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn libreoffice_converts_corpus_packages_after_unpack_and_pack() {
    let Some(corpus) = corpus() else { return };
    if soffice().is_none() {
        return skip("LibreOffice (soffice)");
    }
    let tmp = tempfile::tempdir().unwrap();
    let inputs = sample(&corpus, 5);
    let packed: Vec<PathBuf> = inputs
        .iter()
        .enumerate()
        .map(|(i, f)| unpack_pack(f, tmp.path(), i))
        .collect();
    let pdfs = convert(&packed, tmp.path());
    let mut failed = Vec::new();
    for ((input, pdf), packed) in inputs.iter().zip(&pdfs).zip(&packed) {
        let size = std::fs::metadata(pdf).map_or(0, |m| m.len());
        if size < 500 {
            failed.push(format!(
                "{} (as {}): no PDF",
                input.display(),
                packed.display()
            ));
        }
    }
    eprintln!(
        "LibreOffice converted {}/{} unpacked+packed corpus packages",
        pdfs.len() - failed.len(),
        pdfs.len()
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn python_readers_open_packed_packages() {
    let Some(py) = python() else {
        return skip("the Python interop venv (python-docx, python-pptx, openpyxl)");
    };
    let tmp = tempfile::tempdir().unwrap();
    let minimal = unpack_pack(&root().join("fixtures/opc/minimal.docx"), tmp.path(), 0);
    let script = r#"
import sys, docx, pptx, openpyxl
for path in sys.argv[1:]:
    if path.endswith(".docx"):
        d = docx.Document(path)
        print(path.rsplit("/", 1)[-1], "docx", len(d.paragraphs), "|".join(p.text for p in d.paragraphs)[:120])
    elif path.endswith(".pptx"):
        print(path.rsplit("/", 1)[-1], "pptx", len(pptx.Presentation(path).slides))
    elif path.endswith(".xlsx"):
        print(path.rsplit("/", 1)[-1], "xlsx", len(openpyxl.load_workbook(path).sheetnames))
"#;
    let out = Command::new(&py)
        .arg("-c")
        .arg(script)
        .arg(&minimal)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "f00.docx docx 3 Service agreement|The supplier delivers within 30 days of the order.|  Two leading spaces and a trailing one \n"
    );
    // Corpus packages that the reader opens before the round trip must open after it.
    let Some(corpus) = corpus() else { return };
    let inputs = sample(&corpus, 6);
    let mut failed = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let ext = input.extension().unwrap().to_string_lossy();
        if !["docx", "xlsx", "pptx"].contains(&ext.as_ref()) {
            continue;
        }
        let before = Command::new(&py)
            .arg("-c")
            .arg(script)
            .arg(input)
            .output()
            .unwrap();
        if !before.status.success() {
            continue; // the reader itself cannot read the original
        }
        let packed = unpack_pack(input, tmp.path(), i + 1);
        let after = Command::new(&py)
            .arg("-c")
            .arg(script)
            .arg(&packed)
            .output()
            .unwrap();
        let strip = |o: &[u8]| {
            String::from_utf8_lossy(o)
                .split_once(' ')
                .map(|(_, r)| r.to_owned())
                .unwrap_or_default()
        };
        if !after.status.success() || strip(&before.stdout) != strip(&after.stdout) {
            failed.push(format!(
                "{}: before {:?} after {:?} {}",
                input.display(),
                strip(&before.stdout),
                strip(&after.stdout),
                String::from_utf8_lossy(&after.stderr)
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Edit every corpus DOCX with a tracked replacement (as the corpus test in
/// docskill-docx does); return the edited files.
fn edited_corpus_docx(corpus: &Path, work: &Path) -> Vec<(PathBuf, PathBuf)> {
    edited_corpus_docx_at(corpus, work)
        .into_iter()
        .map(|(o, e, _)| (o, e))
        .collect()
}

/// As [`edited_corpus_docx`], with the address of the edited paragraph.
fn edited_corpus_docx_at(corpus: &Path, work: &Path) -> Vec<(PathBuf, PathBuf, String)> {
    use docskill_docx::{ChangeView, Docx, Edit, Revision};
    let limits = docskill_opc::Limits::default();
    let who = Revision {
        author: "docskill test".into(),
        date: Some("2026-11-22T00:00:00Z".into()),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join("docx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let Ok(doc) = Docx::open(std::fs::read(path).unwrap(), &limits) else {
            continue;
        };
        for p in doc.paragraphs(ChangeView::Accept) {
            let Some(token) = p
                .text
                .split(|c: char| !c.is_alphabetic())
                .find(|cand| cand.len() >= 4 && p.text.matches(cand).count() == 1)
            else {
                continue;
            };
            let mut d = doc.clone();
            let edit = Edit::Replace {
                find: token.into(),
                replace: format!("{token}X"),
                occurrence: None,
                within: Some(p.address.clone()),
                match_case: true,
                whole_word: false,
            };
            if d.apply(&[edit], &who).is_ok() {
                let target = work.join(format!("e{i:03}.docx"));
                std::fs::write(&target, d.to_bytes().unwrap()).unwrap();
                out.push((path.clone(), target, p.address.clone()));
                break;
            }
        }
    }
    out
}

#[test]
fn libreoffice_and_python_docx_open_every_edited_corpus_document() {
    let Some(corpus) = corpus() else { return };
    if soffice().is_none() {
        return skip("LibreOffice (soffice)");
    }
    let Some(py) = python() else {
        return skip("the Python interop venv (python-docx)");
    };
    let tmp = tempfile::tempdir().unwrap();
    let pairs = edited_corpus_docx(&corpus, tmp.path());
    let edited: Vec<PathBuf> = pairs.iter().map(|(_, e)| e.clone()).collect();
    assert!(edited.len() >= 95, "{} edited", edited.len());
    let pdfs = convert(&edited, tmp.path());
    let no_pdf = |pdf: &PathBuf| std::fs::metadata(pdf).map_or(0, |m| m.len()) < 500;
    let failed: Vec<&(PathBuf, PathBuf)> = pairs
        .iter()
        .zip(&pdfs)
        .filter(|(_, pdf)| no_pdf(pdf))
        .map(|(p, _)| p)
        .collect();
    // A failure counts against us only when LibreOffice converts the original.
    let originals_dir = tmp.path().join("originals");
    std::fs::create_dir_all(&originals_dir).unwrap();
    let originals: Vec<PathBuf> = failed.iter().map(|(o, _)| o.clone()).collect();
    let original_pdfs = if originals.is_empty() {
        Vec::new()
    } else {
        convert(&originals, &originals_dir)
    };
    let missing: Vec<String> = failed
        .iter()
        .zip(&original_pdfs)
        .filter(|(_, pdf)| !no_pdf(pdf))
        .map(|((o, _), _)| o.display().to_string())
        .collect();
    // python-docx must open every edited file whose original it opens.
    let script = "import sys, docx\nfor p in sys.argv[1:]:\n    try:\n        docx.Document(p); print('ok')\n    except Exception as e:\n        print('error', type(e).__name__)";
    let run_py = |files: Vec<&PathBuf>| -> Vec<String> {
        let out = Command::new(&py)
            .arg("-c")
            .arg(script)
            .args(files)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let before = run_py(pairs.iter().map(|(o, _)| o).collect());
    let after = run_py(pairs.iter().map(|(_, e)| e).collect());
    let broken: Vec<String> = pairs
        .iter()
        .zip(before.iter().zip(&after))
        .filter(|(_, (b, a))| *b == "ok" && *a != "ok")
        .map(|((o, _), (_, a))| format!("{}: {a}", o.display()))
        .collect();
    let opened = after.iter().filter(|a| *a == "ok").count();
    eprintln!(
        "LibreOffice converted {}/{} edited corpus documents (it cannot load the originals of the others); python-docx opened {opened} (it opens {} of the originals)",
        edited.len() - failed.len(),
        edited.len(),
        before.iter().filter(|b| *b == "ok").count()
    );
    assert!(
        missing.is_empty(),
        "LibreOffice made no PDF of: {missing:?}"
    );
    assert!(
        broken.is_empty(),
        "python-docx opens the original but not the edited file: {broken:?}"
    );
}

#[test]
fn libreoffice_reads_tracked_edits_as_we_wrote_them() {
    if soffice().is_none() {
        return skip("LibreOffice (soffice)");
    }
    let tmp = tempfile::tempdir().unwrap();
    let input = root().join("fixtures/docx/review.docx");
    let edited = tmp.path().join("edited.docx");
    let edits = tmp.path().join("edits.json");
    std::fs::write(&edits, r#"[{"replace": {"find": "shall deliver the goods within thirty", "replace": "must deliver the goods within 30"}},
        {"replace": {"find": "euros", "replace": "dollars"}}, {"delete_paragraph": {"address": "p5"}}]"#).unwrap();
    let r = Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args(["docx", "edit"])
        .arg(&input)
        .arg("-o")
        .arg(&edited)
        .args(["--author", "Reviewer", "--date", "2026-11-22", "--edits"])
        .arg(&edits)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    // LibreOffice's text export shows deleted and inserted text together, in order.
    convert_to(
        "txt:Text (encoded):UTF8",
        std::slice::from_ref(&edited),
        tmp.path(),
    );
    let lo = std::fs::read_to_string(tmp.path().join("edited.txt")).unwrap();
    let lo_lines: Vec<&str> = lo.trim_start_matches('\u{feff}').lines().collect();
    let view = Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args(["docx", "text", "--changes", "all", "--parts", "body"])
        .arg(&edited)
        .output()
        .unwrap();
    let ours = String::from_utf8(view.stdout).unwrap();
    for addr_line in ours
        .lines()
        .filter(|l| l.contains("{++") || l.contains("{--"))
    {
        let mut plain = addr_line
            .replace("{++", "")
            .replace("++}", "")
            .replace("{--", "")
            .replace("--}", "");
        // Drop the author attributions, `{>>@name<<}`.
        while let Some(start) = plain.find("{>>@") {
            let end = plain[start..]
                .find("<<}")
                .map_or(plain.len(), |e| start + e + 3);
            plain.replace_range(start..end, "");
        }
        assert!(
            lo_lines.contains(&plain.as_str()),
            "LibreOffice shows no line {plain:?}:\n{lo}"
        );
    }
}

/// The fixture spec's cells, merges, validations and conditional formats as openpyxl
/// should see them, derived from the spec itself.
fn expected_from_spec(spec: &serde_json::Value) -> serde_json::Value {
    use serde_json::{Value, json};
    let future = ["XLOOKUP", "IFS", "LET", "XMATCH", "UNIQUE"];
    let formula = |f: &str| {
        // The fixture writes one function in lower case; the writer upper-cases it.
        let mut f = f.replace("sum(", "SUM(");
        for name in future {
            f = f.replace(&format!("{name}("), &format!("_xlfn.{name}("));
        }
        for name in ["SORT", "FILTER"] {
            f = f.replace(&format!("{name}("), &format!("_xlfn._xlws.{name}("));
        }
        // The fixture's one LET names `x`: stored as `_xlpm.x`.
        if f.contains("LET(x,") {
            f = f
                .replace("LET(x,", "LET(_xlpm.x,")
                .replace("x*2", "_xlpm.x*2");
        }
        Value::String(f)
    };
    let mut sheets = serde_json::Map::new();
    for sh in spec["sheets"].as_array().unwrap() {
        let mut cells = serde_json::Map::new();
        for (k, v) in sh["cells"].as_object().into_iter().flatten() {
            let want = match v {
                Value::Object(o) if o.contains_key("formula") => {
                    formula(o["formula"].as_str().unwrap())
                }
                Value::Object(o) if o.contains_key("type") => continue, // dates: checked below
                Value::Object(o) if !o.contains_key("value") && o.contains_key("link") => {
                    // The writer shows a mailto link without its scheme.
                    let l = o["link"].as_str().unwrap();
                    Value::String(l.trim_start_matches("mailto:").to_owned())
                }
                Value::Object(o) => o["value"].clone(),
                other => other.clone(),
            };
            cells.insert(k.clone(), want);
        }
        let mut merges: Vec<&str> = sh["merge"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| m.as_str().unwrap())
            .collect();
        merges.sort_unstable();
        let dv: Vec<Value> = sh["data_validations"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| {
                let t = match d["type"].as_str().unwrap() {
                    "text_length" => "textLength",
                    t => t,
                };
                json!([t, d["range"]])
            })
            .collect();
        let cf: Vec<Value> = sh["conditional_formats"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                let t = match c["type"].as_str().unwrap() {
                    "cell" => "cellIs",
                    "formula" => "expression",
                    "duplicate" => "duplicateValues",
                    "unique" => "uniqueValues",
                    "top" | "bottom" => "top10",
                    "above_average" | "below_average" => "aboveAverage",
                    "color_scale" => "colorScale",
                    "data_bar" => "dataBar",
                    "icon_set" => "iconSet",
                    t => t,
                };
                json!([t, c["range"]])
            })
            .collect();
        sheets.insert(
            sh["name"].as_str().unwrap().to_owned(),
            json!({"cells": cells, "merges": merges, "validations": dv, "conditional_formats": cf,
                   "hidden": sh["hidden"].as_bool().unwrap_or(false)}),
        );
    }
    Value::Object(sheets)
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one check per feature of the spec, in order"
)]
fn built_workbook_opens_in_openpyxl_with_the_same_content() {
    let Some(py) = python() else {
        return skip("the Python interop venv (openpyxl)");
    };
    let tmp = tempfile::tempdir().unwrap();
    let spec_path = root().join("fixtures/xlsx/full-spec.json");
    let out = tmp.path().join("full.xlsx");
    build_xlsx(&spec_path, &out);
    let spec: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&spec_path).unwrap()).unwrap();
    let expected = expected_from_spec(&spec);
    let script = r#"
import sys, json, datetime, openpyxl
from openpyxl.worksheet.formula import ArrayFormula
spec = json.loads(sys.argv[2])
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for name, want in spec.items():
    ws = wb[name]
    cells = {}
    for ref in want["cells"]:
        v = ws[ref].value
        if isinstance(v, ArrayFormula):
            v = v.text
        cells[ref] = v
    cf = []
    for rng, rules in ws.conditional_formatting._cf_rules.items():
        cf += [[r.type, str(rng.sqref)] for r in rules]
    out[name] = {
        "cells": cells,
        "merges": sorted(str(m) for m in ws.merged_cells.ranges),
        "validations": [[d.type, str(d.sqref)] for d in ws.data_validations.dataValidation],
        "conditional_formats": cf,
        "hidden": ws.sheet_state == "hidden",
    }
ws = wb["Data"]
out["_dates"] = [ws["G3"].value.isoformat(), str(ws["G4"].value), ws["G5"].value.isoformat()]
out["_names"] = sorted(wb.defined_names.keys())
out["_freeze"] = ws.freeze_panes
out["_autofilter"] = ws.auto_filter.ref
out["_notes"] = {ref: [ws[ref].comment.text, ws[ref].comment.author] for ref in ("A2", "E2")}
ps = wb["Settings"]
out["_links"] = {ref: [ps[ref].hyperlink.target, ps[ref].hyperlink.location, ps[ref].hyperlink.tooltip]
                 for ref in ("A4", "A5", "A6")}
out["_charts"] = {name: len(wb[name]._charts) for name in wb.sheetnames}
p = ps.protection
out["_protection"] = [p.sheet, bool(p.password), p.formatColumns, p.sort, p.formatCells,
                      ps["B1"].protection.locked, ps["A1"].protection.locked]
su = ws.page_setup
out["_print"] = [su.orientation, su.paperSize, su.fitToWidth, su.fitToHeight,
                 ws.sheet_properties.pageSetUpPr.fitToPage, ws.print_title_rows, ws.print_title_cols,
                 ws.print_area, ws.oddHeader.center.text, ws.page_margins.left, ws.print_options.gridLines]
rt = wb["Report"]
out["_tables"] = [[t.name, t.ref, t.tableStyleInfo.name, [c.name for c in t.tableColumns]]
                  for t in rt.tables.values()]
print(json.dumps(out, sort_keys=True))
"#;
    let o = Command::new(&py)
        .arg("-c")
        .arg(script)
        .arg(&out)
        .arg(expected.to_string())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut got: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let extra = got.as_object_mut().unwrap();
    assert_eq!(
        extra.remove("_dates").unwrap(),
        serde_json::json!(["2024-01-31T12:30:00", "13:45:00", "2024-02-29T00:00:00"])
    );
    assert_eq!(
        extra.remove("_names").unwrap(),
        serde_json::json!(["TaxRate", "Totals"])
    );
    assert_eq!(extra.remove("_freeze").unwrap(), "A3");
    assert_eq!(extra.remove("_autofilter").unwrap(), "A2:H5");
    assert_eq!(
        extra.remove("_notes").unwrap(),
        serde_json::json!({
            "A2": ["Stock keeping unit, three characters", "Author"],
            "E2": ["Includes tax at TaxRate", "Finance"]
        })
    );
    assert_eq!(
        extra.remove("_links").unwrap(),
        serde_json::json!({
            "A4": ["https://example.com/docs?page=1&x=2", null, "Opens the docs"],
            "A5": [null, "Data!A1", null],
            "A6": ["mailto:finance@example.com", null, null]
        })
    );
    assert_eq!(
        extra.remove("_charts").unwrap(),
        serde_json::json!({"Data": 0, "Settings": 0, "Report": 6, "Hidden": 0})
    );
    // Protected with a password; columns may be formatted and data sorted, cells not; the
    // input column is unlocked.
    assert_eq!(
        extra.remove("_protection").unwrap(),
        serde_json::json!([true, true, false, false, true, false, true])
    );
    // fitToWidth 1 is the default, so the file leaves it out (openpyxl: None).
    assert_eq!(
        extra.remove("_print").unwrap(),
        serde_json::json!([
            "landscape",
            9,
            null,
            0,
            true,
            "$2:$2",
            "$A:$A",
            "'Data'!$A$1:$L$20",
            "&A",
            0.5,
            true
        ])
    );
    assert_eq!(
        extra.remove("_tables").unwrap(),
        serde_json::json!([[
            "Quarters",
            "A1:D6",
            "TableStyleMedium2",
            ["Quarter", "Revenue", "Cost", "Margin"]
        ]])
    );
    // Validations and conditional formats may come back in another order.
    let norm = |mut v: serde_json::Value| {
        for sheet in v.as_object_mut().unwrap().values_mut() {
            for key in ["validations", "conditional_formats"] {
                sheet[key]
                    .as_array_mut()
                    .unwrap()
                    .sort_by_key(ToString::to_string);
            }
        }
        v
    };
    assert_eq!(norm(got), norm(expected));
}

/// A sheet big enough to be written a row at a time (inline strings, rows flushed to a
/// temporary file) opens in openpyxl and LibreOffice with every row in place.
#[test]
fn streamed_big_sheet_opens_in_openpyxl_and_libreoffice() {
    let (Some(py), Some(_)) = (python(), soffice()) else {
        return skip("the Python interop venv (openpyxl) and LibreOffice");
    };
    let tmp = tempfile::tempdir().unwrap();
    let rows: Vec<serde_json::Value> =
        std::iter::once(serde_json::json!(["n", "name", "day", "twice"]))
            .chain((1..=15_000).map(|i| {
                serde_json::json!([i, format!("item {i}"), {"value": "2024-02-29", "type": "date"},
                               {"formula": format!("=A{}*2", i + 1), "result": 2 * i}])
            }))
            .collect();
    let spec = tmp.path().join("big.json");
    let sheets = serde_json::json!({"sheets": [{"name": "Big", "rows": rows, "freeze": "A2"}]});
    std::fs::write(&spec, sheets.to_string()).unwrap();
    let out = tmp.path().join("big.xlsx");
    build_xlsx(&spec, &out);
    let script = r#"
import sys, datetime, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Big"]
print(ws.max_row, ws.max_column, ws["A15001"].value, ws["B15001"].value,
      ws["C2"].value == datetime.datetime(2024, 2, 29), ws["D15001"].value, ws.freeze_panes)
"#;
    let o = Command::new(&py)
        .args(["-c", script])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "15001 4 15000 item 15000 True =A15001*2 A2"
    );
    // LibreOffice reads every row, with the cached results, when it converts to CSV.
    convert_to("csv", &[out], tmp.path());
    let csv = std::fs::read_to_string(tmp.path().join("big.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 15_001);
    assert_eq!(lines[15_000], "15000,item 15000,2024-02-29,30000");
}

#[test]
fn built_workbook_converts_to_pdf_in_libreoffice() {
    if soffice().is_none() {
        return skip("LibreOffice (soffice)");
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("full.xlsx");
    let spec = root().join("fixtures/xlsx/full-spec.json");
    build_xlsx(&spec, &out);
    let pdfs = convert(&[out], tmp.path());
    let size = std::fs::metadata(&pdfs[0]).map_or(0, |m| m.len());
    assert!(
        size > 1000,
        "LibreOffice wrote no PDF for the built workbook ({size} bytes)"
    );
}

#[test]
fn comments_open_in_python_docx_and_libreoffice() {
    let Some(py) = python() else {
        return skip("the Python interop venv (python-docx)");
    };
    if soffice().is_none() {
        return skip("LibreOffice (soffice)");
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("commented.docx");
    let bin = env!("CARGO_BIN_EXE_docskill");
    let input = root().join("fixtures/docx/review.docx");
    for args in [
        vec![
            "docx",
            "comment",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--author",
            "Bot",
            "--anchor",
            "thirty days",
            "--text",
            "Too short?",
        ],
        vec![
            "docx",
            "comment",
            out.to_str().unwrap(),
            "--in-place",
            "--author",
            "Alice",
            "--reply-to",
            "103",
            "--text",
            "Agreed.",
        ],
        vec![
            "docx",
            "comment",
            out.to_str().unwrap(),
            "--in-place",
            "--author",
            "Bot",
            "--address",
            "p6",
            "--text",
            "Add the date.",
        ],
    ] {
        let r = Command::new(bin).args(&args).output().unwrap();
        assert!(
            r.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
    }
    let r = Command::new(&py)
        .arg("-c")
        .arg("import sys, docx\nd = docx.Document(sys.argv[1])\nfor c in d.comments:\n    print(c.comment_id, c.author, c.text)")
        .arg(&out)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(
        String::from_utf8_lossy(&r.stdout),
        "103 Bot Too short?\n104 Alice Agreed.\n105 Bot Add the date.\n"
    );
    let pdfs = convert(std::slice::from_ref(&out), tmp.path());
    assert!(
        std::fs::metadata(&pdfs[0]).map_or(0, |m| m.len()) > 500,
        "LibreOffice made no PDF"
    );
}

/// The document's settings enforce protection (`w:documentProtection` with enforcement on).
fn enforced_protection(d: &docskill_docx::Docx) -> bool {
    let pkg = d.package();
    let Some(settings) = pkg
        .parts()
        .into_iter()
        .find(|p| p.name.to_ascii_lowercase().ends_with("/settings.xml"))
    else {
        return false;
    };
    let xml =
        String::from_utf8_lossy(&pkg.read_part(&settings.name).unwrap_or_default()).into_owned();
    xml.split("<w:documentProtection").skip(1).any(|rest| {
        let tag = rest.split('>').next().unwrap_or("");
        tag.contains("w:enforcement=\"1\"") || tag.contains("w:enforcement=\"true\"")
    })
}

/// A LibreOffice Basic macro that, for each `path<TAB>mode` line of a list file,
/// opens the document hidden, accepts or rejects every tracked change (mode
/// `accept`/`reject`; `plain` leaves it), and stores its text as `path.mode.txt`.
const VIEWS_MACRO: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Views(listPath As String)
  Dim n As Integer, line As String, parts
  n = FreeFile
  Open listPath For Input As #n
  Do While Not EOF(n)
    Line Input #n, line
    parts = Split(line, Chr(9))
    If UBound(parts) = 1 Then ExportView(parts(0), parts(1))
  Loop
  Close #n
End Sub

Sub ExportView(path As String, mode As String)
  On Error GoTo Failed
  Dim props(0) As New com.sun.star.beans.PropertyValue
  props(0).Name = &quot;Hidden&quot;
  props(0).Value = True
  Dim doc As Object
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(path), &quot;_blank&quot;, 0, props())
  Dim cmd As String
  If mode = &quot;accept&quot; Then cmd = &quot;.uno:AcceptAllTrackedChanges&quot;
  If mode = &quot;reject&quot; Then cmd = &quot;.uno:RejectAllTrackedChanges&quot;
  If cmd &lt;&gt; &quot;&quot; Then
    Dim disp As Object
    disp = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
    disp.executeDispatch(doc.getCurrentController().getFrame(), cmd, &quot;&quot;, 0, Array())
  End If
  Dim args(1) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;FilterName&quot;
  args(0).Value = &quot;Text (encoded)&quot;
  args(1).Name = &quot;FilterOptions&quot;
  args(1).Value = &quot;UTF8&quot;
  doc.storeToURL(ConvertToURL(path &amp; &quot;.&quot; &amp; mode &amp; &quot;.txt&quot;), args())
  doc.close(True)
  Exit Sub
Failed:
End Sub
</script:module>
"#;

/// LibreOffice's text of each `(file, mode)` after accepting or rejecting all
/// changes in LibreOffice itself (one LibreOffice run); `None` where it cannot load the file.
fn libreoffice_views(jobs: &[(PathBuf, &str)], work: &Path) -> Vec<Option<String>> {
    let profile = work.join("lo-macro-profile");
    let url = format!("-env:UserInstallation=file://{}", profile.display());
    let init = Command::new("soffice")
        .args([url.as_str(), "--headless", "--terminate_after_init"])
        .env("HOME", work)
        .output()
        .unwrap();
    assert!(init.status.success(), "soffice profile set-up failed");
    let module = profile.join("user/basic/Standard/Module1.xba");
    std::fs::write(&module, VIEWS_MACRO).unwrap();
    let list = work.join("views.txt");
    let lines = jobs.iter().fold(String::new(), |mut l, (p, mode)| {
        let _ = writeln!(l, "{}\t{mode}", p.display());
        l
    });
    std::fs::write(&list, lines).unwrap();
    let run = Command::new("soffice")
        .args([url.as_str(), "--headless", "--norestore"])
        .arg(format!(
            "macro:///Standard.Module1.Views(\"{}\")",
            list.display()
        ))
        .env("HOME", work)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    jobs.iter()
        .map(|(p, mode)| {
            let txt = PathBuf::from(format!("{}.{mode}.txt", p.display()));
            std::fs::read_to_string(txt)
                .ok()
                .map(|t| t.trim_start_matches('\u{feff}').to_owned())
        })
        .collect()
}

/// Where LibreOffice and we differ for a reason that is LibreOffice's; each
/// entry must still differ (or it is taken off this list).
const KNOWN_LIBREOFFICE_DIFFERENCES: &[(&str, &str)] = &[
    (
        "oxsdk__CommunicationsPlan_TP10192719.dotx",
        "revisions inside content controls: LibreOffice's accept/reject leaves them",
    ),
    (
        "oxsdk__Invoice1_TP10072676.dotx",
        "revisions inside content controls: LibreOffice's accept/reject leaves them",
    ),
    (
        "oxsdk__sdtContent.docx",
        "revisions inside content controls: LibreOffice's accept/reject leaves them",
    ),
    (
        "oxsdk__coverpage1.docx",
        "the edit is in a cover-page content control LibreOffice does not export as text",
    ),
    (
        "poi__FldSimple.docx",
        "the edit is in a FILENAME field's result, which LibreOffice recomputes",
    ),
    (
        "oxsdk__Comment020.docx",
        "a paragraph mark both inserted and deleted: LibreOffice keeps paragraphs Word's rules remove",
    ),
    (
        "oxsdk__Comment042.docx",
        "an inserted paragraph mark at a comment anchor: LibreOffice keeps an empty paragraph",
    ),
    (
        "poi__stress023.docx",
        "rejecting an inserted mark before a wholly inserted paragraph: LibreOffice also joins the next one",
    ),
];

/// For each edited document: ours accepted and rejected (as plain text), the
/// edited file accepted and rejected in LibreOffice, and the original rejected
/// there. Each file is `doc.docx` in a folder of its own, so fields such as
/// FILENAME agree. Also counts the protected documents.
fn view_jobs(
    pairs: &[(PathBuf, PathBuf, String)],
    work: &Path,
) -> (Vec<(PathBuf, &'static str)>, usize) {
    use docskill_docx::{Docx, Selection};
    let limits = docskill_opc::Limits::default();
    let mut jobs: Vec<(PathBuf, &'static str)> = Vec::new();
    // Each file is `doc.docx` in a folder of its own: fields such as FILENAME then agree.
    let place = |bytes: &[u8], folder: String| {
        let dir = work.join(folder);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("doc.docx");
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let mut protected = 0;
    for (i, (original, edited, _)) in pairs.iter().enumerate() {
        let bytes = std::fs::read(edited).unwrap();
        let d = Docx::open(bytes.clone(), &limits).unwrap();
        let mut accepted = d.clone();
        accepted.accept(&Selection::default());
        let mut rejected = d.clone();
        rejected.reject(&Selection::default());
        jobs.push((
            place(
                &accepted.to_bytes().unwrap(),
                format!("{i:03}-ours-accepted"),
            ),
            "plain",
        ));
        jobs.push((
            place(
                &rejected.to_bytes().unwrap(),
                format!("{i:03}-ours-rejected"),
            ),
            "plain",
        ));
        jobs.push((place(&bytes, format!("{i:03}-edited-a")), "accept"));
        jobs.push((place(&bytes, format!("{i:03}-edited-r")), "reject"));
        jobs.push((
            place(
                &std::fs::read(original).unwrap(),
                format!("{i:03}-original"),
            ),
            "reject",
        ));
        if enforced_protection(&d) {
            protected += 1;
        }
    }
    (jobs, protected)
}

#[test]
fn libreoffice_accept_and_reject_agree_with_ours_on_every_edited_corpus_document() {
    use docskill_docx::Docx;
    let Some(corpus) = corpus() else { return };
    if soffice().is_none() {
        return skip("LibreOffice (soffice)");
    }
    let mut tmp = tempfile::tempdir().unwrap();
    // DOCSKILL_KEEP_INTEROP=1 keeps the files for a look at the differences.
    if std::env::var("DOCSKILL_KEEP_INTEROP").is_ok_and(|v| v == "1") {
        eprintln!("files kept in {}", tmp.path().display());
        tmp.disable_cleanup(true);
    }
    let pairs = edited_corpus_docx_at(&corpus, tmp.path());
    assert!(pairs.len() >= 95, "{} edited", pairs.len());
    let limits = docskill_opc::Limits::default();
    let (jobs, protected) = view_jobs(&pairs, tmp.path());
    // LibreOffice inserts zero-width spaces at comment anchors while it edits.
    let views: Vec<Option<String>> = libreoffice_views(&jobs, tmp.path())
        .into_iter()
        .map(|v| v.map(|t| t.replace('\u{200b}', "")))
        .collect();
    let mut compared = 0;
    let mut failed = Vec::new();
    for (i, (original, _, address)) in pairs.iter().enumerate() {
        let v = &views[i * 5..i * 5 + 5];
        let [
            Some(ours_acc),
            Some(ours_rej),
            Some(lo_acc),
            Some(lo_rej),
            Some(orig_rej),
        ] = v
        else {
            // LibreOffice could not load one of them: it must be the original it cannot load too.
            assert!(
                v[4].is_none(),
                "LibreOffice loads {} but not our files of it",
                original.display()
            );
            continue;
        };
        let name = original.file_name().unwrap().to_string_lossy();
        let d = Docx::open(std::fs::read(original).unwrap(), &limits).unwrap();
        if enforced_protection(&d) {
            // LibreOffice will not accept or reject changes in a protected document.
            continue;
        }
        compared += 1;
        if lo_acc != ours_acc {
            failed.push(format!(
                "{name}: LibreOffice's accept-all differs from ours"
            ));
        }
        if lo_rej != ours_rej {
            failed.push(format!(
                "{name}: LibreOffice's reject-all differs from ours"
            ));
        }
        if lo_rej != orig_rej {
            failed.push(format!(
                "{name}: rejecting our edit in LibreOffice does not give the original"
            ));
        }
        // LibreOffice's text export holds the body and its tables, not headers,
        // footers, notes or text boxes.
        let in_body =
            (address.starts_with('p') || address.starts_with('t')) && !address.contains(".tb");
        if in_body && !lo_acc.contains('X') {
            failed.push(format!(
                "{name}: the replacement is missing from LibreOffice's accept view"
            ));
        }
    }
    let mut explained = Vec::new();
    for (name, why) in KNOWN_LIBREOFFICE_DIFFERENCES {
        let before = failed.len();
        failed.retain(|f| !f.starts_with(&format!("{name}:")));
        if failed.len() == before {
            failed.push(format!(
                "{name} now agrees with LibreOffice: take it off the known list"
            ));
        } else {
            explained.push(format!("{name}: {why}"));
        }
    }
    eprintln!("known differences:\n  {}", explained.join("\n  "));
    eprintln!(
        "LibreOffice accept/reject views compared on {compared}/{} edited corpus documents ({protected} protected ones LibreOffice will not change); {} differences",
        pairs.len(),
        failed.len()
    );
    assert!(compared >= 90, "only {compared} compared");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn created_documents_open_in_libreoffice_and_python_docx() {
    let Some(py) = python() else {
        return skip("the Python interop venv (python-docx)");
    };
    if soffice().is_none() {
        return skip("LibreOffice (soffice)");
    }
    let tmp = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_docskill");
    let mut made = Vec::new();
    for (input, name) in [
        ("create-sample.md", "from-markdown.docx"),
        ("create-outline.json", "from-outline.docx"),
    ] {
        let out = tmp.path().join(name);
        let r = Command::new(bin)
            .args(["docx", "create"])
            .arg(root().join("fixtures/docx").join(input))
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        made.push(out);
    }
    let pdfs = convert(&made, tmp.path());
    for pdf in &pdfs {
        assert!(
            std::fs::metadata(pdf).map_or(0, |m| m.len()) > 1000,
            "LibreOffice made no PDF of {}",
            pdf.display()
        );
    }
    // python-docx sees the same top-level paragraphs as our text view.
    for doc in &made {
        let r = Command::new(&py)
            .arg("-c")
            .arg("import sys, docx\nfor p in docx.Document(sys.argv[1]).paragraphs:\n    print(repr(p.text))")
            .arg(doc)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let theirs: Vec<String> = String::from_utf8_lossy(&r.stdout)
            .lines()
            .map(str::to_owned)
            .collect();
        let view = Command::new(bin)
            .args(["docx", "text", "--format", "json", "--parts", "body"])
            .arg(doc)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&view.stdout).unwrap();
        let ours: Vec<String> = v["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| !p["address"].as_str().unwrap().contains('.'))
            .map(|p| {
                // Python's repr of the same text, for the simple texts these fixtures hold;
                // python-docx shows a page break as nothing, our view as a line break.
                let t = p["text"].as_str().unwrap();
                let t = if t == "\n" { "" } else { t };
                if t.contains('\'') {
                    format!("\"{t}\"")
                } else {
                    format!("'{t}'")
                }
            })
            .collect();
        assert_eq!(theirs, ours, "{}", doc.display());
    }
}

#[test]
fn an_mcp_client_lists_tools_calls_them_and_reads_skills() {
    let Some(py) = python() else {
        return skip("the Python interop venv (mcp)");
    };
    let has_mcp = Command::new(&py)
        .args(["-c", "import mcp"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_mcp {
        return skip("the Python MCP client (mcp) in the interop venv");
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("edited.docx");
    let r = Command::new(&py)
        .arg(root().join("tests/mcp/client.py"))
        .arg(env!("CARGO_BIN_EXE_docskill"))
        .arg(root().join("fixtures/docx/review.docx"))
        .arg(&out)
        .arg(root().join("fixtures/xlsx/full.xlsx"))
        .arg(root().join("fixtures/pdf/form.pdf"))
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let seen: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    // Every operation is a tool.
    let ops = Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args(["schema", "--list"])
        .output()
        .unwrap();
    let mut ops: Vec<String> = String::from_utf8_lossy(&ops.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    ops.sort();
    assert_eq!(seen["tools"], serde_json::json!(ops));
    let mut seen = seen;
    seen["tools"] = serde_json::json!(ops.len());
    insta::assert_json_snapshot!(seen);
    assert!(out.is_file(), "the edit wrote its output");
}

#[test]
fn assembled_decks_open_in_libreoffice_and_python_pptx() {
    let Some(corpus) = corpus() else { return };
    let Some(py) = python() else {
        return skip("the Python interop venv (python-pptx)");
    };
    if soffice().is_none() {
        return skip("LibreOffice (soffice)");
    }
    let tmp = tempfile::tempdir().unwrap();
    let limits = docskill_opc::Limits::default();
    let mut decks: Vec<PathBuf> = std::fs::read_dir(corpus.join("pptx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    decks.sort();
    // Every corpus deck that opens and has two slides or more: duplicate the first, drop the last.
    let mut made = Vec::new();
    for (i, path) in decks.iter().enumerate() {
        let Ok(deck) = docskill_pptx::Pptx::open(std::fs::read(path).unwrap(), &limits) else {
            continue;
        };
        let n = deck.slide_count();
        if n < 2 {
            continue;
        }
        let mut order = vec![0];
        order.extend(0..n - 1);
        let out = tmp.path().join(format!("a{i:03}.pptx"));
        let r = Command::new(env!("CARGO_BIN_EXE_docskill"))
            .args(["pptx", "assemble"])
            .arg(path)
            .arg("-o")
            .arg(&out)
            .arg("--slides")
            .arg(
                order
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            )
            .output()
            .unwrap();
        assert!(
            r.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&r.stderr)
        );
        made.push((path.clone(), out, n));
    }
    assert!(made.len() >= 20, "only {} decks assembled", made.len());
    // python-pptx sees the expected slide count.
    let script = "import sys, pptx\nfor p in sys.argv[1:]:\n    try:\n        print(len(pptx.Presentation(p).slides))\n    except Exception as e:\n        print('error', type(e).__name__)";
    let count = |files: Vec<&PathBuf>| -> Vec<String> {
        let out = Command::new(&py)
            .arg("-c")
            .arg(script)
            .args(files)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let before = count(made.iter().map(|(p, _, _)| p).collect());
    let after = count(made.iter().map(|(_, o, _)| o).collect());
    let mut wrong = Vec::new();
    for (((path, _, n), b), a) in made.iter().zip(&before).zip(&after) {
        if b.starts_with("error") {
            continue; // python-pptx cannot read the original either
        }
        if *a != n.to_string() {
            wrong.push(format!(
                "{}: python-pptx sees {a}, expected {n}",
                path.display()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // LibreOffice converts a sample (one soffice run).
    let sample: Vec<PathBuf> = made.iter().step_by(4).map(|(_, o, _)| o.clone()).collect();
    let pdfs = convert(&sample, tmp.path());
    let no_pdf: Vec<String> = sample
        .iter()
        .zip(&pdfs)
        .filter(|(_, pdf)| std::fs::metadata(pdf).map_or(0, |m| m.len()) < 500)
        .map(|(o, _)| o.display().to_string())
        .collect();
    eprintln!(
        "assembled {} corpus decks; python-pptx counts right on all it can read; LibreOffice converted {}/{} sampled",
        made.len(),
        sample.len() - no_pdf.len(),
        sample.len()
    );
    assert!(no_pdf.is_empty(), "LibreOffice made no PDF of {no_pdf:?}");
}

#[test]
fn built_decks_open_in_python_pptx_and_libreoffice() {
    let Some(py) = python() else {
        return skip("the Python interop venv (python-pptx)");
    };
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = root().join("fixtures/pptx");
    let jobs: [(&str, &[&str]); 4] = [
        ("build-outline.md", &[]),
        ("build-outline.md", &["--style", "dark"]),
        ("build-outline.json", &[]),
        ("build-outline.md", &["--template", "basic.pptx"]),
    ];
    let mut made = Vec::new();
    for (i, (outline, extra)) in jobs.iter().enumerate() {
        let out = tmp.path().join(format!("b{i}.pptx"));
        let r = Command::new(env!("CARGO_BIN_EXE_docskill"))
            .current_dir(&fixtures)
            .args(["pptx", "build", outline, "-o"])
            .arg(&out)
            .args(*extra)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let check = docskill(&[Path::new("opc"), Path::new("check"), &out]);
        assert!(
            check.status.success(),
            "opc check: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        made.push(out);
    }
    // python-pptx: slide count, titles and notes as the outline says.
    let script = "import sys, pptx\nfor p in sys.argv[1:]:\n    d = pptx.Presentation(p)\n    for s in d.slides:\n        t = s.shapes.title.text if s.shapes.title is not None else ''\n        n = s.notes_slide.notes_text_frame.text if s.has_notes_slide else ''\n        print(repr(t), repr(n))\n    print('--', len(d.slides))";
    let out = Command::new(&py)
        .arg("-c")
        .arg(script)
        .args(&made)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen = String::from_utf8_lossy(&out.stdout).into_owned();
    insta::assert_snapshot!("built_decks_in_python_pptx", seen);
    let Some(_) = soffice() else {
        return skip("LibreOffice (soffice)");
    };
    let pdfs = convert(&made, tmp.path());
    for (deck, pdf) in made.iter().zip(&pdfs) {
        let size = std::fs::metadata(pdf).map_or(0, |m| m.len());
        assert!(size > 1000, "LibreOffice made no PDF of {}", deck.display());
    }
}

#[test]
fn edited_workbooks_open_in_libreoffice_and_openpyxl() {
    let Some(corpus) = corpus() else { return };
    let Some(py) = python() else {
        return skip("the Python interop venv (openpyxl)");
    };
    if soffice().is_none() {
        return skip("LibreOffice (soffice)");
    }
    let tmp = tempfile::tempdir().unwrap();
    let ops = tmp.path().join("ops.json");
    std::fs::write(
        &ops,
        r#"[{"set": {"cell": "ZZ1", "value": 42}}, {"set": {"cell": "ZZ2", "formula": "=ZZ1*2"}}]"#,
    )
    .unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join("xlsx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut made = Vec::new();
    for (i, path) in files.iter().enumerate().step_by(9) {
        let out = tmp.path().join(format!("x{i:03}.xlsx"));
        let r = Command::new(env!("CARGO_BIN_EXE_docskill"))
            .args(["xlsx", "edit"])
            .arg(path)
            .arg("-o")
            .arg(&out)
            .arg("--ops")
            .arg(&ops)
            .output()
            .unwrap();
        if r.status.success() {
            made.push((path.clone(), out));
        }
    }
    assert!(made.len() >= 12, "only {} edited", made.len());
    // openpyxl reads the value and the formula back wherever it reads the original.
    let script = "import sys, openpyxl\nfor p in sys.argv[1:]:\n    try:\n        ws = openpyxl.load_workbook(p).worksheets[0]\n        print(ws['ZZ1'].value, ws['ZZ2'].value)\n    except Exception as e:\n        print('error', type(e).__name__)";
    let run = |files: Vec<&PathBuf>| -> Vec<String> {
        let out = Command::new(&py)
            .arg("-c")
            .arg(script)
            .args(files)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let before = run(made.iter().map(|(p, _)| p).collect());
    let after = run(made.iter().map(|(_, o)| o).collect());
    let wrong: Vec<String> = made
        .iter()
        .zip(before.iter().zip(&after))
        .filter(|(_, (b, a))| !b.starts_with("error") && *a != "42 =ZZ1*2")
        .map(|((p, _), (_, a))| format!("{}: {a}", p.display()))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let outs: Vec<PathBuf> = made.iter().map(|(_, o)| o.clone()).collect();
    let pdfs = convert(&outs, tmp.path());
    let no_pdf: Vec<String> = outs
        .iter()
        .zip(&pdfs)
        .filter(|(_, pdf)| std::fs::metadata(pdf).map_or(0, |m| m.len()) < 500)
        .map(|(o, _)| o.display().to_string())
        .collect();
    // A failure counts only when LibreOffice converts the original.
    let origs: Vec<PathBuf> = made
        .iter()
        .filter(|(_, o)| no_pdf.contains(&o.display().to_string()))
        .map(|(p, _)| p.clone())
        .collect();
    let odir = tmp.path().join("orig");
    std::fs::create_dir_all(&odir).unwrap();
    let orig_pdfs = if origs.is_empty() {
        Vec::new()
    } else {
        convert(&origs, &odir)
    };
    let our_fault: Vec<String> = origs
        .iter()
        .zip(&orig_pdfs)
        .filter(|(_, pdf)| std::fs::metadata(pdf).map_or(0, |m| m.len()) >= 500)
        .map(|(p, _)| p.display().to_string())
        .collect();
    eprintln!(
        "edited {} sampled corpus workbooks; LibreOffice converted {}",
        outs.len(),
        outs.len() - no_pdf.len()
    );
    assert!(
        our_fault.is_empty(),
        "LibreOffice converts the original but not our edit: {our_fault:?}"
    );
}

/// Every validation and conditional-format kind `xlsx edit` adds is read back by openpyxl
/// with its type and range, and survives a LibreOffice round trip to xlsx.
#[test]
fn rules_added_by_edit_read_back_in_openpyxl_and_libreoffice() {
    let (Some(py), Some(_)) = (python(), soffice()) else {
        return skip("the Python interop venv (openpyxl) and LibreOffice");
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("rules.xlsx");
    let fixtures = root().join("fixtures/xlsx");
    let r = docskill(&[
        Path::new("xlsx"),
        Path::new("edit"),
        &fixtures.join("edit-source.xlsx"),
        Path::new("-o"),
        &out,
        Path::new("--ops"),
        &fixtures.join("edit-rules-ops.json"),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let script = r#"
import sys, json, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Data"]
dv = sorted([d.type or "any", str(d.sqref)] for d in ws.data_validations.dataValidation)
cf = sorted([r.type, str(rng.sqref)] for rng, rules in ws.conditional_formatting._cf_rules.items() for r in rules)
print(json.dumps({"validations": dv, "conditional_formats": cf}))
"#;
    let read = |path: &Path| -> serde_json::Value {
        let o = Command::new(&py)
            .arg("-c")
            .arg(script)
            .arg(path)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let ours = read(&out);
    let before = read(&fixtures.join("edit-source.xlsx"));
    // What the ops add, in openpyxl's words, on top of what the fixture had.
    let ops: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(fixtures.join("edit-rules-ops.json")).unwrap(),
    )
    .unwrap();
    let kind_of = |t: &str| -> &'static str {
        match t {
            "whole" => "whole",
            "decimal" => "decimal",
            "text_length" => "textLength",
            "custom" => "custom",
            "list" => "list",
            "date" => "date",
            "time" => "time",
            "cell" => "cellIs",
            "formula" => "expression",
            "duplicate" => "duplicateValues",
            "unique" => "uniqueValues",
            "blank" => "containsBlanks",
            "no_blank" => "notContainsBlanks",
            "top" | "bottom" => "top10",
            "above_average" | "below_average" => "aboveAverage",
            "color_scale" => "colorScale",
            "data_bar" => "dataBar",
            "icon_set" => "iconSet",
            other => panic!("unknown kind {other}"),
        }
    };
    // A new validation replaces older ones on its cells (every fixture validation on this
    // sheet is covered), while conditional formats add up.
    let mut want = serde_json::json!({
        "validations": [],
        "conditional_formats": before["conditional_formats"].clone()
    });
    for op in &ops {
        let (key, body) = op.as_object().unwrap().iter().next().unwrap();
        let list = if key == "add_validation" {
            "validations"
        } else {
            "conditional_formats"
        };
        let range = body["range"].as_str().unwrap().trim_start_matches("Data!");
        want[list].as_array_mut().unwrap().push(serde_json::json!([
            kind_of(body["type"].as_str().unwrap()),
            range
        ]));
    }
    for list in ["validations", "conditional_formats"] {
        want[list]
            .as_array_mut()
            .unwrap()
            .sort_by_key(ToString::to_string);
    }
    assert_eq!(ours, want);
    // LibreOffice opens the file and writes every rule back out (it stores the blank and
    // no-blank rules as formula rules, so those are compared by count).
    let lo = tmp.path().join("lo");
    std::fs::create_dir_all(&lo).unwrap();
    convert_to("xlsx", std::slice::from_ref(&out), &lo);
    let theirs = read(&lo.join("rules.xlsx"));
    assert_eq!(theirs["validations"], want["validations"]);
    assert_eq!(
        theirs["conditional_formats"].as_array().unwrap().len(),
        want["conditional_formats"].as_array().unwrap().len(),
        "{theirs}"
    );
}
