//! Batch jobs: a JSON Lines file of requests, run in parallel, one result line
//! per job in input order, resumable, and splittable into shards.
//!
//! Jobs are read and run in chunks, so memory stays flat however long the
//! file is; with `keep_going` off no job starts after one has failed (jobs
//! already running finish and are recorded).

use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{Context, OpError, Request, Response, execute};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Worker threads (native builds; 0 = one per core).
    pub jobs: usize,
    /// Run every job even after one fails.
    pub keep_going: bool,
    /// `(i, n)`: run only the jobs whose index is `i - 1` modulo `n` (1-based `i`).
    pub shard: Option<(usize, usize)>,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Jobs in this shard.
    pub total: usize,
    /// Jobs that ran and succeeded.
    pub ok: usize,
    /// Jobs that ran and failed.
    pub failed: usize,
    /// Jobs skipped because a previous run recorded their result.
    pub skipped: usize,
    /// Jobs not run because an earlier one failed (without `keep_going`).
    pub not_run: usize,
}

impl BatchSummary {
    /// The summary as JSON.
    pub fn to_json(&self) -> Value {
        json!({
            "total": self.total, "ok": self.ok, "failed": self.failed,
            "skipped": self.skipped, "not_run": self.not_run,
        })
    }
}

/// A job's identity for `--resume`: the request line and the bytes of its
/// `input` file, so a changed input runs again.
fn job_hash(line: &str, request: Option<&Value>, ctx: &Context) -> String {
    let mut h = Sha256::new();
    h.update(line.trim().as_bytes());
    if let Some(input) = request.and_then(|r| r.get("input")).and_then(Value::as_str)
        && let Ok(bytes) = std::fs::read(ctx.path(std::path::Path::new(input)))
    {
        h.update([0]);
        h.update(&bytes);
    }
    super::fs::hex(&h.finalize())
}

/// The hashes of the jobs a results file records (succeeded or failed).
pub fn recorded_hashes(results: impl BufRead) -> HashSet<String> {
    results
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<Value>(&l).ok())
        .filter_map(|v| v["hash"].as_str().map(str::to_owned))
        .collect()
}

fn run_one(index: usize, line: &str, ctx: &Context) -> (bool, Value) {
    let parsed: Result<Value, _> = serde_json::from_str(line);
    let hash = job_hash(line, parsed.as_ref().ok(), ctx);
    let answer = match parsed {
        Err(e) => Response::failure(
            None,
            &OpError::new("usage", format!("job {index} is not valid JSON: {e}")),
        ),
        Ok(v) => match Request::from_json(&v) {
            Err(e) => Response::failure(v.get("op").and_then(Value::as_str), &e),
            Ok(req) => match execute(&req, ctx) {
                Ok(resp) => serde_json::to_value(&resp).unwrap_or_default(),
                Err(e) => Response::failure(Some(req.op()), &e),
            },
        },
    };
    let ok = answer["ok"] == true;
    (
        ok,
        json!({ "job": index, "hash": hash, "ok": ok, "response": answer }),
    )
}

/// A job once the batch got to it: its result, or `None` when it was not run
/// because another job had failed.
type Outcome = Option<(bool, Value)>;

fn run_guarded(
    i: usize,
    line: &str,
    ctx: &Context,
    stop: &AtomicBool,
    keep_going: bool,
) -> Outcome {
    if stop.load(Ordering::Relaxed) {
        return None;
    }
    let (ok, v) = run_one(i, line, ctx);
    if !ok && !keep_going {
        stop.store(true, Ordering::Relaxed);
    }
    Some((ok, v))
}

#[cfg(feature = "parallel")]
fn run_chunk(
    chunk: &[(usize, String)],
    ctx: &Context,
    pool: &rayon::ThreadPool,
    stop: &AtomicBool,
    keep_going: bool,
) -> Vec<Outcome> {
    use rayon::prelude::*;
    pool.install(|| {
        chunk
            .par_iter()
            .map(|(i, l)| run_guarded(*i, l, ctx, stop, keep_going))
            .collect()
    })
}

/// Stands in for the thread pool where there are no threads.
#[cfg(not(feature = "parallel"))]
struct Serial;

#[cfg(not(feature = "parallel"))]
fn run_chunk(
    chunk: &[(usize, String)],
    ctx: &Context,
    _: &Serial,
    stop: &AtomicBool,
    keep_going: bool,
) -> Vec<Outcome> {
    chunk
        .iter()
        .map(|(i, l)| run_guarded(*i, l, ctx, stop, keep_going))
        .collect()
}

/// Run the jobs of `jobs` (one request per non-empty line), writing one result
/// line per job to `results` in input order. Jobs whose hash is in `done` are
/// skipped. `progress` hears the number of jobs finished so far.
///
/// # Errors
/// Reading the jobs or writing the results failed.
pub fn run_batch<S: std::hash::BuildHasher>(
    jobs: impl BufRead,
    results: &mut dyn Write,
    done: &HashSet<String, S>,
    opts: &BatchOptions,
    ctx: &Context,
    progress: &dyn Fn(usize),
) -> std::io::Result<BatchSummary> {
    #[cfg(feature = "parallel")]
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build()
        .map_err(std::io::Error::other)?;
    #[cfg(not(feature = "parallel"))]
    let pool = Serial;
    let chunk_size = 256 * opts.jobs.max(1);
    let mut summary = BatchSummary::default();
    let mut chunk: Vec<(usize, String)> = Vec::with_capacity(chunk_size);
    let stop = AtomicBool::new(false);
    let mut index = 0;
    let mut lines = jobs.lines();
    loop {
        let line = lines.next().transpose()?;
        let end = line.is_none();
        if let Some(line) = line
            && !line.trim().is_empty()
        {
            let i = index;
            index += 1;
            let mine = opts.shard.is_none_or(|(s, n)| i % n == s - 1);
            if mine {
                summary.total += 1;
                if stop.load(Ordering::Relaxed) {
                    summary.not_run += 1;
                } else if !done.is_empty()
                    && done.contains(&job_hash(
                        &line,
                        serde_json::from_str(&line).ok().as_ref(),
                        ctx,
                    ))
                {
                    summary.skipped += 1;
                } else {
                    chunk.push((i, line));
                }
            }
        }
        if chunk.len() >= chunk_size || (end && !chunk.is_empty()) {
            for outcome in run_chunk(&chunk, ctx, &pool, &stop, opts.keep_going) {
                let Some((ok, v)) = outcome else {
                    summary.not_run += 1;
                    continue;
                };
                if ok {
                    summary.ok += 1;
                } else {
                    summary.failed += 1;
                }
                serde_json::to_writer(&mut *results, &v)?;
                results.write_all(b"\n")?;
            }
            results.flush()?;
            chunk.clear();
            progress(summary.ok + summary.failed + summary.skipped);
        }
        if end {
            break;
        }
    }
    Ok(summary)
}
