//! Structural checks of a package: what makes Office clients repair or refuse it.

use std::collections::{HashSet, VecDeque};

use crate::partname::{key, percent_decode, rels_part_for, resolve_target, source_of_rels};
use crate::{Package, xml};

/// One problem found by [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable code: `duplicate-name`, `missing-content-type`, `malformed-xml`,
    /// `unreadable-part`, `broken-relationship`, `dangling-relationships`, `orphan-part`.
    pub code: &'static str,
    /// The part at fault.
    pub part: String,
    /// What is wrong, for people.
    pub message: String,
}

fn is_xml(name: &str, ct: Option<&str>) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    ct.is_some_and(|c| c.ends_with("xml")) || matches!(ext.as_deref(), Some("xml" | "rels"))
}

/// Check a package (open it with [`Package::open_lenient`] to see duplicates).
///
/// Reports, in this order: duplicate part names, parts without a content
/// type, malformed XML parts, relationship targets that do not exist,
/// relationships parts whose source part does not exist, and parts not
/// reachable from the package relationships. Findings are sorted within each
/// kind by part name, so the report is stable.
pub fn check(pkg: &Package) -> Vec<Finding> {
    let mut out: Vec<Finding> = pkg
        .duplicates()
        .iter()
        .map(|d| Finding {
            code: "duplicate-name",
            part: format!("/{d}"),
            message: "another part has the same name (compared case-insensitively)".into(),
        })
        .collect();
    let parts = pkg.parts();
    for p in &parts {
        if p.content_type.is_none() {
            out.push(Finding {
                code: "missing-content-type",
                part: p.name.clone(),
                message: "no Default or Override in [Content_Types].xml covers this part".into(),
            });
        }
    }
    check_xml(pkg, &parts, &mut out);
    let reached = check_relationships(pkg, &mut out);
    for p in &parts {
        if let Some(src) = source_of_rels(&p.name).filter(|s| s != "/" && !pkg.has_part(s)) {
            out.push(Finding {
                code: "dangling-relationships",
                part: p.name.clone(),
                message: format!("relationships of {src}, which does not exist"),
            });
            continue;
        }
        if !reached.contains(&key(&p.name)) {
            out.push(Finding {
                code: "orphan-part",
                part: p.name.clone(),
                message: "no relationship reaches this part from the package root".into(),
            });
        }
    }
    let rank = |c: &str| {
        [
            "duplicate-name",
            "missing-content-type",
            "unreadable-part",
            "malformed-xml",
        ]
        .iter()
        .position(|x| *x == c)
        .unwrap_or(4)
    };
    out.sort_by(|a, b| (rank(a.code), &a.part).cmp(&(rank(b.code), &b.part)));
    out
}

fn check_xml(pkg: &Package, parts: &[crate::PartInfo], out: &mut Vec<Finding>) {
    for p in parts {
        if !is_xml(&p.name, p.content_type.as_deref()) {
            continue;
        }
        let finding = match pkg.read_part(&p.name) {
            Err(e) => Some(("unreadable-part", e.to_string())),
            Ok(b) => xml::check_well_formed(&b, &p.name, pkg.limits())
                .err()
                .map(|e| ("malformed-xml", e.to_string())),
        };
        if let Some((code, message)) = finding {
            out.push(Finding {
                code,
                part: p.name.clone(),
                message,
            });
        }
    }
}

/// Report broken targets; return the keys of every part reachable from the root.
fn check_relationships(pkg: &Package, out: &mut Vec<Finding>) -> HashSet<String> {
    // Targets are URIs: a part may be named by its percent-encoded form.
    let canonical = |name: &str| -> Option<String> {
        if pkg.has_part(name) {
            return Some(key(name));
        }
        percent_decode(name)
            .filter(|d| pkg.has_part(d))
            .map(|d| key(&d))
    };
    let mut reached: HashSet<String> = HashSet::new();
    let mut queue: VecDeque<String> = VecDeque::from(["/".to_owned()]);
    let mut seen_sources: HashSet<String> = HashSet::new();
    while let Some(source) = queue.pop_front() {
        if !seen_sources.insert(key(&source)) {
            continue;
        }
        let rels_part = rels_part_for(&source);
        if !pkg.has_part(&rels_part) {
            continue;
        }
        reached.insert(key(&rels_part));
        let Ok(rels) = pkg.relationships(&source) else {
            continue;
        };
        for r in rels.items.iter().filter(|r| !r.external) {
            match resolve_target(&source, &r.target).and_then(|t| Some((canonical(&t)?, t))) {
                Some((k, t)) => {
                    reached.insert(k);
                    queue.push_back(t);
                }
                None => out.push(Finding {
                    code: "broken-relationship",
                    part: rels_part.clone(),
                    message: format!("{} targets {:?}, which does not exist", r.id, r.target),
                }),
            }
        }
    }
    reached
}
