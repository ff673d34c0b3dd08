//! `docskill batch`: jobs in parallel, results in input order, resume, shards.

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

/// 40 jobs over three formats; every 10th asks for a file that does not exist,
/// and one line is not JSON.
fn jobs(dir: &Path) -> PathBuf {
    let docx = root().join("fixtures/docx/review.docx");
    let xlsx = root().join("fixtures/xlsx/full.xlsx");
    let mut lines = Vec::new();
    for i in 0..40 {
        let line = match i % 10 {
            9 => serde_json::json!({"op": "opc.ls", "input": dir.join("missing.docx")}).to_string(),
            0 | 3 | 6 => serde_json::json!({"op": "docx.text", "input": docx, "changes": "all"}).to_string(),
            1 | 4 | 7 => serde_json::json!({"op": "xlsx.info", "input": xlsx}).to_string(),
            _ => serde_json::json!({"op": "docx.edit", "input": docx, "output": dir.join(format!("out{i}.docx")),
                "author": "Batch", "date": "2026-11-22", "edits": [{"replace": {"find": "thirty", "replace": "forty"}}]}).to_string(),
        };
        lines.push(line);
        if i == 20 {
            lines.push("{not json".to_owned());
            lines.push(String::new());
        }
    }
    let path = dir.join("jobs.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

fn results(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn keep_going_runs_everything_in_order_and_resume_does_nothing_more() {
    let tmp = tempfile::tempdir().unwrap();
    let jobs = jobs(tmp.path());
    let res = tmp.path().join("results.jsonl");
    let (j, r) = (jobs.to_str().unwrap(), res.to_str().unwrap());
    let out = docskill(&[
        "batch",
        j,
        "--results",
        r,
        "--keep-going",
        "--jobs",
        "2",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1), "some jobs fail on purpose");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            &summary["total"],
            &summary["ok"],
            &summary["failed"],
            &summary["skipped"]
        ),
        (&41.into(), &36.into(), &5.into(), &0.into())
    );
    let lines = results(&res);
    let order: Vec<u64> = lines.iter().map(|l| l["job"].as_u64().unwrap()).collect();
    assert_eq!(order, (0..41).collect::<Vec<_>>(), "input order");
    let codes: Vec<&str> = lines
        .iter()
        .filter(|l| l["ok"] == false)
        .map(|l| l["response"]["error"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "io.not_found",
            "io.not_found",
            "usage",
            "io.not_found",
            "io.not_found"
        ]
    );
    assert_eq!(
        lines[2]["response"]["result"]["edits"][0]["addresses"][0], "p2",
        "{}",
        lines[2]
    );
    // Nothing changed: a resumed run skips every recorded job and writes nothing.
    let resume = [
        "batch",
        j,
        "--results",
        r,
        "--keep-going",
        "--resume",
        "--json",
    ];
    let out = docskill(&resume);
    assert_eq!(out.status.code(), Some(0));
    let again: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (&again["skipped"], &again["failed"], &again["ok"]),
        (&41.into(), &0.into(), &0.into())
    );
    assert_eq!(results(&res).len(), 41);
    // A changed input runs again: the missing file now exists (and is no package).
    std::fs::write(tmp.path().join("missing.docx"), b"not a zip").unwrap();
    let out = docskill(&resume);
    let third: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (&third["skipped"], &third["failed"]),
        (&37.into(), &4.into())
    );
}

#[test]
fn without_keep_going_no_job_starts_after_a_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let jobs = jobs(tmp.path());
    let res = tmp.path().join("results.jsonl");
    let out = docskill(&[
        "batch",
        jobs.to_str().unwrap(),
        "--results",
        res.to_str().unwrap(),
        "--jobs",
        "1",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // One worker: jobs 0-8 succeed, job 9 fails, the other 31 never start.
    assert_eq!(
        (&summary["ok"], &summary["failed"], &summary["not_run"]),
        (&9.into(), &1.into(), &31.into())
    );
    assert_eq!(results(&res).len(), 10);
}

#[test]
fn shards_split_the_jobs_deterministically() {
    let tmp = tempfile::tempdir().unwrap();
    let jobs = jobs(tmp.path());
    let mut seen = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let res = tmp.path().join(format!("r{}.jsonl", &shard[..1]));
        let out = docskill(&[
            "batch",
            jobs.to_str().unwrap(),
            "--results",
            res.to_str().unwrap(),
            "--keep-going",
            "--shard",
            shard,
        ]);
        assert!(out.status.code().is_some());
        seen.extend(results(&res).iter().map(|l| l["job"].as_u64().unwrap()));
    }
    seen.sort_unstable();
    assert_eq!(
        seen,
        (0..41).collect::<Vec<_>>(),
        "every job in exactly one shard"
    );
    let bad = docskill(&["batch", jobs.to_str().unwrap(), "--shard", "4/3"]);
    assert_eq!(bad.status.code(), Some(2));
}
