//! `docx check`: what makes Word say "unreadable content" although the XML is valid.

use std::collections::{HashMap, HashSet};

use docskill_opc::xml::dom::{Element, Node};

use crate::document::{Docx, is_w};

/// One problem found by [`Docx::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Stable code: `duplicate-revision-id`, `duplicate-bookmark-id`, `duplicate-comment-id`,
    /// `control-character-in-text`, `text-in-deletion`, `deleted-text-outside-deletion`,
    /// `unpaired-comment-range`, `missing-comment`, `unresolved-relationship`,
    /// `undefined-numbering`, `para-id-out-of-range`.
    pub code: &'static str,
    /// The part at fault.
    pub part: String,
    /// What is wrong, for people.
    pub message: String,
}

const REVISIONS: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rPrChange",
    "pPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "sectPrChange",
    "tblGridChange",
    "numberingChange",
    "cellIns",
    "cellDel",
    "cellMerge",
];

#[derive(Default)]
struct Scan {
    revision_ids: HashMap<String, usize>,
    bookmark_ids: HashMap<String, usize>,
    range_starts: HashSet<String>,
    range_ends: HashSet<String>,
    references: HashSet<String>,
    rel_ids: Vec<String>,
    num_ids: HashSet<String>,
    problems: Vec<(&'static str, String)>,
}

/// Where text sits: `w:del` wants `w:delText`, ordinary runs want `w:t`, and
/// moved text (`w:moveFrom`/`w:moveTo`) keeps `w:t` on both sides.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Zone {
    Normal,
    Deleted,
    Moved,
}

fn scan(el: &Element, w: &str, zone: Zone, s: &mut Scan) {
    let local = el.name.strip_prefix(w).and_then(|r| r.strip_prefix(':'));
    let id = || el.attr(&format!("{w}:id")).unwrap_or_default().to_owned();
    let mut zone = zone;
    match local {
        Some(l) if REVISIONS.contains(&l) => {
            *s.revision_ids.entry(id()).or_default() += 1;
            zone = match l {
                "del" => Zone::Deleted,
                "moveFrom" | "moveTo" => Zone::Moved,
                "ins" => Zone::Normal,
                _ => zone,
            };
        }
        Some("bookmarkStart") => *s.bookmark_ids.entry(id()).or_default() += 1,
        Some("commentRangeStart") => {
            s.range_starts.insert(id());
        }
        Some("commentRangeEnd") => {
            s.range_ends.insert(id());
        }
        Some("commentReference") => {
            s.references.insert(id());
        }
        Some("t") if zone == Zone::Deleted => s.problems.push((
            "text-in-deletion",
            "a w:t inside w:del (must be w:delText)".into(),
        )),
        Some("delText") if zone == Zone::Normal => {
            s.problems.push((
                "deleted-text-outside-deletion",
                "a w:delText outside w:del".into(),
            ));
        }
        Some("numId") => {
            if let Some(v) = el.attr(&format!("{w}:val")).filter(|v| *v != "0") {
                s.num_ids.insert(v.to_owned());
            }
        }
        _ => {}
    }
    if matches!(local, Some("t" | "delText" | "instrText")) {
        let t = el.text();
        if let Some(c) = t.chars().find(|c| matches!(c, '\n' | '\r' | '\t' | '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}')) {
            s.problems.push((
                "control-character-in-text",
                format!("{:?} as a character in {:?} (use w:tab / w:br elements)", c, short(&t)),
            ));
        }
    }
    for (k, v) in &el.attrs {
        if k == "r:id"
            || k == "r:embed"
            || k == "r:link"
            || k == "r:pict"
            || k == "r:dm"
            || k == "r:lo"
            || k == "r:qs"
            || k == "r:cs"
        {
            s.rel_ids.push(v.clone());
        }
        if k == "w14:paraId" || k == "w14:textId" {
            match u32::from_str_radix(v, 16) {
                Ok(n) if n < 0x8000_0000 => {}
                _ => s.problems.push((
                    "para-id-out-of-range",
                    format!("{k}=\"{v}\" must be hex below 80000000"),
                )),
            }
        }
    }
    for c in &el.children {
        if let Node::Element(c) = c {
            scan(c, w, zone, s);
        }
    }
}

fn short(t: &str) -> String {
    t.chars().take(40).collect()
}

impl Docx {
    /// Check the document for problems Word repairs or refuses; empty when clean.
    pub fn check(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut revision_ids: HashMap<String, usize> = HashMap::new();
        let numbering = self.numbering_ids();
        let comment_ids = self.comment_ids();
        for st in &self.stories {
            let mut s = Scan::default();
            scan(&st.doc.root, &st.w, Zone::Normal, &mut s);
            let mut push = |code, message: String| {
                out.push(Problem {
                    code,
                    part: st.part.clone(),
                    message,
                });
            };
            for (code, m) in s.problems {
                push(code, m);
            }
            for (id, n) in &s.revision_ids {
                *revision_ids.entry(id.clone()).or_default() += n;
            }
            for (id, n) in s.bookmark_ids.iter().filter(|(_, n)| **n > 1) {
                push(
                    "duplicate-bookmark-id",
                    format!("bookmark id {id} starts {n} bookmarks"),
                );
            }
            let mut unpaired: Vec<&String> =
                s.range_starts.symmetric_difference(&s.range_ends).collect();
            unpaired.sort();
            for id in unpaired {
                push(
                    "unpaired-comment-range",
                    format!("comment {id} has a range start or end without its partner"),
                );
            }
            let mut dangling: Vec<&String> = s
                .references
                .iter()
                .filter(|id| !comment_ids.contains(*id))
                .collect();
            dangling.sort();
            for id in dangling {
                push(
                    "missing-comment",
                    format!("comment {id} is referenced but not in comments.xml"),
                );
            }
            let rels = self.pkg.relationships(&st.part).unwrap_or_default();
            for id in s.rel_ids.iter().filter(|id| rels.get(id).is_none()) {
                push(
                    "unresolved-relationship",
                    format!("relationship {id} is not in this part's relationships"),
                );
            }
            let mut nums: Vec<&String> = s
                .num_ids
                .iter()
                .filter(|n| !numbering.contains(*n))
                .collect();
            nums.sort();
            for n in nums {
                push(
                    "undefined-numbering",
                    format!("w:numId {n} has no w:num in numbering.xml"),
                );
            }
        }
        let mut dups: Vec<(&String, &usize)> = revision_ids
            .iter()
            .filter(|(id, n)| **n > 1 && !id.is_empty())
            .collect();
        dups.sort();
        for (id, n) in dups {
            out.push(Problem {
                code: "duplicate-revision-id",
                part: "(document)".into(),
                message: format!("revision id {id} is used {n} times"),
            });
        }
        let mut seen = HashSet::new();
        for id in self.comment_id_list() {
            if !seen.insert(id.clone()) {
                out.push(Problem {
                    code: "duplicate-comment-id",
                    part: "(comments)".into(),
                    message: format!("comment id {id} is used twice"),
                });
            }
        }
        out
    }

    fn comment_id_list(&self) -> Vec<String> {
        self.stories
            .iter()
            .filter(|s| is_w(&s.doc.root, &s.w, "comments"))
            .flat_map(|s| {
                s.doc
                    .root
                    .elements()
                    .filter_map(|c| c.attr(&format!("{}:id", s.w)).map(str::to_owned))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn comment_ids(&self) -> HashSet<String> {
        self.comment_id_list().into_iter().collect()
    }

    fn numbering_ids(&self) -> HashSet<String> {
        let main = &self.stories[0].part;
        let Ok(rels) = self.pkg.relationships(main) else {
            return HashSet::new();
        };
        let Some(part) = rels
            .items
            .iter()
            .find(|r| r.rel_type.ends_with("/numbering"))
            .and_then(|r| docskill_opc::resolve_target(main, &r.target))
        else {
            return HashSet::new();
        };
        let Ok(bytes) = self.pkg.read_part(&part) else {
            return HashSet::new();
        };
        let Ok(doc) = docskill_opc::xml::dom::Document::parse(
            &bytes,
            &part,
            &docskill_opc::Limits::default(),
        ) else {
            return HashSet::new();
        };
        let w = doc
            .root
            .name
            .split_once(':')
            .map_or("w", |(p, _)| p)
            .to_owned();
        doc.root
            .elements()
            .filter(|e| is_w(e, &w, "num"))
            .filter_map(|e| e.attr(&format!("{w}:numId")).map(str::to_owned))
            .collect()
    }
}
