use super::{LayoutParams, layout};
use crate::content::TextChar;

/// A character of `width` at `x` on the line at y = 100, size 10.
fn ch(text: &str, x: f64, width: f64) -> TextChar {
    TextChar {
        text: text.into(),
        x0: x,
        top: 90.0,
        x1: x + width,
        bottom: 100.0,
        font: "F".into(),
        size: 10.0,
        color: "#000000".into(),
        rotation: 0,
        unmapped: false,
        invisible: false,
        ox: x,
        oy: 100.0,
        vertical: false,
    }
}

fn words(chars: &[TextChar]) -> Vec<String> {
    layout(chars, &LayoutParams::default())
        .into_iter()
        .flat_map(|r| r.lines)
        .flat_map(|l| l.fragments)
        .flat_map(|f| f.words)
        .map(|w| w.text)
        .collect()
}

#[test]
fn padding_spaces_under_the_next_cell_do_not_split_its_words() {
    // "15" then padding spaces running on to x = 60, then "07/21" drawn from
    // x = 30: the spaces lie under the digits.
    let mut chars = vec![ch("1", 0.0, 5.0), ch("5", 5.0, 5.0)];
    chars.extend((0..10).map(|i| ch(" ", 10.0 + 5.0 * f64::from(i), 5.0)));
    chars.extend(
        "07/21"
            .chars()
            .enumerate()
            .map(|(i, c)| ch(&c.to_string(), 30.0 + 5.0 * i as f64, 5.0)),
    );
    assert_eq!(words(&chars), ["15", "07/21"]);
}

#[test]
fn a_space_overlapped_by_its_neighbours_still_separates_words() {
    // Tight kerning: "b" and "Q" overlap the space drawn between them.
    let chars = vec![
        ch("a", 0.0, 5.0),
        ch("b", 5.0, 5.0),
        ch(" ", 8.0, 5.0),
        ch("Q", 11.0, 5.0),
    ];
    assert_eq!(words(&chars), ["ab", "Q"]);
}

/// A character on the baseline `base` (box 8 high above it, 2 below).
fn at(text: &str, x: f64, base: f64) -> TextChar {
    TextChar {
        top: base - 8.0,
        bottom: base + 2.0,
        oy: base,
        ..ch(text, x, 5.0)
    }
}

fn line_texts(chars: &[TextChar]) -> Vec<String> {
    layout(chars, &LayoutParams::default())
        .into_iter()
        .flat_map(|r| r.lines)
        .map(|l| {
            l.fragments
                .iter()
                .flat_map(|f| f.words.iter().map(|w| w.text.clone()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn tight_side_bar_lines_beside_a_taller_line_are_not_interleaved() {
    // Side bar: "abc" on baseline 100 and "xyz" on baseline 108 (boxes touch);
    // main column: "MAIN" on baseline 105, whose box overlaps both.
    let mut chars = Vec::new();
    for (i, c) in "abc".chars().enumerate() {
        chars.push(at(&c.to_string(), 5.0 * i as f64, 100.0));
    }
    for (i, c) in "xyz".chars().enumerate() {
        chars.push(at(&c.to_string(), 5.0 * i as f64, 108.0));
    }
    for (i, c) in "MAIN".chars().enumerate() {
        let mut m = at(&c.to_string(), 100.0 + 5.0 * i as f64, 105.0);
        m.top = 92.0;
        m.bottom = 110.0;
        m.size = 18.0;
        chars.push(m);
    }
    let lines = line_texts(&chars);
    assert!(lines.iter().any(|l| l.starts_with("abc")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("xyz")), "{lines:?}");
}

#[test]
fn a_subscript_stays_on_its_line() {
    let chars = vec![
        at("x", 0.0, 100.0),
        at("0", 5.0, 103.0),
        at("+", 12.0, 100.0),
        at("y", 20.0, 100.0),
    ];
    assert_eq!(line_texts(&chars), ["x0 + y"]);
}
