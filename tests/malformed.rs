//! Malformed inputs, beyond what `tests/bad_input.rs` covers: binary data fed in odd
//! chunks and after the sniff window, UTF-8 cut by chunk ends and by the end of the
//! file, NUL bytes in cells, a row (and a header) of a million columns, a single field
//! of 1 GiB, 10,000 empty lines between and inside the data, and quotes left open
//! everywhere. Each input gives a clear finding (or a clear reading), bounded
//! memory and no hang; the big inputs are generated chunk by chunk, never held whole.
//!
//! Memory is measured per thread by a counting allocator (the tests run in parallel),
//! as in `tests/bad_input.rs` (one global allocator per test binary: copied, not shared).

mod common;

use std::time::{Duration, Instant};

use common::{audit, audit_chunked, audit_split, codes, examples};
use tamis::{Auditor, Options, Report, FIELD_CAP, MAX_FIELDS, SNIFF_BYTES};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{peak_above_kib, reset_peak};

/// What an auditor may hold whatever the input: the sniff sample (at most
/// `SNIFF_CAP`, 1 MiB), one record (`RECORD_CAP`, 4 MiB) and its bookkeeping.
const MEMORY_BOUND_KIB: u64 = 8 * 1024;

/// A deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// Streams an input made of `parts`, each `(bytes, times)`: `bytes` fed `times` times in
/// a row (the parts are small; the input can be huge). Returns the report, the peak
/// memory growth in KiB once past `parts[0]`, and how long it took.
fn audit_stream(opts: &Options, parts: &[(&[u8], usize)]) -> (Report, u64, Duration) {
    let start = Instant::now();
    let mut auditor = Auditor::new(opts.clone()).expect("valid options");
    let mut base = None;
    let mut total = 0u64;
    for &(bytes, times) in parts {
        for _ in 0..times {
            auditor.feed(bytes);
            total += bytes.len() as u64;
        }
        base.get_or_insert_with(reset_peak);
    }
    let grew = peak_above_kib(base.unwrap_or_else(reset_peak));
    assert_eq!(auditor.bytes_fed(), total);
    let r = auditor.finish();
    assert_eq!(r.input.bytes, total);
    (r, grew, start.elapsed())
}

/// `rows == ok + review + reject`, for every report.
fn assert_counts(r: &Report) {
    assert_eq!(
        r.input.rows,
        r.rows.ok + r.rows.review + r.rows.reject,
        "{:?}",
        r.rows
    );
}

/// The rows (from 1) of the examples of `code`.
fn rows_of(r: &Report, code: &str) -> Vec<Option<u64>> {
    examples(r, code).iter().map(|e| e.0).collect()
}

/// A valid CSV of contacts, `rows` data rows, ASCII only.
fn contacts(rows: usize) -> Vec<u8> {
    let mut out = b"email;nom;prenom;telephone;ville\n".to_vec();
    for i in 0..rows {
        out.extend(
            format!(
                "c{i}@exemple.fr;Dupont{i};Jean;06 12 34 {:02} {:02};Paris\n",
                i % 97,
                i % 89
            )
            .bytes(),
        );
    }
    out
}

// --- binary ---------------------------------------------------------------------------

#[test]
fn binary_headers_in_any_chunking_are_not_text() {
    // bad_input.rs feeds short binary samples whole; here they run past the sniff
    // window and are fed byte by byte and in odd chunks: the same report every time.
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let tail = rng.bytes(SNIFF_BYTES + 5000);
    for (head, kind) in [
        (&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], "PNG image"),
        (
            b"PK\x03\x04\x14\0\x06\0",
            "ZIP archive (an .xlsx or .ods workbook is one)",
        ),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
    ] {
        let bytes = [head, &tail].concat();
        let (r, whole) = audit_split(&bytes, &[], &Options::default());
        assert_eq!(codes(&r), ["csv.not_text"], "{kind}");
        let f = r.finding("csv.not_text").expect("not_text");
        assert_eq!(
            f.examples[0].params.get("kind").map(String::as_str),
            Some(kind)
        );
        assert_eq!((r.input.rows, r.input.text), (0, false));
        for size in [1, 3, 7, 4096, 65537] {
            let (_, chunked) = audit_chunked(&bytes, size, &Options::default());
            assert_eq!(whole, chunked, "{kind} in chunks of {size}");
        }
    }
}

#[test]
fn megabytes_of_random_bytes_are_not_text_with_bounded_memory() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let chunk = rng.bytes(64 * 1024);
    let (r, grew, _) = audit_stream(&Options::default(), &[(&chunk[..1], 1), (&chunk, 128)]);
    assert_eq!(codes(&r), ["csv.not_text"]);
    assert_eq!(
        r.finding("csv.not_text").unwrap().examples[0]
            .params
            .get("kind")
            .map(String::as_str),
        Some("binary data")
    );
    assert_counts(&r);
    assert!(
        grew < MEMORY_BOUND_KIB,
        "memory grew by {grew} KiB on 8 MiB of noise"
    );
}

#[test]
fn binary_data_after_the_sniff_window_is_flagged_row_by_row() {
    // A good CSV, then a PNG glued behind it past the 64 KiB the dialect is read from:
    // the file stays text, and the binary part is invalid bytes, ragged rows, never a
    // panic, with bounded memory.
    let csv = contacts(3000);
    assert!(csv.len() > SNIFF_BYTES);
    let mut rng = Rng(7);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(rng.bytes(64 * 1024));
    let (r, grew, _) = audit_stream(&Options::default(), &[(&csv, 1), (&png, 32)]);
    assert!(r.input.text);
    assert_eq!(r.input.encoding.as_deref(), Some("UTF-8"));
    assert!(r.input.rows > 3000, "{} rows", r.input.rows);
    assert!(r.count("encoding.invalid_bytes") > 0, "{:?}", codes(&r));
    assert!(
        r.count("csv.ragged_row") + r.count("csv.too_many_columns") > 0,
        "{:?}",
        codes(&r)
    );
    // The first bad row is the one right after the last good one.
    assert_eq!(rows_of(&r, "encoding.invalid_bytes")[0], Some(3001));
    assert_counts(&r);
    assert!(grew < MEMORY_BOUND_KIB, "memory grew by {grew} KiB");
}

// --- UTF-8 cut by chunk ends and by the end of the file ------------------------------

/// A UTF-8 file past the sniff window with 2-, 3- and 4-byte characters in every row.
fn multibyte_file() -> Vec<u8> {
    let mut out = "email;nom;prenom;ville;note\n".as_bytes().to_vec();
    let mut i = 0;
    while out.len() < SNIFF_BYTES * 2 {
        out.extend(format!("zoe{i}@exemple.fr;Lœvenbruck;Zoé;Besançon;€ 🎉 日本 ñ\n").bytes());
        i += 1;
    }
    out
}

#[test]
fn utf8_cut_inside_every_character_by_chunk_ends() {
    let bytes = multibyte_file();
    // A cut after every byte that starts or continues a multi-byte sequence (except the
    // last one of it): every character is split between two chunks.
    let cuts: Vec<usize> = (1..bytes.len())
        .filter(|&i| bytes[i] & 0xC0 == 0x80)
        .collect();
    assert!(cuts.len() > 10_000);
    let opts = Options::default();
    let (r, whole) = audit_split(&bytes, &[], &opts);
    assert_eq!(r.input.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(r.count("encoding.invalid_bytes"), 0, "{:?}", codes(&r));
    let (_, split) = audit_split(&bytes, &cuts, &opts);
    assert_eq!(whole, split, "cut inside every character");
    // And in chunk sizes that fall on every offset of a 2-, 3- and 4-byte sequence.
    for size in [1, 2, 3, 5, 4093] {
        let (_, chunked) = audit_chunked(&bytes, size, &opts);
        assert_eq!(whole, chunked, "chunks of {size}");
    }
}

#[test]
fn utf8_truncated_at_the_end_of_the_file() {
    // A download cut inside a character: the last row is flagged, the file stays UTF-8
    // (not read as Windows-1252 mojibake), whether the cut is inside the sniff sample
    // (a small file) or far after it.
    let small = "nom;ville\nZoé;Nîmes\nNoël;Besançon\n".as_bytes().to_vec();
    let big = multibyte_file();
    for (what, body) in [("small", small), ("big", big)] {
        for cut_char in ["é", "€", "🎉"] {
            let c = cut_char.as_bytes();
            for keep in 1..c.len() {
                let mut bytes = body.clone();
                bytes.extend_from_slice(b"Dupont;Besan");
                bytes.extend_from_slice(&c[..keep]);
                let r = audit(&bytes);
                let how = format!("{what}, {cut_char:?} cut after {keep} byte(s)");
                assert_eq!(r.input.encoding.as_deref(), Some("UTF-8"), "{how}");
                assert_eq!(
                    rows_of(&r, "encoding.invalid_bytes"),
                    [Some(r.input.rows)],
                    "{how}: {:?}",
                    codes(&r)
                );
                assert_counts(&r);
            }
        }
    }
    // A Windows-1252 file ending in an accented letter is still Windows-1252.
    let r = audit(b"nom;ville\nDupont;Paris\nMartin;Caf\xe9");
    assert_eq!(r.input.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(r.count("encoding.invalid_bytes"), 0);
}

// --- NUL bytes in cells -----------------------------------------------------------------

#[test]
fn nul_bytes_in_cells() {
    // NULs inside email and phone cells make them invalid, NUL-only cells are invalid
    // or missing; the file stays text and every row is read. Before and after the
    // window (with fewer good rows, so many NULs make the file binary data).
    let row_bad = b"a\0b@exemple.fr;Du\0pont;Jean;06\x0012 34 56 78;Paris\n";
    let row_nul = b"\0;\0\0;\0;\0;\0\n";
    for filler in [20, 2000] {
        let mut bytes = contacts(filler);
        let first_bad = filler as u64 + 1;
        for _ in 0..10 {
            bytes.extend_from_slice(row_bad);
            bytes.extend_from_slice(row_nul);
        }
        let r = audit(&bytes);
        let what = format!("after {filler} good rows");
        assert!(r.input.text, "{what}");
        assert_eq!(r.input.rows, filler as u64 + 20, "{what}");
        assert_eq!(r.input.columns.len(), 5, "{what}");
        assert_eq!(r.count("csv.ragged_row"), 0, "{what}");
        // A NUL in an address or a number, or a cell that is only NULs: invalid.
        assert_eq!(r.count("email.invalid"), 20, "{what}: {:?}", codes(&r));
        assert_eq!(rows_of(&r, "email.invalid")[0], Some(first_bad), "{what}");
        assert_eq!(r.count("phone.invalid"), 20, "{what}: {:?}", codes(&r));
        assert_eq!(r.count("row.no_contact"), 20, "{what}: {:?}", codes(&r));
        // A name made of NULs is no name.
        assert_eq!(
            rows_of(&r, "name.missing")[0],
            Some(first_bad + 1),
            "{what}"
        );
        assert_eq!(r.count("name.missing"), 10, "{what}: {:?}", codes(&r));
        // Every row with a NUL says so: `Du\0pont` is no typo.
        assert_eq!(r.count("cell.control_char"), 20, "{what}: {:?}", codes(&r));
        assert_eq!(
            rows_of(&r, "cell.control_char")[0],
            Some(first_bad),
            "{what}"
        );
        assert_eq!(r.rows.reject, 20, "{what}: {:?}", r.rows);
        assert_counts(&r);
    }
}

#[test]
fn a_megabyte_of_nul_bytes_after_the_window() {
    // A text file, then 1 MiB of NULs (a disk block that was never written): one huge
    // field, truncated and flagged, with bounded memory.
    let csv = contacts(3000);
    let nuls = vec![0u8; 64 * 1024];
    let (r, grew, _) = audit_stream(&Options::default(), &[(&csv, 1), (&nuls, 16), (b"\n", 1)]);
    assert!(r.input.text);
    assert_eq!(r.input.rows, 3001);
    assert_eq!(rows_of(&r, "csv.field_too_long"), [Some(3001)]);
    assert_counts(&r);
    assert!(grew < MEMORY_BOUND_KIB, "memory grew by {grew} KiB");
}

// --- a million columns ------------------------------------------------------------------

#[test]
fn a_row_of_a_million_columns() {
    // One data row of 1,000,000 empty fields between two good rows: flagged, capped at
    // MAX_FIELDS, bounded memory, and the next row is read normally.
    let head = b"email;nom\na@exemple.fr;Dupont\n";
    let semis = vec![b';'; 999_999];
    let (r, grew, _) = audit_stream(
        &Options::default(),
        &[(head, 1), (&semis, 1), (b"\nb@exemple.fr;Durand\n", 1)],
    );
    assert_eq!(r.input.rows, 3);
    assert_eq!(r.input.columns.len(), 2);
    assert_eq!(rows_of(&r, "csv.too_many_columns"), [Some(2)]);
    assert_eq!(r.count("csv.ragged_row"), 0, "{:?}", codes(&r));
    assert_counts(&r);
    assert!(grew < MEMORY_BOUND_KIB, "memory grew by {grew} KiB");
}

#[test]
fn a_header_of_a_million_columns() {
    // The first line alone is 2 MB (past SNIFF_CAP, 1 MiB): the columns are capped and
    // every row is flagged.
    let mut header = Vec::with_capacity(2_000_000);
    for i in 0..1_000_000u32 {
        header.push(b'a' + (i % 26) as u8);
        header.push(b';');
    }
    *header.last_mut().unwrap() = b'\n';
    // Fed in 64 KiB chunks (a caller's chunk is the caller's memory).
    let mut parts: Vec<(&[u8], usize)> = vec![(&header[..1], 1)];
    parts.extend(header[1..].chunks(64 * 1024).map(|c| (c, 1)));
    parts.push((b"1;2;3\n4;5;6\n", 1));
    let (r, grew, _) = audit_stream(&Options::default(), &parts);
    assert!(r.input.text);
    assert_eq!(r.input.delimiter.as_deref(), Some(";"));
    // The header's fields beyond MAX_FIELDS are dropped (silently: reported), and the
    // short rows are ragged.
    assert_eq!(r.input.columns.len(), MAX_FIELDS);
    assert_eq!(r.input.rows, 2);
    assert_eq!(
        rows_of(&r, "csv.ragged_row"),
        [Some(1), Some(2)],
        "{:?}",
        codes(&r)
    );
    assert_counts(&r);
    // The sniff phase holds the 1 MiB sample, its decoded text and its parsed fields at
    // once: about 9 MiB here, the same with a header of 4 million columns (8 MB).
    assert!(grew < 2 * MEMORY_BOUND_KIB, "memory grew by {grew} KiB");
}

// --- one huge field -----------------------------------------------------------------------

/// A quoted field of `len` bytes (delimiters, newlines and escaped quotes inside) in
/// row 2, then a good row: the field is flagged and truncated, the quote closes, the
/// next row is read, memory stays bounded.
fn one_huge_quoted_field(len: usize) -> Duration {
    let head = b"email;nom;commentaire\na@exemple.fr;Dupont;ok\nb@exemple.fr;Durand;\"";
    let mut chunk = Vec::with_capacity(1 << 20);
    while chunk.len() < 1 << 20 {
        chunk.extend_from_slice(b"lorem; ipsum,\r\ndolor \"\"sit\"\" amet|\t");
    }
    chunk.truncate(1 << 20);
    // Do not end the chunk inside an escaped quote pair.
    while chunk.last() == Some(&b'"') {
        chunk.pop();
        chunk.push(b'x');
    }
    let times = len / chunk.len();
    let (r, grew, took) = audit_stream(
        &Options::default(),
        &[
            (head, 1),
            (&chunk, times),
            (b"\"\nc@exemple.fr;Martin;ok\n", 1),
        ],
    );
    let what = format!("{} MiB field", times);
    assert_eq!(r.input.rows, 3, "{what}");
    assert_eq!(rows_of(&r, "csv.field_too_long"), [Some(2)], "{what}");
    assert_eq!(r.count("csv.unbalanced_quote"), 0, "{what}");
    assert_eq!(r.count("csv.ragged_row"), 0, "{what}");
    assert_eq!(r.rows.ok + r.rows.review, 3, "{what}: {:?}", r.rows);
    assert_counts(&r);
    assert!(
        grew < MEMORY_BOUND_KIB,
        "{what}: memory grew by {grew} KiB (FIELD_CAP is {FIELD_CAP})"
    );
    took
}

/// 1 GiB, streamed from one 1 MiB chunk: about 5 s in the debug profile (opt-level 1).
#[test]
fn a_single_1_gb_field() {
    let took = one_huge_quoted_field(1 << 30);
    println!("1 GiB field: {took:?}");
    // A hang guard, not a benchmark.
    assert!(took < Duration::from_secs(300), "{took:?}");
}

// --- 10,000 empty lines ---------------------------------------------------------------------

#[test]
fn ten_thousand_empty_lines_around_and_inside_the_data() {
    // bad_input.rs has a file of only empty lines. Here they come before the header,
    // between the rows and at the end: skipped, every row read, positions right.
    for eol in ["\n", "\r\n", "\r"] {
        let blank = eol.repeat(10_000);
        let text = format!(
            "{blank}email;nom{eol}{blank}a@exemple.fr;Dupont{eol}{blank}b@exemple.fr;Durand{eol}{blank}"
        );
        let bytes = text.as_bytes();
        let r = audit(bytes);
        let what = format!("{eol:?}");
        assert!(r.input.header, "{what}");
        assert_eq!(r.input.rows, 2, "{what}: {:?}", codes(&r));
        assert_eq!(r.input.columns.len(), 2, "{what}");
        assert_eq!(
            r.count("csv.empty") + r.count("csv.header_only"),
            0,
            "{what}"
        );
        assert_eq!(
            r.count("csv.ragged_row") + r.count("csv.title_line"),
            0,
            "{what}"
        );
        assert_counts(&r);
        // Same report in any chunking.
        let (_, whole) = audit_split(bytes, &[], &Options::default());
        let (_, chunked) = audit_chunked(bytes, 7, &Options::default());
        assert_eq!(whole, chunked, "{what}");
    }
}

#[test]
fn ten_thousand_rows_of_empty_fields() {
    // Lines of delimiters only (what a spreadsheet writes for formatted, empty cells)
    // between data rows: each is a blank row, rejected.
    let mut bytes = b"email;nom;ville\na@exemple.fr;Dupont;Paris\n".to_vec();
    bytes.extend(b";;\n".repeat(10_000));
    bytes.extend(b"b@exemple.fr;Durand;Lyon\n");
    let r = audit(&bytes);
    assert_eq!(r.input.rows, 10_002);
    assert_eq!(r.count("csv.blank_row"), 10_000);
    assert_eq!(rows_of(&r, "csv.blank_row")[0], Some(2));
    assert_eq!(r.rows.reject, 10_000, "{:?}", r.rows);
    assert_counts(&r);
}

// --- quotes left open everywhere ----------------------------------------------------------

#[test]
fn every_line_opens_a_quote() {
    // A quote at the start of every line: each one closes the field the previous one
    // opened, so the lines pair up into rows of one long field; with an odd number of
    // lines the last quote never closes, and that row is flagged.
    for (lines, unbalanced) in [(999usize, vec![Some(500)]), (1000, vec![])] {
        let mut bytes = b"nom;ville\n".to_vec();
        for i in 0..lines {
            bytes.extend(format!("\"Dupont{i};Paris\n").bytes());
        }
        let r = audit(&bytes);
        assert_eq!(r.input.rows, 500, "{lines} lines");
        assert_eq!(
            rows_of(&r, "csv.unbalanced_quote"),
            unbalanced,
            "{lines} lines"
        );
        assert_counts(&r);
    }
}

#[test]
fn a_quote_opened_in_the_header() {
    // The header's quote swallows the whole file: `csv.header_only`, and the quote left
    // open says why.
    let bytes = b"\"nom;ville\nDupont;Paris\nMartin;Lyon\n";
    let r = audit(bytes);
    assert_eq!(codes(&r), ["csv.header_only", "csv.unbalanced_quote"]);
    assert_eq!(r.input.rows, 0);
}

#[test]
fn quotes_inside_fields_everywhere() {
    // A quote in the middle or at the end of every field (`ab"c`, `Paris"`) is kept as
    // a character by the CSV reader: no row is lost, no finding about quotes.
    let mut bytes = b"nom;ville\n".to_vec();
    for i in 0..1000 {
        bytes.extend(format!("Du\"pont{i};Par\"is\"\n").bytes());
    }
    let r = audit(&bytes);
    assert_eq!(r.input.rows, 1000, "{:?}", codes(&r));
    assert_eq!(
        r.count("csv.unbalanced_quote") + r.count("csv.ragged_row"),
        0
    );
    assert_counts(&r);
}

#[test]
fn quotes_every_other_byte_and_only_quotes() {
    // Random quotes, delimiters and newlines, past the sniff window and in chunks:
    // whatever the reading, the same report in any chunking, bounded, no hang.
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    let alphabet = b"\"\";\n ab";
    let bytes: Vec<u8> = (0..SNIFF_BYTES + 10_000)
        .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
        .collect();
    let (r, whole) = audit_split(&bytes, &[], &Options::default());
    assert!(r.input.text);
    assert_counts(&r);
    for size in [1, 4096] {
        let (_, chunked) = audit_chunked(&bytes, size, &Options::default());
        assert_eq!(whole, chunked, "chunks of {size}");
    }
    // Quotes and nothing else: one or two are an empty field (an empty file); more are
    // a one-field header, left open when their number is odd.
    for n in [1usize, 2, 3, 4, 1001, 3 * SNIFF_BYTES + 1] {
        let r = audit(&vec![b'"'; n]);
        assert!(r.input.text, "{n} quotes");
        assert_eq!(r.input.rows, 0, "{n} quotes");
        let want: &[&str] = if n <= 2 {
            &["csv.empty"]
        } else if n % 2 == 1 {
            &["csv.header_only", "csv.unbalanced_quote"]
        } else {
            &["csv.header_only"]
        };
        assert_eq!(codes(&r), want, "{n} quotes");
    }
}

#[test]
fn a_quote_opened_past_the_window_swallowing_ten_megabytes() {
    // bad_input.rs opens the quote in row 1; here it opens at row 3001, after the
    // dialect is decided, and what follows has no quote at all.
    let csv = contacts(3000);
    let (r, grew, _) = audit_stream(
        &Options::default(),
        &[
            (&csv, 1),
            (b"x@exemple.fr;\"Dupont;Jean;06;Paris\n", 1),
            (b"y@exemple.fr;Martin;Paul;07;Lyon\n", 300_000),
        ],
    );
    assert_eq!(r.input.rows, 3001);
    assert_eq!(rows_of(&r, "csv.unbalanced_quote"), [Some(3001)]);
    assert_eq!(rows_of(&r, "csv.field_too_long"), [Some(3001)]);
    assert_counts(&r);
    assert!(grew < MEMORY_BOUND_KIB, "memory grew by {grew} KiB");
}

// --- found while fuzzing (fuzz/, scripts/fuzz.sh) --------------------------------------------

#[test]
fn a_csv_starting_with_mz_is_text() {
    // "MZ" was taken as a Windows executable's magic number on its own: a file whose
    // first cell starts with MZ (a name, a code) was rejected as not text.
    for bytes in [
        &b"MZALI;Karim;karim@exemple.fr\nDUPONT;Jean;jean@exemple.fr\n"[..],
        b"MZ\n1\n",
        b"MZ",
    ] {
        let r = audit(bytes);
        assert!(
            r.input.text,
            "{:?}: {:?}",
            String::from_utf8_lossy(bytes),
            codes(&r)
        );
        assert_eq!(r.count("csv.not_text"), 0);
    }
    // A real DOS/PE header still is one.
    let r = audit(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0\xb8\0\0\0\0\0\0\0@\0");
    assert_eq!(codes(&r), ["csv.not_text"]);
    assert_eq!(
        r.finding("csv.not_text").unwrap().examples[0]
            .params
            .get("kind")
            .map(String::as_str),
        Some("Windows executable")
    );
}

/// Reported (src/checks/phone.rs, whose overseas numbering is being written): a
/// Saint-Pierre-et-Miquelon number is French (`Geographic`) written nationally, but its
/// own E.164 form reads as `Foreign`, or does not parse at all when its six digits start
/// with 0, so an opposition entry written in E.164 would not match it. Found by the
/// `phone` fuzz target (inputs `508042578` and `508256202`: the zero a spreadsheet ate).
#[test]
fn saint_pierre_et_miquelon_e164_parses_back() {
    use tamis::checks::phone;
    // Its six-digit numbers never start with 0: `0508 04 25 78` is no number.
    for v in ["0508 04 25 78", "508042578", "+508 04 25 78"] {
        assert!(phone::parse(v).is_err(), "{v}");
    }
    // The others read the same nationally and in E.164, with the same kind.
    for v in [
        "0508 25 62 02",
        "508256202",
        "0508 41 23 45",
        "+508 41 23 45",
    ] {
        let p = phone::parse(v).unwrap_or_else(|e| panic!("{v}: {e:?}"));
        let again = phone::parse(&p.e164).unwrap_or_else(|e| panic!("{v} -> {}: {e:?}", p.e164));
        assert_eq!((&again.e164, again.kind), (&p.e164, p.kind), "{v}");
    }
}

#[test]
fn a_gmail_address_that_is_only_a_tag_has_no_canonical_form() {
    // `+nt@gmail.com` lost its whole local part to the `+tag` rule: its canonical form
    // was `@gmail.com`, not an address, shared by every such address (duplicates,
    // opposition matches). Found by the `email` fuzz target (hex 2b6e7440676d61696c2e636f6d).
    use tamis::checks::email;
    for v in ["+nt@gmail.com", "+@googlemail.com", "+a.b@GMail.com"] {
        assert!(!email::check(v).invalid, "{v}");
        assert_eq!(email::canonical(v), None, "{v}");
    }
    assert_eq!(
        email::canonical("j.d+nt@gmail.com").as_deref(),
        Some("jd@gmail.com")
    );
}

/// A domain with `İ` is valid, but Unicode lower-casing makes it `i` + U+0307 (combining
/// dot), which `syntax_ok` rejects: the canonical form then lowers ASCII letters only, so
/// it is a valid address that maps to itself, in `email` and in `keys` alike. Found by
/// the `email` fuzz target (hex 5840474d41494c2ec4b04d).
#[test]
fn canonical_email_is_idempotent_for_dotted_capital_i() {
    use tamis::checks::email;
    let v = "X@GMAIL.İM";
    assert!(!email::check(v).invalid);
    let c = email::canonical(v).expect("valid");
    assert!(!email::check(&c).invalid, "{c}");
    assert_eq!(email::canonical(&c).as_deref(), Some(c.as_str()));
    let k = tamis::keys::canonical_email(v).expect("valid");
    assert_eq!(
        tamis::keys::canonical_email(&k).as_deref(),
        Some(k.as_str())
    );
    assert!(!email::check(&k).invalid, "{k}");
}
