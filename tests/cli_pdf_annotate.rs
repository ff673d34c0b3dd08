//! `docskill pdf annotate`: text lands in its box on plain, rotated and
//! offset pages, in points and in page-image pixels. Poppler checks it:
//! `pdftotext -bbox` on the flattened file, `pdftoppm` renderings of the
//! annotations.

#![expect(clippy::print_stderr, reason = "tests say on stderr what they skipped")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pages_fixture() -> PathBuf {
    root().join("fixtures/pdf/rotated-offset-pages.pdf")
}

fn docskill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docskill"))
        .args(args)
        .output()
        .unwrap()
}

fn poppler(bin: &str) -> Option<PathBuf> {
    if Command::new(bin).arg("-v").output().is_ok() {
        return Some(PathBuf::from(bin));
    }
    assert!(
        std::env::var("DOCSKILL_REQUIRE_INTEROP").map_or(true, |v| v != "1"),
        "DOCSKILL_REQUIRE_INTEROP=1 but {bin} is missing"
    );
    eprintln!("skipping {bin} checks: poppler-utils not installed");
    None
}

/// Displayed page sizes of the fixture (after /Rotate, crop box).
const SIZES: [(f64, f64); 4] = [
    (612.0, 792.0),
    (792.0, 612.0),
    (512.0, 692.0),
    (692.0, 512.0),
];

/// One box per page, in points from the displayed top-left; pages 3 and 4
/// also get a pixel box for a 2x image that means the same place.
fn boxes() -> Value {
    let mut v = Vec::new();
    for page in 1..=4u32 {
        v.push(json!({"page": page, "box": [100, 100, 300, 130],
                      "text": format!("Alpha{page}"), "font_size": 12}));
        let (w, h) = SIZES[page as usize - 1];
        v.push(
            json!({"page": page, "box": [200, 400, 600, 460], "image_size": [w * 2.0, h * 2.0],
                      "text": format!("Beta{page}"), "font_size": 12}),
        );
    }
    Value::Array(v)
}

fn annotate(t: &Path, flatten: bool) -> PathBuf {
    let spec = t.join("boxes.json");
    std::fs::write(&spec, boxes().to_string()).unwrap();
    let out = t.join(if flatten { "flat.pdf" } else { "annots.pdf" });
    let mut args: Vec<String> = vec![
        "--json".into(),
        "pdf".into(),
        "annotate".into(),
        pages_fixture().to_str().unwrap().to_owned(),
        spec.to_str().unwrap().to_owned(),
        "-o".into(),
        out.to_str().unwrap().to_owned(),
    ];
    if flatten {
        args.push("--flatten".into());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = docskill(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    out
}

/// `(word, [x0, y0, x1, y1])` from `pdftotext -cropbox -bbox` for one page.
fn words(bin: &Path, pdf: &Path, page: u32) -> Vec<(String, [f64; 4])> {
    let o = Command::new(bin)
        .args([
            "-cropbox",
            "-bbox",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let attr = |line: &str, name: &str| -> f64 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + line[start..].find('"').unwrap();
        line[start..end].parse().unwrap()
    };
    text.lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let word = l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_owned();
            (
                word,
                [
                    attr(l, "xMin"),
                    attr(l, "yMin"),
                    attr(l, "xMax"),
                    attr(l, "yMax"),
                ],
            )
        })
        .collect()
}

fn inside(word: [f64; 4], b: [f64; 4]) -> bool {
    word[0] >= b[0] - 0.5 && word[1] >= b[1] - 0.5 && word[2] <= b[2] + 0.5 && word[3] <= b[3] + 0.5
}

#[test]
fn flattened_text_lands_in_its_box_on_rotated_and_offset_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let flat = annotate(tmp.path(), true);
    let Some(bin) = poppler("pdftotext") else {
        return;
    };
    for page in 1..=4u32 {
        let found = words(&bin, &flat, page);
        let get = |w: &str| {
            found
                .iter()
                .find(|(t, _)| t == w)
                .unwrap_or_else(|| panic!("{w} not on page {page}: {found:?}"))
                .1
        };
        let alpha = get(&format!("Alpha{page}"));
        assert!(
            inside(alpha, [100.0, 100.0, 300.0, 130.0]),
            "page {page}: {alpha:?}"
        );
        // The 2x image box [200, 400, 600, 460] is [100, 200, 300, 230] in points.
        let beta = get(&format!("Beta{page}"));
        assert!(
            inside(beta, [100.0, 200.0, 300.0, 230.0]),
            "page {page}: {beta:?}"
        );
        // Upright: wider than tall.
        assert!(
            alpha[2] - alpha[0] > alpha[3] - alpha[1],
            "page {page}: {alpha:?}"
        );
        // The page's own text is still where it was.
        let own = get("Page");
        assert!((own[0] - 20.0).abs() < 1.0, "page {page}: {own:?}");
    }
}

/// Dark pixels of a P5 (binary PGM) image inside and outside `b` (pixels).
fn dark_pixels(pgm: &[u8], area: [usize; 4]) -> (usize, usize) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..i]).into_owned());
    }
    let w: usize = fields[1].parse().unwrap();
    let data = &pgm[i + 1..];
    let (mut inn, mut out) = (0, 0);
    for (k, px) in data.iter().enumerate() {
        if *px < 128 {
            let (x, y) = (k % w, k / w);
            if x >= area[0] && x < area[2] && y >= area[1] && y < area[3] {
                inn += 1;
            } else {
                out += 1;
            }
        }
    }
    (inn, out)
}

#[test]
fn annotations_render_in_their_boxes() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = annotate(tmp.path(), false);
    let Some(bin) = poppler("pdftoppm") else {
        return;
    };
    for page in 1..=4u32 {
        let prefix = tmp.path().join(format!("p{page}"));
        let o = Command::new(&bin)
            .args(["-cropbox", "-r", "72", "-gray", "-singlefile"])
            .args(["-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&pdf)
            .arg(&prefix)
            .output()
            .unwrap();
        assert!(o.status.success());
        let img = std::fs::read(prefix.with_extension("pgm")).unwrap();
        // Both boxes: [100, 100, 300, 130] and [100, 200, 300, 230]; the page's
        // own "Page N" sits at [20, 23, 58, 35].
        let (first_box, _) = dark_pixels(&img, [100, 100, 300, 131]);
        let (second_box, _) = dark_pixels(&img, [100, 200, 300, 231]);
        let (own, _) = dark_pixels(&img, [18, 20, 62, 38]);
        let (_, all) = dark_pixels(&img, [0, 0, 0, 0]);
        assert!(
            first_box > 20 && second_box > 20,
            "page {page}: {first_box} {second_box}"
        );
        assert_eq!(
            first_box + second_box + own,
            all,
            "page {page}: ink outside the boxes"
        );
    }
}

#[test]
fn bad_boxes_are_refused_before_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out.pdf");
    for (spec, code) in [
        (
            json!([{"page": 9, "box": [0, 0, 10, 10], "text": "x"}]),
            "pdf.page_range",
        ),
        (
            json!([{"page": 1, "box": [10, 0, 0, 10], "text": "x"}]),
            "pdf.bad_box",
        ),
        (
            json!([{"page": 1, "box": [0, 0, 10, 10], "txt": "x"}]),
            "usage",
        ),
    ] {
        let f = tmp.path().join("b.json");
        std::fs::write(&f, spec.to_string()).unwrap();
        let o = docskill(&[
            "--json",
            "pdf",
            "annotate",
            pages_fixture().to_str().unwrap(),
            f.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["error"]["code"], code, "{v}");
        assert!(!out.exists());
    }
}
