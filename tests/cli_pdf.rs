//! `docskill pdf fields|fill|merge|split|select|delete|reorder|rotate` end to
//! end on the fixture form, and over the fillable PDFs of the shared corpus
//! (pypdf reads the values back, Poppler renders and extracts them).

#![expect(clippy::print_stderr, reason = "tests say on stderr what they skipped")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use docskill_pdf::acroform::{self, FieldKind};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("fixtures/pdf").join(name)
}

fn docskill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args(args)
        .output()
        .unwrap()
}

fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn required() -> bool {
    std::env::var("DOCSKILL_REQUIRE_INTEROP").is_ok_and(|v| v == "1")
}

fn tool(path: &str) -> Option<PathBuf> {
    let p = PathBuf::from(path);
    if p.is_absolute() {
        return p.exists().then_some(p);
    }
    Command::new(path).arg("-v").output().ok().map(|_| p)
}

fn python() -> Option<PathBuf> {
    let venv = std::env::var_os("DOCSKILL_VENV")
        .map_or_else(|| root().join("target/interop-venv"), PathBuf::from);
    let p = tool(&venv.join("bin/python").to_string_lossy());
    if p.is_none() {
        assert!(
            !required(),
            "DOCSKILL_REQUIRE_INTEROP=1 but pypdf's venv is missing"
        );
        eprintln!("skipping pypdf checks: no interop venv (bash .ci/deps.sh)");
    }
    p
}

fn poppler(bin: &str) -> Option<PathBuf> {
    let p = tool(bin);
    if p.is_none() {
        assert!(
            !required(),
            "DOCSKILL_REQUIRE_INTEROP=1 but {bin} is missing"
        );
        eprintln!("skipping {bin} checks: poppler-utils not installed");
    }
    p
}

const PYPDF_VALUES: &str = r#"
import json, sys, pypdf
r = pypdf.PdfReader(sys.argv[1])
out = {}
for name, f in (r.get_fields() or {}).items():
    v = f.get("/V")
    if isinstance(v, list):
        v = [str(x) for x in v]
    elif v is not None:
        v = str(v)
    out[name] = v
print(json.dumps({"pages": len(r.pages), "fields": out}))
"#;

fn pypdf_read(py: &Path, pdf: &Path) -> serde_json::Value {
    let o = Command::new(py)
        .args(["-c", PYPDF_VALUES])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "pypdf on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn pdftotext(pdf: &Path) -> Option<String> {
    let bin = poppler("pdftotext")?;
    let o = Command::new(bin).arg(pdf).arg("-").output().unwrap();
    assert!(o.status.success(), "pdftotext {}", pdf.display());
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

fn renders(pdf: &Path, work: &Path) {
    let Some(bin) = poppler("pdftoppm") else {
        return;
    };
    let o = Command::new(bin)
        .args(["-r", "30", "-f", "1", "-l", "1", "-png"])
        .arg(pdf)
        .arg(work.join("render"))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "pdftoppm {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}

const VALUES: &str = r#"{"applicant.name": "Jane Doe", "notes": "Line one\nLine two", "zip": "94110",
  "agree": true, "color": "green", "state": "NY", "fruits": ["Apple", "Cherry"]}"#;

#[test]
fn fields_list_as_markdown() {
    let o = docskill(&[
        "pdf",
        "fields",
        fixture("form.pdf").to_str().unwrap(),
        "--format",
        "md",
    ]);
    ok(&o);
    insta::assert_snapshot!(String::from_utf8_lossy(&o.stdout));
}

#[test]
fn fill_then_read_back_render_and_flatten() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let values = t.join("v.json");
    std::fs::write(&values, VALUES).unwrap();
    let filled = t.join("filled.pdf");
    let flat = t.join("flat.pdf");
    let form = fixture("form.pdf");
    for (out, extra) in [(&filled, None), (&flat, Some("--flatten"))] {
        let mut args = vec![
            "pdf",
            "fill",
            form.to_str().unwrap(),
            values.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        ok(&docskill(&args));
    }
    // Deterministic: the same request gives the same bytes.
    let again = t.join("again.pdf");
    ok(&docskill(&[
        "pdf",
        "fill",
        form.to_str().unwrap(),
        values.to_str().unwrap(),
        "-o",
        again.to_str().unwrap(),
    ]));
    assert_eq!(
        std::fs::read(&filled).unwrap(),
        std::fs::read(&again).unwrap()
    );
    // Our own reader: values, no NeedAppearances; flattened: no fields.
    let doc = docskill_pdf::open(
        &std::fs::read(&filled).unwrap(),
        &docskill_pdf::OpenOptions::default(),
    )
    .unwrap();
    assert!(!acroform::fields(&doc).need_appearances);
    let doc = docskill_pdf::open(
        &std::fs::read(&flat).unwrap(),
        &docskill_pdf::OpenOptions::default(),
    )
    .unwrap();
    assert!(acroform::fields(&doc).fields.is_empty());
    if let Some(py) = python() {
        let v = pypdf_read(&py, &filled);
        assert_eq!(v["fields"]["applicant.name"], "Jane Doe");
        assert_eq!(v["fields"]["agree"], "/Yes");
        assert_eq!(v["fields"]["color"], "/green");
        assert_eq!(v["fields"]["state"], "NY");
        assert_eq!(
            v["fields"]["fruits"],
            serde_json::json!(["Apple", "Cherry"])
        );
        let v = pypdf_read(&py, &flat);
        assert_eq!(v["fields"], serde_json::json!({}));
    }
    renders(&filled, t);
    renders(&flat, t);
    if let Some(text) = pdftotext(&flat) {
        for want in [
            "Jane Doe", "Line one", "Line two", "New York", "Cherry", "9",
        ] {
            assert!(
                text.contains(want),
                "{want:?} not in flattened text:\n{text}"
            );
        }
    }
}

#[test]
fn bad_values_are_refused_with_suggestions() {
    let tmp = tempfile::tempdir().unwrap();
    let values = tmp.path().join("v.json");
    std::fs::write(&values, r#"{"applicant.nme": "x", "color": "purple"}"#).unwrap();
    let out = tmp.path().join("out.pdf");
    let o = docskill(&[
        "--json",
        "pdf",
        "fill",
        fixture("form.pdf").to_str().unwrap(),
        values.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"]["code"], "pdf.form_values");
    let problems = &v["error"]["details"]["problems"];
    assert_eq!(problems[0]["valid"][0], "applicant.name");
    assert_eq!(
        problems[1]["valid"],
        serde_json::json!(["red", "green", "blue"])
    );
    assert!(!out.exists(), "nothing is written when values are refused");
}

fn page_count(pdf: &Path) -> usize {
    docskill_pdf::open(
        &std::fs::read(pdf).unwrap(),
        &docskill_pdf::OpenOptions::default(),
    )
    .unwrap()
    .page_count()
}

#[test]
#[expect(clippy::too_many_lines, reason = "one walk through every page command")]
fn merge_split_select_delete_reorder_rotate() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let form = fixture("form.pdf");
    let hello = fixture("hello.pdf");
    let merged = t.join("merged.pdf");
    ok(&docskill(&[
        "pdf",
        "merge",
        form.to_str().unwrap(),
        hello.to_str().unwrap(),
        form.to_str().unwrap(),
        "-o",
        merged.to_str().unwrap(),
    ]));
    assert_eq!(page_count(&merged), 3);
    let doc = docskill_pdf::open(
        &std::fs::read(&merged).unwrap(),
        &docskill_pdf::OpenOptions::default(),
    )
    .unwrap();
    let names: Vec<String> = acroform::fields(&doc)
        .fields
        .into_iter()
        .map(|f| f.field_id)
        .collect();
    assert!(names.contains(&"applicant.name".to_owned()));
    assert!(names.contains(&"applicant_2.name".to_owned()), "{names:?}");
    let sel = t.join("sel.pdf");
    ok(&docskill(&[
        "pdf",
        "select",
        merged.to_str().unwrap(),
        "--pages",
        "3,1",
        "-o",
        sel.to_str().unwrap(),
    ]));
    assert_eq!(page_count(&sel), 2);
    let del = t.join("del.pdf");
    ok(&docskill(&[
        "pdf",
        "delete",
        merged.to_str().unwrap(),
        "--pages",
        "1-2",
        "-o",
        del.to_str().unwrap(),
    ]));
    assert_eq!(page_count(&del), 1);
    let doc = docskill_pdf::open(
        &std::fs::read(&del).unwrap(),
        &docskill_pdf::OpenOptions::default(),
    )
    .unwrap();
    let left: Vec<String> = acroform::fields(&doc)
        .fields
        .into_iter()
        .map(|f| f.field_id)
        .collect();
    assert!(
        left.iter()
            .all(|n| n.contains("_2") || !n.starts_with("applicant")),
        "{left:?}"
    );
    let re = t.join("re.pdf");
    ok(&docskill(&[
        "pdf",
        "reorder",
        merged.to_str().unwrap(),
        "--pages",
        "2",
        "-o",
        re.to_str().unwrap(),
    ]));
    assert_eq!(page_count(&re), 3);
    let rot = t.join("rot.pdf");
    ok(&docskill(&[
        "pdf",
        "rotate",
        merged.to_str().unwrap(),
        "--degrees",
        "90",
        "--pages",
        "2",
        "-o",
        rot.to_str().unwrap(),
    ]));
    let doc = docskill_pdf::open(
        &std::fs::read(&rot).unwrap(),
        &docskill_pdf::OpenOptions::default(),
    )
    .unwrap();
    assert_eq!(doc.page(2).unwrap().rotate, 90);
    assert_eq!(doc.page(1).unwrap().rotate, 0);
    let parts = t.join("parts");
    std::fs::create_dir(&parts).unwrap();
    ok(&docskill(&[
        "pdf",
        "split",
        merged.to_str().unwrap(),
        "--pages",
        "1-2,3",
        "-o",
        parts.to_str().unwrap(),
    ]));
    assert_eq!(page_count(&parts.join("merged-1.pdf")), 2);
    assert_eq!(page_count(&parts.join("merged-2.pdf")), 1);
    if let Some(py) = python() {
        for f in [&merged, &sel, &del, &re, &rot] {
            pypdf_read(&py, f);
        }
    }
    renders(&merged, t);
}

fn corpus() -> Option<PathBuf> {
    let c = root().join("../shared/corpus/pdf");
    if c.is_dir() {
        Some(c)
    } else {
        eprintln!("skipping corpus test: ../shared/corpus/pdf is absent");
        None
    }
}

/// A value for every fillable field, and what pypdf should read back.
fn values_for(
    form: &acroform::Form,
) -> (
    serde_json::Map<String, serde_json::Value>,
    Vec<(String, serde_json::Value)>,
) {
    let mut values = serde_json::Map::new();
    let mut expect = Vec::new();
    for (i, f) in form.fields.iter().enumerate() {
        if f.flags.contains(&"read_only") || values.contains_key(&f.field_id) {
            continue;
        }
        match f.kind {
            FieldKind::Text => {
                let mut s = format!("Test {i}");
                if let Some(m) = f.max_len {
                    s = "123456789"
                        .chars()
                        .cycle()
                        .take(m.min(9) as usize)
                        .collect();
                }
                values.insert(f.field_id.clone(), s.clone().into());
                expect.push((f.field_id.clone(), s.into()));
            }
            FieldKind::Checkbox => {
                values.insert(f.field_id.clone(), true.into());
                let on = f.checked_value.clone().unwrap_or_default();
                expect.push((f.field_id.clone(), format!("/{on}").into()));
            }
            FieldKind::RadioGroup => {
                if let Some(o) = f.radio_options.last() {
                    values.insert(f.field_id.clone(), o.value.clone().into());
                }
            }
            FieldKind::Choice => {
                if let Some(o) = f.choice_options.last() {
                    values.insert(f.field_id.clone(), o.value.clone().into());
                    expect.push((f.field_id.clone(), o.value.clone().into()));
                }
            }
            _ => {}
        }
    }
    (values, expect)
}

#[test]
fn every_fillable_corpus_pdf_fills_reads_back_renders_and_flattens() {
    let Some(dir) = corpus() else { return };
    let py = python();
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut filled_count = 0;
    for path in entries {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(doc) = docskill_pdf::open(&bytes, &docskill_pdf::OpenOptions::default()) else {
            continue;
        };
        let form = acroform::fields(&doc);
        let (values, expect) = values_for(&form);
        if values.is_empty() {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // `fields` lists them from the CLI too.
        let listed = docskill(&["pdf", "fields", path.to_str().unwrap()]);
        ok(&listed);
        let vfile = t.join(format!("{name}.json"));
        std::fs::write(&vfile, serde_json::Value::Object(values).to_string()).unwrap();
        let out = t.join(format!("filled-{name}"));
        let flat = t.join(format!("flat-{name}"));
        ok(&docskill(&[
            "pdf",
            "fill",
            path.to_str().unwrap(),
            vfile.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]));
        ok(&docskill(&[
            "pdf",
            "fill",
            path.to_str().unwrap(),
            vfile.to_str().unwrap(),
            "-o",
            flat.to_str().unwrap(),
            "--flatten",
        ]));
        let flat_doc = docskill_pdf::open(
            &std::fs::read(&flat).unwrap(),
            &docskill_pdf::OpenOptions::default(),
        )
        .unwrap();
        assert!(
            acroform::fields(&flat_doc).fields.is_empty(),
            "{name}: fields left after --flatten"
        );
        let filled_doc = docskill_pdf::open(
            &std::fs::read(&out).unwrap(),
            &docskill_pdf::OpenOptions::default(),
        )
        .unwrap();
        assert!(!acroform::fields(&filled_doc).need_appearances, "{name}");
        if let Some(py) = &py {
            let v = pypdf_read(py, &out);
            for (field, want) in &expect {
                assert_eq!(&v["fields"][field], want, "{name}: {field}");
            }
        }
        renders(&out, t);
        renders(&flat, t);
        filled_count += 1;
        eprintln!(
            "{name}: {} field value(s) filled and read back",
            expect.len()
        );
    }
    assert!(
        filled_count >= 3,
        "expected several fillable corpus PDFs, found {filled_count}"
    );
}

#[test]
fn merging_ten_corpus_pdfs_adds_up_pages() {
    let Some(dir) = corpus() else { return };
    let mut picked = Vec::new();
    let mut expected = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(doc) = docskill_pdf::open(&bytes, &docskill_pdf::OpenOptions::default()) else {
            continue;
        };
        if doc.page_count() == 0 || doc.xref_repaired() {
            continue;
        }
        expected += doc.page_count();
        picked.push(path);
        if picked.len() == 10 {
            break;
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("merged.pdf");
    let mut args: Vec<&str> = vec!["pdf", "merge"];
    args.extend(picked.iter().map(|p| p.to_str().unwrap()));
    args.extend(["-o", out.to_str().unwrap()]);
    ok(&docskill(&args));
    assert_eq!(page_count(&out), expected);
    if let Some(py) = python() {
        assert_eq!(pypdf_read(&py, &out)["pages"], expected);
    }
    if let Some(bin) = poppler("pdfinfo") {
        let o = Command::new(bin).arg(&out).output().unwrap();
        assert!(o.status.success());
        let info = String::from_utf8_lossy(&o.stdout).into_owned();
        let pages = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map(|n| n.trim().to_owned());
        assert_eq!(pages, Some(expected.to_string()), "{info}");
    }
}
