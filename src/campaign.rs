//! Campaign fit: for the campaign the buyer plans (channel, audience, date, deal,
//! price), which rows can lawfully and usefully be contacted, what each usable contact
//! really costs, and how reliable the file is. Rules and figures: `shared/domain.md`.
//!
//! Everything here is a pure function of the rows' field-check results and the
//! options: no clock (the campaign date is an option), no I/O (the opposition list is
//! passed in).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::checks::dates::{self, Day};
use crate::error::{Error, Result};

/// The channel of the planned campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// Email.
    Email,
    /// SMS or MMS.
    Sms,
    /// A phone call by a person.
    Phone,
    /// Postal mail.
    Postal,
    /// Automated calls.
    AutomatedCall,
    /// Fax.
    Fax,
}

impl Channel {
    /// Every channel, in report order.
    pub const ALL: [Channel; 6] = [
        Channel::Email,
        Channel::Sms,
        Channel::Phone,
        Channel::Postal,
        Channel::AutomatedCall,
        Channel::Fax,
    ];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Phone => "phone",
            Channel::Postal => "postal",
            Channel::AutomatedCall => "automated-call",
            Channel::Fax => "fax",
        }
    }

    /// Its place in [`Channel::ALL`] (declared in that order; a test holds it).
    fn index(self) -> usize {
        self as usize
    }
}

/// Who the rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Per row, from its signals (company, SIREN, job title, company email domain,
    /// CEDEX → professional; otherwise consumer).
    #[default]
    Auto,
    /// Every row is a consumer.
    B2c,
    /// Every row is a professional contacted about their job.
    B2b,
}

/// How the file is acquired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Deal {
    /// One-time use, often routed by the owner.
    #[default]
    Rent,
    /// Outright purchase.
    Buy,
    /// Exchange with a partner (invoiced both ways).
    Exchange,
}

/// The planned campaign (JSON, shared by the CLI, the wasm layer and the page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Campaign {
    /// The channel.
    pub channel: Channel,
    /// The audience.
    pub audience: Audience,
    /// The campaign date `YYYY-MM-DD`; defaults to the audit date.
    pub date: Option<String>,
    /// Rent, buy or exchange.
    pub deal: Deal,
    /// Total price of the file in EUR excluding VAT.
    pub price: Option<f64>,
    /// Price per 1,000 records in EUR excluding VAT (instead of `price`).
    pub cpm: Option<f64>,
    /// Override of the market band, EUR per 1,000: `[low, high]`.
    pub band: Option<[f64; 2]>,
    /// The offer is energy renovation or home adaptation: consumer prospecting is
    /// banned on every channel since 2025-07-01.
    pub sector_banned: bool,
    /// Uncertain rules switched on (`phone_consent_one_year`). Off by default.
    pub rules: BTreeMap<String, bool>,
    /// The opposition (suppression) list: emails, phone numbers, or SHA-256 hex of the
    /// canonical email / E.164 phone, one per entry.
    pub opposition: Vec<String>,
}

impl Default for Campaign {
    fn default() -> Campaign {
        Campaign {
            channel: Channel::Email,
            audience: Audience::Auto,
            date: None,
            deal: Deal::Rent,
            price: None,
            cpm: None,
            band: None,
            sector_banned: false,
            rules: BTreeMap::new(),
            opposition: Vec::new(),
        }
    }
}

/// The uncertain rules that can be switched on, with what they say.
pub const TOGGLES: &[(&str, &str)] = &[(
    "phone_consent_one_year",
    "B2C phone consent is valid one year (reported decree, not confirmed)",
)];

/// The date from which consumer prospecting for energy-renovation and home-adaptation
/// offers is banned on every channel.
pub const SECTOR_BAN_FROM: &str = "2025-07-01";

/// The date from which consumer phone prospecting needs opt-in (loi n° 2025-594).
pub const PHONE_OPT_IN_FROM: &str = "2026-08-11";

impl Campaign {
    /// Checks the campaign options.
    pub fn validate(&self) -> Result<()> {
        if let Some(d) = &self.date {
            if dates::parse_iso(d).is_none() {
                return Err(Error::invalid_option(
                    "campaign.date",
                    format!("{d:?} is not a date written YYYY-MM-DD"),
                ));
            }
        }
        for (name, v) in [("campaign.price", self.price), ("campaign.cpm", self.cpm)] {
            if let Some(v) = v {
                if !(v.is_finite() && v >= 0.0) {
                    return Err(Error::invalid_option(
                        name,
                        "a price is a positive number of euros",
                    ));
                }
            }
        }
        if self.price.is_some() && self.cpm.is_some() {
            return Err(Error::invalid_option(
                "campaign.price",
                "give the total price or the price per 1,000, not both",
            ));
        }
        if let Some([lo, hi]) = self.band {
            if !(lo.is_finite() && hi.is_finite() && 0.0 <= lo && lo <= hi) {
                return Err(Error::invalid_option(
                    "campaign.band",
                    "a band is [low, high] with 0 <= low <= high",
                ));
            }
        }
        for k in self.rules.keys() {
            if !TOGGLES.iter().any(|(t, _)| t == k) {
                let known: Vec<&str> = TOGGLES.iter().map(|t| t.0).collect();
                return Err(Error::invalid_option(
                    "campaign.rules",
                    format!("unknown rule {k:?} (known: {})", known.join(", ")),
                ));
            }
        }
        Ok(())
    }

    /// Whether an uncertain rule is on.
    pub fn rule_on(&self, name: &str) -> bool {
        self.rules.get(name).copied().unwrap_or(false)
    }
}

/// What a consent cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentValue {
    /// Empty or unreadable.
    Unknown,
    /// A positive answer (oui, yes, 1, x, opt-in, a date...).
    Yes,
    /// An explicit no (non, no, 0, opt-out, refus, désinscrit...).
    No,
}

/// Reads a consent cell: the many spellings of yes and no in French and English.
pub fn consent_value(cell: &str) -> ConsentValue {
    let v = cell.trim();
    if v.is_empty() {
        return ConsentValue::Unknown;
    }
    // Short ASCII values (the usual case) are lower-cased on the stack.
    let mut small = [0u8; 16];
    let mut folded = String::new();
    let f: &str = if v.len() <= small.len() && v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        for (d, b) in small.iter_mut().zip(v.bytes()) {
            *d = b.to_ascii_lowercase();
        }
        std::str::from_utf8(&small[..v.len()]).unwrap_or("")
    } else {
        crate::checks::content::fold_words(v, &mut folded);
        folded.trim()
    };
    const YES: &[&str] = &[
        "oui",
        "o",
        "y",
        "yes",
        "1",
        "true",
        "vrai",
        "x",
        "ok",
        "optin",
        "opt in",
        "accepte",
        "acceptee",
        "accord",
        "d accord",
        "consent",
        "consenti",
        "consentement",
        "inscrit",
        "inscrite",
        "abonne",
        "abonnee",
        "subscribed",
        "granted",
        "v",
        "on",
    ];
    const NO: &[&str] = &[
        "non",
        "n",
        "no",
        "0",
        "false",
        "faux",
        "optout",
        "opt out",
        "refus",
        "refuse",
        "refusee",
        "desinscrit",
        "desinscrite",
        "desabonne",
        "desabonnee",
        "unsubscribed",
        "stop",
        "opposition",
        "oppose",
        "denied",
        "off",
    ];
    if YES.contains(&f) {
        return ConsentValue::Yes;
    }
    if NO.contains(&f) {
        return ConsentValue::No;
    }
    // A date in a consent column records when consent was given.
    if dates::parse(v, false).is_ok() {
        return ConsentValue::Yes;
    }
    ConsentValue::Unknown
}

/// The opposition list, indexed: clear emails and phones are canonicalised; hashes
/// are kept as lower-case hex.
#[derive(Debug, Default, Clone)]
pub(crate) struct Opposition {
    keys: BTreeSet<String>,
    /// Whether any entry is a SHA-256: only then is a row's key hashed.
    hashes: bool,
}

impl Opposition {
    pub fn new(entries: &[String]) -> Opposition {
        let mut keys = BTreeSet::new();
        let mut hashes = false;
        for e in entries {
            let e = e.trim();
            if e.is_empty() || e.starts_with('#') {
                continue;
            }
            if e.len() == 64 && e.bytes().all(|b| b.is_ascii_hexdigit()) {
                hashes = true;
                keys.insert(e.to_ascii_lowercase());
            } else if let Some(c) = crate::checks::email::canonical(e) {
                keys.insert(c);
            } else if let Ok(p) = crate::checks::phone::parse(e) {
                keys.insert(p.e164);
            }
        }
        Opposition { keys, hashes }
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether a canonical email or E.164 phone (or its SHA-256) is listed.
    pub fn contains(&self, canonical: &str) -> bool {
        if self.keys.contains(canonical) {
            return true;
        }
        if !self.hashes {
            return false;
        }
        use sha2::{Digest, Sha256};
        let h = Sha256::digest(canonical.as_bytes());
        let mut hex = String::with_capacity(64);
        for b in h {
            hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
            hex.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
        }
        self.keys.contains(&hex)
    }
}

/// What the checker knows of one row, for the campaign rules.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RowFacts {
    pub valid_email: bool,
    pub role_email: bool,
    pub webmail: bool,
    pub company_email: bool,
    pub valid_phone: bool,
    pub valid_mobile: bool,
    pub valid_postal: bool,
    pub cedex: bool,
    pub company: bool,
    pub stale: bool,
    pub opposed: bool,
    pub consent: [Option<ConsentValue>; 6],
    pub consent_dated: Option<Day>,
    pub has_source: bool,
    pub trap_risk: bool,
    /// A later row of a duplicates cluster.
    pub duplicate: bool,
}

impl RowFacts {
    /// B2B if any professional signal, else B2C.
    pub fn is_b2b(&self, audience: Audience) -> bool {
        match audience {
            Audience::B2b => true,
            Audience::B2c => false,
            Audience::Auto => self.company || self.cedex || self.company_email,
        }
    }
}

/// Why a row cannot be used for a channel, in funnel order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stop {
    /// No contact point the channel can use.
    NoContact,
    /// Consent missing or refused, or the sector ban.
    NotAllowed,
    /// Older than 3 years.
    Stale,
    /// On the opposition list.
    Opposed,
    /// A later row of a duplicates cluster (the funnel's second stage; not counted in
    /// `Tally::stops`, which the score reads).
    Duplicate,
}

/// The day of [`PHONE_OPT_IN_FROM`], parsed once (every row asks, for each channel).
fn opt_in_day() -> Option<Day> {
    static D: std::sync::OnceLock<Option<Day>> = std::sync::OnceLock::new();
    *D.get_or_init(|| dates::parse_iso(PHONE_OPT_IN_FROM))
}

/// The day of [`SECTOR_BAN_FROM`], parsed once.
fn ban_day() -> Option<Day> {
    static D: std::sync::OnceLock<Option<Day>> = std::sync::OnceLock::new();
    *D.get_or_init(|| dates::parse_iso(SECTOR_BAN_FROM))
}

/// The campaign's verdict on a row for one channel, with the codes to report.
pub(crate) fn evaluate(
    c: &Campaign,
    campaign_day: Option<Day>,
    f: &RowFacts,
    channel: Channel,
    codes: &mut Vec<&'static str>,
) -> Option<Stop> {
    let b2b = f.is_b2b(c.audience);
    let contact = match channel {
        Channel::Email => f.valid_email && (b2b || !f.role_email),
        Channel::Sms => f.valid_mobile,
        Channel::Phone | Channel::AutomatedCall | Channel::Fax => f.valid_phone,
        Channel::Postal => f.valid_postal,
    };
    let phone_opt_in = campaign_day.is_some_and(|d| Some(d) >= opt_in_day());
    let needs_opt_in = !b2b
        && match channel {
            Channel::Email | Channel::Sms | Channel::AutomatedCall | Channel::Fax => true,
            Channel::Phone => phone_opt_in,
            Channel::Postal => false,
        };
    let consent = f.consent[channel.index()].unwrap_or(ConsentValue::Unknown);
    let mut allowed = true;
    if consent == ConsentValue::No {
        codes.push("consent.refused");
        allowed = false;
    } else if needs_opt_in {
        if consent != ConsentValue::Yes {
            codes.push("consent.missing");
            allowed = false;
        } else {
            if f.consent_dated.is_none() || !f.has_source {
                codes.push("consent.unproven");
            }
            if channel == Channel::Phone && c.rule_on("phone_consent_one_year") {
                let expired = match (f.consent_dated, campaign_day) {
                    (Some(d), Some(today)) => d < dates::years_before(today, 1),
                    _ => false,
                };
                if expired {
                    codes.push("consent.expired");
                    allowed = false;
                }
            }
        }
    }
    let ban_in_force = campaign_day.is_none_or(|d| Some(d) >= ban_day());
    if c.sector_banned && !b2b && ban_in_force {
        codes.push("consent.sector_ban");
        allowed = false;
    }
    if f.opposed {
        codes.push("opposition.listed");
    }
    if !contact {
        Some(Stop::NoContact)
    } else if !allowed {
        Some(Stop::NotAllowed)
    } else if f.stale {
        Some(Stop::Stale)
    } else if f.opposed {
        Some(Stop::Opposed)
    } else {
        None
    }
}

/// Counts gathered row by row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    pub rows: u64,
    pub b2b: u64,
    pub b2c: u64,
    pub trap_risk: u64,
    pub stale: u64,
    /// Rows allowed on the campaign's channel (past the consent stage) on a consent
    /// without proof.
    pub unproven: u64,
    scratch: Vec<&'static str>,
    /// Per channel: rows stopped at each stage, duplicates or not (the score's counts).
    pub stops: [[u64; 4]; 6],
    /// Rows that are later rows of a duplicates cluster.
    pub duplicates: u64,
    /// Per channel: duplicates that had a contact point for it (the funnel's
    /// `not_duplicated` stage).
    pub dup_contactable: [u64; 6],
    /// Per channel: rows that are not duplicates stopped at each stage after contact.
    pub unique_stops: [[u64; 4]; 6],
    /// [`evaluate`]'s verdicts per [`verdict_key`]: a file has a few hundred
    /// combinations of the facts the campaign rules read, and every row asks for all six
    /// channels.
    memo: crate::rules::FxMap<u32, Verdicts>,
    /// The campaign day the memo is for, and the day before which a phone consent has
    /// expired (one year before it).
    memo_day: Option<(Option<Day>, Option<Day>)>,
}

/// What [`evaluate`] says of a row, for every channel.
#[derive(Debug, Clone, Copy)]
struct Verdicts {
    stops: [Option<Stop>; 6],
    /// The campaign channel's codes.
    codes: [&'static str; VERDICT_CODES],
    n_codes: u8,
    /// The campaign channel's codes hold `consent.unproven`.
    unproven: bool,
}

/// Combinations of facts whose verdicts are remembered at most: a file has a few
/// hundred; one made to have more (up to 2²³) has the others evaluated row by row, so
/// that the memory stays bounded (16 in the unit tests, so that both ways are taken).
#[cfg(not(test))]
const VERDICTS_MAX: usize = 4096;
#[cfg(test)]
const VERDICTS_MAX: usize = 16;

/// Codes one channel's verdict can give at most (refused or missing or unproven and
/// expired, the sector ban, the opposition list), with room to spare.
const VERDICT_CODES: usize = 6;

/// Everything of `f` that [`evaluate`] reads, for the campaign's audience, as bits.
/// `expiry`: the day before which a consent is over a year old (`None` without a
/// campaign day).
fn verdict_key(f: &RowFacts, audience: Audience, expiry: Option<Day>) -> u32 {
    let expired = matches!((f.consent_dated, expiry), (Some(d), Some(e)) if d < e);
    let mut k = 0u32;
    for b in [
        f.is_b2b(audience),
        f.valid_email,
        f.role_email,
        f.valid_mobile,
        f.valid_phone,
        f.valid_postal,
        f.has_source,
        f.opposed,
        f.stale,
        f.consent_dated.is_none(),
        expired,
    ] {
        k = k << 1 | u32::from(b);
    }
    for v in f.consent {
        k = k << 2
            | match v {
                None => 0,
                Some(ConsentValue::Unknown) => 1,
                Some(ConsentValue::Yes) => 2,
                Some(ConsentValue::No) => 3,
            };
    }
    k
}

impl Tally {
    /// Counts a row for every channel; the campaign's channel's codes go to `codes`
    /// and its verdict is returned (each channel is evaluated once).
    pub fn add(
        &mut self,
        c: &Campaign,
        campaign_day: Option<Day>,
        f: &RowFacts,
        codes: &mut Vec<&'static str>,
    ) -> Option<Stop> {
        self.rows += 1;
        if f.is_b2b(c.audience) {
            self.b2b += 1;
        } else {
            self.b2c += 1;
        }
        self.trap_risk += u64::from(f.trap_risk);
        self.stale += u64::from(f.stale);
        self.duplicates += u64::from(f.duplicate);
        if self.memo_day.is_none_or(|(d, _)| d != campaign_day) {
            let expiry = campaign_day.map(|d| dates::years_before(d, 1));
            self.memo_day = Some((campaign_day, expiry));
            self.memo.clear();
        }
        let expiry = self.memo_day.and_then(|(_, e)| e);
        let key = verdict_key(f, c.audience, expiry);
        let verdicts = match self.memo.get(&key) {
            Some(v) => {
                codes.clear();
                codes.extend_from_slice(&v.codes[..usize::from(v.n_codes)]);
                *v
            }
            None => self.evaluate_all(c, campaign_day, f, key, codes),
        };
        let mut chosen = None;
        for ch in Channel::ALL {
            let stop = verdicts.stops[ch.index()];
            if let Some(stop) = stop {
                self.stops[ch.index()][stop as usize] += 1;
            }
            // The funnel's view: a duplicate with a contact point stops at its stage.
            let mut funnel_stop = stop;
            if stop != Some(Stop::NoContact) {
                if f.duplicate {
                    self.dup_contactable[ch.index()] += 1;
                    funnel_stop = Some(Stop::Duplicate);
                } else if let Some(s) = stop {
                    self.unique_stops[ch.index()][s as usize] += 1;
                }
            }
            if ch == c.channel {
                let allowed = !matches!(stop, Some(Stop::NoContact | Stop::NotAllowed));
                if allowed && verdicts.unproven {
                    self.unproven += 1;
                }
                chosen = funnel_stop;
            }
        }
        chosen
    }

    /// [`evaluate`] for every channel, remembered under `key`: once per combination of
    /// facts, out of line (the code that runs for every row stays small).
    #[cold]
    #[inline(never)]
    fn evaluate_all(
        &mut self,
        c: &Campaign,
        campaign_day: Option<Day>,
        f: &RowFacts,
        key: u32,
        codes: &mut Vec<&'static str>,
    ) -> Verdicts {
        let mut v = Verdicts {
            stops: [None; 6],
            codes: [""; VERDICT_CODES],
            n_codes: 0,
            unproven: false,
        };
        let mut out = std::mem::take(&mut self.scratch);
        let mut fits = true;
        for ch in Channel::ALL {
            out.clear();
            v.stops[ch.index()] = evaluate(c, campaign_day, f, ch, &mut out);
            if ch == c.channel {
                fits = out.len() <= VERDICT_CODES;
                let n = out.len().min(VERDICT_CODES);
                v.codes[..n].copy_from_slice(&out[..n]);
                v.n_codes = n as u8;
                v.unproven = out.contains(&"consent.unproven");
                codes.clone_from(&out);
            }
        }
        self.scratch = out;
        // `fits` is always true today; a verdict with more codes is simply not
        // remembered.
        if fits && self.memo.len() < VERDICTS_MAX {
            self.memo.insert(key, v);
        }
        v
    }

    fn usable(&self, ch: Channel) -> u64 {
        let i = ch.index();
        self.rows
            - self.stops[i][Stop::NoContact as usize]
            - self.dup_contactable[i]
            - self.unique_stops[i][1..].iter().sum::<u64>()
    }
}

/// One stage of the usable funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelStage {
    /// `rows`, `contact`, `not_duplicated`, `allowed`, `fresh`, `not_opposed`, `usable`.
    pub stage: String,
    /// Rows still in the funnel after this stage.
    pub count: u64,
    /// The same as a percentage of all rows (one decimal).
    pub percent: f64,
}

/// Price sanity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceSanity {
    /// Total price (EUR excl. VAT), given or computed from the CPM.
    pub total: Option<f64>,
    /// Nominal price per 1,000 records.
    pub cpm: Option<f64>,
    /// The market band applied (EUR per 1,000), `null` where there is no public figure.
    pub band: Option<[f64; 2]>,
    /// Which band: its label in domain.md's table, or `user`.
    pub band_label: String,
    /// `in_band`, `below_band` (under the band but at least half its low end), `low`
    /// (< 50% of the band's low end), `very_low` (< 20%), `high`, `no_band` or `no_price`.
    pub verdict: String,
    /// Warning signs: `b2c_file_for_sale`, `b2c_phone_without_phone_consent`,
    /// `cheap_b2c_phone_file`.
    pub red_flags: Vec<String>,
    /// Rows usable for the campaign.
    pub usable: u64,
    /// What 1,000 usable contacts really cost: total / usable × 1,000.
    pub effective_cpm: Option<f64>,
}

/// One item of the seller due-diligence checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// Stable key.
    pub key: String,
    /// Whether the file itself answers it (a column is there).
    pub in_file: bool,
    /// What to ask the seller for, in English.
    pub ask_en: String,
    /// The same in French.
    pub ask_fr: String,
}

/// A legal reminder that applies to the campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reminder {
    /// Stable key.
    pub key: String,
    /// The legal basis.
    pub basis: String,
    /// The reminder in English.
    pub en: String,
    /// The same in French.
    pub fr: String,
}

/// The campaign section of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignReport {
    /// The channel.
    pub channel: Channel,
    /// The audience option.
    pub audience: Audience,
    /// The campaign date used, if any.
    pub date: Option<String>,
    /// The deal.
    pub deal: Deal,
    /// Rows read as professional (B2B) and as consumer (B2C).
    pub rows_b2b: u64,
    /// See `rows_b2b`.
    pub rows_b2c: u64,
    /// The usable funnel for the channel.
    pub funnel: Vec<FunnelStage>,
    /// Usable rows for every channel.
    pub usable_by_channel: BTreeMap<Channel, u64>,
    /// Entries of the opposition list that were read.
    pub opposition_entries: usize,
    /// The uncertain rules and whether they were on.
    pub uncertain_rules: BTreeMap<String, bool>,
    /// Price sanity.
    pub price: PriceSanity,
    /// What to ask the seller.
    pub checklist: Vec<ChecklistItem>,
    /// How many checklist items the file itself answers, out of `checklist.len()`.
    pub checklist_in_file: usize,
    /// Legal reminders.
    pub reminders: Vec<Reminder>,
}

/// The reliability score: a documented function of the counts (see `score`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// 0 to 100.
    pub value: u8,
    /// A (85+), B (70+), C (55+), D (40+), E.
    pub grade: String,
    /// Each component, 0 to 100.
    pub parts: BTreeMap<String, u8>,
    /// The three biggest reasons, in plain words: sensitive data first if any, then the
    /// weakest components.
    pub reasons: Vec<Reason>,
}

/// Why the score is what it is, for one component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The component (`consent`, `price`...).
    pub part: String,
    /// In English.
    pub en: String,
    /// In French.
    pub fr: String,
}

fn pct(n: u64, d: u64) -> f64 {
    if d == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / d as f64).round() / 10.0
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The price verdict of a price per 1,000 against a band.
fn price_verdict(cpm: Option<f64>, band: Option<[f64; 2]>) -> &'static str {
    match (cpm, band) {
        (None, _) => "no_price",
        (Some(_), None) => "no_band",
        (Some(p), Some([lo, hi])) => {
            if p < 0.2 * lo {
                "very_low"
            } else if p < 0.5 * lo {
                "low"
            } else if p < lo {
                "below_band"
            } else if p > hi {
                "high"
            } else {
                "in_band"
            }
        }
    }
}

fn price_points(verdict: &str) -> u8 {
    match verdict {
        "in_band" => 100,
        "below_band" => 85,
        "high" => 60,
        "low" => 40,
        "very_low" => 0,
        _ => 70,
    }
}

/// The market band (EUR per 1,000) for a deal, channel and majority audience, with
/// its label in domain.md's table; `None` where there is no reliable public figure.
pub fn market_band(deal: Deal, channel: Channel, b2b: bool) -> (Option<[f64; 2]>, &'static str) {
    let (band, label) = match (deal, channel, b2b) {
        (Deal::Exchange, _, _) => (Some([20.0, 35.0]), "list exchange"),
        (_, Channel::Postal, false) => (
            Some([40.0, 250.0]),
            "B2C postal (compiled 40-120, behavioural 150-250)",
        ),
        (_, Channel::Postal, true) => (
            Some([150.0, 400.0]),
            "B2B postal, company + named executive",
        ),
        (_, Channel::Email, true) => (Some([150.0, 750.0]), "B2B email rental"),
        (_, Channel::Email, false) => (Some([50.0, 300.0]), "B2C email opt-in rental"),
        (_, Channel::Phone | Channel::AutomatedCall, true) => {
            (Some([250.0, 400.0]), "B2B with phone")
        }
        (_, _, _) => (None, "SMS / B2C phone: no reliable public figure"),
    };
    // Buying instead of renting: roughly 2-4 times the rental price.
    match (deal, band) {
        (Deal::Buy, Some([lo, hi])) => (Some([lo * 2.0, hi * 4.0]), label),
        _ => (band, label),
    }
}

/// Builds the campaign section and the score from the tallies.
#[allow(clippy::too_many_arguments)]
pub(crate) fn report(
    c: &Campaign,
    campaign_date: Option<String>,
    t: &Tally,
    roles: &BTreeSet<crate::roles::Role>,
    opposition_entries: usize,
    field_valid_share: f64,
    sensitive: bool,
    source_columns: &[String],
) -> (CampaignReport, Score) {
    use crate::roles::Role;
    let ch = c.channel;
    let s = t.stops[ch.index()];
    let u = t.unique_stops[ch.index()];
    let rows = t.rows;
    let mut left = rows;
    let mut funnel = vec![FunnelStage {
        stage: "rows".into(),
        count: rows,
        percent: pct(rows, rows),
    }];
    for (i, name) in [
        "contact",
        "not_duplicated",
        "allowed",
        "fresh",
        "not_opposed",
    ]
    .iter()
    .enumerate()
    {
        let removed = match i {
            0 => s[0],
            1 => t.dup_contactable[ch.index()],
            _ => u[i - 1],
        };
        left -= removed;
        funnel.push(FunnelStage {
            stage: (*name).into(),
            count: left,
            percent: pct(left, rows),
        });
    }
    let usable = t.usable(ch);
    funnel.push(FunnelStage {
        stage: "usable".into(),
        count: usable,
        percent: pct(usable, rows),
    });
    let usable_by_channel = Channel::ALL.iter().map(|&k| (k, t.usable(k))).collect();

    // Price.
    let total = c
        .price
        .or_else(|| c.cpm.map(|m| m * rows as f64 / 1000.0))
        .map(round2);
    let cpm = c
        .cpm
        .or_else(|| {
            c.price
                .filter(|_| rows > 0)
                .map(|p| p * 1000.0 / rows as f64)
        })
        .map(round2);
    let majority_b2b = t.b2b > t.b2c;
    let (band, band_label) = match c.band {
        Some(b) => (Some(b), "user".to_string()),
        None => {
            let (b, l) = market_band(c.deal, ch, majority_b2b);
            (b, l.to_string())
        }
    };
    let verdict = price_verdict(cpm, band).to_string();
    let campaign_day = campaign_date.as_deref().and_then(dates::parse_iso);
    let after_opt_in = campaign_day.is_some_and(|d| Some(d) >= dates::parse_iso(PHONE_OPT_IN_FROM));
    let mut red_flags = Vec::new();
    if c.deal == Deal::Buy
        && !majority_b2b
        && matches!(
            ch,
            Channel::Email | Channel::Sms | Channel::Phone | Channel::AutomatedCall
        )
    {
        red_flags.push("b2c_file_for_sale".to_string());
    }
    if ch == Channel::Phone && !majority_b2b && after_opt_in && !roles.contains(&Role::ConsentPhone)
    {
        red_flags.push("b2c_phone_without_phone_consent".to_string());
    }
    // A B2C phone file has no public band; it should cost more than B2C email's: a
    // price under B2C email's low end after 2026-08-11 is suspect by construction.
    let b2c_email_low = 50.0;
    let cheap = matches!(verdict.as_str(), "low" | "very_low")
        || (band.is_none() && cpm.is_some_and(|p| p < b2c_email_low));
    if ch == Channel::Phone && !majority_b2b && after_opt_in && cheap {
        red_flags.push("cheap_b2c_phone_file".to_string());
    }
    let effective_cpm = total
        .filter(|_| usable > 0)
        .map(|p| round2(p * 1000.0 / usable as f64));
    let price = PriceSanity {
        total,
        cpm,
        band,
        band_label,
        verdict: verdict.clone(),
        red_flags,
        usable,
        effective_cpm,
    };

    // Checklist.
    let consent_role = match ch {
        Channel::Email => Some(Role::ConsentEmail),
        Channel::Sms => Some(Role::ConsentSms),
        Channel::Phone | Channel::AutomatedCall => Some(Role::ConsentPhone),
        Channel::Postal => Some(Role::ConsentPostal),
        Channel::Fax => None,
    };
    let has = |r: Role| roles.contains(&r);
    let mut checklist = Vec::new();
    let mut item = |key: &str, in_file: bool, en: &str, fr: &str| {
        checklist.push(ChecklistItem {
            key: key.into(),
            in_file,
            ask_en: en.into(),
            ask_fr: fr.into(),
        })
    };
    item(
        "collection_date",
        has(Role::CollectionDate),
        "The collection date of every record.",
        "La date de collecte de chaque enregistrement.",
    );
    item(
        "last_activity",
        has(Role::LastActivityDate),
        "The date of each prospect's last own action (a click, a purchase).",
        "La date de la dernière action de chaque prospect (un clic, un achat).",
    );
    item(
        "source",
        has(Role::Source),
        "Who collected the data and how: entity, site or event, per record.",
        "Qui a collecté les données et comment : entité, site ou événement, par enregistrement.",
    );
    item(
        "channel_consent",
        consent_role.is_some_and(has) || (ch == Channel::Email && has(Role::Consent)),
        "The consent for this channel, per record, with the wording shown.",
        "Le consentement pour ce canal, par enregistrement, avec le texte présenté.",
    );
    item(
        "consent_date",
        has(Role::ConsentDate),
        "The date, time and method of each consent (proof).",
        "La date, l'heure et le moyen de chaque consentement (preuve).",
    );
    item(
        "partners",
        has(Role::ConsentPartners),
        "The list of partners shown at collection, and who accepted partners' offers.",
        "La liste des partenaires présentée à la collecte, et qui a accepté leurs offres.",
    );
    if t.b2b > 0 {
        item(
            "company_ids",
            has(Role::Siren) || has(Role::Siret),
            "The company identifier (SIREN/SIRET) of professional records.",
            "L'identifiant de l'entreprise (SIREN/SIRET) des contacts professionnels.",
        );
        item(
            "job_title",
            has(Role::JobTitle),
            "The job title of professional records.",
            "La fonction des contacts professionnels.",
        );
    }
    item(
        "no_sensitive_data",
        !sensitive,
        "A written confirmation that the file holds no sensitive data.",
        "Une confirmation écrite que le fichier ne contient aucune donnée sensible.",
    );
    item(
        "opposition_handling",
        false,
        "How objections and the opposition list are handled, and when the file was last cleaned against them.",
        "Comment les oppositions et la liste d'opposition sont gérées, et quand le fichier a été nettoyé pour la dernière fois.",
    );
    item(
        "contract_terms",
        false,
        "The contract terms: one use or several, the seeding clause, the price per 1,000 and what is refunded.",
        "Les conditions du contrat : usage unique ou multiple, clause d'adresses témoins, prix au mille et ce qui est remboursé.",
    );

    // Legal reminders.
    let mut reminders = Vec::new();
    let mut remind = |key: &str, basis: &str, en: &str, fr: &str| {
        reminders.push(Reminder {
            key: key.into(),
            basis: basis.into(),
            en: en.into(),
            fr: fr.into(),
        })
    };
    remind(
        "inform_within_a_month",
        "GDPR art. 14",
        &format!(
            "Data from a third party: inform each person within a month, and at the latest at first contact, naming the source of the data{}.",
            match source_columns {
                [] => " (the file has no source column: ask the seller)".to_string(),
                cols => format!(" (the file's source column: {})", cols.join(", ")),
            }
        ),
        &format!(
            "Données reçues d'un tiers : informez chaque personne dans le mois, et au plus tard au premier contact, en citant la source des données{}.",
            match source_columns {
                [] => " (le fichier n'a pas de colonne de source : demandez-la au vendeur)".to_string(),
                cols => format!(" (colonne de source du fichier : {})", cols.join(", ")),
            }
        ),
    );
    remind(
        "right_to_object",
        "GDPR art. 21; CPCE art. L.34-5",
        "Every message must offer a simple, free way to object; an objection is absolute and final.",
        "Chaque message doit offrir un moyen simple et gratuit de s'opposer ; l'opposition est absolue et définitive.",
    );
    remind(
        "buyer_liability",
        "CNIL, FORIOU (2024, 310,000 EUR) and Solocal Marketing Services (2025, 900,000 EUR)",
        "The buyer must be able to prove the consent it relies on: unprovable broker consent has cost buyers heavy fines.",
        "L'acheteur doit pouvoir prouver le consentement dont il se prévaut : un consentement de courtier improuvable a valu de lourdes amendes.",
    );
    if matches!(ch, Channel::Phone | Channel::AutomatedCall) {
        remind(
            "phone_opt_in",
            "Consumer code art. L.223-1 (loi n° 2025-594)",
            "From 2026-08-11, calling a consumer needs prior, phone-specific consent, except within an ongoing contract; Bloctel no longer settles it.",
            "À partir du 11/08/2026, appeler un consommateur exige un consentement préalable propre au téléphone, sauf contrat en cours ; Bloctel ne suffit plus.",
        );
        remind(
            "call_hours",
            "Consumer code art. L.223-1; décret n° 2022-1313",
            "Call Monday to Friday, 10:00-13:00 and 14:00-20:00; at most 4 attempts in 30 days; 60 days of silence after a refusal.",
            "Appelez du lundi au vendredi, 10 h-13 h et 14 h-20 h ; au plus 4 tentatives en 30 jours ; 60 jours de silence après un refus.",
        );
    }
    if c.sector_banned {
        remind(
            "sector_ban",
            "Consumer code art. L.223-1 (since 2025-07-01)",
            "Energy-renovation and home-adaptation offers: consumer prospecting is banned on every channel.",
            "Rénovation énergétique et adaptation du logement : la prospection des consommateurs est interdite sur tous les canaux.",
        );
    }
    if c.deal == Deal::Exchange {
        remind(
            "exchange_invoiced",
            "Commercial practice",
            "A file exchange must still be invoiced both ways.",
            "Un échange de fichiers doit tout de même être facturé dans les deux sens.",
        );
    }

    let report = CampaignReport {
        channel: ch,
        audience: c.audience,
        date: campaign_date,
        deal: c.deal,
        rows_b2b: t.b2b,
        rows_b2c: t.b2c,
        funnel,
        usable_by_channel,
        opposition_entries,
        uncertain_rules: TOGGLES
            .iter()
            .map(|(k, _)| (k.to_string(), c.rule_on(k)))
            .collect(),
        price,
        checklist_in_file: checklist.iter().filter(|i| i.in_file).count(),
        checklist,
        reminders,
    };
    // The score judges the price without depending on the rows' contents (so that it
    // stays monotone): against the user's band, the declared audience's band, or, with
    // the audience read per row, the less favourable of the B2B and B2C bands.
    let score_verdict = match (c.band, c.audience) {
        (Some(_), _) => verdict.clone(),
        (None, Audience::B2b) => price_verdict(cpm, market_band(c.deal, ch, true).0).to_string(),
        (None, Audience::B2c) => price_verdict(cpm, market_band(c.deal, ch, false).0).to_string(),
        (None, Audience::Auto) => {
            let b2b = price_verdict(cpm, market_band(c.deal, ch, true).0);
            let b2c = price_verdict(cpm, market_band(c.deal, ch, false).0);
            if price_points(b2b) <= price_points(b2c) {
                b2b
            } else {
                b2c
            }
            .to_string()
        }
    };
    let score = score(t, ch, field_valid_share, &score_verdict, sensitive);
    (report, score)
}

/// The reliability score, a pure function of the counts:
///
/// | part | weight | value (0-100) |
/// |---|---|---|
/// | qualification | 25 | share of rows with a valid contact point for the channel, times the share of filled cells that are valid |
/// | consent | 25 | share of rows contactable and allowed by the channel's rules, less half the share of rows allowed on a consent without proof |
/// | freshness | 15 | share of rows not stale |
/// | duplicates | 10 | share of rows that are not later rows of a duplicates cluster (`dup.exact`, `dup.fuzzy`) |
/// | traps | 10 | share of rows without a trap-risk sign (typo, dead, role, disposable or reserved domain) |
/// | price | 15 | in band 100, below the band (but over half its low end) 85, high 60, low 40, very low 0, no price or no band 70; judged against the user's band, else the declared audience's, else (audience per row) the less favourable of the B2B and B2C bands, so that the rows' contents never change it |
///
/// Grade: A from 85, B from 70, C from 55, D from 40, else E. Sensitive data in the
/// file caps the score at 39 (grade E): such a file must not be used as it is.
pub(crate) fn score(
    t: &Tally,
    ch: Channel,
    field_valid_share: f64,
    price_verdict: &str,
    sensitive: bool,
) -> Score {
    let s = t.stops[ch.index()];
    let rows = t.rows.max(1) as f64;
    let contactable = (t.rows - s[0]) as f64;
    let share = |x: f64| (x.clamp(0.0, 1.0) * 100.0).round() as u8;
    let mut parts = BTreeMap::new();
    parts.insert(
        "qualification".to_string(),
        share(contactable / rows * field_valid_share),
    );
    // Cumulative shares of all rows, so that a row getting worse can only lower them
    // (the score is monotone: more defects never raise it).
    let allowed = contactable - s[1] as f64;
    let unproven = t.unproven as f64 / rows;
    let consent = (allowed / rows - 0.5 * unproven).max(0.0);
    parts.insert("consent".to_string(), share(consent));
    parts.insert("freshness".to_string(), share(1.0 - t.stale as f64 / rows));
    parts.insert(
        "duplicates".to_string(),
        share(1.0 - t.duplicates as f64 / rows),
    );
    parts.insert("traps".to_string(), share(1.0 - t.trap_risk as f64 / rows));
    let price = price_points(price_verdict);
    parts.insert("price".to_string(), price);
    const WEIGHTS: [(&str, u32); 6] = [
        ("qualification", 25),
        ("consent", 25),
        ("freshness", 15),
        ("duplicates", 10),
        ("traps", 10),
        ("price", 15),
    ];
    let total: u32 = WEIGHTS.iter().map(|(k, w)| u32::from(parts[*k]) * w).sum();
    let mut value = if t.rows == 0 {
        0
    } else {
        ((total as f64) / 100.0).round() as u8
    };
    if sensitive {
        value = value.min(39);
    }
    let grade = match value {
        85.. => "A",
        70..=84 => "B",
        55..=69 => "C",
        40..=54 => "D",
        _ => "E",
    }
    .to_string();
    let mut ranked: Vec<(&str, u8)> = WEIGHTS.iter().map(|(k, _)| (*k, parts[*k])).collect();
    ranked.sort_by_key(|&(k, v)| (v, k));
    let p = |x: f64| format!("{:.0}", (x * 100.0).clamp(0.0, 100.0));
    let contact_share = contactable / rows;
    let allowed_share = allowed / rows;
    let reason = |part: &str| -> Reason {
        let (en, fr) = match part {
            "qualification" => (
                format!(
                    "{}% of rows have a valid contact point for this channel, and {}% of filled cells pass their checks.",
                    p(contact_share),
                    p(field_valid_share)
                ),
                format!(
                    "{} % des lignes ont un moyen de contact valide pour ce canal, et {} % des cellules remplies passent les contrôles.",
                    p(contact_share),
                    p(field_valid_share)
                ),
            ),
            "consent" => (
                format!(
                    "{}% of rows may lawfully be contacted on this channel; {}% of rows rely on a consent without proof.",
                    p(allowed_share),
                    p(unproven)
                ),
                format!(
                    "{} % des lignes peuvent légalement être contactées sur ce canal ; {} % des lignes reposent sur un consentement sans preuve.",
                    p(allowed_share),
                    p(unproven)
                ),
            ),
            "freshness" => (
                format!("{}% of rows are older than 3 years.", p(t.stale as f64 / rows)),
                format!("{} % des lignes ont plus de 3 ans.", p(t.stale as f64 / rows)),
            ),
            "duplicates" => (
                format!(
                    "{}% of rows are later rows of a duplicates cluster (the same person again).",
                    p(t.duplicates as f64 / rows)
                ),
                format!(
                    "{} % des lignes sont des doublons d'une ligne précédente (la même personne).",
                    p(t.duplicates as f64 / rows)
                ),
            ),
            "traps" => (
                format!(
                    "{}% of rows carry a spam-trap or deliverability risk (typo, dead, role, disposable or reserved email domain).",
                    p(t.trap_risk as f64 / rows)
                ),
                format!(
                    "{} % des lignes présentent un risque de piège à spam ou de délivrabilité (domaine mal orthographié, mort, générique, jetable ou réservé).",
                    p(t.trap_risk as f64 / rows)
                ),
            ),
            _ => match price_verdict {
                "in_band" => ("The price is within the market band.".into(), "Le prix est dans la fourchette du marché.".into()),
                "below_band" => (
                    "The price is a little under the market band.".into(),
                    "Le prix est un peu en dessous de la fourchette du marché.".into(),
                ),
                "high" => ("The price is above the market band.".into(), "Le prix est au-dessus de la fourchette du marché.".into()),
                "low" => (
                    "The price is suspiciously low: under half the band's low end.".into(),
                    "Le prix est étrangement bas : moins de la moitié du bas de la fourchette.".into(),
                ),
                "very_low" => (
                    "The price is far below the market (under 20% of the band's low end): scraped data or invalid consent?".into(),
                    "Le prix est très en dessous du marché (moins de 20 % du bas de la fourchette) : données aspirées ou consentement invalide ?".into(),
                ),
                "no_band" => (
                    "There is no reliable public price band for this kind of file.".into(),
                    "Il n'existe pas de fourchette de prix publique fiable pour ce type de fichier.".into(),
                ),
                _ => ("No price was given: the price cannot be judged.".into(), "Aucun prix n'a été indiqué : il ne peut pas être jugé.".into()),
            },
        };
        Reason {
            part: part.to_string(),
            en,
            fr,
        }
    };
    let mut reasons: Vec<Reason> = Vec::with_capacity(3);
    if sensitive {
        reasons.push(Reason {
            part: "sensitive".to_string(),
            en: "The file holds sensitive data (health, opinions, religion, union, origin, sex life, offences): the score is capped at 39.".to_string(),
            fr: "Le fichier contient des données sensibles (santé, opinions, religion, syndicat, origine, vie sexuelle, infractions) : le score est plafonné à 39.".to_string(),
        });
    }
    reasons.extend(
        ranked
            .iter()
            .take(3 - reasons.len())
            .map(|(k, _)| reason(k)),
    );
    Score {
        value,
        grade,
        parts,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_the_place_in_all() {
        for (i, ch) in Channel::ALL.into_iter().enumerate() {
            assert_eq!(ch.index(), i, "{ch:?}");
        }
    }

    /// The tally remembers verdicts per combination of facts: it must give what
    /// `evaluate` gives for every row, whatever came before it.
    #[test]
    fn remembered_verdicts_are_evaluate_s() {
        let mut rng = crate::demo::Rng(7);
        let days = [
            None,
            dates::parse_iso("2026-09-01"),
            dates::parse_iso("2026-06-01"),
        ];
        let consents = [
            None,
            Some(ConsentValue::Unknown),
            Some(ConsentValue::Yes),
            Some(ConsentValue::No),
        ];
        for channel in Channel::ALL {
            for audience in [Audience::Auto, Audience::B2c, Audience::B2b] {
                for (banned, one_year) in [(false, false), (true, true)] {
                    let mut c = Campaign {
                        channel,
                        audience,
                        sector_banned: banned,
                        ..Campaign::default()
                    };
                    c.rules.insert("phone_consent_one_year".into(), one_year);
                    for &day in &days {
                        let mut tally = Tally::default();
                        let mut codes = Vec::new();
                        let mut stops = [[0u64; 4]; 6];
                        for _ in 0..10_000 {
                            let r = rng.next_u64();
                            let bit = |i: u32| r >> i & 1 == 1;
                            let mut f = RowFacts {
                                valid_email: bit(0),
                                role_email: bit(1),
                                webmail: bit(2),
                                company_email: bit(3),
                                valid_phone: bit(4),
                                valid_mobile: bit(5),
                                valid_postal: bit(6),
                                cedex: bit(7),
                                company: bit(8),
                                stale: bit(9),
                                opposed: bit(10),
                                has_source: bit(11),
                                trap_risk: bit(12),
                                duplicate: bit(13),
                                ..RowFacts::default()
                            };
                            // One answer for every channel: rows then share their facts
                            // often enough for the remembered verdicts to be reused.
                            f.consent = [consents[(r >> 16 & 3) as usize]; 6];
                            // Consent dates around the one-year limit, or none.
                            f.consent_dated = match r >> 30 & 3 {
                                0 => None,
                                k => days[1].map(|d| d - 300 - 40 * k as i32),
                            };
                            let chosen = tally.add(&c, day, &f, &mut codes);
                            let mut expected = Vec::new();
                            let stop = evaluate(&c, day, &f, channel, &mut expected);
                            assert_eq!(codes, expected, "{f:?} {c:?} {day:?}");
                            let funnel = match stop {
                                Some(Stop::NoContact) => stop,
                                _ if f.duplicate => Some(Stop::Duplicate),
                                _ => stop,
                            };
                            assert_eq!(chosen, funnel, "{f:?} {c:?} {day:?}");
                            for ch in Channel::ALL {
                                if let Some(s) = evaluate(&c, day, &f, ch, &mut expected) {
                                    stops[ch.index()][s as usize] += 1;
                                }
                            }
                        }
                        // And every channel's counts.
                        assert_eq!(tally.stops, stops);
                        // Remembered up to the cap, the other combinations evaluated
                        // row by row (both checked above).
                        assert_eq!(tally.memo.len(), VERDICTS_MAX);
                    }
                }
            }
        }
    }
}
