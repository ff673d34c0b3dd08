//! OPC package throughput: open, read every part, write back (no-op round
//! trip), and pretty-print + condense XML, on the largest corpus packages
//! (skipped when `../shared/corpus` is absent) and on the project fixture.

use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use docskill_opc::{Limits, Package, xml};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v = vec![root.join("fixtures/opc/minimal.docx")];
    for name in [
        "pptx/poi__bug64693.pptx",
        "docx/oxsdk__Complex01.docx",
        "xlsx/poi__stress002.xlsx",
    ] {
        let p = root.join("../shared/corpus").join(name);
        if p.is_file() {
            v.push(p);
        }
    }
    v
}

fn round_trip(c: &mut Criterion) {
    let limits = Limits::default();
    let mut g = c.benchmark_group("opc");
    for path in inputs() {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(format!("open+write/{name}"), |b| {
            b.iter_batched(
                || bytes.clone(),
                |input| Package::open(input, &limits).unwrap().to_bytes().unwrap(),
                BatchSize::LargeInput,
            );
        });
        g.bench_function(format!("open+read-all/{name}"), |b| {
            b.iter_batched(
                || bytes.clone(),
                |input| {
                    let pkg = Package::open(input, &limits).unwrap();
                    pkg.part_names()
                        .map(|n| pkg.read_part(&n).map_or(0, |p| p.len()))
                        .sum::<usize>()
                },
                BatchSize::LargeInput,
            );
        });
        let pkg = Package::open(bytes.clone(), &limits).unwrap();
        let (part, biggest) = pkg
            .parts()
            .into_iter()
            .filter(|p| {
                p.content_type
                    .as_deref()
                    .is_some_and(|c| c.ends_with("xml"))
            })
            .max_by_key(|p| p.size)
            .map(|p| (p.name.clone(), pkg.read_part(&p.name).unwrap()))
            .unwrap();
        g.throughput(Throughput::Bytes(biggest.len() as u64));
        g.bench_function(format!("pretty+condense/{name}{part}"), |b| {
            b.iter(|| {
                let p = xml::pretty(&biggest, &part, &limits).unwrap();
                xml::condense(&p, &part, &limits).unwrap()
            });
        });
    }
    g.finish();
}

criterion_group!(benches, round_trip);
criterion_main!(benches);
