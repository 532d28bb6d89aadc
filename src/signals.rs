//! Signals for the two estimates the buyer gets: possible owner seeds (expected in
//! rentals: not to be removed) and spam-trap and deliverability risk. Neither can be
//! proven from a row; both are counted from documented signals (domain.md, "Seeds,
//! traps and leaks").

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A local part that looks machine-made: 8 characters or more, no separator, and either
/// five consonants in a row or letters and digits alternating four times or more
/// (`xk7qz3vb`, `a8f93kd02l`; not `jdupont1982`, `schwartz`).
pub fn looks_random(local: &str) -> bool {
    let b = local.as_bytes();
    if b.len() < 8 || b.iter().any(|c| matches!(c, b'.' | b'_' | b'-' | b'+')) {
        return false;
    }
    if !b.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let mut run = 0;
    let mut longest = 0;
    let mut switches = 0;
    for (i, &c) in b.iter().enumerate() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphabetic() && !matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
        if i > 0 && b[i - 1].is_ascii_digit() != c.is_ascii_digit() {
            switches += 1;
        }
    }
    longest >= 5 || switches >= 4
}

/// Whether an email's local part carries the person's name: the folded first or last
/// name (3 letters or more), or the first name's initial followed by the last name.
/// `names` is the folded words of the name (`fold_words` output).
pub fn local_has_name(local: &str, names: &[&str]) -> bool {
    let mut folded = String::with_capacity(local.len());
    for c in local.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                folded.push(c.to_ascii_lowercase());
            }
        } else {
            folded.extend(
                crate::roles::fold_char(c)
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|c| c.to_ascii_lowercase()),
            );
        }
    }
    names.iter().any(|n| n.len() >= 3 && folded.contains(n))
}

/// Why a row may be an owner seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SeedSignal {
    /// A `+tag` alias (`jean+loueur@...`).
    PlusAlias,
    /// A phone number in a range reserved for fiction: it rings nobody.
    FictionPhone,
    /// A near duplicate of an earlier row with a spelling change in the name (the
    /// owner's own details, varied per recipient).
    NameVariant,
}

impl SeedSignal {
    /// Stable name in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            SeedSignal::PlusAlias => "plus_alias",
            SeedSignal::FictionPhone => "fiction_phone",
            SeedSignal::NameVariant => "name_variant",
        }
    }
}

/// Why a row is a spam-trap or deliverability risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TrapSignal {
    /// A misspelt webmail domain (typo traps).
    TypoDomain,
    /// A closed mail service (recycled traps).
    DeadDomain,
    /// A role account (`contact@`): nobody opted in.
    RoleAccount,
    /// A reserved or disposable domain.
    ReservedOrDisposable,
    /// A machine-made local part (pristine traps are often generated).
    RandomLocalPart,
    /// Older than 3 years (abandoned addresses turn into recycled traps).
    Stale,
}

impl TrapSignal {
    /// Stable name in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            TrapSignal::TypoDomain => "typo_domain",
            TrapSignal::DeadDomain => "dead_domain",
            TrapSignal::RoleAccount => "role_account",
            TrapSignal::ReservedOrDisposable => "reserved_or_disposable",
            TrapSignal::RandomLocalPart => "random_local_part",
            TrapSignal::Stale => "stale",
        }
    }
}

/// The report's section on seeds and traps, kept apart.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SeedsAndTraps {
    /// Rows that may be the owner's seeds (`seed.suspect`): expected in rentals, do not
    /// remove them.
    pub seed_suspects: u64,
    /// Rows per seed signal (a row may show several).
    pub seed_signals: BTreeMap<String, u64>,
    /// `low` when the suspects rest on one kind of signal, `medium` on several: seeds
    /// are made to look like real people, so this is an estimate, never a list.
    pub seed_confidence: String,
    /// Emails whose local part carries neither the first nor the last name (a weak
    /// signal of both seeds and traps, not flagged per row).
    pub name_email_mismatch: u64,
    /// Rows with a spam-trap or deliverability risk (`trap.risk`).
    pub trap_risk: u64,
    /// Rows per trap signal.
    pub trap_signals: BTreeMap<String, u64>,
    /// File-level signals, known only once the whole file is read (so not flagged per
    /// row): people without any company column on a domain that is not a webmail, on a
    /// domain no other row uses (an owner's private domain is a seed sign)...
    pub private_domain_single_rows: u64,
    /// ...and on a domain that 10 rows or more use (many addresses on one small domain:
    /// a trap sign, or an owner's catch-all seed domain).
    pub private_domain_crowded_rows: u64,
    /// With the owner's seed registry: the keys it holds (`null` without one).
    pub registry_keys: Option<u64>,
    /// Rows that are registered seeds (`seed.registry`).
    pub registry_rows: u64,
    /// Per recipient named by the registry, the seed rows found: the copies this file
    /// came from.
    pub recipients: BTreeMap<String, u64>,
}

/// Domains counted at most (bounded memory; later new domains are not counted).
const MAX_DOMAINS: usize = 100_000;
/// From this many rows, a private domain is crowded.
const CROWDED: u32 = 10;

/// Counts gathered row by row.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub report: SeedsAndTraps,
    domains: crate::rules::FxMap<Box<str>, u32>,
}

impl Tally {
    /// Counts one row's signals.
    pub fn add(&mut self, seeds: &[SeedSignal], traps: &[TrapSignal], mismatch: bool) {
        let r = &mut self.report;
        if !seeds.is_empty() {
            r.seed_suspects += 1;
        }
        for s in seeds {
            *r.seed_signals.entry(s.as_str().to_string()).or_default() += 1;
        }
        if !traps.is_empty() {
            r.trap_risk += 1;
        }
        for t in traps {
            *r.trap_signals.entry(t.as_str().to_string()).or_default() += 1;
        }
        r.name_email_mismatch += u64::from(mismatch);
    }

    /// A person without company columns, with an address on this non-webmail domain.
    pub fn private_domain(&mut self, domain: &str) {
        let mut lower = [0u8; 64];
        let key: std::borrow::Cow<'_, str> = if domain.len() <= lower.len() && domain.is_ascii() {
            for (l, b) in lower.iter_mut().zip(domain.bytes()) {
                *l = b.to_ascii_lowercase();
            }
            std::borrow::Cow::Borrowed(
                std::str::from_utf8(&lower[..domain.len()]).unwrap_or(domain),
            )
        } else {
            std::borrow::Cow::Owned(domain.to_lowercase())
        };
        if let Some(n) = self.domains.get_mut(key.as_ref()) {
            *n += 1;
        } else if self.domains.len() < MAX_DOMAINS {
            self.domains.insert(key.into(), 1);
        }
    }

    /// A registry was given.
    pub fn registry_opened(&mut self, keys: u64) {
        self.report.registry_keys = Some(keys);
    }

    /// A row that is a registered seed of these recipients.
    pub fn registry_row(&mut self, recipients: &[&str]) {
        self.report.registry_rows += 1;
        for r in recipients {
            *self.report.recipients.entry((*r).to_string()).or_default() += 1;
        }
    }

    /// The section.
    pub fn report(&self) -> SeedsAndTraps {
        let mut r = self.report.clone();
        for &n in self.domains.values() {
            if n == 1 {
                r.private_domain_single_rows += 1;
            } else if n >= CROWDED {
                r.private_domain_crowded_rows += u64::from(n);
            }
        }
        r.seed_confidence = match r.seed_signals.len() {
            0 => "none",
            1 => "low",
            _ => "medium",
        }
        .to_string();
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_local_parts() {
        for l in ["xk7qz3vb", "a8f93kd02l", "qwrtzpkl", "zx9c8v7b6n"] {
            assert!(looks_random(l), "{l}");
        }
        for l in [
            "jdupont1982",
            "schwartz",
            "jean.dupont",
            "marie-claire",
            "contact",
            "francoise75",
            "h2o",
        ] {
            assert!(!looks_random(l), "{l}");
        }
    }

    #[test]
    fn names_in_local_parts() {
        assert!(local_has_name("jean.dupont", &["jean", "dupont"]));
        assert!(local_has_name("jdupont75", &["jean", "dupont"]));
        assert!(local_has_name("Hélène.L", &["helene", "lefevre"]));
        assert!(!local_has_name("titi75", &["jean", "dupont"]));
        assert!(!local_has_name("jd", &["jean", "dupont"]));
    }
}
