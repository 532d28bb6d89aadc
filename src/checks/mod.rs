//! Field checks: pure functions from cell values to verdicts, one file per field family.
//! The auditor calls them for the columns whose role they fit.

pub mod company;
pub mod content;
pub mod dates;
pub mod email;
pub mod names;
pub mod phone;
pub mod postal;
