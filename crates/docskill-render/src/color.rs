//! Colours: theme scheme, `clrMap`, and the DrawingML colour transforms.

use std::collections::BTreeMap;

use docskill_opc::xml::dom::Element;
use tiny_skia::Color;

use crate::xml::path;

/// An RGBA colour with components in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba {
    /// Red.
    pub r: f64,
    /// Green.
    pub g: f64,
    /// Blue.
    pub b: f64,
    /// Opacity.
    pub a: f64,
}

impl Rgba {
    /// Opaque colour from 0..=255 components.
    pub fn rgb8(r: u8, g: u8, b: u8) -> Self {
        Self {
            r: f64::from(r) / 255.0,
            g: f64::from(g) / 255.0,
            b: f64::from(b) / 255.0,
            a: 1.0,
        }
    }

    /// From `RRGGBB`.
    pub fn hex(s: &str) -> Option<Self> {
        let s = s.trim_start_matches('#');
        if s.len() != 6 || !s.is_ascii() {
            return None;
        }
        let p = |i: usize| u8::from_str_radix(&s[i..i + 2], 16).ok();
        Some(Self::rgb8(p(0)?, p(2)?, p(4)?))
    }

    /// For tiny-skia.
    #[expect(clippy::cast_possible_truncation, reason = "components are in 0..=1")]
    pub fn skia(self) -> Color {
        Color::from_rgba(
            self.r.clamp(0.0, 1.0) as f32,
            self.g.clamp(0.0, 1.0) as f32,
            self.b.clamp(0.0, 1.0) as f32,
            self.a.clamp(0.0, 1.0) as f32,
        )
        .unwrap_or(Color::BLACK)
    }

    /// Black.
    pub const BLACK: Self = Self {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        a: 1.0,
    };
    /// White.
    pub const WHITE: Self = Self {
        r: 1.0,
        g: 1.0,
        b: 1.0,
        a: 1.0,
    };
}

/// The theme's colour scheme with the master's colour mapping.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    scheme: BTreeMap<String, Rgba>,
    map: BTreeMap<String, String>,
}

impl Palette {
    /// From the theme root and the master's `p:clrMap` (with a slide's or layout's override).
    pub fn new(theme: Option<&Element>, clr_map: Option<&Element>) -> Self {
        let mut scheme = BTreeMap::new();
        if let Some(cs) = theme.and_then(|t| path(t, &["themeElements", "clrScheme"])) {
            for c in cs.elements() {
                if let Some(v) = c.elements().next().and_then(|e| base_color(e, &|_| None)) {
                    scheme.insert(c.local().to_owned(), v);
                }
            }
        }
        for (k, v) in [
            ("dk1", "000000"),
            ("lt1", "FFFFFF"),
            ("dk2", "44546A"),
            ("lt2", "E7E6E6"),
            ("accent1", "4472C4"),
            ("accent2", "ED7D31"),
            ("accent3", "A5A5A5"),
            ("accent4", "FFC000"),
            ("accent5", "5B9BD5"),
            ("accent6", "70AD47"),
            ("hlink", "0563C1"),
            ("folHlink", "954F72"),
        ] {
            scheme
                .entry(k.to_owned())
                .or_insert_with(|| Rgba::hex(v).unwrap_or(Rgba::BLACK));
        }
        let mut map: BTreeMap<String, String> = [
            ("bg1", "lt1"),
            ("tx1", "dk1"),
            ("bg2", "lt2"),
            ("tx2", "dk2"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
        if let Some(m) = clr_map {
            for (k, v) in &m.attrs {
                if !k.contains(':') && k != "xmlns" {
                    map.insert(k.clone(), v.clone());
                }
            }
        }
        Self { scheme, map }
    }

    /// Apply a slide's or layout's `p:clrMapOvr/a:overrideClrMapping`.
    pub fn with_override(&self, part_root: &Element) -> Self {
        let mut p = self.clone();
        if let Some(o) = path(part_root, &["clrMapOvr", "overrideClrMapping"]) {
            for (k, v) in &o.attrs {
                if !k.contains(':') && k != "xmlns" {
                    p.map.insert(k.clone(), v.clone());
                }
            }
        }
        p
    }

    /// A scheme colour name (`tx1`, `accent2`, `dk1`...).
    pub fn scheme(&self, name: &str) -> Option<Rgba> {
        let key = self.map.get(name).map_or(name, String::as_str);
        self.scheme.get(key).copied()
    }

    /// The colour element inside a fill or colour holder (`a:solidFill`, `a:fontRef`...):
    /// its first colour child, transforms applied. `ph` stands for `phClr`.
    pub fn color_in(&self, holder: &Element, ph: Option<Rgba>) -> Option<Rgba> {
        holder
            .elements()
            .find(|e| is_color(e.local()))
            .and_then(|c| self.color(c, ph))
    }

    /// One colour element (`a:srgbClr`, `a:schemeClr`...), transforms applied.
    pub fn color(&self, el: &Element, ph: Option<Rgba>) -> Option<Rgba> {
        let base = base_color(el, &|name| {
            if name == "phClr" {
                ph.or(Some(Rgba::BLACK))
            } else {
                self.scheme(name)
            }
        })?;
        Some(transform(base, el))
    }
}

/// Whether an element is one of the colour choices.
pub fn is_color(local: &str) -> bool {
    matches!(
        local,
        "srgbClr" | "schemeClr" | "sysClr" | "prstClr" | "scrgbClr" | "hslClr"
    )
}

fn base_color(el: &Element, scheme: &dyn Fn(&str) -> Option<Rgba>) -> Option<Rgba> {
    match el.local() {
        "srgbClr" => Rgba::hex(el.attr("val")?),
        "sysClr" => el
            .attr("lastClr")
            .and_then(Rgba::hex)
            .or_else(|| match el.attr("val") {
                Some("window") => Some(Rgba::WHITE),
                _ => Some(Rgba::BLACK),
            }),
        "schemeClr" => scheme(el.attr("val")?),
        "prstClr" => preset(el.attr("val")?),
        "scrgbClr" => {
            let p = |k: &str| {
                el.attr(k)
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            Some(Rgba {
                r: linear_to_srgb(p("r") / 100_000.0),
                g: linear_to_srgb(p("g") / 100_000.0),
                b: linear_to_srgb(p("b") / 100_000.0),
                a: 1.0,
            })
        }
        "hslClr" => {
            let p = |k: &str| {
                el.attr(k)
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            let (r, g, b) = hsl_to_rgb(
                p("hue") / 60_000.0,
                p("sat") / 100_000.0,
                p("lum") / 100_000.0,
            );
            Some(Rgba { r, g, b, a: 1.0 })
        }
        _ => None,
    }
}

fn preset(name: &str) -> Option<Rgba> {
    let hex = match name {
        "white" => "FFFFFF",
        "red" => "FF0000",
        "green" => "008000",
        "blue" => "0000FF",
        "yellow" => "FFFF00",
        "gray" | "grey" => "808080",
        "ltGray" | "ltGrey" => "D3D3D3",
        "dkGray" | "dkGrey" => "A9A9A9",
        "orange" => "FFA500",
        "purple" => "800080",
        "cyan" | "aqua" => "00FFFF",
        "magenta" | "fuchsia" => "FF00FF",
        "navy" => "000080",
        "silver" => "C0C0C0",
        "maroon" => "800000",
        "lime" => "00FF00",
        "teal" => "008080",
        "olive" => "808000",
        _ => "000000",
    };
    Rgba::hex(hex)
}

fn pct(el: &Element) -> f64 {
    el.attr("val")
        .and_then(|v| v.trim_end_matches('%').parse::<f64>().ok())
        .map_or(0.0, |v| v / 100_000.0)
}

/// Apply `lumMod`, `lumOff`, `tint`, `shade`, `alpha`, `satMod` and friends in order.
fn transform(mut c: Rgba, el: &Element) -> Rgba {
    for t in el.elements() {
        let v = pct(t);
        match t.local() {
            "alpha" => c.a = v,
            "alphaMod" => c.a *= v,
            "alphaOff" => c.a += v,
            "lumMod" | "lumOff" | "satMod" | "satOff" | "hueOff" | "hueMod" | "lum" | "sat" => {
                let (mut h, mut s, mut l) = rgb_to_hsl(c.r, c.g, c.b);
                match t.local() {
                    "lumMod" => l *= v,
                    "lumOff" => l += v,
                    "satMod" => s *= v,
                    "satOff" => s += v,
                    "lum" => l = v,
                    "sat" => s = v,
                    "hueOff" => h += v * 100_000.0 / 60_000.0,
                    _ => h *= v,
                }
                let (r, g, b) =
                    hsl_to_rgb(h.rem_euclid(360.0), s.clamp(0.0, 1.0), l.clamp(0.0, 1.0));
                c = Rgba { r, g, b, a: c.a };
            }
            "tint" => {
                // Toward white by (1 - v), in linear light as Office does.
                let f = |x: f64| linear_to_srgb(srgb_to_linear(x) * v + (1.0 - v));
                c = Rgba {
                    r: f(c.r),
                    g: f(c.g),
                    b: f(c.b),
                    a: c.a,
                };
            }
            "shade" => {
                let f = |x: f64| linear_to_srgb(srgb_to_linear(x) * v);
                c = Rgba {
                    r: f(c.r),
                    g: f(c.g),
                    b: f(c.b),
                    a: c.a,
                };
            }
            "inv" => {
                c = Rgba {
                    r: 1.0 - c.r,
                    g: 1.0 - c.g,
                    b: 1.0 - c.b,
                    a: c.a,
                }
            }
            "gray" => {
                let y = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
                c = Rgba {
                    r: y,
                    g: y,
                    b: y,
                    a: c.a,
                };
            }
            _ => {}
        }
    }
    c.r = c.r.clamp(0.0, 1.0);
    c.g = c.g.clamp(0.0, 1.0);
    c.b = c.b.clamp(0.0, 1.0);
    c.a = c.a.clamp(0.0, 1.0);
    c
}

/// Deterministic gamma (2.2 power approximated by the sRGB curve without `powf`):
/// a cubic fit good to about 1/255 is enough for tints and shades.
fn srgb_to_linear(x: f64) -> f64 {
    let x = x.clamp(0.0, 1.0);
    // x^2.2 ≈ 0.0030 x + 0.5 x^2 + 0.5 x^3 blended; exact at 0 and 1.
    x * (0.012_522_878 + x * (0.682_171_111 + x * 0.305_306_011))
}

fn linear_to_srgb(y: f64) -> f64 {
    let y = y.clamp(0.0, 1.0);
    // Invert the cubic by Newton steps.
    let mut x = y.sqrt();
    for _ in 0..8 {
        let f = srgb_to_linear(x) - y;
        let d = 0.012_522_878 + x * (2.0 * 0.682_171_111 + x * 3.0 * 0.305_306_011);
        if d.abs() < 1e-9 {
            break;
        }
        x = (x - f / d).clamp(0.0, 1.0);
    }
    x
}

fn rgb_to_hsl(r: f64, g: f64, b: f64) -> (f64, f64, f64) {
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let l = f64::midpoint(max, min);
    if (max - min).abs() < 1e-12 {
        return (0.0, 0.0, l);
    }
    let d = max - min;
    let s = if l > 0.5 {
        d / (2.0 - max - min)
    } else {
        d / (max + min)
    };
    let h = if (max - r).abs() < 1e-12 {
        (g - b) / d + if g < b { 6.0 } else { 0.0 }
    } else if (max - g).abs() < 1e-12 {
        (b - r) / d + 2.0
    } else {
        (r - g) / d + 4.0
    };
    (h * 60.0, s, l)
}

fn hsl_to_rgb(h: f64, s: f64, l: f64) -> (f64, f64, f64) {
    if s <= 0.0 {
        return (l, l, l);
    }
    let q = if l < 0.5 {
        l * (1.0 + s)
    } else {
        l + s - l * s
    };
    let p = 2.0 * l - q;
    let hue = |t: f64| {
        let t = t.rem_euclid(1.0);
        if t < 1.0 / 6.0 {
            p + (q - p) * 6.0 * t
        } else if t < 0.5 {
            q
        } else if t < 2.0 / 3.0 {
            p + (q - p) * (2.0 / 3.0 - t) * 6.0
        } else {
            p
        }
    };
    let h = h / 360.0;
    (hue(h + 1.0 / 3.0), hue(h), hue(h - 1.0 / 3.0))
}

#[cfg(test)]
mod tests {
    use super::{Rgba, hsl_to_rgb, linear_to_srgb, rgb_to_hsl, srgb_to_linear};

    #[test]
    fn hsl_round_trip_and_gamma() {
        let (h, s, l) = rgb_to_hsl(0.2, 0.4, 0.8);
        let (r, g, b) = hsl_to_rgb(h, s, l);
        assert!((r - 0.2).abs() < 1e-9 && (g - 0.4).abs() < 1e-9 && (b - 0.8).abs() < 1e-9);
        assert!((srgb_to_linear(1.0) - 1.0).abs() < 1e-6);
        assert!((linear_to_srgb(srgb_to_linear(0.5)) - 0.5).abs() < 1e-6);
        assert_eq!(Rgba::hex("FF0000"), Some(Rgba::rgb8(255, 0, 0)));
    }
}
