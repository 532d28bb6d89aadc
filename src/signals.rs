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

/// Whether an email's local part carries the person's name: one of the name's words of
/// 3 letters or more appears in the local part, both folded by
/// [`crate::checks::content::fold_words`] (`names` is its output; `scratch` is a buffer).
/// `jean.dupont`, `jdupont75` and `Hélène.L` carry a name; `titi75` does not.
pub fn local_has_name(local: &str, names: &str, scratch: &mut String) -> bool {
    // The names' words are lower-case ASCII letters and digits. In an ASCII local part
    // (any valid one) they can only match within a run of letters and digits, which
    // the fold keeps as it is, lower-cased: the lower-cased local part is searched as
    // it is, without folding it.
    let mut lower = [0u8; 64];
    let hay = match crate::checks::content::ascii_lower_bytes(local, &mut lower) {
        Some(l) => l,
        None => {
            crate::checks::content::fold_words(local, scratch);
            scratch.as_bytes()
        }
    };
    // Short texts: a window compare is cheaper than setting up a substring searcher.
    names
        .as_bytes()
        .split(|&b| b == b' ')
        .any(|n| n.len() >= 3 && hay.windows(n.len()).any(|w| w == n))
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

/// The seed signals' names in the report, in [`SeedSignal`] order.
pub const SEED_NAMES: [&str; 3] = ["plus_alias", "fiction_phone", "name_variant"];

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

/// The trap signals' names in the report, in [`TrapSignal`] order.
pub const TRAP_NAMES: [&str; 6] = [
    "typo_domain",
    "dead_domain",
    "role_account",
    "reserved_or_disposable",
    "random_local_part",
    "stale",
];

/// One row's signals of one kind: `N` flags indexed by the signal enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Signals<const N: usize>([bool; N]);

impl<const N: usize> Default for Signals<N> {
    fn default() -> Self {
        Signals([false; N])
    }
}

impl<const N: usize> Signals<N> {
    /// Raises signal `i` when `on`.
    pub fn set(&mut self, i: usize, on: bool) {
        self.0[i] |= on;
    }

    /// Whether any signal is raised.
    pub fn any(&self) -> bool {
        self.0.iter().any(|&b| b)
    }

    /// The raised signals' names, space-separated (the finding's parameter).
    #[inline(never)]
    pub fn names(&self, names: &[&str; N]) -> String {
        let mut out = String::new();
        for (&on, name) in self.0.iter().zip(names) {
            if on {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(name);
            }
        }
        out
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
    /// Rows per signal, indexed by the signal enums.
    seeds: [u64; 3],
    traps: [u64; 6],
    /// Rows per private domain, lower-cased.
    domains: crate::rules::TextMap<u32>,
}

impl Tally {
    /// Counts one row's signals.
    pub fn add(&mut self, seeds: &Signals<3>, traps: &Signals<6>, mismatch: bool) {
        let r = &mut self.report;
        r.seed_suspects += u64::from(seeds.any());
        r.trap_risk += u64::from(traps.any());
        for (n, &on) in self.seeds.iter_mut().zip(&seeds.0) {
            *n += u64::from(on);
        }
        for (n, &on) in self.traps.iter_mut().zip(&traps.0) {
            *n += u64::from(on);
        }
        r.name_email_mismatch += u64::from(mismatch);
    }

    /// A person without company columns, with an address on this non-webmail domain.
    #[inline(never)]
    pub fn private_domain(&mut self, domain: &str) {
        let mut lower = [0u8; 64];
        let key: std::borrow::Cow<'_, str> =
            match crate::checks::content::ascii_lower(domain, &mut lower) {
                Some(k) => k.into(),
                None => domain.to_lowercase().into(),
            };
        if let Some(n) = self.domains.get_mut(&key) {
            *n += 1;
        } else if self.domains.len() < MAX_DOMAINS {
            self.domains.insert(&key, 1);
        }
    }

    /// A registry was given.
    pub fn registry_opened(&mut self, keys: u64) {
        self.report.registry_keys = Some(keys);
    }

    /// A row that is a registered seed of these recipients.
    #[inline(never)]
    pub fn registry_row(&mut self, recipients: &[&str]) {
        self.report.registry_rows += 1;
        for r in recipients {
            *self.report.recipients.entry((*r).to_string()).or_default() += 1;
        }
    }

    /// The section.
    pub fn report(&self) -> SeedsAndTraps {
        let mut r = self.report.clone();
        let named = |counts: &[u64], names: &[&str]| -> BTreeMap<String, u64> {
            counts
                .iter()
                .zip(names)
                .filter(|(&n, _)| n > 0)
                .map(|(&n, name)| (name.to_string(), n))
                .collect()
        };
        r.seed_signals = named(&self.seeds, &SEED_NAMES);
        r.trap_signals = named(&self.traps, &TRAP_NAMES);
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
        let mut s = String::new();
        assert!(local_has_name("jean.dupont", " jean dupont ", &mut s));
        assert!(local_has_name("jdupont75", " jean dupont ", &mut s));
        assert!(local_has_name("Hélène.L", " helene lefevre ", &mut s));
        assert!(!local_has_name("titi75", " jean dupont ", &mut s));
        assert!(!local_has_name("jd", " jean dupont ", &mut s));
        assert!(local_has_name("J.DUPONT", " jean dupont ", &mut s));
        assert!(!local_has_name("du.pont", " jean dupont ", &mut s));
    }

    /// The lower-cased ASCII local part finds the same names as its fold.
    #[test]
    fn names_in_local_parts_without_folding() {
        let folded = |local: &str, names: &str| {
            let mut hay = String::new();
            crate::checks::content::fold_words(local, &mut hay);
            names
                .split(' ')
                .any(|n| n.len() >= 3 && hay.as_bytes().windows(n.len()).any(|w| w == n.as_bytes()))
        };
        let mut rng = crate::demo::Rng(11);
        let alphabet = b"abeJDU.-_+9'=!x";
        let mut pick = |n: usize| -> String {
            (0..n)
                .map(|_| char::from(alphabet[(rng.next_u64() % alphabet.len() as u64) as usize]))
                .collect()
        };
        let mut s = String::new();
        let mut found = 0;
        for i in 0..20_000 {
            let local = pick(1 + i % 12);
            // Half the names are cut from the local part (so that some are in it).
            let from = i % local.len();
            let source = if i % 2 == 0 {
                format!("{} {}", &local[from..], pick(4))
            } else {
                pick(9)
            };
            let mut names = String::new();
            crate::checks::content::fold_words(&source, &mut names);
            let want = folded(&local, &names);
            found += usize::from(want);
            assert_eq!(
                local_has_name(&local, &names, &mut s),
                want,
                "{local:?} {names:?}"
            );
        }
        assert!(found > 100, "{found}");
    }
}
