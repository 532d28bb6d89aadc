//! The full audit against its anchor, a bare csv-core parse of the same bytes, in the
//! same run: `cargo bench --bench audit`. Criterion prints the throughputs (MB/s); their
//! ratio is the figure to watch (BENCHMARKS.md). The audit runs twice: with duplicate
//! detection (the default) and without, so the difference is the duplicates' cost.
//!
//! `TAMIS_BENCH_ROWS` sets the generated files' sizes: one number or a comma list
//! (default `100000`; issue 7's set is `TAMIS_BENCH_ROWS=100000,1000000`).
//!
//! After each size, one more audit of each kind runs outside criterion under a counting
//! allocator and prints its peak heap (the input file, which the bench holds in memory,
//! is not counted: the audit never holds it) and the rows per MB, to turn MB/s into
//! rows/s.

mod common;

use common::bare_parse;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use tamis::demo::{demo_bytes, DemoSpec};
use tamis::{Auditor, Options};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwards to the system allocator with the caller's layout.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak heap growth while `f` runs, in bytes.
fn peak_of(f: impl FnOnce()) -> usize {
    let base = IN_USE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    f();
    PEAK.load(Ordering::Relaxed) - base
}

/// The whole audit, fed in 64 KiB chunks as the CLI and the browser worker do.
fn full_audit(data: &[u8], duplicates: bool) -> u64 {
    let opts = Options {
        audit_date: Some("2026-11-29".into()),
        duplicates,
        ..Options::default()
    };
    let mut auditor = Auditor::new(opts).expect("valid options");
    for chunk in data.chunks(64 * 1024) {
        auditor.feed(chunk);
    }
    auditor.finish().input.rows
}

fn bench(c: &mut Criterion) {
    let sizes: Vec<u64> = std::env::var("TAMIS_BENCH_ROWS")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<u64>| !v.is_empty())
        .unwrap_or_else(|| vec![100_000]);
    for rows in sizes {
        bench_size(c, rows);
    }
}

fn bench_size(c: &mut Criterion, rows: u64) {
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
        b.iter(|| black_box(full_audit(black_box(d), true)))
    });
    group.bench_with_input(
        BenchmarkId::new("tamis audit without duplicates", rows),
        &data,
        |b, d| b.iter(|| black_box(full_audit(black_box(d), false))),
    );
    group.finish();
    let mb = |n: usize| n as f64 / 1e6;
    let with = peak_of(|| {
        black_box(full_audit(&data, true));
    });
    let without = peak_of(|| {
        black_box(full_audit(&data, false));
    });
    println!(
        "demo-{rows}-rows: {:.1} MB, {:.0} rows per MB; peak heap of the audit {:.1} MB \
         with duplicates, {:.1} MB without (the duplicates' share {:.1} MB)",
        mb(data.len()),
        rows as f64 / mb(data.len()),
        mb(with),
        mb(without),
        mb(with.saturating_sub(without)),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
