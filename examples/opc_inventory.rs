//! List a package's parts and relationships, then save an untouched copy and
//! show that every part survived byte for byte.
//!
//! ```text
//! cargo run --example opc_inventory -- fixtures/opc/minimal.docx
//! ```

#![expect(clippy::print_stdout, reason = "an example prints what it finds")]

use docskill_opc::{Limits, Package, resolve_target};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixtures/opc/minimal.docx".into());
    let pkg = Package::open(std::fs::read(&path)?, &Limits::default())?;
    for part in pkg.parts() {
        let ct = part.content_type.as_deref().unwrap_or("(no content type)");
        println!("{:>8}  {}  {ct}", part.size, part.name);
    }
    for rel in pkg.relationships("/")?.items {
        let target = resolve_target("/", &rel.target).unwrap_or(rel.target);
        println!(
            "package -> {target}  ({})",
            rel.rel_type.rsplit('/').next().unwrap_or_default()
        );
    }
    let copy = Package::open(pkg.to_bytes()?, &Limits::default())?;
    let same = pkg
        .part_names()
        .all(|n| pkg.read_part(&n).ok() == copy.read_part(&n).ok());
    println!("round trip keeps every part byte for byte: {same}");
    Ok(())
}
