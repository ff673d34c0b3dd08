//! DOCX: 100 tracked replacements in a 200-page document (the shape of the
//! reference workload W4: 5 paragraphs of ~90 words in 3 runs per page, a
//! heading every 10 pages, 100 unique targets), built in memory so the bench
//! needs no input files. Also text extraction of the same document.

use std::fmt::Write as _;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use docskill_docx::{ChangeView, Docx, Edit, Revision};
use docskill_opc::{Limits, Package};

const WORDS: &[&str] = &[
    "alpha",
    "beta",
    "gamma",
    "delta",
    "contract",
    "party",
    "agreement",
    "clause",
    "term",
    "payment",
    "invoice",
    "delivery",
    "schedule",
    "notice",
    "liability",
    "warranty",
    "service",
    "license",
];

/// A deterministic 200-page document and its 100 (old, new) pairs.
fn document() -> (Vec<u8>, Vec<(String, String)>) {
    let mut seed: u64 = 4242;
    let mut word = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        WORDS[usize::try_from(seed >> 33).unwrap() % WORDS.len()]
    };
    let mut sentence = |n: usize| (0..n).map(|_| word()).collect::<Vec<_>>().join(" ") + ".";
    let mut body = String::new();
    let mut pairs = Vec::new();
    for page in 1..=200 {
        if page % 10 == 1 {
            let _ = write!(
                body,
                r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Section {}</w:t></w:r></w:p>"#,
                page / 10 + 1
            );
        }
        for j in 0..5 {
            let mut a = format!("{} {} {}", sentence(12), sentence(12), sentence(12));
            if j == 2 && page % 2 == 0 {
                let k = pairs.len() + 1;
                let old = format!("ACME-{k:04} Corporation");
                let _ = write!(
                    a,
                    " The supplier {old} shall deliver the goods on schedule."
                );
                pairs.push((old, format!("Globex-{k:04} Holdings")));
            }
            let _ = write!(
                body,
                r#"<w:p><w:r><w:t xml:space="preserve">{a} </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{}</w:t></w:r><w:r><w:t xml:space="preserve"> {} {}</w:t></w:r></w:p>"#,
                sentence(6),
                sentence(12),
                sentence(12)
            );
        }
    }
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>"#
    );
    let ct = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let pkg = Package::from_parts(
        [
            ("[Content_Types].xml".to_owned(), ct.as_bytes().to_vec()),
            ("_rels/.rels".to_owned(), rels.as_bytes().to_vec()),
            ("word/document.xml".to_owned(), doc.into_bytes()),
        ],
        &Limits::default(),
    )
    .unwrap();
    (pkg.to_bytes().unwrap(), pairs)
}

fn bench(c: &mut Criterion) {
    let (bytes, pairs) = document();
    assert_eq!(pairs.len(), 100);
    let edits: Vec<Edit> = pairs.iter().map(|(o, n)| Edit::replace(o, n)).collect();
    let who = Revision {
        author: "Agent".into(),
        date: Some("2026-01-01T00:00:00Z".into()),
    };
    let limits = Limits::default();
    let mut g = c.benchmark_group("docx");
    g.sample_size(20);
    g.throughput(Throughput::Elements(100));
    g.bench_function("w4/open+100 tracked replacements+write", |b| {
        b.iter_batched(
            || bytes.clone(),
            |input| {
                let mut d = Docx::open(input, &limits).unwrap();
                d.apply(&edits, &who).unwrap();
                d.to_bytes().unwrap()
            },
            BatchSize::LargeInput,
        );
    });
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("w4/open+text", |b| {
        b.iter_batched(
            || bytes.clone(),
            |input| {
                Docx::open(input, &limits)
                    .unwrap()
                    .paragraphs(ChangeView::Accept)
                    .len()
            },
            BatchSize::LargeInput,
        );
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
