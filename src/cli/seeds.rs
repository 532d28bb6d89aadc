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
use tamis::keys::{self, KeyKind, Region, MIN_SALT_LEN};
use tamis::seeds::{
    check_recipient, make_seeds, valid_date, LayoutSink, Mailbox, Secret, SeedLayout, SeedRegistry,
    SeedSpec, MAX_SEEDS,
};
use tamis::{Auditor, ErrorKind, Options};

use super::annotate::AtomicFile;
use super::input::{feed_all, Input, Sink};
use super::progress::Progress;
use super::text::thousands;
use super::{delimiter_name, parse_role, role_names, today_utc, Failure, Out, Result};

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
        for spec in &self.roles {
            let (column, role) = spec
                .rsplit_once('=')
                .ok_or_else(|| Failure::msg(format!("--role {spec:?}: expected COLUMN=ROLE")))?;
            let role = parse_role(role.trim()).ok_or_else(|| {
                Failure::msg(format!(
                    "--role {spec:?}: unknown role {role:?}; roles: {}",
                    role_names()
                ))
            })?;
            opts.roles.insert(column.trim().to_string(), role);
        }
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

/// The registry on disk: its text (`None` when the file does not exist) and contents.
struct OnDisk {
    path: PathBuf,
    text: Option<String>,
    registry: SeedRegistry,
    added: Vec<String>,
    already: u64,
}

impl OnDisk {
    fn open(path: &Path, secret: Secret) -> Result<OnDisk> {
        let text = match std::fs::read(path) {
            Ok(b) => Some(String::from_utf8(b).map_err(|_| {
                Failure::msg(format!(
                    "{}: not a seed registry (not UTF-8 text)",
                    path.display()
                ))
            })?),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(Failure::msg(format!(
                    "cannot read registry {}: {e}",
                    path.display()
                )))
            }
        };
        let registry = SeedRegistry::parse(text.as_deref().unwrap_or(""), secret)
            .map_err(|e| Failure::msg(format!("{}: {e}", path.display())))?;
        Ok(OnDisk {
            path: path.to_path_buf(),
            text,
            registry,
            added: Vec::new(),
            already: 0,
        })
    }

    fn add(&mut self, kind: KeyKind, key: &str, recipient: &str, date: &str) -> Result<()> {
        match self.registry.add(kind, key, recipient, date)? {
            Some(line) => self.added.push(line.to_line()),
            None => self.already += 1,
        }
        Ok(())
    }

    /// Rewrites the registry with the new lines appended (nothing to do without any).
    fn save(&self) -> Result<()> {
        if self.added.is_empty() && self.text.is_some() {
            return Ok(());
        }
        let mut s = match self.text.as_deref() {
            Some(t) if !t.trim().is_empty() => {
                let mut t = t.to_string();
                if !t.ends_with('\n') {
                    t.push('\n');
                }
                t
            }
            _ => self.registry.preamble(),
        };
        for l in &self.added {
            s.push_str(l);
            s.push('\n');
        }
        let mut f = AtomicFile::create(&self.path)?;
        f.write_all(s.as_bytes())?;
        f.commit()
    }

    fn summary(&self) -> String {
        let recipients = self.registry.recipients().len();
        format!(
            "tamis: registry {}: {} added, {} already there; {} in all, {} {}\n",
            self.path.display(),
            plural(self.added.len() as u64, "key", "keys"),
            thousands(self.already),
            plural(self.registry.len() as u64, "line", "lines"),
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
        Some(d) => d.trim().to_string(),
        None => today_utc(),
    };
    if !valid_date(&date) {
        return Err(Failure::msg(format!(
            "--date {date:?}: expected a date written YYYY-MM-DD"
        )));
    }
    Ok((recipient, date))
}

impl Sink for LayoutSink {
    fn done(&self) -> bool {
        self.layout.is_some()
    }
}

/// The layout of `--like`, and whether to write windows-1252.
fn like_layout(path: &Path, read: &LikeRead) -> Result<(SeedLayout, bool)> {
    let opts = read.options()?;
    let mut auditor = Auditor::new(opts)?;
    let mut input = Input::open(path)?;
    let mut sink = LayoutSink::default();
    feed_all(&mut auditor, &mut input, &mut sink, &mut Progress::off())?;
    let report = auditor.finish_with(&mut sink);
    let mut layout = sink.layout.ok_or_else(|| {
        Failure::msg(format!(
            "{}: no columns found (it is empty or not a text file)",
            input.name
        ))
    })?;
    if !layout.has_email() {
        return Err(Failure::msg(format!(
            "{} has no email column for the seeds' addresses; name one with --role \
             COLUMN=email",
            input.name
        )));
    }
    layout.crlf = report.input.line_ending.as_deref() != Some("LF");
    let cp1252 = report.input.encoding.as_deref() == Some("windows-1252");
    Ok((layout, cp1252))
}

fn make(a: MakeArgs) -> Result<()> {
    let (recipient, date) = recipient_and_date(&a.common)?;
    if a.count == 0 || a.count > MAX_SEEDS {
        return Err(Failure::msg(format!(
            "--count {}: between 1 and {MAX_SEEDS}",
            a.count
        )));
    }
    let mailbox = Mailbox::parse(&a.domain).map_err(|e| {
        let why = match e.kind() {
            ErrorKind::InvalidOption { message, .. } => message.clone(),
            _ => e.to_string(),
        };
        Failure::msg(format!("--domain {why}"))
    })?;
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
    let seeds = make_seeds(&secret, &spec, Some(&disk.registry))?;
    let mut phones = 0u64;
    for s in &seeds {
        for (kind, key) in s.keys() {
            phones += u64::from(kind == KeyKind::Phone);
            disk.add(kind, &key, &recipient, &date)?;
        }
    }
    // The registry first: a seed file must never go out unregistered.
    disk.save()?;

    let text = layout.to_csv(&seeds, &date);
    let mut note = String::new();
    let bytes = if cp1252 {
        let (b, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        if unmappable {
            note.push_str(
                "tamis: some characters have no windows-1252 form: the seed file is UTF-8\n",
            );
            text.into_bytes()
        } else {
            b.into_owned()
        }
    } else {
        text.into_bytes()
    };
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

/// The values of a list file: `(line number, value)`, blank lines and `#` comments
/// skipped. Not UTF-8: read as Latin-1 (a Windows export).
fn list_file(path: &Path) -> Result<Vec<(usize, String)>> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::msg(format!("cannot read {}: {e}", path.display())))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    };
    Ok(text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim().trim_start_matches('\u{feff}').trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n, l.to_string()))
        .collect())
}

/// `3, 7, 12` (at most 20 numbers, then `...`).
fn line_list(lines: &[usize]) -> String {
    let mut s = lines
        .iter()
        .take(20)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if lines.len() > 20 {
        s.push_str(", ...");
    }
    s
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
        let what = match kind {
            KeyKind::Email => "email address",
            KeyKind::Phone => "phone number",
        };
        let mut bad = Vec::new();
        let mut good = 0u64;
        for (n, value) in list_file(path)? {
            let key = match kind {
                KeyKind::Email => keys::canonical_email(&value),
                KeyKind::Phone => keys::canonical_phone(&value, Region::France),
            };
            match key {
                Some(k) => {
                    good += 1;
                    keys_found.push((kind, k));
                }
                None => bad.push(n),
            }
        }
        if good == 0 {
            let why = if bad.is_empty() {
                "it is empty".to_string()
            } else {
                format!("not valid on line {}", line_list(&bad))
            };
            return Err(Failure::msg(format!(
                "{}: no valid {what} ({why})",
                path.display()
            )));
        }
        if !bad.is_empty() {
            notes.push_str(&format!(
                "tamis: {}: {} skipped, not a valid {what}: line {}\n",
                path.display(),
                bad.len(),
                line_list(&bad)
            ));
        }
        counts.push(plural(
            good,
            what,
            match kind {
                KeyKind::Email => "email addresses",
                KeyKind::Phone => "phone numbers",
            },
        ));
    }
    let mut disk = OnDisk::open(&a.common.registry, secret)?;
    for (kind, key) in &keys_found {
        disk.add(*kind, key, &recipient, &date)?;
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
