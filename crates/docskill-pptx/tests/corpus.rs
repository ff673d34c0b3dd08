//! Every PPTX/POTX in the shared corpus that opens: inventory and text succeed;
//! assemble duplicating the first slide and dropping the last gives an `opc check`-clean package.

#![expect(clippy::print_stderr, reason = "says what was skipped and counted")]

use docskill_opc::{Limits, Package, check};
use docskill_pptx::{Pptx, slide_texts};

#[test]
fn corpus_inventory_text_and_assemble() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/pptx");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no corpus at {}", dir.display());
        return;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    let limits = Limits::default();
    let (mut opened, mut failures) = (0, Vec::new());
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let Ok(mut deck) = Pptx::open(bytes.clone(), &limits) else {
            continue;
        };
        opened += 1;
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let inv = match deck.inventory() {
            Ok(i) => i,
            Err(e) => {
                failures.push(format!("{name}: inventory: {e}"));
                continue;
            }
        };
        let _ = slide_texts(&inv);
        let n = deck.slide_count();
        if n == 0 {
            continue;
        }
        let before: Vec<String> = check(&Package::open(bytes, &limits).unwrap())
            .into_iter()
            .map(|f| format!("{} {}", f.code, f.part))
            .collect();
        let mut order = vec![0];
        order.extend(0..n - 1);
        if let Err(e) = deck.assemble(&order, &[]) {
            failures.push(format!("{name}: assemble: {e}"));
            continue;
        }
        let out = Package::open(deck.to_bytes().unwrap(), &limits).unwrap();
        // Only problems the original did not have count against us.
        let new: Vec<String> = check(&out)
            .into_iter()
            .map(|f| format!("{} {}", f.code, f.part))
            .filter(|f| !before.contains(f))
            .collect();
        if !new.is_empty() {
            failures.push(format!("{name}: opc check after assemble: {new:?}"));
        }
    }
    eprintln!("{opened} corpus decks opened");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
