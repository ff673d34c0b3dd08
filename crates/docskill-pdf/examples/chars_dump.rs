//! Positioned characters of one page, one per line (a debugging aid).
//!
//! ```text
//! cargo run -p docskill-pdf --example chars_dump FILE PAGE
//! ```

#![allow(clippy::print_stdout, reason = "a debugging tool prints")]

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(file), Some(page)) = (args.first(), args.get(1)) else {
        println!("usage: chars_dump FILE PAGE");
        return;
    };
    let bytes = std::fs::read(file).expect("read");
    let doc = docskill_pdf::open(&bytes, &docskill_pdf::OpenOptions::default()).expect("open");
    let options = docskill_pdf::TextOptions {
        pages: page.parse().expect("page range"),
        chars: true,
        ..docskill_pdf::TextOptions::default()
    };
    for p in docskill_pdf::page_texts(&doc, &options).expect("text") {
        for c in &p.chars {
            println!(
                "{:?}\t{:.2}\t{:.2}\t{:.2}\t{:.2}\t{}\t{:.2}\t{}",
                c.text, c.x0, c.top, c.x1, c.bottom, c.font, c.size, c.rotation
            );
        }
    }
}
