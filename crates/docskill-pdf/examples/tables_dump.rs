//! Prints what the crate reads from a PDF, for debugging and for timing the
//! library without the CLI:
//!
//! `cargo run --release -p docskill-pdf --example tables_dump -- FILE [auto|lines|text|md|plaintext]`
//!
//! `auto`, `lines`, `text`: the tables as JSON with that strategy; `md`: the
//! tables (auto) as Markdown; `plaintext`: the reading-order text.

#![allow(clippy::print_stdout, reason = "a debugging example")]

use docskill_pdf::{
    TableOptions, TableStrategy, TextOptions, extract_tables, extract_text, tables_markdown,
};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a PDF path");
    let mode = args.next().unwrap_or_else(|| "auto".into());
    let bytes = std::fs::read(&path).expect("readable file");
    if mode == "plaintext" {
        match extract_text(&bytes, &TextOptions::default()) {
            Ok(t) => print!("{t}"),
            Err(e) => println!("error: {e}"),
        }
        return;
    }
    let strategy = match mode.as_str() {
        "lines" => TableStrategy::Lines,
        "text" => TableStrategy::Text,
        _ => TableStrategy::Auto,
    };
    let options = TableOptions {
        strategy,
        ..TableOptions::default()
    };
    match extract_tables(&bytes, &options) {
        Ok(t) if mode == "md" => print!("{}", tables_markdown(&t)),
        Ok(t) => println!("{}", serde_json::to_string(&t).unwrap_or_default()),
        Err(e) => println!("error: {e}"),
    }
}
