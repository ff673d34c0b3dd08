//! Turning laid-out regions into words, reading text, Markdown and layout text.

use super::Word;
use super::layout::{RLine, Region, is_rtl};
use crate::content::TextChar;

/// Words in reading order with their display boxes.
pub(crate) fn words(chars: &[TextChar], regions: &[Region]) -> Vec<Word> {
    let mut out = Vec::new();
    for region in regions {
        for line in &region.lines {
            for frag in &line.fragments {
                for w in &frag.words {
                    let Some(&first) = w.chars.first() else {
                        continue;
                    };
                    let c0 = &chars[first];
                    let mut word = Word {
                        text: w.text.clone(),
                        x0: c0.x0,
                        top: c0.top,
                        x1: c0.x1,
                        bottom: c0.bottom,
                        font: c0.font.clone(),
                        size: c0.size,
                        color: c0.color.clone(),
                        rotation: c0.rotation,
                    };
                    for &i in &w.chars[1..] {
                        let c = &chars[i];
                        word.x0 = word.x0.min(c.x0);
                        word.top = word.top.min(c.top);
                        word.x1 = word.x1.max(c.x1);
                        word.bottom = word.bottom.max(c.bottom);
                    }
                    for v in [&mut word.x0, &mut word.top, &mut word.x1, &mut word.bottom] {
                        *v = (*v * 100.0).round() / 100.0;
                    }
                    out.push(word);
                }
            }
        }
    }
    out
}

fn line_text(line: &RLine) -> String {
    let words: Vec<&str> = line
        .fragments
        .iter()
        .flat_map(|f| f.words.iter().map(|w| w.text.as_str()))
        .collect();
    logical_order(words).join(" ")
}

/// Words of a line from visual (left to right) to reading order. A line
/// mostly in a right-to-left script reads from its right end, with runs of
/// other words (Latin, numbers) kept left to right inside it; in a
/// left-to-right line, runs of right-to-left words are turned around.
fn logical_order(mut words: Vec<&str>) -> Vec<&str> {
    let rtl = |w: &str| w.chars().any(is_rtl);
    let ltr = |w: &str| w.chars().any(|c| c.is_alphabetic() && !is_rtl(c));
    let n_rtl = words.iter().filter(|w| rtl(w)).count();
    if n_rtl == 0 {
        return words;
    }
    let n_ltr = words.iter().filter(|w| ltr(w)).count();
    // Runs to turn around: words that are (not) right-to-left.
    let base_rtl = n_rtl > n_ltr;
    if base_rtl {
        words.reverse();
    }
    let mut i = 0;
    while i < words.len() {
        if rtl(words[i]) == base_rtl {
            i += 1;
            continue;
        }
        let start = i;
        while i < words.len() && rtl(words[i]) != base_rtl {
            i += 1;
        }
        words[start..i].reverse();
    }
    words
}

/// Whether `line` ends in a hyphen that splits a word continued by `next`.
fn hyphenated(line: &str, next: &str) -> bool {
    let mut rev = line.chars().rev();
    let (Some(h), Some(before)) = (rev.next(), rev.next()) else {
        return false;
    };
    matches!(h, '-' | '\u{00AD}' | '\u{2010}')
        && before.is_alphabetic()
        && next.chars().next().is_some_and(char::is_lowercase)
}

/// Appends `next` to `acc` as the continuation of a paragraph: joined
/// without the hyphen when the word was split, else with `sep`.
fn join_line(acc: &mut String, next: &str, sep: char) {
    if hyphenated(acc, next) {
        acc.pop();
    } else if !acc.is_empty() {
        acc.push(sep);
    }
    acc.push_str(next);
}

/// Reading-order text: regions separated by a blank line, lines by newlines,
/// hyphenated line ends joined.
pub(crate) fn reading(regions: &[Region]) -> String {
    let mut blocks = Vec::new();
    for region in regions {
        let mut text = String::new();
        for line in &region.lines {
            let t = line_text(line);
            if t.is_empty() {
                continue;
            }
            join_line(&mut text, &t, '\n');
        }
        if !text.is_empty() {
            blocks.push(text);
        }
    }
    blocks.join("\n\n")
}

fn line_size(line: &RLine) -> f64 {
    line.fragments
        .iter()
        .flat_map(|f| f.words.iter().map(|w| w.size))
        .fold(0.0, f64::max)
}

/// Markdown: paragraphs (lines joined), headings by size, bullets.
pub(crate) fn markdown(regions: &[Region]) -> String {
    let mut sizes: Vec<f64> = regions
        .iter()
        .flat_map(|r| r.lines.iter())
        .flat_map(|l| {
            l.fragments
                .iter()
                .flat_map(|f| f.words.iter().map(|w| (w.size, w.text.len())))
        })
        .flat_map(|(s, n)| std::iter::repeat_n(s, n.min(64)))
        .collect();
    sizes.sort_by(f64::total_cmp);
    let body = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0);
    let mut out: Vec<String> = Vec::new();
    for region in regions {
        let mut para = String::new();
        let mut para_size = 0.0;
        let mut prev: Option<&RLine> = None;
        let flush = |para: &mut String, size: f64, out: &mut Vec<String>| {
            if para.is_empty() {
                return;
            }
            let text = std::mem::take(para);
            let heading = text.chars().count() < 150;
            out.push(if heading && size >= body * 1.6 {
                format!("# {text}")
            } else if heading && size >= body * 1.2 {
                format!("## {text}")
            } else {
                text
            });
        };
        for line in &region.lines {
            let t = line_text(line);
            if t.is_empty() {
                continue;
            }
            let size = line_size(line);
            let bullet = t
                .strip_prefix(['•', '▪', '◦', '●', '–', '*'])
                .map(str::trim_start);
            let gap = prev.map_or(0.0, |p| line.bbox.top - p.bbox.bottom);
            let new_para = prev.is_none()
                || bullet.is_some()
                || gap > 0.8 * size.max(1.0)
                || (size - para_size).abs() > 0.15 * size.max(para_size);
            if new_para {
                flush(&mut para, para_size, &mut out);
                para_size = size;
            }
            match bullet {
                Some(rest) => para.push_str(&format!("- {rest}")),
                None => join_line(&mut para, &t, ' '),
            }
            prev = Some(line);
        }
        flush(&mut para, para_size, &mut out);
    }
    out.join("\n\n")
}

/// Visual layout: words placed on a character grid, large gaps kept as blank lines.
pub(crate) fn visual(lines: &[RLine]) -> String {
    let mut widths: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.fragments.iter().flat_map(|f| f.words.iter()))
        .filter(|w| !w.text.is_empty())
        .map(|w| (w.bbox.x1 - w.bbox.x0) / w.text.chars().count() as f64)
        .filter(|w| *w > 0.5)
        .collect();
    widths.sort_by(f64::total_cmp);
    let cw = widths
        .get(widths.len() / 2)
        .copied()
        .unwrap_or(5.0)
        .max(1.0);
    let x_min = lines
        .iter()
        .map(|l| l.bbox.x0)
        .fold(f64::INFINITY, f64::min);
    let x_min = if x_min.is_finite() {
        x_min.min(0.0)
    } else {
        0.0
    };
    let mut out = String::new();
    let mut prev: Option<&RLine> = None;
    for line in lines {
        if let Some(p) = prev {
            let gap = line.bbox.top - p.bbox.bottom;
            if gap > line.bbox.height().max(1.0) {
                out.push('\n');
            }
        }
        let mut s = String::new();
        let mut len = 0usize;
        for frag in &line.fragments {
            for w in &frag.words {
                let col = ((w.bbox.x0 - x_min) / cw).round().max(0.0) as usize;
                let col = col.min(1000);
                let target = if len == 0 { col } else { col.max(len + 1) };
                while len < target {
                    s.push(' ');
                    len += 1;
                }
                s.push_str(&w.text);
                len += w.text.chars().count();
            }
        }
        out.push_str(s.trim_end());
        out.push('\n');
        prev = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{hyphenated, join_line, logical_order};

    #[test]
    fn right_to_left_lines_read_from_the_right() {
        // Visual order of "ﻋﻨﺪﻱ 47 ﻗﻄﻂ" (I have 47 cats), words already
        // turned into logical letter order.
        assert_eq!(
            logical_order(vec!["ﻗﻄﻂ", "47", "ﻋﻨﺪﻱ"]),
            ["ﻋﻨﺪﻱ", "47", "ﻗﻄﻂ"]
        );
        // Latin inside a mostly Arabic line stays left to right.
        assert_eq!(
            logical_order(vec!["ﺍﻻﻧﺠﻠﻴﺰﻳﺔ", "ﻓﻲ", "Jeremy", "is", "ﺍﺳﻤﻲ"]),
            ["ﺍﺳﻤﻲ", "Jeremy", "is", "ﻓﻲ", "ﺍﻻﻧﺠﻠﻴﺰﻳﺔ"]
        );
        // Arabic inside a mostly Latin line is turned around as a run.
        assert_eq!(
            logical_order(vec!["Jeremy", "is", "ﺏ", "ﺍ", "in", "Arabic"]),
            ["Jeremy", "is", "ﺍ", "ﺏ", "in", "Arabic"]
        );
        assert_eq!(logical_order(vec!["plain", "text"]), ["plain", "text"]);
    }

    #[test]
    fn hyphen_rules() {
        assert!(hyphenated("exam-", "ple"));
        assert!(!hyphenated("exam-", "Ple"));
        assert!(!hyphenated("2019-", "ple"));
        assert!(!hyphenated("-", "ple"));
        let mut s = String::from("an exam-");
        join_line(&mut s, "ple here", ' ');
        assert_eq!(s, "an example here");
        let mut s = String::from("one");
        join_line(&mut s, "two", '\n');
        assert_eq!(s, "one\ntwo");
    }
}
