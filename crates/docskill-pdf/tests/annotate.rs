//! `annotate` on fixtures/pdf/rotated-offset-pages.pdf (pages turned 90 and
//! 270 degrees, offset media and crop boxes): the annotations, their
//! appearance streams and the flattened page content, as snapshots.

use docskill_pdf::annotate::{Align, AnnotateOptions, TextBox, annotate};
use docskill_pdf::{Document, OpenOptions, open};
use lopdf::{Dictionary, Object};
use serde_json::{Value, json};

fn pages() -> Document {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/pdf/rotated-offset-pages.pdf"
    );
    open(&std::fs::read(path).unwrap(), &OpenOptions::default()).unwrap()
}

fn boxes() -> Vec<TextBox> {
    let one = |page, rect, text: &str| TextBox {
        page,
        rect,
        image_size: None,
        text: text.into(),
        font_size: 0.0,
        align: Align::Left,
        color: None,
    };
    vec![
        TextBox {
            font_size: 11.0,
            ..one(1, [100.0, 100.0, 300.0, 130.0], "Left at 11 pt")
        },
        TextBox {
            align: Align::Center,
            ..one(2, [100.0, 100.0, 300.0, 130.0], "Centred, sized to fit")
        },
        TextBox {
            align: Align::Right,
            font_size: 9.0,
            color: Some([0.8, 0.1, 0.1]),
            ..one(
                3,
                [100.0, 100.0, 260.0, 160.0],
                "Right-aligned red text that wraps onto a second line\nand a third",
            )
        },
        TextBox {
            image_size: Some([1200.0, 1600.0]),
            ..one(4, [200.0, 400.0, 600.0, 460.0], "Pixels of a 2x image")
        },
    ]
}

fn num(o: &Object) -> Value {
    match o {
        Object::Integer(i) => json!(i),
        Object::Real(r) => json!((f64::from(*r) * 1000.0).round() / 1000.0),
        Object::Name(n) => json!(String::from_utf8_lossy(n)),
        Object::Array(a) => Value::Array(a.iter().map(num).collect()),
        other => json!(format!("{other:?}")),
    }
}

fn entry(d: &Dictionary, key: &[u8]) -> Value {
    d.get(key).map_or(Value::Null, num)
}

#[test]
fn annotations_with_appearances() {
    let mut doc = pages();
    let report = annotate(&mut doc, &boxes(), AnnotateOptions::default()).unwrap();
    assert!(!report.flattened);
    let bytes = docskill_pdf::save(doc.lopdf_mut()).unwrap();
    let again = open(&bytes, &OpenOptions::default()).unwrap();
    let lo = again.lopdf();
    let mut out = Vec::new();
    for page in again.pages() {
        let dict = lo.get_dictionary(page.id).unwrap();
        let Ok(annots) = dict.get(b"Annots").and_then(|a| lo.dereference(a)) else {
            continue;
        };
        for a in annots.1.as_array().unwrap() {
            let annot = lo.dereference(a).unwrap().1.as_dict().unwrap();
            let ap = annot.get(b"AP").unwrap().as_dict().unwrap();
            let n = lo.dereference(ap.get(b"N").unwrap()).unwrap().1;
            let s = n.as_stream().unwrap();
            out.push(json!({
                "page_rotate": page.rotate,
                "subtype": entry(annot, b"Subtype"),
                "rect": entry(annot, b"Rect"),
                "da": String::from_utf8_lossy(annot.get(b"DA").unwrap().as_str().unwrap()),
                "contents": String::from_utf8_lossy(annot.get(b"Contents").unwrap().as_str().unwrap()),
                "bbox": entry(&s.dict, b"BBox"),
                "matrix": entry(&s.dict, b"Matrix"),
                "stream": String::from_utf8_lossy(&s.content),
            }));
        }
    }
    assert_eq!(out.len(), 4);
    insta::assert_json_snapshot!(json!({ "report": report, "annotations": out }));
}

#[test]
fn flattened_into_the_page_content() {
    let mut doc = pages();
    let report = annotate(&mut doc, &boxes(), AnnotateOptions { flatten: true }).unwrap();
    assert!(report.flattened);
    let bytes = docskill_pdf::save(doc.lopdf_mut()).unwrap();
    let again = open(&bytes, &OpenOptions::default()).unwrap();
    let lo = again.lopdf();
    let mut out = Vec::new();
    for page in again.pages() {
        let dict = lo.get_dictionary(page.id).unwrap();
        assert!(
            dict.get(b"Annots").is_err(),
            "no annotations when flattened"
        );
        // The content the flattening appended: the last stream of the page.
        let contents = lo.dereference(dict.get(b"Contents").unwrap()).unwrap().1;
        let last = match contents {
            Object::Array(a) => a.last().unwrap().clone(),
            other => other.clone(),
        };
        let s = lo.dereference(&last).unwrap().1.as_stream().unwrap();
        let mut s = s.clone();
        let _ = s.decompress();
        // The form XObject it draws.
        let resources = lo.dereference(dict.get(b"Resources").unwrap()).unwrap().1;
        let xobjects = resources.as_dict().unwrap().get(b"XObject").unwrap();
        let xobjects = lo.dereference(xobjects).unwrap().1.as_dict().unwrap();
        let form = lo.dereference(xobjects.get(b"DsFlat0").unwrap()).unwrap().1;
        let form = form.as_stream().unwrap();
        out.push(json!({
            "page_rotate": page.rotate,
            "appended": String::from_utf8_lossy(&s.content),
            "form_bbox": entry(&form.dict, b"BBox"),
            "form_matrix": entry(&form.dict, b"Matrix"),
            "form": String::from_utf8_lossy(&form.content),
        }));
    }
    insta::assert_json_snapshot!(out);
}
