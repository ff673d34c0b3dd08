//! `docskill batch JOBS.jsonl`: many requests in parallel, a result line each.

use std::collections::HashSet;
use std::io::{BufReader, IsTerminal, Write};
use std::time::Instant;

use docskill::ops::OpError;
use docskill::ops::batch::{BatchOptions, recorded_hashes, run_batch};

use crate::cli::args::BatchArgs;
use crate::cli::output;

fn fail(message: String) -> u8 {
    output::failure(Some("batch"), &OpError::new("usage", message), false)
}

pub fn run(a: &BatchArgs, json: bool) -> u8 {
    let jobs = match std::fs::File::open(&a.file) {
        Ok(f) => BufReader::new(f),
        Err(e) => return fail(format!("cannot read {}: {e}", a.file.display())),
    };
    let done: HashSet<String> = match (&a.results, a.resume) {
        (Some(path), true) => std::fs::File::open(path)
            .map(|f| recorded_hashes(BufReader::new(f)))
            .unwrap_or_default(),
        _ => HashSet::new(),
    };
    let mut sink: Box<dyn Write> = match &a.results {
        Some(path) => {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .write(true)
                .append(a.resume)
                .truncate(!a.resume)
                .open(path);
            match file {
                Ok(f) => Box::new(std::io::BufWriter::new(f)),
                Err(e) => return fail(format!("cannot write {}: {e}", path.display())),
            }
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let opts = BatchOptions {
        jobs: a.threads,
        keep_going: a.keep_going,
        shard: a.shard,
    };
    let tty = std::io::stderr().is_terminal();
    let progress = |n: usize| {
        if tty {
            output::stderr_progress(&format!("\r{n} jobs done"));
        }
    };
    let start = Instant::now();
    let summary = match run_batch(jobs, &mut *sink, &done, &opts, &super::context(), &progress) {
        Ok(s) => s,
        Err(e) => return fail(format!("batch stopped: {e}")),
    };
    drop(sink);
    let elapsed = start.elapsed().as_millis();
    if tty {
        output::stderr_progress("\r");
    }
    let mut v = summary.to_json();
    v["elapsed_ms"] = serde_json::json!(u64::try_from(elapsed).unwrap_or(u64::MAX));
    if json && a.results.is_some() {
        output::json(&v);
    }
    output::stderr_line(&format!(
        "{} jobs: {} ok, {} failed, {} skipped (recorded before), {} not run; {elapsed} ms",
        summary.total, summary.ok, summary.failed, summary.skipped, summary.not_run
    ));
    u8::from(summary.failed > 0)
}
