//! Helpers shared by the integration tests: fixtures, auditing in chunks, byte offsets.
//!
//! Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tamis::{Auditor, Options, Preview, Report, RowSink, RowView};

/// Files in `tests/fixtures/` that are not fixtures (nor are dotfiles such as `.gitattributes`).
pub const NOT_FIXTURES: &[&str] = &["make.py", "README.md"];

/// Runs the `tamis` binary with `args`, no standard input; returns its output.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tamis"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("tamis runs")
}

/// A path as a command argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// Writes `bytes` to `dir/name`; returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("temp file written");
    p
}

/// `tests/fixtures/`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// `tests/golden/`.
pub fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
}

/// The file names of every fixture, sorted.
pub fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures/ exists")
        .map(|e| e.expect("readable directory entry"))
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| e.file_name().into_string().expect("UTF-8 file name"))
        .filter(|n| !n.starts_with('.') && !NOT_FIXTURES.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

/// A fixture's bytes.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = fixtures_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run `python3 tests/fixtures/make.py`)",
            path.display()
        )
    })
}

/// A fixture's name without its last extension: the golden file is `<stem>.report.json`.
pub fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// A sink that checks what a `RowSink` is told and keeps a digest of it.
#[derive(Default)]
pub struct Recorder {
    /// `header` calls seen.
    pub headers: usize,
    /// One line per row: number, line, byte, status, flags and fields.
    pub rows: Vec<String>,
}

impl RowSink for Recorder {
    fn header(&mut self, _header: &tamis::HeaderView<'_>) {
        self.headers += 1;
    }

    fn row(&mut self, row: &RowView<'_>) {
        assert_eq!(row.len(), row.fields().count());
        let fields: Vec<&str> = row.fields().collect();
        self.rows.push(format!(
            "{:?} {} {} {} {:?} {:?}",
            row.position.row,
            row.position.line,
            row.position.byte,
            row.status.as_str(),
            row.flags,
            fields
        ));
    }
}

/// Everything an audit produces, to compare two ways of feeding the same bytes.
#[derive(Debug, PartialEq)]
pub struct Outcome {
    /// `Report::to_json_pretty()`.
    pub json: String,
    /// The preview, as JSON.
    pub preview: String,
    /// What the sink saw.
    pub sink: Vec<String>,
    /// How many times the sink's `header` was called.
    pub headers: usize,
}

/// Audits `bytes` split at the given offsets (sorted, inside the input), with `opts`.
pub fn audit_split(bytes: &[u8], cuts: &[usize], opts: &Options) -> (Report, Outcome) {
    let mut auditor = Auditor::new(opts.clone()).expect("valid options");
    let mut sink = Recorder::default();
    let mut from = 0;
    for &cut in cuts {
        let cut = cut.clamp(from, bytes.len());
        auditor.feed_with(&bytes[from..cut], &mut sink);
        from = cut;
    }
    auditor.feed_with(&bytes[from..], &mut sink);
    assert_eq!(auditor.bytes_fed(), bytes.len() as u64);
    let (report, preview) = auditor.finish_with_preview(&mut sink);
    let outcome = Outcome {
        json: report.to_json_pretty(),
        preview: serde_json::to_string_pretty(&preview).expect("preview serialises"),
        sink: sink.rows,
        headers: sink.headers,
    };
    (report, outcome)
}

/// Audits `bytes` fed in chunks of `size` bytes.
pub fn audit_chunked(bytes: &[u8], size: usize, opts: &Options) -> (Report, Outcome) {
    assert!(size > 0);
    let cuts: Vec<usize> = (1..)
        .map(|i| i * size)
        .take_while(|&c| c < bytes.len())
        .collect();
    audit_split(bytes, &cuts, opts)
}

/// Audits `bytes` in one `feed` with the default options.
pub fn audit(bytes: &[u8]) -> Report {
    audit_with(bytes, &Options::default())
}

/// Audits `bytes` in one `feed`.
pub fn audit_with(bytes: &[u8], opts: &Options) -> Report {
    let mut auditor = Auditor::new(opts.clone()).expect("valid options");
    auditor.feed(bytes);
    auditor.finish()
}

/// Audits `bytes` in one `feed` and returns the preview too.
pub fn audit_preview(bytes: &[u8]) -> (Report, Option<Preview>) {
    let mut auditor = Auditor::new(Options::default()).expect("valid options");
    auditor.feed(bytes);
    auditor.finish_with_preview(&mut Recorder::default())
}

/// The offset of the first occurrence of `needle` in `haystack`.
pub fn offset_of(haystack: &[u8], needle: &[u8]) -> u64 {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap_or_else(|| panic!("{:?} not found", String::from_utf8_lossy(needle))) as u64
}

/// The physical line (from 1) of `offset`, counting LF, CRLF and lone CR as line ends.
pub fn line_at(bytes: &[u8], offset: u64) -> u64 {
    let head = &bytes[..offset as usize];
    let mut line = 1;
    for (i, &b) in head.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
    }
    line
}

/// Encodes text as UTF-16LE (no BOM).
pub fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Encodes text as UTF-16BE (no BOM).
pub fn utf16be(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

/// Encodes text as Windows-1252 (panics on a character it lacks).
pub fn cp1252(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(s);
    assert!(!unmappable, "{s:?} is not Windows-1252");
    bytes.into_owned()
}

/// The (row, line, byte) of every example of `code`.
pub fn examples(report: &Report, code: &str) -> Vec<(Option<u64>, u64, u64)> {
    report
        .finding(code)
        .map(|f| {
            f.examples
                .iter()
                .map(|e| (e.position.row, e.position.line, e.position.byte))
                .collect()
        })
        .unwrap_or_default()
}

/// The finding codes of a report.
pub fn codes(report: &Report) -> Vec<&str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

/// The roles of the columns, as written in JSON.
pub fn roles(report: &Report) -> Vec<&'static str> {
    report
        .input
        .columns
        .iter()
        .map(|c| c.role.as_str())
        .collect()
}

/// Runs `f` on every input of `cases` and fails listing every case whose result differs
/// from the expected one, with its input, what was expected and what was got.
///
/// Results are compared by their `Debug` text, so that an expected `Option<&str>` can be
/// compared with a computed `Option<String>` (they print the same) without converting
/// every line of a table.
pub fn table<I: std::fmt::Debug, E: std::fmt::Debug, G: std::fmt::Debug>(
    area: &str,
    cases: &[(I, E)],
    f: impl Fn(&I) -> G,
) {
    let mut failures = Vec::new();
    for (input, expected) in cases {
        let got = f(input);
        let (want, have) = (format!("{expected:?}"), format!("{got:?}"));
        if want != have {
            failures.push(format!(
                "  input {input:?}\n    expected {want}\n    got      {have}"
            ));
        }
    }
    println!("{area}: {} cases", cases.len());
    assert!(
        failures.is_empty(),
        "{area}: {} of {} cases fail\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
