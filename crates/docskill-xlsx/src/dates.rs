//! ISO 8601 dates and times to Excel serial numbers and back (1900 and 1904 systems).

/// A calendar date with an optional time of day, as written in a spec.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateTime {
    /// Year, 1900..=9999.
    pub year: u16,
    /// Month, 1..=12.
    pub month: u8,
    /// Day, 1..=31.
    pub day: u8,
    /// Hour, 0..=23.
    pub hour: u8,
    /// Minute, 0..=59.
    pub minute: u8,
    /// Seconds, 0 ≤ s < 60 (fractions allowed).
    pub second: f64,
    /// True when a time of day was given.
    pub has_time: bool,
}

/// Parse `2024-01-31`, `2024-01-31T12:30`, `2024-01-31 12:30:45.5` (a trailing `Z` is accepted).
#[expect(
    clippy::many_single_char_names,
    reason = "y, m, d are the date's parts"
)]
pub fn parse_iso(s: &str) -> Option<DateTime> {
    let s = s.trim();
    let s = s.strip_suffix('Z').unwrap_or(s);
    let (date, time) = match s.find(['T', ' ']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut d = date.split('-');
    let (y, m, dd) = (d.next()?, d.next()?, d.next()?);
    if d.next().is_some() || y.len() != 4 || m.len() != 2 || dd.len() != 2 {
        return None;
    }
    let (year, month, day): (u16, u8, u8) = (num(y)?, num(m)?, num(dd)?);
    if !(1900..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || day == 0
        || day > days_in(year, month)
    {
        return None;
    }
    let mut out = DateTime {
        year,
        month,
        day,
        hour: 0,
        minute: 0,
        second: 0.0,
        has_time: false,
    };
    if let Some(t) = time {
        let (h, mi, sec) = parse_time(t)?;
        out.hour = h;
        out.minute = mi;
        out.second = sec;
        out.has_time = true;
    }
    Some(out)
}

/// Parse `12:30` or `12:30:45.25` into (hour, minute, seconds).
pub fn parse_time(t: &str) -> Option<(u8, u8, f64)> {
    let mut p = t.split(':');
    let (h, mi) = (p.next()?, p.next()?);
    let sec = p.next();
    if p.next().is_some() || h.len() != 2 || mi.len() != 2 {
        return None;
    }
    let (h, mi): (u8, u8) = (num(h)?, num(mi)?);
    let sec: f64 = match sec {
        Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.') => {
            s.parse().ok()?
        }
        Some(_) => return None,
        None => 0.0,
    };
    (h < 24 && mi < 60 && (0.0..60.0).contains(&sec)).then_some((h, mi, sec))
}

fn num<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(i64::from(year)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days from 1970-01-01 to Excel's day 0 (1899-12-30 once the 1900 leap-year bug is past).
const EPOCH_1900: i64 = -25_569;
/// Days from 1970-01-01 to 1904-01-01.
const EPOCH_1904: i64 = -24_107;

/// The Excel serial number of a date (1900 system, as written by every current Excel).
pub fn to_serial(dt: &DateTime) -> f64 {
    let days =
        days_from_civil(i64::from(dt.year), i64::from(dt.month), i64::from(dt.day)) - EPOCH_1900;
    // Serials before 1900-03-01 are one less: Excel counts a 1900-02-29 that never was.
    let days = if days < 61 { days - 1 } else { days };
    #[expect(clippy::cast_precision_loss, reason = "serials stay far below 2^52")]
    let days = days as f64;
    days + (f64::from(dt.hour) * 3600.0 + f64::from(dt.minute) * 60.0 + dt.second) / 86_400.0
}

/// Excel serial number of ISO text read as `kind`: a date (`YYYY-MM-DD`), a datetime
/// (`YYYY-MM-DDTHH:MM[:SS]`) or a time of day (`HH:MM[:SS]`, a fraction of a day).
pub fn serial_of(kind: crate::spec::ValueType, s: &str) -> Option<f64> {
    if kind == crate::spec::ValueType::Time {
        parse_time(s)
            .map(|(h, m, sec)| (f64::from(h) * 3600.0 + f64::from(m) * 60.0 + sec) / 86_400.0)
    } else {
        parse_iso(s).map(|d| to_serial(&d))
    }
}

/// ISO 8601 text of an Excel serial: `2024-01-31`, `2024-01-31T12:30:00`, or `12:30:00` for
/// times of day (serial below 1).
pub fn serial_to_iso(serial: f64, date1904: bool) -> String {
    if !(0.0..2_958_466.0).contains(&serial) {
        return format!("{serial}");
    }
    #[expect(clippy::cast_possible_truncation, reason = "range checked above")]
    let mut days = serial.floor() as i64;
    let mut secs = ((serial - serial.floor()) * 86_400.0).round();
    if secs >= 86_400.0 {
        days += 1;
        secs = 0.0;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "0 ≤ secs < 86400"
    )]
    let secs = secs as u32;
    let time = format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    if days == 0 && !date1904 {
        return time;
    }
    let (y, m, d) = if date1904 {
        civil_from_days(days + EPOCH_1904)
    } else if days == 60 {
        (1900, 2, 29)
    } else {
        civil_from_days(days + EPOCH_1900 + i64::from(days < 60))
    };
    if secs == 0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02}T{time}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_to_serial_matches_excel() {
        let s = |t: &str| to_serial(&parse_iso(t).unwrap());
        assert!((s("1900-01-01") - 1.0).abs() < 1e-9);
        assert!((s("1900-02-28") - 59.0).abs() < 1e-9);
        assert!((s("1900-03-01") - 61.0).abs() < 1e-9);
        assert!((s("2024-01-31") - 45322.0).abs() < 1e-9);
        assert!((s("2024-01-31T12:00") - 45322.5).abs() < 1e-9);
        assert!((s("2024-01-31 06:00:00Z") - 45322.25).abs() < 1e-9);
    }

    #[test]
    fn bad_dates_are_refused() {
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "24-01-01",
            "2024-1-1",
            "2024-01-31T25:00",
            "1899-12-31",
            "2024-01-31T12",
            "x",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn serial_to_iso_round_trips() {
        for t in [
            "1900-01-01",
            "1900-02-28",
            "1900-03-01",
            "2024-01-31",
            "2024-02-29T23:59:59",
            "9999-12-31",
        ] {
            let iso = serial_to_iso(to_serial(&parse_iso(t).unwrap()), false);
            assert_eq!(iso, t.replace(' ', "T"));
        }
        assert_eq!(serial_to_iso(0.5, false), "12:00:00");
        assert_eq!(serial_to_iso(0.0, true), "1904-01-01");
        assert_eq!(serial_to_iso(60.0, false), "1900-02-29");
    }
}
