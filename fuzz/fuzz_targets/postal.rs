//! `checks::postal`: `normalise_postcode` and `check(postcode, city, scratch)`, the
//! input cut at its first `|` into postcode and city (no `|`: a postcode alone).
//! Invariants: the same input gives the same verdict, whatever the scratch buffer held
//! before (`fields.rs` reuses one across rows); a normalised postcode is 5 ASCII digits;
//! a postcode that does not normalise is invalid; an empty postcode is never invalid
//! nor mismatched.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use tamis::checks::postal;

thread_local! {
    static SCRATCH: RefCell<String> = RefCell::new(String::from("reste d'une ligne précédente"));
}

fuzz_target!(|data: &[u8]| {
    let v = String::from_utf8_lossy(data);
    let (pc, city) = v.split_once('|').unwrap_or((&v, ""));

    let fresh = postal::check(pc, city, &mut String::new());
    let reused = SCRATCH.with(|s| postal::check(pc, city, &mut s.borrow_mut()));
    assert_eq!(
        fresh, reused,
        "{pc:?} {city:?}: the scratch buffer changes the verdict"
    );

    let code = postal::normalise_postcode(pc);
    assert_eq!(code, postal::normalise_postcode(pc));
    if let Some(code) = code {
        assert!(code.iter().all(u8::is_ascii_digit), "{pc:?} -> {code:?}");
    }
    if pc.trim().is_empty() {
        assert!(
            !fresh.invalid_postcode && !fresh.city_mismatch,
            "{pc:?} {city:?}"
        );
    } else if code.is_none() {
        assert!(
            fresh.invalid_postcode,
            "{pc:?}: not a postcode but not invalid"
        );
    }
    if fresh.invalid_postcode {
        assert!(
            !fresh.city_mismatch,
            "{pc:?} {city:?}: invalid and mismatched"
        );
    }
    // The city alone, and the cell value as a city (fields.rs looks for CEDEX in it).
    let _ = postal::check("", &v, &mut String::new());
});
