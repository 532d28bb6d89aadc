//! The rule registry: every finding code with its category, severity, effect on the
//! row and its explanation in French and English.
//!
//! One place declares each rule. The report and the page show this text; a test
//! fails if a rule lacks documentation or a code is declared twice.

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For information.
    Info,
    /// Worth a look.
    Warning,
    /// A real problem.
    Error,
}

/// What a row-level finding does to the row's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowEffect {
    /// Nothing (informational, or a file-level rule).
    None,
    /// The row needs a look: status `review`.
    Review,
    /// The row cannot be used: status `reject`.
    Reject,
}

/// Whether a rule is about the file or about a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The file as a whole.
    File,
    /// One data row.
    Row,
}

/// Text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// French.
    pub fr: &'static str,
}

/// One rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable code, `family.name`.
    pub code: &'static str,
    /// The family (`csv`, `encoding`...).
    pub category: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// What it does to a row.
    pub effect: RowEffect,
    /// File or row.
    pub scope: Scope,
    /// One line.
    pub summary: Text,
    /// What it checks.
    pub what: Text,
    /// Why it matters.
    pub why: Text,
    /// What to do.
    pub todo: Text,
}

macro_rules! t {
    ($en:expr, $fr:expr) => {
        Text { en: $en, fr: $fr }
    };
}

/// Every rule, sorted by code.
pub static RULES: &[Rule] = &[
    Rule {
        code: "csv.blank_row",
        category: "csv",
        severity: Severity::Info,
        effect: RowEffect::Reject,
        scope: Scope::Row,
        summary: t!("Row with only empty fields", "Ligne dont tous les champs sont vides"),
        what: t!(
            "A record whose fields are all empty or blank.",
            "Un enregistrement dont tous les champs sont vides ou blancs."
        ),
        why: t!(
            "It holds no contact and is counted in the file's size and price.",
            "Il ne contient aucun contact mais compte dans la taille et le prix du fichier."
        ),
        todo: t!(
            "Nothing to do; do not pay for these rows.",
            "Rien à faire ; ne payez pas ces lignes."
        ),
    },
    Rule {
        code: "csv.empty",
        category: "csv",
        severity: Severity::Error,
        effect: RowEffect::None,
        scope: Scope::File,
        summary: t!("The file is empty", "Le fichier est vide"),
        what: t!(
            "The file has no bytes, or only blank lines.",
            "Le fichier ne contient aucun octet, ou seulement des lignes vides."
        ),
        why: t!(
            "There is nothing to audit.",
            "Il n'y a rien à auditer."
        ),
        todo: t!(
            "Ask the seller for the actual export.",
            "Demandez au vendeur le véritable export."
        ),
    },
    Rule {
        code: "csv.field_too_long",
        category: "csv",
        severity: Severity::Warning,
        effect: RowEffect::Review,
        scope: Scope::Row,
        summary: t!("Field longer than 64 KiB, truncated", "Champ de plus de 64 Kio, tronqué"),
        what: t!(
            "A single field longer than 65,536 bytes; tamis keeps its first 65,536 bytes.",
            "Un champ de plus de 65 536 octets ; tamis n'en garde que les 65 536 premiers."
        ),
        why: t!(
            "No contact field is that long: usually a quote that was never closed or a broken export.",
            "Aucun champ de contact n'est aussi long : souvent un guillemet jamais fermé ou un export cassé."
        ),
        todo: t!(
            "Open the row in a text editor and ask the seller for a clean export.",
            "Ouvrez la ligne dans un éditeur de texte et demandez un export propre au vendeur."
        ),
    },
    Rule {
        code: "csv.header_only",
        category: "csv",
        severity: Severity::Error,
        effect: RowEffect::None,
        scope: Scope::File,
        summary: t!("Header but no data rows", "En-tête sans aucune ligne de données"),
        what: t!(
            "The file has a header line and no data row.",
            "Le fichier a une ligne d'en-tête et aucune ligne de données."
        ),
        why: t!(
            "A sample or an export that failed: there are no contacts.",
            "Un échantillon ou un export raté : il n'y a aucun contact."
        ),
        todo: t!(
            "Ask the seller for the full file.",
            "Demandez le fichier complet au vendeur."
        ),
    },
    Rule {
        code: "csv.no_header",
        category: "csv",
        severity: Severity::Info,
        effect: RowEffect::None,
        scope: Scope::File,
        summary: t!("No header line recognised", "Aucune ligne d'en-tête reconnue"),
        what: t!(
            "The first line looks like data, so columns are named by position and their roles guessed from values.",
            "La première ligne ressemble à des données : les colonnes sont nommées par position et leur rôle déduit des valeurs."
        ),
        why: t!(
            "Without names, some columns (consent, dates, source) cannot be recognised.",
            "Sans noms, certaines colonnes (consentement, dates, source) ne peuvent pas être reconnues."
        ),
        todo: t!(
            "Set the column roles by hand, and ask the seller for the column definitions.",
            "Indiquez les rôles des colonnes à la main et demandez au vendeur la description des colonnes."
        ),
    },
    Rule {
        code: "csv.not_text",
        category: "csv",
        severity: Severity::Error,
        effect: RowEffect::None,
        scope: Scope::File,
        summary: t!("Not a delimited text file", "Ce n'est pas un fichier texte délimité"),
        what: t!(
            "The file is binary (an image, an archive, an Excel workbook, a PDF...), not CSV text.",
            "Le fichier est binaire (image, archive, classeur Excel, PDF...), pas du texte CSV."
        ),
        why: t!(
            "tamis reads delimited text only.",
            "tamis ne lit que du texte délimité."
        ),
        todo: t!(
            "For a workbook, open it and save it as CSV (semicolon or comma) first.",
            "Pour un classeur, ouvrez-le et enregistrez-le d'abord au format CSV (point-virgule ou virgule)."
        ),
    },
    Rule {
        code: "csv.ragged_row",
        category: "csv",
        severity: Severity::Warning,
        effect: RowEffect::Review,
        scope: Scope::Row,
        summary: t!("Row with a different number of fields", "Ligne avec un nombre de champs différent"),
        what: t!(
            "A row with fewer fields than the header, or more non-empty fields.",
            "Une ligne avec moins de champs que l'en-tête, ou davantage de champs non vides."
        ),
        why: t!(
            "Values may have shifted into the wrong columns: a delimiter inside an unquoted value, or a broken export.",
            "Des valeurs ont pu glisser dans la mauvaise colonne : délimiteur dans une valeur non protégée, ou export cassé."
        ),
        todo: t!(
            "Check the example rows; ask for an export with quoted fields.",
            "Vérifiez les lignes d'exemple ; demandez un export avec des champs entre guillemets."
        ),
    },
    Rule {
        code: "csv.repeated_header",
        category: "csv",
        severity: Severity::Warning,
        effect: RowEffect::Reject,
        scope: Scope::Row,
        summary: t!("Header line repeated inside the data", "Ligne d'en-tête répétée dans les données"),
        what: t!(
            "A data row identical to the header.",
            "Une ligne de données identique à l'en-tête."
        ),
        why: t!(
            "Several exports were pasted together: expect duplicates and mixed sources.",
            "Plusieurs exports ont été collés ensemble : attendez-vous à des doublons et des sources mêlées."
        ),
        todo: t!(
            "Ask the seller how the file was assembled.",
            "Demandez au vendeur comment le fichier a été constitué."
        ),
    },
    Rule {
        code: "csv.title_line",
        category: "csv",
        severity: Severity::Info,
        effect: RowEffect::None,
        scope: Scope::File,
        summary: t!("Title line above the header skipped", "Ligne de titre au-dessus de l'en-tête ignorée"),
        what: t!(
            "One or more lines above the header with a single value (a title, an export date).",
            "Une ou plusieurs lignes au-dessus de l'en-tête avec une seule valeur (titre, date d'export)."
        ),
        why: t!(
            "They are not contacts; tamis skips them.",
            "Ce ne sont pas des contacts ; tamis les ignore."
        ),
        todo: t!("Nothing to do.", "Rien à faire."),
    },
    Rule {
        code: "csv.too_many_columns",
        category: "csv",
        severity: Severity::Warning,
        effect: RowEffect::Review,
        scope: Scope::Row,
        summary: t!("More than 16,384 fields in a record", "Plus de 16 384 champs dans un enregistrement"),
        what: t!(
            "A record with more than 16,384 fields; tamis reads the first 16,384.",
            "Un enregistrement de plus de 16 384 champs ; tamis lit les 16 384 premiers."
        ),
        why: t!(
            "No prospect file has that many columns: the delimiter is probably wrong or the file broken.",
            "Aucun fichier de prospects n'a autant de colonnes : le délimiteur est sans doute faux ou le fichier cassé."
        ),
        todo: t!(
            "Check the delimiter; ask the seller for a clean export.",
            "Vérifiez le délimiteur ; demandez un export propre au vendeur."
        ),
    },
    Rule {
        code: "csv.unbalanced_quote",
        category: "csv",
        severity: Severity::Error,
        effect: RowEffect::Review,
        scope: Scope::Row,
        summary: t!("Quote opened and never closed", "Guillemet ouvert et jamais fermé"),
        what: t!(
            "A quoted field starts in this row and the file ends before its closing quote.",
            "Un champ entre guillemets commence dans cette ligne et le fichier se termine avant le guillemet fermant."
        ),
        why: t!(
            "Every line after it was read as one value: those contacts are lost from the audit.",
            "Toutes les lignes suivantes ont été lues comme une seule valeur : ces contacts manquent à l'audit."
        ),
        todo: t!(
            "Fix the quote in a text editor, or ask the seller for a clean export.",
            "Corrigez le guillemet dans un éditeur de texte, ou demandez un export propre au vendeur."
        ),
    },
    Rule {
        code: "encoding.invalid_bytes",
        category: "encoding",
        severity: Severity::Warning,
        effect: RowEffect::Review,
        scope: Scope::Row,
        summary: t!("Bytes invalid in the file's encoding", "Octets invalides dans l'encodage du fichier"),
        what: t!(
            "Bytes that are not valid in the detected encoding; they were replaced by �.",
            "Des octets invalides dans l'encodage détecté ; ils ont été remplacés par �."
        ),
        why: t!(
            "Names and addresses with accents may be garbled: files assembled from several sources.",
            "Les noms et adresses accentués peuvent être abîmés : fichier assemblé de plusieurs sources."
        ),
        todo: t!(
            "Ask the seller for a UTF-8 export.",
            "Demandez au vendeur un export en UTF-8."
        ),
    },
];

/// Every rule: the CSV and encoding rules, then the field rules.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    RULES.iter().chain(crate::rules_fields::FIELD_RULES.iter())
}

/// The rule with this code (both lists are sorted by code: a binary search each).
pub fn rule(code: &str) -> Option<&'static Rule> {
    let find = |list: &'static [Rule]| {
        list.binary_search_by(|r| r.code.cmp(code))
            .ok()
            .map(|i| &list[i])
    };
    find(RULES).or_else(|| find(crate::rules_fields::FIELD_RULES))
}

/// Every registered rule, sorted by code: a code's id is its index here, so ids sort
/// as their codes do.
pub(crate) fn by_id() -> &'static [&'static Rule] {
    static L: std::sync::OnceLock<Vec<&'static Rule>> = std::sync::OnceLock::new();
    L.get_or_init(|| {
        let mut v: Vec<&'static Rule> = all().collect();
        v.sort_unstable_by_key(|r| r.code);
        v
    })
}

/// The id of a code that is not registered (a bug: the report refuses such codes).
pub(crate) const NO_ID: u16 = u16::MAX;

/// A registered code and its id, the id worked out at compile time: `code!("email.invalid")`
/// is `("email.invalid", id)`, and a code that is not registered does not compile.
macro_rules! code {
    ($c:literal) => {
        const {
            let id = $crate::rules::code_id($c);
            assert!(
                id != $crate::rules::NO_ID,
                concat!("unregistered code: ", $c)
            );
            ($c, id)
        }
    };
}
pub(crate) use code;

/// A code's id in [`by_id`], worked out at compile time: how many registered codes
/// sort before it (codes are unique across both lists); [`NO_ID`] if it is not
/// registered. [`code!`] reads it in a `const` block for each literal.
pub(crate) const fn code_id(code: &str) -> u16 {
    const fn before(a: &[u8], b: &[u8]) -> bool {
        let mut i = 0;
        while i < a.len() && i < b.len() {
            if a[i] != b[i] {
                return a[i] < b[i];
            }
            i += 1;
        }
        a.len() < b.len()
    }
    const fn same(a: &[u8], b: &[u8]) -> bool {
        !before(a, b) && !before(b, a)
    }
    let lists: [&[Rule]; 2] = [RULES, crate::rules_fields::FIELD_RULES];
    let (mut below, mut found) = (0usize, false);
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            let c = lists[l][i].code.as_bytes();
            below += before(c, code.as_bytes()) as usize;
            found |= same(c, code.as_bytes());
            i += 1;
        }
        l += 1;
    }
    if found && below < NO_ID as usize {
        below as u16
    } else {
        NO_ID
    }
}

/// A code's id ([`by_id`]) by the address of the code's text: codes are `&'static str`
/// literals, so a hot loop resolves each literal once instead of searching the registry
/// per row. Bounded: there are as many entries as code literals in the program.
#[derive(Debug)]
pub(crate) struct RuleCache {
    /// Direct-mapped by the text's address: (address, length, id), the address 0 when
    /// empty. Two literals on one slot take turns; the map below keeps them all.
    slots: Box<[(usize, usize, u16); RULE_SLOTS]>,
    map: FxMap<(usize, usize), u16>,
}

const RULE_SLOTS: usize = 256;

impl Default for RuleCache {
    fn default() -> Self {
        RuleCache {
            slots: Box::new([(0, 0, NO_ID); RULE_SLOTS]),
            map: FxMap::default(),
        }
    }
}

impl RuleCache {
    /// The id of `code` in [`by_id`], or [`NO_ID`].
    #[inline]
    pub(crate) fn id(&mut self, code: &'static str) -> u16 {
        let key = (code.as_ptr() as usize, code.len());
        let slot = (key.0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56;
        let s = &mut self.slots[slot as usize % RULE_SLOTS];
        if (s.0, s.1) == key {
            return s.2;
        }
        let id = *self.map.entry(key).or_insert_with(|| {
            by_id()
                .binary_search_by(|r| r.code.cmp(code))
                .map_or(NO_ID, |i| i as u16)
        });
        *s = (key.0, key.1, id);
        id
    }
}

/// Longest key kept inline in a hash table as a [`ShortKey`].
pub(crate) const SHORT_KEY: usize = 31;

/// A value of at most [`SHORT_KEY`] bytes, zero-padded, after its length byte, as four
/// words: compared and hashed a word at a time, inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ShortKey([u64; 4]);

impl ShortKey {
    /// `key`, of at most [`SHORT_KEY`] bytes (cut there).
    #[inline]
    pub(crate) fn new(key: &[u8]) -> ShortKey {
        // Word `k` holds the key's bytes `8k - 1 .. 8k + 7` (word 0: the length, then
        // bytes 0..7), read with whole-word loads instead of a variable-length copy (a
        // call to `memcpy` per key).
        let n = key.len().min(SHORT_KEY);
        let key = &key[..n];
        ShortKey([
            n as u64 | load(key, 0, 7) << 8,
            load(key, 7, 8),
            load(key, 15, 8),
            load(key, 23, 8),
        ])
    }
}

/// `key[from..from + len]` (cut at the key's end) as a little-endian word, zero-padded.
#[inline]
fn load(key: &[u8], from: usize, len: usize) -> u64 {
    let n = key.len();
    let cnt = n.saturating_sub(from).min(len);
    let word = |at: usize| {
        u64::from_le_bytes(
            key.get(at..at + 8)
                .and_then(|s| s.try_into().ok())
                .unwrap_or([0; 8]),
        )
    };
    let half = |at: usize| {
        u64::from(u32::from_le_bytes(
            key.get(at..at + 4)
                .and_then(|s| s.try_into().ok())
                .unwrap_or([0; 4]),
        ))
    };
    let mask = |v: u64| {
        if cnt >= 8 {
            v
        } else {
            v & ((1u64 << (8 * cnt)) - 1)
        }
    };
    match cnt {
        0 => 0,
        _ if from + 8 <= n => mask(word(from)),
        // The last bytes: the word that ends with the key, shifted down.
        _ if n >= 8 => word(n - 8) >> (8 * (8 - cnt)),
        // A key of fewer than 8 bytes, read from 0 (`from` is 0 here).
        4..=7 => half(0) | half(cnt - 4) << (8 * (cnt - 4)),
        _ => {
            u64::from(key[0])
                | u64::from(key[cnt / 2]) << (8 * (cnt / 2))
                | u64::from(key[cnt - 1]) << (8 * (cnt - 1))
        }
    }
}

impl std::hash::Hash for ShortKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let [a, b, c, d] = self.0;
        state.write_u64(a);
        state.write_u64(b);
        // Keys of up to 15 bytes (most cities, dates, sources, domains): two words.
        if c | d != 0 {
            state.write_u64(c);
            state.write_u64(d);
        }
    }
}

/// Longest key kept as one word in a [`TextMap`]: its bytes, then its length.
const TINY_KEY: usize = 7;
/// Shortest key kept as a [`ShortKey`] in a [`TextMap`].
const SHORT_FROM: usize = TINY_KEY + 1;

/// A key of at most [`TINY_KEY`] bytes as one word: the bytes, zero-padded, and the
/// length in the top byte.
#[inline]
fn tiny_key(key: &[u8]) -> u64 {
    load(key, 0, TINY_KEY) | (key.len() as u64) << 56
}

/// A hash map keyed by text: keys of up to [`TINY_KEY`] bytes (consent answers, short
/// names and domains) as one word, keys of up to [`SHORT_KEY`] bytes
/// (nearly all the others: cities, dates, domains, names) as [`ShortKey`]s, both inside
/// the table so that a lookup reads no other memory; longer ones boxed.
#[derive(Debug)]
pub(crate) struct TextMap<V> {
    tiny: FxMap<u64, V>,
    short: FxMap<ShortKey, V>,
    long: FxMap<Box<str>, V>,
}

impl<V> Default for TextMap<V> {
    fn default() -> Self {
        TextMap {
            tiny: FxMap::default(),
            short: FxMap::default(),
            long: FxMap::default(),
        }
    }
}

impl<V> TextMap<V> {
    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        match key.len() {
            0..=TINY_KEY => self.tiny.get(&tiny_key(key.as_bytes())),
            SHORT_FROM..=SHORT_KEY => self.short.get(&ShortKey::new(key.as_bytes())),
            _ => self.long.get(key),
        }
    }

    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        match key.len() {
            0..=TINY_KEY => self.tiny.get_mut(&tiny_key(key.as_bytes())),
            SHORT_FROM..=SHORT_KEY => self.short.get_mut(&ShortKey::new(key.as_bytes())),
            _ => self.long.get_mut(key),
        }
    }

    pub(crate) fn insert(&mut self, key: &str, value: V) {
        match key.len() {
            0..=TINY_KEY => {
                self.tiny.insert(tiny_key(key.as_bytes()), value);
            }
            SHORT_FROM..=SHORT_KEY => {
                self.short.insert(ShortKey::new(key.as_bytes()), value);
            }
            _ => {
                self.long.insert(key.into(), value);
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.tiny.len() + self.short.len() + self.long.len()
    }

    pub(crate) fn clear(&mut self) {
        self.tiny.clear();
        self.short.clear();
        self.long.clear();
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.tiny
            .values()
            .chain(self.short.values())
            .chain(self.long.values())
    }
}

/// Which (length, first byte) pairs a word list has: a word whose pair is absent is not
/// in the list. Lengths up to 63; bytes by their low five bits.
#[derive(Debug)]
pub(crate) struct LenFirst([u32; 64]);

impl LenFirst {
    pub(crate) fn of(words: &[&str]) -> LenFirst {
        let mut t = [0u32; 64];
        for w in words {
            if let Some(&b) = w.as_bytes().first() {
                t[w.len().min(63)] |= 1 << (b & 31);
            }
        }
        LenFirst(t)
    }

    /// False when `w` is surely not in the list.
    pub(crate) fn may_hold(&self, w: &[u8]) -> bool {
        w.first()
            .is_some_and(|&b| self.may_hold_len_first(w.len(), b))
    }

    /// [`LenFirst::may_hold`] for a word of `len` bytes starting with `first`.
    pub(crate) fn may_hold_len_first(&self, len: usize, first: u8) -> bool {
        self.0[len.min(63)] >> (first & 31) & 1 == 1
    }
}

/// A hash map with the cheap hasher used for the hot paths' lookups.
pub(crate) type FxMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<crate::checks::email::FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_hold_the_length_then_the_bytes() {
        let reference = |key: &[u8]| {
            let mut b = [0u8; 32];
            b[0] = key.len() as u8;
            b[1..=key.len()].copy_from_slice(key);
            let w = |i: usize| u64::from_le_bytes(b[i * 8..i * 8 + 8].try_into().unwrap());
            [w(0), w(1), w(2), w(3)]
        };
        let bytes: Vec<u8> = (1..=40u8).map(|b| b.wrapping_mul(37) | 1).collect();
        for len in 0..=SHORT_KEY {
            for start in 0..4 {
                let key = &bytes[start..start + len];
                assert_eq!(
                    ShortKey::new(key).0,
                    reference(key),
                    "{len} bytes from {start}"
                );
            }
        }
        // Keys that differ only in trailing zero bytes differ by their length.
        assert_ne!(ShortKey::new(b"ab"), ShortKey::new(b"ab\0"));
    }

    #[test]
    fn text_maps_keep_short_and_long_keys_apart_and_together() {
        let long = "x".repeat(SHORT_KEY + 1);
        let edge = "y".repeat(SHORT_KEY);
        let tiny = "z".repeat(TINY_KEY);
        let past_tiny = "z".repeat(TINY_KEY + 1);
        let mut m = TextMap::default();
        let keys = [
            "",
            "a",
            "a\0",
            edge.as_str(),
            long.as_str(),
            tiny.as_str(),
            past_tiny.as_str(),
            "\0",
            "\0\0",
        ];
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(m.get(k), None, "{k:?}");
            m.insert(k, i);
        }
        assert_eq!(m.len(), keys.len());
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(m.get(k), Some(&i), "{k:?}");
        }
        *m.get_mut(&long).unwrap() += 10;
        *m.get_mut(&edge).unwrap() += 10;
        *m.get_mut(&tiny).unwrap() += 10;
        let mut values: Vec<usize> = m.values().copied().collect();
        values.sort_unstable();
        assert_eq!(values, [0, 1, 2, 6, 7, 8, 13, 14, 15]);
        m.clear();
        assert_eq!((m.len(), m.get("a")), (0, None));
    }

    #[test]
    fn compile_time_ids_are_the_registry_order() {
        for (i, r) in by_id().iter().enumerate() {
            assert_eq!(usize::from(code_id(r.code)), i, "{}", r.code);
            assert_eq!(
                RuleCache::default().id(r.code),
                code_id(r.code),
                "{}",
                r.code
            );
        }
        for unknown in ["", "email", "email.invalid ", "zzz.none", "a.a"] {
            assert_eq!(code_id(unknown), NO_ID, "{unknown:?}");
        }
    }

    #[test]
    fn codes_are_sorted_unique_and_documented() {
        for list in [RULES, crate::rules_fields::FIELD_RULES] {
            for w in list.windows(2) {
                assert!(
                    w[0].code < w[1].code,
                    "{} then {}: not sorted or reused",
                    w[0].code,
                    w[1].code
                );
            }
        }
        let mut codes: Vec<&str> = all().map(|r| r.code).collect();
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n, "a code is declared twice");
        for r in all() {
            let (fam, name) = r
                .code
                .split_once('.')
                .unwrap_or_else(|| panic!("{}: no family", r.code));
            assert_eq!(fam, r.category, "{}: category", r.code);
            assert!(
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}",
                r.code
            );
            for t in [r.summary, r.what, r.why, r.todo] {
                assert!(
                    !t.en.trim().is_empty() && !t.fr.trim().is_empty(),
                    "{}: missing text",
                    r.code
                );
                assert_ne!(t.en, t.fr, "{}: untranslated text", r.code);
            }
        }
    }
}
