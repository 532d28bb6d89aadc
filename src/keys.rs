//! Matching keys: the canonical email and E.164 phone of a contact, salted SHA-256
//! hashes of them (to compare two files without showing either), and the unsalted
//! hashes the ad platforms ask for, each with its own published normalisation.
//!
//! Pure: no I/O, no clock; the same code runs in the CLI (`tamis hash`) and in wasm.
//!
//! # The salted hash
//!
//! Two companies that want to know how many contacts they share agree on a secret salt
//! (at least [`MIN_SALT_LEN`] bytes), each runs `tamis hash FILE --salt-file S`, and they
//! exchange the hash files. A key's digest is
//!
//! ```text
//! SHA-256( salt || 0x00 || kind || 0x00 || key )
//! ```
//!
//! where `kind` is the ASCII word `email` or `phone` and `key` the UTF-8 canonical form
//! ([`canonical_email`], [`canonical_phone`]). The kind keeps an email and a phone from
//! ever sharing a digest; the salt keeps anyone without it from testing guessed
//! addresses against the file (an unsalted hash of an email is reversed by hashing a
//! list of addresses). A hash file is a first line `# ` + [`NORMALISATION_VERSION`],
//! then one lower-case hex digest per line, sorted, each once, `\n` line endings.
//!
//! # Canonical keys
//!
//! - email: trimmed, lower-cased, and for `gmail.com` / `googlemail.com` the dots and
//!   the `+tag` of the local part removed and the domain written `gmail.com`
//!   (`Jean.Dupont+promo@GoogleMail.com` is `jeandupont@gmail.com`). Other domains keep
//!   their `+tag`: not every provider treats `+` as a sub-address. Internationalised
//!   domains stay in Unicode, lower-cased (a partner's file written in punycode,
//!   `xn--...`, will not match them). Invalid addresses have no key.
//! - phone: E.164 (`+33612345678`), from any common French writing (`06 12 34 56 78`,
//!   `0033 6...`, `+33 (0)6...`, dots, dashes, a leading zero eaten by a spreadsheet),
//!   the overseas departments with their own country codes (`0262...` is
//!   `+262262...`, `0690...` is `+590690...`), foreign numbers with theirs. See
//!   [`crate::checks::phone`].

use sha2::{Digest, Sha256};

use crate::audit::{HeaderView, RowSink, RowView};
use crate::checks::{email, phone};
use crate::error::{Error, ErrorKind, Result};

/// The normalisation and hash construction of salted hash files, written on their first
/// line. Both sides of an exchange must use the same one: a change to the canonical
/// forms or to the construction gets a new number.
pub const NORMALISATION_VERSION: &str = "tamis-keys-1: email=trim,lower,gmail-dots,gmail-plus-tag,googlemail=gmail; phone=E.164,overseas-own-codes; sha256(salt|0|kind|0|key)";

/// The shortest salt accepted, in bytes.
pub const MIN_SALT_LEN: usize = 16;

/// What a key identifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyKind {
    /// A canonical email address.
    Email,
    /// An E.164 phone number.
    Phone,
}

impl KeyKind {
    /// `email` or `phone`: the word hashed between the salt and the key.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Email => "email",
            KeyKind::Phone => "phone",
        }
    }
}

/// Where a phone number written without a country code is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Region {
    /// France: `06 12 34 56 78` is `+33612345678`, `0262...` is `+262262...`. The only
    /// national plan tamis knows in detail; numbers written with a `+` or `00` country
    /// code are read in their own country's plan whatever the region.
    #[default]
    France,
}

/// The canonical email for matching (see the module documentation), or `None` for an
/// invalid address.
pub fn canonical_email(raw: &str) -> Option<String> {
    let mut out = String::new();
    canonical_email_into(raw, &mut out).then_some(out)
}

/// [`canonical_email`] written into `out` (cleared first), without allocating when `out`
/// has room. Returns false, with `out` empty, for an invalid address.
pub fn canonical_email_into(raw: &str, out: &mut String) -> bool {
    out.clear();
    let addr = raw.trim();
    if !email::syntax_ok(addr) {
        return false;
    }
    let Some((local, domain)) = email::split(addr) else {
        return false;
    };
    canonical_parts_into(local, domain, out)
}

/// [`canonical_email_into`] of a valid address `local@domain`, given as its two halves
/// at its `@` (as the field check split it).
pub(crate) fn canonical_parts_into(local: &str, domain: &str, out: &mut String) -> bool {
    out.clear();
    if is_gmail(domain) {
        let base = local.split('+').next().unwrap_or(local);
        out.extend(
            base.chars()
                .filter(|&c| c != '.')
                .map(|c| c.to_ascii_lowercase()),
        );
        if out.is_empty() {
            // `+tag@gmail.com`: no mailbox left.
            return false;
        }
        out.push_str("@gmail.com");
        return true;
    }
    push_lower(out, local);
    out.push('@');
    push_lower(out, domain);
    // Lower-casing ASCII keeps a valid address valid: only Unicode can break it.
    let ascii = local.is_ascii() && domain.is_ascii();
    if !ascii && !email::syntax_ok(out) {
        // When Unicode lower-casing breaks the address (`İ`), only ASCII letters are
        // lowered, so that the form stays valid and maps to itself.
        out.clear();
        out.push_str(&local.to_ascii_lowercase());
        out.push('@');
        out.push_str(&domain.to_ascii_lowercase());
    }
    true
}

/// `gmail.com` or `googlemail.com`, in any case.
fn is_gmail(domain: &str) -> bool {
    domain.eq_ignore_ascii_case("gmail.com") || domain.eq_ignore_ascii_case("googlemail.com")
}

fn push_lower(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(s.chars().flat_map(char::to_lowercase));
    }
}

/// The E.164 form of a phone number (`+33612345678`), or `None` when it is not a valid
/// number. Delegates to [`phone::parse`].
pub fn canonical_phone(raw: &str, region: Region) -> Option<String> {
    match region {
        Region::France => phone::parse(raw).ok().map(|p| p.e164),
    }
}

/// The canonical key of a raw value of this kind.
pub fn canonical(kind: KeyKind, raw: &str, region: Region) -> Option<String> {
    match kind {
        KeyKind::Email => canonical_email(raw),
        KeyKind::Phone => canonical_phone(raw, region),
    }
}

/// A secret shared by the two sides of an exchange. Its [`Debug`](std::fmt::Debug)
/// output does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Salt(Vec<u8>);

impl Salt {
    /// A salt from the bytes of a salt file: one trailing line ending (`\n` or `\r\n`)
    /// is dropped, so that a salt written by `echo` or a text editor is the same as
    /// one written by `printf`; every other byte counts. At least [`MIN_SALT_LEN`] bytes.
    pub fn new(bytes: &[u8]) -> Result<Salt> {
        let b = bytes
            .strip_suffix(b"\n")
            .map(|b| b.strip_suffix(b"\r").unwrap_or(b))
            .unwrap_or(bytes);
        if b.is_empty() {
            return Err(ErrorKind::Salt(format!(
                "the salt is empty; it must be a secret of at least {MIN_SALT_LEN} bytes shared \
                 with your partner"
            ))
            .into());
        }
        if b.len() < MIN_SALT_LEN {
            return Err(ErrorKind::Salt(format!(
                "the salt has {} bytes, at least {MIN_SALT_LEN} are needed: a short salt can be \
                 guessed, and then every hash reversed by hashing a list of addresses",
                b.len()
            ))
            .into());
        }
        Ok(Salt(b.to_vec()))
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a salt has at least [`MIN_SALT_LEN`] bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The salted digest of a canonical key (see the module documentation).
    pub fn digest(&self, kind: KeyKind, key: &str) -> [u8; 32] {
        salted_digest(&self.0, kind, key)
    }
}

impl std::fmt::Debug for Salt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Salt({} bytes)", self.0.len())
    }
}

/// `SHA-256(salt || 0x00 || kind || 0x00 || key)`, `key` already canonical.
pub fn salted_digest(salt: &[u8], kind: KeyKind, key: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt);
    h.update([0u8]);
    h.update(kind.as_str().as_bytes());
    h.update([0u8]);
    h.update(key.as_bytes());
    h.finalize().into()
}

/// An ad platform's customer-matching normalisation: the platform hashes what it
/// receives with plain, unsalted SHA-256 after its own normalisation, and the rules
/// differ (gmail dots, `+tag`, the `+` of E.164).
///
/// Each rule is taken from the platform's documentation (the URLs are on the variants)
/// and [`Platform::rule`] names it in the hash file's first line. A phone number is
/// first read as tamis reads it ([`canonical_phone`]), so its country code is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    /// Google Ads Customer Match and enhanced conversions: email trimmed and
    /// lower-cased, the dots of the local part removed for `gmail.com` and
    /// `googlemail.com` only (the domain and any `+tag` kept); phone in E.164 with its
    /// `+`. The dot removal is what the enhanced-conversions guides ask for
    /// (<https://developers.google.com/google-ads/api/docs/conversions/upload-online>,
    /// <https://developers.google.com/doubleclick-advertisers/guides/conversions_ec>);
    /// the Customer Match guide says it is accepted but not required
    /// (<https://developers.google.com/google-ads/api/docs/remarketing/audience-types/customer-match>);
    /// phones: "E164 format ... starting with a + sign".
    Google,
    /// Meta (Facebook, Instagram) Conversions API and custom audiences: email trimmed
    /// and lower-cased, nothing else (no gmail rule); phone as digits only with the
    /// country code, no `+`, no leading zeros
    /// (<https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters>).
    /// Its examples are test vectors here: `john_smith@gmail.com` and `16505551212`.
    Meta,
    /// TikTok custom audiences from a customer file: email lower-cased with the `+tag`
    /// removed (up to the `@`, every domain); phone as digits with the country code,
    /// no `+`, no leading zeros
    /// (<https://ads.tiktok.com/help/article/list-of-supported-ids-and-formats-for-a-customer-file>,
    /// August 2025). TikTok's other help page asks for E.164 with a `+`, but its own
    /// hashed example is the hash of `37493828222`, without it
    /// (<https://ads.tiktok.com/help/article/how-to-create-a-custom-audience-with-a-customer-file>).
    TikTok,
}

impl Platform {
    /// Every platform, in the order of `--platform`'s help.
    pub const ALL: [Platform; 3] = [Platform::Google, Platform::Meta, Platform::TikTok];

    /// `google`, `meta` or `tiktok`.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Google => "google",
            Platform::Meta => "meta",
            Platform::TikTok => "tiktok",
        }
    }

    /// The platform of a name (`google`, `meta` or `facebook`, `tiktok`; any case).
    pub fn from_name(name: &str) -> Option<Platform> {
        match name.trim().to_ascii_lowercase().as_str() {
            "google" | "google-ads" => Some(Platform::Google),
            "meta" | "facebook" => Some(Platform::Meta),
            "tiktok" => Some(Platform::TikTok),
            _ => None,
        }
    }

    /// The rule applied, as written on a platform hash file's first line.
    pub fn rule(self) -> &'static str {
        match self {
            Platform::Google => "platform=google (Google Ads Customer Match / enhanced conversions): email=trim,lower,dots removed before @gmail.com and @googlemail.com; phone=E.164 with +; sha256 hex, unsalted",
            Platform::Meta => "platform=meta (Meta Conversions API / custom audiences): email=trim,lower; phone=E.164 digits without +; sha256 hex, unsalted",
            Platform::TikTok => "platform=tiktok (TikTok customer file, Aug 2025): email=trim,lower,+tag removed; phone=E.164 digits without +; sha256 hex, unsalted",
        }
    }

    /// The platform's normalised email, or `None` for an invalid address.
    pub fn normalise_email(self, raw: &str) -> Option<String> {
        let addr = raw.trim();
        if !email::syntax_ok(addr) {
            return None;
        }
        let (local, domain) = email::split(addr)?;
        let mut out = String::with_capacity(addr.len());
        match self {
            Platform::Google if is_gmail(domain) => {
                out.extend(
                    local
                        .chars()
                        .filter(|&c| c != '.')
                        .map(|c| c.to_ascii_lowercase()),
                );
            }
            Platform::TikTok => push_lower(&mut out, local.split('+').next().unwrap_or(local)),
            _ => push_lower(&mut out, local),
        }
        if out.is_empty() {
            return None;
        }
        out.push('@');
        push_lower(&mut out, domain);
        Some(out)
    }

    /// The platform's normalised phone number, or `None` when it is not a valid number.
    pub fn normalise_phone(self, raw: &str, region: Region) -> Option<String> {
        let e164 = canonical_phone(raw, region)?;
        Some(match self {
            Platform::Google => e164,
            // E.164 has no leading zero after its `+`.
            Platform::Meta | Platform::TikTok => e164[1..].to_string(),
        })
    }

    /// The platform's normalised form of a raw value of this kind.
    pub fn normalise(self, kind: KeyKind, raw: &str, region: Region) -> Option<String> {
        match kind {
            KeyKind::Email => self.normalise_email(raw),
            KeyKind::Phone => self.normalise_phone(raw, region),
        }
    }

    /// The unsalted SHA-256 the platform expects for a raw value, or `None` when the
    /// value is not a valid email or phone number.
    pub fn digest(self, kind: KeyKind, raw: &str, region: Region) -> Option<[u8; 32]> {
        self.normalise(kind, raw, region)
            .map(|n| Sha256::digest(n.as_bytes()).into())
    }
}

/// How the keys are hashed.
#[derive(Debug, Clone)]
pub enum Hashing {
    /// With a shared salt, for an exchange between partners.
    Salted(Salt),
    /// As an ad platform asks, unsalted.
    Platform(Platform),
}

impl Hashing {
    /// The hash file's first line, without `# `: [`NORMALISATION_VERSION`] or the
    /// platform's [`rule`](Platform::rule).
    pub fn header(&self) -> &'static str {
        match self {
            Hashing::Salted(_) => NORMALISATION_VERSION,
            Hashing::Platform(p) => p.rule(),
        }
    }

    /// The digest of a raw value, or `None` when it is not a valid email or phone.
    /// `scratch` is reused for the canonical email.
    fn digest(
        &self,
        kind: KeyKind,
        raw: &str,
        region: Region,
        scratch: &mut String,
    ) -> Option<[u8; 32]> {
        match self {
            Hashing::Salted(salt) => match kind {
                KeyKind::Email => {
                    canonical_email_into(raw, scratch).then(|| salt.digest(kind, scratch))
                }
                KeyKind::Phone => canonical_phone(raw, region).map(|p| salt.digest(kind, &p)),
            },
            Hashing::Platform(p) => p.digest(kind, raw, region),
        }
    }
}

/// Which keys to hash.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kinds {
    /// Emails only.
    Email,
    /// Phones only.
    Phone,
    /// Both (the default).
    #[default]
    Both,
}

impl Kinds {
    /// The kinds of a name: `email`, `phone` or `both`.
    pub fn from_name(name: &str) -> Option<Kinds> {
        match name.trim().to_ascii_lowercase().as_str() {
            "email" | "emails" => Some(Kinds::Email),
            "phone" | "phones" => Some(Kinds::Phone),
            "both" | "all" => Some(Kinds::Both),
            _ => None,
        }
    }

    fn email(self) -> bool {
        self != Kinds::Phone
    }

    fn phone(self) -> bool {
        self != Kinds::Email
    }
}

/// What a [`HashSetBuilder`] saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HashStats {
    /// Data rows read.
    pub rows: u64,
    /// Rows that gave no key (no valid email or phone in the hashed columns).
    pub rows_without_key: u64,
    /// Email keys hashed (before duplicates are removed).
    pub emails: u64,
    /// Phone keys hashed (before duplicates are removed).
    pub phones: u64,
    /// Non-empty cells of the hashed columns that are not a valid email or phone.
    pub invalid: u64,
    /// Digests dropped as duplicates (set by [`HashSetBuilder::finish`]).
    pub duplicates: u64,
}

/// Collects the digests of a file's emails and phones as the auditor reads it: give it
/// to [`Auditor::feed_with`](crate::Auditor::feed_with) and
/// [`finish_with`](crate::Auditor::finish_with). The email columns are those whose
/// role is [`Role::Email`](crate::Role::Email), the phone columns those whose role
/// [`is_phone`](crate::Role::is_phone). Memory: 32 bytes per key, no clear text kept.
#[derive(Debug)]
pub struct HashSetBuilder {
    hashing: Hashing,
    kinds: Kinds,
    region: Region,
    email_columns: Vec<usize>,
    phone_columns: Vec<usize>,
    header_seen: bool,
    digests: Vec<[u8; 32]>,
    stats: HashStats,
    scratch: String,
}

impl HashSetBuilder {
    /// A builder hashing `kinds` with `hashing`, reading national phone numbers in
    /// `region`.
    pub fn new(hashing: Hashing, kinds: Kinds, region: Region) -> HashSetBuilder {
        HashSetBuilder {
            hashing,
            kinds,
            region,
            email_columns: Vec::new(),
            phone_columns: Vec::new(),
            header_seen: false,
            digests: Vec::new(),
            stats: HashStats::default(),
            scratch: String::new(),
        }
    }

    /// Whether the columns are known yet (false for an empty or non-text input).
    pub fn header_seen(&self) -> bool {
        self.header_seen
    }

    /// The hashed email columns, from 0 (empty unless emails are hashed).
    pub fn email_columns(&self) -> &[usize] {
        &self.email_columns
    }

    /// The hashed phone columns, from 0 (empty unless phones are hashed).
    pub fn phone_columns(&self) -> &[usize] {
        &self.phone_columns
    }

    /// The counts so far.
    pub fn stats(&self) -> HashStats {
        self.stats
    }

    /// Adds the digest of one raw value; returns whether it was a valid key.
    pub fn add(&mut self, kind: KeyKind, raw: &str) -> bool {
        match self
            .hashing
            .digest(kind, raw, self.region, &mut self.scratch)
        {
            Some(d) => {
                self.digests.push(d);
                match kind {
                    KeyKind::Email => self.stats.emails += 1,
                    KeyKind::Phone => self.stats.phones += 1,
                }
                true
            }
            None => {
                if !raw.trim().is_empty() {
                    self.stats.invalid += 1;
                }
                false
            }
        }
    }

    /// Sorts and deduplicates the digests.
    pub fn finish(mut self) -> HashSet {
        self.digests.sort_unstable();
        let before = self.digests.len();
        self.digests.dedup();
        self.digests.shrink_to_fit();
        self.stats.duplicates = (before - self.digests.len()) as u64;
        HashSet {
            header: self.hashing.header(),
            digests: self.digests,
            stats: self.stats,
        }
    }
}

impl RowSink for HashSetBuilder {
    fn header(&mut self, header: &HeaderView<'_>) {
        self.header_seen = true;
        for (i, col) in header.columns.iter().enumerate() {
            if self.kinds.email() && col.role == crate::Role::Email {
                self.email_columns.push(i);
            } else if self.kinds.phone() && col.role.is_phone() {
                self.phone_columns.push(i);
            }
        }
    }

    fn row(&mut self, row: &RowView<'_>) {
        self.stats.rows += 1;
        let mut any = false;
        for ci in 0..self.email_columns.len() {
            if let Some(v) = row.field(self.email_columns[ci]) {
                any |= self.add(KeyKind::Email, v);
            }
        }
        for ci in 0..self.phone_columns.len() {
            if let Some(v) = row.field(self.phone_columns[ci]) {
                any |= self.add(KeyKind::Phone, v);
            }
        }
        if !any {
            self.stats.rows_without_key += 1;
        }
    }
}

/// A finished set of digests, sorted, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashSet {
    /// The first line of the hash file, without `# `.
    pub header: &'static str,
    /// The digests, sorted, each once.
    pub digests: Vec<[u8; 32]>,
    /// What was read.
    pub stats: HashStats,
}

impl HashSet {
    /// The whole hash file as text (for small sets and tests; the CLI writes it line
    /// by line with [`hex_into`]).
    pub fn to_text(&self) -> String {
        let mut s = String::with_capacity(self.header.len() + 3 + self.digests.len() * 65);
        s.push_str("# ");
        s.push_str(self.header);
        s.push('\n');
        let mut buf = [0u8; 64];
        for d in &self.digests {
            s.push_str(hex_into(d, &mut buf));
            s.push('\n');
        }
        s
    }
}

/// Writes a digest as 64 lower-case hex digits into `buf` and returns them.
pub fn hex_into<'a>(digest: &[u8; 32], buf: &'a mut [u8; 64]) -> &'a str {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (i, b) in digest.iter().enumerate() {
        buf[2 * i] = HEX[usize::from(b >> 4)];
        buf[2 * i + 1] = HEX[usize::from(b & 15)];
    }
    std::str::from_utf8(buf).unwrap_or_default()
}

/// A digest as 64 lower-case hex digits.
pub fn hex(digest: &[u8; 32]) -> String {
    hex_into(digest, &mut [0u8; 64]).to_string()
}

/// Reads 64 hex digits (either case) as a digest.
pub fn parse_hex(s: &str) -> Option<[u8; 32]> {
    let b = s.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = nibble(b[2 * i])? << 4 | nibble(b[2 * i + 1])?;
    }
    Some(out)
}

/// Reads a hash file: its first line `# <version>`, then one hex digest per line.
/// Blank lines and `\r\n` endings are accepted, digests in either case and in any
/// order (they are sorted and deduplicated here). Returns the version (the first line
/// without `# `) and the digests, ready for [`contains`]. Which versions are usable is
/// the caller's choice ([`PartnerKeys::new`] wants [`NORMALISATION_VERSION`]).
pub fn parse_hash_file(text: &str) -> Result<(String, Vec<[u8; 32]>)> {
    let err = |line: usize, message: String| Error::from(ErrorKind::HashFile { line, message });
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate();
    let version = match lines.next() {
        Some((_, first)) => match first.trim_end().strip_prefix('#') {
            Some(v) if !v.trim().is_empty() => v.trim().to_string(),
            _ => {
                return Err(err(
                    1,
                    "the first line must be `# <normalisation version>`, as `tamis hash` \
                     writes it"
                        .into(),
                ))
            }
        },
        None => return Err(err(0, "the file is empty".into())),
    };
    let mut digests = Vec::new();
    for (i, line) in lines {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        if l.len() != 64 {
            return Err(err(
                i + 1,
                format!(
                    "expected 64 hex digits (a SHA-256), found {} characters",
                    l.chars().count()
                ),
            ));
        }
        match parse_hex(l) {
            Some(d) => digests.push(d),
            None => {
                return Err(err(
                    i + 1,
                    "not hexadecimal: only 0-9 and a-f are allowed".into(),
                ))
            }
        }
    }
    digests.sort_unstable();
    digests.dedup();
    Ok((version, digests))
}

/// Whether a sorted slice of digests holds `digest` (binary search).
pub fn contains(sorted: &[[u8; 32]], digest: &[u8; 32]) -> bool {
    sorted.binary_search(digest).is_ok()
}

/// A partner's salted hash file, with the salt: answers "is this contact also in the
/// partner's file?" without either side seeing the other's clear text.
#[derive(Debug, Clone)]
pub struct PartnerKeys {
    salt: Salt,
    digests: Vec<[u8; 32]>,
    region: Region,
}

impl PartnerKeys {
    /// Reads a partner's hash file (see [`parse_hash_file`]); its version must be
    /// [`NORMALISATION_VERSION`], or the two sides would hash different keys.
    pub fn new(hash_file: &str, salt: Salt) -> Result<PartnerKeys> {
        let (version, digests) = parse_hash_file(hash_file)?;
        if version != NORMALISATION_VERSION {
            let message = if version.starts_with("platform=") {
                format!(
                    "it holds an ad platform's unsalted hashes ({version}), not salted \
                     hashes for an exchange: make it with `tamis hash --salt-file`"
                )
            } else {
                format!(
                    "made with another normalisation ({version}); this tamis expects \
                     {NORMALISATION_VERSION}"
                )
            };
            return Err(ErrorKind::HashFile { line: 1, message }.into());
        }
        Ok(PartnerKeys {
            salt,
            digests,
            region: Region::default(),
        })
    }

    /// Reads national phone numbers in `region` (France by default).
    pub fn with_region(mut self, region: Region) -> PartnerKeys {
        self.region = region;
        self
    }

    /// Number of distinct digests in the partner's file.
    pub fn len(&self) -> usize {
        self.digests.len()
    }

    /// True when the partner's file holds no digest.
    pub fn is_empty(&self) -> bool {
        self.digests.is_empty()
    }

    /// Whether the partner's file holds this digest.
    pub fn contains(&self, digest: &[u8; 32]) -> bool {
        contains(&self.digests, digest)
    }

    /// Whether a canonical key (see [`canonical`]) is in the partner's file.
    pub fn contains_key(&self, kind: KeyKind, canonical: &str) -> bool {
        self.contains(&self.salt.digest(kind, canonical))
    }

    /// Whether a raw email (any writing of it) is in the partner's file.
    pub fn matches_email(&self, raw: &str) -> bool {
        canonical_email(raw).is_some_and(|k| self.contains(&self.salt.digest(KeyKind::Email, &k)))
    }

    /// Whether a raw phone number (any writing of it) is in the partner's file.
    pub fn matches_phone(&self, raw: &str) -> bool {
        canonical_phone(raw, self.region)
            .is_some_and(|k| self.contains(&self.salt.digest(KeyKind::Phone, &k)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn salt() -> Salt {
        Salt::new(b"correct horse battery staple\n").unwrap()
    }

    #[test]
    fn canonical_emails() {
        for (raw, want) in [
            ("jean.dupont@orange.fr", Some("jean.dupont@orange.fr")),
            ("  Jean.Dupont@Orange.FR\t", Some("jean.dupont@orange.fr")),
            ("JEAN@EXEMPLE.COM", Some("jean@exemple.com")),
            // gmail: dots and +tag removed, googlemail is gmail.
            ("jean.dupont@gmail.com", Some("jeandupont@gmail.com")),
            ("J.e.a.n.Dupont@GMail.com", Some("jeandupont@gmail.com")),
            ("jean.dupont+promo@gmail.com", Some("jeandupont@gmail.com")),
            (
                "jean.dupont+a.b@googlemail.com",
                Some("jeandupont@gmail.com"),
            ),
            ("Jean.Dupont@GoogleMail.COM", Some("jeandupont@gmail.com")),
            // Other domains keep dots and +tag.
            (
                "jean.dupont+promo@orange.fr",
                Some("jean.dupont+promo@orange.fr"),
            ),
            ("jean.dupont@gmail.fr", Some("jean.dupont@gmail.fr")),
            // IDN: lower-cased, left in Unicode.
            ("Jean@Café.FR", Some("jean@café.fr")),
            ("jean@ÉCOLE.fr", Some("jean@école.fr")),
            // Not addresses.
            ("", None),
            ("   ", None),
            ("jean", None),
            ("jean@", None),
            ("@orange.fr", None),
            ("jean..dupont@orange.fr", None),
            ("jean dupont@orange.fr", None),
            ("+promo@gmail.com", None),
            ("jean@orange", None),
        ] {
            assert_eq!(canonical_email(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn canonical_email_reuses_its_buffer() {
        let mut buf = String::with_capacity(64);
        let ptr = buf.as_ptr();
        assert!(canonical_email_into("A.B@gmail.com", &mut buf));
        assert_eq!(buf, "ab@gmail.com");
        assert!(!canonical_email_into("nope", &mut buf));
        assert_eq!(buf, "");
        assert_eq!(buf.as_ptr(), ptr);
    }

    #[test]
    fn canonical_phones() {
        let want = Some("+33612345670");
        for (raw, expected) in [
            ("06 12 34 56 70", want),
            ("0612345670", want),
            ("06.12.34.56.70", want),
            ("06-12-34-56-70", want),
            ("+33 6 12 34 56 70", want),
            ("+33612345670", want),
            ("0033 6 12 34 56 70", want),
            ("+33 (0)6 12 34 56 70", want),
            ("33612345670", want),
            ("612345670", want), // the leading zero eaten by Excel
            (" 06 12 34 56 70 ", want),
            ("01 42 68 53 07", Some("+33142685307")),
            ("142685307", Some("+33142685307")),
            // Overseas: their own country codes.
            ("0262 12 34 56", Some("+262262123456")),
            ("0692 12 34 56", Some("+262692123456")),
            ("0693 12 34 56", Some("+262693123456")),
            ("0269 61 12 34", Some("+262269611234")),
            ("0639 26 27 28", Some("+262639262728")),
            ("0590 12 34 56", Some("+590590123456")),
            ("0690 12 34 56", Some("+590690123456")),
            ("0594 12 34 56", Some("+594594123456")),
            ("0694 12 34 56", Some("+594694123456")),
            ("0596 12 34 56", Some("+596596123456")),
            ("0696 12 34 56", Some("+596696123456")),
            ("0508 41 23 45", Some("+508412345")),
            ("+262 262 12 34 56", Some("+262262123456")),
            ("+590 690 12 34 56", Some("+590690123456")),
            // Foreign numbers.
            ("+44 20 7946 0958", Some("+442079460958")),
            ("+44 (0)20 7946 0958", Some("+442079460958")),
            ("0032 470 12 34 56", Some("+32470123456")),
            ("+32 470 12 34 56", Some("+32470123456")),
            ("+41 79 123 45 67", Some("+41791234567")),
            ("0041 79 123 45 67", Some("+41791234567")),
            // Not numbers.
            ("", None),
            ("06 12 34", None),
            ("tel 06 12 34 56 70", None),
            ("+999 123456789", None),
        ] {
            assert_eq!(
                canonical_phone(raw, Region::France).as_deref(),
                expected,
                "{raw:?}"
            );
        }
    }

    #[test]
    fn the_salted_construction_is_the_documented_one() {
        let s = salt();
        assert_eq!(s.len(), 28);
        let mut manual = Sha256::new();
        manual.update(b"correct horse battery staple\0email\0jean@orange.fr");
        let want: [u8; 32] = manual.finalize().into();
        assert_eq!(s.digest(KeyKind::Email, "jean@orange.fr"), want);
        // The kind separates an email from a phone with the same bytes.
        assert_ne!(s.digest(KeyKind::Email, "x"), s.digest(KeyKind::Phone, "x"));
        // A CRLF-ended salt file is the same salt.
        assert_eq!(Salt::new(b"correct horse battery staple\r\n").unwrap(), s);
        assert_eq!(Salt::new(b"correct horse battery staple").unwrap(), s);
        assert_eq!(format!("{s:?}"), "Salt(28 bytes)");
    }

    #[test]
    fn short_salts_are_refused() {
        let bad: [&[u8]; 5] = [
            b"",
            b"\n",
            b"\r\n",
            b"fifteen bytes!!",
            b"fifteen bytes!!\n",
        ];
        for bad in bad {
            let e = Salt::new(bad).unwrap_err();
            assert!(matches!(e.kind(), ErrorKind::Salt(_)), "{bad:?}: {e}");
            assert_eq!(e.name(), "TamisSaltError");
        }
        assert!(Salt::new(b"sixteen bytes!!!").is_ok());
        assert!(Salt::new(&[0u8; 16]).is_ok());
    }

    #[test]
    fn platform_normalisations_differ_as_documented() {
        let e = |p: Platform, raw: &str| p.normalise_email(raw);
        let raw = " Jean.Dupont+Promo@GoogleMail.com ";
        assert_eq!(
            e(Platform::Google, raw).as_deref(),
            Some("jeandupont+promo@googlemail.com")
        );
        assert_eq!(
            e(Platform::Meta, raw).as_deref(),
            Some("jean.dupont+promo@googlemail.com")
        );
        assert_eq!(
            e(Platform::TikTok, raw).as_deref(),
            Some("jean.dupont@googlemail.com")
        );
        // Google removes dots for gmail only.
        assert_eq!(
            e(Platform::Google, "Jean.Dupont@Orange.fr").as_deref(),
            Some("jean.dupont@orange.fr")
        );
        assert_eq!(e(Platform::Meta, "nope"), None);
        let p = |pl: Platform, raw: &str| pl.normalise_phone(raw, Region::France);
        assert_eq!(
            p(Platform::Google, "06 12 34 56 70").as_deref(),
            Some("+33612345670")
        );
        assert_eq!(
            p(Platform::Meta, "06 12 34 56 70").as_deref(),
            Some("33612345670")
        );
        assert_eq!(
            p(Platform::TikTok, "0692 12 34 56").as_deref(),
            Some("262692123456")
        );
        assert_eq!(p(Platform::Meta, "06 12"), None);
        for pl in Platform::ALL {
            assert_eq!(Platform::from_name(pl.name()), Some(pl));
            assert!(pl.rule().starts_with(&format!("platform={} ", pl.name())));
        }
        assert_eq!(Platform::from_name("Facebook"), Some(Platform::Meta));
        assert_eq!(Platform::from_name("linkedin"), None);
    }

    #[test]
    fn platform_test_vectors_from_their_documentation() {
        let h = |pl: Platform, kind: KeyKind, raw: &str| {
            pl.digest(kind, raw, Region::France).map(|d| hex(&d))
        };
        // Meta's customer information parameters page.
        assert_eq!(
            h(Platform::Meta, KeyKind::Email, "John_Smith@gmail.com").as_deref(),
            Some("62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f")
        );
        assert_eq!(
            h(Platform::Meta, KeyKind::Phone, "+1 (650) 555-1212").as_deref(),
            Some("e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176")
        );
        // TikTok's customer file pages.
        assert_eq!(
            h(Platform::TikTok, KeyKind::Email, "janedoe@gmail.com").as_deref(),
            Some("d6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69")
        );
        assert_eq!(
            h(Platform::TikTok, KeyKind::Phone, "+374 93 828222").as_deref(),
            Some("65b7e6dcf6f4310f8d7cbfbd78289a753062fb054d6664fb9aaac5df66a422d4")
        );
        // Google publishes no vector: its rule, hashed.
        assert_eq!(
            h(Platform::Google, KeyKind::Email, "Jane.Doe@gmail.com"),
            Some(hex(&Sha256::digest(b"janedoe@gmail.com").into()))
        );
        assert_eq!(
            h(Platform::Google, KeyKind::Phone, "+1 (650) 555-1212"),
            Some(hex(&Sha256::digest(b"+16505551212").into()))
        );
    }

    #[test]
    fn hex_round_trips() {
        let d: [u8; 32] = Sha256::digest(b"x").into();
        let h = hex(&d);
        assert_eq!(h.len(), 64);
        assert_eq!(parse_hex(&h), Some(d));
        assert_eq!(parse_hex(&h.to_uppercase()), Some(d));
        assert_eq!(parse_hex(&h[1..]), None);
        assert_eq!(parse_hex(&format!("g{}", &h[1..])), None);
        assert_eq!(parse_hex(&format!("+{}", &h[1..])), None);
    }

    #[test]
    fn hash_files_parse_sorted_and_deduplicated() {
        let (a, b): ([u8; 32], [u8; 32]) =
            (Sha256::digest(b"a").into(), Sha256::digest(b"b").into());
        let text = format!(
            "# {NORMALISATION_VERSION}\r\n{}\r\n\r\n{}\n{}\n",
            hex(&b).to_uppercase(),
            hex(&a),
            hex(&b)
        );
        let (version, digests) = parse_hash_file(&text).unwrap();
        assert_eq!(version, NORMALISATION_VERSION);
        let mut want = vec![a, b];
        want.sort();
        assert_eq!(digests, want);
        assert!(contains(&digests, &a) && contains(&digests, &b));
        assert!(!contains(&digests, &[0u8; 32]));
        // Header only: no digests.
        assert_eq!(parse_hash_file("# v\n").unwrap(), ("v".to_string(), vec![]));
    }

    #[test]
    fn hash_file_errors_say_where_and_why() {
        let h = hex(&[7u8; 32]);
        for (text, line, needle) in [
            (String::new(), 0, "empty"),
            (h.clone(), 1, "first line"),
            ("#\n".to_string(), 1, "first line"),
            ("# v\nabc\n".to_string(), 2, "64 hex digits"),
            ("# v\nabc\n".to_string(), 2, "3 characters"),
            (format!("# v\n{h}\n{h}0\n"), 3, "65 characters"),
            (format!("# v\n{}z\n", &h[1..]), 2, "not hexadecimal"),
        ] {
            let e = parse_hash_file(&text).unwrap_err();
            match e.kind() {
                ErrorKind::HashFile { line: l, message } => {
                    assert_eq!(*l, line, "{text:?}: {e}");
                    assert!(message.contains(needle), "{text:?}: {e}");
                }
                other => panic!("{other:?}"),
            }
            assert_eq!(e.name(), "TamisHashFileError");
        }
        let e = parse_hash_file("# v\nxyz").unwrap_err();
        assert_eq!(
            e.to_string(),
            "hash file, line 2: expected 64 hex digits (a SHA-256), found 3 characters"
        );
    }

    #[test]
    fn builder_collects_sorted_unique_digests_without_clear_text() {
        use crate::{Auditor, Options};
        let csv = "Nom;Email;Portable;Fixe\n\
                   Dupont;jean.dupont@gmail.com;06 12 34 56 70;\n\
                   Dupont;JeanDupont+promo@googlemail.com;+33612345670;01 42 68 53 07\n\
                   Martin;;;\n\
                   Durand;pas-une-adresse;06 12;0262 12 34 56\n";
        let mut b = HashSetBuilder::new(Hashing::Salted(salt()), Kinds::Both, Region::France);
        let mut a = Auditor::new(Options::default()).unwrap();
        a.feed_with(csv.as_bytes(), &mut b);
        a.finish_with(&mut b);
        assert_eq!(b.email_columns(), &[1]);
        assert_eq!(b.phone_columns(), &[2, 3]);
        let set = b.finish();
        let s = salt();
        let mut want = vec![
            s.digest(KeyKind::Email, "jeandupont@gmail.com"),
            s.digest(KeyKind::Phone, "+33612345670"),
            s.digest(KeyKind::Phone, "+33142685307"),
            s.digest(KeyKind::Phone, "+262262123456"),
        ];
        want.sort();
        assert_eq!(set.digests, want);
        assert_eq!(
            set.stats,
            HashStats {
                rows: 4,
                rows_without_key: 1,
                emails: 2,
                phones: 4,
                invalid: 2,
                duplicates: 2,
            }
        );
        let text = set.to_text();
        assert!(text.starts_with(&format!("# {NORMALISATION_VERSION}\n")));
        let body: String = text.lines().skip(1).collect();
        assert_eq!(body.len(), 4 * 64);
        for clear in ["dupont", "gmail.com", "612345670", "142685307", "262123456"] {
            assert!(!text.contains(clear), "{clear} in {text}");
        }
        assert!(!body.contains("gmail"));
        // Emails only.
        let mut b = HashSetBuilder::new(Hashing::Salted(salt()), Kinds::Email, Region::France);
        let mut a = Auditor::new(Options::default()).unwrap();
        a.feed_with(csv.as_bytes(), &mut b);
        a.finish_with(&mut b);
        assert!(b.phone_columns().is_empty());
        assert_eq!(b.finish().digests.len(), 1);
    }

    #[test]
    fn partner_keys_match_any_writing_and_nothing_else() {
        let csv = "Email;Tel\njean.dupont@gmail.com;06 12 34 56 70\nanne@orange.fr;0692 12 34 56\n";
        let mut b = HashSetBuilder::new(Hashing::Salted(salt()), Kinds::Both, Region::France);
        let mut a = crate::Auditor::new(crate::Options::default()).unwrap();
        a.feed_with(csv.as_bytes(), &mut b);
        a.finish_with(&mut b);
        let text = b.finish().to_text();
        let partner = PartnerKeys::new(&text, salt()).unwrap();
        assert_eq!(partner.len(), 4);
        assert!(partner.matches_email("Jean.Dupont+x@GoogleMail.com"));
        assert!(partner.matches_email(" ANNE@orange.fr"));
        assert!(!partner.matches_email("anne@orange.com"));
        assert!(!partner.matches_email("not an address"));
        assert!(partner.matches_phone("+33 6 12 34 56 70"));
        assert!(partner.matches_phone("+262 692 12 34 56"));
        assert!(partner.matches_phone("692123456"));
        assert!(!partner.matches_phone("06 12 34 56 71"));
        // An email key never matches as a phone.
        assert!(!partner.matches_phone("jean.dupont@gmail.com"));
        // Another salt: nothing matches.
        let other = PartnerKeys::new(&text, Salt::new(b"another secret salt").unwrap()).unwrap();
        assert!(!other.matches_email("jean.dupont@gmail.com"));
        // Another version, or a platform file, is refused.
        let e = PartnerKeys::new("# tamis-keys-0: old\n", salt()).unwrap_err();
        assert!(e.to_string().contains("another normalisation"), "{e}");
        let e = PartnerKeys::new(&format!("# {}\n", Platform::Meta.rule()), salt()).unwrap_err();
        assert!(e.to_string().contains("unsalted"), "{e}");
    }
}
