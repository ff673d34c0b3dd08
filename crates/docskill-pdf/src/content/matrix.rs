//! 2-D affine matrices as PDF writes them: `[a b c d e f]`, row vectors.

/// `[a b c d e f]`: `x' = a x + c y + e`, `y' = b x + d y + f`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix(pub [f64; 6]);

impl Matrix {
    pub(crate) const IDENTITY: Self = Self([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub(crate) fn translate(x: f64, y: f64) -> Self {
        Self([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` then `other`: a point goes through `self` first.
    pub(crate) fn then(&self, other: &Self) -> Self {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Self([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub(crate) fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// From six operands; `None` unless all are finite numbers.
    pub(crate) fn from_slice(v: &[f64]) -> Option<Self> {
        if v.len() == 6 && v.iter().all(|x| x.is_finite()) {
            Some(Self([v[0], v[1], v[2], v[3], v[4], v[5]]))
        } else {
            None
        }
    }

    /// The page's display transform: crop box origin to the top-left corner,
    /// y pointing down, then `/Rotate` (clockwise).
    pub(crate) fn display(crop: [f64; 4], rotate: u16) -> Self {
        let [x0, y0, x1, y1] = crop;
        match rotate {
            90 => Self([0.0, 1.0, 1.0, 0.0, -y0, -x0]),
            180 => Self([-1.0, 0.0, 0.0, 1.0, x1, -y0]),
            270 => Self([0.0, -1.0, -1.0, 0.0, y1, x1]),
            _ => Self([1.0, 0.0, 0.0, -1.0, -x0, y1]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Matrix;

    #[test]
    fn compose_and_display() {
        let m = Matrix::translate(10.0, 0.0).then(&Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]));
        assert_eq!(m.apply(1.0, 1.0), (22.0, 2.0));
        let crop = [0.0, 0.0, 600.0, 800.0];
        assert_eq!(Matrix::display(crop, 0).apply(0.0, 800.0), (0.0, 0.0));
        assert_eq!(Matrix::display(crop, 90).apply(0.0, 800.0), (800.0, 0.0));
        assert_eq!(Matrix::display(crop, 90).apply(0.0, 0.0), (0.0, 0.0));
        assert_eq!(Matrix::display(crop, 180).apply(0.0, 800.0), (600.0, 800.0));
        assert_eq!(Matrix::display(crop, 270).apply(0.0, 800.0), (0.0, 600.0));
        assert_eq!(
            Matrix::display([10.0, 20.0, 110.0, 220.0], 0).apply(10.0, 220.0),
            (0.0, 0.0)
        );
        assert!(Matrix::from_slice(&[1.0, 0.0, 0.0, f64::NAN, 0.0, 0.0]).is_none());
    }
}
