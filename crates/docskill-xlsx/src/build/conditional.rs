//! Conditional formats: cell value, formula, duplicates, blanks, top/bottom, averages,
//! color scales, data bars and icon sets.

use rust_xlsxwriter::{
    ConditionalFormat2ColorScale, ConditionalFormat3ColorScale, ConditionalFormatAverage,
    ConditionalFormatAverageRule, ConditionalFormatBlank, ConditionalFormatCell,
    ConditionalFormatCellRule, ConditionalFormatDataBar, ConditionalFormatDuplicate,
    ConditionalFormatFormula, ConditionalFormatIconSet, ConditionalFormatIconType,
    ConditionalFormatTop, ConditionalFormatTopRule, ConditionalFormatValue, Format, Worksheet,
    XlsxError,
};
use serde_json::Value;

use super::styles::{Styles, color};
use super::{area, prepared, write_err};
use crate::error::{Result, spec};
use crate::spec::{ConditionalFormat, ConditionalType, IconStyle, Operator};

fn cf_value(v: Option<&Value>, field: &str, at: &str) -> Result<ConditionalFormatValue> {
    match v {
        Some(Value::Number(n)) => Ok(n.as_f64().unwrap_or_default().into()),
        Some(Value::Bool(b)) => Ok((*b).into()),
        Some(Value::String(s)) if s.starts_with('=') => Ok(prepared(s, at)?.into()),
        Some(Value::String(s)) => Ok(s.as_str().into()),
        Some(other) => Err(spec(
            at,
            format!("`{field}` {other} must be a number, text or a formula"),
        )),
        None => Err(spec(at, format!("`{field}` is required for this rule"))),
    }
}

#[expect(clippy::too_many_lines, reason = "one arm per rule kind")]
pub(super) fn conditional(
    ws: &mut Worksheet,
    cf: &ConditionalFormat,
    styles: &mut Styles<'_>,
    at: &str,
) -> Result<()> {
    let a = area(&cf.range, at)?;
    if matches!(
        cf.kind,
        ConditionalType::ColorScale | ConditionalType::DataBar | ConditionalType::IconSet
    ) {
        return scale(ws, cf, a, at);
    }
    let fmt: Format = match &cf.format {
        Some(f) => styles.format(Some(f), None, at)?.unwrap_or_default(),
        None => {
            return Err(spec(
                at,
                "this rule needs a `format` (e.g. {\"fill\": \"#FFC7CE\"})",
            ));
        }
    };
    let (r1, c1, r2, c2) = (a.first.row, a.first.col, a.last.row, a.last.col);
    let w = |e: XlsxError| write_err(at, &e);
    let stop = cf.stop_if_true;
    match cf.kind {
        ConditionalType::Cell => {
            let op = match cf.operator {
                Some(op) => op,
                None if cf.min.is_some() && cf.max.is_some() => Operator::Between,
                None => return Err(spec(at, "a cell rule needs an `operator`")),
            };
            let v = |f: &str| {
                cf_value(
                    match f {
                        "min" => cf.min.as_ref(),
                        "max" => cf.max.as_ref(),
                        _ => cf.value.as_ref(),
                    },
                    f,
                    at,
                )
            };
            let rule = match op {
                Operator::Between => ConditionalFormatCellRule::Between(v("min")?, v("max")?),
                Operator::NotBetween => ConditionalFormatCellRule::NotBetween(v("min")?, v("max")?),
                Operator::Eq => ConditionalFormatCellRule::EqualTo(v("value")?),
                Operator::Ne => ConditionalFormatCellRule::NotEqualTo(v("value")?),
                Operator::Gt => ConditionalFormatCellRule::GreaterThan(v("value")?),
                Operator::Ge => ConditionalFormatCellRule::GreaterThanOrEqualTo(v("value")?),
                Operator::Lt => ConditionalFormatCellRule::LessThan(v("value")?),
                Operator::Le => ConditionalFormatCellRule::LessThanOrEqualTo(v("value")?),
            };
            let c = ConditionalFormatCell::new()
                .set_rule(rule)
                .set_format(fmt)
                .set_stop_if_true(stop);
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
        ConditionalType::Formula => {
            let f = cf
                .formula
                .as_deref()
                .ok_or_else(|| spec(at, "a formula rule needs a `formula`"))?;
            let c = ConditionalFormatFormula::new()
                .set_rule(prepared(f, at)?)
                .set_format(fmt)
                .set_stop_if_true(stop);
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
        ConditionalType::Duplicate | ConditionalType::Unique => {
            let mut c = ConditionalFormatDuplicate::new()
                .set_format(fmt)
                .set_stop_if_true(stop);
            if cf.kind == ConditionalType::Unique {
                c = c.invert();
            }
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
        ConditionalType::Blank | ConditionalType::NoBlank => {
            let mut c = ConditionalFormatBlank::new()
                .set_format(fmt)
                .set_stop_if_true(stop);
            if cf.kind == ConditionalType::NoBlank {
                c = c.invert();
            }
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
        ConditionalType::Top | ConditionalType::Bottom => {
            let n = cf.rank.unwrap_or(10);
            if n == 0 || (cf.percent && n > 100) || n > 1000 {
                return Err(spec(
                    at,
                    format!("`rank` {n} must be 1 to 1000 (1 to 100 with `percent`)"),
                ));
            }
            let rule = match (cf.kind == ConditionalType::Top, cf.percent) {
                (true, false) => ConditionalFormatTopRule::Top(n),
                (true, true) => ConditionalFormatTopRule::TopPercent(n),
                (false, false) => ConditionalFormatTopRule::Bottom(n),
                (false, true) => ConditionalFormatTopRule::BottomPercent(n),
            };
            let c = ConditionalFormatTop::new()
                .set_rule(rule)
                .set_format(fmt)
                .set_stop_if_true(stop);
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
        ConditionalType::AboveAverage | ConditionalType::BelowAverage => {
            let rule = if cf.kind == ConditionalType::AboveAverage {
                ConditionalFormatAverageRule::AboveAverage
            } else {
                ConditionalFormatAverageRule::BelowAverage
            };
            let c = ConditionalFormatAverage::new()
                .set_rule(rule)
                .set_format(fmt)
                .set_stop_if_true(stop);
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
        ConditionalType::ColorScale | ConditionalType::DataBar | ConditionalType::IconSet => {}
    }
    Ok(())
}

/// Color scales, data bars and icon sets: they draw by themselves and take no `format`.
fn scale(
    ws: &mut Worksheet,
    cf: &ConditionalFormat,
    a: crate::cellref::Area,
    at: &str,
) -> Result<()> {
    if cf.format.is_some() {
        return Err(spec(
            at,
            "color scales, data bars and icon sets take no `format`",
        ));
    }
    let (r1, c1, r2, c2) = (a.first.row, a.first.col, a.last.row, a.last.col);
    let w = |e: XlsxError| write_err(at, &e);
    match cf.kind {
        ConditionalType::ColorScale => {
            let colors = cf
                .colors
                .iter()
                .map(|c| color(c, at, "colors"))
                .collect::<Result<Vec<_>>>()?;
            match colors.as_slice() {
                [] => {
                    let c = ConditionalFormat3ColorScale::new();
                    ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
                }
                [lo, hi] => {
                    let c = ConditionalFormat2ColorScale::new()
                        .set_minimum_color(*lo)
                        .set_maximum_color(*hi);
                    ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
                }
                [lo, mid, hi] => {
                    let c = ConditionalFormat3ColorScale::new()
                        .set_minimum_color(*lo)
                        .set_midpoint_color(*mid)
                        .set_maximum_color(*hi);
                    ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
                }
                _ => return Err(spec(at, "a color scale takes two or three `colors`")),
            }
        }
        ConditionalType::DataBar => {
            let mut c = ConditionalFormatDataBar::new().set_bar_only(cf.hide_values);
            if let Some(col) = &cf.color {
                c = c.set_fill_color(color(col, at, "color")?);
            }
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
        _ => {
            let icons = cf.icons.unwrap_or(IconStyle::TrafficLights3);
            let c = ConditionalFormatIconSet::new()
                .set_icon_type(icon_type(icons))
                .reverse_icons(cf.reverse)
                .show_icons_only(cf.hide_values);
            ws.add_conditional_format(r1, c1, r2, c2, &c).map_err(w)?;
        }
    }
    Ok(())
}

fn icon_type(s: IconStyle) -> ConditionalFormatIconType {
    use ConditionalFormatIconType as T;
    match s {
        IconStyle::Arrows3 => T::ThreeArrows,
        IconStyle::ArrowsGray3 => T::ThreeArrowsGray,
        IconStyle::Flags3 => T::ThreeFlags,
        IconStyle::TrafficLights3 => T::ThreeTrafficLights,
        IconStyle::TrafficLightsRimmed3 => T::ThreeTrafficLightsWithRim,
        IconStyle::Signs3 => T::ThreeSigns,
        IconStyle::Symbols3 => T::ThreeSymbols,
        IconStyle::SymbolsCircled3 => T::ThreeSymbolsCircled,
        IconStyle::Stars3 => T::ThreeStars,
        IconStyle::Triangles3 => T::ThreeTriangles,
        IconStyle::Arrows4 => T::FourArrows,
        IconStyle::ArrowsGray4 => T::FourArrowsGray,
        IconStyle::RedToBlack4 => T::FourRedToBlack,
        IconStyle::Ratings4 => T::FourHistograms,
        IconStyle::TrafficLights4 => T::FourTrafficLights,
        IconStyle::Arrows5 => T::FiveArrows,
        IconStyle::ArrowsGray5 => T::FiveArrowsGray,
        IconStyle::Ratings5 => T::FiveHistograms,
        IconStyle::Quarters5 => T::FiveQuadrants,
        IconStyle::Boxes5 => T::FiveBoxes,
    }
}
