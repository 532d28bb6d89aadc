//! Person names: placeholders, test values and fictional characters.

use super::content::fold_words_append;

/// Placeholders and test values (folded, whole value).
const FAKE_VALUES: &[&str] = &[
    "test",
    "tests",
    "testing",
    "essai",
    "essais",
    "xxx",
    "xx",
    "x",
    "aaa",
    "aa",
    "asdf",
    "qwerty",
    "azerty",
    "toto",
    "titi",
    "tata",
    "foo",
    "foobar",
    "nom",
    "prenom",
    "name",
    "firstname",
    "lastname",
    "inconnu",
    "inconnue",
    "unknown",
    "n a",
    "null",
    "none",
    "nil",
    "undefined",
    "vide",
    "rien",
    "anonyme",
    "anonymous",
    "client",
    "prospect",
    "contact",
    "mr x",
    "mme x",
    "m x",
    "monsieur x",
    "madame x",
    "xyz",
    "abc",
    "sans nom",
    "no name",
    "noname",
    "demo",
    "exemple",
    "example",
    "sample",
    "dummy",
    "fake",
    "blabla",
    "bidon",
    "qsdf",
    "qsdfgh",
    "azer",
    "wxcv",
    "wxcvbn",
    "azertyuiop",
    "nc",
    "n c",
    "nr",
    "n r",
    "neant",
    "non renseigne",
    "non renseignee",
    "non communique",
    "non communiquee",
];

/// Fictional characters and textbook fake names (folded, whole value, either order).
const FICTIONAL: &[&str] = &[
    "mickey mouse",
    "minnie mouse",
    "donald duck",
    "harry potter",
    "pere noel",
    "papa noel",
    "santa claus",
    "john doe",
    "jane doe",
    "john smith",
    "james bond",
    "homer simpson",
    "bart simpson",
    "luke skywalker",
    "dark vador",
    "darth vader",
    "asterix",
    "obelix",
    "tintin",
    "spider man",
    "bat man",
    "batman",
    "superman",
    "bob l eponge",
    "sherlock holmes",
    "jean dupont test",
    "test test",
    "pikachu",
    "mario bros",
];

/// True if the folded whole value is a placeholder, a keyboard run or one letter repeated.
pub(crate) fn fake_value(folded: &str) -> bool {
    let v = folded.trim();
    if v.is_empty() {
        return false;
    }
    // One hash instead of a binary search's string comparisons (every name is looked up),
    // and most names not even hashed: no placeholder has their length and first letter.
    static SET: std::sync::OnceLock<(
        crate::rules::FxMap<&'static str, ()>,
        crate::rules::LenFirst,
    )> = std::sync::OnceLock::new();
    let (set, filter) = SET.get_or_init(|| {
        (
            FAKE_VALUES.iter().map(|&f| (f, ())).collect(),
            crate::rules::LenFirst::of(FAKE_VALUES),
        )
    });
    if filter.may_hold(v.as_bytes()) && set.contains_key(v) {
        return true;
    }
    // Digits in a name are a sign of junk.
    if v.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let mut letters = v.bytes().filter(u8::is_ascii_alphanumeric);
    let first = letters.next();
    let count = 1 + letters.clone().count();
    if count >= 3 && letters.all(|c| Some(c) == first) {
        return true;
    }
    v.starts_with("test ") || v.ends_with(" test")
}

/// Checks the name fields of a row. `email_domain_label` is the email domain's main
/// label (`dupont-sa` for `x@dupont-sa.fr`) when the row has one. Returns true if
/// the name looks fake.
pub fn looks_fake(
    first: Option<&str>,
    last: Option<&str>,
    full: Option<&str>,
    email_domain_label: Option<&str>,
    scratch: &mut String,
) -> bool {
    // "?", "-", "...": something was typed, and it is no name.
    let typed_nothing = |v: &str| !v.trim().is_empty() && !v.chars().any(char::is_alphanumeric);
    if [first, last, full].into_iter().flatten().any(typed_nothing) {
        return true;
    }
    // Fold every part into `scratch`, one after the other: " jean dupont ".
    scratch.clear();
    let mut ranges = [(0usize, 0usize); 3];
    let mut n = 0;
    for v in [first, last, full].into_iter().flatten() {
        let start = scratch.len();
        fold_words_append(v, scratch);
        let folded = &scratch[start..];
        let part = folded.trim();
        if !part.is_empty() {
            // Where the trimmed part starts: after the leading whitespace.
            let s = start + (folded.len() - folded.trim_start().len());
            ranges[n] = (s, s + part.len());
            n += 1;
        }
    }
    looks_fake_folded(scratch, &ranges[..n], email_domain_label)
}

/// [`looks_fake`] on names already folded: `folded` is the parts folded one after
/// the other (` jean dupont `), `parts` their trimmed byte ranges in it (the parts with
/// a letter or a digit), and nothing else in `folded` but spaces.
pub(crate) fn looks_fake_folded(
    folded: &str,
    parts: &[(usize, usize)],
    email_domain_label: Option<&str>,
) -> bool {
    parts.iter().any(|&(a, b)| fake_value(&folded[a..b]))
        || looks_fake_whole(folded, parts, email_domain_label)
}

/// [`looks_fake_folded`] but for its parts one by one ([`fake_value`]): the whole name a
/// fictional character's, in either order, or a part the email domain's name.
pub(crate) fn looks_fake_whole(
    folded: &str,
    parts: &[(usize, usize)],
    email_domain_label: Option<&str>,
) -> bool {
    // Whole name, in either order: "first last", "LAST First" (one column or two).
    // Only spaces surround the folded parts.
    let joined = folded.trim_matches(' ');
    // Both orders of every fictional name, hashed once; most names are not even hashed:
    // no fictional name has their length and first letter.
    static SET: std::sync::OnceLock<(crate::rules::FxMap<Box<str>, ()>, crate::rules::LenFirst)> =
        std::sync::OnceLock::new();
    let (set, filter) = SET.get_or_init(|| {
        let mut both: Vec<String> = Vec::new();
        for &f in FICTIONAL {
            both.push(f.to_string());
            // "mouse mickey"; a longer name turns at its first space ("l eponge bob").
            if let Some((a, b)) = f.split_once(' ') {
                both.push(format!("{b} {a}"));
            }
        }
        let words: Vec<&str> = both.iter().map(String::as_str).collect();
        let filter = crate::rules::LenFirst::of(&words);
        (
            both.iter().map(|f| (f.as_str().into(), ())).collect(),
            filter,
        )
    });
    if filter.may_hold(joined.as_bytes()) && set.contains_key(joined) {
        return true;
    }
    if let Some(label) = email_domain_label {
        // A Mr Orange may use orange.fr: webmail names do not count.
        if label.len() >= 3 && !crate::data::is_webmail_label(label) {
            let same = |part: &str| {
                part.len() == label.len()
                    && part.bytes().zip(label.bytes()).all(|(p, l)| {
                        p == l.to_ascii_lowercase()
                            || (p == b' ' && matches!(l, b'-' | b'_' | b'.'))
                    })
            };
            if parts.iter().any(|&(a, b)| same(&folded[a..b])) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake(first: &str, last: &str) -> bool {
        let mut s = String::new();
        looks_fake(Some(first), Some(last), None, None, &mut s)
    }

    #[test]
    fn fakes() {
        for (f, l) in [
            ("Test", "Dupont"),
            ("Jean", "TEST"),
            ("xxx", "yyy"),
            ("Mickey", "Mouse"),
            ("Mouse", "Mickey"),
            ("Bob", "L'Éponge"),
            ("L'éponge", "BOB"),
            ("aaaa", "Martin"),
            ("Jean", "Dupont2"),
            ("Père", "Noël"),
            ("John", "Doe"),
            ("asdf", "qwerty"),
            ("Inconnu", ""),
        ] {
            assert!(fake(f, l), "{f} {l}");
        }
        for (f, l) in [
            ("Jean", "Dupont"),
            ("Anaïs", "Martin"),
            ("Marie-Claire", "Le Gall"),
            ("Ly", "Ng"),
            ("Bernard", "Testud"),
            ("Éloïse", "N'Diaye"),
            ("", ""),
        ] {
            assert!(!fake(f, l), "{f} {l}");
        }
        let mut s = String::new();
        assert!(looks_fake(None, Some("Acme"), None, Some("acme"), &mut s));
        assert!(looks_fake(None, None, Some("Harry Potter"), None, &mut s));
    }
}
