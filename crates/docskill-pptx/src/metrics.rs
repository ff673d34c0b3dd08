//! Text height estimates from simple font metrics, for overflow warnings.
//!
//! The estimate is deliberately simple and documented so that an agent knows
//! how far to trust it: each font has one average advance width (as a
//! fraction of the em) measured for English text, and each character is
//! scaled by its class (narrow `il.,;:'!|()[]ft`, space, wide `mwMW`,
//! capitals, digits, CJK at a full em). Bold adds 7 %. Lines wrap greedily at
//! spaces inside the box width less the insets and the paragraph's left
//! margin; a line is 1.2 × the font size high (times `a:lnSpc` percent, or
//! the fixed points it gives), plus `a:spcBef`/`a:spcAft`. `a:normAutofit`
//! applies its `fontScale` and `lnSpcReduction`. The error is typically within
//! ±10 % of what `PowerPoint` shows for the listed fonts; unknown fonts use 0.5 em.

/// Average advance width of lower-case English text, as a fraction of the em.
pub(crate) fn average_width(font: &str) -> f64 {
    let f = font.to_ascii_lowercase();
    let table: &[(&str, f64)] = &[
        ("calibri light", 0.46),
        ("calibri", 0.47),
        ("carlito", 0.47),
        ("arial narrow", 0.42),
        ("arial black", 0.62),
        ("arial", 0.52),
        ("helvetica", 0.52),
        ("liberation sans", 0.52),
        ("arimo", 0.52),
        ("times", 0.45),
        ("liberation serif", 0.45),
        ("cambria", 0.50),
        ("caladea", 0.50),
        ("georgia", 0.53),
        ("verdana", 0.60),
        ("tahoma", 0.53),
        ("segoe ui", 0.52),
        ("trebuchet", 0.51),
        ("century gothic", 0.57),
        ("gill sans", 0.47),
        ("franklin gothic", 0.48),
        ("garamond", 0.44),
        ("palatino", 0.49),
        ("book antiqua", 0.49),
        ("aptos", 0.49),
        ("dejavu sans", 0.56),
        ("open sans", 0.53),
        ("roboto", 0.51),
        ("lato", 0.50),
        ("courier", 0.60),
        ("consolas", 0.55),
        ("lucida console", 0.60),
        ("menlo", 0.60),
    ];
    table
        .iter()
        .find(|(name, _)| f.starts_with(name))
        .map_or(0.50, |(_, w)| *w)
}

fn monospace(font: &str) -> bool {
    let f = font.to_ascii_lowercase();
    ["courier", "consolas", "lucida console", "menlo", "mono"]
        .iter()
        .any(|m| f.contains(m))
}

/// Width of one character in ems.
fn char_em(c: char, avg: f64, mono: bool) -> f64 {
    if is_wide(c) {
        return 1.0;
    }
    if mono {
        return avg;
    }
    let k = match c {
        ' ' => 0.55,
        'i' | 'l' | 'j' | '.' | ',' | ';' | ':' | '\'' | '!' | '|' | '(' | ')' | '[' | ']'
        | 'f' | 't' | 'I' => 0.5,
        'r' => 0.7,
        'm' | 'w' => 1.5,
        'M' | 'W' => 1.75,
        'A'..='Z' => 1.3,
        '0'..='9' => 1.05,
        _ => 1.0,
    };
    avg * k
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// One paragraph as the estimate sees it.
#[derive(Debug, Clone)]
pub(crate) struct EstParagraph {
    pub text: String,
    /// Font size in points.
    pub size: f64,
    pub font: String,
    pub bold: bool,
    /// Left margin (indent of the text) in points.
    pub indent: f64,
    pub space_before: f64,
    pub space_after: f64,
    /// Line spacing: a factor of the single line, or fixed points.
    pub line: LineSpacing,
}

/// `a:lnSpc`: a percentage or fixed points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum LineSpacing {
    /// 1.0 for single spacing.
    Factor(f64),
    /// Fixed line height in points.
    Points(f64),
}

/// Estimated `(height, widest line)` of paragraphs in a box `width` points wide, in points.
pub(crate) fn estimate(
    paras: &[EstParagraph],
    width: f64,
    wrap: bool,
    font_scale: f64,
    line_reduction: f64,
) -> (f64, f64) {
    let mut height = 0.0;
    let mut widest: f64 = 0.0;
    for p in paras {
        let size = p.size * font_scale;
        let avg = average_width(&p.font) * if p.bold { 1.07 } else { 1.0 };
        let mono = monospace(&p.font);
        let avail = (width - p.indent).max(size);
        let mut lines = 0usize;
        for hard in p.text.split(['\n', '\u{b}']) {
            let words: Vec<f64> = hard
                .split(' ')
                .map(|w| w.chars().map(|c| char_em(c, avg, mono) * size).sum())
                .collect();
            let space = char_em(' ', avg, mono) * size;
            let mut line = 0.0f64;
            let mut n = 1usize;
            for (i, w) in words.iter().enumerate() {
                let add = if i == 0 { *w } else { space + *w };
                if wrap && line > 0.0 && line + add > avail {
                    widest = widest.max(line);
                    n += 1;
                    line = *w;
                    // A word wider than the line breaks where it must.
                    while line > avail {
                        n += 1;
                        line -= avail;
                    }
                } else {
                    line += add;
                    while wrap && line > avail {
                        n += 1;
                        line -= avail;
                    }
                }
            }
            widest = widest.max(line + p.indent);
            lines += n;
        }
        let line_h = match p.line {
            LineSpacing::Factor(f) => size * 1.2 * f * (1.0 - line_reduction),
            LineSpacing::Points(pt) => pt * font_scale,
        };
        #[expect(clippy::cast_precision_loss, reason = "line counts are small")]
        let lines = lines as f64;
        height += p.space_before + lines * line_h + p.space_after;
    }
    (height, widest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, size: f64) -> EstParagraph {
        EstParagraph {
            text: text.into(),
            size,
            font: "Calibri".into(),
            bold: false,
            indent: 0.0,
            space_before: 0.0,
            space_after: 0.0,
            line: LineSpacing::Factor(1.0),
        }
    }

    #[test]
    fn wraps_and_scales() {
        let one = estimate(&[para("short", 20.0)], 400.0, true, 1.0, 0.0);
        assert!((one.0 - 24.0).abs() < 1e-9, "{one:?}");
        let long = "word ".repeat(60);
        let many = estimate(&[para(long.trim(), 20.0)], 400.0, true, 1.0, 0.0);
        assert!(many.0 > 24.0 * 4.0 && many.0 < 24.0 * 8.0, "{many:?}");
        let half = estimate(&[para(long.trim(), 20.0)], 400.0, true, 0.5, 0.0);
        assert!(half.0 < many.0 / 2.0 + 12.0, "{half:?}");
        let nowrap = estimate(&[para(long.trim(), 20.0)], 400.0, false, 1.0, 0.0);
        assert!((nowrap.0 - 24.0).abs() < 1e-9 && nowrap.1 > 400.0);
    }
}
