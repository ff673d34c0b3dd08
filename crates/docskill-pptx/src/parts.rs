//! Package plumbing shared by assemble and replace: fresh part names,
//! relative targets, reachability, deep copies of parts with their relationships.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use docskill_opc::{Package, Relationships, rels_part_for, resolve_target};

use crate::Result;
use crate::deck::rel_kind;

/// Relationship kinds whose targets a duplicated slide gets its own copy of.
const DEEP: &[&str] = &[
    "chart",
    "chartUserShapes",
    "chartStyle",
    "chartColorStyle",
    "themeOverride",
    "package",
    "oleObject",
    "notesSlide",
    "diagramData",
    "diagramDrawing",
    "tags",
    "comments",
];

/// Lower-cased key of a part name.
pub(crate) fn key(name: &str) -> String {
    name.trim_start_matches('/').to_lowercase()
}

/// A name like `src` (same folder, same stem without its number, same
/// extension) that no part has: `/ppt/charts/chart1.xml` → `/ppt/charts/chart7.xml`.
pub(crate) fn fresh_name(pkg: &Package, src: &str) -> String {
    let (dir, file) = src.rsplit_once('/').unwrap_or(("", src));
    let (stem, ext) = file.rsplit_once('.').map_or((file, ""), |(s, e)| (s, e));
    let base = stem.trim_end_matches(|c: char| c.is_ascii_digit());
    let dot = if ext.is_empty() { "" } else { "." };
    (1..=u32::MAX)
        .map(|n| format!("{dir}/{base}{n}{dot}{ext}"))
        .find(|n| !pkg.has_part(n))
        .unwrap_or_default()
}

/// A relative target from `from` (a part) to `to` (a part).
pub(crate) fn relative(from: &str, to: &str) -> String {
    let mut from_dir: Vec<&str> = from.trim_start_matches('/').split('/').collect();
    from_dir.pop();
    let to_segs: Vec<&str> = to.trim_start_matches('/').split('/').collect();
    let to_dir = &to_segs[..to_segs.len() - 1];
    let common = from_dir
        .iter()
        .zip(to_dir)
        .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
        .count();
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_segs[common..].join("/"));
    out
}

/// Keys of every part reachable from the package relationships.
pub(crate) fn reachable(pkg: &Package) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from(["/".to_owned()]);
    let mut sources = BTreeSet::new();
    while let Some(src) = queue.pop_front() {
        if !sources.insert(key(&src)) {
            continue;
        }
        let Ok(rels) = pkg.relationships(&src) else {
            continue;
        };
        for r in rels.items.iter().filter(|r| !r.external) {
            if let Some(t) = resolve_target(&src, &r.target).filter(|t| pkg.has_part(t))
                && seen.insert(key(&t))
            {
                queue.push_back(t);
            }
        }
    }
    seen
}

/// Remove parts that were reachable before (`before`) and no longer are, with
/// their relationships parts. Returns the names removed, sorted.
pub(crate) fn collect_garbage(pkg: &mut Package, before: &BTreeSet<String>) -> Result<Vec<String>> {
    let after = reachable(pkg);
    let gone: Vec<String> = pkg
        .part_names()
        .filter(|n| before.contains(&key(n)) && !after.contains(&key(n)))
        .collect();
    let mut removed = Vec::new();
    for name in gone {
        let rels = rels_part_for(&name);
        pkg.remove_part(&name)?;
        removed.push(name);
        if pkg.has_part(&rels) {
            pkg.remove_part(&rels)?;
            removed.push(rels);
        }
    }
    removed.sort();
    Ok(removed)
}

/// Copy `src` to a fresh name beside it, with its relationships: kinds in
/// [`DEEP`] get their own copies too, targets already copied in this run
/// (`map`, original → copy) are pointed at their copies, everything else is
/// shared. Returns the new name.
pub(crate) fn deep_copy(
    pkg: &mut Package,
    src: &str,
    map: &mut BTreeMap<String, String>,
) -> Result<String> {
    if let Some(done) = map.get(&key(src)) {
        return Ok(done.clone());
    }
    let new = fresh_name(pkg, src);
    let bytes = pkg.read_part(src)?;
    let ct = pkg.content_type(src).map(str::to_owned);
    pkg.set_part(&new, bytes, ct.as_deref())?;
    map.insert(key(src), new.clone());
    let rels = pkg.relationships(src)?;
    if rels.items.is_empty() {
        return Ok(new);
    }
    let mut out = Relationships::default();
    for r in &rels.items {
        let mut r = r.clone();
        if !r.external
            && let Some(t) = resolve_target(src, &r.target).filter(|t| pkg.has_part(t))
        {
            let copy = match map.get(&key(&t)) {
                Some(c) => Some(c.clone()),
                None if DEEP.contains(&rel_kind(&r.rel_type)) => Some(deep_copy(pkg, &t, map)?),
                None => None,
            };
            if let Some(c) = copy {
                r.target = relative(&new, &c);
            }
        }
        out.items.push(r);
    }
    pkg.set_relationships(&new, &out)?;
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn relative_targets() {
        assert_eq!(
            relative(
                "/ppt/slides/slide1.xml",
                "/ppt/slideLayouts/slideLayout2.xml"
            ),
            "../slideLayouts/slideLayout2.xml"
        );
        assert_eq!(
            relative("/ppt/presentation.xml", "/ppt/slides/slide3.xml"),
            "slides/slide3.xml"
        );
        assert_eq!(
            relative("/ppt/charts/chart2.xml", "/ppt/embeddings/a.xlsx"),
            "../embeddings/a.xlsx"
        );
        assert_eq!(
            relative("/ppt/slides/slide1.xml", "/ppt/slides/slide2.xml"),
            "slide2.xml"
        );
    }
}
