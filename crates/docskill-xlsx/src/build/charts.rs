//! Charts over ranges: column, bar, line, pie, scatter, area.

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartLine, ChartSolidFill, ChartType as XType,
    Worksheet,
};

use super::styles::color;
use super::write_err;
use crate::cellref::{Area, Cell};
use crate::error::{Result, spec};
use crate::spec::{ChartSpec, ChartType, LegendPosition};

/// A range of a chart: its sheet (as the workbook spells it) and area.
#[derive(Debug)]
struct Ref<'a> {
    sheet: &'a str,
    area: Area,
}

/// Parse `A2:A10` (on `here`), `Data!A2:A10` or `'My data'!$A$2:$A$10`.
fn reference<'a>(s: &str, here: &'a str, sheets: &[&'a str], at: &str) -> Result<Ref<'a>> {
    let s = s.trim().trim_start_matches('=');
    let (sheet, range) = match s.rfind('!') {
        Some(i) => {
            let raw = &s[..i];
            let name = match raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
                Some(q) => q.replace("''", "'"),
                None => raw.to_owned(),
            };
            let found = sheets
                .iter()
                .find(|n| n.eq_ignore_ascii_case(&name))
                .ok_or_else(|| {
                    spec(
                        at,
                        format!("{s:?} names sheet {name:?}, which the spec does not have"),
                    )
                })?;
            (*found, &s[i + 1..])
        }
        None => (here, s),
    };
    let clean = range.replace('$', "");
    let area = Area::parse(&clean).ok_or_else(|| {
        spec(
            at,
            format!("{s:?} is not a range like A2:A10 or Data!A2:A10"),
        )
    })?;
    Ok(Ref { sheet, area })
}

fn chart_type(kind: ChartType, stacked: bool) -> XType {
    match (kind, stacked) {
        (ChartType::Column, false) => XType::Column,
        (ChartType::Column, true) => XType::ColumnStacked,
        (ChartType::Bar, false) => XType::Bar,
        (ChartType::Bar, true) => XType::BarStacked,
        (ChartType::Line, false) => XType::Line,
        (ChartType::Line, true) => XType::LineStacked,
        (ChartType::Area, false) => XType::Area,
        (ChartType::Area, true) => XType::AreaStacked,
        (ChartType::Pie, _) => XType::Pie,
        (ChartType::Scatter, _) => XType::Scatter,
    }
}

/// Add chart `ch` to sheet `here`.
pub(super) fn chart(
    ws: &mut Worksheet,
    ch: &ChartSpec,
    here: &str,
    sheets: &[&str],
    at: &str,
) -> Result<()> {
    if ch.series.is_empty() {
        return Err(spec(at, "a chart needs at least one series"));
    }
    if ch.stacked && matches!(ch.kind, ChartType::Pie | ChartType::Scatter) {
        return Err(spec(at, "pie and scatter charts cannot be stacked"));
    }
    let mut chart = Chart::new(chart_type(ch.kind, ch.stacked));
    for (i, s) in ch.series.iter().enumerate() {
        let at = format!("{at}.series[{i}]");
        let values = reference(&s.values, here, sheets, &at)?;
        let series = chart.add_series();
        let v = values.area;
        series.set_values((
            values.sheet,
            v.first.row,
            v.first.col,
            v.last.row,
            v.last.col,
        ));
        if let Some(c) = &s.categories {
            let c = reference(c, here, sheets, &at)?;
            let a = c.area;
            series.set_categories((c.sheet, a.first.row, a.first.col, a.last.row, a.last.col));
        } else if ch.kind == ChartType::Scatter {
            return Err(spec(
                at,
                "a scatter series needs `categories` (its x values)",
            ));
        }
        if let Some(n) = &s.name {
            if n.starts_with('=') {
                let r = reference(n, here, sheets, &at)?;
                if !r.area.is_single() {
                    return Err(spec(at, format!("series name {n:?} must be one cell")));
                }
                let Cell { row, col } = r.area.first;
                series.set_name((r.sheet, row, col));
            } else {
                series.set_name(n.as_str());
            }
        }
        if let Some(c) = &s.color {
            let c = color(c, &at, "color")?;
            let mut f = ChartFormat::new();
            if matches!(ch.kind, ChartType::Line | ChartType::Scatter) {
                f.set_line(ChartLine::new().set_color(c));
            } else {
                f.set_solid_fill(ChartSolidFill::new().set_color(c));
            }
            series.set_format(&mut f);
        }
    }
    if let Some(t) = &ch.title {
        chart.title().set_name(t.as_str());
    }
    if let Some(t) = &ch.x_title {
        chart.x_axis().set_name(t.as_str());
    }
    if let Some(t) = &ch.y_title {
        chart.y_axis().set_name(t.as_str());
    }
    match ch.legend {
        None => {}
        Some(LegendPosition::None) => {
            chart.legend().set_hidden();
        }
        Some(p) => {
            chart.legend().set_position(match p {
                LegendPosition::Left => ChartLegendPosition::Left,
                LegendPosition::Top => ChartLegendPosition::Top,
                LegendPosition::Bottom => ChartLegendPosition::Bottom,
                _ => ChartLegendPosition::Right,
            });
        }
    }
    for (v, field) in [(ch.width, "width"), (ch.height, "height")] {
        if let Some(px) = v
            && !(20..=10_000).contains(&px)
        {
            return Err(spec(
                at,
                format!("`{field}` {px} is outside 20..10000 pixels"),
            ));
        }
    }
    if let Some(w) = ch.width {
        chart.set_width(w);
    }
    if let Some(h) = ch.height {
        chart.set_height(h);
    }
    let anchor = ch.at.as_deref().unwrap_or("H2");
    let cell = Cell::parse(anchor)
        .ok_or_else(|| spec(at, format!("`at` {anchor:?} is not a cell reference")))?;
    ws.insert_chart(cell.row, cell.col, &chart)
        .map_err(|e| write_err(at, &e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::reference;

    #[test]
    fn references_name_their_sheet() {
        let sheets = ["Data", "My data"];
        let r = reference("B2:B5", "Data", &sheets, "x").unwrap();
        assert_eq!((r.sheet, r.area.to_string().as_str()), ("Data", "B2:B5"));
        let r = reference("='My data'!$A$1:$A$3", "Data", &sheets, "x").unwrap();
        assert_eq!((r.sheet, r.area.to_string().as_str()), ("My data", "A1:A3"));
        let e = reference("Other!A1:A2", "Data", &sheets, "x").unwrap_err();
        assert!(e.to_string().contains("does not have"), "{e}");
        assert!(reference("nonsense", "Data", &sheets, "x").is_err());
    }
}
