//! Sniffing: encoding, binary detection, delimiter, title lines, header and roles,
//! all decided from the first [`SNIFF_BYTES`] bytes so that any chunking of the same
//! input takes the same decisions.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::options::Options;
use crate::report::ColumnInfo;
use crate::roles::{confirm_role, role_from_header, KindCounts, Role, RoleSource};

/// How many leading bytes the decisions are taken from.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The most the sniff window grows to hold a first line longer than [`SNIFF_BYTES`].
pub const SNIFF_CAP: usize = 1024 * 1024;

/// Delimiters tried, in order of preference on ties.
pub const CANDIDATES: [u8; 4] = [b';', b',', b'\t', b'|'];

/// Rows of the sample used to confirm roles from values.
const ROLE_SAMPLE_ROWS: usize = 200;

/// The chosen encoding.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EncodingChoice {
    pub encoding: &'static Encoding,
    pub source: &'static str,
    pub bom_len: usize,
}

/// Recognises binary formats by their magic numbers or by their control bytes.
/// Returns a short name of what the file seems to be.
pub(crate) fn binary_kind(sample: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"%PDF-", "PDF document"),
        (
            b"PK\x03\x04",
            "ZIP archive (an .xlsx or .ods workbook is one)",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "Excel 97-2003 workbook (.xls)",
        ),
        (b"\x1f\x8b", "gzip archive"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
        (b"Rar!\x1a\x07", "RAR archive"),
        (b"SQLite format 3\0", "SQLite database"),
        (b"\x7fELF", "executable"),
        (b"MZ", "Windows executable"),
    ];
    for (magic, kind) in MAGIC {
        if sample.starts_with(magic) {
            // Two letters are too short a magic: a CSV may start with "MZ" (a name, a
            // column). A DOS/PE header has NUL bytes among its first 64 bytes.
            if *magic == b"MZ" && !sample[..sample.len().min(64)].contains(&0) {
                continue;
            }
            return Some(kind);
        }
    }
    if utf16_without_bom(sample).is_some() {
        return None;
    }
    let n = sample.len().min(8192);
    if n == 0 {
        return None;
    }
    let control = sample[..n]
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1a)) || b == 0x7f)
        .count();
    if control * 10 > n {
        return Some("binary data");
    }
    None
}

/// UTF-16 without a BOM shows as a NUL byte in every other position.
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let n = sample.len().min(4096) & !1;
    if n < 4 {
        return None;
    }
    let pairs = n / 2;
    let (mut even_zero, mut odd_zero) = (0, 0);
    for pair in sample[..n].chunks_exact(2) {
        if pair[0] == 0 {
            even_zero += 1;
        }
        if pair[1] == 0 {
            odd_zero += 1;
        }
    }
    if odd_zero * 10 >= pairs * 7 && even_zero * 20 < pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Chooses the encoding: BOM, else UTF-16 by its NUL pattern, else UTF-8 if the
/// sample is valid UTF-8, else Windows-1252.
pub(crate) fn detect_encoding(sample: &[u8], complete: bool, opts: &Options) -> EncodingChoice {
    let (bom_enc, bom_len) = match Encoding::for_bom(sample) {
        Some((e, n)) => (Some(e), n),
        None => (None, 0),
    };
    if let Some(label) = &opts.encoding {
        let forced = Encoding::for_label(label.trim().as_bytes()).unwrap_or(UTF_8);
        // A BOM of the forced encoding is still skipped.
        let bom_len = if bom_enc == Some(forced) { bom_len } else { 0 };
        return EncodingChoice {
            encoding: forced,
            source: "option",
            bom_len,
        };
    }
    if let Some(e) = bom_enc {
        return EncodingChoice {
            encoding: e,
            source: "bom",
            bom_len,
        };
    }
    if let Some(e) = utf16_without_bom(sample) {
        return EncodingChoice {
            encoding: e,
            source: "null_bytes",
            bom_len: 0,
        };
    }
    let valid = match std::str::from_utf8(sample) {
        Ok(_) => true,
        // A multi-byte character cut by the end of the sample is fine; so is one cut by
        // the end of the file (a truncated download) after valid multi-byte UTF-8 (a
        // Windows-1252 file rarely has any), so that its text is not read as mojibake:
        // the cut character becomes an `encoding.invalid_bytes` finding.
        Err(e) => e.error_len().is_none() && (!complete || !sample[..e.valid_up_to()].is_ascii()),
    };
    if valid {
        EncodingChoice {
            encoding: UTF_8,
            source: "valid_utf8",
            bom_len: 0,
        }
    } else {
        EncodingChoice {
            encoding: WINDOWS_1252,
            source: "fallback",
            bom_len: 0,
        }
    }
}

/// Decodes the sample to text (lossy), dropping a trailing incomplete character.
pub(crate) fn decode_sample(sample: &[u8], enc: &EncodingChoice, complete: bool) -> String {
    let body = &sample[enc.bom_len.min(sample.len())..];
    let mut decoder = enc.encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(body.len() * 2 + 16);
    let cap = decoder
        .max_utf8_buffer_length(body.len())
        .unwrap_or(body.len() * 3 + 16);
    out.reserve(cap);
    let (_res, _read, _repl) = decoder.decode_to_string(body, &mut out, complete);
    out
}

/// Everything decided from the sample.
#[derive(Debug, Clone)]
pub(crate) struct Dialect {
    pub delimiter: u8,
    pub title_lines: u32,
    pub header: bool,
    pub line_ending: &'static str,
    pub columns: Vec<ColumnInfo>,
    /// The header's fields as read (to recognise a repeated header).
    pub header_fields: Vec<String>,
}

/// Parses up to `max` records of `text` with `delim`; drops a last record cut by
/// the end of an incomplete sample.
pub(crate) fn parse_sample(text: &str, delim: u8, max: usize, complete: bool) -> Vec<Vec<String>> {
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(delim).build();
    let mut input = text.as_bytes();
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field: Vec<u8> = Vec::new();
    let mut out = [0u8; 4096];
    loop {
        if input.is_empty() && !complete {
            // csv-core reads an empty input as the end of the data: a sample that
            // stops here has more to come, so its last record is not complete.
            break;
        }
        let (res, nin, nout) = rdr.read_field(input, &mut out);
        input = &input[nin..];
        if field.len() < 4096 {
            field.extend_from_slice(&out[..nout]);
        }
        match res {
            csv_core::ReadFieldResult::InputEmpty => {
                if !complete {
                    break;
                }
                // Keep going with an empty input to flush the last record.
            }
            csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                if fields.len() < crate::audit::MAX_FIELDS {
                    fields.push(String::from_utf8_lossy(&field).into_owned());
                }
                field.clear();
                if record_end {
                    records.push(std::mem::take(&mut fields));
                    if records.len() >= max {
                        break;
                    }
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    records
}

fn line_ending(text: &str) -> &'static str {
    let b = text.as_bytes();
    let (mut crlf, mut lf, mut cr) = (0usize, 0usize, 0usize);
    let mut in_quotes = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            // Line breaks inside quoted fields (Alt+Enter in Excel) are not line ends.
            b'"' => in_quotes = !in_quotes,
            _ if in_quotes => {}
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                crlf += 1;
                i += 1;
            }
            b'\r' => cr += 1,
            b'\n' => lf += 1,
            _ => {}
        }
        i += 1;
    }
    match (crlf > 0, lf > 0, cr > 0) {
        (false, false, false) => "none",
        (true, false, false) => "CRLF",
        (false, true, false) => "LF",
        (false, false, true) => "CR",
        _ => "mixed",
    }
}

fn is_blank(rec: &[String]) -> bool {
    rec.iter().all(|f| f.trim().is_empty())
}

fn mode_and_consistency(records: &[Vec<String>]) -> (usize, f64) {
    let counts: Vec<usize> = records
        .iter()
        .filter(|r| !is_blank(r))
        .map(Vec::len)
        .collect();
    if counts.is_empty() {
        return (0, 0.0);
    }
    let mut sorted = counts.clone();
    sorted.sort_unstable();
    let (mut best, mut best_n) = (0usize, 0usize);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().take_while(|&&c| c == sorted[i]).count();
        if j >= best_n {
            best = sorted[i];
            best_n = j;
        }
        i += j;
    }
    (best, best_n as f64 / counts.len() as f64)
}

/// Picks the delimiter among [`CANDIDATES`]: the most consistent field count over
/// the sample's records, preferring more fields among nearly-as-consistent ones
/// (a decimal comma in a `;` file gives consistent but fewer fields).
pub(crate) fn sniff_delimiter(text: &str, complete: bool) -> u8 {
    let mut scored: Vec<(u8, usize, f64)> = Vec::new();
    for &d in &CANDIDATES {
        let recs = parse_sample(text, d, 200, complete);
        let (mode, consistency) = mode_and_consistency(&recs);
        if mode >= 2 {
            scored.push((d, mode, consistency));
        }
    }
    if scored.is_empty() {
        // No delimiter splits a non-blank record: take the one that splits the
        // most records (files of empty rows such as `;;;;`), else a comma.
        let mut best = (b',', 1usize);
        for &d in &CANDIDATES {
            let recs = parse_sample(text, d, 200, complete);
            let widest = recs.iter().map(Vec::len).max().unwrap_or(0);
            if widest > best.1 {
                best = (d, widest);
            }
        }
        return best.0;
    }
    let best_c = scored.iter().map(|s| s.2).fold(0.0, f64::max);
    scored
        .iter()
        .filter(|s| s.2 >= best_c - 0.1)
        .fold(None::<(u8, usize, f64)>, |acc, s| match acc {
            Some(a) if a.1 >= s.1 => Some(a),
            _ => Some(*s),
        })
        .map_or(b',', |s| s.0)
}

fn looks_like_data(field: &str) -> bool {
    use crate::roles::{classify, ValueKind};
    let f = field.trim();
    matches!(
        classify(f),
        ValueKind::Email | ValueKind::Phone | ValueKind::Postcode | ValueKind::Date
    ) || (!f.is_empty()
        && f.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',' || b == b'-'))
}

/// Decides the dialect and the columns from the decoded sample.
pub(crate) fn sniff_dialect(text: &str, complete: bool, opts: &Options) -> Dialect {
    // A window that holds no complete record (a first line longer than the window):
    // read its partial first record as if it ended there.
    let complete = complete || parse_sample(text, b';', 1, false).is_empty();
    let delimiter = opts
        .delimiter_byte()
        .unwrap_or_else(|| sniff_delimiter(text, complete));
    let records = parse_sample(text, delimiter, ROLE_SAMPLE_ROWS + 8, complete);
    let (mode, _) = mode_and_consistency(&records);

    // Only blank records: nothing to name, no header.
    let all_blank = records.iter().all(|r| is_blank(r));

    // Title lines: leading records with at most one non-empty value (a title, an
    // export date, an empty `;;;;` line) above the first wider one, when the file
    // has at least two columns.
    let mut title = 0usize;
    if !all_blank && mode >= 2 {
        while title < 5 && title + 1 < records.len() {
            let rec = &records[title];
            let non_empty = rec.iter().filter(|f| !f.trim().is_empty()).count();
            // A lone email or phone number is a sparse data row, not a title.
            let contact = rec.iter().any(|f| {
                matches!(
                    crate::roles::classify(f),
                    crate::roles::ValueKind::Email | crate::roles::ValueKind::Phone
                )
            });
            if non_empty <= 1 && !contact {
                title += 1;
            } else {
                break;
            }
        }
        // Nothing wider below: they were data after all.
        if records
            .get(title)
            .is_none_or(|r| r.iter().filter(|f| !f.trim().is_empty()).count() <= 1)
        {
            title = 0;
        }
    }

    let first = records.get(title);
    let header = match (opts.header, first) {
        (Some(h), _) => h,
        _ if all_blank => false,
        (None, None) => false,
        (None, Some(rec)) => {
            let known = rec
                .iter()
                .filter(|f| role_from_header(f) != Role::Unknown)
                .count();
            let data = rec.iter().filter(|f| looks_like_data(f)).count();
            !(data > 0 && data >= known)
        }
    };

    let mut names: Vec<String> = Vec::new();
    let mut header_fields = Vec::new();
    if header {
        if let Some(rec) = first {
            header_fields = rec.clone();
            names = rec.iter().map(|s| s.trim().to_string()).collect();
            while names.len() > 1 && names.last().is_some_and(String::is_empty) {
                names.pop();
            }
        }
    }
    let data_start = title + usize::from(header);
    let data = records.get(data_start..).unwrap_or(&[]);
    let ncols = if records.is_empty() || all_blank {
        0
    } else if header {
        names.len().max(1)
    } else {
        // Without a header: the usual width, minus columns empty in every sampled row.
        let mut n = mode.max(1);
        while n > 1
            && data
                .iter()
                .all(|r| r.get(n - 1).is_none_or(|f| f.trim().is_empty()))
        {
            n -= 1;
        }
        n
    };
    names.resize(ncols, String::new());

    let mut columns = Vec::with_capacity(ncols);
    for (i, name) in names.into_iter().enumerate() {
        let display = if name.is_empty() {
            format!("column {}", i + 1)
        } else {
            name.clone()
        };
        let forced = opts.roles.iter().find_map(|(k, r)| {
            let hit = match k.strip_prefix('#') {
                Some(n) => n.parse::<usize>().ok() == Some(i + 1),
                None => !name.is_empty() && k.trim().eq_ignore_ascii_case(&name),
            };
            hit.then_some(*r)
        });
        let (role, source) = if let Some(r) = forced {
            (r, RoleSource::Option)
        } else {
            let from_header = if header {
                role_from_header(&name)
            } else {
                Role::Unknown
            };
            let mut counts = KindCounts::default();
            for rec in data.iter().take(ROLE_SAMPLE_ROWS) {
                if let Some(v) = rec.get(i) {
                    counts.add(v);
                }
            }
            let (role, changed) = confirm_role(from_header, &counts);
            let source = if changed {
                RoleSource::Content
            } else if role == Role::Unknown {
                RoleSource::None
            } else {
                RoleSource::Header
            };
            (role, source)
        };
        columns.push(ColumnInfo {
            index: i + 1,
            name: display,
            role,
            role_source: source,
        });
    }

    Dialect {
        delimiter,
        title_lines: title as u32,
        header,
        line_ending: line_ending(text),
        columns,
        header_fields,
    }
}
