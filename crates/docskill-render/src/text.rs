//! Text bodies: inherited paragraph and run properties, shaping, greedy line
//! breaking, bullets, alignment, vertical anchoring and autofit.

use docskill_opc::xml::dom::Element;
use docskill_pptx::style::{Inherit, ThemeFonts};
use tiny_skia::Transform;

use crate::canvas::{Canvas, Shaped};
use crate::color::{Palette, Rgba};
use crate::fonts::{FaceId, Fonts};
use crate::xml::{child, int, pt, truthy};

/// What text drawing needs from its surroundings.
pub struct TextEnv<'a> {
    /// Colours.
    pub pal: &'a Palette,
    /// Theme fonts.
    pub fonts: &'a ThemeFonts,
    /// The shape style's font colour (`p:style/a:fontRef`).
    pub font_color: Option<Rgba>,
    /// Bold and italic from a table style's text (`a:tcTxStyle b="on"`), under the runs' own.
    pub bold: Option<bool>,
    /// Italic from a table style.
    pub italic: Option<bool>,
    /// Lines get the font's line gap (text boxes; not table cells).
    pub line_gap: bool,
}

/// A box to lay text out in, points, before insets.
#[derive(Debug, Clone, Copy)]
pub struct TextBox {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Insets (left, top, right, bottom) that replace `a:bodyPr`'s (table cells).
    pub insets: Option<[f64; 4]>,
    /// Vertical anchor that replaces `a:bodyPr`'s (table cells).
    pub anchor: Option<&'static str>,
    /// Text direction that replaces `a:bodyPr`'s `vert` (table cells' `a:tcPr vert`).
    pub vert: Option<&'static str>,
}

#[derive(Clone)]
struct Style {
    face: FaceId,
    size: f64,
    color: Rgba,
    underline: bool,
    strike: bool,
    baseline: f64,
    highlight: Option<Rgba>,
    /// Lines of this text get the font's line gap.
    gap: bool,
}

struct Glyph {
    face: FaceId,
    id: u16,
    x: f64,
    dx: f64,
    dy: f64,
}

/// A shaped piece of one style.
struct Piece {
    style: Style,
    glyphs: Vec<Glyph>,
    width: f64,
    /// Width of trailing whitespace.
    trailing: f64,
}

struct Line {
    pieces: Vec<Piece>,
    width: f64,
    trailing: f64,
    ascent: f64,
    descent: f64,
}

struct Para {
    lines: Vec<Line>,
    align: String,
    left: f64,
    first_left: f64,
    bullet: Option<Piece>,
    bullet_x: f64,
    spacing: Spacing,
    before: f64,
    after: f64,
}

#[derive(Clone, Copy)]
enum Spacing {
    Pct(f64),
    Pts(f64),
}

/// Ascent and descent of a face at a size; with `gap`, the font's line gap is added above
/// the ascent (as `LibreOffice` spaces the lines of text boxes; table cells and chart labels
/// go without).
fn metrics(face: FaceId, size: f64, gap: bool) -> (f64, f64) {
    let f = Fonts::get().face(face);
    let upem = f64::from(f.units_per_em().max(1));
    let line_gap = if gap { f64::from(f.line_gap()) } else { 0.0 };
    let asc = f64::from(f.ascender()) + line_gap;
    let desc = -f64::from(f.descender());
    (asc / upem * size, desc / upem * size)
}

/// Shape `text` in one style, splitting by font coverage (fallback for missing glyphs).
fn shape(cv: &mut Canvas<'_>, text: &str, style: &Style) -> Piece {
    let fonts = Fonts::get();
    let shaped = cv
        .caches
        .shaped(style.face, text, || shape_units(text, style.face));
    let mut glyphs = Vec::with_capacity(shaped.len());
    let mut x = 0.0;
    for &(face, id, x_off, adv, y_off) in shaped.iter() {
        let scale = style.size / f64::from(fonts.face(face).units_per_em().max(1));
        glyphs.push(Glyph {
            face,
            id,
            x: x + f64::from(x_off) * scale,
            dx: f64::from(adv) * scale,
            dy: f64::from(y_off) * scale,
        });
        x += f64::from(adv) * scale;
    }
    let trailing_chars = text.chars().rev().take_while(|c| c.is_whitespace()).count();
    let trailing: f64 = glyphs.iter().rev().take(trailing_chars).map(|g| g.dx).sum();
    Piece {
        style: style.clone(),
        glyphs,
        width: x,
        trailing,
    }
}

/// Shape `text` asked for in `face`, in font units, with fallback faces for missing glyphs.
fn shape_units(text: &str, face: FaceId) -> Vec<Shaped> {
    let fonts = Fonts::get();
    let mut glyphs = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let seg_face = fonts.for_char(face, chars[i].1);
        let mut j = i + 1;
        while j < chars.len() && fonts.for_char(face, chars[j].1) == seg_face {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(&text[start..end]);
        buf.guess_segment_properties();
        let out = rustybuzz::shape(fonts.face(seg_face), &[], buf);
        for (info, pos) in out.glyph_infos().iter().zip(out.glyph_positions()) {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "glyph ids are u16 in OpenType"
            )]
            glyphs.push((
                seg_face,
                info.glyph_id as u16,
                pos.x_offset,
                pos.x_advance,
                pos.y_offset,
            ));
        }
        start = end;
        i = j;
    }
    glyphs
}

/// The colour of a run property's text fill: `a:solidFill`, or a gradient's colour at its
/// middle stop (text gradients are drawn in one colour).
fn text_fill(env: &TextEnv<'_>, rpr: &Element) -> Option<Rgba> {
    rpr.elements().find_map(|e| match e.local() {
        "solidFill" => env.pal.color_in(e, None),
        "gradFill" => {
            let stops: Vec<&Element> = child(e, "gsLst")?
                .elements()
                .filter(|g| g.local() == "gs")
                .collect();
            stops
                .get(stops.len() / 2)
                .and_then(|g| env.pal.color_in(g, None))
        }
        _ => None,
    })
}

/// The first attribute along the paragraph chain.
fn first<'e>(chain: &[&'e Element], k: &str) -> Option<&'e str> {
    chain.iter().find_map(|e| e.attr(k))
}

fn first_child<'e>(chain: &[&'e Element], k: &str) -> Option<&'e Element> {
    chain.iter().find_map(|e| child(e, k))
}

fn spacing_of(el: Option<&Element>) -> Option<Spacing> {
    let el = el?;
    if let Some(p) = child(el, "spcPct").and_then(|p| int(p, "val")) {
        #[expect(clippy::cast_precision_loss, reason = "percent values are small")]
        return Some(Spacing::Pct(p as f64 / 100_000.0));
    }
    #[expect(clippy::cast_precision_loss, reason = "point values are small")]
    child(el, "spcPts")
        .and_then(|p| int(p, "val"))
        .map(|v| Spacing::Pts(v as f64 / 100.0))
}

/// Autonumber text for `n` (1-based) in scheme `kind`.
fn autonum(kind: &str, n: u32) -> String {
    let alpha = |upper: bool| {
        let mut s = String::new();
        let mut k = n.max(1);
        while k > 0 {
            k -= 1;
            let c = char::from(b'a' + u8::try_from(k % 26).unwrap_or(0));
            s.insert(0, if upper { c.to_ascii_uppercase() } else { c });
            k /= 26;
        }
        s
    };
    let roman = |upper: bool| {
        let mut s = String::new();
        let mut k = n.min(3999);
        for (v, r) in [
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ] {
            while k >= v {
                s.push_str(r);
                k -= v;
            }
        }
        if upper { s.to_uppercase() } else { s }
    };
    let body = if kind.starts_with("alphaUc") {
        alpha(true)
    } else if kind.starts_with("alphaLc") {
        alpha(false)
    } else if kind.starts_with("romanUc") {
        roman(true)
    } else if kind.starts_with("romanLc") {
        roman(false)
    } else {
        n.to_string()
    };
    if kind.ends_with("ParenBoth") {
        format!("({body})")
    } else if kind.ends_with("ParenR") {
        format!("{body})")
    } else if kind.ends_with("Period") {
        format!("{body}.")
    } else if kind.ends_with("Minus") {
        format!("- {body} -")
    } else {
        body
    }
}

/// Lay out and draw a text body in `bx` (shape space, points) under transform `t`.
pub fn draw(
    cv: &mut Canvas<'_>,
    body: &Element,
    inh: &Inherit<'_>,
    bx: TextBox,
    t: Transform,
    env: &TextEnv<'_>,
) {
    lay_out(cv, body, inh, bx, t, env, true);
}

/// The height a text body needs in box `bx` (insets included), without drawing it.
pub fn measure(
    cv: &mut Canvas<'_>,
    body: &Element,
    inh: &Inherit<'_>,
    bx: TextBox,
    env: &TextEnv<'_>,
) -> f64 {
    lay_out(cv, body, inh, bx, Transform::identity(), env, false)
}

/// Lay out a text body; draw it when `paint`. Returns the height it needs.
#[expect(
    clippy::too_many_lines,
    reason = "one pass over paragraphs, then drawing"
)]
fn lay_out(
    cv: &mut Canvas<'_>,
    body: &Element,
    inh: &Inherit<'_>,
    bx: TextBox,
    t: Transform,
    env: &TextEnv<'_>,
    paint: bool,
) -> f64 {
    let props = inh.body_props();
    let ins = |k: &str, d: i64| pt(props.iter().find_map(|p| int(p, k)).unwrap_or(d));
    let [l_ins, t_ins, r_ins, b_ins] = bx.insets.unwrap_or_else(|| {
        [
            ins("lIns", 91_440),
            ins("tIns", 45_720),
            ins("rIns", 91_440),
            ins("bIns", 45_720),
        ]
    });
    let wrap = first(&props, "wrap") != Some("none");
    let anchor = bx.anchor.or_else(|| first(&props, "anchor")).unwrap_or("t");
    let autofit = props.iter().find_map(|p| child(p, "normAutofit"));
    #[expect(clippy::cast_precision_loss, reason = "percent values are small")]
    let font_scale = autofit
        .and_then(|a| int(a, "fontScale"))
        .map_or(1.0, |v| v as f64 / 100_000.0);
    #[expect(clippy::cast_precision_loss, reason = "percent values are small")]
    let ln_red = autofit
        .and_then(|a| int(a, "lnSpcReduction"))
        .map_or(0.0, |v| v as f64 / 100_000.0);
    // Vertical text: lay out in the box turned a quarter turn, then turn it back.
    let (bx, t) = match bx.vert.or_else(|| first(&props, "vert")).unwrap_or("horz") {
        v @ ("vert" | "eaVert" | "mongolianVert" | "wordArtVert" | "wordArtVertRtl") => {
            if v != "vert" {
                cv.skip(
                    "text",
                    format!("vertical text ({v}) drawn as text turned 90°"),
                );
            }
            let turned = Transform::from_row(0.0, 1.0, -1.0, 0.0, f32p(bx.x + bx.w), f32p(bx.y));
            (quarter(bx), t.pre_concat(turned))
        }
        "vert270" => {
            let turned = Transform::from_row(0.0, -1.0, 1.0, 0.0, f32p(bx.x), f32p(bx.y + bx.h));
            (quarter(bx), t.pre_concat(turned))
        }
        _ => (bx, t),
    };
    let inner_w = (bx.w - l_ins - r_ins).max(1.0);
    let inner_h = bx.h - t_ins - b_ins;
    let mut paras = Vec::new();
    let mut counters = [0_u32; 9];
    let mut runs: [Option<(String, i64)>; 9] = Default::default();
    for p in body.elements().filter(|e| e.local() == "p") {
        let ppr = child(p, "pPr");
        let lvl = ppr.and_then(|p| int(p, "lvl")).unwrap_or(0).clamp(0, 8);
        #[expect(clippy::cast_sign_loss, reason = "clamped to 0..=8")]
        let lvl_u = lvl as u32;
        let mut chain: Vec<&Element> = ppr.into_iter().collect();
        chain.extend(inh.levels(lvl_u));
        let defs: Vec<&Element> = chain.iter().filter_map(|e| child(e, "defRPr")).collect();
        let run_style = |rpr: Option<&Element>| -> Style {
            let mut rc: Vec<&Element> = rpr.into_iter().collect();
            rc.extend(defs.iter().copied());
            #[expect(clippy::cast_precision_loss, reason = "sizes are small")]
            let mut size = first(&rc, "sz")
                .and_then(|v| v.parse::<i64>().ok())
                .map_or(18.0, |v| v as f64 / 100.0)
                * font_scale;
            let bold = rc
                .iter()
                .find_map(|e| truthy(e, "b"))
                .or(env.bold)
                .unwrap_or(false);
            let italic = rc
                .iter()
                .find_map(|e| truthy(e, "i"))
                .or(env.italic)
                .unwrap_or(false);
            let face_name = first_child(&rc, "latin")
                .and_then(|l| l.attr("typeface"))
                .map_or_else(
                    || {
                        if inh.title {
                            env.fonts.major.clone()
                        } else {
                            env.fonts.minor.clone()
                        }
                    },
                    |f| env.fonts.resolve(f),
                );
            // The run's own colour, then the shape style's font colour, then inherited defaults.
            let color = rpr
                .and_then(|r| text_fill(env, r))
                .or(env.font_color)
                .or_else(|| rc.iter().find_map(|r| text_fill(env, r)))
                .or_else(|| env.pal.scheme("tx1"))
                .unwrap_or(Rgba::BLACK);
            #[expect(clippy::cast_precision_loss, reason = "percent values are small")]
            let baseline = first(&rc, "baseline")
                .and_then(|v| v.parse::<i64>().ok())
                .map_or(0.0, |v| v as f64 / 100_000.0);
            if baseline != 0.0 {
                size *= 2.0 / 3.0;
            }
            Style {
                face: Fonts::resolve(&face_name, bold, italic),
                size: size.max(0.5),
                color,
                underline: first(&rc, "u").is_some_and(|u| u != "none"),
                strike: first(&rc, "strike").is_some_and(|s| s != "noStrike"),
                baseline,
                highlight: first_child(&rc, "highlight").and_then(|h| env.pal.color_in(h, None)),
                gap: env.line_gap,
            }
        };
        // Runs → whitespace-ended tokens of pieces.
        let mut tokens: Vec<Vec<Piece>> = vec![Vec::new()];
        let mut breaks = Vec::new();
        let mut first_style = None;
        for r in p.elements() {
            match r.local() {
                "r" | "fld" => {
                    let st = run_style(child(r, "rPr"));
                    let text = child(r, "t").map(Element::text).unwrap_or_default();
                    let text = text.replace(['\t', '\u{0b}'], " ");
                    if first_style.is_none() {
                        first_style = Some(st.clone());
                    }
                    let mut rest = text.as_str();
                    while !rest.is_empty() {
                        let cut = rest
                            .char_indices()
                            .find(|(i, c)| {
                                c.is_whitespace()
                                    && rest[i + c.len_utf8()..]
                                        .chars()
                                        .next()
                                        .is_none_or(|n| !n.is_whitespace())
                            })
                            .map_or(rest.len(), |(i, c)| i + c.len_utf8());
                        let (word, tail) = rest.split_at(cut);
                        if let Some(tok) = tokens.last_mut() {
                            tok.push(shape(cv, word, &st));
                        }
                        if word.ends_with(char::is_whitespace) {
                            tokens.push(Vec::new());
                        }
                        rest = tail;
                    }
                }
                "br" => {
                    breaks.push(tokens.len());
                    tokens.push(Vec::new());
                }
                _ => {}
            }
        }
        let end_style = run_style(child(p, "endParaRPr"));
        let base_style = first_style.clone().unwrap_or_else(|| end_style.clone());
        let empty = tokens.iter().all(Vec::is_empty);
        // Bullet.
        let bullet_src = chain.iter().find(|e| {
            e.elements()
                .any(|c| matches!(c.local(), "buNone" | "buChar" | "buAutoNum" | "buBlip"))
        });
        let mut bullet = None;
        if let Some(src) = bullet_src.filter(|_| !empty) {
            let mut bst = base_style.clone();
            if let Some(c) = first_child(&chain, "buClr").and_then(|c| env.pal.color_in(c, None)) {
                bst.color = c;
            }
            #[expect(clippy::cast_precision_loss, reason = "percent values are small")]
            if let Some(p) = first_child(&chain, "buSzPct").and_then(|c| int(c, "val")) {
                bst.size *= p as f64 / 100_000.0;
            }
            let bu_font = first_child(&chain, "buFont").and_then(|f| f.attr("typeface"));
            if let Some(f) = bu_font {
                bst.face = Fonts::resolve(&env.fonts.resolve(f), false, false);
            }
            let text = if let Some(c) = child(src, "buChar") {
                let ch = c.attr("char").unwrap_or("•");
                // Symbol-font bullets: map the common private-use glyphs to Unicode.
                match (bu_font.unwrap_or(""), ch) {
                    ("Wingdings", "Ø") => "➢".to_owned(),
                    ("Wingdings", "ü") => "✔".to_owned(),
                    ("Wingdings", "q") => "❑".to_owned(),
                    ("Wingdings", "v") => "❖".to_owned(),
                    ("Wingdings", "n") | (_, "§") => "■".to_owned(),
                    ("Wingdings", "l") => "●".to_owned(),
                    ("Symbol", "·") => "•".to_owned(),
                    _ => ch.to_owned(),
                }
            } else if let Some(a) = child(src, "buAutoNum") {
                let start = int(a, "startAt").unwrap_or(1).clamp(1, 10_000);
                // A new scheme or start value begins a new run of numbers.
                let key = (a.attr("type").unwrap_or("arabicPeriod").to_owned(), start);
                if runs[lvl_u as usize].as_ref() != Some(&key) {
                    counters[lvl_u as usize] = 0;
                    runs[lvl_u as usize] = Some(key);
                }
                counters[lvl_u as usize] += 1;
                #[expect(clippy::cast_sign_loss, reason = "clamped")]
                let n = start as u32 + counters[lvl_u as usize] - 1;
                autonum(a.attr("type").unwrap_or("arabicPeriod"), n)
            } else if child(src, "buBlip").is_some() {
                "•".to_owned()
            } else {
                String::new()
            };
            if child(src, "buAutoNum").is_none() {
                counters[lvl_u as usize] = 0;
            }
            if !text.is_empty() {
                bullet = Some(shape(cv, &text, &bst));
            }
        } else if !empty {
            counters[lvl_u as usize] = 0;
        }
        for c in counters.iter_mut().skip(lvl_u as usize + 1) {
            *c = 0;
        }
        let mar_l = pt(first(&chain, "marL")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0));
        let indent = pt(first(&chain, "indent")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0));
        let bullet_x = (mar_l + indent).max(0.0);
        let first_left = match &bullet {
            Some(b) if indent < 0.0 => mar_l.max(bullet_x + b.width),
            Some(b) => bullet_x + b.width,
            None => bullet_x,
        };
        // Greedy line breaking.
        let mut lines: Vec<Line> = Vec::new();
        let new_line = || Line {
            pieces: Vec::new(),
            width: 0.0,
            trailing: 0.0,
            ascent: 0.0,
            descent: 0.0,
        };
        let mut line = new_line();
        for (ti, tok) in tokens.into_iter().enumerate() {
            if breaks.contains(&ti) {
                lines.push(std::mem::replace(&mut line, new_line()));
            }
            let tw: f64 = tok.iter().map(|p| p.width).sum();
            let ttrail = tok.last().map_or(0.0, |p| p.trailing);
            let left = if lines.is_empty() { first_left } else { mar_l };
            let avail = (inner_w - left).max(1.0);
            if wrap && !line.pieces.is_empty() && line.width + tw - ttrail > avail {
                lines.push(std::mem::replace(&mut line, new_line()));
            }
            let left = if lines.is_empty() { first_left } else { mar_l };
            let avail = (inner_w - left).max(1.0);
            if wrap && line.pieces.is_empty() && tw - ttrail > avail {
                // A word wider than the line: break between glyphs.
                for piece in tok {
                    let style = piece.style.clone();
                    let mut cur = Piece {
                        style: style.clone(),
                        glyphs: Vec::new(),
                        width: 0.0,
                        trailing: 0.0,
                    };
                    for g in piece.glyphs {
                        if line.width + cur.width + g.dx > avail
                            && (line.width > 0.0 || cur.width > 0.0)
                        {
                            push_piece(
                                &mut line,
                                std::mem::replace(
                                    &mut cur,
                                    Piece {
                                        style: style.clone(),
                                        glyphs: Vec::new(),
                                        width: 0.0,
                                        trailing: 0.0,
                                    },
                                ),
                            );
                            lines.push(std::mem::replace(&mut line, new_line()));
                        }
                        let x = cur.width;
                        cur.width += g.dx;
                        cur.glyphs.push(Glyph { x, ..g });
                    }
                    push_piece(&mut line, cur);
                }
                continue;
            }
            for piece in tok {
                push_piece(&mut line, piece);
            }
        }
        lines.push(line);
        for l in &mut lines {
            if l.pieces.is_empty() {
                let (a, d) = metrics(end_style.face, end_style.size, end_style.gap);
                l.ascent = a;
                l.descent = d;
            }
        }
        let spacing = spacing_of(first_child(&chain, "lnSpc")).unwrap_or(Spacing::Pct(1.0));
        let spacing = match spacing {
            Spacing::Pct(p) => Spacing::Pct((p - ln_red).max(0.1)),
            s @ Spacing::Pts(_) => s,
        };
        let size_ref = base_style.size;
        let sp = |k: &str| match spacing_of(first_child(&chain, k)) {
            Some(Spacing::Pct(p)) => p * size_ref * 1.2,
            Some(Spacing::Pts(v)) => v,
            None => 0.0,
        };
        paras.push(Para {
            lines,
            align: first(&chain, "algn").unwrap_or("l").to_owned(),
            left: mar_l,
            first_left,
            bullet,
            bullet_x,
            spacing,
            before: sp("spcBef"),
            after: sp("spcAft"),
        });
    }
    // Heights.
    let line_h = |l: &Line, s: Spacing| match s {
        Spacing::Pct(p) => (l.ascent + l.descent) * p,
        Spacing::Pts(v) => v,
    };
    let mut total = 0.0;
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            total += p.before;
        }
        total += p.lines.iter().map(|l| line_h(l, p.spacing)).sum::<f64>();
        if i + 1 < paras.len() {
            total += p.after;
        }
    }
    if !paint {
        return total + t_ins + b_ins;
    }
    let mut y = bx.y
        + t_ins
        + match anchor {
            "ctr" => (inner_h - total) / 2.0,
            "b" => inner_h - total,
            _ => 0.0,
        };
    let x0 = bx.x + l_ins;
    let count = paras.len();
    for (i, p) in paras.into_iter().enumerate() {
        if i > 0 {
            y += p.before;
        }
        for (li, l) in p.lines.into_iter().enumerate() {
            let h = line_h(&l, p.spacing);
            let (asc, desc) = (l.ascent, l.descent);
            // Baseline: the ascent share of the line height.
            let baseline = y + if asc + desc > 0.0 {
                h * asc / (asc + desc)
            } else {
                h
            };
            let left = if li == 0 { p.first_left } else { p.left };
            let avail = inner_w - left;
            let used = l.width - l.trailing;
            let shift = match p.align.as_str() {
                "ctr" => (avail - used) / 2.0,
                "r" => avail - used,
                _ => 0.0,
            };
            if li == 0
                && let Some(b) = &p.bullet
            {
                let bx0 = if p.align == "ctr" || p.align == "r" {
                    x0 + left + shift - b.width
                } else {
                    x0 + p.bullet_x
                };
                draw_piece(cv, b, bx0, baseline, t);
            }
            let mut x = x0 + left + shift;
            for piece in &l.pieces {
                draw_piece(cv, piece, x, baseline, t);
                x += piece.width;
            }
            y += h;
        }
        if i + 1 < count {
            y += p.after;
        }
    }
    total + t_ins + b_ins
}

/// The box at the origin with width and height swapped (for vertical text).
fn quarter(bx: TextBox) -> TextBox {
    TextBox {
        x: 0.0,
        y: 0.0,
        w: bx.h,
        h: bx.w,
        ..bx
    }
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "slide coordinates fit in f32"
)]
fn f32p(v: f64) -> f32 {
    v as f32
}

fn push_piece(line: &mut Line, piece: Piece) {
    let (a, d) = metrics(
        piece.style.face,
        piece.style.size
            / if piece.style.baseline == 0.0 {
                1.0
            } else {
                2.0 / 3.0
            },
        piece.style.gap,
    );
    line.ascent = line.ascent.max(a);
    line.descent = line.descent.max(d);
    line.width += piece.width;
    line.trailing = piece.trailing;
    line.pieces.push(piece);
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "slide coordinates fit in f32"
)]
fn draw_piece(cv: &mut Canvas<'_>, piece: &Piece, x: f64, baseline: f64, t: Transform) {
    let st = &piece.style;
    let base = baseline - st.baseline * st.size * 1.5;
    if let Some(h) = st.highlight {
        let (a, d) = metrics(st.face, st.size, false);
        cv.rect(
            x as f32,
            (base - a) as f32,
            (piece.width - piece.trailing) as f32,
            (a + d) as f32,
            h,
            t,
        );
    }
    for g in &piece.glyphs {
        let f = Fonts::get().face(g.face);
        let s = (st.size / f64::from(f.units_per_em().max(1))) as f32;
        cv.draw_glyph(
            g.face,
            g.id,
            (x + g.x) as f32,
            (base - g.dy) as f32,
            s,
            st.color,
            t,
        );
    }
    let w = (piece.width - piece.trailing) as f32;
    let thick = (st.size / 18.0).max(0.5) as f32;
    if st.underline {
        cv.rect(
            x as f32,
            (base + st.size * 0.12) as f32,
            w,
            thick,
            st.color,
            t,
        );
    }
    if st.strike {
        cv.rect(
            x as f32,
            (base - st.size * 0.3) as f32,
            w,
            thick,
            st.color,
            t,
        );
    }
}

/// Draw one line of plain text with its left end at `x` and its baseline at `baseline` (labels).
pub fn label(
    cv: &mut Canvas<'_>,
    s: &str,
    x: f64,
    baseline: f64,
    size: f64,
    color: Rgba,
    bold: bool,
    t: Transform,
) -> f64 {
    let face = Fonts::resolve("Liberation Sans", bold, false);
    run(cv, s, face, size, color, x, baseline, t)
}

/// Width of a label drawn by [`label`].
pub fn label_width(cv: &mut Canvas<'_>, s: &str, size: f64, bold: bool) -> f64 {
    run_width(cv, s, Fonts::resolve("Liberation Sans", bold, false), size)
}

fn plain(face: FaceId, size: f64, color: Rgba) -> Style {
    Style {
        face,
        size,
        color,
        underline: false,
        strike: false,
        baseline: 0.0,
        highlight: None,
        gap: false,
    }
}

/// Draw one line of text in `face` with its left end at `x` and its baseline at
/// `baseline`; returns its width (chart labels, grid captions).
pub fn run(
    cv: &mut Canvas<'_>,
    s: &str,
    face: FaceId,
    size: f64,
    color: Rgba,
    x: f64,
    baseline: f64,
    t: Transform,
) -> f64 {
    let piece = shape(cv, s, &plain(face, size, color));
    draw_piece(cv, &piece, x, baseline, t);
    piece.width
}

/// Width of a line drawn by [`run`].
pub fn run_width(cv: &mut Canvas<'_>, s: &str, face: FaceId, size: f64) -> f64 {
    shape(cv, s, &plain(face, size, Rgba::BLACK)).width
}

/// Ascent and descent of `face` at `size`, points.
pub fn face_metrics(face: FaceId, size: f64) -> (f64, f64) {
    metrics(face, size, false)
}

#[cfg(test)]
mod tests {
    use super::autonum;

    #[test]
    fn autonumbers() {
        assert_eq!(autonum("arabicPeriod", 3), "3.");
        assert_eq!(autonum("alphaLcParenR", 28), "ab)");
        assert_eq!(autonum("romanUcPeriod", 14), "XIV.");
        assert_eq!(autonum("arabicParenBoth", 2), "(2)");
    }
}
