//! Hostile archives, built by the test itself: each is refused with its
//! named error, in well under a second, without inflating anything large.

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use docskill_opc::{Error, ForeignFormat, Limits, Package};
use support::{CT, Raw, flood, zeros_deflate, zip};

fn open(bytes: Vec<u8>) -> Result<Package, Error> {
    Package::open(bytes, &Limits::default())
}

/// Counts bytes allocated by the current thread, so each test measures only itself.
struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only adds thread-local bookkeeping.
#[expect(
    unsafe_code,
    reason = "a counting global allocator needs `unsafe impl GlobalAlloc`"
)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = LIVE.try_with(|l| {
            l.set(l.get() + layout.size());
            let _ = PEAK.try_with(|p| p.set(p.get().max(l.get())));
        });
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(layout.size())));
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Run `f`, failing if it takes a second or more or allocates more than 4 MiB at its peak.
fn quick<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let t = Instant::now();
    let r = f();
    let elapsed = t.elapsed();
    let peak = PEAK.with(Cell::get) - base;
    assert!(elapsed < Duration::from_secs(1), "{what} took {elapsed:?}");
    assert!(peak < 4 << 20, "{what} allocated {peak} bytes at its peak");
    r
}

fn unsafe_reason(name: &str) -> &'static str {
    let bytes = zip(&[
        Raw::deflated("[Content_Types].xml", CT.as_bytes()),
        Raw::deflated(name, b"x"),
    ]);
    match quick(name, || open(bytes)) {
        Err(Error::UnsafeName { reason, .. }) => reason,
        other => panic!("{name:?}: expected UnsafeName, got {other:?}"),
    }
}

#[test]
fn zip_slip_names_are_refused() {
    assert_eq!(
        unsafe_reason("../../etc/passwd"),
        "has a '.' or '..' segment"
    );
    assert_eq!(
        unsafe_reason("word/../../x.xml"),
        "has a '.' or '..' segment"
    );
    assert_eq!(unsafe_reason("/etc/passwd"), "is an absolute path");
    assert_eq!(
        unsafe_reason("C:/Windows/x.xml"),
        "starts with a drive letter"
    );
    assert_eq!(unsafe_reason("word\\..\\x.xml"), "contains a backslash");
    assert_eq!(unsafe_reason("word/a\0.xml"), "contains a NUL byte");
}

#[test]
fn case_insensitive_duplicates_are_refused() {
    let bytes = zip(&[
        Raw::deflated("[Content_Types].xml", CT.as_bytes()),
        Raw::deflated("word/document.xml", b"<a/>"),
        Raw::deflated("Word/Document.XML", b"<b/>"),
    ]);
    match open(bytes.clone()) {
        Err(Error::DuplicateName(n)) => assert_eq!(n, "Word/Document.XML"),
        other => panic!("expected DuplicateName, got {other:?}"),
    }
    // The lenient open keeps the first and lists the second, for `opc check`.
    let pkg = Package::open_lenient(bytes, &Limits::default()).unwrap();
    assert_eq!(pkg.duplicates(), ["Word/Document.XML"]);
    assert_eq!(pkg.read_part("/word/document.xml").unwrap(), b"<a/>");
}

#[test]
fn ten_gigabyte_bomb_is_refused_before_inflating() {
    let packed = zeros_deflate(10 * 1024);
    assert!(
        packed.len() < 12 << 20,
        "the bomb itself is small: {} bytes",
        packed.len()
    );
    let bomb = Raw {
        name: b"xl/worksheets/sheet1.xml".to_vec(),
        method: 8,
        crc: 0,
        compressed: packed,
        declared_size: 10 << 30,
    };
    // zip32 cannot declare 10 GiB: the header says 0xFFFFFFFF (4 GiB), still far over every limit.
    let bytes = zip(&[Raw::deflated("[Content_Types].xml", CT.as_bytes()), bomb]);
    match quick("bomb", || open(bytes)) {
        Err(Error::LimitExceeded {
            what: "max_part_size",
            actual,
            ..
        }) => {
            assert_eq!(actual, u64::from(u32::MAX));
        }
        other => panic!("expected LimitExceeded(max_part_size), got {other:?}"),
    }
}

#[test]
fn compression_ratio_limit_catches_a_bomb_under_the_size_limits() {
    let packed = zeros_deflate(256); // 256 MiB of zeros in ~260 KiB
    let bomb = Raw {
        name: b"a.xml".to_vec(),
        method: 8,
        crc: 0,
        compressed: packed,
        declared_size: 256 << 20,
    };
    let bytes = zip(&[Raw::deflated("[Content_Types].xml", CT.as_bytes()), bomb]);
    match quick("ratio bomb", || open(bytes)) {
        Err(Error::LimitExceeded {
            what: "max_compression_ratio",
            actual,
            limit: 250,
        }) => {
            assert!(actual > 900, "ratio {actual}");
        }
        other => panic!("expected LimitExceeded(max_compression_ratio), got {other:?}"),
    }
}

#[test]
fn a_lying_size_header_cannot_make_a_read_inflate_more() {
    // Declares 1,000 bytes, holds 10 GiB of zeros.
    let liar = Raw {
        name: b"a.xml".to_vec(),
        method: 8,
        crc: 0,
        compressed: zeros_deflate(10 * 1024),
        declared_size: 1000,
    };
    let bytes = zip(&[Raw::deflated("[Content_Types].xml", CT.as_bytes()), liar]);
    let pkg = open(bytes).expect("headers look harmless");
    match quick("liar", || pkg.read_part("/a.xml")) {
        Err(Error::SizeMismatch {
            declared: 1000,
            actual,
            ..
        }) => {
            assert_eq!(actual, "inflates to more");
        }
        other => panic!("expected SizeMismatch, got {other:?}"),
    }
}

#[test]
fn a_million_entries_are_refused_from_the_end_record() {
    let bytes = flood(1_000_000);
    let err = quick("flood", || open(bytes)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::LimitExceeded {
                what: "max_entries",
                actual: 1_000_000,
                limit: 10_000
            }
        ),
        "{err:?}"
    );
}

#[test]
fn billion_laughs_is_refused_without_expansion() {
    let mut lol =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        let refs = format!("&{prev};").repeat(10);
        let _ = writeln!(lol, " <!ENTITY lol{i} \"{refs}\">");
    }
    lol.push_str("]>\n<lolz>&lol9;</lolz>");
    let limits = Limits::default();
    let err = quick("check", || {
        docskill_opc::xml::check_well_formed(lol.as_bytes(), "/x.xml", &limits)
    });
    assert!(
        matches!(err, Err(Error::XmlEntities(ref p)) if p == "/x.xml"),
        "{err:?}"
    );
    let err = quick("pretty", || {
        docskill_opc::xml::pretty(lol.as_bytes(), "/x.xml", &limits)
    });
    assert!(matches!(err, Err(Error::XmlEntities(_))), "{err:?}");
    // In [Content_Types].xml the package does not open at all.
    let bytes = zip(&[Raw::deflated("[Content_Types].xml", lol.as_bytes())]);
    assert!(matches!(open(bytes), Err(Error::XmlEntities(_))));
    // As a part, `check` reports it and nothing is expanded.
    let bytes = zip(&[
        Raw::deflated("[Content_Types].xml", CT.as_bytes()),
        Raw::deflated("lol.xml", lol.as_bytes()),
    ]);
    let pkg = open(bytes).unwrap();
    let findings = quick("check", || docskill_opc::check(&pkg));
    assert!(
        findings
            .iter()
            .any(|f| f.code == "malformed-xml" && f.message.contains("declares entities"))
    );
}

#[test]
fn deep_nesting_is_refused() {
    let xml = format!("{}{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
    let err = docskill_opc::xml::check_well_formed(xml.as_bytes(), "/d.xml", &Limits::default());
    assert!(
        matches!(
            err,
            Err(Error::LimitExceeded {
                what: "max_xml_depth",
                ..
            })
        ),
        "{err:?}"
    );
}

#[test]
fn what_is_not_a_zip_is_named() {
    let ole = |streams: &[&str]| {
        let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        b.resize(512, 0);
        for s in streams {
            b.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
            b.resize(b.len() + 64, 0);
        }
        b
    };
    let cases: [(Vec<u8>, ForeignFormat); 6] = [
        (
            ole(&["EncryptionInfo", "EncryptedPackage"]),
            ForeignFormat::EncryptedOffice,
        ),
        (ole(&["WordDocument", "1Table"]), ForeignFormat::LegacyDoc),
        (ole(&["Workbook"]), ForeignFormat::LegacyXls),
        (ole(&["PowerPoint Document"]), ForeignFormat::LegacyPpt),
        (b"%PDF-1.7\n".to_vec(), ForeignFormat::Pdf),
        (Vec::new(), ForeignFormat::Empty),
    ];
    for (bytes, want) in cases {
        match open(bytes) {
            Err(Error::NotZip(got)) => assert_eq!(got, want),
            other => panic!("expected NotZip({want:?}), got {other:?}"),
        }
    }
}

#[test]
fn truncated_zip_is_named() {
    let mut bytes = zip(&[Raw::deflated("[Content_Types].xml", CT.as_bytes())]);
    bytes.truncate(bytes.len() - 10);
    match open(bytes) {
        Err(Error::CorruptZip(m)) => assert!(m.starts_with("truncated"), "{m}"),
        other => panic!("expected CorruptZip, got {other:?}"),
    }
}

#[test]
fn a_zip_without_content_types_is_not_opc() {
    let bytes = zip(&[Raw::deflated("word/document.xml", b"<a/>")]);
    assert!(matches!(open(bytes), Err(Error::MissingContentTypes)));
}

#[test]
fn error_messages_are_pinned() {
    let msgs = [
        Error::NotZip(ForeignFormat::EncryptedOffice).to_string(),
        Error::LimitExceeded {
            what: "max_entries",
            actual: 1_000_000,
            limit: 10_000,
        }
        .to_string(),
        Error::UnsafeName {
            name: "../x".into(),
            reason: "has a '.' or '..' segment",
        }
        .to_string(),
        Error::DuplicateName("A.xml".into()).to_string(),
        Error::SizeMismatch {
            name: "a".into(),
            declared: 3,
            actual: "inflates to more".into(),
        }
        .to_string(),
        Error::XmlEntities("/x.xml".into()).to_string(),
        Error::MissingContentTypes.to_string(),
    ];
    insta::assert_snapshot!(msgs.join("\n"));
}

/// The measurement in `quick` works: an 8 MiB allocation trips it.
#[test]
#[should_panic(expected = "allocated 8388608 bytes at its peak")]
fn the_memory_bound_itself_trips() {
    quick("8 MiB", || vec![1u8; 8 << 20]);
}
