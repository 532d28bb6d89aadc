//! Owner seeds: records the owner of a file slips into each copy it rents out, derived
//! from a secret so that only the owner can recognise them, and a registry that says to
//! whom each was issued without holding any clear-text contact data.
//!
//! Pure: no I/O, no clock (dates are passed in); the CLI (`tamis seeds`) reads the
//! secret and the registry, writes the seed file and appends to the registry.
//!
//! # Seeds
//!
//! Seed `i` (from 1) for a recipient is drawn from a keyed stream:
//!
//! ```text
//! block j = HMAC-SHA256(secret, "tamis-seeds-1" || 0x00 || recipient || 0x00 || be32(i) || be32(attempt) || be32(j))
//! ```
//!
//! so the same secret and recipient give the same seeds on every machine, and nobody
//! without the secret can tell which recipient a seed was made for, or make the seeds
//! of another recipient. `attempt` is 0 unless the seed's email or phone is already
//! registered to *another* recipient (or repeats one of the same batch): then the next
//! attempt is drawn, so that one address never names two recipients. Seeds are
//! therefore reproducible for a given registry; with a fresh registry, from the secret
//! and the recipient alone. The recipient is used exactly as given (trimmed): `ACME`
//! and `Acme` get different seeds.
//!
//! A seed looks like a French consumer: a civility, a common first name and surname
//! (the lists of [`crate::demo`]), a plausible street line (a number, a street type and
//! one of the most common French street names: such a street may or may not exist in
//! the commune) and a real (postcode, commune) pair. Its email is on the owner's
//! [`Mailbox`]:
//!
//! - a domain the owner controls with a catch-all (`--domain seeds.example-owner.fr`):
//!   `prenom.nom84@seeds.example-owner.fr`, `p.nom1976@...`, `prenomnom31@...`: a
//!   common local-part shape and a short number, as real people write them. They do
//!   not look random (random-looking local parts are a spam-trap signal a buyer's
//!   audit looks for); what makes them the owner's is the registry, not the shape.
//! - or `+` aliases of one mailbox (`--domain contact+@example-owner.fr`):
//!   `contact+prenom.nom84@example-owner.fr`. Simpler to receive, but a buyer's audit
//!   flags `+tag` addresses (`email.tagged`) and a buyer can strip them. Not allowed
//!   on gmail.com: tamis's canonical gmail address drops the `+tag`, so every seed
//!   would have the same key.
//!
//! With phones, a seed also gets a landline and a mobile number in the ranges said to
//! be reserved for fiction (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49 by the
//! commune's region, 06 39 98 for mobiles: see [`crate::checks::phone`]), so that a
//! seed never rings a real person. A buyer's audit flags them (`phone.fiction`): phones
//! are off unless asked for.
//!
//! # The registry
//!
//! A UTF-8 text file, `\n` line endings:
//!
//! ```text
//! # tamis-seeds-registry 1
//! # check 1f0c9a7e22b45d10
//! <keyed hash hex>\t<email|phone>\t<recipient>\t<YYYY-MM-DD>
//! ...
//! ```
//!
//! The keyed hash of a canonical key ([`crate::keys::canonical_email`],
//! [`crate::keys::canonical_phone`]) is `HMAC-SHA256(secret, kind || 0x00 || key)`, in
//! 64 lower-case hex digits. HMAC rather than the salted SHA-256 of [`crate::keys`]:
//! HMAC is the standard keyed hash, and with a different construction a registry never
//! shares a digest with a `tamis hash --salt-file` file even if the owner reused the
//! secret as a partner salt. The registry holds no address, name or number, only the
//! recipients' names (chosen by the owner: no tab, line break or control character)
//! and the dates of issue. Without the secret it tells nothing about the seeds; a
//! guessed address cannot be tested against it.
//!
//! The `# check` line is the first 16 hex digits of `HMAC-SHA256(secret,
//! "tamis-seeds-1" || 0x00 || "check")`: reading a registry with another secret is an
//! error, not a silent "no seed found". Other lines starting with `#`, and blank lines,
//! are comments. A key is registered once per recipient: adding it again (another
//! `seeds make` for the same recipient, another date) keeps the first line.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::audit::{HeaderView, RowSink, RowView};
use crate::checks::email;
use crate::demo;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::{self, KeyKind, Region, Salt, MIN_SALT_LEN};
use crate::roles::Role;

/// The registry's first line, without `# `.
pub const REGISTRY_VERSION: &str = "tamis-seeds-registry 1";

/// The label of every derivation: a change to the construction gets a new one.
const LABEL: &[u8] = b"tamis-seeds-1";

/// The most seeds one request makes.
pub const MAX_SEEDS: u32 = 10_000;

/// Attempts per seed before giving up (a seed is redrawn when its email or phone is
/// another recipient's).
const MAX_ATTEMPTS: u32 = 64;

// ---------------------------------------------------------------------------------------
// HMAC-SHA256 (RFC 2104) over the `sha2` crate.

/// HMAC-SHA256 with its key's inner and outer states computed once.
#[derive(Clone)]
struct Hmac {
    inner: Sha256,
    outer: Sha256,
}

impl Hmac {
    /// RFC 2104: a key longer than the 64-byte block is hashed first, then padded with
    /// zeros; inner = H((K ^ ipad) || m), outer = H((K ^ opad) || inner).
    fn new(key: &[u8]) -> Hmac {
        let mut k = [0u8; 64];
        if key.len() > 64 {
            k[..32].copy_from_slice(&Sha256::digest(key));
        } else {
            k[..key.len()].copy_from_slice(key);
        }
        let mut ipad = [0x36u8; 64];
        let mut opad = [0x5cu8; 64];
        for i in 0..64 {
            ipad[i] ^= k[i];
            opad[i] ^= k[i];
        }
        let mut inner = Sha256::new();
        inner.update(ipad);
        let mut outer = Sha256::new();
        outer.update(opad);
        Hmac { inner, outer }
    }

    /// The MAC of the concatenation of `parts`.
    fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut inner = self.inner.clone();
        for p in parts {
            inner.update(p);
        }
        let mut outer = self.outer.clone();
        outer.update(inner.finalize());
        outer.finalize().into()
    }
}

/// HMAC-SHA256 (RFC 2104) of the concatenation of `parts` under `key`.
pub fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    Hmac::new(key).mac(parts)
}

// ---------------------------------------------------------------------------------------
// The secret.

/// The owner's secret: at least [`MIN_SALT_LEN`] bytes, read like a salt file (one
/// trailing line ending dropped, see [`Salt::new`]). Its [`Debug`](std::fmt::Debug)
/// output does not show it.
#[derive(Clone)]
pub struct Secret {
    hmac: Hmac,
    len: usize,
}

impl Secret {
    /// The secret of a secret file's bytes.
    pub fn new(bytes: &[u8]) -> Result<Secret> {
        // The same rules as a salt: the kept bytes are a prefix of `bytes`.
        let len = match Salt::new(bytes) {
            Ok(salt) => salt.len(),
            Err(_) => {
                return Err(ErrorKind::Salt(format!(
                    "the secret is too short: at least {MIN_SALT_LEN} bytes are needed, or \
                     anyone could guess it and recognise the seeds"
                ))
                .into())
            }
        };
        Ok(Secret {
            hmac: Hmac::new(&bytes[..len]),
            len,
        })
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Always false: a secret has at least [`MIN_SALT_LEN`] bytes.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The keyed hash of a canonical key: `HMAC-SHA256(secret, kind || 0x00 || key)`.
    pub fn digest(&self, kind: KeyKind, key: &str) -> [u8; 32] {
        self.hmac
            .mac(&[kind.as_str().as_bytes(), &[0], key.as_bytes()])
    }

    /// The registry's `# check` value: 16 hex digits.
    pub fn check(&self) -> String {
        let mac = self.hmac.mac(&[LABEL, &[0], b"check"]);
        keys::hex(&mac)[..16].to_string()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secret({} bytes)", self.len)
    }
}

/// A deterministic stream of bytes keyed by the secret (see the module docs).
struct Stream<'a> {
    secret: &'a Secret,
    recipient: &'a str,
    index: u32,
    attempt: u32,
    block: u32,
    buf: [u8; 32],
    pos: usize,
}

impl<'a> Stream<'a> {
    fn new(secret: &'a Secret, recipient: &'a str, index: u32, attempt: u32) -> Stream<'a> {
        Stream {
            secret,
            recipient,
            index,
            attempt,
            block: 0,
            buf: [0; 32],
            pos: 32,
        }
    }

    fn next_u64(&mut self) -> u64 {
        if self.pos + 8 > 32 {
            self.buf = self.secret.hmac.mac(&[
                LABEL,
                &[0],
                self.recipient.as_bytes(),
                &[0],
                &self.index.to_be_bytes(),
                &self.attempt.to_be_bytes(),
                &self.block.to_be_bytes(),
            ]);
            self.block += 1;
            self.pos = 0;
        }
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.buf[self.pos..self.pos + 8]);
        self.pos += 8;
        u64::from_be_bytes(b)
    }

    /// Uniform in `0..n` (`n > 0`), up to a bias of `n / 2^64`.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------------------------------
// Where the seeds' mail goes.

/// Where the seeds' addresses are (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mailbox {
    /// Any local part on a domain the owner controls (a catch-all).
    Domain(String),
    /// `+` aliases of one mailbox: `mailbox+alias@domain`.
    Alias {
        /// The local part before the `+`.
        mailbox: String,
        /// The domain.
        domain: String,
    },
}

impl Mailbox {
    /// Reads `--domain`: `seeds.example.fr` (a domain with a catch-all) or
    /// `contact+@example.fr` (`+` aliases of one mailbox). Refuses what would make
    /// seeds undeliverable or flagged: webmail domains without `+` (the owner does not
    /// control them), gmail `+` aliases (their canonical key drops the tag), reserved,
    /// disposable, dead and typo domains.
    pub fn parse(spec: &str) -> Result<Mailbox> {
        let spec = spec.trim();
        let bad = |m: String| Error::invalid_option("domain", m);
        let mailbox = match spec.rsplit_once('@') {
            None => Mailbox::Domain(spec.trim_start_matches('.').to_ascii_lowercase()),
            Some((local, domain)) => match local.strip_suffix('+') {
                Some(m) if !m.is_empty() && !m.contains('+') => Mailbox::Alias {
                    mailbox: m.to_string(),
                    domain: domain.to_ascii_lowercase(),
                },
                _ => {
                    return Err(bad(format!(
                        "{spec:?}: give a domain you control (`seeds.example.fr`) or a \
                         mailbox followed by `+` (`contact+@example.fr`)"
                    )))
                }
            },
        };
        let sample = mailbox.address("jean.dupont84");
        let v = email::check(&sample);
        let domain = mailbox.domain();
        let why = if v.invalid {
            Some("it does not give valid email addresses".to_string())
        } else if v.reserved {
            Some("it is a reserved domain: mail to it goes nowhere".into())
        } else if v.disposable {
            Some("it is a disposable-mail domain: audits flag it".into())
        } else if v.dead_domain {
            Some("it no longer receives mail".into())
        } else if v.typo.is_some() {
            Some("it looks like a misspelt webmail domain: audits flag it".into())
        } else if matches!(domain, "gmail.com" | "googlemail.com")
            && matches!(mailbox, Mailbox::Alias { .. })
        {
            Some(
                "gmail `+` aliases all have the same canonical address (gmail drops the \
                 `+tag`), so they could not tell recipients apart: use a domain you control"
                    .into(),
            )
        } else if v.free && matches!(mailbox, Mailbox::Domain(_)) {
            Some(format!(
                "it is a webmail domain: you do not receive every address on it; use \
                 `yourmailbox+@{domain}` for `+` aliases of your own mailbox, or a domain \
                 you control"
            ))
        } else {
            None
        };
        match why {
            Some(why) => Err(bad(format!("{spec:?}: {why}"))),
            None => Ok(mailbox),
        }
    }

    /// The domain.
    pub fn domain(&self) -> &str {
        match self {
            Mailbox::Domain(d) => d,
            Mailbox::Alias { domain, .. } => domain,
        }
    }

    /// The address of a local part (`jean.dupont84`): `jean.dupont84@domain` or
    /// `mailbox+jean.dupont84@domain`.
    pub fn address(&self, local: &str) -> String {
        match self {
            Mailbox::Domain(d) => format!("{local}@{d}"),
            Mailbox::Alias { mailbox, domain } => format!("{mailbox}+{local}@{domain}"),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Seeds.

/// What to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedSpec {
    /// Who the file (and so the seeds) is issued to (see [`check_recipient`]).
    pub recipient: String,
    /// How many seeds (1 to [`MAX_SEEDS`]); seed numbers run from 1.
    pub count: u32,
    /// Where their mail goes.
    pub mailbox: Mailbox,
    /// Whether they get phone numbers (fiction ranges).
    pub phones: bool,
}

/// One seed record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seed {
    /// Its number for the recipient, from 1.
    pub index: u32,
    /// `M.` or `Mme`.
    pub civility: &'static str,
    /// First name.
    pub first_name: &'static str,
    /// Last name.
    pub last_name: &'static str,
    /// Email address on the owner's [`Mailbox`].
    pub email: String,
    /// Street line (`12 rue Victor Hugo`).
    pub address: String,
    /// Postcode (a real pair with [`Seed::city`]).
    pub postcode: &'static str,
    /// Commune.
    pub city: &'static str,
    /// A landline in the commune's region's fiction range (`04 65 71 12 34`), with
    /// phones and outside the overseas departments.
    pub landline: Option<String>,
    /// A mobile in the fiction range (`06 39 98 12 34`), with phones.
    pub mobile: Option<String>,
}

impl Seed {
    /// The canonical keys the registry holds for this seed: its email, then its
    /// phones in E.164.
    pub fn keys(&self) -> Vec<(KeyKind, String)> {
        let mut out = Vec::with_capacity(3);
        if let Some(e) = keys::canonical_email(&self.email) {
            out.push((KeyKind::Email, e));
        }
        for p in [&self.landline, &self.mobile].into_iter().flatten() {
            if let Some(k) = keys::canonical_phone(p, Region::France) {
                out.push((KeyKind::Phone, k));
            }
        }
        out
    }
}

/// Checks a recipient name: not empty, at most 200 characters, no tab, line break or
/// other control character (the registry is tab-separated, one line per key).
/// Returns it trimmed.
pub fn check_recipient(name: &str) -> std::result::Result<&str, String> {
    let n = name.trim();
    if n.is_empty() {
        return Err("the recipient is empty".into());
    }
    if n.chars().any(char::is_control) {
        return Err(format!(
            "the recipient {n:?} holds a tab, a line break or another control character"
        ));
    }
    if n.chars().count() > 200 {
        return Err("the recipient is longer than 200 characters".into());
    }
    Ok(n)
}

/// Whether `s` is a real date written `YYYY-MM-DD`.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Fiction ranges by the commune's landline area (`01`...`05`), and for mobiles.
fn fiction_prefix(area: &str) -> Option<&'static str> {
    demo::FICTION
        .iter()
        .copied()
        .find(|p| p.starts_with(area) && area.len() == 2 && area != "06")
}
const MOBILE_FICTION: &str = "063998";

/// A 10-digit national number written in pairs.
fn pairs(national: &str) -> String {
    let b = national.as_bytes();
    b.chunks(2)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Draws one seed from a stream.
fn draw(s: &mut Stream<'_>, index: u32, mailbox: &Mailbox, phones: bool) -> Seed {
    let female = s.below(2) == 1;
    let first = if female {
        s.pick(demo::FIRST_FEMALE)
    } else {
        s.pick(demo::FIRST_MALE)
    };
    let last = s.pick(demo::SURNAMES);
    let city = &demo::CITIES[s.below(demo::CITIES.len() as u64) as usize];
    let total: u64 = demo::STREET_TYPES.iter().map(|t| u64::from(t.2)).sum();
    let mut r = s.below(total);
    let mut street_type = demo::STREET_TYPES[0].0;
    for &(full, _, w) in demo::STREET_TYPES {
        if r < u64::from(w) {
            street_type = full;
            break;
        }
        r -= u64::from(w);
    }
    let street = s.pick(demo::STREET_NAMES);
    // Small numbers are the most common.
    let spread = 1 + s.below(120);
    let number = 1 + s.below(spread);
    let address = format!("{number} {street_type} {street}");

    let (f, l) = (demo::fold(first), demo::fold(last));
    let initial = &f[..f.chars().next().map_or(0, char::len_utf8)];
    let suffix = if s.below(3) == 0 {
        (1950 + s.below(56)).to_string()
    } else {
        format!("{:02}", 10 + s.below(90))
    };
    let local = match s.below(6) {
        0 | 1 => format!("{f}.{l}{suffix}"),
        2 => format!("{f}{l}{suffix}"),
        3 => format!("{initial}.{l}{suffix}"),
        4 => format!("{f}-{l}{suffix}"),
        _ => format!("{f}_{l}{suffix}"),
    };
    let email = mailbox.address(&local);

    let mut four = || format!("{:04}", s.below(10_000));
    let (landline, mobile) = if phones {
        let land = fiction_prefix(city.tel).map(|p| pairs(&format!("{p}{}", four())));
        let mobile = pairs(&format!("{MOBILE_FICTION}{}", four()));
        (land, Some(mobile))
    } else {
        (None, None)
    };
    Seed {
        index,
        civility: if female { "Mme" } else { "M." },
        first_name: first,
        last_name: last,
        email,
        address,
        postcode: city.postcode,
        city: city.name,
        landline,
        mobile,
    }
}

/// Makes the seeds of `spec` (see the module docs). A seed whose email or phone is
/// registered in `registry` to another recipient, or repeats one of the batch, is
/// drawn again. Errors: a bad recipient or count, or no free seed after many attempts.
pub fn make_seeds(
    secret: &Secret,
    spec: &SeedSpec,
    registry: Option<&SeedRegistry>,
) -> Result<Vec<Seed>> {
    let bad = |option: &str, m: String| Error::invalid_option(option, m);
    let recipient = check_recipient(&spec.recipient).map_err(|m| bad("recipient", m))?;
    if spec.count == 0 || spec.count > MAX_SEEDS {
        return Err(bad(
            "count",
            format!("{}: between 1 and {MAX_SEEDS} seeds", spec.count),
        ));
    }
    let mut batch: std::collections::HashSet<(KeyKind, String)> = Default::default();
    let mut out = Vec::with_capacity(spec.count as usize);
    for index in 1..=spec.count {
        let mut found = None;
        for attempt in 0..MAX_ATTEMPTS {
            let mut stream = Stream::new(secret, recipient, index, attempt);
            let seed = draw(&mut stream, index, &spec.mailbox, spec.phones);
            let keys = seed.keys();
            let free = keys.iter().all(|(kind, key)| {
                !batch.contains(&(*kind, key.clone()))
                    && registry.is_none_or(|r| {
                        r.lookup(*kind, key)
                            .iter()
                            .all(|owner| owner.as_str() == recipient)
                    })
            });
            if free {
                batch.extend(keys);
                found = Some(seed);
                break;
            }
        }
        match found {
            Some(seed) => out.push(seed),
            None => {
                return Err(bad(
                    "count",
                    format!(
                        "seed {index}: no free address or number after {MAX_ATTEMPTS} \
                         attempts (the fiction phone ranges hold 10,000 numbers each: make \
                         fewer seeds with phones)"
                    ),
                ))
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Layout of the seed file.

/// The columns of a seed file: a role per column, and the header line to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedLayout {
    /// The field delimiter.
    pub delimiter: u8,
    /// The header's fields (`None`: no header line).
    pub header: Option<Vec<String>>,
    /// Each column's role (what the seed puts there; other roles stay empty).
    pub roles: Vec<Role>,
    /// CRLF line endings (else LF).
    pub crlf: bool,
}

impl SeedLayout {
    /// The default layout: `;`, CRLF, French headers `Civilité;Prénom;Nom;Adresse;Code
    /// postal;Ville;E-mail`, then `Téléphone;Portable` with phones.
    pub fn french(phones: bool) -> SeedLayout {
        let mut cols = vec![
            ("Civilité", Role::Civility),
            ("Prénom", Role::FirstName),
            ("Nom", Role::LastName),
            ("Adresse", Role::Address1),
            ("Code postal", Role::Postcode),
            ("Ville", Role::City),
            ("E-mail", Role::Email),
        ];
        if phones {
            cols.push(("Téléphone", Role::Landline));
            cols.push(("Portable", Role::Mobile));
        }
        SeedLayout {
            delimiter: b';',
            header: Some(cols.iter().map(|c| c.0.to_string()).collect()),
            roles: cols.iter().map(|c| c.1).collect(),
            crlf: true,
        }
    }

    /// The layout of a file read by an [`Auditor`](crate::Auditor): its delimiter, its
    /// header (if it has one) and its columns' roles. See [`LayoutSink`].
    pub fn from_header(header: &HeaderView<'_>) -> SeedLayout {
        SeedLayout {
            delimiter: header.delimiter,
            header: (!header.fields.is_empty()).then(|| header.fields.to_vec()),
            roles: header.columns.iter().map(|c| c.role).collect(),
            crlf: true,
        }
    }

    /// Whether any column takes the seeds' phones.
    pub fn has_phone(&self) -> bool {
        self.roles
            .iter()
            .any(|r| matches!(r, Role::Phone | Role::Mobile | Role::Landline))
    }

    /// Whether any column takes the seeds' emails.
    pub fn has_email(&self) -> bool {
        self.roles.contains(&Role::Email)
    }

    /// A seed's fields in this layout. Only the first column of each role is filled
    /// (a second email column stays empty); consent columns say `oui`, consent and
    /// collection dates are `date` (`YYYY-MM-DD`) written `DD/MM/YYYY`, a country is
    /// `France`; a phone column of unknown kind gets the landline (the mobile overseas,
    /// where there is no fiction landline range, unless the layout has a mobile column);
    /// columns of other roles (company, SIRET, job, source...) stay empty.
    pub fn fields(&self, seed: &Seed, date: &str) -> Vec<String> {
        let french_date = match (date.get(0..4), date.get(5..7), date.get(8..10)) {
            (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
            _ => String::new(),
        };
        let mut used: Vec<Role> = Vec::new();
        self.roles
            .iter()
            .map(|&role| {
                if used.contains(&role) {
                    return String::new();
                }
                used.push(role);
                match role {
                    Role::Civility => seed.civility.to_string(),
                    Role::FirstName => seed.first_name.to_string(),
                    Role::LastName => seed.last_name.to_string(),
                    Role::FullName => format!("{} {}", seed.first_name, seed.last_name),
                    Role::Email => seed.email.clone(),
                    Role::Address1 => seed.address.clone(),
                    Role::Postcode => seed.postcode.to_string(),
                    Role::City => seed.city.to_string(),
                    Role::Country => "France".to_string(),
                    Role::Landline => seed.landline.clone().unwrap_or_default(),
                    Role::Mobile => seed.mobile.clone().unwrap_or_default(),
                    // With a mobile column, the other phone column is the landline's.
                    Role::Phone if self.roles.contains(&Role::Mobile) => {
                        seed.landline.clone().unwrap_or_default()
                    }
                    Role::Phone => seed
                        .landline
                        .clone()
                        .or_else(|| seed.mobile.clone())
                        .unwrap_or_default(),
                    Role::ConsentEmail
                    | Role::ConsentSms
                    | Role::ConsentPhone
                    | Role::ConsentPostal
                    | Role::Consent => "oui".to_string(),
                    Role::ConsentDate | Role::CollectionDate => french_date.clone(),
                    _ => String::new(),
                }
            })
            .collect()
    }

    /// The seed file: the header line (if any), then one line per seed, fields quoted
    /// when they hold the delimiter, a quote or a line break.
    pub fn to_csv(&self, seeds: &[Seed], date: &str) -> String {
        let mut out = String::new();
        let eol = if self.crlf { "\r\n" } else { "\n" };
        let d = char::from(self.delimiter);
        let mut line = |fields: &[String]| {
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(d);
                }
                if f.contains([d, '"', '\r', '\n']) {
                    out.push('"');
                    out.push_str(&f.replace('"', "\"\""));
                    out.push('"');
                } else {
                    out.push_str(f);
                }
            }
            out.push_str(eol);
        };
        if let Some(h) = &self.header {
            line(h);
        }
        for s in seeds {
            line(&self.fields(s, date));
        }
        out
    }
}

/// A [`RowSink`] that keeps the layout of the file an [`Auditor`](crate::Auditor)
/// reads (its header callback), and nothing of its rows.
#[derive(Debug, Default)]
pub struct LayoutSink {
    /// The layout, once the header is read.
    pub layout: Option<SeedLayout>,
}

impl RowSink for LayoutSink {
    fn header(&mut self, header: &HeaderView<'_>) {
        self.layout = Some(SeedLayout::from_header(header));
    }

    fn row(&mut self, _row: &RowView<'_>) {}
}

// ---------------------------------------------------------------------------------------
// The registry.

/// One line of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryLine {
    /// `HMAC-SHA256(secret, kind || 0x00 || canonical key)`.
    pub digest: [u8; 32],
    /// What the key is.
    pub kind: KeyKind,
    /// Who it was issued to.
    pub recipient: String,
    /// When, `YYYY-MM-DD`.
    pub date: String,
}

impl RegistryLine {
    /// The line as written in the registry, without its line ending.
    pub fn to_line(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}",
            keys::hex(&self.digest),
            self.kind.as_str(),
            self.recipient,
            self.date
        )
    }
}

/// The owner's seed registry, with the secret: which recipient(s) a key was issued to.
#[derive(Debug, Clone)]
pub struct SeedRegistry {
    secret: Secret,
    lines: Vec<RegistryLine>,
    /// Digest → recipients, sorted, each once.
    index: BTreeMap<[u8; 32], Vec<String>>,
}

impl SeedRegistry {
    /// An empty registry.
    pub fn new(secret: Secret) -> SeedRegistry {
        SeedRegistry {
            secret,
            lines: Vec::new(),
            index: BTreeMap::new(),
        }
    }

    /// Reads a registry (see the module docs). Errors name the line: a first line that
    /// is not `# tamis-seeds-registry 1`, a `# check` line made with another secret, a
    /// line without four tab-separated fields, a hash that is not 64 hex digits, a kind
    /// other than `email` or `phone`, a bad recipient or date. An empty text is an
    /// empty registry. Repeated lines are accepted.
    pub fn parse(text: &str, secret: Secret) -> Result<SeedRegistry> {
        let err =
            |line: usize, message: String| Error::from(ErrorKind::SeedRegistry { line, message });
        let mut reg = SeedRegistry::new(secret);
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Ok(reg);
        }
        let check = reg.secret.check();
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if n == 1 {
                let version = line.strip_prefix('#').map(str::trim);
                match version {
                    Some(REGISTRY_VERSION) => continue,
                    Some(v) if v.starts_with("tamis-seeds-registry") => {
                        return Err(err(
                            1,
                            format!(
                                "version {v:?}: this tamis reads {REGISTRY_VERSION:?}; use \
                                 the tamis that wrote it"
                            ),
                        ))
                    }
                    _ => {
                        return Err(err(
                            1,
                            format!(
                                "the first line must be `# {REGISTRY_VERSION}`, as `tamis \
                                 seeds` writes it: is this a seed registry?"
                            ),
                        ))
                    }
                }
            }
            if line.trim().is_empty() {
                continue;
            }
            if let Some(comment) = line.strip_prefix('#') {
                if let Some(value) = comment.trim().strip_prefix("check ") {
                    if !value.trim().eq_ignore_ascii_case(&check) {
                        return Err(err(
                            n,
                            "the registry was made with another secret (its check value \
                             differs): give the secret file it was made with"
                                .into(),
                        ));
                    }
                }
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 4 {
                return Err(err(
                    n,
                    format!(
                        "expected 4 tab-separated fields (hash, kind, recipient, date), \
                         found {}",
                        fields.len()
                    ),
                ));
            }
            let digest = keys::parse_hex(fields[0].trim()).ok_or_else(|| {
                err(
                    n,
                    format!(
                        "the hash must be 64 hex digits (an HMAC-SHA256), found {} characters{}",
                        fields[0].trim().chars().count(),
                        if fields[0].trim().len() == 64 {
                            " that are not all hexadecimal"
                        } else {
                            ""
                        }
                    ),
                )
            })?;
            let kind = match fields[1].trim() {
                "email" => KeyKind::Email,
                "phone" => KeyKind::Phone,
                k => return Err(err(n, format!("the kind is `email` or `phone`, not {k:?}"))),
            };
            let recipient = check_recipient(fields[2]).map_err(|m| err(n, m))?;
            let date = fields[3].trim();
            if !valid_date(date) {
                return Err(err(n, format!("the date {date:?} is not YYYY-MM-DD")));
            }
            reg.insert(RegistryLine {
                digest,
                kind,
                recipient: recipient.to_string(),
                date: date.to_string(),
            });
        }
        Ok(reg)
    }

    /// Records a line; false if the key was already registered to this recipient.
    fn insert(&mut self, line: RegistryLine) -> bool {
        let owners = self.index.entry(line.digest).or_default();
        match owners.binary_search(&line.recipient) {
            Ok(_) => false,
            Err(at) => {
                owners.insert(at, line.recipient.clone());
                self.lines.push(line);
                true
            }
        }
    }

    /// The first lines of a new registry: the version and the secret's check value.
    pub fn preamble(&self) -> String {
        format!("# {REGISTRY_VERSION}\n# check {}\n", self.secret.check())
    }

    /// The whole registry as text: [`preamble`](Self::preamble), then one line per
    /// key and recipient, in the order they were added.
    pub fn to_text(&self) -> String {
        let mut s = self.preamble();
        for l in &self.lines {
            s.push_str(&l.to_line());
            s.push('\n');
        }
        s
    }

    /// Registers a canonical key ([`keys::canonical_email`], [`keys::canonical_phone`])
    /// for a recipient on a date (`YYYY-MM-DD`). Returns the new line, or `None` when
    /// the key was already registered to this recipient (the first line is kept).
    pub fn add(
        &mut self,
        kind: KeyKind,
        canonical_key: &str,
        recipient: &str,
        date: &str,
    ) -> Result<Option<&RegistryLine>> {
        let recipient =
            check_recipient(recipient).map_err(|m| Error::invalid_option("recipient", m))?;
        if !valid_date(date) {
            return Err(Error::invalid_option(
                "date",
                format!("{date:?} is not a date written YYYY-MM-DD"),
            ));
        }
        let line = RegistryLine {
            digest: self.secret.digest(kind, canonical_key),
            kind,
            recipient: recipient.to_string(),
            date: date.to_string(),
        };
        Ok(self.insert(line).then(|| &self.lines[self.lines.len() - 1]))
    }

    /// The lines, in file order (each key once per recipient).
    pub fn lines(&self) -> &[RegistryLine] {
        &self.lines
    }

    /// Number of lines (keys × recipients).
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when no key is registered.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Every recipient, sorted, each once.
    pub fn recipients(&self) -> Vec<&str> {
        let mut r: Vec<&str> = self.lines.iter().map(|l| l.recipient.as_str()).collect();
        r.sort_unstable();
        r.dedup();
        r
    }

    /// The recipients a canonical key was issued to, sorted, each once (empty: not a
    /// seed). One HMAC per call, no allocation.
    #[inline(never)]
    pub fn lookup(&self, kind: KeyKind, canonical_key: &str) -> &[String] {
        if self.index.is_empty() {
            return &[];
        }
        self.index
            .get(&self.secret.digest(kind, canonical_key))
            .map_or(&[], Vec::as_slice)
    }

    /// [`lookup`](Self::lookup) of a canonical email ([`keys::canonical_email_into`]).
    pub fn recipients_of_email(&self, canonical_email: &str) -> &[String] {
        self.lookup(KeyKind::Email, canonical_email)
    }

    /// [`lookup`](Self::lookup) of an E.164 phone ([`keys::canonical_phone`]).
    pub fn recipients_of_phone(&self, e164: &str) -> &[String] {
        self.lookup(KeyKind::Phone, e164)
    }

    /// The recipients of a raw value (any writing of an email or phone number); empty
    /// when it is not a valid one or not a seed.
    pub fn lookup_raw(&self, kind: KeyKind, raw: &str) -> &[String] {
        match keys::canonical(kind, raw, Region::France) {
            Some(k) => self.lookup(kind, &k),
            None => &[],
        }
    }
}

// ---------------------------------------------------------------------------------------
// Requests: what `tamis seeds make|add` and the page's "I own this file" tab share.
//
// The fronts read the files (the CLI from disk, the page from the files the user picked)
// and write the results; the checks, the messages and the registry's new text are here.

/// Checks a seed count: between 1 and [`MAX_SEEDS`]. The message starts with the count
/// (`0: between 1 and 10000`); the front names the option before it.
pub fn check_count(count: u32) -> std::result::Result<u32, String> {
    if count == 0 || count > MAX_SEEDS {
        Err(format!("{count}: between 1 and {MAX_SEEDS}"))
    } else {
        Ok(count)
    }
}

/// Checks a date of issue written `YYYY-MM-DD` (trimmed). The message starts with the
/// date, quoted; the front names the option before it.
pub fn check_date(date: &str) -> std::result::Result<&str, String> {
    let d = date.trim();
    if valid_date(d) {
        Ok(d)
    } else {
        Err(format!("{d:?}: expected a date written YYYY-MM-DD"))
    }
}

/// [`Mailbox::parse`] with the reason alone as the error (`"x": it is a ...`); the
/// front names the option before it.
pub fn parse_mailbox(spec: &str) -> std::result::Result<Mailbox, String> {
    Mailbox::parse(spec).map_err(|e| match e.kind() {
        ErrorKind::InvalidOption { message, .. } => message.clone(),
        _ => e.to_string(),
    })
}

/// The text of a registry file's bytes, or the reason it is not a registry.
pub fn registry_text(bytes: &[u8]) -> std::result::Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|_| "not a seed registry (not UTF-8 text)".to_string())
}

/// A registry being added to: the existing text (kept byte for byte), the registry it
/// holds, and the lines added since it was opened.
#[derive(Debug, Clone)]
pub struct RegistryUpdate {
    text: Option<String>,
    registry: SeedRegistry,
    added: Vec<String>,
    already: u64,
}

impl RegistryUpdate {
    /// Opens a registry's text (`None`: a new registry) with its secret (see
    /// [`SeedRegistry::parse`] for the errors).
    pub fn open(text: Option<&str>, secret: Secret) -> Result<RegistryUpdate> {
        let registry = SeedRegistry::parse(text.unwrap_or(""), secret)?;
        Ok(RegistryUpdate {
            text: text.map(str::to_string),
            registry,
            added: Vec::new(),
            already: 0,
        })
    }

    /// The registry, with the lines added so far.
    pub fn registry(&self) -> &SeedRegistry {
        &self.registry
    }

    /// Registers a canonical key for a recipient on a date (see [`SeedRegistry::add`]).
    pub fn add(&mut self, kind: KeyKind, key: &str, recipient: &str, date: &str) -> Result<()> {
        match self.registry.add(kind, key, recipient, date)? {
            Some(line) => self.added.push(line.to_line()),
            None => self.already += 1,
        }
        Ok(())
    }

    /// Registers every key of `seeds` for a recipient; returns how many phones were
    /// among them.
    pub fn add_seeds(&mut self, seeds: &[Seed], recipient: &str, date: &str) -> Result<u64> {
        let mut phones = 0u64;
        for s in seeds {
            for (kind, key) in s.keys() {
                phones += u64::from(kind == KeyKind::Phone);
                self.add(kind, &key, recipient, date)?;
            }
        }
        Ok(phones)
    }

    /// Lines added.
    pub fn added(&self) -> usize {
        self.added.len()
    }

    /// Keys that were already registered to their recipient.
    pub fn already(&self) -> u64 {
        self.already
    }

    /// Whether the registry file must be (re)written: a new registry, or new lines.
    pub fn changed(&self) -> bool {
        !self.added.is_empty() || self.text.is_none()
    }

    /// The registry file's new text: the existing text byte for byte (with a final line
    /// ending added when it lacks one), or the [preamble](SeedRegistry::preamble) for a
    /// new or blank registry, then the added lines.
    pub fn to_text(&self) -> String {
        let mut s = match self.text.as_deref() {
            Some(t) if !t.trim().is_empty() => {
                let mut t = t.to_string();
                if !t.ends_with('\n') {
                    t.push('\n');
                }
                t
            }
            _ => self.registry.preamble(),
        };
        for l in &self.added {
            s.push_str(l);
            s.push('\n');
        }
        s
    }
}

/// The values of a seed list file (one email or phone number per line): `(line number,
/// value)`, trimmed, blank lines and `#` comments skipped. Bytes that are not UTF-8 are
/// read as Latin-1 (a Windows export).
pub fn list_values(bytes: &[u8]) -> Vec<(usize, String)> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => std::borrow::Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    };
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim().trim_start_matches('\u{feff}').trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n, l.to_string()))
        .collect()
}

/// `3, 7, 12` (at most 20 numbers, then `...`).
pub fn line_list(lines: &[usize]) -> String {
    let mut s = lines
        .iter()
        .take(20)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if lines.len() > 20 {
        s.push_str(", ...");
    }
    s
}

/// A list of known seeds (`tamis seeds add --emails/--phones`), read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedList {
    /// What the list holds.
    pub kind: KeyKind,
    /// The canonical keys of its valid values, in file order.
    pub keys: Vec<String>,
    /// The lines (from 1) whose value is not a valid email or phone number.
    pub bad_lines: Vec<usize>,
}

impl SeedList {
    /// Reads a list file's bytes (see [`list_values`]). `name` names it in the error:
    /// a list without any valid value (`NAME: no valid email address (not valid on line
    /// 2, 3)`).
    pub fn read(kind: KeyKind, name: &str, bytes: &[u8]) -> std::result::Result<SeedList, String> {
        let mut list = SeedList {
            kind,
            keys: Vec::new(),
            bad_lines: Vec::new(),
        };
        for (n, value) in list_values(bytes) {
            match keys::canonical(kind, &value, Region::France) {
                Some(k) => list.keys.push(k),
                None => list.bad_lines.push(n),
            }
        }
        if list.keys.is_empty() {
            let why = if list.bad_lines.is_empty() {
                "it is empty".to_string()
            } else {
                format!("not valid on line {}", line_list(&list.bad_lines))
            };
            return Err(format!("{name}: no valid {} ({why})", list.what()));
        }
        Ok(list)
    }

    /// `email address` or `phone number`.
    pub fn what(&self) -> &'static str {
        match self.kind {
            KeyKind::Email => "email address",
            KeyKind::Phone => "phone number",
        }
    }

    /// `email addresses` or `phone numbers`.
    pub fn what_plural(&self) -> &'static str {
        match self.kind {
            KeyKind::Email => "email addresses",
            KeyKind::Phone => "phone numbers",
        }
    }

    /// The note about skipped lines (`NAME: 2 skipped, not a valid phone number: line 3,
    /// 7`), if any.
    pub fn note(&self, name: &str) -> Option<String> {
        (!self.bad_lines.is_empty()).then(|| {
            format!(
                "{name}: {} skipped, not a valid {}: line {}",
                self.bad_lines.len(),
                self.what(),
                line_list(&self.bad_lines)
            )
        })
    }
}

/// Reads the layout of a `--like` file: push its bytes until [`done`](Self::done),
/// then [`finish`](Self::finish). Only the header is needed; its rows are not kept.
pub struct LikeFile {
    auditor: crate::Auditor,
    sink: LayoutSink,
}

impl std::fmt::Debug for LikeFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LikeFile")
            .field("bytes", &self.auditor.bytes_fed())
            .field("layout", &self.sink.layout)
            .finish()
    }
}

/// Why a `--like` file gives no layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LikeError {
    /// No columns: empty, or not a text file.
    NoColumns,
    /// No email column for the seeds' addresses.
    NoEmail,
}

impl LikeFile {
    /// A reader with these reading options (delimiter, encoding, roles); the others are
    /// set for a header-only read (no preview, no duplicates, no date checks).
    pub fn new(opts: crate::Options) -> Result<LikeFile> {
        let opts = crate::Options {
            preview_rows: 0,
            duplicates: false,
            audit_date: None,
            ..opts
        };
        opts.validate()?;
        Ok(LikeFile {
            auditor: crate::Auditor::new(opts)?,
            sink: LayoutSink::default(),
        })
    }

    /// Reads the next chunk.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.auditor.feed_with(chunk, &mut self.sink);
    }

    /// True once the header is read: no more bytes are needed.
    pub fn done(&self) -> bool {
        self.sink.layout.is_some()
    }

    /// The layout (line endings as in the file: CRLF unless it is LF) and whether to
    /// write the seeds in windows-1252 (the file's encoding).
    pub fn finish(self) -> std::result::Result<(SeedLayout, bool), LikeError> {
        let mut sink = self.sink;
        let report = self.auditor.finish_with(&mut sink);
        let mut layout = sink.layout.ok_or(LikeError::NoColumns)?;
        if !layout.has_email() {
            return Err(LikeError::NoEmail);
        }
        layout.crlf = report.input.line_ending.as_deref() != Some("LF");
        let cp1252 = report.input.encoding.as_deref() == Some("windows-1252");
        Ok((layout, cp1252))
    }
}

/// The seed file's bytes: `text` in windows-1252 when asked and possible, else UTF-8.
/// The flag says the windows-1252 form was asked for but some character has none (the
/// bytes are then UTF-8).
pub fn encode_seed_file(text: String, cp1252: bool) -> (Vec<u8>, bool) {
    if !cp1252 {
        return (text.into_bytes(), false);
    }
    let (b, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    if unmappable {
        (text.into_bytes(), true)
    } else {
        (b.into_owned(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        // (key, data, HMAC-SHA256) of test cases 1, 2, 3, 4, 6 and 7; case 5 is a
        // truncated output, checked on its first 16 bytes.
        let cases: [(Vec<u8>, Vec<u8>, &str); 6] = [
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                vec![0xaa; 20],
                vec![0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                unhex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
                vec![0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                vec![0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                vec![0xaa; 131],
                b"This is a test using a larger than block-size key and a larger than \
block-size data. The key needs to be hashed before being used by the HMAC algorithm."
                    .to_vec(),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (key, data, want) in cases {
            assert_eq!(keys::hex(&hmac_sha256(&key, &[&data])), want);
            // Split input: the same MAC.
            let (a, b) = data.split_at(data.len() / 2);
            assert_eq!(keys::hex(&hmac_sha256(&key, &[a, b])), want);
        }
        let t5 = hmac_sha256(&[0x0c; 20], &[b"Test With Truncation"]);
        assert_eq!(keys::hex(&t5)[..32], *"a3b6167473100ee06e0c796c2955552b");
    }

    fn secret() -> Secret {
        Secret::new(b"un secret du proprietaire du fichier\n").unwrap()
    }

    fn spec(recipient: &str, count: u32, phones: bool) -> SeedSpec {
        SeedSpec {
            recipient: recipient.into(),
            count,
            mailbox: Mailbox::parse("temoins.exemple-proprio.fr").unwrap(),
            phones,
        }
    }

    #[test]
    fn secrets_are_checked_and_hidden() {
        assert!(Secret::new(b"fifteen bytes!!\n").is_err());
        let e = Secret::new(b"").unwrap_err();
        assert!(e.to_string().contains("16 bytes"), "{e}");
        let s = secret();
        assert_eq!(s.len(), 36);
        assert_eq!(format!("{s:?}"), "Secret(36 bytes)");
        // The trailing newline does not count.
        let t = Secret::new(b"un secret du proprietaire du fichier").unwrap();
        assert_eq!(
            s.digest(KeyKind::Email, "a@b.fr"),
            t.digest(KeyKind::Email, "a@b.fr")
        );
        // The documented construction, and not the salted hash of `tamis hash`.
        assert_eq!(
            s.digest(KeyKind::Phone, "+33199001234"),
            hmac_sha256(
                b"un secret du proprietaire du fichier",
                &[b"phone\0+33199001234"]
            )
        );
        let salt = Salt::new(b"un secret du proprietaire du fichier").unwrap();
        assert_ne!(
            s.digest(KeyKind::Email, "a@b.fr"),
            salt.digest(KeyKind::Email, "a@b.fr")
        );
    }

    #[test]
    fn mailboxes() {
        assert_eq!(
            Mailbox::parse(" Temoins.Exemple-Proprio.fr ").unwrap(),
            Mailbox::Domain("temoins.exemple-proprio.fr".into())
        );
        let m = Mailbox::parse("contact+@exemple-proprio.fr").unwrap();
        assert_eq!(m.address("a.b12"), "contact+a.b12@exemple-proprio.fr");
        assert!(Mailbox::parse("moi+@orange.fr").is_ok());
        for bad in [
            "gmail.com",
            "moi+@gmail.com",
            "moi+@googlemail.com",
            "example.com",
            "yopmail.com",
            "voila.fr",
            "gmial.com",
            "pas un domaine",
            "moi@exemple-proprio.fr",
            "+@exemple-proprio.fr",
            "orange.fr",
        ] {
            assert!(Mailbox::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn seeds_are_reproducible_and_keyed() {
        let a = make_seeds(&secret(), &spec("ACME Prospection", 20, true), None).unwrap();
        let b = make_seeds(&secret(), &spec("ACME Prospection", 20, true), None).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.len(), 20);
        assert_eq!(a[3].index, 4);
        let other = make_seeds(&secret(), &spec("Autre client", 20, true), None).unwrap();
        let s2 = Secret::new(b"another secret of the owner, longer").unwrap();
        let other_secret = make_seeds(&s2, &spec("ACME Prospection", 20, true), None).unwrap();
        let emails = |v: &[Seed]| v.iter().map(|s| s.email.clone()).collect::<Vec<_>>();
        for o in [&other, &other_secret] {
            let (x, y) = (emails(&a), emails(o));
            assert!(x.iter().all(|e| !y.contains(e)), "{x:?} {y:?}");
        }
        // A prefix of a longer batch is the shorter batch.
        let five = make_seeds(&secret(), &spec("ACME Prospection", 5, true), None).unwrap();
        assert_eq!(five[..], a[..5]);
    }

    #[test]
    fn seeds_look_real() {
        let seeds = make_seeds(&secret(), &spec("ACME", 200, true), None).unwrap();
        let mut scratch = String::new();
        let mut emails = std::collections::HashSet::new();
        for s in &seeds {
            let v = email::check(&s.email);
            assert!(!v.invalid && !v.tagged && !v.free && !v.role, "{}", s.email);
            assert!(s.email.ends_with("@temoins.exemple-proprio.fr"));
            assert!(emails.insert(s.email.clone()), "unique: {}", s.email);
            crate::data::fold_place(s.city, &mut scratch);
            assert!(
                crate::data::postcode_matches_city(s.postcode, &scratch),
                "{} {}",
                s.postcode,
                s.city
            );
            assert!(!crate::checks::names::looks_fake(
                Some(s.first_name),
                Some(s.last_name),
                None,
                Some("temoins"),
                &mut scratch
            ));
            let m = crate::checks::phone::parse(s.mobile.as_deref().unwrap()).unwrap();
            assert_eq!(m.flag, Some(crate::checks::phone::PhoneFlag::Fiction));
            if let Some(l) = &s.landline {
                let p = crate::checks::phone::parse(l).unwrap();
                assert_eq!(
                    p.flag,
                    Some(crate::checks::phone::PhoneFlag::Fiction),
                    "{l}"
                );
            } else {
                assert!(s.postcode.starts_with("97"), "{}", s.postcode);
            }
            assert!(s.address.chars().next().unwrap().is_ascii_digit());
        }
        // Without phones: none.
        let quiet = make_seeds(&secret(), &spec("ACME", 3, false), None).unwrap();
        assert!(quiet
            .iter()
            .all(|s| s.landline.is_none() && s.mobile.is_none()));
    }

    #[test]
    fn a_key_of_another_recipient_is_redrawn() {
        let mine = make_seeds(&secret(), &spec("ACME", 3, false), None).unwrap();
        let mut reg = SeedRegistry::new(secret());
        let key = keys::canonical_email(&mine[1].email).unwrap();
        reg.add(KeyKind::Email, &key, "Someone else", "2026-01-02")
            .unwrap();
        let again = make_seeds(&secret(), &spec("ACME", 3, false), Some(&reg)).unwrap();
        assert_eq!(again[0], mine[0]);
        assert_ne!(again[1].email, mine[1].email);
        assert_eq!(again[2], mine[2]);
        // Registered to the same recipient: reproduced.
        reg.add(
            KeyKind::Email,
            &keys::canonical_email(&mine[2].email).unwrap(),
            "ACME",
            "2026-01-02",
        )
        .unwrap();
        let third = make_seeds(&secret(), &spec("ACME", 3, false), Some(&reg)).unwrap();
        assert_eq!(third[2], mine[2]);
    }

    #[test]
    fn registry_round_trip_and_lookup() {
        let seeds = make_seeds(&secret(), &spec("ACME Prospection", 10, true), None).unwrap();
        let mut reg = SeedRegistry::new(secret());
        for s in &seeds {
            for (kind, key) in s.keys() {
                assert!(reg
                    .add(kind, &key, "ACME Prospection", "2026-03-04")
                    .unwrap()
                    .is_some());
            }
        }
        // Again: nothing new.
        let (kind, key) = seeds[0].keys()[0].clone();
        assert!(reg
            .add(kind, &key, "ACME Prospection", "2026-05-06")
            .unwrap()
            .is_none());
        assert!(reg
            .add(kind, &key, "Bêta Leads", "2026-05-06")
            .unwrap()
            .is_some());
        let text = reg.to_text();
        assert!(text.starts_with("# tamis-seeds-registry 1\n# check "));
        // No clear text.
        for s in &seeds {
            let local = s.email.split('@').next().unwrap();
            assert!(!text.contains(local), "{local}");
            assert!(!text.contains("exemple-proprio"));
            assert!(!text.contains(s.last_name));
        }
        let back = SeedRegistry::parse(&text, secret()).unwrap();
        assert_eq!(back.lines(), reg.lines());
        assert_eq!(back.recipients(), vec!["ACME Prospection", "Bêta Leads"]);
        for s in &seeds {
            let e = keys::canonical_email(&s.email).unwrap();
            assert!(!back.recipients_of_email(&e).is_empty());
            let m = keys::canonical_phone(s.mobile.as_deref().unwrap(), Region::France).unwrap();
            assert_eq!(back.recipients_of_phone(&m), ["ACME Prospection"]);
        }
        assert_eq!(
            back.lookup_raw(KeyKind::Email, &seeds[0].email.to_uppercase()),
            ["ACME Prospection", "Bêta Leads"]
        );
        assert!(back.recipients_of_email("jean.dupont@orange.fr").is_empty());
        // An email key is not a phone key.
        let e = keys::canonical_email(&seeds[1].email).unwrap();
        assert!(back.recipients_of_phone(&e).is_empty());
        // Another secret: refused by the check line.
        let e =
            SeedRegistry::parse(&text, Secret::new(b"not the right secret!").unwrap()).unwrap_err();
        assert!(e.to_string().contains("another secret"), "{e}");
        assert_eq!(e.name(), "TamisSeedRegistryError");
        // Empty text: empty registry.
        assert!(SeedRegistry::parse("", secret()).unwrap().is_empty());
    }

    #[test]
    fn registry_errors_name_the_line() {
        let h = keys::hex(&[7u8; 32]);
        for (text, line, needle) in [
            ("x\n".to_string(), 1, "first line"),
            ("# tamis-seeds-registry 2\n".to_string(), 1, "version"),
            (
                format!("# {REGISTRY_VERSION}\n\n{h}\temail\tA\n"),
                3,
                "4 tab-separated fields",
            ),
            (
                format!("# {REGISTRY_VERSION}\n{h}0\temail\tA\t2026-01-01\n"),
                2,
                "64 hex digits",
            ),
            (
                format!("# {REGISTRY_VERSION}\n# c\n{h}\tmail\tA\t2026-01-01\n"),
                3,
                "`email` or `phone`",
            ),
            (
                format!("# {REGISTRY_VERSION}\n{h}\temail\t \t2026-01-01\n"),
                2,
                "empty",
            ),
            (
                format!("# {REGISTRY_VERSION}\n{h}\temail\tA\t2026-02-30\n"),
                2,
                "YYYY-MM-DD",
            ),
        ] {
            let e = SeedRegistry::parse(&text, secret()).unwrap_err();
            match e.kind() {
                ErrorKind::SeedRegistry { line: l, message } => {
                    assert_eq!(*l, line, "{text:?}: {e}");
                    assert!(message.contains(needle), "{text:?}: {e}");
                }
                other => panic!("{other:?}"),
            }
        }
        // CRLF and a byte-order mark are fine.
        let ok = format!("\u{feff}# {REGISTRY_VERSION}\r\n{h}\temail\tA B\t2026-01-01\r\n");
        assert_eq!(SeedRegistry::parse(&ok, secret()).unwrap().len(), 1);
    }

    #[test]
    fn recipients_and_dates() {
        assert_eq!(check_recipient("  ACME  "), Ok("ACME"));
        assert!(check_recipient("a\tb").is_err());
        assert!(check_recipient("a\nb").is_err());
        assert!(check_recipient("").is_err());
        for (d, ok) in [
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("2026-12-31", true),
            ("2026-13-01", false),
            ("2026-1-01", false),
            ("26-01-01xx", false),
        ] {
            assert_eq!(valid_date(d), ok, "{d}");
        }
    }

    #[test]
    fn layouts() {
        let seeds = make_seeds(&secret(), &spec("ACME", 2, true), None).unwrap();
        let csv = SeedLayout::french(true).to_csv(&seeds, "2026-03-04");
        let mut lines = csv.split("\r\n");
        assert_eq!(
            lines.next(),
            Some("Civilité;Prénom;Nom;Adresse;Code postal;Ville;E-mail;Téléphone;Portable")
        );
        let first: Vec<&str> = lines.next().unwrap().split(';').collect();
        assert_eq!(first.len(), 9);
        assert_eq!(first[6], seeds[0].email);
        let layout = SeedLayout {
            delimiter: b',',
            header: None,
            roles: vec![
                Role::Id,
                Role::FullName,
                Role::Email,
                Role::Email,
                Role::ConsentEmail,
                Role::CollectionDate,
            ],
            crlf: false,
        };
        let f = layout.fields(&seeds[0], "2026-03-04");
        assert_eq!(
            f,
            [
                String::new(),
                format!("{} {}", seeds[0].first_name, seeds[0].last_name),
                seeds[0].email.clone(),
                String::new(),
                "oui".into(),
                "04/03/2026".into()
            ]
        );
        assert!(layout.to_csv(&seeds, "2026-03-04").ends_with('\n'));
    }
}
