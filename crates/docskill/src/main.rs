//! The `docskill` command line: a thin layer over `docskill::ops`.

#![forbid(unsafe_code)]

mod cli;

#[cfg(not(target_family = "wasm"))]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
