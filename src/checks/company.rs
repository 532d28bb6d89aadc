//! Company identifiers: SIREN, SIRET, intra-EU VAT number, NAF/APE code.

/// La Poste's SIREN, whose establishments' SIRETs follow another rule.
const LA_POSTE: &str = "356000000";

/// The Luhn check over digit values, last digit first.
fn luhn_iter(digits: impl DoubleEndedIterator<Item = u32>) -> bool {
    let mut sum = 0u32;
    for (i, mut v) in digits.rev().enumerate() {
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

/// The Luhn check over ASCII digits.
fn luhn(digits: &[u8]) -> bool {
    luhn_iter(digits.iter().map(|&d| u32::from(d - b'0')))
}

/// The Luhn check over digit values (0 to 9), as SIREN and SIRET use it.
pub fn luhn_values(digits: &[u8]) -> bool {
    luhn_iter(digits.iter().map(|&d| u32::from(d)))
}

/// Keeps the digits of an identifier written with spaces, dots or dashes; `None` if it
/// holds anything else.
fn digits_only(value: &str, buf: &mut [u8; 32]) -> Option<usize> {
    // Byte by byte while the value is ASCII (nearly always); blanks anywhere are
    // skipped, so the ends need no trimming.
    let mut n = 0;
    for (i, &b) in value.as_bytes().iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                *buf.get_mut(n)? = b;
                n += 1;
            }
            b'.' | b'-' | b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => {}
            0x80.. => return digits_only_chars(&value[i..], buf, n),
            _ => return None,
        }
    }
    Some(n)
}

/// [`digits_only`] from a non-ASCII character on, `n` digits kept already.
fn digits_only_chars(value: &str, buf: &mut [u8; 32], mut n: usize) -> Option<usize> {
    for c in value.chars() {
        match c {
            '0'..='9' => {
                if n == buf.len() {
                    return None;
                }
                buf[n] = c as u8;
                n += 1;
            }
            '.' | '-' => {}
            _ if c.is_whitespace() => {}
            _ => return None,
        }
    }
    Some(n)
}

/// True for a valid SIREN (9 digits, Luhn, not all zeros).
pub fn siren_valid(digits: &[u8]) -> bool {
    digits.len() == 9
        && digits.iter().all(u8::is_ascii_digit)
        && digits.iter().any(|&d| d != b'0')
        && luhn(digits)
}

/// True for a valid SIRET (14 digits: a valid SIREN + 5, Luhn over all 14; La Poste's
/// establishments instead have a digit sum that is a multiple of 5).
pub fn siret_valid(digits: &[u8]) -> bool {
    if digits.len() != 14
        || !digits.iter().all(u8::is_ascii_digit)
        || digits.iter().all(|&d| d == b'0')
    {
        return false;
    }
    if !siren_valid(&digits[..9]) {
        return false;
    }
    if luhn(digits) {
        return true;
    }
    &digits[..9] == LA_POSTE.as_bytes()
        && digits.iter().map(|&d| u32::from(d - b'0')).sum::<u32>() % 5 == 0
}

/// Checks a SIREN or SIRET cell (either length is accepted in either column).
pub fn check_siren_or_siret(value: &str) -> bool {
    let mut buf = [0u8; 32];
    match digits_only(value, &mut buf) {
        Some(9) => siren_valid(&buf[..9]),
        Some(14) => siret_valid(&buf[..14]),
        _ => false,
    }
}

/// The French VAT key of a SIREN: (12 + 3 × (SIREN mod 97)) mod 97.
pub fn fr_vat_key(siren: &[u8]) -> u32 {
    let n: u64 = siren
        .iter()
        .fold(0, |acc, &d| acc * 10 + u64::from(d - b'0'));
    ((12 + 3 * (n % 97)) % 97) as u32
}

/// EU VAT prefixes and the forms of what follows them: `9` a digit, `A` a letter or
/// digit, `B` the letter B, `L` a letter.
const EU_VAT: &[(&str, &[&str])] = &[
    ("AT", &["LAAAAAAAA"]),
    ("BE", &["9999999999"]),
    ("BG", &["999999999", "9999999999"]),
    ("CY", &["99999999L"]),
    ("CZ", &["99999999", "999999999", "9999999999"]),
    ("DE", &["999999999"]),
    ("DK", &["99999999"]),
    ("EE", &["999999999"]),
    ("EL", &["999999999"]),
    ("ES", &["A9999999A"]),
    ("FI", &["99999999"]),
    ("HR", &["99999999999"]),
    ("HU", &["99999999"]),
    ("IE", &["9AAAAAAL", "9AAAAAALL"]),
    ("IT", &["99999999999"]),
    ("LT", &["999999999", "999999999999"]),
    ("LU", &["99999999"]),
    ("LV", &["99999999999"]),
    ("MT", &["99999999"]),
    ("NL", &["999999999B99"]),
    ("PL", &["9999999999"]),
    ("PT", &["999999999"]),
    (
        "RO",
        &[
            "99",
            "999",
            "9999",
            "99999",
            "999999",
            "9999999",
            "99999999",
            "999999999",
            "9999999999",
        ],
    ),
    ("SE", &["999999999999"]),
    ("SI", &["99999999"]),
    ("SK", &["9999999999"]),
    ("XI", &["999999999", "999999999999", "LL999"]),
];

fn vat_form_ok(rest: &[u8], form: &str) -> bool {
    rest.len() == form.len()
        && rest.iter().zip(form.bytes()).all(|(&c, f)| match f {
            b'9' => c.is_ascii_digit(),
            b'L' => c.is_ascii_alphabetic(),
            b'B' => c == b'B',
            _ => c.is_ascii_alphanumeric(),
        })
}

/// Checks an intra-EU VAT number: French ones in full (key and SIREN), others by
/// their country's length.
pub fn check_vat(value: &str) -> bool {
    let mut s = [0u8; 32];
    let mut n = 0;
    for c in value.trim().chars() {
        match c {
            '.' | '-' => {}
            _ if c.is_whitespace() => {}
            _ if c.is_ascii_alphanumeric() && n < s.len() => {
                s[n] = (c as u8).to_ascii_uppercase();
                n += 1;
            }
            _ => return false,
        }
    }
    let s = &s[..n];
    if s.len() < 4 {
        return false;
    }
    let (cc, rest) = s.split_at(2);
    if cc == b"FR" {
        if rest.len() != 11 {
            return false;
        }
        let (key, siren) = rest.split_at(2);
        if !siren.iter().all(u8::is_ascii_digit) || !siren_valid(siren) {
            return false;
        }
        if key.iter().all(u8::is_ascii_digit) {
            let k = u32::from(key[0] - b'0') * 10 + u32::from(key[1] - b'0');
            return k == fr_vat_key(siren);
        }
        // Keys with letters follow another, unpublished scheme: accept the form.
        return key.iter().all(u8::is_ascii_alphanumeric);
    }
    EU_VAT
        .iter()
        .find(|(p, _)| p.as_bytes() == cc)
        .is_some_and(|(_, forms)| forms.iter().any(|f| vat_form_ok(rest, f)))
}

/// Checks a NAF/APE code: 2 digits, an optional dot, 2 digits, a letter (`62.01Z`).
pub fn check_naf(value: &str) -> bool {
    let v: Vec<u8> = value.trim().bytes().filter(|&b| b != b' ').collect();
    let v = if v.len() == 6 && v[2] == b'.' {
        [&v[..2], &v[3..]].concat()
    } else {
        v
    };
    v.len() == 5 && v[..4].iter().all(u8::is_ascii_digit) && v[4].is_ascii_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_only_reads_as_the_character_definition() {
        // The definition: the trimmed value's characters, digits kept, `.`, `-` and
        // white space skipped, anything else refused.
        let reference = |v: &str| -> Option<Vec<u8>> {
            let mut out = Vec::new();
            for c in v.trim().chars() {
                match c {
                    '0'..='9' => out.push(c as u8),
                    '.' | '-' => {}
                    _ if c.is_whitespace() => {}
                    _ => return None,
                }
            }
            (out.len() <= 32).then_some(out)
        };
        let pieces = [
            "7",
            "32",
            "829",
            " ",
            ".",
            "-",
            "\t",
            "\u{a0}",
            "\u{202f}",
            "\u{2009}",
            "x",
            "é",
            "\u{1f}",
            "\u{b}",
            "\u{85}",
            "/",
            "12345678901234567890",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let v = format!("{a}{b}{c}{a}");
                    let mut buf = [0u8; 32];
                    let got = digits_only(&v, &mut buf).map(|n| buf[..n].to_vec());
                    assert_eq!(got, reference(&v), "{v:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, pieces.len().pow(3));
    }

    #[test]
    fn siren_siret() {
        for (v, ok) in [
            ("732829320", true), // a Luhn-valid SIREN
            ("732 829 320", true),
            ("732829321", false),
            ("000000000", false),
            ("12345678", false),
            ("73282932000074", true), // SIREN + NIC, Luhn-valid
            ("73282932000075", false),
            ("356000000", true),      // La Poste
            ("35600000000048", true), // Luhn-valid La Poste SIRET
            ("35600000049837", true), // not Luhn, digit sum 50: La Poste exception
            ("35600000049838", false),
            ("abc", false),
            ("", false),
        ] {
            assert_eq!(check_siren_or_siret(v), ok, "{v}");
        }
    }

    #[test]
    fn vat() {
        // Key for 732829320: (12 + 3 * (732829320 % 97)) % 97.
        let key = fr_vat_key(b"732829320");
        let good = format!("FR{key:02}732829320");
        assert!(check_vat(&good), "{good}");
        assert!(check_vat(&format!("fr {key:02} 732 829 320")));
        let bad = format!("FR{:02}732829320", (key + 1) % 97);
        assert!(!check_vat(&bad));
        assert!(!check_vat("FR00123"));
        assert!(check_vat("BE0123456789"));
        assert!(check_vat("DE123456789"));
        assert!(!check_vat("DE12345"));
        assert!(!check_vat("ZZ123456789"));
    }

    #[test]
    fn naf() {
        for (v, ok) in [
            ("62.01Z", true),
            ("6201Z", true),
            ("62 01 Z", true),
            ("62.01", false),
            ("6201", false),
            ("A2.01Z", false),
            ("62.011", false),
        ] {
            assert_eq!(check_naf(v), ok, "{v}");
        }
    }
}
