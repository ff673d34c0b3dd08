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
    if let Some(format) = cli.log_format {
        init_logs(format, cli.log_level);
    }
    let code = commands::dispatch(cli);
    ExitCode::from(code)
}

/// Structured logs on standard error (`--log-format`).
fn init_logs(format: args::LogFormat, level: args::LogLevel) {
    use tracing_subscriber::filter::LevelFilter;
    let level = match level {
        args::LogLevel::Error => LevelFilter::ERROR,
        args::LogLevel::Warn => LevelFilter::WARN,
        args::LogLevel::Info => LevelFilter::INFO,
        args::LogLevel::Debug => LevelFilter::DEBUG,
        args::LogLevel::Trace => LevelFilter::TRACE,
    };
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_ansi(false);
    let _ = match format {
        args::LogFormat::Json => builder.json().try_init(),
        args::LogFormat::Text => builder.try_init(),
    };
}
