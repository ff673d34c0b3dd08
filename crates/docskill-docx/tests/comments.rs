//! Comments: anchored on text and on a paragraph, a reply, a resolution; the
//! parts Word expects, and the list read back.

use std::fmt::Write as _;

use docskill_docx::{CommentTarget, Docx, Revision};
use docskill_opc::{Limits, xml::canonicalize};

fn fixture() -> Docx {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/docx/review.docx"
    );
    Docx::open(std::fs::read(path).unwrap(), &Limits::default()).unwrap()
}

fn who(name: &str) -> Revision {
    Revision {
        author: name.into(),
        date: Some("2026-11-22T00:00:00Z".into()),
    }
}

fn canon(xml: &[u8], name: &str) -> String {
    canonicalize(xml, name, &Limits::default()).unwrap()
}

#[test]
fn comment_reply_resolve_round_trip() {
    let mut d = fixture();
    let on_text = CommentTarget::Text {
        find: "thirty days".into(),
        occurrence: None,
        within: None,
    };
    let first = d
        .add_comment(
            &on_text,
            "Is 30 days realistic?",
            &who("Reviewer"),
            Some("RV"),
        )
        .unwrap();
    let reply = d
        .add_comment(
            &CommentTarget::ReplyTo(first.clone()),
            "Yes, agreed with logistics.",
            &who("Alice"),
            None,
        )
        .unwrap();
    let whole = d
        .add_comment(
            &CommentTarget::Paragraph("p6".into()),
            "Add the date.",
            &who("Reviewer"),
            None,
        )
        .unwrap();
    d.resolve_comment(&first, true).unwrap();
    assert_eq!(d.check(), [], "check is clean");

    let d = Docx::open(d.to_bytes().unwrap(), &Limits::default()).unwrap();
    let list: Vec<String> = d
        .comments()
        .iter()
        .map(|c| {
            format!(
                "{} {} {:?} {:?} {:?} parent={:?} done={} {:?}",
                c.id, c.author, c.initials, c.date, c.address, c.parent, c.done, c.text
            )
        })
        .collect();
    insta::assert_snapshot!("list", list.join("\n"));
    assert_eq!(
        (first.as_str(), reply.as_str(), whole.as_str()),
        ("103", "104", "105")
    );

    let pkg = d.package();
    let mut parts = String::new();
    for name in [
        "/word/comments.xml",
        "/word/commentsExtended.xml",
        "/word/commentsIds.xml",
        "/word/commentsExtensible.xml",
        "/word/people.xml",
    ] {
        let _ = writeln!(
            parts,
            "== {name} ({})\n{}",
            pkg.content_type(name).unwrap(),
            canon(&pkg.read_part(name).unwrap(), name)
        );
    }
    for a in ["p2", "p6"] {
        let _ = writeln!(
            parts,
            "== {a}\n{}",
            canon(d.paragraph_xml(a).unwrap().as_bytes(), a)
        );
    }
    insta::assert_snapshot!("parts", parts);
    let rels = pkg.relationships("/word/document.xml").unwrap();
    for t in [
        "/comments",
        "/commentsExtended",
        "/commentsIds",
        "/commentsExtensible",
        "/people",
    ] {
        assert!(
            rels.items.iter().any(|r| r.rel_type.ends_with(t)),
            "relationship {t}"
        );
    }
    assert!(
        docskill_opc::check(pkg).is_empty(),
        "{:?}",
        docskill_opc::check(pkg)
    );
}

#[test]
fn errors_change_nothing() {
    let mut d = fixture();
    let before = d.to_bytes().unwrap();
    let missing = CommentTarget::Text {
        find: "no such words".into(),
        occurrence: None,
        within: None,
    };
    assert!(d.add_comment(&missing, "x", &who("R"), None).is_err());
    assert!(
        d.add_comment(&CommentTarget::ReplyTo("7".into()), "x", &who("R"), None)
            .is_err()
    );
    assert!(
        d.add_comment(
            &CommentTarget::Paragraph("p99".into()),
            "x",
            &who("R"),
            None
        )
        .is_err()
    );
    assert!(
        d.add_comment(
            &CommentTarget::Paragraph("p1".into()),
            "  ",
            &who("R"),
            None
        )
        .is_err()
    );
    assert_eq!(d.to_bytes().unwrap(), before);
}

#[test]
fn reply_to_a_comment_word_wrote() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/docx/oxsdk__comment.docx"
    );
    let Ok(bytes) = std::fs::read(path) else {
        return; // corpus absent
    };
    let mut d = Docx::open(bytes, &Limits::default()).unwrap();
    let existing = d.comments();
    assert!(!existing.is_empty());
    let parent = existing[0].id.clone();
    let id = d
        .add_comment(
            &CommentTarget::ReplyTo(parent.clone()),
            "Reply from docskill.",
            &who("Bot"),
            None,
        )
        .unwrap();
    let problems_before = Docx::open(std::fs::read(path).unwrap(), &Limits::default())
        .unwrap()
        .check()
        .len();
    assert!(d.check().len() <= problems_before, "{:?}", d.check());
    let d = Docx::open(d.to_bytes().unwrap(), &Limits::default()).unwrap();
    let reply = d.comments().into_iter().find(|c| c.id == id).unwrap();
    assert_eq!(reply.parent.as_deref(), Some(parent.as_str()));
    assert_eq!(reply.text, "Reply from docskill.");
    assert_eq!(reply.address, existing[0].address);
}
