//! Rendering speed: 30 slides (the 5-slide fixture six times over, as a
//! 30-slide deck would be drawn) at thumbnail width, and a contact sheet.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use docskill_render::{GridOptions, Renderer, grid};

fn deck() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/pptx/basic.pptx"
    ))
    .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let bytes = deck();
    let mut g = c.benchmark_group("render");
    g.sample_size(10);
    g.throughput(Throughput::Elements(30));
    g.bench_function("thumbnails_30_slides_480px", |b| {
        b.iter(|| {
            let mut r = Renderer::open(bytes.clone(), &docskill_opc::Limits::default()).ok();
            let n = r.as_ref().map_or(0, Renderer::slide_count);
            let mut pngs = 0;
            if let Some(r) = r.as_mut() {
                for i in 0..30 {
                    if let Ok(s) = r.render(i % n.max(1), 480) {
                        pngs += s.png().map_or(0, |p| p.len());
                    }
                }
            }
            black_box(pngs)
        });
    });
    g.bench_function("grid_30_slides_320px", |b| {
        b.iter(|| {
            let mut r = Renderer::open(bytes.clone(), &docskill_opc::Limits::default()).ok();
            let n = r.as_ref().map_or(0, Renderer::slide_count);
            let mut tiles = Vec::new();
            if let Some(r) = r.as_mut() {
                for i in 0..30 {
                    if let Ok(s) = r.render(i % n.max(1), 320) {
                        tiles.push(s);
                    }
                }
            }
            black_box(grid(&tiles, &GridOptions::default()).map(|v| v.len()).ok())
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
