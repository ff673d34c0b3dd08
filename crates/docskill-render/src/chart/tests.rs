//! Literal-XML tests of the chart model: titles, unsupported kinds, bounds.

use docskill_opc::Limits;
use docskill_opc::xml::dom::Document;
use docskill_pptx::style::ThemeFonts;

use super::model::{self, Ctx, Kind, MAX_POINTS};
use crate::color::Palette;

fn read(plot: &str, extra: &str) -> Result<model::Chart, model::Unsupported> {
    let xml = format!(
        r#"<c:chartSpace xmlns:c="c" xmlns:a="a"><c:chart>{extra}<c:plotArea>{plot}</c:plotArea></c:chart></c:chartSpace>"#
    );
    let doc = Document::parse(xml.as_bytes(), "chart", &Limits::default()).expect("xml");
    let pal = Palette::new(None, None);
    let fonts = ThemeFonts::default();
    model::read(
        &Ctx {
            pal: &pal,
            fonts: &fonts,
        },
        &doc.root,
    )
}

const ONE_SERIES: &str = r#"<c:barChart><c:barDir val="col"/><c:ser><c:idx val="0"/>
<c:tx><c:strRef><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Revenue</c:v></c:pt></c:strCache></c:strRef></c:tx>
<c:val><c:numRef><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/>
<c:pt idx="0"><c:v>1.5</c:v></c:pt><c:pt idx="1"><c:v>2</c:v></c:pt></c:numCache></c:numRef></c:val>
</c:ser></c:barChart>"#;

#[test]
fn a_single_series_names_an_untitled_chart() {
    let ch = read(ONE_SERIES, r#"<c:autoTitleDeleted val="0"/>"#).expect("drawn");
    assert_eq!(ch.title.expect("auto title").lines, ["Revenue"]);
    assert!(matches!(
        ch.plots[0].kind,
        Kind::Bar {
            horizontal: false,
            ..
        }
    ));
    assert_eq!(ch.plots[0].series[0].vals, [Some(1.5), Some(2.0)]);
    let ch = read(ONE_SERIES, r#"<c:autoTitleDeleted val="1"/>"#).expect("drawn");
    assert!(ch.title.is_none());
}

#[test]
fn unsupported_kinds_are_reported() {
    let e = read(
        r#"<c:radarChart><c:radarStyle val="marker"/></c:radarChart>"#,
        "",
    )
    .expect_err("radar is not drawn");
    assert!(e.0.starts_with("radarChart"), "{e:?}");
    assert!(read("", "").is_err(), "no plot");
}

#[test]
fn hostile_point_counts_are_bounded() {
    let plot = r#"<c:lineChart><c:ser><c:idx val="99999999999"/><c:val><c:numLit>
<c:ptCount val="4000000000"/><c:pt idx="3999999999"><c:v>1</c:v></c:pt><c:pt idx="-1"><c:v>2</c:v></c:pt>
<c:pt idx="1"><c:v>NaN</c:v></c:pt><c:pt idx="2"><c:v>3</c:v></c:pt></c:numLit></c:val></c:ser></c:lineChart>"#;
    let ch = read(plot, "").expect("drawn");
    let s = &ch.plots[0].series[0];
    assert_eq!(s.vals.len(), MAX_POINTS);
    assert_eq!(&s.vals[..3], [None, None, Some(3.0)]);
}
