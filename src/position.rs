//! Where something is in the input file.

use serde::{Deserialize, Serialize};

/// A place in the input file.
///
/// * `row`: the data row, counted from 1 in file order; the header and any
///   title lines above it are not data rows. `None` for things that are not
///   in a data row (the header, a title line, the file as a whole).
/// * `line`: the physical line where the record starts, counted from 1. A
///   quoted field with embedded newlines makes a record span several lines.
/// * `byte`: the offset of the record's first byte in the *original* file
///   (before any transcoding), counted from 0, BOM included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    /// Data row number, from 1; `None` outside data rows.
    pub row: Option<u64>,
    /// Physical line number, from 1.
    pub line: u64,
    /// Byte offset in the original input, from 0.
    pub byte: u64,
}
