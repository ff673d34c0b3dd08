//! The XML of built slides: placeholders with text, text boxes, pictures,
//! tables, notes slides, and a notes master for templates without one.

use std::fmt::Write as _;

use super::layouts::{Rect, Slot};
use super::outline::Item;

pub(crate) const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
pub(crate) const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
const GROUP: &str = r#"<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

/// Deepest outline level.
const MAX_LEVEL: usize = 8;

/// XML-escape text and attribute values; control characters are dropped.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Paragraph formatting beyond the inherited.
#[derive(Debug, Clone, Default)]
pub(crate) struct Para<'a> {
    pub level: usize,
    /// `Some(false)`: no bullet; `None`: inherited.
    pub bullet: Option<bool>,
    pub align: Option<&'a str>,
    /// Extra `a:rPr` attributes, e.g. ` b="1"`.
    pub rpr: &'a str,
    /// Child elements of every `a:rPr`, e.g. a fill.
    pub fill: &'a str,
}

impl Para<'_> {
    /// An `a:rPr` (or `a:endParaRPr`) element with these properties.
    fn run_props(&self, tag: &str, extra: &str) -> String {
        if self.fill.is_empty() {
            format!(r#"<a:{tag} lang="en-US"{}{extra} dirty="0"/>"#, self.rpr)
        } else {
            format!(
                r#"<a:{tag} lang="en-US"{}{extra} dirty="0">{}</a:{tag}>"#,
                self.rpr, self.fill
            )
        }
    }
}

/// Inline `**bold**` and `*italic*` (or `_italic_`) as `(text, bold, italic)` runs.
pub(crate) fn spans(text: &str) -> Vec<(String, bool, bool)> {
    let mut out: Vec<(String, bool, bool)> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let closes = |from: usize, pat: &[char]| chars[from..].windows(pat.len()).any(|w| w == pat);
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() && matches!(chars[i + 1], '*' | '_' | '\\') {
            cur.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '*' && chars.get(i + 1) == Some(&'*') && (bold || closes(i + 2, &['*', '*'])) {
            if !cur.is_empty() {
                out.push((std::mem::take(&mut cur), bold, italic));
            }
            bold = !bold;
            i += 2;
            continue;
        }
        let word_start = i == 0 || !chars[i - 1].is_alphanumeric();
        if matches!(c, '*' | '_')
            && (italic || word_start)
            && (italic || closes(i + 1, &[c]))
            && chars
                .get(i + 1)
                .map_or(italic, |n| italic || !n.is_whitespace())
        {
            if !cur.is_empty() {
                out.push((std::mem::take(&mut cur), bold, italic));
            }
            italic = !italic;
            i += 1;
            continue;
        }
        cur.push(c);
        i += 1;
    }
    if !cur.is_empty() || out.is_empty() {
        out.push((cur, bold, italic));
    }
    out
}

/// An `a:p` with `text` (inline Markdown; `\n` a line break).
pub(crate) fn paragraph(text: &str, f: &Para<'_>) -> String {
    let mut p = String::from("<a:p>");
    let mut ppr = String::new();
    if f.level > 0 {
        let _ = write!(ppr, r#" lvl="{}""#, f.level.min(MAX_LEVEL));
    }
    if f.bullet == Some(false) {
        ppr.push_str(r#" marL="0" indent="0""#);
    }
    if let Some(a) = f.align {
        let _ = write!(ppr, r#" algn="{a}""#);
    }
    if f.bullet == Some(false) {
        let _ = write!(p, "<a:pPr{ppr}><a:buNone/></a:pPr>");
    } else if !ppr.is_empty() {
        let _ = write!(p, "<a:pPr{ppr}/>");
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let _ = write!(p, "<a:br>{}</a:br>", f.run_props("rPr", ""));
        }
        for (t, b, it) in spans(line) {
            if t.is_empty() {
                continue;
            }
            let b = if b { r#" b="1""# } else { "" };
            let it = if it { r#" i="1""# } else { "" };
            let _ = write!(
                p,
                "<a:r>{}<a:t>{}</a:t></a:r>",
                f.run_props("rPr", &format!("{b}{it}")),
                esc(&t)
            );
        }
    }
    let _ = write!(p, "{}</a:p>", f.run_props("endParaRPr", ""));
    p
}

/// Paragraphs for nested bullets, from `level`.
pub(crate) fn items(list: &[Item], level: usize, out: &mut String) {
    for it in list {
        match it {
            Item::Text(t) => out.push_str(&paragraph(
                t,
                &Para {
                    level,
                    ..Para::default()
                },
            )),
            Item::Nested(n) => {
                out.push_str(&paragraph(
                    &n.text,
                    &Para {
                        level,
                        bullet: (!n.bullet).then_some(false),
                        ..Para::default()
                    },
                ));
                // Depth is bounded by the JSON parser's recursion limit; levels stop at 8.
                items(&n.items, (level + 1).min(MAX_LEVEL), out);
            }
        }
    }
}

fn xfrm(r: Rect) -> String {
    format!(
        r#"<a:xfrm><a:off x="{}" y="{}"/><a:ext cx="{}" cy="{}"/></a:xfrm>"#,
        r.0, r.1, r.2, r.3
    )
}

fn ph_tag(slot: &Slot) -> String {
    let mut t = String::from("<p:ph");
    if slot.kind != "obj" {
        let _ = write!(t, r#" type="{}""#, esc(&slot.kind));
    }
    if let Some(i) = slot.idx {
        let _ = write!(t, r#" idx="{i}""#);
    }
    t.push_str("/>");
    t
}

/// A placeholder shape holding `paras`; `rect` moves it from the layout's position.
pub(crate) fn placeholder(
    id: u32,
    slot: &Slot,
    paras: &str,
    rect: Option<Rect>,
    body: &str,
) -> String {
    let sppr = rect.map_or_else(
        || "<p:spPr/>".to_owned(),
        |r| format!("<p:spPr>{}</p:spPr>", xfrm(r)),
    );
    let paras = if paras.is_empty() {
        r#"<a:p><a:endParaRPr lang="en-US" dirty="0"/></a:p>"#
    } else {
        paras
    };
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{}</p:nvPr></p:nvSpPr>{sppr}<p:txBody>{body}<a:lstStyle/>{paras}</p:txBody></p:sp>"#,
        esc(&slot.name),
        ph_tag(slot)
    )
}

/// A text box (for layouts without the placeholder a slide needs).
pub(crate) fn text_box(id: u32, name: &str, r: Rect, paras: &str, anchor: &str) -> String {
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="square" rtlCol="0" anchor="{anchor}"><a:normAutofit/></a:bodyPr><a:lstStyle/>{paras}</p:txBody></p:sp>"#,
        esc(name),
        xfrm(r)
    )
}

/// A picture; `slot` makes it fill that placeholder; `crop` is `a:srcRect` (l, t, r, b in 1/1000 %).
pub(crate) fn picture(
    id: u32,
    descr: &str,
    rid: &str,
    slot: Option<&Slot>,
    r: Rect,
    crop: Option<(i64, i64, i64, i64)>,
) -> String {
    let name = slot.map_or_else(|| format!("Picture {}", id - 1), |s| s.name.clone());
    let ph = slot.map(ph_tag).unwrap_or_default();
    let src = crop.map_or_else(String::new, |(l, t, rr, b)| {
        format!(r#"<a:srcRect l="{l}" t="{t}" r="{rr}" b="{b}"/>"#)
    });
    format!(
        r#"<p:pic><p:nvPicPr><p:cNvPr id="{id}" name="{}" descr="{}"/><p:cNvPicPr><a:picLocks noGrp="1" noChangeAspect="1"/></p:cNvPicPr><p:nvPr>{ph}</p:nvPr></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/>{src}<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#,
        esc(&name),
        esc(descr),
        xfrm(r)
    )
}

fn numeric(s: &str) -> bool {
    let t = s
        .trim()
        .trim_start_matches(['$', '€', '£', '+', '-', '('])
        .trim_end_matches(['%', ')', 'k', 'm', 'M']);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '))
}

/// A table in `area`: a header row in the accent colour, banded rows,
/// numbers right-aligned. Returns the XML and a warning if it will not fit.
#[expect(
    clippy::cast_possible_wrap,
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    reason = "small counts"
)]
pub(crate) fn table(
    id: u32,
    area: Rect,
    rows: &[Vec<String>],
    header: bool,
) -> (String, Option<String>) {
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let nrows = rows.len().max(1);
    let sz = match nrows {
        0..=6 => 1800,
        7..=9 => 1600,
        10..=13 => 1400,
        _ => 1200,
    };
    // Column widths follow the longest text, within limits.
    let weights: Vec<f64> = (0..ncols)
        .map(|c| {
            let longest = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|t| t.chars().count())
                .max()
                .unwrap_or(1);
            (longest as f64).clamp(4.0, 40.0).sqrt()
        })
        .collect();
    let total: f64 = weights.iter().sum();
    let mut widths: Vec<i64> = weights
        .iter()
        .map(|w| (area.2 as f64 * w / total) as i64)
        .collect();
    let used: i64 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += area.2 - used;
    }
    let line_h = i64::from(sz) * 12_700 / 100 * 13 / 10;
    let row_h = (line_h + 2 * 45_720 + 20_000)
        .max(area.3.min(line_h * 3) / 2)
        .min(area.3 / nrows as i64)
        .max(line_h);
    let height = row_h * nrows as i64;
    let warn = (height > area.3 || nrows > 14)
        .then(|| format!("a table of {nrows} rows is crowded on one slide; split it"));
    let mut x = format!(
        r#"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{id}" name="Table {}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{}" y="{}"/><a:ext cx="{}" cy="{}"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="{}" bandRow="1"/><a:tblGrid>"#,
        id - 1,
        area.0,
        area.1,
        area.2,
        height,
        u8::from(header)
    );
    for w in &widths {
        let _ = write!(x, r#"<a:gridCol w="{w}"/>"#);
    }
    x.push_str("</a:tblGrid>");
    for (ri, row) in rows.iter().enumerate() {
        let head = header && ri == 0;
        let _ = write!(x, r#"<a:tr h="{row_h}">"#);
        for c in 0..ncols {
            let text = row.get(c).map_or("", String::as_str);
            let align = if !head && numeric(text) {
                Some("r")
            } else {
                None
            };
            let rpr = format!(r#" sz="{sz}"{}"#, if head { r#" b="1""# } else { "" });
            let color = if head { "bg1" } else { "tx1" };
            let text_fill = format!(r#"<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>"#);
            let p = paragraph(
                text,
                &Para {
                    align,
                    rpr: &rpr,
                    fill: &text_fill,
                    ..Para::default()
                },
            );
            let fill = if head {
                r#"<a:solidFill><a:schemeClr val="accent1"/></a:solidFill>"#.to_owned()
            } else if (ri + usize::from(!header)) % 2 == 0 {
                r#"<a:solidFill><a:schemeClr val="bg2"/></a:solidFill>"#.to_owned()
            } else {
                r#"<a:solidFill><a:schemeClr val="bg1"/></a:solidFill>"#.to_owned()
            };
            let _ = write!(
                x,
                r#"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{p}</a:txBody><a:tcPr marL="91440" marR="91440" marT="45720" marB="45720" anchor="ctr">{fill}</a:tcPr></a:tc>"#
            );
        }
        x.push_str("</a:tr>");
    }
    x.push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
    (x, warn)
}

/// A slide part.
pub(crate) fn slide(shapes: &str) -> String {
    format!(
        "{DECL}<p:sld {NS}><p:cSld><p:spTree>{GROUP}{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    )
}

/// A notes slide with `text` (one paragraph per line).
pub(crate) fn notes(text: &str) -> String {
    let mut paras = String::new();
    for l in text.split('\n') {
        let _ = write!(
            paras,
            r#"<a:p><a:r><a:rPr lang="en-US" dirty="0"/><a:t>{}</a:t></a:r></a:p>"#,
            esc(l)
        );
    }
    format!(
        r#"{DECL}<p:notes {NS}><p:cSld><p:spTree>{GROUP}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"#
    )
}

/// A plain notes master, for templates that have none.
pub(crate) fn notes_master() -> String {
    let mut lvls = String::new();
    for i in 1..=5 {
        let _ = write!(
            lvls,
            r#"<a:lvl{i}pPr marL="{}" algn="l"><a:defRPr sz="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl{i}pPr>"#,
            (i - 1) * 457_200
        );
    }
    format!(
        r#"{DECL}<p:notesMaster {NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>{GROUP}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="685800" y="685800"/><a:ext cx="5486400" cy="3086100"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="3"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="685800" y="4000500"/><a:ext cx="5486400" cy="4800600"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp></p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:notesStyle>{lvls}</p:notesStyle></p:notesMaster>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_emphasis() {
        assert_eq!(
            spans("a **b** *c* d_e_f 2*3 *e*"),
            vec![
                ("a ".into(), false, false),
                ("b".into(), true, false),
                (" ".into(), false, false),
                ("c".into(), false, true),
                (" d_e_f 2*3 ".into(), false, false),
                ("e".into(), false, true),
            ]
        );
    }

    #[test]
    fn table_cells_carry_their_run_properties() {
        let (x, warn) = table(
            5,
            (0, 0, 6_000_000, 3_000_000),
            &[
                vec!["Item".into(), "Cost".into()],
                vec!["Pens".into(), "12".into()],
            ],
            true,
        );
        assert!(warn.is_none());
        assert!(x.contains(r#"<a:rPr lang="en-US" sz="1800" b="1" dirty="0"><a:solidFill><a:schemeClr val="bg1"/></a:solidFill></a:rPr>"#), "{x}");
        assert!(x.contains(r#"<a:pPr algn="r"/>"#));
        docskill_opc::xml::dom::Document::parse(
            format!("<r {NS}>{x}</r>").as_bytes(),
            "t",
            &docskill_opc::Limits::default(),
        )
        .unwrap();
    }
}
