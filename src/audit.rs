//! The streaming auditor: push bytes in, get a report out.

use std::collections::BTreeMap;

use csv_core::{ReadFieldResult, ReadRecordResult, Reader, ReaderBuilder};
use encoding_rs::{Decoder, UTF_16BE, UTF_16LE, UTF_8};
use sha2::{Digest, Sha256};

use crate::checks::dates;
use crate::error::Result;
use crate::fields::{FieldChecker, Hit};
use crate::options::Options;
use crate::position::Position;
use crate::report::{
    ColumnInfo, Example, FindingSummary, InputFacts, Preview, PreviewRow, Report, RowCounts,
};
use crate::rules::{by_id, code, rule, FxMap, RowEffect, RuleCache, NO_ID};
use crate::sniff::{self, Dialect, EncodingChoice, SNIFF_BYTES, SNIFF_CAP};

/// Bytes of one field kept; the rest is dropped and the row flagged.
pub const FIELD_CAP: usize = 64 * 1024;
/// Bytes of one record kept.
pub const RECORD_CAP: usize = 4 * 1024 * 1024;
/// Fields of one record kept.
pub const MAX_FIELDS: usize = 16_384;
/// Records of more fields than this are read field by field (`Auditor::read_step`).
const FAST_FIELDS: usize = 1024;

/// A row's status in the annotated export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Nothing that matters.
    Ok,
    /// Usable after a look.
    Review,
    /// Cannot be used.
    Reject,
}

impl Status {
    /// `ok`, `review` or `reject`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Review => "review",
            Status::Reject => "reject",
        }
    }
}

/// What a [`RowSink`] is told about the columns, once, before the first row.
#[derive(Debug, Clone, Copy)]
pub struct HeaderView<'a> {
    /// The columns and their roles.
    pub columns: &'a [ColumnInfo],
    /// The header's fields as read (empty without a header).
    pub fields: &'a [String],
    /// The input's delimiter.
    pub delimiter: u8,
}

/// One data row, as given to a [`RowSink`].
#[derive(Debug, Clone, Copy)]
pub struct RowView<'a> {
    /// Where the row is.
    pub position: Position,
    /// The row's status.
    pub status: Status,
    /// The codes of the row's findings, sorted, each once.
    pub flags: &'a [&'static str],
    /// A suggested correction (e.g. the email with its webmail typo fixed).
    pub suggestion: Option<&'a str>,
    /// For a duplicate (`dup.exact`, `dup.fuzzy`): the data row number of its
    /// cluster's first row.
    pub duplicate_of: Option<u64>,
    /// Whether the row is usable for the campaign's channel: counted in the usable
    /// funnel's last stage (a contact point for the channel, not a later duplicate,
    /// allowed, fresh, not opposed). Blank rows and repeated headers never are.
    pub usable: bool,
    /// Whether the report keeps this row as an example of one of its findings (among the
    /// first `max_examples` of a code).
    pub example: bool,
    text: &'a str,
    ends: &'a [usize],
}

impl<'a> RowView<'a> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the row has no field.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i` (from 0), decoded.
    pub fn field(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }

    /// The fields in order.
    pub fn fields(&self) -> impl Iterator<Item = &'a str> + 'a {
        let text = self.text;
        let ends = self.ends;
        (0..ends.len()).map(move |i| {
            let start = if i == 0 { 0 } else { ends[i - 1] };
            &text[start..ends[i]]
        })
    }
}

/// Receives the rows as they are read (for previews and annotated exports).
pub trait RowSink {
    /// Called once, before the first row, when the columns are known.
    fn header(&mut self, _header: &HeaderView<'_>) {}
    /// Called for every data row, in file order.
    fn row(&mut self, row: &RowView<'_>);
}

/// A sink that ignores everything.
struct NoSink;

impl RowSink for NoSink {
    fn row(&mut self, _row: &RowView<'_>) {}
}

#[derive(Debug, Default)]
struct Acc {
    count: u64,
    examples: Vec<Example>,
}

enum Phase {
    Sniffing,
    Running,
    NotText(&'static str),
}

/// How decoded positions map back to the original file's bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Width {
    /// The input is UTF-8: decoded bytes are original bytes.
    Same,
    /// One byte per character (Windows-1252 and other single-byte encodings).
    Single,
    /// UTF-16: two bytes per code unit.
    Utf16,
}

/// The streaming auditor.
///
/// ```
/// use tamis::{Auditor, Options};
/// let mut a = Auditor::new(Options::default()).unwrap();
/// a.feed(b"email;nom\r\njean@exemple.fr;Dupont\r\n");
/// let report = a.finish();
/// assert_eq!(report.input.rows, 1);
/// assert_eq!(report.input.delimiter.as_deref(), Some(";"));
/// ```
pub struct Auditor {
    opts: Options,
    /// Lists to match rows against, handed to the field checker when it starts.
    refs: Option<References>,
    /// The file's SHA-256, unless the caller computes it ([`Auditor::hash_elsewhere`]).
    sha: Option<Sha256>,
    /// The digest the caller computed ([`Auditor::set_sha256`]).
    given_sha: Option<[u8; 32]>,
    bytes: u64,
    phase: Phase,
    sample: Vec<u8>,
    first_line_end: Option<usize>,
    enc: Option<EncodingChoice>,
    decoder: Option<Decoder>,
    dec_buf: Vec<u8>,
    width: Width,
    dialect: Option<Dialect>,
    csv: Reader,
    /// Whether `csv` has been called: before, it would still strip a UTF-8 BOM.
    csv_primed: bool,
    /// Field ends written by `read_record` (the fast path's records have at most
    /// this many fields).
    ends_buf: Vec<usize>,
    // The record being read.
    rec: Vec<u8>,
    rec_len: usize,
    field_start: usize,
    ends: Vec<usize>,
    rec_pending_start: bool,
    rec_start_dec: u64,
    rec_line: u64,
    field_at_start: bool,
    field_quoted: bool,
    field_quotes: u64,
    field_truncated: bool,
    field_capped: bool,
    too_many_fields: bool,
    // Position bookkeeping, in decoded bytes fed to the CSV reader.
    dec_pos: u64,
    line: u64,
    prev_cr: bool,
    map_dec: u64,
    map_orig: u64,
    saw_replacement: bool,
    // Counts.
    records: u64,
    rows: u64,
    status: RowCounts,
    findings: Findings,
    rules: RuleCache,
    flags: Vec<&'static str>,
    /// The row's codes with their ids, to sort and deduplicate by id.
    row_codes: Vec<(u16, &'static str)>,
    hits: Vec<Hit>,
    checker: Option<FieldChecker>,
    header_position: Option<Position>,
    lossy: String,
    preview: Option<Preview>,
    header_sent: bool,
}

impl Auditor {
    /// Creates an auditor; fails only on options that cannot be used.
    pub fn new(options: Options) -> Result<Auditor> {
        options.validate()?;
        Ok(Auditor {
            opts: options,
            refs: None,
            sha: Some(Sha256::new()),
            given_sha: None,
            bytes: 0,
            phase: Phase::Sniffing,
            sample: Vec::new(),
            first_line_end: None,
            enc: None,
            decoder: None,
            dec_buf: Vec::new(),
            width: Width::Same,
            dialect: None,
            csv: ReaderBuilder::new().build(),
            csv_primed: false,
            ends_buf: vec![0; FAST_FIELDS],
            rec: vec![0; 8192],
            rec_len: 0,
            field_start: 0,
            ends: Vec::with_capacity(64),
            rec_pending_start: true,
            rec_start_dec: 0,
            rec_line: 1,
            field_at_start: true,
            field_quoted: false,
            field_quotes: 0,
            field_truncated: false,
            field_capped: false,
            too_many_fields: false,
            dec_pos: 0,
            line: 1,
            prev_cr: false,
            map_dec: 0,
            map_orig: 0,
            saw_replacement: false,
            records: 0,
            rows: 0,
            status: RowCounts::default(),
            findings: Findings::default(),
            rules: RuleCache::default(),
            row_codes: Vec::new(),
            flags: Vec::new(),
            hits: Vec::new(),
            checker: None,
            header_position: None,
            lossy: String::new(),
            preview: None,
            header_sent: false,
        })
    }

    /// Leaves the file's SHA-256 to the caller, who computes it at the same time
    /// elsewhere (the page hashes in a second worker: SHA-256 is ~10 % of an audit in
    /// wasm): the auditor does not hash what it is fed, and the report's `sha256` is the
    /// digest given to [`Auditor::set_sha256`] (empty without one). Only before the first
    /// byte: returns false, and changes nothing, once something was fed.
    pub fn hash_elsewhere(&mut self) -> bool {
        if self.bytes > 0 {
            return false;
        }
        self.sha = None;
        true
    }

    /// Whether [`Auditor::hash_elsewhere`] was called: the caller gives the digest.
    pub fn hashes_elsewhere(&self) -> bool {
        self.sha.is_none()
    }

    /// The file's SHA-256 as the caller computed it: the report gives it instead of the
    /// auditor's own (see [`Auditor::hash_elsewhere`]).
    pub fn set_sha256(&mut self, digest: [u8; 32]) {
        self.given_sha = Some(digest);
    }

    /// Bytes fed so far.
    pub fn bytes_fed(&self) -> u64 {
        self.bytes
    }

    /// Data rows read so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The columns, once the first [`SNIFF_BYTES`] bytes (or the whole input) are in.
    pub fn columns(&self) -> Option<&[ColumnInfo]> {
        self.dialect.as_ref().map(|d| d.columns.as_slice())
    }

    /// The preview: dialect, columns and the first `preview_rows` rows read so far.
    /// `None` until the dialect is known, or when the input is not text.
    pub fn preview(&self) -> Option<&Preview> {
        self.preview.as_ref()
    }

    /// Pushes the next chunk of the input.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.feed_with(chunk, &mut NoSink);
    }

    /// Pushes the next chunk, telling `sink` about the rows it completes.
    pub fn feed_with(&mut self, chunk: &[u8], sink: &mut dyn RowSink) {
        if chunk.is_empty() {
            return;
        }
        if let Some(sha) = self.sha.as_mut() {
            sha.update(chunk);
        }
        self.bytes += chunk.len() as u64;
        match self.phase {
            Phase::NotText(_) => {}
            Phase::Running => self.push_raw(chunk, sink),
            Phase::Sniffing => {
                let from = self.sample.len();
                self.sample.extend_from_slice(chunk);
                if self.first_line_end.is_none() {
                    let upto = self.sample.len().min(SNIFF_CAP);
                    if from < upto {
                        self.first_line_end = self.sample[from..upto]
                            .iter()
                            .position(|&b| b == b'\n' || b == b'\r')
                            .map(|p| from + p);
                    }
                }
                if self.sample.len() >= self.sniff_window() {
                    self.start(false, sink);
                }
            }
        }
    }

    /// Gives the audit lists to match the rows against: the buyer's own customers, a
    /// partner's hash file. Call it before the first [`Auditor::feed`]; later, the rows
    /// already read are not matched.
    pub fn set_references(&mut self, refs: References) {
        match self.checker.as_mut() {
            Some(c) => c.set_references(refs),
            None => self.refs = Some(refs),
        }
    }

    /// Ends the input and returns the report.
    pub fn finish(self) -> Report {
        self.finish_with(&mut NoSink)
    }

    /// Ends the input, telling `sink` about the last rows, and returns the report.
    pub fn finish_with(self, sink: &mut dyn RowSink) -> Report {
        self.finish_with_preview(sink).0
    }

    /// Ends the input and returns the report and the preview (`None` when the input
    /// is not text or empty).
    pub fn finish_with_preview(mut self, sink: &mut dyn RowSink) -> (Report, Option<Preview>) {
        self.end_input(sink);
        let preview = self.preview.take();
        (self.report(), preview)
    }

    /// Reads what is left: decides the dialect of a file shorter than the sniff window,
    /// then flushes the decoder and the CSV reader.
    fn end_input(&mut self, sink: &mut dyn RowSink) {
        if matches!(self.phase, Phase::Sniffing) {
            self.start(true, sink);
        }
        if matches!(self.phase, Phase::Running) {
            self.flush_decoder(sink);
            self.run_csv_eof(sink);
        }
    }

    /// How many leading bytes the decisions are taken from: [`SNIFF_BYTES`], extended
    /// to the end of the first line when it is longer (a wide header), up to
    /// [`SNIFF_CAP`]. It depends on the content only, never on the chunking.
    fn sniff_window(&self) -> usize {
        match self.first_line_end {
            Some(p) => SNIFF_BYTES.max(p + 1),
            None => SNIFF_CAP,
        }
    }

    /// Decides encoding and dialect from the sample, then replays the sample.
    fn start(&mut self, complete: bool, sink: &mut dyn RowSink) {
        let sample = std::mem::take(&mut self.sample);
        let head = &sample[..sample.len().min(self.sniff_window())];
        if head.is_empty() {
            // Nothing at all: the report says csv.empty.
            self.phase = Phase::Running;
            return;
        }
        if let Some(kind) = sniff::binary_kind(head) {
            if self.opts.encoding.is_none() {
                self.phase = Phase::NotText(kind);
                return;
            }
        }
        let complete_head = complete && head.len() == sample.len();
        let enc = sniff::detect_encoding(head, complete_head, &self.opts);
        let text = sniff::decode_sample(head, &enc, complete_head);
        let dialect = sniff::sniff_dialect(&text, complete_head, &self.opts);
        self.width = if enc.encoding == UTF_8 {
            Width::Same
        } else if enc.encoding == UTF_16LE || enc.encoding == UTF_16BE {
            Width::Utf16
        } else {
            Width::Single
        };
        if self.width != Width::Same {
            self.decoder = Some(enc.encoding.new_decoder_without_bom_handling());
        }
        self.map_orig = enc.bom_len as u64;
        self.csv = ReaderBuilder::new().delimiter(dialect.delimiter).build();
        self.preview = Some(Preview {
            encoding: enc.encoding.name().to_string(),
            delimiter: (dialect.delimiter as char).to_string(),
            title_lines: dialect.title_lines,
            header: dialect.header,
            columns: dialect.columns.clone(),
            rows: Vec::new(),
        });
        let audit_day = self.opts.audit_date.as_deref().and_then(dates::parse_iso);
        let mut checker = FieldChecker::new(&dialect.columns, audit_day, &self.opts.campaign);
        checker.duplicates = self.opts.duplicates;
        if let Some(refs) = self.refs.take() {
            checker.set_references(refs);
        }
        self.checker = Some(checker);
        self.enc = Some(enc);
        self.dialect = Some(dialect);
        self.phase = Phase::Running;
        self.send_header(sink);
        let body = &sample[enc.bom_len.min(sample.len())..];
        self.push_raw(body, sink);
    }

    fn send_header(&mut self, sink: &mut dyn RowSink) {
        if self.header_sent {
            return;
        }
        if let Some(d) = &self.dialect {
            sink.header(&HeaderView {
                columns: &d.columns,
                fields: &d.header_fields,
                delimiter: d.delimiter,
            });
            self.header_sent = true;
        }
    }

    fn push_raw(&mut self, raw: &[u8], sink: &mut dyn RowSink) {
        if self.decoder.is_none() {
            self.run_csv(raw, sink);
            return;
        }
        let mut raw = raw;
        let mut dec_buf = std::mem::take(&mut self.dec_buf);
        if dec_buf.len() < 64 * 1024 {
            dec_buf.resize(64 * 1024, 0);
        }
        while !raw.is_empty() {
            let decoder = self.decoder.as_mut().expect("decoder present");
            let (_res, read, written, repl) = decoder.decode_to_utf8(raw, &mut dec_buf, false);
            self.saw_replacement |= repl;
            raw = &raw[read..];
            self.run_csv(&dec_buf[..written], sink);
        }
        self.dec_buf = dec_buf;
    }

    fn flush_decoder(&mut self, sink: &mut dyn RowSink) {
        if let Some(decoder) = self.decoder.as_mut() {
            let mut out = [0u8; 64];
            let (_res, _read, written, repl) = decoder.decode_to_utf8(&[], &mut out, true);
            self.saw_replacement |= repl;
            if written > 0 {
                self.run_csv(&out[..written], sink);
            }
        }
    }

    /// Maps a decoded position (≥ the last mapped one, inside `chunk` which starts at
    /// decoded position `base`) to its original byte offset.
    fn orig_offset(&mut self, chunk: &[u8], base: u64, pos: u64) -> u64 {
        match self.width {
            Width::Same => pos + self.map_orig,
            Width::Single | Width::Utf16 => {
                let from = self.map_dec.max(base);
                let a = (from - base) as usize;
                let b = ((pos - base) as usize).min(chunk.len());
                let mut n = 0u64;
                if a < b {
                    // One original unit per decoded character (counted by its non-
                    // continuation bytes; branch-free loops the compiler vectorises).
                    let s = &chunk[a..b];
                    let chars = count_where(s, |c| c & 0xC0 != 0x80) as u64;
                    n = if self.width == Width::Single {
                        chars
                    } else {
                        // Two bytes a UTF-16 unit; a 4-byte character is a surrogate pair.
                        2 * chars + 2 * count_where(s, |c| c >= 0xF0) as u64
                    };
                }
                self.map_orig += n;
                self.map_dec = pos;
                self.map_orig
            }
        }
    }

    fn run_csv(&mut self, input: &[u8], sink: &mut dyn RowSink) {
        let base = self.dec_pos;
        let mut at = 0usize;
        while at < input.len() {
            if self.between_records() && self.read_record_fast(input, base, &mut at, sink) {
                continue;
            }
            self.read_step(input, base, &mut at, false, sink);
        }
        self.dec_pos = base + input.len() as u64;
        if self.width != Width::Same {
            // Advance the mapping cursor to the end of this chunk.
            self.orig_offset(input, base, self.dec_pos);
        }
    }

    fn run_csv_eof(&mut self, sink: &mut dyn RowSink) {
        let base = self.dec_pos;
        let mut at = 0usize;
        while self.read_step(&[], base, &mut at, true, sink) {}
    }

    /// Whether no byte of the next record but line ends has been read: `csv` is then in
    /// its start state (csv-core's states after a record end and after line ends at
    /// the start of one behave as its start state), and has read (strips no BOM).
    fn between_records(&self) -> bool {
        self.csv_primed
            && self.rec_pending_start
            && self.rec_len == 0
            && self.ends.is_empty()
            && self.field_at_start
            && !self.field_capped
    }

    /// Reads a whole record with one `read_record` call, the common case: a record that
    /// ends in `input`, of at most [`FIELD_CAP`] bytes and [`FAST_FIELDS`] fields (so
    /// nothing is capped). Otherwise it puts the reader back as it was and returns
    /// false: the caller reads the record field by field (`read_step`), which caps
    /// and counts quotes. Called only `between_records`.
    fn read_record_fast(
        &mut self,
        input: &[u8],
        base: u64,
        at: &mut usize,
        sink: &mut dyn RowSink,
    ) -> bool {
        let start = *at;
        let room = self.rec.len().min(FIELD_CAP);
        let (res, nin, nout, nend) =
            self.csv
                .read_record(&input[start..], &mut self.rec[..room], &mut self.ends_buf);
        if res != ReadRecordResult::Record {
            // `reset` then a call with no room for output: the start state, having read
            // (so it strips no BOM), as `between_records` found it.
            // Back to between records. (Not a saved clone: csv-core 0.1.13's `Clone` for
            // its DFA copies only the transition table, so a cloned reader misparses.)
            self.csv.reset();
            let _ = self.csv.read_field(b"x", &mut []);
            return false;
        }
        let consumed = &input[start..start + nin];
        *at += nin;
        let first = consumed.iter().position(|&b| b != b'\r' && b != b'\n');
        if let Some(k) = first {
            let mut prev_cr = self.prev_cr;
            self.rec_line = self.line + count_lines(&consumed[..k], &mut prev_cr);
            let pos = base + (start + k) as u64;
            self.rec_start_dec = self.orig_offset(input, base, pos);
        }
        self.line += count_lines(consumed, &mut self.prev_cr);
        if first.is_none() {
            // As `read_step` does for a record of line ends only (not seen in practice).
            self.rec_line = self.line;
            let pos = base + *at as u64;
            self.rec_start_dec = self.orig_offset(input, base, pos);
        }
        self.rec_pending_start = false;
        self.rec_len = nout;
        self.ends.extend_from_slice(&self.ends_buf[..nend]);
        self.end_record(false, sink);
        true
    }

    /// One `read_field` call. Returns false once the reader says `End`.
    fn read_step(
        &mut self,
        input: &[u8],
        base: u64,
        at: &mut usize,
        eof: bool,
        sink: &mut dyn RowSink,
    ) -> bool {
        if self.rec.len() < self.rec_len + 4096 {
            let want = (self.rec_len + 4096)
                .max(self.rec.len() * 2)
                .min(RECORD_CAP + 8192);
            self.rec.resize(want.max(self.rec_len + 4096), 0);
        }
        let start = *at;
        let (res, nin, nout) = self
            .csv
            .read_field(&input[start..], &mut self.rec[self.rec_len..]);
        self.csv_primed = true;
        let consumed = &input[start..start + nin];
        *at += nin;

        if self.rec_pending_start && !consumed.is_empty() {
            if let Some(k) = consumed.iter().position(|&b| b != b'\r' && b != b'\n') {
                self.rec_pending_start = false;
                let mut prev_cr = self.prev_cr;
                self.rec_line = self.line + count_lines(&consumed[..k], &mut prev_cr);
                let pos = base + (start + k) as u64;
                self.rec_start_dec = self.orig_offset(input, base, pos);
            }
        }
        if self.field_at_start && !consumed.is_empty() {
            if let Some(&b) = consumed.iter().find(|&&b| b != b'\r' && b != b'\n') {
                self.field_at_start = false;
                self.field_quoted = b == b'"';
            }
        }
        if self.field_quoted {
            self.field_quotes += consumed.iter().filter(|&&b| b == b'"').count() as u64;
        }
        self.line += count_lines(consumed, &mut self.prev_cr);

        // Keep at most FIELD_CAP bytes of a field and RECORD_CAP of a record, cut at a
        // character boundary; once a field is cut, the rest of it is dropped.
        if !self.field_capped {
            let keep_to = (self.field_start + FIELD_CAP).min(RECORD_CAP);
            if self.rec_len + nout > keep_to {
                let mut k = keep_to.max(self.field_start);
                while k > self.field_start && self.rec[k] & 0xC0 == 0x80 {
                    k -= 1;
                }
                self.rec_len = k;
                self.field_capped = true;
                self.field_truncated = true;
            } else {
                self.rec_len += nout;
            }
        }

        match res {
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => true,
            ReadFieldResult::Field { record_end } => {
                if self.ends.len() < MAX_FIELDS {
                    self.ends.push(self.rec_len);
                } else {
                    self.too_many_fields = true;
                    self.rec_len = self.ends.last().copied().unwrap_or(0);
                }
                self.field_start = self.rec_len;
                self.field_capped = false;
                let unbalanced = eof && self.field_quoted && self.field_quotes % 2 == 1;
                self.field_at_start = true;
                self.field_quoted = false;
                self.field_quotes = 0;
                if record_end {
                    if self.rec_pending_start {
                        // A record made only of what csv-core read at EOF.
                        self.rec_pending_start = false;
                        self.rec_line = self.line;
                        let pos = base + *at as u64;
                        self.rec_start_dec = self.orig_offset(input, base, pos);
                    }
                    self.end_record(unbalanced, sink);
                }
                true
            }
            ReadFieldResult::End => false,
        }
    }

    fn end_record(&mut self, unbalanced: bool, sink: &mut dyn RowSink) {
        self.records += 1;
        let d = self.dialect.as_ref().expect("dialect known while running");
        let skip = u64::from(d.title_lines) + u64::from(d.header);
        if self.records > skip {
            self.data_row(unbalanced, sink);
        } else if d.header && self.records == skip {
            let position = Position {
                row: None,
                line: self.rec_line,
                byte: self.rec_start_dec,
            };
            self.header_position = Some(position);
            // A quote opened in the header and never closed swallowed the whole file.
            if unbalanced {
                self.file_finding("csv.unbalanced_quote", Some(position), BTreeMap::new());
            }
        }
        self.rec_len = 0;
        self.field_start = 0;
        self.ends.clear();
        self.rec_pending_start = true;
        self.field_truncated = false;
        self.too_many_fields = false;
    }

    fn data_row(&mut self, unbalanced: bool, sink: &mut dyn RowSink) {
        self.rows += 1;
        let position = Position {
            row: Some(self.rows),
            line: self.rec_line,
            byte: self.rec_start_dec,
        };
        let mut hits = std::mem::take(&mut self.hits);
        hits.clear();
        let mut flags = std::mem::take(&mut self.flags);
        flags.clear();
        let mut lossy = std::mem::take(&mut self.lossy);
        let bytes = &self.rec[..self.rec_len];
        let hit = |code: (&'static str, u16)| Hit::with(code, None, Vec::new());
        let text: &str = match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => {
                if self.saw_replacement && self.width != Width::Same && s.contains('\u{FFFD}') {
                    hits.push(hit(code!("encoding.invalid_bytes")));
                }
                s
            }
            Err(_) => {
                // Lossy decoding changes lengths: rebuild the field ends.
                lossy.clear();
                let mut new_ends = Vec::with_capacity(self.ends.len());
                let mut start = 0;
                for &end in &self.ends {
                    lossy.push_str(&String::from_utf8_lossy(&bytes[start..end]));
                    new_ends.push(lossy.len());
                    start = end;
                }
                self.ends = new_ends;
                hits.push(hit(code!("encoding.invalid_bytes")));
                lossy.as_str()
            }
        };
        let d = self.dialect.as_ref().expect("dialect known while running");
        let ncols = d.columns.len();
        let n = self.ends.len();
        let view = RowView {
            position,
            status: Status::Ok,
            flags: &[],
            suggestion: None,
            duplicate_of: None,
            usable: false,
            example: false,
            text,
            ends: &self.ends,
        };

        let blank = view.fields().all(crate::checks::content::is_blank);
        if blank && ncols == 0 {
            // A file of empty rows (`;;;;`) has no columns: its rows are not data.
            self.rows -= 1;
            self.flags = flags;
            self.hits = hits;
            self.lossy = lossy;
            return;
        }
        let repeated_header = !blank
            && d.header
            && n >= ncols
            && !d.header_fields.is_empty()
            && view
                .fields()
                .zip(d.header_fields.iter())
                .all(|(a, b)| a == b);
        if blank {
            hits.push(hit(code!("csv.blank_row")));
        } else if repeated_header {
            hits.push(hit(code!("csv.repeated_header")));
        } else if n < ncols {
            hits.push(Hit::with(
                code!("csv.ragged_row"),
                None,
                vec![("expected", ncols.to_string()), ("found", n.to_string())],
            ));
        } else if n > ncols {
            if let Some(last) = (ncols..n)
                .rev()
                .find(|&i| !crate::checks::content::is_blank(view.field(i).unwrap_or("")))
            {
                hits.push(Hit::with(
                    code!("csv.ragged_row"),
                    None,
                    vec![
                        ("expected", ncols.to_string()),
                        ("found", (last + 1).to_string()),
                    ],
                ));
            }
        }
        if self.field_truncated {
            hits.push(hit(code!("csv.field_too_long")));
        }
        if self.too_many_fields {
            hits.push(hit(code!("csv.too_many_columns")));
        }
        if unbalanced {
            hits.push(hit(code!("csv.unbalanced_quote")));
        }
        let mut suggestion = None;
        let mut unusable = false;
        let mut usable = false;
        let mut duplicate_of = None;
        // Blank rows and repeated headers are not records: they stay out of the
        // campaign's counts (prices are per 1,000 records).
        if !blank && !repeated_header {
            if let Some(checker) = self.checker.as_mut() {
                suggestion = checker.check_row(
                    self.rows,
                    text,
                    &self.ends,
                    |i| view.field(i).unwrap_or(""),
                    &mut hits,
                );
                unusable = checker.unusable;
                usable = !unusable;
                duplicate_of = checker.duplicate_of;
            }
        }

        // Sorted by id, which sorts as the codes do, each once.
        let mut row_codes = std::mem::take(&mut self.row_codes);
        row_codes.clear();
        row_codes.extend(hits.iter().map(|h| (h.id, h.code)));
        row_codes.sort_unstable_by_key(|&(id, _)| id);
        row_codes.dedup_by(|a, b| a.0 == b.0 && (a.0 != NO_ID || a.1 == b.1));
        flags.extend(row_codes.iter().map(|&(_, code)| code));

        let mut status = Status::Ok;
        for &(id, _) in &row_codes {
            let effect = by_id()
                .get(usize::from(id))
                .map_or(RowEffect::Review, |r| r.effect);
            status = status.max(match effect {
                RowEffect::None => Status::Ok,
                RowEffect::Review => Status::Review,
                RowEffect::Reject => Status::Reject,
            });
        }
        // The campaign decides too: a row unusable for its channel is rejected.
        if unusable {
            status = Status::Reject;
        }
        match status {
            Status::Ok => self.status.ok += 1,
            Status::Review => self.status.review += 1,
            Status::Reject => self.status.reject += 1,
        }
        let max = self.opts.max_examples;
        let mut example = false;
        for &(id, code) in &row_codes {
            let acc = self.findings.entry(id, code);
            acc.count += 1;
            if acc.examples.len() < max {
                example = true;
                let h = hits
                    .iter()
                    .find(|h| h.id == id && (id != NO_ID || h.code == code));
                let params = h
                    .map(|h| {
                        h.params
                            .iter()
                            .map(|(k, v)| (k.to_string(), v.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                acc.examples.push(Example {
                    position,
                    column: h.and_then(|h| h.column).map(|c| c + 1),
                    params,
                });
            }
        }
        if let Some(p) = self.preview.as_mut() {
            if p.rows.len() < self.opts.preview_rows {
                p.rows.push(PreviewRow {
                    row: self.rows,
                    fields: view.fields().map(str::to_string).collect(),
                });
            }
        }
        let view = RowView {
            status,
            flags: &flags,
            suggestion: suggestion.as_deref(),
            duplicate_of,
            usable,
            example,
            ..view
        };
        sink.row(&view);
        self.flags = flags;
        self.row_codes = row_codes;
        self.hits = hits;
        self.lossy = lossy;
    }

    fn file_finding(
        &mut self,
        code: &'static str,
        position: Option<Position>,
        params: BTreeMap<String, String>,
    ) {
        let acc = self.findings.entry(self.rules.id(code), code);
        acc.count += 1;
        if let Some(position) = position {
            if acc.examples.len() < self.opts.max_examples {
                acc.examples.push(Example {
                    position,
                    column: None,
                    params,
                });
            }
        }
    }

    fn report(mut self) -> Report {
        let digest: Option<[u8; 32]> = self
            .given_sha
            .or_else(|| self.sha.take().map(|s| s.finalize().into()));
        let sha256 = digest.map_or_else(String::new, |d| {
            d.iter().map(|b| format!("{b:02x}")).collect::<String>()
        });
        let not_text = match self.phase {
            Phase::NotText(kind) => Some(kind),
            _ => None,
        };
        if let Some(kind) = not_text {
            let mut p = BTreeMap::new();
            p.insert("kind".to_string(), kind.to_string());
            self.file_finding(
                "csv.not_text",
                Some(Position {
                    row: None,
                    line: 1,
                    byte: 0,
                }),
                p,
            );
        } else if self.records == 0
            || (self.rows == 0 && self.dialect.as_ref().is_some_and(|d| d.columns.is_empty()))
        {
            self.file_finding("csv.empty", None, BTreeMap::new());
        } else if let Some(d) = self.dialect.clone() {
            if d.title_lines > 0 {
                let mut p = BTreeMap::new();
                p.insert("lines".to_string(), d.title_lines.to_string());
                self.file_finding(
                    "csv.title_line",
                    Some(Position {
                        row: None,
                        line: 1,
                        byte: 0,
                    }),
                    p,
                );
            }
            if self.rows == 0 && d.header {
                self.file_finding("csv.header_only", None, BTreeMap::new());
            }
            if !d.header && self.rows > 0 {
                self.file_finding("csv.no_header", None, BTreeMap::new());
            }
            let no_partner_column = self
                .checker
                .as_ref()
                .is_some_and(|c| !c.has_role(crate::roles::Role::ConsentPartners));
            if self.rows > 0 && no_partner_column {
                self.file_finding("consent.partner_unknown", None, BTreeMap::new());
            }
            let header_hits = self
                .checker
                .as_ref()
                .map(|c| c.header_hits.clone())
                .unwrap_or_default();
            let position = self.header_position.unwrap_or(Position {
                row: None,
                line: 1,
                byte: 0,
            });
            for h in header_hits {
                let acc = self.findings.entry(h.id, h.code);
                acc.count += 1;
                if acc.examples.len() < self.opts.max_examples {
                    let params = h
                        .params
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.clone()))
                        .collect();
                    acc.examples.push(Example {
                        position,
                        column: h.column.map(|c| c + 1),
                        params,
                    });
                }
            }
        }
        let sensitive = self.findings.contains(self.rules.id("content.sensitive"));
        let findings = self.findings.into_sorted();
        let findings = findings
            .into_iter()
            .map(|(code, acc)| {
                let r = rule(code).expect("every emitted code is registered");
                FindingSummary {
                    code: code.to_string(),
                    category: r.category.to_string(),
                    severity: r.severity,
                    count: acc.count,
                    examples: acc.examples,
                }
            })
            .collect();
        let text = not_text.is_none() && self.dialect.is_some();
        let (encoding, encoding_source, bom) = match (&self.enc, text) {
            (Some(e), true) => (
                Some(e.encoding.name().to_string()),
                Some(e.source.to_string()),
                e.bom_len > 0,
            ),
            _ => (None, None, false),
        };
        let d = self.dialect.as_ref().filter(|_| text);
        let qualification = match (&self.checker, d) {
            (Some(c), Some(d)) => c.qualification(&d.columns),
            _ => Vec::new(),
        };
        let (campaign, score) = match (&self.checker, d) {
            (Some(c), Some(_)) if self.rows > 0 => {
                let (r, s) = c.campaign_report(sensitive);
                (Some(r), Some(s))
            }
            _ => (None, None),
        };
        let duplicates = match (&self.checker, d) {
            (Some(c), Some(_)) if self.rows > 0 && c.duplicates => Some(c.dedup.report()),
            _ => None,
        };
        let seeds_and_traps = match (&self.checker, d) {
            (Some(c), Some(_)) if self.rows > 0 => Some(c.signals.report()),
            _ => None,
        };
        let overlap = match (&self.checker, d, &campaign) {
            (Some(c), Some(_), Some(camp)) if self.rows > 0 => c.overlap_report(camp),
            _ => None,
        };
        Report {
            tamis_version: crate::VERSION.to_string(),
            audit_date: self.opts.audit_date.clone(),
            input: InputFacts {
                bytes: self.bytes,
                sha256,
                text,
                encoding,
                encoding_source,
                bom,
                delimiter: d.map(|d| (d.delimiter as char).to_string()),
                line_ending: d.map(|d| d.line_ending.to_string()),
                title_lines: d.map_or(0, |d| d.title_lines),
                header: d.is_some_and(|d| d.header),
                rows: self.rows,
                columns: d.map(|d| d.columns.clone()).unwrap_or_default(),
            },
            rows: self.status,
            findings,
            duplicates,
            overlap,
            seeds_and_traps,
            qualification,
            campaign,
            score,
        }
    }
}

/// The findings gathered so far, by code id (see [`by_id`]); a code that is not
/// registered apart (the report then refuses it).
#[derive(Debug, Default)]
struct Findings {
    by_id: Vec<Acc>,
    unregistered: FxMap<&'static str, Acc>,
}

impl Findings {
    /// The gathered findings of `code` (of id `id`), created empty if new.
    fn entry(&mut self, id: u16, code: &'static str) -> &mut Acc {
        if id == NO_ID {
            return self.unregistered.entry(code).or_default();
        }
        let i = usize::from(id);
        if self.by_id.len() <= i {
            self.by_id
                .resize_with(by_id().len().max(i + 1), Acc::default);
        }
        &mut self.by_id[i]
    }

    /// Whether a finding of this id was gathered.
    fn contains(&self, id: u16) -> bool {
        self.by_id.get(usize::from(id)).is_some_and(|a| a.count > 0)
    }

    /// The findings gathered, sorted by code.
    fn into_sorted(self) -> Vec<(&'static str, Acc)> {
        let mut out: Vec<(&'static str, Acc)> = by_id()
            .iter()
            .zip(self.by_id)
            .filter(|(_, acc)| acc.count > 0)
            .map(|(r, acc)| (r.code, acc))
            .chain(self.unregistered)
            .collect();
        out.sort_by_key(|f| f.0);
        out
    }
}

/// How many bytes of `bytes` pass `f`: counted 255 bytes at a time in one-byte
/// counters, which the compiler vectorises 16 or 32 bytes a step (a `filter().count()`
/// widens every byte's count to 64 bits first).
#[inline]
fn count_where(bytes: &[u8], f: impl Fn(u8) -> bool + Copy) -> usize {
    bytes
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(f(b))) as usize)
        .sum()
}

/// Counts line ends in `bytes`: CRLF, LF and lone CR each end one line. `prev_cr`
/// carries "the last byte was CR" across calls, so a CRLF split between two chunks
/// counts once.
fn count_lines(bytes: &[u8], prev_cr: &mut bool) -> u64 {
    let Some(&last) = bytes.last() else {
        return 0;
    };
    // Every LF, every CR not followed by LF, a CR at the end (whose LF, in the next
    // call, then does not count), in byte lanes: this runs over every byte of the file.
    // One pass: each byte with the next, LF or CR-not-before-LF, the last byte apart.
    let (a, b) = (&bytes[..bytes.len() - 1], &bytes[1..]);
    let ends: usize = a
        .chunks(255)
        .zip(b.chunks(255))
        .map(|(x, y)| {
            x.iter().zip(y).fold(0u8, |n, (&p, &q)| {
                n + u8::from((p == b'\n') | ((p == b'\r') & (q != b'\n')))
            }) as usize
        })
        .sum();
    let mut n = ends + usize::from(last == b'\n' || last == b'\r');
    if *prev_cr && bytes[0] == b'\n' {
        n -= 1;
    }
    *prev_cr = last == b'\r';
    n as u64
}

/// Lists the audit matches rows against (see [`Auditor::set_references`]). They come
/// from files the user picked; nothing leaves the machine.
#[derive(Debug, Default)]
pub struct References {
    /// The buyer's own customers: rows that match get `overlap.own`.
    pub own: Option<OwnFile>,
    /// A partner's salted hash file: rows whose email or phone is in it get
    /// `overlap.partner`.
    pub partner: Option<crate::keys::PartnerKeys>,
    /// The owner's seed registry (`tamis seeds`), opened with its secret: rows that are
    /// seeds get `seed.registry` and the report names the recipients.
    pub seeds: Option<crate::seeds::SeedRegistry>,
}

/// The buyer's own customer file, reduced to the duplicate engine's fixed-size
/// identities (no strings kept): built with [`OwnFileBuilder`].
#[derive(Debug)]
pub struct OwnFile {
    pub(crate) dedup: crate::dedup::Dedup,
    /// Its data rows.
    pub rows: u64,
}

/// Reads the buyer's own customer file, any layout: its columns' roles are detected as
/// for an audited file (the options can force them). Push API, like [`Auditor`].
pub struct OwnFileBuilder {
    auditor: Auditor,
}

impl std::fmt::Debug for OwnFileBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OwnFileBuilder")
            .field("auditor", &self.auditor)
            .finish()
    }
}

impl std::fmt::Debug for Auditor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auditor")
            .field("bytes", &self.bytes)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

impl OwnFileBuilder {
    /// A builder reading with these options (delimiter, encoding, roles...).
    pub fn new(opts: Options) -> Result<OwnFileBuilder> {
        let opts = Options {
            duplicates: true,
            ..opts
        };
        Ok(OwnFileBuilder {
            auditor: Auditor::new(opts)?,
        })
    }

    /// Reads the next chunk.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.auditor.feed(chunk);
    }

    /// The customer file's identities, or an error when it has no column to match on
    /// (no email, phone, name or postal column: not a contact file).
    pub fn finish(mut self) -> Result<OwnFile> {
        let a = &mut self.auditor;
        a.end_input(&mut NoSink);
        let rows = a.rows;
        match a.checker.take() {
            Some(c) if c.has_identity_columns() => Ok(OwnFile {
                dedup: c.dedup,
                rows,
            }),
            _ => Err(crate::Error::invalid_option(
                "own",
                "the customer file has no email, phone, name or postal column to match on",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::count_lines;

    /// The byte-at-a-time definition `count_lines` must agree with.
    fn count_lines_reference(bytes: &[u8], prev_cr: &mut bool) -> u64 {
        let mut n = 0u64;
        let mut cr = *prev_cr;
        for &b in bytes {
            if b == b'\r' {
                n += 1;
                cr = true;
            } else {
                if b == b'\n' && !cr {
                    n += 1;
                }
                cr = false;
            }
        }
        *prev_cr = cr;
        n
    }

    #[test]
    fn count_lines_agrees_with_the_byte_loop() {
        let check = |bytes: &[u8]| {
            for prev in [false, true] {
                let (mut p1, mut p2) = (prev, prev);
                assert_eq!(
                    count_lines(bytes, &mut p1),
                    count_lines_reference(bytes, &mut p2),
                    "{bytes:?} after CR: {prev}"
                );
                assert_eq!(p1, p2, "{bytes:?} after CR: {prev}");
            }
        };
        // Every string of up to 7 bytes over CR, LF and a letter, after CR or not.
        for len in 0..=7u32 {
            for code in 0..3usize.pow(len) {
                let mut c = code;
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        let b = [b'\r', b'\n', b'a'][c % 3];
                        c /= 3;
                        b
                    })
                    .collect();
                check(&bytes);
            }
        }
        // Long ones, across the 255-byte counting blocks (a fixed pseudo-random walk).
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for len in (200..800).step_by(7) {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    [b'\r', b'\n', b'a', b'b', b'c'][(x % 5) as usize]
                })
                .collect();
            check(&bytes);
        }
    }
}
