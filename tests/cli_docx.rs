//! `docskill docx ...` end to end on the project fixtures.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/docx")
        .join(name)
}

fn docskill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn scrub(s: &str, tmp: &std::path::Path) -> String {
    let s = s.replace(&tmp.display().to_string(), "[TMP]");
    let s = s.replace(env!("CARGO_MANIFEST_DIR"), "[ROOT]");
    let s = s.replace(
        concat!("\"version\": \"", env!("CARGO_PKG_VERSION"), "\""),
        "\"version\": \"[VERSION]\"",
    );
    s.lines()
        .map(|l| {
            if l.trim_start().starts_with("\"elapsed_ms\"") {
                "  \"elapsed_ms\": N,"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn text_views() {
    let f = fixture("review.docx");
    let f = f.to_str().unwrap();
    insta::assert_snapshot!(
        "text_all",
        text(&docskill(&["docx", "text", f, "--changes", "all"]))
    );
    insta::assert_snapshot!(
        "text_reject_body",
        text(&docskill(&[
            "docx",
            "text",
            f,
            "--changes",
            "reject",
            "--parts",
            "body"
        ]))
    );
    insta::assert_snapshot!(
        "text_json_notes",
        text(&docskill(&[
            "docx",
            "text",
            f,
            "--format",
            "json",
            "--parts",
            "headers,notes"
        ]))
    );
}

#[test]
fn edit_from_a_file_then_review() {
    let tmp = tempfile::tempdir().unwrap();
    let edits = tmp.path().join("edits.json");
    std::fs::write(
        &edits,
        r#"[{"replace": {"find": "thirty days", "replace": "30 days"}},
            {"delete": {"find": "Either party may "}},
            {"insert": {"text": " and Munich", "after": "Berlin"}},
            {"insert_paragraph": {"after": "p1", "text": "Version 2", "style": "Heading1"}},
            {"replace": {"find": "in", "replace": "IN", "occurrence": "last", "in": "p7", "whole_word": true}}]"#,
    )
    .unwrap();
    let out = tmp.path().join("out.docx");
    let f = fixture("review.docx");
    let r = docskill(&[
        "docx",
        "edit",
        f.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--author",
        "Bot",
        "--date",
        "2026-11-22",
        "--edits",
        edits.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    insta::assert_snapshot!(
        "edit_response",
        scrub(
            &serde_json::to_string_pretty(&v["result"]).unwrap(),
            tmp.path()
        )
    );
    let o = out.to_str().unwrap();
    insta::assert_snapshot!(
        "edited_all",
        text(&docskill(&[
            "docx",
            "text",
            o,
            "--changes",
            "all",
            "--parts",
            "body"
        ]))
    );
    insta::assert_snapshot!("changes", text(&docskill(&["docx", "changes", o])));
    let check = docskill(&["docx", "check", o]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    // Rejecting Bot's changes gives back the original text exactly.
    let back = tmp.path().join("back.docx");
    let r = docskill(&[
        "docx",
        "reject",
        o,
        "-o",
        back.to_str().unwrap(),
        "--author",
        "Bot",
    ]);
    assert_eq!(r.status.code(), Some(0));
    assert_eq!(
        text(&docskill(&[
            "docx",
            "text",
            back.to_str().unwrap(),
            "--changes",
            "all"
        ])),
        text(&docskill(&[
            "docx",
            "text",
            f.to_str().unwrap(),
            "--changes",
            "all"
        ]))
    );
    // The same request twice gives the same bytes.
    let again = tmp.path().join("again.docx");
    let r = docskill(&[
        "docx",
        "edit",
        f.to_str().unwrap(),
        "-o",
        again.to_str().unwrap(),
        "--author",
        "Bot",
        "--date",
        "2026-11-22",
        "--edits",
        edits.to_str().unwrap(),
    ]);
    assert!(r.status.success());
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn errors_explain_themselves() {
    let tmp = tempfile::tempdir().unwrap();
    let f = fixture("review.docx");
    let f = f.to_str().unwrap();
    let out = tmp.path().join("x.docx");
    let o = out.to_str().unwrap();
    let r = docskill(&[
        "docx",
        "edit",
        f,
        "-o",
        o,
        "--author",
        "Bot",
        "--replace",
        "in",
        "--with",
        "on",
        "--json",
    ]);
    assert_eq!(r.status.code(), Some(1));
    insta::assert_snapshot!(
        "ambiguous",
        scrub(&text(&r), tmp.path()).replace(f, "[FIXTURE]")
    );
    let r = docskill(&[
        "docx",
        "edit",
        f,
        "-o",
        o,
        "--author",
        "Bot",
        "--replace",
        "fourty days",
        "--with",
        "x",
        "--json",
    ]);
    insta::assert_snapshot!(
        "not_found",
        scrub(&text(&r), tmp.path()).replace(f, "[FIXTURE]")
    );
    let r = docskill(&[
        "docx",
        "edit",
        f,
        "-o",
        o,
        "--author",
        "Bot",
        "--delete-paragraph",
        "p40",
        "--json",
    ]);
    insta::assert_snapshot!(
        "bad_address",
        scrub(&text(&r), tmp.path()).replace(f, "[FIXTURE]")
    );
    assert!(!out.exists(), "nothing is written when an edit fails");
    let r = docskill(&[
        "docx",
        "edit",
        f,
        "-o",
        f,
        "--author",
        "Bot",
        "--replace",
        "Berlin",
        "--with",
        "Paris",
    ]);
    assert_eq!(
        r.status.code(),
        Some(2),
        "refuses to overwrite the input without --in-place"
    );
}

#[test]
fn source_date_epoch_dates_revisions() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("x.docx");
    let f = fixture("review.docx");
    let r = Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args([
            "docx",
            "edit",
            f.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--author",
            "Bot",
            "--replace",
            "Berlin",
            "--with",
            "Paris",
        ])
        .env("SOURCE_DATE_EPOCH", "1795305600")
        .output()
        .unwrap();
    assert!(r.status.success());
    let changes = text(&docskill(&["docx", "changes", out.to_str().unwrap()]));
    assert!(
        changes.contains("Bot              2026-11-22T00:00:00Z"),
        "{changes}"
    );
}

#[test]
fn create_from_markdown_and_outline() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let md_out = t.join("md.docx");
    let json_out = t.join("outline.docx");
    let r = docskill(&[
        "docx",
        "create",
        fixture("create-sample.md").to_str().unwrap(),
        "-o",
        md_out.to_str().unwrap(),
        "--page",
        "letter",
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let r = docskill(&[
        "docx",
        "create",
        fixture("create-outline.json").to_str().unwrap(),
        "-o",
        json_out.to_str().unwrap(),
        "--footer",
        "Draft {page}",
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    insta::assert_snapshot!("create_outline_stdout", scrub(&text(&r), t));
    for out in [&md_out, &json_out] {
        let check = docskill(&["docx", "check", out.to_str().unwrap()]);
        assert!(check.status.success(), "{}", text(&check));
    }
    insta::assert_snapshot!(
        "create_outline_text",
        text(&docskill(&["docx", "text", json_out.to_str().unwrap()]))
    );
    // The same outline inline in a request, with an error for an unknown style.
    let outline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("create-outline.json")).unwrap())
            .unwrap();
    let mut doc = outline.clone();
    doc["blocks"] = serde_json::json!([{"paragraph": {"text": "x", "style": "Fancy"}}]);
    let req =
        serde_json::json!({"op": "docx.create", "document": doc, "output": t.join("bad.docx")});
    let req_path = t.join("req.json");
    std::fs::write(&req_path, req.to_string()).unwrap();
    let r = docskill(&["run", req_path.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    insta::assert_snapshot!("create_unknown_style", scrub(&text(&r), t));
    assert!(!t.join("bad.docx").exists(), "nothing written on error");
}
