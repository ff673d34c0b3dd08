use super::{OpenOptions, open};
use crate::{Limits, PdfError};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn with_password(p: &str) -> OpenOptions {
    OpenOptions {
        password: Some(p.into()),
        ..OpenOptions::default()
    }
}

#[test]
fn opens_plain_file() {
    let doc = open(&fixture("hello.pdf"), &OpenOptions::default()).unwrap();
    assert_eq!(doc.page_count(), 1);
    assert_eq!(doc.version(), "1.7");
    assert_eq!(doc.encryption(), None);
    assert!(!doc.xref_repaired());
    let page = doc.page(1).unwrap();
    assert_eq!(page.media_box, [0.0, 0.0, 612.0, 792.0]);
    assert_eq!(page.rotate, 0);
    assert!(page.resources.is_some());
    assert!(matches!(doc.page(2), Err(PdfError::PageRange { .. })));
}

#[test]
fn skips_junk_and_repairs_xref() {
    let doc = open(&fixture("junk-before-header.pdf"), &OpenOptions::default()).unwrap();
    assert_eq!(doc.page_count(), 1);
    let doc = open(&fixture("broken-xref.pdf"), &OpenOptions::default()).unwrap();
    assert_eq!(doc.page_count(), 1);
    assert!(doc.xref_repaired());
}

#[test]
fn decrypts_with_empty_password() {
    for (name, method) in [
        ("encrypted-rc4-40-empty.pdf", "RC4 40-bit"),
        ("encrypted-rc4-128-empty.pdf", "RC4 128-bit"),
        ("encrypted-aes-128-empty.pdf", "AES-128"),
        ("encrypted-aes-256-empty.pdf", "AES-256 (R6)"),
    ] {
        let doc =
            open(&fixture(name), &OpenOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.page_count(), 1, "{name}");
        assert_eq!(doc.encryption(), Some(method), "{name}");
    }
}

#[test]
fn password_needed_wrong_and_right() {
    for (name, method) in [
        ("encrypted-aes-256-user.pdf", "AES-256 (R6)"),
        ("encrypted-rc4-128-user.pdf", "RC4 128-bit"),
    ] {
        let bytes = fixture(name);
        assert_eq!(
            open(&bytes, &OpenOptions::default()).unwrap_err(),
            PdfError::Encrypted {
                method: method.into()
            },
            "{name}"
        );
        assert_eq!(
            open(&bytes, &with_password("nope")).unwrap_err(),
            PdfError::WrongPassword {
                method: method.into()
            },
            "{name}"
        );
        let doc = open(&bytes, &with_password("secret")).unwrap();
        assert_eq!(doc.page_count(), 1);
        let doc = open(&bytes, &with_password("owner-pw")).unwrap();
        assert_eq!(doc.page_count(), 1);
    }
}

#[test]
fn refuses_non_pdf_and_limits() {
    assert_eq!(
        open(b"PK\x03\x04 not a pdf", &OpenOptions::default())
            .unwrap_err()
            .to_string(),
        "malformed PDF: no %PDF- header: not a PDF file"
    );
    let limits = Limits {
        max_input_bytes: 10,
        ..Limits::default()
    };
    let err = open(
        &fixture("hello.pdf"),
        &OpenOptions {
            limits,
            password: None,
        },
    )
    .unwrap_err();
    assert!(matches!(err, PdfError::LimitExceeded { .. }), "{err}");
    let limits = Limits {
        max_pages: 0,
        ..Limits::default()
    };
    let err = open(
        &fixture("hello.pdf"),
        &OpenOptions {
            limits,
            password: None,
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "limit exceeded: pages (1 > 0); raise the limit if the file is trusted"
    );
    let limits = Limits {
        max_objects: 2,
        ..Limits::default()
    };
    let err = open(
        &fixture("hello.pdf"),
        &OpenOptions {
            limits,
            password: None,
        },
    )
    .unwrap_err();
    assert!(matches!(err, PdfError::LimitExceeded { .. }), "{err}");
}

#[test]
fn truncated_and_garbage_do_not_panic() {
    let bytes = fixture("hello.pdf");
    for cut in (0..bytes.len()).step_by(7) {
        let _ = open(&bytes[..cut], &OpenOptions::default());
    }
    let _ = open(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj trailer << /Root 1 0 R >>",
        &OpenOptions::default(),
    );
}

#[test]
fn stream_with_indirect_filter_is_decoded() {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(b"BT /F1 12 Tf (Hi) Tj ET").unwrap();
    let packed = z.finish().unwrap();
    let mut doc = lopdf::Document::with_version("1.7");
    let filter = doc.add_object(lopdf::Object::Array(vec!["FlateDecode".into()]));
    let mut dict = lopdf::Dictionary::new();
    dict.set("Filter", lopdf::Object::Reference(filter));
    let stream = lopdf::Stream::new(dict, packed).with_compression(false);
    assert_eq!(
        super::stream_content(&doc, &stream, 1 << 20).unwrap(),
        b"BT /F1 12 Tf (Hi) Tj ET"
    );
}
