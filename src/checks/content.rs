//! Cell content: spreadsheet formulas and sensitive data.

/// True if a spreadsheet would run the cell as a formula (CSV injection): it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return — except plain numbers
/// (`-12,5`, `+3.2`) and phone numbers (`+33 6 12 34 56 78`), and a lone dash.
pub fn is_formula(value: &str) -> bool {
    let b = value.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    match first {
        b'=' | b'@' | b'\t' | b'\r' => true,
        b'+' | b'-' => {
            let rest = &b[1..];
            if rest.iter().all(|&c| c == b'-' || c == b' ') {
                return false; // "-", "--", "- " placeholders
            }
            // Numbers and phone numbers: digits, spaces, separators, brackets only.
            !rest.iter().all(|&c| {
                c.is_ascii_digit() || matches!(c, b' ' | b'.' | b',' | b'(' | b')' | b'-' | b'/')
            })
        }
        _ => false,
    }
}

/// Neutralises a formula for a spreadsheet by prefixing `'`.
pub fn neutralise(value: &str) -> std::borrow::Cow<'_, str> {
    if is_formula(value) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// Families of sensitive data (GDPR art. 9 and 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sensitive {
    /// Health, disability, pregnancy.
    Health,
    /// Political opinions.
    Political,
    /// Religious or philosophical beliefs.
    Religious,
    /// Trade-union membership.
    Union,
    /// Racial or ethnic origin.
    Ethnic,
    /// Sex life or sexual orientation.
    Sexual,
    /// Offences and convictions.
    Offence,
}

impl Sensitive {
    /// A stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Sensitive::Health => "health",
            Sensitive::Political => "political",
            Sensitive::Religious => "religious",
            Sensitive::Union => "union",
            Sensitive::Ethnic => "ethnic",
            Sensitive::Sexual => "sexual",
            Sensitive::Offence => "offence",
        }
    }
}

/// Folded words (lower-case ASCII, no accents) and two-word phrases that reveal
/// sensitive data (GDPR art. 9 and 10). Chosen to be unambiguous in a marketing
/// file's free text: a word that is also everyday French (`politique`, `enceinte`,
/// `syndicat`, `race`, `detenu`, `gay`, `conviction`) only counts inside a phrase.
const TERMS: &[(&str, Sensitive)] = &[
    ("maladie", Sensitive::Health),
    ("malade", Sensitive::Health),
    ("cancer", Sensitive::Health),
    ("diabete", Sensitive::Health),
    ("diabetique", Sensitive::Health),
    ("handicap", Sensitive::Health),
    ("handicape", Sensitive::Health),
    ("handicapee", Sensitive::Health),
    ("invalidite", Sensitive::Health),
    ("femme enceinte", Sensitive::Health),
    ("enceinte de", Sensitive::Health),
    ("conge maternite", Sensitive::Health),
    ("de maternite", Sensitive::Health),
    ("est enceinte", Sensitive::Health),
    ("grossesse", Sensitive::Health),
    ("vih", Sensitive::Health),
    ("sida", Sensitive::Health),
    ("seropositif", Sensitive::Health),
    ("seropositive", Sensitive::Health),
    ("depression", Sensitive::Health),
    ("alzheimer", Sensitive::Health),
    ("parkinson", Sensitive::Health),
    ("alcoolique", Sensitive::Health),
    ("toxicomane", Sensitive::Health),
    ("chimiotherapie", Sensitive::Health),
    ("hospitalise", Sensitive::Health),
    ("hospitalisee", Sensitive::Health),
    ("asthmatique", Sensitive::Health),
    ("obese", Sensitive::Health),
    ("epileptique", Sensitive::Health),
    ("epilepsie", Sensitive::Health),
    ("allergique", Sensitive::Health),
    ("traitement medical", Sensitive::Health),
    ("dossier medical", Sensitive::Health),
    ("sante mentale", Sensitive::Health),
    ("psychiatrique", Sensitive::Health),
    ("psychiatrie", Sensitive::Health),
    ("schizophrene", Sensitive::Health),
    ("bipolaire", Sensitive::Health),
    ("donnees genetiques", Sensitive::Health),
    ("donnee genetique", Sensitive::Health),
    ("adn", Sensitive::Health),
    ("test adn", Sensitive::Health),
    ("biometrie", Sensitive::Health),
    ("biometrique", Sensitive::Health),
    ("empreinte digitale", Sensitive::Health),
    ("reconnaissance faciale", Sensitive::Health),
    ("disease", Sensitive::Health),
    ("diabetes", Sensitive::Health),
    ("diabetic", Sensitive::Health),
    ("disabled", Sensitive::Health),
    ("disability", Sensitive::Health),
    ("pregnant", Sensitive::Health),
    ("pregnancy", Sensitive::Health),
    ("hiv", Sensitive::Health),
    ("mental health", Sensitive::Health),
    ("medical condition", Sensitive::Health),
    ("medical record", Sensitive::Health),
    ("genetic data", Sensitive::Health),
    ("biometric", Sensitive::Health),
    ("fingerprint", Sensitive::Health),
    ("opinion politique", Sensitive::Political),
    ("parti politique", Sensitive::Political),
    ("engagement politique", Sensitive::Political),
    ("appartenance politique", Sensitive::Political),
    ("sympathisant", Sensitive::Political),
    ("sympathisante", Sensitive::Political),
    ("militant", Sensitive::Political),
    ("militante", Sensitive::Political),
    ("electeur", Sensitive::Political),
    ("electrice", Sensitive::Political),
    ("vote pour", Sensitive::Political),
    ("votes for", Sensitive::Political),
    ("political opinion", Sensitive::Political),
    ("political party", Sensitive::Political),
    ("religion", Sensitive::Religious),
    ("religieux", Sensitive::Religious),
    ("religieuse", Sensitive::Religious),
    ("musulman", Sensitive::Religious),
    ("musulmane", Sensitive::Religious),
    ("catholique", Sensitive::Religious),
    ("protestant", Sensitive::Religious),
    ("protestante", Sensitive::Religious),
    ("juif", Sensitive::Religious),
    ("juive", Sensitive::Religious),
    ("bouddhiste", Sensitive::Religious),
    ("athee", Sensitive::Religious),
    ("hindou", Sensitive::Religious),
    ("ramadan", Sensitive::Religious),
    ("casher", Sensitive::Religious),
    ("halal", Sensitive::Religious),
    ("mosquee", Sensitive::Religious),
    ("synagogue", Sensitive::Religious),
    ("muslim", Sensitive::Religious),
    ("jewish", Sensitive::Religious),
    ("catholic", Sensitive::Religious),
    ("religious", Sensitive::Religious),
    ("atheist", Sensitive::Religious),
    ("buddhist", Sensitive::Religious),
    ("hindu", Sensitive::Religious),
    ("syndique", Sensitive::Union),
    ("syndiquee", Sensitive::Union),
    ("delegue syndical", Sensitive::Union),
    ("deleguee syndicale", Sensitive::Union),
    ("representant syndical", Sensitive::Union),
    ("representante syndicale", Sensitive::Union),
    ("mandat syndical", Sensitive::Union),
    ("appartenance syndicale", Sensitive::Union),
    ("cgt", Sensitive::Union),
    ("cfdt", Sensitive::Union),
    ("force ouvriere", Sensitive::Union),
    ("trade union", Sensitive::Union),
    ("union member", Sensitive::Union),
    ("origine ethnique", Sensitive::Ethnic),
    ("origine raciale", Sensitive::Ethnic),
    ("ethnie", Sensitive::Ethnic),
    ("ethnique", Sensitive::Ethnic),
    ("ethnicity", Sensitive::Ethnic),
    ("ethnic", Sensitive::Ethnic),
    ("racial origin", Sensitive::Ethnic),
    ("homosexuel", Sensitive::Sexual),
    ("homosexuelle", Sensitive::Sexual),
    ("lesbienne", Sensitive::Sexual),
    ("bisexuel", Sensitive::Sexual),
    ("bisexuelle", Sensitive::Sexual),
    ("orientation sexuelle", Sensitive::Sexual),
    ("vie sexuelle", Sensitive::Sexual),
    ("transgenre", Sensitive::Sexual),
    ("lgbt", Sensitive::Sexual),
    ("lgbtq", Sensitive::Sexual),
    ("homosexual", Sensitive::Sexual),
    ("lesbian", Sensitive::Sexual),
    ("bisexual", Sensitive::Sexual),
    ("transgender", Sensitive::Sexual),
    ("sexual orientation", Sensitive::Sexual),
    ("sex life", Sensitive::Sexual),
    ("casier judiciaire", Sensitive::Offence),
    ("condamne", Sensitive::Offence),
    ("condamnee", Sensitive::Offence),
    ("condamnation", Sensitive::Offence),
    ("incarcere", Sensitive::Offence),
    ("incarceree", Sensitive::Offence),
    ("ancien detenu", Sensitive::Offence),
    ("ex detenu", Sensitive::Offence),
    ("prison", Sensitive::Offence),
    ("infraction", Sensitive::Offence),
    ("criminal record", Sensitive::Offence),
    ("convicted", Sensitive::Offence),
];

/// Word pairs where a term's word means something else (the star sign).
const EXCEPTIONS: &[(&str, &str)] = &[
    ("astrologique", "cancer"),
    ("signe", "cancer"),
    ("ascendant", "cancer"),
];

/// More terms for column names only: in free text they are too common.
const HEADER_TERMS: &[(&str, Sensitive)] = &[
    ("sante", Sensitive::Health),
    ("pathologie", Sensitive::Health),
    ("groupe sanguin", Sensitive::Health),
    ("antecedents medicaux", Sensitive::Health),
    ("medical", Sensitive::Health),
    ("religion", Sensitive::Religious),
    ("confession", Sensitive::Religious),
    ("syndicat", Sensitive::Union),
    ("handicap", Sensitive::Health),
];

/// `str::trim`, without decoding characters when both ends are plain ASCII (most cells).
#[inline]
pub fn trim(v: &str) -> &str {
    let b = v.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) if (b'!'..0x80).contains(&f) && (b'!'..0x80).contains(&l) => v,
        _ => v.trim(),
    }
}

/// `value.trim().is_empty()`, without decoding characters for the usual cell that starts
/// with an ASCII letter or digit (a hot path: several calls per cell).
#[inline]
pub fn is_blank(value: &str) -> bool {
    for &b in value.as_bytes() {
        match b {
            // The ASCII characters `char::is_whitespace` accepts (with VT, unlike
            // `u8::is_ascii_whitespace`).
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => {}
            0x80.. => return value.trim().is_empty(),
            _ => return false,
        }
    }
    true
}

/// Folds text for matching: lower-case ASCII letters and digits, accents removed,
/// every other run of characters one space, with a space at both ends.
pub fn fold_words(text: &str, out: &mut String) {
    out.clear();
    fold_words_append(text, out);
}

/// `s` lower-cased into `buf`, when it is ASCII and fits (short keys on the hot paths,
/// without allocating); `None` otherwise.
pub(crate) fn ascii_lower<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    std::str::from_utf8(ascii_lower_bytes(s, buf)?).ok()
}

/// [`ascii_lower`] as bytes, for a search that reads bytes (no UTF-8 check).
pub(crate) fn ascii_lower_bytes<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..s.len()).filter(|_| s.is_ascii())?;
    for (l, b) in out.iter_mut().zip(s.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    Some(out)
}

/// [`fold_words`] without clearing `out` first: appends ` word word `, with no
/// doubled space where it meets what `out` already ends with.
pub fn fold_words_append(text: &str, out: &mut String) {
    if !out.ends_with(' ') {
        out.push(' ');
    }
    // Whether `out` ends with a space.
    let mut space = true;
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        let mut any = false;
        for b in crate::roles::fold_char(c).bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase() as char);
                any = true;
                space = false;
            }
        }
        if !any && !space {
            out.push(' ');
            space = true;
        }
    }
    if !space {
        out.push(' ');
    }
}

/// The terms split into single words and two-word phrases, sorted for binary search.
struct TermIndex {
    words: Vec<(&'static str, Sensitive)>,
    phrases: Vec<(&'static str, &'static str, Sensitive)>,
    /// Which two-byte starts begin a term's (or a phrase's first) word: most words of
    /// a text are ruled out without a search.
    starts: [u64; 16],
}

fn start_bit(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    (b.len() >= 2).then(|| usize::from(b[0] & 31) * 32 + usize::from(b[1] & 31))
}

impl TermIndex {
    fn new(lists: &[&'static [(&'static str, Sensitive)]]) -> TermIndex {
        let mut words = Vec::new();
        let mut phrases = Vec::new();
        for list in lists {
            for &(term, fam) in *list {
                match term.split_once(' ') {
                    None => words.push((term, fam)),
                    Some((a, b)) => phrases.push((a, b, fam)),
                }
            }
        }
        words.sort_unstable_by_key(|w| w.0);
        phrases.sort_unstable_by_key(|p| (p.0, p.1));
        let mut starts = [0u64; 16];
        for w in words.iter().map(|w| w.0).chain(phrases.iter().map(|p| p.0)) {
            if let Some(bit) = start_bit(w) {
                starts[bit / 64] |= 1 << (bit % 64);
            }
        }
        TermIndex {
            words,
            phrases,
            starts,
        }
    }

    fn may_start(&self, w: &str) -> bool {
        start_bit(w).is_some_and(|bit| self.starts[bit / 64] & (1 << (bit % 64)) != 0)
    }

    fn word(&self, w: &str) -> Option<Sensitive> {
        if !self.may_start(w) {
            return None;
        }
        self.words
            .binary_search_by(|t| t.0.cmp(w))
            .ok()
            .map(|i| self.words[i].1)
    }

    fn phrase(&self, a: &str, b: &str) -> Option<Sensitive> {
        if !self.may_start(a) {
            return None;
        }
        self.phrases
            .binary_search_by(|t| (t.0, t.1).cmp(&(a, b)))
            .ok()
            .map(|i| self.phrases[i].2)
    }

    /// The first family (in text order) whose term appears as whole words, plurals
    /// (`-s`, `-x`) read as singulars.
    fn find(&self, folded: &str) -> Option<Sensitive> {
        if folded.len() < 4 {
            return None;
        }
        let mut prev: Option<&str> = None;
        for word in folded.split(' ').filter(|w| !w.is_empty()) {
            let single = singular(word);
            let excepted = prev.is_some_and(|p| EXCEPTIONS.contains(&(p, word)));
            if let Some(f) = self
                .word(word)
                .or_else(|| single.and_then(|w| self.word(w)))
            {
                if !excepted {
                    return Some(f);
                }
            }
            if let Some(p) = prev {
                for a in [Some(p), singular(p)].into_iter().flatten() {
                    for b in [Some(word), single].into_iter().flatten() {
                        if let Some(f) = self.phrase(a, b) {
                            return Some(f);
                        }
                    }
                }
            }
            prev = Some(word);
        }
        None
    }
}

/// The word without a plural `-s` or `-x`, if it has one.
fn singular(w: &str) -> Option<&str> {
    (w.len() > 3 && (w.ends_with('s') || w.ends_with('x'))).then(|| &w[..w.len() - 1])
}

fn text_index() -> &'static TermIndex {
    static INDEX: std::sync::OnceLock<TermIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| TermIndex::new(&[TERMS]))
}

fn header_index() -> &'static TermIndex {
    static INDEX: std::sync::OnceLock<TermIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| TermIndex::new(&[TERMS, HEADER_TERMS]))
}

/// The first sensitive family (in text order) whose term appears as whole words in
/// `folded` (made by [`fold_words`]). Terms are one or two words.
pub fn sensitive_in(folded: &str) -> Option<Sensitive> {
    text_index().find(folded)
}

/// Like [`sensitive`], for a column name: a few more words count there (`Santé`,
/// `Pathologie`, `Groupe sanguin`).
pub fn sensitive_header(name: &str) -> Option<Sensitive> {
    let mut s = String::with_capacity(name.len() + 2);
    fold_words(name, &mut s);
    header_index().find(&s)
}

/// Convenience: folds and looks for a sensitive term.
pub fn sensitive(text: &str) -> Option<Sensitive> {
    let mut s = String::with_capacity(text.len() + 2);
    fold_words(text, &mut s);
    sensitive_in(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas() {
        for v in [
            "=1+1",
            "=HYPERLINK(\"http://x\")",
            "@SUM(A1)",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "\t=1",
            "\rx",
            "+A1",
            "-foo",
        ] {
            assert!(is_formula(v), "{v:?}");
        }
        for v in [
            "",
            "-",
            "--",
            "+33 6 12 34 56 78",
            "+33 (0)6 12 34 56 78",
            "-12,5",
            "+3.2",
            "-1",
            "jean@x.fr",
            "12=12",
            "a+b",
        ] {
            assert!(!is_formula(v), "{v:?}");
        }
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("Dupont"), "Dupont");
    }

    #[test]
    fn sensitive_terms() {
        assert_eq!(
            sensitive("Client diabétique, rappeler"),
            Some(Sensitive::Health)
        );
        assert_eq!(sensitive("syndiqué CGT"), Some(Sensitive::Union));
        assert_eq!(sensitive("Opinions politiques"), Some(Sensitive::Political));
        assert_eq!(sensitive("politique de confidentialité"), None);
        assert_eq!(sensitive("enceinte bluetooth"), None);
        assert_eq!(sensitive("rue Gay-Lussac"), None);
        assert_eq!(sensitive_header("État de santé"), Some(Sensitive::Health));
        assert_eq!(sensitive("état de santé"), None);
        assert_eq!(
            sensitive("Pratiquante, ne pas appeler pendant le Ramadan"),
            Some(Sensitive::Religious)
        );
        assert_eq!(sensitive("Casier judiciaire"), Some(Sensitive::Offence));
        assert_eq!(
            sensitive("Orientation sexuelle: gay"),
            Some(Sensitive::Sexual)
        );
        assert_eq!(sensitive("HANDICAPÉE"), Some(Sensitive::Health));
        assert_eq!(
            sensitive("Suivi psychiatrique en cours"),
            Some(Sensitive::Health)
        );
        assert_eq!(sensitive("Rappeler lundi, intéressée par l'offre"), None);
        assert_eq!(sensitive("Place de l'Église"), None);
        assert_eq!(sensitive("racines"), None); // "race" only as a whole word
        assert_eq!(sensitive("Prisonnier"), None);
        assert_eq!(sensitive(""), None);
    }
}

/// Whether `bytes` (valid UTF-8, or valid UTF-8 strings one after the other) hold a
/// character [`has_control`] refuses, read byte by byte: a C0 control other than tab,
/// CR and LF, DEL, or the three bytes of U+202A-U+202E (`E2 80 AA-AE`) or U+2066-U+2069
/// (`E2 81 A6-A9`). Strings put one after the other cannot make a sequence across
/// their boundary: a string does not end with a lead byte.
///
/// A whole row is read at once, 64 bytes at a time, by a branch-free screen the
/// compiler vectorises (a byte below 0x20, DEL or 0xE2); only a block the screen stops
/// at (a tab, a typographic apostrophe `E2 80 99`...) is read again byte by byte.
pub fn bytes_have_control(bytes: &[u8]) -> bool {
    const BLOCK: usize = 64;
    let screen = |c: u8| (c < 0x20) | (c == 0x7f) | (c == 0xe2);
    let screen_block = |block: &[u8; BLOCK]| {
        let mut seen = false;
        for &c in block {
            seen |= screen(c);
        }
        seen
    };
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut from = 0;
    for block in &mut blocks {
        if block.try_into().is_ok_and(screen_block) && refused_in(bytes, from, from + BLOCK) {
            return true;
        }
        from += BLOCK;
    }
    // The last bytes in a block padded with spaces, screened the same way.
    let rest = blocks.remainder();
    let mut last = [b' '; BLOCK];
    last[..rest.len()].copy_from_slice(rest);
    screen_block(&last) && refused_in(bytes, from, bytes.len())
}

/// Whether a character [`bytes_have_control`] refuses starts at a position of
/// `bytes[from..to]` (its continuation bytes may lie past `to`).
fn refused_in(bytes: &[u8], from: usize, to: usize) -> bool {
    (from..to).any(|i| match bytes[i] {
        0x7f => true,
        b'\t' | b'\n' | b'\r' => false,
        c if c < 0x20 => true,
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

/// Whether a cell holds a character that has no business in a contact file: a C0
/// control other than tab, CR and LF (NUL, escape...), DEL, or a bidirectional override
/// or isolate (U+202A-U+202E, U+2066-U+2069), which makes text display in another order
/// than it is stored (`Trojan Source`-style spoofing of names and addresses).
pub fn has_control(cell: &str) -> bool {
    bytes_have_control(cell.as_bytes())
}

/// The character-by-character definition [`has_control`] reads from the bytes (tests).
#[cfg(test)]
fn has_control_chars(cell: &str) -> bool {
    cell.chars().any(|c| {
        (c < ' ' && !matches!(c, '\t' | '\r' | '\n'))
            || c == '\u{7f}'
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

#[cfg(test)]
mod control_tests {
    use super::{bytes_have_control, has_control, has_control_chars, is_blank, trim};

    #[test]
    fn bytes_have_control_sees_every_position() {
        // Each refused character at every position of rows of every length around the
        // 64-byte blocks, and characters that look alike in their first bytes.
        let refused = [
            "\0", "\u{1f}", "\u{7f}", "\u{202a}", "\u{202e}", "\u{2066}", "\u{2069}",
        ];
        let kept = [
            "\t", "\r", "\n", "\u{2019}", "\u{2029}", "\u{202f}", "\u{2065}", "\u{206a}", "é", "€",
        ];
        for len in 1..140 {
            for pos in 0..len {
                for (list, want) in [(&refused[..], true), (&kept[..], false)] {
                    for ch in list {
                        let row = format!("{}{ch}{}", "a".repeat(pos), "a".repeat(len - pos - 1));
                        assert_eq!(
                            bytes_have_control(row.as_bytes()),
                            want,
                            "{len} {pos} {ch:?}"
                        );
                        assert_eq!(has_control(&row), has_control_chars(&row), "{row:?}");
                    }
                }
            }
        }
        assert!(!bytes_have_control(b""));
    }

    #[test]
    fn has_control_agrees_with_its_definition_on_every_character() {
        // Every scalar value alone, and between letters.
        for u in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let alone = u.to_string();
            assert_eq!(has_control(&alone), has_control_chars(&alone), "{u:?}");
            let framed = format!("ab{u}cd");
            assert_eq!(has_control(&framed), has_control_chars(&framed), "{u:?}");
        }
    }

    #[test]
    fn is_blank_agrees_with_trim() {
        for v in [
            "",
            " ",
            "\t\r\n",
            "\u{b}\u{c}",
            "\u{a0}",
            " \u{2003} ",
            "\u{85}",
            "a",
            " a ",
            "\u{a0}x",
            "é",
            " é",
            "\u{1c}",
            "\u{feff}",
        ] {
            assert_eq!(is_blank(v), v.trim().is_empty(), "{v:?}");
        }
    }

    #[test]
    fn trim_agrees_with_str_trim() {
        for v in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\r",
            "\u{a0}a",
            "a\u{a0}",
            "é",
            " é ",
            "a\u{2003}",
            "\u{85}a",
            "!",
            "~",
            "\u{7f}",
            "a b",
            "\u{b}a\u{c}",
            "\u{1c}a",
            "a\u{feff}",
        ] {
            assert_eq!(trim(v), v.trim(), "{v:?}");
        }
    }

    #[test]
    fn control_characters() {
        for v in [
            "Du\0pont",
            "a\u{1b}[31m",
            "x\u{7f}",
            "abc\u{202e}fed",
            "\u{2066}x\u{2069}",
        ] {
            assert!(has_control(v), "{v:?}");
        }
        for v in ["Dupont", "12 rue\r\nBât. A", "a\tb", "l’été – 2 €", "Ōsaka"] {
            assert!(!has_control(v), "{v:?}");
        }
    }
}
