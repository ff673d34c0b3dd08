//! Recalculates a workbook file and writes the result, printing how long it
//! took: the library without the CLI, for profiling.
//!
//! ```sh
//! cargo run --release -p docskill-xlsx --example recalc_file -- IN.xlsx OUT.xlsx
//! ```

#![expect(clippy::print_stdout, reason = "an example that reports timings")]

use std::time::Instant;

use docskill_xlsx::recalc::{RecalcOptions, recalc};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: recalc_file IN.xlsx OUT.xlsx".into());
    };
    let t = Instant::now();
    let bytes = std::fs::read(&input)?;
    let limits = docskill_opc::Limits::default();
    let (out, report) = recalc(bytes, &RecalcOptions::default(), &limits)?;
    let computed = t.elapsed();
    std::fs::write(&output, &out)?;
    println!(
        "{input}: {} formulas, {} errors, recalc {:.3} s, total {:.3} s",
        report.total_formulas,
        report.total_errors,
        computed.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
