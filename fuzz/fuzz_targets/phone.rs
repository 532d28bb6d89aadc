//! `checks::phone::parse`. Invariants: the same input gives the same result; a valid
//! number's E.164 form is `+` and 6-15 digits, a number of the French plan has a French
//! or overseas country code, and parsing the E.164 form again gives the same number (the
//! canonical form is what opposition lists are matched on).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tamis::checks::phone::{self, PhoneKind};

fuzz_target!(|data: &[u8]| {
    let Ok(v) = std::str::from_utf8(data) else {
        return;
    };
    let r = phone::parse(v);
    assert_eq!(r, phone::parse(v), "{v:?}: not deterministic");
    let Ok(p) = r else {
        return;
    };
    let digits = p.e164.strip_prefix('+').expect("E.164 starts with +");
    assert!(
        digits.bytes().all(|b| b.is_ascii_digit()) && (6..=15).contains(&digits.len()),
        "{v:?}: bad E.164 {}",
        p.e164
    );
    if p.kind != PhoneKind::Foreign {
        // The French plan: +33 and 9 digits, an overseas territory's own code and the 9
        // digits (+262 692..., +590 590...), or Saint-Pierre-et-Miquelon's +508 and 6.
        let ok = ["33", "262", "590", "594", "596"]
            .iter()
            .any(|cc| digits.starts_with(cc) && digits.len() == cc.len() + 9)
            || (digits.starts_with("508") && digits.len() == 9);
        assert!(ok, "{v:?}: French {:?} as {}", p.kind, p.e164);
    }
    let again = phone::parse(&p.e164)
        .unwrap_or_else(|e| panic!("{v:?} -> {} does not parse again: {e:?}", p.e164));
    assert_eq!(again.e164, p.e164, "{v:?}: E.164 not stable");
    assert_eq!(again.kind, p.kind, "{v:?}: kind changes through E.164");
    assert_eq!(again.flag, p.flag, "{v:?}: flag changes through E.164");
});
