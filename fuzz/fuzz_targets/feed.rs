//! `Auditor::feed` with arbitrary bytes cut into arbitrary chunks.
//!
//! The input is `seed: u32`, `flags: u8`, then the file's bytes (the rest); with flag
//! 0x10 the bytes are repeated past the 64 KiB sniff window, so that small inputs reach
//! the code that reads chunks after it (libFuzzer grows inputs slowly). The file is
//! audited twice: in one `feed`, and cut into chunks whose sizes come from `seed` (the
//! chunk-size scale from `flags`), through `feed_with`/`finish_with_preview` with a
//! sink. Invariants checked, beyond "no panic":
//! - both reports are identical (the crate promises any chunking gives the same report);
//! - `input.bytes` is the input's length and `bytes_fed` follows every chunk;
//! - rows == ok + review + reject, and the sink hears every row once and at most one header;
//! - each finding has 1..=count examples, at most `max_examples`, and the findings are
//!   sorted by code without repeats;
//! - a file that is not text has no rows and no preview.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tamis::{Auditor, HeaderView, Options, Report, RowSink, RowView, SNIFF_BYTES};

#[derive(Debug, Arbitrary)]
struct Input {
    seed: u32,
    flags: u8,
    data: Vec<u8>,
}

#[derive(Default)]
struct Sink {
    headers: u64,
    rows: u64,
    last_row: Option<u64>,
}

impl RowSink for Sink {
    fn header(&mut self, header: &HeaderView<'_>) {
        self.headers += 1;
        let _ = header;
    }

    fn row(&mut self, row: &RowView<'_>) {
        assert_eq!(row.len(), row.fields().count());
        for i in 0..row.len() {
            assert!(row.field(i).is_some());
        }
        assert!(row.field(row.len()).is_none());
        if let Some(n) = row.position.row {
            assert!(
                self.last_row.is_none_or(|last| n > last),
                "rows out of order"
            );
            self.last_row = Some(n);
        }
        self.rows += 1;
    }
}

/// Options picked by the low bits of `flags` (the high bits pick the chunk scale).
fn options(flags: u8) -> Options {
    let mut opts = Options::default();
    if flags & 1 != 0 {
        opts.audit_date = Some("2026-11-29".into());
    }
    match (flags >> 1) & 3 {
        1 => opts.header = Some(true),
        2 => opts.header = Some(false),
        _ => {}
    }
    if flags & 8 != 0 {
        opts.max_examples = 1;
        opts.preview_rows = 1;
        opts.campaign.price = Some(1234.5);
    }
    opts
}

/// Cut offsets for `len` bytes: sizes drawn from a xorshift seeded by `seed`, scaled by
/// `scale` (1-byte chunks, small, around a few KiB, around the 64 KiB sniff window).
fn cuts(len: usize, seed: u32, scale: u8) -> Vec<usize> {
    let max = match scale {
        0 => return Vec::new(), // one feed: the same path as the reference
        1 => 1,
        2 => 8,
        3 => 64,
        4 => 1024,
        5 => 5000,
        6 => 70_000,
        _ => 300_000,
    };
    let mut x = u64::from(seed) | 1 << 40;
    let mut out = Vec::new();
    let mut at = 0usize;
    loop {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        // An empty chunk now and then: it must change nothing.
        at += (x % (max as u64 + 1)) as usize;
        if at >= len {
            return out;
        }
        out.push(at);
    }
}

fn check_report(r: &Report, len: usize, opts: &Options) {
    assert_eq!(r.input.bytes, len as u64);
    assert_eq!(
        r.input.rows,
        r.rows.ok + r.rows.review + r.rows.reject,
        "rows != ok + review + reject"
    );
    if !r.input.text {
        assert_eq!(r.input.rows, 0);
    }
    let mut prev: Option<&str> = None;
    for f in &r.findings {
        assert!(f.count >= 1, "{}: count 0", f.code);
        assert!(
            f.examples.len() as u64 <= f.count,
            "{}: more examples than count",
            f.code
        );
        assert!(
            f.examples.len() <= opts.max_examples,
            "{}: too many examples",
            f.code
        );
        assert!(
            prev.is_none_or(|p| p < f.code.as_str()),
            "findings not sorted"
        );
        prev = Some(&f.code);
        for e in &f.examples {
            assert!(
                e.position.byte <= len as u64,
                "{}: example past the end",
                f.code
            );
            if let Some(row) = e.position.row {
                assert!(
                    row >= 1 && row <= r.input.rows.max(1),
                    "{}: row {row}",
                    f.code
                );
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let Input { seed, flags, data } = input;
    let data = if flags & 0x10 != 0 && !data.is_empty() {
        data.repeat(SNIFF_BYTES / data.len() + 2)
    } else {
        data
    };
    let opts = options(flags);

    let mut whole = Auditor::new(opts.clone()).expect("valid options");
    whole.feed(&data);
    assert_eq!(whole.bytes_fed(), data.len() as u64);
    let reference = whole.finish();
    check_report(&reference, data.len(), &opts);

    let mut auditor = Auditor::new(opts.clone()).expect("valid options");
    let mut sink = Sink::default();
    let mut from = 0;
    for cut in cuts(data.len(), seed, flags >> 5) {
        auditor.feed_with(&data[from..cut], &mut sink);
        from = cut;
        assert_eq!(auditor.bytes_fed(), from as u64);
        assert!(auditor.rows() <= from as u64 + 1);
    }
    auditor.feed_with(&data[from..], &mut sink);
    let (report, preview) = auditor.finish_with_preview(&mut sink);
    check_report(&report, data.len(), &opts);

    assert!(sink.headers <= 1, "{} header calls", sink.headers);
    assert_eq!(sink.rows, report.input.rows, "the sink missed rows");
    if !report.input.text {
        assert!(preview.is_none(), "a preview of a file that is not text");
    }
    if let Some(p) = &preview {
        assert!(p.rows.len() <= opts.preview_rows);
    }
    if reference != report {
        assert_eq!(
            reference.to_json_pretty(),
            report.to_json_pretty(),
            "the chunking changed the report"
        );
        panic!("the chunking changed the report (equal JSON, different values)");
    }
});
