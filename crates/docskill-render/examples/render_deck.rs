//! Render every slide of a deck to `OUT/slide-N.png` and print what was skipped.
//!
//! `cargo run -p docskill-render --example render_deck -- DECK.pptx OUT [WIDTH]`

#![allow(clippy::print_stdout, reason = "an example prints its results")]

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(deck), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: render_deck DECK.pptx OUT [WIDTH]".into());
    };
    let width = args.next().map_or(Ok(320), |w| w.parse())?;
    let mut r =
        docskill_render::Renderer::open(std::fs::read(deck)?, &docskill_opc::Limits::default())?;
    std::fs::create_dir_all(&out)?;
    for i in 0..r.slide_count() {
        let s = r.render(i, width)?;
        std::fs::write(format!("{out}/slide-{}.png", i + 1), s.png()?)?;
        for k in &s.skipped {
            println!("slide {}: {} {}: {}", i + 1, k.shape, k.element, k.reason);
        }
    }
    Ok(())
}
