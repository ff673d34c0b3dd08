//! The Markdown outline: `# Title` opens the deck (later `#` headings are
//! section slides), `## Heading` a content slide whose kind follows from what
//! it holds (bullets, `|||` between two columns, `![caption](file.png)`, a pipe
//! table, `> quote`), `{kind}` after a heading forces a kind
//! (`# Thank you {closing}`), and a `Notes:` line starts the speaker notes.

use super::outline::{
    BulletSlide, ImageSlide, Item, NestedItem, Outline, QuoteSlide, SlideSpec, TableSlide,
    TitleSlide, TwoColumnSlide,
};

/// Deepest bullet level.
const MAX_LEVEL: usize = 8;

/// One slide while it is being read.
#[derive(Default)]
struct Draft {
    level: u8,
    title: String,
    forced: Option<String>,
    /// Bullets per column: `(level, text, bullet)`.
    columns: Vec<Vec<(usize, String, bool)>>,
    /// Indent widths of the open list levels, per column.
    indents: Vec<usize>,
    quote: Vec<String>,
    attribution: Option<String>,
    rows: Vec<Vec<String>>,
    image: Option<(String, String)>,
    notes: Vec<String>,
    in_notes: bool,
}

/// Parse a Markdown outline. Never fails: text it does not recognise becomes
/// plain paragraphs; `warnings` says what was dropped.
pub fn parse(md: &str, warnings: &mut Vec<String>) -> Outline {
    let mut slides = Vec::new();
    let mut cur: Option<Draft> = None;
    for raw in md.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if let Some((level, title, forced)) = heading(trimmed) {
            if let Some(d) = cur.take() {
                slides.push(finish(&d, slides.is_empty(), warnings));
            }
            cur = Some(Draft {
                level,
                title,
                forced,
                columns: vec![Vec::new()],
                ..Draft::default()
            });
            continue;
        }
        let Some(d) = cur.as_mut() else {
            if !trimmed.is_empty() {
                warnings.push(format!(
                    "text before the first heading ignored: {trimmed:?}"
                ));
            }
            continue;
        };
        if d.in_notes {
            d.notes.push(line.to_owned());
            continue;
        }
        if let Some(rest) = notes_start(trimmed) {
            d.in_notes = true;
            if !rest.is_empty() {
                d.notes.push(rest.to_owned());
            }
            continue;
        }
        if trimmed.is_empty() || is_rule(trimmed) {
            continue;
        }
        if trimmed == "|||" {
            d.columns.push(Vec::new());
            d.indents.clear();
            continue;
        }
        if let Some(q) = trimmed.strip_prefix('>') {
            let q = q.trim();
            if let Some(who) = attribution(q) {
                d.attribution = Some(who.to_owned());
            } else if !q.is_empty() {
                d.quote.push(q.to_owned());
            }
            continue;
        }
        if let Some(who) = attribution(trimmed).filter(|_| !d.quote.is_empty()) {
            d.attribution = Some(who.to_owned());
            continue;
        }
        if trimmed.starts_with('|') {
            if !is_separator_row(trimmed) {
                d.rows.push(cells(trimmed));
            }
            continue;
        }
        if let Some((alt, path)) = image(trimmed) {
            if d.image.is_some() {
                warnings.push(format!(
                    "slide {:?}: one picture per slide; {path:?} ignored",
                    d.title
                ));
            } else {
                d.image = Some((alt, path));
            }
            continue;
        }
        let indent = line.len() - trimmed.len()
            + line[..line.len() - trimmed.len()].matches('\t').count() * 3;
        let col = d.columns.len() - 1;
        if let Some(text) = list_item(trimmed) {
            while d.indents.last().is_some_and(|&w| w > indent) {
                d.indents.pop();
            }
            if d.indents.last() != Some(&indent) {
                d.indents.push(indent);
            }
            let level = (d.indents.len() - 1).min(MAX_LEVEL);
            d.columns[col].push((level, text.to_owned(), true));
        } else if let Some((_, last, _)) = d.columns[col].last_mut().filter(|_| indent > 0) {
            // A continuation line of the item above.
            last.push(' ');
            last.push_str(trimmed);
        } else {
            d.indents.clear();
            d.columns[col].push((0, trimmed.to_owned(), false));
        }
    }
    if let Some(d) = cur.take() {
        slides.push(finish(&d, slides.is_empty(), warnings));
    }
    Outline { slides }
}

/// `# Title {kind}` → (level, title, kind).
fn heading(line: &str) -> Option<(u8, String, Option<String>)> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if !(1..=3).contains(&hashes) {
        return None;
    }
    let rest = line[hashes..].strip_prefix(' ')?.trim();
    let (title, forced) = match rest.strip_suffix('}').and_then(|r| r.rsplit_once('{')) {
        Some((t, k)) => (
            t.trim().to_owned(),
            Some(k.trim().trim_start_matches('.').to_ascii_lowercase()),
        ),
        None => (rest.to_owned(), None),
    };
    Some((u8::try_from(hashes).unwrap_or(1), title, forced))
}

fn notes_start(line: &str) -> Option<&str> {
    if line == "???" {
        return Some("");
    }
    let lower = line.get(..6)?.to_ascii_lowercase();
    (lower == "notes:").then(|| line[6..].trim())
}

fn is_rule(line: &str) -> bool {
    line.len() >= 3 && (line.chars().all(|c| c == '-') || line.chars().all(|c| c == '*'))
}

fn attribution(line: &str) -> Option<&str> {
    ["\u{2014}", "\u{2013}", "--"]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn list_item(line: &str) -> Option<&str> {
    for p in ["- ", "* ", "+ "] {
        if let Some(t) = line.strip_prefix(p) {
            return Some(t.trim());
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(t) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(t.trim());
        }
    }
    None
}

fn is_separator_row(line: &str) -> bool {
    line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_owned()).collect()
}

/// `![alt](path)` alone on a line.
fn image(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("![")?;
    let (alt, rest) = rest.split_once("](")?;
    let path = rest.strip_suffix(')')?;
    let path = path.split_once(" \"").map_or(path, |(p, _)| p).trim();
    Some((alt.trim().to_owned(), path.to_owned()))
}

/// Nest `(level, text, bullet)` lines into items.
fn nest(lines: &[(usize, String, bool)]) -> Vec<Item> {
    fn take(lines: &[(usize, String, bool)], at: &mut usize, level: usize) -> Vec<Item> {
        let mut out = Vec::new();
        while let Some((l, text, bullet)) = lines.get(*at) {
            if *l < level {
                break;
            }
            *at += 1;
            let items = if lines.get(*at).is_some_and(|(n, _, _)| *n > *l) {
                take(lines, at, l + 1)
            } else {
                Vec::new()
            };
            out.push(if items.is_empty() && *bullet {
                Item::Text(text.clone())
            } else {
                Item::Nested(NestedItem {
                    text: text.clone(),
                    items,
                    bullet: *bullet,
                })
            });
        }
        out
    }
    let mut at = 0;
    let mut out = Vec::new();
    while at < lines.len() {
        let level = lines[at].0;
        let before = at;
        out.extend(take(lines, &mut at, level));
        if at == before {
            at += 1;
        }
    }
    out
}

fn plain(lines: &[(usize, String, bool)]) -> Option<String> {
    let t: Vec<&str> = lines.iter().map(|(_, t, _)| t.as_str()).collect();
    (!t.is_empty()).then(|| t.join("\n"))
}

fn finish(d: &Draft, first: bool, warnings: &mut Vec<String>) -> SlideSpec {
    let notes = {
        let text = d.notes.join("\n").trim().to_owned();
        (!text.is_empty()).then_some(text)
    };
    let has_columns = d.columns.len() > 1;
    let kind = d.forced.clone().unwrap_or_else(|| {
        if d.level == 1 {
            if first { "title" } else { "section" }.to_owned()
        } else if has_columns {
            "two-column".to_owned()
        } else if d.image.is_some() {
            "image".to_owned()
        } else if !d.rows.is_empty() {
            "table".to_owned()
        } else if !d.quote.is_empty() && d.columns[0].is_empty() {
            "quote".to_owned()
        } else {
            "bullets".to_owned()
        }
    });
    let all: Vec<(usize, String, bool)> = d.columns.concat();
    let title = d.title.clone();
    let titled = |subtitle: Option<String>| TitleSlide {
        title: title.clone(),
        subtitle,
        notes: notes.clone(),
    };
    let spec = match kind.as_str() {
        "title" => SlideSpec::Title(titled(plain(&all))),
        "section" => SlideSpec::Section(titled(plain(&all))),
        "closing" => SlideSpec::Closing(titled(plain(&all))),
        "two-column" | "columns" => {
            let right = d.columns.get(1).map(|c| nest(c)).unwrap_or_default();
            SlideSpec::TwoColumn(TwoColumnSlide {
                title: title.clone(),
                left: nest(&d.columns[0]),
                right,
                notes: notes.clone(),
                ..TwoColumnSlide::default()
            })
        }
        "image" | "picture" => {
            let (alt, path) = d.image.clone().unwrap_or_default();
            let caption = if alt.is_empty() {
                plain(&all)
            } else {
                Some(alt)
            };
            SlideSpec::Image(ImageSlide {
                title: (!title.is_empty()).then(|| title.clone()),
                image: path,
                caption,
                notes: notes.clone(),
                ..ImageSlide::default()
            })
        }
        "table" => SlideSpec::Table(TableSlide {
            title: title.clone(),
            rows: d.rows.clone(),
            header: true,
            notes: notes.clone(),
        }),
        "quote" => SlideSpec::Quote(QuoteSlide {
            text: if d.quote.is_empty() {
                plain(&all).unwrap_or_default()
            } else {
                d.quote.join("\n")
            },
            attribution: d.attribution.clone(),
            notes: notes.clone(),
        }),
        other => {
            if other != "bullets" {
                warnings.push(format!(
                    "slide {title:?}: unknown kind {{{other}}}, made a bullets slide (kinds: title, section, bullets, two-column, image, table, quote, closing)"
                ));
            }
            SlideSpec::Bullets(BulletSlide {
                title: title.clone(),
                bullets: nest(&all),
                notes: notes.clone(),
            })
        }
    };
    let dropped = match &spec {
        SlideSpec::Image(_) => {
            !all.is_empty() && d.image.as_ref().is_some_and(|(a, _)| !a.is_empty())
        }
        SlideSpec::Table(_) => !all.is_empty(),
        _ => false,
    } || (!d.rows.is_empty() && !matches!(spec, SlideSpec::Table(_)))
        || (d.image.is_some() && !matches!(spec, SlideSpec::Image(_)));
    if dropped {
        warnings.push(format!(
            "slide {title:?}: a {} slide holds one kind of content; the rest was left out",
            spec.kind()
        ));
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[expect(clippy::many_single_char_names, reason = "short names in a test")]
    fn kinds_levels_notes() {
        let md = "# Deck\nSubtitle line\n\n## Points\n- a\n  - a1\n    - a2\n- b\nNotes: say a\nand b\n\n## Cols\n- l\n|||\n- r\n\n## Pic\n![A chart](c.png)\n\n## Nums\n| x | y |\n|---|---|\n| 1 | 2 |\n\n## Q\n> Be bold.\n> — Someone\n\n# Part two\n\n# Thanks {closing}\nmail@example.com\n";
        let mut w = Vec::new();
        let o = parse(md, &mut w);
        assert!(w.is_empty(), "{w:?}");
        let kinds: Vec<&str> = o.slides.iter().map(SlideSpec::kind).collect();
        assert_eq!(
            kinds,
            [
                "title",
                "bullets",
                "two-column",
                "image",
                "table",
                "quote",
                "section",
                "closing"
            ]
        );
        let SlideSpec::Bullets(b) = &o.slides[1] else {
            panic!()
        };
        assert_eq!(b.notes.as_deref(), Some("say a\nand b"));
        let Item::Nested(a) = &b.bullets[0] else {
            panic!("{:?}", b.bullets)
        };
        assert_eq!(a.text, "a");
        let Item::Nested(a1) = &a.items[0] else {
            panic!()
        };
        assert_eq!(a1.items, vec![Item::text("a2")]);
        let SlideSpec::Table(t) = &o.slides[4] else {
            panic!()
        };
        assert_eq!(t.rows, vec![vec!["x", "y"], vec!["1", "2"]]);
        let SlideSpec::Quote(q) = &o.slides[5] else {
            panic!()
        };
        assert_eq!(q.attribution.as_deref(), Some("Someone"));
    }
}
