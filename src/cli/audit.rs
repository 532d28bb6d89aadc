//! `tamis audit`: the report, as a human summary or as JSON, and the exports (annotated
//! and usable-rows CSV, certificate).

use std::io::{self, Write};
use std::path::Path;

use tamis::{
    Auditor, Certificate, Example, ExportKind, Options, OwnFileBuilder, References, Report,
};

use super::annotate::{AtomicFile, ExportSink};
use super::input::{feed_all, Discard, Input};
use super::preview::{role_name, source_name};
use super::progress::Progress;
use super::text::{self, Table};
use super::{Failure, Out, Result};

/// Loads `--own` and `--partner-hashes` (with `--salt-file`). The customer file is read
/// with the audit's reading options but its own sniffing (its layout may differ).
pub fn references(
    own: Option<&Path>,
    partner: Option<&Path>,
    salt: Option<&Path>,
    opts: &Options,
) -> Result<References> {
    let mut refs = References::default();
    if let Some(path) = own {
        let read_opts = Options {
            delimiter: None,
            encoding: None,
            header: None,
            roles: Default::default(),
            ..opts.clone()
        };
        let mut b = OwnFileBuilder::new(read_opts)?;
        let mut input = Input::open(path)?;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = input
                .read(&mut buf)
                .map_err(|e| Failure::msg(format!("cannot read {}: {e}", path.display())))?;
            if n == 0 {
                break;
            }
            b.feed(&buf[..n]);
        }
        let own = b
            .finish()
            .map_err(|e| Failure::msg(format!("--own {}: {e}", path.display())))?;
        refs.own = Some(own);
    }
    if let (Some(h), Some(s)) = (partner, salt) {
        let salt = match super::hash::hashing(Some(s), None)? {
            tamis::keys::Hashing::Salted(salt) => salt,
            tamis::keys::Hashing::Platform(_) => unreachable!("no platform given"),
        };
        let text = std::fs::read_to_string(h)
            .map_err(|e| Failure::msg(format!("cannot read {}: {e}", h.display())))?;
        let keys = tamis::keys::PartnerKeys::new(&text, salt)
            .map_err(|e| Failure::msg(format!("--partner-hashes {}: {e}", h.display())))?;
        refs.partner = Some(keys);
    }
    Ok(refs)
}

/// The files `audit` writes besides its report (each written atomically).
#[derive(Debug, Default, Clone, Copy)]
pub struct Outputs<'a> {
    /// `--annotate`: every row with the tamis columns.
    pub annotate: Option<&'a Path>,
    /// `--usable`: the rows usable for the campaign's channel.
    pub usable: Option<&'a Path>,
    /// `--certificate`: the audit certificate (JSON, no personal data).
    pub certificate: Option<&'a Path>,
}

impl<'a> Outputs<'a> {
    /// The outputs with their flags and their labels in the summary, in its order.
    fn named(&self) -> [(&'static str, &'static str, Option<&'a Path>); 3] {
        [
            ("annotate", "annotated", self.annotate),
            ("usable", "usable rows", self.usable),
            ("certificate", "certificate", self.certificate),
        ]
    }
}

/// Runs the command.
pub fn run(
    path: &Path,
    opts: Options,
    refs: References,
    json: bool,
    outs: Outputs<'_>,
) -> Result<()> {
    let named = outs.named();
    for (i, (flag, _, p)) in named.iter().enumerate() {
        let Some(p) = p else { continue };
        if p.as_os_str() == "-" {
            return Err(Failure::msg(format!(
                "--{flag} needs a file name (it cannot write to standard output)"
            )));
        }
        if let Some((other, _, _)) = named[..i].iter().find(|(_, _, q)| *q == Some(*p)) {
            return Err(Failure::msg(format!(
                "--{other} and --{flag} name the same file {}",
                p.display()
            )));
        }
    }
    let cert_opts = outs.certificate.map(|_| opts.clone());
    let mut auditor = Auditor::new(opts)?;
    auditor.set_references(refs);
    let mut input = Input::open(path)?;
    let mut progress = Progress::new(input.size);
    let exports: Vec<(ExportKind, &Path)> = [
        (ExportKind::Annotated, outs.annotate),
        (ExportKind::Usable, outs.usable),
    ]
    .into_iter()
    .filter_map(|(k, p)| Some((k, p?)))
    .collect();
    let report = if exports.is_empty() {
        let mut sink = Discard;
        feed_all(&mut auditor, &mut input, &mut sink, &mut progress)?;
        auditor.finish_with(&mut sink)
    } else {
        let mut files = Vec::new();
        for &(kind, p) in &exports {
            files.push((kind, AtomicFile::create(p)?, p.display().to_string()));
        }
        let mut sink = ExportSink::new(files);
        feed_all(&mut auditor, &mut input, &mut sink, &mut progress)?;
        let report = auditor.finish_with(&mut sink);
        let wrote = sink.header_done();
        let files = sink.into_inner()?;
        for ((file, _rows), &(_, out_path)) in files.into_iter().zip(&exports) {
            if wrote {
                file.commit()?;
            } else {
                drop(file);
                let _ = writeln!(
                    io::stderr(),
                    "tamis: {} not written: {} has no rows to export",
                    out_path.display(),
                    input.name
                );
            }
        }
        report
    };
    progress.finish();
    if let (Some(p), Some(o)) = (outs.certificate, cert_opts) {
        let name = (path.as_os_str() != "-")
            .then(|| path.file_name().map(|n| n.to_string_lossy().into_owned()))
            .flatten();
        let cert = Certificate::new(&report, &o, name.as_deref());
        let mut file = AtomicFile::create(p)?;
        file.write_all(cert.to_json_pretty().as_bytes())?;
        file.commit()?;
    }
    let mut out = Out::new();
    if json {
        out.put(&report.to_json_pretty())?;
    } else {
        out.put(&summary(&report, &input.name, outs))?;
    }
    out.flush()
}

/// The human summary of a report.
pub fn summary(report: &Report, name: &str, outs: Outputs<'_>) -> String {
    let mut s = String::new();
    let i = &report.input;
    let mut fact = |k: &str, v: &str| {
        s.push_str(&text::pad(k, 13));
        s.push_str(v);
        s.push('\n');
    };
    fact("file", &text::clean(name));
    fact(
        "size",
        &format!(
            "{} ({} bytes)",
            text::bytes(i.bytes),
            text::thousands(i.bytes)
        ),
    );
    fact("sha256", &i.sha256);
    if i.text {
        let enc = i.encoding.as_deref().unwrap_or("?");
        let source = i
            .encoding_source
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        let bom = if i.bom { ", BOM" } else { "" };
        fact("encoding", &format!("{enc}{source}{bom}"));
        let delimiter = match i.delimiter.as_deref() {
            Some("\t") => "tab",
            Some(" ") => "space",
            Some(d) => d,
            None => "?",
        };
        fact("delimiter", delimiter);
        fact("line ending", i.line_ending.as_deref().unwrap_or("?"));
        fact("header", if i.header { "yes" } else { "no" });
        if i.title_lines > 0 {
            fact("title lines", &i.title_lines.to_string());
        }
    } else {
        fact("encoding", "not delimited text");
    }
    fact("rows", &text::thousands(i.rows));
    fact(
        "audit date",
        report
            .audit_date
            .as_deref()
            .unwrap_or("none (no date checks)"),
    );

    if !i.columns.is_empty() {
        s.push_str("\ncolumns\n");
        let pct = |n: u64, of: u64| {
            if of == 0 {
                String::new()
            } else {
                format!("{:.0}%", n as f64 * 100.0 / of as f64)
            }
        };
        let cols: Vec<Vec<String>> = i
            .columns
            .iter()
            .map(|c| {
                let q = report.qualification.iter().find(|q| q.column == c.index);
                vec![
                    c.index.to_string(),
                    c.name.clone(),
                    role_name(c.role),
                    source_name(c.role_source),
                    q.map_or(String::new(), |q| pct(q.filled, i.rows)),
                    q.map_or(String::new(), |q| pct(q.valid, q.filled)),
                ]
            })
            .collect();
        let head = ["#", "column", "role", "from", "filled", "valid"];
        let t = Table::fit(
            &head,
            cols.iter().map(|r| r.as_slice()),
            32,
            &[true, false, false, false, true, true],
        );
        s.push_str("  ");
        s.push_str(&t.line(&head));
        s.push('\n');
        for c in &cols {
            s.push_str("  ");
            s.push_str(&t.line(c));
            s.push('\n');
        }
    }

    if i.rows > 0 {
        s.push_str("\nrows by status\n");
        let r = report.rows;
        let w = text::thousands(r.ok.max(r.review).max(r.reject)).len();
        for (label, n) in [("ok", r.ok), ("review", r.review), ("reject", r.reject)] {
            let pct = n as f64 * 100.0 / i.rows as f64;
            s.push_str(&format!(
                "  {:<7}{}  {:>5.1}%\n",
                label,
                text::rpad(&text::thousands(n), w),
                pct
            ));
        }
    }

    if let Some(d) = &report.duplicates {
        s.push_str(&format!(
            "\nduplicates   {} rows in {} clusters (exact {}, fuzzy {}); phone shared by another person: {}\n",
            text::thousands(d.duplicate_rows),
            text::thousands(d.clusters),
            text::thousands(d.exact_rows),
            text::thousands(d.fuzzy_rows),
            text::thousands(d.phone_shared_rows)
        ));
        if !d.complete {
            s.push_str(&format!(
                "  (later rows were compared with the first {} rows only: bounded memory)\n",
                text::thousands(d.remembered_rows)
            ));
        }
        for e in d.examples.iter().take(5) {
            let rows: Vec<String> = e.rows.iter().map(|r| r.to_string()).collect();
            s.push_str(&format!(
                "  row {} ← {} ({}): {}\n",
                e.first_row,
                rows.join(", "),
                if e.exact { "exact" } else { "fuzzy" },
                e.matched.join("; ")
            ));
        }
    }
    if let Some(st) = &report.seeds_and_traps {
        s.push_str(&format!(
            "\nseeds        {} possible owner seeds (expected in rentals: do not remove; confidence {})\n",
            text::thousands(st.seed_suspects),
            st.seed_confidence
        ));
        if st.registry_keys.is_some() {
            let names: Vec<String> = st
                .recipients
                .iter()
                .map(|(r, n)| format!("{} ({n})", text::clean(r)))
                .collect();
            s.push_str(&format!(
                "  your registered seeds: {} rows{}\n",
                text::thousands(st.registry_rows),
                if names.is_empty() {
                    String::new()
                } else {
                    format!(", issued to {}", names.join(", "))
                }
            ));
        }
        s.push_str(&format!(
            "traps        {} rows with a spam-trap or deliverability risk\n",
            text::thousands(st.trap_risk)
        ));
    }
    if let Some(o) = &report.overlap {
        s.push_str("\noverlap\n");
        if let Some(n) = o.own_rows {
            let cost = o
                .own_cost
                .map(|c| format!(", costing {c:.2} EUR at the file's price"))
                .unwrap_or_default();
            s.push_str(&format!(
                "  already your customers  {} rows (exact {}) of your {} customers{cost}\n",
                text::thousands(o.own),
                text::thousands(o.own_exact),
                text::thousands(n)
            ));
        }
        if let Some(n) = o.partner_keys {
            s.push_str(&format!(
                "  in the partner's file   {} rows ({} keys in its hash file)\n",
                text::thousands(o.partner),
                text::thousands(n)
            ));
        }
    }

    if let (Some(c), Some(score)) = (&report.campaign, &report.score) {
        s.push_str(&format!(
            "\ncampaign     {} · audience {} · {} · date {}\n",
            c.channel.as_str(),
            match c.audience {
                tamis::campaign::Audience::Auto => "auto",
                tamis::campaign::Audience::B2c => "b2c",
                tamis::campaign::Audience::B2b => "b2b",
            },
            match c.deal {
                tamis::campaign::Deal::Rent => "rent",
                tamis::campaign::Deal::Buy => "buy",
                tamis::campaign::Deal::Exchange => "exchange",
            },
            c.date.as_deref().unwrap_or("none")
        ));
        s.push_str(&format!(
            "  rows read as B2B {} · B2C {}\n",
            text::thousands(c.rows_b2b),
            text::thousands(c.rows_b2c)
        ));
        s.push_str("  usable funnel\n");
        for st in &c.funnel {
            s.push_str(&format!(
                "    {:<16}{:>10}  {:>5.1}%\n",
                st.stage,
                text::thousands(st.count),
                st.percent
            ));
        }
        let others: Vec<String> = c
            .usable_by_channel
            .iter()
            .map(|(k, n)| format!("{} {}", k.as_str(), text::thousands(*n)))
            .collect();
        s.push_str(&format!("  usable by channel: {}\n", others.join(" · ")));
        let p = &c.price;
        let money = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2} EUR"));
        s.push_str(&format!(
            "  price        total {} · per 1,000 {} · band {} ({}) · {}\n",
            money(p.total),
            money(p.cpm),
            p.band
                .map_or("none".to_string(), |[lo, hi]| format!("{lo:.0}-{hi:.0}")),
            p.band_label,
            p.verdict
        ));
        s.push_str(&format!(
            "  effective    {} per 1,000 usable contacts\n",
            money(p.effective_cpm)
        ));
        for f in &p.red_flags {
            s.push_str(&format!("  red flag     {f}\n"));
        }
        let parts: Vec<String> = score
            .parts
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        s.push_str(&format!(
            "  score        {}/100, grade {} ({})\n",
            score.value,
            score.grade,
            parts.join(", ")
        ));
        let ask: Vec<&str> = c
            .checklist
            .iter()
            .filter(|i| !i.in_file)
            .map(|i| i.ask_en.as_str())
            .collect();
        if !ask.is_empty() {
            s.push_str("  ask the seller for\n");
            for a in ask {
                s.push_str(&format!("    - {a}\n"));
            }
        }
        s.push_str("  legal reminders\n");
        for r in &c.reminders {
            s.push_str(&format!("    - {} ({})\n", r.en, r.basis));
        }
    }

    if report.findings.is_empty() {
        s.push_str("\nfindings     none\n");
    } else {
        s.push_str(&format!("\nfindings ({})\n", report.findings.len()));
        let rows: Vec<Vec<String>> = report
            .findings
            .iter()
            .map(|f| {
                let summary = tamis::rules::rule(&f.code).map_or("", |r| r.summary.en);
                vec![
                    f.code.clone(),
                    text::severity(f.severity).to_string(),
                    text::thousands(f.count),
                    summary.to_string(),
                ]
            })
            .collect();
        let head = ["code", "severity", "count", "summary"];
        let t = Table::fit(
            &head,
            rows.iter().map(|r| r.as_slice()),
            80,
            &[false, false, true],
        );
        s.push_str("  ");
        s.push_str(&t.line(&head));
        s.push('\n');
        for (f, row) in report.findings.iter().zip(&rows) {
            s.push_str("  ");
            s.push_str(&t.line(row));
            s.push('\n');
            if !f.examples.is_empty() {
                let ex: Vec<String> = f.examples.iter().map(|e| example(e, &i.columns)).collect();
                let more = if f.count > f.examples.len() as u64 {
                    ", …"
                } else {
                    ""
                };
                s.push_str(&format!("      e.g. {}{more}\n", ex.join(", ")));
            }
        }
    }
    let mut first = true;
    for (_, label, p) in outs.named() {
        if let Some(p) = p {
            if std::mem::take(&mut first) {
                s.push('\n');
            }
            s.push_str(&text::pad(label, 13));
            s.push_str(&text::clean(&p.display().to_string()));
            s.push('\n');
        }
    }
    s
}

/// `row 12`, `row 12 E-mail`, `row 12 (expected 17, found 15)`, `line 1`.
fn example(e: &Example, columns: &[tamis::ColumnInfo]) -> String {
    let mut s = match e.position.row {
        Some(r) => format!("row {r}"),
        None => format!("line {}", e.position.line),
    };
    if let Some(c) = e.column {
        match columns.iter().find(|col| col.index == c) {
            Some(col) => s.push_str(&format!(" {}", text::truncate(&text::clean(&col.name), 24))),
            None => s.push_str(&format!(" column {c}")),
        }
    }
    if !e.params.is_empty() {
        let params: Vec<String> = e
            .params
            .iter()
            .map(|(k, v)| format!("{k} {}", text::clean(v)))
            .collect();
        s.push_str(&format!(" ({})", params.join(", ")));
    }
    s
}
