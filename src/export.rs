//! The CSV exports, as [`RowSink`]s that write into a byte buffer the caller drains: no
//! I/O, so the CLI (`audit --annotate`, `audit --usable`) and the browser (the worker's
//! export request, in chunks collected as `Blob` parts) write the same bytes.
//!
//! - [`ExportKind::Annotated`]: the original columns, then `tamis_row`, `tamis_status`,
//!   `tamis_flags`, `tamis_duplicate_of`, `tamis_suggestion`; a row longer than the header
//!   keeps its extra fields after the tamis columns, so these stay aligned.
//! - [`ExportKind::Usable`]: only the rows usable for the campaign's channel
//!   ([`RowView::usable`]: the rows the usable funnel counts in its last stage), with the
//!   original columns only (a row longer than the header keeps its extra fields).
//!
//! Both are UTF-8 with a byte-order mark (so that Excel reads the accents right), the
//! input's delimiter, CRLF, fields quoted when needed, and cells a spreadsheet would run as
//! formulas prefixed with `'` (see [`crate::checks::content::neutralise`]). Nothing is
//! written for an input that is not text or has no columns ([`CsvExport::header_done`]).
//!
//! ```
//! use tamis::export::{CsvExport, ExportKind};
//! use tamis::{Auditor, Options};
//!
//! let mut auditor = Auditor::new(Options::default())?;
//! let mut export = CsvExport::new(ExportKind::Annotated);
//! let mut out = Vec::new();
//! for chunk in [&b"Nom;Email\r\n=1+1;a@exemple.fr\r\n"[..]] {
//!     auditor.feed_with(chunk, &mut export);
//!     out.extend_from_slice(export.buffer()); // write it somewhere...
//!     export.clear(); // ...and drain it
//! }
//! auditor.finish_with(&mut export);
//! out.extend_from_slice(export.buffer());
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("\u{FEFF}Nom;Email;tamis_row;tamis_status;"));
//! assert!(text.contains("\r\n'=1+1;a@exemple.fr;1;"));
//! # Ok::<(), tamis::Error>(())
//! ```

use crate::checks::content::neutralise;
use crate::{HeaderView, RowSink, RowView};

/// The columns the annotated export adds.
pub const TAMIS_COLUMNS: [&str; 5] = [
    "tamis_row",
    "tamis_status",
    "tamis_flags",
    "tamis_duplicate_of",
    "tamis_suggestion",
];

/// Which CSV export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// Every row, with the tamis columns (`audit --annotate`).
    Annotated,
    /// The rows usable for the campaign's channel, original columns only
    /// (`audit --usable`).
    Usable,
}

impl ExportKind {
    /// `annotated` or `usable`.
    pub fn name(self) -> &'static str {
        match self {
            ExportKind::Annotated => "annotated",
            ExportKind::Usable => "usable",
        }
    }

    /// The kind of a name (`annotated`, `usable`).
    pub fn from_name(name: &str) -> Option<ExportKind> {
        match name {
            "annotated" => Some(ExportKind::Annotated),
            "usable" => Some(ExportKind::Usable),
            _ => None,
        }
    }
}

/// A CSV export written row by row into a buffer: read it with [`CsvExport::buffer`] and
/// drain it with [`CsvExport::clear`] (or [`CsvExport::take`]) as often as you like; the
/// concatenation of what was drained is the file.
#[derive(Debug)]
pub struct CsvExport {
    kind: ExportKind,
    buf: Vec<u8>,
    delimiter: u8,
    columns: usize,
    header_done: bool,
    rows: u64,
    /// The row's flags, joined.
    scratch: String,
}

impl CsvExport {
    /// An export of this kind.
    pub fn new(kind: ExportKind) -> CsvExport {
        CsvExport {
            kind,
            buf: Vec::new(),
            delimiter: b',',
            columns: 0,
            header_done: false,
            rows: 0,
            scratch: String::new(),
        }
    }

    /// Its kind.
    pub fn kind(&self) -> ExportKind {
        self.kind
    }

    /// Whether the header line was written (false when the input was not text or empty).
    pub fn header_done(&self) -> bool {
        self.header_done
    }

    /// Data rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The bytes written since the last drain.
    pub fn buffer(&self) -> &[u8] {
        &self.buf
    }

    /// Empties the buffer (keeping its capacity).
    pub fn clear(&mut self) {
        self.buf.clear();
    }

    /// The bytes written since the last drain, leaving the buffer empty.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }

    fn field(&mut self, value: &str) {
        let value = neutralise(value);
        let d = char::from(self.delimiter);
        if value.contains([d, '"', '\r', '\n']) {
            self.buf.push(b'"');
            for part in value.split_inclusive('"') {
                self.buf.extend_from_slice(part.as_bytes());
                if part.ends_with('"') {
                    self.buf.push(b'"');
                }
            }
            self.buf.push(b'"');
        } else {
            self.buf.extend_from_slice(value.as_bytes());
        }
    }

    fn sep(&mut self) {
        self.buf.push(self.delimiter);
    }

    fn end_line(&mut self) {
        self.buf.extend_from_slice(b"\r\n");
    }

    /// The fields beyond the header's columns, up to the last non-empty one.
    fn extra_fields(&mut self, row: &RowView<'_>) {
        if let Some(last) = (self.columns..row.len())
            .rev()
            .find(|&i| !row.field(i).unwrap_or("").is_empty())
        {
            for i in self.columns..=last {
                // After the tamis columns, or after the row's previous field.
                if self.kind == ExportKind::Annotated || i > 0 {
                    self.sep();
                }
                self.field(row.field(i).unwrap_or(""));
            }
        }
    }
}

impl RowSink for CsvExport {
    fn header(&mut self, header: &HeaderView<'_>) {
        self.delimiter = header.delimiter;
        self.columns = header.columns.len();
        self.header_done = true;
        self.buf.extend_from_slice("\u{FEFF}".as_bytes());
        for (i, col) in header.columns.iter().enumerate() {
            if i > 0 {
                self.sep();
            }
            let name = header
                .fields
                .get(i)
                .map_or(col.name.as_str(), String::as_str);
            self.field(name);
        }
        if self.kind == ExportKind::Annotated {
            for (i, name) in TAMIS_COLUMNS.iter().enumerate() {
                if i > 0 || self.columns > 0 {
                    self.sep();
                }
                self.buf.extend_from_slice(name.as_bytes());
            }
        }
        self.end_line();
    }

    fn row(&mut self, row: &RowView<'_>) {
        if self.kind == ExportKind::Usable && !row.usable {
            return;
        }
        self.rows += 1;
        for i in 0..self.columns {
            if i > 0 {
                self.sep();
            }
            self.field(row.field(i).unwrap_or(""));
        }
        if self.kind == ExportKind::Annotated {
            let mut scratch = std::mem::take(&mut self.scratch);
            scratch.clear();
            // One buffer for the row's number, its flags and the row it duplicates (no
            // allocation per row): `number flags dup`, split by their lengths.
            use std::fmt::Write as _;
            if let Some(r) = row.position.row {
                let _ = write!(scratch, "{r}");
            }
            let number_end = scratch.len();
            for (i, code) in row.flags.iter().enumerate() {
                if i > 0 {
                    scratch.push(' ');
                }
                scratch.push_str(code);
            }
            let flags_end = scratch.len();
            if let Some(r) = row.duplicate_of {
                let _ = write!(scratch, "{r}");
            }
            let values: [&str; 5] = [
                &scratch[..number_end],
                row.status.as_str(),
                &scratch[number_end..flags_end],
                &scratch[flags_end..],
                row.suggestion.unwrap_or(""),
            ];
            for (i, value) in values.into_iter().enumerate() {
                if i > 0 || self.columns > 0 {
                    self.sep();
                }
                self.field(value);
            }
            self.scratch = scratch;
        }
        // Fields beyond the header's columns, after the tamis columns so that these stay
        // aligned.
        self.extra_fields(row);
        self.end_line();
    }
}
