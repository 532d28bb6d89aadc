//! Duplicates within a file: the same person twice, exactly or typed differently.
//!
//! Every data row leaves a fixed-size `Identity` (about a hundred bytes: folded and
//! truncated names, 64-bit hashes of the other keys), never its strings, so a file of a
//! million rows costs about 100 MB at most, whatever its cells hold.
//!
//! # Blocking
//!
//! A row is only compared with earlier rows that share a *block key* with it, and with at
//! most [`CHAIN_LIMIT`] of them per key, newest first, so the work per row is bounded:
//! - its canonical email (trimmed, lower-cased, `+tag` removed, gmail/googlemail dots
//!   removed);
//! - its E.164 phone numbers;
//! - postcode + the phonetic keys ([`phonetic`], a Soundex variant tuned to French
//!   spelling) of its first two name words, in sorted order: `Jean Dupont`, `Jean
//!   Dupond`, `DUPONT Jean` share a block;
//! - postcode + house number + normalised street (the same address under other names).
//!
//! # Matching (documented and explained in the report)
//!
//! Against each candidate, in this order:
//! - **exact** (`dup.exact`): the same canonical email (unless it is a role account,
//!   `contact@`, and the names disagree: colleagues); or the same phone and names that
//!   agree (equal once folded, or one side without a name); or the same folded name,
//!   street line and postcode.
//! - **fuzzy** (`dup.fuzzy`): the same postcode, names that agree once folded (accents,
//!   case, hyphens), in any order, or within a small edit distance (one edit up to 8
//!   letters, two beyond; Damerau-Levenshtein), and one more identity field that agrees:
//!   the street once abbreviations are expanded (`r.`, `av.`, `bd`, `St`...), the phone,
//!   or the email's local part.
//! - A phone shared by candidates whose names disagree is `phone.shared`: several people
//!   on one number (a switchboard, a family, or a made-up file).
//!
//! A row matching an earlier one joins that row's cluster: `duplicate_of` is the number
//! of the cluster's first row. Only rows after the first are flagged.

use crate::rules::FxMap;

/// Rows per storage chunk.
const CHUNK: usize = 1 << 14;

/// The 64-bit finaliser of MurmurHash3: every output bit depends on every input bit, so
/// the two halves below are independent (FNV's low bits are poorly mixed).
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A 32-bit fingerprint of a 64-bit hash (the high half of its mix), 0 kept for "no value".
///
/// Block keys are the *other* half ([`block_key`]): two different values that land in the
/// same chain (equal block keys) are told apart by their fingerprints, so a false match
/// needs all 64 bits to collide. When both came from the same 32 bits, about two of the
/// ~130,000 distinct phones of a 100k-row file collided and were reported as one phone
/// shared by different people (and an email collision as an exact duplicate).
fn fp(h: u64) -> u32 {
    if h == 0 {
        0
    } else {
        (mix(h) >> 32) as u32 | 1
    }
}

/// The 32-bit block key of a 64-bit hash (the low half of its mix), 0 kept for "no value".
fn block_key(h: u64) -> u32 {
    if h == 0 {
        0
    } else {
        mix(h) as u32 | 1
    }
}

/// The full 64-bit keys of a row, for the blocks (not stored).
#[derive(Debug, Clone, Copy, Default)]
struct Keys {
    email: u64,
    phones: [u64; 2],
    street_norm: u64,
}

/// Candidates compared per block key at most (newest first).
pub const CHAIN_LIMIT: usize = 24;
/// Name bytes kept (folded, sorted words): longer names are compared on this prefix.
const NAME_BYTES: usize = 24;
/// Clusters kept as examples in the report.
const EXAMPLE_CLUSTERS: usize = 20;
/// Rows listed per example cluster.
const EXAMPLE_ROWS: usize = 6;
/// No more block keys per row than this.
const MAX_KEYS: usize = 6;
const NONE: u32 = u32::MAX;

/// What two rows were found to share, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct How(u16);

impl How {
    const EMAIL: u16 = 1;
    const PHONE: u16 = 2;
    const NAME_EQUAL: u16 = 4;
    const NAME_SWAPPED: u16 = 8;
    const NAME_TYPO: u16 = 16;
    const STREET_EQUAL: u16 = 32;
    const STREET_ABBREV: u16 = 64;
    const POSTCODE: u16 = 128;
    const EMAIL_LOCAL: u16 = 256;

    fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }

    /// The names matched within a typo (a spelling change, not a re-typing).
    pub fn name_typo(self) -> bool {
        self.has(Self::NAME_TYPO)
    }

    /// The matched fields in plain words (English; the codes are stable).
    pub fn describe(self) -> Vec<String> {
        let mut out = Vec::new();
        let parts: [(u16, &str); 9] = [
            (Self::EMAIL, "email: same canonical address"),
            (
                Self::EMAIL_LOCAL,
                "email: same local part on another domain",
            ),
            (Self::PHONE, "phone: same E.164 number"),
            (
                Self::NAME_EQUAL,
                "name: equal once folded (case, accents, hyphens)",
            ),
            (
                Self::NAME_SWAPPED,
                "name: same words, first and last swapped",
            ),
            (Self::NAME_TYPO, "name: within a typo"),
            (Self::STREET_EQUAL, "street: equal once folded"),
            (
                Self::STREET_ABBREV,
                "street: equal once abbreviations are expanded",
            ),
            (Self::POSTCODE, "postcode: equal"),
        ];
        for (bit, text) in parts {
            if self.has(bit) {
                out.push(text.to_string());
            }
        }
        out
    }
}

/// The verdict on one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Verdict {
    /// The first row of the cluster this row duplicates, and whether exactly.
    pub duplicate_of: Option<(u64, bool)>,
    /// What matched.
    pub how: How,
    /// The row's phone is already carried by a different person.
    pub phone_shared: bool,
}

/// The identity fields of one row, as the checker read them.
#[derive(Debug, Default)]
pub struct RowKeys<'a> {
    /// The name's words (first name, last name, or full name), folded by
    /// [`crate::checks::content::fold_words`]: ` jean dupont `.
    pub names: &'a str,
    /// Canonical emails (see [`crate::keys::canonical_email`]).
    pub emails: &'a [String],
    /// E.164 phones.
    pub phones: &'a [String],
    /// The first address line with a street.
    pub street: &'a str,
    /// The postcode cell.
    pub postcode: &'a str,
    /// The email is a role account (`contact@`, `rh@`): shared by colleagues, so the
    /// same address with other names is not the same person.
    pub role_email: bool,
}

/// One row, reduced to fixed-size fields.
#[derive(Debug, Clone, Copy)]
struct Identity {
    row: u32,
    /// The cluster's first row (its index in `ids`), `NONE` for a first row.
    root: u32,
    /// Folded name words, sorted and joined without spaces; `name_len` bytes used.
    name: [u8; NAME_BYTES],
    name_len: u8,
    /// Folded name words in the file's order (first then last), hashed: tells a swap.
    /// This and the other fields below are 32-bit fingerprints of 64-bit hashes: they are
    /// only compared between rows that share a block key, where a collision is
    /// negligible, and they halve the memory.
    name_order: u32,
    email: u32,
    email_local: u32,
    phones: [u32; 2],
    street_fold: u32,
    street_norm: u32,
    postcode: u32,
    role_email: bool,
    /// Per key slot, the previous row with the same key, packed as `index << 3 | slot`.
    next: [u32; MAX_KEYS],
}

/// Duplicate detection over the rows of one file.
#[derive(Debug, Default)]
pub struct Dedup {
    /// The rows, in chunks of [`CHUNK`] (no doubling reallocation of a big array).
    ids: Vec<Vec<Identity>>,
    len: u32,
    /// [`MAX_REMEMBERED`] was reached: later rows are not remembered.
    full: bool,
    /// [`MAX_REMEMBERED`], lower in tests (0 means the default).
    limit: u32,
    /// Per block key (a 32-bit fingerprint: two keys that collide share a chain, which
    /// only costs comparisons), the newest row with it.
    heads: FxMap<u32, u32>,
    /// Per first row: how many rows joined its cluster.
    cluster_sizes: FxMap<u32, u32>,
    examples: Vec<ClusterExample>,
    scratch: String,
    words: Vec<(usize, usize)>,
    sorted: Vec<(usize, usize)>,
    street_buf: String,
    norm_buf: String,
    /// [`phonetic`] per distinct name word (a file has a few thousand).
    phonetic_memo: crate::fields::Memo<u64>,
    /// Rows flagged `dup.exact`.
    pub exact: u64,
    /// Rows flagged `dup.fuzzy`.
    pub fuzzy: u64,
    /// Rows flagged `phone.shared`.
    pub phone_shared: u64,
}

/// A cluster shown in the report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClusterExample {
    /// The cluster's first row (data row number, from 1).
    pub first_row: u64,
    /// The rows that duplicate it (the first few).
    pub rows: Vec<u64>,
    /// Exact or fuzzy, for the first duplicate.
    pub exact: bool,
    /// What matched, for the first duplicate.
    pub matched: Vec<String>,
}

/// The duplicates section of the report.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct DuplicatesReport {
    /// Clusters with at least two rows.
    pub clusters: u64,
    /// Rows after the first of their cluster (exact and fuzzy).
    pub duplicate_rows: u64,
    /// Of which exact.
    pub exact_rows: u64,
    /// Of which fuzzy.
    pub fuzzy_rows: u64,
    /// Rows whose phone is carried by another person.
    pub phone_shared_rows: u64,
    /// The first clusters found, with what matched.
    pub examples: Vec<ClusterExample>,
    /// Rows remembered to compare later rows with: all of them up to
    /// [`MAX_REMEMBERED`]; past it, later rows are still compared with these but not
    /// remembered (bounded memory: about 130 bytes a row), so duplicates among them only
    /// are missed.
    pub remembered_rows: u64,
    /// True when every row was remembered.
    pub complete: bool,
}

/// Rows remembered at most (about 260 MB): a bigger file is still checked against its
/// first two million rows.
pub const MAX_REMEMBERED: u32 = 2_000_000;

/// FNV-1a over the parts, with a 0xFF byte (never in UTF-8 text) between them, then a
/// final mix: stable across platforms and runs (reports are reproducible), cheap, and 64
/// bits make collisions negligible at a million rows. Never 0 (0 means "no value").
fn hash_parts<'a>(tag: u8, parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    // Eight bytes a step, each word mixed in fully (two multiplies and shifts, as in
    // `mix`): a difference anywhere spreads over every bit before the next word, so two
    // different inputs meet only by chance (a single multiply per word does not spread
    // a high-byte difference down: different phones then collided). Each part starts with
    // its length, so ("ab", "c") and ("a", "bc") differ.
    let step = |h: u64, w: u64| {
        let mut x = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        x ^= x >> 29;
        x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x ^ (x >> 32)
    };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(tag);
    for part in parts {
        h = step(h, part.len() as u64);
        let mut words = part.chunks_exact(8);
        for w in &mut words {
            h = step(h, u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            h = step(h, u64::from_le_bytes(w));
        }
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h | 1
}

fn hash_bytes(tag: u8, b: &[u8]) -> u64 {
    hash_parts(tag, [b])
}

fn hash_pair(tag: u8, a: &[u8], b: &[u8]) -> u64 {
    hash_parts(tag, [a, b])
}

/// Street words, folded, with the usual French abbreviations expanded and the
/// filler words dropped.
fn street_word(w: &str) -> Option<&str> {
    Some(match w {
        "r" | "ru" => "rue",
        "av" | "ave" | "aven" => "avenue",
        "bd" | "bld" | "blvd" | "boul" | "bvd" => "boulevard",
        "st" => "saint",
        "ste" => "sainte",
        "pl" => "place",
        "ch" | "chem" => "chemin",
        "imp" => "impasse",
        "all" => "allee",
        "rte" => "route",
        "fg" | "fbg" => "faubourg",
        "sq" => "square",
        "qu" | "qua" => "quai",
        "crs" => "cours",
        "res" | "resid" => "residence",
        "lot" | "lotiss" => "lotissement",
        "pass" => "passage",
        "prom" => "promenade",
        "sent" => "sentier",
        "gal" => "general",
        "mal" => "marechal",
        "pdt" | "pres" => "president",
        // English (FEBRL-style files).
        "rd" => "road",
        "dr" => "drive",
        "ln" => "lane",
        "ct" => "court",
        "cres" => "crescent",
        "cct" => "circuit",
        "hwy" => "highway",
        "pde" => "parade",
        "tce" => "terrace",
        "de" | "du" | "des" | "la" | "le" | "les" | "l" | "d" => return None,
        _ => w,
    })
}

/// A French-tuned Soundex: the first letter's class, then up to seven consonant
/// classes, repeated classes collapsed, vowels and `h` dropped, `ph`/`f`/`v`,
/// `c`/`k`/`q`/hard `g`, soft `c`/`s`/`z`/`x`, `j`/soft `g`/`ch` grouped, and final silent
/// `s`, `t`, `d`, `x`, `z` dropped (`Dupont` = `Dupond`, `Lefebvre` = `Lefèvre`).
pub fn phonetic(word: &str) -> u64 {
    // The first 32 letters are plenty for 8 classes.
    let mut buf = [0u8; 32];
    let mut len = 0;
    for c in word.bytes().filter(u8::is_ascii_alphabetic) {
        if len == buf.len() {
            break;
        }
        buf[len] = c.to_ascii_lowercase();
        len += 1;
    }
    let b = &buf[..len];
    let mut end = b.len();
    while end > 1 && matches!(b[end - 1], b's' | b't' | b'd' | b'x' | b'z') {
        end -= 1;
    }
    let b = &b[..end];
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut key: u64 = 0;
    let mut n = 0;
    let mut last = 0u8;
    let mut i = 0;
    while i < b.len() && n < 8 {
        let c = b[i];
        let next = b.get(i + 1).copied().unwrap_or(0);
        let (class, step) = match c {
            b'p' if next == b'h' => (7, 2),
            b's' if next == b'c' && b.get(i + 2) == Some(&b'h') => (9, 3),
            b'c' if next == b'h' => (9, 2),
            b's' if next == b'h' => (9, 2),
            b'g' if next == b'n' => (5, 2),
            b'b' if next == b'v' => (0, 1), // Lefebvre = Lefèvre
            b'b' | b'p' => (1, 1),
            b'c' if matches!(next, b'e' | b'i' | b'y') => (8, 1),
            b'g' if matches!(next, b'e' | b'i' | b'y') => (9, 1),
            b'c' | b'k' | b'q' | b'g' => (2, 1),
            b'd' | b't' => (3, 1),
            b'l' => (4, 1),
            b'm' | b'n' => (5, 1),
            b'r' => (6, 1),
            b'f' | b'v' | b'w' => (7, 1),
            b's' | b'z' | b'x' => (8, 1),
            b'j' => (9, 1),
            _ if vowel(c) && n == 0 => (10, 1),
            _ => (0, 1), // vowels after the first letter, `h`
        };
        if class != 0 && class != last {
            key = key << 4 | u64::from(class);
            n += 1;
        }
        if class != 0 {
            last = class;
        }
        i += step;
    }
    key | (n as u64) << 60
}

/// Damerau-Levenshtein (optimal string alignment) distance, or `max + 1` once over.
/// Names are at most [`NAME_BYTES`] long: the rows live on the stack.
fn distance(a: &[u8], b: &[u8], max: usize) -> usize {
    let (a, b) = (&a[..a.len().min(NAME_BYTES)], &b[..b.len().min(NAME_BYTES)]);
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let m = b.len();
    let mut prev2 = [0u8; NAME_BYTES + 1];
    let mut prev = [0u8; NAME_BYTES + 1];
    for (j, p) in prev.iter_mut().enumerate().take(m + 1) {
        *p = j as u8;
    }
    let mut cur = [0u8; NAME_BYTES + 1];
    let max8 = max.min(250) as u8;
    for i in 1..=a.len() {
        cur[0] = i as u8;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max8 {
            return max + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    usize::from(prev[m])
}

fn postcode_number(pc: &str) -> u32 {
    crate::checks::postal::normalise_postcode(pc)
        .and_then(|d| std::str::from_utf8(&d).ok()?.parse::<u32>().ok())
        .map_or(0, |n| n + 1)
}

impl Dedup {
    /// Checks the row numbered `row` (data row, from 1) against the rows before it and
    /// remembers it.
    #[inline(never)]
    pub fn add(&mut self, row: u64, k: &RowKeys<'_>) -> Verdict {
        let (id, full) = self.identity(row, k);
        let idx = self.len;
        let (keys, nk) = self.block_keys(&id, &full);
        let limit = if self.limit == 0 {
            MAX_REMEMBERED
        } else {
            self.limit
        };
        // Each key's chain head, read and (when this row is remembered) replaced by this
        // row in one lookup: the chains walked below are those of the rows before.
        let remember = idx < limit && idx < NONE >> 3;
        let mut heads = [NONE; MAX_KEYS];
        for (slot, &key) in keys[..nk].iter().enumerate() {
            heads[slot] = if remember {
                std::mem::replace(
                    self.heads.entry(key).or_insert(NONE),
                    idx << 3 | slot as u32,
                )
            } else {
                self.heads.get(&key).copied().unwrap_or(NONE)
            };
        }
        let (best, shared) = self.best_match(&id, &heads[..nk]);
        let mut id = id;
        let mut verdict = Verdict::default();
        if let Some((cand, exact, how)) = best {
            let c = self.get(cand);
            let root = if c.root == NONE { cand } else { c.root };
            id.root = root;
            let first_row = u64::from(self.get(root).row);
            verdict.duplicate_of = Some((first_row, exact));
            verdict.how = how;
            if exact {
                self.exact += 1;
            } else {
                self.fuzzy += 1;
            }
            let size = self.cluster_sizes.entry(root).or_insert(0);
            *size += 1;
            if let Some(ex) = self.examples.iter_mut().find(|e| e.first_row == first_row) {
                if ex.rows.len() < EXAMPLE_ROWS {
                    ex.rows.push(row);
                }
            } else if self.examples.len() < EXAMPLE_CLUSTERS {
                self.examples.push(ClusterExample {
                    first_row,
                    rows: vec![row],
                    exact,
                    matched: how.describe(),
                });
            }
        } else if shared {
            verdict.phone_shared = true;
            self.phone_shared += 1;
        }
        if idx >= limit {
            self.full = true;
            return verdict;
        }
        // Chain this row in front of each of its keys (done above).
        if remember {
            // The whole array (its slots past `nk` are `NONE` on both sides): a copy of
            // a variable length calls `memcpy`.
            id.next = heads;
        }
        if self.ids.last().is_none_or(|c| c.len() == CHUNK) {
            self.ids.push(Vec::with_capacity(CHUNK));
        }
        if let Some(chunk) = self.ids.last_mut() {
            chunk.push(id);
        }
        self.len += 1;
        verdict
    }

    /// Looks a row up without remembering it: the first row of the matching cluster, and
    /// how it matched (for the buyer's own customer file, loaded with [`Dedup::add`]).
    #[inline(never)]
    pub fn probe(&mut self, k: &RowKeys<'_>) -> Option<(u64, bool, How)> {
        let (id, full) = self.identity(0, k);
        let (keys, nk) = self.block_keys(&id, &full);
        let mut heads = [NONE; MAX_KEYS];
        for (head, key) in heads.iter_mut().zip(&keys[..nk]) {
            *head = self.heads.get(key).copied().unwrap_or(NONE);
        }
        let (best, _) = self.best_match(&id, &heads[..nk]);
        best.map(|(cand, exact, how)| {
            let c = self.get(cand);
            let root = if c.root == NONE { cand } else { c.root };
            (u64::from(self.get(root).row), exact, how)
        })
    }

    /// Rows remembered.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    fn get(&self, idx: u32) -> &Identity {
        let i = idx as usize;
        &self.ids[i / CHUNK][i % CHUNK]
    }

    /// True before the first row.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The block keys of a row (see the module documentation), each once.
    fn block_keys(&mut self, id: &Identity, full: &Keys) -> ([u32; MAX_KEYS], usize) {
        let mut keys = [0u32; MAX_KEYS];
        let mut nk = 0;
        let mut push_key = |key: u64| {
            let key = block_key(key);
            if key != 0 && nk < MAX_KEYS && !keys[..nk].contains(&key) {
                keys[nk] = key;
                nk += 1;
            }
        };
        push_key(full.email);
        push_key(full.phones[0]);
        push_key(full.phones[1]);
        if id.postcode != 0 {
            let pc = u64::from(id.postcode).to_le_bytes();
            // The phonetic keys of the first two name words, in sorted order: a swap of
            // first and last names gives the same block.
            let mut ph = [0u64; 2];
            for (slot, &(s, e)) in ph.iter_mut().zip(self.words.iter()) {
                let w = &self.scratch[s..e];
                *slot = self.phonetic_memo.get(w, || phonetic(w));
            }
            if ph[0] != 0 {
                ph.sort_unstable();
                let mut b = [0u8; 16];
                b[..8].copy_from_slice(&ph[0].to_le_bytes());
                b[8..].copy_from_slice(&ph[1].to_le_bytes());
                push_key(hash_pair(3, &b, &pc));
            }
            if full.street_norm != 0 {
                push_key(hash_pair(4, &full.street_norm.to_le_bytes(), &pc));
            }
        }
        (keys, nk)
    }

    /// The best earlier match of a row (exact beats fuzzy, then the newest), and
    /// whether a candidate shares its phone under another name. `heads`: the chain head
    /// of each of the row's block keys.
    fn best_match(&self, id: &Identity, heads: &[u32]) -> (Option<(u32, bool, How)>, bool) {
        let mut best: Option<(u32, bool, How)> = None;
        let mut shared = false;
        // A candidate reached by several keys is compared again: cheaper than keeping a
        // list of those seen.
        for &head in heads {
            let mut link = head;
            let mut walked = 0;
            while link != NONE && walked < CHAIN_LIMIT {
                walked += 1;
                let (cand, slot) = (link >> 3, (link & 7) as usize);
                let c = self.get(cand);
                let (m, phone_clash) = compare(id, c);
                shared |= phone_clash;
                if let Some((exact, how)) = m {
                    let better = match best {
                        None => true,
                        Some((_, e, _)) => exact && !e,
                    };
                    if better {
                        best = Some((cand, exact, how));
                    }
                }
                link = c.next[slot];
            }
        }
        (best, shared)
    }

    fn identity(&mut self, row: u64, k: &RowKeys<'_>) -> (Identity, Keys) {
        // Name words (folded by the caller); sorted for the order-free comparison.
        self.scratch.clear();
        self.scratch.push_str(k.names);
        self.words.clear();
        let bytes = self.scratch.as_bytes();
        let mut start = None;
        for (i, &b) in bytes.iter().enumerate() {
            match (b == b' ', start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    // Civilities and initials are not name words.
                    let w = &self.scratch[s..i];
                    if w.len() > 1
                        && !matches!(w, "m" | "mme" | "mlle" | "mr" | "mrs" | "ms" | "dr")
                    {
                        self.words.push((s, i));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        let scratch = self.scratch.as_str();
        let name_order = if self.words.is_empty() {
            0
        } else {
            hash_parts(
                5,
                self.words.iter().map(|&(s, e)| &scratch.as_bytes()[s..e]),
            )
        };
        self.sorted.clear();
        self.sorted.extend_from_slice(&self.words);
        self.sorted
            .sort_unstable_by(|x, y| scratch[x.0..x.1].cmp(&scratch[y.0..y.1]));
        let mut name = [0u8; NAME_BYTES];
        let mut n = 0;
        for &(s, e) in &self.sorted {
            for &b in &scratch.as_bytes()[s..e] {
                if n < NAME_BYTES {
                    name[n] = b;
                    n += 1;
                }
            }
        }
        let (email, email_local) = k.emails.first().map_or((0, 0), |e| {
            let (local, domain) = e.rsplit_once('@').unwrap_or((e, ""));
            // `+tag` aliases reach the same mailbox.
            let local = local.split('+').next().unwrap_or(local);
            let short = local.len() < 5; // `info`, `jean`: too common to tell a person
            (
                hash_pair(1, local.as_bytes(), domain.as_bytes()),
                if short {
                    0
                } else {
                    hash_bytes(6, local.as_bytes())
                },
            )
        });
        let mut phones = [0u64; 2];
        for (slot, p) in phones.iter_mut().zip(k.phones) {
            *slot = hash_bytes(2, p.as_bytes());
        }
        // Street: folded as is, and normalised.
        let folded = &mut self.street_buf;
        folded.clear();
        crate::checks::content::fold_words_append(k.street, folded);
        let street_fold = if folded.trim().is_empty() {
            0
        } else {
            hash_bytes(7, folded.as_bytes())
        };
        let norm = &mut self.norm_buf;
        norm.clear();
        // The fold holds ASCII letters, digits and single spaces: its words are its
        // ASCII-whitespace-separated parts (a byte loop, where `split(' ')` searches
        // each space with `memchr`).
        let mut words = folded.split_ascii_whitespace().peekable();
        let mut first = true;
        while let Some(w) = words.next() {
            // `St` before a name is Saint; last, as in English, it is Street.
            let w = if w == "st" && words.peek().is_none() && !first {
                "street"
            } else {
                w
            };
            first = false;
            if let Some(w) = street_word(w) {
                norm.push_str(w);
                norm.push(' ');
            }
        }
        let street_norm = if norm.is_empty() {
            0
        } else {
            hash_bytes(8, norm.as_bytes())
        };
        let id = Identity {
            row: u32::try_from(row).unwrap_or(u32::MAX),
            root: NONE,
            name,
            name_len: n as u8,
            name_order: fp(name_order),
            email: fp(email),
            email_local: fp(email_local),
            phones: [fp(phones[0]), fp(phones[1])],
            street_fold: fp(street_fold),
            street_norm: fp(street_norm),
            postcode: postcode_number(k.postcode),
            role_email: k.role_email,
            next: [NONE; MAX_KEYS],
        };
        let keys = Keys {
            email,
            phones,
            street_norm,
        };
        (id, keys)
    }

    /// The report's section.
    pub fn report(&self) -> DuplicatesReport {
        DuplicatesReport {
            clusters: self.cluster_sizes.len() as u64,
            duplicate_rows: self.exact + self.fuzzy,
            exact_rows: self.exact,
            fuzzy_rows: self.fuzzy,
            phone_shared_rows: self.phone_shared,
            examples: self.examples.clone(),
            remembered_rows: u64::from(self.len),
            complete: !self.full,
        }
    }
}

/// Whether the names of two rows agree, and how.
fn names_agree(a: &Identity, b: &Identity) -> Option<u16> {
    let (x, y) = (
        &a.name[..a.name_len as usize],
        &b.name[..b.name_len as usize],
    );
    if x.is_empty() || y.is_empty() {
        return None;
    }
    if x == y {
        return Some(if a.name_order == b.name_order {
            How::NAME_EQUAL
        } else {
            How::NAME_SWAPPED
        });
    }
    let shorter = x.len().min(y.len());
    if shorter < 5 {
        return None;
    }
    let max = if shorter <= 8 { 1 } else { 2 };
    (distance(x, y, max) <= max).then_some(How::NAME_TYPO)
}

/// Compares a new row with an earlier one: the match (exact or not, and how), and
/// whether they share a phone while their names disagree.
fn compare(a: &Identity, b: &Identity) -> (Option<(bool, How)>, bool) {
    // Cheap equalities first: without a shared email or phone, a match needs the same
    // postcode and one more shared field; most candidates of a block stop here.
    let shares_key = (a.email != 0 && a.email == b.email)
        || a.phones.iter().any(|&p| p != 0 && b.phones.contains(&p));
    let same_place = a.postcode != 0
        && a.postcode == b.postcode
        && ((a.street_norm != 0 && a.street_norm == b.street_norm)
            || (a.street_fold != 0 && a.street_fold == b.street_fold)
            || (a.email_local != 0 && a.email_local == b.email_local));
    if !shares_key && !same_place {
        return (None, false);
    }
    let names = names_agree(a, b);
    let both_named = a.name_len > 0 && b.name_len > 0;
    let name_bits = names.unwrap_or(0);
    let same_email = a.email != 0 && a.email == b.email;
    let colleagues = same_email && a.role_email && both_named && names.is_none();
    if same_email && !colleagues {
        return (Some((true, How(How::EMAIL | name_bits))), false);
    }
    let same_phone = a.phones.iter().any(|&p| p != 0 && b.phones.contains(&p));
    let mut clash = false;
    if same_phone {
        if !both_named || names.is_some() {
            return (Some((true, How(How::PHONE | name_bits))), false);
        }
        clash = true;
    }
    let same_pc = a.postcode != 0 && a.postcode == b.postcode;
    if !same_pc || names.is_none() {
        return (None, clash);
    }
    let street_equal = a.street_fold != 0 && a.street_fold == b.street_fold;
    if street_equal && name_bits == How::NAME_EQUAL {
        let how = How(How::NAME_EQUAL | How::STREET_EQUAL | How::POSTCODE);
        return (Some((true, how)), clash);
    }
    let mut how = name_bits | How::POSTCODE;
    if street_equal {
        how |= How::STREET_EQUAL;
    } else if a.street_norm != 0 && a.street_norm == b.street_norm {
        how |= How::STREET_ABBREV;
    } else if a.email_local != 0 && a.email_local == b.email_local {
        how |= How::EMAIL_LOCAL;
    } else if same_phone {
        how |= How::PHONE;
    } else {
        return (None, clash);
    }
    (Some((false, How(how))), clash)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys<'a>(
        first: &'a str,
        last: &'a str,
        email: &'a [String],
        phone: &'a [String],
        street: &'a str,
        pc: &'a str,
    ) -> RowKeys<'a> {
        // Folded as the field checker folds them; leaked: a few bytes per test row.
        let mut names = String::new();
        for part in [first, last] {
            crate::checks::content::fold_words_append(part, &mut names);
        }
        RowKeys {
            names: Box::leak(names.into_boxed_str()),
            emails: email,
            phones: phone,
            street,
            postcode: pc,
            role_email: false,
        }
    }

    #[test]
    fn phonetic_groups_french_spellings() {
        for (a, b) in [
            ("Dupont", "Dupond"),
            ("Lefebvre", "Lefèvre"),
            ("Philippe", "Filipe"),
            ("Chevalier", "Schevalier"),
            ("Martin", "MARTIN"),
            ("Gérard", "Gerar"),
        ] {
            let mut fa = String::new();
            let mut fb = String::new();
            crate::checks::content::fold_words_append(a, &mut fa);
            crate::checks::content::fold_words_append(b, &mut fb);
            assert_eq!(phonetic(fa.trim()), phonetic(fb.trim()), "{a} / {b}");
        }
        assert_ne!(phonetic("martin"), phonetic("bernard"));
        assert_ne!(phonetic("petit"), phonetic("durand"));
    }

    #[test]
    fn distance_counts_edits_and_swaps() {
        assert_eq!(distance(b"dupont", b"dupont", 2), 0);
        assert_eq!(distance(b"dupont", b"dupond", 2), 1);
        assert_eq!(distance(b"dupont", b"udpont", 2), 1);
        assert_eq!(distance(b"dupont", b"dupontt", 2), 1);
        assert_eq!(distance(b"dupont", b"martin", 2), 3);
    }

    #[test]
    fn exact_fuzzy_and_shared_phone() {
        let mut d = Dedup::default();
        let e1 = ["jean.dupont@orange.fr".to_string()];
        let p1 = ["+33612345678".to_string()];
        let v = d.add(
            1,
            &keys("Jean", "Dupont", &e1, &p1, "12 rue de la Paix", "75002"),
        );
        assert_eq!(v, Verdict::default());
        // Same canonical email.
        let v = d.add(2, &keys("J.", "DUPONT", &e1, &[], "", ""));
        assert_eq!(v.duplicate_of, Some((1, true)));
        // Swapped names, abbreviated street, another email: fuzzy, of row 1.
        let e3 = ["jdupont@free.fr".to_string()];
        let v = d.add(
            3,
            &keys("Dupont", "Jean", &e3, &[], "12 r. de la Paix", "75002"),
        );
        assert_eq!(v.duplicate_of, Some((1, false)));
        assert!(v.how.has(How::NAME_SWAPPED) && v.how.has(How::STREET_ABBREV));
        // Same phone, another person: shared.
        let v = d.add(4, &keys("Marie", "Curie", &[], &p1, "", ""));
        assert_eq!(v.duplicate_of, None);
        assert!(v.phone_shared);
        // A typo in the name, same street and postcode.
        let v = d.add(
            5,
            &keys("Jean", "Dupomt", &[], &[], "12 RUE DE LA PAIX", "75002"),
        );
        assert_eq!(v.duplicate_of, Some((1, false)));
        assert!(v.how.has(How::NAME_TYPO));
        // Same name elsewhere: not a duplicate.
        let v = d.add(
            6,
            &keys("Jean", "Dupont", &[], &[], "3 avenue Foch", "69006"),
        );
        assert_eq!(v, Verdict::default());
        let r = d.report();
        assert_eq!(
            (r.clusters, r.exact_rows, r.fuzzy_rows, r.phone_shared_rows),
            (1, 1, 2, 1)
        );
        assert_eq!(r.examples[0].rows, vec![2, 3, 5]);
    }

    #[test]
    fn memory_is_bounded_by_the_rows_remembered() {
        let mut d = Dedup {
            limit: 3,
            ..Dedup::default()
        };
        let email = |s: &str| [s.to_string()];
        let (a, b, c) = (email("a.b@x.fr"), email("c.d@x.fr"), email("e.f@x.fr"));
        let g = email("g.h@x.fr");
        for (i, e) in [&a, &b, &c].into_iter().enumerate() {
            d.add(i as u64 + 1, &keys("", "", e, &[], "", ""));
        }
        // Row 4 (new) is compared with the three remembered rows, not remembered.
        assert_eq!(d.add(4, &keys("", "", &g, &[], "", "")), Verdict::default());
        // Row 5 duplicates row 1: found; row 6 duplicates row 4: missed.
        assert_eq!(
            d.add(5, &keys("", "", &a, &[], "", "")).duplicate_of,
            Some((1, true))
        );
        assert_eq!(d.add(6, &keys("", "", &g, &[], "", "")).duplicate_of, None);
        let r = d.report();
        assert_eq!((r.remembered_rows, r.complete, r.exact_rows), (3, false, 1));
        assert_eq!(d.len(), 3);
    }
}
