//! Dates as prospect files write them: `23/11/2026`, `2026-11-23`, `23/11/2026 14:05`,
//! `23-11-26`, `2026-11-23T14:05:00Z`, `23 novembre 2026`, Excel serial numbers.
//! A date is a day number (days since 1970-01-01); no clock is read.

/// A calendar date as days since 1970-01-01.
pub type Day = i32;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian), or `None` if the date
/// does not exist.
pub fn day_of(y: i32, m: u32, d: u32) -> Option<Day> {
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || !(1000..=9999).contains(&y) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe as i32 - 719_468)
}

/// The civil date of a day number.
pub fn civil(day: Day) -> (i32, u32, u32) {
    let z = day + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The same day `years` years earlier (29 February becomes 28 February).
pub fn years_before(day: Day, years: i32) -> Day {
    let (y, m, d) = civil(day);
    let y2 = y - years;
    let d2 = d.min(days_in_month(y2, m));
    day_of(y2, m, d2).unwrap_or(day - 365 * years)
}

/// True if the value holds a run of exactly four digits (a full year).
pub fn has_four_digit_year(v: &str) -> bool {
    v.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4)
}

/// Parses an ISO date `YYYY-MM-DD` (for options such as the audit date).
pub fn parse_iso(s: &str) -> Option<Day> {
    let b = s.trim().as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = num(&b[0..4])? as i32;
    day_of(y, num(&b[5..7])?, num(&b[8..10])?)
}

fn num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |a, &d| a * 10 + u32::from(d - b'0')))
}

const MONTHS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("january", 1),
    ("jan", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("february", 2),
    ("feb", 2),
    ("mars", 3),
    ("march", 3),
    ("mar", 3),
    ("avril", 4),
    ("avr", 4),
    ("april", 4),
    ("apr", 4),
    ("mai", 5),
    ("may", 5),
    ("juin", 6),
    ("june", 6),
    ("jun", 6),
    ("juillet", 7),
    ("juil", 7),
    ("july", 7),
    ("jul", 7),
    ("aout", 8),
    ("august", 8),
    ("aug", 8),
    ("septembre", 9),
    ("sept", 9),
    ("september", 9),
    ("sep", 9),
    ("octobre", 10),
    ("october", 10),
    ("oct", 10),
    ("novembre", 11),
    ("november", 11),
    ("nov", 11),
    ("decembre", 12),
    ("december", 12),
    ("dec", 12),
];

/// Why a value is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Empty.
    Empty,
    /// Not a date, or a date that does not exist (31/02/2026).
    Invalid,
}

/// Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999.
fn full_year(y: u32, digits: usize) -> i32 {
    if digits == 2 {
        if y < 70 {
            2000 + y as i32
        } else {
            1900 + y as i32
        }
    } else {
        y as i32
    }
}

/// Parses a date as found in prospect files. Day-first (French) order; month-first is
/// accepted only when the day-first reading is impossible (`11/23/2026`). A time part
/// after the date is accepted and ignored. `excel` allows serial numbers (1954-2119),
/// which only make sense in a column known to hold dates.
pub fn parse(value: &str, excel: bool) -> Result<Day, DateError> {
    let v = super::content::trim(value);
    if v.is_empty() {
        return Err(DateError::Empty);
    }
    match parse_common(v, excel) {
        Some(day) => day,
        None => parse_general(v, excel),
    }
}

/// [`parse`] of a trimmed, non-empty value, any shape.
fn parse_general(v: &str, excel: bool) -> Result<Day, DateError> {
    // "23/11/2026 à 14h05": the time after "à" is dropped.
    let v = if v.as_bytes().contains(&b' ') {
        match v.find(" à ").or_else(|| v.find(" a ")) {
            Some(i) => v[..i].trim_end(),
            None => v,
        }
    } else {
        v
    };
    if v.bytes()
        .any(|b| b.is_ascii_alphabetic() && b != b'T' && b != b'Z')
        || !v.is_ascii()
    {
        if let Some(long) = long_form(v) {
            return parse_plain(&long, excel);
        }
    }
    parse_plain(v, excel)
}

/// [`parse`] of a trimmed value in the shapes most files use, read straight from the
/// bytes: `DD/MM/YYYY` and `YYYY-MM-DD` (any of `/`, `-`, `.` between the numbers), the
/// same followed by a time (`23/11/2026 14:05`, `2026-11-23T14:05:00Z`), `DD/MM/YY`,
/// and an Excel serial number when `excel`. The same result as the general path, which
/// splits and allocates; `None` for any other shape.
pub(crate) fn parse_common(v: &str, excel: bool) -> Option<Result<Day, DateError>> {
    let b = v.as_bytes();
    if b.len() == 5 && b.iter().all(u8::is_ascii_digit) {
        let n = num(b)?;
        return (excel && (20_000..=80_000).contains(&n)).then_some(Ok(n as i32 - 25_569));
    }
    if b.len() == 8 {
        let sep = |c: u8| matches!(c, b'/' | b'-' | b'.');
        let two = |i: usize| {
            (b[i].is_ascii_digit() && b[i + 1].is_ascii_digit())
                .then(|| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0'))
        };
        if !(sep(b[2]) && sep(b[5])) {
            return None;
        }
        let (a, m, yy) = (two(0)?, two(3)?, two(6)?);
        let y = full_year(yy, 2);
        return Some(
            day_of(y, m, a)
                .or_else(|| day_of(y, a, m))
                .ok_or(DateError::Invalid),
        );
    }
    // A time after the date: the general path drops it when it starts as a time.
    if b.len() > 10 && matches!(b[10], b' ' | b'T') && time_ok(&v[11..]) {
        return parse_common(&v[..10], excel);
    }
    if b.len() != 10 {
        return None;
    }
    let sep = |c: u8| matches!(c, b'/' | b'-' | b'.');
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let n = |i: usize, len: usize| {
        b[i..i + len]
            .iter()
            .fold(0u32, |a, &d| a * 10 + u32::from(d - b'0'))
    };
    let day = if sep(b[2]) && sep(b[5]) && digits(0..2) && digits(3..5) && digits(6..10) {
        // Day first; month first only when the day-first reading is impossible.
        let (a, m, y) = (n(0, 2), n(3, 2), n(6, 4) as i32);
        day_of(y, m, a).or_else(|| day_of(y, a, m))
    } else if sep(b[4]) && sep(b[7]) && digits(0..4) && digits(5..7) && digits(8..10) {
        day_of(n(0, 4) as i32, n(5, 2), n(8, 2))
    } else {
        return None;
    };
    Some(day.ok_or(DateError::Invalid))
}

const WEEKDAYS: &[&str] = &[
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lun",
    "mar",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Rewrites French and English long dates to `D month YYYY`: drops a leading weekday,
/// reads `1er` as 1, drops a time after the year (`à 14h05`, `14:05`).
fn long_form(v: &str) -> Option<String> {
    let lower = v.to_lowercase();
    let mut tokens: Vec<&str> = lower.split([' ', ',']).filter(|t| !t.is_empty()).collect();
    if tokens
        .first()
        .is_some_and(|t| WEEKDAYS.contains(&t.trim_end_matches('.')))
    {
        tokens.remove(0);
    }
    if tokens.len() < 3 || month_name(tokens[1]).is_none() {
        return None;
    }
    let day = tokens[0].trim_end_matches("er");
    Some(format!("{day} {} {}", tokens[1], tokens[2]))
}

fn parse_plain(v: &str, excel: bool) -> Result<Day, DateError> {
    let b = v.as_bytes();
    // Excel serial: 20000..=80000, optionally with a fraction (time of day).
    if excel {
        let int_part = v.split(['.', ',']).next().unwrap_or("");
        if let Some(n) = num(int_part.as_bytes()) {
            let frac_ok = v[int_part.len()..]
                .bytes()
                .skip(1)
                .all(|c| c.is_ascii_digit());
            if (20_000..=80_000).contains(&n) && frac_ok {
                // Serial 25569 is 1970-01-01 (base 1899-12-30).
                return Ok(n as i32 - 25_569);
            }
        }
    }
    // Split off a time part: "2026-11-23T14:05", "23/11/2026 14:05:00".
    let date_part = match v.find(['T', ' ']) {
        Some(i) if b[..i].iter().any(|c| !c.is_ascii_digit()) && i >= 6 && time_ok(&v[i + 1..]) => {
            &v[..i]
        }
        _ => v,
    };
    let parts: Vec<&str> = date_part
        .split(['/', '-', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return Err(DateError::Invalid);
    }
    let (p0, p1, p2) = (parts[0], parts[1], parts[2]);
    // Month names: "23 novembre 2026", "23-nov-26".
    if let Some(m) = month_name(p1) {
        let d = num(p0.as_bytes()).ok_or(DateError::Invalid)?;
        let y = num(p2.as_bytes()).ok_or(DateError::Invalid)?;
        if !matches!(p2.len(), 2 | 4) {
            return Err(DateError::Invalid);
        }
        return day_of(full_year(y, p2.len()), m, d).ok_or(DateError::Invalid);
    }
    let (a, bb, c) = (
        num(p0.as_bytes()).ok_or(DateError::Invalid)?,
        num(p1.as_bytes()).ok_or(DateError::Invalid)?,
        num(p2.as_bytes()).ok_or(DateError::Invalid)?,
    );
    if p0.len() == 4 {
        // ISO order.
        if p1.len() > 2 || p2.len() > 2 {
            return Err(DateError::Invalid);
        }
        return day_of(a as i32, bb, c).ok_or(DateError::Invalid);
    }
    if p0.len() > 2 || p1.len() > 2 || !matches!(p2.len(), 2 | 4) {
        return Err(DateError::Invalid);
    }
    let y = full_year(c, p2.len());
    day_of(y, bb, a)
        .or_else(|| day_of(y, a, bb))
        .ok_or(DateError::Invalid)
}

fn time_ok(t: &str) -> bool {
    let t = t.trim();
    let b = t.as_bytes();
    b.len() >= 4
        && b.len() <= 40
        && b[0].is_ascii_digit()
        && (b[1] == b':' || b.get(2) == Some(&b':') || b[1] == b'h' || b.get(2) == Some(&b'h'))
}

fn month_name(p: &str) -> Option<u32> {
    let folded: String = p
        .chars()
        .map(|c| match c {
            'é' | 'É' | 'è' => 'e',
            'û' | 'Û' => 'u',
            c => c.to_ascii_lowercase(),
        })
        .filter(|c| *c != '.')
        .collect();
    MONTHS.iter().find(|(n, _)| *n == folded).map(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_shapes_read_as_the_general_path_reads_them() {
        let numbers = [
            "00", "01", "05", "12", "13", "28", "29", "30", "31", "69", "70", "99",
        ];
        let years = [
            "2024", "2025", "1900", "2000", "0999", "9999", "24", "69", "70", "99",
        ];
        let times = [
            "",
            " 14:05",
            " 14:05:00",
            "T14:05:00Z",
            " 9h05",
            " 14h",
            " à 14h",
            " x",
            " 14:05 a b",
        ];
        let mut values = Vec::new();
        for a in numbers {
            for b in numbers {
                for y in years {
                    for sep in ["/", "-", ".", " "] {
                        for t in times {
                            values.push(format!("{a}{sep}{b}{sep}{y}{t}"));
                            values.push(format!("{y}{sep}{a}{sep}{b}{t}"));
                        }
                    }
                }
            }
        }
        for n in [
            "19999", "20000", "45123", "80000", "80001", "00000", "4512a",
        ] {
            values.push(n.to_string());
        }
        for v in &values {
            for excel in [false, true] {
                if let Some(fast) = parse_common(v, excel) {
                    assert_eq!(fast, parse_general(v, excel), "{v:?} (excel {excel})");
                }
            }
        }
        // The fast path does read the common shapes.
        for v in [
            "23/11/2026",
            "2026-11-23",
            "23/11/2026 14:05",
            "23-11-26",
            "45123",
        ] {
            assert!(parse_common(v, true).is_some(), "{v}");
        }
    }

    fn d(y: i32, m: u32, dd: u32) -> Day {
        day_of(y, m, dd).unwrap()
    }

    #[test]
    fn civil_round_trip() {
        assert_eq!(d(1970, 1, 1), 0);
        assert_eq!(d(2000, 3, 1), 11_017);
        for day in [-1000, 0, 1, 11_016, 19_000, 20_000, 24_000, 60_000] {
            let (y, m, dd) = civil(day);
            assert_eq!(day_of(y, m, dd), Some(day));
        }
        assert_eq!(years_before(d(2024, 2, 29), 3), d(2021, 2, 28));
        assert_eq!(years_before(d(2026, 11, 29), 3), d(2023, 11, 29));
    }

    #[test]
    fn formats() {
        let want = d(2026, 11, 23);
        for v in [
            "23/11/2026",
            "2026-11-23",
            "23/11/2026 14:05",
            "23/11/2026 14:05:59",
            "23-11-26",
            "23.11.2026",
            "2026/11/23",
            "2026-11-23T14:05:00Z",
            "2026-11-23 14:05:00.123+01:00",
            "23 novembre 2026",
            "23 Nov 2026",
            "23-nov-26",
            "11/23/2026",
            " 23/11/2026 ",
            "23/11/2026 14h05",
            "lundi 23 novembre 2026",
            "Lundi, 23 novembre 2026",
            "23 novembre 2026 14:05",
            "23 novembre 2026 à 14h05",
        ] {
            assert_eq!(parse(v, false), Ok(want), "{v}");
        }
        assert_eq!(parse("1/2/2026", false), Ok(d(2026, 2, 1)));
        assert_eq!(parse("1er novembre 2026", false), Ok(d(2026, 11, 1)));
        assert_eq!(parse("46349", true), Ok(d(2026, 11, 23)));
        assert_eq!(parse("46349,5", true), Ok(d(2026, 11, 23)));
        assert_eq!(parse("46349", false), Err(DateError::Invalid));
        assert_eq!(parse("05/06/99", false), Ok(d(1999, 6, 5)));
    }

    #[test]
    fn invalid() {
        for v in [
            "31/02/2026",
            "2026-13-01",
            "32/01/2026",
            "hier",
            "2026",
            "12/2026",
            "00/00/0000",
            "23/11/20266",
            "1/1/1",
            "2026-11-23-01",
        ] {
            assert_eq!(parse(v, false), Err(DateError::Invalid), "{v}");
        }
        assert_eq!(parse("  ", false), Err(DateError::Empty));
        assert_eq!(parse_iso("2026-11-29"), Some(d(2026, 11, 29)));
        assert_eq!(parse_iso("29/11/2026"), None);
    }
}
