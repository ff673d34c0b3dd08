//! Prints the tables of a PDF as Markdown: `cargo run -p docskill-pdf --example tables_dump -- FILE [lines|text|auto]`.

#![allow(clippy::print_stdout, reason = "a debugging example")]

use docskill_pdf::{TableOptions, TableStrategy, extract_tables, tables_markdown};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a PDF path");
    let strategy = match args.next().as_deref() {
        Some("lines") => TableStrategy::Lines,
        Some("text") => TableStrategy::Text,
        _ => TableStrategy::Auto,
    };
    let bytes = std::fs::read(&path).expect("readable file");
    match extract_tables(
        &bytes,
        &TableOptions {
            strategy,
            ..TableOptions::default()
        },
    ) {
        Ok(t) => print!("{}", tables_markdown(&t)),
        Err(e) => println!("error: {e}"),
    }
}
