//! The audit report: what the page, the CLI and the golden files show.
//!
//! Field order is stable (struct order), maps are ordered, findings are sorted by
//! code: the same input gives byte-identical JSON. The report holds **no cell
//! values**: it can be posted from a worker, sent in an event or shared.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::campaign::{CampaignReport, Score};
use crate::fields::ColumnQuality;
use crate::position::Position;
use crate::roles::{Role, RoleSource};
use crate::rules::Severity;

/// The result of an audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The version of tamis that made the report.
    pub tamis_version: String,
    /// The audit date used for date checks (`YYYY-MM-DD`), `null` if none was given.
    pub audit_date: Option<String>,
    /// Facts about the input file.
    pub input: InputFacts,
    /// Rows by status.
    pub rows: RowCounts,
    /// One entry per finding code, sorted by code.
    pub findings: Vec<FindingSummary>,
    /// Per column with a known role: fill rate, valid rate and the top problems.
    pub qualification: Vec<ColumnQuality>,
    /// Duplicates within the file: clusters, rows, and examples of what matched;
    /// `null` when there are no data rows.
    pub duplicates: Option<crate::dedup::DuplicatesReport>,
    /// Overlap with the buyer's own customer file and with a partner's hash file;
    /// `null` when neither was given.
    pub overlap: Option<OverlapReport>,
    /// Possible owner seeds (expected in rentals: do not remove) and spam-trap risk,
    /// reported apart; `null` when there are no data rows.
    pub seeds_and_traps: Option<crate::signals::SeedsAndTraps>,
    /// Campaign fit: the usable funnel, price sanity, checklist and legal reminders;
    /// `null` when there are no data rows.
    pub campaign: Option<CampaignReport>,
    /// The reliability score; `null` until the campaign-fit rules compute it.
    pub score: Option<Score>,
}

/// Facts about the input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputFacts {
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the whole input, lower-case hex.
    pub sha256: String,
    /// Whether the input was read as delimited text.
    pub text: bool,
    /// The encoding used (`UTF-8`, `windows-1252`, `UTF-16LE`, `UTF-16BE`), `null` if not text.
    pub encoding: Option<String>,
    /// How the encoding was chosen: `bom`, `valid_utf8`, `fallback`, `null_bytes` (UTF-16
    /// without BOM), `option`.
    pub encoding_source: Option<String>,
    /// Whether the input starts with a byte-order mark.
    pub bom: bool,
    /// The field delimiter, `null` if not text.
    pub delimiter: Option<String>,
    /// `CRLF`, `LF`, `CR`, `mixed` or `none` (a single line).
    pub line_ending: Option<String>,
    /// Lines above the header that were skipped as a title.
    pub title_lines: u32,
    /// Whether the first record was taken as a header.
    pub header: bool,
    /// Number of data rows.
    pub rows: u64,
    /// The columns and their roles.
    pub columns: Vec<ColumnInfo>,
}

/// One column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnInfo {
    /// Position, from 1.
    pub index: usize,
    /// The header's text (or `column N` without a header).
    pub name: String,
    /// What the column holds.
    pub role: Role,
    /// Where the role came from.
    pub role_source: RoleSource,
}

/// Data rows by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowCounts {
    /// Rows with no finding that matters.
    pub ok: u64,
    /// Rows with warnings: usable after a look.
    pub review: u64,
    /// Rows that cannot be used.
    pub reject: u64,
}

/// All occurrences of one finding code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingSummary {
    /// Stable code, e.g. `csv.ragged_row`.
    pub code: String,
    /// The rule's category (`csv`, `encoding`...).
    pub category: String,
    /// The rule's severity.
    pub severity: Severity,
    /// How many times it occurred.
    pub count: u64,
    /// The first occurrences (at most `max_examples`), in file order.
    pub examples: Vec<Example>,
}

/// One occurrence of a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    /// Where.
    #[serde(flatten)]
    pub position: Position,
    /// The column, from 1, when the finding is about one cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Parameters of the finding (e.g. `expected` and `found` field counts); never a cell value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

/// The first rows as decoded text, for the preview. Holds cell values: it stays local.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    /// The encoding used.
    pub encoding: String,
    /// The delimiter.
    pub delimiter: String,
    /// Lines skipped above the header.
    pub title_lines: u32,
    /// Whether the first record is a header.
    pub header: bool,
    /// The columns and roles.
    pub columns: Vec<ColumnInfo>,
    /// The first data rows, each with its data row number and fields.
    pub rows: Vec<PreviewRow>,
}

/// One row of the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// Data row number, from 1.
    pub row: u64,
    /// The decoded fields.
    pub fields: Vec<String>,
}

impl Report {
    /// The report as pretty JSON with a final newline (the golden-file format).
    pub fn to_json_pretty(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a report always serialises");
        s.push('\n');
        s
    }

    /// The summary for one code, if it occurred.
    pub fn finding(&self, code: &str) -> Option<&FindingSummary> {
        self.findings.iter().find(|f| f.code == code)
    }

    /// How many times a code occurred (0 if never).
    pub fn count(&self, code: &str) -> u64 {
        self.finding(code).map_or(0, |f| f.count)
    }
}

/// Overlap with the lists the user gave (see [`crate::References`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverlapReport {
    /// Data rows of the buyer's own customer file (`null` without one).
    pub own_rows: Option<u64>,
    /// Rows of the audited file that are already customers (`overlap.own`).
    pub own: u64,
    /// Of which exact matches (the others are fuzzy, as for duplicates).
    pub own_exact: u64,
    /// What these rows cost at the file's price (EUR excl. VAT), when it is known.
    pub own_cost: Option<f64>,
    /// Keys in the partner's hash file (`null` without one).
    pub partner_keys: Option<u64>,
    /// Rows whose email or phone is in the partner's file (`overlap.partner`).
    pub partner: u64,
    /// Examples: the audited row and the customer file's row it matches.
    pub own_examples: Vec<[u64; 2]>,
}
