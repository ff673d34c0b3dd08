//! PDF: the W7 job (fill a 30-field form; a batch of 1,000 copies through
//! `pdf.fill_batch`, files written) and the W8 job (merge 50 copies of a
//! 100-page PDF). Inputs from `$BENCH_DIR/data` (default `target/bench`,
//! made by `sh ../shared/bench/gen_all.sh`); skipped with a message when absent.

#![expect(clippy::print_stderr, reason = "says what it skipped")]

use std::path::PathBuf;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use docskill::ops::Context;
use docskill::ops::pdf_batch::{DataFormat, PdfFillBatch, run_fill_batch};
use docskill::ops::pdf_forms::parse_values;
use docskill_pdf::OpenOptions;
use docskill_pdf::acroform::{FillOptions, FormTemplate};

fn data_dir() -> PathBuf {
    std::env::var_os("BENCH_DIR")
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench"),
            PathBuf::from,
        )
        .join("data")
}

fn w7(c: &mut Criterion) {
    let dir = data_dir();
    let (Ok(form), Ok(rows)) = (
        std::fs::read(dir.join("w7_form.pdf")),
        std::fs::read(dir.join("w7_rows.json")),
    ) else {
        eprintln!(
            "skipping W7: no {}/w7_form.pdf (run gen_all.sh)",
            dir.display()
        );
        return;
    };
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&rows).unwrap();
    let values: Vec<_> = rows.iter().map(|r| parse_values(r).unwrap()).collect();
    let template = FormTemplate::new(docskill_pdf::open(&form, &OpenOptions::default()).unwrap());
    let mut g = c.benchmark_group("w7");
    g.throughput(Throughput::Elements(1));
    let mut i = 0;
    g.bench_function("fill one form (in memory)", |b| {
        b.iter(|| {
            i = (i + 1) % values.len();
            template.fill(&values[i], FillOptions::default()).unwrap()
        });
    });
    // 1,000 rows as JSON Lines, filled by the ops layer into files.
    let tmp = tempfile::tempdir().unwrap();
    let jsonl = tmp.path().join("rows.jsonl");
    let mut text = String::new();
    for k in 0..1000 {
        text.push_str(&rows[k % rows.len()].to_string());
        text.push('\n');
    }
    std::fs::write(&jsonl, text).unwrap();
    let req = PdfFillBatch {
        input: dir.join("w7_form.pdf"),
        data: jsonl,
        format: Some(DataFormat::Jsonl),
        out_dir: tmp.path().join("out"),
        name: "{row}.pdf".into(),
        flatten: false,
        password: None,
        jobs: 0,
    };
    g.throughput(Throughput::Elements(1000));
    g.sample_size(10);
    g.bench_function("fill-batch 1000 forms to files", |b| {
        b.iter(|| {
            let (summary, _) =
                run_fill_batch(&req, &Context::default(), &mut |_, _, _| {}).unwrap();
            assert_eq!(summary.ok, 1000);
        });
    });
    g.finish();
}

fn w8(c: &mut Criterion) {
    let dir = data_dir().join("w8");
    let files: Vec<Vec<u8>> = (1..=50)
        .filter_map(|i| std::fs::read(dir.join(format!("copy_{i:02}.pdf"))).ok())
        .collect();
    if files.len() != 50 {
        eprintln!(
            "skipping W8: no {}/copy_01..50.pdf (run gen_all.sh)",
            dir.display()
        );
        return;
    }
    let mut g = c.benchmark_group("w8");
    g.sample_size(10);
    g.throughput(Throughput::Elements(50));
    g.bench_function("merge 50 x 100 pages (open, merge, write)", |b| {
        b.iter_batched(
            || (),
            |()| {
                let docs = files
                    .iter()
                    .map(|f| docskill_pdf::open(f, &OpenOptions::default()).unwrap())
                    .collect();
                let (mut merged, _) = docskill_pdf::pages::merge(docs).unwrap();
                docskill_pdf::save(&mut merged).unwrap()
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();
}

criterion_group!(benches, w7, w8);
criterion_main!(benches);
