//! Phone numbers: the French numbering plan in detail, other countries by the length
//! of their national numbers, and a canonical E.164 form for matching.

/// What a valid number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// French geographic (01-05, overseas 0262/0269/0590...).
    Geographic,
    /// French mobile (06, 073-079).
    Mobile,
    /// French non-geographic (09).
    NonGeographic,
    /// French special-rate number (08, 0937-0939).
    Special,
    /// A valid number of another country.
    Foreign,
}

/// Why a number is flagged although its form is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneFlag {
    /// In an ARCEP call-centre range.
    CallCentre,
    /// In a range reserved for fiction, or a junk pattern (one digit, a sequence).
    Fiction,
}

/// A parsed phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// E.164, e.g. `+33612345678`; overseas numbers get their territory's country
    /// code (`0262 12 34 56` is `+262262123456`, `0590...` is `+590590...`).
    pub e164: String,
    /// What it is.
    pub kind: PhoneKind,
    /// A flag, if any.
    pub flag: Option<PhoneFlag>,
    /// The leading zero was missing (eaten by a spreadsheet) and restored.
    pub zero_restored: bool,
}

/// An E.164 number kept inline (`+` and at most 23 digits): the audit parses every
/// phone cell, and most are only compared, not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct E164 {
    buf: [u8; 24],
    len: u8,
}

impl E164 {
    /// `+`, then `parts` one after the other (digits only, 23 at most in all: the
    /// parser reads at most 24 digits, and a country code is at least one).
    fn of(parts: &[&[u8]]) -> E164 {
        let mut e = E164 {
            buf: [0; 24],
            len: 1,
        };
        e.buf[0] = b'+';
        for p in parts {
            let n = usize::from(e.len);
            // Never more than 17 bytes (`+`, a 3-digit code, 13 digits): cut, not panic.
            let p = &p[..p.len().min(e.buf.len() - n)];
            e.buf[n..n + p.len()].copy_from_slice(p);
            e.len += p.len() as u8;
        }
        e
    }

    /// `+`, a country code of two or three digits, then nine digits: [`E164::of`]
    /// with copies of fixed length (the variable ones call `memcpy`).
    fn of_nine(cc: &str, nine: &[u8; 9]) -> E164 {
        let mut e = E164 {
            buf: [0; 24],
            len: 0,
        };
        e.buf[0] = b'+';
        let cc = cc.as_bytes();
        let n = 1 + cc.len().min(3);
        let at = |i: usize| cc.get(i).copied().unwrap_or(0);
        e.buf[1..4].copy_from_slice(&[at(0), at(1), at(2)]);
        e.buf[n..n + 9].copy_from_slice(nine);
        e.len = (n + 9) as u8;
        e
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only `+` and ASCII digits are ever written.
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or_default()
    }
}

/// [`Phone`] with its E.164 form inline ([`parse_inline`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) e164: E164,
    pub(crate) kind: PhoneKind,
    pub(crate) flag: Option<PhoneFlag>,
    pub(crate) zero_restored: bool,
}

/// Country calling codes and the length range of their national significant numbers.
/// France and its overseas departments are handled by the French plan.
const COUNTRIES: &[(&str, usize, usize)] = &[
    ("1", 10, 10), // NANP
    ("7", 10, 10),
    ("20", 9, 10),
    ("27", 9, 9),
    ("30", 10, 10),
    ("31", 9, 9),
    ("32", 8, 9),
    ("34", 9, 9),
    ("36", 8, 9),
    ("39", 6, 11),
    ("40", 9, 9),
    ("41", 9, 9),
    ("43", 4, 13),
    ("44", 9, 10),
    ("45", 8, 8),
    ("46", 7, 13),
    ("47", 8, 8),
    ("48", 9, 9),
    ("49", 6, 13),
    ("51", 8, 9),
    ("52", 10, 10),
    ("54", 10, 11),
    ("55", 10, 11),
    ("56", 9, 9),
    ("57", 10, 10),
    ("61", 9, 9),
    ("62", 8, 12),
    ("64", 8, 10),
    ("65", 8, 8),
    ("66", 8, 9),
    ("81", 9, 10),
    ("82", 8, 10),
    ("84", 9, 10),
    ("86", 10, 11),
    ("90", 10, 10),
    ("91", 10, 10),
    ("212", 9, 9),
    ("222", 8, 8),
    ("224", 9, 9),
    ("227", 8, 8),
    ("228", 8, 8),
    ("230", 7, 8),
    ("235", 8, 8),
    ("241", 8, 9),
    ("250", 9, 9),
    ("253", 8, 8),
    ("257", 8, 8),
    ("269", 7, 7),
    ("213", 8, 9),
    ("216", 8, 8),
    ("221", 9, 9),
    ("223", 8, 8),
    ("225", 10, 10),
    ("226", 8, 8),
    ("229", 8, 10),
    ("237", 9, 9),
    ("242", 9, 9),
    ("243", 9, 9),
    ("261", 9, 9),
    ("352", 4, 11),
    ("351", 9, 9),
    ("353", 7, 9),
    ("356", 8, 8),
    ("357", 8, 8),
    ("358", 5, 12),
    ("359", 8, 9),
    ("370", 8, 8),
    ("371", 8, 8),
    ("372", 7, 8),
    ("374", 8, 8),
    ("376", 6, 6),
    ("377", 8, 9),
    ("380", 9, 9),
    ("385", 8, 9),
    ("386", 8, 8),
    ("420", 9, 9),
    ("421", 9, 9),
    ("508", 6, 6),
    ("509", 8, 8),
    ("590", 9, 9),
    ("594", 9, 9),
    ("596", 9, 9),
    ("681", 6, 6),
    ("687", 6, 6),
    ("689", 8, 8),
    ("852", 8, 8),
    ("961", 7, 8),
    ("962", 8, 9),
    ("971", 8, 9),
    ("972", 8, 9),
    ("974", 8, 8),
];

/// French overseas departments dialled with their own country code but numbered in
/// the French plan (`+262 262...` is `0262...`).
const FR_OVERSEAS_CC: &[&str] = &["262", "590", "594", "596"];

/// Overseas ranges of the French national plan and the country code they are dialled
/// with from abroad: the national number `0262 12 34 56` is `+262 262 12 34 56` in
/// E.164, not `+33 262...`. ARCEP decision 2006-0509: the national plan is made of the
/// E.164 plans of country codes 33, 590 (Guadeloupe), 594 (Guiana), 596 (Martinique),
/// 262 (Réunion), 269 (Mayotte, then) and 508 (Saint-Pierre-et-Miquelon). Decision
/// 2006-0720 moved Mayotte to +262 in 2007: fixed `0269` is `+262 269`, mobiles `0639`
/// are `+262 639` (<https://en.arcep.fr/news/press-releases/view/n/arcep-continues-the-modernisation-of-the-numbering-plan-in-mayotte.html>).
/// Geographic and mobile ranges only: overseas `09` (VoIP) blocks and the new overseas
/// `07` blocks are shared out among the territories at a finer grain and stay `+33`.
const OVERSEAS: &[(&[u8; 3], &str)] = &[
    (b"262", "262"), // Réunion, fixed
    (b"263", "262"), // Réunion, fixed
    (b"269", "262"), // Mayotte, fixed
    (b"639", "262"), // Mayotte, mobile
    (b"692", "262"), // Réunion, mobile
    (b"693", "262"), // Réunion, mobile
    (b"590", "590"), // Guadeloupe, Saint-Martin, Saint-Barthélemy, fixed
    (b"690", "590"), // the same, mobile
    (b"691", "590"), // the same, mobile
    (b"594", "594"), // French Guiana, fixed
    (b"694", "594"), // French Guiana, mobile
    (b"596", "596"), // Martinique, fixed
    (b"696", "596"), // Martinique, mobile
    (b"697", "596"), // Martinique, mobile
];

/// Saint-Pierre-et-Miquelon: `05 08 41 23 45` nationally, `+508 41 23 45` in E.164 (its
/// national significant number has six digits).
const SPM: &[u8; 3] = b"508";

/// The country code a French national significant number (9 digits) is dialled with
/// from abroad, and the digits that follow it in E.164.
fn territory(nsn: &[u8]) -> (&'static str, &[u8]) {
    if &nsn[..3] == SPM {
        return ("508", &nsn[3..]);
    }
    match PREFIX3[prefix3(nsn)] & !MAY_FLAG {
        0 => ("33", nsn),
        i => (OVERSEAS[usize::from(i) - 1].1, nsn),
    }
}

/// ARCEP call-centre ranges (decision 2022-1583), as national prefixes.
const CALL_CENTRE: &[&str] = &[
    "0162", "0163", "0270", "0271", "0377", "0378", "0424", "0425", "0568", "0569", "0948", "0949",
];
const CALL_CENTRE_OVERSEAS: &[&str] = &["09475", "09476", "09477", "09478", "09479"];

/// Ranges said to be reserved for fiction (source unconfirmed: a suspicion, not an error).
const FICTION: &[&str] = &["019900", "026191", "035301", "046571", "053649", "063998"];

/// The first three digits of a national significant number as an index (0-999).
const fn prefix3(nsn: &[u8]) -> usize {
    (nsn[0] - b'0') as usize * 100 + (nsn[1] - b'0') as usize * 10 + (nsn[2] - b'0') as usize
}

/// Set in [`PREFIX3`] when a call-centre or fiction prefix starts with these digits.
const MAY_FLAG: u8 = 0x80;

/// What the first three digits of a national significant number say, one lookup
/// instead of scanning the lists for every phone: [`MAY_FLAG`], and in the low bits 1 +
/// the index in [`OVERSEAS`] of the territory they belong to (0: none).
static PREFIX3: [u8; 1000] = {
    let mut t = [0u8; 1000];
    let mut i = 0;
    while i < OVERSEAS.len() {
        t[prefix3(OVERSEAS[i].0)] = i as u8 + 1;
        i += 1;
    }
    let lists: [&[&str]; 3] = [CALL_CENTRE, CALL_CENTRE_OVERSEAS, FICTION];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            // The national prefix without its trunk zero.
            let b = lists[l][i].as_bytes();
            let d = [b[1], b[2], b[3]];
            t[prefix3(&d)] |= MAY_FLAG;
            i += 1;
        }
        l += 1;
    }
    t
};

/// Why a value is not a valid number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    /// Characters other than digits, spaces and `+().-/`.
    NotANumber,
    /// Wrong length or an unallocated range.
    Invalid,
}

/// Parses a phone number written any common way: `06 12 34 56 78`, `0612345678`,
/// `+33 6 12 34 56 78`, `0033...`, `+33 (0)6...`, dots, dashes, and `612345678`
/// (a leading zero eaten by a spreadsheet).
pub fn parse(value: &str) -> Result<Phone, PhoneError> {
    parse_inline(value).map(|p| Phone {
        e164: p.e164.as_str().to_string(),
        kind: p.kind,
        flag: p.flag,
        zero_restored: p.zero_restored,
    })
}

/// [`parse`], without allocating: the E.164 form inline.
pub(crate) fn parse_inline(value: &str) -> Result<Parsed, PhoneError> {
    let v = super::content::trim(value);
    // Most numbers are written `06 12 34 56 78` (or with dots or dashes) or
    // `0612345678`: read those ten digits at fixed places.
    match grouped_national(v.as_bytes()) {
        Some(d) => french(&d[1..], false),
        None => parse_general(v),
    }
}

/// [`parse_inline`] of a trimmed value, any way it is written.
fn parse_general(v: &str) -> Result<Parsed, PhoneError> {
    let mut digits = [0u8; 24];
    let mut n = 0usize;
    let mut plus = false;
    let bytes = v.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Digits first: most bytes are.
        if b.is_ascii_digit() {
            let Some(slot) = digits.get_mut(n) else {
                return Err(PhoneError::Invalid);
            };
            *slot = b;
            n += 1;
            i += 1;
            continue;
        }
        match b {
            b'+' if n == 0 && !plus => plus = true,
            b'(' if bytes.get(i + 1) == Some(&b'0')
                && bytes.get(i + 2) == Some(&b')')
                && (plus || n > 0) =>
            {
                // "+33 (0)6...": the trunk zero in brackets is dropped.
                i += 3;
                continue;
            }
            b' ' | b'.' | b'-' | b'/' | b'(' | b')' | b'\t' => {}
            _ if b >= 0x80 => {
                // Unicode spaces and dashes (no-break, narrow no-break, thin space,
                // en dash...) are separators too.
                let c = v[i..].chars().next().unwrap_or('x');
                if !(c.is_whitespace() || matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}')) {
                    return Err(PhoneError::NotANumber);
                }
                i += c.len_utf8();
                continue;
            }
            _ => return Err(PhoneError::NotANumber),
        }
        i += 1;
    }
    let d = &digits[..n];
    if n == 0 {
        return Err(PhoneError::NotANumber);
    }
    // International forms: +CC..., 00CC...
    let intl: Option<&[u8]> = if plus {
        Some(d)
    } else if d.starts_with(b"00") {
        Some(&d[2..])
    } else if n == 11 && d.starts_with(b"33") {
        Some(d)
    } else {
        None
    };
    if let Some(rest) = intl {
        if let Some(nsn) = rest.strip_prefix(b"33") {
            // +33 0 6... : a trunk zero written after the country code.
            let nsn = if nsn.len() == 10 && nsn[0] == b'0' {
                &nsn[1..]
            } else {
                nsn
            };
            return french(nsn, false);
        }
        for cc in FR_OVERSEAS_CC {
            if let Some(nsn) = rest.strip_prefix(cc.as_bytes()) {
                if nsn.len() == 9 {
                    return overseas(cc, nsn);
                }
            }
        }
        // Saint-Pierre-et-Miquelon: `+508 41 23 45` is the French national `05 08 41 23
        // 45`, read in the French plan (the same kind and E.164 either way).
        if let Some(sub) = rest.strip_prefix(SPM) {
            if sub.len() == 6 {
                let mut nsn = [0u8; 9];
                nsn[..3].copy_from_slice(SPM);
                nsn[3..].copy_from_slice(sub);
                return french(&nsn, false);
            }
        }
        return foreign(rest);
    }
    match n {
        10 if d[0] == b'0' => french(&d[1..], false),
        9 if d[0] != b'0' => french(d, true),
        _ => Err(PhoneError::Invalid),
    }
}

/// The ten digits of a national number written `0612345678` or in five pairs split
/// by one space, dot or dash (`06 12 34 56 78`), the trunk `0` first and no `00` (an
/// international prefix): the same digits [`parse_inline`]'s general reading gives.
fn grouped_national(b: &[u8]) -> Option<[u8; 10]> {
    let d: [u8; 10] = match *b {
        [d0, d1, d2, d3, d4, d5, d6, d7, d8, d9] => [d0, d1, d2, d3, d4, d5, d6, d7, d8, d9],
        [d0, d1, s0, d2, d3, s1, d4, d5, s2, d6, d7, s3, d8, d9]
            if matches!(s0, b' ' | b'.' | b'-') && s1 == s0 && s2 == s0 && s3 == s0 =>
        {
            [d0, d1, d2, d3, d4, d5, d6, d7, d8, d9]
        }
        _ => return None,
    };
    (d[0] == b'0' && d[1] != b'0' && d.iter().all(u8::is_ascii_digit)).then_some(d)
}

/// A number written with an overseas department's country code (`+262 262...`,
/// `+590 690...`): the territory's own fixed and mobile ranges, or a non-geographic or
/// special number (`08`, `09`), which keeps the code it was written with. Another
/// territory's range or a metropolitan fixed or mobile number is no number.
fn overseas(cc: &'static str, nsn: &[u8]) -> Result<Parsed, PhoneError> {
    let mut phone = french(nsn, false)?;
    match territory(nsn).0 {
        own if own == cc => Ok(phone),
        "33" if matches!(nsn[0], b'8' | b'9') => {
            phone.e164 = E164::of(&[cc.as_bytes(), nsn]);
            Ok(phone)
        }
        _ => Err(PhoneError::Invalid),
    }
}

fn foreign(rest: &[u8]) -> Result<Parsed, PhoneError> {
    for len in 1..=3 {
        if rest.len() <= len {
            break;
        }
        let (cc, nsn) = rest.split_at(len);
        if let Some(&(_, lo, hi)) = COUNTRIES.iter().find(|(c, _, _)| c.as_bytes() == cc) {
            // Some plans have national numbers that start with 0: Italy's landlines,
            // Côte d'Ivoire's and Benin's 10-digit numbers, Gabon's.
            let zero_ok = matches!(cc, b"39" | b"225" | b"229" | b"241");
            // North America: area code and exchange never start with 0 or 1.
            let nanp_ok = cc != b"1" || (nsn.len() == 10 && nsn[0] >= b'2' && nsn[3] >= b'2');
            if (lo..=hi).contains(&nsn.len()) && (nsn[0] != b'0' || zero_ok) && nanp_ok {
                return Ok(Parsed {
                    e164: E164::of(&[rest]),
                    kind: PhoneKind::Foreign,
                    flag: None,
                    zero_restored: false,
                });
            }
            return Err(PhoneError::Invalid);
        }
    }
    Err(PhoneError::Invalid)
}

/// A French national significant number (9 digits, without the trunk zero). Its
/// callers pass digits only.
fn french(nsn: &[u8], zero_restored: bool) -> Result<Parsed, PhoneError> {
    let Ok(nsn) = <&[u8; 9]>::try_from(nsn) else {
        return Err(PhoneError::Invalid);
    };
    debug_assert!(nsn.iter().all(u8::is_ascii_digit));
    // Saint-Pierre-et-Miquelon's six-digit numbers do not start with 0.
    if &nsn[..3] == SPM && nsn[3] == b'0' {
        return Err(PhoneError::Invalid);
    }
    let kind = match nsn[0] {
        b'1'..=b'5' => PhoneKind::Geographic,
        b'6' => PhoneKind::Mobile,
        b'7' if nsn[1] >= b'3' => PhoneKind::Mobile,
        b'8' => PhoneKind::Special,
        b'9' if nsn[1] == b'3' && (b'7'..=b'9').contains(&nsn[2]) => PhoneKind::Special,
        b'9' => PhoneKind::NonGeographic,
        _ => return Err(PhoneError::Invalid),
    };
    let flag = if PREFIX3[prefix3(nsn)] & MAY_FLAG != 0 {
        listed_flag(nsn)
    } else {
        None
    };
    let flag = flag.or_else(|| junk(nsn).then_some(PhoneFlag::Fiction));
    let (cc, subscriber) = territory(nsn);
    let e164 = match <&[u8; 9]>::try_from(subscriber) {
        Ok(nine) => E164::of_nine(cc, nine),
        Err(_) => E164::of(&[cc.as_bytes(), subscriber]),
    };
    Ok(Parsed {
        e164,
        kind,
        flag,
        zero_restored,
    })
}

/// The flag of a number whose first digits a call-centre or fiction range starts with
/// ([`MAY_FLAG`]): whether it is in one.
#[cold]
fn listed_flag(nsn: &[u8; 9]) -> Option<PhoneFlag> {
    let mut national = [b'0'; 10];
    national[1..].copy_from_slice(nsn);
    let starts = |p: &&str| national.starts_with(p.as_bytes());
    if CALL_CENTRE.iter().any(starts) || CALL_CENTRE_OVERSEAS.iter().any(starts) {
        Some(PhoneFlag::CallCentre)
    } else if FICTION.iter().any(starts) {
        Some(PhoneFlag::Fiction)
    } else {
        None
    }
}

/// One digit repeated after the first (`0666666666`), or a straight run (`0612345678`,
/// `0123456789`, `0987654321`).
fn junk(nsn: &[u8]) -> bool {
    let tail = &nsn[1..];
    if tail.iter().all(|&d| d == tail[0]) {
        return true;
    }
    // A run over the last eight digits, up or down (06 12 34 56 78, 06 98 76 54 32),
    // or over all nine (01 23 45 67 89).
    let up = tail.windows(2).all(|w| w[1] == w[0] + 1);
    let down = tail.windows(2).all(|w| w[0] == w[1] + 1);
    up || down
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(v: &str) -> String {
        parse(v).unwrap_or_else(|e| panic!("{v}: {e:?}")).e164
    }

    #[test]
    fn grouped_numbers_read_as_the_general_reading_does() {
        // Every two-digit start, with tails that make runs, repeats and plain numbers,
        // in each of the forms the fast path reads and some it leaves to the general one.
        let mut rng = crate::demo::Rng(0x9e37_79b9_7f4a_7c15);
        let mut checked = 0;
        for start in 0..100u64 {
            let mut tails = vec![
                "00000000".to_string(),
                "12345678".to_string(),
                "98765432".to_string(),
            ];
            tails.extend((0..30).map(|_| format!("{:08}", rng.next_u64() % 100_000_000)));
            for tail in tails {
                let d = format!("{start:02}{tail}");
                let pairs: Vec<&str> = (0..5).map(|i| &d[2 * i..2 * i + 2]).collect();
                let mut forms = vec![d.clone(), d[..9].to_string(), format!("{d}0")];
                for sep in [" ", ".", "-", "/", "  ", " - "] {
                    forms.push(pairs.join(sep));
                }
                forms.push(format!(
                    "{} {}.{}",
                    pairs[..3].join(" "),
                    pairs[3],
                    pairs[4]
                ));
                forms.push(format!(" {} ", pairs.join(" ")));
                for f in forms {
                    let fast = parse_inline(&f);
                    let general = parse_general(super::super::content::trim(&f));
                    assert_eq!(fast, general, "{f:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 30_000, "{checked}");
    }

    #[test]
    fn french_forms_share_one_canonical() {
        for v in [
            "06 12 34 56 70",
            "0612345670",
            "+33 6 12 34 56 70",
            "+33612345670",
            "06.12.34.56.70",
            "06-12-34-56-70",
            "+33 (0)6 12 34 56 70",
            "0033 6 12 34 56 70",
            "33612345670",
            "612345670",
            " 06 12 34 56 70 ",
        ] {
            assert_eq!(e164(v), "+33612345670", "{v}");
        }
        assert!(parse("612345670").unwrap().zero_restored);
        assert!(!parse("0612345670").unwrap().zero_restored);
    }

    #[test]
    fn kinds_and_flags() {
        let k = |v: &str| parse(v).map(|p| (p.kind, p.flag));
        assert_eq!(k("01 42 68 53 00"), Ok((PhoneKind::Geographic, None)));
        assert_eq!(k("07 81 23 45 67"), Ok((PhoneKind::Mobile, None)));
        assert_eq!(k("07 01 23 45 67"), Err(PhoneError::Invalid));
        assert_eq!(k("09 72 10 10 10"), Ok((PhoneKind::NonGeographic, None)));
        assert_eq!(k("08 00 12 34 56"), Ok((PhoneKind::Special, None)));
        assert_eq!(k("09 38 12 34 56"), Ok((PhoneKind::Special, None)));
        assert_eq!(
            k("01 62 12 34 56"),
            Ok((PhoneKind::Geographic, Some(PhoneFlag::CallCentre)))
        );
        assert_eq!(
            k("09 48 12 34 56"),
            Ok((PhoneKind::NonGeographic, Some(PhoneFlag::CallCentre)))
        );
        assert_eq!(
            k("09 47 51 23 45"),
            Ok((PhoneKind::NonGeographic, Some(PhoneFlag::CallCentre)))
        );
        assert_eq!(
            k("01 99 00 12 34"),
            Ok((PhoneKind::Geographic, Some(PhoneFlag::Fiction)))
        );
        assert_eq!(
            k("06 39 98 12 34"),
            Ok((PhoneKind::Mobile, Some(PhoneFlag::Fiction)))
        );
        assert_eq!(
            k("06 66 66 66 66"),
            Ok((PhoneKind::Mobile, Some(PhoneFlag::Fiction)))
        );
        assert_eq!(
            k("06 12 34 56 78"),
            Ok((PhoneKind::Mobile, Some(PhoneFlag::Fiction)))
        );
        assert_eq!(
            k("01 23 45 67 89"),
            Ok((PhoneKind::Geographic, Some(PhoneFlag::Fiction)))
        );
        assert_eq!(k("02 62 12 34 56"), Ok((PhoneKind::Geographic, None))); // Réunion
        assert_eq!(k("+262 262 12 34 56"), Ok((PhoneKind::Geographic, None)));
        assert_eq!(k("+590 690 12 34 56"), Ok((PhoneKind::Mobile, None)));
    }

    #[test]
    fn invalid_and_foreign() {
        for v in [
            "",
            "abc",
            "06 12 34 56",
            "06 12 34 56 78 90",
            "00 12 34 56 78",
            "0012",
            "+33 6 12",
            "tel: 0612345670",
            "+999 123456789",
        ] {
            assert!(parse(v).is_err(), "{v}");
        }
        let be = parse("+32 470 12 34 56").unwrap();
        assert_eq!(
            (be.kind, be.e164.as_str()),
            (PhoneKind::Foreign, "+32470123456")
        );
        assert_eq!(parse("0041 79 123 45 67").unwrap().e164, "+41791234567");
        assert_eq!(parse("+44 20 7946 0958").unwrap().kind, PhoneKind::Foreign);
        assert_eq!(parse("+1 (415) 555-2671").unwrap().e164, "+14155552671");
        assert!(parse("+44 20 79").is_err());
    }

    #[test]
    fn overseas_numbers_get_their_own_country_code() {
        for (v, want) in [
            ("0262 12 34 56", "+262262123456"), // Réunion, fixed
            ("0263 12 34 56", "+262263123456"),
            ("0692 12 34 56", "+262692123456"), // Réunion, mobile
            ("0693 12 34 56", "+262693123456"),
            ("+262 692 12 34 56", "+262692123456"),
            ("00262 692 12 34 56", "+262692123456"),
            ("+33 692 12 34 56", "+262692123456"), // written with the metropolitan code
            ("692123456", "+262692123456"),        // the zero eaten by a spreadsheet
            ("0269 61 12 34", "+262269611234"),    // Mayotte, fixed
            ("0639 26 27 28", "+262639262728"),    // Mayotte, mobile
            ("+262 639 26 27 28", "+262639262728"),
            ("0590 12 34 56", "+590590123456"), // Guadeloupe, fixed
            ("0690 12 34 56", "+590690123456"), // Guadeloupe, mobile
            ("0691 12 34 56", "+590691123456"),
            ("+590 590 12 34 56", "+590590123456"),
            ("0594 12 34 56", "+594594123456"), // Guiana
            ("0694 12 34 56", "+594694123456"),
            ("0596 12 34 56", "+596596123456"), // Martinique
            ("0696 12 34 56", "+596696123456"),
            ("0697 12 34 56", "+596697123456"),
            ("0508 41 23 45", "+508412345"), // Saint-Pierre-et-Miquelon
            ("+508 41 23 45", "+508412345"),
            // Metropolitan neighbours stay +33.
            ("0695 12 34 56", "+33695123456"),
            ("0264 12 34 56", "+33264123456"),
            ("0640 12 34 56", "+33640123456"),
        ] {
            assert_eq!(e164(v), want, "{v}");
        }
        // An overseas code followed by another territory's (or a metropolitan) number.
        for v in [
            "+262 612 34 56 70",
            "+590 262 12 34 56",
            "+596 690 12 34 56",
        ] {
            assert_eq!(parse(v), Err(PhoneError::Invalid), "{v}");
        }
        // Overseas VoIP (09 76...) keeps the code it was written with.
        assert_eq!(e164("+590 976 01 23 45"), "+590976012345");
        assert_eq!(e164("09 76 01 23 45"), "+33976012345");
    }
}
