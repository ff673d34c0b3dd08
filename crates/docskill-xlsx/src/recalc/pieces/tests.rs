use std::io::Read;

use docskill_opc::deflate::WINDOW;
use docskill_opc::pool::Pool;

use super::{cuts, patch_deflated, tail_before};
use crate::edit::CachedValue;
use crate::recalc::patch::patch_into;

type Edit = ((usize, usize), usize);

/// A sheet of `rows` rows, each a plain cell then a formula cell whose old
/// value is `old` (long old values make the patched part shorter); the
/// formula cells are the edits, keyed by row.
fn sheet(rows: usize, old: &str) -> (Vec<u8>, Vec<Edit>) {
    let mut xml = b"<worksheet><sheetData>".to_vec();
    let mut edits = Vec::new();
    for r in 0..rows {
        xml.extend_from_slice(format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c>"#).as_bytes());
        let a = xml.len();
        xml.extend_from_slice(format!(r#"<c r="B{r}"><f>A{r}*2</f><v>{old}</v></c>"#).as_bytes());
        edits.push(((a, xml.len()), r));
        xml.extend_from_slice(b"</row>");
    }
    xml.extend_from_slice(b"</sheetData></worksheet>");
    (xml, edits)
}

fn value(r: usize) -> CachedValue {
    if r.is_multiple_of(7) {
        CachedValue::Text(format!("row {r}"))
    } else {
        CachedValue::Number(f64::from(u32::try_from(r).unwrap()) * 2.0)
    }
}

fn sequential(xml: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = Vec::new();
    patch_into(xml, edits, value, &mut out).unwrap();
    out
}

fn inflate(data: &[u8]) -> Vec<u8> {
    let mut back = Vec::new();
    flate2::read::DeflateDecoder::new(data)
        .read_to_end(&mut back)
        .unwrap();
    back
}

/// Runs a batch's tasks last to first, as threads may finish them.
fn backwards(tasks: &mut [&mut (dyn FnMut() + Send)]) {
    for t in tasks.iter_mut().rev() {
        t();
    }
}

const REVERSED: Pool<'static> = Pool {
    threads: 3,
    run: &backwards,
};

#[test]
fn cuts_never_fall_inside_an_edited_cell() {
    let e = |a, b| ((a, b), 0u8);
    // An edit ending at a target, one starting at a target, one across one.
    let edits = [e(5, 10), e(20, 25), e(28, 33)];
    assert_eq!(cuts(40, &edits, 10), [0, 10, 20, 28, 40]);
    // No edits: cuts at every multiple; a one-byte last range.
    assert_eq!(cuts(31, &[] as &[Edit], 10), [0, 10, 20, 30, 31]);
    assert_eq!(cuts(30, &[] as &[Edit], 10), [0, 10, 20, 30]);
    // A cell longer than a range takes the cuts it covers.
    assert_eq!(cuts(50, &[e(3, 35)], 10), [0, 3, 40, 50]);
    // A cell from the start: no empty first range.
    assert_eq!(cuts(25, &[e(0, 15)], 10), [0, 20, 25]);
    assert_eq!(cuts(0, &[] as &[Edit], 10), [0]);
    assert_eq!(cuts(7, &[] as &[Edit], 10), [0, 7]);
}

#[test]
fn pieces_inflate_to_the_sequential_patch() {
    for (rows, old, size) in [
        (3_000, "1", 16 * 1024),
        // Ranges far shorter than the window: the dictionary spans several.
        (3_000, "1", 1_000),
        // Long old values: a range's output is much shorter than its input.
        (600, &"9".repeat(300), 8 * 1024),
        (1, "1", 10),
        (0, "", 10),
    ] {
        let (xml, edits) = sheet(rows, old);
        let want = sequential(&xml, &edits);
        let d = patch_deflated(&xml, &edits, &value, size, Pool::SEQUENTIAL).unwrap();
        assert_eq!(d.size, want.len() as u64, "{rows} rows of {size}");
        assert_eq!(d.crc32, crc32fast::hash(&want));
        assert!(inflate(&d.data) == want, "{rows} rows of {size}");
        let again = patch_deflated(&xml, &edits, &value, size, REVERSED).unwrap();
        assert!(
            again == d,
            "{rows} rows of {size}: depends on the task order"
        );
    }
}

#[test]
fn a_range_with_no_edits_is_copied() {
    let (mut xml, mut edits) = sheet(50, "0");
    // 100 KiB without formulas in the middle, then more formula rows.
    xml.truncate(xml.len() - b"</sheetData></worksheet>".len());
    xml.extend_from_slice(&b"<row><c><v>7</v></c></row>".repeat(4_000));
    let (more, more_edits) = sheet(50, "0");
    let at = xml.len();
    xml.extend_from_slice(&more);
    edits.extend(
        more_edits
            .iter()
            .map(|&((a, b), r)| ((a + at, b + at), r + 50)),
    );
    let want = sequential(&xml, &edits);
    let d = patch_deflated(&xml, &edits, &value, 10_000, REVERSED).unwrap();
    assert!(inflate(&d.data) == want);
}

#[test]
fn the_dictionary_is_the_patched_output_before_the_cut() {
    let (xml, edits) = sheet(2_000, &"5".repeat(40));
    let want = sequential(&xml, &edits);
    for cut in cuts(xml.len(), &edits, 3_000) {
        let mut dict = Vec::new();
        tail_before(&xml, &edits, cut, &value, &mut dict).unwrap();
        // The patched output of the part before `cut`.
        let before = {
            let n = edits.partition_point(|((a, _), _)| *a < cut);
            let mut out = Vec::new();
            super::patch_range(&xml, 0..cut, &edits[..n], value, &mut out).unwrap();
            out
        };
        assert!(want.starts_with(&before));
        let keep = before.len().min(WINDOW);
        assert!(dict.len() >= keep, "{cut}");
        assert!(before.ends_with(&dict), "{cut}");
    }
}

#[test]
fn the_ratio_stays_near_one_stream() {
    let (xml, edits) = sheet(40_000, "0");
    let want = sequential(&xml, &edits);
    let d = patch_deflated(&xml, &edits, &value, 256 * 1024, Pool::SEQUENTIAL).unwrap();
    let whole = docskill_opc::deflate::DeflateJob {
        dict: &[],
        data: &want,
        last: true,
    }
    .run();
    assert!(
        d.data.len() < whole.len() + whole.len() / 50,
        "{} against {}",
        d.data.len(),
        whole.len()
    );
}

#[test]
fn bad_spans_are_an_error() {
    let (xml, mut edits) = sheet(400, "1");
    edits[300].0.0 = edits[299].0.0 + 3;
    assert!(patch_deflated(&xml, &edits, &value, 1_000, REVERSED).is_err());
    edits[300].0 = (xml.len() + 10, xml.len() + 20);
    assert!(patch_deflated(&xml, &edits, &value, 1_000, REVERSED).is_err());
    edits.truncate(301);
    edits[300].0 = (xml.len() - 5, xml.len() + 1);
    assert!(patch_deflated(&xml, &edits, &value, 1_000, REVERSED).is_err());
}
