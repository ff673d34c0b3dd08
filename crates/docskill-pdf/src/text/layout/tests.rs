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
