//! The one error type of the crate.
//!
//! Bad *data* never becomes an [`Error`]: it becomes a finding in the report.
//! An `Error` only means "cannot audit at all", for example options that do
//! not make sense.

use std::fmt;

/// A specialised `Result` for tamis.
pub type Result<T> = std::result::Result<T, Error>;

/// An error that prevents an audit from running.
#[derive(Debug)]
pub struct Error {
    kind: Box<ErrorKind>,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An option has a value tamis cannot use.
    InvalidOption {
        /// The option's name, as written in the JSON options.
        option: String,
        /// Why the value is refused.
        message: String,
    },
    /// The options could not be read as JSON.
    OptionsJson(String),
    /// A hash file (`tamis hash` output) cannot be used.
    HashFile {
        /// The line, from 1 (0 for the file as a whole).
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A salt that cannot be used (too short).
    Salt(String),
    /// A seed registry (written by `tamis seeds`) that cannot be used.
    SeedRegistry {
        /// The line, from 1 (0 for the file or the request as a whole).
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    /// Creates an error for an option that cannot be used.
    pub fn invalid_option(option: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            kind: Box::new(ErrorKind::InvalidOption {
                option: option.into(),
                message: message.into(),
            }),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// A short stable name for the error, used as the `name` of JS errors.
    pub fn name(&self) -> &'static str {
        match *self.kind {
            ErrorKind::InvalidOption { .. } => "TamisOptionError",
            ErrorKind::OptionsJson(_) => "TamisOptionError",
            ErrorKind::HashFile { .. } => "TamisHashFileError",
            ErrorKind::Salt(_) => "TamisSaltError",
            ErrorKind::SeedRegistry { .. } => "TamisSeedRegistryError",
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error {
            kind: Box::new(kind),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.kind {
            ErrorKind::InvalidOption { option, message } => {
                write!(f, "invalid option `{option}`: {message}")
            }
            ErrorKind::OptionsJson(msg) => write!(f, "options are not valid JSON: {msg}"),
            ErrorKind::HashFile { line: 0, message } => write!(f, "hash file: {message}"),
            ErrorKind::HashFile { line, message } => {
                write!(f, "hash file, line {line}: {message}")
            }
            ErrorKind::Salt(msg) => write!(f, "salt: {msg}"),
            ErrorKind::SeedRegistry { line: 0, message } => write!(f, "seed registry: {message}"),
            ErrorKind::SeedRegistry { line, message } => {
                write!(f, "seed registry, line {line}: {message}")
            }
        }
    }
}

impl std::error::Error for Error {}
