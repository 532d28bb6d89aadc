//! The native command line: argument parsing, errors and exit codes.
//!
//! Every subcommand lives in its own file and writes through [`Out`], so that a closed
//! stdout (`tamis preview big.csv --rows all | head`) ends the run quietly with exit
//! code 0, and every other failure prints `tamis: <message>` and exits with 2.

mod annotate;
mod audit;
mod hash;
mod input;
mod preview;
mod progress;
mod seeds;
mod serve;
mod text;

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tamis::demo::{DemoFile, DemoSpec};
use tamis::{Options, Role};

/// Audit a rented or bought prospect file (a CSV of contacts) locally: nothing is sent
/// anywhere.
#[derive(Debug, Parser)]
#[command(
    name = "tamis",
    version,
    propagate_version = true,
    max_term_width = 100
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show how tamis reads a file: encoding, delimiter, header, column roles, first rows.
    Preview(PreviewArgs),
    /// Audit a file: rows by status and every finding, rule by rule.
    Audit(Box<AuditArgs>),
    /// Serve the web page (www/ at /, pkg/ at /pkg/) on a local address.
    Serve(ServeArgs),
    /// Write a synthetic, messy French prospect file (Windows-1252, `;`, CRLF).
    DemoFile(DemoArgs),
    /// List the rules: code, severity and summary.
    Rules(RulesArgs),
    /// Hash a file's emails and phones: salted, to compare with a partner's file without
    /// showing it, or as an ad platform asks (one SHA-256 hex per line, no clear text).
    Hash(HashArgs),
    /// Owner seeds: make seed records derived from your secret for a recipient, or
    /// register seeds you have, in a registry of keyed hashes (no clear text).
    Seeds(seeds::SeedsArgs),
}

/// How to read the input (shared by `preview` and `audit`).
#[derive(Debug, Args)]
struct ReadArgs {
    /// Options as a JSON file (the library's `Options`); the flags below override it.
    #[arg(long, value_name = "JSON_FILE")]
    options: Option<PathBuf>,
    /// Force the delimiter: one character, or `tab`, `semicolon`, `comma`, `pipe`.
    #[arg(long, value_name = "C")]
    delimiter: Option<String>,
    /// Force the encoding (`UTF-8`, `windows-1252`, `UTF-16LE`, any WHATWG label).
    #[arg(long, value_name = "E")]
    encoding: Option<String>,
    /// The first line is data, not a header.
    #[arg(long, overrides_with = "header")]
    no_header: bool,
    /// The first line is a header.
    #[arg(long, overrides_with = "no_header")]
    header: bool,
    /// The audit date for date checks: `YYYY-MM-DD`, `today` (the default, in UTC,
    /// unless the options file sets one) or `none` (no date checks).
    #[arg(long, value_name = "DATE")]
    audit_date: Option<String>,
    /// Set a column's role: `--role "E-mail perso=email"`, `--role '#3=phone'`.
    #[arg(long = "role", value_name = "COLUMN=ROLE")]
    roles: Vec<String>,
}

#[derive(Debug, Args)]
struct PreviewArgs {
    /// The file to read (`-` for standard input).
    file: PathBuf,
    /// Print one JSON document instead of a table.
    #[arg(long)]
    json: bool,
    /// How many rows to show: a number or `all`.
    #[arg(long, value_name = "N|all", default_value = "10", value_parser = parse_rows)]
    rows: RowLimit,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Debug, Args)]
struct AuditArgs {
    /// The file to audit (`-` for standard input).
    file: PathBuf,
    /// Print the report as JSON (the golden-file format).
    #[arg(long)]
    json: bool,
    /// Also write an annotated copy: the original columns plus tamis_row, tamis_status,
    /// tamis_flags... (UTF-8, the input's delimiter, formulas neutralised).
    #[arg(long, value_name = "OUT.csv")]
    annotate: Option<PathBuf>,
    /// Also write the rows usable for the campaign's channel (those the usable funnel
    /// counts), original columns only (UTF-8, the input's delimiter, formulas neutralised).
    #[arg(long, value_name = "OUT.csv")]
    usable: Option<PathBuf>,
    /// Also write the audit certificate: the file's SHA-256, size and rows, the options,
    /// the score and the counts, without any personal data (JSON).
    #[arg(long, value_name = "OUT.json")]
    certificate: Option<PathBuf>,
    /// Your own customer file (any layout): rows of the audited file that are already
    /// customers get overlap.own; the report gives their count and cost.
    #[arg(long, value_name = "FILE")]
    own: Option<PathBuf>,
    /// A partner's hash file (`tamis hash --salt-file`): rows whose email or phone is in
    /// it get overlap.partner. Needs the same --salt-file.
    #[arg(long, value_name = "H", requires = "salt_file")]
    partner_hashes: Option<PathBuf>,
    /// The salt shared with the partner (for --partner-hashes).
    #[arg(long, value_name = "S", requires = "partner_hashes")]
    salt_file: Option<PathBuf>,
    /// Your seed registry (`tamis seeds`): rows that are your seeds get seed.registry and
    /// the report names the recipients the file was issued to. Needs --secret-file.
    #[arg(long, value_name = "R", requires = "secret_file")]
    seeds: Option<PathBuf>,
    /// The secret the registry was made with (for --seeds).
    #[arg(long, value_name = "K", requires = "seeds")]
    secret_file: Option<PathBuf>,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    campaign: CampaignArgs,
}

/// The planned campaign (overrides the options file's `campaign`).
#[derive(Debug, Args)]
struct CampaignArgs {
    /// Channel: email, sms, phone, postal, automated-call, fax.
    #[arg(long, value_name = "CHANNEL")]
    channel: Option<String>,
    /// Audience: auto (per row, from its signals), b2c or b2b.
    #[arg(long, value_name = "AUDIENCE")]
    audience: Option<String>,
    /// Campaign date `YYYY-MM-DD` (default: the audit date).
    #[arg(long = "date", value_name = "DATE")]
    campaign_date: Option<String>,
    /// Deal: rent, buy or exchange.
    #[arg(long, value_name = "DEAL")]
    deal: Option<String>,
    /// Total price of the file, EUR excluding VAT.
    #[arg(long, value_name = "EUR", conflicts_with = "cpm")]
    price: Option<f64>,
    /// Price per 1,000 records, EUR excluding VAT.
    #[arg(long, value_name = "EUR")]
    cpm: Option<f64>,
    /// Market band override, EUR per 1,000: `LOW-HIGH` (e.g. `150-400`).
    #[arg(long, value_name = "LOW-HIGH")]
    band: Option<String>,
    /// Opposition (suppression) list: one email, phone or SHA-256 hex per line.
    #[arg(long, value_name = "FILE")]
    opposition: Option<PathBuf>,
    /// The offer is energy renovation or home adaptation (consumer prospecting banned).
    #[arg(long)]
    sector_banned: bool,
    /// Switch an uncertain rule: `--rule phone_consent_one_year=on`.
    #[arg(long = "rule", value_name = "NAME=on|off")]
    rules: Vec<String>,
}

impl CampaignArgs {
    /// Applies the flags to `opts.campaign`.
    fn apply(&self, opts: &mut Options) -> Result<()> {
        let c = &mut opts.campaign;
        let enum_value = |flag: &str, v: &str| -> Result<serde_json::Value> {
            let _ = flag;
            Ok(serde_json::Value::String(v.trim().to_ascii_lowercase()))
        };
        if let Some(v) = &self.channel {
            c.channel = serde_json::from_value(enum_value("channel", v)?).map_err(|_| {
                Failure::msg(format!(
                    "--channel {v:?}: one of email, sms, phone, postal, automated-call, fax"
                ))
            })?;
        }
        if let Some(v) = &self.audience {
            c.audience = serde_json::from_value(enum_value("audience", v)?)
                .map_err(|_| Failure::msg(format!("--audience {v:?}: one of auto, b2c, b2b")))?;
        }
        if let Some(v) = &self.deal {
            c.deal = serde_json::from_value(enum_value("deal", v)?)
                .map_err(|_| Failure::msg(format!("--deal {v:?}: one of rent, buy, exchange")))?;
        }
        if let Some(d) = &self.campaign_date {
            c.date = Some(d.trim().to_string());
        }
        if let Some(p) = self.price {
            c.price = Some(p);
            c.cpm = None;
        }
        if let Some(p) = self.cpm {
            c.cpm = Some(p);
            c.price = None;
        }
        if let Some(b) = &self.band {
            let parsed = b
                .split_once('-')
                .and_then(|(lo, hi)| Some([lo.trim().parse().ok()?, hi.trim().parse().ok()?]));
            c.band = Some(parsed.ok_or_else(|| {
                Failure::msg(format!("--band {b:?}: expected LOW-HIGH, e.g. 150-400"))
            })?);
        }
        if self.sector_banned {
            c.sector_banned = true;
        }
        for spec in &self.rules {
            let (name, value) = spec
                .split_once('=')
                .ok_or_else(|| Failure::msg(format!("--rule {spec:?}: expected NAME=on|off")))?;
            let on = match value.trim() {
                "on" | "true" | "yes" | "1" => true,
                "off" | "false" | "no" | "0" => false,
                _ => {
                    return Err(Failure::msg(format!(
                        "--rule {spec:?}: the value is on or off"
                    )))
                }
            };
            c.rules.insert(name.trim().to_string(), on);
        }
        if let Some(path) = &self.opposition {
            let bytes = std::fs::read(path).map_err(|e| {
                Failure::io(
                    format_args!("cannot read opposition list {}", path.display()),
                    e,
                )
            })?;
            let text = match std::str::from_utf8(&bytes) {
                Ok(t) => t.to_string(),
                // Not UTF-8: a Windows export.
                Err(_) => bytes.iter().map(|&b| b as char).collect(),
            };
            c.opposition.extend(
                text.lines()
                    .map(|l| l.trim().trim_start_matches('\u{feff}').to_string())
                    .filter(|l| !l.is_empty()),
            );
        }
        opts.validate()?;
        Ok(())
    }
}

#[derive(Debug, Args)]
struct HashArgs {
    /// The file to read (`-` for standard input).
    file: PathBuf,
    /// The salt shared with your partner: a file of at least 16 bytes (one trailing
    /// line ending is ignored). Hashes are SHA-256(salt, 0, kind, 0, canonical key).
    #[arg(long, value_name = "S")]
    salt_file: Option<PathBuf>,
    /// Unsalted hashes following an ad platform's normalisation: google, meta, tiktok.
    #[arg(long, value_name = "P")]
    platform: Option<String>,
    /// Write the hashes to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "H")]
    out: Option<PathBuf>,
    /// Which keys to hash: email, phone or both.
    #[arg(long, value_name = "email|phone|both", default_value = "both")]
    kind: String,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Directory holding www/ and pkg/ (default: the source tree tamis was built from).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct DemoArgs {
    /// Number of data rows.
    #[arg(long, default_value_t = 1000)]
    rows: u64,
    /// The seed: the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct RulesArgs {
    /// Print the full registry as JSON (with French and English texts).
    #[arg(long)]
    json: bool,
}

/// `--rows`: a number or every row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowLimit {
    All,
    First(u64),
}

fn parse_rows(s: &str) -> std::result::Result<RowLimit, String> {
    if s.eq_ignore_ascii_case("all") {
        return Ok(RowLimit::All);
    }
    s.parse::<u64>()
        .map(RowLimit::First)
        .map_err(|_| format!("expected a number or `all`, not {s:?}"))
}

/// A failure of the command.
#[derive(Debug)]
pub struct Failure {
    message: String,
    broken_pipe: bool,
}

impl Failure {
    /// A failure with this message.
    pub fn msg(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            broken_pipe: false,
        }
    }

    /// An I/O error on `what` (`cannot read x.csv: ...`).
    pub fn io(what: impl fmt::Display, e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Failure {
                message: String::new(),
                broken_pipe: true,
            };
        }
        Failure::msg(format!("{what}: {e}"))
    }
}

impl From<tamis::Error> for Failure {
    fn from(e: tamis::Error) -> Failure {
        Failure::msg(e.to_string())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The result of a command.
pub type Result<T> = std::result::Result<T, Failure>;

/// Standard output, buffered; its errors become [`Failure`]s (a closed pipe is quiet).
pub struct Out {
    w: io::BufWriter<io::StdoutLock<'static>>,
}

impl Out {
    /// Locks standard output.
    pub fn new() -> Out {
        Out {
            w: io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
        }
    }

    /// Writes a string.
    pub fn put(&mut self, s: &str) -> Result<()> {
        self.w.write_all(s.as_bytes()).map_err(out_err)
    }

    /// Writes bytes.
    pub fn bytes(&mut self, b: &[u8]) -> Result<()> {
        self.w.write_all(b).map_err(out_err)
    }

    /// Flushes.
    pub fn flush(&mut self) -> Result<()> {
        self.w.flush().map_err(out_err)
    }
}

/// The error of a write to standard output.
pub fn out_err(e: io::Error) -> Failure {
    Failure::io("cannot write to standard output", e)
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    install_panic_hook();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) if f.broken_pipe => ExitCode::SUCCESS,
        Err(f) => {
            let _ = writeln!(io::stderr(), "tamis: {f}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Preview(a) => {
            let opts = a.read.options()?;
            preview::run(&a.file, opts, a.rows, a.json)
        }
        Command::Audit(a) => {
            let mut opts = a.read.options()?;
            a.campaign.apply(&mut opts)?;
            let refs = audit::references(
                a.own.as_deref(),
                a.partner_hashes.as_deref(),
                a.salt_file.as_deref(),
                &opts,
            )?;
            let mut refs = refs;
            if let (Some(r), Some(k)) = (a.seeds.as_deref(), a.secret_file.as_deref()) {
                let secret = seeds::secret(k)?;
                let text = std::fs::read_to_string(r)
                    .map_err(|e| Failure::msg(format!("cannot read {}: {e}", r.display())))?;
                let reg = tamis::seeds::SeedRegistry::parse(&text, secret)
                    .map_err(|e| Failure::msg(format!("--seeds {}: {e}", r.display())))?;
                refs.seeds = Some(reg);
            }
            let outs = audit::Outputs {
                annotate: a.annotate.as_deref(),
                usable: a.usable.as_deref(),
                certificate: a.certificate.as_deref(),
            };
            audit::run(&a.file, opts, refs, a.json, outs)
        }
        Command::Serve(a) => {
            let root = a
                .root
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
            serve::run(&a.addr, &root)
        }
        Command::DemoFile(a) => demo_file(a),
        Command::Hash(a) => {
            let hashing = hash::hashing(a.salt_file.as_deref(), a.platform.as_deref())?;
            let kinds = hash::kinds(&a.kind)?;
            let opts = a.read.options()?;
            hash::run(&a.file, opts, hashing, kinds, a.out.as_deref())
        }
        Command::Rules(a) => rules(a.json),
        Command::Seeds(a) => seeds::run(a),
    }
}

/// Adds `--role COLUMN=ROLE` specs to the options' roles.
fn apply_roles(specs: &[String], opts: &mut Options) -> Result<()> {
    for spec in specs {
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
    Ok(())
}

/// A panic is a bug: say so clearly and exit with 2 (it exits itself: whether the
/// build unwinds or aborts does not matter). A panic about a closed stdout exits 0.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if payload.contains("Broken pipe") || payload.contains("os error 32") {
            std::process::exit(0);
        }
        let _ = writeln!(
            io::stderr(),
            "tamis: internal error (a bug in tamis, please report it): {info}"
        );
        std::process::exit(2);
    }));
}

impl ReadArgs {
    /// The options: the JSON file's, then the flags.
    fn options(&self) -> Result<Options> {
        let mut opts = match &self.options {
            Some(path) => {
                let json = std::fs::read_to_string(path).map_err(|e| {
                    Failure::io(format_args!("cannot read options {}", path.display()), e)
                })?;
                Options::from_json(&json)
                    .map_err(|e| Failure::msg(format!("{}: {e}", path.display())))?
            }
            None => Options::default(),
        };
        if let Some(d) = &self.delimiter {
            opts.delimiter = Some(delimiter_name(d).to_string());
        }
        if let Some(e) = &self.encoding {
            opts.encoding = Some(e.clone());
        }
        if self.header {
            opts.header = Some(true);
        }
        if self.no_header {
            opts.header = Some(false);
        }
        match self.audit_date.as_deref().map(str::trim) {
            Some("none") => opts.audit_date = None,
            Some("today") => opts.audit_date = Some(today_utc()),
            Some(d) => opts.audit_date = Some(d.to_string()),
            None if opts.audit_date.is_none() => opts.audit_date = Some(today_utc()),
            None => {}
        }
        apply_roles(&self.roles, &mut opts)?;
        opts.validate()?;
        Ok(opts)
    }
}

/// Today's date in UTC, `YYYY-MM-DD` (the core reads no clock: the front-end does).
fn today_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a (year, month, day) date (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn delimiter_name(d: &str) -> &str {
    match d.to_ascii_lowercase().as_str() {
        "tab" | "\\t" => "\t",
        "semicolon" => ";",
        "comma" => ",",
        "pipe" => "|",
        "space" => " ",
        _ => d,
    }
}

fn parse_role(name: &str) -> Option<Role> {
    let name = name.to_ascii_lowercase().replace('-', "_");
    Role::ALL.iter().copied().find(|r| r.as_str() == name)
}

fn role_names() -> String {
    Role::ALL
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn demo_file(a: DemoArgs) -> Result<()> {
    let mut file = DemoFile::new(DemoSpec {
        rows: a.rows,
        seed: a.seed,
    });
    match a.output {
        Some(path) => {
            let mut out = annotate::AtomicFile::create(&path)?;
            while let Some(chunk) = file.next_chunk() {
                out.write_all(&chunk)?;
                // Planted defects are not needed here: keep memory flat.
                file.take_planted();
            }
            out.commit()
        }
        None => {
            let mut out = Out::new();
            while let Some(chunk) = file.next_chunk() {
                out.bytes(&chunk)?;
                file.take_planted();
            }
            out.flush()
        }
    }
}

fn rules(json: bool) -> Result<()> {
    let mut all: Vec<&tamis::Rule> = tamis::rules::all().collect();
    all.sort_by_key(|r| r.code);
    let mut out = Out::new();
    if json {
        let mut s = serde_json::to_string_pretty(&all).map_err(|e| Failure::msg(e.to_string()))?;
        s.push('\n');
        out.put(&s)?;
    } else {
        let w = all.iter().map(|r| r.code.len()).max().unwrap_or(0);
        for r in &all {
            out.put(&format!(
                "{:<w$}  {:<7}  {}\n",
                r.code,
                text::severity(r.severity),
                r.summary.en
            ))?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_819), (2027, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(today_utc().len(), 10);
    }

    #[test]
    fn role_and_delimiter_names() {
        assert_eq!(parse_role("first-name"), Some(Role::FirstName));
        assert_eq!(parse_role("EMAIL"), Some(Role::Email));
        assert_eq!(parse_role("nope"), None);
        assert_eq!(delimiter_name("TAB"), "\t");
        assert_eq!(delimiter_name(";"), ";");
    }

    #[test]
    fn clap_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
