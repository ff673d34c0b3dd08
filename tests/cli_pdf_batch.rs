//! `docskill pdf fill-batch` end to end on the fixture form: CSV and JSON
//! Lines rows, a bad row reported and skipped, name clashes and unsafe
//! names, pypdf reading the outputs back.

#![expect(clippy::print_stderr, reason = "tests say on stderr what they skipped")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn form() -> PathBuf {
    root().join("fixtures/pdf/form.pdf")
}

fn docskill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args(args)
        .output()
        .unwrap()
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Result lines with the temporary folder replaced, for snapshots.
fn redacted(lines: &[Value], dir: &Path) -> String {
    let mut s = String::new();
    for l in lines {
        s.push_str(&l.to_string().replace(&dir.display().to_string(), "[OUT]"));
        s.push('\n');
    }
    s
}

fn python() -> Option<PathBuf> {
    let venv = std::env::var_os("DOCSKILL_VENV")
        .map_or_else(|| root().join("target/interop-venv"), PathBuf::from);
    let p = venv.join("bin/python");
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var("DOCSKILL_REQUIRE_INTEROP").map_or(true, |v| v != "1"),
        "DOCSKILL_REQUIRE_INTEROP=1 but pypdf's venv is missing"
    );
    eprintln!("skipping pypdf checks: no interop venv (bash .ci/deps.sh)");
    None
}

const PYPDF_VALUES: &str = r#"
import json, sys, pypdf
out = {}
for path in sys.argv[1:]:
    r = pypdf.PdfReader(path)
    vals = {}
    for name, f in (r.get_fields() or {}).items():
        v = f.get("/V")
        if isinstance(v, list):
            v = [str(x) for x in v]
        elif v is not None:
            v = str(v)
        vals[name] = v
    out[path.rsplit("/", 1)[-1]] = vals
print(json.dumps(out, sort_keys=True))
"#;

const CSV: &str = "id,applicant.name,agree,color,state,zip\n\
    a1,Jane Doe,true,green,NY,94110\n\
    a2,\"Smith, John\",Off,red,CA,\n\
    a3,Bad Row,true,purple,TX,1\n\
    a4,Ann,Yes,,TX,12345\n";

#[test]
fn csv_rows_fill_in_parallel_and_a_bad_row_is_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let data = t.join("rows.csv");
    std::fs::write(&data, CSV).unwrap();
    let out = t.join("out");
    let o = docskill(&[
        "pdf",
        "fill-batch",
        form().to_str().unwrap(),
        data.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows = lines(&o);
    insta::assert_snapshot!(redacted(&rows, &out));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("4 rows: 3 filled, 1 failed"), "{stderr}");
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["a1.pdf", "a2.pdf", "a4.pdf"]);
    // Deterministic: filling again gives the same bytes.
    let again = t.join("again");
    let o2 = docskill(&[
        "pdf",
        "fill-batch",
        form().to_str().unwrap(),
        data.to_str().unwrap(),
        "--out-dir",
        again.to_str().unwrap(),
        "--jobs",
        "1",
    ]);
    assert_eq!(o2.status.code(), Some(1));
    for f in &files {
        assert_eq!(
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(again.join(f)).unwrap(),
            "{f}"
        );
    }
    if let Some(py) = python() {
        let o = Command::new(py)
            .args(["-c", PYPDF_VALUES])
            .args(files.iter().map(|f| out.join(f)))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["a1.pdf"]["applicant.name"], "Jane Doe");
        assert_eq!(v["a1.pdf"]["agree"], "/Yes");
        assert_eq!(v["a1.pdf"]["color"], "/green");
        assert_eq!(v["a1.pdf"]["state"], "NY");
        assert_eq!(v["a1.pdf"]["zip"], "94110");
        assert_eq!(v["a2.pdf"]["applicant.name"], "Smith, John");
        assert_eq!(v["a2.pdf"]["agree"], "/Off");
        assert_eq!(v["a2.pdf"]["color"], "/red");
        assert_eq!(v["a4.pdf"]["agree"], "/Yes");
        assert_eq!(v["a4.pdf"]["zip"], "12345");
    }
}

#[test]
fn jsonl_rows_with_name_pattern_clash_and_flatten() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let data = t.join("rows.jsonl");
    std::fs::write(
        &data,
        concat!(
            "{\"last\": \"../../etc/x\", \"applicant.name\": \"One\", \"fruits\": [\"Apple\", \"Cherry\"]}\n",
            "\n",
            "{\"last\": \"Doe\", \"applicant.name\": \"Two\"}\n",
            "not json\n",
            "{\"last\": \"doe\", \"applicant.name\": \"Three\"}\n",
            "{\"applicant.name\": \"Four\"}\n",
            "{\"last\": \"Roe\", \"applicant.nme\": \"Five\"}\n",
        ),
    )
    .unwrap();
    let out = t.join("out");
    let o = docskill(&[
        "pdf",
        "fill-batch",
        form().to_str().unwrap(),
        data.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--name",
        "{last}.pdf",
        "--flatten",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let rows = lines(&o);
    insta::assert_snapshot!(redacted(&rows, &out));
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["Doe.pdf", "_._.._etc_x.pdf"]);
    assert!(!t.join("etc").exists());
    let doc = docskill_pdf::open(
        &std::fs::read(out.join("Doe.pdf")).unwrap(),
        &docskill_pdf::OpenOptions::default(),
    )
    .unwrap();
    assert!(
        docskill_pdf::acroform::fields(&doc).fields.is_empty(),
        "flattened"
    );
}

#[test]
fn header_naming_no_field_stops_before_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("rows.csv");
    std::fs::write(&data, "applicant.nme,agree\nx,true\n").unwrap();
    let out = tmp.path().join("out");
    let o = docskill(&[
        "--json",
        "pdf",
        "fill-batch",
        form().to_str().unwrap(),
        data.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"]["code"], "pdf.form_values");
    assert_eq!(
        v["error"]["details"]["problems"][0]["valid"][0],
        "applicant.name"
    );
    assert!(!out.exists());
}

#[test]
fn json_mode_answers_one_response_with_every_row() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("rows.csv");
    std::fs::write(&data, "applicant.name\nA\nB\n").unwrap();
    let out = tmp.path().join("out");
    let o = docskill(&[
        "--json",
        "pdf",
        "fill-batch",
        form().to_str().unwrap(),
        data.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--name",
        "form-{row}.pdf",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["op"], "pdf.fill_batch");
    assert_eq!(v["result"]["ok"], 2);
    assert_eq!(v["result"]["rows"][1]["id"], "2");
    assert!(out.join("form-2.pdf").exists());
}
