//! `checks::email`: `check`, `check_cached` (with a cache kept across inputs, as
//! `fields.rs` keeps one per file), `canonical`, `syntax_ok`, `typo_of`, `osa_distance`.
//! Invariants: the same input gives the same verdict; the cached verdict equals the
//! uncached one; the verdict's validity is `syntax_ok` of the trimmed address (one
//! forward pass against a split at the last `@`); `canonical` is `None` for invalid addresses, `Some` for every valid one
//! but `+tag@gmail.com`, and idempotent; a suggested typo fix is itself a valid address;
//! the capped OSA distance is symmetric and 0 only for equal strings; the verdict's role
//! is `data::is_role_local` of the local part.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use tamis::checks::email::{self, DomainCache};

thread_local! {
    static CACHE: RefCell<DomainCache> = RefCell::new(DomainCache::default());
}

fuzz_target!(|data: &[u8]| {
    let v = String::from_utf8_lossy(data);
    let v = v.as_ref();
    let verdict = email::check(v);
    assert_eq!(verdict, email::check(v), "{v:?}: not deterministic");
    let cached = CACHE.with(|c| email::check_cached(v, &mut c.borrow_mut()));
    assert_eq!(
        verdict, cached,
        "{v:?}: the domain cache changes the verdict"
    );

    assert_eq!(
        verdict.invalid,
        !email::syntax_ok(tamis::checks::content::trim(v)),
        "{v:?}: check and syntax_ok disagree"
    );

    if let (false, Some((local, _))) = (verdict.invalid, email::split(v.trim())) {
        assert_eq!(
            verdict.role,
            tamis::data::is_role_local(local),
            "{v:?}: the role check disagrees with is_role_local"
        );
    }

    let canonical = email::canonical(v);
    if verdict.invalid {
        assert!(
            canonical.is_none(),
            "{v:?}: invalid but canonical {canonical:?}"
        );
    } else if canonical.is_none() {
        // Only `+tag@gmail.com` (no mailbox left once the tag is dropped) has no key.
        let (local, domain) = email::split(v.trim()).expect("valid");
        let domain = domain.to_ascii_lowercase();
        assert!(
            (domain == "gmail.com" || domain == "googlemail.com")
                && local
                    .split('+')
                    .next()
                    .unwrap_or("")
                    .replace('.', "")
                    .is_empty(),
            "{v:?}: valid but no canonical form"
        );
    }
    // The canonical form is a valid address that maps to itself (when Unicode
    // lower-casing would break it, `İ`, only ASCII letters are lowered).
    if let Some(c) = canonical.as_ref() {
        assert!(
            !email::check(c).invalid,
            "{v:?}: canonical {c:?} is invalid"
        );
        assert_eq!(
            email::canonical(c).as_deref(),
            Some(c.as_str()),
            "{v:?}: canonical not idempotent"
        );
    }
    if let Some(fix) = &verdict.typo {
        assert!(
            email::syntax_ok(fix),
            "{v:?}: typo fix {fix:?} is not valid"
        );
    }
    if let Some((_, domain)) = email::split(v.trim()) {
        let _ = email::typo_of(&domain.to_ascii_lowercase());
    }

    // The distance on two halves of the input.
    let (a, b) = data.split_at(data.len() / 2);
    for cap in [1, 2] {
        let ab = email::osa_distance(a, b, cap).min(cap + 1);
        let ba = email::osa_distance(b, a, cap).min(cap + 1);
        assert_eq!(ab, ba, "osa_distance({a:?}, {b:?}, {cap}) not symmetric");
        if a.len() < 64 && b.len() < 64 {
            assert_eq!(ab == 0, a == b, "osa_distance({a:?}, {b:?}) = 0");
        }
    }
});
