//! Every OOXML file of the shared corpus either opens or fails with the typed
//! error its MANIFEST features predict; every file that opens survives a no-op
//! round trip with every part byte-identical, and its XML survives
//! pretty-printing and condensing with text content unchanged.
//!
//! Skipped (with a message) when `../shared/corpus` is absent.

#![expect(
    clippy::print_stderr,
    reason = "tests say on stderr what they skipped and measured"
)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use docskill_opc::{Error, ForeignFormat, Limits, Package, xml};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if dir.join("MANIFEST.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: shared corpus not found at {}", dir.display());
        None
    }
}

/// (path, features) of every OOXML file in the manifest.
fn ooxml_files(dir: &std::path::Path) -> Vec<(String, Vec<String>)> {
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    manifest
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let path = cols[0];
            let kind = path.split('/').next()?;
            ["docx", "xlsx", "pptx"].contains(&kind).then(|| {
                let features = cols
                    .get(6)
                    .unwrap_or(&"")
                    .split(',')
                    .map(str::to_owned)
                    .collect();
                (path.to_owned(), features)
            })
        })
        .collect()
}

/// Files whose failure the manifest features do not predict, with the error they must give.
const KNOWN_INVALID: &[(&str, &str)] = &[("xlsx/poi__invalid.xlsx", "corrupt-zip")];

fn error_class(e: &Error) -> &'static str {
    match e {
        Error::NotZip(ForeignFormat::EncryptedOffice) => "encrypted-ooxml",
        Error::NotZip(ForeignFormat::LegacyDoc | ForeignFormat::OleCompound) => "cfb-container",
        Error::CorruptZip(_) | Error::NotZip(_) | Error::MissingContentTypes => "corrupt-zip",
        _ => "other",
    }
}

#[test]
fn every_corpus_package_opens_or_fails_as_predicted_and_round_trips() {
    let Some(dir) = corpus() else { return };
    let limits = Limits::default();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut slowest = (0.0f64, String::new());
    for (path, features) in ooxml_files(&dir) {
        let bytes = std::fs::read(dir.join(&path)).unwrap();
        let t = Instant::now();
        let pkg = match Package::open(bytes, &limits) {
            Ok(p) => p,
            Err(e) => {
                let class = error_class(&e);
                let predicted = features.iter().any(|f| f == class)
                    || KNOWN_INVALID.iter().any(|(p, c)| *p == path && *c == class);
                if predicted {
                    *counts.entry(class).or_default() += 1;
                } else {
                    failures.push(format!(
                        "{path}: unexpected error {e} (features {features:?})"
                    ));
                }
                continue;
            }
        };
        for f in ["encrypted-ooxml", "corrupt-zip", "cfb-container"] {
            if features.iter().any(|x| x == f) {
                failures.push(format!("{path}: opened although the manifest says {f}"));
            }
        }
        let out = pkg.to_bytes().unwrap();
        let again = Package::open(out.clone(), &limits).unwrap();
        let secs = t.elapsed().as_secs_f64();
        if secs > slowest.0 {
            slowest = (secs, path.clone());
        }
        assert_eq!(
            out,
            again.to_bytes().unwrap(),
            "{path}: writing is not deterministic"
        );
        let names: Vec<String> = pkg.part_names().collect();
        assert_eq!(
            names,
            again.part_names().collect::<Vec<_>>(),
            "{path}: part order changed"
        );
        assert_eq!(
            pkg.content_types_xml(),
            again.content_types_xml(),
            "{path}: content types"
        );
        for name in &names {
            let (a, b) = (pkg.read_part(name), again.read_part(name));
            match (a, b) {
                (Ok(a), Ok(b)) => {
                    assert!(a == b, "{path}: part {name} changed in the round trip");
                    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
                    if matches!(ext.as_deref(), Some("xml" | "rels")) {
                        check_layout(&path, name, &a, &mut failures);
                    }
                }
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => failures.push(format!("{path}: {name}: {a:?} vs {b:?}")),
            }
        }
        *counts.entry("round-tripped").or_default() += 1;
    }
    eprintln!(
        "corpus OOXML: {counts:?}; slowest open+round trip: {:.1} ms ({})",
        slowest.0 * 1e3,
        slowest.1
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(counts["round-tripped"] > 300, "{counts:?}");
}

/// `condense(pretty(x)) == condense(x)`, and the text content of `x` is unchanged.
fn check_layout(path: &str, name: &str, x: &[u8], failures: &mut Vec<String>) {
    let l = Limits::default();
    let Ok(c) = xml::condense(x, name, &l) else {
        // Not well-formed to begin with: the pretty printer must refuse it too.
        assert!(xml::pretty(x, name, &l).is_err(), "{path}: {name}");
        return;
    };
    let p = xml::pretty(x, name, &l).unwrap();
    let cp = xml::condense(&p, name, &l).unwrap();
    if cp != c {
        failures.push(format!(
            "{path}: {name}: pretty + condense differs from condense"
        ));
    }
    if text_of(x) != text_of(&cp) {
        failures.push(format!(
            "{path}: {name}: text content changed by pretty + condense"
        ));
    }
}

/// Concatenated text of the text-bearing elements (w:t, a:t, t, delText, instrText, v, f).
fn text_of(x: &[u8]) -> String {
    const TEXT: [&str; 5] = ["t", "delText", "instrText", "v", "f"];
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_reader(x);
    r.config_mut().trim_text(false);
    let mut out = String::new();
    let mut inside = 0usize;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) if TEXT.contains(&e.local_name().into_inner()) => inside += 1,
            Ok(Event::End(e)) if TEXT.contains(&e.local_name().into_inner()) => {
                inside -= 1;
                out.push('|');
            }
            Ok(Event::Text(t)) if inside > 0 => out.push_str(&t),
            Ok(Event::GeneralRef(g)) if inside > 0 => out.push_str(&g),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}
