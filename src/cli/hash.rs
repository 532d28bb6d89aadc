//! `tamis hash`: one hash per canonical email and per E.164 phone of a file, sorted and
//! deduplicated, salted for an exchange with a partner or as an ad platform asks.
//!
//! The output holds no clear text: a first line naming the normalisation, then one
//! lower-case SHA-256 hex per line (`\n`). It goes to `--out` (written atomically) or to
//! standard output; a summary of counts goes to standard error.

use std::io::{self, Write};
use std::path::Path;

use tamis::keys::{self, HashSetBuilder, Hashing, Kinds, Platform, Region, Salt, MIN_SALT_LEN};
use tamis::{Auditor, ErrorKind, Options};

use super::annotate::AtomicFile;
use super::input::{feed_all, Input, Sink};
use super::progress::Progress;
use super::text::thousands;
use super::{out_err, Failure, Out, Result};

impl Sink for HashSetBuilder {}

/// What `--salt-file` and `--platform` asked for, checked.
pub fn hashing(salt_file: Option<&Path>, platform: Option<&str>) -> Result<Hashing> {
    let names = || {
        Platform::ALL
            .iter()
            .map(|p| p.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (salt_file, platform) {
        (Some(_), Some(_)) => Err(Failure::msg(
            "give --salt-file or --platform, not both: a salted hash is for a partner who \
             shares the salt, a platform hash is unsalted",
        )),
        (None, None) => Err(Failure::msg(format!(
            "give --salt-file S (salted hashes to compare with a partner's) or --platform P \
             (an ad platform's unsalted hashes; P is one of {})",
            names()
        ))),
        (None, Some(p)) => Platform::from_name(p)
            .map(Hashing::Platform)
            .ok_or_else(|| Failure::msg(format!("--platform {p:?}: one of {}", names()))),
        (Some(path), None) => {
            let bytes = std::fs::read(path).map_err(|e| {
                Failure::msg(format!("cannot read salt file {}: {e}", path.display()))
            })?;
            Salt::new(&bytes).map(Hashing::Salted).map_err(|e| {
                let why = match e.kind() {
                    ErrorKind::Salt(m) => m.clone(),
                    _ => e.to_string(),
                };
                Failure::msg(format!(
                    "salt file {}: {why} (make one of {MIN_SALT_LEN} bytes or more with, for \
                     example: head -c 32 /dev/urandom | base64 > {})",
                    path.display(),
                    path.display()
                ))
            })
        }
    }
}

/// `--kind`.
pub fn kinds(name: &str) -> Result<Kinds> {
    Kinds::from_name(name)
        .ok_or_else(|| Failure::msg(format!("--kind {name:?}: one of email, phone, both")))
}

/// Runs the command.
pub fn run(
    path: &Path,
    opts: Options,
    hashing: Hashing,
    kinds: Kinds,
    out: Option<&Path>,
) -> Result<()> {
    let header = hashing.header();
    let mut auditor = Auditor::new(opts)?;
    let mut input = Input::open(path)?;
    let mut progress = Progress::new(input.size);
    let mut builder = HashSetBuilder::new(hashing, kinds, Region::France);
    feed_all(&mut auditor, &mut input, &mut builder, &mut progress)?;
    auditor.finish_with(&mut builder);
    progress.finish();
    if builder.email_columns().is_empty() && builder.phone_columns().is_empty() {
        let what = match kinds {
            Kinds::Email => "email column",
            Kinds::Phone => "phone column",
            Kinds::Both => "email or phone column",
        };
        let why = if builder.header_seen() {
            "; name one with --role COLUMN=email or --role COLUMN=phone"
        } else {
            " (it is empty or not a text file)"
        };
        return Err(Failure::msg(format!("{} has no {what}{why}", input.name)));
    }
    let set = builder.finish();

    let write = |w: &mut dyn Write| -> io::Result<()> {
        w.write_all(b"# ")?;
        w.write_all(header.as_bytes())?;
        w.write_all(b"\n")?;
        let mut buf = [0u8; 64];
        for d in &set.digests {
            w.write_all(keys::hex_into(d, &mut buf).as_bytes())?;
            w.write_all(b"\n")?;
        }
        Ok(())
    };
    let dest = out.filter(|p| p.as_os_str() != "-");
    match dest {
        Some(p) => {
            let mut file = AtomicFile::create(p)?;
            write(&mut file)
                .map_err(|e| Failure::msg(format!("cannot write {}: {e}", p.display())))?;
            file.commit()?;
        }
        None => {
            let mut out = Out::new();
            write(&mut out.w).map_err(out_err)?;
            out.flush()?;
        }
    }

    let s = set.stats;
    let n = |count: u64, one: &str, many: &str| {
        format!(
            "{} {}",
            thousands(count),
            if count == 1 { one } else { many }
        )
    };
    let summary = format!(
        "tamis: {} written to {}: {} and {} hashed, {} removed\n\
         tamis: {} read, {} without a valid email or phone; {} not a valid email or phone\n\
         tamis: rule: {header}\n",
        n(set.digests.len() as u64, "distinct hash", "distinct hashes"),
        dest.map_or_else(
            || "standard output".to_string(),
            |p| p.display().to_string()
        ),
        n(s.emails, "email", "emails"),
        n(s.phones, "phone", "phones"),
        n(s.duplicates, "duplicate", "duplicates"),
        n(s.rows, "row", "rows"),
        thousands(s.rows_without_key),
        n(s.invalid, "value", "values"),
    );
    let _ = io::stderr().write_all(summary.as_bytes());
    Ok(())
}
