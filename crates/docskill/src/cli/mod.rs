//! CLI: parse arguments, build a request, execute it, print the answer.

mod args;
mod commands;
#[cfg(feature = "mcp")]
mod mcp;
mod output;

use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;

/// Exit codes: 0 success, 1 the operation failed, 2 bad usage.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = commands::dispatch(cli);
    ExitCode::from(code)
}
