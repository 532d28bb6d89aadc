//! Options of an audit, shared by the CLI, the wasm layer and the page (JSON).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::campaign::Campaign;
use crate::error::{Error, ErrorKind, Result};
use crate::roles::Role;

/// How to read and audit a file. Every field has a default, so `{}` is valid JSON options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Force the delimiter (one ASCII character, e.g. `";"` or `"\t"`); `None` sniffs it.
    pub delimiter: Option<String>,
    /// Force the encoding (`"UTF-8"`, `"windows-1252"`, `"UTF-16LE"`, `"UTF-16BE"`, or any
    /// WHATWG label); `None` detects it.
    pub encoding: Option<String>,
    /// Force whether the first record (after title lines) is a header; `None` detects it.
    pub header: Option<bool>,
    /// Override column roles: key = column name (case-insensitive) or `#N` (1-based index).
    pub roles: BTreeMap<String, Role>,
    /// The audit date, `YYYY-MM-DD`: dates after it are in the future, contacts older
    /// than 3 years before it are stale. The core reads no clock: front-ends pass today.
    pub audit_date: Option<String>,
    /// The planned campaign: channel, audience, date, deal, price, opposition list.
    pub campaign: Campaign,
    /// How many example positions each finding keeps (all occurrences are counted).
    pub max_examples: usize,
    /// How many data rows the preview keeps.
    pub preview_rows: usize,
    /// Look for duplicates within the file (on by default). Off, each row is judged on
    /// its own and the ~100 bytes a row that detection keeps are not used.
    pub duplicates: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            delimiter: None,
            encoding: None,
            header: None,
            roles: BTreeMap::new(),
            audit_date: None,
            campaign: Campaign::default(),
            max_examples: 5,
            preview_rows: 10,
            duplicates: true,
        }
    }
}

impl Options {
    /// Reads options from JSON text (`{}` gives the defaults).
    pub fn from_json(json: &str) -> Result<Options> {
        let opts: Options = serde_json::from_str(json)
            .map_err(|e| Error::from(ErrorKind::OptionsJson(e.to_string())))?;
        opts.validate()?;
        Ok(opts)
    }

    /// Checks the options, and returns an error naming the first bad one.
    pub fn validate(&self) -> Result<()> {
        if let Some(d) = &self.delimiter {
            match d.as_bytes() {
                [b] if b.is_ascii() && !matches!(b, b'"' | b'\r' | b'\n') => {}
                _ => {
                    return Err(Error::invalid_option(
                        "delimiter",
                        format!(
                            "{d:?} is not a single ASCII character other than a quote or newline"
                        ),
                    ))
                }
            }
        }
        if let Some(e) = &self.encoding {
            if encoding_rs::Encoding::for_label(e.trim().as_bytes()).is_none() {
                return Err(Error::invalid_option(
                    "encoding",
                    format!("unknown encoding {e:?}"),
                ));
            }
        }
        for key in self.roles.keys() {
            if let Some(n) = key.strip_prefix('#') {
                match n.parse::<usize>() {
                    Ok(i) if i >= 1 => {}
                    _ => {
                        return Err(Error::invalid_option(
                            "roles",
                            format!("{key:?}: a column index is written #1, #2..."),
                        ))
                    }
                }
            }
        }
        if let Some(d) = &self.audit_date {
            if crate::checks::dates::parse_iso(d).is_none() {
                return Err(Error::invalid_option(
                    "audit_date",
                    format!("{d:?} is not a date written YYYY-MM-DD"),
                ));
            }
        }
        self.campaign.validate()?;
        if self.max_examples > 1000 {
            return Err(Error::invalid_option("max_examples", "at most 1000"));
        }
        Ok(())
    }

    /// The forced delimiter byte, if any (call after [`Options::validate`]).
    pub(crate) fn delimiter_byte(&self) -> Option<u8> {
        self.delimiter
            .as_ref()
            .and_then(|d| d.as_bytes().first().copied())
    }
}
