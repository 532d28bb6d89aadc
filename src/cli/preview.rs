//! `tamis preview`: how a file is read, and its first rows (or all, streamed).

use std::io::IsTerminal;
use std::path::Path;

use tamis::{Auditor, Options, Preview, PreviewRow, Report, RowSink, RowView};

use super::input::{feed_all, Input, Sink};
use super::progress::Progress;
use super::text::{self, Table};
use super::{Failure, Out, Result, RowLimit};

/// Rows sampled to size the table's columns before streaming the rest.
const TABLE_SAMPLE: u64 = 100;
/// Widest a cell is shown.
const CELL_MAX: usize = 24;

/// Runs the command.
pub fn run(path: &Path, mut opts: Options, limit: RowLimit, json: bool) -> Result<()> {
    // Rows come through the sink: the auditor keeps none.
    opts.preview_rows = 0;
    let mut auditor = Auditor::new(opts)?;
    let mut input = Input::open(path)?;
    let limit = match limit {
        RowLimit::All => None,
        RowLimit::First(n) => Some(n),
    };
    // The bar would garble the rows on a terminal: only when they go elsewhere.
    let mut progress = if limit.is_none() && !std::io::stdout().is_terminal() {
        Progress::new(input.size)
    } else {
        Progress::off()
    };
    let mut sink = PreviewSink::new(json, limit, input.name.clone());
    feed_all(&mut auditor, &mut input, &mut sink, &mut progress)?;
    let (report, preview) = auditor.finish_with_preview(&mut sink);
    progress.finish();
    if let Some(f) = sink.error.take() {
        return Err(f);
    }
    sink.finish(preview.as_ref(), &report)
}

struct PreviewSink {
    out: Out,
    json: bool,
    limit: Option<u64>,
    name: String,
    /// Rows taken (at most `limit`).
    seen: u64,
    /// Rows not yet written.
    pending: Vec<PreviewRow>,
    /// The dialect and columns, once written out.
    started: bool,
    /// The table's header cells: `row` and the column names.
    header: Vec<String>,
    table: Option<Table>,
    written: u64,
    error: Option<Failure>,
}

impl PreviewSink {
    fn new(json: bool, limit: Option<u64>, name: String) -> PreviewSink {
        PreviewSink {
            out: Out::new(),
            json,
            limit,
            name,
            seen: 0,
            pending: Vec::new(),
            started: false,
            header: Vec::new(),
            table: None,
            written: 0,
            error: None,
        }
    }

    fn sample_size(&self) -> u64 {
        self.limit.map_or(TABLE_SAMPLE, |n| n.min(TABLE_SAMPLE))
    }

    /// Writes the dialect and columns (and, for the table, sizes its columns from the
    /// rows seen so far).
    fn start(&mut self, meta: &Preview) -> Result<()> {
        self.started = true;
        if self.json {
            let mut head = meta.clone();
            head.rows.clear();
            let s = serde_json::to_string_pretty(&head).map_err(|e| Failure::msg(e.to_string()))?;
            // `..."rows": []\n}`: open the array and stream the rows into it.
            let open = s
                .strip_suffix("[]\n}")
                .ok_or_else(|| Failure::msg("unexpected preview JSON"))?;
            self.out.put(open)?;
            self.out.put("[")?;
            return Ok(());
        }
        let delimiter = match meta.delimiter.as_str() {
            "\t" => "tab".to_string(),
            " " => "space".to_string(),
            d => d.to_string(),
        };
        let mut s = String::new();
        s.push_str(&format!("file         {}\n", text::clean(&self.name)));
        s.push_str(&format!("encoding     {}\n", meta.encoding));
        s.push_str(&format!("delimiter    {delimiter}\n"));
        s.push_str(&format!("title lines  {}\n", meta.title_lines));
        s.push_str(&format!(
            "header       {}\n\n",
            if meta.header { "yes" } else { "no" }
        ));
        let cols: Vec<Vec<String>> = meta
            .columns
            .iter()
            .map(|c| {
                vec![
                    c.index.to_string(),
                    c.name.clone(),
                    role_name(c.role),
                    source_name(c.role_source),
                ]
            })
            .collect();
        let t = Table::fit(
            &["#", "column", "role", "from"],
            cols.iter().map(|r| r.as_slice()),
            32,
            &[true],
        );
        s.push_str(&t.line(&["#", "column", "role", "from"]));
        s.push('\n');
        for c in &cols {
            s.push_str(&t.line(c));
            s.push('\n');
        }
        self.out.put(&s)?;
        let mut header = vec!["row".to_string()];
        header.extend(meta.columns.iter().map(|c| c.name.clone()));
        self.header = header;
        Ok(())
    }

    fn lay_out(&mut self) -> Result<()> {
        let cells: Vec<Vec<String>> = self.pending.iter().map(row_cells).collect();
        let header: Vec<&str> = self.header.iter().map(String::as_str).collect();
        let t = Table::fit(
            &header,
            cells.iter().map(|r| r.as_slice()),
            CELL_MAX,
            &[true],
        );
        self.out.put("\n")?;
        self.out.put(&t.line(&header))?;
        self.out.put("\n")?;
        self.table = Some(t);
        Ok(())
    }

    /// Writes the pending rows if the output is ready for them.
    fn drain(&mut self, at_end: bool) -> Result<()> {
        if !self.started {
            return Ok(());
        }
        if !self.json && self.table.is_none() {
            if !at_end && (self.pending.len() as u64) < self.sample_size() {
                return Ok(());
            }
            self.lay_out()?;
        }
        let pending = std::mem::take(&mut self.pending);
        for row in &pending {
            self.write_row(row)?;
        }
        Ok(())
    }

    fn write_row(&mut self, row: &PreviewRow) -> Result<()> {
        if self.json {
            let s = serde_json::to_string_pretty(row).map_err(|e| Failure::msg(e.to_string()))?;
            self.out.put(if self.written == 0 { "\n" } else { ",\n" })?;
            for (i, line) in s.lines().enumerate() {
                if i > 0 {
                    self.out.put("\n")?;
                }
                self.out.put("    ")?;
                self.out.put(line)?;
            }
        } else if let Some(t) = &self.table {
            let line = t.line(&row_cells(row));
            self.out.put(&line)?;
            self.out.put("\n")?;
        }
        self.written += 1;
        Ok(())
    }

    fn finish(mut self, preview: Option<&Preview>, report: &Report) -> Result<()> {
        let Some(meta) = preview else {
            let why = if report.count("csv.not_text") > 0 {
                "it is not a delimited text file"
            } else {
                "it is empty"
            };
            return Err(Failure::msg(format!("cannot preview {}: {why}", self.name)));
        };
        if !self.started {
            self.start(meta)?;
        }
        self.drain(true)?;
        if self.json {
            self.out.put(if self.written == 0 {
                "]\n}\n"
            } else {
                "\n  ]\n}\n"
            })?;
        } else if self.written == 0 && self.limit != Some(0) {
            self.out.put("\n(no data rows)\n")?;
        }
        self.out.flush()
    }
}

impl RowSink for PreviewSink {
    fn row(&mut self, row: &RowView<'_>) {
        if self.error.is_some() || self.done() {
            return;
        }
        self.seen += 1;
        let row = PreviewRow {
            row: row.position.row.unwrap_or(self.seen),
            fields: row.fields().map(str::to_string).collect(),
        };
        if self.started && (self.json || self.table.is_some()) {
            if let Err(f) = self.write_row(&row) {
                self.error = Some(f);
            }
        } else {
            self.pending.push(row);
        }
    }
}

impl Sink for PreviewSink {
    fn take_error(&mut self) -> Option<Failure> {
        self.error.take()
    }

    fn done(&self) -> bool {
        self.limit.is_some_and(|n| self.seen >= n)
    }

    fn after_chunk(&mut self, auditor: &Auditor) {
        if self.error.is_some() {
            return;
        }
        let result = match auditor.preview() {
            Some(meta) if !self.started => {
                self.start(&meta.clone()).and_then(|()| self.drain(false))
            }
            _ => self.drain(false),
        };
        if let Err(f) = result {
            self.error = Some(f);
        }
    }
}

fn row_cells(row: &PreviewRow) -> Vec<String> {
    let mut cells = Vec::with_capacity(row.fields.len() + 1);
    cells.push(row.row.to_string());
    cells.extend(row.fields.iter().cloned());
    cells
}

/// A role's JSON name (`first_name`).
pub fn role_name(role: tamis::Role) -> String {
    role.as_str().to_string()
}

/// A role source's JSON name (`header`, `content`...).
pub fn source_name(source: tamis::RoleSource) -> String {
    serde_json::to_value(source)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
