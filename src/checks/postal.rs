//! Postal addresses: postcode form and existence, the postcode/commune pair against
//! the official base, CEDEX, and the 38-character line limit.

use crate::data;

/// The La Poste limit of an address line (NF Z10-011).
pub const MAX_LINE: usize = 38;

/// The verdict on one row's postal fields.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PostalVerdict {
    /// The postcode is malformed or does not exist.
    pub invalid_postcode: bool,
    /// The postcode/commune pair is not in the base.
    pub city_mismatch: bool,
    /// A CEDEX address.
    pub cedex: bool,
}

/// Normalises a postcode cell: digits only, and a 4-digit code gets back the leading
/// zero a spreadsheet ate (`1000` → `01000`). `None` if it is not 4 or 5 digits.
pub fn normalise_postcode(value: &str) -> Option<[u8; 5]> {
    let mut digits = [0u8; 5];
    let mut n = 0;
    for b in value.trim().bytes().filter(|b| *b != b' ') {
        if !b.is_ascii_digit() || n == digits.len() {
            return None;
        }
        digits[n] = b;
        n += 1;
    }
    match n {
        5 => Some(digits),
        4 => Some([b'0', digits[0], digits[1], digits[2], digits[3]]),
        _ => None,
    }
}

/// Checks a postcode and a city (either may be empty).
pub fn check(postcode: &str, city: &str, scratch: &mut String) -> PostalVerdict {
    let cedex = data::fold_place_cedex(city, scratch);
    let mut v = PostalVerdict {
        cedex,
        ..PostalVerdict::default()
    };
    let pc = postcode.trim();
    if pc.is_empty() {
        return v;
    }
    let Some(code) = normalise_postcode(pc) else {
        v.invalid_postcode = true;
        return v;
    };
    let code = std::str::from_utf8(&code).unwrap_or("00000");
    if !data::postcode_known(code) {
        // CEDEX codes (92045, 75340...) are not in the commune base: with CEDEX,
        // only the department is checked.
        if !(cedex && data::postcode_area_known(code)) {
            v.invalid_postcode = true;
        }
        return v;
    }
    if !scratch.is_empty() && !data::postcode_matches_city(code, scratch) {
        v.city_mismatch = true;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(pc: &str, city: &str) -> PostalVerdict {
        check(pc, city, &mut String::new())
    }

    #[test]
    fn postcodes_and_cities() {
        assert_eq!(c("75001", "Paris"), PostalVerdict::default());
        assert_eq!(c("75001", "PARIS 01"), PostalVerdict::default());
        assert_eq!(c("42000", "St-Étienne"), PostalVerdict::default());
        assert!(c("75001", "Lyon").city_mismatch);
        assert!(c("96000", "").invalid_postcode);
        assert!(!c("7500", "").invalid_postcode); // 07500 after restoring the zero
        assert!(c("750011", "").invalid_postcode);
        assert!(c("ABCDE", "").invalid_postcode);
        assert!(c("1000", "Bourg-en-Bresse") == PostalVerdict::default());
        let cedex = c("69003", "Lyon Cedex 03");
        assert!(cedex.cedex && !cedex.city_mismatch);
        let special = c("92045", "Paris La Défense Cedex");
        assert!(special.cedex && !special.invalid_postcode);
        assert!(c("96045", "Nulle Part Cedex").invalid_postcode);
        assert_eq!(c("", "Paris"), PostalVerdict::default());
    }
}
