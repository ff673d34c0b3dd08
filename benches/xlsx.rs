//! XLSX throughput on workload W1 of `../shared/bench`: 100,000 rows × 10 columns (numbers,
//! text, booleans, a formula column `=A*B+C`), built from a spec with `docskill_xlsx::build`
//! and with `rust_xlsxwriter` used directly; then read back with `docskill_xlsx::read` and
//! with calamine used directly. `XLSX_BENCH_ROWS` changes the row count.

use std::io::Cursor;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use docskill_xlsx::spec::{CellObject, CellSpec, SheetSpec};
use docskill_xlsx::{BuildOptions, ReadOptions, WorkbookSpec};
use rust_xlsxwriter::{Formula, Workbook};

const HEADER: [&str; 10] = [
    "id", "price", "qty", "sku", "region", "score", "delta", "desc", "flag", "total",
];
const CATS: [&str; 5] = ["North", "South", "East", "West", "Central"];
const WORDS: [&str; 8] = [
    "alpha", "beta", "contract", "invoice", "margin", "region", "total", "budget",
];

fn rows() -> usize {
    std::env::var("XLSX_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000)
}

/// A small deterministic generator (xorshift), so every run writes the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    #[expect(clippy::cast_precision_loss, reason = "53 bits are plenty here")]
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    #[expect(clippy::cast_possible_truncation, reason = "modulo a small number")]
    fn below(&mut self, n: u64) -> usize {
        (self.next() % n) as usize
    }
}

/// One row of W1: the nine values (the formula is added by each writer).
enum V {
    N(f64),
    S(String),
    B(bool),
}

#[expect(clippy::cast_precision_loss, reason = "row numbers are small")]
fn row_values(r: &mut Rng, i: usize) -> [V; 9] {
    [
        V::N(i as f64),
        V::N((r.unit() * 1_000_000.0).round() / 1000.0),
        V::N(r.below(10_001) as f64),
        V::S(format!("item-{i:07}")),
        V::S(CATS[r.below(5)].to_owned()),
        V::N((r.unit() - 0.5) * 60.0 + 100.0),
        V::N(r.below(1001) as f64 - 500.0),
        V::S(
            (0..3)
                .map(|_| WORDS[r.below(8)])
                .collect::<Vec<_>>()
                .join(" "),
        ),
        V::B(r.below(2) == 0),
    ]
}

fn spec(n: usize) -> WorkbookSpec {
    let mut r = Rng(12345);
    let mut rows = Vec::with_capacity(n + 1);
    rows.push(
        HEADER
            .iter()
            .map(|h| CellSpec::Text((*h).to_owned()))
            .collect(),
    );
    for i in 1..=n {
        let rr = i + 1;
        let mut row: Vec<CellSpec> = row_values(&mut r, i)
            .into_iter()
            .map(|v| match v {
                V::N(x) => CellSpec::Number(x),
                V::S(s) => CellSpec::Text(s),
                V::B(b) => CellSpec::Bool(b),
            })
            .collect();
        row.push(CellSpec::Full(Box::new(CellObject {
            formula: Some(format!("=A{rr}*B{rr}+C{rr}")),
            ..CellObject::default()
        })));
        rows.push(row);
    }
    WorkbookSpec {
        sheets: vec![SheetSpec {
            name: "Data".into(),
            rows: rows.into(),
            ..SheetSpec::default()
        }],
        ..WorkbookSpec::default()
    }
}

fn direct(n: usize) -> Vec<u8> {
    let mut r = Rng(12345);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Data").unwrap();
    for (c, h) in (0u16..).zip(HEADER) {
        ws.write_string(0, c, h).unwrap();
    }
    for i in 1..=n {
        let row = u32::try_from(i).unwrap();
        for (c, v) in (0u16..).zip(row_values(&mut r, i)) {
            match v {
                V::N(x) => ws.write_number(row, c, x),
                V::S(s) => ws.write_string(row, c, s),
                V::B(b) => ws.write_boolean(row, c, b),
            }
            .unwrap();
        }
        let rr = i + 1;
        ws.write_formula(row, 9, Formula::new(format!("A{rr}*B{rr}+C{rr}")))
            .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

fn calamine_sum(bytes: &[u8]) -> usize {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("Data").unwrap();
    range.used_cells().count()
}

fn build_and_read(c: &mut Criterion) {
    let n = rows();
    let cells = (n as u64 + 1) * 10;
    let mut g = c.benchmark_group("xlsx-w1");
    g.sample_size(10);
    g.throughput(Throughput::Elements(cells));
    let s = spec(n);
    g.bench_function(format!("build-from-spec/{n}"), |b| {
        b.iter(|| docskill_xlsx::build(&s, &BuildOptions::default()).unwrap());
    });
    g.bench_function(format!("rust_xlsxwriter-direct/{n}"), |b| {
        b.iter(|| direct(n));
    });
    let bytes = docskill_xlsx::build(&s, &BuildOptions::default())
        .unwrap()
        .0;
    let opts = ReadOptions {
        max_cells: u64::MAX,
        ..ReadOptions::default()
    };
    let limits = docskill_opc::Limits::default();
    g.bench_function(format!("read/{n}"), |b| {
        b.iter(|| docskill_xlsx::read(&bytes, &opts, &limits).unwrap());
    });
    g.bench_function(format!("calamine-direct/{n}"), |b| {
        b.iter(|| calamine_sum(&bytes));
    });
    g.finish();
}

criterion_group!(benches, build_and_read);
criterion_main!(benches);
