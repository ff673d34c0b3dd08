//! PPTX: inventory of a 100-slide deck (target under 50 ms) and the W5 job —
//! replace every title, body and table cell of a 30-slide deck (title slide,
//! then title + 5 bullets on two levels, a 5 × 4 table on every third slide).
//! Both decks are built in memory with `pptx build`, so the bench needs no
//! input files; the side-by-side run against python-pptx on the real W5 file
//! is described in benches/README.md.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use docskill_opc::Limits;
use docskill_pptx::build::{
    BulletSlide, Item, Outline, SlideSpec, TEMPLATE_LIGHT, TableSlide, TitleSlide, build,
};
use docskill_pptx::{Pptx, Replacements};
use serde_json::{Map, Value, json};

const WORDS: &[&str] = &[
    "revenue", "growth", "market", "customer", "product", "quarter", "margin", "team", "plan",
    "risk", "launch", "region", "cost", "pipeline", "target", "review",
];

fn sentence(seed: &mut u64, n: usize) -> String {
    (0..n)
        .map(|_| {
            *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            WORDS[usize::try_from(*seed >> 33).unwrap() % WORDS.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A deck of `n` slides shaped like W5.
fn deck(n: usize) -> Vec<u8> {
    let mut seed = 555;
    let mut slides = vec![SlideSpec::Title(TitleSlide {
        title: "{{deck_title}}".into(),
        subtitle: Some("{{deck_subtitle}}".into()),
        notes: None,
    })];
    for i in 1..n {
        let title = format!("{{{{title_{i}}}}}");
        if i % 3 == 0 {
            let rows = (0..5)
                .map(|r| {
                    (0..4)
                        .map(|c| {
                            if r == 0 {
                                format!("Head{c}")
                            } else {
                                format!("R{r}C{c}")
                            }
                        })
                        .collect()
                })
                .collect();
            slides.push(SlideSpec::Table(TableSlide {
                title,
                rows,
                header: true,
                notes: None,
            }));
        } else {
            let bullets = (0..5)
                .map(|j| {
                    let t = sentence(&mut seed, 7);
                    if j % 2 == 1 {
                        Item::Nested(docskill_pptx::build::NestedItem {
                            text: t,
                            items: vec![Item::Text(sentence(&mut seed, 5))],
                            bullet: true,
                        })
                    } else {
                        Item::Text(t)
                    }
                })
                .collect();
            slides.push(SlideSpec::Bullets(BulletSlide {
                title,
                bullets,
                notes: None,
            }));
        }
    }
    let outline = Outline { slides };
    build(
        &outline,
        TEMPLATE_LIGHT,
        &std::collections::BTreeMap::default(),
        &Limits::default(),
    )
    .unwrap()
    .0
}

/// Replacements for every title, body and table of the deck.
fn replacements(bytes: &[u8]) -> Replacements {
    let deck = Pptx::open(bytes.to_vec(), &Limits::default()).unwrap();
    let inv = deck.inventory().unwrap();
    let mut seed = 7;
    let mut all = Map::new();
    for (i, s) in inv.slides.iter().enumerate() {
        let mut shapes = Map::new();
        for sh in &s.shapes {
            let v = if sh.kind == "table" {
                let rows: Vec<Vec<String>> = (0..5)
                    .map(|r| {
                        (0..4)
                            .map(|c| {
                                if r == 0 {
                                    format!("Metric {c}")
                                } else {
                                    format!("{}", r * 1000 + c)
                                }
                            })
                            .collect()
                    })
                    .collect();
                json!({ "rows": rows })
            } else if sh.paragraphs.len() > 1 {
                json!((0..5).map(|_| sentence(&mut seed, 8)).collect::<Vec<_>>())
            } else {
                json!([format!("Slide {i}: {}", sentence(&mut seed, 4))])
            };
            shapes.insert(sh.name.clone(), v);
        }
        all.insert(format!("slide-{i}"), Value::Object(shapes));
    }
    Replacements::from_json(&Value::Object(all)).unwrap()
}

/// The real W5 files (`gen_w5.py` output in `$BENCH_DIR/data`, default
/// `target/bench/data`), with the W5 replacements turned into ours (`"@table"`
/// becomes the slide's table by name).
fn real_w5() -> Option<(Vec<u8>, Replacements)> {
    let dir = std::env::var("BENCH_DIR").unwrap_or_else(|_| "target/bench".into());
    let deck = std::fs::read(format!("{dir}/data/w5.pptx")).ok()?;
    let spec: Value =
        serde_json::from_slice(&std::fs::read(format!("{dir}/data/w5_repl.json")).ok()?).ok()?;
    let inv = Pptx::open(deck.clone(), &Limits::default())
        .ok()?
        .inventory()
        .ok()?;
    let mut all = Map::new();
    for (k, shapes) in spec.as_object()? {
        let i: usize = k.parse().ok()?;
        let mut out = Map::new();
        for (name, v) in shapes.as_object()? {
            if name == "@table" {
                let t = inv.slides[i].shapes.iter().find(|s| s.kind == "table")?;
                out.insert(t.name.clone(), json!({ "rows": v }));
            } else {
                out.insert(name.clone(), v.clone());
            }
        }
        all.insert(format!("slide-{i}"), Value::Object(out));
    }
    Some((deck, Replacements::from_json(&Value::Object(all)).ok()?))
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    let big = deck(100);
    let mut g = c.benchmark_group("pptx");
    g.sample_size(20);
    g.throughput(Throughput::Elements(100));
    g.bench_function("inventory/100 slides (open+inventory)", |b| {
        b.iter_batched(
            || big.clone(),
            |input| {
                Pptx::open(input, &limits)
                    .unwrap()
                    .inventory()
                    .unwrap()
                    .slides
                    .len()
            },
            BatchSize::LargeInput,
        );
    });
    let w5 = deck(30);
    let repl = replacements(&w5);
    g.throughput(Throughput::Elements(30));
    g.bench_function("w5/open+replace 30 slides+write", |b| {
        b.iter_batched(
            || w5.clone(),
            |input| {
                let mut d = Pptx::open(input, &limits).unwrap();
                d.replace(&repl).unwrap();
                d.to_bytes().unwrap()
            },
            BatchSize::LargeInput,
        );
    });
    if let Some((deck, repl)) = real_w5() {
        g.bench_function("w5/real w5.pptx open+replace+write", |b| {
            b.iter_batched(
                || deck.clone(),
                |input| {
                    let mut d = Pptx::open(input, &limits).unwrap();
                    d.replace(&repl).unwrap();
                    d.to_bytes().unwrap()
                },
                BatchSize::LargeInput,
            );
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
