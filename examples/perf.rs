//! Rough timing: bare csv-core parse vs the full audit on a generated file.
//!
//! `cargo run --release --example perf [ROWS] [MODE]`, MODE one of: `gen` (make or read
//! the file only), `bare` (+ csv-core `read_record`), `audit` (+ the full audit), `nodup`
//! (the audit without duplicates), and the pipeline's parts alone (each after `gen`):
//! `fields` (csv-core `read_field`, as the auditor calls it), `sha` (SHA-256 of the
//! bytes), `decode` (Windows-1252 to UTF-8 with encoding_rs, 64 KiB at a time).
//! Measure CPU time with `perf stat -e task-clock` and subtract `gen`'s.
//! `TAMIS_PERF_REPEAT=N` audits N times (for profiles; the fastest run is printed).
use std::time::Instant;

// The anchor, as the benches measure it.
#[path = "../benches/common/mod.rs"]
mod common;

fn main() {
    let rows: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let mode = std::env::args().nth(2).unwrap_or_default();
    // TAMIS_PERF_FILE: audit that file instead of generating one (profiles then show
    // the audit alone).
    let data = match std::env::var_os("TAMIS_PERF_FILE") {
        Some(p) => std::fs::read(p).expect("TAMIS_PERF_FILE readable"),
        None => tamis::demo::demo_bytes(tamis::demo::DemoSpec { rows, seed: 7 }),
    };
    let mb = data.len() as f64 / 1e6;
    // Anchor: csv-core counting records.
    let t = Instant::now();
    if mode == "gen" {
        println!("gen only");
        return;
    }
    if mode == "fields" {
        let mut rdr = csv_core::ReaderBuilder::new().delimiter(b';').build();
        let mut out = vec![0u8; 1 << 16];
        let mut input = &data[..];
        let mut n = 0u64;
        loop {
            let (res, nin, _) = rdr.read_field(input, &mut out);
            input = &input[nin..];
            match res {
                csv_core::ReadFieldResult::Field { .. } => n += 1,
                csv_core::ReadFieldResult::End => break,
                _ => {}
            }
        }
        println!(
            "fields only: {n} in {:.1} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
        return;
    }
    if mode == "sha" {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for c in data.chunks(1 << 16) {
            h.update(c);
        }
        let d = h.finalize();
        println!(
            "sha only: {:02x}{:02x}.. in {:.1} ms",
            d[0],
            d[1],
            t.elapsed().as_secs_f64() * 1e3
        );
        return;
    }
    if mode == "decode" {
        let mut dec = encoding_rs::WINDOWS_1252.new_decoder_without_bom_handling();
        let mut out = vec![0u8; 1 << 16];
        let mut total = 0usize;
        for c in data.chunks(1 << 16) {
            let mut raw = c;
            while !raw.is_empty() {
                let (_, read, written, _) = dec.decode_to_utf8(raw, &mut out, false);
                raw = &raw[read..];
                total += written;
            }
        }
        println!(
            "decode only: {total} bytes in {:.1} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
        return;
    }
    let n = common::bare_parse(&data);
    let bare = t.elapsed().as_secs_f64();
    if mode == "bare" {
        println!("bare only: {n}");
        return;
    }
    // TAMIS_PERF_REPEAT: audit this many times (more samples for a profile); the
    // figure printed is the fastest run.
    let repeat: usize = std::env::var("TAMIS_PERF_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut full = f64::MAX;
    let mut r = None;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let mut a = tamis::Auditor::new(tamis::Options {
            audit_date: Some("2026-11-29".into()),
            duplicates: mode != "nodup",
            ..Default::default()
        })
        .unwrap();
        for c in data.chunks(1 << 16) {
            a.feed(c);
        }
        r = Some(a.finish());
        full = full.min(t.elapsed().as_secs_f64());
    }
    let r = r.expect("one run at least");
    println!(
        "{mb:.1} MB, {n} records; bare {:.0} MB/s; audit {:.1} MB/s ({} rows); ratio {:.2}",
        mb / bare,
        mb / full,
        r.input.rows,
        bare / full
    );
}
