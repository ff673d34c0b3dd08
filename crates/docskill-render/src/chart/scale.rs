//! Value axis scales: the fixed bounds an axis gives, otherwise a "nice"
//! automatic scale (0-based when the data allows, steps of 1, 2 or 5 × 10ⁿ).

/// A linear scale from `min` to `max` with ticks every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Low end.
    pub min: f64,
    /// High end.
    pub max: f64,
    /// Major unit.
    pub step: f64,
}

/// Most major steps on an automatic scale (and on a fixed one: a tiny fixed unit is widened).
const MAX_STEPS: f64 = 10.0;

impl Scale {
    /// The tick values, low to high (at most a few hundred).
    pub fn ticks(&self) -> Vec<f64> {
        let mut out = Vec::new();
        let mut k = 0.0_f64;
        loop {
            let v = self.min + k * self.step;
            if v > self.max + self.step * 1e-9 || out.len() > 200 {
                break;
            }
            // Snap values that should be 0 or round numbers (0.30000000000000004).
            let v = (v / self.step).round() * self.step;
            out.push(if v.abs() < self.step * 1e-9 { 0.0 } else { v });
            k += 1.0;
        }
        out
    }

    /// Where `v` falls, 0 at `min` and 1 at `max`.
    pub fn frac(&self, v: f64) -> f64 {
        let span = self.max - self.min;
        if span <= 0.0 {
            0.0
        } else {
            (v - self.min) / span
        }
    }
}

/// The smallest step of 1, 2 or 5 × 10ⁿ that is at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mut p = 1.0_f64;
    while p * 10.0 <= raw {
        p *= 10.0;
    }
    while p > raw {
        p /= 10.0;
    }
    for m in [1.0, 2.0, 5.0, 10.0] {
        if p * m >= raw * (1.0 - 1e-12) {
            return p * m;
        }
    }
    p * 10.0
}

/// The scale of an axis over data from `lo` to `hi`, with the axis' fixed `min`, `max` and `major`.
///
/// Automatic scales work like Excel's (and `LibreOffice`'s import of them): 0-based
/// unless the data sits far from zero, the data range widened by 5%, then the
/// smallest step of 1, 2 or 5 × 10ⁿ that needs at most 10 steps, ends rounded out to it.
///
/// The x axis of a scatter chart (`zero` false) is not 0-based and is widened at both ends.
pub fn auto(
    lo: f64,
    hi: f64,
    min: Option<f64>,
    max: Option<f64>,
    major: Option<f64>,
    zero: bool,
) -> Scale {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() && lo <= hi {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    if zero && lo > 0.0 && (hi - lo) / hi > 1.0 / 6.0 {
        lo = 0.0;
    }
    if zero && hi < 0.0 && (lo - hi) / lo > 1.0 / 6.0 {
        hi = 0.0;
    }
    let span = hi - lo;
    if span > 0.0 {
        if max.is_none() && (hi > 0.0 || !zero) {
            hi += span * 0.05;
        }
        if min.is_none() && (lo < 0.0 || !zero) {
            lo -= span * 0.05;
        }
    }
    if let Some(m) = min {
        lo = m;
    }
    if let Some(m) = max {
        hi = m;
    }
    if hi <= lo {
        hi = lo + if lo == 0.0 { 1.0 } else { lo.abs() };
    }
    let span = hi - lo;
    let step = major
        .filter(|s| *s > 0.0 && span / *s <= 1_000.0)
        .unwrap_or_else(|| {
            let mut s = nice_step(span / MAX_STEPS);
            // Rounding the ends out may add a step: stay within the most steps.
            for _ in 0..4 {
                let steps = (hi / s).ceil() - (lo / s).floor();
                if steps <= MAX_STEPS {
                    break;
                }
                s = nice_step(s * 1.01);
            }
            s
        });
    let min = min.unwrap_or_else(|| (lo / step).floor() * step);
    let mut max = max.unwrap_or_else(|| (hi / step).ceil() * step);
    if max <= min {
        max = min + step;
    }
    Scale { min, max, step }
}

#[cfg(test)]
mod tests {
    use super::{Scale, auto};

    #[test]
    fn automatic_scales_are_round() {
        // As LibreOffice scales the corpus and fixture charts.
        for (hi, max, step) in [
            (5.0, 6.0, 1.0),
            (9.0, 10.0, 1.0),
            (30.0, 35.0, 5.0),
            (4_800.0, 6_000.0, 1_000.0),
            (180.0, 200.0, 20.0),
            (4.9, 6.0, 1.0),
            (4.5, 5.0, 0.5),
        ] {
            let s = auto(0.0, hi, None, None, None, true);
            assert_eq!((s.min, s.max, s.step), (0.0, max, step), "data up to {hi}");
        }
        let s = auto(-3.0, 7.0, None, None, None, true);
        assert!(s.min <= -3.0 && s.max >= 7.0);
        let s = auto(0.0, 1.0, Some(0.0), Some(100.0), Some(25.0), true);
        assert_eq!(
            s,
            Scale {
                min: 0.0,
                max: 100.0,
                step: 25.0
            }
        );
        assert_eq!(s.ticks(), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        // Data far from zero keeps its own range.
        let s = auto(95.0, 100.0, None, None, None, true);
        assert!(s.min > 0.0, "{s:?}");
        // A scatter x axis over 1..4 as LibreOffice draws it: 0.5 to 4.5.
        let s = auto(1.0, 4.0, None, None, None, false);
        assert_eq!((s.min, s.max, s.step), (0.5, 4.5, 0.5));
    }
}
