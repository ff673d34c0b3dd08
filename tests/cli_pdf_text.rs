//! `docskill pdf info|text` end to end on the project fixtures.

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
fn info_and_text() {
    let info = docskill(&["pdf", "info", &fixture("encrypted-rc4-128-empty.pdf")]);
    assert!(info.status.success());
    let v: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(v["pages"], 1);
    assert_eq!(v["encryption"], "RC4 128-bit");
    assert_eq!(v["fonts"][0]["name"], "Helvetica");
    let text = docskill(&["pdf", "text", &fixture("two-columns.pdf")]);
    assert!(text.status.success());
    insta::assert_snapshot!("two_columns_text", stdout(&text));
    let md = docskill(&["pdf", "text", &fixture("two-columns.pdf"), "--format", "md"]);
    insta::assert_snapshot!("two_columns_md", stdout(&md));
    let json = docskill(&[
        "pdf",
        "text",
        &fixture("hello.pdf"),
        "--format",
        "json",
        "--chars",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["pages"][0]["words"][0]["text"], "Hello,");
    assert_eq!(v["pages"][0]["chars"][0]["text"], "H");
}

#[test]
fn errors_have_codes() {
    let locked = docskill(&[
        "pdf",
        "text",
        &fixture("encrypted-aes-256-user.pdf"),
        "--json",
    ]);
    assert_eq!(locked.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&locked.stdout).unwrap();
    assert_eq!(v["error"]["code"], "pdf.encrypted");
    assert_eq!(v["error"]["details"]["method"], "AES-256 (R6)");
    let wrong = docskill(&[
        "pdf",
        "info",
        &fixture("encrypted-aes-256-user.pdf"),
        "--password",
        "x",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&wrong.stdout).unwrap();
    assert_eq!(v["error"]["code"], "pdf.wrong_password");
    let right = docskill(&[
        "pdf",
        "text",
        &fixture("encrypted-aes-256-user.pdf"),
        "--password",
        "secret",
    ]);
    assert_eq!(stdout(&right).trim(), "Hello, world!");
    let range = docskill(&[
        "pdf",
        "text",
        &fixture("hello.pdf"),
        "--pages",
        "2-",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&range.stdout).unwrap();
    assert_eq!(v["error"]["code"], "pdf.page_range");
    let not_pdf = docskill(&["pdf", "info", &fixture("make_fixtures.py"), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&not_pdf.stdout).unwrap();
    assert_eq!(v["error"]["code"], "pdf.malformed");
}
