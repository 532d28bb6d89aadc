//! # tamis
//!
//! tamis audits a prospect file (a CSV of contacts) before you pay for it: encoding,
//! layout, column roles and, rule by rule, what is wrong with its rows. Everything
//! runs locally: the same core runs natively (the `tamis` CLI) and in the browser
//! (WebAssembly, see `src/web.rs`).
//!
//! The core does no I/O and reads no clock. It is a push API, like `csv-core`: the
//! caller owns the read loop and pushes bytes in; bad data becomes findings, never
//! an error or a panic.
//!
//! ```
//! use tamis::{Auditor, Options};
//!
//! let mut auditor = Auditor::new(Options::default())?;
//! for chunk in [&b"Nom;Pr\xe9nom;Email\r\nDupont;Ren\xe9;"[..], b"rene@exemple.fr\r\n"] {
//!     auditor.feed(chunk);
//! }
//! let report = auditor.finish();
//! assert_eq!(report.input.encoding.as_deref(), Some("windows-1252"));
//! assert_eq!(report.input.rows, 1);
//! assert_eq!(report.input.columns[2].role, tamis::Role::Email);
//! # Ok::<(), tamis::Error>(())
//! ```
#![deny(missing_docs)]
#![cfg_attr(not(target_arch = "wasm32"), forbid(unsafe_code))]

mod audit;
pub mod campaign;
pub mod certificate;
pub mod checks;
pub mod data;
pub mod dedup;
pub mod demo;
mod error;
pub mod export;
mod fields;
pub mod keys;
mod options;
mod position;
mod report;
pub mod roles;
pub mod rules;
mod rules_fields;
pub mod seeds;
pub mod signals;
mod sniff;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use audit::{
    Auditor, HeaderView, OwnFile, OwnFileBuilder, References, RowSink, RowView, Status, FIELD_CAP,
    MAX_FIELDS, RECORD_CAP,
};
pub use campaign::{Campaign, Channel, Score};
pub use certificate::Certificate;
pub use error::{Error, ErrorKind, Result};
pub use export::{CsvExport, ExportKind};
pub use fields::{ColumnQuality, ProblemCount};
pub use options::Options;
pub use position::Position;
pub use report::{
    ColumnInfo, Example, FindingSummary, InputFacts, OverlapReport, Preview, PreviewRow, Report,
    RowCounts,
};
pub use roles::{Role, RoleSource};
pub use rules::{Rule, Severity};
pub use sniff::SNIFF_BYTES;

/// This crate's version, as written in reports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
