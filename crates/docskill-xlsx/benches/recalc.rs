//! W3 of `../shared/bench`: 25,000 rows × 4 formulas (arithmetic, SUM over 10
//! cells, IF, VLOOKUP exact into a 1,000-row table; ~1% #N/A), recalculated and
//! written. Uses `$BENCH_DIR/data/w3_25000.xlsx` (or `target/bench/data/`) when
//! `gen_w3.py` made it, else builds the same workbook here.
//!
//! Also the layout of the 1,000,000-formula workload (`scripts/gen_recalc_1m.py`:
//! arithmetic, SUMIFS by category and XLOOKUP exact into 10,000-row tables, IF)
//! at `RECALC_1M_ROWS` rows (default 25,000, so 100,000 formulas and a run of
//! about a minute), with its chunks deflated on rayon's pool as the ops layer does.

#![expect(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a toy random generator for test data"
)]

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use docskill_opc::pool::Pool;
use docskill_xlsx::recalc::{RecalcOptions, recalc, recalc_with};
use docskill_xlsx::{BuildOptions, WorkbookSpec, build};
use serde_json::{Value, json};

/// The W3 workbook as `gen_w3.py` lays it out (values from a fixed LCG).
fn generate(rows: usize) -> Vec<u8> {
    let mut seed: u64 = 777;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut data: Vec<Value> = vec![json!(["id", "price", "qty"])];
    for i in 1..=rows + 10 {
        let price = (next() * 10_000.0).round() / 100.0;
        let qty = 1 + (next() * 50.0) as u64 % 50;
        data.push(json!([i, price, qty]));
    }
    let lookup: Vec<Value> = (1..=1000)
        .map(|k| json!([k, ((0.5 + next()) * 10_000.0).round() / 10_000.0]))
        .collect();
    let mut calc: Vec<Value> = vec![json!(["amount", "sum10", "band", "rate"])];
    for i in 1..=rows {
        let rr = i + 1;
        let key = (i * 7919) % 1010 + 1;
        calc.push(json!([
            {"formula": format!("=Data!B{rr}*Data!C{rr}+1")},
            {"formula": format!("=SUM(Data!B{rr}:B{})", rr + 9)},
            {"formula": format!("=IF(A{rr}>2500,\"high\",\"low\")")},
            {"formula": format!("=VLOOKUP({key},Lookup!$A$1:$B$1000,2,FALSE)")},
        ]));
    }
    let spec: WorkbookSpec = serde_json::from_value(json!({"sheets": [
        {"name": "Data", "rows": data},
        {"name": "Lookup", "rows": lookup},
        {"name": "Calc", "rows": calc},
    ]}))
    .expect("spec");
    build(&spec, &BuildOptions::default()).expect("build").0
}

/// The layout of `scripts/gen_recalc_1m.py` at `rows` rows (values from a fixed LCG).
fn generate_1m_layout(rows: usize) -> Vec<u8> {
    const TABLE: usize = 10_000;
    let mut seed: u64 = 777;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut data: Vec<Value> = vec![json!(["id", "cat", "qty", "price", "key"])];
    for i in 1..=rows {
        let qty = 1 + (next() * 50.0) as u64 % 50;
        let price = (next() * 10_000.0).round() / 100.0;
        let key = (i * 7919) % (TABLE + TABLE / 100) + 1;
        data.push(json!([i, format!("C{}", (i * 37) % 105), qty, price, key]));
    }
    let mut table: Vec<Value> = vec![json!(["key", "cat", "amount", "rate"])];
    for k in 1..=TABLE {
        let amount = (next() * 100_000.0).round() / 100.0;
        let rate = ((0.5 + next()) * 10_000.0).round() / 10_000.0;
        table.push(json!([k, format!("c{}", k % 100), amount, rate]));
    }
    let t = TABLE + 1;
    let mut calc: Vec<Value> = vec![json!(["amount", "by_cat", "rate", "band"])];
    for i in 1..=rows {
        let r = i + 1;
        calc.push(json!([
            {"formula": format!("=Data!C{r}*Data!D{r}+1")},
            {"formula": format!("=SUMIFS(Table!$C$2:$C${t},Table!$B$2:$B${t},Data!B{r})")},
            {"formula": format!("=XLOOKUP(Data!E{r},Table!$A$2:$A${t},Table!$D$2:$D${t})")},
            {"formula": format!("=IF(A{r}>2500,\"high\",\"low\")")},
        ]));
    }
    let spec: WorkbookSpec = serde_json::from_value(json!({"sheets": [
        {"name": "Data", "rows": data},
        {"name": "Table", "rows": table},
        {"name": "Calc", "rows": calc},
    ]}))
    .expect("spec");
    build(&spec, &BuildOptions::default()).expect("build").0
}

fn w3() -> Vec<u8> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dirs = [
        std::env::var_os("BENCH_DIR").map(PathBuf::from),
        Some(root.join("target/bench")),
    ];
    for d in dirs.into_iter().flatten() {
        if let Ok(b) = std::fs::read(d.join("data/w3_25000.xlsx")) {
            return b;
        }
    }
    generate(25_000)
}

fn bench(c: &mut Criterion) {
    let bytes = w3();
    let limits = docskill_opc::Limits::default();
    let mut g = c.benchmark_group("xlsx_recalc");
    g.sample_size(10);
    g.throughput(Throughput::Elements(100_000));
    g.bench_function("w3_100k_formulas_recalc_and_write", |b| {
        b.iter(|| recalc(bytes.clone(), &RecalcOptions::default(), &limits).expect("recalc"));
    });
    // As the ops layer runs it: on rayon's pool.
    let on_rayon = |tasks: &mut [&mut (dyn FnMut() + Send)]| {
        use rayon::prelude::*;
        tasks.par_iter_mut().for_each(|t| t());
    };
    let on_pool = Pool {
        threads: rayon::current_num_threads(),
        run: &on_rayon,
    };
    g.bench_function("w3_100k_formulas_recalc_and_write_parallel_deflate", |b| {
        b.iter(|| {
            recalc_with(bytes.clone(), &RecalcOptions::default(), &limits, on_pool).expect("recalc")
        });
    });
    let rows: usize = std::env::var("RECALC_1M_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(25_000);
    let big = generate_1m_layout(rows);
    g.throughput(Throughput::Elements(rows as u64 * 4));
    g.bench_function(
        format!(
            "sumifs_xlookup_{}k_formulas_recalc_and_write",
            rows * 4 / 1000
        ),
        |b| {
            b.iter(|| {
                recalc_with(big.clone(), &RecalcOptions::default(), &limits, on_pool)
                    .expect("recalc")
            });
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
