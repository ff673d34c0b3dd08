//! The `docskill` command line: a thin layer over `docskill::ops`.

#![forbid(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
