//! Printing answers: JSON for machines, plain text for people. A closed pipe is not an error.

use std::fmt::Write as _;
use std::io::Write;

use docskill::ops::{OpError, Response};

/// Write to standard output, ignoring a closed pipe.
pub fn stdout(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes).and_then(|()| out.flush());
}

/// Write one line to standard error.
pub fn stderr_line(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// Write progress to standard error without a newline (a terminal redraws it).
pub fn stderr_progress(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Print a JSON value, pretty, with a final newline.
pub fn json(value: &serde_json::Value) {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    stdout(s.as_bytes());
}

/// Print a successful response as JSON.
pub fn response_json(resp: &Response) {
    json(&serde_json::to_value(resp).unwrap_or_default());
}

/// Print warnings for people.
pub fn warnings(resp: &Response) {
    for w in &resp.warnings {
        stderr_line(&format!("warning: {w}"));
    }
}

/// Report a failure and return its exit code.
pub fn failure(op: Option<&str>, err: &OpError, as_json: bool) -> u8 {
    if as_json {
        json(&Response::failure(op, err));
    } else {
        stderr_line(&format!("error: {err}"));
    }
    if err.is_usage() { 2 } else { 1 }
}

/// One `wrote PATH (N bytes, sha256 H)` line per output file.
pub fn written(resp: &Response) -> String {
    let mut s = String::new();
    for o in &resp.outputs {
        let _ = writeln!(
            s,
            "wrote {} ({} bytes, sha256 {})",
            o.path, o.bytes, o.sha256
        );
    }
    s
}
