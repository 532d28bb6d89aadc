//! Any chunking of the same bytes gives the same report, the same preview and the
//! same rows to a `RowSink`: whole, byte by byte, in fixed chunks, cut at every offset
//! of an edge case, around the 64 KiB sniff window, and at random (proptest, which
//! also checks that no input makes the auditor panic).
//!
//! The auditor buffers the first `SNIFF_BYTES` (64 KiB) before deciding anything and
//! then replays them in one go: chunk boundaries inside that window cannot matter.
//! So every edge case here is also placed *after* the window (behind filler rows),
//! where each chunk really goes through the decoder and the CSV reader on its own.

mod common;

use common::{
    audit_chunked, audit_split, cp1252, examples, fixture, fixture_names, line_at, utf16be,
    utf16le, Outcome,
};
use proptest::prelude::*;
use tamis::{Options, Report, SNIFF_BYTES};

/// The chunk sizes every input is fed in (1 = byte by byte).
const SIZES: &[usize] = &[1, 2, 3, 7, 4096, 65535, 65536, 65537];

/// Options for the inputs of more than 64 KiB: every column's role forced to `unknown`,
/// so that no field check runs. Chunking cannot change what the field checks see (the
/// rows given to the sink are compared too), and the checks are slow in debug builds:
/// without this, these tests would take minutes. Small inputs use the default options.
fn big() -> Options {
    let mut opts = Options::default();
    for i in 1..=16 {
        opts.roles.insert(format!("#{i}"), tamis::Role::Unknown);
    }
    opts
}

/// Options for `bytes`: the default ones for small inputs, [`big`] past the sniff window.
fn opts_for(bytes: &[u8]) -> Options {
    if bytes.len() > SNIFF_BYTES {
        big()
    } else {
        Options::default()
    }
}

/// Audits `bytes` whole, then in every chunk size of [`SIZES`], and asserts the same
/// outcome each time. Returns the report of the whole input.
fn assert_same_every_chunking(what: &str, bytes: &[u8]) -> Report {
    assert_same_every_chunking_with(what, bytes, &opts_for(bytes))
}

fn assert_same_every_chunking_with(what: &str, bytes: &[u8], opts: &Options) -> Report {
    let (report, whole) = audit_split(bytes, &[], opts);
    for &size in SIZES {
        let (_, chunked) = audit_chunked(bytes, size, opts);
        assert_same(what, &format!("chunks of {size}"), &whole, &chunked);
    }
    report
}

/// Asserts the same outcome when `bytes` is cut in two at every offset in `cuts`.
fn assert_same_every_cut(what: &str, bytes: &[u8], cuts: impl IntoIterator<Item = usize>) {
    let opts = opts_for(bytes);
    let (_, whole) = audit_split(bytes, &[], &opts);
    for cut in cuts {
        let (_, split) = audit_split(bytes, &[cut], &opts);
        assert_same(what, &format!("two pieces cut at {cut}"), &whole, &split);
    }
}

fn assert_same(what: &str, how: &str, whole: &Outcome, other: &Outcome) {
    assert_eq!(
        whole.json, other.json,
        "{what}: the report differs when fed in {how}"
    );
    assert_eq!(
        whole.preview, other.preview,
        "{what}: the preview differs when fed in {how}"
    );
    assert_eq!(
        whole.sink, other.sink,
        "{what}: the rows given to the sink differ when fed in {how}"
    );
    assert_eq!(
        whole.headers, other.headers,
        "{what}: RowSink::header calls differ when fed in {how}"
    );
}

// --- every fixture ------------------------------------------------------------

#[test]
fn every_fixture_gives_the_same_report_in_any_chunk_size() {
    let names = fixture_names();
    assert!(
        names.len() >= 30,
        "fixtures missing: run `python3 tests/fixtures/make.py`"
    );
    for name in names {
        // The default options whatever the size: invalid_utf8_late.csv (70 KB) runs every
        // field check across the window.
        assert_same_every_chunking_with(&name, &fixture(&name), &Options::default());
    }
}

/// The fixture repeated until it runs past the sniff window, so that its bytes (CRLF,
/// BOM, multi-byte characters, surrogate pairs, quotes...) also meet chunk boundaries
/// after the window.
fn repeated_past_the_window(bytes: &[u8]) -> Vec<u8> {
    if bytes.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(SNIFF_BYTES + 2 * bytes.len());
    while out.len() <= SNIFF_BYTES {
        out.extend_from_slice(bytes);
    }
    out.extend_from_slice(bytes);
    out
}

#[test]
fn every_fixture_repeated_past_the_sniff_window_gives_the_same_report_in_any_chunk_size() {
    for name in fixture_names() {
        let bytes = repeated_past_the_window(&fixture(&name));
        assert_same_every_chunking(&format!("{name} repeated"), &bytes);
    }
}

#[test]
fn the_sink_hears_the_header_once_and_every_row() {
    let bytes = fixture("ragged.csv");
    let (report, outcome) = audit_split(&bytes, &[], &Options::default());
    assert_eq!(outcome.headers, 1);
    assert_eq!(outcome.sink.len() as u64, report.input.rows);
}

#[test]
fn empty_chunks_change_nothing() {
    let bytes = repeated_past_the_window(&fixture("utf16le_bom_tab.txt"));
    let n = bytes.len();
    // Repeated cuts at the same offset feed empty chunks, before and after the window.
    let cuts = [
        0,
        0,
        1,
        1,
        2,
        2,
        100,
        100,
        SNIFF_BYTES,
        SNIFF_BYTES,
        SNIFF_BYTES + 1,
        n,
        n,
    ];
    let opts = big();
    assert_same(
        "empty chunks",
        "empty chunks",
        &audit_split(&bytes, &[], &opts).1,
        &audit_split(&bytes, &cuts, &opts).1,
    );
}

// --- edge cases, inside and after the sniff window ---------------------------

type Encoder = fn(&str) -> Vec<u8>;

fn utf8(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

/// An edge case: a header, a body holding the tricky bytes, and where its findings are.
struct Case {
    name: &'static str,
    bom: &'static [u8],
    enc: Encoder,
    header: &'static str,
    sep: char,
    eol: &'static str,
    body: &'static str,
    /// (code, data row within the body from 1, text at which the row starts).
    expect: &'static [(&'static str, u64, &'static str)],
    /// False where line numbers are known to be wrong (CR-only, see tests/sniff.rs).
    check_lines: bool,
}

/// One built input of a case.
struct Built {
    text: String,
    bytes: Vec<u8>,
    /// Offset in `bytes` where the body starts.
    body_start: usize,
    /// Offset in `text` where the body starts.
    body_text_start: usize,
    /// Data rows before the body.
    rows_before: u64,
}

impl Case {
    /// The case alone (`padded` false) or behind filler rows that push its body past
    /// the sniff window.
    fn build(&self, padded: bool) -> Built {
        let mut text = format!("{}{}", self.header, self.eol);
        let fields = self.header.split(self.sep).count();
        let mut rows_before = 0;
        if padded {
            let target = SNIFF_BYTES + 16;
            while self.bom.len() + (self.enc)(&text).len() < target {
                // Add rows in batches (encoding the whole text each time is slow).
                for _ in 0..64 {
                    let mut row = format!("c{rows_before:05}@exemple.fr");
                    for _ in 1..fields {
                        row.push(self.sep);
                        row.push_str("Zoé");
                    }
                    text.push_str(&row);
                    text.push_str(self.eol);
                    rows_before += 1;
                }
            }
        }
        let body_text_start = text.len();
        text.push_str(self.body);
        let mut bytes = self.bom.to_vec();
        let body_start = bytes.len() + (self.enc)(&text[..body_text_start]).len();
        bytes.extend((self.enc)(&text));
        Built {
            text,
            bytes,
            body_start,
            body_text_start,
            rows_before,
        }
    }

    fn check_positions(&self, b: &Built, r: &Report) {
        for &(code, row, needle) in self.expect {
            let at = b.body_text_start
                + b.text[b.body_text_start..]
                    .find(needle)
                    .expect("needle in the body");
            let byte = (self.bom.len() + (self.enc)(&b.text[..at]).len()) as u64;
            let line = line_at(b.text.as_bytes(), at as u64);
            let found = examples(r, code);
            let want = (Some(b.rows_before + row), line, byte);
            if self.check_lines {
                assert!(
                    found.contains(&want),
                    "{}: {code} expected at {want:?}, found {found:?}",
                    self.name
                );
            } else {
                let found: Vec<_> = found.iter().map(|e| (e.0, e.2)).collect();
                assert!(
                    found.contains(&(want.0, want.2)),
                    "{}: {code} expected at {want:?}, found {found:?}",
                    self.name
                );
            }
        }
    }

    /// Checks the case inside the window and after it: same outcome for every chunk
    /// size and (after the window, if `every_cut`) for every cut in the body, and
    /// findings where expected.
    fn run(&self) {
        self.run_with(true);
    }

    fn run_with(&self, every_cut: bool) {
        for padded in [false, true] {
            let b = self.build(padded);
            let what = format!(
                "{} ({})",
                self.name,
                if padded {
                    "after the sniff window"
                } else {
                    "alone"
                }
            );
            if padded && every_cut {
                assert_same_every_cut(&what, &b.bytes, b.body_start..=b.bytes.len());
            }
            let r = assert_same_every_chunking(&what, &b.bytes);
            self.check_positions(&b, &r);
            if padded {
                assert!(
                    b.body_start > SNIFF_BYTES,
                    "{what}: the body must start after the window"
                );
            }
        }
    }
}

#[test]
fn bom_split() {
    // The BOM is always inside the window; cut it everywhere anyway.
    for (name, bytes) in [
        (
            "UTF-8 BOM",
            b"\xef\xbb\xbfemail;nom\r\njean@exemple.fr;Dupont\r\nshort\r\n".to_vec(),
        ),
        (
            "UTF-16LE BOM",
            [
                &[0xFF, 0xFE][..],
                &utf16le("email;nom\r\njean@exemple.fr;Dupont\r\nshort\r\n"),
            ]
            .concat(),
        ),
        (
            "UTF-16BE BOM",
            [
                &[0xFE, 0xFF][..],
                &utf16be("email;nom\r\njean@exemple.fr;Dupont\r\nshort\r\n"),
            ]
            .concat(),
        ),
    ] {
        assert_same_every_cut(name, &bytes, 0..=bytes.len());
        // Three pieces, both cuts in or next to the BOM.
        let opts = Options::default();
        let whole = audit_split(&bytes, &[], &opts).1;
        for i in 0..=4 {
            for j in i..=4 {
                let how = format!("three pieces cut at {i} and {j}");
                assert_same(name, &how, &whole, &audit_split(&bytes, &[i, j], &opts).1);
            }
        }
        let r = assert_same_every_chunking(name, &bytes);
        assert!(r.input.bom, "{name}");
        let short = bytes.len() as u64 - if name == "UTF-8 BOM" { 7 } else { 14 };
        assert_eq!(
            examples(&r, "csv.ragged_row"),
            vec![(Some(2), 3, short)],
            "{name}"
        );
    }
}

#[test]
fn crlf_split() {
    Case {
        name: "CRLF",
        bom: b"",
        enc: utf8,
        header: "email;nom",
        sep: ';',
        eol: "\r\n",
        body: "a@exemple.fr;A\r\n;\r\nb@exemple.fr\r\n\r\n\r\nc@exemple.fr;C\r\n\"q\r\nr\";s\r\nd\r\n",
        expect: &[("csv.blank_row", 2, ";\r\nb@"), ("csv.ragged_row", 3, "b@"), ("csv.ragged_row", 6, "d\r\n")],
        check_lines: true,
    }
    .run();
}

#[test]
fn multibyte_utf8_split() {
    Case {
        name: "UTF-8 multi-byte",
        bom: b"\xef\xbb\xbf",
        enc: utf8,
        header: "nom;ville;note",
        sep: ';',
        eol: "\n",
        body: "Léa;Orléans;12 €\nZoé👍;Évry\nNoël;Sète;ok 🎉\n€€;👍👍\n",
        expect: &[("csv.ragged_row", 2, "Zoé👍"), ("csv.ragged_row", 4, "€€")],
        check_lines: true,
    }
    .run();
}

#[test]
fn invalid_utf8_split() {
    // A cut 3-byte sequence and a lone cp1252 byte after valid UTF-8.
    let body: &[u8] =
        b"a@exemple.fr;Ren\xe9;ok\nb@exemple.fr;\xe2\x82;ok\nc@exemple.fr;\xe2\x82\xac;ok\nshort\n";
    for padded in [false, true] {
        let mut bytes = if padded {
            filler(SNIFF_BYTES + 3)
        } else {
            b"email;nom;ville\n".to_vec()
        };
        let body_start = bytes.len();
        bytes.extend_from_slice(body);
        let what = format!("invalid UTF-8 (padded: {padded})");
        assert_same_every_cut(&what, &bytes, body_start..=bytes.len());
        let r = assert_same_every_chunking(&what, &bytes);
        if padded {
            assert_eq!(r.input.encoding.as_deref(), Some("UTF-8"));
            let rows = r.input.rows;
            let ex = examples(&r, "encoding.invalid_bytes");
            let at = |needle: &[u8]| common::offset_of(&bytes, needle);
            assert_eq!(
                ex,
                vec![
                    (Some(rows - 3), line_at(&bytes, at(b"a@")), at(b"a@")),
                    (Some(rows - 2), line_at(&bytes, at(b"b@")), at(b"b@"))
                ]
            );
        } else {
            assert_eq!(r.input.encoding.as_deref(), Some("windows-1252"));
        }
    }
}

#[test]
fn cp1252_split() {
    Case {
        name: "Windows-1252",
        bom: b"",
        enc: cp1252,
        header: "Nom;Prénom;Société",
        sep: ';',
        eol: "\r\n",
        body: "Lœvenbruck;Zoé;Cœur & Fils €\r\nDubœuf;Noël\r\n;;\r\nGarçon;François;L’Haÿ\r\n\"Œ\r\n€\";’;ÿ\r\n…\r\n",
        expect: &[("csv.ragged_row", 2, "Dub"), ("csv.blank_row", 3, ";;\r\n"), ("csv.ragged_row", 6, "…")],
        check_lines: true,
    }
    .run();
}

#[test]
fn utf16_surrogate_pair_split() {
    // Every cut for UTF-16LE; BE and BOM-less take the same path in tamis (the byte
    // order is encoding_rs's business): chunk sizes only.
    for (name, bom, enc, every_cut) in [
        ("UTF-16LE", &[0xFF, 0xFE][..], utf16le as Encoder, true),
        ("UTF-16BE", &[0xFE, 0xFF][..], utf16be as Encoder, false),
        ("UTF-16LE without BOM", &[][..], utf16le as Encoder, false),
    ] {
        Case {
            name,
            bom,
            enc,
            header: "nom\tnote\tville",
            sep: '\t',
            eol: "\r\n",
            body: "Zoé\t👍🎉\tÉvry\r\nshort\r\n\t\t\r\nNoël\t🙂\tSète\r\n👍\r\n\"a\"\"👍\r\nb\"\tc\td\r\nend\r\n",
            expect: &[
                ("csv.ragged_row", 2, "short"),
                ("csv.blank_row", 3, "\t\t\r\n"),
                ("csv.ragged_row", 5, "👍\r\n\"a"),
                ("csv.ragged_row", 7, "end"),
            ],
            check_lines: true,
        }
        .run_with(every_cut);
    }
}

#[test]
fn quote_split() {
    Case {
        name: "quotes",
        bom: b"",
        enc: utf8,
        header: "a;b;c",
        sep: ';',
        eol: "\r\n",
        // Escaped quotes, a quoted delimiter, a quoted CRLF, then a short row.
        body: "\"x\"\"y\";\"1;2\";\"l1\r\nl2\"\r\nshort\r\n\"\"\"\";\"\";z\r\n\"\";\"\"\r\n",
        // Row 4 is two quoted empty fields: blank, not ragged.
        expect: &[
            ("csv.ragged_row", 2, "short"),
            ("csv.blank_row", 4, "\"\";\"\"\r\n"),
        ],
        check_lines: true,
    }
    .run();
    Case {
        name: "unbalanced quote",
        bom: b"",
        enc: utf8,
        header: "a;b;c",
        sep: ';',
        eol: "\r\n",
        body: "1;2;3\r\n4;\"5;6\r\n7;8;9\r\n",
        expect: &[("csv.unbalanced_quote", 2, "4;")],
        check_lines: true,
    }
    .run();
}

#[test]
fn cr_only_split() {
    Case {
        name: "CR only",
        bom: b"",
        enc: utf8,
        header: "a;b;c",
        sep: ';',
        eol: "\r",
        body: "1;2;3\rshort\r;;\r\"x\ry\";é;z\rend\r",
        expect: &[
            ("csv.ragged_row", 2, "short"),
            ("csv.blank_row", 3, ";;\r"),
            ("csv.ragged_row", 5, "end"),
        ],
        // Line numbers ignore lone CRs: see `cr_only_line_numbers` in tests/sniff.rs.
        check_lines: false,
    }
    .run();
}

// --- around the sniff window (64 KiB) ----------------------------------------

/// `;`-separated UTF-8 lines of contacts, exactly `len` bytes long and ending with a
/// newline (the last line's last field is padded with `x`).
fn filler(len: usize) -> Vec<u8> {
    let mut out = b"email;nom;ville\n".to_vec();
    for i in 0.. {
        let line = format!("c{i:05}@exemple.fr;Nom{i};Ville\n");
        if out.len() + line.len() > len {
            break;
        }
        out.extend_from_slice(line.as_bytes());
    }
    let pad = len - out.len();
    out.pop();
    out.extend(std::iter::repeat_n(b'x', pad));
    out.push(b'\n');
    out
}

/// The `csv.*` and `encoding.*` codes of a report (the field checks are not this file's business).
fn csv_codes(r: &Report) -> Vec<&str> {
    common::codes(r)
        .into_iter()
        .filter(|c| c.starts_with("csv.") || c.starts_with("encoding."))
        .collect()
}

/// Cut offsets around the sniff window.
fn around_sniff() -> impl Iterator<Item = usize> {
    SNIFF_BYTES - 5..=SNIFF_BYTES + 5
}

#[test]
fn sniff_window_multibyte_char_on_the_boundary() {
    for shift in 1..4 {
        // A 4-byte character whose first `shift` bytes are in the window.
        let mut bytes = filler(SNIFF_BYTES - shift - 40);
        bytes.extend_from_slice("zoe@exemple.fr;Zoé;S".as_bytes());
        while bytes.len() < SNIFF_BYTES - shift {
            bytes.push(b'x');
        }
        bytes.extend_from_slice("🎉te\nfin@exemple.fr;Fin;Ville\n".as_bytes());
        assert_eq!(
            &bytes[SNIFF_BYTES - shift..SNIFF_BYTES - shift + 4],
            "🎉".as_bytes()
        );
        let what = format!("4-byte char with {shift} bytes in the window");
        assert_same_every_cut(&what, &bytes, around_sniff());
        let r = assert_same_every_chunking(&what, &bytes);
        assert_eq!(
            r.input.encoding.as_deref(),
            Some("UTF-8"),
            "{what}: a cut character is not invalid UTF-8"
        );
        assert!(csv_codes(&r).is_empty(), "{what}: {:?}", csv_codes(&r));
    }
}

#[test]
fn sniff_window_crlf_on_the_boundary() {
    let mut bytes = filler(SNIFF_BYTES - 1);
    bytes.pop();
    bytes.extend_from_slice(b"x\r\nshort\r\n");
    assert_eq!(&bytes[SNIFF_BYTES - 1..SNIFF_BYTES + 1], b"\r\n");
    assert_same_every_cut("CRLF on the sniff boundary", &bytes, around_sniff());
    let r = assert_same_every_chunking("CRLF on the sniff boundary", &bytes);
    let short = common::offset_of(&bytes, b"short");
    assert_eq!(
        examples(&r, "csv.ragged_row"),
        vec![(Some(r.input.rows), line_at(&bytes, short), short)]
    );
}

#[test]
fn sniff_window_record_ends_exactly_on_the_boundary() {
    for len in [SNIFF_BYTES - 1, SNIFF_BYTES, SNIFF_BYTES + 1] {
        // The file itself is 64 KiB give or take a byte.
        let bytes = filler(len);
        let r = assert_same_every_chunking(&format!("{len}-byte file"), &bytes);
        assert_eq!(r.input.delimiter.as_deref(), Some(";"));
        assert_eq!(r.input.columns.len(), 3);
        assert!(csv_codes(&r).is_empty(), "{len}: {:?}", csv_codes(&r));
        let mut longer = bytes.clone();
        longer.extend_from_slice(b"short\n");
        assert_same_every_cut(&format!("{len}-byte file + a row"), &longer, around_sniff());
        let r = assert_same_every_chunking(&format!("{len}-byte file + a row"), &longer);
        let short = common::offset_of(&longer, b"short");
        assert_eq!(
            examples(&r, "csv.ragged_row"),
            vec![(Some(r.input.rows), line_at(&longer, short), short)]
        );
    }
}

#[test]
fn sniff_window_utf16_surrogate_pair_on_the_boundary() {
    for (name, bom, enc) in [
        ("UTF-16LE", [0xFF, 0xFE], utf16le as Encoder),
        ("UTF-16BE", [0xFE, 0xFF], utf16be as Encoder),
    ] {
        // pad 0: the pair starts 2 bytes after the window; 1: right at its end;
        // 2: the window ends between the two surrogates; 3: the pair is inside.
        // UTF-16BE: only the split pair.
        for pad in 0..4 {
            if name == "UTF-16BE" && pad != 2 {
                continue;
            }
            // Every character here is one UTF-16 unit.
            let mut text = String::from("nom\tnote\r\n");
            let mut units = text.len();
            while 2 + 2 * units < SNIFF_BYTES - 32 {
                text.push_str("Zoé\tbien\r\n");
                units += 10;
            }
            while 2 + 2 * units < SNIFF_BYTES - 2 * pad {
                text.push('x');
                units += 1;
            }
            text.push_str("\t👍\r\nshort\r\nNoël\tok\r\n");
            let mut bytes = bom.to_vec();
            bytes.extend(enc(&text));
            let what = format!("{name}, pad {pad}");
            assert_same_every_cut(&what, &bytes, around_sniff());
            let r = assert_same_every_chunking(&what, &bytes);
            assert_eq!(r.input.encoding.as_deref(), Some(name));
            let short = 2 + enc(&text[..text.find("short").expect("short")]).len() as u64;
            let ex = examples(&r, "csv.ragged_row");
            assert_eq!(
                ex.last().map(|e| e.2),
                Some(short),
                "{what}: byte offset of the short row"
            );
            assert!(
                r.finding("encoding.invalid_bytes").is_none(),
                "{what}: {:?}",
                common::codes(&r)
            );
        }
    }
}

#[test]
fn sniff_window_cp1252_byte_on_the_boundary() {
    // A Windows-1252 byte just inside the window and just after it. (At the window's
    // very last byte it would pass for the start of a UTF-8 character cut by the window:
    // the sniff cannot tell without looking further.)
    for at in [SNIFF_BYTES - 2, SNIFF_BYTES] {
        let mut bytes = filler(at - 10);
        bytes.extend_from_slice(b"a@b.fr;Ren");
        assert_eq!(bytes.len(), at);
        bytes.extend_from_slice(b"\xe9;Orl\xe9ans\nshort\n");
        assert_same_every_cut("cp1252 byte on the sniff boundary", &bytes, around_sniff());
        let r = assert_same_every_chunking("cp1252 byte on the sniff boundary", &bytes);
        let short = common::offset_of(&bytes, b"short");
        assert_eq!(
            examples(&r, "csv.ragged_row").last().map(|e| e.2),
            Some(short)
        );
        if at < SNIFF_BYTES {
            assert_eq!(
                r.input.encoding.as_deref(),
                Some("windows-1252"),
                "the byte is in the window"
            );
            assert!(r.finding("encoding.invalid_bytes").is_none());
        } else {
            assert_eq!(
                r.input.encoding.as_deref(),
                Some("UTF-8"),
                "the byte is after the window"
            );
            assert_eq!(r.count("encoding.invalid_bytes"), 1);
        }
    }
}

#[test]
fn sniff_window_quote_on_the_boundary() {
    // A quoted field that opens just before the window's end and closes after it.
    let mut bytes = filler(SNIFF_BYTES - 8);
    bytes.extend_from_slice(b"q@b.fr;\"a\"\"\nb;c\";x\nshort\n");
    assert_same_every_cut("quote across the sniff boundary", &bytes, around_sniff());
    let r = assert_same_every_chunking("quote across the sniff boundary", &bytes);
    let short = common::offset_of(&bytes, b"short");
    assert_eq!(
        examples(&r, "csv.ragged_row"),
        vec![(Some(r.input.rows), line_at(&bytes, short), short)]
    );
}

// --- random chunkings --------------------------------------------------------

/// Pieces that make CSV-ish inputs interesting: delimiters, quotes, line ends, BOMs,
/// multi-byte and invalid bytes, NULs, emails.
const PIECES: &[&[u8]] = &[
    b";",
    b";",
    b",",
    b"\t",
    b"|",
    b"\"",
    b"\"\"",
    b"\r\n",
    b"\n",
    b"\r",
    b"a",
    b"Dupont",
    b"jean@exemple.fr",
    b"06 39 98 10 01",
    b"75011",
    b"nom",
    b"email",
    "é".as_bytes(),
    "€".as_bytes(),
    "👍".as_bytes(),
    b"\xe9",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b" ",
    b"oui",
];

fn csvish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(PIECES), 0..400).prop_map(|v| v.concat())
}

/// Audits `bytes` whole and cut at `cuts` (taken modulo the length, then sorted).
fn same_when_cut(bytes: &[u8], cuts: &[usize]) -> Result<(), TestCaseError> {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    cuts.sort_unstable();
    let opts = opts_for(bytes);
    let (_, whole) = audit_split(bytes, &[], &opts);
    let (_, split) = audit_split(bytes, &cuts, &opts);
    prop_assert_eq!(&whole.json, &split.json, "cuts {:?}", cuts);
    prop_assert_eq!(&whole.preview, &split.preview);
    prop_assert_eq!(&whole.sink, &split.sink);
    Ok(())
}

/// Cuts after the sniff window, in `bytes` of length `len` (the tail is where they matter).
fn tail_cuts(len: usize, raw: &[usize]) -> Vec<usize> {
    let lo = (SNIFF_BYTES - 4).min(len);
    raw.iter().map(|c| lo + c % (len - lo + 1)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Small inputs never panic (they are buffered whole, so cuts change nothing).
    #[test]
    fn csvish_bytes(bytes in csvish(), cuts in prop::collection::vec(any::<usize>(), 0..8)) {
        same_when_cut(&bytes, &cuts)?;
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000), cuts in prop::collection::vec(any::<usize>(), 0..8)) {
        same_when_cut(&bytes, &cuts)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_chunkings_of_fixtures_past_the_window(index in any::<prop::sample::Index>(), cuts in prop::collection::vec(any::<usize>(), 0..40)) {
        let names = fixture_names();
        let name: &String = index.get(&names);
        let bytes = repeated_past_the_window(&fixture(name));
        same_when_cut(&bytes, &cuts)?;
    }

    /// CSV-ish bytes after a UTF-8 window, cut after the window.
    #[test]
    fn csvish_bytes_after_the_window(back in 0usize..64, tail in csvish(), cuts in prop::collection::vec(any::<usize>(), 1..10)) {
        let mut bytes = filler(SNIFF_BYTES - back);
        bytes.extend_from_slice(&tail);
        let cuts = tail_cuts(bytes.len(), &cuts);
        same_when_cut(&bytes, &cuts)?;
    }

    /// Arbitrary bytes after a Windows-1252 window.
    #[test]
    fn arbitrary_bytes_after_a_cp1252_window(tail in prop::collection::vec(any::<u8>(), 0..600), cuts in prop::collection::vec(any::<usize>(), 1..10)) {
        let mut bytes = b"Nom;Pr\xe9nom;Ville\r\n".to_vec();
        bytes.extend_from_slice(&filler(SNIFF_BYTES)[16..]);
        bytes.extend_from_slice(&tail);
        let cuts = tail_cuts(bytes.len(), &cuts);
        same_when_cut(&bytes, &cuts)?;
    }

    /// UTF-16 text (surrogate pairs, lone surrogates, an odd last byte) after a UTF-16 window.
    #[test]
    fn utf16_after_the_window(tail in "[a-zé;\t,\"\r\n👍]{0,200}", be in any::<bool>(), odd in any::<bool>(), lone in any::<bool>(), cuts in prop::collection::vec(any::<usize>(), 1..10)) {
        let enc: Encoder = if be { utf16be } else { utf16le };
        let mut bytes = if be { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        let mut head = String::from("nom\tnote\r\n");
        let mut units = head.len();
        while 2 * units < SNIFF_BYTES + 8 {
            head.push_str("Zoé\t👍\r\n");
            units += 8;
        }
        bytes.extend(enc(&head));
        if lone {
            // An unpaired high surrogate.
            bytes.extend(if be { [0xD8, 0x3D] } else { [0x3D, 0xD8] });
        }
        bytes.extend(enc(&tail));
        if odd {
            bytes.push(b'a');
        }
        let cuts = tail_cuts(bytes.len(), &cuts);
        same_when_cut(&bytes, &cuts)?;
    }
}

/// The page hashes the file in a second worker while the auditor reads it: the report
/// is then the same but for the digest, which is the one handed in; without one it is
/// empty, and once a byte is fed the auditor keeps hashing itself.
#[test]
fn a_digest_computed_elsewhere_is_the_reports() {
    use sha2::{Digest, Sha256};
    let bytes = fixture("hubspot.csv");
    let own = {
        let mut a = tamis::Auditor::new(Options::default()).unwrap();
        a.feed(&bytes);
        a.finish()
    };
    assert_eq!(own.input.sha256, format!("{:x}", Sha256::digest(&bytes)));

    let digest: [u8; 32] = Sha256::digest(&bytes).into();
    let mut a = tamis::Auditor::new(Options::default()).unwrap();
    assert!(!a.hashes_elsewhere());
    assert!(a.hash_elsewhere());
    assert!(a.hashes_elsewhere());
    for chunk in bytes.chunks(100) {
        a.feed(chunk);
    }
    a.set_sha256(digest);
    let elsewhere = a.finish();
    assert_eq!(
        serde_json::to_value(&elsewhere).unwrap(),
        serde_json::to_value(&own).unwrap()
    );

    let mut a = tamis::Auditor::new(Options::default()).unwrap();
    assert!(a.hash_elsewhere());
    a.feed(&bytes);
    let none = a.finish();
    assert_eq!(none.input.sha256, "");
    assert_eq!(none.input.rows, own.input.rows);

    let mut a = tamis::Auditor::new(Options::default()).unwrap();
    a.feed(&bytes[..10]);
    assert!(!a.hash_elsewhere(), "too late: 10 bytes were hashed here");
    assert!(!a.hashes_elsewhere());
    a.feed(&bytes[10..]);
    assert_eq!(a.finish().input.sha256, own.input.sha256);
}
