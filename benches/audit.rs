//! The full audit against its anchor, a bare csv-core parse of the same bytes, in the
//! same run: `cargo bench --bench audit`. Criterion prints both throughputs (MB/s);
//! their ratio is the figure to watch (BENCHMARKS.md).
//!
//! `TAMIS_BENCH_ROWS` sets the size of the generated file (default 100,000 rows).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use tamis::demo::{demo_bytes, DemoSpec};
use tamis::{Auditor, Options};

/// The anchor: csv-core splitting the same bytes into records, nothing else.
fn bare_parse(data: &[u8]) -> u64 {
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(b';').build();
    let mut out = vec![0u8; 1 << 16];
    let mut ends = vec![0usize; 1 << 10];
    let mut input = data;
    let mut records = 0u64;
    loop {
        let (res, nin, _, _) = rdr.read_record(input, &mut out, &mut ends);
        input = &input[nin..];
        match res {
            csv_core::ReadRecordResult::Record => records += 1,
            csv_core::ReadRecordResult::End => return records,
            csv_core::ReadRecordResult::InputEmpty
            | csv_core::ReadRecordResult::OutputFull
            | csv_core::ReadRecordResult::OutputEndsFull => {}
        }
    }
}

/// The whole audit, fed in 64 KiB chunks as the CLI and the browser worker do.
fn full_audit(data: &[u8]) -> u64 {
    let opts = Options {
        audit_date: Some("2026-11-29".into()),
        ..Options::default()
    };
    let mut auditor = Auditor::new(opts).expect("valid options");
    for chunk in data.chunks(64 * 1024) {
        auditor.feed(chunk);
    }
    auditor.finish().input.rows
}

fn bench(c: &mut Criterion) {
    let rows: u64 = std::env::var("TAMIS_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let data = demo_bytes(DemoSpec { rows, seed: 7 });
    let mut group = c.benchmark_group(format!("demo-{rows}-rows"));
    group.throughput(Throughput::Bytes(data.len() as u64));
    group.sample_size(10);
    group.bench_with_input(
        BenchmarkId::new("anchor: csv-core parse", rows),
        &data,
        |b, d| b.iter(|| black_box(bare_parse(black_box(d)))),
    );
    group.bench_with_input(BenchmarkId::new("tamis full audit", rows), &data, |b, d| {
        b.iter(|| black_box(full_audit(black_box(d))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
