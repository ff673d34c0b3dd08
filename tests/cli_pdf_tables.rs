//! `docskill pdf tables` end to end on the table fixtures
//! (`fixtures/pdf/make_tables.py`): JSON shape, CSV, Markdown, strategies,
//! tolerances, bad values, a JSON request through `run`.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pdf")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn docskill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn json_csv_and_markdown() {
    let out = docskill(&["pdf", "tables", &fixture("table-ruled-merged.pdf")]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["count"], 1);
    let t = &v["tables"][0];
    assert_eq!(t["strategy"], "lines");
    assert_eq!(t["page"], 1);
    assert_eq!(t["rows"][0][1]["text"], "Sales");
    assert_eq!(t["rows"][0][1]["col_span"], 2);
    assert_eq!(t["rows"][2][0]["row_span"], 2);
    let csv = docskill(&[
        "pdf",
        "tables",
        &fixture("table-two-pages.pdf"),
        "--format",
        "csv",
    ]);
    insta::assert_snapshot!("two_pages_csv", stdout(&csv));
    let md = docskill(&[
        "pdf",
        "tables",
        &fixture("table-whitespace.pdf"),
        "--format",
        "md",
        "--strategy",
        "text",
    ]);
    insta::assert_snapshot!("whitespace_md", stdout(&md));
}

#[test]
fn strategies_pages_and_tolerances() {
    let lines = docskill(&[
        "pdf",
        "tables",
        &fixture("table-whitespace.pdf"),
        "--strategy",
        "lines",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&lines.stdout).unwrap();
    assert_eq!(v["count"], 0);
    let page2 = docskill(&[
        "pdf",
        "tables",
        &fixture("table-two-pages.pdf"),
        "--pages",
        "2",
        "--snap-tolerance",
        "1",
        "--join-tolerance",
        "0",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&page2.stdout).unwrap();
    assert_eq!(v["pages"], serde_json::json!([2]));
    assert_eq!(v["tables"][0]["n_rows"], 3);
    let bad = docskill(&[
        "pdf",
        "tables",
        &fixture("table-two-pages.pdf"),
        "--snap-tolerance=-1",
        "--json",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(v["error"]["code"], "usage");
    let past = docskill(&[
        "pdf",
        "tables",
        &fixture("table-two-pages.pdf"),
        "--pages",
        "3",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&past.stdout).unwrap();
    assert_eq!(v["error"]["code"], "pdf.page_range");
}

#[test]
fn request_through_run() {
    let dir = tempfile::tempdir().unwrap();
    let req = dir.path().join("req.json");
    let body = serde_json::json!({
        "op": "pdf.tables",
        "input": fixture("table-rotated-page.pdf"),
        "strategy": "lines",
        "format": "csv"
    });
    std::fs::write(&req, body.to_string()).unwrap();
    let out = docskill(&["run", &req.to_string_lossy()]);
    assert!(out.status.success(), "{}", stdout(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["result"]["text"],
        "Code,Name,Value\nA1,Alpha,10\nB2,Beta,20\n"
    );
}
