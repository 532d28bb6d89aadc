//! Text helpers for human output: safe cell display, widths, truncation, numbers.

use std::borrow::Cow;

use tamis::Severity;

/// A cell made safe for a terminal: line breaks shown as `↵`, tabs as a space, other
/// control and bidirectional-override characters as `�` (a cell cannot move the cursor,
/// change colours or reorder the line).
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_cleaning) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('↵');
            }
            '\n' => out.push('↵'),
            '\t' => out.push(' '),
            c if needs_cleaning(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_cleaning(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Columns a character takes in a terminal (0 for combining marks, 2 for wide ones).
fn char_width(c: char) -> usize {
    match c as u32 {
        0x0300..=0x036F | 0x200B..=0x200D | 0xFE00..=0xFE0F => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Display width of a string.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` cut to at most `max` columns, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    Cow::Owned(out)
}

/// `s` padded with spaces to `w` columns (left-aligned).
pub fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

/// `s` padded on the left to `w` columns (right-aligned).
pub fn rpad(s: &str, w: usize) -> String {
    let mut out = String::new();
    for _ in width(s)..w {
        out.push(' ');
    }
    out.push_str(s);
    out
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1234567` → `1.2 MB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if n < 1000 {
        return format!("{n} B");
    }
    let mut v = n as f64;
    let mut unit = "B";
    for u in UNITS {
        if v < 1000.0 {
            break;
        }
        v /= 1000.0;
        unit = u;
    }
    format!("{v:.1} {unit}")
}

/// `info`, `warning` or `error`.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// A simple aligned table: a header row, then rows; each cell cut to `max` columns.
pub struct Table {
    widths: Vec<usize>,
    max: usize,
    right: Vec<bool>,
}

impl Table {
    /// A table whose column widths fit `header` and `rows`, each at most `max` wide.
    /// Columns flagged in `right` are right-aligned.
    pub fn fit<'a>(
        header: &[&str],
        rows: impl IntoIterator<Item = &'a [String]>,
        max: usize,
        right: &[bool],
    ) -> Table {
        let mut widths: Vec<usize> = header.iter().map(|h| width(&clean(h)).min(max)).collect();
        for row in rows {
            for (i, cell) in row.iter().enumerate() {
                let w = width(&clean(cell)).min(max);
                if i >= widths.len() {
                    widths.push(w);
                } else if w > widths[i] {
                    widths[i] = w;
                }
            }
        }
        Table {
            widths,
            max,
            right: right.to_vec(),
        }
    }

    /// One line (no newline), trailing blanks removed.
    pub fn line<S: AsRef<str>>(&self, cells: &[S]) -> String {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            let cleaned = clean(cell.as_ref());
            let w = self.widths.get(i).copied().unwrap_or(self.max);
            let cut = truncate(&cleaned, w.min(self.max).max(1));
            if self.right.get(i).copied().unwrap_or(false) {
                out.push_str(&rpad(&cut, w));
            } else {
                out.push_str(&pad(&cut, w));
            }
        }
        out.truncate(out.trim_end().len());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_and_widths() {
        assert_eq!(clean("a\r\nb\nc\td\x1b[31m"), "a↵b↵c d\u{FFFD}[31m");
        assert_eq!(clean("Ren\u{e9}"), "René");
        assert_eq!(width("René"), 4);
        assert_eq!(width("Rene\u{301}"), 4);
        assert_eq!(truncate("abcdefgh", 5), "abcd…");
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(123), "123");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(1_234_567), "1.2 MB");
    }

    #[test]
    fn table_aligns() {
        let rows = [
            vec!["1".to_string(), "Éloïse".to_string()],
            vec!["12".to_string(), "a very long value".to_string()],
        ];
        let t = Table::fit(
            &["row", "name"],
            rows.iter().map(|r| r.as_slice()),
            8,
            &[true, false],
        );
        assert_eq!(t.line(&["row", "name"]), "row  name");
        assert_eq!(t.line(&rows[0]), "  1  Éloïse");
        assert_eq!(t.line(&rows[1]), " 12  a very …");
    }
}
