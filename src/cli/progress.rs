//! A one-line progress bar on stderr, for big files read by a person at a terminal.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

/// Files smaller than this get no bar.
const MIN_BYTES: u64 = 20 * 1000 * 1000;
const EVERY: Duration = Duration::from_millis(100);
const BAR: usize = 24;

/// The bar; does nothing unless stderr is a terminal and the input is big.
pub struct Progress {
    total: u64,
    start: Instant,
    last: Option<Instant>,
    enabled: bool,
}

impl Progress {
    /// A bar for an input of `size` bytes (unknown for stdin: no bar).
    pub fn new(size: Option<u64>) -> Progress {
        let total = size.unwrap_or(0);
        Progress {
            total,
            start: Instant::now(),
            last: None,
            enabled: total > MIN_BYTES && io::stderr().is_terminal(),
        }
    }

    /// A bar that never shows.
    pub fn off() -> Progress {
        Progress {
            total: 0,
            start: Instant::now(),
            last: None,
            enabled: false,
        }
    }

    /// Redraws (at most ten times a second).
    pub fn update(&mut self, bytes: u64, rows: u64) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if self.last.is_some_and(|t| now.duration_since(t) < EVERY) {
            return;
        }
        self.last = Some(now);
        let line = line(bytes, self.total, rows, now.duration_since(self.start));
        let mut e = io::stderr().lock();
        let _ = write!(e, "\r{line}");
        let _ = e.flush();
    }

    /// Erases the bar.
    pub fn finish(&mut self) {
        if self.enabled && self.last.is_some() {
            let mut e = io::stderr().lock();
            let _ = write!(e, "\r\x1b[2K");
            let _ = e.flush();
        }
        self.enabled = false;
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// `[#########...............]  38%   142.5 MB/s   1,234,567 rows`
fn line(bytes: u64, total: u64, rows: u64, elapsed: Duration) -> String {
    let frac = if total == 0 {
        0.0
    } else {
        (bytes as f64 / total as f64).min(1.0)
    };
    let filled = (frac * BAR as f64).round() as usize;
    let secs = elapsed.as_secs_f64().max(1e-3);
    let mbs = bytes as f64 / 1e6 / secs;
    format!(
        "[{}{}] {:>3.0}%  {:>7.1} MB/s  {} rows",
        "#".repeat(filled),
        ".".repeat(BAR - filled),
        frac * 100.0,
        mbs,
        super::text::thousands(rows)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_line() {
        let l = line(50, 100, 1234, Duration::from_secs(1));
        assert!(l.starts_with("[############............]  50%"), "{l}");
        assert!(l.ends_with("1,234 rows"), "{l}");
    }
}
