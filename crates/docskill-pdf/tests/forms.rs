//! Form fields, filling, appearance streams and flattening on fixtures/pdf/form.pdf.

use docskill_pdf::acroform::{self, FillOptions, FillValue};
use docskill_pdf::{Document, OpenOptions, open};

fn form() -> Document {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf/form.pdf");
    open(&std::fs::read(path).unwrap(), &OpenOptions::default()).unwrap()
}

fn values() -> Vec<(String, FillValue)> {
    let v = serde_json::json!({
        "applicant.name": "Jane Doe",
        "notes": "First line of a longer note that has to wrap inside the box.\nSecond paragraph.",
        "zip": "94110",
        "agree": true,
        "color": "green",
        "state": "New York",
        "fruits": ["Apple", "Cherry"],
    });
    serde_json::from_value::<std::collections::BTreeMap<String, FillValue>>(v)
        .unwrap()
        .into_iter()
        .collect()
}

#[test]
fn field_list() {
    let doc = form();
    insta::assert_json_snapshot!(acroform::fields(&doc));
}

#[test]
fn fill_writes_values_and_appearances() {
    let mut doc = form();
    let report = acroform::fill(&mut doc, &values(), FillOptions::default()).unwrap();
    assert_eq!(report.filled, 7);
    let bytes = docskill_pdf::save(doc.lopdf_mut()).unwrap();
    let again = open(&bytes, &OpenOptions::default()).unwrap();
    let form = acroform::fields(&again);
    assert!(!form.need_appearances);
    let get = |id: &str| {
        form.fields
            .iter()
            .find(|f| f.field_id == id)
            .unwrap()
            .value
            .clone()
    };
    assert_eq!(get("applicant.name"), Some("Jane Doe".into()));
    assert_eq!(get("agree"), Some(true.into()));
    assert_eq!(get("color"), Some("green".into()));
    assert_eq!(get("state"), Some("NY".into()));
    assert_eq!(get("fruits"), Some(serde_json::json!(["Apple", "Cherry"])));
    // The appearance streams, by field.
    let lo = again.lopdf();
    let mut streams = std::collections::BTreeMap::new();
    for f in &form.fields {
        if !matches!(
            f.field_id.as_str(),
            "applicant.name" | "notes" | "zip" | "state" | "fruits"
        ) {
            continue;
        }
        let widget = lo
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .find(|d| {
                d.get(b"T")
                    .ok()
                    .and_then(|t| t.as_str().ok())
                    .is_some_and(|t| f.field_id.ends_with(&*String::from_utf8_lossy(t)))
            })
            .unwrap();
        let ap = widget.get(b"AP").unwrap().as_dict().unwrap();
        let id = ap.get(b"N").unwrap().as_reference().unwrap();
        let s = lo.get_object(id).unwrap().as_stream().unwrap();
        streams.insert(
            f.field_id.clone(),
            String::from_utf8_lossy(&s.content).into_owned(),
        );
    }
    insta::assert_json_snapshot!(streams);
}

#[test]
fn validation_lists_every_problem() {
    let mut doc = form();
    let bad: Vec<(String, FillValue)> = vec![
        ("applicant.nam".into(), FillValue::Text("x".into())),
        ("applicant.email".into(), FillValue::Text("x".into())),
        ("zip".into(), FillValue::Text("123456".into())),
        ("color".into(), FillValue::Text("purple".into())),
        ("state".into(), FillValue::Text("ZZ".into())),
        ("agree".into(), FillValue::List(vec![])),
    ];
    let err = acroform::fill(&mut doc, &bad, FillOptions::default()).unwrap_err();
    assert_eq!(err.code(), "pdf.form_values");
    let docskill_pdf::PdfError::FormValues { problems } = err else {
        panic!()
    };
    let codes: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.field_id.as_str(), p.code))
        .collect();
    assert_eq!(
        codes,
        [
            ("applicant.nam", "unknown_field"),
            ("applicant.email", "read_only"),
            ("zip", "too_long"),
            ("color", "not_an_option"),
            ("state", "not_an_option"),
            ("agree", "wrong_type"),
        ]
    );
    assert_eq!(problems[0].valid[0], "applicant.name");
    assert_eq!(problems[3].valid, ["red", "green", "blue"]);
}

#[test]
fn flatten_leaves_no_fields() {
    let mut doc = form();
    let options = FillOptions { flatten: true };
    let report = acroform::fill(&mut doc, &values(), options).unwrap();
    assert!(report.flattened >= 7, "{report:?}");
    let bytes = docskill_pdf::save(doc.lopdf_mut()).unwrap();
    let again = open(&bytes, &OpenOptions::default()).unwrap();
    assert!(acroform::fields(&again).fields.is_empty());
}
