//! `checks::dates`: `parse` (with and without Excel serials), `parse_iso`,
//! `has_four_digit_year`, `civil`, `years_before`, as `fields.rs` calls them.
//! Invariants: the same input gives the same result; a parsed day is in the supported
//! years (1000-9999) and goes back and forth through `civil`/`day_of`; what `parse_iso`
//! accepts, `parse` reads as the same day.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tamis::checks::dates::{self, DateError};

fn check_day(v: &str, day: dates::Day) {
    let (y, m, d) = dates::civil(day);
    assert!((1000..=9999).contains(&y), "{v:?}: year {y}");
    assert_eq!(
        dates::day_of(y, m, d),
        Some(day),
        "{v:?}: civil/day_of round trip"
    );
    // What fields.rs does with a parsed date: no panic, and earlier.
    for years in [3, 100] {
        let before = dates::years_before(day, years);
        assert!(before < day, "{v:?}: {years} years before is not earlier");
    }
}

fuzz_target!(|data: &[u8]| {
    let v = String::from_utf8_lossy(data);
    let v = v.as_ref();
    for excel in [false, true] {
        let r = dates::parse(v, excel);
        assert_eq!(r, dates::parse(v, excel), "{v:?}: not deterministic");
        match r {
            Ok(day) => check_day(v, day),
            Err(DateError::Empty) => assert!(v.trim().is_empty(), "{v:?}: Empty but not blank"),
            Err(DateError::Invalid) => assert!(!v.trim().is_empty()),
        }
    }
    let _ = dates::has_four_digit_year(v);
    if let Some(day) = dates::parse_iso(v) {
        check_day(v, day);
        assert_eq!(
            dates::parse(v, false),
            Ok(day),
            "{v:?}: parse_iso and parse disagree"
        );
    }
    // Any day number, even absurd ones: civil must not panic.
    if data.len() >= 4 {
        let day = i32::from_le_bytes([data[0], data[1], data[2], data[3]]) % 3_000_000;
        let (y, m, d) = dates::civil(day);
        assert!(
            (1..=12).contains(&m) && (1..=31).contains(&d),
            "civil({day})"
        );
        if (1000..=9999).contains(&y) {
            assert_eq!(dates::day_of(y, m, d), Some(day));
        }
    }
});
