//! `tamis seeds`: the owner's side of seeds. `make` writes seed records derived from a
//! secret and a recipient and registers them; `add` registers seed addresses the owner
//! already has. The registry holds keyed hashes, recipients and dates, never an address
//! (see `src/seeds.rs`).
//!
//! The registry is read and validated first, then rewritten atomically with the new
//! lines appended (its existing lines, comments included, are kept byte for byte); the
//! seed file goes to `--out` (atomically) or standard output; a summary goes to
//! standard error.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use tamis::keys::{KeyKind, MIN_SALT_LEN};
use tamis::seeds::{
    check_count, check_date, check_recipient, encode_seed_file, make_seeds, parse_mailbox,
    registry_text, LikeError, LikeFile, RegistryUpdate, Secret, SeedLayout, SeedList, SeedSpec,
};
use tamis::{ErrorKind, Options};

use super::annotate::AtomicFile;
use super::input::{Input, CHUNK};
use super::text::thousands;
use super::{delimiter_name, today_utc, Failure, Out, Result};

/// `tamis seeds`.
#[derive(Debug, Args)]
pub struct SeedsArgs {
    #[command(subcommand)]
    command: SeedsCommand,
}

#[derive(Debug, Subcommand)]
enum SeedsCommand {
    /// Write seed records for a recipient (realistic French consumers whose mail comes
    /// to you), derived from your secret, and register them.
    Make(MakeArgs),
    /// Register seed addresses or numbers you already have, for a recipient.
    Add(AddArgs),
}

/// What `make` and `add` share.
#[derive(Debug, Args)]
struct Common {
    /// Your secret: a file of at least 16 bytes (one trailing line ending is ignored).
    /// Keep it: without it the registry is useless.
    #[arg(long, value_name = "K")]
    secret_file: PathBuf,
    /// Who the file is issued to (any name without tabs or line breaks).
    #[arg(long, value_name = "NAME")]
    recipient: String,
    /// The registry to append to (created if missing): keyed hashes, recipients and
    /// dates, no clear text.
    #[arg(long, value_name = "R")]
    registry: PathBuf,
    /// The date of issue, `YYYY-MM-DD` (default: today, in UTC).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
}

#[derive(Debug, Args)]
struct MakeArgs {
    #[command(flatten)]
    common: Common,
    /// How many seeds (the same secret and recipient give the same first N).
    #[arg(long, value_name = "N")]
    count: u32,
    /// Where their mail goes: a domain you control with a catch-all
    /// (`seeds.example.fr`), or `mailbox+@domain` for `+` aliases of one mailbox.
    #[arg(long, value_name = "D")]
    domain: String,
    /// Give the seeds phone numbers in the ranges reserved for fiction (nobody real is
    /// called; audits flag them as phone.fiction).
    #[arg(long)]
    phones: bool,
    /// Write the seeds in this CSV's layout: its delimiter, header, encoding
    /// (windows-1252 or UTF-8) and columns, by role; other columns stay empty.
    #[arg(long, value_name = "FILE")]
    like: Option<PathBuf>,
    /// No header line (rows to append to a file).
    #[arg(long)]
    rows_only: bool,
    /// Write the seed file to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "OUT")]
    out: Option<PathBuf>,
    #[command(flatten)]
    read: LikeRead,
}

/// How to read `--like` (by default its delimiter, encoding and roles are detected).
#[derive(Debug, Args)]
#[command(next_help_heading = "Reading --like")]
struct LikeRead {
    /// Force the delimiter: one character, or `tab`, `semicolon`, `comma`, `pipe`.
    #[arg(long, value_name = "C", requires = "like")]
    delimiter: Option<String>,
    /// Force the encoding (`UTF-8`, `windows-1252`, any WHATWG label).
    #[arg(long, value_name = "E", requires = "like")]
    encoding: Option<String>,
    /// Set a column's role: `--role "E-mail perso=email"`, `--role '#3=phone'`.
    #[arg(long = "role", value_name = "COLUMN=ROLE", requires = "like")]
    roles: Vec<String>,
}

impl LikeRead {
    fn options(&self) -> Result<Options> {
        let mut opts = Options {
            delimiter: self
                .delimiter
                .as_deref()
                .map(|d| delimiter_name(d).to_string()),
            encoding: self.encoding.clone(),
            preview_rows: 0,
            duplicates: false,
            audit_date: None,
            ..Options::default()
        };
        super::apply_roles(&self.roles, &mut opts)?;
        opts.validate()?;
        Ok(opts)
    }
}

#[derive(Debug, Args)]
struct AddArgs {
    #[command(flatten)]
    common: Common,
    /// Seed email addresses: one per line (blank lines and `#` comments ignored).
    #[arg(long, value_name = "FILE", required_unless_present = "phones")]
    emails: Option<PathBuf>,
    /// Seed phone numbers: one per line (blank lines and `#` comments ignored).
    #[arg(long, value_name = "FILE")]
    phones: Option<PathBuf>,
}

/// Runs `tamis seeds`.
pub fn run(args: SeedsArgs) -> Result<()> {
    match args.command {
        SeedsCommand::Make(a) => make(a),
        SeedsCommand::Add(a) => add(a),
    }
}

/// The secret of `--secret-file`.
pub fn secret(path: &Path) -> Result<Secret> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::msg(format!("cannot read secret file {}: {e}", path.display())))?;
    Secret::new(&bytes).map_err(|e| {
        let why = match e.kind() {
            ErrorKind::Salt(m) => m.clone(),
            _ => e.to_string(),
        };
        Failure::msg(format!(
            "secret file {}: {why} (make one of {MIN_SALT_LEN} bytes or more with, for \
             example: head -c 32 /dev/urandom | base64 > {}, and keep it safe)",
            path.display(),
            path.display()
        ))
    })
}

/// The registry on disk: its path and the update (see [`RegistryUpdate`]).
struct OnDisk {
    path: PathBuf,
    update: RegistryUpdate,
}

impl OnDisk {
    fn open(path: &Path, secret: Secret) -> Result<OnDisk> {
        let bytes = match std::fs::read(path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(Failure::msg(format!(
                    "cannot read registry {}: {e}",
                    path.display()
                )))
            }
        };
        let text = bytes
            .as_deref()
            .map(registry_text)
            .transpose()
            .map_err(|m| Failure::msg(format!("{}: {m}", path.display())))?;
        let update = RegistryUpdate::open(text, secret)
            .map_err(|e| Failure::msg(format!("{}: {e}", path.display())))?;
        Ok(OnDisk {
            path: path.to_path_buf(),
            update,
        })
    }

    /// Rewrites the registry with the new lines appended (nothing to do without any).
    fn save(&self) -> Result<()> {
        if !self.update.changed() {
            return Ok(());
        }
        let mut f = AtomicFile::create(&self.path)?;
        f.write_all(self.update.to_text().as_bytes())?;
        f.commit()
    }

    fn summary(&self) -> String {
        let registry = self.update.registry();
        let recipients = registry.recipients().len();
        format!(
            "tamis: registry {}: {} added, {} already there; {} in all, {} {}\n",
            self.path.display(),
            plural(self.update.added() as u64, "key", "keys"),
            thousands(self.update.already()),
            plural(registry.len() as u64, "line", "lines"),
            thousands(recipients as u64),
            if recipients == 1 {
                "recipient"
            } else {
                "recipients"
            },
        )
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `--recipient` and `--date`, checked.
fn recipient_and_date(c: &Common) -> Result<(String, String)> {
    let recipient = check_recipient(&c.recipient)
        .map_err(|m| Failure::msg(format!("--recipient: {m}")))?
        .to_string();
    let date = match &c.date {
        Some(d) => check_date(d)
            .map_err(|m| Failure::msg(format!("--date {m}")))?
            .to_string(),
        None => today_utc(),
    };
    Ok((recipient, date))
}

/// The layout of `--like`, and whether to write windows-1252.
fn like_layout(path: &Path, read: &LikeRead) -> Result<(SeedLayout, bool)> {
    let mut like = LikeFile::new(read.options()?)?;
    let mut input = Input::open(path)?;
    let mut buf = vec![0u8; CHUNK];
    while !like.done() {
        let n = input
            .read(&mut buf)
            .map_err(|e| Failure::msg(format!("cannot read {}: {e}", input.name)))?;
        if n == 0 {
            break;
        }
        like.feed(&buf[..n]);
    }
    like.finish().map_err(|e| match e {
        LikeError::NoColumns => Failure::msg(format!(
            "{}: no columns found (it is empty or not a text file)",
            input.name
        )),
        LikeError::NoEmail => Failure::msg(format!(
            "{} has no email column for the seeds' addresses; name one with --role \
             COLUMN=email",
            input.name
        )),
    })
}

fn make(a: MakeArgs) -> Result<()> {
    let (recipient, date) = recipient_and_date(&a.common)?;
    check_count(a.count).map_err(|m| Failure::msg(format!("--count {m}")))?;
    let mailbox = parse_mailbox(&a.domain).map_err(|m| Failure::msg(format!("--domain {m}")))?;
    let secret = secret(&a.common.secret_file)?;
    let (mut layout, cp1252) = match &a.like {
        Some(p) => like_layout(p, &a.read)?,
        None => (SeedLayout::french(a.phones), false),
    };
    if a.rows_only {
        layout.header = None;
    }
    let mut disk = OnDisk::open(&a.common.registry, secret.clone())?;
    let spec = SeedSpec {
        recipient: recipient.clone(),
        count: a.count,
        mailbox: mailbox.clone(),
        phones: a.phones,
    };
    let seeds = make_seeds(&secret, &spec, Some(disk.update.registry()))?;
    let phones = disk.update.add_seeds(&seeds, &recipient, &date)?;
    // The registry first: a seed file must never go out unregistered.
    disk.save()?;

    let text = layout.to_csv(&seeds, &date);
    let mut note = String::new();
    let (bytes, unmappable) = encode_seed_file(text, cp1252);
    if unmappable {
        note.push_str("tamis: some characters have no windows-1252 form: the seed file is UTF-8\n");
    }
    let dest = a.out.as_deref().filter(|p| p.as_os_str() != "-");
    match dest {
        Some(p) => {
            let mut f = AtomicFile::create(p)?;
            f.write_all(&bytes)?;
            f.commit()?;
        }
        None => {
            let mut out = Out::new();
            out.bytes(&bytes)?;
            out.flush()?;
        }
    }
    if a.phones && !layout.has_phone() {
        note.push_str(
            "tamis: the layout has no phone column: the phones are registered but not written\n",
        );
    }
    let summary = format!(
        "tamis: {} for {recipient:?} written to {} (emails on {}{}), issued {date}\n{}{note}",
        plural(seeds.len() as u64, "seed", "seeds"),
        dest.map_or_else(
            || "standard output".to_string(),
            |p| p.display().to_string()
        ),
        mailbox.domain(),
        if a.phones {
            format!(", {} in fiction ranges", plural(phones, "phone", "phones"))
        } else {
            String::new()
        },
        disk.summary(),
    );
    let _ = io::stderr().write_all(summary.as_bytes());
    Ok(())
}

/// A list file's checked values.
fn list_file(kind: KeyKind, path: &Path) -> Result<SeedList> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::msg(format!("cannot read {}: {e}", path.display())))?;
    SeedList::read(kind, &path.display().to_string(), &bytes).map_err(Failure::msg)
}

fn add(a: AddArgs) -> Result<()> {
    let (recipient, date) = recipient_and_date(&a.common)?;
    let secret = secret(&a.common.secret_file)?;
    // Read and check the lists before touching the registry.
    let mut keys_found: Vec<(KeyKind, String)> = Vec::new();
    let mut notes = String::new();
    let mut counts = Vec::new();
    for (kind, path) in [(KeyKind::Email, &a.emails), (KeyKind::Phone, &a.phones)] {
        let Some(path) = path else { continue };
        let list = list_file(kind, path)?;
        if let Some(note) = list.note(&path.display().to_string()) {
            notes.push_str(&format!("tamis: {note}\n"));
        }
        counts.push(plural(
            list.keys.len() as u64,
            list.what(),
            list.what_plural(),
        ));
        keys_found.extend(list.keys.into_iter().map(|k| (kind, k)));
    }
    let mut disk = OnDisk::open(&a.common.registry, secret)?;
    for (kind, key) in &keys_found {
        disk.update.add(*kind, key, &recipient, &date)?;
    }
    disk.save()?;
    let summary = format!(
        "{notes}tamis: {} registered for {recipient:?}, issued {date}\n{}",
        counts.join(" and "),
        disk.summary()
    );
    let _ = io::stderr().write_all(summary.as_bytes());
    Ok(())
}
