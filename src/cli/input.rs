//! Reading the input: a file or standard input, pushed into the auditor in 64 KiB chunks.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use tamis::{Auditor, RowSink};

use super::progress::Progress;
use super::{Failure, Result};

/// Bytes read per chunk.
pub const CHUNK: usize = 64 * 1024;

/// An opened input.
pub struct Input {
    reader: Box<dyn Read>,
    /// Its size, when known (a regular file).
    pub size: Option<u64>,
    /// How to name it in messages.
    pub name: String,
}

impl Input {
    /// Opens `path`, or standard input for `-`.
    pub fn open(path: &Path) -> Result<Input> {
        if path.as_os_str() == "-" {
            return Ok(Input {
                reader: Box::new(io::stdin().lock()),
                size: None,
                name: "<stdin>".into(),
            });
        }
        let name = path.display().to_string();
        let file =
            File::open(path).map_err(|e| Failure::msg(format!("cannot open {name}: {e}")))?;
        let meta = file
            .metadata()
            .map_err(|e| Failure::msg(format!("cannot read {name}: {e}")))?;
        if meta.is_dir() {
            return Err(Failure::msg(format!(
                "cannot read {name}: it is a directory"
            )));
        }
        let size = meta.is_file().then_some(meta.len());
        Ok(Input {
            reader: Box::new(file),
            size,
            name,
        })
    }
}

/// A row sink the read loop can ask whether to stop, and whether it failed.
pub trait Sink: RowSink {
    /// An error that should end the run (e.g. a write that failed).
    fn take_error(&mut self) -> Option<Failure> {
        None
    }
    /// True once the sink needs no more rows.
    fn done(&self) -> bool {
        false
    }
    /// Called after every chunk (the auditor's state is then consistent).
    fn after_chunk(&mut self, _auditor: &Auditor) {}
}

impl Input {
    /// Reads the next bytes (0 at the end), retrying when interrupted.
    pub fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.reader.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                r => return r,
            }
        }
    }
}

/// Feeds the whole input (or until the sink is done) into `auditor`.
pub fn feed_all<S: Sink>(
    auditor: &mut Auditor,
    input: &mut Input,
    sink: &mut S,
    progress: &mut Progress,
) -> Result<()> {
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match input.reader.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Failure::msg(format!("cannot read {}: {e}", input.name))),
        };
        auditor.feed_with(&buf[..n], sink);
        sink.after_chunk(auditor);
        if let Some(f) = sink.take_error() {
            return Err(f);
        }
        progress.update(auditor.bytes_fed(), auditor.rows());
        if sink.done() {
            return Ok(());
        }
    }
}

/// A sink that keeps nothing.
pub struct Discard;

impl RowSink for Discard {
    fn row(&mut self, _row: &tamis::RowView<'_>) {}
}

impl Sink for Discard {}
