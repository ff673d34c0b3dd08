//! The `docskill` command line: a thin layer over `docskill::ops`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
