//! The `docskill` binary, end to end: output, JSON answers, exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("fixtures/opc").join(name)
}

fn docskill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args(args)
        .output()
        .expect("run docskill")
}

fn docskill_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Replace volatile values (paths, timings, version) so snapshots are stable.
fn scrub(s: &str, tmp: Option<&Path>) -> String {
    let mut s = s.replace(&root().display().to_string(), "[ROOT]");
    if let Some(t) = tmp {
        s = s.replace(&t.display().to_string(), "[TMP]");
    }
    let re = regex_lite("\"elapsed_ms\": ", &s);
    re.replace(
        concat!("\"version\": \"", env!("CARGO_PKG_VERSION"), "\""),
        "\"version\": \"[VERSION]\"",
    )
}

/// Replace the number after each `key` with N.
fn regex_lite(key: &str, s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(key) {
        out.push_str(&rest[..i + key.len()]);
        rest = rest[i + key.len()..].trim_start_matches(|c: char| c.is_ascii_digit());
        out.push('N');
    }
    out.push_str(rest);
    out
}

#[test]
fn ls_lists_parts() {
    let out = docskill(&["opc", "ls", fixture("minimal.docx").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(text(&out.stdout));
}

#[test]
fn ls_json() {
    let out = docskill(&[
        "opc",
        "ls",
        "--json",
        fixture("minimal.docx").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(scrub(&text(&out.stdout), None));
}

#[test]
fn check_reports_every_kind_of_problem_and_exits_1() {
    let out = docskill(&[
        "opc",
        "check",
        fixture("check-problems.docx").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(text(&out.stdout));
}

#[test]
fn check_clean_exits_0() {
    let out = docskill(&[
        "opc",
        "check",
        "--json",
        fixture("minimal.docx").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(scrub(&text(&out.stdout), None));
}

#[test]
fn cat_pretty_keeps_text_exactly() {
    let out = docskill(&[
        "opc",
        "cat",
        fixture("minimal.docx").to_str().unwrap(),
        "word/document.xml",
        "--pretty",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    assert!(
        s.contains("<w:t xml:space=\"preserve\">  Two leading spaces and a trailing one </w:t>")
    );
    insta::assert_snapshot!(s);
}

#[test]
fn cat_unknown_part_lists_the_parts() {
    let out = docskill(&[
        "opc",
        "cat",
        "--json",
        fixture("minimal.docx").to_str().unwrap(),
        "word/nope.xml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(scrub(&text(&out.stdout), None));
}

#[test]
fn unpack_then_pack_is_deterministic_and_keeps_every_part() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("u");
    let input = fixture("minimal.docx");
    let out = docskill(&[
        "opc",
        "unpack",
        input.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // A second unpack into the same folder is refused without --force.
    let again = docskill(&[
        "opc",
        "unpack",
        input.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("io.exists"),
        "{}",
        text(&again.stderr)
    );

    let (a, b) = (tmp.path().join("a.docx"), tmp.path().join("b.docx"));
    for o in [&a, &b] {
        let out = docskill(&[
            "opc",
            "pack",
            dir.to_str().unwrap(),
            "-o",
            o.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let (ba, bb) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert_eq!(ba, bb, "pack is not deterministic");
    let limits = docskill_opc::Limits::default();
    let orig = docskill_opc::Package::open(std::fs::read(&input).unwrap(), &limits).unwrap();
    let packed = docskill_opc::Package::open(ba, &limits).unwrap();
    let mut names: Vec<String> = orig.part_names().collect();
    let mut packed_names: Vec<String> = packed.part_names().collect();
    names.sort();
    packed_names.sort();
    assert_eq!(names, packed_names);
    for n in &names {
        // The fixture is condensed XML, so unpack + pack gives back the same bytes.
        assert_eq!(
            orig.read_part(n).unwrap(),
            packed.read_part(n).unwrap(),
            "{n}"
        );
    }
    // No temporary files are left behind.
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");
}

#[test]
fn pack_refuses_malformed_xml_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("u");
    let input = fixture("minimal.docx");
    assert!(
        docskill(&[
            "opc",
            "unpack",
            input.to_str().unwrap(),
            dir.to_str().unwrap()
        ])
        .status
        .success()
    );
    std::fs::write(
        dir.join("word/document.xml"),
        "<w:document><w:body></w:document>",
    )
    .unwrap();
    let out_file = tmp.path().join("x.docx");
    let out = docskill(&[
        "opc",
        "pack",
        "--json",
        dir.to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_file.exists(), "nothing is written on failure");
    insta::assert_snapshot!(scrub(&text(&out.stdout), Some(tmp.path())));
}

#[test]
fn hostile_and_foreign_inputs_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("x.docx");
    std::fs::write(&pdf, b"%PDF-1.7\n%...").unwrap();
    let out = docskill(&["opc", "ls", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(scrub(&text(&out.stderr), Some(tmp.path())));
}

#[test]
fn run_takes_one_request_or_an_array() {
    let req = format!(
        r#"[{{"op": "opc.check", "input": "{}"}}, {{"op": "opc.nope"}}, {{"op": "opc.ls", "input": "x", "bogus": 1}}]"#,
        fixture("minimal.docx").display()
    );
    let out = docskill_stdin(&["run", "-"], &req);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a usage error anywhere makes the exit code 2"
    );
    insta::assert_snapshot!(scrub(&text(&out.stdout), None));
}

#[test]
fn atomic_requests_write_everything_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let docx = root().join("fixtures/docx/review.docx");
    let (a, b) = (tmp.path().join("a.docx"), tmp.path().join("b.docx"));
    let edit = |out: &std::path::Path, find: &str| {
        serde_json::json!({"op": "docx.edit", "input": docx, "output": out, "author": "T",
            "edits": [{"replace": {"find": find, "replace": "X"}}]})
    };
    // The second request fails: neither output exists afterwards.
    let req = serde_json::json!({"atomic": true, "requests": [edit(&a, "thirty"), edit(&b, "no such text")]});
    let out = docskill_stdin(&["run", "-"], &req.to_string());
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((&v["committed"], &v["not_run"]), (&false.into(), &0.into()));
    assert_eq!(v["answers"][1]["error"]["code"], "docx.text_not_found");
    assert!(!a.exists() && !b.exists(), "nothing written");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(leftovers.is_empty(), "no staged files left: {leftovers:?}");
    // All succeed: both appear.
    let req =
        serde_json::json!({"atomic": true, "requests": [edit(&a, "thirty"), edit(&b, "euros")]});
    let out = docskill_stdin(&["run", "-"], &req.to_string());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["committed"], true);
    assert!(a.is_file() && b.is_file());
    // Unknown fields beside "requests" are refused.
    let out = docskill_stdin(
        &["run", "-"],
        r#"{"atomic": true, "requests": [], "extra": 1}"#,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn run_rejects_invalid_json_with_exit_2() {
    let out = docskill_stdin(&["run", "-"], "{not json");
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["code"], "usage");
}

#[test]
fn cli_usage_errors_exit_2() {
    assert_eq!(docskill(&["opc", "frobnicate"]).status.code(), Some(2));
    assert_eq!(
        docskill(&["opc", "pack", "dir"]).status.code(),
        Some(2),
        "missing -o"
    );
    assert_eq!(docskill(&["--help"]).status.code(), Some(0));
}

#[test]
fn schema_lists_and_describes_operations() {
    let out = docskill(&["schema", "--list"]);
    insta::assert_snapshot!(text(&out.stdout));
    let out = docskill(&["schema", "opc.pack"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(text(&out.stdout));
    assert_eq!(docskill(&["schema", "opc.nope"]).status.code(), Some(2));
}

/// The subcommand names `docskill ARGS --help` lists under "Commands:".
fn subcommands(args: &[String]) -> Vec<String> {
    let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
    a.push("--help");
    let help = text(&docskill(&a).stdout);
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        // A name starts in column 3; wrapped description lines are indented further.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_subcommand_help_has_an_example() {
    // Every leaf command, found by walking the help itself, so none can be missed.
    let mut todo: Vec<Vec<String>> = vec![Vec::new()];
    let mut leaves = 0;
    while let Some(path) = todo.pop() {
        let subs = subcommands(&path);
        if !path.is_empty() && subs.is_empty() {
            leaves += 1;
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push("--help");
            let out = docskill(&args);
            assert_eq!(out.status.code(), Some(0));
            let help = text(&out.stdout);
            assert!(
                help.contains("Example"),
                "{path:?} --help has no example:\n{help}"
            );
        }
        for s in subs {
            let mut p = path.clone();
            p.push(s);
            todo.push(p);
        }
    }
    assert!(leaves >= 23, "only {leaves} commands found");
}

fn xlsx_fixture(name: &str) -> PathBuf {
    root().join("fixtures/xlsx").join(name)
}

#[test]
fn xlsx_build_is_deterministic_across_runs_and_matches_the_fixture() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = xlsx_fixture("full-spec.json");
    let mut outs = Vec::new();
    for name in ["a.xlsx", "b.xlsx"] {
        let out = tmp.path().join(name);
        let r = docskill(&[
            "xlsx",
            "build",
            spec.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.status.code(), Some(0), "{}", text(&r.stderr));
        assert!(
            text(&r.stdout).contains("4 sheets, 70 cells, 15 formulas"),
            "{}",
            text(&r.stdout)
        );
        outs.push(std::fs::read(out).unwrap());
    }
    assert_eq!(outs[0], outs[1], "two processes built different bytes");
    assert_eq!(outs[0], std::fs::read(xlsx_fixture("full.xlsx")).unwrap());
}

#[test]
fn xlsx_info_and_read() {
    let f = xlsx_fixture("full.xlsx");
    let out = docskill(&["xlsx", "info", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("xlsx_info", text(&out.stdout));
    let out = docskill(&[
        "xlsx",
        "read",
        f.to_str().unwrap(),
        "--range",
        "A2:F6",
        "--formulas",
    ]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("xlsx_read_md", text(&out.stdout));
    let out = docskill(&[
        "xlsx",
        "read",
        f.to_str().unwrap(),
        "--sheet",
        "Settings",
        "--format",
        "csv",
    ]);
    assert_eq!(
        text(&out.stdout),
        "Tax rate,0.23\nStatus,taxed\n,\nDocumentation,\nBack to the data,\nfinance@example.com,\n"
    );
    let out = docskill(&[
        "xlsx",
        "read",
        "--json",
        f.to_str().unwrap(),
        "--range",
        "G3:G5",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["result"]["rows"],
        serde_json::json!([["2024-01-31T12:30:00"], ["13:45:00"], ["2024-02-29"]])
    );
}

#[test]
fn xlsx_read_missing_sheet_lists_the_sheets() {
    let f = xlsx_fixture("full.xlsx");
    let out = docskill(&[
        "xlsx",
        "read",
        "--json",
        f.to_str().unwrap(),
        "--sheet",
        "Nope",
    ]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(scrub(&text(&out.stdout), None));
}

#[test]
fn xlsx_build_refuses_a_broken_formula_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("spec.json");
    std::fs::write(
        &spec,
        r#"{"sheets": [{"name": "Data", "cells": {"A1": 1, "C2": {"formula": "=SUM(A1:A3"}}}]}"#,
    )
    .unwrap();
    let out_file = tmp.path().join("x.xlsx");
    let out = docskill(&[
        "xlsx",
        "build",
        "--json",
        spec.to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_file.exists(), "nothing is written on failure");
    insta::assert_snapshot!(scrub(&text(&out.stdout), Some(tmp.path())));
    // A spec that is not valid JSON, or has unknown fields, names the line.
    std::fs::write(&spec, "{\"sheets\": [{\"name\": \"S\",\n \"colour\": 1}]}").unwrap();
    let out = docskill(&[
        "xlsx",
        "build",
        spec.to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("xlsx.spec_invalid") && err.contains("line 2"),
        "{err}"
    );
}

#[test]
fn xlsx_build_takes_an_inline_spec_in_a_json_request() {
    let tmp = tempfile::tempdir().unwrap();
    let out_file = tmp.path().join("inline.xlsx");
    let req = serde_json::json!({
        "op": "xlsx.build",
        "spec": {"sheets": [{"name": "S", "cells": {"A1": 2, "B1": {"formula": "=A1*3", "result": 6}}}]},
        "output": out_file,
    });
    let out = docskill_stdin(&["run", "-"], &req.to_string());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let req = serde_json::json!({"op": "xlsx.read", "input": out_file, "formulas": true});
    let out = docskill_stdin(&["run", "-"], &req.to_string());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["result"]["rows"],
        serde_json::json!([[2, {"value": 6, "formula": "=A1*3"}]])
    );
}

/// A big sheet in a spec file is parsed on a second thread while it is written: the
/// workbook is byte-identical to the one built from the same spec inline (parsed whole,
/// on one thread), and a bad cell deep in the rows is named by its line in the file.
#[test]
fn xlsx_build_of_a_spec_file_streams_its_rows_to_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let rows: Vec<serde_json::Value> = (0..12_000)
        .map(|i| {
            serde_json::json!([i, format!("item {i}"), i % 3 == 0, null,
                {"formula": format!("=A{}*2", i + 2)}])
        })
        .collect();
    let spec = serde_json::json!({"sheets": [
        {"name": "Small", "rows": [["a", 1]], "merge": ["A2:B2"]},
        {"name": "Big", "rows": rows, "cells": {"G5": "note", "B1": "over"}, "freeze": "A2"},
    ]});
    let spec_file = tmp.path().join("spec.json");
    // One row per line, so that a bad cell has a line of its own.
    let json = serde_json::to_string(&spec)
        .unwrap()
        .replace("],[", "],\n[");
    std::fs::write(&spec_file, &json).unwrap();
    let from_file = tmp.path().join("file.xlsx");
    let out = docskill(&[
        "xlsx",
        "build",
        "--json",
        spec_file.to_str().unwrap(),
        "-o",
        from_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let inline = tmp.path().join("inline.xlsx");
    let req = serde_json::json!({"op": "xlsx.build", "spec": spec, "output": inline});
    let out = docskill_stdin(&["run", "-"], &req.to_string());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let (a, b) = (
        std::fs::read(&from_file).unwrap(),
        std::fs::read(&inline).unwrap(),
    );
    assert!(a == b, "the file and inline builds differ");
    let read = docskill(&[
        "xlsx",
        "read",
        from_file.to_str().unwrap(),
        "--sheet",
        "Big",
        "--range",
        "A1:G5",
        "--formulas",
    ]);
    insta::assert_snapshot!(text(&read.stdout));

    let line = 9_001;
    let bad = json
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                l.replacen("null", "[1]", 1)
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&spec_file, bad).unwrap();
    let out = docskill(&[
        "xlsx",
        "build",
        "--json",
        spec_file.to_str().unwrap(),
        "-o",
        from_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "xlsx.spec_invalid", "{v}");
    assert_eq!(v["error"]["details"]["line"], line, "{v}");
    assert_eq!(
        std::fs::read(&from_file).unwrap(),
        a,
        "a failed build leaves the old file"
    );
}

/// `xlsx read -o` streams the sheet into the file: the same CSV as the answer of a read
/// into memory, with the range and row count as the answer.
#[test]
fn xlsx_read_streams_into_an_output_file() {
    let tmp = tempfile::tempdir().unwrap();
    let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/xlsx/full.xlsx");
    let input = input.to_str().unwrap();
    let csv = tmp.path().join("data.csv");
    let csv_s = csv.to_str().unwrap();
    let memory = docskill(&["xlsx", "read", input, "--formulas", "--format", "csv"]);
    assert!(memory.status.success(), "{}", text(&memory.stderr));
    let out = docskill(&[
        "xlsx",
        "read",
        input,
        "--formulas",
        "--format",
        "csv",
        "-o",
        csv_s,
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&csv).unwrap(), memory.stdout);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["result"],
        serde_json::json!({"sheet": "Data", "range": "A1:L7", "rows": 7, "cells": 84})
    );
    assert_eq!(v["outputs"][0]["bytes"], memory.stdout.len());
    // The input is never the output.
    let same = docskill(&["xlsx", "read", input, "-o", input]);
    assert_eq!(same.status.code(), Some(2), "{}", text(&same.stderr));
}

#[test]
fn json_logs_on_stderr() {
    let out = docskill(&[
        "--log-format",
        "json",
        "opc",
        "ls",
        fixture("minimal.docx").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let line: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(line["level"], "INFO");
    assert_eq!(line["fields"]["op"], "opc.ls");
    assert!(line["fields"]["elapsed_ms"].is_u64());
    let out = docskill(&[
        "--log-format",
        "json",
        "--log-level",
        "warn",
        "opc",
        "ls",
        "missing.docx",
    ]);
    let first = String::from_utf8_lossy(&out.stderr)
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let line: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(line["level"], "WARN");
    assert_eq!(line["fields"]["code"], "io.not_found");
    // Without --log-format, standard error stays quiet on success.
    let out = docskill(&["opc", "ls", fixture("minimal.docx").to_str().unwrap()]);
    assert!(out.stderr.is_empty());
}
