//! The audit certificate: what a buyer can send the seller to negotiate, **without any
//! personal data**.
//!
//! It identifies the file (SHA-256, size, rows, encoding and layout), states the options the
//! audit ran with (the campaign, the forced reading options) and gives the results as
//! counts: rows by status, the usable funnel, the score, grade and parts, the price
//! sanity figures, the count of every finding code, duplicates, overlap, seeds and traps.
//! The seller can check it by auditing the same file (same SHA-256) with the same options.
//!
//! What it leaves out, on purpose:
//!
//! - **cell values**, and anything derived from one (the report's examples and their
//!   parameters, a suggested correction, the opposition list's entries: only their count);
//! - **column names**: in a file without a header, or a header-less file read as having one,
//!   a "name" is a cell value, and odd files put data in their header. The columns are
//!   given by position and role, with their fill and valid counts; roles forced by column
//!   name are counted, not named;
//! - the recipients named by the owner's seed registry (only the count of registered seed
//!   rows), and the rows that matched the buyer's own customer file (only counts).
//!
//! The file name is the caller's (optional): leave it out if it says too much.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::campaign::{Audience, Channel, Deal, FunnelStage, PriceSanity};
use crate::{Options, Report, Role, RowCounts};

/// The format name written in every certificate.
pub const FORMAT: &str = "tamis-certificate/1";

/// The audit certificate (see the module's documentation). Build it with
/// [`Certificate::new`]; its JSON is [`Certificate::to_json_pretty`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    /// Always [`FORMAT`].
    pub format: String,
    /// The version of tamis that made the audit.
    pub tamis_version: String,
    /// The audit date (`YYYY-MM-DD`), `null` if the audit had none.
    pub audit_date: Option<String>,
    /// The audited file.
    pub file: FileFacts,
    /// The options of the audit.
    pub options: CertifiedOptions,
    /// Data rows by status.
    pub rows: RowCounts,
    /// The reliability score (`null` without data rows).
    pub score: Option<CertifiedScore>,
    /// The usable funnel for the campaign's channel (empty without data rows).
    pub funnel: Vec<FunnelStage>,
    /// Rows usable for the campaign's channel.
    pub usable: u64,
    /// Rows usable for every channel.
    pub usable_by_channel: BTreeMap<Channel, u64>,
    /// Price sanity (`null` without data rows).
    pub price: Option<PriceSanity>,
    /// The keys of the seller checklist's items the file does not answer (what to ask
    /// for), in the report's order.
    pub ask_seller: Vec<String>,
    /// Every finding code with its count.
    pub findings: BTreeMap<String, u64>,
    /// Per column with a known role: position, role and counts.
    pub columns: Vec<CertifiedColumn>,
    /// Duplicates within the file (`null` without data rows or with detection off).
    pub duplicates: Option<CertifiedDuplicates>,
    /// Overlap with the buyer's own file and a partner's hashes (`null` without either).
    pub overlap: Option<CertifiedOverlap>,
    /// Possible owner seeds and spam-trap risk (`null` without data rows).
    pub seeds_and_traps: Option<CertifiedSignals>,
}

/// The file's identity and layout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileFacts {
    /// The file's name, as the caller gave it (`null`: not given).
    pub name: Option<String>,
    /// SHA-256 of the whole file, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Data rows.
    pub rows: u64,
    /// Whether it was read as delimited text.
    pub text: bool,
    /// The encoding (`null` if not text).
    pub encoding: Option<String>,
    /// Whether it starts with a byte-order mark.
    pub bom: bool,
    /// The delimiter (`null` if not text).
    pub delimiter: Option<String>,
    /// `CRLF`, `LF`, `CR`, `mixed` or `none`.
    pub line_ending: Option<String>,
    /// Whether the first record was taken as a header.
    pub header: bool,
    /// Title lines skipped above the header.
    pub title_lines: u32,
    /// The role of each column, in order (no names: see the module's documentation).
    pub roles: Vec<Role>,
}

/// The options of the audit (the opposition list as a count).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertifiedOptions {
    /// The campaign's channel.
    pub channel: Channel,
    /// The audience option.
    pub audience: Audience,
    /// The campaign date, if one was given.
    pub date: Option<String>,
    /// Rent, buy or exchange.
    pub deal: Deal,
    /// The total price given (EUR excl. VAT).
    pub price: Option<f64>,
    /// The price per 1,000 given (EUR excl. VAT).
    pub cpm: Option<f64>,
    /// The market band override, EUR per 1,000.
    pub band: Option<[f64; 2]>,
    /// The sector ban (energy renovation, home adaptation).
    pub sector_banned: bool,
    /// The uncertain rules switched on or off.
    pub rules: BTreeMap<String, bool>,
    /// Entries of the opposition list read (the entries themselves stay out).
    pub opposition_entries: usize,
    /// Whether duplicates were looked for.
    pub duplicates: bool,
    /// A delimiter forced instead of detected.
    pub delimiter: Option<String>,
    /// An encoding forced instead of detected.
    pub encoding: Option<String>,
    /// The header forced present or absent instead of detected.
    pub header: Option<bool>,
    /// How many column roles were forced (by name or position; not listed).
    pub forced_roles: usize,
}

/// The score without its reasons' wording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertifiedScore {
    /// 0 to 100.
    pub value: u8,
    /// A to E.
    pub grade: String,
    /// Each component, 0 to 100.
    pub parts: BTreeMap<String, u8>,
}

/// One column with a known role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertifiedColumn {
    /// Position, from 1.
    pub column: usize,
    /// Its role.
    pub role: Role,
    /// Data rows with a value.
    pub filled: u64,
    /// Filled values with no warning or error about them.
    pub valid: u64,
}

/// Duplicate counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertifiedDuplicates {
    /// Clusters with at least two rows.
    pub clusters: u64,
    /// Rows after the first of their cluster.
    pub duplicate_rows: u64,
    /// Of which exact.
    pub exact_rows: u64,
    /// Of which fuzzy.
    pub fuzzy_rows: u64,
    /// Rows whose phone another person carries.
    pub phone_shared_rows: u64,
    /// True when every row was compared with every earlier one.
    pub complete: bool,
}

/// Overlap counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertifiedOverlap {
    /// Rows of the buyer's own customer file (`null` without one).
    pub own_rows: Option<u64>,
    /// Rows already the buyer's customers.
    pub own: u64,
    /// What they cost at the file's price.
    pub own_cost: Option<f64>,
    /// Keys in the partner's hash file (`null` without one).
    pub partner_keys: Option<u64>,
    /// Rows in the partner's file.
    pub partner: u64,
}

/// Seed and trap counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertifiedSignals {
    /// Possible owner seeds (expected in rentals).
    pub seed_suspects: u64,
    /// `low` or `medium`.
    pub seed_confidence: String,
    /// Rows with a spam-trap or deliverability risk.
    pub trap_risk: u64,
    /// Rows that are registered seeds of the owner's registry (`null` without one).
    pub registry_rows: Option<u64>,
}

impl Certificate {
    /// The certificate of an audit: its report, the options it ran with, and the file's
    /// name if the caller wants it in (`None` leaves it out).
    pub fn new(report: &Report, options: &Options, file_name: Option<&str>) -> Certificate {
        let input = &report.input;
        let c = &options.campaign;
        let camp = report.campaign.as_ref();
        let usable = camp
            .and_then(|c| c.funnel.iter().find(|s| s.stage == "usable"))
            .map_or(0, |s| s.count);
        Certificate {
            format: FORMAT.to_string(),
            tamis_version: report.tamis_version.clone(),
            audit_date: report.audit_date.clone(),
            file: FileFacts {
                name: file_name.map(str::to_string),
                sha256: input.sha256.clone(),
                bytes: input.bytes,
                rows: input.rows,
                text: input.text,
                encoding: input.encoding.clone(),
                bom: input.bom,
                delimiter: input.delimiter.clone(),
                line_ending: input.line_ending.clone(),
                header: input.header,
                title_lines: input.title_lines,
                roles: input.columns.iter().map(|c| c.role).collect(),
            },
            options: CertifiedOptions {
                channel: c.channel,
                audience: c.audience,
                date: c.date.clone(),
                deal: c.deal,
                price: c.price,
                cpm: c.cpm,
                band: c.band,
                sector_banned: c.sector_banned,
                rules: c.rules.clone(),
                opposition_entries: camp.map_or(
                    c.opposition.iter().filter(|e| !e.trim().is_empty()).count(),
                    |c| c.opposition_entries,
                ),
                duplicates: options.duplicates,
                delimiter: options.delimiter.clone(),
                encoding: options.encoding.clone(),
                header: options.header,
                forced_roles: options.roles.len(),
            },
            rows: report.rows,
            score: report.score.as_ref().map(|s| CertifiedScore {
                value: s.value,
                grade: s.grade.clone(),
                parts: s.parts.clone(),
            }),
            funnel: camp.map(|c| c.funnel.clone()).unwrap_or_default(),
            usable,
            usable_by_channel: camp
                .map(|c| c.usable_by_channel.clone())
                .unwrap_or_default(),
            price: camp.map(|c| c.price.clone()),
            ask_seller: camp
                .map(|c| {
                    c.checklist
                        .iter()
                        .filter(|i| !i.in_file)
                        .map(|i| i.key.clone())
                        .collect()
                })
                .unwrap_or_default(),
            findings: report
                .findings
                .iter()
                .map(|f| (f.code.clone(), f.count))
                .collect(),
            columns: report
                .qualification
                .iter()
                .map(|q| CertifiedColumn {
                    column: q.column,
                    role: q.role,
                    filled: q.filled,
                    valid: q.valid,
                })
                .collect(),
            duplicates: report.duplicates.as_ref().map(|d| CertifiedDuplicates {
                clusters: d.clusters,
                duplicate_rows: d.duplicate_rows,
                exact_rows: d.exact_rows,
                fuzzy_rows: d.fuzzy_rows,
                phone_shared_rows: d.phone_shared_rows,
                complete: d.complete,
            }),
            overlap: report.overlap.as_ref().map(|o| CertifiedOverlap {
                own_rows: o.own_rows,
                own: o.own,
                own_cost: o.own_cost,
                partner_keys: o.partner_keys,
                partner: o.partner,
            }),
            seeds_and_traps: report.seeds_and_traps.as_ref().map(|s| CertifiedSignals {
                seed_suspects: s.seed_suspects,
                seed_confidence: s.seed_confidence.clone(),
                trap_risk: s.trap_risk,
                registry_rows: s.registry_keys.map(|_| s.registry_rows),
            }),
        }
    }

    /// The certificate as pretty JSON with a final newline (what `audit --certificate`
    /// writes and the page downloads).
    pub fn to_json_pretty(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a certificate always serialises");
        s.push('\n');
        s
    }
}
