//! Person names: placeholders, test values and fictional characters.

use super::content::fold_words;

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
fn fake_value(folded: &str) -> bool {
    let v = folded.trim();
    if v.is_empty() {
        return false;
    }
    if FAKE_VALUES.contains(&v) {
        return true;
    }
    let letters: Vec<u8> = v.bytes().filter(u8::is_ascii_alphanumeric).collect();
    if letters.len() >= 3 && letters.iter().all(|&c| c == letters[0]) {
        return true;
    }
    // Digits in a name are a sign of junk.
    if letters.iter().any(u8::is_ascii_digit) {
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
    let mut parts: Vec<String> = Vec::with_capacity(3);
    // "?", "-", "...": something was typed, and it is no name.
    let typed_nothing = |v: &str| !v.trim().is_empty() && !v.chars().any(char::is_alphanumeric);
    if [first, last, full].into_iter().flatten().any(typed_nothing) {
        return true;
    }
    for v in [first, last, full].into_iter().flatten() {
        fold_words(v, scratch);
        let f = scratch.trim().to_string();
        if !f.is_empty() {
            parts.push(f);
        }
    }
    if parts.iter().any(|p| fake_value(p)) {
        return true;
    }
    // Whole name, in either order: "first last", "LAST First" (one column or two).
    let joined = parts.join(" ");
    let words: Vec<&str> = joined.split(' ').collect();
    let reversed = words.iter().rev().copied().collect::<Vec<_>>().join(" ");
    if FICTIONAL.iter().any(|n| *n == joined || *n == reversed) {
        return true;
    }
    if let Some(label) = email_domain_label {
        let label = label.to_ascii_lowercase().replace(['-', '_', '.'], " ");
        // A Mr Orange may use orange.fr: webmail names do not count.
        let webmail = ["fr", "com", "net", "de"]
            .iter()
            .any(|tld| crate::data::is_webmail(&format!("{label}.{tld}")));
        if label.len() >= 3 && parts.contains(&label) && !webmail {
            return true;
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
