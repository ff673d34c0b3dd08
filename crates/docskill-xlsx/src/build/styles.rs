//! Styles: named and inline [`Style`]s turned into writer formats, with a cache.

use std::collections::{BTreeMap, HashMap};

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, FormatPattern, FormatUnderline};

use crate::error::{Result, spec};
use crate::spec::{BorderStyle, HAlign, Style, StyleRef, VAlign};

/// Named styles and the formats made from them.
pub(super) struct Styles<'a> {
    named: &'a BTreeMap<String, Style>,
    cache: HashMap<(String, Option<&'static str>), Format>,
}

impl<'a> Styles<'a> {
    pub(super) fn new(named: &'a BTreeMap<String, Style>) -> Result<Self> {
        let mut s = Self {
            named,
            cache: HashMap::new(),
        };
        for name in named.keys() {
            s.format(
                Some(&StyleRef::Named(name.clone())),
                None,
                &format!("styles.{name}"),
            )?;
        }
        Ok(s)
    }

    /// The format of a style reference, with `default_num` as number format when the style
    /// has none (dates). `None` when there is nothing to format.
    pub(super) fn format(
        &mut self,
        style: Option<&StyleRef>,
        default_num: Option<&'static str>,
        at: &str,
    ) -> Result<Option<Format>> {
        match style {
            None => Ok(default_num.map(|n| Format::new().set_num_format(n))),
            Some(StyleRef::Inline(s)) => to_format(s, default_num, at).map(Some),
            Some(StyleRef::Named(name)) => {
                let key = (name.clone(), default_num);
                if let Some(f) = self.cache.get(&key) {
                    return Ok(Some(f.clone()));
                }
                let s = self.named.get(name).ok_or_else(|| {
                    let known: Vec<&str> = self.named.keys().map(String::as_str).collect();
                    spec(
                        at,
                        format!(
                            "unknown style {name:?} (styles: {})",
                            if known.is_empty() {
                                "none defined".into()
                            } else {
                                known.join(", ")
                            }
                        ),
                    )
                })?;
                let f = to_format(s, default_num, at)?;
                self.cache.insert(key, f.clone());
                Ok(Some(f))
            }
        }
    }
}

pub(super) fn color(s: &str, at: &str, field: &str) -> Result<Color> {
    let hex = s.strip_prefix('#').unwrap_or(s);
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(Color::RGB(u32::from_str_radix(hex, 16).unwrap_or(0)))
    } else {
        Err(spec(
            at,
            format!("{field} {s:?} is not a color like #1F4E79"),
        ))
    }
}

fn to_format(s: &Style, default_num: Option<&str>, at: &str) -> Result<Format> {
    let mut f = Format::new();
    if let Some(n) = s.num_format.as_deref().or(default_num) {
        f = f.set_num_format(n);
    }
    if s.bold == Some(true) {
        f = f.set_bold();
    }
    if s.italic == Some(true) {
        f = f.set_italic();
    }
    if s.underline == Some(true) {
        f = f.set_underline(FormatUnderline::Single);
    }
    if let Some(size) = s.size {
        if !(1.0..=409.0).contains(&size) {
            return Err(spec(at, format!("font size {size} is outside 1..409")));
        }
        f = f.set_font_size(size);
    }
    if let Some(c) = &s.color {
        f = f.set_font_color(color(c, at, "color")?);
    }
    if let Some(name) = &s.font {
        f = f.set_font_name(name);
    }
    if let Some(c) = &s.fill {
        f = f
            .set_pattern(FormatPattern::Solid)
            .set_background_color(color(c, at, "fill")?);
    }
    if let Some(b) = s.border {
        f = f.set_border(match b {
            BorderStyle::Thin => FormatBorder::Thin,
            BorderStyle::Medium => FormatBorder::Medium,
            BorderStyle::Thick => FormatBorder::Thick,
            BorderStyle::Dashed => FormatBorder::Dashed,
            BorderStyle::Dotted => FormatBorder::Dotted,
            BorderStyle::Double => FormatBorder::Double,
            BorderStyle::Hair => FormatBorder::Hair,
        });
    }
    if let Some(c) = &s.border_color {
        f = f.set_border_color(color(c, at, "border_color")?);
    }
    if let Some(a) = s.align {
        f = f.set_align(match a {
            HAlign::Left => FormatAlign::Left,
            HAlign::Center => FormatAlign::Center,
            HAlign::Right => FormatAlign::Right,
            HAlign::Fill => FormatAlign::Fill,
            HAlign::Justify => FormatAlign::Justify,
            HAlign::CenterAcross => FormatAlign::CenterAcross,
            HAlign::Distributed => FormatAlign::Distributed,
        });
    }
    if let Some(v) = s.valign {
        f = f.set_align(match v {
            VAlign::Top => FormatAlign::Top,
            VAlign::Center => FormatAlign::VerticalCenter,
            VAlign::Bottom => FormatAlign::Bottom,
            VAlign::Justify => FormatAlign::VerticalJustify,
            VAlign::Distributed => FormatAlign::VerticalDistributed,
        });
    }
    if s.wrap == Some(true) {
        f = f.set_text_wrap();
    }
    if s.locked == Some(false) {
        f = f.set_unlocked();
    }
    if s.hide_formula == Some(true) {
        f = f.set_hidden();
    }
    Ok(f)
}
