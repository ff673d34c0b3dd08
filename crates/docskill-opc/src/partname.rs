//! OPC part names: validation, relationship-part names, target resolution.

use crate::{Error, Result};

/// Normalise a part name given with or without its leading `/`.
///
/// # Errors
/// [`Error::InvalidPartName`] for empty names or segments, `.`/`..`
/// segments, backslashes, a trailing `/` or a NUL.
///
/// # Examples
/// ```
/// assert_eq!(docskill_opc::part_name("word/document.xml").unwrap(), "/word/document.xml");
/// assert!(docskill_opc::part_name("/word/../x.xml").is_err());
/// ```
pub fn part_name(name: &str) -> Result<String> {
    let bad = |reason| {
        Err(Error::InvalidPartName {
            name: name.to_owned(),
            reason,
        })
    };
    let body = name.strip_prefix('/').unwrap_or(name);
    if body.is_empty() {
        return bad("is empty");
    }
    if body.ends_with('/') {
        return bad("ends with '/'");
    }
    if body.contains('\\') || body.contains('\0') {
        return bad("contains a backslash or NUL");
    }
    if body
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return bad("has an empty, '.' or '..' segment");
    }
    Ok(format!("/{body}"))
}

/// The key under which names compare (OPC names are case-insensitive).
pub(crate) fn key(name: &str) -> String {
    name.trim_start_matches('/').to_lowercase()
}

/// The relationships part of `source` (`/` for the package itself).
///
/// # Examples
/// ```
/// use docskill_opc::rels_part_for;
/// assert_eq!(rels_part_for("/"), "/_rels/.rels");
/// assert_eq!(rels_part_for("/word/document.xml"), "/word/_rels/document.xml.rels");
/// ```
pub fn rels_part_for(source: &str) -> String {
    if source == "/" || source.is_empty() {
        return "/_rels/.rels".to_owned();
    }
    let (dir, file) = source.rsplit_once('/').unwrap_or(("", source));
    format!("{dir}/_rels/{file}.rels")
}

/// The part whose relationships `rels_part` holds, if it is a relationships part.
///
/// # Examples
/// ```
/// use docskill_opc::source_of_rels;
/// assert_eq!(source_of_rels("/_rels/.rels").as_deref(), Some("/"));
/// assert_eq!(source_of_rels("/xl/_rels/workbook.xml.rels").as_deref(), Some("/xl/workbook.xml"));
/// assert_eq!(source_of_rels("/xl/workbook.xml"), None);
/// ```
pub fn source_of_rels(rels_part: &str) -> Option<String> {
    let (dir, file) = rels_part.rsplit_once('/')?;
    let (parent, last) = dir.rsplit_once('/').unwrap_or(("", dir));
    if !last.eq_ignore_ascii_case("_rels") {
        return None;
    }
    let stem = file.strip_suffix(".rels")?;
    if stem.is_empty() {
        return (parent.is_empty()).then(|| "/".to_owned());
    }
    Some(format!("{parent}/{stem}"))
}

/// Resolve a relationship target against its source part, as a part name.
///
/// Returns `None` for targets that leave the package (`../` past the root).
/// A fragment (`#...`) is dropped.
///
/// # Examples
/// ```
/// use docskill_opc::resolve_target;
/// assert_eq!(resolve_target("/word/document.xml", "media/a.png").as_deref(), Some("/word/media/a.png"));
/// assert_eq!(resolve_target("/word/document.xml", "../customXml/item1.xml").as_deref(), Some("/customXml/item1.xml"));
/// assert_eq!(resolve_target("/", "word/document.xml").as_deref(), Some("/word/document.xml"));
/// assert_eq!(resolve_target("/xl/workbook.xml", "/xl/styles.xml").as_deref(), Some("/xl/styles.xml"));
/// ```
pub fn resolve_target(source: &str, target: &str) -> Option<String> {
    let target = target.split('#').next().unwrap_or_default();
    if target.is_empty() {
        return None;
    }
    let mut segs: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        let dir = source.rsplit_once('/').map_or("", |(d, _)| d);
        segs.extend(dir.split('/').filter(|s| !s.is_empty()));
    }
    for s in target.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop()?;
            }
            s => segs.push(s),
        }
    }
    (!segs.is_empty()).then(|| format!("/{}", segs.join("/")))
}

/// Decode `%XX` escapes (targets are URIs; zip names hold the plain bytes).
pub(crate) fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return None;
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
