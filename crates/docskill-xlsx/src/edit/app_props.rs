//! `docProps/app.xml` after sheets were added, renamed, moved or deleted.
//!
//! The extended properties list the workbook's parts twice: `HeadingPairs` gives groups
//! as (heading, count) pairs ("Worksheets" 3, "Named Ranges" 1) and `TitlesOfParts`
//! gives every title, group after group. Excel and LibreOffice do not read them back,
//! but file browsers and document-management systems show them, so a stale list would
//! name sheets that no longer exist.
//!
//! The worksheet group is found by its titles (the worksheet names at open, in order),
//! not by its heading, which Excel writes in the user's language. Titles in other
//! groups that name a sheet (`Data!Print_Area`, `'My data'!Print_Titles`) follow its
//! renames and go with it when it is deleted. Anything that does not have the expected
//! shape is left as it is.

use docskill_opc::xml::dom::{Element, Node};

/// The relationship type of the extended properties part.
pub(crate) const REL_EXTENDED: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";

/// What happened to the sheets since the workbook was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SheetChanges<'a> {
    /// Worksheet names when the workbook was opened, in tab order.
    pub before: &'a [String],
    /// Worksheet names now, in tab order.
    pub after: &'a [String],
    /// Renames, oldest first (old name, new name).
    pub renamed: &'a [(String, String)],
    /// Names of deleted sheets.
    pub deleted: &'a [String],
}

/// One `vt:vector`'s element children.
fn vector_mut<'a>(root: &'a mut Element, wrapper: &str) -> Option<&'a mut Element> {
    root.elements_mut()
        .find(|e| e.local() == wrapper)?
        .elements_mut()
        .find(|e| e.local() == "vector")
}

/// The (heading, count) pairs of `HeadingPairs`.
fn heading_counts(vector: &Element) -> Option<Vec<usize>> {
    let variants: Vec<&Element> = vector.elements().collect();
    if !variants.len().is_multiple_of(2) {
        return None;
    }
    variants
        .chunks(2)
        .map(|pair| {
            let count = pair[1].elements().next()?;
            matches!(count.local(), "i4" | "i2" | "i8" | "int" | "ui4")
                .then(|| count.text().trim().parse().ok())?
        })
        .collect()
}

/// The sheet a title such as `'My data'!Print_Area` names, if any.
fn title_sheet(title: &str) -> Option<(String, &str)> {
    let (sheet, rest) = title.rsplit_once('!')?;
    let sheet = match sheet.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        Some(quoted) => quoted.replace("''", "'"),
        None => sheet.to_owned(),
    };
    Some((sheet, rest))
}

/// A sheet-qualified title, quoted when the name needs it.
fn qualified(sheet: &str, rest: &str) -> String {
    if crate::refs::needs_quotes(sheet) {
        format!("'{}'!{rest}", sheet.replace('\'', "''"))
    } else {
        format!("{sheet}!{rest}")
    }
}

/// A title of another group after the renames and deletions: `None` when it goes.
fn follow(title: &str, changes: &SheetChanges) -> Option<String> {
    let Some((mut sheet, rest)) = title_sheet(title) else {
        return Some(title.to_owned());
    };
    let mut moved = false;
    for (old, new) in changes.renamed {
        if sheet.eq_ignore_ascii_case(old) {
            sheet.clone_from(new);
            moved = true;
        }
    }
    if changes
        .deleted
        .iter()
        .any(|d| d.eq_ignore_ascii_case(&sheet))
    {
        return None;
    }
    Some(if moved {
        qualified(&sheet, rest)
    } else {
        title.to_owned()
    })
}

/// Bring the titles in `root` (the `Properties` element of app.xml) up to date; true
/// when it changed. Untouched when its lists do not add up or no group holds exactly
/// the worksheets as they were.
pub(crate) fn update(root: &mut Element, changes: &SheetChanges) -> bool {
    let Some(counts) = vector_mut(root, "HeadingPairs").and_then(|v| heading_counts(v)) else {
        return false;
    };
    let Some(titles_el) = vector_mut(root, "TitlesOfParts") else {
        return false;
    };
    let titles: Vec<String> = titles_el.elements().map(Element::text).collect();
    if counts.iter().sum::<usize>() != titles.len() {
        return false;
    }
    let mut groups: Vec<Vec<String>> = Vec::with_capacity(counts.len());
    let mut at = 0;
    for n in &counts {
        groups.push(titles[at..at + n].to_vec());
        at += n;
    }
    let Some(sheet_group) = groups.iter().position(|g| g.as_slice() == changes.before) else {
        return false;
    };
    for (i, g) in groups.iter_mut().enumerate() {
        if i == sheet_group {
            *g = changes.after.to_vec();
        } else {
            *g = g.iter().filter_map(|t| follow(t, changes)).collect();
        }
    }
    let new_titles: Vec<&String> = groups.iter().flatten().collect();
    if new_titles.len() == titles.len() && new_titles.iter().zip(&titles).all(|(a, b)| *a == b) {
        return false;
    }
    let Some(template) = titles_el
        .elements()
        .next()
        .map(|e| e.name.clone())
        .or_else(|| {
            titles_el
                .name
                .split_once(':')
                .map(|(p, _)| format!("{p}:lpstr"))
        })
    else {
        return false;
    };
    titles_el.children = new_titles
        .iter()
        .map(|t| Node::Element(Element::new(template.clone()).with_child(Node::Text((*t).clone()))))
        .collect();
    titles_el.set_attr("size", new_titles.len().to_string());
    if let Some(pairs) = vector_mut(root, "HeadingPairs") {
        for (variant, g) in pairs.elements_mut().skip(1).step_by(2).zip(&groups) {
            if let Some(count) = variant.elements_mut().next() {
                count.children = vec![Node::Text(g.len().to_string())];
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use docskill_opc::Limits;
    use docskill_opc::xml::dom::Document;

    const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Arbeitsblätter</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant><vt:variant><vt:lpstr>Benannte Bereiche</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="4" baseType="lpstr"><vt:lpstr>Data</vt:lpstr><vt:lpstr>Notes</vt:lpstr><vt:lpstr>Data!Print_Area</vt:lpstr><vt:lpstr>Notes!Print_Titles</vt:lpstr></vt:vector></TitlesOfParts></Properties>"#;

    fn run(after: &[&str], renamed: &[(&str, &str)], deleted: &[&str]) -> (bool, String) {
        let mut doc = Document::parse(APP.as_bytes(), "/docProps/app.xml", &Limits::default())
            .expect("parses");
        let before = vec!["Data".to_owned(), "Notes".to_owned()];
        let after: Vec<String> = after.iter().map(|s| (*s).to_owned()).collect();
        let renamed: Vec<(String, String)> = renamed
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        let deleted: Vec<String> = deleted.iter().map(|s| (*s).to_owned()).collect();
        let changes = SheetChanges {
            before: &before,
            after: &after,
            renamed: &renamed,
            deleted: &deleted,
        };
        let updated = update(&mut doc.root, &changes);
        let xml = doc.root.to_xml();
        let start = xml.find("<HeadingPairs>").expect("kept");
        (
            updated,
            xml[start..xml.len() - "</Properties>".len()].to_owned(),
        )
    }

    #[test]
    fn rename_follows_into_named_ranges_and_quotes() {
        let (changed, xml) = run(&["Sales 2026", "Notes"], &[("Data", "Sales 2026")], &[]);
        assert!(changed);
        insta::assert_snapshot!(xml, @r#"<HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Arbeitsblätter</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant><vt:variant><vt:lpstr>Benannte Bereiche</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="4" baseType="lpstr"><vt:lpstr>Sales 2026</vt:lpstr><vt:lpstr>Notes</vt:lpstr><vt:lpstr>'Sales 2026'!Print_Area</vt:lpstr><vt:lpstr>Notes!Print_Titles</vt:lpstr></vt:vector></TitlesOfParts>"#);
    }

    #[test]
    fn delete_and_add_update_counts() {
        let (changed, xml) = run(&["Notes", "Extra", "More"], &[], &["Data"]);
        assert!(changed);
        insta::assert_snapshot!(xml, @r#"<HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Arbeitsblätter</vt:lpstr></vt:variant><vt:variant><vt:i4>3</vt:i4></vt:variant><vt:variant><vt:lpstr>Benannte Bereiche</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="4" baseType="lpstr"><vt:lpstr>Notes</vt:lpstr><vt:lpstr>Extra</vt:lpstr><vt:lpstr>More</vt:lpstr><vt:lpstr>Notes!Print_Titles</vt:lpstr></vt:vector></TitlesOfParts>"#);
    }

    #[test]
    fn unchanged_or_unrecognised_lists_are_left_alone() {
        assert!(!run(&["Data", "Notes"], &[], &[]).0);
        let mut doc = Document::parse(
            APP.replace(
                "<vt:i4>2</vt:i4></vt:variant><vt:variant><vt:lpstr>Benannte",
                "<vt:i4>3</vt:i4></vt:variant><vt:variant><vt:lpstr>Benannte",
            )
            .as_bytes(),
            "/docProps/app.xml",
            &Limits::default(),
        )
        .expect("parses");
        let before = vec!["Data".to_owned(), "Notes".to_owned()];
        let after = vec!["X".to_owned()];
        let changes = SheetChanges {
            before: &before,
            after: &after,
            renamed: &[],
            deleted: &[],
        };
        assert!(!update(&mut doc.root, &changes), "counts do not add up");
    }
}
