//! Runs the field checks of `checks/` on each data row, for the columns whose role
//! fits, and keeps the per-column qualification counts.

use serde::{Deserialize, Serialize};

use std::collections::BTreeSet;

use crate::campaign::{self, Campaign, CampaignReport, Opposition, RowFacts, Score, Tally};
use crate::checks::{company, content, dates, email, names, phone, postal};
use crate::report::ColumnInfo;
use crate::roles::Role;
use crate::rules::{code, RuleCache, NO_ID};

/// One finding in a row: the code and the column (from 0) it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub code: &'static str,
    /// The code's id ([`crate::rules::by_id`]), [`NO_ID`] if it is not registered.
    pub id: u16,
    pub column: Option<usize>,
    pub params: Vec<(&'static str, String)>,
}

impl Hit {
    /// A finding of `code` (the code and its id, as `code!` gives them) about `column`,
    /// with `params`.
    pub(crate) fn with(
        (code, id): (&'static str, u16),
        column: Option<usize>,
        params: Vec<(&'static str, String)>,
    ) -> Hit {
        Hit {
            code,
            id,
            column,
            params,
        }
    }
}

/// Qualification of one column: how full and how valid it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnQuality {
    /// Column position, from 1.
    pub column: usize,
    /// The column's name.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// Data rows with a non-blank value.
    pub filled: u64,
    /// Filled values with no warning or error about them.
    pub valid: u64,
    /// The codes found in this column with their counts, most frequent first.
    pub problems: Vec<ProblemCount>,
}

/// A code and how often it occurred in a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemCount {
    /// The finding code.
    pub code: String,
    /// Occurrences.
    pub count: u64,
}

#[derive(Debug, Default, Clone)]
struct Stats {
    /// Filled and valid cells counted one by one: in a column past the 64th, or in a
    /// row whose pattern found no room in `FieldChecker::patterns` (which counts the
    /// others).
    filled: u64,
    valid: u64,
    /// Counts by code id ([`crate::rules::by_id`]), grown on demand.
    problems: Vec<u64>,
}

/// Patterns of filled and valid cells remembered at most (then counted per cell; two
/// in the unit tests, so that both ways are taken).
#[cfg(not(test))]
const PATTERNS_MAX: usize = 1 << 14;
#[cfg(test)]
const PATTERNS_MAX: usize = 2;

/// Each column of a pattern of (filled, valid) cells: `add(column, valid)` for each
/// filled cell (`valid` false), then for each valid one (`valid` true).
fn for_each_in_pattern((filled, valid): (u64, u64), mut add: impl FnMut(usize, bool)) {
    for (mask, is_valid) in [(filled, false), (valid, true)] {
        let mut m = mask;
        while m != 0 {
            add(m.trailing_zeros() as usize, is_valid);
            m &= m - 1;
        }
    }
}

/// Bytes a cell can start with that make it filled and no formula: printable ASCII but
/// the space and `=`, `+`, `-`, `@` (blanks, tabs, CR and non-ASCII bytes take the long
/// way).
static PLAIN_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'!';
    while b < 0x7f {
        t[b as usize] = !matches!(b, b'=' | b'+' | b'-' | b'@');
        b += 1;
    }
    t
};

/// Verdicts remembered per distinct value of one column: prospect files repeat their
/// cities, sources, job titles and dates, and a remembered verdict costs one hash.
/// Bounded: short values only, and no new entry once full.
#[derive(Debug)]
pub(crate) struct Memo<V> {
    map: crate::rules::TextMap<V>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            map: Default::default(),
        }
    }
}

/// Pushes a finding without parameters, out of line: there are dozens of places that
/// push one, and each inlined push is more code between the parts run for every row.
#[inline(never)]
fn push_hit(hits: &mut Vec<Hit>, code: (&'static str, u16), column: Option<usize>) {
    hits.push(Hit::with(code, column, Vec::new()));
}

/// A cell read whole ([`FieldChecker::check_row`]'s odd cells): its control character
/// and its formula (not for a `plain` cell, whose first byte starts none), each flagged
/// once a row (`done`: a control character, a formula, already flagged).
fn read_cell(
    v: &str,
    i: usize,
    plain: bool,
    (control_done, formula_done): (&mut bool, &mut bool),
    hits: &mut Vec<Hit>,
) {
    if !*control_done && content::has_control(v) {
        push_hit(hits, code!("cell.control_char"), Some(i));
        *control_done = true;
    }
    if !*formula_done && !plain && content::is_formula(v) {
        push_hit(hits, code!("cell.formula"), Some(i));
        *formula_done = true;
    }
}

/// Calls `f`, out of line: a memo's checks run once per distinct value, and inlined
/// into [`FieldChecker::check_row`] they would spread the code that runs for every row
/// over more of the processor's instruction cache (measured: 1.8 % of the audit).
#[cold]
#[inline(never)]
fn cold<V>(f: impl FnOnce() -> V) -> V {
    f()
}

/// Distinct values remembered per column at most.
const MEMO_ENTRIES: usize = 4096;
/// Longer values are checked each time (free text is rarely repeated).
const MEMO_KEY_BYTES: usize = 96;

impl<V: Copy> Memo<V> {
    /// The verdict on `key` if the memo remembers it or has room for it (then
    /// `check()`ed and remembered); for a value it would not keep (too long, or the memo
    /// is full), `Err(check)`, not called.
    pub(crate) fn get_kept<F: FnOnce() -> V>(&mut self, key: &str, check: F) -> Result<V, F> {
        if key.len() > MEMO_KEY_BYTES {
            return Err(check);
        }
        if let Some(v) = self.map.get(key) {
            return Ok(*v);
        }
        if self.map.len() >= MEMO_ENTRIES {
            return Err(check);
        }
        let v = cold(check);
        self.map.insert(key, v);
        Ok(v)
    }

    /// The verdict on `key`: remembered, or `check()`ed (and remembered if there is room).
    pub(crate) fn get(&mut self, key: &str, check: impl FnOnce() -> V) -> V {
        self.get_kept(key, check).unwrap_or_else(|check| check())
    }
}

/// A name part's fold and verdict, remembered per distinct value: a file's first and
/// last names repeat (a few hundred distinct in 100,000 rows).
#[derive(Debug, Clone, Copy)]
struct NamePart {
    /// Its fold (` jean `, [`content::fold_words_append`]) is `name_arena[start..end]`.
    start: usize,
    end: usize,
    /// The value has a letter or a digit.
    alnum: bool,
    /// The fold is a placeholder ([`names::fake_value`]).
    fake: bool,
}

/// Which columns each check reads, decided once from the roles.
#[derive(Debug)]
pub(crate) struct FieldChecker {
    emails: Vec<usize>,
    phones: Vec<usize>,
    postcode: Option<usize>,
    city: Option<usize>,
    address: Vec<usize>,
    siren: Vec<usize>,
    vat: Vec<usize>,
    naf: Vec<usize>,
    first: Option<usize>,
    last: Option<usize>,
    full: Option<usize>,
    dates: Vec<(usize, Role)>,
    free_text: Vec<usize>,
    audit_day: Option<dates::Day>,
    /// Three years before the audit day: older collection or activity dates are stale.
    stale_before: Option<dates::Day>,
    stats: Vec<Stats>,
    /// Rows per pattern of (filled, valid) cells among the first 64 columns: one count
    /// per row instead of one per cell (a file has a few hundred patterns). The
    /// columns' counts are these plus `stats`' ([`FieldChecker::column_counts`]).
    patterns: crate::rules::FxMap<(u64, u64), u64>,
    scratch: String,
    bad: Vec<bool>,
    domains: email::DomainCache,
    campaign: Campaign,
    campaign_day: Option<dates::Day>,
    opposition: Opposition,
    /// Per channel (in `Channel::ALL` order), the consent column that applies.
    consent_cols: [Option<usize>; 6],
    consent_date: Option<usize>,
    source: Option<usize>,
    company_signals: Vec<usize>,
    roles: BTreeSet<Role>,
    source_names: Vec<String>,
    codes: Vec<&'static str>,
    rules: RuleCache,
    /// Per column: date verdicts, sensitive-term verdicts.
    date_memo: Vec<Memo<Result<dates::Day, dates::DateError>>>,
    /// Consent cells read, per column (a few spellings of yes and no per file).
    consent_memo: Vec<Memo<campaign::ConsentValue>>,
    sensitive_memo: Vec<Memo<Option<content::Sensitive>>>,
    /// Postal verdicts by postcode and city (`key` builds the pair).
    postal_memo: Memo<postal::PostalVerdict>,
    key: String,
    /// Duplicates: the engine, and this row's canonical emails and E.164 phones.
    pub dedup: crate::dedup::Dedup,
    row_emails: Vec<String>,
    row_phones: Vec<String>,
    /// The street line's columns (all `address1` columns: FEBRL splits the number out),
    /// and the line rebuilt from them.
    street_cols: Vec<usize>,
    street: String,
    /// The first row of the cluster the last row checked duplicates.
    pub duplicate_of: Option<u64>,
    /// Whether duplicates are looked for ([`crate::Options::duplicates`]).
    pub duplicates: bool,
    /// The buyer's customers and a partner's keys, with the matches so far.
    own: Option<crate::OwnFile>,
    seeds: Option<crate::seeds::SeedRegistry>,
    partner: Option<crate::keys::PartnerKeys>,
    own_matches: u64,
    own_exact: u64,
    own_examples: Vec<[u64; 2]>,
    partner_matches: u64,
    /// Seeds and traps: the counts, and the folded name words of the row.
    pub signals: crate::signals::Tally,
    name_fold: String,
    /// Name parts remembered, for the first name, last name and full name columns.
    name_memo: [Memo<NamePart>; 3],
    /// The folds of the remembered name parts.
    name_arena: String,
    /// Whether the last row checked is unusable for the campaign's channel.
    pub unusable: bool,
    /// The campaign counts.
    pub tally: Tally,
    /// Sensitive column names, found once from the header.
    pub header_hits: Vec<Hit>,
}

fn first_of(columns: &[ColumnInfo], role: Role) -> Option<usize> {
    columns.iter().position(|c| c.role == role)
}

fn all_of(columns: &[ColumnInfo], roles: &[Role]) -> Vec<usize> {
    columns
        .iter()
        .enumerate()
        .filter(|(_, c)| roles.contains(&c.role))
        .map(|(i, _)| i)
        .collect()
}

impl FieldChecker {
    /// Plans the checks for these columns. `audit_day` enables the date checks that
    /// need "today" (future and stale dates).
    pub fn new(
        columns: &[ColumnInfo],
        audit_day: Option<dates::Day>,
        campaign: &Campaign,
    ) -> FieldChecker {
        let campaign_day = campaign
            .date
            .as_deref()
            .and_then(dates::parse_iso)
            .or(audit_day);
        let consent = |roles: &[Role]| roles.iter().find_map(|&r| first_of(columns, r));
        // A generic "optin" column applies to email only.
        let consent_cols = [
            consent(&[Role::ConsentEmail, Role::Consent]),
            consent(&[Role::ConsentSms]),
            consent(&[Role::ConsentPhone]),
            consent(&[Role::ConsentPostal]),
            consent(&[Role::ConsentPhone]),
            None,
        ];
        let mut header_hits = Vec::new();
        for (i, c) in columns.iter().enumerate() {
            if let Some(fam) = content::sensitive_header(&c.name) {
                header_hits.push(Hit::with(
                    code!("content.sensitive"),
                    Some(i),
                    vec![("family", fam.as_str().to_string())],
                ));
            }
        }
        FieldChecker {
            emails: all_of(columns, &[Role::Email]),
            phones: (0..columns.len())
                .filter(|&i| columns[i].role.is_phone())
                .collect(),
            postcode: first_of(columns, Role::Postcode),
            city: first_of(columns, Role::City),
            address: all_of(columns, &[Role::Address1, Role::Address2, Role::Address3]),
            siren: all_of(columns, &[Role::Siren, Role::Siret]),
            vat: all_of(columns, &[Role::Vat]),
            naf: all_of(columns, &[Role::Naf]),
            first: first_of(columns, Role::FirstName),
            last: first_of(columns, Role::LastName),
            full: first_of(columns, Role::FullName),
            dates: columns
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    matches!(
                        c.role,
                        Role::ConsentDate
                            | Role::CollectionDate
                            | Role::LastActivityDate
                            | Role::BirthDate
                    )
                })
                .map(|(i, c)| (i, c.role))
                .collect(),
            free_text: all_of(
                columns,
                &[Role::FreeText, Role::Unknown, Role::JobTitle, Role::Source],
            ),
            audit_day,
            stale_before: audit_day.map(|d| dates::years_before(d, 3)),
            stats: vec![Stats::default(); columns.len()],
            scratch: String::new(),
            patterns: Default::default(),
            bad: Vec::new(),
            domains: email::DomainCache::default(),
            opposition: Opposition::new(&campaign.opposition),
            campaign: campaign.clone(),
            campaign_day,
            consent_cols,
            consent_date: first_of(columns, Role::ConsentDate),
            source: first_of(columns, Role::Source),
            company_signals: all_of(
                columns,
                &[
                    Role::Company,
                    Role::Siren,
                    Role::Siret,
                    Role::Vat,
                    Role::JobTitle,
                ],
            ),
            roles: columns.iter().map(|c| c.role).collect(),
            source_names: columns
                .iter()
                .filter(|c| c.role == Role::Source)
                .map(|c| c.name.clone())
                .collect(),
            tally: Tally::default(),
            codes: Vec::new(),
            rules: RuleCache::default(),
            date_memo: (0..columns.len()).map(|_| Memo::default()).collect(),
            consent_memo: (0..columns.len()).map(|_| Memo::default()).collect(),
            sensitive_memo: (0..columns.len()).map(|_| Memo::default()).collect(),
            postal_memo: Memo::default(),
            key: String::new(),
            dedup: crate::dedup::Dedup::default(),
            row_emails: Vec::new(),
            row_phones: Vec::new(),
            street_cols: {
                let first = all_of(columns, &[Role::Address1]);
                if first.is_empty() {
                    all_of(columns, &[Role::Address2, Role::Address3])
                } else {
                    first
                }
            },
            street: String::new(),
            duplicate_of: None,
            duplicates: true,
            own: None,
            seeds: None,
            partner: None,
            own_matches: 0,
            own_exact: 0,
            own_examples: Vec::new(),
            partner_matches: 0,
            signals: crate::signals::Tally::default(),
            name_fold: String::new(),
            name_memo: Default::default(),
            name_arena: String::new(),
            unusable: false,
            header_hits,
        }
    }

    /// Checks one row. `field(i)` gives column `i` (from 0), empty when missing;
    /// `text` is the row's fields one after the other, `ends` where each ends in it
    /// (`field(i)` is `text[ends[i - 1]..ends[i]]`). Pushes hits and returns the
    /// suggestion for the row, if any.
    pub fn check_row<'a>(
        &mut self,
        row: u64,
        text: &str,
        ends: &[usize],
        field: impl Fn(usize) -> &'a str,
        hits: &mut Vec<Hit>,
    ) -> Option<String> {
        let mut suggestion = None;
        let start = hits.len();
        let ncols = self.stats.len();

        // Every cell: fill counts, formulas, control characters. One pass over the
        // whole row rules control characters out for all its cells (most rows).
        let mut formula_done = false;
        let mut control_done = !content::bytes_have_control(text.as_bytes());
        let bytes = text.as_bytes();
        // The first 64 cells: most start with a byte that makes them filled and no
        // formula (`PLAIN_START`); the others (`odd`: a blank, a formula's or a
        // non-ASCII first byte) are read whole below. Cells past the last end are
        // empty: neither filled, nor a formula, nor a control.
        let head = ends.len().min(ncols).min(64);
        // Which of the first 64 cells are filled (looked up again below), and the odd ones.
        let (mut filled_mask, mut odd) = (0u64, 0u64);
        let mut cell_start = 0;
        let mut bit = 1u64;
        for &cell_end in &ends[..head] {
            if cell_start < cell_end {
                let first = bytes.get(cell_start).copied().unwrap_or(b' ');
                if PLAIN_START[usize::from(first)] {
                    filled_mask |= bit;
                } else {
                    odd |= bit;
                }
            }
            bit <<= 1;
            cell_start = cell_end;
        }
        // A row with a control character has each filled cell read for it.
        let mut slow = if control_done { odd } else { odd | filled_mask };
        while slow != 0 {
            let i = slow.trailing_zeros() as usize;
            slow &= slow - 1;
            let v = field(i);
            let plain = filled_mask >> i & 1 == 1;
            if !plain && !content::is_blank(v) {
                filled_mask |= 1 << i;
            }
            read_cell(v, i, plain, (&mut control_done, &mut formula_done), hits);
        }
        // A wide file's cells past the 64th, one by one.
        let mut cell_start = head.checked_sub(1).map_or(0, |i| ends[i]);
        let rest = ends.get(head..ends.len().min(ncols)).unwrap_or_default();
        for (i, &cell_end) in (head..).zip(rest) {
            let first = bytes.get(cell_start).filter(|_| cell_start < cell_end);
            cell_start = cell_end;
            let Some(&first) = first else {
                continue; // empty
            };
            let plain = PLAIN_START[usize::from(first)];
            if plain && control_done {
                // Filled, and nothing to read in it (as in the first 64).
                self.stats[i].filled += 1;
                continue;
            }
            let v = field(i);
            if plain || !content::is_blank(v) {
                self.stats[i].filled += 1;
            }
            read_cell(v, i, plain, (&mut control_done, &mut formula_done), hits);
        }

        // Email.
        let mut facts = RowFacts::default();
        let mut valid_email = false;
        let mut any_email = false;
        let mut email_domain_label: Option<&'a str> = None;
        let mut n_emails = 0;
        let mut n_phones = 0;
        // Seed and trap signals of the row, indexed by `SeedSignal`/`TrapSignal`.
        let mut seeds = crate::signals::Signals::<3>::default();
        let mut traps = crate::signals::Signals::<6>::default();
        let mut first_local: Option<&'a str> = None;
        let need_keys =
            self.duplicates || self.own.is_some() || self.seeds.is_some() || self.partner.is_some();
        // The first valid address on a domain that is not a webmail (nor a misspelt one).
        let mut private_domain: Option<&'a str> = None;
        let filled = |c: usize| {
            if c < 64 {
                filled_mask >> c & 1 == 1
            } else {
                !content::is_blank(field(c))
            }
        };
        for &c in &self.emails {
            let v = field(c);
            if !filled(c) {
                continue;
            }
            any_email = true;
            let (verdict, (local, domain)) = email::check_split(v, &mut self.domains);
            let mut push = |code| push_hit(hits, code, Some(c));
            if verdict.invalid {
                push(code!("email.invalid"));
                continue;
            }
            if verdict.reserved {
                push(code!("email.reserved"));
            }
            if verdict.disposable {
                push(code!("email.disposable"));
            }
            if verdict.dead_domain {
                push(code!("email.dead_domain"));
            }
            if verdict.role {
                push(code!("email.role"));
            }
            if verdict.free {
                push(code!("email.free"));
            }
            if verdict.tagged {
                push(code!("email.tagged"));
            }
            let typo = verdict.typo.is_some();
            if let Some(s) = verdict.typo {
                push_hit(hits, code!("email.typo"), Some(c));
                suggestion.get_or_insert(s);
            }
            // The matching keys: for duplicates and the reference lists only.
            if n_emails < 2 && need_keys {
                if self.row_emails.len() <= n_emails {
                    self.row_emails.push(String::new());
                }
                // `v` passed the syntax check above (`verdict.invalid` is false), which
                // split it at its `@`.
                if crate::keys::canonical_parts_into(local, domain, &mut self.row_emails[n_emails])
                {
                    n_emails += 1;
                }
            }
            if !(verdict.reserved || verdict.disposable || verdict.dead_domain) {
                valid_email = true;
                facts.role_email |= verdict.role;
                facts.webmail |= verdict.free;
                // A misspelt webmail (gmial.com) is a consumer's address, not a company's.
                facts.company_email |= !verdict.free && !typo;
                if private_domain.is_none() && !verdict.free && !typo && !verdict.role {
                    private_domain = Some(domain);
                }
            }
            {
                use crate::signals::{SeedSignal, TrapSignal};
                seeds.set(SeedSignal::PlusAlias as usize, verdict.tagged);
                traps.set(TrapSignal::TypoDomain as usize, typo);
                traps.set(TrapSignal::DeadDomain as usize, verdict.dead_domain);
                traps.set(TrapSignal::RoleAccount as usize, verdict.role);
                traps.set(
                    TrapSignal::ReservedOrDisposable as usize,
                    verdict.reserved || verdict.disposable,
                );
                if first_local.is_none() && !verdict.role {
                    first_local = Some(local);
                }
            }
            facts.trap_risk |= verdict.reserved
                || verdict.disposable
                || verdict.dead_domain
                || verdict.role
                || typo;
            if !self.opposition.is_empty() {
                // The matching form from the halves already split (no second parse,
                // no allocation per row).
                if crate::keys::canonical_parts_into(local, domain, &mut self.scratch) {
                    facts.opposed |= self.opposition.contains(&self.scratch);
                }
            }
            if email_domain_label.is_none() && !verdict.free {
                email_domain_label = Some(match domain.bytes().position(|b| b == b'.') {
                    Some(i) => &domain[..i],
                    None => domain,
                });
            }
        }
        if !self.emails.is_empty() && !any_email {
            push_hit(hits, code!("email.missing"), None);
        }

        // Phone.
        let mut valid_phone = false;
        let mut any_phone = false;
        for &c in &self.phones {
            let v = field(c);
            if !filled(c) {
                continue;
            }
            any_phone = true;
            match phone::parse_inline(v) {
                Err(_) => push_hit(hits, code!("phone.invalid"), Some(c)),
                Ok(p) => {
                    let mut usable = true;
                    match p.flag {
                        Some(phone::PhoneFlag::CallCentre) => {
                            push_hit(hits, code!("phone.call_centre"), Some(c));
                            usable = false;
                        }
                        Some(phone::PhoneFlag::Fiction) => {
                            seeds.set(crate::signals::SeedSignal::FictionPhone as usize, true);
                            push_hit(hits, code!("phone.fiction"), Some(c));
                            usable = false;
                        }
                        None => {}
                    }
                    match p.kind {
                        phone::PhoneKind::Special => {
                            push_hit(hits, code!("phone.special"), Some(c));
                            usable = false;
                        }
                        phone::PhoneKind::Foreign => {
                            push_hit(hits, code!("phone.foreign"), Some(c))
                        }
                        _ => {}
                    }
                    if p.zero_restored {
                        push_hit(hits, code!("phone.zero_restored"), Some(c));
                    }
                    valid_phone |= usable;
                    facts.valid_mobile |= usable && p.kind == phone::PhoneKind::Mobile;
                    if !self.opposition.is_empty() {
                        facts.opposed |= self.opposition.contains(p.e164.as_str());
                    }
                    // The matching keys: for duplicates and the reference lists only.
                    if n_phones < 2 && need_keys {
                        let e164 = p.e164.as_str();
                        if self.row_phones.len() <= n_phones {
                            self.row_phones.push(String::new());
                        }
                        self.row_phones[n_phones].clear();
                        self.row_phones[n_phones].push_str(e164);
                        n_phones += 1;
                    }
                }
            }
        }
        if !self.phones.is_empty() && !any_phone {
            push_hit(hits, code!("phone.missing"), None);
        }

        // Postal address.
        let mut valid_postal = false;
        let has_postal_columns =
            !self.address.is_empty() || self.postcode.is_some() || self.city.is_some();
        if has_postal_columns {
            let pc = self.postcode.map_or("", &field);
            let city = self.city.map_or("", &field);
            let street = self.address.iter().any(|&c| filled(c));
            self.key.clear();
            self.key.push_str(pc);
            self.key.push('\u{1f}');
            self.key.push_str(city);
            let scratch = &mut self.scratch;
            let verdict = self
                .postal_memo
                .get(&self.key, || postal::check(pc, city, scratch));
            if verdict.invalid_postcode {
                push_hit(hits, code!("postal.invalid_postcode"), self.postcode);
            }
            if verdict.city_mismatch {
                push_hit(hits, code!("postal.city_mismatch"), self.city);
            }
            facts.cedex |= verdict.cedex;
            if verdict.cedex {
                push_hit(hits, code!("postal.cedex"), self.city);
            }
            // The last line is "postcode city" (NF Z10-011): the city gets what the
            // postcode and a space leave.
            // Trimmed, and characters counted, only when the bytes could be too many
            // (trimming only shortens).
            let longer = |v: &str, max: usize| {
                v.len() > max && {
                    let v = content::trim(v);
                    v.len() > max && v.chars().count() > max
                }
            };
            let pc = content::trim(pc);
            let pc_len = if pc.is_ascii() {
                pc.len()
            } else {
                pc.chars().count()
            };
            let city_max = postal::MAX_LINE.saturating_sub(if pc_len > 0 { pc_len + 1 } else { 0 });
            let too_long = self
                .address
                .iter()
                .copied()
                .find(|&c| longer(field(c), postal::MAX_LINE))
                .or(self.city.filter(|&c| longer(field(c), city_max)));
            if let Some(c) = too_long {
                push_hit(hits, code!("postal.line_too_long"), Some(c));
            }
            let complete = street && !content::is_blank(pc) && !content::is_blank(city);
            if !complete {
                push_hit(hits, code!("postal.missing"), None);
            }
            valid_postal = complete && !verdict.invalid_postcode && !verdict.city_mismatch;
        }

        // Company identifiers.
        for (cols, code, check) in [
            (
                &self.siren,
                code!("siren.invalid"),
                company::check_siren_or_siret as fn(&str) -> bool,
            ),
            (&self.vat, code!("vat.invalid"), company::check_vat),
            (&self.naf, code!("naf.invalid"), company::check_naf),
        ] {
            for &c in cols {
                let v = field(c);
                if filled(c) && !check(v) {
                    push_hit(hits, code, Some(c));
                }
            }
        }

        // The name's words, folded once for the name check, duplicates and the
        // name-in-address signal: " jean dupont ", each part's trimmed range noted.
        self.name_fold.clear();
        let mut parts = [(0usize, 0usize); 3];
        let mut n_parts = 0;
        // A part without any letter or digit that still folds to something (a symbol
        // folded to letters) is left out of the name check: `looks_fake` then folds apart.
        let mut fold_differs = false;
        // Whether a part of the name check is a placeholder, and which slots (first,
        // last, full) have a letter or digit.
        let mut part_fake = false;
        let mut alnum = [false; 3];
        for (slot, c) in [self.first, self.last, self.full].into_iter().enumerate() {
            let Some(c) = c else { continue };
            let v = field(c);
            let start = self.name_fold.len();
            let arena = &mut self.name_arena;
            let kept = self.name_memo[slot].get_kept(v, || {
                let start = arena.len();
                arena.push(' ');
                content::fold_words_append(v, arena);
                NamePart {
                    start,
                    end: arena.len(),
                    alnum: v.chars().any(char::is_alphanumeric),
                    fake: names::fake_value(&arena[start..]),
                }
            });
            let (has_alnum, fake) = match kept {
                Ok(np) => {
                    // `fold_words_append` into `name_fold`: the fold, without its leading
                    // space where `name_fold` already ends with one.
                    let fold = &self.name_arena[np.start..np.end];
                    let skip = usize::from(self.name_fold.ends_with(' '));
                    self.name_fold.push_str(&fold[skip..]);
                    (np.alnum, np.fake)
                }
                Err(_) => {
                    content::fold_words_append(v, &mut self.name_fold);
                    let fake = names::fake_value(&self.name_fold[start..]);
                    (v.chars().any(char::is_alphanumeric), fake)
                }
            };
            alnum[slot] = has_alnum;
            // The fold is ASCII letters and digits between single spaces: trimmed by
            // its first and last bytes.
            let folded = &self.name_fold.as_bytes()[start..];
            let a = start + usize::from(folded.first() == Some(&b' '));
            let b = (start + folded.len() - usize::from(folded.last() == Some(&b' '))).max(a);
            if a < b {
                if has_alnum {
                    parts[n_parts] = (a, b);
                    n_parts += 1;
                    part_fake |= fake;
                } else {
                    fold_differs = true;
                }
            }
        }

        // Names.
        if self.first.is_some() || self.last.is_some() || self.full.is_some() {
            // "?", "-", "." are no name at all.
            let get = |o: Option<usize>, slot: usize| o.filter(|_| alnum[slot]).map(&field);
            let (f, l, full) = (get(self.first, 0), get(self.last, 1), get(self.full, 2));
            let mut fake = || {
                if fold_differs {
                    names::looks_fake(f, l, full, email_domain_label, &mut self.scratch)
                } else {
                    part_fake
                        || names::looks_fake_whole(
                            &self.name_fold,
                            &parts[..n_parts],
                            email_domain_label,
                        )
                }
            };
            if f.is_none() && l.is_none() && full.is_none() {
                push_hit(hits, code!("name.missing"), None);
            } else if fake() {
                let col = if f.is_some() {
                    self.first
                } else if l.is_some() {
                    self.last
                } else {
                    self.full
                };
                push_hit(hits, code!("name.fake"), col);
            }
        }

        // Dates.
        let mut freshest: Option<(dates::Day, usize)> = None;
        for &(c, role) in &self.dates {
            let v = field(c);
            // The common shapes are read faster than a remembered verdict is found.
            let parsed = dates::parse_common(content::trim(v), true)
                .unwrap_or_else(|| self.date_memo[c].get(v, || dates::parse(v, true)));
            match parsed {
                Err(dates::DateError::Empty) => {}
                Err(dates::DateError::Invalid) => push_hit(hits, code!("date.invalid"), Some(c)),
                Ok(day) => {
                    // A birth date with a 2-digit year after the audit date is last
                    // century's: 12/03/65 is 1965.
                    let day = match (role, self.audit_day) {
                        (Role::BirthDate, Some(today))
                            if day > today && !dates::has_four_digit_year(v) =>
                        {
                            dates::years_before(day, 100)
                        }
                        _ => day,
                    };
                    if let Some(today) = self.audit_day {
                        if day > today {
                            push_hit(hits, code!("date.future"), Some(c));
                        }
                    }
                    if matches!(role, Role::CollectionDate | Role::LastActivityDate)
                        && freshest.is_none_or(|(d, _)| day > d)
                    {
                        freshest = Some((day, c));
                    }
                }
            }
        }
        if let (Some(stale_before), Some((day, c))) = (self.stale_before, freshest) {
            if day < stale_before {
                facts.stale = true;
                push_hit(hits, code!("date.stale"), Some(c));
            }
        }

        // Sensitive data in free text.
        for &c in &self.free_text {
            let v = field(c);
            if v.len() < 3 {
                continue;
            }
            let scratch = &mut self.scratch;
            let found = self.sensitive_memo[c].get(v, || {
                content::fold_words(v, scratch);
                content::sensitive_in(scratch)
            });
            if let Some(fam) = found {
                hits.push(Hit::with(
                    code!("content.sensitive"),
                    Some(c),
                    vec![("family", fam.as_str().to_string())],
                ));
                break;
            }
        }

        // Duplicates: the identity fields against the rows before.
        self.street.clear();
        for &c in self.street_cols.iter().filter(|_| need_keys) {
            let v = content::trim(field(c));
            if !v.is_empty() {
                self.street.push_str(v);
                self.street.push(' ');
            }
        }
        let street = self.street.as_str();
        let row_keys = crate::dedup::RowKeys {
            names: &self.name_fold,
            emails: &self.row_emails[..n_emails],
            phones: &self.row_phones[..n_phones],
            street,
            postcode: self.postcode.map_or("", &field),
            role_email: facts.role_email,
        };
        let dup = if !self.duplicates {
            crate::dedup::Verdict::default()
        } else {
            self.dedup.add(row, &row_keys)
        };
        if let Some(own) = self.own.as_mut() {
            if let Some((of, exact, _)) = own.dedup.probe(&row_keys) {
                self.own_matches += 1;
                self.own_exact += u64::from(exact);
                if self.own_examples.len() < 5 {
                    self.own_examples.push([row, of]);
                }
                hits.push(Hit::with(
                    code!("overlap.own"),
                    None,
                    vec![("customer_row", of.to_string())],
                ));
            }
        }
        if let Some(reg) = &self.seeds {
            use crate::keys::KeyKind;
            let mut found: Vec<&str> = Vec::new();
            for (kind, keys) in [
                (KeyKind::Email, row_keys.emails),
                (KeyKind::Phone, row_keys.phones),
            ] {
                for k in keys {
                    for r in reg.lookup(kind, k) {
                        if !found.contains(&r.as_str()) {
                            found.push(r);
                        }
                    }
                }
            }
            if !found.is_empty() {
                self.signals.registry_row(&found);
                hits.push(Hit::with(
                    code!("seed.registry"),
                    None,
                    vec![("recipients", found.join(", "))],
                ));
            }
        }
        if let Some(partner) = &self.partner {
            use crate::keys::KeyKind;
            let hit = row_keys
                .emails
                .iter()
                .any(|e| partner.contains_key(KeyKind::Email, e))
                || row_keys
                    .phones
                    .iter()
                    .any(|p| partner.contains_key(KeyKind::Phone, p));
            if hit {
                self.partner_matches += 1;
                push_hit(hits, code!("overlap.partner"), None);
            }
        }
        self.duplicate_of = dup.duplicate_of.map(|(of, _)| of);
        if let Some((of, exact)) = dup.duplicate_of {
            let code = if exact {
                code!("dup.exact")
            } else {
                code!("dup.fuzzy")
            };
            hits.push(Hit::with(code, None, vec![("of", of.to_string())]));
            facts.duplicate = true;
        }
        if let Some((_, false)) = dup.duplicate_of {
            if dup.how.name_typo() {
                seeds.set(crate::signals::SeedSignal::NameVariant as usize, true);
            }
        }
        if dup.phone_shared {
            push_hit(hits, code!("phone.shared"), self.phones.first().copied());
        }

        // Seeds and traps, apart.
        if facts.stale {
            traps.set(crate::signals::TrapSignal::Stale as usize, true);
        }
        // The name in the address: a machine-made local part is one that carries no
        // name (`margauxschneider` has five consonants in a row, and a name).
        let (mismatch, random) = match first_local {
            Some(local) => {
                let named =
                    crate::signals::local_has_name(local, &self.name_fold, &mut self.scratch);
                // A name of digits or punctuation only is no name to look for.
                let has_name = self.name_fold.bytes().any(|b| b.is_ascii_alphabetic());
                (
                    has_name && !named,
                    !named && crate::signals::looks_random(local),
                )
            }
            None => (false, false),
        };
        if random {
            traps.set(crate::signals::TrapSignal::RandomLocalPart as usize, true);
            facts.trap_risk = true;
        }
        self.signals.add(&seeds, &traps, mismatch);
        if seeds.any() {
            hits.push(Hit::with(
                code!("seed.suspect"),
                None,
                vec![("signals", seeds.names(&crate::signals::SEED_NAMES))],
            ));
        }
        if traps.any() {
            hits.push(Hit::with(
                code!("trap.risk"),
                None,
                vec![("signals", traps.names(&crate::signals::TRAP_NAMES))],
            ));
        }

        if !(valid_email || valid_phone || valid_postal) {
            push_hit(hits, code!("row.no_contact"), None);
        }

        // Campaign fit: consent for each channel, audience signals, the verdict.
        facts.valid_email = valid_email;
        facts.valid_phone = valid_phone;
        facts.valid_postal = valid_postal;
        facts.company = self.company_signals.iter().any(|&c| filled(c));
        facts.has_source = self.source.is_some_and(filled);
        facts.consent_dated = self.consent_date.and_then(|c| {
            let v = field(c);
            dates::parse_common(content::trim(v), true)
                .unwrap_or_else(|| self.date_memo[c].get(v, || dates::parse(v, true)))
                .ok()
        });
        for (i, col) in self.consent_cols.iter().enumerate() {
            facts.consent[i] = col.map(|c| {
                let v = field(c);
                self.consent_memo[c].get(v, || campaign::consent_value(v))
            });
        }
        // A person without any company column filled, on a domain that is not a webmail:
        // counted per domain for the file-level seed and trap signals.
        if let Some(d) = private_domain.filter(|_| !facts.company) {
            self.signals.private_domain(d);
        }
        let mut codes = std::mem::take(&mut self.codes);
        codes.clear();
        let stop = self
            .tally
            .add(&self.campaign, self.campaign_day, &facts, &mut codes);
        self.unusable = stop.is_some();
        // A row with a contact point, but none for this channel (a landline for SMS).
        if stop == Some(campaign::Stop::NoContact) && (valid_email || valid_phone || valid_postal) {
            codes.push("campaign.no_contact");
        }
        for &code in &codes {
            push_hit(hits, (code, self.rules.id(code)), None);
        }
        self.codes = codes;

        // Qualification: a filled cell is valid unless a warning or error names its column.
        // Which cells are bad: the first 64 as bits, the others (a wide file) in `bad`.
        let mut bad_mask = 0u64;
        let mut bad = std::mem::take(&mut self.bad);
        bad.clear();
        bad.resize(ncols.saturating_sub(64), false);
        for h in &hits[start..] {
            if let Some(c) = h.column {
                let id = h.id;
                let sev = crate::rules::by_id()
                    .get(usize::from(id))
                    .map(|r| r.severity);
                if let Some(s) = self.stats.get_mut(c).filter(|_| id != NO_ID) {
                    let i = usize::from(id);
                    if s.problems.len() <= i {
                        s.problems.resize(i + 1, 0);
                    }
                    s.problems[i] += 1;
                }
                if sev != Some(crate::rules::Severity::Info) && c < ncols {
                    if c < 64 {
                        bad_mask |= 1 << c;
                    } else if let Some(b) = bad.get_mut(c - 64) {
                        *b = true;
                    }
                }
            }
        }
        // The filled cells that are not bad: counted with the row's pattern.
        let pattern = (filled_mask, filled_mask & !bad_mask);
        if let Some(n) = self.patterns.get_mut(&pattern) {
            *n += 1;
        } else if self.patterns.len() < PATTERNS_MAX {
            self.patterns.insert(pattern, 1);
        } else {
            let stats = &mut self.stats;
            for_each_in_pattern(pattern, |i, valid| {
                if let Some(s) = stats.get_mut(i) {
                    *(if valid { &mut s.valid } else { &mut s.filled }) += 1;
                }
            });
        }
        for (i, is_bad) in bad.iter().enumerate() {
            if !is_bad && filled(i + 64) {
                self.stats[i + 64].valid += 1;
            }
        }
        self.bad = bad;
        suggestion
    }

    /// Takes the lists to match rows against.
    pub fn set_references(&mut self, refs: crate::References) {
        self.own = refs.own;
        self.partner = refs.partner;
        if let Some(s) = refs.seeds {
            self.signals.registry_opened(s.len() as u64);
            self.seeds = Some(s);
        }
    }

    /// Whether any column can tell a person: email, phone, name or postal address.
    pub fn has_identity_columns(&self) -> bool {
        !self.emails.is_empty()
            || !self.phones.is_empty()
            || self.first.is_some()
            || self.last.is_some()
            || self.full.is_some()
            || !self.street_cols.is_empty()
    }

    /// The overlap section, when a customer file or a partner's keys were given.
    pub fn overlap_report(
        &self,
        campaign: &CampaignReport,
    ) -> Option<crate::report::OverlapReport> {
        if self.own.is_none() && self.partner.is_none() {
            return None;
        }
        let per_record = campaign.price.cpm.map(|cpm| cpm / 1000.0);
        Some(crate::report::OverlapReport {
            own_rows: self.own.as_ref().map(|o| o.rows),
            own: self.own_matches,
            own_exact: self.own_exact,
            own_cost: self
                .own
                .as_ref()
                .and(per_record)
                .map(|p| (p * self.own_matches as f64 * 100.0).round() / 100.0),
            partner_keys: self.partner.as_ref().map(|p| p.len() as u64),
            partner: self.partner_matches,
            own_examples: self.own_examples.clone(),
        })
    }

    /// The campaign section and the score. `sensitive`: the file holds sensitive data.
    pub fn campaign_report(&self, sensitive: bool) -> (CampaignReport, Score) {
        let (filled, valid) = self
            .column_counts()
            .iter()
            .fold((0u64, 0u64), |(f, v), s| (f + s.0, v + s.1));
        let valid_share = if filled == 0 {
            1.0
        } else {
            valid as f64 / filled as f64
        };
        let date = self.campaign.date.clone().or_else(|| {
            self.campaign_day.map(|d| {
                let (y, m, dd) = dates::civil(d);
                format!("{y:04}-{m:02}-{dd:02}")
            })
        });
        campaign::report(
            &self.campaign,
            date,
            &self.tally,
            &self.roles,
            self.opposition.len(),
            valid_share,
            sensitive,
            &self.source_names,
        )
    }

    /// Whether a column plays this role.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Each column's filled and valid cells: its own counts (past the 64th column, or
    /// a pattern the memo had no room for) and those of the row patterns.
    fn column_counts(&self) -> Vec<(u64, u64)> {
        let mut counts: Vec<(u64, u64)> = self.stats.iter().map(|s| (s.filled, s.valid)).collect();
        for (&pattern, &n) in self.patterns.iter() {
            for_each_in_pattern(pattern, |i, valid| {
                if let Some(c) = counts.get_mut(i) {
                    *(if valid { &mut c.1 } else { &mut c.0 }) += n;
                }
            });
        }
        counts
    }

    /// The qualification of every column with a known role.
    pub fn qualification(&self, columns: &[ColumnInfo]) -> Vec<ColumnQuality> {
        let counts = self.column_counts();
        columns
            .iter()
            .zip(self.stats.iter().zip(counts))
            .filter(|(c, _)| c.role != Role::Unknown)
            .map(|(c, (s, (filled, valid)))| {
                let mut problems: Vec<ProblemCount> = s
                    .problems
                    .iter()
                    .enumerate()
                    .filter(|&(_, &n)| n > 0)
                    .map(|(id, &n)| ProblemCount {
                        code: crate::rules::by_id()
                            .get(id)
                            .expect("every emitted code is registered")
                            .code
                            .to_string(),
                        count: n,
                    })
                    .collect();
                problems.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
                ColumnQuality {
                    column: c.index,
                    name: c.name.clone(),
                    role: c.role,
                    filled,
                    valid,
                    problems,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    /// The per-column counts are the same whether a row's pattern of filled and valid
    /// cells is remembered or (past `PATTERNS_MAX`, two here) counted cell by cell.
    #[test]
    fn column_counts_add_remembered_and_counted_patterns() {
        let rows = [
            ["jean@orange.fr", "Dupont", "x", ""],
            ["", "Martin", "", "y"],
            ["pas-une-adresse", "", "x", "y"],
            ["paul@free.fr", "Durand", "", ""],
            ["", "", "", "z"],
            ["marie@sfr.fr", "Petit", "x", "y"],
            ["jean@orange.fr", "Dupont", "x", ""],
        ];
        let mut csv = String::from("E-mail;Nom;Commentaire;Note\r\n");
        for r in &rows {
            csv.push_str(&r.join(";"));
            csv.push_str("\r\n");
        }
        let mut auditor = crate::Auditor::new(crate::Options {
            audit_date: Some("2026-11-29".into()),
            ..Default::default()
        })
        .expect("valid options");
        auditor.feed(csv.as_bytes());
        let q = auditor.finish().qualification;
        let by_name = |n: &str| q.iter().find(|c| c.name == n).expect(n);
        for (i, name) in ["E-mail", "Nom", "Commentaire"].into_iter().enumerate() {
            let filled = rows.iter().filter(|r| !r[i].is_empty()).count() as u64;
            assert_eq!(by_name(name).filled, filled, "{name}");
        }
        // Every filled cell is valid but the address without `@`.
        assert_eq!(by_name("E-mail").valid, 4);
        assert_eq!(by_name("Nom").valid, 5);
        assert_eq!(by_name("Commentaire").valid, 4);
    }
}
