//! The CSV exports of `audit` (`--annotate OUT.csv`, `--usable OUT.csv`) and atomic file
//! output. The bytes are the core's ([`tamis::export`]): this file only writes them.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tamis::export::{CsvExport, ExportKind};
use tamis::{HeaderView, RowSink, RowView};

use super::input::Sink;
use super::{Failure, Result};

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

/// Bytes buffered before they are written out.
const FLUSH_AT: usize = 64 * 1024;

/// Writes one or more CSV exports as the auditor reads the rows, each to its own writer.
pub struct ExportSink<W: Write> {
    outs: Vec<(CsvExport, W, String)>,
    /// The first write error, naming its file.
    error: Option<String>,
}

impl<W: Write> ExportSink<W> {
    /// A sink writing each export to its writer (named in error messages).
    pub fn new(outs: Vec<(ExportKind, W, String)>) -> ExportSink<W> {
        ExportSink {
            outs: outs
                .into_iter()
                .map(|(k, w, name)| (CsvExport::new(k), w, name))
                .collect(),
            error: None,
        }
    }

    /// Whether the header was written (false when the input was not text or empty).
    pub fn header_done(&self) -> bool {
        self.outs.first().is_some_and(|(e, _, _)| e.header_done())
    }

    /// The writers back (everything written), with the data rows each export holds; or
    /// the first write error.
    pub fn into_inner(mut self) -> Result<Vec<(W, u64)>> {
        self.flush_all(0);
        match self.error {
            Some(e) => Err(Failure::msg(e)),
            None => Ok(self
                .outs
                .into_iter()
                .map(|(e, w, _)| (w, e.rows()))
                .collect()),
        }
    }

    /// Writes out the exports holding at least `min` bytes.
    fn flush_all(&mut self, min: usize) {
        for (export, w, name) in &mut self.outs {
            let buf = export.buffer();
            if buf.is_empty() || buf.len() < min {
                continue;
            }
            if self.error.is_none() {
                if let Err(e) = w.write_all(buf) {
                    self.error = Some(format!("cannot write {name}: {e}"));
                }
            }
            export.clear();
        }
    }
}

impl<W: Write> RowSink for ExportSink<W> {
    fn header(&mut self, header: &HeaderView<'_>) {
        for (export, _, _) in &mut self.outs {
            export.header(header);
        }
    }

    fn row(&mut self, row: &RowView<'_>) {
        if self.error.is_some() {
            return;
        }
        for (export, _, _) in &mut self.outs {
            export.row(row);
        }
        self.flush_all(FLUSH_AT);
    }
}

impl<W: Write> Sink for ExportSink<W> {
    fn take_error(&mut self) -> Option<Failure> {
        self.error.as_deref().map(Failure::msg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tamis::{Auditor, Options};

    fn annotate(input: &[u8]) -> String {
        let mut a = Auditor::new(Options::default()).unwrap();
        let mut sink = ExportSink::new(vec![(ExportKind::Annotated, Vec::new(), "out".into())]);
        a.feed_with(input, &mut sink);
        a.finish_with(&mut sink);
        let (bytes, _) = sink.into_inner().unwrap().pop().unwrap();
        String::from_utf8(bytes).unwrap()
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
