//! Charts (`c:chartSpace`) drawn from the data cached in the chart part: bar,
//! column, line, area, pie, doughnut and scatter plots (3-D kinds as their 2-D
//! form), combinations of them, axes with automatic or fixed scales, gridlines,
//! data labels, title and legend, with the theme's automatic colours.
//!
//! [`model`] reads the part into a bounded model; [`layout`] places title, legend
//! and plot area; [`plots`] and [`decor`] paint. Chart kinds that are not drawn
//! (surface, radar, stock, bubble, of-pie, `chartex`) are reported as
//! [`model::Unsupported`] so the caller keeps its placeholder frame.

#![expect(
    clippy::cast_precision_loss,
    reason = "point, series and line counts are bounded by model::MAX_POINTS and MAX_SERIES"
)]
#![expect(
    clippy::option_option,
    reason = "fills and colours: automatic (None), none (Some(None)) or a colour"
)]
#![expect(
    clippy::struct_excessive_bools,
    reason = "the flags of the chart XML, one per element"
)]

mod decor;
mod draw;
mod layout;
pub mod model;
mod numfmt;
mod plots;
mod scale;
#[cfg(test)]
mod tests;

use docskill_opc::xml::dom::Element;
use tiny_skia::Transform;

use crate::canvas::Canvas;
use crate::color::Rgba;
use model::{Chart, Ctx, Unsupported};

/// Draw the chart whose part root is `root` in a `w` × `h` point frame under `t`.
///
/// # Errors
/// [`Unsupported`] when the chart kind is not drawn; nothing is painted then.
pub fn draw(
    cv: &mut Canvas<'_>,
    root: &Element,
    ctx: &Ctx<'_>,
    w: f64,
    h: f64,
    t: Transform,
) -> Result<(), Unsupported> {
    if !(w > 1.0 && h > 1.0) {
        return Ok(());
    }
    let chart = model::read(ctx, root)?;
    paint(cv, &chart, w, h, t);
    Ok(())
}

fn paint(cv: &mut Canvas<'_>, ch: &Chart, w: f64, h: f64, t: Transform) {
    // Chart area: white unless the part says otherwise.
    match ch.space.fill {
        Some(Some(c)) => draw::rect(cv, 0.0, 0.0, w, h, c, t),
        Some(None) => {}
        None => draw::rect(cv, 0.0, 0.0, w, h, Rgba::WHITE, t),
    }
    let lay = layout::place(cv, ch, w, h);
    if let Some(Some(c)) = ch.plot_area.fill {
        let r = lay.inner;
        draw::rect(cv, r.x, r.y, r.w, r.h, c, t);
    }
    decor::gridlines(cv, ch, &lay, t);
    plots::draw_all(cv, ch, &lay, t);
    decor::axes(cv, ch, &lay, t);
    plots::labels_all(cv, ch, &lay, t);
    if let Some(l) = ch.plot_area.line.filter(|l| l.color.is_some()) {
        let r = lay.inner;
        draw::rect_outline(
            cv,
            r.x,
            r.y,
            r.w,
            r.h,
            l.color.unwrap_or(Rgba::BLACK),
            l.width,
            t,
        );
    }
    decor::legend(cv, ch, &lay, t);
    decor::title(cv, ch, &lay, t);
    if let Some(l) = ch.space.line
        && let Some(c) = l.color
    {
        let hw = l.width / 2.0;
        draw::rect_outline(cv, hw, hw, w - l.width, h - l.width, c, l.width, t);
    }
}

/// The automatic colour of series (or point) `i` of `n` under the chart's style.
pub fn auto_color(ch: &Chart, i: usize, n: usize) -> Rgba {
    let col = usize::try_from((ch.style - 1).rem_euclid(8)).unwrap_or(1);
    #[expect(clippy::cast_precision_loss, reason = "series counts are small")]
    let frac = if n > 1 {
        i as f64 / (n - 1) as f64
    } else {
        0.5
    };
    match col {
        0 => {
            let v = 0.25 + 0.55 * frac;
            Rgba {
                r: v,
                g: v,
                b: v,
                a: 1.0,
            }
        }
        1 => {
            let base = ch.accents[i % 6];
            match (i / 6) % 4 {
                0 => base,
                1 => mix(base, Rgba::BLACK, 0.4),
                2 => mix(base, Rgba::WHITE, 0.4),
                _ => mix(base, Rgba::BLACK, 0.2),
            }
        }
        c => {
            let base = ch.accents[(c - 2) % 6];
            if n <= 1 {
                base
            } else if frac < 0.5 {
                mix(base, Rgba::BLACK, (0.5 - frac) * 0.8)
            } else {
                mix(base, Rgba::WHITE, (frac - 0.5) * 0.8)
            }
        }
    }
}

/// `a` moved towards `b` by `k` (0..=1).
pub fn mix(a: Rgba, b: Rgba, k: f64) -> Rgba {
    Rgba {
        r: a.r + (b.r - a.r) * k,
        g: a.g + (b.g - a.g) * k,
        b: a.b + (b.b - a.b) * k,
        a: a.a,
    }
}
