//! What each field family costs, on the same bytes and in one binary:
//! `cargo bench --bench families`.
//!
//! The audit without duplicates runs on the 100k-row demo file (`TAMIS_BENCH_ROWS` sets
//! another size) as it is, then once per family with that family's columns declared
//! record identifiers (`Options::roles`, `#N` → `Role::Id`: read, counted, not checked),
//! and once with every column so declared: the *floor* (every row parsed, decoded,
//! hashed, its cells classed and counted, no field check). The anchor is the bare
//! csv-core parse of the same bytes, as in `benches/audit.rs`.
//!
//! A family's cost is the whole audit's time less the time without it; the checks'
//! cost is the whole audit's less the floor's. Families share work (the campaign verdict
//! reads every family's facts), so the costs do not add up to the checks' exactly.
//! Because only the options change, the code is the same in every run: no figure moves
//! because the linker placed a function elsewhere.
//!
//! After criterion, each variant's findings and row statuses are printed, to show what
//! the switched-off family took with it.

mod common;

use common::bare_parse;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::collections::BTreeMap;
use std::hint::black_box;
use tamis::demo::{demo_bytes, DemoSpec};
use tamis::{Auditor, Options, Report, Role};

/// The field families, by the roles their columns hold.
const FAMILIES: [(&str, &[Role]); 8] = [
    ("email", &[Role::Email]),
    (
        "phone",
        &[Role::Phone, Role::Mobile, Role::Landline, Role::Fax],
    ),
    (
        "postal",
        &[
            Role::Address1,
            Role::Address2,
            Role::Address3,
            Role::Postcode,
            Role::City,
            Role::Country,
        ],
    ),
    (
        "company",
        &[
            Role::Company,
            Role::Siren,
            Role::Siret,
            Role::Vat,
            Role::Naf,
        ],
    ),
    (
        "names",
        &[
            Role::Civility,
            Role::FirstName,
            Role::LastName,
            Role::FullName,
        ],
    ),
    (
        "dates",
        &[
            Role::ConsentDate,
            Role::CollectionDate,
            Role::LastActivityDate,
            Role::BirthDate,
        ],
    ),
    (
        "consent",
        &[
            Role::ConsentEmail,
            Role::ConsentSms,
            Role::ConsentPhone,
            Role::ConsentPostal,
            Role::ConsentPartners,
            Role::Consent,
        ],
    ),
    (
        "free text",
        &[Role::FreeText, Role::Unknown, Role::JobTitle, Role::Source],
    ),
];

/// The audit without duplicates, these columns forced to `Role::Id`, fed in 64 KiB
/// chunks as the CLI and the browser worker do.
fn audit(data: &[u8], ids: &[usize]) -> Report {
    let roles: BTreeMap<String, Role> = ids.iter().map(|i| (format!("#{i}"), Role::Id)).collect();
    let opts = Options {
        audit_date: Some("2026-11-29".into()),
        duplicates: false,
        roles,
        ..Options::default()
    };
    let mut auditor = Auditor::new(opts).expect("valid options");
    for chunk in data.chunks(64 * 1024) {
        auditor.feed(chunk);
    }
    auditor.finish()
}

fn bench(c: &mut Criterion) {
    let rows: u64 = std::env::var("TAMIS_BENCH_ROWS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(100_000);
    let data = demo_bytes(DemoSpec { rows, seed: 7 });
    // The columns as the audit sees them (header and content), 1-based.
    let whole = audit(&data, &[]);
    let columns = &whole.input.columns;
    let mut variants: Vec<(String, Vec<usize>)> = vec![("all checks".into(), Vec::new())];
    for (name, roles) in FAMILIES {
        let ids: Vec<usize> = columns
            .iter()
            .filter(|c| roles.contains(&c.role))
            .map(|c| c.index)
            .collect();
        if ids.is_empty() {
            println!("no {name} column in the demo file: not measured");
            continue;
        }
        variants.push((format!("without {name}"), ids));
    }
    variants.push((
        "floor: no field checked".into(),
        columns.iter().map(|c| c.index).collect(),
    ));

    let mut group = c.benchmark_group(format!("families-{rows}-rows"));
    group.throughput(Throughput::Bytes(data.len() as u64));
    group.sample_size(10);
    // Ten audits of ~140 ms each, after the warm-up: no "unable to complete" warning.
    group.measurement_time(std::time::Duration::from_secs(8));
    group.bench_with_input(
        BenchmarkId::new("anchor: csv-core parse", rows),
        &data,
        |b, d| b.iter(|| black_box(bare_parse(black_box(d)))),
    );
    for (name, ids) in &variants {
        group.bench_with_input(BenchmarkId::new(name.as_str(), rows), &data, |b, d| {
            b.iter(|| black_box(audit(black_box(d), ids).input.rows))
        });
    }
    group.finish();

    for (name, ids) in &variants {
        let r = audit(&data, ids);
        let found: u64 = r.findings.iter().map(|f| f.count).sum();
        let cols: Vec<String> = ids
            .iter()
            .filter_map(|&i| columns.get(i - 1))
            .map(|c| format!("{} ({})", c.name, c.role.as_str()))
            .collect();
        println!(
            "{name}: {found} findings; rows ok {}, review {}, reject {}{}",
            r.rows.ok,
            r.rows.review,
            r.rows.reject,
            if cols.is_empty() || cols.len() == columns.len() {
                String::new()
            } else {
                format!("; columns not checked: {}", cols.join(", "))
            }
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
