//! PDF throughput on workload W6 of `../shared/bench`: a 100-page text PDF
//! with a ruled table on every page (`$BENCH_DIR/data/w6.pdf`, made by
//! `sh ../shared/bench/gen_all.sh`, default `BENCH_DIR` the workspace's
//! `target/bench`); tables (auto and lines) and reading-order text over all
//! pages. Without W6 the table fixture `fixtures/pdf/table-ruled-merged.pdf`
//! is measured instead.
//!
//! `cargo bench -p docskill-pdf --bench pdf`

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use docskill_pdf::{
    OpenOptions, TableOptions, TableStrategy, TextOptions, open, page_tables, page_texts,
};

fn input() -> (String, Vec<u8>) {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let dir = std::env::var("BENCH_DIR").map_or_else(|_| root.join("target/bench"), PathBuf::from);
    let w6 = dir.join("data/w6.pdf");
    if let Ok(bytes) = std::fs::read(&w6) {
        return ("w6".into(), bytes);
    }
    let fixture = root.join("fixtures/pdf/table-ruled-merged.pdf");
    let bytes = std::fs::read(&fixture).expect("the table fixture");
    ("table-ruled-merged".into(), bytes)
}

fn bench(c: &mut Criterion) {
    let (name, bytes) = input();
    let mut g = c.benchmark_group(format!("pdf/{name}"));
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    for (label, strategy) in [
        ("tables_auto", TableStrategy::Auto),
        ("tables_lines", TableStrategy::Lines),
    ] {
        g.bench_function(label, |b| {
            b.iter(|| {
                let doc = open(&bytes, &OpenOptions::default()).expect("opens");
                let options = TableOptions {
                    strategy,
                    ..TableOptions::default()
                };
                page_tables(&doc, &options).expect("tables")
            });
        });
    }
    g.bench_function("text", |b| {
        b.iter(|| {
            let doc = open(&bytes, &OpenOptions::default()).expect("opens");
            page_texts(&doc, &TextOptions::default()).expect("text")
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
