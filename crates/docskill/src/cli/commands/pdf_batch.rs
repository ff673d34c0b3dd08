//! `docskill pdf fill-batch`: one JSON line per row on standard output as
//! rows finish (in row order), progress on a terminal, a summary on standard error.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use docskill::ops::Request;
use docskill::ops::pdf_batch::{PdfFillBatch, run_fill_batch};

use super::execute_and_print;
use crate::cli::output;

pub fn run(req: PdfFillBatch, json: bool) -> u8 {
    if json {
        return execute_and_print(&Request::PdfFillBatch(req), true, |_| {});
    }
    let tty = std::io::stderr().is_terminal();
    let start = Instant::now();
    let mut out = std::io::stdout().lock();
    let mut closed = false;
    let mut on_row = |line: &serde_json::Value, done: usize, total: usize| {
        if !closed {
            let mut s = line.to_string();
            s.push('\n');
            closed = out.write_all(s.as_bytes()).is_err();
        }
        if tty && (done.is_multiple_of(8) || done == total) {
            output::stderr_progress(&format!("\r{done}/{total} forms"));
        }
    };
    let result = run_fill_batch(&req, &super::context(), &mut on_row);
    let _ = out.flush();
    drop(out);
    if tty {
        output::stderr_progress("\r\x1b[K");
    }
    match result {
        Ok((summary, _)) => {
            let ms = start.elapsed().as_millis();
            output::stderr_line(&format!(
                "{} rows: {} filled, {} failed; {ms} ms",
                summary.total, summary.ok, summary.failed
            ));
            u8::from(summary.failed > 0)
        }
        Err(e) => output::failure(Some("pdf.fill_batch"), &e, false),
    }
}
