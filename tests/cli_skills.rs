//! `docskill skills ...`: the index, install, and the linter that keeps skills true to the CLI.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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
fn the_shipped_skills_lint_clean() {
    let dir = root().join("skills");
    let r = docskill(&["skills", "lint", dir.to_str().unwrap()]);
    assert!(r.status.success(), "{}", stdout(&r));
    // The copy built into the binary is the same.
    let r = docskill(&["skills", "lint"]);
    assert!(r.status.success(), "{}", stdout(&r));
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn lint_catches_broken_links_wrong_commands_and_bad_frontmatter() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "good/SKILL.md",
        "---\nname: good\ndescription: Does a thing. Use it when a thing is needed.\n---\n\nSee [edits](references/edits.md).\n\n```sh\ndocskill docx text a.docx --changes all   # fine\n```\n",
    );
    write(d, "good/references/edits.md", "# Edits\n");
    write(
        d,
        "bad/SKILL.md",
        "---\nname: Bad_Name\ndescription: \"\"\ncolour: blue\n---\n\nSee [the edits](references/Edits.md) and [site](https://example.com).\n\n```sh\ndocskill docx txt a.docx\ndocskill docx edit a.docx -o b.docx --author X \\\n  --replace 30 --width 60\ndocskill docx text a.docx | head\n```\n",
    );
    write(
        d,
        "bad/references/edits.md",
        "[up](../SKILL.md) [deeper](references/x.md)\n",
    );
    write(d, "empty/notes.md", "no skill here\n");
    let r = docskill(&["skills", "lint", d.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&r));
}

#[test]
fn list_show_and_install() {
    let r = docskill(&["skills", "list", "--json"]);
    assert!(r.status.success());
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    let names: Vec<&str> = v["result"]["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    let on_disk: Vec<String> = {
        let mut n: Vec<String> = std::fs::read_dir(root().join("skills"))
            .unwrap()
            .filter_map(|e| {
                let e = e.unwrap();
                e.path()
                    .join("SKILL.md")
                    .is_file()
                    .then(|| e.file_name().to_string_lossy().into_owned())
            })
            .collect();
        n.sort();
        n
    };
    assert_eq!(names, on_disk);
    let r = docskill(&["skills", "show", "docx"]);
    assert_eq!(
        stdout(&r),
        std::fs::read_to_string(root().join("skills/docx/SKILL.md")).unwrap()
    );
    let tmp = tempfile::tempdir().unwrap();
    let r = docskill(&["skills", "install", tmp.path().to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(
        std::fs::read(tmp.path().join("docx/references/edits.md")).unwrap(),
        std::fs::read(root().join("skills/docx/references/edits.md")).unwrap()
    );
    let r = docskill(&["skills", "show", "nope"]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("hint: skills: "));
}

#[test]
fn committed_schemas_match_the_code() {
    let tmp = tempfile::tempdir().unwrap();
    let r = docskill(&["schema", "--all", "-o", tmp.path().to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let list = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let committed = root().join("schemas");
    assert_eq!(
        list(tmp.path()),
        list(&committed),
        "run `cargo run -- schema --all -o schemas/` and commit"
    );
    for name in list(&committed) {
        assert_eq!(
            std::fs::read_to_string(tmp.path().join(&name)).unwrap(),
            std::fs::read_to_string(committed.join(&name)).unwrap(),
            "schemas/{name} is stale: run `cargo run -- schema --all -o schemas/` and commit"
        );
    }
}
