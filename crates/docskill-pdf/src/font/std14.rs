//! The standard 14 fonts: names, aliases, metrics.

use super::tables::{STD14, Std14};

/// The standard-14 metrics a font name stands for, by exact name, common
/// alias (Arial, TimesNewRoman, CourierNew) or family guess.
pub(crate) fn metrics_for(base_font: &str, exact_only: bool) -> Option<&'static Std14> {
    let name = strip_subset(base_font);
    if let Some(m) = STD14.iter().find(|m| m.name == name) {
        return Some(m);
    }
    let lower = name.to_ascii_lowercase();
    let alias = match lower.replace([',', '-', ' ', '_'], "").as_str() {
        "arial" | "arialmt" | "helvetica" => Some("Helvetica"),
        "arialbold" | "arialboldmt" => Some("Helvetica-Bold"),
        "arialitalic" | "arialitalicmt" => Some("Helvetica-Oblique"),
        "arialbolditalic" | "arialbolditalicmt" => Some("Helvetica-BoldOblique"),
        "timesnewroman" | "timesnewromanps" | "timesnewromanpsmt" | "times" => Some("Times-Roman"),
        "timesnewromanbold" | "timesnewromanpsboldmt" | "timesnewromanpsbold" => Some("Times-Bold"),
        "timesnewromanitalic" | "timesnewromanpsitalicmt" | "timesnewromanpsitalic" => {
            Some("Times-Italic")
        }
        "timesnewromanbolditalic" | "timesnewromanpsbolditalicmt" => Some("Times-BoldItalic"),
        "couriernew" | "couriernewpsmt" => Some("Courier"),
        "couriernewbold" | "couriernewpsboldmt" => Some("Courier-Bold"),
        "symbolmt" => Some("Symbol"),
        _ => None,
    };
    if let Some(a) = alias {
        return STD14.iter().find(|m| m.name == a);
    }
    if exact_only {
        return None;
    }
    let bold = ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|w| lower.contains(w));
    let italic = lower.contains("italic") || lower.contains("oblique");
    let family = if lower.contains("courier") || lower.contains("mono") {
        [
            "Courier",
            "Courier-Bold",
            "Courier-Oblique",
            "Courier-BoldOblique",
        ]
    } else if lower.contains("times")
        || lower.contains("roman")
        || lower.contains("serif") && !lower.contains("sans")
    {
        [
            "Times-Roman",
            "Times-Bold",
            "Times-Italic",
            "Times-BoldItalic",
        ]
    } else {
        [
            "Helvetica",
            "Helvetica-Bold",
            "Helvetica-Oblique",
            "Helvetica-BoldOblique",
        ]
    };
    let pick = family[usize::from(bold) + 2 * usize::from(italic)];
    STD14.iter().find(|m| m.name == pick)
}

/// `ABCDEF+Name` -> `Name`.
pub(crate) fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

impl Std14 {
    /// Width of `c` in 1/1000 em.
    pub(crate) fn width_of_char(&self, c: char) -> Option<u16> {
        let u = u32::from(c);
        self.by_char
            .binary_search_by_key(&u, |e| e.0)
            .ok()
            .map(|i| self.by_char[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::{metrics_for, strip_subset};

    #[test]
    fn names_and_widths() {
        let h = metrics_for("Helvetica", true).unwrap();
        assert_eq!(h.width_of_char('A'), Some(667));
        assert_eq!(h.width_of_char(' '), Some(278));
        assert_eq!(
            metrics_for("Arial,Bold", true).unwrap().name,
            "Helvetica-Bold"
        );
        assert_eq!(
            metrics_for("ABCDEF+TimesNewRomanPSMT", true).unwrap().name,
            "Times-Roman"
        );
        assert!(metrics_for("Calibri", true).is_none());
        assert_eq!(
            metrics_for("Calibri-Bold", false).unwrap().name,
            "Helvetica-Bold"
        );
        assert_eq!(metrics_for("CMR10", false).unwrap().name, "Helvetica");
        assert_eq!(
            metrics_for("Courier", true).unwrap().width_of_char('x'),
            Some(600)
        );
        assert_eq!(metrics_for("Symbol", true).unwrap().builtin[0x61], 631);
        assert_eq!(strip_subset("ABCDEF+Foo"), "Foo");
        assert_eq!(strip_subset("Foo+Bar"), "Foo+Bar");
    }
}
