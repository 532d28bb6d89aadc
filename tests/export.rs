//! The exports: the usable-rows CSV (only the rows the funnel counts usable, original
//! columns, formulas neutralised), the same bytes whatever the chunking, the audit
//! certificate (no cell value of the file, no column name), and the CLI's `--usable` and
//! `--certificate` (the library's bytes, atomic writes).
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{run, s};

use std::collections::BTreeSet;
use std::process::Command;

use csv_core::{ReadFieldResult, ReaderBuilder};
use tamis::checks::content::neutralise;
use tamis::demo::{demo_bytes, DemoSpec};
use tamis::{
    Auditor, Certificate, Channel, CsvExport, ExportKind, HeaderView, Options, Report, RowSink,
    RowView,
};

/// Every header field and data cell, and whether each row was usable.
#[derive(Default)]
struct Cells {
    header: Vec<String>,
    rows: Vec<(Vec<String>, bool)>,
}

impl RowSink for Cells {
    fn header(&mut self, h: &HeaderView<'_>) {
        self.header = h.fields.to_vec();
    }
    fn row(&mut self, r: &RowView<'_>) {
        self.rows
            .push((r.fields().map(str::to_string).collect(), r.usable));
    }
}

/// Audits `bytes` fed in `chunk`-byte pieces, with an export and the cells.
fn audit(bytes: &[u8], opts: &Options, kind: ExportKind, chunk: usize) -> (Report, Vec<u8>, Cells) {
    struct Both<'a>(&'a mut CsvExport, &'a mut Cells);
    impl RowSink for Both<'_> {
        fn header(&mut self, h: &HeaderView<'_>) {
            self.0.header(h);
            self.1.header(h);
        }
        fn row(&mut self, r: &RowView<'_>) {
            self.0.row(r);
            self.1.row(r);
        }
    }
    let mut a = Auditor::new(opts.clone()).unwrap();
    let mut export = CsvExport::new(kind);
    let mut cells = Cells::default();
    let mut out = Vec::new();
    for piece in bytes.chunks(chunk.max(1)) {
        a.feed_with(piece, &mut Both(&mut export, &mut cells));
        out.extend_from_slice(&export.take());
    }
    let report = a.finish_with(&mut Both(&mut export, &mut cells));
    out.extend_from_slice(&export.take());
    (report, out, cells)
}

/// The records of a CSV written by an export (BOM stripped).
fn parse(csv: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let csv = csv.strip_prefix("\u{FEFF}".as_bytes()).expect("a BOM");
    let mut r = ReaderBuilder::new().delimiter(delimiter).build();
    let (mut records, mut fields, mut field) = (Vec::new(), Vec::new(), Vec::new());
    let mut input = csv;
    let mut buf = [0u8; 4096];
    loop {
        let (res, read, written) = r.read_field(input, &mut buf);
        input = &input[read..];
        field.extend_from_slice(&buf[..written]);
        match res {
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
            ReadFieldResult::Field { record_end } => {
                fields.push(String::from_utf8(std::mem::take(&mut field)).unwrap());
                if record_end {
                    records.push(std::mem::take(&mut fields));
                }
            }
            ReadFieldResult::End => return records,
        }
    }
}

fn demo() -> Vec<u8> {
    demo_bytes(DemoSpec { rows: 600, seed: 7 })
}

fn opts(channel: Channel) -> Options {
    let mut o = Options {
        audit_date: Some("2026-11-29".into()),
        ..Options::default()
    };
    o.campaign.channel = channel;
    o
}

#[test]
fn usable_rows_are_the_funnels_usable_rows_with_the_original_columns() {
    let bytes = demo();
    let mut some_unusable = false;
    for channel in Channel::ALL {
        let o = opts(channel);
        let (report, csv, cells) = audit(&bytes, &o, ExportKind::Usable, 1 << 16);
        let camp = report.campaign.as_ref().unwrap();
        let usable = camp.funnel.iter().find(|s| s.stage == "usable").unwrap();
        let wanted: Vec<&Vec<String>> = cells.rows.iter().filter(|r| r.1).map(|r| &r.0).collect();
        assert_eq!(wanted.len() as u64, usable.count, "{channel:?}");
        assert_eq!(camp.usable_by_channel[&channel], usable.count);
        some_unusable |= (wanted.len() as u64) < report.input.rows;
        let delimiter = report.input.delimiter.as_deref().unwrap().as_bytes()[0];
        let records = parse(&csv, delimiter);
        // The header as read, then each usable row's fields, neutralised; no tamis column.
        assert_eq!(records[0], cells.header, "{channel:?}");
        assert_eq!(records.len() - 1, wanted.len(), "{channel:?}");
        let width = cells.header.len();
        for (got, want) in records[1..].iter().zip(wanted) {
            let mut want: Vec<String> = want.iter().map(|f| neutralise(f).into_owned()).collect();
            // Short rows are padded to the header's width; trailing empty extras dropped.
            want.resize(want.len().max(width), String::new());
            while want.len() > width && want.last().is_some_and(String::is_empty) {
                want.pop();
            }
            assert_eq!(got, &want, "{channel:?}");
        }
    }
    assert!(
        some_unusable,
        "the demo file has unusable rows for some channel"
    );
}

#[test]
fn formula_cells_are_neutralised_in_both_exports() {
    let input = "Nom;Email;Consentement email\r\n\
                 \"=HYPERLINK(\"\"http://x.fr\"\";\"\"x\"\")\";jean@exemple.fr;oui\r\n\
                 +33 6 12 34 56 78;paul@exemple.fr;oui\r\n\
                 @SUM(A1);marie@exemple.fr;oui\r\n\
                 Durand;-2+3;oui\r\n";
    let o = opts(Channel::Email);
    for kind in [ExportKind::Annotated, ExportKind::Usable] {
        let (_, csv, _) = audit(input.as_bytes(), &o, kind, 7);
        let text = String::from_utf8(csv).unwrap();
        assert!(
            text.contains("\r\n\"'=HYPERLINK(\"\"http://x.fr\"\";\"\"x\"\")\";jean@exemple.fr;"),
            "{kind:?}: {text}"
        );
        assert!(
            text.contains("\r\n'@SUM(A1);marie@exemple.fr;"),
            "{kind:?}: {text}"
        );
        // A phone number is no formula.
        assert!(
            text.contains("\r\n+33 6 12 34 56 78;paul@exemple.fr;"),
            "{kind:?}: {text}"
        );
        if kind == ExportKind::Annotated {
            assert!(text.contains("\r\nDurand;'-2+3;"), "{text}");
        } else {
            assert!(
                !text.contains("Durand"),
                "no valid email: not usable: {text}"
            );
            assert!(!text.contains("tamis_"), "{text}");
        }
    }
}

#[test]
fn exports_are_the_same_bytes_whatever_the_chunking() {
    let bytes = demo();
    let o = opts(Channel::Sms);
    for kind in [ExportKind::Annotated, ExportKind::Usable] {
        let (_, whole, _) = audit(&bytes, &o, kind, bytes.len());
        for chunk in [1, 3, 4096] {
            let (_, got, _) = audit(&bytes, &o, kind, chunk);
            assert!(got == whole, "{kind:?} in {chunk}-byte chunks differs");
        }
    }
}

/// The strings of a JSON value (keys and values).
fn strings(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::String(s) => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                out.insert(k.clone());
                strings(x, out);
            }
        }
        _ => {}
    }
}

/// The words of the certificate's format, which a cell may happen to be (a column headed
/// `email`): role names, finding codes, channels, options, stages, grades, line endings,
/// encodings, and every object key (no key comes from the file).
fn vocabulary(value: &serde_json::Value) -> BTreeSet<String> {
    let mut v: BTreeSet<String> = BTreeSet::new();
    let name = |x: serde_json::Value| x.as_str().unwrap().to_string();
    v.extend(
        tamis::Role::ALL
            .iter()
            .map(|r| name(serde_json::to_value(r).unwrap())),
    );
    v.extend(
        Channel::ALL
            .iter()
            .map(|c| name(serde_json::to_value(c).unwrap())),
    );
    v.extend(tamis::rules::all().map(|r| r.code.to_string()));
    for w in [
        "auto",
        "b2c",
        "b2b",
        "rent",
        "buy",
        "exchange",
        "A",
        "B",
        "C",
        "D",
        "E",
        "LF",
        "CRLF",
        "CR",
        "mixed",
        "none",
        "UTF-8",
        "windows-1252",
        "UTF-16LE",
        "UTF-16BE",
        "low",
        "medium",
    ] {
        v.insert(w.to_string());
    }
    fn keys(x: &serde_json::Value, out: &mut BTreeSet<String>) {
        match x {
            serde_json::Value::Array(a) => a.iter().for_each(|y| keys(y, out)),
            serde_json::Value::Object(m) => {
                for (k, y) in m {
                    out.insert(k.clone());
                    keys(y, out);
                }
            }
            _ => {}
        }
    }
    keys(value, &mut v);
    for stage in value["funnel"].as_array().into_iter().flatten() {
        v.insert(name(stage["stage"].clone()));
    }
    // Checklist keys, price bands, verdicts and red flags: the core's own words.
    let p = &value["price"];
    for x in value["ask_seller"]
        .as_array()
        .into_iter()
        .chain(p["red_flags"].as_array())
        .flatten()
        .chain([&p["band_label"], &p["verdict"]])
    {
        if let Some(x) = x.as_str() {
            v.insert(x.to_string());
        }
    }
    v
}

/// Fails if the certificate holds a cell value or a column name of the file: no JSON
/// string (key or value) equals one, unless it is a word of the format itself, and none
/// that is not such a word contains one of 4 characters or more with a letter. Numbers are
/// counts.
fn assert_no_cell(name: &str, cert: &Certificate, cells: &Cells) {
    let json = cert.to_json_pretty();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut strs = BTreeSet::new();
    strings(&value, &mut strs);
    let vocabulary = vocabulary(&value);
    let free: Vec<&String> = strs.iter().filter(|s| !vocabulary.contains(*s)).collect();
    let all = cells
        .header
        .iter()
        .chain(cells.rows.iter().flat_map(|r| r.0.iter()));
    let mut checked = 0;
    for cell in all {
        let cell = cell.trim();
        if cell.is_empty() {
            continue;
        }
        checked += 1;
        assert!(
            !free.iter().any(|s| s.as_str() == cell),
            "{name}: the certificate holds the cell {cell:?}"
        );
        if cell.chars().count() >= 4 && cell.chars().any(char::is_alphabetic) {
            assert!(
                !free.iter().any(|s| s.contains(cell)),
                "{name}: the certificate holds the cell {cell:?}"
            );
        }
    }
    assert!(
        checked > 0 || cells.rows.is_empty(),
        "{name}: cells were scanned"
    );
}

#[test]
fn the_certificate_of_every_fixture_holds_no_cell_value_nor_column_name() {
    let mut o = opts(Channel::Email);
    o.campaign.cpm = Some(120.0);
    for name in common::fixture_names() {
        let bytes = common::fixture(&name);
        let (report, _, cells) = audit(&bytes, &o, ExportKind::Annotated, 1 << 16);
        let cert = Certificate::new(&report, &o, None);
        assert_eq!(cert.file.sha256, report.input.sha256, "{name}");
        assert_eq!(cert.file.bytes, bytes.len() as u64, "{name}");
        assert_eq!(cert.file.rows, report.input.rows, "{name}");
        assert_eq!(cert.file.roles.len(), report.input.columns.len(), "{name}");
        assert_no_cell(&name, &cert, &cells);
    }
}

#[test]
fn the_certificate_of_the_demo_file_holds_no_cell_value_and_the_reports_counts() {
    let bytes = demo();
    let mut o = opts(Channel::Sms);
    o.campaign.price = Some(300.0);
    // The opposition list's entries are personal data too: only their count goes in.
    let first_email = String::from_utf8_lossy(&bytes)
        .split([';', '\n', '\r'])
        .find(|f| f.contains('@'))
        .unwrap()
        .to_string();
    o.campaign.opposition = vec![first_email.clone(), "+33 6 39 98 00 01".into()];
    o.roles.insert("Nom".into(), tamis::Role::LastName);
    let (report, _, cells) = audit(&bytes, &o, ExportKind::Usable, 1 << 16);
    let cert = Certificate::new(&report, &o, Some("fichier.csv"));
    assert_no_cell("demo", &cert, &cells);
    let json = cert.to_json_pretty();
    assert!(!json.contains(&first_email), "{json}");
    assert!(
        !json.contains("\"Nom\""),
        "a forced role's column name: {json}"
    );
    assert_eq!(cert.format, "tamis-certificate/1");
    assert_eq!(cert.file.name.as_deref(), Some("fichier.csv"));
    assert_eq!(cert.options.opposition_entries, 2);
    assert_eq!(cert.options.forced_roles, 1);
    assert_eq!(cert.options.channel, Channel::Sms);
    assert_eq!(cert.options.price, Some(300.0));
    assert_eq!(cert.audit_date.as_deref(), Some("2026-11-29"));
    let score = report.score.as_ref().unwrap();
    let c = cert.score.as_ref().unwrap();
    assert_eq!(
        (c.value, &c.grade, &c.parts),
        (score.value, &score.grade, &score.parts)
    );
    assert_eq!(cert.rows, report.rows);
    let camp = report.campaign.as_ref().unwrap();
    assert_eq!(cert.funnel, camp.funnel);
    assert_eq!(cert.usable, camp.price.usable);
    assert_eq!(cert.price.as_ref(), Some(&camp.price));
    for f in &report.findings {
        assert_eq!(cert.findings[&f.code], f.count, "{}", f.code);
    }
    assert_eq!(cert.findings.len(), report.findings.len());
    let d = report.duplicates.as_ref().unwrap();
    assert_eq!(
        cert.duplicates.as_ref().map(|x| x.duplicate_rows),
        Some(d.duplicate_rows)
    );
    // It reads back.
    let back: Certificate = serde_json::from_str(&json).unwrap();
    assert_eq!(back, cert);
}

// ---- the CLI ---------------------------------------------------------------------------

#[test]
fn cli_usable_and_certificate_are_the_librarys() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("prospects.csv");
    let bytes = demo();
    std::fs::write(&input, &bytes).unwrap();
    let (ann, usable, cert) = (
        dir.path().join("a.csv"),
        dir.path().join("u.csv"),
        dir.path().join("c.json"),
    );
    let out = run(&[
        "audit",
        s(&input),
        "--audit-date",
        "2026-11-29",
        "--channel",
        "sms",
        "--cpm",
        "120",
        "--annotate",
        s(&ann),
        "--usable",
        s(&usable),
        "--certificate",
        s(&cert),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8(out.stdout).unwrap();
    for line in ["annotated", "usable rows", "certificate"] {
        assert!(
            summary.contains(&format!("\n{line:<13}")),
            "{line}: {summary}"
        );
    }
    let mut o = opts(Channel::Sms);
    o.campaign.cpm = Some(120.0);
    let (report, want_ann, _) = audit(&bytes, &o, ExportKind::Annotated, 1 << 16);
    let (_, want_usable, _) = audit(&bytes, &o, ExportKind::Usable, 1 << 16);
    assert!(std::fs::read(&ann).unwrap() == want_ann, "--annotate");
    assert!(std::fs::read(&usable).unwrap() == want_usable, "--usable");
    let want_cert = Certificate::new(&report, &o, Some("prospects.csv")).to_json_pretty();
    assert_eq!(std::fs::read_to_string(&cert).unwrap(), want_cert);
    // Only the four files: no temporary file left.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
}

#[test]
fn cli_refuses_one_file_for_two_outputs_and_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("p.csv");
    std::fs::write(&input, b"Nom;Email\r\nDupont;a@exemple.fr\r\n").unwrap();
    let same = dir.path().join("x.csv");
    for args in [
        vec![
            "audit",
            s(&input),
            "--annotate",
            s(&same),
            "--usable",
            s(&same),
        ],
        vec!["audit", s(&input), "--usable", "-"],
        vec!["audit", s(&input), "--certificate", "-"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("tamis: --"),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // A certificate of stdin names no file.
    let cert = dir.path().join("c.json");
    let out = Command::new(env!("CARGO_BIN_EXE_tamis"))
        .args(["audit", "-", "--certificate", s(&cert)])
        .stdin(std::fs::File::open(&input).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c: Certificate = serde_json::from_str(&std::fs::read_to_string(&cert).unwrap()).unwrap();
    assert_eq!(c.file.name, None);
    assert_eq!(c.file.rows, 1);
}

/// `RowView::example` marks exactly the rows the report's findings give as examples (the
/// rows whose cells the page may show).
#[test]
fn the_rows_marked_as_examples_are_the_reports_examples() {
    struct Marked(std::collections::BTreeSet<u64>);
    impl tamis::RowSink for Marked {
        fn row(&mut self, row: &tamis::RowView<'_>) {
            if row.example {
                self.0.insert(row.position.row.expect("a data row"));
            }
        }
    }
    let bytes = tamis::demo::demo_bytes(tamis::demo::DemoSpec {
        rows: 3_000,
        seed: 3,
    });
    for max_examples in [1, 5] {
        let opts = tamis::Options {
            audit_date: Some("2026-06-15".into()),
            max_examples,
            ..Default::default()
        };
        let mut auditor = tamis::Auditor::new(opts).unwrap();
        let mut marked = Marked(Default::default());
        auditor.feed_with(&bytes, &mut marked);
        let report = auditor.finish_with(&mut marked);
        let examples: std::collections::BTreeSet<u64> = report
            .findings
            .iter()
            .flat_map(|f| f.examples.iter().filter_map(|e| e.position.row))
            .collect();
        assert!(examples.len() > 20, "{} example rows", examples.len());
        assert_eq!(marked.0, examples, "max_examples {max_examples}");
    }
}
