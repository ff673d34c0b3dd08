//! Color scales, data bars and icon sets as `cfRule` elements (they need no `dxf`).

use docskill_opc::xml::dom::Element;

use crate::error::{Result, edit};
use crate::spec::{ConditionalFormat, ConditionalType, IconStyle};

/// `#RRGGBB` as Excel's `FFRRGGBB`.
fn argb(s: &str, at: &str) -> Result<String> {
    let hex = s.strip_prefix('#').unwrap_or(s);
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(format!("FF{}", hex.to_ascii_uppercase()))
    } else {
        Err(edit(at, format!("{s:?} is not a color like #1F4E79")))
    }
}

fn cfvo(kind: &str, val: Option<&str>) -> Element {
    let e = Element::new("cfvo").with_attr("type", kind);
    match val {
        Some(v) => e.with_attr("val", v),
        None => e,
    }
}

fn color(rgb: String) -> Element {
    Element::new("color").with_attr("rgb", rgb)
}

/// Excel's name of an icon set and its thresholds in percent.
fn icon_set(s: IconStyle) -> (&'static str, &'static [&'static str]) {
    const THREE: &[&str] = &["0", "33", "67"];
    const FOUR: &[&str] = &["0", "25", "50", "75"];
    const FIVE: &[&str] = &["0", "20", "40", "60", "80"];
    match s {
        IconStyle::Arrows3 => ("3Arrows", THREE),
        IconStyle::ArrowsGray3 => ("3ArrowsGray", THREE),
        IconStyle::Flags3 => ("3Flags", THREE),
        IconStyle::TrafficLights3 => ("3TrafficLights1", THREE),
        IconStyle::TrafficLightsRimmed3 => ("3TrafficLights2", THREE),
        IconStyle::Signs3 => ("3Signs", THREE),
        IconStyle::Symbols3 => ("3Symbols2", THREE),
        IconStyle::SymbolsCircled3 => ("3Symbols", THREE),
        IconStyle::Stars3 => ("3Stars", THREE),
        IconStyle::Triangles3 => ("3Triangles", THREE),
        IconStyle::Arrows4 => ("4Arrows", FOUR),
        IconStyle::ArrowsGray4 => ("4ArrowsGray", FOUR),
        IconStyle::RedToBlack4 => ("4RedToBlack", FOUR),
        IconStyle::Ratings4 => ("4Rating", FOUR),
        IconStyle::TrafficLights4 => ("4TrafficLights", FOUR),
        IconStyle::Arrows5 => ("5Arrows", FIVE),
        IconStyle::ArrowsGray5 => ("5ArrowsGray", FIVE),
        IconStyle::Ratings5 => ("5Rating", FIVE),
        IconStyle::Quarters5 => ("5Quarters", FIVE),
        IconStyle::Boxes5 => ("5Boxes", FIVE),
    }
}

/// The `cfRule` of a color scale, data bar or icon set; `None` for other kinds.
pub(super) fn scale_rule(cf: &ConditionalFormat, at: &str) -> Result<Option<Element>> {
    let rule = match cf.kind {
        ConditionalType::ColorScale => {
            let colors = if cf.colors.is_empty() {
                vec!["FFF8696B".into(), "FFFFEB84".into(), "FF63BE7B".into()]
            } else {
                cf.colors
                    .iter()
                    .map(|c| argb(c, at))
                    .collect::<Result<Vec<_>>>()?
            };
            let mut scale = Element::new("colorScale");
            match colors.len() {
                2 => {
                    scale = scale
                        .with_child(cfvo("min", None))
                        .with_child(cfvo("max", None));
                }
                3 => {
                    scale = scale
                        .with_child(cfvo("min", None))
                        .with_child(cfvo("percentile", Some("50")))
                        .with_child(cfvo("max", None));
                }
                _ => return Err(edit(at, "a color scale takes two or three `colors`")),
            }
            for c in colors {
                scale = scale.with_child(color(c));
            }
            Element::new("cfRule")
                .with_attr("type", "colorScale")
                .with_child(scale)
        }
        ConditionalType::DataBar => {
            let c = match &cf.color {
                Some(c) => argb(c, at)?,
                None => "FF638EC6".into(),
            };
            let mut bar = Element::new("dataBar");
            if cf.hide_values {
                bar = bar.with_attr("showValue", "0");
            }
            bar = bar
                .with_child(cfvo("min", None))
                .with_child(cfvo("max", None))
                .with_child(color(c));
            Element::new("cfRule")
                .with_attr("type", "dataBar")
                .with_child(bar)
        }
        ConditionalType::IconSet => {
            let (name, steps) = icon_set(cf.icons.unwrap_or(IconStyle::TrafficLights3));
            let mut set = Element::new("iconSet").with_attr("iconSet", name);
            if cf.hide_values {
                set = set.with_attr("showValue", "0");
            }
            if cf.reverse {
                set = set.with_attr("reverse", "1");
            }
            for s in steps {
                set = set.with_child(cfvo("percent", Some(s)));
            }
            Element::new("cfRule")
                .with_attr("type", "iconSet")
                .with_child(set)
        }
        _ => return Ok(None),
    };
    Ok(Some(rule))
}
