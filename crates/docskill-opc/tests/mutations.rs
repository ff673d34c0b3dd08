//! Damaged packages never panic: a fixed-seed generator flips bytes, cuts
//! files short and splices pieces of real packages, and every entry point
//! (open, list, read every part, check, pretty, condense) must answer with a
//! value or an error. A cheap, deterministic stand-in for the fuzz targets in
//! `fuzz/`, run on every `cargo test`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use docskill_opc::{Limits, Package, check, xml};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap()
    }
}

fn mutate(src: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = src.to_vec();
    match rng.below(4) {
        0 => {
            for _ in 0..=rng.below(8) {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
        }
        1 => b.truncate(rng.below(b.len())),
        2 => {
            // Overwrite a 4-byte field with an extreme value (sizes, offsets, counts).
            let i = rng.below(b.len().saturating_sub(4));
            let v: [u8; 4] =
                [[0xFF; 4], [0; 4], [0x7F, 0xFF, 0xFF, 0xFF], [1, 0, 0, 0]][rng.below(4)];
            b[i..i + 4].copy_from_slice(&v);
        }
        _ => {
            let (a, n) = (rng.below(b.len()), rng.below(512));
            let piece = b[a..(a + n).min(b.len())].to_vec();
            let at = rng.below(b.len());
            b.splice(at..at, piece);
        }
    }
    b
}

fn exercise(bytes: Vec<u8>, limits: &Limits) {
    let Ok(pkg) = Package::open_lenient(bytes, limits) else {
        return;
    };
    let _ = check(&pkg);
    for p in pkg.parts() {
        let Ok(data) = pkg.read_part(&p.name) else {
            continue;
        };
        let is_xml = p
            .name
            .rsplit_once('.')
            .is_some_and(|(_, e)| e.eq_ignore_ascii_case("xml"));
        if let Some(pretty) = is_xml
            .then(|| xml::pretty(&data, &p.name, limits).ok())
            .flatten()
        {
            xml::condense(&pretty, &p.name, limits).expect("pretty output condenses");
        }
    }
    let _ = pkg.to_bytes();
}

fn inputs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut v = vec![
        root.join("fixtures/opc/minimal.docx"),
        root.join("fixtures/opc/check-problems.docx"),
    ];
    let corpus = root.join("../shared/corpus");
    for name in [
        "docx/mammoth__comments.docx",
        "xlsx/calamine__date.xlsx",
        "pptx/pypptx__txt-font-props.pptx",
        "docx/oxsdk__mcdoc.docx",
    ] {
        if corpus.join(name).is_file() {
            v.push(corpus.join(name));
        }
    }
    v
}

#[test]
fn damaged_packages_never_panic() {
    // Tight limits keep each mutant cheap even when a flip inflates a size field.
    let limits = Limits {
        max_part_size: 8 << 20,
        max_total_uncompressed: 32 << 20,
        ..Limits::default()
    };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut slowest = Duration::ZERO;
    let mut runs = 0;
    for path in inputs() {
        let src = std::fs::read(&path).unwrap();
        for _ in 0..300 {
            let m = mutate(&src, &mut rng);
            let t = Instant::now();
            exercise(m, &limits);
            slowest = slowest.max(t.elapsed());
            runs += 1;
        }
    }
    assert!(runs >= 600);
    assert!(
        slowest < Duration::from_secs(2),
        "slowest mutant took {slowest:?}"
    );
}
