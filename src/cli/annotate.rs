//! The annotated export (`audit --annotate OUT.csv`) and atomic file output.
//!
//! The export holds the original columns, then `tamis_row`, `tamis_status`,
//! `tamis_flags`, `tamis_duplicate_of`, `tamis_suggestion`; a row longer than the header
//! keeps its extra fields after the tamis columns, so these stay aligned. It is UTF-8
//! with a byte-order mark (so that Excel reads the accents right), the input's
//! delimiter, CRLF, fields quoted when needed, and cells a spreadsheet would run as
//! formulas prefixed with `'`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tamis::checks::content::neutralise;
use tamis::{HeaderView, RowSink, RowView};

use super::input::Sink;
use super::{Failure, Result};

/// The columns tamis adds.
pub const TAMIS_COLUMNS: [&str; 5] = [
    "tamis_row",
    "tamis_status",
    "tamis_flags",
    "tamis_duplicate_of",
    "tamis_suggestion",
];

/// A file written under a temporary name next to its destination and renamed into
/// place by [`AtomicFile::commit`]: a failed run leaves no half-written file.
pub struct AtomicFile {
    dest: PathBuf,
    tmp: PathBuf,
    w: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file.
    pub fn create(dest: &Path) -> Result<AtomicFile> {
        let name = dest.file_name().ok_or_else(|| {
            Failure::msg(format!("cannot write {}: not a file name", dest.display()))
        })?;
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".tamis-{}.tmp", std::process::id()));
        let tmp = dir.join(tmp_name);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| Failure::msg(format!("cannot write {}: {e}", dest.display())))?;
        Ok(AtomicFile {
            dest: dest.to_path_buf(),
            tmp,
            w: Some(BufWriter::with_capacity(64 * 1024, file)),
        })
    }

    fn fail(&self, e: io::Error) -> Failure {
        Failure::msg(format!("cannot write {}: {e}", self.dest.display()))
    }

    /// Writes bytes (with the destination in the error message).
    pub fn write_all(&mut self, b: &[u8]) -> Result<()> {
        Write::write_all(self, b).map_err(|e| self.fail(e))
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> Result<()> {
        let mut w = self.w.take().expect("not yet committed");
        let done = w.flush().and_then(|()| w.get_ref().sync_all());
        drop(w);
        if let Err(e) = done {
            let _ = fs::remove_file(&self.tmp);
            return Err(self.fail(e));
        }
        if let Err(e) = fs::rename(&self.tmp, &self.dest) {
            let _ = fs::remove_file(&self.tmp);
            return Err(self.fail(e));
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.w.as_mut().expect("not yet committed").write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.w.as_mut().expect("not yet committed").write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.as_mut().expect("not yet committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(w) = self.w.take() {
            drop(w);
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Writes the annotated rows as the auditor reads them.
pub struct AnnotateSink<W: Write> {
    w: W,
    delimiter: u8,
    columns: usize,
    header_done: bool,
    line: String,
    error: Option<io::Error>,
}

impl<W: Write> AnnotateSink<W> {
    /// A sink writing to `w`.
    pub fn new(w: W) -> AnnotateSink<W> {
        AnnotateSink {
            w,
            delimiter: b',',
            columns: 0,
            header_done: false,
            line: String::new(),
            error: None,
        }
    }

    /// Whether the header was written (false when the input was not text or empty).
    pub fn header_done(&self) -> bool {
        self.header_done
    }

    /// The writer back, or the first write error.
    pub fn into_inner(self) -> io::Result<W> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.w),
        }
    }

    fn field(&mut self, value: &str) {
        let value = neutralise(value);
        let d = char::from(self.delimiter);
        if value.contains([d, '"', '\r', '\n']) {
            self.line.push('"');
            self.line.push_str(&value.replace('"', "\"\""));
            self.line.push('"');
        } else {
            self.line.push_str(&value);
        }
    }

    fn sep(&mut self) {
        self.line.push(char::from(self.delimiter));
    }

    fn end_line(&mut self) {
        self.line.push_str("\r\n");
        if self.error.is_none() {
            if let Err(e) = self.w.write_all(self.line.as_bytes()) {
                self.error = Some(e);
            }
        }
        self.line.clear();
    }
}

impl<W: Write> RowSink for AnnotateSink<W> {
    fn header(&mut self, header: &HeaderView<'_>) {
        self.delimiter = header.delimiter;
        self.columns = header.columns.len();
        self.header_done = true;
        self.line.push('\u{FEFF}');
        for (i, col) in header.columns.iter().enumerate() {
            if i > 0 {
                self.sep();
            }
            let name = header
                .fields
                .get(i)
                .map_or(col.name.as_str(), String::as_str);
            self.field(name);
        }
        for (i, name) in TAMIS_COLUMNS.iter().enumerate() {
            if i > 0 || self.columns > 0 {
                self.sep();
            }
            self.line.push_str(name);
        }
        self.end_line();
    }

    fn row(&mut self, row: &RowView<'_>) {
        if self.error.is_some() {
            return;
        }
        for i in 0..self.columns {
            if i > 0 {
                self.sep();
            }
            self.field(row.field(i).unwrap_or(""));
        }
        let number = row.position.row.map(|r| r.to_string()).unwrap_or_default();
        let flags = row.flags.join(" ");
        let dup = row.duplicate_of.map(|r| r.to_string()).unwrap_or_default();
        let suggestion = row.suggestion.unwrap_or("");
        for (i, value) in [
            number.as_str(),
            row.status.as_str(),
            flags.as_str(),
            dup.as_str(),
            suggestion,
        ]
        .into_iter()
        .enumerate()
        {
            if i > 0 || self.columns > 0 {
                self.sep();
            }
            self.field(value);
        }
        // Fields beyond the header's columns, up to the last non-empty one, after the
        // tamis columns so that these stay aligned.
        if let Some(last) = (self.columns..row.len())
            .rev()
            .find(|&i| !row.field(i).unwrap_or("").is_empty())
        {
            for i in self.columns..=last {
                self.sep();
                self.field(row.field(i).unwrap_or(""));
            }
        }
        self.end_line();
    }
}

impl<W: Write> Sink for AnnotateSink<W> {
    fn take_error(&mut self) -> Option<Failure> {
        self.error
            .as_ref()
            .map(|e| Failure::msg(format!("cannot write the annotated file: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tamis::{Auditor, Options};

    fn annotate(input: &[u8]) -> String {
        let mut a = Auditor::new(Options::default()).unwrap();
        let mut sink = AnnotateSink::new(Vec::new());
        a.feed_with(input, &mut sink);
        a.finish_with(&mut sink);
        String::from_utf8(sink.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn adds_columns_quotes_and_neutralises() {
        let out = annotate(
            b"Nom;Email;Tel\r\nDupont;a@b.fr;+33 6 12 34 56 78\r\n=1+1;\"x;y\";-12,5\r\nSeul\r\n",
        );
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines[0], "\u{FEFF}Nom;Email;Tel;tamis_row;tamis_status;tamis_flags;tamis_duplicate_of;tamis_suggestion");
        assert!(
            lines[1].starts_with("Dupont;a@b.fr;+33 6 12 34 56 78;1;"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].starts_with("'=1+1;\"x;y\";-12,5;2;"),
            "{}",
            lines[2]
        );
        // Short rows are padded; statuses and flags are the core's (checked against
        // the library in tests/cli.rs).
        assert!(lines[3].starts_with("Seul;;;3;"), "{}", lines[3]);
        assert!(lines[3].contains("csv.ragged_row"), "{}", lines[3]);
        assert!(lines[3].ends_with(";;"), "{}", lines[3]);
        assert_eq!(lines[4], "");
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn long_rows_keep_their_extra_fields_after_the_tamis_columns() {
        let out = annotate(b"a,b\n1,2\n3,4,5\n");
        let lines: Vec<&str> = out.split("\r\n").collect();
        let fields: Vec<&str> = lines[2].split(',').collect();
        assert_eq!(fields.len(), 2 + 5 + 1, "{}", lines[2]);
        assert_eq!(&fields[..3], ["3", "4", "2"]);
        assert!(fields[4].contains("csv.ragged_row"), "{}", lines[2]);
        assert_eq!(&fields[5..], ["", "", "5"]);
    }

    #[test]
    fn atomic_file_leaves_nothing_behind_unless_committed() {
        let dir = std::env::temp_dir().join(format!("tamis-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let dest = dir.join("out.csv");
        {
            let mut f = AtomicFile::create(&dest).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert!(!dest.exists());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"whole").unwrap();
        f.commit().unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"whole");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }
}
