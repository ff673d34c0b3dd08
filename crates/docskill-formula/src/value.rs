//! Cell values, error kinds and Excel's coercion rules.

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

/// An Excel error value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `#NULL!`: an intersection of ranges that do not meet.
    Null,
    /// `#DIV/0!`
    Div0,
    /// `#VALUE!`: a value of the wrong type.
    Value,
    /// `#REF!`: a reference that does not exist.
    Ref,
    /// `#NAME?`: an unknown name or function.
    Name,
    /// `#NUM!`: a number out of range or a calculation that did not converge.
    Num,
    /// `#N/A`: a value that is not available (lookups that find nothing).
    NA,
    /// `#SPILL!`: a dynamic array that cannot spill.
    Spill,
    /// `#CALC!`: a calculation the engine cannot do.
    Calc,
}

impl ErrorKind {
    /// Every kind, in Excel's `ERROR.TYPE` order (then the dynamic-array ones).
    pub const ALL: [ErrorKind; 9] = [
        ErrorKind::Null,
        ErrorKind::Div0,
        ErrorKind::Value,
        ErrorKind::Ref,
        ErrorKind::Name,
        ErrorKind::Num,
        ErrorKind::NA,
        ErrorKind::Spill,
        ErrorKind::Calc,
    ];

    /// The text Excel shows, e.g. `#DIV/0!`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Null => "#NULL!",
            ErrorKind::Div0 => "#DIV/0!",
            ErrorKind::Value => "#VALUE!",
            ErrorKind::Ref => "#REF!",
            ErrorKind::Name => "#NAME?",
            ErrorKind::Num => "#NUM!",
            ErrorKind::NA => "#N/A",
            ErrorKind::Spill => "#SPILL!",
            ErrorKind::Calc => "#CALC!",
        }
    }

    /// Parses the text of an error literal (case-insensitive).
    pub fn parse(text: &str) -> Option<ErrorKind> {
        ErrorKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A two-dimensional array of values (an array constant or a function result).
#[derive(Clone, Debug, PartialEq)]
pub struct Array {
    /// Number of rows (at least 1).
    pub rows: usize,
    /// Number of columns (at least 1).
    pub cols: usize,
    /// Values in row-major order; `rows * cols` items.
    pub items: Vec<Value>,
}

impl Array {
    /// Creates an array; `items` must hold `rows * cols` values.
    pub fn new(rows: usize, cols: usize, items: Vec<Value>) -> Array {
        debug_assert_eq!(rows * cols, items.len());
        Array { rows, cols, items }
    }

    /// The value at (`row`, `col`), 0-based, or `None` outside the array.
    pub fn get(&self, row: usize, col: usize) -> Option<&Value> {
        if row < self.rows && col < self.cols {
            self.items.get(row * self.cols + col)
        } else {
            None
        }
    }
}

/// A value as Excel sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    /// An empty cell (or an omitted argument).
    #[default]
    Empty,
    /// A number (dates are serial numbers).
    Number(f64),
    /// Text.
    Text(Arc<str>),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// An error value.
    Error(ErrorKind),
    /// An array (only as an intermediate or a formula result).
    Array(Arc<Array>),
}

impl Value {
    /// A text value.
    pub fn text(s: impl Into<Arc<str>>) -> Value {
        Value::Text(s.into())
    }

    /// The error kind, if this is an error.
    pub fn error(&self) -> Option<ErrorKind> {
        match self {
            Value::Error(e) => Some(*e),
            _ => None,
        }
    }

    /// True for [`Value::Empty`].
    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }

    /// The top-left item of an array, or the value itself.
    #[must_use]
    pub fn scalar(self) -> Value {
        match self {
            Value::Array(a) => a.items.first().cloned().unwrap_or(Value::Empty),
            v => v,
        }
    }

    /// Coerces to a number the way arithmetic operators do.
    ///
    /// # Errors
    /// `#VALUE!` for text that is not a number, or the error itself.
    pub fn to_number(&self) -> Result<f64, ErrorKind> {
        match self {
            Value::Empty => Ok(0.0),
            Value::Number(n) => Ok(*n),
            Value::Bool(b) => Ok(f64::from(u8::from(*b))),
            Value::Text(t) => parse_number(t).ok_or(ErrorKind::Value),
            Value::Error(e) => Err(*e),
            Value::Array(a) => a.items.first().map_or(Ok(0.0), Value::to_number),
        }
    }

    /// [`Value::to_number`] in a workbook's date system: in the 1904 system
    /// (`date1904`) date text such as `2024-01-31` gives a 1904 serial.
    ///
    /// # Errors
    /// As [`Value::to_number`].
    pub(crate) fn to_number_in(&self, date1904: bool) -> Result<f64, ErrorKind> {
        match self {
            Value::Text(t) if date1904 => parse_number_in(t, true).ok_or(ErrorKind::Value),
            v => v.to_number(),
        }
    }

    /// Coerces to text the way `&` does.
    ///
    /// # Errors
    /// The error itself.
    pub fn to_text(&self) -> Result<Arc<str>, ErrorKind> {
        match self {
            Value::Empty => Ok(Arc::from("")),
            Value::Number(n) => Ok(Arc::from(format_general(*n))),
            Value::Text(t) => Ok(t.clone()),
            Value::Bool(b) => Ok(Arc::from(if *b { "TRUE" } else { "FALSE" })),
            Value::Error(e) => Err(*e),
            Value::Array(a) => a
                .items
                .first()
                .map_or_else(|| Ok(Arc::from("")), Value::to_text),
        }
    }

    /// Coerces to a logical the way `IF` does.
    ///
    /// # Errors
    /// `#VALUE!` for text other than TRUE/FALSE, or the error itself.
    pub fn to_bool(&self) -> Result<bool, ErrorKind> {
        match self {
            Value::Empty => Ok(false),
            Value::Number(n) => Ok(*n != 0.0),
            Value::Bool(b) => Ok(*b),
            Value::Text(t) => {
                if t.eq_ignore_ascii_case("TRUE") {
                    Ok(true)
                } else if t.eq_ignore_ascii_case("FALSE") {
                    Ok(false)
                } else {
                    Err(ErrorKind::Value)
                }
            }
            Value::Error(e) => Err(*e),
            Value::Array(a) => a.items.first().map_or(Ok(false), Value::to_bool),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Empty => Ok(()),
            Value::Number(n) => f.write_str(&format_general(*n)),
            Value::Text(t) => f.write_str(t),
            Value::Bool(b) => f.write_str(if *b { "TRUE" } else { "FALSE" }),
            Value::Error(e) => f.write_str(e.as_str()),
            Value::Array(a) => {
                f.write_str("{")?;
                for r in 0..a.rows {
                    if r > 0 {
                        f.write_str(";")?;
                    }
                    for c in 0..a.cols {
                        if c > 0 {
                            f.write_str(",")?;
                        }
                        if let Some(v) = a.get(r, c) {
                            if let Value::Text(t) = v {
                                write!(f, "\"{t}\"")?;
                            } else {
                                write!(f, "{v}")?;
                            }
                        }
                    }
                }
                f.write_str("}")
            }
        }
    }
}

/// Parses text as a number the way Excel coerces text in arithmetic:
/// surrounding spaces, a sign, thousands separators, a leading `$`, a
/// trailing `%`, scientific notation, and ISO / US dates (`2024-01-31`, `1/31/2024`).
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(d) = parse_date_text(t) {
        return Some(d);
    }
    let (neg, rest) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('$').unwrap_or(rest);
    let (pct, rest) = match rest.strip_suffix('%') {
        Some(r) => (true, r.trim_end()),
        None => (false, rest),
    };
    if rest.is_empty() {
        return None;
    }
    let plain: String;
    let body = if rest.contains(',') {
        // Thousands separators only between digit groups of three.
        let int_part = rest.split(['.', 'e', 'E']).next().unwrap_or("");
        let groups: Vec<&str> = int_part.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
        plain = rest.replace(',', "");
        plain.as_str()
    } else {
        rest
    };
    if !body
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        || !body
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.')
    {
        return None;
    }
    let mut n: f64 = body.parse().ok()?;
    if !n.is_finite() {
        return None;
    }
    if pct {
        n /= 100.0;
    }
    Some(if neg { -n } else { n })
}

/// [`parse_number`] in a workbook's date system (`date1904`: serial 0 is 1904-01-01).
pub(crate) fn parse_number_in(text: &str, date1904: bool) -> Option<f64> {
    if date1904 && let Some(d) = parse_date_text(text.trim()) {
        return (d >= 1462.0).then_some(d - 1462.0);
    }
    parse_number(text)
}

pub(crate) fn parse_date_text(t: &str) -> Option<f64> {
    let parts: Vec<&str> = if t.contains('-') && !t.starts_with('-') {
        t.split('-').collect()
    } else if t.contains('/') {
        t.split('/').collect()
    } else {
        return named_date(t);
    };
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return named_date(t);
    }
    let nums: Vec<i64> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (y, m, d) = if t.contains('-') || parts[0].len() == 4 {
        (nums[0], nums[1], nums[2])
    } else {
        (nums[2], nums[0], nums[1])
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=9999).contains(&y) {
        return None;
    }
    let serial = crate::functions::date::ymd_to_serial(y, m, d)?;
    let (_, m2, _) = crate::functions::date::serial_to_ymd(serial);
    if m2 != m {
        return None;
    }
    #[expect(clippy::cast_precision_loss, reason = "serials are small")]
    Some(serial as f64)
}

/// `31-Jan-2024`, `January 31, 2024`: only text with a month name and a
/// digit is tried (so no recursion back into [`parse_date_text`]).
fn named_date(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    // A month name starts with three letters in a row (`Jan`...), so text
    // without such a run (a code like `C37`) is no date.
    let letters3 = b.windows(3).any(|w| w.iter().all(u8::is_ascii_alphabetic));
    if b.len() > 40 || !letters3 || !b.iter().any(u8::is_ascii_digit) {
        return None;
    }
    #[expect(clippy::cast_precision_loss, reason = "serials are small")]
    crate::functions::calendar::named_date(t, None).map(|s| s as f64)
}

/// Formats a number the way Excel converts it to text in the General
/// format: up to 15 significant digits, scientific notation for very large
/// or very small magnitudes.
pub fn format_general(n: f64) -> String {
    if n == 0.0 || !n.is_finite() {
        return "0".to_owned();
    }
    let sci = format!("{:.14e}", n.abs());
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let sign = if n < 0.0 { "-" } else { "" };
    if !(-10..15).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}{frac}E{esign}{:02}", exp.abs());
    }
    let len = i32::try_from(digits.len()).unwrap_or(15);
    if exp >= 0 {
        let int_len = usize::try_from(exp + 1).unwrap_or(1);
        if digits.len() <= int_len {
            let zeros = "0".repeat(usize::try_from(exp + 1 - len).unwrap_or(0));
            format!("{sign}{digits}{zeros}")
        } else {
            let (i, f) = digits.split_at(int_len);
            format!("{sign}{i}.{f}")
        }
    } else {
        let zeros = "0".repeat(usize::try_from(-exp - 1).unwrap_or(0));
        format!("{sign}0.{zeros}{digits}")
    }
}

/// Type rank in Excel's comparison order: numbers < text < logicals.
fn rank(v: &Value) -> u8 {
    match v {
        Value::Number(_) | Value::Empty => 0,
        Value::Text(_) => 1,
        Value::Bool(_) => 2,
        Value::Error(_) | Value::Array(_) => 3,
    }
}

/// Compares two scalars the way Excel's comparison operators do: an empty
/// value takes the type of the other side, text compares case-insensitively,
/// and different types order numbers < text < logicals.
pub fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Empty, Value::Empty) => Ordering::Equal,
        (Value::Empty, Value::Text(t)) => cmp_text("", t),
        (Value::Text(t), Value::Empty) => cmp_text(t, ""),
        (Value::Empty, Value::Bool(x)) => false.cmp(x),
        (Value::Bool(x), Value::Empty) => x.cmp(&false),
        (Value::Empty, Value::Number(y)) => 0.0f64.total_cmp(y),
        (Value::Number(x), Value::Empty) => x.total_cmp(&0.0),
        (Value::Number(x), Value::Number(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (Value::Text(x), Value::Text(y)) => cmp_text(x, y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)),
    }
}

/// Case-insensitive text comparison.
pub fn cmp_text(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        let ai = a.bytes().map(|c| c.to_ascii_lowercase());
        let bi = b.bytes().map(|c| c.to_ascii_lowercase());
        ai.cmp(bi)
    } else {
        a.to_lowercase().cmp(&b.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_format() {
        let cases = [
            (1.0, "1"),
            (-2.5, "-2.5"),
            (1.0 / 3.0, "0.333333333333333"),
            (123_456_789_012_345.0, "123456789012345"),
            (1e15, "1E+15"),
            (0.1 + 0.2, "0.3"),
            (1e-11, "1E-11"),
            (0.000_123, "0.000123"),
            (1_234_567.0, "1234567"),
        ];
        for (n, s) in cases {
            assert_eq!(format_general(n), s, "{n}");
        }
    }

    #[test]
    fn text_to_number() {
        assert_eq!(parse_number(" 12 "), Some(12.0));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("$5"), Some(5.0));
        assert_eq!(parse_number("50%"), Some(0.5));
        assert_eq!(parse_number("-1e3"), Some(-1000.0));
        assert_eq!(parse_number("2024-01-31"), Some(45322.0));
        assert_eq!(parse_number("1/31/2024"), Some(45322.0));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("1,23"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("inf"), None);
    }

    #[test]
    fn comparison_order() {
        assert_eq!(
            compare(&Value::Number(5.0), &Value::text("a")),
            Ordering::Less
        );
        assert_eq!(
            compare(&Value::text("z"), &Value::Bool(false)),
            Ordering::Less
        );
        assert_eq!(
            compare(&Value::text("abc"), &Value::text("ABC")),
            Ordering::Equal
        );
        assert_eq!(compare(&Value::Empty, &Value::Number(0.0)), Ordering::Equal);
        assert_eq!(compare(&Value::Empty, &Value::text("")), Ordering::Equal);
    }
}
