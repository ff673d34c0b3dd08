//! Render every slide of a deck to PNGs: `cargo run -p docskill-render --example render_deck -- IN.pptx OUT_DIR [WIDTH]`.

#![expect(
    clippy::print_stderr,
    reason = "a command-line example reports what it skipped"
)]

use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(out)) = (args.get(1), args.get(2)) else {
        return Err("usage: render_deck IN.pptx OUT_DIR [WIDTH]".into());
    };
    let width = args.get(3).and_then(|w| w.parse().ok()).unwrap_or(480);
    std::fs::create_dir_all(out)?;
    let mut r =
        docskill_render::Renderer::open(std::fs::read(input)?, &docskill_opc::Limits::default())?;
    for i in 0..r.slide_count() {
        let s = r.render(i, width)?;
        std::fs::write(format!("{out}/slide-{}.png", i + 1), s.png()?)?;
        for k in &s.skipped {
            eprintln!("slide {}: {} {}: {}", i + 1, k.shape, k.element, k.reason);
        }
    }
    Ok(())
}
