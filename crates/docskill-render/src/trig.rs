//! Deterministic trigonometry: only `+`, `-`, `*`, `/` and `sqrt` (exact in IEEE 754),
//! so rotations and arcs come out the same on every machine, unlike the platform's `sin`.

use std::f64::consts::PI;

/// Sine and cosine of an angle in degrees.
pub fn sin_cos_deg(deg: f64) -> (f64, f64) {
    if !deg.is_finite() {
        return (0.0, 1.0);
    }
    // Reduce to [0, 360), then to an octant-free quadrant form.
    let mut d = deg % 360.0;
    if d < 0.0 {
        d += 360.0;
    }
    let (quadrant, r) = if d < 90.0 {
        (0, d)
    } else if d < 180.0 {
        (1, d - 90.0)
    } else if d < 270.0 {
        (2, d - 180.0)
    } else {
        (3, d - 270.0)
    };
    let x = r * PI / 180.0;
    let (s, c) = (poly_sin(x), poly_cos(x));
    match quadrant {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

/// Taylor series for sin on [0, π/2]: error below 1e-13.
fn poly_sin(x: f64) -> f64 {
    let x2 = x * x;
    let mut term = x;
    let mut sum = x;
    for n in 1..12_u32 {
        let k = f64::from(2 * n) * f64::from(2 * n + 1);
        term = -term * x2 / k;
        sum += term;
    }
    sum
}

/// Taylor series for cos on [0, π/2].
fn poly_cos(x: f64) -> f64 {
    let x2 = x * x;
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 1..12_u32 {
        let k = f64::from(2 * n - 1) * f64::from(2 * n);
        term = -term * x2 / k;
        sum += term;
    }
    sum
}

/// Angle in degrees of the vector (x, y), in [-180, 180], by bisection on
/// [`sin_cos_deg`] (slow but deterministic; used only for a few vectors per shape).
pub fn atan2_deg(y: f64, x: f64) -> f64 {
    if x == 0.0 && y == 0.0 {
        return 0.0;
    }
    let len = (x * x + y * y).sqrt();
    let (ux, uy) = (x / len, y / len);
    // Bisect on the sign of the cross product (well conditioned everywhere).
    let (mut lo, mut hi) = (-180.0_f64, 180.0_f64);
    for _ in 0..60 {
        let mid = f64::midpoint(lo, hi);
        let (s, c) = sin_cos_deg(mid);
        if c * uy - s * ux >= 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    f64::midpoint(lo, hi)
}

#[cfg(test)]
mod tests {
    use super::{atan2_deg, sin_cos_deg};

    #[test]
    fn matches_known_values() {
        for (d, s, c) in [
            (0.0, 0.0, 1.0),
            (30.0, 0.5, 0.866_025_403_784_438_6),
            (90.0, 1.0, 0.0),
            (
                225.0,
                -std::f64::consts::FRAC_1_SQRT_2,
                -std::f64::consts::FRAC_1_SQRT_2,
            ),
            (-90.0, -1.0, 0.0),
        ] {
            let (gs, gc) = sin_cos_deg(d);
            assert!((gs - s).abs() < 1e-12, "sin {d}: {gs}");
            assert!((gc - c).abs() < 1e-12, "cos {d}: {gc}");
        }
        assert!((atan2_deg(1.0, 1.0) - 45.0).abs() < 1e-9);
        assert!((atan2_deg(-1.0, 0.0) + 90.0).abs() < 1e-9);
        assert!((atan2_deg(0.0, -1.0) - 180.0).abs() < 1e-9);
    }
}
