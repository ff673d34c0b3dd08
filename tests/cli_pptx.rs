//! `docskill pptx ...` end to end on the project fixture.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/pptx/basic.pptx")
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
fn text_and_issues() {
    let f = fixture();
    let f = f.to_str().unwrap();
    insta::assert_snapshot!("text_md", stdout(&docskill(&["pptx", "text", f])));
    let issues = docskill(&["pptx", "inventory", f, "--issues-only"]);
    assert!(issues.status.success());
    insta::assert_snapshot!("issues", stdout(&issues));
}

#[test]
fn replace_then_assemble_then_check() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let repl = t.join("r.json");
    std::fs::write(
        &repl,
        r#"{"slide-0": {"Title 1": {"paragraphs": [{"text": "Q3 review", "bold": true}]}},
            "slide-1": {"Content Placeholder 2": {"paragraphs": [{"text": "Revenue up 14%"}, {"text": "Asia strongest", "level": 1}]}}}"#,
    )
    .unwrap();
    let replaced = t.join("replaced.pptx");
    let r = docskill(&[
        "pptx",
        "replace",
        fixture().to_str().unwrap(),
        repl.to_str().unwrap(),
        "-o",
        replaced.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let assembled = t.join("assembled.pptx");
    let r = docskill(&[
        "pptx",
        "assemble",
        replaced.to_str().unwrap(),
        "-o",
        assembled.to_str().unwrap(),
        "--slides",
        "1,0,0",
        "--add-layout",
        "Title and Content",
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let check = docskill(&["opc", "check", assembled.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stdout(&check));
    insta::assert_snapshot!(
        "assembled_text",
        stdout(&docskill(&["pptx", "text", assembled.to_str().unwrap()]))
    );
    // Unknown shapes are errors that list what exists.
    std::fs::write(&repl, r#"{"slide-0": {"Nope": "x"}}"#).unwrap();
    let r = docskill(&[
        "--json",
        "pptx",
        "replace",
        fixture().to_str().unwrap(),
        repl.to_str().unwrap(),
        "-o",
        t.join("x.pptx").to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["error"]["code"], "pptx.no_such_shape");
    assert!(v["error"]["hint"].as_str().unwrap().contains("Title 1"));
}

#[test]
fn build_from_markdown_then_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("talk.pptx");
    let outline = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/pptx/build-outline.md");
    let r = docskill(&[
        "--json",
        "pptx",
        "build",
        outline.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["result"]["slides"], 9, "{v}");
    let kinds: Vec<&str> = v["result"]["layouts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["layout"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "Title Slide",
            "Title and Content",
            "Section Header",
            "Two Content",
            "Picture with Caption",
            "Picture with Caption",
            "Title Only",
            "Quote",
            "Closing"
        ]
    );
    insta::assert_snapshot!(
        "build_text_md",
        stdout(&docskill(&["pptx", "text", out.to_str().unwrap()]))
    );
    let check = docskill(&["opc", "check", out.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stdout(&check));
    // A missing picture is a clear error naming the file.
    let md = tmp.path().join("bad.md");
    std::fs::write(&md, "# T\n\n## P\n![x](missing.png)\n").unwrap();
    let r = docskill(&[
        "--json",
        "pptx",
        "build",
        md.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("missing.png"),
        "{v}"
    );
}

#[test]
fn thumbnails_and_grid_list_files_and_what_was_not_drawn() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let f = fixture();
    let f = f.to_str().unwrap();
    let dir = t.join("thumbs");
    let out = docskill(&[
        "pptx",
        "thumbnails",
        f,
        "-o",
        dir.to_str().unwrap(),
        "--width",
        "200",
        "--slides",
        "1,3-4",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let slides: Vec<u64> = v["result"]["slides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["slide"].as_u64().unwrap())
        .collect();
    assert_eq!(slides, [1, 3, 4]);
    assert!(dir.join("slide-3.png").exists() && !dir.join("slide-2.png").exists());
    let png = std::fs::read(dir.join("slide-1.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    // The fixture's column chart is drawn from its cached data: not listed as skipped.
    let skipped = v["result"]["skipped"].as_array().unwrap();
    assert!(
        skipped.iter().all(|s| s["element"] != "chart"),
        "{skipped:?}"
    );
    // A slide past the end is a typed error.
    let bad = docskill(&[
        "pptx",
        "thumbnails",
        f,
        "-o",
        dir.to_str().unwrap(),
        "--slides",
        "9",
        "--json",
    ]);
    assert!(!bad.status.success());
    let e: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(e["error"]["code"], "render.no_such_slide");
    // Grid: two sheets when the deck has more slides than cols × rows.
    let grid = t.join("grid.png");
    let out = docskill(&[
        "pptx",
        "grid",
        f,
        "-o",
        grid.to_str().unwrap(),
        "--cols",
        "2",
        "--rows",
        "2",
        "--width",
        "120",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(grid.exists() && t.join("grid-2.png").exists());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["result"]["slides"], 5);
}
