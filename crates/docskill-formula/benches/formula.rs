//! Calculation of a generated model mirroring workload W3 of
//! `/work/shared/bench` (`gen_w3.py`): per row an arithmetic formula, a SUM
//! over 10 cells, an IF and an exact VLOOKUP into a 1,000-row table.
//! 25,000 rows = 100,000 formulas.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use docskill_formula::{CalcOptions, Value, Workbook};

/// Deterministic pseudo-random numbers (the values do not matter, only their shape).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        #[expect(clippy::cast_precision_loss, reason = "53 bits")]
        let r = (self.0 >> 11) as f64 / (1u64 << 53) as f64;
        r
    }
}

fn w3(rows: u32) -> Workbook {
    let mut r = Lcg(777);
    let mut wb = Workbook::new();
    let data = wb.add_sheet("Data").unwrap();
    let lk = wb.add_sheet("Lookup").unwrap();
    let calc = wb.add_sheet("Calc").unwrap();
    for (c, h) in ["id", "price", "qty"].into_iter().enumerate() {
        wb.set_value(data, 0, u32::try_from(c).unwrap(), Value::text(h))
            .unwrap();
    }
    for i in 1..=rows + 10 {
        wb.set_value(data, i, 0, Value::Number(f64::from(i)))
            .unwrap();
        wb.set_value(
            data,
            i,
            1,
            Value::Number((r.next() * 10_000.0).round() / 100.0),
        )
        .unwrap();
        wb.set_value(data, i, 2, Value::Number((r.next() * 50.0).floor() + 1.0))
            .unwrap();
    }
    for k in 0..1000u32 {
        wb.set_value(lk, k, 0, Value::Number(f64::from(k + 1)))
            .unwrap();
        wb.set_value(lk, k, 1, Value::Number(0.5 + r.next()))
            .unwrap();
    }
    for (c, h) in ["amount", "sum10", "band", "rate"].into_iter().enumerate() {
        wb.set_value(calc, 0, u32::try_from(c).unwrap(), Value::text(h))
            .unwrap();
    }
    for i in 1..=rows {
        let rr = i + 1;
        let key = (u64::from(i) * 7919) % 1010 + 1;
        wb.set_formula(calc, i, 0, &format!("=Data!B{rr}*Data!C{rr}+1"))
            .unwrap();
        wb.set_formula(calc, i, 1, &format!("=SUM(Data!B{rr}:B{})", rr + 9))
            .unwrap();
        wb.set_formula(calc, i, 2, &format!("=IF(A{rr}>2500,\"high\",\"low\")"))
            .unwrap();
        wb.set_formula(
            calc,
            i,
            3,
            &format!("=VLOOKUP({key},Lookup!$A$1:$B$1000,2,FALSE)"),
        )
        .unwrap();
    }
    wb
}

fn bench(c: &mut Criterion) {
    let rows = 25_000;
    let model = w3(rows);
    let mut g = c.benchmark_group("w3");
    g.sample_size(10);
    g.throughput(Throughput::Elements(u64::from(rows) * 4));
    g.bench_function("build_100k_formulas", |b| b.iter(|| w3(rows)));
    g.bench_function("calculate_100k_formulas", |b| {
        b.iter_batched(
            || model.clone(),
            |mut wb| {
                let r = wb.calculate(&CalcOptions::default());
                assert_eq!(r.formulas, 100_000);
                r
            },
            BatchSize::LargeInput,
        );
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
