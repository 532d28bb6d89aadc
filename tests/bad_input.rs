//! Bad inputs give a clear finding or report: never a panic, never a hang, and
//! bounded memory. The big inputs are generated here, chunk by chunk, never committed
//! and never held whole in memory.
//!
//!
//! Memory is measured per thread by a counting allocator (tests run in parallel, so
//! the process's resident size would count the other tests' allocations too).

mod common;

use common::{audit, audit_preview, codes, examples, fixture, offset_of, utf16be, utf16le};

use tamis::{Auditor, Options, Report, FIELD_CAP, MAX_FIELDS, SNIFF_BYTES};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{peak_above_kib, reset_peak};

/// Feeds `parts` in order, each cut into chunks of at most 64 KiB, and finishes.
fn audit_parts<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Report {
    let mut auditor = Auditor::new(Options::default()).expect("default options");
    for part in parts {
        for chunk in part.chunks(64 * 1024) {
            auditor.feed(chunk);
        }
    }
    auditor.finish()
}

/// A generated input: `head`, then `len` bytes of `fill` (repeated), then `tail`, fed in
/// 64 KiB chunks without ever holding the whole input.
fn audit_generated(head: &[u8], fill: &[u8], len: usize, tail: &[u8]) -> (Report, Option<u64>) {
    let chunk_len = 64 * 1024 / fill.len() * fill.len();
    let chunk: Vec<u8> = fill.iter().copied().cycle().take(chunk_len).collect();
    let mut auditor = Auditor::new(Options::default()).expect("default options");
    auditor.feed(head);
    let base = reset_peak();
    let mut left = len;
    while left > 0 {
        let take = left.min(chunk.len());
        auditor.feed(&chunk[..take]);
        left -= take;
    }
    auditor.feed(tail);
    let grew = Some(peak_above_kib(base));
    assert_eq!(auditor.bytes_fed(), (head.len() + len + tail.len()) as u64);
    (auditor.finish(), grew)
}

// --- empty and nearly empty -------------------------------------------------------

#[test]
fn empty_file() {
    let r = audit(b"");
    assert_eq!(codes(&r), ["csv.empty"]);
    assert_eq!((r.input.bytes, r.input.rows, r.input.text), (0, 0, false));
    assert!(r.input.columns.is_empty());
    assert_eq!(r.rows, tamis::RowCounts::default());
}

#[test]
fn header_only() {
    for bytes in [
        &b"email;nom;prenom;ville\r\n"[..],
        b"email;nom;prenom;ville",
        b"email,nom\n\n\n",
    ] {
        let r = audit(bytes);
        assert_eq!(r.count("csv.header_only"), 1, "{bytes:?}");
        assert_eq!((r.input.rows, r.input.header), (0, true), "{bytes:?}");
        assert_eq!(r.count("csv.empty"), 0, "{bytes:?}");
    }
}

#[test]
fn ten_thousand_empty_lines() {
    for eol in [&b"\n"[..], b"\r\n", b"\r"] {
        let bytes = eol.repeat(10_000);
        let r = audit(&bytes);
        assert_eq!(r.count("csv.empty"), 1, "{eol:?}");
        assert_eq!(r.input.rows, 0);
        assert_eq!(r.input.bytes, bytes.len() as u64);
    }
}

#[test]
fn only_a_bom() {
    for bom in [&b"\xef\xbb\xbf"[..], b"\xff\xfe", b"\xfe\xff"] {
        let r = audit(bom);
        assert_eq!(r.count("csv.empty"), 1, "{bom:?}");
        assert!(r.input.bom, "{bom:?}");
    }
}

#[test]
fn only_whitespace_or_empty_rows_is_empty() {
    // `;;;;` rows are what Excel writes for a sheet of formatted, empty cells.
    for bytes in [
        &b"   \n  \n\t\n"[..],
        &fixture("only_empty_rows.csv"),
        b";;;\n;;;\n;;;\n",
        b" ; ; \r\n",
    ] {
        let r = audit(bytes);
        assert_eq!(
            codes(&r),
            ["csv.empty"],
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

// --- not text ------------------------------------------------------------------------

#[test]
fn binary_files_are_not_text() {
    let cases: &[(&[u8], &str)] = &[
        (&fixture("image.png"), "PNG image"),
        (
            &fixture("workbook.xlsx"),
            "ZIP archive (an .xlsx or .ods workbook is one)",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF document"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0\0\0\0\0",
            "Excel 97-2003 workbook (.xls)",
        ),
        (b"\x1f\x8b\x08\0\0\0\0\0\0\x03", "gzip archive"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF\0", "JPEG image"),
        (&[0u8; 4096], "binary data"),
        (
            &(0u8..=255).cycle().take(10_000).collect::<Vec<u8>>(),
            "binary data",
        ),
    ];
    for (bytes, kind) in cases {
        let (r, preview) = audit_preview(bytes);
        assert!(!r.input.text, "{kind}");
        assert!(preview.is_none(), "{kind}: no preview of a binary file");
        assert_eq!(codes(&r), ["csv.not_text"], "{kind}");
        let f = r.finding("csv.not_text").expect("csv.not_text");
        assert_eq!(
            f.examples[0].params.get("kind").map(String::as_str),
            Some(*kind)
        );
        assert_eq!(r.input.bytes, bytes.len() as u64);
        assert!(
            r.input.columns.is_empty() && r.input.encoding.is_none() && r.input.delimiter.is_none()
        );
    }
}

#[test]
fn a_few_nul_bytes_do_not_make_a_file_binary() {
    let r = audit(&fixture("nul_bytes.csv"));
    assert!(r.input.text);
    assert_eq!(r.input.rows, 7);
    assert_eq!(r.count("csv.not_text"), 0);
}

// --- encodings -----------------------------------------------------------------------

#[test]
fn utf16_is_read_right() {
    let text = "Prénom\tNom\tEmail\r\nZoé\tLœvenbruck\tzoe.l@exemple.com\r\nNoël 🎉\tDubœuf\tnoel@exemple.fr\r\n";
    for (what, bytes, enc) in [
        (
            "LE BOM",
            [&[0xFF, 0xFE][..], &utf16le(text)].concat(),
            "UTF-16LE",
        ),
        (
            "BE BOM",
            [&[0xFE, 0xFF][..], &utf16be(text)].concat(),
            "UTF-16BE",
        ),
        ("LE", utf16le(text), "UTF-16LE"),
        ("BE", utf16be(text), "UTF-16BE"),
    ] {
        let (r, preview) = audit_preview(&bytes);
        assert_eq!(r.input.encoding.as_deref(), Some(enc), "{what}");
        assert_eq!(r.input.delimiter.as_deref(), Some("\t"), "{what}");
        assert_eq!((r.input.rows, r.input.columns.len()), (2, 3), "{what}");
        let names: Vec<_> = r.input.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Prénom", "Nom", "Email"], "{what}");
        assert_eq!(
            common::roles(&r),
            ["first_name", "last_name", "email"],
            "{what}"
        );
        let rows = preview.expect("preview").rows;
        assert_eq!(
            rows[1].fields,
            ["Noël 🎉", "Dubœuf", "noel@exemple.fr"],
            "{what}"
        );
        assert!(r.finding("encoding.invalid_bytes").is_none(), "{what}");
    }
}

#[test]
fn truncated_utf16_flags_its_last_row() {
    // An odd number of bytes: the last code unit is cut.
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16le("nom\tville\r\nDurand\tLyon\r\nPetit\tParis"));
    bytes.pop();
    let r = audit(&bytes);
    assert_eq!(r.input.rows, 2);
    assert_eq!(
        examples(&r, "encoding.invalid_bytes")
            .iter()
            .map(|e| e.0)
            .collect::<Vec<_>>(),
        [Some(2)]
    );
}

#[test]
fn unpaired_surrogates_are_invalid_bytes() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16le("nom\tville\r\nDurand\tLyon\r\n"));
    let bad_row = bytes.len() as u64;
    bytes.extend(utf16le("Pe"));
    bytes.extend([0x3D, 0xD8]); // a high surrogate with no low one
    bytes.extend(utf16le("tit\tParis\r\nMoreau\tNantes\r\n"));
    let r = audit(&bytes);
    assert_eq!(r.input.rows, 3);
    assert_eq!(
        examples(&r, "encoding.invalid_bytes"),
        vec![(Some(2), 3, bad_row)]
    );
}

// --- quotes --------------------------------------------------------------------------

#[test]
fn unbalanced_quote_at_the_end() {
    let b = fixture("unbalanced_quote.csv");
    let r = audit(&b);
    let row = offset_of(&b, b"Moreau;");
    assert_eq!(
        examples(&r, "csv.unbalanced_quote"),
        vec![(Some(3), 4, row)]
    );
    assert_eq!(r.count("csv.unbalanced_quote"), 1);

    // A lone quote as the very last byte, and a quote that opens the last field.
    for text in [
        &b"a;b\n1;2\n\""[..],
        b"a;b\n1;2\n3;\"",
        b"a;b\n1;2\n3;\"x\ny\n",
    ] {
        let r = audit(text);
        assert_eq!(
            examples(&r, "csv.unbalanced_quote"),
            vec![(Some(2), 3, 8)],
            "{:?}",
            String::from_utf8_lossy(text)
        );
    }
    // Balanced quotes, escaped quotes: no finding.
    for text in [
        &b"a;b\n1;\"2\"\"\"\n"[..],
        b"a;b\n\"\";\"\"\"\"\n",
        b"a;b\n\"x\ny\";z",
    ] {
        assert_eq!(
            audit(text).count("csv.unbalanced_quote"),
            0,
            "{:?}",
            String::from_utf8_lossy(text)
        );
    }
}

#[test]
fn unbalanced_quote_swallowing_megabytes() {
    // A quote opened in row 1 of a ~6 MB file: one huge field, truncated, flagged.
    let head = b"email;nom;commentaire\na@exemple.fr;Dupont;\"debut";
    let (r, _) = audit_generated(head, b"x;y\n", 6 << 20, b"\n");
    assert_eq!(r.input.rows, 1);
    assert_eq!(examples(&r, "csv.unbalanced_quote"), vec![(Some(1), 2, 22)]);
    assert_eq!(r.count("csv.field_too_long"), 1);
}

// --- too long, too wide ------------------------------------------------------------

/// 50 MB: about 3 s in a debug build, so not gated on `cfg!(debug_assertions)`.
const HUGE: usize = 50 << 20;

#[test]
fn a_huge_single_line_is_truncated_with_bounded_memory() {
    // A header, then one data row whose last field never ends: no newline at all.
    let head = b"email;nom;commentaire\na@exemple.fr;Dupont;";
    let (r, grew) = audit_generated(head, b"0123456789abcdef", HUGE, b"");
    assert_eq!(r.input.bytes, (head.len() + HUGE) as u64);
    assert_eq!(r.input.rows, 1);
    assert_eq!(examples(&r, "csv.field_too_long"), vec![(Some(1), 2, 22)]);
    assert_eq!(r.count("csv.field_too_long"), 1);
    if let Some(grew) = grew {
        // The auditor keeps at most FIELD_CAP of a field (RECORD_CAP of a record): its
        // memory must not follow the input.
        assert!(
            grew < 8 * 1024,
            "memory grew by {grew} KiB while reading a {HUGE}-byte line"
        );
    }
}

#[test]
fn a_huge_line_of_many_fields_is_bounded() {
    // One data row of 8 MB made of 2 million short fields: at most MAX_FIELDS are kept.
    let head = b"email;nom;commentaire\na@exemple.fr;Dupont;";
    let (r, grew) = audit_generated(head, b"abc;", 8 << 20, b"\n");
    assert_eq!(r.input.rows, 1);
    assert_eq!(r.count("csv.too_many_columns"), 1);
    if let Some(grew) = grew {
        assert!(grew < 8 * 1024, "memory grew by {grew} KiB");
    }
}

#[test]
fn a_record_longer_than_record_cap_is_flagged() {
    // 80 fields of 60,000 bytes: each under FIELD_CAP, 4.8 MB together (RECORD_CAP is 4 MiB).
    let field = vec![b'x'; 60_000];
    let mut row = Vec::new();
    for _ in 0..80 {
        row.extend_from_slice(&field);
        row.push(b';');
    }
    row.extend_from_slice(b"end\n");
    let r = audit_parts([
        &b"email;nom\na@exemple.fr;Dupont\n"[..],
        &row,
        b"b@exemple.fr;Durand\n",
    ]);
    assert_eq!(r.input.rows, 3);
    assert_eq!(
        examples(&r, "csv.field_too_long")
            .iter()
            .map(|e| e.0)
            .collect::<Vec<_>>(),
        [Some(2)]
    );
}

#[test]
fn a_one_megabyte_first_line_without_newline() {
    // One field of 1 MB: one record, taken as the header.
    let (r, _) = audit_generated(b"", b"x", 1 << 20, b"");
    assert!(r.input.text);
    assert_eq!((r.input.rows, r.count("csv.header_only")), (0, 1));
    assert_eq!(r.input.columns.len(), 1);

    // 1 MB of short fields: still one record; it finishes.
    let (r, _) = audit_generated(b"", b"a;", 1 << 20, b"");
    assert_eq!((r.input.rows, r.count("csv.header_only")), (0, 1));
}

#[test]
fn a_one_megabyte_header_of_short_fields_is_capped() {
    // The sniff window ends right after a `;`: parse_sample then calls csv-core with an
    // empty input, which csv-core reads as the end of the file, so the cut record is
    // taken as complete; its fields are capped at 20,000, not at MAX_FIELDS (16,384).
    let (r, _) = audit_generated(b"", b"a;", 1 << 20, b"");
    assert!(
        r.input.columns.len() <= MAX_FIELDS,
        "{} columns",
        r.input.columns.len()
    );
}

#[test]
fn a_header_longer_than_the_sniff_window() {
    // No complete record in the window, so the dialect is decided from nothing.
    let header: Vec<String> = (1..=10_000).map(|i| format!("colonne_{i:05}")).collect();
    let header = header.join(";");
    assert!(header.len() > SNIFF_BYTES);
    let row = vec!["1"; 10_000].join(";");
    let r = audit_parts([
        header.as_bytes(),
        b"\n",
        row.as_bytes(),
        b"\n",
        row.as_bytes(),
        b"\n",
    ]);
    assert_eq!(r.input.delimiter.as_deref(), Some(";"));
    assert_eq!(r.input.columns.len(), 10_000);
    assert_eq!(r.count("csv.ragged_row"), 0);
}

#[test]
fn truncation_does_not_invent_invalid_bytes() {
    // "a" then "é" (2 bytes) repeated: byte FIELD_CAP falls inside an "é".
    let mut row = b"Dupont;a".to_vec();
    while row.len() < FIELD_CAP + 1000 {
        row.extend_from_slice("é".as_bytes());
    }
    let r = audit_parts([&b"nom;commentaire\n"[..], &row, b"\nMartin;ok\n"]);
    assert_eq!(r.count("csv.field_too_long"), 1);
    assert_eq!(
        r.count("encoding.invalid_bytes"),
        0,
        "the file is valid UTF-8: {:?}",
        codes(&r)
    );
}

fn wide(cols: usize, sep: &str, header: bool) -> Vec<u8> {
    let mut out = String::new();
    if header {
        let names: Vec<String> = (1..=cols).map(|i| format!("c{i}")).collect();
        out.push_str(&names.join(sep));
        out.push('\n');
    }
    let row: Vec<String> = (0..cols).map(|i| (i % 10).to_string()).collect();
    let row = row.join(sep);
    for _ in 0..3 {
        out.push_str(&row);
        out.push('\n');
    }
    out.into_bytes()
}

#[test]
fn ten_thousand_columns() {
    let bytes = wide(10_000, ";", true);
    let header_len = bytes.iter().position(|&b| b == b'\n').unwrap_or(0);
    assert!(
        header_len < SNIFF_BYTES,
        "the header fits in the sniff window"
    );
    let r = audit(&bytes);
    assert_eq!(r.input.delimiter.as_deref(), Some(";"));
    assert_eq!(r.input.columns.len(), 10_000);
    assert_eq!(r.input.columns[9_999].name, "c10000");
    assert_eq!(r.input.rows, 3);
    assert_eq!(
        r.count("csv.ragged_row") + r.count("csv.too_many_columns"),
        0
    );
}

#[test]
fn twenty_thousand_columns() {
    // With a `,` header (over the sniff window; `,` is the default delimiter), and
    // without a header (a 40 KB first row fits in the window).
    for (bytes, header) in [
        (wide(20_000, ",", true), true),
        (wide(20_000, ";", false), false),
    ] {
        let r = audit(&bytes);
        assert_eq!(r.input.header, header);
        assert_eq!(r.count("csv.too_many_columns"), 3, "header: {header}");
        let f = r.finding("csv.too_many_columns").expect("too many");
        let first = f.examples[0].position;
        assert_eq!(first.row, Some(1));
    }
}

#[test]
fn twenty_thousand_semicolon_columns_with_a_header() {
    let r = audit(&wide(20_000, ";", true));
    assert_eq!(r.input.delimiter.as_deref(), Some(";"));
    assert_eq!(r.count("csv.too_many_columns"), 3);
}

// --- arbitrary garbage ----------------------------------------------------------------

#[test]
fn garbage_never_panics() {
    // A few deterministic pseudo-random inputs (xorshift), sizes around the window.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for len in [
        1,
        2,
        3,
        100,
        8191,
        8192,
        SNIFF_BYTES - 1,
        SNIFF_BYTES,
        SNIFF_BYTES + 1,
        100_000,
    ] {
        let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        let _ = audit(&bytes);
        // Mostly text with random control and high bytes, to get past binary detection.
        let (csv, text): (&[u8], &[u8]) =
            (b"abc;,\t|\"\r\n@. 0123", b"Dupont;jean@exemple.fr;75011\n");
        for b in bytes.iter_mut() {
            *b = match next() % 100 {
                0..=59 => csv[(next() % csv.len() as u64) as usize],
                60..=89 => text[(next() % text.len() as u64) as usize],
                _ => next() as u8,
            };
        }
        let r = audit(&bytes);
        assert_eq!(r.input.bytes, len as u64);
    }
}
